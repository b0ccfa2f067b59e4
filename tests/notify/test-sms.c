/* test-sms.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SMS alerts against a loopback stand-in for Twilio's Messages API (its
 * real path, Basic auth, form fields and error shape) and for a generic
 * HTTP gateway; the daily cap. Tokens live in the real keyring.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "lancer-secrets.h"
#include "lancer-sms.h"
#include "lancer-test-util.h"

#define ACCOUNT_SID "AC2f1c6a8e3b9d4f7a0c5e8b1d3f6a9c2e"
#define AUTH_TOKEN "9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a"
#define GATEWAY_TOKEN "gw-live-7f3a9c"

typedef struct
{
  SoupServer *server;
  char       *base_url;
  GSettings  *settings;
  char       *profile_id;
  LancerSms  *sms;
  GPtrArray  *requests;      /* "path\nauthorization\ncontent-type\nbody" */
} Fixture;

static void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *text = g_strndup (body->data, body->length);

  g_ptr_array_add (f->requests, g_strdup_printf ("%s\n%s\n%s\n%s", path, authorization ? authorization : "",
                                                 soup_message_headers_get_content_type (headers, NULL), text));
  if (g_str_equal (path, "/2010-04-01/Accounts/" ACCOUNT_SID "/Messages.json"))
    {
      g_autoptr(GHashTable) form = soup_form_decode (text);
      const char *to = g_hash_table_lookup (form, "To");

      if (g_strcmp0 (to, "+15005550001") == 0)
        {
          /* Twilio's answer for an invalid number (error 21211). */
          reply (msg, 400, "{\"code\": 21211, \"message\": \"The 'To' number +15005550001 is not a valid "
                           "phone number.\", \"more_info\": \"https://www.twilio.com/docs/errors/21211\", "
                           "\"status\": 400}");
          return;
        }
      reply (msg, 201, "{\"sid\": \"SM1f0e8d3c2b5a4f6e9d7c1b0a3e5f7d9c\", \"status\": \"queued\", "
                       "\"to\": \"+380501234567\", \"from\": \"+15017122661\", \"num_segments\": \"1\"}");
      return;
    }
  if (g_str_equal (path, "/send"))
    {
      reply (msg, 200, "{\"ok\": true}");
      return;
    }
  reply (msg, 404, "{\"code\": 20404, \"message\": \"The requested resource was not found\", \"status\": 404}");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *path = g_strdup_printf ("/io/github/lancerdesk/Lancer/profiles/sms%u/", g_random_int ());

  f->requests = g_ptr_array_new_with_free_func (g_free);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, handler, f, NULL);
  g_assert_true (soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  uri = g_uri_to_string (uris->data);
  f->base_url = g_strndup (uri, strlen (uri) - (g_str_has_suffix (uri, "/") ? 1 : 0));
  g_setenv ("LANCER_TWILIO_API_URL", f->base_url, TRUE);
  f->profile_id = g_strdup_printf ("sms-test-%u", g_random_int ());
  f->settings = g_settings_new_with_path ("io.github.lancerdesk.Lancer.Profile", path);
  g_settings_set_string (f->settings, "alert-sms-to", "+380501234567");
  g_settings_set_string (f->settings, "alert-sms-from", "+15017122661");
  g_settings_set_string (f->settings, "alert-sms-twilio-account", ACCOUNT_SID);
  f->sms = lancer_sms_new (f->settings, f->profile_id);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lancer_secrets_clear_profile_sync (f->profile_id, NULL, NULL);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_object (&f->sms);
  g_clear_object (&f->settings);
  g_clear_pointer (&f->requests, g_ptr_array_unref);
  g_free (f->base_url);
  g_free (f->profile_id);
  g_unsetenv ("LANCER_TWILIO_API_URL");
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
send_alert (Fixture            *f,
            const LancerAlert  *alert,
            GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lancer_sms_send_async (f->sms, alert, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return lancer_sms_send_finish (f->sms, result, error);
}

static LancerAlert *
job_alert (void)
{
  return lancer_alert_new_job ("~01a9b8c7d6e5f4a3b2", "Fix a GTK 4 list view in a C app",
                               "Hourly $40–$60 · 2 proposals · Canada · score 88",
                               "https://www.upwork.com/jobs/~01a9b8c7d6e5f4a3b2", 88);
}

static void
set_secret (Fixture    *f,
            const char *name,
            const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lancer_secrets_store_sync (f->profile_id, name, value, NULL, &error));
  g_assert_no_error (error);
}

static void
test_twilio (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(LancerAlert) alert = job_alert ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autofree char *basic = g_base64_encode ((const guchar *) ACCOUNT_SID ":" AUTH_TOKEN,
                                            strlen (ACCOUNT_SID ":" AUTH_TOKEN));
  g_autofree char *authorization = g_strconcat ("Basic ", basic, NULL);

  set_secret (f, LANCER_SECRET_TWILIO_AUTH_TOKEN, AUTH_TOKEN);
  g_assert_true (send_alert (f, alert, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->requests->len, ==, 1);
  parts = g_strsplit (g_ptr_array_index (f->requests, 0), "\n", 4);
  g_assert_cmpstr (parts[1], ==, authorization);
  g_assert_cmpstr (parts[2], ==, "application/x-www-form-urlencoded");
  form = soup_form_decode (parts[3]);
  g_assert_cmpstr (g_hash_table_lookup (form, "To"), ==, "+380501234567");
  g_assert_cmpstr (g_hash_table_lookup (form, "From"), ==, "+15017122661");
  g_assert_cmpstr (g_hash_table_lookup (form, "Body"), ==,
                   "Fix a GTK 4 list view in a C app\nHourly $40–$60 · 2 proposals · Canada · score 88\n"
                   "https://www.upwork.com/jobs/~01a9b8c7d6e5f4a3b2");
  g_assert_cmpuint (lancer_sms_get_sent_today (f->settings), ==, 1);
}

static void
test_twilio_error (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LancerAlert) alert = job_alert ();
  g_autoptr(GError) error = NULL;

  set_secret (f, LANCER_SECRET_TWILIO_AUTH_TOKEN, AUTH_TOKEN);
  g_settings_set_string (f->settings, "alert-sms-to", "+15005550001");
  g_assert_false (send_alert (f, alert, &error));
  g_assert_error (error, LANCER_SMS_ERROR, LANCER_SMS_ERROR_REJECTED);
  /* Twilio's own words reach the user. */
  g_assert_nonnull (strstr (error->message, "HTTP 400"));
  g_assert_nonnull (strstr (error->message, "is not a valid phone number"));
  /* A failed SMS does not count towards the cap. */
  g_assert_cmpuint (lancer_sms_get_sent_today (f->settings), ==, 0);
}

static void
test_twilio_no_token (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LancerAlert) alert = job_alert ();
  g_autoptr(GError) error = NULL;

  g_assert_false (send_alert (f, alert, &error));
  g_assert_error (error, LANCER_SMS_ERROR, LANCER_SMS_ERROR_NO_TOKEN);
  g_assert_cmpuint (f->requests->len, ==, 0);
}

static void
test_gateway (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(LancerAlert) alert = lancer_alert_new_job ("~01q", "Say \"hi\" to the client", "Fixed $200", NULL, NAN);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *url = g_strconcat (f->base_url, "/send", NULL);
  g_auto(GStrv) parts = NULL;
  JsonObject *body;

  set_secret (f, LANCER_SECRET_SMS_GATEWAY_TOKEN, GATEWAY_TOKEN);
  g_settings_set_string (f->settings, "alert-sms-provider", "gateway");
  g_settings_set_string (f->settings, "alert-sms-gateway-url", url);
  g_settings_set_string (f->settings, "alert-sms-gateway-body",
                         "{\"phone\": \"{to}\", \"message\": \"{text}\", \"sender\": \"Lancer\"}");
  g_assert_true (send_alert (f, alert, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->requests->len, ==, 1);
  parts = g_strsplit (g_ptr_array_index (f->requests, 0), "\n", 4);
  g_assert_cmpstr (parts[0], ==, "/send");
  g_assert_cmpstr (parts[1], ==, "Bearer " GATEWAY_TOKEN);
  g_assert_cmpstr (parts[2], ==, "application/json");
  /* The text is JSON-escaped: quotes and the line break survive. */
  g_assert_true (json_parser_load_from_data (parser, parts[3], -1, NULL));
  body = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (body, "phone"), ==, "+380501234567");
  g_assert_cmpstr (json_object_get_string_member (body, "message"), ==, "Say \"hi\" to the client\nFixed $200");
}

static void
test_gateway_refuses_plain_http (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(LancerAlert) alert = job_alert ();
  g_autoptr(GError) error = NULL;

  g_settings_set_string (f->settings, "alert-sms-provider", "gateway");
  g_settings_set_string (f->settings, "alert-sms-gateway-url", "http://sms.example.com/send");
  g_assert_false (send_alert (f, alert, &error));
  g_assert_error (error, LANCER_SMS_ERROR, LANCER_SMS_ERROR_NOT_SET_UP);
  g_assert_cmpuint (f->requests->len, ==, 0);
}

static void
test_daily_cap (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LancerAlert) alert = job_alert ();
  g_autoptr(GError) error = NULL;

  set_secret (f, LANCER_SECRET_TWILIO_AUTH_TOKEN, AUTH_TOKEN);
  g_settings_set_uint (f->settings, "alert-sms-daily-cap", 2);
  g_assert_true (send_alert (f, alert, NULL));
  g_assert_true (send_alert (f, alert, NULL));
  g_assert_false (send_alert (f, alert, &error));
  g_assert_error (error, LANCER_SMS_ERROR, LANCER_SMS_ERROR_CAP);
  g_assert_nonnull (strstr (error->message, "cap (2 messages)"));
  /* The third never reached the provider. */
  g_assert_cmpuint (f->requests->len, ==, 2);
  g_assert_cmpuint (lancer_sms_get_sent_today (f->settings), ==, 2);
  /* Yesterday's count is not today's. */
  g_settings_set (f->settings, "alert-sms-sent-today", "(su)", "2020-01-01", 2);
  g_assert_cmpuint (lancer_sms_get_sent_today (f->settings), ==, 0);
}

static void
test_long_text (void)
{
  g_autofree char *title = g_strnfill (400, 'x');
  g_autoptr(LancerAlert) alert = lancer_alert_new_job ("~01l", title, "", NULL, NAN);
  g_autofree char *text = lancer_sms_format_alert (alert);

  g_assert_cmpint (g_utf8_strlen (text, -1), ==, LANCER_SMS_MAX_CHARS);
  g_assert_true (g_str_has_suffix (text, "…"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;

  g_test_init (&argc, &argv, NULL);
  tmp = lancer_test_isolate_xdg ();

  g_test_add ("/sms/twilio", Fixture, NULL, fixture_setup, test_twilio, fixture_teardown);
  g_test_add ("/sms/twilio-error", Fixture, NULL, fixture_setup, test_twilio_error, fixture_teardown);
  g_test_add ("/sms/twilio-no-token", Fixture, NULL, fixture_setup, test_twilio_no_token, fixture_teardown);
  g_test_add ("/sms/gateway", Fixture, NULL, fixture_setup, test_gateway, fixture_teardown);
  g_test_add ("/sms/gateway-refuses-plain-http", Fixture, NULL, fixture_setup, test_gateway_refuses_plain_http,
              fixture_teardown);
  g_test_add ("/sms/daily-cap", Fixture, NULL, fixture_setup, test_daily_cap, fixture_teardown);
  g_test_add_func ("/sms/long-text", test_long_text);
  return g_test_run ();
}
