/* lancer-totp.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lancer-security-error.h"

G_BEGIN_DECLS

/* RFC 6238 with the parameters every authenticator app understands. */
#define LANCER_TOTP_DIGITS        6
#define LANCER_TOTP_PERIOD        30
#define LANCER_TOTP_SECRET_BYTES  20   /* 160 bits, as RFC 4226 recommends */
#define LANCER_TOTP_WINDOW        1    /* accepted clock skew, in time steps */
#define LANCER_TOTP_ISSUER        "Lancer"

/* Makes sure liboath and libsodium are initialised; safe to call often. */
void      lancer_totp_init               (void);

/* A fresh random secret, base32 encoded without padding (32 characters). */
char     *lancer_totp_generate_secret    (void);

/* Base32 (RFC 4648) helpers. Decoding ignores spaces and case and accepts
 * missing padding; bad input fails with LANCER_SECURITY_ERROR_CORRUPT_SECRET. */
char     *lancer_totp_base32_encode      (const guint8  *data,
                                          gsize          len);
GBytes   *lancer_totp_base32_decode      (const char    *base32,
                                          GError       **error);

/* Groups a base32 secret in blocks of four for people to read and type. */
char     *lancer_totp_format_secret      (const char    *base32);

/* otpauth://totp/Lancer:<account>?secret=…&issuer=Lancer&algorithm=SHA1&digits=6&period=30 */
char     *lancer_totp_build_uri          (const char    *account,
                                          const char    *base32_secret);

gint64    lancer_totp_time_step          (gint64         unix_time);

/* The code for @unix_time with @digits digits (6–8), SHA-1. */
char     *lancer_totp_generate_code      (GBytes        *key,
                                          gint64         unix_time,
                                          guint          digits,
                                          GError       **error);

/* Strips spaces and checks that @input is exactly LANCER_TOTP_DIGITS digits.
 * Returns the normalised code or NULL with LANCER_SECURITY_ERROR_INVALID_CODE. */
char     *lancer_totp_normalize_code     (const char    *input,
                                          GError       **error);

/* Verifies @code against @base32_secret at @unix_time, accepting
 * LANCER_TOTP_WINDOW steps either side. A code whose step is <= @last_step
 * is refused (LANCER_SECURITY_ERROR_REPLAYED_CODE); pass -1 to disable that
 * check. On success *@out_step holds the step that matched. Never accepts
 * on a decoding problem. */
gboolean  lancer_totp_verify             (const char    *base32_secret,
                                          const char    *code,
                                          gint64         unix_time,
                                          gint64         last_step,
                                          gint64        *out_step,
                                          GError       **error);

G_END_DECLS
