/* lancer-ai-openai-private.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "lancer-ai-http-provider.h"

G_BEGIN_DECLS

/* The Chat Completions wire, shared by OpenAI and the OpenAI-compatible
 * local servers; the dialect picks the token-limit field and role rules. */
typedef enum
{
  LANCER_AI_OPENAI_DIALECT_OPENAI,   /* max_completion_tokens, developer role for reasoning models */
  LANCER_AI_OPENAI_DIALECT_LOCAL,    /* max_tokens, system role, temperature as given */
} LancerAiOpenaiDialect;

GBytes       *_lancer_ai_openai_build_body        (LancerAiOpenaiDialect   dialect,
                                                   const LancerAiRequest  *request);
/* A Chat Completions call to @api_url (ends in /v1) with the provider's key. */
LancerAiCall *_lancer_ai_openai_new_call          (LancerAiHttpProvider   *provider,
                                                   const char             *api_url,
                                                   LancerAiOpenaiDialect   dialect,
                                                   const LancerAiRequest  *request);
/* GET {base URL}/models with the provider's key: the list_models_async of
 * OpenAI and of the OpenAI-compatible servers (their base URL ends in /v1). */
void          _lancer_ai_openai_list_models_async (LancerAiProvider       *provider,
                                                   GCancellable           *cancellable,
                                                   GAsyncReadyCallback     callback,
                                                   gpointer                user_data);
GStrv         _lancer_ai_models_from_json         (JsonNode               *root);

G_END_DECLS
