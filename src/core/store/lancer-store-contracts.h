/* lancer-store-contracts.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-store-writes.h"

G_BEGIN_DECLS

/* Contracts and their work diary as the sync stores them; the app reads
 * them through lancer-store-diary.h. */

/* @items: LancerUpworkContract. */
void        lancer_store_write_contracts_async    (LancerStore         *store,
                                                   GPtrArray           *items,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* @items: LancerUpworkDiaryDay (memos sealed). */
void        lancer_store_write_diary_async        (LancerStore         *store,
                                                   GPtrArray           *items,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);

/* The days (YYYY-MM-DD) of @contract_id's work diary that are stored. */
void        lancer_store_diary_days_known_async   (LancerStore         *store,
                                                   const char          *contract_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GHashTable *lancer_store_diary_days_known_finish  (LancerStore         *store,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
