/* lancer-ai-anthropic.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-ai"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lancer-ai-anthropic.h"
#include "lancer-ai-call-private.h"
#include "lancer-ai-openai-private.h"

enum { BLOCK_NONE, BLOCK_TEXT, BLOCK_TOOL, BLOCK_OTHER };

struct _LancerAiAnthropic
{
  GObject                 parent_instance;
  char                   *base_url;
  char                   *api_key;
  SoupSession            *session;
  LancerAiProviderConfig  config;
};

static void provider_iface_init (LancerAiProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LancerAiAnthropic, lancer_ai_anthropic, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LANCER_TYPE_AI_PROVIDER, provider_iface_init))

static char *
tool_name_for (const char *schema_name)
{
  return g_strconcat ("record_", schema_name ? schema_name : "answer", NULL);
}

GBytes *
lancer_ai_anthropic_build_body (const LancerAiRequest *request)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) system = g_string_new (request->system);
  char *data;
  gsize len;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, request->model ? request->model : "");
  json_builder_set_member_name (b, "max_tokens");
  json_builder_add_int_value (b, request->max_tokens > 0 ? request->max_tokens
                                                         : LANCER_AI_ANTHROPIC_DEFAULT_MAX_TOKENS);
  json_builder_set_member_name (b, "stream");
  json_builder_add_boolean_value (b, TRUE);
  if (request->temperature >= 0)
    {
      json_builder_set_member_name (b, "temperature");
      json_builder_add_double_value (b, CLAMP (request->temperature, 0.0, 1.0));
    }

  /* No system role inside messages: fold any into the top-level prompt. */
  for (guint i = 0; i < request->messages->len; i++)
    {
      const LancerAiMessage *m = g_ptr_array_index (request->messages, i);
      if (g_str_equal (m->role, "system"))
        {
          if (system->len > 0)
            g_string_append (system, "\n\n");
          g_string_append (system, m->content);
        }
    }
  if (system->len > 0)
    {
      json_builder_set_member_name (b, "system");
      json_builder_add_string_value (b, system->str);
    }

  json_builder_set_member_name (b, "messages");
  json_builder_begin_array (b);
  for (guint i = 0; i < request->messages->len; i++)
    {
      const LancerAiMessage *m = g_ptr_array_index (request->messages, i);

      if (g_str_equal (m->role, "system"))
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, g_str_equal (m->role, "assistant") ? "assistant" : "user");
      json_builder_set_member_name (b, "content");
      json_builder_add_string_value (b, m->content);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  if (request->schema != NULL)
    {
      g_autofree char *tool = tool_name_for (request->schema_name);

      json_builder_set_member_name (b, "tools");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, tool);
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, "Record the answer in the required structure.");
      json_builder_set_member_name (b, "input_schema");
      json_builder_add_value (b, json_node_copy (request->schema));
      json_builder_end_object (b);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "tool_choice");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "tool");
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, tool);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  data = json_generator_to_data (gen, &len);
  return g_bytes_new_take (data, len);
}

static JsonObject *
obj_member (JsonObject *obj,
            const char *name)
{
  JsonNode *n = obj ? json_object_get_member (obj, name) : NULL;
  return n && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static const char *
str_member (JsonObject *obj,
            const char *name)
{
  JsonNode *n = obj ? json_object_get_member (obj, name) : NULL;
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static gboolean
int_member (JsonObject *obj,
            const char *name,
            gint64     *out)
{
  JsonNode *n = obj ? json_object_get_member (obj, name) : NULL;
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return FALSE;
  *out = json_node_get_int (n);
  return TRUE;
}

static void
read_usage (LancerAiCall *call,
            JsonObject   *usage)
{
  gint64 v;
  gint64 uncached = -1, cread = 0, cwrite = 0;

  if (usage == NULL)
    return;
  if (int_member (usage, "input_tokens", &v))
    uncached = v;
  int_member (usage, "cache_read_input_tokens", &cread);
  int_member (usage, "cache_creation_input_tokens", &cwrite);
  if (uncached >= 0)
    {
      /* Normalise: input_tokens counts the whole prompt, cached included. */
      call->usage->input_tokens = uncached + cread + cwrite;
      call->usage->cached_tokens = cread;
      call->usage->cache_write_tokens = cwrite;
    }
  if (int_member (usage, "output_tokens", &v))
    call->usage->output_tokens = v;   /* cumulative in message_delta */
}

static gboolean
anthropic_handle_event (LancerAiCall         *call,
                        const LancerSseEvent *event)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  const char *type;

  if (event->data_len == 0)
    return TRUE;
  root = _lancer_ai_parse_json (event->data, event->data_len);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_debug ("ignoring a stream event that is not a JSON object");
      return TRUE;
    }
  obj = json_node_get_object (root);
  type = str_member (obj, "type");
  if (type == NULL)
    type = event->event;
  if (type == NULL)
    return TRUE;

  if (g_str_equal (type, "ping"))
    return TRUE;
  if (g_str_equal (type, "error"))
    {
      JsonObject *e = obj_member (obj, "error");
      call->stream_error = _lancer_ai_error_for_stream (call->provider, str_member (e, "type"),
                                                        NULL, str_member (e, "message"));
      return FALSE;
    }
  if (g_str_equal (type, "message_start"))
    {
      JsonObject *msg = obj_member (obj, "message");
      _lancer_ai_call_set_model (call, str_member (msg, "model"));
      read_usage (call, obj_member (msg, "usage"));
      return TRUE;
    }
  if (g_str_equal (type, "content_block_start"))
    {
      const char *kind = str_member (obj_member (obj, "content_block"), "type");

      if (g_strcmp0 (kind, "text") == 0)
        call->block_kind = BLOCK_TEXT;
      else if (g_strcmp0 (kind, "tool_use") == 0)
        call->block_kind = BLOCK_TOOL;
      else
        call->block_kind = BLOCK_OTHER;
      return TRUE;
    }
  if (g_str_equal (type, "content_block_delta"))
    {
      JsonObject *delta = obj_member (obj, "delta");
      const char *dtype = str_member (delta, "type");

      if (g_strcmp0 (dtype, "text_delta") == 0)
        {
          /* In JSON mode the answer is the tool input, not prose around it. */
          if (!call->json_mode)
            _lancer_ai_call_emit_text (call, str_member (delta, "text"), -1);
        }
      else if (g_strcmp0 (dtype, "input_json_delta") == 0 && call->json_mode)
        _lancer_ai_call_emit_text (call, str_member (delta, "partial_json"), -1);
      return TRUE;
    }
  if (g_str_equal (type, "content_block_stop"))
    {
      call->block_kind = BLOCK_NONE;
      return TRUE;
    }
  if (g_str_equal (type, "message_delta"))
    {
      _lancer_ai_call_set_stop (call, str_member (obj_member (obj, "delta"), "stop_reason"));
      read_usage (call, obj_member (obj, "usage"));
      return TRUE;
    }
  if (g_str_equal (type, "message_stop"))
    {
      call->done = TRUE;
      return FALSE;
    }
  /* New event types may appear: ignore them. */
  return TRUE;
}

static const LancerAiWire anthropic_wire = {
  .handle_event = anthropic_handle_event,
  .parse_error = _lancer_ai_call_error_from_body,
};

#define NO_KEY_MESSAGE _("No Anthropic API key is set. Add one in Preferences → AI.")

static void
run (LancerAiAnthropic     *self,
     const LancerAiRequest *request,
     LancerAiDeltaFunc      delta_func,
     gpointer               delta_data,
     GDestroyNotify         delta_destroy,
     GCancellable          *cancellable,
     gpointer               source_tag,
     GAsyncReadyCallback    callback,
     gpointer               user_data)
{
  g_autoptr(GBytes) body = lancer_ai_anthropic_build_body (request);
  g_autofree char *url = g_strconcat (self->base_url, "/v1/messages", NULL);
  LancerAiCall *call;

  call = _lancer_ai_call_new (LANCER_AI_PROVIDER (self), &anthropic_wire, self->session,
                              url, body, request);
  _lancer_ai_call_add_header (call, "x-api-key", self->api_key);
  _lancer_ai_call_add_header (call, "anthropic-version", LANCER_AI_ANTHROPIC_VERSION);
  _lancer_ai_call_set_deltas (call, delta_func, delta_data, delta_destroy);
  _lancer_ai_call_run (call, cancellable, source_tag, callback, user_data);
}

static void
lancer_ai_anthropic_stream_chat_async (LancerAiProvider      *provider,
                                       const LancerAiRequest *request,
                                       LancerAiDeltaFunc      delta_func,
                                       gpointer               delta_data,
                                       GDestroyNotify         delta_destroy,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  LancerAiAnthropic *self = LANCER_AI_ANTHROPIC (provider);
  g_autoptr(LancerAiRequest) req = NULL;

  if (!_lancer_ai_check_key (provider, self->api_key, NO_KEY_MESSAGE, delta_data, delta_destroy,
                             lancer_ai_anthropic_stream_chat_async, callback, user_data))
    return;
  req = _lancer_ai_request_copy_for_chat (request);
  run (self, req, delta_func, delta_data, delta_destroy, cancellable,
       lancer_ai_anthropic_stream_chat_async, callback, user_data);
}

static void
lancer_ai_anthropic_complete_json_async (LancerAiProvider      *provider,
                                         const LancerAiRequest *request,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data)
{
  LancerAiAnthropic *self = LANCER_AI_ANTHROPIC (provider);

  if (!_lancer_ai_check_key (provider, self->api_key, NO_KEY_MESSAGE, NULL, NULL,
                             lancer_ai_anthropic_complete_json_async, callback, user_data))
    return;
  run (self, request, NULL, NULL, NULL, cancellable,
       lancer_ai_anthropic_complete_json_async, callback, user_data);
}

static void
lancer_ai_anthropic_list_models_async (LancerAiProvider    *provider,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  LancerAiAnthropic *self = LANCER_AI_ANTHROPIC (provider);
  g_autofree char *url = NULL;
  const char *headers[5] = { "x-api-key", self->api_key, "anthropic-version",
                             LANCER_AI_ANTHROPIC_VERSION, NULL };

  if (!_lancer_ai_check_key (provider, self->api_key, NO_KEY_MESSAGE, NULL, NULL,
                             lancer_ai_anthropic_list_models_async, callback, user_data))
    return;
  url = g_strconcat (self->base_url, "/v1/models", NULL);
  _lancer_ai_list_models_async (provider, self->session, url, headers,
                                _("The model list from Anthropic could not be read. Try again later."),
                                cancellable, lancer_ai_anthropic_list_models_async,
                                callback, user_data);
}

static const char *
lancer_ai_anthropic_get_id (LancerAiProvider *provider)
{
  return "anthropic";
}

static const char *
lancer_ai_anthropic_get_base_url (LancerAiProvider *provider)
{
  return LANCER_AI_ANTHROPIC (provider)->base_url;
}

static LancerAiProviderConfig *
lancer_ai_anthropic_get_config (LancerAiProvider *provider)
{
  return &LANCER_AI_ANTHROPIC (provider)->config;
}

static void
provider_iface_init (LancerAiProviderInterface *iface)
{
  iface->get_id = lancer_ai_anthropic_get_id;
  iface->get_base_url = lancer_ai_anthropic_get_base_url;
  iface->get_config = lancer_ai_anthropic_get_config;
  iface->stream_chat_async = lancer_ai_anthropic_stream_chat_async;
  iface->stream_chat_finish = _lancer_ai_call_finish;
  iface->complete_json_async = lancer_ai_anthropic_complete_json_async;
  iface->complete_json_finish = _lancer_ai_call_finish;
  iface->list_models_async = lancer_ai_anthropic_list_models_async;
  iface->list_models_finish = _lancer_ai_list_models_finish;
}

static void
lancer_ai_anthropic_finalize (GObject *object)
{
  LancerAiAnthropic *self = (LancerAiAnthropic *) object;

  g_free (self->base_url);
  _lancer_ai_secret_free (self->api_key);
  g_clear_object (&self->session);
  _lancer_ai_provider_config_clear (&self->config);
  G_OBJECT_CLASS (lancer_ai_anthropic_parent_class)->finalize (object);
}

static void
lancer_ai_anthropic_class_init (LancerAiAnthropicClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lancer_ai_anthropic_finalize;
}

static void
lancer_ai_anthropic_init (LancerAiAnthropic *self)
{
  _lancer_ai_provider_config_init (&self->config);
}

LancerAiAnthropic *
lancer_ai_anthropic_new (const char *base_url,
                         const char *api_key)
{
  LancerAiAnthropic *self = g_object_new (LANCER_TYPE_AI_ANTHROPIC, NULL);

  self->base_url = base_url != NULL
                   ? _lancer_ai_base_url_from_env (NULL, base_url)
                   : _lancer_ai_base_url_from_env ("LANCER_ANTHROPIC_BASE_URL", LANCER_AI_ANTHROPIC_DEFAULT_BASE_URL);
  self->api_key = g_strdup (api_key);
  self->session = lancer_http_session_new (self->base_url);
  return self;
}
