/* lancer-proposal-editor-private.h: what the editor's files share.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-ai-error-ui.h"
#include "lancer-proposal-editor.h"

G_BEGIN_DECLS

#define N_PANES 2
#define AUTOSAVE_MS 800
/* Below this width the two variants are stacked. */
#define SIDE_BY_SIDE_MIN_WIDTH 680

typedef enum
{
  STATUS_NONE,
  STATUS_FIX,        /* an error with a way forward */
  STATUS_CONSENT,
} StatusKind;

struct _LancerProposalEditor
{
  GtkWidget        parent_instance;

  LancerSession   *session;
  LancerAiService *service;
  LancerJob       *job;
  GSettings       *settings;
  GCancellable    *cancellable;
  GCancellable    *load_cancellable;
  const char      *state;
  guint            n_variants;
  guint            chosen;       /* the slot to send: the one source of truth */
  gboolean         partial[N_PANES];
  gboolean         loading;
  gboolean         side_by_side;
  guint            autosave_id;
  LancerAiFix      fix;

  GtkWidget       *root;
  GtkRevealer     *status_revealer;
  GtkWidget       *status_box;
  GtkImage        *status_icon;
  GtkLabel        *status_label;
  GtkButton       *status_button;
  GtkDropDown     *tone_dropdown;
  GtkDropDown     *length_dropdown;
  GtkCheckButton  *ab_check;
  GtkSpinner      *spinner;
  GtkButton       *stop_button;
  GtkButton       *generate_button;
  GtkExpander     *questions_expander;
  GtkLabel        *questions_label;
  GtkBox          *variants_box;
  GtkWidget       *pane[N_PANES];
  GtkLabel        *title[N_PANES];
  GtkWidget       *partial_label[N_PANES];
  GtkButton       *use[N_PANES];
  GtkTextView     *view[N_PANES];
  GtkLabel        *words[N_PANES];
  GtkButton       *copy[N_PANES];
};

/* lancer-proposal-editor.c */
void  _lancer_proposal_editor_start_writing       (LancerProposalEditor *self);
/* "idle", "consent", "streaming", "done", "stopped" or "error" (static strings). */
void  _lancer_proposal_editor_set_state           (LancerProposalEditor *self,
                                                   const char           *state);

/* lancer-proposal-editor-consent.c */
void  _lancer_proposal_editor_ask_consent         (LancerProposalEditor *self);

/* lancer-proposal-editor-variants.c: the A/B panes, Use This One, copy,
 * and the side-by-side or stacked layout. */
void  _lancer_proposal_editor_class_variants_init (GtkWidgetClass       *widget_class);
void  _lancer_proposal_editor_update_pane_titles  (LancerProposalEditor *self);
void  _lancer_proposal_editor_set_chosen          (LancerProposalEditor *self,
                                                   guint                 slot);
void  _lancer_proposal_editor_ab_toggled_cb      (LancerProposalEditor *self);
guint _lancer_proposal_editor_pane_of             (LancerProposalEditor *self,
                                                   gpointer              widget);

G_END_DECLS
