/* test-alert-delivery.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the notifier delivers beyond the desktop: per-channel rules (which
 * searches, which minimum score), message templates, and the digest of
 * jobs held in quiet hours — against a real store and a loopback webhook
 * receiver and SMS gateway.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "lancer-store-private.h"   /* seeds the profile directly */
#include "lancer-alert-route.h"
#include "lancer-alert-template.h"
#include "lancer-notifier.h"
#include "lancer-secrets.h"
#include "lancer-session.h"
#include "lancer-test-util.h"

static LancerSession *session;
static LancerNotifier *notifier;
static SoupServer *server;
static GPtrArray *webhook_posts;   /* JSON bodies */
static GPtrArray *sms_posts;       /* SMS texts */
static gint64 fake_now;

/* ---- the loopback receivers ---- */

static void
handler (SoupServer        *srv,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (g_str_equal (path, "/hook"))
    g_ptr_array_add (webhook_posts, g_strndup (body->data, body->length));
  else if (g_str_equal (path, "/sms") && json_parser_load_from_data (parser, body->data, body->length, NULL))
    g_ptr_array_add (sms_posts, g_strdup (json_object_get_string_member (
                                            json_node_get_object (json_parser_get_root (parser)), "text")));
  soup_server_message_set_status (msg, 200, NULL);
}

static void
clear_posts (void)
{
  g_ptr_array_set_size (webhook_posts, 0);
  g_ptr_array_set_size (sms_posts, 0);
}

/* Deliveries are asynchronous; waits until @n of each arrived (or 10 s). */
static void
wait_posts (guint n_webhook,
            guint n_sms)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while ((webhook_posts->len < n_webhook || sms_posts->len < n_sms) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  /* And a moment for anything that should not have come. */
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 5;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
any_contains (GPtrArray  *posts,
              const char *text)
{
  for (guint i = 0; i < posts->len; i++)
    if (strstr (g_ptr_array_index (posts, i), text) != NULL)
      return TRUE;
  return FALSE;
}

/* ---- the store ---- */

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

typedef struct
{
  const char *id;
  const char *title;
  double      budget;
  double      score;
  const char *search;
} TestJob;

/* What the sync and the scorer write: the job's saved-search match and its
 * local score. */
static gpointer
match_worker (LancerStore   *store,
              sqlite3       *db,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  const TestJob *jobs = data;

  for (guint i = 0; jobs[i].id != NULL; i++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO saved_searches (name, query, created_at)"
                                               " VALUES (?1, ?1, 0)", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, jobs[i].search, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO job_matches (search_id, job_rid, matched_at)"
                                               " SELECT s.id, j.rid, 0 FROM saved_searches s, jobs j"
                                               " WHERE s.name = ?1 AND j.id = ?2", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, jobs[i].search, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, jobs[i].id, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO job_scores (job_rid, kind, score, created_at)"
                                               " SELECT rid, 'local', ?2, 0 FROM jobs WHERE id = ?1",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, jobs[i].id, -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 2, jobs[i].score);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
    }
  return NULL;
}

static void
add_jobs (const TestJob *jobs)
{
  LancerStore *store = lancer_session_get_store (session);
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) matched = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; jobs[i].id != NULL; i++)
    {
      LancerJob *job = lancer_job_new (jobs[i].id);
      g_autofree char *url = g_strdup_printf ("https://www.upwork.com/jobs/%s", jobs[i].id);

      lancer_job_set_title (job, jobs[i].title);
      lancer_job_set_url (job, url);
      lancer_job_set_posted_at (job, now - 60);
      lancer_job_set_fetched_at (job, now);
      lancer_job_set_job_type (job, LANCER_JOB_TYPE_FIXED);
      lancer_job_set_budget (job, jobs[i].budget);
      lancer_job_set_client_country (job, "Poland");
      g_ptr_array_add (array, job);
    }
  lancer_store_upsert_jobs_async (store, array, NULL, store_result, &result);
  g_assert_true (lancer_store_upsert_jobs_finish (store, wait_result (&result), NULL, &error));
  g_assert_no_error (error);
  lancer_store_run_async (store, TRUE, "job_scores", match_worker, (gpointer) jobs, NULL, NULL, NULL,
                          store_result, &matched);
  lancer_store_run_finish (store, wait_result (&matched), &error);
  g_assert_no_error (error);
}

static GPtrArray *
check_jobs (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *alerts;

  lancer_notifier_check_jobs_async (notifier, NULL, store_result, &result);
  alerts = lancer_notifier_check_finish (notifier, wait_result (&result), &error);
  g_assert_no_error (error);
  return alerts;
}

/* ---- tests ---- */

/* SMS only for jobs scored 80 or more (its default rule), the webhook
 * only for the "Rust" search; the desktop is not limited. */
static void
test_channel_rules (void)
{
  static const TestJob jobs[] = {
    { "~01r1", "GTK 4 app for a dental clinic", 1500, 92, "GTK" },
    { "~01r2", "Port a CLI tool to Rust", 600, 45, "Rust" },
    { NULL },
  };
  const char *rust[] = { "rust", NULL };
  GSettings *settings = lancer_session_get_settings (session);
  g_autoptr(GPtrArray) alerts = NULL;

  lancer_alert_route_set (settings, "webhook", 0, rust);
  clear_posts ();
  add_jobs (jobs);
  alerts = check_jobs ();
  g_assert_cmpuint (alerts->len, ==, 2);
  wait_posts (1, 1);
  g_assert_cmpuint (webhook_posts->len, ==, 1);
  g_assert_true (any_contains (webhook_posts, "Port a CLI tool to Rust"));
  g_assert_cmpuint (sms_posts->len, ==, 1);
  g_assert_true (any_contains (sms_posts, "GTK 4 app for a dental clinic"));
  g_settings_reset (settings, "alert-channel-rules");
}

static void
test_templates (void)
{
  static const TestJob jobs[] = {
    { "~01t1", "Meson and CI for a GNOME app", 900, 88, "GTK" },
    { NULL },
  };
  GSettings *settings = lancer_session_get_settings (session);
  g_autoptr(GPtrArray) alerts = NULL;

  lancer_alert_template_set (settings, "sms", "{score}/100 {budget} · {client} {link}");
  lancer_alert_template_set (settings, "webhook", "New: {title} ({searches}) {unknown}");
  clear_posts ();
  add_jobs (jobs);
  alerts = check_jobs ();
  g_assert_cmpuint (alerts->len, ==, 1);
  wait_posts (1, 1);
  g_assert_cmpuint (sms_posts->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (sms_posts, 0), ==,
                   "Meson and CI for a GNOME app\n88/100 Fixed $900 · Poland https://www.upwork.com/jobs/~01t1");
  g_assert_cmpuint (webhook_posts->len, ==, 1);
  /* Fields filled in, what is not a field left as typed. */
  g_assert_true (any_contains (webhook_posts, "\"body\":\"New: Meson and CI for a GNOME app (GTK) {unknown}\""));
  g_settings_reset (settings, "alert-templates");
}

static void
test_template_render (void)
{
  g_autoptr(LancerAlert) sample = lancer_alert_template_sample ();
  g_autoptr(LancerAlert) unscored = lancer_alert_new_job ("~01u", "Logo", NULL, NULL, NAN);
  g_autofree char *text = lancer_alert_template_render ("{title}: {budget}, {score}, {{title}} {", sample);
  g_autofree char *empty = lancer_alert_template_render ("[{budget}] {score}", unscored);
  g_autoptr(LancerAlert) redacted = lancer_alert_new_redacted (LANCER_ALERT_JOB, 2);
  g_autoptr(LancerAlert) applied = NULL;
  GSettings *settings = lancer_session_get_settings (session);

  g_assert_cmpstr (text, ==, "GTK 4 desktop app for a dental clinic: $1,500 fixed, 86, {GTK 4 desktop app for a "
                             "dental clinic} {");
  g_assert_cmpstr (empty, ==, "[] –");
  /* A locked app's alert has no facts to fill in: its text stays. */
  lancer_alert_template_set (settings, "desktop", "{title} {link}");
  applied = lancer_alert_template_apply (settings, "desktop", redacted);
  g_assert_cmpstr (applied->body, ==, redacted->body);
  g_settings_reset (settings, "alert-templates");
}

static gint64
fake_clock (gpointer user_data)
{
  return fake_now;
}

static gboolean
second_notifier_ready (gpointer data)
{
  return lancer_notifier_get_held (LANCER_NOTIFIER (data)) == 2;
}

/* Jobs in quiet hours wait; one digest per channel when they end. */
static void
test_quiet_hours_digest (void)
{
  static const TestJob jobs[] = {
    { "~01d1", "Night job: GNOME Shell extension", 700, 95, "GTK" },
    { "~01d2", "Night job: Flatpak packaging", 300, 50, "GTK" },
    { NULL },
  };
  GSettings *settings = lancer_session_get_settings (session);
  LancerAlertPolicy *policy = lancer_notifier_get_policy (notifier);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GPtrArray) digest = NULL;
  g_autoptr(LancerNotifier) restarted = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LancerAlert *alert;
  gint64 midnight = (g_get_real_time () / G_USEC_PER_SEC) / 86400 * 86400;

  lancer_alert_policy_set_timezone (policy, utc);
  lancer_alert_policy_set_clock (policy, fake_clock, NULL);
  fake_now = midnight + 23 * 3600;   /* 23:00 UTC */
  g_settings_set_uint (settings, "alert-quiet-start", 22 * 60);
  g_settings_set_uint (settings, "alert-quiet-end", 7 * 60);
  g_settings_set_boolean (settings, "alert-quiet-hours", TRUE);
  clear_posts ();
  add_jobs (jobs);
  alerts = check_jobs ();
  g_assert_cmpuint (alerts->len, ==, 0);
  g_assert_cmpuint (lancer_notifier_get_held (notifier), ==, 2);
  wait_posts (0, 0);
  g_assert_cmpuint (webhook_posts->len, ==, 0);
  g_assert_cmpuint (sms_posts->len, ==, 0);

  /* Held in the store: a restart during the night still owes the digest. */
  restarted = lancer_notifier_new (NULL, session);
  g_assert_true (lancer_test_iterate_until (second_notifier_ready, restarted, 10));
  g_clear_object (&restarted);

  /* Still night: nothing yet. */
  lancer_notifier_send_digest_async (notifier, NULL, store_result, &result);
  digest = lancer_notifier_check_finish (notifier, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (digest->len, ==, 0);
  g_clear_pointer (&digest, g_ptr_array_unref);
  g_clear_object (&result);

  fake_now = midnight + 7 * 3600 + 1;   /* 07:00:01, the next morning */
  lancer_notifier_send_digest_async (notifier, NULL, store_result, &result);
  digest = lancer_notifier_check_finish (notifier, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (digest->len, ==, 1);
  alert = g_ptr_array_index (digest, 0);
  g_assert_cmpstr (alert->title, ==, "2 jobs arrived during quiet hours");
  g_assert_nonnull (strstr (alert->body, "Night job: GNOME Shell extension"));
  g_assert_nonnull (strstr (alert->body, "Night job: Flatpak packaging"));
  g_assert_cmpuint (lancer_notifier_get_held (notifier), ==, 0);
  wait_posts (1, 1);
  /* The webhook's digest lists both; SMS only the job its rule lets through. */
  g_assert_cmpuint (webhook_posts->len, ==, 1);
  g_assert_true (any_contains (webhook_posts, "2 jobs arrived during quiet hours"));
  g_assert_cmpuint (sms_posts->len, ==, 1);
  g_assert_true (any_contains (sms_posts, "1 job arrived during quiet hours"));
  g_assert_false (any_contains (sms_posts, "Flatpak packaging"));

  /* Sent once: neither the jobs nor the digest come again. */
  g_clear_pointer (&alerts, g_ptr_array_unref);
  clear_posts ();
  alerts = check_jobs ();
  g_assert_cmpuint (alerts->len, ==, 0);
  g_settings_reset (settings, "alert-quiet-hours");
  lancer_alert_policy_set_clock (policy, NULL, NULL);
}

static gboolean
session_ready (gpointer data)
{
  return lancer_session_get_state (LANCER_SESSION (data)) != LANCER_SESSION_OPENING;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;
  g_autoptr(LancerProfileManager) manager = NULL;
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *base = NULL;
  g_autofree char *hook = NULL;
  g_autofree char *sms = NULL;
  GSettings *settings;
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmp = lancer_test_isolate_xdg ();

  webhook_posts = g_ptr_array_new_with_free_func (g_free);
  sms_posts = g_ptr_array_new_with_free_func (g_free);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  hook = g_strconcat (base, g_str_has_suffix (base, "/") ? "hook" : "/hook", NULL);
  sms = g_strconcat (base, g_str_has_suffix (base, "/") ? "sms" : "/sms", NULL);

  manager = lancer_profile_manager_new (NULL);
  profile = lancer_profile_manager_create (manager, "Delivery", FALSE, &error);
  g_assert_no_error (error);
  session = lancer_session_new (manager, profile);
  lancer_session_open (session);
  g_assert_true (lancer_test_iterate_until (session_ready, session, 20));
  g_assert_cmpint (lancer_session_get_state (session), ==, LANCER_SESSION_READY);
  settings = lancer_session_get_settings (session);
  g_settings_set_boolean (settings, "alert-desktop", FALSE);
  g_settings_set_uint (settings, "alert-max-per-hour", 100);
  g_settings_set_string (settings, "alert-webhook-url", hook);
  g_settings_set_boolean (settings, "alert-webhook-enabled", TRUE);
  g_settings_set_string (settings, "alert-sms-provider", "gateway");
  g_settings_set_string (settings, "alert-sms-gateway-url", sms);
  g_settings_set_string (settings, "alert-sms-to", "+48501234567");
  g_settings_set_uint (settings, "alert-sms-daily-cap", 50);
  g_settings_set_boolean (settings, "alert-sms", TRUE);
  notifier = lancer_notifier_new (NULL, session);

  g_test_add_func ("/alert-delivery/channel-rules", test_channel_rules);
  g_test_add_func ("/alert-delivery/templates", test_templates);
  g_test_add_func ("/alert-delivery/template-render", test_template_render);
  g_test_add_func ("/alert-delivery/quiet-hours-digest", test_quiet_hours_digest);
  ret = g_test_run ();

  g_clear_object (&notifier);
  g_clear_object (&session);
  soup_server_disconnect (server);
  g_clear_object (&server);
  g_clear_pointer (&webhook_posts, g_ptr_array_unref);
  g_clear_pointer (&sms_posts, g_ptr_array_unref);
  lancer_secrets_clear_profile_sync (lancer_profile_get_id (profile), NULL, NULL);
  return ret;
}
