/* lancer-scorer.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-job.h"
#include "lancer-store.h"

G_BEGIN_DECLS

/* The local success score: the chance (0–100) that a proposal to a job
 * gets a reply or better, from a logistic regression (liblinear, L2) trained
 * on the user's own proposal outcomes. Until LANCER_SCORER_MIN_OUTCOMES
 * outcomes exist (both kinds present), a documented heuristic is used
 * instead (see lancer_scorer_get_heuristic_formula()). */
#define LANCER_SCORER_MIN_OUTCOMES 30

/* One past proposal: the job as it was, when it was sent, and whether it
 * got a reply (or an interview or a hire). */
typedef struct
{
  LancerJob *job;
  gint64     sent_at;
  gboolean   success;
} LancerScorerOutcome;

LancerScorerOutcome *lancer_scorer_outcome_new  (LancerJob *job,
                                                 gint64     sent_at,
                                                 gboolean   success);
void                 lancer_scorer_outcome_free (LancerScorerOutcome *outcome);

typedef struct
{
  char   *text;          /* translated, e.g. "Client spent $12K" */
  double  contribution;  /* > 0 raises the score */
} LancerScoreReason;

typedef struct
{
  double     score;      /* 0–100 */
  gboolean   heuristic;  /* TRUE: the formula, not a trained model */
  GPtrArray *reasons;    /* LancerScoreReason, largest |contribution| first */
} LancerScore;

void         lancer_score_free                   (LancerScore *score);
/* "text|+0.42\ntext|-0.10" for job_scores.explanation, and back. */
char        *lancer_score_serialize_reasons      (const LancerScore *score,
                                                  guint              max_reasons);
GPtrArray   *lancer_score_parse_reasons          (const char        *explanation);

#define LANCER_TYPE_SCORER (lancer_scorer_get_type ())
G_DECLARE_FINAL_TYPE (LancerScorer, lancer_scorer, LANCER, SCORER, GObject)

LancerScorer *lancer_scorer_new                  (void);
/* The user's skills (skills overlap feature); copies @skills. */
void         lancer_scorer_set_user_skills       (LancerScorer        *self,
                                                  const char * const  *skills);
/* Heuristic input: the user's floors (0: none). */
void         lancer_scorer_set_floors            (LancerScorer        *self,
                                                  double               budget_floor,
                                                  double               rate_floor);
/* TRUE once a model trained on ≥ LANCER_SCORER_MIN_OUTCOMES outcomes is in use. */
gboolean     lancer_scorer_get_trained           (LancerScorer        *self);
guint        lancer_scorer_get_n_outcomes        (LancerScorer        *self);
/* "heuristic" or "logreg-<n>": stored in job_scores.model. */
char        *lancer_scorer_dup_model_name        (LancerScorer        *self);
/* The formula in words (translated) for tooltips and the job view. */
const char  *lancer_scorer_get_heuristic_formula (void);

/* Thread-safe: may run on the store worker while a model trains. */
LancerScore *lancer_scorer_score                 (LancerScorer        *self,
                                                  LancerJob           *job,
                                                  gint64               now);

/* Trains on @outcomes (element-type LancerScorerOutcome) in a thread; with
 * fewer than LANCER_SCORER_MIN_OUTCOMES, or only one kind of outcome, the
 * scorer falls back to the heuristic. Emits ::model-changed on success. */
void         lancer_scorer_train_async           (LancerScorer        *self,
                                                  GPtrArray           *outcomes,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean     lancer_scorer_train_finish          (LancerScorer        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* Store glue: reads outcomes (proposals that were sent, joined with their
 * jobs; success = replied, interview, hired or an Upwork status past
 * "Pending") on the store worker. Returns a GPtrArray of outcomes. */
void         lancer_scorer_load_outcomes_async   (LancerStore         *store,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray   *lancer_scorer_load_outcomes_finish  (LancerStore         *store,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* Scores up to @limit jobs whose local score is missing or from another
 * model, on the store worker, into job_scores (kind 'local'). Returns how
 * many were scored (0: all done). */
void         lancer_scorer_update_store_async    (LancerScorer        *self,
                                                  LancerStore         *store,
                                                  guint                limit,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gssize       lancer_scorer_update_store_finish   (LancerScorer        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* For tests: the area under the ROC curve of @scores against @labels. */
double       lancer_scorer_auc                   (const double        *scores,
                                                  const gboolean      *labels,
                                                  guint                n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerScore, lancer_score_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerScorerOutcome, lancer_scorer_outcome_free)

G_END_DECLS
