/* lancer-email.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-email"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lancer-curl.h"
#include "lancer-email.h"
#include "lancer-secrets.h"

G_DEFINE_QUARK (lancer-email-error-quark, lancer_email_error)

struct _LancerEmail
{
  GObject    parent_instance;

  GSettings *settings;
  char      *profile_id;
  char      *ca_file;
};

G_DEFINE_FINAL_TYPE (LancerEmail, lancer_email, G_TYPE_OBJECT)

/* ---- the message ---- */

static void
append_base64 (GString    *out,
               const char *text)
{
  g_autofree char *encoded = g_base64_encode ((const guchar *) text, strlen (text));
  gsize len = strlen (encoded);

  /* 76 characters a line, as MIME asks. */
  for (gsize i = 0; i < len; i += 76)
    {
      g_string_append_len (out, encoded + i, MIN (76, len - i));
      g_string_append (out, "\r\n");
    }
}

static char *
encode_header (const char *text)
{
  g_autofree char *encoded = NULL;

  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80 || *p == '\r' || *p == '\n')
      {
        g_autofree char *flat = g_strdelimit (g_strdup (text), "\r\n", ' ');

        encoded = g_base64_encode ((const guchar *) flat, strlen (flat));
        return g_strdup_printf ("=?UTF-8?B?%s?=", encoded);
      }
  return g_strdup (text);
}

/* Lines of facts, the same in both parts. */
static GPtrArray *
alert_facts (const LancerAlert *alert)
{
  GPtrArray *facts = g_ptr_array_new_with_free_func (g_free);

  if (alert->type != LANCER_ALERT_JOB || alert->redacted)
    return facts;
  if (alert->budget != NULL && *alert->budget != '\0')
    g_ptr_array_add (facts, g_strdup_printf (_("Budget: %s"), alert->budget));
  if (alert->proposals != NULL && *alert->proposals != '\0')
    g_ptr_array_add (facts, g_strdup_printf (_("Proposals: %s"), alert->proposals));
  if (alert->client != NULL && *alert->client != '\0')
    g_ptr_array_add (facts, g_strdup_printf (_("Client: %s"), alert->client));
  if (!isnan (alert->score))
    g_ptr_array_add (facts, g_strdup_printf (_("Score: %.0f of 100"), alert->score));
  return facts;
}

static char *
plain_part (const LancerAlert *alert,
            GPtrArray         *facts)
{
  GString *text = g_string_new (alert->title);

  g_string_append (text, "\n\n");
  if (alert->body != NULL && *alert->body != '\0')
    g_string_append_printf (text, "%s\n\n", alert->body);
  for (guint i = 0; i < facts->len; i++)
    g_string_append_printf (text, "%s\n", (char *) g_ptr_array_index (facts, i));
  if (alert->url != NULL && !alert->redacted)
    g_string_append_printf (text, "\n%s\n", alert->url);
  g_string_append (text, "\n-- \n");
  g_string_append (text, _("Sent by Lancer. Change or turn off email alerts in Preferences → Alerts."));
  g_string_append_c (text, '\n');
  return g_string_free (text, FALSE);
}

static char *
html_part (const LancerAlert *alert,
           GPtrArray         *facts)
{
  GString *html = g_string_new ("<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n");
  g_autofree char *title = g_markup_escape_text (alert->title, -1);

  g_string_append_printf (html, "<h2>%s</h2>\n", title);
  if (alert->body != NULL && *alert->body != '\0')
    {
      g_autofree char *body = g_markup_escape_text (alert->body, -1);
      g_auto(GStrv) lines = g_strsplit (body, "\n", -1);
      g_autofree char *joined = g_strjoinv ("<br>\n", lines);

      g_string_append_printf (html, "<p>%s</p>\n", joined);
    }
  if (facts->len > 0)
    {
      g_string_append (html, "<ul>\n");
      for (guint i = 0; i < facts->len; i++)
        {
          g_autofree char *fact = g_markup_escape_text (g_ptr_array_index (facts, i), -1);

          g_string_append_printf (html, "<li>%s</li>\n", fact);
        }
      g_string_append (html, "</ul>\n");
    }
  if (alert->url != NULL && !alert->redacted)
    {
      g_autofree char *url = g_markup_escape_text (alert->url, -1);
      g_autofree char *label = g_markup_escape_text (_("Open the job on Upwork"), -1);

      g_string_append_printf (html, "<p><a href=\"%s\">%s</a></p>\n", url, label);
    }
  g_string_append (html, "</body></html>\n");
  return g_string_free (html, FALSE);
}

char *
lancer_email_build_message (const char        *from,
                            const char        *to,
                            const LancerAlert *alert)
{
  g_autoptr(GPtrArray) facts = NULL;
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *zone = g_date_time_format (now, "%z");
  /* RFC 5322 names days and months in English, whatever the locale. */
  g_autofree char *date = g_strdup_printf ("%s, %02d %s %d %02d:%02d:%02d %s",
                                           days[g_date_time_get_day_of_week (now) - 1],
                                           g_date_time_get_day_of_month (now),
                                           months[g_date_time_get_month (now) - 1],
                                           g_date_time_get_year (now), g_date_time_get_hour (now),
                                           g_date_time_get_minute (now), g_date_time_get_second (now), zone);
  g_autofree char *subject = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *html = NULL;
  g_autofree char *boundary = g_strdup_printf ("lancer-%08x%08x", g_random_int (), g_random_int ());
  g_autofree char *uuid = g_uuid_string_random ();
  const char *domain;
  GString *msg;

  g_return_val_if_fail (from != NULL && to != NULL && alert != NULL, NULL);

  facts = alert_facts (alert);
  subject = encode_header (alert->title);
  plain = plain_part (alert, facts);
  html = html_part (alert, facts);
  domain = strchr (from, '@') != NULL ? strchr (from, '@') + 1 : "lancer.invalid";
  msg = g_string_new (NULL);
  g_string_append_printf (msg, "Date: %s\r\n", date);
  g_string_append_printf (msg, "From: Lancer <%s>\r\n", from);
  g_string_append_printf (msg, "To: <%s>\r\n", to);
  g_string_append_printf (msg, "Subject: %s\r\n", subject);
  g_string_append_printf (msg, "Message-ID: <%s@%s>\r\n", uuid, domain);
  g_string_append (msg, "MIME-Version: 1.0\r\n");
  g_string_append (msg, "Auto-Submitted: auto-generated\r\n");
  g_string_append_printf (msg, "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n", boundary);
  g_string_append_printf (msg, "--%s\r\n", boundary);
  g_string_append (msg, "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
  append_base64 (msg, plain);
  g_string_append_printf (msg, "--%s\r\n", boundary);
  g_string_append (msg, "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
  append_base64 (msg, html);
  g_string_append_printf (msg, "--%s--\r\n", boundary);
  return g_string_free (msg, FALSE);
}

/* ---- sending (worker thread) ---- */

typedef struct
{
  char   *url;
  char   *user;
  char   *from;
  char   *to;
  char   *ca_file;
  char   *profile_id;
  gboolean starttls;
  char   *message;
  gsize   offset;
  GString *reply;      /* the server's last reply line */
} Delivery;

static void
delivery_free (Delivery *d)
{
  g_free (d->url);
  g_free (d->user);
  g_free (d->from);
  g_free (d->to);
  g_free (d->ca_file);
  g_free (d->profile_id);
  g_free (d->message);
  if (d->reply != NULL)
    g_string_free (d->reply, TRUE);
  g_free (d);
}

static size_t
read_message (char   *buffer,
              size_t  size,
              size_t  nitems,
              void   *user_data)
{
  Delivery *d = user_data;
  gsize left = strlen (d->message) - d->offset;
  gsize n = MIN (left, size * nitems);

  memcpy (buffer, d->message + d->offset, n);
  d->offset += n;
  return n;
}

/* Keeps the server's last reply: what a failure shows. */
static int
debug_cb (CURL          *handle,
          curl_infotype  type,
          char          *data,
          size_t         size,
          void          *user_data)
{
  Delivery *d = user_data;

  if (type != CURLINFO_HEADER_IN || size == 0)
    return 0;
  g_string_truncate (d->reply, 0);
  g_string_append_len (d->reply, data, size);
  g_strstrip (d->reply->str);
  g_string_set_size (d->reply, strlen (d->reply->str));
  return 0;
}

static GError *
error_for (Delivery   *d,
           CURLcode    code,
           const char *curl_detail)
{
  /* libcurl's sentence goes inside ours: without its own full stop. */
  g_autofree char *detail = g_strstrip (g_strdup (curl_detail));
  gsize len = strlen (detail);
  const char *reply;

  if (len > 0 && detail[len - 1] == '.')
    detail[len - 1] = '\0';
  reply = d->reply->len > 0 ? d->reply->str : detail;

  switch (code)
    {
    case CURLE_LOGIN_DENIED:
      return g_error_new (LANCER_EMAIL_ERROR, LANCER_EMAIL_ERROR_LOGIN,
                          _("The mail server refused the user name or password. It said: %s"), reply);
    case CURLE_USE_SSL_FAILED:
      return g_error_new (LANCER_EMAIL_ERROR, LANCER_EMAIL_ERROR_TLS,
                          _("The mail server does not offer STARTTLS, so nothing was sent. Choose "
                            "“TLS” with port 465, or another server (%s)."), detail);
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
      return g_error_new (LANCER_EMAIL_ERROR, LANCER_EMAIL_ERROR_TLS,
                          _("No secure connection to the mail server: %s"), detail);
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
      return g_error_new (LANCER_EMAIL_ERROR, LANCER_EMAIL_ERROR_FAILED,
                          _("The mail server could not be reached: %s"), detail);
    default:
      if (d->reply->len > 0 && (d->reply->str[0] == '4' || d->reply->str[0] == '5'))
        return g_error_new (LANCER_EMAIL_ERROR, LANCER_EMAIL_ERROR_REJECTED,
                            _("The mail server did not accept the alert. It said: %s"), d->reply->str);
      return g_error_new (LANCER_EMAIL_ERROR, LANCER_EMAIL_ERROR_FAILED,
                          _("The email could not be sent: %s"), detail);
    }
}

static void
send_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Delivery *d = task_data;
  g_autofree char *password = NULL;
  g_autofree char *mail_from = NULL;
  char errbuf[CURL_ERROR_SIZE] = "";
  struct curl_slist *rcpt = NULL;
  GError *error = NULL;
  const LancerCurl *lib;
  CURLcode code;
  CURL *curl;

  if (d->user != NULL && *d->user != '\0')
    {
      password = lancer_secrets_lookup_sync (d->profile_id, LANCER_SECRET_SMTP_PASSWORD, cancellable, &error);
      if (error != NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      if (password == NULL)
        {
          g_task_return_new_error (task, LANCER_EMAIL_ERROR, LANCER_EMAIL_ERROR_NO_PASSWORD,
                                   _("No SMTP password in the keyring. Enter it in Preferences → Alerts "
                                     "or run “lancer-cli secret set smtp-password”."));
          return;
        }
    }
  lib = lancer_curl_get (&error);
  if (lib == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  curl = lib->easy_init ();
  if (curl == NULL)
    {
      g_task_return_new_error (task, LANCER_EMAIL_ERROR, LANCER_EMAIL_ERROR_FAILED,
                               _("The email could not be sent: %s"), lib->easy_strerror (CURLE_FAILED_INIT));
      return;
    }
  mail_from = g_strdup_printf ("<%s>", d->from);
  rcpt = lib->slist_append (rcpt, d->to);
  lib->easy_setopt (curl, CURLOPT_URL, d->url);
  lib->easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  lib->easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, 20L);
  lib->easy_setopt (curl, CURLOPT_TIMEOUT, 60L);
  /* STARTTLS is required, never optional: without it the password
   * would cross the network in the clear. */
  lib->easy_setopt (curl, CURLOPT_USE_SSL, (long) CURLUSESSL_ALL);
  if (d->ca_file != NULL)
    lib->easy_setopt (curl, CURLOPT_CAINFO, d->ca_file);
  if (password != NULL)
    {
      lib->easy_setopt (curl, CURLOPT_USERNAME, d->user);
      lib->easy_setopt (curl, CURLOPT_PASSWORD, password);
    }
  lib->easy_setopt (curl, CURLOPT_MAIL_FROM, mail_from);
  lib->easy_setopt (curl, CURLOPT_MAIL_RCPT, rcpt);
  lib->easy_setopt (curl, CURLOPT_READFUNCTION, read_message);
  lib->easy_setopt (curl, CURLOPT_READDATA, d);
  lib->easy_setopt (curl, CURLOPT_UPLOAD, 1L);
  lib->easy_setopt (curl, CURLOPT_ERRORBUFFER, errbuf);
  lib->easy_setopt (curl, CURLOPT_DEBUGFUNCTION, debug_cb);
  lib->easy_setopt (curl, CURLOPT_DEBUGDATA, d);
  lib->easy_setopt (curl, CURLOPT_VERBOSE, 1L);
  code = lib->easy_perform (curl);
  lib->slist_free_all (rcpt);
  lib->easy_cleanup (curl);
  if (password != NULL)
    memset (password, 0, strlen (password));
  if (code != CURLE_OK)
    {
      g_task_return_error (task, error_for (d, code, *errbuf != '\0' ? errbuf : lib->easy_strerror (code)));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* An address as the SMTP envelope and the headers take it: no line
 * breaks, brackets or spaces that would let it write other headers. */
static gboolean
plain_address (const char *address)
{
  return strchr (address, '@') != NULL && strpbrk (address, "\r\n<>\" \t,;") == NULL;
}

void
lancer_email_send_async (LancerEmail         *self,
                         const LancerAlert   *alert,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *server = NULL;
  g_autofree char *security = NULL;
  Delivery *d;
  guint port;

  g_return_if_fail (LANCER_IS_EMAIL (self));
  g_return_if_fail (alert != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_email_send_async);
  server = g_strstrip (g_settings_get_string (self->settings, "alert-email-server"));
  security = g_settings_get_string (self->settings, "alert-email-security");
  port = g_settings_get_uint (self->settings, "alert-email-port");
  d = g_new0 (Delivery, 1);
  d->from = g_strstrip (g_settings_get_string (self->settings, "alert-email-from"));
  d->to = g_strstrip (g_settings_get_string (self->settings, "alert-email-to"));
  d->user = g_strstrip (g_settings_get_string (self->settings, "alert-email-user"));
  d->profile_id = g_strdup (self->profile_id);
  d->ca_file = g_strdup (self->ca_file);
  d->reply = g_string_new (NULL);
  g_task_set_task_data (task, d, (GDestroyNotify) delivery_free);
  if (*server == '\0' || *d->from == '\0' || *d->to == '\0' || strchr (server, '/') != NULL ||
      !plain_address (d->from) || !plain_address (d->to))
    {
      g_task_return_new_error (task, LANCER_EMAIL_ERROR, LANCER_EMAIL_ERROR_NOT_SET_UP,
                               _("Email alerts need a server, a sender and a recipient in Preferences → Alerts."));
      return;
    }
  d->starttls = g_strcmp0 (security, "tls") != 0;
  d->url = g_strdup_printf ("%s://%s:%u", d->starttls ? "smtp" : "smtps", server, port);
  d->message = lancer_email_build_message (d->from, d->to, alert);
  /* libcurl blocks: never on the main thread. */
  g_task_run_in_thread (task, send_thread);
}

gboolean
lancer_email_send_finish (LancerEmail   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
lancer_email_set_ca_file (LancerEmail *self,
                          const char  *path)
{
  g_return_if_fail (LANCER_IS_EMAIL (self));

  g_free (self->ca_file);
  self->ca_file = g_strdup (path);
}

static void
lancer_email_finalize (GObject *object)
{
  LancerEmail *self = LANCER_EMAIL (object);

  g_clear_object (&self->settings);
  g_free (self->profile_id);
  g_free (self->ca_file);

  G_OBJECT_CLASS (lancer_email_parent_class)->finalize (object);
}

static void
lancer_email_class_init (LancerEmailClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lancer_email_finalize;
}

static void
lancer_email_init (LancerEmail *self)
{
}

LancerEmail *
lancer_email_new (GSettings  *settings,
                  const char *profile_id)
{
  LancerEmail *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LANCER_TYPE_EMAIL, NULL);
  self->settings = g_object_ref (settings);
  self->profile_id = g_strdup (profile_id);
  return self;
}
