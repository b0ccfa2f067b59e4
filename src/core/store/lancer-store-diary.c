/* lancer-store-diary.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store-diary"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "lancer-store-diary.h"
#include "lancer-store-private.h"

void
lancer_diary_day_free (LancerDiaryDay *day)
{
  if (day == NULL)
    return;
  g_free (day->memo);
  g_free (day);
}

static GDateTime *
parse_day (const char *day)
{
  int y, m, d;

  if (day == NULL || sscanf (day, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return NULL;
  return g_date_time_new_utc (y, m, d, 0, 0, 0);
}

char *
lancer_diary_week_start (GDateTime *date)
{
  g_autoptr(GDateTime) monday = NULL;

  g_return_val_if_fail (date != NULL, NULL);

  monday = g_date_time_add_days (date, 1 - g_date_time_get_day_of_week (date));
  return g_date_time_format (monday, "%Y-%m-%d");
}

char *
lancer_diary_week_shift (const char *week_start,
                         int         weeks)
{
  g_autoptr(GDateTime) start = parse_day (week_start);
  g_autoptr(GDateTime) shifted = NULL;

  g_return_val_if_fail (start != NULL, NULL);

  shifted = g_date_time_add_weeks (start, weeks);
  return g_date_time_format (shifted, "%Y-%m-%d");
}

gboolean
lancer_diary_week_is_far_below (guint  week_minutes,
                                double limit_hours,
                                guint  days_elapsed)
{
  if (!(limit_hours > 0) || days_elapsed < 5)
    return FALSE;
  return week_minutes / 60.0 < limit_hours * 0.25;
}

typedef struct
{
  char *contract_id;
  char *week_start;
  char *week_end;     /* exclusive */
} WeekData;

static void
week_data_free (WeekData *data)
{
  g_free (data->contract_id);
  g_free (data->week_start);
  g_free (data->week_end);
  g_free (data);
}

static WeekData *
week_data_new (const char *contract_id,
               const char *week_start)
{
  WeekData *data = g_new0 (WeekData, 1);

  data->contract_id = g_strdup (contract_id);
  data->week_start = g_strdup (week_start);
  data->week_end = lancer_diary_week_shift (week_start, 1);
  return data;
}

static gpointer
contract_from_row (LancerStore   *store,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  const char *currency = (const char *) sqlite3_column_text (stmt, 12);

  return g_object_new (LANCER_TYPE_CONTRACT,
                       "id", (const char *) sqlite3_column_text (stmt, 0),
                       "title", (const char *) sqlite3_column_text (stmt, 1),
                       "client-name", (const char *) sqlite3_column_text (stmt, 2),
                       "hourly", sqlite3_column_int (stmt, 3) == 1,
                       "hourly-rate", _lancer_store_column_double_or (stmt, 4, -1.0),
                       "fixed-amount", _lancer_store_column_double_or (stmt, 5, -1.0),
                       "status", (const char *) sqlite3_column_text (stmt, 6),
                       "started-at", sqlite3_column_int64 (stmt, 7),
                       "ended-at", sqlite3_column_int64 (stmt, 8),
                       "week-minutes", (guint) sqlite3_column_int64 (stmt, 9),
                       "total-minutes", (guint) sqlite3_column_int64 (stmt, 10),
                       "paid", sqlite3_column_double (stmt, 11),
                       "currency", currency != NULL ? currency : "USD",
                       NULL);
}

static gpointer
contracts_worker (LancerStore   *store,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  WeekData *w = data;
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db,
                           "SELECT c.id, c.title, c.client_name, c.kind, c.hourly_rate, c.fixed_amount, c.status,"
                           " c.started_at, c.ended_at,"
                           " (SELECT COALESCE (SUM (minutes), 0) FROM diary_days d"
                           "   WHERE d.contract_id = c.id AND d.day >= ?1 AND d.day < ?2),"
                           " (SELECT COALESCE (SUM (minutes), 0) FROM diary_days d WHERE d.contract_id = c.id),"
                           " (SELECT COALESCE (SUM (amount), 0) FROM transactions t WHERE t.contract_id = c.id),"
                           " (SELECT currency FROM transactions t WHERE t.contract_id = c.id LIMIT 1)"
                           " FROM contracts c"
                           " ORDER BY (c.ended_at IS NOT NULL AND c.ended_at > 0), c.started_at DESC, c.id",
                           error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, w->week_start, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, w->week_end, -1, SQLITE_STATIC);
  return _lancer_store_collect_rows (store, db, stmt, contract_from_row, g_object_unref, error);
}

void
lancer_store_list_contracts_async (LancerStore         *store,
                                   const char          *week_start,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));
  g_return_if_fail (week_start != NULL);

  lancer_store_run_async (store, FALSE, NULL, contracts_worker, week_data_new (NULL, week_start),
                          (GDestroyNotify) week_data_free, (GDestroyNotify) g_ptr_array_unref,
                          cancellable, callback, user_data);
}

GPtrArray *
lancer_store_list_contracts_finish (LancerStore   *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

static gpointer
week_worker (LancerStore   *store,
             sqlite3       *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  WeekData *w = data;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_diary_day_free);
  g_autoptr(GDateTime) start = parse_day (w->week_start);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (start, (int) i);
      g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");
      LancerDiaryDay *d = g_new0 (LancerDiaryDay, 1);

      g_strlcpy (d->day, text, sizeof d->day);
      g_ptr_array_add (out, d);
    }

  stmt = _lancer_store_prepare (db, "SELECT day, minutes, memo FROM diary_days"
                                    " WHERE contract_id = ?1 AND day >= ?2 AND day < ?3", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, w->contract_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, w->week_start, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, w->week_end, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *day = (const char *) sqlite3_column_text (stmt, 0);

      for (guint i = 0; i < out->len; i++)
        {
          LancerDiaryDay *d = g_ptr_array_index (out, i);
          GError *local = NULL;

          if (g_strcmp0 (d->day, day) != 0)
            continue;
          d->minutes = (guint) sqlite3_column_int (stmt, 1);
          d->memo = lancer_store_column_unseal (store, stmt, 2, "diary_days.memo", &local);
          if (local != NULL)
            {
              g_propagate_error (error, local);
              return NULL;
            }
        }
    }
  if (rc != SQLITE_DONE)
    {
      lancer_store_propagate_sqlite_error (error, db, rc);
      return NULL;
    }
  return g_steal_pointer (&out);
}

void
lancer_store_get_diary_week_async (LancerStore         *store,
                                   const char          *contract_id,
                                   const char          *week_start,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));
  g_return_if_fail (contract_id != NULL && week_start != NULL);

  lancer_store_run_async (store, FALSE, NULL, week_worker, week_data_new (contract_id, week_start),
                          (GDestroyNotify) week_data_free, (GDestroyNotify) g_ptr_array_unref,
                          cancellable, callback, user_data);
}

GPtrArray *
lancer_store_get_diary_week_finish (LancerStore   *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}
