/* lancer-window.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-analytics-page.h"
#include "lancer-diary-page.h"
#include "lancer-jobs-page.h"
#include "lancer-messages-page.h"
#include "lancer-proposals-page.h"
#include "lancer-window.h"

struct _LancerWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  LancerSession        *session;

  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *stack;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerWindow, lancer_window, ADW_TYPE_APPLICATION_WINDOW)

static const char * const page_names[] = { "jobs", "proposals", "messages", "diary", "analytics" };

static gboolean
is_page_name (const char *name)
{
  return name != NULL && g_strv_contains (page_names, name);
}

/* Geometry is saved when the window closes rather than on every resize:
 * GSettings writes are cheap, but not free, and a resize emits many. */
static void
lancer_window_save_state (LancerWindow *self)
{
  int width = 0, height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_string (self->settings, "last-page", lancer_window_get_page (self));
  g_settings_apply (self->settings);
}

static gboolean
lancer_window_close_request (GtkWindow *window)
{
  lancer_window_save_state (LANCER_WINDOW (window));

  return GTK_WINDOW_CLASS (lancer_window_parent_class)->close_request (window);
}

static void
show_page_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  lancer_window_show_page (LANCER_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
lancer_window_constructed (GObject *object)
{
  LancerWindow *self = LANCER_WINDOW (object);
  g_autofree char *page = NULL;

  G_OBJECT_CLASS (lancer_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  page = g_settings_get_string (self->settings, "last-page");
  lancer_window_show_page (self, page);
}

static void
lancer_window_dispose (GObject *object)
{
  LancerWindow *self = LANCER_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lancer_window_parent_class)->dispose (object);
}

static void
lancer_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LancerWindow *self = LANCER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LancerWindow *self = LANCER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_window_class_init (LancerWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = lancer_window_constructed;
  object_class->dispose = lancer_window_dispose;
  object_class->get_property = lancer_window_get_property;
  object_class->set_property = lancer_window_set_property;
  window_class->close_request = lancer_window_close_request;

  /* The pages bind to it from the template; NULL only in a few UI tests. */
  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LANCER_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LANCER_TYPE_JOBS_PAGE);
  g_type_ensure (LANCER_TYPE_PROPOSALS_PAGE);
  g_type_ensure (LANCER_TYPE_MESSAGES_PAGE);
  g_type_ensure (LANCER_TYPE_DIARY_PAGE);
  g_type_ensure (LANCER_TYPE_ANALYTICS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LancerWindow, stack);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action_cb);
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-page", "s", page_names[i]);
}

static void
lancer_window_init (LancerWindow *self)
{
  self->settings = g_settings_new (APP_ID);

  gtk_widget_init_template (GTK_WIDGET (self));
}

LancerWindow *
lancer_window_new (GtkApplication *application,
                   LancerSession  *session)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (!session || LANCER_IS_SESSION (session), NULL);

  return g_object_new (LANCER_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       NULL);
}

LancerSession *
lancer_window_get_session (LancerWindow *self)
{
  g_return_val_if_fail (LANCER_IS_WINDOW (self), NULL);

  return self->session;
}

void
lancer_window_show_page (LancerWindow *self,
                         const char   *name)
{
  g_return_if_fail (LANCER_IS_WINDOW (self));

  if (!is_page_name (name))
    name = page_names[0];
  adw_view_stack_set_visible_child_name (self->stack, name);
}

const char *
lancer_window_get_page (LancerWindow *self)
{
  const char *name;

  g_return_val_if_fail (LANCER_IS_WINDOW (self), NULL);

  name = adw_view_stack_get_visible_child_name (self->stack);
  return name != NULL ? name : page_names[0];
}

void
lancer_window_add_toast (LancerWindow *self,
                         AdwToast     *toast)
{
  g_return_if_fail (LANCER_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
