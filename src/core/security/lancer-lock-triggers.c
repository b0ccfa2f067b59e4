/* lancer-lock-triggers.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-security"

#include "config.h"

#include <unistd.h>

#include "lancer-lock-triggers.h"

#define LOGIND_NAME       "org.freedesktop.login1"
#define LOGIND_PATH       "/org/freedesktop/login1"
#define LOGIND_MANAGER    "org.freedesktop.login1.Manager"
#define LOGIND_SESSION    "org.freedesktop.login1.Session"

struct _LancerLockTriggers
{
  GObject          parent_instance;

  LancerLockGuard *guard;
  GSettings       *settings;
  GCancellable    *cancellable;

  guint            idle_seconds;
  gint64           last_activity;   /* monotonic µs */
  guint            idle_source;

  GDBusConnection *session_bus;
  guint            gnome_saver_sub;
  guint            fdo_saver_sub;
  GDBusConnection *system_bus;
  guint            logind_lock_sub;

  guint            watching_session : 1;
};

enum {
  PROP_0,
  PROP_GUARD,
  PROP_SETTINGS,
  PROP_IDLE_SECONDS,
  PROP_WATCHING_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerLockTriggers, lancer_lock_triggers, G_TYPE_OBJECT)

/* Idle timer */

static gboolean idle_timeout_cb (gpointer user_data);

static gboolean
idle_lock_applies (LancerLockTriggers *self)
{
  return self->idle_seconds > 0 &&
         lancer_lock_guard_get_enabled (self->guard) &&
         !lancer_lock_guard_get_locked (self->guard);
}

/* One timer for the whole idle period: input only moves the timestamp, and
 * the timer re-arms itself for what is left when it fires early. */
static void
arm_idle_timer (LancerLockTriggers *self)
{
  gint64 deadline;
  gint64 remaining_ms;

  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (!idle_lock_applies (self))
    return;

  deadline = self->last_activity + (gint64) self->idle_seconds * G_USEC_PER_SEC;
  remaining_ms = MAX (0, (deadline - g_get_monotonic_time ()) / 1000) + 1;
  self->idle_source = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) MIN (remaining_ms, G_MAXUINT),
                                          idle_timeout_cb, self, NULL);
  g_source_set_name_by_id (self->idle_source, "[lancer] idle lock");
}

static gboolean
idle_timeout_cb (gpointer user_data)
{
  LancerLockTriggers *self = user_data;
  gint64 idle_for = g_get_monotonic_time () - self->last_activity;

  self->idle_source = 0;
  if (!idle_lock_applies (self))
    return G_SOURCE_REMOVE;

  if (idle_for >= (gint64) self->idle_seconds * G_USEC_PER_SEC)
    {
      g_debug ("Locking after %u seconds without input", self->idle_seconds);
      lancer_lock_guard_lock (self->guard);
    }
  else
    arm_idle_timer (self);

  return G_SOURCE_REMOVE;
}

static void
guard_locked_changed_cb (LancerLockTriggers *self)
{
  /* Unlocking counts as activity: the idle period starts again. */
  if (!lancer_lock_guard_get_locked (self->guard))
    self->last_activity = g_get_monotonic_time ();
  arm_idle_timer (self);
}

static void
guard_enabled_changed_cb (LancerLockTriggers *self)
{
  gboolean enabled = lancer_lock_guard_get_enabled (self->guard);

  if (self->settings != NULL && g_settings_get_boolean (self->settings, "lock-enabled") != enabled)
    g_settings_set_boolean (self->settings, "lock-enabled", enabled);
  self->last_activity = g_get_monotonic_time ();
  arm_idle_timer (self);
}

/* A screen saver's ActiveChanged (TRUE: it started) and logind's Lock
 * both mean the desktop locked, so Lancer locks too. */
static void
desktop_locked_cb (GDBusConnection *connection,
                   const char      *sender_name,
                   const char      *object_path,
                   const char      *interface_name,
                   const char      *signal_name,
                   GVariant        *parameters,
                   gpointer         user_data)
{
  LancerLockTriggers *self = user_data;
  gboolean active = TRUE;

  if (g_str_equal (signal_name, "ActiveChanged"))
    {
      if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
        return;
      g_variant_get (parameters, "(b)", &active);
    }
  if (active)
    {
      g_debug ("%s.%s: locking", interface_name, signal_name);
      lancer_lock_guard_lock (self->guard);
    }
}

/* The bus from g_bus_get(), or NULL: there is none (@no_bus says what
 * that costs), or the triggers were disposed meanwhile. */
static GDBusConnection *
bus_get_finish (LancerLockTriggers *self,
                GAsyncResult       *result,
                const char         *no_bus)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);

  if (bus == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("%s: %s", no_bus, error->message);
      return NULL;
    }
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_object_unref (bus);
      return NULL;
    }
  return bus;
}

/* Session bus: the screen saver */

static void
match_rules_added_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LancerLockTriggers) self = user_data;
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  self->watching_session = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_WATCHING_SESSION]);
}

static void
session_bus_ready_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LancerLockTriggers) self = user_data;
  GDBusConnection *bus = bus_get_finish (self, result, "No session bus, so no lock on screen lock");

  if (bus == NULL)
    return;
  self->session_bus = bus;
  self->gnome_saver_sub =
    g_dbus_connection_signal_subscribe (bus, NULL, "org.gnome.ScreenSaver", "ActiveChanged",
                                        NULL, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        desktop_locked_cb, self, NULL);
  self->fdo_saver_sub =
    g_dbus_connection_signal_subscribe (bus, NULL, "org.freedesktop.ScreenSaver", "ActiveChanged",
                                        NULL, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        desktop_locked_cb, self, NULL);

  /* AddMatch is sent without a reply; a round trip after it makes sure
   * the bus has the rules before anyone is told that we are listening. */
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "GetId", NULL, NULL,
                          G_DBUS_CALL_FLAGS_NONE, 5000, self->cancellable,
                          match_rules_added_cb, g_object_ref (self));
}

/* System bus: logind */

/* @reply names our session's object; its Lock signal locks Lancer. */
static void
subscribe_logind_session (LancerLockTriggers *self,
                          GVariant           *reply)
{
  const char *session_path = NULL;

  g_variant_get (reply, "(&o)", &session_path);
  g_debug ("Watching logind session %s", session_path);
  self->logind_lock_sub =
    g_dbus_connection_signal_subscribe (self->system_bus, LOGIND_NAME, LOGIND_SESSION, "Lock",
                                        session_path, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        desktop_locked_cb, self, NULL);
}

/* Asks logind's manager for our session's object path. */
static void
ask_logind_for_session (LancerLockTriggers  *self,
                        const char          *method,
                        GVariant            *parameters,
                        GAsyncReadyCallback  callback)
{
  g_dbus_connection_call (self->system_bus, LOGIND_NAME, LOGIND_PATH, LOGIND_MANAGER,
                          method, parameters, G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, 5000,
                          self->cancellable, callback, g_object_ref (self));
}

static void
get_session_by_id_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LancerLockTriggers) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      g_debug ("logind does not know our session: %s", error->message);
      return;
    }
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  subscribe_logind_session (self, reply);
}

static void
get_session_by_pid_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(LancerLockTriggers) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *session_id;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (reply != NULL)
    {
      subscribe_logind_session (self, reply);
      return;
    }

  /* A process started outside a session (a user service, a sandbox)
   * has no session of its own; the environment may still name one. */
  session_id = g_getenv ("XDG_SESSION_ID");
  if (session_id == NULL || *session_id == '\0')
    {
      g_debug ("No logind session to watch: %s", error->message);
      return;
    }
  ask_logind_for_session (self, "GetSession", g_variant_new ("(s)", session_id), get_session_by_id_cb);
}

static void
system_bus_ready_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LancerLockTriggers) self = user_data;
  GDBusConnection *bus = bus_get_finish (self, result, "No system bus, so no lock from logind");

  if (bus == NULL)
    return;
  self->system_bus = bus;
  ask_logind_for_session (self, "GetSessionByPID", g_variant_new ("(u)", (guint32) getpid ()),
                          get_session_by_pid_cb);
}

/* Settings */

static gboolean
minutes_to_seconds (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  guint minutes = g_variant_get_uint32 (variant);

  g_value_set_uint (value, MIN (minutes, G_MAXUINT / 60) * 60);
  return TRUE;
}

static void
unsubscribe (GDBusConnection *bus,
             guint           *id)
{
  if (bus != NULL && *id != 0)
    g_dbus_connection_signal_unsubscribe (bus, *id);
  *id = 0;
}

/* GObject overrides */

static void
lancer_lock_triggers_constructed (GObject *object)
{
  LancerLockTriggers *self = LANCER_LOCK_TRIGGERS (object);

  G_OBJECT_CLASS (lancer_lock_triggers_parent_class)->constructed (object);

  g_assert (LANCER_IS_LOCK_GUARD (self->guard));

  self->last_activity = g_get_monotonic_time ();
  g_signal_connect_object (self->guard, "notify::locked",
                           G_CALLBACK (guard_locked_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->guard, "notify::enabled",
                           G_CALLBACK (guard_enabled_changed_cb), self, G_CONNECT_SWAPPED);

  if (self->settings != NULL)
    {
      g_settings_bind_with_mapping (self->settings, "lock-idle-minutes", self, "idle-seconds",
                                    G_SETTINGS_BIND_GET, minutes_to_seconds, NULL, NULL, NULL);
      guard_enabled_changed_cb (self);
    }

  g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, session_bus_ready_cb, g_object_ref (self));
  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, system_bus_ready_cb, g_object_ref (self));
}

static void
lancer_lock_triggers_dispose (GObject *object)
{
  LancerLockTriggers *self = LANCER_LOCK_TRIGGERS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  unsubscribe (self->session_bus, &self->gnome_saver_sub);
  unsubscribe (self->session_bus, &self->fdo_saver_sub);
  unsubscribe (self->system_bus, &self->logind_lock_sub);
  g_clear_object (&self->session_bus);
  g_clear_object (&self->system_bus);
  if (self->settings != NULL)
    g_settings_unbind (self, "idle-seconds");
  g_clear_object (&self->settings);
  g_clear_object (&self->guard);

  G_OBJECT_CLASS (lancer_lock_triggers_parent_class)->dispose (object);
}

static void
lancer_lock_triggers_finalize (GObject *object)
{
  LancerLockTriggers *self = LANCER_LOCK_TRIGGERS (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lancer_lock_triggers_parent_class)->finalize (object);
}

static void
lancer_lock_triggers_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LancerLockTriggers *self = LANCER_LOCK_TRIGGERS (object);

  switch (prop_id)
    {
    case PROP_GUARD:
      g_value_set_object (value, self->guard);
      break;

    case PROP_IDLE_SECONDS:
      g_value_set_uint (value, lancer_lock_triggers_get_idle_seconds (self));
      break;

    case PROP_WATCHING_SESSION:
      g_value_set_boolean (value, lancer_lock_triggers_get_watching_session (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_lock_triggers_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LancerLockTriggers *self = LANCER_LOCK_TRIGGERS (object);

  switch (prop_id)
    {
    case PROP_GUARD:
      self->guard = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_IDLE_SECONDS:
      lancer_lock_triggers_set_idle_seconds (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_lock_triggers_class_init (LancerLockTriggersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lancer_lock_triggers_constructed;
  object_class->dispose = lancer_lock_triggers_dispose;
  object_class->finalize = lancer_lock_triggers_finalize;
  object_class->get_property = lancer_lock_triggers_get_property;
  object_class->set_property = lancer_lock_triggers_set_property;

  properties [PROP_GUARD] =
    g_param_spec_object ("guard", NULL, NULL, LANCER_TYPE_LOCK_GUARD,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_IDLE_SECONDS] =
    g_param_spec_uint ("idle-seconds", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_WATCHING_SESSION] =
    g_param_spec_boolean ("watching-session", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lancer_lock_triggers_init (LancerLockTriggers *self)
{
  self->cancellable = g_cancellable_new ();
}

LancerLockTriggers *
lancer_lock_triggers_new (LancerLockGuard *guard,
                          GSettings       *settings)
{
  g_return_val_if_fail (LANCER_IS_LOCK_GUARD (guard), NULL);
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  return g_object_new (LANCER_TYPE_LOCK_TRIGGERS,
                       "guard", guard,
                       "settings", settings,
                       NULL);
}

void
lancer_lock_triggers_note_activity (LancerLockTriggers *self)
{
  g_return_if_fail (LANCER_IS_LOCK_TRIGGERS (self));

  self->last_activity = g_get_monotonic_time ();
}

guint
lancer_lock_triggers_get_idle_seconds (LancerLockTriggers *self)
{
  g_return_val_if_fail (LANCER_IS_LOCK_TRIGGERS (self), 0);

  return self->idle_seconds;
}

void
lancer_lock_triggers_set_idle_seconds (LancerLockTriggers *self,
                                       guint               seconds)
{
  g_return_if_fail (LANCER_IS_LOCK_TRIGGERS (self));

  if (self->idle_seconds == seconds)
    return;
  self->idle_seconds = seconds;
  if (self->guard != NULL)
    arm_idle_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_IDLE_SECONDS]);
}

gboolean
lancer_lock_triggers_get_watching_session (LancerLockTriggers *self)
{
  g_return_val_if_fail (LANCER_IS_LOCK_TRIGGERS (self), FALSE);

  return self->watching_session;
}
