/* lancer-proposals-page.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-proposals-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lancer-format.h"
#include "lancer-load-when-shown.h"
#include "lancer-messages-page.h"
#include "lancer-proposals-page.h"
#include "lancer-store-pipeline.h"
#include "lancer-sync-status-bar.h"

#define AUTOSAVE_MS 800

struct _LancerProposalsPage
{
  GtkWidget             parent_instance;

  LancerSession        *session;
  gboolean              disposed;
  LancerStore          *store;
  GCancellable         *cancellable;
  GCancellable         *detail_cancellable;
  GPtrArray            *proposals;        /* LancerProposal, filtered */
  guint                 counts[LANCER_PROPOSAL_N_STAGES];
  gboolean              loaded;
  gboolean              reloading;
  gboolean              reload_again;
  GHashTable           *variants;         /* id → name, as seen */

  gint64                selected_id;
  gboolean              detail_loaded;
  LancerProposal       *detail_proposal;
  GtkTextBuffer        *draft_buffer;
  guint                 autosave_id;
  gboolean              editing_draft;

  GtkStack             *stack;
  AdwStatusPage        *error_page;
  GtkBox               *status_box;
  GtkBox               *empty_status_box;
  AdwLeaflet           *leaflet;
  GtkFlowBox           *filter_box;
  GtkStack             *view_stack;
  GtkBox               *board_box;
  GtkListBox           *list_box;
  GtkLabel             *detail_title;
  GtkBox               *detail_box;
  GtkWidget            *back_button;

  GtkWidget            *status_bar;
  GtkWidget            *empty_status_bar;
  GtkWidget            *board_toggle;
  GtkWidget            *list_toggle;
  GtkWidget            *search_entry;
  GtkDropDown          *stage_dropdown;
  GtkDropDown          *variant_dropdown;
  GtkDropDown          *date_dropdown;
  GtkStringList        *variant_names;
  GArray               *variant_ids;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerProposalsPage, lancer_proposals_page, GTK_TYPE_WIDGET)

static const char * const status_resources[] = { "proposals", NULL };
static const int date_days[] = { 0, 7, 30, 90, 365 };

static void reload (LancerProposalsPage *self);
static void load_detail (LancerProposalsPage *self);

/* ---- helpers ---- */

static void
remove_all_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_LIST_BOX (widget))
        gtk_list_box_remove (GTK_LIST_BOX (widget), child);
      else if (GTK_IS_BOX (widget))
        gtk_box_remove (GTK_BOX (widget), child);
      else
        gtk_widget_unparent (child);
    }
}

static GtkWidget *
make_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static char *
format_terms (LancerProposal *p)
{
  g_autofree char *money = NULL;

  if (isnan (p->bid_amount))
    return g_strdup (_("Terms not known"));
  money = lancer_format_money (p->bid_amount, "USD");
  if (p->bid_type == 1)
    /* Translators: an hourly rate, e.g. "$45.00 an hour". */
    return g_strdup_printf (_("%s an hour"), money);
  if (p->bid_type == 0)
    /* Translators: a fixed price, e.g. "$900.00 fixed price". */
    return g_strdup_printf (_("%s fixed price"), money);
  return g_steal_pointer (&money);
}

static const char *
proposal_title (LancerProposal *p)
{
  return p->job_title != NULL && *p->job_title != '\0' ? p->job_title : _("Job no longer stored");
}

static GtkWidget *
make_stage_pill (LancerProposalStage stage)
{
  GtkWidget *pill = gtk_label_new (lancer_proposal_stage_get_label (stage));
  g_autofree char *css = g_strdup_printf ("stage-%s", lancer_proposal_stage_to_string (stage));

  gtk_widget_add_css_class (pill, "stage-pill");
  gtk_widget_add_css_class (pill, css);
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  return pill;
}

/* ---- mode ---- */

static void
update_mode (LancerProposalsPage *self)
{
  gboolean any = FALSE;

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
      adw_status_page_set_description (self->error_page, lancer_session_get_error_message (self->session));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    case LANCER_SESSION_READY:
    default:
      break;
    }
  if (!self->loaded)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }
  for (guint i = 0; i < LANCER_PROPOSAL_N_STAGES; i++)
    any |= self->counts[i] > 0;
  if (!any)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "main");

  if (self->proposals->len == 0)
    gtk_stack_set_visible_child_name (self->view_stack, "no-results");
  else if (adw_leaflet_get_folded (self->leaflet) ||
           !gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->board_toggle)))
    gtk_stack_set_visible_child_name (self->view_stack, "list");
  else
    gtk_stack_set_visible_child_name (self->view_stack, "board");
}

/* ---- board and list ---- */

static void
open_proposal (LancerProposalsPage *self,
               gint64               id)
{
  self->selected_id = id;
  load_detail (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
card_clicked_cb (GtkButton           *button,
                 LancerProposalsPage *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "proposal-id");

  open_proposal (self, *id);
}

static GtkWidget *
make_proposal_button (LancerProposalsPage *self,
                      LancerProposal      *p,
                      gboolean             with_stage)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = make_label (proposal_title (p), "proposal-title");
  g_autofree char *terms = format_terms (p);
  g_autofree char *when = lancer_format_relative_time (p->updated_at, g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *meta = NULL;
  g_autofree char *a11y = NULL;
  GtkWidget *meta_label;

  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (top), title);
  if (with_stage)
    gtk_box_append (GTK_BOX (top), make_stage_pill (p->stage));
  gtk_box_append (GTK_BOX (box), top);

  if (p->variant_name != NULL)
    /* Translators: terms · relative time · A/B variant name. */
    meta = g_strdup_printf (_("%s · %s · variant %s"), terms, when, p->variant_name);
  else
    meta = g_strdup_printf ("%s · %s", terms, when);
  meta_label = make_label (meta, "dim-label");
  gtk_widget_add_css_class (meta_label, "caption");
  gtk_box_append (GTK_BOX (box), meta_label);

  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "proposal-card");
  gtk_widget_add_css_class (button, "flat");
  /* Translators: accessible name of a proposal: job title, stage, terms. */
  a11y = g_strdup_printf (_("%s, %s, %s"), proposal_title (p), lancer_proposal_stage_get_label (p->stage), terms);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_object_set_data_full (G_OBJECT (button), "proposal-id", g_memdup2 (&p->id, sizeof p->id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (card_clicked_cb), self);
  return button;
}

static void
rebuild_views (LancerProposalsPage *self)
{
  GtkWidget *columns[LANCER_PROPOSAL_N_STAGES];
  int stage_filter = (int) gtk_drop_down_get_selected (self->stage_dropdown) - 1;

  remove_all_children (GTK_WIDGET (self->board_box));
  remove_all_children (GTK_WIDGET (self->list_box));

  for (guint i = 0; i < LANCER_PROPOSAL_N_STAGES; i++)
    {
      GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *name = gtk_label_new (lancer_proposal_stage_get_label (i));
      g_autofree char *count_text = g_strdup_printf ("%u", self->counts[i]);
      GtkWidget *count = gtk_label_new (count_text);
      GtkWidget *scroller = gtk_scrolled_window_new ();
      GtkWidget *cards = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      g_autofree char *css = g_strdup_printf ("stage-%s", lancer_proposal_stage_to_string (i));
      g_autofree char *a11y = NULL;

      if (stage_filter >= 0 && (int) i != stage_filter)
        {
          columns[i] = NULL;
          continue;
        }
      gtk_widget_add_css_class (column, "pipeline-column");
      gtk_widget_add_css_class (column, css);
      gtk_widget_set_size_request (column, 220, -1);
      gtk_widget_add_css_class (name, "heading");
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_widget_add_css_class (count, "pipeline-count");
      gtk_box_append (GTK_BOX (header), name);
      gtk_box_append (GTK_BOX (header), count);
      gtk_box_append (GTK_BOX (column), header);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_widget_set_vexpand (scroller, TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), cards);
      gtk_box_append (GTK_BOX (column), scroller);
      /* Translators: accessible name of a pipeline column, e.g. "Sent, 12 proposals". */
      a11y = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u proposal", "%s, %u proposals", self->counts[i]),
                              lancer_proposal_stage_get_label (i), self->counts[i]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (column), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      gtk_box_append (self->board_box, column);
      columns[i] = cards;
    }

  for (guint i = 0; i < self->proposals->len; i++)
    {
      LancerProposal *p = g_ptr_array_index (self->proposals, i);

      if (columns[p->stage] != NULL)
        gtk_box_append (GTK_BOX (columns[p->stage]), make_proposal_button (self, p, FALSE));
      gtk_list_box_append (self->list_box, make_proposal_button (self, p, TRUE));
    }
  for (guint i = 0; i < LANCER_PROPOSAL_N_STAGES; i++)
    if (columns[i] != NULL && gtk_widget_get_first_child (columns[i]) == NULL)
      {
        GtkWidget *none = make_label (_("None"), "dim-label");

        gtk_widget_set_halign (none, GTK_ALIGN_CENTER);
        gtk_box_append (GTK_BOX (columns[i]), none);
      }
}

static void
update_variant_choices (LancerProposalsPage *self,
                        GPtrArray           *proposals)
{
  gboolean changed = FALSE;

  for (guint i = 0; i < proposals->len; i++)
    {
      LancerProposal *p = g_ptr_array_index (proposals, i);

      if (p->variant_id != 0 && !g_hash_table_contains (self->variants, &p->variant_id))
        {
          g_hash_table_insert (self->variants, g_memdup2 (&p->variant_id, sizeof p->variant_id),
                               g_strdup (p->variant_name != NULL ? p->variant_name : "?"));
          g_array_append_val (self->variant_ids, p->variant_id);
          gtk_string_list_append (self->variant_names, p->variant_name != NULL ? p->variant_name : "?");
          changed = TRUE;
        }
    }
  if (changed || self->variant_ids->len > 0)
    gtk_widget_set_visible (GTK_WIDGET (self->variant_dropdown), self->variant_ids->len > 0);
}

/* ---- loading ---- */

static void
counts_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LancerProposalsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree guint *counts = lancer_store_count_proposal_stages_finish (LANCER_STORE (object), result, &error);

  if (self->disposed)
    return;
  if (counts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Could not count proposals: %s", error->message);
      return;
    }
  memcpy (self->counts, counts, sizeof self->counts);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LancerProposalsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *proposals = lancer_store_list_proposals_finish (LANCER_STORE (object), result, &error);

  /* The store completes work that already ran even when it was cancelled
   * since: a disposed page has no widgets left to fill. */
  if (self->disposed)
    {
      g_clear_pointer (&proposals, g_ptr_array_unref);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->reloading = FALSE;
  if (proposals == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  g_clear_pointer (&self->proposals, g_ptr_array_unref);
  self->proposals = proposals;
  self->loaded = TRUE;
  update_variant_choices (self, proposals);
  rebuild_views (self);
  update_mode (self);
  if (self->selected_id != 0 && !self->editing_draft)
    load_detail (self);
  if (self->reload_again)
    reload (self);
}

static void
reload (LancerProposalsPage *self)
{
  LancerProposalFilter filter;
  guint variant_pos, date_pos;

  if (self->store == NULL)
    return;
  if (self->reloading)
    {
      self->reload_again = TRUE;
      return;
    }
  self->reload_again = FALSE;
  self->reloading = TRUE;

  lancer_proposal_filter_init (&filter);
  filter.stage = (int) gtk_drop_down_get_selected (self->stage_dropdown) - 1;
  variant_pos = gtk_drop_down_get_selected (self->variant_dropdown);
  if (variant_pos > 0 && variant_pos - 1 < self->variant_ids->len)
    filter.variant_id = g_array_index (self->variant_ids, gint64, variant_pos - 1);
  date_pos = gtk_drop_down_get_selected (self->date_dropdown);
  if (date_pos > 0 && date_pos < G_N_ELEMENTS (date_days))
    filter.since = g_get_real_time () / G_USEC_PER_SEC - (gint64) date_days[date_pos] * 24 * 3600;
  filter.text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* Both queries run on the one worker in order: counts land first. */
  lancer_store_count_proposal_stages_async (self->store, self->cancellable, counts_cb, g_object_ref (self));
  lancer_store_list_proposals_async (self->store, &filter, self->cancellable, list_cb, g_object_ref (self));
}

static void
filters_changed_cb (LancerProposalsPage *self)
{
  reload (self);
}

/* ---- detail ---- */

static void
back_clicked_cb (LancerProposalsPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
copy_text_cb (GtkButton *button,
              gpointer   user_data)
{
  const char *text = g_object_get_data (G_OBJECT (button), "text");
  GtkTextBuffer *buffer = g_object_get_data (G_OBJECT (button), "buffer");
  g_autofree char *from_buffer = NULL;

  if (buffer != NULL)
    {
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      from_buffer = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      text = from_buffer;
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text != NULL ? text : "");
  gtk_button_set_label (button, _("Copied"));
}

static void
draft_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LancerProposalsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (lancer_store_save_proposal_draft_finish (LANCER_STORE (object), result, &error) == 0 &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GtkWidget *label = g_object_get_data (G_OBJECT (self->detail_box), "save-label");

      if (label != NULL)
        gtk_label_set_label (GTK_LABEL (label), error->message);
    }
}

static void
save_draft_now (LancerProposalsPage *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  GtkWidget *label;

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->draft_buffer == NULL || self->detail_proposal == NULL || self->store == NULL)
    return;
  gtk_text_buffer_get_bounds (self->draft_buffer, &start, &end);
  text = gtk_text_buffer_get_text (self->draft_buffer, &start, &end, FALSE);
  lancer_store_save_proposal_draft_async (self->store, self->detail_proposal->id, self->detail_proposal->job_id,
                                          text, NULL, draft_saved_cb, g_object_ref (self));
  label = g_object_get_data (G_OBJECT (self->detail_box), "save-label");
  if (label != NULL)
    gtk_label_set_label (GTK_LABEL (label), _("Saved"));
}

static gboolean
autosave_cb (gpointer data)
{
  LancerProposalsPage *self = data;

  self->autosave_id = 0;
  save_draft_now (self);
  return G_SOURCE_REMOVE;
}

static void
draft_changed_cb (LancerProposalsPage *self)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (self->detail_box), "save-label");

  if (label != NULL)
    gtk_label_set_label (GTK_LABEL (label), _("Saving…"));
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add (AUTOSAVE_MS, autosave_cb, self);
}

static void
open_room_cb (GtkButton           *button,
              LancerProposalsPage *self)
{
  const char *room_id = g_object_get_data (G_OBJECT (button), "room-id");
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  GtkWidget *page = NULL;
  GQueue queue = G_QUEUE_INIT;

  /* The Messages page lives in the same window; find it and open the room. */
  g_queue_push_tail (&queue, root);
  while (page == NULL && !g_queue_is_empty (&queue))
    {
      GtkWidget *w = g_queue_pop_head (&queue);

      if (LANCER_IS_MESSAGES_PAGE (w))
        page = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_queue_push_tail (&queue, c);
    }
  g_queue_clear (&queue);
  if (page != NULL)
    lancer_messages_page_select_room (LANCER_MESSAGES_PAGE (page), room_id);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "messages");
}

static void
add_section_title (GtkBox     *box,
                   const char *title)
{
  GtkWidget *label = make_label (title, "heading");

  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (box, label);
}

static void
add_fact (GtkWidget  *list,
          const char *title,
          const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
}

static void
show_detail (LancerProposalsPage  *self,
             LancerProposalDetail *detail)
{
  LancerProposal *p = detail->proposal;
  GtkWidget *facts, *timeline, *buttons, *copy;
  g_autofree char *terms = format_terms (p);
  g_autofree char *connects = NULL;
  const char *letter = detail->cover_letter != NULL ? detail->cover_letter : detail->draft;

  save_draft_now (self);
  self->editing_draft = FALSE;
  g_clear_object (&self->draft_buffer);
  g_set_object (&self->detail_proposal, p);
  remove_all_children (GTK_WIDGET (self->detail_box));
  g_object_set_data (G_OBJECT (self->detail_box), "save-label", NULL);
  gtk_label_set_label (self->detail_title, proposal_title (p));

  {
    GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    GtkWidget *title = make_label (proposal_title (p), "title-2");

    gtk_widget_set_hexpand (title, TRUE);
    gtk_box_append (GTK_BOX (head), title);
    gtk_box_append (GTK_BOX (head), make_stage_pill (p->stage));
    gtk_box_append (self->detail_box, head);
  }

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  if (p->job_url != NULL)
    {
      GtkWidget *link = gtk_link_button_new_with_label (p->job_url, _("Open Job on Upwork"));

      gtk_box_append (GTK_BOX (buttons), link);
    }
  if (p->room_id != NULL)
    {
      GtkWidget *room = gtk_button_new_with_label (_("Open Conversation"));

      g_object_set_data_full (G_OBJECT (room), "room-id", g_strdup (p->room_id), g_free);
      g_signal_connect (room, "clicked", G_CALLBACK (open_room_cb), self);
      gtk_box_append (GTK_BOX (buttons), room);
    }
  else
    {
      GtkWidget *none = make_label (_("No conversation with this client yet"), "dim-label");

      gtk_box_append (GTK_BOX (buttons), none);
    }
  gtk_box_append (self->detail_box, buttons);

  add_section_title (self->detail_box, _("Terms"));
  facts = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (facts), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (facts, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (facts), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Terms"), -1);
  add_fact (facts, _("Bid"), terms);
  if (p->connects_spent >= 0)
    connects = g_strdup_printf ("%d", p->connects_spent);
  add_fact (facts, _("Connects spent"), connects != NULL ? connects : _("Not known"));
  if (p->variant_name != NULL)
    add_fact (facts, _("Variant"), p->variant_name);
  gtk_box_append (self->detail_box, facts);

  add_section_title (self->detail_box, _("Timeline"));
  timeline = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (timeline), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (timeline, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"), -1);
  {
    g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (p->created_at);
    g_autofree char *when = g_date_time_format (created, "%x %R");

    add_fact (timeline, _("Created"), when);
  }
  for (guint i = 0; i < detail->events->len; i++)
    {
      LancerProposalEvent *event = g_ptr_array_index (detail->events, i);
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (event->at);
      g_autofree char *when = g_date_time_format (at, "%x %R");

      add_fact (timeline, lancer_proposal_stage_get_label (lancer_proposal_stage_from_status (event->status)), when);
    }
  gtk_box_append (self->detail_box, timeline);

  add_section_title (self->detail_box, _("Cover Letter"));
  copy = gtk_button_new_with_label (_("Copy"));
  gtk_widget_set_tooltip_text (copy, _("Copy the cover letter"));
  gtk_widget_set_halign (copy, GTK_ALIGN_START);
  g_signal_connect (copy, "clicked", G_CALLBACK (copy_text_cb), NULL);

  if (p->stage == LANCER_PROPOSAL_STAGE_DRAFT)
    {
      GtkWidget *view = gtk_text_view_new ();
      GtkWidget *frame = gtk_frame_new (NULL);
      GtkWidget *save_label = make_label (_("Changes are saved as you type"), "dim-label");

      self->draft_buffer = g_object_ref (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
      gtk_text_buffer_set_text (self->draft_buffer, letter != NULL ? letter : "", -1);
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
      gtk_widget_set_size_request (view, -1, 220);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Draft cover letter"), -1);
      gtk_frame_set_child (GTK_FRAME (frame), view);
      gtk_box_append (self->detail_box, frame);
      g_signal_connect_object (self->draft_buffer, "changed", G_CALLBACK (draft_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_widget_add_css_class (save_label, "caption");
      g_object_set_data (G_OBJECT (self->detail_box), "save-label", save_label);
      g_object_set_data_full (G_OBJECT (copy), "buffer", g_object_ref (self->draft_buffer), g_object_unref);
      gtk_box_append (self->detail_box, save_label);
      self->editing_draft = TRUE;
    }
  else if (letter != NULL)
    {
      GtkWidget *label = make_label (letter, "cover-letter");

      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (self->detail_box, label);
      g_object_set_data_full (G_OBJECT (copy), "text", g_strdup (letter), g_free);
    }
  else
    {
      gtk_box_append (self->detail_box,
                      make_label (_("Upwork did not send the cover letter of this proposal."), "dim-label"));
      gtk_widget_set_sensitive (copy, FALSE);
    }
  gtk_box_append (self->detail_box, copy);
  self->detail_loaded = TRUE;
}

static void
detail_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LancerProposalsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerProposalDetail) detail = NULL;

  detail = lancer_store_get_proposal_detail_finish (LANCER_STORE (object), result, &error);
  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (detail == NULL)
    {
      remove_all_children (GTK_WIDGET (self->detail_box));
      gtk_box_append (self->detail_box, make_label (error->message, "error"));
      self->detail_loaded = TRUE;
      return;
    }
  show_detail (self, detail);
}

static void
load_detail (LancerProposalsPage *self)
{
  if (self->store == NULL || self->selected_id == 0)
    return;
  self->detail_loaded = FALSE;
  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);
  self->detail_cancellable = g_cancellable_new ();
  lancer_store_get_proposal_detail_async (self->store, self->selected_id, self->detail_cancellable,
                                          detail_cb, g_object_ref (self));
}

static void
show_placeholder_detail (LancerProposalsPage *self)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "document-send-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Choose a Proposal"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Its timeline, cover letter, terms and conversation appear here."));
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (self->detail_box, status);
}

/* ---- session ---- */

static void
store_changed_cb (LancerProposalsPage *self)
{
  lancer_load_now_or_when_shown (GTK_WIDGET (self), (LancerLoadFunc) reload);
}

static void
session_state_cb (LancerProposalsPage *self)
{
  LancerStore *store;

  if (self->disposed)
    return;
  store = lancer_session_get_state (self->session) == LANCER_SESSION_READY
                       ? lancer_session_get_store (self->session) : NULL;

  if (store != NULL && self->store != store)
    {
      g_set_object (&self->store, store);
      g_signal_connect_object (store, "changed::proposals", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed::proposal_events", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed::jobs", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed::rooms", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      lancer_sync_status_bar_set_store (LANCER_SYNC_STATUS_BAR (self->status_bar), store);
      lancer_sync_status_bar_set_store (LANCER_SYNC_STATUS_BAR (self->empty_status_bar), store);
      store_changed_cb (self);
    }
  update_mode (self);
}

LancerSession *
lancer_proposals_page_get_session (LancerProposalsPage *self)
{
  g_return_val_if_fail (LANCER_IS_PROPOSALS_PAGE (self), NULL);
  return self->session;
}

void
lancer_proposals_page_set_session (LancerProposalsPage *self,
                                   LancerSession       *session)
{
  g_return_if_fail (LANCER_IS_PROPOSALS_PAGE (self));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  self->loaded = FALSE;
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
lancer_proposals_page_get_mode (LancerProposalsPage *self)
{
  g_return_val_if_fail (LANCER_IS_PROPOSALS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

guint
lancer_proposals_page_get_n_shown (LancerProposalsPage *self)
{
  g_return_val_if_fail (LANCER_IS_PROPOSALS_PAGE (self), 0);
  return self->proposals->len;
}

guint
lancer_proposals_page_get_stage_count (LancerProposalsPage *self,
                                       guint                stage)
{
  g_return_val_if_fail (LANCER_IS_PROPOSALS_PAGE (self), 0);
  g_return_val_if_fail (stage < LANCER_PROPOSAL_N_STAGES, 0);
  return self->counts[stage];
}

void
lancer_proposals_page_show_proposal (LancerProposalsPage *self,
                                     gint64               proposal_id)
{
  g_return_if_fail (LANCER_IS_PROPOSALS_PAGE (self));
  open_proposal (self, proposal_id);
}

gboolean
lancer_proposals_page_get_detail_loaded (LancerProposalsPage *self)
{
  g_return_val_if_fail (LANCER_IS_PROPOSALS_PAGE (self), FALSE);
  return self->detail_loaded;
}

/* ---- GObject ---- */

static void
folded_cb (LancerProposalsPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  /* Side by side the detail has its own big title: the bar with the back
   * button is only for the folded, one-pane layout. */
  gtk_widget_set_visible (gtk_widget_get_parent (self->back_button), folded);
  gtk_widget_set_visible (gtk_widget_get_parent (self->board_toggle), !folded);
  update_mode (self);
}

static void
view_toggled_cb (LancerProposalsPage *self)
{
  update_mode (self);
}

static void
lancer_proposals_page_dispose (GObject *object)
{
  LancerProposalsPage *self = LANCER_PROPOSALS_PAGE (object);

  save_draft_now (self);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->detail_cancellable);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  /* Pending callbacks may keep a disposed page alive: stop reloading. */
  self->disposed = TRUE;
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_PROPOSALS_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->draft_buffer);
  g_clear_object (&self->detail_proposal);
  g_clear_object (&self->store);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lancer_proposals_page_parent_class)->dispose (object);
}

static void
lancer_proposals_page_finalize (GObject *object)
{
  LancerProposalsPage *self = LANCER_PROPOSALS_PAGE (object);

  g_clear_pointer (&self->proposals, g_ptr_array_unref);
  g_clear_pointer (&self->variants, g_hash_table_unref);
  g_clear_pointer (&self->variant_ids, g_array_unref);

  G_OBJECT_CLASS (lancer_proposals_page_parent_class)->finalize (object);
}

static void
lancer_proposals_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LancerProposalsPage *self = LANCER_PROPOSALS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, lancer_proposals_page_get_session (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_proposals_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LancerProposalsPage *self = LANCER_PROPOSALS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      lancer_proposals_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_proposals_page_class_init (LancerProposalsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_proposals_page_dispose;
  object_class->finalize = lancer_proposals_page_finalize;
  object_class->get_property = lancer_proposals_page_get_property;
  object_class->set_property = lancer_proposals_page_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LANCER_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-proposals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerProposalsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalsPage, status_box);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalsPage, empty_status_box);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalsPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalsPage, board_box);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalsPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalsPage, detail_box);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalsPage, back_button);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static GtkDropDown *
add_dropdown (LancerProposalsPage *self,
              GListModel          *model,
              const char          *accessible_name)
{
  GtkWidget *dropdown = gtk_drop_down_new (model, NULL);

  gtk_widget_set_tooltip_text (dropdown, accessible_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (filters_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_flow_box_append (self->filter_box, dropdown);
  return GTK_DROP_DOWN (dropdown);
}

static void
lancer_proposals_page_init (LancerProposalsPage *self)
{
  g_autoptr(GtkStringList) stages = gtk_string_list_new (NULL);
  const char *dates[] = { _("Any time"), _("Last 7 days"), _("Last 30 days"), _("Last 90 days"), _("Last year"), NULL };
  GtkWidget *toggles;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->proposals = g_ptr_array_new_with_free_func (g_object_unref);
  self->variants = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->variant_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cancellable = g_cancellable_new ();

  self->status_bar = lancer_sync_status_bar_new (status_resources);
  gtk_widget_set_hexpand (self->status_bar, TRUE);
  gtk_box_append (self->status_box, self->status_bar);
  self->empty_status_bar = lancer_sync_status_bar_new (status_resources);
  gtk_widget_set_hexpand (self->empty_status_bar, TRUE);
  gtk_box_append (self->empty_status_box, self->empty_status_bar);

  toggles = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (toggles, "linked");
  self->board_toggle = gtk_toggle_button_new_with_label (_("Board"));
  gtk_widget_set_tooltip_text (self->board_toggle, _("Show the pipeline as columns"));
  self->list_toggle = gtk_toggle_button_new_with_label (_("List"));
  gtk_widget_set_tooltip_text (self->list_toggle, _("Show the proposals as a list"));
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->list_toggle), GTK_TOGGLE_BUTTON (self->board_toggle));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->board_toggle), TRUE);
  g_signal_connect_object (self->board_toggle, "toggled", G_CALLBACK (view_toggled_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (toggles), self->board_toggle);
  gtk_box_append (GTK_BOX (toggles), self->list_toggle);
  gtk_flow_box_append (self->filter_box, toggles);

  self->search_entry = gtk_search_entry_new ();
  g_object_set (self->search_entry, "placeholder-text", _("Search proposals"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search proposals"), -1);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (filters_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_flow_box_append (self->filter_box, self->search_entry);
  g_object_set_data (G_OBJECT (self), "search-entry", self->search_entry);

  gtk_string_list_append (stages, _("All statuses"));
  for (guint i = 0; i < LANCER_PROPOSAL_N_STAGES; i++)
    gtk_string_list_append (stages, lancer_proposal_stage_get_label (i));
  self->stage_dropdown = add_dropdown (self, G_LIST_MODEL (g_steal_pointer (&stages)), _("Status"));
  g_object_set_data (G_OBJECT (self), "stage-dropdown", self->stage_dropdown);

  self->variant_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->variant_names, _("Any variant"));
  self->variant_dropdown = add_dropdown (self, G_LIST_MODEL (self->variant_names), _("Variant"));
  gtk_widget_set_visible (GTK_WIDGET (self->variant_dropdown), FALSE);

  self->date_dropdown = add_dropdown (self, G_LIST_MODEL (gtk_string_list_new (dates)), _("Updated"));

  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (folded_cb), self, G_CONNECT_SWAPPED);
  show_placeholder_detail (self);
  folded_cb (self);
  update_mode (self);
}
