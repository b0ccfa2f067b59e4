/* lancer-analytics-charts.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lancer-chart.h"
#include "lancer-metrics.h"

G_BEGIN_DECLS

#define LANCER_TYPE_ANALYTICS_CHARTS (lancer_analytics_charts_get_type ())
G_DECLARE_FINAL_TYPE (LancerAnalyticsCharts, lancer_analytics_charts, LANCER, ANALYTICS_CHARTS, GtkWidget)

/* The funnel, rates over time (by week when @weekly, else by month),
 * rates by a group the user picks, and net earnings by month. */
void         lancer_analytics_charts_show      (LancerAnalyticsCharts *self,
                                                LancerMetricsReport   *report,
                                                gboolean               weekly);
/* "funnel", "rates", "groups" or "earnings". */
LancerChart *lancer_analytics_charts_get_chart (LancerAnalyticsCharts *self,
                                                const char            *name);

G_END_DECLS
