/* lancer-lock-view.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lancer-lock-guard.h"

G_BEGIN_DECLS

#define LANCER_TYPE_LOCK_VIEW (lancer_lock_view_get_type ())
G_DECLARE_FINAL_TYPE (LancerLockView, lancer_lock_view, LANCER, LOCK_VIEW, AdwBin)

/* The lock screen: asks for a code and unlocks @guard off the main thread.
 * It shows nothing of the profile but its lock state. */
GtkWidget       *lancer_lock_view_new        (LancerLockGuard *guard);
LancerLockGuard *lancer_lock_view_get_guard  (LancerLockView  *self);
void             lancer_lock_view_set_guard  (LancerLockView  *self,
                                              LancerLockGuard *guard);
/* Forgets what was typed and any old message; call it when locking. */
void             lancer_lock_view_reset      (LancerLockView  *self);
/* Checks @code as if it was typed and Unlock pressed. */
void             lancer_lock_view_submit     (LancerLockView  *self,
                                              const char      *code);
/* TRUE while a code is being checked. */
gboolean         lancer_lock_view_get_busy   (LancerLockView  *self);
/* The message shown under the entry, or NULL. */
const char      *lancer_lock_view_get_error  (LancerLockView  *self);

G_END_DECLS
