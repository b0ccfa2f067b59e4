/* lancer-job-detail.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lancer-job.h"
#include "lancer-scorer.h"

G_BEGIN_DECLS

#define LANCER_TYPE_JOB_DETAIL (lancer_job_detail_get_type ())
G_DECLARE_FINAL_TYPE (LancerJobDetail, lancer_job_detail, LANCER, JOB_DETAIL, GtkWidget)

/* The job view: description, skills, the client card with the computed
 * hire rate and red flags, the local score with its reasons, a slot for
 * the AI analysis card, and the job's actions (jobs.* on the page). */
GtkWidget *lancer_job_detail_new          (void);
void       lancer_job_detail_set_job      (LancerJobDetail *self,
                                           LancerJob       *job,
                                           LancerScorer    *scorer,
                                           double           budget_floor,
                                           double           rate_floor);
LancerJob *lancer_job_detail_get_job      (LancerJobDetail *self);
/* The box the AI analysis card goes into. */
GtkBox    *lancer_job_detail_get_analysis_slot (LancerJobDetail *self);
void       lancer_job_detail_set_show_back (LancerJobDetail *self,
                                           gboolean         show_back);

G_END_DECLS
