/* lancer-telegram.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-telegram"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "lancer-http.h"
#include "lancer-secrets.h"
#include "lancer-telegram.h"

#define DEFAULT_BASE_URL "https://api.telegram.org"
/* Telegram answers 429 with parameters.retry_after when a bot sends too
 * fast (a burst of alerts): wait that long, up to this, and send again. */
#define MAX_RETRY_AFTER_S 60
#define MAX_ATTEMPTS 3
#define HTTP_TOO_MANY_REQUESTS 429

struct _LancerTelegram
{
  GObject      parent_instance;

  char        *profile_id;
  char        *base_url;
  SoupSession *session;
};

G_DEFINE_FINAL_TYPE (LancerTelegram, lancer_telegram, G_TYPE_OBJECT)
G_DEFINE_QUARK (lancer-telegram-error-quark, lancer_telegram_error)

typedef struct
{
  char     *method;
  char     *body;      /* JSON, or NULL for a GET */
  char     *chat_name; /* detect_chat's extra result */
  guint     attempts;
} Call;

static void
call_free (Call *call)
{
  g_free (call->method);
  g_free (call->body);
  g_free (call->chat_name);
  g_free (call);
}

static void
lancer_telegram_finalize (GObject *object)
{
  LancerTelegram *self = LANCER_TELEGRAM (object);

  g_clear_pointer (&self->profile_id, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lancer_telegram_parent_class)->finalize (object);
}

static void
lancer_telegram_class_init (LancerTelegramClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lancer_telegram_finalize;
}

static void
lancer_telegram_init (LancerTelegram *self)
{
}

LancerTelegram *
lancer_telegram_new (const char *profile_id)
{
  LancerTelegram *self;
  const char *env = g_getenv ("LANCER_TELEGRAM_API_URL");

  g_return_val_if_fail (profile_id != NULL, NULL);

  self = g_object_new (LANCER_TYPE_TELEGRAM, NULL);
  self->profile_id = g_strdup (profile_id);
  self->base_url = g_strdup (env != NULL && *env != '\0' ? env : DEFAULT_BASE_URL);
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  self->session = lancer_http_session_new (self->base_url);
  return self;
}

const char *
lancer_telegram_get_base_url (LancerTelegram *self)
{
  g_return_val_if_fail (LANCER_IS_TELEGRAM (self), NULL);

  return self->base_url;
}

char *
lancer_telegram_format_alert (const LancerAlert *alert)
{
  GString *s = g_string_new (NULL);
  g_autofree char *title = g_markup_escape_text (alert->title != NULL ? alert->title : "", -1);
  g_autofree char *body = g_markup_escape_text (alert->body != NULL ? alert->body : "", -1);

  g_string_append_printf (s, "<b>%s</b>", title);
  if (!alert->redacted && !isnan (alert->score))
    {
      g_string_append (s, " · ");
      g_string_append_printf (s, _("score %.0f"), alert->score);
    }
  if (*body != '\0')
    g_string_append_printf (s, "\n%s", body);
  if (!alert->redacted && alert->url != NULL &&
      (g_str_has_prefix (alert->url, "https://") || g_str_has_prefix (alert->url, "http://")))
    {
      g_autofree char *url = g_markup_escape_text (alert->url, -1);
      g_autofree char *label = g_markup_escape_text (_("Open on Upwork"), -1);

      g_string_append_printf (s, "\n<a href=\"%s\">%s</a>", url, label);
    }
  return g_string_free (s, FALSE);
}

/* Turns a Bot API failure into a sentence that says what to do. */
static GError *
api_error (guint       status,
           const char *description)
{
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_NOT_FOUND)
    return g_error_new_literal (LANCER_TELEGRAM_ERROR, LANCER_TELEGRAM_ERROR_BAD_TOKEN,
                                _("Telegram does not accept the bot token. Copy the token again from "
                                  "@BotFather and paste it into Preferences → Alerts."));
  if ((status == SOUP_STATUS_BAD_REQUEST || status == SOUP_STATUS_FORBIDDEN) &&
      description != NULL && (strstr (description, "chat not found") != NULL ||
                              strstr (description, "blocked") != NULL ||
                              strstr (description, "chat_id is empty") != NULL))
    return g_error_new_literal (LANCER_TELEGRAM_ERROR, LANCER_TELEGRAM_ERROR_CHAT_NOT_FOUND,
                                _("Telegram cannot find the chat. Send your bot a message in Telegram, "
                                  "then detect the chat again."));
  return g_error_new (LANCER_TELEGRAM_ERROR, LANCER_TELEGRAM_ERROR_FAILED,
                      _("Telegram refused the message (HTTP %u). Try again later."), status);
}

static void token_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data);

/* After Telegram's retry_after: the same call again (the token is looked
 * up again, in case it changed meanwhile). */
static gboolean
retry_cb (gpointer user_data)
{
  GTask *task = user_data;
  LancerTelegram *self = g_task_get_source_object (task);

  if (g_task_return_error_if_cancelled (task))
    g_object_unref (task);
  else
    lancer_secrets_lookup_async (self->profile_id, LANCER_SECRET_TELEGRAM_BOT_TOKEN,
                                 g_task_get_cancellable (task), token_cb, task);
  return G_SOURCE_REMOVE;
}

static void
response_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, LANCER_TELEGRAM_ERROR, LANCER_TELEGRAM_ERROR_FAILED,
                                 _("Could not reach Telegram: %s"), error->message);
      return;
    }
  status = soup_message_get_status (msg);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_task_return_error (task, api_error (status != SOUP_STATUS_OK ? status : 502, NULL));
      return;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (status != SOUP_STATUS_OK || !json_object_get_boolean_member_with_default (root, "ok", FALSE))
    {
      guint code = (guint) json_object_get_int_member_with_default (root, "error_code", status);
      JsonObject *parameters = json_object_has_member (root, "parameters") &&
                               JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "parameters"))
                               ? json_object_get_object_member (root, "parameters") : NULL;
      gint64 retry_after = parameters != NULL
                           ? json_object_get_int_member_with_default (parameters, "retry_after", -1) : -1;

      if (code == HTTP_TOO_MANY_REQUESTS && retry_after >= 0 &&
          retry_after <= MAX_RETRY_AFTER_S && ++call->attempts < MAX_ATTEMPTS)
        {
          g_timeout_add (MAX (1, (guint) retry_after) * 1000, retry_cb, g_steal_pointer (&task));
          return;
        }
      if (code == HTTP_TOO_MANY_REQUESTS)
        {
          g_task_return_new_error (task, LANCER_TELEGRAM_ERROR, LANCER_TELEGRAM_ERROR_FAILED,
                                   _("Telegram asked Lancer to send fewer messages. Later alerts will "
                                     "still be sent; lower the hourly alert limit if this repeats."));
          return;
        }

      g_task_return_error (task, api_error (code, json_object_get_string_member_with_default (root, "description", NULL)));
      return;
    }
  if (g_str_equal (call->method, "getUpdates"))
    {
      JsonArray *updates = json_object_get_array_member (root, "result");
      g_autofree char *chat_id = NULL;

      /* The newest private message wins. */
      for (guint i = 0; updates != NULL && i < json_array_get_length (updates); i++)
        {
          JsonObject *update = json_array_get_object_element (updates, i);
          JsonObject *message = NULL;
          JsonObject *chat;

          if (update == NULL)
            continue;
          if (json_object_has_member (update, "message"))
            message = json_object_get_object_member (update, "message");
          else if (json_object_has_member (update, "my_chat_member"))
            message = json_object_get_object_member (update, "my_chat_member");
          if (message == NULL || !json_object_has_member (message, "chat"))
            continue;
          chat = json_object_get_object_member (message, "chat");
          if (chat == NULL || !json_object_has_member (chat, "id"))
            continue;
          g_free (chat_id);
          chat_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (chat, "id"));
          g_free (call->chat_name);
          call->chat_name = g_strdup (json_object_get_string_member_with_default (chat, "first_name",
                                      json_object_get_string_member_with_default (chat, "title", NULL)));
        }
      if (chat_id == NULL)
        {
          g_task_return_new_error (task, LANCER_TELEGRAM_ERROR, LANCER_TELEGRAM_ERROR_NO_CHAT,
                                   _("Your bot has no messages yet. Open Telegram, send /start to your bot, "
                                     "then try again."));
          return;
        }
      g_task_return_pointer (task, g_steal_pointer (&chat_id), g_free);
      return;
    }
  g_task_return_pointer (task, g_strdup ("ok"), g_free);
}

/* Sends the task's call to the Bot API with @token; the answer ends
 * @task (in response_cb). */
static void
send_call (GTask      *task,
           const char *token)
{
  LancerTelegram *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autofree char *uri = g_strdup_printf ("%s/bot%s/%s", self->base_url, token, call->method);
  g_autoptr(SoupMessage) msg = NULL;

  msg = soup_message_new (call->body != NULL ? SOUP_METHOD_POST : SOUP_METHOD_GET, uri);
  if (msg == NULL)
    {
      g_task_return_error (task, api_error (SOUP_STATUS_UNAUTHORIZED, NULL));
      return;
    }
  if (call->body != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (call->body, strlen (call->body));

      soup_message_set_request_body_from_bytes (msg, "application/json", body);
    }
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                    response_cb, g_object_ref (task));
}

static void
token_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  token = lancer_secrets_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (token == NULL || *token == '\0')
    {
      g_task_return_new_error (task, LANCER_TELEGRAM_ERROR, LANCER_TELEGRAM_ERROR_NO_TOKEN,
                               _("No Telegram bot token is stored. Create a bot with @BotFather and "
                                 "paste its token into Preferences → Alerts."));
      return;
    }
  send_call (task, g_strstrip (token));
}

static void
call_async (LancerTelegram      *self,
            const char          *method,
            JsonNode            *body,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Call *call = g_new0 (Call, 1);
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, source_tag);
  call->method = g_strdup (method);
  call->body = body != NULL ? json_to_string (body, FALSE) : NULL;
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  if (!lancer_http_check_url (self->base_url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  lancer_secrets_lookup_async (self->profile_id, LANCER_SECRET_TELEGRAM_BOT_TOKEN, cancellable, token_cb, task);
}

void
lancer_telegram_detect_chat_async (LancerTelegram      *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_TELEGRAM (self));

  call_async (self, "getUpdates", NULL, lancer_telegram_detect_chat_async, cancellable, callback, user_data);
}

char *
lancer_telegram_detect_chat_finish (LancerTelegram  *self,
                                    GAsyncResult    *result,
                                    char           **chat_name,
                                    GError         **error)
{
  Call *call;
  char *chat_id;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  call = g_task_get_task_data (G_TASK (result));
  chat_id = g_task_propagate_pointer (G_TASK (result), error);
  if (chat_name != NULL)
    *chat_name = chat_id != NULL ? g_strdup (call->chat_name) : NULL;
  return chat_id;
}

static JsonNode *
message_body (const char *chat_id,
              const char *html)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "chat_id");
  json_builder_add_string_value (b, chat_id);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, html);
  json_builder_set_member_name (b, "parse_mode");
  json_builder_add_string_value (b, "HTML");
  json_builder_set_member_name (b, "disable_web_page_preview");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
send_html_async (LancerTelegram      *self,
                 const char          *chat_id,
                 const char          *html,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  if (chat_id == NULL || *chat_id == '\0')
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, source_tag);
      g_task_return_new_error (task, LANCER_TELEGRAM_ERROR, LANCER_TELEGRAM_ERROR_NO_CHAT,
                               _("No Telegram chat is set. Send your bot a message in Telegram, "
                                 "then detect the chat in Preferences → Alerts."));
      return;
    }
  body = message_body (chat_id, html);
  call_async (self, "sendMessage", body, source_tag, cancellable, callback, user_data);
}

void
lancer_telegram_send_alert_async (LancerTelegram      *self,
                                  const char          *chat_id,
                                  const LancerAlert   *alert,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *html = NULL;

  g_return_if_fail (LANCER_IS_TELEGRAM (self));
  g_return_if_fail (alert != NULL);

  html = lancer_telegram_format_alert (alert);
  send_html_async (self, chat_id, html, lancer_telegram_send_alert_async, cancellable, callback, user_data);
}

void
lancer_telegram_send_test_async (LancerTelegram      *self,
                                 const char          *chat_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(LancerAlert) alert = NULL;
  g_autofree char *html = NULL;

  g_return_if_fail (LANCER_IS_TELEGRAM (self));

  alert = lancer_alert_new_test ("telegram");
  html = lancer_telegram_format_alert (alert);
  send_html_async (self, chat_id, html, lancer_telegram_send_test_async, cancellable, callback, user_data);
}

gboolean
lancer_telegram_send_finish (LancerTelegram  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_autofree char *ok = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  ok = g_task_propagate_pointer (G_TASK (result), error);
  return ok != NULL;
}
