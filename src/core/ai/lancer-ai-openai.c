/* lancer-ai-openai.c
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
#include "lancer-ai-openai.h"

struct _LancerAiOpenai
{
  LancerAiHttpProvider parent_instance;
};

static void provider_iface_init (LancerAiProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LancerAiOpenai, lancer_ai_openai, LANCER_TYPE_AI_HTTP_PROVIDER,
                               G_IMPLEMENT_INTERFACE (LANCER_TYPE_AI_PROVIDER, provider_iface_init))

gboolean
lancer_ai_openai_is_reasoning_model (const char *model)
{
  if (model == NULL)
    return FALSE;
  return g_str_has_prefix (model, "o1") || g_str_has_prefix (model, "o3") ||
         g_str_has_prefix (model, "o4") || g_str_has_prefix (model, "gpt-5");
}

/* Wire */

GBytes *
_lancer_ai_openai_build_body (LancerAiOpenaiDialect  dialect,
                              const LancerAiRequest *request)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gboolean reasoning = dialect == LANCER_AI_OPENAI_DIALECT_OPENAI &&
                       lancer_ai_openai_is_reasoning_model (request->model);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, request->model ? request->model : "");
  json_builder_set_member_name (b, "stream");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "stream_options");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "include_usage");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_end_object (b);

  if (request->max_tokens > 0)
    {
      /* OpenAI deprecated max_tokens (reasoning models reject it); Ollama
       * and most local servers only read max_tokens. */
      json_builder_set_member_name (b, dialect == LANCER_AI_OPENAI_DIALECT_OPENAI
                                       ? "max_completion_tokens" : "max_tokens");
      json_builder_add_int_value (b, request->max_tokens);
    }
  if (request->temperature >= 0 && (!reasoning || request->temperature == 1.0))
    {
      json_builder_set_member_name (b, "temperature");
      json_builder_add_double_value (b, CLAMP (request->temperature, 0.0, 2.0));
    }

  json_builder_set_member_name (b, "messages");
  json_builder_begin_array (b);
  if (request->system != NULL)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, reasoning ? "developer" : "system");
      json_builder_set_member_name (b, "content");
      json_builder_add_string_value (b, request->system);
      json_builder_end_object (b);
    }
  for (guint i = 0; i < request->messages->len; i++)
    {
      const LancerAiMessage *m = g_ptr_array_index (request->messages, i);
      const char *role = m->role;

      if (reasoning && g_str_equal (role, "system"))
        role = "developer";
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, role);
      json_builder_set_member_name (b, "content");
      json_builder_add_string_value (b, m->content);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  if (request->schema != NULL)
    {
      json_builder_set_member_name (b, "response_format");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "json_schema");
      json_builder_set_member_name (b, "json_schema");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, request->schema_name);
      json_builder_set_member_name (b, "strict");
      json_builder_add_boolean_value (b, TRUE);
      json_builder_set_member_name (b, "schema");
      json_builder_add_value (b, json_node_copy (request->schema));
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  return _lancer_ai_builder_to_bytes (b);
}

static gboolean
openai_handle_event (LancerAiCall         *call,
                     const LancerSseEvent *event)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  JsonObject *usage;
  JsonNode *choices;

  if (lancer_sse_event_is_done (event))
    {
      call->done = TRUE;
      return FALSE;
    }
  root = _lancer_ai_parse_event (event);
  if (root == NULL)
    return TRUE;
  obj = json_node_get_object (root);

  if (json_object_has_member (obj, "error") ||
      g_strcmp0 (event->event, "error") == 0)
    {
      JsonNode *err = json_object_get_member (obj, "error");
      JsonObject *e = err && JSON_NODE_HOLDS_OBJECT (err) ? json_node_get_object (err) : obj;
      const char *message = _lancer_ai_json_string (e, "message");
      g_autofree char *code = NULL;

      if (err && JSON_NODE_HOLDS_VALUE (err))
        message = _lancer_ai_json_string (obj, "error");
      if (_lancer_ai_json_string (e, "code") != NULL)
        code = g_strdup (_lancer_ai_json_string (e, "code"));
      call->stream_error = _lancer_ai_error_for_stream (call->provider,
                                                        _lancer_ai_json_string (e, "type"),
                                                        code, message);
      return FALSE;
    }

  _lancer_ai_call_set_model (call, _lancer_ai_json_string (obj, "model"));

  choices = json_object_get_member (obj, "choices");
  if (choices != NULL && JSON_NODE_HOLDS_ARRAY (choices))
    {
      JsonArray *arr = json_node_get_array (choices);

      /* The usage chunk has choices: []; never index blindly. */
      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonNode *cn = json_array_get_element (arr, i);
          JsonObject *choice;
          JsonObject *delta;
          const char *s;

          if (!JSON_NODE_HOLDS_OBJECT (cn))
            continue;
          choice = json_node_get_object (cn);
          if (_lancer_ai_json_int (choice, "index", 0) != 0)
            continue;
          delta = _lancer_ai_json_object (choice, "delta");
          if ((s = _lancer_ai_json_string (delta, "content")) != NULL)
            _lancer_ai_call_emit_text (call, s, -1);
          if ((s = _lancer_ai_json_string (delta, "refusal")) != NULL)
            g_string_append (call->refusal, s);
          if ((s = _lancer_ai_json_string (choice, "finish_reason")) != NULL)
            _lancer_ai_call_set_stop (call, s);
        }
    }

  usage = _lancer_ai_json_object (obj, "usage");
  if (usage != NULL)
    {
      JsonObject *pd = _lancer_ai_json_object (usage, "prompt_tokens_details");
      JsonObject *cd = _lancer_ai_json_object (usage, "completion_tokens_details");

      call->usage->input_tokens = _lancer_ai_json_int (usage, "prompt_tokens", 0);
      call->usage->output_tokens = _lancer_ai_json_int (usage, "completion_tokens", 0);
      call->usage->cached_tokens = _lancer_ai_json_int (pd, "cached_tokens", 0);
      call->usage->cache_write_tokens = _lancer_ai_json_int (pd, "cache_write_tokens", 0);
      call->usage->reasoning_tokens = _lancer_ai_json_int (cd, "reasoning_tokens", 0);
    }
  return TRUE;
}

static const LancerAiWire openai_wire = {
  .handle_event = openai_handle_event,
  .parse_error = _lancer_ai_call_error_from_body,
};

LancerAiCall *
_lancer_ai_openai_new_call (LancerAiHttpProvider  *provider,
                            const char            *api_url,
                            LancerAiOpenaiDialect  dialect,
                            const LancerAiRequest *request)
{
  g_autoptr(GBytes) body = _lancer_ai_openai_build_body (dialect, request);
  g_autofree char *url = g_strconcat (api_url, "/chat/completions", NULL);
  const char *api_key = _lancer_ai_http_provider_get_api_key (provider);
  LancerAiCall *call;

  call = _lancer_ai_call_new (LANCER_AI_PROVIDER (provider), &openai_wire,
                              _lancer_ai_http_provider_get_session (provider), url, body, request);
  if (api_key != NULL && *api_key != '\0')
    {
      g_autofree char *auth = g_strconcat ("Bearer ", api_key, NULL);
      _lancer_ai_call_add_header (call, "Authorization", auth);
      memset (auth, 0, strlen (auth));
    }
  return call;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* {"data":[{"id":...}]} (OpenAI, Anthropic, llama.cpp, LM Studio) or
 * {"models":[{"name":...}]} (Ollama /api/tags). */
GStrv
_lancer_ai_models_from_json (JsonNode *root)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  JsonObject *obj;
  JsonNode *list;
  const char *key = "id";

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  obj = json_node_get_object (root);
  list = json_object_get_member (obj, "data");
  if (list == NULL)
    {
      list = json_object_get_member (obj, "models");
      key = "name";
    }
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return NULL;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (list), i);
      const char *name;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      name = _lancer_ai_json_string (json_node_get_object (item), key);
      if (name == NULL)
        name = _lancer_ai_json_string (json_node_get_object (item), "id");
      if (name != NULL)
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

void
_lancer_ai_openai_list_models_async (LancerAiProvider    *provider,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  LancerAiHttpProvider *self = LANCER_AI_HTTP_PROVIDER (provider);
  g_autofree char *url = g_strconcat (lancer_ai_provider_get_base_url (provider), "/models", NULL);
  const char *api_key = _lancer_ai_http_provider_get_api_key (self);
  g_autofree char *auth = NULL;
  const char *headers[3] = { NULL, NULL, NULL };

  if (api_key != NULL && *api_key != '\0')
    {
      auth = g_strconcat ("Bearer ", api_key, NULL);
      headers[0] = "Authorization";
      headers[1] = auth;
    }
  _lancer_ai_list_models_async (self, url, headers,
                                _("The server’s model list could not be read. Check the server address in Preferences → AI."),
                                cancellable, _lancer_ai_openai_list_models_async,
                                callback, user_data);
  if (auth != NULL)
    memset (auth, 0, strlen (auth));
}

/* Provider */

static const char *
lancer_ai_openai_get_id (LancerAiProvider *provider)
{
  return "openai";
}

static LancerAiCall *
lancer_ai_openai_new_call (LancerAiHttpProvider  *provider,
                           const LancerAiRequest *request)
{
  return _lancer_ai_openai_new_call (provider, lancer_ai_provider_get_base_url (LANCER_AI_PROVIDER (provider)),
                                     LANCER_AI_OPENAI_DIALECT_OPENAI, request);
}

static void
provider_iface_init (LancerAiProviderInterface *iface)
{
  iface->get_id = lancer_ai_openai_get_id;
  iface->list_models_async = _lancer_ai_openai_list_models_async;
}

static void
lancer_ai_openai_class_init (LancerAiOpenaiClass *klass)
{
  LancerAiHttpProviderClass *http_class = LANCER_AI_HTTP_PROVIDER_CLASS (klass);

  http_class->no_key_message = N_("No OpenAI API key is set. Add one in Preferences → AI.");
  http_class->new_call = lancer_ai_openai_new_call;
}

static void
lancer_ai_openai_init (LancerAiOpenai *self)
{
}

LancerAiOpenai *
lancer_ai_openai_new (const char *base_url,
                      const char *api_key)
{
  LancerAiOpenai *self = g_object_new (LANCER_TYPE_AI_OPENAI, NULL);

  _lancer_ai_http_provider_set_endpoint (LANCER_AI_HTTP_PROVIDER (self),
                                         _lancer_ai_base_url_from_env (base_url, "LANCER_OPENAI_BASE_URL",
                                                                       LANCER_AI_OPENAI_DEFAULT_BASE_URL),
                                         api_key);
  return self;
}
