/* fuzz-driver.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plain main() for libFuzzer targets, so compilers without libFuzzer
 * (gcc CI) still run them: every file given (or found in a directory given)
 * goes through LLVMFuzzerTestOneInput, then mutations of them and random
 * inputs with a fixed seed.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define N_RANDOM 2000

static void
run_file (const char *path,
          GPtrArray  *seeds)
{
  char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("%s", error->message);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
  g_ptr_array_add (seeds, g_bytes_new_take (contents, len));
}

static void
run_path (const char *path,
          GPtrArray  *seeds)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          run_path (child, seeds);
        }
    }
  else
    run_file (path, seeds);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (0x5eed);
  static const char alphabet[] = "data:event:id:retry: \r\n\n:{}[DONE]\xc3\xa9\xf0\x9f\x92\xbc\xef\xbb\xbf";

  for (int i = 1; i < argc; i++)
    run_path (argv[i], seeds);

  for (guint i = 0; i < N_RANDOM; i++)
    {
      gsize len = g_rand_int_range (rand, 0, 512);
      g_autofree guint8 *buf = g_malloc (len + 1);

      if (seeds->len > 0 && i % 2 == 0)
        {
          /* Mutate a seed: flip, insert and drop bytes. */
          GBytes *seed = g_ptr_array_index (seeds, g_rand_int_range (rand, 0, seeds->len));
          gsize slen = 0;
          const guint8 *sdata = g_bytes_get_data (seed, &slen);

          len = MIN (len, slen);
          if (len > 0)
            memcpy (buf, sdata, len);
          for (guint m = 0; m < 8 && len > 0; m++)
            buf[g_rand_int_range (rand, 0, len)] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
        }
      else
        {
          for (gsize j = 0; j < len; j++)
            buf[j] = i % 3 == 0 ? (guint8) g_rand_int_range (rand, 0, 256)
                                : (guint8) alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
        }
      LLVMFuzzerTestOneInput (buf, len);
    }

  g_print ("ran %u seed files and %d generated inputs\n", seeds->len, N_RANDOM);
  return 0;
}
