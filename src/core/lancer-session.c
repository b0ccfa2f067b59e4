/* lancer-session.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lancer-session.h"

struct _LancerSession
{
  GObject                parent_instance;

  LancerProfileManager  *manager;
  LancerProfile         *profile;
  GSettings             *settings;
  LancerStore           *store;
  LancerLockGuard       *lock_guard;
  LancerAuditLog        *audit_log;
  GCancellable          *cancellable;

  LancerSessionState     state;
  char                  *error_message;
};

enum {
  PROP_0,
  PROP_PROFILE_MANAGER,
  PROP_PROFILE,
  PROP_STORE,
  PROP_STATE,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerSession, lancer_session, G_TYPE_OBJECT)

static void
set_state (LancerSession      *self,
           LancerSessionState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
}

static void
store_opened_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LancerSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerStore) store = lancer_store_open_finish (result, &error);

  if (store == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not open the profile's database: %s", error->message);
      g_free (self->error_message);
      self->error_message = g_strdup (error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ERROR_MESSAGE]);
      set_state (self, LANCER_SESSION_FAILED);
      return;
    }

  self->store = g_steal_pointer (&store);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
  set_state (self, LANCER_SESSION_READY);
}

void
lancer_session_open (LancerSession *self)
{
  g_return_if_fail (LANCER_IS_SESSION (self));

  if (self->store != NULL || self->cancellable != NULL)
    return;
  self->cancellable = g_cancellable_new ();
  lancer_store_open_async (self->profile, self->cancellable, store_opened_cb, g_object_ref (self));
}

static void
lancer_session_constructed (GObject *object)
{
  LancerSession *self = LANCER_SESSION (object);
  const char *dir = lancer_profile_get_dir (self->profile);

  G_OBJECT_CLASS (lancer_session_parent_class)->constructed (object);

  self->settings = lancer_profile_dup_settings (self->profile);
  self->audit_log = lancer_audit_log_new_for_profile_dir (dir);
  self->lock_guard = lancer_lock_guard_new (lancer_profile_get_id (self->profile), dir);
  lancer_lock_guard_set_audit_log (self->lock_guard, self->audit_log);
}

static void
lancer_session_dispose (GObject *object)
{
  LancerSession *self = LANCER_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->lock_guard);
  g_clear_object (&self->audit_log);
  g_clear_object (&self->settings);
  g_clear_object (&self->profile);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (lancer_session_parent_class)->dispose (object);
}

static void
lancer_session_finalize (GObject *object)
{
  LancerSession *self = LANCER_SESSION (object);

  g_free (self->error_message);

  G_OBJECT_CLASS (lancer_session_parent_class)->finalize (object);
}

static void
lancer_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LancerSession *self = LANCER_SESSION (object);

  switch (prop_id)
    {
    case PROP_PROFILE_MANAGER:
      g_value_set_object (value, self->manager);
      break;

    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_session_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LancerSession *self = LANCER_SESSION (object);

  switch (prop_id)
    {
    case PROP_PROFILE_MANAGER:
      self->manager = g_value_dup_object (value);
      break;

    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_session_class_init (LancerSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lancer_session_constructed;
  object_class->dispose = lancer_session_dispose;
  object_class->finalize = lancer_session_finalize;
  object_class->get_property = lancer_session_get_property;
  object_class->set_property = lancer_session_set_property;

  properties [PROP_PROFILE_MANAGER] =
    g_param_spec_object ("profile-manager", NULL, NULL, LANCER_TYPE_PROFILE_MANAGER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, LANCER_TYPE_PROFILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LANCER_TYPE_STORE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, LANCER_SESSION_OPENING, LANCER_SESSION_FAILED,
                      LANCER_SESSION_OPENING, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lancer_session_init (LancerSession *self)
{
  self->state = LANCER_SESSION_OPENING;
}

LancerSession *
lancer_session_new (LancerProfileManager *manager,
                    LancerProfile        *profile)
{
  g_return_val_if_fail (LANCER_IS_PROFILE_MANAGER (manager), NULL);
  g_return_val_if_fail (LANCER_IS_PROFILE (profile), NULL);

  return g_object_new (LANCER_TYPE_SESSION,
                       "profile-manager", manager,
                       "profile", profile,
                       NULL);
}

LancerProfileManager *
lancer_session_get_profile_manager (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), NULL);
  return self->manager;
}

LancerProfile *
lancer_session_get_profile (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), NULL);
  return self->profile;
}

GSettings *
lancer_session_get_settings (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), NULL);
  return self->settings;
}

LancerStore *
lancer_session_get_store (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), NULL);
  return self->store;
}

LancerLockGuard *
lancer_session_get_lock_guard (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), NULL);
  return self->lock_guard;
}

LancerAuditLog *
lancer_session_get_audit_log (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), NULL);
  return self->audit_log;
}

LancerSessionState
lancer_session_get_state (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), LANCER_SESSION_FAILED);
  return self->state;
}

const char *
lancer_session_get_error_message (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), NULL);
  return self->error_message;
}

gboolean
lancer_session_get_is_demo (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), FALSE);
  return lancer_profile_get_is_demo (self->profile);
}
