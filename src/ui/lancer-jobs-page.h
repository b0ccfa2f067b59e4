/* lancer-jobs-page.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-page.h"

G_BEGIN_DECLS

#define LANCER_TYPE_JOBS_PAGE (lancer_jobs_page_get_type ())
G_DECLARE_FINAL_TYPE (LancerJobsPage, lancer_jobs_page, LANCER, JOBS_PAGE, LancerPage)

/* The job feed: saved searches in a sidebar, the list, and the job. */
/* The feed (LancerJob items), or NULL before the profile is open. */
GListModel    *lancer_jobs_page_get_model   (LancerJobsPage *self);
/* Opens the job at @position of the feed (from an alert, say). */
void           lancer_jobs_page_select      (LancerJobsPage *self,
                                             guint           position);
/* Opens the job @job_id (from an alert), whether or not the list shows
 * it; then, with @write_proposal, its proposal sheet. */
void           lancer_jobs_page_open_job    (LancerJobsPage *self,
                                             const char     *job_id,
                                             gboolean        write_proposal);

G_END_DECLS
