/* lancer-test-util.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "lancer-test-util.h"

gboolean
lancer_test_iterate_until (LancerTestCondition cond,
                           gpointer            data,
                           int                 seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  GMainContext *ctx = g_main_context_get_thread_default ();

  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (ctx, FALSE))
        g_usleep (2 * 1000);
    }
  return TRUE;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

gboolean
lancer_test_wait_flag (gboolean *flag,
                       int       seconds)
{
  return lancer_test_iterate_until (flag_is_set, flag, seconds);
}

char *
lancer_test_isolate_xdg (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("lancer-test-XXXXXX", &error);
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  g_autofree char *cache = NULL;

  g_assert_no_error (error);
  data = g_build_filename (dir, "data", NULL);
  config = g_build_filename (dir, "config", NULL);
  cache = g_build_filename (dir, "cache", NULL);
  g_mkdir_with_parents (data, 0700);
  g_mkdir_with_parents (config, 0700);
  g_mkdir_with_parents (cache, 0700);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  return dir;
}

GBytes *
lancer_test_read_file (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;
  return g_bytes_new_take (contents, len);
}

gboolean
lancer_test_bytes_contain (GBytes     *haystack,
                           const char *needle)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (haystack, &len);

  return memmem (data, len, needle, strlen (needle)) != NULL;
}
