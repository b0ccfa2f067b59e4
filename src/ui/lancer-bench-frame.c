/* lancer-bench-frame.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-bench"

#include "config.h"

#include <stdio.h>

#include "lancer-bench-frame.h"

static long
read_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWindow     *window)
{
  GtkApplication *app = gtk_window_get_application (window);

  const char *t0 = g_getenv ("LANCER_BENCH_T0_NS");
  double elapsed_ms = -1;

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);
  /* Both clocks are CLOCK_MONOTONIC: the harness's spawn time to this frame. */
  if (t0 != NULL)
    elapsed_ms = (g_get_monotonic_time () * 1000.0 - g_ascii_strtod (t0, NULL)) / 1e6;
  printf ("first-frame %ld %.3f\n", read_rss_kb (), elapsed_ms);
  fflush (stdout);
  if (app != NULL)
    g_application_quit (G_APPLICATION (app));
}

static void
realize_cb (GtkWidget *widget)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (after_paint_cb), widget);
}

void
lancer_bench_frame_watch (GtkWindow *window)
{
  if (g_strcmp0 (g_getenv ("LANCER_BENCH_FIRST_FRAME"), "1") != 0)
    return;
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
}
