/* store-writer.c — a second process writing into a profile (tests only)
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: store-writer ROOT PROFILE_ID N SEED
 * Writes N generated jobs in pages of 100 through its own LancerStore.
 */
#include "config.h"

#include <stdlib.h>

#include "store-test-util.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LancerProfileManager) manager = NULL;
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(LancerStore) store = NULL;
  g_autoptr(LancerSandboxData) gen = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  if (argc != 5)
    return 2;
  manager = lancer_profile_manager_new (argv[1]);
  profile = lancer_profile_manager_lookup (manager, argv[2]);
  if (profile == NULL)
    return 3;
  store = store_test_open (profile, &error);
  if (store == NULL)
    {
      g_printerr ("store-writer: %s\n", error->message);
      return 1;
    }
  n = (guint) atoi (argv[3]);
  gen = lancer_sandbox_data_new ((guint32) atoi (argv[4]));
  for (guint done = 0; done < n; done += 100)
    {
      g_autoptr(GPtrArray) page = lancer_sandbox_data_next_jobs (gen, MIN (100, n - done),
                                                                 g_get_real_time () / G_USEC_PER_SEC, 3600);
      if (!store_test_upsert (store, page, NULL, &error))
        {
          g_printerr ("store-writer: %s\n", error->message);
          return 1;
        }
    }
  store_test_close (&store);
  return 0;
}
