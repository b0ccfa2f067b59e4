/* lancer-jobs-page.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-jobs-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lancer-job-list-model.h"
#include "lancer-job-row.h"
#include "lancer-jobs-page.h"

struct _LancerJobsPage
{
  GtkWidget           parent_instance;

  LancerSession      *session;
  LancerJobListModel *jobs;

  GtkStack           *stack;
  GtkStack           *results_stack;
  AdwStatusPage      *error_page;
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerJobsPage, lancer_jobs_page, GTK_TYPE_WIDGET)

static void
update_mode (LancerJobsPage *self)
{
  const char *search;
  guint n_items;

  if (self->session == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }

  switch (lancer_session_get_state (self->session))
    {
    case LANCER_SESSION_OPENING:
      gtk_stack_set_visible_child_name (self->stack, "loading");
      return;

    case LANCER_SESSION_FAILED:
      adw_status_page_set_description (self->error_page,
                                       lancer_session_get_error_message (self->session));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;

    case LANCER_SESSION_READY:
    default:
      break;
    }

  if (self->jobs == NULL || lancer_job_list_model_get_loading (self->jobs))
    {
      /* Keep showing results while a new search runs, no flicker. */
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") != 0)
        gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }

  search = lancer_job_list_model_get_search (self->jobs);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->jobs));
  if (n_items == 0 && (search == NULL || *search == '\0'))
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->results_stack, n_items > 0 ? "results" : "no-results");
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
search_changed_cb (LancerJobsPage *self,
                   GtkSearchEntry *entry)
{
  if (self->jobs != NULL)
    lancer_job_list_model_set_search (self->jobs, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, lancer_job_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  lancer_job_row_set_job (LANCER_JOB_ROW (gtk_list_item_get_child (item)),
                          gtk_list_item_get_item (item));
}

static void
store_ready (LancerJobsPage *self)
{
  LancerStore *store = lancer_session_get_store (self->session);
  g_autoptr(GtkSelectionModel) selection = NULL;

  if (store == NULL || self->jobs != NULL)
    return;

  self->jobs = lancer_job_list_model_new (store);
  g_signal_connect_object (self->jobs, "items-changed", G_CALLBACK (update_mode), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->jobs, "notify::loading", G_CALLBACK (update_mode), self, G_CONNECT_SWAPPED);
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->jobs))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_list_view_set_model (self->list_view, selection);
}

static void
session_state_cb (LancerJobsPage *self)
{
  if (lancer_session_get_state (self->session) == LANCER_SESSION_READY)
    store_ready (self);
  update_mode (self);
}

LancerSession *
lancer_jobs_page_get_session (LancerJobsPage *self)
{
  g_return_val_if_fail (LANCER_IS_JOBS_PAGE (self), NULL);

  return self->session;
}

void
lancer_jobs_page_set_session (LancerJobsPage *self,
                              LancerSession  *session)
{
  g_return_if_fail (LANCER_IS_JOBS_PAGE (self));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->jobs);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::state", G_CALLBACK (session_state_cb), self, G_CONNECT_SWAPPED);
      session_state_cb (self);
    }
  else
    update_mode (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

const char *
lancer_jobs_page_get_mode (LancerJobsPage *self)
{
  g_return_val_if_fail (LANCER_IS_JOBS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GListModel *
lancer_jobs_page_get_model (LancerJobsPage *self)
{
  g_return_val_if_fail (LANCER_IS_JOBS_PAGE (self), NULL);

  return self->jobs != NULL ? G_LIST_MODEL (self->jobs) : NULL;
}

static void
lancer_jobs_page_dispose (GObject *object)
{
  LancerJobsPage *self = LANCER_JOBS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_JOBS_PAGE);
  g_clear_object (&self->jobs);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lancer_jobs_page_parent_class)->dispose (object);
}

static void
lancer_jobs_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LancerJobsPage *self = LANCER_JOBS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, lancer_jobs_page_get_session (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_jobs_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LancerJobsPage *self = LANCER_JOBS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      lancer_jobs_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_jobs_page_class_init (LancerJobsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_jobs_page_dispose;
  object_class->get_property = lancer_jobs_page_get_property;
  object_class->set_property = lancer_jobs_page_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LANCER_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-jobs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lancer_jobs_page_init (LancerJobsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Lets UI tests type into the search like a user does. */
  g_object_set_data (G_OBJECT (self), "search-entry", self->search_entry);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  update_mode (self);
}
