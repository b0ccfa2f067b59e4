/* lancer-store-outbox.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-store.h"
#include "lancer-upwork-parse.h"

G_BEGIN_DECLS

/* The sync's side of the outbox: messages queued, sent and confirmed
 * (bodies sealed). */

typedef struct
{
  gint64  id;
  char   *room_id;
  char   *body;
  char   *state;
  guint   attempts;
  char   *last_error;
  gint64  created_at;
} LancerOutboxItem;

void       lancer_outbox_item_free      (LancerOutboxItem    *item);

/* Queues @body for @room_id, a conversation Lancer knows. Returns the id. */
void       lancer_outbox_add_async      (LancerStore         *store,
                                         const char          *room_id,
                                         const char          *body,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gint64     lancer_outbox_add_finish     (LancerStore         *store,
                                         GAsyncResult        *result,
                                         GError             **error);
/* Messages not yet confirmed (pending, failed, or cut off while sending). */
void       lancer_outbox_pending_async  (LancerStore         *store,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GPtrArray *lancer_outbox_pending_finish (LancerStore         *store,
                                         GAsyncResult        *result,
                                         GError             **error);
/* @story: the confirmed story (sent) or NULL with @error_message (failed). */
void       lancer_outbox_mark_async     (LancerStore         *store,
                                         gint64               id,
                                         const char          *state,
                                         LancerUpworkStory   *story,
                                         const char          *error_message,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean   lancer_outbox_mark_finish    (LancerStore         *store,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
