/* lancer-store-writes.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-store.h"

G_BEGIN_DECLS

/* What the sync stores from Upwork, one call per batch of parsed objects
 * (element type per table, not taken): one transaction on the store's
 * worker each. Every such call has this shape, so the sync can name its
 * writer in a table, and finishes with lancer_store_write_finish(). */
typedef void (*LancerStoreWriteFunc) (LancerStore         *store,
                                      GPtrArray           *items,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);

/* Returns the rows written, or -1 with @error. */
gssize   lancer_store_write_finish (LancerStore   *store,
                                    GAsyncResult  *result,
                                    GError       **error);

G_END_DECLS
