/* lancer-prompts.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Plain inputs for the AI features, independent of the store's models. */
typedef struct
{
  char *title;
  char *description;
  char *outcome;        /* e.g. "cut invoice time by 60 %" */
} LancerAiPortfolioItem;

LancerAiPortfolioItem *lancer_ai_portfolio_item_new  (const char            *title,
                                                      const char            *description,
                                                      const char            *outcome);
void                   lancer_ai_portfolio_item_free (LancerAiPortfolioItem *item);

typedef struct
{
  char   *title;
  char   *description;
  char  **skills;               /* NULL-terminated, may be NULL */
  char   *job_type;             /* "hourly" or "fixed" */
  double  budget;               /* fixed price; < 0 when unknown */
  double  hourly_min;           /* < 0 when unknown */
  double  hourly_max;           /* < 0 when unknown */
  char   *currency;             /* "USD" when NULL */
  char  **screening_questions;  /* NULL-terminated, may be NULL */
  char   *client_country;
  char   *client_summary;       /* free text: spend, hires, rating ... */
} LancerAiJob;

typedef struct
{
  char      *name;
  char      *bio;
  char     **skills;
  double     hourly_rate;       /* < 0 when unknown */
  char      *currency;
  GPtrArray *portfolio;         /* LancerAiPortfolioItem*, may be NULL */
} LancerAiProfile;

LancerAiJob     *lancer_ai_job_new        (void);
void             lancer_ai_job_free       (LancerAiJob     *job);
LancerAiProfile *lancer_ai_profile_new    (void);
void             lancer_ai_profile_free   (LancerAiProfile *profile);
void             lancer_ai_profile_add_portfolio_item (LancerAiProfile *profile,
                                                       const char      *title,
                                                       const char      *description,
                                                       const char      *outcome);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerAiJob, lancer_ai_job_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerAiProfile, lancer_ai_profile_free)

typedef enum
{
  LANCER_PROMPT_PROPOSAL,
  LANCER_PROMPT_JOB_ANALYSIS,
  LANCER_PROMPT_REPLY,
  LANCER_PROMPT_JSON_REPAIR,
} LancerPromptKind;

typedef enum
{
  LANCER_PROMPT_PART_SYSTEM,
  LANCER_PROMPT_PART_USER,
} LancerPromptPart;

/* "proposal", "job-analysis", "reply", "json-repair". */
const char *lancer_prompts_kind_to_string  (LancerPromptKind   kind);
/* The shipped template. */
const char *lancer_prompts_get_default     (LancerPromptKind   kind,
                                            LancerPromptPart   part);
/* The user's edited template from @dir/<kind>-<system|user>.txt when it
 * exists (@dir NULL: $XDG_CONFIG_HOME/lancer/prompts), else the default. */
char       *lancer_prompts_dup_template    (LancerPromptKind   kind,
                                            LancerPromptPart   part,
                                            const char        *dir);
/* Saves an edited template (empty or NULL @text restores the default). */
gboolean    lancer_prompts_save_template   (LancerPromptKind   kind,
                                            LancerPromptPart   part,
                                            const char        *dir,
                                            const char        *text,
                                            GError           **error);
/* Replaces every {{name}} with @vars[name]; unknown names become "". */
char       *lancer_prompts_render          (const char        *template_text,
                                            GHashTable        *vars);
/* The variables every template may use: job_title, job_description,
 * job_skills, job_budget, job_type, screening_questions, client, my_name,
 * my_bio, my_skills, my_rate, portfolio. Job and profile text is scrubbed
 * of e-mail addresses and phone numbers. */
GHashTable *lancer_prompts_vars_new        (const LancerAiJob     *job,
                                            const LancerAiProfile *profile);
/* Removes e-mail addresses and phone numbers the AI does not need. */
char       *lancer_prompts_scrub_pii       (const char        *text);

G_END_DECLS
