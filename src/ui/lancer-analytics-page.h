/* lancer-analytics-page.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-chart.h"
#include "lancer-metrics.h"
#include "lancer-page.h"

G_BEGIN_DECLS

typedef enum
{
  LANCER_ANALYTICS_RANGE_30_DAYS,
  LANCER_ANALYTICS_RANGE_90_DAYS,
  LANCER_ANALYTICS_RANGE_12_MONTHS,
  LANCER_ANALYTICS_RANGE_ALL_TIME,
  LANCER_ANALYTICS_RANGE_CUSTOM,
} LancerAnalyticsRange;

#define LANCER_TYPE_ANALYTICS_PAGE (lancer_analytics_page_get_type ())
G_DECLARE_FINAL_TYPE (LancerAnalyticsPage, lancer_analytics_page, LANCER, ANALYTICS_PAGE, LancerPage)

void                 lancer_analytics_page_set_range        (LancerAnalyticsPage  *self,
                                                             LancerAnalyticsRange  range);
/* [@from, @to) in Unix seconds. */
void                 lancer_analytics_page_set_custom_range (LancerAnalyticsPage  *self,
                                                             gint64                from,
                                                             gint64                to);
LancerMetricsReport *lancer_analytics_page_get_report       (LancerAnalyticsPage  *self);
/* Goes up by one with every newly computed report (and ::report-changed is
 * emitted): a new report may well reuse the address of the one it replaced,
 * so compare serials, not pointers. */
guint                lancer_analytics_page_get_report_serial (LancerAnalyticsPage *self);
/* Writes the export @target ("table:NAME:csv|json", "chart:NAME:png|svg",
 * "report:pdf") to @file off the main thread; a toast says how it went. */
void                 lancer_analytics_page_save_export      (LancerAnalyticsPage  *self,
                                                             const char           *target,
                                                             GFile                *file);

G_END_DECLS
