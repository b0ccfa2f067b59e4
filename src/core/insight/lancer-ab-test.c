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

/* Continued fraction for the incomplete beta (Lentz's method). */
static double
beta_cf (double a,
         double b,
         double x)
{
  const double tiny = 1e-300;
  double qab = a + b, qap = a + 1.0, qam = a - 1.0;
  double c = 1.0, d = 1.0 - qab * x / qap, h;

  if (fabs (d) < tiny)
    d = tiny;
  d = 1.0 / d;
  h = d;
  for (int m = 1; m <= 300; m++)
    {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
      double del;

      d = 1.0 + aa * d;
      if (fabs (d) < tiny)
        d = tiny;
      c = 1.0 + aa / c;
      if (fabs (c) < tiny)
        c = tiny;
      d = 1.0 / d;
      h *= d * c;
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
      d = 1.0 + aa * d;
      if (fabs (d) < tiny)
        d = tiny;
      c = 1.0 + aa / c;
      if (fabs (c) < tiny)
        c = tiny;
      d = 1.0 / d;
      del = d * c;
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

LancerAbComparison *
lancer_ab_comparison_new (const char *name_a,
                          guint       sent_a,
                          guint       wins_a,
                          const char *name_b,
                          guint       sent_b,
                          guint       wins_b)
{
  LancerAbComparison *c = g_new0 (LancerAbComparison, 1);
  double p;

  c->name_a = g_strdup (name_a);
  c->name_b = g_strdup (name_b);
  c->sent_a = sent_a;
  c->wins_a = wins_a;
  c->sent_b = sent_b;
  c->wins_b = wins_b;
  c->rate_a = (1.0 + wins_a) / (2.0 + sent_a);
  c->rate_b = (1.0 + wins_b) / (2.0 + sent_b);
  lancer_ab_credible_interval (sent_a, wins_a, 0.95, &c->low_a, &c->high_a);
  lancer_ab_credible_interval (sent_b, wins_b, 0.95, &c->low_b, &c->high_b);
  c->prob_b_beats_a = p = lancer_ab_prob_b_beats_a (sent_a, wins_a, sent_b, wins_b);
  c->too_few = sent_a < LANCER_AB_MIN_SAMPLE || sent_b < LANCER_AB_MIN_SAMPLE;

  if (c->too_few)
    c->verdict = g_strdup_printf (ngettext ("Too few proposals to say: each variant needs at least %d sent "
                                            "(now %u and %u). Keep both running.",
                                            "Too few proposals to say: each variant needs at least %d sent "
                                            "(now %u and %u). Keep both running.",
                                            LANCER_AB_MIN_SAMPLE),
                                  LANCER_AB_MIN_SAMPLE, sent_a, sent_b);
  else if (p >= 0.95)
    c->verdict = g_strdup_printf (_("“%s” very likely wins more often (%.0f %% probability)."),
                                  name_b, p * 100);
  else if (p <= 0.05)
    c->verdict = g_strdup_printf (_("“%s” very likely wins more often (%.0f %% probability)."),
                                  name_a, (1 - p) * 100);
  else
    c->verdict = g_strdup_printf (_("No clear winner yet: “%s” beats “%s” with %.0f %% probability."),
                                  p >= 0.5 ? name_b : name_a,
                                  p >= 0.5 ? name_a : name_b,
                                  (p >= 0.5 ? p : 1 - p) * 100);
  return c;
}

void
lancer_ab_comparison_free (LancerAbComparison *comparison)
{
  if (comparison == NULL)
    return;
  g_free (comparison->name_a);
  g_free (comparison->name_b);
  g_free (comparison->verdict);
  g_free (comparison);
}
