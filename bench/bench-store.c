/* bench-store.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * store.ingest          jobs/s written, 10,000 per transaction (100,000 in all)
 * store.fts_p95         ms, search-as-you-type queries over those 100,000 jobs
 * store.open_first_page ms, open the 100,000-job profile until the job
 *                       feed (LancerJobFeedModel, the Jobs page's model)
 *                       shows its first rows with their data
 * Run through bench/run (inside tests/headless-session.sh).
 */
#define G_LOG_DOMAIN "bench-store"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "lancer-job-feed-model.h"
#include "lancer-profile-manager.h"
#include "lancer-sandbox-data.h"
#include "lancer-store.h"

#define N_BATCHES   10
#define BATCH       10000
#define N_QUERIES   400
#define N_OPENS     7

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

static LancerStore *
open_store (LancerProfile *profile)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LancerStore *store;

  lancer_store_open_async (profile, NULL, result_cb, &result);
  store = lancer_store_open_finish (wait_for (&result), &error);
  if (store == NULL)
    g_error ("open: %s", error->message);
  return store;
}

static void
close_store (LancerStore *store)
{
  gpointer weak = store;

  /* Closed means gone: a load still in flight (the feed's snapshot, now
   * cancelled) holds the store until its answer is dispatched, and that
   * must not happen inside the next open's measurement. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_add_weak_pointer (G_OBJECT (store), &weak);
  g_object_unref (store);
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, (guint) ((values->len - 1) * p + 0.5));
}

/* The first rows are on screen with their data; the feed may still be
 * revealing the rest a few rows a frame. */
static gboolean
first_page_ready (LancerJobFeedModel *model)
{
  g_autoptr(LancerJob) first = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (model)) == 0)
    return FALSE;
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  return lancer_job_get_loaded (first);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("lancer-bench-XXXXXX", &error);
  g_autoptr(LancerProfileManager) manager = NULL;
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(LancerSandboxData) gen = lancer_sandbox_data_new (2026);
  g_autoptr(GPtrArray) batches = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) opens = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  /* BENCH_STORE_SLOW_MS=N lists the searches that took N ms or more. */
  double slow_ms = g_strtod (g_getenv ("BENCH_STORE_SLOW_MS") ? g_getenv ("BENCH_STORE_SLOW_MS") : "0", NULL);
  gint64 t0, spent = 0;
  LancerStore *store;

  if (root == NULL)
    g_error ("%s", error->message);
  manager = lancer_profile_manager_new (root);
  profile = lancer_profile_manager_create (manager, "bench", FALSE, &error);
  if (profile == NULL)
    g_error ("%s", error->message);

  /* store.ingest: parsed jobs in, 10,000 per transaction. Generation is
   * not timed; the round trip through the worker is. */
  for (guint i = 0; i < N_BATCHES; i++)
    g_ptr_array_add (batches, lancer_sandbox_data_next_jobs (gen, BATCH, now, 23 * 3600));
  store = open_store (profile);
  for (guint i = 0; i < N_BATCHES; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      t0 = g_get_monotonic_time ();
      lancer_store_upsert_jobs_async (store, batches->pdata[i], NULL, result_cb, &result);
      if (!lancer_store_upsert_jobs_finish (store, wait_for (&result), NULL, &error))
        g_error ("ingest: %s", error->message);
      spent += g_get_monotonic_time () - t0;
    }
  printf ("store.ingest %.0f jobs/s\n", (double) N_BATCHES * BATCH / ((double) spent / G_USEC_PER_SEC));
  fflush (stdout);
  g_ptr_array_set_size (batches, 0);

  /* store.fts_p95: what the jobs page asks while the user types: the first
   * page of results by relevance. */
  for (guint i = 0; i < N_QUERIES; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) jobs = NULL;
      g_autofree char *q = lancer_sandbox_data_next_query (gen);
      LancerJobQuery query = { .search = q, .sort = LANCER_JOB_SORT_RELEVANCE };
      double ms;

      t0 = g_get_monotonic_time ();
      lancer_store_query_jobs_async (store, &query, 0, 50, NULL, result_cb, &result);
      jobs = lancer_store_query_jobs_finish (store, wait_for (&result), &error);
      if (jobs == NULL)
        g_error ("search: %s", error->message);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (latencies, ms);
    }
  fprintf (stderr, "# fts by bm25 relevance: p95 %.2f ms, median %.2f ms\n",
           percentile (latencies, 0.95), percentile (latencies, 0.5));
  g_array_set_size (latencies, 0);

  /* What the job list runs while the user types: newest matches first,
   * plus the match count for the list length. */
  for (guint i = 0; i < N_QUERIES; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GAsyncResult) count_result = NULL;
      g_autoptr(GPtrArray) jobs = NULL;
      g_autofree char *q = lancer_sandbox_data_next_query (gen);
      LancerJobQuery query = { .search = q, .sort = LANCER_JOB_SORT_NEWEST };
      gssize n;
      double ms;

      t0 = g_get_monotonic_time ();
      lancer_store_query_jobs_async (store, &query, 0, 50, NULL, result_cb, &result);
      lancer_store_count_jobs_async (store, &query, NULL, result_cb, &count_result);
      jobs = lancer_store_query_jobs_finish (store, wait_for (&result), &error);
      if (jobs == NULL || (n = lancer_store_count_jobs_finish (store, wait_for (&count_result), &error)) < 0)
        g_error ("search: %s", error->message);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (latencies, ms);
      if (slow_ms > 0 && ms >= slow_ms)
        fprintf (stderr, "# slow: %.2f ms for “%s” (%" G_GSSIZE_FORMAT " matches)\n", ms, q, n);
    }
  printf ("store.fts_p95 %.2f ms\n", percentile (latencies, 0.95));
  fprintf (stderr, "# fts (newest first + count) median %.2f ms, max %.2f ms\n", percentile (latencies, 0.5),
           g_array_index (latencies, double, latencies->len - 1));
  fflush (stdout);
  close_store (store);

  /* store.open_first_page */
  for (guint i = 0; i < N_OPENS; i++)
    {
      g_autoptr(LancerJobFeedModel) model = NULL;
      double ms;

      t0 = g_get_monotonic_time ();
      store = open_store (profile);
      model = lancer_job_feed_model_new (store);
      while (!first_page_ready (model))
        g_main_context_iteration (NULL, TRUE);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (opens, ms);
      g_clear_object (&model);
      close_store (store);
    }
  printf ("store.open_first_page %.1f ms\n", percentile (opens, 0.5));
  fprintf (stderr, "# open+first page min %.1f ms, max %.1f ms\n", g_array_index (opens, double, 0),
           g_array_index (opens, double, opens->len - 1));

  remove_tree (root);
  return EXIT_SUCCESS;
}
