/* test-notification.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The notifier against the dbusmock notification daemon that
 * tests/headless-session.sh starts (org.freedesktop.Notifications).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lancer-store-private.h"   /* seeds the profile directly */
#include "lancer-notifier.h"
#include "lancer-session.h"
#include "lancer-test-util.h"
#include "lancer-totp.h"

static GApplication *app;
static LancerSession *session;
static LancerNotifier *notifier;

static gboolean
session_ready (gpointer data)
{
  return lancer_session_get_state (LANCER_SESSION (data)) != LANCER_SESSION_OPENING;
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

static GVariant *
mock_call (const char *method,
           GVariant   *params)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                                       "org.freedesktop.DBus.Mock", method, params, NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  return reply;
}

typedef struct
{
  char  *summary;
  char  *body;
  GStrv  actions;
} Notification;

static void
notification_free (Notification *n)
{
  g_free (n->summary);
  g_free (n->body);
  g_strfreev (n->actions);
  g_free (n);
}

static GPtrArray *
notify_calls (void)
{
  g_autoptr(GVariant) reply = mock_call ("GetMethodCalls", g_variant_new ("(s)", "Notify"));
  g_autoptr(GVariant) calls = g_variant_get_child_value (reply, 0);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) notification_free);

  for (gsize i = 0; i < g_variant_n_children (calls); i++)
    {
      g_autoptr(GVariant) call = g_variant_get_child_value (calls, i);
      g_autoptr(GVariant) args = g_variant_get_child_value (call, 1);
      g_autoptr(GVariant) summary = g_variant_get_child_value (args, 3);
      g_autoptr(GVariant) body = g_variant_get_child_value (args, 4);
      g_autoptr(GVariant) actions = g_variant_get_child_value (args, 5);
      g_autoptr(GVariant) s = g_variant_get_variant (summary);
      g_autoptr(GVariant) b = g_variant_get_variant (body);
      g_autoptr(GVariant) a = g_variant_get_variant (actions);
      Notification *n = g_new0 (Notification, 1);

      n->summary = g_variant_dup_string (s, NULL);
      n->body = g_variant_dup_string (b, NULL);
      n->actions = g_variant_dup_strv (a, NULL);
      g_ptr_array_add (out, n);
    }
  return out;
}

static GPtrArray *
wait_for_notifications (guint n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GPtrArray) calls = notify_calls ();

      if (calls->len >= n)
        return g_steal_pointer (&calls);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (20000);
    }
  return notify_calls ();
}

static void
clear_calls (void)
{
  g_autoptr(GVariant) reply = mock_call ("ClearCalls", NULL);
}

static gboolean
strv_has_prefix (GStrv       strv,
                 const char *prefix)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (g_str_has_prefix (strv[i], prefix))
      return TRUE;
  return FALSE;
}

static gboolean
strv_contains_text (GStrv       strv,
                    const char *text)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (strstr (strv[i], text) != NULL)
      return TRUE;
  return FALSE;
}

static void
add_jobs (const char * const *ids,
          const char * const *titles)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      LancerJob *job = lancer_job_new (ids[i]);
      g_autofree char *url = g_strdup_printf ("https://www.upwork.com/jobs/%s", ids[i]);

      lancer_job_set_title (job, titles[i]);
      lancer_job_set_url (job, url);
      lancer_job_set_posted_at (job, now - 60);
      lancer_job_set_fetched_at (job, now);
      lancer_job_set_job_type (job, LANCER_JOB_TYPE_FIXED);
      lancer_job_set_budget (job, 500);
      lancer_job_set_client_country (job, "Ukraine");
      g_ptr_array_add (jobs, job);
    }
  lancer_store_upsert_jobs_async (lancer_session_get_store (session), jobs, NULL, store_result, &result);
  g_assert_true (lancer_store_upsert_jobs_finish (lancer_session_get_store (session), wait_result (&result),
                                                  NULL, &error));
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

static void
test_job_notifications (void)
{
  static const char * const ids[] = { "~01n1", "~01n2", NULL };
  static const char * const titles[] = { "GTK 4 developer for a C app", "Meson build expert", NULL };
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GPtrArray) again = NULL;
  Notification *n;

  clear_calls ();
  add_jobs (ids, titles);
  alerts = check_jobs ();
  g_assert_cmpuint (alerts->len, ==, 2);
  calls = wait_for_notifications (2);
  g_assert_cmpuint (calls->len, ==, 2);
  n = g_ptr_array_index (calls, 0);
  g_assert_cmpstr (n->summary, ==, "GTK 4 developer for a C app");
  g_assert_nonnull (strstr (n->body, "Fixed $500"));
  g_assert_nonnull (strstr (n->body, "Ukraine"));
  /* The default action and the buttons. */
  g_assert_true (strv_contains_text (n->actions, "Open Job"));
  g_assert_true (strv_contains_text (n->actions, "Write Proposal"));
  g_assert_true (strv_contains_text (n->actions, "Dismiss"));
  g_assert_true (strv_has_prefix (n->actions, "default"));
  n = g_ptr_array_index (calls, 1);
  g_assert_cmpstr (n->summary, ==, "Meson build expert");
  g_assert_cmpuint (lancer_notifier_get_new_matches (notifier), ==, 2);

  /* Never twice for the same job. */
  clear_calls ();
  again = check_jobs ();
  g_assert_cmpuint (again->len, ==, 0);
}

static void
test_hourly_summary (void)
{
  static const char * const ids[] = { "~01c1", "~01c2", "~01c3", "~01c4", "~01c5", NULL };
  static const char * const titles[] = { "One", "Two", "Three", "Four", "Five", NULL };
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  GSettings *settings = lancer_session_get_settings (session);
  Notification *last;

  /* Two alerts went out in the previous test; the cap is 3 an hour. */
  g_settings_set_uint (settings, "alert-max-per-hour", 3);
  clear_calls ();
  add_jobs (ids, titles);
  alerts = check_jobs ();
  g_assert_cmpuint (alerts->len, ==, 2);
  calls = wait_for_notifications (2);
  g_assert_cmpuint (calls->len, ==, 2);
  g_assert_cmpstr (((Notification *) g_ptr_array_index (calls, 0))->summary, ==, "One");
  last = g_ptr_array_index (calls, 1);
  g_assert_cmpstr (last->summary, ==, "4 more new jobs");
  g_settings_reset (settings, "alert-max-per-hour");
}

static void
add_message (const char *room_id,
             const char *story_id,
             const char *sender,
             const char *text);

static gpointer
message_worker (LancerStore   *store,
                sqlite3       *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  GStrv m = data;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO rooms (id, topic, unread) VALUES (?1, 'Contract', 1)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, m[0], -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO stories (id, room_id, sender, body, created_at)"
                                       " VALUES (?1, ?2, ?3, ?4, strftime ('%s', 'now'))", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, m[1], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, m[0], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, m[2], -1, SQLITE_TRANSIENT);
  if (!lancer_store_bind_sealed (store, stmt, 4, m[3], "stories.body", NULL))
    sqlite3_bind_null (stmt, 4);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return NULL;
}

static void
add_message (const char *room_id,
             const char *story_id,
             const char *sender,
             const char *text)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *m[] = { room_id, story_id, sender, text, NULL };

  lancer_store_run_async (lancer_session_get_store (session), TRUE, "stories", message_worker,
                          g_strdupv ((char **) m), (GDestroyNotify) g_strfreev, NULL, NULL, store_result, &result);
  lancer_store_run_finish (lancer_session_get_store (session), wait_result (&result), &error);
  g_assert_no_error (error);
}

static GPtrArray *
check_messages (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *alerts;

  lancer_notifier_check_messages_async (notifier, NULL, store_result, &result);
  alerts = lancer_notifier_check_finish (notifier, wait_result (&result), &error);
  g_assert_no_error (error);
  return alerts;
}

static void
test_message_notification (void)
{
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  Notification *n;

  clear_calls ();
  add_message ("room-7", "story-1", "Maria Client", "Can you start on Monday?");
  alerts = check_messages ();
  g_assert_cmpuint (alerts->len, ==, 1);
  calls = wait_for_notifications (1);
  g_assert_cmpuint (calls->len, ==, 1);
  n = g_ptr_array_index (calls, 0);
  g_assert_cmpstr (n->summary, ==, "New message from Maria Client");
  g_assert_true (strv_contains_text (n->actions, "Open Conversation"));
  g_assert_cmpuint (lancer_notifier_get_unread_messages (notifier), ==, 1);
}

/* The user's own replies (the sender is the signed-in user) are no news. */
static void
test_own_message_silent (void)
{
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  Notification *n;

  clear_calls ();
  lancer_notifier_set_user_name (notifier, "Olena Kovalenko");
  g_settings_set_uint (lancer_session_get_settings (session), "alert-max-per-hour", 100);
  add_message ("room-8", "story-own-1", "Olena Kovalenko", "Yes, I can start on Monday.");
  add_message ("room-8", "story-client-1", "Taras Client", "Great, I will send the contract.");
  alerts = check_messages ();
  g_assert_cmpuint (alerts->len, ==, 1);
  calls = wait_for_notifications (1);
  g_assert_cmpuint (calls->len, ==, 1);
  n = g_ptr_array_index (calls, 0);
  g_assert_cmpstr (n->summary, ==, "New message from Taras Client");
  lancer_notifier_set_user_name (notifier, NULL);
}

static gboolean
page_is_messages (const char *page,
                  gpointer    user_data)
{
  return g_strcmp0 (page, "messages") == 0;
}

/* The window is focused on Messages: a new message reaches the page, not
 * the desktop; a job still does. */
static void
test_page_in_view_silent (void)
{
  static const char * const ids[] = { "~01v1", NULL };
  static const char * const titles[] = { "Rust and GTK port of a C tool", NULL };
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GPtrArray) job_alerts = NULL;
  g_autoptr(GPtrArray) calls = NULL;

  clear_calls ();
  lancer_notifier_set_page_shown_func (notifier, page_is_messages, NULL);
  add_message ("room-11", "story-client-2", "Maria Client", "Could you share the invoice?");
  alerts = check_messages ();
  g_assert_cmpuint (alerts->len, ==, 1);
  add_jobs (ids, titles);
  job_alerts = check_jobs ();
  g_assert_cmpuint (job_alerts->len, ==, 1);
  calls = wait_for_notifications (1);
  g_assert_cmpuint (calls->len, ==, 1);
  g_assert_cmpstr (((Notification *) g_ptr_array_index (calls, 0))->summary, ==, "Rust and GTK port of a C tool");
  lancer_notifier_set_page_shown_func (notifier, NULL, NULL);
}

static void
test_locked_carries_no_private_text (void)
{
  LancerLockGuard *guard = lancer_session_get_lock_guard (session);
  g_autoptr(LancerLockEnrolment) enrolment = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autofree char *code = NULL;
  g_auto(GStrv) recovery = NULL;
  static const char * const ids[] = { "~01secret1", "~01secret2", "~01secret3", NULL };
  static const char * const titles[] = { "Confidential ACME rewrite", "Private Globex audit", "Initech TPS", NULL };
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GPtrArray) message_alerts = NULL;
  g_autoptr(GPtrArray) calls = NULL;

  enrolment = lancer_lock_guard_begin_enrolment (guard, "Alerts", &error);
  g_assert_no_error (error);
  key = lancer_totp_base32_decode (lancer_lock_enrolment_get_secret (enrolment), &error);
  g_assert_no_error (error);
  code = lancer_totp_generate_code (key, g_get_real_time () / G_USEC_PER_SEC, LANCER_TOTP_DIGITS, &error);
  g_assert_no_error (error);
  recovery = lancer_lock_enrolment_confirm_sync (enrolment, code, NULL, &error);
  g_assert_no_error (error);
  lancer_lock_guard_lock (guard);
  g_assert_true (lancer_lock_guard_get_locked (guard));
  g_assert_true (lancer_notifier_get_locked (notifier));

  g_settings_set_uint (lancer_session_get_settings (session), "alert-max-per-hour", 100);
  clear_calls ();
  add_jobs (ids, titles);
  alerts = check_jobs ();
  add_message ("room-9", "story-9", "Wanda Secret", "My phone number is 555-0199");
  message_alerts = check_messages ();
  calls = wait_for_notifications (2);
  g_assert_cmpuint (calls->len, ==, 2);
  g_assert_cmpstr (((Notification *) g_ptr_array_index (calls, 0))->summary, ==, "3 new jobs match your searches");
  g_assert_cmpstr (((Notification *) g_ptr_array_index (calls, 1))->summary, ==, "1 new message");
  for (guint i = 0; i < calls->len; i++)
    {
      Notification *n = g_ptr_array_index (calls, i);
      g_autofree char *actions = g_strjoinv ("|", n->actions);
      g_autofree char *all = g_strjoin ("|", n->summary, n->body, actions, NULL);
      static const char * const secrets[] = { "ACME", "Globex", "Initech", "secret", "Wanda", "555", "room-9", NULL };

      for (guint j = 0; secrets[j] != NULL; j++)
        if (strstr (all, secrets[j]) != NULL)
          g_error ("Notification %u carries private text “%s”: %s", i, secrets[j], all);
    }
  /* Same for what would go to Telegram and webhooks. */
  for (guint i = 0; i < alerts->len; i++)
    g_assert_true (((LancerAlert *) g_ptr_array_index (alerts, i))->redacted);
  for (guint i = 0; i < message_alerts->len; i++)
    g_assert_true (((LancerAlert *) g_ptr_array_index (message_alerts, i))->redacted);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;
  g_autoptr(LancerProfileManager) manager = NULL;
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp = lancer_test_isolate_xdg ();
  app = g_application_new ("io.github.lancerdesk.Lancer.NotifyTest", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (app, NULL, &error));
  g_assert_no_error (error);

  manager = lancer_profile_manager_new (NULL);
  profile = lancer_profile_manager_create (manager, "Alerts", FALSE, &error);
  g_assert_no_error (error);
  session = lancer_session_new (manager, profile);
  lancer_session_open (session);
  g_assert_true (lancer_test_iterate_until (session_ready, session, 20));
  g_assert_cmpint (lancer_session_get_state (session), ==, LANCER_SESSION_READY);
  notifier = lancer_notifier_new (app, session);

  g_test_add_func ("/notification/jobs", test_job_notifications);
  g_test_add_func ("/notification/hourly-summary", test_hourly_summary);
  g_test_add_func ("/notification/message", test_message_notification);
  g_test_add_func ("/notification/own-message-silent", test_own_message_silent);
  g_test_add_func ("/notification/page-in-view-silent", test_page_in_view_silent);
  g_test_add_func ("/notification/locked-no-private-text", test_locked_carries_no_private_text);
  ret = g_test_run ();

  g_clear_object (&notifier);
  g_clear_object (&session);
  g_clear_object (&app);
  return ret;
}
