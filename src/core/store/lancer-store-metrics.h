/* lancer-store-metrics.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-export.h"
#include "lancer-metrics.h"
#include "lancer-store.h"

G_BEGIN_DECLS

/* Loads the rows and computes the report on the store's worker thread. */
void                 lancer_metrics_report_async     (LancerStore                *store,
                                                      gint64                      from,
                                                      gint64                      to,
                                                      const LancerMetricsOptions *options,
                                                      GCancellable               *cancellable,
                                                      GAsyncReadyCallback         callback,
                                                      gpointer                    user_data);
LancerMetricsReport *lancer_metrics_report_finish    (LancerStore                *store,
                                                      GAsyncResult               *result,
                                                      GError                    **error);

typedef enum
{
  LANCER_EXPORT_JOBS,
  LANCER_EXPORT_PROPOSALS,
  LANCER_EXPORT_EARNINGS,
  LANCER_EXPORT_DIARY,
} LancerExportWhat;

/* "jobs", "proposals", "earnings", "diary"; FALSE for anything else. */
gboolean             lancer_export_what_from_string  (const char           *name,
                                                      LancerExportWhat     *what);
/* A table of stored records (no sealed text: cover letters and memos stay
 * in the database), read on the worker thread. */
void                 lancer_export_query_async       (LancerStore          *store,
                                                      LancerExportWhat      what,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
LancerTable         *lancer_export_query_finish      (LancerStore          *store,
                                                      GAsyncResult         *result,
                                                      GError              **error);

G_END_DECLS
