/* shoot-metainfo.c: the screenshots the metainfo (and so Flathub and the
 * software centres) show, taken from the demo profile.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One window drawn at 1000×700 (Flathub's largest), GNOME's default font,
 * light style, each page populated by the demo's sync: Jobs with a job
 * open, Proposals, Messages with a conversation open, Work Diary and
 * Analytics. `tools/screenshots --metainfo` runs it and writes the PNGs
 * into data/screenshots/. Not a test: it only fails when a page never
 * fills.
 */
#include "config.h"

#include <string.h>

#include "lancer-analytics-page.h"
#include "lancer-application.h"
#include "lancer-diary-page-private.h"
#include "lancer-jobs-page-private.h"
#include "lancer-messages-page-private.h"
#include "lancer-paths.h"
#include "lancer-proposals-page-private.h"
#include "lancer-store-messages.h"
#include "lancer-store-pipeline.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"
#include "lancer-window.h"

/* The default size includes 10 px the drawn window does not: 1000×700. */
#define WIDTH  1010
#define HEIGHT 710

static LancerApplication *app;

static gboolean
shows_syncing (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), "Syncing") != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows_syncing (child))
      return TRUE;
  return FALSE;
}

static gboolean
sync_idle (gpointer data)
{
  LancerSync *sync = lancer_session_get_sync (lancer_application_get_session (app));

  if (sync != NULL && lancer_sync_get_state (sync) == LANCER_SYNC_STATE_SYNCING)
    return FALSE;
  /* A page's banner follows the sync a moment later. */
  return !shows_syncing (data);
}

static void
shoot (GtkWidget  *window,
       const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("%s/%s.png", lancer_paths_get_artifact_dir (), name);

  /* No "Syncing…" banner in a screenshot, where the sync really ended. */
  if (!lancer_test_iterate_until (sync_idle, window, 20))
    g_print ("%s: the page still says it is syncing\n", name);
  lancer_test_ui_settle (window);
  g_assert_true (lancer_test_ui_save_png (window, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lancer_test_ui_count_colors (path), >, 10);
  g_print ("saved %s (%d×%d)\n", path, gtk_widget_get_width (window), gtk_widget_get_height (window));
}

static gboolean
demo_synced (gpointer data)
{
  LancerSession *session = lancer_application_get_session (app);
  LancerSync *sync;

  if (session == NULL || !lancer_session_get_is_demo (session) || !lancer_session_get_signed_in (session))
    return FALSE;
  sync = lancer_session_get_sync (session);
  /* @data is the window: the demo profile has its own Jobs page */
  return sync != NULL && lancer_sync_get_last_synced (sync) > 0 &&
         lancer_sync_get_state (sync) != LANCER_SYNC_STATE_SYNCING &&
         lancer_test_ui_find_type (data, LANCER_TYPE_JOBS_PAGE) != NULL &&
         g_strcmp0 (lancer_jobs_page_get_mode (LANCER_JOBS_PAGE (lancer_test_ui_find_type (data, LANCER_TYPE_JOBS_PAGE))), "list") == 0;
}

static gboolean
jobs_detail_shown (gpointer data)
{
  return g_strcmp0 (lancer_jobs_page_get_visible_pane (data), "detail") == 0 ||
         g_strcmp0 (lancer_jobs_page_get_mode (data), "list") == 0;
}

static gboolean
proposals_shown (gpointer data)
{
  return lancer_page_get_state (data) == LANCER_PAGE_READY &&
         g_list_model_get_n_items (_lancer_proposals_page_get_shown (data)) > 0;
}

static gboolean
proposal_shown (gpointer data)
{
  return _lancer_proposals_page_get_detail_loaded (data);
}

static gboolean
messages_shown (gpointer data)
{
  return lancer_page_get_state (data) == LANCER_PAGE_READY &&
         g_list_model_get_n_items (lancer_messages_page_get_rooms (data)) > 0;
}

static gboolean
thread_shown (gpointer data)
{
  GListModel *thread = lancer_messages_page_get_thread (data);

  return thread != NULL && g_list_model_get_n_items (thread) > 0;
}

static gboolean
diary_shown (gpointer data)
{
  return lancer_page_get_state (data) == LANCER_PAGE_READY &&
         g_list_model_get_n_items (lancer_diary_page_get_contracts (data)) > 0;
}

static gboolean
analytics_shown (gpointer data)
{
  return lancer_page_get_state (data) == LANCER_PAGE_READY;
}

static void
rooms_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GPtrArray **rooms = user_data;
  g_autoptr(GError) error = NULL;

  *rooms = lancer_store_list_rooms_finish (LANCER_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
proposals_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GPtrArray **proposals = user_data;
  g_autoptr(GError) error = NULL;

  *proposals = lancer_store_list_proposals_finish (LANCER_STORE (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
have_rooms (gpointer data)
{
  return *(GPtrArray **) data != NULL;
}

static void
shoot_demo (void)
{
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GPtrArray) proposals = NULL;
  LancerProposalFilter filter;
  LancerProposal *proposal = NULL;
  const char *room_id;
  LancerWindow *window;
  GtkWidget *page;

  g_object_set (gtk_settings_get_default (), "gtk-font-name", "Cantarell 11", NULL);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  g_application_activate (G_APPLICATION (app));
  window = LANCER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));

  page = lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_JOBS_PAGE);
  g_assert_true (gtk_widget_activate_action (page, "app.try-demo", NULL));
  g_assert_true (lancer_test_iterate_until (demo_synced, window, 120));
  lancer_window_ensure_pages (window);
  page = lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_JOBS_PAGE);

  lancer_window_show_page (window, "jobs");
  lancer_jobs_page_select (LANCER_JOBS_PAGE (page), 1);
  g_assert_true (lancer_test_iterate_until (jobs_detail_shown, page, 10));
  shoot (GTK_WIDGET (window), "jobs");

  /* A proposal with a conversation: both pages open it. */
  lancer_proposal_filter_init (&filter);
  lancer_store_list_proposals_async (lancer_session_get_store (lancer_application_get_session (app)), &filter,
                                     NULL, proposals_cb, &proposals);
  g_assert_true (lancer_test_iterate_until (have_rooms, &proposals, 10));
  g_assert_cmpuint (proposals->len, >, 0);
  for (guint i = 0; i < proposals->len && proposal == NULL; i++)
    if (lancer_proposal_get_room_id (proposals->pdata[i]) != NULL)
      proposal = proposals->pdata[i];
  if (proposal == NULL)
    proposal = proposals->pdata[0];

  lancer_window_show_page (window, "proposals");
  page = lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_PROPOSALS_PAGE);
  g_assert_true (lancer_test_iterate_until (proposals_shown, page, 30));
  lancer_proposals_page_show_proposal (LANCER_PROPOSALS_PAGE (page), lancer_proposal_get_id (proposal));
  g_assert_true (lancer_test_iterate_until (proposal_shown, page, 30));
  shoot (GTK_WIDGET (window), "proposals");

  lancer_window_show_page (window, "messages");
  page = lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_MESSAGES_PAGE);
  g_assert_true (lancer_test_iterate_until (messages_shown, page, 30));
  lancer_store_list_rooms_async (lancer_session_get_store (lancer_application_get_session (app)), NULL,
                                 rooms_cb, &rooms);
  g_assert_true (lancer_test_iterate_until (have_rooms, &rooms, 10));
  g_assert_cmpuint (rooms->len, >, 0);
  room_id = lancer_proposal_get_room_id (proposal) != NULL ? lancer_proposal_get_room_id (proposal) : lancer_room_get_id ((LancerRoom *) rooms->pdata[0]);
  lancer_messages_page_select_room (LANCER_MESSAGES_PAGE (page), room_id);
  g_assert_true (lancer_test_iterate_until (thread_shown, page, 30));
  shoot (GTK_WIDGET (window), "messages");

  lancer_window_show_page (window, "diary");
  page = lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_DIARY_PAGE);
  g_assert_true (lancer_test_iterate_until (diary_shown, page, 30));
  shoot (GTK_WIDGET (window), "diary");

  lancer_window_show_page (window, "analytics");
  page = lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_ANALYTICS_PAGE);
  g_assert_true (lancer_test_iterate_until (analytics_shown, page, 30));
  shoot (GTK_WIDGET (window), "analytics");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = lancer_test_ui_app_new (&argc, &argv);
  g_test_add_func ("/metainfo/screenshots", shoot_demo);
  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
