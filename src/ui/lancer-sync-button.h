/* lancer-sync-button.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lancer-session.h"

G_BEGIN_DECLS

#define LANCER_TYPE_SYNC_BUTTON (lancer_sync_button_get_type ())
G_DECLARE_FINAL_TYPE (LancerSyncButton, lancer_sync_button, LANCER, SYNC_BUTTON, GtkWidget)

/* The header's sync state: a spinner while syncing, the time of the last
 * sync in its tooltip, a warning with the error when one failed. Clicking
 * syncs now. :needs-sign-in turns TRUE when Upwork refused the stored
 * sign-in (the window then shows its "Sign in again" bar). */
LancerSession *lancer_sync_button_get_session       (LancerSyncButton *self);
void           lancer_sync_button_set_session       (LancerSyncButton *self,
                                                     LancerSession    *session);
gboolean       lancer_sync_button_get_needs_sign_in (LancerSyncButton *self);

G_END_DECLS
