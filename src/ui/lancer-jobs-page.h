/* lancer-jobs-page.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lancer-job-filter.h"
#include "lancer-session.h"

G_BEGIN_DECLS

#define LANCER_TYPE_JOBS_PAGE (lancer_jobs_page_get_type ())
G_DECLARE_FINAL_TYPE (LancerJobsPage, lancer_jobs_page, LANCER, JOBS_PAGE, GtkWidget)

LancerSession *lancer_jobs_page_get_session (LancerJobsPage *self);
void           lancer_jobs_page_set_session (LancerJobsPage *self,
                                             LancerSession  *session);
/* What the page shows: "loading", "empty", "error", "fetching" (the list,
 * while a sync brings its first jobs) or "list". */
const char    *lancer_jobs_page_get_mode    (LancerJobsPage *self);
GListModel    *lancer_jobs_page_get_model   (LancerJobsPage *self);
/* Selects a job and opens it (the detail pane at narrow widths). */
void           lancer_jobs_page_select      (LancerJobsPage *self,
                                             guint           position);
/* "sidebar", "list" or "detail": the leaflet's visible pane. */
const char    *lancer_jobs_page_get_visible_pane (LancerJobsPage *self);
void           lancer_jobs_page_set_filter  (LancerJobsPage        *self,
                                             const LancerJobFilter *filter);

G_END_DECLS
