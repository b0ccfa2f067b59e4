/* lancer-application.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-application"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-application.h"
#include "lancer-bench-frame.h"
#include "lancer-preferences-window.h"
#include "lancer-profile-manager.h"
#include "lancer-session.h"
#include "lancer-window.h"

struct _LancerApplication
{
  AdwApplication  parent_instance;

  GSettings            *settings;
  LancerProfileManager *profiles;
  LancerSession        *session;
};

G_DEFINE_FINAL_TYPE (LancerApplication, lancer_application, ADW_TYPE_APPLICATION)

static LancerWindow *
get_main_window (LancerApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (LANCER_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
lancer_application_activate (GApplication *app)
{
  LancerApplication *self = LANCER_APPLICATION (app);
  LancerWindow *window = get_main_window (self);

  if (window == NULL)
    {
      window = lancer_window_new (GTK_APPLICATION (self), self->session);
      lancer_bench_frame_watch (GTK_WINDOW (window));
    }
  gtk_window_present (GTK_WINDOW (window));
}

static gboolean
color_scheme_to_adw (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  const char *str = g_variant_get_string (variant, NULL);

  if (g_str_equal (str, "light"))
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_str_equal (str, "dark"))
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    g_value_set_enum (value, ADW_COLOR_SCHEME_DEFAULT);
  return TRUE;
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  LancerApplication *self = user_data;
  LancerPreferencesWindow *prefs;

  prefs = lancer_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                         lancer_application_get_profile_settings (self));
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  LancerApplication *self = user_data;
  static const char *developers[] = { "The Lancer authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Lancer"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Lancer authors"),
                         "developers", developers,
                         "comments", _("Run your Upwork business from the desktop: find jobs first, "
                                       "write proposals in your own voice and follow every job to money."),
                         "website", "https://github.com/lancerdesk/lancer",
                         "issue-url", "https://github.com/lancerdesk/lancer/issues",
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 The Lancer authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  LancerApplication *self = user_data;
  LancerWindow *window = get_main_window (self);

  /* Closing through the window saves its size and page first. */
  if (window != NULL)
    gtk_window_close (GTK_WINDOW (window));
  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { .name = "preferences", .activate = preferences_action_cb },
  { .name = "about", .activate = about_action_cb },
  { .name = "quit", .activate = quit_action_cb },
};

static void
lancer_application_startup (GApplication *app)
{
  LancerApplication *self = LANCER_APPLICATION (app);
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  const char *requested;

  G_APPLICATION_CLASS (lancer_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);

  /* The profile used last, or a new one on first start. LANCER_PROFILE
   * picks another one by name (benchmarks and tests use it). */
  self->profiles = lancer_profile_manager_new (NULL);
  requested = g_getenv ("LANCER_PROFILE");
  if (requested != NULL && *requested != '\0')
    {
      profile = lancer_profile_manager_lookup (self->profiles, requested);
      if (profile == NULL)
        profile = lancer_profile_manager_create (self->profiles, requested, FALSE, &error);
    }
  else
    profile = lancer_profile_manager_ensure_default (self->profiles, &error);

  if (profile != NULL)
    {
      lancer_profile_manager_set_last_used (self->profiles, profile);
      self->session = lancer_session_new (self->profiles, profile);
      lancer_session_open (self->session);
    }
  else
    g_warning ("No profile could be opened: %s", error->message);

  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                adw_style_manager_get_default (), "color-scheme",
                                G_SETTINGS_BIND_GET, color_scheme_to_adw, NULL, NULL, NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", help_accels);
}

static void
lancer_application_dispose (GObject *object)
{
  LancerApplication *self = LANCER_APPLICATION (object);

  g_clear_object (&self->session);
  g_clear_object (&self->profiles);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lancer_application_parent_class)->dispose (object);
}

static void
lancer_application_class_init (LancerApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = lancer_application_dispose;
  app_class->activate = lancer_application_activate;
  app_class->startup = lancer_application_startup;
}

static void
lancer_application_init (LancerApplication *self)
{
}

LancerApplication *
lancer_application_new (const char        *application_id,
                        GApplicationFlags  flags)
{
  return g_object_new (LANCER_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

GSettings *
lancer_application_get_settings (LancerApplication *self)
{
  g_return_val_if_fail (LANCER_IS_APPLICATION (self), NULL);

  return self->settings;
}

GSettings *
lancer_application_get_profile_settings (LancerApplication *self)
{
  g_return_val_if_fail (LANCER_IS_APPLICATION (self), NULL);

  return self->session != NULL ? lancer_session_get_settings (self->session) : NULL;
}

LancerSession *
lancer_application_get_session (LancerApplication *self)
{
  g_return_val_if_fail (LANCER_IS_APPLICATION (self), NULL);

  return self->session;
}
