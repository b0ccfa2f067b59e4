/* lancer-story.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-story"

#include "config.h"

#include "lancer-story.h"

struct _LancerStory
{
  GObject    parent_instance;

  gboolean   loaded;
  char      *id;
  char      *room_id;
  char      *sender;
  char      *body;
  gint64     created_at;
  gint64     outbox_id;
  char      *state;
  char      *last_error;
  guint      attempts;
  char      *user_name;
};

G_DEFINE_FINAL_TYPE (LancerStory, lancer_story, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADED,
  PROP_ID,
  PROP_ROOM_ID,
  PROP_SENDER,
  PROP_BODY,
  PROP_CREATED_AT,
  PROP_OUTBOX_ID,
  PROP_STATE,
  PROP_LAST_ERROR,
  PROP_ATTEMPTS,
  PROP_FAILED,
  PROP_USER_NAME,
  PROP_FROM_USER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

LancerStory *
lancer_story_new_placeholder (void)
{
  return g_object_new (LANCER_TYPE_STORY, NULL);
}

gboolean
lancer_story_get_loaded (LancerStory *self)
{
  g_return_val_if_fail (LANCER_IS_STORY (self), FALSE);
  return self->loaded;
}

const char *
lancer_story_get_id (LancerStory *self)
{
  g_return_val_if_fail (LANCER_IS_STORY (self), NULL);
  return self->id;
}

const char *
lancer_story_get_room_id (LancerStory *self)
{
  g_return_val_if_fail (LANCER_IS_STORY (self), NULL);
  return self->room_id;
}

const char *
lancer_story_get_sender (LancerStory *self)
{
  g_return_val_if_fail (LANCER_IS_STORY (self), NULL);
  return self->sender;
}

const char *
lancer_story_get_body (LancerStory *self)
{
  g_return_val_if_fail (LANCER_IS_STORY (self), NULL);
  return self->body;
}

gint64
lancer_story_get_created_at (LancerStory *self)
{
  g_return_val_if_fail (LANCER_IS_STORY (self), 0);
  return self->created_at;
}

gint64
lancer_story_get_outbox_id (LancerStory *self)
{
  g_return_val_if_fail (LANCER_IS_STORY (self), 0);
  return self->outbox_id;
}

const char *
lancer_story_get_state (LancerStory *self)
{
  g_return_val_if_fail (LANCER_IS_STORY (self), NULL);
  return self->state;
}

const char *
lancer_story_get_last_error (LancerStory *self)
{
  g_return_val_if_fail (LANCER_IS_STORY (self), NULL);
  return self->last_error;
}

guint
lancer_story_get_attempts (LancerStory *self)
{
  g_return_val_if_fail (LANCER_IS_STORY (self), 0);
  return self->attempts;
}

gboolean
lancer_story_get_failed (LancerStory *self)
{
  g_return_val_if_fail (LANCER_IS_STORY (self), FALSE);
  return self->outbox_id != 0 &&
         (g_strcmp0 (self->state, "failed") == 0 || g_strcmp0 (self->state, "rejected") == 0);
}

const char *
lancer_story_get_user_name (LancerStory *self)
{
  g_return_val_if_fail (LANCER_IS_STORY (self), NULL);
  return self->user_name;
}

void
lancer_story_set_user_name (LancerStory *self,
                            const char  *user_name)
{
  gboolean was_from_user;

  g_return_if_fail (LANCER_IS_STORY (self));

  if (g_strcmp0 (self->user_name, user_name) == 0)
    return;
  was_from_user = lancer_story_get_from_user (self);
  g_free (self->user_name);
  self->user_name = g_strdup (user_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_USER_NAME]);
  if (was_from_user != lancer_story_get_from_user (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FROM_USER]);
}

gboolean
lancer_story_get_from_user (LancerStory *self)
{
  g_return_val_if_fail (LANCER_IS_STORY (self), FALSE);
  if (self->outbox_id != 0)
    return TRUE;
  return self->user_name != NULL && self->sender != NULL && g_str_equal (self->sender, self->user_name);
}

static void
lancer_story_finalize (GObject *object)
{
  LancerStory *self = LANCER_STORY (object);

  g_free (self->id);
  g_free (self->room_id);
  g_free (self->sender);
  g_free (self->body);
  g_free (self->state);
  g_free (self->last_error);
  g_free (self->user_name);

  G_OBJECT_CLASS (lancer_story_parent_class)->finalize (object);
}

static void
lancer_story_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LancerStory *self = LANCER_STORY (object);

  switch (prop_id)
    {
    case PROP_LOADED: g_value_set_boolean (value, self->loaded); break;
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_ROOM_ID: g_value_set_string (value, self->room_id); break;
    case PROP_SENDER: g_value_set_string (value, self->sender); break;
    case PROP_BODY: g_value_set_string (value, self->body); break;
    case PROP_CREATED_AT: g_value_set_int64 (value, self->created_at); break;
    case PROP_OUTBOX_ID: g_value_set_int64 (value, self->outbox_id); break;
    case PROP_STATE: g_value_set_string (value, self->state); break;
    case PROP_LAST_ERROR: g_value_set_string (value, self->last_error); break;
    case PROP_ATTEMPTS: g_value_set_uint (value, self->attempts); break;
    case PROP_FAILED: g_value_set_boolean (value, lancer_story_get_failed (self)); break;
    case PROP_USER_NAME: g_value_set_string (value, self->user_name); break;
    case PROP_FROM_USER: g_value_set_boolean (value, lancer_story_get_from_user (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_story_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LancerStory *self = LANCER_STORY (object);

  switch (prop_id)
    {
    case PROP_LOADED: self->loaded = g_value_get_boolean (value); break;
    case PROP_ID: self->id = g_value_dup_string (value); break;
    case PROP_ROOM_ID: self->room_id = g_value_dup_string (value); break;
    case PROP_SENDER: self->sender = g_value_dup_string (value); break;
    case PROP_BODY: self->body = g_value_dup_string (value); break;
    case PROP_CREATED_AT: self->created_at = g_value_get_int64 (value); break;
    case PROP_OUTBOX_ID: self->outbox_id = g_value_get_int64 (value); break;
    case PROP_STATE: self->state = g_value_dup_string (value); break;
    case PROP_LAST_ERROR: self->last_error = g_value_dup_string (value); break;
    case PROP_ATTEMPTS: self->attempts = g_value_get_uint (value); break;
    case PROP_USER_NAME: lancer_story_set_user_name (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define FIXED (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS)

static void
lancer_story_class_init (LancerStoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lancer_story_finalize;
  object_class->get_property = lancer_story_get_property;
  object_class->set_property = lancer_story_set_property;

  properties [PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, FIXED);
  properties [PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, FIXED);
  properties [PROP_ROOM_ID] = g_param_spec_string ("room-id", NULL, NULL, NULL, FIXED);
  properties [PROP_SENDER] = g_param_spec_string ("sender", NULL, NULL, NULL, FIXED);
  properties [PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, FIXED);
  properties [PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, FIXED);
  properties [PROP_OUTBOX_ID] = g_param_spec_int64 ("outbox-id", NULL, NULL, 0, G_MAXINT64, 0, FIXED);
  properties [PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL, FIXED);
  properties [PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, FIXED);
  properties [PROP_ATTEMPTS] = g_param_spec_uint ("attempts", NULL, NULL, 0, G_MAXUINT, 0, FIXED);
  properties [PROP_FAILED] =
    g_param_spec_boolean ("failed", NULL, NULL, FALSE, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_FROM_USER] =
    g_param_spec_boolean ("from-user", NULL, NULL, FALSE, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lancer_story_init (LancerStory *self)
{
}
