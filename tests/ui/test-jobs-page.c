/* test-jobs-page.c: the job feed over a real profile database.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app opens its profile exactly as it does for a user; the test then
 * writes generated jobs through the store, as a sync would, and checks what
 * the page shows. Screenshots land in $LANCER_ARTIFACT_DIR.
 */
#include "config.h"

#include "lancer-application.h"
#include "lancer-job-feed-model.h"
#include "lancer-job-detail.h"
#include "lancer-job-row.h"
#include "lancer-jobs-filter-pane.h"
#include "lancer-jobs-sidebar.h"
#include "lancer-jobs-page-private.h"
#include "lancer-paths.h"
#include "lancer-proposal-sheet.h"
#include <math.h>
#include <sqlite3.h>
#include "lancer-sandbox-data.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"
#include "lancer-window.h"

static LancerApplication *app;

static LancerJobsPage *
find_jobs_page (GtkWidget *widget)
{
  return LANCER_JOBS_PAGE (lancer_test_ui_find_type (widget, LANCER_TYPE_JOBS_PAGE));
}

typedef struct
{
  LancerJobsPage *page;
  const char     *mode;
} ModeWait;

static gboolean
mode_is (gpointer data)
{
  ModeWait *wait = data;

  return g_strcmp0 (lancer_jobs_page_get_mode (wait->page), wait->mode) == 0;
}

static gboolean
model_settled (gpointer data)
{
  return !lancer_job_feed_model_get_loading (data);
}

static void
upserted_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean *done = user_data;

  g_assert_true (lancer_store_upsert_jobs_finish (LANCER_STORE (source), result, NULL, &error));
  g_assert_no_error (error);
  *done = TRUE;
}


static gboolean
is_job_list (GtkWidget *widget,
             gpointer   unused)
{
  return GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "rich-list");
}

/* The list of jobs (not the sort menu's list). */
static GtkWidget *
find_job_list (GtkWidget *widget)
{
  return lancer_test_ui_find (widget, is_job_list, NULL);
}

/* A button the user sees, by its label or by the action it runs. */
static GtkWidget *
find_button_with (GtkWidget  *widget,
                  const char *label,
                  const char *action)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      ((label != NULL && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0) ||
       (action != NULL && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with (child, label, action);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_row_titled (GtkWidget *widget,
               gpointer   title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static GtkWidget *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  return lancer_test_ui_find (widget, is_row_titled, (gpointer) title);
}

/* One number (or -1 for no row) from the profile's database, as a person
 * with sqlite3 would read it. */
static gint64
db_number (LancerSession *session,
           const char    *sql,
           const char    *param)
{
  g_autofree char *path = lancer_profile_dup_db_path (lancer_session_get_profile (session));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

typedef struct
{
  LancerSession *session;
  const char    *sql;
  const char    *param;
  gint64         expected;
} DbWait;

static gboolean
db_says (gpointer data)
{
  DbWait *wait = data;

  return db_number (wait->session, wait->sql, wait->param) == wait->expected;
}

static void
assert_db (LancerSession *session,
           const char    *sql,
           const char    *param,
           gint64         expected)
{
  DbWait wait = { session, sql, param, expected };

  if (!lancer_test_iterate_until (db_says, &wait, 10))
    g_assert_cmpint (db_number (session, sql, param), ==, expected);
}

typedef struct
{
  GListModel *model;
  const char *job_id;
  gboolean    present;
} InModel;

static gboolean
in_model (gpointer data)
{
  InModel *wait = data;
  guint n = g_list_model_get_n_items (wait->model);
  gboolean found = FALSE;

  for (guint i = 0; i < n && !found; i++)
    {
      g_autoptr(LancerJob) job = g_list_model_get_item (wait->model, i);

      found = lancer_job_get_loaded (job) && g_strcmp0 (lancer_job_get_id (job), wait->job_id) == 0;
    }
  return found == wait->present;
}

static void
assert_listed (GListModel *model,
               const char *job_id,
               gboolean    present)
{
  InModel wait = { model, job_id, present };

  g_assert_true (lancer_test_iterate_until (in_model, &wait, 10));
}

static LancerWindow *
open_window (int             width,
             LancerJobsPage **out_page)
{
  LancerSession *session = lancer_application_get_session (app);
  LancerWindow *window = lancer_window_new (GTK_APPLICATION (app), session);
  ModeWait wait;

  gtk_window_set_default_size (GTK_WINDOW (window), width, 760);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  *out_page = find_jobs_page (GTK_WIDGET (window));
  wait = (ModeWait) { *out_page, "list" };
  g_assert_true (lancer_test_iterate_until (mode_is, &wait, 20));
  g_assert_true (lancer_test_iterate_until (model_settled, lancer_jobs_page_get_model (*out_page), 10));
  return window;
}

/* The job the user opened: the first of the list, as a tap opens it. */
static LancerJob *
open_first_job (LancerJobsPage *page)
{
  GListModel *shown = lancer_jobs_page_get_shown_model (page);
  g_autoptr(LancerJob) job = g_list_model_get_item (shown, 0);

  g_assert_nonnull (job);
  g_assert_true (lancer_job_get_loaded (job));
  g_signal_emit_by_name (find_job_list (GTK_WIDGET (page)), "activate", 0);
  g_assert_true (lancer_job_detail_get_job (LANCER_JOB_DETAIL (lancer_test_ui_find_type (GTK_WIDGET (page), LANCER_TYPE_JOB_DETAIL))) == job);
  return g_steal_pointer (&job);
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
undo_shown (gpointer data)
{
  return find_button_with (data, "_Undo", NULL) != NULL;
}

static void
click_undo (LancerJobsPage *page)
{
  g_assert_true (lancer_test_iterate_until (undo_shown, page, 5));
  click (find_button_with (GTK_WIDGET (page), "_Undo", NULL));
}

static void
test_empty_then_jobs (void)
{
  LancerSession *session = lancer_application_get_session (app);
  LancerWindow *window;
  LancerJobsPage *page;
  ModeWait wait;
  g_autoptr(LancerSandboxData) data = lancer_sandbox_data_new (42);
  g_autoptr(GPtrArray) jobs = NULL;
  gboolean done = FALSE;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_nonnull (session);
  window = lancer_window_new (GTK_APPLICATION (app), session);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  page = find_jobs_page (GTK_WIDGET (window));
  g_assert_nonnull (page);

  /* A new profile: the store opens off the main thread, then says what to do. */
  g_assert_true (lancer_test_iterate_until (lancer_test_ui_session_ready, session, 20));
  g_assert_cmpint (lancer_session_get_state (session), ==, LANCER_SESSION_READY);
  wait = (ModeWait) { page, "empty" };
  g_assert_true (lancer_test_iterate_until (mode_is, &wait, 10));
  {
    /* Not connected: the page says how to get jobs and offers the demo. */
    g_autofree char *text = lancer_test_ui_collect_text (GTK_WIDGET (page));

    g_assert_nonnull (strstr (text, "Connect Your Upwork Account"));
    g_assert_nonnull (strstr (text, "Connect Upwork"));
  }
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-empty-light");

  /* Jobs arrive, as a sync would write them. */
  jobs = lancer_sandbox_data_next_jobs (data, 300, now, 20 * 3600);
  lancer_store_upsert_jobs_async (lancer_session_get_store (session), jobs, NULL, upserted_cb, &done);
  g_assert_true (lancer_test_wait_flag (&done, 20));
  wait = (ModeWait) { page, "list" };
  g_assert_true (lancer_test_iterate_until (mode_is, &wait, 10));
  /* The first rows show at once; the model adds the rest a few a frame. */
  g_assert_cmpuint (g_list_model_get_n_items (lancer_jobs_page_get_model (page)), >, 0);
  g_assert_true (lancer_test_iterate_until (model_settled, lancer_jobs_page_get_model (page), 10));
  g_assert_cmpuint (g_list_model_get_n_items (lancer_jobs_page_get_model (page)), ==, 300);
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-list-light");

  /* The job view beside the list, then the proposal sheet. */
  lancer_jobs_page_select (page, 0);
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-detail-light");
  {
    GtkWindow *sheet;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "jobs.write-proposal", NULL));
    lancer_test_ui_settle (GTK_WIDGET (window));
    sheet = GTK_WINDOW (gtk_window_list_toplevels ()->data);
    for (GList *l = gtk_window_list_toplevels (); l; l = l->next)
      if (l->data != window && GTK_IS_WINDOW (l->data) && gtk_widget_get_visible (l->data) &&
          g_strcmp0 (gtk_window_get_title (l->data), "Write Proposal") == 0)
        sheet = l->data;
    g_assert_cmpstr (gtk_window_get_title (sheet), ==, "Write Proposal");
    lancer_test_ui_show (sheet);
    lancer_test_ui_shoot (GTK_WIDGET (sheet), "jobs-editor-light");
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
    lancer_test_ui_shoot (GTK_WIDGET (sheet), "jobs-editor-dark");
    gtk_window_set_default_size (sheet, 360, 640);
    lancer_test_ui_shoot (GTK_WIDGET (sheet), "jobs-editor-dark-360");
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
    gtk_window_destroy (sheet);
  }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-detail-dark");
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  lancer_test_ui_settle (GTK_WIDGET (window));
  /* Narrow: one pane at a time, the job first (it was opened), back to the list. */
  g_assert_cmpstr (lancer_jobs_page_get_visible_pane (page), ==, "detail");
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-detail-dark-360");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "jobs.back", NULL));
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-list-dark-360");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-list-light-360");
  lancer_jobs_page_select (page, 1);
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-detail-light-360");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
count_below (gpointer data)
{
  LancerJobsPage *page = data;
  GListModel *model = lancer_jobs_page_get_model (page);

  return g_list_model_get_n_items (model) < 300 &&
         g_strcmp0 (lancer_jobs_page_get_mode (page), "list") == 0;
}

static void
test_search (void)
{
  LancerSession *session = lancer_application_get_session (app);
  LancerWindow *window = lancer_window_new (GTK_APPLICATION (app), session);
  LancerJobsPage *page;
  LancerJob *first;
  g_autofree char *word = NULL;
  g_auto(GStrv) words = NULL;
  GtkWidget *entry;
  ModeWait wait;

  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  page = find_jobs_page (GTK_WIDGET (window));
  wait = (ModeWait) { page, "list" };
  g_assert_true (lancer_test_iterate_until (mode_is, &wait, 10));

  /* Search for a word of the newest job's title: fewer jobs, that one among them. */
  first = g_list_model_get_item (lancer_jobs_page_get_model (page), 0);
  g_assert_true (lancer_job_get_loaded (first));
  words = g_strsplit (lancer_job_get_title (first), " ", -1);
  for (guint i = 0; words[i] != NULL && word == NULL; i++)
    if (g_utf8_strlen (words[i], -1) >= 6 && g_ascii_isalpha (words[i][0]))
      word = g_strdup (words[i]);
  g_assert_nonnull (word);
  g_object_unref (first);

  entry = GTK_WIDGET (lancer_test_ui_find_type (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY));
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), word);
  g_assert_true (lancer_test_iterate_until (count_below, page, 10));
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-search");

  /* Nonsense: the page says nothing matched instead of showing an empty list. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "zzqxjvw");
  wait = (ModeWait) { page, "list" };
  g_assert_true (lancer_test_iterate_until (mode_is, &wait, 10));
  {
    GListModel *model = lancer_jobs_page_get_model (page);
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (g_list_model_get_n_items (model) > 0 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  }
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-no-results");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               guint      *n_changes)
{
  (*n_changes)++;
}

static void
flag_set_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lancer_store_set_job_flag_finish (LANCER_STORE (source), result, &error));
  g_assert_no_error (error);
}

static gboolean
job_saved (gpointer data)
{
  return lancer_job_get_saved (data);
}

static gboolean
is_row_of (GtkWidget *widget,
           gpointer   job)
{
  return LANCER_IS_JOB_ROW (widget) && lancer_job_row_get_job (LANCER_JOB_ROW (widget)) == job;
}

/* A screen reader hears a row as one sentence: the title, the terms and
 * the client line it shows. */
static void
assert_row_spoken (GtkWidget *list,
                   LancerJob *job)
{
  GtkWidget *row = lancer_test_ui_find (list, is_row_of, job);
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *sentence = NULL;

  g_assert_nonnull (row);
  texts = lancer_test_ui_visible_labels (row);
  g_assert_cmpuint (texts->len, >=, 3);
  sentence = g_strdup_printf ("%s. %s. %s", (char *) texts->pdata[0], (char *) texts->pdata[texts->len - 2],
                              (char *) texts->pdata[texts->len - 1]);
  g_assert_nonnull (strstr (sentence, lancer_job_get_title (job)));
  lancer_test_ui_assert_spoken (row, sentence);
}

/* A job that changes where it stands (saved elsewhere, rescored) is the
 * same object, updated in place: its row follows, nothing is rebuilt. */
static void
test_updated_in_place (void)
{
  LancerSession *session = lancer_application_get_session (app);
  LancerWindow *window = lancer_window_new (GTK_APPLICATION (app), session);
  g_autoptr(LancerJob) first = NULL;
  g_autoptr(LancerJob) again = NULL;
  GListModel *model;
  LancerJobsPage *page;
  guint n_changes = 0;
  ModeWait wait;

  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  page = find_jobs_page (GTK_WIDGET (window));
  wait = (ModeWait) { page, "list" };
  g_assert_true (lancer_test_iterate_until (mode_is, &wait, 10));
  model = lancer_jobs_page_get_model (page);
  g_assert_true (lancer_test_iterate_until (model_settled, model, 10));
  first = g_list_model_get_item (model, 0);
  g_assert_true (lancer_job_get_loaded (first));
  g_assert_false (lancer_job_get_saved (first));
  lancer_test_ui_settle (GTK_WIDGET (window));
  assert_row_spoken (find_job_list (GTK_WIDGET (page)), first);

  g_signal_connect (model, "items-changed", G_CALLBACK (count_changes), &n_changes);
  lancer_store_set_job_flag_async (lancer_session_get_store (session), lancer_job_get_id (first),
                                   LANCER_JOB_FLAG_SAVED, TRUE, NULL, flag_set_cb, NULL);
  g_assert_true (lancer_test_iterate_until (job_saved, first, 10));
  lancer_test_ui_settle (GTK_WIDGET (window));
  again = g_list_model_get_item (model, 0);
  g_assert_true (again == first);
  g_assert_cmpuint (n_changes, ==, 0);
  g_signal_handlers_disconnect_by_func (model, count_changes, &n_changes);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
says_recorded (gpointer data)
{
  g_autofree char *text = lancer_test_ui_collect_text (data);

  return strstr (text, "Recorded as sent") != NULL;
}

/* "Mark as Sent" asks first, then records the proposal with its terms. */
static void
test_mark_as_sent (void)
{
  LancerSession *session = lancer_application_get_session (app);
  g_autoptr(LancerSandboxData) data = lancer_sandbox_data_new (7);
  g_autoptr(LancerJob) job = lancer_sandbox_data_next_job (data, g_get_real_time () / G_USEC_PER_SEC, 3600);
  g_autoptr(GPtrArray) jobs = g_ptr_array_new ();
  g_autofree char *db_path = NULL;
  gboolean done = FALSE;
  GtkWindow *sheet;
  GtkWidget *mark;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (lancer_test_iterate_until (lancer_test_ui_session_ready, session, 20));
  g_ptr_array_add (jobs, job);
  lancer_store_upsert_jobs_async (lancer_session_get_store (session), jobs, NULL, upserted_cb, &done);
  g_assert_true (lancer_test_wait_flag (&done, 20));

  sheet = lancer_proposal_sheet_new (NULL, session, job);
  g_assert_true (lancer_test_ui_show (sheet));
  /* Nothing to record until there is a letter. */
  mark = lancer_test_ui_find_button (GTK_WIDGET (sheet), "_Mark as Sent…");
  g_assert_nonnull (mark);
  g_assert_false (gtk_widget_is_sensitive (mark));
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (lancer_test_ui_find_type (GTK_WIDGET (sheet), GTK_TYPE_TEXT_VIEW)));

    gtk_text_buffer_insert_interactive_at_cursor (buffer, "I sent this on Upwork.", -1, TRUE);
  }
  g_assert_true (gtk_widget_is_sensitive (mark));
  lancer_test_ui_shoot (GTK_WIDGET (sheet), "jobs-mark-as-sent");
  g_assert_nonnull (mark);
  g_signal_emit_by_name (mark, "clicked");
  g_assert_true (lancer_test_iterate_until (lancer_test_ui_message_dialog_shown, NULL, 5));
  adw_message_dialog_response (lancer_test_ui_find_message_dialog (), "sent");
  g_assert_true (lancer_test_iterate_until (says_recorded, sheet, 10));

  /* The proposal is in the profile's database, as Analytics will read it. */
  db_path = lancer_profile_dup_db_path (lancer_session_get_profile (session));
  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM proposals WHERE job_id = ? AND status = 'sent'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, lancer_job_get_id (job), -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  gtk_window_destroy (sheet);
}


/* Hide a job: it leaves the list and the database says hidden; Undo in the
 * toast brings it back, in the database and in the list. */
static void
test_hide_undo (void)
{
  LancerSession *session = lancer_application_get_session (app);
  LancerJobsPage *page;
  LancerWindow *window = open_window (1180, &page);
  g_autoptr(LancerJob) job = open_first_job (page);
  g_autofree char *id = g_strdup (lancer_job_get_id (job));
  GListModel *feed = lancer_jobs_page_get_model (page);

  click (find_button_with (GTK_WIDGET (page), NULL, "job.toggle-hidden"));
  assert_db (session, "SELECT hidden FROM jobs WHERE id = ?", id, 1);
  assert_listed (feed, id, FALSE);
  g_assert_true (lancer_test_iterate_until (undo_shown, page, 5));
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-hidden-toast-light");

  click_undo (page);
  assert_db (session, "SELECT hidden FROM jobs WHERE id = ?", id, 0);
  assert_listed (feed, id, TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
shows_hidden (gpointer data)
{
  GListModel *shown = lancer_jobs_page_get_shown_model (data);

  return g_list_model_get_n_items (shown) > 0 && g_strcmp0 (lancer_jobs_page_get_mode (data), "list") == 0;
}

/* Hidden jobs wait in the Hidden view, where one click shows one again. */
static void
test_hidden_view (void)
{
  LancerSession *session = lancer_application_get_session (app);
  LancerJobsPage *page;
  LancerWindow *window = open_window (1180, &page);
  g_autoptr(LancerJob) job = open_first_job (page);
  g_autofree char *id = g_strdup (lancer_job_get_id (job));
  LancerJobsSidebar *sidebar = LANCER_JOBS_SIDEBAR (lancer_test_ui_find_type (GTK_WIDGET (page), LANCER_TYPE_JOBS_SIDEBAR));
  GtkWidget *hidden_row;

  click (find_button_with (GTK_WIDGET (page), NULL, "job.toggle-hidden"));
  assert_db (session, "SELECT hidden FROM jobs WHERE id = ?", id, 1);

  hidden_row = GTK_WIDGET (lancer_jobs_sidebar_find (sidebar, LANCER_JOBS_VIEW_HIDDEN, 0));
  g_assert_nonnull (hidden_row);
  g_signal_emit_by_name (gtk_widget_get_parent (hidden_row), "row-activated", hidden_row);
  g_assert_true (lancer_test_iterate_until (shows_hidden, page, 10));
  assert_listed (lancer_jobs_page_get_shown_model (page), id, TRUE);
  lancer_test_ui_settle (GTK_WIDGET (window));
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-hidden-view-light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-hidden-view-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* The job is open beside the list; its eye button shows it again. */
  g_clear_object (&job);
  job = open_first_job (page);
  g_assert_cmpstr (lancer_job_get_id (job), ==, id);
  click (find_button_with (GTK_WIDGET (page), NULL, "job.toggle-hidden"));
  assert_db (session, "SELECT hidden FROM jobs WHERE id = ?", id, 0);
  assert_listed (lancer_jobs_page_get_shown_model (page), id, FALSE);
  assert_listed (lancer_jobs_page_get_model (page), id, TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  LancerJobDetail *detail;
  const char      *id;
} DetailWait;

static gboolean
detail_shows (gpointer data)
{
  DetailWait *wait = data;
  LancerJob *job = lancer_job_detail_get_job (wait->detail);

  return job != NULL && g_strcmp0 (lancer_job_get_id (job), wait->id) == 0;
}

/* An alert's "Open" reaches the job even when the list does not show it
 * (here the Hidden view is open), and the list stays as the user left it. */
static void
test_open_from_alert (void)
{
  LancerSession *session = lancer_application_get_session (app);
  LancerJobsPage *page;
  LancerWindow *window = open_window (1180, &page);
  g_autoptr(LancerJob) hidden = open_first_job (page);
  g_autoptr(LancerJob) other = g_list_model_get_item (lancer_jobs_page_get_model (page), 2);
  g_autofree char *other_id = g_strdup (lancer_job_get_id (other));
  LancerJobsSidebar *sidebar = LANCER_JOBS_SIDEBAR (lancer_test_ui_find_type (GTK_WIDGET (page), LANCER_TYPE_JOBS_SIDEBAR));
  LancerJobDetail *detail = LANCER_JOB_DETAIL (lancer_test_ui_find_type (GTK_WIDGET (page), LANCER_TYPE_JOB_DETAIL));
  GtkWidget *hidden_row;
  DetailWait wait = { detail, other_id };

  click (find_button_with (GTK_WIDGET (page), NULL, "job.toggle-hidden"));
  assert_db (session, "SELECT hidden FROM jobs WHERE id = ?", lancer_job_get_id (hidden), 1);
  hidden_row = GTK_WIDGET (lancer_jobs_sidebar_find (sidebar, LANCER_JOBS_VIEW_HIDDEN, 0));
  g_signal_emit_by_name (gtk_widget_get_parent (hidden_row), "row-activated", hidden_row);
  g_assert_true (lancer_test_iterate_until (shows_hidden, page, 10));
  assert_listed (lancer_jobs_page_get_shown_model (page), other_id, FALSE);

  g_action_group_activate_action (G_ACTION_GROUP (app), "open-job", g_variant_new_string (other_id));
  g_assert_true (lancer_test_iterate_until (detail_shows, &wait, 10));
  /* It stays open while the page settles, and the list is still the Hidden view. */
  lancer_test_ui_settle (GTK_WIDGET (window));
  g_assert_true (detail_shows (&wait));
  assert_listed (lancer_jobs_page_get_shown_model (page), lancer_job_get_id (hidden), TRUE);
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-open-from-alert-light");

  /* The hidden job, which the list does show, opens from its row. */
  wait.id = lancer_job_get_id (hidden);
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-job", g_variant_new_string (wait.id));
  g_assert_true (lancer_test_iterate_until (detail_shows, &wait, 10));
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (
                      gtk_list_view_get_model (GTK_LIST_VIEW (find_job_list (GTK_WIDGET (page)))))), ==, 0);

  click (find_button_with (GTK_WIDGET (page), NULL, "job.toggle-hidden"));
  assert_db (session, "SELECT hidden FROM jobs WHERE id = ?", lancer_job_get_id (hidden), 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The star says whether the job is saved, and saves it in the database. */
static void
test_star (void)
{
  LancerSession *session = lancer_application_get_session (app);
  LancerJobsPage *page;
  LancerWindow *window = open_window (1180, &page);
  g_autoptr(LancerJob) job = open_first_job (page);
  g_autofree char *id = g_strdup (lancer_job_get_id (job));
  GtkWidget *star = find_button_with (GTK_WIDGET (LANCER_JOB_DETAIL (lancer_test_ui_find_type (GTK_WIDGET (page), LANCER_TYPE_JOB_DETAIL))), NULL, "job.toggle-saved");

  g_assert_nonnull (star);
  if (lancer_job_get_saved (job))
    {
      /* Saved by an earlier test: the star shows it; start from unsaved. */
      g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (star)), ==, "starred-symbolic");
      click (star);
      assert_db (session, "SELECT saved FROM jobs WHERE id = ?", id, 0);
    }
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (star)), ==, "non-starred-symbolic");
  click (star);
  assert_db (session, "SELECT saved FROM jobs WHERE id = ?", id, 1);
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (star)), ==, "starred-symbolic");
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-detail-saved-light");

  click (star);
  assert_db (session, "SELECT saved FROM jobs WHERE id = ?", id, 0);
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (star)), ==, "non-starred-symbolic");

  /* Saved again, then Undo from the toast. */
  click (star);
  assert_db (session, "SELECT saved FROM jobs WHERE id = ?", id, 1);
  click_undo (page);
  assert_db (session, "SELECT saved FROM jobs WHERE id = ?", id, 0);
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (star)), ==, "non-starred-symbolic");
  gtk_window_destroy (GTK_WINDOW (window));
}

static AdwMessageDialog *
find_rename_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* borrowed */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), "Rename Search") == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
rename_dialog_shown (gpointer data)
{
  return find_rename_dialog () != NULL;
}

static gboolean
sidebar_lists (gpointer data)
{
  return lancer_jobs_sidebar_find_by_name (LANCER_JOBS_SIDEBAR (lancer_test_ui_find_type (data, LANCER_TYPE_JOBS_SIDEBAR)), "Big spenders", 0) != NULL;
}

static gboolean
sidebar_lists_renamed (gpointer data)
{
  return lancer_jobs_sidebar_find_by_name (LANCER_JOBS_SIDEBAR (lancer_test_ui_find_type (data, LANCER_TYPE_JOBS_SIDEBAR)), "Clients who pay", 0) != NULL;
}

/* A search saved from the filter pane is in the database and the sidebar;
 * it can be renamed and deleted there (and the delete undone). */
static void
test_saved_search (void)
{
  LancerSession *session = lancer_application_get_session (app);
  LancerJobsPage *page;
  LancerWindow *window = open_window (1180, &page);
  GtkWidget *pane = lancer_test_ui_find_type (GTK_WIDGET (page), LANCER_TYPE_JOBS_FILTER_PANE);
  GtkWidget *filter_button = gtk_widget_get_ancestor (pane, GTK_TYPE_MENU_BUTTON);
  GtkWidget *spent = find_entry_row (pane, "Client has spent at least (US$)");
  GtkWidget *name_entry = lancer_test_ui_find_type (pane, GTK_TYPE_ENTRY);
  LancerJobsSidebarRow *row;
  gint64 id;

  g_assert_nonnull (filter_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (filter_button));
  lancer_test_ui_settle (GTK_WIDGET (window));
  g_assert_nonnull (spent);
  /* Empty means any: no "(0: any)" anywhere. */
  g_assert_null (strstr (lancer_test_ui_collect_text (pane), "0: any"));
  gtk_editable_set_text (GTK_EDITABLE (spent), "5,000");
  g_assert_false (gtk_widget_has_css_class (spent, "error"));
  lancer_test_ui_shoot (pane, "jobs-filter-pane-light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  lancer_test_ui_shoot (pane, "jobs-filter-pane-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Save Search is in view, and needs a name. */
  g_assert_false (gtk_widget_is_sensitive (find_button_with (pane, "_Save Search", NULL)));
  gtk_editable_set_text (GTK_EDITABLE (name_entry), "Big spenders");
  click (find_button_with (pane, "_Save Search", NULL));
  assert_db (session, "SELECT count(*) FROM saved_searches WHERE name = ?", "Big spenders", 1);
  g_assert_cmpint (db_number (session, "SELECT instr(filters, '5000') > 0 FROM saved_searches WHERE name = ?",
                              "Big spenders"), ==, 1);
  g_assert_true (lancer_test_iterate_until (sidebar_lists, page, 10));
  lancer_test_ui_settle (GTK_WIDGET (window));
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-saved-search-light");

  /* Rename, from the row's menu. */
  row = lancer_jobs_sidebar_find_by_name (LANCER_JOBS_SIDEBAR (lancer_test_ui_find_type (GTK_WIDGET (page), LANCER_TYPE_JOBS_SIDEBAR)), "Big spenders", 0);
  id = lancer_jobs_sidebar_row_get_search_id (row);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "search.rename", NULL));
  g_assert_true (lancer_test_iterate_until (rename_dialog_shown, NULL, 5));
  {
    AdwMessageDialog *dialog = find_rename_dialog ();
    GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Big spenders");
    gtk_editable_set_text (GTK_EDITABLE (entry), "Clients who pay");
    adw_message_dialog_response (dialog, "rename");
  }
  assert_db (session, "SELECT count(*) FROM saved_searches WHERE name = ?", "Clients who pay", 1);
  assert_db (session, "SELECT count(*) FROM saved_searches WHERE name = ?", "Big spenders", 0);
  g_assert_cmpint (db_number (session, "SELECT instr(filters, '5000') > 0 FROM saved_searches WHERE name = ?",
                              "Clients who pay"), ==, 1);
  g_assert_true (lancer_test_iterate_until (sidebar_lists_renamed, page, 10));
  /* The same search under a new name: its id (and so its job matches) stay. */
  g_assert_cmpint (db_number (session, "SELECT id FROM saved_searches WHERE name = ?", "Clients who pay"), ==, id);

  /* Delete, then Undo. */
  row = lancer_jobs_sidebar_find_by_name (LANCER_JOBS_SIDEBAR (lancer_test_ui_find_type (GTK_WIDGET (page), LANCER_TYPE_JOBS_SIDEBAR)), "Clients who pay", 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "search.delete", NULL));
  assert_db (session, "SELECT count(*) FROM saved_searches WHERE name = ?", "Clients who pay", 0);
  click_undo (page);
  assert_db (session, "SELECT count(*) FROM saved_searches WHERE name = ?", "Clients who pay", 1);
  g_assert_true (lancer_test_iterate_until (sidebar_lists_renamed, page, 10));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* At 360 px one tap opens the job, and Back returns to the list. */
static void
test_narrow (void)
{
  LancerJobsPage *page;
  LancerWindow *window = open_window (360, &page);
  g_autoptr(LancerJob) job = NULL;

  lancer_test_ui_settle (GTK_WIDGET (window));
  g_assert_cmpstr (lancer_jobs_page_get_visible_pane (page), ==, "list");
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-list-light-360");
  job = open_first_job (page);
  lancer_test_ui_settle (GTK_WIDGET (window));
  g_assert_cmpstr (lancer_jobs_page_get_visible_pane (page), ==, "detail");
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-detail-light-360");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-detail-dark-360");
  click (find_button_with (GTK_WIDGET (page), NULL, "jobs.back"));
  lancer_test_ui_settle (GTK_WIDGET (window));
  g_assert_cmpstr (lancer_jobs_page_get_visible_pane (page), ==, "list");
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-list-dark-360");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* A tap is a selection: it opens the job too, once per tap. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (lancer_jobs_page_get_shown_model (page)), 1, TRUE);
  g_assert_cmpstr (lancer_jobs_page_get_visible_pane (page), ==, "detail");
  click (find_button_with (GTK_WIDGET (page), NULL, "jobs.back"));
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (lancer_jobs_page_get_shown_model (page)), 1, TRUE);
  g_assert_cmpstr (lancer_jobs_page_get_visible_pane (page), ==, "detail");
  click (find_button_with (GTK_WIDGET (page), NULL, "jobs.back"));

  /* The lists and saved searches are one button away. */
  click (find_button_with (GTK_WIDGET (page), NULL, "jobs.show-sidebar"));
  lancer_test_ui_settle (GTK_WIDGET (window));
  g_assert_cmpstr (lancer_jobs_page_get_visible_pane (page), ==, "sidebar");
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-sidebar-light-360");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The page asks, the session scores: every job gets its success score in
 * the database, and the list shows it. */
static void
test_scores_stored (void)
{
  LancerSession *session = lancer_application_get_session (app);
  LancerJobsPage *page;
  LancerWindow *window = open_window (1180, &page);
  g_autoptr(LancerJob) job = NULL;

  assert_db (session, "SELECT (SELECT count(*) FROM jobs) = "
                      "(SELECT count(*) FROM job_scores WHERE kind = 'local')", NULL, 1);
  g_assert_nonnull (lancer_session_get_scorer (session));
  job = g_list_model_get_item (lancer_jobs_page_get_model (page), 0);
  g_assert_true (lancer_job_get_loaded (job));
  g_assert_false (isnan (lancer_job_get_score (job)));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
page_settled (gpointer data)
{
  return lancer_page_get_state (LANCER_PAGE (data)) != LANCER_PAGE_LOADING;
}

/* Another profile on the same page: none of the first one's searches,
 * filters, words or job stay. */
static void
test_other_profile (void)
{
  LancerSession *first = lancer_application_get_session (app);
  LancerProfileManager *manager = lancer_session_get_profile_manager (first);
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerProfile) profile = lancer_profile_manager_create (manager, "Second", FALSE, &error);
  g_autoptr(LancerSession) second = NULL;
  g_autoptr(LancerJobFilter) filter = lancer_job_filter_new ();
  LancerJobsPage *page;
  LancerWindow *window = open_window (1180, &page);
  GtkWidget *entry = lancer_test_ui_find_type (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  LancerJobsSidebar *sidebar = LANCER_JOBS_SIDEBAR (lancer_test_ui_find_type (GTK_WIDGET (page), LANCER_TYPE_JOBS_SIDEBAR));
  g_autoptr(LancerJob) job = NULL;
  g_autofree char *text = NULL;
  g_autofree char *filters = NULL;

  g_assert_no_error (error);
  /* The first profile: a saved search listed, a filter, words, a job open. */
  g_assert_nonnull (lancer_jobs_sidebar_find_by_name (sidebar, "Clients who pay", 0));
  job = open_first_job (page);
  filter->min_client_spent = 777;
  lancer_jobs_page_set_filter (page, filter);
  gtk_editable_set_text (GTK_EDITABLE (entry), "developer");

  second = lancer_session_new (manager, profile);
  lancer_session_open (second);
  g_assert_true (lancer_test_iterate_until (lancer_test_ui_session_ready, second, 20));
  lancer_page_set_session (LANCER_PAGE (page), second);
  g_assert_true (lancer_test_iterate_until (page_settled, page, 20));
  lancer_test_ui_settle (GTK_WIDGET (window));

  g_assert_cmpstr (lancer_jobs_page_get_mode (page), ==, "empty");
  text = lancer_test_ui_collect_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "Connect Your Upwork Account"));
  g_assert_null (strstr (text, lancer_job_get_title (job)));
  g_assert_null (lancer_jobs_sidebar_find_by_name (sidebar, "Clients who pay", 0));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_null (lancer_job_detail_get_job (LANCER_JOB_DETAIL (lancer_test_ui_find_type (GTK_WIDGET (page), LANCER_TYPE_JOB_DETAIL))));
  {
    g_autoptr(LancerJobFilter) shown = lancer_jobs_filter_pane_dup_filter (LANCER_JOBS_FILTER_PANE (
      lancer_test_ui_find_type (GTK_WIDGET (page), LANCER_TYPE_JOBS_FILTER_PANE)));

    filters = lancer_job_filter_to_json (shown);
  }
  g_assert_null (strstr (filters, "777"));
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-other-profile-light");

  /* And back: the first profile's searches come back with it. */
  lancer_page_set_session (LANCER_PAGE (page), first);
  g_assert_true (lancer_test_iterate_until (sidebar_lists_renamed, page, 20));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A failed load says why and offers Try Again (as a store error shows it). */
static void
test_error_state (void)
{
  LancerJobsPage *page;
  LancerWindow *window = open_window (1180, &page);
  g_autoptr(GError) error = g_error_new_literal (LANCER_STORE_ERROR, LANCER_STORE_ERROR_BUSY,
                                                 "Another program held the profile’s database too long.");

  lancer_page_show_error (LANCER_PAGE (page), error);
  g_assert_cmpstr (lancer_jobs_page_get_mode (page), ==, "error");
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-error-light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  lancer_test_ui_shoot (GTK_WIDGET (window), "jobs-error-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
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

  g_test_add_func ("/ui/jobs-page/empty-then-jobs", test_empty_then_jobs);
  g_test_add_func ("/ui/jobs-page/search", test_search);
  g_test_add_func ("/ui/jobs-page/updated-in-place", test_updated_in_place);
  g_test_add_func ("/ui/jobs-page/mark-as-sent", test_mark_as_sent);
  g_test_add_func ("/ui/jobs-page/hide-undo", test_hide_undo);
  g_test_add_func ("/ui/jobs-page/hidden-view", test_hidden_view);
  g_test_add_func ("/ui/jobs-page/open-from-alert", test_open_from_alert);
  g_test_add_func ("/ui/jobs-page/star", test_star);
  g_test_add_func ("/ui/jobs-page/saved-search", test_saved_search);
  g_test_add_func ("/ui/jobs-page/narrow", test_narrow);
  g_test_add_func ("/ui/jobs-page/scores-stored", test_scores_stored);
  g_test_add_func ("/ui/jobs-page/other-profile", test_other_profile);
  g_test_add_func ("/ui/jobs-page/error-state", test_error_state);

  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
