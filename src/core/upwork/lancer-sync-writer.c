/* lancer-sync-writer.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-upwork"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lancer-store-private.h"
#include "lancer-sync-writer.h"
#include "lancer-upwork-enums.h"

/* Worker functions for lancer_store_run_async(): each runs on the store's
 * thread, inside one transaction when it writes. */

#define CHECK(expr) G_STMT_START { rc = (expr); if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) goto failed; } G_STMT_END

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_time_or_null (sqlite3_stmt *stmt,
                   int           index,
                   gint64        value)
{
  if (value <= 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

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

static gssize *
new_count (gssize n)
{
  gssize *p = g_new (gssize, 1);

  *p = n;
  return p;
}

/* ---- batches ---- */

typedef struct
{
  LancerSyncWriteKind  kind;
  GPtrArray           *items;
} Batch;

static void
batch_free (Batch *batch)
{
  g_ptr_array_unref (batch->items);
  g_free (batch);
}

static const char proposal_sql[] =
  "INSERT INTO proposals (upwork_id, job_id, status, bid_amount, created_at, updated_at, submitted_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5)"
  " ON CONFLICT (upwork_id) DO UPDATE SET status = excluded.status, bid_amount = excluded.bid_amount,"
  "  updated_at = excluded.updated_at, job_id = CASE WHEN excluded.job_id = '' THEN job_id ELSE excluded.job_id END"
  " RETURNING id";

static gboolean
write_proposals (LancerStore *store, sqlite3 *db, GPtrArray *items, GError **error)
{
  sqlite3_stmt *stmt = NULL, *event = NULL, *last_stmt = NULL;
  int rc;
  gint64 now = now_s ();

  CHECK (sqlite3_prepare_v2 (db, proposal_sql, -1, &stmt, NULL));
  CHECK (sqlite3_prepare_v2 (db, "SELECT status FROM proposal_events WHERE proposal_id = ?1 ORDER BY at DESC, id DESC LIMIT 1",
                             -1, &last_stmt, NULL));
  CHECK (sqlite3_prepare_v2 (db, "INSERT INTO proposal_events (proposal_id, status, at, source) VALUES (?1, ?2, ?3, 'sync')",
                             -1, &event, NULL));
  for (guint i = 0; i < items->len; i++)
    {
      LancerUpworkProposal *p = g_ptr_array_index (items, i);
      gint64 id;
      const char *last;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, p->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, p->job_id != NULL ? p->job_id : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, p->status, -1, SQLITE_TRANSIENT);
      _lancer_store_bind_double_or_null (stmt, 4, p->charge_rate);
      sqlite3_bind_int64 (stmt, 5, p->created_at > 0 ? p->created_at : now);
      sqlite3_bind_int64 (stmt, 6, p->modified_at > 0 ? p->modified_at : (p->created_at > 0 ? p->created_at : now));
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        goto failed;
      id = sqlite3_column_int64 (stmt, 0);
      sqlite3_step (stmt);   /* finish the RETURNING statement */
      sqlite3_reset (last_stmt);
      sqlite3_bind_int64 (last_stmt, 1, id);
      last = sqlite3_step (last_stmt) == SQLITE_ROW ? (const char *) sqlite3_column_text (last_stmt, 0) : NULL;
      if (g_strcmp0 (last, p->status) != 0)
        {
          sqlite3_reset (event);
          sqlite3_bind_int64 (event, 1, id);
          sqlite3_bind_text (event, 2, p->status, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (event, 3, p->modified_at > 0 ? p->modified_at : now);
          CHECK (sqlite3_step (event));
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_finalize (event);
  sqlite3_finalize (last_stmt);
  return TRUE;

failed:
  lancer_store_propagate_sqlite_error (error, db, rc);
  sqlite3_finalize (stmt);
  sqlite3_finalize (event);
  sqlite3_finalize (last_stmt);
  return FALSE;
}

static gboolean
write_rooms (LancerStore *store, sqlite3 *db, GPtrArray *items, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  CHECK (sqlite3_prepare_v2 (db,
    "INSERT INTO rooms (id, topic, contract_id, last_activity_at, unread) VALUES (?1, ?2, ?3, ?4, ?5)"
    " ON CONFLICT (id) DO UPDATE SET topic = excluded.topic, contract_id = excluded.contract_id,"
    "  last_activity_at = COALESCE (excluded.last_activity_at, last_activity_at), unread = excluded.unread",
    -1, &stmt, NULL));
  for (guint i = 0; i < items->len; i++)
    {
      LancerUpworkRoom *r = g_ptr_array_index (items, i);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, r->id, -1, SQLITE_TRANSIENT);
      bind_text_or_null (stmt, 2, r->name != NULL ? r->name : r->topic);
      bind_text_or_null (stmt, 3, r->contract_id);
      bind_time_or_null (stmt, 4, r->last_activity_at);
      sqlite3_bind_int (stmt, 5, (int) r->unread);
      CHECK (sqlite3_step (stmt));
    }
  sqlite3_finalize (stmt);
  return TRUE;

failed:
  lancer_store_propagate_sqlite_error (error, db, rc);
  sqlite3_finalize (stmt);
  return FALSE;
}

static gboolean
insert_story (LancerStore *store, sqlite3 *db, sqlite3_stmt *stmt, LancerUpworkStory *s, GError **error)
{
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, s->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, s->room_id, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 3, s->sender);
  if (!lancer_store_bind_sealed (store, stmt, 4, s->message, "stories.body", error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 5, s->created_at > 0 ? s->created_at : now_s ());
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      lancer_store_propagate_sqlite_error (error, db, rc);
      return FALSE;
    }
  return TRUE;
}

static const char story_sql[] =
  "INSERT INTO stories (id, room_id, sender, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5)"
  " ON CONFLICT (id) DO UPDATE SET sender = excluded.sender, body = excluded.body";

static gboolean
ensure_room (sqlite3 *db, const char *room_id)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO rooms (id) VALUES (?1)", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, room_id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

static gboolean
write_stories (LancerStore *store, sqlite3 *db, GPtrArray *items, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  CHECK (sqlite3_prepare_v2 (db, story_sql, -1, &stmt, NULL));
  for (guint i = 0; i < items->len; i++)
    {
      LancerUpworkStory *s = g_ptr_array_index (items, i);

      if (s->room_id == NULL)
        continue;
      ensure_room (db, s->room_id);
      if (!insert_story (store, db, stmt, s, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  return TRUE;

failed:
  lancer_store_propagate_sqlite_error (error, db, rc);
  sqlite3_finalize (stmt);
  return FALSE;
}

static gboolean
write_contracts (LancerStore *store, sqlite3 *db, GPtrArray *items, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  CHECK (sqlite3_prepare_v2 (db,
    "INSERT INTO contracts (id, title, kind, hourly_rate, fixed_amount, status, started_at, ended_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    " ON CONFLICT (id) DO UPDATE SET title = excluded.title, kind = excluded.kind,"
    "  hourly_rate = excluded.hourly_rate, fixed_amount = excluded.fixed_amount, status = excluded.status,"
    "  started_at = excluded.started_at, ended_at = excluded.ended_at, updated_at = excluded.updated_at",
    -1, &stmt, NULL));
  for (guint i = 0; i < items->len; i++)
    {
      LancerUpworkContract *c = g_ptr_array_index (items, i);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, c->id, -1, SQLITE_TRANSIENT);
      bind_text_or_null (stmt, 2, c->title);
      sqlite3_bind_int (stmt, 3, c->hourly ? 1 : 0);
      _lancer_store_bind_double_or_null (stmt, 4, c->hourly_rate);
      _lancer_store_bind_double_or_null (stmt, 5, c->fixed_amount);
      bind_text_or_null (stmt, 6, c->status);
      bind_time_or_null (stmt, 7, c->started_at);
      bind_time_or_null (stmt, 8, c->ended_at);
      sqlite3_bind_int64 (stmt, 9, now_s ());
      CHECK (sqlite3_step (stmt));
    }
  sqlite3_finalize (stmt);
  return TRUE;

failed:
  lancer_store_propagate_sqlite_error (error, db, rc);
  sqlite3_finalize (stmt);
  return FALSE;
}

static gboolean
write_diary (LancerStore *store, sqlite3 *db, GPtrArray *items, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  CHECK (sqlite3_prepare_v2 (db,
    "INSERT INTO diary_days (contract_id, day, minutes, memo, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)"
    " ON CONFLICT (contract_id, day) DO UPDATE SET minutes = excluded.minutes, memo = excluded.memo,"
    "  updated_at = excluded.updated_at", -1, &stmt, NULL));
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
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_bind_int64 (stmt, 5, now_s ());
      CHECK (sqlite3_step (stmt));
    }
  sqlite3_finalize (stmt);
  return TRUE;

failed:
  lancer_store_propagate_sqlite_error (error, db, rc);
  sqlite3_finalize (stmt);
  return FALSE;
}

static gboolean
write_transactions (LancerStore *store, sqlite3 *db, GPtrArray *items, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  CHECK (sqlite3_prepare_v2 (db,
    "INSERT INTO transactions (id, kind, amount, currency, description, occurred_at, subtype)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    " ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, subtype = excluded.subtype, amount = excluded.amount,"
    "  currency = excluded.currency, description = excluded.description, occurred_at = excluded.occurred_at",
    -1, &stmt, NULL));
  for (guint i = 0; i < items->len; i++)
    {
      LancerUpworkTransaction *t = g_ptr_array_index (items, i);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, t->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, t->kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (stmt, 3, t->amount);
      sqlite3_bind_text (stmt, 4, t->currency, -1, SQLITE_TRANSIENT);
      bind_text_or_null (stmt, 5, t->description);
      sqlite3_bind_int64 (stmt, 6, t->occurred_at > 0 ? t->occurred_at : now_s ());
      bind_text_or_null (stmt, 7, t->subtype);
      CHECK (sqlite3_step (stmt));
    }
  sqlite3_finalize (stmt);
  return TRUE;

failed:
  lancer_store_propagate_sqlite_error (error, db, rc);
  sqlite3_finalize (stmt);
  return FALSE;
}

static gpointer
batch_worker (LancerStore   *store,
              sqlite3       *db,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Batch *batch = data;
  gboolean ok = FALSE;

  switch (batch->kind)
    {
    case LANCER_SYNC_WRITE_PROPOSALS:    ok = write_proposals (store, db, batch->items, error); break;
    case LANCER_SYNC_WRITE_ROOMS:        ok = write_rooms (store, db, batch->items, error); break;
    case LANCER_SYNC_WRITE_STORIES:      ok = write_stories (store, db, batch->items, error); break;
    case LANCER_SYNC_WRITE_CONTRACTS:    ok = write_contracts (store, db, batch->items, error); break;
    case LANCER_SYNC_WRITE_DIARY:        ok = write_diary (store, db, batch->items, error); break;
    case LANCER_SYNC_WRITE_TRANSACTIONS: ok = write_transactions (store, db, batch->items, error); break;
    default: break;
    }
  return ok ? new_count (batch->items->len) : NULL;
}

static const char *
kind_table (LancerSyncWriteKind kind)
{
  static const char *tables[] = { "proposals", "rooms", "stories", "contracts", "diary_days", "transactions" };
  return tables[kind];
}

void
lancer_sync_write_async (LancerStore         *store,
                         LancerSyncWriteKind  kind,
                         GPtrArray           *items,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->kind = kind;
  batch->items = g_ptr_array_ref (items);
  lancer_store_run_async (store, TRUE, kind_table (kind), batch_worker, batch, (GDestroyNotify) batch_free,
                          g_free, cancellable, callback, user_data);
}

static gssize
finish_count (LancerStore   *store,
              GAsyncResult  *result,
              GError       **error)
{
  GError *local = NULL;
  gssize *p = lancer_store_run_finish (store, result, &local);
  gssize n;

  if (local != NULL)
    {
      g_propagate_error (error, local);
      return -1;
    }
  n = p != NULL ? *p : 0;
  g_free (p);
  return n;
}

gssize
lancer_sync_write_finish (LancerStore   *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  return finish_count (store, result, error);
}

/* ---- matches ---- */

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
matches_worker (LancerStore *store, sqlite3 *db, gpointer data, GCancellable *cancellable, GError **error)
{
  Matches *m = data;
  sqlite3_stmt *stmt = NULL;
  int rc;

  CHECK (sqlite3_prepare_v2 (db,
    "INSERT OR IGNORE INTO job_matches (search_id, job_rid, matched_at)"
    " SELECT ?1, rid, ?2 FROM jobs WHERE id = ?3", -1, &stmt, NULL));
  for (guint i = 0; m->ids != NULL && m->ids[i] != NULL; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, m->search_id);
      sqlite3_bind_int64 (stmt, 2, now_s ());
      sqlite3_bind_text (stmt, 3, m->ids[i], -1, SQLITE_STATIC);
      CHECK (sqlite3_step (stmt));
    }
  sqlite3_finalize (stmt);
  {
    sqlite3_stmt *touch = NULL;
    if (sqlite3_prepare_v2 (db, "UPDATE saved_searches SET last_run_at = ?1 WHERE id = ?2", -1, &touch, NULL) == SQLITE_OK)
      {
        sqlite3_bind_int64 (touch, 1, now_s ());
        sqlite3_bind_int64 (touch, 2, m->search_id);
        sqlite3_step (touch);
      }
    sqlite3_finalize (touch);
  }
  return NULL;

failed:
  lancer_store_propagate_sqlite_error (error, db, rc);
  sqlite3_finalize (stmt);
  return NULL;
}

void
lancer_sync_write_matches_async (LancerStore         *store,
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
lancer_sync_write_matches_finish (LancerStore   *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _lancer_store_run_finish_boolean (store, result, error);
}

/* ---- what is already stored: for a sync that asks only for what changed ---- */

/* Runs @sql with ?1 bound to @arg (may be NULL) and collects column 0
 * (text) into a set; or, with @times, column 0 → column 1 (int64). */
static GHashTable *
collect (sqlite3     *db,
         const char  *sql,
         const char  *arg,
         gboolean     times,
         GHashTable  *into,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK && arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);

      if (key != NULL && times)
        g_hash_table_insert (into, g_strdup (key), g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 1) },
                                                              sizeof (gint64)));
      else if (key != NULL)
        g_hash_table_add (into, g_strdup (key));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      lancer_store_propagate_sqlite_error (error, db, rc);
      return NULL;
    }
  return into;
}

static gpointer
state_times_worker (LancerStore *store, sqlite3 *db, gpointer data, GCancellable *cancellable, GError **error)
{
  GHashTable *times = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (collect (db, "SELECT resource, last_success_at FROM sync_state WHERE last_success_at IS NOT NULL", NULL,
               TRUE, times, error) == NULL)
    {
      g_hash_table_unref (times);
      return NULL;
    }
  return times;
}

void
lancer_sync_state_times_async (LancerStore         *store,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  lancer_store_run_async (store, FALSE, NULL, state_times_worker, NULL, NULL, (GDestroyNotify) g_hash_table_unref,
                          cancellable, callback, user_data);
}

GHashTable *
lancer_sync_state_times_finish (LancerStore   *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

static gpointer
stories_known_worker (LancerStore *store, sqlite3 *db, gpointer data, GCancellable *cancellable, GError **error)
{
  char **ids = data;
  GHashTable *known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    if (collect (db, "SELECT id FROM stories WHERE id = ?1", ids[i], FALSE, known, error) == NULL)
      {
        g_hash_table_unref (known);
        return NULL;
      }
  return known;
}

void
lancer_sync_stories_known_async (LancerStore         *store,
                                 const char * const  *story_ids,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  lancer_store_run_async (store, FALSE, NULL, stories_known_worker, g_strdupv ((char **) story_ids),
                          (GDestroyNotify) g_strfreev, (GDestroyNotify) g_hash_table_unref,
                          cancellable, callback, user_data);
}

GHashTable *
lancer_sync_stories_known_finish (LancerStore   *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

static gpointer
diary_days_known_worker (LancerStore *store, sqlite3 *db, gpointer data, GCancellable *cancellable, GError **error)
{
  GHashTable *known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (collect (db, "SELECT day FROM diary_days WHERE contract_id = ?1", data, FALSE, known, error) == NULL)
    {
      g_hash_table_unref (known);
      return NULL;
    }
  return known;
}

void
lancer_sync_diary_days_known_async (LancerStore         *store,
                                    const char          *contract_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  lancer_store_run_async (store, FALSE, NULL, diary_days_known_worker, g_strdup (contract_id), g_free,
                          (GDestroyNotify) g_hash_table_unref, cancellable, callback, user_data);
}

GHashTable *
lancer_sync_diary_days_known_finish (LancerStore   *store,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

/* ---- sync_state ---- */

static gpointer
state_get_worker (LancerStore *store, sqlite3 *db, gpointer data, GCancellable *cancellable, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  char *cursor = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT cursor FROM sync_state WHERE resource = ?1", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, data, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
        cursor = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    lancer_store_propagate_sqlite_error (error, db, rc);
  sqlite3_finalize (stmt);
  return cursor;
}

void
lancer_sync_state_get_async (LancerStore         *store,
                             const char          *resource,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  lancer_store_run_async (store, FALSE, NULL, state_get_worker, g_strdup (resource), g_free, g_free,
                          cancellable, callback, user_data);
}

char *
lancer_sync_state_get_finish (LancerStore   *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

static gpointer
state_set_worker (LancerStore *store, sqlite3 *db, gpointer data, GCancellable *cancellable, GError **error)
{
  char **v = data;   /* resource, cursor, error */
  sqlite3_stmt *stmt = NULL;
  gint64 now = now_s ();
  int rc = sqlite3_prepare_v2 (db,
    "INSERT INTO sync_state (resource, cursor, last_success_at, last_attempt_at, last_error)"
    " VALUES (?1, ?2, ?3, ?4, ?5)"
    " ON CONFLICT (resource) DO UPDATE SET cursor = COALESCE (excluded.cursor, cursor),"
    "  last_success_at = COALESCE (excluded.last_success_at, last_success_at),"
    "  last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, v[0], -1, SQLITE_STATIC);
      bind_text_or_null (stmt, 2, v[1][0] != '\0' ? v[1] : NULL);
      if (v[2][0] == '\0')
        sqlite3_bind_int64 (stmt, 3, now);
      else
        sqlite3_bind_null (stmt, 3);
      sqlite3_bind_int64 (stmt, 4, now);
      bind_text_or_null (stmt, 5, v[2][0] != '\0' ? v[2] : NULL);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    lancer_store_propagate_sqlite_error (error, db, rc);
  sqlite3_finalize (stmt);
  return NULL;
}

void
lancer_sync_state_set_async (LancerStore         *store,
                             const char          *resource,
                             const char          *cursor,
                             const char          *error_message,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  char **v = g_new0 (char *, 4);

  v[0] = g_strdup (resource);
  v[1] = g_strdup (cursor != NULL ? cursor : "");
  v[2] = g_strdup (error_message != NULL ? error_message : "");
  lancer_store_run_async (store, TRUE, "sync_state", state_set_worker, v, (GDestroyNotify) g_strfreev, NULL,
                          cancellable, callback, user_data);
}

gboolean
lancer_sync_state_set_finish (LancerStore   *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  return lancer_sync_write_matches_finish (store, result, error);
}

/* ---- outbox ---- */

static gpointer
outbox_add_worker (LancerStore *store, sqlite3 *db, gpointer data, GCancellable *cancellable, GError **error)
{
  char **v = data;
  sqlite3_stmt *stmt = NULL;
  int rc;
  gint64 *id = NULL;

  if (!_lancer_store_room_is_known (db, v[0], error))
    return NULL;
  rc = sqlite3_prepare_v2 (db, "INSERT INTO outbox (room_id, body, created_at) VALUES (?1, ?2, ?3)",
                           -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, v[0], -1, SQLITE_STATIC);
      if (!lancer_store_bind_sealed (store, stmt, 2, v[1], "outbox.body", error))
        {
          sqlite3_finalize (stmt);
          return NULL;
        }
      sqlite3_bind_int64 (stmt, 3, now_s ());
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    lancer_store_propagate_sqlite_error (error, db, rc);
  else
    {
      id = g_new (gint64, 1);
      *id = sqlite3_last_insert_rowid (db);
    }
  sqlite3_finalize (stmt);
  return id;
}

void
lancer_outbox_add_async (LancerStore         *store,
                         const char          *room_id,
                         const char          *body,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  char **v = g_new0 (char *, 3);

  v[0] = g_strdup (room_id);
  v[1] = g_strdup (body);
  lancer_store_run_async (store, TRUE, "outbox", outbox_add_worker, v, (GDestroyNotify) g_strfreev, g_free,
                          cancellable, callback, user_data);
}

gint64
lancer_outbox_add_finish (LancerStore   *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  gint64 *id = lancer_store_run_finish (store, result, error);
  gint64 v = id != NULL ? *id : 0;

  g_free (id);
  return v;
}

static gpointer
outbox_pending_worker (LancerStore *store, sqlite3 *db, gpointer data, GCancellable *cancellable, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_outbox_item_free);
  int rc = sqlite3_prepare_v2 (db,
    "SELECT id, room_id, body, state, attempts, last_error, created_at FROM outbox"
    " WHERE state IN ('pending', 'failed', 'sending') ORDER BY id", -1, &stmt, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LancerOutboxItem *item = g_new0 (LancerOutboxItem, 1);
      GError *local = NULL;

      item->id = sqlite3_column_int64 (stmt, 0);
      item->room_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      item->body = lancer_store_column_unseal (store, stmt, 2, "outbox.body", &local);
      item->state = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      item->attempts = (guint) sqlite3_column_int (stmt, 4);
      item->last_error = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      item->created_at = sqlite3_column_int64 (stmt, 6);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          lancer_outbox_item_free (item);
          sqlite3_finalize (stmt);
          g_ptr_array_unref (out);
          return NULL;
        }
      g_ptr_array_add (out, item);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      lancer_store_propagate_sqlite_error (error, db, rc);
      g_ptr_array_unref (out);
      return NULL;
    }
  return out;
}

void
lancer_outbox_pending_async (LancerStore         *store,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  lancer_store_run_async (store, FALSE, NULL, outbox_pending_worker, NULL, NULL,
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
outbox_mark_worker (LancerStore *store, sqlite3 *db, gpointer data, GCancellable *cancellable, GError **error)
{
  Mark *m = data;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (g_strcmp0 (m->state, "sent") == 0)
    CHECK (sqlite3_prepare_v2 (db, "UPDATE outbox SET state = 'sent', sent_at = ?2, story_id = ?3, last_error = NULL"
                                   " WHERE id = ?1", -1, &stmt, NULL));
  else if (g_strcmp0 (m->state, "failed") == 0 || g_strcmp0 (m->state, "rejected") == 0)
    CHECK (sqlite3_prepare_v2 (db, "UPDATE outbox SET state = ?5, attempts = attempts + 1, last_error = ?4"
                                   " WHERE id = ?1", -1, &stmt, NULL));
  else
    CHECK (sqlite3_prepare_v2 (db, "UPDATE outbox SET state = ?5 WHERE id = ?1", -1, &stmt, NULL));
  sqlite3_bind_int64 (stmt, 1, m->id);
  sqlite3_bind_int64 (stmt, 2, now_s ());
  bind_text_or_null (stmt, 3, m->story != NULL ? m->story->id : NULL);
  bind_text_or_null (stmt, 4, m->error_message);
  bind_text_or_null (stmt, 5, m->state);
  CHECK (sqlite3_step (stmt));
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (m->story != NULL && m->story->room_id != NULL)
    {
      ensure_room (db, m->story->room_id);
      CHECK (sqlite3_prepare_v2 (db, story_sql, -1, &stmt, NULL));
      if (!insert_story (store, db, stmt, m->story, error))
        {
          sqlite3_finalize (stmt);
          return NULL;
        }
      sqlite3_finalize (stmt);
    }
  return NULL;

failed:
  lancer_store_propagate_sqlite_error (error, db, rc);
  sqlite3_finalize (stmt);
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
  lancer_store_run_async (store, TRUE, "outbox", outbox_mark_worker, m, (GDestroyNotify) mark_free, NULL,
                          cancellable, callback, user_data);
}

gboolean
lancer_outbox_mark_finish (LancerStore   *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  return lancer_sync_write_matches_finish (store, result, error);
}

/* ---- reading for the CLI ---- */

static gpointer
read_worker (LancerStore *store, sqlite3 *db, gpointer data, GCancellable *cancellable, GError **error)
{
  char **v = data;   /* what, filter */
  gboolean proposals = g_str_equal (v[0], "proposals");
  g_autoptr(JsonBuilder) b = json_builder_new ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (proposals)
    rc = sqlite3_prepare_v2 (db,
      "SELECT p.upwork_id, p.job_id, p.status, p.bid_amount, p.created_at, p.updated_at,"
      " (SELECT title FROM jobs WHERE id = p.job_id)"
      " FROM proposals p WHERE p.upwork_id IS NOT NULL AND (?1 = '' OR p.status = ?1 COLLATE NOCASE)"
      " ORDER BY p.created_at DESC", -1, &stmt, NULL);
  else
    rc = sqlite3_prepare_v2 (db,
      "SELECT s.id, s.room_id, s.sender, s.body, s.created_at, r.topic FROM stories s"
      " LEFT JOIN rooms r ON r.id = s.room_id WHERE (?1 = '' OR s.room_id = ?1)"
      " ORDER BY s.room_id, s.created_at", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      lancer_store_propagate_sqlite_error (error, db, rc);
      return NULL;
    }
  if (proposals && v[1][0] != '\0')
    {
      /* Stored statuses are Lancer's: "--status Offered" means "offer". */
      g_autofree char *status = lancer_upwork_normalize_proposal_status (v[1]);

      sqlite3_bind_text (stmt, 1, status, -1, SQLITE_TRANSIENT);
    }
  else
    sqlite3_bind_text (stmt, 1, v[1], -1, SQLITE_STATIC);
  json_builder_begin_array (b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      if (proposals)
        {
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 0));
          json_builder_set_member_name (b, "job_id");
          json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 1));
          json_builder_set_member_name (b, "status");
          json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 2));
          json_builder_set_member_name (b, "bid");
          if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
            json_builder_add_null_value (b);
          else
            json_builder_add_double_value (b, sqlite3_column_double (stmt, 3));
          json_builder_set_member_name (b, "created_at");
          json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 4));
          json_builder_set_member_name (b, "job_title");
          if (sqlite3_column_text (stmt, 6) != NULL)
            json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 6));
          else
            json_builder_add_null_value (b);
        }
      else
        {
          g_autoptr(GError) local = NULL;
          g_autofree char *body = lancer_store_column_unseal (store, stmt, 3, "stories.body", &local);

          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 0));
          json_builder_set_member_name (b, "room_id");
          json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 1));
          json_builder_set_member_name (b, "sender");
          if (sqlite3_column_text (stmt, 2) != NULL)
            json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 2));
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "message");
          if (body != NULL)
            json_builder_add_string_value (b, body);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "created_at");
          json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 4));
          json_builder_set_member_name (b, "topic");
          if (sqlite3_column_text (stmt, 5) != NULL)
            json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 5));
          else
            json_builder_add_null_value (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      lancer_store_propagate_sqlite_error (error, db, rc);
      return NULL;
    }
  return json_builder_get_root (b);
}

void
lancer_sync_read_async (LancerStore         *store,
                        const char          *what,
                        const char          *filter,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  char **v = g_new0 (char *, 3);

  v[0] = g_strdup (what);
  v[1] = g_strdup (filter != NULL ? filter : "");
  lancer_store_run_async (store, FALSE, NULL, read_worker, v, (GDestroyNotify) g_strfreev,
                          (GDestroyNotify) json_node_unref, cancellable, callback, user_data);
}

JsonNode *
lancer_sync_read_finish (LancerStore   *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}
