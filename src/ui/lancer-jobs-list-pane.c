/* lancer-jobs-list-pane.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-jobs-list-pane"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lancer-hidden-jobs.h"
#include "lancer-job-row.h"
#include "lancer-jobs-filter-pane.h"
#include "lancer-jobs-list-pane.h"

struct _LancerJobsListPane
{
  GtkWidget             parent_instance;

  LancerJobFeedModel   *jobs;
  GListStore           *hidden_jobs;
  GtkSingleSelection   *selection;
  GCancellable         *cancellable;
  LancerJobFilter      *filter;
  LancerJobsView        view;
  gint64                search_id;
  char                 *search_query;
  gboolean              expecting;

  GtkWidget            *sidebar_button;
  GtkEditable          *search_entry;
  GtkDropDown          *sort_dropdown;
  GtkMenuButton        *filter_button;
  LancerJobsFilterPane *filter_pane;
  GtkStack             *results_stack;
  GtkSpinner           *fetching_spinner;
  GtkListView          *list_view;
};

enum {
  STATUS_CHANGED,
  ACTIVATED,
  SAVE_SEARCH,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LancerJobsListPane, lancer_jobs_list_pane, GTK_TYPE_WIDGET)

static gboolean
narrowed (LancerJobsListPane *self)
{
  const LancerJobView *view = lancer_job_feed_model_get_view (self->jobs);

  return (view->search != NULL && *view->search != '\0') || !lancer_job_filter_is_empty (view->filter) ||
         view->search_id > 0 || view->saved_only;
}

LancerJobsListStatus
lancer_jobs_list_pane_get_status (LancerJobsListPane *self)
{
  guint n;

  g_return_val_if_fail (LANCER_IS_JOBS_LIST_PANE (self), LANCER_JOBS_LIST_LOADING);

  if (self->jobs == NULL)
    return LANCER_JOBS_LIST_LOADING;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  if (self->view == LANCER_JOBS_VIEW_HIDDEN || n > 0)
    return LANCER_JOBS_LIST_SHOWN;
  /* The first rows show as soon as they are in. */
  if (lancer_job_feed_model_get_loading (self->jobs))
    return LANCER_JOBS_LIST_LOADING;
  if (self->view == LANCER_JOBS_VIEW_ALL && !narrowed (self) && !self->expecting)
    return LANCER_JOBS_LIST_NOTHING;
  return LANCER_JOBS_LIST_SHOWN;
}

const char *
lancer_jobs_list_pane_get_shown (LancerJobsListPane *self)
{
  g_return_val_if_fail (LANCER_IS_JOBS_LIST_PANE (self), NULL);
  return gtk_stack_get_visible_child_name (self->results_stack);
}

static void
update_results (LancerJobsListPane *self)
{
  const char *name = "results";

  if (self->jobs == NULL)
    return;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    name = "results";
  else if (self->view == LANCER_JOBS_VIEW_HIDDEN)
    name = "no-hidden";
  else if (self->view == LANCER_JOBS_VIEW_SAVED && *gtk_editable_get_text (self->search_entry) == '\0')
    name = "no-saved";
  else if (self->expecting && self->view == LANCER_JOBS_VIEW_ALL && !narrowed (self))
    name = "fetching";   /* the first sync is bringing them */
  else if (narrowed (self) || self->view != LANCER_JOBS_VIEW_ALL)
    name = "no-results";
  gtk_spinner_set_spinning (self->fetching_spinner, g_str_equal (name, "fetching"));
  gtk_stack_set_visible_child_name (self->results_stack, name);
  g_signal_emit (self, signals [STATUS_CHANGED], 0);
}

static void
apply_view (LancerJobsListPane *self)
{
  LancerJobView view = { 0 };

  lancer_job_filter_free (self->filter);
  self->filter = lancer_jobs_filter_pane_dup_filter (self->filter_pane);
  if (lancer_job_filter_count_active (self->filter) > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
  if (self->jobs == NULL)
    return;
  view.search = (char *) gtk_editable_get_text (self->search_entry);
  view.filter = self->filter;
  view.search_id = self->view == LANCER_JOBS_VIEW_SEARCH ? self->search_id : 0;
  view.search_query = self->view == LANCER_JOBS_VIEW_SEARCH ? self->search_query : NULL;
  view.saved_only = self->view == LANCER_JOBS_VIEW_SAVED;
  view.sort = (LancerJobFeedSort) gtk_drop_down_get_selected (self->sort_dropdown);
  /* Another list: the job shown becomes its first one. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  lancer_job_feed_model_set_view (self->jobs, &view);
  update_results (self);
}

static void
view_changed_cb (LancerJobsListPane *self)
{
  apply_view (self);
}

static void
search_changed_cb (LancerJobsListPane *self)
{
  if (self->jobs != NULL)
    lancer_job_feed_model_set_search (self->jobs, gtk_editable_get_text (self->search_entry));
}

static void
list_activated_cb (LancerJobsListPane *self,
                   guint               position)
{
  gtk_single_selection_set_selected (self->selection, position);
  g_signal_emit (self, signals [ACTIVATED], 0, position);
}

static void
save_search_cb (LancerJobsListPane *self,
                const char         *name)
{
  apply_view (self);
  g_signal_emit (self, signals [SAVE_SEARCH], 0, name);
  gtk_menu_button_popdown (self->filter_button);
}

static void
hidden_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jobs = lancer_hidden_jobs_load_finish (LANCER_STORE (source), result, &error);
  LancerJobsListPane *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the pane may be gone */
  self = LANCER_JOBS_LIST_PANE (user_data);
  if (jobs == NULL)
    {
      g_warning ("Hidden jobs not read: %s", error->message);
      return;
    }
  if (self->hidden_jobs != NULL)
    g_list_store_splice (self->hidden_jobs, 0, g_list_model_get_n_items (G_LIST_MODEL (self->hidden_jobs)),
                         jobs->pdata, jobs->len);
}

void
lancer_jobs_list_pane_reload_hidden (LancerJobsListPane *self)
{
  g_return_if_fail (LANCER_IS_JOBS_LIST_PANE (self));

  if (self->jobs != NULL && self->view == LANCER_JOBS_VIEW_HIDDEN)
    lancer_hidden_jobs_load_async (lancer_job_feed_model_get_store (self->jobs), self->cancellable,
                                   hidden_loaded_cb, self);
}

void
lancer_jobs_list_pane_set_store (LancerJobsListPane *self,
                                 LancerStore        *store,
                                 GCancellable       *cancellable)
{
  g_return_if_fail (LANCER_IS_JOBS_LIST_PANE (self));

  g_set_object (&self->cancellable, cancellable);
  if (self->jobs != NULL && store == lancer_job_feed_model_get_store (self->jobs))
    return;
  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->jobs);
  g_clear_object (&self->hidden_jobs);
  self->view = LANCER_JOBS_VIEW_ALL;
  self->search_id = 0;
  g_clear_pointer (&self->search_query, g_free);
  gtk_editable_set_text (self->search_entry, "");
  lancer_jobs_filter_pane_set_filter (self->filter_pane, NULL);
  if (store == NULL)
    return;
  self->jobs = lancer_job_feed_model_new (store);
  g_signal_connect_object (self->jobs, "notify::loading", G_CALLBACK (update_results), self, G_CONNECT_SWAPPED);
  self->hidden_jobs = g_list_store_new (LANCER_TYPE_JOB);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->jobs)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  /* After the list view has heard of the change itself. */
  g_signal_connect_object (self->selection, "items-changed", G_CALLBACK (update_results), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  apply_view (self);
}

void
lancer_jobs_list_pane_set_view (LancerJobsListPane   *self,
                                LancerJobsView        view,
                                LancerJobsSidebarRow *search)
{
  GListModel *model;

  g_return_if_fail (LANCER_IS_JOBS_LIST_PANE (self));

  self->view = view;
  if (view == LANCER_JOBS_VIEW_SEARCH && search != NULL)
    {
      g_autoptr(LancerJobFilter) filter = lancer_job_filter_new_from_json (lancer_jobs_sidebar_row_get_filters (search));

      self->search_id = lancer_jobs_sidebar_row_get_search_id (search);
      g_free (self->search_query);
      self->search_query = g_strdup (lancer_jobs_sidebar_row_get_query (search));
      lancer_jobs_filter_pane_set_filter (self->filter_pane, filter);
    }
  if (self->jobs == NULL)
    return;
  model = view == LANCER_JOBS_VIEW_HIDDEN ? G_LIST_MODEL (self->hidden_jobs) : G_LIST_MODEL (self->jobs);
  if (gtk_single_selection_get_model (self->selection) != model)
    gtk_single_selection_set_model (self->selection, model);
  lancer_jobs_list_pane_reload_hidden (self);
  apply_view (self);
}

LancerJobsView
lancer_jobs_list_pane_get_view (LancerJobsListPane *self)
{
  g_return_val_if_fail (LANCER_IS_JOBS_LIST_PANE (self), LANCER_JOBS_VIEW_ALL);
  return self->view;
}

void
lancer_jobs_list_pane_set_expecting (LancerJobsListPane *self,
                                     gboolean            expecting)
{
  g_return_if_fail (LANCER_IS_JOBS_LIST_PANE (self));

  if (self->expecting == expecting)
    return;
  self->expecting = expecting;
  update_results (self);
}

LancerJobFeedModel *
lancer_jobs_list_pane_get_feed (LancerJobsListPane *self)
{
  g_return_val_if_fail (LANCER_IS_JOBS_LIST_PANE (self), NULL);
  return self->jobs;
}

GtkSingleSelection *
lancer_jobs_list_pane_get_selection (LancerJobsListPane *self)
{
  g_return_val_if_fail (LANCER_IS_JOBS_LIST_PANE (self), NULL);
  return self->selection;
}

void
lancer_jobs_list_pane_remove (LancerJobsListPane *self,
                              guint               position)
{
  g_return_if_fail (LANCER_IS_JOBS_LIST_PANE (self));

  if (self->jobs == NULL)
    return;
  if (self->view == LANCER_JOBS_VIEW_HIDDEN)
    g_list_store_remove (self->hidden_jobs, position);
  else
    lancer_job_feed_model_remove (self->jobs, position);
}

const LancerJobFilter *
lancer_jobs_list_pane_get_filter (LancerJobsListPane *self)
{
  g_return_val_if_fail (LANCER_IS_JOBS_LIST_PANE (self), NULL);
  return self->filter;
}

void
lancer_jobs_list_pane_set_filter (LancerJobsListPane    *self,
                                  const LancerJobFilter *filter)
{
  g_return_if_fail (LANCER_IS_JOBS_LIST_PANE (self));

  lancer_jobs_filter_pane_set_filter (self->filter_pane, filter);
  apply_view (self);
}

const char *
lancer_jobs_list_pane_get_search (LancerJobsListPane *self)
{
  g_return_val_if_fail (LANCER_IS_JOBS_LIST_PANE (self), NULL);
  return gtk_editable_get_text (self->search_entry);
}

void
lancer_jobs_list_pane_focus_search (LancerJobsListPane *self)
{
  g_return_if_fail (LANCER_IS_JOBS_LIST_PANE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
lancer_jobs_list_pane_set_folded (LancerJobsListPane *self,
                                  gboolean            folded)
{
  g_return_if_fail (LANCER_IS_JOBS_LIST_PANE (self));
  gtk_widget_set_visible (self->sidebar_button, folded);
}

static void
lancer_jobs_list_pane_dispose (GObject *object)
{
  LancerJobsListPane *self = LANCER_JOBS_LIST_PANE (object);
  GtkWidget *child;

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->jobs);
  g_clear_object (&self->hidden_jobs);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), LANCER_TYPE_JOBS_LIST_PANE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lancer_jobs_list_pane_parent_class)->dispose (object);
}

static void
lancer_jobs_list_pane_finalize (GObject *object)
{
  LancerJobsListPane *self = LANCER_JOBS_LIST_PANE (object);

  lancer_job_filter_free (self->filter);
  g_free (self->search_query);

  G_OBJECT_CLASS (lancer_jobs_list_pane_parent_class)->finalize (object);
}

static void
lancer_jobs_list_pane_class_init (LancerJobsListPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_jobs_list_pane_dispose;
  object_class->finalize = lancer_jobs_list_pane_finalize;

  signals [STATUS_CHANGED] = g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals [ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals [SAVE_SEARCH] = g_signal_new ("save-search", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (LANCER_TYPE_JOB_ROW);
  g_type_ensure (LANCER_TYPE_JOBS_FILTER_PANE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-jobs-list-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerJobsListPane, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsListPane, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsListPane, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsListPane, filter_button);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsListPane, filter_pane);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsListPane, results_stack);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsListPane, fetching_spinner);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsListPane, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_search_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lancer_jobs_list_pane_init (LancerJobsListPane *self)
{
  self->filter = lancer_job_filter_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
