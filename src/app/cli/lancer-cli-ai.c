/* lancer-cli-ai.c: analyze and propose
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "lancer-cli.h"
#include "lancer-cli-upwork.h"
#include "lancer-ai-service.h"
#include "lancer-session.h"

/* The AI service needs the whole session (settings, audit log, store). */
static LancerSession *
open_session (LancerCli  *cli,
              GError    **error)
{
  LancerProfile *profile = lancer_cli_get_profile (cli, error);
  g_autoptr(LancerSession) session = NULL;

  if (profile == NULL)
    return NULL;

  session = lancer_session_new (lancer_cli_get_manager (cli), profile);
  lancer_session_open (session);
  while (lancer_session_get_state (session) == LANCER_SESSION_OPENING)
    g_main_context_iteration (NULL, TRUE);
  if (lancer_session_get_state (session) != LANCER_SESSION_READY)
    {
      g_set_error_literal (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_FAILED,
                           lancer_session_get_error_message (session)
                             ? lancer_session_get_error_message (session)
                             : _("The profile could not be opened"));
      return NULL;
    }
  return g_steal_pointer (&session);
}

/* Says once, before the first call to a cloud provider, what goes out. */
static void
note_consent (LancerAiService *service)
{
  g_autofree char *model = NULL;

  if (!lancer_ai_service_needs_consent (service))
    return;
  model = lancer_ai_service_dup_model (service);
  g_printerr (_("lancer-cli: sending the job and your writer profile to %s (%s); e-mail addresses and phone numbers are removed.\n"),
              lancer_ai_service_get_provider_name (lancer_ai_service_get_provider_id (service)), model);
  lancer_ai_service_grant_consent (service);
}

static void
warn_budget (LancerCli       *cli,
             LancerAiService *service)
{
  g_autoptr(GAsyncResult) result = NULL;
  LancerAiBudgetState state = LANCER_AI_BUDGET_OK;
  double spend = 0;

  lancer_ai_service_check_budget_async (service, NULL, lancer_cli_async_cb, &result);
  /* A spent budget fails the call itself with the full reason. */
  if (lancer_ai_service_check_budget_finish (service, lancer_cli_wait (cli, &result), &state, &spend, NULL) &&
      state == LANCER_AI_BUDGET_WARN)
    g_printerr (_("lancer-cli: %.0f %% of this month’s AI budget is spent ($%.2f of $%.2f).\n"),
                100.0 * spend / lancer_ai_service_get_budget (service), spend,
                lancer_ai_service_get_budget (service));
}

/* Opens the profile's session, loads @job_id and starts the AI service on
 * it: what analyze and propose both need before their call. */
static LancerAiService *
start_service_for_job (LancerCli   *cli,
                       const char  *job_id,
                       LancerJob  **job,
                       GError     **error)
{
  g_autoptr(LancerSession) session = open_session (cli, error);
  LancerAiService *service;

  if (session == NULL ||
      (*job = lancer_cli_load_job (cli, lancer_session_get_store (session), job_id, error)) == NULL)
    return NULL;
  service = lancer_ai_service_new (session);
  note_consent (service);
  warn_budget (cli, service);
  return service;
}

static JsonArray *
strv_to_array (char **strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

int
lancer_cli_analyze (LancerCli  *cli,
                    int         argc,
                    char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LancerAiService) service = NULL;
  g_autoptr(LancerJob) job = NULL;
  g_autoptr(LancerJobAnalysis) analysis = NULL;

  if (!lancer_cli_parse_options (cli, _("JOB_ID"), _("An AI analysis of a stored job: fit, red flags, questions and a rate."),
                                 NULL, &argc, &argv, &error))
    return lancer_cli_fail (cli, error);
  if (argc != 2)
    return lancer_cli_fail_message (cli, _("Usage: lancer-cli analyze JOB_ID [--json]"));

  if ((service = start_service_for_job (cli, argv[1], &job, &error)) == NULL)
    return lancer_cli_fail (cli, error);
  lancer_ai_service_analyse_async (service, job, NULL, lancer_cli_async_cb, &result);
  analysis = lancer_ai_service_analyse_finish (service, lancer_cli_wait (cli, &result), &error);
  if (analysis == NULL)
    return lancer_cli_fail (cli, error);

  if (lancer_cli_get_json (cli))
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      JsonObject *o = json_object_new ();
      JsonObject *rate = json_object_new ();

      json_object_set_string_member (o, "job_id", argv[1]);
      json_object_set_int_member (o, "fit_score", analysis->fit_score);
      json_object_set_string_member (o, "summary", analysis->summary);
      json_object_set_array_member (o, "red_flags", strv_to_array (analysis->red_flags));
      json_object_set_array_member (o, "questions", strv_to_array (analysis->questions));
      json_object_set_double_member (rate, "amount", analysis->rate_amount);
      json_object_set_string_member (rate, "currency", analysis->rate_currency);
      json_object_set_string_member (rate, "unit", analysis->rate_unit);
      json_object_set_object_member (o, "suggested_rate", rate);
      json_object_set_boolean_member (o, "repaired", analysis->repaired);
      json_node_take_object (root, o);
      lancer_cli_print_json (cli, root);
      return LANCER_CLI_EXIT_OK;
    }

  g_print (_("Fit: %d/100\n"), analysis->fit_score);
  g_print ("%s\n", analysis->summary);
  if (analysis->red_flags[0] != NULL)
    {
      g_print ("\n%s\n", _("Red flags:"));
      for (guint i = 0; analysis->red_flags[i] != NULL; i++)
        g_print ("  • %s\n", analysis->red_flags[i]);
    }
  if (analysis->questions[0] != NULL)
    {
      g_print ("\n%s\n", _("Questions for the client:"));
      for (guint i = 0; analysis->questions[i] != NULL; i++)
        g_print ("  • %s\n", analysis->questions[i]);
    }
  g_print ("\n");
  if (g_strcmp0 (analysis->rate_unit, "hour") == 0)
    g_print (_("Suggested rate: %.0f %s per hour\n"), analysis->rate_amount, analysis->rate_currency);
  else
    g_print (_("Suggested price: %.0f %s\n"), analysis->rate_amount, analysis->rate_currency);
  return LANCER_CLI_EXIT_OK;
}

static void
print_variant_header (guint variant)
{
  g_print (_("--- Variant %c (%s) ---\n"), 'A' + variant, lancer_proposal_writer_get_strategy (variant));
}

/* Variant A streams live; the others go to @later, a GString per variant,
 * and are printed when the stream ends. */
static void
propose_delta_cb (guint       variant,
                  const char *delta,
                  gsize       len,
                  GPtrArray  *later)
{
  if (variant == 0)
    {
      fwrite (delta, 1, len, stdout);
      fflush (stdout);
    }
  else if (variant < later->len)
    g_string_append_len (g_ptr_array_index (later, variant), delta, len);
}

static void
string_free (gpointer data)
{
  g_string_free (data, TRUE);
}

int
lancer_cli_propose (LancerCli  *cli,
                    int         argc,
                    char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LancerAiService) service = NULL;
  g_autoptr(LancerJob) job = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) later = NULL;
  LancerProposalOptions options;
  int n_variants = 1;
  GOptionEntry entries[] = {
    { "variants", 0, 0, G_OPTION_ARG_INT, &n_variants, N_("Write N variants with different openings (default 1)"), N_("N") },
    { NULL }
  };

  if (!lancer_cli_parse_options (cli, _("JOB_ID"), _("Streams an AI proposal draft for a stored job to stdout."),
                                 entries, &argc, &argv, &error))
    return lancer_cli_fail (cli, error);
  if (argc != 2)
    return lancer_cli_fail_message (cli, _("Usage: lancer-cli propose JOB_ID [--variants N]"));
  if (n_variants < 1 || n_variants > 3)
    return lancer_cli_fail_message (cli, _("--variants takes 1, 2 or 3"));

  if ((service = start_service_for_job (cli, argv[1], &job, &error)) == NULL)
    return lancer_cli_fail (cli, error);
  lancer_ai_service_init_options (service, &options, n_variants);

  later = g_ptr_array_new_with_free_func (string_free);
  for (int i = 0; i < n_variants; i++)
    g_ptr_array_add (later, g_string_new (NULL));

  if (n_variants > 1)
    print_variant_header (0);
  lancer_ai_service_write_proposal_async (service, job, &options, (LancerProposalDeltaFunc) propose_delta_cb,
                                          later, NULL, NULL, lancer_cli_async_cb, &result);
  drafts = lancer_ai_service_write_proposal_finish (service, lancer_cli_wait (cli, &result), &error);
  g_print ("\n");
  if (drafts == NULL)
    return lancer_cli_fail (cli, error);

  for (int i = 1; i < n_variants; i++)
    {
      g_print ("\n");
      print_variant_header (i);
      g_print ("%s\n", ((GString *) g_ptr_array_index (later, i))->str);
    }
  for (guint i = 0; i < drafts->len; i++)
    {
      LancerAiDraft *draft = g_ptr_array_index (drafts, i);
      if (draft->partial)
        {
          g_printerr (_("lancer-cli: the draft stopped early; what arrived is saved as a partial draft\n"));
          return LANCER_CLI_EXIT_PARTIAL;
        }
    }
  return LANCER_CLI_EXIT_OK;
}
