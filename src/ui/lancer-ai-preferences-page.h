/* lancer-ai-preferences-page.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lancer-session.h"

G_BEGIN_DECLS

/* Preferences → AI: provider, key (in the keyring, tested on the spot),
 * model, budget, the writer profile, portfolio and prompt templates. */

#define LANCER_TYPE_AI_PREFERENCES_PAGE (lancer_ai_preferences_page_get_type ())
G_DECLARE_FINAL_TYPE (LancerAiPreferencesPage, lancer_ai_preferences_page, LANCER, AI_PREFERENCES_PAGE, AdwPreferencesPage)

LancerSession *lancer_ai_preferences_page_get_session  (LancerAiPreferencesPage *self);
/* Once only; the page stays insensitive until a session is set. */
void           lancer_ai_preferences_page_set_session  (LancerAiPreferencesPage *self,
                                                        LancerSession           *session);
/* What the key row shows: "none", "saving", "saved", "testing", "ok",
 * "auth", "quota", "unreachable", "error". For tests. */
const char    *lancer_ai_preferences_page_get_key_state (LancerAiPreferencesPage *self);
/* The models offered in the model menu. For tests. */
guint          lancer_ai_preferences_page_get_n_models  (LancerAiPreferencesPage *self);

G_END_DECLS
