/* lancer-audit-window-private.h: test hooks
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-audit-window.h"

G_BEGIN_DECLS

/* What Export does once a file is chosen, without the chooser: writes the
 * whole log to @file as @format, "csv" or "json". */
void lancer_audit_window_export_to (LancerAuditWindow *self,
                                    const char        *format,
                                    GFile             *file);

G_END_DECLS
