/* lancer-store-transactions.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store"

#include "config.h"

#include "lancer-store-private.h"
#include "lancer-store-transactions.h"
#include "lancer-upwork-parse.h"

static gboolean
write_transactions (LancerStore  *store,
                    sqlite3      *db,
                    GPtrArray    *items,
                    GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare (db,
    "INSERT INTO transactions (id, kind, amount, currency, description, occurred_at, subtype)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    " ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, subtype = excluded.subtype, amount = excluded.amount,"
    "  currency = excluded.currency, description = excluded.description, occurred_at = excluded.occurred_at",
    error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      LancerUpworkTransaction *t = g_ptr_array_index (items, i);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, t->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, t->kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (stmt, 3, t->amount);
      sqlite3_bind_text (stmt, 4, t->currency, -1, SQLITE_TRANSIENT);
      _lancer_store_bind_text_or_null (stmt, 5, t->description);
      sqlite3_bind_int64 (stmt, 6, t->occurred_at > 0 ? t->occurred_at : _lancer_store_now_s ());
      _lancer_store_bind_text_or_null (stmt, 7, t->subtype);
      if (!_lancer_store_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

void
lancer_store_write_transactions_async (LancerStore         *store,
                                       GPtrArray           *items,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  _lancer_store_write_rows_async (store, "transactions", write_transactions, items, cancellable, callback,
                                  user_data);
}
