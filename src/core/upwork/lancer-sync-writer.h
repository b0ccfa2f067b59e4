/* lancer-sync-writer.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-store.h"
#include "lancer-store-searches.h"   /* LancerSavedSearch, the saved-search API */
#include "lancer-upwork-parse.h"

G_BEGIN_DECLS

/* What the sync engine writes beyond jobs, on the store's worker thread
 * through lancer_store_run_async(): one transaction per call. */

typedef enum
{
  LANCER_SYNC_WRITE_PROPOSALS,      /* LancerUpworkProposal */
  LANCER_SYNC_WRITE_ROOMS,          /* LancerUpworkRoom */
  LANCER_SYNC_WRITE_STORIES,        /* LancerUpworkStory (bodies sealed) */
  LANCER_SYNC_WRITE_CONTRACTS,      /* LancerUpworkContract */
  LANCER_SYNC_WRITE_DIARY,          /* LancerUpworkDiaryDay (memos sealed) */
  LANCER_SYNC_WRITE_TRANSACTIONS,   /* LancerUpworkTransaction */
} LancerSyncWriteKind;

typedef struct
{
  gint64  id;
  char   *room_id;
  char   *body;
  char   *state;
  guint   attempts;
  char   *last_error;
  gint64  created_at;
} LancerOutboxItem;

void     lancer_outbox_item_free      (LancerOutboxItem  *item);

/* @items: element type per @kind (not taken). Returns the rows written. */
void     lancer_sync_write_async      (LancerStore         *store,
                                       LancerSyncWriteKind  kind,
                                       GPtrArray           *items,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gssize   lancer_sync_write_finish     (LancerStore         *store,
                                       GAsyncResult        *result,
                                       GError             **error);

/* job_matches rows for @search_id (0: none) and the jobs of @job_ids. */
void     lancer_sync_write_matches_async (LancerStore      *store,
                                       gint64               search_id,
                                       GStrv                job_ids,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean lancer_sync_write_matches_finish (LancerStore     *store,
                                       GAsyncResult        *result,
                                       GError             **error);

/* sync_state: the cursor of @resource (NULL if none). */
void     lancer_sync_state_get_async  (LancerStore         *store,
                                       const char          *resource,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
char    *lancer_sync_state_get_finish (LancerStore         *store,
                                       GAsyncResult        *result,
                                       GError             **error);
/* Records an attempt: success (with a new @cursor unless NULL) or @error_message. */
void     lancer_sync_state_set_async  (LancerStore         *store,
                                       const char          *resource,
                                       const char          *cursor,
                                       const char          *error_message,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean lancer_sync_state_set_finish (LancerStore         *store,
                                       GAsyncResult        *result,
                                       GError             **error);

/* When each resource last synced well: resource → gint64* unix s. */
void        lancer_sync_state_times_async   (LancerStore         *store,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GHashTable *lancer_sync_state_times_finish  (LancerStore         *store,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Which of @story_ids are stored: a set of ids. */
void        lancer_sync_stories_known_async (LancerStore         *store,
                                             const char * const  *story_ids,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GHashTable *lancer_sync_stories_known_finish (LancerStore        *store,
                                             GAsyncResult        *result,
                                             GError             **error);
/* The days (YYYY-MM-DD) of @contract_id's work diary that are stored. */
void        lancer_sync_diary_days_known_async  (LancerStore         *store,
                                                 const char          *contract_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GHashTable *lancer_sync_diary_days_known_finish (LancerStore         *store,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Outbox */
void       lancer_outbox_add_async      (LancerStore         *store,
                                         const char          *room_id,
                                         const char          *body,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gint64     lancer_outbox_add_finish     (LancerStore         *store,
                                         GAsyncResult        *result,
                                         GError             **error);
/* Messages not yet confirmed (pending, failed, or cut off while sending). */
void       lancer_outbox_pending_async  (LancerStore         *store,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GPtrArray *lancer_outbox_pending_finish (LancerStore         *store,
                                         GAsyncResult        *result,
                                         GError             **error);
/* @story: the confirmed story (sent) or NULL with @error_message (failed). */
void       lancer_outbox_mark_async     (LancerStore         *store,
                                         gint64               id,
                                         const char          *state,
                                         LancerUpworkStory   *story,
                                         const char          *error_message,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean   lancer_outbox_mark_finish    (LancerStore         *store,
                                         GAsyncResult        *result,
                                         GError             **error);

/* Read side for the CLI: proposals and stories as JSON arrays. */
void       lancer_sync_read_async       (LancerStore         *store,
                                         const char          *what,      /* "proposals" or "messages" */
                                         const char          *filter,    /* status or room id, or NULL */
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
JsonNode  *lancer_sync_read_finish      (LancerStore         *store,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
