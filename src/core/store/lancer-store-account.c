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
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db, json == NULL ? "DELETE FROM meta WHERE key = ?1"
                                            : "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, ACCOUNT_KEY, -1, SQLITE_STATIC);
  if (json != NULL && !lancer_store_bind_sealed (store, stmt, 2, json, ACCOUNT_CONTEXT, error))
    return NULL;
  _lancer_store_step_done (db, stmt, error);
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
  return _lancer_store_run_finish_boolean (store, result, error);
}

static gpointer
load_worker (LancerStore   *store,
             sqlite3       *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare_text (db, "SELECT value FROM meta WHERE key = ?1", ACCOUNT_KEY, error);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;

  if (stmt == NULL)
    return NULL;
  if (_lancer_store_step_row (db, stmt, error) == 1)
    json = lancer_store_column_unseal (store, stmt, 0, ACCOUNT_CONTEXT, error);
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
