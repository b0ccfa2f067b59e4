/* test-upwork-sync.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include <glib/gstdio.h>
#include <math.h>

#include "lancer-job-filter.h"
#include "lancer-store-metrics.h"
#include "lancer-store-searches.h"
#include "lancer-oauth.h"
#include "lancer-profile-manager.h"
#include "lancer-sandbox.h"
#include "lancer-secrets.h"
#include "lancer-store.h"
#include "lancer-sync.h"
#include "lancer-test-util.h"
#include "lancer-upwork-client.h"
#include "lancer-upwork-requests.h"

/* The sign-in, the client and the sync engine, in process, against the
 * sandbox over loopback, with every fault the sandbox can inject. */

typedef struct
{
  char                 *tmp;
  LancerSandbox        *sandbox;
  LancerProfileManager *manager;
  LancerProfile        *profile;
  LancerStore          *store;
  LancerOAuth          *oauth;
  LancerUpworkClient   *client;
  LancerSync           *sync;
} Fixture;

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static guint
free_port (void)
{
  g_autoptr(GSocket) sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) local = NULL;

  g_assert_true (g_socket_bind (sock, any, TRUE, NULL));
  local = g_socket_get_local_address (sock, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
}

static gint64 count_where (Fixture    *f,
                           const char *sql);

static gint64
count_rows (Fixture    *f,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return count_where (f, sql);
}

static void
sign_in (Fixture *f)
{
  g_autoptr(GAsyncResult) visited = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = lancer_oauth_start_sign_in (f->oauth, &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (url, "code_challenge_method=S256"));
  g_assert_nonnull (strstr (url, "state="));
  lancer_oauth_visit_async (url, NULL, store_result, &visited);
  lancer_oauth_wait_for_sign_in_async (f->oauth, NULL, store_result, &done);
  g_assert_true (lancer_oauth_wait_for_sign_in_finish (f->oauth, wait_result (&done), &error));
  g_assert_no_error (error);
  g_assert_true (lancer_oauth_visit_finish (wait_result (&visited), &error));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *redirect = g_strdup_printf ("http://127.0.0.1:%u/callback", free_port ());
  g_autofree char *root = NULL;
  LancerHttpRetryPolicy policy;

  f->tmp = lancer_test_isolate_xdg ();
  f->sandbox = lancer_sandbox_new (7, 120);
  g_assert_true (lancer_sandbox_start (f->sandbox, 0, &error));
  lancer_sandbox_export_env (f->sandbox);
  lancer_sandbox_set_retry_after (f->sandbox, 1);

  root = g_build_filename (f->tmp, "profiles", NULL);
  f->manager = lancer_profile_manager_new (root);
  f->profile = lancer_profile_manager_create (f->manager, "Test", FALSE, &error);
  g_assert_no_error (error);
  lancer_store_open_async (f->profile, NULL, store_result, &result);
  f->store = lancer_store_open_finish (wait_result (&result), &error);
  g_assert_no_error (error);

  g_assert_true (lancer_secrets_store_sync (lancer_profile_get_id (f->profile), LANCER_SECRET_UPWORK_CLIENT_SECRET,
                                            LANCER_SANDBOX_CLIENT_SECRET, NULL, &error));
  f->oauth = lancer_oauth_new (lancer_profile_get_id (f->profile), LANCER_SANDBOX_CLIENT_ID, redirect);
  f->client = lancer_upwork_client_new (f->oauth);
  lancer_upwork_client_set_rate_limit (f->client, 1000, 100);
  lancer_http_retry_policy_init (&policy);
  policy.max_retries = 2;
  policy.base_delay_ms = 10;
  policy.max_backoff_ms = 50;
  lancer_upwork_client_set_retry_policy (f->client, &policy);
  f->sync = lancer_sync_new (f->store, f->client);
  sign_in (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->sync);
  g_clear_object (&f->client);
  g_clear_object (&f->oauth);
  g_clear_object (&f->store);
  g_clear_object (&f->manager);
  lancer_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
  g_free (f->tmp);
}

static LancerSyncReport *
run_sync (Fixture             *f,
          LancerSyncResources  resources,
          GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lancer_sync_run_async (f->sync, resources, NULL, store_result, &result);
  return lancer_sync_run_finish (f->sync, wait_result (&result), error);
}

static void
test_full_sync (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSyncReport) report = run_sync (f, LANCER_SYNC_ALL, &error);
  g_autoptr(LancerSyncReport) again = NULL;
  gint64 jobs;

  g_assert_no_error (error);
  g_assert_false (lancer_sync_report_is_partial (report));
  g_assert_cmpstr (report->user_name, ==, LANCER_SANDBOX_USER_NAME);
  g_assert_cmpuint (report->counts[0], ==, 120);
  g_assert_cmpuint (report->new_jobs, ==, 120);
  g_assert_cmpuint (report->counts[1], >, 0);
  g_assert_cmpuint (report->counts[2], >, 0);
  g_assert_cmpuint (report->counts[3], ==, 4);
  g_assert_cmpuint (report->counts[4], >, 0);
  g_assert_cmpuint (report->counts[5], ==, 30);
  /* contracts and the work diary came through the schema-checked inputs */
  g_assert_cmpint (count_rows (f, "contracts"), ==, 4);
  g_assert_cmpint (count_rows (f, "diary_days"), >, 0);
  g_assert_cmpint (lancer_sync_get_state (f->sync), ==, LANCER_SYNC_STATE_IDLE);
  g_assert_cmpint (lancer_sync_get_last_synced (f->sync), >, 0);
  g_assert_cmpint (count_rows (f, "jobs"), ==, 120);
  /* the contract type comes from job.contractTerms.contractType: the
   * sandbox, like Upwork, fills hourlyBudgetType for fixed-price jobs too */
  g_assert_cmpint (count_where (f, "SELECT count(*) FROM jobs WHERE job_type = 0"), >, 10);
  g_assert_cmpint (count_where (f, "SELECT count(*) FROM jobs WHERE job_type = 1"), >, 10);
  g_assert_cmpint (count_where (f, "SELECT count(*) FROM jobs WHERE job_type = 0 AND hourly_min IS NOT NULL"), ==, 0);
  /* the search asks for each client's organisation, which keys the clients */
  g_assert_cmpint (count_rows (f, "clients"), >, 50);
  g_assert_cmpuint (lancer_upwork_client_get_requests_today (f->client), >, 10);
  /* every request passed the check against Upwork's published schema */
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "invalid"), ==, 0);

  /* incremental: new jobs appear; only the new page is fetched */
  lancer_sandbox_add_jobs (f->sandbox, 7);
  again = run_sync (f, LANCER_SYNC_JOBS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->new_jobs, ==, 7);
  jobs = count_rows (f, "jobs");
  g_assert_cmpint (jobs, ==, 127);
}

/* What a normal sync stores is enough for honest money figures. Computed
 * by hand from the sandbox's transaction history (src/sandbox): Hourly
 * 200 + 275 + 350 + 425 + 500 + 575 = 2,325 and Fixed Price 215 + 290 +
 * 365 + 440 + 515 + 590 = 2,415 make $4,740 gross; Service Fees 22 + 27 +
 * 32 + 37 + 42 + 47 = $207; net $4,533; six Connects purchases of $2.25 =
 * $13.50; withdrawals are not income. */
static void
test_analytics_after_sync (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSyncReport) report = run_sync (f, LANCER_SYNC_ALL, &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LancerMetricsReport) metrics = NULL;
  g_autoptr(LancerTable) proposals = NULL;
  const LancerMetric *rate, *net, *billed, *writing, *ai;
  static const struct { LancerMetricId id; const char *shown; } money[] = {
    { LANCER_METRIC_GROSS_EARNINGS, "$4,740.00" }, { LANCER_METRIC_FEES, "$207.00" },
    { LANCER_METRIC_NET_EARNINGS, "$4,533.00" }, { LANCER_METRIC_CONNECTS_COST, "$13.50" },
  };
  guint interview_col = G_MAXUINT, with_interview = 0;

  g_assert_no_error (error);
  lancer_metrics_report_async (f->store, 0, G_MAXINT64, NULL, NULL, store_result, &result);
  metrics = lancer_metrics_report_finish (f->store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  for (guint i = 0; i < LANCER_N_METRICS; i++)
    {
      const LancerMetric *m = lancer_metrics_report_get_metric (metrics, i);
      g_autofree char *shown = lancer_metric_format (m);

      g_test_message ("%s: %s%s%s", m->key, shown, m->missing ? " — " : "", m->missing ? m->missing : "");
    }

  for (guint i = 0; i < G_N_ELEMENTS (money); i++)
    {
      g_autofree char *shown = lancer_metric_format (lancer_metrics_report_get_metric (metrics, money[i].id));

      g_assert_cmpstr (shown, ==, money[i].shown);
    }
  /* Upwork sends no Connects count per proposal: unknown, not zero. */
  g_assert_true (isnan (lancer_metrics_report_get_metric (metrics, LANCER_METRIC_CONNECTS_SPENT)->value));

  /* The funnel does not collapse to the win rate: Activated and Offered
   * proposals were viewed, replied to and interviewed. */
  g_assert_cmpuint (lancer_metrics_report_get_funnel (metrics, LANCER_STAGE_HIRED), >, 0);
  g_assert_cmpuint (lancer_metrics_report_get_funnel (metrics, LANCER_STAGE_INTERVIEWED), >,
                    lancer_metrics_report_get_funnel (metrics, LANCER_STAGE_HIRED));
  g_assert_cmpuint (lancer_metrics_report_get_funnel (metrics, LANCER_STAGE_VIEWED), >,
                    lancer_metrics_report_get_funnel (metrics, LANCER_STAGE_HIRED));

  /* Effective rate = (net − AI spend) ÷ (billed + writing hours). */
  rate = lancer_metrics_report_get_metric (metrics, LANCER_METRIC_EFFECTIVE_RATE);
  net = lancer_metrics_report_get_metric (metrics, LANCER_METRIC_NET_EARNINGS);
  billed = lancer_metrics_report_get_metric (metrics, LANCER_METRIC_BILLED_HOURS);
  writing = lancer_metrics_report_get_metric (metrics, LANCER_METRIC_WRITING_HOURS);
  ai = lancer_metrics_report_get_metric (metrics, LANCER_METRIC_AI_SPEND);
  g_assert_cmpfloat (billed->value, >, 0);
  g_assert_cmpfloat_with_epsilon (net->value, 4533, 1e-9);
  g_assert_cmpfloat_with_epsilon (rate->value, (net->value - ai->value) / (billed->value + writing->value), 1e-9);

  /* The proposals export carries the stage dates the funnel rests on. */
  lancer_export_query_async (f->store, LANCER_EXPORT_PROPOSALS, NULL, store_result, &result);
  proposals = lancer_export_query_finish (f->store, wait_result (&result), &error);
  g_assert_no_error (error);
  for (guint c = 0; c < lancer_table_get_n_columns (proposals); c++)
    if (g_str_equal (lancer_table_get_column (proposals, c), "interview_at"))
      interview_col = c;
  g_assert_cmpuint (interview_col, !=, G_MAXUINT);
  for (guint r = 0; r < lancer_table_get_n_rows (proposals); r++)
    with_interview += *lancer_table_get_cell (proposals, r, interview_col) != '\0';
  g_assert_cmpuint (with_interview, ==, lancer_metrics_report_get_funnel (metrics, LANCER_STAGE_INTERVIEWED));
}

typedef struct
{
  LancerSandboxFault fault;
  int                code;
} FaultCase;

static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  static const FaultCase cases[] = {
    { LANCER_SANDBOX_FAULT_RATE_LIMIT, LANCER_UPWORK_ERROR_RATE_LIMITED },
    { LANCER_SANDBOX_FAULT_RATE_LIMIT_BARE, LANCER_UPWORK_ERROR_RATE_LIMITED },
    { LANCER_SANDBOX_FAULT_SERVER_ERROR, LANCER_UPWORK_ERROR_SERVER },
    { LANCER_SANDBOX_FAULT_TRUNCATED_JSON, LANCER_UPWORK_ERROR_BAD_RESPONSE },
    { LANCER_SANDBOX_FAULT_MALFORMED_JSON, LANCER_UPWORK_ERROR_BAD_RESPONSE },
    { LANCER_SANDBOX_FAULT_HTML_CHALLENGE, LANCER_UPWORK_ERROR_BAD_RESPONSE },
    { LANCER_SANDBOX_FAULT_FORBIDDEN, LANCER_UPWORK_ERROR_FORBIDDEN },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSyncReport) first = run_sync (f, LANCER_SYNC_JOBS, &error);

  g_assert_no_error (error);
  lancer_upwork_client_set_circuit_breaker (f->client, 100, 1000);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(JsonNode) data_node = NULL;
      g_autoptr(GError) e = NULL;
      g_autoptr(LancerSyncReport) report = NULL;

      /* a persistent fault: a clear error, no crash, no rows written */
      lancer_sandbox_add_jobs (f->sandbox, 3);
      lancer_sandbox_set_fault (f->sandbox, cases[i].fault, 0, "marketplaceJobPostingsSearch");
      report = run_sync (f, LANCER_SYNC_JOBS, &e);
      g_assert_no_error (e);
      g_assert_nonnull (report->errors[0]);
      g_assert_cmpint (count_rows (f, "jobs"), ==, 120 + i * 3);

      lancer_upwork_client_query_async (f->client, "search", NULL, NULL, store_result, &result);
      data_node = lancer_upwork_client_query_finish (f->client, wait_result (&result), &e);
      g_assert_null (data_node);
      g_assert_error (e, LANCER_UPWORK_ERROR, cases[i].code);
      g_clear_error (&e);
      lancer_sandbox_clear_faults (f->sandbox);

      /* a passing fault: retried and the page lands */
      if (cases[i].fault != LANCER_SANDBOX_FAULT_FORBIDDEN)
        {
          g_autoptr(LancerSyncReport) ok = NULL;

          lancer_sandbox_set_fault (f->sandbox, cases[i].fault, 1, "marketplaceJobPostingsSearch");
          ok = run_sync (f, LANCER_SYNC_JOBS, &e);
          g_assert_no_error (e);
          g_assert_null (ok->errors[0]);
          g_assert_cmpint (count_rows (f, "jobs"), ==, 120 + (i + 1) * 3);
        }
      else
        {
          g_autoptr(LancerSyncReport) ok = run_sync (f, LANCER_SYNC_JOBS, &e);
          g_assert_null (ok->errors[0]);
        }
    }
}

/* The next page is fetched while the store writes the last one: a page
 * that fails half-way through a search keeps the pages before it, leaves
 * the watermark where it was, and the next sync fetches what is missing. */
static void
test_later_page_fails (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSyncReport) report = NULL;
  g_autoptr(LancerSyncReport) again = NULL;

  lancer_upwork_client_set_circuit_breaker (f->client, 100, 1000);
  lancer_sandbox_set_fault (f->sandbox, LANCER_SANDBOX_FAULT_FORBIDDEN, 1, "marketplaceJobPostingsSearch");
  lancer_sandbox_set_fault_skip (f->sandbox, 1);
  report = run_sync (f, LANCER_SYNC_JOBS, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report->errors[0]);
  g_assert_cmpuint (report->counts[0], ==, 50);
  g_assert_cmpint (count_rows (f, "jobs"), ==, 50);

  again = run_sync (f, LANCER_SYNC_JOBS, &error);
  g_assert_no_error (error);
  g_assert_null (again->errors[0]);
  g_assert_cmpint (count_rows (f, "jobs"), ==, 120);
}

static void
test_slow_and_breaker (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = NULL;
  LancerHttpRetryPolicy policy;

  lancer_http_retry_policy_init (&policy);
  policy.max_retries = 0;
  lancer_upwork_client_set_retry_policy (f->client, &policy);
  lancer_upwork_client_set_timeouts (f->client, 0, 300);
  lancer_upwork_client_set_circuit_breaker (f->client, 2, 60000);
  lancer_sandbox_set_slow_delay (f->sandbox, 1500);
  lancer_sandbox_set_fault (f->sandbox, LANCER_SANDBOX_FAULT_SLOW, 0, NULL);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GAsyncResult) r = NULL;
      g_autoptr(GError) e = NULL;
      g_autoptr(JsonNode) n = NULL;

      lancer_upwork_client_query_async (f->client, "me", NULL, NULL, store_result, &r);
      n = lancer_upwork_client_query_finish (f->client, wait_result (&r), &e);
      g_assert_error (e, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_TIMEOUT);
      g_assert_true (lancer_upwork_error_is_transient (e));
    }
  /* the endpoint's circuit is open now: no request goes out */
  lancer_sandbox_clear_faults (f->sandbox);
  lancer_upwork_client_query_async (f->client, "me", NULL, NULL, store_result, &result);
  node = lancer_upwork_client_query_finish (f->client, wait_result (&result), &error);
  g_assert_error (error, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_CIRCUIT_OPEN);
}

static void
test_missing_scopes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSyncReport) report = NULL;

  lancer_sandbox_set_missing_scopes (f->sandbox, "messages,earnings");
  report = run_sync (f, LANCER_SYNC_ALL, &error);
  g_assert_no_error (error);
  g_assert_true (lancer_sync_report_is_partial (report));
  g_assert_null (report->errors[0]);
  g_assert_null (report->errors[1]);
  g_assert_nonnull (strstr (report->errors[2], "Messages"));
  g_assert_nonnull (strstr (report->errors[5], "Transaction Data"));
  g_assert_cmpuint (report->counts[0], ==, 120);
  g_assert_cmpint (lancer_sync_get_state (f->sync), ==, LANCER_SYNC_STATE_ERROR);
  g_assert_nonnull (lancer_sync_get_last_error (f->sync));
}

static void
test_refresh_rotation (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *refresh1 = NULL;
  g_autofree char *refresh2 = NULL;
  g_autoptr(LancerSyncReport) report = NULL;
  g_autoptr(LancerSyncReport) failed = NULL;
  const char *id = lancer_profile_get_id (f->profile);

  refresh1 = lancer_secrets_lookup_sync (id, LANCER_SECRET_UPWORK_REFRESH_TOKEN, NULL, &error);
  g_assert_nonnull (refresh1);
  /* the old refresh token dies at once: only a stored new one works */
  lancer_sandbox_set_refresh_grace (f->sandbox, 0);
  lancer_sandbox_expire_access_tokens (f->sandbox);
  report = run_sync (f, LANCER_SYNC_CONTRACTS, &error);
  g_assert_no_error (error);
  g_assert_false (lancer_sync_report_is_partial (report));
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "token"), ==, 2);
  refresh2 = lancer_secrets_lookup_sync (id, LANCER_SECRET_UPWORK_REFRESH_TOKEN, NULL, &error);
  g_assert_cmpstr (refresh1, !=, refresh2);

  /* a second expiry works with the rotated token */
  lancer_sandbox_expire_access_tokens (f->sandbox);
  g_clear_pointer (&report, lancer_sync_report_free);
  report = run_sync (f, LANCER_SYNC_CONTRACTS, &error);
  g_assert_no_error (error);
  g_assert_false (lancer_sync_report_is_partial (report));

  /* revoked: "sign in again", never a crash; the stored data stays */
  lancer_sandbox_revoke_refresh_tokens (f->sandbox);
  lancer_sandbox_expire_access_tokens (f->sandbox);
  failed = run_sync (f, LANCER_SYNC_CONTRACTS, &error);
  g_assert_error (error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_SIGN_IN_AGAIN);
  g_assert_null (failed);
  g_assert_true (lancer_oauth_get_needs_sign_in (f->oauth));
  g_assert_cmpint (count_rows (f, "contracts"), ==, 4);

  /* and until the user signs in again, nothing more is asked of Upwork */
  {
    guint tokens = lancer_sandbox_get_n_requests (f->sandbox, "token");
    guint graphql = lancer_sandbox_get_n_requests (f->sandbox, NULL);
    g_autoptr(LancerSyncReport) again = NULL;

    g_clear_error (&error);
    again = run_sync (f, LANCER_SYNC_ALL, &error);
    g_assert_error (error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_SIGN_IN_AGAIN);
    g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "token"), ==, tokens);
    g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, NULL), ==, graphql);
  }
}

static void
test_outbox (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(LancerSyncReport) report = NULL;
  g_autoptr(LancerSyncReport) first = NULL;
  const char *room = lancer_sandbox_get_first_room_id (f->sandbox);
  gint64 id;

  /* the conversation is known before anything is queued for it */
  first = run_sync (f, LANCER_SYNC_MESSAGES, &error);
  g_assert_no_error (error);
  lancer_sandbox_set_fault (f->sandbox, LANCER_SANDBOX_FAULT_SERVER_ERROR, 0, "createRoomStoryV2");
  lancer_sync_send_message_async (f->sync, room, "Sure, Tuesday works.", NULL, store_result, &result);
  id = lancer_sync_send_message_finish (f->sync, wait_result (&result), &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "outbox"));
  g_clear_error (&error);
  g_assert_cmpuint (lancer_sandbox_get_n_sent_messages (f->sandbox, room), ==, 0);
  g_assert_cmpint (count_rows (f, "outbox"), ==, 1);

  /* the next sync delivers it, once */
  lancer_sandbox_clear_faults (f->sandbox);
  report = run_sync (f, LANCER_SYNC_MESSAGES, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lancer_sandbox_get_n_sent_messages (f->sandbox, room), ==, 1);
  lancer_sync_flush_outbox_async (f->sync, NULL, store_result, &result2);
  g_assert_cmpint (lancer_sync_flush_outbox_finish (f->sync, wait_result (&result2), &error), ==, 0);
  g_assert_cmpuint (lancer_sandbox_get_n_sent_messages (f->sandbox, room), ==, 1);
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "invalid"), ==, 0);
}

/* A read function runs on a worker thread with the answer's data; what it
 * returns, or its error, is what the caller gets. */
static GThread *read_thread;

static gpointer
read_total_count (JsonNode  *data,
                  GError   **error)
{
  JsonObject *search = json_object_get_object_member (json_node_get_object (data), "marketplaceJobPostingsSearch");

  read_thread = g_thread_self ();
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (search, "totalCount"));
}

static gpointer
read_refuses (JsonNode  *data,
              GError   **error)
{
  g_set_error_literal (error, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_BAD_RESPONSE, "no jobs in it");
  return NULL;
}

static void
test_read_off_thread (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) refused = NULL;
  g_autoptr(GAsyncResult) denied = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *total = NULL;
  gpointer value;

  g_autoptr(JsonNode) vars = lancer_upwork_search_variables (NULL, FALSE, NULL, 10);

  lancer_upwork_client_query_read_async (f->client, "search", vars, read_total_count, g_free, NULL,
                                         store_result, &result);
  total = lancer_upwork_client_query_read_finish (f->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (total, ==, "120");
  g_assert_nonnull (read_thread);
  g_assert_true (read_thread != g_thread_self ());

  lancer_upwork_client_query_read_async (f->client, "search", vars, read_refuses, g_free, NULL,
                                         store_result, &refused);
  value = lancer_upwork_client_query_read_finish (f->client, wait_result (&refused), &error);
  g_assert_null (value);
  g_assert_error (error, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_BAD_RESPONSE);
  g_clear_error (&error);

  /* an answer with errors[] never reaches the read function */
  read_thread = NULL;
  lancer_upwork_client_set_circuit_breaker (f->client, 100, 1000);
  lancer_sandbox_set_missing_scopes (f->sandbox, "jobs");
  lancer_upwork_client_query_read_async (f->client, "search", vars, read_total_count, g_free, NULL,
                                         store_result, &denied);
  value = lancer_upwork_client_query_read_finish (f->client, wait_result (&denied), &error);
  g_assert_null (value);
  g_assert_nonnull (error);
  g_assert_null (read_thread);
}

static JsonObject *
post_graphql_with (Fixture    *f,
                   const char *query,
                   JsonNode   *variables)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = lancer_sandbox_dup_graphql_url (f->sandbox);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  char *text;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "query");
  json_builder_add_string_value (b, query);
  if (variables != NULL)
    {
      json_builder_set_member_name (b, "variables");
      json_builder_add_value (b, json_node_copy (variables));
    }
  json_builder_end_object (b);
  request = json_builder_get_root (b);
  text = json_to_string (request, FALSE);
  body = g_bytes_new_take (text, strlen (text));
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", "Bearer any");
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), &error));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
post_graphql (Fixture    *f,
              const char *query)
{
  return post_graphql_with (f, query, NULL);
}

static guint
n_members (JsonObject *object)
{
  return json_object_get_size (object);
}

/* Like the live API, the sandbox answers with the fields a query selects,
 * under their aliases, and nothing else: a parser that reads a field its
 * query forgot fails here, not in front of a user. */
static void
test_sandbox_selection (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) broken = NULL;
  g_autoptr(JsonNode) vars = lancer_upwork_search_variables (NULL, FALSE, NULL, 10);
  JsonObject *found, *node, *client;

  lancer_sandbox_set_lenient (f->sandbox, TRUE);
  answer = post_graphql_with (f, "query Few($filter: MarketplaceJobPostingsSearchFilter) {"
                                 " found: marketplaceJobPostingsSearch(marketPlaceJobFilter: $filter) {"
                                 " totalCount edges { node { id name: title"
                                 " client { ... on MarketplaceJobPostingSearchClientInfo { totalHires } }"
                                 " premium } } } }", vars);
  g_assert_false (json_object_has_member (answer, "errors"));
  found = json_object_get_object_member (json_object_get_object_member (answer, "data"), "found");
  g_assert_nonnull (found);
  g_assert_cmpuint (n_members (found), ==, 2);
  g_assert_cmpint (json_object_get_int_member (found, "totalCount"), ==, 120);
  node = json_object_get_object_member (json_array_get_object_element (json_object_get_array_member (found, "edges"), 0),
                                        "node");
  g_assert_cmpuint (n_members (node), ==, 4);
  g_assert_nonnull (json_object_get_string_member (node, "id"));
  g_assert_nonnull (json_object_get_string_member (node, "name"));
  g_assert_false (json_object_has_member (node, "title"));
  g_assert_false (json_object_has_member (node, "description"));
  g_assert_true (json_object_get_null_member (node, "premium"));
  client = json_object_get_object_member (node, "client");
  g_assert_cmpuint (n_members (client), ==, 1);
  g_assert_true (json_object_has_member (client, "totalHires"));

  broken = post_graphql (f, "query { marketplaceJobPostingsSearch { edges { node { id } }");
  g_assert_true (json_object_has_member (broken, "errors"));
}

/* Live: the job search needs an offset cursor on every page, "0" on the
 * first; without one Upwork answers "Exception occurred" and no jobs. */
static void
test_first_page_cursor (Fixture       *f,
                        gconstpointer  data)
{
  const char *query = "query S($filter: MarketplaceJobPostingsSearchFilter) {"
                      " marketplaceJobPostingsSearch(marketPlaceJobFilter: $filter) { totalCount } }";
  g_autoptr(JsonNode) without = json_from_string ("{\"filter\":{\"pagination_eq\":{\"first\":50}}}", NULL);
  g_autoptr(JsonNode) empty = json_from_string ("{\"filter\":{\"pagination_eq\":{\"first\":50,\"after\":\"\"}}}", NULL);
  g_autoptr(JsonNode) built = lancer_upwork_search_variables ("gtk", TRUE, NULL, 50);
  g_autoptr(JsonObject) refused = NULL;
  g_autoptr(JsonObject) refused_empty = NULL;
  g_autoptr(JsonObject) answered = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSyncReport) report = NULL;
  JsonObject *page;
  JsonArray *errors;

  lancer_sandbox_set_lenient (f->sandbox, TRUE);
  refused = post_graphql_with (f, query, without);
  errors = json_object_get_array_member (refused, "errors");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (errors, 0), "message"), ==,
                   "Exception occurred");
  refused_empty = post_graphql_with (f, query, empty);
  g_assert_true (json_object_has_member (refused_empty, "errors"));

  /* what Lancer builds for a first page */
  page = json_object_get_object_member (json_object_get_object_member (json_node_get_object (built), "filter"),
                                        "pagination_eq");
  g_assert_cmpstr (json_object_get_string_member (page, "after"), ==, "0");
  g_assert_cmpint (json_object_get_int_member (page, "first"), <=, 50);
  answered = post_graphql_with (f, query, built);
  g_assert_false (json_object_has_member (answered, "errors"));

  /* and the feed fills */
  report = run_sync (f, LANCER_SYNC_JOBS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->counts[0], ==, 120);
  g_assert_cmpint (count_rows (f, "jobs"), ==, 120);
}

static gint64
count_where (Fixture    *f,
             const char *sql)
{
  g_autofree char *path = lancer_profile_dup_db_path (f->profile);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* The demo profile's story, synced as a user would see it: a year of
 * proposals that narrow like a real funnel, and only the payments of the
 * days the sync asked for (Upwork answers for the range, not more). */
static void
test_demo_story (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSyncReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LancerMetricsReport) metrics = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *old_sql = g_strdup_printf ("SELECT count(*) FROM proposals WHERE submitted_at < %" G_GINT64_FORMAT,
                                              now - 300 * 86400);
  g_autofree char *outside_sql = g_strdup_printf ("SELECT count(*) FROM transactions WHERE occurred_at < %" G_GINT64_FORMAT,
                                                  now - 92 * 86400);
  guint sent, interviewed, hired;

  lancer_sandbox_set_story (f->sandbox, TRUE);
  report = run_sync (f, LANCER_SYNC_ALL, &error);
  g_assert_no_error (error);

  lancer_metrics_report_async (f->store, 0, G_MAXINT64, NULL, NULL, store_result, &result);
  metrics = lancer_metrics_report_finish (f->store, wait_result (&result), &error);
  g_assert_no_error (error);
  sent = lancer_metrics_report_get_funnel (metrics, LANCER_STAGE_SENT);
  interviewed = lancer_metrics_report_get_funnel (metrics, LANCER_STAGE_INTERVIEWED);
  hired = lancer_metrics_report_get_funnel (metrics, LANCER_STAGE_HIRED);
  g_test_message ("sent %u, interviewed %u, hired %u", sent, interviewed, hired);
  g_assert_cmpuint (sent, >, 2 * interviewed);
  g_assert_cmpuint (interviewed, >, hired);
  g_assert_cmpuint (hired, >, 0);
  /* A hire in five to twenty sent: a believable freelancer, not a miracle. */
  g_assert_cmpuint (hired * 20, >=, sent);
  g_assert_cmpuint (hired * 5, <=, sent);

  g_assert_cmpint (count_where (f, old_sql), >, 0);
  g_assert_cmpint (count_rows (f, "transactions"), >, 20);
  g_assert_cmpint (count_where (f, outside_sql), ==, 0);
}

/* Live answers often carry data *and* errors[] for single fields. The page
 * is kept, the failed field stays unknown (NULL, never 0), and the sync
 * names what failed against the resource. */
static void
test_partial_page (Fixture       *f,
                   gconstpointer  data)
{
  const char *query = "query S($filter: MarketplaceJobPostingsSearchFilter) {"
                      " marketplaceJobPostingsSearch(marketPlaceJobFilter: $filter) {"
                      " edges { node { id client { totalFeedback totalReviews } } } } }";
  g_autoptr(JsonNode) vars = lancer_upwork_search_variables (NULL, FALSE, NULL, 50);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSyncReport) report = NULL;
  g_autoptr(GPtrArray) failed_ids = g_ptr_array_new_with_free_func (g_free);
  JsonArray *errors, *edges;

  lancer_sandbox_set_lenient (f->sandbox, TRUE);
  answer = post_graphql_with (f, query, vars);
  g_assert_true (json_object_has_member (answer, "data"));
  errors = json_object_get_array_member (answer, "errors");
  g_assert_nonnull (errors);
  edges = json_object_get_array_member (json_object_get_object_member (json_object_get_object_member (answer, "data"),
                                                                       "marketplaceJobPostingsSearch"), "edges");
  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonArray *path = json_object_get_array_member (json_array_get_object_element (errors, i), "path");
      gint64 edge = json_array_get_int_element (path, 2);
      JsonObject *node = json_object_get_object_member (json_array_get_object_element (edges, edge), "node");

      g_assert_cmpstr (json_array_get_string_element (path, json_array_get_length (path) - 1), ==, "totalFeedback");
      g_assert_true (json_object_get_null_member (json_object_get_object_member (node, "client"), "totalFeedback"));
      g_ptr_array_add (failed_ids, g_strdup (json_object_get_string_member (node, "id")));
    }
  g_assert_cmpuint (failed_ids->len, >, 0);

  report = run_sync (f, LANCER_SYNC_JOBS, &error);
  g_assert_no_error (error);
  g_assert_false (lancer_sync_report_is_partial (report));
  g_assert_cmpuint (report->counts[0], ==, 120);
  g_assert_nonnull (report->warnings[0]);
  g_assert_nonnull (strstr (report->warnings[0], "totalFeedback"));
  /* and the sync's status names it against the jobs */
  g_assert_true (g_str_has_prefix (lancer_sync_get_last_warning (f->sync), "jobs: "));
  for (guint i = 0; i < failed_ids->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM jobs WHERE id = '%s' AND client_rating IS NULL",
                                              (const char *) g_ptr_array_index (failed_ids, i));
      g_assert_cmpint (count_where (f, sql), ==, 1);
    }
}

/* Every connection is paged until hasNextPage is false, whatever the
 * page size the server allows. */
static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSyncReport) report = NULL;

  lancer_sandbox_set_page_cap (f->sandbox, 3);
  report = run_sync (f, LANCER_SYNC_ALL, &error);
  g_assert_no_error (error);
  g_assert_false (lancer_sync_report_is_partial (report));
  g_assert_cmpint (count_rows (f, "jobs"), ==, 120);
  g_assert_cmpint (count_rows (f, "contracts"), ==, 4);
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "talentWorkHistory"), >=, 2);
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "roomList"), >=, 2);
  g_assert_cmpint (count_rows (f, "rooms"), >, 3);
  g_assert_cmpint (count_rows (f, "stories"), >, 3 * count_rows (f, "rooms") / 2);
}

/* vendorProposals: 20 a page; on VJCA-6 the page is halved and asked again. */
static void
test_vjca6_halving (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSyncReport) full = NULL;
  g_autoptr(LancerSyncReport) halved = NULL;
  guint before;

  full = run_sync (f, LANCER_SYNC_PROPOSALS, &error);
  g_assert_no_error (error);
  g_assert_null (full->errors[1]);

  lancer_sandbox_set_proposals_limit (f->sandbox, 7);   /* 20 → 10 → 5 */
  before = lancer_sandbox_get_n_requests (f->sandbox, "vendorProposals");
  halved = run_sync (f, LANCER_SYNC_PROPOSALS, &error);
  g_assert_no_error (error);
  g_assert_null (halved->errors[1]);
  g_assert_cmpuint (halved->counts[1], ==, full->counts[1]);
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "vendorProposals") - before, >, 8);
}

/* The page cap must not lose jobs: a capped search resumes where it
 * stopped; jobs posted in the watermark's own second are not skipped. */
/* A saved search's filters, as the Jobs page saves them, decide which of
 * its jobs the sync keeps: Upwork's search has no rating floor and ignores
 * budgets. */
static void
test_search_filters (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LancerJobFilter) filter = lancer_job_filter_new ();
  g_autoptr(LancerSyncReport) report = NULL;
  g_autofree char *json = NULL;

  filter->min_rating = 4.5;
  filter->budget_floor = 500;
  json = lancer_job_filter_to_json (filter);
  lancer_saved_searches_save_async (f->store, "Good clients", "", json, NULL, store_result, &result);
  g_assert_cmpint (lancer_saved_searches_save_finish (f->store, wait_result (&result), &error), >, 0);
  g_assert_no_error (error);

  report = run_sync (f, LANCER_SYNC_JOBS, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "jobs"), >, 0);
  g_assert_cmpint (count_rows (f, "jobs"), <, 120);
  g_assert_cmpint (count_where (f, "SELECT count(*) FROM jobs WHERE client_rating IS NULL OR client_rating < 4.5"), ==, 0);
  g_assert_cmpint (count_where (f, "SELECT count(*) FROM jobs WHERE job_type = 0 AND (budget IS NULL OR budget < 500)"),
                   ==, 0);
}

static gint64
save_search (Fixture    *f,
             const char *name,
             const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gint64 id;

  lancer_saved_searches_save_async (f->store, name, query, NULL, NULL, store_result, &result);
  id = lancer_saved_searches_save_finish (f->store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gboolean
rename_search (Fixture     *f,
               gint64       id,
               const char  *name,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lancer_saved_searches_rename_async (f->store, id, name, NULL, store_result, &result);
  return lancer_saved_searches_rename_finish (f->store, wait_result (&result), error);
}

/* A renamed search is the same search: same id, and the sync goes on from
 * where it got to instead of paging everything again. */
static void
test_search_rename (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSyncReport) report = NULL;
  gint64 gtk = save_search (f, "GTK", "gtk");
  gint64 rust = save_search (f, "Rust", "rust");

  report = run_sync (f, LANCER_SYNC_JOBS, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_where (f, "SELECT count(*) FROM sync_state WHERE resource = 'jobs:GTK'"), ==, 1);

  g_assert_true (rename_search (f, gtk, "GTK 4 and libadwaita", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_where (f, "SELECT count(*) FROM saved_searches WHERE name = 'GTK 4 and libadwaita'"
                                   " AND query = 'gtk'"), ==, 1);
  g_assert_cmpint (count_where (f, "SELECT id FROM saved_searches WHERE name = 'GTK 4 and libadwaita'"), ==, gtk);
  g_assert_cmpint (count_where (f, "SELECT count(*) FROM sync_state WHERE resource = 'jobs:GTK'"), ==, 0);
  g_assert_cmpint (count_where (f, "SELECT count(*) FROM sync_state WHERE resource = 'jobs:GTK 4 and libadwaita'"),
                   ==, 1);

  /* Another search's name is refused and nothing changes. */
  g_assert_false (rename_search (f, gtk, "Rust", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (count_where (f, "SELECT id FROM saved_searches WHERE name = 'Rust'"), ==, rust);
  g_assert_false (rename_search (f, rust + gtk + 100, "Gone", &error));
  g_assert_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_NOT_FOUND);
}

static void
test_watermark (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSyncReport) r1 = NULL;
  g_autoptr(LancerSyncReport) r2 = NULL;
  g_autoptr(LancerSyncReport) r3 = NULL;
  g_autoptr(LancerSyncReport) r4 = NULL;
  g_autoptr(LancerSyncReport) r5 = NULL;

  lancer_sync_set_max_pages (f->sync, 1);
  r1 = run_sync (f, LANCER_SYNC_JOBS, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "jobs"), ==, 50);
  r2 = run_sync (f, LANCER_SYNC_JOBS, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "jobs"), ==, 100);
  r3 = run_sync (f, LANCER_SYNC_JOBS, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "jobs"), ==, 120);

  /* new jobs, several in the same second as the newest stored one, on
   * pages of two: none is skipped */
  lancer_sync_set_max_pages (f->sync, 200);
  lancer_sandbox_set_page_cap (f->sandbox, 2);
  lancer_sandbox_add_jobs (f->sandbox, 4);
  r4 = run_sync (f, LANCER_SYNC_JOBS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r4->new_jobs, ==, 4);
  g_assert_cmpint (count_rows (f, "jobs"), ==, 124);
  r5 = run_sync (f, LANCER_SYNC_JOBS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r5->new_jobs, ==, 0);
}

/* The bearer token never goes over plain http to another machine. */
static void
test_insecure_graphql_url (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint tokens = lancer_sandbox_get_n_requests (f->sandbox, "token");
  guint requests = lancer_upwork_client_get_requests_today (f->client);

  /* TEST-NET-1: never reached, the URL is refused before connecting */
  lancer_upwork_client_set_graphql_url (f->client, "http://192.0.2.10/graphql");
  lancer_upwork_client_query_async (f->client, "me", NULL, NULL, store_result, &result);
  answer = lancer_upwork_client_query_finish (f->client, wait_result (&result), &error);
  g_assert_null (answer);
  g_assert_error (error, LANCER_HTTP_ERROR, LANCER_HTTP_ERROR_INSECURE_URL);
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "token"), ==, tokens);
  g_assert_cmpuint (lancer_upwork_client_get_requests_today (f->client), ==, requests);
}

/* A Retry-After longer than a request waits is honoured for every request
 * until then, and said with the time it resumes. */
static void
test_long_retry_after (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSyncReport) report = NULL;
  g_autoptr(LancerSyncReport) again = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint before;

  lancer_sandbox_set_retry_after (f->sandbox, 7200);
  lancer_sandbox_set_fault (f->sandbox, LANCER_SANDBOX_FAULT_RATE_LIMIT, 1, "vendorProposals");
  report = run_sync (f, LANCER_SYNC_PROPOSALS, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report->errors[1]);
  g_assert_nonnull (strstr (report->errors[1], "pause until"));
  g_assert_cmpint (report->resume_at, >=, now + 7200);
  g_assert_cmpint (report->resume_at, <=, now + 7200 + 60);
  g_assert_cmpint (lancer_upwork_client_get_resume_at (f->client), ==, report->resume_at);

  /* the next sync asks Upwork nothing at all */
  before = lancer_sandbox_get_n_requests (f->sandbox, NULL);
  again = run_sync (f, LANCER_SYNC_ALL, &error);
  g_assert_error (error, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_RATE_LIMITED);
  g_assert_null (again);
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, NULL), ==, before);
}

static gint64
outbox_rows (Fixture    *f,
             const char *state)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM outbox WHERE state = '%s'", state);

  return count_where (f, sql);
}

/* A message Upwork refuses for good is kept and shown as failed, never
 * resent on every sync; a room id Lancer does not know is refused before
 * anything is queued. */
static void
test_outbox_permanent (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) sent = NULL;
  g_autoptr(GAsyncResult) typo = NULL;
  g_autoptr(LancerSyncReport) first = NULL;
  g_autoptr(LancerSyncReport) second = NULL;
  const char *room = lancer_sandbox_get_first_room_id (f->sandbox);
  guint attempts;

  first = run_sync (f, LANCER_SYNC_MESSAGES, &error);
  g_assert_no_error (error);

  lancer_sandbox_set_fault (f->sandbox, LANCER_SANDBOX_FAULT_FORBIDDEN, 0, "createRoomStoryV2");
  lancer_sync_send_message_async (f->sync, room, "The invoice is attached.", NULL, store_result, &sent);
  g_assert_cmpint (lancer_sync_send_message_finish (f->sync, wait_result (&sent), &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (outbox_rows (f, "rejected"), ==, 1);
  attempts = lancer_sandbox_get_n_requests (f->sandbox, "createRoomStoryV2");

  second = run_sync (f, LANCER_SYNC_MESSAGES, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "createRoomStoryV2"), ==, attempts);
  g_assert_cmpint (outbox_rows (f, "rejected"), ==, 1);
  g_assert_cmpint (count_where (f, "SELECT count(*) FROM outbox WHERE last_error IS NOT NULL"), ==, 1);

  lancer_sync_send_message_async (f->sync, "no-such-room", "Hello?", NULL, store_result, &typo);
  g_assert_cmpint (lancer_sync_send_message_finish (f->sync, wait_result (&typo), &error), ==, 0);
  g_assert_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (count_where (f, "SELECT count(*) FROM outbox WHERE room_id = 'no-such-room'"), ==, 0);
}

/* A scheduled sync asks Upwork only for what can have changed: with
 * nothing new, one page per saved search and a handful more; "Sync Now"
 * refreshes everything that can change, but no past diary day twice and
 * no conversation without a new message. */
static void
test_cadence (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSyncReport) full = NULL;
  g_autoptr(LancerSyncReport) scheduled = NULL;
  g_autoptr(LancerSyncReport) now = NULL;
  guint before, diary_before, stories_before, user_before;

  full = run_sync (f, LANCER_SYNC_ALL, &error);
  g_assert_no_error (error);
  g_assert_false (lancer_sync_report_is_partial (full));
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "workDiaryContract"), >, 0);

  before = lancer_sandbox_get_n_requests (f->sandbox, NULL);
  diary_before = lancer_sandbox_get_n_requests (f->sandbox, "workDiaryContract");
  stories_before = lancer_sandbox_get_n_requests (f->sandbox, "roomStories");
  user_before = lancer_sandbox_get_n_requests (f->sandbox, "user");
  scheduled = run_sync (f, LANCER_SYNC_ALL | LANCER_SYNC_SCHEDULED, &error);
  g_assert_no_error (error);
  g_assert_false (lancer_sync_report_is_partial (scheduled));
  /* one saved search (the whole marketplace) + 5 */
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, NULL) - before, <=, 1 + 5);
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "workDiaryContract"), ==, diary_before);
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "roomStories"), ==, stories_before);
  /* Contracts are not due, so nobody needs the user's id: no "me". */
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "user"), ==, user_before);

  now = run_sync (f, LANCER_SYNC_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "roomStories"), ==, stories_before);

  /* The diary reaches back 14 days a run until it covers the earnings'
   * 90; after that, past days are never asked for again: at most this
   * week's 7 per hourly contract. */
  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(LancerSyncReport) more = run_sync (f, LANCER_SYNC_DIARY, &error);

      g_assert_no_error (error);
    }
  g_assert_cmpint (count_where (f, "SELECT count(*) FROM diary_days WHERE day < date('now', '-76 days')"), >, 0);
  {
    g_autoptr(LancerSyncReport) settled = NULL;

    diary_before = lancer_sandbox_get_n_requests (f->sandbox, "workDiaryContract");
    settled = run_sync (f, LANCER_SYNC_DIARY, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "workDiaryContract") - diary_before, <=, 3 * 7);
  }
}

/* The browser's page says "connected" only once the tokens are stored: a
 * failed exchange says so there too. */
static void
test_sign_in_page (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(SoupSession) browser = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GAsyncResult) read = NULL;
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;

  lancer_sandbox_set_fault (f->sandbox, LANCER_SANDBOX_FAULT_INVALID_GRANT, 1, "token");
  url = lancer_oauth_start_sign_in (f->oauth, &error);
  g_assert_no_error (error);
  lancer_oauth_wait_for_sign_in_async (f->oauth, NULL, store_result, &done);
  msg = soup_message_new (SOUP_METHOD_GET, url);
  /* the page is served by Lancer's listener on this thread's main loop */
  soup_session_send_and_read_async (browser, msg, G_PRIORITY_DEFAULT, NULL, store_result, &read);
  page = soup_session_send_and_read_finish (browser, wait_result (&read), &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (page, NULL), g_bytes_get_size (page));
  g_assert_nonnull (strstr (text, "Lancer was not connected"));
  g_assert_null (strstr (text, "Lancer is connected"));
  g_assert_false (lancer_oauth_wait_for_sign_in_finish (f->oauth, wait_result (&done), &error));
  g_assert_nonnull (error);
}

/* Nor do the client secret and the tokens go to a plain-http token
 * endpoint on another machine: refused before connecting. */
static void
test_insecure_token_url (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *stored = lancer_secrets_lookup_sync (lancer_profile_get_id (f->profile),
                                                        LANCER_SECRET_UPWORK_ACCESS_TOKEN, NULL, NULL);
  g_autoptr(JsonNode) parsed = json_from_string (stored, NULL);
  const char *current = json_object_get_string_member (json_node_get_object (parsed), "access_token");
  guint tokens = lancer_sandbox_get_n_requests (f->sandbox, "token");

  /* the current token is refused, so a refresh is due: to a plain-http host */
  lancer_oauth_set_endpoints (f->oauth, "http://192.0.2.10/authorize", "http://192.0.2.10/token");
  lancer_oauth_get_access_token_async (f->oauth, current, NULL, store_result, &result);
  token = lancer_oauth_get_access_token_finish (f->oauth, wait_result (&result), &error);
  g_assert_null (token);
  g_assert_error (error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, "http://"));
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "token"), ==, tokens);
  g_clear_error (&error);
  g_assert_null (lancer_oauth_start_sign_in (f->oauth, &error));
  g_assert_error (error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_NOT_CONFIGURED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/upwork/sync/full", test_full_sync);
  ADD ("/upwork/sync/analytics", test_analytics_after_sync);
  ADD ("/upwork/sync/demo-story", test_demo_story);
  ADD ("/upwork/sync/faults", test_faults);
  ADD ("/upwork/sync/later-page-fails", test_later_page_fails);
  ADD ("/upwork/sync/slow-and-breaker", test_slow_and_breaker);
  ADD ("/upwork/sync/missing-scopes", test_missing_scopes);
  ADD ("/upwork/sync/refresh-rotation", test_refresh_rotation);
  ADD ("/upwork/sync/outbox", test_outbox);
  ADD ("/upwork/sync/cadence", test_cadence);
  ADD ("/upwork/oauth/sign-in-page", test_sign_in_page);
  ADD ("/upwork/sync/outbox-permanent", test_outbox_permanent);
  ADD ("/upwork/sync/read-off-thread", test_read_off_thread);
  ADD ("/upwork/sandbox/selection", test_sandbox_selection);
  ADD ("/upwork/sync/first-page-cursor", test_first_page_cursor);
  ADD ("/upwork/sync/partial-page", test_partial_page);
  ADD ("/upwork/sync/paging", test_paging);
  ADD ("/upwork/sync/vjca6-halving", test_vjca6_halving);
  ADD ("/upwork/sync/watermark", test_watermark);
  ADD ("/upwork/sync/search-filters", test_search_filters);
  ADD ("/upwork/sync/search-rename", test_search_rename);
  ADD ("/upwork/client/insecure-graphql-url", test_insecure_graphql_url);
  ADD ("/upwork/client/long-retry-after", test_long_retry_after);
  ADD ("/upwork/oauth/insecure-token-url", test_insecure_token_url);
#undef ADD
  return g_test_run ();
}
