/* test-job-filter.c: local job filters (SQL and C agree) and red flags.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "lancer-store-private.h"   /* seeds the profile directly */
#include "lancer-job-filter.h"
#include "lancer-profile-manager.h"
#include "lancer-red-flags.h"
#include "lancer-sandbox-data.h"
#include "lancer-store.h"
#include "lancer-store-searches.h"
#include "lancer-test-util.h"

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
result_ready (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
test_json (void)
{
  g_autoptr(LancerJobFilter) f = lancer_job_filter_new ();
  g_autoptr(LancerJobFilter) back = NULL;
  g_autoptr(LancerJobFilter) junk = NULL;
  g_autofree char *json = NULL;
  const char *in[] = { "United States", "Canada", NULL };

  g_assert_true (lancer_job_filter_is_empty (f));
  f->min_client_spent = 1000;
  f->min_hire_rate = 0.5;
  f->min_rating = 4.5;
  f->verified_only = TRUE;
  f->countries_in = g_strdupv ((char **) in);
  f->max_proposals = 0;
  f->budget_floor = 250;
  f->rate_floor = 30;
  f->experience = LANCER_EXPERIENCE_EXPERT | LANCER_EXPERIENCE_ENTRY;
  f->posted_within_hours = 24;
  g_assert_cmpuint (lancer_job_filter_count_active (f), ==, 10);

  json = lancer_job_filter_to_json (f);
  back = lancer_job_filter_new_from_json (json);
  g_assert_true (lancer_job_filter_equal (f, back));
  g_assert_cmpint (back->max_proposals, ==, 0);
  g_assert_cmpstr (back->countries_in[1], ==, "Canada");

  junk = lancer_job_filter_new_from_json ("{\"min_rating\": \"x\", \"max_proposals\": -3, \"nope\": 1");
  g_assert_true (lancer_job_filter_is_empty (junk));
}

typedef struct
{
  LancerJobFilter *filter;
  gint64           now;
} CountData;

static gpointer
count_worker (LancerStore   *store,
              sqlite3       *db,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  CountData *d = data;
  /* The feed's own query: every visible job the filter lets through. */
  LancerJobView view = { .filter = d->filter };
  g_autofree char *sql = lancer_job_view_build_sql (&view, NULL, TRUE, d->now);
  sqlite3_stmt *stmt = NULL;
  gsize n = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      lancer_store_propagate_sqlite_error (error, db, rc);
      return NULL;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return g_memdup2 (&n, sizeof n);
}

/* Saved searches lancer-cli stored before it wrote the Jobs page's format
 * keep their filters. */
static void
test_json_old_cli_keys (void)
{
  g_autoptr(LancerJobFilter) f =
    lancer_job_filter_new_from_json ("{\"budget_min\": 500, \"hourly_min\": 40, \"client_spent_min\": 1000,"
                                     " \"hire_rate_min\": 0.5, \"rating_min\": 4.5, \"verified_only\": true}");
  g_autoptr(LancerJobFilter) both =
    lancer_job_filter_new_from_json ("{\"budget_floor\": 250, \"budget_min\": 500}");

  g_assert_cmpfloat (f->budget_floor, ==, 500);
  g_assert_cmpfloat (f->rate_floor, ==, 40);
  g_assert_cmpfloat (f->min_client_spent, ==, 1000);
  g_assert_cmpfloat (f->min_hire_rate, ==, 0.5);
  g_assert_cmpfloat (f->min_rating, ==, 4.5);
  g_assert_true (f->verified_only);
  g_assert_cmpuint (lancer_job_filter_count_active (f), ==, 6);
  /* The current name wins over the old one. */
  g_assert_cmpfloat (both->budget_floor, ==, 250);
}

static void
test_sql_matches_c (void)
{
  g_autofree char *root = g_dir_make_tmp ("lancer-filter-XXXXXX", NULL);
  g_autoptr(LancerProfileManager) manager = lancer_profile_manager_new (root);
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(LancerStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSandboxData) data = lancer_sandbox_data_new (5);
  g_autoptr(GPtrArray) jobs = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *us[] = { "united states", "Germany", NULL };
  const char *out[] = { "India", "Pakistan", NULL };
  LancerJobFilter filters[8];

  profile = lancer_profile_manager_create (manager, "Filters", FALSE, &error);
  g_assert_no_error (error);
  lancer_store_open_async (profile, NULL, result_cb, &result);
  g_assert_true (lancer_test_iterate_until (result_ready, &result, 30));
  store = lancer_store_open_finish (result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  jobs = lancer_sandbox_data_next_jobs (data, 3000, now, 72 * 3600);
  lancer_store_upsert_jobs_async (store, jobs, NULL, result_cb, &result);
  g_assert_true (lancer_test_iterate_until (result_ready, &result, 30));
  g_assert_true (lancer_store_upsert_jobs_finish (store, result, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  memset (filters, 0, sizeof filters);
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    filters[i].max_proposals = -1;
  filters[0].min_client_spent = 5000;
  filters[1].min_hire_rate = 0.6;
  filters[2].min_rating = 4.5;
  filters[2].verified_only = TRUE;
  filters[3].countries_in = (char **) us;
  filters[4].countries_out = (char **) out;
  filters[4].max_proposals = 10;
  filters[5].budget_floor = 500;
  filters[5].rate_floor = 40;
  filters[6].experience = LANCER_EXPERIENCE_EXPERT | LANCER_EXPERIENCE_ENTRY;
  filters[7].posted_within_hours = 12;

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      CountData d = { &filters[i], now };
      g_autofree gsize *sql_count = NULL;
      gsize c_count = 0;

      for (guint k = 0; k < jobs->len; k++)
        c_count += lancer_job_filter_matches (&filters[i], g_ptr_array_index (jobs, k), now);
      lancer_store_run_async (store, FALSE, NULL, count_worker, &d, NULL, g_free, NULL, result_cb, &result);
      g_assert_true (lancer_test_iterate_until (result_ready, &result, 30));
      sql_count = lancer_store_run_finish (store, result, &error);
      g_assert_no_error (error);
      g_clear_object (&result);
      g_test_message ("filter %u: %" G_GSIZE_FORMAT " of %u jobs", i, c_count, jobs->len);
      g_assert_cmpuint (*sql_count, ==, c_count);
      /* Every filter keeps some jobs and drops some. */
      g_assert_cmpuint (c_count, >, 0);
      g_assert_cmpuint (c_count, <, jobs->len);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_off_platform (void)
{
  const char *flagged[] = {
    "Please contact me on WhatsApp before applying.",
    "Add me on Skype: john.smith42 so we can discuss.",
    "Send your CV to hiring@example.com",
    "Call +1 (415) 555-0134 to talk about the role",
    "We will pay you directly via PayPal to avoid Upwork fees.",
    "Let's continue the conversation outside of Upwork.",
    "My Telegram is @jobsboss",
    "Join us at t.me/somegroup for details",
    "message me via telegram",
  };
  const char *clean[] = {
    "Build a Telegram bot that posts prices every hour.",
    "Integrate the WhatsApp Business API into our CRM.",
    "Email marketing campaign for our Shopify store (Klaviyo).",
    "We need a phone app for iOS and Android, budget 2023-2024.",
    "Discord bot with slash commands; 5 years of Python experience required.",
    "Budget is $1,500,000 over 12 months, 40 hours per week.",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (flagged); i++)
    {
      g_autofree char *evidence = NULL;

      if (!lancer_red_flags_detect_off_platform (flagged[i], &evidence))
        g_error ("not flagged: %s", flagged[i]);
      g_assert_nonnull (evidence);
    }
  for (guint i = 0; i < G_N_ELEMENTS (clean); i++)
    {
      g_autofree char *evidence = NULL;

      if (lancer_red_flags_detect_off_platform (clean[i], &evidence))
        g_error ("flagged (%s): %s", evidence, clean[i]);
    }
}

static void
test_red_flags (void)
{
  g_autoptr(LancerJob) job = lancer_job_new ("1");
  LancerRedFlags flags;

  lancer_job_set_title (job, "Landing page");
  lancer_job_set_description (job, "Nice and clean. Email me at boss@example.org");
  lancer_job_set_job_type (job, LANCER_JOB_TYPE_FIXED);
  lancer_job_set_budget (job, 50);
  lancer_job_set_client_payment_verified (job, FALSE);
  lancer_job_set_client_total_spent (job, 0);
  lancer_job_set_client_hires (job, 0);
  lancer_job_set_client_jobs_posted (job, 5);
  lancer_job_set_client_hire_rate (job, NAN);

  flags = lancer_red_flags_check (job, 100, 0);
  g_assert_true (flags & LANCER_RED_FLAG_UNVERIFIED_PAYMENT);
  g_assert_true (flags & LANCER_RED_FLAG_LOW_HIRE_RATE);
  g_assert_true (flags & LANCER_RED_FLAG_NEW_CLIENT);
  g_assert_true (flags & LANCER_RED_FLAG_UNDER_FLOOR);
  g_assert_true (flags & LANCER_RED_FLAG_OFF_PLATFORM);
  g_assert_cmpfloat (lancer_job_compute_hire_rate (job), ==, 0);

  lancer_job_set_description (job, "Nice and clean.");
  lancer_job_set_client_payment_verified (job, TRUE);
  lancer_job_set_client_total_spent (job, 20000);
  lancer_job_set_client_hires (job, 4);
  g_assert_cmpuint (lancer_red_flags_check (job, 0, 0), ==, LANCER_RED_FLAG_NONE);
  g_assert_cmpfloat_with_epsilon (lancer_job_compute_hire_rate (job), 0.8, 1e-9);
  g_assert_cmpstr (lancer_red_flag_get_title (LANCER_RED_FLAG_NEW_CLIENT), !=, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/insight/job-filter/json", test_json);
  g_test_add_func ("/insight/job-filter/json-old-cli-keys", test_json_old_cli_keys);
  g_test_add_func ("/insight/job-filter/sql-matches-c", test_sql_matches_c);
  g_test_add_func ("/insight/red-flags/off-platform", test_off_platform);
  g_test_add_func ("/insight/red-flags/check", test_red_flags);
  return g_test_run ();
}
