/* lancer-thread.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/resource.h>
#include <unistd.h>

#include "lancer-thread.h"

/* How much less CPU a background thread asks for than the UI thread. */
#define BACKGROUND_NICE 10

/**
 * lancer_thread_run_in_background:
 *
 * Gives the calling thread a lower CPU priority, once. Sync, parsing and
 * database threads call it: on a busy machine the scheduler then lets the
 * main thread draw its frame first and the background work waits a few
 * milliseconds, instead of every frame waiting for a share of the CPU.
 * (On Linux a thread's nice value is its own; lowering it needs no
 * privilege, inside a Flatpak sandbox too.)
 */
void
lancer_thread_run_in_background (void)
{
  static GPrivate lowered;

  if (g_private_get (&lowered) != NULL)
    return;
  g_private_set (&lowered, GINT_TO_POINTER (1));
#ifdef __linux__
  {
    int now = getpriority (PRIO_PROCESS, (id_t) gettid ());

    if (now < BACKGROUND_NICE)
      setpriority (PRIO_PROCESS, (id_t) gettid (), BACKGROUND_NICE);
  }
#endif
}
