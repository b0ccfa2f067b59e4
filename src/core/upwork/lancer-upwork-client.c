/* lancer-upwork-client.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-upwork"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "lancer-circuit-breaker.h"
#include "lancer-rate-limiter.h"
#include "lancer-thread.h"
#include "lancer-upwork-client.h"
#include "lancer-upwork-resources.h"

/* GraphQL over libsoup (upwork-api.md §3, §5): every request passes the
 * circuit breaker of its endpoint, the daily budget and the 10/s token
 * bucket, gets a fresh access token (refreshed once on 401), and is
 * retried on 429/5xx/HTML/truncated bodies with Retry-After or jittered
 * exponential back-off. Errors in an HTTP 200 become GErrors; a missing
 * scope names the key permission to enable. Bodies are never logged. */

#define MAX_BODY_BYTES (32 * 1024 * 1024)

struct _LancerUpworkClient
{
  GObject               parent_instance;

  LancerOAuth          *oauth;
  SoupSession          *session;
  char                 *graphql_url;
  char                 *tenant_id;
  LancerRateLimiter    *limiter;
  LancerCircuitBreaker *breaker;
  LancerHttpRetryPolicy policy;
  guint                 inactivity_ms;
  char                 *usage_file;
  guint                 save_id;
  gint64                resume_at;       /* unix s: Upwork asked for a pause until then */
};

G_DEFINE_FINAL_TYPE (LancerUpworkClient, lancer_upwork_client, G_TYPE_OBJECT)
G_DEFINE_QUARK (lancer-upwork-error-quark, lancer_upwork_error)

enum {
  PROP_0,
  PROP_REQUESTS_TODAY,
  PROP_DAILY_BUDGET,
  PROP_TENANT_ID,
  PROP_RESUME_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PARTIAL_RESULT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- queries and resources ---- */

static const struct {
  const char *query;
  const char *resource;
} query_resources[] = {
  { "me", "account" },
  { "search", "jobs" },
  { "job", "jobs" },
  { "proposals", "proposals" },
  { "rooms", "messages" },
  { "stories", "messages" },
  { "send-message", "messages" },
  { "contracts", "contracts" },
  { "work-days", "diary" },
  { "diary-day", "diary" },
  { "accounting", "earnings" },
  { "transactions", "earnings" },
  { "submit-proposal", "submit" },
};

const char *
lancer_upwork_query_resource (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (query_resources); i++)
    if (g_strcmp0 (query_resources[i].query, name) == 0)
      return query_resources[i].resource;
  return NULL;
}

const char *
lancer_upwork_get_query (const char *name)
{
  static GHashTable *cache;
  G_LOCK_DEFINE_STATIC (cache);
  GBytes *bytes;
  const char *text = NULL;

  if (lancer_upwork_query_resource (name) == NULL)
    return NULL;
  G_LOCK (cache);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  bytes = g_hash_table_lookup (cache, name);
  if (bytes == NULL)
    {
      g_autofree char *path = g_strdup_printf ("/io/github/lancerdesk/Lancer/upwork/%s.graphql", name);
      bytes = g_resource_lookup_data (lancer_upwork_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      if (bytes != NULL)
        g_hash_table_insert (cache, g_strdup (name), bytes);
    }
  if (bytes != NULL)
    text = g_bytes_get_data (bytes, NULL);
  G_UNLOCK (cache);
  return text;
}

/* What each resource needs of the API key, and how messages name it. */
static const struct { const char *resource, *permission, *label; } resource_texts[] = {
  /* first: what an unknown resource falls back to */
  { "account",   N_("Common Entities - Read-Only Access"),      N_("your account") },
  { "jobs",      N_("Read marketplace Job Postings"),           N_("jobs") },
  { "proposals", N_("Offer - Read-Only Access"),                N_("proposals") },
  { "messages",  N_("Messages - Read and Write Access"),        N_("messages") },
  { "contracts", N_("Talent Work History - Read-Only Access"),  N_("contracts") },
  { "diary",     N_("Time Sheet - Read-Only Access"),           N_("the work diary") },
  { "earnings",  N_("Transaction Data - Read-Only Access"),     N_("earnings") },
  { "submit",    N_("Submit Proposal"),                         N_("proposals") },
};

static guint
resource_index (const char *resource)
{
  for (guint i = 0; i < G_N_ELEMENTS (resource_texts); i++)
    if (g_strcmp0 (resource_texts[i].resource, resource) == 0)
      return i;
  return 0;
}

const char *
lancer_upwork_resource_permission (const char *resource)
{
  return _(resource_texts[resource_index (resource)].permission);
}

static const char *
resource_label (const char *resource)
{
  return _(resource_texts[resource_index (resource)].label);
}

gboolean
lancer_upwork_error_is_transient (const GError *error)
{
  if (error == NULL)
    return FALSE;
  if (error->domain == LANCER_UPWORK_ERROR)
    switch ((LancerUpworkError) error->code)
      {
      case LANCER_UPWORK_ERROR_NETWORK:
      case LANCER_UPWORK_ERROR_TIMEOUT:
      case LANCER_UPWORK_ERROR_RATE_LIMITED:
      case LANCER_UPWORK_ERROR_SERVER:
      case LANCER_UPWORK_ERROR_BAD_RESPONSE:
      case LANCER_UPWORK_ERROR_CIRCUIT_OPEN:
        return TRUE;
      default:
        return FALSE;
      }
  if (error->domain == LANCER_OAUTH_ERROR)
    return error->code == LANCER_OAUTH_ERROR_TRANSIENT;
  return lancer_http_error_is_retryable (error);
}

/* ---- object ---- */

/* "DAY COUNT RESUME_AT": the day's requests and a pause Upwork asked for,
 * kept across runs so that the next lancer-cli or app start honours it. */
static char *
usage_text (LancerUpworkClient *self)
{
  g_autofree char *limiter = lancer_rate_limiter_serialize (self->limiter);

  return g_strdup_printf ("%s %" G_GINT64_FORMAT, limiter, self->resume_at);
}

static void
save_usage_now (LancerUpworkClient *self)
{
  g_autofree char *text = NULL;
  g_autofree char *dir = NULL;

  if (self->usage_file == NULL)
    return;
  text = usage_text (self);
  dir = g_path_get_dirname (self->usage_file);
  g_mkdir_with_parents (dir, 0700);
  if (!g_file_set_contents_full (self->usage_file, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL))
    g_debug ("could not save the request count");
}

static void
save_usage_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  char **pair = task_data;

  g_file_set_contents_full (pair[0], pair[1], -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL);
  g_task_return_boolean (task, TRUE);
}

static gboolean
save_usage_cb (gpointer data)
{
  LancerUpworkClient *self = data;
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
  char **pair = g_new0 (char *, 3);

  self->save_id = 0;
  pair[0] = g_strdup (self->usage_file);
  pair[1] = usage_text (self);
  g_task_set_task_data (task, pair, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, save_usage_in_thread);
  return G_SOURCE_REMOVE;
}

static void
lancer_upwork_client_dispose (GObject *object)
{
  LancerUpworkClient *self = (LancerUpworkClient *)object;

  if (self->save_id != 0)
    {
      g_clear_handle_id (&self->save_id, g_source_remove);
      save_usage_now (self);
    }
  g_clear_object (&self->oauth);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (lancer_upwork_client_parent_class)->dispose (object);
}

static void
lancer_upwork_client_finalize (GObject *object)
{
  LancerUpworkClient *self = (LancerUpworkClient *)object;

  g_free (self->graphql_url);
  g_free (self->tenant_id);
  g_free (self->usage_file);
  lancer_rate_limiter_free (self->limiter);
  lancer_circuit_breaker_free (self->breaker);
  G_OBJECT_CLASS (lancer_upwork_client_parent_class)->finalize (object);
}

static void
lancer_upwork_client_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LancerUpworkClient *self = LANCER_UPWORK_CLIENT (object);

  switch (prop_id)
    {
    case PROP_REQUESTS_TODAY:
      g_value_set_uint (value, lancer_upwork_client_get_requests_today (self));
      break;
    case PROP_DAILY_BUDGET:
      g_value_set_uint (value, lancer_rate_limiter_get_daily_budget (self->limiter));
      break;
    case PROP_TENANT_ID:
      g_value_set_string (value, self->tenant_id);
      break;
    case PROP_RESUME_AT:
      g_value_set_int64 (value, self->resume_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_upwork_client_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LancerUpworkClient *self = LANCER_UPWORK_CLIENT (object);

  switch (prop_id)
    {
    case PROP_DAILY_BUDGET:
      lancer_upwork_client_set_daily_budget (self, g_value_get_uint (value));
      break;
    case PROP_TENANT_ID:
      lancer_upwork_client_set_tenant_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_upwork_client_class_init (LancerUpworkClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lancer_upwork_client_dispose;
  object_class->finalize = lancer_upwork_client_finalize;
  object_class->get_property = lancer_upwork_client_get_property;
  object_class->set_property = lancer_upwork_client_set_property;

  properties[PROP_REQUESTS_TODAY] =
    g_param_spec_uint ("requests-today", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DAILY_BUDGET] =
    g_param_spec_uint ("daily-budget", NULL, NULL, 0, G_MAXUINT, LANCER_UPWORK_DAILY_BUDGET,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TENANT_ID] =
    g_param_spec_string ("tenant-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESUME_AT] =
    g_param_spec_int64 ("resume-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (query, resource, what failed): an answer came with some fields
   * Upwork could not fill; the data was kept. */
  signals[PARTIAL_RESULT] =
    g_signal_new ("partial-result", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

static void
lancer_upwork_client_init (LancerUpworkClient *self)
{
  /* 5 a second sustained keeps within both published limits (10/s, and
   * 300/min per IP); a burst of 5 lets a sync start without waiting. */
  self->limiter = lancer_rate_limiter_new (LANCER_UPWORK_RATE_PER_SECOND, 5, LANCER_UPWORK_DAILY_BUDGET);
  self->breaker = lancer_circuit_breaker_new (5, 60 * 1000);
  lancer_http_retry_policy_init (&self->policy);
  self->policy.max_retries = 3;
  self->inactivity_ms = 30 * 1000;
}

LancerUpworkClient *
lancer_upwork_client_new (LancerOAuth *oauth)
{
  LancerUpworkClient *self;

  g_return_val_if_fail (LANCER_IS_OAUTH (oauth), NULL);

  self = g_object_new (LANCER_TYPE_UPWORK_CLIENT, NULL);
  self->oauth = g_object_ref (oauth);
  lancer_upwork_client_set_graphql_url (self, lancer_oauth_default_graphql_url ());
  return self;
}

LancerOAuth *
lancer_upwork_client_get_oauth (LancerUpworkClient *self)
{
  g_return_val_if_fail (LANCER_IS_UPWORK_CLIENT (self), NULL);
  return self->oauth;
}

void
lancer_upwork_client_set_graphql_url (LancerUpworkClient *self,
                                      const char         *url)
{
  g_return_if_fail (LANCER_IS_UPWORK_CLIENT (self));
  g_return_if_fail (url != NULL);

  g_free (self->graphql_url);
  self->graphql_url = g_strdup (url);
  g_clear_object (&self->session);
  self->session = lancer_http_session_new (url);
}

void
lancer_upwork_client_set_tenant_id (LancerUpworkClient *self,
                                    const char         *organization_id)
{
  g_return_if_fail (LANCER_IS_UPWORK_CLIENT (self));

  if (organization_id != NULL && *organization_id == '\0')
    organization_id = NULL;
  if (g_strcmp0 (self->tenant_id, organization_id) == 0)
    return;
  g_free (self->tenant_id);
  self->tenant_id = g_strdup (organization_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TENANT_ID]);
}

const char *
lancer_upwork_client_get_tenant_id (LancerUpworkClient *self)
{
  g_return_val_if_fail (LANCER_IS_UPWORK_CLIENT (self), NULL);
  return self->tenant_id;
}

void
lancer_upwork_client_set_rate_limit (LancerUpworkClient *self,
                                     double              per_second,
                                     guint               burst)
{
  g_return_if_fail (LANCER_IS_UPWORK_CLIENT (self));
  lancer_rate_limiter_set_rate (self->limiter, per_second, burst);
}

void
lancer_upwork_client_set_daily_budget (LancerUpworkClient *self,
                                       guint               budget)
{
  g_return_if_fail (LANCER_IS_UPWORK_CLIENT (self));
  if (lancer_rate_limiter_get_daily_budget (self->limiter) == budget)
    return;
  lancer_rate_limiter_set_daily_budget (self->limiter, budget);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAILY_BUDGET]);
}

guint
lancer_upwork_client_get_requests_today (LancerUpworkClient *self)
{
  g_return_val_if_fail (LANCER_IS_UPWORK_CLIENT (self), 0);
  return lancer_rate_limiter_get_today (self->limiter, g_get_real_time () / G_USEC_PER_SEC);
}

void
lancer_upwork_client_set_usage_file (LancerUpworkClient *self,
                                     const char         *path)
{
  g_autofree char *text = NULL;

  g_return_if_fail (LANCER_IS_UPWORK_CLIENT (self));

  g_free (self->usage_file);
  self->usage_file = g_strdup (path);
  /* a few bytes, read once when the profile opens */
  if (path != NULL && g_file_get_contents (path, &text, NULL, NULL))
    {
      g_auto(GStrv) parts = g_strsplit (g_strstrip (text), " ", 3);

      lancer_rate_limiter_deserialize (self->limiter, text);
      if (g_strv_length (parts) == 3)
        self->resume_at = g_ascii_strtoll (parts[2], NULL, 10);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUESTS_TODAY]);
    }
}

void
lancer_upwork_client_set_retry_policy (LancerUpworkClient          *self,
                                       const LancerHttpRetryPolicy *policy)
{
  g_return_if_fail (LANCER_IS_UPWORK_CLIENT (self));
  g_return_if_fail (policy != NULL);
  self->policy = *policy;
}

void
lancer_upwork_client_set_timeouts (LancerUpworkClient *self,
                                   guint               io_timeout_s,
                                   guint               inactivity_ms)
{
  g_return_if_fail (LANCER_IS_UPWORK_CLIENT (self));
  if (io_timeout_s > 0)
    g_object_set (self->session, "timeout", io_timeout_s, NULL);
  self->inactivity_ms = inactivity_ms;
}

void
lancer_upwork_client_set_circuit_breaker (LancerUpworkClient *self,
                                          guint               threshold,
                                          guint               cooldown_ms)
{
  g_return_if_fail (LANCER_IS_UPWORK_CLIENT (self));
  lancer_circuit_breaker_configure (self->breaker, threshold, cooldown_ms);
  lancer_circuit_breaker_reset (self->breaker);
}

/* ---- one request ---- */

typedef struct
{
  char               *name;
  const char         *resource;
  char               *body;
  char               *token;
  guint               attempt;
  gboolean            refreshed;
  GCancellable       *cancellable;      /* ours: the watchdog cancels it */
  GCancellable       *user_cancellable;
  gulong              cancel_id;
  LancerHttpWatchdog *watchdog;
  SoupMessage        *msg;
  GInputStream       *stream;
  GByteArray         *buffer;
  guint               timeout_id;
  LancerUpworkReadFunc read;            /* NULL: the caller gets `data` */
  GDestroyNotify      read_free;
} Request;

static void
request_free (Request *req)
{
  g_clear_handle_id (&req->timeout_id, g_source_remove);
  if (req->cancel_id != 0)
    g_cancellable_disconnect (req->user_cancellable, req->cancel_id);
  g_clear_object (&req->user_cancellable);
  g_clear_object (&req->cancellable);
  g_clear_pointer (&req->watchdog, lancer_http_watchdog_free);
  g_clear_object (&req->msg);
  g_clear_object (&req->stream);
  g_clear_pointer (&req->buffer, g_byte_array_unref);
  if (req->token != NULL)
    memset (req->token, 0, strlen (req->token));
  g_free (req->token);
  g_free (req->name);
  g_free (req->body);
  g_free (req);
}

static void request_step (GTask *task);
static void request_send (GTask *task);

static LancerUpworkClient *
task_client (GTask *task)
{
  return g_task_get_source_object (task);
}

static void
fail (GTask     *task,
      gboolean   breaker_failure,
      GError    *error)
{
  LancerUpworkClient *self = task_client (task);
  Request *req = g_task_get_task_data (task);

  if (breaker_failure)
    lancer_circuit_breaker_record (self->breaker, req->name, FALSE, g_get_monotonic_time ());
  g_task_return_error (task, error);
  g_object_unref (task);
}

static gboolean
retry_timeout_cb (gpointer data)
{
  GTask *task = data;
  Request *req = g_task_get_task_data (task);

  req->timeout_id = 0;
  request_step (task);
  return G_SOURCE_REMOVE;
}

static void
schedule (GTask *task,
          guint  delay_ms,
          void (*next) (GTask *))
{
  Request *req = g_task_get_task_data (task);

  if (g_cancellable_is_cancelled (req->user_cancellable))
    {
      fail (task, FALSE, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled.")));
      return;
    }
  if (next == request_step)
    req->timeout_id = g_timeout_add (MAX (delay_ms, 1), retry_timeout_cb, task);
  else
    next (task);
}

/* Retries a transient failure if the policy allows; else fails with @error. */
static GError *
paused_error (LancerUpworkClient *self)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (self->resume_at);
  g_autofree char *text = g_date_time_format (when, "%Y-%m-%d %H:%M");

  return g_error_new (LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_RATE_LIMITED,
                      _("Upwork asked Lancer to pause until %s. Syncing resumes then, by itself."), text);
}

static void
schedule_save (LancerUpworkClient *self)
{
  if (self->usage_file != NULL && self->save_id == 0)
    self->save_id = g_timeout_add_seconds (2, save_usage_cb, self);
}

static void
retry_or_fail (GTask              *task,
               guint               status,
               SoupMessageHeaders *headers,
               GError             *error)
{
  LancerUpworkClient *self = task_client (task);
  Request *req = g_task_get_task_data (task);
  guint delay = 0;

  /* A Retry-After longer than Lancer would wait in a request is honoured
   * for every request until then: hammering a rate-limited API is what
   * gets keys banned. */
  if ((status == 429 || status == 503) && headers != NULL &&
      lancer_http_headers_get_retry_after (headers, NULL) > (gint64) self->policy.retry_after_cap_ms)
    {
      gint64 asked_ms = lancer_http_headers_get_retry_after (headers, NULL);

      self->resume_at = g_get_real_time () / G_USEC_PER_SEC + (asked_ms + 999) / 1000;
      schedule_save (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESUME_AT]);
      g_error_free (error);
      fail (task, FALSE, paused_error (self));
      return;
    }
  /* A submission spends Connects: never sent twice without the user. */
  if (lancer_http_should_retry (&self->policy, req->attempt, status, headers,
                                g_strcmp0 (req->resource, "submit") == 0, &delay))
    {
      g_debug ("%s: attempt %u failed (HTTP %u); retrying in %u ms", req->name, req->attempt + 1, status, delay);
      req->attempt++;
      g_error_free (error);
      schedule (task, delay, request_step);
      return;
    }
  fail (task, TRUE, error);
}

static GError *
classify_graphql_errors (Request   *req,
                         JsonArray *errors)
{
  JsonNode *first = json_array_get_length (errors) > 0 ? json_array_get_element (errors, 0) : NULL;
  const char *message = NULL;

  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonNode *e = json_array_get_element (errors, i);
      const char *m;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        continue;
      m = json_object_get_string_member_with_default (json_node_get_object (e), "message", NULL);
      if (m == NULL)
        continue;
      if (strstr (m, "permissions/scopes") != NULL || strstr (m, "Authorization failed") != NULL ||
          strstr (m, "has no access of any team") != NULL)
        return g_error_new (LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_MISSING_SCOPE,
                            _("Your Upwork API key lacks the “%s” permission, so %s can’t be synced. "
                              "Enable it for the key at https://www.upwork.com/developer/keys, then sign in again."),
                            lancer_upwork_resource_permission (req->resource), resource_label (req->resource));
    }
  if (first != NULL && JSON_NODE_HOLDS_OBJECT (first))
    message = json_object_get_string_member_with_default (json_node_get_object (first), "message", NULL);
  if (message != NULL && strstr (message, "VJCA-6") != NULL)
    return g_error_new (LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_PAGE_TOO_LARGE,
                        _("Upwork refused a page of %s as too large (VJCA-6)."), resource_label (req->resource));
  if (message != NULL && (strstr (message, "not found") != NULL || strstr (message, "Not Found") != NULL))
    return g_error_new (LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_NOT_FOUND,
                        _("Upwork could not find that item; it may have been removed."));
  return g_error_new (LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_GRAPHQL,
                      _("Upwork refused the request for %s: %s"), resource_label (req->resource),
                      message != NULL ? message : _("unknown error"));
}

static void
token_for_retry_cb (GObject      *source,
                    GAsyncResult *res,
                    gpointer      user_data);

/* An answer parsed off the caller's thread: a page of jobs is tens of
 * kilobytes of JSON, too much for a UI thread to parse, walk or free. */
typedef struct
{
  GByteArray           *buffer;
  guint                 status;
  LancerUpworkReadFunc  read;
  GDestroyNotify        read_free;
} ParseJob;

typedef struct
{
  JsonNode       *root;      /* NULL: not a JSON object */
  gboolean        partial;   /* data plus errors[] for single fields */
  gboolean        was_read;  /* `data` went through the read function */
  gpointer        value;
  GDestroyNotify  value_free;
  GError         *read_error;
} Parsed;

static void
parse_job_free (ParseJob *job)
{
  g_byte_array_unref (job->buffer);
  g_free (job);
}

static void
parsed_free (Parsed *parsed)
{
  g_clear_pointer (&parsed->root, json_node_unref);
  if (parsed->value != NULL && parsed->value_free != NULL)
    parsed->value_free (parsed->value);
  g_clear_error (&parsed->read_error);
  g_free (parsed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Parsed, parsed_free)

static gboolean
has_errors (JsonObject *root)
{
  JsonNode *errors = json_object_get_member (root, "errors");

  return errors != NULL && JSON_NODE_HOLDS_ARRAY (errors) &&
         json_array_get_length (json_node_get_array (errors)) > 0;
}

/* Upwork answers with `data` and `errors[]` when single fields failed on
 * its side; each such error carries the `path` of the field. That is a
 * partial result: the data is kept and the failed fields stay unknown.
 * A validation error, a permission error, an error without a path, or an
 * answer with no root field left fails the whole request (upwork-api.md,
 * "Partial results"). */
static gboolean
is_partial_result (JsonObject *root)
{
  JsonNode *data = json_object_get_member (root, "data");
  JsonArray *errors;

  gboolean some_data = FALSE;

  if (!has_errors (root) || data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    return FALSE;
  /* a root field that came: with none, there is nothing to keep */
  {
    g_autoptr(GList) members = json_object_get_values (json_node_get_object (data));

    for (GList *l = members; l != NULL && !some_data; l = l->next)
      some_data = !JSON_NODE_HOLDS_NULL ((JsonNode *) l->data);
  }
  if (!some_data)
    return FALSE;
  errors = json_object_get_array_member (root, "errors");
  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonNode *e = json_array_get_element (errors, i);
      JsonObject *o;
      JsonNode *path, *extensions;
      const char *message, *classification = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        return FALSE;
      o = json_node_get_object (e);
      path = json_object_get_member (o, "path");
      message = json_object_get_string_member_with_default (o, "message", "");
      extensions = json_object_get_member (o, "extensions");
      if (extensions != NULL && JSON_NODE_HOLDS_OBJECT (extensions))
        classification = json_object_get_string_member_with_default (json_node_get_object (extensions),
                                                                     "classification", NULL);
      if (path == NULL || !JSON_NODE_HOLDS_ARRAY (path) || json_array_get_length (json_node_get_array (path)) < 1 ||
          g_strcmp0 (classification, "ValidationError") == 0 || g_strcmp0 (classification, "InvalidSyntax") == 0 ||
          strstr (message, "permissions/scopes") != NULL || strstr (message, "Authorization failed") != NULL ||
          strstr (message, "has no access of any team") != NULL || strstr (message, "VJCA-6") != NULL)
        return FALSE;
    }
  return TRUE;
}

/* "edges/3/node/client/totalFeedback: Internal error", for the sync status. */
static char *
describe_partial (JsonObject *root)
{
  JsonArray *errors = json_object_get_array_member (root, "errors");
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (errors) && i < 3; i++)
    {
      JsonObject *o = json_node_get_object (json_array_get_element (errors, i));
      JsonArray *path = json_object_get_array_member (o, "path");

      if (out->len > 0)
        g_string_append (out, "; ");
      for (guint k = 0; k < json_array_get_length (path); k++)
        {
          JsonNode *step = json_array_get_element (path, k);

          if (k > 0)
            g_string_append_c (out, '/');
          if (json_node_get_value_type (step) == G_TYPE_STRING)
            g_string_append (out, json_node_get_string (step));
          else
            g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (step));
        }
      g_string_append_printf (out, ": %s", json_object_get_string_member_with_default (o, "message", ""));
    }
  if (json_array_get_length (errors) > 3)
    g_string_append_printf (out, "; …");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
parse_body_in_thread (GTask        *parse_task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  ParseJob *job = task_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  Parsed *parsed = g_new0 (Parsed, 1);
  JsonObject *root;
  JsonNode *data;

  lancer_thread_run_in_background ();
  if (job->buffer->len == 0 ||
      !json_parser_load_from_data (parser, (const char *) job->buffer->data, job->buffer->len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_task_return_pointer (parse_task, parsed, (GDestroyNotify) parsed_free);
      return;
    }
  parsed->root = json_parser_steal_root (parser);
  root = json_node_get_object (parsed->root);
  data = json_object_get_member (root, "data");
  parsed->partial = is_partial_result (root);
  if (job->read != NULL && job->status == 200 && (!has_errors (root) || parsed->partial) &&
      data != NULL && JSON_NODE_HOLDS_OBJECT (data))
    {
      parsed->was_read = TRUE;
      parsed->value = job->read (data, &parsed->read_error);
      parsed->value_free = job->read_free;
      /* the tree is freed here, not on the caller's thread */
      json_object_remove_member (root, "data");
    }
  g_task_return_pointer (parse_task, parsed, (GDestroyNotify) parsed_free);
}

static void handle_response (GTask  *task,
                             Parsed *parsed);

static void
body_parsed_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(Parsed) parsed = g_task_propagate_pointer (G_TASK (res), NULL);

  handle_response (task, parsed);
}

static void
parse_body (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  g_autoptr(GTask) parse_task = g_task_new (NULL, NULL, body_parsed_cb, task);
  ParseJob *job = g_new0 (ParseJob, 1);

  job->buffer = g_byte_array_ref (req->buffer);
  job->status = soup_message_get_status (req->msg);
  job->read = req->read;
  job->read_free = req->read_free;
  g_task_set_source_tag (parse_task, parse_body);
  g_task_set_task_data (parse_task, job, (GDestroyNotify) parse_job_free);
  g_task_run_in_thread (parse_task, parse_body_in_thread);
}

static void
handle_response (GTask  *task,
                 Parsed *parsed)
{
  LancerUpworkClient *self = task_client (task);
  Request *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (req->msg);
  guint status = soup_message_get_status (req->msg);
  JsonObject *root = parsed != NULL && parsed->root != NULL ? json_node_get_object (parsed->root) : NULL;
  JsonNode *data;

  if (status == 401)
    {
      if (!req->refreshed)
        {
          req->refreshed = TRUE;
          lancer_oauth_get_access_token_async (self->oauth, req->token, req->user_cancellable,
                                               token_for_retry_cb, task);
          return;
        }
      fail (task, FALSE, g_error_new (LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_UNAUTHORIZED,
                                      _("Upwork refused Lancer’s sign-in. Sign in again.")));
      return;
    }

  if (status == 429)
    {
      retry_or_fail (task, status, headers,
                     g_error_new (LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_RATE_LIMITED,
                                  _("Upwork asked Lancer to slow down. It will try again later.")));
      return;
    }
  if (status >= 500 || status == 408)
    {
      retry_or_fail (task, status, headers,
                     g_error_new (LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_SERVER,
                                  _("Upwork is having trouble (HTTP %u). Lancer will try again later."), status));
      return;
    }
  if (root == NULL)
    {
      /* An HTML challenge page, a truncated or malformed body: transient. */
      retry_or_fail (task, 503, NULL,
                     g_error_new (LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_BAD_RESPONSE,
                                  _("Upwork sent an unreadable answer (HTTP %u), perhaps a bot check page. "
                                    "Lancer will try again later."), status));
      return;
    }
  if (status == 403)
    {
      fail (task, FALSE, g_error_new (LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_FORBIDDEN,
                                      _("Upwork denied access to %s. Check the permissions of your API key (“%s”)."),
                                      resource_label (req->resource),
                                      lancer_upwork_resource_permission (req->resource)));
      return;
    }
  if (status != 200)
    {
      fail (task, FALSE, g_error_new (LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_FAILED,
                                      _("Upwork refused the request (HTTP %u)."), status));
      return;
    }

  lancer_circuit_breaker_record (self->breaker, req->name, TRUE, g_get_monotonic_time ());
  if (parsed->partial)
    {
      g_autofree char *what = describe_partial (root);

      g_debug ("%s: partial result: %s", req->name, what);
      g_signal_emit (self, signals[PARTIAL_RESULT], 0, req->name, req->resource, what);
    }
  else if (has_errors (root))
    {
      fail (task, FALSE, classify_graphql_errors (req, json_object_get_array_member (root, "errors")));
      return;
    }
  if (parsed->was_read)
    {
      if (parsed->read_error != NULL)
        g_task_return_error (task, g_steal_pointer (&parsed->read_error));
      else
        g_task_return_pointer (task, g_steal_pointer (&parsed->value), req->read_free);
      g_object_unref (task);
      return;
    }
  data = json_object_get_member (root, "data");
  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      fail (task, FALSE, g_error_new (LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_BAD_RESPONSE,
                                      _("Upwork’s answer had no data. Lancer will try again later.")));
      return;
    }
  g_task_return_pointer (task, json_node_copy (data), (GDestroyNotify) json_node_unref);
  g_object_unref (task);
}

static void
read_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), res, &error);

  if (chunk == NULL)
    {
      gboolean timed_out = lancer_http_watchdog_has_fired (req->watchdog);

      if (g_cancellable_is_cancelled (req->user_cancellable))
        fail (task, FALSE, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled.")));
      else if (timed_out)
        retry_or_fail (task, 0, NULL, g_error_new (LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_TIMEOUT,
                                                   _("Upwork stopped answering. Lancer will try again later.")));
      else
        retry_or_fail (task, 0, NULL, g_error_new (LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_NETWORK,
                                                   _("The connection to Upwork broke: %s"), error->message));
      return;
    }
  lancer_http_watchdog_kick (req->watchdog);
  if (g_bytes_get_size (chunk) == 0)
    {
      lancer_http_watchdog_stop (req->watchdog);
      g_input_stream_close_async (req->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      parse_body (task);
      return;
    }
  if (req->buffer->len + g_bytes_get_size (chunk) > MAX_BODY_BYTES)
    {
      fail (task, FALSE, g_error_new (LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_BAD_RESPONSE,
                                      _("Upwork’s answer was too large.")));
      return;
    }
  g_byte_array_append (req->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (req->stream, 64 * 1024, G_PRIORITY_DEFAULT, req->cancellable, read_cb, task);
}

static void
send_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GInputStream *stream = soup_session_send_finish (SOUP_SESSION (source), res, &error);

  if (stream == NULL)
    {
      gboolean timed_out = lancer_http_watchdog_has_fired (req->watchdog);

      if (g_cancellable_is_cancelled (req->user_cancellable))
        fail (task, FALSE, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled.")));
      else if (timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        retry_or_fail (task, 0, NULL, g_error_new (LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_TIMEOUT,
                                                   _("Upwork did not answer in time. Lancer will try again later.")));
      else
        retry_or_fail (task, 0, NULL, g_error_new (LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_NETWORK,
                                                   _("Could not reach Upwork: %s. Check the connection."),
                                                   error->message));
      return;
    }
  g_clear_object (&req->stream);
  req->stream = stream;
  lancer_http_watchdog_kick (req->watchdog);
  g_input_stream_read_bytes_async (req->stream, 64 * 1024, G_PRIORITY_DEFAULT, req->cancellable, read_cb, task);
}

static void
request_send (GTask *task)
{
  LancerUpworkClient *self = task_client (task);
  Request *req = g_task_get_task_data (task);
  g_autoptr(GBytes) body = g_bytes_new (req->body, strlen (req->body));
  g_autofree char *auth = g_strconcat ("Bearer ", req->token, NULL);
  SoupMessageHeaders *headers;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_clear_object (&req->msg);
  g_clear_object (&req->stream);
  g_byte_array_set_size (req->buffer, 0);
  req->msg = soup_message_new (SOUP_METHOD_POST, self->graphql_url);
  headers = soup_message_get_request_headers (req->msg);
  soup_message_headers_replace (headers, "Authorization", auth);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->tenant_id != NULL)
    soup_message_headers_replace (headers, "X-Upwork-API-TenantId", self->tenant_id);
  soup_message_set_request_body_from_bytes (req->msg, "application/json", body);
  /* reuse a kept-alive connection; never for a submission, which libsoup
   * might then send twice (it spends Connects) */
  if (g_strcmp0 (req->resource, "submit") != 0)
    lancer_http_message_set_resendable (req->msg);

  lancer_rate_limiter_count_request (self->limiter, now);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUESTS_TODAY]);
  if (self->usage_file != NULL && self->save_id == 0)
    self->save_id = g_timeout_add_seconds (2, save_usage_cb, self);

  g_clear_object (&req->cancellable);
  g_clear_pointer (&req->watchdog, lancer_http_watchdog_free);
  req->cancellable = g_cancellable_new ();
  if (req->user_cancellable != NULL)
    {
      if (req->cancel_id != 0)
        g_cancellable_disconnect (req->user_cancellable, req->cancel_id);
      req->cancel_id = g_cancellable_connect (req->user_cancellable, G_CALLBACK (g_cancellable_cancel),
                                              g_object_ref (req->cancellable), g_object_unref);
    }
  req->watchdog = lancer_http_watchdog_new (req->cancellable, self->inactivity_ms);
  lancer_http_watchdog_kick (req->watchdog);
  soup_session_send_async (self->session, req->msg, G_PRIORITY_DEFAULT, req->cancellable, send_cb, task);
}

static void
token_cb (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);
  GError *error = NULL;
  char *token = lancer_oauth_get_access_token_finish (LANCER_OAUTH (source), res, &error);

  if (token == NULL)
    {
      fail (task, FALSE, error);
      return;
    }
  g_free (req->token);
  req->token = token;
  request_send (task);
}

static void
token_for_retry_cb (GObject      *source,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  token_cb (source, res, user_data);
}

/* Breaker, budget, bucket, token — then send. */
static void
request_step (GTask *task)
{
  LancerUpworkClient *self = task_client (task);
  Request *req = g_task_get_task_data (task);
  gint64 now_us = g_get_monotonic_time ();
  guint wait_ms = 0;

  if (g_cancellable_is_cancelled (req->user_cancellable))
    {
      fail (task, FALSE, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled.")));
      return;
    }
  if (self->resume_at > g_get_real_time () / G_USEC_PER_SEC)
    {
      fail (task, FALSE, paused_error (self));
      return;
    }
  /* The bearer token never goes over plain http to another machine. */
  {
    GError *insecure = NULL;

    if (!lancer_http_check_url (self->graphql_url, &insecure))
      {
        fail (task, FALSE, insecure);
        return;
      }
  }
  if (!lancer_circuit_breaker_allow (self->breaker, req->name, now_us, &wait_ms))
    {
      fail (task, FALSE, g_error_new (LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_CIRCUIT_OPEN,
                                      _("Upwork failed several times in a row for %s; Lancer paused asking "
                                        "for %u s."), resource_label (req->resource), MAX (1, wait_ms / 1000)));
      return;
    }
  if (lancer_rate_limiter_budget_exhausted (self->limiter, g_get_real_time () / G_USEC_PER_SEC))
    {
      lancer_circuit_breaker_record (self->breaker, req->name, TRUE, now_us);
      fail (task, FALSE, g_error_new (LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_DAILY_LIMIT,
                                      ngettext ("Lancer used today’s %u Upwork request allowed for your key. "
                                                "Syncing resumes tomorrow (UTC).",
                                                "Lancer used today’s %u Upwork requests allowed for your key. "
                                                "Syncing resumes tomorrow (UTC).",
                                                lancer_rate_limiter_get_daily_budget (self->limiter)),
                                      lancer_rate_limiter_get_daily_budget (self->limiter)));
      return;
    }
  wait_ms = lancer_rate_limiter_reserve (self->limiter, now_us);
  if (wait_ms > 0)
    {
      req->timeout_id = g_timeout_add (wait_ms, retry_timeout_cb, task);
      return;
    }
  if (req->token != NULL && !req->refreshed)
    {
      request_send (task);
      return;
    }
  lancer_oauth_get_access_token_async (self->oauth, NULL, req->user_cancellable, token_cb, task);
}

void
lancer_upwork_client_query_async (LancerUpworkClient  *self,
                                  const char          *name,
                                  JsonNode            *variables,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  lancer_upwork_client_query_read_async (self, name, variables, NULL, NULL, cancellable, callback, user_data);
}

JsonNode *
lancer_upwork_client_query_finish (LancerUpworkClient  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lancer_upwork_client_query_read_async:
 * @read: (nullable): turns the answer's `data` object into the caller's
 *   value; it runs on a worker thread, so it must only read @data. NULL:
 *   the value is the `data` object itself, as from
 *   lancer_upwork_client_query_async()
 * @read_free: frees what @read returns
 *
 * Like lancer_upwork_client_query_async(), but the answer is read (and its
 * JSON freed) off the caller's thread: large pages never cost the UI a
 * frame.
 */
void
lancer_upwork_client_query_read_async (LancerUpworkClient   *self,
                                       const char           *name,
                                       JsonNode             *variables,
                                       LancerUpworkReadFunc  read,
                                       GDestroyNotify        read_free,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data)
{
  GTask *task;
  Request *req;
  const char *query;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonGenerator) gen = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_if_fail (LANCER_IS_UPWORK_CLIENT (self));
  g_return_if_fail (name != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_upwork_client_query_read_async);
  query = lancer_upwork_get_query (name);
  if (query == NULL)
    {
      g_task_return_new_error (task, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_FAILED,
                               "unknown query %s", name);
      g_object_unref (task);
      return;
    }

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "query");
  json_builder_add_string_value (b, query);
  if (variables != NULL)
    {
      json_builder_set_member_name (b, "variables");
      json_builder_add_value (b, json_node_copy (variables));
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  gen = json_generator_new ();
  json_generator_set_root (gen, root);

  req = g_new0 (Request, 1);
  req->name = g_strdup (name);
  req->resource = lancer_upwork_query_resource (name);
  req->body = json_generator_to_data (gen, NULL);
  req->user_cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  req->buffer = g_byte_array_new ();
  req->read = read;
  req->read_free = read_free;
  g_task_set_task_data (task, req, (GDestroyNotify) request_free);
  request_step (task);
}

/* Returns: (transfer full): what the read function returned */
gpointer
lancer_upwork_client_query_read_finish (LancerUpworkClient  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gint64
lancer_upwork_client_get_resume_at (LancerUpworkClient *self)
{
  g_return_val_if_fail (LANCER_IS_UPWORK_CLIENT (self), 0);
  return self->resume_at > g_get_real_time () / G_USEC_PER_SEC ? self->resume_at : 0;
}
