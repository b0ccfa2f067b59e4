/* lancer-secrets.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Every secret of a profile lives in the system keyring as one item with the
 * attributes profile=<id> and name=<one of these>. Nothing else may hold them. */
#define LANCER_SECRET_UPWORK_CLIENT_SECRET  "upwork-client-secret"
#define LANCER_SECRET_UPWORK_ACCESS_TOKEN   "upwork-access-token"
#define LANCER_SECRET_UPWORK_REFRESH_TOKEN  "upwork-refresh-token"
#define LANCER_SECRET_OPENAI_API_KEY        "openai-api-key"
#define LANCER_SECRET_ANTHROPIC_API_KEY     "anthropic-api-key"
#define LANCER_SECRET_TELEGRAM_BOT_TOKEN    "telegram-bot-token"
/* Alerts away from the desk: the SMTP login, Twilio's auth token, an SMS
 * gateway's bearer token. */
#define LANCER_SECRET_SMTP_PASSWORD         "smtp-password"
#define LANCER_SECRET_TWILIO_AUTH_TOKEN     "twilio-auth-token"
#define LANCER_SECRET_SMS_GATEWAY_TOKEN     "sms-gateway-token"
#define LANCER_SECRET_DATABASE_KEY          "database-key"
#define LANCER_SECRET_TOTP_SECRET           "totp-secret"
/* Not a secret, but kept beside the TOTP secret so that the user's files
 * cannot switch the app lock off (see LancerLockGuard). */
#define LANCER_SECRET_LOCK_STATE            "lock-state"

#define LANCER_SECRETS_ERROR (lancer_secrets_error_quark ())

typedef enum
{
  LANCER_SECRETS_ERROR_UNAVAILABLE,   /* no Secret Service on the bus */
  LANCER_SECRETS_ERROR_LOCKED,        /* the keyring is locked and was not unlocked */
  LANCER_SECRETS_ERROR_INVALID_NAME,
  LANCER_SECRETS_ERROR_FAILED,
} LancerSecretsError;

GQuark    lancer_secrets_error_quark      (void);
gboolean  lancer_secrets_is_known_name    (const char          *name);

/* Blocking variants: call them from worker threads (or the CLI) only. */
gboolean  lancer_secrets_store_sync       (const char          *profile_id,
                                           const char          *name,
                                           const char          *value,
                                           GCancellable        *cancellable,
                                           GError             **error);
/* Returns NULL with no error when the secret simply is not stored. */
char     *lancer_secrets_lookup_sync      (const char          *profile_id,
                                           const char          *name,
                                           GCancellable        *cancellable,
                                           GError             **error);
gboolean  lancer_secrets_clear_sync       (const char          *profile_id,
                                           const char          *name,
                                           GCancellable        *cancellable,
                                           GError             **error);
/* Removes every secret of a profile (used when the profile is deleted). */
gboolean  lancer_secrets_clear_profile_sync (const char        *profile_id,
                                           GCancellable        *cancellable,
                                           GError             **error);

void      lancer_secrets_lookup_async     (const char          *profile_id,
                                           const char          *name,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
char     *lancer_secrets_lookup_finish    (GAsyncResult        *result,
                                           GError             **error);
void      lancer_secrets_store_async      (const char          *profile_id,
                                           const char          *name,
                                           const char          *value,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean  lancer_secrets_store_finish     (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
