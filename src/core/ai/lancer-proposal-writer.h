/* lancer-proposal-writer.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-ai-provider.h"
#include "lancer-prompts.h"

G_BEGIN_DECLS

typedef enum
{
  LANCER_PROPOSAL_SHORT,    /* ~120 words */
  LANCER_PROPOSAL_MEDIUM,   /* ~200 words */
  LANCER_PROPOSAL_LONG,     /* ~320 words */
} LancerProposalLength;

typedef struct
{
  const char           *model;
  const char           *tone;          /* "professional", "friendly", ... NULL: professional */
  LancerProposalLength  length;
  guint                 n_variants;    /* 1 or more; A/B uses 2 */
  double                temperature;   /* < 0: provider default */
  const char           *template_dir;  /* NULL: the user's prompt folder */
} LancerProposalOptions;

void lancer_proposal_options_init (LancerProposalOptions *options);

/* Called on the caller's main context for each text delta of a variant. */
typedef void (*LancerProposalDeltaFunc) (guint       variant,
                                         const char *delta,
                                         gsize       len,
                                         gpointer    user_data);

#define LANCER_TYPE_PROPOSAL_WRITER (lancer_proposal_writer_get_type ())
G_DECLARE_FINAL_TYPE (LancerProposalWriter, lancer_proposal_writer, LANCER, PROPOSAL_WRITER, GObject)

LancerProposalWriter *lancer_proposal_writer_new            (LancerAiProvider            *provider);
/* The strategy of variant @variant: "problem-first", "proof-first", "question-first". */
const char           *lancer_proposal_writer_get_strategy   (guint                        variant);
/* The exact request a variant sends (show it before the first cloud call). */
LancerAiRequest      *lancer_proposal_writer_build_request  (LancerProposalWriter        *self,
                                                             const LancerAiJob           *job,
                                                             const LancerAiProfile       *profile,
                                                             const LancerProposalOptions *options,
                                                             guint                        variant);
/* Streams options->n_variants drafts at once. Cancel to stop them all. */
void                  lancer_proposal_writer_stream_async   (LancerProposalWriter        *self,
                                                             const LancerAiJob           *job,
                                                             const LancerAiProfile       *profile,
                                                             const LancerProposalOptions *options,
                                                             LancerProposalDeltaFunc      delta_func,
                                                             gpointer                     delta_data,
                                                             GDestroyNotify               delta_destroy,
                                                             GCancellable                *cancellable,
                                                             GAsyncReadyCallback          callback,
                                                             gpointer                     user_data);
/* One LancerAiResult per variant (index = variant). A variant that failed
 * while another succeeded holds what arrived, with partial = TRUE. Fails
 * only when every variant failed (with the first variant's error), or on
 * cancellation. */
GPtrArray            *lancer_proposal_writer_stream_finish  (LancerProposalWriter        *self,
                                                             GAsyncResult                *result,
                                                             GError                     **error);

G_END_DECLS
