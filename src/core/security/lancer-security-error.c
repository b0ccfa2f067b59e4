/* lancer-security-error.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-security"

#include "config.h"

#include "lancer-security-error.h"

G_DEFINE_QUARK (lancer-security-error-quark, lancer_security_error)
