/* lancer-jobs-sidebar.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lancer-job-filter.h"
#include "lancer-jobs-sidebar-row.h"
#include "lancer-store.h"

G_BEGIN_DECLS

#define LANCER_TYPE_JOBS_SIDEBAR (lancer_jobs_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (LancerJobsSidebar, lancer_jobs_sidebar, LANCER, JOBS_SIDEBAR, GtkWidget)

/* The Jobs page's sidebar in two sections: All, Saved and Hidden jobs,
 * then the saved searches. ::activated (row) when the user picks one. */
/* @searches: (element-type LancerSavedSearch); the selection is kept. */
void                  lancer_jobs_sidebar_set_searches (LancerJobsSidebar *self,
                                                        GPtrArray         *searches);
/* Selects the row of @kind (and @search_id), without ::activated. */
void                  lancer_jobs_sidebar_select       (LancerJobsSidebar *self,
                                                        LancerJobsView     kind,
                                                        gint64             search_id);
LancerJobsSidebarRow *lancer_jobs_sidebar_find         (LancerJobsSidebar *self,
                                                        LancerJobsView     kind,
                                                        gint64             search_id);

/* Same, case aside, as @name; a search other than @except_id. */
LancerJobsSidebarRow *lancer_jobs_sidebar_find_by_name (LancerJobsSidebar *self,
                                                        const char        *name,
                                                        gint64             except_id);

/* The profile's saved searches: listed, saved, renamed and deleted (with
 * Undo) here, told in toasts of the page's overlay. */
void                  lancer_jobs_sidebar_set_store    (LancerJobsSidebar *self,
                                                        LancerStore       *store);
void                  lancer_jobs_sidebar_reload       (LancerJobsSidebar *self);
void                  lancer_jobs_sidebar_save_search  (LancerJobsSidebar     *self,
                                                        const char            *name,
                                                        const char            *query,
                                                        const LancerJobFilter *filter);

G_END_DECLS
