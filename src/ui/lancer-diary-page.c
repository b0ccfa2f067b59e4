/* lancer-diary-page.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-diary-page"

#include "config.h"

#include <adwaita.h>

#include "lancer-diary-page.h"

struct _LancerDiaryPage
{
  GtkWidget       parent_instance;

  AdwStatusPage  *empty_page;
};

G_DEFINE_FINAL_TYPE (LancerDiaryPage, lancer_diary_page, GTK_TYPE_WIDGET)

static void
lancer_diary_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LANCER_TYPE_DIARY_PAGE);

  G_OBJECT_CLASS (lancer_diary_page_parent_class)->dispose (object);
}

static void
lancer_diary_page_class_init (LancerDiaryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_diary_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-diary-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryPage, empty_page);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lancer_diary_page_init (LancerDiaryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
