/* lancer-bench-frame.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "config.h"  /* LANCER_BENCH_HOOKS */

G_BEGIN_DECLS

#if LANCER_BENCH_HOOKS

/* With LANCER_BENCH_FIRST_FRAME=1 in the environment: after @window's first
 * painted frame, print "first-frame <rss-kB>" and quit the application. */
void lancer_bench_frame_watch (GtkWindow *window);

#else

/* Built without -Dbench_hooks: the app never reports its first frame. */
static inline void lancer_bench_frame_watch (GtkWindow *window) { }

#endif

G_END_DECLS
