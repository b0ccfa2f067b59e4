/* lancer-ai-http-provider.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-ai-provider.h"

G_BEGIN_DECLS

/* The base of the HTTP providers (OpenAI, Anthropic, local servers): it
 * holds the endpoint, key, session and config, and checks the key before
 * building a call. A subclass describes its wire in new_call and
 * implements get_id and list_models_async itself. */

#define LANCER_TYPE_AI_HTTP_PROVIDER (lancer_ai_http_provider_get_type ())
G_DECLARE_DERIVABLE_TYPE (LancerAiHttpProvider, lancer_ai_http_provider, LANCER, AI_HTTP_PROVIDER, GObject)

struct _LancerAiHttpProviderClass
{
  GObjectClass parent_class;

  /* Translatable (N_()) NO_KEY message, or NULL when the key is optional. */
  const char   *no_key_message;

  /* A call for @request on the provider's wire: URL, body and headers. */
  LancerAiCall *(*new_call) (LancerAiHttpProvider  *self,
                             const LancerAiRequest *request);
};

G_END_DECLS
