/* lancer-sandbox-private.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-sandbox.h"

G_BEGIN_DECLS

typedef struct
{
  char       *id;
  char       *message;      /* NULL: attachment-only story */
  const char *user_id;      /* static: the user's or a demo client's */
  const char *user_name;
  gint64      created_ms;
  gboolean    raw_date;     /* emitted as {rawValue} instead of an ISO string */
} LancerSandboxStory;

typedef struct
{
  char      *id;
  char      *name;
  char      *topic;
  char      *contract_id;
  guint      unread;
  GPtrArray *stories;   /* LancerSandboxStory, oldest first */
  guint      n_sent;
} LancerSandboxRoom;

struct _LancerSandbox
{
  GObject             parent_instance;

  GMutex              mutex;
  guint32             seed;
  GThread            *thread;
  GMainContext       *context;
  GMainLoop          *loop;
  SoupServer         *server;
  char               *base_url;
  GObject            *ai;

  /* faults */
  LancerSandboxFault  fault;
  guint               fault_times;
  guint               fault_skip;      /* matching requests let through first */
  char               *fault_operation;
  guint               retry_after_s;
  guint               slow_ms;
  GHashTable         *missing_scopes;
  guint               page_cap;         /* items per connection page, at most */
  guint               proposals_limit;  /* vendorProposals: VJCA-6 above this */
  gboolean            story;            /* the demo's year of history */

  /* OAuth */
  gboolean            lenient;
  guint               token_lifetime_s;
  guint               refresh_grace_s;
  GHashTable         *codes;            /* code → LancerSandboxCode */
  GHashTable         *access_tokens;    /* token → gint64* expiry (unix s) */
  GHashTable         *refresh_tokens;   /* token → gint64* expiry (unix s) */
  guint               token_serial;

  /* data */
  GArray             *job_posted;       /* gint64 unix s per job index */
  guint               new_job_interval;
  GSource            *new_job_source;
  GPtrArray          *rooms;            /* LancerSandboxRoom */
  guint               story_serial;
  guint               proposal_serial;
  GHashTable         *counters;         /* operation → GUINT */
  GHashTable         *replied_at;       /* operation → gint64* monotonic µs of its last answer written */
};

/* lancer-sandbox-upwork.c; called with the mutex NOT held. */
void      lancer_sandbox_upwork_init_data  (LancerSandbox *self);
void      lancer_sandbox_upwork_free_data  (LancerSandbox *self);
void      lancer_sandbox_upwork_attach     (LancerSandbox *self,
                                            SoupServer    *server);
/* Called with the mutex held. */
void      lancer_sandbox_upwork_add_jobs_locked (LancerSandbox *self,
                                                 guint          n);

/* lancer-sandbox.c, mutex held: consumes one hit of the fault that applies
 * to @operation and returns it (NONE if none). */
LancerSandboxFault lancer_sandbox_take_fault_locked (LancerSandbox *self,
                                                     const char    *operation);
void      lancer_sandbox_count_locked       (LancerSandbox *self,
                                             const char    *operation);
/* Notes when @msg's answer has been written (lancer_sandbox_get_replied_at).
 * Mutex NOT held. */
void      lancer_sandbox_stamp_reply        (LancerSandbox     *self,
                                             SoupServerMessage *msg,
                                             const char        *operation);
/* Answers @msg with @fault; returns FALSE for NONE. Mutex NOT held. */
gboolean  lancer_sandbox_apply_fault        (LancerSandbox     *self,
                                             SoupServerMessage *msg,
                                             LancerSandboxFault fault,
                                             const char        *body_for_truncation);

G_END_DECLS
