/* lancer-upwork-parse.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lancer-job.h"

G_BEGIN_DECLS

/* JSON → model structs for Upwork's GraphQL answers. Every parser takes the
 * `data` object of a response (or the whole response; a top-level "data"
 * member is followed), tolerates nulls, missing fields, money as strings
 * or numbers, and the mixed date formats of upwork-api.md §3, and never
 * crashes on bad input: what cannot be read is skipped or left unknown.
 * A parser returns NULL with @error set only when the shape is unusable. */

#define LANCER_UPWORK_PARSE_ERROR (lancer_upwork_parse_error_quark ())

typedef enum
{
  LANCER_UPWORK_PARSE_ERROR_INVALID,
} LancerUpworkParseError;

GQuark    lancer_upwork_parse_error_quark  (void);

typedef struct
{
  char     *end_cursor;     /* NULL at the end */
  gboolean  has_next;
  gint64    total_count;    /* -1 when unknown */
} LancerUpworkPageInfo;

void      lancer_upwork_page_info_clear    (LancerUpworkPageInfo *info);

typedef struct
{
  char *id;
  char *title;
  char *type;               /* FREELANCER, AGENCY, … */
} LancerUpworkOrg;

typedef struct
{
  char      *id;
  char      *nid;
  char      *name;
  char      *email;
  char      *organization_id;   /* current tenant */
  GPtrArray *organizations;     /* LancerUpworkOrg */
} LancerUpworkUser;

typedef struct
{
  char   *id;
  char   *job_id;
  char   *job_title;
  char   *status;         /* Lancer's spelling of Upwork's status (lancer-upwork-enums.h) */
  double  charge_rate;    /* NAN when unknown */
  char   *currency;
  char   *cover_letter;
  gint64  created_at;     /* unix s, 0 when unknown */
  gint64  modified_at;
} LancerUpworkProposal;

typedef struct
{
  char   *id;
  char   *name;
  char   *topic;
  char   *contract_id;
  guint   unread;
  gint64  last_activity_at;
  char   *latest_story_id;  /* NULL when the room has none */
} LancerUpworkRoom;

typedef struct
{
  char   *id;
  char   *room_id;
  char   *sender_id;
  char   *sender;
  char   *message;        /* NULL for attachment-only stories */
  gint64  created_at;
} LancerUpworkStory;

typedef struct
{
  char     *id;
  char     *title;
  char     *status;
  gboolean  hourly;
  double    hourly_rate;   /* NAN when unknown */
  double    fixed_amount;  /* NAN when unknown */
  gint64    started_at;
  gint64    ended_at;      /* 0: open */
  double    total_charge;
  double    hours;
} LancerUpworkContract;

typedef struct
{
  char   *contract_id;
  char   *day;            /* YYYY-MM-DD */
  guint   minutes;
  char   *memo;           /* memos of the day, joined by newlines; may be NULL */
} LancerUpworkDiaryDay;

typedef struct
{
  char   *id;
  char   *kind;           /* Lancer's spelling (lancer-upwork-enums.h) */
  char   *subtype;        /* likewise; NULL when Upwork gave none */
  double  amount;
  char   *currency;
  char   *description;
  gint64  occurred_at;
} LancerUpworkTransaction;

void lancer_upwork_user_free         (LancerUpworkUser        *user);
void lancer_upwork_org_free          (LancerUpworkOrg         *org);
void lancer_upwork_proposal_free     (LancerUpworkProposal    *proposal);
void lancer_upwork_room_free         (LancerUpworkRoom        *room);
void lancer_upwork_story_free        (LancerUpworkStory       *story);
void lancer_upwork_contract_free     (LancerUpworkContract    *contract);
void lancer_upwork_diary_day_free    (LancerUpworkDiaryDay    *day);
void lancer_upwork_transaction_free  (LancerUpworkTransaction *transaction);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerUpworkUser, lancer_upwork_user_free)

/* Parses "2025-10-16T06:06:47+0000", ISO 8601 with Z/offset/fractions,
 * "yyyy-MM-dd", "yyyyMMdd", epoch milliseconds (number or string) and
 * {rawValue: …} objects. Returns unix seconds, or 0 when unknown. */
gint64     lancer_upwork_parse_datetime     (JsonNode      *node);
/* Money as {rawValue}, a string or a number; NAN when unknown. */
double     lancer_upwork_parse_money        (JsonNode      *node);
/* Full English name for an ISO 3166 alpha-3 code; else @country itself. */
const char *lancer_upwork_normalize_country (const char    *country);

LancerUpworkUser *lancer_upwork_parse_user  (JsonNode      *data,
                                             GError       **error);
/* Element type LancerJob. */
GPtrArray *lancer_upwork_parse_jobs         (JsonNode      *data,
                                             LancerUpworkPageInfo *page,
                                             GError       **error);
/* marketplaceJobPosting → a LancerJob with what the details hold. */
LancerJob *lancer_upwork_parse_job_details  (JsonNode      *data,
                                             GError       **error);
GPtrArray *lancer_upwork_parse_proposals    (JsonNode      *data,
                                             LancerUpworkPageInfo *page,
                                             GError       **error);
GPtrArray *lancer_upwork_parse_rooms        (JsonNode      *data,
                                             LancerUpworkPageInfo *page,
                                             GError       **error);
GPtrArray *lancer_upwork_parse_stories      (JsonNode      *data,
                                             const char    *room_id,
                                             LancerUpworkPageInfo *page,
                                             GError       **error);
/* createRoomStoryV2 */
LancerUpworkStory *lancer_upwork_parse_sent_story (JsonNode *data,
                                             const char    *room_id,
                                             GError       **error);
/* @total_count: totalCount, -1 when absent (may be NULL) */
GPtrArray *lancer_upwork_parse_contracts    (JsonNode      *data,
                                             gint64        *total_count,
                                             GError       **error);
/* workDays → "YYYY-MM-DD" strings */
GStrv      lancer_upwork_parse_work_days    (JsonNode      *data,
                                             GError       **error);
LancerUpworkDiaryDay *lancer_upwork_parse_diary_day (JsonNode *data,
                                             const char    *contract_id,
                                             const char    *day,
                                             GError       **error);
char      *lancer_upwork_parse_accounting_id (JsonNode     *data,
                                             GError       **error);
GPtrArray *lancer_upwork_parse_transactions (JsonNode      *data,
                                             GError       **error);

G_END_DECLS
