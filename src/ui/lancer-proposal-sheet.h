/* lancer-proposal-sheet.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lancer-job.h"
#include "lancer-session.h"

G_BEGIN_DECLS

#define LANCER_TYPE_PROPOSAL_SHEET (lancer_proposal_sheet_get_type ())
G_DECLARE_FINAL_TYPE (LancerProposalSheet, lancer_proposal_sheet, LANCER, PROPOSAL_SHEET, AdwWindow)

/* "Write Proposal": the AI editor for one job, then Submit to Upwork or
 * Mark as Sent with rate, Connects, the chosen variant and the time spent
 * writing (lancer_proposal_mark_sent_async()), after the user confirms;
 * once sent it closes and the main window offers "Submitted · View". */
GtkWindow *lancer_proposal_sheet_new (GtkWindow     *parent,
                                      LancerSession *session,
                                      LancerJob     *job);

G_END_DECLS
