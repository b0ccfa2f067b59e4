/* lancer-outbox-sender.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-store.h"
#include "lancer-sync.h"

G_BEGIN_DECLS

/* Sends the messages waiting in @store's outbox through @sync, if any wait.
 * One send at a time per connection, however many windows ask: two at
 * once would send a message twice; a request during a send makes one more
 * send follow it. A failed message is left for Retry or the next sync,
 * never sent again in a loop here. */
void     lancer_outbox_sender_flush_async  (LancerSync          *sync,
                                            LancerStore         *store,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* FALSE with @error when the outbox as a whole could not be sent
 * (offline, signed out, …). */
gboolean lancer_outbox_sender_flush_finish (GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
