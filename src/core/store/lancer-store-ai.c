/* lancer-store-ai.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store-ai"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lancer-store-ai.h"
#include "lancer-store-private.h"

/* Drafts */

G_DEFINE_BOXED_TYPE (LancerAiDraft, lancer_ai_draft, lancer_ai_draft_copy, lancer_ai_draft_free)

LancerAiDraft *
lancer_ai_draft_new (const char *job_id,
                     guint       slot)
{
  LancerAiDraft *draft = g_new0 (LancerAiDraft, 1);

  draft->job_id = g_strdup (job_id);
  draft->slot = slot;
  return draft;
}

LancerAiDraft *
lancer_ai_draft_copy (const LancerAiDraft *draft)
{
  LancerAiDraft *copy;

  g_return_val_if_fail (draft != NULL, NULL);

  copy = g_memdup2 (draft, sizeof *draft);
  copy->job_id = g_strdup (draft->job_id);
  copy->strategy = g_strdup (draft->strategy);
  copy->text = g_strdup (draft->text);
  return copy;
}

void
lancer_ai_draft_free (LancerAiDraft *draft)
{
  if (draft == NULL)
    return;
  g_free (draft->job_id);
  g_free (draft->strategy);
  g_free (draft->text);
  g_free (draft);
}

/* ai_calls */

typedef struct
{
  LancerAiUsage *usage;
  char          *job_id;
} CallData;

static void
call_data_free (gpointer data)
{
  CallData *c = data;

  lancer_ai_usage_free (c->usage);
  g_free (c->job_id);
  g_free (c);
}

static gpointer
record_call_worker (LancerStore   *store,
                    sqlite3       *db,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  CallData *c = data;
  LancerAiUsage *u = c->usage;
  gint64 created = u->started_at > 0 ? u->started_at / G_USEC_PER_SEC : _lancer_store_now_s ();
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db,
                           "INSERT INTO ai_calls (provider, model, purpose, tokens_in, tokens_out,"
                           " tokens_cached, cost, latency_ms, ttft_ms, status, error, job_id, created_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, u->provider ? u->provider : "unknown", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, u->response_model ? u->response_model : (u->model ? u->model : ""), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, u->purpose ? u->purpose : "other", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, u->input_tokens);
  sqlite3_bind_int64 (stmt, 5, u->output_tokens);
  sqlite3_bind_int64 (stmt, 6, u->cached_tokens);
  sqlite3_bind_double (stmt, 7, u->cost_usd);
  sqlite3_bind_int64 (stmt, 8, u->latency_ms);
  if (u->ttft_ms >= 0)
    sqlite3_bind_int64 (stmt, 9, u->ttft_ms);
  sqlite3_bind_text (stmt, 10, u->error_code ? "error" : (u->partial ? "partial" : "ok"), -1, SQLITE_STATIC);
  if (u->error_code != NULL)
    sqlite3_bind_text (stmt, 11, u->error_code, -1, SQLITE_STATIC);
  if (c->job_id != NULL)
    sqlite3_bind_text (stmt, 12, c->job_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 13, created);
  if (!_lancer_store_step_done (db, stmt, error))
    return NULL;
  return _lancer_store_int64_result (sqlite3_last_insert_rowid (db));
}

void
lancer_store_ai_record_call_async (LancerStore         *store,
                                   const LancerAiUsage *usage,
                                   const char          *job_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  CallData *c;

  g_return_if_fail (LANCER_IS_STORE (store));
  g_return_if_fail (usage != NULL);

  c = g_new0 (CallData, 1);
  c->usage = lancer_ai_usage_copy (usage);
  c->job_id = g_strdup (job_id);
  lancer_store_run_async (store, TRUE, "ai_calls", record_call_worker, c, call_data_free, g_free,
                          cancellable, callback, user_data);
}

gint64
lancer_store_ai_record_call_finish (LancerStore   *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _lancer_store_run_finish_int64 (store, result, error);
}

static gint64
month_start (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_new_local (g_date_time_get_year (now),
                                                      g_date_time_get_month (now),
                                                      1, 0, 0, 0);

  return g_date_time_to_unix (start);
}

/* What some AI calls cost (USD), and how many there were. */
typedef struct
{
  double cost;
  guint  n_calls;
} Spend;

/* Runs @stmt, a "SELECT COALESCE(SUM(cost), 0), COUNT(*) FROM ai_calls …". */
static Spend *
spend_from_stmt (sqlite3       *db,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  Spend *spend;

  if (_lancer_store_step_row (db, stmt, error) < 0)
    return NULL;
  spend = g_new0 (Spend, 1);
  spend->cost = sqlite3_column_double (stmt, 0);
  spend->n_calls = (guint) sqlite3_column_int (stmt, 1);
  return spend;
}

static gboolean
spend_finish (LancerStore   *store,
              GAsyncResult  *result,
              double        *cost_usd,
              guint         *n_calls,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree Spend *spend = lancer_store_run_finish (store, result, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (cost_usd != NULL)
    *cost_usd = spend != NULL ? spend->cost : 0.0;
  if (n_calls != NULL)
    *n_calls = spend != NULL ? spend->n_calls : 0;
  return TRUE;
}

static gpointer
month_spend_worker (LancerStore   *store,
                    sqlite3       *db,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db, "SELECT COALESCE(SUM(cost), 0), COUNT(*) FROM ai_calls WHERE created_at >= ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, month_start ());
  return spend_from_stmt (db, stmt, error);
}

void
lancer_store_ai_month_spend_async (LancerStore         *store,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));
  lancer_store_run_async (store, FALSE, NULL, month_spend_worker, NULL, NULL, g_free,
                          cancellable, callback, user_data);
}

gboolean
lancer_store_ai_month_spend_finish (LancerStore   *store,
                                    GAsyncResult  *result,
                                    double        *spend_usd,
                                    GError       **error)
{
  return spend_finish (store, result, spend_usd, NULL, error);
}

/* What writing one job's proposal cost: every "proposal" call recorded
 * for the job, regenerations included, since each was paid for. */
static gpointer
draft_cost_worker (LancerStore   *store,
                   sqlite3       *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare_text (db, "SELECT COALESCE(SUM(cost), 0), COUNT(*) FROM ai_calls"
                                    " WHERE job_id = ? AND purpose = 'proposal'", data, error);

  if (stmt == NULL)
    return NULL;
  return spend_from_stmt (db, stmt, error);
}

void
lancer_store_ai_draft_cost_async (LancerStore         *store,
                                  const char          *job_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));
  g_return_if_fail (job_id != NULL);
  lancer_store_run_async (store, FALSE, NULL, draft_cost_worker, g_strdup (job_id), g_free, g_free,
                          cancellable, callback, user_data);
}

gboolean
lancer_store_ai_draft_cost_finish (LancerStore   *store,
                                   GAsyncResult  *result,
                                   double        *cost_usd,
                                   guint         *n_calls,
                                   GError       **error)
{
  return spend_finish (store, result, cost_usd, n_calls, error);
}

/* Analyses */

typedef struct
{
  char              *job_id;
  gint64             call_id;
  char              *provider;
  char              *model;
  LancerJobAnalysis *analysis;
} AnalysisData;

static void
analysis_data_free (gpointer data)
{
  AnalysisData *a = data;

  g_free (a->job_id);
  g_free (a->provider);
  g_free (a->model);
  g_clear_pointer (&a->analysis, lancer_job_analysis_free);
  g_free (a);
}

static gpointer
save_analysis_worker (LancerStore   *store,
                      sqlite3       *db,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  AnalysisData *a = data;
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db,
                           "INSERT INTO ai_analyses (job_id, ai_call_id, provider, model, fit_score,"
                           " summary, result_json, created_at) VALUES (?1,"
                           " COALESCE(?2, (SELECT MAX(id) FROM ai_calls WHERE job_id = ?1 AND purpose = 'analysis')),"
                           " ?3, ?4, ?5, ?6, ?7, ?8)", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, a->job_id, -1, SQLITE_STATIC);
  if (a->call_id > 0)
    sqlite3_bind_int64 (stmt, 2, a->call_id);
  sqlite3_bind_text (stmt, 3, a->provider, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, a->model, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 5, a->analysis->fit_score);
  sqlite3_bind_text (stmt, 6, a->analysis->summary, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, a->analysis->raw_json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, _lancer_store_now_s ());
  if (!_lancer_store_step_done (db, stmt, error))
    return NULL;
  return _lancer_store_int64_result (sqlite3_last_insert_rowid (db));
}

void
lancer_store_ai_save_analysis_async (LancerStore             *store,
                                     const char              *job_id,
                                     gint64                   call_id,
                                     const char              *provider,
                                     const char              *model,
                                     const LancerJobAnalysis *analysis,
                                     GCancellable            *cancellable,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data)
{
  AnalysisData *a;

  g_return_if_fail (LANCER_IS_STORE (store));
  g_return_if_fail (job_id != NULL);
  g_return_if_fail (analysis != NULL);

  a = g_new0 (AnalysisData, 1);
  a->job_id = g_strdup (job_id);
  a->call_id = call_id;
  a->provider = g_strdup (provider);
  a->model = g_strdup (model);
  a->analysis = lancer_job_analysis_copy (analysis);
  lancer_store_run_async (store, TRUE, "ai_analyses", save_analysis_worker, a, analysis_data_free,
                          g_free, cancellable, callback, user_data);
}

gint64
lancer_store_ai_save_analysis_finish (LancerStore   *store,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return _lancer_store_run_finish_int64 (store, result, error);
}

static gpointer
load_analysis_worker (LancerStore   *store,
                      sqlite3       *db,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare_text (db,
                                "SELECT result_json FROM ai_analyses WHERE job_id = ?"
                                " ORDER BY created_at DESC, id DESC LIMIT 1", data, error);
  g_autoptr(JsonNode) node = NULL;

  if (stmt == NULL)
    return NULL;
  if (_lancer_store_step_row (db, stmt, error) <= 0 || sqlite3_column_text (stmt, 0) == NULL)
    return NULL;
  /* An unreadable stored analysis is treated as none: the user can run a new one. */
  node = json_from_string ((const char *) sqlite3_column_text (stmt, 0), NULL);
  return node != NULL ? lancer_job_analysis_parse (node, NULL) : NULL;
}

void
lancer_store_ai_load_analysis_async (LancerStore         *store,
                                     const char          *job_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));
  lancer_store_run_async (store, FALSE, NULL, load_analysis_worker, g_strdup (job_id), g_free,
                          (GDestroyNotify) lancer_job_analysis_free, cancellable, callback, user_data);
}

LancerJobAnalysis *
lancer_store_ai_load_analysis_finish (LancerStore   *store,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

/* Drafts */

/* The unsent draft already holding (job, slot), or 0. */
static gint64
lookup_slot (sqlite3              *db,
             const LancerAiDraft  *draft,
             GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db,
                           "SELECT d.proposal_id FROM ai_drafts d JOIN proposals p ON p.id = d.proposal_id"
                           " WHERE d.job_id = ? AND d.slot = ? AND p.status = 'draft'"
                           " ORDER BY p.updated_at DESC LIMIT 1", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, draft->job_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, draft->slot);
  switch (_lancer_store_step_row (db, stmt, error))
    {
    case 1:
      return sqlite3_column_int64 (stmt, 0);
    case 0:
      return 0;
    default:
      return -1;
    }
}

static gboolean
save_one_draft (LancerStore    *store,
                sqlite3        *db,
                LancerAiDraft  *draft,
                gint64          now,
                GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) slot = NULL;
  gint64 variant_id = 0;
  gint64 id = draft->proposal_id;

  if (draft->strategy != NULL && (variant_id = _lancer_store_variant_id (db, draft->strategy, now, error)) < 0)
    return FALSE;
  if (id <= 0 && (id = lookup_slot (db, draft, error)) < 0)
    return FALSE;

  if (id > 0)
    stmt = _lancer_store_prepare (db, "UPDATE proposals SET draft = ?2, updated_at = ?3, variant_id = ?4"
                                      " WHERE id = ?1", error);
  else
    stmt = _lancer_store_prepare (db, "INSERT INTO proposals (job_id, status, draft, created_at, updated_at,"
                                      " variant_id) VALUES (?5, 'draft', ?2, ?3, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  if (!lancer_store_bind_sealed (store, stmt, 2, draft->text ? draft->text : "", "proposals.draft", error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 3, now);
  if (variant_id > 0)
    sqlite3_bind_int64 (stmt, 4, variant_id);
  if (id <= 0)
    sqlite3_bind_text (stmt, 5, draft->job_id, -1, SQLITE_STATIC);
  if (!_lancer_store_step_done (db, stmt, error))
    return FALSE;
  if (id <= 0)
    id = sqlite3_last_insert_rowid (db);

  slot = _lancer_store_prepare (db,
                                "INSERT INTO ai_drafts (proposal_id, job_id, slot, partial, chosen)"
                                " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (proposal_id) DO UPDATE SET"
                                " slot = excluded.slot, partial = excluded.partial, chosen = excluded.chosen",
                                error);
  if (slot == NULL)
    return FALSE;
  sqlite3_bind_int64 (slot, 1, id);
  sqlite3_bind_text (slot, 2, draft->job_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (slot, 3, draft->slot);
  sqlite3_bind_int (slot, 4, draft->partial);
  sqlite3_bind_int (slot, 5, draft->chosen);
  if (!_lancer_store_step_done (db, slot, error))
    return FALSE;

  /* Like the store's own draft saving: a job proposed to is kept (a
   * failure here costs nothing but that). */
  _lancer_store_mark_acted_on (db, draft->job_id, NULL);

  draft->proposal_id = id;
  draft->updated_at = now;
  return TRUE;
}

static gpointer
save_drafts_worker (LancerStore   *store,
                    sqlite3       *db,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  GPtrArray *drafts = data;
  gint64 now = _lancer_store_now_s ();

  for (guint i = 0; i < drafts->len; i++)
    if (!save_one_draft (store, db, g_ptr_array_index (drafts, i), now, error))
      return NULL;
  return NULL;
}

void
lancer_store_ai_save_drafts_async (LancerStore         *store,
                                   GPtrArray           *drafts,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));
  g_return_if_fail (drafts != NULL);

  /* The worker writes proposal ids back into the caller's drafts, which the
   * caller only reads again after _finish. */
  lancer_store_run_async (store, TRUE, "proposals", save_drafts_worker,
                          g_ptr_array_ref (drafts), (GDestroyNotify) g_ptr_array_unref, NULL,
                          cancellable, callback, user_data);
}

gboolean
lancer_store_ai_save_drafts_finish (LancerStore   *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _lancer_store_run_finish_boolean (store, result, error);
}

static gpointer
load_drafts_worker (LancerStore   *store,
                    sqlite3       *db,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_ai_draft_free);
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db,
                           "SELECT d.proposal_id, d.slot, d.partial, d.chosen, p.draft, p.updated_at, v.name"
                           " FROM ai_drafts d JOIN proposals p ON p.id = d.proposal_id"
                           " LEFT JOIN proposal_variants v ON v.id = p.variant_id"
                           " WHERE d.job_id = ? AND p.status = 'draft' ORDER BY d.slot, p.updated_at DESC",
                           error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, data, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LancerAiDraft) draft = lancer_ai_draft_new (data, sqlite3_column_int (stmt, 1));

      /* One draft per slot: the newest. */
      if (drafts->len > 0 &&
          ((LancerAiDraft *) g_ptr_array_index (drafts, drafts->len - 1))->slot == draft->slot)
        continue;
      draft->proposal_id = sqlite3_column_int64 (stmt, 0);
      draft->partial = sqlite3_column_int (stmt, 2);
      draft->chosen = sqlite3_column_int (stmt, 3);
      draft->text = lancer_store_column_unseal (store, stmt, 4, "proposals.draft", error);
      if (draft->text == NULL && error != NULL && *error != NULL)
        return NULL;
      draft->updated_at = sqlite3_column_int64 (stmt, 5);
      draft->strategy = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      g_ptr_array_add (drafts, g_steal_pointer (&draft));
    }
  if (rc != SQLITE_DONE)
    {
      lancer_store_set_sqlite_error (error, db, rc);
      return NULL;
    }
  return g_steal_pointer (&drafts);
}

void
lancer_store_ai_load_drafts_async (LancerStore         *store,
                                   const char          *job_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));
  g_return_if_fail (job_id != NULL);

  lancer_store_run_async (store, FALSE, NULL, load_drafts_worker, g_strdup (job_id), g_free,
                          (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
lancer_store_ai_load_drafts_finish (LancerStore   *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

static gpointer
choose_draft_worker (LancerStore   *store,
                     sqlite3       *db,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  gint64 id = *(gint64 *) data;
  g_autoptr(sqlite3_stmt) select = _lancer_store_prepare (db, "SELECT draft FROM proposals WHERE id = ?", error);
  g_autoptr(sqlite3_stmt) cover = NULL;
  g_autoptr(sqlite3_stmt) chosen = NULL;
  g_autofree char *text = NULL;

  if (select == NULL)
    return NULL;
  sqlite3_bind_int64 (select, 1, id);
  switch (_lancer_store_step_row (db, select, error))
    {
    case 0:
      g_set_error_literal (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_NOT_FOUND,
                           _("The draft no longer exists"));
      return NULL;
    case -1:
      return NULL;
    default:
      break;
    }
  text = lancer_store_column_unseal (store, select, 0, "proposals.draft", error);
  if (text == NULL && error != NULL && *error != NULL)
    return NULL;

  cover = _lancer_store_prepare (db, "UPDATE proposals SET cover_letter = ?2, updated_at = ?3 WHERE id = ?1", error);
  if (cover == NULL)
    return NULL;
  sqlite3_bind_int64 (cover, 1, id);
  if (!lancer_store_bind_sealed (store, cover, 2, text ? text : "", "proposals.cover_letter", error))
    return NULL;
  sqlite3_bind_int64 (cover, 3, _lancer_store_now_s ());
  if (!_lancer_store_step_done (db, cover, error))
    return NULL;

  chosen = _lancer_store_prepare (db,
                                  "UPDATE ai_drafts SET chosen = (proposal_id = ?1)"
                                  " WHERE job_id = (SELECT job_id FROM ai_drafts WHERE proposal_id = ?1)", error);
  if (chosen == NULL)
    return NULL;
  sqlite3_bind_int64 (chosen, 1, id);
  _lancer_store_step_done (db, chosen, error);
  return NULL;
}

void
lancer_store_ai_choose_draft_async (LancerStore         *store,
                                    gint64               proposal_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));

  lancer_store_run_async (store, TRUE, "proposals", choose_draft_worker, _lancer_store_int64_result (proposal_id),
                          g_free, NULL, cancellable, callback, user_data);
}

gboolean
lancer_store_ai_choose_draft_finish (LancerStore   *store,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _lancer_store_run_finish_boolean (store, result, error);
}

/* Portfolio */

static gpointer
portfolio_item_from_row (LancerStore   *store,
                         sqlite3_stmt  *stmt,
                         GError       **error)
{
  return lancer_ai_portfolio_item_new ((const char *) sqlite3_column_text (stmt, 0),
                                       (const char *) sqlite3_column_text (stmt, 1),
                                       (const char *) sqlite3_column_text (stmt, 2));
}

static gpointer
load_portfolio_worker (LancerStore   *store,
                       sqlite3       *db,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db, "SELECT title, description, outcome FROM ai_portfolio ORDER BY position, id", error);

  if (stmt == NULL)
    return NULL;
  return _lancer_store_collect_rows (store, db, stmt, portfolio_item_from_row,
                                     (GDestroyNotify) lancer_ai_portfolio_item_free, error);
}

void
lancer_store_ai_load_portfolio_async (LancerStore         *store,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));
  lancer_store_run_async (store, FALSE, NULL, load_portfolio_worker, NULL, NULL,
                          (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
lancer_store_ai_load_portfolio_finish (LancerStore   *store,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

static gpointer
save_portfolio_worker (LancerStore   *store,
                       sqlite3       *db,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  GPtrArray *items = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!lancer_store_exec (db, "DELETE FROM ai_portfolio", error))
    return NULL;
  stmt = _lancer_store_prepare (db, "INSERT INTO ai_portfolio (position, title, description, outcome)"
                                    " VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < items->len; i++)
    {
      LancerAiPortfolioItem *item = g_ptr_array_index (items, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, item->title ? item->title : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, item->description ? item->description : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, item->outcome ? item->outcome : "", -1, SQLITE_STATIC);
      if (!_lancer_store_step_done (db, stmt, error))
        return NULL;
    }
  return NULL;
}

void
lancer_store_ai_save_portfolio_async (LancerStore         *store,
                                      GPtrArray           *items,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GPtrArray *copy;

  g_return_if_fail (LANCER_IS_STORE (store));
  g_return_if_fail (items != NULL);

  copy = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_ai_portfolio_item_free);
  for (guint i = 0; i < items->len; i++)
    {
      LancerAiPortfolioItem *item = g_ptr_array_index (items, i);
      g_ptr_array_add (copy, lancer_ai_portfolio_item_new (item->title, item->description, item->outcome));
    }
  lancer_store_run_async (store, TRUE, "ai_portfolio", save_portfolio_worker, copy,
                          (GDestroyNotify) g_ptr_array_unref, NULL, cancellable, callback, user_data);
}

gboolean
lancer_store_ai_save_portfolio_finish (LancerStore   *store,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return _lancer_store_run_finish_boolean (store, result, error);
}
