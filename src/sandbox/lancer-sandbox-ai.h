/* lancer-sandbox-ai.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The sandbox's deterministic demo AI. It answers OpenAI-shaped
 * (/v1/chat/completions, /v1/models), Anthropic-shaped (/v1/messages) and
 * Ollama detection (/api/tags) requests with text derived from the prompt,
 * always labelled as the demo AI, and can inject the faults the tests need. */

typedef enum
{
  LANCER_SANDBOX_AI_FAULT_NONE,
  LANCER_SANDBOX_AI_FAULT_WRONG_KEY,          /* 401 */
  LANCER_SANDBOX_AI_FAULT_RATE_LIMIT,         /* 429 + retry-after */
  LANCER_SANDBOX_AI_FAULT_OVERLOADED,         /* 529 (Anthropic) / 503 (OpenAI) */
  LANCER_SANDBOX_AI_FAULT_QUOTA,              /* 429 insufficient_quota / spend limit */
  LANCER_SANDBOX_AI_FAULT_MODEL_NOT_FOUND,    /* 404 */
  LANCER_SANDBOX_AI_FAULT_ERROR_MID_STREAM,   /* 200, some text, then an error event */
  LANCER_SANDBOX_AI_FAULT_EOF_MID_STREAM,     /* 200, some text, then the body just ends */
  LANCER_SANDBOX_AI_FAULT_STALL,              /* 200, some text, then silence */
  LANCER_SANDBOX_AI_FAULT_SLOW,               /* every write delayed by the slow delay */
  LANCER_SANDBOX_AI_FAULT_BAD_JSON,           /* structured output that is not valid JSON */
} LancerSandboxAiFault;

typedef enum
{
  LANCER_SANDBOX_AI_SPLIT_EVENTS,   /* one event per write */
  LANCER_SANDBOX_AI_SPLIT_BYTES,    /* one byte per write */
  LANCER_SANDBOX_AI_SPLIT_ODD,      /* odd sizes that cut fields and UTF-8 characters */
} LancerSandboxAiSplit;

typedef enum
{
  LANCER_SANDBOX_AI_NEWLINE_LF,
  LANCER_SANDBOX_AI_NEWLINE_CRLF,
  LANCER_SANDBOX_AI_NEWLINE_CR,
} LancerSandboxAiNewline;

#define LANCER_SANDBOX_AI_LABEL "[Demo AI]"

#define LANCER_TYPE_SANDBOX_AI (lancer_sandbox_ai_get_type ())
G_DECLARE_FINAL_TYPE (LancerSandboxAi, lancer_sandbox_ai, LANCER, SANDBOX_AI, GObject)

LancerSandboxAi *lancer_sandbox_ai_new               (void);
/* Registers the handlers on @server (which must outlive its use here). */
void             lancer_sandbox_ai_attach            (LancerSandboxAi        *self,
                                                      SoupServer             *server);
/* NULL accepts any non-empty key. */
void             lancer_sandbox_ai_set_api_key       (LancerSandboxAi        *self,
                                                      const char             *api_key);
/* The fault hits the next @times requests (0: every request). */
void             lancer_sandbox_ai_set_fault         (LancerSandboxAi        *self,
                                                      LancerSandboxAiFault    fault,
                                                      guint                   times);
void             lancer_sandbox_ai_set_framing       (LancerSandboxAi        *self,
                                                      LancerSandboxAiSplit    split,
                                                      LancerSandboxAiNewline  newline,
                                                      gboolean                comments,
                                                      gboolean                multiline_data);
void             lancer_sandbox_ai_set_retry_after   (LancerSandboxAi        *self,
                                                      guint                   seconds);
/* Milliseconds between the chunks of a normal reply (0: all at once). */
void             lancer_sandbox_ai_set_pace          (LancerSandboxAi        *self,
                                                      guint                   ms);
void             lancer_sandbox_ai_set_slow_delay    (LancerSandboxAi        *self,
                                                      guint                   ms);
guint            lancer_sandbox_ai_get_n_requests    (LancerSandboxAi        *self);
/* The JSON body of the last chat request (transfer full), or NULL. */
JsonNode        *lancer_sandbox_ai_dup_last_request  (LancerSandboxAi        *self);
/* The reply the demo AI gives to a prompt (its last user message). */
char            *lancer_sandbox_ai_compose_reply     (const char             *prompt);
/* The structured job analysis the demo AI gives to a prompt. */
char            *lancer_sandbox_ai_compose_analysis  (const char             *prompt);

G_END_DECLS
