/* lancer-oauth.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LANCER_OAUTH_ERROR (lancer_oauth_error_quark ())

typedef enum
{
  LANCER_OAUTH_ERROR_FAILED,
  LANCER_OAUTH_ERROR_NOT_CONFIGURED,   /* no client id, client secret or redirect URI */
  LANCER_OAUTH_ERROR_NOT_SIGNED_IN,    /* no tokens stored yet */
  LANCER_OAUTH_ERROR_SIGN_IN_AGAIN,    /* invalid_grant: the refresh token expired or was revoked */
  LANCER_OAUTH_ERROR_STATE_MISMATCH,   /* the redirect did not carry our state */
  LANCER_OAUTH_ERROR_DENIED,           /* the user or Upwork refused the authorization */
  LANCER_OAUTH_ERROR_INVALID_CLIENT,   /* wrong client id or secret */
  LANCER_OAUTH_ERROR_TRANSIENT,        /* network, 5xx, HTML challenge: try again later */
  LANCER_OAUTH_ERROR_LISTEN_FAILED,    /* the redirect URI's port is taken or not loopback */
  LANCER_OAUTH_ERROR_KEYRING,          /* the keyring refused to store or read */
} LancerOAuthError;

#define LANCER_UPWORK_DEFAULT_AUTHORIZE_URL "https://www.upwork.com/ab/account-security/oauth2/authorize"
#define LANCER_UPWORK_DEFAULT_TOKEN_URL     "https://www.upwork.com/api/v3/oauth2/token"
#define LANCER_UPWORK_DEFAULT_GRAPHQL_URL   "https://api.upwork.com/graphql"

/* Refresh this long before the access token expires. */
#define LANCER_OAUTH_REFRESH_MARGIN_S 300

#define LANCER_TYPE_OAUTH (lancer_oauth_get_type ())

G_DECLARE_FINAL_TYPE (LancerOAuth, lancer_oauth, LANCER, OAUTH, GObject)

GQuark       lancer_oauth_error_quark          (void);

/* Endpoint URLs: LANCER_UPWORK_{AUTHORIZE,TOKEN,GRAPHQL}_URL, else Upwork's. */
const char  *lancer_oauth_default_authorize_url (void);
const char  *lancer_oauth_default_token_url     (void);
const char  *lancer_oauth_default_graphql_url   (void);

/* Tokens of @profile_id live in the keyring (LANCER_SECRET_UPWORK_*), and
 * so does the client secret unless lancer_oauth_set_client_secret() gave
 * one (the demo profile). Use the object from the thread that made it. */
LancerOAuth *lancer_oauth_new                  (const char          *profile_id,
                                                const char          *client_id,
                                                const char          *redirect_uri);
const char  *lancer_oauth_get_profile_id       (LancerOAuth         *self);
const char  *lancer_oauth_get_client_id        (LancerOAuth         *self);
const char  *lancer_oauth_get_redirect_uri     (LancerOAuth         *self);
void         lancer_oauth_set_client_secret    (LancerOAuth         *self,
                                                const char          *client_secret);
void         lancer_oauth_set_endpoints        (LancerOAuth         *self,
                                                const char          *authorize_url,
                                                const char          *token_url);
/* TRUE once a refresh failed with invalid_grant (property "needs-sign-in");
 * the UI shows a "Sign in again" banner. Cleared by a successful sign-in. */
gboolean     lancer_oauth_get_needs_sign_in    (LancerOAuth         *self);

/* Sign-in, step 1: starts the loopback listener on the redirect URI's host
 * and port and returns the authorization URL (with state and PKCE S256)
 * to open in the browser. */
char        *lancer_oauth_start_sign_in        (LancerOAuth         *self,
                                                GError             **error);
/* Step 2: waits for the browser to come back, checks state, exchanges the
 * code (client credentials in the form body) and stores the tokens. */
void         lancer_oauth_wait_for_sign_in_async  (LancerOAuth      *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean     lancer_oauth_wait_for_sign_in_finish (LancerOAuth      *self,
                                                GAsyncResult        *result,
                                                GError             **error);
void         lancer_oauth_cancel_sign_in       (LancerOAuth         *self);

/* A valid access token: the cached one, or one refreshed when it expires
 * within LANCER_OAUTH_REFRESH_MARGIN_S. Pass the token Upwork just refused
 * with 401 as @rejected_token to force a refresh (concurrent callers share
 * one refresh). The rotated refresh token is stored before the new access
 * token is used. */
void         lancer_oauth_get_access_token_async  (LancerOAuth      *self,
                                                const char          *rejected_token,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
char        *lancer_oauth_get_access_token_finish (LancerOAuth      *self,
                                                GAsyncResult        *result,
                                                GError             **error);
/* Forgets the tokens (keyring included). Blocks: threads and the CLI only. */
gboolean     lancer_oauth_sign_out_sync        (LancerOAuth         *self,
                                                GCancellable        *cancellable,
                                                GError             **error);

/* Tests and the demo: GETs @url without a browser and lets the redirect
 * land on the loopback listener. */
void         lancer_oauth_visit_async          (const char          *url,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean     lancer_oauth_visit_finish         (GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
