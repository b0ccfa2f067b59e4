/* lancer-cli-profiles.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lancer-cli.h"

static int
profiles_list (LancerCli *cli)
{
  LancerProfileManager *manager = lancer_cli_get_manager (cli);
  GListModel *profiles = lancer_profile_manager_get_profiles (manager);
  g_autoptr(LancerProfile) last = lancer_profile_manager_dup_last_used (manager);
  guint n = g_list_model_get_n_items (profiles);

  if (lancer_cli_get_json (cli))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LancerProfile) p = g_list_model_get_item (profiles, i);
          g_autofree char *created = lancer_format_iso8601 (lancer_profile_get_created (p));

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, lancer_profile_get_id (p));
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, lancer_profile_get_display_name (p));
          json_builder_set_member_name (builder, "created");
          json_builder_add_string_value (builder, created);
          json_builder_set_member_name (builder, "is_demo");
          json_builder_add_boolean_value (builder, lancer_profile_get_is_demo (p));
          json_builder_set_member_name (builder, "last_used");
          json_builder_add_boolean_value (builder, last != NULL &&
                                          g_str_equal (lancer_profile_get_id (last), lancer_profile_get_id (p)));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      lancer_cli_print_json (cli, root);
      return LANCER_CLI_EXIT_OK;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LancerProfile) p = g_list_model_get_item (profiles, i);
      gboolean is_last = last != NULL && g_str_equal (lancer_profile_get_id (last), lancer_profile_get_id (p));

      g_print ("%s %s%s\n", is_last ? "*" : " ", lancer_profile_get_display_name (p),
               lancer_profile_get_is_demo (p) ? _(" (demo)") : "");
    }
  return LANCER_CLI_EXIT_OK;
}

int
lancer_cli_profiles (LancerCli  *cli,
                     int         argc,
                     char      **argv)
{
  g_autoptr(GError) error = NULL;
  gboolean demo = FALSE;
  GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Create a demo profile (with “create”)"), NULL },
    { NULL }
  };
  LancerProfileManager *manager;
  const char *verb;

  if (!lancer_cli_parse_options (cli, "list|create NAME|delete NAME", _("Manage profiles."),
                                 entries, &argc, &argv, &error))
    return lancer_cli_fail (cli, error);

  manager = lancer_cli_get_manager (cli);
  verb = argc > 1 ? argv[1] : "list";

  if (g_str_equal (verb, "list") && argc <= 2)
    return profiles_list (cli);

  if (g_str_equal (verb, "create") && argc == 3)
    {
      g_autoptr(LancerProfile) profile = lancer_profile_manager_create (manager, argv[2], demo, &error);

      if (profile == NULL)
        return lancer_cli_fail (cli, error);
      /* The first profile becomes the default. */
      if (g_list_model_get_n_items (lancer_profile_manager_get_profiles (manager)) == 1)
        lancer_profile_manager_set_last_used (manager, profile);
      if (lancer_cli_get_json (cli))
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          g_autoptr(JsonNode) root = NULL;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, lancer_profile_get_id (profile));
          json_builder_end_object (builder);
          root = json_builder_get_root (builder);
          lancer_cli_print_json (cli, root);
        }
      return LANCER_CLI_EXIT_OK;
    }

  if (g_str_equal (verb, "delete") && argc == 3)
    {
      g_autoptr(LancerProfile) profile = lancer_profile_manager_lookup (manager, argv[2]);

      if (profile == NULL)
        {
          g_autofree char *msg = g_strdup_printf (_("There is no profile named “%s”; see lancer-cli profiles list"), argv[2]);
          return lancer_cli_fail_message (cli, msg);
        }
      if (!lancer_cli_unlock (cli, profile, &error) ||
          !lancer_profile_manager_delete_sync (manager, profile, NULL, &error))
        return lancer_cli_fail (cli, error);
      return LANCER_CLI_EXIT_OK;
    }

  return lancer_cli_fail_message (cli, _("Usage: lancer-cli profiles list|create NAME|delete NAME"));
}
