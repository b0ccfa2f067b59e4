/* lancer-lock-view.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-lock-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-lock-view.h"

struct _LancerLockView
{
  AdwBin           parent_instance;

  LancerLockGuard *guard;
  GCancellable    *cancellable;
  guint            countdown_source;
  gboolean         recovery_mode;
  gboolean         busy;

  AdwStatusPage   *status_page;
  GtkEntry        *code_entry;
  GtkLabel        *error_label;
  GtkButton       *unlock_button;
  GtkStack        *unlock_stack;
  GtkSpinner      *spinner;
  GtkButton       *mode_button;
};

enum {
  PROP_0,
  PROP_GUARD,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerLockView, lancer_lock_view, ADW_TYPE_BIN)

static void update_countdown (LancerLockView *self);

static void
show_error (LancerLockView *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
waiting_for_retry (LancerLockView *self)
{
  return self->guard != NULL && lancer_lock_guard_get_seconds_until_retry (self->guard) > 0;
}

static void
update_sensitivity (LancerLockView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->code_entry));
  gboolean waiting = waiting_for_retry (self);

  /* Not insensitive: taking the focus from a GtkText that way makes GTK
   * 4.8 warn. The Unlock button and submit() refuse while waiting. */
  gtk_editable_set_editable (GTK_EDITABLE (self->code_entry), !self->busy && !waiting);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button),
                            !self->busy && !waiting && self->guard != NULL && text[0] != '\0');
  gtk_stack_set_visible_child_name (self->unlock_stack, self->busy ? "busy" : "label");
  gtk_spinner_set_spinning (self->spinner, self->busy);
}

static void
set_busy (LancerLockView *self,
          gboolean        busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  update_sensitivity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

static gboolean
countdown_tick_cb (gpointer user_data)
{
  LancerLockView *self = user_data;

  update_countdown (self);
  return self->countdown_source != 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* While the guard makes the user wait, the message counts down once a
 * second; when the wait is over, the entry comes back. */
static void
update_countdown (LancerLockView *self)
{
  gint64 seconds = self->guard != NULL ? lancer_lock_guard_get_seconds_until_retry (self->guard) : 0;

  if (seconds <= 0)
    {
      if (self->countdown_source != 0)
        {
          g_clear_handle_id (&self->countdown_source, g_source_remove);
          show_error (self, NULL);
          update_sensitivity (self);
          gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
        }
      return;
    }

  {
    g_autofree char *message = NULL;

    /* Translators: %d:%02d is minutes and seconds, for example 0:30 */
    message = g_strdup_printf (_("Too many wrong codes. Try again in %d:%02d."),
                               (int) (seconds / 60), (int) (seconds % 60));
    show_error (self, message);
  }

  if (self->countdown_source == 0)
    {
      self->countdown_source = g_timeout_add_seconds (1, countdown_tick_cb, self);
      g_source_set_name_by_id (self->countdown_source, "[lancer] lock countdown");
      update_sensitivity (self);
    }
}

static void
apply_mode (LancerLockView *self)
{
  if (self->recovery_mode)
    {
      adw_status_page_set_description (self->status_page,
                                       _("Enter one of the recovery codes you saved when you turned on the lock. "
                                         "Each code works once."));
      gtk_entry_set_placeholder_text (self->code_entry, _("XXXX-XXXX-XXXX"));
      gtk_button_set_label (self->mode_button, _("Use an _Authenticator Code"));
    }
  else
    {
      adw_status_page_set_description (self->status_page,
                                       _("Enter the 6-digit code from your authenticator app"));
      /* Translators: an example of a 6-digit code */
      gtk_entry_set_placeholder_text (self->code_entry, _("123 456"));
      gtk_button_set_label (self->mode_button, _("Use a _Recovery Code"));
    }
}

static void
unlock_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LancerLockView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (lancer_lock_guard_try_unlock_finish (LANCER_LOCK_GUARD (source), result, &error))
    {
      set_busy (self, FALSE);
      lancer_lock_view_reset (self);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  /* A wrong code is never worth keeping; anything else (keyring trouble)
   * may be worth a second try as it is. */
  if (g_error_matches (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_WRONG_CODE) ||
      g_error_matches (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_REPLAYED_CODE) ||
      g_error_matches (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_INVALID_CODE) ||
      g_error_matches (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_RATE_LIMITED))
    gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");

  show_error (self, error->message);
  if (waiting_for_retry (self))
    update_countdown (self);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

static void
submit (LancerLockView *self)
{
  g_autofree char *code = NULL;

  if (self->guard == NULL || self->busy || waiting_for_retry (self))
    return;
  code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_entry))));
  if (code[0] == '\0')
    return;

  show_error (self, NULL);
  set_busy (self, TRUE);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  lancer_lock_guard_try_unlock_async (self->guard, code, self->cancellable,
                                      unlock_cb, g_object_ref (self));
}

/* Callbacks */

static void
code_entry_activate_cb (LancerLockView *self)
{
  submit (self);
}

static void
code_entry_changed_cb (LancerLockView *self)
{
  update_sensitivity (self);
}

static void
unlock_clicked_cb (LancerLockView *self)
{
  submit (self);
}

static void
mode_clicked_cb (LancerLockView *self)
{
  self->recovery_mode = !self->recovery_mode;
  apply_mode (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

/* GObject overrides */

static void
lancer_lock_view_map (GtkWidget *widget)
{
  LancerLockView *self = LANCER_LOCK_VIEW (widget);

  GTK_WIDGET_CLASS (lancer_lock_view_parent_class)->map (widget);

  update_countdown (self);
  update_sensitivity (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

static void
lancer_lock_view_dispose (GObject *object)
{
  LancerLockView *self = LANCER_LOCK_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->countdown_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_LOCK_VIEW);
  g_clear_object (&self->guard);

  G_OBJECT_CLASS (lancer_lock_view_parent_class)->dispose (object);
}

static void
lancer_lock_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LancerLockView *self = LANCER_LOCK_VIEW (object);

  switch (prop_id)
    {
    case PROP_GUARD:
      g_value_set_object (value, lancer_lock_view_get_guard (self));
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, lancer_lock_view_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_lock_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LancerLockView *self = LANCER_LOCK_VIEW (object);

  switch (prop_id)
    {
    case PROP_GUARD:
      lancer_lock_view_set_guard (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_lock_view_class_init (LancerLockViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_lock_view_dispose;
  object_class->get_property = lancer_lock_view_get_property;
  object_class->set_property = lancer_lock_view_set_property;
  widget_class->map = lancer_lock_view_map;

  properties [PROP_GUARD] =
    g_param_spec_object ("guard", NULL, NULL, LANCER_TYPE_LOCK_GUARD,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-lock-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerLockView, status_page);
  gtk_widget_class_bind_template_child (widget_class, LancerLockView, code_entry);
  gtk_widget_class_bind_template_child (widget_class, LancerLockView, error_label);
  gtk_widget_class_bind_template_child (widget_class, LancerLockView, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, LancerLockView, unlock_stack);
  gtk_widget_class_bind_template_child (widget_class, LancerLockView, spinner);
  gtk_widget_class_bind_template_child (widget_class, LancerLockView, mode_button);
  gtk_widget_class_bind_template_callback (widget_class, code_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, code_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlock_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, mode_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "lockview");
}

static void
lancer_lock_view_init (LancerLockView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  apply_mode (self);
}

GtkWidget *
lancer_lock_view_new (LancerLockGuard *guard)
{
  return g_object_new (LANCER_TYPE_LOCK_VIEW, "guard", guard, NULL);
}

LancerLockGuard *
lancer_lock_view_get_guard (LancerLockView *self)
{
  g_return_val_if_fail (LANCER_IS_LOCK_VIEW (self), NULL);

  return self->guard;
}

void
lancer_lock_view_set_guard (LancerLockView  *self,
                            LancerLockGuard *guard)
{
  g_return_if_fail (LANCER_IS_LOCK_VIEW (self));
  g_return_if_fail (!guard || LANCER_IS_LOCK_GUARD (guard));

  if (!g_set_object (&self->guard, guard))
    return;
  lancer_lock_view_reset (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_GUARD]);
}

void
lancer_lock_view_reset (LancerLockView *self)
{
  g_return_if_fail (LANCER_IS_LOCK_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->countdown_source, g_source_remove);
  set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  show_error (self, NULL);
  self->recovery_mode = FALSE;
  apply_mode (self);
  update_countdown (self);
  update_sensitivity (self);
}

void
lancer_lock_view_submit (LancerLockView *self,
                         const char     *code)
{
  g_return_if_fail (LANCER_IS_LOCK_VIEW (self));
  g_return_if_fail (code != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), code);
  submit (self);
}

gboolean
lancer_lock_view_get_busy (LancerLockView *self)
{
  g_return_val_if_fail (LANCER_IS_LOCK_VIEW (self), FALSE);

  return self->busy;
}

const char *
lancer_lock_view_get_error (LancerLockView *self)
{
  g_return_val_if_fail (LANCER_IS_LOCK_VIEW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}
