/* dump-upwork-requests.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "lancer-upwork-client.h"
#include "lancer-upwork-requests.h"

/* Prints every GraphQL request Lancer can send as a JSON array of
 * {name, document, variables}: the documents compiled into the binary
 * and the variables built by the same functions the sync, the access
 * check and the submit use, with values in the shapes they really carry.
 * tests/data/check-upwork-requests.py validates them all against
 * Upwork's published schema. */

typedef struct
{
  const char *name;
  JsonNode   *variables;   /* NULL: none */
} Request;

int
main (void)
{
  Request requests[] = {
    { "me", NULL },
    /* a saved search's first page, a later page, the empty search */
    { "search", lancer_upwork_search_variables ("gtk OR libadwaita", TRUE, NULL, 50) },
    { "search", lancer_upwork_search_variables ("rust", FALSE, "50", 50) },
    { "search", lancer_upwork_search_variables (NULL, FALSE, NULL, 1) },
    { "job", lancer_upwork_job_variables ("1978704153911649005") },
    { "proposals", lancer_upwork_proposals_variables ("Offered", NULL, LANCER_UPWORK_PROPOSALS_PAGE) },
    { "proposals", lancer_upwork_proposals_variables ("Pending", "20", LANCER_UPWORK_PROPOSALS_PAGE / 2) },
    { "rooms", lancer_upwork_rooms_variables (NULL, LANCER_UPWORK_MAX_PAGE) },
    { "rooms", lancer_upwork_rooms_variables ("50", LANCER_UPWORK_MAX_PAGE) },
    { "stories", lancer_upwork_stories_variables ("room_5b2c3d4e5f60718293a4b5c6d7e8f901", NULL, 50) },
    { "stories", lancer_upwork_stories_variables ("room_5b2c3d4e5f60718293a4b5c6d7e8f901", "50", 50) },
    { "send-message", lancer_upwork_send_message_variables ("room_5b2c3d4e5f60718293a4b5c6d7e8f901",
                                                             "Thanks, I'll send the draft by Friday.") },
    { "contracts", lancer_upwork_contracts_variables ("1181921839933591552", 0, LANCER_UPWORK_MAX_PAGE) },
    { "contracts", lancer_upwork_contracts_variables (NULL, 50, LANCER_UPWORK_MAX_PAGE) },
    { "work-days", lancer_upwork_work_days_variables ("38100000", "20261122", "20261206") },
    { "diary-day", lancer_upwork_diary_day_variables ("38100000", "20261205") },
    { "accounting", NULL },
    { "transactions", lancer_upwork_transactions_variables ("1181921839937785857", "2026-09-07", "2026-12-06") },
    { "submit-proposal", lancer_upwork_submit_variables ("1978704153911649005", "1181921839933591552",
                                                         "foofreelancer", "1181921839937785857", 45.0,
                                                         "Hello — I have shipped three GTK 4 apps.",
                                                         "1 to 3 months") },
  };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      const char *document = lancer_upwork_get_query (requests[i].name);

      if (document == NULL)
        g_error ("no compiled query named %s", requests[i].name);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, requests[i].name);
      json_builder_set_member_name (b, "document");
      json_builder_add_string_value (b, document);
      json_builder_set_member_name (b, "variables");
      if (requests[i].variables != NULL)
        json_builder_add_value (b, requests[i].variables);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
  return 0;
}
