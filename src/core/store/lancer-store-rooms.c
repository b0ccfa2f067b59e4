/* lancer-store-rooms.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store"

#include "config.h"

#include "lancer-store-private.h"
#include "lancer-store-rooms.h"

static gboolean
write_rooms (LancerStore  *store,
             sqlite3      *db,
             GPtrArray    *items,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare (db,
    "INSERT INTO rooms (id, topic, contract_id, last_activity_at, unread) VALUES (?1, ?2, ?3, ?4, ?5)"
    " ON CONFLICT (id) DO UPDATE SET topic = excluded.topic, contract_id = excluded.contract_id,"
    "  last_activity_at = COALESCE (excluded.last_activity_at, last_activity_at), unread = excluded.unread",
    error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      LancerUpworkRoom *r = g_ptr_array_index (items, i);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, r->id, -1, SQLITE_TRANSIENT);
      _lancer_store_bind_text_or_null (stmt, 2, r->name != NULL ? r->name : r->topic);
      _lancer_store_bind_text_or_null (stmt, 3, r->contract_id);
      _lancer_store_bind_time_or_null (stmt, 4, r->last_activity_at);
      sqlite3_bind_int (stmt, 5, (int) r->unread);
      if (!_lancer_store_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

void
lancer_store_write_rooms_async (LancerStore         *store,
                                GPtrArray           *items,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  _lancer_store_write_rows_async (store, "rooms", write_rooms, items, cancellable, callback, user_data);
}

static const char room_sql[] = "INSERT OR IGNORE INTO rooms (id) VALUES (?1)";
static const char story_sql[] =
  "INSERT INTO stories (id, room_id, sender, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5)"
  " ON CONFLICT (id) DO UPDATE SET sender = excluded.sender, body = excluded.body";

static gboolean
upsert_story (LancerStore        *store,
              sqlite3            *db,
              sqlite3_stmt       *room,
              sqlite3_stmt       *stmt,
              LancerUpworkStory  *story,
              GError            **error)
{
  sqlite3_reset (room);
  sqlite3_bind_text (room, 1, story->room_id, -1, SQLITE_TRANSIENT);
  if (!_lancer_store_step_done (db, room, error))
    return FALSE;
  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, story->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, story->room_id, -1, SQLITE_TRANSIENT);
  _lancer_store_bind_text_or_null (stmt, 3, story->sender);
  if (!lancer_store_bind_sealed (store, stmt, 4, story->message, "stories.body", error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 5, story->created_at > 0 ? story->created_at : _lancer_store_now_s ());
  return _lancer_store_step_done (db, stmt, error);
}

static gboolean
write_stories (LancerStore  *store,
               sqlite3      *db,
               GPtrArray    *items,
               GError      **error)
{
  g_autoptr(sqlite3_stmt) room = _lancer_store_prepare (db, room_sql, error);
  g_autoptr(sqlite3_stmt) stmt = room != NULL ? _lancer_store_prepare (db, story_sql, error) : NULL;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      LancerUpworkStory *s = g_ptr_array_index (items, i);

      if (s->room_id != NULL && !upsert_story (store, db, room, stmt, s, error))
        return FALSE;
    }
  return TRUE;
}

/* One story is a batch of one. */
gboolean
_lancer_store_upsert_story (LancerStore        *store,
                            sqlite3            *db,
                            LancerUpworkStory  *story,
                            GError            **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_ptr_array_add (one, story);
  return write_stories (store, db, one, error);
}

void
lancer_store_write_stories_async (LancerStore         *store,
                                  GPtrArray           *items,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  _lancer_store_write_rows_async (store, "stories", write_stories, items, cancellable, callback, user_data);
}

static gpointer
known_worker (LancerStore   *store,
              sqlite3       *db,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  char **ids = data;
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    if (!_lancer_store_collect_set (db, "SELECT id FROM stories WHERE id = ?1", ids[i], known, error))
      return NULL;
  return g_steal_pointer (&known);
}

void
lancer_store_stories_known_async (LancerStore         *store,
                                  const char * const  *story_ids,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  lancer_store_run_async (store, FALSE, NULL, known_worker, g_strdupv ((char **) story_ids),
                          (GDestroyNotify) g_strfreev, (GDestroyNotify) g_hash_table_unref,
                          cancellable, callback, user_data);
}

GHashTable *
lancer_store_stories_known_finish (LancerStore   *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

static gboolean
add_story_json (LancerStore   *store,
                sqlite3_stmt  *stmt,
                gpointer       user_data,
                GError       **error)
{
  JsonBuilder *b = user_data;
  g_autoptr(GError) local = NULL;
  /* a body that cannot be unsealed (no key) is listed as null */
  g_autofree char *body = lancer_store_column_unseal (store, stmt, 3, "stories.body", &local);

  json_builder_begin_object (b);
  _lancer_store_json_add_text (b, "id", (const char *) sqlite3_column_text (stmt, 0));
  _lancer_store_json_add_text (b, "room_id", (const char *) sqlite3_column_text (stmt, 1));
  _lancer_store_json_add_text (b, "sender", (const char *) sqlite3_column_text (stmt, 2));
  _lancer_store_json_add_text (b, "message", body);
  json_builder_set_member_name (b, "created_at");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 4));
  _lancer_store_json_add_text (b, "topic", (const char *) sqlite3_column_text (stmt, 5));
  json_builder_end_object (b);
  return TRUE;
}

static const LancerStoreJsonListing stories_listing = {
  "SELECT s.id, s.room_id, s.sender, s.body, s.created_at, r.topic FROM stories s"
  " LEFT JOIN rooms r ON r.id = s.room_id WHERE (?1 = '' OR s.room_id = ?1)"
  " ORDER BY s.room_id, s.created_at",
  add_story_json,
};

void
lancer_store_stories_json_async (LancerStore         *store,
                                 const char          *room_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  _lancer_store_json_rows_async (store, &stories_listing, room_id != NULL ? room_id : "",
                                 cancellable, callback, user_data);
}

JsonNode *
lancer_store_stories_json_finish (LancerStore   *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}
