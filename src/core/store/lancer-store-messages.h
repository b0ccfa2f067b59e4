/* lancer-store-messages.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-room.h"
#include "lancer-store.h"
#include "lancer-story.h"

G_BEGIN_DECLS

/* Rooms, most recent activity first. */
void        lancer_store_list_rooms_async        (LancerStore          *store,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
/* Returns: (transfer full) (element-type LancerRoom) */
GPtrArray  *lancer_store_list_rooms_finish       (LancerStore          *store,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void        lancer_store_mark_room_read_async    (LancerStore          *store,
                                                  const char           *room_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean    lancer_store_mark_room_read_finish   (LancerStore          *store,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* What a room's message list starts from, read at once: how many stories
 * @room_id has stored, and (@outbox) its unsent messages, as
 * lancer_store_outbox_list_async() lists them. Returns -1 on error. */
void        lancer_store_load_room_async         (LancerStore          *store,
                                                  const char           *room_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gssize      lancer_store_load_room_finish        (LancerStore          *store,
                                                  GAsyncResult         *result,
                                                  GPtrArray           **outbox,
                                                  GError              **error);

/* The stored stories of @room_id, oldest first (@offset counts from the
 * oldest). The outbox is not included. */
void        lancer_store_query_stories_async     (LancerStore          *store,
                                                  const char           *room_id,
                                                  guint                 offset,
                                                  guint                 limit,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
/* Returns: (transfer full) (element-type LancerStory) */
GPtrArray  *lancer_store_query_stories_finish    (LancerStore          *store,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Outbox: messages of ours not yet confirmed by Upwork, encrypted at rest.
 * Queued as "pending"; the sync engine's sender takes them from there. */
void        lancer_store_outbox_enqueue_async    (LancerStore          *store,
                                                  const char           *room_id,
                                                  const char           *body,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gint64      lancer_store_outbox_enqueue_finish   (LancerStore          *store,
                                                  GAsyncResult         *result,
                                                  GError              **error);
/* Unsent messages of @room_id (NULL: every room), oldest first, as stories. */
void        lancer_store_outbox_list_async       (LancerStore          *store,
                                                  const char           *room_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GPtrArray  *lancer_store_outbox_list_finish      (LancerStore          *store,
                                                  GAsyncResult         *result,
                                                  GError              **error);
/* A failed message goes back to "pending" for the sender's next run. */
void        lancer_store_outbox_retry_async      (LancerStore          *store,
                                                  gint64                outbox_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean    lancer_store_outbox_retry_finish     (LancerStore          *store,
                                                  GAsyncResult         *result,
                                                  GError              **error);
/* Records a failed attempt (what a sender does when Upwork refuses). */
void        lancer_store_outbox_fail_async       (LancerStore          *store,
                                                  gint64                outbox_id,
                                                  const char           *error_message,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean    lancer_store_outbox_fail_finish      (LancerStore          *store,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
