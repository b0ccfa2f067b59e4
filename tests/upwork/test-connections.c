/* test-connections.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An app that syncs all day must not leave sockets behind. Full syncs run
 * against the sandbox in this process, so /proc/self/fd holds both ends of
 * every connection: after a sync, no socket may be left open on either
 * side, and none may hang half-closed (CLOSE-WAIT) on the sandbox's port.
 * Against a server that keeps connections alive, Lancer's HTTP session
 * sends query after query over one connection and closes it when it is
 * freed.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "lancer-http.h"
#include "lancer-oauth.h"
#include "lancer-profile-manager.h"
#include "lancer-sandbox.h"
#include "lancer-secrets.h"
#include "lancer-store.h"
#include "lancer-sync.h"
#include "lancer-test-util.h"
#include "lancer-upwork-client.h"

#define TCP_CLOSE_WAIT 0x08
#define N_SYNCS 4

/* ---- what the kernel says about our sockets ---- */

/* Descriptors of this process that are sockets. */
static guint
count_socket_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (path, NULL);

      if (target != NULL && g_str_has_prefix (target, "socket:"))
        n++;
    }
  return n;
}

typedef enum
{
  SIDE_SERVER,  /* the local end is on @port */
  SIDE_CLIENT,  /* the remote end is on @port */
} Side;

/* TCP connections to or from @port that a descriptor still holds (an
 * orphaned socket has inode 0), or only those in @state when it is not 0. */
static guint
count_tcp (guint port,
           Side  side,
           guint state)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents ("/proc/net/tcp", &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      guint local_port, remote_port, st;
      unsigned long inode;
      char local[64], remote[64];

      /* sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode */
      if (sscanf (lines[i], "%*d: %63[0-9A-Fa-f:] %63[0-9A-Fa-f:] %x %*s %*s %*s %*u %*u %lu",
                  local, remote, &st, &inode) != 4)
        continue;
      local_port = (guint) g_ascii_strtoull (strchr (local, ':') + 1, NULL, 16);
      remote_port = (guint) g_ascii_strtoull (strchr (remote, ':') + 1, NULL, 16);
      if ((side == SIDE_SERVER ? local_port : remote_port) != port || remote_port == 0)
        continue;
      if (state != 0 ? st == state : inode != 0)
        n++;
    }
  return n;
}

static guint
port_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (uri);
  return (guint) g_uri_get_port (uri);
}

typedef struct
{
  guint port;
  guint sockets;
} Expected;

static gboolean
sockets_back_to (gpointer data)
{
  Expected *expected = data;

  return count_socket_fds () <= expected->sockets &&
         count_tcp (expected->port, SIDE_SERVER, 0) == 0 &&
         count_tcp (expected->port, SIDE_CLIENT, 0) == 0;
}

/* ---- full syncs against the sandbox ---- */

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

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) visited = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autofree char *redirect = g_strdup_printf ("http://127.0.0.1:%u/callback", free_port ());
  g_autofree char *root = NULL;
  g_autofree char *url = NULL;

  f->tmp = lancer_test_isolate_xdg ();
  /* a small account: the point is the number of requests, not their size */
  f->sandbox = lancer_sandbox_new (11, 60);
  g_assert_true (lancer_sandbox_start (f->sandbox, 0, &error));
  lancer_sandbox_export_env (f->sandbox);

  root = g_build_filename (f->tmp, "profiles", NULL);
  f->manager = lancer_profile_manager_new (root);
  f->profile = lancer_profile_manager_create (f->manager, "Connections", FALSE, &error);
  g_assert_no_error (error);
  lancer_store_open_async (f->profile, NULL, store_result, &result);
  f->store = lancer_store_open_finish (wait_result (&result), &error);
  g_assert_no_error (error);

  g_assert_true (lancer_secrets_store_sync (lancer_profile_get_id (f->profile), LANCER_SECRET_UPWORK_CLIENT_SECRET,
                                            LANCER_SANDBOX_CLIENT_SECRET, NULL, &error));
  f->oauth = lancer_oauth_new (lancer_profile_get_id (f->profile), LANCER_SANDBOX_CLIENT_ID, redirect);
  f->client = lancer_upwork_client_new (f->oauth);
  lancer_upwork_client_set_rate_limit (f->client, 1000, 100);
  f->sync = lancer_sync_new (f->store, f->client);

  url = lancer_oauth_start_sign_in (f->oauth, &error);
  g_assert_no_error (error);
  lancer_oauth_visit_async (url, NULL, store_result, &visited);
  lancer_oauth_wait_for_sign_in_async (f->oauth, NULL, store_result, &done);
  g_assert_true (lancer_oauth_wait_for_sign_in_finish (f->oauth, wait_result (&done), &error));
  g_assert_no_error (error);
  g_assert_true (lancer_oauth_visit_finish (wait_result (&visited), &error));
  g_assert_no_error (error);
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

static void
run_sync (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LancerSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  lancer_sync_run_async (f->sync, LANCER_SYNC_ALL, NULL, store_result, &result);
  report = lancer_sync_run_finish (f->sync, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_false (lancer_sync_report_is_partial (report));
}

static void
test_syncs_leave_no_sockets (Fixture       *f,
                             gconstpointer  data)
{
  guint port = port_of (lancer_sandbox_get_base_url (f->sandbox));
  guint requests_before, requests;
  Expected expected;

  /* The first sync opens what stays open for the app's life (the store's
   * files, the keyring's bus connection); the sockets are counted after it. */
  run_sync (f);
  expected.port = port;
  expected.sockets = count_socket_fds ();
  requests_before = lancer_sandbox_get_n_requests (f->sandbox, "graphql");

  for (guint i = 0; i < N_SYNCS; i++)
    {
      run_sync (f);
      /* The connections close as the last answers go out; give the two
       * ends a moment to hear of it, then every socket must be gone. */
      lancer_test_iterate_until (sockets_back_to, &expected, 10);
      g_assert_cmpuint (count_tcp (port, SIDE_SERVER, TCP_CLOSE_WAIT), ==, 0);
      g_assert_cmpuint (count_tcp (port, SIDE_SERVER, 0), ==, 0);
      g_assert_cmpuint (count_tcp (port, SIDE_CLIENT, 0), ==, 0);
      g_assert_cmpuint (count_socket_fds (), <=, expected.sockets);
    }

  /* and the syncs did talk to the sandbox: many requests, not a few */
  requests = lancer_sandbox_get_n_requests (f->sandbox, "graphql") - requests_before;
  g_assert_cmpuint (requests, >=, N_SYNCS * 5);
}

/* A client that keeps its connections open (as curl or a browser does)
 * and goes away without closing them properly: the sandbox closes them. */
static void
test_sandbox_closes_kept_connections (Fixture       *f,
                                      gconstpointer  data)
{
  guint port = port_of (lancer_sandbox_get_base_url (f->sandbox));
  g_autofree char *stats = g_strconcat (lancer_sandbox_get_base_url (f->sandbox), "/__sandbox/stats", NULL);
  Expected expected = { port, count_socket_fds () };

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(SoupSession) session = soup_session_new ();
      g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, stats);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;

      soup_session_set_proxy_resolver (session, NULL);
      body = soup_session_send_and_read (session, msg, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
      g_assert_nonnull (body);
    }
  lancer_test_iterate_until (sockets_back_to, &expected, 10);
  g_assert_cmpuint (count_tcp (port, SIDE_SERVER, TCP_CLOSE_WAIT), ==, 0);
  g_assert_cmpuint (count_tcp (port, SIDE_SERVER, 0), ==, 0);
  g_assert_cmpuint (count_socket_fds (), <=, expected.sockets);
}

/* ---- Lancer's HTTP session against a keep-alive server ---- */

typedef struct
{
  GHashTable *connections;  /* the client's ports the server has seen */
  guint       requests;
} KeepAlive;

static void
keep_alive_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  KeepAlive *keep = user_data;
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);
  static const char body[] = "{\"data\":{\"ok\":true}}";

  keep->requests++;
  g_hash_table_add (keep->connections,
                    GUINT_TO_POINTER (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote))));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
}

typedef struct
{
  guint port;
} ClientGone;

static gboolean
client_socket_closed (gpointer data)
{
  return count_tcp (((ClientGone *) data)->port, SIDE_CLIENT, 0) == 0;
}

static void
test_client_reuses_and_frees (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *url = NULL;
  GSList *uris;
  KeepAlive keep = { g_hash_table_new (NULL, NULL), 0 };
  ClientGone gone;
  guint sockets_before;

  soup_server_add_handler (server, NULL, keep_alive_cb, &keep, NULL);
  g_assert_true (soup_server_listen (server, address, 0, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  gone.port = (guint) g_uri_get_port (uris->data);
  url = g_strdup_printf ("http://127.0.0.1:%u/graphql", gone.port);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  sockets_before = count_socket_fds ();

  session = lancer_http_session_new (url);
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
      g_autoptr(GBytes) request = g_bytes_new_static ("{\"query\":\"{ ok }\"}", 18);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GBytes) body = NULL;

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
      lancer_http_message_set_resendable (msg);
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, store_result, &result);
      body = soup_session_send_and_read_finish (session, wait_result (&result), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
      g_assert_cmpuint (g_bytes_get_size (body), >, 0);
    }

  /* eight answers, one connection */
  g_assert_cmpuint (keep.requests, ==, 8);
  g_assert_cmpuint (g_hash_table_size (keep.connections), ==, 1);
  g_assert_cmpuint (count_tcp (gone.port, SIDE_CLIENT, 0), ==, 1);

  /* freeing the session closes it: no descriptor of the client's is left */
  g_clear_object (&session);
  lancer_test_iterate_until (client_socket_closed, &gone, 10);
  g_assert_cmpuint (count_tcp (gone.port, SIDE_CLIENT, 0), ==, 0);

  /* and the server's end, once the server is done with it */
  soup_server_disconnect (server);
  g_clear_object (&server);
  g_assert_cmpuint (count_tcp (gone.port, SIDE_SERVER, 0), ==, 0);
  g_assert_cmpuint (count_socket_fds (), <=, sockets_before);
  g_hash_table_unref (keep.connections);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/upwork/connections/syncs-leave-no-sockets", Fixture, NULL,
              fixture_setup, test_syncs_leave_no_sockets, fixture_teardown);
  g_test_add ("/upwork/connections/sandbox-closes-kept-connections", Fixture, NULL,
              fixture_setup, test_sandbox_closes_kept_connections, fixture_teardown);
  g_test_add_func ("/upwork/connections/client-reuses-and-frees", test_client_reuses_and_frees);
  return g_test_run ();
}
