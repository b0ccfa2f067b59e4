/* lancer-sync-status-bar.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-sync-status-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-format.h"
#include "lancer-store-pipeline.h"
#include "lancer-sync-status-bar.h"

struct _LancerSyncStatusBar
{
  GtkWidget     parent_instance;

  GtkWidget    *box;
  GtkWidget    *icon;
  GtkWidget    *label;

  LancerStore  *store;
  char        **resources;
  GCancellable *cancellable;
  guint         tick_id;
};

G_DEFINE_FINAL_TYPE (LancerSyncStatusBar, lancer_sync_status_bar, GTK_TYPE_WIDGET)

static void refresh (LancerSyncStatusBar *self);

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LancerSyncStatusBar) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSyncStatus) status = NULL;
  g_autofree char *text = NULL;
  const char *icon = "emblem-ok-symbolic";
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  status = lancer_store_get_sync_status_finish (LANCER_STORE (object), result, &error);
  /* The store completes work that already ran even if it was cancelled
   * since: after dispose there is no box to fill. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->box == NULL)
    return;

  gtk_widget_remove_css_class (self->box, "error");
  if (status == NULL)
    {
      text = g_strdup (_("Sync state unknown: showing stored data"));
      icon = "dialog-warning-symbolic";
    }
  else if (status->last_error != NULL)
    {
      /* Translators: %s is the reason, already translated. */
      text = g_strdup_printf (_("Last sync failed: %s. Showing stored data."), status->last_error);
      icon = "dialog-warning-symbolic";
      gtk_widget_add_css_class (self->box, "error");
    }
  else if (status->last_attempt_at > status->last_success_at && now - status->last_attempt_at < 300)
    {
      text = g_strdup (_("Syncing…"));
      icon = "emblem-synchronizing-symbolic";
    }
  else if (status->last_success_at <= 0)
    {
      text = g_strdup (_("Not synced yet: showing what is stored on this computer"));
      icon = "network-offline-symbolic";
    }
  else
    {
      g_autofree char *when = lancer_format_relative_time (status->last_success_at, now);

      /* Translators: %s is a relative time such as "5 minutes ago". */
      text = g_strdup_printf (_("Synced %s"), when);
    }
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), icon);
  gtk_label_set_label (GTK_LABEL (self->label), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
refresh (LancerSyncStatusBar *self)
{
  if (self->store == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  lancer_store_get_sync_status_async (self->store, (const char * const *) self->resources,
                                      self->cancellable, status_cb, g_object_ref (self));
}

static gboolean
tick_cb (gpointer data)
{
  refresh (data);
  return G_SOURCE_CONTINUE;
}

void
lancer_sync_status_bar_set_store (LancerSyncStatusBar *self,
                                  LancerStore         *store)
{
  g_return_if_fail (LANCER_IS_SYNC_STATUS_BAR (self));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_object (store, "changed::sync_state", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
      refresh (self);
    }
}

const char *
lancer_sync_status_bar_get_text (LancerSyncStatusBar *self)
{
  g_return_val_if_fail (LANCER_IS_SYNC_STATUS_BAR (self), NULL);
  return gtk_label_get_label (GTK_LABEL (self->label));
}

static void
lancer_sync_status_bar_dispose (GObject *object)
{
  LancerSyncStatusBar *self = LANCER_SYNC_STATUS_BAR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (lancer_sync_status_bar_parent_class)->dispose (object);
}

static void
lancer_sync_status_bar_finalize (GObject *object)
{
  g_strfreev (LANCER_SYNC_STATUS_BAR (object)->resources);
  G_OBJECT_CLASS (lancer_sync_status_bar_parent_class)->finalize (object);
}

static void
lancer_sync_status_bar_class_init (LancerSyncStatusBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_sync_status_bar_dispose;
  object_class->finalize = lancer_sync_status_bar_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "syncstatus");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
lancer_sync_status_bar_init (LancerSyncStatusBar *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (self->box, "sync-status");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->icon = gtk_image_new_from_icon_name ("emblem-synchronizing-symbolic");
  gtk_box_append (GTK_BOX (self->box), self->icon);
  self->label = gtk_label_new (_("Checking sync state…"));
  /* Wrapped, not cut off: at 360 px the whole sentence still shows. */
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_widget_set_hexpand (self->label, TRUE);
  gtk_box_append (GTK_BOX (self->box), self->label);
  /* Relative times go stale; a minute is fine grain enough. */
  self->tick_id = g_timeout_add_seconds (60, tick_cb, self);
}

GtkWidget *
lancer_sync_status_bar_new (const char * const *resources)
{
  LancerSyncStatusBar *self = g_object_new (LANCER_TYPE_SYNC_STATUS_BAR, NULL);

  self->resources = g_strdupv ((char **) resources);
  return GTK_WIDGET (self);
}
