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

enum { BLOCK_NONE, BLOCK_TEXT, BLOCK_TOOL, BLOCK_OTHER };

struct _LancerAiAnthropic
{
  LancerAiHttpProvider parent_instance;
};

static void provider_iface_init (LancerAiProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LancerAiAnthropic, lancer_ai_anthropic, LANCER_TYPE_AI_HTTP_PROVIDER,
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
  g_autoptr(GString) system = g_string_new (request->system);

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
  return _lancer_ai_builder_to_bytes (b);
}

static void
read_usage (LancerAiCall *call,
            JsonObject   *usage)
{
  gint64 uncached, cread, cwrite;

  if (usage == NULL)
    return;
  uncached = _lancer_ai_json_int (usage, "input_tokens", -1);
  cread = _lancer_ai_json_int (usage, "cache_read_input_tokens", 0);
  cwrite = _lancer_ai_json_int (usage, "cache_creation_input_tokens", 0);
  if (uncached >= 0)
    {
      /* Normalise: input_tokens counts the whole prompt, cached included. */
      call->usage->input_tokens = uncached + cread + cwrite;
      call->usage->cached_tokens = cread;
      call->usage->cache_write_tokens = cwrite;
    }
  /* Cumulative in message_delta. */
  call->usage->output_tokens = _lancer_ai_json_int (usage, "output_tokens", call->usage->output_tokens);
}

static gboolean
anthropic_handle_event (LancerAiCall         *call,
                        const LancerSseEvent *event)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  const char *type;

  root = _lancer_ai_parse_event (event);
  if (root == NULL)
    return TRUE;
  obj = json_node_get_object (root);
  type = _lancer_ai_json_string (obj, "type");
  if (type == NULL)
    type = event->event;
  if (type == NULL)
    return TRUE;

  if (g_str_equal (type, "ping"))
    return TRUE;
  if (g_str_equal (type, "error"))
    {
      JsonObject *e = _lancer_ai_json_object (obj, "error");
      call->stream_error = _lancer_ai_error_for_stream (call->provider, _lancer_ai_json_string (e, "type"),
                                                        NULL, _lancer_ai_json_string (e, "message"));
      return FALSE;
    }
  if (g_str_equal (type, "message_start"))
    {
      JsonObject *msg = _lancer_ai_json_object (obj, "message");
      _lancer_ai_call_set_model (call, _lancer_ai_json_string (msg, "model"));
      read_usage (call, _lancer_ai_json_object (msg, "usage"));
      return TRUE;
    }
  if (g_str_equal (type, "content_block_start"))
    {
      const char *kind = _lancer_ai_json_string (_lancer_ai_json_object (obj, "content_block"), "type");

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
      JsonObject *delta = _lancer_ai_json_object (obj, "delta");
      const char *dtype = _lancer_ai_json_string (delta, "type");

      if (g_strcmp0 (dtype, "text_delta") == 0)
        {
          /* In JSON mode the answer is the tool input, not prose around it. */
          if (!call->json_mode)
            _lancer_ai_call_emit_text (call, _lancer_ai_json_string (delta, "text"), -1);
        }
      else if (g_strcmp0 (dtype, "input_json_delta") == 0 && call->json_mode)
        _lancer_ai_call_emit_text (call, _lancer_ai_json_string (delta, "partial_json"), -1);
      return TRUE;
    }
  if (g_str_equal (type, "content_block_stop"))
    {
      call->block_kind = BLOCK_NONE;
      return TRUE;
    }
  if (g_str_equal (type, "message_delta"))
    {
      _lancer_ai_call_set_stop (call, _lancer_ai_json_string (_lancer_ai_json_object (obj, "delta"), "stop_reason"));
      read_usage (call, _lancer_ai_json_object (obj, "usage"));
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

static LancerAiCall *
lancer_ai_anthropic_new_call (LancerAiHttpProvider  *provider,
                              const LancerAiRequest *request)
{
  g_autoptr(GBytes) body = lancer_ai_anthropic_build_body (request);
  g_autofree char *url = g_strconcat (lancer_ai_provider_get_base_url (LANCER_AI_PROVIDER (provider)),
                                      "/v1/messages", NULL);
  LancerAiCall *call;

  call = _lancer_ai_call_new (LANCER_AI_PROVIDER (provider), &anthropic_wire,
                              _lancer_ai_http_provider_get_session (provider), url, body, request);
  _lancer_ai_call_add_header (call, "x-api-key", _lancer_ai_http_provider_get_api_key (provider));
  _lancer_ai_call_add_header (call, "anthropic-version", LANCER_AI_ANTHROPIC_VERSION);
  return call;
}

static void
lancer_ai_anthropic_list_models_async (LancerAiProvider    *provider,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  LancerAiHttpProvider *self = LANCER_AI_HTTP_PROVIDER (provider);
  g_autofree char *url = NULL;
  const char *headers[5] = { "x-api-key", _lancer_ai_http_provider_get_api_key (self),
                             "anthropic-version", LANCER_AI_ANTHROPIC_VERSION, NULL };
  GError *error = NULL;

  if (!_lancer_ai_http_provider_check_key (self, &error))
    {
      g_task_report_error (self, callback, user_data, lancer_ai_anthropic_list_models_async, error);
      return;
    }
  url = g_strconcat (lancer_ai_provider_get_base_url (provider), "/v1/models", NULL);
  _lancer_ai_list_models_async (self, url, headers,
                                _("The model list from Anthropic could not be read. Try again later."),
                                cancellable, lancer_ai_anthropic_list_models_async,
                                callback, user_data);
}

static const char *
lancer_ai_anthropic_get_id (LancerAiProvider *provider)
{
  return "anthropic";
}

static void
provider_iface_init (LancerAiProviderInterface *iface)
{
  iface->get_id = lancer_ai_anthropic_get_id;
  iface->list_models_async = lancer_ai_anthropic_list_models_async;
}

static void
lancer_ai_anthropic_class_init (LancerAiAnthropicClass *klass)
{
  LancerAiHttpProviderClass *http_class = LANCER_AI_HTTP_PROVIDER_CLASS (klass);

  http_class->no_key_message = N_("No Anthropic API key is set. Add one in Preferences → AI.");
  http_class->new_call = lancer_ai_anthropic_new_call;
}

static void
lancer_ai_anthropic_init (LancerAiAnthropic *self)
{
}

LancerAiAnthropic *
lancer_ai_anthropic_new (const char *base_url,
                         const char *api_key)
{
  LancerAiAnthropic *self = g_object_new (LANCER_TYPE_AI_ANTHROPIC, NULL);

  _lancer_ai_http_provider_set_endpoint (LANCER_AI_HTTP_PROVIDER (self),
                                         _lancer_ai_base_url_from_env (base_url, "LANCER_ANTHROPIC_BASE_URL",
                                                                       LANCER_AI_ANTHROPIC_DEFAULT_BASE_URL),
                                         api_key);
  return self;
}
