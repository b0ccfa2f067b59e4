/* lancer-store-sync-state.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store"

#include "config.h"

#include "lancer-store-private.h"
#include "lancer-store-sync-state.h"

static gpointer
get_worker (LancerStore   *store,
            sqlite3       *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare (db, "SELECT cursor FROM sync_state WHERE resource = ?1",
                                                        error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, data, -1, SQLITE_STATIC);
  return _lancer_store_step_row (db, stmt, error) == 1 ? _lancer_store_dup_column (stmt, 0) : NULL;
}

void
lancer_store_sync_state_get_async (LancerStore         *store,
                                   const char          *resource,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  lancer_store_run_async (store, FALSE, NULL, get_worker, g_strdup (resource), g_free, g_free,
                          cancellable, callback, user_data);
}

char *
lancer_store_sync_state_get_finish (LancerStore   *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

typedef struct
{
  char *resource;
  char *cursor;
  char *error_message;
} Attempt;

static void
attempt_free (Attempt *attempt)
{
  g_free (attempt->resource);
  g_free (attempt->cursor);
  g_free (attempt->error_message);
  g_free (attempt);
}

static gpointer
set_worker (LancerStore   *store,
            sqlite3       *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Attempt *attempt = data;
  gint64 now = _lancer_store_now_s ();
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare (db,
    "INSERT INTO sync_state (resource, cursor, last_success_at, last_attempt_at, last_error)"
    " VALUES (?1, ?2, ?3, ?4, ?5)"
    " ON CONFLICT (resource) DO UPDATE SET cursor = COALESCE (excluded.cursor, cursor),"
    "  last_success_at = COALESCE (excluded.last_success_at, last_success_at),"
    "  last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, attempt->resource, -1, SQLITE_STATIC);
  _lancer_store_bind_text_or_null (stmt, 2, attempt->cursor);
  /* a failed attempt keeps the time of the last good one */
  _lancer_store_bind_time_or_null (stmt, 3, attempt->error_message == NULL ? now : 0);
  sqlite3_bind_int64 (stmt, 4, now);
  _lancer_store_bind_text_or_null (stmt, 5, attempt->error_message);
  _lancer_store_step_done (db, stmt, error);
  return NULL;
}

void
lancer_store_sync_state_set_async (LancerStore         *store,
                                   const char          *resource,
                                   const char          *cursor,
                                   const char          *error_message,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Attempt *attempt = g_new0 (Attempt, 1);

  attempt->resource = g_strdup (resource);
  attempt->cursor = cursor != NULL && *cursor != '\0' ? g_strdup (cursor) : NULL;
  attempt->error_message = error_message != NULL && *error_message != '\0' ? g_strdup (error_message) : NULL;
  lancer_store_run_async (store, TRUE, "sync_state", set_worker, attempt, (GDestroyNotify) attempt_free, NULL,
                          cancellable, callback, user_data);
}

gboolean
lancer_store_sync_state_set_finish (LancerStore   *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _lancer_store_run_finish_boolean (store, result, error);
}

static gboolean
add_time (LancerStore   *store,
          sqlite3_stmt  *stmt,
          gpointer       user_data,
          GError       **error)
{
  gint64 at = sqlite3_column_int64 (stmt, 1);

  if (sqlite3_column_text (stmt, 0) != NULL)
    g_hash_table_insert (user_data, _lancer_store_dup_column (stmt, 0), g_memdup2 (&at, sizeof at));
  return TRUE;
}

static gpointer
times_worker (LancerStore   *store,
              sqlite3       *db,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GHashTable) times = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare (db,
    "SELECT resource, last_success_at FROM sync_state WHERE last_success_at IS NOT NULL", error);

  if (stmt == NULL || !_lancer_store_each_row (store, db, stmt, add_time, times, error))
    return NULL;
  return g_steal_pointer (&times);
}

void
lancer_store_sync_state_times_async (LancerStore         *store,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  lancer_store_run_async (store, FALSE, NULL, times_worker, NULL, NULL, (GDestroyNotify) g_hash_table_unref,
                          cancellable, callback, user_data);
}

GHashTable *
lancer_store_sync_state_times_finish (LancerStore   *store,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}
