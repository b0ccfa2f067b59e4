/* lancer-sync-banner.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lancer-session.h"

G_BEGIN_DECLS

#define LANCER_TYPE_SYNC_BANNER (lancer_sync_banner_get_type ())
G_DECLARE_FINAL_TYPE (LancerSyncBanner, lancer_sync_banner, LANCER, SYNC_BANNER, GtkWidget)

/* A banner under the header bar while the session cannot sync: it says
 * what went wrong and offers the action that fixes it (sign in again, or
 * try again). An AdwBanner where libadwaita has one (1.3), else a
 * revealer with the same label and button. */
LancerSession *lancer_sync_banner_get_session  (LancerSyncBanner *self);
void           lancer_sync_banner_set_session  (LancerSyncBanner *self,
                                                LancerSession    *session);
gboolean       lancer_sync_banner_get_revealed (LancerSyncBanner *self);
const char    *lancer_sync_banner_get_title    (LancerSyncBanner *self);

G_END_DECLS
