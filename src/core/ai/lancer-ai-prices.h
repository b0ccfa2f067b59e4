/* lancer-ai-prices.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One record per AI call, successful or not, ready for the store's ai_calls
 * table. Input tokens are normalised across providers: @input_tokens is the
 * whole prompt, of which @cached_tokens were cache reads and
 * @cache_write_tokens cache writes. */
typedef struct
{
  char    *provider;          /* "openai", "anthropic", "ollama", "openai-compatible" */
  char    *base_url;
  char    *model;             /* requested */
  char    *response_model;    /* echoed by the server, or NULL */
  char    *purpose;           /* "proposal", "analysis", "reply", "test", ... */
  char    *request_id;        /* x-request-id / request-id, or NULL */
  char    *stop_reason;       /* as the provider sent it, or NULL */
  char    *error_code;        /* NULL on success, else a short code ("auth", "quota", ...) */
  gint64   started_at;        /* wall clock, µs since the epoch */
  gint64   input_tokens;
  gint64   output_tokens;
  gint64   cached_tokens;
  gint64   cache_write_tokens;
  gint64   reasoning_tokens;
  gint64   latency_ms;        /* request sent → last byte */
  gint64   ttft_ms;           /* request sent → first text, -1 when none arrived */
  guint    retries;
  gboolean partial;
  gboolean cost_known;        /* FALSE when the model is not in the price table */
  double   cost_usd;
  char    *price_table_version;
} LancerAiUsage;

#define LANCER_TYPE_AI_USAGE (lancer_ai_usage_get_type ())

GType          lancer_ai_usage_get_type (void) G_GNUC_CONST;
LancerAiUsage *lancer_ai_usage_new      (void);
LancerAiUsage *lancer_ai_usage_copy     (const LancerAiUsage *usage);
void           lancer_ai_usage_free     (LancerAiUsage       *usage);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerAiUsage, lancer_ai_usage_free)

/* Price per million tokens, USD. */
typedef struct
{
  const char *model;          /* matched as a prefix: the longest wins */
  double      input;
  double      cache_write;
  double      cache_read;
  double      output;
} LancerAiPrice;

#define LANCER_TYPE_AI_PRICES (lancer_ai_prices_get_type ())
G_DECLARE_FINAL_TYPE (LancerAiPrices, lancer_ai_prices, LANCER, AI_PRICES, GObject)

/* The process-wide table the providers use unless given another one. */
LancerAiPrices      *lancer_ai_prices_get_default   (void);
LancerAiPrices      *lancer_ai_prices_new           (void);   /* with the shipped defaults */
LancerAiPrices      *lancer_ai_prices_new_empty     (void);
const char          *lancer_ai_prices_get_version   (LancerAiPrices       *self);
void                 lancer_ai_prices_set           (LancerAiPrices       *self,
                                                     const char           *model,
                                                     double                input,
                                                     double                cache_write,
                                                     double                cache_read,
                                                     double                output);
const LancerAiPrice *lancer_ai_prices_lookup        (LancerAiPrices       *self,
                                                     const char           *model);
/* Loads overrides: a JSON object {"version": "...", "models": {"gpt-4.1-mini":
 * {"input":0.4,"output":1.6,"cache_read":0.1,"cache_write":0}}} or a keyfile
 * with one [model] group per model and the same keys. */
gboolean             lancer_ai_prices_load_file     (LancerAiPrices       *self,
                                                     const char           *path,
                                                     GError              **error);
gboolean             lancer_ai_prices_load_data     (LancerAiPrices       *self,
                                                     const char           *data,
                                                     gssize                len,
                                                     GError              **error);
/* Fills usage->cost_usd, cost_known and price_table_version. Local
 * providers ("ollama", "openai-compatible") cost 0. */
void                 lancer_ai_prices_apply         (LancerAiPrices       *self,
                                                     LancerAiUsage        *usage);

/* Monthly budget: pure logic, the caller passes the month's spend so far. */
typedef enum
{
  LANCER_AI_BUDGET_OK,
  LANCER_AI_BUDGET_WARN,       /* 80 % or more spent */
  LANCER_AI_BUDGET_EXCEEDED,   /* 100 % or more: refuse unless overridden */
} LancerAiBudgetState;

/* @limit_usd <= 0 means no budget. */
LancerAiBudgetState  lancer_ai_budget_state         (double                month_spend_usd,
                                                     double                limit_usd);
/* Returns FALSE with LANCER_AI_ERROR_BUDGET_EXCEEDED when the budget is
 * spent and @override is FALSE. *@state (optional) tells the UI to warn. */
gboolean             lancer_ai_budget_check         (double                month_spend_usd,
                                                     double                limit_usd,
                                                     gboolean              override,
                                                     LancerAiBudgetState  *state,
                                                     GError              **error);

G_END_DECLS
