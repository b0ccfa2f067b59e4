/* test-scorer.c: the local success score on a synthetic history.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Outcomes are drawn from a known logistic signal (verified payment, few
 * proposals, skills overlap, client rating); a model trained on 400 of them
 * must rank 300 held-out proposals with AUC ≥ 0.75.
 */
#include "config.h"

#include <math.h>

#include "lancer-sandbox-data.h"
#include "lancer-scorer.h"
#include "lancer-test-util.h"

static const char * const user_skills[] = { "Python", "Django", "PostgreSQL", "JavaScript", "React", NULL };

static double
overlap (LancerJob *job)
{
  const char * const *skills = lancer_job_get_skills (job);
  guint n = 0, hit = 0;

  for (guint i = 0; skills != NULL && skills[i] != NULL; i++, n++)
    for (guint k = 0; user_skills[k] != NULL; k++)
      if (g_ascii_strcasecmp (skills[i], user_skills[k]) == 0)
        hit++;
  return n > 0 ? (double) hit / n : 0;
}

static GPtrArray *
synthetic_history (guint   n,
                   guint32 seed)
{
  g_autoptr(LancerSandboxData) data = lancer_sandbox_data_new (seed);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed * 7 + 1);
  GPtrArray *outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_scorer_outcome_free);
  gint64 now = 1780000000;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LancerJob) job = lancer_sandbox_data_next_job (data, now, 30 * 24 * 3600);
      double rating = lancer_job_get_client_rating (job);
      double z = -1.5;
      gboolean success;

      /* Mix in some jobs with the user's skills so the overlap varies. */
      if (g_rand_boolean (rand))
        {
          const char *mine[] = { user_skills[g_rand_int_range (rand, 0, 5)], "Git", NULL };

          lancer_job_set_skills (job, mine);
        }
      z += lancer_job_get_client_payment_verified (job) ? 1.5 : -1.0;
      z += lancer_job_get_proposals (job) < 10 ? 1.2 : lancer_job_get_proposals (job) >= 20 ? -1.0 : 0;
      z += 2.5 * overlap (job);
      z += (!isnan (rating) && rating >= 4.5) ? 0.8 : 0;
      success = g_rand_double (rand) < 1.0 / (1.0 + exp (-z));
      g_ptr_array_add (outcomes, lancer_scorer_outcome_new (job, lancer_job_get_posted_at (job) + 1800, success));
    }
  return outcomes;
}

static void
trained_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean *done = user_data;

  g_assert_true (lancer_scorer_train_finish (LANCER_SCORER (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
train (LancerScorer *scorer,
       GPtrArray    *outcomes)
{
  gboolean done = FALSE;

  lancer_scorer_train_async (scorer, outcomes, NULL, trained_cb, &done);
  g_assert_true (lancer_test_wait_flag (&done, 30));
}

static void
test_heuristic_until_30 (void)
{
  g_autoptr(LancerScorer) scorer = lancer_scorer_new ();
  g_autoptr(GPtrArray) few = synthetic_history (29, 3);
  g_autoptr(LancerScore) score = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  LancerScorerOutcome *o;

  lancer_scorer_set_user_skills (scorer, user_skills);
  train (scorer, few);
  g_assert_false (lancer_scorer_get_trained (scorer));
  name = lancer_scorer_dup_model_name (scorer);
  g_assert_true (g_str_has_prefix (name, "heuristic"));

  o = g_ptr_array_index (few, 0);
  score = lancer_scorer_score (scorer, o->job, o->sent_at);
  g_assert_true (score->heuristic);
  g_assert_cmpfloat (score->score, >=, 0);
  g_assert_cmpfloat (score->score, <=, 100);
  g_assert_cmpuint (score->reasons->len, >, 2);
  /* Largest contribution first. */
  for (guint i = 1; i < score->reasons->len; i++)
    g_assert_cmpfloat (fabs (((LancerScoreReason *) score->reasons->pdata[i - 1])->contribution), >=,
                       fabs (((LancerScoreReason *) score->reasons->pdata[i])->contribution));
  g_assert_nonnull (strstr (lancer_scorer_get_heuristic_formula (), "30"));

  text = lancer_score_serialize_reasons (score, 3);
  parsed = lancer_score_parse_reasons (text);
  g_assert_cmpuint (parsed->len, ==, 3);
  g_assert_cmpstr (((LancerScoreReason *) parsed->pdata[0])->text, ==,
                   ((LancerScoreReason *) score->reasons->pdata[0])->text);

  /* A verified client beats the same job from an unverified one. */
  {
    g_autoptr(LancerJob) a = lancer_job_copy (o->job);
    g_autoptr(LancerJob) b = lancer_job_copy (o->job);
    g_autoptr(LancerScore) sa = NULL, sb = NULL;

    lancer_job_set_client_payment_verified (a, TRUE);
    lancer_job_set_client_payment_verified (b, FALSE);
    sa = lancer_scorer_score (scorer, a, o->sent_at);
    sb = lancer_scorer_score (scorer, b, o->sent_at);
    g_assert_cmpfloat (sa->score, >, sb->score);
  }
}

static void
test_learns_signal (void)
{
  g_autoptr(LancerScorer) scorer = lancer_scorer_new ();
  g_autoptr(GPtrArray) history = synthetic_history (700, 11);
  g_autoptr(GPtrArray) train_set = g_ptr_array_new ();
  g_autofree double *scores = NULL;
  g_autofree gboolean *labels = NULL;
  guint n_test = 0, n_pos = 0;
  double auc;
  gboolean changed = FALSE;

  lancer_scorer_set_user_skills (scorer, user_skills);
  for (guint i = 0; i < 400; i++)
    g_ptr_array_add (train_set, g_ptr_array_index (history, i));
  g_signal_connect_swapped (scorer, "model-changed", G_CALLBACK (g_nullify_pointer), &changed);
  changed = TRUE;
  train (scorer, train_set);
  g_assert_false (changed);   /* nulled by ::model-changed */
  g_assert_true (lancer_scorer_get_trained (scorer));
  g_assert_cmpuint (lancer_scorer_get_n_outcomes (scorer), ==, 400);

  scores = g_new (double, history->len);
  labels = g_new (gboolean, history->len);
  for (guint i = 400; i < history->len; i++, n_test++)
    {
      LancerScorerOutcome *o = g_ptr_array_index (history, i);
      g_autoptr(LancerScore) score = lancer_scorer_score (scorer, o->job, o->sent_at);

      g_assert_false (score->heuristic);
      g_assert_cmpuint (score->reasons->len, >, 0);
      scores[n_test] = score->score;
      labels[n_test] = o->success;
      n_pos += o->success;
    }
  g_assert_cmpuint (n_pos, >, 30);
  g_assert_cmpuint (n_pos, <, n_test - 30);
  auc = lancer_scorer_auc (scores, labels, n_test);
  g_test_message ("held-out AUC %.3f over %u proposals (%u successes)", auc, n_test, n_pos);
  g_assert_cmpfloat (auc, >=, 0.75);
}

static void
test_auc (void)
{
  double s[] = { 0.9, 0.8, 0.3, 0.1 };
  gboolean l[] = { TRUE, FALSE, TRUE, FALSE };

  g_assert_cmpfloat_with_epsilon (lancer_scorer_auc (s, l, 4), 0.75, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/insight/scorer/auc", test_auc);
  g_test_add_func ("/insight/scorer/heuristic-until-30", test_heuristic_until_30);
  g_test_add_func ("/insight/scorer/learns-signal", test_learns_signal);
  return g_test_run ();
}
