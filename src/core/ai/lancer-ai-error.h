/* lancer-ai-error.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LANCER_AI_ERROR (lancer_ai_error_quark ())

typedef enum
{
  LANCER_AI_ERROR_FAILED,
  LANCER_AI_ERROR_AUTH,              /* 401/403: wrong or revoked key */
  LANCER_AI_ERROR_QUOTA,             /* insufficient_quota, billing, spend limit: not retried */
  LANCER_AI_ERROR_RATE_LIMITED,      /* 429 after the retries */
  LANCER_AI_ERROR_OVERLOADED,        /* 529 / 503 / overloaded_error after the retries */
  LANCER_AI_ERROR_MODEL_NOT_FOUND,
  LANCER_AI_ERROR_UNREACHABLE,       /* connection refused, DNS, TLS */
  LANCER_AI_ERROR_TIMEOUT,           /* the watchdog fired */
  LANCER_AI_ERROR_BAD_REQUEST,       /* 400/413/422 */
  LANCER_AI_ERROR_SERVER,            /* other 5xx */
  LANCER_AI_ERROR_STREAM,            /* error event inside a 200 stream */
  LANCER_AI_ERROR_INVALID_JSON,      /* structured output that does not parse or validate */
  LANCER_AI_ERROR_REFUSED,           /* the model refused or a content filter stopped it */
  LANCER_AI_ERROR_TRUNCATED,         /* the answer hit the token limit */
  LANCER_AI_ERROR_BUDGET_EXCEEDED,
  LANCER_AI_ERROR_NO_KEY,
} LancerAiError;

GQuark       lancer_ai_error_quark   (void);
/* A short stable code for usage records: "auth", "quota", ... */
const char  *lancer_ai_error_to_code (const GError *error);

G_END_DECLS
