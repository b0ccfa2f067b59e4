/* lancer-ai-call-private.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "lancer-ai-http-provider.h"
#include "lancer-ai-provider.h"
#include "lancer-http.h"
#include "lancer-sse-parser.h"

G_BEGIN_DECLS

/* The engine every provider shares: POST with retries, SSE reading,
 * watchdog, cancellation, usage. Providers only describe their wire. */

/* LancerAiCall is declared in lancer-ai-http-provider.h. */

typedef struct
{
  /* Handles one SSE event; return FALSE to stop reading (end marker or error). */
  gboolean (*handle_event) (LancerAiCall         *call,
                            const LancerSseEvent *event);
  /* Turns a non-2xx answer into an error; sets *permanent for failures that
   * waiting will not fix (quota, spend limit). */
  GError  *(*parse_error)  (LancerAiCall         *call,
                            guint                 status,
                            GBytes               *body,
                            gboolean             *permanent);
} LancerAiWire;

struct _LancerAiCall
{
  LancerAiProvider   *provider;
  const LancerAiWire *wire;
  SoupSession        *session;
  char               *url;
  GBytes             *body;
  GStrv               headers;          /* name, value, name, value, ... (holds the key) */
  gboolean            json_mode;
  LancerHttpRetryPolicy policy;
  guint               first_byte_timeout_ms;
  guint               stall_timeout_ms;

  LancerAiDeltaFunc   delta_func;
  gpointer            delta_data;
  GDestroyNotify      delta_destroy;

  GCancellable       *cancellable;      /* internal: user cancel + watchdog */
  GCancellable       *user_cancellable;
  gulong              cancel_id;
  LancerHttpWatchdog *watchdog;
  LancerSseParser    *parser;
  SoupMessage        *msg;
  GInputStream       *stream;
  GByteArray         *error_body;       /* a failed attempt's answer, while it is read */
  GSource            *retry_source;
  GSource            *retry_cancel_source;
  GTask              *task;             /* weak: the task owns the call */

  gint64              started_us;
  GString            *text;
  GString            *refusal;
  LancerAiUsage      *usage;
  gboolean            done;             /* end marker seen */
  gboolean            completed;
  GError             *stream_error;     /* error event inside the stream */

  /* Wire scratch space. */
  int                 block_kind;
};

LancerAiCall *_lancer_ai_call_new           (LancerAiProvider       *provider,
                                             const LancerAiWire     *wire,
                                             SoupSession            *session,
                                             const char             *url,
                                             GBytes                 *body,
                                             const LancerAiRequest  *request);
void          _lancer_ai_call_add_header    (LancerAiCall           *call,
                                             const char             *name,
                                             const char             *value);
void          _lancer_ai_call_set_deltas    (LancerAiCall           *call,
                                             LancerAiDeltaFunc       func,
                                             gpointer                data,
                                             GDestroyNotify          destroy);
/* Starts the call; takes ownership of @call. The task's result is a
 * LancerAiResult (JSON parsed when json_mode). */
void          _lancer_ai_call_run           (LancerAiCall           *call,
                                             GCancellable           *cancellable,
                                             gpointer                source_tag,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);

/* For wires */
void          _lancer_ai_call_emit_text     (LancerAiCall           *call,
                                             const char             *text,
                                             gssize                  len);
void          _lancer_ai_call_set_stop      (LancerAiCall           *call,
                                             const char             *stop_reason);
void          _lancer_ai_call_set_model     (LancerAiCall           *call,
                                             const char             *model);
JsonNode     *_lancer_ai_parse_json         (const char             *data,
                                             gsize                   len);
/* The JSON object an SSE event carries, or NULL for an empty event or one
 * that is not an object (wires ignore those). */
JsonNode     *_lancer_ai_parse_event        (const LancerSseEvent   *event);
/* The request body a finished JsonBuilder holds. */
GBytes       *_lancer_ai_builder_to_bytes   (JsonBuilder            *builder);
/* Members of a stream event, read without trusting its shape: NULL (or
 * @fallback) when @obj is NULL or the member is missing or of another type. */
JsonObject   *_lancer_ai_json_object        (JsonObject             *obj,
                                             const char             *name);
const char   *_lancer_ai_json_string        (JsonObject             *obj,
                                             const char             *name);
gint64        _lancer_ai_json_int           (JsonObject             *obj,
                                             const char             *name,
                                             gint64                  fallback);

/* Error helpers shared by the wires. */
GError       *_lancer_ai_error_for_status   (LancerAiProvider       *provider,
                                             guint                   status,
                                             const char             *type,
                                             const char             *code,
                                             const char             *message,
                                             gboolean               *permanent);
GError       *_lancer_ai_error_for_transport(LancerAiProvider       *provider,
                                             const GError           *error);
const char   *_lancer_ai_provider_display_name (LancerAiProvider    *provider);
/* The generic LancerAiWire.parse_error: reads every known error body shape. */
GError       *_lancer_ai_call_error_from_body (LancerAiCall         *call,
                                             guint                   status,
                                             GBytes                 *body,
                                             gboolean               *permanent);
/* Maps an error object found inside a 200 stream. */
GError       *_lancer_ai_error_for_stream   (LancerAiProvider       *provider,
                                             const char             *type,
                                             const char             *code,
                                             const char             *message);

/* A copy of @request without its schema, for stream_chat. */
LancerAiRequest *_lancer_ai_request_copy_for_chat (const LancerAiRequest *request);
/* Wipes a key before freeing it. */
void          _lancer_ai_secret_free        (char                   *secret);
/* GETs a model list (any shape _lancer_ai_models_from_json reads) with
 * the provider's session; @unreadable_message is the error when the answer
 * lists no models. */
void          _lancer_ai_list_models_async  (LancerAiHttpProvider   *provider,
                                             const char             *url,
                                             const char * const     *headers,
                                             const char             *unreadable_message,
                                             GCancellable           *cancellable,
                                             gpointer                source_tag,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
GStrv         _lancer_ai_list_models_finish (LancerAiProvider       *provider,
                                             GAsyncResult           *result,
                                             GError                **error);

/* For LancerAiHttpProvider subclasses. set_endpoint takes @base_url. */
void          _lancer_ai_http_provider_set_endpoint (LancerAiHttpProvider *self,
                                                     char                 *base_url,
                                                     const char           *api_key);
const char   *_lancer_ai_http_provider_get_api_key  (LancerAiHttpProvider *self);
SoupSession  *_lancer_ai_http_provider_get_session  (LancerAiHttpProvider *self);
/* FALSE with NO_KEY (the class's no_key_message) unless a key is set or
 * the class needs none. */
gboolean      _lancer_ai_http_provider_check_key    (LancerAiHttpProvider  *self,
                                                     GError               **error);

/* Provider config defaults */
void          _lancer_ai_provider_config_init  (LancerAiProviderConfig *config);
void          _lancer_ai_provider_config_clear (LancerAiProviderConfig *config);

/* @base_url when given, else $@env_name when set (@env_name may be NULL),
 * else @fallback; trailing slashes stripped. */
char         *_lancer_ai_base_url_from_env  (const char             *base_url,
                                             const char             *env_name,
                                             const char             *fallback);

G_END_DECLS
