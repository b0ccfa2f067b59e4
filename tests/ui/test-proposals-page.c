/* test-proposals-page.c: the Proposals page and the proposal editor as a
 * person uses them, checked in the profile's database; screenshots of every
 * state, light and dark, 1180 and 360 px wide, into $LANCER_ARTIFACT_DIR.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "lancer-store-private.h"   /* seeds the profile directly */
#include "lancer-application.h"
#include "lancer-paths.h"
#include "lancer-proposal-editor.h"
#include "lancer-proposal-sheet.h"
#include "lancer-proposals-page-private.h"
#include "lancer-proposal-row.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"
#include "lancer-window.h"
#include "../store/pipeline-fixture.h"

static LancerApplication *app;

/* ---- the widget tree ---- */

/* The list of proposals (not the status drop-down's own list). */
static GtkWidget *
find_sidebar (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_sidebar (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_tooltip_button (GtkWidget  *widget,
                     const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip_button (child, tooltip);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Something shown sticks out past @window's right edge: a person at
 * that width would have to scroll sideways or would see it cut off. */
static GtkWidget *
find_overflow (GtkWidget *window,
               GtkWidget *widget)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (widget != window && gtk_widget_compute_bounds (widget, window, &bounds) &&
      bounds.size.width > 0 && bounds.origin.x + bounds.size.width > gtk_widget_get_width (window) + 1)
    return widget;
  /* What a scroller holds may be wider than the scroller: that scrolls. */
  if (GTK_IS_SCROLLED_WINDOW (widget) || GTK_IS_TEXT_VIEW (widget))
    return NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_overflow (window, child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Light and dark at 1180 px, then light and dark at 360 px, where nothing
 * may stick out; the window is wide again afterwards. */
static void
shoot_all (GtkWidget  *window,
           const char *name)
{
  static const int widths[] = { 1180, 360 };
  AdwStyleManager *style = adw_style_manager_get_default ();

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autofree char *light = g_strdup_printf ("%s-%d-light", name, widths[i]);
      g_autofree char *dark = g_strdup_printf ("%s-%d-dark", name, widths[i]);
      GtkWidget *overflow;

      gtk_window_set_default_size (GTK_WINDOW (window), widths[i], widths[i] > 400 ? 780 : 720);
      lancer_test_ui_shoot (window, light);
      if (gtk_widget_get_width (window) > widths[i])
        {
          int min = 0;

          gtk_widget_measure (gtk_window_get_child (GTK_WINDOW (window)), GTK_ORIENTATION_HORIZONTAL, -1,
                              &min, NULL, NULL, NULL);
          g_test_message ("%s at %d px: the window needs %d px", name, widths[i], min);
        }
      g_assert_cmpint (gtk_widget_get_width (window), <=, widths[i]);
      g_assert_cmpint (gtk_widget_get_height (window), <=, widths[i] > 400 ? 780 : 720);
      overflow = find_overflow (window, window);
      if (overflow != NULL)
        g_error ("%s at %d px: a %s sticks out", name, widths[i], G_OBJECT_TYPE_NAME (overflow));
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
      lancer_test_ui_shoot (window, dark);
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
    }
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 780);
  lancer_test_ui_settle (window);
}

/* ---- the profile ---- */

static LancerSession *
session (void)
{
  return lancer_application_get_session (app);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  lancer_store_run_finish (LANCER_STORE (source), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
seed (void)
{
  LancerStore *store = lancer_session_get_store (session ());
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  PipelineFixture f = { 0 };
  gboolean done = FALSE;

  f.now = g_get_real_time () / G_USEC_PER_SEC;
  f.week_start = lancer_diary_week_start (now);
  lancer_store_run_async (store, TRUE, "proposals", pipeline_fixture_worker, &f, NULL, NULL, NULL, done_cb, &done);
  g_assert_true (lancer_test_wait_flag (&done, 60));
  g_free (f.week_start);
}

/* A column of one proposal, read from the profile's SQLite file. */
static char *
stored_text (const char *sql,
             gint64      proposal_id)
{
  g_autofree char *path = lancer_profile_dup_db_path (lancer_session_get_profile (session ()));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, proposal_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
stored_status (gint64 proposal_id)
{
  return stored_text ("SELECT status FROM proposals WHERE id = ?1", proposal_id);
}

typedef struct
{
  gint64      id;
  const char *status;
} StatusWait;

static gboolean
status_is (gpointer data)
{
  StatusWait *w = data;
  g_autofree char *status = stored_status (w->id);

  return g_strcmp0 (status, w->status) == 0;
}

/* ---- the page ---- */

static LancerWindow *
open_window (void)
{
  LancerWindow *window = lancer_window_new (GTK_APPLICATION (app), session ());

  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 780);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  g_assert_true (lancer_test_iterate_until (lancer_test_ui_session_ready, session (), 20));
  g_assert_cmpint (lancer_session_get_state (session ()), ==, LANCER_SESSION_READY);
  lancer_window_ensure_pages (window);
  lancer_window_show_page (window, "proposals");
  return window;
}

static LancerProposalsPage *
proposals_page (LancerWindow *window)
{
  return LANCER_PROPOSALS_PAGE (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_PROPOSALS_PAGE));
}

typedef struct
{
  LancerPage      *page;
  LancerPageState  state;
} StateWait;

static gboolean
state_is (gpointer data)
{
  StateWait *w = data;
  return lancer_page_get_state (w->page) == w->state;
}

static void
wait_state (LancerProposalsPage *page,
            LancerPageState      state)
{
  StateWait w = { LANCER_PAGE (page), state };

  g_assert_true (lancer_test_iterate_until (state_is, &w, 20));
}

static gboolean
shows_id (LancerProposalsPage *page,
          gint64               id)
{
  GListModel *shown = _lancer_proposals_page_get_shown (page);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(LancerProposal) p = g_list_model_get_item (shown, i);

      if (lancer_proposal_get_id (p) == id)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  LancerProposalsPage *page;
  gint64               id;
  gboolean             shown;
} ListWait;

static gboolean
list_is (gpointer data)
{
  ListWait *w = data;
  return shows_id (w->page, w->id) == w->shown;
}

static gboolean
detail_loaded (gpointer data)
{
  return _lancer_proposals_page_get_detail_loaded (data);
}

/* A profile without proposals, and without Upwork yet: the page offers
 * to connect an account (LancerPage's empty state for such a profile). */
static void
test_empty (void)
{
  LancerWindow *window = open_window ();
  LancerProposalsPage *page = proposals_page (window);
  g_autofree char *text = NULL;

  wait_state (page, LANCER_PAGE_EMPTY);
  text = lancer_test_ui_collect_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "Connect Your Upwork Account"));
  shoot_all (GTK_WIDGET (window), "proposals-page-empty");

  /* What a failed load looks like: the store's own words and Try Again. */
  {
    g_autoptr(GError) error = g_error_new_literal (LANCER_STORE_ERROR, LANCER_STORE_ERROR_LOCKED,
                                                   "The keyring is locked: unlock it to read your proposals.");

    lancer_page_show_error (LANCER_PAGE (page), error);
    g_assert_cmpint (lancer_page_get_state (LANCER_PAGE (page)), ==, LANCER_PAGE_ERROR);
    shoot_all (GTK_WIDGET (window), "proposals-page-error");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_bound_proposal_row (GtkWidget *widget,
                       gpointer   unused)
{
  return LANCER_IS_PROPOSAL_ROW (widget) && lancer_proposal_row_get_proposal (LANCER_PROPOSAL_ROW (widget)) != NULL;
}

/* A screen reader hears a row as one sentence: the job, the stage and the
 * terms line it shows. */
static void
assert_row_spoken (LancerProposalsPage *page)
{
  GtkWidget *row = lancer_test_ui_find (GTK_WIDGET (page), is_bound_proposal_row, NULL);
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *sentence = NULL;

  g_assert_nonnull (row);
  texts = lancer_test_ui_visible_labels (row);
  g_assert_cmpuint (texts->len, >=, 3);
  sentence = g_strdup_printf ("%s. %s. %s", (char *) texts->pdata[0], (char *) texts->pdata[1],
                              (char *) texts->pdata[texts->len - 1]);
  lancer_test_ui_assert_spoken (row, sentence);
}

/* Archive a proposal with its button, then Undo from the toast: the
 * database has it archived, then back in its stage, and so has the list. */
static void
test_archive_undo (void)
{
  LancerWindow *window;
  LancerProposalsPage *page;
  g_autofree char *before = NULL;
  GtkWidget *archive;
  AdwToast *toast;
  ListWait gone, back;
  StatusWait archived, restored;

  seed ();
  window = open_window ();
  page = proposals_page (window);
  wait_state (page, LANCER_PAGE_READY);
  shoot_all (GTK_WIDGET (window), "proposals-page-list");
  assert_row_spoken (page);

  lancer_proposals_page_show_proposal (page, 5);
  g_assert_true (lancer_test_iterate_until (detail_loaded, page, 20));
  shoot_all (GTK_WIDGET (window), "proposals-page-detail");
  before = stored_status (5);
  g_assert_nonnull (before);
  g_assert_cmpstr (before, !=, "archived");

  archive = lancer_test_ui_find_action_button (GTK_WIDGET (page), "proposals.archive");
  g_assert_nonnull (archive);
  g_signal_emit_by_name (archive, "clicked");
  archived = (StatusWait) { 5, "archived" };
  g_assert_true (lancer_test_iterate_until (status_is, &archived, 20));
  gone = (ListWait) { page, 5, FALSE };
  g_assert_true (lancer_test_iterate_until (list_is, &gone, 20));

  toast = _lancer_proposals_page_get_last_toast (page);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Proposal archived");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
  lancer_test_ui_shoot (GTK_WIDGET (window), "proposals-page-archived");

  /* The toast's Undo button activates its action on the page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), adw_toast_get_action_name (toast), NULL));
  restored = (StatusWait) { 5, before };
  g_assert_true (lancer_test_iterate_until (status_is, &restored, 20));
  back = (ListWait) { page, 5, TRUE };
  g_assert_true (lancer_test_iterate_until (list_is, &back, 20));
  g_assert_true (lancer_test_iterate_until (detail_loaded, page, 20));
  /* Undo twice does nothing more. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "proposals.undo-archive", NULL));
  lancer_test_ui_settle (GTK_WIDGET (window));
  {
    g_autofree char *after = stored_status (5);
    g_autofree char *n_events = stored_text ("SELECT COUNT(*) FROM proposal_events WHERE proposal_id = ?1"
                                             " AND source = 'user'", 5);

    g_assert_cmpstr (after, ==, before);
    /* The history says what happened: archived, then restored. */
    g_assert_cmpstr (n_events, ==, "2");
  }

  /* Under "Archived", and only there, archived proposals are listed. */
  g_signal_emit_by_name (archive, "clicked");
  g_assert_true (lancer_test_iterate_until (status_is, &archived, 20));
  g_assert_true (lancer_test_iterate_until (list_is, &gone, 20));
  gtk_drop_down_set_selected (_lancer_proposals_page_get_stage_filter (page), 1 + LANCER_PROPOSAL_STAGE_ARCHIVED);
  g_assert_true (lancer_test_iterate_until (list_is, &back, 20));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
detail_in_front (gpointer data)
{
  return _lancer_proposals_page_get_detail_shown (data) && _lancer_proposals_page_get_detail_loaded (data);
}

/* At 360 px one tap on a row opens it, Back returns to the list, and the
 * same row opens again with one more tap. */
static void
test_narrow_tap (void)
{
  LancerWindow *window = open_window ();
  LancerProposalsPage *page = proposals_page (window);
  GtkSelectionModel *rows;
  g_autoptr(LancerProposal) third = NULL;
  LancerProposal *shown;
  GtkWidget *back;

  wait_state (page, LANCER_PAGE_READY);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  lancer_test_ui_settle (GTK_WIDGET (window));
  g_assert_false (_lancer_proposals_page_get_detail_shown (page));
  rows = gtk_list_view_get_model (GTK_LIST_VIEW (find_sidebar (GTK_WIDGET (page))));
  third = g_list_model_get_item (G_LIST_MODEL (rows), 2);

  for (guint round = 0; round < 2; round++)
    {
      /* What a tap on the row does. */
      gtk_selection_model_select_item (rows, 2, TRUE);
      g_assert_true (lancer_test_iterate_until (detail_in_front, page, 20));
      shown = lancer_proposal_detail_view_get_proposal (_lancer_proposals_page_get_detail_view (page));
      g_assert_cmpint (lancer_proposal_get_id (shown), ==, lancer_proposal_get_id (third));
      if (round == 0)
        lancer_test_ui_shoot (GTK_WIDGET (window), "proposals-page-tapped-360");
      back = find_tooltip_button (GTK_WIDGET (page), "Back to Proposals");
      g_assert_nonnull (back);
      g_signal_emit_by_name (back, "clicked");
      lancer_test_ui_settle (GTK_WIDGET (window));
      g_assert_false (_lancer_proposals_page_get_detail_shown (page));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The proposal editor at 360 px: everything fits, with one draft and
 * with A/B variants (stacked), light and dark. */
static void
test_editor_narrow (void)
{
  LancerWindow *window = open_window ();
  g_autoptr(LancerJob) job = lancer_job_new ("~01narrowjob");
  GtkWindow *sheet;
  LancerProposalEditor *editor;
  GtkTextBuffer *buffer;

  lancer_job_set_title (job, "Port a GTK 3 preferences dialog to libadwaita and GTK 4");
  lancer_job_set_url (job, "https://www.upwork.com/jobs/~01narrowjob");
  lancer_job_set_job_type (job, LANCER_JOB_TYPE_HOURLY);
  lancer_job_set_hourly_max (job, 45);
  sheet = lancer_proposal_sheet_new (GTK_WINDOW (window), session (), job);
  g_assert_true (lancer_test_ui_show (sheet));
  editor = LANCER_PROPOSAL_EDITOR (lancer_test_ui_find_type (GTK_WIDGET (sheet), LANCER_TYPE_PROPOSAL_EDITOR));
  buffer = lancer_proposal_editor_get_buffer (editor, 0);
  gtk_text_buffer_set_text (buffer, "Hello, I ported three GTK 3 apps to GTK 4 and libadwaita this year; "
                                    "here is how I would approach yours.", -1);
  shoot_all (GTK_WIDGET (sheet), "proposal-editor");

  lancer_proposal_editor_set_n_variants (editor, 2);
  gtk_text_buffer_set_text (lancer_proposal_editor_get_buffer (editor, 1),
                            "A second opening: a short question about the dialog's settings schema.", -1);
  shoot_all (GTK_WIDGET (sheet), "proposal-editor-ab");
  gtk_window_destroy (sheet);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* GTK's in-process accessibility backend, so the tests can read what a
   * screen reader would be told (there is no AT-SPI bus here). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  app = lancer_test_ui_app_new (&argc, &argv);

  /* In this order: the profile is empty until the archive test seeds it. */
  g_test_add_func ("/ui/proposals-page/empty", test_empty);
  g_test_add_func ("/ui/proposals-page/archive-undo", test_archive_undo);
  g_test_add_func ("/ui/proposals-page/narrow-tap", test_narrow_tap);
  g_test_add_func ("/ui/proposals-page/editor-narrow", test_editor_narrow);

  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
