/* lancer-store-searches.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "lancer-job-filter.h"
#include "lancer-store.h"

G_BEGIN_DECLS

/* The Jobs workspace's queries, run on the store worker: saved searches
 * with their new-job counts, the SQL behind the job feed (with the one
 * full-text query builder), and proposals marked as sent. */

typedef enum
{
  LANCER_JOB_FEED_SORT_NEWEST,
  LANCER_JOB_FEED_SORT_SCORE,    /* local score, unscored last */
  LANCER_JOB_FEED_SORT_BUDGET,   /* fixed budget, or top hourly rate × 40 h */
} LancerJobFeedSort;

/* Which jobs the feed shows. */
typedef struct
{
  char              *search;        /* typed words (see _lancer_store_build_fts_query) */
  LancerJobFilter   *filter;        /* may be NULL */
  gint64             search_id;     /* saved search: its matches or its query; 0: all */
  char              *search_query;  /* that saved search's query */
  gboolean           saved_only;
  LancerJobFeedSort  sort;
} LancerJobView;

LancerJobView *lancer_job_view_copy            (const LancerJobView *view);
void           lancer_job_view_free            (LancerJobView       *view);
/* "SELECT <columns> FROM jobs j … WHERE …" with ?1 = FTS of the typed
 * words and ?2 = FTS of the saved search's query, when present; ORDER BY
 * follows the sort unless @count. */
char          *lancer_job_view_build_sql       (const LancerJobView *view,
                                                const char          *columns,
                                                gboolean             count,
                                                gint64               now);
/* Binds ?1/?2 of the statement built above. */
void           lancer_job_view_bind            (const LancerJobView *view,
                                                sqlite3_stmt        *stmt);

/* A saved search: a sidebar row in the Jobs workspace, one query of the
 * sync, one line of lancer-cli searches list. */
typedef struct
{
  char   *name;
  char   *query;
  char   *filters;   /* JSON object (see lancer-job-filter.h) */
  gint64  id;
  guint   n_new;     /* matching jobs not seen yet (filled in by _list) */
} LancerSavedSearch;

void       lancer_saved_search_free            (LancerSavedSearch   *search);

void       lancer_saved_searches_list_async    (LancerStore         *store,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* Returns: (element-type LancerSavedSearch), sorted by name (ignoring case). */
GPtrArray *lancer_saved_searches_list_finish   (LancerStore         *store,
                                                GAsyncResult        *result,
                                                GError             **error);
/* Creates, or updates by name, a saved search; @filters is a JSON object
 * (NULL: none). Returns its id, 0 on error. */
void       lancer_saved_searches_save_async    (LancerStore         *store,
                                                const char          *name,
                                                const char          *query,
                                                const char          *filters,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gint64     lancer_saved_searches_save_finish   (LancerStore         *store,
                                                GAsyncResult        *result,
                                                GError             **error);
/* Fails with LANCER_STORE_ERROR_NOT_FOUND when no search has that name. */
void       lancer_saved_searches_remove_async  (LancerStore         *store,
                                                const char          *name,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean   lancer_saved_searches_remove_finish (LancerStore         *store,
                                                GAsyncResult        *result,
                                                GError             **error);
/* Renames the search @id in place: it keeps its id, its job matches and
 * where the sync got to. Fails with G_IO_ERROR_EXISTS when another search
 * has @name, LANCER_STORE_ERROR_NOT_FOUND when @id is gone. */
void       lancer_saved_searches_rename_async  (LancerStore         *store,
                                                gint64               id,
                                                const char          *name,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean   lancer_saved_searches_rename_finish (LancerStore         *store,
                                                GAsyncResult        *result,
                                                GError             **error);

/* A proposal the user sent on Upwork (or through the API). */
typedef struct
{
  gint64      proposal_id;     /* the draft's id, or 0 */
  char       *job_id;
  char       *cover_letter;    /* sealed at rest */
  double      rate;            /* bid: hourly rate or fixed amount */
  gboolean    hourly;
  int         connects;        /* -1: unknown (stored as NULL) */
  char       *variant;         /* A/B variant name, or NULL */
  gint64      writing_seconds; /* time spent writing, for Analytics */
  char       *upwork_id;       /* when submitted through the API */
} LancerSentProposal;

void       lancer_sent_proposal_free         (LancerSentProposal *proposal);

/* Writes proposals (status 'sent', bid, connects, variant), a 'sent'
 * proposal_event and the writing time, marks the job acted on. The
 * writing time goes into proposal_writing_time (proposal_id, seconds),
 * created here at first use: the shared schema has no column for it.
 * Returns the proposal id. */
void       lancer_proposal_mark_sent_async   (LancerStore         *store,
                                              const LancerSentProposal *proposal,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gint64     lancer_proposal_mark_sent_finish  (LancerStore         *store,
                                              GAsyncResult        *result,
                                              GError             **error);

/* How many proposals for @job_id left the draft stage (sent, or further
 * along), so a second one is never sent without asking. */
void       lancer_proposal_count_sent_async  (LancerStore         *store,
                                              const char          *job_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gint64     lancer_proposal_count_sent_finish (LancerStore         *store,
                                              GAsyncResult        *result,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerJobView, lancer_job_view_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerSavedSearch, lancer_saved_search_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerSentProposal, lancer_sent_proposal_free)

G_END_DECLS
