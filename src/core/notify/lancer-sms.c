/* lancer-sms.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-sms"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "lancer-http.h"
#include "lancer-secrets.h"
#include "lancer-sms.h"

G_DEFINE_QUARK (lancer-sms-error-quark, lancer_sms_error)

struct _LancerSms
{
  GObject      parent_instance;

  GSettings   *settings;
  char        *profile_id;
  SoupSession *session;
  char        *session_base;
};

G_DEFINE_FINAL_TYPE (LancerSms, lancer_sms, G_TYPE_OBJECT)

typedef struct
{
  gboolean  twilio;
  char     *url;
  char     *to;
  char     *from;
  char     *account;
  char     *body_template;
  char     *text;
} Delivery;

static void
delivery_free (Delivery *d)
{
  g_free (d->url);
  g_free (d->to);
  g_free (d->from);
  g_free (d->account);
  g_free (d->body_template);
  g_free (d->text);
  g_free (d);
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

guint
lancer_sms_get_sent_today (GSettings *settings)
{
  g_autofree char *day = NULL;
  g_autofree char *now = today ();
  guint32 count = 0;

  g_return_val_if_fail (G_IS_SETTINGS (settings), 0);

  g_settings_get (settings, "alert-sms-sent-today", "(su)", &day, &count);
  return g_strcmp0 (day, now) == 0 ? count : 0;
}

/* Counted when a send starts, so a burst of alerts cannot pass the cap;
 * given back when it fails. */
static void
count_sent (GSettings *settings,
            int        delta)
{
  g_autofree char *now = today ();
  guint sent = lancer_sms_get_sent_today (settings);

  g_settings_set (settings, "alert-sms-sent-today", "(su)", now,
                  delta < 0 ? (sent > 0 ? sent - 1 : 0) : sent + 1);
}

static void
fail (GTask  *task,
      GError *error)
{
  LancerSms *self = g_task_get_source_object (task);

  count_sent (self->settings, -1);
  g_task_return_error (task, error);
}

char *
lancer_sms_format_alert (const LancerAlert *alert)
{
  GString *text = g_string_new (alert->title);

  if (alert->body != NULL && *alert->body != '\0')
    g_string_append_printf (text, "\n%s", alert->body);
  if (alert->url != NULL && !alert->redacted && strstr (text->str, alert->url) == NULL)
    g_string_append_printf (text, "\n%s", alert->url);
  if (g_utf8_strlen (text->str, -1) > LANCER_SMS_MAX_CHARS)
    {
      const char *cut = g_utf8_offset_to_pointer (text->str, LANCER_SMS_MAX_CHARS - 1);

      g_string_truncate (text, cut - text->str);
      g_string_append (text, "…");
    }
  return g_string_free (text, FALSE);
}

/* {to}, {from}, {text} in the gateway's body template. */
static char *
gateway_body (const Delivery *d,
              gboolean        json)
{
  const char *names[] = { "{to}", "{from}", "{text}" };
  const char *values[] = { d->to, d->from, d->text };
  GString *out = g_string_new (d->body_template);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *escaped = NULL;

      if (json)
        {
          /* The string's content without its quotes. */
          g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
          g_autofree char *quoted = NULL;

          json_node_set_string (node, values[i] != NULL ? values[i] : "");
          quoted = json_to_string (node, FALSE);
          escaped = g_strndup (quoted + 1, strlen (quoted) - 2);
        }
      else
        escaped = g_uri_escape_string (values[i] != NULL ? values[i] : "", NULL, FALSE);
      g_string_replace (out, names[i], escaped, 0);
    }
  return g_string_free (out, FALSE);
}

/* What the provider said, for the error: Twilio's "message", or the start
 * of whatever else came back. */
static char *
provider_reply (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;
  g_autofree char *text = NULL;

  if (data == NULL || len == 0)
    return g_strdup ("–");
  if (json_parser_load_from_data (parser, data, (gssize) len, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *root = json_node_get_object (json_parser_get_root (parser));
      const char *message = json_object_get_string_member_with_default (root, "message", NULL);

      if (message == NULL)
        message = json_object_get_string_member_with_default (root, "error", NULL);
      if (message != NULL)
        return g_strdup (message);
    }
  text = g_utf8_make_valid (data, (gssize) MIN (len, 200));
  return g_strstrip (g_steal_pointer (&text));
}

static void
response_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Delivery *d = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = NULL;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (task, g_steal_pointer (&error));
      else
        fail (task, g_error_new (LANCER_SMS_ERROR, LANCER_SMS_ERROR_FAILED,
                                 _("The SMS service could not be reached: %s"), error->message));
      return;
    }
  status = soup_message_get_status (msg);
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  reply = provider_reply (bytes);
  if (d->twilio)
    fail (task, g_error_new (LANCER_SMS_ERROR, LANCER_SMS_ERROR_REJECTED,
                             _("Twilio did not send the SMS (HTTP %u): %s"), status, reply));
  else
    fail (task, g_error_new (LANCER_SMS_ERROR, LANCER_SMS_ERROR_REJECTED,
                             _("The SMS gateway did not send the SMS (HTTP %u): %s"), status, reply));
}

static void
token_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LancerSms *self = g_task_get_source_object (task);
  Delivery *d = g_task_get_task_data (task);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *body = NULL;

  token = lancer_secrets_lookup_finish (result, &error);
  if (error != NULL)
    {
      fail (task, g_steal_pointer (&error));
      return;
    }
  if (token == NULL && d->twilio)
    {
      fail (task, g_error_new (LANCER_SMS_ERROR, LANCER_SMS_ERROR_NO_TOKEN,
                               _("No Twilio auth token in the keyring. Enter it in Preferences → Alerts "
                                 "or run “lancer-cli secret set twilio-auth-token”.")));
      return;
    }
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      fail (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled"));
      return;
    }
  msg = soup_message_new (SOUP_METHOD_POST, d->url);
  if (msg == NULL)
    {
      fail (task, g_error_new (LANCER_SMS_ERROR, LANCER_SMS_ERROR_NOT_SET_UP,
                               _("The SMS gateway address is not valid.")));
      return;
    }
  if (d->twilio)
    {
      g_autofree char *credentials = g_strdup_printf ("%s:%s", d->account, token);
      g_autofree char *basic = g_base64_encode ((const guchar *) credentials, strlen (credentials));
      g_autofree char *authorization = g_strconcat ("Basic ", basic, NULL);
      g_autofree char *form = NULL;

      g_autoptr(GBytes) bytes = NULL;
      gsize form_len;

      form = soup_form_encode ("To", d->to, "From", d->from, "Body", d->text, NULL);
      form_len = strlen (form);
      bytes = g_bytes_new_take (g_steal_pointer (&form), form_len);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
      /* The message keeps its own reference. */
      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
      memset (credentials, 0, strlen (credentials));
    }
  else
    {
      gboolean json = g_str_has_prefix (g_strchug (d->body_template), "{");
      g_autoptr(GBytes) bytes = NULL;
      gsize len;

      body = gateway_body (d, json);
      len = strlen (body);
      if (token != NULL)
        {
          g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

          soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
        }
      bytes = g_bytes_new_take (g_steal_pointer (&body), len);
      soup_message_set_request_body_from_bytes (msg, json ? "application/json" : "application/x-www-form-urlencoded",
                                                bytes);
    }
  if (token != NULL)
    memset (token, 0, strlen (token));
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                    response_cb, g_object_ref (task));
}

void
lancer_sms_send_async (LancerSms           *self,
                       const LancerAlert   *alert,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  guint cap;
  Delivery *d;

  g_return_if_fail (LANCER_IS_SMS (self));
  g_return_if_fail (alert != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_sms_send_async);
  provider = g_settings_get_string (self->settings, "alert-sms-provider");
  cap = g_settings_get_uint (self->settings, "alert-sms-daily-cap");
  d = g_new0 (Delivery, 1);
  g_task_set_task_data (task, d, (GDestroyNotify) delivery_free);
  d->twilio = g_strcmp0 (provider, "gateway") != 0;
  d->to = g_strstrip (g_settings_get_string (self->settings, "alert-sms-to"));
  d->from = g_strstrip (g_settings_get_string (self->settings, "alert-sms-from"));
  d->text = lancer_sms_format_alert (alert);
  if (lancer_sms_get_sent_today (self->settings) >= cap)
    {
      g_task_return_new_error (task, LANCER_SMS_ERROR, LANCER_SMS_ERROR_CAP,
                               ngettext ("Today’s SMS cap (%u message) is reached; SMS alerts resume tomorrow.",
                                         "Today’s SMS cap (%u messages) is reached; SMS alerts resume tomorrow.",
                                         cap), cap);
      return;
    }
  if (d->twilio)
    {
      const char *env = g_getenv ("LANCER_TWILIO_API_URL");
      g_autofree char *account_escaped = NULL;

      d->account = g_strstrip (g_settings_get_string (self->settings, "alert-sms-twilio-account"));
      if (*d->to == '\0' || *d->from == '\0' || *d->account == '\0')
        {
          g_task_return_new_error (task, LANCER_SMS_ERROR, LANCER_SMS_ERROR_NOT_SET_UP,
                                   _("Twilio needs your account SID, your Twilio number and the number to "
                                     "text in Preferences → Alerts."));
          return;
        }
      base = g_strdup (env != NULL && *env != '\0' ? env : "https://api.twilio.com");
      account_escaped = g_uri_escape_string (d->account, NULL, FALSE);
      d->url = g_strdup_printf ("%s/2010-04-01/Accounts/%s/Messages.json", base, account_escaped);
    }
  else
    {
      d->url = g_strstrip (g_settings_get_string (self->settings, "alert-sms-gateway-url"));
      d->body_template = g_settings_get_string (self->settings, "alert-sms-gateway-body");
      if (*d->to == '\0' || *d->url == '\0')
        {
          g_task_return_new_error (task, LANCER_SMS_ERROR, LANCER_SMS_ERROR_NOT_SET_UP,
                                   _("The SMS gateway needs its address and the number to text in "
                                     "Preferences → Alerts."));
          return;
        }
      base = g_strdup (d->url);
    }
  if (!lancer_http_check_url (d->url, &error))
    {
      g_task_return_new_error (task, LANCER_SMS_ERROR, LANCER_SMS_ERROR_NOT_SET_UP,
                               _("The SMS address must start with https:// (http:// only for this computer)."));
      return;
    }
  count_sent (self->settings, +1);
  if (self->session == NULL || g_strcmp0 (self->session_base, base) != 0)
    {
      g_clear_object (&self->session);
      self->session = lancer_http_session_new (base);
      g_free (self->session_base);
      self->session_base = g_strdup (base);
    }
  lancer_secrets_lookup_async (self->profile_id,
                               d->twilio ? LANCER_SECRET_TWILIO_AUTH_TOKEN : LANCER_SECRET_SMS_GATEWAY_TOKEN,
                               cancellable, token_cb, g_steal_pointer (&task));
}

gboolean
lancer_sms_send_finish (LancerSms     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lancer_sms_finalize (GObject *object)
{
  LancerSms *self = LANCER_SMS (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_free (self->session_base);
  g_free (self->profile_id);

  G_OBJECT_CLASS (lancer_sms_parent_class)->finalize (object);
}

static void
lancer_sms_class_init (LancerSmsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lancer_sms_finalize;
}

static void
lancer_sms_init (LancerSms *self)
{
}

LancerSms *
lancer_sms_new (GSettings  *settings,
                const char *profile_id)
{
  LancerSms *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LANCER_TYPE_SMS, NULL);
  self->settings = g_object_ref (settings);
  self->profile_id = g_strdup (profile_id);
  return self;
}
