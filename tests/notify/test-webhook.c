/* test-webhook.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "lancer-test-util.h"
#include "lancer-webhook.h"

/* A loopback webhook receiver that can fail the first N requests. */
typedef struct
{
  SoupServer *server;
  char       *url;
  GSettings  *settings;
  GPtrArray  *bodies;
  GArray     *times;      /* gint64 monotonic µs of each request */
  guint       fail_first;
  guint       fail_status;
  guint       requests;
  guint       disabled;
} Fixture;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  gint64 now = g_get_monotonic_time ();

  f->requests++;
  g_array_append_val (f->times, now);
  g_assert_cmpstr (soup_server_message_get_method (msg), ==, "POST");
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL),
                   ==, "application/json");
  g_ptr_array_add (f->bodies, g_strndup (body->data, body->length));
  if (f->requests <= f->fail_first)
    soup_server_message_set_status (msg, f->fail_status, NULL);
  else
    soup_server_message_set_status (msg, 204, NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *base = NULL;
  g_autofree char *path = g_strdup_printf ("/io/github/lancerdesk/Lancer/profiles/webhook%u/", g_random_int ());

  f->bodies = g_ptr_array_new_with_free_func (g_free);
  f->times = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->fail_status = 500;
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, "/hook", handler, f, NULL);
  g_assert_true (soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  base = g_uri_to_string (uris->data);
  f->url = g_strconcat (base, g_str_has_suffix (base, "/") ? "hook" : "/hook", NULL);
  f->settings = g_settings_new_with_path ("io.github.lancerdesk.Lancer.Profile", path);
  g_settings_set_string (f->settings, "alert-webhook-url", f->url);
  g_settings_set_boolean (f->settings, "alert-webhook-enabled", TRUE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_object (&f->settings);
  g_clear_pointer (&f->url, g_free);
  g_clear_pointer (&f->bodies, g_ptr_array_unref);
  g_clear_pointer (&f->times, g_array_unref);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static LancerWebhook *
new_webhook (Fixture *f,
             guint    retries)
{
  LancerWebhook *webhook = lancer_webhook_new (f->settings);
  LancerHttpRetryPolicy policy;

  lancer_http_retry_policy_init (&policy);
  policy.max_retries = retries;
  policy.base_delay_ms = 40;
  policy.max_backoff_ms = 400;
  lancer_webhook_set_retry_policy (webhook, &policy);
  return webhook;
}

static gboolean
send_one (LancerWebhook  *webhook,
          LancerAlert    *alert,
          GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lancer_webhook_send_async (webhook, alert, NULL, store_result, &result);
  return lancer_webhook_send_finish (webhook, wait_result (&result), error);
}

static JsonObject *
parse (const char *json,
       JsonParser *parser)
{
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_formats (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(LancerWebhook) webhook = new_webhook (f, 0);
  g_autoptr(LancerAlert) alert = lancer_alert_new_job ("~01z", "Write <docs> & tests", "Fixed $300",
                                                       "https://www.upwork.com/jobs/~01z", 72);
  g_autoptr(LancerAlert) redacted = lancer_alert_new_redacted (LANCER_ALERT_JOB, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  g_autoptr(JsonParser) p3 = json_parser_new ();
  g_autoptr(JsonParser) p4 = json_parser_new ();
  JsonObject *o;
  JsonObject *embed;

  g_assert_true (send_one (webhook, alert, &error));
  g_assert_no_error (error);
  o = parse (g_ptr_array_index (f->bodies, 0), p1);
  g_assert_cmpstr (json_object_get_string_member (o, "event"), ==, "job");
  g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, "Write <docs> & tests");
  g_assert_cmpstr (json_object_get_string_member (o, "url"), ==, "https://www.upwork.com/jobs/~01z");
  g_assert_cmpstr (json_object_get_string_member (o, "job_id"), ==, "~01z");
  g_assert_cmpfloat (json_object_get_double_member (o, "score"), ==, 72);

  g_settings_set_string (f->settings, "alert-webhook-format", "slack");
  g_assert_true (send_one (webhook, alert, &error));
  o = parse (g_ptr_array_index (f->bodies, 1), p2);
  g_assert_cmpstr (json_object_get_string_member (o, "text"), ==,
                   "*Write &lt;docs&gt; &amp; tests*\nFixed $300\n<https://www.upwork.com/jobs/~01z|Open on Upwork>");

  g_settings_set_string (f->settings, "alert-webhook-format", "discord");
  g_assert_true (send_one (webhook, alert, &error));
  o = parse (g_ptr_array_index (f->bodies, 2), p3);
  embed = json_array_get_object_element (json_object_get_array_member (o, "embeds"), 0);
  g_assert_cmpstr (json_object_get_string_member (embed, "title"), ==, "Write <docs> & tests");
  g_assert_cmpstr (json_object_get_string_member (embed, "url"), ==, "https://www.upwork.com/jobs/~01z");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (o, "allowed_mentions"), "parse")), ==, 0);

  /* Locked: generic text, no link. */
  g_settings_set_string (f->settings, "alert-webhook-format", "generic");
  g_assert_true (send_one (webhook, redacted, &error));
  o = parse (g_ptr_array_index (f->bodies, 3), p4);
  g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, "2 new jobs match your searches");
  g_assert_true (json_object_get_null_member (o, "url"));
  g_assert_true (json_object_get_null_member (o, "job_id"));
  g_assert_true (json_object_get_boolean_member (o, "redacted"));
  g_assert_cmpuint (g_settings_get_uint (f->settings, "alert-webhook-failures"), ==, 0);
}

static void
test_retries (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(LancerWebhook) webhook = new_webhook (f, 3);
  g_autoptr(LancerAlert) alert = lancer_alert_new_jobs_summary (4);
  g_autoptr(GError) error = NULL;
  gint64 gap1, gap2;

  f->fail_first = 2;
  g_assert_true (send_one (webhook, alert, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->requests, ==, 3);
  /* Back-off: 40 ms then 80 ms (less up to 25 % jitter). */
  gap1 = g_array_index (f->times, gint64, 1) - g_array_index (f->times, gint64, 0);
  gap2 = g_array_index (f->times, gint64, 2) - g_array_index (f->times, gint64, 1);
  g_assert_cmpint (gap1, >=, 30 * 1000);
  g_assert_cmpint (gap2, >=, 60 * 1000);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "alert-webhook-failures"), ==, 0);

  /* A 4xx is not retried. */
  f->requests = 0;
  f->fail_first = 1;
  f->fail_status = 400;
  g_assert_false (send_one (webhook, alert, &error));
  g_assert_error (error, LANCER_WEBHOOK_ERROR, LANCER_WEBHOOK_ERROR_FAILED);
  g_assert_cmpuint (f->requests, ==, 1);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "alert-webhook-failures"), ==, 1);
}

static void
disabled_cb (LancerWebhook *webhook,
             Fixture       *f)
{
  f->disabled++;
}

static void
test_disabled_after_failures (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(LancerWebhook) webhook = new_webhook (f, 1);
  g_autoptr(LancerAlert) alert = lancer_alert_new_jobs_summary (1);
  g_autoptr(GError) error = NULL;

  g_signal_connect (webhook, "disabled", G_CALLBACK (disabled_cb), f);
  f->fail_first = G_MAXUINT;
  for (guint i = 0; i < LANCER_WEBHOOK_MAX_FAILURES; i++)
    {
      g_assert_true (lancer_webhook_get_enabled (webhook));
      g_assert_false (send_one (webhook, alert, &error));
      g_assert_error (error, LANCER_WEBHOOK_ERROR, LANCER_WEBHOOK_ERROR_FAILED);
      g_clear_error (&error);
    }
  /* Each delivery was tried twice (one retry). */
  g_assert_cmpuint (f->requests, ==, 2 * LANCER_WEBHOOK_MAX_FAILURES);
  g_assert_cmpuint (f->disabled, ==, 1);
  g_assert_false (lancer_webhook_get_enabled (webhook));
  g_assert_cmpuint (lancer_webhook_get_failures (webhook), ==, LANCER_WEBHOOK_MAX_FAILURES);

  g_assert_false (send_one (webhook, alert, &error));
  g_assert_error (error, LANCER_WEBHOOK_ERROR, LANCER_WEBHOOK_ERROR_DISABLED);
  g_assert_cmpuint (f->requests, ==, 2 * LANCER_WEBHOOK_MAX_FAILURES);
}

static void
test_https_only (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LancerWebhook) webhook = new_webhook (f, 0);
  g_autoptr(LancerAlert) alert = lancer_alert_new_jobs_summary (1);
  g_autoptr(GError) error = NULL;

  g_settings_set_string (f->settings, "alert-webhook-url", "http://hooks.example.com/x");
  g_assert_false (send_one (webhook, alert, &error));
  g_assert_error (error, LANCER_WEBHOOK_ERROR, LANCER_WEBHOOK_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "https://"));
  g_assert_cmpuint (f->requests, ==, 0);
}

/* What `lancer-cli alerts test webhook` posts: a notice that says it is a test. */
static void
test_test_alert (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LancerWebhook) webhook = new_webhook (f, 0);
  g_autoptr(LancerAlert) alert = lancer_alert_new_test ("webhook");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o;

  g_assert_true (send_one (webhook, alert, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->bodies->len, ==, 1);
  o = parse (g_ptr_array_index (f->bodies, 0), parser);
  g_assert_cmpstr (json_object_get_string_member (o, "event"), ==, "notice");
  g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, "Lancer test alert");
  g_assert_cmpstr (json_object_get_string_member (o, "body"), ==,
                   "This is a test. Job alerts will arrive like this one.");
  g_assert_true (json_object_get_null_member (o, "job_id"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/webhook/formats", Fixture, NULL, fixture_setup, test_formats, fixture_teardown);
  g_test_add ("/webhook/retries-with-backoff", Fixture, NULL, fixture_setup, test_retries, fixture_teardown);
  g_test_add ("/webhook/disabled-after-10-failures", Fixture, NULL, fixture_setup,
              test_disabled_after_failures, fixture_teardown);
  g_test_add ("/webhook/https-only", Fixture, NULL, fixture_setup, test_https_only, fixture_teardown);
  g_test_add ("/webhook/test-alert", Fixture, NULL, fixture_setup, test_test_alert, fixture_teardown);
  return g_test_run ();
}
