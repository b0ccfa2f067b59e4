/* lancer-store-saved-searches.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lancer-store-private.h"
#include "lancer-store-saved-searches.h"

void
lancer_saved_search_free (LancerSavedSearch *search)
{
  if (search == NULL)
    return;
  g_free (search->name);
  g_free (search->query);
  g_free (search->filters);
  g_free (search);
}

static gboolean
add_saved_search (LancerStore   *store,
                  sqlite3_stmt  *stmt,
                  gpointer       user_data,
                  GError       **error)
{
  LancerSavedSearch *s = g_new0 (LancerSavedSearch, 1);

  s->id = sqlite3_column_int64 (stmt, 0);
  s->name = _lancer_store_dup_column (stmt, 1);
  s->query = _lancer_store_dup_column (stmt, 2);
  s->filters = _lancer_store_dup_column (stmt, 3);
  g_ptr_array_add (user_data, s);
  return TRUE;
}

static gpointer
list_worker (LancerStore   *store,
             sqlite3       *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_saved_search_free);
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare (db,
    "SELECT id, name, query, filters FROM saved_searches ORDER BY name", error);

  if (stmt == NULL || !_lancer_store_each_row (store, db, stmt, add_saved_search, out, error))
    return NULL;
  return g_steal_pointer (&out);
}

void
lancer_saved_searches_list_async (LancerStore         *store,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  lancer_store_run_async (store, FALSE, NULL, list_worker, NULL, NULL,
                          (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
lancer_saved_searches_list_finish (LancerStore   *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

static gpointer
add_worker (LancerStore   *store,
            sqlite3       *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  LancerSavedSearch *search = data;
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare (db,
    "INSERT INTO saved_searches (name, query, filters, created_at) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (name) DO UPDATE SET query = excluded.query, filters = excluded.filters", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, search->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, search->query, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, search->filters, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, _lancer_store_now_s ());
  _lancer_store_step_done (db, stmt, error);
  return NULL;
}

void
lancer_saved_searches_add_async (LancerStore         *store,
                                 const char          *name,
                                 const char          *query,
                                 const char          *filters,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  LancerSavedSearch *search = g_new0 (LancerSavedSearch, 1);

  search->name = g_strdup (name);
  search->query = g_strdup (query != NULL ? query : "");
  search->filters = g_strdup (filters != NULL ? filters : "{}");
  lancer_store_run_async (store, TRUE, "saved_searches", add_worker, search,
                          (GDestroyNotify) lancer_saved_search_free, NULL, cancellable, callback, user_data);
}

gboolean
lancer_saved_searches_add_finish (LancerStore   *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _lancer_store_run_finish_boolean (store, result, error);
}

static gpointer
remove_worker (LancerStore   *store,
               sqlite3       *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare (db, "DELETE FROM saved_searches WHERE name = ?1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, data, -1, SQLITE_STATIC);
  if (_lancer_store_step_done (db, stmt, error) && sqlite3_changes (db) == 0)
    g_set_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_NOT_FOUND,
                 _("There is no saved search named “%s”; see lancer-cli searches list"), (const char *) data);
  return NULL;
}

void
lancer_saved_searches_remove_async (LancerStore         *store,
                                    const char          *name,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  lancer_store_run_async (store, TRUE, "saved_searches", remove_worker, g_strdup (name), g_free,
                          NULL, cancellable, callback, user_data);
}

gboolean
lancer_saved_searches_remove_finish (LancerStore   *store,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _lancer_store_run_finish_boolean (store, result, error);
}

typedef struct
{
  gint64  search_id;
  GStrv   ids;
} Matches;

static void
matches_free (Matches *m)
{
  g_strfreev (m->ids);
  g_free (m);
}

static gpointer
matches_worker (LancerStore   *store,
                sqlite3       *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  Matches *m = data;
  gint64 now = _lancer_store_now_s ();
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare (db,
    "INSERT OR IGNORE INTO job_matches (search_id, job_rid, matched_at)"
    " SELECT ?1, rid, ?2 FROM jobs WHERE id = ?3", error);
  g_autoptr(sqlite3_stmt) touch = NULL;

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; m->ids != NULL && m->ids[i] != NULL; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, m->search_id);
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_text (stmt, 3, m->ids[i], -1, SQLITE_STATIC);
      if (!_lancer_store_step_done (db, stmt, error))
        return NULL;
    }
  /* when it last ran is a nicety: the matches are stored either way */
  touch = _lancer_store_prepare (db, "UPDATE saved_searches SET last_run_at = ?1 WHERE id = ?2", NULL);
  if (touch != NULL)
    {
      sqlite3_bind_int64 (touch, 1, now);
      sqlite3_bind_int64 (touch, 2, m->search_id);
      sqlite3_step (touch);
    }
  return NULL;
}

void
lancer_store_write_matches_async (LancerStore         *store,
                                  gint64               search_id,
                                  GStrv                job_ids,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Matches *m = g_new0 (Matches, 1);

  m->search_id = search_id;
  m->ids = g_strdupv (job_ids);
  lancer_store_run_async (store, TRUE, "job_matches", matches_worker, m, (GDestroyNotify) matches_free,
                          NULL, cancellable, callback, user_data);
}

gboolean
lancer_store_write_matches_finish (LancerStore   *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _lancer_store_run_finish_boolean (store, result, error);
}
