/* lancer-ab-test.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-ab-test"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lancer-ab-test.h"

static double
log_beta (double a,
          double b)
{
  return lgamma (a) + lgamma (b) - lgamma (a + b);
}

double
lancer_ab_prob_b_beats_a (guint sent_a,
                          guint wins_a,
                          guint sent_b,
                          guint wins_b)
{
  double alpha_a, beta_a, alpha_b, beta_b;
  double lb_a, total = 0;

  g_return_val_if_fail (wins_a <= sent_a && wins_b <= sent_b, NAN);

  alpha_a = 1.0 + wins_a;
  beta_a = 1.0 + sent_a - wins_a;
  alpha_b = 1.0 + wins_b;
  beta_b = 1.0 + sent_b - wins_b;
  lb_a = log_beta (alpha_a, beta_a);

  /* Evan Miller's closed form for integer alpha_b:
   * sum_{i=0}^{alpha_b-1} B(alpha_a+i, beta_a+beta_b) /
   *                       ((beta_b+i) B(1+i, beta_b) B(alpha_a, beta_a)) */
  for (guint i = 0; i < (guint) alpha_b; i++)
    total += exp (log_beta (alpha_a + i, beta_a + beta_b)
                  - log (beta_b + i)
                  - log_beta (1.0 + i, beta_b)
                  - lb_a);

  return CLAMP (total, 0.0, 1.0);
}

/* Lentz's method keeps its divisors away from zero with this. */
#define LENTZ_TINY 1e-300

/* One term of Lentz's method: folds coefficient @aa into @c and @d and
 * returns the factor it multiplies the fraction by. */
static double
lentz_step (double  aa,
            double *c,
            double *d)
{
  *d = 1.0 + aa * *d;
  if (fabs (*d) < LENTZ_TINY)
    *d = LENTZ_TINY;
  *c = 1.0 + aa / *c;
  if (fabs (*c) < LENTZ_TINY)
    *c = LENTZ_TINY;
  *d = 1.0 / *d;
  return *d * *c;
}

/* Continued fraction for the incomplete beta (Lentz's method). */
static double
beta_cf (double a,
         double b,
         double x)
{
  double qab = a + b, qap = a + 1.0, qam = a - 1.0;
  double c = 1.0, d = 1.0 - qab * x / qap, h;

  if (fabs (d) < LENTZ_TINY)
    d = LENTZ_TINY;
  d = 1.0 / d;
  h = d;
  for (int m = 1; m <= 300; m++)
    {
      int m2 = 2 * m;
      double del;

      /* The even term, then the odd one. */
      h *= lentz_step (m * (b - m) * x / ((qam + m2) * (a + m2)), &c, &d);
      del = lentz_step (-(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)), &c, &d);
      h *= del;
      if (fabs (del - 1.0) < 1e-14)
        break;
    }
  return h;
}

double
lancer_ab_beta_cdf (double x,
                    double a,
                    double b)
{
  double front;

  if (x <= 0)
    return 0;
  if (x >= 1)
    return 1;

  front = exp (a * log (x) + b * log1p (-x) - log_beta (a, b));
  if (x < (a + 1.0) / (a + b + 2.0))
    return front * beta_cf (a, b, x) / a;
  return 1.0 - front * beta_cf (b, a, 1.0 - x) / b;
}

static double
beta_quantile (double p,
               double a,
               double b)
{
  double lo = 0, hi = 1;

  for (int i = 0; i < 64; i++)
    {
      double mid = (lo + hi) / 2;

      if (lancer_ab_beta_cdf (mid, a, b) < p)
        lo = mid;
      else
        hi = mid;
    }
  return (lo + hi) / 2;
}

void
lancer_ab_credible_interval (guint   sent,
                             guint   wins,
                             double  level,
                             double *low,
                             double *high)
{
  double a, b, tail;

  g_return_if_fail (wins <= sent);
  g_return_if_fail (level > 0 && level < 1);

  a = 1.0 + wins;
  b = 1.0 + sent - wins;
  tail = (1.0 - level) / 2;
  if (low != NULL)
    *low = beta_quantile (tail, a, b);
  if (high != NULL)
    *high = beta_quantile (1.0 - tail, a, b);
}

double
lancer_ab_evidence (guint wins_a,
                    guint losses_a,
                    guint wins_b,
                    guint losses_b)
{
  double wins = (double) wins_a + wins_b, losses = (double) losses_a + losses_b;
  double log_mixture, log_pooled = 0;

  /* B(1 + w, 1 + l) is the chance of one given sequence of w wins and l
   * losses when the rate is uniform on [0, 1]. */
  log_mixture = log_beta (1.0 + wins_a, 1.0 + losses_a) + log_beta (1.0 + wins_b, 1.0 + losses_b);
  if (wins > 0)
    log_pooled += wins * log (wins / (wins + losses));
  if (losses > 0)
    log_pooled += losses * log (losses / (wins + losses));
  return exp (log_mixture - log_pooled);
}

static int
leader_of (guint         n,
           const guint  *wins,
           const guint  *losses)
{
  int leader = -1;
  double best = -1;

  for (guint k = 0; k < n; k++)
    {
      double mean = (1.0 + wins[k]) / (2.0 + wins[k] + losses[k]);

      if (mean > best)
        {
          best = mean;
          leader = (int) k;
        }
    }
  return leader;
}

int
lancer_ab_decide (guint         n,
                  const guint  *wins,
                  const guint  *losses)
{
  int leader;
  double threshold;

  if (n < 2)
    return -1;
  for (guint k = 0; k < n; k++)
    if (wins[k] + losses[k] < LANCER_AB_MIN_DECIDED)
      return -1;

  /* Bonferroni over every pair: under "all equal" no pair may cross. */
  threshold = (n * (n - 1) / 2.0) / LANCER_AB_ALPHA;
  leader = leader_of (n, wins, losses);
  for (guint k = 0; k < n; k++)
    {
      double rate_leader = (double) wins[leader] / (wins[leader] + losses[leader]);
      double rate_k = (double) wins[k] / (wins[k] + losses[k]);

      if ((int) k == leader)
        continue;
      if (rate_leader <= rate_k || lancer_ab_evidence (wins[leader], losses[leader], wins[k], losses[k]) < threshold)
        return -1;
    }
  return leader;
}

char *
lancer_ab_dup_rule_text (void)
{
  return g_strdup_printf (ngettext ("How a winner is named: only once every variant has at least %d decided proposal "
                                     "(hired, declined, withdrawn or archived; pending ones wait), and only when the "
                                     "evidence would point at a wrong winner at most 1 time in %d, however often you "
                                     "look. All variants are compared together.",
                                     "How a winner is named: only once every variant has at least %d decided proposals "
                                     "(hired, declined, withdrawn or archived; pending ones wait), and only when the "
                                     "evidence would point at a wrong winner at most 1 time in %d, however often you "
                                     "look. All variants are compared together.",
                                     LANCER_AB_MIN_DECIDED),
                          LANCER_AB_MIN_DECIDED, (int) round (1 / LANCER_AB_ALPHA));
}

char *
lancer_ab_format_probability (double p)
{
  if (isnan (p))
    return g_strdup ("—");
  /* Floor, so 94.6 % never reads as 95 %. */
  return g_strdup_printf ("%d %%", (int) floor (CLAMP (p, 0, 1) * 100 + 1e-9));
}

/* P(variant k has the highest rate) for every k, by the midpoint rule on
 * a fine grid: ∫ f_k(x) Π_{j≠k} F_j(x) dx. Deterministic. */
#define GRID 2000

static void
compute_prob_best (GPtrArray *variants)
{
  guint n = variants->len;
  g_autofree double *cdf = g_new (double, (gsize) n * GRID);
  g_autofree double *total = g_new0 (double, n);

  for (guint k = 0; k < n; k++)
    {
      LancerAbVariant *v = variants->pdata[k];

      for (guint i = 0; i < GRID; i++)
        cdf[k * GRID + i] = lancer_ab_beta_cdf ((i + 0.5) / GRID, 1.0 + v->wins, 1.0 + v->losses);
    }
  for (guint k = 0; k < n; k++)
    {
      LancerAbVariant *v = variants->pdata[k];
      double a = 1.0 + v->wins, b = 1.0 + v->losses, lb = log_beta (a, b);

      for (guint i = 0; i < GRID; i++)
        {
          double x = (i + 0.5) / GRID;
          double term = exp ((a - 1) * log (x) + (b - 1) * log1p (-x) - lb) / GRID;

          for (guint j = 0; j < n && term > 0; j++)
            if (j != k)
              term *= cdf[j * GRID + i];
          total[k] += term;
        }
    }
  for (guint k = 0; k < n; k++)
    ((LancerAbVariant *) variants->pdata[k])->prob_best = CLAMP (total[k], 0.0, 1.0);
}

static void
variant_free (gpointer data)
{
  LancerAbVariant *v = data;

  g_free (v->name);
  g_free (v);
}

LancerAbTest *
lancer_ab_test_new (guint               n,
                    const char * const *names,
                    const guint        *sent,
                    const guint        *wins,
                    const guint        *losses)
{
  LancerAbTest *test = g_new0 (LancerAbTest, 1);
  g_autoptr(GString) counts = g_string_new (NULL);

  test->variants = g_ptr_array_new_with_free_func (variant_free);
  test->winner = test->leader = -1;
  for (guint k = 0; k < n; k++)
    {
      LancerAbVariant *v = g_new0 (LancerAbVariant, 1);

      v->name = g_strdup (names[k]);
      v->sent = sent[k];
      v->wins = wins[k];
      v->losses = losses[k];
      v->pending = sent[k] > wins[k] + losses[k] ? sent[k] - wins[k] - losses[k] : 0;
      v->rate = (1.0 + v->wins) / (2.0 + v->wins + v->losses);
      lancer_ab_credible_interval (v->wins + v->losses, v->wins, 0.95, &v->low, &v->high);
      v->prob_best = NAN;
      g_ptr_array_add (test->variants, v);
      if (wins[k] + losses[k] < LANCER_AB_MIN_DECIDED)
        test->too_few = TRUE;
      if (counts->len > 0)
        g_string_append (counts, ", ");
      /* TRANSLATORS: a variant and its number of decided proposals, e.g. “Short”: 12 */
      g_string_append_printf (counts, _("“%s”: %u"), names[k], wins[k] + losses[k]);
    }
  if (n < 2)
    {
      test->verdict = g_strdup (_("Send proposals from two or more variants to compare them."));
      return test;
    }

  if (n == 2)
    {
      LancerAbVariant *a = test->variants->pdata[0], *b = test->variants->pdata[1];

      b->prob_best = lancer_ab_prob_b_beats_a (a->wins + a->losses, a->wins, b->wins + b->losses, b->wins);
      a->prob_best = 1.0 - b->prob_best;
    }
  else
    compute_prob_best (test->variants);

  test->leader = leader_of (n, wins, losses);
  test->winner = lancer_ab_decide (n, wins, losses);

  if (test->too_few)
    test->verdict = g_strdup_printf (ngettext ("Too few decided proposals to say: each variant needs at least %d "
                                               "that was hired or closed (now %s). Keep them all running.",
                                               "Too few decided proposals to say: each variant needs at least %d "
                                               "that were hired or closed (now %s). Keep them all running.",
                                               LANCER_AB_MIN_DECIDED),
                                     LANCER_AB_MIN_DECIDED, counts->str);
  else if (test->winner >= 0)
    {
      LancerAbVariant *w = test->variants->pdata[test->winner];

      test->verdict = g_strdup_printf (_("“%s” wins more often: %.1f %% of its decided proposals were hired. "
                                         "The evidence passes the rule below."),
                                       w->name, 100.0 * w->wins / MAX (w->wins + w->losses, 1));
    }
  else
    {
      LancerAbVariant *l = test->variants->pdata[test->leader];
      g_autofree char *chance = lancer_ab_format_probability (l->prob_best);

      test->verdict = g_strdup_printf (_("No winner yet: “%s” leads (%s chance it is the best), but the evidence "
                                         "does not pass the rule below. Keep them all running."),
                                       l->name, chance);
    }
  return test;
}

void
lancer_ab_test_free (LancerAbTest *test)
{
  if (test == NULL)
    return;
  g_ptr_array_unref (test->variants);
  g_free (test->verdict);
  g_free (test);
}
