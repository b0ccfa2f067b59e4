/* lancer-cli.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sodium.h>

#include "cli/lancer-cli.h"
#include "cli/lancer-cli-upwork.h"
#include "lancer-lock-guard.h"
#include "lancer-redact.h"

struct _LancerCli
{
  LancerProfileManager *manager;
  LancerProfile *profile;
  LancerStore *store;
  char *profile_name;
  gboolean json;
  gboolean writes;   /* the command changes the database */
};

typedef struct
{
  const char *name;
  const char *summary;
  LancerCliCommandFunc func;
} LancerCliCommand;

/* One line per command; keep it sorted the way `lancer-cli --help` shows it. */
static const LancerCliCommand commands[] = {
  { "profiles", N_("profiles list|create NAME|delete NAME — manage profiles"), lancer_cli_profiles },
  { "jobs", N_("jobs [--search Q] [--saved NAME] [--limit N] — stored jobs, newest first"), lancer_cli_jobs },
  { "config", N_("config get KEY | set KEY VALUE — settings"), lancer_cli_config },
  { "secret", N_("secret set NAME — store a secret from stdin in the keyring"), lancer_cli_secret },
  { "searches", N_("searches list|add NAME --query Q [--replace]|remove NAME — saved job searches"), lancer_cli_searches },
  { "login", N_("login [--no-browser] — connect to Upwork"), lancer_cli_login },
  { "sync", N_("sync [--only RESOURCE] — sync with Upwork once"), lancer_cli_sync },
  { "doctor", N_("doctor [--json] — which Upwork resources your key reaches, and what each needs"), lancer_cli_doctor },
  { "job", N_("job show ID [--json] — one stored job"), lancer_cli_job },
  { "proposals", N_("proposals [--status S] [--json] — stored proposals"), lancer_cli_proposals },
  { "messages", N_("messages [--room ID] [--json] — stored messages"), lancer_cli_messages },
  { "send", N_("send ROOM_ID — send stdin through the outbox"), lancer_cli_send },
  { "audit", N_("audit [--limit N] [--json] — the activity log, newest first"), lancer_cli_audit },
  { "stats", N_("stats [--range 30d|90d|12m|all] [--json] — win rate, costs, earnings, with formulas"), lancer_cli_stats },
  { "export", N_("export --what jobs|proposals|earnings|diary|audit --format csv|json [--output FILE]"), lancer_cli_export },
  { "analyze", N_("analyze JOB_ID [--json] — an AI analysis of a job"), lancer_cli_analyze },
  { "propose", N_("propose JOB_ID [--variants N] — stream an AI proposal draft"), lancer_cli_propose },
  { "alerts", N_("alerts test email|sms|telegram|webhook — send a test alert through one channel"), lancer_cli_alerts },
};

void
lancer_cli_set_writes (LancerCli *cli,
                       gboolean   writes)
{
  cli->writes = writes;
}

gboolean
lancer_cli_get_json (LancerCli *cli)
{
  return cli->json;
}

LancerProfileManager *
lancer_cli_get_manager (LancerCli *cli)
{
  if (cli->manager == NULL)
    cli->manager = lancer_profile_manager_new (NULL);
  return cli->manager;
}

gboolean
lancer_cli_parse_options (LancerCli      *cli,
                          const char     *parameter_string,
                          const char     *summary,
                          GOptionEntry   *entries,
                          int            *argc,
                          char         ***argv,
                          GError        **error)
{
  /* The usage line names the command: "lancer-cli [OPTION…] jobs …". */
  g_autofree char *usage = g_strjoin (" ", (*argv)[0], parameter_string, NULL);
  g_autoptr(GOptionContext) context = g_option_context_new (usage);
  char *profile_name = NULL;
  const GOptionEntry common[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->json, N_("Print JSON instead of text"), NULL },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name, N_("Use the profile NAME"), N_("NAME") },
    { NULL }
  };

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (profile_name != NULL)
    {
      g_free (cli->profile_name);
      cli->profile_name = profile_name;
    }
  return TRUE;
}

static struct termios saved_termios;

/* Ctrl+C at the prompt must not leave the terminal without echo. */
static void
restore_echo_and_die (int signum)
{
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
  signal (signum, SIG_DFL);
  raise (signum);
}

/* One line from standard input, read byte by byte so that whatever follows
 * (a secret, a message) stays there for the command. On a terminal the
 * user is prompted and the code is not echoed. Never from argv or the
 * environment: those leak into process lists and shell history. */
static char *
read_code_line (void)
{
  gboolean tty = isatty (STDIN_FILENO);
  gboolean echo_off = FALSE;
  char buf[128];
  gsize len = 0;
  gboolean got_any = FALSE;

  if (tty)
    {
      g_printerr ("%s", _("Lancer is locked. Code from your authenticator app (or a recovery code): "));
      if (tcgetattr (STDIN_FILENO, &saved_termios) == 0)
        {
          struct termios quiet = saved_termios;

          quiet.c_lflag &= ~(tcflag_t) ECHO;
          signal (SIGINT, restore_echo_and_die);
          signal (SIGTERM, restore_echo_and_die);
          echo_off = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }

  for (;;)
    {
      char c;
      ssize_t n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || c == '\n')
        break;
      got_any = TRUE;
      if (len < sizeof buf - 1)
        buf[len++] = c;
    }
  buf[len] = '\0';

  if (echo_off)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
      g_printerr ("\n");
    }
  if (tty)
    {
      signal (SIGINT, SIG_DFL);
      signal (SIGTERM, SIG_DFL);
    }
  if (!got_any)
    return NULL;
  {
    char *code = g_strdup (g_strstrip (buf));

    sodium_memzero (buf, sizeof buf);
    return code;
  }
}

gboolean
lancer_cli_unlock (LancerCli      *cli,
                   LancerProfile  *profile,
                   GError        **error)
{
  const char *dir = lancer_profile_get_dir (profile);
  g_autoptr(LancerLockGuard) guard = lancer_lock_guard_new (lancer_profile_get_id (profile), dir);
  g_autoptr(LancerAuditLog) audit_log = lancer_audit_log_new_for_profile_dir (dir);
  char *code;
  gboolean ok;

  /* The same guard as the app: keyring state, back-off, replay protection,
   * and the attempt goes into the activity log. */
  lancer_lock_guard_set_audit_log (guard, audit_log);
  lancer_lock_guard_load_sync (guard, NULL);
  if (!lancer_lock_guard_get_enabled (guard))
    return TRUE;

  code = read_code_line ();
  if (code == NULL || *code == '\0')
    {
      g_free (code);
      g_set_error_literal (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_INVALID_CODE,
                           _("This profile is locked. Give the 6-digit code from your authenticator "
                             "app (or a recovery code) on standard input, or type it when asked."));
      return FALSE;
    }
  ok = lancer_lock_guard_try_unlock_sync (guard, code, NULL, error);
  sodium_memzero (code, strlen (code));
  g_free (code);
  return ok;
}

LancerProfile *
lancer_cli_get_profile (LancerCli  *cli,
                        GError    **error)
{
  LancerProfileManager *manager = lancer_cli_get_manager (cli);
  g_autoptr(LancerProfile) profile = NULL;

  if (cli->profile != NULL)
    return cli->profile;

  if (cli->profile_name != NULL)
    {
      /* A typo must not make a new, empty profile: only "profiles create" does. */
      profile = lancer_profile_manager_lookup (manager, cli->profile_name);
      if (profile == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("There is no profile named “%s”; see lancer-cli profiles list"), cli->profile_name);
          return NULL;
        }
    }
  else if ((profile = lancer_profile_manager_ensure_default (manager, error)) == NULL)
    return NULL;

  if (!lancer_cli_unlock (cli, profile, error))
    return NULL;
  if (cli->profile_name != NULL)
    lancer_profile_manager_set_last_used (manager, profile);
  cli->profile = g_steal_pointer (&profile);
  return cli->profile;
}

void
lancer_cli_async_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

GAsyncResult *
lancer_cli_wait (LancerCli     *cli,
                 GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

LancerStore *
lancer_cli_open_store (LancerCli  *cli,
                       GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  LancerProfile *profile;

  if (cli->store != NULL)
    return cli->store;

  profile = lancer_cli_get_profile (cli, error);
  if (profile == NULL)
    return NULL;

  /* Only a command that writes may set a damaged database aside and restore
   * a backup; a reader reports the damage and leaves the file alone. */
  if (cli->writes)
    lancer_store_open_async (profile, NULL, lancer_cli_async_cb, &result);
  else
    lancer_store_open_keep_damaged_async (profile, NULL, lancer_cli_async_cb, &result);
  cli->store = lancer_store_open_finish (lancer_cli_wait (cli, &result), error);
  if (cli->store != NULL)
    {
      const char *message = lancer_store_get_open_message (cli->store);
      if (message != NULL)
        g_printerr ("lancer-cli: %s\n", message);
      /* Say up front that nothing this run changes will be kept. */
      if (lancer_store_get_read_only (cli->store) && lancer_store_get_problem_message (cli->store) != NULL)
        g_printerr ("lancer-cli: %s\n", lancer_store_get_problem_message (cli->store));
      /* The app makes a daily backup in the background; a CLI run is over
       * before that would start, so a writer makes it here, before it writes. */
      else if (cli->writes)
        {
          g_autoptr(GAsyncResult) backup_result = NULL;
          g_autoptr(GError) backup_error = NULL;
          g_autofree char *backup = NULL;

          lancer_store_backup_if_due_async (cli->store, NULL, lancer_cli_async_cb, &backup_result);
          backup = lancer_store_backup_if_due_finish (cli->store, lancer_cli_wait (cli, &backup_result), &backup_error);
          if (backup_error != NULL)
            g_printerr ("lancer-cli: %s\n", backup_error->message);
        }
    }
  return cli->store;
}

static int
print_failure (const char *message)
{
  g_autofree char *line = g_strdup (message ? message : _("Unknown error"));

  /* The contract is one line on stderr. */
  g_strdelimit (line, "\r\n", ' ');
  g_printerr ("lancer-cli: %s\n", line);
  return LANCER_CLI_EXIT_FAILED;
}

int
lancer_cli_fail (LancerCli    *cli,
                 const GError *error)
{
  return print_failure (error ? error->message : NULL);
}

int
lancer_cli_fail_message (LancerCli  *cli,
                         const char *message)
{
  return print_failure (message);
}

void
lancer_cli_print_json (LancerCli *cli,
                       JsonNode  *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: lancer-cli [--profile NAME] [--json] COMMAND [ARGS…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %s\n", _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “lancer-cli COMMAND --help” for a command’s options."));
}

static void
lancer_cli_free (LancerCli *cli)
{
  g_clear_object (&cli->store);
  g_clear_object (&cli->profile);
  g_clear_object (&cli->manager);
  g_free (cli->profile_name);
  g_free (cli);
}

int
main (int   argc,
      char *argv[])
{
  LancerCli *cli;
  const LancerCliCommand *command = NULL;
  int first = 1;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("lancer-cli");
  /* Before anything can log: no secret reaches stderr or the journal, and no
   * log line (not even G_MESSAGES_DEBUG's) lands in stdout's JSON. */
  g_log_writer_default_set_use_stderr (TRUE);
  lancer_redact_install_log_writer (NULL, NULL, NULL);

  cli = g_new0 (LancerCli, 1);

  /* Global options come before the command; commands parse their own. */
  while (first < argc && argv[first][0] == '-')
    {
      const char *arg = argv[first];

      if (g_str_equal (arg, "--json"))
        cli->json = TRUE;
      else if (g_str_equal (arg, "--profile") && first + 1 < argc)
        {
          g_free (cli->profile_name);
          cli->profile_name = g_strdup (argv[++first]);
        }
      else if (g_str_has_prefix (arg, "--profile="))
        {
          g_free (cli->profile_name);
          cli->profile_name = g_strdup (arg + strlen ("--profile="));
        }
      else if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_usage (stdout);
          lancer_cli_free (cli);
          return LANCER_CLI_EXIT_OK;
        }
      else if (g_str_equal (arg, "--version"))
        {
          g_print ("lancer-cli %s\n", PACKAGE_VERSION);
          lancer_cli_free (cli);
          return LANCER_CLI_EXIT_OK;
        }
      else
        {
          g_autofree char *msg = g_strdup_printf (_("Unknown option “%s”; see lancer-cli --help"), arg);
          lancer_cli_free (cli);
          return print_failure (msg);
        }
      first++;
    }

  if (first >= argc)
    {
      print_usage (stderr);
      lancer_cli_free (cli);
      return print_failure (_("No command given; see lancer-cli --help"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[first], commands[i].name))
      command = &commands[i];

  if (command == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Unknown command “%s”; see lancer-cli --help"), argv[first]);
      lancer_cli_free (cli);
      return print_failure (msg);
    }

  /* Settings, names, queries and IDs are text; only export's --output is a
   * file name, which may be in any encoding. */
  if (!g_str_equal (command->name, "export"))
    for (int i = 1; i < argc; i++)
      if (!g_utf8_validate (argv[i], -1, NULL))
        {
          lancer_cli_free (cli);
          return print_failure (_("An argument is not valid UTF-8 text; check the terminal’s encoding"));
        }

  status = command->func (cli, argc - first, argv + first);
  lancer_cli_free (cli);
  return status;
}
