/* lancer-alert.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LANCER_ALERT_JOB,             /* one new job */
  LANCER_ALERT_JOBS_SUMMARY,    /* "N more new jobs" (over the hourly cap) */
  LANCER_ALERT_MESSAGE,         /* one new client message */
  LANCER_ALERT_MESSAGES_SUMMARY,
  LANCER_ALERT_NOTICE,          /* something the user must know (a channel turned off) */
} LancerAlertType;

/* One alert as every channel sends it. A redacted alert (the app is
 * locked) carries no job title, client name, message text, link or id. */
typedef struct
{
  LancerAlertType  type;
  char            *id;          /* notification id, unique per alert */
  char            *title;
  char            *body;
  char            *url;         /* the job's Upwork link, or NULL */
  char            *job_id;
  char            *room_id;
  guint            count;       /* jobs or messages it stands for */
  double           score;       /* NAN when unknown */
  gboolean         redacted;
  char            *action;      /* notices: the app action that fixes it, or NULL */
  char            *action_label;
  /* Jobs: the facts templates and per-channel rules use (NULL otherwise). */
  char            *budget;      /* "$500 fixed", "$30–$50/h" */
  char            *proposals;   /* "12 proposals" */
  char            *client;      /* "United States · $12k spent · 4.9★ · payment verified" */
  GStrv            searches;    /* the saved searches that matched */
} LancerAlert;

/* The score threshold at which a job asks for attention (tray). */
#define LANCER_ALERT_HIGH_SCORE 80.0

LancerAlert *lancer_alert_new_job           (const char   *job_id,
                                             const char   *title,
                                             const char   *details,
                                             const char   *url,
                                             double        score);
LancerAlert *lancer_alert_new_jobs_summary  (guint         n);
LancerAlert *lancer_alert_new_message       (const char   *story_id,
                                             const char   *room_id,
                                             const char   *sender,
                                             const char   *topic,
                                             const char   *text);
LancerAlert *lancer_alert_new_messages_summary (guint      n);
/* While locked: one generic alert for @n jobs (or @n messages). */
LancerAlert *lancer_alert_new_redacted      (LancerAlertType type,
                                             guint         n);
LancerAlert *lancer_alert_new_notice        (const char   *id,
                                             const char   *title,
                                             const char   *body);
/* The first sync is an import, not news: one notice with its counts. */
LancerAlert *lancer_alert_new_first_sync    (guint         jobs,
                                             guint         rooms);
/* What a test through @channel ("telegram", "email", …) sends. */
LancerAlert *lancer_alert_new_test          (const char   *channel);
/* A notice whose button runs @action ("app.connect-upwork"). */
void         lancer_alert_set_action        (LancerAlert  *alert,
                                             const char   *action,
                                             const char   *label);
/* Jobs: the facts behind the body, for templates and channel rules. */
void         lancer_alert_set_job_facts     (LancerAlert  *alert,
                                             const char   *budget,
                                             const char   *proposals,
                                             const char   *client,
                                             const char * const *searches);
LancerAlert *lancer_alert_copy              (const LancerAlert *alert);
/* Whether a saved search named in @a is named in @b too; names match
 * case-insensitively, and a NULL list names none. */
gboolean     lancer_alert_searches_overlap  (const char * const *a,
                                             const char * const *b);
/* One alert standing for jobs that arrived in quiet hours: @jobs (element
 * type LancerAlert, job alerts) are listed in the body. */
LancerAlert *lancer_alert_new_digest        (GPtrArray    *jobs);
void         lancer_alert_free              (LancerAlert  *alert);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerAlert, lancer_alert_free)

/* Turns the alerts of one batch into what may be shown while locked: the
 * job alerts become one "N new jobs match your searches", the message
 * alerts one "N new messages"; notices stay. Returns a new array. */
GPtrArray   *lancer_alert_redact_batch      (GPtrArray    *alerts);

G_END_DECLS
