/* lancer-recovery-codes.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-security"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <sodium.h>

#include "lancer-recovery-codes.h"
#include "lancer-totp.h"

/* 31 symbols, no 0 o 1 l i: 12 of them give about 59 bits per code. */
static const char alphabet[] = "23456789abcdefghjkmnpqrstuvwxyz";
#define GROUPS      3
#define GROUP_LEN   4
#define CODE_CHARS  (GROUPS * GROUP_LEN)

GStrv
lancer_recovery_codes_generate (guint n)
{
  GStrv codes = g_new0 (char *, n + 1);

  lancer_totp_init ();
  for (guint i = 0; i < n; i++)
    {
      char buf[CODE_CHARS + GROUPS];
      guint pos = 0;

      for (guint c = 0; c < CODE_CHARS; c++)
        {
          if (c > 0 && c % GROUP_LEN == 0)
            buf[pos++] = '-';
          buf[pos++] = alphabet[randombytes_uniform (sizeof alphabet - 1)];
        }
      buf[pos] = '\0';
      codes[i] = g_strdup (buf);
      sodium_memzero (buf, sizeof buf);
    }
  return codes;
}

char *
lancer_recovery_code_normalize (const char *input)
{
  char buf[CODE_CHARS + GROUPS];
  guint n = 0;
  guint pos = 0;

  if (input == NULL)
    return NULL;

  for (const char *p = input; *p; p++)
    {
      char c = g_ascii_tolower (*p);

      if (c == ' ' || c == '-' || c == '\t')
        continue;
      if (n >= CODE_CHARS || strchr (alphabet, c) == NULL || c == '\0')
        return NULL;
      if (n > 0 && n % GROUP_LEN == 0)
        buf[pos++] = '-';
      buf[pos++] = c;
      n++;
    }
  if (n != CODE_CHARS)
    return NULL;
  buf[pos] = '\0';
  return g_strdup (buf);
}

char *
lancer_recovery_code_hash (const char  *code,
                           GError     **error)
{
  char out[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (code != NULL, NULL);

  lancer_totp_init ();
  if (crypto_pwhash_str (out, code, strlen (code),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_FAILED,
                           _("Not enough memory to protect the recovery codes. Close other applications and try again."));
      return NULL;
    }
  return g_strdup (out);
}

GStrv
lancer_recovery_codes_hash_all (const char * const  *codes,
                                GError             **error)
{
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (codes != NULL, NULL);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      char *hash = lancer_recovery_code_hash (codes[i], error);

      if (hash == NULL)
        return NULL;
      g_ptr_array_add (hashes, hash);
    }
  g_ptr_array_add (hashes, NULL);
  return (GStrv) g_ptr_array_steal (hashes, NULL);
}

int
lancer_recovery_codes_find (const char * const *hashes,
                            const char         *code)
{
  g_autofree char *canonical = NULL;
  int found = -1;

  if (hashes == NULL || !(canonical = lancer_recovery_code_normalize (code)))
    return -1;

  lancer_totp_init ();
  for (int i = 0; hashes[i] != NULL; i++)
    {
      if (crypto_pwhash_str_verify (hashes[i], canonical, strlen (canonical)) == 0)
        {
          found = i;
          break;
        }
    }
  sodium_memzero (canonical, strlen (canonical));
  return found;
}
