/* lancer-prompt-templates-window.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows the AI prompt templates; the user edits and saves them, or goes
 * back to the shipped ones. */

#define LANCER_TYPE_PROMPT_TEMPLATES_WINDOW (lancer_prompt_templates_window_get_type ())
G_DECLARE_FINAL_TYPE (LancerPromptTemplatesWindow, lancer_prompt_templates_window, LANCER, PROMPT_TEMPLATES_WINDOW, AdwWindow)

/* @dir: where edited templates live; NULL for the user's prompt folder. */
LancerPromptTemplatesWindow *lancer_prompt_templates_window_new (GtkWindow  *parent,
                                                                 const char *dir);

G_END_DECLS
