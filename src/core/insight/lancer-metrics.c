/* lancer-metrics.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-metrics"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lancer-metrics.h"

struct _LancerMetricsData
{
  GArray       *proposals;
  GArray       *payments;
  GArray       *diary;
  GArray       *ai_calls;
  GStringChunk *strings;
};

struct _LancerMetricsReport
{
  gatomicrefcount         ref_count;
  gint64                  from;
  gint64                  to;
  LancerMetric            metrics[LANCER_N_METRICS];
  guint                   funnel[LANCER_N_STAGES];
  GPtrArray              *groups[LANCER_N_GROUPINGS];
  LancerMetricsBreakdown  by_client;
  LancerMetricsBreakdown  by_category;
  GPtrArray              *ab;
  gboolean                empty;
  gboolean                empty_all_time;
  char                   *formulas[LANCER_N_METRICS];
};

/* Calendar arithmetic (UTC), after Howard Hinnant's civil date algorithms. */

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

static void
civil_from_days (gint64  z,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 era, yy;
  unsigned doe, yoe, doy, mp;

  z += 719468;
  era = floor_div (z, 146097);
  doe = (unsigned) (z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  yy = (gint64) yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = (int) (yy + (*month <= 2));
}

static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  gint64 era;
  unsigned yoe, doy, doe;

  year -= month <= 2;
  era = floor_div (year, 400);
  yoe = (unsigned) (year - era * 400);
  doy = (153 * (unsigned) (month > 2 ? month - 3 : month + 9) + 2) / 5 + (unsigned) day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (gint64) doe - 719468;
}

gint64
lancer_metrics_month_start (gint64 t)
{
  int y, m, d;

  civil_from_days (floor_div (t, 86400), &y, &m, &d);
  return days_from_civil (y, m, 1) * 86400;
}

gint64
lancer_metrics_week_start (gint64 t)
{
  gint64 days = floor_div (t, 86400);
  /* 1970-01-01 was a Thursday; weeks start on Monday. */
  gint64 weekday = ((days + 3) % 7 + 7) % 7;

  return (days - weekday) * 86400;
}

static gint64
next_month (gint64 month_start)
{
  int y, m, d;

  civil_from_days (floor_div (month_start, 86400), &y, &m, &d);
  if (++m > 12)
    {
      m = 1;
      y++;
    }
  return days_from_civil (y, m, 1) * 86400;
}

static gint64
month_number (gint64 t)
{
  int y, m, d;

  civil_from_days (floor_div (t, 86400), &y, &m, &d);
  return (gint64) y * 12 + m - 1;
}

static char *
format_utc (gint64      t,
            const char *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return dt != NULL ? g_date_time_format (dt, format) : g_strdup ("?");
}

/* Data */

LancerMetricsData *
lancer_metrics_data_new (void)
{
  LancerMetricsData *data = g_new0 (LancerMetricsData, 1);

  data->proposals = g_array_new (FALSE, FALSE, sizeof (LancerMetricsProposal));
  data->payments = g_array_new (FALSE, FALSE, sizeof (LancerMetricsPayment));
  data->diary = g_array_new (FALSE, FALSE, sizeof (LancerMetricsDiaryDay));
  data->ai_calls = g_array_new (FALSE, FALSE, sizeof (LancerMetricsAiCall));
  data->strings = g_string_chunk_new (4096);
  return data;
}

void
lancer_metrics_data_free (LancerMetricsData *data)
{
  if (data == NULL)
    return;
  g_array_unref (data->proposals);
  g_array_unref (data->payments);
  g_array_unref (data->diary);
  g_array_unref (data->ai_calls);
  g_string_chunk_free (data->strings);
  g_free (data);
}

static const char *
intern (LancerMetricsData *data,
        const char        *s)
{
  return s != NULL && *s != '\0' ? g_string_chunk_insert_const (data->strings, s) : NULL;
}

void
lancer_metrics_data_add_proposal (LancerMetricsData           *data,
                                  const LancerMetricsProposal *proposal)
{
  LancerMetricsProposal copy = *proposal;

  copy.variant = intern (data, proposal->variant);
  copy.category = intern (data, proposal->category);
  copy.country = intern (data, proposal->country);
  copy.client = intern (data, proposal->client);
  g_array_append_val (data->proposals, copy);
}

void
lancer_metrics_data_add_payment (LancerMetricsData          *data,
                                 const LancerMetricsPayment *payment)
{
  LancerMetricsPayment copy = *payment;

  copy.kind = intern (data, payment->kind);
  copy.client = intern (data, payment->client);
  copy.category = intern (data, payment->category);
  g_array_append_val (data->payments, copy);
}

void
lancer_metrics_data_add_diary_day (LancerMetricsData           *data,
                                   const LancerMetricsDiaryDay *day)
{
  LancerMetricsDiaryDay copy = *day;

  copy.client = intern (data, day->client);
  g_array_append_val (data->diary, copy);
}

void
lancer_metrics_data_add_ai_call (LancerMetricsData         *data,
                                 const LancerMetricsAiCall *call)
{
  g_array_append_val (data->ai_calls, *call);
}

guint
lancer_metrics_data_get_n_proposals (LancerMetricsData *data)
{
  return data->proposals->len;
}

void
lancer_metrics_options_init (LancerMetricsOptions *options)
{
  options->connect_price = 0.15;
  options->writing_minutes = 20;
}

/* Labels */

const char *
lancer_stage_get_label (LancerStage stage)
{
  switch (stage)
    {
    case LANCER_STAGE_SENT: return _("Sent");
    case LANCER_STAGE_VIEWED: return _("Viewed");
    case LANCER_STAGE_REPLIED: return _("Replied");
    case LANCER_STAGE_INTERVIEWED: return _("Interviewed");
    case LANCER_STAGE_HIRED: return _("Hired");
    case LANCER_N_STAGES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
lancer_grouping_get_label (LancerGrouping grouping)
{
  switch (grouping)
    {
    case LANCER_GROUP_WEEK: return _("Week");
    case LANCER_GROUP_MONTH: return _("Month");
    case LANCER_GROUP_CATEGORY: return _("Category");
    case LANCER_GROUP_BUDGET: return _("Budget");
    case LANCER_GROUP_COUNTRY: return _("Client country");
    case LANCER_GROUP_VARIANT: return _("Proposal variant");
    case LANCER_N_GROUPINGS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* USD as people read it: "$1,168.20", "$18,824" (no cents from $10,000 on). */
static char *
format_money (double value)
{
  g_autofree char *digits = g_strdup_printf ("%.*f", fabs (value) >= 10000 ? 0 : 2, fabs (value));
  const char *dot = strchr (digits, '.');
  gsize int_len = dot != NULL ? (gsize) (dot - digits) : strlen (digits);
  GString *out = g_string_new (value < 0 && round (fabs (value) * 100) != 0 ? "−$" : "$");

  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  if (dot != NULL)
    g_string_append (out, dot);
  return g_string_free (out, FALSE);
}

char *
lancer_metrics_format_value (LancerMetricUnit unit,
                             double           value)
{
  if (isnan (value) || isinf (value))
    return g_strdup ("—");

  switch (unit)
    {
    case LANCER_METRIC_UNIT_RATIO:
      return g_strdup_printf ("%.1f %%", value * 100);
    case LANCER_METRIC_UNIT_MONEY:
      return format_money (value);
    case LANCER_METRIC_UNIT_MONEY_PER_HOUR:
      /* TRANSLATORS: money per hour, e.g. $42.10/h */
      return g_strdup_printf (_("$%.2f/h"), value);
    case LANCER_METRIC_UNIT_HOURS:
      /* TRANSLATORS: a number of hours, e.g. 12.5 h */
      return g_strdup_printf (_("%.1f h"), value);
    case LANCER_METRIC_UNIT_COUNT:
    default:
      return g_strdup_printf ("%.0f", value);
    }
}

double
lancer_metrics_group_rate (const LancerMetricsGroup *group,
                           LancerStage               stage)
{
  if (group->count[LANCER_STAGE_SENT] == 0)
    return NAN;
  return (double) group->count[stage] / group->count[LANCER_STAGE_SENT];
}

/* Report */

static void
group_free (gpointer data)
{
  LancerMetricsGroup *group = data;

  g_free (group->key);
  g_free (group->label);
  g_free (group);
}

static void
breakdown_clear (LancerMetricsBreakdown *b)
{
  g_strfreev (b->month_keys);
  g_strfreev (b->month_labels);
  g_free (b->month_starts);
  g_strfreev (b->series);
  g_free (b->values);
  memset (b, 0, sizeof *b);
}

LancerMetricsReport *
lancer_metrics_report_ref (LancerMetricsReport *report)
{
  g_atomic_ref_count_inc (&report->ref_count);
  return report;
}

void
lancer_metrics_report_unref (LancerMetricsReport *report)
{
  if (report == NULL || !g_atomic_ref_count_dec (&report->ref_count))
    return;
  for (guint i = 0; i < LANCER_N_GROUPINGS; i++)
    g_clear_pointer (&report->groups[i], g_ptr_array_unref);
  for (guint i = 0; i < LANCER_N_METRICS; i++)
    g_free (report->formulas[i]);
  breakdown_clear (&report->by_client);
  breakdown_clear (&report->by_category);
  g_clear_pointer (&report->ab, g_ptr_array_unref);
  g_free (report);
}

gint64
lancer_metrics_report_get_from (LancerMetricsReport *report)
{
  return report->from;
}

gint64
lancer_metrics_report_get_to (LancerMetricsReport *report)
{
  return report->to;
}

const LancerMetric *
lancer_metrics_report_get_metric (LancerMetricsReport *report,
                                  LancerMetricId       id)
{
  g_return_val_if_fail (id < LANCER_N_METRICS, NULL);
  return &report->metrics[id];
}

guint
lancer_metrics_report_get_funnel (LancerMetricsReport *report,
                                  LancerStage          stage)
{
  g_return_val_if_fail (stage < LANCER_N_STAGES, 0);
  return report->funnel[stage];
}

GPtrArray *
lancer_metrics_report_get_groups (LancerMetricsReport *report,
                                  LancerGrouping       grouping)
{
  g_return_val_if_fail (grouping < LANCER_N_GROUPINGS, NULL);
  return report->groups[grouping];
}

const LancerMetricsBreakdown *
lancer_metrics_report_get_earnings_by_client (LancerMetricsReport *report)
{
  return &report->by_client;
}

const LancerMetricsBreakdown *
lancer_metrics_report_get_earnings_by_category (LancerMetricsReport *report)
{
  return &report->by_category;
}

GPtrArray *
lancer_metrics_report_get_ab_results (LancerMetricsReport *report)
{
  return report->ab;
}

gboolean
lancer_metrics_report_is_empty (LancerMetricsReport *report)
{
  return report->empty;
}

gboolean
lancer_metrics_report_is_empty_all_time (LancerMetricsReport *report)
{
  return report->empty_all_time;
}

/* Computation */

static void
set_metric (LancerMetricsReport *report,
            LancerMetricId       id,
            const char          *key,
            const char          *title,
            char                *formula,
            LancerMetricUnit     unit,
            double               value,
            guint                n,
            gboolean             too_few)
{
  LancerMetric *m = &report->metrics[id];

  report->formulas[id] = formula;
  m->key = key;
  m->title = title;
  m->formula = formula;
  m->unit = unit;
  m->value = value;
  m->n = n;
  m->too_few = too_few;
}

static double
safe_div (double a,
          double b)
{
  return b != 0 ? a / b : NAN;
}

static const char *
budget_band (const LancerMetricsProposal *p,
             const char                 **label)
{
  if (p->job_type == 1)
    {
      *label = _("Hourly");
      return "9-hourly";
    }
  if (isnan (p->budget))
    {
      *label = _("Fixed, not stated");
      return "8-unknown";
    }
  if (p->budget < 100)
    {
      *label = _("Fixed, under $100");
      return "1";
    }
  if (p->budget < 500)
    {
      *label = _("Fixed, $100–499");
      return "2";
    }
  if (p->budget < 1000)
    {
      *label = _("Fixed, $500–999");
      return "3";
    }
  if (p->budget < 5000)
    {
      *label = _("Fixed, $1,000–4,999");
      return "4";
    }
  *label = _("Fixed, $5,000 and more");
  return "5";
}

static LancerMetricsGroup *
lookup_group (GHashTable *table,
              const char *key,
              const char *label,
              gint64      start)
{
  LancerMetricsGroup *group = g_hash_table_lookup (table, key);

  if (group == NULL)
    {
      group = g_new0 (LancerMetricsGroup, 1);
      group->key = g_strdup (key);
      group->label = g_strdup (label);
      group->start = start;
      g_hash_table_insert (table, group->key, group);
    }
  return group;
}

static int
compare_by_key (gconstpointer a,
                gconstpointer b)
{
  const LancerMetricsGroup *ga = *(LancerMetricsGroup **) a;
  const LancerMetricsGroup *gb = *(LancerMetricsGroup **) b;

  return strcmp (ga->key, gb->key);
}

static int
compare_by_sent (gconstpointer a,
                 gconstpointer b)
{
  const LancerMetricsGroup *ga = *(LancerMetricsGroup **) a;
  const LancerMetricsGroup *gb = *(LancerMetricsGroup **) b;

  if (ga->count[0] != gb->count[0])
    return ga->count[0] > gb->count[0] ? -1 : 1;
  return strcmp (ga->key, gb->key);
}

static GPtrArray *
groups_to_array (GHashTable *table,
                 gboolean    by_time)
{
  GPtrArray *array = g_ptr_array_new_full (g_hash_table_size (table), group_free);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (array, value);
  g_hash_table_steal_all (table);
  g_ptr_array_sort (array, by_time ? compare_by_key : compare_by_sent);
  return array;
}

static void
add_time_group (GHashTable                  *table,
                gboolean                     weekly,
                const LancerMetricsProposal *p,
                const gboolean              *reached)
{
  gint64 start = weekly ? lancer_metrics_week_start (p->at[0]) : lancer_metrics_month_start (p->at[0]);
  LancerMetricsGroup *group;
  int y, m, d;
  char key[32];

  civil_from_days (start / 86400, &y, &m, &d);
  if (weekly)
    g_snprintf (key, sizeof key, "%04d-%02d-%02d", y, m, d);
  else
    g_snprintf (key, sizeof key, "%04d-%02d", y, m);
  group = g_hash_table_lookup (table, key);
  if (group == NULL)
    {
      /* TRANSLATORS: strftime formats for a week (its Monday) and a month */
      g_autofree char *label = format_utc (start, weekly ? _("%e %b %Y") : _("%b %Y"));

      group = lookup_group (table, key, g_strstrip (label), start);
    }
  for (guint s = 0; s < LANCER_N_STAGES; s++)
    group->count[s] += reached[s];
  group->connects += (guint) MAX (p->connects, 0);
}

static void
add_group (GHashTable                  *table,
           const char                  *key,
           const char                  *label,
           const LancerMetricsProposal *p,
           const gboolean              *reached)
{
  LancerMetricsGroup *group = lookup_group (table, key, label, 0);

  for (guint s = 0; s < LANCER_N_STAGES; s++)
    group->count[s] += reached[s];
  group->connects += (guint) MAX (p->connects, 0);
}

static gboolean
is_earning_kind (const char *kind)
{
  return kind == NULL ||
         g_str_equal (kind, "payment") || g_str_equal (kind, "bonus") ||
         g_str_equal (kind, "milestone") || g_str_equal (kind, "hourly") ||
         g_str_equal (kind, "refund") || g_str_equal (kind, "fixed");
}

typedef struct
{
  const char *name;
  double      total;
} SeriesTotal;

static int
compare_series_total (gconstpointer a,
                      gconstpointer b)
{
  const SeriesTotal *sa = a, *sb = b;

  if (sa->total != sb->total)
    return sa->total > sb->total ? -1 : 1;
  return g_strcmp0 (sa->name, sb->name);
}

#define BREAKDOWN_TOP 5

static void
build_breakdown (LancerMetricsBreakdown *b,
                 LancerMetricsData      *data,
                 gint64                  from,
                 gint64                  to,
                 gboolean                by_client)
{
  g_autoptr(GHashTable) totals = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (SeriesTotal));
  const char *none = by_client ? _("Unknown client") : _("Uncategorised");
  gint64 first = G_MAXINT64, last = G_MININT64;
  guint n_months = 0, n_series, other = G_MAXUINT;
  GHashTableIter iter;
  gpointer key, value;

  memset (b, 0, sizeof *b);

  for (guint i = 0; i < data->payments->len; i++)
    {
      const LancerMetricsPayment *p = &g_array_index (data->payments, LancerMetricsPayment, i);
      const char *name = by_client ? p->client : p->category;
      double net, *total;

      if (p->at < from || p->at >= to)
        continue;
      if (is_earning_kind (p->kind))
        net = p->amount - p->fee;
      else if (g_str_equal (p->kind, "fee"))
        net = -fabs (p->amount);
      else
        continue;
      if (name == NULL)
        name = none;
      total = g_hash_table_lookup (totals, name);
      if (total == NULL)
        {
          total = g_new0 (double, 1);
          g_hash_table_insert (totals, (gpointer) name, total);
        }
      *total += net;
      first = MIN (first, p->at);
      last = MAX (last, p->at);
    }

  if (g_hash_table_size (totals) == 0)
    return;

  g_hash_table_iter_init (&iter, totals);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      SeriesTotal st = { key, *(double *) value };

      g_array_append_val (sorted, st);
      g_free (value);
    }
  g_array_sort (sorted, compare_series_total);

  n_series = MIN (sorted->len, BREAKDOWN_TOP);
  if (sorted->len > BREAKDOWN_TOP)
    other = n_series++;
  b->n_series = n_series;
  b->series = g_new0 (char *, n_series + 1);
  for (guint i = 0; i < sorted->len; i++)
    {
      const SeriesTotal *st = &g_array_index (sorted, SeriesTotal, i);
      guint s = i < BREAKDOWN_TOP ? i : other;

      if (i < BREAKDOWN_TOP)
        b->series[s] = g_strdup (st->name);
      g_hash_table_insert (index, (gpointer) st->name, GUINT_TO_POINTER (s));
    }
  if (other != G_MAXUINT)
    b->series[other] = g_strdup (_("Other"));

  first = lancer_metrics_month_start (first);
  last = lancer_metrics_month_start (last);
  for (gint64 m = first; m <= last; m = next_month (m))
    n_months++;
  b->n_months = n_months;
  b->month_keys = g_new0 (char *, n_months + 1);
  b->month_labels = g_new0 (char *, n_months + 1);
  b->month_starts = g_new0 (gint64, n_months);
  {
    guint i = 0;

    for (gint64 m = first; m <= last; m = next_month (m), i++)
      {
        b->month_starts[i] = m;
        b->month_keys[i] = format_utc (m, "%Y-%m");
        b->month_labels[i] = format_utc (m, _("%b %Y"));
      }
  }
  b->values = g_new0 (double, (gsize) n_series * n_months);

  for (guint i = 0; i < data->payments->len; i++)
    {
      const LancerMetricsPayment *p = &g_array_index (data->payments, LancerMetricsPayment, i);
      const char *name = by_client ? p->client : p->category;
      guint s, month;
      double net;

      if (p->at < from || p->at >= to)
        continue;
      if (is_earning_kind (p->kind))
        net = p->amount - p->fee;
      else if (g_str_equal (p->kind, "fee"))
        net = -fabs (p->amount);
      else
        continue;
      s = GPOINTER_TO_UINT (g_hash_table_lookup (index, name != NULL ? name : none));
      month = (guint) (month_number (p->at) - month_number (first));
      b->values[s * n_months + month] += net;
    }
}

static void
build_ab (LancerMetricsReport *report)
{
  GPtrArray *variants = report->groups[LANCER_GROUP_VARIANT];
  g_autoptr(GPtrArray) real = g_ptr_array_new ();

  report->ab = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_ab_comparison_free);
  for (guint i = 0; i < variants->len; i++)
    {
      LancerMetricsGroup *g = variants->pdata[i];

      if (g->key[0] != '\0')
        g_ptr_array_add (real, g);
    }
  for (guint i = 0; i < real->len; i++)
    for (guint j = i + 1; j < real->len; j++)
      {
        LancerMetricsGroup *a = real->pdata[i], *b = real->pdata[j];

        g_ptr_array_add (report->ab,
                         lancer_ab_comparison_new (a->label, a->count[LANCER_STAGE_SENT],
                                                   a->count[LANCER_STAGE_HIRED],
                                                   b->label, b->count[LANCER_STAGE_SENT],
                                                   b->count[LANCER_STAGE_HIRED]));
      }
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

LancerMetricsReport *
lancer_metrics_compute (LancerMetricsData          *data,
                        gint64                      from,
                        gint64                      to,
                        const LancerMetricsOptions *options)
{
  LancerMetricsReport *report;
  LancerMetricsOptions defaults;
  GHashTable *tables[LANCER_N_GROUPINGS] = { NULL };
  g_autoptr(GArray) response = g_array_new (FALSE, FALSE, sizeof (double));
  guint connects = 0, n_payments = 0, n_diary_days = 0, n_calls = 0;
  gboolean any_ever = FALSE;
  double gross = 0, fees = 0, net, billed_minutes = 0, ai_cost = 0;
  double connects_cost, writing_hours, billed_hours, hours, median = NAN;
  guint sent, replied, hired;

  g_return_val_if_fail (data != NULL, NULL);

  if (options == NULL)
    {
      lancer_metrics_options_init (&defaults);
      options = &defaults;
    }

  report = g_new0 (LancerMetricsReport, 1);
  g_atomic_ref_count_init (&report->ref_count);
  report->from = from;
  report->to = to;

  for (guint i = 0; i < LANCER_N_GROUPINGS; i++)
    tables[i] = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < data->proposals->len; i++)
    {
      const LancerMetricsProposal *p = &g_array_index (data->proposals, LancerMetricsProposal, i);
      gboolean reached[LANCER_N_STAGES];
      gboolean later = FALSE;
      const char *label;
      const char *key;
      gint64 first_response = 0;

      any_ever = any_ever || p->at[LANCER_STAGE_SENT] != 0;
      if (p->at[LANCER_STAGE_SENT] == 0 || p->at[LANCER_STAGE_SENT] < from || p->at[LANCER_STAGE_SENT] >= to)
        continue;

      /* A later stage implies the earlier ones. */
      for (int s = LANCER_N_STAGES - 1; s >= 0; s--)
        {
          later = later || p->at[s] != 0;
          reached[s] = later;
        }
      reached[LANCER_STAGE_SENT] = TRUE;
      for (guint s = 0; s < LANCER_N_STAGES; s++)
        report->funnel[s] += reached[s];
      connects += (guint) MAX (p->connects, 0);

      for (guint s = LANCER_STAGE_REPLIED; s < LANCER_N_STAGES; s++)
        if (p->at[s] != 0 && (first_response == 0 || p->at[s] < first_response))
          first_response = p->at[s];
      if (first_response != 0)
        {
          double h = MAX (0, first_response - p->at[LANCER_STAGE_SENT]) / 3600.0;
          g_array_append_val (response, h);
        }

      add_time_group (tables[LANCER_GROUP_WEEK], TRUE, p, reached);
      add_time_group (tables[LANCER_GROUP_MONTH], FALSE, p, reached);
      add_group (tables[LANCER_GROUP_CATEGORY], p->category ? p->category : "",
                 p->category ? p->category : _("Uncategorised"), p, reached);
      key = budget_band (p, &label);
      add_group (tables[LANCER_GROUP_BUDGET], key, label, p, reached);
      add_group (tables[LANCER_GROUP_COUNTRY], p->country ? p->country : "",
                 p->country ? p->country : _("Unknown"), p, reached);
      add_group (tables[LANCER_GROUP_VARIANT], p->variant ? p->variant : "",
                 p->variant ? p->variant : _("No variant"), p, reached);
    }

  for (guint i = 0; i < LANCER_N_GROUPINGS; i++)
    {
      report->groups[i] = groups_to_array (tables[i], i == LANCER_GROUP_WEEK || i == LANCER_GROUP_MONTH);
      g_hash_table_unref (tables[i]);
    }

  for (guint i = 0; i < data->payments->len; i++)
    {
      const LancerMetricsPayment *p = &g_array_index (data->payments, LancerMetricsPayment, i);

      any_ever = any_ever || is_earning_kind (p->kind);
      if (p->at < from || p->at >= to)
        continue;
      if (is_earning_kind (p->kind))
        {
          gross += p->amount;
          fees += p->fee;
          n_payments++;
        }
      else if (g_str_equal (p->kind, "fee"))
        fees += fabs (p->amount);
    }
  for (guint i = 0; i < data->diary->len; i++)
    {
      const LancerMetricsDiaryDay *d = &g_array_index (data->diary, LancerMetricsDiaryDay, i);

      any_ever = any_ever || d->minutes > 0;
      if (d->day < from || d->day >= to || d->minutes <= 0)
        continue;
      billed_minutes += d->minutes;
      n_diary_days++;
    }
  for (guint i = 0; i < data->ai_calls->len; i++)
    {
      const LancerMetricsAiCall *c = &g_array_index (data->ai_calls, LancerMetricsAiCall, i);

      any_ever = TRUE;
      if (c->at < from || c->at >= to)
        continue;
      ai_cost += c->cost;
      n_calls++;
    }

  if (response->len > 0)
    {
      g_array_sort (response, compare_double);
      if (response->len % 2 == 1)
        median = g_array_index (response, double, response->len / 2);
      else
        median = (g_array_index (response, double, response->len / 2 - 1) +
                  g_array_index (response, double, response->len / 2)) / 2;
    }

  sent = report->funnel[LANCER_STAGE_SENT];
  replied = report->funnel[LANCER_STAGE_REPLIED];
  hired = report->funnel[LANCER_STAGE_HIRED];
  net = gross - fees;
  connects_cost = connects * options->connect_price;
  writing_hours = sent * options->writing_minutes / 60.0;
  billed_hours = billed_minutes / 60.0;
  hours = billed_hours + writing_hours;

#define FEW(n) ((n) < LANCER_METRICS_MIN_SAMPLE)
  set_metric (report, LANCER_METRIC_VIEW_RATE, "view-rate", _("View rate"),
              g_strdup (_("Proposals the client viewed ÷ proposals sent. A proposal that got a reply, "
                          "an interview or a hire counts as viewed.")),
              LANCER_METRIC_UNIT_RATIO, safe_div (report->funnel[LANCER_STAGE_VIEWED], sent), sent, FEW (sent));
  set_metric (report, LANCER_METRIC_REPLY_RATE, "reply-rate", _("Reply rate"),
              g_strdup (_("Proposals with a reply from the client ÷ proposals sent.")),
              LANCER_METRIC_UNIT_RATIO, safe_div (replied, sent), sent, FEW (sent));
  set_metric (report, LANCER_METRIC_INTERVIEW_RATE, "interview-rate", _("Interview rate"),
              g_strdup (_("Proposals that led to an interview ÷ proposals sent.")),
              LANCER_METRIC_UNIT_RATIO, safe_div (report->funnel[LANCER_STAGE_INTERVIEWED], sent), sent, FEW (sent));
  set_metric (report, LANCER_METRIC_WIN_RATE, "win-rate", _("Win rate"),
              g_strdup (_("Proposals that led to a hire ÷ all proposals sent (not ÷ decided proposals).")),
              LANCER_METRIC_UNIT_RATIO, safe_div (hired, sent), sent, FEW (sent));
  set_metric (report, LANCER_METRIC_CONNECTS_SPENT, "connects-spent", _("Connects spent"),
              g_strdup (_("Sum of the Connects spent on the proposals sent in the period.")),
              LANCER_METRIC_UNIT_COUNT, connects, sent, FALSE);
  set_metric (report, LANCER_METRIC_CONNECTS_COST, "connects-cost", _("Connects cost"),
              g_strdup_printf (_("Connects spent × $%.2f per Connect."), options->connect_price),
              LANCER_METRIC_UNIT_MONEY, connects_cost, sent, FALSE);
  set_metric (report, LANCER_METRIC_COST_PER_REPLY, "cost-per-reply", _("Cost per reply"),
              g_strdup (_("Connects cost ÷ proposals with a client reply; none while there are no replies.")),
              LANCER_METRIC_UNIT_MONEY, safe_div (connects_cost, replied), sent, FEW (sent));
  set_metric (report, LANCER_METRIC_COST_PER_WIN, "cost-per-win", _("Cost per win"),
              g_strdup (_("Connects cost ÷ proposals that led to a hire; none while there are no hires.")),
              LANCER_METRIC_UNIT_MONEY, safe_div (connects_cost, hired), sent, FEW (sent));
  set_metric (report, LANCER_METRIC_GROSS_EARNINGS, "gross-earnings", _("Gross earnings"),
              g_strdup (_("Sum of payments, milestones and bonuses received in the period, refunds "
                          "subtracted, before fees.")),
              LANCER_METRIC_UNIT_MONEY, gross, n_payments, FALSE);
  set_metric (report, LANCER_METRIC_FEES, "fees", _("Fees"),
              g_strdup (_("Upwork service fees on those payments plus fees charged on their own.")),
              LANCER_METRIC_UNIT_MONEY, fees, n_payments, FALSE);
  set_metric (report, LANCER_METRIC_NET_EARNINGS, "net-earnings", _("Net earnings"),
              g_strdup (_("Gross earnings − fees.")),
              LANCER_METRIC_UNIT_MONEY, net, n_payments, FALSE);
  set_metric (report, LANCER_METRIC_BILLED_HOURS, "billed-hours", _("Billed hours"),
              g_strdup (_("Minutes logged in the work diary ÷ 60. Fixed-price work has no diary and "
                          "adds no hours.")),
              LANCER_METRIC_UNIT_HOURS, billed_hours, n_diary_days, FALSE);
  set_metric (report, LANCER_METRIC_WRITING_HOURS, "writing-hours", _("Hours writing proposals"),
              g_strdup_printf (_("Proposals sent × %.0f minutes, the assumed time to write one."),
                               options->writing_minutes),
              LANCER_METRIC_UNIT_HOURS, writing_hours, sent, FALSE);
  set_metric (report, LANCER_METRIC_EFFECTIVE_RATE, "effective-hourly-rate", _("Effective hourly rate"),
              g_strdup_printf (_("Net earnings ÷ (billed hours + proposals sent × %.0f minutes of writing)."),
                               options->writing_minutes),
              LANCER_METRIC_UNIT_MONEY_PER_HOUR, safe_div (net, hours), n_diary_days, FEW (n_diary_days));
  set_metric (report, LANCER_METRIC_EFFECTIVE_RATE_AFTER_CONNECTS, "effective-hourly-rate-after-connects",
              _("Effective hourly rate after Connects"),
              g_strdup_printf (_("(Net earnings − Connects spent × $%.2f) ÷ (billed hours + proposals sent × "
                                 "%.0f minutes of writing)."),
                               options->connect_price, options->writing_minutes),
              LANCER_METRIC_UNIT_MONEY_PER_HOUR, safe_div (net - connects_cost, hours),
              n_diary_days, FEW (n_diary_days));
  set_metric (report, LANCER_METRIC_RESPONSE_TIME, "response-time", _("Client response time"),
              g_strdup (_("Median hours from sending a proposal to the client’s first reply, over the "
                          "proposals that got one; unanswered proposals are not counted.")),
              LANCER_METRIC_UNIT_HOURS, median, response->len, FEW (response->len));
  set_metric (report, LANCER_METRIC_AI_SPEND, "ai-spend", _("AI spend"),
              g_strdup (_("Sum of the cost of every AI call in the period, as priced when it was made.")),
              LANCER_METRIC_UNIT_MONEY, ai_cost, n_calls, FALSE);
#undef FEW

  build_breakdown (&report->by_client, data, from, to, TRUE);
  build_breakdown (&report->by_category, data, from, to, FALSE);
  build_ab (report);

  report->empty = sent == 0 && n_payments == 0 && n_diary_days == 0 && n_calls == 0;
  /* The same counts over all time, whatever the range: tells "nothing in
   * this period" from "nothing at all yet". */
  report->empty_all_time = !any_ever;
  g_warn_if_fail (!report->empty_all_time || report->empty);
  return report;
}

/* JSON */

static void
add_number (JsonBuilder *b,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (b, name);
  if (isnan (value) || isinf (value))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, value);
}

static void
add_groups (JsonBuilder *b,
            GPtrArray   *groups)
{
  static const char * const stage_keys[] = { "sent", "viewed", "replied", "interviewed", "hired" };

  json_builder_begin_array (b);
  for (guint i = 0; i < groups->len; i++)
    {
      LancerMetricsGroup *g = groups->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "key");
      json_builder_add_string_value (b, g->key);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, g->label);
      for (guint s = 0; s < LANCER_N_STAGES; s++)
        {
          json_builder_set_member_name (b, stage_keys[s]);
          json_builder_add_int_value (b, g->count[s]);
        }
      json_builder_set_member_name (b, "connects");
      json_builder_add_int_value (b, g->connects);
      add_number (b, "view_rate", lancer_metrics_group_rate (g, LANCER_STAGE_VIEWED));
      add_number (b, "reply_rate", lancer_metrics_group_rate (g, LANCER_STAGE_REPLIED));
      add_number (b, "interview_rate", lancer_metrics_group_rate (g, LANCER_STAGE_INTERVIEWED));
      add_number (b, "win_rate", lancer_metrics_group_rate (g, LANCER_STAGE_HIRED));
      json_builder_set_member_name (b, "too_few");
      json_builder_add_boolean_value (b, g->count[0] < LANCER_METRICS_MIN_SAMPLE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_breakdown (JsonBuilder                  *b,
               const LancerMetricsBreakdown *bd)
{
  json_builder_begin_array (b);
  for (guint m = 0; m < bd->n_months; m++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "month");
      json_builder_add_string_value (b, bd->month_keys[m]);
      json_builder_set_member_name (b, "net");
      json_builder_begin_object (b);
      for (guint s = 0; s < bd->n_series; s++)
        add_number (b, bd->series[s], bd->values[s * bd->n_months + m]);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

JsonNode *
lancer_metrics_report_to_json (LancerMetricsReport *report)
{
  static const char * const stage_keys[] = { "sent", "viewed", "replied", "interviewed", "hired" };
  static const char * const group_keys[] = { "by_week", "by_month", "by_category", "by_budget",
                                             "by_country", "by_variant" };
  static const char * const unit_keys[] = { "ratio", "usd", "usd_per_hour", "hours", "count" };
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "from");
  json_builder_add_int_value (b, report->from);
  json_builder_set_member_name (b, "to");
  /* An open end is null, not the sentinel that stands for it. */
  if (report->to == G_MAXINT64)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, report->to);
  json_builder_set_member_name (b, "min_sample");
  json_builder_add_int_value (b, LANCER_METRICS_MIN_SAMPLE);

  json_builder_set_member_name (b, "metrics");
  json_builder_begin_array (b);
  for (guint i = 0; i < LANCER_N_METRICS; i++)
    {
      const LancerMetric *m = &report->metrics[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "key");
      json_builder_add_string_value (b, m->key);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, m->title);
      add_number (b, "value", m->value);
      json_builder_set_member_name (b, "unit");
      json_builder_add_string_value (b, unit_keys[m->unit]);
      json_builder_set_member_name (b, "n");
      json_builder_add_int_value (b, m->n);
      json_builder_set_member_name (b, "too_few");
      json_builder_add_boolean_value (b, m->too_few);
      json_builder_set_member_name (b, "formula");
      json_builder_add_string_value (b, m->formula);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "funnel");
  json_builder_begin_object (b);
  for (guint s = 0; s < LANCER_N_STAGES; s++)
    {
      json_builder_set_member_name (b, stage_keys[s]);
      json_builder_add_int_value (b, report->funnel[s]);
    }
  json_builder_end_object (b);

  for (guint i = 0; i < LANCER_N_GROUPINGS; i++)
    {
      json_builder_set_member_name (b, group_keys[i]);
      add_groups (b, report->groups[i]);
    }

  json_builder_set_member_name (b, "earnings_by_client");
  add_breakdown (b, &report->by_client);
  json_builder_set_member_name (b, "earnings_by_category");
  add_breakdown (b, &report->by_category);

  json_builder_set_member_name (b, "ab_tests");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->ab->len; i++)
    {
      LancerAbComparison *c = report->ab->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "a");
      json_builder_add_string_value (b, c->name_a);
      json_builder_set_member_name (b, "b");
      json_builder_add_string_value (b, c->name_b);
      json_builder_set_member_name (b, "sent_a");
      json_builder_add_int_value (b, c->sent_a);
      json_builder_set_member_name (b, "wins_a");
      json_builder_add_int_value (b, c->wins_a);
      json_builder_set_member_name (b, "sent_b");
      json_builder_add_int_value (b, c->sent_b);
      json_builder_set_member_name (b, "wins_b");
      json_builder_add_int_value (b, c->wins_b);
      add_number (b, "ci95_a_low", c->low_a);
      add_number (b, "ci95_a_high", c->high_a);
      add_number (b, "ci95_b_low", c->low_b);
      add_number (b, "ci95_b_high", c->high_b);
      add_number (b, "prob_b_beats_a", c->prob_b_beats_a);
      json_builder_set_member_name (b, "too_few");
      json_builder_add_boolean_value (b, c->too_few);
      json_builder_set_member_name (b, "verdict");
      json_builder_add_string_value (b, c->verdict);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}
