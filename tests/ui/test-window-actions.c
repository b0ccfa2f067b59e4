/* test-window-actions.c: every window's buttons do something.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Buttons bound to app.* actions only work in a window that belongs to the
 * application: a dialog without it shows them insensitive, or they do
 * nothing. Each window is opened the way a user opens it, and from each the
 * app actions and the buttons that open other windows are used.
 */
#include "config.h"

#include "lancer-ai-error-ui.h"
#include "lancer-application.h"
#include "lancer-audit-window.h"
#include "lancer-connect-window.h"
#include "lancer-lock-enrol-window.h"
#include "lancer-paths.h"
#include "lancer-preferences-window.h"
#include "lancer-prompt-templates-window.h"
#include "lancer-proposal-editor.h"
#include "lancer-proposal-sheet.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"
#include "lancer-window.h"

static LancerApplication *app;
static LancerWindow *main_window;

static guint
count_windows (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      n += G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window));
    }
  return n;
}

/* The newest visible window of @type. */
static GtkWindow *
newest_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  /* toplevels are listed oldest first */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = window;
    }
  return found;
}

typedef struct
{
  GType type;
  guint before;
} Opened;

static gboolean
window_opened (gpointer data)
{
  Opened *o = data;

  return count_windows (o->type) > o->before;
}

/* Waits for a new window of @type; it belongs to the app, on top of @parent. */
static GtkWindow *
expect_window (GType      type,
               guint      before,
               GtkWindow *parent)
{
  Opened o = { type, before };
  GtkWindow *window;

  g_assert_true (lancer_test_iterate_until (window_opened, &o, 10));
  window = newest_window (type);
  g_assert_nonnull (window);
  g_assert_true (gtk_window_get_application (window) == GTK_APPLICATION (app));
  if (parent != NULL)
    g_assert_true (gtk_window_get_transient_for (window) == parent);
  lancer_test_ui_settle (GTK_WIDGET (window));
  return window;
}

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row (c, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* From @window: Preferences, Connect Upwork and About open, each on top of it. */
static void
app_actions_work_from (GtkWindow *window)
{
  GtkWindow *opened;
  guint before;

  /* The profile has one Preferences window (libadwaita 1.2.2 leaks a
   * freed one): when it is already open, it is presented again. */
  before = count_windows (LANCER_TYPE_PREFERENCES_WINDOW);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.preferences", NULL));
  if (before == 0)
    {
      opened = expect_window (LANCER_TYPE_PREFERENCES_WINDOW, before, NULL);
      gtk_window_destroy (opened);
    }
  else
    {
      lancer_test_ui_settle (GTK_WIDGET (window));
      g_assert_cmpuint (count_windows (LANCER_TYPE_PREFERENCES_WINDOW), ==, before);
      g_assert_true (gtk_window_get_application (newest_window (LANCER_TYPE_PREFERENCES_WINDOW)) ==
                     GTK_APPLICATION (app));
    }

  before = count_windows (LANCER_TYPE_CONNECT_WINDOW);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.connect-upwork", NULL));
  opened = expect_window (LANCER_TYPE_CONNECT_WINDOW, before, NULL);
  gtk_window_destroy (opened);

  before = count_windows (ADW_TYPE_ABOUT_WINDOW);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.about", NULL));
  g_assert_cmpuint (count_windows (ADW_TYPE_ABOUT_WINDOW), >, before);
  gtk_window_destroy (newest_window (ADW_TYPE_ABOUT_WINDOW));

  /* What a notification's buttons do: the main window turns to the page. */
  lancer_window_show_page (main_window, "analytics");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.open-room", "s", ""));
  g_assert_cmpstr (lancer_window_get_page (main_window), ==, "messages");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.open-job", "s", ""));
  g_assert_cmpstr (lancer_window_get_page (main_window), ==, "jobs");
}

static void
test_every_window (void)
{
  LancerSession *session;
  GtkWindow *prefs;
  GtkWindow *connect;
  GtkWindow *audit;
  GtkWindow *templates;
  GtkWindow *enrol;
  GtkWindow *sheet;
  GtkWidget *sign_in;
  GtkWidget *row;
  guint before;

  g_application_activate (G_APPLICATION (app));
  main_window = LANCER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (main_window)));
  g_assert_true (lancer_test_iterate_until (lancer_test_ui_app_session_ready, app, 20));
  session = lancer_application_get_session (app);

  /* The main window. */
  app_actions_work_from (GTK_WINDOW (main_window));

  /* Preferences, from the main window's menu. */
  before = count_windows (LANCER_TYPE_PREFERENCES_WINDOW);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_window), "app.preferences", NULL));
  prefs = expect_window (LANCER_TYPE_PREFERENCES_WINDOW, before, GTK_WINDOW (main_window));

  /* Preferences → Upwork → Sign In… can be pressed, and opens Connect Upwork. */
  sign_in = lancer_test_ui_find_button (GTK_WIDGET (prefs), "Sign _In…");
  g_assert_nonnull (sign_in);
  g_assert_true (gtk_widget_is_sensitive (sign_in));
  before = count_windows (LANCER_TYPE_CONNECT_WINDOW);
  g_signal_emit_by_name (sign_in, "clicked");
  connect = expect_window (LANCER_TYPE_CONNECT_WINDOW, before, prefs);
  app_actions_work_from (connect);
  gtk_window_destroy (connect);

  /* Preferences → Activity Log. */
  row = find_row (GTK_WIDGET (prefs), "_Activity Log");
  g_assert_nonnull (row);
  before = count_windows (LANCER_TYPE_AUDIT_WINDOW);
  g_signal_emit_by_name (row, "activated");
  audit = expect_window (LANCER_TYPE_AUDIT_WINDOW, before, prefs);
  app_actions_work_from (audit);
  gtk_window_destroy (audit);

  /* Preferences → AI → Prompt Templates. */
  row = find_row (GTK_WIDGET (prefs), "Prompt _Templates");
  g_assert_nonnull (row);
  before = count_windows (LANCER_TYPE_PROMPT_TEMPLATES_WINDOW);
  g_signal_emit_by_name (row, "activated");
  templates = expect_window (LANCER_TYPE_PROMPT_TEMPLATES_WINDOW, before, prefs);
  app_actions_work_from (templates);
  gtk_window_destroy (templates);

  /* Preferences → Security → New Recovery Codes (the lock's own window). */
  row = find_row (GTK_WIDGET (prefs), "New Recovery _Codes");
  g_assert_nonnull (row);
  before = count_windows (LANCER_TYPE_LOCK_ENROL_WINDOW);
  g_signal_emit_by_name (row, "activated");
  enrol = expect_window (LANCER_TYPE_LOCK_ENROL_WINDOW, before, prefs);
  app_actions_work_from (enrol);
  gtk_window_destroy (enrol);

  app_actions_work_from (prefs);
  gtk_window_destroy (prefs);

  /* The proposal editor: its error bar's "Open Preferences" opens them. */
  {
    g_autoptr(LancerJob) job = lancer_job_new ("~01trustjob");
    GtkWidget *editor;

    lancer_job_set_title (job, "GTK 4 developer for a C app");
    lancer_job_set_url (job, "https://www.upwork.com/jobs/~01trustjob");
    sheet = lancer_proposal_sheet_new (GTK_WINDOW (main_window), session, job);
    g_assert_true (lancer_test_ui_show (sheet));
    g_assert_true (gtk_window_get_application (sheet) == GTK_APPLICATION (app));
    editor = lancer_test_ui_find_type (GTK_WIDGET (sheet), LANCER_TYPE_PROPOSAL_EDITOR);
    g_assert_nonnull (editor);
    before = count_windows (LANCER_TYPE_PREFERENCES_WINDOW);
    lancer_ai_error_ui_apply_fix (editor, LANCER_AI_FIX_PREFERENCES, lancer_session_get_settings (session));
    prefs = expect_window (LANCER_TYPE_PREFERENCES_WINDOW, before, sheet);
    gtk_window_destroy (prefs);
    app_actions_work_from (sheet);
    gtk_window_destroy (sheet);
  }

  gtk_window_destroy (GTK_WINDOW (main_window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = lancer_test_ui_app_new (&argc, &argv);

  g_test_add_func ("/ui/window-actions/every-window", test_every_window);

  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
