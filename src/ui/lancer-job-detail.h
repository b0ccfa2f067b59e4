/* lancer-job-detail.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lancer-job.h"
#include "lancer-session.h"

G_BEGIN_DECLS

#define LANCER_TYPE_JOB_DETAIL (lancer_job_detail_get_type ())
G_DECLARE_FINAL_TYPE (LancerJobDetail, lancer_job_detail, LANCER, JOB_DETAIL, GtkWidget)

/* The job view: description, skills, the client card with the computed
 * hire rate and red flags, the success score with its reasons, the AI
 * analysis card, and the job's actions (job.*): save and hide with Undo
 * in a toast of the enclosing AdwToastOverlay, open on Upwork, write a
 * proposal. ::hidden-changed (job) after the user hid or showed it. */
GtkWidget *lancer_job_detail_new          (void);
void       lancer_job_detail_set_job      (LancerJobDetail *self,
                                           LancerJob       *job,
                                           double           budget_floor,
                                           double           rate_floor);
LancerJob *lancer_job_detail_get_job      (LancerJobDetail *self);
/* The job's saved or hidden flag changed: the star and hide button follow. */
void       lancer_job_detail_update_flags (LancerJobDetail *self);
/* The session the job belongs to (scores, store, AI, proposals). */
void       lancer_job_detail_set_session  (LancerJobDetail *self,
                                           LancerSession   *session);
void       lancer_job_detail_set_show_back (LancerJobDetail *self,
                                           gboolean         show_back);

G_END_DECLS
