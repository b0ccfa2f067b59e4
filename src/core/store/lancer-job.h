/* lancer-job.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  LANCER_JOB_TYPE_FIXED,
  LANCER_JOB_TYPE_HOURLY,
} LancerJobType;

#define LANCER_TYPE_JOB (lancer_job_get_type ())

G_DECLARE_FINAL_TYPE (LancerJob, lancer_job, LANCER, JOB, GObject)

/* A job posting with its client's stats at the time it was fetched.
 * Unknown numbers (budget, hourly range, hire rate, rating) are NAN; use the
 * lancer_job_has_*() helpers or isnan() before showing them. */
LancerJob          *lancer_job_new                      (const char          *id);
LancerJob          *lancer_job_copy                     (LancerJob           *self);
void                lancer_job_update_from              (LancerJob           *self,
                                                         LancerJob           *other);

const char         *lancer_job_get_id                   (LancerJob           *self);
const char         *lancer_job_get_ciphertext           (LancerJob           *self);
void                lancer_job_set_ciphertext           (LancerJob           *self,
                                                         const char          *ciphertext);
const char         *lancer_job_get_title                (LancerJob           *self);
void                lancer_job_set_title                (LancerJob           *self,
                                                         const char          *title);
const char         *lancer_job_get_description          (LancerJob           *self);
void                lancer_job_set_description          (LancerJob           *self,
                                                         const char          *description);
const char         *lancer_job_get_url                  (LancerJob           *self);
void                lancer_job_set_url                  (LancerJob           *self,
                                                         const char          *url);
/* Seconds since the Unix epoch, UTC. */
gint64              lancer_job_get_posted_at            (LancerJob           *self);
void                lancer_job_set_posted_at            (LancerJob           *self,
                                                         gint64               posted_at);
gint64              lancer_job_get_fetched_at           (LancerJob           *self);
void                lancer_job_set_fetched_at           (LancerJob           *self,
                                                         gint64               fetched_at);
LancerJobType       lancer_job_get_job_type             (LancerJob           *self);
void                lancer_job_set_job_type             (LancerJob           *self,
                                                         LancerJobType        job_type);
double              lancer_job_get_budget               (LancerJob           *self);
void                lancer_job_set_budget               (LancerJob           *self,
                                                         double               budget);
gboolean            lancer_job_has_budget               (LancerJob           *self);
double              lancer_job_get_hourly_min           (LancerJob           *self);
void                lancer_job_set_hourly_min           (LancerJob           *self,
                                                         double               hourly_min);
double              lancer_job_get_hourly_max           (LancerJob           *self);
void                lancer_job_set_hourly_max           (LancerJob           *self,
                                                         double               hourly_max);
const char         *lancer_job_get_currency             (LancerJob           *self);
void                lancer_job_set_currency             (LancerJob           *self,
                                                         const char          *currency);
int                 lancer_job_get_proposals            (LancerJob           *self);
void                lancer_job_set_proposals            (LancerJob           *self,
                                                         int                  proposals);
const char * const *lancer_job_get_skills               (LancerJob           *self);
void                lancer_job_set_skills               (LancerJob           *self,
                                                         const char * const  *skills);
const char         *lancer_job_get_experience_level     (LancerJob           *self);
void                lancer_job_set_experience_level     (LancerJob           *self,
                                                         const char          *level);
const char         *lancer_job_get_category             (LancerJob           *self);
void                lancer_job_set_category             (LancerJob           *self,
                                                         const char          *category);
const char         *lancer_job_get_duration             (LancerJob           *self);
void                lancer_job_set_duration             (LancerJob           *self,
                                                         const char          *duration);
int                 lancer_job_get_connects_required    (LancerJob           *self);
void                lancer_job_set_connects_required    (LancerJob           *self,
                                                         int                  connects);

const char         *lancer_job_get_client_id            (LancerJob           *self);
void                lancer_job_set_client_id            (LancerJob           *self,
                                                         const char          *client_id);
const char         *lancer_job_get_client_country       (LancerJob           *self);
void                lancer_job_set_client_country       (LancerJob           *self,
                                                         const char          *country);
double              lancer_job_get_client_total_spent   (LancerJob           *self);
void                lancer_job_set_client_total_spent   (LancerJob           *self,
                                                         double               total_spent);
int                 lancer_job_get_client_hires         (LancerJob           *self);
void                lancer_job_set_client_hires         (LancerJob           *self,
                                                         int                  hires);
int                 lancer_job_get_client_jobs_posted   (LancerJob           *self);
void                lancer_job_set_client_jobs_posted   (LancerJob           *self,
                                                         int                  jobs_posted);
/* 0–1, NAN when unknown */
double              lancer_job_get_client_hire_rate     (LancerJob           *self);
void                lancer_job_set_client_hire_rate     (LancerJob           *self,
                                                         double               hire_rate);
/* 0–5, NAN when the client has no reviews */
double              lancer_job_get_client_rating        (LancerJob           *self);
void                lancer_job_set_client_rating        (LancerJob           *self,
                                                         double               rating);
gboolean            lancer_job_get_client_payment_verified (LancerJob        *self);
void                lancer_job_set_client_payment_verified (LancerJob        *self,
                                                         gboolean             verified);

/* Flags the user controls; the store keeps them across re-syncs. */
gboolean            lancer_job_get_seen                 (LancerJob           *self);
void                lancer_job_set_seen                 (LancerJob           *self,
                                                         gboolean             seen);
gboolean            lancer_job_get_saved                (LancerJob           *self);
void                lancer_job_set_saved                (LancerJob           *self,
                                                         gboolean             saved);
gboolean            lancer_job_get_hidden               (LancerJob           *self);
void                lancer_job_set_hidden               (LancerJob           *self,
                                                         gboolean             hidden);
gboolean            lancer_job_get_acted_on             (LancerJob           *self);
void                lancer_job_set_acted_on             (LancerJob           *self,
                                                         gboolean             acted_on);
/* The local score, 0–100, NAN when unscored, and why (the scorer's
 * explanation); set by the job feed. */
double              lancer_job_get_score                (LancerJob           *self);
void                lancer_job_set_score                (LancerJob           *self,
                                                         double               score);
const char         *lancer_job_get_score_reasons        (LancerJob           *self);
void                lancer_job_set_score_reasons        (LancerJob           *self,
                                                         const char          *reasons);
/* FALSE for the placeholder a list model hands out while the row loads. */
gboolean            lancer_job_get_loaded               (LancerJob           *self);

/* The object of `lancer-cli jobs --json` (DESIGN §8). */
JsonNode           *lancer_job_to_json                  (LancerJob           *self);
char               *lancer_format_iso8601               (gint64               unix_utc);

/* Internal: used by the store and list model. */
LancerJob          *_lancer_job_new_placeholder         (void);

G_END_DECLS
