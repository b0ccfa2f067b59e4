/* lancer-sms.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-alert.h"

G_BEGIN_DECLS

#define LANCER_SMS_ERROR (lancer_sms_error_quark ())

typedef enum
{
  LANCER_SMS_ERROR_NOT_SET_UP,   /* no number, account or gateway address */
  LANCER_SMS_ERROR_NO_TOKEN,     /* the provider's secret is not in the keyring */
  LANCER_SMS_ERROR_CAP,          /* the daily cap is reached */
  LANCER_SMS_ERROR_REJECTED,     /* the provider answered with an error */
  LANCER_SMS_ERROR_FAILED,       /* the provider could not be reached */
} LancerSmsError;

GQuark lancer_sms_error_quark (void);

/* The longest text sent: two SMS segments. */
#define LANCER_SMS_MAX_CHARS 306

#define LANCER_TYPE_SMS (lancer_sms_get_type ())
G_DECLARE_FINAL_TYPE (LancerSms, lancer_sms, LANCER, SMS, GObject)

/* Alerts by SMS (alert-sms-* keys of @settings): Twilio's Messages API
 * (account SID in the settings, auth token in the keyring as
 * twilio-auth-token; base URL https://api.twilio.com unless
 * LANCER_TWILIO_API_URL overrides it), or any gateway that takes an HTTP
 * POST: the body is the alert-sms-gateway-body template with {to},
 * {from} and {text} filled in (JSON-escaped when it is JSON, URL-encoded
 * otherwise), with the sms-gateway-token as a bearer token if stored.
 * SMS costs money: at most alert-sms-daily-cap a day (local days),
 * counted in alert-sms-sent-today. */
LancerSms   *lancer_sms_new                 (GSettings          *settings,
                                             const char         *profile_id);
/* SMS sent today (local date). */
guint        lancer_sms_get_sent_today      (GSettings          *settings);
/* The text an alert becomes, at most LANCER_SMS_MAX_CHARS characters. */
char        *lancer_sms_format_alert        (const LancerAlert  *alert);

void         lancer_sms_send_async          (LancerSms          *self,
                                             const LancerAlert  *alert,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
gboolean     lancer_sms_send_finish         (LancerSms          *self,
                                             GAsyncResult       *result,
                                             GError            **error);

G_END_DECLS
