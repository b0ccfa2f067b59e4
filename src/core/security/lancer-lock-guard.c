/* lancer-lock-guard.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-security"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>
#include <sodium.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "lancer-lock-guard.h"
#include "lancer-lock-guard-private.h"
#include "lancer-recovery-codes.h"
#include "lancer-redact.h"
#include "lancer-secrets.h"
#include "lancer-totp.h"

#define STATE_FILE    "lock-state.ini"
#define STATE_GROUP   "lock"
#define STATE_VERSION 1

struct _LancerLockGuard
{
  GObject         parent_instance;

  char           *profile_id;
  char           *profile_dir;
  char           *state_path;
  GMainContext   *context;        /* where notifications are emitted */

  /* Serialises whole attempts (verify + commit), so two concurrent unlocks
   * can never both burn the same recovery code or reuse a time step. */
  GMutex          attempt_mutex;

  /* Protects everything below; held only briefly so getters never wait on
   * keyring or password hashing work. */
  GMutex          state_mutex;
  gboolean        enabled;
  gboolean        locked;
  guint           failures;
  gint64          backoff_until;  /* unix seconds, 0 = none */
  gint64          last_step;      /* last accepted TOTP time step, -1 = none */
  GStrv           recovery_hashes;
  gboolean        state_corrupt;
  gint64          now_override;
  LancerAuditLog *audit_log;
};

G_DEFINE_FINAL_TYPE (LancerLockGuard, lancer_lock_guard, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROFILE_ID,
  PROP_PROFILE_DIR,
  PROP_ENABLED,
  PROP_LOCKED,
  PROP_FAILURES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static gint64
get_now (LancerLockGuard *self)
{
  gint64 now;

  g_mutex_lock (&self->state_mutex);
  now = self->now_override;
  g_mutex_unlock (&self->state_mutex);
  if (now >= 0)
    return now;
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
wipe_string (char *str)
{
  if (str != NULL)
    sodium_memzero (str, strlen (str));
}

static void
wipe_free (gpointer str)
{
  wipe_string (str);
  g_free (str);
}

typedef struct
{
  LancerLockGuard *self;
  GParamSpec      *pspec;
} NotifyData;

static gboolean
notify_cb (gpointer data)
{
  NotifyData *n = data;

  g_object_notify_by_pspec (G_OBJECT (n->self), n->pspec);
  return G_SOURCE_REMOVE;
}

static void
notify_data_free (gpointer data)
{
  NotifyData *n = data;

  g_object_unref (n->self);
  g_free (n);
}

/* Never call with state_mutex held: the notification may run right away and
 * its handlers call the getters. */
static void
queue_notify (LancerLockGuard *self,
              guint            prop_id)
{
  NotifyData *n = g_new0 (NotifyData, 1);

  n->self = g_object_ref (self);
  n->pspec = properties[prop_id];
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, notify_cb, n, notify_data_free);
}

static void
audit (LancerLockGuard *self,
       const char      *category,
       const char      *action,
       const char      *method)
{
  g_autoptr(LancerAuditLog) log = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *detail = NULL;
  guint failures;

  g_mutex_lock (&self->state_mutex);
  if (self->audit_log != NULL)
    log = g_object_ref (self->audit_log);
  failures = self->failures;
  g_mutex_unlock (&self->state_mutex);

  if (log == NULL)
    return;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, method ? method : "none");
  json_builder_set_member_name (builder, "failures");
  json_builder_add_int_value (builder, failures);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  detail = json_generator_to_data (generator, NULL);
  lancer_audit_record (log, category, action, detail);
}

/* The lock's state. Its authoritative copy is a keyring item beside the
 * TOTP secret, so deleting or editing lock-state.ini in the profile folder
 * can neither turn the lock off nor reset the back-off. The file is only a
 * cache that lets the guard start without waiting on the keyring. */
typedef struct
{
  gboolean enabled;
  guint    failures;
  gint64   backoff_until;  /* unix seconds, 0 = none */
  gint64   last_step;      /* -1 = none */
  GStrv    recovery_hashes;
} LockState;

#define LOCK_STATE_INIT { FALSE, 0, 0, -1, NULL }

static void
lock_state_clear (LockState *state)
{
  g_clear_pointer (&state->recovery_hashes, g_strfreev);
}

/* Called with state_mutex held. */
static void
snapshot_state_locked (LancerLockGuard *self,
                       LockState       *out)
{
  out->enabled = self->enabled;
  out->failures = self->failures;
  out->backoff_until = self->backoff_until;
  out->last_step = self->last_step;
  out->recovery_hashes = g_strdupv (self->recovery_hashes);
}

/* Called with state_mutex held; takes @state's hashes. */
static void
apply_state_locked (LancerLockGuard *self,
                    LockState       *state)
{
  self->enabled = state->enabled;
  self->failures = state->failures;
  self->backoff_until = state->backoff_until;
  self->last_step = state->last_step;
  g_strfreev (self->recovery_hashes);
  self->recovery_hashes = g_steal_pointer (&state->recovery_hashes);
}

static char *
lock_state_to_data (const LockState *state,
                    gsize           *len)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();

  g_key_file_set_integer (kf, STATE_GROUP, "version", STATE_VERSION);
  g_key_file_set_boolean (kf, STATE_GROUP, "enabled", state->enabled);
  g_key_file_set_int64 (kf, STATE_GROUP, "failures", state->failures);
  g_key_file_set_int64 (kf, STATE_GROUP, "backoff-until", state->backoff_until);
  g_key_file_set_int64 (kf, STATE_GROUP, "last-step", state->last_step);
  if (state->recovery_hashes != NULL && state->recovery_hashes[0] != NULL)
    g_key_file_set_string_list (kf, STATE_GROUP, "recovery-hashes",
                                (const char * const *) state->recovery_hashes,
                                g_strv_length (state->recovery_hashes));
  return g_key_file_to_data (kf, len, NULL);
}

/* FALSE if @data is damaged. */
static gboolean
lock_state_parse (const char *data,
                  gsize       len,
                  LockState  *out)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  gboolean enabled;
  gint64 failures;
  gint64 backoff_until;
  gint64 last_step;

  if (!g_key_file_load_from_data (kf, data, len, G_KEY_FILE_NONE, NULL))
    return FALSE;
  enabled = g_key_file_get_boolean (kf, STATE_GROUP, "enabled", &error);
  if (error != NULL)
    return FALSE;
  failures = g_key_file_get_int64 (kf, STATE_GROUP, "failures", &error);
  if (error != NULL || failures < 0 || failures > G_MAXINT)
    return FALSE;
  backoff_until = g_key_file_get_int64 (kf, STATE_GROUP, "backoff-until", &error);
  if (error != NULL || backoff_until < 0)
    return FALSE;
  last_step = g_key_file_get_int64 (kf, STATE_GROUP, "last-step", &error);
  if (error != NULL || last_step < -1)
    return FALSE;

  out->enabled = enabled;
  out->failures = (guint) failures;
  out->backoff_until = backoff_until;
  out->last_step = last_step;
  out->recovery_hashes = g_key_file_get_string_list (kf, STATE_GROUP, "recovery-hashes", NULL, NULL);
  return TRUE;
}

/* Reads the cache file. Called with state_mutex held. */
static void
load_state_locked (LancerLockGuard *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  LockState state = LOCK_STATE_INIT;
  gsize len = 0;

  self->state_corrupt = FALSE;
  if (!g_file_get_contents (self->state_path, &data, &len, &error))
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          apply_state_locked (self, &state);
          return;
        }
    }
  else if (lock_state_parse (data, len, &state))
    {
      apply_state_locked (self, &state);
      return;
    }

  /* Fail closed: a damaged state file must not turn the lock off. The TOTP
   * secret in the keyring still unlocks, and the next save repairs it. */
  g_warning ("Lock state file %s is damaged; keeping the profile locked", self->state_path);
  lock_state_clear (&state);
  state.enabled = TRUE;
  apply_state_locked (self, &state);
  self->state_corrupt = TRUE;
}

static gboolean
write_cache (LancerLockGuard  *self,
             const char       *data,
             gsize             len,
             GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *reason;

  if (g_mkdir_with_parents (self->profile_dir, 0700) != 0)
    reason = g_strerror (errno);
  else if (!g_file_set_contents_full (self->state_path, data, len,
                                      G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                      0600, &local_error))
    reason = local_error->message;
  else
    return TRUE;
  g_set_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_STATE,
               _("The lock settings in “%s” could not be saved (%s). Check that the disk is not full "
                 "and that the folder is writable, then try again."),
               self->state_path, reason);
  return FALSE;
}

static gboolean
store_in_keyring (LancerLockGuard  *self,
                  const char       *data,
                  GCancellable     *cancellable,
                  GError          **error)
{
  gboolean ok = lancer_secrets_store_sync (self->profile_id, LANCER_SECRET_LOCK_STATE, data,
                                           cancellable, error);

  /* It is not a secret; keep it out of the redaction list. */
  lancer_redact_unregister_secret (data);
  return ok;
}

/* Writes @state to the keyring, then to the cache file, then adopts it.
 * Called with attempt_mutex held and state_mutex not held, since the
 * keyring may take a while (or prompt). With @keyring_required FALSE a
 * keyring that cannot be written is only logged, and then the file (all
 * there is without a keyring) must be written. */
static gboolean
commit_state (LancerLockGuard  *self,
              LockState        *state,
              gboolean          keyring_required,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autoptr(GError) keyring_error = NULL;
  g_autofree char *data = NULL;
  gboolean in_keyring;
  gsize len = 0;

  data = lock_state_to_data (state, &len);
  in_keyring = store_in_keyring (self, data, cancellable, &keyring_error);
  if (!in_keyring)
    {
      if (keyring_required || g_error_matches (keyring_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          if (g_error_matches (keyring_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&keyring_error));
          else
            g_set_error_literal (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_KEYRING,
                                 _("The lock settings could not be saved because the keyring cannot be "
                                   "changed. Unlock the keyring, then try again."));
          return FALSE;
        }
      g_message ("Lock state kept in the profile folder only: %s", keyring_error->message);
    }

  if (in_keyring)
    {
      g_autoptr(GError) cache_error = NULL;

      /* The keyring has it; a stale cache is repaired on the next load. */
      if (!write_cache (self, data, len, &cache_error))
        g_message ("%s", cache_error->message);
    }
  else if (!write_cache (self, data, len, error))
    return FALSE;

  g_mutex_lock (&self->state_mutex);
  apply_state_locked (self, state);
  self->state_corrupt = FALSE;
  g_mutex_unlock (&self->state_mutex);
  return TRUE;
}

/* Makes the keyring's copy of the state the guard's own; a state that says
 * "off" while a TOTP secret is stored counts as on (a mismatch locks). Called
 * with attempt_mutex held, never on the main thread. Without a keyring the
 * cache file stands. */
static void
refresh_from_keyring (LancerLockGuard *self,
                      GCancellable    *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *cache = NULL;
  char *secret;
  LockState state = LOCK_STATE_INIT;
  gboolean has_secret;
  gboolean was_enabled;
  gboolean was_locked;
  guint old_failures;
  gsize cache_len = 0;

  data = lancer_secrets_lookup_sync (self->profile_id, LANCER_SECRET_LOCK_STATE, cancellable, &error);
  if (error != NULL)
    return;
  secret = lancer_secrets_lookup_sync (self->profile_id, LANCER_SECRET_TOTP_SECRET, cancellable, &error);
  if (error != NULL)
    return;
  has_secret = secret != NULL;
  wipe_free (secret);
  if (data != NULL)
    lancer_redact_unregister_secret (data);

  /* Nothing in the keyring: never enrolled, or enrolled by an older Lancer
   * (the next save copies the file's state into the keyring). */
  if (data == NULL && !has_secret)
    return;

  g_mutex_lock (&self->state_mutex);
  was_enabled = self->enabled;
  was_locked = self->locked;
  old_failures = self->failures;
  if (data == NULL || !lock_state_parse (data, strlen (data), &state))
    {
      if (data != NULL)
        g_message ("The keyring's copy of the lock state is damaged; keeping the profile locked");
      lock_state_clear (&state);
      snapshot_state_locked (self, &state);
      state.enabled = TRUE;
    }
  if (has_secret)
    state.enabled = TRUE;
  apply_state_locked (self, &state);
  if (!self->enabled)
    self->locked = FALSE;
  else if (!was_enabled)
    self->locked = TRUE;

  /* Repair the cache if someone changed or removed it. */
  snapshot_state_locked (self, &state);
  cache = lock_state_to_data (&state, &cache_len);
  lock_state_clear (&state);
  {
    g_autofree char *on_disk = NULL;
    gsize on_disk_len = 0;

    if (!g_file_get_contents (self->state_path, &on_disk, &on_disk_len, NULL) ||
        on_disk_len != cache_len || memcmp (on_disk, cache, cache_len) != 0)
      {
        g_autoptr(GError) cache_error = NULL;

        if (write_cache (self, cache, cache_len, &cache_error))
          self->state_corrupt = FALSE;
        else
          g_message ("%s", cache_error->message);
      }
  }
  g_mutex_unlock (&self->state_mutex);

  if (was_enabled != lancer_lock_guard_get_enabled (self))
    queue_notify (self, PROP_ENABLED);
  if (was_locked != lancer_lock_guard_get_locked (self))
    queue_notify (self, PROP_LOCKED);
  if (old_failures != lancer_lock_guard_get_failures (self))
    queue_notify (self, PROP_FAILURES);
}

static gint64
backoff_delay (guint failures)
{
  guint exponent;

  if (failures <= LANCER_LOCK_FREE_ATTEMPTS)
    return 0;
  exponent = failures - LANCER_LOCK_FREE_ATTEMPTS - 1;
  if (exponent > 10)
    return LANCER_LOCK_BACKOFF_MAX;
  return MIN ((gint64) LANCER_LOCK_BACKOFF_BASE << exponent, LANCER_LOCK_BACKOFF_MAX);
}

static void
set_rate_limited_error (GError **error,
                        gint64   seconds)
{
  if (seconds >= 120)
    {
      gint64 minutes = (seconds + 59) / 60;

      g_set_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_RATE_LIMITED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Too many wrong codes. Wait %d minute, then try again.",
                                "Too many wrong codes. Wait %d minutes, then try again.",
                                (gulong) minutes),
                   (int) minutes);
    }
  else
    g_set_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_RATE_LIMITED,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Too many wrong codes. Wait %d second, then try again.",
                              "Too many wrong codes. Wait %d seconds, then try again.",
                              (gulong) seconds),
                 (int) seconds);
}

/* Maps keyring failures to one message the lock screen can show. */
static void
set_keyring_error (GError **error,
                   GError  *source)
{
  if (g_error_matches (source, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (source));
      return;
    }
  if (g_error_matches (source, LANCER_SECRETS_ERROR, LANCER_SECRETS_ERROR_LOCKED))
    g_set_error_literal (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_KEYRING,
                         _("Lancer cannot check your code because the keyring is locked. "
                           "Unlock the keyring (for example by logging in again), then try again, "
                           "or use a recovery code."));
  else
    g_set_error_literal (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_KEYRING,
                         _("Lancer cannot check your code because no keyring service is running. "
                           "Start GNOME Keyring or KWallet, then try again, or use a recovery code."));
}

/* libsecret answers "nothing found" when the default collection is missing
 * or locked and cannot be unlocked (no prompt possible). Tell that apart
 * from a secret that is really gone. */
static gboolean
keyring_is_usable (GCancellable *cancellable)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;

  service = secret_service_get_sync (SECRET_SERVICE_NONE, cancellable, NULL);
  if (service == NULL)
    return FALSE;
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, cancellable, NULL);
  return collection != NULL && !secret_collection_get_locked (collection);
}

typedef enum
{
  METHOD_NONE,
  METHOD_TOTP,
  METHOD_RECOVERY,
} Method;

static const char *
method_name (Method method)
{
  switch (method)
    {
    case METHOD_TOTP:
      return "totp";
    case METHOD_RECOVERY:
      return "recovery-code";
    case METHOD_NONE:
    default:
      return "none";
    }
}

/* Checks @code and commits the outcome (failure count, back-off, last step,
 * burnt recovery code) to the state file. Called with attempt_mutex held.
 * Errors that are not the user's fault (keyring, damaged secret, I/O) do not
 * count as failures, but they never let anyone in either. */
static gboolean
verify_and_commit (LancerLockGuard  *self,
                   const char       *code,
                   GCancellable     *cancellable,
                   Method           *out_method,
                   GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *totp_code = NULL;
  g_autofree char *recovery_code = NULL;
  g_auto(GStrv) hashes = NULL;
  gint64 now = get_now (self);
  gint64 backoff_until;
  gint64 last_step;
  gint64 step = -1;
  gboolean counts = TRUE;
  gboolean ok = FALSE;
  Method method = METHOD_NONE;
  int burnt = -1;

  *out_method = METHOD_NONE;

  g_mutex_lock (&self->state_mutex);
  backoff_until = self->backoff_until;
  last_step = self->last_step;
  hashes = g_strdupv (self->recovery_hashes);
  g_mutex_unlock (&self->state_mutex);

  if (now < backoff_until)
    {
      set_rate_limited_error (error, backoff_until - now);
      return FALSE;
    }

  if ((totp_code = lancer_totp_normalize_code (code, NULL)) != NULL)
    {
      g_autoptr(GError) keyring_error = NULL;
      char *secret;

      method = METHOD_TOTP;
      secret = lancer_secrets_lookup_sync (self->profile_id, LANCER_SECRET_TOTP_SECRET,
                                           cancellable, &keyring_error);
      if (keyring_error != NULL)
        {
          set_keyring_error (&local_error, keyring_error);
          counts = FALSE;
        }
      else if (secret == NULL && !keyring_is_usable (cancellable))
        {
          g_set_error_literal (&local_error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_KEYRING,
                               _("Lancer cannot check your code because the keyring is locked or "
                                 "not running. Unlock or start the keyring (for example by logging "
                                 "in again), then try again, or use a recovery code."));
          counts = FALSE;
        }
      else if (secret == NULL)
        {
          g_set_error_literal (&local_error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_MISSING_SECRET,
                               _("The two-factor secret is missing from the keyring. Unlock with a "
                                 "recovery code, then turn the lock off and on again."));
          counts = FALSE;
        }
      else
        {
          /* From now on no log line can carry it. */
          lancer_redact_register_secret (secret);
          ok = lancer_totp_verify (secret, totp_code, now, last_step, &step, &local_error);
          if (!ok && g_error_matches (local_error, LANCER_SECURITY_ERROR,
                                      LANCER_SECURITY_ERROR_CORRUPT_SECRET))
            counts = FALSE;
        }
      wipe_free (secret);
      wipe_string (totp_code);
    }
  else if ((recovery_code = lancer_recovery_code_normalize (code)) != NULL)
    {
      method = METHOD_RECOVERY;
      burnt = lancer_recovery_codes_find ((const char * const *) hashes, recovery_code);
      ok = burnt >= 0;
      if (!ok)
        g_set_error_literal (&local_error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_WRONG_CODE,
                             _("That recovery code is not valid or was already used. Check it and try again."));
      wipe_string (recovery_code);
    }
  else
    {
      g_set_error_literal (&local_error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_INVALID_CODE,
                           _("Enter the 6-digit code from your authenticator app, or one of your "
                             "recovery codes."));
    }

  *out_method = method;

  if (ok || (counts && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    {
      g_autoptr(GError) save_error = NULL;
      LockState next = LOCK_STATE_INIT;

      g_mutex_lock (&self->state_mutex);
      snapshot_state_locked (self, &next);
      g_mutex_unlock (&self->state_mutex);

      if (ok)
        {
          next.failures = 0;
          next.backoff_until = 0;
          if (step > next.last_step)
            next.last_step = step;
          if (burnt >= 0 && next.recovery_hashes != NULL)
            {
              g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

              for (guint i = 0; next.recovery_hashes[i] != NULL; i++)
                if (!g_str_equal (next.recovery_hashes[i], hashes[burnt]))
                  g_strv_builder_add (builder, next.recovery_hashes[i]);
              g_strfreev (next.recovery_hashes);
              next.recovery_hashes = g_strv_builder_end (builder);
            }
          /* Replay protection and burning only hold if they are saved: if
           * the state cannot be saved, refuse rather than let the code work
           * twice. */
          if (!commit_state (self, &next, FALSE, NULL, &save_error))
            {
              lock_state_clear (&next);
              g_propagate_error (error, g_steal_pointer (&save_error));
              return FALSE;
            }
        }
      else
        {
          if (next.failures < G_MAXINT)
            next.failures++;
          if (next.failures > LANCER_LOCK_FREE_ATTEMPTS)
            next.backoff_until = now + backoff_delay (next.failures);
          if (!commit_state (self, &next, FALSE, NULL, &save_error))
            {
              /* The back-off still holds for as long as this process runs. */
              g_message ("Could not record a failed unlock attempt: %s", save_error->message);
              g_mutex_lock (&self->state_mutex);
              apply_state_locked (self, &next);
              g_mutex_unlock (&self->state_mutex);
            }
        }
      lock_state_clear (&next);
    }

  queue_notify (self, PROP_FAILURES);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* GObject overrides */

static void
lancer_lock_guard_constructed (GObject *object)
{
  LancerLockGuard *self = (LancerLockGuard *) object;

  G_OBJECT_CLASS (lancer_lock_guard_parent_class)->constructed (object);

  g_assert (self->profile_id != NULL);
  g_assert (self->profile_dir != NULL);

  self->state_path = g_build_filename (self->profile_dir, STATE_FILE, NULL);
  g_mutex_lock (&self->state_mutex);
  load_state_locked (self);
  /* An enabled lock always starts locked. */
  self->locked = self->enabled;
  g_mutex_unlock (&self->state_mutex);
}

static void
lancer_lock_guard_dispose (GObject *object)
{
  LancerLockGuard *self = (LancerLockGuard *) object;

  g_clear_object (&self->audit_log);

  G_OBJECT_CLASS (lancer_lock_guard_parent_class)->dispose (object);
}

static void
lancer_lock_guard_finalize (GObject *object)
{
  LancerLockGuard *self = (LancerLockGuard *) object;

  g_clear_pointer (&self->profile_id, g_free);
  g_clear_pointer (&self->profile_dir, g_free);
  g_clear_pointer (&self->state_path, g_free);
  g_clear_pointer (&self->recovery_hashes, g_strfreev);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->attempt_mutex);
  g_mutex_clear (&self->state_mutex);

  G_OBJECT_CLASS (lancer_lock_guard_parent_class)->finalize (object);
}

static void
lancer_lock_guard_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LancerLockGuard *self = LANCER_LOCK_GUARD (object);

  switch (prop_id)
    {
    case PROP_PROFILE_ID:
      g_value_set_string (value, self->profile_id);
      break;
    case PROP_PROFILE_DIR:
      g_value_set_string (value, self->profile_dir);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, lancer_lock_guard_get_enabled (self));
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, lancer_lock_guard_get_locked (self));
      break;
    case PROP_FAILURES:
      g_value_set_uint (value, lancer_lock_guard_get_failures (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_lock_guard_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LancerLockGuard *self = LANCER_LOCK_GUARD (object);

  switch (prop_id)
    {
    case PROP_PROFILE_ID:
      self->profile_id = g_value_dup_string (value);
      break;
    case PROP_PROFILE_DIR:
      self->profile_dir = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_lock_guard_class_init (LancerLockGuardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  /* Where the profile is, set once; then the lock's state, which only
   * the guard changes. */
  GParamFlags construct_only = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags read_only = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = lancer_lock_guard_constructed;
  object_class->dispose = lancer_lock_guard_dispose;
  object_class->finalize = lancer_lock_guard_finalize;
  object_class->get_property = lancer_lock_guard_get_property;
  object_class->set_property = lancer_lock_guard_set_property;

  properties[PROP_PROFILE_ID] =
    g_param_spec_string ("profile-id", NULL, NULL, NULL, construct_only);
  properties[PROP_PROFILE_DIR] =
    g_param_spec_string ("profile-dir", NULL, NULL, NULL, construct_only);
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, FALSE, read_only);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE, read_only);
  properties[PROP_FAILURES] =
    g_param_spec_uint ("failures", NULL, NULL, 0, G_MAXUINT, 0, read_only);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lancer_lock_guard_init (LancerLockGuard *self)
{
  g_mutex_init (&self->attempt_mutex);
  g_mutex_init (&self->state_mutex);
  self->last_step = -1;
  self->now_override = -1;
  self->context = g_main_context_ref_thread_default ();
}

/* Public API */

LancerLockGuard *
lancer_lock_guard_new (const char *profile_id,
                       const char *profile_dir)
{
  g_return_val_if_fail (profile_id != NULL, NULL);
  g_return_val_if_fail (profile_dir != NULL, NULL);

  return g_object_new (LANCER_TYPE_LOCK_GUARD,
                       "profile-id", profile_id,
                       "profile-dir", profile_dir,
                       NULL);
}

void
lancer_lock_guard_load_sync (LancerLockGuard *self,
                             GCancellable    *cancellable)
{
  g_return_if_fail (LANCER_IS_LOCK_GUARD (self));

  g_mutex_lock (&self->attempt_mutex);
  refresh_from_keyring (self, cancellable);
  g_mutex_unlock (&self->attempt_mutex);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  lancer_lock_guard_load_sync (source_object, cancellable);
  g_task_return_boolean (task, TRUE);
}

void
lancer_lock_guard_load_async (LancerLockGuard     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LANCER_IS_LOCK_GUARD (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_lock_guard_load_async);
  g_task_run_in_thread (task, load_thread);
}

void
lancer_lock_guard_load_finish (LancerLockGuard *self,
                               GAsyncResult    *result)
{
  g_return_if_fail (LANCER_IS_LOCK_GUARD (self));
  g_return_if_fail (g_task_is_valid (result, self));

  g_task_propagate_boolean (G_TASK (result), NULL);
}

const char *
lancer_lock_guard_get_profile_id (LancerLockGuard *self)
{
  g_return_val_if_fail (LANCER_IS_LOCK_GUARD (self), NULL);
  return self->profile_id;
}

const char *
lancer_lock_guard_get_profile_dir (LancerLockGuard *self)
{
  g_return_val_if_fail (LANCER_IS_LOCK_GUARD (self), NULL);
  return self->profile_dir;
}

gboolean
lancer_lock_guard_get_enabled (LancerLockGuard *self)
{
  gboolean ret;

  g_return_val_if_fail (LANCER_IS_LOCK_GUARD (self), TRUE);

  g_mutex_lock (&self->state_mutex);
  ret = self->enabled;
  g_mutex_unlock (&self->state_mutex);
  return ret;
}

gboolean
lancer_lock_guard_get_locked (LancerLockGuard *self)
{
  gboolean ret;

  g_return_val_if_fail (LANCER_IS_LOCK_GUARD (self), TRUE);

  g_mutex_lock (&self->state_mutex);
  ret = self->locked;
  g_mutex_unlock (&self->state_mutex);
  return ret;
}

guint
lancer_lock_guard_get_failures (LancerLockGuard *self)
{
  guint ret;

  g_return_val_if_fail (LANCER_IS_LOCK_GUARD (self), 0);

  g_mutex_lock (&self->state_mutex);
  ret = self->failures;
  g_mutex_unlock (&self->state_mutex);
  return ret;
}

guint
lancer_lock_guard_get_recovery_codes_left (LancerLockGuard *self)
{
  guint ret;

  g_return_val_if_fail (LANCER_IS_LOCK_GUARD (self), 0);

  g_mutex_lock (&self->state_mutex);
  ret = self->recovery_hashes ? g_strv_length (self->recovery_hashes) : 0;
  g_mutex_unlock (&self->state_mutex);
  return ret;
}

gint64
lancer_lock_guard_get_seconds_until_retry (LancerLockGuard *self)
{
  gint64 now;
  gint64 until;

  g_return_val_if_fail (LANCER_IS_LOCK_GUARD (self), 0);

  now = get_now (self);
  g_mutex_lock (&self->state_mutex);
  until = self->backoff_until;
  g_mutex_unlock (&self->state_mutex);
  return until > now ? until - now : 0;
}

void
lancer_lock_guard_set_audit_log (LancerLockGuard *self,
                                 LancerAuditLog  *audit_log)
{
  g_return_if_fail (LANCER_IS_LOCK_GUARD (self));
  g_return_if_fail (audit_log == NULL || LANCER_IS_AUDIT_LOG (audit_log));

  g_mutex_lock (&self->state_mutex);
  g_set_object (&self->audit_log, audit_log);
  g_mutex_unlock (&self->state_mutex);
}

void
lancer_lock_guard_set_now_for_testing (LancerLockGuard *self,
                                       gint64           unix_time)
{
  g_return_if_fail (LANCER_IS_LOCK_GUARD (self));

  g_mutex_lock (&self->state_mutex);
  self->now_override = unix_time;
  g_mutex_unlock (&self->state_mutex);
}

void
lancer_lock_guard_lock (LancerLockGuard *self)
{
  gboolean changed = FALSE;

  g_return_if_fail (LANCER_IS_LOCK_GUARD (self));

  g_mutex_lock (&self->state_mutex);
  if (self->enabled && !self->locked)
    {
      self->locked = TRUE;
      changed = TRUE;
    }
  g_mutex_unlock (&self->state_mutex);

  if (changed)
    {
      queue_notify (self, PROP_LOCKED);
      audit (self, LANCER_AUDIT_LOCK, "locked", NULL);
    }
}

gboolean
lancer_lock_guard_try_unlock_sync (LancerLockGuard  *self,
                                   const char       *code,
                                   GCancellable     *cancellable,
                                   GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  Method method = METHOD_NONE;
  gboolean enabled;
  gboolean was_locked;

  g_return_val_if_fail (LANCER_IS_LOCK_GUARD (self), FALSE);

  g_mutex_lock (&self->attempt_mutex);
  /* Another process (the app, lancer-cli) may have used a code meanwhile. */
  refresh_from_keyring (self, cancellable);

  g_mutex_lock (&self->state_mutex);
  enabled = self->enabled;
  was_locked = self->locked;
  g_mutex_unlock (&self->state_mutex);

  if (!enabled)
    {
      g_mutex_unlock (&self->attempt_mutex);
      return TRUE;
    }

  if (!verify_and_commit (self, code, cancellable, &method, &local_error))
    {
      g_mutex_unlock (&self->attempt_mutex);
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        audit (self, LANCER_AUDIT_UNLOCK_FAILED,
               local_error->domain == LANCER_SECURITY_ERROR ? "refused" : "error",
               method_name (method));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_mutex_lock (&self->state_mutex);
  self->locked = FALSE;
  g_mutex_unlock (&self->state_mutex);
  g_mutex_unlock (&self->attempt_mutex);

  if (was_locked)
    queue_notify (self, PROP_LOCKED);
  audit (self, LANCER_AUDIT_UNLOCK, "unlocked", method_name (method));
  return TRUE;
}

static void
code_task_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  LancerLockGuard *self = source_object;
  GError *error = NULL;
  gboolean ok;

  if (g_task_get_source_tag (task) == lancer_lock_guard_regenerate_recovery_codes_async)
    {
      GStrv codes = lancer_lock_guard_regenerate_recovery_codes_sync (self, task_data, cancellable, &error);

      if (codes != NULL)
        g_task_return_pointer (task, codes, (GDestroyNotify) g_strfreev);
      else
        g_task_return_error (task, error);
      return;
    }
  if (g_task_get_source_tag (task) == lancer_lock_guard_disable_async)
    ok = lancer_lock_guard_disable_sync (self, task_data, cancellable, &error);
  else
    ok = lancer_lock_guard_try_unlock_sync (self, task_data, cancellable, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_code_task (LancerLockGuard     *self,
               gpointer             source_tag,
               const char          *code,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_strdup (code ? code : ""), wipe_free);
  /* The result must be applied even if the caller cancels mid-way. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, code_task_thread);
}

void
lancer_lock_guard_try_unlock_async (LancerLockGuard     *self,
                                    const char          *code,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_LOCK_GUARD (self));

  run_code_task (self, lancer_lock_guard_try_unlock_async, code, cancellable, callback, user_data);
}

gboolean
lancer_lock_guard_try_unlock_finish (LancerLockGuard  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  g_return_val_if_fail (LANCER_IS_LOCK_GUARD (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
lancer_lock_guard_disable_sync (LancerLockGuard  *self,
                                const char       *code,
                                GCancellable     *cancellable,
                                GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  LockState off = LOCK_STATE_INIT;
  Method method = METHOD_NONE;
  gboolean was_locked;

  g_return_val_if_fail (LANCER_IS_LOCK_GUARD (self), FALSE);

  g_mutex_lock (&self->attempt_mutex);
  refresh_from_keyring (self, cancellable);

  if (!lancer_lock_guard_get_enabled (self))
    {
      g_mutex_unlock (&self->attempt_mutex);
      g_set_error_literal (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_NOT_ENABLED,
                           _("The lock is already off."));
      return FALSE;
    }

  if (!verify_and_commit (self, code, cancellable, &method, &local_error))
    {
      g_mutex_unlock (&self->attempt_mutex);
      audit (self, LANCER_AUDIT_UNLOCK_FAILED, "disable-refused", method_name (method));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!lancer_secrets_clear_sync (self->profile_id, LANCER_SECRET_TOTP_SECRET,
                                  cancellable, &local_error))
    {
      g_mutex_unlock (&self->attempt_mutex);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_KEYRING,
                             _("The lock could not be turned off because the keyring cannot be "
                               "changed. Unlock the keyring, then try again."));
      return FALSE;
    }

  was_locked = lancer_lock_guard_get_locked (self);
  g_mutex_lock (&self->state_mutex);
  off.last_step = self->last_step;
  g_mutex_unlock (&self->state_mutex);
  if (!commit_state (self, &off, TRUE, NULL, &local_error))
    {
      /* The secret is gone from the keyring, so staying enabled would lock
       * the user out; say so and let them retry the save. */
      g_mutex_unlock (&self->attempt_mutex);
      g_propagate_error (error, g_steal_pointer (&local_error));
      queue_notify (self, PROP_ENABLED);
      return FALSE;
    }
  g_mutex_lock (&self->state_mutex);
  self->locked = FALSE;
  g_mutex_unlock (&self->state_mutex);
  g_mutex_unlock (&self->attempt_mutex);

  queue_notify (self, PROP_ENABLED);
  if (was_locked)
    queue_notify (self, PROP_LOCKED);
  audit (self, LANCER_AUDIT_SETTINGS, "lock-disabled", method_name (method));
  return TRUE;
}

void
lancer_lock_guard_disable_async (LancerLockGuard     *self,
                                 const char          *code,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_LOCK_GUARD (self));

  run_code_task (self, lancer_lock_guard_disable_async, code, cancellable, callback, user_data);
}

gboolean
lancer_lock_guard_disable_finish (LancerLockGuard  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (LANCER_IS_LOCK_GUARD (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

GStrv
lancer_lock_guard_regenerate_recovery_codes_sync (LancerLockGuard  *self,
                                                  const char       *code,
                                                  GCancellable     *cancellable,
                                                  GError          **error)
{
  g_auto(GStrv) codes = NULL;
  g_auto(GStrv) hashes = NULL;
  LockState next = LOCK_STATE_INIT;
  Method method = METHOD_NONE;

  g_return_val_if_fail (LANCER_IS_LOCK_GUARD (self), NULL);

  g_mutex_lock (&self->attempt_mutex);
  refresh_from_keyring (self, cancellable);
  if (!lancer_lock_guard_get_enabled (self))
    {
      g_mutex_unlock (&self->attempt_mutex);
      g_set_error_literal (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_NOT_ENABLED,
                           _("Turn the lock on first."));
      return NULL;
    }
  if (!verify_and_commit (self, code, cancellable, &method, error))
    {
      g_mutex_unlock (&self->attempt_mutex);
      return NULL;
    }
  codes = lancer_recovery_codes_generate (LANCER_RECOVERY_CODE_COUNT);
  if (!(hashes = lancer_recovery_codes_hash_all ((const char * const *) codes, error)))
    {
      g_mutex_unlock (&self->attempt_mutex);
      return NULL;
    }

  g_mutex_lock (&self->state_mutex);
  snapshot_state_locked (self, &next);
  g_mutex_unlock (&self->state_mutex);
  g_strfreev (next.recovery_hashes);
  next.recovery_hashes = g_steal_pointer (&hashes);
  if (!commit_state (self, &next, TRUE, cancellable, error))
    {
      lock_state_clear (&next);
      g_mutex_unlock (&self->attempt_mutex);
      return NULL;
    }
  g_mutex_unlock (&self->attempt_mutex);

  audit (self, LANCER_AUDIT_SETTINGS, "recovery-codes-regenerated", method_name (method));
  return g_steal_pointer (&codes);
}

void
lancer_lock_guard_regenerate_recovery_codes_async (LancerLockGuard     *self,
                                                   const char          *code,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_LOCK_GUARD (self));

  run_code_task (self, lancer_lock_guard_regenerate_recovery_codes_async, code,
                 cancellable, callback, user_data);
}

GStrv
lancer_lock_guard_regenerate_recovery_codes_finish (LancerLockGuard  *self,
                                                    GAsyncResult     *result,
                                                    GError          **error)
{
  g_return_val_if_fail (LANCER_IS_LOCK_GUARD (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

LancerLockEnrolment *
lancer_lock_guard_begin_enrolment (LancerLockGuard  *self,
                                   const char       *account,
                                   GError          **error)
{
  g_return_val_if_fail (LANCER_IS_LOCK_GUARD (self), NULL);
  g_return_val_if_fail (account != NULL, NULL);

  if (lancer_lock_guard_get_enabled (self))
    {
      g_set_error_literal (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_ALREADY_ENABLED,
                           _("The lock is already on. Turn it off first to enrol a new authenticator."));
      return NULL;
    }
  return _lancer_lock_enrolment_new (self, account);
}

/* Turning the lock on, for LancerLockEnrolment */

GStrv
_lancer_lock_guard_enable_sync (LancerLockGuard  *guard,
                                const char       *secret,
                                const char       *code,
                                GCancellable     *cancellable,
                                GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) codes = NULL;
  g_auto(GStrv) hashes = NULL;
  LockState on = LOCK_STATE_INIT;
  gint64 step = -1;

  g_return_val_if_fail (LANCER_IS_LOCK_GUARD (guard), NULL);

  g_mutex_lock (&guard->attempt_mutex);
  refresh_from_keyring (guard, cancellable);

  if (secret == NULL || lancer_lock_guard_get_enabled (guard))
    {
      g_mutex_unlock (&guard->attempt_mutex);
      g_set_error_literal (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_ALREADY_ENABLED,
                           _("The lock is already on. Turn it off first to enrol a new authenticator."));
      return NULL;
    }

  if (!lancer_totp_verify (secret, code, get_now (guard), -1, &step, error))
    {
      g_mutex_unlock (&guard->attempt_mutex);
      return NULL;
    }

  codes = lancer_recovery_codes_generate (LANCER_RECOVERY_CODE_COUNT);
  if (!(hashes = lancer_recovery_codes_hash_all ((const char * const *) codes, error)))
    {
      g_mutex_unlock (&guard->attempt_mutex);
      return NULL;
    }

  if (!lancer_secrets_store_sync (guard->profile_id, LANCER_SECRET_TOTP_SECRET, secret,
                                  cancellable, &local_error))
    {
      g_mutex_unlock (&guard->attempt_mutex);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (g_error_matches (local_error, LANCER_SECRETS_ERROR, LANCER_SECRETS_ERROR_LOCKED))
        g_set_error_literal (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_KEYRING,
                             _("The lock cannot be turned on because the keyring is locked. "
                               "Unlock the keyring, then try again."));
      else
        g_set_error_literal (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_KEYRING,
                             _("The lock cannot be turned on because no keyring service is running. "
                               "Start GNOME Keyring or KWallet, then try again."));
      return NULL;
    }

  on.enabled = TRUE;
  on.last_step = step;
  on.recovery_hashes = g_steal_pointer (&hashes);
  if (!commit_state (guard, &on, TRUE, NULL, error))
    {
      lock_state_clear (&on);
      /* Leave nothing half-enabled behind. */
      lancer_secrets_clear_sync (guard->profile_id, LANCER_SECRET_TOTP_SECRET, NULL, NULL);
      g_mutex_unlock (&guard->attempt_mutex);
      return NULL;
    }
  g_mutex_lock (&guard->state_mutex);
  guard->locked = FALSE;
  g_mutex_unlock (&guard->state_mutex);
  g_mutex_unlock (&guard->attempt_mutex);

  queue_notify (guard, PROP_ENABLED);
  audit (guard, LANCER_AUDIT_SETTINGS, "lock-enabled", method_name (METHOD_TOTP));
  return g_steal_pointer (&codes);
}
