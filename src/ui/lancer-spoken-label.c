/* lancer-spoken-label.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lancer-spoken-label-private.h"

void
_lancer_row_set_spoken (GtkWidget   *row,
                        char       **last,
                        const char  *label)
{
  g_return_if_fail (GTK_IS_WIDGET (row));
  g_return_if_fail (last != NULL);

  if (g_strcmp0 (*last, label) == 0)
    return;
  g_free (*last);
  *last = g_strdup (label);
  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL);
}
