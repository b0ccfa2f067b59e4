/* lancer-proposals-page.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-page.h"

G_BEGIN_DECLS

#define LANCER_TYPE_PROPOSALS_PAGE (lancer_proposals_page_get_type ())
G_DECLARE_FINAL_TYPE (LancerProposalsPage, lancer_proposals_page, LANCER, PROPOSALS_PAGE, LancerPage)

/* The proposals pipeline: a searchable list by status beside the chosen
 * proposal's terms, timeline and letter; archive with Undo. */

/* Opens @proposal_id's detail (in front when the page is folded). */
void lancer_proposals_page_show_proposal (LancerProposalsPage *self,
                                          gint64               proposal_id);

G_END_DECLS
