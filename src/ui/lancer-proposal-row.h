/* lancer-proposal-row.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lancer-proposal.h"

G_BEGIN_DECLS

#define LANCER_TYPE_PROPOSAL_ROW (lancer_proposal_row_get_type ())
G_DECLARE_FINAL_TYPE (LancerProposalRow, lancer_proposal_row, LANCER, PROPOSAL_ROW, GtkWidget)

/* One proposal in the Proposals list: job title, stage, terms and when it
 * last changed, all bound from :proposal in lancer-proposal-row.ui. */
LancerProposal *lancer_proposal_row_get_proposal (LancerProposalRow *self);
void            lancer_proposal_row_set_proposal (LancerProposalRow *self,
                                                  LancerProposal    *proposal);

/* Shared by the row and the detail: "$45 an hour", "$900 fixed price". */
char           *lancer_proposal_format_terms     (LancerProposal    *proposal);
/* "stage-pill", "stage-hired", …: the pill's CSS classes for @stage. */
char          **lancer_proposal_stage_css_classes (LancerProposalStage stage);

G_END_DECLS
