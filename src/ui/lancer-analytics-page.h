/* lancer-analytics-page.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LANCER_TYPE_ANALYTICS_PAGE (lancer_analytics_page_get_type ())
G_DECLARE_FINAL_TYPE (LancerAnalyticsPage, lancer_analytics_page, LANCER, ANALYTICS_PAGE, GtkWidget)

G_END_DECLS
