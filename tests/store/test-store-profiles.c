/* test-store-profiles.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "lancer-secrets.h"
#include "store-test-util.h"

static void
test_create_list_rename (void)
{
  g_autofree char *root = NULL;
  g_autoptr(LancerProfileManager) manager = store_test_manager (&root);
  g_autoptr(LancerProfileManager) other = NULL;
  g_autoptr(LancerProfile) work = NULL;
  g_autoptr(LancerProfile) home = NULL;
  g_autoptr(LancerProfile) found = NULL;
  g_autoptr(LancerProfile) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  GStatBuf st;

  g_assert_cmpuint (g_list_model_get_n_items (lancer_profile_manager_get_profiles (manager)), ==, 0);
  g_assert_null (lancer_profile_manager_dup_last_used (manager));

  work = lancer_profile_manager_create (manager, "Work", FALSE, &error);
  g_assert_no_error (error);
  home = lancer_profile_manager_create (manager, "  Home  ", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lancer_profile_get_display_name (home), ==, "Home");
  g_assert_true (lancer_profile_get_is_demo (home));
  g_assert_cmpstr (lancer_profile_get_id (work), !=, lancer_profile_get_id (home));

  /* Private folder */
  g_assert_cmpint (g_stat (lancer_profile_get_dir (work), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* Names are unique, case-insensitively; empty names are refused. */
  again = lancer_profile_manager_create (manager, "work", FALSE, &error);
  g_assert_error (error, LANCER_PROFILE_ERROR, LANCER_PROFILE_ERROR_EXISTS);
  g_assert_null (again);
  g_clear_error (&error);
  g_assert_null (lancer_profile_manager_create (manager, "   ", FALSE, &error));
  g_assert_error (error, LANCER_PROFILE_ERROR, LANCER_PROFILE_ERROR_INVALID_NAME);
  g_clear_error (&error);

  /* Another manager (another process) sees the same profiles from disk. */
  other = lancer_profile_manager_new (root);
  g_assert_cmpuint (g_list_model_get_n_items (lancer_profile_manager_get_profiles (other)), ==, 2);
  found = lancer_profile_manager_lookup (other, "HOME");
  g_assert_nonnull (found);
  g_assert_true (lancer_profile_get_is_demo (found));
  g_clear_object (&found);

  g_assert_true (lancer_profile_manager_rename (manager, work, "Agency", &error));
  g_assert_no_error (error);
  g_assert_false (lancer_profile_manager_rename (manager, work, "home", &error));
  g_assert_error (error, LANCER_PROFILE_ERROR, LANCER_PROFILE_ERROR_EXISTS);
  g_clear_error (&error);
  lancer_profile_manager_reload (other);
  found = lancer_profile_manager_lookup (other, "Agency");
  g_assert_nonnull (found);
  g_assert_cmpstr (lancer_profile_get_id (found), ==, lancer_profile_get_id (work));
  g_clear_object (&found);

  /* Last used survives a restart (a new manager). */
  lancer_profile_manager_set_last_used (manager, home);
  g_clear_object (&other);
  other = lancer_profile_manager_new (root);
  found = lancer_profile_manager_dup_last_used (other);
  g_assert_nonnull (found);
  g_assert_cmpstr (lancer_profile_get_id (found), ==, lancer_profile_get_id (home));

  db = lancer_profile_dup_db_path (work);
  g_assert_true (g_str_has_prefix (db, lancer_profile_get_dir (work)));
}

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static LancerProfile *
create_in_background (LancerProfileManager  *manager,
                      const char            *name,
                      gboolean               is_demo,
                      guint                 *changes,
                      GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  guint before = *changes;

  lancer_profile_manager_create_async (manager, name, is_demo, NULL, created_cb, &result);
  /* nothing changes before the caller hears back */
  g_assert_cmpuint (*changes, ==, before);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return lancer_profile_manager_create_finish (manager, result, error);
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *changes)
{
  (*changes)++;
}

/* The app's way: the folder is made on a worker thread, the list is
 * updated when the result comes back, and the name rules still hold,
 * also against a profile another process made meanwhile. */
static void
test_create_in_background (void)
{
  g_autofree char *root = NULL;
  g_autoptr(LancerProfileManager) manager = store_test_manager (&root);
  g_autoptr(LancerProfileManager) cli = NULL;
  GListModel *profiles = lancer_profile_manager_get_profiles (manager);
  g_autoptr(LancerProfile) demo = NULL;
  g_autoptr(LancerProfile) again = NULL;
  g_autoptr(LancerProfile) from_cli = NULL;
  g_autoptr(LancerProfile) clash = NULL;
  g_autoptr(LancerProfile) found = NULL;
  g_autoptr(GError) error = NULL;
  guint changes = 0;

  g_signal_connect (profiles, "items-changed", G_CALLBACK (count_changes_cb), &changes);
  demo = create_in_background (manager, " Demo ", TRUE, &changes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (demo);
  g_assert_cmpstr (lancer_profile_get_display_name (demo), ==, "Demo");
  g_assert_true (lancer_profile_get_is_demo (demo));
  g_assert_true (g_file_test (lancer_profile_get_dir (demo), G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, 1);
  found = lancer_profile_manager_lookup (manager, "demo");
  g_assert_true (found == demo);
  g_clear_object (&found);

  again = create_in_background (manager, "DEMO", FALSE, &changes, &error);
  g_assert_error (error, LANCER_PROFILE_ERROR, LANCER_PROFILE_ERROR_EXISTS);
  g_assert_null (again);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, 1);

  /* The CLI made "Work" behind the app's back: the app's list learns of
   * it with the next creation, and the name is taken. */
  cli = lancer_profile_manager_new (root);
  from_cli = lancer_profile_manager_create (cli, "Work", FALSE, &error);
  g_assert_no_error (error);
  clash = create_in_background (manager, "work", FALSE, &changes, &error);
  g_assert_error (error, LANCER_PROFILE_ERROR, LANCER_PROFILE_ERROR_EXISTS);
  g_assert_null (clash);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, 2);
  found = lancer_profile_manager_lookup (manager, "Work");
  g_assert_nonnull (found);
}

/* The app remembers the profile it opens without writing on the thread
 * that draws: the answer is known at once and on disk before the
 * manager goes away, the last choice winning. */
static void
test_remember_last_used (void)
{
  g_autofree char *root = NULL;
  g_autoptr(LancerProfileManager) manager = store_test_manager (&root);
  g_autoptr(LancerProfileManager) later = NULL;
  g_autoptr(LancerProfile) a = lancer_profile_manager_create (manager, "A", FALSE, NULL);
  g_autoptr(LancerProfile) b = lancer_profile_manager_create (manager, "B", FALSE, NULL);
  g_autoptr(LancerProfile) last = NULL;

  for (guint i = 0; i < 20; i++)
    lancer_profile_manager_remember_last_used (manager, i % 2 ? a : b);
  lancer_profile_manager_remember_last_used (manager, b);
  last = lancer_profile_manager_dup_last_used (manager);
  g_assert_true (last == b);
  g_clear_object (&last);
  g_clear_object (&manager);

  later = lancer_profile_manager_new (root);
  last = lancer_profile_manager_dup_last_used (later);
  g_assert_nonnull (last);
  g_assert_cmpstr (lancer_profile_get_id (last), ==, lancer_profile_get_id (b));
}

static void
test_ensure_default (void)
{
  g_autoptr(LancerProfileManager) manager = store_test_manager (NULL);
  g_autoptr(LancerProfile) first = NULL;
  g_autoptr(LancerProfile) second = NULL;
  g_autoptr(GError) error = NULL;

  first = lancer_profile_manager_ensure_default (manager, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  second = lancer_profile_manager_ensure_default (manager, &error);
  g_assert_cmpstr (lancer_profile_get_id (first), ==, lancer_profile_get_id (second));
  g_assert_cmpuint (g_list_model_get_n_items (lancer_profile_manager_get_profiles (manager)), ==, 1);
}

static gpointer
count_all_rows (LancerStore   *store,
                sqlite3       *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  gsize n = 0;

  sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM jobs) + (SELECT count(*) FROM proposals)", -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return GSIZE_TO_POINTER (n);
}

/* Nothing of one profile is visible from another: jobs, drafts, keyring
 * items, settings. */
static void
test_isolation_and_delete (void)
{
  g_autofree char *root = NULL;
  g_autoptr(LancerProfileManager) manager = store_test_manager (&root);
  g_autoptr(LancerProfile) a = lancer_profile_manager_create (manager, "A", FALSE, NULL);
  g_autoptr(LancerProfile) b = lancer_profile_manager_create (manager, "B", FALSE, NULL);
  g_autoptr(LancerStore) store_a = NULL;
  g_autoptr(LancerStore) store_b = NULL;
  g_autoptr(GPtrArray) jobs = store_test_jobs (1, 20);
  g_autoptr(GSettings) settings_a = NULL;
  g_autoptr(GSettings) settings_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *key_a = NULL;
  g_autofree char *key_b = NULL;
  g_autofree char *dir_a = NULL;

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  store_a = store_test_open (a, &error);
  g_assert_no_error (error);
  store_b = store_test_open (b, &error);
  g_assert_no_error (error);

  g_assert_true (store_test_upsert (store_a, jobs, NULL, &error));
  g_assert_no_error (error);
  lancer_store_save_proposal_draft_async (store_a, 0, lancer_job_get_id (jobs->pdata[0]),
                                          "Dear client", NULL, store_test_result_cb, &result);
  g_assert_cmpint (lancer_store_save_proposal_draft_finish (store_a, store_test_wait (&result), &error), >, 0);
  g_assert_no_error (error);
  g_clear_object (&result);   /* it holds the store */

  g_assert_cmpint (store_test_count (store_a, NULL), ==, 20);
  g_assert_cmpint (store_test_count (store_b, NULL), ==, 0);
  g_assert_cmpuint (GPOINTER_TO_SIZE (store_test_run (store_b, FALSE, count_all_rows, NULL, &error)), ==, 0);

  /* Own keyring items: each profile has its own database key. */
  key_a = lancer_secrets_lookup_sync (lancer_profile_get_id (a), LANCER_SECRET_DATABASE_KEY, NULL, &error);
  g_assert_no_error (error);
  key_b = lancer_secrets_lookup_sync (lancer_profile_get_id (b), LANCER_SECRET_DATABASE_KEY, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key_a);
  g_assert_nonnull (key_b);
  g_assert_cmpstr (key_a, !=, key_b);
  g_assert_true (lancer_secrets_store_sync (lancer_profile_get_id (a), LANCER_SECRET_OPENAI_API_KEY,
                                            "sk-profile-a", NULL, &error));
  secret = lancer_secrets_lookup_sync (lancer_profile_get_id (b), LANCER_SECRET_OPENAI_API_KEY, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (secret);

  /* Own settings */
  settings_a = lancer_profile_dup_settings (a);
  settings_b = lancer_profile_dup_settings (b);
  g_assert_nonnull (settings_a);
  g_settings_set_string (settings_a, "ai-model", "model-of-a");
  g_assert_cmpstr (g_settings_get_string (settings_b, "ai-model"), ==, "");

  /* Delete A: folder, keyring items and settings go; B is untouched. */
  dir_a = g_strdup (lancer_profile_get_dir (a));
  store_test_close (&store_a);
  g_assert_true (lancer_profile_manager_delete_sync (manager, a, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (dir_a, G_FILE_TEST_EXISTS));
  g_clear_pointer (&secret, g_free);
  secret = lancer_secrets_lookup_sync (lancer_profile_get_id (a), LANCER_SECRET_OPENAI_API_KEY, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (secret);
  secret = lancer_secrets_lookup_sync (lancer_profile_get_id (a), LANCER_SECRET_DATABASE_KEY, NULL, &error);
  g_assert_null (secret);
  {
    g_autofree char *model = g_settings_get_string (settings_a, "ai-model");
    g_assert_cmpstr (model, ==, "");
  }
  g_clear_pointer (&key_b, g_free);
  key_b = lancer_secrets_lookup_sync (lancer_profile_get_id (b), LANCER_SECRET_DATABASE_KEY, NULL, &error);
  g_assert_nonnull (key_b);
  g_assert_null (lancer_profile_manager_lookup (manager, "A"));
  g_assert_cmpuint (g_list_model_get_n_items (lancer_profile_manager_get_profiles (manager)), ==, 1);

  store_test_close (&store_b);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/profiles/create-list-rename", test_create_list_rename);
  g_test_add_func ("/store/profiles/ensure-default", test_ensure_default);
  g_test_add_func ("/store/profiles/create-in-background", test_create_in_background);
  g_test_add_func ("/store/profiles/remember-last-used", test_remember_last_used);
  g_test_add_func ("/store/profiles/isolation-and-delete", test_isolation_and_delete);
  return g_test_run ();
}
