/* test-pipeline-pages.c: Proposals, Messages and Work Diary over a real profile.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app opens its profile as it does for a user; the test writes
 * realistic rows through the store's worker (as the sync writer does) and
 * drives each page. Screenshots land in $LANCER_ARTIFACT_DIR.
 */
#include "config.h"

#include <string.h>

#include "lancer-store-private.h"   /* seeds the profile directly */
#include "lancer-application.h"
#include "lancer-diary-page-private.h"
#include "lancer-messages-page-private.h"
#include "lancer-paths.h"
#include "lancer-proposals-page-private.h"
#include "lancer-store-messages.h"
#include "lancer-story-list-model.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"
#include "lancer-window.h"
#include "../store/pipeline-fixture.h"

#define BIG_THREAD 5000

static LancerApplication *app;

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
shoot_all (GtkWidget  *window,
           const char *name)
{
  g_autofree char *light = g_strdup_printf ("%s-light", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark", name);
  g_autofree char *narrow = g_strdup_printf ("%s-360", name);
  g_autofree char *narrow_dark = g_strdup_printf ("%s-360-dark", name);

  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  lancer_test_ui_shoot (window, light);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  lancer_test_ui_shoot (window, dark);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  lancer_test_ui_shoot (window, narrow_dark);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  lancer_test_ui_shoot (window, narrow);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  lancer_test_ui_settle (window);
}

typedef struct
{
  const char *(*get_mode) (gpointer page);
  gpointer     page;
  const char  *mode;
} ModeWait;

static gboolean
proposals_state_is (gpointer data)
{
  ModeWait *w = data;
  return (int) lancer_page_get_state (w->page) == GPOINTER_TO_INT (w->mode);
}

/* The Proposals page stands on LancerPage: its state replaces the mode. */
static void
wait_proposals_state (gpointer        page,
                      LancerPageState state)
{
  ModeWait w = { NULL, page, GINT_TO_POINTER (state) };

  g_assert_true (lancer_test_iterate_until (proposals_state_is, &w, 20));
}

static gboolean
state_is_ready (gpointer data)
{
  return lancer_page_get_state (data) == LANCER_PAGE_READY;
}

static gboolean
state_is_empty (gpointer data)
{
  return lancer_page_get_state (data) == LANCER_PAGE_EMPTY;
}

static LancerWindow *
open_window (const char *page)
{
  LancerSession *session = lancer_application_get_session (app);
  LancerWindow *window = lancer_window_new (GTK_APPLICATION (app), session);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  g_assert_true (lancer_test_iterate_until (lancer_test_ui_session_ready, session, 20));
  g_assert_cmpint (lancer_session_get_state (session), ==, LANCER_SESSION_READY);
  /* Hidden pages are built after the first frame; this test reads them all. */
  lancer_window_ensure_pages (window);
  lancer_window_show_page (window, page);
  return window;
}

static void
test_empty_states (void)
{
  LancerWindow *window = open_window ("proposals");
  GtkWidget *proposals = lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_PROPOSALS_PAGE);
  GtkWidget *messages = lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_MESSAGES_PAGE);
  GtkWidget *diary = lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_DIARY_PAGE);

  wait_proposals_state (proposals, LANCER_PAGE_EMPTY);
  lancer_test_ui_shoot (GTK_WIDGET (window), "proposals-empty");
  /* Hidden pages load when they are shown, not all at once when the
   * profile opens. */
  g_assert_cmpint (lancer_page_get_state (LANCER_PAGE (messages)), ==, LANCER_PAGE_LOADING);
  g_assert_cmpint (lancer_page_get_state (LANCER_PAGE (diary)), ==, LANCER_PAGE_LOADING);
  lancer_window_show_page (window, "messages");
  g_assert_true (lancer_test_iterate_until (state_is_empty, messages, 20));
  shoot_all (GTK_WIDGET (window), "messages-empty");
  lancer_window_show_page (window, "diary");
  g_assert_true (lancer_test_iterate_until (state_is_empty, diary, 20));
  shoot_all (GTK_WIDGET (window), "diary-empty");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
seed (void)
{
  LancerStore *store = lancer_session_get_store (lancer_application_get_session (app));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  PipelineFixture *f = g_new0 (PipelineFixture, 1);
  gboolean done = FALSE;

  f->n_big_stories = BIG_THREAD;
  f->now = g_get_real_time () / G_USEC_PER_SEC;
  f->week_start = lancer_diary_week_start (now);
  lancer_store_run_async (store, TRUE, "proposals", pipeline_fixture_worker, f, NULL, NULL, NULL, done_cb, &done);
  g_assert_true (lancer_test_wait_flag (&done, 60));
  /* Tell every page the other tables changed too, as a sync would. */
  done = FALSE;
  lancer_store_run_async (store, TRUE, "rooms", store_test_noop, NULL, NULL, NULL, NULL, done_cb, &done);
  g_assert_true (lancer_test_wait_flag (&done, 20));
  done = FALSE;
  lancer_store_run_async (store, TRUE, "contracts", store_test_noop, NULL, NULL, NULL, NULL, done_cb, &done);
  g_assert_true (lancer_test_wait_flag (&done, 20));
  g_free (f->week_start);
  g_free (f);
}

static gboolean
proposals_loaded (gpointer data)
{
  /* The fixture's 12, less the archived one: it shows under Archived only. */
  return g_list_model_get_n_items (_lancer_proposals_page_get_shown (data)) == 11;
}

static gboolean
detail_loaded (gpointer data)
{
  return _lancer_proposals_page_get_detail_loaded (data);
}

static void
test_proposals (void)
{
  LancerWindow *window;
  LancerProposalsPage *page;
  GtkWidget *entry;
  g_autofree char *text = NULL;

  seed ();
  window = open_window ("proposals");
  page = LANCER_PROPOSALS_PAGE (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_PROPOSALS_PAGE));
  wait_proposals_state (page, LANCER_PAGE_READY);
  g_assert_true (lancer_test_iterate_until (proposals_loaded, page, 20));
  /* Upwork's statuses land in the right columns. */
  g_assert_cmpuint (_lancer_proposals_page_get_stage_count (page, 0), ==, 1);   /* draft */
  g_assert_cmpuint (_lancer_proposals_page_get_stage_count (page, 1), ==, 3);   /* Pending, Accepted ×2 */
  g_assert_cmpuint (_lancer_proposals_page_get_stage_count (page, 4), ==, 1);   /* Activated */
  g_assert_cmpuint (_lancer_proposals_page_get_stage_count (page, 6), ==, 1);   /* Hired */
  lancer_test_ui_shoot (GTK_WIDGET (window), "proposals-list");

  /* The detail: timeline, decrypted letter, terms, Connects. */
  lancer_proposals_page_show_proposal (page, 5);
  g_assert_true (lancer_test_iterate_until (detail_loaded, page, 20));
  text = lancer_test_ui_collect_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "I have built"));
  g_assert_nonnull (strstr (text, "Connects spent"));
  g_assert_nonnull (strstr (text, "Open Conversation"));
  shoot_all (GTK_WIDGET (window), "proposals-detail");

  /* Text search reaches into the encrypted letters. */
  entry = GTK_WIDGET (_lancer_proposals_page_get_search_entry (page));
  gtk_editable_set_text (GTK_EDITABLE (entry), "WebSocket");
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while (g_list_model_get_n_items (_lancer_proposals_page_get_shown (page)) != 1 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_cmpuint (g_list_model_get_n_items (_lancer_proposals_page_get_shown (page)), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_true (lancer_test_iterate_until (proposals_loaded, page, 20));

  /* The draft is editable. */
  lancer_proposals_page_show_proposal (page, 1);
  g_assert_true (lancer_test_iterate_until (detail_loaded, page, 20));
  lancer_test_ui_shoot (GTK_WIDGET (window), "proposals-draft");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
rooms_loaded (gpointer data)
{
  return g_list_model_get_n_items (lancer_messages_page_get_rooms (data)) >= 5;
}

static gboolean
thread_ready (gpointer data)
{
  GListModel *model = lancer_messages_page_get_thread (data);

  return model != NULL && !lancer_story_list_model_get_loading (LANCER_STORY_LIST_MODEL (model)) &&
         g_list_model_get_n_items (model) > 0;
}

static void
test_messages (void)
{
  LancerWindow *window = open_window ("messages");
  LancerMessagesPage *page = LANCER_MESSAGES_PAGE (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_MESSAGES_PAGE));
  GListModel *thread;
  GtkAdjustment *adj;
  guint fetched;
  g_autofree char *text = NULL;

  g_assert_true (lancer_test_iterate_until (state_is_ready, page, 20));
  g_assert_true (lancer_test_iterate_until (rooms_loaded, page, 20));
  lancer_messages_page_select_room (page, "room-1");
  g_assert_true (lancer_test_iterate_until (thread_ready, page, 20));
  lancer_test_ui_settle (GTK_WIDGET (window));
  text = lancer_test_ui_collect_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "Attachment only"));
  shoot_all (GTK_WIDGET (window), "messages-thread");

  /* 5,000 stories: the thread opens at the newest without reading them all. */
  lancer_messages_page_select_room (page, FIXTURE_BIG_ROOM);
  g_assert_true (lancer_test_iterate_until (thread_ready, page, 20));
  thread = lancer_messages_page_get_thread (page);
  g_assert_cmpuint (g_list_model_get_n_items (thread), ==, BIG_THREAD);
  lancer_test_ui_settle (GTK_WIDGET (window));
  lancer_test_ui_settle (GTK_WIDGET (window));
  fetched = lancer_story_list_model_get_n_fetched (LANCER_STORY_LIST_MODEL (thread));
  g_test_message ("stories fetched after opening: %u", fetched);
  g_assert_cmpuint (fetched, >, 0);
  g_assert_cmpuint (fetched, <=, 300);
  lancer_test_ui_shoot (GTK_WIDGET (window), "messages-big-thread");

  /* Scrolling up loads older pages, still far from all of them. */
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (lancer_messages_page_get_thread_scroller (page)));
  for (guint i = 0; i < 20 && lancer_story_list_model_get_n_fetched (LANCER_STORY_LIST_MODEL (thread)) <= fetched; i++)
    {
      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) - 3 * gtk_adjustment_get_page_size (adj));
      lancer_test_ui_settle (GTK_WIDGET (window));
    }
  g_assert_cmpuint (lancer_story_list_model_get_n_fetched (LANCER_STORY_LIST_MODEL (thread)), >, fetched);
  g_assert_cmpuint (lancer_story_list_model_get_n_fetched (LANCER_STORY_LIST_MODEL (thread)), <, 1000);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
outbox_has (gpointer data)
{
  GListModel *model = data;
  guint n = g_list_model_get_n_items (model);
  g_autoptr(LancerStory) last = n > 0 ? g_list_model_get_item (model, n - 1) : NULL;

  return last != NULL && lancer_story_get_outbox_id (last) != 0;
}

static void
failed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lancer_store_outbox_fail_finish (LANCER_STORE (source), result, &error));
  *(gboolean *) user_data = TRUE;
}

static gboolean
last_failed (gpointer data)
{
  GListModel *model = data;
  guint n = g_list_model_get_n_items (model);
  g_autoptr(LancerStory) last = n > 0 ? g_list_model_get_item (model, n - 1) : NULL;

  return last != NULL && g_strcmp0 (lancer_story_get_state (last), "failed") == 0;
}

static gboolean
last_pending (gpointer data)
{
  GListModel *model = data;
  guint n = g_list_model_get_n_items (model);
  g_autoptr(LancerStory) last = n > 0 ? g_list_model_get_item (model, n - 1) : NULL;

  return last != NULL && g_strcmp0 (lancer_story_get_state (last), "pending") == 0;
}

/* Only a visible button: hidden rows keep their buttons in the tree. */
static GtkWidget *
find_visible_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_visible_button (c, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_outbox (void)
{
  LancerWindow *window = open_window ("messages");
  LancerMessagesPage *page = LANCER_MESSAGES_PAGE (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_MESSAGES_PAGE));
  LancerStore *store = lancer_session_get_store (lancer_application_get_session (app));
  GListModel *thread;
  g_autoptr(LancerStory) last = NULL;
  g_autofree char *text = NULL;
  GtkWidget *retry;
  gboolean done = FALSE;

  g_assert_true (lancer_test_iterate_until (state_is_ready, page, 20));
  g_assert_true (lancer_test_iterate_until (rooms_loaded, page, 20));
  lancer_messages_page_select_room (page, "room-2");
  g_assert_true (lancer_test_iterate_until (thread_ready, page, 20));
  thread = lancer_messages_page_get_thread (page);

  lancer_messages_page_send (page, "Two weeks works for me. I will send the plan tomorrow.");
  g_assert_true (lancer_test_iterate_until (outbox_has, thread, 20));
  text = lancer_test_ui_collect_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "Waiting to send"));
  lancer_test_ui_shoot (GTK_WIDGET (window), "messages-pending");

  /* The sender fails: shown as not sent, with Retry. */
  last = g_list_model_get_item (thread, g_list_model_get_n_items (thread) - 1);
  lancer_store_outbox_fail_async (store, lancer_story_get_outbox_id (last), "Upwork refused the message (HTTP 503)", NULL, failed_cb, &done);
  g_assert_true (lancer_test_wait_flag (&done, 20));
  g_assert_true (lancer_test_iterate_until (last_failed, thread, 20));
  lancer_test_ui_settle (GTK_WIDGET (window));
  g_clear_pointer (&text, g_free);
  text = lancer_test_ui_collect_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "Not sent"));
  lancer_test_ui_shoot (GTK_WIDGET (window), "messages-failed");
  retry = find_visible_button (GTK_WIDGET (page), "_Retry");
  g_assert_nonnull (retry);
  g_signal_emit_by_name (retry, "clicked");
  g_assert_true (lancer_test_iterate_until (last_pending, thread, 20));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
contracts_loaded (gpointer data)
{
  return g_list_model_get_n_items (lancer_diary_page_get_contracts (data)) == 3 &&
         lancer_diary_page_get_week_minutes (data) >= 0;
}

static gboolean
reminder_shown (gpointer data)
{
  return lancer_diary_page_get_reminder_shown (data);
}

static void
test_diary (void)
{
  LancerWindow *window = open_window ("diary");
  LancerSession *session = lancer_application_get_session (app);
  LancerDiaryPage *page = LANCER_DIARY_PAGE (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_DIARY_PAGE));
  GSettings *settings = lancer_session_get_settings (session);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *week = lancer_diary_week_start (now);
  g_autofree char *last_week = lancer_diary_week_shift (week, -1);
  GVariantBuilder builder;

  g_assert_true (lancer_test_iterate_until (state_is_ready, page, 20));
  g_assert_true (lancer_test_iterate_until (contracts_loaded, page, 20));

  /* Last week of c-1: 240+270+300+330+360 minutes. */
  lancer_diary_page_show_week (page, "c-1", last_week);
  g_assert_true (lancer_test_iterate_until (contracts_loaded, page, 20));
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while (lancer_diary_page_get_week_minutes (page) != 1500 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_cmpint (lancer_diary_page_get_week_minutes (page), ==, 1500);
  g_assert_false (lancer_diary_page_get_reminder_shown (page));

  /* Limits and the reminder (off by default). */
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sd}"));
  g_variant_builder_add (&builder, "{sd}", "c-1", 30.0);
  g_variant_builder_add (&builder, "{sd}", "c-2", 20.0);
  g_settings_set_value (settings, "diary-weekly-limits", g_variant_builder_end (&builder));
  g_assert_false (g_settings_get_boolean (settings, "diary-reminder"));
  g_settings_set_boolean (settings, "diary-reminder", TRUE);
  g_assert_true (lancer_test_iterate_until (reminder_shown, page, 20));
  shoot_all (GTK_WIDGET (window), "diary-week");
  g_settings_set_boolean (settings, "diary-reminder", FALSE);
  g_settings_reset (settings, "diary-weekly-limits");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = lancer_test_ui_app_new (&argc, &argv);

  g_test_add_func ("/ui/pipeline-pages/empty", test_empty_states);
  g_test_add_func ("/ui/pipeline-pages/proposals", test_proposals);
  g_test_add_func ("/ui/pipeline-pages/messages", test_messages);
  g_test_add_func ("/ui/pipeline-pages/outbox", test_outbox);
  g_test_add_func ("/ui/pipeline-pages/diary", test_diary);

  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
