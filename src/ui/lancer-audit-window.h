/* lancer-audit-window.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lancer-audit.h"

G_BEGIN_DECLS

#define LANCER_TYPE_AUDIT_WINDOW (lancer_audit_window_get_type ())
G_DECLARE_FINAL_TYPE (LancerAuditWindow, lancer_audit_window, LANCER, AUDIT_WINDOW, AdwWindow)

/* The activity log, newest first, with export to CSV or JSON. */
LancerAuditWindow *lancer_audit_window_new        (GtkWindow         *parent,
                                                   LancerAuditLog    *audit_log);
/* "loading", "empty", "list" or "error". */
const char        *lancer_audit_window_get_state  (LancerAuditWindow *self);
guint              lancer_audit_window_get_n_rows (LancerAuditWindow *self);
/* Reads the log again. */
void               lancer_audit_window_reload     (LancerAuditWindow *self);

G_END_DECLS
