/* lancer-proposal-editor-variants.c: the editor's A/B variants: pane
 * titles, "Use This One" (the one source of truth for what is sent), copy,
 * and side by side when wide, stacked when narrow.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-proposal-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-proposal-editor-private.h"

guint
_lancer_proposal_editor_pane_of (LancerProposalEditor *self,
         gpointer              widget)
{
  for (guint i = 0; i < N_PANES; i++)
    if (widget == (gpointer) self->use[i] || widget == (gpointer) self->copy[i] ||
        widget == (gpointer) gtk_text_view_get_buffer (self->view[i]))
      return i;
  return 0;
}

/* The writer's opening strategy in the words a person uses. */
static const char *
strategy_label (guint variant)
{
  const char *strategy = lancer_proposal_writer_get_strategy (variant);

  if (g_strcmp0 (strategy, "problem-first") == 0)
    /* Translators: how a variant's letter opens: with the client's problem. */
    return _("problem first");
  if (g_strcmp0 (strategy, "proof-first") == 0)
    /* Translators: how a variant's letter opens: with relevant past work. */
    return _("past work first");
  if (g_strcmp0 (strategy, "question-first") == 0)
    /* Translators: how a variant's letter opens: with a question to the client. */
    return _("question first");
  return strategy;
}

void
_lancer_proposal_editor_update_pane_titles (LancerProposalEditor *self)
{
  for (guint i = 0; i < N_PANES; i++)
    {
      g_autofree char *title = NULL;

      if (self->n_variants > 1)
        /* Translators: "Variant A · problem first"; the second part says how the letter opens. */
        title = g_strdup_printf (_("Variant %c · %s"), 'A' + i, strategy_label (i));
      else
        title = g_strdup (_("Draft"));
      gtk_label_set_label (self->title[i], title);
      gtk_widget_set_visible (GTK_WIDGET (self->use[i]), self->n_variants > 1 && !g_str_equal (self->state, "streaming"));
      gtk_widget_set_visible (self->partial_label[i], self->partial[i]);
    }
  gtk_widget_set_visible (self->pane[1], self->n_variants > 1);
}

/* The chosen pane's button says so; the others offer to choose theirs. */
static void
update_use_buttons (LancerProposalEditor *self)
{
  for (guint i = 0; i < N_PANES; i++)
    {
      /* The two panes' buttons show the same words with different access keys. */
      if (i == self->chosen)
        gtk_button_set_label (self->use[i], _("Chosen"));
      else
        gtk_button_set_label (self->use[i], i == 0 ? _("_Use This One") : _("Us_e This One"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->use[i]), i != self->chosen);
    }
}

void
_lancer_proposal_editor_set_chosen (LancerProposalEditor *self,
            guint                 slot)
{
  if (slot >= N_PANES)
    return;
  self->chosen = slot;
  update_use_buttons (self);
  g_object_notify (G_OBJECT (self), "chosen");
}

static void
copy_clicked_cb (LancerProposalEditor *self,
                 GtkButton            *button)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view[_lancer_proposal_editor_pane_of (self, button)]);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), _("Copied"));
}

static void
chosen_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lancer_store_ai_choose_draft_finish (LANCER_STORE (source), result, &error))
    g_warning ("Could not mark the chosen variant: %s", error->message);
}

typedef struct
{
  LancerProposalEditor *self;
  guint                 slot;
} UseData;

static void
use_saved_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autofree UseData *data = user_data;
  g_autoptr(LancerProposalEditor) self = data->self;
  g_autoptr(GError) error = NULL;
  gint64 id = lancer_ai_service_save_draft_finish (LANCER_AI_SERVICE (source), result, &error);
  LancerStore *store = lancer_session_get_store (self->session);

  if (id <= 0)
    {
      g_warning ("Could not save the chosen variant: %s", error ? error->message : "?");
      return;
    }
  /* Remembered for the next time the job is opened. */
  lancer_store_ai_choose_draft_async (store, id, NULL, chosen_cb, NULL);
}

static void
use_clicked_cb (LancerProposalEditor *self,
                GtkButton            *button)
{
  guint slot = _lancer_proposal_editor_pane_of (self, button);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view[slot]);
  g_autoptr(LancerAiDraft) draft = lancer_ai_draft_new (lancer_job_get_id (self->job), slot);
  UseData *data = g_new0 (UseData, 1);
  GtkTextIter start, end;

  /* Chosen at once: what the sheet sends follows the click, not the store. */
  _lancer_proposal_editor_set_chosen (self, slot);

  /* Save the text as shown, then mark it as the one to send. */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  draft->text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  draft->strategy = g_strdup (lancer_proposal_writer_get_strategy (slot));
  draft->partial = self->partial[slot];
  data->self = g_object_ref (self);
  data->slot = slot;
  lancer_ai_service_save_draft_async (self->service, draft, NULL, use_saved_cb, data);
}

void
_lancer_proposal_editor_ab_toggled_cb (LancerProposalEditor *self)
{
  self->n_variants = gtk_check_button_get_active (self->ab_check) ? 2 : 1;
  _lancer_proposal_editor_update_pane_titles (self);
  g_object_notify (G_OBJECT (self), "chosen");
}

/* Layout: side by side when wide, stacked when narrow. The minimum width
 * is that of the stacked layout, so a window can always shrink to it. */

static void
measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  LancerProposalEditor *self = LANCER_PROPOSAL_EDITOR (widget);

  gtk_widget_measure (self->root, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int stacked = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (self->root); child; child = gtk_widget_get_next_sibling (child))
        {
          int child_min = 0;

          if (!gtk_widget_get_visible (child) || child == GTK_WIDGET (self->variants_box))
            continue;
          gtk_widget_measure (child, orientation, -1, &child_min, NULL, NULL, NULL);
          stacked = MAX (stacked, child_min);
        }
      for (guint i = 0; i < N_PANES; i++)
        {
          int pane_min = 0;

          if (!gtk_widget_get_visible (self->pane[i]))
            continue;
          gtk_widget_measure (self->pane[i], orientation, -1, &pane_min, NULL, NULL, NULL);
          stacked = MAX (stacked, pane_min);
        }
      *minimum = MIN (*minimum, stacked);
      *natural = MAX (*natural, *minimum);
    }
  else if (for_size >= 0 &&
           (for_size >= SIDE_BY_SIDE_MIN_WIDTH) !=
           (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->variants_box)) == GTK_ORIENTATION_HORIZONTAL))
    {
      /* The panes are laid out for another width than the one asked about:
       * swap their height in that layout for their height in the other. */
      int box_min = 0, box_nat = 0, other_min = 0, other_nat = 0, n_shown = 0;
      int spacing = gtk_box_get_spacing (self->variants_box);
      gboolean stacked = for_size < SIDE_BY_SIDE_MIN_WIDTH;

      if (!gtk_widget_get_visible (GTK_WIDGET (self->variants_box)))
        return;
      gtk_widget_measure (GTK_WIDGET (self->variants_box), orientation, for_size, &box_min, &box_nat, NULL, NULL);
      for (guint i = 0; i < N_PANES; i++)
        if (gtk_widget_get_visible (self->pane[i]))
          n_shown++;
      for (guint i = 0; i < N_PANES; i++)
        {
          int pane_min = 0, pane_nat = 0;
          int width = stacked || n_shown < 2 ? for_size : (for_size - spacing) / 2;

          if (!gtk_widget_get_visible (self->pane[i]))
            continue;
          gtk_widget_measure (self->pane[i], orientation, width, &pane_min, &pane_nat, NULL, NULL);
          other_min = stacked ? other_min + pane_min : MAX (other_min, pane_min);
          other_nat = stacked ? other_nat + pane_nat : MAX (other_nat, pane_nat);
        }
      if (stacked && n_shown > 1)
        {
          other_min += spacing * (n_shown - 1);
          other_nat += spacing * (n_shown - 1);
        }
      *minimum += other_min - box_min;
      *natural += other_nat - box_nat;
      *natural = MAX (*natural, *minimum);
    }
}

static gboolean
queue_resize_cb (gpointer data)
{
  gtk_widget_queue_resize (data);
  return G_SOURCE_REMOVE;
}

static void
size_allocate (GtkWidget *widget,
                                      int        width,
                                      int        height,
                                      int        baseline)
{
  LancerProposalEditor *self = LANCER_PROPOSAL_EDITOR (widget);
  gboolean side_by_side = width >= SIDE_BY_SIDE_MIN_WIDTH;
  GtkOrientation orientation = side_by_side ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL;

  self->side_by_side = side_by_side;

  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->variants_box)) != orientation)
    {
      gtk_orientable_set_orientation (GTK_ORIENTABLE (self->variants_box), orientation);
      /* A parent that measured the other layout (a scroller asks without a
       * width) must ask again, or stacked panes overlap what follows. */
      g_idle_add_full (G_PRIORITY_HIGH_IDLE, queue_resize_cb, g_object_ref (self), g_object_unref);
    }
  gtk_widget_allocate (self->root, width, height, baseline, NULL);
}

void
_lancer_proposal_editor_class_variants_init (GtkWidgetClass *widget_class)
{
  widget_class->measure = measure;
  widget_class->size_allocate = size_allocate;
  gtk_widget_class_bind_template_callback (widget_class, use_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
}
