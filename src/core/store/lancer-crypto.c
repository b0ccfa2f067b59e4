/* lancer-crypto.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "lancer-crypto.h"
#include "lancer-secrets.h"

#define FORMAT_VERSION 1
#define NONCE_BYTES    crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES      crypto_aead_xchacha20poly1305_ietf_ABYTES

struct _LancerCrypto
{
  guint8 *key;   /* sodium_malloc'd: guarded and locked in RAM */
};

G_DEFINE_QUARK (lancer-crypto-error-quark, lancer_crypto_error)

gboolean
lancer_crypto_init (void)
{
  static gsize initialized = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&initialized))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&initialized, 1);
    }
  return ok;
}

LancerCrypto *
lancer_crypto_new (const guint8 key[LANCER_CRYPTO_KEY_BYTES])
{
  LancerCrypto *self;

  if (!lancer_crypto_init ())
    return NULL;
  self = g_new0 (LancerCrypto, 1);
  self->key = sodium_malloc (LANCER_CRYPTO_KEY_BYTES);
  memcpy (self->key, key, LANCER_CRYPTO_KEY_BYTES);
  sodium_mprotect_readonly (self->key);
  return self;
}

LancerCrypto *
lancer_crypto_new_random (void)
{
  guint8 key[LANCER_CRYPTO_KEY_BYTES];
  LancerCrypto *self;

  if (!lancer_crypto_init ())
    return NULL;
  crypto_aead_xchacha20poly1305_ietf_keygen (key);
  self = lancer_crypto_new (key);
  sodium_memzero (key, sizeof key);
  return self;
}

void
lancer_crypto_free (LancerCrypto *self)
{
  if (self == NULL)
    return;
  sodium_free (self->key);
  g_free (self);
}

char *
lancer_crypto_export_key (LancerCrypto *self)
{
  return g_base64_encode (self->key, LANCER_CRYPTO_KEY_BYTES);
}

LancerCrypto *
lancer_crypto_import_key (const char  *base64,
                          GError     **error)
{
  g_autofree guint8 *raw = NULL;
  gsize len = 0;
  LancerCrypto *self;

  raw = g_base64_decode (base64, &len);
  if (len != LANCER_CRYPTO_KEY_BYTES)
    {
      if (raw != NULL)
        sodium_memzero (raw, len);
      g_set_error (error, LANCER_CRYPTO_ERROR, LANCER_CRYPTO_ERROR_INVALID,
                   _("The database key in the keyring is damaged; encrypted notes, proposals and messages cannot be read"));
      return NULL;
    }
  self = lancer_crypto_new (raw);
  sodium_memzero (raw, len);
  return self;
}

char *
lancer_crypto_dup_fingerprint (LancerCrypto *self)
{
  static const guint8 label[] = "lancer key fingerprint v1";
  guint8 hash[16];

  crypto_generichash (hash, sizeof hash, label, sizeof label - 1,
                      self->key, LANCER_CRYPTO_KEY_BYTES);
  return g_base64_encode (hash, sizeof hash);
}

GBytes *
lancer_crypto_encrypt (LancerCrypto *self,
                       const char   *plaintext,
                       gssize        len,
                       const char   *context)
{
  gsize plen = len < 0 ? strlen (plaintext) : (gsize) len;
  gsize out_len = 1 + NONCE_BYTES + plen + TAG_BYTES;
  guint8 *out = g_malloc (out_len);
  unsigned long long clen = 0;

  g_return_val_if_fail (self != NULL, NULL);

  out[0] = FORMAT_VERSION;
  randombytes_buf (out + 1, NONCE_BYTES);
  crypto_aead_xchacha20poly1305_ietf_encrypt (out + 1 + NONCE_BYTES, &clen,
                                              (const guint8 *) plaintext, plen,
                                              (const guint8 *) context, context ? strlen (context) : 0,
                                              NULL, out + 1, self->key);
  g_assert (clen == plen + TAG_BYTES);
  return g_bytes_new_take (out, out_len);
}

char *
lancer_crypto_decrypt (LancerCrypto  *self,
                       const guint8  *data,
                       gsize          len,
                       const char    *context,
                       GError       **error)
{
  unsigned long long plen = 0;
  char *out;

  if (self == NULL)
    {
      g_set_error (error, LANCER_CRYPTO_ERROR, LANCER_CRYPTO_ERROR_LOCKED,
                   _("This text is locked because the keyring is not available"));
      return NULL;
    }
  if (len < 1 + NONCE_BYTES + TAG_BYTES || data[0] != FORMAT_VERSION)
    {
      g_set_error (error, LANCER_CRYPTO_ERROR, LANCER_CRYPTO_ERROR_INVALID,
                   _("This text is damaged and cannot be read"));
      return NULL;
    }

  out = g_malloc (len - 1 - NONCE_BYTES - TAG_BYTES + 1);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt ((guint8 *) out, &plen, NULL,
                                                  data + 1 + NONCE_BYTES, len - 1 - NONCE_BYTES,
                                                  (const guint8 *) context, context ? strlen (context) : 0,
                                                  data + 1, self->key) != 0)
    {
      g_free (out);
      /* A wrong key looks exactly like tampering; either way the user
       * must not see garbage, so report the text as locked. */
      g_set_error (error, LANCER_CRYPTO_ERROR, LANCER_CRYPTO_ERROR_LOCKED,
                   _("This text is locked: it was encrypted with a key that is not in the keyring"));
      return NULL;
    }
  out[plen] = '\0';
  return out;
}

LancerCrypto *
lancer_crypto_load_for_profile_sync (const char    *profile_id,
                                     gboolean       create,
                                     GCancellable  *cancellable,
                                     GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LancerCrypto) crypto = NULL;
  g_autofree char *exported = NULL;
  char *stored;

  if (!lancer_crypto_init ())
    {
      g_set_error (error, LANCER_CRYPTO_ERROR, LANCER_CRYPTO_ERROR_FAILED,
                   _("The encryption library could not start"));
      return NULL;
    }

  stored = lancer_secrets_lookup_sync (profile_id, LANCER_SECRET_DATABASE_KEY, cancellable, &local_error);
  if (local_error != NULL)
    goto keyring_failed;
  if (stored != NULL)
    {
      crypto = lancer_crypto_import_key (stored, error);
      sodium_memzero (stored, strlen (stored));
      g_free (stored);
      return g_steal_pointer (&crypto);
    }
  if (!create)
    {
      g_set_error (error, LANCER_CRYPTO_ERROR, LANCER_CRYPTO_ERROR_LOCKED,
                   _("The keyring is locked or no longer holds this profile’s database key, so encrypted notes, proposals and messages are locked. Unlock the keyring and restart Lancer; if the key was deleted, restore the keyring from a backup."));
      return NULL;
    }

  crypto = lancer_crypto_new_random ();
  exported = lancer_crypto_export_key (crypto);
  if (!lancer_secrets_store_sync (profile_id, LANCER_SECRET_DATABASE_KEY, exported, cancellable, &local_error))
    {
      sodium_memzero (exported, strlen (exported));
      goto keyring_failed;
    }
  sodium_memzero (exported, strlen (exported));
  return g_steal_pointer (&crypto);

keyring_failed:
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  /* Translators: %s is the keyring's own explanation */
  g_set_error (error, LANCER_CRYPTO_ERROR, LANCER_CRYPTO_ERROR_LOCKED,
               _("Encrypted notes, proposals and messages are locked. %s"), local_error->message);
  return NULL;
}
