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

#include "lancer-format.h"
#include "lancer-metrics.h"
#include "lancer-upwork-enums.h"

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
  LancerAbTest           *ab;
  GArray                 *currencies;      /* CurrencyTotals */
  gboolean                empty;
  gboolean                empty_all_time;
  char                   *formulas[LANCER_N_METRICS];
  char                   *missing[LANCER_N_METRICS];
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
lancer_metrics_day_number (int year,
                           int month,
                           int day)
{
  return days_from_civil (year, month, day);
}

static GTimeZone *
options_time_zone (const LancerMetricsOptions *options)
{
  GTimeZone *tz = NULL;

  if (options != NULL && options->time_zone[0] != '\0')
    tz = g_time_zone_new_identifier (options->time_zone);
  return tz != NULL ? tz : g_time_zone_new_local ();
}

/* The local calendar date of @t in @tz, as a day number. */
static gint64
local_day (gint64     t,
           GTimeZone *tz)
{
  gint32 offset = g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, t));

  return floor_div (t + offset, 86400);
}

/* Unix time of 00:00 local on day number @day (the first second of the
 * day when a DST jump skips midnight). */
static gint64
day_start (gint64     day,
           GTimeZone *tz)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  civil_from_days (day, &y, &m, &d);
  dt = g_date_time_new (tz, y, m, d, 0, 0, 0);
  return dt != NULL ? g_date_time_to_unix (dt) : day * 86400;
}

static gint64
month_start_day (gint64 day)
{
  int y, m, d;

  civil_from_days (day, &y, &m, &d);
  return days_from_civil (y, m, 1);
}

gint64
lancer_metrics_month_start (gint64     t,
                            GTimeZone *tz)
{
  g_autoptr(GTimeZone) local = tz == NULL ? g_time_zone_new_local () : g_time_zone_ref (tz);

  return day_start (month_start_day (local_day (t, local)), local);
}

gint64
lancer_metrics_week_start (gint64     t,
                           GTimeZone *tz)
{
  g_autoptr(GTimeZone) local = tz == NULL ? g_time_zone_new_local () : g_time_zone_ref (tz);
  gint64 days = local_day (t, local);
  /* 1970-01-01 was a Thursday; weeks start on Monday. */
  gint64 weekday = ((days + 3) % 7 + 7) % 7;

  return day_start (days - weekday, local);
}

static gint64
add_months (gint64 month_day,
            int    n)
{
  int y, m, d;
  int index;

  civil_from_days (month_day, &y, &m, &d);
  index = y * 12 + (m - 1) + n;
  return days_from_civil ((int) floor_div (index, 12), (int) (index - floor_div (index, 12) * 12) + 1, 1);
}

static gint64
month_number (gint64 day)
{
  int y, m, d;

  civil_from_days (day, &y, &m, &d);
  return (gint64) y * 12 + m - 1;
}

static char *
format_day (gint64      day,
            const char *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (day * 86400);

  return dt != NULL ? g_date_time_format (dt, format) : g_strdup ("?");
}

void
lancer_metrics_range_bounds (LancerMetricsRange  range,
                             GTimeZone          *tz,
                             gint64              now,
                             gint64             *from,
                             gint64             *to)
{
  g_autoptr(GTimeZone) local = tz == NULL ? g_time_zone_new_local () : g_time_zone_ref (tz);
  gint64 today = local_day (now, local);

  /* Whole days: the window ends with today and starts at a midnight. */
  *to = day_start (today + 1, local);
  switch (range)
    {
    case LANCER_METRICS_RANGE_30_DAYS:
      *from = day_start (today - 29, local);
      break;
    case LANCER_METRICS_RANGE_90_DAYS:
      *from = day_start (today - 89, local);
      break;
    case LANCER_METRICS_RANGE_12_MONTHS:
      *from = day_start (add_months (month_start_day (today), -11), local);
      break;
    case LANCER_METRICS_RANGE_ALL_TIME:
    default:
      *from = 0;
      *to = G_MAXINT64;
      break;
    }
}

gboolean
lancer_metrics_range_from_string (const char         *name,
                                  LancerMetricsRange *range)
{
  static const char * const names[] = { "30d", "90d", "12m", "all" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      {
        *range = (LancerMetricsRange) i;
        return TRUE;
      }
  return FALSE;
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

/* Points each of the NULL-terminated @fields at the data's own copy, so
 * a row outlives the caller's strings. */
static void
intern_fields (LancerMetricsData  *data,
               const char        **fields[])
{
  for (guint i = 0; fields[i] != NULL; i++)
    *fields[i] = intern (data, *fields[i]);
}

void
lancer_metrics_data_add_proposal (LancerMetricsData           *data,
                                  const LancerMetricsProposal *proposal)
{
  LancerMetricsProposal copy = *proposal;

  intern_fields (data, (const char **[]) { &copy.variant, &copy.category, &copy.country, &copy.client, NULL });
  g_array_append_val (data->proposals, copy);
}

void
lancer_metrics_data_add_payment (LancerMetricsData          *data,
                                 const LancerMetricsPayment *payment)
{
  LancerMetricsPayment copy = *payment;

  intern_fields (data, (const char **[]) { &copy.kind, &copy.currency, &copy.client, &copy.category, NULL });
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
  memset (options, 0, sizeof *options);
  options->connect_price = 0.15;
  options->writing_minutes = 20;
}

gboolean
lancer_metrics_options_add_rate (LancerMetricsOptions *options,
                                 const char           *spec)
{
  g_auto(GStrv) parts = spec != NULL ? g_strsplit (spec, "=", 2) : NULL;
  char *end = NULL;
  double usd;

  if (parts == NULL || g_strv_length (parts) != 2 || strlen (g_strstrip (parts[0])) != 3 ||
      options->n_rates >= LANCER_METRICS_MAX_RATES)
    return FALSE;
  usd = g_ascii_strtod (g_strstrip (parts[1]), &end);
  if (end == NULL || *end != '\0' || !(usd > 0) || isinf (usd))
    return FALSE;
  for (guint i = 0; i < 3; i++)
    options->rates[options->n_rates].currency[i] = g_ascii_toupper (parts[0][i]);
  options->rates[options->n_rates].currency[3] = '\0';
  options->rates[options->n_rates].usd = usd;
  options->n_rates++;
  return TRUE;
}

void
lancer_metrics_options_load_rates (LancerMetricsOptions *options,
                                   GSettings            *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GVariant) rates = NULL;
  GVariantIter iter;
  const char *currency;
  double usd;

  if (settings == NULL)
    return;
  g_object_get (settings, "settings-schema", &schema, NULL);
  if (schema == NULL || !g_settings_schema_has_key (schema, "exchange-rates"))
    return;
  rates = g_settings_get_value (settings, "exchange-rates");
  g_variant_iter_init (&iter, rates);
  while (g_variant_iter_next (&iter, "{&sd}", &currency, &usd))
    {
      g_autofree char *spec = NULL;
      char number[G_ASCII_DTOSTR_BUF_SIZE];
      gboolean known = FALSE;

      for (guint i = 0; i < options->n_rates; i++)
        known = known || g_ascii_strcasecmp (options->rates[i].currency, currency) == 0;
      if (known)
        continue;
      spec = g_strdup_printf ("%s=%s", currency, g_ascii_dtostr (number, sizeof number, usd));
      lancer_metrics_options_add_rate (options, spec);
    }
}

int
lancer_metrics_currency_exponent (const char *currency)
{
  static const char * const none[] = { "JPY", "KRW", "VND", "CLP", "ISK", "HUF", "UGX", "XOF", "XAF" };
  static const char * const three[] = { "BHD", "KWD", "OMR", "JOD", "TND", "IQD", "LYD" };

  for (guint i = 0; currency != NULL && i < G_N_ELEMENTS (none); i++)
    if (g_ascii_strcasecmp (currency, none[i]) == 0)
      return 0;
  for (guint i = 0; currency != NULL && i < G_N_ELEMENTS (three); i++)
    if (g_ascii_strcasecmp (currency, three[i]) == 0)
      return 3;
  return 2;
}

gint64
lancer_metrics_to_minor (double      amount,
                         const char *currency)
{
  if (isnan (amount) || isinf (amount))
    return 0;
  return (gint64) llround (amount * pow (10, lancer_metrics_currency_exponent (currency)));
}

/* 1 unit of @currency in USD, as the user set it; NAN when not set. */
static double
usd_rate (const LancerMetricsOptions *options,
          const char                 *currency)
{
  if (currency == NULL || g_ascii_strcasecmp (currency, "USD") == 0)
    return 1.0;
  for (guint i = 0; i < options->n_rates; i++)
    if (g_ascii_strcasecmp (options->rates[i].currency, currency) == 0)
      return options->rates[i].usd;
  return NAN;
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

/* Money as people read it: "$1,168.20", "$18,824" (no cents from 10,000
 * on), "€300.00", "£45.50", "CHF 12.00". */
static char *
format_amount (double      value,
               const char *currency,
               int         exponent)
{
  return lancer_format_amount (value, currency, fabs (value) >= 10000 ? 0 : exponent);
}

static char *
format_money (double value)
{
  return format_amount (value, "USD", 2);
}

static char *
format_minor (gint64      minor,
              const char *currency)
{
  int exponent = lancer_metrics_currency_exponent (currency);

  return format_amount (minor / pow (10, exponent), currency, exponent);
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

char *
lancer_metric_format (const LancerMetric *metric)
{
  GString *out;

  g_return_val_if_fail (metric != NULL, NULL);

  /* Amounts in more than one currency are shown side by side, never added. */
  if (metric->unit != LANCER_METRIC_UNIT_MONEY || metric->n_money == 0)
    return lancer_metrics_format_value (metric->unit, metric->value);
  out = g_string_new (NULL);
  for (guint i = 0; i < metric->n_money; i++)
    {
      g_autofree char *one = format_minor (metric->money[i].minor, metric->money[i].currency);

      if (i > 0)
        g_string_append (out, " · ");
      g_string_append (out, one);
    }
  return g_string_free (out, FALSE);
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

/* Money of one currency in the period, in minor units. */
typedef struct
{
  char   currency[4];
  gint64 earned;            /* hourly, fixed, bonus, other payments */
  gint64 refunds;           /* given back to clients (positive) */
  gint64 adjustments;       /* signed */
  gint64 fees;              /* charged (positive) */
  gint64 fee_credits;       /* given back (positive) */
  gint64 connects;          /* Connects bought (positive) */
  guint  n;
} CurrencyTotals;

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
  g_free (b->note);
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
  for (guint i = 0; i < LANCER_N_METRICS; i++)
    g_free (report->missing[i]);
  breakdown_clear (&report->by_client);
  breakdown_clear (&report->by_category);
  g_clear_pointer (&report->ab, lancer_ab_test_free);
  g_clear_pointer (&report->currencies, g_array_unref);
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

const LancerAbTest *
lancer_metrics_report_get_ab_test (LancerMetricsReport *report)
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

/* Two counts, each with its own plural form. */
static char *
writing_formula (guint  n_timed,
                 double minutes,
                 guint  n_untimed)
{
  g_autofree char *timed = g_strdup_printf (ngettext ("Time the editor recorded writing %u proposal",
                                                      "Time the editor recorded writing %u proposals",
                                                      n_timed), n_timed);
  g_autofree char *untimed = g_strdup_printf (ngettext ("plus %.0f minutes (assumed) for %u proposal sent without a record",
                                                        "plus %.0f minutes (assumed) for each of %u proposals sent without a record",
                                                        n_untimed), minutes, n_untimed);

  /* Translators: the two parts above, joined */
  return g_strdup_printf (_("%s, %s."), timed, untimed);
}

static LancerMetric *
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
  return m;
}

/* Says what is unknown or left out; reasons add up. */
static void
set_missing (LancerMetricsReport *report,
             LancerMetricId       id,
             char                *missing)
{
  if (report->missing[id] != NULL)
    {
      char *both = g_strconcat (report->missing[id], " ", missing, NULL);

      g_free (report->missing[id]);
      g_free (missing);
      missing = both;
    }
  report->missing[id] = missing;
  report->metrics[id].missing = missing;
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
                GTimeZone                   *tz,
                const LancerMetricsProposal *p,
                const gboolean              *reached)
{
  gint64 day = local_day (p->at[0], tz);
  gint64 first;
  LancerMetricsGroup *group;
  int y, m, d;
  char key[32];

  if (weekly)
    first = day - (((day + 3) % 7 + 7) % 7);    /* 1970-01-01 was a Thursday; weeks start on Monday */
  else
    first = month_start_day (day);
  civil_from_days (first, &y, &m, &d);
  if (weekly)
    g_snprintf (key, sizeof key, "%04d-%02d-%02d", y, m, d);
  else
    g_snprintf (key, sizeof key, "%04d-%02d", y, m);
  group = g_hash_table_lookup (table, key);
  if (group == NULL)
    {
      /* TRANSLATORS: strftime formats for a week (its Monday) and a month */
      g_autofree char *label = format_day (first, weekly ? _("%e %b %Y") : _("%b %Y"));

      group = lookup_group (table, key, g_strstrip (label), day_start (first, tz));
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

/* The net effect of a transaction on earnings, in its own minor units,
 * with the sign its kind gives: earnings add, refunds and fees subtract,
 * fee credits add back. FALSE for what is not earnings (withdrawals,
 * Connects, membership, unknown types). */
static gboolean
payment_net (const LancerMetricsPayment *p,
             gint64                     *net)
{
  gint64 amount = p->amount < 0 ? -p->amount : p->amount;
  gint64 fee = p->fee < 0 ? -p->fee : p->fee;

  switch (lancer_transaction_kind_from_string (p->kind))
    {
    case LANCER_TRANSACTION_HOURLY:
    case LANCER_TRANSACTION_FIXED:
    case LANCER_TRANSACTION_BONUS:
    case LANCER_TRANSACTION_PAYMENT:
      *net = amount - fee;
      return TRUE;
    case LANCER_TRANSACTION_REFUND:
      *net = -amount;
      return TRUE;
    case LANCER_TRANSACTION_ADJUSTMENT:
      *net = p->amount;
      return TRUE;
    case LANCER_TRANSACTION_FEE:
    case LANCER_TRANSACTION_WITHDRAWAL_FEE:
      *net = -amount;
      return TRUE;
    case LANCER_TRANSACTION_FEE_CREDIT:
      *net = amount;
      return TRUE;
    case LANCER_TRANSACTION_CONNECTS:
    case LANCER_TRANSACTION_MEMBERSHIP:
    case LANCER_TRANSACTION_WITHDRAWAL:
    case LANCER_TRANSACTION_UNKNOWN:
    case LANCER_TRANSACTION_N_KINDS:
    default:
      return FALSE;
    }
}

static CurrencyTotals *
currency_totals (GArray     *currencies,
                 const char *currency)
{
  CurrencyTotals fresh = { { 0 } };

  if (currency == NULL)
    currency = "USD";
  for (guint i = 0; i < currencies->len; i++)
    if (g_ascii_strcasecmp (g_array_index (currencies, CurrencyTotals, i).currency, currency) == 0)
      return &g_array_index (currencies, CurrencyTotals, i);
  g_strlcpy (fresh.currency, currency, sizeof fresh.currency);
  for (guint i = 0; i < 3; i++)
    fresh.currency[i] = g_ascii_toupper (fresh.currency[i]);
  g_array_append_val (currencies, fresh);
  return &g_array_index (currencies, CurrencyTotals, currencies->len - 1);
}

static int
compare_currency (gconstpointer a,
                  gconstpointer b)
{
  const CurrencyTotals *ca = a, *cb = b;

  /* USD first (Upwork pays in it and AI and Connects are priced in it). */
  if (g_str_equal (ca->currency, "USD") != g_str_equal (cb->currency, "USD"))
    return g_str_equal (ca->currency, "USD") ? -1 : 1;
  return strcmp (ca->currency, cb->currency);
}

typedef gint64 (*TotalFunc) (const CurrencyTotals *t);

static gint64 total_gross (const CurrencyTotals *t) { return t->earned - t->refunds + t->adjustments; }
static gint64 total_fees (const CurrencyTotals *t) { return t->fees - t->fee_credits; }
static gint64 total_net (const CurrencyTotals *t) { return total_gross (t) - total_fees (t); }
static gint64 total_connects (const CurrencyTotals *t) { return t->connects; }

/* Fills @m's per-currency amounts and its USD value (NAN, with the reason
 * in @missing_out, when a currency has no rate the user set). */
static double
money_metric (LancerMetric               *m,
              GArray                     *currencies,
              TotalFunc                   total,
              gboolean                    skip_zero,
              const LancerMetricsOptions *options,
              GString                    *no_rate)
{
  double usd = 0;

  m->n_money = 0;
  for (guint i = 0; i < currencies->len; i++)
    {
      const CurrencyTotals *t = &g_array_index (currencies, CurrencyTotals, i);
      gint64 minor = total (t);
      double rate;

      if (skip_zero && minor == 0)
        continue;
      if (m->n_money < LANCER_METRICS_MAX_CURRENCIES)
        {
          LancerMoney *money = &m->money[m->n_money++];

          memcpy (money->currency, t->currency, sizeof money->currency);
          money->minor = minor;
        }
      rate = usd_rate (options, t->currency);
      if (isnan (rate) && no_rate != NULL && strstr (no_rate->str, t->currency) == NULL)
        g_string_append_printf (no_rate, "%s%s", no_rate->len > 0 ? ", " : "", t->currency);
      usd += minor / pow (10, lancer_metrics_currency_exponent (t->currency)) * rate;
    }
  return usd;
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

/* Net in USD of one payment, or NAN when its currency has no rate. */
static double
payment_net_usd (const LancerMetricsPayment *p,
                 const LancerMetricsOptions *options)
{
  gint64 net;

  if (!payment_net (p, &net))
    return NAN;
  return net / pow (10, lancer_metrics_currency_exponent (p->currency)) * usd_rate (options, p->currency);
}

static void
build_breakdown (LancerMetricsBreakdown     *b,
                 LancerMetricsData          *data,
                 gint64                      from,
                 gint64                      to,
                 GTimeZone                  *tz,
                 const LancerMetricsOptions *options,
                 gboolean                    by_client)
{
  g_autoptr(GHashTable) totals = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (SeriesTotal));
  g_autoptr(GString) left_out = g_string_new (NULL);
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
      gint64 minor;
      double net, *total;

      if (p->at < from || p->at >= to || !payment_net (p, &minor))
        continue;
      net = payment_net_usd (p, options);
      if (isnan (net))
        {
          if (strstr (left_out->str, p->currency) == NULL)
            g_string_append_printf (left_out, "%s%s", left_out->len > 0 ? ", " : "", p->currency);
          continue;
        }
      if (name == NULL)
        name = none;
      total = g_hash_table_lookup (totals, name);
      if (total == NULL)
        {
          total = g_new0 (double, 1);
          g_hash_table_insert (totals, (gpointer) name, total);
        }
      *total += net;
      first = MIN (first, local_day (p->at, tz));
      last = MAX (last, local_day (p->at, tz));
    }

  if (left_out->len > 0)
    /* TRANSLATORS: %s lists currency codes, e.g. "EUR, GBP" */
    b->note = g_strdup_printf (_("Payments in %s are left out: amounts in US dollars only, as no exchange rate "
                                 "is set."), left_out->str);
  if (g_hash_table_size (totals) == 0)
    return;

  g_hash_table_iter_init (&iter, totals);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      SeriesTotal st = { key, *(double *) value };

      g_array_append_val (sorted, st);
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

  first = month_start_day (first);
  last = month_start_day (last);
  for (gint64 m = first; m <= last; m = add_months (m, 1))
    n_months++;
  b->n_months = n_months;
  b->month_keys = g_new0 (char *, n_months + 1);
  b->month_labels = g_new0 (char *, n_months + 1);
  b->month_starts = g_new0 (gint64, n_months);
  {
    guint i = 0;

    for (gint64 m = first; m <= last; m = add_months (m, 1), i++)
      {
        b->month_starts[i] = day_start (m, tz);
        b->month_keys[i] = format_day (m, "%Y-%m");
        b->month_labels[i] = format_day (m, _("%b %Y"));
      }
  }
  b->values = g_new0 (double, (gsize) n_series * n_months);

  for (guint i = 0; i < data->payments->len; i++)
    {
      const LancerMetricsPayment *p = &g_array_index (data->payments, LancerMetricsPayment, i);
      const char *name = by_client ? p->client : p->category;
      gint64 minor;
      guint s, month;
      double net;

      if (p->at < from || p->at >= to || !payment_net (p, &minor))
        continue;
      net = payment_net_usd (p, options);
      if (isnan (net))
        continue;
      s = GPOINTER_TO_UINT (g_hash_table_lookup (index, name != NULL ? name : none));
      month = (guint) (month_number (local_day (p->at, tz)) - month_number (first));
      b->values[s * n_months + month] += net;
    }
}

typedef struct
{
  guint sent, wins, losses;
} VariantOutcomes;

static void
build_ab (LancerMetricsReport *report,
          GHashTable          *outcomes)
{
  GPtrArray *variants = report->groups[LANCER_GROUP_VARIANT];
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) sent = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) wins = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) losses = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < variants->len; i++)
    {
      LancerMetricsGroup *g = variants->pdata[i];
      VariantOutcomes *o;

      if (g->key[0] == '\0')
        continue;
      o = g_hash_table_lookup (outcomes, g->key);
      g_ptr_array_add (names, g->label);
      g_array_append_val (sent, o->sent);
      g_array_append_val (wins, o->wins);
      g_array_append_val (losses, o->losses);
    }
  report->ab = lancer_ab_test_new (names->len, (const char * const *) names->pdata, (guint *) sent->data,
                                   (guint *) wins->data, (guint *) losses->data);
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
  g_autoptr(GHashTable) outcomes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GArray) response = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GString) no_rate = g_string_new (NULL);
  g_autoptr(GString) unknown_kinds = g_string_new (NULL);
  g_autoptr(GString) purchase_no_rate = g_string_new (NULL);
  guint connects = 0, n_connects_known = 0, n_payments = 0, n_diary_days = 0, n_calls = 0, n_unknown = 0;
  guint n_timed = 0, n_purchases = 0, n_transactions_ever = 0;
  gboolean any_ever = FALSE;
  double billed_minutes = 0, ai_cost = 0, writing_seconds = 0;
  double net_usd, connects_cost, known_costs, writing_hours, billed_hours, hours, median = NAN;
  guint sent, replied, hired;
  gint64 first_day, last_day;
  gint64 first_diary_ever = G_MAXINT64, first_earning_day = G_MAXINT64;
  LancerMetric *m;

  g_return_val_if_fail (data != NULL, NULL);

  if (options == NULL)
    {
      lancer_metrics_options_init (&defaults);
      options = &defaults;
    }
  tz = options_time_zone (options);

  report = g_new0 (LancerMetricsReport, 1);
  g_atomic_ref_count_init (&report->ref_count);
  report->from = from;
  report->to = to;
  report->currencies = g_array_new (FALSE, FALSE, sizeof (CurrencyTotals));

  /* Diary days are dates: the window holds its first and last local date
   * whole. */
  first_day = from <= 0 ? G_MININT64 : local_day (from, tz);
  last_day = to == G_MAXINT64 ? G_MAXINT64 : local_day (to - 1, tz);

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
      if (p->connects >= 0)
        {
          connects += (guint) p->connects;
          n_connects_known++;
        }
      if (p->writing_seconds >= 0)
        {
          writing_seconds += p->writing_seconds;
          n_timed++;
        }

      for (guint s = LANCER_STAGE_REPLIED; s < LANCER_N_STAGES; s++)
        if (p->at[s] != 0 && (first_response == 0 || p->at[s] < first_response))
          first_response = p->at[s];
      if (first_response != 0)
        {
          double h = MAX (0, first_response - p->at[LANCER_STAGE_SENT]) / 3600.0;
          g_array_append_val (response, h);
        }

      add_time_group (tables[LANCER_GROUP_WEEK], TRUE, tz, p, reached);
      add_time_group (tables[LANCER_GROUP_MONTH], FALSE, tz, p, reached);
      add_group (tables[LANCER_GROUP_CATEGORY], p->category ? p->category : "",
                 p->category ? p->category : _("Uncategorised"), p, reached);
      key = budget_band (p, &label);
      add_group (tables[LANCER_GROUP_BUDGET], key, label, p, reached);
      add_group (tables[LANCER_GROUP_COUNTRY], p->country ? p->country : "",
                 p->country ? p->country : _("Unknown"), p, reached);
      add_group (tables[LANCER_GROUP_VARIANT], p->variant ? p->variant : "",
                 p->variant ? p->variant : _("No variant"), p, reached);
      if (p->variant != NULL)
        {
          VariantOutcomes *o = g_hash_table_lookup (outcomes, p->variant);

          if (o == NULL)
            {
              o = g_new0 (VariantOutcomes, 1);
              g_hash_table_insert (outcomes, (gpointer) p->variant, o);
            }
          o->sent++;
          o->wins += p->outcome == LANCER_OUTCOME_WON;
          o->losses += p->outcome == LANCER_OUTCOME_LOST;
        }
    }

  for (guint i = 0; i < LANCER_N_GROUPINGS; i++)
    {
      report->groups[i] = groups_to_array (tables[i], i == LANCER_GROUP_WEEK || i == LANCER_GROUP_MONTH);
      g_hash_table_unref (tables[i]);
    }

  for (guint i = 0; i < data->payments->len; i++)
    {
      const LancerMetricsPayment *p = &g_array_index (data->payments, LancerMetricsPayment, i);
      LancerTransactionKind kind = lancer_transaction_kind_from_string (p->kind);
      gint64 amount = p->amount < 0 ? -p->amount : p->amount;
      gint64 fee = p->fee < 0 ? -p->fee : p->fee;
      CurrencyTotals *t;

      n_transactions_ever++;
      any_ever = any_ever || kind != LANCER_TRANSACTION_WITHDRAWAL;
      if (p->at < from || p->at >= to)
        continue;
      t = currency_totals (report->currencies, p->currency);
      /* The sign comes from the kind, not from how the amount was booked. */
      switch (kind)
        {
        case LANCER_TRANSACTION_HOURLY:
          first_earning_day = MIN (first_earning_day, local_day (p->at, tz));
          G_GNUC_FALLTHROUGH;
        case LANCER_TRANSACTION_FIXED:
        case LANCER_TRANSACTION_BONUS:
        case LANCER_TRANSACTION_PAYMENT:
          t->earned += amount;
          t->fees += fee;
          t->n++;
          n_payments++;
          break;
        case LANCER_TRANSACTION_REFUND:
          t->refunds += amount;
          t->n++;
          n_payments++;
          break;
        case LANCER_TRANSACTION_ADJUSTMENT:
          t->adjustments += p->amount;
          t->n++;
          n_payments++;
          break;
        case LANCER_TRANSACTION_FEE:
        case LANCER_TRANSACTION_WITHDRAWAL_FEE:
          t->fees += amount;
          t->n++;
          break;
        case LANCER_TRANSACTION_FEE_CREDIT:
          t->fee_credits += amount;
          t->n++;
          break;
        case LANCER_TRANSACTION_CONNECTS:
          t->connects += amount;
          n_purchases++;
          break;
        case LANCER_TRANSACTION_MEMBERSHIP:
        case LANCER_TRANSACTION_WITHDRAWAL:
          break;
        case LANCER_TRANSACTION_UNKNOWN:
        case LANCER_TRANSACTION_N_KINDS:
        default:
          n_unknown++;
          if (unknown_kinds->len < 200 && strstr (unknown_kinds->str, p->kind ? p->kind : "?") == NULL)
            g_string_append_printf (unknown_kinds, "%s“%s”", unknown_kinds->len > 0 ? ", " : "",
                                    p->kind ? p->kind : "?");
          break;
        }
    }
  g_array_sort (report->currencies, compare_currency);

  for (guint i = 0; i < data->diary->len; i++)
    {
      const LancerMetricsDiaryDay *d = &g_array_index (data->diary, LancerMetricsDiaryDay, i);

      any_ever = any_ever || d->minutes > 0;
      if (d->minutes > 0)
        first_diary_ever = MIN (first_diary_ever, d->day);
      if (d->day < first_day || d->day > last_day || d->minutes <= 0)
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
  writing_hours = (writing_seconds + (sent - n_timed) * options->writing_minutes * 60.0) / 3600.0;
  billed_hours = billed_minutes / 60.0;
  hours = billed_hours + writing_hours;

#define FEW(n) ((n) < LANCER_METRICS_MIN_SAMPLE)
  set_metric (report, LANCER_METRIC_VIEW_RATE, "view-rate", _("View rate"),
              g_strdup (_("Proposals the client viewed ÷ proposals sent. A proposal that got a reply, "
                          "an interview, an offer or a hire counts as viewed.")),
              LANCER_METRIC_UNIT_RATIO, safe_div (report->funnel[LANCER_STAGE_VIEWED], sent), sent, FEW (sent));
  set_metric (report, LANCER_METRIC_REPLY_RATE, "reply-rate", _("Reply rate"),
              g_strdup (_("Proposals with a reply from the client ÷ proposals sent. An interview, an offer or "
                          "a hire counts as a reply.")),
              LANCER_METRIC_UNIT_RATIO, safe_div (replied, sent), sent, FEW (sent));
  set_metric (report, LANCER_METRIC_INTERVIEW_RATE, "interview-rate", _("Interview rate"),
              g_strdup (_("Proposals that led to an interview (Upwork: “Activated”), an offer or a hire ÷ "
                          "proposals sent.")),
              LANCER_METRIC_UNIT_RATIO, safe_div (report->funnel[LANCER_STAGE_INTERVIEWED], sent), sent, FEW (sent));
  set_metric (report, LANCER_METRIC_WIN_RATE, "win-rate", _("Win rate"),
              g_strdup (_("Proposals that led to a hire ÷ all proposals sent (not ÷ decided proposals).")),
              LANCER_METRIC_UNIT_RATIO, safe_div (hired, sent), sent, FEW (sent));

  /* Connects: the count on each proposal where Upwork or the user gave it;
   * their cost from the Connects bought, or else the count at the set price. */
  set_metric (report, LANCER_METRIC_CONNECTS_SPENT, "connects-spent", _("Connects spent"),
              g_strdup (_("Sum of the Connects spent on the proposals sent in the period, where known.")),
              LANCER_METRIC_UNIT_COUNT, n_connects_known > 0 ? connects : NAN, n_connects_known, FALSE);
  if (n_connects_known < sent)
    set_missing (report, LANCER_METRIC_CONNECTS_SPENT,
                 g_strdup_printf (ngettext ("%u proposal carries no Connects count.",
                                            "%u proposals carry no Connects count.", sent - n_connects_known),
                                  sent - n_connects_known));
  if (n_purchases > 0)
    {
      m = set_metric (report, LANCER_METRIC_CONNECTS_COST, "connects-cost", _("Connects cost"),
                      g_strdup (_("Connects bought in the period, from the transaction history.")),
                      LANCER_METRIC_UNIT_MONEY, 0, n_purchases, FALSE);
      connects_cost = money_metric (m, report->currencies, total_connects, TRUE, options, purchase_no_rate);
      if (purchase_no_rate->len > 0)
        {
          connects_cost = NAN;
          set_missing (report, LANCER_METRIC_CONNECTS_COST,
                       /* TRANSLATORS: %s lists currency codes */
                       g_strdup_printf (_("No exchange rate is set for %s."), purchase_no_rate->str));
        }
      m->value = connects_cost;
    }
  else if (n_connects_known > 0)
    {
      connects_cost = connects * options->connect_price;
      set_metric (report, LANCER_METRIC_CONNECTS_COST, "connects-cost", _("Connects cost"),
                  g_strdup_printf (_("Connects spent × $%.2f per Connect (the price you set); no Connects "
                                     "purchase is in the transaction history for the period."),
                                   options->connect_price),
                  LANCER_METRIC_UNIT_MONEY, connects_cost, n_connects_known, FALSE);
    }
  else
    {
      connects_cost = NAN;
      set_metric (report, LANCER_METRIC_CONNECTS_COST, "connects-cost", _("Connects cost"),
                  g_strdup (_("Connects bought in the period (transaction history), or else Connects spent × "
                              "the price per Connect.")),
                  LANCER_METRIC_UNIT_MONEY, NAN, 0, FALSE);
      set_missing (report, LANCER_METRIC_CONNECTS_COST,
                   g_strdup (_("Unknown: no proposal carries a Connects count and the transaction history has no "
                               "Connects purchase in the period.")));
    }

  /* Costs per outcome count what is known: AI spend always, Connects when known. */
  known_costs = ai_cost + (isnan (connects_cost) ? 0 : connects_cost);
  {
    struct { LancerMetricId id; const char *key; const char *title; const char *formula; guint outcomes;
             const char *none; } per[] = {
      { LANCER_METRIC_COST_PER_REPLY, "cost-per-reply", _("Cost per reply"),
        _("(Connects cost + AI spend) ÷ proposals with a client reply."), replied,
        _("No reply in the period.") },
      { LANCER_METRIC_COST_PER_WIN, "cost-per-win", _("Cost per win"),
        _("(Connects cost + AI spend) ÷ proposals that led to a hire."), hired,
        _("No hire in the period.") },
    };

    for (guint i = 0; i < G_N_ELEMENTS (per); i++)
      {
        gboolean nothing_known = isnan (connects_cost) && n_calls == 0;

        set_metric (report, per[i].id, per[i].key, per[i].title, g_strdup (per[i].formula), LANCER_METRIC_UNIT_MONEY,
                    nothing_known ? NAN : safe_div (known_costs, per[i].outcomes), sent, FEW (sent));
        if (per[i].outcomes == 0)
          set_missing (report, per[i].id, g_strdup (per[i].none));
        else if (nothing_known)
          set_missing (report, per[i].id, g_strdup (_("Unknown: the Connects cost is unknown and no AI call was made "
                                                       "in the period.")));
        else if (isnan (connects_cost))
          set_missing (report, per[i].id, g_strdup (_("Counts AI spend only: the Connects cost is unknown.")));
      }
  }

  /* Money, per currency: never added across currencies. */
  m = set_metric (report, LANCER_METRIC_GROSS_EARNINGS, "gross-earnings", _("Gross earnings"),
                  g_strdup (_("Hourly, fixed-price, bonus and other payments received in the period, refunds "
                              "subtracted, before fees; each currency on its own.")),
                  LANCER_METRIC_UNIT_MONEY, 0, n_payments, FALSE);
  m->value = money_metric (m, report->currencies, total_gross, FALSE, options, no_rate);
  m = set_metric (report, LANCER_METRIC_FEES, "fees", _("Fees"),
                  g_strdup (_("Upwork service fees charged in the period, fees given back subtracted; each "
                              "currency on its own.")),
                  LANCER_METRIC_UNIT_MONEY, 0, n_payments, FALSE);
  m->value = money_metric (m, report->currencies, total_fees, FALSE, options, NULL);
  m = set_metric (report, LANCER_METRIC_NET_EARNINGS, "net-earnings", _("Net earnings"),
                  g_strdup (_("Gross earnings − fees, in each currency.")),
                  LANCER_METRIC_UNIT_MONEY, 0, n_payments, FALSE);
  net_usd = m->value = money_metric (m, report->currencies, total_net, FALSE, options, NULL);
  if (no_rate->len > 0)
    {
      net_usd = NAN;
      for (guint id = LANCER_METRIC_GROSS_EARNINGS; id <= LANCER_METRIC_NET_EARNINGS; id++)
        {
          report->metrics[id].value = NAN;
          set_missing (report, id,
                       /* TRANSLATORS: %s lists currency codes, e.g. "EUR, GBP" */
                       g_strdup_printf (_("Shown per currency: no exchange rate is set for %s."), no_rate->str));
        }
    }
  else if (report->currencies->len > 1)
    for (guint id = LANCER_METRIC_GROSS_EARNINGS; id <= LANCER_METRIC_NET_EARNINGS; id++)
      {
        g_autofree char *usd = lancer_metrics_format_value (LANCER_METRIC_UNIT_MONEY, report->metrics[id].value);

        set_missing (report, id, g_strdup_printf (_("About %s in all, at the exchange rates you set."), usd));
      }
  if (n_transactions_ever == 0)
    for (guint id = LANCER_METRIC_GROSS_EARNINGS; id <= LANCER_METRIC_NET_EARNINGS; id++)
      {
        report->metrics[id].value = NAN;
        set_missing (report, id, g_strdup (_("Unknown: no transaction has been synced yet (Upwork’s transaction "
                                             "history needs its own key permission).")));
      }
  else if (n_unknown > 0)
    set_missing (report, LANCER_METRIC_GROSS_EARNINGS,
                 /* TRANSLATORS: %s lists transaction types as Upwork spells them */
                 g_strdup_printf (ngettext ("%u transaction of a type Lancer does not know (%s) is not counted.",
                                            "%u transactions of types Lancer does not know (%s) are not counted.",
                                            n_unknown), n_unknown, unknown_kinds->str));
  if (n_transactions_ever == 0)
    net_usd = NAN;

  set_metric (report, LANCER_METRIC_BILLED_HOURS, "billed-hours", _("Billed hours"),
              g_strdup (_("Minutes logged in the work diary on the days of the period, first and last day "
                          "whole, ÷ 60. Fixed-price work has no diary and adds no hours.")),
              LANCER_METRIC_UNIT_HOURS, billed_hours, n_diary_days, FALSE);
  set_metric (report, LANCER_METRIC_WRITING_HOURS, "writing-hours", _("Hours writing proposals"),
              writing_formula (n_timed, options->writing_minutes, sent - n_timed),
              LANCER_METRIC_UNIT_HOURS, writing_hours, sent, FALSE);
  set_metric (report, LANCER_METRIC_AI_SPEND, "ai-spend", _("AI spend"),
              g_strdup (_("Sum of the cost of every AI call in the period, as priced when it was made.")),
              LANCER_METRIC_UNIT_MONEY, ai_cost, n_calls, FALSE);

  set_metric (report, LANCER_METRIC_EFFECTIVE_RATE, "effective-hourly-rate", _("Effective hourly rate"),
              g_strdup (_("(Net earnings − AI spend) ÷ (billed hours + hours writing proposals).")),
              LANCER_METRIC_UNIT_MONEY_PER_HOUR, safe_div (net_usd - ai_cost, hours),
              n_diary_days, FEW (n_diary_days));
  set_metric (report, LANCER_METRIC_EFFECTIVE_RATE_AFTER_CONNECTS, "effective-hourly-rate-after-connects",
              _("Effective hourly rate after Connects"),
              g_strdup (_("(Net earnings − AI spend − Connects cost) ÷ (billed hours + hours writing proposals).")),
              LANCER_METRIC_UNIT_MONEY_PER_HOUR, safe_div (net_usd - ai_cost - connects_cost, hours),
              n_diary_days, FEW (n_diary_days));
  for (guint id = LANCER_METRIC_EFFECTIVE_RATE; id <= LANCER_METRIC_EFFECTIVE_RATE_AFTER_CONNECTS; id++)
    {
      if (no_rate->len > 0)
        set_missing (report, id,
                     g_strdup_printf (_("Unknown: earnings in %s have no exchange rate set."), no_rate->str));
      else if (n_transactions_ever == 0)
        set_missing (report, id, g_strdup (_("Unknown: no transaction has been synced yet.")));
      else if (hours == 0)
        set_missing (report, id, g_strdup (_("No hours in the period.")));
      else if (id == LANCER_METRIC_EFFECTIVE_RATE_AFTER_CONNECTS && isnan (connects_cost))
        set_missing (report, id, g_strdup (_("Unknown: the Connects cost is unknown.")));
      if (no_rate->len == 0 && report->currencies->len > 1)
        set_missing (report, id, g_strdup (_("Includes other currencies at the exchange rates you set.")));
    }

  /* Hourly pay from days the stored work diary does not reach: its hours
   * are missing, so the rate reads high. Say so. */
  if (first_earning_day < first_diary_ever && first_diary_ever != G_MAXINT64)
    {
      g_autofree char *since = format_day (first_diary_ever, "%x");

      for (guint id = LANCER_METRIC_EFFECTIVE_RATE; id <= LANCER_METRIC_EFFECTIVE_RATE_AFTER_CONNECTS; id++)
        if (!isnan (report->metrics[id].value))
          set_missing (report, id,
                     /* TRANSLATORS: %s is a date */
                     g_strdup_printf (_("The work diary is stored from %s only: hours of hourly work paid for "
                                        "before then are not counted, so this reads high."), since));
    }

  set_metric (report, LANCER_METRIC_RESPONSE_TIME, "response-time", _("Client response time"),
              g_strdup (_("Median hours from sending a proposal to the client’s first reply, over the "
                          "proposals that got one; unanswered proposals are not counted.")),
              LANCER_METRIC_UNIT_HOURS, median, response->len, FEW (response->len));
#undef FEW

  for (guint id = 0; id < LANCER_N_METRICS; id++)
    if (report->missing[id] == NULL && isnan (report->metrics[id].value) && report->metrics[id].n_money == 0 &&
        report->metrics[id].n == 0)
      set_missing (report, id, g_strdup (_("Nothing in the period to compute it from.")));

  build_breakdown (&report->by_client, data, from, to, tz, options, TRUE);
  build_breakdown (&report->by_category, data, from, to, tz, options, FALSE);
  build_ab (report, outcomes);

  report->empty = sent == 0 && n_payments == 0 && n_diary_days == 0 && n_calls == 0;
  /* The same counts over all time, whatever the range: tells "nothing in
   * this period" from "nothing at all yet". */
  report->empty_all_time = !any_ever;
  g_warn_if_fail (!report->empty_all_time || report->empty);
  return report;
}

/* JSON */

/* Starts member @name; a @missing value is written as null right away,
 * otherwise the caller adds it (TRUE). */
static gboolean
add_member (JsonBuilder *b,
            const char  *name,
            gboolean     missing)
{
  json_builder_set_member_name (b, name);
  if (missing)
    json_builder_add_null_value (b);
  return !missing;
}

static void
add_number (JsonBuilder *b,
            const char  *name,
            double       value)
{
  if (add_member (b, name, isnan (value) || isinf (value)))
    json_builder_add_double_value (b, value);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  if (add_member (b, name, value == NULL))
    json_builder_add_string_value (b, value);
}

static const char * const stage_keys[] = { "sent", "viewed", "replied", "interviewed", "hired" };

/* A member for each of @n counts, named by @names. */
static void
add_counts (JsonBuilder        *b,
            const char * const *names,
            const guint        *counts,
            guint               n)
{
  for (guint i = 0; i < n; i++)
    {
      json_builder_set_member_name (b, names[i]);
      json_builder_add_int_value (b, counts[i]);
    }
}

static void
add_money (JsonBuilder *b,
           const char  *currency,
           gint64       minor)
{
  json_builder_begin_object (b);
  add_string (b, "currency", currency);
  json_builder_set_member_name (b, "minor");
  json_builder_add_int_value (b, minor);
  add_number (b, "amount", minor / pow (10, lancer_metrics_currency_exponent (currency)));
  json_builder_end_object (b);
}

static void
add_groups (JsonBuilder *b,
            GPtrArray   *groups)
{
  json_builder_begin_array (b);
  for (guint i = 0; i < groups->len; i++)
    {
      LancerMetricsGroup *g = groups->pdata[i];

      json_builder_begin_object (b);
      add_string (b, "key", g->key);
      add_string (b, "label", g->label);
      add_counts (b, stage_keys, g->count, LANCER_N_STAGES);
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
  json_builder_begin_object (b);
  add_string (b, "note", bd->note);
  json_builder_set_member_name (b, "months");
  json_builder_begin_array (b);
  for (guint m = 0; m < bd->n_months; m++)
    {
      json_builder_begin_object (b);
      add_string (b, "month", bd->month_keys[m]);
      json_builder_set_member_name (b, "net_usd");
      json_builder_begin_object (b);
      for (guint s = 0; s < bd->n_series; s++)
        add_number (b, bd->series[s], bd->values[s * bd->n_months + m]);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

JsonNode *
lancer_metrics_report_to_json (LancerMetricsReport *report)
{
  static const char * const group_keys[] = { "by_week", "by_month", "by_category", "by_budget",
                                             "by_country", "by_variant" };
  static const char * const unit_keys[] = { "ratio", "usd", "usd_per_hour", "hours", "count" };
  static const char * const outcome_keys[] = { "sent", "wins", "losses", "pending" };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *rule = lancer_ab_dup_rule_text ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "from");
  json_builder_add_int_value (b, report->from);
  /* An open end is null, not the sentinel that stands for it. */
  if (add_member (b, "to", report->to == G_MAXINT64))
    json_builder_add_int_value (b, report->to);
  json_builder_set_member_name (b, "min_sample");
  json_builder_add_int_value (b, LANCER_METRICS_MIN_SAMPLE);

  json_builder_set_member_name (b, "metrics");
  json_builder_begin_array (b);
  for (guint i = 0; i < LANCER_N_METRICS; i++)
    {
      const LancerMetric *m = &report->metrics[i];
      g_autofree char *display = lancer_metric_format (m);

      json_builder_begin_object (b);
      add_string (b, "key", m->key);
      add_string (b, "title", m->title);
      add_number (b, "value", m->value);
      add_string (b, "unit", unit_keys[m->unit]);
      add_string (b, "display", display);
      if (m->unit == LANCER_METRIC_UNIT_MONEY)
        {
          json_builder_set_member_name (b, "by_currency");
          json_builder_begin_array (b);
          for (guint c = 0; c < m->n_money; c++)
            add_money (b, m->money[c].currency, m->money[c].minor);
          json_builder_end_array (b);
        }
      json_builder_set_member_name (b, "n");
      json_builder_add_int_value (b, m->n);
      json_builder_set_member_name (b, "too_few");
      json_builder_add_boolean_value (b, m->too_few);
      add_string (b, "missing", m->missing);
      add_string (b, "formula", m->formula);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "currencies");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->currencies->len; i++)
    {
      const CurrencyTotals *t = &g_array_index (report->currencies, CurrencyTotals, i);
      struct { const char *name; gint64 minor; } parts[] = {
        { "gross", total_gross (t) }, { "refunds", t->refunds }, { "fees", total_fees (t) },
        { "fee_credits", t->fee_credits }, { "net", total_net (t) }, { "connects_bought", t->connects },
      };

      json_builder_begin_object (b);
      add_string (b, "currency", t->currency);
      for (guint k = 0; k < G_N_ELEMENTS (parts); k++)
        {
          json_builder_set_member_name (b, parts[k].name);
          add_money (b, t->currency, parts[k].minor);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "funnel");
  json_builder_begin_object (b);
  add_counts (b, stage_keys, report->funnel, LANCER_N_STAGES);
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

  json_builder_set_member_name (b, "ab_test");
  json_builder_begin_object (b);
  add_string (b, "rule", rule);
  add_string (b, "verdict", report->ab->verdict);
  add_string (b, "winner", report->ab->winner >= 0
                           ? ((LancerAbVariant *) report->ab->variants->pdata[report->ab->winner])->name : NULL);
  json_builder_set_member_name (b, "too_few");
  json_builder_add_boolean_value (b, report->ab->too_few);
  json_builder_set_member_name (b, "variants");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->ab->variants->len; i++)
    {
      LancerAbVariant *v = report->ab->variants->pdata[i];

      json_builder_begin_object (b);
      add_string (b, "name", v->name);
      add_counts (b, outcome_keys, (const guint[]) { v->sent, v->wins, v->losses, v->pending },
                  G_N_ELEMENTS (outcome_keys));
      add_number (b, "rate", v->rate);
      add_number (b, "ci95_low", v->low);
      add_number (b, "ci95_high", v->high);
      add_number (b, "prob_best", v->prob_best);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}
