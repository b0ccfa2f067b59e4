/* lancer-store-private.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "lancer-job.h"
#include "lancer-store.h"
#include "lancer-upwork-parse.h"

G_BEGIN_DECLS

/* Internal to src/core/store and its tests. */

/* The one way SQL runs: on the store's worker thread, for the store's
 * own table files (and tests that seed a profile).
 * @func runs on the worker, never on the caller's thread. With @write, it
 * runs inside BEGIN IMMEDIATE … COMMIT (rolled back if it fails), is
 * refused while the store is read-only, and ::changed is emitted for
 * @changed_table afterwards. A NULL result with no error is a success. */
typedef gpointer (*LancerStoreWorkerFunc) (LancerStore   *self,
                                           sqlite3       *db,
                                           gpointer       data,
                                           GCancellable  *cancellable,
                                           GError       **error);

void        lancer_store_run_async               (LancerStore          *self,
                                                  gboolean              write,
                                                  const char           *changed_table,
                                                  LancerStoreWorkerFunc func,
                                                  gpointer              data,
                                                  GDestroyNotify        data_destroy,
                                                  GDestroyNotify        result_destroy,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gpointer    lancer_store_run_finish              (LancerStore          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* For worker functions: sealed (encrypted) columns. @context names the
 * column ("stories.body"). Binding fails with LANCER_STORE_ERROR_LOCKED
 * when there is no key; unsealing fails the same way and never returns
 * garbage. A NULL column unseals to NULL with no error. */
gboolean    lancer_store_bind_sealed             (LancerStore          *self,
                                                  sqlite3_stmt         *stmt,
                                                  int                   index,
                                                  const char           *text,
                                                  const char           *context,
                                                  GError              **error);
char       *lancer_store_column_unseal           (LancerStore          *self,
                                                  sqlite3_stmt         *stmt,
                                                  int                   column,
                                                  const char           *context,
                                                  GError              **error);
/* For worker functions: a SQLite failure as a LancerStoreError. */
void        lancer_store_propagate_sqlite_error  (GError              **error,
                                                  sqlite3              *db,
                                                  int                   rc);


#define LANCER_STORE_SCHEMA_VERSION 6

/* Migrates @db from @from to @to (forward only) in one transaction. */
gboolean   lancer_store_schema_migrate      (sqlite3     *db,
                                             int          from,
                                             int          to,
                                             GError     **error);
int        lancer_store_schema_get_version  (sqlite3     *db,
                                             GError     **error);

/* Maps a SQLite failure to LANCER_STORE_ERROR with a translated message. */
void       lancer_store_set_sqlite_error    (GError    **error,
                                             sqlite3    *db,
                                             int         rc);
gboolean   lancer_store_exec                (sqlite3    *db,
                                             const char *sql,
                                             GError    **error);

/* Column list shared by every job query and _lancer_job_new_from_stmt(). */
#define LANCER_JOB_COLUMNS \
  "j.id, j.ciphertext, j.title, j.description, j.url, j.posted_at, j.fetched_at, " \
  "j.job_type, j.budget, j.hourly_min, j.hourly_max, j.currency, j.proposals, j.skills, " \
  "j.experience_level, j.category, j.duration, j.connects_required, j.client_id, j.client_country, " \
  "j.client_total_spent, j.client_hires, j.client_jobs_posted, j.client_hire_rate, " \
  "j.client_rating, j.client_payment_verified, j.seen, j.saved, j.hidden, j.acted_on"

LancerJob *_lancer_job_new_from_stmt        (sqlite3_stmt *stmt);

/* Statements finalize themselves when they go out of scope:
 *   g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare (db, sql, error); */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* What a user typed → a safe FTS5 query, or NULL when it has no word
 * (lancer-store-searches.c): the only FTS query builder. */
char      *_lancer_store_build_fts_query    (const char    *search);

/* Worker helpers (lancer-store-util.c). */
/* Prepares @sql on @db, or sets @error (translated) and returns NULL. */
sqlite3_stmt *_lancer_store_prepare          (sqlite3       *db,
                                             const char    *sql,
                                             GError       **error);
/* The same with ?1 bound to @text, which must outlive the statement
 * (the worker's own data does); NULL @text binds NULL. */
sqlite3_stmt *_lancer_store_prepare_text     (sqlite3       *db,
                                             const char    *sql,
                                             const char    *text,
                                             GError       **error);
/* Steps @stmt to completion (a write); FALSE with @error on failure. */
gboolean   _lancer_store_step_done          (sqlite3       *db,
                                             sqlite3_stmt  *stmt,
                                             GError       **error);
/* Steps @stmt once: 1 on a row, 0 past the last row, -1 on failure (@error set). */
int        _lancer_store_step_row           (sqlite3       *db,
                                             sqlite3_stmt  *stmt,
                                             GError       **error);
/* A gint64 worker result, and its _finish (0 on error). */
gpointer   _lancer_store_int64_result       (gint64         value);
gint64     _lancer_store_run_finish_int64   (LancerStore   *store,
                                             GAsyncResult  *result,
                                             GError       **error);
/* The id of the A/B variant (proposal_variants) named @name, created
 * when new; -1 with @error on failure. */
gint64     _lancer_store_variant_id         (sqlite3       *db,
                                             const char    *name,
                                             gint64         now,
                                             GError       **error);
char      *_lancer_store_dup_column          (sqlite3_stmt  *stmt,
                                             int            column);
/* A column's value, or @fallback when it is NULL: unknown is not zero. */
double     _lancer_store_column_double_or   (sqlite3_stmt  *stmt,
                                             int            column,
                                             double         fallback);
gint64     _lancer_store_column_int64_or    (sqlite3_stmt  *stmt,
                                             int            column,
                                             gint64         fallback);
/* NaN stands for "no value" in the objects, NULL in the tables. */
gboolean   _lancer_store_room_is_known        (sqlite3       *db,
                                              const char    *room_id,
                                              GError       **error);
void       _lancer_store_bind_double_or_null (sqlite3_stmt  *stmt,
                                             int            index,
                                             double         value);
void       _lancer_store_bind_text_or_null   (sqlite3_stmt  *stmt,
                                             int            index,
                                             const char    *text);
/* Marks job @job_id acted on, so retention keeps it (a proposal was
 * drafted or sent for it); FALSE with @error on failure. */
gboolean   _lancer_store_mark_acted_on       (sqlite3       *db,
                                              const char    *job_id,
                                              GError       **error);
/* Unix seconds; 0 or less stands for "unknown" (NULL). */
void       _lancer_store_bind_time_or_null   (sqlite3_stmt  *stmt,
                                             int            index,
                                             gint64         value);
gint64     _lancer_store_now_s              (void);
/* Adds member @name: @text, or null when @text is NULL. */
void       _lancer_store_json_add_text      (JsonBuilder   *builder,
                                             const char    *name,
                                             const char    *text);
/* Runs @sql with ?1 bound to @arg (may be NULL) and adds column 0 (text)
 * of every row to the set @into; FALSE with @error on failure. */
gboolean   _lancer_store_collect_set        (sqlite3       *db,
                                             const char    *sql,
                                             const char    *arg,
                                             GHashTable    *into,
                                             GError       **error);
/* Steps @stmt through its rows and hands each to @row; FALSE with @error
 * when a step or @row fails. */
typedef gboolean (*LancerStoreRowFunc) (LancerStore   *store,
                                        sqlite3_stmt  *stmt,
                                        gpointer       user_data,
                                        GError       **error);
gboolean   _lancer_store_each_row           (LancerStore         *store,
                                             sqlite3             *db,
                                             sqlite3_stmt        *stmt,
                                             LancerStoreRowFunc   row,
                                             gpointer             user_data,
                                             GError             **error);
/* Builds one item from the current row of @stmt; NULL with @error set
 * when the row cannot be read (a sealed column while locked). */
typedef gpointer (*LancerStoreRowNewFunc) (LancerStore   *store,
                                           sqlite3_stmt  *stmt,
                                           GError       **error);
/* Steps @stmt through its rows and returns the items @row_new builds,
 * freed with @item_free; NULL with @error when a step or a row fails. */
GPtrArray *_lancer_store_collect_rows       (LancerStore           *store,
                                             sqlite3               *db,
                                             sqlite3_stmt          *stmt,
                                             LancerStoreRowNewFunc  row_new,
                                             GDestroyNotify         item_free,
                                             GError               **error);
/* A JSON listing for lancer-cli: its query, with ?1 bound to the
 * caller's argument, and @row adding one row to the JsonBuilder. */
typedef struct
{
  const char          *sql;
  LancerStoreRowFunc   row;
} LancerStoreJsonListing;

/* Runs @listing on the worker; lancer_store_run_finish() returns the
 * JsonNode array, one element a row. */
void       _lancer_store_json_rows_async    (LancerStore                  *store,
                                             const LancerStoreJsonListing *listing,
                                             const char                   *arg,
                                             GCancellable                 *cancellable,
                                             GAsyncReadyCallback           callback,
                                             gpointer                      user_data);
/* Writes @items in one transaction with @func on the worker, then emits
 * ::changed for @table; lancer_store_write_finish() returns items->len. */
typedef gboolean (*LancerStoreRowsFunc) (LancerStore  *store,
                                         sqlite3      *db,
                                         GPtrArray    *items,
                                         GError      **error);
void       _lancer_store_write_rows_async   (LancerStore         *store,
                                             const char          *table,
                                             LancerStoreRowsFunc  func,
                                             GPtrArray           *items,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* Upserts @story, adding its room if unknown (lancer-store-rooms.c; the
 * outbox stores the story Upwork confirmed with it). */
gboolean   _lancer_store_upsert_story        (LancerStore        *store,
                                              sqlite3            *db,
                                              LancerUpworkStory  *story,
                                              GError            **error);
/* Finishes a lancer_store_run_async() whose worker returns nothing. */
gboolean   _lancer_store_run_finish_boolean (LancerStore   *store,
                                             GAsyncResult  *result,
                                             GError       **error);

/* Tests: open every database as if its storage were read-only (root can
 * write through chmod, so tests running as root use this instead). */
void       _lancer_store_set_force_read_only (gboolean force);

G_END_DECLS
