/* lancer-ai-openai.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-ai-http-provider.h"

G_BEGIN_DECLS

#define LANCER_AI_OPENAI_DEFAULT_BASE_URL "https://api.openai.com/v1"

#define LANCER_TYPE_AI_OPENAI (lancer_ai_openai_get_type ())
G_DECLARE_FINAL_TYPE (LancerAiOpenai, lancer_ai_openai, LANCER, AI_OPENAI, LancerAiHttpProvider)

/* OpenAI Chat Completions. @base_url includes /v1; NULL means
 * $LANCER_OPENAI_BASE_URL or https://api.openai.com/v1. */
LancerAiOpenai *lancer_ai_openai_new                (const char *base_url,
                                                     const char *api_key);
/* o-series and GPT-5 family: developer role, no custom temperature. */
gboolean        lancer_ai_openai_is_reasoning_model (const char *model);

G_END_DECLS
