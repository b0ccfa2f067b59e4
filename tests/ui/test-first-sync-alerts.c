/* test-first-sync-alerts.c: the first sync is not a notification flood.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A new user opens the demo: its first sync brings hundreds of jobs and
 * the conversations so far, some of them the user's own messages. The
 * dbusmock notification daemon that tests/headless-session.sh runs counts
 * what reached the desktop: one summary, nothing else.
 */
#include "config.h"

#include "lancer-application.h"
#include "lancer-sandbox.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"
#include "lancer-window.h"

static LancerApplication *app;

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

/* The summaries (titles) of every Notify call so far; with @bodies, the
 * bodies too. */
static GPtrArray *
notified (GPtrArray *bodies)
{
  g_autoptr(GVariant) reply = mock_call ("GetMethodCalls", g_variant_new ("(s)", "Notify"));
  g_autoptr(GVariant) calls = g_variant_get_child_value (reply, 0);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (gsize i = 0; i < g_variant_n_children (calls); i++)
    {
      g_autoptr(GVariant) call = g_variant_get_child_value (calls, i);
      g_autoptr(GVariant) args = g_variant_get_child_value (call, 1);
      g_autoptr(GVariant) summary = g_variant_get_child_value (args, 3);
      g_autoptr(GVariant) body = g_variant_get_child_value (args, 4);
      g_autoptr(GVariant) s = g_variant_get_variant (summary);
      g_autoptr(GVariant) b = g_variant_get_variant (body);

      g_ptr_array_add (out, g_variant_dup_string (s, NULL));
      if (bodies != NULL)
        g_ptr_array_add (bodies, g_variant_dup_string (b, NULL));
    }
  return out;
}

static gboolean
demo_synced (gpointer data)
{
  LancerSession *session = lancer_application_get_session (app);
  LancerSync *sync = session != NULL ? lancer_session_get_sync (session) : NULL;

  return session != NULL && lancer_session_get_is_demo (session) && sync != NULL &&
         lancer_sync_get_last_synced (sync) != 0;
}

static gboolean
anything_notified (gpointer data)
{
  g_autoptr(GPtrArray) titles = notified (NULL);

  return titles->len > 0;
}

static void
test_first_sync (void)
{
  LancerWindow *window;
  g_autoptr(GPtrArray) titles = NULL;
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GVariant) cleared = mock_call ("ClearCalls", NULL);

  g_application_activate (G_APPLICATION (app));
  window = LANCER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  /* The user reads Analytics meanwhile: Jobs and Messages are not in view. */
  lancer_window_show_page (window, "analytics");

  g_action_group_activate_action (G_ACTION_GROUP (app), "try-demo", NULL);
  g_assert_true (lancer_test_iterate_until (demo_synced, NULL, 90));

  /* The summary comes once everything the sync stored has been read. */
  g_assert_true (lancer_test_iterate_until (anything_notified, NULL, 30));
  titles = notified (bodies);
  for (guint i = 0; i < titles->len; i++)
    g_test_message ("notification: %s", (char *) g_ptr_array_index (titles, i));
  g_assert_cmpuint (titles->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "Lancer is up to date");
  /* what came in, counted: the demo's jobs and its unread conversations */
  g_test_message ("summary: %s", (char *) g_ptr_array_index (bodies, 0));
  g_assert_true (g_regex_match_simple ("^The first sync brought in [0-9]+ jobs and [0-9]+ unread conversations?\\.",
                                       g_ptr_array_index (bodies, 0), 0, 0));
  for (guint i = 0; i < titles->len; i++)
    g_assert_null (strstr (g_ptr_array_index (titles, i), LANCER_SANDBOX_USER_NAME));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = lancer_test_ui_app_new (&argc, &argv);

  g_test_add_func ("/ui/alerts/first-sync-one-summary", test_first_sync);

  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
