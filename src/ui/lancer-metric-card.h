/* lancer-metric-card.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lancer-metrics.h"

G_BEGIN_DECLS

#define LANCER_TYPE_METRIC_CARD (lancer_metric_card_get_type ())
G_DECLARE_FINAL_TYPE (LancerMetricCard, lancer_metric_card, LANCER, METRIC_CARD, GtkWidget)

/* The key of the metric the card shows ("win-rate", as in exports). */
const char     *lancer_metric_card_get_metric    (LancerMetricCard   *self);
/* Shows @report's value of the card's metric: "—" when it is unknown or
 * rests on too few records to mean anything. */
void            lancer_metric_card_show          (LancerMetricCard   *self,
                                                  LancerMetricsReport *report);
const char     *lancer_metric_card_get_value     (LancerMetricCard   *self);

G_END_DECLS
