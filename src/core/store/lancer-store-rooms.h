/* lancer-store-rooms.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lancer-store-writes.h"
#include "lancer-upwork-parse.h"

G_BEGIN_DECLS

/* Conversations as the sync stores them: rooms and their stories (bodies
 * sealed). The app reads them through lancer-store-messages.h. */

/* @items: LancerUpworkRoom. */
void        lancer_store_write_rooms_async      (LancerStore         *store,
                                                 GPtrArray           *items,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* @items: LancerUpworkStory; a story of an unknown room adds the room. */
void        lancer_store_write_stories_async    (LancerStore         *store,
                                                 GPtrArray           *items,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);

/* Which of @story_ids are stored: a set of ids. */
void        lancer_store_stories_known_async    (LancerStore         *store,
                                                 const char * const  *story_ids,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GHashTable *lancer_store_stories_known_finish   (LancerStore         *store,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* For the CLI: stored stories as a JSON array by room, oldest first;
 * @room_id or NULL for every room. */
void        lancer_store_stories_json_async     (LancerStore         *store,
                                                 const char          *room_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
JsonNode   *lancer_store_stories_json_finish    (LancerStore         *store,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
