/* test-start-hidden.c: "Start hidden at login".
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The login autostart runs `lancer --hidden`: the first activation opens
 * no window (syncing and alerts go on), the next one — the user opening
 * Lancer — shows it. Turning the switch on asks the Background portal;
 * where there is none (this session) nothing breaks.
 */
#include "config.h"

#include "lancer-application.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"

static LancerApplication *app;

static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + 300 * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_start_hidden (void)
{
  GSettings *settings = lancer_application_get_settings (app);
  GList *windows;

  lancer_application_set_start_hidden (app, TRUE);
  g_application_activate (G_APPLICATION (app));
  settle ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* The user opens Lancer from the app grid: the window comes. */
  g_application_activate (G_APPLICATION (app));
  settle ();
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_nonnull (windows);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (windows->data)));

  /* The switch asks the portal for the autostart entry; without one the
   * request just fails quietly and the choice is kept. */
  g_settings_set_boolean (settings, "start-hidden-at-login", TRUE);
  settle ();
  g_assert_true (g_settings_get_boolean (settings, "start-hidden-at-login"));
  g_settings_reset (settings, "start-hidden-at-login");
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = lancer_test_ui_app_new (&argc, &argv);
  g_test_add_func ("/ui/start-hidden", test_start_hidden);
  ret = g_test_run ();
  g_clear_object (&app);
  return ret;
}
