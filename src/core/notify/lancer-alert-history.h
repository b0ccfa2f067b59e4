/* lancer-alert-history.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-alert-policy.h"
#include "lancer-store.h"

G_BEGIN_DECLS

/* What was alerted, in notifications_sent, so dedupe and the hourly caps
 * survive a restart. The SQL is in lancer-store-alerts.c. */
typedef struct
{
  char            *key;       /* job id or "story:<id>" */
  LancerAlertKind  kind;
  char            *job_id;    /* NULL for messages */
  gint64           sent_at;
} LancerAlertRecord;

LancerAlertRecord *lancer_alert_record_new  (const char         *key,
                                             LancerAlertKind     kind,
                                             const char         *job_id,
                                             gint64              sent_at);
void        lancer_alert_record_free        (LancerAlertRecord  *record);

/* Records sent at or after @since (element type LancerAlertRecord). */
void        lancer_alert_history_load_async (LancerStore        *store,
                                             gint64              since,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
GPtrArray  *lancer_alert_history_load_finish (LancerStore       *store,
                                             GAsyncResult       *result,
                                             GError            **error);
/* Feeds loaded records into @policy. */
void        lancer_alert_history_apply      (GPtrArray          *records,
                                             LancerAlertPolicy  *policy);

/* @records: element type LancerAlertRecord (not taken). */
void        lancer_alert_history_add_async  (LancerStore        *store,
                                             GPtrArray          *records,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
gboolean    lancer_alert_history_add_finish (LancerStore        *store,
                                             GAsyncResult       *result,
                                             GError            **error);

/* @records as notifications_sent rows (element type LancerStoreAlertRecord). */
GPtrArray  *lancer_alert_history_to_store   (GPtrArray          *records);
/* notifications_sent @rows as records (element type LancerAlertRecord);
 * rows of a channel that is not an alert kind are left out. */
GPtrArray  *lancer_alert_history_from_store (GPtrArray          *rows);

G_END_DECLS
