/* lancer-store-outbox.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store"

#include "config.h"

#include <string.h>

#include "lancer-store-outbox.h"
#include "lancer-store-private.h"
#include "lancer-store-rooms.h"

void
lancer_outbox_item_free (LancerOutboxItem *item)
{
  if (item == NULL)
    return;
  g_free (item->room_id);
  if (item->body != NULL)
    memset (item->body, 0, strlen (item->body));
  g_free (item->body);
  g_free (item->state);
  g_free (item->last_error);
  g_free (item);
}

static gpointer
add_worker (LancerStore   *store,
            sqlite3       *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  LancerOutboxItem *item = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_lancer_store_room_is_known (db, item->room_id, error))
    return NULL;
  stmt = _lancer_store_prepare (db, "INSERT INTO outbox (room_id, body, created_at) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, item->room_id, -1, SQLITE_STATIC);
  if (!lancer_store_bind_sealed (store, stmt, 2, item->body, "outbox.body", error))
    return NULL;
  sqlite3_bind_int64 (stmt, 3, _lancer_store_now_s ());
  if (!_lancer_store_step_done (db, stmt, error))
    return NULL;
  return _lancer_store_int64_result (sqlite3_last_insert_rowid (db));
}

void
lancer_outbox_add_async (LancerStore         *store,
                         const char          *room_id,
                         const char          *body,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  LancerOutboxItem *item = g_new0 (LancerOutboxItem, 1);

  item->room_id = g_strdup (room_id);
  item->body = g_strdup (body);
  lancer_store_run_async (store, TRUE, "outbox", add_worker, item, (GDestroyNotify) lancer_outbox_item_free, g_free,
                          cancellable, callback, user_data);
}

gint64
lancer_outbox_add_finish (LancerStore   *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  return _lancer_store_run_finish_int64 (store, result, error);
}

static gpointer
outbox_item_from_row (LancerStore   *store,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  LancerOutboxItem *item = g_new0 (LancerOutboxItem, 1);
  GError *local = NULL;

  item->id = sqlite3_column_int64 (stmt, 0);
  item->room_id = _lancer_store_dup_column (stmt, 1);
  item->state = _lancer_store_dup_column (stmt, 3);
  item->attempts = (guint) sqlite3_column_int (stmt, 4);
  item->last_error = _lancer_store_dup_column (stmt, 5);
  item->created_at = sqlite3_column_int64 (stmt, 6);
  item->body = lancer_store_column_unseal (store, stmt, 2, "outbox.body", &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      lancer_outbox_item_free (item);
      return NULL;
    }
  return item;
}

static gpointer
pending_worker (LancerStore   *store,
                sqlite3       *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare (db,
    "SELECT id, room_id, body, state, attempts, last_error, created_at FROM outbox"
    " WHERE state IN ('pending', 'failed', 'sending') ORDER BY id", error);

  if (stmt == NULL)
    return NULL;
  return _lancer_store_collect_rows (store, db, stmt, outbox_item_from_row,
                                     (GDestroyNotify) lancer_outbox_item_free, error);
}

void
lancer_outbox_pending_async (LancerStore         *store,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  lancer_store_run_async (store, FALSE, NULL, pending_worker, NULL, NULL,
                          (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
lancer_outbox_pending_finish (LancerStore   *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

typedef struct
{
  gint64             id;
  char              *state;
  char              *error_message;
  LancerUpworkStory *story;
} Mark;

static void
mark_free (Mark *m)
{
  g_free (m->state);
  g_free (m->error_message);
  lancer_upwork_story_free (m->story);
  g_free (m);
}

static gpointer
mark_worker (LancerStore   *store,
             sqlite3       *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Mark *m = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (g_strcmp0 (m->state, "sent") == 0)
    stmt = _lancer_store_prepare (db, "UPDATE outbox SET state = 'sent', sent_at = ?2, story_id = ?3,"
                                      " last_error = NULL WHERE id = ?1", error);
  else if (g_strcmp0 (m->state, "failed") == 0 || g_strcmp0 (m->state, "rejected") == 0)
    stmt = _lancer_store_prepare (db, "UPDATE outbox SET state = ?5, attempts = attempts + 1, last_error = ?4"
                                      " WHERE id = ?1", error);
  else
    stmt = _lancer_store_prepare (db, "UPDATE outbox SET state = ?5 WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, m->id);
  sqlite3_bind_int64 (stmt, 2, _lancer_store_now_s ());
  _lancer_store_bind_text_or_null (stmt, 3, m->story != NULL ? m->story->id : NULL);
  _lancer_store_bind_text_or_null (stmt, 4, m->error_message);
  _lancer_store_bind_text_or_null (stmt, 5, m->state);
  if (!_lancer_store_step_done (db, stmt, error))
    return NULL;
  /* the confirmed message is a story of its room from now on */
  if (m->story != NULL && m->story->room_id != NULL)
    _lancer_store_upsert_story (store, db, m->story, error);
  return NULL;
}

void
lancer_outbox_mark_async (LancerStore         *store,
                          gint64               id,
                          const char          *state,
                          LancerUpworkStory   *story,
                          const char          *error_message,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Mark *m = g_new0 (Mark, 1);

  m->id = id;
  m->state = g_strdup (state);
  m->error_message = g_strdup (error_message);
  if (story != NULL)
    {
      m->story = g_new0 (LancerUpworkStory, 1);
      m->story->id = g_strdup (story->id);
      m->story->room_id = g_strdup (story->room_id);
      m->story->sender = g_strdup (story->sender);
      m->story->message = g_strdup (story->message);
      m->story->created_at = story->created_at;
    }
  lancer_store_run_async (store, TRUE, "outbox", mark_worker, m, (GDestroyNotify) mark_free, NULL,
                          cancellable, callback, user_data);
}

gboolean
lancer_outbox_mark_finish (LancerStore   *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  return _lancer_store_run_finish_boolean (store, result, error);
}
