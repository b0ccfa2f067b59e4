/* lancer-bench-frame.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* With LANCER_BENCH_FIRST_FRAME=1 in the environment: after @window's first
 * painted frame, print "first-frame <rss-kB>" and quit the application. */
void lancer_bench_frame_watch (GtkWindow *window);

G_END_DECLS
