/* lancer-store-searches.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store-searches"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lancer-store-private.h"
#include "lancer-store-searches.h"

LancerJobView *
lancer_job_view_copy (const LancerJobView *view)
{
  LancerJobView *copy = g_new0 (LancerJobView, 1);

  if (view == NULL)
    return copy;
  *copy = *view;
  copy->search = g_strdup (view->search);
  copy->search_query = g_strdup (view->search_query);
  copy->filter = view->filter != NULL ? lancer_job_filter_copy (view->filter) : NULL;
  return copy;
}

void
lancer_job_view_free (LancerJobView *view)
{
  if (view == NULL)
    return;
  g_free (view->search);
  g_free (view->search_query);
  lancer_job_filter_free (view->filter);
  g_free (view);
}

/* The one way typed words become an FTS5 query, for every job search
 * (the feed, lancer-cli jobs, saved searches). Each word is quoted, so FTS5
 * syntax typed by the user (c++, "quotes", AND, -, *, ^) is plain text and
 * never an error; words with no letter or digit are dropped. Words of three
 * or more letters match as prefixes ("pyth" finds Python); shorter ones
 * match whole words, so "go" or "ui" do not match every job that has a
 * word starting with them. */
char *
_lancer_store_build_fts_query (const char *search)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) words = NULL;

  if (search == NULL)
    return NULL;
  words = g_strsplit_set (search, " \t\n\r", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      guint n_alnum = 0;

      if (!g_utf8_validate (words[i], -1, NULL))
        continue;
      for (const char *p = words[i]; *p; p = g_utf8_next_char (p))
        if (g_unichar_isalnum (g_utf8_get_char (p)))
          n_alnum++;
      if (n_alnum == 0)
        continue;

      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, '"');
      for (const char *p = words[i]; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
      if (n_alnum >= 3)
        g_string_append_c (out, '*');
    }
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
append_double (GString    *sql,
               double      v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (sql, g_ascii_dtostr (buf, sizeof buf, v));
}

static void
append_country_list (GString  *sql,
                     char    **v)
{
  for (guint i = 0; v[i] != NULL; i++)
    {
      char *quoted = sqlite3_mprintf ("%Q", v[i]);

      if (i > 0)
        g_string_append_c (sql, ',');
      g_string_append (sql, quoted);
      sqlite3_free (quoted);
    }
}

/* Appends " AND …" conditions on the jobs table aliased @alias to @sql:
 * the SQL twin of lancer_job_filter_matches() (test-job-filter proves they
 * agree); numbers in C locale, strings quoted for SQLite. */
static void
append_filter_sql (const LancerJobFilter *self,
                   const char            *alias,
                   gint64                 now,
                   GString               *sql)
{
  const char *a = alias != NULL ? alias : "jobs";

  if (self == NULL)
    return;
  if (self->min_client_spent > 0)
    {
      g_string_append_printf (sql, " AND %s.client_total_spent >= ", a);
      append_double (sql, self->min_client_spent);
    }
  if (self->min_hire_rate > 0)
    {
      g_string_append_printf (sql, " AND COALESCE(%s.client_hire_rate, CASE WHEN %s.client_jobs_posted > 0"
                                   " THEN MIN(1.0, CAST(%s.client_hires AS REAL) / %s.client_jobs_posted) END) >= ",
                              a, a, a, a);
      append_double (sql, self->min_hire_rate);
    }
  if (self->min_rating > 0)
    {
      g_string_append_printf (sql, " AND %s.client_rating >= ", a);
      append_double (sql, self->min_rating);
    }
  if (self->verified_only)
    g_string_append_printf (sql, " AND %s.client_payment_verified = 1", a);
  if (self->countries_in != NULL && self->countries_in[0] != NULL)
    {
      g_string_append_printf (sql, " AND %s.client_country COLLATE NOCASE IN (", a);
      append_country_list (sql, self->countries_in);
      g_string_append_c (sql, ')');
    }
  if (self->countries_out != NULL && self->countries_out[0] != NULL)
    {
      g_string_append_printf (sql, " AND (%s.client_country IS NULL OR %s.client_country COLLATE NOCASE NOT IN (", a, a);
      append_country_list (sql, self->countries_out);
      g_string_append (sql, "))");
    }
  if (self->max_proposals >= 0)
    g_string_append_printf (sql, " AND %s.proposals <= %d", a, self->max_proposals);
  if (self->budget_floor > 0)
    {
      g_string_append_printf (sql, " AND (%s.job_type <> 0 OR %s.budget >= ", a, a);
      append_double (sql, self->budget_floor);
      g_string_append_c (sql, ')');
    }
  if (self->rate_floor > 0)
    {
      g_string_append_printf (sql, " AND (%s.job_type = 0 OR COALESCE(%s.hourly_max, %s.hourly_min) >= ", a, a, a);
      append_double (sql, self->rate_floor);
      g_string_append_c (sql, ')');
    }
  if (self->experience != 0)
    {
      /* Upwork's spellings; older stored jobs say ENTRY. */
      static const struct { LancerExperienceLevels bit; const char *names; } levels[] = {
        { LANCER_EXPERIENCE_ENTRY, "'ENTRY_LEVEL','ENTRY'" },
        { LANCER_EXPERIENCE_INTERMEDIATE, "'INTERMEDIATE'" },
        { LANCER_EXPERIENCE_EXPERT, "'EXPERT'" },
      };
      gboolean first = TRUE;

      g_string_append_printf (sql, " AND %s.experience_level COLLATE NOCASE IN (", a);
      for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
        if (self->experience & levels[i].bit)
          {
            g_string_append_printf (sql, "%s%s", first ? "" : ",", levels[i].names);
            first = FALSE;
          }
      g_string_append_c (sql, ')');
    }
  if (self->posted_within_hours > 0)
    g_string_append_printf (sql, " AND %s.posted_at >= %" G_GINT64_FORMAT,
                            a, now - (gint64) self->posted_within_hours * 3600);
}

char *
lancer_job_view_build_sql (const LancerJobView *view,
                           const char          *columns,
                           gboolean             count,
                           gint64               now)
{
  GString *sql = g_string_new ("SELECT ");
  g_autofree char *fts = _lancer_store_build_fts_query (view->search);
  g_autofree char *saved_fts = _lancer_store_build_fts_query (view->search_query);
  gboolean join_scores = !count && view->sort == LANCER_JOB_FEED_SORT_SCORE;

  g_string_append (sql, count ? "count(*)" : columns);
  g_string_append (sql, " FROM jobs j");
  if (join_scores || (!count && strstr (columns, "s.") != NULL))
    g_string_append (sql, " LEFT JOIN job_scores s ON s.job_rid = j.rid AND s.kind = 'local'");
  g_string_append (sql, " WHERE j.hidden = 0");
  if (fts != NULL)
    g_string_append (sql, " AND j.rid IN (SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?1)");
  if (view->search_id > 0)
    {
      g_string_append_printf (sql, " AND (j.rid IN (SELECT m.job_rid FROM job_matches m WHERE m.search_id = %"
                                   G_GINT64_FORMAT ")", view->search_id);
      if (saved_fts != NULL)
        g_string_append (sql, " OR j.rid IN (SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?2)");
      g_string_append_c (sql, ')');
    }
  if (view->saved_only)
    g_string_append (sql, " AND j.saved = 1");
  append_filter_sql (view->filter, "j", now, sql);
  if (!count)
    switch (view->sort)
      {
      case LANCER_JOB_FEED_SORT_SCORE:
        g_string_append (sql, " ORDER BY s.score DESC NULLS LAST, j.posted_at DESC, j.rid DESC");
        break;
      case LANCER_JOB_FEED_SORT_BUDGET:
        g_string_append (sql, " ORDER BY (CASE WHEN j.job_type = 0 THEN j.budget"
                              " ELSE COALESCE(j.hourly_max, j.hourly_min) * 40 END) DESC NULLS LAST,"
                              " j.posted_at DESC, j.rid DESC");
        break;
      case LANCER_JOB_FEED_SORT_NEWEST:
      default:
        g_string_append (sql, " ORDER BY j.posted_at DESC, j.rid DESC");
        break;
      }
  return g_string_free (sql, FALSE);
}

void
lancer_job_view_bind (const LancerJobView *view,
                      sqlite3_stmt        *stmt)
{
  g_autofree char *fts = _lancer_store_build_fts_query (view->search);
  g_autofree char *saved_fts = _lancer_store_build_fts_query (view->search_query);

  if (fts != NULL)
    sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_TRANSIENT);
  if (view->search_id > 0 && saved_fts != NULL)
    sqlite3_bind_text (stmt, 2, saved_fts, -1, SQLITE_TRANSIENT);
}

/* Saved searches: the one API on saved_searches, for the sidebar, the
 * sync and lancer-cli alike. */

void
lancer_saved_search_free (LancerSavedSearch *search)
{
  if (search == NULL)
    return;
  g_free (search->name);
  g_free (search->query);
  g_free (search->filters);
  g_free (search);
}

/* New = matching, visible and not seen yet, with the search's filters. */
static gboolean
count_new_jobs (sqlite3            *db,
                LancerSavedSearch  *search,
                gint64              now,
                GError            **error)
{
  g_autoptr(LancerJobFilter) filter = lancer_job_filter_new_from_json (search->filters);
  LancerJobView view = { .filter = filter, .search_id = search->id, .search_query = search->query };
  g_autofree char *sql = lancer_job_view_build_sql (&view, NULL, TRUE, now);
  g_autofree char *with_seen = g_strconcat (sql, " AND j.seen = 0", NULL);
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare (db, with_seen, error);

  if (stmt == NULL)
    return FALSE;
  lancer_job_view_bind (&view, stmt);
  if (_lancer_store_step_row (db, stmt, error) < 0)
    return FALSE;
  search->n_new = (guint) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gpointer
saved_search_from_row (LancerStore   *store,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  LancerSavedSearch *s = g_new0 (LancerSavedSearch, 1);

  s->id = sqlite3_column_int64 (stmt, 0);
  s->name = _lancer_store_dup_column (stmt, 1);
  s->query = _lancer_store_dup_column (stmt, 2);
  s->filters = _lancer_store_dup_column (stmt, 3);
  return s;
}

static gpointer
list_worker (LancerStore   *store,
             sqlite3       *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GPtrArray) searches = NULL;
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db, "SELECT id, name, query, filters FROM saved_searches ORDER BY name COLLATE NOCASE",
                           error);
  gint64 now = _lancer_store_now_s ();

  if (stmt == NULL)
    return NULL;
  searches = _lancer_store_collect_rows (store, db, stmt, saved_search_from_row,
                                         (GDestroyNotify) lancer_saved_search_free, error);
  if (searches == NULL)
    return NULL;
  for (guint i = 0; i < searches->len; i++)
    if (!count_new_jobs (db, g_ptr_array_index (searches, i), now, error))
      return NULL;
  return g_steal_pointer (&searches);
}

void
lancer_saved_searches_list_async (LancerStore         *store,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  lancer_store_run_async (store, FALSE, NULL, list_worker, NULL, NULL,
                          (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
lancer_saved_searches_list_finish (LancerStore   *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return lancer_store_run_finish (store, result, error);
}

static gpointer
save_worker (LancerStore   *store,
             sqlite3       *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  char **v = data;   /* name, query, filters */
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db,
                           "INSERT INTO saved_searches (name, query, filters, created_at) VALUES (?1, ?2, ?3, ?4)"
                           " ON CONFLICT (name) DO UPDATE SET query = excluded.query, filters = excluded.filters"
                           " RETURNING id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, v[0], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, v[1], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, v[2], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, _lancer_store_now_s ());
  if (_lancer_store_step_row (db, stmt, error) <= 0)
    return NULL;
  return _lancer_store_int64_result (sqlite3_column_int64 (stmt, 0));
}

void
lancer_saved_searches_save_async (LancerStore         *store,
                                  const char          *name,
                                  const char          *query,
                                  const char          *filters,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  char **v;

  g_return_if_fail (LANCER_IS_STORE (store));
  g_return_if_fail (name != NULL);

  v = g_new0 (char *, 4);
  v[0] = g_strdup (name);
  v[1] = g_strdup (query != NULL ? query : "");
  v[2] = g_strdup (filters != NULL && *filters != '\0' ? filters : "{}");
  lancer_store_run_async (store, TRUE, "saved_searches", save_worker, v, (GDestroyNotify) g_strfreev,
                          g_free, cancellable, callback, user_data);
}

gint64
lancer_saved_searches_save_finish (LancerStore   *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _lancer_store_run_finish_int64 (store, result, error);
}

static gpointer
remove_worker (LancerStore   *store,
               sqlite3       *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare_text (db, "DELETE FROM saved_searches WHERE name = ?1", data, error);

  if (stmt == NULL)
    return NULL;
  if (!_lancer_store_step_done (db, stmt, error))
    return NULL;
  if (sqlite3_changes (db) == 0)
    g_set_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_NOT_FOUND,
                 _("There is no saved search named “%s”; see lancer-cli searches list"), (const char *) data);
  return NULL;
}

void
lancer_saved_searches_remove_async (LancerStore         *store,
                                    const char          *name,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_STORE (store));
  g_return_if_fail (name != NULL);

  lancer_store_run_async (store, TRUE, "saved_searches", remove_worker, g_strdup (name), g_free,
                          NULL, cancellable, callback, user_data);
}

gboolean
lancer_saved_searches_remove_finish (LancerStore   *store,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _lancer_store_run_finish_boolean (store, result, error);
}

typedef struct
{
  gint64  id;
  char   *name;
} Rename;

static void
rename_free (Rename *rename)
{
  g_free (rename->name);
  g_free (rename);
}

static gpointer
rename_worker (LancerStore   *store,
               sqlite3       *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  Rename *rename = data;
  g_autoptr(sqlite3_stmt) taken = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) state = NULL;
  g_autofree char *old_name = NULL;

  taken = _lancer_store_prepare (db, "SELECT (SELECT name FROM saved_searches WHERE id = ?1),"
                                     " EXISTS (SELECT 1 FROM saved_searches WHERE name = ?2 AND id <> ?1)", error);
  if (taken == NULL)
    return NULL;
  sqlite3_bind_int64 (taken, 1, rename->id);
  sqlite3_bind_text (taken, 2, rename->name, -1, SQLITE_STATIC);
  if (_lancer_store_step_row (db, taken, error) <= 0)
    return NULL;
  old_name = _lancer_store_dup_column (taken, 0);
  if (old_name == NULL)
    {
      g_set_error_literal (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_NOT_FOUND,
                           _("This saved search no longer exists"));
      return NULL;
    }
  if (sqlite3_column_int (taken, 1))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("A search named “%s” already exists"), rename->name);
      return NULL;
    }
  update = _lancer_store_prepare (db, "UPDATE saved_searches SET name = ?2 WHERE id = ?1", error);
  if (update == NULL)
    return NULL;
  sqlite3_bind_int64 (update, 1, rename->id);
  sqlite3_bind_text (update, 2, rename->name, -1, SQLITE_STATIC);
  if (!_lancer_store_step_done (db, update, error))
    return NULL;
  /* The sync keeps each search's place under its name ("jobs:NAME"). */
  state = _lancer_store_prepare (db, "UPDATE sync_state SET resource = 'jobs:' || ?2 WHERE resource = 'jobs:' || ?1",
                                 error);
  if (state == NULL)
    return NULL;
  sqlite3_bind_text (state, 1, old_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (state, 2, rename->name, -1, SQLITE_STATIC);
  _lancer_store_step_done (db, state, error);
  return NULL;
}

void
lancer_saved_searches_rename_async (LancerStore         *store,
                                    gint64               id,
                                    const char          *name,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  Rename *rename;

  g_return_if_fail (LANCER_IS_STORE (store));
  g_return_if_fail (name != NULL);

  rename = g_new0 (Rename, 1);
  rename->id = id;
  rename->name = g_strdup (name);
  lancer_store_run_async (store, TRUE, "saved_searches", rename_worker, rename, (GDestroyNotify) rename_free,
                          NULL, cancellable, callback, user_data);
}

gboolean
lancer_saved_searches_rename_finish (LancerStore   *store,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _lancer_store_run_finish_boolean (store, result, error);
}

/* Proposals */

void
lancer_sent_proposal_free (LancerSentProposal *proposal)
{
  if (proposal == NULL)
    return;
  g_free (proposal->job_id);
  g_free (proposal->cover_letter);
  g_free (proposal->variant);
  g_free (proposal->upwork_id);
  g_free (proposal);
}

static LancerSentProposal *
sent_proposal_copy (const LancerSentProposal *p)
{
  LancerSentProposal *copy = g_memdup2 (p, sizeof *p);

  copy->job_id = g_strdup (p->job_id);
  copy->cover_letter = g_strdup (p->cover_letter);
  copy->variant = g_strdup (p->variant);
  copy->upwork_id = g_strdup (p->upwork_id);
  return copy;
}

/* Steps a prepared write with @id bound to ?1 and @now to ?2. */
static gboolean
write_for_proposal (sqlite3       *db,
                    const char    *sql,
                    gint64         id,
                    gint64         value,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lancer_store_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, value);
  return _lancer_store_step_done (db, stmt, error);
}

static gpointer
mark_sent_worker (LancerStore   *store,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  LancerSentProposal *p = data;
  gint64 now = _lancer_store_now_s ();
  gint64 variant_id = 0, id = p->proposal_id;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (p->variant != NULL && *p->variant != '\0' &&
      (variant_id = _lancer_store_variant_id (db, p->variant, now, error)) < 0)
    return NULL;

  if (id > 0)
    stmt = _lancer_store_prepare (db,
                                  "UPDATE proposals SET status = 'sent', variant_id = ?2, cover_letter = ?3, bid_amount = ?4,"
                                  " bid_type = ?5, connects_spent = ?6, updated_at = ?7, submitted_at = ?7,"
                                  " upwork_id = COALESCE(?8, upwork_id) WHERE id = ?1", error);
  else
    stmt = _lancer_store_prepare (db,
                                  "INSERT INTO proposals (job_id, variant_id, status, cover_letter, bid_amount, bid_type,"
                                  " connects_spent, created_at, updated_at, submitted_at, upwork_id)"
                                  " VALUES (?1, ?2, 'sent', ?3, ?4, ?5, ?6, ?7, ?7, ?7, ?8)", error);
  if (stmt == NULL)
    return NULL;
  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  else
    sqlite3_bind_text (stmt, 1, p->job_id, -1, SQLITE_STATIC);
  if (variant_id > 0)
    sqlite3_bind_int64 (stmt, 2, variant_id);
  if (!lancer_store_bind_sealed (store, stmt, 3, p->cover_letter, "proposals.cover_letter", error))
    return NULL;
  sqlite3_bind_double (stmt, 4, p->rate);
  sqlite3_bind_int (stmt, 5, p->hourly ? 1 : 0);
  if (p->connects >= 0)   /* unknown stays NULL, never a made-up 0 */
    sqlite3_bind_int (stmt, 6, p->connects);
  sqlite3_bind_int64 (stmt, 7, now);
  if (p->upwork_id != NULL)
    sqlite3_bind_text (stmt, 8, p->upwork_id, -1, SQLITE_STATIC);
  if (!_lancer_store_step_done (db, stmt, error))
    return NULL;
  if (id <= 0)
    id = sqlite3_last_insert_rowid (db);

  if (!write_for_proposal (db, p->upwork_id != NULL
                               ? "INSERT INTO proposal_events (proposal_id, status, at, source) VALUES (?1, 'sent', ?2, 'api')"
                               : "INSERT INTO proposal_events (proposal_id, status, at, source) VALUES (?1, 'sent', ?2, 'user')",
                           id, now, error) ||
      !write_for_proposal (db, "INSERT INTO proposal_writing_time (proposal_id, seconds) VALUES (?1, ?2)"
                               " ON CONFLICT (proposal_id) DO UPDATE SET seconds = seconds + excluded.seconds",
                           id, MAX (0, p->writing_seconds), error))
    return NULL;

  if (!_lancer_store_mark_acted_on (db, p->job_id, error))
    return NULL;
  return _lancer_store_int64_result (id);
}

void
lancer_proposal_mark_sent_async (LancerStore              *store,
                                 const LancerSentProposal *proposal,
                                 GCancellable             *cancellable,
                                 GAsyncReadyCallback       callback,
                                 gpointer                  user_data)
{
  lancer_store_run_async (store, TRUE, "proposals", mark_sent_worker, sent_proposal_copy (proposal),
                          (GDestroyNotify) lancer_sent_proposal_free, g_free, cancellable, callback, user_data);
}

gint64
lancer_proposal_mark_sent_finish (LancerStore   *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _lancer_store_run_finish_int64 (store, result, error);
}

static gpointer
count_sent_worker (LancerStore   *store,
                   sqlite3       *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare_text (db, "SELECT COUNT(*) FROM proposals WHERE job_id = ?1 AND status <> 'draft'",
                                data, error);

  if (stmt == NULL)
    return NULL;
  if (_lancer_store_step_row (db, stmt, error) < 0)
    return NULL;
  return _lancer_store_int64_result (sqlite3_column_int64 (stmt, 0));
}

void
lancer_proposal_count_sent_async (LancerStore         *store,
                                  const char          *job_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  lancer_store_run_async (store, FALSE, NULL, count_sent_worker, g_strdup (job_id), g_free, g_free,
                          cancellable, callback, user_data);
}

gint64
lancer_proposal_count_sent_finish (LancerStore   *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _lancer_store_run_finish_int64 (store, result, error);
}
