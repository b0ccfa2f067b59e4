/* test-ai-features.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "lancer-ai-openai.h"
#include "lancer-ai-anthropic.h"
#include "lancer-job-analysis.h"
#include "lancer-prompts.h"
#include "lancer-proposal-writer.h"
#include "lancer-sandbox-ai.h"
#include "lancer-test-util.h"

#define KEY "sk-test-0000"

/* Prices and budget */

static void
test_prices (void)
{
  g_autoptr(LancerAiPrices) prices = lancer_ai_prices_new ();
  g_autoptr(LancerAiUsage) u = lancer_ai_usage_new ();
  g_autoptr(GError) error = NULL;
  const LancerAiPrice *p;

  p = lancer_ai_prices_lookup (prices, "gpt-4.1-mini-2025-04-14");
  g_assert_nonnull (p);
  g_assert_cmpstr (p->model, ==, "gpt-4.1-mini");
  g_assert_null (lancer_ai_prices_lookup (prices, "gpt-5.4"));   /* not "gpt-5" */
  g_assert_null (lancer_ai_prices_lookup (prices, "no-such-model"));

  /* OpenAI: 1,000,000 prompt tokens of which 400,000 cached + 100,000 out. */
  u->provider = g_strdup ("openai");
  u->model = g_strdup ("gpt-4.1-mini");
  u->input_tokens = 1000000;
  u->cached_tokens = 400000;
  u->output_tokens = 100000;
  lancer_ai_prices_apply (prices, u);
  g_assert_true (u->cost_known);
  g_assert_cmpfloat_with_epsilon (u->cost_usd, 0.6 * 0.40 + 0.4 * 0.10 + 0.1 * 1.60, 1e-9);
  g_assert_cmpstr (u->price_table_version, ==, lancer_ai_prices_get_version (prices));

  /* Anthropic Opus per the reference: $5 in, $6.25 cache write, $0.50 hit, $25 out. */
  g_free (u->model);
  u->model = g_strdup ("claude-opus-4-6");
  u->input_tokens = 1000000 + 200000 + 100000;
  u->cached_tokens = 200000;
  u->cache_write_tokens = 100000;
  u->output_tokens = 1000000;
  lancer_ai_prices_apply (prices, u);
  g_assert_cmpfloat_with_epsilon (u->cost_usd, 5.0 + 0.2 * 0.5 + 0.1 * 6.25 + 25.0, 1e-9);

  /* Local servers cost nothing; unknown models are flagged. */
  g_free (u->provider);
  u->provider = g_strdup ("ollama");
  lancer_ai_prices_apply (prices, u);
  g_assert_cmpfloat (u->cost_usd, ==, 0.0);
  g_assert_true (u->cost_known);
  g_free (u->provider);
  u->provider = g_strdup ("openai");
  g_free (u->model);
  u->model = g_strdup ("mystery");
  lancer_ai_prices_apply (prices, u);
  g_assert_false (u->cost_known);

  /* Overrides: JSON and keyfile. */
  g_assert_true (lancer_ai_prices_load_data (prices,
                 "{\"version\":\"2026-05\",\"models\":{\"mystery\":{\"input\":1,\"output\":2}}}", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lancer_ai_prices_get_version (prices), ==, "2026-05");
  g_assert_cmpfloat (lancer_ai_prices_lookup (prices, "mystery")->output, ==, 2.0);
  g_assert_true (lancer_ai_prices_load_data (prices,
                 "[Prices]\nversion=kf\n\n[gpt-4.1-mini]\ninput=0.5\noutput=2\ncache_read=0.1\n", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (lancer_ai_prices_lookup (prices, "gpt-4.1-mini")->input, ==, 0.5);
  g_assert_false (lancer_ai_prices_load_data (prices, "{\"nope\":1}", -1, &error));
  g_assert_error (error, LANCER_AI_ERROR, LANCER_AI_ERROR_INVALID_JSON);
}

static void
test_budget (void)
{
  g_autoptr(GError) error = NULL;
  LancerAiBudgetState state;

  g_assert_cmpint (lancer_ai_budget_state (0, 0), ==, LANCER_AI_BUDGET_OK);
  g_assert_cmpint (lancer_ai_budget_state (79.99, 100), ==, LANCER_AI_BUDGET_OK);
  g_assert_cmpint (lancer_ai_budget_state (80, 100), ==, LANCER_AI_BUDGET_WARN);
  g_assert_cmpint (lancer_ai_budget_state (99.99, 100), ==, LANCER_AI_BUDGET_WARN);
  g_assert_cmpint (lancer_ai_budget_state (100, 100), ==, LANCER_AI_BUDGET_EXCEEDED);

  g_assert_true (lancer_ai_budget_check (85, 100, FALSE, &state, &error));
  g_assert_cmpint (state, ==, LANCER_AI_BUDGET_WARN);
  g_assert_false (lancer_ai_budget_check (100, 100, FALSE, &state, &error));
  g_assert_error (error, LANCER_AI_ERROR, LANCER_AI_ERROR_BUDGET_EXCEEDED);
  g_assert_nonnull (strstr (error->message, "Preferences"));
  g_clear_error (&error);
  g_assert_true (lancer_ai_budget_check (150, 100, TRUE, &state, &error));
  g_assert_cmpint (state, ==, LANCER_AI_BUDGET_EXCEEDED);
  g_assert_true (lancer_ai_budget_check (1e6, 0, FALSE, NULL, &error));
}

/* Prompts */

static void
test_render (void)
{
  g_autoptr(GHashTable) vars = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_hash_table_insert (vars, (char *) "name", (char *) "Olena");
  a = lancer_prompts_render ("Hi {{name}}, {{ name }}! {{missing}}end {{unclosed", vars);
  g_assert_cmpstr (a, ==, "Hi Olena, Olena! end {{unclosed");
  b = lancer_prompts_render ("no placeholders", NULL);
  g_assert_cmpstr (b, ==, "no placeholders");
}

static void
test_scrub_pii (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "Mail me at john.doe+jobs@example.co.uk today", "Mail me at [email removed] today" },
    { "Call +1 (555) 123-4567 or +380501234567.", "Call [phone removed] or [phone removed]." },
    { "WhatsApp: 050 123 45 67", "WhatsApp: [phone removed]" },
    { "Budget $1500, 3 milestones in 2026, version 4.1.2", "Budget $1500, 3 milestones in 2026, version 4.1.2" },
    { "Order 12345 ships in 10-14 days, due 2026-05-01", "Order 12345 ships in 10-14 days, due 2026-05-01" },
    { "caf\xc3\xa9 \xf0\x9f\x92\xbc", "caf\xc3\xa9 \xf0\x9f\x92\xbc" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = lancer_prompts_scrub_pii (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

static LancerAiJob *
make_job (void)
{
  LancerAiJob *job = lancer_ai_job_new ();
  const char *skills[] = { "C", "GTK", NULL };
  const char *questions[] = { "Have you shipped a GTK4 app?", "When can you start?", NULL };

  job->title = g_strdup ("GTK4 invoice app in C");
  job->description = g_strdup ("We need a native invoice app. Contact me at boss@client.com or +1 555 123 4567.");
  job->skills = g_strdupv ((char **) skills);
  job->job_type = g_strdup ("fixed");
  job->budget = 1500;
  job->screening_questions = g_strdupv ((char **) questions);
  job->client_country = g_strdup ("Canada");
  return job;
}

static LancerAiProfile *
make_profile (void)
{
  LancerAiProfile *p = lancer_ai_profile_new ();
  const char *skills[] = { "C", "GLib", "GTK", NULL };

  p->name = g_strdup ("Olena");
  p->bio = g_strdup ("GNOME developer. Reach me at olena@private.example.");
  p->skills = g_strdupv ((char **) skills);
  p->hourly_rate = 55;
  lancer_ai_profile_add_portfolio_item (p, "Bookkeeping app", "GTK4 + SQLite desktop app", "cut invoicing time by 60 %");
  return p;
}

static void
test_templates (void)
{
  g_autoptr(LancerAiJob) job = make_job ();
  g_autoptr(LancerAiProfile) profile = make_profile ();
  g_autoptr(GHashTable) vars = lancer_prompts_vars_new (job, profile);
  g_autofree char *dir = g_dir_make_tmp ("lancer-prompts-XXXXXX", NULL);
  g_autofree char *user = NULL;
  g_autofree char *edited = NULL;
  g_autoptr(GError) error = NULL;

  user = lancer_prompts_render (lancer_prompts_get_default (LANCER_PROMPT_PROPOSAL, LANCER_PROMPT_PART_USER), vars);
  g_assert_nonnull (strstr (user, "GTK4 invoice app in C"));
  g_assert_nonnull (strstr (user, "1. Have you shipped a GTK4 app?"));
  g_assert_nonnull (strstr (user, "cut invoicing time by 60 %"));
  g_assert_nonnull (strstr (user, "1500 USD fixed"));
  /* Contact details are never sent. */
  g_assert_null (strstr (user, "boss@client.com"));
  g_assert_null (strstr (user, "olena@private.example"));
  g_assert_null (strstr (user, "555 123 4567"));

  g_assert_true (lancer_prompts_save_template (LANCER_PROMPT_PROPOSAL, LANCER_PROMPT_PART_SYSTEM, dir,
                                               "Be brief, {{my_name}}.", &error));
  g_assert_no_error (error);
  edited = lancer_prompts_dup_template (LANCER_PROMPT_PROPOSAL, LANCER_PROMPT_PART_SYSTEM, dir);
  g_assert_cmpstr (edited, ==, "Be brief, {{my_name}}.");
  g_assert_true (lancer_prompts_save_template (LANCER_PROMPT_PROPOSAL, LANCER_PROMPT_PART_SYSTEM, dir, NULL, &error));
  g_free (edited);
  edited = lancer_prompts_dup_template (LANCER_PROMPT_PROPOSAL, LANCER_PROMPT_PART_SYSTEM, dir);
  g_assert_cmpstr (edited, ==, lancer_prompts_get_default (LANCER_PROMPT_PROPOSAL, LANCER_PROMPT_PART_SYSTEM));
  g_rmdir (dir);
}

/* Features against the sandbox */

typedef struct
{
  SoupServer       *server;
  LancerSandboxAi  *ai;
  LancerAiProvider *provider;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;
  g_autofree char *v1 = NULL;
  GSList *uris;

  f->server = soup_server_new (NULL, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  root = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  f->ai = lancer_sandbox_ai_new ();
  lancer_sandbox_ai_attach (f->ai, f->server);
  v1 = g_strconcat (root, "/v1", NULL);
  if (GPOINTER_TO_INT (data))
    f->provider = LANCER_AI_PROVIDER (lancer_ai_anthropic_new (root, KEY));
  else
    f->provider = LANCER_AI_PROVIDER (lancer_ai_openai_new (v1, KEY));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->provider);
  soup_server_disconnect (f->server);
  g_clear_object (&f->ai);
  g_clear_object (&f->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct
{
  GString   *text[3];
  GPtrArray *results;
  LancerJobAnalysis *analysis;
  GError    *error;
  gboolean   done;
  GCancellable *cancel_after_first;
} Run;

static void
writer_delta_cb (guint       variant,
                 const char *delta,
                 gsize       len,
                 gpointer    user_data)
{
  Run *run = user_data;

  g_assert_cmpuint (variant, <, 3);
  g_string_append_len (run->text[variant], delta, len);
  if (run->cancel_after_first)
    g_cancellable_cancel (run->cancel_after_first);
}

static void
writer_done_cb (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  Run *run = user_data;

  run->results = lancer_proposal_writer_stream_finish (LANCER_PROPOSAL_WRITER (object), res, &run->error);
  run->done = TRUE;
}

static void
test_writer_variants (Fixture *f, gconstpointer d)
{
  g_autoptr(LancerProposalWriter) writer = lancer_proposal_writer_new (f->provider);
  g_autoptr(LancerAiJob) job = make_job ();
  g_autoptr(LancerAiProfile) profile = make_profile ();
  g_autoptr(LancerAiRequest) r0 = NULL;
  g_autoptr(LancerAiRequest) r1 = NULL;
  LancerProposalOptions options;
  Run run = { 0 };

  lancer_proposal_options_init (&options);
  options.model = GPOINTER_TO_INT (d) ? "claude-sonnet-4-6" : "gpt-4.1-mini";
  options.n_variants = 2;
  options.tone = "friendly";

  r0 = lancer_proposal_writer_build_request (writer, job, profile, &options, 0);
  r1 = lancer_proposal_writer_build_request (writer, job, profile, &options, 1);
  g_assert_cmpstr (r0->purpose, ==, "proposal");
  g_assert_nonnull (strstr (((LancerAiMessage *) g_ptr_array_index (r0->messages, 0))->content, "problem"));
  g_assert_nonnull (strstr (((LancerAiMessage *) g_ptr_array_index (r1->messages, 0))->content, "portfolio"));
  g_assert_cmpstr (lancer_proposal_writer_get_strategy (0), !=, lancer_proposal_writer_get_strategy (1));

  for (guint i = 0; i < 3; i++)
    run.text[i] = g_string_new (NULL);
  lancer_proposal_writer_stream_async (writer, job, profile, &options, writer_delta_cb, &run, NULL,
                                       NULL, writer_done_cb, &run);
  g_assert_true (lancer_test_wait_flag (&run.done, 20));
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.results->len, ==, 2);
  for (guint v = 0; v < 2; v++)
    {
      LancerAiResult *r = g_ptr_array_index (run.results, v);
      g_assert_nonnull (r);
      g_assert_false (r->partial);
      g_assert_cmpstr (r->text, ==, run.text[v]->str);
      g_assert_true (g_str_has_prefix (r->text, LANCER_SANDBOX_AI_LABEL));
      g_assert_cmpstr (r->usage->purpose, ==, "proposal");
    }
  /* Different strategies → different prompts → different demo drafts. */
  g_assert_cmpstr (run.text[0]->str, !=, run.text[1]->str);

  g_ptr_array_unref (run.results);
  for (guint i = 0; i < 3; i++)
    g_string_free (run.text[i], TRUE);
}

static void
test_writer_cancel (Fixture *f, gconstpointer d)
{
  g_autoptr(LancerProposalWriter) writer = lancer_proposal_writer_new (f->provider);
  g_autoptr(LancerAiJob) job = make_job ();
  LancerProposalOptions options;
  Run run = { 0 };

  lancer_proposal_options_init (&options);
  options.model = GPOINTER_TO_INT (d) ? "claude-sonnet-4-6" : "gpt-4.1-mini";
  lancer_sandbox_ai_set_fault (f->ai, LANCER_SANDBOX_AI_FAULT_SLOW, 0);
  lancer_sandbox_ai_set_slow_delay (f->ai, 50);
  run.cancel_after_first = g_cancellable_new ();
  for (guint i = 0; i < 3; i++)
    run.text[i] = g_string_new (NULL);
  lancer_proposal_writer_stream_async (writer, job, NULL, &options, writer_delta_cb, &run, NULL,
                                       run.cancel_after_first, writer_done_cb, &run);
  g_assert_true (lancer_test_wait_flag (&run.done, 20));
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* What arrived before the stop stays with the caller (the editor). */
  g_assert_cmpuint (run.text[0]->len, >, 0);
  g_clear_error (&run.error);
  g_clear_object (&run.cancel_after_first);
  for (guint i = 0; i < 3; i++)
    g_string_free (run.text[i], TRUE);
}

static void
analysis_done_cb (GObject      *object,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  Run *run = user_data;

  run->analysis = lancer_job_analysis_run_finish (res, &run->error);
  run->done = TRUE;
}

static void
run_analysis (Fixture *f,
              Run     *run,
              gconstpointer d)
{
  g_autoptr(LancerAiJob) job = make_job ();
  g_autoptr(LancerAiProfile) profile = make_profile ();

  lancer_job_analysis_run_async (f->provider, GPOINTER_TO_INT (d) ? "claude-haiku-4-5" : "gpt-4.1-mini",
                                 job, profile, NULL, analysis_done_cb, run);
  g_assert_true (lancer_test_wait_flag (&run->done, 20));
}

static void
test_analysis (Fixture *f, gconstpointer d)
{
  Run run = { 0 };
  g_autoptr(JsonNode) sent = NULL;
  g_autofree char *sent_text = NULL;

  run_analysis (f, &run, d);
  g_assert_no_error (run.error);
  g_assert_nonnull (run.analysis);
  g_assert_cmpint (run.analysis->fit_score, >=, 0);
  g_assert_cmpint (run.analysis->fit_score, <=, 100);
  g_assert_true (g_str_has_prefix (run.analysis->summary, LANCER_SANDBOX_AI_LABEL));
  g_assert_nonnull (run.analysis->red_flags);
  g_assert_cmpuint (g_strv_length (run.analysis->questions), >, 0);
  g_assert_cmpstr (run.analysis->rate_unit, ==, "hour");
  g_assert_false (run.analysis->repaired);
  g_assert_cmpstr (run.analysis->usage->purpose, ==, "analysis");

  /* No contact details went over the wire. */
  sent = lancer_sandbox_ai_dup_last_request (f->ai);
  sent_text = json_to_string (sent, FALSE);
  g_assert_null (strstr (sent_text, "boss@client.com"));
  g_assert_null (strstr (sent_text, "555 123 4567"));
  lancer_job_analysis_free (run.analysis);
}

static void
test_analysis_repair (Fixture *f, gconstpointer d)
{
  Run run = { 0 };

  /* Invalid once: one repair request fixes it. */
  lancer_sandbox_ai_set_fault (f->ai, LANCER_SANDBOX_AI_FAULT_BAD_JSON, 1);
  run_analysis (f, &run, d);
  g_assert_no_error (run.error);
  g_assert_true (run.analysis->repaired);
  g_assert_cmpuint (lancer_sandbox_ai_get_n_requests (f->ai), ==, 2);
  lancer_job_analysis_free (run.analysis);

  /* Invalid twice: a clear error, and no third request. */
  memset (&run, 0, sizeof run);
  lancer_sandbox_ai_set_fault (f->ai, LANCER_SANDBOX_AI_FAULT_BAD_JSON, 2);
  run_analysis (f, &run, d);
  g_assert_error (run.error, LANCER_AI_ERROR, LANCER_AI_ERROR_INVALID_JSON);
  g_assert_nonnull (strstr (run.error->message, "Preferences"));
  g_assert_cmpuint (lancer_sandbox_ai_get_n_requests (f->ai), ==, 4);
  g_clear_error (&run.error);
}

static void
test_analysis_validation (void)
{
  static const char *bad[] = {
    "[]",
    "{\"fit_score\":101,\"summary\":\"s\",\"red_flags\":[],\"questions\":[],\"suggested_rate\":{\"amount\":1,\"currency\":\"USD\",\"unit\":\"hour\"}}",
    "{\"fit_score\":50.5,\"summary\":\"s\",\"red_flags\":[],\"questions\":[],\"suggested_rate\":{\"amount\":1,\"currency\":\"USD\",\"unit\":\"hour\"}}",
    "{\"fit_score\":50,\"summary\":\"\",\"red_flags\":[],\"questions\":[],\"suggested_rate\":{\"amount\":1,\"currency\":\"USD\",\"unit\":\"hour\"}}",
    "{\"fit_score\":50,\"summary\":\"s\",\"red_flags\":[1],\"questions\":[],\"suggested_rate\":{\"amount\":1,\"currency\":\"USD\",\"unit\":\"hour\"}}",
    "{\"fit_score\":50,\"summary\":\"s\",\"red_flags\":[],\"suggested_rate\":{\"amount\":1,\"currency\":\"USD\",\"unit\":\"hour\"}}",
    "{\"fit_score\":50,\"summary\":\"s\",\"red_flags\":[],\"questions\":[],\"suggested_rate\":{\"amount\":1,\"currency\":\"USD\",\"unit\":\"day\"}}",
    "{\"fit_score\":\"50\",\"summary\":\"s\",\"red_flags\":[],\"questions\":[],\"suggested_rate\":{\"amount\":1,\"currency\":\"USD\",\"unit\":\"hour\"}}",
  };
  g_autoptr(JsonNode) good = json_from_string ("{\"fit_score\":82,\"summary\":\"Good fit\",\"red_flags\":[],\"questions\":[\"Deadline?\"],"
                                               "\"suggested_rate\":{\"amount\":65,\"currency\":\"USD\",\"unit\":\"hour\"}}", NULL);
  g_autoptr(LancerJobAnalysis) a = NULL;
  g_autoptr(GError) error = NULL;

  a = lancer_job_analysis_parse (good, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a->fit_score, ==, 82);
  g_assert_cmpfloat (a->rate_amount, ==, 65);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (bad[i], NULL);
      g_autoptr(LancerJobAnalysis) b = lancer_job_analysis_parse (node, &error);

      g_assert_null (b);
      g_assert_error (error, LANCER_AI_ERROR, LANCER_AI_ERROR_INVALID_JSON);
      g_clear_error (&error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ai/prices", test_prices);
  g_test_add_func ("/ai/budget", test_budget);
  g_test_add_func ("/ai/prompts/render", test_render);
  g_test_add_func ("/ai/prompts/scrub-pii", test_scrub_pii);
  g_test_add_func ("/ai/prompts/templates", test_templates);
  g_test_add_func ("/ai/analysis/validation", test_analysis_validation);
  for (int anthropic = 0; anthropic < 2; anthropic++)
    {
      const char *p = anthropic ? "anthropic" : "openai";
      g_autofree char *a = g_strdup_printf ("/ai/writer/%s/variants", p);
      g_autofree char *b = g_strdup_printf ("/ai/writer/%s/cancel", p);
      g_autofree char *c = g_strdup_printf ("/ai/analysis/%s/run", p);
      g_autofree char *e = g_strdup_printf ("/ai/analysis/%s/repair", p);

      g_test_add (a, Fixture, GINT_TO_POINTER (anthropic), fixture_setup, test_writer_variants, fixture_teardown);
      g_test_add (b, Fixture, GINT_TO_POINTER (anthropic), fixture_setup, test_writer_cancel, fixture_teardown);
      g_test_add (c, Fixture, GINT_TO_POINTER (anthropic), fixture_setup, test_analysis, fixture_teardown);
      g_test_add (e, Fixture, GINT_TO_POINTER (anthropic), fixture_setup, test_analysis_repair, fixture_teardown);
    }

  return g_test_run ();
}
