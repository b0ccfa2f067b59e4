/* lancer-crypto.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LANCER_CRYPTO_ERROR (lancer_crypto_error_quark ())

typedef enum
{
  LANCER_CRYPTO_ERROR_FAILED,
  /* The key is unavailable (keyring locked, missing or lost): the data
   * exists but cannot be read now. Show it as locked, never as text. */
  LANCER_CRYPTO_ERROR_LOCKED,
  /* The data was not made with this key or was tampered with. */
  LANCER_CRYPTO_ERROR_INVALID,
} LancerCryptoError;

#define LANCER_CRYPTO_KEY_BYTES 32

/* A per-profile key held in locked, non-swappable memory. */
typedef struct _LancerCrypto LancerCrypto;

GQuark        lancer_crypto_error_quark      (void);
gboolean      lancer_crypto_init             (void);
LancerCrypto *lancer_crypto_new              (const guint8   key[LANCER_CRYPTO_KEY_BYTES]);
LancerCrypto *lancer_crypto_new_random       (void);
void          lancer_crypto_free             (LancerCrypto  *self);
/* Base64 form, for the keyring. */
char         *lancer_crypto_export_key       (LancerCrypto  *self);
LancerCrypto *lancer_crypto_import_key       (const char    *base64,
                                              GError       **error);
/* A short public fingerprint of the key, stored beside the data so a lost
 * key is detected instead of silently replaced. */
char         *lancer_crypto_dup_fingerprint  (LancerCrypto  *self);

/* XChaCha20-Poly1305 with @context as associated data (e.g. "proposals.cover_letter"),
 * so a value cannot be moved to another column unnoticed.
 * Output: version byte, 24-byte nonce, ciphertext + 16-byte tag. */
GBytes       *lancer_crypto_encrypt          (LancerCrypto  *self,
                                              const char    *plaintext,
                                              gssize         len,
                                              const char    *context);
char         *lancer_crypto_decrypt          (LancerCrypto  *self,
                                              const guint8  *data,
                                              gsize          len,
                                              const char    *context,
                                              GError       **error);

/* Loads the profile's database key from the keyring (blocking: worker
 * threads and the CLI only). With @create and no key stored, makes one.
 * Keyring failures come back as LANCER_CRYPTO_ERROR_LOCKED with a
 * translated message saying what to do. */
LancerCrypto *lancer_crypto_load_for_profile_sync (const char   *profile_id,
                                              gboolean       create,
                                              GCancellable  *cancellable,
                                              GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerCrypto, lancer_crypto_free)

G_END_DECLS
