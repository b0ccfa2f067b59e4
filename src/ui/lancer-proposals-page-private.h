/* lancer-proposals-page-private.h: what only tests reach.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lancer-proposal-detail-view.h"
#include "lancer-proposals-page.h"

G_BEGIN_DECLS

/* The proposals the list shows now (LancerProposal). */
GListModel               *_lancer_proposals_page_get_shown        (LancerProposalsPage *self);
guint                     _lancer_proposals_page_get_stage_count  (LancerProposalsPage *self,
                                                                   LancerProposalStage  stage);
GtkEditable              *_lancer_proposals_page_get_search_entry (LancerProposalsPage *self);
GtkDropDown              *_lancer_proposals_page_get_stage_filter (LancerProposalsPage *self);
LancerProposalDetailView *_lancer_proposals_page_get_detail_view  (LancerProposalsPage *self);
/* The last toast the page showed (archive, undo), or NULL. */
AdwToast                 *_lancer_proposals_page_get_last_toast   (LancerProposalsPage *self);
/* TRUE once the detail of the proposal asked for last is shown. */
gboolean                  _lancer_proposals_page_get_detail_loaded (LancerProposalsPage *self);
/* TRUE while the detail pane is in front of the list (folded). */
gboolean                  _lancer_proposals_page_get_detail_shown (LancerProposalsPage *self);

G_END_DECLS
