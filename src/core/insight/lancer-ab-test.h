/* lancer-ab-test.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each variant needs at least this many sent proposals before the
 * comparison is more than a hint. */
#define LANCER_AB_MIN_SAMPLE 30

/* P(p_b > p_a) when p_a ~ Beta(1 + wins_a, 1 + sent_a − wins_a) and p_b
 * likewise: the posterior under a uniform Beta(1,1) prior and binomial
 * outcomes. Exact (a finite sum over log-Beta terms), so deterministic. */
double  lancer_ab_prob_b_beats_a    (guint   sent_a,
                                     guint   wins_a,
                                     guint   sent_b,
                                     guint   wins_b);

/* The equal-tailed credible interval of Beta(1 + wins, 1 + sent − wins):
 * @level 0.95 gives the 2.5 % and 97.5 % quantiles. */
void    lancer_ab_credible_interval (guint   sent,
                                     guint   wins,
                                     double  level,
                                     double *low,
                                     double *high);

/* The regularised incomplete beta function I_x(a, b). */
double  lancer_ab_beta_cdf          (double  x,
                                     double  a,
                                     double  b);

typedef struct
{
  char     *name_a;
  char     *name_b;
  guint     sent_a, wins_a;
  guint     sent_b, wins_b;
  double    rate_a, rate_b;          /* posterior means */
  double    low_a, high_a;           /* 95 % credible intervals */
  double    low_b, high_b;
  double    prob_b_beats_a;
  gboolean  too_few;                 /* either side below LANCER_AB_MIN_SAMPLE */
  char     *verdict;                 /* translated, plain words */
} LancerAbComparison;

LancerAbComparison *lancer_ab_comparison_new  (const char *name_a,
                                               guint       sent_a,
                                               guint       wins_a,
                                               const char *name_b,
                                               guint       sent_b,
                                               guint       wins_b);
void                lancer_ab_comparison_free (LancerAbComparison *comparison);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerAbComparison, lancer_ab_comparison_free)

G_END_DECLS
