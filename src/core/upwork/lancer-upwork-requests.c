/* lancer-upwork-requests.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-upwork"

#include "config.h"

#include "lancer-json.h"
#include "lancer-upwork-requests.h"

/* Every input type and field named here is checked against Upwork's
 * published schema (data/upwork-schema.graphql) by the data
 * suite, with the values these functions really build. */

/* Pagination { first, after } with an offset-string cursor. */
static void
add_pagination (JsonBuilder *b,
                const char  *name,
                const char  *after,
                guint        first)
{
  lancer_json_begin_object (b, name);
  lancer_json_add_int (b, "first", CLAMP (first, 1, LANCER_UPWORK_MAX_PAGE));
  lancer_json_add_string (b, "after", after != NULL ? after : "0");
  json_builder_end_object (b);
}

static JsonNode *
finish (JsonBuilder *b)
{
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* { OUTER: { IDS: [ID], RANGE: { rangeStart, rangeEnd } } }: one id's
 * records over a span of days (work days, transactions). */
static JsonNode *
id_in_range_variables (const char *outer,
                       const char *ids_name,
                       const char *id,
                       const char *range_name,
                       const char *from_day,
                       const char *to_day)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  lancer_json_begin_object (b, outer);
  json_builder_set_member_name (b, ids_name);
  json_builder_begin_array (b);
  json_builder_add_string_value (b, id);
  json_builder_end_array (b);
  lancer_json_begin_object (b, range_name);
  lancer_json_add_string (b, "rangeStart", from_day);
  lancer_json_add_string (b, "rangeEnd", to_day);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return finish (b);
}

/* { input: { NAME: VALUE, NAME2: VALUE2 } }: a diary day, a message. */
static JsonNode *
input_variables (const char *name,
                 const char *value,
                 const char *name2,
                 const char *value2)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  lancer_json_begin_object (b, "input");
  lancer_json_add_string (b, name, value);
  lancer_json_add_string (b, name2, value2);
  json_builder_end_object (b);
  return finish (b);
}

JsonNode *
lancer_upwork_search_variables (const char *search_expression,
                                gboolean    verified_payment_only,
                                const char *after,
                                guint       first)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  lancer_json_begin_object (b, "filter");
  if (search_expression != NULL && *search_expression != '\0')
    lancer_json_add_string (b, "searchExpression_eq", search_expression);
  if (verified_payment_only)
    {
      json_builder_set_member_name (b, "verifiedPaymentOnly_eq");
      json_builder_add_boolean_value (b, TRUE);
    }
  add_pagination (b, "pagination_eq", after, first);
  json_builder_end_object (b);
  return finish (b);
}

JsonNode *
lancer_upwork_job_variables (const char *job_id)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  lancer_json_add_string (b, "id", job_id);
  return finish (b);
}

JsonNode *
lancer_upwork_proposals_variables (const char *status,
                                   const char *after,
                                   guint       first)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  lancer_json_begin_object (b, "filter");
  lancer_json_add_string (b, "status_eq", status);
  json_builder_end_object (b);
  add_pagination (b, "pagination", after, first);
  return finish (b);
}

JsonNode *
lancer_upwork_rooms_variables (const char *after,
                               guint       first)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_pagination (b, "pagination", after, first);
  return finish (b);
}

JsonNode *
lancer_upwork_stories_variables (const char *room_id,
                                 const char *after,
                                 guint       first)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  lancer_json_begin_object (b, "filter");
  lancer_json_add_string (b, "roomId_eq", room_id);
  lancer_json_begin_object (b, "storyFilter");
  add_pagination (b, "pagination", after, first);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return finish (b);
}

JsonNode *
lancer_upwork_contracts_variables (const char *person_id,
                                   guint       offset,
                                   guint       limit)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  lancer_json_begin_object (b, "filter");
  if (person_id != NULL)
    lancer_json_add_string (b, "personId", person_id);
  lancer_json_begin_object (b, "pagination");
  lancer_json_add_int (b, "offset", offset);
  lancer_json_add_int (b, "limit", CLAMP (limit, 1, LANCER_UPWORK_MAX_PAGE));
  json_builder_end_object (b);
  json_builder_end_object (b);
  return finish (b);
}

JsonNode *
lancer_upwork_work_days_variables (const char *contract_id,
                                   const char *from_day,
                                   const char *to_day)
{
  return id_in_range_variables ("input", "contractIds", contract_id, "timeRange", from_day, to_day);
}

JsonNode *
lancer_upwork_diary_day_variables (const char *contract_id,
                                   const char *day)
{
  return input_variables ("contractId", contract_id, "date", day);
}

JsonNode *
lancer_upwork_transactions_variables (const char *accounting_id,
                                      const char *from_day,
                                      const char *to_day)
{
  return id_in_range_variables ("filter", "aceIds_any", accounting_id, "transactionDateTime_bt", from_day, to_day);
}

JsonNode *
lancer_upwork_send_message_variables (const char *room_id,
                                      const char *message)
{
  return input_variables ("roomId", room_id, "message", message);
}

JsonNode *
lancer_upwork_submit_variables (const char *job_id,
                                const char *user_id,
                                const char *user_nid,
                                const char *organization_id,
                                double      charged_amount,
                                const char *cover_letter,
                                const char *estimated_duration)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  lancer_json_begin_object (b, "input");
  lancer_json_add_string (b, "jobReference", job_id);
  lancer_json_begin_object (b, "selectedContractor");
  lancer_json_add_string (b, "id", user_id);
  lancer_json_add_string (b, "oDeskUserID", user_nid);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "chargedAmount");
  json_builder_add_double_value (b, charged_amount);
  lancer_json_add_string (b, "coverLetter", cover_letter);
  lancer_json_add_string (b, "teamOrgId", organization_id);
  if (estimated_duration != NULL)
    lancer_json_add_string (b, "estimatedDuration", estimated_duration);
  json_builder_end_object (b);
  return finish (b);
}
