/* lancer-jobs-sidebar-row.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-jobs-sidebar-row"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-jobs-sidebar-row.h"

struct _LancerJobsSidebarRow
{
  GtkListBoxRow   parent_instance;

  LancerJobsView  kind;
  char           *title;
  guint           n_new;
  gint64          search_id;
  char           *query;
  char           *filters;
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_N_NEW,
  PROP_SEARCH_ID,
  PROP_QUERY,
  PROP_FILTERS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerJobsSidebarRow, lancer_jobs_sidebar_row, GTK_TYPE_LIST_BOX_ROW)

static gboolean
badge_visible (gpointer this,
               guint    n_new)
{
  return n_new > 0;
}

static char *
badge_text (gpointer this,
            guint    n_new)
{
  return g_strdup_printf ("%u", n_new);
}

static gboolean
is_search (gpointer this,
           int      kind)
{
  return kind == LANCER_JOBS_VIEW_SEARCH;
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LancerJobsSidebarRow *self = LANCER_JOBS_SIDEBAR_ROW (widget);

  gtk_widget_activate_action (widget, "sidebar.rename-search", "x", self->search_id);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LancerJobsSidebarRow *self = LANCER_JOBS_SIDEBAR_ROW (widget);

  gtk_widget_activate_action (widget, "sidebar.delete-search", "x", self->search_id);
}

LancerJobsView
lancer_jobs_sidebar_row_get_kind (LancerJobsSidebarRow *self)
{
  g_return_val_if_fail (LANCER_IS_JOBS_SIDEBAR_ROW (self), LANCER_JOBS_VIEW_ALL);
  return self->kind;
}

const char *
lancer_jobs_sidebar_row_get_title (LancerJobsSidebarRow *self)
{
  g_return_val_if_fail (LANCER_IS_JOBS_SIDEBAR_ROW (self), NULL);
  return self->title;
}

gint64
lancer_jobs_sidebar_row_get_search_id (LancerJobsSidebarRow *self)
{
  g_return_val_if_fail (LANCER_IS_JOBS_SIDEBAR_ROW (self), 0);
  return self->search_id;
}

const char *
lancer_jobs_sidebar_row_get_query (LancerJobsSidebarRow *self)
{
  g_return_val_if_fail (LANCER_IS_JOBS_SIDEBAR_ROW (self), NULL);
  return self->query;
}

const char *
lancer_jobs_sidebar_row_get_filters (LancerJobsSidebarRow *self)
{
  g_return_val_if_fail (LANCER_IS_JOBS_SIDEBAR_ROW (self), NULL);
  return self->filters;
}

static void
lancer_jobs_sidebar_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LANCER_TYPE_JOBS_SIDEBAR_ROW);
  G_OBJECT_CLASS (lancer_jobs_sidebar_row_parent_class)->dispose (object);
}

static void
lancer_jobs_sidebar_row_finalize (GObject *object)
{
  LancerJobsSidebarRow *self = LANCER_JOBS_SIDEBAR_ROW (object);

  g_free (self->title);
  g_free (self->query);
  g_free (self->filters);

  G_OBJECT_CLASS (lancer_jobs_sidebar_row_parent_class)->finalize (object);
}

static void
lancer_jobs_sidebar_row_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  LancerJobsSidebarRow *self = LANCER_JOBS_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_KIND: g_value_set_int (value, self->kind); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_N_NEW: g_value_set_uint (value, self->n_new); break;
    case PROP_SEARCH_ID: g_value_set_int64 (value, self->search_id); break;
    case PROP_QUERY: g_value_set_string (value, self->query); break;
    case PROP_FILTERS: g_value_set_string (value, self->filters); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_jobs_sidebar_row_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  LancerJobsSidebarRow *self = LANCER_JOBS_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_KIND: self->kind = g_value_get_int (value); break;
    case PROP_TITLE: g_free (self->title); self->title = g_value_dup_string (value); break;
    case PROP_N_NEW: self->n_new = g_value_get_uint (value); break;
    case PROP_SEARCH_ID: self->search_id = g_value_get_int64 (value); break;
    case PROP_QUERY: g_free (self->query); self->query = g_value_dup_string (value); break;
    case PROP_FILTERS: g_free (self->filters); self->filters = g_value_dup_string (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_jobs_sidebar_row_class_init (LancerJobsSidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lancer_jobs_sidebar_row_dispose;
  object_class->finalize = lancer_jobs_sidebar_row_finalize;
  object_class->get_property = lancer_jobs_sidebar_row_get_property;
  object_class->set_property = lancer_jobs_sidebar_row_set_property;

  properties [PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, LANCER_JOBS_VIEW_ALL, LANCER_JOBS_VIEW_SEARCH,
                                             LANCER_JOBS_VIEW_ALL, flags);
  properties [PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties [PROP_N_NEW] = g_param_spec_uint ("n-new", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_SEARCH_ID] = g_param_spec_int64 ("search-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_QUERY] = g_param_spec_string ("query", NULL, NULL, NULL, flags);
  properties [PROP_FILTERS] = g_param_spec_string ("filters", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-jobs-sidebar-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, badge_visible);
  gtk_widget_class_bind_template_callback (widget_class, badge_text);
  gtk_widget_class_bind_template_callback (widget_class, is_search);
  gtk_widget_class_install_action (widget_class, "search.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "search.delete", NULL, delete_action);
}

static void
lancer_jobs_sidebar_row_init (LancerJobsSidebarRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
