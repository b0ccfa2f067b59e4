/* lancer-sync-button.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-sync-button"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-format.h"
#include "lancer-sync-button.h"

struct _LancerSyncButton
{
  GtkWidget      parent_instance;

  LancerSession *session;
  LancerSync    *sync;
  LancerOAuth   *oauth;
  gboolean       needs_sign_in;

  GtkButton     *button;
  GtkStack      *stack;
  GtkSpinner    *spinner;
  GtkImage      *icon;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_NEEDS_SIGN_IN,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerSyncButton, lancer_sync_button, GTK_TYPE_WIDGET)

static void
update (LancerSyncButton *self)
{
  gboolean needs_sign_in = self->oauth != NULL && lancer_oauth_get_needs_sign_in (self->oauth);
  LancerSyncState state;
  g_autofree char *tooltip = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), self->sync != NULL);
  if (self->needs_sign_in != needs_sign_in)
    {
      self->needs_sign_in = needs_sign_in;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NEEDS_SIGN_IN]);
    }
  if (self->sync == NULL)
    return;

  state = lancer_sync_get_state (self->sync);
  if (state == LANCER_SYNC_STATE_SYNCING)
    {
      gtk_spinner_set_spinning (self->spinner, TRUE);
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->spinner));
      tooltip = g_strdup (_("Syncing with Upwork…"));
    }
  else
    {
      gint64 last = lancer_sync_get_last_synced (self->sync);
      const char *error = lancer_sync_get_last_error (self->sync);

      gtk_spinner_set_spinning (self->spinner, FALSE);
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->icon));
      if (state == LANCER_SYNC_STATE_ERROR && error != NULL)
        {
          gtk_image_set_from_icon_name (self->icon, "dialog-warning-symbolic");
          /* Translators: the tooltip of the sync button after a failed sync */
          tooltip = g_strdup_printf (_("The last sync failed: %s\nClick to try again."), error);
        }
      else if (last > 0)
        {
          g_autofree char *when = lancer_format_relative_time (last, g_get_real_time () / G_USEC_PER_SEC);

          gtk_image_set_from_icon_name (self->icon, "emblem-synchronizing-symbolic");
          const char *warning = lancer_sync_get_last_warning (self->sync);

          /* Translators: e.g. "Synced 5 minutes ago. Click to sync now." */
          tooltip = g_strdup_printf (_("Synced %s. Click to sync now."), when);
          if (warning != NULL)
            {
              g_autofree char *synced = g_steal_pointer (&tooltip);

              tooltip = g_strconcat (synced, "\n", warning, NULL);
            }
        }
      else
        {
          gtk_image_set_from_icon_name (self->icon, "emblem-synchronizing-symbolic");
          tooltip = g_strdup (_("Not synced yet. Click to sync now."));
        }
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
}

static void
clicked_cb (LancerSyncButton *self)
{
  if (self->sync != NULL && lancer_sync_get_state (self->sync) != LANCER_SYNC_STATE_SYNCING)
    lancer_sync_run_async (self->sync, LANCER_SYNC_ALL, NULL, NULL, NULL);
}

static void
sync_changed_cb (LancerSyncButton *self)
{
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  if (self->oauth != NULL)
    g_signal_handlers_disconnect_by_data (self->oauth, self);
  g_clear_object (&self->sync);
  g_clear_object (&self->oauth);
  if (self->session != NULL && lancer_session_get_sync (self->session) != NULL)
    self->sync = g_object_ref (lancer_session_get_sync (self->session));
  if (self->session != NULL && lancer_session_get_oauth (self->session) != NULL)
    self->oauth = g_object_ref (lancer_session_get_oauth (self->session));
  if (self->sync != NULL)
    {
      g_signal_connect_object (self->sync, "notify::state", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->sync, "notify::last-synced", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }
  if (self->oauth != NULL)
    g_signal_connect_object (self->oauth, "notify::needs-sign-in", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

LancerSession *
lancer_sync_button_get_session (LancerSyncButton *self)
{
  g_return_val_if_fail (LANCER_IS_SYNC_BUTTON (self), NULL);
  return self->session;
}

void
lancer_sync_button_set_session (LancerSyncButton *self,
                                LancerSession    *session)
{
  g_return_if_fail (LANCER_IS_SYNC_BUTTON (self));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (session, "notify::sync", G_CALLBACK (sync_changed_cb), self, G_CONNECT_SWAPPED);
  sync_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

gboolean
lancer_sync_button_get_needs_sign_in (LancerSyncButton *self)
{
  g_return_val_if_fail (LANCER_IS_SYNC_BUTTON (self), FALSE);
  return self->needs_sign_in;
}

static void
lancer_sync_button_dispose (GObject *object)
{
  LancerSyncButton *self = LANCER_SYNC_BUTTON (object);

  if (self->button != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->button));
      self->button = NULL;
    }
  g_clear_object (&self->sync);
  g_clear_object (&self->oauth);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lancer_sync_button_parent_class)->dispose (object);
}

static void
lancer_sync_button_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LancerSyncButton *self = LANCER_SYNC_BUTTON (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_NEEDS_SIGN_IN:
      g_value_set_boolean (value, self->needs_sign_in);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_sync_button_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LancerSyncButton *self = LANCER_SYNC_BUTTON (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      lancer_sync_button_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_sync_button_class_init (LancerSyncButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_sync_button_dispose;
  object_class->get_property = lancer_sync_button_get_property;
  object_class->set_property = lancer_sync_button_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LANCER_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_NEEDS_SIGN_IN] =
    g_param_spec_boolean ("needs-sign-in", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lancer_sync_button_init (LancerSyncButton *self)
{
  self->button = GTK_BUTTON (gtk_button_new ());
  self->stack = GTK_STACK (gtk_stack_new ());
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  self->icon = GTK_IMAGE (gtk_image_new_from_icon_name ("emblem-synchronizing-symbolic"));
  gtk_stack_add_child (self->stack, GTK_WIDGET (self->icon));
  gtk_stack_add_child (self->stack, GTK_WIDGET (self->spinner));
  gtk_button_set_child (self->button, GTK_WIDGET (self->stack));
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sync with Upwork"), -1);
  g_signal_connect_swapped (self->button, "clicked", G_CALLBACK (clicked_cb), self);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
