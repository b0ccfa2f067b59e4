/* lancer-story-list-model.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-store-messages.h"

G_BEGIN_DECLS

#define LANCER_TYPE_STORY_LIST_MODEL (lancer_story_list_model_get_type ())
G_DECLARE_FINAL_TYPE (LancerStoryListModel, lancer_story_list_model, LANCER, STORY_LIST_MODEL, GObject)

/* The thread of one room, oldest first: the stored stories, fetched a page
 * at a time as the view asks for them (placeholders until then), followed
 * by our messages still in the outbox. Reloads on ::changed of stories and
 * outbox. Item type: LancerStory. */
LancerStoryListModel *lancer_story_list_model_new        (LancerStore          *store,
                                                          const char           *room_id,
                                                          guint                 page_size);
const char *lancer_story_list_model_get_room_id          (LancerStoryListModel *self);
gboolean    lancer_story_list_model_get_loading          (LancerStoryListModel *self);
/* How many stored stories have been read from the store so far. */
guint       lancer_story_list_model_get_n_fetched        (LancerStoryListModel *self);
guint       lancer_story_list_model_get_n_stories        (LancerStoryListModel *self);
void        lancer_story_list_model_reload               (LancerStoryListModel *self);
/* The user's name as Upwork shows it: stories sent under it are the
 * user's own (LancerStory:from-user). */
const char *lancer_story_list_model_get_user_name        (LancerStoryListModel *self);
void        lancer_story_list_model_set_user_name        (LancerStoryListModel *self,
                                                          const char           *user_name);

G_END_DECLS
