/* lancer-totp.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-security"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <stdlib.h>
#include <liboath/oath.h>
#include <sodium.h>

#include "lancer-totp.h"

/* A secret shorter than this is not one we wrote: treat it as corrupt. */
#define MIN_SECRET_BYTES 16
#define MAX_SECRET_BYTES 64

void
lancer_totp_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      if (oath_init () != OATH_OK)
        g_error ("liboath could not be initialised");
      if (sodium_init () < 0)
        g_error ("libsodium could not be initialised");
      g_once_init_leave (&initialized, 1);
    }
}

char *
lancer_totp_base32_encode (const guint8 *data,
                           gsize         len)
{
  char *out = NULL;
  size_t outlen = 0;
  char *result;
  char *pad;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  lancer_totp_init ();
  if (oath_base32_encode ((const char *) data, len, &out, &outlen) != OATH_OK)
    return NULL;
  result = g_strndup (out, outlen);
  sodium_memzero (out, outlen);
  free (out);
  /* otpauth:// URIs and authenticator apps want the secret without padding. */
  if ((pad = strchr (result, '=')) != NULL)
    *pad = '\0';
  return result;
}

static void
set_corrupt_error (GError **error)
{
  g_set_error_literal (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_CORRUPT_SECRET,
                       _("The stored two-factor secret is damaged. Unlock with a recovery code, "
                         "then turn the lock off and on again to enrol a new authenticator."));
}

GBytes *
lancer_totp_base32_decode (const char  *base32,
                           GError     **error)
{
  g_autoptr(GString) clean = NULL;
  char *out = NULL;
  size_t outlen = 0;
  GBytes *bytes;
  int rc;

  if (base32 == NULL || *base32 == '\0')
    goto corrupt;

  clean = g_string_new (NULL);
  for (const char *p = base32; *p; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == ' ' || c == '-' || c == '\t' || c == '\n' || c == '\r')
        continue;
      if (c == '=')
        break;
      if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7')))
        goto corrupt;
      g_string_append_c (clean, c);
    }
  if (clean->len == 0)
    goto corrupt;
  /* Lengths 1, 3 and 6 (mod 8) can never come out of an encoder. */
  switch (clean->len % 8)
    {
    case 1: case 3: case 6:
      goto corrupt;
    default:
      break;
    }
  while (clean->len % 8 != 0)
    g_string_append_c (clean, '=');

  lancer_totp_init ();
  rc = oath_base32_decode (clean->str, clean->len, &out, &outlen);
  sodium_memzero (clean->str, clean->len);
  if (rc != OATH_OK)
    goto corrupt;
  bytes = g_bytes_new (out, outlen);
  sodium_memzero (out, outlen);
  free (out);
  return bytes;

corrupt:
  if (clean != NULL)
    sodium_memzero (clean->str, clean->len);
  set_corrupt_error (error);
  return NULL;
}

char *
lancer_totp_generate_secret (void)
{
  guint8 key[LANCER_TOTP_SECRET_BYTES];
  char *secret;

  lancer_totp_init ();
  randombytes_buf (key, sizeof key);
  secret = lancer_totp_base32_encode (key, sizeof key);
  sodium_memzero (key, sizeof key);
  return secret;
}

char *
lancer_totp_format_secret (const char *base32)
{
  GString *out;
  guint n = 0;

  g_return_val_if_fail (base32 != NULL, NULL);

  out = g_string_new (NULL);
  for (const char *p = base32; *p; p++)
    {
      if (*p == '=' || *p == ' ')
        continue;
      if (n > 0 && n % 4 == 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, g_ascii_toupper (*p));
      n++;
    }
  return g_string_free (out, FALSE);
}

char *
lancer_totp_build_uri (const char *account,
                       const char *base32_secret)
{
  g_autofree char *issuer = NULL;
  g_autofree char *acct = NULL;
  g_autofree char *secret = NULL;

  g_return_val_if_fail (account != NULL, NULL);
  g_return_val_if_fail (base32_secret != NULL, NULL);

  /* Everything that is not unreserved is percent-encoded, ':' included, so
   * an account name can never split the "issuer:account" label. */
  issuer = g_uri_escape_string (LANCER_TOTP_ISSUER, NULL, FALSE);
  acct = g_uri_escape_string (account, NULL, FALSE);
  secret = g_uri_escape_string (base32_secret, NULL, FALSE);
  return g_strdup_printf ("otpauth://totp/%s:%s?secret=%s&issuer=%s"
                          "&algorithm=SHA1&digits=%d&period=%d",
                          issuer, acct, secret, issuer,
                          LANCER_TOTP_DIGITS, LANCER_TOTP_PERIOD);
}

gint64
lancer_totp_time_step (gint64 unix_time)
{
  if (unix_time < 0)
    return -1;
  return unix_time / LANCER_TOTP_PERIOD;
}

char *
lancer_totp_generate_code (GBytes  *key,
                           gint64   unix_time,
                           guint    digits,
                           GError **error)
{
  char out[16] = { 0 };
  gsize len = 0;
  const char *data;
  int rc;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (digits >= 6 && digits <= 8, NULL);

  lancer_totp_init ();
  data = g_bytes_get_data (key, &len);
  rc = oath_totp_generate2 (data, len, (time_t) unix_time, LANCER_TOTP_PERIOD,
                            OATH_TOTP_DEFAULT_START_TIME, digits, 0, out);
  if (rc != OATH_OK)
    {
      g_set_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_FAILED,
                   _("A one-time code could not be computed (%s)."), oath_strerror_name (rc));
      return NULL;
    }
  return g_strdup (out);
}

char *
lancer_totp_normalize_code (const char  *input,
                            GError     **error)
{
  char out[LANCER_TOTP_DIGITS + 1];
  guint n = 0;

  if (input == NULL)
    goto invalid;

  for (const char *p = input; *p; p++)
    {
      if (*p == ' ' || *p == '\t')
        continue;
      if (!g_ascii_isdigit (*p) || n >= LANCER_TOTP_DIGITS)
        goto invalid;
      out[n++] = *p;
    }
  if (n != LANCER_TOTP_DIGITS)
    goto invalid;
  out[n] = '\0';
  return g_strdup (out);

invalid:
  g_set_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_INVALID_CODE,
               _("Enter the %d-digit code shown in your authenticator app."),
               LANCER_TOTP_DIGITS);
  return NULL;
}

gboolean
lancer_totp_verify (const char  *base32_secret,
                    const char  *code,
                    gint64       unix_time,
                    gint64       last_step,
                    gint64      *out_step,
                    GError     **error)
{
  g_autoptr(GBytes) key = NULL;
  g_autofree char *wanted = NULL;
  gint64 step;
  gint64 matched = -1;
  gboolean replayed = FALSE;

  if (out_step != NULL)
    *out_step = -1;

  if (!(wanted = lancer_totp_normalize_code (code, error)))
    return FALSE;
  if (!(key = lancer_totp_base32_decode (base32_secret, error)))
    return FALSE;
  if (g_bytes_get_size (key) < MIN_SECRET_BYTES || g_bytes_get_size (key) > MAX_SECRET_BYTES)
    {
      set_corrupt_error (error);
      return FALSE;
    }

  step = lancer_totp_time_step (unix_time);
  if (step < 0)
    {
      g_set_error_literal (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_FAILED,
                           _("The system clock is wrong. Set the correct date and time, then try again."));
      return FALSE;
    }

  /* Look at every step of the window (no early exit), and prefer a match
   * that has not been used yet. */
  for (gint64 s = step - LANCER_TOTP_WINDOW; s <= step + LANCER_TOTP_WINDOW; s++)
    {
      g_autofree char *candidate = NULL;

      if (s < 0)
        continue;
      candidate = lancer_totp_generate_code (key, s * LANCER_TOTP_PERIOD, LANCER_TOTP_DIGITS, error);
      if (candidate == NULL)
        return FALSE;
      if (sodium_memcmp (candidate, wanted, LANCER_TOTP_DIGITS) == 0)
        {
          if (last_step >= 0 && s <= last_step)
            replayed = TRUE;
          else if (matched < 0)
            matched = s;
        }
      sodium_memzero (candidate, strlen (candidate));
    }
  sodium_memzero (wanted, strlen (wanted));

  if (matched >= 0)
    {
      if (out_step != NULL)
        *out_step = matched;
      return TRUE;
    }
  if (replayed)
    g_set_error_literal (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_REPLAYED_CODE,
                         _("This code was already used. Wait for your authenticator to show a new code."));
  else
    g_set_error_literal (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_WRONG_CODE,
                         _("That code is not correct. Check that your device’s clock is right and try the current code."));
  return FALSE;
}
