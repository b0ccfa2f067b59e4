/* test-store-migrations.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "store-test-util.h"

/* Rows a database of each old version may hold. When you add schema
 * version N, add the rows version N-1 can hold here. */
static const char * const fixtures[LANCER_STORE_SCHEMA_VERSION + 1] = {
  [1] =
    "INSERT INTO jobs (id, ciphertext, title, description, url, posted_at, fetched_at, updated_at,"
    "  job_type, budget, skills, client_country, client_total_spent, client_hires, client_jobs_posted,"
    "  client_payment_verified, saved)"
    "  VALUES ('v1-job', '~01v1', 'Rust developer for CLI tool', 'Write a parser', 'https://x/v1',"
    "  strftime('%s','now'), strftime('%s','now'), strftime('%s','now'), 0, 500, 'Rust\nCLI',"
    "  'Canada', 1000, 2, 3, 1, 1);"
    "INSERT INTO saved_searches (name, query, created_at) VALUES ('Rust', 'rust', 1);"
    "INSERT INTO job_matches SELECT s.id, j.rid, 1 FROM saved_searches s, jobs j;"
    "INSERT INTO proposals (job_id, status, created_at, updated_at) VALUES ('v1-job', 'sent', 1, 1);"
    "INSERT INTO proposal_events (proposal_id, status, at) VALUES (1, 'sent', 1);"
    "INSERT INTO ai_calls (provider, model, purpose, tokens_in, tokens_out, cost, created_at)"
    "  VALUES ('openai', 'gpt-4o-mini', 'analysis', 1000, 200, 0.002, 1);"
    "INSERT INTO audit_log (at, actor, action) VALUES (1, 'app', 'login');"
    "INSERT INTO sync_state (resource, cursor) VALUES ('jobs', 'abc');",
  [2] =
    "INSERT INTO jobs (id, title, description, posted_at, fetched_at, updated_at, connects_required, hidden)"
    "  VALUES ('v2-job', 'Golang microservice', 'gRPC and Postgres', strftime('%s','now'),"
    "  strftime('%s','now'), strftime('%s','now'), 6, 0);"
    "INSERT INTO jobs (id, title, posted_at, fetched_at, updated_at, hidden)"
    "  VALUES ('v2-hidden', 'Golang hidden job', 1, strftime('%s','now'), 1, 1);",
  [3] =
    "INSERT INTO jobs (id, title, description, posted_at, fetched_at, updated_at)"
    "  VALUES ('v3-job', 'Kotlin Android app', 'Jetpack Compose screens', strftime('%s','now'),"
    "  strftime('%s','now'), strftime('%s','now'));",
  /* Before v5 the AI assistant made its tables on its first write. */
  [4] =
    "CREATE TABLE IF NOT EXISTS ai_portfolio (id INTEGER PRIMARY KEY, position INTEGER NOT NULL DEFAULT 0,"
    "  title TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '', outcome TEXT NOT NULL DEFAULT '');"
    "INSERT INTO ai_portfolio (position, title, description, outcome)"
    "  VALUES (0, 'Shop rewrite', 'Moved a shop to Rust', 'Twice as fast');",
  /* Before v6 the sync stored Upwork's own spellings. */
  [5] =
    "INSERT INTO proposals (upwork_id, job_id, status, created_at, updated_at, submitted_at)"
    "  VALUES ('1800000000000000001', 'v5-job', 'Offered', 1, 2, 1),"
    "         ('1800000000000000002', 'v5-job', 'Activated', 1, 2, 1),"
    "         ('1800000000000000003', 'v5-job', 'Accepted', 1, 2, 1),"
    "         ('1800000000000000004', 'v5-job', 'Mystery', 1, 2, 1);"
    "INSERT INTO proposal_events (proposal_id, status, at, source)"
    "  SELECT id, status, 2, 'sync' FROM proposals WHERE upwork_id IS NOT NULL;"
    "INSERT INTO transactions (id, kind, amount, currency, occurred_at) VALUES"
    "  ('700000000', 'Hourly', 200.0, 'USD', 1), ('700000001', 'Fixed Price', 215.0, 'USD', 1),"
    "  ('700000002', 'Service Fee', -22.0, 'USD', 1), ('700000003', 'Service Fee', 5.0, 'USD', 1),"
    "  ('700000004', 'Connects', -2.25, 'USD', 1), ('700000005', 'Withdrawal', -500.0, 'USD', 1),"
    "  ('700000006', 'Gift Card', 10.0, 'USD', 1);",
};

static char *
query_text (LancerProfile *profile,
            const char    *sql)
{
  g_autofree char *path = lancer_profile_dup_db_path (profile);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static gint64
count_table (LancerProfile *profile,
             const char    *table)
{
  g_autofree char *path = lancer_profile_dup_db_path (profile);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static gint64
fts_automerge (LancerProfile *profile)
{
  g_autofree char *path = lancer_profile_dup_db_path (profile);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "SELECT v FROM jobs_fts_config WHERE k = 'automerge'", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static LancerProfile *
new_profile (LancerProfileManager *manager,
             const char           *name)
{
  g_autoptr(GError) error = NULL;
  LancerProfile *profile = lancer_profile_manager_create (manager, name, FALSE, &error);

  g_assert_no_error (error);
  return profile;
}

static void
make_db (LancerProfile *profile,
         int            version,
         gboolean       with_data)
{
  g_autofree char *path = lancer_profile_dup_db_path (profile);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (lancer_store_schema_migrate (db, 0, version, &error));
  g_assert_no_error (error);
  for (int v = 1; with_data && v <= version && v < (int) G_N_ELEMENTS (fixtures); v++)
    if (fixtures[v] != NULL)
      {
        g_assert_true (lancer_store_exec (db, fixtures[v], &error));
        g_assert_no_error (error);
      }
  sqlite3_close (db);
}

static void
test_from_every_version (void)
{
  g_autoptr(LancerProfileManager) manager = store_test_manager (NULL);

  for (int v = 1; v < LANCER_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *name = g_strdup_printf ("v%d", v);
      g_autoptr(LancerProfile) profile = new_profile (manager, name);
      g_autoptr(LancerStore) store = NULL;
      g_autoptr(GPtrArray) jobs = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *note = NULL;
      LancerJobQuery query = { .saved_search = "rust" };

      g_test_message ("migrating from version %d", v);
      make_db (profile, v, TRUE);
      store = store_test_open (profile, &error);
      g_assert_no_error (error);
      g_assert_true (lancer_store_get_open_flags (store) & LANCER_STORE_OPEN_MIGRATED);

      /* The data survived and the new columns work. */
      lancer_store_query_jobs_async (store, &query, 0, 10, NULL, store_test_result_cb, &result);
      jobs = lancer_store_query_jobs_finish (store, store_test_wait (&result), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (jobs->len, ==, 1);
      g_assert_cmpstr (lancer_job_get_title (jobs->pdata[0]), ==, "Rust developer for CLI tool");
      g_assert_true (lancer_job_get_saved (jobs->pdata[0]));
      g_clear_object (&result);
      g_clear_pointer (&jobs, g_ptr_array_unref);
      jobs = store_test_query (store, "parser", 0, 10);
      g_assert_cmpuint (jobs->len, ==, 1);
      g_clear_pointer (&jobs, g_ptr_array_unref);
      if (v >= 2)
        {
          jobs = store_test_query (store, "golang", 0, 10);
          g_assert_cmpuint (jobs->len, ==, 1);
          g_assert_cmpstr (lancer_job_get_id (jobs->pdata[0]), ==, "v2-job");
          g_assert_cmpint (store_test_count (store, "golang"), ==, 1);
          g_clear_pointer (&jobs, g_ptr_array_unref);
        }
      if (v >= 3)
        {
          jobs = store_test_query (store, "kotlin", 0, 10);
          g_assert_cmpuint (jobs->len, ==, 1);
          g_assert_cmpstr (lancer_job_get_id (jobs->pdata[0]), ==, "v3-job");
          g_clear_pointer (&jobs, g_ptr_array_unref);
        }
      /* v4: the index merges segments eight at a time */
      g_assert_cmpint (fts_automerge (profile), ==, 8);
      /* v5: the AI and writing-time tables exist, and a portfolio an
       * earlier build saved is still there */
      g_assert_cmpint (count_table (profile, "ai_drafts"), ==, 0);
      g_assert_cmpint (count_table (profile, "proposal_writing_time"), ==, 0);
      g_assert_cmpint (count_table (profile, "ai_portfolio"), ==, v >= 4 ? 1 : 0);
      /* v6: Upwork's spellings became Lancer's, unknown ones stayed. */
      if (v >= 5)
        {
          g_autofree char *statuses = query_text (profile, "SELECT group_concat(status, ',') FROM"
                                                           " (SELECT status FROM proposals WHERE upwork_id IS NOT NULL"
                                                           "  ORDER BY upwork_id)");
          g_autofree char *events = query_text (profile, "SELECT group_concat(status, ',') FROM"
                                                         " (SELECT status FROM proposal_events WHERE source = 'sync'"
                                                         "  ORDER BY proposal_id)");
          g_autofree char *kinds = query_text (profile, "SELECT group_concat(kind, ',') FROM"
                                                        " (SELECT kind FROM transactions ORDER BY id)");

          g_assert_cmpstr (statuses, ==, "offer,interview,sent,Mystery");
          g_assert_cmpstr (events, ==, "offer,interview,sent,Mystery");
          g_assert_cmpstr (kinds, ==, "hourly,fixed,fee,fee-credit,connects,withdrawal,Gift Card");
        }

      /* New jobs after the migration are indexed (v3: batch indexing). */
      {
        g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
        LancerJob *job = lancer_job_new ("after-migration");
        guint n_new = 0;

        lancer_job_set_title (job, "Elixir Phoenix developer");
        lancer_job_set_posted_at (job, 5);
        g_ptr_array_add (batch, job);
        g_assert_true (store_test_upsert (store, batch, &n_new, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (n_new, ==, 1);
        g_assert_cmpint (store_test_count (store, "phoenix"), ==, 1);
        g_assert_cmpint (store_test_count (store, "parser"), ==, 1);
      }

      lancer_store_set_job_note_async (store, "v1-job", "call Tuesday", NULL, store_test_result_cb, &result);
      g_assert_true (lancer_store_set_job_note_finish (store, store_test_wait (&result), &error));
      g_assert_no_error (error);
      g_clear_object (&result);
      lancer_store_get_job_note_async (store, "v1-job", NULL, store_test_result_cb, &result);
      note = lancer_store_get_job_note_finish (store, store_test_wait (&result), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (note, ==, "call Tuesday");
      g_clear_object (&result);

      store_test_close (&store);
    }

  /* And an empty file counts as version 0. */
  {
    g_autoptr(LancerProfile) profile = new_profile (manager, "empty");
    g_autofree char *path = lancer_profile_dup_db_path (profile);
    g_autoptr(LancerStore) store = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (g_file_set_contents (path, "", 0, NULL));
    store = store_test_open (profile, &error);
    g_assert_no_error (error);
    g_assert_cmpint (store_test_count (store, NULL), ==, 0);
    store_test_close (&store);
  }
}

static void
test_newer_version_refused (void)
{
  g_autoptr(LancerProfileManager) manager = store_test_manager (NULL);
  g_autoptr(LancerProfile) profile = new_profile (manager, "future");
  g_autofree char *path = lancer_profile_dup_db_path (profile);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(LancerStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  make_db (profile, LANCER_STORE_SCHEMA_VERSION, TRUE);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (lancer_store_exec (db, "CREATE TABLE from_the_future (x); PRAGMA user_version = 99;", NULL));
  sqlite3_close (db);
  before = lancer_test_read_file (path);

  store = store_test_open (profile, &error);
  g_assert_null (store);
  g_assert_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_NEWER_VERSION);
  g_assert_nonnull (strstr (error->message, "newer version"));

  after = lancer_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/migrations/from-every-version", test_from_every_version);
  g_test_add_func ("/store/migrations/newer-version-refused", test_newer_version_refused);
  return g_test_run ();
}
