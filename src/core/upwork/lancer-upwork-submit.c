/* lancer-upwork-submit.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-upwork-submit"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-upwork-requests.h"
#include "lancer-upwork-submit.h"

typedef struct
{
  char   *job_id;
  double  amount;
  char   *cover_letter;
  char   *estimated_duration;
} Submit;

/* Owned copies: the task outlives the caller's @terms. An empty estimated
 * duration is none: the field is left out. */
static Submit *
submit_new (const LancerUpworkProposalTerms *terms)
{
  Submit *s = g_new0 (Submit, 1);

  s->job_id = g_strdup (terms->job_id);
  s->amount = terms->charged_amount;
  s->cover_letter = g_strdup (terms->cover_letter);
  if (terms->estimated_duration != NULL && *terms->estimated_duration != '\0')
    s->estimated_duration = g_strdup (terms->estimated_duration);
  return s;
}

static void
submit_free (Submit *s)
{
  g_free (s->job_id);
  g_free (s->cover_letter);
  g_free (s->estimated_duration);
  g_free (s);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static GError *
explain_error (GError *error)
{
  GError *out;

  if (!g_error_matches (error, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_MISSING_SCOPE) &&
      !g_error_matches (error, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_FORBIDDEN))
    return error;
  out = g_error_new (LANCER_UPWORK_ERROR, error->code,
                     _("Your Upwork API key lacks the “%s” permission, so Lancer can’t submit proposals. "
                       "Enable it for the key at https://www.upwork.com/developer/keys, then sign in again."),
                     lancer_upwork_resource_permission ("submit"));
  g_error_free (error);
  return out;
}

static void
submitted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(JsonNode) data = lancer_upwork_client_query_finish (LANCER_UPWORK_CLIENT (source), result, &error);
  JsonObject *payload;
  const char *id;
  const char *message;

  if (data == NULL)
    {
      g_task_return_error (task, explain_error (error));
      return;
    }
  payload = member_object (json_node_get_object (data), "createJobProposal");
  id = member_string (payload, "newProposalId");
  message = member_string (payload, "error");
  if (id == NULL || *id == '\0')
    {
      g_task_return_new_error (task, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_GRAPHQL,
                               _("Upwork did not accept the proposal: %s"),
                               message != NULL && *message != '\0' ? message : _("unknown error"));
      return;
    }
  g_task_return_pointer (task, g_strdup (id), g_free);
}

static void
me_cb (GObject      *source,
       GAsyncResult *result,
       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LancerUpworkClient *client = LANCER_UPWORK_CLIENT (source);
  Submit *s = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonNode) data = lancer_upwork_client_query_finish (client, result, &error);
  g_autoptr(JsonNode) variables = NULL;
  JsonObject *user;
  const char *user_id, *user_nid, *org_id;

  if (data == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  user = member_object (json_node_get_object (data), "user");
  user_id = member_string (user, "id");
  user_nid = member_string (user, "nid");
  org_id = lancer_upwork_client_get_tenant_id (client);
  if (org_id == NULL || *org_id == '\0')
    org_id = member_string (member_object (json_node_get_object (data), "organization"), "id");
  if (user_id == NULL || user_nid == NULL || org_id == NULL)
    {
      g_task_return_new_error (task, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_BAD_RESPONSE,
                               _("Upwork did not say which account and organization to submit for."));
      return;
    }

  variables = lancer_upwork_submit_variables (s->job_id, user_id, user_nid, org_id, s->amount, s->cover_letter,
                                              s->estimated_duration);

  lancer_upwork_client_query_async (client, "submit-proposal", variables,
                                    g_task_get_cancellable (task), submitted_cb, g_object_ref (task));
}

static gboolean
is_numeric (const char *s)
{
  if (s == NULL || *s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

void
lancer_upwork_submit_proposal_async (LancerUpworkClient              *client,
                                     const LancerUpworkProposalTerms *terms,
                                     GCancellable                    *cancellable,
                                     GAsyncReadyCallback              callback,
                                     gpointer                         user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LANCER_IS_UPWORK_CLIENT (client));
  g_return_if_fail (terms != NULL);

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_upwork_submit_proposal_async);
  if (!is_numeric (terms->job_id))
    {
      g_task_return_new_error (task, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_FAILED,
                               _("This job has no numeric Upwork id, so it can’t be submitted through the API."));
      return;
    }
  if (terms->cover_letter == NULL || *terms->cover_letter == '\0' || !(terms->charged_amount > 0))
    {
      g_task_return_new_error (task, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_FAILED,
                               _("A proposal needs a cover letter and an amount above zero."));
      return;
    }
  g_task_set_task_data (task, submit_new (terms), (GDestroyNotify) submit_free);
  lancer_upwork_client_query_async (client, "me", NULL, cancellable, me_cb, g_steal_pointer (&task));
}

char *
lancer_upwork_submit_proposal_finish (LancerUpworkClient              *client,
                                      GAsyncResult                    *result,
                                      GError                         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
