/* lancer-lock-guard-private.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-lock-guard.h"

G_BEGIN_DECLS

LancerLockEnrolment *_lancer_lock_enrolment_new     (LancerLockGuard  *guard,
                                                     const char       *account);

/* Checks @code against the enrolment's @secret, stores the secret in the
 * keyring and turns the lock on (unlocked). Returns the new recovery codes. */
GStrv                _lancer_lock_guard_enable_sync (LancerLockGuard  *guard,
                                                     const char       *secret,
                                                     const char       *code,
                                                     GCancellable     *cancellable,
                                                     GError          **error);

G_END_DECLS
