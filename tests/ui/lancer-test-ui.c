/* lancer-test-ui.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "lancer-paths.h"
#include "lancer-session.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"

gboolean
lancer_test_ui_init (void)
{
  /* tools/screenshots renders a language (LANGUAGE=uk) from the build's catalogues. */
  if (g_getenv ("LANCER_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LANCER_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      /* g_dgettext() translates only when the main domain has a catalogue */
      textdomain (GETTEXT_PACKAGE);
    }
  if (!gtk_init_check ())
    return FALSE;
  adw_init ();
  return TRUE;
}

LancerApplication *
lancer_test_ui_app_new (int    *argc,
                        char ***argv)
{
  g_autoptr(GError) error = NULL;
  LancerApplication *app;

  g_test_init (argc, argv, NULL);
  if (!lancer_test_ui_init ())
    {
      g_printerr ("No display: run under tests/headless-session.sh (meson test does)\n");
      exit (1);
    }
  app = lancer_application_new (APP_ID ".Test", G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("register: %s", error->message);
  return app;
}

static guint paints;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  paints++;
}

static gboolean
window_painted (gpointer data)
{
  GtkWidget *widget = data;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (widget));

  return gtk_widget_get_mapped (widget) && surface != NULL &&
         gdk_surface_get_mapped (surface) && paints >= 2;
}

/* gtk_widget_get_mapped() is TRUE right after present(); only a painted
 * frame proves the window really is on screen. */
gboolean
lancer_test_ui_show (GtkWindow *window)
{
  GdkFrameClock *clock;
  gulong handler;
  gboolean ok;

  paints = 0;
  gtk_window_present (window);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  ok = lancer_test_iterate_until (window_painted, window, 10);
  g_signal_handler_disconnect (clock, handler);
  return ok;
}

static gboolean
always_false (gpointer data)
{
  return FALSE;
}

void
lancer_test_ui_settle (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);

  /* Let allocation, style changes and transitions finish. */
  lancer_test_iterate_until (always_false, NULL, 0);
  for (guint i = 0; i < 40; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  if (native != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (native));
  for (guint i = 0; i < 20; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

static GskRenderNode *
snapshot_widget (GtkWidget *widget,
                 int        width,
                 int        height)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  return gtk_snapshot_free_to_node (snapshot);
}

static gboolean
painted_once (gpointer data)
{
  return *(guint *) data > 0;
}

static void
count_paint_cb (GdkFrameClock *clock,
                guint         *count)
{
  (*count)++;
}

gboolean
lancer_test_ui_save_png (GtkWidget   *widget,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  node = snapshot_widget (widget, width, height);
  /* A widget whose frame is still pending has no render node yet: let the
   * frame clock paint once more (a busy machine may need a moment). */
  for (guint attempt = 0; node == NULL && attempt < 5; attempt++)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
      guint frames = 0;
      gulong id;

      if (clock == NULL)
        break;
      id = g_signal_connect (clock, "after-paint", G_CALLBACK (count_paint_cb), &frames);
      gtk_widget_queue_draw (widget);
      lancer_test_iterate_until (painted_once, &frames, 5);
      g_signal_handler_disconnect (clock, id);
      node = snapshot_widget (widget, width, height);
    }
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "nothing was drawn");
      return FALSE;
    }
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "could not write %s", path);
      return FALSE;
    }
  return TRUE;
}

guint
lancer_test_ui_count_colors (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autofree guint32 *pixels = NULL;
  int width, height;

  if (texture == NULL)
    return 0;
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_new (guint32, (gsize) width * height);
  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);
  for (int i = 0; i < width * height; i++)
    g_hash_table_add (seen, GUINT_TO_POINTER (pixels[i]));
  return g_hash_table_size (seen);
}

static void
collect (GtkWidget *widget,
         GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_EDITABLE (widget))
    g_string_append_printf (out, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_string_append_printf (out, "%s\n", text);
    }
  if (GTK_IS_WINDOW (widget) && gtk_window_get_title (GTK_WINDOW (widget)))
    g_string_append_printf (out, "%s\n", gtk_window_get_title (GTK_WINDOW (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, out);
}

char *
lancer_test_ui_collect_text (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  collect (widget, out);
  return g_string_free (out, FALSE);
}

static void
collect_visible_labels (GtkWidget *widget,
                        GPtrArray *texts)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_visible_labels (child, texts);
}

GPtrArray *
lancer_test_ui_visible_labels (GtkWidget *widget)
{
  GPtrArray *texts = g_ptr_array_new ();

  collect_visible_labels (widget, texts);
  return texts;
}

void
lancer_test_ui_assert_spoken (GtkWidget  *widget,
                              const char *label)
{
  g_autofree char *problem =
    gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label);

  if (problem != NULL)
    g_error ("%s: %s", G_OBJECT_TYPE_NAME (widget), problem);
}

static void
shoot (GtkWidget  *widget,
       const char *name,
       gboolean    check_colors)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("%s/%s.png", lancer_paths_get_artifact_dir (), name);

  lancer_test_ui_settle (widget);
  g_assert_true (lancer_test_ui_save_png (widget, path, &error));
  g_assert_no_error (error);
  if (check_colors)
    g_assert_cmpuint (lancer_test_ui_count_colors (path), >, 10);
}

void
lancer_test_ui_shoot (GtkWidget  *widget,
                      const char *name)
{
  shoot (widget, name, TRUE);
}

void
lancer_test_ui_shoot_unchecked (GtkWidget  *widget,
                                const char *name)
{
  shoot (widget, name, FALSE);
}

GtkWidget *
lancer_test_ui_find (GtkWidget  *root,
                     gboolean  (*match) (GtkWidget *widget,
                                         gpointer   data),
                     gpointer    data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lancer_test_ui_find (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget *widget,
            gpointer   type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

GtkWidget *
lancer_test_ui_find_type (GtkWidget *root,
                          GType      type)
{
  return lancer_test_ui_find (root, is_of_type, GSIZE_TO_POINTER (type));
}

GtkWidget *
lancer_test_ui_find_button (GtkWidget  *root,
                            const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lancer_test_ui_find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
lancer_test_ui_find_action_button (GtkWidget  *root,
                                   const char *action_name)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lancer_test_ui_find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

AdwMessageDialog *
lancer_test_ui_find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* borrowed */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

gboolean
lancer_test_ui_session_ready (gpointer session)
{
  return lancer_session_get_state (session) != LANCER_SESSION_OPENING;
}

gboolean
lancer_test_ui_app_session_ready (gpointer app)
{
  LancerSession *session = lancer_application_get_session (app);

  return session != NULL && lancer_session_get_state (session) == LANCER_SESSION_READY;
}

gboolean
lancer_test_ui_message_dialog_shown (gpointer unused)
{
  return lancer_test_ui_find_message_dialog () != NULL;
}

void
lancer_test_ui_result_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

guint
lancer_test_ui_free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

GtkWidget *
lancer_test_ui_find_button_by_tooltip (GtkWidget  *root,
                                       const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lancer_test_ui_find_button_by_tooltip (child, tooltip);
      if (found != NULL)
        return found;
    }
  return NULL;
}
