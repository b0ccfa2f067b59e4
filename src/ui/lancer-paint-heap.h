/* lancer-paint-heap.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "config.h"  /* LANCER_BENCH_HOOKS */

G_BEGIN_DECLS

#if LANCER_BENCH_HOOKS

/* After @window's first frame, when it paints in software into the C heap
 * (GTK's cairo renderer on X11), has room for three window-sized frames made
 * in that heap, its pages written on a worker thread, so that full-window
 * repaints later never wait on page faults. Does nothing elsewhere. */
void     lancer_paint_heap_reserve_for  (GtkWindow *window);

/* Whether @window (realized) paints in software into the C heap. */
gboolean lancer_paint_heap_applies_to   (GtkWindow *window);

/* Whether the room asked for by lancer_paint_heap_reserve_for() is ready. */
gboolean lancer_paint_heap_is_reserved  (void);

#else

/* Built without -Dbench_hooks: nothing is reserved. */
static inline void     lancer_paint_heap_reserve_for (GtkWindow *window) { }
static inline gboolean lancer_paint_heap_applies_to  (GtkWindow *window) { return FALSE; }
static inline gboolean lancer_paint_heap_is_reserved (void)              { return FALSE; }

#endif

G_END_DECLS
