/* lancer-proposal-detail-view.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-proposal-detail-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lancer-format.h"
#include "lancer-proposal-detail-view.h"
#include "lancer-proposal-row.h"

#define AUTOSAVE_MS 800

struct _LancerProposalDetailView
{
  GtkWidget             parent_instance;

  LancerStore          *store;
  LancerProposal       *proposal;
  char                 *letter;          /* the letter shown read-only */
  guint                 autosave_id;
  gboolean              editing_draft;
  gboolean              loaded;

  GtkStack             *stack;
  AdwStatusPage        *error_page;
  GtkListBox           *timeline_list;
  GtkStack             *letter_stack;
  GtkLabel             *letter_label;
  GtkTextBuffer        *draft_buffer;
  GtkLabel             *save_label;
  GtkButton            *copy_button;
};

G_DEFINE_FINAL_TYPE (LancerProposalDetailView, lancer_proposal_detail_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PROPOSAL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* ---- closures of the template ---- */

static char *
format_terms (gpointer        unused,
              LancerProposal *proposal)
{
  return lancer_proposal_format_terms (proposal);
}

static char *
format_connects (gpointer unused,
                 int      connects)
{
  if (connects < 0)
    return g_strdup (_("Not known"));
  return g_strdup_printf ("%d", connects);
}

static char **
stage_classes (gpointer            unused,
               LancerProposalStage stage)
{
  return lancer_proposal_stage_css_classes (stage);
}

static gboolean
has_text (gpointer    unused,
          const char *text)
{
  return text != NULL && *text != '\0';
}

/* GtkLinkButton:uri must never be NULL. */
static char *
or_empty (gpointer    unused,
          const char *text)
{
  return g_strdup (text != NULL ? text : "");
}

/* ---- draft autosave ---- */

static void
draft_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LancerProposalDetailView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (lancer_store_save_proposal_draft_finish (LANCER_STORE (object), result, &error) == 0 &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->save_label != NULL)
    gtk_label_set_label (self->save_label, error->message);
}

void
lancer_proposal_detail_view_save_now (LancerProposalDetailView *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_return_if_fail (LANCER_IS_PROPOSAL_DETAIL_VIEW (self));

  if (self->autosave_id == 0)
    return;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (!self->editing_draft || self->proposal == NULL || self->store == NULL)
    return;
  gtk_text_buffer_get_bounds (self->draft_buffer, &start, &end);
  text = gtk_text_buffer_get_text (self->draft_buffer, &start, &end, FALSE);
  lancer_store_save_proposal_draft_async (self->store, lancer_proposal_get_id (self->proposal),
                                          lancer_proposal_get_job_id (self->proposal), text, NULL,
                                          draft_saved_cb, g_object_ref (self));
  gtk_label_set_label (self->save_label, _("Saved"));
}

static gboolean
autosave_cb (gpointer data)
{
  LancerProposalDetailView *self = data;

  lancer_proposal_detail_view_save_now (self);
  self->autosave_id = 0;
  return G_SOURCE_REMOVE;
}

static void
draft_changed_cb (LancerProposalDetailView *self)
{
  if (!self->editing_draft)
    return;
  gtk_label_set_label (self->save_label, _("Saving…"));
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add (AUTOSAVE_MS, autosave_cb, self);
}

static void
copy_letter_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LancerProposalDetailView *self = LANCER_PROPOSAL_DETAIL_VIEW (widget);
  g_autofree char *text = NULL;

  if (self->editing_draft)
    {
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (self->draft_buffer, &start, &end);
      text = gtk_text_buffer_get_text (self->draft_buffer, &start, &end, FALSE);
    }
  else
    text = g_strdup (self->letter);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text != NULL ? text : "");
  gtk_button_set_label (self->copy_button, _("Copied"));
}

/* ---- showing ---- */

static void
set_proposal (LancerProposalDetailView *self,
              LancerProposal           *proposal)
{
  if (g_set_object (&self->proposal, proposal))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROPOSAL]);
}

/* The timeline has as many rows as the proposal has events: the one part
 * of this pane a template cannot hold. */
static void
add_timeline_row (LancerProposalDetailView *self,
                  const char               *title,
                  gint64                    at)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = lancer_format_relative_time (at, g_get_real_time () / G_USEC_PER_SEC);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
  gtk_list_box_append (self->timeline_list, row);
}

void
lancer_proposal_detail_view_set_detail (LancerProposalDetailView *self,
                                        LancerStore              *store,
                                        LancerProposalDetail     *detail)
{
  g_autoptr(LancerProposalDetail) owned = detail;
  LancerProposal *proposal;
  const char *letter;
  GtkWidget *row;

  g_return_if_fail (LANCER_IS_PROPOSAL_DETAIL_VIEW (self));
  g_return_if_fail (detail != NULL);

  proposal = detail->proposal;
  letter = detail->cover_letter != NULL ? detail->cover_letter : detail->draft;
  lancer_proposal_detail_view_save_now (self);
  g_set_object (&self->store, store);
  set_proposal (self, proposal);

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->timeline_list))) != NULL)
    gtk_list_box_remove (self->timeline_list, row);
  add_timeline_row (self, _("Created"), lancer_proposal_get_created_at (proposal));
  for (guint i = 0; i < detail->events->len; i++)
    {
      LancerProposalEvent *event = g_ptr_array_index (detail->events, i);

      add_timeline_row (self, lancer_proposal_stage_get_label (lancer_proposal_stage_from_status (event->status)),
                        event->at);
    }

  g_free (self->letter);
  self->letter = g_strdup (letter);
  gtk_button_set_label (self->copy_button, _("Copy"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy_button), letter != NULL);
  self->editing_draft = FALSE;
  if (lancer_proposal_get_stage (proposal) == LANCER_PROPOSAL_STAGE_DRAFT)
    {
      gtk_text_buffer_set_text (self->draft_buffer, letter != NULL ? letter : "", -1);
      gtk_label_set_label (self->save_label, _("Changes are saved as you type"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->copy_button), TRUE);
      gtk_stack_set_visible_child_name (self->letter_stack, "draft");
      self->editing_draft = TRUE;
    }
  else if (letter != NULL)
    {
      gtk_label_set_label (self->letter_label, letter);
      gtk_stack_set_visible_child_name (self->letter_stack, "letter");
    }
  else
    gtk_stack_set_visible_child_name (self->letter_stack, "none");

  gtk_stack_set_visible_child_name (self->stack, "detail");
  self->loaded = TRUE;
}

void
lancer_proposal_detail_view_show_error (LancerProposalDetailView *self,
                                        const char               *message)
{
  g_return_if_fail (LANCER_IS_PROPOSAL_DETAIL_VIEW (self));

  lancer_proposal_detail_view_save_now (self);
  self->editing_draft = FALSE;
  set_proposal (self, NULL);
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  self->loaded = TRUE;
}

void
lancer_proposal_detail_view_clear (LancerProposalDetailView *self)
{
  g_return_if_fail (LANCER_IS_PROPOSAL_DETAIL_VIEW (self));

  lancer_proposal_detail_view_save_now (self);
  self->editing_draft = FALSE;
  self->loaded = FALSE;
  set_proposal (self, NULL);
  g_clear_object (&self->store);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

LancerProposal *
lancer_proposal_detail_view_get_proposal (LancerProposalDetailView *self)
{
  g_return_val_if_fail (LANCER_IS_PROPOSAL_DETAIL_VIEW (self), NULL);
  return self->proposal;
}

gboolean
lancer_proposal_detail_view_get_loaded (LancerProposalDetailView *self)
{
  g_return_val_if_fail (LANCER_IS_PROPOSAL_DETAIL_VIEW (self), FALSE);
  return self->loaded;
}

gboolean
lancer_proposal_detail_view_get_editing (LancerProposalDetailView *self)
{
  g_return_val_if_fail (LANCER_IS_PROPOSAL_DETAIL_VIEW (self), FALSE);
  return self->editing_draft;
}

/* ---- GObject ---- */

static void
lancer_proposal_detail_view_dispose (GObject *object)
{
  LancerProposalDetailView *self = LANCER_PROPOSAL_DETAIL_VIEW (object);

  lancer_proposal_detail_view_save_now (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_PROPOSAL_DETAIL_VIEW);
  /* The template's top box is not a bound child: unparent it by hand. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->proposal);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lancer_proposal_detail_view_parent_class)->dispose (object);
}

static void
lancer_proposal_detail_view_finalize (GObject *object)
{
  g_free (LANCER_PROPOSAL_DETAIL_VIEW (object)->letter);

  G_OBJECT_CLASS (lancer_proposal_detail_view_parent_class)->finalize (object);
}

static void
lancer_proposal_detail_view_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  LancerProposalDetailView *self = LANCER_PROPOSAL_DETAIL_VIEW (object);

  switch (prop_id)
    {
    case PROP_PROPOSAL:
      g_value_set_object (value, self->proposal);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_proposal_detail_view_class_init (LancerProposalDetailViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_proposal_detail_view_dispose;
  object_class->finalize = lancer_proposal_detail_view_finalize;
  object_class->get_property = lancer_proposal_detail_view_get_property;

  properties [PROP_PROPOSAL] =
    g_param_spec_object ("proposal", NULL, NULL, LANCER_TYPE_PROPOSAL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-proposal-detail-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerProposalDetailView, stack);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalDetailView, error_page);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalDetailView, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalDetailView, letter_stack);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalDetailView, letter_label);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalDetailView, draft_buffer);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalDetailView, save_label);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalDetailView, copy_button);
  gtk_widget_class_bind_template_callback (widget_class, format_terms);
  gtk_widget_class_bind_template_callback (widget_class, format_connects);
  gtk_widget_class_bind_template_callback (widget_class, stage_classes);
  gtk_widget_class_bind_template_callback (widget_class, has_text);
  gtk_widget_class_bind_template_callback (widget_class, or_empty);
  gtk_widget_class_bind_template_callback (widget_class, draft_changed_cb);
  gtk_widget_class_install_action (widget_class, "detail.copy-letter", NULL, copy_letter_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lancer_proposal_detail_view_init (LancerProposalDetailView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
