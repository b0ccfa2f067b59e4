/* lancer-paths.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "lancer-paths.h"

/* Everything lives under the XDG base directories, so a test (or a second
 * user) gets a fully separate world just by pointing XDG_DATA_HOME elsewhere. */
char *
lancer_paths_dup_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "lancer", NULL);
}

char *
lancer_paths_dup_profiles_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "lancer", "profiles", NULL);
}

char *
lancer_paths_dup_cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "lancer", NULL);
}

/* Where tests and the screenshot tool drop PNGs and reports. */
const char *
lancer_paths_get_artifact_dir (void)
{
  const char *dir = g_getenv ("LANCER_ARTIFACT_DIR");

  if (dir == NULL || *dir == '\0')
    dir = g_get_tmp_dir ();
  g_mkdir_with_parents (dir, 0755);
  return dir;
}
