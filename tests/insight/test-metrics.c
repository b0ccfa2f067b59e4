/* test-metrics.c: metrics against a hand-computed fixture, the A/B
 * posterior against known values, and export round trips.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture (Jan–Feb 2026, UTC), computed by hand:
 *   10 proposals in range: sent 10, viewed 6, replied 4, interviewed 3,
 *   hired 2 (one hire arrived with no earlier events and counts for every
 *   stage). Connects 60 → $9.00 at $0.15; cost per reply $2.25, per win
 *   $4.50. First responses after 2, 4, 10 and 1 hours → median 3 h.
 *   Payments: 1000 (fee 100), 500 (fee 50), bonus 100 (fee 10), refund −50,
 *   a separate fee of 20 and a withdrawal that is not income:
 *   gross 1550, fees 180, net 1370. Diary 480 min = 8 h; writing
 *   10 × 20 min = 3⅓ h; effective rate 1370 / 11⅓ = 120.882…/h, after
 *   Connects (1370 − 9) / 11⅓ = 120.088…/h. AI calls $1.00.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lancer-ab-test.h"
#include "lancer-export.h"
#include "lancer-metrics-queries.h"
#include "lancer-metrics.h"
#include "lancer-profile-manager.h"
#include "lancer-test-util.h"

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

typedef struct
{
  const char *kind;
  double      amount;
  double      fee;
  const char *client;
  gint64      at;
} FixturePayment;

static const FixturePayment fixture_payments[] = {
  { "payment",    1000, 100, "Acme", JAN_5 + 20 * DAY },
  { "payment",    500,  50,  "Beta", FEB_2 + 2 * DAY },
  { "bonus",      100,  10,  "Acme", FEB_2 + 3 * DAY },
  { "refund",     -50,  0,   "Beta", FEB_2 + 4 * DAY },
  { "fee",        20,   0,   "Acme", JAN_5 + 21 * DAY },
  { "withdrawal", 800,  0,   NULL,   FEB_2 + 5 * DAY },
  { "payment",    999,  99,  "Acme", JAN_1 - 3 * DAY },
};

static const struct { gint64 day; int minutes; } fixture_diary[] = {
  { JAN_5, 240 }, { JAN_5 + DAY, 180 }, { FEB_2, 60 }, { JAN_1 - DAY, 600 },
};

static const struct { gint64 at; double cost; } fixture_ai[] = {
  { JAN_5, 0.5 }, { JAN_5 + HOUR, 0.25 }, { FEB_2, 0.25 }, { JAN_1 - HOUR, 7.0 },
};

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
      LancerMetricsPayment p = { f->at, f->kind, f->amount, f->fee, f->client, "Web" };

      lancer_metrics_data_add_payment (data, &p);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fixture_diary); i++)
    {
      LancerMetricsDiaryDay d = { fixture_diary[i].day, fixture_diary[i].minutes, "Acme" };

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
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_COST_PER_REPLY), 2.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_COST_PER_WIN), 4.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_GROSS_EARNINGS), 1550, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_FEES), 180, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_NET_EARNINGS), 1370, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_BILLED_HOURS), 8, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_WRITING_HOURS), 10.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_EFFECTIVE_RATE), 1370 / (8 + 10.0 / 3), 1e-9);
  g_assert_cmpfloat_with_epsilon (metric (report, LANCER_METRIC_EFFECTIVE_RATE_AFTER_CONNECTS),
                                  (1370 - 9) / (8 + 10.0 / 3), 1e-9);
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
  g_autoptr(LancerMetricsReport) report = lancer_metrics_compute (data, JAN_1, MAR_1, NULL);
  GPtrArray *groups;
  LancerMetricsGroup *g;
  const LancerMetricsBreakdown *by_client;
  LancerAbComparison *ab;

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

  g_assert_cmpuint (lancer_metrics_report_get_ab_results (report)->len, ==, 1);
  ab = lancer_metrics_report_get_ab_results (report)->pdata[0];
  g_assert_cmpstr (ab->name_a, ==, "A");
  g_assert_cmpuint (ab->sent_a, ==, 6);
  g_assert_cmpuint (ab->wins_a, ==, 2);
  g_assert_true (ab->too_few);
  g_assert_nonnull (strstr (ab->verdict, "Too few"));

  /* An empty range says so. */
  {
    g_autoptr(LancerMetricsReport) empty = lancer_metrics_compute (data, MAR_1, MAR_1 + DAY, NULL);

    g_assert_true (lancer_metrics_report_is_empty (empty));
    /* …but not empty for all time: the page offers "Show All Time". */
    g_assert_false (lancer_metrics_report_is_empty_all_time (empty));
    g_assert_false (lancer_metrics_report_is_empty_all_time (report));
    g_assert_true (isnan (metric (empty, LANCER_METRIC_WIN_RATE)));
    g_assert_true (isnan (metric (empty, LANCER_METRIC_COST_PER_WIN)));
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
  /* 2026-01-07 (a Wednesday) 13:00 → week of Monday 2026-01-05, month 2026-01-01. */
  g_assert_cmpint (lancer_metrics_week_start (JAN_5 + 2 * DAY + 13 * HOUR), ==, JAN_5);
  g_assert_cmpint (lancer_metrics_month_start (JAN_5 + 2 * DAY + 13 * HOUR), ==, JAN_1);
  g_assert_cmpint (lancer_metrics_month_start (MAR_1 - 1), ==, G_GINT64_CONSTANT (1769904000));
  g_assert_cmpint (lancer_metrics_week_start (JAN_5), ==, JAN_5);
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
test_ab_warnings (void)
{
  g_autoptr(LancerAbComparison) small = lancer_ab_comparison_new ("Short", 12, 3, "Long", 9, 1);
  g_autoptr(LancerAbComparison) big = lancer_ab_comparison_new ("Short", 300, 60, "Long", 300, 30);
  g_autoptr(LancerAbComparison) close = lancer_ab_comparison_new ("Short", 100, 10, "Long", 100, 11);

  g_assert_true (small->too_few);
  g_assert_nonnull (strstr (small->verdict, "Too few"));
  g_assert_false (big->too_few);
  g_assert_cmpfloat (big->prob_b_beats_a, <, 0.01);
  g_assert_nonnull (strstr (big->verdict, "“Short” very likely"));
  g_assert_false (close->too_few);
  g_assert_nonnull (strstr (close->verdict, "No clear winner"));
  g_assert_cmpfloat (big->low_a, <, 0.2);
  g_assert_cmpfloat (big->high_a, >, 0.2);
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
                             i + 1, i, f->variant[0] == 'A' ? 1 : 2, f->sent ? "sent" : "draft", f->connects, sent);
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
  if (!exec_sql (db, "INSERT INTO contracts (id, job_id, title, client_name, updated_at) VALUES"
                     " ('k1', 'job0', 'Site', 'Acme', 0), ('k2', 'job1', 'App', 'Beta', 0)", error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (fixture_payments); i++)
    {
      const FixturePayment *f = &fixture_payments[i];
      g_autofree char *sql = g_strdup_printf ("INSERT INTO transactions (id, contract_id, kind, amount, fee, occurred_at)"
                                              " VALUES ('t%u', %s, '%s', %.2f, %.2f, %" G_GINT64_FORMAT ")",
                                              i, f->client == NULL ? "NULL" : f->client[0] == 'A' ? "'k1'" : "'k2'",
                                              f->kind, f->amount, f->fee, f->at);
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

  lancer_metrics_report_async (store, JAN_1, MAR_1, NULL, NULL, result_cb, &result);
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
  g_test_add_func ("/insight/ab/warnings", test_ab_warnings);
  g_test_add_func ("/insight/export/round-trip", test_export_round_trip);
  g_test_add_func ("/insight/metrics/store", test_store);

  return g_test_run ();
}
