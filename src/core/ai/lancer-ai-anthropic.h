/* lancer-ai-anthropic.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-ai-http-provider.h"

G_BEGIN_DECLS

#define LANCER_AI_ANTHROPIC_DEFAULT_BASE_URL "https://api.anthropic.com"
#define LANCER_AI_ANTHROPIC_VERSION          "2023-06-01"
#define LANCER_AI_ANTHROPIC_DEFAULT_MAX_TOKENS 1024

#define LANCER_TYPE_AI_ANTHROPIC (lancer_ai_anthropic_get_type ())
G_DECLARE_FINAL_TYPE (LancerAiAnthropic, lancer_ai_anthropic, LANCER, AI_ANTHROPIC, LancerAiHttpProvider)

/* Anthropic Messages API. @base_url has no /v1; NULL means
 * $LANCER_ANTHROPIC_BASE_URL or https://api.anthropic.com. JSON output goes
 * through a forced tool, which works on every tool-capable model. */
LancerAiAnthropic *lancer_ai_anthropic_new        (const char            *base_url,
                                                   const char            *api_key);
GBytes            *lancer_ai_anthropic_build_body (const LancerAiRequest *request);

G_END_DECLS
