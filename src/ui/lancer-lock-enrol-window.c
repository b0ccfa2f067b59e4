/* lancer-lock-enrol-window.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-lock-enrol"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lancer-lock-enrol-window.h"
#include "lancer-qr-code.h"

struct _LancerLockEnrolWindow
{
  AdwWindow            parent_instance;

  LancerLockGuard     *guard;
  LancerLockEnrolment *enrolment;
  LancerLockEnrolMode  mode;
  char                *account;
  GStrv                recovery_codes;
  GCancellable        *cancellable;
  gboolean             busy;

  AdwWindowTitle      *window_title;
  GtkButton           *cancel_button;
  GtkButton           *next_button;
  GtkSpinner          *spinner;
  GtkStack            *stack;
  LancerQrCodeWidget  *qr_code;
  AdwActionRow        *secret_row;
  AdwActionRow        *uri_row;
  GtkButton           *copy_secret_button;
  GtkButton           *copy_uri_button;
  AdwStatusPage       *code_page;
  GtkEntry            *code_entry;
  GtkLabel            *error_label;
  GtkGrid             *codes_grid;
};

enum {
  PROP_0,
  PROP_GUARD,
  PROP_ACCOUNT,
  PROP_MODE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerLockEnrolWindow, lancer_lock_enrol_window, ADW_TYPE_WINDOW)

static void
show_error (LancerLockEnrolWindow *self,
            const char            *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_buttons (LancerLockEnrolWindow *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->stack);
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->code_entry));
  gboolean on_codes = g_strcmp0 (step, "codes") == 0;

  if (g_strcmp0 (step, "scan") == 0)
    gtk_button_set_label (self->next_button, _("_Next"));
  else if (on_codes)
    gtk_button_set_label (self->next_button, _("_Done"));
  else if (self->mode == LANCER_LOCK_ENROL_MODE_DISABLE)
    gtk_button_set_label (self->next_button, _("_Turn Off"));
  else
    gtk_button_set_label (self->next_button, _("C_onfirm"));

  if (self->mode == LANCER_LOCK_ENROL_MODE_DISABLE && !on_codes)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->next_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->next_button), "destructive-action");
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button),
                            !self->busy && (g_strcmp0 (step, "code") != 0 || code[0] != '\0'));
  /* Not insensitive: taking the focus from a GtkText that way makes GTK
   * 4.8 warn, and the user's place would be lost. */
  gtk_editable_set_editable (GTK_EDITABLE (self->code_entry), !self->busy);
  /* The codes are shown once: leaving must be a deliberate Done. */
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !on_codes);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
}

static void
set_busy (LancerLockEnrolWindow *self,
          gboolean               busy)
{
  self->busy = busy;
  update_buttons (self);
}

static void
set_step (LancerLockEnrolWindow *self,
          const char            *step)
{
  gtk_stack_set_visible_child_name (self->stack, step);
  if (g_str_equal (step, "code"))
    gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
  update_buttons (self);
}

static void
show_recovery_codes (LancerLockEnrolWindow *self,
                     GStrv                  codes)
{
  GtkWidget *child;
  guint n;

  g_clear_pointer (&self->recovery_codes, g_strfreev);
  self->recovery_codes = codes;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->codes_grid))) != NULL)
    gtk_grid_remove (self->codes_grid, child);
  n = g_strv_length (codes);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *label = gtk_label_new (codes[i]);

      /* Not selectable: focus would select the first one, and Copy and
       * Save take them all. */
      gtk_widget_add_css_class (label, "monospace");
      /* Two columns, read down the first and then the second. */
      gtk_grid_attach (self->codes_grid, label, i / ((n + 1) / 2), i % ((n + 1) / 2), 1, 1);
    }

  adw_window_title_set_title (self->window_title, _("Recovery Codes"));
  set_step (self, "codes");
  /* The entry goes out of sight; GTK warns if it is destroyed with focus. */
  gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

static void
confirm_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LancerLockEnrolWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GStrv codes;

  if (self->mode == LANCER_LOCK_ENROL_MODE_ENABLE)
    codes = lancer_lock_enrolment_confirm_finish (LANCER_LOCK_ENROLMENT (source), result, &error);
  else
    codes = lancer_lock_guard_regenerate_recovery_codes_finish (LANCER_LOCK_GUARD (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (codes == NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  if (self->mode == LANCER_LOCK_ENROL_MODE_ENABLE)
    {
      /* The secret is in the keyring now; nothing here needs it. */
      lancer_qr_code_widget_set_text (self->qr_code, NULL);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row), "");
      adw_action_row_set_subtitle (self->uri_row, "");
      g_clear_object (&self->enrolment);
    }
  show_recovery_codes (self, codes);
}

static void
disable_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LancerLockEnrolWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (lancer_lock_guard_disable_finish (LANCER_LOCK_GUARD (source), result, &error))
    {
      gtk_window_set_focus (GTK_WINDOW (self), NULL);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  show_error (self, error->message);
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

static void
submit (LancerLockEnrolWindow *self)
{
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_entry))));

  if (self->busy || code[0] == '\0')
    return;

  show_error (self, NULL);
  set_busy (self, TRUE);
  switch (self->mode)
    {
    case LANCER_LOCK_ENROL_MODE_ENABLE:
      lancer_lock_enrolment_confirm_async (self->enrolment, code, self->cancellable,
                                           confirm_cb, g_object_ref (self));
      break;

    case LANCER_LOCK_ENROL_MODE_DISABLE:
      lancer_lock_guard_disable_async (self->guard, code, self->cancellable,
                                       disable_cb, g_object_ref (self));
      break;

    case LANCER_LOCK_ENROL_MODE_NEW_CODES:
    default:
      lancer_lock_guard_regenerate_recovery_codes_async (self->guard, code, self->cancellable,
                                                         confirm_cb, g_object_ref (self));
      break;
    }
}

static void
copy_text (LancerLockEnrolWindow *self,
           GtkButton             *button,
           const char            *text)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  gtk_button_set_icon_name (button, "object-select-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), _("Copied"));
}

static char *
format_codes (LancerLockEnrolWindow *self)
{
  GString *text = g_string_new (NULL);

  /* Translators: the first line of the saved recovery codes file */
  g_string_append_printf (text, _("Lancer recovery codes for “%s”"), self->account ? self->account : "");
  g_string_append (text, "\n");
  g_string_append (text, _("Each code unlocks Lancer once."));
  g_string_append (text, "\n\n");
  for (guint i = 0; self->recovery_codes != NULL && self->recovery_codes[i] != NULL; i++)
    g_string_append_printf (text, "%s\n", self->recovery_codes[i]);
  return g_string_free (text, FALSE);
}

/* Callbacks */

static void
next_clicked_cb (LancerLockEnrolWindow *self)
{
  lancer_lock_enrol_window_next (self);
}

static void
code_changed_cb (LancerLockEnrolWindow *self)
{
  update_buttons (self);
}

static void
copy_secret_clicked_cb (LancerLockEnrolWindow *self)
{
  if (self->enrolment != NULL)
    copy_text (self, self->copy_secret_button, lancer_lock_enrolment_get_secret (self->enrolment));
}

static void
copy_uri_clicked_cb (LancerLockEnrolWindow *self)
{
  if (self->enrolment != NULL)
    copy_text (self, self->copy_uri_button, lancer_lock_enrolment_get_uri (self->enrolment));
}

static void
copy_codes_clicked_cb (LancerLockEnrolWindow *self)
{
  g_autofree char *text = format_codes (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

static void
codes_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LancerLockEnrolWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The codes could not be saved: %s"), error->message);
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Not Saved"), message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
save_response_cb (GtkNativeDialog       *chooser,
                  int                    response,
                  LancerLockEnrolWindow *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    {
      g_autofree char *text = format_codes (self);
      gsize len = strlen (text);
      GBytes *bytes = g_bytes_new_take (g_steal_pointer (&text), len);

      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                           G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                           self->cancellable, codes_saved_cb, g_object_ref (self));
      g_bytes_unref (bytes);
    }
  g_object_unref (chooser);
}

static void
save_codes_clicked_cb (LancerLockEnrolWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save Recovery Codes"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: the suggested file name for the recovery codes */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("lancer-recovery-codes.txt"));
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject overrides */

static void
lancer_lock_enrol_window_constructed (GObject *object)
{
  LancerLockEnrolWindow *self = LANCER_LOCK_ENROL_WINDOW (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (lancer_lock_enrol_window_parent_class)->constructed (object);

  g_assert (LANCER_IS_LOCK_GUARD (self->guard));

  switch (self->mode)
    {
    case LANCER_LOCK_ENROL_MODE_ENABLE:
      gtk_window_set_title (GTK_WINDOW (self), _("Turn On the App Lock"));
      adw_window_title_set_title (self->window_title, _("Turn On the App Lock"));
      adw_status_page_set_title (self->code_page, _("Enter the Code"));
      adw_status_page_set_description (self->code_page,
                                       _("Enter the 6-digit code the authenticator app now shows for Lancer"));
      self->enrolment = lancer_lock_guard_begin_enrolment (self->guard, self->account, &error);
      if (self->enrolment == NULL)
        {
          /* The code page shows the problem; there is nothing to scan. */
          set_step (self, "code");
          show_error (self, error->message);
          gtk_widget_set_sensitive (GTK_WIDGET (self->code_entry), FALSE);
          gtk_widget_set_visible (GTK_WIDGET (self->next_button), FALSE);
          return;
        }
      {
        g_autofree char *formatted = lancer_lock_enrolment_dup_formatted_secret (self->enrolment);

        lancer_qr_code_widget_set_text (self->qr_code, lancer_lock_enrolment_get_uri (self->enrolment));
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row), formatted);
        adw_action_row_set_subtitle (self->uri_row, lancer_lock_enrolment_get_uri (self->enrolment));
      }
      set_step (self, "scan");
      break;

    case LANCER_LOCK_ENROL_MODE_DISABLE:
      gtk_window_set_title (GTK_WINDOW (self), _("Turn Off the App Lock"));
      adw_window_title_set_title (self->window_title, _("Turn Off the App Lock"));
      adw_status_page_set_title (self->code_page, _("Confirm It Is You"));
      adw_status_page_set_description (self->code_page,
                                       _("Enter the 6-digit code from your authenticator app, or a recovery code. "
                                         "Anyone who opens Lancer will then see your data without a code."));
      set_step (self, "code");
      break;

    case LANCER_LOCK_ENROL_MODE_NEW_CODES:
    default:
      gtk_window_set_title (GTK_WINDOW (self), _("New Recovery Codes"));
      adw_window_title_set_title (self->window_title, _("New Recovery Codes"));
      adw_status_page_set_title (self->code_page, _("Confirm It Is You"));
      adw_status_page_set_description (self->code_page,
                                       _("Enter the 6-digit code from your authenticator app, or a recovery code. "
                                         "Your old recovery codes stop working."));
      set_step (self, "code");
      break;
    }
}

static void
lancer_lock_enrol_window_dispose (GObject *object)
{
  LancerLockEnrolWindow *self = LANCER_LOCK_ENROL_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_LOCK_ENROL_WINDOW);
  g_clear_object (&self->enrolment);
  g_clear_object (&self->guard);

  G_OBJECT_CLASS (lancer_lock_enrol_window_parent_class)->dispose (object);
}

static void
lancer_lock_enrol_window_finalize (GObject *object)
{
  LancerLockEnrolWindow *self = LANCER_LOCK_ENROL_WINDOW (object);

  g_clear_pointer (&self->recovery_codes, g_strfreev);
  g_clear_pointer (&self->account, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lancer_lock_enrol_window_parent_class)->finalize (object);
}

static void
lancer_lock_enrol_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  LancerLockEnrolWindow *self = LANCER_LOCK_ENROL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_GUARD:
      self->guard = g_value_dup_object (value);
      break;

    case PROP_ACCOUNT:
      self->account = g_value_dup_string (value);
      break;

    case PROP_MODE:
      self->mode = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_lock_enrol_window_class_init (LancerLockEnrolWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lancer_lock_enrol_window_constructed;
  object_class->dispose = lancer_lock_enrol_window_dispose;
  object_class->finalize = lancer_lock_enrol_window_finalize;
  object_class->set_property = lancer_lock_enrol_window_set_property;

  properties [PROP_GUARD] =
    g_param_spec_object ("guard", NULL, NULL, LANCER_TYPE_LOCK_GUARD,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_ACCOUNT] =
    g_param_spec_string ("account", NULL, NULL, NULL,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_MODE] =
    g_param_spec_int ("mode", NULL, NULL,
                      LANCER_LOCK_ENROL_MODE_ENABLE, LANCER_LOCK_ENROL_MODE_NEW_CODES,
                      LANCER_LOCK_ENROL_MODE_ENABLE,
                      (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LANCER_TYPE_QR_CODE_WIDGET);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-lock-enrol-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerLockEnrolWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LancerLockEnrolWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LancerLockEnrolWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, LancerLockEnrolWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, LancerLockEnrolWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LancerLockEnrolWindow, qr_code);
  gtk_widget_class_bind_template_child (widget_class, LancerLockEnrolWindow, secret_row);
  gtk_widget_class_bind_template_child (widget_class, LancerLockEnrolWindow, uri_row);
  gtk_widget_class_bind_template_child (widget_class, LancerLockEnrolWindow, copy_secret_button);
  gtk_widget_class_bind_template_child (widget_class, LancerLockEnrolWindow, copy_uri_button);
  gtk_widget_class_bind_template_child (widget_class, LancerLockEnrolWindow, code_page);
  gtk_widget_class_bind_template_child (widget_class, LancerLockEnrolWindow, code_entry);
  gtk_widget_class_bind_template_child (widget_class, LancerLockEnrolWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, LancerLockEnrolWindow, codes_grid);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, code_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_secret_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_uri_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_codes_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_codes_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lancer_lock_enrol_window_init (LancerLockEnrolWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

LancerLockEnrolWindow *
lancer_lock_enrol_window_new (GtkWindow           *parent,
                              LancerLockGuard     *guard,
                              const char          *account,
                              LancerLockEnrolMode  mode)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LANCER_IS_LOCK_GUARD (guard), NULL);

  return g_object_new (LANCER_TYPE_LOCK_ENROL_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "guard", guard,
                       "account", account,
                       "mode", mode,
                       NULL);
}

LancerLockEnrolMode
lancer_lock_enrol_window_get_mode (LancerLockEnrolWindow *self)
{
  g_return_val_if_fail (LANCER_IS_LOCK_ENROL_WINDOW (self), 0);

  return self->mode;
}

const char *
lancer_lock_enrol_window_get_step (LancerLockEnrolWindow *self)
{
  g_return_val_if_fail (LANCER_IS_LOCK_ENROL_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

LancerLockEnrolment *
lancer_lock_enrol_window_get_enrolment (LancerLockEnrolWindow *self)
{
  g_return_val_if_fail (LANCER_IS_LOCK_ENROL_WINDOW (self), NULL);

  return self->enrolment;
}

const char * const *
lancer_lock_enrol_window_get_recovery_codes (LancerLockEnrolWindow *self)
{
  g_return_val_if_fail (LANCER_IS_LOCK_ENROL_WINDOW (self), NULL);

  return (const char * const *) self->recovery_codes;
}

const char *
lancer_lock_enrol_window_get_error (LancerLockEnrolWindow *self)
{
  g_return_val_if_fail (LANCER_IS_LOCK_ENROL_WINDOW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

gboolean
lancer_lock_enrol_window_get_busy (LancerLockEnrolWindow *self)
{
  g_return_val_if_fail (LANCER_IS_LOCK_ENROL_WINDOW (self), FALSE);

  return self->busy;
}

void
lancer_lock_enrol_window_next (LancerLockEnrolWindow *self)
{
  const char *step;

  g_return_if_fail (LANCER_IS_LOCK_ENROL_WINDOW (self));

  step = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (step, "scan") == 0)
    set_step (self, "code");
  else if (g_strcmp0 (step, "code") == 0)
    submit (self);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

void
lancer_lock_enrol_window_submit_code (LancerLockEnrolWindow *self,
                                      const char            *code)
{
  g_return_if_fail (LANCER_IS_LOCK_ENROL_WINDOW (self));
  g_return_if_fail (code != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), code);
  submit (self);
}
