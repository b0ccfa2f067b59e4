/* lancer-ai-provider.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lancer-ai-error.h"
#include "lancer-ai-prices.h"

G_BEGIN_DECLS

/* A chat message. @role is "system", "user" or "assistant". */
typedef struct
{
  char *role;
  char *content;
} LancerAiMessage;

/* What to ask. Providers translate it to their wire format (system prompt
 * placement, token-limit field, temperature rules). */
typedef struct
{
  char      *model;
  char      *purpose;        /* for the usage record: "proposal", "analysis", ... */
  char      *system;         /* system prompt or NULL */
  GPtrArray *messages;       /* LancerAiMessage*, user/assistant turns */
  guint      max_tokens;     /* 0: the provider's default */
  double     temperature;    /* < 0: leave the provider's default */
  char      *schema_name;    /* complete_json: a-z A-Z 0-9 _ - */
  JsonNode  *schema;         /* complete_json: a strict JSON schema */
} LancerAiRequest;

#define LANCER_TYPE_AI_REQUEST (lancer_ai_request_get_type ())

GType            lancer_ai_request_get_type        (void) G_GNUC_CONST;
LancerAiRequest *lancer_ai_request_new             (const char            *model,
                                                    const char            *purpose);
LancerAiRequest *lancer_ai_request_copy            (const LancerAiRequest *request);
void             lancer_ai_request_free            (LancerAiRequest       *request);
void             lancer_ai_request_set_system      (LancerAiRequest       *request,
                                                    const char            *system);
void             lancer_ai_request_add_message     (LancerAiRequest       *request,
                                                    const char            *role,
                                                    const char            *content);
void             lancer_ai_request_set_json_schema (LancerAiRequest       *request,
                                                    const char            *name,
                                                    JsonNode              *schema);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerAiRequest, lancer_ai_request_free)

typedef struct
{
  char          *text;         /* the whole answer (for JSON calls: the raw JSON) */
  char          *stop_reason;  /* as sent by the provider, NULL when it never came */
  char          *refusal;      /* OpenAI structured-output refusal, or NULL */
  gboolean       partial;      /* the stream ended (EOF, cancel, error) before its end marker */
  LancerAiUsage *usage;
  JsonNode      *json;         /* complete_json: the parsed answer */
} LancerAiResult;

#define LANCER_TYPE_AI_RESULT (lancer_ai_result_get_type ())

GType           lancer_ai_result_get_type (void) G_GNUC_CONST;
LancerAiResult *lancer_ai_result_copy     (const LancerAiResult *result);
void            lancer_ai_result_free     (LancerAiResult       *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerAiResult, lancer_ai_result_free)

/* Called on the caller's main context for every text delta, as soon as it
 * is parsed off the socket. @delta is valid UTF-8. */
typedef void (*LancerAiDeltaFunc) (const char *delta,
                                   gsize       len,
                                   gpointer    user_data);

#define LANCER_TYPE_AI_PROVIDER (lancer_ai_provider_get_type ())
G_DECLARE_INTERFACE (LancerAiProvider, lancer_ai_provider, LANCER, AI_PROVIDER, GObject)

typedef struct _LancerAiCall LancerAiCall;

/* Knobs shared by every provider (see lancer_ai_provider_get_config). */
typedef struct
{
  guint           max_retries;           /* default 2 */
  guint           first_byte_timeout_ms; /* request sent → first byte; default 120000 */
  guint           stall_timeout_ms;      /* silence between bytes; default 30000 */
  LancerAiPrices *prices;                /* NULL: lancer_ai_prices_get_default() */
} LancerAiProviderConfig;

struct _LancerAiProviderInterface
{
  GTypeInterface parent_iface;

  const char     *(*get_id)              (LancerAiProvider       *self);
  const char     *(*get_base_url)        (LancerAiProvider       *self);
  LancerAiProviderConfig *(*get_config)  (LancerAiProvider       *self);

  /* The call for @request on the provider's wire (stream_chat and
   * complete_json run it), or NULL with an error (no key). */
  LancerAiCall   *(*new_call)            (LancerAiProvider       *self,
                                          const LancerAiRequest  *request,
                                          GError                **error);
  void            (*list_models_async)   (LancerAiProvider       *self,
                                          GCancellable           *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data);
  GStrv           (*list_models_finish)  (LancerAiProvider       *self,
                                          GAsyncResult           *result,
                                          GError                **error);
};

/* "openai", "anthropic", "ollama" or "openai-compatible". */
const char     *lancer_ai_provider_get_id              (LancerAiProvider       *self);
const char     *lancer_ai_provider_get_base_url        (LancerAiProvider       *self);
LancerAiProviderConfig *lancer_ai_provider_get_config  (LancerAiProvider       *self);
void            lancer_ai_provider_set_timeouts        (LancerAiProvider       *self,
                                                        guint                   first_byte_ms,
                                                        guint                   stall_ms);
void            lancer_ai_provider_set_max_retries     (LancerAiProvider       *self,
                                                        guint                   max_retries);

/* Streams a chat answer. Cancelling @cancellable aborts the request at once;
 * the finish call then fails with G_IO_ERROR_CANCELLED and
 * lancer_ai_provider_dup_partial_result() still gives the text so far. A
 * stream that ends before its end marker finishes successfully with
 * result->partial set. */
void            lancer_ai_provider_stream_chat_async   (LancerAiProvider       *self,
                                                        const LancerAiRequest  *request,
                                                        LancerAiDeltaFunc       delta_func,
                                                        gpointer                delta_data,
                                                        GDestroyNotify          delta_destroy,
                                                        GCancellable           *cancellable,
                                                        GAsyncReadyCallback     callback,
                                                        gpointer                user_data);
LancerAiResult *lancer_ai_provider_stream_chat_finish  (LancerAiProvider       *self,
                                                        GAsyncResult           *result,
                                                        GError                **error);
/* Structured output: @request must carry a schema (set_json_schema). The
 * result's json member holds the parsed answer; it is not validated beyond
 * being JSON — callers check their own fields. */
void            lancer_ai_provider_complete_json_async (LancerAiProvider       *self,
                                                        const LancerAiRequest  *request,
                                                        GCancellable           *cancellable,
                                                        GAsyncReadyCallback     callback,
                                                        gpointer                user_data);
LancerAiResult *lancer_ai_provider_complete_json_finish(LancerAiProvider       *self,
                                                        GAsyncResult           *result,
                                                        GError                **error);
void            lancer_ai_provider_list_models_async   (LancerAiProvider       *self,
                                                        GCancellable           *cancellable,
                                                        GAsyncReadyCallback     callback,
                                                        gpointer                user_data);
GStrv           lancer_ai_provider_list_models_finish  (LancerAiProvider       *self,
                                                        GAsyncResult           *result,
                                                        GError                **error);

/* After a failed or cancelled stream_chat/complete_json: what had arrived,
 * with partial = TRUE. NULL if @result is not from a provider call. */
LancerAiResult *lancer_ai_provider_dup_partial_result  (GAsyncResult           *result);

/* Creates the provider named by @id ("openai", "anthropic", "ollama",
 * "openai-compatible") with its default or LANCER_*_BASE_URL endpoint unless
 * @base_url is given. */
LancerAiProvider *lancer_ai_provider_new_for_id        (const char             *id,
                                                        const char             *base_url,
                                                        const char             *api_key,
                                                        GError                **error);

G_END_DECLS
