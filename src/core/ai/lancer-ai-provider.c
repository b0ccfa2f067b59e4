/* lancer-ai-provider.c
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
#include "lancer-ai-local.h"
#include "lancer-ai-openai-private.h"
#include "lancer-ai-openai.h"
#include "lancer-ai-provider.h"

G_DEFINE_QUARK (lancer-ai-error-quark, lancer_ai_error)

const char *
lancer_ai_error_to_code (const GError *error)
{
  if (error == NULL)
    return NULL;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return "cancelled";
  if (error->domain != LANCER_AI_ERROR)
    return "failed";
  switch ((LancerAiError) error->code)
    {
    case LANCER_AI_ERROR_AUTH: return "auth";
    case LANCER_AI_ERROR_QUOTA: return "quota";
    case LANCER_AI_ERROR_RATE_LIMITED: return "rate-limited";
    case LANCER_AI_ERROR_OVERLOADED: return "overloaded";
    case LANCER_AI_ERROR_MODEL_NOT_FOUND: return "model-not-found";
    case LANCER_AI_ERROR_UNREACHABLE: return "unreachable";
    case LANCER_AI_ERROR_TIMEOUT: return "timeout";
    case LANCER_AI_ERROR_BAD_REQUEST: return "bad-request";
    case LANCER_AI_ERROR_SERVER: return "server";
    case LANCER_AI_ERROR_STREAM: return "stream";
    case LANCER_AI_ERROR_INVALID_JSON: return "invalid-json";
    case LANCER_AI_ERROR_REFUSED: return "refused";
    case LANCER_AI_ERROR_TRUNCATED: return "truncated";
    case LANCER_AI_ERROR_BUDGET_EXCEEDED: return "budget";
    case LANCER_AI_ERROR_NO_KEY: return "no-key";
    case LANCER_AI_ERROR_FAILED:
    default:
      return "failed";
    }
}

/* Request */

G_DEFINE_BOXED_TYPE (LancerAiRequest, lancer_ai_request, lancer_ai_request_copy, lancer_ai_request_free)

static void
message_free (gpointer data)
{
  LancerAiMessage *m = data;

  g_free (m->role);
  g_free (m->content);
  g_free (m);
}

LancerAiRequest *
lancer_ai_request_new (const char *model,
                       const char *purpose)
{
  LancerAiRequest *self = g_new0 (LancerAiRequest, 1);

  self->model = g_strdup (model);
  self->purpose = g_strdup (purpose);
  self->messages = g_ptr_array_new_with_free_func (message_free);
  self->temperature = -1;
  return self;
}

LancerAiRequest *
lancer_ai_request_copy (const LancerAiRequest *request)
{
  LancerAiRequest *copy;

  g_return_val_if_fail (request != NULL, NULL);

  copy = lancer_ai_request_new (request->model, request->purpose);
  copy->system = g_strdup (request->system);
  for (guint i = 0; i < request->messages->len; i++)
    {
      const LancerAiMessage *m = g_ptr_array_index (request->messages, i);
      lancer_ai_request_add_message (copy, m->role, m->content);
    }
  copy->max_tokens = request->max_tokens;
  copy->temperature = request->temperature;
  copy->schema_name = g_strdup (request->schema_name);
  copy->schema = request->schema ? json_node_copy (request->schema) : NULL;
  return copy;
}

void
lancer_ai_request_free (LancerAiRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->model);
  g_free (request->purpose);
  g_free (request->system);
  g_ptr_array_unref (request->messages);
  g_free (request->schema_name);
  g_clear_pointer (&request->schema, json_node_unref);
  g_free (request);
}

void
lancer_ai_request_set_system (LancerAiRequest *request,
                              const char      *system)
{
  g_return_if_fail (request != NULL);
  g_free (request->system);
  request->system = g_strdup (system);
}

void
lancer_ai_request_add_message (LancerAiRequest *request,
                               const char      *role,
                               const char      *content)
{
  LancerAiMessage *m;

  g_return_if_fail (request != NULL);
  g_return_if_fail (role != NULL);

  m = g_new0 (LancerAiMessage, 1);
  m->role = g_strdup (role);
  m->content = g_strdup (content ? content : "");
  g_ptr_array_add (request->messages, m);
}

void
lancer_ai_request_set_json_schema (LancerAiRequest *request,
                                   const char      *name,
                                   JsonNode        *schema)
{
  g_return_if_fail (request != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (schema != NULL);

  g_free (request->schema_name);
  request->schema_name = g_strdup (name);
  g_clear_pointer (&request->schema, json_node_unref);
  request->schema = json_node_copy (schema);
}

/* Result */

G_DEFINE_BOXED_TYPE (LancerAiResult, lancer_ai_result, lancer_ai_result_copy, lancer_ai_result_free)

LancerAiResult *
lancer_ai_result_copy (const LancerAiResult *result)
{
  LancerAiResult *copy;

  g_return_val_if_fail (result != NULL, NULL);

  copy = g_new0 (LancerAiResult, 1);
  copy->text = g_strdup (result->text);
  copy->stop_reason = g_strdup (result->stop_reason);
  copy->refusal = g_strdup (result->refusal);
  copy->partial = result->partial;
  copy->usage = result->usage ? lancer_ai_usage_copy (result->usage) : NULL;
  copy->json = result->json ? json_node_copy (result->json) : NULL;
  return copy;
}

void
lancer_ai_result_free (LancerAiResult *result)
{
  if (result == NULL)
    return;
  g_free (result->text);
  g_free (result->stop_reason);
  g_free (result->refusal);
  g_clear_pointer (&result->usage, lancer_ai_usage_free);
  g_clear_pointer (&result->json, json_node_unref);
  g_free (result);
}

/* Interface */

G_DEFINE_INTERFACE (LancerAiProvider, lancer_ai_provider, G_TYPE_OBJECT)

static void
lancer_ai_provider_default_init (LancerAiProviderInterface *iface)
{
  /**
   * LancerAiProvider::call-finished:
   * @usage: (transfer none): the LancerAiUsage record of the call
   *
   * Emitted once per stream/JSON call, on success and on failure, so the
   * session can write it to the ai_calls table.
   */
  g_signal_new ("call-finished",
                G_TYPE_FROM_INTERFACE (iface),
                G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL,
                G_TYPE_NONE, 1,
                LANCER_TYPE_AI_USAGE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

const char *
lancer_ai_provider_get_id (LancerAiProvider *self)
{
  g_return_val_if_fail (LANCER_IS_AI_PROVIDER (self), NULL);
  return LANCER_AI_PROVIDER_GET_IFACE (self)->get_id (self);
}

const char *
lancer_ai_provider_get_base_url (LancerAiProvider *self)
{
  g_return_val_if_fail (LANCER_IS_AI_PROVIDER (self), NULL);
  return LANCER_AI_PROVIDER_GET_IFACE (self)->get_base_url (self);
}

LancerAiProviderConfig *
lancer_ai_provider_get_config (LancerAiProvider *self)
{
  g_return_val_if_fail (LANCER_IS_AI_PROVIDER (self), NULL);
  return LANCER_AI_PROVIDER_GET_IFACE (self)->get_config (self);
}

void
lancer_ai_provider_set_timeouts (LancerAiProvider *self,
                                 guint             first_byte_ms,
                                 guint             stall_ms)
{
  LancerAiProviderConfig *config;

  g_return_if_fail (LANCER_IS_AI_PROVIDER (self));

  config = lancer_ai_provider_get_config (self);
  config->first_byte_timeout_ms = first_byte_ms;
  config->stall_timeout_ms = stall_ms;
}

void
lancer_ai_provider_set_max_retries (LancerAiProvider *self,
                                    guint             max_retries)
{
  g_return_if_fail (LANCER_IS_AI_PROVIDER (self));
  lancer_ai_provider_get_config (self)->max_retries = max_retries;
}

/* Both kinds of call: the provider builds it for its wire, LancerAiCall
 * runs it (retries, stream, usage). */
static void
start_call (LancerAiProvider      *self,
            const LancerAiRequest *request,
            LancerAiDeltaFunc      delta_func,
            gpointer               delta_data,
            GDestroyNotify         delta_destroy,
            GCancellable          *cancellable,
            gpointer               source_tag,
            GAsyncReadyCallback    callback,
            gpointer               user_data)
{
  GError *error = NULL;
  LancerAiCall *call = LANCER_AI_PROVIDER_GET_IFACE (self)->new_call (self, request, &error);

  if (call == NULL)
    {
      g_task_report_error (self, callback, user_data, source_tag, error);
      /* The call will never run, so nothing else will drop the delta data. */
      if (delta_destroy != NULL)
        delta_destroy (delta_data);
      return;
    }
  _lancer_ai_call_set_deltas (call, delta_func, delta_data, delta_destroy);
  _lancer_ai_call_run (call, cancellable, source_tag, callback, user_data);
}

void
lancer_ai_provider_stream_chat_async (LancerAiProvider      *self,
                                      const LancerAiRequest *request,
                                      LancerAiDeltaFunc      delta_func,
                                      gpointer               delta_data,
                                      GDestroyNotify         delta_destroy,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  g_autoptr(LancerAiRequest) chat = NULL;

  g_return_if_fail (LANCER_IS_AI_PROVIDER (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  chat = _lancer_ai_request_copy_for_chat (request);
  start_call (self, chat, delta_func, delta_data, delta_destroy, cancellable,
              lancer_ai_provider_stream_chat_async, callback, user_data);
}

LancerAiResult *
lancer_ai_provider_stream_chat_finish (LancerAiProvider  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lancer_ai_provider_complete_json_async (LancerAiProvider      *self,
                                        const LancerAiRequest *request,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data)
{
  g_return_if_fail (LANCER_IS_AI_PROVIDER (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (request->schema != NULL && request->schema_name != NULL);

  start_call (self, request, NULL, NULL, NULL, cancellable,
              lancer_ai_provider_complete_json_async, callback, user_data);
}

LancerAiResult *
lancer_ai_provider_complete_json_finish (LancerAiProvider  *self,
                                         GAsyncResult      *result,
                                         GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lancer_ai_provider_list_models_async (LancerAiProvider    *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_AI_PROVIDER (self));
  LANCER_AI_PROVIDER_GET_IFACE (self)->list_models_async (self, cancellable, callback, user_data);
}

GStrv
lancer_ai_provider_list_models_finish (LancerAiProvider  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (LANCER_IS_AI_PROVIDER (self), NULL);
  return LANCER_AI_PROVIDER_GET_IFACE (self)->list_models_finish (self, result, error);
}

LancerAiProvider *
lancer_ai_provider_new_for_id (const char  *id,
                               const char  *base_url,
                               const char  *api_key,
                               GError     **error)
{
  if (g_strcmp0 (id, "openai") == 0)
    return LANCER_AI_PROVIDER (lancer_ai_openai_new (base_url, api_key));
  if (g_strcmp0 (id, "anthropic") == 0)
    return LANCER_AI_PROVIDER (lancer_ai_anthropic_new (base_url, api_key));
  if (g_strcmp0 (id, "ollama") == 0)
    return LANCER_AI_PROVIDER (lancer_ai_local_new (LANCER_AI_LOCAL_OLLAMA, base_url, api_key));
  if (g_strcmp0 (id, "openai-compatible") == 0)
    return LANCER_AI_PROVIDER (lancer_ai_local_new (LANCER_AI_LOCAL_GENERIC, base_url, api_key));

  g_set_error (error, LANCER_AI_ERROR, LANCER_AI_ERROR_FAILED,
               _("Unknown AI provider “%s”. Choose OpenAI, Anthropic, Ollama or an OpenAI-compatible server in Preferences."),
               id ? id : "");
  return NULL;
}

/* Shared helpers */

void
_lancer_ai_provider_config_init (LancerAiProviderConfig *config)
{
  config->max_retries = 2;
  config->first_byte_timeout_ms = 120000;
  config->stall_timeout_ms = 30000;
  config->prices = NULL;
}

void
_lancer_ai_provider_config_clear (LancerAiProviderConfig *config)
{
  g_clear_object (&config->prices);
}

char *
_lancer_ai_base_url_from_env (const char *base_url,
                              const char *env_name,
                              const char *fallback)
{
  const char *env = base_url == NULL && env_name != NULL ? g_getenv (env_name) : NULL;
  char *url = g_strdup (base_url != NULL ? base_url
                        : env != NULL && *env != '\0' ? env : fallback);
  gsize len = strlen (url);

  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';
  return url;
}

const char *
_lancer_ai_provider_display_name (LancerAiProvider *provider)
{
  const char *id = lancer_ai_provider_get_id (provider);

  if (g_strcmp0 (id, "openai") == 0)
    return "OpenAI";
  if (g_strcmp0 (id, "anthropic") == 0)
    return "Anthropic";
  if (g_strcmp0 (id, "ollama") == 0)
    return "Ollama";
  return _("The local AI server");
}
