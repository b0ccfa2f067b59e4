/* lancer-session.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-audit.h"
#include "lancer-lock-guard.h"
#include "lancer-profile-manager.h"
#include "lancer-scorer.h"
#include "lancer-oauth.h"
#include "lancer-store.h"
#include "lancer-sync.h"
#include "lancer-upwork-parse.h"

G_BEGIN_DECLS

typedef enum
{
  LANCER_SESSION_OPENING,
  LANCER_SESSION_READY,
  LANCER_SESSION_FAILED,
} LancerSessionState;

#define LANCER_TYPE_SESSION (lancer_session_get_type ())
G_DECLARE_FINAL_TYPE (LancerSession, lancer_session, LANCER, SESSION, GObject)

/* Everything that belongs to the open profile: its settings, its store, its
 * lock and its audit log. The app, the CLI and tests share this object, so
 * they all open a profile the same way. Opening the store happens on the
 * store's worker thread; watch :state. */
LancerSession      *lancer_session_new                 (LancerProfileManager *manager,
                                                        LancerProfile        *profile);
void                lancer_session_open                (LancerSession        *self);

LancerProfileManager *lancer_session_get_profile_manager (LancerSession      *self);
LancerProfile      *lancer_session_get_profile         (LancerSession        *self);
GSettings          *lancer_session_get_settings        (LancerSession        *self);
LancerStore        *lancer_session_get_store           (LancerSession        *self);
LancerLockGuard    *lancer_session_get_lock_guard      (LancerSession        *self);
LancerAuditLog     *lancer_session_get_audit_log       (LancerSession        *self);
LancerSessionState  lancer_session_get_state           (LancerSession        *self);
/* Why the session failed to open, translated; NULL otherwise. */
const char         *lancer_session_get_error_message   (LancerSession        *self);
gboolean            lancer_session_get_is_demo         (LancerSession        *self);

/* Upwork. The connection is set up once the store is open and the profile
 * has a client ID; the sync runs once the user has signed in. */
void                lancer_session_set_upwork_endpoints (LancerSession       *self,
                                                        const char          *authorize_url,
                                                        const char          *token_url,
                                                        const char          *graphql_url);
/* Only the demo passes the secret directly; real profiles use the keyring. */
void                lancer_session_set_upwork_client_secret (LancerSession   *self,
                                                        const char          *client_secret);
/* Rebuilds the connection after the client ID or redirect URI changed. */
void                lancer_session_reconfigure_upwork  (LancerSession        *self);
LancerOAuth        *lancer_session_get_oauth           (LancerSession        *self);
LancerSync         *lancer_session_get_sync            (LancerSession        *self);
gboolean            lancer_session_get_signed_in       (LancerSession        *self);

/* Called with the authorization URL; open it in the browser (or, for the
 * demo, visit it directly). */
typedef void (*LancerOpenUriFunc) (const char *uri,
                                   gpointer    user_data);

void                lancer_session_sign_in_async       (LancerSession        *self,
                                                        LancerOpenUriFunc     open_uri,
                                                        gpointer              open_uri_data,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean            lancer_session_sign_in_finish      (LancerSession        *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
/* Stops the sync, forgets the Upwork tokens (keyring) and who was signed
 * in, and rebuilds the connection, signed out. On failure the user stays
 * signed in. */
void                lancer_session_sign_out_async      (LancerSession        *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean            lancer_session_sign_out_finish     (LancerSession        *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* The signed-in Upwork account (name, organizations) as stored in the
 * profile, or NULL: not signed in, or not read yet. Upwork is asked once
 * after signing in; after that only lancer_session_refresh_upwork_account_async()
 * asks again. ::notify::upwork-account tells of a change. */
const LancerUpworkUser *lancer_session_get_upwork_account (LancerSession     *self);
void                lancer_session_refresh_upwork_account_async  (LancerSession       *self,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
gboolean            lancer_session_refresh_upwork_account_finish (LancerSession       *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);

/* The local success score of this profile's jobs. The scorer exists once
 * the session is ready (NULL before) and knows the user's skills; the
 * session trains it and writes the scores; pages only ask and show. */
LancerScorer       *lancer_session_get_scorer          (LancerSession        *self);
/* Trains the scorer on the profile's proposal outcomes (a thread; the
 * heuristic stays in use until there are enough of them). */
void                lancer_session_train_scorer_async  (LancerSession        *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean            lancer_session_train_scorer_finish (LancerSession        *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
/* Writes a local score for every job whose score is missing or came from
 * another model, in chunks on the store worker. Returns how many were
 * scored (0 with a read-only store), or -1 on error. */
void                lancer_session_update_scores_async (LancerSession        *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gssize              lancer_session_update_scores_finish (LancerSession       *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
