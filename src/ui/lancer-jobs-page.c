/* lancer-jobs-page.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-jobs-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "lancer-hidden-jobs.h"
#include "lancer-job-detail.h"
#include "lancer-job-feed-model.h"
#include "lancer-job-row.h"
#include "lancer-jobs-filter-pane.h"
#include "lancer-jobs-page-private.h"
#include "lancer-jobs-sidebar.h"
#include "lancer-sync.h"

struct _LancerJobsPage
{
  LancerPage          parent_instance;

  LancerJobFeedModel *jobs;          /* the feed, for this profile */
  GListStore         *hidden_jobs;   /* the Hidden view */
  GtkSingleSelection *selection;     /* over one of the two */
  LancerJobFilter    *filter;
  LancerJobsView      view;
  gint64              search_id;
  char               *search_query;
  GCancellable       *cancellable;   /* the current load's, from LancerPage */
  GSignalGroup       *sync_signals;
  gboolean            load_open;     /* a reload still owes a show_*() */
  gboolean            scores_asked;
  guint               keep_shown_id;

  AdwToastOverlay    *toast_overlay;
  AdwLeaflet         *leaflet;
  LancerJobsSidebar  *sidebar;
  GtkWidget          *list_pane;
  GtkWidget          *sidebar_button;
  GtkEditable        *search_entry;
  GtkDropDown        *sort_dropdown;
  GtkMenuButton      *filter_button;
  LancerJobsFilterPane *filter_pane;
  GtkStack           *results_stack;
  GtkSpinner         *fetching_spinner;
  GtkListView        *list_view;
  LancerJobDetail    *detail;
};

G_DEFINE_FINAL_TYPE (LancerJobsPage, lancer_jobs_page, LANCER_TYPE_PAGE)

static const char * const watched_tables[] = { "saved_searches", "job_matches", NULL };

static void update_state (LancerJobsPage *self);
static void load_hidden (LancerJobsPage *self);
static void save_search_cb (LancerJobsPage *self, const char *name);
static void install_actions (GtkWidgetClass *widget_class);

static LancerStore *
get_store (LancerJobsPage *self)
{
  return lancer_page_get_store (LANCER_PAGE (self));
}

static LancerSession *
get_session (LancerJobsPage *self)
{
  return lancer_page_get_session (LANCER_PAGE (self));
}

static void
warn_failed (const char   *what,
             const GError *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("%s: %s", what, error->message);
}

/* ---- Scores: the session trains and writes, the page asks ---- */

static void
scores_updated_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (lancer_session_update_scores_finish (LANCER_SESSION (source), result, &error) < 0)
    warn_failed ("Scores not stored", error);
}

static void
ask_for_scores (LancerJobsPage *self)
{
  if (get_session (self) != NULL && get_store (self) != NULL)
    lancer_session_update_scores_async (get_session (self), self->cancellable, scores_updated_cb, NULL);
}

static void
trained_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lancer_session_train_scorer_finish (LANCER_SESSION (source), result, &error))
    {
      warn_failed ("Score model not trained", error);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
    }
  ask_for_scores (user_data);
}

static void
ask_for_training (LancerJobsPage *self)
{
  if (get_session (self) != NULL && get_store (self) != NULL)
    lancer_session_train_scorer_async (get_session (self), self->cancellable, trained_cb, self);
}

/* ---- The job shown ---- */

static void
show_job (LancerJobsPage *self,
          LancerJob      *job,
          gboolean        navigate)
{
  lancer_job_detail_set_job (self->detail, job, self->filter->budget_floor, self->filter->rate_floor);
  gtk_widget_set_visible (GTK_WIDGET (self->detail), job != NULL);
  if (job != NULL && get_store (self) != NULL && lancer_job_get_loaded (job) && !lancer_job_get_seen (job))
    {
      lancer_job_set_seen (job, TRUE);
      lancer_store_set_job_flag_async (get_store (self), lancer_job_get_id (job), LANCER_JOB_FLAG_SEEN, TRUE,
                                       self->cancellable, NULL, NULL);
    }
  if (navigate && job != NULL)
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail));
}

static void
show_position (LancerJobsPage *self,
               guint           position,
               gboolean        navigate)
{
  g_autoptr(LancerJob) job = NULL;

  if (self->selection == NULL)
    return;
  job = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (job != NULL)
    show_job (self, job, navigate);
}

static void
list_activated_cb (LancerJobsPage *self,
                   guint           position)
{
  gtk_single_selection_set_selected (self->selection, position);
  show_position (self, position, TRUE);
}

/* Wide, the job beside the list follows the selection and is never left
 * empty while the list has jobs; narrow, a tap opens it. */
static void
selection_changed_cb (LancerJobsPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION && !adw_leaflet_get_folded (self->leaflet))
    show_position (self, position, FALSE);
}

static gboolean
keep_a_job_shown_cb (gpointer data)
{
  LancerJobsPage *self = data;
  GListModel *model = self->selection != NULL ? G_LIST_MODEL (self->selection) : NULL;
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;
  guint position;

  self->keep_shown_id = 0;
  if (n == 0)
    {
      show_job (self, NULL, FALSE);
      return G_SOURCE_REMOVE;
    }
  position = gtk_single_selection_get_selected (self->selection);
  if (adw_leaflet_get_folded (self->leaflet))
    return G_SOURCE_REMOVE;
  if (position == GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, 0);
  else if (lancer_job_detail_get_job (self->detail) == NULL)
    show_position (self, position, FALSE);
  return G_SOURCE_REMOVE;
}

/* Not while a model is telling of a change: once it is over. */
static void
keep_a_job_shown (LancerJobsPage *self)
{
  if (self->keep_shown_id == 0)
    self->keep_shown_id = g_idle_add (keep_a_job_shown_cb, self);
}

static void
folded_cb (LancerJobsPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->sidebar_button, folded);
  lancer_job_detail_set_show_back (self->detail, folded);
  if (!folded)
    keep_a_job_shown (self);
}

/* ---- What the list shows ---- */

/* A sync is bringing the first jobs (and is not waiting for the network). */
static gboolean
expects_jobs (LancerJobsPage *self)
{
  LancerSession *session = get_session (self);
  LancerSync *sync = session != NULL ? lancer_session_get_sync (session) : NULL;
  gboolean paused = FALSE;
  gboolean connected;

  if (session == NULL)
    return FALSE;
  connected = lancer_session_get_is_demo (session) || lancer_session_get_signed_in (session);
  if (sync == NULL)
    return connected;
  if (lancer_sync_get_state (sync) == LANCER_SYNC_STATE_SYNCING)
    return TRUE;
  g_object_get (sync, "paused", &paused, NULL);
  if (paused || lancer_sync_get_state (sync) == LANCER_SYNC_STATE_ERROR || lancer_sync_get_last_synced (sync) != 0)
    return FALSE;
  return connected;
}

static void
show_results (LancerJobsPage *self,
              const char     *name)
{
  gtk_spinner_set_spinning (self->fetching_spinner, g_str_equal (name, "fetching"));
  gtk_stack_set_visible_child_name (self->results_stack, name);
  if (self->load_open || lancer_page_get_state (LANCER_PAGE (self)) != LANCER_PAGE_READY)
    lancer_page_show_content (LANCER_PAGE (self));
  self->load_open = FALSE;
}

static void
update_state (LancerJobsPage *self)
{
  const LancerJobView *view;
  gboolean narrowed;
  guint n;

  if (self->jobs == NULL || self->selection == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  keep_a_job_shown (self);
  if (self->view == LANCER_JOBS_VIEW_HIDDEN)
    {
      show_results (self, n > 0 ? "results" : "no-hidden");
      return;
    }
  /* The first rows show as soon as they are in; until then, keep what is shown. */
  if (lancer_job_feed_model_get_loading (self->jobs) && n == 0)
    return;
  if (n > 0)
    {
      show_results (self, "results");
      return;
    }
  view = lancer_job_feed_model_get_view (self->jobs);
  narrowed = (view->search != NULL && *view->search != '\0') || !lancer_job_filter_is_empty (view->filter) ||
             view->search_id > 0 || view->saved_only;
  if (expects_jobs (self) && self->view == LANCER_JOBS_VIEW_ALL && !narrowed)
    show_results (self, "fetching");
  else if (self->view == LANCER_JOBS_VIEW_SAVED && (view->search == NULL || *view->search == '\0'))
    show_results (self, "no-saved");
  else if (narrowed)
    show_results (self, "no-results");
  else
    {
      self->load_open = FALSE;
      lancer_page_show_empty (LANCER_PAGE (self), "system-search-symbolic", _("No Jobs Yet"),
                              _("Nothing matches your saved searches yet. New jobs appear here as soon as Upwork lists them."));
    }
}

static void
apply_view (LancerJobsPage *self)
{
  LancerJobView view = { 0 };
  guint n;

  lancer_job_filter_free (self->filter);
  self->filter = lancer_jobs_filter_pane_dup_filter (self->filter_pane);
  n = lancer_job_filter_count_active (self->filter);
  if (n > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
  if (get_session (self) != NULL && lancer_session_get_scorer (get_session (self)) != NULL)
    lancer_scorer_set_floors (lancer_session_get_scorer (get_session (self)),
                              self->filter->budget_floor, self->filter->rate_floor);
  if (self->jobs == NULL)
    return;
  view.search = (char *) gtk_editable_get_text (self->search_entry);
  view.filter = self->filter;
  view.search_id = self->view == LANCER_JOBS_VIEW_SEARCH ? self->search_id : 0;
  view.search_query = self->view == LANCER_JOBS_VIEW_SEARCH ? self->search_query : NULL;
  view.saved_only = self->view == LANCER_JOBS_VIEW_SAVED;
  view.sort = (LancerJobFeedSort) gtk_drop_down_get_selected (self->sort_dropdown);
  lancer_job_feed_model_set_view (self->jobs, &view);
}

static void
view_changed_cb (LancerJobsPage *self)
{
  apply_view (self);
}

static void
search_changed_cb (LancerJobsPage *self)
{
  if (self->jobs != NULL)
    lancer_job_feed_model_set_search (self->jobs, gtk_editable_get_text (self->search_entry));
}

static void
show_list_of (LancerJobsPage *self,
              LancerJobsView  view)
{
  GListModel *model = view == LANCER_JOBS_VIEW_HIDDEN ? G_LIST_MODEL (self->hidden_jobs) : G_LIST_MODEL (self->jobs);

  self->view = view;
  show_job (self, NULL, FALSE);
  if (gtk_single_selection_get_model (self->selection) != model)
    gtk_single_selection_set_model (self->selection, model);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  if (view == LANCER_JOBS_VIEW_HIDDEN)
    load_hidden (self);
  apply_view (self);
  update_state (self);
}

static void
sidebar_activated_cb (LancerJobsPage       *self,
                      LancerJobsSidebarRow *row)
{
  LancerJobsView view = lancer_jobs_sidebar_row_get_kind (row);

  if (view == LANCER_JOBS_VIEW_SEARCH)
    {
      g_autoptr(LancerJobFilter) filter = lancer_job_filter_new_from_json (lancer_jobs_sidebar_row_get_filters (row));

      self->search_id = lancer_jobs_sidebar_row_get_search_id (row);
      g_free (self->search_query);
      self->search_query = g_strdup (lancer_jobs_sidebar_row_get_query (row));
      lancer_jobs_filter_pane_set_filter (self->filter_pane, filter);
    }
  if (self->jobs != NULL)
    show_list_of (self, view);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

/* ---- Loading ---- */

static void
create_feed (LancerJobsPage *self,
             LancerStore    *store)
{
  self->jobs = lancer_job_feed_model_new (store);
  g_signal_connect_object (self->jobs, "notify::loading", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  self->hidden_jobs = g_list_store_new (LANCER_TYPE_JOB);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->jobs)));
  /* After the list view has heard of the change itself. */
  g_signal_connect_object (self->selection, "items-changed", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  apply_view (self);
}

static void
lancer_jobs_page_reload (LancerPage   *page,
                         LancerStore  *store,
                         GCancellable *cancellable)
{
  LancerJobsPage *self = LANCER_JOBS_PAGE (page);
  LancerSession *session = get_session (self);

  g_set_object (&self->cancellable, cancellable);
  g_signal_group_set_target (self->sync_signals, lancer_session_get_sync (session));
  if (self->jobs == NULL)
    create_feed (self, store);
  if (!self->scores_asked)
    {
      self->scores_asked = TRUE;
      ask_for_training (self);
    }
  lancer_job_detail_set_session (self->detail, session);
  lancer_jobs_sidebar_set_store (self->sidebar, store);
  lancer_jobs_sidebar_reload (self->sidebar);
  if (self->view == LANCER_JOBS_VIEW_HIDDEN)
    load_hidden (self);
  /* Ends when the feed has its first rows (or knows it has none). */
  self->load_open = TRUE;
  update_state (self);
}

/* A profile switch: nothing of the previous one stays. */
static void
lancer_jobs_page_reset (LancerPage *page)
{
  LancerJobsPage *self = LANCER_JOBS_PAGE (page);

  g_clear_object (&self->cancellable);
  self->load_open = FALSE;
  self->scores_asked = FALSE;
  show_job (self, NULL, FALSE);
  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->jobs);
  g_clear_object (&self->hidden_jobs);
  self->view = LANCER_JOBS_VIEW_ALL;
  self->search_id = 0;
  g_clear_pointer (&self->search_query, g_free);
  gtk_editable_set_text (self->search_entry, "");
  lancer_jobs_filter_pane_set_filter (self->filter_pane, NULL);
  lancer_jobs_sidebar_set_store (self->sidebar, NULL);
  lancer_job_detail_set_session (self->detail, NULL);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  g_signal_group_set_target (self->sync_signals, NULL);
}

static void
store_changed_cb (LancerJobsPage *self,
                  const char     *table)
{
  if (g_strcmp0 (table, "proposals") == 0 || g_strcmp0 (table, "proposal_events") == 0)
    ask_for_training (self);
  else if (g_strcmp0 (table, "jobs") == 0)
    {
      ask_for_scores (self);
      if (self->view == LANCER_JOBS_VIEW_HIDDEN)
        load_hidden (self);
    }
}

static void
sync_changed_cb (LancerJobsPage *self)
{
  update_state (self);
}

static void
session_sync_cb (LancerJobsPage *self)
{
  LancerSession *session = get_session (self);

  g_signal_group_set_target (self->sync_signals, session != NULL ? lancer_session_get_sync (session) : NULL);
  update_state (self);
}

/* ---- The Hidden view ---- */

static void
hidden_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jobs = lancer_hidden_jobs_load_finish (LANCER_STORE (source), result, &error);
  LancerJobsPage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = LANCER_JOBS_PAGE (user_data);
  if (jobs == NULL)
    {
      lancer_page_show_error (LANCER_PAGE (self), error);
      return;
    }
  if (self->hidden_jobs != NULL)
    g_list_store_splice (self->hidden_jobs, 0, g_list_model_get_n_items (G_LIST_MODEL (self->hidden_jobs)),
                         jobs->pdata, jobs->len);
}

static void
load_hidden (LancerJobsPage *self)
{
  if (get_store (self) != NULL && self->cancellable != NULL)
    lancer_hidden_jobs_load_async (get_store (self), self->cancellable, hidden_loaded_cb, self);
}

/* ---- Actions ---- */

/* A hidden job leaves the list at once (the Hidden view: one shown again). */
static void
job_hidden_changed_cb (LancerJobsPage *self,
                       LancerJob      *job)
{
  guint position = gtk_single_selection_get_selected (self->selection);
  g_autoptr(LancerJob) selected = position != GTK_INVALID_LIST_POSITION
                                  ? g_list_model_get_item (G_LIST_MODEL (self->selection), position) : NULL;

  show_job (self, NULL, FALSE);
  if (selected == job)
    {
      if (self->view == LANCER_JOBS_VIEW_HIDDEN)
        g_list_store_remove (self->hidden_jobs, position);
      else
        lancer_job_feed_model_remove (self->jobs, position);
    }
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  keep_a_job_shown (self);
}

/* The page's shortcuts (and the window) reach the job's own actions. */
static void
job_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LancerJobsPage *self = LANCER_JOBS_PAGE (widget);
  g_autofree char *name = g_strconcat ("job.", action_name + strlen ("jobs."), NULL);

  gtk_widget_activate_action (GTK_WIDGET (self->detail), name, NULL);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LancerJobsPage *self = LANCER_JOBS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LancerJobsPage *self = LANCER_JOBS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->sidebar));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LancerJobsPage *self = LANCER_JOBS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
save_search_cb (LancerJobsPage *self,
                const char     *name)
{
  apply_view (self);
  lancer_jobs_sidebar_save_search (self->sidebar, name, gtk_editable_get_text (self->search_entry), self->filter);
  gtk_menu_button_popdown (self->filter_button);
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "jobs.toggle-saved", NULL, job_action);
  gtk_widget_class_install_action (widget_class, "jobs.toggle-hidden", NULL, job_action);
  gtk_widget_class_install_action (widget_class, "jobs.hide", NULL, job_action);
  gtk_widget_class_install_action (widget_class, "jobs.open-upwork", NULL, job_action);
  gtk_widget_class_install_action (widget_class, "jobs.write-proposal", NULL, job_action);
  gtk_widget_class_install_action (widget_class, "jobs.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "jobs.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "jobs.focus-search", NULL, focus_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "jobs.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "jobs.toggle-saved", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "jobs.hide", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "jobs.open-upwork", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "jobs.write-proposal", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "jobs.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "jobs.back", NULL);
}

/* ---- Test hooks (lancer-jobs-page-private.h) and the public API ---- */

GListModel *
lancer_jobs_page_get_model (LancerJobsPage *self)
{
  g_return_val_if_fail (LANCER_IS_JOBS_PAGE (self), NULL);
  return self->jobs != NULL ? G_LIST_MODEL (self->jobs) : NULL;
}

GListModel *
lancer_jobs_page_get_shown_model (LancerJobsPage *self)
{
  g_return_val_if_fail (LANCER_IS_JOBS_PAGE (self), NULL);
  return self->selection != NULL ? G_LIST_MODEL (self->selection) : NULL;
}

void
lancer_jobs_page_select (LancerJobsPage *self,
                         guint           position)
{
  g_return_if_fail (LANCER_IS_JOBS_PAGE (self));

  if (self->selection == NULL)
    return;
  gtk_single_selection_set_selected (self->selection, position);
  show_position (self, position, TRUE);
}

const char *
lancer_jobs_page_get_mode (LancerJobsPage *self)
{
  g_return_val_if_fail (LANCER_IS_JOBS_PAGE (self), NULL);

  switch (lancer_page_get_state (LANCER_PAGE (self)))
    {
    case LANCER_PAGE_ERROR: return "error";
    case LANCER_PAGE_EMPTY: return "empty";
    case LANCER_PAGE_READY:
      return g_strcmp0 (gtk_stack_get_visible_child_name (self->results_stack), "fetching") == 0 ? "fetching" : "list";
    case LANCER_PAGE_LOADING:
    default:
      return "loading";
    }
}

const char *
lancer_jobs_page_get_visible_pane (LancerJobsPage *self)
{
  GtkWidget *child;

  g_return_val_if_fail (LANCER_IS_JOBS_PAGE (self), NULL);

  child = adw_leaflet_get_visible_child (self->leaflet);
  return child == GTK_WIDGET (self->detail) ? "detail" : child == GTK_WIDGET (self->sidebar) ? "sidebar" : "list";
}

void
lancer_jobs_page_set_filter (LancerJobsPage        *self,
                             const LancerJobFilter *filter)
{
  g_return_if_fail (LANCER_IS_JOBS_PAGE (self));

  lancer_jobs_filter_pane_set_filter (self->filter_pane, filter);
  apply_view (self);
}

GtkEditable *
lancer_jobs_page_get_search_entry (LancerJobsPage *self)
{
  return self->search_entry;
}

LancerJobsFilterPane *
lancer_jobs_page_get_filter_pane (LancerJobsPage *self)
{
  return self->filter_pane;
}

LancerJobsSidebar *
lancer_jobs_page_get_sidebar (LancerJobsPage *self)
{
  return self->sidebar;
}

LancerJobDetail *
lancer_jobs_page_get_detail (LancerJobsPage *self)
{
  return self->detail;
}

GtkListView *
lancer_jobs_page_get_list_view (LancerJobsPage *self)
{
  return self->list_view;
}

/* ---- GObject ---- */

static void
lancer_jobs_page_dispose (GObject *object)
{
  LancerJobsPage *self = LANCER_JOBS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->keep_shown_id, g_source_remove);
  if (self->sync_signals != NULL)
    g_signal_group_set_target (self->sync_signals, NULL);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->jobs);
  g_clear_object (&self->hidden_jobs);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_JOBS_PAGE);

  G_OBJECT_CLASS (lancer_jobs_page_parent_class)->dispose (object);
}

static void
lancer_jobs_page_finalize (GObject *object)
{
  LancerJobsPage *self = LANCER_JOBS_PAGE (object);

  g_clear_object (&self->sync_signals);
  lancer_job_filter_free (self->filter);
  g_free (self->search_query);

  G_OBJECT_CLASS (lancer_jobs_page_parent_class)->finalize (object);
}

static void
lancer_jobs_page_class_init (LancerJobsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LancerPageClass *page_class = LANCER_PAGE_CLASS (klass);

  object_class->dispose = lancer_jobs_page_dispose;
  object_class->finalize = lancer_jobs_page_finalize;
  page_class->reload = lancer_jobs_page_reload;
  page_class->reset = lancer_jobs_page_reset;
  lancer_page_class_set_watched_tables (page_class, watched_tables);

  g_type_ensure (LANCER_TYPE_JOB_DETAIL);
  g_type_ensure (LANCER_TYPE_JOB_ROW);
  g_type_ensure (LANCER_TYPE_JOBS_SIDEBAR);
  g_type_ensure (LANCER_TYPE_JOBS_FILTER_PANE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-jobs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, filter_pane);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, fetching_spinner);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, job_hidden_changed_cb);
  install_actions (widget_class);
}

static void
lancer_jobs_page_init (LancerJobsPage *self)
{
  GSignalGroup *store_signals;
  GSignalGroup *session_signals;

  self->filter = lancer_job_filter_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  store_signals = lancer_page_get_store_signals (LANCER_PAGE (self));
  g_signal_group_connect_object (store_signals, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  session_signals = lancer_page_get_session_signals (LANCER_PAGE (self));
  g_signal_group_connect_object (session_signals, "notify::sync", G_CALLBACK (session_sync_cb), self,
                                 G_CONNECT_SWAPPED);
  self->sync_signals = g_signal_group_new (LANCER_TYPE_SYNC);
  g_signal_group_connect_object (self->sync_signals, "notify::state", G_CALLBACK (sync_changed_cb), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->sync_signals, "notify::paused", G_CALLBACK (sync_changed_cb), self,
                                 G_CONNECT_SWAPPED);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  folded_cb (self);
}
