/* lancer-webhook.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-webhook"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "lancer-json.h"
#include "lancer-webhook.h"

struct _LancerWebhook
{
  GObject                parent_instance;

  GSettings             *settings;
  LancerHttpRetryPolicy  policy;
  SoupSession           *session;
  char                  *session_url;
};

enum { DISABLED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LancerWebhook, lancer_webhook, G_TYPE_OBJECT)
G_DEFINE_QUARK (lancer-webhook-error-quark, lancer_webhook_error)

LancerWebhookFormat
lancer_webhook_format_from_string (const char *name)
{
  if (g_strcmp0 (name, "slack") == 0)
    return LANCER_WEBHOOK_SLACK;
  if (g_strcmp0 (name, "discord") == 0)
    return LANCER_WEBHOOK_DISCORD;
  return LANCER_WEBHOOK_GENERIC;
}

static const char *
alert_event (const LancerAlert *alert)
{
  switch (alert->type)
    {
    case LANCER_ALERT_JOB:
      return "job";
    case LANCER_ALERT_JOBS_SUMMARY:
      return "jobs-summary";
    case LANCER_ALERT_MESSAGE:
      return "message";
    case LANCER_ALERT_MESSAGES_SUMMARY:
      return "messages-summary";
    case LANCER_ALERT_NOTICE:
    default:
      return "notice";
    }
}

/* Slack's mrkdwn needs &, < and > escaped; nothing else. */
static char *
slack_escape (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '&')
        g_string_append (s, "&amp;");
      else if (*p == '<')
        g_string_append (s, "&lt;");
      else if (*p == '>')
        g_string_append (s, "&gt;");
      else
        g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

JsonNode *
lancer_webhook_build_body (LancerWebhookFormat  format,
                           const LancerAlert   *alert)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *url = alert->redacted ? NULL : alert->url;

  json_builder_begin_object (b);
  switch (format)
    {
    case LANCER_WEBHOOK_SLACK:
      {
        g_autofree char *title = slack_escape (alert->title);
        g_autofree char *body = slack_escape (alert->body);
        GString *text = g_string_new (NULL);

        g_string_append_printf (text, "*%s*", title);
        if (*body != '\0')
          g_string_append_printf (text, "\n%s", body);
        if (url != NULL)
          {
            g_autofree char *label = slack_escape (_("Open on Upwork"));

            g_string_append_printf (text, "\n<%s|%s>", url, label);
          }
        json_builder_set_member_name (b, "text");
        json_builder_add_string_value (b, text->str);
        g_string_free (text, TRUE);
      }
      break;

    case LANCER_WEBHOOK_DISCORD:
      json_builder_set_member_name (b, "username");
      json_builder_add_string_value (b, "Lancer");
      json_builder_set_member_name (b, "embeds");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, alert->title != NULL ? alert->title : "");
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, alert->body != NULL ? alert->body : "");
      if (url != NULL)
        {
          json_builder_set_member_name (b, "url");
          json_builder_add_string_value (b, url);
        }
      json_builder_end_object (b);
      json_builder_end_array (b);
      /* Discord would otherwise ping @everyone written in a job title. */
      json_builder_set_member_name (b, "allowed_mentions");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "parse");
      json_builder_begin_array (b);
      json_builder_end_array (b);
      json_builder_end_object (b);
      break;

    case LANCER_WEBHOOK_GENERIC:
    default:
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, "lancer");
      json_builder_set_member_name (b, "event");
      json_builder_add_string_value (b, alert_event (alert));
      lancer_json_add_string (b, "title", alert->title);
      lancer_json_add_string (b, "body", alert->body);
      lancer_json_add_string (b, "url", url);
      lancer_json_add_string (b, "job_id", alert->redacted ? NULL : alert->job_id);
      lancer_json_add_string (b, "room_id", alert->redacted ? NULL : alert->room_id);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, alert->count);
      json_builder_set_member_name (b, "score");
      if (alert->redacted || isnan (alert->score))
        json_builder_add_null_value (b);
      else
        json_builder_add_double_value (b, alert->score);
      json_builder_set_member_name (b, "redacted");
      json_builder_add_boolean_value (b, alert->redacted);
      break;
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
lancer_webhook_finalize (GObject *object)
{
  LancerWebhook *self = LANCER_WEBHOOK (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_pointer (&self->session_url, g_free);

  G_OBJECT_CLASS (lancer_webhook_parent_class)->finalize (object);
}

static void
lancer_webhook_class_init (LancerWebhookClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lancer_webhook_finalize;

  /* Emitted once when repeated failures turn the webhook off. */
  signals[DISABLED] = g_signal_new ("disabled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lancer_webhook_init (LancerWebhook *self)
{
  lancer_http_retry_policy_init (&self->policy);
  self->policy.max_retries = 3;
  self->policy.base_delay_ms = 1000;
  self->policy.max_backoff_ms = 30000;
}

LancerWebhook *
lancer_webhook_new (GSettings *settings)
{
  LancerWebhook *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LANCER_TYPE_WEBHOOK, NULL);
  self->settings = g_object_ref (settings);
  return self;
}

void
lancer_webhook_set_retry_policy (LancerWebhook               *self,
                                 const LancerHttpRetryPolicy *policy)
{
  g_return_if_fail (LANCER_IS_WEBHOOK (self));

  self->policy = *policy;
}

gboolean
lancer_webhook_get_enabled (LancerWebhook *self)
{
  g_return_val_if_fail (LANCER_IS_WEBHOOK (self), FALSE);

  return g_settings_get_boolean (self->settings, "alert-webhook-enabled");
}

guint
lancer_webhook_get_failures (LancerWebhook *self)
{
  g_return_val_if_fail (LANCER_IS_WEBHOOK (self), 0);

  return g_settings_get_uint (self->settings, "alert-webhook-failures");
}

typedef struct
{
  char     *url;
  GBytes   *body;
  guint     attempt;
} Delivery;

static void
delivery_free (Delivery *d)
{
  g_free (d->url);
  g_clear_pointer (&d->body, g_bytes_unref);
  g_free (d);
}

static void attempt_send (GTask *task);

static void
record_result (LancerWebhook *self,
               gboolean       ok)
{
  guint failures = g_settings_get_uint (self->settings, "alert-webhook-failures");

  if (ok)
    {
      if (failures != 0)
        g_settings_set_uint (self->settings, "alert-webhook-failures", 0);
      return;
    }
  failures++;
  g_settings_set_uint (self->settings, "alert-webhook-failures", failures);
  if (failures >= LANCER_WEBHOOK_MAX_FAILURES &&
      g_settings_get_boolean (self->settings, "alert-webhook-enabled"))
    {
      g_settings_set_boolean (self->settings, "alert-webhook-enabled", FALSE);
      g_message ("The webhook failed %u times in a row and was turned off", failures);
      g_signal_emit (self, signals[DISABLED], 0);
    }
}

static void
fail (GTask  *task,
      GError *error)
{
  LancerWebhook *self = g_task_get_source_object (task);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    record_result (self, FALSE);
  g_task_return_error (task, error);
}

static gboolean
retry_cb (gpointer user_data)
{
  attempt_send (user_data);
  return G_SOURCE_REMOVE;
}

static void
response_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LancerWebhook *self = g_task_get_source_object (task);
  Delivery *d = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  guint status = 0;
  guint delay_ms = 0;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (bytes != NULL)
    status = soup_message_get_status (msg);
  if (bytes != NULL && SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      record_result (self, TRUE);
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if ((bytes != NULL || lancer_http_error_is_retryable (error)) &&
      lancer_http_should_retry (&self->policy, d->attempt, status,
                                bytes != NULL ? soup_message_get_response_headers (msg) : NULL,
                                FALSE, &delay_ms))
    {
      d->attempt++;
      g_debug ("Webhook delivery failed (%u); retry %u in %u ms", status, d->attempt, delay_ms);
      g_timeout_add (delay_ms, retry_cb, g_steal_pointer (&task));
      return;
    }
  if (bytes != NULL)
    fail (task, g_error_new (LANCER_WEBHOOK_ERROR, LANCER_WEBHOOK_ERROR_FAILED,
                             _("The webhook answered with HTTP %u."), status));
  else
    fail (task, g_error_new (LANCER_WEBHOOK_ERROR, LANCER_WEBHOOK_ERROR_FAILED,
                             _("The webhook could not be reached: %s"), error->message));
}

static void
attempt_send (GTask *task)
{
  LancerWebhook *self = g_task_get_source_object (task);
  Delivery *d = g_task_get_task_data (task);
  g_autoptr(SoupMessage) msg = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  msg = soup_message_new (SOUP_METHOD_POST, d->url);
  soup_message_set_request_body_from_bytes (msg, "application/json", d->body);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                    response_cb, task);
}

void
lancer_webhook_send_async (LancerWebhook       *self,
                           const LancerAlert   *alert,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *format = NULL;
  gsize len;
  Delivery *d;

  g_return_if_fail (LANCER_IS_WEBHOOK (self));
  g_return_if_fail (alert != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_webhook_send_async);
  if (!g_settings_get_boolean (self->settings, "alert-webhook-enabled"))
    {
      g_task_return_new_error (task, LANCER_WEBHOOK_ERROR, LANCER_WEBHOOK_ERROR_DISABLED,
                               _("The webhook is turned off."));
      return;
    }
  d = g_new0 (Delivery, 1);
  d->url = g_settings_get_string (self->settings, "alert-webhook-url");
  g_strstrip (d->url);
  g_task_set_task_data (task, d, (GDestroyNotify) delivery_free);
  if (*d->url == '\0' || !lancer_http_check_url (d->url, &error))
    {
      g_task_return_new_error (task, LANCER_WEBHOOK_ERROR, LANCER_WEBHOOK_ERROR_FAILED,
                               _("The webhook address must start with https:// (http:// only for this computer)."));
      return;
    }
  if (self->session == NULL || g_strcmp0 (self->session_url, d->url) != 0)
    {
      g_clear_object (&self->session);
      self->session = lancer_http_session_new (d->url);
      g_free (self->session_url);
      self->session_url = g_strdup (d->url);
    }
  format = g_settings_get_string (self->settings, "alert-webhook-format");
  body = lancer_webhook_build_body (lancer_webhook_format_from_string (format), alert);
  json = json_to_string (body, FALSE);
  len = strlen (json);
  d->body = g_bytes_new_take (g_steal_pointer (&json), len);
  attempt_send (g_steal_pointer (&task));
}

gboolean
lancer_webhook_send_finish (LancerWebhook  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
