/* lancer-ai-local.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-ai-http-provider.h"

G_BEGIN_DECLS

#define LANCER_AI_OLLAMA_DEFAULT_URL   "http://localhost:11434"
#define LANCER_AI_LLAMACPP_DEFAULT_URL "http://127.0.0.1:8080/v1"
#define LANCER_AI_LMSTUDIO_DEFAULT_URL "http://localhost:1234/v1"

typedef enum
{
  LANCER_AI_LOCAL_OLLAMA,     /* base URL is the server root; /v1 is added */
  LANCER_AI_LOCAL_LLAMACPP,   /* base URL includes /v1 */
  LANCER_AI_LOCAL_LMSTUDIO,   /* base URL includes /v1 */
  LANCER_AI_LOCAL_GENERIC,    /* any OpenAI-compatible server; base URL includes /v1 */
} LancerAiLocalKind;

#define LANCER_TYPE_AI_LOCAL (lancer_ai_local_get_type ())
G_DECLARE_FINAL_TYPE (LancerAiLocal, lancer_ai_local, LANCER, AI_LOCAL, LancerAiHttpProvider)

/* OpenAI-compatible local servers: max_tokens (not max_completion_tokens),
 * system role, temperature as given, cost 0. @base_url NULL means
 * $LANCER_OLLAMA_BASE_URL / the kind's default. @api_key may be NULL. */
LancerAiLocal     *lancer_ai_local_new                 (LancerAiLocalKind     kind,
                                                        const char           *base_url,
                                                        const char           *api_key);

/* Looks for Ollama (GET /api/tags) at @root_url, or $LANCER_OLLAMA_BASE_URL,
 * or localhost:11434, with a short timeout. Finishes with the installed
 * model names (possibly empty), or LANCER_AI_ERROR_UNREACHABLE. */
void               lancer_ai_local_detect_ollama_async  (const char          *root_url,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GStrv              lancer_ai_local_detect_ollama_finish (GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
