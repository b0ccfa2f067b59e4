/* lancer-analysis-card.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lancer-ai-service.h"

G_BEGIN_DECLS

#define LANCER_TYPE_ANALYSIS_CARD (lancer_analysis_card_get_type ())
G_DECLARE_FINAL_TYPE (LancerAnalysisCard, lancer_analysis_card, LANCER, ANALYSIS_CARD, GtkWidget)

/* Shows the stored AI analysis of @job (fit score, summary, red flags,
 * questions, suggested rate) with an Analyse button. */
GtkWidget  *lancer_analysis_card_new        (LancerAiService    *service,
                                             LancerJob          *job);
void        lancer_analysis_card_analyse    (LancerAnalysisCard *self);
/* "empty", "loading", "result" or "error" (tests). */
const char *lancer_analysis_card_get_state  (LancerAnalysisCard *self);

G_END_DECLS
