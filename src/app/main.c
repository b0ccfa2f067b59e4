/* main.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "lancer-application.h"
#include "lancer-redact.h"

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

  return g_application_run (G_APPLICATION (app), argc, argv);
}
