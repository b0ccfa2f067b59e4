/* lancer-room.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-room"

#include "config.h"

#include "lancer-room.h"

struct _LancerRoom
{
  GObject    parent_instance;

  char      *id;
  char      *topic;
  char      *contract_id;
  char      *contract_client;   /* the contract's client_name */
  gint64     proposal_id;       /* 0: none */
  gint64     last_activity_at;
  guint      unread;
  char      *last_sender;
  char      *last_body;
  gboolean   has_last_story;
  guint      n_outbox_waiting;
  guint      n_outbox_failed;
  GStrv      senders;
  char      *user_name;
};

G_DEFINE_FINAL_TYPE (LancerRoom, lancer_room, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TOPIC,
  PROP_CONTRACT_ID,
  PROP_CONTRACT_CLIENT,
  PROP_PROPOSAL_ID,
  PROP_LAST_ACTIVITY_AT,
  PROP_UNREAD,
  PROP_LAST_SENDER,
  PROP_LAST_BODY,
  PROP_HAS_LAST_STORY,
  PROP_N_OUTBOX_WAITING,
  PROP_N_OUTBOX_FAILED,
  PROP_SENDERS,
  PROP_USER_NAME,
  PROP_CLIENT_NAME,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

const char *
lancer_room_get_id (LancerRoom *self)
{
  g_return_val_if_fail (LANCER_IS_ROOM (self), NULL);
  return self->id;
}

const char *
lancer_room_get_topic (LancerRoom *self)
{
  g_return_val_if_fail (LANCER_IS_ROOM (self), NULL);
  return self->topic;
}

const char *
lancer_room_get_contract_id (LancerRoom *self)
{
  g_return_val_if_fail (LANCER_IS_ROOM (self), NULL);
  return self->contract_id;
}

gint64
lancer_room_get_proposal_id (LancerRoom *self)
{
  g_return_val_if_fail (LANCER_IS_ROOM (self), 0);
  return self->proposal_id;
}

gint64
lancer_room_get_last_activity_at (LancerRoom *self)
{
  g_return_val_if_fail (LANCER_IS_ROOM (self), 0);
  return self->last_activity_at;
}

guint
lancer_room_get_unread (LancerRoom *self)
{
  g_return_val_if_fail (LANCER_IS_ROOM (self), 0);
  return self->unread;
}

const char *
lancer_room_get_last_sender (LancerRoom *self)
{
  g_return_val_if_fail (LANCER_IS_ROOM (self), NULL);
  return self->last_sender;
}

const char *
lancer_room_get_last_body (LancerRoom *self)
{
  g_return_val_if_fail (LANCER_IS_ROOM (self), NULL);
  return self->last_body;
}

gboolean
lancer_room_get_has_last_story (LancerRoom *self)
{
  g_return_val_if_fail (LANCER_IS_ROOM (self), FALSE);
  return self->has_last_story;
}

guint
lancer_room_get_n_outbox_waiting (LancerRoom *self)
{
  g_return_val_if_fail (LANCER_IS_ROOM (self), 0);
  return self->n_outbox_waiting;
}

guint
lancer_room_get_n_outbox_failed (LancerRoom *self)
{
  g_return_val_if_fail (LANCER_IS_ROOM (self), 0);
  return self->n_outbox_failed;
}

const char * const *
lancer_room_get_senders (LancerRoom *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (LANCER_IS_ROOM (self), none);
  return self->senders != NULL ? (const char * const *) self->senders : none;
}

const char *
lancer_room_get_user_name (LancerRoom *self)
{
  g_return_val_if_fail (LANCER_IS_ROOM (self), NULL);
  return self->user_name;
}

void
lancer_room_set_user_name (LancerRoom *self,
                           const char *user_name)
{
  g_return_if_fail (LANCER_IS_ROOM (self));

  if (g_strcmp0 (self->user_name, user_name) == 0)
    return;
  g_free (self->user_name);
  self->user_name = g_strdup (user_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_USER_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CLIENT_NAME]);
}

const char *
lancer_room_get_client_name (LancerRoom *self)
{
  g_return_val_if_fail (LANCER_IS_ROOM (self), NULL);

  if (self->contract_client != NULL && *self->contract_client != '\0')
    return self->contract_client;
  /* Without a contract, the other side is whoever wrote and is not us;
   * not knowing who we are, nobody can be named. */
  if (self->user_name == NULL)
    return NULL;
  for (guint i = 0; self->senders != NULL && self->senders[i] != NULL; i++)
    if (g_strcmp0 (self->senders[i], self->user_name) != 0)
      return self->senders[i];
  return NULL;
}

static void
lancer_room_finalize (GObject *object)
{
  LancerRoom *self = LANCER_ROOM (object);

  g_free (self->id);
  g_free (self->topic);
  g_free (self->contract_id);
  g_free (self->contract_client);
  g_free (self->last_sender);
  g_free (self->last_body);
  g_strfreev (self->senders);
  g_free (self->user_name);

  G_OBJECT_CLASS (lancer_room_parent_class)->finalize (object);
}

static void
lancer_room_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LancerRoom *self = LANCER_ROOM (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_TOPIC: g_value_set_string (value, self->topic); break;
    case PROP_CONTRACT_ID: g_value_set_string (value, self->contract_id); break;
    case PROP_CONTRACT_CLIENT: g_value_set_string (value, self->contract_client); break;
    case PROP_PROPOSAL_ID: g_value_set_int64 (value, self->proposal_id); break;
    case PROP_LAST_ACTIVITY_AT: g_value_set_int64 (value, self->last_activity_at); break;
    case PROP_UNREAD: g_value_set_uint (value, self->unread); break;
    case PROP_LAST_SENDER: g_value_set_string (value, self->last_sender); break;
    case PROP_LAST_BODY: g_value_set_string (value, self->last_body); break;
    case PROP_HAS_LAST_STORY: g_value_set_boolean (value, self->has_last_story); break;
    case PROP_N_OUTBOX_WAITING: g_value_set_uint (value, self->n_outbox_waiting); break;
    case PROP_N_OUTBOX_FAILED: g_value_set_uint (value, self->n_outbox_failed); break;
    case PROP_SENDERS: g_value_set_boxed (value, self->senders); break;
    case PROP_USER_NAME: g_value_set_string (value, self->user_name); break;
    case PROP_CLIENT_NAME: g_value_set_string (value, lancer_room_get_client_name (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_room_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LancerRoom *self = LANCER_ROOM (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_dup_string (value); break;
    case PROP_TOPIC: self->topic = g_value_dup_string (value); break;
    case PROP_CONTRACT_ID: self->contract_id = g_value_dup_string (value); break;
    case PROP_CONTRACT_CLIENT: self->contract_client = g_value_dup_string (value); break;
    case PROP_PROPOSAL_ID: self->proposal_id = g_value_get_int64 (value); break;
    case PROP_LAST_ACTIVITY_AT: self->last_activity_at = g_value_get_int64 (value); break;
    case PROP_UNREAD: self->unread = g_value_get_uint (value); break;
    case PROP_LAST_SENDER: self->last_sender = g_value_dup_string (value); break;
    case PROP_LAST_BODY: self->last_body = g_value_dup_string (value); break;
    case PROP_HAS_LAST_STORY: self->has_last_story = g_value_get_boolean (value); break;
    case PROP_N_OUTBOX_WAITING: self->n_outbox_waiting = g_value_get_uint (value); break;
    case PROP_N_OUTBOX_FAILED: self->n_outbox_failed = g_value_get_uint (value); break;
    case PROP_SENDERS: self->senders = g_value_dup_boxed (value); break;
    case PROP_USER_NAME: lancer_room_set_user_name (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define FIXED (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS)

static void
lancer_room_class_init (LancerRoomClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lancer_room_finalize;
  object_class->get_property = lancer_room_get_property;
  object_class->set_property = lancer_room_set_property;

  properties [PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, FIXED);
  properties [PROP_TOPIC] = g_param_spec_string ("topic", NULL, NULL, NULL, FIXED);
  properties [PROP_CONTRACT_ID] = g_param_spec_string ("contract-id", NULL, NULL, NULL, FIXED);
  properties [PROP_CONTRACT_CLIENT] = g_param_spec_string ("contract-client", NULL, NULL, NULL, FIXED);
  properties [PROP_PROPOSAL_ID] = g_param_spec_int64 ("proposal-id", NULL, NULL, 0, G_MAXINT64, 0, FIXED);
  properties [PROP_LAST_ACTIVITY_AT] =
    g_param_spec_int64 ("last-activity-at", NULL, NULL, 0, G_MAXINT64, 0, FIXED);
  properties [PROP_UNREAD] = g_param_spec_uint ("unread", NULL, NULL, 0, G_MAXUINT, 0, FIXED);
  properties [PROP_LAST_SENDER] = g_param_spec_string ("last-sender", NULL, NULL, NULL, FIXED);
  properties [PROP_LAST_BODY] = g_param_spec_string ("last-body", NULL, NULL, NULL, FIXED);
  properties [PROP_HAS_LAST_STORY] = g_param_spec_boolean ("has-last-story", NULL, NULL, FALSE, FIXED);
  properties [PROP_N_OUTBOX_WAITING] =
    g_param_spec_uint ("n-outbox-waiting", NULL, NULL, 0, G_MAXUINT, 0, FIXED);
  properties [PROP_N_OUTBOX_FAILED] =
    g_param_spec_uint ("n-outbox-failed", NULL, NULL, 0, G_MAXUINT, 0, FIXED);
  properties [PROP_SENDERS] = g_param_spec_boxed ("senders", NULL, NULL, G_TYPE_STRV, FIXED);
  properties [PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_CLIENT_NAME] =
    g_param_spec_string ("client-name", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lancer_room_init (LancerRoom *self)
{
}
