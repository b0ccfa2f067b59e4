/* lancer-ai-local.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-ai"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lancer-ai-call-private.h"
#include "lancer-ai-local.h"
#include "lancer-ai-openai-private.h"

#define DETECT_TIMEOUT_S 3

struct _LancerAiLocal
{
  LancerAiHttpProvider  parent_instance;
  LancerAiLocalKind     kind;
  char                 *api_url;    /* ends in /v1; the base URL is the server root for Ollama */
};

static void provider_iface_init (LancerAiProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LancerAiLocal, lancer_ai_local, LANCER_TYPE_AI_HTTP_PROVIDER,
                               G_IMPLEMENT_INTERFACE (LANCER_TYPE_AI_PROVIDER, provider_iface_init))

static const char *
lancer_ai_local_get_id (LancerAiProvider *provider)
{
  return LANCER_AI_LOCAL (provider)->kind == LANCER_AI_LOCAL_OLLAMA ? "ollama" : "openai-compatible";
}

static LancerAiCall *
lancer_ai_local_new_call (LancerAiHttpProvider  *provider,
                          const LancerAiRequest *request)
{
  return _lancer_ai_openai_new_call (provider, LANCER_AI_LOCAL (provider)->api_url,
                                     LANCER_AI_OPENAI_DIALECT_LOCAL, request);
}

static void
lancer_ai_local_list_models_async (LancerAiProvider    *provider,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  LancerAiLocal *self = LANCER_AI_LOCAL (provider);

  if (self->kind == LANCER_AI_LOCAL_OLLAMA)
    {
      const char *root = lancer_ai_provider_get_base_url (provider);
      g_autofree char *url = g_strconcat (root, "/api/tags", NULL);
      g_autofree char *unreadable =
        g_strdup_printf (_("The server at %s does not look like Ollama. Check the address in Preferences → AI."),
                         root);

      _lancer_ai_list_models_async (LANCER_AI_HTTP_PROVIDER (self), url, NULL, unreadable,
                                    cancellable, lancer_ai_local_list_models_async,
                                    callback, user_data);
      return;
    }
  /* The other kinds' base URL is their API URL. */
  _lancer_ai_openai_list_models_async (provider, cancellable, callback, user_data);
}

static void
provider_iface_init (LancerAiProviderInterface *iface)
{
  iface->get_id = lancer_ai_local_get_id;
  iface->list_models_async = lancer_ai_local_list_models_async;
}

static void
lancer_ai_local_finalize (GObject *object)
{
  LancerAiLocal *self = (LancerAiLocal *) object;

  g_free (self->api_url);
  G_OBJECT_CLASS (lancer_ai_local_parent_class)->finalize (object);
}

static void
lancer_ai_local_class_init (LancerAiLocalClass *klass)
{
  /* No no_key_message: Ollama ignores the key; llama.cpp may be started with --api-key. */
  G_OBJECT_CLASS (klass)->finalize = lancer_ai_local_finalize;
  LANCER_AI_HTTP_PROVIDER_CLASS (klass)->new_call = lancer_ai_local_new_call;
}

static void
lancer_ai_local_init (LancerAiLocal *self)
{
  /* Local models load slowly on first use. */
  lancer_ai_provider_get_config (LANCER_AI_PROVIDER (self))->first_byte_timeout_ms = 300000;
}

LancerAiLocal *
lancer_ai_local_new (LancerAiLocalKind  kind,
                     const char        *base_url,
                     const char        *api_key)
{
  LancerAiLocal *self = g_object_new (LANCER_TYPE_AI_LOCAL, NULL);
  char *root;

  self->kind = kind;
  switch (kind)
    {
    case LANCER_AI_LOCAL_OLLAMA:
      root = _lancer_ai_base_url_from_env (base_url, "LANCER_OLLAMA_BASE_URL", LANCER_AI_OLLAMA_DEFAULT_URL);
      /* Accept a root given with /v1 too. */
      if (g_str_has_suffix (root, "/v1"))
        root[strlen (root) - 3] = '\0';
      self->api_url = g_strconcat (root, "/v1", NULL);
      break;
    case LANCER_AI_LOCAL_LLAMACPP:
      root = _lancer_ai_base_url_from_env (base_url, NULL, LANCER_AI_LLAMACPP_DEFAULT_URL);
      self->api_url = g_strdup (root);
      break;
    case LANCER_AI_LOCAL_LMSTUDIO:
      root = _lancer_ai_base_url_from_env (base_url, NULL, LANCER_AI_LMSTUDIO_DEFAULT_URL);
      self->api_url = g_strdup (root);
      break;
    case LANCER_AI_LOCAL_GENERIC:
    default:
      root = _lancer_ai_base_url_from_env (base_url, NULL, LANCER_AI_LLAMACPP_DEFAULT_URL);
      self->api_url = g_strdup (root);
      break;
    }
  _lancer_ai_http_provider_set_endpoint (LANCER_AI_HTTP_PROVIDER (self), root, api_key);
  return self;
}

static void
detect_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GStrv models = lancer_ai_provider_list_models_finish (LANCER_AI_PROVIDER (object), res, &error);

  if (models == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, models, (GDestroyNotify) g_strfreev);
}

void
lancer_ai_local_detect_ollama_async (const char          *root_url,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(LancerAiLocal) local = lancer_ai_local_new (LANCER_AI_LOCAL_OLLAMA, root_url, NULL);
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, lancer_ai_local_detect_ollama_async);
  g_object_set (_lancer_ai_http_provider_get_session (LANCER_AI_HTTP_PROVIDER (local)),
                "timeout", DETECT_TIMEOUT_S, NULL);
  lancer_ai_provider_list_models_async (LANCER_AI_PROVIDER (local), cancellable,
                                        detect_cb, g_steal_pointer (&task));
}

GStrv
lancer_ai_local_detect_ollama_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
