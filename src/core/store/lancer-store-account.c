/* lancer-store-account.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store"

#include "config.h"

#include "lancer-store-private.h"
#include "lancer-store-account.h"

/* One row of the key-value meta table; the value is sealed: it names the
 * user, their e-mail address and their clients' organizations. */
#define ACCOUNT_KEY     "upwork-account"
#define ACCOUNT_CONTEXT "meta.upwork-account"

static gpointer
save_worker (LancerStore   *store,
             sqlite3       *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  const char *json = data;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (json == NULL)
    rc = sqlite3_prepare_v2 (db, "DELETE FROM meta WHERE key = ?1", -1, &stmt, NULL);
  else
    rc = sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      lancer_store_propagate_sqlite_error (error, db, rc);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, ACCOUNT_KEY, -1, SQLITE_STATIC);
  if (json != NULL && !lancer_store_bind_sealed (store, stmt, 2, json, ACCOUNT_CONTEXT, error))
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    lancer_store_propagate_sqlite_error (error, db, rc);
  return NULL;
}

void
lancer_store_save_upwork_account_async (LancerStore         *store,
                                        JsonNode            *me_data,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));

  lancer_store_run_async (store, TRUE, NULL, save_worker,
                          me_data != NULL ? json_to_string (me_data, FALSE) : NULL, g_free, NULL,
                          cancellable, callback, user_data);
}

gboolean
lancer_store_save_upwork_account_finish (LancerStore   *store,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  GError *local = NULL;

  lancer_store_run_finish (store, result, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

static gpointer
load_worker (LancerStore   *store,
             sqlite3       *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = ?1", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      lancer_store_propagate_sqlite_error (error, db, rc);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, ACCOUNT_KEY, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    json = lancer_store_column_unseal (store, stmt, 0, ACCOUNT_CONTEXT, error);
  else if (rc != SQLITE_DONE)
    lancer_store_propagate_sqlite_error (error, db, rc);
  sqlite3_finalize (stmt);
  if (json == NULL)
    return NULL;

  /* A row this code wrote; if it cannot be read, it is as good as absent. */
  node = json_from_string (json, NULL);
  if (node == NULL)
    return NULL;
  return lancer_upwork_parse_user (node, NULL);
}

void
lancer_store_load_upwork_account_async (LancerStore         *store,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));

  lancer_store_run_async (store, FALSE, NULL, load_worker, NULL, NULL,
                          (GDestroyNotify) lancer_upwork_user_free,
                          cancellable, callback, user_data);
}

LancerUpworkUser *
lancer_store_load_upwork_account_finish (LancerStore   *store,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}
