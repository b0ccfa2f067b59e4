/* test-ai-service.c: the AI service and CLI over a real profile and the sandbox AI
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lancer-store-private.h"   /* seeds the profile directly */
#include "lancer-ai-service.h"
#include "lancer-store-ai.h"
#include "lancer-sandbox-ai.h"
#include "lancer-sandbox-data.h"
#include "lancer-secrets.h"
#include "lancer-session.h"
#include "lancer-test-util.h"

#define KEY "sk-test-service-0001"
#define PROFILE_NAME "ai-test"

/* The demo AI runs on this thread's main context, as in the other AI tests. */
static SoupServer *server;
static LancerSandboxAi *sandbox_ai;
static LancerProfileManager *manager;
static LancerProfile *profile;
static LancerSession *session;
static LancerAiService *service;
static GPtrArray *jobs;

static gboolean
session_ready (gpointer data)
{
  return lancer_session_get_state (data) != LANCER_SESSION_OPENING;
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_key (const char *key)
{
  g_autoptr(GError) error = NULL;

  if (key == NULL)
    lancer_secrets_clear_sync (lancer_profile_get_id (profile), LANCER_SECRET_OPENAI_API_KEY, NULL, &error);
  else
    lancer_secrets_store_sync (lancer_profile_get_id (profile), LANCER_SECRET_OPENAI_API_KEY, key, NULL, &error);
  g_assert_no_error (error);
}

static LancerJob *
job_at (guint i)
{
  return g_ptr_array_index (jobs, i);
}

static GPtrArray *
write_proposal (LancerJob  *job,
                guint       n_variants,
                GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  LancerProposalOptions options;

  lancer_ai_service_init_options (service, &options, n_variants);
  lancer_ai_service_write_proposal_async (service, job, &options, NULL, NULL, NULL, NULL, result_cb, &result);
  return lancer_ai_service_write_proposal_finish (service, wait_result (&result), error);
}

typedef struct
{
  gint64 n;
  gint64 tokens_out;
  double cost;
} CallCount;

static gpointer
count_calls_worker (LancerStore   *store,
                    sqlite3       *db,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  CallCount *count = g_new0 (CallCount, 1);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT COUNT(*), COALESCE(SUM(tokens_out), 0), COALESCE(SUM(cost), 0)"
                                           " FROM ai_calls WHERE job_id = ? AND purpose = 'proposal'"
                                           " AND status = 'ok' AND ttft_ms IS NOT NULL",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, data, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count->n = sqlite3_column_int64 (stmt, 0);
  count->tokens_out = sqlite3_column_int64 (stmt, 1);
  count->cost = sqlite3_column_double (stmt, 2);
  sqlite3_finalize (stmt);
  return count;
}

static CallCount *
count_calls (const char *job_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  LancerStore *store = lancer_session_get_store (session);

  lancer_store_run_async (store, FALSE, NULL, count_calls_worker, g_strdup (job_id), g_free, g_free,
                          NULL, result_cb, &result);
  return lancer_store_run_finish (store, wait_result (&result), NULL);
}

static void
test_usage_recorded (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree CallCount *count = NULL;
  LancerAiDraft *draft;
  gboolean audited = FALSE;

  drafts = write_proposal (job_at (0), 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 2);
  draft = g_ptr_array_index (drafts, 0);
  g_assert_false (draft->partial);
  g_assert_cmpuint (strlen (draft->text), >, 40);
  g_assert_cmpint (draft->proposal_id, >, 0);
  g_assert_cmpstr (draft->strategy, ==, lancer_proposal_writer_get_strategy (0));
  g_assert_cmpint (((LancerAiDraft *) g_ptr_array_index (drafts, 1))->slot, ==, 1);

  /* One ai_calls row per variant, with tokens, cost and time to first token. */
  count = count_calls (lancer_job_get_id (job_at (0)));
  g_assert_cmpint (count->n, ==, 2);
  g_assert_cmpint (count->tokens_out, >, 0);
  g_assert_cmpfloat (count->cost, >, 0.0);

  /* And the audit log says so, without the text. */
  entries = lancer_audit_log_list (lancer_session_get_audit_log (session), 20, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      LancerAuditEntry *entry = g_ptr_array_index (entries, i);
      if (g_str_equal (lancer_audit_entry_get_category (entry), "ai-call"))
        {
          audited = TRUE;
          g_assert_null (strstr (lancer_audit_entry_get_detail (entry) ? lancer_audit_entry_get_detail (entry) : "",
                                 draft->text));
        }
    }
  g_assert_true (audited);
}

/* The audit detail is JSON built, not printed: a model name with a quote
 * stays one string, and the cost is a JSON number. */
static void
test_audit_detail_is_json (void)
{
  GSettings *settings = lancer_session_get_settings (session);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const char *model = "gpt-4o-mini \"tuned\"";
  gboolean seen = FALSE;

  g_settings_set_string (settings, "ai-model", model);
  drafts = write_proposal (job_at (1), 1, &error);
  g_assert_no_error (error);
  entries = lancer_audit_log_list (lancer_session_get_audit_log (session), 5, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len && !seen; i++)
    {
      LancerAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(JsonNode) detail = NULL;
      JsonObject *o;

      if (!g_str_equal (lancer_audit_entry_get_category (entry), "ai-call"))
        continue;
      detail = json_from_string (lancer_audit_entry_get_detail (entry), &error);
      g_assert_no_error (error);
      o = json_node_get_object (detail);
      g_assert_cmpstr (json_object_get_string_member (o, "model"), ==, model);
      g_assert_cmpint (json_node_get_value_type (json_object_get_member (o, "cost_usd")), ==, G_TYPE_DOUBLE);
      seen = TRUE;
    }
  g_assert_true (seen);
  g_settings_reset (settings, "ai-model");
}

static void
test_drafts_reload_and_choose (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) chosen = NULL;
  g_autoptr(GAsyncResult) again = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) reloaded = NULL;
  LancerStore *store = lancer_session_get_store (session);
  const char *job_id = lancer_job_get_id (job_at (0));

  lancer_store_ai_load_drafts_async (store, job_id, NULL, result_cb, &result);
  drafts = lancer_store_ai_load_drafts_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 2);

  lancer_store_ai_choose_draft_async (store, ((LancerAiDraft *) g_ptr_array_index (drafts, 1))->proposal_id,
                                      NULL, result_cb, &chosen);
  g_assert_true (lancer_store_ai_choose_draft_finish (store, wait_result (&chosen), &error));
  g_assert_no_error (error);

  lancer_store_ai_load_drafts_async (store, job_id, NULL, result_cb, &again);
  reloaded = lancer_store_ai_load_drafts_finish (store, wait_result (&again), &error);
  g_assert_no_error (error);
  g_assert_false (((LancerAiDraft *) g_ptr_array_index (reloaded, 0))->chosen);
  g_assert_true (((LancerAiDraft *) g_ptr_array_index (reloaded, 1))->chosen);
}

static void
test_budget_stop (void)
{
  GSettings *settings = lancer_session_get_settings (session);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(LancerAiUsage) usage = lancer_ai_usage_new ();
  LancerStore *store = lancer_session_get_store (session);
  LancerAiBudgetState state;
  guint requests;

  /* Five dollars spent this month against a five-dollar budget. */
  usage->provider = g_strdup ("openai");
  usage->model = g_strdup ("gpt-4.1");
  usage->purpose = g_strdup ("proposal");
  usage->cost_usd = 5.0;
  usage->started_at = g_get_real_time ();
  lancer_store_ai_record_call_async (store, usage, NULL, NULL, result_cb, &result);
  g_assert_cmpint (lancer_store_ai_record_call_finish (store, wait_result (&result), &error), >, 0);
  g_assert_no_error (error);
  g_settings_set_double (settings, "ai-monthly-budget", 5.0);

  lancer_ai_service_check_budget_async (service, NULL, result_cb, &check);
  g_assert_false (lancer_ai_service_check_budget_finish (service, wait_result (&check), &state, NULL, &error));
  g_assert_error (error, LANCER_AI_ERROR, LANCER_AI_ERROR_BUDGET_EXCEEDED);
  g_assert_cmpint (state, ==, LANCER_AI_BUDGET_EXCEEDED);
  g_clear_error (&error);

  /* Stopped before anything is sent. */
  requests = lancer_sandbox_ai_get_n_requests (sandbox_ai);
  drafts = write_proposal (job_at (1), 1, &error);
  g_assert_null (drafts);
  g_assert_error (error, LANCER_AI_ERROR, LANCER_AI_ERROR_BUDGET_EXCEEDED);
  g_assert_nonnull (strstr (error->message, "Preferences"));
  g_assert_cmpuint (lancer_sandbox_ai_get_n_requests (sandbox_ai), ==, requests);
  g_clear_error (&error);

  /* The user may override it. */
  g_settings_set_boolean (settings, "ai-budget-override", TRUE);
  drafts = write_proposal (job_at (1), 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (drafts);
  g_assert_cmpuint (lancer_sandbox_ai_get_n_requests (sandbox_ai), ==, requests + 1);

  /* 80 % warns. */
  g_settings_set_boolean (settings, "ai-budget-override", FALSE);
  g_settings_set_double (settings, "ai-monthly-budget", 6.0);
  g_clear_object (&check);
  lancer_ai_service_check_budget_async (service, NULL, result_cb, &check);
  g_assert_true (lancer_ai_service_check_budget_finish (service, wait_result (&check), &state, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, LANCER_AI_BUDGET_WARN);

  g_settings_reset (settings, "ai-monthly-budget");
  g_settings_reset (settings, "ai-budget-override");
}

typedef struct
{
  GCancellable *cancellable;
  GString      *text;
} CancelState;

static void
cancel_on_delta_cb (guint       variant,
                    const char *delta,
                    gsize       len,
                    gpointer    user_data)
{
  CancelState *state = user_data;

  g_string_append_len (state->text, delta, len);
  if (state->text->len >= 30)
    g_cancellable_cancel (state->cancellable);
}

static void
test_cancel_keeps_partial_draft (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) loaded = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  LancerStore *store = lancer_session_get_store (session);
  LancerJob *job = job_at (2);
  CancelState state = { cancellable, text };
  LancerProposalOptions options;
  LancerAiDraft *draft;
  g_autoptr(GBytes) db = NULL;
  g_autoptr(GBytes) wal = NULL;
  g_autofree char *db_path = lancer_profile_dup_db_path (profile);
  g_autofree char *wal_path = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *needle = NULL;

  lancer_sandbox_ai_set_slow_delay (sandbox_ai, 20);
  lancer_sandbox_ai_set_fault (sandbox_ai, LANCER_SANDBOX_AI_FAULT_SLOW, 1);

  lancer_ai_service_init_options (service, &options, 1);
  lancer_ai_service_write_proposal_async (service, job, &options, cancel_on_delta_cb, &state, NULL,
                                          cancellable, result_cb, &result);
  drafts = lancer_ai_service_write_proposal_finish (service, wait_result (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (drafts);
  g_clear_error (&error);
  lancer_sandbox_ai_set_fault (sandbox_ai, LANCER_SANDBOX_AI_FAULT_NONE, 0);

  /* What arrived is saved, marked partial. */
  lancer_store_ai_load_drafts_async (store, lancer_job_get_id (job), NULL, result_cb, &loaded);
  drafts = lancer_store_ai_load_drafts_finish (store, wait_result (&loaded), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  draft = g_ptr_array_index (drafts, 0);
  g_assert_true (draft->partial);
  g_assert_cmpstr (draft->text, ==, text->str);

  /* Encrypted at rest: not in the database file nor its WAL. */
  needle = g_strndup (text->str, 24);
  db = lancer_test_read_file (db_path);
  g_assert_nonnull (db);
  g_assert_false (lancer_test_bytes_contain (db, needle));
  wal = lancer_test_read_file (wal_path);
  if (wal != NULL)
    g_assert_false (lancer_test_bytes_contain (wal, needle));
}

static void
test_autosave_updates_slot (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) loaded = NULL;
  g_autoptr(LancerAiDraft) draft = lancer_ai_draft_new (lancer_job_get_id (job_at (3)), 0);
  g_autoptr(GPtrArray) drafts = NULL;
  LancerStore *store = lancer_session_get_store (session);
  gint64 id1, id2;

  draft->text = g_strdup ("First words of an edited draft");
  lancer_ai_service_save_draft_async (service, draft, NULL, result_cb, &r1);
  id1 = lancer_ai_service_save_draft_finish (service, wait_result (&r1), &error);
  g_assert_no_error (error);
  g_free (draft->text);
  draft->text = g_strdup ("First words of an edited draft, and more");
  lancer_ai_service_save_draft_async (service, draft, NULL, result_cb, &r2);
  id2 = lancer_ai_service_save_draft_finish (service, wait_result (&r2), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id1, ==, id2);

  lancer_store_ai_load_drafts_async (store, draft->job_id, NULL, result_cb, &loaded);
  drafts = lancer_store_ai_load_drafts_finish (store, wait_result (&loaded), &error);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpstr (((LancerAiDraft *) g_ptr_array_index (drafts, 0))->text, ==, draft->text);
}

static void
test_wrong_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_auto(GStrv) models = NULL;

  store_key ("sk-wrong-key");
  drafts = write_proposal (job_at (4), 1, &error);
  g_assert_null (drafts);
  g_assert_error (error, LANCER_AI_ERROR, LANCER_AI_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "Preferences"));
  g_assert_null (strstr (error->message, "sk-wrong-key"));
  g_clear_error (&error);

  store_key (NULL);
  drafts = write_proposal (job_at (4), 1, &error);
  g_assert_error (error, LANCER_AI_ERROR, LANCER_AI_ERROR_NO_KEY);
  g_assert_nonnull (strstr (error->message, "Preferences"));
  g_clear_error (&error);
  store_key (KEY);

  /* The key test in Preferences: list the models. The demo AI's model
   * list does not compare keys, so the fault stands in for a wrong one. */
  lancer_sandbox_ai_set_fault (sandbox_ai, LANCER_SANDBOX_AI_FAULT_WRONG_KEY, 1);
  lancer_ai_service_test_key_async (service, "openai", "sk-wrong-key", NULL, result_cb, &result);
  models = lancer_ai_service_test_key_finish (service, wait_result (&result), &error);
  g_assert_error (error, LANCER_AI_ERROR, LANCER_AI_ERROR_AUTH);
  g_clear_error (&error);
  g_clear_object (&result);
  lancer_sandbox_ai_set_fault (sandbox_ai, LANCER_SANDBOX_AI_FAULT_NONE, 0);
  lancer_ai_service_test_key_async (service, "openai", KEY, NULL, result_cb, &result);
  models = lancer_ai_service_test_key_finish (service, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (models);
  g_assert_nonnull (models[0]);
}

static void
test_analysis_stored (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) loaded = NULL;
  g_autoptr(LancerJobAnalysis) analysis = NULL;
  g_autoptr(LancerJobAnalysis) stored = NULL;
  LancerStore *store = lancer_session_get_store (session);

  lancer_ai_service_analyse_async (service, job_at (5), NULL, result_cb, &result);
  analysis = lancer_ai_service_analyse_finish (service, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (analysis->fit_score, >=, 0);
  g_assert_cmpint (analysis->fit_score, <=, 100);

  lancer_store_ai_load_analysis_async (store, lancer_job_get_id (job_at (5)), NULL, result_cb, &loaded);
  stored = lancer_store_ai_load_analysis_finish (store, wait_result (&loaded), &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->fit_score, ==, analysis->fit_score);
  g_assert_cmpstr (stored->summary, ==, analysis->summary);
}

static void
test_preview_scrubs_contacts (void)
{
  g_autoptr(LancerJob) job = lancer_job_copy (job_at (6));
  g_autofree char *preview = NULL;
  LancerProposalOptions options;

  lancer_job_set_description (job, "Write me an app. Mail me at boss@example.com or call +1 415 555 0100.");
  lancer_ai_service_init_options (service, &options, 1);
  preview = lancer_ai_service_dup_preview (service, job, &options);
  g_assert_nonnull (strstr (preview, "Write me an app"));
  g_assert_null (strstr (preview, "boss@example.com"));
  g_assert_null (strstr (preview, "555 0100"));
  g_assert_true (lancer_ai_service_needs_consent (service));
}

/* The command line, in a process of its own. */

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

static void
run_cli (CliRun *run,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, g_build_filename (g_getenv ("LANCER_BUILD_DIR"), "src", "app", "lancer-cli", NULL));
  g_ptr_array_add (argv, g_strdup ("--profile"));
  g_ptr_array_add (argv, g_strdup (PROFILE_NAME));
  va_start (ap, run);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  /* Settings persist between the CLI runs, as for a user. */
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  /* Keep the main loop running: the demo AI answers from it. */
  g_subprocess_communicate_utf8_async (proc, NULL, NULL, result_cb, &result);
  g_subprocess_communicate_utf8_finish (proc, wait_result (&result), &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (proc);
}

static void
assert_one_line_failure (CliRun *run)
{
  g_assert_cmpint (run->status, ==, 1);
  g_assert_true (g_str_has_prefix (run->err, "lancer-cli: "));
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
}

static void
test_cli (void)
{
  CliRun run = { 0 };
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  const char *job_id = lancer_job_get_id (job_at (7));

  run_cli (&run, "propose", job_id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (strlen (run.out), >, 40);
  /* The first cloud call says what is sent; later ones do not repeat it. */
  g_assert_nonnull (strstr (run.err, "OpenAI"));
  g_assert_nonnull (strstr (run.out, LANCER_SANDBOX_AI_LABEL));

  run_cli (&run, "propose", job_id, "--variants", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--- Variant A"));
  g_assert_nonnull (strstr (run.out, "--- Variant B"));

  run_cli (&run, "analyze", job_id, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  node = json_from_string (run.out, &error);
  g_assert_no_error (error);
  object = json_node_get_object (node);
  g_assert_true (json_object_has_member (object, "fit_score"));
  g_assert_true (json_object_has_member (object, "red_flags"));
  g_assert_true (json_object_has_member (object, "suggested_rate"));

  run_cli (&run, "analyze", job_id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "/100"));

  run_cli (&run, "propose", "no-such-job", NULL);
  assert_one_line_failure (&run);

  store_key ("sk-wrong-key");
  run_cli (&run, "propose", job_id, NULL);
  assert_one_line_failure (&run);
  g_assert_nonnull (strstr (run.err, "key"));
  store_key (KEY);

  g_free (run.out);
  g_free (run.err);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSandboxData) data = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *openai_url = NULL;
  g_autofree char *base = NULL;
  GSList *uris;
  gboolean done = FALSE;
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmp = lancer_test_isolate_xdg ();

  server = soup_server_new (NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string ((GUri *) uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  sandbox_ai = lancer_sandbox_ai_new ();
  lancer_sandbox_ai_attach (sandbox_ai, server);
  lancer_sandbox_ai_set_api_key (sandbox_ai, KEY);
  openai_url = g_strconcat (base, g_str_has_suffix (base, "/") ? "v1" : "/v1", NULL);
  g_setenv ("LANCER_OPENAI_BASE_URL", openai_url, TRUE);

  manager = lancer_profile_manager_new (NULL);
  profile = lancer_profile_manager_create (manager, PROFILE_NAME, FALSE, &error);
  g_assert_no_error (error);
  session = lancer_session_new (manager, profile);
  lancer_session_open (session);
  g_assert_true (lancer_test_iterate_until (session_ready, session, 20));
  g_assert_cmpint (lancer_session_get_state (session), ==, LANCER_SESSION_READY);
  store_key (KEY);

  data = lancer_sandbox_data_new (11);
  jobs = lancer_sandbox_data_next_jobs (data, 10, g_get_real_time () / G_USEC_PER_SEC, 3600);
  {
    g_autoptr(GAsyncResult) result = NULL;
    lancer_store_upsert_jobs_async (lancer_session_get_store (session), jobs, NULL, result_cb, &result);
    g_assert_true (lancer_store_upsert_jobs_finish (lancer_session_get_store (session), wait_result (&result),
                                                    NULL, &error));
    g_assert_no_error (error);
    done = TRUE;
  }
  g_assert_true (done);
  service = lancer_ai_service_new (session);

  g_test_add_func ("/ai/service/usage-recorded", test_usage_recorded);
  g_test_add_func ("/ai/service/audit-detail-is-json", test_audit_detail_is_json);
  g_test_add_func ("/ai/service/drafts-reload-and-choose", test_drafts_reload_and_choose);
  g_test_add_func ("/ai/service/budget-stop", test_budget_stop);
  g_test_add_func ("/ai/service/cancel-keeps-partial-draft", test_cancel_keeps_partial_draft);
  g_test_add_func ("/ai/service/autosave-updates-slot", test_autosave_updates_slot);
  g_test_add_func ("/ai/service/wrong-key", test_wrong_key);
  g_test_add_func ("/ai/service/analysis-stored", test_analysis_stored);
  g_test_add_func ("/ai/service/preview-scrubs-contacts", test_preview_scrubs_contacts);
  g_test_add_func ("/ai/service/cli", test_cli);
  ret = g_test_run ();

  g_clear_object (&service);
  g_clear_pointer (&jobs, g_ptr_array_unref);
  g_clear_object (&session);
  g_clear_object (&profile);
  g_clear_object (&manager);
  soup_server_disconnect (server);
  g_clear_object (&server);
  g_clear_object (&sandbox_ai);
  return ret;
}
