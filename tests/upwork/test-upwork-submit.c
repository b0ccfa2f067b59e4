/* test-upwork-submit.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lancer-oauth.h"
#include "lancer-profile-manager.h"
#include "lancer-sandbox.h"
#include "lancer-secrets.h"
#include "lancer-test-util.h"
#include "lancer-upwork-client.h"
#include "lancer-upwork-submit.h"

/* Submitting a proposal through createJobProposal, in process, against
 * the sandbox over loopback. */

#define JOB_ID "1978700000004153911"

typedef struct
{
  char                 *tmp;
  LancerSandbox        *sandbox;
  LancerProfileManager *manager;
  LancerProfile        *profile;
  LancerOAuth          *oauth;
  LancerUpworkClient   *client;
} Fixture;

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static guint
free_port (void)
{
  g_autoptr(GSocket) sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) local = NULL;

  g_assert_true (g_socket_bind (sock, any, TRUE, NULL));
  local = g_socket_get_local_address (sock, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) visited = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autofree char *redirect = g_strdup_printf ("http://127.0.0.1:%u/callback", free_port ());
  g_autofree char *root = NULL;
  g_autofree char *url = NULL;

  f->tmp = lancer_test_isolate_xdg ();
  f->sandbox = lancer_sandbox_new (7, 20);
  g_assert_true (lancer_sandbox_start (f->sandbox, 0, &error));
  lancer_sandbox_export_env (f->sandbox);

  root = g_build_filename (f->tmp, "profiles", NULL);
  f->manager = lancer_profile_manager_new (root);
  f->profile = lancer_profile_manager_create (f->manager, "Test", FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (lancer_secrets_store_sync (lancer_profile_get_id (f->profile), LANCER_SECRET_UPWORK_CLIENT_SECRET,
                                            LANCER_SANDBOX_CLIENT_SECRET, NULL, &error));
  f->oauth = lancer_oauth_new (lancer_profile_get_id (f->profile), LANCER_SANDBOX_CLIENT_ID, redirect);
  f->client = lancer_upwork_client_new (f->oauth);
  lancer_upwork_client_set_rate_limit (f->client, 1000, 100);

  url = lancer_oauth_start_sign_in (f->oauth, &error);
  g_assert_no_error (error);
  lancer_oauth_visit_async (url, NULL, store_result, &visited);
  lancer_oauth_wait_for_sign_in_async (f->oauth, NULL, store_result, &done);
  g_assert_true (lancer_oauth_wait_for_sign_in_finish (f->oauth, wait_result (&done), &error));
  g_assert_no_error (error);
  g_assert_true (lancer_oauth_visit_finish (wait_result (&visited), &error));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->oauth);
  g_clear_object (&f->manager);
  lancer_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
  g_free (f->tmp);
}

static char *
submit (Fixture     *f,
        const char  *job_id,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  const LancerUpworkProposalTerms terms = {
    .job_id = job_id,
    .charged_amount = 450.0,
    .cover_letter = "Hello, I have ported three apps to GTK 4.",
  };

  lancer_upwork_submit_proposal_async (f->client, &terms, NULL, store_result, &result);
  return lancer_upwork_submit_proposal_finish (f->client, wait_result (&result), error);
}

static void
test_submit_success (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = submit (f, JOB_ID, &error);
  g_autofree char *second = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_cmpstr (id, !=, "");
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "createJobProposal"), ==, 1);
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "invalid"), ==, 0);

  second = submit (f, JOB_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, !=, id);
}

static void
test_submit_missing_scope (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  lancer_sandbox_set_missing_scopes (f->sandbox, LANCER_SANDBOX_SCOPE_SUBMIT);
  id = submit (f, JOB_ID, &error);
  g_assert_null (id);
  g_assert_error (error, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_MISSING_SCOPE);
  g_assert_nonnull (strstr (error->message, "Submit Proposal"));
  /* never retried: it would spend Connects twice */
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "createJobProposal"), ==, 1);
}

static void
test_submit_bad_job (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = submit (f, "~01abcdef", &error);

  g_assert_null (id);
  g_assert_error (error, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_FAILED);
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "createJobProposal"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/upwork/submit/success", test_submit_success);
  ADD ("/upwork/submit/missing-scope", test_submit_missing_scope);
  ADD ("/upwork/submit/bad-job", test_submit_bad_job);
#undef ADD
  return g_test_run ();
}
