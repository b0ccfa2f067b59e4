/* lancer-spoken-label-private.h: a list row's one-sentence accessible label
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Sets @row's accessible label to @label unless *@last already holds it
 * (then keeps it in *@last). Rows are told of every property a sync
 * touches, and each change of label is a message to the screen reader.
 * GTK 4.8 does not name a row from the labels inside it. */
void _lancer_row_set_spoken (GtkWidget   *row,
                             char       **last,
                             const char  *label);

G_END_DECLS
