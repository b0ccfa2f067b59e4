/* store-test-util.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>

#include "lancer-job-feed-model.h"
#include "lancer-profile-manager.h"
#include "lancer-sandbox-data.h"
#include "lancer-store-private.h"
#include "lancer-test-util.h"

/* Blocking helpers for tests: each runs the main context until the store's
 * result arrives, which proves results come back on the caller's context. */

static void
store_test_result_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
store_test_result_ready (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static GAsyncResult *
store_test_wait (GAsyncResult **slot)
{
  g_assert_true (lancer_test_iterate_until (store_test_result_ready, slot, 60));
  return *slot;
}

G_GNUC_UNUSED static LancerStore *
store_test_open (LancerProfile  *profile,
                 GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lancer_store_open_async (profile, NULL, store_test_result_cb, &result);
  return lancer_store_open_finish (store_test_wait (&result), error);
}

G_GNUC_UNUSED static void
store_test_close (LancerStore **store)
{
  /* Let queued main-context notifications run, then drop the store: the
   * worker thread is joined in dispose. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (g_steal_pointer (store));
}

G_GNUC_UNUSED static gboolean
store_test_upsert (LancerStore  *store,
                   GPtrArray    *jobs,
                   guint        *n_new,
                   GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lancer_store_upsert_jobs_async (store, jobs, NULL, store_test_result_cb, &result);
  return lancer_store_upsert_jobs_finish (store, store_test_wait (&result), n_new, error);
}

G_GNUC_UNUSED static GPtrArray *
store_test_query (LancerStore *store,
                  const char  *search,
                  guint        offset,
                  guint        limit)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LancerJobQuery query = { .search = search, .sort = LANCER_JOB_SORT_NEWEST };
  GPtrArray *jobs;

  lancer_store_query_jobs_async (store, &query, offset, limit, NULL, store_test_result_cb, &result);
  jobs = lancer_store_query_jobs_finish (store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  return jobs;
}

G_GNUC_UNUSED static gssize
store_test_count (LancerStore *store,
                  const char  *search)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LancerJobQuery query = { .search = search };
  gssize n;

  lancer_store_count_jobs_async (store, &query, NULL, store_test_result_cb, &result);
  n = lancer_store_count_jobs_finish (store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  return n;
}

G_GNUC_UNUSED static gpointer
store_test_run (LancerStore           *store,
                gboolean               write,
                LancerStoreWorkerFunc  func,
                gpointer               data,
                GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lancer_store_run_async (store, write, write ? "test" : NULL, func, data, NULL, NULL,
                          NULL, store_test_result_cb, &result);
  return lancer_store_run_finish (store, store_test_wait (&result), error);
}

G_GNUC_UNUSED static gpointer
store_test_exec_worker (LancerStore   *store,
                        sqlite3       *db,
                        gpointer       data,
                        GCancellable  *cancellable,
                        GError       **error)
{
  lancer_store_exec (db, data, error);
  return NULL;
}

G_GNUC_UNUSED static GPtrArray *
store_test_jobs (guint32 seed,
                 guint   n)
{
  g_autoptr(LancerSandboxData) gen = lancer_sandbox_data_new (seed);

  return lancer_sandbox_data_next_jobs (gen, n, g_get_real_time () / G_USEC_PER_SEC, 6 * 3600);
}

/* A profile manager rooted in a fresh temporary directory. */
G_GNUC_UNUSED static LancerProfileManager *
store_test_manager (char **root_out)
{
  g_autoptr(GError) error = NULL;
  char *root = g_dir_make_tmp ("lancer-store-XXXXXX", &error);

  g_assert_no_error (error);
  if (root_out)
    *root_out = g_strdup (root);
  {
    LancerProfileManager *manager = lancer_profile_manager_new (root);
    g_free (root);
    return manager;
  }
}
