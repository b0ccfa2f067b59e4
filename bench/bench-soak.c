/* bench-soak.c: soak.fd_growth, soak.rss_growth_mb, soak.prefs_rss_growth_mb
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A day of the app in a few minutes: the running app (its real window,
 * session and sync) on the demo profile syncs 200 times back to back, a
 * new job appearing in the sandbox every tenth sync, as if the syncs came
 * every few minutes all day. What it must not do is grow: the open
 * descriptors after 200 syncs minus after 10 (bar 0), the resident memory
 * likewise (bar 2 MB; the first ten syncs fill caches and are left out),
 * and the memory after 20 open-and-close cycles of Preferences minus
 * after 2 (bar 1 MB). Memory is measured after malloc_trim(), so it counts
 * what the app holds, not what the allocator keeps for later.
 */
#include "config.h"

#include <malloc.h>
#include <stdio.h>

#include "lancer-application.h"
#include "lancer-preferences-window.h"
#include "lancer-window.h"

#define N_SYNCS 200
#define WARM_SYNCS 10
#define N_PREFS 20
#define WARM_PREFS 2

static gboolean
painted_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
frame_painted_cb (GdkFrameClock *clock,
                  gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
flag_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms: what the app does between two events. */
static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static guint
count_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static double
rss_mb (void)
{
  g_autofree char *text = NULL;
  const char *line;

  malloc_trim (0);
  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL) ||
      (line = strstr (text, "VmRSS:")) == NULL)
    return 0;
  return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0;
}

static LancerSync *
get_sync (LancerApplication *app)
{
  LancerSession *session = lancer_application_get_session (app);

  return session != NULL && lancer_session_get_is_demo (session) ? lancer_session_get_sync (session) : NULL;
}

static gboolean
first_sync_done (LancerApplication *app)
{
  LancerSync *sync = get_sync (app);

  return sync != NULL && lancer_sync_get_last_synced (sync) > 0 &&
         lancer_sync_get_state (sync) != LANCER_SYNC_STATE_SYNCING;
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LancerSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = lancer_sync_run_finish (LANCER_SYNC (source), result, &error);
  if (report == NULL)
    g_printerr ("# sync failed: %s\n", error->message);
  *(gboolean *) user_data = TRUE;
}

/* The demo sandbox's control endpoint, found from the AI address the demo
 * profile points at it ("<sandbox>/v1"). */
static void
add_sandbox_job (LancerApplication *app,
                 SoupSession       *http)
{
  GSettings *settings = lancer_session_get_settings (lancer_application_get_session (app));
  g_autofree char *ai_base = g_settings_get_string (settings, "ai-base-url");
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;

  if (!g_str_has_suffix (ai_base, "/v1"))
    return;
  ai_base[strlen (ai_base) - 3] = '\0';
  url = g_strconcat (ai_base, "/__sandbox/add-jobs?n=1", NULL);
  msg = soup_message_new (SOUP_METHOD_POST, url);
  body = soup_session_send_and_read (http, msg, NULL, NULL);
}

static void
run_one_sync (LancerApplication *app)
{
  gboolean done = FALSE;

  lancer_sync_run_async (get_sync (app), LANCER_SYNC_ALL, NULL, sync_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  /* what the sync wrote reaches the pages before the next one starts */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The Preferences window the action has just shown. */
static GtkWindow *
open_preferences (LancerApplication *app)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* GTK's own */
  GtkWindow *found = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && found == NULL; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (LANCER_IS_PREFERENCES_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = window;
    }
  return found;
}

static void
preferences_cycle (LancerApplication *app)
{
  GtkWindow *prefs = open_preferences (app);
  gboolean painted = FALSE;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gulong handler;

  g_assert (prefs != NULL);
  g_object_add_weak_pointer (G_OBJECT (prefs), (gpointer *) &prefs);
  gtk_widget_realize (GTK_WIDGET (prefs));
  handler = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (prefs)), "after-paint",
                              G_CALLBACK (frame_painted_cb), &painted);
  while (!painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (prefs)), handler);
  /* a person reads it for a moment: the pages load what they show */
  run_for (300);
  gtk_window_close (prefs);
  /* closed: hidden or freed, with everything it started */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (prefs != NULL && gtk_widget_get_visible (GTK_WIDGET (prefs)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (prefs != NULL)
    g_object_remove_weak_pointer (G_OBJECT (prefs), (gpointer *) &prefs);
  run_for (100);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LancerApplication) app = NULL;
  g_autoptr(SoupSession) http = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  gboolean painted = FALSE;
  gboolean settled = FALSE;
  gint64 deadline;
  guint fds_warm = 0, fds_end;
  double rss_warm = 0, rss_end, prefs_warm = 0, prefs_end;
  gint64 start;

  /* A small account, but past the 200 rows GtkListView keeps built
   * (GTK_LIST_VIEW_MAX_LIST_ITEMS) whatever its height: below that, every
   * new job adds a row of about 75 kB that stays, and the figure would
   * measure GTK filling its row cache rather than a day of syncs. */
  g_setenv ("LANCER_DEMO_JOBS", "240", TRUE);
  gtk_init ();
  adw_init ();
  app = lancer_application_new (APP_ID ".Bench", G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  g_application_activate (G_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  gtk_widget_realize (GTK_WIDGET (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (frame_painted_cb), &painted);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_timeout_add (500, painted_cb, &settled);
  while (!settled)
    g_main_context_iteration (NULL, TRUE);

  g_action_group_activate_action (G_ACTION_GROUP (app), "try-demo", NULL);
  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (!first_sync_done (app) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (!first_sync_done (app))
    {
      g_printerr ("bench-soak: the demo's first sync did not finish in time\n");
      return 1;
    }
  /* compressed time: a day's syncs come minutes apart, so Upwork's
   * ten-requests-a-second pacing never holds one back */
  lancer_upwork_client_set_rate_limit (lancer_sync_get_client (get_sync (app)), 1000, 100);
  http = soup_session_new ();
  soup_session_set_proxy_resolver (http, NULL);
  start = g_get_monotonic_time ();
  for (guint i = 1; i <= N_SYNCS; i++)
    {
      if (i % 10 == 0)
        add_sandbox_job (app, http);
      run_one_sync (app);
      if (i % 50 == 0)
        g_printerr ("# %u syncs, %.1f s, %u descriptors, %.1f MB resident\n",
                    i, (g_get_monotonic_time () - start) / 1e6, count_fds (), rss_mb ());
      if (i == WARM_SYNCS || i == N_SYNCS)
        {
          /* the last answers' connections close */
          run_for (300);
          if (i == WARM_SYNCS)
            {
              fds_warm = count_fds ();
              rss_warm = rss_mb ();
            }
        }
    }
  fds_end = count_fds ();
  rss_end = rss_mb ();
  g_printerr ("# %u syncs in %.1f s; %u → %u descriptors, %.1f → %.1f MB resident\n",
              N_SYNCS, (g_get_monotonic_time () - start) / 1e6, fds_warm, fds_end, rss_warm, rss_end);

  for (guint i = 1; i <= N_PREFS; i++)
    {
      preferences_cycle (app);
      if (i == WARM_PREFS)
        prefs_warm = rss_mb ();
    }
  prefs_end = rss_mb ();
  g_printerr ("# %u Preferences cycles: %.1f → %.1f MB resident, %u descriptors\n",
              N_PREFS, prefs_warm, prefs_end, count_fds ());

  printf ("soak.fd_growth %d fds\n", (int) fds_end - (int) fds_warm);
  printf ("soak.rss_growth_mb %.2f MB\n", rss_end - rss_warm);
  printf ("soak.prefs_rss_growth_mb %.2f MB\n", prefs_end - prefs_warm);
  return 0;
}
