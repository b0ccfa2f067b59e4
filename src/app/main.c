/* main.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "lancer-application.h"
#include "lancer-redact.h"

/* Handled here, before any window or bus: `lancer --version` works
 * without a display and never starts the primary instance. */
static int
handle_local_options_cb (GApplication *app,
                         GVariantDict *options,
                         gpointer      user_data)
{
  if (g_variant_dict_contains (options, "version"))
    {
      printf ("lancer %s\n", PACKAGE_VERSION);
      return 0;
    }
  /* Only the instance that starts hidden stays hidden; a second
   * `lancer` just activates the running one. */
  if (g_variant_dict_contains (options, "hidden"))
    lancer_application_set_start_hidden (LANCER_APPLICATION (app), TRUE);
  return -1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LancerApplication) app = NULL;

  /* Before anything can log: no secret reaches stderr or the journal. */
  lancer_redact_install_log_writer (NULL, NULL, NULL);
  setlocale (LC_ALL, "");
  /* tools/lancer-dev run points this at the build's catalogues. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LANCER_LOCALEDIR") ? g_getenv ("LANCER_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Lancer"));
  app = lancer_application_new (APP_ID, G_APPLICATION_DEFAULT_FLAGS);
  g_application_add_main_option (G_APPLICATION (app), "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
                                 _("Show the version and exit"), NULL);
  g_application_add_main_option (G_APPLICATION (app), "hidden", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
                                 _("Start in the background, without a window (at login)"), NULL);
  g_application_set_option_context_summary (G_APPLICATION (app),
                                            _("Runs a freelancer’s Upwork business. The command-line tool is lancer-cli."));
  g_signal_connect (app, "handle-local-options", G_CALLBACK (handle_local_options_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
