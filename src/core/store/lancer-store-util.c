/* lancer-store-util.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lancer-store-private.h"
#include "lancer-store-writes.h"

/* Small statement and task helpers that every file running work on the
 * store's worker thread used to write for itself. */

sqlite3_stmt *
_lancer_store_prepare (sqlite3     *db,
                       const char  *sql,
                       GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      lancer_store_set_sqlite_error (error, db, rc);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

sqlite3_stmt *
_lancer_store_prepare_text (sqlite3     *db,
                            const char  *sql,
                            const char  *text,
                            GError     **error)
{
  sqlite3_stmt *stmt = _lancer_store_prepare (db, sql, error);

  if (stmt != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  return stmt;
}

int
_lancer_store_step_row (sqlite3       *db,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return 1;
  if (rc == SQLITE_DONE)
    return 0;
  lancer_store_set_sqlite_error (error, db, rc);
  return -1;
}

gboolean
_lancer_store_step_done (sqlite3       *db,
                         sqlite3_stmt  *stmt,
                         GError       **error)
{
  /* A write that returns a row (RETURNING) is done as well. */
  return _lancer_store_step_row (db, stmt, error) >= 0;
}

gpointer
_lancer_store_int64_result (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

gint64
_lancer_store_run_finish_int64 (LancerStore   *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_autofree gint64 *value = lancer_store_run_finish (store, result, error);

  return value != NULL ? *value : 0;
}

char *
_lancer_store_dup_column (sqlite3_stmt *stmt,
                          int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

double
_lancer_store_column_double_or (sqlite3_stmt *stmt,
                                int           column,
                                double        fallback)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? fallback : sqlite3_column_double (stmt, column);
}

gint64
_lancer_store_column_int64_or (sqlite3_stmt *stmt,
                               int           column,
                               gint64        fallback)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? fallback : sqlite3_column_int64 (stmt, column);
}

void
_lancer_store_bind_double_or_null (sqlite3_stmt *stmt,
                                   int           index,
                                   double        value)
{
  if (isnan (value))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

gboolean
_lancer_store_run_finish_boolean (LancerStore   *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  GError *local = NULL;

  /* Workers of write-only operations return NULL, so only the error
   * tells success from failure. */
  lancer_store_run_finish (store, result, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

gint64
_lancer_store_variant_id (sqlite3     *db,
                          const char  *name,
                          gint64       now,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) select =
    _lancer_store_prepare_text (db, "SELECT id FROM proposal_variants WHERE name = ? AND retired_at IS NULL"
                                    " ORDER BY id LIMIT 1", name, error);
  g_autoptr(sqlite3_stmt) insert = NULL;

  if (select == NULL)
    return -1;
  switch (_lancer_store_step_row (db, select, error))
    {
    case 1:
      return sqlite3_column_int64 (select, 0);
    case -1:
      return -1;
    default:
      break;
    }

  insert = _lancer_store_prepare (db, "INSERT INTO proposal_variants (name, created_at) VALUES (?, ?)", error);
  if (insert == NULL)
    return -1;
  sqlite3_bind_text (insert, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 2, now);
  if (!_lancer_store_step_done (db, insert, error))
    return -1;
  return sqlite3_last_insert_rowid (db);
}

gboolean
_lancer_store_mark_acted_on (sqlite3     *db,
                             const char  *job_id,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare_text (db, "UPDATE jobs SET acted_on = 1 WHERE id = ?1", job_id, error);

  if (stmt == NULL)
    return FALSE;
  return _lancer_store_step_done (db, stmt, error);
}

/* An outbox message needs a conversation Lancer knows: a typo in a room id
 * would otherwise wait in the outbox and fail on every sync. */
gboolean
_lancer_store_room_is_known (sqlite3     *db,
                             const char  *room_id,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare_text (db, "SELECT 1 FROM rooms WHERE id = ?1", room_id, error);
  int known;

  if (stmt == NULL)
    return FALSE;
  known = _lancer_store_step_row (db, stmt, error);
  if (known < 0)
    return FALSE;
  if (!known)
    g_set_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_NOT_FOUND,
                 _("No conversation “%s” is stored. Sync messages first, or check the id "
                   "(lancer-cli messages lists them)."), room_id);
  return known;
}

void
_lancer_store_bind_text_or_null (sqlite3_stmt *stmt,
                                 int           index,
                                 const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

void
_lancer_store_bind_time_or_null (sqlite3_stmt *stmt,
                                 int           index,
                                 gint64        value)
{
  if (value <= 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

gint64
_lancer_store_now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
_lancer_store_collect_set (sqlite3     *db,
                           const char  *sql,
                           const char  *arg,
                           GHashTable  *into,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare_text (db, sql, arg, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);

      if (key != NULL)
        g_hash_table_add (into, g_strdup (key));
    }
  if (rc != SQLITE_DONE)
    {
      lancer_store_set_sqlite_error (error, db, rc);
      return FALSE;
    }
  return TRUE;
}

/* ---- batches of rows: one transaction a call ---- */

typedef struct
{
  LancerStoreRowsFunc  func;
  GPtrArray           *items;
} Rows;

static void
rows_free (Rows *rows)
{
  g_ptr_array_unref (rows->items);
  g_free (rows);
}

static gpointer
rows_worker (LancerStore   *store,
             sqlite3       *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Rows *rows = data;

  if (!rows->func (store, db, rows->items, error))
    return NULL;
  return g_memdup2 (&(gssize) { rows->items->len }, sizeof (gssize));
}

void
_lancer_store_write_rows_async (LancerStore         *store,
                                const char          *table,
                                LancerStoreRowsFunc  func,
                                GPtrArray           *items,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Rows *rows = g_new0 (Rows, 1);

  rows->func = func;
  rows->items = g_ptr_array_ref (items);
  lancer_store_run_async (store, TRUE, table, rows_worker, rows, (GDestroyNotify) rows_free, g_free,
                          cancellable, callback, user_data);
}

gssize
lancer_store_write_finish (LancerStore   *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  GError *local = NULL;
  g_autofree gssize *n = lancer_store_run_finish (store, result, &local);

  if (local != NULL)
    {
      g_propagate_error (error, local);
      return -1;
    }
  return n != NULL ? *n : 0;
}

void
_lancer_store_json_add_text (JsonBuilder *builder,
                             const char  *name,
                             const char  *text)
{
  json_builder_set_member_name (builder, name);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

gboolean
_lancer_store_each_row (LancerStore         *store,
                        sqlite3             *db,
                        sqlite3_stmt        *stmt,
                        LancerStoreRowFunc   row,
                        gpointer             user_data,
                        GError             **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!row (store, stmt, user_data, error))
      return FALSE;
  if (rc != SQLITE_DONE)
    {
      lancer_store_set_sqlite_error (error, db, rc);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
_lancer_store_collect_rows (LancerStore            *store,
                            sqlite3                *db,
                            sqlite3_stmt           *stmt,
                            LancerStoreRowNewFunc   row_new,
                            GDestroyNotify          item_free,
                            GError                **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (item_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer item = row_new (store, stmt, error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }
  if (rc != SQLITE_DONE)
    {
      lancer_store_set_sqlite_error (error, db, rc);
      return NULL;
    }
  return g_steal_pointer (&items);
}

typedef struct
{
  const LancerStoreJsonListing *listing;
  char                         *arg;
} JsonRows;

static void
json_rows_free (JsonRows *rows)
{
  g_free (rows->arg);
  g_free (rows);
}

static gpointer
json_rows_worker (LancerStore   *store,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  JsonRows *rows = data;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare_text (db, rows->listing->sql, rows->arg, error);

  if (stmt == NULL)
    return NULL;
  json_builder_begin_array (builder);
  if (!_lancer_store_each_row (store, db, stmt, rows->listing->row, builder, error))
    return NULL;
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

void
_lancer_store_json_rows_async (LancerStore                  *store,
                               const LancerStoreJsonListing *listing,
                               const char                   *arg,
                               GCancellable                 *cancellable,
                               GAsyncReadyCallback           callback,
                               gpointer                      user_data)
{
  JsonRows *rows = g_new0 (JsonRows, 1);

  rows->listing = listing;
  rows->arg = g_strdup (arg);
  lancer_store_run_async (store, FALSE, NULL, json_rows_worker, rows, (GDestroyNotify) json_rows_free,
                          (GDestroyNotify) json_node_unref, cancellable, callback, user_data);
}
