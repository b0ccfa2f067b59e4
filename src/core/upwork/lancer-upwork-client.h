/* lancer-upwork-client.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lancer-http.h"
#include "lancer-oauth.h"

G_BEGIN_DECLS

#define LANCER_UPWORK_ERROR (lancer_upwork_error_quark ())

typedef enum
{
  LANCER_UPWORK_ERROR_FAILED,
  LANCER_UPWORK_ERROR_NETWORK,        /* transient: could not connect */
  LANCER_UPWORK_ERROR_TIMEOUT,        /* transient */
  LANCER_UPWORK_ERROR_RATE_LIMITED,   /* transient: 429 after the retries */
  LANCER_UPWORK_ERROR_DAILY_LIMIT,    /* the day's request budget is used up */
  LANCER_UPWORK_ERROR_SERVER,         /* transient: 5xx after the retries */
  LANCER_UPWORK_ERROR_BAD_RESPONSE,   /* transient: HTML page, truncated or malformed JSON */
  LANCER_UPWORK_ERROR_UNAUTHORIZED,   /* 401 even after a refresh */
  LANCER_UPWORK_ERROR_FORBIDDEN,      /* 403 */
  LANCER_UPWORK_ERROR_MISSING_SCOPE,  /* the API key lacks a permission */
  LANCER_UPWORK_ERROR_GRAPHQL,        /* another errors[] entry */
  LANCER_UPWORK_ERROR_NOT_FOUND,
  LANCER_UPWORK_ERROR_CIRCUIT_OPEN,   /* transient: the endpoint failed repeatedly; paused */
  LANCER_UPWORK_ERROR_PAGE_TOO_LARGE, /* VJCA-6: ask again with a smaller page */
} LancerUpworkError;

GQuark       lancer_upwork_error_quark          (void);
/* TRUE for errors worth retrying later (network, timeouts, 429, 5xx, HTML). */
gboolean     lancer_upwork_error_is_transient   (const GError *error);
/* The key permission (as the key page names it) a resource needs. */
const char  *lancer_upwork_resource_permission  (const char   *resource);

/* Queries compiled into the binary (queries/NAME.graphql). Returns NULL for
 * an unknown name. */
const char  *lancer_upwork_get_query            (const char   *name);
/* The resource a query belongs to (jobs, proposals, messages, …). */
const char  *lancer_upwork_query_resource       (const char   *name);

#define LANCER_UPWORK_DAILY_BUDGET 40000
#define LANCER_UPWORK_RATE_PER_SECOND 5.0

#define LANCER_TYPE_UPWORK_CLIENT (lancer_upwork_client_get_type ())

G_DECLARE_FINAL_TYPE (LancerUpworkClient, lancer_upwork_client, LANCER, UPWORK_CLIENT, GObject)

/* The GraphQL client. Properties: "requests-today" (guint, for
 * Preferences), "daily-budget" (guint), "tenant-id" (string). Signal
 * "partial-result" (query, resource, description): an answer kept although
 * some of its fields failed on Upwork's side. */
LancerUpworkClient *lancer_upwork_client_new            (LancerOAuth          *oauth);
LancerOAuth *lancer_upwork_client_get_oauth             (LancerUpworkClient   *self);
void         lancer_upwork_client_set_graphql_url       (LancerUpworkClient   *self,
                                                         const char           *url);
/* The organization sent as X-Upwork-API-TenantId; NULL: the default one. */
void         lancer_upwork_client_set_tenant_id         (LancerUpworkClient   *self,
                                                         const char           *organization_id);
const char  *lancer_upwork_client_get_tenant_id         (LancerUpworkClient   *self);
void         lancer_upwork_client_set_rate_limit        (LancerUpworkClient   *self,
                                                         double                per_second,
                                                         guint                 burst);
void         lancer_upwork_client_set_daily_budget      (LancerUpworkClient   *self,
                                                         guint                 budget);
guint        lancer_upwork_client_get_requests_today    (LancerUpworkClient   *self);
/* When a pause Upwork asked for (a long Retry-After) ends, in unix
 * seconds; 0 when none is in force. Property "resume-at". */
gint64       lancer_upwork_client_get_resume_at         (LancerUpworkClient   *self);
/* Where the day's request count is kept across runs (a small key file). */
void         lancer_upwork_client_set_usage_file        (LancerUpworkClient   *self,
                                                         const char           *path);
void         lancer_upwork_client_set_retry_policy      (LancerUpworkClient   *self,
                                                         const LancerHttpRetryPolicy *policy);
/* @io_timeout_s covers connecting and each read/write; @inactivity_ms
 * cancels a response that stops arriving. */
void         lancer_upwork_client_set_timeouts          (LancerUpworkClient   *self,
                                                         guint                 io_timeout_s,
                                                         guint                 inactivity_ms);
void         lancer_upwork_client_set_circuit_breaker   (LancerUpworkClient   *self,
                                                         guint                 threshold,
                                                         guint                 cooldown_ms);

/* Runs the compiled query @name with @variables (may be NULL; not taken).
 * Returns the `data` object (transfer full). */
void         lancer_upwork_client_query_async           (LancerUpworkClient   *self,
                                                         const char           *name,
                                                         JsonNode             *variables,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
JsonNode    *lancer_upwork_client_query_finish          (LancerUpworkClient   *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* Reads an answer's `data` object into the caller's own value, on a worker
 * thread. Returns the value, or NULL with @error set. */
typedef gpointer (*LancerUpworkReadFunc) (JsonNode  *data,
                                          GError   **error);

/* Like query_async, but the answer is parsed, read by @read and freed off
 * the caller's thread; _finish returns what @read returned (@read NULL: the
 * `data` object, as query_async does). */
void         lancer_upwork_client_query_read_async      (LancerUpworkClient   *self,
                                                         const char           *name,
                                                         JsonNode             *variables,
                                                         LancerUpworkReadFunc  read,
                                                         GDestroyNotify        read_free,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gpointer     lancer_upwork_client_query_read_finish     (LancerUpworkClient   *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

G_END_DECLS
