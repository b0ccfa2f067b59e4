/* bench-jobs.c: the Jobs page's search over 100,000 jobs.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * jobs.search_update_p95: from a keystroke (the search text set on the
 * page's LancerJobFeedModel) to the model's first ::items-changed, the one
 * that puts the new best matches in the rows on screen, typing queries
 * letter by letter as a user does. Also prints the same with a filter set,
 * and how long until the model holds every match: further rows are added
 * 8 a frame so that GTK 4.8's list view never builds 200 rows in one.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "lancer-job-feed-model.h"
#include "lancer-profile-manager.h"
#include "lancer-sandbox-data.h"

#define N_JOBS    100000
#define BATCH     10000
#define N_QUERIES 40

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

static void
changed_cb (GListModel *model,
            guint       position,
            guint       removed,
            guint       added,
            gpointer    user_data)
{
  gint64 *changed_at = user_data;

  if (*changed_at == 0)
    *changed_at = g_get_monotonic_time ();
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double d = *(const double *) a - *(const double *) b;

  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

static double
p95 (GArray *values)
{
  g_array_sort (values, cmp_double);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (values->len * 0.95)));
}

static double
type_queries (LancerJobFeedModel *model,
              LancerSandboxData  *gen,
              guint               n_queries,
              double             *complete_p95)
{
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) completes = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 changed_at = 0;
  gulong id = g_signal_connect (model, "items-changed", G_CALLBACK (changed_cb), &changed_at);

  for (guint q = 0; q < n_queries; q++)
    {
      g_autofree char *query = lancer_sandbox_data_next_query (gen);
      glong len = g_utf8_strlen (query, -1);

      for (glong k = 1; k <= len + 1; k++)
        {
          /* Letter by letter, then the query erased (back to all jobs). */
          g_autofree char *prefix = k <= len ? g_utf8_substring (query, 0, k) : g_strdup ("");
          gint64 t0;
          double ms;

          changed_at = 0;
          t0 = g_get_monotonic_time ();
          lancer_job_feed_model_set_search (model, prefix);
          while (lancer_job_feed_model_get_loading (model))
            g_main_context_iteration (NULL, TRUE);
          ms = (double) (g_get_monotonic_time () - t0) / 1000.0;
          g_array_append_val (completes, ms);
          if (changed_at == 0)
            changed_at = g_get_monotonic_time ();
          ms = (double) (changed_at - t0) / 1000.0;
          g_array_append_val (latencies, ms);
        }
    }
  g_signal_handler_disconnect (model, id);
  *complete_p95 = p95 (completes);
  return p95 (latencies);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("lancer-bench-jobs-XXXXXX", &error);
  g_autoptr(LancerProfileManager) manager = NULL;
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(LancerSandboxData) gen = lancer_sandbox_data_new (2027);
  g_autoptr(LancerStore) store = NULL;
  g_autoptr(LancerJobFeedModel) model = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(LancerJobFilter) filter = lancer_job_filter_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  LancerJobView view = { 0 };
  g_autofree char *cmd = NULL;
  double shown, complete;

  if (root == NULL)
    g_error ("%s", error->message);
  manager = lancer_profile_manager_new (root);
  profile = lancer_profile_manager_create (manager, "bench", FALSE, &error);
  if (profile == NULL)
    g_error ("%s", error->message);
  lancer_store_open_async (profile, NULL, result_cb, &opened);
  store = lancer_store_open_finish (wait_for (&opened), &error);
  if (store == NULL)
    g_error ("open: %s", error->message);

  for (guint i = 0; i < N_JOBS / BATCH; i++)
    {
      g_autoptr(GPtrArray) jobs = lancer_sandbox_data_next_jobs (gen, BATCH, now, 23 * 3600);
      g_autoptr(GAsyncResult) result = NULL;

      lancer_store_upsert_jobs_async (store, jobs, NULL, result_cb, &result);
      if (!lancer_store_upsert_jobs_finish (store, wait_for (&result), NULL, &error))
        g_error ("ingest: %s", error->message);
    }

  if (g_getenv ("LANCER_BENCH_KEEP") != NULL)
    {
      g_printerr ("profile kept in %s\n", root);
      return 0;
    }
  model = lancer_job_feed_model_new (store);
  while (lancer_job_feed_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  if (g_list_model_get_n_items (G_LIST_MODEL (model)) != N_JOBS)
    g_error ("expected %d jobs, the model has %u", N_JOBS, g_list_model_get_n_items (G_LIST_MODEL (model)));

  shown = type_queries (model, gen, N_QUERIES, &complete);
  printf ("jobs.search_update_p95 %.1f ms\n", shown);
  printf ("# every match in the model: p95 %.1f ms\n", complete);
  fflush (stdout);

  filter->verified_only = TRUE;
  filter->min_client_spent = 1000;
  filter->max_proposals = 20;
  view.filter = filter;
  lancer_job_feed_model_set_view (model, &view);
  while (lancer_job_feed_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  shown = type_queries (model, gen, N_QUERIES / 2, &complete);
  printf ("jobs.search_update_filtered_p95 %.1f ms\n", shown);
  printf ("# filtered, every match in the model: p95 %.1f ms\n", complete);
  fflush (stdout);

  g_clear_object (&model);
  g_clear_object (&store);
  cmd = g_strdup_printf ("rm -rf '%s'", root);
  if (system (cmd) != 0)
    g_warning ("could not remove %s", root);
  return 0;
}
