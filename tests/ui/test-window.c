/* test-window.c: the main window, every page, light and dark, wide and narrow.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saves a PNG of each page into $LANCER_ARTIFACT_DIR (the build's
 * screenshots/ folder under meson test). tools/screenshots runs it by hand.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lancer-application.h"
#include "lancer-paint-heap.h"
#include "lancer-paths.h"
#include "lancer-preferences-window.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"
#include "lancer-window.h"

static LancerApplication *app;

static const struct {
  const char *name;
  const char *empty_title;
} pages[] = {
  /* LancerPage: a profile without Upwork is offered to connect one. */
  { "jobs", N_("Connect Your Upwork Account") },
  { "proposals", N_("Connect Your Upwork Account") },
  { "messages", N_("No Messages") },
  { "diary", N_("No Contracts") },
  { "analytics", N_("Nothing to Measure Yet") },
};

static void
save_and_check (GtkWidget  *widget,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_build_filename (lancer_paths_get_artifact_dir (), file, NULL);

  lancer_test_ui_settle (widget);
  g_assert_true (lancer_test_ui_save_png (widget, path, &error));
  g_assert_no_error (error);
  /* A page that failed to draw is one or two flat colours. */
  g_assert_cmpuint (lancer_test_ui_count_colors (path), >, 10);
  g_test_message ("saved %s", path);
}

static void
visit_every_page (gboolean dark,
                  int      width)
{
  LancerWindow *window;
  AdwStyleManager *style = adw_style_manager_get_default ();
  const char *scheme = dark ? "dark" : "light";

  adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                  : ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = lancer_window_new (GTK_APPLICATION (app), lancer_application_get_session (app));
  gtk_window_set_default_size (GTK_WINDOW (window), width, 720);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  g_assert_cmpint (adw_style_manager_get_dark (style), ==, dark);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("window-%s-%s-%d", pages[i].name, scheme, width);
      g_autofree char *text = NULL;

      lancer_window_show_page (window, pages[i].name);
      g_assert_cmpstr (lancer_window_get_page (window), ==, pages[i].name);
      save_and_check (GTK_WIDGET (window), name);

      /* The empty state tells the user what the page is for. */
      text = lancer_test_ui_collect_text (GTK_WIDGET (window));
      /* _(): tools/screenshots may render a translation. A page on the
       * LancerPage base offers to connect a profile without an account. */
      if (strstr (text, _(pages[i].empty_title)) == NULL &&
          strstr (text, _("Connect Your Upwork Account")) == NULL)
        g_error ("the %s page does not say “%s”", pages[i].name, _(pages[i].empty_title));
    }

  /* It really fits: the window never asks for more than the width it got. */
  {
    int min_width = 0;

    GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));

    gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1,
                        &min_width, NULL, NULL, NULL);
    g_test_message ("content minimum width %d", min_width);
    g_assert_cmpint (min_width, <=, 360);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, width + 20);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_pages_light_wide (void)
{
  visit_every_page (FALSE, 1180);
}

static void
test_pages_dark_wide (void)
{
  visit_every_page (TRUE, 1180);
}

static void
test_pages_light_narrow (void)
{
  visit_every_page (FALSE, 360);
}

static void
test_pages_dark_narrow (void)
{
  visit_every_page (TRUE, 360);
}

static void
test_keyboard_page_switch (void)
{
  LancerWindow *window = lancer_window_new (GTK_APPLICATION (app), lancer_application_get_session (app));

  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "messages"));
  g_assert_cmpstr (lancer_window_get_page (window), ==, "messages");
  /* An unknown page name falls back to Jobs instead of an empty stack. */
  lancer_window_show_page (window, "nonsense");
  g_assert_cmpstr (lancer_window_get_page (window), ==, "jobs");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
heap_reserved (gpointer data)
{
  return lancer_paint_heap_is_reserved ();
}

/* The suite draws with GTK's cairo renderer on Xvfb, as a machine without
 * a GPU does: the window readies the heap it paints into, off the main
 * thread, and keeps drawing meanwhile. */
static void
test_paint_heap_reserved (void)
{
  LancerWindow *window = lancer_window_new (GTK_APPLICATION (app), lancer_application_get_session (app));

  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  if (!lancer_paint_heap_applies_to (GTK_WINDOW (window)))
    {
      g_test_skip ("not drawn in software on X11");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  g_assert_true (lancer_test_iterate_until (heap_reserved, NULL, 5));
  save_and_check (GTK_WIDGET (window), "window-after-heap-reserve");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_state_saved (void)
{
  GSettings *settings = lancer_application_get_settings (app);
  LancerWindow *window = lancer_window_new (GTK_APPLICATION (app), lancer_application_get_session (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  lancer_window_show_page (window, "analytics");
  gtk_window_close (GTK_WINDOW (window));
  lancer_test_iterate_until ((LancerTestCondition) g_main_context_pending, NULL, 1);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_cmpstr (g_settings_get_string (settings, "last-page"), ==, "analytics");

  /* The next window opens where the last one left off. */
  window = lancer_window_new (GTK_APPLICATION (app), lancer_application_get_session (app));
  g_assert_cmpstr (lancer_window_get_page (window), ==, "analytics");
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_set_string (settings, "last-page", "jobs");
}

static void
test_preferences (void)
{
  GSettings *profile = lancer_application_get_profile_settings (app);
  GSettings *settings = lancer_application_get_settings (app);
  LancerPreferencesWindow *prefs;
  AdwStyleManager *style = adw_style_manager_get_default ();

  prefs = lancer_preferences_window_new (NULL, profile);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (prefs)));
  save_and_check (GTK_WIDGET (prefs), "preferences-general");
  for (guint i = 1; i <= 4; i++)
    {
      static const char *names[] = { NULL, "upwork", "ai", "security", "alerts" };
      g_autofree char *name = g_strdup_printf ("preferences-%s", names[i]);
      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), names[i]);
      save_and_check (GTK_WIDGET (prefs), name);
    }

  /* The controls are bound: a setting changed elsewhere shows at once,
   * and the app's appearance follows the style setting. */
  g_settings_set_uint (profile, "sync-interval-minutes", 45);
  g_settings_set_string (settings, "color-scheme", "dark");
  lancer_test_ui_settle (GTK_WIDGET (prefs));
  g_assert_true (adw_style_manager_get_dark (style));
  g_settings_set_string (settings, "color-scheme", "system");
  g_assert_cmpuint (g_settings_get_uint (profile, "sync-interval-minutes"), ==, 45);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_about_and_shortcuts (void)
{
  LancerWindow *window = lancer_window_new (GTK_APPLICATION (app), lancer_application_get_session (app));
  GtkWindow *overlay;

  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  lancer_test_ui_settle (GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (overlay);
  lancer_test_ui_settle (GTK_WIDGET (overlay));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  save_and_check (GTK_WIDGET (overlay), "shortcuts");
  {
    GListModel *toplevels = gtk_window_get_toplevels ();  /* borrowed */
    g_autoptr(GtkWindow) about = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && about == NULL; i++)
      {
        g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

        if (ADW_IS_ABOUT_WINDOW (toplevel))
          about = g_steal_pointer (&toplevel);
      }
    g_assert_nonnull (about);
    save_and_check (GTK_WIDGET (about), "about");
    gtk_window_destroy (about);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* "<Control>q" whatever way it was written. */
static char *
normalize_accel (const char *accel)
{
  guint key = 0;
  GdkModifierType mods = 0;

  g_assert_true (gtk_accelerator_parse (accel, &key, &mods));
  return gtk_accelerator_name (key, mods);
}

/* The main window's own shortcuts: those its widgets (Lancer's, not
 * GTK's built-in ones) bind to one of their actions. */
static void
collect_widget_shortcuts (GtkWidget  *widget,
                          GHashTable *found)
{
  if (g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Lancer"))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
              GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
              GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

              if (GTK_IS_KEYVAL_TRIGGER (trigger) && GTK_IS_NAMED_ACTION (action))
                g_hash_table_add (found, gtk_accelerator_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                                               gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))));
            }
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_widget_shortcuts (child, found);
}

/* The shortcuts window lists every shortcut the app has, and nothing it
 * has not: each accelerator it shows works, each one that works is shown. */
static void
test_shortcuts_listed (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) real = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  LancerWindow *window = lancer_window_new (GTK_APPLICATION (app), lancer_application_get_session (app));
  GHashTableIter iter;
  const char *accel;

  /* What the app and the window really do. */
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);

      for (guint a = 0; accels[a] != NULL; a++)
        g_hash_table_add (real, normalize_accel (accels[a]));
    }
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  lancer_window_ensure_pages (window);
  collect_widget_shortcuts (GTK_WIDGET (window), real);
  /* The message composer sends on Ctrl+Enter from a key controller (the
   * text view would take a shortcut's keys first). */
  g_hash_table_add (real, normalize_accel ("<Control>Return"));

  /* What the shortcuts window shows. */
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *action_name = NULL;
      g_autofree char *accelerator = NULL;
      g_autofree char *title = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "action-name", &action_name, "accelerator", &accelerator, "title", &title, NULL);
      if (action_name != NULL)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action_name);

          /* An action without an accelerator would show an empty row. */
          if (accels[0] == NULL)
            g_error ("“%s” (%s) has no accelerator", title, action_name);
          for (guint a = 0; accels[a] != NULL; a++)
            g_hash_table_add (listed, normalize_accel (accels[a]));
        }
      else
        {
          g_auto(GStrv) accels = g_strsplit (accelerator, " ", -1);

          g_assert_cmpuint (g_strv_length (accels), >, 0);
          for (guint a = 0; accels[a] != NULL; a++)
            g_hash_table_add (listed, normalize_accel (accels[a]));
        }
    }

  g_hash_table_iter_init (&iter, listed);
  while (g_hash_table_iter_next (&iter, (gpointer *) &accel, NULL))
    if (!g_hash_table_contains (real, accel))
      g_error ("the shortcuts window lists %s, which does nothing", accel);
  g_hash_table_iter_init (&iter, real);
  while (g_hash_table_iter_next (&iter, (gpointer *) &accel, NULL))
    if (!g_hash_table_contains (listed, accel))
      g_error ("%s works but the shortcuts window does not list it", accel);
  g_test_message ("%u shortcuts listed", g_hash_table_size (listed));
  g_assert_cmpuint (g_hash_table_size (listed), >=, 10);
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* Drawn in software, as on a machine without a GPU (and as the
   * benchmarks draw): /ui/window/paint-heap-reserved checks that path. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  app = lancer_test_ui_app_new (&argc, &argv);

  g_test_add_func ("/ui/window/pages-light-wide", test_pages_light_wide);
  g_test_add_func ("/ui/window/pages-dark-wide", test_pages_dark_wide);
  g_test_add_func ("/ui/window/pages-light-narrow", test_pages_light_narrow);
  g_test_add_func ("/ui/window/pages-dark-narrow", test_pages_dark_narrow);
  g_test_add_func ("/ui/window/keyboard-page-switch", test_keyboard_page_switch);
  g_test_add_func ("/ui/window/state-saved", test_state_saved);
  g_test_add_func ("/ui/window/paint-heap-reserved", test_paint_heap_reserved);
  g_test_add_func ("/ui/preferences", test_preferences);
  g_test_add_func ("/ui/about-and-shortcuts", test_about_and_shortcuts);
  g_test_add_func ("/ui/shortcuts-listed", test_shortcuts_listed);

  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
