/* test-sign-in-link.c: signing in when no browser opens.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The headless test session has no web browser, so opening the sign-in
 * page fails as it does on a machine without one. The Connect Upwork
 * window then shows the link to copy, and Cancel stops the wait: the
 * loopback listener for Upwork's redirect closes.
 */
#include "config.h"

#include "lancer-application.h"
#include "lancer-connect-window.h"
#include "lancer-paths.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"

static LancerApplication *app;

static gboolean
is_entry_row_titled (GtkWidget *widget,
                     gpointer   title)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static GtkWidget *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  return lancer_test_ui_find (widget, is_entry_row_titled, (gpointer) title);
}

/* The mapped label whose text starts with @prefix. */
static GtkWidget *
find_label_prefix (GtkWidget  *widget,
                   const char *prefix)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label_prefix (c, prefix);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether something accepts connections on the loopback @port. */
static gboolean
listening (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  return connection != NULL;
}

typedef struct
{
  GtkWidget  *window;
  const char *prefix;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *w = data;

  lancer_test_ui_settle (w->window);
  return find_label_prefix (w->window, w->prefix) != NULL;
}

static void
text_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(char **) user_data = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*(char **) user_data == NULL)
    *(char **) user_data = g_strdup ("");
}

static void
test_no_browser (void)
{
  LancerSession *session;
  LancerConnectWindow *connect;
  GtkWidget *sign_in;
  GtkWidget *copy;
  GtkWidget *cancel;
  GtkWidget *link;
  guint port = lancer_test_ui_free_port ();
  g_autofree char *redirect = g_strdup_printf ("http://127.0.0.1:%u/callback", port);
  g_autofree char *copied = NULL;
  LabelWait link_wait, said_wait;

  g_assert_true (lancer_test_iterate_until (lancer_test_ui_app_session_ready, app, 20));
  session = lancer_application_get_session (app);
  connect = lancer_connect_window_new (NULL, session);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (connect)));

  /* The user's key, as Upwork's key page shows it. */
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (GTK_WIDGET (connect), "Client ID (Key)")),
                         "a1b2c3d4e5f60718293a4b5c6d7e8f90");
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (GTK_WIDGET (connect), "Client Secret")),
                         "0f1e2d3c4b5a6978");
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (GTK_WIDGET (connect), "Redirect URI (Callback URL)")),
                         redirect);
  sign_in = lancer_test_ui_find_button (GTK_WIDGET (connect), "_Sign In with Upwork");
  g_assert_nonnull (sign_in);
  g_assert_true (gtk_widget_is_sensitive (sign_in));
  g_signal_emit_by_name (sign_in, "clicked");

  /* The sign-in link is shown, with a Copy button. */
  link_wait.window = GTK_WIDGET (connect);
  link_wait.prefix = "https://";
  g_assert_true (lancer_test_iterate_until (label_shown, &link_wait, 20));
  link = find_label_prefix (GTK_WIDGET (connect), "https://");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (link)), "client_id=a1b2c3d4e5f60718293a4b5c6d7e8f90"));
  g_assert_true (listening (port));

  /* The browser did not open: it says so in words, not GTK's. */
  said_wait.window = GTK_WIDGET (connect);
  said_wait.prefix = "No web browser opened";
  g_assert_true (lancer_test_iterate_until (label_shown, &said_wait, 20));
  {
    g_autofree char *text = lancer_test_ui_collect_text (GTK_WIDGET (connect));

    g_assert_null (strstr (text, "Operation not supported"));
  }
  lancer_test_ui_shoot_unchecked (GTK_WIDGET (connect), "connect-upwork-no-browser");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  lancer_test_ui_shoot_unchecked (GTK_WIDGET (connect), "connect-upwork-no-browser-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (GTK_WINDOW (connect), 360, 760);
  lancer_test_ui_shoot_unchecked (GTK_WIDGET (connect), "connect-upwork-no-browser-360");

  copy = lancer_test_ui_find_button (GTK_WIDGET (connect), "Copy _Link");
  g_assert_nonnull (copy);
  g_assert_true (gtk_widget_get_mapped (copy));
  g_signal_emit_by_name (copy, "clicked");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (copy), NULL, text_read_cb, &copied);
  while (copied == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (copied, ==, gtk_label_get_text (GTK_LABEL (link)));

  /* Cancel: the wait ends and the port is closed. */
  cancel = lancer_test_ui_find_button (GTK_WIDGET (connect), "_Cancel");
  g_assert_nonnull (cancel);
  g_assert_true (gtk_widget_get_mapped (cancel));
  g_signal_emit_by_name (cancel, "clicked");
  lancer_test_ui_settle (GTK_WIDGET (connect));
  g_assert_false (listening (port));
  g_assert_false (gtk_widget_get_mapped (cancel));
  g_assert_true (gtk_widget_is_sensitive (sign_in));
  g_assert_false (lancer_session_get_signed_in (session));
  gtk_window_destroy (GTK_WINDOW (connect));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = lancer_test_ui_app_new (&argc, &argv);
  g_application_activate (G_APPLICATION (app));

  g_test_add_func ("/ui/sign-in/no-browser", test_no_browser);

  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
