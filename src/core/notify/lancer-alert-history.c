/* lancer-alert-history.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-alerts"

#include "config.h"

#include "lancer-alert-history.h"
#include "lancer-store-alerts.h"

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

static void
records_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) rows = NULL;
  GError *error = NULL;

  rows = lancer_store_alerts_load_records_finish (LANCER_STORE (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, lancer_alert_history_from_store (rows), (GDestroyNotify) g_ptr_array_unref);
}

void
lancer_alert_history_load_async (LancerStore         *store,
                                 gint64               since,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LANCER_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_alert_history_load_async);
  lancer_store_alerts_load_records_async (store, since, cancellable, records_loaded_cb, task);
}

GPtrArray *
lancer_alert_history_load_finish (LancerStore   *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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

GPtrArray *
lancer_alert_history_to_store (GPtrArray *records)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_store_alert_record_free);

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      LancerAlertRecord *r = g_ptr_array_index (records, i);

      g_ptr_array_add (rows, lancer_store_alert_record_new (lancer_alert_kind_to_channel (r->kind), r->key,
                                                            r->job_id, r->sent_at));
    }
  return rows;
}

GPtrArray *
lancer_alert_history_from_store (GPtrArray *rows)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_alert_record_free);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      LancerStoreAlertRecord *row = g_ptr_array_index (rows, i);
      LancerAlertKind kind;

      if (lancer_alert_kind_from_channel (row->channel, &kind))
        g_ptr_array_add (records, lancer_alert_record_new (row->key, kind, row->job_id, row->sent_at));
    }
  return records;
}

void
lancer_alert_history_add_async (LancerStore         *store,
                                GPtrArray           *records,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GPtrArray) rows = lancer_alert_history_to_store (records);

  /* The store checks @store. */
  lancer_store_alerts_add_records_async (store, rows, NULL, cancellable, callback, user_data);
}

gboolean
lancer_alert_history_add_finish (LancerStore   *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return lancer_store_alerts_add_records_finish (store, result, error);
}
