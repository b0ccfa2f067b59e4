/* test-ai-providers.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Replays the test vectors (a)-(m) of ai-apis.md against every provider
 * through the sandbox AI on a loopback SoupServer.
 */
#include "config.h"

#include <string.h>

#include "lancer-ai-anthropic.h"
#include "lancer-ai-local.h"
#include "lancer-ai-openai.h"
#include "lancer-sandbox-ai.h"
#include "lancer-test-util.h"

#define KEY "sk-test-0000"
#define PROMPT "Build a GTK4 invoice app in C with PDF export and café-style receipts 💼"

typedef enum { KIND_OPENAI, KIND_ANTHROPIC, KIND_OLLAMA } Kind;

typedef struct
{
  SoupServer       *server;
  LancerSandboxAi  *ai;
  char             *root;     /* http://127.0.0.1:PORT */
  LancerAiProvider *provider;
  Kind              kind;
  guint             n_finished;
  LancerAiUsage    *last_usage;
} Fixture;

typedef struct
{
  GString        *deltas;
  LancerAiResult *result;
  LancerAiResult *partial;
  GError         *error;
  gboolean        done;
  GCancellable   *cancel_after_first;
  gint64          cancelled_at;
  gint64          finished_at;
} Run;

static void
call_finished_cb (LancerAiProvider *provider,
                  LancerAiUsage    *usage,
                  Fixture          *f)
{
  f->n_finished++;
  g_clear_pointer (&f->last_usage, lancer_ai_usage_free);
  f->last_usage = lancer_ai_usage_copy (usage);
}

static LancerAiProvider *
make_provider (Fixture *f,
               Kind     kind,
               const char *key)
{
  g_autofree char *v1 = g_strconcat (f->root, "/v1", NULL);

  switch (kind)
    {
    case KIND_OPENAI:
      return LANCER_AI_PROVIDER (lancer_ai_openai_new (v1, key));
    case KIND_ANTHROPIC:
      return LANCER_AI_PROVIDER (lancer_ai_anthropic_new (f->root, key));
    case KIND_OLLAMA:
    default:
      return LANCER_AI_PROVIDER (lancer_ai_local_new (LANCER_AI_LOCAL_OLLAMA, f->root, key));
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->kind = GPOINTER_TO_INT (data);
  f->server = soup_server_new (NULL, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->root = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  f->ai = lancer_sandbox_ai_new ();
  lancer_sandbox_ai_set_api_key (f->ai, KEY);
  lancer_sandbox_ai_attach (f->ai, f->server);

  f->provider = make_provider (f, f->kind, KEY);
  g_signal_connect (f->provider, "call-finished", G_CALLBACK (call_finished_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->provider);
  soup_server_disconnect (f->server);
  g_clear_object (&f->ai);
  g_clear_object (&f->server);
  g_clear_pointer (&f->last_usage, lancer_ai_usage_free);
  g_free (f->root);
  /* Let pending sources of the torn-down objects run out. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
delta_cb (const char *delta,
          gsize       len,
          gpointer    user_data)
{
  Run *run = user_data;

  g_assert_true (g_utf8_validate (delta, len, NULL));
  g_string_append_len (run->deltas, delta, len);
  if (run->cancel_after_first != NULL && run->cancelled_at == 0)
    {
      run->cancelled_at = g_get_monotonic_time ();
      g_cancellable_cancel (run->cancel_after_first);
    }
}

static void
stream_done_cb (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  Run *run = user_data;

  run->result = lancer_ai_provider_stream_chat_finish (LANCER_AI_PROVIDER (object), res, &run->error);
  run->partial = lancer_ai_provider_dup_partial_result (res);
  run->finished_at = g_get_monotonic_time ();
  run->done = TRUE;
}

static void
json_done_cb (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  Run *run = user_data;

  run->result = lancer_ai_provider_complete_json_finish (LANCER_AI_PROVIDER (object), res, &run->error);
  run->partial = lancer_ai_provider_dup_partial_result (res);
  run->done = TRUE;
}

static void
run_clear (Run *run)
{
  if (run->deltas)
    g_string_free (run->deltas, TRUE);
  g_clear_pointer (&run->result, lancer_ai_result_free);
  g_clear_pointer (&run->partial, lancer_ai_result_free);
  g_clear_error (&run->error);
  g_clear_object (&run->cancel_after_first);
  memset (run, 0, sizeof *run);
}

static LancerAiRequest *
make_request (Kind kind)
{
  LancerAiRequest *req = lancer_ai_request_new (kind == KIND_ANTHROPIC ? "claude-haiku-4-5" : "gpt-4.1-mini",
                                                "test");
  lancer_ai_request_set_system (req, "You write concise freelance proposals.");
  lancer_ai_request_add_message (req, "user", PROMPT);
  req->max_tokens = 400;
  req->temperature = 0.7;
  return req;
}

static void
stream (Fixture      *f,
        Run          *run,
        GCancellable *cancellable)
{
  g_autoptr(LancerAiRequest) req = make_request (f->kind);

  run->deltas = g_string_new (NULL);
  lancer_ai_provider_stream_chat_async (f->provider, req, delta_cb, run, NULL, cancellable,
                                        stream_done_cb, run);
  g_assert_true (lancer_test_wait_flag (&run->done, 20));
}

static void
assert_full_text (Fixture *f,
                  Run     *run)
{
  g_autofree char *expected = lancer_sandbox_ai_compose_reply (PROMPT);

  g_assert_no_error (run->error);
  g_assert_nonnull (run->result);
  g_assert_cmpstr (run->result->text, ==, expected);
  g_assert_cmpstr (run->deltas->str, ==, expected);
  g_assert_false (run->result->partial);
  g_assert_nonnull (run->result->stop_reason);
  g_assert_cmpint (run->result->usage->input_tokens, >, 0);
  g_assert_cmpint (run->result->usage->output_tokens, >, 0);
  g_assert_cmpint (run->result->usage->ttft_ms, >=, 0);
  g_assert_cmpint (run->result->usage->latency_ms, >=, run->result->usage->ttft_ms);
  g_assert_nonnull (run->result->usage->request_id);
  g_assert_cmpstr (run->result->usage->purpose, ==, "test");
  g_assert_cmpuint (f->n_finished, ==, 1);
  g_assert_null (f->last_usage->error_code);
  if (f->kind == KIND_OLLAMA)
    g_assert_cmpfloat (run->result->usage->cost_usd, ==, 0.0);
  else
    {
      g_assert_true (run->result->usage->cost_known);
      g_assert_cmpfloat (run->result->usage->cost_usd, >, 0.0);
    }
}

static void
check_framing (Fixture                *f,
               LancerSandboxAiSplit    split,
               LancerSandboxAiNewline  newline,
               gboolean                comments,
               gboolean                multiline)
{
  Run run = { 0 };

  lancer_sandbox_ai_set_framing (f->ai, split, newline, comments, multiline);
  stream (f, &run, NULL);
  assert_full_text (f, &run);
  run_clear (&run);
}

/* (a) one event per write */
static void
test_vector_a (Fixture *f, gconstpointer d)
{
  check_framing (f, LANCER_SANDBOX_AI_SPLIT_EVENTS, LANCER_SANDBOX_AI_NEWLINE_LF, FALSE, FALSE);
}

/* (b) 1-byte writes */
static void
test_vector_b (Fixture *f, gconstpointer d)
{
  check_framing (f, LANCER_SANDBOX_AI_SPLIT_BYTES, LANCER_SANDBOX_AI_NEWLINE_LF, FALSE, FALSE);
}

/* (c) splits inside data: and inside UTF-8 characters */
static void
test_vector_c (Fixture *f, gconstpointer d)
{
  check_framing (f, LANCER_SANDBOX_AI_SPLIT_ODD, LANCER_SANDBOX_AI_NEWLINE_LF, FALSE, FALSE);
}

/* (d) CRLF everywhere */
static void
test_vector_d (Fixture *f, gconstpointer d)
{
  check_framing (f, LANCER_SANDBOX_AI_SPLIT_ODD, LANCER_SANDBOX_AI_NEWLINE_CRLF, FALSE, FALSE);
}

/* (e) lone CR */
static void
test_vector_e (Fixture *f, gconstpointer d)
{
  check_framing (f, LANCER_SANDBOX_AI_SPLIT_BYTES, LANCER_SANDBOX_AI_NEWLINE_CR, FALSE, FALSE);
}

/* (f) keep-alive comments and pings interleaved */
static void
test_vector_f (Fixture *f, gconstpointer d)
{
  check_framing (f, LANCER_SANDBOX_AI_SPLIT_ODD, LANCER_SANDBOX_AI_NEWLINE_CRLF, TRUE, FALSE);
}

/* (g) one event over two data: lines */
static void
test_vector_g (Fixture *f, gconstpointer d)
{
  check_framing (f, LANCER_SANDBOX_AI_SPLIT_ODD, LANCER_SANDBOX_AI_NEWLINE_LF, TRUE, TRUE);
}

/* (h) EOF before the end marker: partial result */
static void
test_vector_h (Fixture *f, gconstpointer d)
{
  g_autofree char *expected = lancer_sandbox_ai_compose_reply (PROMPT);
  Run run = { 0 };

  lancer_sandbox_ai_set_fault (f->ai, LANCER_SANDBOX_AI_FAULT_EOF_MID_STREAM, 1);
  stream (f, &run, NULL);
  g_assert_no_error (run.error);
  g_assert_true (run.result->partial);
  g_assert_cmpuint (strlen (run.result->text), >, 0);
  g_assert_true (g_str_has_prefix (expected, run.result->text));
  g_assert_cmpstr (run.result->text, ==, run.deltas->str);
  g_assert_true (f->last_usage->partial);
  run_clear (&run);
}

/* (i) 200, then an error inside the stream */
static void
test_vector_i (Fixture *f, gconstpointer d)
{
  Run run = { 0 };

  lancer_sandbox_ai_set_fault (f->ai, LANCER_SANDBOX_AI_FAULT_ERROR_MID_STREAM, 1);
  stream (f, &run, NULL);
  g_assert_null (run.result);
  g_assert_nonnull (run.error);
  g_assert_true (run.error->domain == LANCER_AI_ERROR);
  if (f->kind == KIND_ANTHROPIC)
    g_assert_error (run.error, LANCER_AI_ERROR, LANCER_AI_ERROR_OVERLOADED);
  else
    g_assert_error (run.error, LANCER_AI_ERROR, LANCER_AI_ERROR_SERVER);
  g_assert_nonnull (run.partial);
  g_assert_true (run.partial->partial);
  g_assert_cmpstr (run.partial->text, ==, run.deltas->str);
  g_assert_cmpuint (lancer_sandbox_ai_get_n_requests (f->ai), ==, 1);
  run_clear (&run);
}

/* (j) 429 with retry-after: 1, then 200 */
static void
test_vector_j (Fixture *f, gconstpointer d)
{
  Run run = { 0 };
  gint64 start = g_get_monotonic_time ();

  lancer_sandbox_ai_set_fault (f->ai, LANCER_SANDBOX_AI_FAULT_RATE_LIMIT, 1);
  lancer_sandbox_ai_set_retry_after (f->ai, 1);
  stream (f, &run, NULL);
  assert_full_text (f, &run);
  g_assert_cmpuint (lancer_sandbox_ai_get_n_requests (f->ai), ==, 2);
  g_assert_cmpuint (run.result->usage->retries, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 900 * 1000);
  run_clear (&run);
}

/* (k) 429 insufficient_quota / spend limit: not retried */
static void
test_vector_k (Fixture *f, gconstpointer d)
{
  Run run = { 0 };

  lancer_sandbox_ai_set_fault (f->ai, LANCER_SANDBOX_AI_FAULT_QUOTA, 0);
  stream (f, &run, NULL);
  g_assert_error (run.error, LANCER_AI_ERROR, LANCER_AI_ERROR_QUOTA);
  g_assert_cmpuint (lancer_sandbox_ai_get_n_requests (f->ai), ==, 1);
  g_assert_cmpstr (f->last_usage->error_code, ==, "quota");
  run_clear (&run);
}

/* (l) 529 overloaded: retried, then a clear error */
static void
test_vector_l (Fixture *f, gconstpointer d)
{
  Run run = { 0 };

  lancer_ai_provider_set_max_retries (f->provider, 1);
  lancer_sandbox_ai_set_fault (f->ai, LANCER_SANDBOX_AI_FAULT_OVERLOADED, 0);
  stream (f, &run, NULL);
  g_assert_error (run.error, LANCER_AI_ERROR, LANCER_AI_ERROR_OVERLOADED);
  g_assert_cmpuint (lancer_sandbox_ai_get_n_requests (f->ai), ==, 2);
  run_clear (&run);

  /* Overloaded once, then fine: the retry recovers. */
  lancer_sandbox_ai_set_fault (f->ai, LANCER_SANDBOX_AI_FAULT_OVERLOADED, 1);
  f->n_finished = 0;
  stream (f, &run, NULL);
  assert_full_text (f, &run);
  run_clear (&run);
}

/* (m) silence: the watchdog fires (shortened from 30 s) */
static void
test_vector_m (Fixture *f, gconstpointer d)
{
  Run run = { 0 };

  lancer_ai_provider_set_timeouts (f->provider, 2000, 300);
  lancer_sandbox_ai_set_fault (f->ai, LANCER_SANDBOX_AI_FAULT_STALL, 1);
  stream (f, &run, NULL);
  g_assert_error (run.error, LANCER_AI_ERROR, LANCER_AI_ERROR_TIMEOUT);
  g_assert_nonnull (run.partial);
  g_assert_cmpuint (strlen (run.partial->text), >, 0);
  g_assert_cmpstr (run.partial->text, ==, run.deltas->str);
  g_assert_cmpstr (f->last_usage->error_code, ==, "timeout");
  run_clear (&run);
}

static void
test_cancel (Fixture *f, gconstpointer d)
{
  g_autofree char *expected = lancer_sandbox_ai_compose_reply (PROMPT);
  Run run = { 0 };

  lancer_sandbox_ai_set_fault (f->ai, LANCER_SANDBOX_AI_FAULT_SLOW, 1);
  lancer_sandbox_ai_set_slow_delay (f->ai, 100);
  run.cancel_after_first = g_cancellable_new ();
  stream (f, &run, run.cancel_after_first);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Stopped at once: well before the next write would have come. */
  g_assert_cmpint (run.finished_at - run.cancelled_at, <, 90 * 1000);
  g_assert_nonnull (run.partial);
  g_assert_true (run.partial->partial);
  g_assert_cmpstr (run.partial->text, ==, run.deltas->str);
  g_assert_cmpuint (strlen (run.partial->text), >, 0);
  g_assert_true (g_str_has_prefix (expected, run.partial->text));
  g_assert_cmpstr (f->last_usage->error_code, ==, "cancelled");
  run_clear (&run);
}

static void
test_wrong_key (Fixture *f, gconstpointer d)
{
  Run run = { 0 };

  g_clear_object (&f->provider);
  f->provider = make_provider (f, f->kind, "sk-wrong");
  stream (f, &run, NULL);
  g_assert_error (run.error, LANCER_AI_ERROR, LANCER_AI_ERROR_AUTH);
  g_assert_nonnull (strstr (run.error->message, "API key"));
  g_assert_nonnull (strstr (run.error->message, "Preferences"));
  g_assert_null (strstr (run.error->message, "sk-wrong"));
  g_assert_cmpuint (lancer_sandbox_ai_get_n_requests (f->ai), ==, 1);
  run_clear (&run);
}

static void
test_model_not_found (Fixture *f, gconstpointer d)
{
  Run run = { 0 };

  lancer_sandbox_ai_set_fault (f->ai, LANCER_SANDBOX_AI_FAULT_MODEL_NOT_FOUND, 1);
  stream (f, &run, NULL);
  g_assert_error (run.error, LANCER_AI_ERROR, LANCER_AI_ERROR_MODEL_NOT_FOUND);
  run_clear (&run);
}

static void
test_unreachable (Fixture *f, gconstpointer d)
{
  Run run = { 0 };

  /* Nothing listens on port 1. */
  g_free (f->root);
  f->root = g_strdup ("http://127.0.0.1:1");
  g_clear_object (&f->provider);
  f->provider = make_provider (f, f->kind, KEY);
  lancer_ai_provider_set_max_retries (f->provider, 0);
  stream (f, &run, NULL);
  g_assert_error (run.error, LANCER_AI_ERROR, LANCER_AI_ERROR_UNREACHABLE);
  run_clear (&run);
}

static void
test_insecure_url (Fixture *f, gconstpointer d)
{
  Run run = { 0 };

  g_free (f->root);
  f->root = g_strdup ("http://203.0.113.7");
  g_clear_object (&f->provider);
  f->provider = make_provider (f, f->kind, KEY);
  stream (f, &run, NULL);
  g_assert_error (run.error, LANCER_AI_ERROR, LANCER_AI_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (run.error->message, "http://"));
  run_clear (&run);
}

static JsonNode *
analysis_schema (void)
{
  return json_from_string ("{\"type\":\"object\",\"additionalProperties\":false,"
                           "\"required\":[\"fit_score\",\"summary\"],"
                           "\"properties\":{\"fit_score\":{\"type\":\"integer\"},\"summary\":{\"type\":\"string\"}}}",
                           NULL);
}

static void
test_json (Fixture *f, gconstpointer d)
{
  g_autoptr(LancerAiRequest) req = make_request (f->kind);
  g_autoptr(JsonNode) schema = analysis_schema ();
  g_autoptr(JsonNode) sent = NULL;
  JsonObject *obj;
  Run run = { 0 };

  lancer_ai_request_set_json_schema (req, "job_analysis", schema);
  lancer_sandbox_ai_set_framing (f->ai, LANCER_SANDBOX_AI_SPLIT_ODD, LANCER_SANDBOX_AI_NEWLINE_LF, FALSE, FALSE);
  lancer_ai_provider_complete_json_async (f->provider, req, NULL, json_done_cb, &run);
  g_assert_true (lancer_test_wait_flag (&run.done, 20));
  g_assert_no_error (run.error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (run.result->json));
  obj = json_node_get_object (run.result->json);
  g_assert_cmpint (json_object_get_int_member (obj, "fit_score"), >=, 0);
  g_assert_cmpint (json_object_get_int_member (obj, "fit_score"), <=, 100);

  sent = lancer_sandbox_ai_dup_last_request (f->ai);
  obj = json_node_get_object (sent);
  if (f->kind == KIND_ANTHROPIC)
    {
      g_assert_true (json_object_has_member (obj, "tools"));
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obj, "tool_choice"), "name"),
                       ==, "record_job_analysis");
    }
  else
    {
      JsonObject *rf = json_object_get_object_member (obj, "response_format");
      g_assert_cmpstr (json_object_get_string_member (rf, "type"), ==, "json_schema");
      g_assert_true (json_object_get_boolean_member (json_object_get_object_member (rf, "json_schema"), "strict"));
    }
  run_clear (&run);

  /* Malformed JSON gives a clear error and keeps the raw text. */
  lancer_sandbox_ai_set_fault (f->ai, LANCER_SANDBOX_AI_FAULT_BAD_JSON, 1);
  run.done = FALSE;
  lancer_ai_provider_complete_json_async (f->provider, req, NULL, json_done_cb, &run);
  g_assert_true (lancer_test_wait_flag (&run.done, 20));
  g_assert_error (run.error, LANCER_AI_ERROR, LANCER_AI_ERROR_INVALID_JSON);
  g_assert_nonnull (run.partial);
  g_assert_cmpuint (strlen (run.partial->text), >, 0);
  run_clear (&run);
}

static void
test_request_body (Fixture *f, gconstpointer d)
{
  g_autoptr(JsonNode) sent = NULL;
  JsonObject *obj;
  JsonArray *msgs;
  Run run = { 0 };

  if (f->kind == KIND_OPENAI)
    {
      /* A reasoning model: max_completion_tokens, no temperature, developer role.
       * The sandbox answers 400 if the client gets this wrong. */
      g_autoptr(LancerAiRequest) req = make_request (f->kind);

      g_free (req->model);
      req->model = g_strdup ("gpt-5-mini");
      run.deltas = g_string_new (NULL);
      lancer_ai_provider_stream_chat_async (f->provider, req, delta_cb, &run, NULL, NULL, stream_done_cb, &run);
      g_assert_true (lancer_test_wait_flag (&run.done, 20));
      g_assert_no_error (run.error);
      sent = lancer_sandbox_ai_dup_last_request (f->ai);
      obj = json_node_get_object (sent);
      g_assert_true (json_object_has_member (obj, "max_completion_tokens"));
      g_assert_false (json_object_has_member (obj, "max_tokens"));
      g_assert_false (json_object_has_member (obj, "temperature"));
      g_assert_true (json_object_get_boolean_member (json_object_get_object_member (obj, "stream_options"), "include_usage"));
      msgs = json_object_get_array_member (obj, "messages");
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (msgs, 0), "role"), ==, "developer");
    }
  else
    {
      stream (f, &run, NULL);
      g_assert_no_error (run.error);
      sent = lancer_sandbox_ai_dup_last_request (f->ai);
      obj = json_node_get_object (sent);
      g_assert_true (json_object_has_member (obj, "max_tokens"));
      g_assert_false (json_object_has_member (obj, "max_completion_tokens"));
      g_assert_cmpfloat (json_object_get_double_member (obj, "temperature"), ==, 0.7);
      msgs = json_object_get_array_member (obj, "messages");
      if (f->kind == KIND_ANTHROPIC)
        {
          g_assert_cmpstr (json_object_get_string_member (obj, "system"), ==, "You write concise freelance proposals.");
          g_assert_cmpuint (json_array_get_length (msgs), ==, 1);
        }
      else
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (msgs, 0), "role"), ==, "system");
    }
  run_clear (&run);
}

static void
models_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  GStrv *out = user_data;
  g_autoptr(GError) error = NULL;

  *out = lancer_ai_provider_list_models_finish (LANCER_AI_PROVIDER (object), res, &error);
  g_assert_no_error (error);
}

static void
test_list_models (Fixture *f, gconstpointer d)
{
  g_auto(GStrv) models = NULL;

  lancer_ai_provider_list_models_async (f->provider, NULL, models_cb, &models);
  while (models == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_strv_length (models), >, 0);
  if (f->kind == KIND_OLLAMA)
    g_assert_cmpstr (models[0], ==, "demo-llama:latest");
}

static void
detect_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  Run *run = user_data;
  g_auto(GStrv) models = lancer_ai_local_detect_ollama_finish (res, &run->error);

  if (models != NULL)
    g_assert_cmpstr (models[0], ==, "demo-llama:latest");
  run->done = TRUE;
}

static void
test_detect_ollama (Fixture *f, gconstpointer d)
{
  Run run = { 0 };

  g_setenv ("LANCER_OLLAMA_BASE_URL", f->root, TRUE);
  lancer_ai_local_detect_ollama_async (NULL, NULL, detect_cb, &run);
  g_assert_true (lancer_test_wait_flag (&run.done, 10));
  g_assert_no_error (run.error);
  run.done = FALSE;

  lancer_ai_local_detect_ollama_async ("http://127.0.0.1:1", NULL, detect_cb, &run);
  g_assert_true (lancer_test_wait_flag (&run.done, 10));
  g_assert_error (run.error, LANCER_AI_ERROR, LANCER_AI_ERROR_UNREACHABLE);
  g_unsetenv ("LANCER_OLLAMA_BASE_URL");
  run_clear (&run);
}

static void
test_env_base_urls (void)
{
  g_autoptr(LancerAiOpenai) o = NULL;
  g_autoptr(LancerAiAnthropic) a = NULL;
  g_autoptr(LancerAiLocal) l = NULL;

  g_setenv ("LANCER_OPENAI_BASE_URL", "http://127.0.0.1:9/v1/", TRUE);
  g_setenv ("LANCER_ANTHROPIC_BASE_URL", "http://127.0.0.1:9", TRUE);
  g_setenv ("LANCER_OLLAMA_BASE_URL", "http://127.0.0.1:9", TRUE);
  o = lancer_ai_openai_new (NULL, "k");
  a = lancer_ai_anthropic_new (NULL, "k");
  l = lancer_ai_local_new (LANCER_AI_LOCAL_OLLAMA, NULL, NULL);
  g_assert_cmpstr (lancer_ai_provider_get_base_url (LANCER_AI_PROVIDER (o)), ==, "http://127.0.0.1:9/v1");
  g_assert_cmpstr (lancer_ai_provider_get_base_url (LANCER_AI_PROVIDER (a)), ==, "http://127.0.0.1:9");
  g_assert_cmpstr (lancer_ai_provider_get_base_url (LANCER_AI_PROVIDER (l)), ==, "http://127.0.0.1:9");
  g_assert_cmpstr (lancer_ai_provider_get_id (LANCER_AI_PROVIDER (l)), ==, "ollama");
  g_unsetenv ("LANCER_OPENAI_BASE_URL");
  g_unsetenv ("LANCER_ANTHROPIC_BASE_URL");
  g_unsetenv ("LANCER_OLLAMA_BASE_URL");
}

static void
no_key_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  Run *run = user_data;

  run->result = lancer_ai_provider_stream_chat_finish (LANCER_AI_PROVIDER (object), res, &run->error);
  run->done = TRUE;
}

static void
test_no_key (void)
{
  g_autoptr(LancerAiProvider) p = LANCER_AI_PROVIDER (lancer_ai_openai_new ("https://127.0.0.1:9/v1", NULL));
  g_autoptr(LancerAiRequest) req = make_request (KIND_OPENAI);
  Run run = { 0 };

  lancer_ai_provider_stream_chat_async (p, req, NULL, NULL, NULL, NULL, no_key_cb, &run);
  g_assert_true (lancer_test_wait_flag (&run.done, 5));
  g_assert_error (run.error, LANCER_AI_ERROR, LANCER_AI_ERROR_NO_KEY);
  run_clear (&run);
}

#define ADD(path, func, kind) \
  g_test_add ("/ai/provider/" path, Fixture, GINT_TO_POINTER (kind), fixture_setup, func, fixture_teardown)

static void
add_all (const char *prefix,
         Kind        kind)
{
  static const struct { const char *name; void (*func) (Fixture *, gconstpointer); } tests[] = {
    { "vector-a-event-per-write", test_vector_a },
    { "vector-b-byte-writes", test_vector_b },
    { "vector-c-utf8-splits", test_vector_c },
    { "vector-d-crlf", test_vector_d },
    { "vector-e-cr", test_vector_e },
    { "vector-f-comments-pings", test_vector_f },
    { "vector-g-multiline-data", test_vector_g },
    { "vector-h-eof-partial", test_vector_h },
    { "vector-i-error-in-stream", test_vector_i },
    { "vector-j-429-retry-after", test_vector_j },
    { "vector-k-insufficient-quota", test_vector_k },
    { "vector-l-overloaded", test_vector_l },
    { "vector-m-watchdog", test_vector_m },
    { "cancel", test_cancel },
    { "wrong-key", test_wrong_key },
    { "model-not-found", test_model_not_found },
    { "unreachable", test_unreachable },
    { "insecure-url", test_insecure_url },
    { "json", test_json },
    { "request-body", test_request_body },
    { "list-models", test_list_models },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ai/provider/%s/%s", prefix, tests[i].name);
      g_test_add (path, Fixture, GINT_TO_POINTER (kind), fixture_setup, tests[i].func, fixture_teardown);
    }
}

/* The demo AI answers a proposal prompt (lancer-prompts.c's shape) with a
 * letter about the job, not with the prompt's own words. */
static void
test_demo_reply_reads_as_letter (void)
{
  static const char *prompt =
    "Write a cover letter for this job.\n\n"
    "JOB\nTitle: Flutter developer for a habit tracker\nType: Hourly\nBudget: $30–$45/h\n"
    "Skills: Flutter, Dart, Firebase, REST API\nClient: United States, $12,400 spent\n"
    "Description:\nWe need a Flutter developer to finish our habit tracker before launch.\n\n"
    "ME\nName: Olena Shevchenko\nRate: $40/h\nSkills: Flutter\nBio:\nMobile developer.\n\n"
    "STYLE\nTone: friendly. Length: about 150 words. Strategy: lead with results.";
  g_autofree char *reply = lancer_sandbox_ai_compose_reply (prompt);

  g_assert_true (g_str_has_prefix (reply, LANCER_SANDBOX_AI_LABEL));
  g_assert_nonnull (strstr (reply, "Flutter developer for a habit tracker"));
  g_assert_nonnull (strstr (reply, "Flutter, Dart and Firebase"));
  g_assert_nonnull (strstr (reply, "Olena Shevchenko"));
  g_assert_null (strstr (reply, "Write a cover letter"));
  g_assert_null (strstr (reply, "We need a Flutter developer"));
  g_assert_null (strstr (reply, "Tone:"));
}

/* Asked to suggest a reply in a conversation, the demo AI answers the
 * client who wrote last, briefly, without repeating the conversation. */
static void
test_demo_reply_answers_conversation (void)
{
  static const char *prompt =
    "Job: Landing page in Webflow\nConversation so far:\n"
    "Priya Nair: Hi, are you available for a quick call this week?\n"
    "Me: Sure, Tuesday or Wednesday afternoon works for me.\n"
    "Priya Nair: Thanks! Could you also send an estimate for the second milestone?\n\n"
    "Suggest a reply from Olena Shevchenko in a friendly tone.";
  g_autofree char *reply = lancer_sandbox_ai_compose_reply (prompt);

  g_assert_true (g_str_has_prefix (reply, LANCER_SANDBOX_AI_LABEL " Hi Priya,"));
  g_assert_null (strstr (reply, "estimate for the second milestone"));
  g_assert_null (strstr (reply, "Landing page in Webflow"));
  g_assert_null (strstr (reply, "Best regards"));
  g_assert_cmpuint (strlen (reply), <, 300);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_all ("openai", KIND_OPENAI);
  add_all ("anthropic", KIND_ANTHROPIC);
  add_all ("ollama", KIND_OLLAMA);
  ADD ("ollama/detect", test_detect_ollama, KIND_OLLAMA);
  g_test_add_func ("/ai/provider/env-base-urls", test_env_base_urls);
  g_test_add_func ("/ai/provider/no-key", test_no_key);
  g_test_add_func ("/ai/provider/demo-reply", test_demo_reply_reads_as_letter);
  g_test_add_func ("/ai/provider/demo-chat-reply", test_demo_reply_answers_conversation);

  return g_test_run ();
}
