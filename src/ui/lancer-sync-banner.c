/* lancer-sync-banner.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-sync-banner"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lancer-sync-banner.h"

struct _LancerSyncBanner
{
  GtkWidget      parent_instance;

  LancerSession *session;
  GSignalGroup  *sync_signals;
  GSignalGroup  *oauth_signals;
  char          *title;
  const char    *action_name;
  /* The sync error a refused sign-in caused: signing in again fixes it,
   * so it is not shown again once the user has. */
  char          *sign_in_error;

#if ADW_CHECK_VERSION (1, 3, 0)
  AdwBanner     *banner;
#else
  GtkRevealer   *revealer;
  GtkLabel      *label;
  GtkButton     *button;
#endif
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_REVEALED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerSyncBanner, lancer_sync_banner, GTK_TYPE_WIDGET)

static void
show_banner (LancerSyncBanner *self,
             const char       *title,
             const char       *button_label,
             const char       *action_name)
{
  gboolean was = lancer_sync_banner_get_revealed (self);

  g_free (self->title);
  self->title = g_strdup (title);
  self->action_name = action_name;
#if ADW_CHECK_VERSION (1, 3, 0)
  if (title != NULL)
    {
      adw_banner_set_title (self->banner, title);
      adw_banner_set_button_label (self->banner, button_label);
    }
  adw_banner_set_revealed (self->banner, title != NULL);
#else
  if (title != NULL)
    {
      gtk_label_set_text (self->label, title);
      gtk_button_set_label (self->button, button_label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->button), action_name);
    }
  gtk_revealer_set_reveal_child (self->revealer, title != NULL);
#endif
  if (was != (title != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REVEALED]);
}

/* Signing in again is the only fix for a refused sign-in, so it wins over
 * the sync error it causes. */
static void
update (LancerSyncBanner *self)
{
  LancerOAuth *oauth = self->session != NULL ? lancer_session_get_oauth (self->session) : NULL;
  LancerSync *sync = self->session != NULL ? lancer_session_get_sync (self->session) : NULL;

  if (sync == NULL || lancer_sync_get_state (sync) != LANCER_SYNC_STATE_ERROR)
    g_clear_pointer (&self->sign_in_error, g_free);

  if (oauth != NULL && lancer_oauth_get_needs_sign_in (oauth))
    {
      if (sync != NULL && lancer_sync_get_state (sync) == LANCER_SYNC_STATE_ERROR)
        {
          g_free (self->sign_in_error);
          self->sign_in_error = g_strdup (lancer_sync_get_last_error (sync));
        }
      show_banner (self,
                   _("Upwork ended the sign-in. Your stored data stays available; sign in again to keep it up to date."),
                   _("_Sign In Again…"), "app.connect-upwork");
    }
  else if (sync != NULL && lancer_sync_get_state (sync) == LANCER_SYNC_STATE_ERROR &&
           lancer_sync_get_last_error (sync) != NULL &&
           g_strcmp0 (lancer_sync_get_last_error (sync), self->sign_in_error) != 0)
    {
      /* Translators: shown in a banner under the header bar; %s says why */
      g_autofree char *title = g_strdup_printf (_("The last sync failed: %s"), lancer_sync_get_last_error (sync));

      show_banner (self, title, _("_Try Again"), "app.sync-now");
    }
  else
    show_banner (self, NULL, NULL, NULL);
}

static void
follow_session_services (LancerSyncBanner *self)
{
  g_signal_group_set_target (self->sync_signals,
                             self->session != NULL ? lancer_session_get_sync (self->session) : NULL);
  g_signal_group_set_target (self->oauth_signals,
                             self->session != NULL ? lancer_session_get_oauth (self->session) : NULL);
  update (self);
}

#if ADW_CHECK_VERSION (1, 3, 0)
static void
button_clicked_cb (LancerSyncBanner *self)
{
  if (self->action_name != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), self->action_name, NULL);
}
#endif

LancerSession *
lancer_sync_banner_get_session (LancerSyncBanner *self)
{
  g_return_val_if_fail (LANCER_IS_SYNC_BANNER (self), NULL);
  return self->session;
}

void
lancer_sync_banner_set_session (LancerSyncBanner *self,
                                LancerSession    *session)
{
  g_return_if_fail (LANCER_IS_SYNC_BANNER (self));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, follow_session_services, self);
  if (!g_set_object (&self->session, session))
    return;
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::sync", G_CALLBACK (follow_session_services), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::state", G_CALLBACK (follow_session_services), self,
                               G_CONNECT_SWAPPED);
    }
  follow_session_services (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

gboolean
lancer_sync_banner_get_revealed (LancerSyncBanner *self)
{
  g_return_val_if_fail (LANCER_IS_SYNC_BANNER (self), FALSE);
  return self->title != NULL;
}

const char *
lancer_sync_banner_get_title (LancerSyncBanner *self)
{
  g_return_val_if_fail (LANCER_IS_SYNC_BANNER (self), NULL);
  return self->title;
}

static void
lancer_sync_banner_dispose (GObject *object)
{
  LancerSyncBanner *self = LANCER_SYNC_BANNER (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, follow_session_services, self);
  g_clear_object (&self->session);
  g_clear_object (&self->sync_signals);
  g_clear_object (&self->oauth_signals);
#if ADW_CHECK_VERSION (1, 3, 0)
  g_clear_pointer ((GtkWidget **) &self->banner, gtk_widget_unparent);
#else
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_SYNC_BANNER);
#endif
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->sign_in_error, g_free);

  G_OBJECT_CLASS (lancer_sync_banner_parent_class)->dispose (object);
}

static void
lancer_sync_banner_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LancerSyncBanner *self = LANCER_SYNC_BANNER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_REVEALED:
      g_value_set_boolean (value, lancer_sync_banner_get_revealed (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_sync_banner_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LancerSyncBanner *self = LANCER_SYNC_BANNER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      lancer_sync_banner_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_sync_banner_class_init (LancerSyncBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_sync_banner_dispose;
  object_class->get_property = lancer_sync_banner_get_property;
  object_class->set_property = lancer_sync_banner_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LANCER_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
#if !ADW_CHECK_VERSION (1, 3, 0)
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-sync-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerSyncBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, LancerSyncBanner, label);
  gtk_widget_class_bind_template_child (widget_class, LancerSyncBanner, button);
#endif
}

static void
lancer_sync_banner_init (LancerSyncBanner *self)
{
#if ADW_CHECK_VERSION (1, 3, 0)
  self->banner = ADW_BANNER (adw_banner_new (""));
  gtk_widget_set_parent (GTK_WIDGET (self->banner), GTK_WIDGET (self));
  g_signal_connect_swapped (self->banner, "button-clicked", G_CALLBACK (button_clicked_cb), self);
#else
  gtk_widget_init_template (GTK_WIDGET (self));
#endif

  self->sync_signals = g_signal_group_new (LANCER_TYPE_SYNC);
  g_signal_group_connect_swapped (self->sync_signals, "notify::state", G_CALLBACK (update), self);
  g_signal_group_connect_swapped (self->sync_signals, "notify::last-synced", G_CALLBACK (update), self);
  self->oauth_signals = g_signal_group_new (LANCER_TYPE_OAUTH);
  g_signal_group_connect_swapped (self->oauth_signals, "notify::needs-sign-in", G_CALLBACK (update), self);
}
