/* lancer-store-alerts.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-store.h"

G_BEGIN_DECLS

/* The alert notifier's queries, run on the store's worker: new jobs and
 * client messages past a watermark, the jobs held back for a digest, and
 * what was alerted before (notifications_sent, channels "alert…"). */

/* A stored job as an alert needs it; the notifier words it. */
typedef struct
{
  gint64  rid;
  char   *id;
  char   *title;
  char   *url;
  gboolean hourly;
  double  budget;          /* NAN when unknown, like the rates */
  double  hourly_min;
  double  hourly_max;
  char   *currency;
  int     proposals;
  char   *client_country;
  double  client_spent;    /* NAN when unknown */
  double  client_rating;   /* NAN when unknown */
  gboolean payment_verified;
  double  score;           /* the local score first; NAN when unscored */
  GStrv   searches;        /* names of the saved searches that matched */
} LancerStoreAlertJob;

void       lancer_store_alert_job_free        (LancerStoreAlertJob *job);

/* A client message as an alert needs it; text is NULL while the store's
 * key is unavailable (the alert then says less). */
typedef struct
{
  gint64  rid;
  char   *id;
  char   *room_id;
  char   *sender;
  char   *topic;
  char   *text;
} LancerStoreAlertStory;

void       lancer_store_alert_story_free      (LancerStoreAlertStory *story);

/* One read: rows (LancerStoreAlertJob or LancerStoreAlertStory) in rid
 * order, the watermark to continue from and the unread message count. */
typedef struct
{
  GPtrArray *rows;
  gint64     watermark;
  gint64     unread;       /* -1 when unknown */
} LancerStoreAlertBatch;

void       lancer_store_alert_batch_free      (LancerStoreAlertBatch *batch);

/* One row of notifications_sent. */
typedef struct
{
  char   *channel;
  char   *key;
  char   *job_id;          /* NULL for messages */
  gint64  sent_at;
} LancerStoreAlertRecord;

LancerStoreAlertRecord *lancer_store_alert_record_new (const char *channel,
                                              const char          *key,
                                              const char          *job_id,
                                              gint64               sent_at);
void       lancer_store_alert_record_free     (LancerStoreAlertRecord *record);

/* Where the notifier starts: the newest job rid and story rowid, the
 * unread count and the records sent at or after @since. */
typedef struct
{
  gint64     job_watermark;
  gint64     story_watermark;
  gint64     unread;
  GPtrArray *records;      /* LancerStoreAlertRecord, oldest first */
} LancerStoreAlertState;

void       lancer_store_alert_state_free      (LancerStoreAlertState *state);

void       lancer_store_alerts_read_state_async   (LancerStore         *store,
                                                   gint64               since,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
LancerStoreAlertState *lancer_store_alerts_read_state_finish (LancerStore *store,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* Visible jobs with rid > @after (at most @limit). */
void       lancer_store_alerts_read_jobs_async    (LancerStore         *store,
                                                   gint64               after,
                                                   guint                limit,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* The jobs with these ids, still visible (a quiet-hours digest). */
void       lancer_store_alerts_read_jobs_by_id_async (LancerStore      *store,
                                                   const char * const  *ids,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* Stories in unread rooms with rowid > @after (at most @limit). */
void       lancer_store_alerts_read_stories_async (LancerStore         *store,
                                                   gint64               after,
                                                   guint                limit,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* For the three reads above. */
LancerStoreAlertBatch *lancer_store_alerts_read_finish (LancerStore    *store,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* Records sent at or after @since on channels starting with "alert". */
void       lancer_store_alerts_load_records_async (LancerStore         *store,
                                                   gint64               since,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray *lancer_store_alerts_load_records_finish (LancerStore        *store,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* Writes @records (not taken), replacing rows of the same channel and
 * key; rows of @replaced_channel with the same keys are deleted first
 * (held jobs that went out in a digest), unless it is NULL. */
void       lancer_store_alerts_add_records_async  (LancerStore         *store,
                                                   GPtrArray           *records,
                                                   const char          *replaced_channel,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean   lancer_store_alerts_add_records_finish (LancerStore         *store,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerStoreAlertBatch, lancer_store_alert_batch_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerStoreAlertState, lancer_store_alert_state_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerStoreAlertRecord, lancer_store_alert_record_free)

G_END_DECLS
