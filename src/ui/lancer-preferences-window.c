/* lancer-preferences-window.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-preferences-window.h"

struct _LancerPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GSettings            *profile_settings;

  AdwComboRow          *color_scheme_row;
  GtkSwitch            *background_switch;
  AdwEntryRow          *client_id_row;
  AdwEntryRow          *redirect_uri_row;
  GtkSpinButton        *sync_interval_spin;
  GtkSpinButton        *retention_spin;
  AdwComboRow          *ai_provider_row;
  AdwEntryRow          *ai_model_row;
  AdwEntryRow          *ai_base_url_row;
  GtkSpinButton        *idle_spin;
};

enum {
  PROP_0,
  PROP_PROFILE_SETTINGS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerPreferencesWindow, lancer_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The order of the combo rows' items in the .ui file, NULL-terminated. */
static const char * const color_schemes[] = { "system", "light", "dark", NULL };
static const char * const ai_providers[] = { "openai", "anthropic", "ollama", "openai-compatible", NULL };

static gboolean
string_to_index (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char * const *choices = user_data;
  const char *str = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_equal (choices[i], str))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
index_to_string (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  const char * const *choices = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **) choices))
    return NULL;
  return g_variant_new_string (choices[index]);
}

static void
bind_choice (GSettings          *settings,
             const char         *key,
             AdwComboRow        *row,
             const char * const *choices)
{
  g_settings_bind_with_mapping (settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                string_to_index, index_to_string, (gpointer) choices, NULL);
}

static void
lancer_preferences_window_constructed (GObject *object)
{
  LancerPreferencesWindow *self = LANCER_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (lancer_preferences_window_parent_class)->constructed (object);

  bind_choice (self->settings, "color-scheme", self->color_scheme_row, color_schemes);
  g_settings_bind (self->settings, "run-in-background",
                   self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);

  if (self->profile_settings == NULL)
    return;

  g_settings_bind (self->profile_settings, "upwork-client-id",
                   self->client_id_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->profile_settings, "upwork-redirect-uri",
                   self->redirect_uri_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->profile_settings, "sync-interval-minutes",
                   self->sync_interval_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->profile_settings, "job-retention-hours",
                   self->retention_spin, "value", G_SETTINGS_BIND_DEFAULT);
  bind_choice (self->profile_settings, "ai-provider", self->ai_provider_row, ai_providers);
  g_settings_bind (self->profile_settings, "ai-model",
                   self->ai_model_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->profile_settings, "ai-base-url",
                   self->ai_base_url_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->profile_settings, "lock-idle-minutes",
                   self->idle_spin, "value", G_SETTINGS_BIND_DEFAULT);
}

static void
lancer_preferences_window_dispose (GObject *object)
{
  LancerPreferencesWindow *self = LANCER_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_PREFERENCES_WINDOW);
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, LancerPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, LancerPreferencesWindow, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, LancerPreferencesWindow, redirect_uri_row);
  gtk_widget_class_bind_template_child (widget_class, LancerPreferencesWindow, sync_interval_spin);
  gtk_widget_class_bind_template_child (widget_class, LancerPreferencesWindow, retention_spin);
  gtk_widget_class_bind_template_child (widget_class, LancerPreferencesWindow, ai_provider_row);
  gtk_widget_class_bind_template_child (widget_class, LancerPreferencesWindow, ai_model_row);
  gtk_widget_class_bind_template_child (widget_class, LancerPreferencesWindow, ai_base_url_row);
  gtk_widget_class_bind_template_child (widget_class, LancerPreferencesWindow, idle_spin);
}

static void
lancer_preferences_window_init (LancerPreferencesWindow *self)
{
  self->settings = g_settings_new (APP_ID);

  gtk_widget_init_template (GTK_WIDGET (self));
}

LancerPreferencesWindow *
lancer_preferences_window_new (GtkWindow *parent,
                               GSettings *profile_settings)
{
  return g_object_new (LANCER_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "profile-settings", profile_settings,
                       NULL);
}
