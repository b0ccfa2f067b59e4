/* lancer-store-messages.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store-messages"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lancer-store-messages.h"
#include "lancer-store-outbox.h"
#include "lancer-store-private.h"

/* ---- rooms ---- */

static gpointer
rooms_worker (LancerStore   *store,
              sqlite3       *db,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) last = NULL;
  g_autoptr(sqlite3_stmt) senders = NULL;
  int rc;

  stmt = _lancer_store_prepare (db,
                                "SELECT r.id, r.topic, r.contract_id, r.proposal_id, r.unread,"
                                " MAX (COALESCE (r.last_activity_at, 0),"
                                "      COALESCE ((SELECT MAX (created_at) FROM stories s WHERE s.room_id = r.id), 0)),"
                                " (SELECT COUNT(*) FROM outbox o WHERE o.room_id = r.id AND o.state IN ('pending', 'sending')),"
                                " (SELECT COUNT(*) FROM outbox o WHERE o.room_id = r.id AND o.state IN ('failed', 'rejected')),"
                                " (SELECT client_name FROM contracts c WHERE c.id = r.contract_id)"
                                " FROM rooms r ORDER BY 6 DESC, r.id",
                                error);
  if (stmt != NULL)
    last = _lancer_store_prepare (db,
                                  "SELECT sender, body FROM stories WHERE room_id = ?1"
                                  " ORDER BY created_at DESC, id DESC LIMIT 1",
                                  error);
  if (last != NULL)
    senders = _lancer_store_prepare (db,
                                     "SELECT sender FROM stories WHERE room_id = ?1 AND sender IS NOT NULL"
                                     " GROUP BY sender ORDER BY MAX (created_at) DESC",
                                     error);
  if (senders == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LancerRoom) room = NULL;
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
      g_auto(GStrv) sender_names = NULL;
      g_autofree char *last_sender = NULL;
      g_autofree char *last_body = NULL;
      gboolean has_last_story = FALSE;
      const char *id = (const char *) sqlite3_column_text (stmt, 0);

      sqlite3_reset (last);
      sqlite3_bind_text (last, 1, id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (last) == SQLITE_ROW)
        {
          GError *local = NULL;

          has_last_story = TRUE;
          last_sender = _lancer_store_dup_column (last, 0);
          last_body = lancer_store_column_unseal (store, last, 1, "stories.body", &local);
          if (local != NULL)
            {
              g_propagate_error (error, local);
              return NULL;
            }
        }
      sqlite3_reset (senders);
      sqlite3_bind_text (senders, 1, id, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (senders) == SQLITE_ROW)
        g_strv_builder_add (names, (const char *) sqlite3_column_text (senders, 0));
      sender_names = g_strv_builder_end (names);

      room = g_object_new (LANCER_TYPE_ROOM,
                           "id", id,
                           "topic", (const char *) sqlite3_column_text (stmt, 1),
                           "contract-id", (const char *) sqlite3_column_text (stmt, 2),
                           "proposal-id", sqlite3_column_int64 (stmt, 3),
                           "unread", (guint) MAX (sqlite3_column_int (stmt, 4), 0),
                           "last-activity-at", sqlite3_column_int64 (stmt, 5),
                           "n-outbox-waiting", (guint) sqlite3_column_int (stmt, 6),
                           "n-outbox-failed", (guint) sqlite3_column_int (stmt, 7),
                           "contract-client", (const char *) sqlite3_column_text (stmt, 8),
                           "has-last-story", has_last_story,
                           "last-sender", last_sender,
                           "last-body", last_body,
                           "senders", sender_names,
                           NULL);
      g_ptr_array_add (out, g_steal_pointer (&room));
    }
  if (rc != SQLITE_DONE)
    {
      lancer_store_propagate_sqlite_error (error, db, rc);
      return NULL;
    }
  return g_steal_pointer (&out);
}

void
lancer_store_list_rooms_async (LancerStore         *store,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));

  lancer_store_run_async (store, FALSE, NULL, rooms_worker, NULL, NULL,
                          (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
lancer_store_list_rooms_finish (LancerStore   *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

static gpointer
mark_read_worker (LancerStore   *store,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare_text (db, "UPDATE rooms SET unread = 0 WHERE id = ?1", data, error);

  if (stmt == NULL)
    return NULL;
  _lancer_store_step_done (db, stmt, error);
  return NULL;
}

void
lancer_store_mark_room_read_async (LancerStore         *store,
                                   const char          *room_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));
  g_return_if_fail (room_id != NULL);

  lancer_store_run_async (store, TRUE, "rooms", mark_read_worker, g_strdup (room_id), g_free, NULL,
                          cancellable, callback, user_data);
}

gboolean
lancer_store_mark_room_read_finish (LancerStore   *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _lancer_store_run_finish_boolean (store, result, error);
}

/* ---- stories ---- */

typedef struct
{
  char  *room_id;
  guint  offset;
  guint  limit;
} StoryQuery;

static void
story_query_free (StoryQuery *query)
{
  g_free (query->room_id);
  g_free (query);
}

static gpointer
story_from_row (LancerStore   *store,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *body = lancer_store_column_unseal (store, stmt, 3, "stories.body", &local);

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_object_new (LANCER_TYPE_STORY,
                       "loaded", TRUE,
                       "id", (const char *) sqlite3_column_text (stmt, 0),
                       "room-id", (const char *) sqlite3_column_text (stmt, 1),
                       "sender", (const char *) sqlite3_column_text (stmt, 2),
                       "body", body,
                       "created-at", sqlite3_column_int64 (stmt, 4),
                       NULL);
}

static gpointer
query_stories_worker (LancerStore   *store,
                      sqlite3       *db,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  StoryQuery *q = data;
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db,
                           "SELECT id, room_id, sender, body, created_at FROM stories WHERE room_id = ?1"
                           " ORDER BY created_at, id LIMIT ?2 OFFSET ?3",
                           error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, q->room_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, q->limit);
  sqlite3_bind_int64 (stmt, 3, q->offset);
  return _lancer_store_collect_rows (store, db, stmt, story_from_row, g_object_unref, error);
}

void
lancer_store_query_stories_async (LancerStore         *store,
                                  const char          *room_id,
                                  guint                offset,
                                  guint                limit,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  StoryQuery *q;

  g_return_if_fail (LANCER_IS_STORE (store));

  q = g_new0 (StoryQuery, 1);
  q->room_id = g_strdup (room_id);
  q->offset = offset;
  q->limit = limit;
  lancer_store_run_async (store, FALSE, NULL, query_stories_worker, q, (GDestroyNotify) story_query_free,
                          (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
lancer_store_query_stories_finish (LancerStore   *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

/* ---- outbox ---- */

void
lancer_store_outbox_enqueue_async (LancerStore         *store,
                                   const char          *room_id,
                                   const char          *body,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));
  g_return_if_fail (room_id != NULL && body != NULL);

  /* The one outbox writer; the state starts as 'pending'. */
  lancer_outbox_add_async (store, room_id, body, cancellable, callback, user_data);
}

gint64
lancer_store_outbox_enqueue_finish (LancerStore   *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return lancer_outbox_add_finish (store, result, error);
}

static gpointer
outbox_story_from_row (LancerStore   *store,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  g_autoptr(GError) local = NULL;
  gint64 outbox_id = sqlite3_column_int64 (stmt, 0);
  g_autofree char *id = g_strdup_printf ("outbox-%" G_GINT64_FORMAT, outbox_id);
  g_autofree char *body = lancer_store_column_unseal (store, stmt, 2, "outbox.body", &local);

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_object_new (LANCER_TYPE_STORY,
                       "loaded", TRUE,
                       "outbox-id", outbox_id,
                       "id", id,
                       "room-id", (const char *) sqlite3_column_text (stmt, 1),
                       "body", body,
                       "state", (const char *) sqlite3_column_text (stmt, 3),
                       "attempts", (guint) MAX (sqlite3_column_int (stmt, 4), 0),
                       "last-error", (const char *) sqlite3_column_text (stmt, 5),
                       "created-at", sqlite3_column_int64 (stmt, 6),
                       NULL);
}

static gpointer
outbox_list_worker (LancerStore   *store,
                    sqlite3       *db,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  const char *room_id = data;
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db,
                           "SELECT id, room_id, body, state, attempts, last_error, created_at FROM outbox"
                           " WHERE (?1 IS NULL OR room_id = ?1) AND state IN ('pending', 'sending', 'failed', 'rejected')"
                           " ORDER BY id",
                           error);

  if (stmt == NULL)
    return NULL;
  _lancer_store_bind_text_or_null (stmt, 1, room_id);
  return _lancer_store_collect_rows (store, db, stmt, outbox_story_from_row, g_object_unref, error);
}

void
lancer_store_outbox_list_async (LancerStore         *store,
                                const char          *room_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));

  lancer_store_run_async (store, FALSE, NULL, outbox_list_worker, g_strdup (room_id), g_free,
                          (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
lancer_store_outbox_list_finish (LancerStore   *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

/* ---- a room's message list ---- */

typedef struct
{
  gssize     n_stories;
  GPtrArray *outbox;
} RoomHead;

static void
room_head_free (RoomHead *head)
{
  g_clear_pointer (&head->outbox, g_ptr_array_unref);
  g_free (head);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoomHead, room_head_free)

/* One read for both, so the count and the outbox agree. */
static gpointer
room_head_worker (LancerStore   *store,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare_text (db, "SELECT COUNT(*) FROM stories WHERE room_id = ?1", data, error);
  g_autoptr(RoomHead) head = g_new0 (RoomHead, 1);

  if (stmt == NULL || _lancer_store_step_row (db, stmt, error) < 0)
    return NULL;
  head->n_stories = sqlite3_column_int64 (stmt, 0);
  head->outbox = outbox_list_worker (store, db, data, cancellable, error);
  if (head->outbox == NULL)
    return NULL;
  return g_steal_pointer (&head);
}

void
lancer_store_load_room_async (LancerStore         *store,
                              const char          *room_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));

  lancer_store_run_async (store, FALSE, NULL, room_head_worker, g_strdup (room_id), g_free,
                          (GDestroyNotify) room_head_free, cancellable, callback, user_data);
}

gssize
lancer_store_load_room_finish (LancerStore   *store,
                               GAsyncResult  *result,
                               GPtrArray    **outbox,
                               GError       **error)
{
  g_autoptr(RoomHead) head = lancer_store_run_finish (store, result, error);

  if (head == NULL)
    return -1;
  *outbox = g_steal_pointer (&head->outbox);
  return head->n_stories;
}

/* A retry (no error message) or a failed attempt of one outbox message. */
typedef struct
{
  gint64  id;
  char   *error_message;
} OutboxUpdate;

static void
outbox_update_free (OutboxUpdate *update)
{
  g_free (update->error_message);
  g_free (update);
}

static gpointer
outbox_update_worker (LancerStore   *store,
                      sqlite3       *db,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  OutboxUpdate *u = data;
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db, u->error_message == NULL
                               ? "UPDATE outbox SET state = 'pending', last_error = NULL"
                                 " WHERE id = ?1 AND state IN ('failed', 'rejected')"
                               : "UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?2"
                                 " WHERE id = ?1 AND state != 'sent'", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, u->id);
  if (u->error_message != NULL)
    sqlite3_bind_text (stmt, 2, u->error_message, -1, SQLITE_STATIC);
  if (_lancer_store_step_done (db, stmt, error) && sqlite3_changes (db) == 0)
    g_set_error_literal (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_NOT_FOUND,
                         _("No such message waiting in the outbox"));
  return NULL;
}

/* @error_message NULL: a retry; otherwise a failed attempt. */
static void
outbox_update_async (LancerStore         *store,
                     gint64               outbox_id,
                     const char          *error_message,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  OutboxUpdate *update;

  g_return_if_fail (LANCER_IS_STORE (store));

  update = g_new0 (OutboxUpdate, 1);
  update->id = outbox_id;
  update->error_message = g_strdup (error_message);
  lancer_store_run_async (store, TRUE, "outbox", outbox_update_worker, update, (GDestroyNotify) outbox_update_free,
                          NULL, cancellable, callback, user_data);
}

void
lancer_store_outbox_retry_async (LancerStore         *store,
                                 gint64               outbox_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  outbox_update_async (store, outbox_id, NULL, cancellable, callback, user_data);
}

gboolean
lancer_store_outbox_retry_finish (LancerStore   *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _lancer_store_run_finish_boolean (store, result, error);
}

void
lancer_store_outbox_fail_async (LancerStore         *store,
                                gint64               outbox_id,
                                const char          *error_message,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  outbox_update_async (store, outbox_id, error_message != NULL ? error_message : "",
                       cancellable, callback, user_data);
}

gboolean
lancer_store_outbox_fail_finish (LancerStore   *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _lancer_store_run_finish_boolean (store, result, error);
}
