/* lancer-proposal-detail-view.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lancer-store-pipeline.h"

G_BEGIN_DECLS

#define LANCER_TYPE_PROPOSAL_DETAIL_VIEW (lancer_proposal_detail_view_get_type ())
G_DECLARE_FINAL_TYPE (LancerProposalDetailView, lancer_proposal_detail_view, LANCER, PROPOSAL_DETAIL_VIEW, GtkWidget)

/* The right-hand pane of the Proposals page: terms, timeline and cover
 * letter of one proposal; a draft's letter is editable and saved (sealed)
 * as the user types. The buttons activate the page's proposals.* actions. */
LancerProposal *lancer_proposal_detail_view_get_proposal (LancerProposalDetailView *self);
/* Shows @detail (taken); drafts are saved to @store. */
void            lancer_proposal_detail_view_set_detail   (LancerProposalDetailView *self,
                                                          LancerStore              *store,
                                                          LancerProposalDetail     *detail);
void            lancer_proposal_detail_view_show_error   (LancerProposalDetailView *self,
                                                          const char               *message);
/* Back to "Choose a Proposal" (saving a draft being edited first). */
void            lancer_proposal_detail_view_clear        (LancerProposalDetailView *self);
/* Saves the draft being edited now instead of after the typing pause. */
void            lancer_proposal_detail_view_save_now     (LancerProposalDetailView *self);
/* TRUE once a detail (or its error) is shown. */
gboolean        lancer_proposal_detail_view_get_loaded   (LancerProposalDetailView *self);
/* The draft is being edited: a reload must not replace the text. */
gboolean        lancer_proposal_detail_view_get_editing  (LancerProposalDetailView *self);

G_END_DECLS
