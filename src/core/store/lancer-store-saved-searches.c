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
