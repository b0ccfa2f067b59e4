/* lancer-store-pipeline.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-store.h"

G_BEGIN_DECLS

/* The stages of the proposals pipeline, in board order. Upwork's statuses
 * (Pending, Accepted, Activated, Offered, …) and Lancer's own lower-case
 * ones (draft, sent, viewed, …) both map onto them. */
typedef enum
{
  LANCER_PROPOSAL_STAGE_DRAFT,
  LANCER_PROPOSAL_STAGE_SENT,
  LANCER_PROPOSAL_STAGE_VIEWED,
  LANCER_PROPOSAL_STAGE_REPLIED,
  LANCER_PROPOSAL_STAGE_INTERVIEW,
  LANCER_PROPOSAL_STAGE_OFFER,
  LANCER_PROPOSAL_STAGE_HIRED,
  LANCER_PROPOSAL_STAGE_DECLINED,
  LANCER_PROPOSAL_STAGE_WITHDRAWN,
  LANCER_PROPOSAL_STAGE_ARCHIVED,
  LANCER_PROPOSAL_N_STAGES,
} LancerProposalStage;

LancerProposalStage lancer_proposal_stage_from_status (const char          *status);
/* "draft", "sent", … */
const char *lancer_proposal_stage_to_string (LancerProposalStage  stage);
/* Translated: "Draft", "Sent", … */
const char *lancer_proposal_stage_get_label (LancerProposalStage  stage);

#define LANCER_TYPE_PROPOSAL (lancer_proposal_get_type ())
G_DECLARE_FINAL_TYPE (LancerProposal, lancer_proposal, LANCER, PROPOSAL, GObject)

/* A read-only snapshot of one proposal row (no cover letter: that is
 * sealed and only read for the detail view). */
struct _LancerProposal
{
  GObject              parent_instance;

  gint64               id;
  char                *upwork_id;
  char                *job_id;
  char                *job_title;       /* NULL when the job is gone */
  char                *job_url;
  char                *status;
  LancerProposalStage  stage;
  gint64               variant_id;      /* 0: none */
  char                *variant_name;
  double               bid_amount;      /* NAN: unknown */
  int                  bid_type;        /* 0 fixed, 1 hourly, -1 unknown */
  int                  connects_spent;  /* -1: unknown */
  gint64               created_at;
  gint64               updated_at;
  gint64               submitted_at;
  char                *room_id;         /* the client's room, or NULL */
};

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
