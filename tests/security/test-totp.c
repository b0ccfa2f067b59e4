/* test-totp.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lancer-recovery-codes.h"
#include "lancer-totp.h"
#include "lancer-test-util.h"

/* "12345678901234567890", the RFC 6238 appendix B SHA-1 seed. */
#define RFC_SEED    "12345678901234567890"
#define RFC_BASE32  "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

static char *
code_at (const char *base32,
         gint64      t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = lancer_totp_base32_decode (base32, &error);
  char *code;

  g_assert_no_error (error);
  code = lancer_totp_generate_code (key, t, LANCER_TOTP_DIGITS, &error);
  g_assert_no_error (error);
  return code;
}

static void
test_rfc6238_vectors (void)
{
  static const struct { gint64 t; const char *otp; } vectors[] = {
    { 59, "94287082" },
    { 1111111109, "07081804" },
    { 1111111111, "14050471" },
    { 1234567890, "89005924" },
    { 2000000000, "69279037" },
    { G_GINT64_CONSTANT (20000000000), "65353130" },
  };
  g_autoptr(GBytes) key = g_bytes_new_static (RFC_SEED, strlen (RFC_SEED));

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *otp = lancer_totp_generate_code (key, vectors[i].t, 8, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (otp, ==, vectors[i].otp);
    }
}

static void
test_base32 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) decoded = NULL;
  g_autofree char *encoded = lancer_totp_base32_encode ((const guint8 *) RFC_SEED, strlen (RFC_SEED));
  g_autofree char *secret = lancer_totp_generate_secret ();
  g_autofree char *other = lancer_totp_generate_secret ();
  g_autofree char *formatted = lancer_totp_format_secret (RFC_BASE32);

  g_assert_cmpstr (encoded, ==, RFC_BASE32);
  decoded = lancer_totp_base32_decode ("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (decoded, NULL), g_bytes_get_size (decoded), RFC_SEED, 20);

  g_assert_cmpuint (strlen (secret), ==, 32);
  g_assert_cmpstr (secret, !=, other);
  g_clear_pointer (&decoded, g_bytes_unref);
  decoded = lancer_totp_base32_decode (secret, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (decoded), ==, LANCER_TOTP_SECRET_BYTES);

  g_assert_cmpstr (formatted, ==, "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");

  g_assert_null (lancer_totp_base32_decode ("not base32 at all!", &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_CORRUPT_SECRET);
  g_clear_error (&error);
  g_assert_null (lancer_totp_base32_decode ("", &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_CORRUPT_SECRET);
}

static void
test_uri (void)
{
  g_autofree char *uri = lancer_totp_build_uri ("jane doe:work@example.com", RFC_BASE32);

  g_assert_cmpstr (uri, ==,
                   "otpauth://totp/Lancer:jane%20doe%3Awork%40example.com?secret=" RFC_BASE32
                   "&issuer=Lancer&algorithm=SHA1&digits=6&period=30");
}

static void
test_verify_window (void)
{
  const gint64 now = 1111111111;   /* step 37037037, 10 s into it */
  const gint64 step = now / 30;
  gint64 matched = -1;

  for (int delta = -1; delta <= 1; delta++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *code = code_at (RFC_BASE32, now + delta * 30);

      g_assert_true (lancer_totp_verify (RFC_BASE32, code, now, -1, &matched, &error));
      g_assert_no_error (error);
      g_assert_cmpint (matched, ==, step + delta);
    }

  for (int delta = -2; delta <= 2; delta += 4)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *code = code_at (RFC_BASE32, now + delta * 30);

      g_assert_false (lancer_totp_verify (RFC_BASE32, code, now, -1, &matched, &error));
      g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_WRONG_CODE);
      g_assert_cmpint (matched, ==, -1);
    }
}

static void
test_verify_spaces_and_replay (void)
{
  const gint64 now = 59;
  g_autoptr(GError) error = NULL;
  gint64 matched = -1;

  /* RFC vector 94287082 -> the 6-digit code is its last six digits. */
  g_assert_true (lancer_totp_verify (RFC_BASE32, " 287 082 ", now, -1, &matched, &error));
  g_assert_no_error (error);
  g_assert_cmpint (matched, ==, 1);

  g_assert_false (lancer_totp_verify (RFC_BASE32, "287082", now, 1, &matched, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_REPLAYED_CODE);
  g_clear_error (&error);
  g_assert_false (lancer_totp_verify (RFC_BASE32, "287082", now, 5, &matched, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_REPLAYED_CODE);
}

static void
test_verify_bad_input (void)
{
  static const char *bad[] = {
    "", "12345", "1234567", "12a456", "abcdef", "12-345", "１２３４５６", "123456\n", "0x1234",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (lancer_totp_verify (RFC_BASE32, bad[i], 59, -1, NULL, &error));
      g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_INVALID_CODE);
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (lancer_totp_verify (RFC_BASE32, NULL, 59, -1, NULL, &error));
    g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_INVALID_CODE);
  }
}

static void
test_verify_corrupt_secret (void)
{
  static const char *corrupt[] = { "", "!!!!", "GEZDGNBV", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (corrupt); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (lancer_totp_verify (corrupt[i], "287082", 59, -1, NULL, &error));
      g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_CORRUPT_SECRET);
    }
}

static void
test_recovery_codes (void)
{
  g_auto(GStrv) codes = lancer_recovery_codes_generate (LANCER_RECOVERY_CODE_COUNT);
  g_auto(GStrv) hashes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shouted = NULL;
  g_autofree char *norm = NULL;

  g_assert_cmpuint (g_strv_length (codes), ==, LANCER_RECOVERY_CODE_COUNT);
  for (guint i = 0; codes[i]; i++)
    {
      g_autofree char *again = lancer_recovery_code_normalize (codes[i]);

      g_assert_cmpuint (strlen (codes[i]), ==, 14);
      g_assert_true (g_regex_match_simple ("^[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}$",
                                           codes[i], 0, 0));
      g_assert_cmpstr (again, ==, codes[i]);
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (codes[i], !=, codes[j]);
    }

  shouted = g_ascii_strup (codes[3], -1);
  g_strdelimit (shouted, "-", ' ');
  norm = lancer_recovery_code_normalize (shouted);
  g_assert_cmpstr (norm, ==, codes[3]);
  g_assert_null (lancer_recovery_code_normalize ("abcd-efgh"));
  g_assert_null (lancer_recovery_code_normalize ("abcd-efgh-ijk1"));   /* i and 1 are not used */
  g_assert_null (lancer_recovery_code_normalize ("123456"));

  /* Two hashes are enough here; the lock tests use the real ten. */
  {
    const char *two[] = { codes[0], codes[1], NULL };

    hashes = lancer_recovery_codes_hash_all (two, &error);
    g_assert_no_error (error);
  }
  g_assert_true (g_str_has_prefix (hashes[0], "$argon2id$"));
  g_assert_null (strstr (hashes[0], codes[0]));
  g_assert_cmpint (lancer_recovery_codes_find ((const char * const *) hashes, codes[1]), ==, 1);
  g_assert_cmpint (lancer_recovery_codes_find ((const char * const *) hashes, shouted), ==, -1);
  g_assert_cmpint (lancer_recovery_codes_find ((const char * const *) hashes, codes[2]), ==, -1);
  g_assert_cmpint (lancer_recovery_codes_find ((const char * const *) hashes, "garbage"), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/totp/rfc6238-vectors", test_rfc6238_vectors);
  g_test_add_func ("/totp/base32", test_base32);
  g_test_add_func ("/totp/uri", test_uri);
  g_test_add_func ("/totp/verify/window", test_verify_window);
  g_test_add_func ("/totp/verify/spaces-and-replay", test_verify_spaces_and_replay);
  g_test_add_func ("/totp/verify/bad-input", test_verify_bad_input);
  g_test_add_func ("/totp/verify/corrupt-secret", test_verify_corrupt_secret);
  g_test_add_func ("/totp/recovery-codes", test_recovery_codes);

  return g_test_run ();
}
