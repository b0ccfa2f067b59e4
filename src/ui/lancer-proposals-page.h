/* lancer-proposals-page.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lancer-session.h"

G_BEGIN_DECLS

#define LANCER_TYPE_PROPOSALS_PAGE (lancer_proposals_page_get_type ())
G_DECLARE_FINAL_TYPE (LancerProposalsPage, lancer_proposals_page, LANCER, PROPOSALS_PAGE, GtkWidget)

LancerSession *lancer_proposals_page_get_session (LancerProposalsPage *self);
void           lancer_proposals_page_set_session (LancerProposalsPage *self,
                                                  LancerSession       *session);
/* "loading", "error", "empty" or "main". */
const char    *lancer_proposals_page_get_mode    (LancerProposalsPage *self);
/* The proposals shown (after filters), and per stage counts. */
guint          lancer_proposals_page_get_n_shown (LancerProposalsPage *self);
guint          lancer_proposals_page_get_stage_count (LancerProposalsPage *self,
                                                  guint                stage);
/* Selects a proposal and shows its detail (as a click would). */
void           lancer_proposals_page_show_proposal (LancerProposalsPage *self,
                                                  gint64               proposal_id);
/* TRUE once the detail of the shown proposal has loaded. */
gboolean       lancer_proposals_page_get_detail_loaded (LancerProposalsPage *self);

G_END_DECLS
