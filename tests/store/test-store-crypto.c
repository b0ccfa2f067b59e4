/* test-store-crypto.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs twice: with the unlocked test keyring, and (HEADLESS_KEYRING=0) with
 * no keyring at all; the "missing" paths are chosen by LANCER_TEST_NO_KEYRING.
 */
#include "config.h"

#include <libsecret/secret.h>

#include "lancer-crypto.h"
#include "lancer-secrets.h"
#include "store-test-util.h"

#define NOTE   "PLAINTEXT-NOTE-7f3a9c client prefers calls on Tuesday"
#define DRAFT  "PLAINTEXT-DRAFT-b81e44 Dear Anna, I have built three scrapers"

static void
test_roundtrip (void)
{
  g_autoptr(LancerCrypto) crypto = lancer_crypto_new_random ();
  g_autoptr(LancerCrypto) other = lancer_crypto_new_random ();
  g_autoptr(GBytes) sealed = lancer_crypto_encrypt (crypto, "hello", -1, "a.b");
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (sealed, &len);

  plain = lancer_crypto_decrypt (crypto, data, len, "a.b", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plain, ==, "hello");
  /* Wrong column or wrong key: locked, never garbage. */
  g_assert_null (lancer_crypto_decrypt (crypto, data, len, "x.y", &error));
  g_assert_error (error, LANCER_CRYPTO_ERROR, LANCER_CRYPTO_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_null (lancer_crypto_decrypt (other, data, len, "a.b", &error));
  g_assert_error (error, LANCER_CRYPTO_ERROR, LANCER_CRYPTO_ERROR_LOCKED);
}

static LancerStore *
open_profile (LancerProfile *profile)
{
  g_autoptr(GError) error = NULL;
  LancerStore *store = store_test_open (profile, &error);

  g_assert_no_error (error);
  return store;
}

static void
add_job (LancerStore *store,
         const char  *id)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  LancerJob *job = lancer_job_new (id);

  lancer_job_set_title (job, "PUBLIC-TITLE-plainly-visible");
  lancer_job_set_posted_at (job, g_get_real_time () / G_USEC_PER_SEC);
  g_ptr_array_add (page, job);
  g_assert_true (store_test_upsert (store, page, NULL, &error));
  g_assert_no_error (error);
}

static gint64
write_private (LancerStore *store,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gint64 id;

  lancer_store_set_job_note_async (store, "j1", NOTE, NULL, store_test_result_cb, &result);
  if (!lancer_store_set_job_note_finish (store, store_test_wait (&result), error))
    return 0;
  g_clear_object (&result);
  lancer_store_save_proposal_draft_async (store, 0, "j1", DRAFT, NULL, store_test_result_cb, &result);
  id = lancer_store_save_proposal_draft_finish (store, store_test_wait (&result), error);
  return id;
}

static char *
read_note (LancerStore *store,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lancer_store_get_job_note_async (store, "j1", NULL, store_test_result_cb, &result);
  return lancer_store_get_job_note_finish (store, store_test_wait (&result), error);
}

static char *
read_draft (LancerStore *store,
            gint64       id,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lancer_store_get_proposal_draft_async (store, id, NULL, store_test_result_cb, &result);
  return lancer_store_get_proposal_draft_finish (store, store_test_wait (&result), error);
}

static void
assert_not_in_files (const char *db_path,
                     const char *needle)
{
  const char *suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (db_path, suffixes[i], NULL);
      g_autoptr(GBytes) bytes = lancer_test_read_file (p);

      if (bytes != NULL)
        g_assert_false (lancer_test_bytes_contain (bytes, needle));
    }
}

static void
test_encrypted_at_rest (void)
{
  g_autoptr(LancerProfileManager) manager = store_test_manager (NULL);
  g_autoptr(LancerProfile) profile = lancer_profile_manager_create (manager, "Crypto", FALSE, NULL);
  g_autofree char *db_path = lancer_profile_dup_db_path (profile);
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autoptr(LancerStore) store = open_profile (profile);
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *draft = NULL;
  g_autoptr(GBytes) raw = NULL;
  gint64 id;

  g_assert_false (lancer_store_get_encryption_locked (store));
  add_job (store, "j1");
  id = write_private (store, &error);
  g_assert_no_error (error);
  note = read_note (store, &error);
  g_assert_cmpstr (note, ==, NOTE);
  draft = read_draft (store, id, &error);
  g_assert_cmpstr (draft, ==, DRAFT);

  /* While open, the data sits in the WAL: look there and in the db. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GBytes) w = lancer_test_read_file (wal);
    g_autoptr(GBytes) d = lancer_test_read_file (db_path);
    /* Sanity: public job postings are plaintext, so the grep works. */
    g_assert_true (lancer_test_bytes_contain (w, "PUBLIC-TITLE-plainly-visible") ||
                   lancer_test_bytes_contain (d, "PUBLIC-TITLE-plainly-visible"));
  }
  assert_not_in_files (db_path, "PLAINTEXT-NOTE-7f3a9c");
  assert_not_in_files (db_path, "PLAINTEXT-DRAFT-b81e44");
  assert_not_in_files (db_path, "Tuesday");

  store_test_close (&store);
  raw = lancer_test_read_file (db_path);
  g_assert_true (lancer_test_bytes_contain (raw, "PUBLIC-TITLE-plainly-visible"));
  assert_not_in_files (db_path, "PLAINTEXT-NOTE-7f3a9c");
  assert_not_in_files (db_path, "PLAINTEXT-DRAFT-b81e44");

  /* Reopened with the key from the keyring: readable again. */
  store = open_profile (profile);
  g_clear_pointer (&note, g_free);
  note = read_note (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (note, ==, NOTE);
  store_test_close (&store);
}

/* A different key in the keyring must not be used (or replaced) silently. */
static void
test_wrong_key_is_locked (void)
{
  g_autoptr(LancerProfileManager) manager = store_test_manager (NULL);
  g_autoptr(LancerProfile) profile = lancer_profile_manager_create (manager, "Wrong", FALSE, NULL);
  g_autoptr(LancerStore) store = open_profile (profile);
  g_autoptr(LancerCrypto) other = lancer_crypto_new_random ();
  g_autofree char *other_b64 = lancer_crypto_export_key (other);
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GPtrArray) jobs = NULL;

  add_job (store, "j1");
  write_private (store, &error);
  g_assert_no_error (error);
  store_test_close (&store);

  g_assert_true (lancer_secrets_store_sync (lancer_profile_get_id (profile), LANCER_SECRET_DATABASE_KEY,
                                            other_b64, NULL, &error));
  store = open_profile (profile);
  g_assert_true (lancer_store_get_encryption_locked (store));
  note = read_note (store, &error);
  g_assert_null (note);
  g_assert_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  jobs = store_test_query (store, NULL, 0, 10);
  g_assert_cmpuint (jobs->len, ==, 1);
  store_test_close (&store);
}

static void
lock_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
  g_autoptr(SecretCollection) collection = NULL;
  GList *objects;

  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  objects = g_list_append (NULL, collection);
  secret_service_lock_sync (service, objects, NULL, NULL, &error);
  g_list_free (objects);
  g_assert_no_error (error);
  g_assert_true (secret_collection_get_locked (collection));
}

/* Locked keyring: a clear message, encrypted fields locked, rest usable. */
static void
test_locked_keyring (void)
{
  g_autoptr(LancerProfileManager) manager = store_test_manager (NULL);
  g_autoptr(LancerProfile) profile = lancer_profile_manager_create (manager, "Locked", FALSE, NULL);
  g_autoptr(LancerStore) store = open_profile (profile);
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  gint64 id;

  add_job (store, "j1");
  id = write_private (store, &error);
  g_assert_no_error (error);
  store_test_close (&store);

  lock_keyring ();
  store = open_profile (profile);
  g_assert_true (lancer_store_get_encryption_locked (store));
  g_assert_true (lancer_store_get_open_flags (store) & LANCER_STORE_OPEN_ENCRYPTION_LOCKED);
  g_assert_nonnull (lancer_store_get_problem_message (store));
  g_test_message ("%s", lancer_store_get_problem_message (store));

  note = read_note (store, &error);
  g_assert_null (note);
  g_assert_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_null (read_draft (store, id, &error));
  g_assert_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  /* Writing private text is refused; plaintext data keeps working. */
  g_assert_cmpint (write_private (store, &error), ==, 0);
  g_assert_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  add_job (store, "j2");
  jobs = store_test_query (store, NULL, 0, 10);
  g_assert_cmpuint (jobs->len, ==, 2);
  store_test_close (&store);
}

/* No keyring service at all (HEADLESS_KEYRING=0). */
static void
test_missing_keyring (void)
{
  g_autoptr(LancerProfileManager) manager = store_test_manager (NULL);
  g_autoptr(LancerProfile) profile = lancer_profile_manager_create (manager, "NoKeyring", FALSE, NULL);
  g_autoptr(LancerStore) store = open_profile (profile);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jobs = NULL;

  g_assert_true (lancer_store_get_encryption_locked (store));
  g_assert_nonnull (lancer_store_get_problem_message (store));
  g_test_message ("%s", lancer_store_get_problem_message (store));
  g_assert_false (lancer_store_get_read_only (store));

  add_job (store, "j1");
  g_assert_cmpint (write_private (store, &error), ==, 0);
  g_assert_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  jobs = store_test_query (store, NULL, 0, 10);
  g_assert_cmpuint (jobs->len, ==, 1);
  store_test_close (&store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/crypto/roundtrip", test_roundtrip);
  if (g_strcmp0 (g_getenv ("LANCER_TEST_NO_KEYRING"), "1") == 0)
    g_test_add_func ("/store/crypto/missing-keyring", test_missing_keyring);
  else
    {
      g_test_add_func ("/store/crypto/encrypted-at-rest", test_encrypted_at_rest);
      g_test_add_func ("/store/crypto/wrong-key-is-locked", test_wrong_key_is_locked);
      /* Last: it locks the session's keyring. */
      g_test_add_func ("/store/crypto/locked-keyring", test_locked_keyring);
    }
  return g_test_run ();
}
