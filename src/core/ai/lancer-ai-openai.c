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
  GObject                 parent_instance;
  char                   *base_url;
  char                   *api_key;
  SoupSession            *session;
  LancerAiProviderConfig  config;
};

static void provider_iface_init (LancerAiProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LancerAiOpenai, lancer_ai_openai, G_TYPE_OBJECT,
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
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gboolean reasoning = dialect == LANCER_AI_OPENAI_DIALECT_OPENAI &&
                       lancer_ai_openai_is_reasoning_model (request->model);
  char *data;
  gsize len;

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

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  data = json_generator_to_data (gen, &len);
  return g_bytes_new_take (data, len);
}

static gint64
member_int (JsonObject *obj,
            const char *name)
{
  JsonNode *node = obj ? json_object_get_member (obj, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  return json_node_get_int (node);
}

static JsonObject *
member_object (JsonObject *obj,
               const char *name)
{
  JsonNode *node = obj ? json_object_get_member (obj, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

static const char *
member_string (JsonObject *obj,
               const char *name)
{
  JsonNode *node = obj ? json_object_get_member (obj, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
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
  if (event->data_len == 0)
    return TRUE;

  root = _lancer_ai_parse_json (event->data, event->data_len);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_debug ("ignoring a stream event that is not a JSON object");
      return TRUE;
    }
  obj = json_node_get_object (root);

  if (json_object_has_member (obj, "error") ||
      g_strcmp0 (event->event, "error") == 0)
    {
      JsonNode *err = json_object_get_member (obj, "error");
      JsonObject *e = err && JSON_NODE_HOLDS_OBJECT (err) ? json_node_get_object (err) : obj;
      const char *message = member_string (e, "message");
      g_autofree char *code = NULL;

      if (err && JSON_NODE_HOLDS_VALUE (err))
        message = member_string (obj, "error");
      if (member_string (e, "code") != NULL)
        code = g_strdup (member_string (e, "code"));
      call->stream_error = _lancer_ai_error_for_stream (call->provider, member_string (e, "type"),
                                                        code, message);
      return FALSE;
    }

  _lancer_ai_call_set_model (call, member_string (obj, "model"));

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
          if (member_int (choice, "index") != 0)
            continue;
          delta = member_object (choice, "delta");
          if ((s = member_string (delta, "content")) != NULL)
            _lancer_ai_call_emit_text (call, s, -1);
          if ((s = member_string (delta, "refusal")) != NULL)
            g_string_append (call->refusal, s);
          if ((s = member_string (choice, "finish_reason")) != NULL)
            _lancer_ai_call_set_stop (call, s);
        }
    }

  usage = member_object (obj, "usage");
  if (usage != NULL)
    {
      JsonObject *pd = member_object (usage, "prompt_tokens_details");
      JsonObject *cd = member_object (usage, "completion_tokens_details");

      call->usage->input_tokens = member_int (usage, "prompt_tokens");
      call->usage->output_tokens = member_int (usage, "completion_tokens");
      call->usage->cached_tokens = member_int (pd, "cached_tokens");
      call->usage->cache_write_tokens = member_int (pd, "cache_write_tokens");
      call->usage->reasoning_tokens = member_int (cd, "reasoning_tokens");
    }
  return TRUE;
}

static const LancerAiWire openai_wire = {
  .handle_event = openai_handle_event,
  .parse_error = _lancer_ai_call_error_from_body,
};

void
_lancer_ai_openai_run (LancerAiProvider       *provider,
                       SoupSession            *session,
                       const char             *base_url,
                       const char             *api_key,
                       LancerAiOpenaiDialect   dialect,
                       const LancerAiRequest  *request,
                       LancerAiDeltaFunc       delta_func,
                       gpointer                delta_data,
                       GDestroyNotify          delta_destroy,
                       GCancellable           *cancellable,
                       gpointer                source_tag,
                       GAsyncReadyCallback     callback,
                       gpointer                user_data)
{
  g_autoptr(GBytes) body = _lancer_ai_openai_build_body (dialect, request);
  g_autofree char *url = g_strconcat (base_url, "/chat/completions", NULL);
  LancerAiCall *call;

  call = _lancer_ai_call_new (provider, &openai_wire, session, url, body, request);
  if (api_key != NULL && *api_key != '\0')
    {
      g_autofree char *auth = g_strconcat ("Bearer ", api_key, NULL);
      _lancer_ai_call_add_header (call, "Authorization", auth);
      memset (auth, 0, strlen (auth));
    }
  _lancer_ai_call_set_deltas (call, delta_func, delta_data, delta_destroy);
  _lancer_ai_call_run (call, cancellable, source_tag, callback, user_data);
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
      name = member_string (json_node_get_object (item), key);
      if (name == NULL)
        name = member_string (json_node_get_object (item), "id");
      if (name != NULL)
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

void
_lancer_ai_openai_list_models_async (LancerAiProvider    *provider,
                                     SoupSession         *session,
                                     const char          *base_url,
                                     const char          *api_key,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autofree char *url = g_strconcat (base_url, "/models", NULL);
  g_autofree char *auth = NULL;
  const char *headers[3] = { NULL, NULL, NULL };

  if (api_key != NULL && *api_key != '\0')
    {
      auth = g_strconcat ("Bearer ", api_key, NULL);
      headers[0] = "Authorization";
      headers[1] = auth;
    }
  _lancer_ai_list_models_async (provider, session, url, headers,
                                _("The server’s model list could not be read. Check the server address in Preferences → AI."),
                                cancellable, _lancer_ai_openai_list_models_async,
                                callback, user_data);
  if (auth != NULL)
    memset (auth, 0, strlen (auth));
}

/* Provider */

#define NO_KEY_MESSAGE _("No OpenAI API key is set. Add one in Preferences → AI.")

static const char *
lancer_ai_openai_get_id (LancerAiProvider *provider)
{
  return "openai";
}

static const char *
lancer_ai_openai_get_base_url (LancerAiProvider *provider)
{
  return LANCER_AI_OPENAI (provider)->base_url;
}

static LancerAiProviderConfig *
lancer_ai_openai_get_config (LancerAiProvider *provider)
{
  return &LANCER_AI_OPENAI (provider)->config;
}

static void
lancer_ai_openai_stream_chat_async (LancerAiProvider      *provider,
                                    const LancerAiRequest *request,
                                    LancerAiDeltaFunc      delta_func,
                                    gpointer               delta_data,
                                    GDestroyNotify         delta_destroy,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  LancerAiOpenai *self = LANCER_AI_OPENAI (provider);
  g_autoptr(LancerAiRequest) req = NULL;

  if (!_lancer_ai_check_key (provider, self->api_key, NO_KEY_MESSAGE, delta_data, delta_destroy,
                             lancer_ai_openai_stream_chat_async, callback, user_data))
    return;
  req = _lancer_ai_request_copy_for_chat (request);
  _lancer_ai_openai_run (provider, self->session, self->base_url, self->api_key,
                         LANCER_AI_OPENAI_DIALECT_OPENAI, req, delta_func, delta_data,
                         delta_destroy, cancellable, lancer_ai_openai_stream_chat_async,
                         callback, user_data);
}

static void
lancer_ai_openai_complete_json_async (LancerAiProvider      *provider,
                                      const LancerAiRequest *request,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  LancerAiOpenai *self = LANCER_AI_OPENAI (provider);

  if (!_lancer_ai_check_key (provider, self->api_key, NO_KEY_MESSAGE, NULL, NULL,
                             lancer_ai_openai_complete_json_async, callback, user_data))
    return;
  _lancer_ai_openai_run (provider, self->session, self->base_url, self->api_key,
                         LANCER_AI_OPENAI_DIALECT_OPENAI, request, NULL, NULL, NULL,
                         cancellable, lancer_ai_openai_complete_json_async,
                         callback, user_data);
}

static void
lancer_ai_openai_list_models_async (LancerAiProvider    *provider,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  LancerAiOpenai *self = LANCER_AI_OPENAI (provider);

  _lancer_ai_openai_list_models_async (provider, self->session, self->base_url, self->api_key,
                                       cancellable, callback, user_data);
}

static void
provider_iface_init (LancerAiProviderInterface *iface)
{
  iface->get_id = lancer_ai_openai_get_id;
  iface->get_base_url = lancer_ai_openai_get_base_url;
  iface->get_config = lancer_ai_openai_get_config;
  iface->stream_chat_async = lancer_ai_openai_stream_chat_async;
  iface->stream_chat_finish = _lancer_ai_call_finish;
  iface->complete_json_async = lancer_ai_openai_complete_json_async;
  iface->complete_json_finish = _lancer_ai_call_finish;
  iface->list_models_async = lancer_ai_openai_list_models_async;
  iface->list_models_finish = _lancer_ai_list_models_finish;
}

static void
lancer_ai_openai_finalize (GObject *object)
{
  LancerAiOpenai *self = (LancerAiOpenai *) object;

  g_free (self->base_url);
  _lancer_ai_secret_free (self->api_key);
  g_clear_object (&self->session);
  _lancer_ai_provider_config_clear (&self->config);
  G_OBJECT_CLASS (lancer_ai_openai_parent_class)->finalize (object);
}

static void
lancer_ai_openai_class_init (LancerAiOpenaiClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lancer_ai_openai_finalize;
}

static void
lancer_ai_openai_init (LancerAiOpenai *self)
{
  _lancer_ai_provider_config_init (&self->config);
}

LancerAiOpenai *
lancer_ai_openai_new (const char *base_url,
                      const char *api_key)
{
  LancerAiOpenai *self = g_object_new (LANCER_TYPE_AI_OPENAI, NULL);

  self->base_url = base_url != NULL
                   ? _lancer_ai_base_url_from_env (NULL, base_url)
                   : _lancer_ai_base_url_from_env ("LANCER_OPENAI_BASE_URL", LANCER_AI_OPENAI_DEFAULT_BASE_URL);
  self->api_key = g_strdup (api_key);
  self->session = lancer_http_session_new (self->base_url);
  return self;
}
