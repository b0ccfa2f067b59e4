/* lancer-cli-audit.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lancer-audit.h"
#include "lancer-cli.h"

/* `lancer-cli audit [--limit N] [--json]`: the profile's activity log,
 * newest first. The log never holds secrets, so it is printed as stored. */
int
lancer_cli_audit (LancerCli  *cli,
                  int         argc,
                  char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerAuditLog) log = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  LancerProfile *profile;
  int limit = 0;
  GOptionEntry entries_opt[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N entries"), N_("N") },
    { NULL }
  };

  if (!lancer_cli_parse_options (cli, NULL, _("Show the activity log, newest first."),
                                 entries_opt, &argc, &argv, &error))
    return lancer_cli_fail (cli, error);
  if (argc > 1)
    return lancer_cli_fail_message (cli, _("audit takes no arguments; see lancer-cli audit --help"));
  if (limit < 0)
    return lancer_cli_fail_message (cli, _("--limit must be 0 (all) or more"));

  profile = lancer_cli_get_profile (cli, &error);
  if (profile == NULL)
    return lancer_cli_fail (cli, error);

  log = lancer_audit_log_new_for_profile_dir (lancer_profile_get_dir (profile));
  entries = lancer_audit_log_list (log, (guint) limit, &error);
  if (entries == NULL)
    return lancer_cli_fail (cli, error);

  if (lancer_cli_get_json (cli))
    {
      g_autofree char *json = lancer_audit_export_json (entries);

      g_print ("%s\n", json);
      return LANCER_CLI_EXIT_OK;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      LancerAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *time = lancer_audit_entry_format_time (entry);
      const char *detail = lancer_audit_entry_get_detail (entry);

      g_print ("%s  %-14s %s%s%s\n", time, lancer_audit_entry_get_category (entry),
               lancer_audit_entry_get_action (entry), detail ? "  " : "", detail ? detail : "");
    }
  return LANCER_CLI_EXIT_OK;
}
