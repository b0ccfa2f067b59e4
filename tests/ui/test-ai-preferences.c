/* test-ai-preferences.c: Preferences → AI against the demo AI
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real profile and the sandbox's demo AI on loopback: a pasted key goes
 * to the keyring and is tested on the spot, a wrong key says so, and the
 * provider's models fill the model menu. Screenshots land in
 * $LANCER_ARTIFACT_DIR.
 */
#include "config.h"

#include "lancer-ai-preferences-page.h"
#include "lancer-paths.h"
#include "lancer-portfolio-row.h"
#include "lancer-preferences-window.h"
#include "lancer-sandbox-ai.h"
#include "lancer-secrets.h"
#include "lancer-store-ai.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"

#define KEY "sk-test-prefs-0001"

static LancerSandboxAi *sandbox_ai;
static LancerProfileManager *manager;
static LancerProfile *profile;
static LancerSession *session;

static gboolean
key_settled (gpointer data)
{
  const char *state = lancer_ai_preferences_page_get_key_state (data);

  return g_strcmp0 (state, "saving") != 0 && g_strcmp0 (state, "testing") != 0;
}

static gboolean
has_models (gpointer data)
{
  return lancer_ai_preferences_page_get_n_models (data) > 0;
}

static void
apply_key (LancerAiPreferencesPage *page,
           const char              *key)
{
  AdwPasswordEntryRow *row = ADW_PASSWORD_ENTRY_ROW (lancer_test_ui_find_type (GTK_WIDGET (page), ADW_TYPE_PASSWORD_ENTRY_ROW));

  gtk_editable_set_text (GTK_EDITABLE (row), key);
  g_signal_emit_by_name (row, "apply");
  /* Never shown back. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  g_assert_true (lancer_test_iterate_until (key_settled, page, 20));
}

static void
test_key_and_models (void)
{
  GtkWindow *window = GTK_WINDOW (g_object_new (LANCER_TYPE_PREFERENCES_WINDOW,
                                                "profile-settings", lancer_session_get_settings (session),
                                                "session", session,
                                                NULL));
  LancerAiPreferencesPage *page;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *text = NULL;

  gtk_window_set_default_size (window, 720, 900);
  g_assert_true (lancer_test_ui_show (window));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "ai");
  page = LANCER_AI_PREFERENCES_PAGE (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_AI_PREFERENCES_PAGE));
  g_assert_nonnull (page);
  g_assert_true (lancer_test_iterate_until (key_settled, page, 20));
  g_assert_cmpstr (lancer_ai_preferences_page_get_key_state (page), ==, "none");

  /* A wrong key: stored, then refused by the provider. */
  apply_key (page, "sk-wrong-key");
  g_assert_cmpstr (lancer_ai_preferences_page_get_key_state (page), ==, "auth");
  lancer_test_ui_shoot (GTK_WIDGET (window), "ai-preferences-wrong-key");

  /* The right key: in the keyring, works, models listed. */
  apply_key (page, KEY);
  g_assert_cmpstr (lancer_ai_preferences_page_get_key_state (page), ==, "ok");
  stored = lancer_secrets_lookup_sync (lancer_profile_get_id (profile), LANCER_SECRET_OPENAI_API_KEY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, KEY);
  g_assert_true (lancer_test_iterate_until (has_models, page, 20));

  /* The screen never shows the key. */
  text = lancer_test_ui_collect_text (GTK_WIDGET (window));
  g_assert_null (strstr (text, KEY));
  lancer_test_ui_shoot (GTK_WIDGET (window), "ai-preferences");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  lancer_test_ui_shoot (GTK_WIDGET (window), "ai-preferences-dark");
  gtk_window_destroy (window);

  window = GTK_WINDOW (g_object_new (LANCER_TYPE_PREFERENCES_WINDOW,
                                     "profile-settings", lancer_session_get_settings (session),
                                     "session", session,
                                     NULL));
  gtk_window_set_default_size (window, 360, 720);
  g_assert_true (lancer_test_ui_show (window));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "ai");
  page = LANCER_AI_PREFERENCES_PAGE (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_AI_PREFERENCES_PAGE));
  g_assert_true (lancer_test_iterate_until (key_settled, page, 20));
  g_assert_cmpstr (lancer_ai_preferences_page_get_key_state (page), ==, "saved");
  lancer_test_ui_shoot (GTK_WIDGET (window), "ai-preferences-dark-360");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (window);
}

typedef struct
{
  GPtrArray *items;
  gboolean   done;
} Portfolio;

static void
portfolio_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Portfolio *p = user_data;

  g_clear_pointer (&p->items, g_ptr_array_unref);
  p->items = lancer_store_ai_load_portfolio_finish (LANCER_STORE (source), result, NULL);
  p->done = TRUE;
}

/* What the profile's database holds now, as "title|outcome" lines. */
static char *
stored_portfolio (void)
{
  Portfolio p = { NULL, FALSE };
  GString *out = g_string_new (NULL);

  lancer_store_ai_load_portfolio_async (lancer_session_get_store (session), NULL, portfolio_loaded_cb, &p);
  g_assert_true (lancer_test_wait_flag (&p.done, 20));
  for (guint i = 0; p.items != NULL && i < p.items->len; i++)
    {
      LancerAiPortfolioItem *item = g_ptr_array_index (p.items, i);

      g_string_append_printf (out, "%s|%s\n", item->title, item->outcome);
    }
  g_clear_pointer (&p.items, g_ptr_array_unref);
  return g_string_free (out, FALSE);
}

static gboolean
portfolio_is (gpointer expected)
{
  g_autofree char *stored = stored_portfolio ();

  return g_str_equal (stored, expected);
}

/* Add an item, type it in, take it out: each step is what the profile
 * keeps, and the collapsed row reads as the item. */
static void
test_portfolio (void)
{
  GtkWindow *window = GTK_WINDOW (g_object_new (LANCER_TYPE_PREFERENCES_WINDOW,
                                                "profile-settings", lancer_session_get_settings (session),
                                                "session", session,
                                                NULL));
  GtkWidget *page, *row, *title_entry, *outcome_entry;

  gtk_window_set_default_size (window, 720, 900);
  g_assert_true (lancer_test_ui_show (window));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "ai");
  page = lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_AI_PREFERENCES_PAGE);
  g_assert_true (lancer_test_iterate_until (portfolio_is, (gpointer) "", 20));

  g_signal_emit_by_name (lancer_test_ui_find_button_by_tooltip (page, "Add a Portfolio Item"), "clicked");
  row = lancer_test_ui_find_type (page, LANCER_TYPE_PORTFOLIO_ROW);
  g_assert_nonnull (row);
  title_entry = lancer_test_ui_find_type (row, ADW_TYPE_ENTRY_ROW);
  outcome_entry = gtk_widget_get_next_sibling (title_entry);
  g_assert_true (ADW_IS_ENTRY_ROW (outcome_entry));
  gtk_editable_set_text (GTK_EDITABLE (title_entry), "Invoice automation for a logistics firm");
  gtk_editable_set_text (GTK_EDITABLE (outcome_entry), "cut invoice time by 60 %");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Invoice automation for a logistics firm");
  g_assert_true (lancer_test_iterate_until (portfolio_is,
                                            (gpointer) "Invoice automation for a logistics firm|cut invoice time by 60 %\n",
                                            20));
  lancer_test_ui_shoot (GTK_WIDGET (window), "ai-preferences-portfolio");

  g_signal_emit_by_name (lancer_test_ui_find_button (row, "_Remove"), "clicked");
  g_assert_null (lancer_test_ui_find_type (page, LANCER_TYPE_PORTFOLIO_ROW));
  g_assert_true (lancer_test_iterate_until (portfolio_is, (gpointer) "", 20));
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *base = NULL;
  g_autofree char *openai_url = NULL;
  SoupServer *server;
  GSList *uris;

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
  profile = lancer_profile_manager_create (manager, "Prefs", FALSE, &error);
  g_assert_no_error (error);
  session = lancer_session_new (manager, profile);
  lancer_session_open (session);
  g_assert_true (lancer_test_iterate_until (lancer_test_ui_session_ready, session, 20));
  g_assert_cmpint (lancer_session_get_state (session), ==, LANCER_SESSION_READY);
  g_settings_set_string (lancer_session_get_settings (session), "ai-writer-name", "Dana Kovalenko");
  g_settings_set_string (lancer_session_get_settings (session), "ai-writer-bio",
                         "Backend developer, eight years of Python and PostgreSQL.\nI ship in small, tested steps.");
  g_settings_set_string (lancer_session_get_settings (session), "ai-writer-skills", "Python, Django, PostgreSQL");

  g_test_add_func ("/ui/ai-preferences/key-and-models", test_key_and_models);
  g_test_add_func ("/ui/ai-preferences/portfolio", test_portfolio);
  return g_test_run ();
}
