/* lancer-jobs-filter-pane.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lancer-job-filter.h"

G_BEGIN_DECLS

#define LANCER_TYPE_JOBS_FILTER_PANE (lancer_jobs_filter_pane_get_type ())
G_DECLARE_FINAL_TYPE (LancerJobsFilterPane, lancer_jobs_filter_pane, LANCER, JOBS_FILTER_PANE, GtkWidget)

/* The filters Upwork lacks, as preference rows: an empty row means any.
 * ::changed follows every edit; ::save-search (name) asks to keep the
 * filters and the typed words as a saved search. */
LancerJobFilter *lancer_jobs_filter_pane_dup_filter  (LancerJobsFilterPane  *self);
/* Shows @filter without emitting ::changed; NULL clears every row. */
void             lancer_jobs_filter_pane_set_filter  (LancerJobsFilterPane  *self,
                                                      const LancerJobFilter *filter);

G_END_DECLS
