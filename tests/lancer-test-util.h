/* lancer-test-util.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef gboolean (*LancerTestCondition) (gpointer data);

/* Iterates the thread-default main context until @cond holds or @seconds pass. */
gboolean  lancer_test_iterate_until   (LancerTestCondition cond,
                                       gpointer            data,
                                       int                 seconds);
/* Waits until *@flag becomes TRUE, iterating the main context. */
gboolean  lancer_test_wait_flag       (gboolean           *flag,
                                       int                 seconds);
/* A fresh temporary directory used as XDG_DATA_HOME/CONFIG/CACHE for one test. */
char     *lancer_test_isolate_xdg     (void);
/* Reads a whole file into memory, or NULL. */
GBytes   *lancer_test_read_file       (const char         *path);
/* TRUE if @needle occurs anywhere in @haystack (binary-safe). */
gboolean  lancer_test_bytes_contain   (GBytes             *haystack,
                                       const char         *needle);

G_END_DECLS
