/* lancer-analytics-page-private.h: test hooks
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-analytics-page.h"

G_BEGIN_DECLS

/* "funnel", "rates", "groups" or "earnings". */
LancerChart *lancer_analytics_page_get_chart    (LancerAnalyticsPage  *self,
                                                 const char           *name);
/* The bytes lancer_analytics_page_save_export() writes for @target. */
GBytes      *lancer_analytics_page_export_bytes (LancerAnalyticsPage  *self,
                                                 const char           *target,
                                                 GError              **error);

G_END_DECLS
