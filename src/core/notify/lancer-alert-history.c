/* lancer-alert-history.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-alerts"

#include "config.h"

#include "lancer-alert-history.h"

LancerAlertRecord *
lancer_alert_record_new (const char      *key,
                         LancerAlertKind  kind,
                         const char      *job_id,
                         gint64           sent_at)
{
  LancerAlertRecord *record = g_new0 (LancerAlertRecord, 1);

  record->key = g_strdup (key);
  record->kind = kind;
  record->job_id = g_strdup (job_id);
  record->sent_at = sent_at;
  return record;
}

void
lancer_alert_record_free (LancerAlertRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->key);
  g_free (record->job_id);
  g_free (record);
}

static GPtrArray *
copy_records (GPtrArray *records)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_alert_record_free);

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      LancerAlertRecord *r = g_ptr_array_index (records, i);

      g_ptr_array_add (copy, lancer_alert_record_new (r->key, r->kind, r->job_id, r->sent_at));
    }
  return copy;
}

static gpointer
load_worker (LancerStore   *store,
             sqlite3       *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  gint64 since = *(gint64 *) data;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_alert_record_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT channel, key, job_id, sent_at FROM notifications_sent"
                           " WHERE channel LIKE 'alert%' AND sent_at >= ?1 ORDER BY sent_at",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      lancer_store_propagate_sqlite_error (error, db, rc);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, since);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LancerAlertKind kind;

      if (!lancer_alert_kind_from_channel ((const char *) sqlite3_column_text (stmt, 0), &kind))
        continue;
      g_ptr_array_add (records, lancer_alert_record_new ((const char *) sqlite3_column_text (stmt, 1), kind,
                                                         (const char *) sqlite3_column_text (stmt, 2),
                                                         sqlite3_column_int64 (stmt, 3)));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      lancer_store_propagate_sqlite_error (error, db, rc);
      return NULL;
    }
  return g_steal_pointer (&records);
}

void
lancer_alert_history_load_async (LancerStore         *store,
                                 gint64               since,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));

  lancer_store_run_async (store, FALSE, NULL, load_worker, g_memdup2 (&since, sizeof since), g_free,
                          (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
lancer_alert_history_load_finish (LancerStore   *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  GError *local = NULL;
  GPtrArray *records = lancer_store_run_finish (store, result, &local);

  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (records == NULL)
    records = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_alert_record_free);
  return records;
}

void
lancer_alert_history_apply (GPtrArray         *records,
                            LancerAlertPolicy *policy)
{
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      LancerAlertRecord *r = g_ptr_array_index (records, i);

      lancer_alert_policy_remember (policy, r->key, r->kind, r->sent_at);
    }
}

static gpointer
add_worker (LancerStore   *store,
            sqlite3       *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  GPtrArray *records = data;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "INSERT OR REPLACE INTO notifications_sent (channel, key, job_id, sent_at)"
                           " VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      lancer_store_propagate_sqlite_error (error, db, rc);
      return NULL;
    }
  for (guint i = 0; i < records->len; i++)
    {
      LancerAlertRecord *r = g_ptr_array_index (records, i);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, lancer_alert_kind_to_channel (r->kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, r->key, -1, SQLITE_TRANSIENT);
      if (r->job_id != NULL)
        sqlite3_bind_text (stmt, 3, r->job_id, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, 3);
      sqlite3_bind_int64 (stmt, 4, r->sent_at);
      if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
        {
          sqlite3_finalize (stmt);
          lancer_store_propagate_sqlite_error (error, db, rc);
          return NULL;
        }
    }
  sqlite3_finalize (stmt);
  return NULL;
}

void
lancer_alert_history_add_async (LancerStore         *store,
                                GPtrArray           *records,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));

  lancer_store_run_async (store, TRUE, "notifications_sent", add_worker, copy_records (records),
                          (GDestroyNotify) g_ptr_array_unref, NULL, cancellable, callback, user_data);
}

gboolean
lancer_alert_history_add_finish (LancerStore   *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  GError *local = NULL;

  lancer_store_run_finish (store, result, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}
