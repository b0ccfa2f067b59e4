/* lancer-store-proposals.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store"

#include "config.h"

#include "lancer-store-private.h"
#include "lancer-store-proposals.h"
#include "lancer-upwork-enums.h"
#include "lancer-upwork-parse.h"

static gboolean
write_proposals (LancerStore  *store,
                 sqlite3      *db,
                 GPtrArray    *items,
                 GError      **error)
{
  gint64 now = _lancer_store_now_s ();
  g_autoptr(sqlite3_stmt) upsert = _lancer_store_prepare (db,
    "INSERT INTO proposals (upwork_id, job_id, status, bid_amount, created_at, updated_at, submitted_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5)"
    " ON CONFLICT (upwork_id) DO UPDATE SET status = excluded.status, bid_amount = excluded.bid_amount,"
    "  updated_at = excluded.updated_at, job_id = CASE WHEN excluded.job_id = '' THEN job_id ELSE excluded.job_id END"
    " RETURNING id", error);
  g_autoptr(sqlite3_stmt) last = _lancer_store_prepare (db,
    "SELECT status FROM proposal_events WHERE proposal_id = ?1 ORDER BY at DESC, id DESC LIMIT 1", error);
  g_autoptr(sqlite3_stmt) event = _lancer_store_prepare (db,
    "INSERT INTO proposal_events (proposal_id, status, at, source) VALUES (?1, ?2, ?3, 'sync')", error);

  if (upsert == NULL || last == NULL || event == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      LancerUpworkProposal *p = g_ptr_array_index (items, i);
      gint64 created = p->created_at > 0 ? p->created_at : now;
      const char *last_status;
      gint64 id;
      int rc;

      sqlite3_reset (upsert);
      sqlite3_bind_text (upsert, 1, p->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (upsert, 2, p->job_id != NULL ? p->job_id : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (upsert, 3, p->status, -1, SQLITE_TRANSIENT);
      _lancer_store_bind_double_or_null (upsert, 4, p->charge_rate);
      sqlite3_bind_int64 (upsert, 5, created);
      sqlite3_bind_int64 (upsert, 6, p->modified_at > 0 ? p->modified_at : created);
      if ((rc = sqlite3_step (upsert)) != SQLITE_ROW)
        {
          lancer_store_set_sqlite_error (error, db, rc);
          return FALSE;
        }
      id = sqlite3_column_int64 (upsert, 0);
      sqlite3_step (upsert);   /* finish the RETURNING statement */

      /* a status is an event only when it differs from the last one */
      sqlite3_reset (last);
      sqlite3_bind_int64 (last, 1, id);
      last_status = sqlite3_step (last) == SQLITE_ROW ? (const char *) sqlite3_column_text (last, 0) : NULL;
      if (g_strcmp0 (last_status, p->status) == 0)
        continue;
      sqlite3_reset (event);
      sqlite3_bind_int64 (event, 1, id);
      sqlite3_bind_text (event, 2, p->status, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (event, 3, p->modified_at > 0 ? p->modified_at : now);
      if (!_lancer_store_step_done (db, event, error))
        return FALSE;
    }
  return TRUE;
}

void
lancer_store_write_proposals_async (LancerStore         *store,
                                    GPtrArray           *items,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  _lancer_store_write_rows_async (store, "proposals", write_proposals, items, cancellable, callback, user_data);
}

static gboolean
add_proposal_json (LancerStore   *store,
                   sqlite3_stmt  *stmt,
                   gpointer       user_data,
                   GError       **error)
{
  JsonBuilder *b = user_data;

  json_builder_begin_object (b);
  _lancer_store_json_add_text (b, "id", (const char *) sqlite3_column_text (stmt, 0));
  _lancer_store_json_add_text (b, "job_id", (const char *) sqlite3_column_text (stmt, 1));
  _lancer_store_json_add_text (b, "status", (const char *) sqlite3_column_text (stmt, 2));
  json_builder_set_member_name (b, "bid");
  if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, sqlite3_column_double (stmt, 3));
  json_builder_set_member_name (b, "created_at");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 4));
  _lancer_store_json_add_text (b, "job_title", (const char *) sqlite3_column_text (stmt, 6));
  json_builder_end_object (b);
  return TRUE;
}

static const LancerStoreJsonListing proposals_listing = {
  "SELECT p.upwork_id, p.job_id, p.status, p.bid_amount, p.created_at, p.updated_at,"
  " (SELECT title FROM jobs WHERE id = p.job_id)"
  " FROM proposals p WHERE p.upwork_id IS NOT NULL AND (?1 = '' OR p.status = ?1 COLLATE NOCASE)"
  " ORDER BY p.created_at DESC",
  add_proposal_json,
};

void
lancer_store_proposals_json_async (LancerStore         *store,
                                   const char          *status,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  /* Stored statuses are Lancer's: "--status Offered" means "offer". */
  g_autofree char *normalized = status != NULL && *status != '\0'
                                ? lancer_upwork_normalize_proposal_status (status) : NULL;

  _lancer_store_json_rows_async (store, &proposals_listing, normalized != NULL ? normalized : "",
                                 cancellable, callback, user_data);
}

JsonNode *
lancer_store_proposals_json_finish (LancerStore   *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}
