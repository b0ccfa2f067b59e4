/* lancer-seed-profile.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lancer-seed-profile [--root DIR] [--profile NAME] [--jobs N] [--seed S]
 * Fills a profile (created if needed) with N generated jobs, for benchmarks
 * and manual testing. Never used on real profiles by the app.
 */
#define G_LOG_DOMAIN "lancer-seed"

#include "config.h"

#include <stdlib.h>

#include "lancer-profile-manager.h"
#include "lancer-sandbox-data.h"
#include "lancer-store.h"

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(LancerProfileManager) manager = NULL;
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(LancerSandboxData) gen = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LancerStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;
  g_autofree char *name = NULL;
  int n_jobs = 100000;
  int seed = 1;
  gssize have;
  GOptionEntry entries[] = {
    { "root", 0, 0, G_OPTION_ARG_FILENAME, &root, "Profiles folder (default: the user's)", "DIR" },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &name, "Profile name (default: bench)", "NAME" },
    { "jobs", 0, 0, G_OPTION_ARG_INT, &n_jobs, "Number of jobs (default: 100000)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Generator seed (default: 1)", "S" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("lancer-seed-profile: %s\n", error->message);
      return 1;
    }

  manager = lancer_profile_manager_new (root);
  profile = lancer_profile_manager_lookup (manager, name ? name : "bench");
  if (profile == NULL)
    profile = lancer_profile_manager_create (manager, name ? name : "bench", FALSE, &error);
  if (profile == NULL)
    {
      g_printerr ("lancer-seed-profile: %s\n", error->message);
      return 1;
    }

  lancer_store_open_async (profile, NULL, result_cb, &result);
  store = lancer_store_open_finish (wait_for (&result), &error);
  g_clear_object (&result);
  if (store == NULL)
    {
      g_printerr ("lancer-seed-profile: %s\n", error->message);
      return 1;
    }

  lancer_store_count_jobs_async (store, NULL, NULL, result_cb, &result);
  have = lancer_store_count_jobs_finish (store, wait_for (&result), NULL);
  g_clear_object (&result);

  gen = lancer_sandbox_data_new ((guint32) seed);
  for (gssize done = MAX (have, 0); done < n_jobs; done += 10000)
    {
      g_autoptr(GPtrArray) page = lancer_sandbox_data_next_jobs (gen, (guint) MIN (10000, n_jobs - done),
                                                                 g_get_real_time () / G_USEC_PER_SEC,
                                                                 23 * 3600);
      lancer_store_upsert_jobs_async (store, page, NULL, result_cb, &result);
      if (!lancer_store_upsert_jobs_finish (store, wait_for (&result), NULL, &error))
        {
          g_printerr ("lancer-seed-profile: %s\n", error->message);
          return 1;
        }
      g_clear_object (&result);
    }

  g_print ("%s %s\n", lancer_profile_get_id (profile), lancer_profile_get_dir (profile));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return 0;
}
