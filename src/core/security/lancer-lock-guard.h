/* lancer-lock-guard.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-audit.h"
#include "lancer-security-error.h"

G_BEGIN_DECLS

/* Failures before the back-off starts, and its first and longest delay. */
#define LANCER_LOCK_FREE_ATTEMPTS     4
#define LANCER_LOCK_BACKOFF_BASE      30
#define LANCER_LOCK_BACKOFF_MAX       3600

#define LANCER_TYPE_LOCK_GUARD (lancer_lock_guard_get_type ())
G_DECLARE_FINAL_TYPE (LancerLockGuard, lancer_lock_guard, LANCER, LOCK_GUARD, GObject)

typedef struct _LancerLockEnrolment LancerLockEnrolment;

/* The app lock of one profile. Its state (enabled, failures, back-off, last
 * accepted time step, recovery code hashes) lives in the keyring beside the
 * TOTP secret; <profile_dir>/lock-state.ini is only a cache, read in the
 * constructor. Call lancer_lock_guard_load_async() (or _sync off the main
 * thread) before trusting "not enabled": the keyring's state wins over the
 * file, and a stored secret with the lock "off" counts as on. Without a
 * keyring the file stands. Property notifications are emitted on the main
 * context the guard was created in. */
LancerLockGuard     *lancer_lock_guard_new                 (const char           *profile_id,
                                                            const char           *profile_dir);
/* Blocking (keyring): worker threads, the CLI and tests only. */
void                 lancer_lock_guard_load_sync           (LancerLockGuard      *self,
                                                            GCancellable         *cancellable);
void                 lancer_lock_guard_load_async          (LancerLockGuard      *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
void                 lancer_lock_guard_load_finish         (LancerLockGuard      *self,
                                                            GAsyncResult         *result);

const char          *lancer_lock_guard_get_profile_id      (LancerLockGuard      *self);
const char          *lancer_lock_guard_get_profile_dir     (LancerLockGuard      *self);
gboolean             lancer_lock_guard_get_enabled         (LancerLockGuard      *self);
gboolean             lancer_lock_guard_get_locked          (LancerLockGuard      *self);
guint                lancer_lock_guard_get_failures        (LancerLockGuard      *self);
guint                lancer_lock_guard_get_recovery_codes_left (LancerLockGuard  *self);
/* Seconds until another attempt is allowed; 0 when the user may try now. */
gint64               lancer_lock_guard_get_seconds_until_retry (LancerLockGuard  *self);

/* Records lock, unlock and unlock-failed events there (never the codes). */
void                 lancer_lock_guard_set_audit_log       (LancerLockGuard      *self,
                                                            LancerAuditLog       *audit_log);

/* Locks now (Ctrl+L, idle, session lock). Does nothing while disabled. */
void                 lancer_lock_guard_lock                (LancerLockGuard      *self);

/* @code is a 6-digit TOTP code (spaces allowed) or a recovery code. Blocking
 * (keyring, password hashing): the _sync variant is for worker threads, the
 * CLI and tests. Fails closed on every error; the guard then stays locked. */
gboolean             lancer_lock_guard_try_unlock_sync     (LancerLockGuard      *self,
                                                            const char           *code,
                                                            GCancellable         *cancellable,
                                                            GError              **error);
void                 lancer_lock_guard_try_unlock_async    (LancerLockGuard      *self,
                                                            const char           *code,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean             lancer_lock_guard_try_unlock_finish   (LancerLockGuard      *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

/* Turning the lock off requires a current code (or a recovery code); it
 * removes the secret from the keyring and forgets the recovery codes. */
gboolean             lancer_lock_guard_disable_sync        (LancerLockGuard      *self,
                                                            const char           *code,
                                                            GCancellable         *cancellable,
                                                            GError              **error);
void                 lancer_lock_guard_disable_async       (LancerLockGuard      *self,
                                                            const char           *code,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean             lancer_lock_guard_disable_finish      (LancerLockGuard      *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

/* Replaces the recovery codes after checking a current code; returns the new
 * plain codes (show them once). */
GStrv                lancer_lock_guard_regenerate_recovery_codes_sync (LancerLockGuard *self,
                                                            const char           *code,
                                                            GCancellable         *cancellable,
                                                            GError              **error);
void                 lancer_lock_guard_regenerate_recovery_codes_async (LancerLockGuard *self,
                                                            const char           *code,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
GStrv                lancer_lock_guard_regenerate_recovery_codes_finish (LancerLockGuard *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

/* Starts enrolment: a new secret, not stored anywhere until confirmed.
 * @account is the label shown in the authenticator (the profile name). */
LancerLockEnrolment *lancer_lock_guard_begin_enrolment     (LancerLockGuard      *self,
                                                            const char           *account,
                                                            GError              **error);

/* For tests: pretend the time is @unix_time (seconds); -1 uses the real clock. */
void                 lancer_lock_guard_set_now_for_testing (LancerLockGuard      *self,
                                                            gint64                unix_time);

G_END_DECLS

/* Its enrolment needs the guard's type; included last, so either header may come first. */
#include "lancer-lock-enrolment.h"
