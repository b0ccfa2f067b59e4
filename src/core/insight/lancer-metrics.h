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
  int         connects;
  gint64      at[LANCER_N_STAGES];
} LancerMetricsProposal;

/* Money in or out. Earnings are kinds payment, bonus, milestone, hourly
 * and refund (negative); a kind "fee" row is a fee charged separately. */
typedef struct
{
  gint64      at;
  const char *kind;
  double      amount;
  double      fee;
  const char *client;
  const char *category;
} LancerMetricsPayment;

typedef struct
{
  gint64      day;                   /* Unix seconds of 00:00 UTC */
  int         minutes;
  const char *client;
} LancerMetricsDiaryDay;

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

typedef struct
{
  double connect_price;              /* USD per Connect (default 0.15) */
  double writing_minutes;            /* minutes spent writing one proposal (default 20) */
} LancerMetricsOptions;

void  lancer_metrics_options_init (LancerMetricsOptions *options);

typedef enum
{
  LANCER_METRIC_UNIT_RATIO,          /* 0–1, shown as a percentage */
  LANCER_METRIC_UNIT_MONEY,          /* USD */
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

typedef struct
{
  const char       *key;             /* stable id, "win-rate" */
  const char       *title;           /* translated */
  const char       *formula;         /* translated, how it is computed */
  LancerMetricUnit  unit;
  double            value;           /* NAN when undefined (division by zero) */
  guint             n;               /* sample size the value rests on */
  gboolean          too_few;         /* n < LANCER_METRICS_MIN_SAMPLE where it matters */
} LancerMetric;

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
  double   *values;                  /* net USD */
} LancerMetricsBreakdown;

typedef struct _LancerMetricsReport LancerMetricsReport;

/* Everything the Analytics page and `lancer-cli stats` show, for sent times
 * (or payment, diary, call times) in [@from, @to). Pure: no I/O. */
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
/* (element-type LancerAbComparison) every pair of variants with sends. */
GPtrArray           *lancer_metrics_report_get_ab_results (LancerMetricsReport *report);
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

/* UTC calendar helpers shared with the charts. */
gint64               lancer_metrics_month_start        (gint64               t);
gint64               lancer_metrics_week_start         (gint64               t);

G_END_DECLS
