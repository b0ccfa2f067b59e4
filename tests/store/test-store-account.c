/* test-store-account.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Upwork account Preferences shows comes from the profile's database,
 * not from Upwork: what was stored after signing in reads back, survives
 * the app closing, is sealed on disk (a name and an e-mail address), and
 * is gone after signing out.
 */
#include "config.h"

#include "lancer-store-account.h"
#include "store-test-util.h"

/* Upwork's answer to the Me query (user, organization, companySelector),
 * in the shapes of the GraphQL schema. */
static const char me_answer[] =
  "{\"user\":{\"id\":\"1712403958810914817\",\"nid\":\"oksanakovalenko\",\"rid\":\"1712403958810914817\","
  "\"name\":\"Oksana Kovalenko\",\"email\":\"oksana.kovalenko@example.com\",\"photoUrl\":null},"
  "\"organization\":{\"id\":\"1712403958814908417\",\"name\":\"Oksana Kovalenko\"},"
  "\"companySelector\":{\"items\":["
  "{\"title\":\"Oksana Kovalenko\",\"organizationId\":\"1712403958814908417\","
  "\"organizationRid\":\"1712403958814908417\",\"organizationType\":\"Freelancer\","
  "\"typeTitle\":\"Freelancer\",\"photoUrl\":null},"
  "{\"title\":\"Kyiv Pixel Studio\",\"organizationId\":\"1734210087553691649\","
  "\"organizationRid\":\"1734210087553691649\",\"organizationType\":\"Agency\","
  "\"typeTitle\":\"Agency\",\"photoUrl\":null}]}}";

static void
save_account (LancerStore *store,
              const char  *json)
{
  g_autoptr(JsonNode) node = json != NULL ? json_from_string (json, NULL) : NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lancer_store_save_upwork_account_async (store, node, NULL, store_test_result_cb, &result);
  g_assert_true (lancer_store_save_upwork_account_finish (store, store_test_wait (&result), &error));
  g_assert_no_error (error);
}

static LancerUpworkUser *
load_account (LancerStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LancerUpworkUser *user;

  lancer_store_load_upwork_account_async (store, NULL, store_test_result_cb, &result);
  user = lancer_store_load_upwork_account_finish (store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  return user;
}

static void
test_account_round_trip (void)
{
  g_autoptr(LancerProfileManager) manager = store_test_manager (NULL);
  g_autoptr(LancerProfile) profile = lancer_profile_manager_create (manager, "Account", FALSE, NULL);
  g_autofree char *db_path = lancer_profile_dup_db_path (profile);
  g_autoptr(LancerStore) store = NULL;
  g_autoptr(LancerUpworkUser) none = NULL;
  g_autoptr(LancerUpworkUser) user = NULL;
  g_autoptr(LancerUpworkUser) again = NULL;
  g_autoptr(LancerUpworkUser) gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) file = NULL;
  LancerUpworkOrg *agency;

  store = store_test_open (profile, &error);
  g_assert_no_error (error);

  /* a new profile knows no account */
  none = load_account (store);
  g_assert_null (none);

  save_account (store, me_answer);
  user = load_account (store);
  g_assert_nonnull (user);
  g_assert_cmpstr (user->name, ==, "Oksana Kovalenko");
  g_assert_cmpstr (user->email, ==, "oksana.kovalenko@example.com");
  g_assert_cmpstr (user->organization_id, ==, "1712403958814908417");
  g_assert_cmpuint (user->organizations->len, ==, 2);
  agency = g_ptr_array_index (user->organizations, 1);
  g_assert_cmpstr (agency->title, ==, "Kyiv Pixel Studio");
  g_assert_cmpstr (agency->id, ==, "1734210087553691649");

  /* the app closes and opens again: still there, and sealed on disk */
  store_test_close (&store);
  file = lancer_test_read_file (db_path);
  g_assert_true (lancer_test_bytes_contain (file, "upwork-account"));
  g_assert_false (lancer_test_bytes_contain (file, "oksana.kovalenko@example.com"));
  g_assert_false (lancer_test_bytes_contain (file, "Kyiv Pixel Studio"));
  store = store_test_open (profile, &error);
  g_assert_no_error (error);
  again = load_account (store);
  g_assert_nonnull (again);
  g_assert_cmpstr (again->name, ==, "Oksana Kovalenko");
  g_assert_cmpuint (again->organizations->len, ==, 2);

  /* signed out: forgotten */
  save_account (store, NULL);
  gone = load_account (store);
  g_assert_null (gone);
  store_test_close (&store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/account/round-trip", test_account_round_trip);
  return g_test_run ();
}
