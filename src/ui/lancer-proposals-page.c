/* lancer-proposals-page.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-proposals-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "lancer-proposal-detail-view.h"
#include "lancer-proposal-row.h"
#include "lancer-proposals-page-private.h"
#include "lancer-store-pipeline.h"
#include "lancer-sync-status-bar.h"
#include "lancer-window.h"

struct _LancerProposalsPage
{
  LancerPage                parent_instance;

  GCancellable             *detail_cancellable;
  guint                     counts[LANCER_PROPOSAL_N_STAGES];
  gint64                    selected_id;
  gboolean                  selecting;       /* the page moves the selection itself */
  /* The last archived proposal and the status Undo gives back. */
  gint64                    archived_id;
  char                     *archived_status;
  AdwToast                 *last_toast;

  GtkWidget                *status_bar;
  AdwToastOverlay          *toast_overlay;
  AdwLeaflet               *leaflet;
  GtkEditable              *search_entry;
  GtkDropDown              *stage_dropdown;
  GtkStack                 *list_stack;
  GtkListView              *list_view;
  GtkSingleSelection       *selection;
  GListStore               *proposals;
  LancerProposalDetailView *detail_view;
};

G_DEFINE_FINAL_TYPE (LancerProposalsPage, lancer_proposals_page, LANCER_TYPE_PAGE)

static const char * const watched_tables[] = { "proposals", "proposal_events", "jobs", "rooms", NULL };
static const char * const status_resources[] = { "proposals", NULL };

static void load_detail (LancerProposalsPage *self);

/* A load's callbacks check its own cancellable: the store finishes work that
 * already ran even when the page has moved on to another profile since. */
typedef struct
{
  LancerProposalsPage *self;
  GCancellable        *cancellable;
  int                  stage;
} Load;

static Load *
load_new (LancerProposalsPage *self,
          GCancellable        *cancellable,
          int                  stage)
{
  Load *load = g_new0 (Load, 1);

  load->self = g_object_ref (self);
  load->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  load->stage = stage;
  return load;
}

static void
load_free (Load *load)
{
  g_object_unref (load->self);
  g_clear_object (&load->cancellable);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_free)

/* Takes @toast, as adw_toast_overlay_add_toast() does. */
static void
show_toast (LancerProposalsPage *self,
            AdwToast            *toast)
{
  g_set_object (&self->last_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- loading ---- */

static void
counts_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree guint *counts = lancer_store_count_proposal_stages_finish (LANCER_STORE (object), result, &error);

  if (g_cancellable_is_cancelled (load->cancellable))
    return;
  /* Without counts the list still shows; the empty state then follows it. */
  if (counts == NULL)
    memset (load->self->counts, 0, sizeof load->self->counts);
  else
    memcpy (load->self->counts, counts, sizeof load->self->counts);
}

static guint
position_of (LancerProposalsPage *self,
             gint64               id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->proposals));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LancerProposal) p = g_list_model_get_item (G_LIST_MODEL (self->proposals), i);

      if (lancer_proposal_get_id (p) == id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Marks @id in the list without opening it again. */
static void
select_quietly (LancerProposalsPage *self,
                gint64               id)
{
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, id != 0 ? position_of (self, id) : GTK_INVALID_LIST_POSITION);
  self->selecting = FALSE;
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  LancerProposalsPage *self = load->self;
  LancerPage *page = LANCER_PAGE (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) proposals = lancer_store_list_proposals_finish (LANCER_STORE (object), result, &error);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  guint total = 0;

  if (g_cancellable_is_cancelled (load->cancellable))
    return;
  if (proposals == NULL)
    {
      lancer_page_show_error (page, error);
      return;
    }
  /* Archived proposals only show when asked for by their status. */
  for (guint i = 0; i < proposals->len; i++)
    if (load->stage >= 0 || lancer_proposal_get_stage (proposals->pdata[i]) != LANCER_PROPOSAL_STAGE_ARCHIVED)
      g_ptr_array_add (shown, proposals->pdata[i]);
  self->selecting = TRUE;
  g_list_store_splice (self->proposals, 0, g_list_model_get_n_items (G_LIST_MODEL (self->proposals)),
                       shown->pdata, shown->len);
  self->selecting = FALSE;

  for (guint i = 0; i < LANCER_PROPOSAL_N_STAGES; i++)
    total += self->counts[i];
  if (total == 0 && proposals->len == 0)
    {
      lancer_page_show_empty (page, "document-send-symbolic", _("No Proposals Yet"),
                              _("Proposals you write in Lancer or send on Upwork appear here, "
                                "with every view, reply, interview and offer."));
      return;
    }
  gtk_stack_set_visible_child_name (self->list_stack, shown->len > 0 ? "list" : "no-results");
  lancer_page_show_content (page);

  /* Side by side, the detail pane is never left empty. */
  if (self->selected_id == 0 && shown->len > 0 && !adw_leaflet_get_folded (self->leaflet))
    self->selected_id = lancer_proposal_get_id (shown->pdata[0]);
  select_quietly (self, self->selected_id);
  if (self->selected_id != 0 && !lancer_proposal_detail_view_get_editing (self->detail_view))
    load_detail (self);
}

static int
stage_filter (LancerProposalsPage *self)
{
  return (int) gtk_drop_down_get_selected (self->stage_dropdown) - 1;
}

static void
lancer_proposals_page_reload (LancerPage   *page,
                              LancerStore  *store,
                              GCancellable *cancellable)
{
  LancerProposalsPage *self = LANCER_PROPOSALS_PAGE (page);
  LancerProposalFilter filter;

  lancer_sync_status_bar_set_store (LANCER_SYNC_STATUS_BAR (self->status_bar), store);
  lancer_proposal_filter_init (&filter);
  filter.stage = stage_filter (self);
  filter.text = gtk_editable_get_text (self->search_entry);
  /* Both queries run on the one worker in order: counts land first. */
  lancer_store_count_proposal_stages_async (store, cancellable, counts_cb, load_new (self, cancellable, filter.stage));
  lancer_store_list_proposals_async (store, &filter, cancellable, list_cb, load_new (self, cancellable, filter.stage));
}

static void
lancer_proposals_page_reset (LancerPage *page)
{
  LancerProposalsPage *self = LANCER_PROPOSALS_PAGE (page);

  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);
  lancer_proposal_detail_view_clear (self->detail_view);
  g_list_store_remove_all (self->proposals);
  memset (self->counts, 0, sizeof self->counts);
  self->selected_id = 0;
  self->archived_id = 0;
  g_clear_pointer (&self->archived_status, g_free);
  g_clear_object (&self->last_toast);
  /* Another profile starts with no filters of this one. */
  gtk_editable_set_text (self->search_entry, "");
  gtk_drop_down_set_selected (self->stage_dropdown, 0);
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  lancer_sync_status_bar_set_store (LANCER_SYNC_STATUS_BAR (self->status_bar), NULL);
}

static void
filters_changed_cb (LancerProposalsPage *self)
{
  lancer_page_queue_reload (LANCER_PAGE (self));
}

/* ---- detail ---- */

static void
detail_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  g_autoptr(GError) error = NULL;
  LancerProposalDetail *detail;

  detail = lancer_store_get_proposal_detail_finish (LANCER_STORE (object), result, &error);
  if (g_cancellable_is_cancelled (load->cancellable))
    {
      g_clear_pointer (&detail, lancer_proposal_detail_free);
      return;
    }
  if (detail == NULL)
    lancer_proposal_detail_view_show_error (load->self->detail_view, error->message);
  else
    lancer_proposal_detail_view_set_detail (load->self->detail_view, LANCER_STORE (object), detail);
}

static void
load_detail (LancerProposalsPage *self)
{
  LancerStore *store = lancer_page_get_store (LANCER_PAGE (self));

  if (store == NULL || self->selected_id == 0)
    return;
  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);
  self->detail_cancellable = g_cancellable_new ();
  lancer_store_get_proposal_detail_async (store, self->selected_id, self->detail_cancellable,
                                          detail_cb, load_new (self, self->detail_cancellable, -1));
}

void
lancer_proposals_page_show_proposal (LancerProposalsPage *self,
                                     gint64               proposal_id)
{
  g_return_if_fail (LANCER_IS_PROPOSALS_PAGE (self));

  if (proposal_id != self->selected_id)
    lancer_proposal_detail_view_save_now (self->detail_view);
  self->selected_id = proposal_id;
  select_quietly (self, proposal_id);
  load_detail (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
row_activated_cb (LancerProposalsPage *self,
                  guint                position)
{
  g_autoptr(LancerProposal) proposal = g_list_model_get_item (G_LIST_MODEL (self->proposals), position);

  if (proposal != NULL)
    lancer_proposals_page_show_proposal (self, lancer_proposal_get_id (proposal));
}

/* A click (or arrow key) on a row opens it. */
static void
selection_changed_cb (LancerProposalsPage *self)
{
  LancerProposal *proposal = gtk_single_selection_get_selected_item (self->selection);

  if (!self->selecting && proposal != NULL)
    lancer_proposals_page_show_proposal (self, lancer_proposal_get_id (proposal));
}

static void
back_clicked_cb (LancerProposalsPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Back on the folded list nothing is marked, so the same row opens again. */
static void
leaflet_child_cb (LancerProposalsPage *self)
{

  if (adw_leaflet_get_folded (self->leaflet) &&
      g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "list") == 0)
    {
      self->selected_id = 0;
      select_quietly (self, 0);
    }
}

/* Unfolded, the detail pane is never left empty: the first one opens. */
static void
folded_cb (LancerProposalsPage *self)
{
  g_autoptr(LancerProposal) first = NULL;

  if (adw_leaflet_get_folded (self->leaflet))
    {
      leaflet_child_cb (self);
      return;
    }
  if (self->selected_id != 0)
    {
      select_quietly (self, self->selected_id);
      return;
    }
  first = g_list_model_get_item (G_LIST_MODEL (self->proposals), 0);
  if (first == NULL)
    return;
  self->selected_id = lancer_proposal_get_id (first);
  select_quietly (self, self->selected_id);
  load_detail (self);
}

/* ---- actions ---- */

static void
open_conversation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  LancerProposalsPage *self = LANCER_PROPOSALS_PAGE (widget);
  LancerProposal *proposal = lancer_proposal_detail_view_get_proposal (self->detail_view);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (proposal != NULL && lancer_proposal_get_room_id (proposal) != NULL && LANCER_IS_WINDOW (root))
    lancer_window_open_room (LANCER_WINDOW (root), lancer_proposal_get_room_id (proposal));
}

typedef struct
{
  LancerProposalsPage *self;
  gint64               id;
  char                *status;     /* what it was set to */
  char                *previous;   /* what Undo gives back */
} Archive;

static void
archive_free (Archive *archive)
{
  g_object_unref (archive->self);
  g_free (archive->status);
  g_free (archive->previous);
  g_free (archive);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Archive, archive_free)

static void
status_set_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Archive) archive = user_data;
  LancerProposalsPage *self = archive->self;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!lancer_store_add_proposal_event_finish (LANCER_STORE (object), result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Not changed: %s"), error->message);

      toast = adw_toast_new (text);
      show_toast (self, toast);
      return;
    }
  if (archive->previous == NULL)
    {
      /* Undone: the proposal is back where it was, and open again. */
      toast = adw_toast_new (_("Proposal restored"));
      show_toast (self, toast);
      lancer_proposals_page_show_proposal (self, archive->id);
      return;
    }
  self->archived_id = archive->id;
  g_free (self->archived_status);
  self->archived_status = g_steal_pointer (&archive->previous);
  toast = adw_toast_new (_("Proposal archived"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "proposals.undo-archive");
  show_toast (self, toast);
}

static void
set_status (LancerProposalsPage *self,
            gint64               id,
            const char          *status,
            const char          *previous)
{
  LancerStore *store = lancer_page_get_store (LANCER_PAGE (self));
  Archive *archive;

  if (store == NULL)
    return;
  archive = g_new0 (Archive, 1);
  archive->self = g_object_ref (self);
  archive->id = id;
  archive->status = g_strdup (status);
  archive->previous = g_strdup (previous);
  lancer_store_add_proposal_event_async (store, id, status, 0, NULL, status_set_cb, archive);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LancerProposalsPage *self = LANCER_PROPOSALS_PAGE (widget);
  LancerProposal *proposal = lancer_proposal_detail_view_get_proposal (self->detail_view);
  const char *status;

  if (proposal == NULL || lancer_proposal_get_stage (proposal) == LANCER_PROPOSAL_STAGE_ARCHIVED)
    return;
  status = lancer_proposal_get_status (proposal);
  set_status (self, lancer_proposal_get_id (proposal), "archived", status != NULL && *status ? status : "draft");
  /* The archived proposal leaves the list; the next one takes its place. */
  lancer_proposal_detail_view_clear (self->detail_view);
  self->selected_id = 0;
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
undo_archive_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LancerProposalsPage *self = LANCER_PROPOSALS_PAGE (widget);
  g_autofree char *status = g_steal_pointer (&self->archived_status);
  gint64 id = self->archived_id;

  if (id == 0 || status == NULL)
    return;
  self->archived_id = 0;
  if (self->last_toast != NULL)
    adw_toast_dismiss (self->last_toast);
  set_status (self, id, status, NULL);
}

/* The small title repeats the big one: shown only when folded, but always
 * laid out so the bar never changes height. */
static double
title_opacity (gpointer unused,
               gboolean folded)
{
  return folded ? 1.0 : 0.0;
}

static gboolean
can_archive (gpointer        unused,
             LancerProposal *proposal)
{
  return proposal != NULL && lancer_proposal_get_stage (proposal) != LANCER_PROPOSAL_STAGE_ARCHIVED;
}

/* ---- test hooks ---- */

GListModel *
_lancer_proposals_page_get_shown (LancerProposalsPage *self)
{
  return G_LIST_MODEL (self->proposals);
}

guint
_lancer_proposals_page_get_stage_count (LancerProposalsPage *self,
                                        LancerProposalStage  stage)
{
  g_return_val_if_fail (stage < LANCER_PROPOSAL_N_STAGES, 0);
  return self->counts[stage];
}

GtkEditable *
_lancer_proposals_page_get_search_entry (LancerProposalsPage *self)
{
  return self->search_entry;
}

GtkDropDown *
_lancer_proposals_page_get_stage_filter (LancerProposalsPage *self)
{
  return self->stage_dropdown;
}

LancerProposalDetailView *
_lancer_proposals_page_get_detail_view (LancerProposalsPage *self)
{
  return self->detail_view;
}

AdwToast *
_lancer_proposals_page_get_last_toast (LancerProposalsPage *self)
{
  return self->last_toast;
}

gboolean
_lancer_proposals_page_get_detail_loaded (LancerProposalsPage *self)
{
  LancerProposal *shown = lancer_proposal_detail_view_get_proposal (self->detail_view);

  return self->selected_id != 0 && shown != NULL && lancer_proposal_get_id (shown) == self->selected_id &&
         (self->detail_cancellable == NULL || !g_cancellable_is_cancelled (self->detail_cancellable));
}

gboolean
_lancer_proposals_page_get_detail_shown (LancerProposalsPage *self)
{
  return g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "detail") == 0;
}

/* ---- GObject ---- */

static void
lancer_proposals_page_dispose (GObject *object)
{
  LancerProposalsPage *self = LANCER_PROPOSALS_PAGE (object);

  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);
  g_clear_object (&self->last_toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_PROPOSALS_PAGE);

  G_OBJECT_CLASS (lancer_proposals_page_parent_class)->dispose (object);
}

static void
lancer_proposals_page_finalize (GObject *object)
{
  g_free (LANCER_PROPOSALS_PAGE (object)->archived_status);

  G_OBJECT_CLASS (lancer_proposals_page_parent_class)->finalize (object);
}

static void
lancer_proposals_page_class_init (LancerProposalsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LancerPageClass *page_class = LANCER_PAGE_CLASS (klass);

  object_class->dispose = lancer_proposals_page_dispose;
  object_class->finalize = lancer_proposals_page_finalize;
  page_class->reload = lancer_proposals_page_reload;
  page_class->reset = lancer_proposals_page_reset;
  lancer_page_class_set_watched_tables (page_class, watched_tables);

  g_type_ensure (LANCER_TYPE_PROPOSAL);
  g_type_ensure (LANCER_TYPE_PROPOSAL_ROW);
  g_type_ensure (LANCER_TYPE_PROPOSAL_DETAIL_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-proposals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerProposalsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalsPage, stage_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalsPage, proposals);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalsPage, detail_view);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, can_archive);
  gtk_widget_class_bind_template_callback (widget_class, title_opacity);

  gtk_widget_class_install_action (widget_class, "proposals.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "proposals.undo-archive", NULL, undo_archive_action);
  gtk_widget_class_install_action (widget_class, "proposals.open-conversation", NULL, open_conversation_action);
}

static void
lancer_proposals_page_init (LancerProposalsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The status bar takes its tables at construction: no template property. */
  self->status_bar = lancer_sync_status_bar_new (status_resources);
  lancer_page_set_top_bar (LANCER_PAGE (self), self->status_bar);
}
