/* lancer-alert-policy.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Which alerts go out, decided without I/O: the notifier feeds candidates
 * in and persists what was sent (notifications_sent), so the decisions
 * survive a restart. Time comes from an injectable clock. */

/* Returns the current time as unix seconds. */
typedef gint64 (*LancerAlertClock) (gpointer user_data);

typedef struct
{
  gboolean  all_searches;       /* every saved search alerts */
  GStrv     searches;           /* otherwise only these (by name, case-insensitive) */
  guint     min_score;          /* 0–100; 0: no minimum. Unknown scores pass. */
  gboolean  quiet_enabled;
  guint     quiet_start;        /* minutes after local midnight */
  guint     quiet_end;          /* may be before quiet_start: spans midnight */
  guint     max_jobs_per_hour;  /* individual job alerts per rolling hour */
  guint     max_messages_per_hour;
  gint64    paused_until;       /* unix s; 0: not paused */
} LancerAlertRules;

void              lancer_alert_rules_init     (LancerAlertRules       *rules);
void              lancer_alert_rules_clear    (LancerAlertRules       *rules);
/* Reads the alert-* keys of the Profile schema. */
void              lancer_alert_rules_load     (LancerAlertRules       *rules,
                                               GSettings              *settings);

typedef struct
{
  char    *job_id;
  double   score;               /* 0–100, NAN when unknown */
  GStrv    searches;            /* names of the saved searches that matched */
} LancerAlertJob;

LancerAlertJob   *lancer_alert_job_new        (const char             *job_id,
                                               double                  score,
                                               const char * const     *searches);
void              lancer_alert_job_free       (LancerAlertJob         *job);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerAlertJob, lancer_alert_job_free)

typedef enum
{
  LANCER_ALERT_SEND,            /* an alert of its own */
  LANCER_ALERT_SUMMARISE,       /* over the hourly cap: counted in the summary */
  LANCER_ALERT_SKIP_SENT,       /* alerted before */
  LANCER_ALERT_SKIP_SEARCH,     /* no alerting search matched it */
  LANCER_ALERT_SKIP_SCORE,      /* below the minimum score */
  LANCER_ALERT_SKIP_QUIET,      /* quiet hours or paused */
} LancerAlertVerdict;

typedef struct
{
  GPtrArray *send;              /* LancerAlertJob, one alert each, in input order */
  GPtrArray *summarised;        /* LancerAlertJob, over the cap: one "N more" alert */
  GPtrArray *held;              /* LancerAlertJob, in quiet hours: the digest at their end */
  guint      skipped;
} LancerAlertDecision;

void              lancer_alert_decision_free  (LancerAlertDecision    *decision);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerAlertDecision, lancer_alert_decision_free)

#define LANCER_TYPE_ALERT_POLICY (lancer_alert_policy_get_type ())
G_DECLARE_FINAL_TYPE (LancerAlertPolicy, lancer_alert_policy, LANCER, ALERT_POLICY, GObject)

LancerAlertPolicy *lancer_alert_policy_new    (void);
void              lancer_alert_policy_set_rules (LancerAlertPolicy    *self,
                                               const LancerAlertRules *rules);
const LancerAlertRules *lancer_alert_policy_get_rules (LancerAlertPolicy *self);
/* NULL restores the real clock. @tz: the zone quiet hours are in (NULL: local). */
void              lancer_alert_policy_set_clock (LancerAlertPolicy    *self,
                                               LancerAlertClock        clock,
                                               gpointer                user_data);
void              lancer_alert_policy_set_timezone (LancerAlertPolicy *self,
                                               GTimeZone              *tz);
gint64            lancer_alert_policy_now     (LancerAlertPolicy      *self);

typedef enum
{
  LANCER_ALERT_KIND_JOB,              /* counts towards the job cap */
  LANCER_ALERT_KIND_SUMMARISED,   /* only remembered, never alerted again */
  LANCER_ALERT_KIND_MESSAGE,          /* counts towards the message cap */
  LANCER_ALERT_KIND_HELD,             /* arrived in quiet hours: waits for the digest */
} LancerAlertKind;

/* The notifications_sent channel of each kind, and back. */
const char       *lancer_alert_kind_to_channel (LancerAlertKind        kind);
gboolean          lancer_alert_kind_from_channel (const char          *channel,
                                               LancerAlertKind        *kind);

/* What was sent before (from notifications_sent): @key is the job id or
 * "story:<id>"; @sent_at counts towards the hourly cap if recent. */
void              lancer_alert_policy_remember (LancerAlertPolicy     *self,
                                               const char             *key,
                                               LancerAlertKind         kind,
                                               gint64                  sent_at);
gboolean          lancer_alert_policy_was_sent (LancerAlertPolicy     *self,
                                               const char             *key);

gboolean          lancer_alert_policy_is_quiet (LancerAlertPolicy     *self);
/* Quiet hours only (not a pause): new jobs are held for the digest. */
gboolean          lancer_alert_policy_in_quiet_hours (LancerAlertPolicy *self);
/* Seconds until the current quiet hours end; 0 outside them. */
gint64            lancer_alert_policy_quiet_remaining (LancerAlertPolicy *self);
/* The verdict for one job, without remembering it. */
LancerAlertVerdict lancer_alert_policy_check_job (LancerAlertPolicy   *self,
                                               const LancerAlertJob   *job);
/* Decides a batch of new jobs and remembers those sent, summarised and
 * held (the caller persists them). Quiet hours and pauses send nothing;
 * what quiet hours stop is held for one digest when they end. */
LancerAlertDecision *lancer_alert_policy_decide_jobs (LancerAlertPolicy *self,
                                               GPtrArray              *jobs);
/* New client messages (story ids) under their own cap; returns the ids to
 * alert for, remembered; the rest are dropped into *@n_more. */
GStrv             lancer_alert_policy_decide_messages (LancerAlertPolicy *self,
                                               const char * const     *story_ids,
                                               guint                  *n_more);

G_END_DECLS
