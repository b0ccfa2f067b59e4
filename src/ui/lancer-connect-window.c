/* lancer-connect-window.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-connect-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-connect-window.h"
#include "lancer-secrets.h"
#include "lancer-upwork-client.h"

struct _LancerConnectWindow
{
  AdwWindow       parent_instance;

  LancerSession  *session;
  GCancellable   *cancellable;

  GtkLabel       *permissions_label;
  AdwEntryRow    *client_id_row;
  AdwEntryRow    *client_secret_row;
  AdwEntryRow    *redirect_uri_row;
  GtkLabel       *status_label;
  GtkSpinner     *spinner;
  GtkButton      *sign_in_button;
  GtkButton      *cancel_button;
  GtkButton      *copy_callback_button;
  GtkWidget      *link_box;
  GtkLabel       *link_label;
  GtkButton      *copy_link_button;

  char           *sign_in_uri;
  gboolean        signing_in;   /* the loopback listener is waiting */
};

G_DEFINE_FINAL_TYPE (LancerConnectWindow, lancer_connect_window, ADW_TYPE_WINDOW)

static void
set_busy (LancerConnectWindow *self,
          gboolean             busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), busy);
  /* Waiting, the one thing to do is cancel; the fields go insensitive. */
  if (busy)
    gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->client_id_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->client_secret_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->redirect_uri_row), !busy);
  if (!busy)
    {
      self->signing_in = FALSE;
      gtk_widget_set_visible (self->link_box, FALSE);
    }
}

static void
show_status (LancerConnectWindow *self,
             const char          *message,
             gboolean             is_error)
{
  gtk_label_set_text (self->status_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
fields_changed_cb (LancerConnectWindow *self)
{
  gboolean ready = *text_of (self->client_id_row) != '\0' &&
                   *text_of (self->client_secret_row) != '\0' &&
                   *text_of (self->redirect_uri_row) != '\0';

  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), ready);
}

/* No browser (none installed, a sandbox without the portal, a headless
 * session): the link is there to copy, and Lancer keeps waiting for it. */
static void
browser_opened_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LancerConnectWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) || !self->signing_in)
    return;
  g_message ("No browser opened for the sign-in: %s", error->message);
  show_status (self, _("No web browser opened. Copy the sign-in link below and open it in your browser; "
                       "Lancer keeps waiting for Upwork’s answer."), FALSE);
}

static void
open_in_browser (const char *uri,
                 gpointer    user_data)
{
  LancerConnectWindow *self = user_data;

  g_free (self->sign_in_uri);
  self->sign_in_uri = g_strdup (uri);
  self->signing_in = TRUE;
  gtk_label_set_text (self->link_label, uri);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->link_label), uri);
  gtk_widget_set_visible (self->link_box, TRUE);
  gtk_show_uri_full (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, self->cancellable,
                     browser_opened_cb, g_object_ref (self));
}

static void
copy_link_cb (LancerConnectWindow *self)
{
  if (self->sign_in_uri == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->sign_in_uri);
  show_status (self, _("Sign-in link copied. Open it in your browser and allow access; Lancer is waiting."), FALSE);
}

static void
signed_in_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LancerConnectWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lancer_session_sign_in_finish (LANCER_SESSION (source), result, &error))
    {
      /* Cancelled: Cancel (or closing) has said so already. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_status (self, error->message, TRUE);
      set_busy (self, FALSE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
secret_stored_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LancerConnectWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lancer_secrets_store_finish (result, &error))
    {
      show_status (self, error->message, TRUE);
      set_busy (self, FALSE);
      return;
    }
  show_status (self, _("Waiting for you to allow access in your browser…"), FALSE);
  lancer_session_reconfigure_upwork (self->session);
  lancer_session_sign_in_async (self->session, open_in_browser, self, self->cancellable,
                                signed_in_cb, g_object_ref (self));
}

static void
sign_in_clicked_cb (LancerConnectWindow *self)
{
  GSettings *settings = lancer_session_get_settings (self->session);
  g_autoptr(GUri) uri = g_uri_parse (text_of (self->redirect_uri_row), G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_port (uri) <= 0)
    {
      show_status (self, _("The redirect URI must be a full address with a port, such as http://localhost:8765/callback."), TRUE);
      return;
    }

  g_settings_set_string (settings, "upwork-client-id", g_strstrip ((char *) text_of (self->client_id_row)));
  g_settings_set_string (settings, "upwork-redirect-uri", text_of (self->redirect_uri_row));
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  show_status (self, _("Saving the secret in your keyring…"), FALSE);
  lancer_secrets_store_async (lancer_profile_get_id (lancer_session_get_profile (self->session)),
                              LANCER_SECRET_UPWORK_CLIENT_SECRET, text_of (self->client_secret_row),
                              self->cancellable, secret_stored_cb, g_object_ref (self));
}

/* The key's callback must match what Lancer listens on to the letter. */
static void
copy_callback_cb (LancerConnectWindow *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text_of (self->redirect_uri_row));
  show_status (self, _("Callback copied. Paste it as your key’s callback on Upwork’s key page."), FALSE);
}

/* Stops waiting: the loopback listener closes, the port is free again. */
static void
stop_sign_in (LancerConnectWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  if (self->signing_in && self->session != NULL && lancer_session_get_oauth (self->session) != NULL)
    lancer_oauth_cancel_sign_in (lancer_session_get_oauth (self->session));
  self->signing_in = FALSE;
}

static void
cancel_clicked_cb (LancerConnectWindow *self)
{
  stop_sign_in (self);
  set_busy (self, FALSE);
  show_status (self, _("Sign-in cancelled. Lancer is not connected to Upwork."), FALSE);
}

static void
lancer_connect_window_dispose (GObject *object)
{
  LancerConnectWindow *self = LANCER_CONNECT_WINDOW (object);

  /* Closed while waiting: nobody is left to answer the browser. */
  stop_sign_in (self);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->sign_in_uri, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_CONNECT_WINDOW);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lancer_connect_window_parent_class)->dispose (object);
}

static void
lancer_connect_window_class_init (LancerConnectWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_connect_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-connect-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerConnectWindow, permissions_label);
  gtk_widget_class_bind_template_child (widget_class, LancerConnectWindow, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, LancerConnectWindow, client_secret_row);
  gtk_widget_class_bind_template_child (widget_class, LancerConnectWindow, redirect_uri_row);
  gtk_widget_class_bind_template_child (widget_class, LancerConnectWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, LancerConnectWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, LancerConnectWindow, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, LancerConnectWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LancerConnectWindow, copy_callback_button);
  gtk_widget_class_bind_template_child (widget_class, LancerConnectWindow, link_box);
  gtk_widget_class_bind_template_child (widget_class, LancerConnectWindow, link_label);
  gtk_widget_class_bind_template_child (widget_class, LancerConnectWindow, copy_link_button);
  gtk_widget_class_bind_template_callback (widget_class, fields_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_callback_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_link_cb);
}

static void
lancer_connect_window_init (LancerConnectWindow *self)
{
  static const char *resources[] = { "account", "jobs", "proposals", "messages",
                                     "contracts", "diary", "earnings" };
  g_autoptr(GString) permissions = g_string_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (resources); i++)
    g_string_append_printf (permissions, "%s• %s", i ? "\n" : "",
                            lancer_upwork_resource_permission (resources[i]));
  gtk_label_set_text (self->permissions_label, permissions->str);
}

LancerConnectWindow *
lancer_connect_window_new (GtkWindow     *parent,
                           LancerSession *session)
{
  LancerConnectWindow *self;
  GSettings *settings;
  g_autofree char *client_id = NULL;
  g_autofree char *redirect_uri = NULL;

  g_return_val_if_fail (LANCER_IS_SESSION (session), NULL);

  self = g_object_new (LANCER_TYPE_CONNECT_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->session = g_object_ref (session);
  settings = lancer_session_get_settings (session);
  client_id = g_settings_get_string (settings, "upwork-client-id");
  redirect_uri = g_settings_get_string (settings, "upwork-redirect-uri");
  gtk_editable_set_text (GTK_EDITABLE (self->client_id_row), client_id);
  gtk_editable_set_text (GTK_EDITABLE (self->redirect_uri_row), redirect_uri);
  fields_changed_cb (self);
  /* The key first; not the permissions list, which focus would select whole. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->client_id_row));
  return self;
}
