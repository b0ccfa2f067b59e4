/* lancer-session.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lancer-secrets.h"
#include "lancer-session.h"
#include "lancer-store-account.h"
#include "lancer-upwork-client.h"

struct _LancerSession
{
  GObject                parent_instance;

  LancerProfileManager  *manager;
  LancerProfile         *profile;
  GSettings             *settings;
  LancerStore           *store;
  LancerLockGuard       *lock_guard;
  LancerAuditLog        *audit_log;
  GCancellable          *cancellable;
  guint                  opening_steps;   /* store and lock state still loading */
  GCancellable          *lock_cancellable;
  guint                  lock_timeout_id;

  LancerSessionState     state;
  char                  *error_message;

  /* Upwork */
  char                  *authorize_url;
  char                  *token_url;
  char                  *graphql_url;
  char                  *client_secret;
  LancerOAuth           *oauth;
  LancerUpworkClient    *client;
  LancerSync            *sync;
  GCancellable          *upwork_cancellable;
  gboolean               signed_in;
  LancerUpworkUser      *account;

  LancerScorer          *scorer;
};

enum {
  PROP_0,
  PROP_PROFILE_MANAGER,
  PROP_PROFILE,
  PROP_STORE,
  PROP_STATE,
  PROP_ERROR_MESSAGE,
  PROP_SYNC,
  PROP_SIGNED_IN,
  PROP_UPWORK_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerSession, lancer_session, G_TYPE_OBJECT)

static void
set_state (LancerSession      *self,
           LancerSessionState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
}

static void setup_upwork (LancerSession *self);

static void
set_signed_in (LancerSession *self,
               gboolean       signed_in)
{
  if (self->signed_in == signed_in)
    return;
  self->signed_in = signed_in;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SIGNED_IN]);
}

static void
set_account (LancerSession    *self,
             LancerUpworkUser *account)
{
  if (self->account == NULL && account == NULL)
    return;
  g_clear_pointer (&self->account, lancer_upwork_user_free);
  self->account = account;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UPWORK_ACCOUNT]);
}

/* Refreshing the account: Upwork's answer to `me` is stored, then read
 * back and parsed on the store's worker, so what is shown is what is kept. */

static void
account_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LancerSession *self = g_task_get_source_object (task);
  GError *error = NULL;
  LancerUpworkUser *account = lancer_store_load_upwork_account_finish (LANCER_STORE (source), result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!g_task_return_error_if_cancelled (task))
    {
      set_account (self, account);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_clear_pointer (&account, lancer_upwork_user_free);
}

static void
account_saved_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  if (!lancer_store_save_upwork_account_finish (LANCER_STORE (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  lancer_store_load_upwork_account_async (LANCER_STORE (source), cancellable,
                                          account_loaded_cb, g_steal_pointer (&task));
}

static void
me_answered_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LancerSession *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;
  g_autoptr(JsonNode) data = lancer_upwork_client_query_finish (LANCER_UPWORK_CLIENT (source), result, &error);

  if (data == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  lancer_store_save_upwork_account_async (self->store, data, cancellable,
                                          account_saved_cb, g_steal_pointer (&task));
}

void
lancer_session_refresh_upwork_account_async (LancerSession       *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LANCER_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_session_refresh_upwork_account_async);
  if (self->client == NULL || self->store == NULL || !self->signed_in)
    {
      g_task_return_new_error (task, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_NOT_SIGNED_IN,
                               _("Sign in to Upwork first."));
      return;
    }
  lancer_upwork_client_query_async (self->client, "me", NULL, cancellable,
                                    me_answered_cb, g_steal_pointer (&task));
}

gboolean
lancer_session_refresh_upwork_account_finish (LancerSession  *self,
                                              GAsyncResult   *result,
                                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

const LancerUpworkUser *
lancer_session_get_upwork_account (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), NULL);
  return self->account;
}

static void
account_refreshed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lancer_session_refresh_upwork_account_finish (LANCER_SESSION (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not read the Upwork account: %s", error->message);
}

static void
stored_account_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LancerSession) self = user_data;
  g_autoptr(GError) error = NULL;
  LancerUpworkUser *account = lancer_store_load_upwork_account_finish (LANCER_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->signed_in)
    {
      g_clear_pointer (&account, lancer_upwork_user_free);
      return;
    }
  if (account != NULL)
    set_account (self, account);
  else
    lancer_session_refresh_upwork_account_async (self, self->upwork_cancellable, account_refreshed_cb, NULL);
}

/* @fresh: just signed in, maybe as someone else: ask Upwork; otherwise
 * the stored account is shown and Upwork asked only if there is none. */
/* "97 proposals": what a run fetched of one resource, in words. */
static char *
count_in_words (guint resource,
                guint n)
{
  switch (resource)
    {
    case 0: return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u job", "%u jobs", n), n);
    case 1: return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u proposal", "%u proposals", n), n);
    case 2: return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message", "%u messages", n), n);
    case 3: return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contract", "%u contracts", n), n);
    case 4: return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day of work", "%u days of work", n), n);
    case 5: return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u payment", "%u payments", n), n);
    default: return NULL;
    }
}

/* Every run goes into the activity log as what it brought, in words. */
static void
sync_finished_cb (LancerSession          *self,
                  const LancerSyncReport *report,
                  const char             *error)
{
  g_autoptr(GString) detail = g_string_new (NULL);

  if (self->audit_log == NULL)
    return;
  if (error != NULL && (report == NULL || lancer_sync_report_is_partial (report)))
    {
      lancer_audit_record (self->audit_log, LANCER_AUDIT_SYNC, "failed", error);
      return;
    }
  for (guint i = 0; i < LANCER_SYNC_N_RESOURCES; i++)
    {
      g_autofree char *words = report->attempted[i] ? count_in_words (i, report->counts[i]) : NULL;

      if (words == NULL)
        continue;
      if (detail->len > 0)
        g_string_append (detail, ", ");
      g_string_append (detail, words);
    }
  if (report->new_jobs > 0)
    {
      g_string_append (detail, detail->len > 0 ? "; " : "");
      g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE, "%u new job", "%u new jobs", report->new_jobs),
                              report->new_jobs);
    }
  lancer_audit_record (self->audit_log, LANCER_AUDIT_SYNC, "finished", detail->len > 0 ? detail->str : NULL);
}

static void
start_sync (LancerSession *self,
            gboolean       fresh)
{
  set_signed_in (self, TRUE);
  if (self->sync != NULL)
    lancer_sync_start (self->sync);
  if (fresh)
    lancer_session_refresh_upwork_account_async (self, self->upwork_cancellable, account_refreshed_cb, NULL);
  else if (self->store != NULL)
    lancer_store_load_upwork_account_async (self->store, self->upwork_cancellable,
                                            stored_account_cb, g_object_ref (self));
}

static void
refresh_token_found_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(LancerSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = lancer_secrets_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->oauth == NULL)
    return;
  if (error != NULL)
    g_message ("Upwork sign-in state unknown: %s", error->message);
  if (token != NULL)
    start_sync (self, FALSE);
}

static void
teardown_upwork (LancerSession *self)
{
  g_cancellable_cancel (self->upwork_cancellable);
  g_clear_object (&self->upwork_cancellable);
  if (self->sync != NULL)
    lancer_sync_stop (self->sync);
  g_clear_object (&self->sync);
  g_clear_object (&self->client);
  g_clear_object (&self->oauth);
  set_signed_in (self, FALSE);
  set_account (self, NULL);
}

/* The organization picked in Preferences; empty: the account's default. */
static void
apply_tenant_id (LancerSession *self)
{
  g_autofree char *tenant_id = NULL;

  if (self->client == NULL || self->settings == NULL)
    return;
  tenant_id = g_settings_get_string (self->settings, "upwork-tenant-id");
  lancer_upwork_client_set_tenant_id (self->client, tenant_id[0] != '\0' ? tenant_id : NULL);
}

/* A connection needs the user's own API key: nothing happens without it. */
static void
setup_upwork (LancerSession *self)
{
  g_autofree char *client_id = NULL;
  g_autofree char *redirect_uri = NULL;
  g_autofree char *usage_file = NULL;

  teardown_upwork (self);
  if (self->store == NULL || self->settings == NULL)
    goto out;

  client_id = g_settings_get_string (self->settings, "upwork-client-id");
  redirect_uri = g_settings_get_string (self->settings, "upwork-redirect-uri");
  if (client_id[0] == '\0')
    goto out;

  self->upwork_cancellable = g_cancellable_new ();
  self->oauth = lancer_oauth_new (lancer_profile_get_id (self->profile), client_id, redirect_uri);
  if (self->client_secret != NULL)
    lancer_oauth_set_client_secret (self->oauth, self->client_secret);
  if (self->authorize_url != NULL)
    lancer_oauth_set_endpoints (self->oauth, self->authorize_url, self->token_url);
  self->client = lancer_upwork_client_new (self->oauth);
  if (self->graphql_url != NULL)
    lancer_upwork_client_set_graphql_url (self->client, self->graphql_url);
  apply_tenant_id (self);
  usage_file = g_build_filename (lancer_profile_get_dir (self->profile), "upwork-usage", NULL);
  lancer_upwork_client_set_usage_file (self->client, usage_file);
  self->sync = lancer_sync_new (self->store, self->client);
  g_signal_connect_object (self->sync, "finished", G_CALLBACK (sync_finished_cb), self, G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "sync-interval-minutes",
                   self->sync, "interval-minutes", G_SETTINGS_BIND_GET);

  /* Signed in before? Then sync right away. */
  lancer_secrets_lookup_async (lancer_profile_get_id (self->profile),
                               LANCER_SECRET_UPWORK_REFRESH_TOKEN,
                               self->upwork_cancellable, refresh_token_found_cb,
                               g_object_ref (self));
out:
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SYNC]);
}

/* The skills overlap feature of the score uses the writer's skill list. */
static void
apply_user_skills (LancerSession *self)
{
  g_autofree char *skills = g_settings_get_string (self->settings, "ai-writer-skills");
  g_auto(GStrv) list = g_strsplit (skills, ",", -1);

  for (guint i = 0; list[i] != NULL; i++)
    g_strstrip (list[i]);
  lancer_scorer_set_user_skills (self->scorer, (const char * const *) list);
}

/* Ready only once the keyring has said whether the lock is on, so a profile
 * whose lock-state.ini was deleted never shows its data unlocked. */
static void
opening_step_done (LancerSession *self)
{
  g_assert (self->opening_steps > 0);
  if (--self->opening_steps > 0 || self->store == NULL)
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
  self->scorer = lancer_scorer_new ();
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::ai-writer-skills",
                               G_CALLBACK (apply_user_skills), self, G_CONNECT_SWAPPED);
      apply_user_skills (self);
    }
  /* The connection exists by the time anyone hears the session is ready. */
  setup_upwork (self);
  set_state (self, LANCER_SESSION_READY);
}

static void
store_opened_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LancerSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerStore) store = lancer_store_open_finish (result, &error);

  if (store == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not open the profile's database: %s", error->message);
      g_free (self->error_message);
      self->error_message = g_strdup (error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ERROR_MESSAGE]);
      set_state (self, LANCER_SESSION_FAILED);
      return;
    }

  self->store = g_steal_pointer (&store);
  opening_step_done (self);
}

static void
lock_state_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LancerSession) self = user_data;

  lancer_lock_guard_load_finish (LANCER_LOCK_GUARD (source), result);
  g_clear_handle_id (&self->lock_timeout_id, g_source_remove);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  opening_step_done (self);
}

/* A keyring that never answers (a prompt nobody sees) must not keep the
 * profile from opening; the lock's cached state then decides. */
static gboolean
lock_state_timeout_cb (gpointer data)
{
  LancerSession *self = data;

  self->lock_timeout_id = 0;
  g_message ("The keyring did not answer about the app lock; using its cached state");
  g_cancellable_cancel (self->lock_cancellable);
  return G_SOURCE_REMOVE;
}

void
lancer_session_open (LancerSession *self)
{
  g_return_if_fail (LANCER_IS_SESSION (self));

  if (self->store != NULL || self->cancellable != NULL)
    return;
  self->cancellable = g_cancellable_new ();
  self->opening_steps = 2;
  self->lock_cancellable = g_cancellable_new ();
  self->lock_timeout_id = g_timeout_add_seconds (10, lock_state_timeout_cb, self);
  lancer_lock_guard_load_async (self->lock_guard, self->lock_cancellable, lock_state_loaded_cb, g_object_ref (self));
  lancer_store_open_async (self->profile, self->cancellable, store_opened_cb, g_object_ref (self));
}

static void
lancer_session_constructed (GObject *object)
{
  LancerSession *self = LANCER_SESSION (object);
  const char *dir = lancer_profile_get_dir (self->profile);

  G_OBJECT_CLASS (lancer_session_parent_class)->constructed (object);

  self->settings = lancer_profile_dup_settings (self->profile);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::upwork-tenant-id",
                             G_CALLBACK (apply_tenant_id), self, G_CONNECT_SWAPPED);
  self->audit_log = lancer_audit_log_new_for_profile_dir (dir);
  self->lock_guard = lancer_lock_guard_new (lancer_profile_get_id (self->profile), dir);
  lancer_lock_guard_set_audit_log (self->lock_guard, self->audit_log);
}

static void
lancer_session_dispose (GObject *object)
{
  LancerSession *self = LANCER_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->lock_timeout_id, g_source_remove);
  g_cancellable_cancel (self->lock_cancellable);
  g_clear_object (&self->lock_cancellable);
  teardown_upwork (self);
  g_clear_object (&self->scorer);
  g_clear_object (&self->store);
  g_clear_object (&self->lock_guard);
  g_clear_object (&self->audit_log);
  g_clear_object (&self->settings);
  g_clear_object (&self->profile);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (lancer_session_parent_class)->dispose (object);
}

static void
lancer_session_finalize (GObject *object)
{
  LancerSession *self = LANCER_SESSION (object);

  g_free (self->error_message);
  g_free (self->authorize_url);
  g_free (self->token_url);
  g_free (self->graphql_url);
  g_free (self->client_secret);

  G_OBJECT_CLASS (lancer_session_parent_class)->finalize (object);
}

static void
lancer_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LancerSession *self = LANCER_SESSION (object);

  switch (prop_id)
    {
    case PROP_PROFILE_MANAGER:
      g_value_set_object (value, self->manager);
      break;

    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    case PROP_SYNC:
      g_value_set_object (value, self->sync);
      break;

    case PROP_SIGNED_IN:
      g_value_set_boolean (value, self->signed_in);
      break;

    case PROP_UPWORK_ACCOUNT:
      g_value_set_pointer (value, self->account);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_session_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LancerSession *self = LANCER_SESSION (object);

  switch (prop_id)
    {
    case PROP_PROFILE_MANAGER:
      self->manager = g_value_dup_object (value);
      break;

    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_session_class_init (LancerSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lancer_session_constructed;
  object_class->dispose = lancer_session_dispose;
  object_class->finalize = lancer_session_finalize;
  object_class->get_property = lancer_session_get_property;
  object_class->set_property = lancer_session_set_property;

  properties [PROP_PROFILE_MANAGER] =
    g_param_spec_object ("profile-manager", NULL, NULL, LANCER_TYPE_PROFILE_MANAGER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, LANCER_TYPE_PROFILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LANCER_TYPE_STORE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, LANCER_SESSION_OPENING, LANCER_SESSION_FAILED,
                      LANCER_SESSION_OPENING, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_SYNC] =
    g_param_spec_object ("sync", NULL, NULL, LANCER_TYPE_SYNC,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_SIGNED_IN] =
    g_param_spec_boolean ("signed-in", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /* a LancerUpworkUser, owned by the session */
  properties [PROP_UPWORK_ACCOUNT] =
    g_param_spec_pointer ("upwork-account", NULL, NULL,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lancer_session_init (LancerSession *self)
{
  self->state = LANCER_SESSION_OPENING;
}

LancerSession *
lancer_session_new (LancerProfileManager *manager,
                    LancerProfile        *profile)
{
  g_return_val_if_fail (LANCER_IS_PROFILE_MANAGER (manager), NULL);
  g_return_val_if_fail (LANCER_IS_PROFILE (profile), NULL);

  return g_object_new (LANCER_TYPE_SESSION,
                       "profile-manager", manager,
                       "profile", profile,
                       NULL);
}

LancerProfileManager *
lancer_session_get_profile_manager (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), NULL);
  return self->manager;
}

LancerProfile *
lancer_session_get_profile (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), NULL);
  return self->profile;
}

GSettings *
lancer_session_get_settings (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), NULL);
  return self->settings;
}

LancerStore *
lancer_session_get_store (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), NULL);
  return self->store;
}

LancerLockGuard *
lancer_session_get_lock_guard (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), NULL);
  return self->lock_guard;
}

LancerAuditLog *
lancer_session_get_audit_log (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), NULL);
  return self->audit_log;
}

LancerSessionState
lancer_session_get_state (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), LANCER_SESSION_FAILED);
  return self->state;
}

const char *
lancer_session_get_error_message (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), NULL);
  return self->error_message;
}

gboolean
lancer_session_get_is_demo (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), FALSE);
  return lancer_profile_get_is_demo (self->profile);
}

void
lancer_session_set_upwork_endpoints (LancerSession *self,
                                     const char    *authorize_url,
                                     const char    *token_url,
                                     const char    *graphql_url)
{
  g_return_if_fail (LANCER_IS_SESSION (self));

  g_free (self->authorize_url);
  g_free (self->token_url);
  g_free (self->graphql_url);
  self->authorize_url = g_strdup (authorize_url);
  self->token_url = g_strdup (token_url);
  self->graphql_url = g_strdup (graphql_url);
}

void
lancer_session_set_upwork_client_secret (LancerSession *self,
                                         const char    *client_secret)
{
  g_return_if_fail (LANCER_IS_SESSION (self));

  g_free (self->client_secret);
  self->client_secret = g_strdup (client_secret);
}

void
lancer_session_reconfigure_upwork (LancerSession *self)
{
  g_return_if_fail (LANCER_IS_SESSION (self));

  setup_upwork (self);
}

LancerOAuth *
lancer_session_get_oauth (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), NULL);
  return self->oauth;
}

LancerSync *
lancer_session_get_sync (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), NULL);
  return self->sync;
}

gboolean
lancer_session_get_signed_in (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), FALSE);
  return self->signed_in;
}

static void
signed_in_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LancerSession *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!lancer_oauth_wait_for_sign_in_finish (LANCER_OAUTH (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (self->audit_log != NULL)
    lancer_audit_record (self->audit_log, LANCER_AUDIT_SIGN_IN, "upwork", NULL);
  start_sync (self, TRUE);
  g_task_return_boolean (task, TRUE);
}

void
lancer_session_sign_in_async (LancerSession       *self,
                              LancerOpenUriFunc    open_uri,
                              gpointer             open_uri_data,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  GError *error = NULL;

  g_return_if_fail (LANCER_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_session_sign_in_async);
  if (self->oauth == NULL)
    setup_upwork (self);
  if (self->oauth == NULL)
    {
      g_task_return_new_error (task, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_NOT_SIGNED_IN,
                               _("Enter the client ID of your Upwork API key first."));
      return;
    }
  url = lancer_oauth_start_sign_in (self->oauth, &error);
  if (url == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  lancer_oauth_wait_for_sign_in_async (self->oauth, cancellable, signed_in_cb, g_steal_pointer (&task));
  open_uri (url, open_uri_data);
}

gboolean
lancer_session_sign_in_finish (LancerSession  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Signing out forgets the tokens in the keyring, which blocks: that part
 * runs in a worker, the rest on the session's thread. */

static void
sign_out_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;

  if (lancer_oauth_sign_out_sync (task_data, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
signed_out_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LancerSession *self = LANCER_SESSION (source);
  GError *error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* Another account may sign in next; its organizations differ, and who
   * this one was is not kept. */
  if (ok && self->settings != NULL)
    g_settings_set_string (self->settings, "upwork-tenant-id", "");
  if (ok && self->store != NULL)
    lancer_store_save_upwork_account_async (self->store, NULL, NULL, NULL, NULL);
  /* A fresh connection: signed out now, or still signed in if forgetting
   * the tokens failed. */
  setup_upwork (self);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
lancer_session_sign_out_async (LancerSession       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;

  g_return_if_fail (LANCER_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_session_sign_out_async);
  if (self->oauth == NULL)
    {
      g_task_return_new_error (task, LANCER_OAUTH_ERROR, LANCER_OAUTH_ERROR_NOT_SIGNED_IN,
                               _("Sign in to Upwork first."));
      return;
    }
  if (self->sync != NULL)
    lancer_sync_stop (self->sync);
  /* Not cancellable: tokens half forgotten would help no one. */
  worker = g_task_new (self, NULL, signed_out_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, sign_out_thread);
  g_task_set_task_data (worker, g_object_ref (self->oauth), g_object_unref);
  g_task_run_in_thread (worker, sign_out_thread);
}

gboolean
lancer_session_sign_out_finish (LancerSession  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Scoring: outcomes are read on the store worker, the model trains in a
 * thread, and scores go back to job_scores a chunk at a time. */

LancerScorer *
lancer_session_get_scorer (LancerSession *self)
{
  g_return_val_if_fail (LANCER_IS_SESSION (self), NULL);
  return self->scorer;
}

static gboolean
return_if_not_ready (LancerSession *self,
                     GTask         *task)
{
  if (self->scorer != NULL && self->store != NULL)
    return FALSE;
  g_task_return_new_error (task, LANCER_STORE_ERROR, LANCER_STORE_ERROR_FAILED,
                           _("The profile is not open yet."));
  return TRUE;
}

static void
scorer_trained_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!lancer_scorer_train_finish (LANCER_SCORER (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
outcomes_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LancerSession *self = g_task_get_source_object (task);
  GCancellable *cancellable;
  GError *error = NULL;
  g_autoptr(GPtrArray) outcomes = lancer_scorer_load_outcomes_finish (LANCER_STORE (source), result, &error);

  if (outcomes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task) || return_if_not_ready (self, task))
    return;
  cancellable = g_task_get_cancellable (task);
  lancer_scorer_train_async (self->scorer, outcomes, cancellable, scorer_trained_cb, g_steal_pointer (&task));
}

void
lancer_session_train_scorer_async (LancerSession       *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LANCER_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_session_train_scorer_async);
  if (return_if_not_ready (self, task))
    return;
  lancer_scorer_load_outcomes_async (self->store, cancellable, outcomes_loaded_cb, g_steal_pointer (&task));
}

gboolean
lancer_session_train_scorer_finish (LancerSession  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Jobs scored per trip to the store worker: other queries wait no longer. */
#define SCORE_CHUNK 5000

static void score_chunk (GTask *task);

static void
scores_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LancerSession *self = g_task_get_source_object (task);
  GError *error = NULL;
  gssize *total = g_task_get_task_data (task);
  gssize n;

  if (return_if_not_ready (self, task))
    return;
  n = lancer_scorer_update_store_finish (self->scorer, result, &error);

  if (n < 0)
    {
      g_task_return_error (task, error);
      return;
    }
  *total += n;
  if (n == 0)
    g_task_return_int (task, *total);
  else
    score_chunk (g_steal_pointer (&task));
}

static void
score_chunk (GTask *task)
{
  LancerSession *self = g_task_get_source_object (task);

  if (g_task_return_error_if_cancelled (task) || return_if_not_ready (self, task))
    {
      g_object_unref (task);
      return;
    }
  lancer_scorer_update_store_async (self->scorer, self->store, SCORE_CHUNK, g_task_get_cancellable (task),
                                    scores_written_cb, task);
}

void
lancer_session_update_scores_async (LancerSession       *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LANCER_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_session_update_scores_async);
  g_task_set_task_data (task, g_new0 (gssize, 1), g_free);
  if (return_if_not_ready (self, task))
    return;
  if (lancer_store_get_read_only (self->store))
    {
      g_task_return_int (task, 0);
      return;
    }
  score_chunk (g_steal_pointer (&task));
}

gssize
lancer_session_update_scores_finish (LancerSession  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  return g_task_propagate_int (G_TASK (result), error);
}
