/* lancer-http.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-http"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lancer-http.h"

G_DEFINE_QUARK (lancer-http-error-quark, lancer_http_error)

/* The session-wide socket timeout is only a backstop: streams are guarded
 * by the watchdog, which knows about first-token and between-token waits. */
#define SESSION_IO_TIMEOUT_S    150
#define SESSION_IDLE_TIMEOUT_S  60

void
lancer_http_retry_policy_init (LancerHttpRetryPolicy *policy)
{
  g_return_if_fail (policy != NULL);

  policy->max_retries = 2;
  policy->base_delay_ms = 500;
  policy->max_backoff_ms = 8000;
  policy->retry_after_cap_ms = 60000;
  policy->give_up_above_cap = FALSE;
}

gboolean
lancer_http_status_is_retryable (guint status)
{
  return status == 408 || status == 409 || status == 429 || status >= 500;
}

gboolean
lancer_http_error_is_retryable (const GError *error)
{
  if (error == NULL)
    return FALSE;
  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_CANCELLED:
        case G_IO_ERROR_NOT_SUPPORTED:
        case G_IO_ERROR_INVALID_ARGUMENT:
          return FALSE;
        case G_IO_ERROR_CONNECTION_REFUSED:
        case G_IO_ERROR_CONNECTION_CLOSED:
        case G_IO_ERROR_TIMED_OUT:
        case G_IO_ERROR_HOST_UNREACHABLE:
        case G_IO_ERROR_NETWORK_UNREACHABLE:
        case G_IO_ERROR_PARTIAL_INPUT:
        default:
          return TRUE;
        }
    }
  if (error->domain == G_RESOLVER_ERROR)
    return error->code == G_RESOLVER_ERROR_TEMPORARY_FAILURE;
  if (error->domain == LANCER_HTTP_ERROR)
    return error->code == LANCER_HTTP_ERROR_TIMEOUT;
  if (error->domain == G_TLS_ERROR)
    return FALSE;
  return error->domain == SOUP_SESSION_ERROR &&
         error->code == SOUP_SESSION_ERROR_PARSING;
}

gint64
lancer_http_parse_retry_after (const char *retry_after_ms,
                               const char *retry_after,
                               GDateTime  *now)
{
  if (retry_after_ms != NULL && *retry_after_ms != '\0')
    {
      char *end = NULL;
      double v = g_ascii_strtod (retry_after_ms, &end);

      while (end != NULL && g_ascii_isspace (*end))
        end++;
      if (end != retry_after_ms && end != NULL && *end == '\0' && v >= 0 && v < 1e9)
        return (gint64) v;
    }

  if (retry_after != NULL && *retry_after != '\0')
    {
      char *end = NULL;
      double v = g_ascii_strtod (retry_after, &end);

      while (end != NULL && g_ascii_isspace (*end))
        end++;
      if (end != retry_after && end != NULL && *end == '\0')
        {
          if (v >= 0 && v < 1e7)
            return (gint64) (v * 1000.0);
          return -1;
        }
      else
        {
          g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (retry_after);
          g_autoptr(GDateTime) current = NULL;
          GTimeSpan diff;

          if (when == NULL)
            return -1;
          current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
          diff = g_date_time_difference (when, current);
          return diff > 0 ? diff / 1000 : 0;
        }
    }

  return -1;
}

gint64
lancer_http_headers_get_retry_after (SoupMessageHeaders *headers,
                                     GDateTime          *now)
{
  if (headers == NULL)
    return -1;
  return lancer_http_parse_retry_after (soup_message_headers_get_one (headers, "retry-after-ms"),
                                        soup_message_headers_get_one (headers, "retry-after"),
                                        now);
}

guint
lancer_http_backoff_delay_ms (const LancerHttpRetryPolicy *policy,
                              guint                        attempt,
                              double                       jitter)
{
  double delay;

  g_return_val_if_fail (policy != NULL, 0);

  jitter = CLAMP (jitter, 0.0, 1.0);
  delay = (double) policy->base_delay_ms * (double) (1u << MIN (attempt, 20u));
  delay = MIN (delay, (double) policy->max_backoff_ms);
  delay *= 1.0 - 0.25 * jitter;
  return (guint) delay;
}

gboolean
lancer_http_should_retry (const LancerHttpRetryPolicy *policy,
                          guint                        attempt,
                          guint                        status,
                          SoupMessageHeaders          *headers,
                          gboolean                     permanent,
                          guint                       *delay_ms)
{
  const char *should = NULL;
  gint64 asked;

  g_return_val_if_fail (policy != NULL, FALSE);

  if (delay_ms != NULL)
    *delay_ms = 0;
  if (attempt >= policy->max_retries || permanent)
    return FALSE;

  if (headers != NULL)
    should = soup_message_headers_get_one (headers, "x-should-retry");
  if (should != NULL && g_ascii_strcasecmp (should, "false") == 0)
    return FALSE;
  if (!(should != NULL && g_ascii_strcasecmp (should, "true") == 0) &&
      status != 0 && !lancer_http_status_is_retryable (status))
    return FALSE;

  asked = lancer_http_headers_get_retry_after (headers, NULL);
  if (asked > (gint64) policy->retry_after_cap_ms && policy->give_up_above_cap)
    return FALSE;
  if (delay_ms != NULL)
    {
      if (asked > 0 && asked <= (gint64) policy->retry_after_cap_ms)
        *delay_ms = (guint) asked;
      else
        *delay_ms = lancer_http_backoff_delay_ms (policy, attempt, g_random_double ());
    }
  return TRUE;
}

gboolean
lancer_http_host_is_loopback (const char *host)
{
  g_autofree char *bare = NULL;
  g_autoptr(GInetAddress) addr = NULL;
  gsize len;

  if (host == NULL || *host == '\0')
    return FALSE;

  len = strlen (host);
  if (host[0] == '[' && host[len - 1] == ']')
    bare = g_strndup (host + 1, len - 2);
  else
    bare = g_ascii_strdown (host, -1);

  if (g_str_equal (bare, "localhost"))
    return TRUE;

  addr = g_inet_address_new_from_string (bare);
  return addr != NULL && g_inet_address_get_is_loopback (addr);
}

gboolean
lancer_http_check_url (const char  *url,
                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || *url == '\0')
    {
      g_set_error (error, LANCER_HTTP_ERROR, LANCER_HTTP_ERROR_INVALID_URL,
                   _("No server address is set. Enter the server’s URL in Preferences."));
      return FALSE;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, LANCER_HTTP_ERROR, LANCER_HTTP_ERROR_INVALID_URL,
                   _("“%s” is not a valid server address. Use a URL such as https://api.example.com."),
                   url);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (lancer_http_host_is_loopback (g_uri_get_host (uri)))
        return TRUE;
      g_set_error (error, LANCER_HTTP_ERROR, LANCER_HTTP_ERROR_INSECURE_URL,
                   _("Refusing to send data over unencrypted http:// to “%s”. Use https://, or a server on this computer (localhost)."),
                   g_uri_get_host (uri));
      return FALSE;
    }

  g_set_error (error, LANCER_HTTP_ERROR, LANCER_HTTP_ERROR_INVALID_URL,
               _("“%s” is not a web address. Use a URL starting with https://."), url);
  return FALSE;
}

SoupSession *
lancer_http_session_new (const char *base_url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *ua = g_strdup_printf ("Lancer/%s", PACKAGE_VERSION);
  SoupSession *session;

  session = soup_session_new_with_options ("timeout", SESSION_IO_TIMEOUT_S,
                                           "idle-timeout", SESSION_IDLE_TIMEOUT_S,
                                           "user-agent", ua,
                                           NULL);
  if (base_url != NULL)
    uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL && lancer_http_host_is_loopback (g_uri_get_host (uri)))
    soup_session_set_proxy_resolver (session, NULL);
  return session;
}

void
lancer_http_message_set_resendable (SoupMessage *msg)
{
  g_return_if_fail (SOUP_IS_MESSAGE (msg));

  soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
}

/* Watchdog */

struct _LancerHttpWatchdog
{
  GSource      *source;
  GCancellable *cancellable;
  guint         timeout_ms;
  gboolean      fired;
};

static gboolean
watchdog_dispatch (GSource     *source,
                   GSourceFunc  callback,
                   gpointer     user_data)
{
  LancerHttpWatchdog *self = user_data;

  g_source_set_ready_time (source, -1);
  if (!self->fired)
    {
      self->fired = TRUE;
      g_debug ("watchdog fired after %u ms of silence", self->timeout_ms);
      g_cancellable_cancel (self->cancellable);
    }
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs watchdog_funcs = {
  .dispatch = watchdog_dispatch,
};

LancerHttpWatchdog *
lancer_http_watchdog_new (GCancellable *cancellable,
                          guint         timeout_ms)
{
  LancerHttpWatchdog *self;

  g_return_val_if_fail (G_IS_CANCELLABLE (cancellable), NULL);

  self = g_new0 (LancerHttpWatchdog, 1);
  self->cancellable = g_object_ref (cancellable);
  self->timeout_ms = timeout_ms;
  self->source = g_source_new (&watchdog_funcs, sizeof (GSource));
  g_source_set_callback (self->source, NULL, self, NULL);
  g_source_set_static_name (self->source, "[lancer-http-watchdog]");
  g_source_attach (self->source, g_main_context_get_thread_default ());
  lancer_http_watchdog_kick (self);
  return self;
}

void
lancer_http_watchdog_kick (LancerHttpWatchdog *self)
{
  g_return_if_fail (self != NULL);

  if (self->fired || self->source == NULL)
    return;
  if (self->timeout_ms == 0)
    g_source_set_ready_time (self->source, -1);
  else
    g_source_set_ready_time (self->source,
                             g_get_monotonic_time () + (gint64) self->timeout_ms * 1000);
}

void
lancer_http_watchdog_set_timeout (LancerHttpWatchdog *self,
                                  guint               timeout_ms)
{
  g_return_if_fail (self != NULL);

  self->timeout_ms = timeout_ms;
  lancer_http_watchdog_kick (self);
}

void
lancer_http_watchdog_stop (LancerHttpWatchdog *self)
{
  g_return_if_fail (self != NULL);

  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }
}

gboolean
lancer_http_watchdog_has_fired (LancerHttpWatchdog *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->fired;
}

void
lancer_http_watchdog_free (LancerHttpWatchdog *self)
{
  if (self == NULL)
    return;
  lancer_http_watchdog_stop (self);
  g_clear_object (&self->cancellable);
  g_free (self);
}
