/* test-http.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lancer-http.h"
#include "lancer-test-util.h"

static void
test_http_status_table (void)
{
  static const struct { guint status; gboolean retry; } table[] = {
    { 400, FALSE }, { 401, FALSE }, { 403, FALSE }, { 404, FALSE }, { 408, TRUE },
    { 409, TRUE }, { 413, FALSE }, { 422, FALSE }, { 429, TRUE }, { 500, TRUE },
    { 502, TRUE }, { 503, TRUE }, { 504, TRUE }, { 529, TRUE }, { 200, FALSE },
  };
  LancerHttpRetryPolicy policy;

  lancer_http_retry_policy_init (&policy);
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      guint delay = 0;

      g_assert_cmpint (lancer_http_status_is_retryable (table[i].status), ==, table[i].retry);
      g_assert_cmpint (lancer_http_should_retry (&policy, 0, table[i].status, NULL, FALSE, &delay),
                       ==, table[i].retry);
      if (table[i].retry)
        g_assert_cmpuint (delay, <=, 500);
    }
}

static void
test_http_should_retry (void)
{
  LancerHttpRetryPolicy policy;
  g_autoptr(SoupMessageHeaders) h = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  guint delay = 0;

  lancer_http_retry_policy_init (&policy);

  /* Permanent failures (insufficient_quota, spend limit) never retry. */
  g_assert_false (lancer_http_should_retry (&policy, 0, 429, NULL, TRUE, &delay));
  /* The retry budget runs out. */
  g_assert_true (lancer_http_should_retry (&policy, 1, 500, NULL, FALSE, &delay));
  g_assert_false (lancer_http_should_retry (&policy, 2, 500, NULL, FALSE, &delay));
  /* Transport errors (status 0) retry. */
  g_assert_true (lancer_http_should_retry (&policy, 0, 0, NULL, FALSE, &delay));

  /* retry-after wins over back-off. */
  soup_message_headers_replace (h, "retry-after", "1");
  g_assert_true (lancer_http_should_retry (&policy, 0, 429, h, FALSE, &delay));
  g_assert_cmpuint (delay, ==, 1000);
  soup_message_headers_replace (h, "retry-after-ms", "250");
  g_assert_true (lancer_http_should_retry (&policy, 0, 429, h, FALSE, &delay));
  g_assert_cmpuint (delay, ==, 250);
  soup_message_headers_remove (h, "retry-after-ms");

  /* x-should-retry overrides the status. */
  soup_message_headers_replace (h, "x-should-retry", "false");
  g_assert_false (lancer_http_should_retry (&policy, 0, 503, h, FALSE, &delay));
  soup_message_headers_replace (h, "x-should-retry", "true");
  g_assert_true (lancer_http_should_retry (&policy, 0, 400, h, FALSE, &delay));
  soup_message_headers_remove (h, "x-should-retry");

  /* Above the cap: OpenAI gives up, Anthropic backs off normally. */
  soup_message_headers_replace (h, "retry-after", "600");
  policy.retry_after_cap_ms = 120000;
  policy.give_up_above_cap = TRUE;
  g_assert_false (lancer_http_should_retry (&policy, 0, 429, h, FALSE, &delay));
  policy.retry_after_cap_ms = 60000;
  policy.give_up_above_cap = FALSE;
  g_assert_true (lancer_http_should_retry (&policy, 0, 429, h, FALSE, &delay));
  g_assert_cmpuint (delay, <=, 500);
}

static void
test_http_retry_after_parse (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 1, 12, 0, 0);

  g_assert_cmpint (lancer_http_parse_retry_after (NULL, "1", now), ==, 1000);
  g_assert_cmpint (lancer_http_parse_retry_after (NULL, "1.5", now), ==, 1500);
  g_assert_cmpint (lancer_http_parse_retry_after (NULL, " 2 ", now), ==, 2000);
  g_assert_cmpint (lancer_http_parse_retry_after ("1200", "5", now), ==, 1200);
  g_assert_cmpint (lancer_http_parse_retry_after (NULL, "Sun, 01 Mar 2026 12:00:30 GMT", now), ==, 30000);
  g_assert_cmpint (lancer_http_parse_retry_after (NULL, "Sun, 01 Mar 2026 11:00:00 GMT", now), ==, 0);
  g_assert_cmpint (lancer_http_parse_retry_after (NULL, "soon", now), ==, -1);
  g_assert_cmpint (lancer_http_parse_retry_after (NULL, "-3", now), ==, -1);
  g_assert_cmpint (lancer_http_parse_retry_after (NULL, NULL, now), ==, -1);
}

static void
test_http_backoff (void)
{
  LancerHttpRetryPolicy policy;

  lancer_http_retry_policy_init (&policy);
  g_assert_cmpuint (lancer_http_backoff_delay_ms (&policy, 0, 0.0), ==, 500);
  g_assert_cmpuint (lancer_http_backoff_delay_ms (&policy, 1, 0.0), ==, 1000);
  g_assert_cmpuint (lancer_http_backoff_delay_ms (&policy, 2, 0.0), ==, 2000);
  g_assert_cmpuint (lancer_http_backoff_delay_ms (&policy, 5, 0.0), ==, 8000);
  g_assert_cmpuint (lancer_http_backoff_delay_ms (&policy, 40, 0.0), ==, 8000);
  g_assert_cmpuint (lancer_http_backoff_delay_ms (&policy, 0, 1.0), ==, 375);
  for (guint i = 0; i < 100; i++)
    {
      guint d = lancer_http_backoff_delay_ms (&policy, 1, g_random_double ());
      g_assert_cmpuint (d, >=, 750);
      g_assert_cmpuint (d, <=, 1000);
    }
}

static void
test_http_loopback_rule (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lancer_http_check_url ("https://api.openai.com/v1", NULL));
  g_assert_true (lancer_http_check_url ("http://localhost:11434", NULL));
  g_assert_true (lancer_http_check_url ("http://127.0.0.1:8080/v1", NULL));
  g_assert_true (lancer_http_check_url ("http://[::1]:1234/v1", NULL));
  g_assert_true (lancer_http_check_url ("http://127.5.6.7:8080/", NULL));
  /* decided from the URL alone: a name under .localhost may resolve
   * anywhere (/etc/hosts, a resolver), so only "localhost" itself counts */
  g_assert_false (lancer_http_check_url ("http://api.localhost/", &error));
  g_assert_error (error, LANCER_HTTP_ERROR, LANCER_HTTP_ERROR_INSECURE_URL);
  g_clear_error (&error);
  g_assert_false (lancer_http_check_url ("http://192.168.1.5:11434", &error));
  g_assert_error (error, LANCER_HTTP_ERROR, LANCER_HTTP_ERROR_INSECURE_URL);
  g_clear_error (&error);
  g_assert_false (lancer_http_check_url ("http://localhost.evil.com/", &error));
  g_assert_error (error, LANCER_HTTP_ERROR, LANCER_HTTP_ERROR_INSECURE_URL);
  g_clear_error (&error);
  g_assert_false (lancer_http_check_url ("ftp://example.com", &error));
  g_assert_error (error, LANCER_HTTP_ERROR, LANCER_HTTP_ERROR_INVALID_URL);
  g_clear_error (&error);
  g_assert_false (lancer_http_check_url ("not a url", &error));
  g_assert_error (error, LANCER_HTTP_ERROR, LANCER_HTTP_ERROR_INVALID_URL);
  g_clear_error (&error);
  g_assert_false (lancer_http_check_url (NULL, &error));
  g_clear_error (&error);
}

static void
test_http_session (void)
{
  g_autoptr(SoupSession) local = lancer_http_session_new ("http://127.0.0.1:1/v1");
  g_autoptr(SoupSession) remote = lancer_http_session_new ("https://api.openai.com/v1");

  g_assert_null (soup_session_get_proxy_resolver (local));
  g_assert_cmpuint (soup_session_get_timeout (remote), >, 0);
  g_assert_cmpuint (soup_session_get_idle_timeout (remote), >, 0);
}

static void
test_http_watchdog (void)
{
  g_autoptr(GCancellable) c = g_cancellable_new ();
  g_autoptr(LancerHttpWatchdog) wd = lancer_http_watchdog_new (c, 100);
  gint64 start = g_get_monotonic_time ();

  /* Kicking keeps it quiet... */
  while (g_get_monotonic_time () - start < 250 * 1000)
    {
      lancer_http_watchdog_kick (wd);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
  g_assert_false (g_cancellable_is_cancelled (c));
  /* ...silence fires it. */
  g_assert_true (lancer_test_iterate_until ((LancerTestCondition) g_cancellable_is_cancelled, c, 5));
  g_assert_true (lancer_http_watchdog_has_fired (wd));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/net/http/status-table", test_http_status_table);
  g_test_add_func ("/net/http/should-retry", test_http_should_retry);
  g_test_add_func ("/net/http/retry-after", test_http_retry_after_parse);
  g_test_add_func ("/net/http/backoff", test_http_backoff);
  g_test_add_func ("/net/http/loopback-rule", test_http_loopback_rule);
  g_test_add_func ("/net/http/session", test_http_session);
  g_test_add_func ("/net/http/watchdog", test_http_watchdog);

  return g_test_run ();
}
