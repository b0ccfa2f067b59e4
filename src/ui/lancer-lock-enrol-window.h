/* lancer-lock-enrol-window.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lancer-lock-guard.h"

G_BEGIN_DECLS

typedef enum
{
  LANCER_LOCK_ENROL_MODE_ENABLE,       /* scan → confirm a code → recovery codes */
  LANCER_LOCK_ENROL_MODE_DISABLE,      /* a current code turns the lock off */
  LANCER_LOCK_ENROL_MODE_NEW_CODES,    /* a current code → new recovery codes */
} LancerLockEnrolMode;

#define LANCER_TYPE_LOCK_ENROL_WINDOW (lancer_lock_enrol_window_get_type ())
G_DECLARE_FINAL_TYPE (LancerLockEnrolWindow, lancer_lock_enrol_window, LANCER, LOCK_ENROL_WINDOW, AdwWindow)

/* @account labels the entry in the authenticator app (the profile name). */
LancerLockEnrolWindow *lancer_lock_enrol_window_new           (GtkWindow             *parent,
                                                               LancerLockGuard       *guard,
                                                               const char            *account,
                                                               LancerLockEnrolMode    mode);
LancerLockEnrolMode    lancer_lock_enrol_window_get_mode      (LancerLockEnrolWindow *self);
/* "scan", "code" or "codes". */
const char            *lancer_lock_enrol_window_get_step      (LancerLockEnrolWindow *self);
/* The pending enrolment (ENABLE mode, before it is confirmed), or NULL. */
LancerLockEnrolment   *lancer_lock_enrol_window_get_enrolment (LancerLockEnrolWindow *self);
/* The recovery codes on the last step, or NULL. */
const char * const    *lancer_lock_enrol_window_get_recovery_codes (LancerLockEnrolWindow *self);
/* The message under the code entry, or NULL. */
const char            *lancer_lock_enrol_window_get_error     (LancerLockEnrolWindow *self);
gboolean               lancer_lock_enrol_window_get_busy      (LancerLockEnrolWindow *self);
/* Goes on as the header bar's main button does (Next, Confirm, Done). */
void                   lancer_lock_enrol_window_next          (LancerLockEnrolWindow *self);
/* Types @code into the entry and goes on. */
void                   lancer_lock_enrol_window_submit_code   (LancerLockEnrolWindow *self,
                                                               const char            *code);

G_END_DECLS
