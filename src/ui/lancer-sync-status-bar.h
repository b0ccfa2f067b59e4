/* lancer-sync-status-bar.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lancer-store.h"

G_BEGIN_DECLS

#define LANCER_TYPE_SYNC_STATUS_BAR (lancer_sync_status_bar_get_type ())
G_DECLARE_FINAL_TYPE (LancerSyncStatusBar, lancer_sync_status_bar, LANCER, SYNC_STATUS_BAR, GtkWidget)

/* One line under a page's top that says how fresh the stored data is
 * (from the sync_state table of @resources), that a sync is running, or
 * what the last one failed with. Follows the store's ::changed. */
GtkWidget  *lancer_sync_status_bar_new        (const char * const  *resources);
void        lancer_sync_status_bar_set_store  (LancerSyncStatusBar *self,
                                               LancerStore         *store);
const char *lancer_sync_status_bar_get_text   (LancerSyncStatusBar *self);

G_END_DECLS
