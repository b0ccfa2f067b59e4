/* lancer-store-ai.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-ai-prices.h"
#include "lancer-job-analysis.h"
#include "lancer-prompts.h"
#include "lancer-store.h"

G_BEGIN_DECLS

/* The AI area's queries, run on the store's worker thread. Drafts live in
 * the proposals table (sealed, like every draft) with their A/B slot, the
 * strategy (proposal_variants.name) and whether they are partial in the
 * area's own ai_drafts table. */

typedef struct
{
  gint64    proposal_id;   /* 0: not stored yet */
  char     *job_id;
  guint     slot;          /* 0 = A, 1 = B, ... */
  char     *strategy;      /* "problem-first", ...; may be NULL */
  char     *text;
  gboolean  partial;       /* the stream stopped before its end */
  gboolean  chosen;        /* the user picked this variant to send */
  gint64    updated_at;    /* seconds since the epoch */
} LancerAiDraft;

#define LANCER_TYPE_AI_DRAFT (lancer_ai_draft_get_type ())

GType          lancer_ai_draft_get_type (void) G_GNUC_CONST;
LancerAiDraft *lancer_ai_draft_new      (const char          *job_id,
                                         guint                slot);
LancerAiDraft *lancer_ai_draft_copy     (const LancerAiDraft *draft);
void           lancer_ai_draft_free     (LancerAiDraft       *draft);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerAiDraft, lancer_ai_draft_free)

/* One row in ai_calls. Returns the row id. */
void               lancer_store_ai_record_call_async    (LancerStore          *store,
                                                         const LancerAiUsage  *usage,
                                                         const char           *job_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gint64             lancer_store_ai_record_call_finish   (LancerStore          *store,
                                                         GAsyncResult         *result,
                                                         GError              **error);
/* The cost (USD) of every call since the first of this month, local time. */
void               lancer_store_ai_month_spend_async    (LancerStore          *store,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean           lancer_store_ai_month_spend_finish   (LancerStore          *store,
                                                         GAsyncResult         *result,
                                                         double               *spend_usd,
                                                         GError              **error);

/* The cost (USD) and number of the AI calls that wrote @job_id's
 * proposal drafts, regenerations included. */
void               lancer_store_ai_draft_cost_async     (LancerStore          *store,
                                                         const char           *job_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean           lancer_store_ai_draft_cost_finish    (LancerStore          *store,
                                                         GAsyncResult         *result,
                                                         double               *cost_usd,
                                                         guint                *n_calls,
                                                         GError              **error);

/* Analyses. @call_id 0: the job's newest analysis call. */
void               lancer_store_ai_save_analysis_async  (LancerStore             *store,
                                                         const char              *job_id,
                                                         gint64                   call_id,
                                                         const char              *provider,
                                                         const char              *model,
                                                         const LancerJobAnalysis *analysis,
                                                         GCancellable            *cancellable,
                                                         GAsyncReadyCallback      callback,
                                                         gpointer                 user_data);
gint64             lancer_store_ai_save_analysis_finish (LancerStore          *store,
                                                         GAsyncResult         *result,
                                                         GError              **error);
/* The newest analysis of @job_id; NULL with no error when there is none. */
void               lancer_store_ai_load_analysis_async  (LancerStore          *store,
                                                         const char           *job_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
LancerJobAnalysis *lancer_store_ai_load_analysis_finish (LancerStore          *store,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* Drafts: saved per (job, slot), encrypted. Saving a slot that already has
 * an unsent draft updates it. Returns the proposal id. */
void               lancer_store_ai_save_drafts_async    (LancerStore          *store,
                                                         GPtrArray            *drafts,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
/* Fills in each draft's proposal_id (the array passed to _async). */
gboolean           lancer_store_ai_save_drafts_finish   (LancerStore          *store,
                                                         GAsyncResult         *result,
                                                         GError              **error);
/* The unsent drafts of @job_id, ordered by slot (element-type LancerAiDraft). */
void               lancer_store_ai_load_drafts_async    (LancerStore          *store,
                                                         const char           *job_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray         *lancer_store_ai_load_drafts_finish   (LancerStore          *store,
                                                         GAsyncResult         *result,
                                                         GError              **error);
/* Marks @proposal_id as the variant the user sends: its text becomes the
 * cover letter; the job's other drafts are no longer chosen. */
void               lancer_store_ai_choose_draft_async   (LancerStore          *store,
                                                         gint64                proposal_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean           lancer_store_ai_choose_draft_finish  (LancerStore          *store,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* The writer profile's portfolio (element-type LancerAiPortfolioItem). */
void               lancer_store_ai_load_portfolio_async (LancerStore          *store,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray         *lancer_store_ai_load_portfolio_finish(LancerStore          *store,
                                                         GAsyncResult         *result,
                                                         GError              **error);
/* Replaces the whole portfolio with @items (element-type LancerAiPortfolioItem). */
void               lancer_store_ai_save_portfolio_async (LancerStore          *store,
                                                         GPtrArray            *items,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean           lancer_store_ai_save_portfolio_finish(LancerStore          *store,
                                                         GAsyncResult         *result,
                                                         GError              **error);

G_END_DECLS
