/* lancer-load-when-shown.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lancer-load-when-shown.h"

#define PENDING_KEY   "lancer-load-when-shown"
#define WATCHING_KEY  "lancer-load-when-shown-watching"

static void
page_mapped_cb (GtkWidget *page)
{
  LancerLoadFunc load = (LancerLoadFunc) g_object_steal_data (G_OBJECT (page), PENDING_KEY);

  if (load != NULL)
    load (page);
}

gboolean
lancer_load_when_shown (GtkWidget      *page,
                        LancerLoadFunc  load)
{
  g_return_val_if_fail (GTK_IS_WIDGET (page), FALSE);
  g_return_val_if_fail (load != NULL, FALSE);

  if (gtk_widget_get_mapped (page))
    return FALSE;
  if (g_object_get_data (G_OBJECT (page), WATCHING_KEY) == NULL)
    {
      g_signal_connect (page, "map", G_CALLBACK (page_mapped_cb), NULL);
      g_object_set_data (G_OBJECT (page), WATCHING_KEY, GINT_TO_POINTER (TRUE));
    }
  g_object_set_data (G_OBJECT (page), PENDING_KEY, (gpointer) load);
  return TRUE;
}

void
lancer_load_now_or_when_shown (GtkWidget      *page,
                               LancerLoadFunc  load)
{
  if (!lancer_load_when_shown (page, load))
    load (page);
}
