/* lancer-job-feed-model.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-job-feed"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lancer-job-feed-model.h"
#include "lancer-store-private.h"

#define PAGE_SIZE 64
#define MAX_PAGES 32
/* GTK 4.8's list view keeps up to 200 rows around its anchor: a reload
 * loads the jobs at the top of the list along with their ids, so new rows
 * there are built once with their data rather than as placeholders that
 * are all rebuilt when their page arrives. */
#define HEAD_ROWS (4 * PAGE_SIZE)
/* Eight rows fill the list of a 780-pixel window: the first chunk is what
 * the user sees, and each later one is a small part of a frame's work. */
#define REVEAL_CHUNK 8

struct _LancerJobFeedModel
{
  GObject        parent_instance;

  LancerStore   *store;
  LancerJobView *view;
  GArray        *rids;        /* gint64, in order */
  GHashTable    *pages;       /* page index → GPtrArray of LancerJob; NULL
                               * entries are holes (not loaded yet) */
  GHashTable    *pending;     /* page index set */
  GQueue         page_order;  /* oldest first, for eviction */
  guint          stamp;       /* reloads; a result for an older one is dropped */
  guint          page_stamp;  /* page loads, dropped when positions change */
  gboolean       loading;
  GCancellable  *cancellable;
  gpointer       snapshot;    /* Snapshot, shared with the worker */
  guint          snapshot_gen; /* store changes; a snapshot built before one is dropped */
  GCancellable  *prefetch;    /* a snapshot being built ahead, see prefetch_snapshot() */
  gboolean       reload_after_prefetch;
  guint          changed_id;  /* debounced reload after store changes */
  GPtrArray     *head;        /* jobs loaded with the ids, see HEAD_ROWS */
  GArray        *target;      /* while revealing: all ids; self->rids lacks */
  guint          gap_pos;     /* target[gap_pos, gap_pos + gap_left) */
  guint          gap_left;
  guint          reveal_id;
  GHashTable    *deferred;    /* pages with changes held back, see page_cb() */
  guint          deferred_id;
  gint64         budget_start;
  guint          budget_used;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LancerJobFeedModel, lancer_job_feed_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum { PROP_0, PROP_LOADING, N_PROPS };
static GParamSpec *properties [N_PROPS];

static void
set_loading (LancerJobFeedModel *self,
             gboolean            loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

/* Page arrays hold NULL for rows not loaded (see splice_pages()). */
static void
job_unref0 (gpointer job)
{
  if (job != NULL)
    g_object_unref (job);
}


/* An in-memory snapshot of what filtering and sorting need (about 60 bytes
 * a job), built on the store worker once per store change. A keystroke
 * then costs one FTS rowid lookup plus a walk over a presorted order. */
typedef struct
{
  guint     n;
  guint32  *rid;
  gint64   *posted_at;
  float    *spent, *hire, *rating, *budget, *rate_top, *score, *budget_key;
  guint8   *verified, *saved, *job_type, *exp;
  gint32   *proposals;
  guint16  *country;        /* 0: none; ids into countries */
  GPtrArray *countries;     /* casefolded names; index 0 unused */
  guint32  *by_newest, *by_score, *by_budget;
  guint32   max_rid;
  guint32  *pos_by_rid;     /* G_MAXUINT32: not visible */
} Snapshot;

static void
snapshot_free (Snapshot *s)
{
  g_free (s->rid); g_free (s->posted_at); g_free (s->spent); g_free (s->hire);
  g_free (s->rating); g_free (s->budget); g_free (s->rate_top); g_free (s->score);
  g_free (s->budget_key); g_free (s->verified); g_free (s->saved); g_free (s->job_type);
  g_free (s->exp); g_free (s->proposals); g_free (s->country); g_ptr_array_unref (s->countries);
  g_free (s->by_newest); g_free (s->by_score); g_free (s->by_budget); g_free (s->pos_by_rid);
}

static Snapshot *
snapshot_ref (Snapshot *s)
{
  return g_atomic_rc_box_acquire (s);
}

static void
snapshot_unref (Snapshot *s)
{
  g_atomic_rc_box_release_full (s, (GDestroyNotify) snapshot_free);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_unref)

static guint16
snapshot_country_id (Snapshot   *s,
                     GHashTable *ids,
                     const char *name)
{
  g_autofree char *folded = NULL;
  gpointer id;

  if (name == NULL || *name == '\0')
    return 0;
  folded = g_utf8_casefold (name, -1);
  if (g_hash_table_lookup_extended (ids, folded, NULL, &id))
    return GPOINTER_TO_UINT (id);
  if (s->countries->len >= G_MAXUINT16)
    return 0;
  g_ptr_array_add (s->countries, g_strdup (folded));
  g_hash_table_insert (ids, g_steal_pointer (&folded), GUINT_TO_POINTER (s->countries->len - 1));
  return (guint16) (s->countries->len - 1);
}

static int
cmp_newest (gconstpointer a, gconstpointer b, gpointer data)
{
  Snapshot *s = data;
  guint32 i = *(const guint32 *) a, j = *(const guint32 *) b;

  if (s->posted_at[i] != s->posted_at[j])
    return s->posted_at[i] > s->posted_at[j] ? -1 : 1;
  return s->rid[i] > s->rid[j] ? -1 : s->rid[i] < s->rid[j];
}

static int
cmp_key_then_newest (const float *key, guint32 i, guint32 j, Snapshot *s)
{
  gboolean ni = isnan (key[i]), nj = isnan (key[j]);

  if (ni != nj)
    return ni ? 1 : -1;
  if (!ni && key[i] != key[j])
    return key[i] > key[j] ? -1 : 1;
  return cmp_newest (&i, &j, s);
}

static int
cmp_score (gconstpointer a, gconstpointer b, gpointer data)
{
  Snapshot *s = data;
  return cmp_key_then_newest (s->score, *(const guint32 *) a, *(const guint32 *) b, s);
}

static int
cmp_budget (gconstpointer a, gconstpointer b, gpointer data)
{
  Snapshot *s = data;
  return cmp_key_then_newest (s->budget_key, *(const guint32 *) a, *(const guint32 *) b, s);
}

static float
column_float (sqlite3_stmt *stmt,
              int           col)
{
  return (float) _lancer_store_column_double_or (stmt, col, NAN);
}

static Snapshot *
snapshot_build (sqlite3       *db,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(Snapshot) s = g_atomic_rc_box_new0 (Snapshot);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  guint cap;
  int rc;

  s->countries = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (s->countries, g_strdup (""));
  rc = sqlite3_prepare_v2 (db, "SELECT count(*), IFNULL(max(rid), 0) FROM jobs", -1, &stmt, NULL);
  if (rc != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    goto failed;
  cap = (guint) sqlite3_column_int64 (stmt, 0);
  s->max_rid = (guint32) sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  stmt = NULL;

#define ALLOC(field) s->field = g_new (__typeof__ (*s->field), MAX (cap, 1))
  ALLOC (rid); ALLOC (posted_at); ALLOC (spent); ALLOC (hire); ALLOC (rating); ALLOC (budget);
  ALLOC (rate_top); ALLOC (score); ALLOC (budget_key); ALLOC (verified); ALLOC (saved);
  ALLOC (job_type); ALLOC (exp); ALLOC (proposals); ALLOC (country);
#undef ALLOC
  s->pos_by_rid = g_new (guint32, s->max_rid + 1);
  memset (s->pos_by_rid, 0xff, sizeof (guint32) * (s->max_rid + 1));

  rc = sqlite3_prepare_v2 (db,
                           "SELECT j.rid, j.posted_at, j.client_total_spent,"
                           " COALESCE(j.client_hire_rate, CASE WHEN j.client_jobs_posted > 0"
                           "   THEN MIN(1.0, CAST(j.client_hires AS REAL) / j.client_jobs_posted) END),"
                           " j.client_rating, j.budget, COALESCE(j.hourly_max, j.hourly_min), s.score,"
                           " j.client_payment_verified, j.saved, j.job_type, j.experience_level, j.proposals,"
                           " j.client_country"
                           " FROM jobs j LEFT JOIN job_scores s ON s.job_rid = j.rid AND s.kind = 'local'"
                           " WHERE j.hidden = 0", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    goto failed;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && s->n < cap)
    {
      guint i = s->n++;
      guint32 rid = (guint32) sqlite3_column_int64 (stmt, 0);

      /* A scan of a large profile takes a while: stop it as soon as
       * nobody waits for it (the model went, or the view changed). */
      if (i % 4096 == 4095 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_finalize (stmt);
          return NULL;
        }

      s->rid[i] = rid;
      if (rid <= s->max_rid)
        s->pos_by_rid[rid] = i;
      s->posted_at[i] = sqlite3_column_int64 (stmt, 1);
      s->spent[i] = column_float (stmt, 2);
      s->hire[i] = column_float (stmt, 3);
      s->rating[i] = column_float (stmt, 4);
      s->budget[i] = column_float (stmt, 5);
      s->rate_top[i] = column_float (stmt, 6);
      s->score[i] = column_float (stmt, 7);
      s->verified[i] = sqlite3_column_int (stmt, 8) != 0;
      s->saved[i] = sqlite3_column_int (stmt, 9) != 0;
      s->job_type[i] = (guint8) sqlite3_column_int (stmt, 10);
      s->exp[i] = (guint8) lancer_experience_from_string ((const char *) sqlite3_column_text (stmt, 11));
      s->proposals[i] = sqlite3_column_int (stmt, 12);
      s->country[i] = snapshot_country_id (s, ids, (const char *) sqlite3_column_text (stmt, 13));
      s->budget_key[i] = s->job_type[i] == 0 ? s->budget[i] : s->rate_top[i] * 40;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    goto failed;

  s->by_newest = g_new (guint32, MAX (s->n, 1));
  for (guint i = 0; i < s->n; i++)
    s->by_newest[i] = i;
  s->by_score = g_memdup2 (s->by_newest, sizeof (guint32) * MAX (s->n, 1));
  s->by_budget = g_memdup2 (s->by_newest, sizeof (guint32) * MAX (s->n, 1));
  g_qsort_with_data (s->by_newest, (gint) s->n, sizeof (guint32), cmp_newest, s);
  g_qsort_with_data (s->by_score, (gint) s->n, sizeof (guint32), cmp_score, s);
  g_qsort_with_data (s->by_budget, (gint) s->n, sizeof (guint32), cmp_budget, s);
  return g_steal_pointer (&s);

failed:
  lancer_store_propagate_sqlite_error (error, db, rc);
  sqlite3_finalize (stmt);
  return NULL;
}

/* The same rules as lancer_job_filter_matches(), on the snapshot. */
static gboolean
snapshot_matches (const Snapshot        *s,
                  guint                  i,
                  const LancerJobFilter *f,
                  const guint8          *country_in,
                  const guint8          *country_out,
                  gint64                 now)
{
  if (f == NULL)
    return TRUE;
  if (f->min_client_spent > 0 && !(s->spent[i] >= (float) f->min_client_spent))
    return FALSE;
  if (f->min_hire_rate > 0 && !(s->hire[i] >= (float) f->min_hire_rate))
    return FALSE;
  if (f->min_rating > 0 && !(s->rating[i] >= (float) f->min_rating))
    return FALSE;
  if (f->verified_only && !s->verified[i])
    return FALSE;
  if (country_in != NULL && !country_in[s->country[i]])
    return FALSE;
  if (country_out != NULL && s->country[i] != 0 && country_out[s->country[i]])
    return FALSE;
  if (f->max_proposals >= 0 && s->proposals[i] > f->max_proposals)
    return FALSE;
  if (s->job_type[i] == 0 && f->budget_floor > 0 && !(s->budget[i] >= (float) f->budget_floor))
    return FALSE;
  if (s->job_type[i] != 0 && f->rate_floor > 0 && !(s->rate_top[i] >= (float) f->rate_floor))
    return FALSE;
  if (f->experience != 0 && (f->experience & s->exp[i]) == 0)
    return FALSE;
  if (f->posted_within_hours > 0 && s->posted_at[i] < now - (gint64) f->posted_within_hours * 3600)
    return FALSE;
  return TRUE;
}

static guint8 *
country_mask (const Snapshot *s,
              char          **names)
{
  guint8 *mask;

  if (names == NULL || names[0] == NULL)
    return NULL;
  mask = g_new0 (guint8, s->countries->len);
  for (guint k = 0; names[k] != NULL; k++)
    {
      g_autofree char *folded = g_utf8_casefold (names[k], -1);

      for (guint c = 1; c < s->countries->len; c++)
        if (strcmp (folded, g_ptr_array_index (s->countries, c)) == 0)
          mask[c] = 1;
    }
  return mask;
}

/* Marks in @bits the rids @stmt returns (its ?1 bound, one rid column). */
static int
mark_rids (sqlite3_stmt   *stmt,
           const Snapshot *s,
           guint8         *bits)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (stmt, 0);

      if (rid >= 0 && rid <= s->max_rid)
        bits[rid] = 1;
    }
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

#define FTS_RIDS_SQL   "SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?1"
#define MATCH_RIDS_SQL "SELECT job_rid FROM job_matches WHERE search_id = ?1"

/* The rids @sql returns for ?1: an FTS query (@text) or, with @text NULL,
 * the saved search @search_id (the matches the sync stored). */
static int
mark_query (sqlite3        *db,
            const char     *sql,
            const char     *text,
            gint64          search_id,
            const Snapshot *s,
            guint8         *bits)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, search_id);
  return mark_rids (stmt, s, bits);
}

/* Ids */

typedef struct
{
  GArray *rids;
} PageData;

static gpointer page_worker (LancerStore *store, sqlite3 *db, gpointer data,
                             GCancellable *cancellable, GError **error);

typedef struct
{
  LancerJobView *view;
  gint64         now;
  Snapshot      *snapshot;   /* NULL: build one */
} IdsData;

typedef struct
{
  GArray    *rids;
  Snapshot  *snapshot;
  GPtrArray *head;     /* the first HEAD_ROWS jobs, or NULL */
} IdsResult;

static void
ids_data_free (IdsData *d)
{
  lancer_job_view_free (d->view);
  g_clear_pointer (&d->snapshot, snapshot_unref);
  g_free (d);
}

static void
ids_result_free (IdsResult *r)
{
  g_clear_pointer (&r->rids, g_array_unref);
  g_clear_pointer (&r->snapshot, snapshot_unref);
  g_clear_pointer (&r->head, g_ptr_array_unref);
  g_free (r);
}

/* The jobs at the top of the list, loaded along with the ids (HEAD_ROWS). */
static void
load_head (LancerStore  *store,
           sqlite3      *db,
           IdsResult    *r,
           GCancellable *cancellable)
{
  PageData head;

  if (r->rids->len == 0)
    return;
  head.rids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), HEAD_ROWS);
  g_array_append_vals (head.rids, r->rids->data, MIN (r->rids->len, HEAD_ROWS));
  /* Best effort: without it the rows load page by page. */
  r->head = page_worker (store, db, &head, cancellable, NULL);
  g_array_unref (head.rids);
}

/* Every visible job, newest first: nothing to filter or sort but what
 * jobs_list_idx already holds in order. */
static gboolean
is_plain (const LancerJobView *v,
          const char          *fts)
{
  return fts == NULL && v->search_id <= 0 && !v->saved_only &&
         (v->filter == NULL || lancer_job_filter_is_empty (v->filter)) &&
         v->sort == LANCER_JOB_FEED_SORT_NEWEST;
}

/* The plain list's ids straight from the index: a profile of 100,000 jobs
 * opens without first reading every row into a snapshot. */
static GArray *
plain_rids (sqlite3  *db,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db, "SELECT rid FROM jobs WHERE hidden = 0 ORDER BY posted_at DESC, rid DESC", error);
  g_autoptr(GArray) rids = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  rids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rids, rid);
    }
  if (rc != SQLITE_DONE)
    {
      lancer_store_set_sqlite_error (error, db, rc);
      return NULL;
    }
  return g_steal_pointer (&rids);
}

static gpointer
snapshot_worker (LancerStore   *store,
                 sqlite3       *db,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return snapshot_build (db, cancellable, error);
}

static gpointer
ids_worker (LancerStore   *store,
            sqlite3       *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  IdsData *d = data;
  LancerJobView *v = d->view;
  g_autoptr(Snapshot) s = d->snapshot != NULL ? snapshot_ref (d->snapshot) : NULL;
  g_autofree char *fts = _lancer_store_build_fts_query (v->search);
  g_autofree char *saved_fts = NULL;
  g_autofree guint8 *typed = NULL, *saved = NULL, *c_in = NULL, *c_out = NULL;
  const guint32 *order;
  IdsResult *r;
  int rc = SQLITE_OK;

  if (g_cancellable_is_cancelled (cancellable))
    return NULL;
  if (s == NULL && is_plain (v, fts))
    {
      /* The snapshot follows (see prefetch_snapshot()). */
      r = g_new0 (IdsResult, 1);
      if ((r->rids = plain_rids (db, error)) == NULL)
        {
          ids_result_free (r);
          return NULL;
        }
      load_head (store, db, r, cancellable);
      return r;
    }
  if (s == NULL && (s = snapshot_build (db, cancellable, error)) == NULL)
    return NULL;

  if (fts != NULL)
    {
      typed = g_new0 (guint8, s->max_rid + 1);
      rc = mark_query (db, FTS_RIDS_SQL, fts, 0, s, typed);
    }
  if (rc == SQLITE_OK && v->search_id > 0)
    {
      saved = g_new0 (guint8, s->max_rid + 1);
      rc = mark_query (db, MATCH_RIDS_SQL, NULL, v->search_id, s, saved);
      saved_fts = _lancer_store_build_fts_query (v->search_query);
      if (rc == SQLITE_OK && saved_fts != NULL)
        rc = mark_query (db, FTS_RIDS_SQL, saved_fts, 0, s, saved);
    }
  if (rc != SQLITE_OK)
    {
      lancer_store_propagate_sqlite_error (error, db, rc);
      return NULL;
    }
  if (v->filter != NULL)
    {
      c_in = country_mask (s, v->filter->countries_in);
      c_out = country_mask (s, v->filter->countries_out);
    }

  order = v->sort == LANCER_JOB_FEED_SORT_SCORE ? s->by_score
        : v->sort == LANCER_JOB_FEED_SORT_BUDGET ? s->by_budget : s->by_newest;
  r = g_new0 (IdsResult, 1);
  r->rids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), fts != NULL ? 1024 : s->n);
  for (guint k = 0; k < s->n; k++)
    {
      guint i = order[k];
      gint64 rid = s->rid[i];

      if (typed != NULL && !typed[rid])
        continue;
      if (saved != NULL && !saved[rid])
        continue;
      if (v->saved_only && !s->saved[i])
        continue;
      if (!snapshot_matches (s, i, v->filter, c_in, c_out, d->now))
        continue;
      g_array_append_val (r->rids, rid);
    }
  r->snapshot = g_steal_pointer (&s);
  load_head (store, db, r, cancellable);
  return r;
}

static GPtrArray *
page_new (LancerJobFeedModel *self,
          guint               page)
{
  guint len = MIN (PAGE_SIZE, self->rids->len - page * PAGE_SIZE);
  GPtrArray *jobs = g_ptr_array_new_full (len, job_unref0);

  g_ptr_array_set_size (jobs, len);
  return jobs;
}

static void request_page (LancerJobFeedModel *self, guint page);

/* Where row @i of the old list is after a splice, or G_MAXUINT. */
static guint
splice_position (guint i,
                 guint position,
                 guint removed,
                 guint added)
{
  if (i < position)
    return i;
  return i >= position + removed ? i - removed + added : G_MAXUINT;
}

/* The rows [@position, @position + @removed) were replaced by @added new
 * ones (self->rids already holds the new list): loaded jobs before and
 * after keep their objects at their new positions, the rest become holes
 * that get_item() loads again. Page loads in flight are for the old
 * positions: they are dropped (the page stamp changes) and asked again for the
 * rows' new positions, as those rows show placeholders meanwhile. */
static void
splice_pages (LancerJobFeedModel *self,
              guint               position,
              guint               removed,
              guint               added)
{
  g_autoptr(GHashTable) old_pages = NULL;
  g_autoptr(GHashTable) old_pending = NULL;
  g_autoptr(GHashTable) again = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (removed == 0 && added == 0)
    return;
  old_pages = g_steal_pointer (&self->pages);
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  old_pending = g_steal_pointer (&self->pending);
  self->pending = g_hash_table_new (NULL, NULL);
  g_queue_clear (&self->page_order);
  self->page_stamp++;
  again = g_hash_table_new (NULL, NULL);
  /* Pages whose changes were held back are asked again too. */
  g_hash_table_iter_init (&iter, self->deferred);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (old_pending, key);
  g_hash_table_remove_all (self->deferred);
  g_hash_table_iter_init (&iter, old_pending);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    for (guint i = GPOINTER_TO_UINT (key) * PAGE_SIZE, k = 0; k < PAGE_SIZE; k++)
      {
        guint ni = splice_position (i + k, position, removed, added);

        if (ni < self->rids->len)
          g_hash_table_add (again, GUINT_TO_POINTER (ni / PAGE_SIZE));
      }
  g_hash_table_iter_init (&iter, old_pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *jobs = value;
      guint start = GPOINTER_TO_UINT (key) * PAGE_SIZE;

      for (guint k = 0; k < jobs->len; k++)
        {
          guint i = start + k, ni, np;
          GPtrArray *dest;

          if (g_ptr_array_index (jobs, k) == NULL)
            continue;
          ni = splice_position (i, position, removed, added);
          if (ni >= self->rids->len)
            continue;
          np = ni / PAGE_SIZE;
          dest = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (np));
          if (dest == NULL)
            {
              dest = page_new (self, np);
              g_hash_table_insert (self->pages, GUINT_TO_POINTER (np), dest);
              g_queue_push_tail (&self->page_order, GUINT_TO_POINTER (np));
            }
          g_ptr_array_index (dest, ni % PAGE_SIZE) = g_steal_pointer (&g_ptr_array_index (jobs, k));
        }
    }
  while (g_queue_get_length (&self->page_order) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_head (&self->page_order));
  g_hash_table_iter_init (&iter, again);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    request_page (self, GPOINTER_TO_UINT (key));
}

/* Whether a freshly loaded job shows the same as the loaded one: then the
 * old object stays, and its row is neither rebuilt nor re-measured. A sync
 * that fetches a job again sets fetched_at, so any new data differs. */
static gboolean
same_job (LancerJob *a,
          LancerJob *b)
{
  double sa = lancer_job_get_score (a), sb = lancer_job_get_score (b);

  return lancer_job_get_loaded (a) && lancer_job_get_loaded (b) &&
         g_strcmp0 (lancer_job_get_id (a), lancer_job_get_id (b)) == 0 &&
         lancer_job_get_fetched_at (a) == lancer_job_get_fetched_at (b) &&
         lancer_job_get_seen (a) == lancer_job_get_seen (b) &&
         lancer_job_get_saved (a) == lancer_job_get_saved (b) &&
         lancer_job_get_hidden (a) == lancer_job_get_hidden (b) &&
         lancer_job_get_acted_on (a) == lancer_job_get_acted_on (b) &&
         lancer_job_get_proposals (a) == lancer_job_get_proposals (b) &&
         g_strcmp0 (lancer_job_get_title (a), lancer_job_get_title (b)) == 0 &&
         ((isnan (sa) && isnan (sb)) || sa == sb) &&
         g_strcmp0 (lancer_job_get_score_reasons (a), lancer_job_get_score_reasons (b)) == 0;
}

/* A store run the model started: the stamp it was started under, to
 * tell a stale answer, and the page it reads. */
typedef struct _Request Request;

/* Gets the run's result (owned; NULL with @error on failure). */
typedef void (*RequestDoneFunc) (LancerJobFeedModel *self,
                                 const Request      *req,
                                 gpointer            result,
                                 GError             *error);

struct _Request
{
  LancerJobFeedModel *self;
  guint               stamp;
  guint               page;
  RequestDoneFunc     done;
};

static Request *
request_new (LancerJobFeedModel *self,
             guint               stamp,
             guint               page,
             RequestDoneFunc     done)
{
  Request req = { g_object_ref (self), stamp, page, done };

  return g_memdup2 (&req, sizeof req);
}

/* Every run the model starts ends here: its request gets the result. */
static void
request_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autofree Request *req = user_data;
  g_autoptr(GError) error = NULL;
  gpointer value = lancer_store_run_finish (LANCER_STORE (source), result, &error);

  req->done (req->self, req, value, error);
  g_object_unref (req->self);
}


/* Fills the holes among exposed rows [@from, @to) with the jobs the
 * reload loaded along with the ids (self->head, in self->target's order
 * while rows are being revealed). */
static void
fill_from_head (LancerJobFeedModel *self,
                guint               from,
                guint               to)
{
  for (guint i = from; self->head != NULL && i < to && i < self->rids->len; i++)
    {
      guint t = self->target == NULL || i < self->gap_pos ? i : i + self->gap_left;
      GPtrArray *jobs;

      if (t >= self->head->len)
        {
          if (self->target == NULL || i >= self->gap_pos)
            break;
          continue;
        }
      jobs = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (i / PAGE_SIZE));
      if (jobs == NULL)
        {
          jobs = page_new (self, i / PAGE_SIZE);
          g_hash_table_insert (self->pages, GUINT_TO_POINTER (i / PAGE_SIZE), jobs);
          g_queue_push_tail (&self->page_order, GUINT_TO_POINTER (i / PAGE_SIZE));
        }
      if (g_ptr_array_index (jobs, i % PAGE_SIZE) == NULL)
        g_ptr_array_index (jobs, i % PAGE_SIZE) = g_object_ref (g_ptr_array_index (self->head, t));
    }
}

/* Many new rows at the top of the list (the first page of a sync, a new
 * search) would have GTK 4.8's list view build and measure up to 200 rows
 * in one frame, a stall of 100 ms and more: they are revealed
 * REVEAL_CHUNK rows per tick while the model still reports loading. */
static gboolean
reveal_step (LancerJobFeedModel *self,
             gboolean            all)
{
  guint pos = self->gap_pos, k;

  if (self->target == NULL)
    return FALSE;
  k = all || pos >= HEAD_ROWS ? self->gap_left : MIN (self->gap_left, REVEAL_CHUNK);
  g_array_insert_vals (self->rids, pos, &g_array_index (self->target, gint64, pos), k);
  splice_pages (self, pos, 0, k);
  self->gap_pos += k;
  self->gap_left -= k;
  fill_from_head (self, pos, pos + k);
  if (self->gap_left == 0)
    {
      g_clear_pointer (&self->target, g_array_unref);
      g_clear_pointer (&self->head, g_ptr_array_unref);
    }
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 0, k);
  if (self->target == NULL)
    set_loading (self, FALSE);
  return self->target != NULL;
}

static gboolean
reveal_cb (gpointer data)
{
  LancerJobFeedModel *self = data;

  if (reveal_step (self, FALSE))
    return G_SOURCE_CONTINUE;
  self->reveal_id = 0;
  return G_SOURCE_REMOVE;
}

static void
snapshot_built (LancerJobFeedModel *self,
                const Request      *req,
                gpointer            result,
                GError             *error)
{
  Snapshot *snapshot = result;

  if (req->stamp == self->snapshot_gen && self->snapshot == NULL)
    self->snapshot = g_steal_pointer (&snapshot);
  g_clear_pointer (&snapshot, snapshot_unref);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->prefetch);
  if (self->reload_after_prefetch)
    {
      self->reload_after_prefetch = FALSE;
      lancer_job_feed_model_reload (self);
    }
}

/* After a plain list came straight from the index, the snapshot that
 * words, filters and sorts need is built while the user looks at it; a
 * search typed meanwhile waits for it rather than building another. */
static void
prefetch_snapshot (LancerJobFeedModel *self)
{
  if (self->prefetch != NULL)
    return;
  self->prefetch = g_cancellable_new ();
  lancer_store_run_async (self->store, FALSE, NULL, snapshot_worker, NULL, NULL,
                          (GDestroyNotify) snapshot_unref, self->prefetch, request_done_cb,
                          request_new (self, self->snapshot_gen, 0, snapshot_built));
}

static void
ids_loaded (LancerJobFeedModel *self,
            const Request      *req,
            gpointer            result,
            GError             *error)
{
  IdsResult *r = result;
  g_autoptr(GArray) rids = NULL;
  g_autoptr(GPtrArray) head = NULL;
  guint old_n, prefix, suffix, added, shown;

  if (req->stamp != self->stamp)
    {
      g_clear_pointer (&r, ids_result_free);
      return;
    }
  if (r != NULL)
    {
      rids = g_steal_pointer (&r->rids);
      head = g_steal_pointer (&r->head);
      if (r->snapshot != NULL && self->snapshot != r->snapshot)
        {
          g_clear_pointer (&self->snapshot, snapshot_unref);
          self->snapshot = g_steal_pointer (&r->snapshot);
        }
      ids_result_free (r);
    }
  if (rids == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list jobs: %s", error->message);
      set_loading (self, FALSE);
      return;
    }
  if (self->snapshot == NULL)
    prefetch_snapshot (self);
  old_n = self->rids->len;
  if (old_n == rids->len && old_n > 0 &&
      memcmp (self->rids->data, rids->data, sizeof (gint64) * old_n) == 0)
    {
      /* Same jobs in the same order (a flag or a score changed): refresh
       * the loaded pages in place, no placeholders in between. */
      g_autoptr(GList) loaded = g_hash_table_get_keys (self->pages);

      set_loading (self, FALSE);
      for (GList *l = loaded; l != NULL; l = l->next)
        request_page (self, GPOINTER_TO_UINT (l->data));
      return;
    }
  /* Only what differs changes: during a sync new jobs arrive at one end
   * of the list, and replacing the whole list would make the list view
   * destroy, recreate and re-measure every row it has (up to 200 in GTK
   * 4.8) on every page the sync writes. The rows around stay bound to the
   * same LancerJob objects. */
  prefix = 0;
  while (prefix < old_n && prefix < rids->len &&
         g_array_index (self->rids, gint64, prefix) == g_array_index (rids, gint64, prefix))
    prefix++;
  suffix = 0;
  while (suffix < old_n - prefix && suffix < rids->len - prefix &&
         g_array_index (self->rids, gint64, old_n - 1 - suffix) == g_array_index (rids, gint64, rids->len - 1 - suffix))
    suffix++;
  added = rids->len - prefix - suffix;
  shown = prefix < HEAD_ROWS ? MIN (added, REVEAL_CHUNK) : added;
  g_clear_pointer (&self->target, g_array_unref);
  g_clear_pointer (&self->head, g_ptr_array_unref);
  self->head = g_steal_pointer (&head);
  if (shown < added)
    {
      /* Reveal the rest a chunk a frame (see reveal_cb()). */
      self->target = g_steal_pointer (&rids);
      self->gap_pos = prefix + shown;
      self->gap_left = added - shown;
      rids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->target->len - self->gap_left);
      g_array_append_vals (rids, self->target->data, self->gap_pos);
      g_array_append_vals (rids, &g_array_index (self->target, gint64, self->gap_pos + self->gap_left),
                           self->target->len - self->gap_pos - self->gap_left);
    }
  g_array_unref (self->rids);
  self->rids = g_steal_pointer (&rids);
  splice_pages (self, prefix, old_n - prefix - suffix, shown);
  fill_from_head (self, 0, self->rids->len);
  if (self->target != NULL)
    {
      if (self->reveal_id == 0)
        self->reveal_id = g_timeout_add (16, reveal_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->reveal_id, g_source_remove);
      g_clear_pointer (&self->head, g_ptr_array_unref);
      set_loading (self, FALSE);
    }
  if (old_n - prefix - suffix > 0 || shown > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_n - prefix - suffix, shown);
}

void
lancer_job_feed_model_reload (LancerJobFeedModel *self)
{
  IdsData *d;

  g_return_if_fail (LANCER_IS_JOB_FEED_MODEL (self));

  self->stamp++;
  self->page_stamp++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_hash_table_remove_all (self->pending);

  d = g_new0 (IdsData, 1);
  d->view = lancer_job_view_copy (self->view);
  d->now = g_get_real_time () / G_USEC_PER_SEC;
  d->snapshot = self->snapshot != NULL ? snapshot_ref (self->snapshot) : NULL;
  set_loading (self, TRUE);
  if (self->snapshot == NULL && self->prefetch != NULL)
    {
      self->reload_after_prefetch = TRUE;
      ids_data_free (d);
      return;
    }
  lancer_store_run_async (self->store, FALSE, NULL, ids_worker, d, (GDestroyNotify) ids_data_free,
                          (GDestroyNotify) ids_result_free, self->cancellable, request_done_cb,
                          request_new (self, self->stamp, 0, ids_loaded));
}

/* Pages */

static void
page_data_free (PageData *d)
{
  g_array_unref (d->rids);
  g_free (d);
}

static gpointer
page_worker (LancerStore   *store,
             sqlite3       *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  PageData *d = data;
  g_autoptr(GString) sql = g_string_new ("SELECT " LANCER_JOB_COLUMNS ", j.rid, s.score, s.explanation"
                                         " FROM jobs j LEFT JOIN job_scores s ON s.job_rid = j.rid AND s.kind = 'local'"
                                         " WHERE j.rid IN (");
  g_autoptr(GHashTable) by_rid = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  GPtrArray *jobs;
  sqlite3_stmt *stmt = NULL;
  int rc, base;

  for (guint i = 0; i < d->rids->len; i++)
    g_string_append_printf (sql, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (d->rids, gint64, i));
  g_string_append_c (sql, ')');
  rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      lancer_store_propagate_sqlite_error (error, db, rc);
      return NULL;
    }
  base = sqlite3_column_count (stmt) - 3;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LancerJob *job = _lancer_job_new_from_stmt (stmt);
      gint64 rid = sqlite3_column_int64 (stmt, base);

      if (sqlite3_column_type (stmt, base + 1) != SQLITE_NULL)
        {
          lancer_job_set_score (job, sqlite3_column_double (stmt, base + 1));
          lancer_job_set_score_reasons (job, (const char *) sqlite3_column_text (stmt, base + 2));
        }
      g_hash_table_insert (by_rid, g_memdup2 (&rid, sizeof rid), job);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      lancer_store_propagate_sqlite_error (error, db, rc);
      return NULL;
    }
  jobs = g_ptr_array_new_full (d->rids->len, job_unref0);
  for (guint i = 0; i < d->rids->len; i++)
    {
      LancerJob *job = g_hash_table_lookup (by_rid, &g_array_index (d->rids, gint64, i));

      /* Deleted meanwhile: keep a placeholder, the reload fixes it. */
      g_ptr_array_add (jobs, job != NULL ? g_object_ref (job) : _lancer_job_new_placeholder ());
    }
  return jobs;
}

static gboolean
deferred_cb (gpointer data)
{
  LancerJobFeedModel *self = data;
  g_autoptr(GList) pages = g_hash_table_get_keys (self->deferred);

  self->deferred_id = 0;
  g_hash_table_remove_all (self->deferred);
  for (GList *l = pages; l != NULL; l = l->next)
    if (GPOINTER_TO_UINT (l->data) * PAGE_SIZE < self->rids->len)
      request_page (self, GPOINTER_TO_UINT (l->data));
  return G_SOURCE_REMOVE;
}

static void
page_loaded (LancerJobFeedModel *self,
             const Request      *req,
             gpointer            result,
             GError             *error)
{
  GPtrArray *jobs = result;
  GPtrArray *old;
  guint page = req->page;

  if (req->stamp != self->page_stamp)
    {
      g_clear_pointer (&jobs, g_ptr_array_unref);
      return;
    }
  g_hash_table_remove (self->pending, GUINT_TO_POINTER (page));
  if (jobs == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load jobs: %s", error->message);
      return;
    }
  old = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (old != NULL && old->len == jobs->len)
    {
      /* A refresh, or holes filled. A job that is still the same job (a
       * retrained score model changes every row's score at once) is
       * updated in place: its row follows the notifications, where GTK 4.8
       * would tear down and rebuild a row announced as changed. Only runs
       * of rows that become another job are announced, at most
       * REVEAL_CHUNK shown rows per tick; the page is asked again for the
       * rest. */
      guint run = 0;
      gint64 now = g_get_monotonic_time ();
      gboolean held_back = FALSE;

      if (now - self->budget_start > 16 * 1000)
        {
          self->budget_start = now;
          self->budget_used = 0;
        }
      for (guint k = 0; k <= jobs->len; k++)
        {
          LancerJob *was = k < jobs->len ? g_ptr_array_index (old, k) : NULL;
          LancerJob *job = k < jobs->len ? g_ptr_array_index (jobs, k) : NULL;

          if (was != NULL && lancer_job_get_loaded (was) && lancer_job_get_loaded (job) &&
              g_strcmp0 (lancer_job_get_id (was), lancer_job_get_id (job)) == 0)
            lancer_job_update_from (was, job);
          else if (was != NULL && self->budget_used >= REVEAL_CHUNK && !same_job (was, job))
            held_back = TRUE;
          else if (k < jobs->len && (was == NULL || !same_job (was, job)))
            {
              if (was != NULL)
                self->budget_used++;
              job_unref0 (was);
              g_ptr_array_index (old, k) = g_object_ref (g_ptr_array_index (jobs, k));
              run++;
              continue;
            }
          if (run > 0)
            g_list_model_items_changed (G_LIST_MODEL (self), page * PAGE_SIZE + k - run, run, run);
          run = 0;
        }
      g_ptr_array_unref (jobs);
      if (held_back)
        {
          g_hash_table_add (self->deferred, GUINT_TO_POINTER (page));
          if (self->deferred_id == 0)
            self->deferred_id = g_timeout_add (16, deferred_cb, self);
        }
      return;
    }
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), jobs);
  g_queue_push_tail (&self->page_order, GUINT_TO_POINTER (page));
  while (g_queue_get_length (&self->page_order) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_head (&self->page_order));
  g_list_model_items_changed (G_LIST_MODEL (self), page * PAGE_SIZE, jobs->len, jobs->len);
}

static void
request_page (LancerJobFeedModel *self,
              guint               page)
{
  PageData *d;
  guint start = page * PAGE_SIZE, n = MIN (PAGE_SIZE, self->rids->len - start);

  if (g_hash_table_contains (self->pending, GUINT_TO_POINTER (page)))
    return;
  g_hash_table_add (self->pending, GUINT_TO_POINTER (page));
  d = g_new0 (PageData, 1);
  d->rids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  g_array_append_vals (d->rids, &g_array_index (self->rids, gint64, start), n);
  lancer_store_run_async (self->store, FALSE, NULL, page_worker, d, (GDestroyNotify) page_data_free,
                          (GDestroyNotify) g_ptr_array_unref, self->cancellable, request_done_cb,
                          request_new (self, self->page_stamp, page, page_loaded));
}

/* GListModel */

static GType
get_item_type (GListModel *model)
{
  return LANCER_TYPE_JOB;
}

static guint
get_n_items (GListModel *model)
{
  return LANCER_JOB_FEED_MODEL (model)->rids->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  LancerJobFeedModel *self = LANCER_JOB_FEED_MODEL (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *jobs;

  if (position >= self->rids->len)
    return NULL;
  jobs = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (jobs != NULL && position % PAGE_SIZE < jobs->len && g_ptr_array_index (jobs, position % PAGE_SIZE) != NULL)
    return g_object_ref (g_ptr_array_index (jobs, position % PAGE_SIZE));
  request_page (self, page);
  return _lancer_job_new_placeholder ();
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* Public */

int
lancer_job_feed_model_find (LancerJobFeedModel *self,
                            const char         *job_id)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (LANCER_IS_JOB_FEED_MODEL (self), -1);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *jobs = value;

      for (guint i = 0; i < jobs->len; i++)
        if (g_ptr_array_index (jobs, i) != NULL &&
            g_strcmp0 (lancer_job_get_id (g_ptr_array_index (jobs, i)), job_id) == 0)
          return (int) (GPOINTER_TO_UINT (key) * PAGE_SIZE + i);
    }
  return -1;
}

void
lancer_job_feed_model_remove (LancerJobFeedModel *self,
                              guint               position)
{
  g_return_if_fail (LANCER_IS_JOB_FEED_MODEL (self));

  /* Rows still being revealed show first: positions are the final ones. */
  while (reveal_step (self, TRUE))
    ;
  g_clear_handle_id (&self->reveal_id, g_source_remove);
  if (position >= self->rids->len)
    return;
  g_array_remove_index (self->rids, position);
  /* Rows after it shift up and keep their jobs. */
  splice_pages (self, position, 1, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

static gboolean
changed_timeout_cb (gpointer data)
{
  LancerJobFeedModel *self = data;

  self->changed_id = 0;
  lancer_job_feed_model_reload (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (LancerJobFeedModel *self,
                  const char         *table)
{
  /* Rebuild the snapshot, at most a few times a second during a sync. */
  g_clear_pointer (&self->snapshot, snapshot_unref);
  self->snapshot_gen++;
  if (self->changed_id == 0)
    self->changed_id = g_timeout_add (150, changed_timeout_cb, self);
}

LancerJobFeedModel *
lancer_job_feed_model_new (LancerStore *store)
{
  LancerJobFeedModel *self;

  g_return_val_if_fail (LANCER_IS_STORE (store), NULL);

  self = g_object_new (LANCER_TYPE_JOB_FEED_MODEL, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed::jobs", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::job_scores", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  lancer_job_feed_model_reload (self);
  return self;
}

LancerStore *
lancer_job_feed_model_get_store (LancerJobFeedModel *self)
{
  g_return_val_if_fail (LANCER_IS_JOB_FEED_MODEL (self), NULL);
  return self->store;
}

void
lancer_job_feed_model_set_view (LancerJobFeedModel  *self,
                                const LancerJobView *view)
{
  g_return_if_fail (LANCER_IS_JOB_FEED_MODEL (self));

  lancer_job_view_free (self->view);
  self->view = lancer_job_view_copy (view);
  lancer_job_feed_model_reload (self);
}

const LancerJobView *
lancer_job_feed_model_get_view (LancerJobFeedModel *self)
{
  g_return_val_if_fail (LANCER_IS_JOB_FEED_MODEL (self), NULL);
  return self->view;
}

void
lancer_job_feed_model_set_search (LancerJobFeedModel *self,
                                  const char         *search)
{
  g_return_if_fail (LANCER_IS_JOB_FEED_MODEL (self));

  if (g_strcmp0 (self->view->search, search) == 0)
    return;
  g_free (self->view->search);
  self->view->search = g_strdup (search);
  lancer_job_feed_model_reload (self);
}

gboolean
lancer_job_feed_model_get_loading (LancerJobFeedModel *self)
{
  g_return_val_if_fail (LANCER_IS_JOB_FEED_MODEL (self), FALSE);
  return self->loading;
}

static void
lancer_job_feed_model_dispose (GObject *object)
{
  LancerJobFeedModel *self = LANCER_JOB_FEED_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->prefetch);
  g_clear_object (&self->prefetch);
  g_clear_handle_id (&self->changed_id, g_source_remove);
  g_clear_handle_id (&self->reveal_id, g_source_remove);
  g_clear_handle_id (&self->deferred_id, g_source_remove);
  g_clear_pointer (&self->target, g_array_unref);
  g_clear_pointer (&self->head, g_ptr_array_unref);
  g_clear_pointer (&self->snapshot, snapshot_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lancer_job_feed_model_parent_class)->dispose (object);
}

static void
lancer_job_feed_model_finalize (GObject *object)
{
  LancerJobFeedModel *self = LANCER_JOB_FEED_MODEL (object);

  g_queue_clear (&self->page_order);
  g_hash_table_unref (self->pages);
  g_hash_table_unref (self->pending);
  g_hash_table_unref (self->deferred);
  g_array_unref (self->rids);
  lancer_job_view_free (self->view);

  G_OBJECT_CLASS (lancer_job_feed_model_parent_class)->finalize (object);
}

static void
lancer_job_feed_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, LANCER_JOB_FEED_MODEL (object)->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_job_feed_model_class_init (LancerJobFeedModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lancer_job_feed_model_dispose;
  object_class->finalize = lancer_job_feed_model_finalize;
  object_class->get_property = lancer_job_feed_model_get_property;

  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lancer_job_feed_model_init (LancerJobFeedModel *self)
{
  self->view = lancer_job_view_copy (NULL);
  self->rids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->pending = g_hash_table_new (NULL, NULL);
  self->deferred = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();
}
