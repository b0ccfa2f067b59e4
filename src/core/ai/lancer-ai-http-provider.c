/* lancer-ai-http-provider.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-ai"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lancer-ai-call-private.h"
#include "lancer-ai-http-provider.h"

typedef struct
{
  char                   *base_url;
  char                   *api_key;
  SoupSession            *session;
  LancerAiProviderConfig  config;
} LancerAiHttpProviderPrivate;

static void provider_iface_init (LancerAiProviderInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (LancerAiHttpProvider, lancer_ai_http_provider, G_TYPE_OBJECT,
                                  G_ADD_PRIVATE (LancerAiHttpProvider)
                                  G_IMPLEMENT_INTERFACE (LANCER_TYPE_AI_PROVIDER, provider_iface_init))

gboolean
_lancer_ai_http_provider_check_key (LancerAiHttpProvider *self,
                                    gpointer              delta_data,
                                    GDestroyNotify        delta_destroy,
                                    gpointer              source_tag,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  LancerAiHttpProviderPrivate *priv = lancer_ai_http_provider_get_instance_private (self);
  const char *missing = LANCER_AI_HTTP_PROVIDER_GET_CLASS (self)->no_key_message;

  if (missing == NULL || (priv->api_key != NULL && *priv->api_key != '\0'))
    return TRUE;
  g_task_report_new_error (self, callback, user_data, source_tag,
                           LANCER_AI_ERROR, LANCER_AI_ERROR_NO_KEY, "%s", _(missing));
  /* The call will never run, so nothing else will drop the delta data. */
  if (delta_destroy != NULL)
    delta_destroy (delta_data);
  return FALSE;
}

static void
start_call (LancerAiHttpProvider  *self,
            const LancerAiRequest *request,
            LancerAiDeltaFunc      delta_func,
            gpointer               delta_data,
            GDestroyNotify         delta_destroy,
            GCancellable          *cancellable,
            gpointer               source_tag,
            GAsyncReadyCallback    callback,
            gpointer               user_data)
{
  LancerAiCall *call;

  if (!_lancer_ai_http_provider_check_key (self, delta_data, delta_destroy,
                                           source_tag, callback, user_data))
    return;
  call = LANCER_AI_HTTP_PROVIDER_GET_CLASS (self)->new_call (self, request);
  _lancer_ai_call_set_deltas (call, delta_func, delta_data, delta_destroy);
  _lancer_ai_call_run (call, cancellable, source_tag, callback, user_data);
}

static void
lancer_ai_http_provider_stream_chat_async (LancerAiProvider      *provider,
                                           const LancerAiRequest *request,
                                           LancerAiDeltaFunc      delta_func,
                                           gpointer               delta_data,
                                           GDestroyNotify         delta_destroy,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data)
{
  g_autoptr(LancerAiRequest) chat = _lancer_ai_request_copy_for_chat (request);

  start_call (LANCER_AI_HTTP_PROVIDER (provider), chat, delta_func, delta_data, delta_destroy,
              cancellable, lancer_ai_http_provider_stream_chat_async, callback, user_data);
}

static void
lancer_ai_http_provider_complete_json_async (LancerAiProvider      *provider,
                                             const LancerAiRequest *request,
                                             GCancellable          *cancellable,
                                             GAsyncReadyCallback    callback,
                                             gpointer               user_data)
{
  start_call (LANCER_AI_HTTP_PROVIDER (provider), request, NULL, NULL, NULL,
              cancellable, lancer_ai_http_provider_complete_json_async, callback, user_data);
}

static const char *
lancer_ai_http_provider_get_base_url (LancerAiProvider *provider)
{
  LancerAiHttpProvider *self = LANCER_AI_HTTP_PROVIDER (provider);
  LancerAiHttpProviderPrivate *priv = lancer_ai_http_provider_get_instance_private (self);

  return priv->base_url;
}

static LancerAiProviderConfig *
lancer_ai_http_provider_get_config (LancerAiProvider *provider)
{
  LancerAiHttpProvider *self = LANCER_AI_HTTP_PROVIDER (provider);
  LancerAiHttpProviderPrivate *priv = lancer_ai_http_provider_get_instance_private (self);

  return &priv->config;
}

static void
provider_iface_init (LancerAiProviderInterface *iface)
{
  iface->get_base_url = lancer_ai_http_provider_get_base_url;
  iface->get_config = lancer_ai_http_provider_get_config;
  iface->stream_chat_async = lancer_ai_http_provider_stream_chat_async;
  iface->stream_chat_finish = _lancer_ai_call_finish;
  iface->complete_json_async = lancer_ai_http_provider_complete_json_async;
  iface->complete_json_finish = _lancer_ai_call_finish;
  iface->list_models_finish = _lancer_ai_list_models_finish;
}

static void
lancer_ai_http_provider_finalize (GObject *object)
{
  LancerAiHttpProvider *self = LANCER_AI_HTTP_PROVIDER (object);
  LancerAiHttpProviderPrivate *priv = lancer_ai_http_provider_get_instance_private (self);

  g_free (priv->base_url);
  _lancer_ai_secret_free (priv->api_key);
  g_clear_object (&priv->session);
  _lancer_ai_provider_config_clear (&priv->config);
  G_OBJECT_CLASS (lancer_ai_http_provider_parent_class)->finalize (object);
}

static void
lancer_ai_http_provider_class_init (LancerAiHttpProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lancer_ai_http_provider_finalize;
}

static void
lancer_ai_http_provider_init (LancerAiHttpProvider *self)
{
  LancerAiHttpProviderPrivate *priv = lancer_ai_http_provider_get_instance_private (self);

  _lancer_ai_provider_config_init (&priv->config);
}

void
_lancer_ai_http_provider_set_endpoint (LancerAiHttpProvider *self,
                                       char                 *base_url,
                                       const char           *api_key)
{
  LancerAiHttpProviderPrivate *priv = lancer_ai_http_provider_get_instance_private (self);

  priv->base_url = base_url;
  priv->api_key = g_strdup (api_key);
  priv->session = lancer_http_session_new (base_url);
}

const char *
_lancer_ai_http_provider_get_api_key (LancerAiHttpProvider *self)
{
  LancerAiHttpProviderPrivate *priv = lancer_ai_http_provider_get_instance_private (self);

  return priv->api_key;
}

SoupSession *
_lancer_ai_http_provider_get_session (LancerAiHttpProvider *self)
{
  LancerAiHttpProviderPrivate *priv = lancer_ai_http_provider_get_instance_private (self);

  return priv->session;
}
