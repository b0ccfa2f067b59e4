/* lancer-job-row.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lancer-job.h"

G_BEGIN_DECLS

#define LANCER_TYPE_JOB_ROW (lancer_job_row_get_type ())
G_DECLARE_FINAL_TYPE (LancerJobRow, lancer_job_row, LANCER, JOB_ROW, GtkWidget)

/* One job of the feed: its labels are bindings over :job (see
 * lancer-job-row.ui), so a job updated in place updates its row. */
GtkWidget *lancer_job_row_new     (void);
LancerJob *lancer_job_row_get_job (LancerJobRow *self);
/* @job may be a placeholder that is still loading; NULL clears the row. */
void       lancer_job_row_set_job (LancerJobRow *self,
                                   LancerJob    *job);

G_END_DECLS
