/* lancer-job-feed-model.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-store-searches.h"

G_BEGIN_DECLS

#define LANCER_TYPE_JOB_FEED_MODEL (lancer_job_feed_model_get_type ())
G_DECLARE_FINAL_TYPE (LancerJobFeedModel, lancer_job_feed_model, LANCER, JOB_FEED_MODEL, GObject)

/* The Jobs page's GListModel of LancerJob: typed search, local filters, a
 * saved search, saved-only and three sorts. A change runs one query on the
 * store worker that returns the ordered row ids (a few bytes per job), so
 * the count and order are exact at once; rows then load lazily by page
 * (placeholders until they arrive, LancerJob:loaded FALSE), with their
 * local score (LancerJob:score and :score-reasons). A job that changes
 * (a new score, a flag) is updated in place and notifies; only rows that
 * become another job are announced with ::items-changed. Stale answers
 * are dropped (a stamp per change). Follows ::changed::jobs and
 * ::changed::job_scores. */
LancerJobFeedModel *lancer_job_feed_model_new          (LancerStore          *store);
LancerStore        *lancer_job_feed_model_get_store    (LancerJobFeedModel   *self);
/* Replaces the whole view at once (one query). */
void                lancer_job_feed_model_set_view     (LancerJobFeedModel   *self,
                                                        const LancerJobView  *view);
const LancerJobView *lancer_job_feed_model_get_view    (LancerJobFeedModel   *self);
void                lancer_job_feed_model_set_search   (LancerJobFeedModel   *self,
                                                        const char           *search);
gboolean            lancer_job_feed_model_get_loading  (LancerJobFeedModel   *self);
void                lancer_job_feed_model_reload       (LancerJobFeedModel   *self);
/* The position of the job with @job_id among the ids, or -1. */
int                 lancer_job_feed_model_find         (LancerJobFeedModel   *self,
                                                        const char           *job_id);
/* Drops a job from the list at once (hide), without a reload. */
void                lancer_job_feed_model_remove       (LancerJobFeedModel   *self,
                                                        guint                 position);

G_END_DECLS
