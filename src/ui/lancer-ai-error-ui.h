/* lancer-ai-error-ui.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the user can do about an AI failure. */
typedef enum
{
  LANCER_AI_FIX_RETRY,         /* offline, timeout, server trouble */
  LANCER_AI_FIX_PREFERENCES,   /* no key, wrong key, quota, unknown model */
  LANCER_AI_FIX_OVER_BUDGET,   /* the month's budget is spent */
} LancerAiFix;

LancerAiFix  lancer_ai_error_ui_get_fix    (const GError *error);
/* The button label for @fix, translated, with a mnemonic. */
const char  *lancer_ai_error_ui_fix_label  (LancerAiFix   fix);
/* Runs the fix: opens Preferences or allows going over the budget in
 * @settings; returns TRUE when the caller should try again now. */
gboolean     lancer_ai_error_ui_apply_fix  (GtkWidget    *widget,
                                            LancerAiFix   fix,
                                            GSettings    *settings);

G_END_DECLS
