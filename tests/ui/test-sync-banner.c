/* test-sync-banner.c: a sync that fails says so in a banner with the fix.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A profile signed in to the in-tree sandbox over loopback syncs; then
 * Upwork ends the sign-in (every access token expired, every refresh token
 * refused with invalid_grant, as Upwork answers a revoked key). The next
 * sync shows a banner under the header bar whose button opens the sign-in;
 * signing in again takes the banner away.
 */
#include "config.h"

#include "lancer-application.h"
#include "lancer-connect-window.h"
#include "lancer-paths.h"
#include "lancer-sandbox.h"
#include "lancer-sync-banner.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"
#include "lancer-window.h"

static LancerApplication *app;
static LancerSandbox *sandbox;

/* The browser: follows the sandbox's consent redirect to the app. */
static void
visit_uri (const char *uri,
           gpointer    user_data)
{
  lancer_oauth_visit_async (uri, NULL, NULL, NULL);
}

static void
signed_in_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lancer_session_sign_in_finish (LANCER_SESSION (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
sign_in (LancerSession *session)
{
  gboolean done = FALSE;

  lancer_session_sign_in_async (session, visit_uri, NULL, NULL, signed_in_cb, &done);
  g_assert_true (lancer_test_wait_flag (&done, 30));
}

static void
synced_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The failed sync's error is what the banner shows, not a test failure. */
  lancer_sync_run_finish (LANCER_SYNC (source), result, &error);
  *(gboolean *) user_data = TRUE;
}

static void
sync_once (LancerSession *session)
{
  gboolean done = FALSE;

  g_assert_nonnull (lancer_session_get_sync (session));
  lancer_sync_run_async (lancer_session_get_sync (session), LANCER_SYNC_ALL, NULL, synced_cb, &done);
  g_assert_true (lancer_test_wait_flag (&done, 60));
}

/* Only a mapped button: the one the person can see on the banner now. */
static GtkWidget *
find_mapped_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_mapped_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  LancerSyncBanner *banner;
  gboolean          revealed;
} BannerWait;

static gboolean
banner_is (gpointer data)
{
  BannerWait *wait = data;

  return lancer_sync_banner_get_revealed (wait->banner) == wait->revealed;
}

static void
wait_banner (LancerSyncBanner *banner,
             gboolean          revealed)
{
  BannerWait wait = { banner, revealed };

  g_test_message ("waiting for the banner to be %s", revealed ? "shown" : "hidden");
  g_assert_true (lancer_test_iterate_until (banner_is, &wait, 30));
}

static gboolean
connect_window_shown (gpointer data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (LANCER_IS_CONNECT_WINDOW (l->data) && gtk_widget_get_mapped (l->data))
      {
        *(GtkWindow **) data = l->data;
        return TRUE;
      }
  return FALSE;
}

static void
save_and_check (GtkWidget  *widget,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_build_filename (lancer_paths_get_artifact_dir (), file, NULL);

  lancer_test_ui_settle (widget);
  g_assert_true (lancer_test_ui_save_png (widget, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lancer_test_ui_count_colors (path), >, 10);
}

static void
test_sign_in_ended (void)
{
  LancerSession *session;
  LancerWindow *window;
  LancerSyncBanner *banner;
  GtkWidget *button;
  GtkWindow *connect = NULL;
  g_autofree char *authorize = lancer_sandbox_dup_authorize_url (sandbox);
  g_autofree char *token = lancer_sandbox_dup_token_url (sandbox);
  g_autofree char *graphql = lancer_sandbox_dup_graphql_url (sandbox);
  g_autofree char *redirect = g_strdup_printf ("http://127.0.0.1:%u/callback", lancer_test_ui_free_port ());
  AdwStyleManager *style = adw_style_manager_get_default ();

  g_assert_true (lancer_test_iterate_until (lancer_test_ui_app_session_ready, app, 20));
  session = lancer_application_get_session (app);
  lancer_session_set_upwork_endpoints (session, authorize, token, graphql);
  lancer_session_set_upwork_client_secret (session, LANCER_SANDBOX_CLIENT_SECRET);
  g_settings_set_string (lancer_session_get_settings (session), "upwork-client-id", LANCER_SANDBOX_CLIENT_ID);
  g_settings_set_string (lancer_session_get_settings (session), "upwork-redirect-uri", redirect);

  window = lancer_window_new (GTK_APPLICATION (app), session);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 720);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  banner = LANCER_SYNC_BANNER (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_SYNC_BANNER));
  g_assert_nonnull (banner);
  g_assert_true (lancer_sync_banner_get_session (banner) == session);

  sign_in (session);
  sync_once (session);
  g_assert_false (lancer_sync_banner_get_revealed (banner));

  /* Upwork ends the sign-in: the next sync cannot refresh the token. */
  lancer_sandbox_revoke_refresh_tokens (sandbox);
  lancer_sandbox_expire_access_tokens (sandbox);
  sync_once (session);
  wait_banner (banner, TRUE);
  g_assert_true (lancer_oauth_get_needs_sign_in (lancer_session_get_oauth (session)));
  g_assert_cmpstr (lancer_sync_banner_get_title (banner), ==,
                   "Upwork ended the sign-in. Your stored data stays available; sign in again to keep it up to date.");
  lancer_test_ui_settle (GTK_WIDGET (window));
  save_and_check (GTK_WIDGET (window), "window-sign-in-banner-light-1180");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  save_and_check (GTK_WIDGET (window), "window-sign-in-banner-dark-1180");
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  save_and_check (GTK_WIDGET (window), "window-sign-in-banner-dark-360");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  save_and_check (GTK_WIDGET (window), "window-sign-in-banner-light-360");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* Its button is the fix: the sign-in window, on top of this one. */
  button = find_mapped_button (GTK_WIDGET (banner), "_Sign In Again…");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_activate (button));
  g_assert_true (lancer_test_iterate_until (connect_window_shown, &connect, 10));
  g_assert_true (gtk_window_get_transient_for (connect) == GTK_WINDOW (window));
  save_and_check (GTK_WIDGET (connect), "window-sign-in-banner-connect");
  gtk_window_destroy (connect);

  /* Signed in again (as the sign-in window does): the banner goes, and
   * the next sync works. */
  sign_in (session);
  wait_banner (banner, FALSE);
  sync_once (session);
  g_assert_false (lancer_sync_banner_get_revealed (banner));
  g_assert_cmpint (lancer_sync_get_state (lancer_session_get_sync (session)), !=, LANCER_SYNC_STATE_ERROR);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
sync_idle (gpointer data)
{
  LancerSync *sync = data;

  return lancer_sync_get_state (sync) != LANCER_SYNC_STATE_SYNCING;
}

/* Any other failure: the banner says what went wrong, and Try Again
 * syncs again. Runs after the sign-in test: the profile is signed in. */
static void
test_sync_failed (void)
{
  LancerSession *session = lancer_application_get_session (app);
  LancerSync *sync = lancer_session_get_sync (session);
  LancerWindow *window = lancer_window_new (GTK_APPLICATION (app), session);
  LancerSyncBanner *banner;
  GtkWidget *button;

  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 720);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  banner = LANCER_SYNC_BANNER (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_SYNC_BANNER));
  g_assert_false (lancer_sync_banner_get_revealed (banner));

  /* Upwork answers with something that is not JSON at all. */
  lancer_sandbox_set_fault (sandbox, LANCER_SANDBOX_FAULT_MALFORMED_JSON, 1000, NULL);
  sync_once (session);
  g_assert_cmpint (lancer_sync_get_state (sync), ==, LANCER_SYNC_STATE_ERROR);
  wait_banner (banner, TRUE);
  g_test_message ("banner: %s", lancer_sync_banner_get_title (banner));
  g_assert_true (g_str_has_prefix (lancer_sync_banner_get_title (banner), "The last sync failed: "));
  g_assert_false (lancer_oauth_get_needs_sign_in (lancer_session_get_oauth (session)));
  save_and_check (GTK_WIDGET (window), "window-sync-failed-banner");

  /* Fixed upstream; Try Again syncs, and the banner goes. */
  lancer_sandbox_clear_faults (sandbox);
  button = find_mapped_button (GTK_WIDGET (banner), "_Try Again");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_activate (button));
  wait_banner (banner, FALSE);
  g_assert_true (lancer_test_iterate_until (sync_idle, sync, 60));
  g_assert_cmpint (lancer_sync_get_state (sync), !=, LANCER_SYNC_STATE_ERROR);
  g_assert_false (lancer_sync_banner_get_revealed (banner));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  app = lancer_test_ui_app_new (&argc, &argv);
  /* A small sandbox, strict like Upwork about tokens. */
  sandbox = lancer_sandbox_new (7, 30);
  g_assert_true (lancer_sandbox_start (sandbox, 0, &error));
  g_assert_no_error (error);

  g_test_add_func ("/ui/sync-banner/sign-in-ended", test_sign_in_ended);
  g_test_add_func ("/ui/sync-banner/sync-failed", test_sync_failed);

  ret = g_test_run ();
  lancer_sandbox_stop (sandbox);
  g_object_unref (sandbox);
  g_object_unref (app);
  return ret;
}
