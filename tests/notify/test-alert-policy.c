/* test-alert-policy.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lancer-alert.h"
#include "lancer-alert-history.h"
#include "lancer-alert-policy.h"
#include "lancer-profile-manager.h"
#include "lancer-store.h"
#include "lancer-test-util.h"

/* 2026-03-02 12:00:00 UTC, a Monday. */
#define NOON ((gint64) 1772452800)

static gint64 fake_now;

static gint64
fake_clock (gpointer user_data)
{
  return fake_now;
}

static LancerAlertPolicy *
new_policy (void)
{
  LancerAlertPolicy *policy = lancer_alert_policy_new ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  fake_now = NOON;
  lancer_alert_policy_set_clock (policy, fake_clock, NULL);
  lancer_alert_policy_set_timezone (policy, utc);
  return policy;
}

static GPtrArray *
jobs_from (const char * const *ids,
           double              score)
{
  GPtrArray *jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_alert_job_free);
  static const char * const searches[] = { "GTK work", NULL };

  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (jobs, lancer_alert_job_new (ids[i], score, searches));
  return jobs;
}

static void
test_dedupe (void)
{
  g_autoptr(LancerAlertPolicy) policy = new_policy ();
  static const char * const ids[] = { "~01a", "~01b", NULL };
  g_autoptr(GPtrArray) jobs = jobs_from (ids, NAN);
  g_autoptr(LancerAlertDecision) first = NULL;
  g_autoptr(LancerAlertDecision) second = NULL;

  first = lancer_alert_policy_decide_jobs (policy, jobs);
  g_assert_cmpuint (first->send->len, ==, 2);
  fake_now += 7200;
  second = lancer_alert_policy_decide_jobs (policy, jobs);
  g_assert_cmpuint (second->send->len, ==, 0);
  g_assert_cmpuint (second->summarised->len, ==, 0);
  g_assert_cmpuint (second->skipped, ==, 2);
}

static void
test_searches_and_score (void)
{
  g_autoptr(LancerAlertPolicy) policy = new_policy ();
  LancerAlertRules rules;
  static const char * const alerting[] = { "gtk WORK", NULL };
  static const char * const other[] = { "Rust", NULL };
  g_autoptr(LancerAlertJob) a = lancer_alert_job_new ("a", 90, alerting);
  g_autoptr(LancerAlertJob) b = lancer_alert_job_new ("b", 90, other);
  g_autoptr(LancerAlertJob) c = lancer_alert_job_new ("c", 40, alerting);
  g_autoptr(LancerAlertJob) d = lancer_alert_job_new ("d", NAN, alerting);

  lancer_alert_rules_init (&rules);
  rules.all_searches = FALSE;
  rules.searches = g_strdupv ((char **) (const char * const[]) { "GTK work", NULL });
  rules.min_score = 60;
  lancer_alert_policy_set_rules (policy, &rules);
  lancer_alert_rules_clear (&rules);

  g_assert_cmpint (lancer_alert_policy_check_job (policy, a), ==, LANCER_ALERT_SEND);
  g_assert_cmpint (lancer_alert_policy_check_job (policy, b), ==, LANCER_ALERT_SKIP_SEARCH);
  g_assert_cmpint (lancer_alert_policy_check_job (policy, c), ==, LANCER_ALERT_SKIP_SCORE);
  /* Not scored yet: alerts rather than hides a job. */
  g_assert_cmpint (lancer_alert_policy_check_job (policy, d), ==, LANCER_ALERT_SEND);
}

static void
set_quiet (LancerAlertPolicy *policy,
           guint              start,
           guint              end)
{
  LancerAlertRules rules;

  lancer_alert_rules_init (&rules);
  rules.quiet_enabled = TRUE;
  rules.quiet_start = start;
  rules.quiet_end = end;
  lancer_alert_policy_set_rules (policy, &rules);
}

static void
test_quiet_hours (void)
{
  g_autoptr(LancerAlertPolicy) policy = new_policy ();
  static const char * const ids[] = { "q1", NULL };
  g_autoptr(GPtrArray) jobs = jobs_from (ids, NAN);
  g_autoptr(LancerAlertDecision) quiet = NULL;
  g_autoptr(LancerAlertDecision) awake = NULL;
  gint64 midnight = NOON - 12 * 3600;

  /* 22:00–07:00 spans midnight. */
  set_quiet (policy, 22 * 60, 7 * 60);
  fake_now = midnight + 23 * 3600;            /* 23:00 */
  g_assert_true (lancer_alert_policy_is_quiet (policy));
  fake_now = midnight + 24 * 3600 + 30 * 60;  /* 00:30 next day */
  g_assert_true (lancer_alert_policy_is_quiet (policy));
  fake_now = midnight + 6 * 3600 + 59 * 60;   /* 06:59 */
  g_assert_true (lancer_alert_policy_is_quiet (policy));
  /* One minute of quiet left at 06:59. */
  g_assert_cmpint (lancer_alert_policy_quiet_remaining (policy), ==, 60);
  quiet = lancer_alert_policy_decide_jobs (policy, jobs);
  g_assert_cmpuint (quiet->send->len, ==, 0);
  /* Held for the digest at 07:00, not dropped. */
  g_assert_cmpuint (quiet->held->len, ==, 1);
  g_assert_cmpstr (((LancerAlertJob *) g_ptr_array_index (quiet->held, 0))->job_id, ==, "q1");
  fake_now = midnight + 7 * 3600;             /* 07:00 */
  g_assert_cmpint (lancer_alert_policy_quiet_remaining (policy), ==, 0);
  g_assert_false (lancer_alert_policy_is_quiet (policy));
  fake_now = midnight + 21 * 3600 + 59 * 60;  /* 21:59 */
  g_assert_false (lancer_alert_policy_is_quiet (policy));
  /* The held job goes out in the digest, not a second time on its own. */
  awake = lancer_alert_policy_decide_jobs (policy, jobs);
  g_assert_cmpuint (awake->send->len, ==, 0);
  g_assert_cmpuint (awake->held->len, ==, 0);

  /* A window within one day. */
  set_quiet (policy, 13 * 60, 14 * 60);
  fake_now = NOON + 3600 + 60;
  g_assert_true (lancer_alert_policy_is_quiet (policy));
  fake_now = NOON;
  g_assert_false (lancer_alert_policy_is_quiet (policy));
}

static void
test_pause (void)
{
  g_autoptr(LancerAlertPolicy) policy = new_policy ();
  LancerAlertRules rules;

  lancer_alert_rules_init (&rules);
  rules.paused_until = NOON + 3600;
  lancer_alert_policy_set_rules (policy, &rules);
  g_assert_true (lancer_alert_policy_is_quiet (policy));
  fake_now = NOON + 3600;
  g_assert_false (lancer_alert_policy_is_quiet (policy));
}

static void
test_hourly_cap (void)
{
  g_autoptr(LancerAlertPolicy) policy = new_policy ();
  static const char * const ids[] = { "1", "2", "3", "4", "5", "6", "7", NULL };
  static const char * const later_ids[] = { "8", "9", NULL };
  g_autoptr(GPtrArray) jobs = jobs_from (ids, NAN);
  g_autoptr(GPtrArray) later = jobs_from (later_ids, NAN);
  g_autoptr(LancerAlertDecision) first = NULL;
  g_autoptr(LancerAlertDecision) second = NULL;
  g_autoptr(LancerAlertDecision) third = NULL;
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_alert_free);
  LancerAlertRules rules;

  lancer_alert_rules_init (&rules);
  rules.max_jobs_per_hour = 3;
  lancer_alert_policy_set_rules (policy, &rules);

  first = lancer_alert_policy_decide_jobs (policy, jobs);
  g_assert_cmpuint (first->send->len, ==, 3);
  g_assert_cmpuint (first->summarised->len, ==, 4);
  g_assert_cmpstr (((LancerAlertJob *) g_ptr_array_index (first->send, 0))->job_id, ==, "1");
  {
    g_autoptr(LancerAlert) summary = lancer_alert_new_jobs_summary (first->summarised->len);

    g_assert_cmpstr (summary->title, ==, "4 more new jobs");
  }

  /* Within the same hour: all summarised. */
  fake_now += 1800;
  second = lancer_alert_policy_decide_jobs (policy, later);
  g_assert_cmpuint (second->send->len, ==, 0);
  g_assert_cmpuint (second->summarised->len, ==, 2);

  /* An hour after the first alerts the budget is back; summarised jobs
   * never alert again. */
  fake_now = NOON + 3601;
  third = lancer_alert_policy_decide_jobs (policy, jobs);
  g_assert_cmpuint (third->send->len, ==, 0);
  g_assert_cmpuint (third->summarised->len, ==, 0);
}

static void
test_messages_cap (void)
{
  g_autoptr(LancerAlertPolicy) policy = new_policy ();
  static const char * const stories[] = { "s1", "s2", "s3", NULL };
  g_auto(GStrv) send = NULL;
  g_auto(GStrv) again = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(LancerAlertDecision) decision = NULL;
  static const char * const ids[] = { "j1", NULL };
  LancerAlertRules rules;
  guint more = 0;

  lancer_alert_rules_init (&rules);
  rules.max_jobs_per_hour = 1;
  rules.max_messages_per_hour = 2;
  lancer_alert_policy_set_rules (policy, &rules);

  send = lancer_alert_policy_decide_messages (policy, stories, &more);
  g_assert_cmpuint (g_strv_length (send), ==, 2);
  g_assert_cmpuint (more, ==, 1);
  again = lancer_alert_policy_decide_messages (policy, stories, &more);
  g_assert_cmpuint (g_strv_length (again), ==, 0);
  g_assert_cmpuint (more, ==, 0);

  /* Messages have their own cap: a job still alerts. */
  jobs = jobs_from (ids, NAN);
  decision = lancer_alert_policy_decide_jobs (policy, jobs);
  g_assert_cmpuint (decision->send->len, ==, 1);
}

static void
test_redaction (void)
{
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_alert_free);
  g_autoptr(GPtrArray) redacted = NULL;

  g_ptr_array_add (alerts, lancer_alert_new_job ("~01secret", "Build a GTK app for ACME Corp",
                                                 "Fixed $500", "https://www.upwork.com/jobs/~01secret", 91));
  g_ptr_array_add (alerts, lancer_alert_new_job ("~01other", "Port Qt to GTK", "Hourly", NULL, NAN));
  g_ptr_array_add (alerts, lancer_alert_new_jobs_summary (1));
  g_ptr_array_add (alerts, lancer_alert_new_message ("st1", "room1", "Jane Client", "Topic",
                                                     "Our private budget is 9000"));
  redacted = lancer_alert_redact_batch (alerts);
  g_assert_cmpuint (redacted->len, ==, 2);
  for (guint i = 0; i < redacted->len; i++)
    {
      LancerAlert *alert = g_ptr_array_index (redacted, i);
      g_autofree char *all = g_strjoin ("|", alert->title, alert->body, alert->id, NULL);

      g_assert_true (alert->redacted);
      g_assert_null (alert->url);
      g_assert_null (alert->job_id);
      g_assert_null (alert->room_id);
      g_assert_null (strstr (all, "GTK"));
      g_assert_null (strstr (all, "ACME"));
      g_assert_null (strstr (all, "Jane"));
      g_assert_null (strstr (all, "9000"));
      g_assert_null (strstr (all, "secret"));
    }
  g_assert_cmpstr (((LancerAlert *) g_ptr_array_index (redacted, 0))->title, ==,
                   "3 new jobs match your searches");
  g_assert_cmpstr (((LancerAlert *) g_ptr_array_index (redacted, 1))->title, ==, "1 new message");
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Dedupe and the cap survive a restart through notifications_sent. */
static void
test_restart (void)
{
  g_autofree char *tmp = lancer_test_isolate_xdg ();
  g_autofree char *root = g_build_filename (tmp, "profiles", NULL);
  g_autoptr(LancerProfileManager) manager = lancer_profile_manager_new (root);
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerProfile) profile = lancer_profile_manager_create (manager, "Alerts", FALSE, &error);
  g_autoptr(LancerStore) store = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) added = NULL;
  g_autoptr(GAsyncResult) loaded = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_alert_record_free);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(LancerAlertPolicy) before = new_policy ();
  g_autoptr(LancerAlertPolicy) after = NULL;
  static const char * const ids[] = { "r1", "r2", "r3", NULL };
  g_autoptr(GPtrArray) jobs = jobs_from (ids, NAN);
  g_autoptr(LancerAlertDecision) first = NULL;
  g_autoptr(LancerAlertDecision) second = NULL;
  static const char * const newer[] = { "r4", NULL };
  g_autoptr(GPtrArray) new_jobs = jobs_from (newer, NAN);
  g_autoptr(LancerAlertDecision) third = NULL;
  LancerAlertRules rules;

  g_assert_no_error (error);
  lancer_store_open_async (profile, NULL, store_result, &opened);
  store = lancer_store_open_finish (wait_result (&opened), &error);
  g_assert_no_error (error);

  lancer_alert_rules_init (&rules);
  rules.max_jobs_per_hour = 2;
  lancer_alert_policy_set_rules (before, &rules);
  first = lancer_alert_policy_decide_jobs (before, jobs);
  g_assert_cmpuint (first->send->len, ==, 2);
  for (guint i = 0; i < first->send->len; i++)
    {
      LancerAlertJob *job = g_ptr_array_index (first->send, i);
      g_ptr_array_add (records, lancer_alert_record_new (job->job_id, LANCER_ALERT_KIND_JOB, job->job_id, fake_now));
    }
  for (guint i = 0; i < first->summarised->len; i++)
    {
      LancerAlertJob *job = g_ptr_array_index (first->summarised, i);
      g_ptr_array_add (records, lancer_alert_record_new (job->job_id, LANCER_ALERT_KIND_SUMMARISED, job->job_id, fake_now));
    }
  lancer_alert_history_add_async (store, records, NULL, store_result, &added);
  g_assert_true (lancer_alert_history_add_finish (store, wait_result (&added), &error));
  g_assert_no_error (error);

  /* "Restart": a fresh policy learns from the table. */
  after = new_policy ();
  lancer_alert_policy_set_rules (after, &rules);
  fake_now += 600;
  lancer_alert_history_load_async (store, fake_now - 86400, NULL, store_result, &loaded);
  history = lancer_alert_history_load_finish (store, wait_result (&loaded), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  lancer_alert_history_apply (history, after);
  second = lancer_alert_policy_decide_jobs (after, jobs);
  g_assert_cmpuint (second->send->len, ==, 0);
  g_assert_cmpuint (second->summarised->len, ==, 0);
  /* The two alerts of ten minutes ago still count towards this hour. */
  third = lancer_alert_policy_decide_jobs (after, new_jobs);
  g_assert_cmpuint (third->send->len, ==, 0);
  g_assert_cmpuint (third->summarised->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alert-policy/dedupe", test_dedupe);
  g_test_add_func ("/alert-policy/searches-and-score", test_searches_and_score);
  g_test_add_func ("/alert-policy/quiet-hours", test_quiet_hours);
  g_test_add_func ("/alert-policy/pause", test_pause);
  g_test_add_func ("/alert-policy/hourly-cap", test_hourly_cap);
  g_test_add_func ("/alert-policy/messages-cap", test_messages_cap);
  g_test_add_func ("/alert-policy/lock-redaction", test_redaction);
  g_test_add_func ("/alert-policy/dedupe-across-restart", test_restart);
  return g_test_run ();
}
