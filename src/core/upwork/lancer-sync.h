/* lancer-sync.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-store.h"
#include "lancer-upwork-client.h"

G_BEGIN_DECLS

typedef enum
{
  LANCER_SYNC_STATE_IDLE,
  LANCER_SYNC_STATE_SYNCING,
  LANCER_SYNC_STATE_ERROR,
} LancerSyncState;

typedef enum
{
  LANCER_SYNC_JOBS      = 1 << 0,
  LANCER_SYNC_PROPOSALS = 1 << 1,
  LANCER_SYNC_MESSAGES  = 1 << 2,
  LANCER_SYNC_CONTRACTS = 1 << 3,
  LANCER_SYNC_DIARY     = 1 << 4,
  LANCER_SYNC_EARNINGS  = 1 << 5,
  LANCER_SYNC_ALL       = 0x3f,
  /* Not a resource: a scheduled run, which asks each resource only as
   * often as it can change (jobs every run; proposals and messages every
   * few minutes; contracts, earnings and the diary hourly). */
  LANCER_SYNC_SCHEDULED = 1 << 8,
} LancerSyncResources;

#define LANCER_SYNC_N_RESOURCES 6

GType        lancer_sync_state_get_type     (void);
#define LANCER_TYPE_SYNC_STATE (lancer_sync_state_get_type ())

/* "jobs", "proposals", … ↔ flag; 0 for an unknown name. */
LancerSyncResources lancer_sync_resource_from_name (const char *name);
const char  *lancer_sync_resource_name      (LancerSyncResources resource);

/* What one run did, per resource (index = bit position). */
typedef struct
{
  guint     counts[LANCER_SYNC_N_RESOURCES];
  guint     new_jobs;
  gboolean  attempted[LANCER_SYNC_N_RESOURCES];
  char     *errors[LANCER_SYNC_N_RESOURCES];   /* NULL: fine */
  /* Fields Upwork could not fill although the rest of the answer came
   * (a partial result): kept, stored as unknown, and named here. */
  char     *warnings[LANCER_SYNC_N_RESOURCES];  /* NULL: complete */
  char     *user_name;
  gint64    resume_at;   /* unix s: Upwork asked for a pause until then; 0: none */
} LancerSyncReport;

void         lancer_sync_report_free        (LancerSyncReport *report);
gboolean     lancer_sync_report_is_partial  (const LancerSyncReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerSyncReport, lancer_sync_report_free)

#define LANCER_TYPE_SYNC (lancer_sync_get_type ())

G_DECLARE_FINAL_TYPE (LancerSync, lancer_sync, LANCER, SYNC, GObject)

/* Properties for the UI: "state" (LancerSyncState), "last-synced" (gint64
 * unix s, 0: never), "last-error" (string or NULL), "progress" (0–1),
 * "interval-minutes" (guint), "paused" (offline). Signal "new-jobs"
 * (guint n) after a run stored jobs that were not there before. */
LancerSync      *lancer_sync_new               (LancerStore          *store,
                                                LancerUpworkClient   *client);
LancerUpworkClient *lancer_sync_get_client     (LancerSync           *self);
LancerSyncState  lancer_sync_get_state         (LancerSync           *self);
gint64           lancer_sync_get_last_synced   (LancerSync           *self);
const char      *lancer_sync_get_last_error    (LancerSync           *self);
/* Fields the last run kept unknown because Upwork could not send them,
 * named with their resource; NULL when the answers were complete. */
const char      *lancer_sync_get_last_warning  (LancerSync           *self);
double           lancer_sync_get_progress      (LancerSync           *self);
void             lancer_sync_set_interval_minutes (LancerSync        *self,
                                                guint                 minutes);
/* Pages fetched per saved search at most (default 200 × 50 jobs). */
void             lancer_sync_set_max_pages     (LancerSync           *self,
                                                guint                 pages);
/* Runs now, then every interval; pauses while offline (GNetworkMonitor)
 * and runs again on reconnect. */
void             lancer_sync_start             (LancerSync           *self);
void             lancer_sync_stop              (LancerSync           *self);

/* One run over @resources. Never fails as a whole unless the account
 * could not be read; per-resource errors are in the report. */
void             lancer_sync_run_async         (LancerSync           *self,
                                                LancerSyncResources   resources,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
LancerSyncReport *lancer_sync_run_finish       (LancerSync           *self,
                                                GAsyncResult         *result,
                                                GError              **error);

/* Queues a message in the outbox and tries to send it (and anything else
 * waiting). On failure the message stays queued and is retried by the
 * next sync; the error says so. Returns the outbox id. */
void             lancer_sync_send_message_async  (LancerSync         *self,
                                                const char           *room_id,
                                                const char           *text,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gint64           lancer_sync_send_message_finish (LancerSync         *self,
                                                GAsyncResult         *result,
                                                GError              **error);
/* Sends what waits in the outbox; returns how many were confirmed. */
void             lancer_sync_flush_outbox_async  (LancerSync         *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gssize           lancer_sync_flush_outbox_finish (LancerSync         *self,
                                                GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
