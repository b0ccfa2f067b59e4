/* lancer-oauth.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-upwork"

#include "config.h"

#include <sodium.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "lancer-http.h"
#include "lancer-oauth.h"
#include "lancer-secrets.h"

/* OAuth 2.0 for Upwork (upwork-api.md §2): authorization code with state and
 * PKCE S256, a loopback listener for the redirect, client credentials in
 * the form body, refresh ahead of expiry and on 401, and the rotated
 * refresh token stored before the new access token is used. Keyring and
 * token-endpoint I/O run on a worker thread; results come back on the
 * owner's main context. Tokens are never logged. */

struct _LancerOAuth
{
  GObject     parent_instance;

  char       *profile_id;
  char       *client_id;
  char       *redirect_uri;
  char       *client_secret;      /* override (demo); NULL: keyring */
  char       *authorize_url;
  char       *token_url;

  char       *access_token;
  gint64      expires_at;
  gboolean    needs_sign_in;

  GPtrArray  *waiters;            /* GTask waiting for a token */
  gboolean    refreshing;

  SoupServer *listener;
  char       *state;
  char       *verifier;
  GTask      *sign_in_task;
  gboolean    sign_in_done;
  GError     *sign_in_error;
};

G_DEFINE_FINAL_TYPE (LancerOAuth, lancer_oauth, G_TYPE_OBJECT)
G_DEFINE_QUARK (lancer-oauth-error-quark, lancer_oauth_error)

enum {
  PROP_0,
  PROP_NEEDS_SIGN_IN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_str (char       **field,
         const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

static const char *
env_or (const char *name,
        const char *fallback)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? value : fallback;
}

const char *
lancer_oauth_default_authorize_url (void)
{
  return env_or ("LANCER_UPWORK_AUTHORIZE_URL", LANCER_UPWORK_DEFAULT_AUTHORIZE_URL);
}

const char *
lancer_oauth_default_token_url (void)
{
  return env_or ("LANCER_UPWORK_TOKEN_URL", LANCER_UPWORK_DEFAULT_TOKEN_URL);
}

const char *
lancer_oauth_default_graphql_url (void)
{
  return env_or ("LANCER_UPWORK_GRAPHQL_URL", LANCER_UPWORK_DEFAULT_GRAPHQL_URL);
}

static void
stop_listener (LancerOAuth *self)
{
  if (self->listener != NULL)
    {
      soup_server_disconnect (self->listener);
      g_clear_object (&self->listener);
    }
}

static void
lancer_oauth_dispose (GObject *object)
{
  LancerOAuth *self = (LancerOAuth *)object;

  stop_listener (self);
  if (self->sign_in_task != NULL)
    {
      g_task_return_new_error (self->sign_in_task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("Sign-in was cancelled."));
      g_clear_object (&self->sign_in_task);
    }
  G_OBJECT_CLASS (lancer_oauth_parent_class)->dispose (object);
}

static void
lancer_oauth_finalize (GObject *object)
{
  LancerOAuth *self = (LancerOAuth *)object;

  g_free (self->profile_id);
  g_free (self->client_id);
  g_free (self->redirect_uri);
  g_free (self->client_secret);
  g_free (self->authorize_url);
  g_free (self->token_url);
  g_free (self->access_token);
  g_free (self->state);
  g_free (self->verifier);
  g_clear_error (&self->sign_in_error);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);
  G_OBJECT_CLASS (lancer_oauth_parent_class)->finalize (object);
}

static void
lancer_oauth_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LancerOAuth *self = LANCER_OAUTH (object);

  switch (prop_id)
    {
    case PROP_NEEDS_SIGN_IN:
      g_value_set_boolean (value, lancer_oauth_get_needs_sign_in (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_oauth_class_init (LancerOAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lancer_oauth_dispose;
  object_class->finalize = lancer_oauth_finalize;
  object_class->get_property = lancer_oauth_get_property;

  properties[PROP_NEEDS_SIGN_IN] =
    g_param_spec_boolean ("needs-sign-in", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lancer_oauth_init (LancerOAuth *self)
{
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

LancerOAuth *
lancer_oauth_new (const char *profile_id,
                  const char *client_id,
                  const char *redirect_uri)
{
  LancerOAuth *self;

  g_return_val_if_fail (profile_id != NULL, NULL);

  self = g_object_new (LANCER_TYPE_OAUTH, NULL);
  self->profile_id = g_strdup (profile_id);
  self->client_id = g_strdup (client_id);
  self->redirect_uri = g_strdup (redirect_uri);
  self->authorize_url = g_strdup (lancer_oauth_default_authorize_url ());
  self->token_url = g_strdup (lancer_oauth_default_token_url ());
  return self;
}

const char *
lancer_oauth_get_profile_id (LancerOAuth *self)
{
  g_return_val_if_fail (LANCER_IS_OAUTH (self), NULL);
  return self->profile_id;
}

const char *
lancer_oauth_get_client_id (LancerOAuth *self)
{
  g_return_val_if_fail (LANCER_IS_OAUTH (self), NULL);
  return self->client_id;
}

const char *
lancer_oauth_get_redirect_uri (LancerOAuth *self)
{
  g_return_val_if_fail (LANCER_IS_OAUTH (self), NULL);
  return self->redirect_uri;
}

void
lancer_oauth_set_client_secret (LancerOAuth *self,
                                const char  *client_secret)
{
  g_return_if_fail (LANCER_IS_OAUTH (self));
  set_str (&self->client_secret, client_secret);
}

void
lancer_oauth_set_endpoints (LancerOAuth *self,
                            const char  *authorize_url,
                            const char  *token_url)
{
  g_return_if_fail (LANCER_IS_OAUTH (self));
  if (authorize_url != NULL)
    set_str (&self->authorize_url, authorize_url);
  if (token_url != NULL)
    set_str (&self->token_url, token_url);
}

gboolean
lancer_oauth_get_needs_sign_in (LancerOAuth *self)
{
  g_return_val_if_fail (LANCER_IS_OAUTH (self), FALSE);
  return self->needs_sign_in;
}

static void
set_needs_sign_in (LancerOAuth *self,
                   gboolean     value)
{
  if (self->needs_sign_in == value)
    return;
  self->needs_sign_in = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_SIGN_IN]);
}

/* ---- the worker thread ---- */

typedef enum
{
  JOB_ENSURE,      /* stored token if valid, else refresh */
  JOB_EXCHANGE,    /* authorization code → tokens */
} JobKind;

typedef struct
{
  JobKind  kind;
  char    *profile_id;
  char    *client_id;
  char    *client_secret;
  char    *token_url;
  char    *redirect_uri;
  char    *code;
  char    *verifier;
  char    *rejected;
} TokenJob;

typedef struct
{
  char   *access_token;
  gint64  expires_at;
} TokenResult;

static void
token_job_free (TokenJob *job)
{
  g_free (job->profile_id);
  g_free (job->client_id);
  if (job->client_secret != NULL)
    memset (job->client_secret, 0, strlen (job->client_secret));
  g_free (job->client_secret);
  g_free (job->token_url);
  g_free (job->redirect_uri);
  g_free (job->code);
  g_free (job->verifier);
  g_free (job->rejected);
  g_free (job);
}

static void
token_result_free (TokenResult *result)
{
  if (result == NULL)
    return;
  g_free (result->access_token);
  g_free (result);
}

static char *
encode_access (const char *token,
               gint64      expires_at)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "access_token");
  json_builder_add_string_value (b, token);
  json_builder_set_member_name (b, "expires_at");
  json_builder_add_int_value (b, expires_at);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static gboolean
decode_access (const char  *stored,
               char       **token,
               gint64      *expires_at)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *obj;
  const char *t;

  if (stored == NULL || !json_parser_load_from_data (parser, stored, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  obj = json_node_get_object (json_parser_get_root (parser));
  t = json_object_get_string_member_with_default (obj, "access_token", NULL);
  if (t == NULL || *t == '\0')
    return FALSE;
  *token = g_strdup (t);
  *expires_at = json_object_get_int_member_with_default (obj, "expires_at", 0);
  return TRUE;
}

/* Replaces the keyring's own error in *@error by one that says what to do.
 * Takes the cause out of *@error first: g_set_error() on a set error would
 * warn and keep the freed one. */
static void
keyring_error (GError **error)
{
  g_autoptr(GError) cause = g_steal_pointer (error);

  if (g_error_matches (cause, LANCER_SECRETS_ERROR, LANCER_SECRETS_ERROR_LOCKED))
    g_set_error (error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_KEYRING,
                 _("The keyring is locked, so Lancer cannot read its Upwork sign-in. Unlock the keyring "
                   "(in Passwords and Keys, or by logging in again) and try again."));
  else
    g_set_error (error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_KEYRING,
                 _("The keyring could not be used: %s. Unlock it and try again."),
                 cause != NULL ? cause->message : _("unknown error"));
}

static TokenResult *
post_token (TokenJob    *job,
            const char  *refresh_token,
            GError     **error)
{
  g_autoptr(SoupSession) session = lancer_http_session_new (job->token_url);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) request_body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *encoded = NULL;
  gsize encoded_len;
  g_autofree char *new_access_stored = NULL;
  GError *local = NULL;
  JsonObject *obj = NULL;
  const char *access, *refresh, *oauth_error;
  gint64 expires_in;
  guint status;
  TokenResult *result;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!lancer_http_check_url (job->token_url, &local))
    {
      g_set_error (error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_NOT_CONFIGURED, "%s", local->message);
      g_error_free (local);
      return NULL;
    }

  /* Client credentials go in the body: a Basic header alone fails with
   * "Missing parameters: client_id" (upwork-api.md §2, §7.2). */
  g_hash_table_insert (form, "client_id", job->client_id);
  g_hash_table_insert (form, "client_secret", job->client_secret);
  if (job->kind == JOB_EXCHANGE)
    {
      g_hash_table_insert (form, "grant_type", "authorization_code");
      g_hash_table_insert (form, "code", job->code);
      g_hash_table_insert (form, "redirect_uri", job->redirect_uri);
      g_hash_table_insert (form, "code_verifier", job->verifier);
    }
  else
    {
      g_hash_table_insert (form, "grant_type", "refresh_token");
      g_hash_table_insert (form, "refresh_token", (gpointer) refresh_token);
    }
  encoded = soup_form_encode_hash (form);
  encoded_len = strlen (encoded);
  msg = soup_message_new (SOUP_METHOD_POST, job->token_url);
  if (msg == NULL)
    {
      g_set_error (error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_NOT_CONFIGURED,
                   _("The Upwork token address is not a valid URL."));
      return NULL;
    }
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  request_body = g_bytes_new_take (g_steal_pointer (&encoded), encoded_len);
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", request_body);
  body = soup_session_send_and_read (session, msg, NULL, &local);
  if (body == NULL)
    {
      g_set_error (error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_TRANSIENT,
                   _("Could not reach Upwork to sign in: %s. Check the connection and try again."),
                   local->message);
      g_error_free (local);
      return NULL;
    }
  status = soup_message_get_status (msg);
  if (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    obj = json_node_get_object (json_parser_get_root (parser));

  if (obj == NULL)
    {
      g_set_error (error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_TRANSIENT,
                   status >= 500 || status == 429
                   ? _("Upwork’s sign-in service is busy (HTTP %u). Try again in a few minutes.")
                   : _("Upwork answered the sign-in with a web page instead of data (HTTP %u), "
                       "probably a bot check. Try again in a few minutes."), status);
      return NULL;
    }
  oauth_error = json_object_get_string_member_with_default (obj, "error", NULL);
  if (oauth_error != NULL || status != 200)
    {
      const char *description = json_object_get_string_member_with_default (obj, "error_description", "");

      if (g_strcmp0 (oauth_error, "invalid_grant") == 0 && job->kind == JOB_ENSURE)
        g_set_error (error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_SIGN_IN_AGAIN,
                     _("Your Upwork sign-in has expired or was revoked. Sign in again; "
                       "your stored data stays available."));
      else if (g_strcmp0 (oauth_error, "invalid_grant") == 0)
        g_set_error (error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_FAILED,
                     _("Upwork refused the authorization code. Start the sign-in again."));
      else if (g_strcmp0 (oauth_error, "invalid_client") == 0 || status == 401)
        g_set_error (error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_INVALID_CLIENT,
                     _("Upwork refused the client ID or secret. Check them in Preferences."));
      else if (status >= 500 || status == 429)
        g_set_error (error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_TRANSIENT,
                     _("Upwork’s sign-in service is busy (HTTP %u). Try again in a few minutes."), status);
      else
        g_set_error (error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_FAILED,
                     _("Upwork refused the sign-in (%s%s%s). Check the API key settings and try again."),
                     oauth_error != NULL ? oauth_error : "error", *description ? ": " : "", description);
      return NULL;
    }

  access = json_object_get_string_member_with_default (obj, "access_token", NULL);
  refresh = json_object_get_string_member_with_default (obj, "refresh_token", NULL);
  expires_in = json_object_get_int_member_with_default (obj, "expires_in", 0);
  if (expires_in <= 0 && json_object_has_member (obj, "expires_in"))
    {
      /* some answers carry it as a string ("86399") */
      const char *s = json_object_get_string_member_with_default (obj, "expires_in", "0");
      expires_in = g_ascii_strtoll (s, NULL, 10);
    }
  if (access == NULL || *access == '\0')
    {
      g_set_error (error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_FAILED,
                   _("Upwork’s sign-in answer had no access token. Try again."));
      return NULL;
    }
  if (expires_in <= 0)
    expires_in = 86400;

  /* Rotation: persist the new refresh token first, so a crash between the
   * two writes can never leave only a revoked one behind. */
  if (refresh != NULL && *refresh != '\0' &&
      !lancer_secrets_store_sync (job->profile_id, LANCER_SECRET_UPWORK_REFRESH_TOKEN, refresh, NULL, &local))
    {
      keyring_error (&local);
      g_propagate_error (error, local);
      return NULL;
    }
  new_access_stored = encode_access (access, now + expires_in);
  if (!lancer_secrets_store_sync (job->profile_id, LANCER_SECRET_UPWORK_ACCESS_TOKEN, new_access_stored, NULL, &local))
    {
      keyring_error (&local);
      g_propagate_error (error, local);
      return NULL;
    }
  result = g_new0 (TokenResult, 1);
  result->access_token = g_strdup (access);
  result->expires_at = now + expires_in;
  return result;
}

static void
token_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TokenJob *job = task_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autofree char *refresh = NULL;
  GError *error = NULL;
  TokenResult *result = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_main_context_push_thread_default (context);

  if (job->kind == JOB_ENSURE)
    {
      g_autofree char *stored = lancer_secrets_lookup_sync (job->profile_id, LANCER_SECRET_UPWORK_ACCESS_TOKEN,
                                                            cancellable, &error);
      char *token = NULL;
      gint64 expires_at = 0;

      if (error != NULL)
        {
          keyring_error (&error);
          goto out;
        }
      if (decode_access (stored, &token, &expires_at) &&
          expires_at - LANCER_OAUTH_REFRESH_MARGIN_S > now && g_strcmp0 (token, job->rejected) != 0)
        {
          result = g_new0 (TokenResult, 1);
          result->access_token = token;
          result->expires_at = expires_at;
          goto out;
        }
      g_free (token);
    }

  if (job->client_id == NULL || *job->client_id == '\0')
    {
      g_set_error (&error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_NOT_CONFIGURED,
                   _("No Upwork client ID is set. Enter your API key in Preferences."));
      goto out;
    }
  if (job->client_secret == NULL)
    {
      job->client_secret = lancer_secrets_lookup_sync (job->profile_id, LANCER_SECRET_UPWORK_CLIENT_SECRET,
                                                       cancellable, &error);
      if (error != NULL)
        {
          keyring_error (&error);
          goto out;
        }
      if (job->client_secret == NULL)
        {
          g_set_error (&error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_NOT_CONFIGURED,
                       _("No Upwork client secret is stored. Enter your API key in Preferences."));
          goto out;
        }
    }

  if (job->kind == JOB_ENSURE)
    {
      refresh = lancer_secrets_lookup_sync (job->profile_id, LANCER_SECRET_UPWORK_REFRESH_TOKEN, cancellable, &error);
      if (error != NULL)
        {
          keyring_error (&error);
          goto out;
        }
      if (refresh == NULL)
        {
          g_set_error (&error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_NOT_SIGNED_IN,
                       _("Lancer is not connected to Upwork yet. Sign in first."));
          goto out;
        }
    }
  result = post_token (job, refresh, &error);
  if (refresh != NULL)
    memset (refresh, 0, strlen (refresh));

out:
  g_main_context_pop_thread_default (context);
  if (result != NULL)
    g_task_return_pointer (task, result, (GDestroyNotify) token_result_free);
  else
    g_task_return_error (task, error);
}

static TokenJob *
token_job_new (LancerOAuth *self,
               JobKind      kind)
{
  TokenJob *job = g_new0 (TokenJob, 1);

  job->kind = kind;
  job->profile_id = g_strdup (self->profile_id);
  job->client_id = g_strdup (self->client_id);
  job->client_secret = g_strdup (self->client_secret);
  job->token_url = g_strdup (self->token_url);
  job->redirect_uri = g_strdup (self->redirect_uri);
  return job;
}

static void
cache_result (LancerOAuth *self,
              TokenResult *result)
{
  set_str (&self->access_token, result->access_token);
  self->expires_at = result->expires_at;
  set_needs_sign_in (self, FALSE);
}

/* ---- access tokens ---- */

static void
ensure_done (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(LancerOAuth) self = user_data;
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(GError) error = NULL;
  TokenResult *result = g_task_propagate_pointer (G_TASK (res), &error);

  self->refreshing = FALSE;
  waiters = g_steal_pointer (&self->waiters);
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);

  if (result != NULL)
    cache_result (self, result);
  else if (g_error_matches (error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_SIGN_IN_AGAIN))
    {
      g_clear_pointer (&self->access_token, g_free);
      set_needs_sign_in (self, TRUE);
    }

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);
      if (result != NULL)
        g_task_return_pointer (task, g_strdup (result->access_token), g_free);
      else
        g_task_return_error (task, g_error_copy (error));
    }
  token_result_free (result);
}

void
lancer_oauth_get_access_token_async (LancerOAuth         *self,
                                     const char          *rejected_token,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_if_fail (LANCER_IS_OAUTH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_oauth_get_access_token_async);

  /* Upwork refused the refresh token: asking again cannot help, and a
   * loop of failing requests is what gets keys banned. Until the user
   * signs in again, every request stops here. */
  if (self->needs_sign_in)
    {
      g_task_return_new_error (task, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_SIGN_IN_AGAIN,
                               _("Your Upwork sign-in has expired or was revoked. Sign in again; "
                                 "your stored data stays available."));
      return;
    }
  if (self->access_token != NULL && self->expires_at - LANCER_OAUTH_REFRESH_MARGIN_S > now &&
      g_strcmp0 (self->access_token, rejected_token) != 0)
    {
      g_task_return_pointer (task, g_strdup (self->access_token), g_free);
      return;
    }

  g_ptr_array_add (self->waiters, g_steal_pointer (&task));
  if (!self->refreshing)
    {
      g_autoptr(GTask) worker = g_task_new (self, NULL, ensure_done, g_object_ref (self));
      TokenJob *job = token_job_new (self, JOB_ENSURE);

      /* a token we know is stale must not come back from the keyring */
      job->rejected = g_strdup (rejected_token != NULL ? rejected_token : self->access_token);
      self->refreshing = TRUE;
      g_task_set_task_data (worker, job, (GDestroyNotify) token_job_free);
      g_task_run_in_thread (worker, token_worker);
    }
}

char *
lancer_oauth_get_access_token_finish (LancerOAuth   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
lancer_oauth_sign_out_sync (LancerOAuth   *self,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_return_val_if_fail (LANCER_IS_OAUTH (self), FALSE);

  g_clear_pointer (&self->access_token, g_free);
  self->expires_at = 0;
  return lancer_secrets_clear_sync (self->profile_id, LANCER_SECRET_UPWORK_ACCESS_TOKEN, cancellable, error) &&
         lancer_secrets_clear_sync (self->profile_id, LANCER_SECRET_UPWORK_REFRESH_TOKEN, cancellable, error);
}

/* ---- sign-in ---- */

/* Base64url without padding (RFC 7636 appendix A). */
static char *
base64url (const guint8 *data,
           gsize         len)
{
  g_autofree char *b64 = g_base64_encode (data, len);

  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  g_strdelimit (b64, "=", '\0');
  return g_strdup (b64);
}

/* state and the PKCE verifier guard the sign-in: they come from the
 * system's cryptographic generator (libsodium), not GLib's PRNG. */
static char *
random_urlsafe (gsize n_bytes)
{
  g_autofree guint8 *bytes = g_new (guint8, n_bytes);
  char *text;

  if (sodium_init () < 0)
    g_error ("libsodium could not start");
  randombytes_buf (bytes, n_bytes);
  text = base64url (bytes, n_bytes);
  sodium_memzero (bytes, n_bytes);
  return text;
}

static char *
pkce_challenge (const char *verifier)
{
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (sum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (sum, digest, &len);
  return base64url (digest, len);
}

static void
finish_sign_in (LancerOAuth *self,
                GError      *error)
{
  stop_listener (self);
  if (self->sign_in_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->sign_in_task);
      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
    }
  else
    {
      self->sign_in_done = TRUE;
      g_clear_error (&self->sign_in_error);
      self->sign_in_error = error;
    }
}

static void send_page (SoupServerMessage *msg,
                       guint              status,
                       const char        *title,
                       const char        *text);

/* The browser's request for the redirect waits, paused, until the code is
 * exchanged and the tokens are in the keyring: its page says "connected"
 * only when Lancer is. */
typedef struct
{
  LancerOAuth       *self;
  SoupServerMessage *msg;
  GError            *error;
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  g_clear_object (&exchange->self);
  g_clear_object (&exchange->msg);
  g_clear_error (&exchange->error);
  g_free (exchange);
}

static gboolean
finish_after_page_cb (gpointer data)
{
  Exchange *exchange = data;

  finish_sign_in (exchange->self, g_steal_pointer (&exchange->error));
  exchange_free (exchange);
  return G_SOURCE_REMOVE;
}

/* The page is out: the listener can go, but not from inside its own
 * signal emission. */
static void
page_sent_cb (SoupServerMessage *msg,
              Exchange          *exchange)
{
  g_signal_handlers_disconnect_by_data (msg, exchange);
  /* default priority: a window that keeps drawing would starve an idle */
  g_idle_add_full (G_PRIORITY_DEFAULT, finish_after_page_cb, exchange, NULL);
}

static void
exchange_done (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  Exchange *exchange = user_data;
  LancerOAuth *self = exchange->self;
  TokenResult *result = g_task_propagate_pointer (G_TASK (res), &exchange->error);

  if (result != NULL)
    {
      cache_result (self, result);
      token_result_free (result);
    }
  if (self->listener == NULL)
    {
      /* cancelled meanwhile: nobody waits for the page */
      exchange_free (exchange);
      return;
    }
  if (exchange->error == NULL)
    send_page (exchange->msg, 200, _("Lancer is connected"), _("You can close this tab and go back to Lancer."));
  else
    send_page (exchange->msg, 200, _("Lancer was not connected"), exchange->error->message);
  g_signal_connect (exchange->msg, "finished", G_CALLBACK (page_sent_cb), exchange);
  soup_server_message_unpause (exchange->msg);
}

static void
send_page (SoupServerMessage *msg,
           guint              status,
           const char        *title,
           const char        *text)
{
  g_autofree char *t = g_markup_escape_text (title, -1);
  g_autofree char *x = g_markup_escape_text (text, -1);
  g_autofree char *page = g_strdup_printf ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                                           "<title>%s</title></head><body style=\"font-family:sans-serif;"
                                           "margin:4em auto;max-width:32em\"><h1>%s</h1><p>%s</p></body></html>",
                                           t, t, x);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY, page, strlen (page));
}

static void
redirect_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  LancerOAuth *self = user_data;
  const char *code = query != NULL ? g_hash_table_lookup (query, "code") : NULL;
  const char *state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;
  const char *oauth_error = query != NULL ? g_hash_table_lookup (query, "error") : NULL;
  g_autoptr(GTask) worker = NULL;
  Exchange *exchange;
  TokenJob *job;

  if (code == NULL && oauth_error == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  if (self->verifier == NULL || self->sign_in_done)
    {
      send_page (msg, 409, _("Sign-in already handled"), _("You can close this tab."));
      return;
    }
  if (state == NULL || g_strcmp0 (state, self->state) != 0)
    {
      send_page (msg, 400, _("Sign-in failed"), _("The answer did not belong to this sign-in. Start it again from Lancer."));
      finish_sign_in (self, g_error_new (LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_STATE_MISMATCH,
                                         _("The sign-in answer did not match the request (state). "
                                           "Start the sign-in again.")));
      return;
    }
  if (oauth_error != NULL)
    {
      const char *description = g_hash_table_lookup (query, "error_description");

      send_page (msg, 200, _("Sign-in cancelled"), _("Lancer was not connected. You can close this tab."));
      finish_sign_in (self, g_error_new (LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_DENIED,
                                         _("Upwork did not authorize Lancer (%s). Try again and choose Allow."),
                                         description != NULL ? description : oauth_error));
      return;
    }

  job = token_job_new (self, JOB_EXCHANGE);
  job->code = g_strdup (code);
  job->verifier = g_steal_pointer (&self->verifier);
  exchange = g_new0 (Exchange, 1);
  exchange->self = g_object_ref (self);
  exchange->msg = g_object_ref (msg);
  soup_server_message_pause (msg);
  worker = g_task_new (self, NULL, exchange_done, exchange);
  g_task_set_task_data (worker, job, (GDestroyNotify) token_job_free);
  g_task_run_in_thread (worker, token_worker);
}

char *
lancer_oauth_start_sign_in (LancerOAuth  *self,
                            GError      **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GString) url = NULL;
  g_autofree char *challenge = NULL;
  GError *local = NULL;
  const char *host;
  const char *path;
  int port;

  g_return_val_if_fail (LANCER_IS_OAUTH (self), NULL);

  if (self->client_id == NULL || *self->client_id == '\0')
    {
      g_set_error (error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_NOT_CONFIGURED,
                   _("No Upwork client ID is set. Enter your API key in Preferences."));
      return NULL;
    }
  if (self->redirect_uri == NULL ||
      (uri = g_uri_parse (self->redirect_uri, G_URI_FLAGS_NONE, NULL)) == NULL ||
      g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 ||
      !lancer_http_host_is_loopback (g_uri_get_host (uri)) || g_uri_get_port (uri) <= 0)
    {
      g_set_error (error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_NOT_CONFIGURED,
                   _("The redirect URI must be a loopback address with a port, such as "
                     "http://localhost:8765/callback, and match the one registered with the API key."));
      return NULL;
    }
  if (!lancer_http_check_url (self->authorize_url, &local))
    {
      g_set_error (error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_NOT_CONFIGURED, "%s", local->message);
      g_error_free (local);
      return NULL;
    }

  lancer_oauth_cancel_sign_in (self);
  self->sign_in_done = FALSE;
  g_clear_error (&self->sign_in_error);

  host = g_uri_get_host (uri);
  port = g_uri_get_port (uri);
  path = g_uri_get_path (uri);
  if (path == NULL || *path == '\0')
    path = "/";
  address = g_inet_socket_address_new_from_string (g_strcmp0 (host, "::1") == 0 || g_strcmp0 (host, "[::1]") == 0
                                                   ? "::1" : "127.0.0.1", (guint) port);
  self->listener = soup_server_new ("server-header", "Lancer", NULL);
  soup_server_add_handler (self->listener, path, redirect_cb, self, NULL);
  /* "localhost" may reach the browser as 127.0.0.1 or ::1: listen on both */
  if (g_ascii_strcasecmp (host, "localhost") == 0
      ? !soup_server_listen_local (self->listener, (guint) port, 0, &local)
      : !soup_server_listen (self->listener, address, 0, &local))
    {
      g_set_error (error, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_LISTEN_FAILED,
                   _("Could not listen on %s:%d for the sign-in (%s). Close the program using that "
                     "port or change the redirect URI."), host, port, local->message);
      g_error_free (local);
      g_clear_object (&self->listener);
      return NULL;
    }

  g_free (self->state);
  g_free (self->verifier);
  self->state = random_urlsafe (24);
  self->verifier = random_urlsafe (48);
  challenge = pkce_challenge (self->verifier);

  url = g_string_new (self->authorize_url);
  g_string_append_c (url, strchr (self->authorize_url, '?') != NULL ? '&' : '?');
  g_string_append (url, "response_type=code&client_id=");
  g_string_append_uri_escaped (url, self->client_id, NULL, FALSE);
  g_string_append (url, "&redirect_uri=");
  g_string_append_uri_escaped (url, self->redirect_uri, NULL, FALSE);
  g_string_append (url, "&state=");
  g_string_append (url, self->state);
  g_string_append (url, "&code_challenge=");
  g_string_append (url, challenge);
  g_string_append (url, "&code_challenge_method=S256");
  return g_string_free (g_steal_pointer (&url), FALSE);
}

void
lancer_oauth_wait_for_sign_in_async (LancerOAuth         *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LANCER_IS_OAUTH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_oauth_wait_for_sign_in_async);
  if (self->sign_in_done)
    {
      self->sign_in_done = FALSE;
      if (self->sign_in_error != NULL)
        g_task_return_error (task, g_steal_pointer (&self->sign_in_error));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }
  if (self->listener == NULL)
    {
      g_task_return_new_error (task, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_FAILED,
                               _("No sign-in is in progress."));
      return;
    }
  if (self->sign_in_task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, _("A sign-in is already in progress."));
      return;
    }
  self->sign_in_task = g_steal_pointer (&task);
}

gboolean
lancer_oauth_wait_for_sign_in_finish (LancerOAuth   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
lancer_oauth_cancel_sign_in (LancerOAuth *self)
{
  g_return_if_fail (LANCER_IS_OAUTH (self));

  g_clear_pointer (&self->verifier, g_free);
  if (self->listener != NULL || self->sign_in_task != NULL)
    finish_sign_in (self, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Sign-in was cancelled.")));
  self->sign_in_done = FALSE;
  g_clear_error (&self->sign_in_error);
}

/* ---- visiting a URL without a browser ---- */

static void
visit_done (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), res, &error);

  if (body == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
lancer_oauth_visit_async (const char          *url,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(SoupSession) session = lancer_http_session_new (url);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);

  g_task_set_source_tag (task, lancer_oauth_visit_async);
  if (msg == NULL)
    {
      g_task_return_new_error (task, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_FAILED, _("Invalid URL."));
      return;
    }
  g_task_set_task_data (task, g_object_ref (session), g_object_unref);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, cancellable, visit_done,
                                    g_steal_pointer (&task));
}

gboolean
lancer_oauth_visit_finish (GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
