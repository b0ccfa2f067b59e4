/* lancer-store-pipeline.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-proposal.h"
#include "lancer-store.h"

G_BEGIN_DECLS

/* Which proposals to list; all fields optional. */
typedef struct
{
  int          stage;        /* a LancerProposalStage, or -1 for all */
  gint64       variant_id;   /* 0: any */
  gint64       since;        /* unix s; 0: any time (by last update) */
  const char  *text;         /* in the job title or the (decrypted) letter */
} LancerProposalFilter;

void        lancer_proposal_filter_init          (LancerProposalFilter *filter);

typedef struct
{
  char   *status;
  gint64  at;
  char   *source;
} LancerProposalEvent;

typedef struct
{
  LancerProposal *proposal;
  char           *cover_letter;   /* the submitted letter, or NULL */
  char           *draft;          /* the editable draft, or NULL */
  GPtrArray      *events;         /* LancerProposalEvent, oldest first */
} LancerProposalDetail;

void        lancer_proposal_detail_free          (LancerProposalDetail *detail);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerProposalDetail, lancer_proposal_detail_free)

/* Newest (by update) first. */
void        lancer_store_list_proposals_async    (LancerStore                *store,
                                                  const LancerProposalFilter *filter,
                                                  GCancellable               *cancellable,
                                                  GAsyncReadyCallback         callback,
                                                  gpointer                    user_data);
/* Returns: (transfer full) (element-type LancerProposal) */
GPtrArray  *lancer_store_list_proposals_finish   (LancerStore                *store,
                                                  GAsyncResult               *result,
                                                  GError                    **error);

/* How many proposals are in each stage (LANCER_PROPOSAL_N_STAGES guints). */
void        lancer_store_count_proposal_stages_async  (LancerStore         *store,
                                                  GCancellable               *cancellable,
                                                  GAsyncReadyCallback         callback,
                                                  gpointer                    user_data);
guint      *lancer_store_count_proposal_stages_finish (LancerStore         *store,
                                                  GAsyncResult               *result,
                                                  GError                    **error);

/* Fails with LANCER_STORE_ERROR_LOCKED when the letter cannot be read. */
void        lancer_store_get_proposal_detail_async  (LancerStore           *store,
                                                  gint64                      proposal_id,
                                                  GCancellable               *cancellable,
                                                  GAsyncReadyCallback         callback,
                                                  gpointer                    user_data);
LancerProposalDetail *lancer_store_get_proposal_detail_finish (LancerStore     *store,
                                                  GAsyncResult               *result,
                                                  GError                    **error);

/* Records a status change of a proposal (and moves the proposal there). */
void        lancer_store_add_proposal_event_async  (LancerStore            *store,
                                                  gint64                      proposal_id,
                                                  const char                 *status,
                                                  gint64                      at,
                                                  GCancellable               *cancellable,
                                                  GAsyncReadyCallback         callback,
                                                  gpointer                    user_data);
gboolean    lancer_store_add_proposal_event_finish (LancerStore            *store,
                                                  GAsyncResult               *result,
                                                  GError                    **error);

/* What the sync_state table says about @resources (NULL-terminated names):
 * the oldest last success among them and the first recorded error. */
typedef struct
{
  gint64  last_success_at;   /* 0: never */
  gint64  last_attempt_at;
  char   *last_error;        /* NULL: fine */
} LancerSyncStatus;

void        lancer_sync_status_free              (LancerSyncStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerSyncStatus, lancer_sync_status_free)

void        lancer_store_get_sync_status_async   (LancerStore                *store,
                                                  const char * const         *resources,
                                                  GCancellable               *cancellable,
                                                  GAsyncReadyCallback         callback,
                                                  gpointer                    user_data);
LancerSyncStatus *lancer_store_get_sync_status_finish (LancerStore           *store,
                                                  GAsyncResult               *result,
                                                  GError                    **error);

G_END_DECLS
