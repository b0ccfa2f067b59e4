/* bench-sync-requests.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sync.requests_idle_full: the GraphQL requests of a full scheduled sync
 * when nothing changed on Upwork, against the sandbox the demo profile
 * uses (same seed, same 400 jobs) with three saved searches, one default
 * interval (15 minutes) after a full sync. Bar: saved searches + 5
 * (sync.requests_idle_bar). Also the first full sync, for
 * scale (sync.requests_first_full).
 */
#include "config.h"

#include <sqlite3.h>

#include "lancer-job-filter.h"
#include "lancer-oauth.h"
#include "lancer-profile-manager.h"
#include "lancer-sandbox.h"
#include "lancer-secrets.h"
#include "lancer-store-searches.h"
#include "lancer-store.h"
#include "lancer-sync.h"
#include "lancer-upwork-client.h"

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
keep_result (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
sync_once (LancerSync          *sync,
           LancerSyncResources  resources)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSyncReport) report = NULL;

  lancer_sync_run_async (sync, resources, NULL, keep_result, &result);
  report = lancer_sync_run_finish (sync, wait_for (&result), &error);
  if (report == NULL)
    g_error ("sync failed: %s", error->message);
}

int
main (void)
{
  static const char *searches[][2] = { { "GTK", "gtk" }, { "Rust", "rust" }, { "AI", "openai" } };
  g_autofree char *tmp = g_dir_make_tmp ("lancer-bench-XXXXXX", NULL);
  g_autofree char *root = g_build_filename (tmp, "profiles", NULL);
  g_autoptr(LancerSandbox) sandbox = lancer_sandbox_new (2026, 400);
  g_autoptr(LancerProfileManager) manager = lancer_profile_manager_new (root);
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(LancerStore) store = NULL;
  g_autoptr(LancerOAuth) oauth = NULL;
  g_autoptr(LancerUpworkClient) client = NULL;
  g_autoptr(LancerSync) sync = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *authorize = NULL, *token = NULL, *graphql = NULL;
  guint first, before;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  lancer_sandbox_set_lenient (sandbox, TRUE);
  if (!lancer_sandbox_start (sandbox, 0, &error))
    g_error ("%s", error->message);
  authorize = lancer_sandbox_dup_authorize_url (sandbox);
  token = lancer_sandbox_dup_token_url (sandbox);
  graphql = lancer_sandbox_dup_graphql_url (sandbox);
  profile = lancer_profile_manager_create (manager, "Bench", TRUE, &error);
  if (profile == NULL)
    g_error ("%s", error->message);
  lancer_store_open_async (profile, NULL, keep_result, &opened);
  if ((store = lancer_store_open_finish (wait_for (&opened), &error)) == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autoptr(GAsyncResult) saved = NULL;

      lancer_saved_searches_save_async (store, searches[i][0], searches[i][1], NULL, NULL, keep_result, &saved);
      if (lancer_saved_searches_save_finish (store, wait_for (&saved), &error) <= 0)
        g_error ("%s", error->message);
    }

  /* the demo's sign-in: the sandbox takes any token it issued */
  oauth = lancer_oauth_new (lancer_profile_get_id (profile), LANCER_SANDBOX_CLIENT_ID, "http://127.0.0.1:1/callback");
  lancer_oauth_set_endpoints (oauth, authorize, token);
  lancer_oauth_set_client_secret (oauth, LANCER_SANDBOX_CLIENT_SECRET);
  if (!lancer_secrets_store_sync (lancer_profile_get_id (profile), LANCER_SECRET_UPWORK_REFRESH_TOKEN,
                                  "oauth2v2_pub_bench", NULL, &error))
    g_error ("%s", error->message);
  client = lancer_upwork_client_new (oauth);
  lancer_upwork_client_set_graphql_url (client, graphql);
  lancer_upwork_client_set_rate_limit (client, 1000, 100);
  sync = lancer_sync_new (store, client);

  sync_once (sync, LANCER_SYNC_ALL);
  first = lancer_sandbox_get_n_requests (sandbox, NULL);
  before = first;
  /* the next scheduled sync comes one default interval (15 minutes) later */
  {
    g_autofree char *path = lancer_profile_dup_db_path (profile);
    sqlite3 *db = NULL;

    if (sqlite3_open (path, &db) != SQLITE_OK ||
        sqlite3_exec (db, "UPDATE sync_state SET last_success_at = last_success_at - 15 * 60", NULL, NULL, NULL)
        != SQLITE_OK)
      g_error ("could not age the sync state: %s", sqlite3_errmsg (db));
    sqlite3_close (db);
  }
  sync_once (sync, LANCER_SYNC_ALL | LANCER_SYNC_SCHEDULED);

  g_print ("sync.requests_first_full %u requests\n", first);
  g_print ("sync.requests_idle_full %u requests\n", lancer_sandbox_get_n_requests (sandbox, NULL) - before);
  g_print ("sync.requests_idle_bar %u requests\n", (guint) G_N_ELEMENTS (searches) + 5);

  g_clear_object (&sync);
  g_clear_object (&store);
  lancer_sandbox_stop (sandbox);
  return 0;
}
