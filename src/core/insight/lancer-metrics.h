/* lancer-metrics.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lancer-ab-test.h"

G_BEGIN_DECLS

/* Below this many observations a number is flagged "too few to say". */
#define LANCER_METRICS_MIN_SAMPLE 30

/* Funnel stages, in order. A later stage implies every earlier one (a hired
 * proposal was viewed even if the view event never reached us). */
typedef enum
{
  LANCER_STAGE_SENT,
  LANCER_STAGE_VIEWED,
  LANCER_STAGE_REPLIED,
  LANCER_STAGE_INTERVIEWED,
  LANCER_STAGE_HIRED,
  LANCER_N_STAGES
} LancerStage;

/* Where a sent proposal stands, for A/B tests: pending ones are not
 * counted as lost. */
typedef enum
{
  LANCER_OUTCOME_PENDING,
  LANCER_OUTCOME_WON,                /* hired */
  LANCER_OUTCOME_LOST,               /* declined, withdrawn or archived */
} LancerOutcome;

/* One sent proposal, as loaded from the store. Times are Unix seconds,
 * 0 when the stage was never reached. Strings live in the data's chunk. */
typedef struct
{
  gint64      id;
  gint64      variant_id;            /* 0: no variant */
  const char *variant;               /* NULL: no variant */
  const char *category;
  const char *country;
  const char *client;
  int         job_type;              /* 0 fixed, 1 hourly */
  double      budget;                /* NAN when not stated */
  int         connects;              /* -1: unknown */
  gint64      writing_seconds;       /* timed in the editor; -1: not recorded */
  LancerOutcome outcome;
  gint64      at[LANCER_N_STAGES];
} LancerMetricsProposal;

/* A transaction, as stored: @kind is Lancer's spelling (see
 * lancer-upwork-enums.h; anything else is a type Lancer does not know),
 * @amount is signed as Upwork booked it, in minor units of @currency (cents).
 * Its meaning comes from the kind: earnings add, refunds subtract, a fee
 * charged costs, a fee credit gives back, a withdrawal is neither. @fee is
 * a fee taken off this one payment, if the record says so. */
typedef struct
{
  gint64      at;
  const char *kind;
  const char *currency;              /* ISO 4217; NULL: USD */
  gint64      amount;
  gint64      fee;
  const char *client;
  const char *category;
} LancerMetricsPayment;

typedef struct
{
  gint64      day;                   /* calendar day: lancer_metrics_day_number() */
  int         minutes;
  const char *client;
} LancerMetricsDiaryDay;

/* Days since 1970-01-01 of a calendar date (no time zone): diary days are
 * dates, and compare with the window's first and last local date. */
gint64             lancer_metrics_day_number            (int year,
                                                         int month,
                                                         int day);
/* Decimal places of a currency's minor unit (2 for USD, 0 for JPY). */
int                lancer_metrics_currency_exponent     (const char *currency);
/* "12.5" in @currency → 1250 minor units; rounds half away from zero. */
gint64             lancer_metrics_to_minor              (double      amount,
                                                         const char *currency);

typedef struct
{
  gint64      at;
  double      cost;                  /* USD */
  gint64      tokens;
} LancerMetricsAiCall;

typedef struct _LancerMetricsData LancerMetricsData;

LancerMetricsData *lancer_metrics_data_new              (void);
void               lancer_metrics_data_free             (LancerMetricsData *data);
/* Copies @proposal; its strings are interned. */
void               lancer_metrics_data_add_proposal     (LancerMetricsData           *data,
                                                         const LancerMetricsProposal *proposal);
void               lancer_metrics_data_add_payment      (LancerMetricsData           *data,
                                                         const LancerMetricsPayment  *payment);
void               lancer_metrics_data_add_diary_day    (LancerMetricsData           *data,
                                                         const LancerMetricsDiaryDay *day);
void               lancer_metrics_data_add_ai_call      (LancerMetricsData           *data,
                                                         const LancerMetricsAiCall   *call);
guint              lancer_metrics_data_get_n_proposals  (LancerMetricsData           *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerMetricsData, lancer_metrics_data_free)

#define LANCER_METRICS_MAX_RATES 8

typedef struct
{
  double connect_price;              /* USD per Connect, when only counts are known (default 0.15) */
  double writing_minutes;            /* assumed for a proposal not timed in the editor (default 20) */
  char   time_zone[64];              /* IANA name; "" for the local zone */
  guint  n_rates;                    /* exchange rates the user set: 1 currency = usd USD */
  struct { char currency[4]; double usd; } rates[LANCER_METRICS_MAX_RATES];
} LancerMetricsOptions;

void     lancer_metrics_options_init     (LancerMetricsOptions *options);
/* "EUR=1.08": FALSE when malformed or full. */
gboolean lancer_metrics_options_add_rate (LancerMetricsOptions *options,
                                          const char           *spec);
/* Adds the rates the user set in the profile's "exchange-rates" setting,
 * for currencies that have none yet (so rates given first win). */
void     lancer_metrics_options_load_rates (LancerMetricsOptions *options,
                                            GSettings            *settings);

/* The windows the page and `lancer-cli stats` offer. Whole local days:
 * the last 30 or 90 days with today, the current month and the 11 before
 * it, or everything. */
typedef enum
{
  LANCER_METRICS_RANGE_30_DAYS,
  LANCER_METRICS_RANGE_90_DAYS,
  LANCER_METRICS_RANGE_12_MONTHS,
  LANCER_METRICS_RANGE_ALL_TIME,
} LancerMetricsRange;

/* [@from, @to) for @range as seen at @now in @tz (NULL: local). */
void     lancer_metrics_range_bounds     (LancerMetricsRange    range,
                                          GTimeZone            *tz,
                                          gint64                now,
                                          gint64               *from,
                                          gint64               *to);
/* "30d", "90d", "12m", "all" */
gboolean lancer_metrics_range_from_string (const char          *name,
                                           LancerMetricsRange  *range);

typedef enum
{
  LANCER_METRIC_UNIT_RATIO,          /* 0–1, shown as a percentage */
  LANCER_METRIC_UNIT_MONEY,          /* USD (value); per currency in money[] */
  LANCER_METRIC_UNIT_MONEY_PER_HOUR,
  LANCER_METRIC_UNIT_HOURS,
  LANCER_METRIC_UNIT_COUNT,
} LancerMetricUnit;

/* The KPIs of a report, by index. */
typedef enum
{
  LANCER_METRIC_VIEW_RATE,
  LANCER_METRIC_REPLY_RATE,
  LANCER_METRIC_INTERVIEW_RATE,
  LANCER_METRIC_WIN_RATE,
  LANCER_METRIC_CONNECTS_SPENT,
  LANCER_METRIC_CONNECTS_COST,
  LANCER_METRIC_COST_PER_REPLY,
  LANCER_METRIC_COST_PER_WIN,
  LANCER_METRIC_GROSS_EARNINGS,
  LANCER_METRIC_FEES,
  LANCER_METRIC_NET_EARNINGS,
  LANCER_METRIC_BILLED_HOURS,
  LANCER_METRIC_WRITING_HOURS,
  LANCER_METRIC_EFFECTIVE_RATE,
  LANCER_METRIC_EFFECTIVE_RATE_AFTER_CONNECTS,
  LANCER_METRIC_RESPONSE_TIME,
  LANCER_METRIC_AI_SPEND,
  LANCER_N_METRICS
} LancerMetricId;

#define LANCER_METRICS_MAX_CURRENCIES 6

typedef struct
{
  char   currency[4];
  gint64 minor;                      /* cents */
} LancerMoney;

typedef struct
{
  const char       *key;             /* stable id, "win-rate" */
  const char       *title;           /* translated */
  const char       *formula;         /* translated, how it is computed */
  LancerMetricUnit  unit;
  double            value;           /* NAN when unknown or undefined; money in USD */
  guint             n;               /* sample size the value rests on */
  gboolean          too_few;         /* n < LANCER_METRICS_MIN_SAMPLE where it matters */
  /* Money metrics: the amount in each currency, never added across them. */
  guint             n_money;
  LancerMoney       money[LANCER_METRICS_MAX_CURRENCIES];
  const char       *missing;         /* translated: what is unknown or left out; NULL if nothing */
} LancerMetric;

/* The value as people read it, the same on the page and in the CLI:
 * "42.0 %", "$4,533.00", "$4,740.00 · €300.00", "—" when unknown. */
char    *lancer_metric_format (const LancerMetric *metric);

/* Funnel counts and rates for one slice (a month, a category, …). */
typedef struct
{
  char   *key;                       /* sort key: "2026-03", "design" */
  char   *label;                     /* shown: "Mar 2026", "Design" */
  guint   count[LANCER_N_STAGES];
  guint   connects;
  gint64  start;                     /* time slices: first second of the slice */
} LancerMetricsGroup;

double   lancer_metrics_group_rate (const LancerMetricsGroup *group,
                                    LancerStage               stage);

typedef enum
{
  LANCER_GROUP_WEEK,
  LANCER_GROUP_MONTH,
  LANCER_GROUP_CATEGORY,
  LANCER_GROUP_BUDGET,
  LANCER_GROUP_COUNTRY,
  LANCER_GROUP_VARIANT,
  LANCER_N_GROUPINGS
} LancerGrouping;

/* Earnings by month, split into series (clients or categories): the
 * biggest five by net earnings and "Other". values[s * n_months + m]. */
typedef struct
{
  guint     n_months;
  char    **month_keys;              /* "2026-03" */
  char    **month_labels;            /* "Mar 2026" */
  gint64   *month_starts;
  guint     n_series;
  char    **series;
  double   *values;                  /* net USD (other currencies only at a rate the user set) */
  char     *note;                    /* translated: what is left out; NULL if nothing */
} LancerMetricsBreakdown;

typedef struct _LancerMetricsReport LancerMetricsReport;

/* Everything the Analytics page and `lancer-cli stats` show, for sent times
 * (or payment and call times) in [@from, @to), and diary dates from the
 * local date of @from to that of @to − 1, in @options' time zone. Pure: no I/O. */
LancerMetricsReport *lancer_metrics_compute            (LancerMetricsData          *data,
                                                        gint64                      from,
                                                        gint64                      to,
                                                        const LancerMetricsOptions *options);
LancerMetricsReport *lancer_metrics_report_ref         (LancerMetricsReport *report);
void                 lancer_metrics_report_unref       (LancerMetricsReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerMetricsReport, lancer_metrics_report_unref)

gint64               lancer_metrics_report_get_from    (LancerMetricsReport *report);
gint64               lancer_metrics_report_get_to      (LancerMetricsReport *report);
const LancerMetric  *lancer_metrics_report_get_metric  (LancerMetricsReport *report,
                                                        LancerMetricId       id);
/* Sent, viewed, replied, interviewed, hired. */
guint                lancer_metrics_report_get_funnel  (LancerMetricsReport *report,
                                                        LancerStage          stage);
/* (element-type LancerMetricsGroup): time slices oldest first, others by
 * proposals sent, most first. */
GPtrArray           *lancer_metrics_report_get_groups  (LancerMetricsReport *report,
                                                        LancerGrouping       grouping);
const LancerMetricsBreakdown *lancer_metrics_report_get_earnings_by_client   (LancerMetricsReport *report);
const LancerMetricsBreakdown *lancer_metrics_report_get_earnings_by_category (LancerMetricsReport *report);
/* Every variant with sends in the period, compared together. */
const LancerAbTest  *lancer_metrics_report_get_ab_test (LancerMetricsReport *report);
/* TRUE when nothing at all happened in the range. */
gboolean             lancer_metrics_report_is_empty    (LancerMetricsReport *report);
/* TRUE when the data holds nothing that would count in any range: no sent
 * proposal, payment, diary time or AI call ever (whatever @from and @to). */
gboolean             lancer_metrics_report_is_empty_all_time (LancerMetricsReport *report);

JsonNode            *lancer_metrics_report_to_json     (LancerMetricsReport *report);

/* Formatting for people: "42 %", "$1,234.50", "37.5 h"; "—" for NAN. */
char                *lancer_metrics_format_value       (LancerMetricUnit     unit,
                                                        double               value);
const char          *lancer_stage_get_label            (LancerStage          stage);
const char          *lancer_grouping_get_label         (LancerGrouping       grouping);

/* Calendar helpers in @tz (NULL: local), shared with the charts. */
gint64               lancer_metrics_month_start        (gint64               t,
                                                        GTimeZone           *tz);
gint64               lancer_metrics_week_start         (gint64               t,
                                                        GTimeZone           *tz);

G_END_DECLS
