/* lancer-upwork-submit.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-upwork-client.h"

G_BEGIN_DECLS

/* What a proposal sends to Upwork. The submit call copies what it needs,
 * so the caller's struct may live on the stack. @job_id is the numeric job
 * id; @estimated_duration may be NULL or empty, and is then not sent. */
typedef struct
{
  const char *job_id;
  double      charged_amount;
  const char *cover_letter;
  const char *estimated_duration;
} LancerUpworkProposalTerms;

/* Submits a proposal through createJobProposal, which needs the key's
 * "Submit Proposal" permission. Reads `me` for the user and organization
 * ids first. It spends Connects: call it only after the user confirmed;
 * it is never retried. */
void   lancer_upwork_submit_proposal_async  (LancerUpworkClient              *client,
                                             const LancerUpworkProposalTerms *terms,
                                             GCancellable                    *cancellable,
                                             GAsyncReadyCallback              callback,
                                             gpointer                         user_data);
/* Returns the new Upwork proposal id. */
char  *lancer_upwork_submit_proposal_finish (LancerUpworkClient              *client,
                                             GAsyncResult                    *result,
                                             GError                         **error);

G_END_DECLS
