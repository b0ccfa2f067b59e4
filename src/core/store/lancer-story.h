/* lancer-story.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LANCER_TYPE_STORY (lancer_story_get_type ())
G_DECLARE_FINAL_TYPE (LancerStory, lancer_story, LANCER, STORY, GObject)

/* One message of a conversation: a stored story, or a message of ours
 * still in the outbox (:outbox-id not 0, with its :state). Every property
 * but :user-name is set once, when the store builds it. */
LancerStory *lancer_story_new_placeholder        (void);

/* FALSE: a placeholder while its page loads. */
gboolean     lancer_story_get_loaded             (LancerStory *self);
const char  *lancer_story_get_id                 (LancerStory *self);
const char  *lancer_story_get_room_id            (LancerStory *self);
const char  *lancer_story_get_sender             (LancerStory *self);
/* NULL: attachment only. */
const char  *lancer_story_get_body               (LancerStory *self);
gint64       lancer_story_get_created_at         (LancerStory *self);
gint64       lancer_story_get_outbox_id          (LancerStory *self);
/* pending, sending, failed, rejected (outbox only). */
const char  *lancer_story_get_state              (LancerStory *self);
const char  *lancer_story_get_last_error         (LancerStory *self);
guint        lancer_story_get_attempts           (LancerStory *self);
/* A failed or rejected message of ours, which Retry sends again. */
gboolean     lancer_story_get_failed             (LancerStory *self);

const char  *lancer_story_get_user_name          (LancerStory *self);
void         lancer_story_set_user_name          (LancerStory *self,
                                                  const char  *user_name);
/* Written by the user: in the outbox, or sent under :user-name. */
gboolean     lancer_story_get_from_user          (LancerStory *self);

G_END_DECLS
