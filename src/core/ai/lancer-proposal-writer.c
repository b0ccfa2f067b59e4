/* lancer-proposal-writer.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-ai"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lancer-proposal-writer.h"

struct _LancerProposalWriter
{
  GObject           parent_instance;
  LancerAiProvider *provider;
};

G_DEFINE_FINAL_TYPE (LancerProposalWriter, lancer_proposal_writer, G_TYPE_OBJECT)

static const struct {
  const char *name;
  const char *instruction;
} strategies[] = {
  { "problem-first", "open by restating the client's problem in one sentence, then show how you would solve it" },
  { "proof-first", "open with the most relevant past result from the portfolio, then connect it to this job" },
  { "question-first", "open with one sharp question about the project that shows you understood it, then your plan" },
};

void
lancer_proposal_options_init (LancerProposalOptions *options)
{
  g_return_if_fail (options != NULL);

  options->model = NULL;
  options->tone = "professional";
  options->length = LANCER_PROPOSAL_MEDIUM;
  options->n_variants = 1;
  options->temperature = -1;
  options->template_dir = NULL;
}

const char *
lancer_proposal_writer_get_strategy (guint variant)
{
  return strategies[variant % G_N_ELEMENTS (strategies)].name;
}

static void
lancer_proposal_writer_dispose (GObject *object)
{
  LancerProposalWriter *self = (LancerProposalWriter *) object;

  g_clear_object (&self->provider);
  G_OBJECT_CLASS (lancer_proposal_writer_parent_class)->dispose (object);
}

static void
lancer_proposal_writer_class_init (LancerProposalWriterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lancer_proposal_writer_dispose;
}

static void
lancer_proposal_writer_init (LancerProposalWriter *self)
{
}

LancerProposalWriter *
lancer_proposal_writer_new (LancerAiProvider *provider)
{
  LancerProposalWriter *self;

  g_return_val_if_fail (LANCER_IS_AI_PROVIDER (provider), NULL);

  self = g_object_new (LANCER_TYPE_PROPOSAL_WRITER, NULL);
  self->provider = g_object_ref (provider);
  return self;
}

LancerAiRequest *
lancer_proposal_writer_build_request (LancerProposalWriter        *self,
                                      const LancerAiJob           *job,
                                      const LancerAiProfile       *profile,
                                      const LancerProposalOptions *options,
                                      guint                        variant)
{
  static const guint words[] = { 120, 200, 320 };
  g_autoptr(GHashTable) vars = NULL;
  g_autofree char *sys_t = NULL;
  g_autofree char *user_t = NULL;
  g_autofree char *sys = NULL;
  g_autofree char *user = NULL;
  LancerProposalOptions defaults;
  LancerAiRequest *req;
  guint length;

  g_return_val_if_fail (LANCER_IS_PROPOSAL_WRITER (self), NULL);
  g_return_val_if_fail (job != NULL, NULL);

  if (options == NULL)
    {
      lancer_proposal_options_init (&defaults);
      options = &defaults;
    }
  length = MIN ((guint) options->length, G_N_ELEMENTS (words) - 1);

  vars = lancer_prompts_vars_new (job, profile);
  g_hash_table_insert (vars, g_strdup ("tone"), g_strdup (options->tone ? options->tone : "professional"));
  g_hash_table_insert (vars, g_strdup ("length_words"), g_strdup_printf ("%u", words[length]));
  g_hash_table_insert (vars, g_strdup ("strategy"),
                       g_strdup (strategies[variant % G_N_ELEMENTS (strategies)].instruction));

  sys_t = lancer_prompts_dup_template (LANCER_PROMPT_PROPOSAL, LANCER_PROMPT_PART_SYSTEM, options->template_dir);
  user_t = lancer_prompts_dup_template (LANCER_PROMPT_PROPOSAL, LANCER_PROMPT_PART_USER, options->template_dir);
  sys = lancer_prompts_render (sys_t, vars);
  user = lancer_prompts_render (user_t, vars);

  req = lancer_ai_request_new (options->model, "proposal");
  lancer_ai_request_set_system (req, sys);
  lancer_ai_request_add_message (req, "user", user);
  /* Room for the letter plus answers to the screening questions. */
  req->max_tokens = words[length] * 3 + 400;
  req->temperature = options->temperature;
  return req;
}

/* Streaming */

typedef struct
{
  GPtrArray               *results;    /* LancerAiResult*, index = variant */
  GPtrArray               *errors;     /* GError*, index = variant */
  guint                    pending;
  LancerProposalDeltaFunc  delta_func;
  gpointer                 delta_data;
  GDestroyNotify           delta_destroy;
} StreamState;

typedef struct
{
  GTask *task;     /* borrowed: the state keeps the task alive via pending refs */
  guint  variant;
} VariantData;

static void
error_free0 (gpointer data)
{
  if (data != NULL)
    g_error_free (data);
}

static void
stream_state_free (gpointer data)
{
  StreamState *st = data;

  g_ptr_array_unref (st->results);
  g_ptr_array_unref (st->errors);
  if (st->delta_destroy)
    st->delta_destroy (st->delta_data);
  g_free (st);
}

static void
variant_delta_cb (const char *delta,
                  gsize       len,
                  gpointer    user_data)
{
  VariantData *vd = user_data;
  StreamState *st = g_task_get_task_data (vd->task);

  if (st->delta_func != NULL)
    st->delta_func (vd->variant, delta, len, st->delta_data);
}

static void
variant_done_cb (GObject      *object,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  VariantData *vd = user_data;
  g_autoptr(GTask) task = vd->task;
  StreamState *st = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  LancerAiResult *result;

  result = lancer_ai_provider_stream_chat_finish (LANCER_AI_PROVIDER (object), res, &error);
  if (result == NULL)
    {
      result = lancer_ai_provider_dup_partial_result (res);
      g_ptr_array_index (st->errors, vd->variant) = g_steal_pointer (&error);
    }
  g_ptr_array_index (st->results, vd->variant) = result;
  g_free (vd);

  if (--st->pending > 0)
    return;

  if (g_task_return_error_if_cancelled (task))
    return;
  for (guint i = 0; i < st->errors->len; i++)
    if (g_ptr_array_index (st->errors, i) == NULL)
      {
        g_task_return_pointer (task, g_ptr_array_ref (st->results), (GDestroyNotify) g_ptr_array_unref);
        return;
      }
  g_task_return_error (task, g_error_copy (g_ptr_array_index (st->errors, 0)));
}

void
lancer_proposal_writer_stream_async (LancerProposalWriter        *self,
                                     const LancerAiJob           *job,
                                     const LancerAiProfile       *profile,
                                     const LancerProposalOptions *options,
                                     LancerProposalDeltaFunc      delta_func,
                                     gpointer                     delta_data,
                                     GDestroyNotify               delta_destroy,
                                     GCancellable                *cancellable,
                                     GAsyncReadyCallback          callback,
                                     gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  StreamState *st;
  guint n;

  g_return_if_fail (LANCER_IS_PROPOSAL_WRITER (self));
  g_return_if_fail (job != NULL);

  n = options && options->n_variants > 0 ? options->n_variants : 1;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_proposal_writer_stream_async);

  st = g_new0 (StreamState, 1);
  st->results = g_ptr_array_new_full (n, (GDestroyNotify) lancer_ai_result_free);
  st->errors = g_ptr_array_new_full (n, error_free0);
  g_ptr_array_set_size (st->results, n);
  g_ptr_array_set_size (st->errors, n);
  st->pending = n;
  st->delta_func = delta_func;
  st->delta_data = delta_data;
  st->delta_destroy = delta_destroy;
  g_task_set_task_data (task, st, stream_state_free);

  for (guint v = 0; v < n; v++)
    {
      g_autoptr(LancerAiRequest) req = lancer_proposal_writer_build_request (self, job, profile, options, v);
      VariantData *vd = g_new0 (VariantData, 1);

      vd->task = g_object_ref (task);
      vd->variant = v;
      /* vd is freed in variant_done_cb, after the last delta. */
      lancer_ai_provider_stream_chat_async (self->provider, req, variant_delta_cb, vd, NULL,
                                            cancellable, variant_done_cb, vd);
    }
}

GPtrArray *
lancer_proposal_writer_stream_finish (LancerProposalWriter  *self,
                                      GAsyncResult          *result,
                                      GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
