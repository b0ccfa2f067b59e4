/* test-store-safety.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>

#include "lancer-store-private.h"   /* seeds the profile directly */
#include "lancer-store-audit-sink.h"
#include "store-test-util.h"

typedef struct
{
  char *root;
  LancerProfileManager *manager;
  LancerProfile *profile;
  char *db_path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->manager = store_test_manager (&f->root);
  f->profile = lancer_profile_manager_create (f->manager, "Safety", FALSE, &error);
  g_assert_no_error (error);
  f->db_path = lancer_profile_dup_db_path (f->profile);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->profile);
  g_clear_object (&f->manager);
  g_free (f->db_path);
  g_free (f->root);
}

static char *
backup_now (LancerStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *path;

  lancer_store_backup_async (store, NULL, store_test_result_cb, &result);
  path = lancer_store_backup_finish (store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

static LancerStore *
open_with_jobs (Fixture *f,
                guint    n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jobs = store_test_jobs (3, n);
  LancerStore *store = store_test_open (f->profile, &error);

  g_assert_no_error (error);
  g_assert_true (store_test_upsert (store, jobs, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static gpointer
count_in_worker (LancerStore   *store,
                 sqlite3       *db,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_atomic_int_set ((int *) data, TRUE);
  return g_strdup ("a result");
}

typedef struct
{
  gboolean  called;
  char     *result;
  GError   *error;
} Heard;

static void
heard_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Heard *heard = user_data;

  heard->called = TRUE;
  heard->result = lancer_store_run_finish (LANCER_STORE (source), result, &heard->error);
}

/* A page that goes away cancels what it asked for: even if the work had
 * finished by then, its callback hears "cancelled" and nothing else, so
 * it never touches the page. */
static void
test_cancelled_caller_hears_no_result (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(LancerStore) store = open_with_jobs (f, 10);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Heard heard = { 0 };
  int ran = FALSE;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  lancer_store_run_async (store, FALSE, NULL, count_in_worker, &ran, NULL, g_free,
                          cancellable, heard_cb, &heard);
  /* the worker finishes while the main loop is busy elsewhere */
  while (!g_atomic_int_get (&ran) && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  g_assert_true (g_atomic_int_get (&ran));
  g_usleep (50 * 1000);
  g_cancellable_cancel (cancellable);
  while (!heard.called)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (heard.result);
  g_assert_error (heard.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&heard.error);
}

static void
test_truncated_restores_backup (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(LancerStore) store = open_with_jobs (f, 1000);
  g_autoptr(GPtrArray) more = store_test_jobs (4, 10);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = backup_now (store);
  g_autofree char *wal = g_strconcat (f->db_path, "-wal", NULL);
  GStatBuf st;

  g_assert_true (store_test_upsert (store, more, NULL, &error));
  store_test_close (&store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Cut the file in half, mid-page. */
  g_assert_cmpint (g_stat (f->db_path, &st), ==, 0);
  g_assert_cmpint (truncate (f->db_path, st.st_size / 2 + 100), ==, 0);

  store = store_test_open (f->profile, &error);
  g_assert_no_error (error);
  g_assert_true (lancer_store_get_open_flags (store) & LANCER_STORE_OPEN_RESTORED_BACKUP);
  g_assert_nonnull (lancer_store_get_open_message (store));
  g_test_message ("%s", lancer_store_get_open_message (store));
  g_assert_cmpint (store_test_count (store, NULL), ==, 1000);
  store_test_close (&store);
}

static void
test_not_sqlite_starts_fresh (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(LancerStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (f->db_path);
  g_autoptr(GString) junk = g_string_new (NULL);
  g_autoptr(GDir) d = NULL;
  const char *name;
  gboolean aside = FALSE;

  for (int i = 0; i < 500; i++)
    g_string_append (junk, "This is a text file, not a database. ");
  g_assert_true (g_file_set_contents (f->db_path, junk->str, junk->len, NULL));

  store = store_test_open (f->profile, &error);
  g_assert_no_error (error);
  g_assert_true (lancer_store_get_open_flags (store) & LANCER_STORE_OPEN_STARTED_FRESH);
  g_assert_nonnull (lancer_store_get_open_message (store));
  g_assert_cmpint (store_test_count (store, NULL), ==, 0);
  store_test_close (&store);

  /* The broken file was kept for the user, not deleted. */
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "lancer.db.broken-"))
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_autoptr(GBytes) bytes = lancer_test_read_file (p);
        aside |= lancer_test_bytes_contain (bytes, "not a database");
      }
  g_assert_true (aside);
}

static gpointer
page_count_worker (LancerStore   *store,
                   sqlite3       *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  gsize n = 0;

  sqlite3_prepare_v2 (db, "PRAGMA page_count", -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return GSIZE_TO_POINTER (n);
}

static void
read_only_notified_cb (GObject    *object,
                       GParamSpec *pspec,
                       gpointer    user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LancerStore) store = open_with_jobs (f, 200);
  g_autoptr(GPtrArray) big = store_test_jobs (5, 3000);
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pragma = NULL;
  gboolean notified = FALSE;
  gsize pages;
  guint n_new = 99;

  pages = GPOINTER_TO_SIZE (store_test_run (store, FALSE, page_count_worker, NULL, &error));
  g_assert_cmpuint (pages, >, 0);
  /* A "disk" with room for a few more pages only. */
  pragma = g_strdup_printf ("PRAGMA max_page_count = %" G_GSIZE_FORMAT, pages + 5);
  store_test_run (store, FALSE, store_test_exec_worker, pragma, &error);
  g_assert_no_error (error);

  g_signal_connect (store, "notify::read-only", G_CALLBACK (read_only_notified_cb), &notified);
  g_assert_false (store_test_upsert (store, big, &n_new, &error));
  g_assert_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_DISK_FULL);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* No partial write: none of the 3000 made it. */
  g_assert_cmpint (store_test_count (store, NULL), ==, 200);

  /* Read-only from now on, reads keep working. */
  g_assert_true (lancer_test_wait_flag (&notified, 10));
  g_assert_true (lancer_store_get_read_only (store));
  g_assert_nonnull (lancer_store_get_problem_message (store));
  got = store_test_query (store, NULL, 0, 10);
  g_assert_cmpuint (got->len, ==, 10);
  lancer_store_set_job_flag_async (store, lancer_job_get_id (got->pdata[0]), LANCER_JOB_FLAG_SAVED, TRUE,
                                   NULL, store_test_result_cb, &result);
  g_assert_false (lancer_store_set_job_flag_finish (store, store_test_wait (&result), &error));
  g_assert_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_READ_ONLY);
  g_clear_object (&result);

  g_signal_handlers_disconnect_by_data (store, &notified);
  store_test_close (&store);
}

static guint
count_backups (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    n += g_str_has_suffix (name, ".db");
  return n;
}

static void
test_backups_rotate (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LancerStore) store = open_with_jobs (f, 50);
  g_autofree char *dir = lancer_profile_dup_backups_dir (f->profile);
  g_autofree char *newest = NULL;
  GStatBuf st;

  for (int i = 0; i < 9; i++)
    {
      g_free (newest);
      newest = backup_now (store);
    }
  g_assert_cmpuint (count_backups (dir), ==, 7);
  g_assert_true (g_file_test (newest, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (newest, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (f->db_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  store_test_close (&store);
}

static gpointer
mark_analysed (LancerStore   *store,
               sqlite3       *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  lancer_store_exec (db,
                     "INSERT INTO ai_analyses (job_id, created_at) VALUES ('old-analysed', 1);"
                     "INSERT INTO job_scores (job_rid, kind, score, created_at)"
                     "  SELECT rid, 'ai', 0.9, 1 FROM jobs WHERE id = 'old-ai-scored';"
                     "INSERT INTO job_scores (job_rid, kind, score, created_at)"
                     "  SELECT rid, 'local', 0.9, 1 FROM jobs WHERE id = 'old-local-scored';",
                     error);
  return NULL;
}

static void
test_retention (Fixture       *f,
                gconstpointer  data)
{
  const char *ids[] = { "old-plain", "old-saved", "old-analysed", "old-ai-scored",
                        "old-local-scored", "old-proposed", "fresh" };
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LancerStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GSettings) settings = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  store = store_test_open (f->profile, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      LancerJob *job = lancer_job_new (ids[i]);
      lancer_job_set_title (job, ids[i]);
      lancer_job_set_posted_at (job, now - 30 * 3600);
      lancer_job_set_fetched_at (job, g_str_equal (ids[i], "fresh") ? now - 2 * 3600 : now - 25 * 3600);
      g_ptr_array_add (page, job);
    }
  g_assert_true (store_test_upsert (store, page, NULL, &error));

  lancer_store_set_job_flag_async (store, "old-saved", LANCER_JOB_FLAG_SAVED, TRUE, NULL, store_test_result_cb, &result);
  g_assert_true (lancer_store_set_job_flag_finish (store, store_test_wait (&result), &error));
  g_clear_object (&result);
  lancer_store_save_proposal_draft_async (store, 0, "old-proposed", "Hello", NULL, store_test_result_cb, &result);
  g_assert_cmpint (lancer_store_save_proposal_draft_finish (store, store_test_wait (&result), &error), >, 0);
  g_clear_object (&result);
  store_test_run (store, TRUE, mark_analysed, NULL, &error);
  g_assert_no_error (error);

  lancer_store_apply_retention_async (store, NULL, store_test_result_cb, &result);
  g_assert_cmpint (lancer_store_apply_retention_finish (store, store_test_wait (&result), &error), ==, 2);
  g_assert_no_error (error);
  g_clear_object (&result);

  left = store_test_query (store, NULL, 0, 20);
  g_assert_cmpuint (left->len, ==, 5);
  for (guint i = 0; i < left->len; i++)
    {
      const char *id = lancer_job_get_id (left->pdata[i]);
      g_assert_cmpstr (id, !=, "old-plain");
      g_assert_cmpstr (id, !=, "old-local-scored");
    }
  store_test_close (&store);

  /* A shorter setting applies at the next open. */
  settings = lancer_profile_dup_settings (f->profile);
  g_assert_nonnull (settings);
  g_settings_set_uint (settings, "job-retention-hours", 1);
  store = store_test_open (f->profile, &error);
  g_assert_no_error (error);
  g_assert_cmpint (store_test_count (store, NULL), ==, 4);   /* "fresh" (2 h old) went too */
  store_test_close (&store);
  g_settings_reset (settings, "job-retention-hours");
}

static void
writer_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error);
  g_assert_no_error (error);
  (*(guint *) user_data)++;
}

static gboolean
two_done (gpointer data)
{
  return *(guint *) data == 2;
}

/* The app and lancer-cli write at once: WAL + busy timeout, nothing lost. */
static void
test_two_processes (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *helper = g_build_filename (g_getenv ("LANCER_BUILD_DIR"), "tests", "store", "store-writer", NULL);
  g_autoptr(LancerStore) store = NULL;
  g_autoptr(GSubprocess) p1 = NULL;
  g_autoptr(GSubprocess) p2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSandboxData) gen = lancer_sandbox_data_new (99);
  guint done = 0;

  store = store_test_open (f->profile, &error);
  g_assert_no_error (error);

  p1 = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, helper, f->root,
                         lancer_profile_get_id (f->profile), "2000", "11", NULL);
  g_assert_no_error (error);
  p2 = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, helper, f->root,
                         lancer_profile_get_id (f->profile), "2000", "12", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (p1, NULL, writer_done_cb, &done);
  g_subprocess_wait_check_async (p2, NULL, writer_done_cb, &done);

  for (int i = 0; i < 20; i++)
    {
      g_autoptr(GPtrArray) page = lancer_sandbox_data_next_jobs (gen, 100, g_get_real_time () / G_USEC_PER_SEC, 3600);
      g_assert_true (store_test_upsert (store, page, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (lancer_test_iterate_until (two_done, &done, 60));
  g_assert_cmpint (store_test_count (store, NULL), ==, 6000);
  store_test_close (&store);
}

static void
assert_read_only_open (Fixture *f)
{
  g_autoptr(LancerStore) store = NULL;
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GPtrArray) more = store_test_jobs (9, 5);
  g_autoptr(GError) error = NULL;

  store = store_test_open (f->profile, &error);
  g_assert_no_error (error);
  g_assert_true (lancer_store_get_open_flags (store) & LANCER_STORE_OPEN_READ_ONLY);
  g_assert_true (lancer_store_get_read_only (store));
  g_assert_nonnull (lancer_store_get_problem_message (store));
  g_test_message ("%s", lancer_store_get_problem_message (store));

  /* Reads work, writes are refused with a clear error and change nothing. */
  g_assert_cmpint (store_test_count (store, NULL), ==, 20);
  got = store_test_query (store, NULL, 0, 5);
  g_assert_cmpuint (got->len, ==, 5);
  g_assert_false (store_test_upsert (store, more, NULL, &error));
  g_assert_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_READ_ONLY);
  g_assert_cmpint (store_test_count (store, NULL), ==, 20);
  store_test_close (&store);
}

static void
test_read_only_at_open (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LancerStore) store = open_with_jobs (f, 20);
  g_autofree char *dir = g_path_get_dirname (f->db_path);

  store_test_close (&store);

  if (geteuid () != 0)
    {
      /* Real read-only storage. */
      g_assert_cmpint (g_chmod (f->db_path, 0400), ==, 0);
      g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
      assert_read_only_open (f);
      g_chmod (dir, 0700);
      g_chmod (f->db_path, 0600);
    }
  else
    g_test_message ("Running as root, where chmod does not stop writes: "
                    "opening through SQLITE_OPEN_READONLY instead");

  /* The SQLITE_OPEN_READONLY path itself, as root or not. */
  _lancer_store_set_force_read_only (TRUE);
  assert_read_only_open (f);
  _lancer_store_set_force_read_only (FALSE);
}

static gpointer
rootpage_worker (LancerStore   *store,
                 sqlite3       *db,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  gsize page = 0;

  sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_schema WHERE name = 'scratch'", -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    page = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return GSIZE_TO_POINTER (page);
}

static void
test_deferred_check (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LancerStore) store = open_with_jobs (f, 20);
  g_autoptr(GError) error = NULL;
  g_autofree char *marker = g_strconcat (f->db_path, ".damaged", NULL);
  g_autofree char *backup = NULL;
  gboolean notified = FALSE;
  GStatBuf st;
  gsize page;
  FILE *file;

  /* Over 32 MB, so the check runs after the first page, not at open; a
   * table nothing reads at open gets a broken page. */
  store_test_run (store, TRUE, store_test_exec_worker,
                  "CREATE TABLE padding (x BLOB);"
                  "INSERT INTO padding VALUES (zeroblob(34 * 1024 * 1024));"
                  "CREATE TABLE scratch (x TEXT);"
                  "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)"
                  "  INSERT INTO scratch SELECT printf ('row %d', i) FROM n;", &error);
  g_assert_no_error (error);
  backup = backup_now (store);
  page = GPOINTER_TO_SIZE (store_test_run (store, FALSE, rootpage_worker, NULL, &error));
  g_assert_cmpuint (page, >, 1);
  store_test_close (&store);
  g_assert_cmpint (g_stat (f->db_path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 32 * 1024 * 1024);

  /* A leaf page with an impossible cell count and pointers. */
  file = g_fopen (f->db_path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (long) ((page - 1) * 4096 + 3), SEEK_SET), ==, 0);
  for (int i = 0; i < 64; i++)
    fputc (0xff, file);
  fclose (file);

  /* Opens at once, the first page is there, then the check finds the damage. */
  store = store_test_open (f->profile, &error);
  g_assert_no_error (error);
  g_assert_false (lancer_store_get_read_only (store));
  g_assert_cmpint (store_test_count (store, NULL), ==, 20);
  g_signal_connect (store, "notify::read-only", G_CALLBACK (read_only_notified_cb), &notified);
  g_assert_true (lancer_test_wait_flag (&notified, 15));
  g_assert_true (lancer_store_get_read_only (store));
  g_assert_nonnull (strstr (lancer_store_get_problem_message (store), "damage"));
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_signal_handlers_disconnect_by_data (store, &notified);
  store_test_close (&store);

  /* The next start restores the backup. */
  store = store_test_open (f->profile, &error);
  g_assert_no_error (error);
  g_assert_true (lancer_store_get_open_flags (store) & LANCER_STORE_OPEN_RESTORED_BACKUP);
  g_assert_false (lancer_store_get_read_only (store));
  g_assert_cmpint (store_test_count (store, NULL), ==, 20);
  store_test_close (&store);
}

static gpointer
append_from_thread (gpointer data)
{
  g_autoptr(LancerAuditEntry) entry = lancer_audit_entry_new (G_MAXINT64 / 2, LANCER_AUDIT_EXPORT,
                                                               "from-thread", NULL);

  return GINT_TO_POINTER (lancer_audit_sink_append (data, entry, NULL));
}

static void
test_audit_sink (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LancerStore) store = open_with_jobs (f, 1);
  g_autoptr(LancerStoreAuditSink) sink = lancer_store_audit_sink_new (store);
  g_autoptr(LancerAuditLog) log = lancer_audit_log_new (LANCER_AUDIT_SINK (sink));
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(LancerAuditEntry) entry = lancer_audit_entry_new (1000 + i, LANCER_AUDIT_SYNC, "jobs-synced",
                                                                   i == 1 ? NULL : "{\"jobs\":5}");
      g_assert_true (lancer_audit_sink_append (LANCER_AUDIT_SINK (sink), entry, &error));
      g_assert_no_error (error);
    }
  /* Through the log: scrubbed before it is stored. */
  g_assert_true (lancer_audit_log_record_full (log, LANCER_AUDIT_SIGN_IN, "signed-in",
                                               "{\"access_token\":\"abcdefghijklmnopqrstuvwxyz012345\"}", &error));
  g_assert_no_error (error);

  entries = lancer_audit_sink_list (LANCER_AUDIT_SINK (sink), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 4);
  {
    LancerAuditEntry *newest = entries->pdata[0];
    LancerAuditEntry *middle = entries->pdata[2];

    g_assert_cmpstr (lancer_audit_entry_get_category (newest), ==, LANCER_AUDIT_SIGN_IN);
    g_assert_null (strstr (lancer_audit_entry_get_detail (newest), "abcdefghijklmnopqrstuvwxyz012345"));
    g_assert_cmpint (lancer_audit_entry_get_time (middle), ==, 1001);
    g_assert_null (lancer_audit_entry_get_detail (middle));
    g_assert_cmpstr (lancer_audit_entry_get_detail (entries->pdata[3]), ==, "{\"jobs\":5}");
  }
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = lancer_audit_sink_list (LANCER_AUDIT_SINK (sink), 2, &error);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpint (lancer_audit_entry_get_time (entries->pdata[1]), ==, 1002);

  /* From another thread as well. */
  {
    GThread *thread = g_thread_new ("audit", append_from_thread, sink);

    g_assert_true (GPOINTER_TO_INT (g_thread_join (thread)));
    g_clear_pointer (&entries, g_ptr_array_unref);
    entries = lancer_audit_sink_list (LANCER_AUDIT_SINK (sink), 1, &error);
    g_assert_cmpstr (lancer_audit_entry_get_action (entries->pdata[0]), ==, "from-thread");
  }
  g_clear_object (&log);
  g_clear_object (&sink);
  store_test_close (&store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/safety/cancelled-caller-hears-no-result", test_cancelled_caller_hears_no_result);
  ADD ("/store/safety/read-only-at-open", test_read_only_at_open);
  ADD ("/store/safety/deferred-integrity-check", test_deferred_check);
  ADD ("/store/safety/audit-sink", test_audit_sink);
  ADD ("/store/safety/truncated-restores-backup", test_truncated_restores_backup);
  ADD ("/store/safety/not-sqlite-starts-fresh", test_not_sqlite_starts_fresh);
  ADD ("/store/safety/disk-full", test_disk_full);
  ADD ("/store/safety/backups-rotate", test_backups_rotate);
  ADD ("/store/safety/retention", test_retention);
  ADD ("/store/safety/two-processes", test_two_processes);
#undef ADD
  return g_test_run ();
}
