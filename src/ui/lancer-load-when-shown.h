/* lancer-load-when-shown.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*LancerLoadFunc) (gpointer page);

/* Pages the user cannot see do not reload on every page a sync writes,
 * nor all at once when a profile opens. If @page is not on screen, this
 * remembers that it must load and returns TRUE: @load then runs once, when
 * the page is next shown. Otherwise it returns FALSE: load now. */
gboolean lancer_load_when_shown (GtkWidget      *page,
                                 LancerLoadFunc  load);

/* lancer_load_when_shown(), then @load at once if @page is on screen. */
void     lancer_load_now_or_when_shown (GtkWidget      *page,
                                        LancerLoadFunc  load);

G_END_DECLS
