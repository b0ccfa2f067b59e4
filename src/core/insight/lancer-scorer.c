/* lancer-scorer.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-scorer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <linear.h>
#include <math.h>

#include "lancer-format.h"
#include "lancer-red-flags.h"
#include "lancer-scorer.h"
#include "lancer-store-scores.h"

/* Features. Bands are one-hot; a few values are real numbers in 0–1.
 * Country and category are hashed into HASH_BUCKETS slots each. */
enum
{
  F_NONE,
  F_FIXED_LT100, F_FIXED_100_500, F_FIXED_500_2000, F_FIXED_GE2000, F_FIXED_NONE,
  F_RATE_LT20, F_RATE_20_40, F_RATE_40_70, F_RATE_GE70, F_RATE_NONE,
  F_SPEND, F_SPEND_ZERO,
  F_HIRE_RATE, F_HIRE_UNKNOWN,
  F_RATING, F_RATING_NONE,
  F_VERIFIED, F_UNVERIFIED,
  F_PROP_LT5, F_PROP_5_10, F_PROP_10_20, F_PROP_20_50, F_PROP_GE50,
  F_SKILLS,
  F_DESC_SHORT, F_DESC_MEDIUM, F_DESC_LONG,
  F_AGE_LT1, F_AGE_1_6, F_AGE_6_24, F_AGE_GE24,
  F_EXP_ENTRY, F_EXP_INTERMEDIATE, F_EXP_EXPERT,
  F_COUNTRY,
};
#define HASH_BUCKETS 32
#define F_CATEGORY (F_COUNTRY + HASH_BUCKETS)
#define N_FEATURES (F_CATEGORY + HASH_BUCKETS)   /* highest index + 1 */
#define MAX_NODES  24

typedef struct
{
  struct feature_node nodes[MAX_NODES];
  guint               n;
} Features;

struct _LancerScorer
{
  GObject        parent_instance;

  GMutex         mutex;
  char         **user_skills;    /* lower case */
  double         budget_floor;
  double         rate_floor;
  struct model  *model;          /* NULL: heuristic */
  gboolean       positive_first; /* model->label[0] == +1 */
  guint          n_outcomes;
  guint          generation;
};

G_DEFINE_FINAL_TYPE (LancerScorer, lancer_scorer, G_TYPE_OBJECT)

enum { MODEL_CHANGED, N_SIGNALS };
static guint signals [N_SIGNALS];

LancerScorerOutcome *
lancer_scorer_outcome_new (LancerJob *job,
                           gint64     sent_at,
                           gboolean   success)
{
  LancerScorerOutcome *o = g_new0 (LancerScorerOutcome, 1);

  o->job = g_object_ref (job);
  o->sent_at = sent_at;
  o->success = success;
  return o;
}

void
lancer_scorer_outcome_free (LancerScorerOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_clear_object (&outcome->job);
  g_free (outcome);
}

static void
reason_free (LancerScoreReason *r)
{
  g_free (r->text);
  g_free (r);
}

void
lancer_score_free (LancerScore *score)
{
  if (score == NULL)
    return;
  g_clear_pointer (&score->reasons, g_ptr_array_unref);
  g_free (score);
}

char *
lancer_score_serialize_reasons (const LancerScore *score,
                                guint              max_reasons)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; score != NULL && i < score->reasons->len && i < max_reasons; i++)
    {
      LancerScoreReason *r = g_ptr_array_index (score->reasons, i);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *text = g_strdelimit (g_strdup (r->text), "|\n", ' ');

      g_string_append_printf (out, "%s%s|%s", i > 0 ? "\n" : "", text,
                              g_ascii_formatd (buf, sizeof buf, "%.3f", r->contribution));
    }
  return g_string_free (out, FALSE);
}

GPtrArray *
lancer_score_parse_reasons (const char *explanation)
{
  GPtrArray *reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) reason_free);
  g_auto(GStrv) lines = NULL;

  if (explanation == NULL)
    return reasons;
  lines = g_strsplit (explanation, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *bar = strrchr (lines[i], '|');
      LancerScoreReason *r;

      if (bar == NULL)
        continue;
      r = g_new0 (LancerScoreReason, 1);
      r->text = g_strndup (lines[i], bar - lines[i]);
      r->contribution = g_ascii_strtod (bar + 1, NULL);
      g_ptr_array_add (reasons, r);
    }
  return reasons;
}

static guint
hash_bucket (const char *s)
{
  g_autofree char *folded = NULL;

  if (s == NULL || *s == '\0')
    return 0;
  folded = g_utf8_casefold (s, -1);
  return g_str_hash (folded) % HASH_BUCKETS;
}

static double
skills_overlap (char      **user_skills,
                LancerJob  *job)
{
  const char * const *skills = lancer_job_get_skills (job);
  guint n = 0, hit = 0;

  if (skills == NULL || user_skills == NULL || user_skills[0] == NULL)
    return 0;
  for (guint i = 0; skills[i] != NULL; i++)
    {
      g_autofree char *folded = g_utf8_casefold (skills[i], -1);

      n++;
      if (g_strv_contains ((const char * const *) user_skills, g_strstrip (folded)))
        hit++;
    }
  return n > 0 ? (double) hit / n : 0;
}

static void
add (Features *f,
     int       index,
     double    value)
{
  if (value == 0 || f->n >= MAX_NODES - 2)
    return;
  f->nodes[f->n].index = index;
  f->nodes[f->n].value = value;
  f->n++;
}

static int
node_cmp (gconstpointer a,
          gconstpointer b)
{
  return ((const struct feature_node *) a)->index - ((const struct feature_node *) b)->index;
}

/* @now: when the proposal is (or was) sent, for the posted-age bands. */
static void
extract (char      **user_skills,
         LancerJob  *job,
         gint64      now,
         Features   *f)
{
  double budget = lancer_job_get_budget (job);
  double spent = lancer_job_get_client_total_spent (job);
  double hire = lancer_job_compute_hire_rate (job);
  double rating = lancer_job_get_client_rating (job);
  int proposals = lancer_job_get_proposals (job);
  gsize desc = strlen (lancer_job_get_description (job) ? lancer_job_get_description (job) : "");
  double age_h = (now - lancer_job_get_posted_at (job)) / 3600.0;
  guint exp;

  f->n = 0;
  if (lancer_job_get_job_type (job) == LANCER_JOB_TYPE_FIXED)
    {
      if (isnan (budget) || budget <= 0) add (f, F_FIXED_NONE, 1);
      else if (budget < 100) add (f, F_FIXED_LT100, 1);
      else if (budget < 500) add (f, F_FIXED_100_500, 1);
      else if (budget < 2000) add (f, F_FIXED_500_2000, 1);
      else add (f, F_FIXED_GE2000, 1);
    }
  else
    {
      double top = lancer_job_get_hourly_max (job);

      if (isnan (top))
        top = lancer_job_get_hourly_min (job);
      if (isnan (top) || top <= 0) add (f, F_RATE_NONE, 1);
      else if (top < 20) add (f, F_RATE_LT20, 1);
      else if (top < 40) add (f, F_RATE_20_40, 1);
      else if (top < 70) add (f, F_RATE_40_70, 1);
      else add (f, F_RATE_GE70, 1);
    }
  if (!isnan (spent) && spent > 0)
    add (f, F_SPEND, MIN (1.0, log10 (1 + spent) / 6.0));
  else
    add (f, F_SPEND_ZERO, 1);
  if (isnan (hire))
    add (f, F_HIRE_UNKNOWN, 1);
  else
    add (f, F_HIRE_RATE, CLAMP (hire, 0.001, 1));
  if (isnan (rating) || rating <= 0)
    add (f, F_RATING_NONE, 1);
  else
    add (f, F_RATING, CLAMP ((rating - 3.0) / 2.0, -1, 1));
  add (f, lancer_job_get_client_payment_verified (job) ? F_VERIFIED : F_UNVERIFIED, 1);
  if (proposals < 5) add (f, F_PROP_LT5, 1);
  else if (proposals < 10) add (f, F_PROP_5_10, 1);
  else if (proposals < 20) add (f, F_PROP_10_20, 1);
  else if (proposals < 50) add (f, F_PROP_20_50, 1);
  else add (f, F_PROP_GE50, 1);
  add (f, F_SKILLS, skills_overlap (user_skills, job));
  add (f, desc < 300 ? F_DESC_SHORT : desc < 1200 ? F_DESC_MEDIUM : F_DESC_LONG, 1);
  add (f, age_h < 1 ? F_AGE_LT1 : age_h < 6 ? F_AGE_1_6 : age_h < 24 ? F_AGE_6_24 : F_AGE_GE24, 1);
  exp = 0;
  {
    const char *level = lancer_job_get_experience_level (job);

    if (level != NULL && g_ascii_strncasecmp (level, "ENTRY", 5) == 0) exp = F_EXP_ENTRY;
    else if (g_strcmp0 (level, "INTERMEDIATE") == 0) exp = F_EXP_INTERMEDIATE;
    else if (g_strcmp0 (level, "EXPERT") == 0) exp = F_EXP_EXPERT;
  }
  if (exp != 0)
    add (f, exp, 1);
  if (lancer_job_get_client_country (job) != NULL)
    add (f, F_COUNTRY + hash_bucket (lancer_job_get_client_country (job)), 1);
  if (lancer_job_get_category (job) != NULL)
    add (f, F_CATEGORY + hash_bucket (lancer_job_get_category (job)), 1);
  qsort (f->nodes, f->n, sizeof f->nodes[0], node_cmp);
}

static char *
feature_text (int        index,
              LancerJob *job,
              gint64     now)
{
  switch (index)
    {
    case F_FIXED_LT100: return g_strdup (_("Fixed budget under $100"));
    case F_FIXED_100_500: return g_strdup (_("Fixed budget $100–$500"));
    case F_FIXED_500_2000: return g_strdup (_("Fixed budget $500–$2,000"));
    case F_FIXED_GE2000: return g_strdup (_("Fixed budget $2,000 or more"));
    case F_FIXED_NONE: return g_strdup (_("No budget given"));
    case F_RATE_LT20: return g_strdup (_("Hourly rate under $20"));
    case F_RATE_20_40: return g_strdup (_("Hourly rate $20–$40"));
    case F_RATE_40_70: return g_strdup (_("Hourly rate $40–$70"));
    case F_RATE_GE70: return g_strdup (_("Hourly rate $70 or more"));
    case F_RATE_NONE: return g_strdup (_("Hourly rate not given"));
    case F_SPEND:
      {
        g_autofree char *money = lancer_format_money_compact (lancer_job_get_client_total_spent (job), "USD");
        /* Translators: e.g. "Client spent $12K" */
        return g_strdup_printf (_("Client spent %s"), money);
      }
    case F_SPEND_ZERO: return g_strdup (_("Client has spent nothing yet"));
    case F_HIRE_RATE:
      /* Translators: e.g. "Client hire rate 75%" */
      return g_strdup_printf (_("Client hire rate %.0f%%"), lancer_job_compute_hire_rate (job) * 100);
    case F_HIRE_UNKNOWN: return g_strdup (_("Client hire rate unknown"));
    case F_RATING:
      /* Translators: e.g. "Client rating 4.8" */
      return g_strdup_printf (_("Client rating %.1f"), lancer_job_get_client_rating (job));
    case F_RATING_NONE: return g_strdup (_("Client has no reviews"));
    case F_VERIFIED: return g_strdup (_("Payment verified"));
    case F_UNVERIFIED: return g_strdup (_("Payment not verified"));
    case F_PROP_LT5: return g_strdup (_("Fewer than 5 proposals"));
    case F_PROP_5_10: return g_strdup (_("5 to 10 proposals"));
    case F_PROP_10_20: return g_strdup (_("10 to 20 proposals"));
    case F_PROP_20_50: return g_strdup (_("20 to 50 proposals"));
    case F_PROP_GE50: return g_strdup (_("50 or more proposals"));
    case F_SKILLS: return g_strdup (_("Skills match yours"));
    case F_DESC_SHORT: return g_strdup (_("Short description"));
    case F_DESC_MEDIUM: return g_strdup (_("Medium-length description"));
    case F_DESC_LONG: return g_strdup (_("Detailed description"));
    case F_AGE_LT1: return g_strdup (_("Posted less than an hour ago"));
    case F_AGE_1_6: return g_strdup (_("Posted 1 to 6 hours ago"));
    case F_AGE_6_24: return g_strdup (_("Posted 6 to 24 hours ago"));
    case F_AGE_GE24: return g_strdup (_("Posted over a day ago"));
    case F_EXP_ENTRY: return g_strdup (_("Entry level"));
    case F_EXP_INTERMEDIATE: return g_strdup (_("Intermediate level"));
    case F_EXP_EXPERT: return g_strdup (_("Expert level"));
    default:
      break;
    }
  if (index >= F_COUNTRY && index < F_CATEGORY)
    /* Translators: e.g. "Client in Germany" */
    return g_strdup_printf (_("Client in %s"), lancer_job_get_client_country (job));
  if (index >= F_CATEGORY && index < N_FEATURES)
    /* Translators: the job's Upwork category */
    return g_strdup_printf (_("Category %s"), lancer_job_get_category (job));
  (void) now;
  return g_strdup ("?");
}

static int
reason_cmp (gconstpointer a,
            gconstpointer b)
{
  const LancerScoreReason *ra = *(LancerScoreReason **) a;
  const LancerScoreReason *rb = *(LancerScoreReason **) b;
  double d = fabs (rb->contribution) - fabs (ra->contribution);

  return d > 0 ? 1 : d < 0 ? -1 : 0;
}

static void
add_reason (GPtrArray *reasons,
            char      *text,
            double     contribution)
{
  LancerScoreReason *r;

  if (fabs (contribution) < 1e-6)
    {
      g_free (text);
      return;
    }
  r = g_new0 (LancerScoreReason, 1);
  r->text = text;
  r->contribution = contribution;
  g_ptr_array_add (reasons, r);
}

const char *
lancer_scorer_get_heuristic_formula (void)
{
  return _("Until 30 of your proposals have an outcome, the score is a rule of thumb, not learned from you: "
           "50 points, +10 if payment is verified (−15 if not), +3 × log₁₀(1 + client spend) up to +15, "
           "+30 × (hire rate − 0.5), +4 × (rating − 4), −0.5 per proposal over 5 (up to −20), "
           "+20 × the share of the job's skills you have, −2 per hour since posting (up to −10), "
           "−10 if the budget is under your floor; kept between 0 and 100.");
}

/* The heuristic, term by term (the same formula as the text above). */
static LancerScore *
score_heuristic (LancerScorer *self,
                 LancerJob    *job,
                 gint64        now)
{
  LancerScore *score = g_new0 (LancerScore, 1);
  double spent = lancer_job_get_client_total_spent (job);
  double hire = lancer_job_compute_hire_rate (job);
  double rating = lancer_job_get_client_rating (job);
  int proposals = lancer_job_get_proposals (job);
  double overlap = skills_overlap (self->user_skills, job);
  double age_h = MAX (0, (now - lancer_job_get_posted_at (job)) / 3600.0);
  double total = 50, term;

  score->heuristic = TRUE;
  score->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) reason_free);

  term = lancer_job_get_client_payment_verified (job) ? 10 : -15;
  add_reason (score->reasons, feature_text (term > 0 ? F_VERIFIED : F_UNVERIFIED, job, now), term);
  total += term;
  if (!isnan (spent) && spent > 0)
    {
      term = MIN (15, 3 * log10 (1 + spent));
      add_reason (score->reasons, feature_text (F_SPEND, job, now), term);
      total += term;
    }
  else
    add_reason (score->reasons, feature_text (F_SPEND_ZERO, job, now), -0.01);
  if (!isnan (hire))
    {
      term = 30 * (hire - 0.5);
      add_reason (score->reasons, feature_text (F_HIRE_RATE, job, now), term);
      total += term;
    }
  if (!isnan (rating) && rating > 0)
    {
      term = 4 * (rating - 4);
      add_reason (score->reasons, feature_text (F_RATING, job, now), term);
      total += term;
    }
  if (proposals > 5)
    {
      term = -MIN (20, 0.5 * (proposals - 5));
      add_reason (score->reasons,
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d proposal already", "%d proposals already", proposals),
                                   proposals), term);
      total += term;
    }
  else
    add_reason (score->reasons, feature_text (F_PROP_LT5, job, now), 0.01);
  if (self->user_skills != NULL && self->user_skills[0] != NULL)
    {
      term = 20 * overlap;
      add_reason (score->reasons, overlap > 0 ? feature_text (F_SKILLS, job, now)
                                              : g_strdup (_("None of your skills listed")), overlap > 0 ? term : -0.02);
      total += term;
    }
  term = -MIN (10, 2 * age_h);
  add_reason (score->reasons, feature_text (age_h < 1 ? F_AGE_LT1 : age_h < 6 ? F_AGE_1_6 : age_h < 24 ? F_AGE_6_24 : F_AGE_GE24,
                                            job, now), term);
  total += term;
  if (lancer_red_flags_check (job, self->budget_floor, self->rate_floor) & LANCER_RED_FLAG_UNDER_FLOOR)
    {
      add_reason (score->reasons, g_strdup (_("Budget under your floor")), -10);
      total -= 10;
    }
  score->score = CLAMP (total, 0, 100);
  g_ptr_array_sort (score->reasons, reason_cmp);
  return score;
}

static LancerScore *
score_model (LancerScorer *self,
             LancerJob    *job,
             gint64        now)
{
  LancerScore *score = g_new0 (LancerScore, 1);
  struct model *m = self->model;
  double sign = self->positive_first ? 1 : -1;
  double z = 0;
  Features f;

  extract (self->user_skills, job, now, &f);
  score->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) reason_free);
  for (guint i = 0; i < f.n; i++)
    {
      int index = f.nodes[i].index;
      double c;

      if (index > m->nr_feature)
        continue;
      c = sign * m->w[index - 1] * f.nodes[i].value;
      z += c;
      add_reason (score->reasons, feature_text (index, job, now), c);
    }
  if (m->bias >= 0)
    z += sign * m->w[m->nr_feature] * m->bias;
  score->score = 100.0 / (1.0 + exp (-z));
  g_ptr_array_sort (score->reasons, reason_cmp);
  return score;
}

LancerScore *
lancer_scorer_score (LancerScorer *self,
                     LancerJob    *job,
                     gint64        now)
{
  LancerScore *score;

  g_return_val_if_fail (LANCER_IS_SCORER (self), NULL);
  g_return_val_if_fail (LANCER_IS_JOB (job), NULL);

  g_mutex_lock (&self->mutex);
  score = self->model != NULL ? score_model (self, job, now) : score_heuristic (self, job, now);
  g_mutex_unlock (&self->mutex);
  return score;
}

void
lancer_scorer_set_user_skills (LancerScorer       *self,
                               const char * const *skills)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_if_fail (LANCER_IS_SCORER (self));

  for (guint i = 0; skills != NULL && skills[i] != NULL; i++)
    {
      g_autofree char *folded = g_utf8_casefold (skills[i], -1);

      g_strstrip (folded);
      if (*folded != '\0')
        g_strv_builder_add (builder, folded);
    }
  g_mutex_lock (&self->mutex);
  g_strfreev (self->user_skills);
  self->user_skills = g_strv_builder_end (builder);
  self->generation++;
  g_mutex_unlock (&self->mutex);
}

void
lancer_scorer_set_floors (LancerScorer *self,
                          double        budget_floor,
                          double        rate_floor)
{
  g_return_if_fail (LANCER_IS_SCORER (self));

  g_mutex_lock (&self->mutex);
  self->budget_floor = budget_floor;
  self->rate_floor = rate_floor;
  g_mutex_unlock (&self->mutex);
}

gboolean
lancer_scorer_get_trained (LancerScorer *self)
{
  gboolean trained;

  g_return_val_if_fail (LANCER_IS_SCORER (self), FALSE);

  g_mutex_lock (&self->mutex);
  trained = self->model != NULL;
  g_mutex_unlock (&self->mutex);
  return trained;
}

guint
lancer_scorer_get_n_outcomes (LancerScorer *self)
{
  g_return_val_if_fail (LANCER_IS_SCORER (self), 0);

  return self->n_outcomes;
}

char *
lancer_scorer_dup_model_name (LancerScorer *self)
{
  char *name;

  g_return_val_if_fail (LANCER_IS_SCORER (self), NULL);

  g_mutex_lock (&self->mutex);
  name = self->model != NULL ? g_strdup_printf ("logreg-%u-%u", self->n_outcomes, self->generation)
                             : g_strdup_printf ("heuristic-%u", self->generation);
  g_mutex_unlock (&self->mutex);
  return name;
}

/* Training */

typedef struct
{
  GPtrArray *outcomes;
  char     **user_skills;
} TrainData;

typedef struct
{
  struct model *model;
  guint         n;
} TrainResult;

/* What a training run reads off the main thread: @outcomes and a copy
 * of the skills as they are now. */
static TrainData *
train_data_new (LancerScorer *self,
                GPtrArray    *outcomes)
{
  TrainData *d = g_new0 (TrainData, 1);

  d->outcomes = g_ptr_array_ref (outcomes);
  g_mutex_lock (&self->mutex);
  d->user_skills = g_strdupv (self->user_skills);
  g_mutex_unlock (&self->mutex);
  return d;
}

static void
train_data_free (TrainData *d)
{
  g_ptr_array_unref (d->outcomes);
  g_strfreev (d->user_skills);
  g_free (d);
}

static void
train_result_free (TrainResult *r)
{
  if (r->model != NULL)
    free_and_destroy_model (&r->model);
  g_free (r);
}

static void
quiet_print (const char *s)
{
}

static void
train_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TrainData *d = task_data;
  TrainResult *result = g_new0 (TrainResult, 1);
  guint n = d->outcomes->len, n_pos = 0;
  struct problem prob = { 0 };
  struct parameter param = { 0 };
  struct feature_node *space;
  const char *problem;

  result->n = n;
  for (guint i = 0; i < n; i++)
    n_pos += ((LancerScorerOutcome *) g_ptr_array_index (d->outcomes, i))->success != FALSE;
  if (n < LANCER_SCORER_MIN_OUTCOMES || n_pos == 0 || n_pos == n)
    {
      g_task_return_pointer (task, result, (GDestroyNotify) train_result_free);
      return;
    }

  prob.l = (int) n;
  prob.n = N_FEATURES + 1;   /* features 1…N_FEATURES-1, then the bias */
  prob.bias = 1;
  prob.y = g_new (double, n);
  prob.x = g_new (struct feature_node *, n);
  space = g_new (struct feature_node, (gsize) n * MAX_NODES);
  for (guint i = 0; i < n; i++)
    {
      LancerScorerOutcome *o = g_ptr_array_index (d->outcomes, i);
      struct feature_node *x = space + (gsize) i * MAX_NODES;
      Features f;

      extract (d->user_skills, o->job, o->sent_at, &f);
      memcpy (x, f.nodes, f.n * sizeof f.nodes[0]);
      x[f.n].index = prob.n;
      x[f.n].value = prob.bias;
      x[f.n + 1].index = -1;
      prob.x[i] = x;
      prob.y[i] = o->success ? 1 : -1;
    }

  param.solver_type = L2R_LR;
  param.C = 1.0;
  param.eps = 0.01;
  set_print_string_function (quiet_print);
  problem = check_parameter (&prob, &param);
  if (problem == NULL && !g_cancellable_is_cancelled (cancellable))
    result->model = train (&prob, &param);

  g_free (space);
  g_free (prob.x);
  g_free (prob.y);
  if (problem != NULL)
    {
      train_result_free (result);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "liblinear: %s", problem);
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) train_result_free);
}

void
lancer_scorer_train_async (LancerScorer        *self,
                           GPtrArray           *outcomes,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LANCER_IS_SCORER (self));
  g_return_if_fail (outcomes != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_scorer_train_async);
  g_task_set_task_data (task, train_data_new (self, outcomes), (GDestroyNotify) train_data_free);
  g_task_run_in_thread (task, train_thread);
}

gboolean
lancer_scorer_train_finish (LancerScorer  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  TrainResult *r;
  struct model *old = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  r = g_task_propagate_pointer (G_TASK (result), error);
  if (r == NULL)
    return FALSE;

  g_mutex_lock (&self->mutex);
  old = self->model;
  self->model = g_steal_pointer (&r->model);
  if (self->model != NULL)
    {
      int labels[2];

      get_labels (self->model, labels);
      self->positive_first = labels[0] == 1;
    }
  self->n_outcomes = r->n;
  self->generation++;
  g_mutex_unlock (&self->mutex);

  if (old != NULL)
    free_and_destroy_model (&old);
  train_result_free (r);
  g_signal_emit (self, signals [MODEL_CHANGED], 0);
  return TRUE;
}

double
lancer_scorer_auc (const double   *scores,
                   const gboolean *labels,
                   guint           n)
{
  double pairs = 0, wins = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!labels[i])
        continue;
      for (guint j = 0; j < n; j++)
        {
          if (labels[j])
            continue;
          pairs++;
          if (scores[i] > scores[j])
            wins += 1;
          else if (scores[i] == scores[j])
            wins += 0.5;
        }
    }
  return pairs > 0 ? wins / pairs : 0.5;
}

/* Store glue: the rows live in lancer-store-scores.c. */

void
lancer_scorer_load_outcomes_async (LancerStore         *store,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  lancer_store_list_scorer_outcomes_async (store, cancellable, callback, user_data);
}

GPtrArray *
lancer_scorer_load_outcomes_finish (LancerStore   *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return lancer_store_list_scorer_outcomes_finish (store, result, error);
}

void
lancer_scorer_update_store_async (LancerScorer        *self,
                                  LancerStore         *store,
                                  guint                limit,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  /* The store checks both objects. */
  lancer_store_write_local_scores_async (store, self, limit, cancellable, callback, user_data);
}

gssize
lancer_scorer_update_store_finish (LancerScorer  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_autoptr(LancerStore) store = LANCER_STORE (g_async_result_get_source_object (result));

  return lancer_store_write_local_scores_finish (store, result, error);
}

static void
lancer_scorer_finalize (GObject *object)
{
  LancerScorer *self = LANCER_SCORER (object);

  if (self->model != NULL)
    free_and_destroy_model (&self->model);
  g_strfreev (self->user_skills);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (lancer_scorer_parent_class)->finalize (object);
}

static void
lancer_scorer_class_init (LancerScorerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lancer_scorer_finalize;

  signals [MODEL_CHANGED] =
    g_signal_new ("model-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lancer_scorer_init (LancerScorer *self)
{
  g_mutex_init (&self->mutex);
}

LancerScorer *
lancer_scorer_new (void)
{
  return g_object_new (LANCER_TYPE_SCORER, NULL);
}
