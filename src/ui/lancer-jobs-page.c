/* lancer-jobs-page.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-jobs-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "lancer-ai-service.h"
#include "lancer-analysis-card.h"
#include "lancer-job-detail.h"
#include "lancer-job-feed-model.h"
#include "lancer-job-row.h"
#include "lancer-jobs-page.h"
#include "lancer-proposal-sheet.h"
#include "lancer-scorer.h"
#include "lancer-sync.h"

struct _LancerJobsPage
{
  GtkWidget           parent_instance;

  LancerSession      *session;
  LancerAiService    *ai_service;
  LancerJobFeedModel *jobs;
  GtkSingleSelection *selection;
  LancerScorer       *scorer;
  LancerJobFilter    *filter;
  gint64              search_id;
  char               *search_query;
  gboolean            saved_only;
  GCancellable       *cancellable;
  LancerSync         *sync;         /* followed: "fetching" while it runs */

  GtkStack           *stack;
  GtkStack           *results_stack;
  AdwStatusPage      *error_page;
  AdwStatusPage      *empty_page;
  GtkWidget          *empty_actions;
  AdwLeaflet         *leaflet;
  GtkWidget          *sidebar;
  GtkListBox         *sidebar_list;
  GtkWidget          *list_pane;
  GtkButton          *searches_button;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *sort_dropdown;
  GtkMenuButton      *filter_button;
  GtkListView        *list_view;
  LancerJobDetail    *detail;

  /* filter panel */
  GtkSpinButton      *f_spent, *f_hire, *f_rating, *f_proposals, *f_budget, *f_rate, *f_hours;
  GtkCheckButton     *f_verified, *f_entry, *f_mid, *f_expert;
  GtkEntry           *f_in, *f_out, *f_name;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerJobsPage, lancer_jobs_page, GTK_TYPE_WIDGET)

static void reload_searches (LancerJobsPage *self);

static LancerStore *
get_store (LancerJobsPage *self)
{
  return self->session != NULL ? lancer_session_get_store (self->session) : NULL;
}

/* A sync is bringing jobs, or is about to: the first one after signing in
 * (or opening the demo) has not finished yet, and it is not waiting for
 * the network to come back. */
static gboolean
expects_jobs (LancerJobsPage *self)
{
  gboolean paused = FALSE;

  if (self->sync == NULL)
    return lancer_session_get_is_demo (self->session) || lancer_session_get_signed_in (self->session);
  if (lancer_sync_get_state (self->sync) == LANCER_SYNC_STATE_SYNCING)
    return TRUE;
  g_object_get (self->sync, "paused", &paused, NULL);
  if (paused || lancer_sync_get_state (self->sync) == LANCER_SYNC_STATE_ERROR ||
      lancer_sync_get_last_synced (self->sync) != 0)
    return FALSE;
  return lancer_session_get_is_demo (self->session) || lancer_session_get_signed_in (self->session);
}

static void
update_mode (LancerJobsPage *self)
{
  const LancerJobView *view;
  guint n_items;
  gboolean narrowed;

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

  n_items = self->jobs != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->jobs)) : 0;
  if (self->jobs != NULL && n_items == 0 && expects_jobs (self))
    {
      /* A first sync (or one after everything was cleared): the page is
       * there at once, searches and all, and the jobs come into the list
       * as they are fetched. Not "No Jobs Yet, connect Upwork". */
      gtk_stack_set_visible_child_name (self->results_stack, "fetching");
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }
  /* The first rows show as soon as they are in: the model adds the rest a
   * few a frame and reports loading until then. */
  if (self->jobs == NULL || (lancer_job_feed_model_get_loading (self->jobs) && n_items == 0))
    {
      /* Keep showing results while a new search runs, no flicker. */
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") != 0)
        gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }

  view = lancer_job_feed_model_get_view (self->jobs);
  narrowed = (view->search != NULL && *view->search != '\0') || !lancer_job_filter_is_empty (view->filter) ||
             view->search_id > 0 || view->saved_only;
  if (n_items == 0 && !narrowed)
    {
      gboolean connected = lancer_session_get_signed_in (self->session);

      /* Signed in and synced, nothing yet: no point offering to connect. */
      adw_status_page_set_description (self->empty_page,
                                       connected
                                       ? _("Nothing matches your saved searches yet. New jobs appear here as soon as Upwork lists them.")
                                       : _("Connect your Upwork account with your own API key. New jobs from your saved searches then appear here, filtered and scored before anyone else sees them."));
      gtk_widget_set_visible (self->empty_actions, !connected);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->results_stack, n_items > 0 ? "results" : "no-results");
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
apply_view (LancerJobsPage *self)
{
  LancerJobView view = { 0 };

  if (self->jobs == NULL)
    return;
  view.search = (char *) gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  view.filter = self->filter;
  view.search_id = self->search_id;
  view.search_query = self->search_query;
  view.saved_only = self->saved_only;
  view.sort = (LancerJobFeedSort) gtk_drop_down_get_selected (self->sort_dropdown);
  lancer_job_feed_model_set_view (self->jobs, &view);
}

static void
search_changed_cb (LancerJobsPage *self,
                   GtkSearchEntry *entry)
{
  if (self->jobs != NULL)
    lancer_job_feed_model_set_search (self->jobs, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
sort_changed_cb (LancerJobsPage *self)
{
  apply_view (self);
}

static void
folded_cb (LancerJobsPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (GTK_WIDGET (self->searches_button), folded);
  lancer_job_detail_set_show_back (self->detail, folded);
}

static void
show_sidebar_cb (LancerJobsPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

/* Rows */

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

static double
budget_floor (LancerJobsPage *self)
{
  return self->filter != NULL ? self->filter->budget_floor : 0;
}

static double
rate_floor (LancerJobsPage *self)
{
  return self->filter != NULL ? self->filter->rate_floor : 0;
}

static LancerJob *
selected_job (LancerJobsPage *self)
{
  LancerJob *job = lancer_job_detail_get_job (self->detail);

  return job != NULL && lancer_job_get_loaded (job) ? job : NULL;
}

static void
flag_set_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lancer_store_set_job_flag_finish (LANCER_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not update the job: %s", error->message);
}


/* The AI analysis card of the job shown in the detail pane. */
static void
show_analysis (LancerJobsPage *self,
               LancerJob      *job)
{
  GtkBox *slot = lancer_job_detail_get_analysis_slot (self->detail);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (slot))) != NULL)
    gtk_box_remove (slot, child);
  if (self->session == NULL || lancer_session_get_store (self->session) == NULL)
    return;
  if (self->ai_service == NULL)
    self->ai_service = lancer_ai_service_new (self->session);
  gtk_box_append (slot, lancer_analysis_card_new (self->ai_service, job));
}

static void
show_job (LancerJobsPage *self,
          guint           position,
          gboolean        navigate)
{
  g_autoptr(LancerJob) job = NULL;

  if (self->jobs == NULL)
    return;
  job = g_list_model_get_item (G_LIST_MODEL (self->jobs), position);
  if (job == NULL || !lancer_job_get_loaded (job))
    return;
  lancer_job_detail_set_job (self->detail, job, self->scorer, budget_floor (self), rate_floor (self));
  show_analysis (self, job);
  if (!lancer_job_get_seen (job) && get_store (self) != NULL)
    {
      lancer_job_set_seen (job, TRUE);
      lancer_store_set_job_flag_async (get_store (self), lancer_job_get_id (job), LANCER_JOB_FLAG_SEEN, TRUE,
                                       self->cancellable, flag_set_cb, NULL);
    }
  if (navigate)
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail));
}

static void
row_activated_cb (LancerJobsPage *self,
                  guint           position)
{
  show_job (self, position, TRUE);
}

static void
selection_changed_cb (LancerJobsPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  /* Wide: the detail follows the selection. Narrow: Enter opens it. */
  if (position != GTK_INVALID_LIST_POSITION && !adw_leaflet_get_folded (self->leaflet))
    show_job (self, position, FALSE);
}

/* Actions */

static void
toggle_saved_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LancerJobsPage *self = LANCER_JOBS_PAGE (widget);
  LancerJob *job = selected_job (self);
  gboolean saved;

  if (job == NULL || get_store (self) == NULL)
    return;
  saved = !lancer_job_get_saved (job);
  lancer_job_set_saved (job, saved);
  lancer_store_set_job_flag_async (get_store (self), lancer_job_get_id (job), LANCER_JOB_FLAG_SAVED, saved,
                                   self->cancellable, flag_set_cb, NULL);
  lancer_job_detail_set_job (self->detail, job, self->scorer, budget_floor (self), rate_floor (self));
}

static void
hide_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LancerJobsPage *self = LANCER_JOBS_PAGE (widget);
  LancerJob *job = selected_job (self);
  guint position;

  if (job == NULL || get_store (self) == NULL)
    return;
  lancer_store_set_job_flag_async (get_store (self), lancer_job_get_id (job), LANCER_JOB_FLAG_HIDDEN, TRUE,
                                   self->cancellable, flag_set_cb, NULL);
  position = gtk_single_selection_get_selected (self->selection);
  lancer_job_detail_set_job (self->detail, NULL, NULL, 0, 0);
  if (position != GTK_INVALID_LIST_POSITION)
    lancer_job_feed_model_remove (self->jobs, position);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
open_upwork_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LancerJobsPage *self = LANCER_JOBS_PAGE (widget);
  LancerJob *job = selected_job (self);
  g_autofree char *url = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (job == NULL)
    return;
  if (lancer_job_get_url (job) != NULL && *lancer_job_get_url (job) != '\0')
    url = g_strdup (lancer_job_get_url (job));
  else if (lancer_job_get_ciphertext (job) != NULL)
    url = g_strdup_printf ("https://www.upwork.com/jobs/%s", lancer_job_get_ciphertext (job));
  if (url != NULL)
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

static void
write_proposal_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LancerJobsPage *self = LANCER_JOBS_PAGE (widget);
  LancerJob *job = selected_job (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *window;

  if (job == NULL || self->session == NULL)
    return;
  window = lancer_proposal_sheet_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->session, job);
  gtk_window_present (window);
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
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LancerJobsPage *self = LANCER_JOBS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Saved searches sidebar */

static GtkWidget *
sidebar_row (const char *title,
             guint       n_new,
             gint64      id,
             gboolean    saved_only)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);
  g_autofree char *a11y = NULL;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  if (n_new > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", n_new);
      GtkWidget *badge = gtk_label_new (count);

      gtk_widget_add_css_class (badge, "job-new-badge");
      /* Translators: e.g. "3 new jobs" */
      gtk_widget_set_tooltip_text (badge, _("New jobs you have not opened yet"));
      gtk_box_append (GTK_BOX (box), badge);
      a11y = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u new job", "%s, %u new jobs", n_new), title, n_new);
    }
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  a11y != NULL ? a11y : title, -1);
  g_object_set_data_full (G_OBJECT (row), "search-id", g_memdup2 (&id, sizeof id), g_free);
  g_object_set_data (G_OBJECT (row), "saved-only", GINT_TO_POINTER (saved_only));
  return row;
}

static void
searches_listed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LancerJobsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) searches = lancer_saved_searches_list_finish (LANCER_STORE (source), result, &error);
  GtkWidget *child;

  if (searches == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list saved searches: %s", error->message);
      return;
    }
  if (self->sidebar_list == NULL)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list))) != NULL)
    gtk_list_box_remove (self->sidebar_list, child);
  gtk_list_box_append (self->sidebar_list, sidebar_row (_("All Jobs"), 0, 0, FALSE));
  gtk_list_box_append (self->sidebar_list, sidebar_row (_("Saved Jobs"), 0, 0, TRUE));
  for (guint i = 0; i < searches->len; i++)
    {
      LancerSavedSearch *s = g_ptr_array_index (searches, i);
      GtkWidget *row = sidebar_row (s->name, s->n_new, s->id, FALSE);

      g_object_set_data_full (G_OBJECT (row), "query", g_strdup (s->query), g_free);
      g_object_set_data_full (G_OBJECT (row), "filters", g_strdup (s->filters), g_free);
      gtk_list_box_append (self->sidebar_list, row);
    }
}

static void
reload_searches (LancerJobsPage *self)
{
  if (get_store (self) == NULL)
    return;
  lancer_saved_searches_list_async (get_store (self), self->cancellable, searches_listed_cb, g_object_ref (self));
}

static void sync_filter_panel (LancerJobsPage *self);

static void
sidebar_row_activated_cb (LancerJobsPage *self,
                          GtkListBoxRow  *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "search-id");
  const char *filters = g_object_get_data (G_OBJECT (row), "filters");

  self->search_id = id != NULL ? *id : 0;
  self->saved_only = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "saved-only"));
  g_free (self->search_query);
  self->search_query = g_strdup (g_object_get_data (G_OBJECT (row), "query"));
  if (self->search_id > 0)
    {
      lancer_job_filter_free (self->filter);
      self->filter = lancer_job_filter_new_from_json (filters);
      sync_filter_panel (self);
    }
  apply_view (self);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

/* Filter panel */

static GtkSpinButton *
add_spin (GtkGrid    *grid,
          int         row,
          const char *label,
          double      max,
          double      step,
          guint       digits)
{
  GtkWidget *l = gtk_label_new (label);
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, step);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_wrap (GTK_LABEL (l), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), spin);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_grid_attach (grid, l, 0, row, 1, 1);
  gtk_grid_attach (grid, spin, 1, row, 1, 1);
  return GTK_SPIN_BUTTON (spin);
}

static GtkEntry *
add_entry (GtkGrid    *grid,
           int         row,
           const char *label,
           const char *placeholder)
{
  GtkWidget *l = gtk_label_new (label);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), entry);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_grid_attach (grid, l, 0, row, 1, 1);
  gtk_grid_attach (grid, entry, 1, row, 1, 1);
  return GTK_ENTRY (entry);
}

static char **
split_countries (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        {
          g_strv_builder_add (builder, parts[i]);
          n++;
        }
    }
  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

static void
read_filter_panel (LancerJobsPage *self)
{
  LancerJobFilter *f = lancer_job_filter_new ();
  guint n;

  f->min_client_spent = gtk_spin_button_get_value (self->f_spent);
  f->min_hire_rate = gtk_spin_button_get_value (self->f_hire) / 100.0;
  f->min_rating = gtk_spin_button_get_value (self->f_rating);
  f->verified_only = gtk_check_button_get_active (self->f_verified);
  f->countries_in = split_countries (gtk_editable_get_text (GTK_EDITABLE (self->f_in)));
  f->countries_out = split_countries (gtk_editable_get_text (GTK_EDITABLE (self->f_out)));
  f->max_proposals = gtk_spin_button_get_value_as_int (self->f_proposals) > 0
                     ? gtk_spin_button_get_value_as_int (self->f_proposals) : -1;
  f->budget_floor = gtk_spin_button_get_value (self->f_budget);
  f->rate_floor = gtk_spin_button_get_value (self->f_rate);
  f->experience = (gtk_check_button_get_active (self->f_entry) ? LANCER_EXPERIENCE_ENTRY : 0) |
                  (gtk_check_button_get_active (self->f_mid) ? LANCER_EXPERIENCE_INTERMEDIATE : 0) |
                  (gtk_check_button_get_active (self->f_expert) ? LANCER_EXPERIENCE_EXPERT : 0);
  f->posted_within_hours = (guint) gtk_spin_button_get_value_as_int (self->f_hours);
  lancer_job_filter_free (self->filter);
  self->filter = f;
  if (self->scorer != NULL)
    lancer_scorer_set_floors (self->scorer, f->budget_floor, f->rate_floor);

  n = lancer_job_filter_count_active (f);
  if (n > 0)
    {
      /* Translators: tooltip of the filter button, e.g. "Filters (3 on)" */
      g_autofree char *tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Filters (%u on)", "Filters (%u on)", n), n);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_button), tip);
      gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
    }
  else
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_button), _("Filters"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
    }
}

static void
sync_filter_panel (LancerJobsPage *self)
{
  LancerJobFilter *f = self->filter;
  g_autofree char *in = NULL, *out = NULL;

  if (f == NULL)
    return;
  gtk_spin_button_set_value (self->f_spent, f->min_client_spent);
  gtk_spin_button_set_value (self->f_hire, f->min_hire_rate * 100);
  gtk_spin_button_set_value (self->f_rating, f->min_rating);
  gtk_check_button_set_active (self->f_verified, f->verified_only);
  in = f->countries_in ? g_strjoinv (", ", f->countries_in) : g_strdup ("");
  out = f->countries_out ? g_strjoinv (", ", f->countries_out) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->f_in), in);
  gtk_editable_set_text (GTK_EDITABLE (self->f_out), out);
  gtk_spin_button_set_value (self->f_proposals, MAX (f->max_proposals, 0));
  gtk_spin_button_set_value (self->f_budget, f->budget_floor);
  gtk_spin_button_set_value (self->f_rate, f->rate_floor);
  gtk_check_button_set_active (self->f_entry, (f->experience & LANCER_EXPERIENCE_ENTRY) != 0);
  gtk_check_button_set_active (self->f_mid, (f->experience & LANCER_EXPERIENCE_INTERMEDIATE) != 0);
  gtk_check_button_set_active (self->f_expert, (f->experience & LANCER_EXPERIENCE_EXPERT) != 0);
  gtk_spin_button_set_value (self->f_hours, f->posted_within_hours);
}

static void
apply_filters_cb (LancerJobsPage *self)
{
  read_filter_panel (self);
  apply_view (self);
}

static void
clear_filters_cb (LancerJobsPage *self)
{
  lancer_job_filter_free (self->filter);
  self->filter = lancer_job_filter_new ();
  sync_filter_panel (self);
  apply_filters_cb (self);
}

static void
search_saved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LancerJobsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (lancer_saved_searches_save_finish (LANCER_STORE (source), result, &error) == 0 && error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not save the search: %s", error->message);
      return;
    }
  reload_searches (self);
}

static void
save_search_cb (LancerJobsPage *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->f_name));
  g_autofree char *filters = NULL;

  if (name == NULL || *name == '\0' || get_store (self) == NULL)
    return;
  read_filter_panel (self);
  filters = lancer_job_filter_to_json (self->filter);
  lancer_saved_searches_save_async (get_store (self), name, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                    filters, self->cancellable, search_saved_cb, g_object_ref (self));
  gtk_editable_set_text (GTK_EDITABLE (self->f_name), "");
  gtk_menu_button_popdown (self->filter_button);
}

static void
build_filter_panel (LancerJobsPage *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  GtkWidget *levels = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *save_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *apply = gtk_button_new_with_mnemonic (_("_Apply"));
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Clear"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save Search"));
  GtkWidget *title = gtk_label_new (_("Filters Upwork Lacks"));
  int row = 0;

  gtk_widget_add_css_class (title, "heading");
  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);
  self->f_spent = add_spin (grid, row++, _("Client spent at least ($)"), 10000000, 500, 0);
  self->f_hire = add_spin (grid, row++, _("Hire rate at least (%)"), 100, 5, 0);
  self->f_rating = add_spin (grid, row++, _("Rating at least (★)"), 5, 0.1, 1);
  self->f_proposals = add_spin (grid, row++, _("At most this many proposals (0: any)"), 100, 1, 0);
  self->f_budget = add_spin (grid, row++, _("Fixed budget at least ($)"), 1000000, 50, 0);
  self->f_rate = add_spin (grid, row++, _("Hourly rate at least ($)"), 1000, 5, 0);
  self->f_hours = add_spin (grid, row++, _("Posted within (hours, 0: any)"), 24 * 30, 1, 0);
  self->f_in = add_entry (grid, row++, _("Only these countries"), _("e.g. United States, Canada"));
  self->f_out = add_entry (grid, row++, _("Not these countries"), _("Comma-separated"));
  self->f_verified = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("Payment _verified only")));
  gtk_grid_attach (grid, GTK_WIDGET (self->f_verified), 0, row++, 2, 1);
  self->f_entry = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Entry")));
  self->f_mid = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Intermediate")));
  self->f_expert = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("E_xpert")));
  gtk_box_append (GTK_BOX (levels), GTK_WIDGET (self->f_entry));
  gtk_box_append (GTK_BOX (levels), GTK_WIDGET (self->f_mid));
  gtk_box_append (GTK_BOX (levels), GTK_WIDGET (self->f_expert));
  gtk_accessible_update_property (GTK_ACCESSIBLE (levels), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Experience level"), -1);
  gtk_grid_attach (grid, levels, 0, row++, 2, 1);

  gtk_widget_add_css_class (apply, "suggested-action");
  gtk_widget_set_hexpand (apply, TRUE);
  g_signal_connect_object (apply, "clicked", G_CALLBACK (apply_filters_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (clear, "clicked", G_CALLBACK (clear_filters_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), clear);
  gtk_box_append (GTK_BOX (buttons), apply);

  self->f_name = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->f_name, _("Name for this search"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->f_name), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name for this search"), -1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->f_name), TRUE);
  gtk_widget_set_tooltip_text (save, _("Save the search words and these filters as a saved search"));
  g_signal_connect_object (save, "clicked", G_CALLBACK (save_search_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (save_box), GTK_WIDGET (self->f_name));
  gtk_box_append (GTK_BOX (save_box), save);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (grid));
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_box_append (GTK_BOX (box), save_box);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 520);
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);
  gtk_menu_button_set_popover (self->filter_button, popover);
}

/* Scoring */

static void scores_updated_cb (GObject *source, GAsyncResult *result, gpointer user_data);

static void
update_scores (LancerJobsPage *self)
{
  if (get_store (self) == NULL || self->scorer == NULL || lancer_store_get_read_only (get_store (self)))
    return;
  lancer_scorer_update_store_async (self->scorer, get_store (self), 5000, self->cancellable,
                                    scores_updated_cb, g_object_ref (self));
}

static void
scores_updated_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LancerJobsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gssize n;

  if (self->scorer == NULL)
    return;
  n = lancer_scorer_update_store_finish (self->scorer, result, &error);

  if (n < 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Scores not stored: %s", error->message);
      return;
    }
  if (n > 0)
    update_scores (self);   /* the next chunk, until every job has one */
}

static void
trained_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LancerJobsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lancer_scorer_train_finish (LANCER_SCORER (source), result, &error) || self->scorer == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Score model not trained: %s", error->message);
      return;
    }
  update_scores (self);
}

static void
outcomes_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LancerJobsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outcomes = lancer_scorer_load_outcomes_finish (LANCER_STORE (source), result, &error);

  if (self->scorer == NULL)
    return;
  if (outcomes == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Outcomes not loaded: %s", error->message);
      return;
    }
  /* Training runs in a thread; the model swaps in when done. */
  lancer_scorer_train_async (self->scorer, outcomes, self->cancellable, trained_cb, g_object_ref (self));
}

static void
retrain (LancerJobsPage *self)
{
  if (get_store (self) != NULL)
    lancer_scorer_load_outcomes_async (get_store (self), self->cancellable, outcomes_loaded_cb, g_object_ref (self));
}

static void
store_changed_cb (LancerJobsPage *self,
                  const char     *table)
{
  if (g_strcmp0 (table, "proposals") == 0 || g_strcmp0 (table, "proposal_events") == 0)
    retrain (self);
  else if (g_strcmp0 (table, "jobs") == 0 || g_strcmp0 (table, "saved_searches") == 0 ||
           g_strcmp0 (table, "job_matches") == 0)
    reload_searches (self);
  if (g_strcmp0 (table, "jobs") == 0)
    update_scores (self);
}

static void
store_ready (LancerJobsPage *self)
{
  LancerStore *store = get_store (self);
  GSettings *settings = lancer_session_get_settings (self->session);

  if (store == NULL || self->jobs != NULL)
    return;

  self->jobs = lancer_job_feed_model_new (store);
  g_signal_connect_object (self->jobs, "items-changed", G_CALLBACK (update_mode), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->jobs, "notify::loading", G_CALLBACK (update_mode), self, G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->jobs)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  apply_view (self);

  self->scorer = lancer_scorer_new ();
  if (settings != NULL)
    {
      g_autofree char *skills = g_settings_get_string (settings, "ai-writer-skills");
      g_auto(GStrv) list = g_strsplit (skills, ",", -1);

      lancer_scorer_set_user_skills (self->scorer, (const char * const *) list);
    }
  g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);
  reload_searches (self);
  retrain (self);
}

static void
follow_sync (LancerJobsPage *self)
{
  LancerSync *sync = self->session != NULL ? lancer_session_get_sync (self->session) : NULL;

  if (self->sync == sync)
    return;
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_func (self->sync, update_mode, self);
  g_set_object (&self->sync, sync);
  if (sync != NULL)
    {
      g_signal_connect_object (sync, "notify::state", G_CALLBACK (update_mode), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sync, "notify::paused", G_CALLBACK (update_mode), self, G_CONNECT_SWAPPED);
    }
  update_mode (self);
}

static void
session_state_cb (LancerJobsPage *self)
{
  if (lancer_session_get_state (self->session) == LANCER_SESSION_READY)
    store_ready (self);
  update_mode (self);
}

static void
drop_store (LancerJobsPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->jobs);
  g_clear_object (&self->scorer);
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
    {
      LancerStore *store = get_store (self);

      g_signal_handlers_disconnect_by_data (self->session, self);
      if (store != NULL)
        g_signal_handlers_disconnect_by_data (store, self);
    }
  drop_store (self);
  g_clear_object (&self->ai_service);
  g_set_object (&self->session, session);
  follow_sync (self);
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::state", G_CALLBACK (session_state_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::sync", G_CALLBACK (follow_sync), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::signed-in", G_CALLBACK (update_mode), self, G_CONNECT_SWAPPED);
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

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->results_stack), "fetching") == 0)
    return "fetching";
  return gtk_stack_get_visible_child_name (self->stack);
}

GListModel *
lancer_jobs_page_get_model (LancerJobsPage *self)
{
  g_return_val_if_fail (LANCER_IS_JOBS_PAGE (self), NULL);

  return self->jobs != NULL ? G_LIST_MODEL (self->jobs) : NULL;
}

void
lancer_jobs_page_select (LancerJobsPage *self,
                         guint           position)
{
  g_return_if_fail (LANCER_IS_JOBS_PAGE (self));

  if (self->selection == NULL)
    return;
  gtk_single_selection_set_selected (self->selection, position);
  show_job (self, position, TRUE);
}

const char *
lancer_jobs_page_get_visible_pane (LancerJobsPage *self)
{
  GtkWidget *child;

  g_return_val_if_fail (LANCER_IS_JOBS_PAGE (self), NULL);

  child = adw_leaflet_get_visible_child (self->leaflet);
  return child == GTK_WIDGET (self->detail) ? "detail" : child == self->sidebar ? "sidebar" : "list";
}

void
lancer_jobs_page_set_filter (LancerJobsPage        *self,
                             const LancerJobFilter *filter)
{
  g_return_if_fail (LANCER_IS_JOBS_PAGE (self));

  lancer_job_filter_free (self->filter);
  self->filter = lancer_job_filter_copy (filter);
  sync_filter_panel (self);
  read_filter_panel (self);
  apply_view (self);
}

static void
lancer_jobs_page_dispose (GObject *object)
{
  LancerJobsPage *self = LANCER_JOBS_PAGE (object);
  GtkWidget *child;

  if (self->session != NULL && get_store (self) != NULL)
    g_signal_handlers_disconnect_by_data (get_store (self), self);
  drop_store (self);
  g_clear_object (&self->cancellable);
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_func (self->sync, update_mode, self);
  g_clear_object (&self->sync);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_JOBS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->ai_service);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lancer_jobs_page_parent_class)->dispose (object);
}

static void
lancer_jobs_page_finalize (GObject *object)
{
  LancerJobsPage *self = LANCER_JOBS_PAGE (object);

  lancer_job_filter_free (self->filter);
  g_free (self->search_query);

  G_OBJECT_CLASS (lancer_jobs_page_parent_class)->finalize (object);
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
  object_class->finalize = lancer_jobs_page_finalize;
  object_class->get_property = lancer_jobs_page_get_property;
  object_class->set_property = lancer_jobs_page_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LANCER_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LANCER_TYPE_JOB_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-jobs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, empty_actions);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, searches_button);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_sidebar_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "jobs.toggle-saved", NULL, toggle_saved_action);
  gtk_widget_class_install_action (widget_class, "jobs.hide", NULL, hide_action);
  gtk_widget_class_install_action (widget_class, "jobs.open-upwork", NULL, open_upwork_action);
  gtk_widget_class_install_action (widget_class, "jobs.write-proposal", NULL, write_proposal_action);
  gtk_widget_class_install_action (widget_class, "jobs.back", NULL, back_action);
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
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->cancellable = g_cancellable_new ();
  self->filter = lancer_job_filter_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Lets UI tests type into the search like a user does. */
  g_object_set_data (G_OBJECT (self), "search-entry", self->search_entry);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
  build_filter_panel (self);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  folded_cb (self);
  update_mode (self);
}
