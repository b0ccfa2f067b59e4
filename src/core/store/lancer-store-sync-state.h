/* lancer-store-sync-state.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-store.h"

G_BEGIN_DECLS

/* sync_state: per resource ("jobs:NAME", "proposals", "diary:from", …) a
 * cursor and when it was last fetched well. */

/* The cursor of @resource (NULL if none). */
void        lancer_store_sync_state_get_async   (LancerStore         *store,
                                                 const char          *resource,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
char       *lancer_store_sync_state_get_finish  (LancerStore         *store,
                                                 GAsyncResult        *result,
                                                 GError             **error);
/* Records an attempt: success (with a new @cursor unless NULL) or @error_message. */
void        lancer_store_sync_state_set_async   (LancerStore         *store,
                                                 const char          *resource,
                                                 const char          *cursor,
                                                 const char          *error_message,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean    lancer_store_sync_state_set_finish  (LancerStore         *store,
                                                 GAsyncResult        *result,
                                                 GError             **error);
/* When each resource last synced well: resource → gint64* unix s. */
void        lancer_store_sync_state_times_async (LancerStore         *store,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GHashTable *lancer_store_sync_state_times_finish (LancerStore        *store,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
