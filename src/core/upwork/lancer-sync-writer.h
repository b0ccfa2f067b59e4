/* lancer-sync-writer.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-store-contracts.h"
#include "lancer-store-outbox.h"
#include "lancer-store-proposals.h"
#include "lancer-store-rooms.h"
#include "lancer-store-saved-searches.h"
#include "lancer-store-sync-state.h"
#include "lancer-store-transactions.h"
#include "lancer-upwork-parse.h"

G_BEGIN_DECLS

/* What the sync stores, by kind: a thin front for the store's typed
 * writers (src/core/store/lancer-store-<table>.h), which hold the SQL. */

typedef enum
{
  LANCER_SYNC_WRITE_PROPOSALS,      /* LancerUpworkProposal */
  LANCER_SYNC_WRITE_ROOMS,          /* LancerUpworkRoom */
  LANCER_SYNC_WRITE_STORIES,        /* LancerUpworkStory (bodies sealed) */
  LANCER_SYNC_WRITE_CONTRACTS,      /* LancerUpworkContract */
  LANCER_SYNC_WRITE_DIARY,          /* LancerUpworkDiaryDay (memos sealed) */
  LANCER_SYNC_WRITE_TRANSACTIONS,   /* LancerUpworkTransaction */
} LancerSyncWriteKind;

/* @items: element type per @kind (not taken). Returns the rows written. */
void       lancer_sync_write_async  (LancerStore         *store,
                                     LancerSyncWriteKind  kind,
                                     GPtrArray           *items,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gssize     lancer_sync_write_finish (LancerStore         *store,
                                     GAsyncResult        *result,
                                     GError             **error);

/* Read side for the CLI: proposals or stories as JSON arrays. */
void       lancer_sync_read_async   (LancerStore         *store,
                                     const char          *what,      /* "proposals" or "messages" */
                                     const char          *filter,    /* status or room id, or NULL */
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
JsonNode  *lancer_sync_read_finish  (LancerStore         *store,
                                     GAsyncResult        *result,
                                     GError             **error);

G_END_DECLS
