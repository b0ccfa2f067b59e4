/* lancer-webhook.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lancer-alert.h"
#include "lancer-http.h"

G_BEGIN_DECLS

#define LANCER_WEBHOOK_MAX_FAILURES 10

#define LANCER_WEBHOOK_ERROR (lancer_webhook_error_quark ())

typedef enum
{
  LANCER_WEBHOOK_ERROR_DISABLED,   /* off, or turned off after too many failures */
  LANCER_WEBHOOK_ERROR_FAILED,     /* the receiver did not accept it */
} LancerWebhookError;

GQuark lancer_webhook_error_quark (void);

typedef enum
{
  LANCER_WEBHOOK_GENERIC,
  LANCER_WEBHOOK_SLACK,
  LANCER_WEBHOOK_DISCORD,
} LancerWebhookFormat;

LancerWebhookFormat lancer_webhook_format_from_string (const char *name);
/* The JSON body for @alert in @format. */
JsonNode   *lancer_webhook_build_body      (LancerWebhookFormat  format,
                                            const LancerAlert   *alert);

#define LANCER_TYPE_WEBHOOK (lancer_webhook_get_type ())
G_DECLARE_FINAL_TYPE (LancerWebhook, lancer_webhook, LANCER, WEBHOOK, GObject)

/* Reads and writes the alert-webhook-* keys of @settings (Profile schema):
 * the failure count is kept there, and after LANCER_WEBHOOK_MAX_FAILURES
 * deliveries failed in a row the webhook turns itself off and emits
 * ::disabled. Only https:// URLs, or http:// to loopback. */
LancerWebhook *lancer_webhook_new          (GSettings           *settings);
void        lancer_webhook_set_retry_policy (LancerWebhook      *self,
                                            const LancerHttpRetryPolicy *policy);
gboolean    lancer_webhook_get_enabled     (LancerWebhook       *self);
guint       lancer_webhook_get_failures    (LancerWebhook       *self);

/* Delivers one alert, retrying with back-off on 408/429/5xx and transport
 * errors. Fails with LANCER_WEBHOOK_ERROR_DISABLED when off. */
void        lancer_webhook_send_async      (LancerWebhook       *self,
                                            const LancerAlert   *alert,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean    lancer_webhook_send_finish     (LancerWebhook       *self,
                                            GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
