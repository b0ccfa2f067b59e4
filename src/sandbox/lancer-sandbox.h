/* lancer-sandbox.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The embedded sandbox: one SoupServer on loopback, running on its own
 * thread with its own main context (so a caller that blocks, or a test that
 * waits for a child process, never starves it). It speaks Upwork's OAuth 2.0
 * endpoints and the GraphQL subset Lancer uses, with generated data that has
 * the real API's quirks, and (when built in) the demo AI of
 * lancer-sandbox-ai.h. Every public function is thread-safe.
 *
 * Paths:
 *   GET  /ab/account-security/oauth2/authorize   302 → redirect_uri?code=…&state=…
 *   POST /api/v3/oauth2/token                    form body, client credentials required
 *   POST /graphql                                Bearer token, X-Upwork-API-TenantId
 *   GET|POST /__sandbox/fault?fault=NAME&times=N&operation=OP
 *                                 &missing-scopes=a,b&retry-after=S&slow-ms=MS
 *   POST /__sandbox/expire-tokens, /__sandbox/revoke-tokens, /__sandbox/add-jobs?n=N
 *   GET  /__sandbox/stats                       JSON request counters
 */

#define LANCER_SANDBOX_CLIENT_ID      "sandbox-client-id"
#define LANCER_SANDBOX_CLIENT_SECRET  "sandbox-client-secret"
#define LANCER_SANDBOX_USER_NAME      "Demo Freelancer"

typedef enum
{
  LANCER_SANDBOX_FAULT_NONE,
  LANCER_SANDBOX_FAULT_RATE_LIMIT,            /* 429 with Retry-After */
  LANCER_SANDBOX_FAULT_RATE_LIMIT_BARE,       /* 429 without Retry-After, empty body */
  LANCER_SANDBOX_FAULT_SERVER_ERROR,          /* 503 */
  LANCER_SANDBOX_FAULT_SLOW,                  /* answers after slow-ms */
  LANCER_SANDBOX_FAULT_TRUNCATED_JSON,        /* 200, body cut in half */
  LANCER_SANDBOX_FAULT_MALFORMED_JSON,        /* 200, not JSON at all */
  LANCER_SANDBOX_FAULT_HTML_CHALLENGE,        /* 403 text/html "Just a moment..." */
  LANCER_SANDBOX_FAULT_EXPIRED_TOKEN,         /* 401 whatever the token */
  LANCER_SANDBOX_FAULT_FORBIDDEN,             /* 403 JSON */
  LANCER_SANDBOX_FAULT_INVALID_GRANT,         /* token endpoint: 400 invalid_grant */
} LancerSandboxFault;

/* Resources whose scope can be withheld (lancer_sandbox_set_missing_scopes). */
#define LANCER_SANDBOX_SCOPE_JOBS       "jobs"
#define LANCER_SANDBOX_SCOPE_PROPOSALS  "proposals"
#define LANCER_SANDBOX_SCOPE_MESSAGES   "messages"
#define LANCER_SANDBOX_SCOPE_CONTRACTS  "contracts"
#define LANCER_SANDBOX_SCOPE_DIARY      "diary"
#define LANCER_SANDBOX_SCOPE_EARNINGS   "earnings"
#define LANCER_SANDBOX_SCOPE_SUBMIT     "submit"

#define LANCER_TYPE_SANDBOX (lancer_sandbox_get_type ())

G_DECLARE_FINAL_TYPE (LancerSandbox, lancer_sandbox, LANCER, SANDBOX, GObject)

/* @seed makes the generated data reproducible; @n_jobs is the size of the
 * job corpus at start (new ones appear with lancer_sandbox_add_jobs() or
 * lancer_sandbox_set_new_job_interval()). Registers the Upwork handlers and,
 * when the AI sandbox is built in, the AI handlers. */
LancerSandbox *lancer_sandbox_new                   (guint32              seed,
                                                     guint                n_jobs);
/* lancer_sandbox_new() and lancer_sandbox_start() on any free port, in a
 * worker thread: generating the jobs takes a while. */
void           lancer_sandbox_new_async             (guint32              seed,
                                                     guint                n_jobs,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
LancerSandbox *lancer_sandbox_new_finish            (GAsyncResult        *result,
                                                     GError             **error);
/* Listens on 127.0.0.1:@port (0: any free port) on the sandbox thread. */
gboolean       lancer_sandbox_start                 (LancerSandbox       *self,
                                                     guint                port,
                                                     GError             **error);
void           lancer_sandbox_stop                  (LancerSandbox       *self);
/* "http://127.0.0.1:PORT" (no trailing slash), or NULL before start. */
const char    *lancer_sandbox_get_base_url          (LancerSandbox       *self);
char          *lancer_sandbox_dup_authorize_url     (LancerSandbox       *self);
char          *lancer_sandbox_dup_token_url         (LancerSandbox       *self);
char          *lancer_sandbox_dup_graphql_url       (LancerSandbox       *self);
/* Sets LANCER_UPWORK_{AUTHORIZE,TOKEN,GRAPHQL}_URL for this process (and
 * the children it spawns) to point at the sandbox. */
void           lancer_sandbox_export_env            (LancerSandbox       *self);
/* The AI sandbox object, or NULL when it is not built in. */
GObject       *lancer_sandbox_get_ai                (LancerSandbox       *self);

/* The fault hits the next @times matching requests (0: until cleared).
 * @operation: NULL for every GraphQL request, "token" for the token
 * endpoint, or a root field ("vendorProposals", "roomList", …). */
void           lancer_sandbox_set_fault             (LancerSandbox       *self,
                                                     LancerSandboxFault   fault,
                                                     guint                times,
                                                     const char          *operation);
/* The armed fault lets the first @requests matching requests through
 * (a failure on a later page). Call after lancer_sandbox_set_fault(). */
void           lancer_sandbox_set_fault_skip        (LancerSandbox       *self,
                                                     guint                requests);
void           lancer_sandbox_clear_faults          (LancerSandbox       *self);
/* Parses "rate-limit", "server-error", … (the nicks the control endpoint takes). */
gboolean       lancer_sandbox_fault_from_string     (const char          *name,
                                                     LancerSandboxFault  *fault);
void           lancer_sandbox_set_retry_after       (LancerSandbox       *self,
                                                     guint                seconds);
void           lancer_sandbox_set_slow_delay        (LancerSandbox       *self,
                                                     guint                ms);
/* Comma-separated LANCER_SANDBOX_SCOPE_* the key lacks; NULL or "" for none. */
void           lancer_sandbox_set_missing_scopes    (LancerSandbox       *self,
                                                     const char          *scopes);

/* Accept any client credentials, bearer and refresh token (demo profile). */
void           lancer_sandbox_set_lenient           (LancerSandbox       *self,
                                                     gboolean             lenient);
void           lancer_sandbox_set_token_lifetime    (LancerSandbox       *self,
                                                     guint                seconds);
/* How long a rotated-out refresh token keeps working (Upwork: 24 h). */
void           lancer_sandbox_set_refresh_grace     (LancerSandbox       *self,
                                                     guint                seconds);
/* Connection pages hold at most @items (Upwork: 50, the default); a
 * smaller cap makes a test page through rooms, stories, contracts… */
void           lancer_sandbox_set_page_cap          (LancerSandbox       *self,
                                                     guint                items);
/* vendorProposals answers VJCA-6 to pages above @items (default 20). */
void           lancer_sandbox_set_proposals_limit   (LancerSandbox       *self,
                                                     guint                items);
/* The demo profile's year: proposals over twelve months that narrow like
 * a real funnel, a year of payments, and the demo AI writing at a pace a
 * person can watch. Tests keep the small fixed history (off). */
void           lancer_sandbox_set_story             (LancerSandbox       *self,
                                                     gboolean             story);
/* Every access token issued so far now gets 401. */
void           lancer_sandbox_expire_access_tokens  (LancerSandbox       *self);
/* Every refresh token now gets invalid_grant. */
void           lancer_sandbox_revoke_refresh_tokens (LancerSandbox       *self);

/* New job postings (published now). */
void           lancer_sandbox_add_jobs              (LancerSandbox       *self,
                                                     guint                n);
/* Adds one job every @seconds (0: off). */
void           lancer_sandbox_set_new_job_interval  (LancerSandbox       *self,
                                                     guint                seconds);
guint          lancer_sandbox_get_n_jobs            (LancerSandbox       *self);

/* Requests seen for @operation (NULL: all GraphQL; "token"; a root field;
 * "tenant:ID": GraphQL requests sent with X-Upwork-API-TenantId: ID;
 * "invalid": GraphQL requests refused by the schema check, never run). */
guint          lancer_sandbox_get_n_requests        (LancerSandbox       *self,
                                                     const char          *operation);
/* When the last answer to GraphQL root field @operation was written out
 * to the client (g_get_monotonic_time () µs; 0: never): on loopback, its
 * last byte's arrival, for benchmarks. */
gint64         lancer_sandbox_get_replied_at        (LancerSandbox       *self,
                                                     const char          *operation);
/* Messages sent with createRoomStoryV2 to @room_id so far. */
guint          lancer_sandbox_get_n_sent_messages   (LancerSandbox       *self,
                                                     const char          *room_id);
/* The id of the first generated room (for tests and the demo). */
const char    *lancer_sandbox_get_first_room_id     (LancerSandbox       *self);

G_END_DECLS
