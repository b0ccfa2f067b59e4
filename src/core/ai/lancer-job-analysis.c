/* lancer-job-analysis.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-ai"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lancer-job-analysis.h"

#define SCHEMA_NAME "job_analysis"

static const char *schema_json =
  "{\"type\":\"object\",\"additionalProperties\":false,"
  "\"required\":[\"fit_score\",\"summary\",\"red_flags\",\"questions\",\"suggested_rate\"],"
  "\"properties\":{"
  "\"fit_score\":{\"type\":\"integer\",\"description\":\"0-100\"},"
  "\"summary\":{\"type\":\"string\"},"
  "\"red_flags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
  "\"questions\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
  "\"suggested_rate\":{\"type\":\"object\",\"additionalProperties\":false,"
  "\"required\":[\"amount\",\"currency\",\"unit\"],"
  "\"properties\":{\"amount\":{\"type\":\"number\"},\"currency\":{\"type\":\"string\"},"
  "\"unit\":{\"type\":\"string\",\"enum\":[\"hour\",\"fixed\"]}}}}}";

G_DEFINE_BOXED_TYPE (LancerJobAnalysis, lancer_job_analysis, lancer_job_analysis_copy, lancer_job_analysis_free)

LancerJobAnalysis *
lancer_job_analysis_copy (const LancerJobAnalysis *a)
{
  LancerJobAnalysis *copy;

  g_return_val_if_fail (a != NULL, NULL);

  copy = g_new0 (LancerJobAnalysis, 1);
  *copy = *a;
  copy->summary = g_strdup (a->summary);
  copy->red_flags = g_strdupv (a->red_flags);
  copy->questions = g_strdupv (a->questions);
  copy->rate_currency = g_strdup (a->rate_currency);
  copy->rate_unit = g_strdup (a->rate_unit);
  copy->usage = a->usage ? lancer_ai_usage_copy (a->usage) : NULL;
  copy->raw_json = g_strdup (a->raw_json);
  return copy;
}

void
lancer_job_analysis_free (LancerJobAnalysis *a)
{
  if (a == NULL)
    return;
  g_free (a->summary);
  g_strfreev (a->red_flags);
  g_strfreev (a->questions);
  g_free (a->rate_currency);
  g_free (a->rate_unit);
  g_clear_pointer (&a->usage, lancer_ai_usage_free);
  g_free (a->raw_json);
  g_free (a);
}

JsonNode *
lancer_job_analysis_schema (void)
{
  return json_from_string (schema_json, NULL);
}

static gboolean
invalid (GError    **error,
         const char *what)
{
  /* @what is a short technical note fed back to the model on repair. */
  g_set_error (error, LANCER_AI_ERROR, LANCER_AI_ERROR_INVALID_JSON, "%s", what);
  return FALSE;
}

static gboolean
get_string_array (JsonObject  *obj,
                  const char  *name,
                  char      ***out,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  JsonArray *arr;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *msg = g_strdup_printf ("\"%s\" must be an array of strings", name);
      return invalid (error, msg);
    }
  arr = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *e = json_array_get_element (arr, i);
      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
        {
          g_autofree char *msg = g_strdup_printf ("\"%s\" must contain only strings", name);
          return invalid (error, msg);
        }
      g_strv_builder_add (b, json_node_get_string (e));
    }
  *out = g_strv_builder_end (b);
  return TRUE;
}

LancerJobAnalysis *
lancer_job_analysis_parse (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(LancerJobAnalysis) a = NULL;
  JsonObject *obj;
  JsonObject *rate;
  JsonNode *n;
  double score;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, "the answer must be a JSON object");
      return NULL;
    }
  obj = json_node_get_object (node);
  a = g_new0 (LancerJobAnalysis, 1);

  n = json_object_get_member (obj, "fit_score");
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) ||
      (json_node_get_value_type (n) != G_TYPE_INT64 && json_node_get_value_type (n) != G_TYPE_DOUBLE))
    {
      invalid (error, "\"fit_score\" must be an integer");
      return NULL;
    }
  score = json_node_get_double (n);
  if (score < 0 || score > 100 || score != floor (score))
    {
      invalid (error, "\"fit_score\" must be an integer from 0 to 100");
      return NULL;
    }
  a->fit_score = (int) score;

  n = json_object_get_member (obj, "summary");
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING ||
      *json_node_get_string (n) == '\0')
    {
      invalid (error, "\"summary\" must be a non-empty string");
      return NULL;
    }
  a->summary = g_strdup (json_node_get_string (n));

  if (!get_string_array (obj, "red_flags", &a->red_flags, error) ||
      !get_string_array (obj, "questions", &a->questions, error))
    return NULL;

  n = json_object_get_member (obj, "suggested_rate");
  if (n == NULL || !JSON_NODE_HOLDS_OBJECT (n))
    {
      invalid (error, "\"suggested_rate\" must be an object with amount, currency and unit");
      return NULL;
    }
  rate = json_node_get_object (n);
  n = json_object_get_member (rate, "amount");
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) ||
      (json_node_get_value_type (n) != G_TYPE_INT64 && json_node_get_value_type (n) != G_TYPE_DOUBLE) ||
      json_node_get_double (n) < 0)
    {
      invalid (error, "\"suggested_rate.amount\" must be a non-negative number");
      return NULL;
    }
  a->rate_amount = json_node_get_double (n);
  a->rate_currency = g_strdup (json_object_get_string_member_with_default (rate, "currency", NULL));
  a->rate_unit = g_strdup (json_object_get_string_member_with_default (rate, "unit", NULL));
  if (a->rate_currency == NULL || *a->rate_currency == '\0')
    {
      invalid (error, "\"suggested_rate.currency\" must be a currency code");
      return NULL;
    }
  if (g_strcmp0 (a->rate_unit, "hour") != 0 && g_strcmp0 (a->rate_unit, "fixed") != 0)
    {
      invalid (error, "\"suggested_rate.unit\" must be \"hour\" or \"fixed\"");
      return NULL;
    }
  a->raw_json = json_to_string (node, FALSE);
  return g_steal_pointer (&a);
}

LancerAiRequest *
lancer_job_analysis_build_request (const char            *model,
                                   const LancerAiJob     *job,
                                   const LancerAiProfile *profile,
                                   const char            *template_dir)
{
  g_autoptr(GHashTable) vars = lancer_prompts_vars_new (job, profile);
  g_autofree char *sys_t = lancer_prompts_dup_template (LANCER_PROMPT_JOB_ANALYSIS, LANCER_PROMPT_PART_SYSTEM, template_dir);
  g_autofree char *user_t = lancer_prompts_dup_template (LANCER_PROMPT_JOB_ANALYSIS, LANCER_PROMPT_PART_USER, template_dir);
  g_autofree char *sys = lancer_prompts_render (sys_t, vars);
  g_autofree char *user = lancer_prompts_render (user_t, vars);
  g_autoptr(JsonNode) schema = lancer_job_analysis_schema ();
  LancerAiRequest *req = lancer_ai_request_new (model, "analysis");

  lancer_ai_request_set_system (req, sys);
  lancer_ai_request_add_message (req, "user", user);
  lancer_ai_request_set_json_schema (req, SCHEMA_NAME, schema);
  req->max_tokens = 1200;
  return req;
}

typedef struct
{
  LancerAiProvider *provider;
  LancerAiRequest  *request;
  gboolean          repairing;
} RunData;

static void
run_data_free (gpointer data)
{
  RunData *rd = data;

  g_clear_object (&rd->provider);
  g_clear_pointer (&rd->request, lancer_ai_request_free);
  g_free (rd);
}

static void json_done_cb (GObject *object, GAsyncResult *res, gpointer user_data);

/* Sends rd->request, the first time and for the repair. */
static void
send_request (GTask *task)
{
  RunData *rd = g_task_get_task_data (task);

  lancer_ai_provider_complete_json_async (rd->provider, rd->request, g_task_get_cancellable (task),
                                          json_done_cb, task);
}

static void
start_repair (GTask      *task,
              const char *previous,
              const char *problem)
{
  RunData *rd = g_task_get_task_data (task);
  g_autoptr(GHashTable) vars = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *t = lancer_prompts_dup_template (LANCER_PROMPT_JSON_REPAIR, LANCER_PROMPT_PART_USER, NULL);
  g_autofree char *msg = NULL;

  g_hash_table_insert (vars, (char *) "previous", (char *) (previous ? previous : ""));
  g_hash_table_insert (vars, (char *) "problem", (char *) problem);
  msg = lancer_prompts_render (t, vars);

  rd->repairing = TRUE;
  lancer_ai_request_add_message (rd->request, "assistant", previous && *previous ? previous : "{}");
  lancer_ai_request_add_message (rd->request, "user", msg);
  g_free (rd->request->purpose);
  rd->request->purpose = g_strdup ("analysis-repair");
  send_request (g_object_ref (task));
}

static void
json_done_cb (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *rd = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerAiResult) result = NULL;
  g_autoptr(LancerJobAnalysis) analysis = NULL;
  g_autoptr(LancerAiResult) partial = NULL;

  result = lancer_ai_provider_complete_json_finish (LANCER_AI_PROVIDER (object), res, &error);
  if (result != NULL)
    analysis = lancer_job_analysis_parse (result->json, &error);

  if (analysis != NULL)
    {
      analysis->repaired = rd->repairing;
      analysis->usage = lancer_ai_usage_copy (result->usage);
      g_task_return_pointer (task, g_steal_pointer (&analysis), (GDestroyNotify) lancer_job_analysis_free);
      return;
    }

  if (!g_error_matches (error, LANCER_AI_ERROR, LANCER_AI_ERROR_INVALID_JSON))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!rd->repairing)
    {
      const char *previous = result ? result->text : NULL;

      if (previous == NULL)
        {
          partial = lancer_ai_provider_dup_partial_result (res);
          previous = partial ? partial->text : NULL;
        }
      g_debug ("job analysis: invalid answer (%s), asking for one repair", error->message);
      start_repair (task, previous, result ? error->message : "the answer was not valid JSON");
      return;
    }
  g_task_return_new_error (task, LANCER_AI_ERROR, LANCER_AI_ERROR_INVALID_JSON,
                           _("The AI’s analysis could not be read, even after asking it to fix its answer. Try again, or choose a model that supports structured output in Preferences → AI."));
}

void
lancer_job_analysis_run_async (LancerAiProvider      *provider,
                               const char            *model,
                               const LancerAiJob     *job,
                               const LancerAiProfile *profile,
                               GCancellable          *cancellable,
                               GAsyncReadyCallback    callback,
                               gpointer               user_data)
{
  GTask *task;
  RunData *rd;

  g_return_if_fail (LANCER_IS_AI_PROVIDER (provider));
  g_return_if_fail (job != NULL);

  task = g_task_new (provider, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_job_analysis_run_async);
  rd = g_new0 (RunData, 1);
  rd->provider = g_object_ref (provider);
  rd->request = lancer_job_analysis_build_request (model, job, profile, NULL);
  g_task_set_task_data (task, rd, run_data_free);
  send_request (task);
}

LancerJobAnalysis *
lancer_job_analysis_run_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
