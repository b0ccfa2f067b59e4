/* lancer-sync-writer.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-upwork"

#include "config.h"

#include "lancer-sync-writer.h"

void
lancer_sync_write_async (LancerStore         *store,
                         LancerSyncWriteKind  kind,
                         GPtrArray           *items,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  static const LancerStoreWriteFunc writers[] = {
    [LANCER_SYNC_WRITE_PROPOSALS] = lancer_store_write_proposals_async,
    [LANCER_SYNC_WRITE_ROOMS] = lancer_store_write_rooms_async,
    [LANCER_SYNC_WRITE_STORIES] = lancer_store_write_stories_async,
    [LANCER_SYNC_WRITE_CONTRACTS] = lancer_store_write_contracts_async,
    [LANCER_SYNC_WRITE_DIARY] = lancer_store_write_diary_async,
    [LANCER_SYNC_WRITE_TRANSACTIONS] = lancer_store_write_transactions_async,
  };

  g_return_if_fail (kind < G_N_ELEMENTS (writers));
  writers[kind] (store, items, cancellable, callback, user_data);
}

gssize
lancer_sync_write_finish (LancerStore   *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  return lancer_store_write_finish (store, result, error);
}

void
lancer_sync_read_async (LancerStore         *store,
                        const char          *what,
                        const char          *filter,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  if (g_strcmp0 (what, "proposals") == 0)
    lancer_store_proposals_json_async (store, filter, cancellable, callback, user_data);
  else
    lancer_store_stories_json_async (store, filter, cancellable, callback, user_data);
}

JsonNode *
lancer_sync_read_finish (LancerStore   *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  /* both readers finish the same way */
  return lancer_store_proposals_json_finish (store, result, error);
}
