/* lancer-store-alerts.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lancer-store-alerts.h"
#include "lancer-store-private.h"

void
lancer_store_alert_job_free (LancerStoreAlertJob *job)
{
  if (job == NULL)
    return;
  g_free (job->id);
  g_free (job->title);
  g_free (job->url);
  g_free (job->currency);
  g_free (job->client_country);
  g_strfreev (job->searches);
  g_free (job);
}

void
lancer_store_alert_story_free (LancerStoreAlertStory *story)
{
  if (story == NULL)
    return;
  g_free (story->id);
  g_free (story->room_id);
  g_free (story->sender);
  g_free (story->topic);
  /* Message text is private: not left behind in freed memory. */
  if (story->text != NULL)
    memset (story->text, 0, strlen (story->text));
  g_free (story->text);
  g_free (story);
}

void
lancer_store_alert_batch_free (LancerStoreAlertBatch *batch)
{
  if (batch == NULL)
    return;
  g_clear_pointer (&batch->rows, g_ptr_array_unref);
  g_free (batch);
}

LancerStoreAlertRecord *
lancer_store_alert_record_new (const char *channel,
                               const char *key,
                               const char *job_id,
                               gint64      sent_at)
{
  LancerStoreAlertRecord *record = g_new0 (LancerStoreAlertRecord, 1);

  record->channel = g_strdup (channel);
  record->key = g_strdup (key);
  record->job_id = g_strdup (job_id);
  record->sent_at = sent_at;
  return record;
}

void
lancer_store_alert_record_free (LancerStoreAlertRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->channel);
  g_free (record->key);
  g_free (record->job_id);
  g_free (record);
}

void
lancer_store_alert_state_free (LancerStoreAlertState *state)
{
  if (state == NULL)
    return;
  g_clear_pointer (&state->records, g_ptr_array_unref);
  g_free (state);
}

/* ---- worker helpers ---- */

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      lancer_store_set_sqlite_error (error, db, sqlite3_errcode (db));
      return FALSE;
    }
  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

#define JOB_SELECT \
  "SELECT j.rid, j.id, j.title, j.url, j.job_type, j.budget, j.hourly_min, j.hourly_max, j.currency," \
  "  j.proposals, j.client_country, j.client_total_spent, j.client_rating, j.client_payment_verified," \
  "  (SELECT s.score FROM job_scores s WHERE s.job_rid = j.rid ORDER BY s.kind = 'local' DESC LIMIT 1)," \
  "  (SELECT group_concat (ss.name, char (10)) FROM job_matches m" \
  "     JOIN saved_searches ss ON ss.id = m.search_id WHERE m.job_rid = j.rid)" \
  " FROM jobs j"

static LancerStoreAlertJob *
job_from_stmt (sqlite3_stmt *stmt)
{
  LancerStoreAlertJob *job = g_new0 (LancerStoreAlertJob, 1);
  const char *searches = (const char *) sqlite3_column_text (stmt, 15);

  job->rid = sqlite3_column_int64 (stmt, 0);
  job->id = _lancer_store_dup_column (stmt, 1);
  job->title = _lancer_store_dup_column (stmt, 2);
  job->url = _lancer_store_dup_column (stmt, 3);
  job->hourly = sqlite3_column_int (stmt, 4) == 1;
  job->budget = _lancer_store_column_double_or (stmt, 5, NAN);
  job->hourly_min = _lancer_store_column_double_or (stmt, 6, NAN);
  job->hourly_max = _lancer_store_column_double_or (stmt, 7, NAN);
  job->currency = _lancer_store_dup_column (stmt, 8);
  job->proposals = sqlite3_column_int (stmt, 9);
  job->client_country = _lancer_store_dup_column (stmt, 10);
  job->client_spent = _lancer_store_column_double_or (stmt, 11, NAN);
  job->client_rating = _lancer_store_column_double_or (stmt, 12, NAN);
  job->payment_verified = sqlite3_column_int (stmt, 13) != 0;
  job->score = _lancer_store_column_double_or (stmt, 14, NAN);
  job->searches = searches != NULL ? g_strsplit (searches, "\n", -1) : g_new0 (char *, 1);
  return job;
}

static gboolean
read_job_rows (sqlite3                *db,
               sqlite3_stmt           *stmt,
               LancerStoreAlertBatch  *batch,
               GError                **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LancerStoreAlertJob *job = job_from_stmt (stmt);

      batch->watermark = MAX (batch->watermark, job->rid);
      if (job->id != NULL)
        g_ptr_array_add (batch->rows, job);
      else
        lancer_store_alert_job_free (job);
    }
  if (rc != SQLITE_DONE)
    {
      lancer_store_set_sqlite_error (error, db, rc);
      return FALSE;
    }
  return TRUE;
}

static LancerStoreAlertBatch *
batch_new (GDestroyNotify free_row,
           gint64         after)
{
  LancerStoreAlertBatch *batch = g_new0 (LancerStoreAlertBatch, 1);

  batch->rows = g_ptr_array_new_with_free_func (free_row);
  batch->watermark = after;
  batch->unread = -1;
  return batch;
}

/* ---- reads ---- */

typedef struct
{
  gint64  after;
  guint   limit;
  GStrv   ids;
} ReadArgs;

static void
read_args_free (ReadArgs *args)
{
  g_strfreev (args->ids);
  g_free (args);
}

static gpointer
read_jobs_worker (LancerStore   *store,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  ReadArgs *args = data;
  g_autoptr(LancerStoreAlertBatch) batch = batch_new ((GDestroyNotify) lancer_store_alert_job_free, args->after);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!query_int (db, "SELECT COALESCE (SUM (unread), 0) FROM rooms", &batch->unread, error))
    return NULL;
  stmt = _lancer_store_prepare (db, JOB_SELECT " WHERE j.rid > ?1 AND j.hidden = 0 ORDER BY j.rid LIMIT ?2",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, args->after);
  sqlite3_bind_int (stmt, 2, (int) args->limit);
  if (!read_job_rows (db, stmt, batch, error))
    return NULL;
  return g_steal_pointer (&batch);
}

static gpointer
read_jobs_by_id_worker (LancerStore   *store,
                        sqlite3       *db,
                        gpointer       data,
                        GCancellable  *cancellable,
                        GError       **error)
{
  ReadArgs *args = data;
  g_autoptr(LancerStoreAlertBatch) batch = batch_new ((GDestroyNotify) lancer_store_alert_job_free, 0);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _lancer_store_prepare (db, JOB_SELECT " WHERE j.id = ?1 AND j.hidden = 0", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; args->ids != NULL && args->ids[i] != NULL; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, args->ids[i], -1, SQLITE_TRANSIENT);
      if (!read_job_rows (db, stmt, batch, error))
        return NULL;
    }
  return g_steal_pointer (&batch);
}

static gpointer
story_from_row (LancerStore   *store,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  LancerStoreAlertStory *story = g_new0 (LancerStoreAlertStory, 1);

  story->rid = sqlite3_column_int64 (stmt, 0);
  story->id = _lancer_store_dup_column (stmt, 1);
  story->room_id = _lancer_store_dup_column (stmt, 2);
  story->sender = _lancer_store_dup_column (stmt, 3);
  story->topic = _lancer_store_dup_column (stmt, 4);
  /* A locked keyring leaves the text out; the alert says less. */
  story->text = lancer_store_column_unseal (store, stmt, 5, "stories.body", NULL);
  return story;
}

static gpointer
read_stories_worker (LancerStore   *store,
                     sqlite3       *db,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  ReadArgs *args = data;
  g_autoptr(LancerStoreAlertBatch) batch = batch_new ((GDestroyNotify) lancer_store_alert_story_free, args->after);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) stories = NULL;
  gint64 newest = 0;

  if (!query_int (db, "SELECT COALESCE (SUM (unread), 0) FROM rooms", &batch->unread, error) ||
      !query_int (db, "SELECT COALESCE (MAX (rowid), 0) FROM stories", &newest, error))
    return NULL;
  /* Stories in read rooms are not news, but the watermark moves past them. */
  batch->watermark = MAX (args->after, newest);
  stmt = _lancer_store_prepare (db,
    "SELECT s.rowid, s.id, s.room_id, s.sender, r.topic, s.body FROM stories s"
    " JOIN rooms r ON r.id = s.room_id"
    " WHERE s.rowid > ?1 AND r.unread > 0 ORDER BY s.rowid LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, args->after);
  sqlite3_bind_int (stmt, 2, (int) args->limit);
  stories = _lancer_store_collect_rows (store, db, stmt, story_from_row,
                                        (GDestroyNotify) lancer_store_alert_story_free, error);
  if (stories == NULL)
    return NULL;
  g_ptr_array_extend_and_steal (batch->rows, g_steal_pointer (&stories));
  return g_steal_pointer (&batch);
}

static void
read_async (LancerStore           *store,
            LancerStoreWorkerFunc  worker,
            gint64                 after,
            guint                  limit,
            const char * const    *ids,
            GCancellable          *cancellable,
            GAsyncReadyCallback    callback,
            gpointer               user_data)
{
  ReadArgs *args = g_new0 (ReadArgs, 1);

  args->after = after;
  args->limit = limit;
  args->ids = g_strdupv ((char **) ids);
  lancer_store_run_async (store, FALSE, NULL, worker, args, (GDestroyNotify) read_args_free,
                          (GDestroyNotify) lancer_store_alert_batch_free, cancellable, callback, user_data);
}

void
lancer_store_alerts_read_jobs_async (LancerStore         *store,
                                     gint64               after,
                                     guint                limit,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));

  read_async (store, read_jobs_worker, after, limit, NULL, cancellable, callback, user_data);
}

void
lancer_store_alerts_read_jobs_by_id_async (LancerStore         *store,
                                           const char * const  *ids,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));

  read_async (store, read_jobs_by_id_worker, 0, 0, ids, cancellable, callback, user_data);
}

void
lancer_store_alerts_read_stories_async (LancerStore         *store,
                                        gint64               after,
                                        guint                limit,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));

  read_async (store, read_stories_worker, after, limit, NULL, cancellable, callback, user_data);
}

LancerStoreAlertBatch *
lancer_store_alerts_read_finish (LancerStore   *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

/* ---- records ---- */

static gpointer
record_from_row (LancerStore   *store,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  return lancer_store_alert_record_new ((const char *) sqlite3_column_text (stmt, 0),
                                        (const char *) sqlite3_column_text (stmt, 1),
                                        (const char *) sqlite3_column_text (stmt, 2),
                                        sqlite3_column_int64 (stmt, 3));
}

static GPtrArray *
load_records (sqlite3  *db,
              gint64    since,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db,
                           "SELECT channel, key, job_id, sent_at FROM notifications_sent"
                           " WHERE channel LIKE 'alert%' AND sent_at >= ?1 ORDER BY sent_at", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, since);
  return _lancer_store_collect_rows (NULL, db, stmt, record_from_row,
                                     (GDestroyNotify) lancer_store_alert_record_free, error);
}

static gpointer
read_state_worker (LancerStore   *store,
                   sqlite3       *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(LancerStoreAlertState) state = g_new0 (LancerStoreAlertState, 1);

  if (!query_int (db, "SELECT COALESCE (MAX (rid), 0) FROM jobs", &state->job_watermark, error) ||
      !query_int (db, "SELECT COALESCE (MAX (rowid), 0) FROM stories", &state->story_watermark, error) ||
      !query_int (db, "SELECT COALESCE (SUM (unread), 0) FROM rooms", &state->unread, error))
    return NULL;
  state->records = load_records (db, *(gint64 *) data, error);
  if (state->records == NULL)
    return NULL;
  return g_steal_pointer (&state);
}

void
lancer_store_alerts_read_state_async (LancerStore         *store,
                                      gint64               since,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));

  lancer_store_run_async (store, FALSE, NULL, read_state_worker, g_memdup2 (&since, sizeof since), g_free,
                          (GDestroyNotify) lancer_store_alert_state_free, cancellable, callback, user_data);
}

LancerStoreAlertState *
lancer_store_alerts_read_state_finish (LancerStore   *store,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

static gpointer
load_records_worker (LancerStore   *store,
                     sqlite3       *db,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return load_records (db, *(gint64 *) data, error);
}

void
lancer_store_alerts_load_records_async (LancerStore         *store,
                                        gint64               since,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));

  lancer_store_run_async (store, FALSE, NULL, load_records_worker, g_memdup2 (&since, sizeof since), g_free,
                          (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
lancer_store_alerts_load_records_finish (LancerStore   *store,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

typedef struct
{
  GPtrArray *records;
  char      *replaced_channel;
} AddArgs;

static void
add_args_free (AddArgs *args)
{
  g_ptr_array_unref (args->records);
  g_free (args->replaced_channel);
  g_free (args);
}

static gpointer
add_records_worker (LancerStore   *store,
                    sqlite3       *db,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  AddArgs *args = data;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) delete = NULL;

  insert = _lancer_store_prepare (db,
                                  "INSERT OR REPLACE INTO notifications_sent (channel, key, job_id, sent_at)"
                                  " VALUES (?1, ?2, ?3, ?4)", error);
  if (insert == NULL)
    return NULL;
  if (args->replaced_channel != NULL)
    {
      delete = _lancer_store_prepare (db, "DELETE FROM notifications_sent WHERE channel = ?1 AND key = ?2", error);
      if (delete == NULL)
        return NULL;
    }
  for (guint i = 0; i < args->records->len; i++)
    {
      LancerStoreAlertRecord *r = g_ptr_array_index (args->records, i);

      if (delete != NULL)
        {
          sqlite3_reset (delete);
          sqlite3_bind_text (delete, 1, args->replaced_channel, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (delete, 2, r->key, -1, SQLITE_TRANSIENT);
          if (!_lancer_store_step_done (db, delete, error))
            return NULL;
        }
      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, r->channel, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 2, r->key, -1, SQLITE_TRANSIENT);
      _lancer_store_bind_text_or_null (insert, 3, r->job_id);
      sqlite3_bind_int64 (insert, 4, r->sent_at);
      if (!_lancer_store_step_done (db, insert, error))
        return NULL;
    }
  return NULL;
}

void
lancer_store_alerts_add_records_async (LancerStore         *store,
                                       GPtrArray           *records,
                                       const char          *replaced_channel,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  AddArgs *args = g_new0 (AddArgs, 1);

  g_return_if_fail (LANCER_IS_STORE (store));

  args->records = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_store_alert_record_free);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      LancerStoreAlertRecord *r = g_ptr_array_index (records, i);

      g_ptr_array_add (args->records, lancer_store_alert_record_new (r->channel, r->key, r->job_id, r->sent_at));
    }
  args->replaced_channel = g_strdup (replaced_channel);
  lancer_store_run_async (store, TRUE, "notifications_sent", add_records_worker, args,
                          (GDestroyNotify) add_args_free, NULL, cancellable, callback, user_data);
}

gboolean
lancer_store_alerts_add_records_finish (LancerStore   *store,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return _lancer_store_run_finish_boolean (store, result, error);
}
