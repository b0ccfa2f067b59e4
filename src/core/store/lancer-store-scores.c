/* lancer-store-scores.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store-scores"

#include "config.h"

#include <string.h>

#include "lancer-store-private.h"
#include "lancer-store-scores.h"

#define OUTCOME_PENDING_DAYS 14

static gpointer
list_outcomes_worker (LancerStore   *store,
                      sqlite3       *db,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GPtrArray) outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_scorer_outcome_free);
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db,
                           "SELECT " LANCER_JOB_COLUMNS ", COALESCE(p.submitted_at, p.created_at), lower(p.status),"
                           " (SELECT group_concat(lower(e.status)) FROM proposal_events e WHERE e.proposal_id = p.id)"
                           " FROM proposals p JOIN jobs j ON j.id = p.job_id"
                           " WHERE lower(p.status) <> 'draft'", error);
  gint64 now = _lancer_store_now_s ();
  int rc, base;

  if (stmt == NULL)
    return NULL;
  base = sqlite3_column_count (stmt) - 3;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LancerJob) job = _lancer_job_new_from_stmt (stmt);
      gint64 sent_at = sqlite3_column_int64 (stmt, base);
      const char *events = (const char *) sqlite3_column_text (stmt, base + 2);
      g_autofree char *all = g_strdup_printf ("%s,%s", (const char *) sqlite3_column_text (stmt, base + 1),
                                              events != NULL ? events : "");
      gboolean success = strstr (all, "replied") || strstr (all, "interview") || strstr (all, "hired") ||
                         strstr (all, "offer") || strstr (all, "activated");   /* "offer" since schema v6 */
      gboolean failure = strstr (all, "declined") || strstr (all, "archived") || strstr (all, "withdrawn") ||
                         sent_at < now - OUTCOME_PENDING_DAYS * 24 * 3600;

      if (success || failure)
        g_ptr_array_add (outcomes, lancer_scorer_outcome_new (job, sent_at, success));
    }
  if (rc != SQLITE_DONE)
    {
      lancer_store_set_sqlite_error (error, db, rc);
      return NULL;
    }
  return g_steal_pointer (&outcomes);
}

void
lancer_store_list_scorer_outcomes_async (LancerStore         *store,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));

  lancer_store_run_async (store, FALSE, NULL, list_outcomes_worker, NULL, NULL,
                          (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
lancer_store_list_scorer_outcomes_finish (LancerStore   *store,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

typedef struct
{
  LancerScorer *scorer;
  char         *model_name;
  guint         limit;
} ScoreRequest;

static void
score_request_free (ScoreRequest *request)
{
  g_object_unref (request->scorer);
  g_free (request->model_name);
  g_free (request);
}

static gpointer
write_scores_worker (LancerStore   *store,
                     sqlite3       *db,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  ScoreRequest *request = data;
  gint64 now = _lancer_store_now_s ();
  g_autoptr(sqlite3_stmt) select =
    _lancer_store_prepare (db,
                           "SELECT " LANCER_JOB_COLUMNS ", j.rid FROM jobs j"
                           " WHERE j.hidden = 0 AND NOT EXISTS (SELECT 1 FROM job_scores s WHERE s.job_rid = j.rid"
                           " AND s.kind = 'local' AND s.model = ?1)"
                           " ORDER BY j.posted_at DESC LIMIT ?2", error);
  g_autoptr(sqlite3_stmt) insert = NULL;
  gint64 n = 0;
  int rc, base;

  if (select == NULL)
    return NULL;
  insert = _lancer_store_prepare (db,
                                  "INSERT OR REPLACE INTO job_scores (job_rid, kind, score, model, explanation, created_at)"
                                  " VALUES (?1, 'local', ?2, ?3, ?4, ?5)", error);
  if (insert == NULL)
    return NULL;
  sqlite3_bind_text (select, 1, request->model_name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (select, 2, request->limit);
  base = sqlite3_column_count (select) - 1;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      g_autoptr(LancerJob) job = _lancer_job_new_from_stmt (select);
      g_autoptr(LancerScore) score = lancer_scorer_score (request->scorer, job, now);
      g_autofree char *why = lancer_score_serialize_reasons (score, 5);

      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, sqlite3_column_int64 (select, base));
      sqlite3_bind_double (insert, 2, score->score);
      sqlite3_bind_text (insert, 3, request->model_name, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, why, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 5, now);
      if (!_lancer_store_step_done (db, insert, error))
        return NULL;
      n++;
    }
  if (rc != SQLITE_DONE)
    {
      lancer_store_set_sqlite_error (error, db, rc);
      return NULL;
    }
  /* A boxed count: NULL would mean "no result". */
  return _lancer_store_int64_result (n);
}

void
lancer_store_write_local_scores_async (LancerStore         *store,
                                       LancerScorer        *scorer,
                                       guint                limit,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  ScoreRequest *request;

  g_return_if_fail (LANCER_IS_STORE (store));
  g_return_if_fail (LANCER_IS_SCORER (scorer));

  request = g_new0 (ScoreRequest, 1);
  request->scorer = g_object_ref (scorer);
  request->model_name = lancer_scorer_dup_model_name (scorer);
  request->limit = limit;
  lancer_store_run_async (store, TRUE, "job_scores", write_scores_worker, request,
                          (GDestroyNotify) score_request_free, g_free, cancellable, callback, user_data);
}

gssize
lancer_store_write_local_scores_finish (LancerStore   *store,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  GError *local = NULL;
  gint64 n = _lancer_store_run_finish_int64 (store, result, &local);

  if (local != NULL)
    {
      g_propagate_error (error, local);
      return -1;
    }
  return (gssize) n;
}
