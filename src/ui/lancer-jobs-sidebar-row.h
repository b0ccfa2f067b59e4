/* lancer-jobs-sidebar-row.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the job list shows. */
typedef enum
{
  LANCER_JOBS_VIEW_ALL,
  LANCER_JOBS_VIEW_SAVED,
  LANCER_JOBS_VIEW_HIDDEN,
  LANCER_JOBS_VIEW_SEARCH,   /* one saved search */
} LancerJobsView;

#define LANCER_TYPE_JOBS_SIDEBAR_ROW (lancer_jobs_sidebar_row_get_type ())
G_DECLARE_FINAL_TYPE (LancerJobsSidebarRow, lancer_jobs_sidebar_row, LANCER, JOBS_SIDEBAR_ROW, GtkListBoxRow)

/* A row of the Jobs sidebar: a fixed view, or a saved search with its
 * count of new jobs and a menu to rename or delete it (the row asks the
 * page through sidebar.rename-search and sidebar.delete-search with its id). */
LancerJobsView  lancer_jobs_sidebar_row_get_kind      (LancerJobsSidebarRow *self);
const char     *lancer_jobs_sidebar_row_get_title     (LancerJobsSidebarRow *self);
gint64          lancer_jobs_sidebar_row_get_search_id (LancerJobsSidebarRow *self);
const char     *lancer_jobs_sidebar_row_get_query     (LancerJobsSidebarRow *self);
const char     *lancer_jobs_sidebar_row_get_filters   (LancerJobsSidebarRow *self);

G_END_DECLS
