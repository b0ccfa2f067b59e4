/* lancer-recovery-codes.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lancer-security-error.h"

G_BEGIN_DECLS

#define LANCER_RECOVERY_CODE_COUNT 10

/* @n single-use codes such as "7kq4-m2xv-9pht", from an alphabet without
 * look-alikes (no 0/o, 1/l/i). Show them once; store only their hashes. */
GStrv     lancer_recovery_codes_generate    (guint                n);

/* Lower-cases, drops spaces and dashes, checks the alphabet and length, and
 * returns the canonical "xxxx-xxxx-xxxx" form, or NULL if @input cannot be a
 * recovery code. */
char     *lancer_recovery_code_normalize    (const char          *input);

/* crypto_pwhash_str() with the interactive limits. Blocking (~tens of ms):
 * call it from a worker thread. */
char     *lancer_recovery_code_hash         (const char          *code,
                                             GError             **error);
/* Hashes every code; returns NULL-terminated hashes or NULL on error. */
GStrv     lancer_recovery_codes_hash_all    (const char * const  *codes,
                                             GError             **error);

/* Returns the index in @hashes of the hash matching @code, or -1. Blocking.
 * The caller burns the code by removing that hash. */
int       lancer_recovery_codes_find        (const char * const  *hashes,
                                             const char          *code);

G_END_DECLS
