/* test-session.c: the _async calls LancerSession and the sandbox offer
 * the app, against the in-process sandbox, a real keyring and a real
 * SQLite profile.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lancer-oauth.h"
#include "lancer-sandbox.h"
#include "lancer-secrets.h"
#include "lancer-session.h"
#include "lancer-test-util.h"

typedef struct
{
  gboolean  done;
  gboolean  ok;
  gpointer  object;
  GError   *error;
} Wait;

static gboolean
session_ready (gpointer data)
{
  return lancer_session_get_state (data) != LANCER_SESSION_OPENING;
}

static gboolean
sync_idle (gpointer data)
{
  LancerSync *sync = lancer_session_get_sync (data);

  return sync != NULL && lancer_sync_get_state (sync) == LANCER_SYNC_STATE_IDLE &&
         lancer_sync_get_last_synced (sync) > 0;
}

static gboolean
account_known (gpointer data)
{
  return lancer_session_get_upwork_account (data) != NULL;
}

static void
sandbox_made_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Wait *wait = user_data;

  wait->object = lancer_sandbox_new_finish (result, &wait->error);
  wait->done = TRUE;
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
  Wait *wait = user_data;

  wait->ok = lancer_session_sign_in_finish (LANCER_SESSION (source), result, &wait->error);
  wait->done = TRUE;
}

static void
signed_out_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = lancer_session_sign_out_finish (LANCER_SESSION (source), result, &wait->error);
  wait->done = TRUE;
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

/* The demo's server, made and started off the calling thread: it answers
 * with Upwork's own shapes once the call completes. */
static LancerSandbox *
start_sandbox (void)
{
  Wait wait = { 0 };

  lancer_sandbox_new_async (2026, 30, NULL, sandbox_made_cb, &wait);
  g_assert_true (lancer_test_wait_flag (&wait.done, 30));
  g_assert_no_error (wait.error);
  g_assert_true (LANCER_IS_SANDBOX (wait.object));
  g_assert_true (g_str_has_prefix (lancer_sandbox_get_base_url (wait.object), "http://127.0.0.1:"));
  lancer_sandbox_set_lenient (wait.object, TRUE);
  return wait.object;
}

static LancerSession *
open_session (LancerProfileManager *manager,
              LancerSandbox        *sandbox,
              const char           *name,
              gboolean              with_client_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *authorize = lancer_sandbox_dup_authorize_url (sandbox);
  g_autofree char *token = lancer_sandbox_dup_token_url (sandbox);
  g_autofree char *graphql = lancer_sandbox_dup_graphql_url (sandbox);
  g_autofree char *redirect = g_strdup_printf ("http://127.0.0.1:%u/callback", pick_free_port ());
  LancerProfile *profile = lancer_profile_manager_create (manager, name, FALSE, &error);
  LancerSession *session;
  GSettings *settings;

  g_assert_no_error (error);
  session = lancer_session_new (manager, profile);
  lancer_session_set_upwork_endpoints (session, authorize, token, graphql);
  lancer_session_set_upwork_client_secret (session, LANCER_SANDBOX_CLIENT_SECRET);
  settings = lancer_session_get_settings (session);
  g_settings_set_string (settings, "upwork-client-id", with_client_id ? LANCER_SANDBOX_CLIENT_ID : "");
  g_settings_set_string (settings, "upwork-redirect-uri", redirect);
  lancer_session_open (session);
  g_assert_true (lancer_test_iterate_until (session_ready, session, 20));
  g_assert_cmpint (lancer_session_get_state (session), ==, LANCER_SESSION_READY);
  return session;
}

/* Preferences → Upwork → Sign Out: the tokens leave the keyring, who was
 * signed in is forgotten, and nothing syncs any more. */
static void
test_sign_out_async (void)
{
  g_autoptr(LancerSandbox) sandbox = start_sandbox ();
  g_autoptr(LancerProfileManager) manager = lancer_profile_manager_new (NULL);
  g_autoptr(LancerSession) session = open_session (manager, sandbox, "Upwork", TRUE);
  const char *profile_id = lancer_profile_get_id (lancer_session_get_profile (session));
  GSettings *settings = lancer_session_get_settings (session);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *tenant = NULL;
  Wait wait = { 0 };

  lancer_session_sign_in_async (session, visit_uri, NULL, NULL, signed_in_cb, &wait);
  g_assert_true (lancer_test_wait_flag (&wait.done, 20));
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
  g_assert_true (lancer_test_iterate_until (sync_idle, session, 60));
  g_assert_true (lancer_test_iterate_until (account_known, session, 20));
  g_settings_set_string (settings, "upwork-tenant-id", "1430932840297353216");
  token = lancer_secrets_lookup_sync (profile_id, LANCER_SECRET_UPWORK_REFRESH_TOKEN, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_clear_pointer (&token, g_free);

  memset (&wait, 0, sizeof wait);
  lancer_session_sign_out_async (session, NULL, signed_out_cb, &wait);
  g_assert_true (lancer_test_wait_flag (&wait.done, 20));
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);

  g_assert_false (lancer_session_get_signed_in (session));
  g_assert_null (lancer_session_get_upwork_account (session));
  token = lancer_secrets_lookup_sync (profile_id, LANCER_SECRET_UPWORK_REFRESH_TOKEN, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token);
  tenant = g_settings_get_string (settings, "upwork-tenant-id");
  g_assert_cmpstr (tenant, ==, "");
  /* A new connection, ready to sign in again, that does not sync. */
  g_assert_nonnull (lancer_session_get_oauth (session));
  g_assert_cmpint (lancer_sync_get_state (lancer_session_get_sync (session)), !=, LANCER_SYNC_STATE_SYNCING);
}

/* Without an API key there is nothing to sign out of: a clear error. */
static void
test_sign_out_not_connected (void)
{
  g_autoptr(LancerSandbox) sandbox = start_sandbox ();
  g_autoptr(LancerProfileManager) manager = lancer_profile_manager_new (NULL);
  g_autoptr(LancerSession) session = open_session (manager, sandbox, "No key", FALSE);
  Wait wait = { 0 };

  g_assert_null (lancer_session_get_oauth (session));
  lancer_session_sign_out_async (session, NULL, signed_out_cb, &wait);
  g_assert_true (lancer_test_wait_flag (&wait.done, 20));
  g_assert_false (wait.ok);
  g_assert_error (wait.error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_NOT_SIGNED_IN);
  g_clear_error (&wait.error);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;

  g_test_init (&argc, &argv, NULL);
  tmp = lancer_test_isolate_xdg ();

  g_test_add_func ("/session/sign-out-async", test_sign_out_async);
  g_test_add_func ("/session/sign-out-not-connected", test_sign_out_not_connected);
  return g_test_run ();
}
