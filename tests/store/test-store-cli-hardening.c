/* test-store-cli-hardening.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real lancer-cli binary against hostile or unlucky input: a locked
 * profile, odd --output targets, a read-only or damaged database, bytes a
 * shell can pass but a setting cannot hold. Run with HEADLESS_KEYRING=0 it
 * repeats the parts that need no keyring, with none on the bus.
 */
#include "config.h"

#include <sqlite3.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lancer-lock-guard.h"
#include "lancer-recovery-codes.h"
#include "lancer-secrets.h"
#include "lancer-totp.h"
#include "store-test-util.h"

typedef struct
{
  char    *data_home;
  int      status;
  char    *out;
  char    *err;
  gboolean as_nobody;   /* run lancer-cli as user "nobody" (tests run as root) */
} Cli;

#define NOBODY 65534

static void
become_nobody (gpointer data)
{
  /* In the child, between fork and exec. */
  if (setgroups (0, NULL) != 0 || setgid (NOBODY) != 0 || setuid (NOBODY) != 0)
    _exit (99);
}

static gboolean
keyring_disabled (void)
{
  return g_strcmp0 (g_getenv ("HEADLESS_KEYRING"), "0") == 0;
}

/* Runs lancer-cli with @input on its standard input (a pipe, never the
 * test's own terminal) and @env ("NAME=VALUE" strings, may be NULL). */
static void
cli_run_full (Cli                *cli,
              const char         *input,
              gssize              input_len,
              const char * const *env,
              const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) in = g_bytes_new (input ? input : "",
                                      input == NULL ? 0 : input_len < 0 ? strlen (input) : (gsize) input_len);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;

  g_ptr_array_add (argv, g_build_filename (g_getenv ("LANCER_BUILD_DIR"), "src", "app", "lancer-cli", NULL));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  g_clear_pointer (&cli->out, g_free);
  g_clear_pointer (&cli->err, g_free);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", cli->data_home, TRUE);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (env[i], "=", 2);
      g_subprocess_launcher_setenv (launcher, kv[0], kv[1], TRUE);
    }
  if (cli->as_nobody)
    {
      /* Root's session bus refuses other users; fail fast instead. */
      g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent", TRUE);
      g_subprocess_launcher_set_child_setup (launcher, become_nobody, NULL, NULL);
    }
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  /* Bytes, not UTF-8: the CLI must cope with whatever it is given. */
  g_subprocess_communicate (proc, in, NULL, &out, &err, &error);
  g_assert_no_error (error);
  cli->out = g_bytes_get_size (out) > 0 ? g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out)) : g_strdup ("");
  cli->err = g_bytes_get_size (err) > 0 ? g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err)) : g_strdup ("");
  /* A sanitiser report or a crash: show what the CLI said before failing. */
  if (!g_subprocess_get_if_exited (proc))
    g_printerr ("lancer-cli %s was killed by signal %d:\n%s\n", args[0],
                g_subprocess_get_term_sig (proc), cli->err);
  g_assert_true (g_subprocess_get_if_exited (proc));
  cli->status = g_subprocess_get_exit_status (proc);
  g_test_message ("lancer-cli %s → %d\n%s", args[0], cli->status, cli->err);
}

#define cli_run(cli, ...) \
  cli_run_full ((cli), NULL, -1, NULL, (const char * const[]) { __VA_ARGS__, NULL })
#define cli_run_input(cli, input, ...) \
  cli_run_full ((cli), (input), -1, NULL, (const char * const[]) { __VA_ARGS__, NULL })
#define cli_run_env(cli, env, ...) \
  cli_run_full ((cli), NULL, -1, (env), (const char * const[]) { __VA_ARGS__, NULL })

/* One line on stderr, exit 1, and no GLib or json-glib warning on the way. */
static void
assert_clean_failure (Cli        *cli,
                      const char *needle)
{
  g_autofree char *last = g_strdup (cli->err);
  char *nl;

  g_assert_cmpint (cli->status, ==, 1);
  /* The failure is the last line; without a keyring the store says so first. */
  g_strchomp (last);
  nl = strrchr (last, '\n');
  g_assert_true (g_str_has_prefix (nl ? nl + 1 : last, "lancer-cli: "));
  g_assert_null (strstr (cli->err, "CRITICAL"));
  g_assert_null (strstr (cli->err, "WARNING"));
  if (needle != NULL)
    g_assert_nonnull (strstr (cli->err, needle));
}

static void
assert_no_criticals (Cli *cli)
{
  g_assert_null (strstr (cli->err, "CRITICAL"));
  g_assert_null (strstr (cli->out, "CRITICAL"));
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
cli_setup (Cli *cli)
{
  g_autoptr(GError) error = NULL;

  cli->data_home = g_dir_make_tmp ("lancer-cli-hard-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
cli_teardown (Cli *cli)
{
  g_autofree char *cmd = g_strdup_printf ("chmod -R u+w '%s' && rm -rf '%s'", cli->data_home, cli->data_home);

  g_assert_cmpint (system (cmd), ==, 0);
  g_clear_pointer (&cli->data_home, g_free);
  g_clear_pointer (&cli->out, g_free);
  g_clear_pointer (&cli->err, g_free);
}

static LancerProfile *
lookup_profile (Cli        *cli,
                const char *name)
{
  g_autofree char *root = g_build_filename (cli->data_home, "lancer", "profiles", NULL);
  g_autoptr(LancerProfileManager) manager = lancer_profile_manager_new (root);

  return lancer_profile_manager_lookup (manager, name);
}

/* A profile named @name holding @n generated jobs, made by the CLI itself. */
static LancerProfile *
make_profile_with_jobs (Cli        *cli,
                        const char *name,
                        guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(LancerStore) store = NULL;
  g_autoptr(GPtrArray) jobs = store_test_jobs (7, n);

  cli_run (cli, "profiles", "create", name);
  g_assert_cmpint (cli->status, ==, 0);
  profile = lookup_profile (cli, name);
  g_assert_nonnull (profile);
  store = store_test_open (profile, &error);
  g_assert_no_error (error);
  if (n > 0)
    g_assert_true (store_test_upsert (store, jobs, NULL, &error));
  g_assert_no_error (error);
  store_test_close (&store);
  return g_steal_pointer (&profile);
}

/* ---- the app lock (item: lancer-cli honours it) ---- */

static char *
code_at (const char *base32,
         gint64      t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = lancer_totp_base32_decode (base32, &error);
  char *code;

  g_assert_no_error (error);
  code = lancer_totp_generate_code (key, t, LANCER_TOTP_DIGITS, &error);
  g_assert_no_error (error);
  return code;
}

static void
test_lock (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(LancerLockGuard) guard = NULL;
  g_autoptr(LancerLockEnrolment) enrolment = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *enrol_code = NULL;
  g_autofree char *next_code = NULL;
  g_autofree char *input = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *state_path = NULL;
  g_auto(GStrv) recovery = NULL;
  g_autoptr(JsonNode) root = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  Cli cli = { 0 };

  cli_setup (&cli);
  profile = make_profile_with_jobs (&cli, "Work", 3);
  state_path = g_build_filename (lancer_profile_get_dir (profile), "lock-state.ini", NULL);

  /* Turn the lock on as the app's Preferences would. */
  guard = lancer_lock_guard_new (lancer_profile_get_id (profile), lancer_profile_get_dir (profile));
  enrolment = lancer_lock_guard_begin_enrolment (guard, "Work", &error);
  g_assert_no_error (error);
  secret = g_strdup (lancer_lock_enrolment_get_secret (enrolment));
  enrol_code = code_at (secret, now);
  recovery = lancer_lock_enrolment_confirm_sync (enrolment, enrol_code, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&guard);

  /* No code, a wrong one, the one used up by enrolment: all refused. */
  cli_run (&cli, "jobs", "--json");
  assert_clean_failure (&cli, "locked");
  g_assert_cmpstr (cli.out, ==, "");
  cli_run_input (&cli, "000000\n", "jobs", "--json");
  assert_clean_failure (&cli, NULL);
  g_assert_cmpstr (cli.out, ==, "");
  input = g_strdup_printf ("%s\n", enrol_code);
  cli_run_input (&cli, input, "jobs", "--json");
  assert_clean_failure (&cli, NULL);
  g_assert_cmpstr (cli.out, ==, "");
  g_clear_pointer (&input, g_free);

  /* Deleting the state file does not switch the CLI's lock off either. */
  g_assert_cmpint (g_unlink (state_path), ==, 0);
  cli_run (&cli, "stats", "--json");
  assert_clean_failure (&cli, "locked");
  cli_run (&cli, "config", "set", "ai.model", "gpt-4o");
  assert_clean_failure (&cli, "locked");
  cli_run (&cli, "--profile", "Work", "export", "--what", "jobs", "--format", "json");
  assert_clean_failure (&cli, "locked");
  g_assert_cmpstr (cli.out, ==, "");

  /* The next time step's code works, once. */
  next_code = code_at (secret, now + 30);
  input = g_strdup_printf ("%s\n", next_code);
  cli_run_input (&cli, input, "jobs", "--json");
  g_assert_cmpint (cli.status, ==, 0);
  root = parse_json (cli.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 3);
  cli_run_input (&cli, input, "jobs", "--json");
  assert_clean_failure (&cli, NULL);

  /* A secret read from stdin comes after the code line. */
  input = (g_free (input), g_strdup_printf ("%s\nsk-test-0123456789abcdef\n", recovery[0]));
  cli_run_input (&cli, input, "secret", "set", "openai-api-key");
  g_assert_cmpint (cli.status, ==, 0);
  stored = lancer_secrets_lookup_sync (lancer_profile_get_id (profile), LANCER_SECRET_OPENAI_API_KEY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, "sk-test-0123456789abcdef");

  /* Profile names stay public; deleting one is not. */
  cli_run (&cli, "profiles", "list");
  g_assert_cmpint (cli.status, ==, 0);
  cli_run (&cli, "profiles", "delete", "Work");
  assert_clean_failure (&cli, "locked");
  g_assert_true (g_file_test (lancer_profile_get_dir (profile), G_FILE_TEST_IS_DIR));

  /* The same back-off as the app: after enough wrong codes even a good
   * recovery code has to wait. */
  for (guint i = 0; i <= LANCER_LOCK_FREE_ATTEMPTS; i++)
    {
      cli_run_input (&cli, "111111\n", "jobs");
      assert_clean_failure (&cli, NULL);
    }
  input = (g_free (input), g_strdup_printf ("%s\n", recovery[1]));
  cli_run_input (&cli, input, "jobs");
  assert_clean_failure (&cli, "Wait");

  lancer_secrets_clear_profile_sync (lancer_profile_get_id (profile), NULL, NULL);
  cli_teardown (&cli);
}

/* ---- input the CLI must refuse cleanly ---- */

static void
test_secret_with_nul (void)
{
  g_autoptr(LancerProfile) profile = NULL;
  Cli cli = { 0 };

  cli_setup (&cli);
  profile = make_profile_with_jobs (&cli, "Work", 0);
  /* "sk-abc\0def": stored as "sk-abc" before. */
  cli_run_full (&cli, "sk-abc\0def", 10, NULL, (const char * const[]) { "secret", "set", "openai-api-key", NULL });
  assert_clean_failure (&cli, "NUL");
  cli_run_input (&cli, "sk-\xff\xfe", "secret", "set", "openai-api-key");
  assert_clean_failure (&cli, "UTF-8");

  if (!keyring_disabled ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *stored = lancer_secrets_lookup_sync (lancer_profile_get_id (profile),
                                                            LANCER_SECRET_OPENAI_API_KEY, NULL, &error);

      g_assert_no_error (error);
      g_assert_null (stored);
      lancer_secrets_clear_profile_sync (lancer_profile_get_id (profile), NULL, NULL);
    }
  cli_teardown (&cli);
}

static void
test_config_invalid_utf8 (void)
{
  g_autoptr(LancerProfile) profile = NULL;
  Cli cli = { 0 };

  cli_setup (&cli);
  profile = make_profile_with_jobs (&cli, "Work", 0);
  cli_run (&cli, "config", "set", "ai.model", "gpt-4o");
  g_assert_cmpint (cli.status, ==, 0);
  cli_run (&cli, "config", "set", "ai.model", "gpt\xff\xfe");
  assert_clean_failure (&cli, "UTF-8");
  cli_run (&cli, "--profile", "Wo\xc3rk", "jobs");
  assert_clean_failure (&cli, "UTF-8");
  cli_teardown (&cli);
}

/* Email and SMS alerts can be set up from a terminal too; a value the
 * setting cannot take is refused with what it does take. */
static void
test_config_alert_settings (void)
{
  g_autoptr(LancerProfile) profile = NULL;
  g_autofree char *config_home = NULL;
  g_autofree char *config_env = NULL;
  const char *env[3] = { "GSETTINGS_BACKEND=keyfile", NULL, NULL };
  Cli cli = { 0 };

  cli_setup (&cli);
  profile = make_profile_with_jobs (&cli, "Work", 0);
  /* Settings kept on disk between runs, as dconf keeps them for a user. */
  config_home = g_build_filename (cli.data_home, "config", NULL);
  config_env = g_strconcat ("XDG_CONFIG_HOME=", config_home, NULL);
  env[1] = config_env;
  cli_run_env (&cli, env, "config", "set", "alerts.email-server", "smtp.example.org");
  g_assert_cmpint (cli.status, ==, 0);
  cli_run_env (&cli, env, "config", "set", "alerts.email-port", "465");
  g_assert_cmpint (cli.status, ==, 0);
  cli_run_env (&cli, env, "config", "set", "alerts.email-security", "tls");
  g_assert_cmpint (cli.status, ==, 0);
  cli_run_env (&cli, env, "config", "set", "alerts.email", "true");
  g_assert_cmpint (cli.status, ==, 0);
  cli_run_env (&cli, env, "config", "get", "alerts.email-port");
  g_assert_cmpstr (cli.out, ==, "465\n");
  cli_run_env (&cli, env, "config", "get", "alerts.email-security");
  g_assert_cmpstr (cli.out, ==, "tls\n");
  cli_run_env (&cli, env, "config", "get", "alerts.email");
  g_assert_cmpstr (cli.out, ==, "true\n");

  cli_run_env (&cli, env, "config", "set", "alerts.email-port", "99999");
  assert_clean_failure (&cli, "1–65535");
  cli_run_env (&cli, env, "config", "set", "alerts.email-port", "25 ");
  assert_clean_failure (&cli, "1–65535");
  cli_run_env (&cli, env, "config", "set", "alerts.sms", "yes");
  assert_clean_failure (&cli, "true or false");
  cli_run_env (&cli, env, "config", "set", "alerts.email-security", "none");
  assert_clean_failure (&cli, "starttls, tls");
  cli_run_env (&cli, env, "config", "set", "ai.monthly-budget", "nan");
  assert_clean_failure (&cli, "ai.monthly-budget");
  cli_run_env (&cli, env, "config", "set", "lock.enabled", "false");
  assert_clean_failure (&cli, "alerts.sms-daily-cap");
  /* Nothing refused was written. */
  cli_run_env (&cli, env, "config", "get", "alerts.email-port");
  g_assert_cmpstr (cli.out, ==, "465\n");
  cli_teardown (&cli);
}

static void
test_searches (void)
{
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *bad[] = { "inf", "-inf", "nan", "1e999", "-5" };
  JsonArray *array;
  Cli cli = { 0 };

  cli_setup (&cli);
  profile = make_profile_with_jobs (&cli, "Work", 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      cli_run (&cli, "searches", "add", "GTK", "--query", "gtk", "--budget-min", bad[i]);
      assert_clean_failure (&cli, NULL);
      cli_run (&cli, "searches", "add", "GTK", "--query", "gtk", "--rating-min", bad[i]);
      assert_clean_failure (&cli, NULL);
    }

  cli_run (&cli, "searches", "add", "GTK", "--query", "gtk", "--hire-rate-min", "5");
  assert_clean_failure (&cli, NULL);
  cli_run (&cli, "searches", "add", " ", "--query", "gtk");
  assert_clean_failure (&cli, NULL);
  cli_run (&cli, "searches", "add", "GTK");
  assert_clean_failure (&cli, "--query");

  cli_run (&cli, "searches", "add", "GTK", "--query", "gtk4 libadwaita", "--budget-min", "500");
  g_assert_cmpint (cli.status, ==, 0);
  /* A second "add" of the same name must not silently replace it. */
  cli_run (&cli, "searches", "add", "GTK", "--query", "qt");
  assert_clean_failure (&cli, "--replace");

  cli_run (&cli, "--json", "searches", "list");
  g_assert_cmpint (cli.status, ==, 0);
  root = parse_json (cli.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "query"), ==,
                   "gtk4 libadwaita");
  /* Stored in the Jobs page's format, which the sync reads too. */
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (json_array_get_object_element (array, 0),
                                                                                   "filters"), "budget_floor"), ==, 500);

  cli_run (&cli, "searches", "add", "GTK", "--query", "qt", "--replace");
  g_assert_cmpint (cli.status, ==, 0);
  cli_run (&cli, "--json", "searches", "list");
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (cli.out);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (root), 0), "query"),
                   ==, "qt");
  cli_teardown (&cli);
}

static void
test_profile_typo (void)
{
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(JsonNode) root = NULL;
  Cli cli = { 0 };

  cli_setup (&cli);
  /* First use with no profile at all still makes the default one. */
  cli_run (&cli, "jobs");
  g_assert_cmpint (cli.status, ==, 0);
  cli_run (&cli, "--json", "profiles", "list");
  root = parse_json (cli.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);

  profile = make_profile_with_jobs (&cli, "Work", 2);
  cli_run (&cli, "--profile", "Wrok", "jobs");
  assert_clean_failure (&cli, "Wrok");
  cli_run (&cli, "jobs", "--profile", "Wrok");
  assert_clean_failure (&cli, "Wrok");
  cli_run (&cli, "--json", "profiles", "list");
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (cli.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 2);
  cli_teardown (&cli);
}

static void
test_debug_log_stays_off_stdout (void)
{
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *env[] = { "G_MESSAGES_DEBUG=all", NULL };
  Cli cli = { 0 };

  cli_setup (&cli);
  profile = make_profile_with_jobs (&cli, "Work", 4);
  cli_run_env (&cli, env, "--profile", "Work", "jobs", "--json");
  g_assert_cmpint (cli.status, ==, 0);
  /* The store logs its migrations and opening at debug level. */
  g_assert_cmpstr (cli.err, !=, "");
  root = parse_json (cli.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 4);

  cli_run_env (&cli, env, "--json", "searches", "list");
  g_assert_cmpint (cli.status, ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (cli.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  cli_teardown (&cli);
}

static void
test_no_match_message (void)
{
  g_autoptr(LancerProfile) profile = NULL;
  Cli cli = { 0 };

  cli_setup (&cli);
  profile = make_profile_with_jobs (&cli, "Work", 4);
  cli_run (&cli, "jobs", "--search", "zzqxjv");
  g_assert_cmpint (cli.status, ==, 0);
  g_assert_cmpstr (cli.out, ==, "");
  g_assert_nonnull (strstr (cli.err, "No stored job matches"));
  g_assert_null (strstr (cli.err, "sync first"));
  cli_teardown (&cli);
}

/* ---- export --output ---- */

static gpointer
fifo_reader_thread (gpointer data)
{
  g_autofree char *contents = NULL;

  /* Blocks until the writer opens the FIFO, then reads to its end. */
  g_file_get_contents (data, &contents, NULL, NULL);
  return g_steal_pointer (&contents);
}

static void
assert_jobs_json (const char *text,
                  guint       n)
{
  g_autoptr(JsonNode) root = parse_json (text);

  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, n);
}

static void
test_export_output (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerProfile) profile = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *target = NULL;
  g_autofree char *link = NULL;
  g_autofree char *dangling = NULL;
  g_autofree char *fifo = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *read_back = NULL;
  GThread *reader;
  GStatBuf st;
  Cli cli = { 0 };

  cli_setup (&cli);
  profile = make_profile_with_jobs (&cli, "Work", 3);
  dir = g_build_filename (cli.data_home, "out", NULL);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);

  /* A regular file is replaced (atomically) with the export. */
  plain = g_build_filename (dir, "jobs.json", NULL);
  g_file_set_contents (plain, "old contents", -1, &error);
  g_assert_no_error (error);
  cli_run (&cli, "export", "--what", "jobs", "--format", "json", "--output", plain);
  g_assert_cmpint (cli.status, ==, 0);
  g_file_get_contents (plain, &contents, NULL, &error);
  g_assert_no_error (error);
  assert_jobs_json (contents, 3);
  g_clear_pointer (&contents, g_free);

  /* A symlink stays a symlink; its target gets the export. */
  target = g_build_filename (dir, "real.json", NULL);
  link = g_build_filename (dir, "link.json", NULL);
  g_file_set_contents (target, "old contents", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (symlink ("real.json", link), ==, 0);
  cli_run (&cli, "export", "--what", "jobs", "--format", "json", "--output", link);
  g_assert_cmpint (cli.status, ==, 0);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_file_get_contents (target, &contents, NULL, &error);
  g_assert_no_error (error);
  assert_jobs_json (contents, 3);
  g_clear_pointer (&contents, g_free);

  /* A link to a file that does not exist yet: the file is made there. */
  dangling = g_build_filename (dir, "later.json", NULL);
  g_assert_cmpint (symlink ("made-later.json", dangling), ==, 0);
  cli_run (&cli, "export", "--what", "jobs", "--format", "json", "--output", dangling);
  g_assert_cmpint (cli.status, ==, 0);
  g_assert_true (g_file_test (dangling, G_FILE_TEST_IS_SYMLINK));
  g_clear_pointer (&target, g_free);
  target = g_build_filename (dir, "made-later.json", NULL);
  g_file_get_contents (target, &contents, NULL, &error);
  g_assert_no_error (error);
  assert_jobs_json (contents, 3);
  g_clear_pointer (&contents, g_free);

  /* A FIFO's reader gets the export, and the FIFO stays a FIFO. */
  fifo = g_build_filename (dir, "pipe", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  reader = g_thread_new ("fifo-reader", fifo_reader_thread, fifo);
  cli_run (&cli, "export", "--what", "jobs", "--format", "json", "--output", fifo);
  read_back = g_thread_join (reader);
  g_assert_cmpint (cli.status, ==, 0);
  g_assert_nonnull (read_back);
  assert_jobs_json (read_back, 3);
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  /* /dev/stdout is where the output goes, not a file to replace. */
  cli_run (&cli, "export", "--what", "jobs", "--format", "json", "--output", "/dev/stdout");
  g_assert_cmpint (cli.status, ==, 0);
  assert_jobs_json (cli.out, 3);
  g_assert_cmpint (g_lstat ("/dev/stdout", &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));

  /* A folder is refused with a message. */
  cli_run (&cli, "export", "--what", "jobs", "--format", "json", "--output", dir);
  assert_clean_failure (&cli, "folder");
  cli_teardown (&cli);
}

/* ---- a read-only profile folder ---- */

/* Makes @path and every folder from data_home down to it readable (and
 * enterable) by everyone, but @path itself writable by no one but its
 * owner (root). */
static void
open_up_to (Cli        *cli,
            const char *path,
            int         mode)
{
  g_autofree char *p = g_strdup (path);

  g_assert_cmpint (g_chmod (p, mode), ==, 0);
  while (strlen (p) > strlen (cli->data_home))
    {
      char *parent = g_path_get_dirname (p);

      g_free (p);
      p = parent;
      g_assert_cmpint (g_chmod (p, 0755), ==, 0);
    }
}

static void
test_read_only_folder (void)
{
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  Cli cli = { 0 };

  cli_setup (&cli);
  profile = make_profile_with_jobs (&cli, "Work", 5);
  /* The store left its database in WAL mode and, once closed, removed the
   * -wal and -shm files: SQLite's read-only mode then needs to create -shm,
   * which a read-only folder forbids. */

  /* Root ignores permission bits, and CI runs the tests as root; there is
   * no read-only bind mount or chattr there either. So, as root, the CLI
   * runs as user "nobody" on a profile folder owned by root with mode
   * 0555: exactly a folder this user cannot write, checked by the kernel,
   * not by a test hook. As any other user, chmod alone does it. */
  if (geteuid () == 0)
    {
      cli.as_nobody = TRUE;
      dir = g_dir_open (lancer_profile_get_dir (profile), 0, NULL);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *file = g_build_filename (lancer_profile_get_dir (profile), name, NULL);

          g_chmod (file, g_file_test (file, G_FILE_TEST_IS_DIR) ? 0755 : 0644);
        }
      {
        g_autofree char *profiles_ini_dir = g_path_get_dirname (lancer_profile_get_dir (profile));

        dir = (g_dir_close (dir), g_dir_open (profiles_ini_dir, 0, NULL));
        while ((name = g_dir_read_name (dir)) != NULL)
          {
            g_autofree char *file = g_build_filename (profiles_ini_dir, name, NULL);

            if (!g_file_test (file, G_FILE_TEST_IS_DIR))
              g_chmod (file, 0644);
          }
      }
    }
  open_up_to (&cli, lancer_profile_get_dir (profile), 0555);

  cli_run (&cli, "jobs", "--json");
  g_assert_cmpint (cli.status, ==, 0);
  root = parse_json (cli.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 5);
  g_assert_nonnull (strstr (cli.err, "changes cannot be saved"));
  assert_no_criticals (&cli);

  /* A command that writes fails and says why. */
  cli_run (&cli, "searches", "add", "GTK", "--query", "gtk4");
  assert_clean_failure (&cli, "changes cannot be saved");

  /* Damage in a read-only folder is still called damage. The test owns the
   * file, so it can scribble over it in place (the folder stays shut). */
  {
    g_autofree char *db_path = lancer_profile_dup_db_path (profile);
    char junk[4096];
    int fd = g_open (db_path, O_WRONLY, 0);

    g_assert_cmpint (fd, >=, 0);
    for (gsize i = 0; i < sizeof junk; i++)
      junk[i] = (char) g_random_int_range (0, 256);
    g_assert_cmpint (pwrite (fd, junk, sizeof junk, 100), ==, (ssize_t) sizeof junk);
    close (fd);
  }
  cli_run (&cli, "jobs");
  assert_clean_failure (&cli, "damaged");

  cli.as_nobody = FALSE;
  cli_teardown (&cli);
}

/* ---- damage and recovery ---- */

static guint
count_files (const char *dir_path,
             const char *prefix,
             const char *infix)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix) && (infix == NULL || strstr (name, infix) != NULL))
      n++;
  return n;
}

static void
test_damage_and_recovery (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *backups = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *after = NULL;
  g_autofree char *profile_dir = NULL;
  gsize len = 0, after_len = 0;
  JsonArray *array;
  Cli cli = { 0 };

  cli_setup (&cli);
  profile = make_profile_with_jobs (&cli, "Work", 6);
  db_path = lancer_profile_dup_db_path (profile);
  backups = lancer_profile_dup_backups_dir (profile);
  profile_dir = g_path_get_dirname (db_path);

  /* A command that writes makes the daily backup, as the app would. */
  g_assert_cmpuint (count_files (backups, "lancer-", ".db"), ==, 0);
  cli_run (&cli, "searches", "add", "Rust", "--query", "rust tokio");
  g_assert_cmpint (cli.status, ==, 0);
  g_assert_cmpuint (count_files (backups, "lancer-", ".db"), ==, 1);
  /* ... once a day, not on every command. */
  cli_run (&cli, "searches", "remove", "Rust");
  g_assert_cmpint (cli.status, ==, 0);
  g_assert_cmpuint (count_files (backups, "lancer-", ".db"), ==, 1);

  /* Random bytes behind a valid header, which claims a huge schema
   * version (user_version, offset 60) as damaged headers may. */
  g_file_get_contents (db_path, &damaged, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 4096);
  for (gsize i = 100; i < len; i++)
    damaged[i] = (char) g_random_int_range (0, 256);
  damaged[60] = 0x00; damaged[61] = 0x7f; damaged[62] = 0x12; damaged[63] = 0x34;
  g_file_set_contents (db_path, damaged, (gssize) len, &error);
  g_assert_no_error (error);

  /* A reader says "damaged" (not "newer version"), names the file and
   * leaves it exactly as it was. */
  cli_run (&cli, "jobs", "--json");
  assert_clean_failure (&cli, "damaged");
  g_assert_nonnull (strstr (cli.err, db_path));
  g_assert_null (strstr (cli.err, "newer"));
  g_assert_cmpstr (cli.out, ==, "");
  cli_run (&cli, "stats", "--json");
  assert_clean_failure (&cli, "damaged");
  g_file_get_contents (db_path, &after, &after_len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after_len, ==, len);
  g_assert_true (memcmp (after, damaged, len) == 0);
  g_assert_cmpuint (count_files (profile_dir, "lancer.db.broken-", NULL), ==, 0);

  /* A writer recovers from the CLI's own backup, not from nothing, and
   * says where the damaged file was kept. */
  cli_run (&cli, "searches", "add", "GTK", "--query", "gtk4");
  g_assert_cmpint (cli.status, ==, 0);
  g_assert_nonnull (strstr (cli.err, "restored the backup"));
  g_assert_nonnull (strstr (cli.err, ".broken-"));
  g_assert_cmpuint (count_files (profile_dir, "lancer.db.broken-", NULL), >=, 1);
  cli_run (&cli, "jobs", "--json");
  g_assert_cmpint (cli.status, ==, 0);
  root = parse_json (cli.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 6);
  cli_run (&cli, "--json", "searches", "list");
  g_assert_cmpint (cli.status, ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (cli.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "name"), ==, "GTK");
  cli_teardown (&cli);
}

/* A sound database from a newer Lancer is still told apart from damage. */
static void
test_newer_version (void)
{
  g_autoptr(LancerProfile) profile = NULL;
  g_autofree char *db_path = NULL;
  sqlite3 *db = NULL;
  Cli cli = { 0 };

  cli_setup (&cli);
  profile = make_profile_with_jobs (&cli, "Work", 2);
  db_path = lancer_profile_dup_db_path (profile);
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  cli_run (&cli, "jobs");
  assert_clean_failure (&cli, "newer version");
  cli_run (&cli, "searches", "add", "GTK", "--query", "gtk4");
  assert_clean_failure (&cli, "newer version");
  g_assert_cmpuint (count_files (lancer_profile_get_dir (profile), "lancer.db.broken-", NULL), ==, 0);
  cli_teardown (&cli);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!keyring_disabled ())
    g_test_add_func ("/store/cli-hardening/lock", test_lock);
  g_test_add_func ("/store/cli-hardening/secret-with-nul", test_secret_with_nul);
  g_test_add_func ("/store/cli-hardening/config-invalid-utf8", test_config_invalid_utf8);
  g_test_add_func ("/store/cli-hardening/config-alert-settings", test_config_alert_settings);
  g_test_add_func ("/store/cli-hardening/searches-finite-no-overwrite", test_searches);
  g_test_add_func ("/store/cli-hardening/profile-typo", test_profile_typo);
  g_test_add_func ("/store/cli-hardening/debug-log-off-stdout", test_debug_log_stays_off_stdout);
  g_test_add_func ("/store/cli-hardening/no-match-message", test_no_match_message);
  g_test_add_func ("/store/cli-hardening/export-output", test_export_output);
  g_test_add_func ("/store/cli-hardening/read-only-folder", test_read_only_folder);
  g_test_add_func ("/store/cli-hardening/damage-and-recovery", test_damage_and_recovery);
  g_test_add_func ("/store/cli-hardening/newer-version", test_newer_version);

  return g_test_run ();
}
