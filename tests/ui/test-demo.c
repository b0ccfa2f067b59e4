/* test-demo.c: "Try with Demo Data" and signing in to Upwork.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo runs the real OAuth client, GraphQL client and sync against the
 * in-process sandbox, exactly as a new user would see it.
 */
#include "config.h"

#include "lancer-application.h"
#include "lancer-connect-window.h"
#include "lancer-jobs-page-private.h"
#include "lancer-paths.h"
#include "lancer-sandbox.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"
#include "lancer-window.h"

static LancerApplication *app;

static LancerJobsPage *
find_jobs_page (GtkWidget *widget)
{
  return LANCER_JOBS_PAGE (lancer_test_ui_find_type (widget, LANCER_TYPE_JOBS_PAGE));
}

static gboolean
demo_has_jobs (gpointer data)
{
  LancerSession *session = lancer_application_get_session (app);
  GListModel *model;

  if (session == NULL || !lancer_session_get_is_demo (session) || !lancer_session_get_signed_in (session))
    return FALSE;
  model = lancer_jobs_page_get_model (data);
  return model != NULL && g_list_model_get_n_items (model) > 0 &&
         g_strcmp0 (lancer_jobs_page_get_mode (data), "list") == 0;
}

/* What the Jobs page showed once the demo profile was open. */
static gboolean saw_fetching;
static gboolean saw_empty;

/* @data is the window: another profile gets a new Jobs page. */
static gboolean
watch_demo (gpointer data)
{
  LancerSession *session = lancer_application_get_session (app);
  LancerJobsPage *page = find_jobs_page (data);
  const char *mode;

  if (page == NULL)
    return FALSE;
  mode = lancer_jobs_page_get_mode (page);

  if (session != NULL && lancer_session_get_is_demo (session) &&
      lancer_session_get_state (session) == LANCER_SESSION_READY)
    {
      saw_fetching |= g_strcmp0 (mode, "fetching") == 0;
      saw_empty |= g_strcmp0 (mode, "empty") == 0;
    }
  return demo_has_jobs (page);
}

static void
test_try_demo (void)
{
  LancerWindow *window;
  LancerJobsPage *page;

  g_application_activate (G_APPLICATION (app));
  window = LANCER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  page = find_jobs_page (GTK_WIDGET (window));

  /* The first-run page offers the demo; one click later jobs arrive. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "app.try-demo", NULL));
  g_assert_true (lancer_test_iterate_until (watch_demo, window, 60));
  /* While the first sync runs the page is there, saying it is fetching,
   * never "No Jobs Yet, connect Upwork". */
  g_assert_true (saw_fetching);
  g_assert_false (saw_empty);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Demo"));
  g_assert_nonnull (lancer_session_get_sync (lancer_application_get_session (app)));
  lancer_test_ui_shoot (GTK_WIDGET (window), "demo-jobs");
}

static GtkWidget *
find_icon_button (GtkWidget  *widget,
                  const char *icon)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_icon_button (c, icon);
      if (found != NULL)
        return found;
    }
  return NULL;
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
test_connect_window (void)
{
  LancerSession *session = lancer_application_get_session (app);
  LancerConnectWindow *connect = lancer_connect_window_new (NULL, session);
  g_autofree char *text = NULL;

  g_assert_true (lancer_test_ui_show (GTK_WINDOW (connect)));
  /* It names the key permissions to tick. */
  text = lancer_test_ui_collect_text (GTK_WIDGET (connect));
  g_assert_nonnull (strstr (text, "Common Entities"));
  g_assert_nonnull (strstr (text, "exactly as shown"));

  /* The callback to register, copied with one click. */
  {
    GtkWidget *copy = find_icon_button (GTK_WIDGET (connect), "edit-copy-symbolic");
    g_autofree char *copied = NULL;

    g_assert_nonnull (copy);
    g_signal_emit_by_name (copy, "clicked");
    gdk_clipboard_read_text_async (gtk_widget_get_clipboard (copy), NULL, text_read_cb, &copied);
    while (copied == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_autofree char *shown = g_settings_get_string (lancer_session_get_settings (session), "upwork-redirect-uri");

    g_assert_cmpstr (copied, ==, shown);
  }
  lancer_test_ui_shoot (GTK_WIDGET (connect), "connect-upwork");
  gtk_window_set_default_size (GTK_WINDOW (connect), 360, 700);
  lancer_test_ui_shoot (GTK_WIDGET (connect), "connect-upwork-360");
  gtk_window_destroy (GTK_WINDOW (connect));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = lancer_test_ui_app_new (&argc, &argv);

  g_test_add_func ("/ui/demo/try-demo", test_try_demo);
  g_test_add_func ("/ui/demo/connect-window", test_connect_window);

  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
