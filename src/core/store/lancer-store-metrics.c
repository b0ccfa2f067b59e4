/* lancer-store-metrics.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQL behind the Analytics page, `lancer-cli stats` and the exports.
 * Everything here runs on the store's worker thread; nothing touches the
 * database from the caller.
 */
#define G_LOG_DOMAIN "lancer-metrics"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lancer-store-metrics.h"
#include "lancer-store-pipeline.h"
#include "lancer-store-private.h"

/* Stored statuses are Lancer's (the sync normalises Upwork's); an offer
 * means the client interviewed, so it counts for that stage. */
static int
stage_from_status (const char *status)
{
  switch (lancer_proposal_stage_from_status (status))
    {
    case LANCER_PROPOSAL_STAGE_SENT: return LANCER_STAGE_SENT;
    case LANCER_PROPOSAL_STAGE_VIEWED: return LANCER_STAGE_VIEWED;
    case LANCER_PROPOSAL_STAGE_REPLIED: return LANCER_STAGE_REPLIED;
    case LANCER_PROPOSAL_STAGE_INTERVIEW:
    case LANCER_PROPOSAL_STAGE_OFFER: return LANCER_STAGE_INTERVIEWED;
    case LANCER_PROPOSAL_STAGE_HIRED: return LANCER_STAGE_HIRED;
    case LANCER_PROPOSAL_STAGE_DRAFT:
    case LANCER_PROPOSAL_STAGE_DECLINED:
    case LANCER_PROPOSAL_STAGE_WITHDRAWN:
    case LANCER_PROPOSAL_STAGE_ARCHIVED:
    case LANCER_PROPOSAL_N_STAGES:
    default:
      return -1;
    }
}

static LancerOutcome
outcome_from_status (const char *status)
{
  switch (lancer_proposal_stage_from_status (status))
    {
    case LANCER_PROPOSAL_STAGE_HIRED:
      return LANCER_OUTCOME_WON;
    case LANCER_PROPOSAL_STAGE_DECLINED:
    case LANCER_PROPOSAL_STAGE_WITHDRAWN:
    case LANCER_PROPOSAL_STAGE_ARCHIVED:
      return LANCER_OUTCOME_LOST;
    case LANCER_PROPOSAL_STAGE_DRAFT:
    case LANCER_PROPOSAL_STAGE_SENT:
    case LANCER_PROPOSAL_STAGE_VIEWED:
    case LANCER_PROPOSAL_STAGE_REPLIED:
    case LANCER_PROPOSAL_STAGE_INTERVIEW:
    case LANCER_PROPOSAL_STAGE_OFFER:
    case LANCER_PROPOSAL_N_STAGES:
    default:
      return LANCER_OUTCOME_PENDING;
    }
}

/* "YYYY-MM-DD" → day number; G_MININT64 when unreadable. */
static gint64
parse_day (const char *day)
{
  int y, m, d;

  if (day == NULL || sscanf (day, "%d-%d-%d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
    return G_MININT64;
  return lancer_metrics_day_number (y, m, d);
}

/* The end of a row loop: TRUE when the rows ran out, not the statement. */
static gboolean
rows_done (sqlite3  *db,
           int       rc,
           GError  **error)
{
  if (rc != SQLITE_DONE)
    {
      lancer_store_set_sqlite_error (error, db, rc);
      return FALSE;
    }
  return TRUE;
}

/* First time each proposal reached each status (proposal id → gint64[LANCER_N_STAGES]). */
static gboolean
load_stage_events (sqlite3            *db,
                   GHashTable         *events,
                   GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db,
                           "SELECT proposal_id, status, MIN(at) FROM proposal_events GROUP BY proposal_id, status", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      int stage = stage_from_status ((const char *) sqlite3_column_text (stmt, 1));
      gint64 *at;

      if (stage < 0)
        continue;
      at = g_hash_table_lookup (events, &id);
      if (at == NULL)
        {
          at = g_new0 (gint64, LANCER_N_STAGES);
          g_hash_table_insert (events, g_memdup2 (&id, sizeof id), at);
        }
      if (at[stage] == 0 || sqlite3_column_int64 (stmt, 2) < at[stage])
        at[stage] = sqlite3_column_int64 (stmt, 2);
    }
  return rows_done (db, rc, error);
}

static gboolean
load_proposals (sqlite3            *db,
                GHashTable         *events,
                LancerMetricsData  *data,
                GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db,
                           "SELECT p.id, p.variant_id, v.name, j.category, j.client_country, j.client_id,"
                           "       j.job_type, j.budget, p.connects_spent, p.submitted_at, p.status, p.updated_at,"
                           "       w.seconds"
                           " FROM proposals p"
                           " LEFT JOIN proposal_variants v ON v.id = p.variant_id"
                           " LEFT JOIN jobs j ON j.id = p.job_id"
                           " LEFT JOIN proposal_writing_time w ON w.proposal_id = p.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LancerMetricsProposal p = { 0 };
      gint64 *at;
      int status_stage;

      p.id = sqlite3_column_int64 (stmt, 0);
      p.variant_id = sqlite3_column_int64 (stmt, 1);
      p.variant = (const char *) sqlite3_column_text (stmt, 2);
      p.category = (const char *) sqlite3_column_text (stmt, 3);
      p.country = (const char *) sqlite3_column_text (stmt, 4);
      p.client = (const char *) sqlite3_column_text (stmt, 5);
      p.job_type = sqlite3_column_int (stmt, 6);
      p.budget = _lancer_store_column_double_or (stmt, 7, NAN);
      /* NULL: nobody told us; unknown is not zero. */
      p.connects = (int) _lancer_store_column_int64_or (stmt, 8, -1);
      p.writing_seconds = _lancer_store_column_int64_or (stmt, 12, -1);
      p.outcome = outcome_from_status ((const char *) sqlite3_column_text (stmt, 10));
      at = g_hash_table_lookup (events, &p.id);
      if (at != NULL)
        memcpy (p.at, at, sizeof p.at);
      if (sqlite3_column_type (stmt, 9) != SQLITE_NULL &&
          (p.at[LANCER_STAGE_SENT] == 0 || sqlite3_column_int64 (stmt, 9) < p.at[LANCER_STAGE_SENT]))
        p.at[LANCER_STAGE_SENT] = sqlite3_column_int64 (stmt, 9);
      if (p.at[LANCER_STAGE_SENT] == 0)
        continue;   /* a draft */

      /* The current status counts even when its event never arrived. */
      status_stage = stage_from_status ((const char *) sqlite3_column_text (stmt, 10));
      if (status_stage > 0 && p.at[status_stage] == 0)
        p.at[status_stage] = MAX (sqlite3_column_int64 (stmt, 11), p.at[LANCER_STAGE_SENT]);
      lancer_metrics_data_add_proposal (data, &p);
    }
  return rows_done (db, rc, error);
}

static gboolean
load_payments (sqlite3            *db,
               LancerMetricsData  *data,
               GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db,
                           "SELECT t.occurred_at, t.kind, t.amount, t.fee, c.client_name, j.category, t.currency"
                           " FROM transactions t"
                           " LEFT JOIN contracts c ON c.id = t.contract_id"
                           " LEFT JOIN jobs j ON j.id = c.job_id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *currency = (const char *) sqlite3_column_text (stmt, 6);
      /* Minor units from here on: no float sums of money. */
      LancerMetricsPayment p = {
        .at = sqlite3_column_int64 (stmt, 0),
        .kind = (const char *) sqlite3_column_text (stmt, 1),
        .currency = currency,
        .amount = lancer_metrics_to_minor (sqlite3_column_double (stmt, 2), currency),
        .fee = lancer_metrics_to_minor (sqlite3_column_double (stmt, 3), currency),
        .client = (const char *) sqlite3_column_text (stmt, 4),
        .category = (const char *) sqlite3_column_text (stmt, 5),
      };

      lancer_metrics_data_add_payment (data, &p);
    }
  return rows_done (db, rc, error);
}

static gboolean
load_diary_days (sqlite3            *db,
                 LancerMetricsData  *data,
                 GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db,
                           "SELECT d.day, d.minutes, c.client_name FROM diary_days d"
                           " LEFT JOIN contracts c ON c.id = d.contract_id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LancerMetricsDiaryDay d = {
        .day = parse_day ((const char *) sqlite3_column_text (stmt, 0)),
        .minutes = sqlite3_column_int (stmt, 1),
        .client = (const char *) sqlite3_column_text (stmt, 2),
      };

      if (d.day != G_MININT64)
        lancer_metrics_data_add_diary_day (data, &d);
    }
  return rows_done (db, rc, error);
}

static gboolean
load_ai_calls (sqlite3            *db,
               LancerMetricsData  *data,
               GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db,
                           "SELECT created_at, cost, tokens_in + tokens_out FROM ai_calls", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LancerMetricsAiCall c = {
        .at = sqlite3_column_int64 (stmt, 0),
        .cost = sqlite3_column_double (stmt, 1),
        .tokens = sqlite3_column_int64 (stmt, 2),
      };

      lancer_metrics_data_add_ai_call (data, &c);
    }
  return rows_done (db, rc, error);
}

/* Reads every sent proposal, payment, diary day and AI call. */
static LancerMetricsData *
metrics_data_load (sqlite3  *db,
                   GError  **error)
{
  g_autoptr(LancerMetricsData) data = lancer_metrics_data_new ();
  g_autoptr(GHashTable) events = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  if (!load_stage_events (db, events, error) ||
      !load_proposals (db, events, data, error) ||
      !load_payments (db, data, error) ||
      !load_diary_days (db, data, error) ||
      !load_ai_calls (db, data, error))
    return NULL;
  return g_steal_pointer (&data);
}

typedef struct
{
  gint64               from;
  gint64               to;
  LancerMetricsOptions options;
} ReportRequest;

static gpointer
report_worker (LancerStore   *store,
               sqlite3       *db,
               gpointer       user_data,
               GCancellable  *cancellable,
               GError       **error)
{
  ReportRequest *req = user_data;
  g_autoptr(LancerMetricsData) data = metrics_data_load (db, error);

  if (data == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return lancer_metrics_compute (data, req->from, req->to, &req->options);
}

void
lancer_metrics_report_async (LancerStore                *store,
                             gint64                      from,
                             gint64                      to,
                             const LancerMetricsOptions *options,
                             GCancellable               *cancellable,
                             GAsyncReadyCallback         callback,
                             gpointer                    user_data)
{
  ReportRequest *req = g_new0 (ReportRequest, 1);

  g_return_if_fail (LANCER_IS_STORE (store));

  req->from = from;
  req->to = to;
  if (options != NULL)
    req->options = *options;
  else
    lancer_metrics_options_init (&req->options);
  lancer_store_run_async (store, FALSE, NULL, report_worker, req, g_free,
                          (GDestroyNotify) lancer_metrics_report_unref,
                          cancellable, callback, user_data);
}

LancerMetricsReport *
lancer_metrics_report_finish (LancerStore   *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  LancerMetricsReport *report = lancer_store_run_finish (store, result, error);

  if (report == NULL && error != NULL && *error == NULL)
    g_set_error_literal (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_FAILED, _("Could not compute the metrics"));
  return report;
}

/* Exports */

typedef enum
{
  CELL_TEXT,
  CELL_NUMBER,
  CELL_TIME,      /* Unix seconds → ISO 8601 UTC */
  CELL_BOOL,
} CellKind;

typedef struct
{
  const char *name;
  CellKind    kind;
} ColumnSpec;

static LancerTable *
table_from_sql (sqlite3          *db,
                const char       *sql,
                const ColumnSpec *spec,
                guint             n_columns,
                GError          **error)
{
  g_autoptr(LancerTable) table = lancer_table_new ();
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  for (guint c = 0; c < n_columns; c++)
    lancer_table_add_column (table, spec[c].name,
                             spec[c].kind == CELL_NUMBER ? LANCER_COLUMN_NUMBER : LANCER_COLUMN_TEXT);
  stmt = _lancer_store_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  g_assert ((guint) sqlite3_column_count (stmt) == n_columns);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_set_size (cells, 0);
      for (guint c = 0; c < n_columns; c++)
        {
          char *cell = NULL;

          if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
            cell = g_strdup ("");
          else switch (spec[c].kind)
            {
            case CELL_NUMBER:
              cell = lancer_export_format_number (sqlite3_column_double (stmt, c));
              break;
            case CELL_TIME:
              {
                g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, c));

                cell = dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
              }
              break;
            case CELL_BOOL:
              cell = g_strdup (sqlite3_column_int (stmt, c) ? "true" : "false");
              break;
            case CELL_TEXT:
            default:
              cell = g_strdup ((const char *) sqlite3_column_text (stmt, c));
              break;
            }
          g_ptr_array_add (cells, cell);
        }
      lancer_table_add_row (table, (const char * const *) cells->pdata);
    }
  if (!rows_done (db, rc, error))
    return NULL;
  return g_steal_pointer (&table);
}

static gpointer
export_worker (LancerStore   *store,
               sqlite3       *db,
               gpointer       user_data,
               GCancellable  *cancellable,
               GError       **error)
{
  LancerExportWhat what = GPOINTER_TO_INT (user_data);

  switch (what)
    {
    case LANCER_EXPORT_JOBS:
      {
        static const ColumnSpec spec[] = {
          { "id", CELL_TEXT }, { "title", CELL_TEXT }, { "url", CELL_TEXT }, { "posted_at", CELL_TIME },
          { "job_type", CELL_TEXT }, { "budget", CELL_NUMBER }, { "hourly_min", CELL_NUMBER },
          { "hourly_max", CELL_NUMBER }, { "currency", CELL_TEXT }, { "proposals", CELL_NUMBER },
          { "category", CELL_TEXT }, { "connects_required", CELL_NUMBER }, { "client_country", CELL_TEXT },
          { "client_total_spent", CELL_NUMBER }, { "client_hire_rate", CELL_NUMBER },
          { "client_rating", CELL_NUMBER }, { "client_payment_verified", CELL_BOOL }, { "saved", CELL_BOOL },
        };
        return table_from_sql (db,
                               "SELECT id, title, url, posted_at,"
                               " CASE job_type WHEN 1 THEN 'hourly' ELSE 'fixed' END,"
                               " budget, hourly_min, hourly_max, currency, proposals, category,"
                               " connects_required, client_country, client_total_spent, client_hire_rate,"
                               " client_rating, client_payment_verified, saved"
                               " FROM jobs ORDER BY posted_at DESC",
                               spec, G_N_ELEMENTS (spec), error);
      }

    case LANCER_EXPORT_PROPOSALS:
      {
        static const ColumnSpec spec[] = {
          { "id", CELL_NUMBER }, { "upwork_id", CELL_TEXT }, { "job_id", CELL_TEXT },
          { "job_title", CELL_TEXT }, { "variant", CELL_TEXT }, { "status", CELL_TEXT },
          { "bid_amount", CELL_NUMBER }, { "connects_spent", CELL_NUMBER }, { "created_at", CELL_TIME },
          { "submitted_at", CELL_TIME }, { "viewed_at", CELL_TIME }, { "replied_at", CELL_TIME },
          { "interview_at", CELL_TIME }, { "hired_at", CELL_TIME },
        };
/* The first time the proposal reached the stage or any later one: an
 * interview implies a reply and a view (Upwork reports no view itself). */
#define EVENT_AT(s) "(SELECT MIN(at) FROM proposal_events e WHERE e.proposal_id = p.id AND e.status IN (" s "))"
        return table_from_sql (db,
                               "SELECT p.id, p.upwork_id, p.job_id, j.title, v.name, p.status, p.bid_amount,"
                               " p.connects_spent, p.created_at, p.submitted_at, "
                               EVENT_AT ("'viewed', 'replied', 'interview', 'offer', 'hired'") ", "
                               EVENT_AT ("'replied', 'interview', 'offer', 'hired'") ", "
                               EVENT_AT ("'interview', 'offer', 'hired'") ", " EVENT_AT ("'hired'")
                               " FROM proposals p"
                               " LEFT JOIN jobs j ON j.id = p.job_id"
                               " LEFT JOIN proposal_variants v ON v.id = p.variant_id"
                               " ORDER BY p.created_at DESC",
                               spec, G_N_ELEMENTS (spec), error);
#undef EVENT_AT
      }

    case LANCER_EXPORT_EARNINGS:
      {
        static const ColumnSpec spec[] = {
          { "id", CELL_TEXT }, { "occurred_at", CELL_TIME }, { "kind", CELL_TEXT }, { "subtype", CELL_TEXT },
          { "amount", CELL_NUMBER }, { "fee", CELL_NUMBER }, { "net", CELL_NUMBER },
          { "currency", CELL_TEXT }, { "contract_id", CELL_TEXT }, { "client", CELL_TEXT },
          { "description", CELL_TEXT },
        };
        return table_from_sql (db,
                               "SELECT t.id, t.occurred_at, t.kind, t.subtype, t.amount, t.fee,"
                               /* the effect on net earnings, its sign from the kind */
                               " CASE WHEN t.kind IN ('hourly', 'fixed', 'bonus', 'payment')"
                               "        THEN abs(t.amount) - abs(t.fee)"
                               "      WHEN t.kind IN ('refund', 'fee', 'withdrawal-fee') THEN -abs(t.amount)"
                               "      WHEN t.kind = 'fee-credit' THEN abs(t.amount)"
                               "      WHEN t.kind = 'adjustment' THEN t.amount"
                               "      ELSE NULL END,"
                               " t.currency, t.contract_id, c.client_name, t.description"
                               " FROM transactions t LEFT JOIN contracts c ON c.id = t.contract_id"
                               " ORDER BY t.occurred_at DESC",
                               spec, G_N_ELEMENTS (spec), error);
      }

    case LANCER_EXPORT_DIARY:
      {
        static const ColumnSpec spec[] = {
          { "contract_id", CELL_TEXT }, { "contract", CELL_TEXT }, { "client", CELL_TEXT },
          { "day", CELL_TEXT }, { "minutes", CELL_NUMBER }, { "hours", CELL_NUMBER },
        };
        return table_from_sql (db,
                               "SELECT d.contract_id, c.title, c.client_name, d.day, d.minutes,"
                               " round(d.minutes / 60.0, 2)"
                               " FROM diary_days d LEFT JOIN contracts c ON c.id = d.contract_id"
                               " ORDER BY d.day DESC, d.contract_id",
                               spec, G_N_ELEMENTS (spec), error);
      }

    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Unknown export"));
      return NULL;
    }
}

gboolean
lancer_export_what_from_string (const char       *name,
                                LancerExportWhat *what)
{
  static const char * const names[] = { "jobs", "proposals", "earnings", "diary" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      {
        *what = (LancerExportWhat) i;
        return TRUE;
      }
  return FALSE;
}

void
lancer_export_query_async (LancerStore         *store,
                           LancerExportWhat     what,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));

  lancer_store_run_async (store, FALSE, NULL, export_worker, GINT_TO_POINTER (what), NULL,
                          (GDestroyNotify) lancer_table_free, cancellable, callback, user_data);
}

LancerTable *
lancer_export_query_finish (LancerStore   *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}
