/* test-store-jobs.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include <math.h>

#include "lancer-sandbox-data.h"
#include "store-test-util.h"

typedef struct
{
  LancerProfileManager *manager;
  LancerProfile *profile;
  LancerStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->manager = store_test_manager (NULL);
  f->profile = lancer_profile_manager_create (f->manager, "Jobs", FALSE, &error);
  g_assert_no_error (error);
  f->store = store_test_open (f->profile, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  store_test_close (&f->store);
  g_clear_object (&f->profile);
  g_clear_object (&f->manager);
}

static LancerJob *
make_job (const char *id,
          const char *title,
          gint64      posted_at)
{
  LancerJob *job = lancer_job_new (id);
  g_autofree char *url = g_strdup_printf ("https://www.upwork.com/jobs/~01%s", id);

  lancer_job_set_title (job, title);
  lancer_job_set_url (job, url);
  lancer_job_set_posted_at (job, posted_at);
  return job;
}

static void
test_upsert_dedupe_and_order (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n_new = 0;
  LancerJob *dup;

  g_ptr_array_add (page, make_job ("1", "Old job", now - 300));
  g_ptr_array_add (page, make_job ("2", "Newest job", now - 10));
  g_ptr_array_add (page, make_job ("3", "Middle job", now - 100));
  /* The same job twice in one page: stored once, last copy wins. */
  dup = make_job ("1", "Old job, edited", now - 300);
  g_ptr_array_add (page, dup);

  g_assert_true (store_test_upsert (f->store, page, &n_new, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_new, ==, 3);
  g_assert_cmpint (store_test_count (f->store, NULL), ==, 3);

  got = store_test_query (f->store, NULL, 0, 10);
  g_assert_cmpuint (got->len, ==, 3);
  g_assert_cmpstr (lancer_job_get_id (got->pdata[0]), ==, "2");
  g_assert_cmpstr (lancer_job_get_id (got->pdata[1]), ==, "3");
  g_assert_cmpstr (lancer_job_get_id (got->pdata[2]), ==, "1");
  g_assert_cmpstr (lancer_job_get_title (got->pdata[2]), ==, "Old job, edited");
  g_clear_pointer (&got, g_ptr_array_unref);

  /* limit/offset */
  got = store_test_query (f->store, NULL, 1, 1);
  g_assert_cmpuint (got->len, ==, 1);
  g_assert_cmpstr (lancer_job_get_id (got->pdata[0]), ==, "3");
  g_clear_pointer (&got, g_ptr_array_unref);

  /* Re-syncing the same page adds nothing new. */
  g_assert_true (store_test_upsert (f->store, page, &n_new, &error));
  g_assert_cmpuint (n_new, ==, 0);
  g_assert_cmpint (store_test_count (f->store, NULL), ==, 3);
}

static void
test_fields_and_json (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LancerJob) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *skills[] = { "Python", "Web Scraping", NULL };
  LancerJob *job = make_job ("42", "Scrape prices", 1767225600); /* 2026-01-01T00:00:00Z */
  JsonObject *obj, *client;
  JsonArray *arr;

  lancer_job_set_ciphertext (job, "~01abc");
  lancer_job_set_job_type (job, LANCER_JOB_TYPE_HOURLY);
  lancer_job_set_hourly_min (job, 20);
  lancer_job_set_hourly_max (job, 45.5);
  lancer_job_set_proposals (job, 12);
  lancer_job_set_skills (job, skills);
  lancer_job_set_description (job, "Long text");
  lancer_job_set_client_country (job, "Germany");
  lancer_job_set_client_total_spent (job, 12500);
  lancer_job_set_client_hires (job, 7);
  lancer_job_set_client_jobs_posted (job, 10);
  lancer_job_set_client_hire_rate (job, 0.7);
  lancer_job_set_client_payment_verified (job, TRUE);
  g_ptr_array_add (page, job);
  g_assert_true (store_test_upsert (f->store, page, NULL, &error));

  lancer_store_get_job_async (f->store, "42", NULL, store_test_result_cb, &result);
  got = lancer_store_get_job_finish (f->store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_true (isnan (lancer_job_get_budget (got)));
  g_assert_true (isnan (lancer_job_get_client_rating (got)));
  g_assert_cmpfloat (lancer_job_get_hourly_max (got), ==, 45.5);

  node = lancer_job_to_json (got);
  obj = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (obj, "id"), ==, "42");
  g_assert_cmpstr (json_object_get_string_member (obj, "ciphertext"), ==, "~01abc");
  g_assert_cmpstr (json_object_get_string_member (obj, "title"), ==, "Scrape prices");
  g_assert_cmpstr (json_object_get_string_member (obj, "url"), ==, "https://www.upwork.com/jobs/~0142");
  g_assert_cmpstr (json_object_get_string_member (obj, "posted_at"), ==, "2026-01-01T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (obj, "job_type"), ==, "hourly");
  g_assert_true (json_object_get_null_member (obj, "budget"));
  g_assert_cmpfloat (json_object_get_double_member (obj, "hourly_min"), ==, 20);
  g_assert_cmpfloat (json_object_get_double_member (obj, "hourly_max"), ==, 45.5);
  g_assert_cmpstr (json_object_get_string_member (obj, "currency"), ==, "USD");
  g_assert_cmpint (json_object_get_int_member (obj, "proposals"), ==, 12);
  arr = json_object_get_array_member (obj, "skills");
  g_assert_cmpuint (json_array_get_length (arr), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (arr, 1), ==, "Web Scraping");
  client = json_object_get_object_member (obj, "client");
  g_assert_cmpstr (json_object_get_string_member (client, "country"), ==, "Germany");
  g_assert_cmpfloat (json_object_get_double_member (client, "total_spent"), ==, 12500);
  g_assert_cmpint (json_object_get_int_member (client, "hires"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (client, "jobs_posted"), ==, 10);
  g_assert_cmpfloat (json_object_get_double_member (client, "hire_rate"), ==, 0.7);
  g_assert_true (json_object_get_null_member (client, "rating"));
  g_assert_true (json_object_get_boolean_member (client, "payment_verified"));
  g_clear_object (&result);

  lancer_store_get_job_async (f->store, "nope", NULL, store_test_result_cb, &result);
  g_assert_null (lancer_store_get_job_finish (f->store, store_test_wait (&result), &error));
  g_assert_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_NOT_FOUND);
}

static void
test_search_and_flags (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  LancerJobQuery query = { 0 };
  LancerJob *j;

  j = make_job ("a", "Flutter developer for fitness app", now - 50);
  lancer_job_set_description (j, "Build screens in Dart.");
  g_ptr_array_add (page, j);
  j = make_job ("b", "Logo for a café", now - 40);
  lancer_job_set_description (j, "Modern branding; python not needed.");
  g_ptr_array_add (page, j);
  j = make_job ("c", "Python scraper", now - 30);
  {
    const char *skills[] = { "Python", "Scrapy", NULL };
    lancer_job_set_skills (j, skills);
  }
  g_ptr_array_add (page, j);
  g_assert_true (store_test_upsert (f->store, page, NULL, &error));

  /* Diacritics folded, prefix on the last word, quotes are harmless. */
  got = store_test_query (f->store, "cafe", 0, 10);
  g_assert_cmpuint (got->len, ==, 1);
  g_clear_pointer (&got, g_ptr_array_unref);
  got = store_test_query (f->store, "flut", 0, 10);
  g_assert_cmpuint (got->len, ==, 1);
  g_clear_pointer (&got, g_ptr_array_unref);
  got = store_test_query (f->store, "\"python\" OR NEAR(", 0, 10);
  g_assert_cmpuint (got->len, ==, 0);
  g_clear_pointer (&got, g_ptr_array_unref);

  /* bm25: a title match outranks a description match. */
  query.search = "python";
  query.sort = LANCER_JOB_SORT_RELEVANCE;
  lancer_store_query_jobs_async (f->store, &query, 0, 10, NULL, store_test_result_cb, &result);
  got = lancer_store_query_jobs_finish (f->store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 2);
  g_assert_cmpstr (lancer_job_get_id (got->pdata[0]), ==, "c");
  g_clear_pointer (&got, g_ptr_array_unref);
  g_clear_object (&result);

  /* Flags */
  lancer_store_set_job_flag_async (f->store, "a", LANCER_JOB_FLAG_HIDDEN, TRUE, NULL, store_test_result_cb, &result);
  g_assert_true (lancer_store_set_job_flag_finish (f->store, store_test_wait (&result), &error));
  g_clear_object (&result);
  lancer_store_set_job_flag_async (f->store, "b", LANCER_JOB_FLAG_SAVED, TRUE, NULL, store_test_result_cb, &result);
  g_assert_true (lancer_store_set_job_flag_finish (f->store, store_test_wait (&result), &error));
  g_clear_object (&result);
  lancer_store_set_job_flag_async (f->store, "c", LANCER_JOB_FLAG_SEEN, TRUE, NULL, store_test_result_cb, &result);
  g_assert_true (lancer_store_set_job_flag_finish (f->store, store_test_wait (&result), &error));
  g_clear_object (&result);
  lancer_store_set_job_flag_async (f->store, "zzz", LANCER_JOB_FLAG_SEEN, TRUE, NULL, store_test_result_cb, &result);
  g_assert_false (lancer_store_set_job_flag_finish (f->store, store_test_wait (&result), &error));
  g_assert_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  g_assert_cmpint (store_test_count (f->store, NULL), ==, 2);   /* hidden one left out */
  memset (&query, 0, sizeof query);
  query.saved_only = TRUE;
  lancer_store_query_jobs_async (f->store, &query, 0, 10, NULL, store_test_result_cb, &result);
  got = lancer_store_query_jobs_finish (f->store, store_test_wait (&result), &error);
  g_assert_cmpuint (got->len, ==, 1);
  g_assert_true (lancer_job_get_saved (got->pdata[0]));
  g_clear_pointer (&got, g_ptr_array_unref);

  /* A re-sync keeps the user's flags. */
  g_assert_true (store_test_upsert (f->store, page, NULL, &error));
  got = store_test_query (f->store, NULL, 0, 10);
  g_assert_cmpstr (lancer_job_get_id (got->pdata[0]), ==, "c");
  g_assert_true (lancer_job_get_seen (got->pdata[0]));
}

static gpointer
add_saved_search (LancerStore   *store,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  lancer_store_exec (db,
                     "INSERT INTO saved_searches (name, query, created_at) VALUES ('Flutter', 'flutter', 0);"
                     "INSERT INTO job_matches (search_id, job_rid, matched_at)"
                     "  SELECT s.id, j.rid, 0 FROM saved_searches s, jobs j WHERE j.id IN ('x1', 'x3');",
                     error);
  return NULL;
}

static void
test_saved_search_filter (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LancerJobQuery query = { .saved_search = "flutter" };

  for (int i = 1; i <= 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("x%d", i);
      g_ptr_array_add (page, make_job (id, "Job", 1000 + i));
    }
  g_assert_true (store_test_upsert (f->store, page, NULL, &error));
  store_test_run (f->store, TRUE, add_saved_search, NULL, &error);
  g_assert_no_error (error);

  lancer_store_query_jobs_async (f->store, &query, 0, 10, NULL, store_test_result_cb, &result);
  got = lancer_store_query_jobs_finish (f->store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 2);
  g_assert_cmpstr (lancer_job_get_id (got->pdata[0]), ==, "x3");
}

typedef struct
{
  const char *fts;
  guint offset;
  guint limit;
  GPtrArray *ids;
  gint64 count;
} Reference;

/* The plain SQL the search engine must agree with. */
static gpointer
reference_worker (LancerStore   *store,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Reference *ref = data;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM jobs WHERE hidden = 0 AND rid IN"
                                           " (SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?1)"
                                           " ORDER BY posted_at DESC, rid DESC", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, ref->fts, -1, SQLITE_STATIC);
  ref->count = 0;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (ref->count >= ref->offset && ref->ids->len < ref->limit)
        g_ptr_array_add (ref->ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      ref->count++;
    }
  sqlite3_finalize (stmt);
  return NULL;
}

static void
assert_search_matches_sql (LancerStore *store,
                           const char  *search,
                           const char  *fts,
                           guint        offset,
                           guint        limit)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GError) error = NULL;
  Reference ref = { fts, offset, limit, ids, 0 };

  store_test_run (store, FALSE, reference_worker, &ref, &error);
  g_assert_no_error (error);
  got = store_test_query (store, search, offset, limit);
  g_assert_cmpint (store_test_count (store, search), ==, ref.count);
  g_assert_cmpuint (got->len, ==, ids->len);
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpstr (lancer_job_get_id (got->pdata[i]), ==, ids->pdata[i]);
}

static gpointer
check_index_worker (LancerStore   *store,
                    sqlite3       *db,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  sqlite3_stmt *stmt = NULL;

  /* The batch marker never outlives its transaction … */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM meta WHERE key = 'fts_batch'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  /* … and the index holds exactly the table. */
  g_assert_true (lancer_store_exec (db, "INSERT INTO jobs_fts (jobs_fts, rank) VALUES ('integrity-check', 1)", error));
  return NULL;
}

static void
test_search_engine (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LancerSandboxData) gen = lancer_sandbox_data_new (7);
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  static const struct { const char *search, *fts; } searches[] = {
    { "react", "\"react\"*" },                        /* many matches: walks the index */
    { "logo design", "\"logo\"* \"design\"*" },
    { "kubernetes mig", "\"kubernetes\"* \"mig\"*" },  /* few: sorts the matches */
    { "banana", "\"banana\"*" },
    { "nothing-like-this", "\"nothing-like-this\"*" },
  };
  static const guint offsets[] = { 0, 10, 50, 400 };

  for (guint b = 0; b < 3; b++)
    {
      g_autoptr(GPtrArray) batch = lancer_sandbox_data_next_jobs (gen, 700, now, 23 * 3600);
      guint n_new = 0;

      g_assert_true (store_test_upsert (f->store, batch, &n_new, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_new, ==, 700);
    }
  store_test_run (f->store, FALSE, check_index_worker, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    for (guint o = 0; o < G_N_ELEMENTS (offsets); o++)
      assert_search_matches_sql (f->store, searches[i].search, searches[i].fts, offsets[o], 50);

  /* Hidden jobs, a writer that bypasses the store's ingest (the trigger
   * indexes it), and a re-sync that changes a text all show at once. */
  {
    g_autoptr(GPtrArray) got = store_test_query (f->store, "react", 0, 3);
    g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GAsyncResult) result = NULL;
    gint64 before = store_test_count (f->store, "react");
    LancerJob *changed;

    lancer_store_set_job_flag_async (f->store, lancer_job_get_id (got->pdata[0]), LANCER_JOB_FLAG_HIDDEN,
                                     TRUE, NULL, store_test_result_cb, &result);
    g_assert_true (lancer_store_set_job_flag_finish (f->store, store_test_wait (&result), &error));
    g_assert_cmpint (store_test_count (f->store, "react"), ==, before - 1);
    assert_search_matches_sql (f->store, "react", "\"react\"*", 0, 50);

    store_test_run (f->store, TRUE, store_test_exec_worker,
                    "INSERT INTO jobs (id, title, posted_at, fetched_at, updated_at)"
                    " VALUES ('direct', 'Zyzzyva react widget', 1, 1, 1)", &error);
    g_assert_no_error (error);
    g_assert_cmpint (store_test_count (f->store, "zyzzyva"), ==, 1);
    g_assert_cmpint (store_test_count (f->store, "react"), ==, before);

    changed = make_job (lancer_job_get_id (got->pdata[1]), "Quokka wrangler", now);
    g_ptr_array_add (again, changed);
    g_assert_true (store_test_upsert (f->store, again, NULL, &error));
    g_assert_cmpint (store_test_count (f->store, "quokka"), ==, 1);
    assert_search_matches_sql (f->store, "react", "\"react\"*", 0, 50);
    store_test_run (f->store, FALSE, check_index_worker, NULL, &error);
    g_assert_no_error (error);
  }
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (goffset) st.st_size : 0;
}

static gboolean
database_file_grew (gpointer data)
{
  gpointer *args = data;

  return file_size (args[0]) > (goffset) GPOINTER_TO_SIZE (args[1]);
}

/* Checkpoints run beside the writer: while the profile stays open, what
 * a bulk ingest wrote reaches the database file itself (the WAL does not
 * just keep growing), and after closing, the profile is one file again
 * holding every job. */
static void
test_checkpoints (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = lancer_profile_dup_db_path (f->profile);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  goffset before = file_size (path);
  gpointer args[2] = { path, GSIZE_TO_POINTER ((gsize) before + 4 * 1024 * 1024) };

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GPtrArray) batch = store_test_jobs (100 + i, 2500);

      g_assert_true (store_test_upsert (f->store, batch, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (lancer_test_iterate_until (database_file_grew, args, 10));
  g_assert_cmpint (store_test_count (f->store, NULL), ==, 10000);

  store_test_close (&f->store);
  g_assert_cmpint (file_size (wal), ==, 0);
  f->store = store_test_open (f->profile, &error);
  g_assert_no_error (error);
  g_assert_cmpint (store_test_count (f->store, NULL), ==, 10000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/jobs/upsert-dedupe-order", test_upsert_dedupe_and_order);
  ADD ("/store/jobs/fields-and-json", test_fields_and_json);
  ADD ("/store/jobs/search-and-flags", test_search_and_flags);
  ADD ("/store/jobs/saved-search", test_saved_search_filter);
  ADD ("/store/jobs/search-engine", test_search_engine);
  ADD ("/store/jobs/checkpoints", test_checkpoints);
#undef ADD
  return g_test_run ();
}
