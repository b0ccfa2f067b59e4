/* lancer-cli-alerts.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lancer-cli.h"
#include "lancer-email.h"
#include "lancer-sms.h"
#include "lancer-telegram.h"
#include "lancer-webhook.h"

/* lancer-cli alerts test email|sms|telegram|webhook: one test alert
 * through one channel, with the settings and keyring the app uses; exit 1
 * with the server's reason when it fails. */

static gboolean
send_test (LancerCli   *cli,
           GSettings   *settings,
           const char  *profile_id,
           const char  *channel,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LancerAlert) alert = lancer_alert_new_test (channel);

  if (g_str_equal (channel, "email"))
    {
      g_autoptr(LancerEmail) email = lancer_email_new (settings, profile_id);

      lancer_email_send_async (email, alert, NULL, lancer_cli_async_cb, &result);
      return lancer_email_send_finish (email, lancer_cli_wait (cli, &result), error);
    }
  if (g_str_equal (channel, "sms"))
    {
      g_autoptr(LancerSms) sms = lancer_sms_new (settings, profile_id);

      lancer_sms_send_async (sms, alert, NULL, lancer_cli_async_cb, &result);
      return lancer_sms_send_finish (sms, lancer_cli_wait (cli, &result), error);
    }
  if (g_str_equal (channel, "telegram"))
    {
      g_autoptr(LancerTelegram) telegram = lancer_telegram_new (profile_id);
      g_autofree char *chat_id = g_settings_get_string (settings, "alert-telegram-chat-id");

      if (*chat_id == '\0')
        {
          g_set_error_literal (error, LANCER_TELEGRAM_ERROR, LANCER_TELEGRAM_ERROR_NO_CHAT,
                               _("No Telegram chat yet: message your bot, then press Detect in "
                                 "Preferences → Alerts."));
          return FALSE;
        }
      lancer_telegram_send_alert_async (telegram, chat_id, alert, NULL, lancer_cli_async_cb, &result);
      return lancer_telegram_send_finish (telegram, lancer_cli_wait (cli, &result), error);
    }
  if (g_str_equal (channel, "webhook"))
    {
      g_autoptr(LancerWebhook) webhook = lancer_webhook_new (settings);
      LancerHttpRetryPolicy policy;

      /* A test says at once what is wrong instead of retrying for a minute. */
      lancer_http_retry_policy_init (&policy);
      policy.max_retries = 0;
      lancer_webhook_set_retry_policy (webhook, &policy);
      lancer_webhook_send_async (webhook, alert, NULL, lancer_cli_async_cb, &result);
      return lancer_webhook_send_finish (webhook, lancer_cli_wait (cli, &result), error);
    }
  g_assert_not_reached ();
}

int
lancer_cli_alerts (LancerCli  *cli,
                   int         argc,
                   char      **argv)
{
  static const char * const channels[] = { "email", "sms", "telegram", "webhook", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  LancerProfile *profile;

  if (!lancer_cli_parse_options (cli, "test email|sms|telegram|webhook",
                                 _("Send a test alert through one channel, with the settings of Preferences → Alerts."),
                                 NULL, &argc, &argv, &error))
    return lancer_cli_fail (cli, error);
  if (argc != 3 || !g_str_equal (argv[1], "test") || !g_strv_contains (channels, argv[2]))
    return lancer_cli_fail_message (cli, _("Usage: lancer-cli alerts test email|sms|telegram|webhook"));
  if ((profile = lancer_cli_get_profile (cli, &error)) == NULL)
    return lancer_cli_fail (cli, error);
  settings = lancer_profile_dup_settings (profile);
  if (settings == NULL)
    return lancer_cli_fail_message (cli, _("The settings schema is not installed; reinstall Lancer"));
  if (!send_test (cli, settings, lancer_profile_get_id (profile), argv[2], &error))
    return lancer_cli_fail (cli, error);
  if (lancer_cli_get_json (cli))
    {
      g_autoptr(JsonObject) sent = json_object_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_string_member (sent, "channel", argv[2]);
      json_object_set_boolean_member (sent, "sent", TRUE);
      json_node_set_object (node, sent);
      lancer_cli_print_json (cli, node);
    }
  else
    /* Translators: %s is email, sms, telegram or webhook */
    g_print (_("Test alert sent (%s).\n"), argv[2]);
  return LANCER_CLI_EXIT_OK;
}
