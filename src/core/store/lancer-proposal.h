/* lancer-proposal.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

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

#define LANCER_TYPE_PROPOSAL_STAGE (lancer_proposal_stage_get_type ())
GType       lancer_proposal_stage_get_type    (void) G_GNUC_CONST;

LancerProposalStage lancer_proposal_stage_from_status (const char          *status);
/* "draft", "sent", … */
const char *lancer_proposal_stage_to_string   (LancerProposalStage  stage);
/* Translated: "Draft", "Sent", … */
const char *lancer_proposal_stage_get_label   (LancerProposalStage  stage);

#define LANCER_TYPE_PROPOSAL (lancer_proposal_get_type ())
G_DECLARE_FINAL_TYPE (LancerProposal, lancer_proposal, LANCER, PROPOSAL, GObject)

/* A read-only snapshot of one proposal row (no cover letter: that is
 * sealed and only read for the detail view). Every field is a read-only
 * property, so templates can bind to it. */
gint64              lancer_proposal_get_id             (LancerProposal *self);
const char         *lancer_proposal_get_upwork_id      (LancerProposal *self);
const char         *lancer_proposal_get_job_id         (LancerProposal *self);
/* NULL when the job is no longer stored. */
const char         *lancer_proposal_get_job_title      (LancerProposal *self);
/* The job's title, or a translated "Job no longer stored". */
const char         *lancer_proposal_get_title          (LancerProposal *self);
const char         *lancer_proposal_get_job_url        (LancerProposal *self);
const char         *lancer_proposal_get_status         (LancerProposal *self);
LancerProposalStage lancer_proposal_get_stage          (LancerProposal *self);
/* Translated stage name: "Sent", "Interview", … */
const char         *lancer_proposal_get_stage_label    (LancerProposal *self);
/* 0: written without A/B variants. */
gint64              lancer_proposal_get_variant_id     (LancerProposal *self);
const char         *lancer_proposal_get_variant_name   (LancerProposal *self);
/* NAN: not known. */
double              lancer_proposal_get_bid_amount     (LancerProposal *self);
/* 0 fixed price, 1 hourly, -1 not known. */
int                 lancer_proposal_get_bid_type       (LancerProposal *self);
/* -1: not known. */
int                 lancer_proposal_get_connects_spent (LancerProposal *self);
gint64              lancer_proposal_get_created_at     (LancerProposal *self);
gint64              lancer_proposal_get_updated_at     (LancerProposal *self);
/* 0: never submitted. */
gint64              lancer_proposal_get_submitted_at   (LancerProposal *self);
/* The client's conversation, or NULL. */
const char         *lancer_proposal_get_room_id        (LancerProposal *self);

G_END_DECLS
