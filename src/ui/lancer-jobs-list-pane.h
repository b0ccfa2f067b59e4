/* lancer-jobs-list-pane.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lancer-job-feed-model.h"
#include "lancer-jobs-sidebar-row.h"

G_BEGIN_DECLS

/* What the list amounts to, for the page's loading/empty/content states. */
typedef enum
{
  LANCER_JOBS_LIST_LOADING,   /* the first rows are not in yet */
  LANCER_JOBS_LIST_SHOWN,     /* jobs, or a reason there are none here */
  LANCER_JOBS_LIST_NOTHING,   /* no jobs at all in the profile */
} LancerJobsListStatus;

#define LANCER_TYPE_JOBS_LIST_PANE (lancer_jobs_list_pane_get_type ())
G_DECLARE_FINAL_TYPE (LancerJobsListPane, lancer_jobs_list_pane, LANCER, JOBS_LIST_PANE, GtkWidget)

/* The middle of the Jobs page: the search, sort and filter bar (with the
 * filter pane), and the list of one view (all, saved, hidden or a saved
 * search) over the store. ::status-changed when lancer_jobs_list_pane_get_status()
 * may say something else; ::activated (position) on a tap; ::save-search
 * (name) from the filter pane. */
/* A new profile's store (NULL: none): the list, the words and the filters
 * start over. @cancellable ends the loads for it. */
void                 lancer_jobs_list_pane_set_store      (LancerJobsListPane *self,
                                                           LancerStore        *store,
                                                           GCancellable       *cancellable);
void                 lancer_jobs_list_pane_set_view       (LancerJobsListPane *self,
                                                           LancerJobsView      view,
                                                           LancerJobsSidebarRow *search);
LancerJobsView       lancer_jobs_list_pane_get_view       (LancerJobsListPane *self);
/* The Hidden view reads the store again. */
void                 lancer_jobs_list_pane_reload_hidden  (LancerJobsListPane *self);
/* A sync is bringing the first jobs: an empty list says so. */
void                 lancer_jobs_list_pane_set_expecting  (LancerJobsListPane *self,
                                                           gboolean            expecting);
LancerJobsListStatus lancer_jobs_list_pane_get_status     (LancerJobsListPane *self);
/* "results", "fetching", "no-results", "no-saved" or "no-hidden". */
const char          *lancer_jobs_list_pane_get_shown      (LancerJobsListPane *self);
LancerJobFeedModel  *lancer_jobs_list_pane_get_feed       (LancerJobsListPane *self);
/* Over the feed or the hidden jobs, whichever the view shows. */
GtkSingleSelection  *lancer_jobs_list_pane_get_selection  (LancerJobsListPane *self);
/* Drops the job at @position from what is shown (hidden, or shown again). */
void                 lancer_jobs_list_pane_remove         (LancerJobsListPane *self,
                                                           guint               position);
const LancerJobFilter *lancer_jobs_list_pane_get_filter   (LancerJobsListPane *self);
void                 lancer_jobs_list_pane_set_filter     (LancerJobsListPane    *self,
                                                           const LancerJobFilter *filter);
const char          *lancer_jobs_list_pane_get_search     (LancerJobsListPane *self);
void                 lancer_jobs_list_pane_focus_search   (LancerJobsListPane *self);
/* Folded, the bar offers the way to the sidebar. */
void                 lancer_jobs_list_pane_set_folded     (LancerJobsListPane *self,
                                                           gboolean            folded);

G_END_DECLS
