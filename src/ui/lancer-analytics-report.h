/* lancer-analytics-report.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lancer-ab-test.h"
#include "lancer-chart.h"
#include "lancer-export.h"
#include "lancer-metrics.h"

G_BEGIN_DECLS

/* The table @name of @report, or NULL for an unknown name: metrics,
 * funnel, week, month, category, budget, country, variant,
 * earnings-client, earnings-category, ab. */
LancerTable *lancer_analytics_build_table     (LancerMetricsReport   *report,
                                               const char            *name);
/* One line per A/B variant, the same on the page and in the PDF. */
char        *lancer_analytics_ab_variant_text (const LancerAbVariant *variant);
/* The monthly report: metrics, the four charts, earnings by month, A/B. */
GBytes      *lancer_analytics_render_pdf      (LancerMetricsReport   *report,
                                               const char            *period,
                                               LancerChart           *funnel,
                                               LancerChart           *rates,
                                               LancerChart           *earnings,
                                               LancerChart           *groups);

G_END_DECLS
