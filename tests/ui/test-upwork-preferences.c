/* test-upwork-preferences.c: Preferences → Upwork against the sandbox
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real profile signs in to the in-process sandbox the way the demo does
 * and syncs. The page then shows the account, the day's API use and the
 * organizations; picking one stores its ID and the client sends it as
 * X-Upwork-API-TenantId; signing out forgets the tokens. Screenshots land
 * in $LANCER_ARTIFACT_DIR.
 */
#include "config.h"

#include "lancer-paths.h"
#include "lancer-preferences-window.h"
#include "lancer-sandbox.h"
#include "lancer-secrets.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"
#include "lancer-upwork-client.h"
#include "lancer-access-check-group.h"
#include "lancer-upwork-preferences-page.h"

static LancerSandbox *sandbox;
static LancerProfileManager *manager;
static LancerProfile *profile;
static LancerSession *session;

static GtkWindow *
open_preferences (int                           width,
                  int                           height,
                  LancerUpworkPreferencesPage **page)
{
  GtkWindow *window = GTK_WINDOW (g_object_new (LANCER_TYPE_PREFERENCES_WINDOW,
                                                "profile-settings", lancer_session_get_settings (session),
                                                "session", session,
                                                NULL));

  gtk_window_set_default_size (window, width, height);
  g_assert_true (lancer_test_ui_show (window));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "upwork");
  *page = LANCER_UPWORK_PREFERENCES_PAGE (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_UPWORK_PREFERENCES_PAGE));
  g_assert_nonnull (*page);
  g_assert_true (lancer_upwork_preferences_page_get_session (*page) == session);
  return window;
}

static guint16
pick_free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

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
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lancer_session_sign_in_finish (LANCER_SESSION (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
synced (gpointer data)
{
  LancerSync *sync = lancer_session_get_sync (session);

  return sync != NULL && lancer_sync_get_state (sync) == LANCER_SYNC_STATE_IDLE &&
         lancer_sync_get_last_synced (sync) > 0;
}

static gboolean
sync_idle (gpointer data)
{
  LancerSync *sync = lancer_session_get_sync (session);

  return sync != NULL && lancer_sync_get_state (sync) != LANCER_SYNC_STATE_SYNCING;
}

static gboolean
account_known (gpointer data)
{
  return lancer_upwork_preferences_page_get_n_organizations (data) > 1 &&
         lancer_upwork_preferences_page_get_user_name (data) != NULL;
}

static gboolean
tenant_sent (gpointer data)
{
  g_autofree char *counter = g_strconcat ("tenant:", data, NULL);

  return lancer_sandbox_get_n_requests (sandbox, counter) > 0 && sync_idle (NULL);
}

static gboolean
signed_out (gpointer data)
{
  return !lancer_session_get_signed_in (session) &&
         g_strcmp0 (lancer_upwork_preferences_page_get_account_text (data), "Not connected") == 0;
}

static void
test_not_connected (void)
{
  LancerUpworkPreferencesPage *page;
  GtkWindow *window = open_preferences (720, 900, &page);
  g_autofree char *text = NULL;

  g_assert_false (lancer_session_get_signed_in (session));
  g_assert_cmpstr (lancer_upwork_preferences_page_get_account_text (page), ==, "Not connected");
  g_assert_cmpstr (lancer_upwork_preferences_page_get_usage_text (page), ==, "Not connected");
  g_assert_cmpuint (lancer_upwork_preferences_page_get_n_organizations (page), ==, 0);
  g_assert_false (gtk_widget_get_visible (lancer_test_ui_find_type (GTK_WIDGET (page), ADW_TYPE_COMBO_ROW)));
  /* The API key rows moved here with the page. */
  text = lancer_test_ui_collect_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, LANCER_SANDBOX_CLIENT_ID));
  lancer_test_ui_shoot (GTK_WIDGET (window), "upwork-preferences-not-connected");
  gtk_window_destroy (window);
}

static void
test_usage_and_organizations (void)
{
  LancerUpworkPreferencesPage *page;
  GtkWindow *window;
  LancerUpworkClient *client;
  AdwComboRow *row;
  GSettings *settings = lancer_session_get_settings (session);
  g_autofree char *expected = NULL;
  g_autofree char *title = NULL;
  g_autofree char *stored = NULL;
  const char *usage;
  g_autofree char *other_id = NULL;
  guint other = G_MAXUINT;
  guint requests;
  gboolean done = FALSE;

  /* Sign in the way the demo does, then let the first sync finish. */
  lancer_session_sign_in_async (session, visit_uri, NULL, NULL, signed_in_cb, &done);
  g_assert_true (lancer_test_wait_flag (&done, 20));
  g_assert_true (lancer_test_iterate_until (synced, NULL, 60));

  window = open_preferences (720, 900, &page);
  g_assert_true (lancer_test_iterate_until (account_known, page, 20));
  title = g_strdup_printf ("Connected as %s", LANCER_SANDBOX_USER_NAME);
  g_assert_cmpstr (lancer_upwork_preferences_page_get_account_text (page), ==, title);

  /* The day's use: the sync's requests, against the 40,000 budget. */
  client = lancer_sync_get_client (lancer_session_get_sync (session));
  requests = lancer_upwork_client_get_requests_today (client);
  g_assert_cmpuint (requests, >, 0);
  usage = lancer_upwork_preferences_page_get_usage_text (page);
  expected = g_strdup_printf ("%'u of %'u", requests, LANCER_UPWORK_DAILY_BUDGET);
  g_assert_cmpstr (usage, ==, expected);
  g_assert_true (g_ascii_isdigit (usage[0]) && usage[0] != '0');

  /* Two organizations: the combo row offers them. */
  row = ADW_COMBO_ROW (lancer_test_ui_find_type (GTK_WIDGET (page), ADW_TYPE_COMBO_ROW));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (row)), ==, 2);
  lancer_test_ui_shoot (GTK_WIDGET (window), "upwork-preferences");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  lancer_test_ui_shoot (GTK_WIDGET (window), "upwork-preferences-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Picking the other organization stores it; the session applies it and
   * the next requests carry it. */
  for (guint i = 0; i < lancer_upwork_preferences_page_get_n_organizations (page); i++)
    if (i != adw_combo_row_get_selected (row))
      {
        other = i;
        g_free (other_id);
        other_id = g_strdup (lancer_upwork_preferences_page_get_organization_id (page, i));
      }
  g_assert_nonnull (other_id);
  g_assert_true (lancer_test_iterate_until (sync_idle, NULL, 60));
  adw_combo_row_set_selected (row, other);
  stored = g_settings_get_string (settings, "upwork-tenant-id");
  g_assert_cmpstr (stored, ==, other_id);
  g_assert_cmpstr (lancer_upwork_client_get_tenant_id (client), ==, other_id);
  g_assert_true (lancer_test_iterate_until (tenant_sent, other_id, 60));

  /* Requests keep counting while the page is open. */
  g_assert_cmpuint (lancer_upwork_client_get_requests_today (client), >, requests);
  g_free (expected);
  expected = g_strdup_printf ("%'u of %'u", lancer_upwork_client_get_requests_today (client),
                              LANCER_UPWORK_DAILY_BUDGET);
  g_assert_cmpstr (lancer_upwork_preferences_page_get_usage_text (page), ==, expected);
  gtk_window_destroy (window);

  /* A rebuilt connection keeps the organization. */
  lancer_session_reconfigure_upwork (session);
  g_assert_cmpstr (lancer_upwork_client_get_tenant_id (lancer_sync_get_client (lancer_session_get_sync (session))),
                   ==, other_id);
  g_assert_true (lancer_test_iterate_until (synced, NULL, 60));

  /* Narrow. */
  window = open_preferences (360, 720, &page);
  g_assert_true (lancer_test_iterate_until (account_known, page, 20));
  row = ADW_COMBO_ROW (lancer_test_ui_find_type (GTK_WIDGET (page), ADW_TYPE_COMBO_ROW));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, other);
  lancer_test_ui_shoot (GTK_WIDGET (window), "upwork-preferences-360");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  lancer_test_ui_shoot (GTK_WIDGET (window), "upwork-preferences-dark-360");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (window);
}

static gboolean
access_checked (gpointer data)
{
  g_autofree char *summary = lancer_access_check_group_dup_summary (data);

  return !lancer_access_check_group_get_busy (data) && summary[0] != '\0';
}

/* Check Access, as a user runs it: click, wait, read the rows. A key
 * without the messages permission learns exactly that. */
static void
test_check_access (void)
{
  LancerUpworkPreferencesPage *page;
  LancerAccessCheckGroup *group;
  GtkWindow *window;
  g_autofree char *summary = NULL;

  g_assert_true (lancer_session_get_signed_in (session));
  g_assert_true (lancer_test_iterate_until (sync_idle, NULL, 60));
  window = open_preferences (720, 1100, &page);
  group = LANCER_ACCESS_CHECK_GROUP (lancer_upwork_preferences_page_get_access_group (page));
  g_assert_true (gtk_widget_get_sensitive (lancer_access_check_group_get_button (group)));

  lancer_sandbox_set_missing_scopes (sandbox, "messages");
  g_signal_emit_by_name (lancer_access_check_group_get_button (group), "clicked");
  g_assert_true (lancer_test_iterate_until (access_checked, group, 30));
  summary = lancer_access_check_group_dup_summary (group);
  g_assert_nonnull (strstr (summary, "Messages: Needs the key permission “Messages - Read and Write Access”"));
  g_assert_nonnull (strstr (summary, "Job search: Works"));
  g_assert_nonnull (strstr (summary, "Contracts: Works"));
  lancer_sandbox_set_missing_scopes (sandbox, NULL);
  gtk_widget_grab_focus (lancer_access_check_group_get_button (group));
  lancer_test_ui_shoot (GTK_WIDGET (window), "upwork-preferences-access");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  lancer_test_ui_shoot (GTK_WIDGET (window), "upwork-preferences-access-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (window);
}

static gboolean
widget_sensitive (gpointer data)
{
  return gtk_widget_get_sensitive (data);
}

static gboolean
requests_above (gpointer data)
{
  return lancer_sandbox_get_n_requests (sandbox, "graphql") > GPOINTER_TO_UINT (data);
}

/* Opening Preferences shows the account the profile keeps: Upwork is not
 * asked anything until Refresh is clicked. */
static void
test_opening_asks_upwork_nothing (void)
{
  LancerUpworkPreferencesPage *page;
  GtkWindow *window;
  GtkButton *refresh;
  g_autofree char *title = g_strdup_printf ("Connected as %s", LANCER_SANDBOX_USER_NAME);
  guint before;

  g_assert_true (lancer_test_iterate_until (sync_idle, NULL, 60));
  before = lancer_sandbox_get_n_requests (sandbox, "graphql");
  for (guint i = 0; i < 3; i++)
    {
      window = open_preferences (720, 900, &page);
      lancer_test_ui_settle (GTK_WIDGET (window));
      g_assert_cmpstr (lancer_upwork_preferences_page_get_account_text (page), ==, title);
      g_assert_cmpuint (lancer_upwork_preferences_page_get_n_organizations (page), ==, 2);
      gtk_window_destroy (window);
    }
  g_assert_cmpuint (lancer_sandbox_get_n_requests (sandbox, "graphql"), ==, before);

  /* Refresh asks, once, and the page still shows the account. */
  window = open_preferences (720, 900, &page);
  refresh = GTK_BUTTON (lancer_test_ui_find_button_by_tooltip (GTK_WIDGET (page), "Refresh Account"));
  g_assert_nonnull (refresh);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (refresh)));
  g_signal_emit_by_name (refresh, "clicked");
  g_assert_true (lancer_test_iterate_until (requests_above, GUINT_TO_POINTER (before), 20));
  g_assert_true (lancer_test_iterate_until (widget_sensitive, refresh, 20));
  g_assert_cmpuint (lancer_sandbox_get_n_requests (sandbox, "graphql"), ==, before + 1);
  g_assert_cmpstr (lancer_upwork_preferences_page_get_account_text (page), ==, title);
  g_assert_cmpuint (lancer_upwork_preferences_page_get_n_organizations (page), ==, 2);
  gtk_window_destroy (window);
}

static void
test_sign_out (void)
{
  LancerUpworkPreferencesPage *page;
  GtkWindow *window = open_preferences (720, 900, &page);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *tenant = NULL;
  GtkButton *button;

  g_assert_true (lancer_test_iterate_until (account_known, page, 20));
  g_assert_true (lancer_test_iterate_until (sync_idle, NULL, 60));
  button = GTK_BUTTON (lancer_test_ui_find_button (GTK_WIDGET (page), "Sign _Out"));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (lancer_test_iterate_until (signed_out, page, 20));

  g_assert_cmpstr (lancer_upwork_preferences_page_get_usage_text (page), ==, "Not connected");
  g_assert_cmpuint (lancer_upwork_preferences_page_get_n_organizations (page), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_get_visible (lancer_test_ui_find_button (GTK_WIDGET (page), "Sign _In…")));
  tenant = g_settings_get_string (lancer_session_get_settings (session), "upwork-tenant-id");
  g_assert_cmpstr (tenant, ==, "");
  token = lancer_secrets_lookup_sync (lancer_profile_get_id (profile), LANCER_SECRET_UPWORK_REFRESH_TOKEN,
                                      NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token);
  lancer_test_ui_shoot (GTK_WIDGET (window), "upwork-preferences-signed-out");
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *authorize = NULL;
  g_autofree char *token = NULL;
  g_autofree char *graphql = NULL;
  g_autofree char *redirect = NULL;
  GSettings *settings;
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmp = lancer_test_isolate_xdg ();
  if (!lancer_test_ui_init ())
    {
      g_test_skip ("No display");
      return 77;
    }

  sandbox = lancer_sandbox_new (2026, 60);
  lancer_sandbox_set_lenient (sandbox, TRUE);
  g_assert_true (lancer_sandbox_start (sandbox, 0, &error));
  g_assert_no_error (error);
  authorize = lancer_sandbox_dup_authorize_url (sandbox);
  token = lancer_sandbox_dup_token_url (sandbox);
  graphql = lancer_sandbox_dup_graphql_url (sandbox);

  manager = lancer_profile_manager_new (NULL);
  profile = lancer_profile_manager_create (manager, "Upwork", FALSE, &error);
  g_assert_no_error (error);
  session = lancer_session_new (manager, profile);
  lancer_session_set_upwork_endpoints (session, authorize, token, graphql);
  lancer_session_set_upwork_client_secret (session, LANCER_SANDBOX_CLIENT_SECRET);
  settings = lancer_session_get_settings (session);
  redirect = g_strdup_printf ("http://127.0.0.1:%u/callback", pick_free_port ());
  g_settings_set_string (settings, "upwork-client-id", LANCER_SANDBOX_CLIENT_ID);
  g_settings_set_string (settings, "upwork-redirect-uri", redirect);
  lancer_session_open (session);
  g_assert_true (lancer_test_iterate_until (lancer_test_ui_session_ready, session, 20));
  g_assert_cmpint (lancer_session_get_state (session), ==, LANCER_SESSION_READY);

  g_test_add_func ("/ui/upwork-preferences/not-connected", test_not_connected);
  g_test_add_func ("/ui/upwork-preferences/usage-and-organizations", test_usage_and_organizations);
  g_test_add_func ("/ui/upwork-preferences/check-access", test_check_access);
  g_test_add_func ("/ui/upwork-preferences/opening-asks-upwork-nothing", test_opening_asks_upwork_nothing);
  g_test_add_func ("/ui/upwork-preferences/sign-out", test_sign_out);
  ret = g_test_run ();

  g_clear_object (&session);
  lancer_sandbox_stop (sandbox);
  g_clear_object (&sandbox);
  return ret;
}
