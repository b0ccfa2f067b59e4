/* lancer-store-scores.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-scorer.h"
#include "lancer-store.h"

G_BEGIN_DECLS

/* The success score's rows: what the scorer learns from (proposals that
 * were sent, with their jobs) and where its scores go (job_scores). */

/* Outcomes of sent proposals: success = replied, interview, offer, hired
 * (or activated); failure = declined, archived, withdrawn, or no news for
 * two weeks. Returns: (element-type LancerScorerOutcome) */
void       lancer_store_list_scorer_outcomes_async  (LancerStore         *store,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray *lancer_store_list_scorer_outcomes_finish (LancerStore         *store,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Scores, on the store worker, up to @limit visible jobs (newest first)
 * that have no 'local' score from @scorer's model yet, and writes them
 * into job_scores. Returns how many were scored (0: all done), -1 on error. */
void       lancer_store_write_local_scores_async    (LancerStore         *store,
                                                     LancerScorer        *scorer,
                                                     guint                limit,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gssize     lancer_store_write_local_scores_finish   (LancerStore         *store,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
