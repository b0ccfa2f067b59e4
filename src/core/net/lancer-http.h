/* lancer-http.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define LANCER_HTTP_ERROR (lancer_http_error_quark ())

typedef enum
{
  LANCER_HTTP_ERROR_INVALID_URL,
  LANCER_HTTP_ERROR_INSECURE_URL,   /* plain http:// to a host that is not loopback */
  LANCER_HTTP_ERROR_TIMEOUT,        /* the inactivity watchdog fired */
} LancerHttpError;

GQuark lancer_http_error_quark (void);

/* Retry policy shared by the AI providers and the Upwork client. It copies
 * what the official OpenAI and Anthropic SDKs do (see ai-apis.md §5). */
typedef struct
{
  guint    max_retries;         /* retries after the first attempt; default 2 */
  guint    base_delay_ms;       /* first back-off step; default 500 */
  guint    max_backoff_ms;      /* back-off ceiling; default 8000 */
  guint    retry_after_cap_ms;  /* largest server-asked delay honoured; default 60000 */
  gboolean give_up_above_cap;   /* OpenAI: no retry at all when retry-after > cap */
} LancerHttpRetryPolicy;

void      lancer_http_retry_policy_init          (LancerHttpRetryPolicy       *policy);

/* TRUE for 408, 409, 429 and every status >= 500 (Anthropic 529 included). */
gboolean  lancer_http_status_is_retryable        (guint                        status);
/* TRUE for transport errors worth another try (refused, reset, timed out, DNS). */
gboolean  lancer_http_error_is_retryable         (const GError                *error);

/* Parses `retry-after-ms` (milliseconds) first, then `retry-after` (seconds,
 * fractions allowed, or an HTTP-date relative to @now). Returns milliseconds
 * or -1 when absent or unparsable. @now may be NULL for "now". */
gint64    lancer_http_parse_retry_after          (const char                  *retry_after_ms,
                                                  const char                  *retry_after,
                                                  GDateTime                   *now);
gint64    lancer_http_headers_get_retry_after    (SoupMessageHeaders          *headers,
                                                  GDateTime                   *now);

/* min(base * 2^attempt, max) * (1 - 0.25 * jitter), jitter in [0, 1). */
guint     lancer_http_backoff_delay_ms           (const LancerHttpRetryPolicy *policy,
                                                  guint                        attempt,
                                                  double                       jitter);

/* Decides whether the request that got @status (0 for a transport error) may
 * be sent again. @attempt counts retries already made. @permanent marks a
 * failure the body says will not clear by waiting (insufficient_quota, spend
 * limit). Honours `x-should-retry`. On TRUE, *@delay_ms is the wait. */
gboolean  lancer_http_should_retry               (const LancerHttpRetryPolicy *policy,
                                                  guint                        attempt,
                                                  guint                        status,
                                                  SoupMessageHeaders          *headers,
                                                  gboolean                     permanent,
                                                  guint                       *delay_ms);

/* TRUE when @host is localhost, *.localhost or a loopback address. */
gboolean  lancer_http_host_is_loopback           (const char                  *host);
/* https:// always; http:// only for loopback hosts. */
gboolean  lancer_http_check_url                  (const char                  *url,
                                                  GError                     **error);

/* A session with an I/O timeout, pooled-connection idle timeout and, when
 * @base_url points at a loopback host, no proxy resolver (a system proxy
 * must never see loopback traffic). */
SoupSession *lancer_http_session_new             (const char                  *base_url);

/* Lets @msg, a POST that reads (a GraphQL query, not a mutation that
 * spends or sends something), go over a kept-alive connection. libsoup
 * opens a new connection for every POST unless told it is safe to send
 * again should a reused connection turn out closed; without this, each
 * request costs a connection (and over TLS a handshake). */
void         lancer_http_message_set_resendable  (SoupMessage                 *msg);

/* Inactivity watchdog: cancels @cancellable when lancer_http_watchdog_kick()
 * was not called for @timeout_ms. Runs on the thread-default main context. */
typedef struct _LancerHttpWatchdog LancerHttpWatchdog;

LancerHttpWatchdog *lancer_http_watchdog_new         (GCancellable        *cancellable,
                                                      guint                timeout_ms);
void                lancer_http_watchdog_kick        (LancerHttpWatchdog  *watchdog);
void                lancer_http_watchdog_set_timeout (LancerHttpWatchdog  *watchdog,
                                                      guint                timeout_ms);
void                lancer_http_watchdog_stop        (LancerHttpWatchdog  *watchdog);
gboolean            lancer_http_watchdog_has_fired   (LancerHttpWatchdog  *watchdog);
void                lancer_http_watchdog_free        (LancerHttpWatchdog  *watchdog);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerHttpWatchdog, lancer_http_watchdog_free)

G_END_DECLS
