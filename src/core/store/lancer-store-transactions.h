/* lancer-store-transactions.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-store-writes.h"

G_BEGIN_DECLS

/* @items: LancerUpworkTransaction (earnings, fees, withdrawals). */
void lancer_store_write_transactions_async (LancerStore         *store,
                                            GPtrArray           *items,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);

G_END_DECLS
