/* lancer-lock-enrolment.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-lock-guard.h"

G_BEGIN_DECLS

#define LANCER_TYPE_LOCK_ENROLMENT (lancer_lock_enrolment_get_type ())
G_DECLARE_FINAL_TYPE (LancerLockEnrolment, lancer_lock_enrolment, LANCER, LOCK_ENROLMENT, GObject)

/* Turning the lock on: a new TOTP secret, stored nowhere until the user
 * confirms it with a code from the authenticator. Made by
 * lancer_lock_guard_begin_enrolment(). */

LancerLockGuard     *lancer_lock_enrolment_get_guard       (LancerLockEnrolment  *self);
/* Base32 secret, plain and grouped by four for reading; the otpauth:// URI
 * for the QR code. All are cleared once the enrolment is confirmed. */
const char          *lancer_lock_enrolment_get_secret      (LancerLockEnrolment  *self);
char                *lancer_lock_enrolment_dup_formatted_secret (LancerLockEnrolment *self);
const char          *lancer_lock_enrolment_get_uri         (LancerLockEnrolment  *self);

/* Checks one code from the authenticator, stores the secret in the keyring,
 * enables the lock (unlocked) and returns LANCER_RECOVERY_CODE_COUNT recovery
 * codes to show once. */
GStrv                lancer_lock_enrolment_confirm_sync    (LancerLockEnrolment  *self,
                                                            const char           *code,
                                                            GCancellable         *cancellable,
                                                            GError              **error);
void                 lancer_lock_enrolment_confirm_async   (LancerLockEnrolment  *self,
                                                            const char           *code,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
GStrv                lancer_lock_enrolment_confirm_finish  (LancerLockEnrolment  *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

G_END_DECLS
