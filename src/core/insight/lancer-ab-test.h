/* lancer-ab-test.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The decision rule. A variant is named the winner only when every variant
 * has at least LANCER_AB_MIN_DECIDED decided proposals (hired, or declined,
 * withdrawn or archived: pending ones wait) and, against each other
 * variant, an always-valid sequential test (lancer_ab_evidence()) passes at
 * LANCER_AB_ALPHA shared among all the pairs. Ville's inequality bounds the
 * chance of ever naming a wrong winner by LANCER_AB_ALPHA, however often
 * the results are looked at and however many variants there are. */
#define LANCER_AB_MIN_DECIDED 20
#define LANCER_AB_ALPHA       0.05

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

/* Evidence that two variants' win rates differ: the likelihood of the
 * outcomes under independent uniform priors, divided by their largest
 * likelihood with one shared rate. Under equal rates it is (at most) a
 * martingale of mean 1, so it ever reaches 1/alpha with chance ≤ alpha. */
double  lancer_ab_evidence          (guint   wins_a,
                                     guint   losses_a,
                                     guint   wins_b,
                                     guint   losses_b);

/* The rule alone, cheap enough to run after every outcome: the index of
 * the winner among @n variants, or -1. */
int     lancer_ab_decide            (guint         n,
                                     const guint  *wins,
                                     const guint  *losses);

typedef struct
{
  char     *name;
  guint     sent;
  guint     wins;
  guint     losses;
  guint     pending;                 /* sent, not yet hired or closed */
  double    rate;                    /* posterior mean over decided proposals */
  double    low, high;               /* 95 % credible interval */
  double    prob_best;               /* posterior chance it has the highest rate */
} LancerAbVariant;

typedef struct
{
  GPtrArray *variants;               /* LancerAbVariant, in the order given */
  int        winner;                 /* index, or -1 */
  int        leader;                 /* highest posterior mean, or -1 */
  gboolean   too_few;                /* some variant below LANCER_AB_MIN_DECIDED */
  char      *verdict;                /* translated, plain words */
} LancerAbTest;

/* All variants compared together. */
LancerAbTest *lancer_ab_test_new   (guint               n,
                                    const char * const *names,
                                    const guint        *sent,
                                    const guint        *wins,
                                    const guint        *losses);
void          lancer_ab_test_free  (LancerAbTest       *test);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerAbTest, lancer_ab_test_free)

/* The rule in plain words, for the page and `lancer-cli stats`. */
char         *lancer_ab_dup_rule_text (void);
/* A probability as a whole percent that never rounds up to a threshold:
 * 0.946 → "94 %". */
char         *lancer_ab_format_probability (double p);

G_END_DECLS
