/* lancer-ai-call.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-ai"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lancer-ai-call-private.h"
#include "lancer-ai-openai-private.h"

#define MAX_ERROR_BODY (256 * 1024)

/* The call engine every provider shares: one POST with retries and
 * back-off, the SSE stream read through a watchdog, cancellation, usage
 * and the mapping of every failure to a LancerAiError. Providers only
 * describe their wire (LancerAiWire). */

JsonNode *
_lancer_ai_parse_json (const char *data,
                       gsize       len)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (data == NULL || len == 0)
    return NULL;
  if (!g_utf8_validate (data, len, NULL))
    return NULL;
  if (!json_parser_load_from_data (parser, data, len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root ? json_node_ref (root) : NULL;
}

JsonNode *
_lancer_ai_parse_event (const LancerSseEvent *event)
{
  g_autoptr(JsonNode) root = NULL;

  if (event->data_len == 0)
    return NULL;
  root = _lancer_ai_parse_json (event->data, event->data_len);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_debug ("ignoring a stream event that is not a JSON object");
      return NULL;
    }
  return g_steal_pointer (&root);
}

GBytes *
_lancer_ai_builder_to_bytes (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  char *data;
  gsize len;

  json_generator_set_root (gen, root);
  data = json_generator_to_data (gen, &len);
  return g_bytes_new_take (data, len);
}

JsonObject *
_lancer_ai_json_object (JsonObject *obj,
                        const char *name)
{
  JsonNode *node = obj ? json_object_get_member (obj, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

const char *
_lancer_ai_json_string (JsonObject *obj,
                        const char *name)
{
  JsonNode *node = obj ? json_object_get_member (obj, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gint64
_lancer_ai_json_int (JsonObject *obj,
                     const char *name,
                     gint64      fallback)
{
  JsonNode *node = obj ? json_object_get_member (obj, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  return json_node_get_int (node);
}

static gboolean
str_has (const char *s,
         const char *what)
{
  return s != NULL && strstr (s, what) != NULL;
}

GError *
_lancer_ai_error_for_status (LancerAiProvider *provider,
                             guint             status,
                             const char       *type,
                             const char       *code,
                             const char       *message,
                             gboolean         *permanent)
{
  const char *name = _lancer_ai_provider_display_name (provider);

  if (permanent)
    *permanent = FALSE;

  if (g_strcmp0 (type, "insufficient_quota") == 0 || g_strcmp0 (code, "insufficient_quota") == 0 ||
      g_strcmp0 (type, "billing_error") == 0 || status == 402 ||
      g_strcmp0 (code, "enforced_spend_limit_reached") == 0 ||
      str_has (message, "spend limit") || str_has (message, "credit balance"))
    {
      if (permanent)
        *permanent = TRUE;
      return g_error_new (LANCER_AI_ERROR, LANCER_AI_ERROR_QUOTA,
                          _("%s says the account has no credit left or reached its spending limit. Add credit or raise the limit in the provider’s billing settings; trying again will not help."),
                          name);
    }
  if (status == 401 || g_strcmp0 (type, "authentication_error") == 0 ||
      g_strcmp0 (code, "invalid_api_key") == 0)
    return g_error_new (LANCER_AI_ERROR, LANCER_AI_ERROR_AUTH,
                        _("%s rejected the API key. Check the key in Preferences → AI: paste it again or create a new one."),
                        name);
  if (status == 403 || g_strcmp0 (type, "permission_error") == 0)
    return g_error_new (LANCER_AI_ERROR, LANCER_AI_ERROR_AUTH,
                        _("The %s API key is not allowed to do this. Check the key’s permissions and that your account may use this model."),
                        name);
  if (status == 529 || g_strcmp0 (type, "overloaded_error") == 0 || status == 503)
    return g_error_new (LANCER_AI_ERROR, LANCER_AI_ERROR_OVERLOADED,
                        _("%s is overloaded right now. Wait a minute and try again."), name);
  if (status == 429 || g_strcmp0 (type, "rate_limit_error") == 0 ||
      g_strcmp0 (code, "rate_limit_exceeded") == 0)
    return g_error_new (LANCER_AI_ERROR, LANCER_AI_ERROR_RATE_LIMITED,
                        _("%s is limiting how fast requests may be sent. Wait a moment and try again."), name);
  if (status == 404 || g_strcmp0 (type, "not_found_error") == 0 ||
      g_strcmp0 (code, "model_not_found") == 0)
    return g_error_new (LANCER_AI_ERROR, LANCER_AI_ERROR_MODEL_NOT_FOUND,
                        _("%s does not know this model (%s). Pick another model in Preferences → AI, or check the server address."),
                        name, message ? message : _("not found"));
  if (status == 400 || status == 413 || status == 422 || g_strcmp0 (type, "invalid_request_error") == 0)
    return g_error_new (LANCER_AI_ERROR, LANCER_AI_ERROR_BAD_REQUEST,
                        _("%s rejected the request: %s. Check the model and settings in Preferences → AI."),
                        name, message ? message : _("no details"));
  if (status >= 500 || g_strcmp0 (type, "api_error") == 0 || g_strcmp0 (type, "server_error") == 0)
    return g_error_new (LANCER_AI_ERROR, LANCER_AI_ERROR_SERVER,
                        _("%s had a server error. Try again in a few minutes."), name);
  if (status == 408 || g_strcmp0 (type, "timeout_error") == 0)
    return g_error_new (LANCER_AI_ERROR, LANCER_AI_ERROR_TIMEOUT,
                        _("%s took too long to answer. Try again."), name);

  return g_error_new (LANCER_AI_ERROR, LANCER_AI_ERROR_FAILED,
                      _("%s returned an unexpected answer (HTTP %u): %s"),
                      name, status, message ? message : _("no details"));
}

GError *
_lancer_ai_error_for_transport (LancerAiProvider *provider,
                                const GError     *error)
{
  const char *name = _lancer_ai_provider_display_name (provider);
  const char *url = lancer_ai_provider_get_base_url (provider);

  if (error->domain == LANCER_HTTP_ERROR)
    {
      if (error->code == LANCER_HTTP_ERROR_TIMEOUT)
        return g_error_new (LANCER_AI_ERROR, LANCER_AI_ERROR_TIMEOUT,
                            _("%s stopped responding. Check your connection and try again."), name);
      return g_error_new_literal (LANCER_AI_ERROR, LANCER_AI_ERROR_UNREACHABLE, error->message);
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (LANCER_AI_ERROR, LANCER_AI_ERROR_TIMEOUT,
                        _("%s stopped responding. Check your connection and try again."), name);
  if (error->domain == G_TLS_ERROR)
    return g_error_new (LANCER_AI_ERROR, LANCER_AI_ERROR_UNREACHABLE,
                        _("Could not open a secure connection to %s (%s). Check the server address and your system clock."),
                        url, error->message);
  return g_error_new (LANCER_AI_ERROR, LANCER_AI_ERROR_UNREACHABLE,
                      _("Could not reach %s at %s. Check your internet connection, or that the server is running, and try again."),
                      name, url);
}

/* Pulls type/code/message out of every error body shape we know:
 * OpenAI {"error":{message,type,code}}, Anthropic {"type":"error","error":{type,message}},
 * Ollama {"error":"..."}, llama.cpp {"error":{"code":503,...}}. */
static void
parse_error_body (GBytes  *body,
                  char   **type,
                  char   **code,
                  char   **message)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  JsonNode *err;
  gsize len = 0;
  const char *data = body ? g_bytes_get_data (body, &len) : NULL;

  *type = *code = *message = NULL;
  root = _lancer_ai_parse_json (data, len);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  obj = json_node_get_object (root);
  err = json_object_get_member (obj, "error");
  if (err == NULL)
    return;
  if (JSON_NODE_HOLDS_VALUE (err) && json_node_get_value_type (err) == G_TYPE_STRING)
    {
      *message = g_strdup (json_node_get_string (err));
      return;
    }
  if (JSON_NODE_HOLDS_OBJECT (err))
    {
      JsonObject *e = json_node_get_object (err);
      JsonNode *c = json_object_get_member (e, "code");
      JsonNode *details = json_object_get_member (e, "details");

      *type = g_strdup (json_object_get_string_member_with_default (e, "type", NULL));
      *message = g_strdup (json_object_get_string_member_with_default (e, "message", NULL));
      if (c != NULL && JSON_NODE_HOLDS_VALUE (c))
        {
          if (json_node_get_value_type (c) == G_TYPE_STRING)
            *code = g_strdup (json_node_get_string (c));
          else
            *code = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (c));
        }
      if (*code == NULL && details != NULL && JSON_NODE_HOLDS_OBJECT (details))
        *code = g_strdup (json_object_get_string_member_with_default (json_node_get_object (details),
                                                                      "error_code", NULL));
    }
}

GError *
_lancer_ai_error_for_stream (LancerAiProvider *provider,
                             const char       *type,
                             const char       *code,
                             const char       *message)
{
  GError *error = _lancer_ai_error_for_status (provider, 0, type, code, message, NULL);

  if (error->code == LANCER_AI_ERROR_FAILED)
    {
      g_clear_error (&error);
      error = g_error_new (LANCER_AI_ERROR, LANCER_AI_ERROR_STREAM,
                           _("%s stopped the answer with an error (%s). What arrived is kept; try again."),
                           _lancer_ai_provider_display_name (provider),
                           message ? message : (type ? type : _("no details")));
    }
  return error;
}

GError *
_lancer_ai_call_error_from_body (LancerAiCall *call,
                                 guint         status,
                                 GBytes       *body,
                                 gboolean     *permanent)
{
  g_autofree char *type = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;

  parse_error_body (body, &type, &code, &message);
  g_debug ("%s: HTTP %u, type=%s code=%s", lancer_ai_provider_get_id (call->provider),
           status, type ? type : "-", code ? code : "-");
  return _lancer_ai_error_for_status (call->provider, status, type, code, message, permanent);
}

/* The call engine */

static void attempt_send (GTask *task);

static void
call_free (gpointer data)
{
  LancerAiCall *call = data;

  if (call->user_cancellable != NULL && call->cancel_id != 0)
    g_cancellable_disconnect (call->user_cancellable, call->cancel_id);
  if (call->retry_source != NULL)
    {
      g_source_destroy (call->retry_source);
      g_source_unref (call->retry_source);
    }
  if (call->retry_cancel_source != NULL)
    {
      g_source_destroy (call->retry_cancel_source);
      g_source_unref (call->retry_cancel_source);
    }
  g_clear_pointer (&call->watchdog, lancer_http_watchdog_free);
  g_clear_pointer (&call->parser, lancer_sse_parser_free);
  g_clear_object (&call->stream);
  g_clear_pointer (&call->error_body, g_byte_array_unref);
  g_clear_object (&call->msg);
  g_clear_object (&call->cancellable);
  g_clear_object (&call->user_cancellable);
  g_clear_object (&call->session);
  g_clear_object (&call->provider);
  if (call->delta_destroy != NULL)
    call->delta_destroy (call->delta_data);
  g_free (call->url);
  g_clear_pointer (&call->body, g_bytes_unref);
  if (call->headers != NULL)
    {
      /* The list holds the API key: wipe it before giving the memory back. */
      for (guint i = 0; call->headers[i] != NULL; i++)
        memset (call->headers[i], 0, strlen (call->headers[i]));
      g_strfreev (call->headers);
    }
  g_string_free (call->text, TRUE);
  g_string_free (call->refusal, TRUE);
  g_clear_pointer (&call->usage, lancer_ai_usage_free);
  g_clear_error (&call->stream_error);
  g_free (call);
}

static gboolean
sse_event_cb (const LancerSseEvent *event,
              gpointer              user_data)
{
  LancerAiCall *call = user_data;

  if (call->stream_error != NULL || call->done)
    return FALSE;
  return call->wire->handle_event (call, event);
}

LancerAiCall *
_lancer_ai_call_new (LancerAiProvider      *provider,
                     const LancerAiWire    *wire,
                     SoupSession           *session,
                     const char            *url,
                     GBytes                *body,
                     const LancerAiRequest *request)
{
  LancerAiCall *call = g_new0 (LancerAiCall, 1);
  LancerAiProviderConfig *config = lancer_ai_provider_get_config (provider);
  const char *id = lancer_ai_provider_get_id (provider);

  call->provider = g_object_ref (provider);
  call->wire = wire;
  call->session = g_object_ref (session);
  call->url = g_strdup (url);
  call->body = g_bytes_ref (body);
  call->headers = g_new0 (char *, 1);
  call->json_mode = request->schema != NULL;
  call->text = g_string_new (NULL);
  call->refusal = g_string_new (NULL);
  call->parser = lancer_sse_parser_new (sse_event_cb, call);

  lancer_http_retry_policy_init (&call->policy);
  call->policy.max_retries = config->max_retries;
  if (g_strcmp0 (id, "anthropic") != 0)
    {
      call->policy.retry_after_cap_ms = 120000;
      call->policy.give_up_above_cap = TRUE;
    }
  call->first_byte_timeout_ms = config->first_byte_timeout_ms;
  call->stall_timeout_ms = config->stall_timeout_ms;

  call->usage = lancer_ai_usage_new ();
  call->usage->provider = g_strdup (id);
  call->usage->base_url = g_strdup (lancer_ai_provider_get_base_url (provider));
  call->usage->model = g_strdup (request->model);
  call->usage->purpose = g_strdup (request->purpose);
  return call;
}

void
_lancer_ai_call_add_header (LancerAiCall *call,
                            const char   *name,
                            const char   *value)
{
  guint n = g_strv_length (call->headers);

  call->headers = g_renew (char *, call->headers, n + 3);
  call->headers[n] = g_strdup (name);
  call->headers[n + 1] = g_strdup (value);
  call->headers[n + 2] = NULL;
}

void
_lancer_ai_call_set_deltas (LancerAiCall      *call,
                            LancerAiDeltaFunc  func,
                            gpointer           data,
                            GDestroyNotify     destroy)
{
  call->delta_func = func;
  call->delta_data = data;
  call->delta_destroy = destroy;
}

void
_lancer_ai_call_emit_text (LancerAiCall *call,
                           const char   *text,
                           gssize        len)
{
  gsize n;

  if (text == NULL)
    return;
  n = len < 0 ? strlen (text) : (gsize) len;
  if (n == 0)
    return;
  if (call->usage->ttft_ms < 0)
    call->usage->ttft_ms = (g_get_monotonic_time () - call->started_us) / 1000;
  g_string_append_len (call->text, text, n);
  if (!call->json_mode && call->delta_func != NULL &&
      !(call->user_cancellable && g_cancellable_is_cancelled (call->user_cancellable)))
    call->delta_func (text, n, call->delta_data);
}

void
_lancer_ai_call_set_stop (LancerAiCall *call,
                          const char   *stop_reason)
{
  if (stop_reason == NULL)
    return;
  g_free (call->usage->stop_reason);
  call->usage->stop_reason = g_strdup (stop_reason);
}

void
_lancer_ai_call_set_model (LancerAiCall *call,
                           const char   *model)
{
  if (model == NULL || g_strcmp0 (model, call->usage->response_model) == 0)
    return;
  g_free (call->usage->response_model);
  call->usage->response_model = g_strdup (model);
}

static LancerAiResult *
build_result (LancerAiCall *call,
              gboolean      partial)
{
  LancerAiResult *result = g_new0 (LancerAiResult, 1);

  result->text = g_strndup (call->text->str, call->text->len);
  result->stop_reason = g_strdup (call->usage->stop_reason);
  result->refusal = call->refusal->len ? g_strdup (call->refusal->str) : NULL;
  result->partial = partial;
  result->usage = lancer_ai_usage_copy (call->usage);
  return result;
}

static void
finalize_usage (LancerAiCall *call,
                const GError *error,
                gboolean      partial)
{
  LancerAiProviderConfig *config = lancer_ai_provider_get_config (call->provider);

  call->usage->latency_ms = (g_get_monotonic_time () - call->started_us) / 1000;
  call->usage->partial = partial;
  g_free (call->usage->error_code);
  call->usage->error_code = g_strdup (lancer_ai_error_to_code (error));
  lancer_ai_prices_apply (config->prices ? config->prices : lancer_ai_prices_get_default (),
                          call->usage);
}

static void
stop_io (LancerAiCall *call)
{
  call->completed = TRUE;
  if (call->watchdog != NULL)
    lancer_http_watchdog_stop (call->watchdog);
  /* Drop the connection now: a cancelled or failed stream must not keep
   * the socket (and the server's work) alive. */
  if (call->msg != NULL && call->stream != NULL && !call->done)
    g_cancellable_cancel (call->cancellable);
}

static void
complete_error (GTask  *task,
                GError *error)
{
  LancerAiCall *call = g_task_get_task_data (task);

  if (call->completed)
    {
      g_error_free (error);
      return;
    }
  stop_io (call);
  finalize_usage (call, error, TRUE);
  g_signal_emit_by_name (call->provider, "call-finished", call->usage);
  g_task_return_error (task, error);
}

static void
complete_cancelled (GTask *task)
{
  complete_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                             _("The request was cancelled.")));
}

static gboolean
user_cancelled (LancerAiCall *call)
{
  return call->user_cancellable != NULL && g_cancellable_is_cancelled (call->user_cancellable);
}

static void
complete_ok (GTask    *task,
             gboolean  partial)
{
  LancerAiCall *call = g_task_get_task_data (task);
  LancerAiResult *result;

  if (call->completed)
    return;

  if (call->json_mode)
    {
      const char *stop = call->usage->stop_reason;

      if (call->refusal->len > 0 || g_strcmp0 (stop, "content_filter") == 0 ||
          g_strcmp0 (stop, "refusal") == 0)
        {
          complete_error (task, g_error_new (LANCER_AI_ERROR, LANCER_AI_ERROR_REFUSED,
                                             _("The model declined to answer this request. Try rewording it or use another model.")));
          return;
        }
      if (g_strcmp0 (stop, "length") == 0 || g_strcmp0 (stop, "max_tokens") == 0)
        {
          complete_error (task, g_error_new (LANCER_AI_ERROR, LANCER_AI_ERROR_TRUNCATED,
                                             _("The answer was cut off at the token limit. Raise the limit for this task in Preferences → AI.")));
          return;
        }
    }

  stop_io (call);
  finalize_usage (call, NULL, partial);
  result = build_result (call, partial);

  if (call->json_mode)
    {
      result->json = _lancer_ai_parse_json (call->text->str, call->text->len);
      if (result->json == NULL)
        {
          g_autoptr(GError) error = g_error_new (LANCER_AI_ERROR, LANCER_AI_ERROR_INVALID_JSON,
                                                 partial
                                                 ? _("The answer ended before the JSON was complete. Try again.")
                                                 : _("The model did not answer with valid JSON. Try again or pick a model that supports structured output."));
          lancer_ai_result_free (result);
          g_free (call->usage->error_code);
          call->usage->error_code = g_strdup (lancer_ai_error_to_code (error));
          g_signal_emit_by_name (call->provider, "call-finished", call->usage);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  g_signal_emit_by_name (call->provider, "call-finished", call->usage);
  g_task_return_pointer (task, result, (GDestroyNotify) lancer_ai_result_free);
}

static void
finish_stream (GTask *task)
{
  LancerAiCall *call = g_task_get_task_data (task);
  gboolean partial;

  if (lancer_sse_parser_finish (call->parser))
    g_debug ("stream ended inside an event");
  if (call->stream_error != NULL)
    {
      complete_error (task, g_steal_pointer (&call->stream_error));
      return;
    }
  /* A stop reason without the final marker still means the text is whole. */
  partial = !call->done && call->usage->stop_reason == NULL;
  complete_ok (task, partial);
}

static void read_more (GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LancerAiCall *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len = 0;
  const guint8 *data;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), res, &error);
  if (call->completed)
    return;
  if (bytes == NULL)
    {
      if (user_cancelled (call))
        complete_cancelled (task);
      else if (call->watchdog && lancer_http_watchdog_has_fired (call->watchdog))
        complete_error (task, g_error_new (LANCER_AI_ERROR, LANCER_AI_ERROR_TIMEOUT,
                                           _("%s stopped sending the answer. What arrived is kept; try again to get the rest."),
                                           _lancer_ai_provider_display_name (call->provider)));
      else
        {
          /* A dropped connection ends the stream like an early EOF: what
           * arrived is kept and marked partial. */
          g_debug ("stream read failed: %s", error->message);
          finish_stream (task);
        }
      return;
    }

  data = g_bytes_get_data (bytes, &len);
  if (len == 0)
    {
      finish_stream (task);
      return;
    }

  lancer_http_watchdog_set_timeout (call->watchdog, call->stall_timeout_ms);
  lancer_sse_parser_feed (call->parser, data, len);

  if (user_cancelled (call))
    complete_cancelled (task);
  else if (call->stream_error != NULL)
    complete_error (task, g_steal_pointer (&call->stream_error));
  else if (lancer_sse_parser_overflowed (call->parser))
    complete_error (task, g_error_new (LANCER_AI_ERROR, LANCER_AI_ERROR_STREAM,
                                       _("%s sent an answer too large to handle. Try again with a lower token limit."),
                                       _lancer_ai_provider_display_name (call->provider)));
  else if (call->done || lancer_sse_parser_is_stopped (call->parser))
    finish_stream (task);
  else
    read_more (task);
}

static void
read_more (GTask *task)
{
  LancerAiCall *call = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (call->stream, 16384, G_PRIORITY_DEFAULT,
                                   call->cancellable, read_cb, g_object_ref (task));
}

static gboolean
retry_now_cb (gpointer user_data)
{
  GTask *task = user_data;
  LancerAiCall *call = g_task_get_task_data (task);

  if (call->retry_source != NULL)
    {
      g_source_destroy (call->retry_source);
      g_clear_pointer (&call->retry_source, g_source_unref);
    }
  if (call->retry_cancel_source != NULL)
    {
      g_source_destroy (call->retry_cancel_source);
      g_clear_pointer (&call->retry_cancel_source, g_source_unref);
    }
  attempt_send (task);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (GTask *task,
                guint  delay_ms)
{
  LancerAiCall *call = g_task_get_task_data (task);
  GMainContext *ctx = g_main_context_get_thread_default ();

  call->usage->retries++;
  g_debug ("%s: retry %u in %u ms", lancer_ai_provider_get_id (call->provider),
           call->usage->retries, delay_ms);
  g_clear_object (&call->msg);
  g_clear_object (&call->stream);
  if (call->watchdog != NULL)
    lancer_http_watchdog_stop (call->watchdog);

  call->retry_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (call->retry_source, retry_now_cb, g_object_ref (task), g_object_unref);
  g_source_attach (call->retry_source, ctx);
  if (call->user_cancellable != NULL)
    {
      call->retry_cancel_source = g_cancellable_source_new (call->user_cancellable);
      g_source_set_callback (call->retry_cancel_source, retry_now_cb, g_object_ref (task), g_object_unref);
      g_source_attach (call->retry_cancel_source, ctx);
    }
}

static void
error_body_done (GTask  *task,
                 GBytes *body)
{
  LancerAiCall *call = g_task_get_task_data (task);
  guint status = soup_message_get_status (call->msg);
  gboolean permanent = FALSE;
  guint delay = 0;
  GError *error;

  if (user_cancelled (call))
    {
      complete_cancelled (task);
      return;
    }

  error = call->wire->parse_error (call, status, body, &permanent);
  if (lancer_http_should_retry (&call->policy, call->usage->retries, status,
                                soup_message_get_response_headers (call->msg),
                                permanent, &delay))
    {
      g_error_free (error);
      schedule_retry (task, delay);
      return;
    }
  complete_error (task, error);
}

static void
error_body_read_cb (GObject      *object,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LancerAiCall *call = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), res, &error);
  if (bytes != NULL && g_bytes_get_size (bytes) > 0 && call->error_body->len < MAX_ERROR_BODY && !call->completed)
    {
      g_byte_array_append (call->error_body, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_input_stream_read_bytes_async (G_INPUT_STREAM (object), 8192, G_PRIORITY_DEFAULT,
                                       call->cancellable, error_body_read_cb, g_steal_pointer (&task));
      return;
    }
  if (!call->completed)
    {
      g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&call->error_body));
      error_body_done (task, body);
    }
  g_clear_pointer (&call->error_body, g_byte_array_unref);
}

static void
send_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LancerAiCall *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  SoupMessageHeaders *headers;
  const char *request_id;
  guint status;

  stream = soup_session_send_finish (SOUP_SESSION (object), res, &error);
  if (call->completed)
    return;
  if (stream == NULL)
    {
      gboolean retryable;
      GError *mapped;
      guint delay = 0;

      if (user_cancelled (call))
        {
          complete_cancelled (task);
          return;
        }
      if (call->watchdog != NULL && lancer_http_watchdog_has_fired (call->watchdog))
        {
          g_autoptr(GError) timeout = g_error_new_literal (LANCER_HTTP_ERROR, LANCER_HTTP_ERROR_TIMEOUT, "timeout");
          mapped = _lancer_ai_error_for_transport (call->provider, timeout);
          retryable = TRUE;
        }
      else
        {
          g_debug ("%s: send failed: %s", lancer_ai_provider_get_id (call->provider), error->message);
          mapped = _lancer_ai_error_for_transport (call->provider, error);
          retryable = lancer_http_error_is_retryable (error);
        }
      if (retryable &&
          lancer_http_should_retry (&call->policy, call->usage->retries, 0, NULL, FALSE, &delay))
        {
          g_error_free (mapped);
          schedule_retry (task, delay);
        }
      else
        complete_error (task, mapped);
      return;
    }

  status = soup_message_get_status (call->msg);
  headers = soup_message_get_response_headers (call->msg);
  request_id = soup_message_headers_get_one (headers, "x-request-id");
  if (request_id == NULL)
    request_id = soup_message_headers_get_one (headers, "request-id");
  if (request_id != NULL)
    {
      g_free (call->usage->request_id);
      call->usage->request_id = g_strdup (request_id);
    }

  if (status < 200 || status >= 300)
    {
      call->error_body = g_byte_array_new ();
      g_input_stream_read_bytes_async (stream, 8192, G_PRIORITY_DEFAULT,
                                       call->cancellable, error_body_read_cb, g_steal_pointer (&task));
      return;
    }

  call->stream = g_steal_pointer (&stream);
  read_more (task);
}

static void
user_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  LancerAiCall *call = user_data;

  if (call->cancellable != NULL)
    g_cancellable_cancel (call->cancellable);
}

static void
attempt_send (GTask *task)
{
  LancerAiCall *call = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;

  if (call->completed)
    return;
  if (user_cancelled (call))
    {
      complete_cancelled (task);
      return;
    }

  /* A fired watchdog has cancelled the old cancellable for good. */
  if (g_cancellable_is_cancelled (call->cancellable))
    {
      g_clear_object (&call->cancellable);
      call->cancellable = g_cancellable_new ();
    }
  g_clear_pointer (&call->watchdog, lancer_http_watchdog_free);
  call->watchdog = lancer_http_watchdog_new (call->cancellable, call->first_byte_timeout_ms);
  g_clear_pointer (&call->parser, lancer_sse_parser_free);
  call->parser = lancer_sse_parser_new (sse_event_cb, call);
  g_string_truncate (call->text, 0);
  g_string_truncate (call->refusal, 0);
  call->done = FALSE;
  call->block_kind = 0;

  uri = g_uri_parse (call->url, SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL)
    {
      complete_error (task, g_error_new (LANCER_AI_ERROR, LANCER_AI_ERROR_UNREACHABLE,
                                         _("“%s” is not a valid server address. Fix it in Preferences → AI."),
                                         call->url));
      return;
    }
  g_clear_object (&call->msg);
  call->msg = soup_message_new_from_uri (SOUP_METHOD_POST, uri);
  headers = soup_message_get_request_headers (call->msg);
  for (guint i = 0; call->headers[i] != NULL && call->headers[i + 1] != NULL; i += 2)
    soup_message_headers_replace (headers, call->headers[i], call->headers[i + 1]);
  soup_message_headers_replace (headers, "Accept", "text/event-stream, application/json");
  soup_message_set_request_body_from_bytes (call->msg, "application/json", call->body);

  soup_session_send_async (call->session, call->msg, G_PRIORITY_DEFAULT, call->cancellable,
                           send_cb, g_object_ref (task));
}

void
_lancer_ai_call_run (LancerAiCall        *call,
                     GCancellable        *cancellable,
                     gpointer             source_tag,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  task = g_task_new (call->provider, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, call_free);
  call->task = task;

  call->started_us = g_get_monotonic_time ();
  call->usage->started_at = g_get_real_time ();
  call->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      call->user_cancellable = g_object_ref (cancellable);
      call->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (user_cancelled_cb), call, NULL);
    }

  if (!lancer_http_check_url (call->url, &error))
    {
      complete_error (task, g_error_new_literal (LANCER_AI_ERROR, LANCER_AI_ERROR_UNREACHABLE,
                                                 error->message));
      return;
    }
  attempt_send (task);
}

LancerAiResult *
lancer_ai_provider_dup_partial_result (GAsyncResult *result)
{
  LancerAiCall *call;

  if (!G_IS_TASK (result))
    return NULL;
  if (!LANCER_IS_AI_PROVIDER (g_task_get_source_object (G_TASK (result))))
    return NULL;
  call = g_task_get_task_data (G_TASK (result));
  if (call == NULL || call->text == NULL)
    return NULL;
  return build_result (call, TRUE);
}

/* Provider plumbing: the parts every provider wrote the same way. */

LancerAiRequest *
_lancer_ai_request_copy_for_chat (const LancerAiRequest *request)
{
  LancerAiRequest *copy = lancer_ai_request_copy (request);

  /* A chat call never carries a schema, even if the caller reused one. */
  g_clear_pointer (&copy->schema, json_node_unref);
  return copy;
}

void
_lancer_ai_secret_free (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

/* Model lists */

typedef struct
{
  LancerAiProvider *provider;
  SoupMessage      *msg;
  char             *unreadable;   /* the error when the answer lists no models */
} ListData;

static void
list_data_free (gpointer data)
{
  ListData *ld = data;

  g_clear_object (&ld->provider);
  g_clear_object (&ld->msg);
  g_free (ld->unreadable);
  g_free (ld);
}

static void
models_read_cb (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListData *ld = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  GStrv models;
  guint status;
  gsize len = 0;
  const char *data;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), res, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, _lancer_ai_error_for_transport (ld->provider, error));
      return;
    }
  status = soup_message_get_status (ld->msg);
  if (status < 200 || status >= 300)
    {
      g_autofree char *type = NULL;
      g_autofree char *code = NULL;
      g_autofree char *message = NULL;

      parse_error_body (body, &type, &code, &message);
      g_task_return_error (task, _lancer_ai_error_for_status (ld->provider, status, type, code,
                                                              message, NULL));
      return;
    }
  data = g_bytes_get_data (body, &len);
  root = _lancer_ai_parse_json (data, len);
  if (root == NULL)
    {
      g_task_return_new_error (task, LANCER_AI_ERROR, LANCER_AI_ERROR_INVALID_JSON,
                               _("%s answered with something that is not JSON. Check the server address in Preferences → AI."),
                               _lancer_ai_provider_display_name (ld->provider));
      return;
    }
  models = _lancer_ai_models_from_json (root);
  if (models == NULL)
    g_task_return_new_error (task, LANCER_AI_ERROR, LANCER_AI_ERROR_INVALID_JSON,
                             "%s", ld->unreadable);
  else
    g_task_return_pointer (task, models, (GDestroyNotify) g_strfreev);
}

void
_lancer_ai_list_models_async (LancerAiHttpProvider *provider,
                              const char           *url,
                              const char * const   *headers,
                              const char           *unreadable_message,
                              GCancellable         *cancellable,
                              gpointer              source_tag,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  ListData *ld;

  task = g_task_new (provider, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  if (!lancer_http_check_url (url, &error) ||
      (uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error)) == NULL)
    {
      g_task_return_new_error (task, LANCER_AI_ERROR, LANCER_AI_ERROR_UNREACHABLE, "%s", error->message);
      return;
    }

  ld = g_new0 (ListData, 1);
  ld->provider = g_object_ref (LANCER_AI_PROVIDER (provider));
  ld->msg = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  ld->unreadable = g_strdup (unreadable_message);
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    soup_message_headers_replace (soup_message_get_request_headers (ld->msg), headers[i], headers[i + 1]);
  g_task_set_task_data (task, ld, list_data_free);

  soup_session_send_and_read_async (_lancer_ai_http_provider_get_session (provider), ld->msg,
                                    G_PRIORITY_DEFAULT, cancellable,
                                    models_read_cb, g_steal_pointer (&task));
}

GStrv
_lancer_ai_list_models_finish (LancerAiProvider  *provider,
                               GAsyncResult      *result,
                               GError           **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
