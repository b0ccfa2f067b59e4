/* test-profile-switch.c: nothing of one profile shows in another.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A new user tries the demo, opens a job, sets a filter, opens a proposal
 * and a conversation, looks at the diary and analytics, then makes their
 * own profile. Every page of the new profile is read as they would read
 * it: all the text on screen, none of the demo's in it.
 */
#include "config.h"

#include "lancer-application.h"
#include "lancer-job-filter.h"
#include "lancer-jobs-page-private.h"
#include "lancer-messages-page.h"
#include "lancer-paths.h"
#include "lancer-proposals-page.h"
#include "lancer-store-messages.h"
#include "lancer-store-pipeline.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"
#include "lancer-window.h"

static LancerApplication *app;

/* A filter value nobody sets by chance: it must not follow the user. */
static const char * const demo_countries_out[] = { "Nauru", NULL };

static GtkMenuButton *
find_filter_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget)) != NULL)
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkMenuButton *found = find_filter_button (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What is on screen: text of mapped widgets only (a hidden stack page or
 * a closed popover is not something the user sees). */
static void
collect_visible (GtkWidget *widget,
                 GString   *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_EDITABLE (widget))
    g_string_append_printf (out, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_string_append_printf (out, "%s\n", text);
    }
  if (GTK_IS_WINDOW (widget) && gtk_window_get_title (GTK_WINDOW (widget)) != NULL)
    g_string_append_printf (out, "%s\n", gtk_window_get_title (GTK_WINDOW (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_visible (c, out);
}

static char *
visible_text (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  lancer_test_ui_settle (widget);
  collect_visible (widget, out);
  return g_string_free (out, FALSE);
}

static LancerSession *
current_session (void)
{
  return lancer_application_get_session (app);
}

static gboolean
demo_synced (gpointer data)
{
  LancerSession *session = current_session ();
  LancerSync *sync = session != NULL ? lancer_session_get_sync (session) : NULL;

  return session != NULL && lancer_session_get_is_demo (session) && sync != NULL &&
         lancer_sync_get_last_synced (sync) != 0 && lancer_sync_get_state (sync) == LANCER_SYNC_STATE_IDLE;
}

static gboolean
jobs_listed (gpointer data)
{
  GListModel *model = lancer_jobs_page_get_model (data);

  return model != NULL && g_list_model_get_n_items (model) > 0 &&
         g_strcmp0 (lancer_jobs_page_get_mode (data), "list") == 0;
}

static gboolean
personal_ready (gpointer data)
{
  LancerSession *session = current_session ();

  return session != NULL && !lancer_session_get_is_demo (session) &&
         lancer_session_get_state (session) == LANCER_SESSION_READY;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
assert_no_demo_text (const char *page,
                     const char *text,
                     GPtrArray  *demo_strings)
{
  for (guint i = 0; i < demo_strings->len; i++)
    {
      const char *demo = g_ptr_array_index (demo_strings, i);

      if (strstr (text, demo) != NULL)
        g_error ("The %s page of the new profile shows the demo's \"%s\":\n%s", page, demo, text);
    }
}

static void
test_switch_leaves_nothing (void)
{
  LancerWindow *window;
  LancerJobsPage *jobs;
  GtkWidget *proposals;
  GtkWidget *messages;
  g_autoptr(GPtrArray) demo_strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GAsyncResult) rooms_result = NULL;
  g_autoptr(GAsyncResult) proposals_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *demo_jobs_text = NULL;
  LancerJobFilter *filter;
  LancerProposalFilter proposal_filter;
  LancerRoom *room;
  LancerProposal *proposal;
  AdwMessageDialog *dialog;

  g_application_activate (G_APPLICATION (app));
  window = LANCER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 860);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  lancer_window_ensure_pages (window);

  /* The demo, synced. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "try-demo", NULL);
  g_assert_true (lancer_test_iterate_until (demo_synced, NULL, 90));
  lancer_window_ensure_pages (window);
  jobs = LANCER_JOBS_PAGE (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_JOBS_PAGE));
  g_assert_true (lancer_test_iterate_until (jobs_listed, jobs, 30));

  /* Jobs: a filter set, one job open. */
  lancer_window_show_page (window, "jobs");
  filter = lancer_job_filter_new ();
  filter->countries_out = g_strdupv ((char **) demo_countries_out);
  lancer_jobs_page_set_filter (jobs, filter);
  lancer_job_filter_free (filter);
  g_ptr_array_add (demo_strings, g_strdup (demo_countries_out[0]));
  g_assert_true (lancer_test_iterate_until (jobs_listed, jobs, 30));
  {
    g_autoptr(LancerJob) job = g_list_model_get_item (lancer_jobs_page_get_model (jobs), 0);

    lancer_jobs_page_select (jobs, 0);
    g_ptr_array_add (demo_strings, g_strdup (lancer_job_get_title (job)));
  }
  demo_jobs_text = visible_text (GTK_WIDGET (window));
  g_assert_nonnull (strstr (demo_jobs_text, g_ptr_array_index (demo_strings, 1)));
  lancer_test_ui_shoot_unchecked (GTK_WIDGET (window), "profile-switch-demo-jobs");

  /* Proposals: one open. */
  lancer_proposal_filter_init (&proposal_filter);
  lancer_store_list_proposals_async (lancer_session_get_store (current_session ()), &proposal_filter, NULL,
                                     store_result, &proposals_result);
  list = lancer_store_list_proposals_finish (lancer_session_get_store (current_session ()),
                                             wait_result (&proposals_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, >, 0);
  proposal = g_ptr_array_index (list, 0);
  if (lancer_proposal_get_job_title (proposal) != NULL)
    g_ptr_array_add (demo_strings, g_strdup (lancer_proposal_get_job_title (proposal)));
  lancer_window_show_page (window, "proposals");
  proposals = lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_PROPOSALS_PAGE);
  lancer_proposals_page_show_proposal (LANCER_PROPOSALS_PAGE (proposals), lancer_proposal_get_id (proposal));
  lancer_test_ui_settle (GTK_WIDGET (window));

  /* Messages: a conversation open. */
  lancer_store_list_rooms_async (lancer_session_get_store (current_session ()), NULL, store_result, &rooms_result);
  rooms = lancer_store_list_rooms_finish (lancer_session_get_store (current_session ()),
                                          wait_result (&rooms_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rooms->len, >, 0);
  room = g_ptr_array_index (rooms, 0);
  if (lancer_room_get_topic (room) != NULL)
    g_ptr_array_add (demo_strings, g_strdup (lancer_room_get_topic (room)));
  for (guint i = 0; i < rooms->len; i++)
    {
      LancerRoom *r = g_ptr_array_index (rooms, i);

      /* the client's name */
      const char *sender = lancer_room_get_last_sender (r);

      if (sender != NULL && !g_str_equal (sender, "Demo Freelancer"))
        g_ptr_array_add (demo_strings, g_strdup (sender));
    }
  lancer_window_open_room (window, lancer_room_get_id (room));
  messages = lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_MESSAGES_PAGE);
  g_assert_nonnull (messages);
  lancer_test_ui_settle (GTK_WIDGET (window));
  lancer_test_ui_shoot_unchecked (GTK_WIDGET (window), "profile-switch-demo-messages");

  /* Diary and Analytics: looked at. */
  lancer_window_show_page (window, "diary");
  lancer_test_ui_settle (GTK_WIDGET (window));
  lancer_window_show_page (window, "analytics");
  lancer_test_ui_settle (GTK_WIDGET (window));
  lancer_window_show_page (window, "jobs");

  /* Their own profile. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "new-profile", NULL);
  g_assert_true (lancer_test_iterate_until (lancer_test_ui_message_dialog_shown, NULL, 5));
  dialog = lancer_test_ui_find_message_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "My Freelance Work");
  adw_message_dialog_response (dialog, "accept");
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (!lancer_test_iterate_until (personal_ready, NULL, 20))
    g_error ("The new profile did not open: %s, %s, state %d",
             lancer_profile_get_display_name (lancer_session_get_profile (current_session ())),
             lancer_session_get_is_demo (current_session ()) ? "demo" : "own",
             lancer_session_get_state (current_session ()));

  /* Jobs: empty, offering to connect, without the demo's job or filter. */
  lancer_window_show_page (window, "jobs");
  jobs = LANCER_JOBS_PAGE (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_JOBS_PAGE));
  g_assert_nonnull (jobs);
  for (int i = 0; i < 50 && g_strcmp0 (lancer_jobs_page_get_mode (jobs), "loading") == 0; i++)
    lancer_test_ui_settle (GTK_WIDGET (window));
  {
    g_autofree char *text = visible_text (GTK_WIDGET (window));
    GtkWidget *connect = lancer_test_ui_find_button (GTK_WIDGET (jobs), "_Connect Upwork…");

    g_assert_cmpstr (lancer_jobs_page_get_mode (jobs), ==, "empty");
    assert_no_demo_text ("Jobs", text, demo_strings);
    g_assert_null (strstr (text, "No Matching Jobs"));
    g_assert_nonnull (connect);
    g_assert_true (gtk_widget_get_mapped (connect));
    lancer_test_ui_shoot_unchecked (GTK_WIDGET (window), "profile-switch-personal-jobs");
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
    lancer_test_ui_shoot_unchecked (GTK_WIDGET (window), "profile-switch-personal-jobs-dark");
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
    gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
    lancer_test_ui_shoot_unchecked (GTK_WIDGET (window), "profile-switch-personal-jobs-360");
    gtk_window_set_default_size (GTK_WINDOW (window), 1280, 860);

    /* The filter panel: none of the demo's values. */
    {
      GtkMenuButton *button = find_filter_button (GTK_WIDGET (jobs));
      g_autofree char *panel = NULL;

      g_assert_nonnull (button);
      panel = lancer_test_ui_collect_text (GTK_WIDGET (gtk_menu_button_get_popover (button)));
      assert_no_demo_text ("Jobs filter", panel, demo_strings);
    }
  }

  /* The other pages: nothing of the demo. */
  {
    static const char * const pages[] = { "proposals", "messages", "diary", "analytics" };

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        g_autofree char *text = NULL;

        lancer_window_show_page (window, pages[i]);
        for (int k = 0; k < 20; k++)
          lancer_test_ui_settle (GTK_WIDGET (window));
        text = visible_text (GTK_WIDGET (window));
        assert_no_demo_text (pages[i], text, demo_strings);
        if (g_str_equal (pages[i], "messages"))
          lancer_test_ui_shoot_unchecked (GTK_WIDGET (window), "profile-switch-personal-messages");
      }
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = lancer_test_ui_app_new (&argc, &argv);

  g_test_add_func ("/ui/profile-switch/nothing-of-the-demo", test_switch_leaves_nothing);

  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
