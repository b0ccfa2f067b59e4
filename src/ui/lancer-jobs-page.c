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

#include "lancer-job-detail.h"
#include "lancer-jobs-list-pane.h"
#include "lancer-jobs-page-private.h"
#include "lancer-jobs-sidebar.h"
#include "lancer-sync.h"

/* Three panes in a leaflet, as in Fractal: the lists and saved searches,
 * the list of the one chosen, and the job. The page only coordinates them
 * and follows the profile (LancerPage); scores come from the session. */
struct _LancerJobsPage
{
  LancerPage          parent_instance;

  GCancellable       *cancellable;   /* the current profile's, from LancerPage */
  GSignalGroup       *sync_signals;
  gboolean            load_open;     /* a reload still owes a show_*() */
  gboolean            scores_asked;
  guint               keep_shown_id;
  LancerJob          *opened_job;    /* shown from the store, not from a row */

  AdwToastOverlay    *toast_overlay;
  AdwLeaflet         *leaflet;
  LancerJobsSidebar  *sidebar;
  LancerJobsListPane *list_pane;
  LancerJobDetail    *detail;
};

G_DEFINE_FINAL_TYPE (LancerJobsPage, lancer_jobs_page, LANCER_TYPE_PAGE)

static const char * const watched_tables[] = { "saved_searches", "job_matches", NULL };

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

static GListModel *
shown_list (LancerJobsPage *self)
{
  GtkSingleSelection *selection = lancer_jobs_list_pane_get_selection (self->list_pane);

  return selection != NULL ? G_LIST_MODEL (selection) : NULL;
}

/* ---- Scores: the session trains the scorer and writes them ---- */

static void
scores_updated_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (lancer_session_update_scores_finish (LANCER_SESSION (source), result, &error) < 0 &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Scores not stored: %s", error->message);
}

static void
ask_for_scores (LancerJobsPage *self)
{
  if (get_store (self) != NULL)
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
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;   /* the page may be gone */
      g_message ("Score model not trained: %s", error->message);
    }
  ask_for_scores (user_data);
}

static void
ask_for_training (LancerJobsPage *self)
{
  if (get_store (self) != NULL)
    lancer_session_train_scorer_async (get_session (self), self->cancellable, trained_cb, self);
}

/* ---- The job shown ---- */

static void
show_job (LancerJobsPage *self,
          LancerJob      *job,
          gboolean        navigate)
{
  const LancerJobFilter *filter = lancer_jobs_list_pane_get_filter (self->list_pane);

  lancer_job_detail_set_job (self->detail, job, filter->budget_floor, filter->rate_floor);
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
  g_autoptr(LancerJob) job = shown_list (self) != NULL ? g_list_model_get_item (shown_list (self), position) : NULL;

  if (job != NULL)
    show_job (self, job, navigate);
}

static void
list_activated_cb (LancerJobsPage *self,
                   guint           position)
{
  show_position (self, position, TRUE);
}

/* The job follows the selection: beside the list, or (narrow) instead
 * of it, so one tap opens a job. Back unselects, so the same job opens
 * again with one tap. */
static void
selection_changed_cb (LancerJobsPage *self)
{
  guint position = gtk_single_selection_get_selected (lancer_jobs_list_pane_get_selection (self->list_pane));

  if (position != GTK_INVALID_LIST_POSITION)
    {
      g_clear_object (&self->opened_job);
      show_position (self, position, adw_leaflet_get_folded (self->leaflet));
    }
}

/* Wide, the job pane is never left empty while the list has jobs; with
 * none it goes away. */
static gboolean
keep_a_job_shown_cb (gpointer data)
{
  LancerJobsPage *self = data;
  GtkSingleSelection *selection = lancer_jobs_list_pane_get_selection (self->list_pane);
  guint n = selection != NULL ? g_list_model_get_n_items (G_LIST_MODEL (selection)) : 0;
  guint position;

  self->keep_shown_id = 0;
  if (n == 0)
    show_job (self, NULL, FALSE);
  if (n == 0 || adw_leaflet_get_folded (self->leaflet))
    return G_SOURCE_REMOVE;
  position = gtk_single_selection_get_selected (selection);
  if (position == GTK_INVALID_LIST_POSITION && self->opened_job != NULL &&
      lancer_job_detail_get_job (self->detail) == self->opened_job)
    return G_SOURCE_REMOVE;
  if (position == GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (selection, 0);
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

  lancer_jobs_list_pane_set_folded (self->list_pane, folded);
  lancer_job_detail_set_show_back (self->detail, folded);
  if (!folded)
    keep_a_job_shown (self);
}

/* ---- The page's state ---- */

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
list_status_changed_cb (LancerJobsPage *self)
{
  LancerPageState state = lancer_page_get_state (LANCER_PAGE (self));

  keep_a_job_shown (self);
  switch (lancer_jobs_list_pane_get_status (self->list_pane))
    {
    case LANCER_JOBS_LIST_SHOWN:
      if (self->load_open || state != LANCER_PAGE_READY)
        lancer_page_show_content (LANCER_PAGE (self));
      self->load_open = FALSE;
      break;

    case LANCER_JOBS_LIST_NOTHING:
      if (self->load_open || state != LANCER_PAGE_EMPTY)
        lancer_page_show_empty (LANCER_PAGE (self), "system-search-symbolic", _("No Jobs Yet"),
                                _("Nothing matches your saved searches yet. New jobs appear here as soon as Upwork lists them."));
      self->load_open = FALSE;
      break;

    case LANCER_JOBS_LIST_LOADING:
    default:
      break;   /* what is shown stays until the first rows are in */
    }
}

static void
sync_changed_cb (LancerJobsPage *self)
{
  lancer_jobs_list_pane_set_expecting (self->list_pane, expects_jobs (self));
}

static void
session_sync_cb (LancerJobsPage *self)
{
  LancerSession *session = get_session (self);

  g_signal_group_set_target (self->sync_signals, session != NULL ? lancer_session_get_sync (session) : NULL);
  sync_changed_cb (self);
}

static void
sidebar_activated_cb (LancerJobsPage       *self,
                      LancerJobsSidebarRow *row)
{
  show_job (self, NULL, FALSE);
  /* Keyboard activation and the sidebar's own fallback select it too. */
  lancer_jobs_sidebar_select (self->sidebar, lancer_jobs_sidebar_row_get_kind (row),
                              lancer_jobs_sidebar_row_get_search_id (row));
  lancer_jobs_list_pane_set_view (self->list_pane, lancer_jobs_sidebar_row_get_kind (row), row);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->list_pane));
}

static void
save_search_cb (LancerJobsPage *self,
                const char     *name)
{
  lancer_jobs_sidebar_save_search (self->sidebar, name, lancer_jobs_list_pane_get_search (self->list_pane),
                                   lancer_jobs_list_pane_get_filter (self->list_pane));
}

/* A hidden job leaves the list at once (in the Hidden view: one shown again). */
static void
job_hidden_changed_cb (LancerJobsPage *self,
                       LancerJob      *job)
{
  GtkSingleSelection *selection = lancer_jobs_list_pane_get_selection (self->list_pane);
  guint position = gtk_single_selection_get_selected (selection);
  g_autoptr(LancerJob) selected = position != GTK_INVALID_LIST_POSITION
                                  ? g_list_model_get_item (G_LIST_MODEL (selection), position) : NULL;

  show_job (self, NULL, FALSE);
  if (selected == job)
    lancer_jobs_list_pane_remove (self->list_pane, position);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->list_pane));
  keep_a_job_shown (self);
}

/* ---- Loading ---- */

static void
lancer_jobs_page_reload (LancerPage   *page,
                         LancerStore  *store,
                         GCancellable *cancellable)
{
  LancerJobsPage *self = LANCER_JOBS_PAGE (page);
  LancerSession *session = get_session (self);

  g_set_object (&self->cancellable, cancellable);
  if (lancer_jobs_list_pane_get_feed (self->list_pane) == NULL)
    {
      lancer_jobs_list_pane_set_store (self->list_pane, store, cancellable);
      g_signal_connect_object (lancer_jobs_list_pane_get_selection (self->list_pane), "notify::selected",
                               G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
    }
  lancer_job_detail_set_session (self->detail, session);
  lancer_jobs_sidebar_set_store (self->sidebar, store);
  lancer_jobs_sidebar_reload (self->sidebar);
  lancer_jobs_list_pane_reload_hidden (self->list_pane);
  session_sync_cb (self);
  if (!self->scores_asked)
    {
      self->scores_asked = TRUE;
      ask_for_training (self);
    }
  /* Ends when the list has its first rows (or knows it has none). */
  self->load_open = TRUE;
  list_status_changed_cb (self);
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
  lancer_jobs_list_pane_set_store (self->list_pane, NULL, NULL);
  lancer_jobs_sidebar_set_store (self->sidebar, NULL);
  lancer_job_detail_set_session (self->detail, NULL);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->list_pane));
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
      lancer_jobs_list_pane_reload_hidden (self->list_pane);
    }
}

/* ---- Actions ---- */

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
  GtkSingleSelection *selection = lancer_jobs_list_pane_get_selection (self->list_pane);

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->list_pane));
  if (selection != NULL && adw_leaflet_get_folded (self->leaflet))
    gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_pane));
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

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->list_pane));
  lancer_jobs_list_pane_focus_search (self->list_pane);
}

/* ---- The public API and the test hooks (lancer-jobs-page-private.h) ---- */

GListModel *
lancer_jobs_page_get_model (LancerJobsPage *self)
{
  g_return_val_if_fail (LANCER_IS_JOBS_PAGE (self), NULL);
  return G_LIST_MODEL (lancer_jobs_list_pane_get_feed (self->list_pane));
}

GListModel *
lancer_jobs_page_get_shown_model (LancerJobsPage *self)
{
  g_return_val_if_fail (LANCER_IS_JOBS_PAGE (self), NULL);
  return shown_list (self);
}

void
lancer_jobs_page_select (LancerJobsPage *self,
                         guint           position)
{
  g_return_if_fail (LANCER_IS_JOBS_PAGE (self));

  if (shown_list (self) == NULL)
    return;
  gtk_single_selection_set_selected (lancer_jobs_list_pane_get_selection (self->list_pane), position);
  show_position (self, position, TRUE);
}

/* The first rows of the shown list are where an alert's job usually is;
 * selecting it there keeps the list and the job in step. */
static guint
find_in_shown_list (LancerJobsPage *self,
                    const char     *job_id)
{
  GListModel *list = shown_list (self);
  guint n = list != NULL ? MIN (g_list_model_get_n_items (list), 500) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LancerJob) job = g_list_model_get_item (list, i);

      if (job != NULL && g_strcmp0 (lancer_job_get_id (job), job_id) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

typedef struct
{
  LancerJobsPage *self;
  gboolean        write_proposal;
} OpenJob;

static void
job_loaded_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autofree OpenJob *open = user_data;
  g_autoptr(LancerJobsPage) self = open->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerJob) job = lancer_store_get_job_finish (LANCER_STORE (source), result, &error);
  guint position;

  /* Cancelled, or the page went away meanwhile. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->detail == NULL)
    return;
  if (job == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("This job is no longer stored on this computer")));
      return;
    }
  position = find_in_shown_list (self, lancer_job_get_id (job));
  if (position != GTK_INVALID_LIST_POSITION)
    lancer_jobs_page_select (self, position);
  else
    {
      /* Not in what the list shows (the Hidden view, another search, far
       * down): the job opens on its own and the list stays as it is. */
      gtk_single_selection_set_selected (lancer_jobs_list_pane_get_selection (self->list_pane),
                                         GTK_INVALID_LIST_POSITION);
      g_set_object (&self->opened_job, job);
      show_job (self, job, TRUE);
    }
  if (open->write_proposal)
    gtk_widget_activate_action (GTK_WIDGET (self), "jobs.write-proposal", NULL);
}

void
lancer_jobs_page_open_job (LancerJobsPage *self,
                           const char     *job_id,
                           gboolean        write_proposal)
{
  OpenJob *open;

  g_return_if_fail (LANCER_IS_JOBS_PAGE (self));
  g_return_if_fail (job_id != NULL);

  if (get_store (self) == NULL)
    return;
  open = g_new0 (OpenJob, 1);
  open->self = g_object_ref (self);
  open->write_proposal = write_proposal;
  lancer_store_get_job_async (get_store (self), job_id, self->cancellable, job_loaded_cb, open);
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
      return g_strcmp0 (lancer_jobs_list_pane_get_shown (self->list_pane), "fetching") == 0 ? "fetching" : "list";
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
  lancer_jobs_list_pane_set_filter (self->list_pane, filter);
}

/* ---- GObject ---- */

static void
lancer_jobs_page_dispose (GObject *object)
{
  LancerJobsPage *self = LANCER_JOBS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->keep_shown_id, g_source_remove);
  g_clear_object (&self->opened_job);
  if (self->sync_signals != NULL)
    g_signal_group_set_target (self->sync_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_JOBS_PAGE);

  G_OBJECT_CLASS (lancer_jobs_page_parent_class)->dispose (object);
}

static void
lancer_jobs_page_finalize (GObject *object)
{
  g_clear_object (&LANCER_JOBS_PAGE (object)->sync_signals);

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
  g_type_ensure (LANCER_TYPE_JOBS_LIST_PANE);
  g_type_ensure (LANCER_TYPE_JOBS_SIDEBAR);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-jobs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_status_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, job_hidden_changed_cb);

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

static void
lancer_jobs_page_init (LancerJobsPage *self)
{
  GSignalGroup *store_signals;
  GSignalGroup *session_signals;

  gtk_widget_init_template (GTK_WIDGET (self));

  store_signals = lancer_page_get_store_signals (LANCER_PAGE (self));
  g_signal_group_connect_object (store_signals, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  session_signals = lancer_page_get_session_signals (LANCER_PAGE (self));
  g_signal_group_connect_object (session_signals, "notify::sync", G_CALLBACK (session_sync_cb), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (session_signals, "notify::signed-in", G_CALLBACK (sync_changed_cb), self,
                                 G_CONNECT_SWAPPED);
  self->sync_signals = g_signal_group_new (LANCER_TYPE_SYNC);
  g_signal_group_connect_object (self->sync_signals, "notify::state", G_CALLBACK (sync_changed_cb), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->sync_signals, "notify::paused", G_CALLBACK (sync_changed_cb), self,
                                 G_CONNECT_SWAPPED);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->list_pane));
  folded_cb (self);
}
