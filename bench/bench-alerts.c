/* bench-alerts.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How soon an alert tells the freelancer, against the sandbox with 20
 * saved searches, through the public sync and notifier APIs:
 *
 * alerts.pipeline_p95: from the last byte of a poll's last search page
 *   (the sandbox notes when it wrote it; loopback) to the desktop
 *   notification leaving the process (the Notify call on the session bus):
 *   store, new-jobs, the notifier's read, rules, wording, posting. Bar 50 ms.
 * sync.requests_per_poll: GraphQL requests of a scheduled jobs poll that
 *   finds nothing new. Bar: one per saved search (alerts.requests_bar).
 *   When above it, the requests by root field follow (sync.poll_requests.*).
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lancer-job-filter.h"
#include "lancer-notifier.h"
#include "lancer-profile-manager.h"
#include "lancer-sandbox.h"
#include "lancer-secrets.h"
#include "lancer-session.h"
#include "lancer-store-searches.h"
#include "lancer-sync.h"
#include "lancer-upwork-client.h"

#define N_SEARCHES 20
#define N_SAMPLES 40
#define SEARCH_FIELD "marketplaceJobPostingsSearch"

static gsize notified_at;   /* monotonic µs of the last Notify sent; atomic (the bus thread writes it) */

static GDBusMessage *
watch_notify (GDBusConnection *connection,
              GDBusMessage    *message,
              gboolean         incoming,
              gpointer         user_data)
{
  const char *member = g_dbus_message_get_member (message);

  /* The freedesktop and the GTK notification backends of GApplication. */
  if (!incoming && (g_strcmp0 (member, "Notify") == 0 || g_strcmp0 (member, "AddNotification") == 0))
    g_atomic_pointer_set (&notified_at, (gsize) g_get_monotonic_time ());
  return message;
}

static gint64
last_notified (void)
{
  return (gint64) (gsize) g_atomic_pointer_get (&notified_at);
}

static void
keep_result (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gboolean
iterate_until (gboolean (*done) (gpointer),
               gpointer  data,
               int       seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
  return TRUE;
}

static gboolean
session_has_sync (gpointer data)
{
  LancerSession *session = data;

  return lancer_session_get_state (session) != LANCER_SESSION_OPENING && lancer_session_get_sync (session) != NULL &&
         lancer_sync_get_last_synced (lancer_session_get_sync (session)) != 0 &&
         lancer_sync_get_state (lancer_session_get_sync (session)) != LANCER_SYNC_STATE_SYNCING;
}

static gboolean
not_importing (gpointer data)
{
  return !lancer_notifier_get_importing (LANCER_NOTIFIER (data));
}

static void
poll (LancerSync *sync)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSyncReport) report = NULL;

  lancer_sync_run_async (sync, LANCER_SYNC_JOBS | LANCER_SYNC_SCHEDULED, NULL, keep_result, &result);
  report = lancer_sync_run_finish (sync, wait_for (&result), &error);
  if (report == NULL)
    g_error ("poll failed: %s", error->message);
}

typedef struct
{
  gint64 after;
} NotifyWait;

static gboolean
notified_after (gpointer data)
{
  return last_notified () > ((NotifyWait *) data)->after;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The sandbox's counters, by root field (its /__sandbox/stats). */
static JsonObject *
sandbox_stats (LancerSandbox *sandbox)
{
  g_autoptr(SoupSession) http = soup_session_new ();
  g_autofree char *url = g_strconcat (lancer_sandbox_get_base_url (sandbox), "/__sandbox/stats", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = soup_session_send_and_read (http, msg, NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (body == NULL || !json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                                   (gssize) g_bytes_get_size (body), NULL))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

int
main (int   argc,
      char *argv[])
{
  static const char * const queries[N_SEARCHES] = {
    "gtk", "rust", "python", "react", "django", "flutter", "golang", "kotlin", "swift", "node",
    "postgres", "api", "dashboard", "store", "booking", "landing", "admin", "portal", "marketplace", "app",
  };
  g_autofree char *tmp = g_dir_make_tmp ("lancer-bench-alerts-XXXXXX", NULL);
  g_autofree char *root = g_build_filename (tmp, "profiles", NULL);
  g_autoptr(LancerSandbox) sandbox = lancer_sandbox_new (2026, 400);
  g_autoptr(LancerProfileManager) manager = lancer_profile_manager_new (root);
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(LancerSession) session = NULL;
  g_autoptr(LancerNotifier) notifier = NULL;
  g_autoptr(GApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *authorize = NULL, *token = NULL, *graphql = NULL;
  GSettings *settings;
  LancerSync *sync;
  LancerStore *store;
  guint requests;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  lancer_sandbox_set_lenient (sandbox, TRUE);
  if (!lancer_sandbox_start (sandbox, 0, &error))
    g_error ("%s", error->message);
  authorize = lancer_sandbox_dup_authorize_url (sandbox);
  token = lancer_sandbox_dup_token_url (sandbox);
  graphql = lancer_sandbox_dup_graphql_url (sandbox);

  /* Desktop notifications go out on the session bus of the headless session. */
  app = g_application_new ("io.github.lancerdesk.Lancer.BenchAlerts", G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (app, NULL, &error))
    g_error ("%s", error->message);
  g_dbus_connection_add_filter (g_application_get_dbus_connection (app), watch_notify, NULL, NULL);

  profile = lancer_profile_manager_create (manager, "Bench", FALSE, &error);
  if (profile == NULL)
    g_error ("%s", error->message);
  /* Signed in before: the session syncs as soon as it opens. */
  if (!lancer_secrets_store_sync (lancer_profile_get_id (profile), LANCER_SECRET_UPWORK_REFRESH_TOKEN,
                                  "oauth2v2_pub_bench", NULL, &error))
    g_error ("%s", error->message);
  session = lancer_session_new (manager, profile);
  lancer_session_set_upwork_endpoints (session, authorize, token, graphql);
  lancer_session_set_upwork_client_secret (session, LANCER_SANDBOX_CLIENT_SECRET);
  settings = lancer_session_get_settings (session);
  g_settings_set_string (settings, "upwork-client-id", LANCER_SANDBOX_CLIENT_ID);
  g_settings_set_string (settings, "upwork-redirect-uri", "http://127.0.0.1:8765/callback");
  g_settings_set_uint (settings, "alert-max-per-hour", 100);
  lancer_session_open (session);
  if (!iterate_until ((gboolean (*) (gpointer)) session_has_sync, session, 120))
    g_error ("the session did not sync");
  sync = lancer_session_get_sync (session);
  store = lancer_session_get_store (session);
  lancer_upwork_client_set_rate_limit (lancer_sync_get_client (sync), 1000, 100);

  for (guint i = 0; i < N_SEARCHES; i++)
    {
      g_autoptr(GAsyncResult) saved = NULL;
      g_autofree char *name = g_strdup_printf ("Search %u (%s)", i + 1, queries[i]);

      lancer_saved_searches_save_async (store, name, queries[i], NULL, NULL, keep_result, &saved);
      if (lancer_saved_searches_save_finish (store, wait_for (&saved), &error) <= 0)
        g_error ("%s", error->message);
    }
  notifier = lancer_notifier_new (app, session);
  /* The searches' first pages, and the first-sync import, out of the way. */
  poll (sync);
  if (!iterate_until (not_importing, notifier, 30))
    g_error ("the first sync stayed an import");
  poll (sync);

  /* Steady state: nothing new on Upwork. */
  before = sandbox_stats (sandbox);
  poll (sync);
  after = sandbox_stats (sandbox);
  requests = (guint) (json_object_get_int_member_with_default (after, "graphql", 0) -
                      json_object_get_int_member_with_default (before, "graphql", 0));

  /* New jobs, one poll each: last search page → notification. A new
   * posting matches none of the searches now and then: no alert, no sample. */
  for (guint i = 0; samples->len < N_SAMPLES && i < 4 * N_SAMPLES; i++)
    {
      NotifyWait wait = { last_notified () };
      gint64 page;

      lancer_sandbox_add_jobs (sandbox, 1 + i % 3);
      poll (sync);
      if (!iterate_until (notified_after, &wait, 2))
        continue;
      page = lancer_sandbox_get_replied_at (sandbox, SEARCH_FIELD);
      if (page > 0 && last_notified () > page)
        g_array_append_val (samples, (gint64) { last_notified () - page });
    }
  g_array_sort (samples, compare_gint64);
  if (samples->len == 0)
    g_error ("no alert reached the desktop");
  g_print ("alerts.pipeline_p50 %.1f ms\n", g_array_index (samples, gint64, samples->len / 2) / 1000.0);
  g_print ("alerts.pipeline_p95 %.1f ms\n",
           g_array_index (samples, gint64, MIN (samples->len - 1, (samples->len * 95 + 99) / 100 - 1)) / 1000.0);
  g_print ("alerts.pipeline_bar 50 ms\n");
  g_print ("alerts.pipeline_samples %u polls\n", samples->len);
  g_print ("sync.requests_per_poll %u requests\n", requests);
  g_print ("sync.requests_per_poll_bar %u requests\n", N_SEARCHES);
  /* What the poll asked, by root field, so a figure above the bar says why. */
  {
    g_autoptr(GList) members = json_object_get_members (after);

    for (GList *l = members; l != NULL; l = l->next)
      {
        const char *field = l->data;
        gint64 n = json_object_get_int_member_with_default (after, field, 0) -
                   json_object_get_int_member_with_default (before, field, 0);

        if (n > 0 && !g_str_equal (field, "graphql") && !g_str_equal (field, "jobs"))
          g_print ("sync.poll_requests.%s %" G_GINT64_FORMAT " requests\n", field, n);
      }
  }

  g_clear_object (&notifier);
  g_clear_object (&session);
  lancer_secrets_clear_profile_sync (lancer_profile_get_id (profile), NULL, NULL);
  lancer_sandbox_stop (sandbox);
  return 0;
}
