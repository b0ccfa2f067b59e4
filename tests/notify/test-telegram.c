/* test-telegram.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "lancer-secrets.h"
#include "lancer-http.h"
#include "lancer-telegram.h"
#include "lancer-test-util.h"

#define TOKEN "123456:TEST-token_abc"

/* A loopback stand-in for the Bot API. */
typedef struct
{
  SoupServer *server;
  char       *base_url;
  char       *profile_id;
  GPtrArray  *paths;      /* every request path */
  GPtrArray  *bodies;     /* sendMessage bodies */
  gboolean    no_updates;
  guint       too_many;   /* sendMessage answers 429 this many times */
  guint       retry_after;
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

  g_ptr_array_add (f->paths, g_strdup (path));
  if (!g_str_has_prefix (path, "/bot" TOKEN "/"))
    {
      reply (msg, 401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
      return;
    }
  if (g_str_has_suffix (path, "/getUpdates"))
    {
      if (f->no_updates)
        reply (msg, 200, "{\"ok\":true,\"result\":[]}");
      else
        reply (msg, 200,
               "{\"ok\":true,\"result\":["
               "{\"update_id\":1,\"message\":{\"message_id\":5,\"chat\":{\"id\":111,\"type\":\"private\",\"first_name\":\"Old\"},\"text\":\"hi\"}},"
               "{\"update_id\":2,\"message\":{\"message_id\":6,\"chat\":{\"id\":424242,\"type\":\"private\",\"first_name\":\"Olena\"},\"text\":\"/start\"}}"
               "]}");
      return;
    }
  if (g_str_has_suffix (path, "/sendMessage"))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *o;

      g_assert_true (json_parser_load_from_data (parser, body->data, body->length, NULL));
      o = json_node_get_object (json_parser_get_root (parser));
      g_ptr_array_add (f->bodies, g_strndup (body->data, body->length));
      if (f->too_many > 0)
        {
          g_autofree char *json = g_strdup_printf ("{\"ok\":false,\"error_code\":429,"
                                                   "\"description\":\"Too Many Requests: retry after %u\","
                                                   "\"parameters\":{\"retry_after\":%u}}",
                                                   f->retry_after, f->retry_after);
          f->too_many--;
          reply (msg, 429, json);
          return;
        }
      if (!g_str_equal (json_object_get_string_member (o, "chat_id"), "424242"))
        {
          reply (msg, 400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}");
          return;
        }
      reply (msg, 200, "{\"ok\":true,\"result\":{\"message_id\":7}}");
      return;
    }
  reply (msg, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *uri = NULL;

  f->paths = g_ptr_array_new_with_free_func (g_free);
  f->bodies = g_ptr_array_new_with_free_func (g_free);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, handler, f, NULL);
  g_assert_true (soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  uri = g_uri_to_string (uris->data);
  f->base_url = g_strndup (uri, strlen (uri) - (g_str_has_suffix (uri, "/") ? 1 : 0));
  g_assert_true (g_str_has_prefix (f->base_url, "http://127.0.0.1:"));
  g_setenv ("LANCER_TELEGRAM_API_URL", f->base_url, TRUE);
  f->profile_id = g_strdup_printf ("telegram-test-%u", g_random_int ());
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lancer_secrets_clear_profile_sync (f->profile_id, NULL, NULL);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->base_url, g_free);
  g_clear_pointer (&f->profile_id, g_free);
  g_clear_pointer (&f->paths, g_ptr_array_unref);
  g_clear_pointer (&f->bodies, g_ptr_array_unref);
  g_unsetenv ("LANCER_TELEGRAM_API_URL");
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

static void
set_token (Fixture    *f,
           const char *token)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lancer_secrets_store_sync (f->profile_id, LANCER_SECRET_TELEGRAM_BOT_TOKEN, token, NULL, &error));
  g_assert_no_error (error);
}

static void
test_format (void)
{
  g_autoptr(LancerAlert) alert = lancer_alert_new_job ("~01x", "C & GTK <expert> needed",
                                                       "Fixed $500 · 3 proposals",
                                                       "https://www.upwork.com/jobs/~01x?a=1&b=2", 88);
  g_autoptr(LancerAlert) redacted = lancer_alert_new_redacted (LANCER_ALERT_JOB, 3);
  g_autofree char *html = lancer_telegram_format_alert (alert);
  g_autofree char *locked = lancer_telegram_format_alert (redacted);

  g_assert_cmpstr (html, ==,
                   "<b>C &amp; GTK &lt;expert&gt; needed</b> · score 88\n"
                   "Fixed $500 · 3 proposals\n"
                   "<a href=\"https://www.upwork.com/jobs/~01x?a=1&amp;b=2\">Open on Upwork</a>");
  g_assert_cmpstr (locked, ==, "<b>3 new jobs match your searches</b>\nUnlock Lancer to see them.");
}

static void
test_detect_and_send (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LancerTelegram) telegram = lancer_telegram_new (f->profile_id);
  g_autoptr(GAsyncResult) detected = NULL;
  g_autoptr(GAsyncResult) sent = NULL;
  g_autoptr(GAsyncResult) tested = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *chat_id = NULL;
  g_autofree char *chat_name = NULL;
  g_autoptr(LancerAlert) alert = lancer_alert_new_job ("~01y", "Fix <b>bold</b> & more", "Hourly",
                                                       "https://www.upwork.com/jobs/~01y", NAN);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  set_token (f, TOKEN);
  g_assert_cmpstr (lancer_telegram_get_base_url (telegram), ==, f->base_url);
  lancer_telegram_detect_chat_async (telegram, NULL, store_result, &detected);
  chat_id = lancer_telegram_detect_chat_finish (telegram, wait_result (&detected), &chat_name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chat_id, ==, "424242");
  g_assert_cmpstr (chat_name, ==, "Olena");
  g_assert_cmpstr (g_ptr_array_index (f->paths, 0), ==, "/bot" TOKEN "/getUpdates");

  lancer_telegram_send_alert_async (telegram, chat_id, alert, NULL, store_result, &sent);
  g_assert_true (lancer_telegram_send_finish (telegram, wait_result (&sent), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->bodies->len, ==, 1);
  g_assert_true (json_parser_load_from_data (parser, g_ptr_array_index (f->bodies, 0), -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (o, "parse_mode"), ==, "HTML");
  g_assert_cmpstr (json_object_get_string_member (o, "chat_id"), ==, "424242");
  g_assert_cmpstr (json_object_get_string_member (o, "text"), ==,
                   "<b>Fix &lt;b&gt;bold&lt;/b&gt; &amp; more</b>\nHourly\n"
                   "<a href=\"https://www.upwork.com/jobs/~01y\">Open on Upwork</a>");

  lancer_telegram_send_test_async (telegram, chat_id, NULL, store_result, &tested);
  g_assert_true (lancer_telegram_send_finish (telegram, wait_result (&tested), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->bodies->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (f->bodies, 1), "Lancer is connected"));
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(LancerTelegram) telegram = lancer_telegram_new (f->profile_id);
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GAsyncResult) r4 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *chat_id = NULL;

  /* No token yet. */
  lancer_telegram_detect_chat_async (telegram, NULL, store_result, &r1);
  chat_id = lancer_telegram_detect_chat_finish (telegram, wait_result (&r1), NULL, &error);
  g_assert_error (error, LANCER_TELEGRAM_ERROR, LANCER_TELEGRAM_ERROR_NO_TOKEN);
  g_clear_error (&error);

  /* Wrong token: a clear message that never shows the token. */
  set_token (f, "999:wrong-token");
  lancer_telegram_detect_chat_async (telegram, NULL, store_result, &r2);
  chat_id = lancer_telegram_detect_chat_finish (telegram, wait_result (&r2), NULL, &error);
  g_assert_error (error, LANCER_TELEGRAM_ERROR, LANCER_TELEGRAM_ERROR_BAD_TOKEN);
  g_assert_nonnull (strstr (error->message, "BotFather"));
  g_assert_null (strstr (error->message, "wrong-token"));
  g_clear_error (&error);

  /* Nobody wrote to the bot yet. */
  set_token (f, TOKEN);
  f->no_updates = TRUE;
  lancer_telegram_detect_chat_async (telegram, NULL, store_result, &r3);
  chat_id = lancer_telegram_detect_chat_finish (telegram, wait_result (&r3), NULL, &error);
  g_assert_error (error, LANCER_TELEGRAM_ERROR, LANCER_TELEGRAM_ERROR_NO_CHAT);
  g_assert_nonnull (strstr (error->message, "/start"));
  g_clear_error (&error);

  /* Chat not found. */
  lancer_telegram_send_test_async (telegram, "31337", NULL, store_result, &r4);
  g_assert_false (lancer_telegram_send_finish (telegram, wait_result (&r4), &error));
  g_assert_error (error, LANCER_TELEGRAM_ERROR, LANCER_TELEGRAM_ERROR_CHAT_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "cannot find the chat"));
}

/* A burst of alerts: Telegram says how long to wait, and the message is
 * sent after that; if it keeps refusing, or wants too long a wait, the
 * error says so. */
static void
test_too_many_requests (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LancerTelegram) telegram = lancer_telegram_new (f->profile_id);
  g_autoptr(GError) error = NULL;
  gint64 start;

  g_assert_true (lancer_secrets_store_sync (f->profile_id, LANCER_SECRET_TELEGRAM_BOT_TOKEN, TOKEN, NULL, &error));

  f->too_many = 1;
  f->retry_after = 1;
  start = g_get_monotonic_time ();
  {
    g_autoptr(GAsyncResult) sent = NULL;

    lancer_telegram_send_test_async (telegram, "424242", NULL, store_result, &sent);
    g_assert_true (lancer_telegram_send_finish (telegram, wait_result (&sent), &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  g_assert_cmpuint (f->bodies->len, ==, 2);

  f->too_many = 10;
  {
    g_autoptr(GAsyncResult) sent = NULL;

    lancer_telegram_send_test_async (telegram, "424242", NULL, store_result, &sent);
    g_assert_false (lancer_telegram_send_finish (telegram, wait_result (&sent), &error));
    g_assert_error (error, LANCER_TELEGRAM_ERROR, LANCER_TELEGRAM_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, "fewer messages"));
    g_clear_error (&error);
  }
  g_assert_cmpuint (f->bodies->len, ==, 2 + 3);

  f->too_many = 1;
  f->retry_after = 3600;
  {
    g_autoptr(GAsyncResult) sent = NULL;

    lancer_telegram_send_test_async (telegram, "424242", NULL, store_result, &sent);
    g_assert_false (lancer_telegram_send_finish (telegram, wait_result (&sent), &error));
    g_assert_error (error, LANCER_TELEGRAM_ERROR, LANCER_TELEGRAM_ERROR_FAILED);
    g_clear_error (&error);
  }
  g_assert_cmpuint (f->bodies->len, ==, 2 + 3 + 1);
}

/* The bot token is part of every Telegram URL: never over plain http to
 * another machine. Refused before anything is sent. */
static void
test_plain_http_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LancerTelegram) telegram = NULL;
  g_autoptr(GAsyncResult) tested = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("LANCER_TELEGRAM_API_URL", "http://192.0.2.10", TRUE);
  telegram = lancer_telegram_new (f->profile_id);
  set_token (f, TOKEN);
  lancer_telegram_send_test_async (telegram, "424242", NULL, store_result, &tested);
  g_assert_false (lancer_telegram_send_finish (telegram, wait_result (&tested), &error));
  g_assert_error (error, LANCER_HTTP_ERROR, LANCER_HTTP_ERROR_INSECURE_URL);
  g_assert_cmpuint (f->paths->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/telegram/format", test_format);
  g_test_add ("/telegram/detect-chat-and-send", Fixture, NULL, fixture_setup, test_detect_and_send, fixture_teardown);
  g_test_add ("/telegram/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/telegram/too-many-requests", Fixture, NULL, fixture_setup, test_too_many_requests, fixture_teardown);
  g_test_add ("/telegram/plain-http-refused", Fixture, NULL, fixture_setup, test_plain_http_refused,
              fixture_teardown);
  return g_test_run ();
}
