/* lancer-store-contracts.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store"

#include "config.h"

#include "lancer-store-contracts.h"
#include "lancer-store-private.h"
#include "lancer-upwork-parse.h"

static gboolean
write_contracts (LancerStore  *store,
                 sqlite3      *db,
                 GPtrArray    *items,
                 GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare (db,
    "INSERT INTO contracts (id, title, kind, hourly_rate, fixed_amount, status, started_at, ended_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    " ON CONFLICT (id) DO UPDATE SET title = excluded.title, kind = excluded.kind,"
    "  hourly_rate = excluded.hourly_rate, fixed_amount = excluded.fixed_amount, status = excluded.status,"
    "  started_at = excluded.started_at, ended_at = excluded.ended_at, updated_at = excluded.updated_at",
    error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      LancerUpworkContract *c = g_ptr_array_index (items, i);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, c->id, -1, SQLITE_TRANSIENT);
      _lancer_store_bind_text_or_null (stmt, 2, c->title);
      sqlite3_bind_int (stmt, 3, c->hourly ? 1 : 0);
      _lancer_store_bind_double_or_null (stmt, 4, c->hourly_rate);
      _lancer_store_bind_double_or_null (stmt, 5, c->fixed_amount);
      _lancer_store_bind_text_or_null (stmt, 6, c->status);
      _lancer_store_bind_time_or_null (stmt, 7, c->started_at);
      _lancer_store_bind_time_or_null (stmt, 8, c->ended_at);
      sqlite3_bind_int64 (stmt, 9, _lancer_store_now_s ());
      if (!_lancer_store_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

void
lancer_store_write_contracts_async (LancerStore         *store,
                                    GPtrArray           *items,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  _lancer_store_write_rows_async (store, "contracts", write_contracts, items, cancellable, callback, user_data);
}

static gboolean
write_diary (LancerStore  *store,
             sqlite3      *db,
             GPtrArray    *items,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare (db,
    "INSERT INTO diary_days (contract_id, day, minutes, memo, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)"
    " ON CONFLICT (contract_id, day) DO UPDATE SET minutes = excluded.minutes, memo = excluded.memo,"
    "  updated_at = excluded.updated_at", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      LancerUpworkDiaryDay *d = g_ptr_array_index (items, i);

      if (d->contract_id == NULL || d->day == NULL)
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, d->contract_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, d->day, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, (int) d->minutes);
      if (!lancer_store_bind_sealed (store, stmt, 4, d->memo, "diary_days.memo", error))
        return FALSE;
      sqlite3_bind_int64 (stmt, 5, _lancer_store_now_s ());
      if (!_lancer_store_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

void
lancer_store_write_diary_async (LancerStore         *store,
                                GPtrArray           *items,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  _lancer_store_write_rows_async (store, "diary_days", write_diary, items, cancellable, callback, user_data);
}

static gpointer
days_known_worker (LancerStore   *store,
                   sqlite3       *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!_lancer_store_collect_set (db, "SELECT day FROM diary_days WHERE contract_id = ?1", data, known, error))
    return NULL;
  return g_steal_pointer (&known);
}

void
lancer_store_diary_days_known_async (LancerStore         *store,
                                     const char          *contract_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  lancer_store_run_async (store, FALSE, NULL, days_known_worker, g_strdup (contract_id), g_free,
                          (GDestroyNotify) g_hash_table_unref, cancellable, callback, user_data);
}

GHashTable *
lancer_store_diary_days_known_finish (LancerStore   *store,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}
