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
_lancer_ai_http_provider_check_key (LancerAiHttpProvider  *self,
                                    GError               **error)
{
  LancerAiHttpProviderPrivate *priv = lancer_ai_http_provider_get_instance_private (self);
  const char *missing = LANCER_AI_HTTP_PROVIDER_GET_CLASS (self)->no_key_message;

  if (missing == NULL || (priv->api_key != NULL && *priv->api_key != '\0'))
    return TRUE;
  g_set_error (error, LANCER_AI_ERROR, LANCER_AI_ERROR_NO_KEY, "%s", _(missing));
  return FALSE;
}

static LancerAiCall *
lancer_ai_http_provider_new_call (LancerAiProvider       *provider,
                                  const LancerAiRequest  *request,
                                  GError                **error)
{
  LancerAiHttpProvider *self = LANCER_AI_HTTP_PROVIDER (provider);

  if (!_lancer_ai_http_provider_check_key (self, error))
    return NULL;
  return LANCER_AI_HTTP_PROVIDER_GET_CLASS (self)->new_call (self, request);
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
  iface->new_call = lancer_ai_http_provider_new_call;
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
