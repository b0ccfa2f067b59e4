/* lancer-proposal-editor.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lancer-ai-service.h"

G_BEGIN_DECLS

#define LANCER_TYPE_PROPOSAL_EDITOR (lancer_proposal_editor_get_type ())
G_DECLARE_FINAL_TYPE (LancerProposalEditor, lancer_proposal_editor, LANCER, PROPOSAL_EDITOR, GtkWidget)

/* The AI proposal editor for one job: streams drafts token by token, stop,
 * regenerate, free editing, tone and length, A/B variants side by side
 * (stacked when narrow), encrypted autosave and clear error states. The
 * Jobs workspace hosts it; lancer_proposal_window_new() shows it alone. */
GtkWidget       *lancer_proposal_editor_new          (LancerSession        *session,
                                                      LancerJob            *job);
LancerAiService *lancer_proposal_editor_get_service  (LancerProposalEditor *self);
LancerJob       *lancer_proposal_editor_get_job      (LancerProposalEditor *self);
/* Starts writing (asking for consent first when a cloud provider has not
 * been used yet). */
void             lancer_proposal_editor_generate     (LancerProposalEditor *self);
void             lancer_proposal_editor_stop         (LancerProposalEditor *self);
void             lancer_proposal_editor_set_n_variants (LancerProposalEditor *self,
                                                      guint                 n_variants);
GtkTextBuffer   *lancer_proposal_editor_get_buffer   (LancerProposalEditor *self,
                                                      guint                 variant);
/* The variant to send (0 = A): the one marked Chosen, 0 with one draft.
 * Notified as "chosen". */
guint            lancer_proposal_editor_get_chosen   (LancerProposalEditor *self);
/* 2 with A/B variants, else 1. */
guint            lancer_proposal_editor_get_n_variants (LancerProposalEditor *self);
/* The text of the chosen variant, as shown. */
char            *lancer_proposal_editor_dup_chosen_text (LancerProposalEditor *self);
gboolean         lancer_proposal_editor_get_partial  (LancerProposalEditor *self,
                                                      guint                 variant);
/* "idle", "consent", "streaming", "done", "stopped" or "error"; notified as "state". */
const char      *lancer_proposal_editor_get_state    (LancerProposalEditor *self);
/* TRUE when the variants are side by side, FALSE when stacked. */
gboolean         lancer_proposal_editor_get_side_by_side (LancerProposalEditor *self);

/* A window with the job's analysis card above the editor. */
GtkWindow       *lancer_proposal_window_new          (GtkWindow            *parent,
                                                      LancerSession        *session,
                                                      LancerJob            *job);

G_END_DECLS
