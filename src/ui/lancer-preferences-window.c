/* lancer-preferences-window.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-preferences"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lancer-alerts-preferences.h"
#include "lancer-ai-preferences-page.h"
#include "lancer-audit-window.h"
#include "lancer-lock-enrol-window.h"
#include "lancer-preferences-window.h"
#include "lancer-session.h"
#include "lancer-settings-choice-private.h"
#include "lancer-upwork-preferences-page.h"
#include "lancer-window.h"

struct _LancerPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GSettings            *profile_settings;

  AdwComboRow          *color_scheme_row;
  GtkSwitch            *background_switch;
  LancerUpworkPreferencesPage *upwork_page;
  LancerAiPreferencesPage *ai_page;
  GtkSpinButton        *idle_spin;

  /* Security page */
  LancerSession        *session;
  GHashTable           *changed_keys;
  guint                 audit_source;
  gboolean              syncing_lock_switch;
  AdwActionRow         *lock_row;
  GtkSwitch            *lock_switch;
  AdwActionRow         *idle_row;
  AdwActionRow         *recovery_row;
  AdwActionRow         *audit_row;
};

enum {
  PROP_0,
  PROP_PROFILE_SETTINGS,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerPreferencesWindow, lancer_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The order of the combo rows' items in the .ui file, NULL-terminated. */
static const char * const color_schemes[] = { "system", "light", "dark", NULL };

/* Security page */

/* Settings whose new value goes into the activity log; for the others
 * (addresses, IDs) only the key does. */
static const char * const audited_values[] = {
  "ai-provider", "ai-model", "lock-idle-minutes", "sync-interval-minutes", "job-retention-hours", NULL
};

static LancerLockGuard *
get_lock_guard (LancerPreferencesWindow *self)
{
  return self->session != NULL ? lancer_session_get_lock_guard (self->session) : NULL;
}

static void
update_lock_rows (LancerPreferencesWindow *self)
{
  LancerLockGuard *guard = get_lock_guard (self);
  gboolean enabled = guard != NULL && lancer_lock_guard_get_enabled (guard);

  /* The switch shows the guard's state, never a wish: it moves only when
   * enrolling or turning off has worked. */
  self->syncing_lock_switch = TRUE;
  gtk_switch_set_active (self->lock_switch, enabled);
  gtk_switch_set_state (self->lock_switch, enabled);
  self->syncing_lock_switch = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->lock_row), guard != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->idle_row), enabled);
  gtk_widget_set_visible (GTK_WIDGET (self->recovery_row), enabled);
  gtk_widget_set_sensitive (GTK_WIDGET (self->audit_row), self->session != NULL);
  if (enabled)
    {
      guint left = lancer_lock_guard_get_recovery_codes_left (guard);
      g_autofree char *subtitle = NULL;

      subtitle = g_strdup_printf (ngettext ("%u unused code left. New codes replace all old ones.",
                                            "%u unused codes left. New codes replace all old ones.",
                                            left),
                                  left);
      adw_action_row_set_subtitle (self->recovery_row, subtitle);
    }
}

static void
open_enrol_window (LancerPreferencesWindow *self,
                   LancerLockEnrolMode      mode)
{
  LancerLockGuard *guard = get_lock_guard (self);
  LancerLockEnrolWindow *window;

  if (guard == NULL)
    return;
  window = lancer_lock_enrol_window_new (GTK_WINDOW (self), guard,
                                         lancer_profile_get_display_name (lancer_session_get_profile (self->session)),
                                         mode);
  g_signal_connect_object (window, "destroy", G_CALLBACK (update_lock_rows), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

static void
lock_switch_active_cb (LancerPreferencesWindow *self)
{
  LancerLockGuard *guard = get_lock_guard (self);
  gboolean wanted;

  if (self->syncing_lock_switch || guard == NULL)
    return;
  wanted = gtk_switch_get_active (self->lock_switch);
  if (wanted == lancer_lock_guard_get_enabled (guard))
    return;
  update_lock_rows (self);
  open_enrol_window (self, wanted ? LANCER_LOCK_ENROL_MODE_ENABLE : LANCER_LOCK_ENROL_MODE_DISABLE);
}

static void
recovery_row_activated_cb (LancerPreferencesWindow *self)
{
  open_enrol_window (self, LANCER_LOCK_ENROL_MODE_NEW_CODES);
}

static void
audit_row_activated_cb (LancerPreferencesWindow *self)
{
  LancerAuditWindow *window;

  if (self->session == NULL)
    return;
  window = lancer_audit_window_new (GTK_WINDOW (self), lancer_session_get_audit_log (self->session));
  gtk_window_present (GTK_WINDOW (window));
}

/* Typing in an entry row writes the setting on every key press: the log
 * gets one line per setting once the typing stops. */
static gboolean
flush_settings_audit (gpointer user_data)
{
  LancerPreferencesWindow *self = user_data;
  g_autofree const char **keys = NULL;
  guint n = 0;

  self->audit_source = 0;
  if (self->session == NULL || self->profile_settings == NULL)
    {
      g_hash_table_remove_all (self->changed_keys);
      return G_SOURCE_REMOVE;
    }

  keys = (const char **) g_hash_table_get_keys_as_array (self->changed_keys, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *detail = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, keys[i]);
      if (g_strv_contains (audited_values, keys[i]))
        {
          g_autoptr(GVariant) value = g_settings_get_value (self->profile_settings, keys[i]);

          json_builder_set_member_name (builder, "value");
          json_builder_add_value (builder, json_gvariant_serialize (value));
        }
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      detail = json_to_string (root, FALSE);
      lancer_audit_record (lancer_session_get_audit_log (self->session), LANCER_AUDIT_SETTINGS,
                           "changed", detail);
    }
  g_hash_table_remove_all (self->changed_keys);
  return G_SOURCE_REMOVE;
}

static void
profile_setting_changed_cb (LancerPreferencesWindow *self,
                            const char              *key)
{
  /* The lock records its own changes, with how they were confirmed. */
  if (g_str_equal (key, "lock-enabled"))
    return;
  g_hash_table_add (self->changed_keys, g_strdup (key));
  g_clear_handle_id (&self->audit_source, g_source_remove);
  self->audit_source = g_timeout_add (1500, flush_settings_audit, self);
}

static void
set_session (LancerPreferencesWindow *self,
             LancerSession           *session)
{
  if (self->session != NULL || session == NULL)
    return;
  self->session = g_object_ref (session);
  lancer_ai_preferences_page_set_session (self->ai_page, session);
  lancer_upwork_preferences_page_set_session (self->upwork_page, session);
  g_signal_connect_object (lancer_session_get_lock_guard (session), "notify::enabled",
                           G_CALLBACK (update_lock_rows), self, G_CONNECT_SWAPPED);
  update_lock_rows (self);
}

/* Opened from the main window without a session of its own: use the
 * window's. Transient-for is set after construction, hence the signal. */
static void
transient_for_changed_cb (LancerPreferencesWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (self->session == NULL && LANCER_IS_WINDOW (parent))
    set_session (self, lancer_window_get_session (LANCER_WINDOW (parent)));
}

static void
lancer_preferences_window_constructed (GObject *object)
{
  LancerPreferencesWindow *self = LANCER_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (lancer_preferences_window_parent_class)->constructed (object);

  update_lock_rows (self);
  g_signal_connect (self, "notify::transient-for", G_CALLBACK (transient_for_changed_cb), NULL);
  if (self->profile_settings != NULL)
    g_signal_connect_object (self->profile_settings, "changed",
                             G_CALLBACK (profile_setting_changed_cb), self, G_CONNECT_SWAPPED);

  _lancer_settings_bind_choice (self->settings, "color-scheme", self->color_scheme_row, color_schemes);
  g_settings_bind (self->settings, "run-in-background",
                   self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);

  if (self->profile_settings == NULL)
    return;

  lancer_upwork_preferences_page_set_settings (self->upwork_page, self->profile_settings);
  g_settings_bind (self->profile_settings, "lock-idle-minutes",
                   self->idle_spin, "value", G_SETTINGS_BIND_DEFAULT);

  /* Alerts: its own page; it finds the session itself. */
  {
    LancerAlertsPreferences *alerts = lancer_alerts_preferences_new (self->settings, self->profile_settings);

    if (self->session != NULL)
      lancer_alerts_preferences_set_session (alerts, self->session);
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (alerts));
  }
}

static void
lancer_preferences_window_dispose (GObject *object)
{
  LancerPreferencesWindow *self = LANCER_PREFERENCES_WINDOW (object);

  if (self->audit_source != 0)
    {
      g_clear_handle_id (&self->audit_source, g_source_remove);
      flush_settings_audit (self);
    }
  if (self->profile_settings != NULL)
    g_signal_handlers_disconnect_by_func (self->profile_settings, profile_setting_changed_cb, self);
  g_clear_pointer (&self->changed_keys, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->profile_settings);

  G_OBJECT_CLASS (lancer_preferences_window_parent_class)->dispose (object);
}

static void
lancer_preferences_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  LancerPreferencesWindow *self = LANCER_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROFILE_SETTINGS:
      self->profile_settings = g_value_dup_object (value);
      break;

    case PROP_SESSION:
      set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_preferences_window_class_init (LancerPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lancer_preferences_window_constructed;
  object_class->dispose = lancer_preferences_window_dispose;
  object_class->set_property = lancer_preferences_window_set_property;

  properties [PROP_PROFILE_SETTINGS] =
    g_param_spec_object ("profile-settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* Optional: without it the session of the transient parent is used. */
  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         LANCER_TYPE_SESSION,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LANCER_TYPE_AI_PREFERENCES_PAGE);
  g_type_ensure (LANCER_TYPE_UPWORK_PREFERENCES_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, LancerPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, LancerPreferencesWindow, upwork_page);
  gtk_widget_class_bind_template_child (widget_class, LancerPreferencesWindow, ai_page);
  gtk_widget_class_bind_template_child (widget_class, LancerPreferencesWindow, idle_spin);
  gtk_widget_class_bind_template_child (widget_class, LancerPreferencesWindow, lock_row);
  gtk_widget_class_bind_template_child (widget_class, LancerPreferencesWindow, lock_switch);
  gtk_widget_class_bind_template_child (widget_class, LancerPreferencesWindow, idle_row);
  gtk_widget_class_bind_template_child (widget_class, LancerPreferencesWindow, recovery_row);
  gtk_widget_class_bind_template_child (widget_class, LancerPreferencesWindow, audit_row);
  gtk_widget_class_bind_template_callback (widget_class, lock_switch_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, recovery_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, audit_row_activated_cb);
}

static void
lancer_preferences_window_init (LancerPreferencesWindow *self)
{
  self->settings = g_settings_new (APP_ID);
  self->changed_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
}

LancerPreferencesWindow *
lancer_preferences_window_new (GtkWindow *parent,
                               GSettings *profile_settings)
{
  return g_object_new (LANCER_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       /* app.* actions (Sign In…) resolve only in an application's window */
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "modal", TRUE,
                       "profile-settings", profile_settings,
                       NULL);
}
