/* lancer-jobs-page.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-jobs-page"

#include "config.h"

#include <adwaita.h>

#include "lancer-jobs-page.h"

struct _LancerJobsPage
{
  GtkWidget       parent_instance;

  AdwStatusPage  *empty_page;
};

G_DEFINE_FINAL_TYPE (LancerJobsPage, lancer_jobs_page, GTK_TYPE_WIDGET)

static void
lancer_jobs_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LANCER_TYPE_JOBS_PAGE);

  G_OBJECT_CLASS (lancer_jobs_page_parent_class)->dispose (object);
}

static void
lancer_jobs_page_class_init (LancerJobsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_jobs_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-jobs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, empty_page);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lancer_jobs_page_init (LancerJobsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
