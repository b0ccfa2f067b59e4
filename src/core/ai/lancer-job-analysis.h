/* lancer-job-analysis.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-ai-provider.h"
#include "lancer-prompts.h"

G_BEGIN_DECLS

typedef struct
{
  int            fit_score;       /* 0-100 */
  char          *summary;
  char         **red_flags;       /* NULL-terminated, never NULL */
  char         **questions;       /* questions to ask the client; never NULL */
  double         rate_amount;
  char          *rate_currency;
  char          *rate_unit;       /* "hour" or "fixed" */
  gboolean       repaired;        /* the first answer was invalid and one repair was needed */
  LancerAiUsage *usage;           /* of the last call */
  char          *raw_json;        /* the validated JSON, for the store */
} LancerJobAnalysis;

#define LANCER_TYPE_JOB_ANALYSIS (lancer_job_analysis_get_type ())

GType              lancer_job_analysis_get_type   (void) G_GNUC_CONST;
LancerJobAnalysis *lancer_job_analysis_copy       (const LancerJobAnalysis *analysis);
void               lancer_job_analysis_free       (LancerJobAnalysis       *analysis);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerJobAnalysis, lancer_job_analysis_free)

/* The strict JSON schema sent to the provider (transfer full). */
JsonNode          *lancer_job_analysis_schema     (void);
/* Validates @node against the schema by hand (types, required fields,
 * 0 <= fit_score <= 100, unit enum). */
LancerJobAnalysis *lancer_job_analysis_parse      (JsonNode                *node,
                                                   GError                 **error);
LancerAiRequest   *lancer_job_analysis_build_request (const char            *model,
                                                      const LancerAiJob     *job,
                                                      const LancerAiProfile *profile,
                                                      const char            *template_dir);
/* Runs the analysis; an invalid answer gets one repair request, then a
 * LANCER_AI_ERROR_INVALID_JSON error. */
void               lancer_job_analysis_run_async  (LancerAiProvider        *provider,
                                                   const char              *model,
                                                   const LancerAiJob       *job,
                                                   const LancerAiProfile   *profile,
                                                   GCancellable            *cancellable,
                                                   GAsyncReadyCallback      callback,
                                                   gpointer                 user_data);
LancerJobAnalysis *lancer_job_analysis_run_finish (GAsyncResult            *result,
                                                   GError                 **error);

G_END_DECLS
