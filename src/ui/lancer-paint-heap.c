/* lancer-paint-heap.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With GTK's cairo renderer on X11 (no GPU, or GSK_RENDERER=cairo), each
 * frame is painted into a new image surface the size of what changed,
 * taken from the C heap (GTK 4.8: gdk_surface_create_similar_surface()).
 * The first time a frame needs more heap than the process ever touched, say
 * the first full-window repaint after start-up when a page or a profile
 * comes up, every new page of it faults twice: it is read as the shared
 * zero page, then copied on write, and each copy flushes the TLBs of the
 * CPUs running the app's worker threads with an interrupt. On a virtual
 * machine that made such a frame 5 to 8 ms slower than the same frame later.
 *
 * So once the window has drawn its first frame, the heap grows by three
 * window-sized frames (a frame, and room for what else is allocated around
 * it meanwhile), a worker thread writes every page of that block, and it
 * goes back to malloc's free space, which is then kept rather than handed
 * back to the system: later frames are made in pages already there.
 */
#define G_LOG_DOMAIN "lancer-ui"

#include "config.h"

#include <stdlib.h>

#include "lancer-paint-heap.h"
#include "lancer-thread.h"

/* (both known only once libc's and GTK's own headers are in) */
#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

/* Big blocks stay in the heap (and out of fresh mmap()s) up to this size,
 * and this much free heap is kept rather than trimmed. */
#define HEAP_BLOCK_MAX  (32 * 1024 * 1024)
#define HEAP_KEEP       (64 * 1024 * 1024)

static gsize reserved;          /* bytes already made ready */
static gboolean reserving;

typedef struct
{
  char  *block;
  gsize  size;
} Reserve;

gboolean
lancer_paint_heap_applies_to (GtkWindow *window)
{
#if defined (__GLIBC__) && defined (GDK_WINDOWING_X11)
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  return GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (window))) &&
         renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer);
#else
  return FALSE;
#endif
}

static void
write_pages_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  Reserve *reserve = task_data;
  volatile char *block = (volatile char *) reserve->block;

  lancer_thread_run_in_background ();
  /* a write, not a read: the page comes straight in, no zero page first */
  for (gsize offset = 0; offset < reserve->size; offset += 4096)
    block[offset] = 0;
  g_task_return_boolean (task, TRUE);
}

static void
pages_written_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Reserve *reserve = g_task_get_task_data (G_TASK (result));

  /* back to malloc's free space, on the thread whose heap it came from */
  g_clear_pointer (&reserve->block, free);
  reserved = MAX (reserved, reserve->size);
  reserving = FALSE;
}

static void
reserve (gsize size)
{
  g_autoptr(GTask) task = NULL;
  Reserve *data;

  /* (a big or high-density window gets what the heap keeps at most) */
  size = MIN (size, HEAP_BLOCK_MAX);
  if (size <= reserved || reserving)
    return;
#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, HEAP_BLOCK_MAX);
  mallopt (M_TRIM_THRESHOLD, HEAP_KEEP);
#endif
  data = g_new0 (Reserve, 1);
  data->size = size;
  /* malloc(), on this thread: the main thread's heap is where GTK paints */
  data->block = malloc (size);
  if (data->block == NULL)
    {
      g_free (data);
      return;
    }
  reserving = TRUE;
  task = g_task_new (NULL, NULL, pages_written_cb, NULL);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, write_pages_in_thread);
}

static gboolean
reserve_after_first_frame_cb (gpointer user_data)
{
  GtkWindow *window = user_data;
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (window));
  gsize frame = (gsize) gtk_widget_get_width (GTK_WIDGET (window)) * scale *
                gtk_widget_get_height (GTK_WIDGET (window)) * scale * 4;

  if (lancer_paint_heap_applies_to (window))
    reserve (3 * frame);
  return G_SOURCE_REMOVE;
}

static void
first_frame_cb (GdkFrameClock *clock,
                GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, window);
  /* After the frame, not inside it: whatever else is watching that frame
   * (the start-up benchmark reads the memory there) sees the app as it drew
   * it, without a block being written meanwhile. */
  g_idle_add_full (G_PRIORITY_LOW, reserve_after_first_frame_cb,
                   g_object_ref (window), g_object_unref);
}

static void
realized_cb (GtkWindow *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                           G_CALLBACK (first_frame_cb), window, 0);
}

void
lancer_paint_heap_reserve_for (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    realized_cb (window);
  else
    g_signal_connect (window, "realize", G_CALLBACK (realized_cb), NULL);
}

gboolean
lancer_paint_heap_is_reserved (void)
{
  return reserved > 0;
}
