/* lancer-sandbox.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-sandbox"

#include "config.h"

#include <string.h>

#include "lancer-sandbox-private.h"
#include "lancer-thread.h"
#ifdef LANCER_SANDBOX_HAVE_AI
# include "lancer-sandbox-ai.h"
#endif

G_DEFINE_FINAL_TYPE (LancerSandbox, lancer_sandbox, G_TYPE_OBJECT)

static const struct {
  const char         *nick;
  LancerSandboxFault  fault;
} fault_nicks[] = {
  { "none",            LANCER_SANDBOX_FAULT_NONE },
  { "rate-limit",      LANCER_SANDBOX_FAULT_RATE_LIMIT },
  { "rate-limit-bare", LANCER_SANDBOX_FAULT_RATE_LIMIT_BARE },
  { "server-error",    LANCER_SANDBOX_FAULT_SERVER_ERROR },
  { "slow",            LANCER_SANDBOX_FAULT_SLOW },
  { "truncated-json",  LANCER_SANDBOX_FAULT_TRUNCATED_JSON },
  { "malformed-json",  LANCER_SANDBOX_FAULT_MALFORMED_JSON },
  { "html-challenge",  LANCER_SANDBOX_FAULT_HTML_CHALLENGE },
  { "expired-token",   LANCER_SANDBOX_FAULT_EXPIRED_TOKEN },
  { "forbidden",       LANCER_SANDBOX_FAULT_FORBIDDEN },
  { "invalid-grant",   LANCER_SANDBOX_FAULT_INVALID_GRANT },
};

gboolean
lancer_sandbox_fault_from_string (const char         *name,
                                  LancerSandboxFault *fault)
{
  g_return_val_if_fail (fault != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (fault_nicks); i++)
    if (g_ascii_strcasecmp (name, fault_nicks[i].nick) == 0)
      {
        *fault = fault_nicks[i].fault;
        return TRUE;
      }
  return FALSE;
}

static void
lancer_sandbox_finalize (GObject *object)
{
  LancerSandbox *self = (LancerSandbox *)object;

  lancer_sandbox_stop (self);
  lancer_sandbox_upwork_free_data (self);
  g_clear_object (&self->ai);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->fault_operation, g_free);
  g_clear_pointer (&self->missing_scopes, g_hash_table_unref);
  g_clear_pointer (&self->codes, g_hash_table_unref);
  g_clear_pointer (&self->access_tokens, g_hash_table_unref);
  g_clear_pointer (&self->refresh_tokens, g_hash_table_unref);
  g_clear_pointer (&self->counters, g_hash_table_unref);
  g_clear_pointer (&self->replied_at, g_hash_table_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (lancer_sandbox_parent_class)->finalize (object);
}

static void
lancer_sandbox_class_init (LancerSandboxClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lancer_sandbox_finalize;
}

static void
lancer_sandbox_init (LancerSandbox *self)
{
  g_mutex_init (&self->mutex);
  self->retry_after_s = 1;
  self->slow_ms = 3000;
  self->token_lifetime_s = 86400;
  self->refresh_grace_s = 86400;
  self->page_cap = 50;
  self->proposals_limit = 20;
  self->missing_scopes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->access_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->refresh_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->replied_at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

LancerSandbox *
lancer_sandbox_new (guint32 seed,
                    guint   n_jobs)
{
  LancerSandbox *self = g_object_new (LANCER_TYPE_SANDBOX, NULL);

  self->seed = seed;
  lancer_sandbox_upwork_init_data (self);
  g_mutex_lock (&self->mutex);
  lancer_sandbox_upwork_add_jobs_locked (self, n_jobs);
  g_mutex_unlock (&self->mutex);
#ifdef LANCER_SANDBOX_HAVE_AI
  self->ai = G_OBJECT (lancer_sandbox_ai_new ());
#endif
  return self;
}

typedef struct
{
  guint32 seed;
  guint   n_jobs;
} NewData;

static void
new_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  NewData *data = task_data;
  g_autoptr(LancerSandbox) sandbox = NULL;
  GError *error = NULL;

  lancer_thread_run_in_background ();
  sandbox = lancer_sandbox_new (data->seed, data->n_jobs);
  if (!lancer_sandbox_start (sandbox, 0, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&sandbox), g_object_unref);
}

void
lancer_sandbox_new_async (guint32              seed,
                          guint                n_jobs,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  NewData *data = g_new0 (NewData, 1);

  data->seed = seed;
  data->n_jobs = n_jobs;
  g_task_set_source_tag (task, lancer_sandbox_new_async);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, new_in_thread);
}

LancerSandbox *
lancer_sandbox_new_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lancer_sandbox_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GObject *
lancer_sandbox_get_ai (LancerSandbox *self)
{
  g_return_val_if_fail (LANCER_IS_SANDBOX (self), NULL);
  return self->ai;
}

/* ---- faults and counters ---- */

LancerSandboxFault
lancer_sandbox_take_fault_locked (LancerSandbox *self,
                                  const char    *operation)
{
  LancerSandboxFault fault = self->fault;

  if (fault == LANCER_SANDBOX_FAULT_NONE)
    return fault;
  if (self->fault_operation != NULL)
    {
      if (g_strcmp0 (self->fault_operation, operation) != 0)
        return LANCER_SANDBOX_FAULT_NONE;
    }
  else if (g_strcmp0 (operation, "token") == 0)
    return LANCER_SANDBOX_FAULT_NONE;

  if (self->fault_skip > 0)
    {
      self->fault_skip--;
      return LANCER_SANDBOX_FAULT_NONE;
    }
  if (self->fault_times > 0 && --self->fault_times == 0)
    {
      self->fault = LANCER_SANDBOX_FAULT_NONE;
      g_clear_pointer (&self->fault_operation, g_free);
    }
  return fault;
}

void
lancer_sandbox_count_locked (LancerSandbox *self,
                             const char    *operation)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->counters, operation));

  g_hash_table_replace (self->counters, g_strdup (operation), GUINT_TO_POINTER (n + 1));
}

typedef struct
{
  SoupServerMessage *msg;
  gboolean           finished;
} SlowReply;

static void
slow_reply_finished (SoupServerMessage *msg,
                     SlowReply         *reply)
{
  reply->finished = TRUE;
}

static gboolean
slow_reply_resume (gpointer data)
{
  SlowReply *reply = data;

  if (!reply->finished)
    soup_server_message_unpause (reply->msg);
  return G_SOURCE_REMOVE;
}

static void
slow_reply_free (gpointer data)
{
  SlowReply *reply = data;

  g_signal_handlers_disconnect_by_func (reply->msg, slow_reply_finished, reply);
  g_object_unref (reply->msg);
  g_free (reply);
}

static void
set_text_response (SoupServerMessage *msg,
                   guint              status,
                   const char        *content_type,
                   const char        *body,
                   gssize             len)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY,
                                      body, len < 0 ? strlen (body) : (gsize) len);
}

gboolean
lancer_sandbox_apply_fault (LancerSandbox     *self,
                            SoupServerMessage *msg,
                            LancerSandboxFault fault,
                            const char        *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  guint retry_after, slow_ms;

  g_mutex_lock (&self->mutex);
  retry_after = self->retry_after_s;
  slow_ms = self->slow_ms;
  g_mutex_unlock (&self->mutex);

  switch (fault)
    {
    case LANCER_SANDBOX_FAULT_NONE:
      return FALSE;

    case LANCER_SANDBOX_FAULT_RATE_LIMIT:
      {
        g_autofree char *value = g_strdup_printf ("%u", retry_after);
        soup_message_headers_replace (headers, "Retry-After", value);
        set_text_response (msg, 429, "text/plain", "Too Many Requests", -1);
      }
      return TRUE;

    case LANCER_SANDBOX_FAULT_RATE_LIMIT_BARE:
      set_text_response (msg, 429, "text/plain", "", 0);
      return TRUE;

    case LANCER_SANDBOX_FAULT_SERVER_ERROR:
      set_text_response (msg, 503, "application/json",
                         "{\"message\":\"Service Unavailable\"}", -1);
      return TRUE;

    case LANCER_SANDBOX_FAULT_SLOW:
      {
        SlowReply *reply = g_new0 (SlowReply, 1);
        GSource *source;

        /* The real answer is set by the caller; it just leaves late. */
        reply->msg = g_object_ref (msg);
        g_signal_connect (msg, "finished", G_CALLBACK (slow_reply_finished), reply);
        soup_server_message_pause (msg);
        source = g_timeout_source_new (slow_ms);
        g_source_set_callback (source, slow_reply_resume, reply, slow_reply_free);
        g_source_attach (source, self->context);
        g_source_unref (source);
      }
      return FALSE;

    case LANCER_SANDBOX_FAULT_TRUNCATED_JSON:
      {
        const char *text = body != NULL ? body : "{\"data\":{\"user\":{\"id\":\"1\",\"name\":\"x\"}}}";
        set_text_response (msg, 200, "application/json", text, strlen (text) / 2);
      }
      return TRUE;

    case LANCER_SANDBOX_FAULT_MALFORMED_JSON:
      set_text_response (msg, 200, "application/json",
                         "{\"data\": {\"marketplaceJobPostingsSearch\": [1, 2,, }", -1);
      return TRUE;

    case LANCER_SANDBOX_FAULT_HTML_CHALLENGE:
      set_text_response (msg, 403, "text/html; charset=UTF-8",
                         "<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title>"
                         "</head><body><noscript>Enable JavaScript and cookies to continue</noscript>"
                         "</body></html>", -1);
      return TRUE;

    case LANCER_SANDBOX_FAULT_EXPIRED_TOKEN:
      set_text_response (msg, 401, "application/json",
                         "{\"message\":\"Authentication failed: token expired\"}", -1);
      return TRUE;

    case LANCER_SANDBOX_FAULT_FORBIDDEN:
      set_text_response (msg, 403, "application/json",
                         "{\"message\":\"Access forbidden\"}", -1);
      return TRUE;

    case LANCER_SANDBOX_FAULT_INVALID_GRANT:
      set_text_response (msg, 400, "application/json",
                         "{\"error\":\"invalid_grant\",\"error_description\":"
                         "\"Refresh token is expired or revoked or not registered\"}", -1);
      return TRUE;

    default:
      return FALSE;
    }
}

/* ---- control endpoints ---- */

static void
control_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  LancerSandbox *self = user_data;
  const char *value;

  if (g_str_equal (path, "/__sandbox/fault"))
    {
      LancerSandboxFault fault = LANCER_SANDBOX_FAULT_NONE;

      if (query != NULL && (value = g_hash_table_lookup (query, "fault")) != NULL)
        {
          guint times = 0;
          const char *t = g_hash_table_lookup (query, "times");

          if (!lancer_sandbox_fault_from_string (value, &fault))
            {
              set_text_response (msg, 400, "text/plain", "unknown fault", -1);
              return;
            }
          if (t != NULL)
            times = (guint) g_ascii_strtoull (t, NULL, 10);
          lancer_sandbox_set_fault (self, fault, times, g_hash_table_lookup (query, "operation"));
        }
      if (query != NULL && (value = g_hash_table_lookup (query, "missing-scopes")) != NULL)
        lancer_sandbox_set_missing_scopes (self, value);
      if (query != NULL && (value = g_hash_table_lookup (query, "retry-after")) != NULL)
        lancer_sandbox_set_retry_after (self, (guint) g_ascii_strtoull (value, NULL, 10));
      if (query != NULL && (value = g_hash_table_lookup (query, "slow-ms")) != NULL)
        lancer_sandbox_set_slow_delay (self, (guint) g_ascii_strtoull (value, NULL, 10));
      set_text_response (msg, 200, "application/json", "{\"ok\":true}", -1);
    }
  else if (g_str_equal (path, "/__sandbox/expire-tokens"))
    {
      lancer_sandbox_expire_access_tokens (self);
      set_text_response (msg, 200, "application/json", "{\"ok\":true}", -1);
    }
  else if (g_str_equal (path, "/__sandbox/revoke-tokens"))
    {
      lancer_sandbox_revoke_refresh_tokens (self);
      set_text_response (msg, 200, "application/json", "{\"ok\":true}", -1);
    }
  else if (g_str_equal (path, "/__sandbox/add-jobs"))
    {
      guint n = 1;

      if (query != NULL && (value = g_hash_table_lookup (query, "n")) != NULL)
        n = (guint) g_ascii_strtoull (value, NULL, 10);
      lancer_sandbox_add_jobs (self, n);
      set_text_response (msg, 200, "application/json", "{\"ok\":true}", -1);
    }
  else if (g_str_equal (path, "/__sandbox/stats"))
    {
      g_autoptr(GString) out = g_string_new ("{");
      GHashTableIter iter;
      gpointer k, v;

      g_mutex_lock (&self->mutex);
      g_string_append_printf (out, "\"jobs\":%u", self->job_posted->len);
      g_hash_table_iter_init (&iter, self->counters);
      while (g_hash_table_iter_next (&iter, &k, &v))
        g_string_append_printf (out, ",\"%s\":%u", (const char *) k, GPOINTER_TO_UINT (v));
      g_mutex_unlock (&self->mutex);
      g_string_append_c (out, '}');
      set_text_response (msg, 200, "application/json", out->str, out->len);
    }
  else
    set_text_response (msg, 404, "text/plain", "not found", -1);
}

/* ---- the server thread ---- */

/* Every answer closes its connection. libsoup before 3.3.0 (Debian 12 has
 * 3.2.3) never notices when a client closes a kept-alive connection that
 * is idle, and holds its socket half-closed (CLOSE-WAIT) for good: a sync
 * left about sixty behind. Loopback connections are cheap to open, so the
 * sandbox keeps none. Set before any handler runs, so every path (faults,
 * streams, the control endpoints, 404s) answers the same way. */
static void
close_after_response (SoupServer        *server,
                      SoupServerMessage *msg)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
}

typedef struct
{
  LancerSandbox *self;
  guint          port;
  GMutex         mutex;
  GCond          cond;
  gboolean       done;
  GError        *error;
} StartData;

/* The sandbox accepts its connections itself and hands them to the server,
 * rather than through soup_server_listen(): libsoup before 3.4 keeps a
 * reference to every socket its own listener accepts (upstream b545d5f0),
 * a few hundred bytes for each of the sixty connections a sync opens. */
static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             SoupServer        *server)
{
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autoptr(GError) error = NULL;

  if (!soup_server_accept_iostream (server, G_IO_STREAM (connection), local, remote, &error))
    g_debug ("A connection was dropped: %s", error->message);
  return TRUE;
}

static gpointer
sandbox_thread (gpointer data)
{
  StartData *start = data;
  LancerSandbox *self = start->self;
  GMainContext *context = self->context;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GSocketService) service = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  GError *error = NULL;

  /* in the demo profile the sandbox stands in for the network: it must
   * not take the CPU from the window */
  lancer_thread_run_in_background ();
  g_main_context_push_thread_default (context);

  server = soup_server_new ("server-header", "lancer-sandbox", NULL);
  g_signal_connect (server, "request-read", G_CALLBACK (close_after_response), NULL);
  lancer_sandbox_upwork_attach (self, server);
  soup_server_add_handler (server, "/__sandbox", control_cb, self, NULL);
#ifdef LANCER_SANDBOX_HAVE_AI
  if (self->ai != NULL)
    lancer_sandbox_ai_attach (LANCER_SANDBOX_AI (self->ai), server);
#endif

  service = g_socket_service_new ();
  address = g_inet_socket_address_new_from_string ("127.0.0.1", start->port);
  if (g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                     G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error))
    {
      g_signal_connect (service, "incoming", G_CALLBACK (incoming_cb), server);
      g_socket_service_start (service);
      g_mutex_lock (&self->mutex);
      self->base_url = g_strdup_printf ("http://127.0.0.1:%u",
                                        g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
      self->server = g_object_ref (server);
      g_mutex_unlock (&self->mutex);
    }

  g_mutex_lock (&start->mutex);
  start->error = error;
  start->done = TRUE;
  g_cond_signal (&start->cond);
  g_mutex_unlock (&start->mutex);
  /* start is gone from here on */

  if (error == NULL)
    g_main_loop_run (self->loop);

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  g_signal_handlers_disconnect_by_func (service, incoming_cb, server);
  soup_server_disconnect (server);
  g_mutex_lock (&self->mutex);
  if (self->new_job_source != NULL)
    {
      g_source_destroy (self->new_job_source);
      g_clear_pointer (&self->new_job_source, g_source_unref);
    }
  g_clear_object (&self->server);
  g_mutex_unlock (&self->mutex);
  g_main_context_pop_thread_default (context);
  return NULL;
}

gboolean
lancer_sandbox_start (LancerSandbox  *self,
                      guint           port,
                      GError        **error)
{
  StartData start = { 0 };

  g_return_val_if_fail (LANCER_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  start.self = self;
  start.port = port;
  g_mutex_init (&start.mutex);
  g_cond_init (&start.cond);

  self->thread = g_thread_new ("lancer-sandbox", sandbox_thread, &start);
  g_mutex_lock (&start.mutex);
  while (!start.done)
    g_cond_wait (&start.cond, &start.mutex);
  g_mutex_unlock (&start.mutex);
  g_mutex_clear (&start.mutex);
  g_cond_clear (&start.cond);

  if (start.error != NULL)
    {
      g_propagate_error (error, start.error);
      lancer_sandbox_stop (self);
      return FALSE;
    }

  /* A timer set before start is attached now. */
  g_mutex_lock (&self->mutex);
  {
    guint interval = self->new_job_interval;
    g_mutex_unlock (&self->mutex);
    if (interval > 0)
      lancer_sandbox_set_new_job_interval (self, interval);
  }
  return TRUE;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
lancer_sandbox_stop (LancerSandbox *self)
{
  g_return_if_fail (LANCER_IS_SANDBOX (self));

  if (self->thread != NULL)
    {
      g_main_context_invoke (self->context, quit_loop, self->loop);
      g_thread_join (self->thread);
      self->thread = NULL;
    }
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
}

const char *
lancer_sandbox_get_base_url (LancerSandbox *self)
{
  g_return_val_if_fail (LANCER_IS_SANDBOX (self), NULL);
  return self->base_url;
}

char *
lancer_sandbox_dup_authorize_url (LancerSandbox *self)
{
  g_return_val_if_fail (LANCER_IS_SANDBOX (self), NULL);
  return g_strconcat (self->base_url, "/ab/account-security/oauth2/authorize", NULL);
}

char *
lancer_sandbox_dup_token_url (LancerSandbox *self)
{
  g_return_val_if_fail (LANCER_IS_SANDBOX (self), NULL);
  return g_strconcat (self->base_url, "/api/v3/oauth2/token", NULL);
}

char *
lancer_sandbox_dup_graphql_url (LancerSandbox *self)
{
  g_return_val_if_fail (LANCER_IS_SANDBOX (self), NULL);
  return g_strconcat (self->base_url, "/graphql", NULL);
}

void
lancer_sandbox_export_env (LancerSandbox *self)
{
  g_autofree char *authorize = lancer_sandbox_dup_authorize_url (self);
  g_autofree char *token = lancer_sandbox_dup_token_url (self);
  g_autofree char *graphql = lancer_sandbox_dup_graphql_url (self);

  g_setenv ("LANCER_UPWORK_AUTHORIZE_URL", authorize, TRUE);
  g_setenv ("LANCER_UPWORK_TOKEN_URL", token, TRUE);
  g_setenv ("LANCER_UPWORK_GRAPHQL_URL", graphql, TRUE);
}

/* ---- settings ---- */

void
lancer_sandbox_set_fault (LancerSandbox      *self,
                          LancerSandboxFault  fault,
                          guint               times,
                          const char         *operation)
{
  g_return_if_fail (LANCER_IS_SANDBOX (self));

  g_mutex_lock (&self->mutex);
  self->fault = fault;
  self->fault_times = times;
  self->fault_skip = 0;
  g_free (self->fault_operation);
  self->fault_operation = (operation != NULL && *operation != '\0') ? g_strdup (operation) : NULL;
  g_mutex_unlock (&self->mutex);
}

void
lancer_sandbox_set_fault_skip (LancerSandbox *self,
                               guint          requests)
{
  g_return_if_fail (LANCER_IS_SANDBOX (self));

  g_mutex_lock (&self->mutex);
  self->fault_skip = requests;
  g_mutex_unlock (&self->mutex);
}

void
lancer_sandbox_clear_faults (LancerSandbox *self)
{
  lancer_sandbox_set_fault (self, LANCER_SANDBOX_FAULT_NONE, 0, NULL);
  lancer_sandbox_set_missing_scopes (self, NULL);
}

void
lancer_sandbox_set_retry_after (LancerSandbox *self,
                                guint          seconds)
{
  g_return_if_fail (LANCER_IS_SANDBOX (self));
  g_mutex_lock (&self->mutex);
  self->retry_after_s = seconds;
  g_mutex_unlock (&self->mutex);
}

void
lancer_sandbox_set_slow_delay (LancerSandbox *self,
                               guint          ms)
{
  g_return_if_fail (LANCER_IS_SANDBOX (self));
  g_mutex_lock (&self->mutex);
  self->slow_ms = ms;
  g_mutex_unlock (&self->mutex);
}

void
lancer_sandbox_set_missing_scopes (LancerSandbox *self,
                                   const char    *scopes)
{
  g_auto(GStrv) parts = NULL;

  g_return_if_fail (LANCER_IS_SANDBOX (self));

  g_mutex_lock (&self->mutex);
  g_hash_table_remove_all (self->missing_scopes);
  if (scopes != NULL)
    {
      parts = g_strsplit (scopes, ",", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (parts[i][0] != '\0')
            g_hash_table_add (self->missing_scopes, g_strdup (parts[i]));
        }
    }
  g_mutex_unlock (&self->mutex);
}

void
lancer_sandbox_set_lenient (LancerSandbox *self,
                            gboolean       lenient)
{
  g_return_if_fail (LANCER_IS_SANDBOX (self));
  g_mutex_lock (&self->mutex);
  self->lenient = !!lenient;
  g_mutex_unlock (&self->mutex);
}

void
lancer_sandbox_set_token_lifetime (LancerSandbox *self,
                                   guint          seconds)
{
  g_return_if_fail (LANCER_IS_SANDBOX (self));
  g_mutex_lock (&self->mutex);
  self->token_lifetime_s = seconds;
  g_mutex_unlock (&self->mutex);
}

void
lancer_sandbox_set_refresh_grace (LancerSandbox *self,
                                  guint          seconds)
{
  g_return_if_fail (LANCER_IS_SANDBOX (self));
  g_mutex_lock (&self->mutex);
  self->refresh_grace_s = seconds;
  g_mutex_unlock (&self->mutex);
}

void
lancer_sandbox_set_page_cap (LancerSandbox *self,
                             guint          items)
{
  g_return_if_fail (LANCER_IS_SANDBOX (self));
  g_mutex_lock (&self->mutex);
  self->page_cap = CLAMP (items, 1, 50);
  g_mutex_unlock (&self->mutex);
}

void
lancer_sandbox_set_story (LancerSandbox *self,
                          gboolean       story)
{
  g_return_if_fail (LANCER_IS_SANDBOX (self));
  g_mutex_lock (&self->mutex);
  self->story = story;
  g_mutex_unlock (&self->mutex);
#ifdef LANCER_SANDBOX_HAVE_AI
  /* About forty words a second: the draft visibly streams in. */
  lancer_sandbox_ai_set_pace (LANCER_SANDBOX_AI (self->ai), story ? 25 : 0);
#endif
}

void
lancer_sandbox_set_proposals_limit (LancerSandbox *self,
                                    guint          items)
{
  g_return_if_fail (LANCER_IS_SANDBOX (self));
  g_mutex_lock (&self->mutex);
  self->proposals_limit = MAX (items, 1);
  g_mutex_unlock (&self->mutex);
}

void
lancer_sandbox_expire_access_tokens (LancerSandbox *self)
{
  g_return_if_fail (LANCER_IS_SANDBOX (self));
  g_mutex_lock (&self->mutex);
  g_hash_table_remove_all (self->access_tokens);
  g_mutex_unlock (&self->mutex);
}

void
lancer_sandbox_revoke_refresh_tokens (LancerSandbox *self)
{
  g_return_if_fail (LANCER_IS_SANDBOX (self));
  g_mutex_lock (&self->mutex);
  g_hash_table_remove_all (self->refresh_tokens);
  g_mutex_unlock (&self->mutex);
}

void
lancer_sandbox_add_jobs (LancerSandbox *self,
                         guint          n)
{
  g_return_if_fail (LANCER_IS_SANDBOX (self));
  g_mutex_lock (&self->mutex);
  lancer_sandbox_upwork_add_jobs_locked (self, n);
  g_mutex_unlock (&self->mutex);
}

static gboolean
new_job_tick (gpointer data)
{
  lancer_sandbox_add_jobs (data, 1);
  return G_SOURCE_CONTINUE;
}

void
lancer_sandbox_set_new_job_interval (LancerSandbox *self,
                                     guint          seconds)
{
  g_return_if_fail (LANCER_IS_SANDBOX (self));

  g_mutex_lock (&self->mutex);
  self->new_job_interval = seconds;
  if (self->new_job_source != NULL)
    {
      g_source_destroy (self->new_job_source);
      g_clear_pointer (&self->new_job_source, g_source_unref);
    }
  if (seconds > 0 && self->context != NULL && self->thread != NULL)
    {
      self->new_job_source = g_timeout_source_new_seconds (seconds);
      g_source_set_callback (self->new_job_source, new_job_tick, self, NULL);
      g_source_attach (self->new_job_source, self->context);
    }
  g_mutex_unlock (&self->mutex);
}

guint
lancer_sandbox_get_n_jobs (LancerSandbox *self)
{
  guint n;

  g_return_val_if_fail (LANCER_IS_SANDBOX (self), 0);
  g_mutex_lock (&self->mutex);
  n = self->job_posted->len;
  g_mutex_unlock (&self->mutex);
  return n;
}

guint
lancer_sandbox_get_n_requests (LancerSandbox *self,
                               const char    *operation)
{
  guint n;

  g_return_val_if_fail (LANCER_IS_SANDBOX (self), 0);
  g_mutex_lock (&self->mutex);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->counters, operation != NULL ? operation : "graphql"));
  g_mutex_unlock (&self->mutex);
  return n;
}

static void
reply_written_cb (SoupServerMessage *msg,
                  LancerSandbox     *self)
{
  const char *operation = g_object_get_data (G_OBJECT (msg), "lancer-sandbox-operation");
  gint64 *now = g_new (gint64, 1);

  *now = g_get_monotonic_time ();
  g_mutex_lock (&self->mutex);
  g_hash_table_replace (self->replied_at, g_strdup (operation), now);
  g_mutex_unlock (&self->mutex);
}

/* @msg carries the operation, and keeps the sandbox alive until it is gone. */
void
lancer_sandbox_stamp_reply (LancerSandbox     *self,
                            SoupServerMessage *msg,
                            const char        *operation)
{
  g_object_set_data_full (G_OBJECT (msg), "lancer-sandbox", g_object_ref (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (msg), "lancer-sandbox-operation", g_strdup (operation), g_free);
  g_signal_connect (msg, "wrote-body", G_CALLBACK (reply_written_cb), self);
}

gint64
lancer_sandbox_get_replied_at (LancerSandbox *self,
                               const char    *operation)
{
  gint64 *at;
  gint64 value;

  g_return_val_if_fail (LANCER_IS_SANDBOX (self), 0);
  g_mutex_lock (&self->mutex);
  at = g_hash_table_lookup (self->replied_at, operation);
  value = at != NULL ? *at : 0;
  g_mutex_unlock (&self->mutex);
  return value;
}

guint
lancer_sandbox_get_n_sent_messages (LancerSandbox *self,
                                    const char    *room_id)
{
  guint n = 0;

  g_return_val_if_fail (LANCER_IS_SANDBOX (self), 0);
  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->rooms->len; i++)
    {
      LancerSandboxRoom *room = g_ptr_array_index (self->rooms, i);
      if (room_id == NULL || g_str_equal (room->id, room_id))
        n += room->n_sent;
    }
  g_mutex_unlock (&self->mutex);
  return n;
}

const char *
lancer_sandbox_get_first_room_id (LancerSandbox *self)
{
  LancerSandboxRoom *room;

  g_return_val_if_fail (LANCER_IS_SANDBOX (self), NULL);
  room = g_ptr_array_index (self->rooms, 0);
  return room->id;
}
