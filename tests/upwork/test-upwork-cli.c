/* test-upwork-cli.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "lancer-oauth.h"
#include "lancer-sandbox.h"
#include "lancer-secrets.h"
#include "lancer-test-util.h"

/* lancer-cli end to end against the sandbox: sign-in with --no-browser and
 * an HTTP client following the printed URL; kill -9 in the middle of a
 * sync, then a clean resync with no duplicates and no gaps; the outbox
 * surviving a failed send and a restart. */

typedef struct
{
  char          *tmp;
  LancerSandbox *sandbox;
  char          *redirect;
} Fixture;

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

static GSubprocess *
spawn_cli (GSubprocessFlags   flags,
           GError           **error,
           const char        *first,
           ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *cli = g_getenv ("LANCER_CLI");
  va_list ap;

  g_ptr_array_add (args, (gpointer) cli);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  /* settings must persist from one run to the next */
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  return g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, error);
}

static int
run_cli (const char  *input,
         char       **out,
         const char  *first,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  va_list ap;

  g_ptr_array_add (args, (gpointer) g_getenv ("LANCER_CLI"));
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, input != NULL ? input : "", NULL, &stdout_text, NULL, &error));
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  return g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
}

static gint64
query_int (const char *sql)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "lancer", "profiles", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  g_autofree char *path = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  /* The profiles folder also holds files (last-used): find the database. */
  g_assert_nonnull (d);
  while (path == NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *candidate = g_build_filename (dir, name, "lancer.db", NULL);

      if (g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
        path = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (path);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
lancer_cli_test_store_result (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
login (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  g_autofree char *rest = NULL;
  g_autoptr(GAsyncResult) visited = NULL;

  g_assert_cmpint (run_cli (NULL, NULL, "config", "set", "upwork.client-id", LANCER_SANDBOX_CLIENT_ID, NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "config", "set", "upwork.redirect-uri", f->redirect, NULL), ==, 0);
  g_assert_cmpint (run_cli (LANCER_SANDBOX_CLIENT_SECRET "\n", NULL, "secret", "set", "upwork-client-secret", NULL), ==, 0);

  proc = spawn_cli (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "login", "--no-browser", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "Authorize: "));

  /* the "browser": follows the sandbox's redirect to the CLI's listener */
  lancer_oauth_visit_async (line + strlen ("Authorize: "), NULL, lancer_cli_test_store_result, &visited);
  while (visited == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (lancer_oauth_visit_finish (visited, &error));
  g_assert_no_error (error);

  rest = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rest, ==, "Connected as " LANCER_SANDBOX_USER_NAME);
  g_assert_true (g_subprocess_wait_check (proc, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->tmp = lancer_test_isolate_xdg ();
  f->sandbox = lancer_sandbox_new (11, GPOINTER_TO_UINT (data));
  g_assert_true (lancer_sandbox_start (f->sandbox, 0, &error));
  lancer_sandbox_export_env (f->sandbox);
  f->redirect = g_strdup_printf ("http://127.0.0.1:%u/callback", free_port ());
  login (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lancer_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
  g_free (f->redirect);
  g_free (f->tmp);
}

static void
test_login_and_sync (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;

  g_assert_cmpint (run_cli (NULL, &out, "sync", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "jobs: 80 (80 new)"));
  g_assert_nonnull (strstr (out, "contracts: 4"));
  g_assert_cmpint (run_cli (NULL, &json, "proposals", "--json", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (g_strstrip (json), "["));

  /* a missing scope: partial success, exit 2, the permission named */
  lancer_sandbox_set_missing_scopes (f->sandbox, "earnings");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (NULL, &out, "sync", NULL), ==, 2);
  g_assert_nonnull (strstr (out, "Transaction Data"));
}

static gboolean
enough_pages (gpointer data)
{
  return lancer_sandbox_get_n_requests (data, "marketplaceJobPostingsSearch") >= 6;
}

static void
test_kill_mid_sync (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *out = NULL;
  guint total = lancer_sandbox_get_n_jobs (f->sandbox);

  lancer_sandbox_set_slow_delay (f->sandbox, 150);
  lancer_sandbox_set_fault (f->sandbox, LANCER_SANDBOX_FAULT_SLOW, 0, "marketplaceJobPostingsSearch");
  proc = spawn_cli (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, "sync", "--only", "jobs", NULL);
  g_assert_no_error (error);
  g_assert_true (lancer_test_iterate_until (enough_pages, f->sandbox, 30));
  g_subprocess_force_exit (proc);   /* SIGKILL */
  g_subprocess_wait (proc, NULL, NULL);
  g_assert_true (g_subprocess_get_if_signaled (proc));

  g_assert_cmpint (query_int ("SELECT count(*) FROM jobs"), >, 0);
  g_assert_cmpint (query_int ("SELECT count(*) FROM jobs"), <, total);
  lancer_sandbox_clear_faults (f->sandbox);
  lancer_sandbox_add_jobs (f->sandbox, 5);

  g_assert_cmpint (run_cli (NULL, &out, "sync", "--only", "jobs", NULL), ==, 0);
  g_assert_cmpint (query_int ("SELECT count(*) FROM jobs"), ==, total + 5);
  g_assert_cmpint (query_int ("SELECT count(*) - count(DISTINCT id) FROM jobs"), ==, 0);
  g_assert_cmpint (query_int ("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'"), ==, 0);
}

static void
test_outbox_restart (Fixture       *f,
                     gconstpointer  data)
{
  const char *room = lancer_sandbox_get_first_room_id (f->sandbox);
  g_autofree char *out = NULL;

  /* a room id nobody synced is refused at once, not queued */
  g_assert_cmpint (run_cli ("Hello?\n", NULL, "send", room, NULL), ==, 1);
  g_assert_cmpint (query_int ("SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "sync", "--only", "messages", NULL), ==, 0);

  lancer_sandbox_set_fault (f->sandbox, LANCER_SANDBOX_FAULT_SERVER_ERROR, 0, "createRoomStoryV2");
  g_assert_cmpint (run_cli ("See you Tuesday.\n", NULL, "send", room, NULL), ==, 1);
  g_assert_cmpuint (lancer_sandbox_get_n_sent_messages (f->sandbox, room), ==, 0);
  lancer_sandbox_clear_faults (f->sandbox);
  /* a new process finds the message in the outbox and sends it once */
  g_assert_cmpint (run_cli (NULL, NULL, "sync", "--only", "messages", NULL), ==, 0);
  g_assert_cmpuint (lancer_sandbox_get_n_sent_messages (f->sandbox, room), ==, 1);
  g_assert_cmpint (run_cli (NULL, NULL, "sync", "--only", "messages", NULL), ==, 0);
  g_assert_cmpuint (lancer_sandbox_get_n_sent_messages (f->sandbox, room), ==, 1);
  g_assert_cmpint (run_cli (NULL, &out, "messages", "--room", room, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "See you Tuesday."));
}

/* Runs lancer-cli with @bus as its session bus (NULL: the test's own);
 * returns the exit status and what it printed on stderr. */
static int
run_cli_on_bus (const char  *bus,
                char       **err,
                const char  *first,
                ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  va_list ap;

  g_ptr_array_add (args, (gpointer) g_getenv ("LANCER_CLI"));
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  if (bus != NULL)
    g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", bus, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, "", NULL, NULL, err, &error));
  g_assert_no_error (error);
  return g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
}

/* No Secret Service on the bus: a clear reason, no GLib warning, no
 * reading of freed memory (the suite runs this under ASan too). */
static void
test_keyring_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *bus = g_strdup_printf ("unix:path=%s/no-such-bus", f->tmp);

  g_assert_cmpint (run_cli_on_bus (bus, &err, "sync", "--only", "jobs", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "keyring"));
  g_assert_null (strstr (err, "Unknown error"));
  g_assert_null (strstr (err, "GError set over the top"));
  g_assert_null (strstr (err, "CRITICAL"));
}

/* A locked keyring is said to be locked, not "no secret stored". */
static void
test_keyring_locked (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
  g_autoptr(SecretCollection) login = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GList) to_lock = NULL;
  int n;

  g_assert_no_error (error);
  login = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (login);
  to_lock = g_list_append (to_lock, login);
  n = secret_service_lock_sync (service, to_lock, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, >, 0);

  g_assert_cmpint (run_cli_on_bus (NULL, &err, "sync", "--only", "jobs", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "locked"));
  g_assert_null (strstr (err, "No Upwork client secret"));
}

static JsonObject *
doctor_row (JsonArray  *rows,
            const char *resource)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      if (g_strcmp0 (json_object_get_string_member (row, "resource"), resource) == 0)
        return row;
    }
  return NULL;
}

/* Check Access from the command line: every resource works with a full
 * key; with permissions withheld, those rows name the permission, the
 * rest still work, and the check stays within its request budget. */
static void
test_doctor (Fixture       *f,
             gconstpointer  data)
{
  static const char *resources[] = { "jobs", "job", "proposals", "messages", "contracts", "diary", "earnings",
                                     "submit" };
  g_autofree char *json = NULL;
  g_autofree char *reduced = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) reduced_parser = json_parser_new ();
  JsonObject *root;
  JsonArray *rows;

  g_assert_cmpint (run_cli (NULL, &json, "doctor", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  rows = json_object_get_array_member (root, "resources");
  for (guint i = 0; i < G_N_ELEMENTS (resources); i++)
    {
      JsonObject *row = doctor_row (rows, resources[i]);

      g_assert_nonnull (row);
      g_assert_cmpstr (json_object_get_string_member (row, "state"), ==, "works");
    }
  g_assert_cmpint (json_object_get_int_member (root, "requests_used"), <=, 12);
  g_assert_cmpstr (json_object_get_string_member (root, "callback"), ==, f->redirect);

  /* a key without the messages, diary and submit permissions */
  lancer_sandbox_set_missing_scopes (f->sandbox, "messages,diary,submit");
  g_assert_cmpint (run_cli (NULL, &reduced, "doctor", "--json", NULL), ==, 2);
  g_assert_true (json_parser_load_from_data (reduced_parser, reduced, -1, NULL));
  rows = json_object_get_array_member (json_node_get_object (json_parser_get_root (reduced_parser)), "resources");
  g_assert_cmpstr (json_object_get_string_member (doctor_row (rows, "messages"), "state"), ==, "needs-permission");
  g_assert_cmpstr (json_object_get_string_member (doctor_row (rows, "messages"), "permission"), ==,
                   "Messages - Read and Write Access");
  g_assert_cmpstr (json_object_get_string_member (doctor_row (rows, "diary"), "state"), ==, "needs-permission");
  g_assert_cmpstr (json_object_get_string_member (doctor_row (rows, "submit"), "state"), ==, "needs-permission");
  g_assert_cmpstr (json_object_get_string_member (doctor_row (rows, "jobs"), "state"), ==, "works");
  g_assert_cmpstr (json_object_get_string_member (doctor_row (rows, "contracts"), "state"), ==, "works");

  /* for people: one line a resource, the permission named */
  g_assert_cmpint (run_cli (NULL, &text, "doctor", NULL), ==, 2);
  g_assert_nonnull (strstr (text, "Needs the key permission “Messages - Read and Write Access”"));
  g_assert_nonnull (strstr (text, "Registered callback: "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("LANCER_CLI") == NULL)
    {
      g_test_skip ("LANCER_CLI is not set");
      return 77;
    }
  g_test_add ("/upwork/cli/login-and-sync", Fixture, GUINT_TO_POINTER (80), fixture_setup, test_login_and_sync,
              fixture_teardown);
  g_test_add ("/upwork/cli/kill-mid-sync", Fixture, GUINT_TO_POINTER (1500), fixture_setup, test_kill_mid_sync,
              fixture_teardown);
  g_test_add ("/upwork/cli/outbox-restart", Fixture, GUINT_TO_POINTER (20), fixture_setup, test_outbox_restart,
              fixture_teardown);
  g_test_add ("/upwork/cli/doctor", Fixture, GUINT_TO_POINTER (20), fixture_setup, test_doctor,
              fixture_teardown);
  g_test_add ("/upwork/cli/keyring-down", Fixture, GUINT_TO_POINTER (20), fixture_setup, test_keyring_down,
              fixture_teardown);
  g_test_add ("/upwork/cli/keyring-locked", Fixture, GUINT_TO_POINTER (20), fixture_setup, test_keyring_locked,
              fixture_teardown);
  return g_test_run ();
}
