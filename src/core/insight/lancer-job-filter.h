/* lancer-job-filter.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lancer-job.h"

G_BEGIN_DECLS

/* The filters Upwork's search lacks (or ignores), applied locally to stored
 * jobs: in SQL for the job list (the store's job queries, lancer-store-searches.c)
 * and in C for single jobs (lancer_job_filter_matches()); both agree, a test
 * proves it.
 *
 * Unknown client values (NAN hire rate or rating) never pass a minimum: a
 * client with no reviews fails "rating ≥ 4.5". A zero or empty field means
 * "any". Saved with a search as a JSON object in saved_searches.filters:
 *
 *   { "min_client_spent": 1000, "min_hire_rate": 0.5, "min_rating": 4.5,
 *     "verified_only": true, "countries_in": ["United States"],
 *     "countries_out": ["…"], "max_proposals": 10, "budget_floor": 500,
 *     "rate_floor": 30, "experience": ["EXPERT"], "posted_within_hours": 24 }
 *
 * budget_floor applies to fixed-price jobs (budget ≥ floor), rate_floor to
 * hourly jobs (top of the range ≥ floor); a job with no budget given fails
 * a floor. Unknown keys are kept out; the Upwork engineer's sync may pass
 * verified_only, experience, max_proposals and posted_within_hours to the
 * API as well (those it honours). */

typedef enum
{
  LANCER_EXPERIENCE_ENTRY        = 1 << 0,
  LANCER_EXPERIENCE_INTERMEDIATE = 1 << 1,
  LANCER_EXPERIENCE_EXPERT       = 1 << 2,
} LancerExperienceLevels;

typedef struct
{
  double    min_client_spent;     /* USD; 0: any */
  double    min_hire_rate;        /* 0–1; 0: any */
  double    min_rating;           /* 0–5; 0: any */
  gboolean  verified_only;
  char    **countries_in;         /* NULL or empty: any */
  char    **countries_out;
  int       max_proposals;        /* < 0: any */
  double    budget_floor;         /* fixed price; 0: any */
  double    rate_floor;           /* hourly; 0: any */
  guint     experience;           /* LancerExperienceLevels; 0: any */
  guint     posted_within_hours;  /* 0: any */
} LancerJobFilter;

#define LANCER_TYPE_JOB_FILTER (lancer_job_filter_get_type ())

GType            lancer_job_filter_get_type    (void) G_GNUC_CONST;
LancerJobFilter *lancer_job_filter_new         (void);
LancerJobFilter *lancer_job_filter_copy        (const LancerJobFilter *self);
void             lancer_job_filter_free        (LancerJobFilter       *self);
gboolean         lancer_job_filter_is_empty    (const LancerJobFilter *self);
gboolean         lancer_job_filter_equal       (const LancerJobFilter *a,
                                                const LancerJobFilter *b);
/* How many fields are set (for a "Filters (3)" badge). */
guint            lancer_job_filter_count_active (const LancerJobFilter *self);

/* Never fails: bad or unknown members are ignored (NULL/"": empty filter). */
LancerJobFilter *lancer_job_filter_new_from_json (const char          *json);
char            *lancer_job_filter_to_json     (const LancerJobFilter *self);

/* @now: Unix seconds (posted within). */
gboolean         lancer_job_filter_matches     (const LancerJobFilter *self,
                                                LancerJob             *job,
                                                gint64                 now);
LancerExperienceLevels lancer_experience_from_string (const char *level);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerJobFilter, lancer_job_filter_free)

G_END_DECLS
