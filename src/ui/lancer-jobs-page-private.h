/* lancer-jobs-page-private.h: for tests only.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-job-filter.h"
#include "lancer-jobs-page.h"

G_BEGIN_DECLS

/* "loading", "error", "empty", "list", or "fetching" (the list while the
 * first sync brings jobs). */
const char           *lancer_jobs_page_get_mode          (LancerJobsPage        *self);
/* "sidebar", "list" or "detail": what the leaflet shows (folded). */
const char           *lancer_jobs_page_get_visible_pane  (LancerJobsPage        *self);
void                  lancer_jobs_page_set_filter        (LancerJobsPage        *self,
                                                          const LancerJobFilter *filter);
/* What the list shows now: the feed, or the hidden jobs. */
GListModel           *lancer_jobs_page_get_shown_model   (LancerJobsPage        *self);

G_END_DECLS
