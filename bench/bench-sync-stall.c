/* bench-sync-stall.c: sync.max_stall
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The running app (its real window, session and sync) signs in to the
 * in-process sandbox holding 5,000 jobs and syncs them all, while a
 * high-priority 2 ms timer on the main loop records the longest gap
 * between its ticks: the longest time the main thread could not draw.
 * The window's own first frame is start-up (startup.first_frame_ratio),
 * so measuring begins once the window has been on screen for half a
 * second; it then covers the click on "Try with Demo Data", the new
 * profile's pages and the whole sync.
 */
#include "config.h"

#include <stdio.h>
#include <sys/resource.h>
#include <sys/resource.h>

#include "lancer-application.h"
#include "lancer-window.h"

#define TICK_MS 2
#define SETTLE_MS 500

static gboolean list_stalls;   /* LANCER_BENCH_STALLS=1 */
static gint64 last_tick;
static gint64 max_gap;
static gboolean measuring;

static gboolean
tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (measuring && last_tick > 0)
    {
      max_gap = MAX (max_gap, now - last_tick);
      /* where the long stalls were, to line them up with a profile */
      if (list_stalls && now - last_tick > 16000)
        g_printerr ("# stall %.1f ms ending at %.6f s\n",
                    (now - last_tick) / 1000.0, now / 1e6);
    }
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
painted_cb (GdkFrameClock *clock,
            gboolean      *painted)
{
  *painted = TRUE;
}

/* With LANCER_BENCH_STALLS=1, each long frame is listed by phase, each
 * figure the time from the end of the previous phase to the end of this
 * one (our handlers run after GTK's own), with its page faults. */
enum { PHASE_BEFORE, PHASE_UPDATE, PHASE_LAYOUT, PHASE_PAINT, PHASE_AFTER, N_PHASES };
static const char *phase_names[N_PHASES] = { "before-paint", "update", "layout", "paint", "after-paint" };
static gint64 phase_end[N_PHASES];
static gint64 frame_start;
static long faults_start;

static void
phase_cb (GdkFrameClock *clock,
          gpointer       phase)
{
  guint i = GPOINTER_TO_UINT (phase);
  struct rusage usage;

  phase_end[i] = g_get_monotonic_time ();
  /* page faults cost a lot on a virtual machine: count the frame's */
  getrusage (RUSAGE_THREAD, &usage);
  if (i == PHASE_BEFORE)
    faults_start = usage.ru_minflt;
  if (i == PHASE_BEFORE)
    frame_start = last_tick;   /* the frame began after the last tick at the latest */
  if (i == PHASE_AFTER && measuring && phase_end[i] - frame_start > 12000)
    {
      gint64 prev = frame_start;
      g_autoptr(GString) line = g_string_new ("# frame");
      for (guint p = 0; p < N_PHASES; p++)
        {
          g_string_append_printf (line, " %s %.1f", phase_names[p], (phase_end[p] - prev) / 1000.0);
          prev = phase_end[p];
        }
      g_printerr ("%s ms, %ld faults, ending at %.6f s\n", line->str, usage.ru_minflt - faults_start, phase_end[i] / 1e6);
    }
}

static gboolean
settled_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
synced_everything (gpointer data)
{
  LancerApplication *app = data;
  LancerSession *session = lancer_application_get_session (app);
  LancerSync *sync = session ? lancer_session_get_sync (session) : NULL;

  return sync != NULL && lancer_session_get_is_demo (session) &&
         lancer_sync_get_last_synced (sync) > 0 &&
         lancer_sync_get_state (sync) != LANCER_SYNC_STATE_SYNCING;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LancerApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  gboolean painted = FALSE;
  gboolean settled = FALSE;
  gint64 deadline;

  g_setenv ("LANCER_DEMO_JOBS", "5000", TRUE);
  list_stalls = g_strcmp0 (g_getenv ("LANCER_BENCH_STALLS"), "1") == 0;
  gtk_init ();
  adw_init ();
  app = lancer_application_new (APP_ID ".Bench", G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  g_application_activate (G_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  gtk_widget_realize (GTK_WIDGET (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (painted_cb), &painted);
  if (list_stalls)
    for (guint p = 0; p < N_PHASES; p++)
      g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), phase_names[p],
                        G_CALLBACK (phase_cb), GUINT_TO_POINTER (p));
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  /* Nobody clicks within a few frames of a window appearing: what the
   * app does just after its first frame (building the other pages,
   * readying the heap it paints into) is start-up, not the click's. */
  g_timeout_add (SETTLE_MS, settled_cb, &settled);
  while (!settled)
    g_main_context_iteration (NULL, TRUE);

  g_timeout_add_full (G_PRIORITY_HIGH, TICK_MS, tick_cb, NULL, NULL);
  measuring = TRUE;
  /* the click itself counts: the first tick measures from here */
  last_tick = g_get_monotonic_time ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "try-demo", NULL);
  if (list_stalls)
    g_printerr ("# the click took %.1f ms, from %.6f s\n", (g_get_monotonic_time () - last_tick) / 1000.0, last_tick / 1e6);

  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (!synced_everything (app) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  measuring = FALSE;
  if (!synced_everything (app))
    {
      g_printerr ("bench-sync-stall: the sync did not finish in time\n");
      return 1;
    }
  printf ("sync.max_stall %.1f ms\n", MAX (0, max_gap - TICK_MS * 1000) / 1000.0);
  return 0;
}
