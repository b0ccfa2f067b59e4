/* lancer-security-error.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LANCER_SECURITY_ERROR (lancer_security_error_quark ())

/* One error domain for the whole security area (TOTP, recovery codes,
 * the app lock, QR codes, the audit log). Every message is translated and
 * tells the user what to do. */
typedef enum
{
  LANCER_SECURITY_ERROR_INVALID_CODE,     /* not 6 digits / not a recovery code */
  LANCER_SECURITY_ERROR_WRONG_CODE,       /* well formed, but not valid now */
  LANCER_SECURITY_ERROR_REPLAYED_CODE,    /* valid, but its time step was already used */
  LANCER_SECURITY_ERROR_RATE_LIMITED,     /* back-off after repeated failures */
  LANCER_SECURITY_ERROR_CORRUPT_SECRET,   /* the stored TOTP secret cannot be decoded */
  LANCER_SECURITY_ERROR_MISSING_SECRET,   /* the lock is on but the keyring has no secret */
  LANCER_SECURITY_ERROR_KEYRING,          /* keyring locked or not running */
  LANCER_SECURITY_ERROR_NOT_ENABLED,
  LANCER_SECURITY_ERROR_ALREADY_ENABLED,
  LANCER_SECURITY_ERROR_STATE,            /* lock-state.ini unreadable or unwritable */
  LANCER_SECURITY_ERROR_QR,
  LANCER_SECURITY_ERROR_AUDIT,
  LANCER_SECURITY_ERROR_FAILED,
} LancerSecurityError;

GQuark lancer_security_error_quark (void);

G_END_DECLS
