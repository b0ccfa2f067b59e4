/* test-lock.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app lock against a real (private, unlocked) gnome-keyring. Run with
 * HEADLESS_KEYRING=0 it checks the no-keyring case instead.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "lancer-lock-guard.h"
#include "lancer-recovery-codes.h"
#include "lancer-secrets.h"
#include "lancer-totp.h"
#include "lancer-test-util.h"

#define T0 G_GINT64_CONSTANT (1800000010)   /* 10 s into a time step */

typedef struct
{
  char            *dir;
  char            *profile_id;
  LancerLockGuard *guard;
  char            *secret;       /* base32, as enrolled */
  GStrv            recovery;
} Fixture;

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

static LancerLockGuard *
new_guard (Fixture *f,
           gint64   now)
{
  LancerLockGuard *guard = lancer_lock_guard_new (f->profile_id, f->dir);

  lancer_lock_guard_set_now_for_testing (guard, now);
  return guard;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("lancer-lock-XXXXXX", &error);
  g_assert_no_error (error);
  f->profile_id = g_path_get_basename (f->dir);
  f->guard = new_guard (f, T0);
}

/* Enrols the fixture's guard at T0; the lock ends up enabled and unlocked. */
static void
fixture_setup_enrolled (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LancerLockEnrolment) enrolment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  fixture_setup (f, data);
  enrolment = lancer_lock_guard_begin_enrolment (f->guard, "test profile", &error);
  g_assert_no_error (error);
  f->secret = g_strdup (lancer_lock_enrolment_get_secret (enrolment));
  code = code_at (f->secret, T0);
  f->recovery = lancer_lock_enrolment_confirm_sync (enrolment, code, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->recovery);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *state = g_build_filename (f->dir, "lock-state.ini", NULL);
  g_autofree char *audit = g_build_filename (f->dir, "audit.jsonl", NULL);

  if (g_getenv ("HEADLESS_KEYRING") == NULL || !g_str_equal (g_getenv ("HEADLESS_KEYRING"), "0"))
    lancer_secrets_clear_profile_sync (f->profile_id, NULL, NULL);
  g_clear_object (&f->guard);
  g_unlink (state);
  g_unlink (audit);
  g_rmdir (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->profile_id, g_free);
  g_clear_pointer (&f->secret, g_free);
  g_clear_pointer (&f->recovery, g_strfreev);
}

static void
test_enrolment (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LancerLockEnrolment) enrolment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *code = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *state_path = g_build_filename (f->dir, "lock-state.ini", NULL);
  g_autofree char *formatted = NULL;
  g_auto(GStrv) codes = NULL;
  GStatBuf st;

  g_assert_false (lancer_lock_guard_get_enabled (f->guard));
  g_assert_false (lancer_lock_guard_get_locked (f->guard));
  /* Nothing to unlock while the lock is off. */
  g_assert_true (lancer_lock_guard_try_unlock_sync (f->guard, "000000", NULL, &error));
  g_assert_no_error (error);

  enrolment = lancer_lock_guard_begin_enrolment (f->guard, "Jane Doe", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (lancer_lock_enrolment_get_uri (enrolment),
                                   "otpauth://totp/Lancer:Jane%20Doe?secret="));
  g_assert_nonnull (strstr (lancer_lock_enrolment_get_uri (enrolment), lancer_lock_enrolment_get_secret (enrolment)));
  formatted = lancer_lock_enrolment_dup_formatted_secret (enrolment);
  g_assert_cmpuint (strlen (formatted), ==, 39);
  f->secret = g_strdup (lancer_lock_enrolment_get_secret (enrolment));

  /* Nothing is stored before a code confirms the authenticator works. */
  stored = lancer_secrets_lookup_sync (f->profile_id, LANCER_SECRET_TOTP_SECRET, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (stored);
  g_assert_false (g_file_test (state_path, G_FILE_TEST_EXISTS));

  wrong = code_at (f->secret, T0 + 300);
  g_assert_null (lancer_lock_enrolment_confirm_sync (enrolment, wrong, NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_WRONG_CODE);
  g_clear_error (&error);
  g_assert_null (lancer_lock_enrolment_confirm_sync (enrolment, "12345", NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_INVALID_CODE);
  g_clear_error (&error);
  g_assert_false (lancer_lock_guard_get_enabled (f->guard));

  code = code_at (f->secret, T0);
  codes = lancer_lock_enrolment_confirm_sync (enrolment, code, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (codes), ==, LANCER_RECOVERY_CODE_COUNT);
  g_assert_true (lancer_lock_guard_get_enabled (f->guard));
  g_assert_false (lancer_lock_guard_get_locked (f->guard));
  g_assert_cmpuint (lancer_lock_guard_get_recovery_codes_left (f->guard), ==, 10);
  /* The enrolment forgets the secret once it is in the keyring. */
  g_assert_null (lancer_lock_enrolment_get_secret (enrolment));
  g_assert_null (lancer_lock_enrolment_get_uri (enrolment));

  g_clear_pointer (&stored, g_free);
  stored = lancer_secrets_lookup_sync (f->profile_id, LANCER_SECRET_TOTP_SECRET, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, f->secret);

  g_assert_cmpint (g_stat (state_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    g_autoptr(GBytes) bytes = lancer_test_read_file (state_path);

    g_assert_false (lancer_test_bytes_contain (bytes, f->secret));
    for (guint i = 0; codes[i]; i++)
      g_assert_false (lancer_test_bytes_contain (bytes, codes[i]));
  }

  g_assert_null (lancer_lock_guard_begin_enrolment (f->guard, "again", &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_ALREADY_ENABLED);
  g_clear_error (&error);

  lancer_lock_guard_lock (f->guard);
  g_assert_true (lancer_lock_guard_get_locked (f->guard));

  /* A restart starts locked. */
  g_clear_object (&f->guard);
  f->guard = new_guard (f, T0 + 60);
  g_assert_true (lancer_lock_guard_get_enabled (f->guard));
  g_assert_true (lancer_lock_guard_get_locked (f->guard));
}

static void
test_replay (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *enrol_code = code_at (f->secret, T0);
  g_autofree char *next = code_at (f->secret, T0 + 30);

  lancer_lock_guard_lock (f->guard);
  /* The code used to enrol cannot unlock. */
  g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, enrol_code, NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_REPLAYED_CODE);
  g_clear_error (&error);
  g_assert_true (lancer_lock_guard_get_locked (f->guard));

  /* The next step's code works (clock skew +1), once. */
  g_assert_true (lancer_lock_guard_try_unlock_sync (f->guard, next, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (lancer_lock_guard_get_locked (f->guard));
  lancer_lock_guard_lock (f->guard);
  lancer_lock_guard_set_now_for_testing (f->guard, T0 + 30);
  g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, next, NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_REPLAYED_CODE);
  g_clear_error (&error);

  /* Replay protection survives a restart. */
  g_clear_object (&f->guard);
  f->guard = new_guard (f, T0 + 30);
  g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, next, NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_REPLAYED_CODE);
  g_clear_error (&error);
  g_assert_true (lancer_lock_guard_get_locked (f->guard));
}

static void
test_skew (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const gint64 now = T0 + 3000;
  g_autofree char *behind2 = code_at (f->secret, now - 60);
  g_autofree char *ahead2 = code_at (f->secret, now + 60);
  g_autofree char *behind1 = code_at (f->secret, now - 30);

  lancer_lock_guard_lock (f->guard);
  lancer_lock_guard_set_now_for_testing (f->guard, now);
  g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, behind2, NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_WRONG_CODE);
  g_clear_error (&error);
  g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, ahead2, NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_WRONG_CODE);
  g_clear_error (&error);
  g_assert_true (lancer_lock_guard_try_unlock_sync (f->guard, behind1, NULL, &error));
  g_assert_no_error (error);
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  static const char *bad[] = { "", "12345", "1234567", "12a45b", "abcd-efgh" };
  g_autoptr(GError) limited = NULL;

  lancer_lock_guard_lock (f->guard);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, bad[i], NULL, &error));
      g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_INVALID_CODE);
      g_assert_true (lancer_lock_guard_get_locked (f->guard));
    }
  g_assert_cmpuint (lancer_lock_guard_get_failures (f->guard), ==, G_N_ELEMENTS (bad));
  /* Five failures: the back-off has started. */
  g_assert_cmpint (lancer_lock_guard_get_seconds_until_retry (f->guard), >, 0);
  g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, "hello", NULL, &limited));
  g_assert_error (limited, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_RATE_LIMITED);
}

static void
fail_once (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, "abcdef", NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_INVALID_CODE);
}

static void
test_backoff (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const gint64 now = T0 + 600;
  g_autofree char *good = code_at (f->secret, now);
  g_autofree char *later = code_at (f->secret, now + 100);

  lancer_lock_guard_lock (f->guard);
  lancer_lock_guard_set_now_for_testing (f->guard, now);

  for (guint i = 1; i <= 4; i++)
    {
      fail_once (f);
      g_assert_cmpuint (lancer_lock_guard_get_failures (f->guard), ==, i);
      g_assert_cmpint (lancer_lock_guard_get_seconds_until_retry (f->guard), ==, 0);
    }
  /* The 5th failure starts the back-off. */
  fail_once (f);
  g_assert_cmpint (lancer_lock_guard_get_seconds_until_retry (f->guard), ==, LANCER_LOCK_BACKOFF_BASE);

  /* Even the right code is refused meanwhile, and that is not a failure. */
  g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, good, NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_RATE_LIMITED);
  g_clear_error (&error);
  g_assert_cmpuint (lancer_lock_guard_get_failures (f->guard), ==, 5);
  g_assert_true (lancer_lock_guard_get_locked (f->guard));

  /* "Restart": a new guard on the same profile directory keeps it. */
  g_clear_object (&f->guard);
  f->guard = new_guard (f, now + 10);
  g_assert_true (lancer_lock_guard_get_locked (f->guard));
  g_assert_cmpuint (lancer_lock_guard_get_failures (f->guard), ==, 5);
  g_assert_cmpint (lancer_lock_guard_get_seconds_until_retry (f->guard), ==, LANCER_LOCK_BACKOFF_BASE - 10);
  g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, good, NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_RATE_LIMITED);
  g_clear_error (&error);

  /* After the wait, the 6th failure doubles it. */
  lancer_lock_guard_set_now_for_testing (f->guard, now + 31);
  g_assert_cmpint (lancer_lock_guard_get_seconds_until_retry (f->guard), ==, 0);
  fail_once (f);
  g_assert_cmpint (lancer_lock_guard_get_seconds_until_retry (f->guard), ==, 2 * LANCER_LOCK_BACKOFF_BASE);

  /* After that wait, a current code unlocks and resets the count. */
  lancer_lock_guard_set_now_for_testing (f->guard, now + 100);
  g_assert_true (lancer_lock_guard_try_unlock_sync (f->guard, later, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (lancer_lock_guard_get_locked (f->guard));
  g_assert_cmpuint (lancer_lock_guard_get_failures (f->guard), ==, 0);

  g_clear_object (&f->guard);
  f->guard = new_guard (f, now + 100);
  g_assert_cmpuint (lancer_lock_guard_get_failures (f->guard), ==, 0);
  g_assert_cmpint (lancer_lock_guard_get_seconds_until_retry (f->guard), ==, 0);
}

static void
test_recovery (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *typed = g_ascii_strup (f->recovery[2], -1);

  lancer_lock_guard_lock (f->guard);
  g_strdelimit (typed, "-", ' ');
  g_assert_true (lancer_lock_guard_try_unlock_sync (f->guard, typed, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (lancer_lock_guard_get_locked (f->guard));
  g_assert_cmpuint (lancer_lock_guard_get_recovery_codes_left (f->guard), ==, 9);

  /* Burnt: refused now and after a restart. */
  lancer_lock_guard_lock (f->guard);
  g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, f->recovery[2], NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_WRONG_CODE);
  g_clear_error (&error);

  g_clear_object (&f->guard);
  f->guard = new_guard (f, T0 + 5);
  g_assert_cmpuint (lancer_lock_guard_get_recovery_codes_left (f->guard), ==, 9);
  g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, f->recovery[2], NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_WRONG_CODE);
  g_clear_error (&error);
  g_assert_true (lancer_lock_guard_get_locked (f->guard));

  /* A made-up code in the right format is refused too. */
  g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, "2345-6789-abcd", NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_WRONG_CODE);
  g_clear_error (&error);

  g_assert_true (lancer_lock_guard_try_unlock_sync (f->guard, f->recovery[9], NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lancer_lock_guard_get_recovery_codes_left (f->guard), ==, 8);
}

static void
test_disable (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stale = code_at (f->secret, T0);
  g_autofree char *wrong = code_at (f->secret, T0 + 3000);
  g_autofree char *current = code_at (f->secret, T0 + 30);
  g_autofree char *stored = NULL;

  g_assert_false (lancer_lock_guard_disable_sync (f->guard, NULL, NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_INVALID_CODE);
  g_clear_error (&error);
  g_assert_false (lancer_lock_guard_disable_sync (f->guard, wrong, NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_WRONG_CODE);
  g_clear_error (&error);
  g_assert_false (lancer_lock_guard_disable_sync (f->guard, stale, NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_REPLAYED_CODE);
  g_clear_error (&error);
  g_assert_true (lancer_lock_guard_get_enabled (f->guard));

  lancer_lock_guard_set_now_for_testing (f->guard, T0 + 30);
  g_assert_true (lancer_lock_guard_disable_sync (f->guard, current, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (lancer_lock_guard_get_enabled (f->guard));
  g_assert_false (lancer_lock_guard_get_locked (f->guard));
  g_assert_cmpuint (lancer_lock_guard_get_recovery_codes_left (f->guard), ==, 0);

  stored = lancer_secrets_lookup_sync (f->profile_id, LANCER_SECRET_TOTP_SECRET, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (stored);

  lancer_lock_guard_lock (f->guard);
  g_assert_false (lancer_lock_guard_get_locked (f->guard));

  g_clear_object (&f->guard);
  f->guard = new_guard (f, T0 + 40);
  g_assert_false (lancer_lock_guard_get_enabled (f->guard));
  g_assert_false (lancer_lock_guard_get_locked (f->guard));

  g_assert_false (lancer_lock_guard_disable_sync (f->guard, current, NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_NOT_ENABLED);
}

static void
test_corrupt_secret (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = code_at (f->secret, T0 + 30);

  lancer_secrets_store_sync (f->profile_id, LANCER_SECRET_TOTP_SECRET, "#!corrupted!#", NULL, &error);
  g_assert_no_error (error);

  lancer_lock_guard_lock (f->guard);
  lancer_lock_guard_set_now_for_testing (f->guard, T0 + 30);
  g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, code, NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_CORRUPT_SECRET);
  g_assert_nonnull (strstr (error->message, "recovery code"));
  g_clear_error (&error);
  g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, "000000", NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_CORRUPT_SECRET);
  g_clear_error (&error);
  g_assert_true (lancer_lock_guard_get_locked (f->guard));
  g_assert_cmpuint (lancer_lock_guard_get_failures (f->guard), ==, 0);

  /* A secret that is missing altogether. */
  lancer_secrets_clear_sync (f->profile_id, LANCER_SECRET_TOTP_SECRET, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, code, NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_MISSING_SECRET);
  g_clear_error (&error);
  g_assert_true (lancer_lock_guard_get_locked (f->guard));

  /* The way out is a recovery code. */
  g_assert_true (lancer_lock_guard_try_unlock_sync (f->guard, f->recovery[0], NULL, &error));
  g_assert_no_error (error);
  g_assert_false (lancer_lock_guard_get_locked (f->guard));
}

static void
test_corrupt_state (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "lock-state.ini", NULL);
  g_autofree char *code = code_at (f->secret, T0 + 30);

  g_clear_object (&f->guard);
  g_file_set_contents (path, "[lock]\nenabled=maybe\nfailures=-3\n\x01\x02", -1, &error);
  g_assert_no_error (error);

  g_test_expect_message ("lancer-security", G_LOG_LEVEL_WARNING, "*damaged*");
  f->guard = new_guard (f, T0 + 30);
  g_test_assert_expected_messages ();
  /* Fail closed: a damaged file never turns the lock off. */
  g_assert_true (lancer_lock_guard_get_enabled (f->guard));
  g_assert_true (lancer_lock_guard_get_locked (f->guard));
  g_assert_true (lancer_lock_guard_try_unlock_sync (f->guard, code, NULL, &error));
  g_assert_no_error (error);

  /* ... and the next save repairs it. */
  g_clear_object (&f->guard);
  f->guard = new_guard (f, T0 + 30);
  g_assert_true (lancer_lock_guard_get_enabled (f->guard));
  g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, code, NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_REPLAYED_CODE);
}

/* Deleting lock-state.ini from the profile folder must not turn the lock
 * off: the keyring still holds the lock's state beside its secret. */
static void
test_state_file_deleted (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "lock-state.ini", NULL);
  g_autofree char *replayed = code_at (f->secret, T0);
  g_autofree char *code = code_at (f->secret, T0 + 30);

  g_clear_object (&f->guard);
  g_assert_cmpint (g_unlink (path), ==, 0);

  f->guard = new_guard (f, T0 + 30);
  lancer_lock_guard_load_sync (f->guard, NULL);
  g_assert_true (lancer_lock_guard_get_enabled (f->guard));
  g_assert_true (lancer_lock_guard_get_locked (f->guard));
  /* Nothing unlocks without a code, and the replay protection survived. */
  g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, "", NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_INVALID_CODE);
  g_clear_error (&error);
  g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, replayed, NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_REPLAYED_CODE);
  g_clear_error (&error);
  g_assert_cmpuint (lancer_lock_guard_get_recovery_codes_left (f->guard), ==, LANCER_RECOVERY_CODE_COUNT);
  /* The file came back as a cache. */
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* A guard that has not asked the keyring yet still gets it right on the
   * first attempt. */
  g_clear_object (&f->guard);
  g_assert_cmpint (g_unlink (path), ==, 0);
  f->guard = new_guard (f, T0 + 30);
  g_assert_true (lancer_lock_guard_try_unlock_sync (f->guard, code, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lancer_lock_guard_get_enabled (f->guard));
}

/* Editing the failure count or back-off in the file does not reset them. */
static void
test_state_file_edited (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "lock-state.ini", NULL);
  const gint64 now = T0 + 600;
  g_autofree char *good = code_at (f->secret, now + 10);

  lancer_lock_guard_lock (f->guard);
  lancer_lock_guard_set_now_for_testing (f->guard, now);
  for (guint i = 0; i < 6; i++)
    {
      g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, "000000", NULL, &error));
      g_clear_error (&error);
    }
  g_assert_cmpint (lancer_lock_guard_get_seconds_until_retry (f->guard), >, 0);

  g_clear_object (&f->guard);
  g_file_set_contents (path, "[lock]\nversion=1\nenabled=false\nfailures=0\nbackoff-until=0\nlast-step=-1\n",
                       -1, &error);
  g_assert_no_error (error);

  f->guard = new_guard (f, now + 10);
  lancer_lock_guard_load_sync (f->guard, NULL);
  g_assert_true (lancer_lock_guard_get_enabled (f->guard));
  g_assert_true (lancer_lock_guard_get_locked (f->guard));
  g_assert_cmpuint (lancer_lock_guard_get_failures (f->guard), >=, 5);
  g_assert_cmpint (lancer_lock_guard_get_seconds_until_retry (f->guard), >, 0);
  g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, good, NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_RATE_LIMITED);
}

/* A TOTP secret in the keyring with a state that says "off" is a mismatch:
 * it locks rather than opens. */
static void
test_state_mismatch_locks (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *off = "[lock]\nversion=1\nenabled=false\nfailures=0\nbackoff-until=0\nlast-step=-1\n";
  g_autofree char *path = g_build_filename (f->dir, "lock-state.ini", NULL);

  g_clear_object (&f->guard);
  lancer_secrets_store_sync (f->profile_id, LANCER_SECRET_LOCK_STATE, off, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, off, -1, &error);
  g_assert_no_error (error);

  f->guard = new_guard (f, T0 + 30);
  lancer_lock_guard_load_sync (f->guard, NULL);
  g_assert_true (lancer_lock_guard_get_enabled (f->guard));
  g_assert_true (lancer_lock_guard_get_locked (f->guard));
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
  guint    locked_notifies;
} AsyncState;

static void
unlock_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = lancer_lock_guard_try_unlock_finish (LANCER_LOCK_GUARD (object), result, &state->error);
  state->done = TRUE;
}

static void
locked_changed_cb (GObject    *object,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()) ||
                 g_main_context_acquire (g_main_context_default ()));
  state->locked_notifies++;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  AsyncState state = { 0 };
  g_autofree char *code = code_at (f->secret, T0 + 30);

  lancer_lock_guard_lock (f->guard);
  g_signal_connect (f->guard, "notify::locked", G_CALLBACK (locked_changed_cb), &state);

  lancer_lock_guard_try_unlock_async (f->guard, "999999", NULL, unlock_done_cb, &state);
  g_assert_true (lancer_test_wait_flag (&state.done, 20));
  g_assert_false (state.ok);
  g_assert_error (state.error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_WRONG_CODE);
  g_clear_error (&state.error);

  memset (&state, 0, sizeof state);
  lancer_lock_guard_try_unlock_async (f->guard, code, NULL, unlock_done_cb, &state);
  g_assert_true (lancer_test_wait_flag (&state.done, 20));
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_false (lancer_lock_guard_get_locked (f->guard));
  /* The notification arrives on the main context. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (state.locked_notifies, ==, 1);
}

typedef struct
{
  gboolean  done;
  GStrv     codes;
  GError   *error;
} CodesState;

static void
codes_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CodesState *state = user_data;

  state->codes = lancer_lock_guard_regenerate_recovery_codes_finish (LANCER_LOCK_GUARD (object), result,
                                                                     &state->error);
  state->done = TRUE;
}

/* Preferences → Lock → New Recovery Codes: a current code is needed, the
 * new codes replace every old one, and they survive a restart. */
static void
test_regenerate_async (Fixture       *f,
                       gconstpointer  data)
{
  CodesState state = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *code = code_at (f->secret, T0 + 30);

  lancer_lock_guard_regenerate_recovery_codes_async (f->guard, "999999", NULL, codes_done_cb, &state);
  g_assert_true (lancer_test_wait_flag (&state.done, 20));
  g_assert_null (state.codes);
  g_assert_error (state.error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_WRONG_CODE);
  g_clear_error (&state.error);
  g_assert_cmpuint (lancer_lock_guard_get_recovery_codes_left (f->guard), ==, LANCER_RECOVERY_CODE_COUNT);

  memset (&state, 0, sizeof state);
  lancer_lock_guard_regenerate_recovery_codes_async (f->guard, code, NULL, codes_done_cb, &state);
  g_assert_true (lancer_test_wait_flag (&state.done, 20));
  g_assert_no_error (state.error);
  g_assert_nonnull (state.codes);
  g_assert_cmpuint (g_strv_length (state.codes), ==, LANCER_RECOVERY_CODE_COUNT);
  for (guint i = 0; state.codes[i] != NULL; i++)
    g_assert_false (g_strv_contains ((const char * const *) f->recovery, state.codes[i]));

  /* After a restart, an old code is refused and a new one unlocks. */
  g_clear_object (&f->guard);
  f->guard = new_guard (f, T0 + 60);
  lancer_lock_guard_load_sync (f->guard, NULL);
  g_assert_cmpuint (lancer_lock_guard_get_recovery_codes_left (f->guard), ==, LANCER_RECOVERY_CODE_COUNT);
  lancer_lock_guard_lock (f->guard);
  g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, f->recovery[0], NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_WRONG_CODE);
  g_clear_error (&error);
  g_assert_true (lancer_lock_guard_try_unlock_sync (f->guard, state.codes[3], NULL, &error));
  g_assert_no_error (error);
  g_assert_false (lancer_lock_guard_get_locked (f->guard));
  g_strfreev (state.codes);
}

/* Run with HEADLESS_KEYRING=0: no Secret Service on the bus. */
static void
test_no_keyring (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerLockEnrolment) enrolment = NULL;
  g_autofree char *path = g_build_filename (f->dir, "lock-state.ini", NULL);
  g_autofree char *code = NULL;
  g_auto(GStrv) codes = NULL;

  /* Enrolment cannot store the secret, so the lock stays off. */
  enrolment = lancer_lock_guard_begin_enrolment (f->guard, "no keyring", &error);
  g_assert_no_error (error);
  code = code_at (lancer_lock_enrolment_get_secret (enrolment), T0);
  codes = lancer_lock_enrolment_confirm_sync (enrolment, code, NULL, &error);
  g_assert_null (codes);
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_KEYRING);
  g_test_message ("enrol: %s", error->message);
  g_clear_error (&error);
  g_assert_false (lancer_lock_guard_get_enabled (f->guard));

  /* A profile enrolled earlier, now started without a keyring. */
  g_clear_object (&f->guard);
  g_file_set_contents (path, "[lock]\nversion=1\nenabled=true\nfailures=0\nbackoff-until=0\nlast-step=-1\n",
                       -1, &error);
  g_assert_no_error (error);
  f->guard = new_guard (f, T0);
  /* The keyring cannot be asked; the file stands and the lock stays shut. */
  lancer_lock_guard_load_sync (f->guard, NULL);
  g_assert_true (lancer_lock_guard_get_enabled (f->guard));
  g_assert_true (lancer_lock_guard_get_locked (f->guard));
  for (guint i = 0; i < 7; i++)
    {
      g_assert_false (lancer_lock_guard_try_unlock_sync (f->guard, "123456", NULL, &error));
      g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_KEYRING);
      g_assert_nonnull (strstr (error->message, "keyring"));
      g_clear_error (&error);
      g_assert_true (lancer_lock_guard_get_locked (f->guard));
    }
  /* Not the user's fault: no back-off. */
  g_assert_cmpuint (lancer_lock_guard_get_failures (f->guard), ==, 0);
}

static gboolean
keyring_disabled (void)
{
  return g_strcmp0 (g_getenv ("HEADLESS_KEYRING"), "0") == 0;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, setup, func) \
  g_test_add (path, Fixture, NULL, setup, func, fixture_teardown)

  if (keyring_disabled ())
    {
      ADD ("/lock/no-keyring", fixture_setup, test_no_keyring);
      return g_test_run ();
    }

  ADD ("/lock/enrolment", fixture_setup, test_enrolment);
  ADD ("/lock/replay", fixture_setup_enrolled, test_replay);
  ADD ("/lock/skew", fixture_setup_enrolled, test_skew);
  ADD ("/lock/bad-input", fixture_setup_enrolled, test_bad_input);
  ADD ("/lock/backoff-survives-restart", fixture_setup_enrolled, test_backoff);
  ADD ("/lock/recovery-code-single-use", fixture_setup_enrolled, test_recovery);
  ADD ("/lock/disable-needs-current-code", fixture_setup_enrolled, test_disable);
  ADD ("/lock/corrupt-secret", fixture_setup_enrolled, test_corrupt_secret);
  ADD ("/lock/corrupt-state", fixture_setup_enrolled, test_corrupt_state);
  ADD ("/lock/async", fixture_setup_enrolled, test_async);
  ADD ("/lock/regenerate-recovery-codes-async", fixture_setup_enrolled, test_regenerate_async);
  ADD ("/lock/state-file-deleted", fixture_setup_enrolled, test_state_file_deleted);
  ADD ("/lock/state-file-edited", fixture_setup_enrolled, test_state_file_edited);
  ADD ("/lock/state-mismatch-locks", fixture_setup_enrolled, test_state_mismatch_locks);
#undef ADD

  return g_test_run ();
}
