/* lancer-export-dialog.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lancer-analytics-page.h"

G_BEGIN_DECLS

#define LANCER_TYPE_EXPORT_DIALOG (lancer_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LancerExportDialog, lancer_export_dialog, LANCER, EXPORT_DIALOG, AdwWindow)

/* Asks what to export and in which format, then where to save it; the
 * page writes the file. */
LancerExportDialog *lancer_export_dialog_new         (LancerAnalyticsPage *page);
/* What the dialog would save now: "table:NAME:csv", "chart:NAME:png",
 * "report:pdf" (the targets of lancer_analytics_page_save_export()). */
char               *lancer_export_dialog_dup_target  (LancerExportDialog  *self);

G_END_DECLS
