/* test-messages-diary.c: the Messages and Work Diary pages over the demo.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo profile runs the real sign-in, GraphQL client and sync against
 * the in-process sandbox; the tests tap through both pages as a person
 * does, wide and at 360 px, and check what is shown and what is stored.
 * Screenshots land in $LANCER_ARTIFACT_DIR.
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "lancer-application.h"
#include "lancer-contract.h"
#include "lancer-diary-page-private.h"
#include "lancer-message-row.h"
#include "lancer-messages-page-private.h"
#include "lancer-paths.h"
#include "lancer-profile.h"
#include "lancer-sandbox.h"
#include "lancer-sandbox-ai.h"
#include "lancer-store-messages.h"
#include "lancer-story-list-model.h"
#include "lancer-sync-writer.h"
#include "lancer-message-composer.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"
#include "lancer-window.h"

#define WIDE_WIDTH    1180
#define WIDE_HEIGHT   760
#define NARROW_WIDTH  360
#define NARROW_HEIGHT 720

static LancerApplication *app;
static LancerWindow *window;

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (LANCER_IS_MESSAGE_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
save_png (const char *name)
{
  /* the conversation view needs one more frame to lay out its bubbles */
  lancer_test_ui_settle (GTK_WIDGET (window));
  lancer_test_ui_shoot (GTK_WIDGET (window), name);
}

static void
set_width (int width)
{
  gtk_window_set_default_size (GTK_WINDOW (window), width, width == NARROW_WIDTH ? NARROW_HEIGHT : WIDE_HEIGHT);
  lancer_test_ui_settle (GTK_WIDGET (window));
  lancer_test_ui_settle (GTK_WIDGET (window));
}

/* @name-light and @name-dark at the width the window has now. */
static void
shoot (const char *name)
{
  g_autofree char *light = g_strdup_printf ("%s-light", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark", name);

  save_png (light);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  save_png (dark);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static LancerSession *
session (void)
{
  return lancer_application_get_session (app);
}

static LancerMessagesPage *
messages_page (void)
{
  lancer_window_show_page (window, "messages");
  return LANCER_MESSAGES_PAGE (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_MESSAGES_PAGE));
}

static LancerDiaryPage *
diary_page (void)
{
  lancer_window_show_page (window, "diary");
  return LANCER_DIARY_PAGE (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_DIARY_PAGE));
}

/* The demo's sync has brought its six conversations, and Upwork has said
 * who the user is. */
static gboolean
demo_rooms_ready (gpointer data)
{
  LancerSession *current = session ();
  LancerMessagesPage *page;

  if (current == NULL || !lancer_session_get_is_demo (current) || !lancer_session_get_signed_in (current) ||
      lancer_session_get_upwork_account (current) == NULL)
    return FALSE;
  page = messages_page ();
  if (page == NULL || lancer_page_get_state (LANCER_PAGE (page)) != LANCER_PAGE_READY ||
      g_list_model_get_n_items (lancer_messages_page_get_rooms (page)) < 6)
    return FALSE;
  /* Conversations arrive before their messages: wait for those too. */
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(LancerRoom) room = g_list_model_get_item (lancer_messages_page_get_rooms (page), i);

      if (!lancer_room_get_has_last_story (room))
        return FALSE;
    }
  return TRUE;
}

static gboolean
thread_loaded (gpointer data)
{
  GListModel *thread = lancer_messages_page_get_thread (data);
  guint n = thread != NULL ? g_list_model_get_n_items (thread) : 0;
  g_autoptr(LancerStory) last = n > 0 ? g_list_model_get_item (thread, n - 1) : NULL;

  return last != NULL && lancer_story_get_loaded (last) &&
         !lancer_story_list_model_get_loading (LANCER_STORY_LIST_MODEL (thread));
}

/* Taps the @position-th conversation of the list. */
static void
tap_room (LancerMessagesPage *page,
          guint               position)
{
  GtkWidget *composer = lancer_test_ui_find_type (GTK_WIDGET (page), LANCER_TYPE_MESSAGE_COMPOSER);
  GtkWidget *focus;

  g_signal_emit_by_name (lancer_messages_page_get_room_view (page), "activate", position);
  g_assert_true (lancer_test_iterate_until (thread_loaded, page, 20));
  lancer_test_ui_settle (GTK_WIDGET (window));
  /* The reply can be typed at once. */
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (GTK_IS_TEXT_VIEW (focus) && gtk_widget_is_ancestor (focus, composer));
}

/* The row showing the open conversation's last message, if it is on
 * screen inside the conversation's scrolled window. */
static LancerMessageRow *
last_row_in_view (LancerMessagesPage *page)
{
  GListModel *thread = lancer_messages_page_get_thread (page);
  g_autoptr(LancerStory) last = g_list_model_get_item (thread, g_list_model_get_n_items (thread) - 1);
  GtkWidget *scroller = lancer_messages_page_get_thread_scroller (page);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (scroller, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      LancerMessageRow *row = g_ptr_array_index (rows, i);
      graphene_rect_t bounds;

      if (lancer_message_row_get_story (row) != last || !gtk_widget_get_mapped (GTK_WIDGET (row)) ||
          !gtk_widget_compute_bounds (GTK_WIDGET (row), scroller, &bounds))
        continue;
      if (bounds.origin.y >= -1 &&
          bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller) + 1)
        return row;
    }
  return NULL;
}

static gboolean
last_in_view (gpointer data)
{
  return last_row_in_view (data) != NULL;
}

/* A screen reader hears a message as one sentence: who, what, when. */
static void
assert_row_spoken (LancerMessageRow *row)
{
  g_autoptr(GPtrArray) texts = lancer_test_ui_visible_labels (GTK_WIDGET (row));
  g_autofree char *sentence = NULL;

  g_assert_cmpuint (texts->len, ==, 3);
  sentence = g_strdup_printf ("%s: %s %s", (char *) texts->pdata[0], (char *) texts->pdata[1],
                              (char *) texts->pdata[2]);
  lancer_test_ui_assert_spoken (GTK_WIDGET (row), sentence);
}

/* Titles name the client: Upwork's name for the other side, never a room
 * id, "Room" or the user. */
static void
test_client_names (void)
{
  LancerMessagesPage *page = messages_page ();
  GListModel *rooms = lancer_messages_page_get_rooms (page);
  g_autofree char *text = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (rooms); i++)
    {
      g_autoptr(LancerRoom) room = g_list_model_get_item (rooms, i);
      const char *client = lancer_room_get_client_name (room);

      g_assert_nonnull (client);
      /* a person, not the room's "Client, You" name or its id */
      g_assert_cmpuint (strlen (client), >, 0);
      g_assert_null (strchr (client, ','));
      g_assert_false (g_str_has_prefix (client, "room_"));
    }
  lancer_test_ui_settle (GTK_WIDGET (window));
  text = lancer_test_ui_collect_text (GTK_WIDGET (lancer_messages_page_get_room_view (page)));
  /* the demo's first client */
  g_assert_nonnull (strstr (text, "Maria Kovalenko"));
  g_assert_null (strstr (text, "room_"));
  g_assert_null (strstr (text, "Room"));
  g_assert_null (strstr (text, "Conversation\n"));

  tap_room (page, 2);
  {
    g_autoptr(LancerRoom) room = g_list_model_get_item (rooms, 2);

    g_assert_cmpstr (lancer_messages_page_get_thread_title (page), ==, lancer_room_get_client_name (room));
  }
}

/* A long conversation opens at its newest message, and a message that
 * arrives while it is open comes into view. */
static void
test_newest_in_view (void)
{
  LancerMessagesPage *page = messages_page ();
  GListModel *rooms = lancer_messages_page_get_rooms (page);
  LancerStore *store = lancer_session_get_store (session ());
  g_autoptr(GPtrArray) stories = g_ptr_array_new ();
  g_autoptr(LancerRoom) longest = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LancerUpworkStory story = { 0 };
  guint longest_n = 0;
  guint longest_at = 0;
  GListModel *thread;

  /* The longest of the demo's conversations (3 to 24 messages). */
  for (guint i = 0; i < g_list_model_get_n_items (rooms); i++)
    {
      tap_room (page, i);
      if (g_list_model_get_n_items (lancer_messages_page_get_thread (page)) > longest_n)
        {
          longest_n = g_list_model_get_n_items (lancer_messages_page_get_thread (page));
          longest_at = i;
          g_set_object (&longest, g_list_model_get_item (rooms, i));
        }
    }
  g_assert_cmpuint (longest_n, >=, 8);
  /* Open another conversation, then the long one: it opens at its end. */
  tap_room (page, longest_at == 0 ? 1 : 0);
  tap_room (page, longest_at);
  g_assert_true (lancer_test_iterate_until (last_in_view, page, 10));
  thread = lancer_messages_page_get_thread (page);
  g_assert_cmpuint (g_list_model_get_n_items (thread), ==, longest_n);

  /* The client writes while the conversation is open (as the sync stores
   * it): the new message is the last, and in view. */
  story.id = (char *) "st_arrived_1";
  story.room_id = (char *) lancer_room_get_id (longest);
  story.sender_id = (char *) "1187000000000000001";
  story.sender = (char *) lancer_room_get_client_name (longest);
  story.message = (char *) "Thanks! Could you also send an estimate for the second milestone?";
  story.created_at = g_get_real_time () / G_USEC_PER_SEC;
  g_ptr_array_add (stories, &story);
  lancer_sync_write_async (store, LANCER_SYNC_WRITE_STORIES, stories, NULL, lancer_test_ui_result_cb, &result);
  g_assert_true (lancer_test_iterate_until (has_result, &result, 20));
  g_assert_cmpint (lancer_sync_write_finish (store, result, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (lancer_test_iterate_until (thread_loaded, page, 20));
  g_assert_cmpuint (g_list_model_get_n_items (thread), ==, longest_n + 1);
  g_assert_true (lancer_test_iterate_until (last_in_view, page, 10));
  g_assert_true (gtk_widget_has_css_class (lancer_message_row_get_bubble (last_row_in_view (page)), "from-client"));
  assert_row_spoken (last_row_in_view (page));
  set_width (WIDE_WIDTH);
  shoot ("messages-conversation-1180");
}

/* The user's messages and the client's look different: other style class
 * and the other side of the conversation. */
static void
test_own_and_client_styles (void)
{
  LancerMessagesPage *page = messages_page ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint own = 0, theirs = 0;

  g_assert_true (lancer_test_iterate_until (thread_loaded, page, 20));
  lancer_test_ui_settle (GTK_WIDGET (window));
  collect_rows (lancer_messages_page_get_thread_scroller (page), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      LancerMessageRow *row = g_ptr_array_index (rows, i);
      LancerStory *story = lancer_message_row_get_story (row);
      GtkWidget *bubble = lancer_message_row_get_bubble (row);

      if (story == NULL || !lancer_story_get_loaded (story) || !gtk_widget_get_mapped (GTK_WIDGET (row)))
        continue;
      if (g_strcmp0 (lancer_story_get_sender (story), LANCER_SANDBOX_USER_NAME) == 0)
        {
          g_assert_true (gtk_widget_has_css_class (bubble, "from-user"));
          g_assert_false (gtk_widget_has_css_class (bubble, "from-client"));
          g_assert_cmpint (gtk_widget_get_halign (bubble), ==, GTK_ALIGN_END);
          own++;
        }
      else
        {
          g_assert_true (gtk_widget_has_css_class (bubble, "from-client"));
          g_assert_false (gtk_widget_has_css_class (bubble, "from-user"));
          g_assert_cmpint (gtk_widget_get_halign (bubble), ==, GTK_ALIGN_START);
          theirs++;
        }
    }
  g_assert_cmpuint (own, >, 0);
  g_assert_cmpuint (theirs, >, 0);
}

static gint64
count_reply_calls (void)
{
  g_autofree char *path = lancer_profile_dup_db_path (lancer_session_get_profile (session ()));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT COUNT(*) FROM ai_calls WHERE purpose = 'reply'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

typedef struct
{
  GtkWidget     *composer;
  GtkTextBuffer *buffer;
  gint64         calls_before;
} SuggestWait;

/* The suggestion has streamed in and the button offers a new one again. */
static gboolean
suggestion_done (gpointer data)
{
  SuggestWait *wait = data;

  return gtk_text_buffer_get_char_count (wait->buffer) > 0 &&
         lancer_test_ui_find_button_by_tooltip (wait->composer, "Let the AI assistant draft a reply to this conversation") != NULL;
}

static gboolean
reply_call_recorded (gpointer data)
{
  SuggestWait *wait = data;

  return count_reply_calls () > wait->calls_before;
}

/* Suggest a Reply: the demo AI's draft streams into the composer after
 * what the user typed, the user can send it, and the call is recorded in
 * the profile's AI spending like every other AI call. */
static void
test_suggest_reply (void)
{
  LancerMessagesPage *page = messages_page ();
  GtkWidget *composer = lancer_test_ui_find_type (GTK_WIDGET (page), LANCER_TYPE_MESSAGE_COMPOSER);
  GtkWidget *view = lancer_test_ui_find_type (composer, GTK_TYPE_TEXT_VIEW);
  GtkWidget *suggest = lancer_test_ui_find_button_by_tooltip (composer, "Let the AI assistant draft a reply to this conversation");
  GtkWidget *send = lancer_test_ui_find_button (composer, "_Send");
  SuggestWait wait = { composer, gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), count_reply_calls () };
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  GtkWidget *allow;
  GSettings *settings = lancer_session_get_settings (session ());

  set_width (WIDE_WIDTH);
  tap_room (page, 0);
  g_assert_nonnull (suggest);
  g_assert_nonnull (send);
  gtk_text_buffer_set_text (wait.buffer, "Hi,", -1);

  /* The first time, the conversation is not sent before the user allows
   * it: the composer says where it goes, and Allow and Suggest is stored. */
  g_settings_set_boolean (settings, "ai-cloud-consent", FALSE);
  g_signal_emit_by_name (suggest, "clicked");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (suggest), ==, "Let the AI assistant draft a reply to this conversation");
  allow = lancer_test_ui_find_button (composer, "_Allow and Suggest");
  g_assert_nonnull (allow);
  g_assert_true (gtk_widget_is_visible (allow));
  g_assert_cmpint (count_reply_calls (), ==, wait.calls_before);
  g_signal_emit_by_name (allow, "clicked");
  g_assert_true (g_settings_get_boolean (settings, "ai-cloud-consent"));

  /* While it streams, the button stops it and the text can't be edited. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (suggest), ==, "Stop the suggestion; what arrived so far stays");
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  g_assert_false (gtk_widget_get_sensitive (send));

  g_assert_true (lancer_test_iterate_until (suggestion_done, &wait, 60));
  gtk_text_buffer_get_bounds (wait.buffer, &start, &end);
  text = gtk_text_buffer_get_text (wait.buffer, &start, &end, FALSE);
  /* (the demo AI answers the client who wrote last, by first name) */
  g_assert_true (g_str_has_prefix (text, "Hi,\n\n" LANCER_SANDBOX_AI_LABEL " Hi "));
  g_assert_cmpuint (strlen (text), >, strlen ("Hi,\n\n") + 40);
  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  g_assert_true (gtk_widget_get_sensitive (send));
  g_assert_true (gtk_widget_has_focus (view));
  g_assert_true (lancer_test_iterate_until (reply_call_recorded, &wait, 20));
  shoot ("messages-suggested-reply");

  gtk_text_buffer_set_text (wait.buffer, "", -1);
}

/* At 360 px one tap opens a conversation and Back returns to the list. */
static void
test_messages_narrow (void)
{
  LancerMessagesPage *page = messages_page ();
  GtkWidget *back = lancer_messages_page_get_back_button (page);

  set_width (NARROW_WIDTH);
  if (g_strcmp0 (lancer_messages_page_get_visible_pane (page), "rooms") != 0)
    {
      g_assert_true (gtk_widget_get_visible (back));
      g_signal_emit_by_name (back, "clicked");
      lancer_test_ui_settle (GTK_WIDGET (window));
    }
  g_assert_cmpstr (lancer_messages_page_get_visible_pane (page), ==, "rooms");
  shoot ("messages-list-360");

  tap_room (page, 0);
  g_assert_cmpstr (lancer_messages_page_get_visible_pane (page), ==, "thread");
  g_assert_true (gtk_widget_get_visible (back));
  g_assert_true (lancer_test_iterate_until (last_in_view, page, 10));
  shoot ("messages-conversation-360");

  g_signal_emit_by_name (back, "clicked");
  lancer_test_ui_settle (GTK_WIDGET (window));
  g_assert_cmpstr (lancer_messages_page_get_visible_pane (page), ==, "rooms");
  set_width (WIDE_WIDTH);
  g_assert_false (gtk_widget_get_visible (back));
}

static gboolean
diary_ready (gpointer data)
{
  return lancer_page_get_state (data) == LANCER_PAGE_READY &&
         g_list_model_get_n_items (lancer_diary_page_get_contracts (data)) > 0 &&
         lancer_diary_page_get_week_minutes (data) >= 0;
}

static guint
first_hourly (LancerDiaryPage *page)
{
  GListModel *contracts = lancer_diary_page_get_contracts (page);

  for (guint i = 0; i < g_list_model_get_n_items (contracts); i++)
    {
      g_autoptr(LancerContract) c = g_list_model_get_item (contracts, i);

      if (lancer_contract_get_hourly (c) && lancer_contract_get_ended_at (c) == 0)
        return i;
    }
  g_assert_not_reached ();
  return 0;
}

/* The weekly limit typed on the page is what the profile keeps. */
static void
test_diary_limit (void)
{
  LancerDiaryPage *page = diary_page ();
  GSettings *settings = lancer_session_get_settings (session ());
  g_autoptr(GVariant) limits = NULL;
  g_autoptr(LancerContract) contract = NULL;
  GtkSpinButton *spin;
  double stored = 0;
  guint position;

  set_width (WIDE_WIDTH);
  g_assert_true (lancer_test_iterate_until (diary_ready, page, 30));
  position = first_hourly (page);
  contract = g_list_model_get_item (lancer_diary_page_get_contracts (page), position);
  g_signal_emit_by_name (lancer_diary_page_get_contract_view (page), "activate", position);
  g_assert_true (lancer_test_iterate_until (diary_ready, page, 20));
  shoot ("diary-week-1180");

  spin = lancer_diary_page_get_limit_spin (page);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (spin)));
  gtk_spin_button_set_value (spin, 25);
  gtk_spin_button_update (spin);
  lancer_test_ui_settle (GTK_WIDGET (window));
  limits = g_settings_get_value (settings, "diary-weekly-limits");
  g_assert_true (g_variant_lookup (limits, lancer_contract_get_id (contract), "d", &stored));
  g_assert_cmpfloat (stored, ==, 25.0);
  g_assert_true (lancer_test_iterate_until (diary_ready, page, 20));
  {
    g_autofree char *text = lancer_test_ui_collect_text (GTK_WIDGET (page));

    g_assert_nonnull (strstr (text, "of 25 h this week"));
  }
  shoot ("diary-week-limit-1180");
}

/* At 360 px one tap opens a contract's week and Back returns. */
static void
test_diary_narrow (void)
{
  LancerDiaryPage *page = diary_page ();
  GtkWidget *back = lancer_diary_page_get_back_button (page);

  set_width (NARROW_WIDTH);
  if (g_strcmp0 (lancer_diary_page_get_visible_pane (page), "contracts") != 0)
    {
      g_assert_true (gtk_widget_get_visible (back));
      g_signal_emit_by_name (back, "clicked");
      lancer_test_ui_settle (GTK_WIDGET (window));
    }
  g_assert_cmpstr (lancer_diary_page_get_visible_pane (page), ==, "contracts");
  shoot ("diary-list-360");

  g_signal_emit_by_name (lancer_diary_page_get_contract_view (page), "activate", first_hourly (page));
  g_assert_true (lancer_test_iterate_until (diary_ready, page, 20));
  g_assert_cmpstr (lancer_diary_page_get_visible_pane (page), ==, "week");
  g_assert_true (gtk_widget_get_visible (back));
  shoot ("diary-week-360");

  g_signal_emit_by_name (back, "clicked");
  lancer_test_ui_settle (GTK_WIDGET (window));
  g_assert_cmpstr (lancer_diary_page_get_visible_pane (page), ==, "contracts");
  set_width (WIDE_WIDTH);
}

/* What a failed load looks like on both pages, wide and narrow. */
static void
test_error_states (void)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                 "The profile's database could not be read.");
  LancerPage *pages[] = { LANCER_PAGE (messages_page ()), LANCER_PAGE (diary_page ()) };
  const char *names[] = { "messages", "diary" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *wide = g_strdup_printf ("%s-error-1180", names[i]);
      g_autofree char *narrow = g_strdup_printf ("%s-error-360", names[i]);

      lancer_window_show_page (window, names[i]);
      lancer_page_show_error (pages[i], error);
      g_assert_cmpint (lancer_page_get_state (pages[i]), ==, LANCER_PAGE_ERROR);
      set_width (WIDE_WIDTH);
      shoot (wide);
      set_width (NARROW_WIDTH);
      shoot (narrow);
      set_width (WIDE_WIDTH);
      lancer_page_queue_reload (pages[i]);
    }
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
  g_application_activate (G_APPLICATION (app));
  window = LANCER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), WIDE_WIDTH, WIDE_HEIGHT);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.try-demo", NULL));
  g_assert_true (lancer_test_iterate_until (demo_rooms_ready, NULL, 120));

  g_test_add_func ("/ui/messages-diary/client-names", test_client_names);
  g_test_add_func ("/ui/messages-diary/newest-in-view", test_newest_in_view);
  g_test_add_func ("/ui/messages-diary/own-and-client-styles", test_own_and_client_styles);
  g_test_add_func ("/ui/messages-diary/suggest-reply", test_suggest_reply);
  g_test_add_func ("/ui/messages-diary/messages-narrow", test_messages_narrow);
  g_test_add_func ("/ui/messages-diary/diary-limit", test_diary_limit);
  g_test_add_func ("/ui/messages-diary/diary-narrow", test_diary_narrow);
  g_test_add_func ("/ui/messages-diary/error-states", test_error_states);

  ret = g_test_run ();
  return ret;
}
