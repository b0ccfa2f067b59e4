/* main-sandbox.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-sandbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <locale.h>

#include "lancer-sandbox.h"

/* lancer-sandbox [--port N] [--seed N] [--jobs N] [--new-job-interval S] [--lenient]
 * Runs the sandbox until SIGINT/SIGTERM. Prints "URL <base>" on a line of
 * its own (and the three LANCER_UPWORK_*_URL assignments) once it listens. */

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LancerSandbox) sandbox = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *authorize = NULL;
  g_autofree char *token = NULL;
  g_autofree char *graphql = NULL;
  int port = 0;
  int seed = 42;
  int jobs = 300;
  int interval = 0;
  gboolean lenient = FALSE;
  g_autofree char *missing = NULL;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, N_("Port to listen on (0: any free port)"), "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, N_("Seed of the generated data"), "N" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, N_("Job postings at start"), "N" },
    { "new-job-interval", 'i', 0, G_OPTION_ARG_INT, &interval, N_("Seconds between new job postings"), "S" },
    { "lenient", 0, 0, G_OPTION_ARG_NONE, &lenient, N_("Accept any credentials and tokens"), NULL },
    { "missing-scopes", 0, 0, G_OPTION_ARG_STRING, &missing,
      N_("Key permissions the key lacks: jobs, proposals, messages, contracts, diary, earnings, submit"),
      N_("LIST") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("— the Upwork and AI sandbox server"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  sandbox = lancer_sandbox_new ((guint32) seed, (guint) MAX (jobs, 0));
  lancer_sandbox_set_lenient (sandbox, lenient);
  lancer_sandbox_set_missing_scopes (sandbox, missing);
  lancer_sandbox_set_new_job_interval (sandbox, (guint) MAX (interval, 0));
  if (!lancer_sandbox_start (sandbox, (guint) CLAMP (port, 0, 65535), &error))
    {
      g_printerr (_("Could not start the sandbox: %s\n"), error->message);
      return 1;
    }
  authorize = lancer_sandbox_dup_authorize_url (sandbox);
  token = lancer_sandbox_dup_token_url (sandbox);
  graphql = lancer_sandbox_dup_graphql_url (sandbox);
  g_print ("URL %s\n", lancer_sandbox_get_base_url (sandbox));
  g_print ("LANCER_UPWORK_AUTHORIZE_URL=%s\n", authorize);
  g_print ("LANCER_UPWORK_TOKEN_URL=%s\n", token);
  g_print ("LANCER_UPWORK_GRAPHQL_URL=%s\n", graphql);
  g_print ("client-id %s\n", LANCER_SANDBOX_CLIENT_ID);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);
  lancer_sandbox_stop (sandbox);
  return 0;
}
