/* test-proposal-submit.c: sending a proposal from the editor, as a person does
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo profile (real OAuth, GraphQL client, sync and AI client against
 * the in-process sandbox), the "Write Proposal" sheet opened over the main
 * window, buttons clicked and text typed in the widget tree. Each test then
 * reads what the profile's SQLite file holds: the proposals a user sent are
 * the record Analytics and the Proposals page trust. Screenshots land in
 * $LANCER_ARTIFACT_DIR.
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "lancer-application.h"
#include "lancer-jobs-page-private.h"
#include "lancer-paths.h"
#include "lancer-proposal-editor.h"
#include "lancer-proposal-sheet.h"
#include "lancer-proposals-page-private.h"
#include "lancer-sandbox-data.h"
#include "lancer-store-pipeline.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"
#include "lancer-window.h"

static LancerApplication *app;
static LancerWindow *window;
static LancerSession *session;
static GPtrArray *demo_jobs;   /* LancerJob, from the demo's first sync */

/* ---- the widget tree ---- */

/* A button or a check button by label: the editor has both. */
static GtkWidget *
find_button_or_check_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  if (GTK_IS_CHECK_BUTTON (widget) && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_or_check_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_text_views (GtkWidget *widget,
                    GPtrArray *views)
{
  if (GTK_IS_TEXT_VIEW (widget))
    g_ptr_array_add (views, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_text_views (child, views);
}

/* The editor's text view of variant @index (0 = A): they come in order. */
static GtkTextView *
text_view (GtkWindow *sheet,
           guint      index)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  GtkWidget *editor = lancer_test_ui_find_type (GTK_WIDGET (sheet), LANCER_TYPE_PROPOSAL_EDITOR);

  g_assert_nonnull (editor);
  collect_text_views (editor, views);
  g_assert_cmpuint (views->len, >, index);
  return g_ptr_array_index (views, index);
}

static char *
view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Click at the end of the text and type, as an input method commits it. */
static void
type_text (GtkTextView *view,
           const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter end;

  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  g_assert_true (gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE));
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static AdwMessageDialog *
wait_dialog (void)
{
  AdwMessageDialog *dialog;

  g_assert_true (lancer_test_iterate_until (lancer_test_ui_message_dialog_shown, NULL, 10));
  dialog = lancer_test_ui_find_message_dialog ();
  /* on screen, painted: what the person reads */
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (dialog)));
  return dialog;
}

static gboolean
dialog_gone (gpointer data)
{
  return lancer_test_ui_find_message_dialog () == NULL;
}

static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (lancer_test_iterate_until (dialog_gone, NULL, 5));
}

static gboolean
text_shows (GtkWidget  *widget,
            const char *needle)
{
  g_autofree char *text = lancer_test_ui_collect_text (widget);

  return strstr (text, needle) != NULL;
}

typedef struct
{
  GtkWidget  *widget;
  const char *needle;
} Shows;

static gboolean
shows_cb (gpointer data)
{
  Shows *shows = data;

  return text_shows (shows->widget, shows->needle);
}

static void
wait_text (GtkWidget  *widget,
           const char *needle)
{
  Shows shows = { widget, needle };

  if (!lancer_test_iterate_until (shows_cb, &shows, 30))
    {
      g_autofree char *text = lancer_test_ui_collect_text (widget);

      g_error ("“%s” never appeared in:\n%s", needle, text);
    }
}

static GtkWindow *
open_sheet (LancerJob *job,
            int        width,
            int        height)
{
  GtkWindow *sheet = lancer_proposal_sheet_new (GTK_WINDOW (window), session, job);

  gtk_window_set_default_size (sheet, width, height);
  g_assert_true (lancer_test_ui_show (sheet));
  return sheet;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* ---- what the profile's database holds ---- */

static sqlite3 *
open_db (void)
{
  g_autofree char *path = lancer_profile_dup_db_path (lancer_session_get_profile (session));
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static gint64
query_int (const char *sql,
           const char *job_id)
{
  sqlite3 *db = open_db ();
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, job_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? G_MININT64 : sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
query_text (const char *sql,
            const char *job_id)
{
  sqlite3 *db = open_db ();
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, job_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gint64
count_sent (LancerJob *job)
{
  return query_int ("SELECT count(*) FROM proposals WHERE job_id = ? AND status = 'sent'", lancer_job_get_id (job));
}

typedef struct
{
  LancerJob *job;
  gint64     n;
} SentWait;

static gboolean
sent_reached (gpointer data)
{
  SentWait *wait = data;

  return count_sent (wait->job) >= wait->n;
}

static void
wait_sent (LancerJob *job,
           gint64     n)
{
  SentWait wait = { job, n };

  g_assert_true (lancer_test_iterate_until (sent_reached, &wait, 20));
  g_assert_cmpint (count_sent (job), ==, n);
}

/* The cover letter as stored (sealed at rest, so read through the store). */
static char *
stored_letter (gint64 proposal_id)
{
  LancerStore *store = lancer_session_get_store (session);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LancerProposalDetail) detail = NULL;
  g_autoptr(GError) error = NULL;

  lancer_store_get_proposal_detail_async (store, proposal_id, NULL, lancer_test_ui_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  detail = lancer_store_get_proposal_detail_finish (store, result, &error);
  g_assert_no_error (error);
  return g_strdup (detail->cover_letter);
}

/* The demo AI priced every proposal call; the sheet must show that sum. */
static char *
expected_ai_cost (LancerJob *job)
{
  sqlite3 *db = open_db ();
  sqlite3_stmt *stmt = NULL;
  double cost;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT SUM(cost), COUNT(*) FROM ai_calls WHERE job_id = ? AND purpose = 'proposal'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, lancer_job_get_id (job), -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), >, 0);
  cost = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_strdup_printf (cost < 0.01 ? "AI cost of this draft: $%.4f" : "AI cost of this draft: $%.2f", cost);
}

typedef struct
{
  GtkWidget *sheet;
  LancerJob *job;
} CostShown;

/* The sheet shows what the profile has stored for this job's drafts. */
static gboolean
cost_shown_cb (gpointer data)
{
  CostShown *shown = data;
  g_autofree char *cost = expected_ai_cost (shown->job);

  return text_shows (shown->sheet, cost);
}

/* ---- the sandbox's control endpoint: the key loses "Submit Proposal" ---- */

static void
set_missing_scopes (const char *scopes)
{
  g_autofree char *ai_base = g_settings_get_string (lancer_session_get_settings (session), "ai-base-url");
  g_autofree char *base = g_strndup (ai_base, strlen (ai_base) - strlen ("/v1"));
  g_autofree char *url = g_strdup_printf ("%s/__sandbox/fault?missing-scopes=%s", base, scopes);
  g_autoptr(SoupSession) soup = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;

  g_assert_true (g_str_has_suffix (ai_base, "/v1"));
  soup_session_send_and_read_async (soup, msg, G_PRIORITY_DEFAULT, NULL, lancer_test_ui_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  body = soup_session_send_and_read_finish (soup, result, NULL);
  g_assert_nonnull (body);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
}

/* A posting whose Connects are known (the sandbox's generator sets them,
 * as a job opened from Upwork's page would have them). */
static LancerJob *
add_job_with_connects (guint32 seed)
{
  g_autoptr(LancerSandboxData) data = lancer_sandbox_data_new (seed);
  LancerJob *job = lancer_sandbox_data_next_job (data, g_get_real_time () / G_USEC_PER_SEC, 3600);
  g_autoptr(GPtrArray) jobs = g_ptr_array_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LancerStore *store = lancer_session_get_store (session);

  g_ptr_array_add (jobs, job);
  lancer_store_upsert_jobs_async (store, jobs, NULL, lancer_test_ui_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (lancer_store_upsert_jobs_finish (store, result, NULL, &error));
  g_assert_no_error (error);
  return job;
}

/* ---- tests ---- */

/* A/B drafts, Variant B chosen with its button and edited: B's text, as
 * edited, is what Upwork gets and what is recorded, as variant "B". */
static void
test_chosen_variant (void)
{
  g_autoptr(LancerJob) job = add_job_with_connects (9);
  GtkWindow *sheet = open_sheet (job, 1100, 900);
  LancerProposalEditor *editor = LANCER_PROPOSAL_EDITOR (lancer_test_ui_find_type (GTK_WIDGET (sheet), LANCER_TYPE_PROPOSAL_EDITOR));
  g_autofree char *connects = g_strdup_printf ("%d Connects", lancer_job_get_connects_required (job));
  g_autofree char *cost = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *variant = NULL;
  g_autofree char *letter = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWindow *open = sheet;

  g_object_add_weak_pointer (G_OBJECT (open), (gpointer *) &open);
  g_assert_cmpint (count_sent (job), ==, 0);
  g_assert_cmpint (lancer_job_get_connects_required (job), >, 0);

  gtk_widget_activate (find_button_or_check_button (GTK_WIDGET (sheet), "_A/B Variants"));
  click (find_button_or_check_button (GTK_WIDGET (sheet), "_Write Draft"));
  /* The first call to a cloud provider asks; the person agrees. */
  if (lancer_test_iterate_until (lancer_test_ui_message_dialog_shown, NULL, 2))
    answer (lancer_test_ui_find_message_dialog (), "send");
  /* A draft still being written is not sent. */
  if (g_strcmp0 (lancer_proposal_editor_get_state (editor), "streaming") == 0)
    g_assert_false (gtk_widget_is_sensitive (find_button_or_check_button (GTK_WIDGET (sheet), "S_ubmit to Upwork…")));
  while (g_strcmp0 (lancer_proposal_editor_get_state (editor), "done") != 0)
    {
      g_assert_cmpstr (lancer_proposal_editor_get_state (editor), !=, "error");
      g_main_context_iteration (NULL, TRUE);
    }

  click (find_button_or_check_button (GTK_WIDGET (sheet), "Us_e This One"));
  wait_text (GTK_WIDGET (sheet), "Chosen");
  type_text (text_view (sheet, 1), "\n\nI can start on Monday.");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (lancer_test_ui_find_type (GTK_WIDGET (sheet), GTK_TYPE_SPIN_BUTTON)), 45);
  a = view_text (text_view (sheet, 0));
  b = view_text (text_view (sheet, 1));
  g_assert_cmpstr (a, !=, b);

  /* What sending costs is on the sheet before anything is sent: both
   * variants' calls, once the second is stored. */
  wait_text (GTK_WIDGET (sheet), "AI cost of this draft: $");
  {
    CostShown shown = { GTK_WIDGET (sheet), job };

    g_assert_true (lancer_test_iterate_until (cost_shown_cb, &shown, 20));
  }
  cost = expected_ai_cost (job);
  g_assert_true (text_shows (GTK_WIDGET (sheet), cost));
  g_assert_true (text_shows (GTK_WIDGET (sheet), connects));
  g_assert_true (text_shows (GTK_WIDGET (sheet), "Variant B"));
  lancer_test_ui_shoot (GTK_WIDGET (sheet), "proposal-submit-before");

  click (find_button_or_check_button (GTK_WIDGET (sheet), "S_ubmit to Upwork…"));
  dialog = wait_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Submit to Upwork?");
  body = g_strdup (adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (body, "Variant B"));
  g_assert_nonnull (strstr (body, connects));
  g_assert_nonnull (strstr (body, cost));
  lancer_test_ui_shoot (GTK_WIDGET (dialog), "proposal-submit-confirm");
  answer (dialog, "submit");

  wait_sent (job, 1);
  variant = query_text ("SELECT v.name FROM proposals p JOIN proposal_variants v ON v.id = p.variant_id"
                        " WHERE p.job_id = ? AND p.status = 'sent'", lancer_job_get_id (job));
  g_assert_cmpstr (variant, ==, "B");
  letter = stored_letter (query_int ("SELECT id FROM proposals WHERE job_id = ? AND status = 'sent'",
                                     lancer_job_get_id (job)));
  g_assert_cmpstr (letter, ==, b);
  g_assert_cmpint (query_int ("SELECT connects_spent FROM proposals WHERE job_id = ? AND status = 'sent'",
                              lancer_job_get_id (job)), ==, lancer_job_get_connects_required (job));
  g_assert_nonnull (query_text ("SELECT upwork_id FROM proposals WHERE job_id = ? AND status = 'sent'",
                                lancer_job_get_id (job)));
  /* Sent: the sheet closes (test_submit_once checks that); not left behind here. */
  lancer_test_iterate_until (is_null, &open, 10);
  if (open != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (open), (gpointer *) &open);
      gtk_window_destroy (open);
    }
}

static gboolean
page_shows_proposal (gpointer data)
{
  return g_strcmp0 (lancer_window_get_page (window), "proposals") == 0 &&
         _lancer_proposals_page_get_detail_loaded (data);
}

/* Submitted once: the sheet closes, the main window says so and leads to
 * the proposal; the same job again asks before a second proposal. */
static void
test_submit_once (void)
{
  g_autoptr(LancerJob) job = add_job_with_connects (10);
  GtkWindow *sheet = open_sheet (job, 1000, 800);
  GtkWindow *open = sheet;
  AdwMessageDialog *dialog;
  GtkWidget *view;
  GtkWidget *page;
  g_autofree char *letter = NULL;
  const char *typed = "Hello, I have shipped three GTK 4 ports and can start this week.";

  g_object_add_weak_pointer (G_OBJECT (open), (gpointer *) &open);
  g_assert_cmpint (count_sent (job), ==, 0);
  type_text (text_view (sheet, 0), typed);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (lancer_test_ui_find_type (GTK_WIDGET (sheet), GTK_TYPE_SPIN_BUTTON)), 45);
  wait_text (GTK_WIDGET (sheet), "No AI cost for this draft");

  click (find_button_or_check_button (GTK_WIDGET (sheet), "S_ubmit to Upwork…"));
  answer (wait_dialog (), "submit");
  wait_sent (job, 1);

  /* The sheet is gone: nothing left to click twice. */
  if (!lancer_test_iterate_until (is_null, &open, 10))
    {
      gtk_window_destroy (sheet);
      g_error ("The proposal sheet stayed open after the proposal was submitted");
    }
  letter = stored_letter (query_int ("SELECT id FROM proposals WHERE job_id = ? AND status = 'sent'",
                                     lancer_job_get_id (job)));
  g_assert_cmpstr (letter, ==, typed);

  /* "Submitted · View" on the main window; View opens the proposal. */
  wait_text (GTK_WIDGET (window), "Submitted");
  lancer_test_ui_shoot (GTK_WIDGET (window), "proposal-submit-toast");
  view = find_button_or_check_button (GTK_WIDGET (window), "_View");
  click (view);
  page = lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_PROPOSALS_PAGE);
  g_assert_nonnull (page);
  g_assert_true (lancer_test_iterate_until (page_shows_proposal, page, 20));

  /* The same job again: the saved draft is back, and sending asks first. */
  sheet = open_sheet (job, 1000, 800);
  wait_text (GTK_WIDGET (sheet), typed);
  click (find_button_or_check_button (GTK_WIDGET (sheet), "S_ubmit to Upwork…"));
  dialog = wait_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "You already sent a proposal for this job");
  g_assert_true (adw_message_dialog_has_response (dialog, "send"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "send"), ==, "Send _Again");
  lancer_test_ui_shoot (GTK_WIDGET (dialog), "proposal-submit-already-sent");
  answer (dialog, "cancel");
  g_assert_cmpint (count_sent (job), ==, 1);
  /* Cancelled: the buttons are back for a deliberate second try. */
  g_assert_true (gtk_widget_is_sensitive (find_button_or_check_button (GTK_WIDGET (sheet), "S_ubmit to Upwork…")));
  gtk_window_destroy (sheet);
}

/* Nothing to send, nothing sendable; Connects Upwork did not list are said
 * to be unknown and stored as such; a key without "Submit Proposal" is
 * refused by Upwork and the person records it as sent instead. */
static void
test_empty_unknown_connects (void)
{
  /* Upwork's job search does not give Connects: the demo's synced jobs have none. */
  LancerJob *job = g_ptr_array_index (demo_jobs, 0);
  GtkWindow *sheet;
  GtkWindow *open;
  GtkWidget *submit;
  GtkWidget *mark;
  AdwMessageDialog *dialog;

  g_assert_cmpint (lancer_job_get_connects_required (job), <=, 0);
  g_assert_cmpint (count_sent (job), ==, 0);
  sheet = open_sheet (job, 360, 720);
  open = sheet;
  g_object_add_weak_pointer (G_OBJECT (open), (gpointer *) &open);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  submit = find_button_or_check_button (GTK_WIDGET (sheet), "S_ubmit to Upwork…");
  mark = find_button_or_check_button (GTK_WIDGET (sheet), "_Mark as Sent…");
  g_assert_nonnull (submit);
  g_assert_nonnull (mark);

  /* An empty draft: neither way of sending is open. */
  g_assert_cmpuint (gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (text_view (sheet, 0))), ==, 0);
  lancer_test_ui_shoot (GTK_WIDGET (sheet), "proposal-submit-empty-360-dark");
  g_assert_false (gtk_widget_is_sensitive (submit));
  g_assert_false (gtk_widget_is_sensitive (mark));
  g_assert_cmpint (count_sent (job), ==, 0);

  type_text (text_view (sheet, 0), "Hi, I tuned PostgreSQL for a 2 TB database last month.");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (lancer_test_ui_find_type (GTK_WIDGET (sheet), GTK_TYPE_SPIN_BUTTON)), 300);
  g_assert_true (gtk_widget_is_sensitive (submit));
  g_assert_true (gtk_widget_is_sensitive (mark));
  g_assert_true (text_shows (GTK_WIDGET (sheet), "Connects unknown"));
  g_assert_false (text_shows (GTK_WIDGET (sheet), "0 Connects"));
  lancer_test_ui_shoot (GTK_WIDGET (sheet), "proposal-submit-typed-360-dark");

  /* Upwork refuses the key without "Submit Proposal": nothing is recorded. */
  set_missing_scopes ("submit");
  click (submit);
  answer (wait_dialog (), "submit");
  wait_text (GTK_WIDGET (sheet), "Not submitted");
  g_assert_true (text_shows (GTK_WIDGET (sheet), "Submit Proposal"));
  g_assert_cmpint (count_sent (job), ==, 0);
  set_missing_scopes ("");

  /* Sent on Upwork by hand, then recorded: Connects stay unknown (NULL). */
  click (mark);
  dialog = wait_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Connects unknown"));
  lancer_test_ui_shoot (GTK_WIDGET (dialog), "proposal-submit-mark-dark");
  answer (dialog, "sent");
  wait_sent (job, 1);
  g_assert_cmpint (query_int ("SELECT connects_spent FROM proposals WHERE job_id = ? AND status = 'sent'",
                              lancer_job_get_id (job)), ==, G_MININT64);
  g_assert_true (lancer_test_iterate_until (is_null, &open, 10));
  wait_text (GTK_WIDGET (window), "Recorded as sent");
  lancer_test_ui_shoot (GTK_WIDGET (window), "proposal-submit-recorded-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* ---- the demo profile ---- */

/* The window builds new pages for a new profile: look the Jobs page up
 * each time rather than keep the first-run one. */
static gboolean
demo_has_jobs (gpointer data)
{
  LancerSession *current = lancer_application_get_session (app);
  LancerJobsPage *page;
  GListModel *model;

  if (current == NULL || !lancer_session_get_is_demo (current) || !lancer_session_get_signed_in (current))
    return FALSE;
  page = LANCER_JOBS_PAGE (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_JOBS_PAGE));
  if (page == NULL)
    return FALSE;
  model = lancer_jobs_page_get_model (page);
  return model != NULL && g_list_model_get_n_items (model) >= 2 &&
         g_strcmp0 (lancer_jobs_page_get_mode (page), "list") == 0;
}

int
main (int   argc,
      char *argv[])
{
  LancerJobsPage *page;
  GListModel *model;
  int ret;

  app = lancer_test_ui_app_new (&argc, &argv);
  g_application_activate (G_APPLICATION (app));
  window = LANCER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  page = LANCER_JOBS_PAGE (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_JOBS_PAGE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "app.try-demo", NULL));
  g_assert_true (lancer_test_iterate_until (demo_has_jobs, NULL, 60));
  session = lancer_application_get_session (app);
  page = LANCER_JOBS_PAGE (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_JOBS_PAGE));

  demo_jobs = g_ptr_array_new_with_free_func (g_object_unref);
  model = lancer_jobs_page_get_model (page);
  for (guint i = 0; i < g_list_model_get_n_items (model) && demo_jobs->len < 2; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (LANCER_IS_JOB (item))
        g_ptr_array_add (demo_jobs, g_object_ref (item));
    }
  g_assert_cmpuint (demo_jobs->len, ==, 2);

  g_test_add_func ("/ui/proposal-submit/chosen-variant", test_chosen_variant);
  g_test_add_func ("/ui/proposal-submit/submit-once", test_submit_once);
  g_test_add_func ("/ui/proposal-submit/empty-unknown-connects", test_empty_unknown_connects);

  ret = g_test_run ();
  g_ptr_array_unref (demo_jobs);
  g_object_unref (app);
  return ret;
}
