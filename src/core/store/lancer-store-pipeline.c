/* lancer-store-pipeline.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store-pipeline"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lancer-proposal-private.h"
#include "lancer-store-pipeline.h"
#include "lancer-store-private.h"

void
lancer_proposal_filter_init (LancerProposalFilter *filter)
{
  memset (filter, 0, sizeof *filter);
  filter->stage = -1;
}

void
lancer_proposal_detail_free (LancerProposalDetail *detail)
{
  if (detail == NULL)
    return;
  g_clear_object (&detail->proposal);
  g_free (detail->cover_letter);
  g_free (detail->draft);
  g_clear_pointer (&detail->events, g_ptr_array_unref);
  g_free (detail);
}

static void
event_free (LancerProposalEvent *event)
{
  g_free (event->status);
  g_free (event->source);
  g_free (event);
}

void
lancer_sync_status_free (LancerSyncStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->last_error);
  g_free (status);
}

/* ---- worker helpers ---- */

#define PROPOSAL_COLUMNS \
  "SELECT p.id, p.upwork_id, p.job_id, j.title, j.url, p.status, p.variant_id, v.name," \
  " p.bid_amount, p.bid_type, COALESCE (p.connects_spent, j.connects_required)," \
  " p.created_at, p.updated_at, p.submitted_at," \
  " (SELECT r.id FROM rooms r WHERE r.proposal_id = p.id" \
  "   OR r.contract_id IN (SELECT c.id FROM contracts c WHERE c.proposal_id = p.id) LIMIT 1)," \
  " p.cover_letter, p.draft" \
  " FROM proposals p LEFT JOIN jobs j ON j.id = p.job_id" \
  " LEFT JOIN proposal_variants v ON v.id = p.variant_id"

static LancerProposal *
proposal_from_row (sqlite3_stmt *stmt)
{
  LancerProposalFields f = {
    .id = sqlite3_column_int64 (stmt, 0),
    .upwork_id = (const char *) sqlite3_column_text (stmt, 1),
    .job_id = (const char *) sqlite3_column_text (stmt, 2),
    .job_title = (const char *) sqlite3_column_text (stmt, 3),
    .job_url = (const char *) sqlite3_column_text (stmt, 4),
    .status = (const char *) sqlite3_column_text (stmt, 5),
    .variant_id = sqlite3_column_int64 (stmt, 6),
    .variant_name = (const char *) sqlite3_column_text (stmt, 7),
    .bid_amount = _lancer_store_column_double_or (stmt, 8, NAN),
    .bid_type = (int) _lancer_store_column_int64_or (stmt, 9, -1),
    .connects_spent = (int) _lancer_store_column_int64_or (stmt, 10, -1),
    .created_at = sqlite3_column_int64 (stmt, 11),
    .updated_at = sqlite3_column_int64 (stmt, 12),
    .submitted_at = sqlite3_column_int64 (stmt, 13),
    .room_id = (const char *) sqlite3_column_text (stmt, 14),
  };

  return _lancer_proposal_new (&f);
}

static gboolean
text_matches (const char *haystack,
              const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_needle) != NULL;
}

/* ---- list ---- */

typedef struct
{
  int     stage;
  gint64  variant_id;
  gint64  since;
  char   *text;
} ListData;

static void
list_data_free (ListData *data)
{
  g_free (data->text);
  g_free (data);
}

static gpointer
list_worker (LancerStore   *store,
             sqlite3       *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ListData *d = data;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *needle = NULL;
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db,
                           PROPOSAL_COLUMNS
                           " WHERE (?1 = 0 OR p.variant_id = ?1) AND (?2 = 0 OR p.updated_at >= ?2)"
                           " ORDER BY p.updated_at DESC, p.id DESC",
                           error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (d->text != NULL && *d->text != '\0')
    needle = g_utf8_casefold (d->text, -1);
  sqlite3_bind_int64 (stmt, 1, d->variant_id);
  sqlite3_bind_int64 (stmt, 2, d->since);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LancerProposal) p = proposal_from_row (stmt);

      if (d->stage >= 0 && (int) lancer_proposal_get_stage (p) != d->stage)
        continue;
      if (needle != NULL && !text_matches (lancer_proposal_get_job_title (p), needle))
        {
          g_autofree char *letter = NULL;
          g_autofree char *draft = NULL;
          GError *local = NULL;

          /* Sealed text is only opened here, on the worker, and dropped. */
          letter = lancer_store_column_unseal (store, stmt, 15, "proposals.cover_letter", &local);
          g_clear_error (&local);
          draft = lancer_store_column_unseal (store, stmt, 16, "proposals.draft", &local);
          g_clear_error (&local);
          if (!text_matches (letter, needle) && !text_matches (draft, needle))
            continue;
        }
      g_ptr_array_add (out, g_steal_pointer (&p));
    }
  if (rc != SQLITE_DONE)
    {
      lancer_store_propagate_sqlite_error (error, db, rc);
      return NULL;
    }
  return g_steal_pointer (&out);
}

void
lancer_store_list_proposals_async (LancerStore                *store,
                                   const LancerProposalFilter *filter,
                                   GCancellable               *cancellable,
                                   GAsyncReadyCallback         callback,
                                   gpointer                    user_data)
{
  ListData *data = g_new0 (ListData, 1);

  g_return_if_fail (LANCER_IS_STORE (store));

  data->stage = -1;
  if (filter != NULL)
    {
      data->stage = filter->stage;
      data->variant_id = filter->variant_id;
      data->since = filter->since;
      data->text = g_strdup (filter->text);
    }
  lancer_store_run_async (store, FALSE, NULL, list_worker, data, (GDestroyNotify) list_data_free,
                          (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
lancer_store_list_proposals_finish (LancerStore   *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

/* ---- counts ---- */

static gpointer
count_worker (LancerStore   *store,
              sqlite3       *db,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree guint *counts = g_new0 (guint, LANCER_PROPOSAL_N_STAGES);
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db, "SELECT status, COUNT(*) FROM proposals GROUP BY status", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LancerProposalStage stage = lancer_proposal_stage_from_status ((const char *) sqlite3_column_text (stmt, 0));

      counts[stage] += (guint) sqlite3_column_int (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    {
      lancer_store_propagate_sqlite_error (error, db, rc);
      return NULL;
    }
  return g_steal_pointer (&counts);
}

void
lancer_store_count_proposal_stages_async (LancerStore         *store,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));

  lancer_store_run_async (store, FALSE, NULL, count_worker, NULL, NULL, g_free,
                          cancellable, callback, user_data);
}

guint *
lancer_store_count_proposal_stages_finish (LancerStore   *store,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

/* ---- detail ---- */

static gpointer
event_from_row (LancerStore   *store,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  LancerProposalEvent *event = g_new0 (LancerProposalEvent, 1);

  event->status = _lancer_store_dup_column (stmt, 0);
  event->at = sqlite3_column_int64 (stmt, 1);
  event->source = _lancer_store_dup_column (stmt, 2);
  return event;
}

static gpointer
detail_worker (LancerStore   *store,
               sqlite3       *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  gint64 id = *(gint64 *) data;
  g_autoptr(LancerProposalDetail) detail = g_new0 (LancerProposalDetail, 1);
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare (db, PROPOSAL_COLUMNS " WHERE p.id = ?1", error);
  g_autoptr(sqlite3_stmt) events = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  switch (_lancer_store_step_row (db, stmt, error))
    {
    case 0:
      g_set_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_NOT_FOUND,
                   _("This proposal is no longer stored"));
      return NULL;
    case -1:
      return NULL;
    default:
      break;
    }
  detail->proposal = proposal_from_row (stmt);
  detail->cover_letter = lancer_store_column_unseal (store, stmt, 15, "proposals.cover_letter", error);
  if (error != NULL && *error != NULL)
    return NULL;
  detail->draft = lancer_store_column_unseal (store, stmt, 16, "proposals.draft", error);
  if (error != NULL && *error != NULL)
    return NULL;

  events = _lancer_store_prepare (db, "SELECT status, at, source FROM proposal_events WHERE proposal_id = ?1"
                                      " ORDER BY at, id", error);
  if (events == NULL)
    return NULL;
  sqlite3_bind_int64 (events, 1, id);
  detail->events = _lancer_store_collect_rows (store, db, events, event_from_row, (GDestroyNotify) event_free, error);
  if (detail->events == NULL)
    return NULL;
  return g_steal_pointer (&detail);
}

void
lancer_store_get_proposal_detail_async (LancerStore         *store,
                                        gint64               proposal_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));

  lancer_store_run_async (store, FALSE, NULL, detail_worker, g_memdup2 (&proposal_id, sizeof proposal_id), g_free,
                          (GDestroyNotify) lancer_proposal_detail_free, cancellable, callback, user_data);
}

LancerProposalDetail *
lancer_store_get_proposal_detail_finish (LancerStore   *store,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

/* ---- events ---- */

typedef struct
{
  gint64  id;
  gint64  at;
  char   *status;
} EventData;

static void
event_data_free (EventData *data)
{
  g_free (data->status);
  g_free (data);
}

static gpointer
add_event_worker (LancerStore   *store,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  /* The event, then the proposal's own status: both from the same values. */
  static const char * const sql[] = {
    "INSERT INTO proposal_events (proposal_id, status, at, source) VALUES (?1, ?2, ?3, 'user')",
    "UPDATE proposals SET status = ?2, updated_at = MAX (updated_at, ?3) WHERE id = ?1",
  };
  EventData *d = data;

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare (db, sql[i], error);

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, d->id);
      sqlite3_bind_text (stmt, 2, d->status, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, d->at);
      if (!_lancer_store_step_done (db, stmt, error))
        return NULL;
    }
  return NULL;
}

void
lancer_store_add_proposal_event_async (LancerStore         *store,
                                       gint64               proposal_id,
                                       const char          *status,
                                       gint64               at,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  EventData *data = g_new0 (EventData, 1);

  g_return_if_fail (LANCER_IS_STORE (store));
  g_return_if_fail (status != NULL);

  data->id = proposal_id;
  data->status = g_strdup (status);
  data->at = at > 0 ? at : _lancer_store_now_s ();
  lancer_store_run_async (store, TRUE, "proposals", add_event_worker, data, (GDestroyNotify) event_data_free,
                          NULL, cancellable, callback, user_data);
}

gboolean
lancer_store_add_proposal_event_finish (LancerStore   *store,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return _lancer_store_run_finish_boolean (store, result, error);
}

/* ---- sync status ---- */

static gpointer
sync_status_worker (LancerStore   *store,
                    sqlite3       *db,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  char **resources = data;
  g_autoptr(LancerSyncStatus) status = g_new0 (LancerSyncStatus, 1);
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db, "SELECT last_success_at, last_attempt_at, last_error FROM sync_state"
                               " WHERE resource = ?1", error);

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; resources != NULL && resources[i] != NULL; i++)
    {
      int found;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, resources[i], -1, SQLITE_STATIC);
      found = _lancer_store_step_row (db, stmt, error);
      if (found < 0)
        return NULL;
      if (found)
        {
          gint64 success = sqlite3_column_int64 (stmt, 0);
          gint64 attempt = sqlite3_column_int64 (stmt, 1);
          const char *message = (const char *) sqlite3_column_text (stmt, 2);

          if (i == 0 || success < status->last_success_at)
            status->last_success_at = success;
          status->last_attempt_at = MAX (status->last_attempt_at, attempt);
          if (status->last_error == NULL && message != NULL && *message != '\0' && attempt >= success)
            status->last_error = g_strdup (message);
        }
      else
        status->last_success_at = 0;
    }
  return g_steal_pointer (&status);
}

void
lancer_store_get_sync_status_async (LancerStore         *store,
                                    const char * const  *resources,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));

  lancer_store_run_async (store, FALSE, NULL, sync_status_worker, g_strdupv ((char **) resources),
                          (GDestroyNotify) g_strfreev, (GDestroyNotify) lancer_sync_status_free,
                          cancellable, callback, user_data);
}

LancerSyncStatus *
lancer_store_get_sync_status_finish (LancerStore   *store,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}
