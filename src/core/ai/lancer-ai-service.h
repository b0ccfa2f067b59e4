/* lancer-ai-service.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-ai-provider.h"
#include "lancer-store-ai.h"
#include "lancer-job-analysis.h"
#include "lancer-proposal-writer.h"
#include "lancer-session.h"

G_BEGIN_DECLS

/* The AI features of one open profile: builds the configured provider (key
 * from the keyring, off the main thread), records every call in ai_calls
 * and the audit log, keeps to the monthly budget, and stores drafts
 * (encrypted), variants and analyses. GTK-free: the app, the CLI and the
 * tests share it. */

#define LANCER_TYPE_AI_SERVICE (lancer_ai_service_get_type ())
G_DECLARE_FINAL_TYPE (LancerAiService, lancer_ai_service, LANCER, AI_SERVICE, GObject)

LancerAiService     *lancer_ai_service_new                (LancerSession         *session);
LancerSession       *lancer_ai_service_get_session        (LancerAiService       *self);

/* From the profile's settings. */
const char          *lancer_ai_service_get_provider_id    (LancerAiService       *self);
/* The configured model, or the provider's recommended one. */
char                *lancer_ai_service_dup_model          (LancerAiService       *self);
const char          *lancer_ai_service_get_default_model  (const char            *provider_id);
/* A translated display name: "OpenAI", "Anthropic", "Ollama", … */
const char          *lancer_ai_service_get_provider_name  (const char            *provider_id);
gboolean             lancer_ai_service_is_cloud           (LancerAiService       *self);
/* TRUE until the user has seen what is sent to a cloud provider and agreed. */
gboolean             lancer_ai_service_needs_consent      (LancerAiService       *self);
void                 lancer_ai_service_grant_consent      (LancerAiService       *self);
/* The keyring item holding the provider's key, or NULL (local servers). */
const char          *lancer_ai_service_get_secret_name    (const char            *provider_id);

/* Adapters. */
LancerAiJob         *lancer_ai_service_job_from_model     (LancerJob             *job);
/* The writer profile from settings, with the portfolio loaded last. */
LancerAiProfile     *lancer_ai_service_dup_writer_profile (LancerAiService       *self);
/* Replaces the portfolio the service sends (otherwise loaded from the store
 * on first use) and saves it. Element-type LancerAiPortfolioItem. */
void                 lancer_ai_service_set_portfolio      (LancerAiService       *self,
                                                           GPtrArray             *items);
/* Tone and length from settings, model from settings; @n_variants as given. */
void                 lancer_ai_service_init_options       (LancerAiService       *self,
                                                           LancerProposalOptions *options,
                                                           guint                  n_variants);
/* Exactly what the first variant would send: for the consent dialog. */
char                *lancer_ai_service_dup_preview        (LancerAiService       *self,
                                                           LancerJob             *job,
                                                           const LancerProposalOptions *options);

/* Builds the configured provider with its key from the keyring. Fails with
 * LANCER_AI_ERROR_NO_KEY (translated, says where to add one). */
void                 lancer_ai_service_get_provider_async  (LancerAiService      *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
LancerAiProvider    *lancer_ai_service_get_provider_finish (LancerAiService      *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
/* Checks a key on the spot by listing the provider's models. */
void                 lancer_ai_service_test_key_async      (LancerAiService      *self,
                                                            const char           *provider_id,
                                                            const char           *api_key,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
GStrv                lancer_ai_service_test_key_finish     (LancerAiService      *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

/* Budget: the month's spend against the ai-monthly-budget setting. */
double               lancer_ai_service_get_budget          (LancerAiService      *self);
void                 lancer_ai_service_check_budget_async  (LancerAiService      *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
/* FALSE with LANCER_AI_ERROR_BUDGET_EXCEEDED when the budget is spent and
 * not overridden; *@state tells the UI to warn at 80 %. */
gboolean             lancer_ai_service_check_budget_finish (LancerAiService      *self,
                                                            GAsyncResult         *result,
                                                            LancerAiBudgetState  *state,
                                                            double               *spend_usd,
                                                            GError              **error);

/* Streams options->n_variants drafts for @job (budget checked first) and
 * saves each as a draft of its slot; a stopped or broken stream is saved
 * with partial set. Finishes with the saved drafts (element-type
 * LancerAiDraft, index = slot). On cancellation it fails with
 * G_IO_ERROR_CANCELLED after the partial drafts were saved. */
void                 lancer_ai_service_write_proposal_async  (LancerAiService             *self,
                                                              LancerJob                   *job,
                                                              const LancerProposalOptions *options,
                                                              LancerProposalDeltaFunc      delta_func,
                                                              gpointer                     delta_data,
                                                              GDestroyNotify               delta_destroy,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
GPtrArray           *lancer_ai_service_write_proposal_finish (LancerAiService             *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);

/* Runs and stores a job analysis (budget checked first). */
void                 lancer_ai_service_analyse_async       (LancerAiService      *self,
                                                            LancerJob            *job,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
LancerJobAnalysis   *lancer_ai_service_analyse_finish      (LancerAiService      *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

/* Drafts: autosave and reload (encrypted at rest). */
void                 lancer_ai_service_save_draft_async    (LancerAiService      *self,
                                                            const LancerAiDraft  *draft,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
/* Returns the proposal id. */
gint64               lancer_ai_service_save_draft_finish   (LancerAiService      *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

G_END_DECLS
