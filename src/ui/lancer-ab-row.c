/* lancer-ab-row.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-ab-row"

#include "config.h"

#include "lancer-ab-row.h"

struct _LancerAbRow
{
  AdwActionRow  parent_instance;

  GtkImage     *icon;
};

G_DEFINE_FINAL_TYPE (LancerAbRow, lancer_ab_row, ADW_TYPE_ACTION_ROW)

static void
lancer_ab_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LANCER_TYPE_AB_ROW);

  G_OBJECT_CLASS (lancer_ab_row_parent_class)->dispose (object);
}

static void
lancer_ab_row_class_init (LancerAbRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_ab_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-ab-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerAbRow, icon);
}

static void
lancer_ab_row_init (LancerAbRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lancer_ab_row_new (const char *title,
                   const char *subtitle,
                   const char *icon_name)
{
  LancerAbRow *self = g_object_new (LANCER_TYPE_AB_ROW, "title", title, "subtitle", subtitle, NULL);

  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), icon_name != NULL);
  return GTK_WIDGET (self);
}
