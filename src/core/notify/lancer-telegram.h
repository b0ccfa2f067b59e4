/* lancer-telegram.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-alert.h"

G_BEGIN_DECLS

#define LANCER_TELEGRAM_ERROR (lancer_telegram_error_quark ())

typedef enum
{
  LANCER_TELEGRAM_ERROR_NO_TOKEN,       /* no bot token in the keyring */
  LANCER_TELEGRAM_ERROR_BAD_TOKEN,      /* 401/404: the token is wrong or revoked */
  LANCER_TELEGRAM_ERROR_NO_CHAT,        /* nobody messaged the bot yet */
  LANCER_TELEGRAM_ERROR_CHAT_NOT_FOUND, /* 400/403: chat gone, or the bot was blocked */
  LANCER_TELEGRAM_ERROR_FAILED,         /* network or server trouble */
} LancerTelegramError;

GQuark lancer_telegram_error_quark (void);

#define LANCER_TYPE_TELEGRAM (lancer_telegram_get_type ())
G_DECLARE_FINAL_TYPE (LancerTelegram, lancer_telegram, LANCER, TELEGRAM, GObject)

/* Alerts through the user's own bot. The token lives in the keyring
 * (LANCER_SECRET_TELEGRAM_BOT_TOKEN of @profile_id) and is never logged.
 * The Bot API base URL is https://api.telegram.org unless
 * LANCER_TELEGRAM_API_URL overrides it. */
LancerTelegram *lancer_telegram_new                (const char          *profile_id);
const char     *lancer_telegram_get_base_url       (LancerTelegram      *self);

/* The message an alert becomes: HTML parse mode, every text escaped. */
char           *lancer_telegram_format_alert       (const LancerAlert   *alert);

/* Reads the bot's updates (getUpdates) and returns the chat id of the
 * newest private message to it; @chat_name: who wrote (may be NULL). */
void            lancer_telegram_detect_chat_async  (LancerTelegram      *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
char           *lancer_telegram_detect_chat_finish (LancerTelegram      *self,
                                                    GAsyncResult        *result,
                                                    char               **chat_name,
                                                    GError             **error);

void            lancer_telegram_send_alert_async   (LancerTelegram      *self,
                                                    const char          *chat_id,
                                                    const LancerAlert   *alert,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* A short "Lancer is connected" message. */
void            lancer_telegram_send_test_async    (LancerTelegram      *self,
                                                    const char          *chat_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean        lancer_telegram_send_finish        (LancerTelegram      *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
