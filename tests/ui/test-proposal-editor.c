/* test-proposal-editor.c: the AI proposal editor against the demo AI
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real profile, the sandbox's demo AI on loopback and the editor window
 * the Jobs page opens. Screenshots land in $LANCER_ARTIFACT_DIR.
 */
#include "config.h"

#include <string.h>

#include "lancer-analysis-card.h"
#include "lancer-paths.h"
#include "lancer-proposal-editor.h"
#include "lancer-sandbox-ai.h"
#include "lancer-sandbox-data.h"
#include "lancer-secrets.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"

#define KEY "sk-test-editor-0001"

static SoupServer *server;
static LancerSandboxAi *sandbox_ai;
static LancerProfileManager *manager;
static LancerProfile *profile;
static LancerSession *session;
static GPtrArray *jobs;

typedef struct
{
  LancerProposalEditor *editor;
  const char           *state;
} StateWait;

static gboolean
editor_state_is (gpointer data)
{
  StateWait *wait = data;

  return g_strcmp0 (lancer_proposal_editor_get_state (wait->editor), wait->state) == 0;
}

static void
wait_state (LancerProposalEditor *editor,
            const char           *state)
{
  StateWait wait = { editor, state };

  g_assert_true (lancer_test_iterate_until (editor_state_is, &wait, 30));
}

static gboolean
has_text (gpointer data)
{
  return gtk_text_buffer_get_char_count (data) > 20;
}

static gboolean
card_done (gpointer data)
{
  const char *state = lancer_analysis_card_get_state (data);

  return g_strcmp0 (state, "result") == 0 || g_strcmp0 (state, "error") == 0;
}

static gboolean
is_stacked (gpointer data)
{
  return !lancer_proposal_editor_get_side_by_side (data);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
count_delete_cb (GtkTextBuffer *buffer,
                 GtkTextIter   *start,
                 GtkTextIter   *end,
                 guint         *n_deletes)
{
  (*n_deletes)++;
}

static void
test_stream_variants (void)
{
  GtkWindow *window = lancer_proposal_window_new (NULL, session, g_ptr_array_index (jobs, 0));
  LancerProposalEditor *editor;
  LancerAnalysisCard *card;
  guint n_deletes = 0;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *text = NULL;

  gtk_window_set_default_size (window, 1100, 960);
  g_assert_true (lancer_test_ui_show (window));
  editor = LANCER_PROPOSAL_EDITOR (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_PROPOSAL_EDITOR));
  card = LANCER_ANALYSIS_CARD (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_ANALYSIS_CARD));
  g_assert_nonnull (editor);
  g_assert_nonnull (card);
  lancer_test_ui_shoot (GTK_WIDGET (window), "proposal-editor-empty");

  /* The analysis card. */
  lancer_analysis_card_analyse (card);
  g_assert_true (lancer_test_iterate_until (card_done, card, 30));
  g_assert_cmpstr (lancer_analysis_card_get_state (card), ==, "result");

  /* A/B: two drafts stream side by side, appended token by token. */
  lancer_proposal_editor_set_n_variants (editor, 2);
  lancer_proposal_editor_generate (editor);
  g_assert_cmpstr (lancer_proposal_editor_get_state (editor), ==, "streaming");
  g_signal_connect (lancer_proposal_editor_get_buffer (editor, 0), "delete-range",
                    G_CALLBACK (count_delete_cb), &n_deletes);
  wait_state (editor, "done");
  g_assert_cmpuint (n_deletes, ==, 0);
  a = buffer_text (lancer_proposal_editor_get_buffer (editor, 0));
  b = buffer_text (lancer_proposal_editor_get_buffer (editor, 1));
  g_assert_cmpuint (strlen (a), >, 40);
  g_assert_cmpuint (strlen (b), >, 40);
  g_assert_false (lancer_proposal_editor_get_partial (editor, 0));
  g_assert_true (lancer_proposal_editor_get_side_by_side (editor));
  text = lancer_test_ui_collect_text (GTK_WIDGET (window));
  g_assert_nonnull (strstr (text, "Use This One"));
  g_assert_nonnull (strstr (text, "Variant A"));
  g_assert_nonnull (strstr (text, "Variant B"));
  lancer_test_ui_shoot (GTK_WIDGET (window), "proposal-editor-light");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  lancer_test_ui_shoot (GTK_WIDGET (window), "proposal-editor-dark");

  gtk_window_destroy (window);

  /* Narrow, reopened: the saved variants come back, stacked. */
  window = lancer_proposal_window_new (NULL, session, g_ptr_array_index (jobs, 0));
  gtk_window_set_default_size (window, 360, 720);
  g_assert_true (lancer_test_ui_show (window));
  editor = LANCER_PROPOSAL_EDITOR (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_PROPOSAL_EDITOR));
  wait_state (editor, "done");
  g_assert_true (lancer_test_iterate_until (is_stacked, editor, 10));
  {
    g_autofree char *b2 = buffer_text (lancer_proposal_editor_get_buffer (editor, 1));
    g_assert_cmpstr (b2, ==, b);
  }
  lancer_test_ui_shoot (GTK_WIDGET (window), "proposal-editor-dark-360");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (window);
}

static void
test_stop_keeps_partial (void)
{
  GtkWindow *window = lancer_proposal_window_new (NULL, session, g_ptr_array_index (jobs, 1));
  LancerProposalEditor *editor;
  GtkTextBuffer *buffer;
  g_autofree char *kept = NULL;

  gtk_window_set_default_size (window, 900, 800);
  g_assert_true (lancer_test_ui_show (window));
  editor = LANCER_PROPOSAL_EDITOR (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_PROPOSAL_EDITOR));
  buffer = lancer_proposal_editor_get_buffer (editor, 0);

  lancer_sandbox_ai_set_slow_delay (sandbox_ai, 30);
  lancer_sandbox_ai_set_fault (sandbox_ai, LANCER_SANDBOX_AI_FAULT_SLOW, 1);
  lancer_proposal_editor_generate (editor);
  g_assert_true (lancer_test_iterate_until (has_text, buffer, 20));
  lancer_proposal_editor_stop (editor);
  wait_state (editor, "stopped");
  lancer_sandbox_ai_set_fault (sandbox_ai, LANCER_SANDBOX_AI_FAULT_NONE, 0);

  kept = buffer_text (buffer);
  g_assert_cmpuint (strlen (kept), >, 20);
  g_assert_true (lancer_proposal_editor_get_partial (editor, 0));
  lancer_test_ui_shoot (GTK_WIDGET (window), "proposal-editor-stopped");
  gtk_window_destroy (window);

  /* Opening the job again shows the saved partial draft. */
  window = lancer_proposal_window_new (NULL, session, g_ptr_array_index (jobs, 1));
  g_assert_true (lancer_test_ui_show (window));
  editor = LANCER_PROPOSAL_EDITOR (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_PROPOSAL_EDITOR));
  wait_state (editor, "done");
  {
    g_autofree char *reloaded = buffer_text (lancer_proposal_editor_get_buffer (editor, 0));
    g_assert_cmpstr (reloaded, ==, kept);
  }
  g_assert_true (lancer_proposal_editor_get_partial (editor, 0));
  gtk_window_destroy (window);
}

static void
test_wrong_key_error (void)
{
  GtkWindow *window = lancer_proposal_window_new (NULL, session, g_ptr_array_index (jobs, 2));
  LancerProposalEditor *editor;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  lancer_secrets_store_sync (lancer_profile_get_id (profile), LANCER_SECRET_OPENAI_API_KEY, "sk-wrong",
                             NULL, &error);
  g_assert_no_error (error);
  gtk_window_set_default_size (window, 900, 800);
  g_assert_true (lancer_test_ui_show (window));
  editor = LANCER_PROPOSAL_EDITOR (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_PROPOSAL_EDITOR));
  lancer_proposal_editor_generate (editor);
  wait_state (editor, "error");
  text = lancer_test_ui_collect_text (GTK_WIDGET (window));
  g_assert_nonnull (strstr (text, "rejected the API key"));
  g_assert_nonnull (strstr (text, "Open Preferences"));
  lancer_test_ui_shoot (GTK_WIDGET (window), "proposal-editor-wrong-key");
  gtk_window_destroy (window);

  lancer_secrets_store_sync (lancer_profile_get_id (profile), LANCER_SECRET_OPENAI_API_KEY, KEY, NULL, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSandboxData) data = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *base = NULL;
  g_autofree char *openai_url = NULL;
  GSettings *settings;
  GSList *uris;
  LancerJob *job;

  g_test_init (&argc, &argv, NULL);
  tmp = lancer_test_isolate_xdg ();
  if (!lancer_test_ui_init ())
    {
      g_test_skip ("No display");
      return 77;
    }

  server = soup_server_new (NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  base = g_uri_to_string ((GUri *) uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  sandbox_ai = lancer_sandbox_ai_new ();
  lancer_sandbox_ai_attach (sandbox_ai, server);
  lancer_sandbox_ai_set_api_key (sandbox_ai, KEY);
  openai_url = g_strconcat (base, g_str_has_suffix (base, "/") ? "v1" : "/v1", NULL);
  g_setenv ("LANCER_OPENAI_BASE_URL", openai_url, TRUE);

  manager = lancer_profile_manager_new (NULL);
  profile = lancer_profile_manager_create (manager, "Editor", FALSE, &error);
  g_assert_no_error (error);
  session = lancer_session_new (manager, profile);
  lancer_session_open (session);
  g_assert_true (lancer_test_iterate_until (lancer_test_ui_session_ready, session, 20));
  g_assert_cmpint (lancer_session_get_state (session), ==, LANCER_SESSION_READY);
  lancer_secrets_store_sync (lancer_profile_get_id (profile), LANCER_SECRET_OPENAI_API_KEY, KEY, NULL, &error);
  g_assert_no_error (error);

  settings = lancer_session_get_settings (session);
  g_settings_set_boolean (settings, "ai-cloud-consent", TRUE);
  g_settings_set_string (settings, "ai-writer-name", "Dana Kovalenko");
  g_settings_set_string (settings, "ai-writer-bio", "Backend developer, eight years of Python and PostgreSQL.");
  g_settings_set_string (settings, "ai-writer-skills", "Python, Django, PostgreSQL");

  data = lancer_sandbox_data_new (5);
  jobs = lancer_sandbox_data_next_jobs (data, 4, g_get_real_time () / G_USEC_PER_SEC, 3600);
  job = g_ptr_array_index (jobs, 0);
  {
    g_autofree char *description = g_strconcat (lancer_job_get_description (job),
                                                "\n\nScreening questions:\n"
                                                "1. Which similar project have you shipped?\n"
                                                "2. When could you start?\n", NULL);
    lancer_job_set_description (job, description);
  }
  lancer_store_upsert_jobs_async (lancer_session_get_store (session), jobs, NULL, lancer_test_ui_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (lancer_store_upsert_jobs_finish (lancer_session_get_store (session), result, NULL, &error));

  g_test_add_func ("/ui/proposal-editor/stream-variants", test_stream_variants);
  g_test_add_func ("/ui/proposal-editor/stop-keeps-partial", test_stop_keeps_partial);
  g_test_add_func ("/ui/proposal-editor/wrong-key", test_wrong_key_error);
  return g_test_run ();
}
