/* test-metrics.c: metrics against hand-computed fixtures built from
 * Upwork's own spellings, the A/B rule (and its error rate under repeated
 * looking, by simulation), and export round trips.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture (Jan–Feb 2026, UTC), computed by hand:
 *   10 proposals in range: sent 10, viewed 6, replied 4, interviewed 3,
 *   hired 2 (one hire arrived with no earlier events and counts for every
 *   stage). Connects 60 → $9.00 at $0.15 (no Connects purchase in the
 *   transactions). AI calls in range $1.00. Cost per reply (9 + 1) / 4 =
 *   $2.50, per win (9 + 1) / 2 = $5.00. First responses after 2, 4, 10 and
 *   1 hours → median 3 h.
 *   Transactions as Upwork books them: Fixed Price 1000 with a Service Fee
 *   −100, Hourly 500 with −50, Bonus 100 with −10, a Refund −50, a Service
 *   Fee −20 on its own and a Withdrawal −800 that is not income:
 *   gross 1000 + 500 + 100 − 50 = 1550, fees 100 + 50 + 10 + 20 = 180,
 *   net 1370. Diary 240 + 180 + 60 min = 8 h. Writing: one proposal timed at
 *   30 min in the editor, nine at the assumed 20 min: 0.5 + 3 = 3.5 h.
 *   Effective rate (1370 − 1) / (8 + 3.5) = 119.043…/h, after Connects
 *   (1370 − 1 − 9) / 11.5 = 118.260…/h.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lancer-store-private.h"   /* seeds the profile directly */
#include "lancer-ab-test.h"
#include "lancer-export.h"
#include "lancer-store-metrics.h"
#include "lancer-metrics.h"
#include "lancer-profile-manager.h"
#include "lancer-sync-writer.h"
#include "lancer-test-util.h"
#include "lancer-upwork-enums.h"
#include "lancer-upwork-parse.h"

#define JAN_1   G_GINT64_CONSTANT (1767225600)
#define JAN_5   G_GINT64_CONSTANT (1767571200)
#define FEB_2   G_GINT64_CONSTANT (1769990400)
#define MAR_1   G_GINT64_CONSTANT (1772323200)
#define HOUR    3600
#define DAY     86400

typedef struct
{
  const char *variant;
  const char *category;
  const char *country;
  int         job_type;
  double      budget;
  int         connects;
  gint64      sent;
  int         viewed_h, replied_h, interview_h, hired_h;   /* hours after sent, 0: never */
} FixtureProposal;

static const FixtureProposal fixture_proposals[] = {
  { "A", "Web",    "US", 0, 300,  10, JAN_5,            1, 2,  5, 24 },
  { "A", "Web",    "US", 1, NAN,  8,  JAN_5 + DAY,      1, 4,  0, 0 },
  { "A", "Design", "DE", 0, 1500, 6,  JAN_5 + 2 * DAY,  3, 0,  0, 0 },
  { "A", "Design", NULL, 0, NAN,  6,  JAN_5 + 3 * DAY,  0, 0,  0, 0 },
  { "A", "Web",    "US", 0, 50,   4,  JAN_5 + 8 * DAY,  0, 0,  0, 10 },
  { "A", "Web",    "GB", 0, 300,  6,  JAN_5 + 9 * DAY,  0, 0,  0, 0 },
  { "B", "Web",    "US", 1, NAN,  8,  JAN_5 + 15 * DAY, 1, 1,  3, 0 },
  { "B", "Design", "US", 0, 700,  8,  JAN_5 + 16 * DAY, 2, 0,  0, 0 },
  { "B", NULL,     "US", 0, 700,  0,  FEB_2,            0, 0,  0, 0 },
  { "B", "Web",    "CA", 0, 700,  4,  FEB_2 + DAY,      0, 0,  0, 0 },
  /* Outside the range, and a draft that was never sent. */
  { "A", "Web",    "US", 0, 300,  6,  JAN_1 - DAY,      1, 2,  3, 4 },
  { "B", "Web",    "US", 0, 300,  6,  0,                0, 0,  0, 0 },
};

/* transactionHistoryRow.type and transactionAmount as Upwork sends them. */
typedef struct
{
  const char *type;
  double      amount;
  const char *client;
  gint64      at;
} FixturePayment;

static const FixturePayment fixture_payments[] = {
  { "Fixed Price", 1000, "Acme", JAN_5 + 20 * DAY },
  { "Service Fee", -100, "Acme", JAN_5 + 20 * DAY },
  { "Hourly",      500,  "Beta", FEB_2 + 2 * DAY },
  { "Service Fee", -50,  "Beta", FEB_2 + 2 * DAY },
  { "Bonus",       100,  "Acme", FEB_2 + 3 * DAY },
  { "Service Fee", -10,  "Acme", FEB_2 + 3 * DAY },
  { "Refund",      -50,  "Beta", FEB_2 + 4 * DAY },
  { "Service Fee", -20,  "Acme", JAN_5 + 21 * DAY },
  { "Withdrawal",  -800, NULL,   FEB_2 + 5 * DAY },
  { "Fixed Price", 999,  "Acme", JAN_1 - 3 * DAY },
  { "Service Fee", -99,  "Acme", JAN_1 - 3 * DAY },
};

static const struct { gint64 day; int minutes; } fixture_diary[] = {
  { JAN_5, 240 }, { JAN_5 + DAY, 180 }, { FEB_2, 60 }, { JAN_1 - DAY, 600 },
};

static const struct { gint64 at; double cost; } fixture_ai[] = {
  { JAN_5, 0.5 }, { JAN_5 + HOUR, 0.25 }, { FEB_2, 0.25 }, { JAN_1 - HOUR, 7.0 },
};

static void
utc_options (LancerMetricsOptions *options)
{
  lancer_metrics_options_init (options);
  g_strlcpy (options->time_zone, "UTC", sizeof options->time_zone);
}

static LancerMetricsData *
fixture_data (void)
{
  LancerMetricsData *data = lancer_metrics_data_new ();

  for (guint i = 0; i < G_N_ELEMENTS (fixture_proposals); i++)
    {
      const FixtureProposal *f = &fixture_proposals[i];
      LancerMetricsProposal p = {
        .id = i + 1, .variant_id = f->variant[0] == 'A' ? 1 : 2, .variant = f->variant,
        .category = f->category, .country = f->country, .client = "client",
        .job_type = f->job_type, .budget = f->budget, .connects = f->connects,
        .writing_seconds = i == 0 ? 1800 : -1,
        .outcome = f->hired_h ? LANCER_OUTCOME_WON : LANCER_OUTCOME_PENDING,
      };

      p.at[LANCER_STAGE_SENT] = f->sent;
      if (f->sent != 0)
        {
          p.at[LANCER_STAGE_VIEWED] = f->viewed_h ? f->sent + f->viewed_h * HOUR : 0;
          p.at[LANCER_STAGE_REPLIED] = f->replied_h ? f->sent + f->replied_h * HOUR : 0;
          p.at[LANCER_STAGE_INTERVIEWED] = f->interview_h ? f->sent + f->interview_h * HOUR : 0;
          p.at[LANCER_STAGE_HIRED] = f->hired_h ? f->sent + f->hired_h * HOUR : 0;
        }
      lancer_metrics_data_add_proposal (data, &p);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fixture_payments); i++)
    {
      const FixturePayment *f = &fixture_payments[i];
      g_autofree char *kind = lancer_upwork_normalize_transaction_type (f->type, NULL, f->amount);
      LancerMetricsPayment p = { f->at, kind, "USD", lancer_metrics_to_minor (f->amount, "USD"), 0, f->client, "Web" };

      lancer_metrics_data_add_payment (data, &p);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fixture_diary); i++)
    {
      LancerMetricsDiaryDay d = { fixture_diary[i].day / DAY, fixture_diary[i].minutes, "Acme" };

      lancer_metrics_data_add_diary_day (data, &d);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fixture_ai); i++)
    {
      LancerMetricsAiCall c = { fixture_ai[i].at, fixture_ai[i].cost, 1000 };

      lancer_metrics_data_add_ai_call (data, &c);
    }
  return data;
}

static double
metric (LancerMetricsReport *report,
        LancerMetricId       id)
{
  return lancer_metrics_report_get_metric (report, id)->value;
}

static LancerMetricsGroup *
find_group (GPtrArray  *groups,
            const char *key)
{
  for (guint i = 0; i < groups->len; i++)
    if (g_str_equal (((LancerMetricsGroup *) groups->pdata[i])->key, key))
      return groups->pdata[i];
  /* g_error() does not return: callers may dereference the result. */
  g_error ("no group “%s”", key);
}

static void
check_fixture_report (LancerMetricsReport *report)
{
  static const guint funnel[] = { 10, 6, 4, 3, 2 };
  const LancerMetric *win;

  for (guint s = 0; s < LANCER_N_STAGES; s++)
    g_assert_cmpuint (lancer_metrics_report_get_funnel (report, s), ==, funnel[s]);

  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_VIEW_RATE), 0.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_REPLY_RATE), 0.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_INTERVIEW_RATE), 0.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_WIN_RATE), 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_CONNECTS_SPENT), 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_CONNECTS_COST), 9.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_COST_PER_REPLY), 2.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_COST_PER_WIN), 5.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_GROSS_EARNINGS), 1550, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_FEES), 180, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_NET_EARNINGS), 1370, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_BILLED_HOURS), 8, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_WRITING_HOURS), 3.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_EFFECTIVE_RATE), (1370 - 1.0) / 11.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_EFFECTIVE_RATE_AFTER_CONNECTS),
                                  (1370 - 1.0 - 9) / 11.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_RESPONSE_TIME), 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_AI_SPEND), 1.0, 1e-9);

  /* Honest numbers: every metric says how, and on how much. */
  for (guint i = 0; i < LANCER_N_METRICS; i++)
    {
      const LancerMetric *m = lancer_metrics_report_get_metric (report, i);

      g_assert_nonnull (m->key);
      g_assert_nonnull (m->title);
      g_assert_cmpuint (strlen (m->formula), >, 10);
    }
  win = lancer_metrics_report_get_metric (report, LANCER_METRIC_WIN_RATE);
  g_assert_cmpuint (win->n, ==, 10);
  g_assert_true (win->too_few);
  g_assert_cmpuint (lancer_metrics_report_get_metric (report, LANCER_METRIC_RESPONSE_TIME)->n, ==, 4);
  g_assert_false (lancer_metrics_report_get_metric (report, LANCER_METRIC_NET_EARNINGS)->too_few);
  g_assert_false (lancer_metrics_report_is_empty (report));
}

static void
test_fixture (void)
{
  g_autoptr(LancerMetricsData) data = fixture_data ();
  g_autoptr(LancerMetricsReport) report = NULL;
  LancerMetricsOptions options;
  GPtrArray *groups;
  LancerMetricsGroup *g;
  const LancerMetricsBreakdown *by_client;
  const LancerAbTest *ab;
  LancerAbVariant *a;

  utc_options (&options);
  report = lancer_metrics_compute (data, JAN_1, MAR_1, &options);
  check_fixture_report (report);

  groups = lancer_metrics_report_get_groups (report, LANCER_GROUP_MONTH);
  g_assert_cmpuint (groups->len, ==, 2);
  g_assert_cmpstr (((LancerMetricsGroup *) groups->pdata[0])->key, ==, "2026-01");
  g_assert_cmpuint (((LancerMetricsGroup *) groups->pdata[0])->count[LANCER_STAGE_SENT], ==, 8);
  g_assert_cmpuint (((LancerMetricsGroup *) groups->pdata[1])->count[LANCER_STAGE_SENT], ==, 2);

  groups = lancer_metrics_report_get_groups (report, LANCER_GROUP_WEEK);
  g = groups->pdata[0];
  g_assert_cmpstr (g->key, ==, "2026-01-05");
  g_assert_cmpuint (g->count[LANCER_STAGE_SENT], ==, 4);

  groups = lancer_metrics_report_get_groups (report, LANCER_GROUP_CATEGORY);
  g = find_group (groups, "Web");
  g_assert_nonnull (g);
  g_assert_cmpuint (g->count[LANCER_STAGE_SENT], ==, 6);
  g_assert_cmpuint (g->count[LANCER_STAGE_HIRED], ==, 2);
  g_assert_cmpfloat_with_epsilon (lancer_metrics_group_rate (g, LANCER_STAGE_HIRED), 2.0 / 6, 1e-9);
  g_assert_cmpuint (find_group (groups, "Design")->count[LANCER_STAGE_SENT], ==, 3);
  g_assert_cmpuint (find_group (groups, "")->count[LANCER_STAGE_SENT], ==, 1);
  g_assert_true (groups->pdata[0] == find_group (groups, "Web"));

  groups = lancer_metrics_report_get_groups (report, LANCER_GROUP_COUNTRY);
  g_assert_cmpuint (find_group (groups, "US")->count[LANCER_STAGE_SENT], ==, 6);
  g_assert_cmpuint (find_group (groups, "US")->connects, ==, 10 + 8 + 4 + 8 + 8 + 0);

  groups = lancer_metrics_report_get_groups (report, LANCER_GROUP_BUDGET);
  g_assert_cmpuint (find_group (groups, "9-hourly")->count[LANCER_STAGE_SENT], ==, 2);
  g_assert_cmpuint (find_group (groups, "2")->count[LANCER_STAGE_SENT], ==, 2);
  g_assert_cmpuint (find_group (groups, "3")->count[LANCER_STAGE_SENT], ==, 3);

  groups = lancer_metrics_report_get_groups (report, LANCER_GROUP_VARIANT);
  g_assert_cmpuint (find_group (groups, "A")->count[LANCER_STAGE_SENT], ==, 6);
  g_assert_cmpuint (find_group (groups, "B")->count[LANCER_STAGE_HIRED], ==, 0);

  by_client = lancer_metrics_report_get_earnings_by_client (report);
  g_assert_cmpuint (by_client->n_months, ==, 2);
  g_assert_cmpuint (by_client->n_series, ==, 2);
  g_assert_cmpstr (by_client->series[0], ==, "Acme");
  g_assert_cmpfloat_with_epsilon (by_client->values[0], 880, 1e-9);          /* Acme, Jan */
  g_assert_cmpfloat_with_epsilon (by_client->values[1], 90, 1e-9);           /* Acme, Feb */
  g_assert_cmpfloat_with_epsilon (by_client->values[2], 0, 1e-9);            /* Beta, Jan */
  g_assert_cmpfloat_with_epsilon (by_client->values[3], 400, 1e-9);          /* Beta, Feb */

  ab = lancer_metrics_report_get_ab_test (report);
  g_assert_cmpuint (ab->variants->len, ==, 2);
  a = ab->variants->pdata[0];
  g_assert_cmpstr (a->name, ==, "A");
  g_assert_cmpuint (a->sent, ==, 6);
  g_assert_cmpuint (a->wins, ==, 2);
  g_assert_cmpuint (a->pending, ==, 4);     /* not lost: still waiting */
  g_assert_true (ab->too_few);
  g_assert_cmpint (ab->winner, ==, -1);
  g_assert_nonnull (strstr (ab->verdict, "Too few"));

  /* An empty range says so. */
  {
    g_autoptr(LancerMetricsReport) empty = lancer_metrics_compute (data, MAR_1, MAR_1 + DAY, &options);

    g_assert_true (lancer_metrics_report_is_empty (empty));
    /* …but not empty for all time: the page offers "Show All Time". */
    g_assert_false (lancer_metrics_report_is_empty_all_time (empty));
    g_assert_false (lancer_metrics_report_is_empty_all_time (report));
    g_assert_true (isnan (metric (empty, LANCER_METRIC_WIN_RATE)));
    g_assert_true (isnan (metric (empty, LANCER_METRIC_COST_PER_WIN)));
    g_assert_nonnull (lancer_metrics_report_get_metric (empty, LANCER_METRIC_COST_PER_WIN)->missing);
  }

  /* A brand-new profile is empty in every range. */
  {
    g_autoptr(LancerMetricsData) none = lancer_metrics_data_new ();
    g_autoptr(LancerMetricsReport) fresh = lancer_metrics_compute (none, MAR_1, MAR_1 + DAY, NULL);

    g_assert_true (lancer_metrics_report_is_empty (fresh));
    g_assert_true (lancer_metrics_report_is_empty_all_time (fresh));
  }

  /* The JSON carries value, n, too_few and formula. */
  {
    g_autoptr(JsonNode) node = lancer_metrics_report_to_json (report);
    g_autofree char *text = json_to_string (node, FALSE);

    g_assert_nonnull (strstr (text, "\"win-rate\""));
    g_assert_nonnull (strstr (text, "\"too_few\":true"));
    g_assert_nonnull (strstr (text, "\"formula\""));
  }
}

static void
test_calendar (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  /* 2026-03-01 02:30 UTC: still 28 February in New York, 1 March in Tokyo. */
  gint64 now = G_GINT64_CONSTANT (1772332200);
  gint64 from, to;

  g_assert_nonnull (new_york);
  g_assert_nonnull (tokyo);
  /* 2026-01-07 (a Wednesday) 13:00 → week of Monday 2026-01-05, month 2026-01-01. */
  g_assert_cmpint (lancer_metrics_week_start (JAN_5 + 2 * DAY + 13 * HOUR, utc), ==, JAN_5);
  g_assert_cmpint (lancer_metrics_month_start (JAN_5 + 2 * DAY + 13 * HOUR, utc), ==, JAN_1);
  g_assert_cmpint (lancer_metrics_month_start (MAR_1 - 1, utc), ==, G_GINT64_CONSTANT (1769904000));
  g_assert_cmpint (lancer_metrics_week_start (JAN_5, utc), ==, JAN_5);
  /* 2026-01-31 23:30 UTC is January in New York (1 Jan 00:00 EST =
   * 1767243600) and February in Tokyo (1 Feb 00:00 JST = 1769871600). */
  g_assert_cmpint (lancer_metrics_month_start (G_GINT64_CONSTANT (1769902200), new_york), ==,
                   G_GINT64_CONSTANT (1767243600));
  g_assert_cmpint (lancer_metrics_month_start (G_GINT64_CONSTANT (1769902200), tokyo), ==,
                   G_GINT64_CONSTANT (1769871600));

  /* Windows are whole local days ending with today. New York: 30 Jan
   * 00:00 EST (1769749200) to 1 Mar 00:00 EST (1772341200). */
  lancer_metrics_range_bounds (LANCER_METRICS_RANGE_30_DAYS, new_york, now, &from, &to);
  g_assert_cmpint (from, ==, G_GINT64_CONSTANT (1769749200));
  g_assert_cmpint (to, ==, G_GINT64_CONSTANT (1772341200));
  /* Tokyo: 31 Jan 00:00 JST (1769785200) to 2 Mar 00:00 JST (1772377200). */
  lancer_metrics_range_bounds (LANCER_METRICS_RANGE_30_DAYS, tokyo, now, &from, &to);
  g_assert_cmpint (from, ==, G_GINT64_CONSTANT (1769785200));
  g_assert_cmpint (to, ==, G_GINT64_CONSTANT (1772377200));
  /* 12 calendar months: this month and the 11 before. New York is in
   * February, so from 1 Mar 2025 00:00 EST (1740805200); Tokyo is in
   * March, so from 1 Apr 2025 00:00 JST (1743433200). */
  lancer_metrics_range_bounds (LANCER_METRICS_RANGE_12_MONTHS, new_york, now, &from, &to);
  g_assert_cmpint (from, ==, G_GINT64_CONSTANT (1740805200));
  lancer_metrics_range_bounds (LANCER_METRICS_RANGE_12_MONTHS, tokyo, now, &from, &to);
  g_assert_cmpint (from, ==, G_GINT64_CONSTANT (1743433200));
  /* 90 days ends where 30 days ends. */
  lancer_metrics_range_bounds (LANCER_METRICS_RANGE_90_DAYS, tokyo, now, &from, &to);
  g_assert_cmpint (to, ==, G_GINT64_CONSTANT (1772377200));
  g_assert_cmpint (from, ==, G_GINT64_CONSTANT (1772377200) - 90 * DAY);
}

static void
test_ab_known_values (void)
{
  double lo, hi;

  /* Equal data: a coin flip, exactly. */
  g_assert_cmpfloat_with_epsilon (lancer_ab_prob_b_beats_a (10, 3, 10, 3), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (lancer_ab_prob_b_beats_a (0, 0, 0, 0), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (lancer_ab_prob_b_beats_a (200, 40, 200, 40), 0.5, 1e-9);
  /* 10/10 against 0/10: P(B > A) = 11·B(11, 12) = 1.4176e-06. */
  g_assert_cmpfloat_with_epsilon (lancer_ab_prob_b_beats_a (10, 10, 10, 0), 1.4175710770138016e-06, 1e-12);
  g_assert_cmpfloat (lancer_ab_prob_b_beats_a (10, 0, 10, 10), >, 0.999998);
  /* Against numeric integration (200,000 midpoints). */
  g_assert_cmpfloat_with_epsilon (lancer_ab_prob_b_beats_a (10, 3, 10, 5), 0.8065015479750067, 1e-6);
  g_assert_cmpfloat_with_epsilon (lancer_ab_prob_b_beats_a (100, 10, 120, 20), 0.9204523602201863, 1e-6);
  /* Symmetry. */
  g_assert_cmpfloat_with_epsilon (lancer_ab_prob_b_beats_a (40, 7, 35, 9) + lancer_ab_prob_b_beats_a (35, 9, 40, 7),
                                  1.0, 1e-9);

  /* Beta(1,1) is uniform; Beta(11,1) has CDF x^11. */
  lancer_ab_credible_interval (0, 0, 0.95, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, 0.025, 1e-9);
  g_assert_cmpfloat_with_epsilon (hi, 0.975, 1e-9);
  lancer_ab_credible_interval (10, 10, 0.95, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, 0.7150858470818455, 1e-9);
  g_assert_cmpfloat_with_epsilon (hi, 0.9977010277861857, 1e-9);
  g_assert_cmpfloat_with_epsilon (lancer_ab_beta_cdf (0.3, 2, 5), 0.579825, 1e-6);
}

static void
test_ab_rule (void)
{
  const char *names[] = { "Short", "Long", "Story" };
  const guint sent[] = { 60, 60, 60 };

  /* Equal results are no evidence; a big gap is a lot. */
  g_assert_cmpfloat (lancer_ab_evidence (10, 40, 10, 40), <, 1);
  g_assert_cmpfloat (lancer_ab_evidence (40, 60, 5, 95), >, 1000);

  /* Below the minimum of decided proposals, nobody wins however clear. */
  {
    const guint wins[] = { 15, 0 }, losses[] = { 4, 19 };

    g_assert_cmpint (lancer_ab_decide (2, wins, losses), ==, -1);
  }
  /* 40 of 100 against 5 of 100 decided: "Short" wins. */
  {
    const guint wins[] = { 40, 5 }, losses[] = { 60, 95 };
    const guint sent2[] = { 120, 130 };
    g_autoptr(LancerAbTest) test = lancer_ab_test_new (2, names, sent2, wins, losses);
    LancerAbVariant *v = test->variants->pdata[0];

    g_assert_cmpint (lancer_ab_decide (2, wins, losses), ==, 0);
    g_assert_cmpint (test->winner, ==, 0);
    g_assert_cmpuint (v->pending, ==, 20);
    g_assert_cmpfloat (v->prob_best, >, 0.99);
    g_assert_nonnull (strstr (test->verdict, "“Short” wins"));
  }
  /* Close results: no winner, and the chance is never rounded up. */
  {
    const guint wins[] = { 10, 11 }, losses[] = { 40, 39 };
    g_autoptr(LancerAbTest) test = lancer_ab_test_new (2, names, sent, wins, losses);
    g_autofree char *p = lancer_ab_format_probability (0.946);

    g_assert_cmpint (test->winner, ==, -1);
    g_assert_false (test->too_few);
    g_assert_nonnull (strstr (test->verdict, "No winner yet"));
    g_assert_cmpstr (p, ==, "94 %");
  }
  /* Three variants together: P(best) sums to one. */
  {
    const guint wins[] = { 10, 12, 20 }, losses[] = { 40, 38, 30 };
    g_autoptr(LancerAbTest) test = lancer_ab_test_new (3, names, sent, wins, losses);
    double total = 0;

    for (guint i = 0; i < 3; i++)
      total += ((LancerAbVariant *) test->variants->pdata[i])->prob_best;
    g_assert_cmpfloat_with_epsilon (total, 1.0, 1e-3);
    g_assert_cmpint (test->leader, ==, 2);
  }
  /* Pending proposals are not losses: only decided ones count. */
  {
    const guint wins[] = { 3, 3 }, losses[] = { 2, 20 };
    const guint sent2[] = { 60, 25 };
    g_autoptr(LancerAbTest) test = lancer_ab_test_new (2, names, sent2, wins, losses);

    g_assert_true (test->too_few);
    g_assert_cmpuint (((LancerAbVariant *) test->variants->pdata[0])->pending, ==, 55);
    g_assert_cmpfloat (((LancerAbVariant *) test->variants->pdata[0])->rate, >, 0.5);
  }
}

/* Looks after every decided proposal, from the first to 200 per variant,
 * with equal variants: how often is a winner ever named? The rule promises
 * at most LANCER_AB_ALPHA (5 %), however often one looks. */
static double
false_winner_rate (guint    n_variants,
                   double   rate,
                   guint    runs,
                   guint32  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint named = 0;

  for (guint run = 0; run < runs; run++)
    {
      guint wins[3] = { 0 }, losses[3] = { 0 };

      for (guint step = 0; step < 200 * n_variants; step++)
        {
          guint k = step % n_variants;

          if (g_rand_double (rand) < rate)
            wins[k]++;
          else
            losses[k]++;
          if (lancer_ab_decide (n_variants, wins, losses) >= 0)
            {
              named++;
              break;
            }
        }
    }
  return (double) named / runs;
}

static void
test_ab_false_winners (void)
{
  double two = false_winner_rate (2, 0.124, 2000, 20260101);
  double three = false_winner_rate (3, 0.124, 1000, 20260102);
  double two_high = false_winner_rate (2, 0.4, 1000, 20260103);

  g_test_message ("false winners: two variants %.2f %%, three %.2f %%, two at 40 %% %.2f %%",
                  two * 100, three * 100, two_high * 100);
  g_assert_cmpfloat (two, <=, LANCER_AB_ALPHA);
  g_assert_cmpfloat (three, <=, LANCER_AB_ALPHA);
  g_assert_cmpfloat (two_high, <=, LANCER_AB_ALPHA);

  /* …and it still finds a real difference: 10 % against 35 %. */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (7);
    guint right = 0, runs = 500;

    for (guint run = 0; run < runs; run++)
      {
        guint wins[2] = { 0 }, losses[2] = { 0 };
        int winner = -1;

        for (guint step = 0; step < 400 && winner < 0; step++)
          {
            guint k = step % 2;

            if (g_rand_double (rand) < (k == 0 ? 0.10 : 0.35))
              wins[k]++;
            else
              losses[k]++;
            winner = lancer_ab_decide (2, wins, losses);
          }
        right += winner == 1;
      }
    g_test_message ("10 %% vs 35 %%: right winner within 200 each in %.1f %% of runs", 100.0 * right / runs);
    g_assert_cmpuint (right, >=, runs * 8 / 10);
  }
}

static LancerTable *
sample_table (void)
{
  LancerTable *table = lancer_table_new ();

  lancer_table_add_column (table, "name", LANCER_COLUMN_TEXT);
  lancer_table_add_column (table, "amount", LANCER_COLUMN_NUMBER);
  lancer_table_add_column (table, "note", LANCER_COLUMN_TEXT);
  lancer_table_add_row_va (table, "Acme, Inc.", "1200.5", "says \"hi\"\non two lines");
  lancer_table_add_row_va (table, "=HYPERLINK(\"x\")", "-12", "");
  lancer_table_add_row_va (table, "'quoted", "", "Київ ✓");
  lancer_table_add_row_va (table, "plain", "0.1", "-minus");
  return table;
}

static void
assert_tables_equal (LancerTable *a,
                     LancerTable *b)
{
  g_assert_cmpuint (lancer_table_get_n_columns (a), ==, lancer_table_get_n_columns (b));
  g_assert_cmpuint (lancer_table_get_n_rows (a), ==, lancer_table_get_n_rows (b));
  for (guint c = 0; c < lancer_table_get_n_columns (a); c++)
    g_assert_cmpstr (lancer_table_get_column (a, c), ==, lancer_table_get_column (b, c));
  for (guint r = 0; r < lancer_table_get_n_rows (a); r++)
    for (guint c = 0; c < lancer_table_get_n_columns (a); c++)
      g_assert_cmpstr (lancer_table_get_cell (a, r, c), ==, lancer_table_get_cell (b, r, c));
}

static void
test_export_round_trip (void)
{
  g_autoptr(LancerTable) table = sample_table ();
  g_autofree char *csv = lancer_table_to_csv (table);
  g_autofree char *json = lancer_table_to_json (table);
  g_autoptr(LancerTable) from_csv = NULL;
  g_autoptr(LancerTable) from_json = NULL;
  g_autoptr(GError) error = NULL;

  /* A formula is defused for spreadsheets, numbers are left alone. */
  g_assert_nonnull (strstr (csv, "\"'=HYPERLINK(\"\"x\"\")\""));
  g_assert_nonnull (strstr (csv, ",-12,"));
  g_assert_true (g_str_has_prefix (csv, "name,amount,note\r\n"));

  from_csv = lancer_table_from_csv (csv, &error);
  g_assert_no_error (error);
  assert_tables_equal (table, from_csv);

  from_json = lancer_table_from_json (json, &error);
  g_assert_no_error (error);
  assert_tables_equal (table, from_json);
  g_assert_cmpint (lancer_table_get_kind (from_json, 1), ==, LANCER_COLUMN_NUMBER);
  g_assert_nonnull (strstr (json, "\"amount\" : 1200.5"));
  g_assert_nonnull (strstr (json, "\"amount\" : null"));

  /* Broken input is an error, not a crash. */
  g_assert_null (lancer_table_from_csv ("a,b\r\n\"open", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (lancer_table_from_csv ("a,b\r\n1,2,3\r\n", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (lancer_table_from_json ("{}", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

/* Through a real profile database. */

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
result_ready (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  g_assert_true (lancer_test_iterate_until (result_ready, slot, 60));
  return *slot;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    lancer_store_propagate_sqlite_error (error, db, rc);
  return rc == SQLITE_OK;
}

static gpointer
write_fixture (LancerStore   *store,
               sqlite3       *db,
               gpointer       user_data,
               GCancellable  *cancellable,
               GError       **error)
{
  if (!exec_sql (db, "INSERT INTO proposal_variants (id, name, created_at) VALUES (1, 'A', 0), (2, 'B', 0)", error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (fixture_proposals); i++)
    {
      const FixtureProposal *f = &fixture_proposals[i];
      g_autofree char *budget = isnan (f->budget) ? g_strdup ("NULL") : g_strdup_printf ("%.0f", f->budget);
      g_autofree char *sent = f->sent ? g_strdup_printf ("%" G_GINT64_FORMAT, f->sent) : g_strdup ("NULL");
      g_autofree char *sql = NULL;
      const int hours[] = { f->viewed_h, f->replied_h, f->interview_h, f->hired_h };
      const char *status[] = { "viewed", "replied", "interview", "hired" };

      sql = g_strdup_printf ("INSERT INTO jobs (id, title, posted_at, fetched_at, updated_at, job_type, budget,"
                             " category, client_country, client_id, saved) VALUES"
                             " ('job%u', 'Job %u', %" G_GINT64_FORMAT ", 0, 0, %d, %s, %s%s%s, %s%s%s, 'c', 1);"
                             "INSERT INTO proposals (id, job_id, variant_id, status, connects_spent, created_at,"
                             " updated_at, submitted_at) VALUES (%u, 'job%u', %d, '%s', %d, 0, 0, %s);",
                             i, i, f->sent, f->job_type, budget,
                             f->category ? "'" : "", f->category ? f->category : "NULL", f->category ? "'" : "",
                             f->country ? "'" : "", f->country ? f->country : "NULL", f->country ? "'" : "",
                             i + 1, i, f->variant[0] == 'A' ? 1 : 2, !f->sent ? "draft" : f->hired_h ? "hired" : "sent", f->connects, sent);
      if (!exec_sql (db, sql, error))
        return NULL;
      for (guint s = 0; s < G_N_ELEMENTS (hours); s++)
        if (f->sent && hours[s])
          {
            g_autofree char *ev = g_strdup_printf ("INSERT INTO proposal_events (proposal_id, status, at)"
                                                   " VALUES (%u, '%s', %" G_GINT64_FORMAT ")",
                                                   i + 1, status[s], f->sent + hours[s] * HOUR);
            if (!exec_sql (db, ev, error))
              return NULL;
          }
    }
  if (!exec_sql (db, "INSERT INTO proposal_writing_time (proposal_id, seconds) VALUES (1, 1800)", error))
    return NULL;
  if (!exec_sql (db, "INSERT INTO contracts (id, job_id, title, client_name, updated_at) VALUES"
                     " ('k1', 'job0', 'Site', 'Acme', 0), ('k2', 'job1', 'App', 'Beta', 0)", error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (fixture_payments); i++)
    {
      const FixturePayment *f = &fixture_payments[i];
      /* Stored as the sync stores it: Lancer's spelling of Upwork's type. */
      g_autofree char *kind = lancer_upwork_normalize_transaction_type (f->type, NULL, f->amount);
      g_autofree char *sql = g_strdup_printf ("INSERT INTO transactions (id, contract_id, kind, amount, occurred_at)"
                                              " VALUES ('t%u', %s, '%s', %.2f, %" G_GINT64_FORMAT ")",
                                              i, f->client == NULL ? "NULL" : f->client[0] == 'A' ? "'k1'" : "'k2'",
                                              kind, f->amount, f->at);
      if (!exec_sql (db, sql, error))
        return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (fixture_diary); i++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (fixture_diary[i].day);
      g_autofree char *day = g_date_time_format (dt, "%Y-%m-%d");
      g_autofree char *sql = g_strdup_printf ("INSERT INTO diary_days (contract_id, day, minutes, updated_at)"
                                              " VALUES ('k1', '%s', %d, 0)", day, fixture_diary[i].minutes);
      if (!exec_sql (db, sql, error))
        return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (fixture_ai); i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO ai_calls (provider, model, purpose, cost, created_at)"
                                              " VALUES ('openai', 'm', 'proposal', %.2f, %" G_GINT64_FORMAT ")",
                                              fixture_ai[i].cost, fixture_ai[i].at);
      if (!exec_sql (db, sql, error))
        return NULL;
    }
  return NULL;
}

static void
test_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("lancer-metrics-XXXXXX", &error);
  g_autoptr(LancerProfileManager) manager = NULL;
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(LancerStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LancerMetricsReport) report = NULL;
  g_autoptr(LancerTable) proposals = NULL;
  g_autoptr(LancerTable) earnings = NULL;
  g_autoptr(LancerTable) diary = NULL;
  g_autoptr(LancerTable) jobs = NULL;
  LancerMetricsOptions options;
  LancerExportWhat what;

  g_assert_no_error (error);
  manager = lancer_profile_manager_new (root);
  profile = lancer_profile_manager_create (manager, "Metrics", FALSE, &error);
  g_assert_no_error (error);
  lancer_store_open_async (profile, NULL, result_cb, &result);
  store = lancer_store_open_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  lancer_store_run_async (store, TRUE, "proposals", write_fixture, NULL, NULL, NULL, NULL, result_cb, &result);
  lancer_store_run_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  utc_options (&options);
  lancer_metrics_report_async (store, JAN_1, MAR_1, &options, NULL, result_cb, &result);
  report = lancer_metrics_report_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  check_fixture_report (report);
  g_assert_cmpstr (lancer_metrics_report_get_earnings_by_client (report)->series[0], ==, "Acme");

  g_assert_true (lancer_export_what_from_string ("proposals", &what));
  g_assert_false (lancer_export_what_from_string ("secrets", &what));

  lancer_export_query_async (store, LANCER_EXPORT_PROPOSALS, NULL, result_cb, &result);
  proposals = lancer_export_query_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (lancer_table_get_n_rows (proposals), ==, G_N_ELEMENTS (fixture_proposals));

  lancer_export_query_async (store, LANCER_EXPORT_EARNINGS, NULL, result_cb, &result);
  earnings = lancer_export_query_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (lancer_table_get_n_rows (earnings), ==, G_N_ELEMENTS (fixture_payments));

  lancer_export_query_async (store, LANCER_EXPORT_DIARY, NULL, result_cb, &result);
  diary = lancer_export_query_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (lancer_table_get_n_rows (diary), ==, G_N_ELEMENTS (fixture_diary));

  lancer_export_query_async (store, LANCER_EXPORT_JOBS, NULL, result_cb, &result);
  jobs = lancer_export_query_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (lancer_table_get_n_rows (jobs), ==, G_N_ELEMENTS (fixture_proposals));

  /* Every exported table survives CSV and JSON. */
  {
    LancerTable *tables[] = { proposals, earnings, diary, jobs };

    for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
      {
        g_autofree char *csv = lancer_table_to_csv (tables[i]);
        g_autofree char *json = lancer_table_to_json (tables[i]);
        g_autoptr(LancerTable) a = lancer_table_from_csv (csv, &error);
        g_autoptr(LancerTable) b = NULL;

        g_assert_no_error (error);
        b = lancer_table_from_json (json, &error);
        g_assert_no_error (error);
        assert_tables_equal (tables[i], a);
        assert_tables_equal (tables[i], b);
      }
  }

  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Two currencies and a third, a refund booked as a positive amount, a
 * service fee given back, Connects bought, payments either side of a month
 * boundary, in New York and in Tokyo. Everything enters as Upwork spells
 * it, through the parser and the sync's writer.
 *
 * Transactions (UTC; New York / Tokyo local date):
 *   r1  Hourly       +300.00 USD  2026-01-31 23:30  (31 Jan / 1 Feb)
 *   r2  Fixed Price  +200.00 EUR  2026-02-01 03:00  (31 Jan / 1 Feb)
 *   r3  Service Fee   −30.00 USD  2026-01-31 23:30
 *   r4  Service Fee   −20.00 EUR  2026-02-01 03:00
 *   r5  Refund        +50.00 USD  2026-02-15 12:00  (a refund, whatever its sign)
 *   r6  Service Fee    +5.00 USD  2026-02-15 12:00  (a fee given back)
 *   r7  Bonus        +100.00 GBP  2026-03-01 02:00  (28 Feb / 1 Mar)
 *   r8  Connects      −13.50 USD  2026-02-10 10:00
 *   r9  Withdrawal   −400.00 USD  2026-02-20 12:00  (own money: not counted)
 *   r10 Gift Card     +10.00 USD  2026-02-20 12:00  (unknown type: kept, not counted)
 * "Now" is 2026-03-01 02:30 UTC: 28 Feb in New York, 1 Mar in Tokyo. The
 * 30-day window is 30 Jan – 28 Feb in New York and 31 Jan – 1 Mar in Tokyo;
 * both hold every transaction.
 *   USD: gross 300 − 50 = 250, fees 30 − 5 = 25, net 225, Connects 13.50
 *   EUR: gross 200, fees 20, net 180
 *   GBP: gross 100, fees 0, net 100
 *   At the rates set (EUR 1.10, GBP 1.25): net 225 + 198 + 125 = $548.
 * Net by month in US dollars only (no rates): New York Jan 300 − 30 = 270,
 * Feb −50 + 5 = −45; Tokyo Feb 225. With the rates: New York Jan 270 + 198
 * = 468, Feb −45 + 125 = 80; Tokyo Feb 225 + 198 = 423, Mar 125.
 * Proposals: Pending, Activated, Offered, Hired, Declined → sent 5,
 * viewed = replied = interviewed 3, hired 1. No Connects count on any.
 * AI: one call, $0.50. Cost per win (13.50 + 0.50) / 1 = $14.00.
 * Writing: one proposal timed at 1800 s, four at 20 min: 0.5 + 4/3 = 1.8333 h.
 * Diary: 29 Jan 600 min, 30 Jan 60, 28 Feb 120, 1 Mar 30. New York counts
 * 30 Jan and 28 Feb: 3.0 h; Tokyo 28 Feb and 1 Mar: 2.5 h.
 * Effective rate (548 − 0.50) / (3.0 + 1.8333) = $113.28/h in New York,
 * 547.5 / 4.3333 = $126.35/h in Tokyo; after Connects 534 / 4.8333 =
 * $110.48/h and 534 / 4.3333 = $123.23/h. Without rates: unknown. */

static const char transactions_json[] =
  "{\"data\":{\"transactionHistory\":{\"transactionDetail\":{\"transactionHistoryRow\":["
  "{\"recordId\":\"r1\",\"type\":\"Hourly\",\"accountingSubtype\":\"APInvoice\","
  " \"transactionCreationDate\":\"2026-01-31T23:30:00.000Z\",\"transactionAmount\":{\"rawValue\":\"300.00\",\"currency\":\"USD\"}},"
  "{\"recordId\":\"r2\",\"type\":\"Fixed Price\",\"transactionCreationDate\":\"2026-02-01T03:00:00.000Z\","
  " \"transactionAmount\":{\"rawValue\":\"200.00\",\"currency\":\"EUR\"}},"
  "{\"recordId\":\"r3\",\"type\":\"Service Fee\",\"accountingSubtype\":\"APAdjustment\","
  " \"transactionCreationDate\":\"2026-01-31T23:30:00.000Z\",\"transactionAmount\":{\"rawValue\":\"-30.00\",\"currency\":\"USD\"}},"
  "{\"recordId\":\"r4\",\"type\":\"Service Fee\",\"transactionCreationDate\":\"2026-02-01T03:00:00.000Z\","
  " \"transactionAmount\":{\"rawValue\":\"-20.00\",\"currency\":\"EUR\"}},"
  "{\"recordId\":\"r5\",\"type\":\"Refund\",\"transactionCreationDate\":\"2026-02-15T12:00:00.000Z\","
  " \"transactionAmount\":{\"rawValue\":\"50.00\",\"currency\":\"USD\"}},"
  "{\"recordId\":\"r6\",\"type\":\"Service Fee\",\"transactionCreationDate\":\"2026-02-15T12:00:00.000Z\","
  " \"transactionAmount\":{\"rawValue\":\"5.00\",\"currency\":\"USD\"}},"
  "{\"recordId\":\"r7\",\"type\":\"Bonus\",\"transactionCreationDate\":\"2026-03-01T02:00:00.000Z\","
  " \"transactionAmount\":{\"rawValue\":\"100.00\",\"currency\":\"GBP\"}},"
  "{\"recordId\":\"r8\",\"type\":\"Connects\",\"transactionCreationDate\":\"2026-02-10T10:00:00.000Z\","
  " \"transactionAmount\":{\"rawValue\":\"-13.50\",\"currency\":\"USD\"},\"descriptionUI\":\"Connects purchase\"},"
  "{\"recordId\":\"r9\",\"type\":\"Withdrawal\",\"transactionCreationDate\":\"2026-02-20T12:00:00.000Z\","
  " \"transactionAmount\":{\"rawValue\":\"-400.00\",\"currency\":\"USD\"}},"
  "{\"recordId\":\"r10\",\"type\":\"Gift Card\",\"transactionCreationDate\":\"2026-02-20T12:00:00.000Z\","
  " \"transactionAmount\":{\"rawValue\":\"10.00\",\"currency\":\"USD\"}}"
  "]}}}}";

static const char proposals_json[] =
  "{\"data\":{\"vendorProposals\":{\"totalCount\":5,\"edges\":["
  "{\"node\":{\"id\":\"p1\",\"status\":{\"status\":\"Pending\",\"reason\":null},"
  " \"marketplaceJobPosting\":{\"id\":\"j1\",\"content\":{\"title\":\"GTK app\"}},"
  " \"auditDetails\":{\"createdDateTime\":{\"rawValue\":\"1770303600000\"},\"modifiedDateTime\":null}}},"
  "{\"node\":{\"id\":\"p2\",\"status\":{\"status\":\"Activated\",\"reason\":null},"
  " \"marketplaceJobPosting\":{\"id\":\"j2\",\"content\":{\"title\":\"Rust CLI\"}},"
  " \"auditDetails\":{\"createdDateTime\":{\"rawValue\":\"1770303600000\"},\"modifiedDateTime\":{\"rawValue\":\"1770390000000\"}}}},"
  "{\"node\":{\"id\":\"p3\",\"status\":{\"status\":\"Offered\",\"reason\":null},"
  " \"marketplaceJobPosting\":{\"id\":\"j3\",\"content\":{\"title\":\"SQLite tuning\"}},"
  " \"auditDetails\":{\"createdDateTime\":{\"rawValue\":\"1770303600000\"},\"modifiedDateTime\":{\"rawValue\":\"1770390000000\"}}}},"
  "{\"node\":{\"id\":\"p4\",\"status\":{\"status\":\"Hired\",\"reason\":null},"
  " \"marketplaceJobPosting\":{\"id\":\"j4\",\"content\":{\"title\":\"libsoup client\"}},"
  " \"auditDetails\":{\"createdDateTime\":{\"rawValue\":\"1770303600000\"},\"modifiedDateTime\":{\"rawValue\":\"1770476400000\"}}}},"
  "{\"node\":{\"id\":\"p5\",\"status\":{\"status\":\"Declined\",\"reason\":null},"
  " \"marketplaceJobPosting\":{\"id\":\"j5\",\"content\":{\"title\":\"Qt port\"}},"
  " \"auditDetails\":{\"createdDateTime\":{\"rawValue\":\"1770303600000\"},\"modifiedDateTime\":{\"rawValue\":\"1770390000000\"}}}}"
  "],\"pageInfo\":{\"endCursor\":null,\"hasNextPage\":false}}}}";

static gpointer
write_extras (LancerStore   *store,
              sqlite3       *db,
              gpointer       user_data,
              GCancellable  *cancellable,
              GError       **error)
{
  if (!exec_sql (db, "INSERT INTO proposal_writing_time (proposal_id, seconds)"
                     " SELECT id, 1800 FROM proposals WHERE upwork_id = 'p1';"
                     "INSERT INTO ai_calls (provider, model, purpose, cost, created_at)"
                     " VALUES ('openai', 'gpt-4o-mini', 'proposal', 0.5, 1770717600)", error))
    return NULL;
  return NULL;
}

static void
write_items (LancerStore         *store,
             LancerSyncWriteKind  kind,
             GPtrArray           *items)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lancer_sync_write_async (store, kind, items, NULL, result_cb, &result);
  g_assert_cmpint (lancer_sync_write_finish (store, wait_result (&result), &error), ==, (gssize) items->len);
  g_assert_no_error (error);
}

static LancerMetricsReport *
report_for (LancerStore                *store,
            LancerMetricsRange          range,
            const LancerMetricsOptions *options)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LancerMetricsReport *report;
  gint64 from, to;

  lancer_metrics_range_bounds (range, NULL, G_GINT64_CONSTANT (1772332200), &from, &to);
  lancer_metrics_report_async (store, from, to, options, NULL, result_cb, &result);
  report = lancer_metrics_report_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  return report;
}

static char *
shown (LancerMetricsReport *report,
       LancerMetricId       id)
{
  return lancer_metric_format (lancer_metrics_report_get_metric (report, id));
}

static void
assert_shown (LancerMetricsReport *report,
              LancerMetricId       id,
              const char          *expected)
{
  g_autofree char *text = shown (report, id);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_currencies_time_zones (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("lancer-money-XXXXXX", &error);
  g_autoptr(LancerProfileManager) manager = NULL;
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(LancerStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) tx_node = json_from_string (transactions_json, &error);
  g_autoptr(JsonNode) proposals_node = json_from_string (proposals_json, &error);
  g_autoptr(GPtrArray) transactions = NULL;
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(GPtrArray) diary = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_upwork_diary_day_free);
  static const struct { const char *day; guint minutes; } days[] = {
    { "2026-01-29", 600 }, { "2026-01-30", 60 }, { "2026-02-28", 120 }, { "2026-03-01", 30 },
  };
  static const struct {
    const char *tz; double billed; const char *months_usd[2]; double net_usd[2];
    const char *months_rated[2]; double net_rated[2]; double rate, rate_after;
  } zones[] = {
    { "America/New_York", 3.0, { "2026-01", "2026-02" }, { 270, -45 }, { "2026-01", "2026-02" }, { 468, 80 },
      547.5 / (3.0 + 0.5 + 4 / 3.0), 534 / (3.0 + 0.5 + 4 / 3.0) },
    { "Asia/Tokyo", 2.5, { "2026-02", NULL }, { 225, 0 }, { "2026-02", "2026-03" }, { 423, 125 },
      547.5 / (2.5 + 0.5 + 4 / 3.0), 534 / (2.5 + 0.5 + 4 / 3.0) },
  };
  g_autofree char *saved_tz = g_strdup (g_getenv ("TZ"));

  g_assert_no_error (error);
  manager = lancer_profile_manager_new (root);
  profile = lancer_profile_manager_create (manager, "Money", FALSE, &error);
  g_assert_no_error (error);
  lancer_store_open_async (profile, NULL, result_cb, &result);
  store = lancer_store_open_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* The parser turns Upwork's spellings into Lancer's. */
  transactions = lancer_upwork_parse_transactions (tx_node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (transactions->len, ==, 10);
  g_assert_cmpstr (((LancerUpworkTransaction *) transactions->pdata[1])->kind, ==, "fixed");
  g_assert_cmpstr (((LancerUpworkTransaction *) transactions->pdata[2])->kind, ==, "fee");
  g_assert_cmpstr (((LancerUpworkTransaction *) transactions->pdata[2])->subtype, ==, "adjustment");
  g_assert_cmpstr (((LancerUpworkTransaction *) transactions->pdata[5])->kind, ==, "fee-credit");
  g_assert_cmpstr (((LancerUpworkTransaction *) transactions->pdata[9])->kind, ==, "Gift Card");
  proposals = lancer_upwork_parse_proposals (proposals_node, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((LancerUpworkProposal *) proposals->pdata[2])->status, ==, "offer");
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      LancerUpworkDiaryDay *d = g_new0 (LancerUpworkDiaryDay, 1);

      d->contract_id = g_strdup ("k1");
      d->day = g_strdup (days[i].day);
      d->minutes = days[i].minutes;
      g_ptr_array_add (diary, d);
    }
  write_items (store, LANCER_SYNC_WRITE_TRANSACTIONS, transactions);
  write_items (store, LANCER_SYNC_WRITE_PROPOSALS, proposals);
  write_items (store, LANCER_SYNC_WRITE_DIARY, diary);
  lancer_store_run_async (store, TRUE, "proposals", write_extras, NULL, NULL, NULL, NULL, result_cb, &result);
  lancer_store_run_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(LancerMetricsReport) plain = NULL;
      g_autoptr(LancerMetricsReport) rated = NULL;
      LancerMetricsOptions options;
      const LancerMetricsBreakdown *by_client;
      const LancerMetric *m;

      g_setenv ("TZ", zones[z].tz, TRUE);
      tzset ();
      lancer_metrics_options_init (&options);
      plain = report_for (store, LANCER_METRICS_RANGE_30_DAYS, &options);
      g_assert_true (lancer_metrics_options_add_rate (&options, "EUR=1.10"));
      g_assert_true (lancer_metrics_options_add_rate (&options, "gbp = 1.25"));
      g_assert_false (lancer_metrics_options_add_rate (&options, "EUR"));
      rated = report_for (store, LANCER_METRICS_RANGE_30_DAYS, &options);

      /* Each currency on its own, never added together. */
      assert_shown (plain, LANCER_METRIC_GROSS_EARNINGS, "$250.00 · €200.00 · £100.00");
      assert_shown (plain, LANCER_METRIC_FEES, "$25.00 · €20.00 · £0.00");
      assert_shown (plain, LANCER_METRIC_NET_EARNINGS, "$225.00 · €180.00 · £100.00");
      m = lancer_metrics_report_get_metric (plain, LANCER_METRIC_NET_EARNINGS);
      g_assert_true (isnan (m->value));
      g_assert_nonnull (strstr (m->missing, "EUR, GBP"));
      g_assert_nonnull (strstr (lancer_metrics_report_get_metric (plain, LANCER_METRIC_GROSS_EARNINGS)->missing,
                                "“Gift Card”"));
      assert_shown (plain, LANCER_METRIC_EFFECTIVE_RATE, "—");
      g_assert_nonnull (lancer_metrics_report_get_metric (plain, LANCER_METRIC_EFFECTIVE_RATE)->missing);
      /* …and converted only at the rates the user set, saying so. */
      g_assert_cmpfloat_with_epsilon (metric (rated, LANCER_METRIC_NET_EARNINGS), 548, 1e-9);
      g_assert_nonnull (strstr (lancer_metrics_report_get_metric (rated, LANCER_METRIC_NET_EARNINGS)->missing,
                                "$548.00"));

      /* Unknown stays unknown: no Connects counts, but purchases. */
      assert_shown (plain, LANCER_METRIC_CONNECTS_SPENT, "—");
      assert_shown (plain, LANCER_METRIC_CONNECTS_COST, "$13.50");
      assert_shown (plain, LANCER_METRIC_AI_SPEND, "$0.50");
      assert_shown (plain, LANCER_METRIC_COST_PER_WIN, "$14.00");
      assert_shown (plain, LANCER_METRIC_COST_PER_REPLY, "$4.67");

      /* The funnel from Upwork's statuses. */
      g_assert_cmpuint (lancer_metrics_report_get_funnel (plain, LANCER_STAGE_SENT), ==, 5);
      g_assert_cmpuint (lancer_metrics_report_get_funnel (plain, LANCER_STAGE_VIEWED), ==, 3);
      g_assert_cmpuint (lancer_metrics_report_get_funnel (plain, LANCER_STAGE_INTERVIEWED), ==, 3);
      g_assert_cmpuint (lancer_metrics_report_get_funnel (plain, LANCER_STAGE_HIRED), ==, 1);

      /* Whole first and last days, in the user's time zone. */
      g_assert_cmpfloat_with_epsilon (metric (plain, LANCER_METRIC_BILLED_HOURS), zones[z].billed, 1e-9);
      g_assert_cmpfloat_with_epsilon (metric (plain, LANCER_METRIC_WRITING_HOURS), 0.5 + 4 / 3.0, 1e-9);
      g_assert_cmpfloat_with_epsilon (metric (rated, LANCER_METRIC_EFFECTIVE_RATE), zones[z].rate, 1e-9);
      g_assert_cmpfloat_with_epsilon (metric (rated, LANCER_METRIC_EFFECTIVE_RATE_AFTER_CONNECTS),
                                      zones[z].rate_after, 1e-9);

      /* Months are the user's months. */
      by_client = lancer_metrics_report_get_earnings_by_client (plain);
      g_assert_nonnull (by_client->note);
      for (guint i = 0; i < 2 && zones[z].months_usd[i] != NULL; i++)
        {
          g_assert_cmpstr (by_client->month_keys[i], ==, zones[z].months_usd[i]);
          g_assert_cmpfloat_with_epsilon (by_client->values[i], zones[z].net_usd[i], 1e-9);
        }
      g_assert_cmpuint (by_client->n_months, ==, zones[z].months_usd[1] != NULL ? 2 : 1);
      by_client = lancer_metrics_report_get_earnings_by_client (rated);
      g_assert_null (by_client->note);
      g_assert_cmpuint (by_client->n_months, ==, 2);
      for (guint i = 0; i < 2; i++)
        {
          g_assert_cmpstr (by_client->month_keys[i], ==, zones[z].months_rated[i]);
          g_assert_cmpfloat_with_epsilon (by_client->values[i], zones[z].net_rated[i], 1e-9);
        }
    }

  if (saved_tz != NULL)
    g_setenv ("TZ", saved_tz, TRUE);
  else
    g_unsetenv ("TZ");
  tzset ();
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_format (void)
{
  static const struct { LancerMetricUnit unit; double value; const char *text; } cases[] = {
    { LANCER_METRIC_UNIT_MONEY, 0, "$0.00" },
    { LANCER_METRIC_UNIT_MONEY, 4.5, "$4.50" },
    { LANCER_METRIC_UNIT_MONEY, 1168.2, "$1,168.20" },
    { LANCER_METRIC_UNIT_MONEY, 18824.4, "$18,824" },
    { LANCER_METRIC_UNIT_MONEY, 1234567, "$1,234,567" },
    { LANCER_METRIC_UNIT_MONEY, -40, "−$40.00" },
    { LANCER_METRIC_UNIT_MONEY, -0.001, "$0.00" },
    { LANCER_METRIC_UNIT_RATIO, 0.094, "9.4 %" },
    { LANCER_METRIC_UNIT_MONEY, NAN, "—" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = lancer_metrics_format_value (cases[i].unit, cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/insight/metrics/fixture", test_fixture);
  g_test_add_func ("/insight/metrics/calendar", test_calendar);
  g_test_add_func ("/insight/metrics/format", test_format);
  g_test_add_func ("/insight/ab/known-values", test_ab_known_values);
  g_test_add_func ("/insight/ab/rule", test_ab_rule);
  g_test_add_func ("/insight/ab/false-winners", test_ab_false_winners);
  g_test_add_func ("/insight/metrics/currencies-time-zones", test_currencies_time_zones);
  g_test_add_func ("/insight/export/round-trip", test_export_round_trip);
  g_test_add_func ("/insight/metrics/store", test_store);

  return g_test_run ();
}
