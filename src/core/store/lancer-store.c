/* lancer-store.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "lancer-crypto.h"
#include "lancer-format.h"
#include "lancer-store-checkpointer.h"
#include "lancer-store-private.h"
#include "lancer-thread.h"

/* One worker thread owns the sqlite3 connection (as Epiphany's history
 * service does). Callers queue operations; each runs on the worker and its
 * GTask completes on the caller's main context. The main thread never
 * touches SQLite. */

#define N_BACKUPS_KEPT      7
#define BACKUP_INTERVAL     (24 * G_TIME_SPAN_HOUR)
#define BUSY_TIMEOUT_MS     5000
#define KEYRING_TIMEOUT_S   10
#define PRIORITY_DEFAULT    0
#define PRIORITY_BACKGROUND 10
/* quick_check reads the whole file (~130 ms for 100k jobs); bigger
 * databases are checked right after opening instead of before. */
#define CHECK_AT_OPEN_MAX   (32 * 1024 * 1024)

/* The visible jobs matching one search, as a bitmap over rids. Built once
 * per search and data version on the worker, so the count and every page
 * of the job list read it instead of running the full-text match again. */
typedef struct
{
  char *fts;
  gint64 data_version;
  gint64 total_changes;
  guint8 *bits;
  gint64 n_bits;
  gint64 n_rows;         /* jobs in the table (max rid) */
  guint n_visible;
  GArray *sorted;        /* gint64 rids newest first, once needed */
} SearchCache;

static void
search_cache_free (SearchCache *cache)
{
  g_free (cache->fts);
  g_free (cache->bits);
  g_clear_pointer (&cache->sorted, g_array_unref);
  g_free (cache);
}

struct _LancerStore
{
  GObject parent_instance;

  LancerProfile *profile;
  char *profile_id;
  char *db_path;
  char *backups_dir;
  guint retention_hours;

  GMainContext *main_context;
  GThread *thread;
  GAsyncQueue *queue;
  guint64 next_seq;
  GSource *maintenance_source;
  GSource *check_source;

  /* Worker thread only. */
  sqlite3 *db;
  sqlite3_stmt *upsert_stmt;
  sqlite3_stmt *client_stmt;
  sqlite3_stmt *job_by_rid_stmt;
  sqlite3_stmt *posted_by_rid_stmt;
  SearchCache *search;
  LancerCrypto *crypto;
  LancerStoreCheckpointer *checkpointer;

  /* Written by the worker, read anywhere. */
  int read_only;
  int encryption_locked;
  guint job_rows_read;
  GMutex lock;
  char *problem_message;

  /* Written by the worker during open, read after open completes. */
  LancerStoreOpenFlags open_flags;
  char *open_message;
  gboolean keep_damaged;   /* a damaged file is reported, not recovered */
  gboolean deferred_check;
};

G_DEFINE_FINAL_TYPE (LancerStore, lancer_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (lancer-store-error-quark, lancer_store_error)

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_READ_ONLY,
  PROP_ENCRYPTION_LOCKED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  int priority;
  guint64 seq;
  gboolean quit;
  gboolean write;
  char *changed_table;
  LancerStoreWorkerFunc func;
  gpointer data;
  GDestroyNotify data_destroy;
  GDestroyNotify result_destroy;
  GTask *task;
  gpointer result;
  GError *error;
} StoreOp;

static void
store_op_free (StoreOp *op)
{
  if (op->data_destroy != NULL && op->data != NULL)
    op->data_destroy (op->data);
  if (op->result_destroy != NULL && op->result != NULL)
    op->result_destroy (op->result);
  g_clear_error (&op->error);
  g_clear_object (&op->task);
  g_free (op->changed_table);
  g_free (op);
}

static int
store_op_compare (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const StoreOp *oa = a;
  const StoreOp *ob = b;

  if (oa->priority != ob->priority)
    return oa->priority < ob->priority ? -1 : 1;
  return oa->seq < ob->seq ? -1 : (oa->seq > ob->seq ? 1 : 0);
}

/* Errors */

void
lancer_store_set_sqlite_error (GError  **error,
                               sqlite3  *db,
                               int       rc)
{
  const char *detail = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_DISK_FULL,
                   _("The disk is full, so nothing was saved. Free some space and restart Lancer; until then your data stays readable."));
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_READ_ONLY,
                   _("Lancer cannot write to its data folder, so nothing was saved. Check that the disk is writable and restart Lancer; until then your data stays readable."));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_CORRUPT,
                   _("The database is damaged (%s). Restart Lancer to restore the latest backup."), detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_BUSY,
                   _("The database is busy in another program, such as lancer-cli. Try again in a moment."));
      break;
    default:
      g_set_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_FAILED,
                   _("The database failed: %s"), detail);
      break;
    }
}

void
lancer_store_propagate_sqlite_error (GError  **error,
                                     sqlite3  *db,
                                     int       rc)
{
  lancer_store_set_sqlite_error (error, db, rc);
}

/* Main-context notifications from the worker */

typedef struct
{
  LancerStore *self;
  GParamSpec *pspec;
  char *table;
} Notify;

static gboolean
notify_in_main_cb (gpointer data)
{
  Notify *n = data;

  if (n->pspec != NULL)
    g_object_notify_by_pspec (G_OBJECT (n->self), n->pspec);
  if (n->table != NULL)
    g_signal_emit (n->self, signals[CHANGED], g_quark_from_string (n->table), n->table);
  g_object_unref (n->self);
  g_free (n->table);
  g_free (n);
  return G_SOURCE_REMOVE;
}

static void
notify_in_main (LancerStore *self,
                GParamSpec  *pspec,
                const char  *table)
{
  Notify *n = g_new0 (Notify, 1);

  n->self = g_object_ref (self);
  n->pspec = pspec;
  n->table = g_strdup (table);
  g_main_context_invoke_full (self->main_context, G_PRIORITY_DEFAULT, notify_in_main_cb, n, NULL);
}

static void
set_problem (LancerStore *self,
             const char  *message)
{
  g_mutex_lock (&self->lock);
  g_free (self->problem_message);
  self->problem_message = g_strdup (message);
  g_mutex_unlock (&self->lock);
}

static void
switch_to_read_only (LancerStore *self,
                     const char  *why)
{
  if (g_atomic_int_get (&self->read_only))
    return;
  g_message ("Store switched to read-only: %s", why);
  set_problem (self, why);
  g_atomic_int_set (&self->read_only, TRUE);
  notify_in_main (self, properties[PROP_READ_ONLY], NULL);
}

/* The worker */

static void
run_op (LancerStore *self,
        StoreOp     *op)
{
  GCancellable *cancellable = g_task_get_cancellable (op->task);

  if (g_cancellable_set_error_if_cancelled (cancellable, &op->error))
    return;

  if (!op->write)
    {
      op->result = op->func (self, self->db, op->data, cancellable, &op->error);
      return;
    }

  if (g_atomic_int_get (&self->read_only))
    {
      g_autofree char *why = NULL;

      g_mutex_lock (&self->lock);
      why = g_strdup (self->problem_message);
      g_mutex_unlock (&self->lock);
      g_set_error_literal (&op->error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_READ_ONLY,
                           why ? why : _("The database is read-only; nothing was saved."));
      return;
    }

  if (lancer_store_exec (self->db, "BEGIN IMMEDIATE", &op->error))
    {
      op->result = op->func (self, self->db, op->data, cancellable, &op->error);
      if (op->error == NULL)
        lancer_store_exec (self->db, "COMMIT", &op->error);
    }

  if (op->error != NULL)
    {
      /* All or nothing: a failed write leaves no trace. */
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      if (op->result != NULL && op->result_destroy != NULL)
        op->result_destroy (op->result);
      op->result = NULL;
      if (g_error_matches (op->error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_DISK_FULL) ||
          g_error_matches (op->error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_READ_ONLY))
        switch_to_read_only (self, op->error->message);
    }
}

static gboolean
complete_op_cb (gpointer data)
{
  StoreOp *op = data;
  LancerStore *self = g_task_get_source_object (op->task);

  if (op->error == NULL && op->changed_table != NULL)
    {
      if (g_task_get_context (op->task) == self->main_context)
        g_signal_emit (self, signals[CHANGED], g_quark_from_string (op->changed_table),
                       op->changed_table);
      else
        notify_in_main (self, NULL, op->changed_table);
    }

  if (op->error != NULL)
    g_task_return_error (op->task, g_steal_pointer (&op->error));
  else
    {
      g_task_return_pointer (op->task, op->result, op->result_destroy);
      op->result = NULL;
    }
  store_op_free (op);
  return G_SOURCE_REMOVE;
}

static void
close_connection (LancerStore *self)
{
  g_clear_pointer (&self->upsert_stmt, sqlite3_finalize);
  g_clear_pointer (&self->client_stmt, sqlite3_finalize);
  g_clear_pointer (&self->job_by_rid_stmt, sqlite3_finalize);
  g_clear_pointer (&self->posted_by_rid_stmt, sqlite3_finalize);
  g_clear_pointer (&self->search, search_cache_free);
  g_clear_pointer (&self->checkpointer, lancer_store_checkpointer_stop);
  if (self->db != NULL)
    {
      /* Fold the WAL back so a closed profile is a single file. */
      if (!g_atomic_int_get (&self->read_only))
        sqlite3_exec (self->db, "PRAGMA optimize", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
}

static gpointer
worker_thread (gpointer data)
{
  LancerStore *self = data;

  lancer_thread_run_in_background ();
  for (;;)
    {
      StoreOp *op = g_async_queue_pop (self->queue);

      if (op->quit)
        {
          store_op_free (op);
          break;
        }
      run_op (self, op);
      g_main_context_invoke_full (g_task_get_context (op->task), G_PRIORITY_DEFAULT,
                                  complete_op_cb, op, NULL);
    }

  close_connection (self);
  g_clear_pointer (&self->crypto, lancer_crypto_free);
  return NULL;
}

/* Queues @func for the worker; its GTask, tagged @source_tag, completes
 * on the caller's main context. */
static void
queue_op (LancerStore           *self,
          int                    priority,
          gboolean               write,
          const char            *changed_table,
          LancerStoreWorkerFunc  func,
          gpointer               data,
          GDestroyNotify         data_destroy,
          GDestroyNotify         result_destroy,
          gpointer               source_tag,
          GCancellable          *cancellable,
          GAsyncReadyCallback    callback,
          gpointer               user_data)
{
  StoreOp *op = g_new0 (StoreOp, 1);

  op->priority = priority;
  op->seq = self->next_seq++;
  op->write = write;
  op->changed_table = g_strdup (changed_table);
  op->func = func;
  op->data = data;
  op->data_destroy = data_destroy;
  op->result_destroy = result_destroy;
  op->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (op->task, source_tag);
  /* GTask's default, on purpose: once a caller cancels (a page being
   * disposed), its callback only ever sees G_IO_ERROR_CANCELLED, even when
   * the work had already finished, so it never touches a dead page. The
   * result is freed with its destroy notify. */
  g_async_queue_push_sorted (self->queue, op, store_op_compare, NULL);
}

void
lancer_store_run_async (LancerStore           *self,
                        gboolean               write,
                        const char            *changed_table,
                        LancerStoreWorkerFunc  func,
                        gpointer               data,
                        GDestroyNotify         data_destroy,
                        GDestroyNotify         result_destroy,
                        GCancellable          *cancellable,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  g_return_if_fail (LANCER_IS_STORE (self));
  g_return_if_fail (func != NULL);

  queue_op (self, PRIORITY_DEFAULT, write, changed_table, func, data, data_destroy, result_destroy,
            lancer_store_run_async, cancellable, callback, user_data);
}

gpointer
lancer_store_run_finish (LancerStore   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gssize
propagate_count (GAsyncResult  *result,
                 GError       **error)
{
  GError *local_error = NULL;
  gpointer p = g_task_propagate_pointer (G_TASK (result), &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return -1;
    }
  return (gssize) GPOINTER_TO_SIZE (p);
}

/* Sealed columns */

gboolean
lancer_store_bind_sealed (LancerStore   *self,
                          sqlite3_stmt  *stmt,
                          int            index,
                          const char    *text,
                          const char    *context,
                          GError       **error)
{
  g_autoptr(GBytes) sealed = NULL;
  gconstpointer data;
  gsize len;

  if (text == NULL)
    return sqlite3_bind_null (stmt, index) == SQLITE_OK;

  if (self->crypto == NULL)
    {
      g_autofree char *why = NULL;

      g_mutex_lock (&self->lock);
      why = g_strdup (self->problem_message);
      g_mutex_unlock (&self->lock);
      g_set_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_LOCKED,
                   _("Private text cannot be saved while encryption is locked. %s"), why ? why : "");
      return FALSE;
    }

  sealed = lancer_crypto_encrypt (self->crypto, text, -1, context);
  data = g_bytes_get_data (sealed, &len);
  return sqlite3_bind_blob (stmt, index, data, (int) len, SQLITE_TRANSIENT) == SQLITE_OK;
}

char *
lancer_store_column_unseal (LancerStore   *self,
                            sqlite3_stmt  *stmt,
                            int            column,
                            const char    *context,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *text;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  text = lancer_crypto_decrypt (self->crypto, sqlite3_column_blob (stmt, column),
                                sqlite3_column_bytes (stmt, column), context, &local_error);
  if (text == NULL)
    g_set_error_literal (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_LOCKED, local_error->message);
  return text;
}

/* Opening */

static gboolean
check_header (const char  *path,
              gboolean    *corrupt,
              GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  guint8 header[100];
  GStatBuf st;
  FILE *f;
  gsize n;
  guint page_size;
  guint32 page_count, change_counter, valid_for;

  if (g_stat (path, &st) != 0 || st.st_size == 0)
    return TRUE;   /* SQLite treats an empty file as a new database */

  f = g_fopen (path, "rb");
  if (f == NULL)
    return TRUE;   /* let sqlite3_open report it */
  n = fread (header, 1, sizeof header, f);
  fclose (f);

  if (n < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      *corrupt = TRUE;
      return FALSE;
    }

  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  page_count = GUINT32_FROM_BE (*(guint32 *) (gpointer) (header + 28));
  change_counter = GUINT32_FROM_BE (*(guint32 *) (gpointer) (header + 24));
  valid_for = GUINT32_FROM_BE (*(guint32 *) (gpointer) (header + 92));

  if (page_size < 512 || (page_size & (page_size - 1)) != 0 || st.st_size % page_size != 0)
    {
      *corrupt = TRUE;
      return FALSE;
    }
  /* Without a WAL the file must hold every page its header counts: a
   * shorter file was truncated (copy cut short, full disk, bad sync). */
  if (!g_file_test (wal, G_FILE_TEST_EXISTS) && change_counter == valid_for &&
      page_count > 0 && (goffset) page_count * page_size > (goffset) st.st_size)
    {
      *corrupt = TRUE;
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_quick_check (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare (db, "PRAGMA quick_check(1)", NULL);

  return stmt != NULL && _lancer_store_step_row (db, stmt, NULL) == 1 &&
         g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
}

static void
chmod_db_files (LancerStore *self)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (self->db_path, suffixes[i], NULL);
      g_chmod (p, 0600);
    }
}

static gboolean force_read_only;

void
_lancer_store_set_force_read_only (gboolean force)
{
  g_atomic_int_set (&force_read_only, force);
}

/* access() answers for this process, so it covers read-only mounts and
 * folders owned by someone else; root passes unless the mount is read-only. */
static gboolean
folder_is_writable (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);

  return g_access (dir, W_OK) == 0 && g_access (db_path, W_OK) == 0;
}

/* A WAL database in a folder Lancer cannot write: SQLite's plain read-only
 * mode still has to create the -shm file and fails, so even reading broke.
 * Try it first (it works while -shm exists), then "immutable", which reads
 * the main file with no locks and no shared memory. Nothing can write the
 * file meanwhile, since no one can write the folder. */
static int
open_read_only (LancerStore *self)
{
  static const char * const params[] = { "mode=ro", "mode=ro&immutable=1" };
  g_autofree char *escaped = g_uri_escape_string (self->db_path, "/", TRUE);
  int rc = SQLITE_CANTOPEN;

  for (guint i = 0; i < G_N_ELEMENTS (params); i++)
    {
      g_autofree char *uri = g_strdup_printf ("file:%s?%s", escaped, params[i]);

      rc = sqlite3_open_v2 (uri, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
      /* Damage is diagnosed (and reported as such) by the checks that follow. */
      if (rc == SQLITE_OK || (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
        return SQLITE_OK;
      g_debug ("Read-only open (%s) failed: %s", params[i], sqlite3_errstr (rc));
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  return rc;
}

static gboolean
open_connection (LancerStore  *self,
                 gboolean     *corrupt,
                 GError      **error)
{
  gboolean existed = g_file_test (self->db_path, G_FILE_TEST_EXISTS);
  int version;
  int rc;

  *corrupt = FALSE;
  if (existed && !check_header (self->db_path, corrupt, error))
    return FALSE;

  if (existed && (g_atomic_int_get (&force_read_only) || !folder_is_writable (self->db_path)))
    rc = SQLITE_READONLY;
  else
    rc = sqlite3_open_v2 (self->db_path, &self->db,
                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK && existed)
    {
      /* Read-only storage: keep serving what is there. */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
      rc = open_read_only (self);
      if (rc == SQLITE_OK)
        g_atomic_int_set (&self->read_only, TRUE);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_FAILED,
                   _("Could not open the database “%s”: %s"), self->db_path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  version = lancer_store_schema_get_version (self->db, error);
  if (version < 0)
    {
      if (error && *error && g_error_matches (*error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_CORRUPT))
        {
          g_clear_error (error);
          *corrupt = TRUE;
        }
      return FALSE;
    }

  if (version > LANCER_STORE_SCHEMA_VERSION)
    {
      /* Any damaged header can claim a big version: only a file that
       * checks out is a newer Lancer's. */
      if (!run_quick_check (self->db))
        {
          *corrupt = TRUE;
          return FALSE;
        }
      /* Touch nothing: a newer Lancer may still want this file. */
      g_set_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_NEWER_VERSION,
                   _("This profile was last used by a newer version of Lancer (database version %d, this version understands up to %d). Update Lancer to open it; the data was left untouched."),
                   version, LANCER_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  if (existed && version > 0)
    {
      g_autofree char *marker = g_strconcat (self->db_path, ".damaged", NULL);
      GStatBuf st;

      /* A background check of an earlier run found damage. */
      if (g_file_test (marker, G_FILE_TEST_EXISTS))
        {
          *corrupt = TRUE;
          return FALSE;
        }
      if (g_stat (self->db_path, &st) == 0 && st.st_size > CHECK_AT_OPEN_MAX)
        self->deferred_check = TRUE;
      else if (!run_quick_check (self->db))
        {
          *corrupt = TRUE;
          return FALSE;
        }
    }

  if (!g_atomic_int_get (&self->read_only))
    {
      if (!lancer_store_exec (self->db, "PRAGMA journal_mode = WAL", error))
        {
          if (!g_error_matches (*error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_READ_ONLY))
            return FALSE;
          g_clear_error (error);
          g_atomic_int_set (&self->read_only, TRUE);
        }
    }
  /* A 32 MiB page cache keeps index pages hot while a sync writes. */
  lancer_store_exec (self->db, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
                               " PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY;", NULL);

  if (version < LANCER_STORE_SCHEMA_VERSION)
    {
      if (g_atomic_int_get (&self->read_only))
        {
          g_set_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_READ_ONLY,
                       _("The profile’s database needs an update but its folder cannot be written. Check the disk and its permissions, then start Lancer again."));
          return FALSE;
        }
      if (!lancer_store_schema_migrate (self->db, version, LANCER_STORE_SCHEMA_VERSION, error))
        return FALSE;
      if (version > 0)
        self->open_flags |= LANCER_STORE_OPEN_MIGRATED;
    }

  if (g_atomic_int_get (&self->read_only))
    {
      const char *msg = _("Lancer cannot write to this profile’s folder, so it opened your data read-only and changes cannot be saved. Check the disk and the folder’s permissions, then restart Lancer.");
      self->open_flags |= LANCER_STORE_OPEN_READ_ONLY;
      set_problem (self, msg);
    }
  else
    {
      chmod_db_files (self);
      /* A WAL left this large by a bulk write is cut back once reused. */
      lancer_store_exec (self->db, "PRAGMA journal_size_limit = 67108864", NULL);
      self->checkpointer = lancer_store_checkpointer_start (self->db, self->db_path);
    }

  return TRUE;
}

static char *
timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *base = g_date_time_format (now, "%Y%m%d-%H%M%S");

  return g_strdup_printf ("%s-%06d", base, g_date_time_get_microsecond (now));
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  return -g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Backups named lancer-YYYYMMDD-HHMMSS-uuuuuu.db sort by age; newest first. */
static GPtrArray *
list_backups (LancerStore *self)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (self->backups_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "lancer-") && g_str_has_suffix (name, ".db"))
      g_ptr_array_add (found, g_build_filename (self->backups_dir, name, NULL));

  g_ptr_array_sort (found, compare_newest_first);
  return found;
}

static gboolean
backup_is_good (const char *path)
{
  sqlite3 *db = NULL;
  gboolean corrupt = FALSE;
  gboolean ok = FALSE;
  int version;

  if (!check_header (path, &corrupt, NULL))
    return FALSE;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
    {
      version = lancer_store_schema_get_version (db, NULL);
      ok = version > 0 && version <= LANCER_STORE_SCHEMA_VERSION && run_quick_check (db);
    }
  sqlite3_close_v2 (db);
  return ok;
}

static void
move_aside (const char *path,
            const char *stamp,
            char      **new_path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strdup_printf ("%s.broken-%s%s", path, stamp, suffixes[i]);

      if (g_rename (from, to) == 0 && i == 0 && new_path != NULL)
        *new_path = g_steal_pointer (&to);
    }
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dst = g_file_new_for_path (to);

  return g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error);
}

static void
recover_from_corruption (LancerStore *self)
{
  g_autoptr(GPtrArray) backups = list_backups (self);
  g_autofree char *stamp = timestamp_now ();
  g_autofree char *aside = NULL;

  g_message ("Database %s is damaged; recovering", self->db_path);
  move_aside (self->db_path, stamp, &aside);
  {
    g_autofree char *marker = g_strconcat (self->db_path, ".damaged", NULL);
    g_unlink (marker);
  }

  for (guint i = 0; i < backups->len; i++)
    {
      const char *backup = backups->pdata[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) when = NULL;
      g_autofree char *when_str = NULL;
      GStatBuf st;

      if (!backup_is_good (backup))
        continue;
      if (!copy_file (backup, self->db_path, &error))
        {
          g_warning ("Could not restore %s: %s", backup, error->message);
          continue;
        }
      g_chmod (self->db_path, 0600);
      if (g_stat (backup, &st) == 0)
        when = g_date_time_new_from_unix_local (st.st_mtime);
      when_str = when ? lancer_format_date_time (g_date_time_to_unix (when)) : g_strdup ("?");
      self->open_flags |= LANCER_STORE_OPEN_RESTORED_BACKUP;
      g_free (self->open_message);
      /* Translators: the first %s is a date and time, the second a file path */
      self->open_message = g_strdup_printf (_("The database was damaged, so Lancer restored the backup from %s and kept the damaged file as “%s”. Changes made after that were lost; a sync brings jobs and messages back."),
                                            when_str, aside ? aside : self->db_path);
      return;
    }

  self->open_flags |= LANCER_STORE_OPEN_STARTED_FRESH;
  g_free (self->open_message);
  /* Translators: %s is a file path */
  self->open_message = g_strdup_printf (_("The database was damaged and no good backup was found. Lancer moved it to “%s” and started with an empty one; a sync brings jobs and messages back."),
                                        aside ? aside : self->db_path);
}

/* The keyring call blocks; a keyring that never answers (a prompt nobody
 * sees) must not keep the profile from opening. */
typedef struct
{
  GMutex mutex;
  GCond cond;
  gboolean done;
  GCancellable *cancellable;
} KeyringTimer;

static gpointer
keyring_timer_thread (gpointer data)
{
  KeyringTimer *timer = data;
  gint64 deadline = g_get_monotonic_time () + KEYRING_TIMEOUT_S * G_TIME_SPAN_SECOND;

  g_mutex_lock (&timer->mutex);
  while (!timer->done)
    if (!g_cond_wait_until (&timer->cond, &timer->mutex, deadline))
      {
        g_cancellable_cancel (timer->cancellable);
        break;
      }
  g_mutex_unlock (&timer->mutex);
  return NULL;
}

static char *
meta_get (sqlite3    *db,
          const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare_text (db, "SELECT value FROM meta WHERE key = ?", key, NULL);

  if (stmt == NULL)
    return NULL;
  return _lancer_store_step_row (db, stmt, NULL) == 1 ? _lancer_store_dup_column (stmt, 0) : NULL;
}

static gboolean
meta_set (sqlite3    *db,
          const char *key,
          const char *value)
{
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return _lancer_store_step_done (db, stmt, NULL);
}

static void
load_key (LancerStore *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *stored_fp = meta_get (self->db, "key-fingerprint");
  g_autofree char *fp = NULL;
  KeyringTimer timer = { .cancellable = cancellable };
  GThread *timer_thread;
  LancerCrypto *crypto;

  g_mutex_init (&timer.mutex);
  g_cond_init (&timer.cond);
  timer_thread = g_thread_new ("lancer-keyring-timer", keyring_timer_thread, &timer);
  /* Only make a new key for a database that never had one: replacing a lost
   * key would make the old texts unreadable without saying so. */
  crypto = lancer_crypto_load_for_profile_sync (self->profile_id, stored_fp == NULL, cancellable, &error);
  g_mutex_lock (&timer.mutex);
  timer.done = TRUE;
  g_cond_signal (&timer.cond);
  g_mutex_unlock (&timer.mutex);
  g_thread_join (timer_thread);
  g_mutex_clear (&timer.mutex);
  g_cond_clear (&timer.cond);

  if (crypto != NULL)
    {
      fp = lancer_crypto_dup_fingerprint (crypto);
      if (stored_fp != NULL && !g_str_equal (fp, stored_fp))
        {
          lancer_crypto_free (crypto);
          crypto = NULL;
          g_set_error (&error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_LOCKED,
                       _("The database key in the keyring does not belong to this profile, so encrypted notes, proposals and messages stay locked. Restore the keyring from a backup to unlock them."));
        }
      else if (stored_fp == NULL && !g_atomic_int_get (&self->read_only))
        meta_set (self->db, "key-fingerprint", fp);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&error);
      g_set_error (&error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_LOCKED,
                   _("The keyring did not answer, so encrypted notes, proposals and messages are locked. Unlock the keyring and restart Lancer."));
    }

  self->crypto = crypto;
  if (crypto == NULL)
    {
      g_atomic_int_set (&self->encryption_locked, TRUE);
      self->open_flags |= LANCER_STORE_OPEN_ENCRYPTION_LOCKED;
      if (!g_atomic_int_get (&self->read_only))
        set_problem (self, error->message);
      g_message ("Encryption locked: %s", error->message);
    }
}

static gpointer retention_worker (LancerStore *self, sqlite3 *db, gpointer data,
                                  GCancellable *cancellable, GError **error);

static gpointer
open_worker (LancerStore   *self,
             sqlite3       *unused,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (self->db_path);
  gboolean corrupt = FALSE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the profile folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }
  g_chmod (dir, 0700);
  g_mkdir_with_parents (self->backups_dir, 0700);

  for (int attempt = 0; attempt < 2; attempt++)
    {
      if (open_connection (self, &corrupt, error))
        break;
      close_connection (self);
      if (!corrupt)
        return NULL;
      if (self->keep_damaged)
        {
          g_set_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_CORRUPT,
                       _("The database “%s” is damaged. It was left as it is: a command that saves changes, or starting Lancer, sets it aside and restores the latest backup."),
                       self->db_path);
          return NULL;
        }
      if (attempt == 1)
        {
          g_set_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_CORRUPT,
                       _("The database is damaged and could not be repaired. Move “%s” away and start Lancer again."),
                       self->db_path);
          return NULL;
        }
      recover_from_corruption (self);
    }

  load_key (self);

  if (!g_atomic_int_get (&self->read_only))
    {
      g_autoptr(GError) local_error = NULL;

      if (lancer_store_exec (self->db, "BEGIN IMMEDIATE", &local_error))
        {
          retention_worker (self, self->db, NULL, cancellable, &local_error);
          if (local_error == NULL)
            lancer_store_exec (self->db, "COMMIT", &local_error);
          else
            sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
        }
      if (local_error != NULL)
        g_warning ("Retention at open failed: %s", local_error->message);
    }

  return GINT_TO_POINTER (TRUE);
}

static gboolean maintenance_cb (gpointer data);

static void
schedule_maintenance (LancerStore *self,
                      guint        seconds)
{
  if (self->maintenance_source != NULL)
    {
      g_source_destroy (self->maintenance_source);
      g_source_unref (self->maintenance_source);
    }
  self->maintenance_source = g_timeout_source_new_seconds (seconds);
  g_source_set_callback (self->maintenance_source, maintenance_cb, self, NULL);
  g_source_attach (self->maintenance_source, self->main_context);
}

static gpointer
deferred_check_worker (LancerStore   *self,
                       sqlite3       *db,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *marker = NULL;

  if (run_quick_check (db))
    return NULL;

  /* Stop writing into a damaged file; the next start restores a backup. */
  marker = g_strconcat (self->db_path, ".damaged", NULL);
  g_file_set_contents (marker, "", 0, NULL);
  switch_to_read_only (self, _("Lancer found damage in its database. Restart Lancer to restore the latest backup; until then your data can be read but not changed."));
  return NULL;
}

static void
deferred_check_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  lancer_store_run_finish (LANCER_STORE (object), result, NULL);
}

static gboolean
start_deferred_check_cb (gpointer data)
{
  LancerStore *self = data;

  queue_op (self, PRIORITY_BACKGROUND, FALSE, NULL, deferred_check_worker, NULL, NULL, NULL,
            deferred_check_worker, NULL, deferred_check_done_cb, NULL);
  g_clear_pointer (&self->check_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
open_completed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LancerStore *self = LANCER_STORE (object);
  GError *error = NULL;

  if (lancer_store_run_finish (self, result, &error) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Backups and retention run in the background, never in the way of
   * the first page the user waits for. */
  schedule_maintenance (self, 60);
  if (self->deferred_check)
    {
      /* Not queued at once: the worker would start it before the first
       * page the caller is about to ask for. */
      self->check_source = g_timeout_source_new_seconds (3);
      g_source_set_callback (self->check_source, start_deferred_check_cb, self, NULL);
      g_source_attach (self->check_source, self->main_context);
    }
  g_task_return_boolean (task, TRUE);
}

static void
open_async (LancerProfile       *profile,
            gboolean             keep_damaged,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(LancerStore) self = NULL;
  GTask *task;

  self = g_object_new (LANCER_TYPE_STORE, "profile", profile, NULL);
  /* Set before the open is queued, so the worker sees it. */
  self->keep_damaged = keep_damaged;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_store_open_async);

  queue_op (self, PRIORITY_DEFAULT, FALSE, NULL, open_worker, NULL, NULL, NULL,
            lancer_store_open_async, cancellable, open_completed_cb, task);
}

void
lancer_store_open_async (LancerProfile       *profile,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_PROFILE (profile));

  open_async (profile, FALSE, cancellable, callback, user_data);
}

void
lancer_store_open_keep_damaged_async (LancerProfile       *profile,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_PROFILE (profile));

  open_async (profile, TRUE, cancellable, callback, user_data);
}

LancerStore *
lancer_store_open_finish (GAsyncResult  *result,
                          GError       **error)
{
  LancerStore *self;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  self = g_task_get_source_object (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return g_object_ref (self);
}

/* GObject */

static void
lancer_store_constructed (GObject *object)
{
  LancerStore *self = (LancerStore *) object;

  G_OBJECT_CLASS (lancer_store_parent_class)->constructed (object);

  self->profile_id = g_strdup (lancer_profile_get_id (self->profile));
  self->db_path = lancer_profile_dup_db_path (self->profile);
  self->backups_dir = lancer_profile_dup_backups_dir (self->profile);
  self->retention_hours = lancer_profile_get_job_retention_hours (self->profile);
  self->thread = g_thread_new ("lancer-store", worker_thread, self);
}

static void
lancer_store_dispose (GObject *object)
{
  LancerStore *self = (LancerStore *) object;

  if (self->maintenance_source != NULL)
    {
      g_source_destroy (self->maintenance_source);
      g_clear_pointer (&self->maintenance_source, g_source_unref);
    }
  if (self->check_source != NULL)
    {
      g_source_destroy (self->check_source);
      g_clear_pointer (&self->check_source, g_source_unref);
    }

  if (self->thread != NULL)
    {
      StoreOp *quit = g_new0 (StoreOp, 1);

      /* Every pending op holds a reference, so the queue is empty here. */
      quit->quit = TRUE;
      quit->priority = G_MAXINT;
      quit->seq = G_MAXUINT64;
      g_async_queue_push_sorted (self->queue, quit, store_op_compare, NULL);
      g_thread_join (self->thread);
      self->thread = NULL;
    }

  G_OBJECT_CLASS (lancer_store_parent_class)->dispose (object);
}

static void
lancer_store_finalize (GObject *object)
{
  LancerStore *self = (LancerStore *) object;

  g_clear_object (&self->profile);
  g_clear_pointer (&self->profile_id, g_free);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->backups_dir, g_free);
  g_clear_pointer (&self->queue, g_async_queue_unref);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_pointer (&self->problem_message, g_free);
  g_clear_pointer (&self->open_message, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (lancer_store_parent_class)->finalize (object);
}

static void
lancer_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LancerStore *self = LANCER_STORE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, lancer_store_get_read_only (self));
      break;
    case PROP_ENCRYPTION_LOCKED:
      g_value_set_boolean (value, lancer_store_get_encryption_locked (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_store_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LancerStore *self = LANCER_STORE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_store_class_init (LancerStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* Each connection has one owner thread, so SQLite's global memory
   * statistics (a mutex around every allocation) only cost time. This has
   * to happen before SQLite initialises; if something else got there
   * first, the call fails harmlessly. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);

  object_class->constructed = lancer_store_constructed;
  object_class->dispose = lancer_store_dispose;
  object_class->finalize = lancer_store_finalize;
  object_class->get_property = lancer_store_get_property;
  object_class->set_property = lancer_store_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, LANCER_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENCRYPTION_LOCKED] =
    g_param_spec_boolean ("encryption-locked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* ::changed::TABLE after a write by this store (not by other processes). */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
lancer_store_init (LancerStore *self)
{
  g_mutex_init (&self->lock);
  self->queue = g_async_queue_new ();
  self->main_context = g_main_context_ref_thread_default ();
}

LancerProfile *
lancer_store_get_profile (LancerStore *self)
{
  g_return_val_if_fail (LANCER_IS_STORE (self), NULL);
  return self->profile;
}

LancerStoreOpenFlags
lancer_store_get_open_flags (LancerStore *self)
{
  g_return_val_if_fail (LANCER_IS_STORE (self), 0);
  return self->open_flags;
}

const char *
lancer_store_get_open_message (LancerStore *self)
{
  g_return_val_if_fail (LANCER_IS_STORE (self), NULL);
  return self->open_message;
}

gboolean
lancer_store_get_read_only (LancerStore *self)
{
  g_return_val_if_fail (LANCER_IS_STORE (self), TRUE);
  return g_atomic_int_get (&self->read_only);
}

gboolean
lancer_store_get_encryption_locked (LancerStore *self)
{
  g_return_val_if_fail (LANCER_IS_STORE (self), TRUE);
  return g_atomic_int_get (&self->encryption_locked);
}

const char *
lancer_store_get_problem_message (LancerStore *self)
{
  const char *msg;

  g_return_val_if_fail (LANCER_IS_STORE (self), NULL);

  /* The string is replaced rarely; intern it so callers may keep it. */
  g_mutex_lock (&self->lock);
  msg = self->problem_message ? g_intern_string (self->problem_message) : NULL;
  g_mutex_unlock (&self->lock);
  return msg;
}

guint
lancer_store_get_job_rows_read (LancerStore *self)
{
  g_return_val_if_fail (LANCER_IS_STORE (self), 0);
  return (guint) g_atomic_int_get (&self->job_rows_read);
}

/* Jobs */

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_STATIC);
}

static const char upsert_sql[] =
  "INSERT INTO jobs (id, ciphertext, title, description, url, posted_at, fetched_at, updated_at,"
  "  job_type, budget, hourly_min, hourly_max, currency, proposals, skills, experience_level,"
  "  category, duration, connects_required, client_id, client_country, client_total_spent,"
  "  client_hires, client_jobs_posted, client_hire_rate, client_rating, client_payment_verified)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
  "  ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)"
  " ON CONFLICT (id) DO UPDATE SET ciphertext = excluded.ciphertext, title = excluded.title,"
  "  description = excluded.description, url = excluded.url, posted_at = excluded.posted_at,"
  "  fetched_at = excluded.fetched_at, updated_at = excluded.updated_at, job_type = excluded.job_type,"
  "  budget = excluded.budget, hourly_min = excluded.hourly_min, hourly_max = excluded.hourly_max,"
  "  currency = excluded.currency, proposals = excluded.proposals, skills = excluded.skills,"
  "  experience_level = excluded.experience_level, category = excluded.category,"
  "  duration = excluded.duration, connects_required = excluded.connects_required,"
  "  client_id = excluded.client_id, client_country = excluded.client_country,"
  "  client_total_spent = excluded.client_total_spent, client_hires = excluded.client_hires,"
  "  client_jobs_posted = excluded.client_jobs_posted, client_hire_rate = excluded.client_hire_rate,"
  "  client_rating = excluded.client_rating, client_payment_verified = excluded.client_payment_verified";

static const char client_sql[] =
  "INSERT INTO clients (id, country, total_spent, hires, jobs_posted, hire_rate, rating,"
  "  payment_verified, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
  " ON CONFLICT (id) DO UPDATE SET country = excluded.country, total_spent = excluded.total_spent,"
  "  hires = excluded.hires, jobs_posted = excluded.jobs_posted, hire_rate = excluded.hire_rate,"
  "  rating = excluded.rating, payment_verified = excluded.payment_verified,"
  "  updated_at = excluded.updated_at"
  /* most pages repeat clients seen minutes ago: leave unchanged rows alone */
  " WHERE clients.total_spent IS NOT excluded.total_spent OR clients.hires IS NOT excluded.hires"
  "  OR clients.jobs_posted IS NOT excluded.jobs_posted OR clients.hire_rate IS NOT excluded.hire_rate"
  "  OR clients.rating IS NOT excluded.rating OR clients.country IS NOT excluded.country"
  "  OR clients.payment_verified IS NOT excluded.payment_verified";

static gint64
query_int64 (sqlite3    *db,
             const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare (db, sql, NULL);

  return stmt != NULL && _lancer_store_step_row (db, stmt, NULL) == 1 ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* The client columns a job row and a clients row share, from @first on. */
static void
bind_client (sqlite3_stmt *s,
             int           first,
             LancerJob    *job)
{
  bind_text_or_null (s, first, lancer_job_get_client_country (job));
  sqlite3_bind_double (s, first + 1, lancer_job_get_client_total_spent (job));
  sqlite3_bind_int (s, first + 2, lancer_job_get_client_hires (job));
  sqlite3_bind_int (s, first + 3, lancer_job_get_client_jobs_posted (job));
  _lancer_store_bind_double_or_null (s, first + 4, lancer_job_get_client_hire_rate (job));
  _lancer_store_bind_double_or_null (s, first + 5, lancer_job_get_client_rating (job));
  sqlite3_bind_int (s, first + 6, lancer_job_get_client_payment_verified (job));
}

static int
compare_client_ids (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  LancerJob **jobs = user_data;

  return strcmp (lancer_job_get_client_id (jobs[*(const guint *) a]),
                 lancer_job_get_client_id (jobs[*(const guint *) b]));
}

static int
upsert_clients (LancerStore *self,
                GPtrArray   *jobs,
                gint64       now)
{
  g_autoptr(GHashTable) last = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) order = g_array_sized_new (FALSE, FALSE, sizeof (guint), jobs->len);
  sqlite3_stmt *s = self->client_stmt;

  /* One upsert per distinct client, the last copy wins, in key order so
   * the B-tree is walked once rather than at random. */
  for (guint i = 0; i < jobs->len; i++)
    if (lancer_job_get_client_id (jobs->pdata[i]) != NULL)
      g_hash_table_insert (last, (gpointer) lancer_job_get_client_id (jobs->pdata[i]), GUINT_TO_POINTER (i));
  for (guint i = 0; i < jobs->len; i++)
    {
      const char *client_id = lancer_job_get_client_id (jobs->pdata[i]);

      if (client_id != NULL && GPOINTER_TO_UINT (g_hash_table_lookup (last, client_id)) == i)
        g_array_append_val (order, i);
    }
  g_array_sort_with_data (order, compare_client_ids, jobs->pdata);

  for (guint k = 0; k < order->len; k++)
    {
      LancerJob *job = jobs->pdata[g_array_index (order, guint, k)];
      int rc;

      sqlite3_bind_text (s, 1, lancer_job_get_client_id (job), -1, SQLITE_STATIC);
      bind_client (s, 2, job);
      sqlite3_bind_int64 (s, 9, now);
      rc = sqlite3_step (s);
      sqlite3_reset (s);
      if (rc != SQLITE_DONE)
        return rc;
    }
  return SQLITE_DONE;
}

static gpointer
upsert_worker (LancerStore   *self,
               sqlite3       *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  GPtrArray *jobs = data;
  g_autoptr(GHashTable) last = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 now = _lancer_store_now_s ();
  sqlite3_stmt *fts = NULL;
  gint64 max_rid;
  guint n_new = 0;
  int rc;

  if (self->upsert_stmt == NULL &&
      (rc = sqlite3_prepare_v3 (db, upsert_sql, -1, SQLITE_PREPARE_PERSISTENT, &self->upsert_stmt, NULL)) != SQLITE_OK)
    goto failed;
  if (self->client_stmt == NULL &&
      (rc = sqlite3_prepare_v3 (db, client_sql, -1, SQLITE_PREPARE_PERSISTENT, &self->client_stmt, NULL)) != SQLITE_OK)
    goto failed;

  /* New rows get a rid above the current maximum: that tells inserts
   * from updates without a lookup per job, and picks the rows to index. */
  max_rid = query_int64 (db, "SELECT IFNULL(max(rid), 0) FROM jobs");

  /* The jobs_fts_insert trigger stands aside for this transaction (the
   * row never outlives it); the batch is indexed in one go below. */
  if ((rc = sqlite3_exec (db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('fts_batch', '1')",
                          NULL, NULL, NULL)) != SQLITE_OK)
    goto failed;

  if ((rc = upsert_clients (self, jobs, now)) != SQLITE_DONE)
    goto failed;

  /* A page may repeat a job; the last copy wins. */
  for (guint i = 0; i < jobs->len; i++)
    g_hash_table_insert (last, (gpointer) lancer_job_get_id (jobs->pdata[i]), GUINT_TO_POINTER (i));

  for (guint i = 0; i < jobs->len; i++)
    {
      LancerJob *job = jobs->pdata[i];
      sqlite3_stmt *s = self->upsert_stmt;
      g_autofree char *skills = NULL;
      gint64 fetched = lancer_job_get_fetched_at (job);

      if (GPOINTER_TO_UINT (g_hash_table_lookup (last, lancer_job_get_id (job))) != i)
        continue;

      skills = g_strjoinv ("\n", (char **) lancer_job_get_skills (job));
      bind_text_or_null (s, 1, lancer_job_get_id (job));
      bind_text_or_null (s, 2, lancer_job_get_ciphertext (job));
      sqlite3_bind_text (s, 3, lancer_job_get_title (job) ? lancer_job_get_title (job) : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 4, lancer_job_get_description (job) ? lancer_job_get_description (job) : "", -1, SQLITE_STATIC);
      bind_text_or_null (s, 5, lancer_job_get_url (job));
      sqlite3_bind_int64 (s, 6, lancer_job_get_posted_at (job));
      sqlite3_bind_int64 (s, 7, fetched > 0 ? fetched : now);
      sqlite3_bind_int (s, 8, lancer_job_get_job_type (job));
      _lancer_store_bind_double_or_null (s, 9, lancer_job_get_budget (job));
      _lancer_store_bind_double_or_null (s, 10, lancer_job_get_hourly_min (job));
      _lancer_store_bind_double_or_null (s, 11, lancer_job_get_hourly_max (job));
      sqlite3_bind_text (s, 12, lancer_job_get_currency (job) ? lancer_job_get_currency (job) : "USD", -1, SQLITE_STATIC);
      sqlite3_bind_int (s, 13, lancer_job_get_proposals (job));
      sqlite3_bind_text (s, 14, skills, -1, SQLITE_STATIC);
      bind_text_or_null (s, 15, lancer_job_get_experience_level (job));
      bind_text_or_null (s, 16, lancer_job_get_category (job));
      bind_text_or_null (s, 17, lancer_job_get_duration (job));
      if (lancer_job_get_connects_required (job) > 0)
        sqlite3_bind_int (s, 18, lancer_job_get_connects_required (job));
      else
        sqlite3_bind_null (s, 18);
      bind_text_or_null (s, 19, lancer_job_get_client_id (job));
      bind_client (s, 20, job);

      rc = sqlite3_step (s);
      sqlite3_reset (s);
      sqlite3_clear_bindings (s);
      if (rc != SQLITE_DONE)
        goto failed;
    }

  /* Index the new rows with one statement: FTS5 builds its terms in
   * memory and writes them out once. Changed texts of existing rows were
   * reindexed by jobs_fts_update. */
  rc = sqlite3_prepare_v2 (db, "INSERT INTO jobs_fts (rowid, title, description, skills)"
                               " SELECT rid, title, description, skills FROM jobs WHERE rid > ?1",
                           -1, &fts, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (fts, 1, max_rid);
      rc = sqlite3_step (fts);
      n_new = (guint) sqlite3_changes (db);
    }
  sqlite3_finalize (fts);
  if (rc != SQLITE_DONE)
    goto failed;

  if ((rc = sqlite3_exec (db, "DELETE FROM meta WHERE key = 'fts_batch'", NULL, NULL, NULL)) != SQLITE_OK)
    goto failed;

  return GUINT_TO_POINTER (n_new);

failed:
  lancer_store_set_sqlite_error (error, db, rc);
  return NULL;
}

void
lancer_store_upsert_jobs_async (LancerStore         *self,
                                GPtrArray           *jobs,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (self));
  g_return_if_fail (jobs != NULL);

  /* The worker only reads the jobs; callers must not change them until
   * the call finishes. */
  queue_op (self, PRIORITY_DEFAULT, TRUE, "jobs", upsert_worker,
            g_ptr_array_ref (jobs), (GDestroyNotify) g_ptr_array_unref, NULL,
            lancer_store_upsert_jobs_async, cancellable, callback, user_data);
}

gboolean
lancer_store_upsert_jobs_finish (LancerStore   *self,
                                 GAsyncResult  *result,
                                 guint         *n_new,
                                 GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = propagate_count (result, error);
  if (n_new != NULL)
    *n_new = n < 0 ? 0 : (guint) n;
  return n >= 0;
}

typedef struct
{
  char *search;
  char *saved_search;
  gboolean saved_only;
  gboolean include_hidden;
  LancerJobSort sort;
  guint offset;
  guint limit;
  gboolean count;
  char *job_id;
} QueryData;

static void
query_data_free (gpointer data)
{
  QueryData *q = data;

  g_free (q->search);
  g_free (q->saved_search);
  g_free (q->job_id);
  g_free (q);
}

static QueryData *
query_data_new (const LancerJobQuery *query)
{
  QueryData *q = g_new0 (QueryData, 1);

  if (query != NULL)
    {
      q->search = g_strdup (query->search);
      q->saved_search = g_strdup (query->saved_search);
      q->saved_only = query->saved_only;
      q->include_hidden = query->include_hidden;
      q->sort = query->sort;
    }
  return q;
}

static char *
build_job_sql (QueryData  *q,
               const char *fts)
{
  GString *sql = g_string_new (NULL);
  gboolean relevance = fts != NULL && q->sort == LANCER_JOB_SORT_RELEVANCE && !q->count;

  /* Counting matches through the jobs table reads every matching row;
   * the FTS index counts them directly, and hidden jobs are few. */
  if (q->count && fts != NULL && q->saved_search == NULL && !q->saved_only)
    {
      g_string_append (sql, "SELECT (SELECT count(*) FROM jobs_fts WHERE jobs_fts MATCH ?1)");
      if (!q->include_hidden)
        g_string_append (sql, " - (SELECT count(*) FROM jobs j WHERE j.hidden = 1"
                              " AND j.rid IN (SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?1))");
      return g_string_free (sql, FALSE);
    }

  g_string_append (sql, q->count ? "SELECT count(*)" : "SELECT " LANCER_JOB_COLUMNS);
  if (relevance)
    g_string_append (sql, " FROM jobs_fts f JOIN jobs j ON j.rid = f.rowid WHERE jobs_fts MATCH ?1");
  else if (fts != NULL)
    g_string_append (sql, " FROM jobs j WHERE j.rid IN (SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?1)");
  else
    g_string_append (sql, " FROM jobs j WHERE 1");
  if (q->saved_search != NULL)
    g_string_append (sql, " AND j.rid IN (SELECT m.job_rid FROM job_matches m"
                          " JOIN saved_searches s ON s.id = m.search_id WHERE s.name = ?2)");
  if (q->saved_only)
    g_string_append (sql, " AND j.saved = 1");
  if (!q->include_hidden)
    g_string_append (sql, " AND j.hidden = 0");
  if (!q->count)
    {
      g_string_append (sql, relevance ? " ORDER BY f.rank" : " ORDER BY j.posted_at DESC, j.rid DESC");
      g_string_append (sql, " LIMIT ?3 OFFSET ?4");
    }
  return g_string_free (sql, FALSE);
}

/* Full-text search for the job list (newest first, hidden jobs left out).
 *
 * An SQL "rid IN (MATCH …) ORDER BY posted_at" either builds the whole
 * match set as a temporary index and walks jobs_list_idx (slow when few
 * jobs match: the walk reaches the end) or looks up and sorts every match
 * (slow when many do), and the count runs the match a second time. Here
 * the match runs once into a bitmap; the count is its population; a page
 * either walks jobs_list_idx testing bits (many matches) or sorts the
 * matches by posted_at once (few matches), whichever costs less. */

#define SEARCH_LOOKUP_COST 10   /* a rowid lookup, in index-entry steps */

static gboolean
search_cache_valid (SearchCache *cache,
                    sqlite3     *db,
                    const char  *fts)
{
  return cache != NULL && g_str_equal (cache->fts, fts) &&
         cache->data_version == query_int64 (db, "PRAGMA data_version") &&
         cache->total_changes == sqlite3_total_changes64 (db);
}

static SearchCache *
search_cache_get (LancerStore  *self,
                  sqlite3      *db,
                  const char   *fts,
                  int          *rc_out)
{
  SearchCache *cache;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;
  int rc;

  if (search_cache_valid (self->search, db, fts))
    return self->search;
  g_clear_pointer (&self->search, search_cache_free);

  cache = g_new0 (SearchCache, 1);
  cache->fts = g_strdup (fts);
  cache->data_version = query_int64 (db, "PRAGMA data_version");
  cache->total_changes = sqlite3_total_changes64 (db);
  cache->n_rows = query_int64 (db, "SELECT IFNULL(max(rid), 0) FROM jobs");
  cache->n_bits = cache->n_rows + 1;
  cache->bits = g_malloc0 ((gsize) (cache->n_bits + 7) / 8);

  rc = sqlite3_prepare_v2 (db, "SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (stmt, 0);

      rc = SQLITE_OK;
      if (rid > 0 && rid < cache->n_bits && !(cache->bits[rid >> 3] & (1 << (rid & 7))))
        {
          cache->bits[rid >> 3] |= 1 << (rid & 7);
          n++;
        }
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_DONE)
    goto failed;

  /* Hidden jobs are few and jobs_list_idx lists them together. */
  rc = sqlite3_prepare_v2 (db, "SELECT rid FROM jobs WHERE hidden = 1", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (stmt, 0);

      rc = SQLITE_OK;
      if (rid > 0 && rid < cache->n_bits && (cache->bits[rid >> 3] & (1 << (rid & 7))))
        {
          cache->bits[rid >> 3] &= ~(1 << (rid & 7));
          n--;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  cache->n_visible = n;
  self->search = cache;
  return cache;

failed:
  search_cache_free (cache);
  *rc_out = rc;
  return NULL;
}

typedef struct
{
  gint64 posted_at;
  gint64 rid;
} PostedRid;

static int
compare_newest (gconstpointer a,
                gconstpointer b)
{
  const PostedRid *x = a, *y = b;

  if (x->posted_at != y->posted_at)
    return x->posted_at > y->posted_at ? -1 : 1;
  return x->rid > y->rid ? -1 : (x->rid < y->rid);
}

static int
search_sort_matches (LancerStore *self,
                     sqlite3     *db,
                     SearchCache *cache)
{
  g_autoptr(GArray) items = g_array_sized_new (FALSE, FALSE, sizeof (PostedRid), cache->n_visible);
  int rc = SQLITE_OK;

  if (self->posted_by_rid_stmt == NULL &&
      (rc = sqlite3_prepare_v3 (db, "SELECT posted_at FROM jobs WHERE rid = ?1", -1,
                                SQLITE_PREPARE_PERSISTENT, &self->posted_by_rid_stmt, NULL)) != SQLITE_OK)
    return rc;

  for (gint64 rid = 1; rid < cache->n_bits; rid++)
    {
      PostedRid item = { 0, rid };

      if (!(cache->bits[rid >> 3] & (1 << (rid & 7))))
        continue;
      sqlite3_bind_int64 (self->posted_by_rid_stmt, 1, rid);
      rc = sqlite3_step (self->posted_by_rid_stmt);
      if (rc == SQLITE_ROW)
        {
          item.posted_at = sqlite3_column_int64 (self->posted_by_rid_stmt, 0);
          g_array_append_val (items, item);
          rc = SQLITE_OK;
        }
      sqlite3_reset (self->posted_by_rid_stmt);
      if (rc != SQLITE_OK && rc != SQLITE_DONE)
        return rc;
    }
  g_array_sort (items, compare_newest);

  cache->sorted = g_array_sized_new (FALSE, FALSE, sizeof (gint64), items->len);
  for (guint i = 0; i < items->len; i++)
    g_array_append_val (cache->sorted, g_array_index (items, PostedRid, i).rid);
  return SQLITE_OK;
}

/* Appends the rids of page [offset, offset + limit) to @rids. */
static int
search_page_rids (LancerStore *self,
                  sqlite3     *db,
                  SearchCache *cache,
                  guint        offset,
                  guint        limit,
                  GArray      *rids)
{
  double want = (double) offset + limit;
  double walk_cost, sort_cost;
  sqlite3_stmt *stmt = NULL;
  guint seen = 0;
  int rc;

  if (cache->n_visible == 0 || offset >= cache->n_visible)
    return SQLITE_OK;

  /* Walking the index visits about want × rows / matches entries;
   * sorting looks every match up once, and serves later pages too. */
  walk_cost = want * (double) cache->n_rows / cache->n_visible;
  sort_cost = (double) cache->n_visible * SEARCH_LOOKUP_COST;
  if (cache->sorted == NULL && sort_cost < walk_cost &&
      (rc = search_sort_matches (self, db, cache)) != SQLITE_OK)
    return rc;

  if (cache->sorted != NULL)
    {
      for (guint i = offset; i < cache->sorted->len && i < offset + limit; i++)
        g_array_append_val (rids, g_array_index (cache->sorted, gint64, i));
      return SQLITE_OK;
    }

  rc = sqlite3_prepare_v2 (db, "SELECT rid FROM jobs INDEXED BY jobs_list_idx WHERE hidden = 0"
                               " ORDER BY posted_at DESC, rid DESC", -1, &stmt, NULL);
  while (rc == SQLITE_OK && rids->len < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (stmt, 0);

      rc = SQLITE_OK;
      if (rid <= 0 || rid >= cache->n_bits || !(cache->bits[rid >> 3] & (1 << (rid & 7))))
        continue;
      if (seen++ >= offset)
        g_array_append_val (rids, rid);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static GPtrArray *
search_page (LancerStore  *self,
             sqlite3      *db,
             const char   *fts,
             guint         offset,
             guint         limit,
             int          *rc_out)
{
  g_autoptr(GArray) rids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_full (limit, g_object_unref);
  SearchCache *cache = search_cache_get (self, db, fts, rc_out);
  int rc;

  if (cache == NULL)
    return NULL;
  if ((rc = search_page_rids (self, db, cache, offset, limit, rids)) != SQLITE_OK)
    goto failed;

  if (self->job_by_rid_stmt == NULL &&
      (rc = sqlite3_prepare_v3 (db, "SELECT " LANCER_JOB_COLUMNS " FROM jobs j WHERE j.rid = ?1", -1,
                                SQLITE_PREPARE_PERSISTENT, &self->job_by_rid_stmt, NULL)) != SQLITE_OK)
    goto failed;
  for (guint i = 0; i < rids->len; i++)
    {
      sqlite3_bind_int64 (self->job_by_rid_stmt, 1, g_array_index (rids, gint64, i));
      rc = sqlite3_step (self->job_by_rid_stmt);
      if (rc == SQLITE_ROW)
        g_ptr_array_add (jobs, _lancer_job_new_from_stmt (self->job_by_rid_stmt));
      sqlite3_reset (self->job_by_rid_stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        goto failed;
    }
  return g_steal_pointer (&jobs);

failed:
  *rc_out = rc;
  return NULL;
}

static gpointer
query_worker (LancerStore   *self,
              sqlite3       *db,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  QueryData *q = data;
  g_autofree char *fts = _lancer_store_build_fts_query (q->search);
  g_autofree char *sql = build_job_sql (q, fts);
  g_autoptr(GPtrArray) jobs = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count = 0;
  int rc;

  if (fts != NULL && q->saved_search == NULL && !q->saved_only && !q->include_hidden &&
      (q->count || q->sort == LANCER_JOB_SORT_NEWEST))
    {
      SearchCache *cache;

      rc = SQLITE_OK;
      if (q->count)
        {
          if ((cache = search_cache_get (self, db, fts, &rc)) == NULL)
            goto failed;
          return GSIZE_TO_POINTER ((gsize) cache->n_visible);
        }
      if ((jobs = search_page (self, db, fts, q->offset, q->limit, &rc)) == NULL)
        goto failed;
      g_atomic_int_add (&self->job_rows_read, (int) jobs->len);
      return g_steal_pointer (&jobs);
    }

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    goto failed;
  if (fts != NULL)
    sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  if (q->saved_search != NULL)
    sqlite3_bind_text (stmt, 2, q->saved_search, -1, SQLITE_STATIC);
  if (!q->count)
    {
      sqlite3_bind_int64 (stmt, 3, q->limit);
      sqlite3_bind_int64 (stmt, 4, q->offset);
      jobs = g_ptr_array_new_full (q->limit, g_object_unref);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (q->count)
        count = sqlite3_column_int64 (stmt, 0);
      else
        g_ptr_array_add (jobs, _lancer_job_new_from_stmt (stmt));
    }
  if (rc != SQLITE_DONE)
    goto failed;
  sqlite3_finalize (stmt);

  if (q->count)
    return GSIZE_TO_POINTER ((gsize) count);
  g_atomic_int_add (&self->job_rows_read, (int) jobs->len);
  return g_steal_pointer (&jobs);

failed:
  lancer_store_set_sqlite_error (error, db, rc);
  sqlite3_finalize (stmt);
  return NULL;
}

void
lancer_store_query_jobs_async (LancerStore          *self,
                               const LancerJobQuery *query,
                               guint                 offset,
                               guint                 limit,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  QueryData *q;

  g_return_if_fail (LANCER_IS_STORE (self));

  q = query_data_new (query);
  q->offset = offset;
  q->limit = limit;
  queue_op (self, PRIORITY_DEFAULT, FALSE, NULL, query_worker, q, query_data_free,
            (GDestroyNotify) g_ptr_array_unref, lancer_store_query_jobs_async, cancellable, callback, user_data);
}

GPtrArray *
lancer_store_query_jobs_finish (LancerStore   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return lancer_store_run_finish (self, result, error);
}

void
lancer_store_count_jobs_async (LancerStore          *self,
                               const LancerJobQuery *query,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  QueryData *q;

  g_return_if_fail (LANCER_IS_STORE (self));

  q = query_data_new (query);
  q->count = TRUE;
  queue_op (self, PRIORITY_DEFAULT, FALSE, NULL, query_worker, q, query_data_free, NULL,
            lancer_store_count_jobs_async, cancellable, callback, user_data);
}

gssize
lancer_store_count_jobs_finish (LancerStore   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  return propagate_count (result, error);
}

static gpointer
get_job_worker (LancerStore   *self,
                sqlite3       *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  QueryData *q = data;
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare_text (db, "SELECT " LANCER_JOB_COLUMNS " FROM jobs j WHERE j.id = ?", q->job_id,
                                error);

  if (stmt == NULL)
    return NULL;
  switch (_lancer_store_step_row (db, stmt, error))
    {
    case 1:
      g_atomic_int_inc (&self->job_rows_read);
      return _lancer_job_new_from_stmt (stmt);
    case 0:
      g_set_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_NOT_FOUND,
                   _("The job “%s” is not stored; it may have expired"), q->job_id);
      return NULL;
    default:
      return NULL;
    }
}

void
lancer_store_get_job_async (LancerStore         *self,
                            const char          *job_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  QueryData *q;

  g_return_if_fail (LANCER_IS_STORE (self));
  g_return_if_fail (job_id != NULL);

  q = query_data_new (NULL);
  q->job_id = g_strdup (job_id);
  queue_op (self, PRIORITY_DEFAULT, FALSE, NULL, get_job_worker, q, query_data_free, g_object_unref,
            lancer_store_get_job_async, cancellable, callback, user_data);
}

LancerJob *
lancer_store_get_job_finish (LancerStore   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return lancer_store_run_finish (self, result, error);
}

typedef struct
{
  char *job_id;
  LancerJobFlag flag;
  gboolean value;
  char *text;
  gint64 proposal_id;
} WriteData;

static WriteData *
write_data_new (const char *job_id,
                const char *text,
                gint64      proposal_id)
{
  WriteData *w = g_new0 (WriteData, 1);

  w->job_id = g_strdup (job_id);
  w->text = g_strdup (text);
  w->proposal_id = proposal_id;
  return w;
}

static void
write_data_free (gpointer data)
{
  WriteData *w = data;

  g_free (w->job_id);
  if (w->text != NULL)
    {
      /* Private text: do not leave it lying around in freed memory. */
      memset (w->text, 0, strlen (w->text));
      g_free (w->text);
    }
  g_free (w);
}

static gboolean
step_one_row (sqlite3       *db,
              sqlite3_stmt  *stmt,
              const char    *job_id,
              GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      lancer_store_set_sqlite_error (error, db, rc);
      return FALSE;
    }
  if (job_id != NULL && sqlite3_changes (db) == 0)
    {
      g_set_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_NOT_FOUND,
                   _("The job “%s” is not stored; it may have expired"), job_id);
      return FALSE;
    }
  return TRUE;
}

static gpointer
set_flag_worker (LancerStore   *self,
                 sqlite3       *db,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  static const char * const sql[] = {
    [LANCER_JOB_FLAG_SEEN] = "UPDATE jobs SET seen = ?1 WHERE id = ?2",
    [LANCER_JOB_FLAG_SAVED] = "UPDATE jobs SET saved = ?1 WHERE id = ?2",
    [LANCER_JOB_FLAG_HIDDEN] = "UPDATE jobs SET hidden = ?1 WHERE id = ?2",
    [LANCER_JOB_FLAG_ACTED_ON] = "UPDATE jobs SET acted_on = ?1 WHERE id = ?2",
  };
  WriteData *w = data;
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare (db, sql[w->flag], error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, w->value ? 1 : 0);
  sqlite3_bind_text (stmt, 2, w->job_id, -1, SQLITE_STATIC);
  return step_one_row (db, stmt, w->job_id, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
lancer_store_set_job_flag_async (LancerStore         *self,
                                 const char          *job_id,
                                 LancerJobFlag        flag,
                                 gboolean             value,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  WriteData *w;

  g_return_if_fail (LANCER_IS_STORE (self));
  g_return_if_fail (job_id != NULL);
  g_return_if_fail (flag <= LANCER_JOB_FLAG_ACTED_ON);

  w = write_data_new (job_id, NULL, 0);
  w->flag = flag;
  w->value = value;
  queue_op (self, PRIORITY_DEFAULT, TRUE, "jobs", set_flag_worker, w, write_data_free, NULL,
            lancer_store_set_job_flag_async, cancellable, callback, user_data);
}

gboolean
lancer_store_set_job_flag_finish (LancerStore   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _lancer_store_run_finish_boolean (self, result, error);
}

/* Sealed text: job notes and proposal drafts */

static gpointer
set_note_worker (LancerStore   *self,
                 sqlite3       *db,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  WriteData *w = data;
  /* A note is the user's own record: keep the job past retention. */
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db, "UPDATE jobs SET note = ?1, acted_on = acted_on OR ?1 IS NOT NULL WHERE id = ?2",
                           error);

  if (stmt == NULL || !lancer_store_bind_sealed (self, stmt, 1, w->text, "jobs.note", error))
    return NULL;
  sqlite3_bind_text (stmt, 2, w->job_id, -1, SQLITE_STATIC);
  return step_one_row (db, stmt, w->job_id, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
lancer_store_set_job_note_async (LancerStore         *self,
                                 const char          *job_id,
                                 const char          *note,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (self));
  g_return_if_fail (job_id != NULL);

  queue_op (self, PRIORITY_DEFAULT, TRUE, "jobs", set_note_worker, write_data_new (job_id, note, 0),
            write_data_free, NULL, lancer_store_set_job_note_async, cancellable, callback, user_data);
}

gboolean
lancer_store_set_job_note_finish (LancerStore   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _lancer_store_run_finish_boolean (self, result, error);
}

static gpointer
get_sealed_worker (LancerStore   *self,
                   sqlite3       *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  WriteData *w = data;
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db, w->job_id != NULL ? "SELECT note FROM jobs WHERE id = ?"
                                                 : "SELECT draft FROM proposals WHERE id = ?", error);

  if (stmt == NULL)
    return NULL;
  if (w->job_id != NULL)
    sqlite3_bind_text (stmt, 1, w->job_id, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, w->proposal_id);

  switch (_lancer_store_step_row (db, stmt, error))
    {
    case 1:
      return lancer_store_column_unseal (self, stmt, 0, w->job_id ? "jobs.note" : "proposals.draft", error);
    case 0:
      g_set_error_literal (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_NOT_FOUND,
                           w->job_id ? _("The job is not stored; it may have expired")
                                     : _("The proposal does not exist"));
      return NULL;
    default:
      return NULL;
    }
}

void
lancer_store_get_job_note_async (LancerStore         *self,
                                 const char          *job_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (self));
  g_return_if_fail (job_id != NULL);

  queue_op (self, PRIORITY_DEFAULT, FALSE, NULL, get_sealed_worker, write_data_new (job_id, NULL, 0),
            write_data_free, g_free, lancer_store_get_job_note_async, cancellable, callback, user_data);
}

char *
lancer_store_get_job_note_finish (LancerStore   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return lancer_store_run_finish (self, result, error);
}

static gpointer
save_draft_worker (LancerStore   *self,
                   sqlite3       *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  WriteData *w = data;
  gint64 id = w->proposal_id;
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db, id == 0 ? "INSERT INTO proposals (job_id, status, draft, created_at, updated_at)"
                                         " VALUES (?1, 'draft', ?2, ?3, ?3)"
                                       : "UPDATE proposals SET draft = ?2, updated_at = ?3 WHERE id = ?4",
                           error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, w->job_id, -1, SQLITE_STATIC);
  if (!lancer_store_bind_sealed (self, stmt, 2, w->text, "proposals.draft", error))
    return NULL;
  sqlite3_bind_int64 (stmt, 3, _lancer_store_now_s ());
  if (id != 0)
    sqlite3_bind_int64 (stmt, 4, id);
  if (!_lancer_store_step_done (db, stmt, error))
    return NULL;
  if (id == 0)
    id = sqlite3_last_insert_rowid (db);
  else if (sqlite3_changes (db) == 0)
    {
      g_set_error_literal (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_NOT_FOUND,
                           _("The proposal does not exist"));
      return NULL;
    }

  if (!_lancer_store_mark_acted_on (db, w->job_id, error))
    return NULL;
  return _lancer_store_int64_result (id);
}

void
lancer_store_save_proposal_draft_async (LancerStore         *self,
                                        gint64               proposal_id,
                                        const char          *job_id,
                                        const char          *cover_letter,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (self));
  g_return_if_fail (job_id != NULL);
  g_return_if_fail (cover_letter != NULL);

  queue_op (self, PRIORITY_DEFAULT, TRUE, "proposals", save_draft_worker,
            write_data_new (job_id, cover_letter, proposal_id), write_data_free, g_free,
            lancer_store_save_proposal_draft_async, cancellable, callback, user_data);
}

gint64
lancer_store_save_proposal_draft_finish (LancerStore   *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return _lancer_store_run_finish_int64 (self, result, error);
}

void
lancer_store_get_proposal_draft_async (LancerStore         *self,
                                       gint64               proposal_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (self));

  queue_op (self, PRIORITY_DEFAULT, FALSE, NULL, get_sealed_worker, write_data_new (NULL, NULL, proposal_id),
            write_data_free, g_free, lancer_store_get_proposal_draft_async, cancellable, callback, user_data);
}

char *
lancer_store_get_proposal_draft_finish (LancerStore   *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return lancer_store_run_finish (self, result, error);
}

/* Retention */

static gpointer
retention_worker (LancerStore   *self,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db,
                           "DELETE FROM jobs WHERE fetched_at < ?1 AND saved = 0 AND acted_on = 0"
                           " AND NOT EXISTS (SELECT 1 FROM proposals p WHERE p.job_id = jobs.id)"
                           " AND NOT EXISTS (SELECT 1 FROM ai_analyses a WHERE a.job_id = jobs.id)"
                           " AND NOT EXISTS (SELECT 1 FROM job_scores s WHERE s.job_rid = jobs.rid AND s.kind = 'ai')",
                           error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, _lancer_store_now_s () - (gint64) self->retention_hours * 3600);
  if (!_lancer_store_step_done (db, stmt, error))
    return NULL;
  if (sqlite3_changes (db) > 0)
    g_debug ("Retention removed %d job postings", sqlite3_changes (db));
  return GSIZE_TO_POINTER ((gsize) sqlite3_changes (db));
}

void
lancer_store_apply_retention_async (LancerStore         *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (self));

  /* Pick up a changed setting. */
  self->retention_hours = lancer_profile_get_job_retention_hours (self->profile);
  queue_op (self, PRIORITY_BACKGROUND, TRUE, "jobs", retention_worker, NULL, NULL, NULL,
            lancer_store_apply_retention_async, cancellable, callback, user_data);
}

gssize
lancer_store_apply_retention_finish (LancerStore   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  return propagate_count (result, error);
}

/* Backups */

static char *
make_backup (LancerStore  *self,
             GError      **error)
{
  g_autofree char *stamp = timestamp_now ();
  g_autofree char *name = g_strdup_printf ("lancer-%s.db", stamp);
  g_autofree char *path = g_build_filename (self->backups_dir, name, NULL);
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autoptr(GPtrArray) backups = NULL;
  sqlite3_backup *backup;
  sqlite3 *dest = NULL;
  int rc;

  g_mkdir_with_parents (self->backups_dir, 0700);
  rc = sqlite3_open_v2 (part, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    goto failed;
  g_chmod (part, 0600);

  /* The online backup API copies a consistent snapshot while we keep the
   * connection; writes from this thread cannot interleave. */
  backup = sqlite3_backup_init (dest, "main", self->db, "main");
  if (backup == NULL)
    {
      rc = sqlite3_errcode (dest);
      goto failed;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    goto failed;
  /* A backup is a single self-contained file. */
  sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close_v2 (dest);
  dest = NULL;

  if (g_rename (part, path) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not save the backup “%s”: %s"), path, g_strerror (saved_errno));
      g_unlink (part);
      return NULL;
    }

  backups = list_backups (self);
  for (guint i = N_BACKUPS_KEPT; i < backups->len; i++)
    g_unlink (backups->pdata[i]);

  return g_steal_pointer (&path);

failed:
  lancer_store_set_sqlite_error (error, dest, rc);
  g_prefix_error (error, _("The backup failed: "));
  sqlite3_close_v2 (dest);
  g_unlink (part);
  return NULL;
}

static gpointer
backup_worker (LancerStore   *self,
               sqlite3       *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  return make_backup (self, error);
}

void
lancer_store_backup_async (LancerStore         *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (self));

  queue_op (self, PRIORITY_BACKGROUND, FALSE, NULL, backup_worker, NULL, NULL, g_free,
            lancer_store_backup_async, cancellable, callback, user_data);
}

char *
lancer_store_backup_finish (LancerStore   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return lancer_store_run_finish (self, result, error);
}

/* The daily backup, if the newest one is a day old (or there is none).
 * Returns its path, or NULL with no error when none was due. */
static gpointer
backup_if_due_worker (LancerStore   *self,
                      sqlite3       *db,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GPtrArray) backups = list_backups (self);
  gboolean due = TRUE;
  GStatBuf st;

  if (backups->len > 0 && g_stat (backups->pdata[0], &st) == 0)
    due = (g_get_real_time () - (gint64) st.st_mtime * G_USEC_PER_SEC) >= BACKUP_INTERVAL;
  return due ? make_backup (self, error) : NULL;
}

void
lancer_store_backup_if_due_async (LancerStore         *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (self));

  queue_op (self, PRIORITY_DEFAULT, FALSE, NULL, backup_if_due_worker, NULL, NULL, g_free,
            lancer_store_backup_if_due_async, cancellable, callback, user_data);
}

char *
lancer_store_backup_if_due_finish (LancerStore   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return lancer_store_run_finish (self, result, error);
}

static gpointer
maintenance_worker (LancerStore   *self,
                    sqlite3       *db,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = backup_if_due_worker (self, db, data, cancellable, &local_error);

  if (local_error != NULL)
    g_warning ("Daily backup failed: %s", local_error->message);
  return NULL;
}

/* @user_data names the background work; a read-only store is reported
 * elsewhere already. */
static void
background_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  lancer_store_run_finish (LANCER_STORE (object), result, &error);
  if (error != NULL && !g_error_matches (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_READ_ONLY))
    g_warning ("%s failed: %s", (const char *) user_data, error->message);
}

static gboolean
maintenance_cb (gpointer data)
{
  LancerStore *self = data;

  lancer_store_apply_retention_async (self, NULL, background_done_cb, (gpointer) "Job retention");
  queue_op (self, PRIORITY_BACKGROUND, FALSE, NULL, maintenance_worker, NULL, NULL, NULL,
            maintenance_cb, NULL, background_done_cb, (gpointer) "Store maintenance");
  schedule_maintenance (self, 3600);
  return G_SOURCE_REMOVE;
}
