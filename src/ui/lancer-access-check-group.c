/* lancer-access-check-group.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-access-check-group"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-access-check-group.h"
#include "lancer-upwork-access.h"

struct _LancerAccessCheckGroup
{
  AdwPreferencesGroup  parent_instance;

  LancerUpworkClient  *client;
  GCancellable        *cancellable;
  GPtrArray           *rows;         /* the result rows shown, to remove them */
  GString             *summary;

  GtkSpinner          *spinner;
  GtkButton           *check_button;
};

G_DEFINE_FINAL_TYPE (LancerAccessCheckGroup, lancer_access_check_group, ADW_TYPE_PREFERENCES_GROUP)

static void
clear_rows (LancerAccessCheckGroup *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_string_truncate (self->summary, 0);
}

static void
add_result_row (LancerAccessCheckGroup *self,
                const char             *title,
                const char             *subtitle,
                const char             *icon,
                const char             *css_class)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *image = gtk_image_new_from_icon_name (icon);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (image, css_class);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
  g_string_append_printf (self->summary, "%s: %s\n", title, subtitle);
}

static void
set_busy (LancerAccessCheckGroup *self,
          gboolean                busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->check_button), !busy && self->client != NULL);
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LancerAccessCheckGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = lancer_upwork_check_access_finish (LANCER_UPWORK_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (rows == NULL)
    {
      add_result_row (self, _("The check could not run"), error->message, "dialog-error-symbolic", "error");
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      LancerUpworkAccess *access = g_ptr_array_index (rows, i);
      g_autofree char *what = lancer_upwork_access_describe (access);
      gboolean works = access->state == LANCER_UPWORK_ACCESS_WORKS;

      add_result_row (self, access->label, what,
                      works ? "emblem-ok-symbolic" : "dialog-warning-symbolic",
                      works ? "success" : access->state == LANCER_UPWORK_ACCESS_NOT_CHECKED ? NULL : "warning");
    }
}

static void
check_clicked_cb (LancerAccessCheckGroup *self)
{
  if (self->client == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  clear_rows (self);
  set_busy (self, TRUE);
  lancer_upwork_check_access_async (self->client, self->cancellable, checked_cb, g_object_ref (self));
}

void
lancer_access_check_group_set_client (LancerAccessCheckGroup *self,
                                      LancerUpworkClient     *client)
{
  g_return_if_fail (LANCER_IS_ACCESS_CHECK_GROUP (self));

  if (self->client == client)
    return;
  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->client, client);
  clear_rows (self);
  set_busy (self, FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->check_button),
                               client != NULL ? NULL : _("Sign in to Upwork first"));
}

GtkWidget *
lancer_access_check_group_get_button (LancerAccessCheckGroup *self)
{
  g_return_val_if_fail (LANCER_IS_ACCESS_CHECK_GROUP (self), NULL);
  return GTK_WIDGET (self->check_button);
}

char *
lancer_access_check_group_dup_summary (LancerAccessCheckGroup *self)
{
  g_return_val_if_fail (LANCER_IS_ACCESS_CHECK_GROUP (self), NULL);
  return g_strdup (self->summary->str);
}

gboolean
lancer_access_check_group_get_busy (LancerAccessCheckGroup *self)
{
  g_return_val_if_fail (LANCER_IS_ACCESS_CHECK_GROUP (self), FALSE);
  return gtk_spinner_get_spinning (self->spinner);
}

static void
lancer_access_check_group_dispose (GObject *object)
{
  LancerAccessCheckGroup *self = LANCER_ACCESS_CHECK_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_ACCESS_CHECK_GROUP);
  G_OBJECT_CLASS (lancer_access_check_group_parent_class)->dispose (object);
}

static void
lancer_access_check_group_finalize (GObject *object)
{
  LancerAccessCheckGroup *self = LANCER_ACCESS_CHECK_GROUP (object);

  g_ptr_array_unref (self->rows);
  g_string_free (self->summary, TRUE);
  G_OBJECT_CLASS (lancer_access_check_group_parent_class)->finalize (object);
}

static void
lancer_access_check_group_class_init (LancerAccessCheckGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_access_check_group_dispose;
  object_class->finalize = lancer_access_check_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-access-check-group.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerAccessCheckGroup, spinner);
  gtk_widget_class_bind_template_child (widget_class, LancerAccessCheckGroup, check_button);
  gtk_widget_class_bind_template_callback (widget_class, check_clicked_cb);
}

static void
lancer_access_check_group_init (LancerAccessCheckGroup *self)
{
  self->rows = g_ptr_array_new ();
  self->summary = g_string_new (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}
