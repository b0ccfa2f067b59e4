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

/* "Write Proposal": the editor for one job (SLOT: the AI engineer's
 * LancerProposalEditor goes into the editor slot once it is committed;
 * until then a plain editor with word count, copy and open on Upwork),
 * and "Mark as Sent" recording rate, Connects, variant and the time spent
 * writing (lancer_proposal_mark_sent_async()), after the user confirms. */
GtkWindow *lancer_proposal_sheet_new (GtkWindow     *parent,
                                      LancerSession *session,
                                      LancerJob     *job);

G_END_DECLS
