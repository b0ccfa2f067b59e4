/* lancer-jobs-page.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LANCER_TYPE_JOBS_PAGE (lancer_jobs_page_get_type ())
G_DECLARE_FINAL_TYPE (LancerJobsPage, lancer_jobs_page, LANCER, JOBS_PAGE, GtkWidget)

G_END_DECLS
