/* test-store-cli.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "store-test-util.h"

typedef struct
{
  char *data_home;
  int status;
  char *out;
  char *err;
} Cli;

static void
cli_run (Cli *cli,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, g_build_filename (g_getenv ("LANCER_BUILD_DIR"), "src", "app", "lancer-cli", NULL));
  va_start (ap, cli);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_clear_pointer (&cli->out, g_free);
  g_clear_pointer (&cli->err, g_free);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", cli->data_home, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &cli->out, &cli->err, &error);
  g_assert_no_error (error);
  cli->status = g_subprocess_get_exit_status (proc);
}

static void
assert_one_line_failure (Cli *cli,
                         int  status)
{
  g_assert_cmpint (cli->status, ==, status);
  g_assert_true (g_str_has_prefix (cli->err, "lancer-cli: "));
  g_assert_cmpint (strlen (cli->err), >, 13);
  /* exactly one line */
  g_assert_true (strchr (cli->err, '\n') == cli->err + strlen (cli->err) - 1);
}

static void
test_profiles_and_jobs (void)
{
  g_autoptr(GError) error = NULL;
  Cli cli = { 0 };
  g_autofree char *root = NULL;
  g_autoptr(LancerProfileManager) manager = NULL;
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(LancerStore) store = NULL;
  g_autoptr(GPtrArray) jobs = store_test_jobs (21, 30);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;
  JsonObject *obj, *client;
  const char *keys[] = { "id", "ciphertext", "title", "url", "posted_at", "job_type", "budget",
                         "hourly_min", "hourly_max", "currency", "proposals", "skills", "client" };
  const char *client_keys[] = { "country", "total_spent", "hires", "jobs_posted", "hire_rate",
                                "rating", "payment_verified" };

  cli.data_home = g_dir_make_tmp ("lancer-cli-XXXXXX", &error);
  g_assert_no_error (error);

  cli_run (&cli, "profiles", "create", "Work", NULL);
  g_assert_cmpint (cli.status, ==, 0);
  cli_run (&cli, "profiles", "create", "work", NULL);
  assert_one_line_failure (&cli, 1);
  cli_run (&cli, "--json", "profiles", "list", NULL);
  g_assert_cmpint (cli.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, cli.out, -1, &error));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  obj = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (obj, "name"), ==, "Work");
  g_assert_true (json_object_get_boolean_member (obj, "last_used"));

  /* Fill the profile the way a sync would. */
  root = g_build_filename (cli.data_home, "lancer", "profiles", NULL);
  manager = lancer_profile_manager_new (root);
  profile = lancer_profile_manager_lookup (manager, "Work");
  g_assert_nonnull (profile);
  store = store_test_open (profile, &error);
  g_assert_no_error (error);
  g_assert_true (store_test_upsert (store, jobs, NULL, &error));
  store_test_close (&store);

  /* Default profile = last used. */
  cli_run (&cli, "jobs", "--json", "--limit", "5", NULL);
  g_assert_cmpint (cli.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, cli.out, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      obj = json_array_get_object_element (array, i);
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_true (json_object_has_member (obj, keys[k]));
      client = json_object_get_object_member (obj, "client");
      for (guint k = 0; k < G_N_ELEMENTS (client_keys); k++)
        g_assert_true (json_object_has_member (client, client_keys[k]));
      g_assert_true (g_str_has_suffix (json_object_get_string_member (obj, "posted_at"), "Z"));
      g_assert_true (g_str_equal (json_object_get_string_member (obj, "job_type"), "hourly") ||
                     g_str_equal (json_object_get_string_member (obj, "job_type"), "fixed"));
      g_assert_cmpint (json_node_get_value_type (json_object_get_member (client, "payment_verified")), ==, G_TYPE_BOOLEAN);
      if (i > 0)
        {
          JsonObject *prev = json_array_get_object_element (array, i - 1);
          g_assert_cmpstr (json_object_get_string_member (prev, "posted_at"), >=,
                           json_object_get_string_member (obj, "posted_at"));
        }
    }

  cli_run (&cli, "--profile", "Work", "jobs", "--search", "developer", "--json", NULL);
  g_assert_cmpint (cli.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, cli.out, -1, &error));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), >, 0);

  cli_run (&cli, "jobs", NULL);
  g_assert_cmpint (cli.status, ==, 0);
  g_assert_nonnull (strstr (cli.out, "https://www.upwork.com/jobs/"));

  cli_run (&cli, "jobs", "--saved", "Nope", NULL);
  assert_one_line_failure (&cli, 1);
  cli_run (&cli, "no-such-command", NULL);
  assert_one_line_failure (&cli, 1);
  cli_run (&cli, "profiles", "delete", "Nobody", NULL);
  assert_one_line_failure (&cli, 1);

  cli_run (&cli, "profiles", "delete", "Work", NULL);
  g_assert_cmpint (cli.status, ==, 0);
  g_assert_false (g_file_test (lancer_profile_get_dir (profile), G_FILE_TEST_EXISTS));
  cli_run (&cli, "profiles", "list", NULL);
  g_assert_cmpstr (cli.out, ==, "");

  g_free (cli.out);
  g_free (cli.err);
  g_free (cli.data_home);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/cli/profiles-and-jobs", test_profiles_and_jobs);
  return g_test_run ();
}
