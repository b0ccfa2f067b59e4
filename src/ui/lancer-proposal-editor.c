/* lancer-proposal-editor.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-proposal-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-ai-error-ui.h"
#include "lancer-analysis-card.h"
#include "lancer-proposal-editor.h"

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

G_DEFINE_FINAL_TYPE (LancerProposalEditor, lancer_proposal_editor, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CHOSEN,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const tones[] = { "professional", "friendly", "confident", "concise", NULL };
static const char * const lengths[] = { "short", "medium", "long", NULL };

static void start_writing (LancerProposalEditor *self);

/* Helpers */

static guint
count_words (GtkTextBuffer *buffer)
{
  GtkTextIter iter;
  guint words = 0;
  gboolean in_word = FALSE;

  /* Walks the buffer without copying it: this runs on every token. */
  gtk_text_buffer_get_start_iter (buffer, &iter);
  do
    {
      gunichar c = gtk_text_iter_get_char (&iter);
      gboolean space = c == 0 || g_unichar_isspace (c);

      if (!space && !in_word)
        words++;
      in_word = !space;
    }
  while (gtk_text_iter_forward_char (&iter));
  return words;
}

static guint
pane_of (LancerProposalEditor *self,
         gpointer              widget)
{
  for (guint i = 0; i < N_PANES; i++)
    if (widget == (gpointer) self->use[i] || widget == (gpointer) self->copy[i] ||
        widget == (gpointer) gtk_text_view_get_buffer (self->view[i]))
      return i;
  return 0;
}

static void
update_pane_titles (LancerProposalEditor *self)
{
  for (guint i = 0; i < N_PANES; i++)
    {
      g_autofree char *title = NULL;

      if (self->n_variants > 1)
        /* Translators: "Variant A · problem-first"; the second part names the opening strategy. */
        title = g_strdup_printf (_("Variant %c · %s"), 'A' + i, lancer_proposal_writer_get_strategy (i));
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

static void
set_chosen (LancerProposalEditor *self,
            guint                 slot)
{
  if (slot >= N_PANES)
    return;
  self->chosen = slot;
  update_use_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHOSEN]);
}

static void
show_status (LancerProposalEditor *self,
             const char           *icon_name,
             const char           *css_class,
             const char           *message,
             const char           *button_label)
{
  gtk_image_set_from_icon_name (self->status_icon, icon_name);
  gtk_widget_remove_css_class (self->status_box, "error");
  gtk_widget_remove_css_class (self->status_box, "warning");
  if (css_class != NULL)
    gtk_widget_add_css_class (self->status_box, css_class);
  gtk_label_set_label (self->status_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->status_button), button_label != NULL);
  if (button_label != NULL)
    gtk_button_set_label (self->status_button, button_label);
  gtk_revealer_set_reveal_child (self->status_revealer, TRUE);
}

static void
hide_status (LancerProposalEditor *self)
{
  gtk_revealer_set_reveal_child (self->status_revealer, FALSE);
}

static void
set_state (LancerProposalEditor *self,
           const char           *state)
{
  gboolean streaming = g_str_equal (state, "streaming");

  self->state = state;
  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), streaming);
  gtk_spinner_set_spinning (self->spinner, streaming);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), streaming);
  gtk_widget_set_sensitive (GTK_WIDGET (self->generate_button), !streaming);
  gtk_widget_set_sensitive (GTK_WIDGET (self->ab_check), !streaming);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tone_dropdown), !streaming);
  gtk_widget_set_sensitive (GTK_WIDGET (self->length_dropdown), !streaming);
  for (guint i = 0; i < N_PANES; i++)
    gtk_text_view_set_editable (self->view[i], !streaming);

  if (!streaming && !g_str_equal (state, "idle"))
    gtk_button_set_label (self->generate_button, _("_Regenerate"));
  update_pane_titles (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Autosave: at most one save per AUTOSAVE_MS, also while a draft streams,
 * so a crash loses less than a second of text. */

static void
draft_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (lancer_ai_service_save_draft_finish (LANCER_AI_SERVICE (source), result, &error) == 0 && error != NULL)
    g_warning ("Could not save the proposal draft: %s", error->message);
}

static void
save_now (LancerProposalEditor *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);

  for (guint i = 0; i < MAX (self->n_variants, 1) && i < N_PANES; i++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view[i]);
      g_autoptr(LancerAiDraft) draft = NULL;
      GtkTextIter start, end;

      if (gtk_text_buffer_get_char_count (buffer) == 0)
        continue;
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      draft = lancer_ai_draft_new (lancer_job_get_id (self->job), i);
      draft->text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      draft->strategy = g_strdup (lancer_proposal_writer_get_strategy (i));
      draft->partial = self->partial[i] || g_str_equal (self->state, "streaming");
      lancer_ai_service_save_draft_async (self->service, draft, NULL, draft_saved_cb, NULL);
    }
}

static gboolean
autosave_cb (gpointer user_data)
{
  LancerProposalEditor *self = user_data;

  self->autosave_id = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

static void
buffer_changed_cb (LancerProposalEditor *self,
                   GtkTextBuffer        *buffer)
{
  guint i = pane_of (self, buffer);
  g_autofree char *text = NULL;
  guint n = count_words (buffer);

  text = g_strdup_printf (ngettext ("%u word", "%u words", n), n);
  gtk_label_set_label (self->words[i], text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy[i]), gtk_text_buffer_get_char_count (buffer) > 0);

  if (!self->loading && self->autosave_id == 0)
    self->autosave_id = g_timeout_add (AUTOSAVE_MS, autosave_cb, self);
}

/* Streaming */

static void
delta_cb (guint       variant,
          const char *delta,
          gsize       len,
          gpointer    user_data)
{
  LancerProposalEditor *self = user_data;
  GtkTextBuffer *buffer;
  GtkTextIter end;

  if (variant >= N_PANES || !g_str_equal (self->state, "streaming"))
    return;

  /* Appended at the end as it arrives: no full-buffer resets. */
  buffer = gtk_text_view_get_buffer (self->view[variant]);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, delta, len);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LancerProposalEditor) self = user_data;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;

  drafts = lancer_ai_service_write_proposal_finish (LANCER_AI_SERVICE (source), result, &error);
  if (self->cancellable == NULL)   /* disposed */
    return;

  if (drafts != NULL)
    {
      for (guint i = 0; i < N_PANES; i++)
        self->partial[i] = FALSE;
      for (guint i = 0; i < drafts->len; i++)
        {
          LancerAiDraft *draft = g_ptr_array_index (drafts, i);
          if (draft->slot < N_PANES)
            self->partial[draft->slot] = draft->partial;
        }
      hide_status (self);
      set_state (self, "done");
      set_chosen (self, self->chosen);
      return;
    }

  /* Whatever arrived stays, marked partial; the service saved it. */
  for (guint i = 0; i < self->n_variants && i < N_PANES; i++)
    self->partial[i] = gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (self->view[i])) > 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_state (self, "stopped");
      self->fix = LANCER_AI_FIX_RETRY;
      show_status (self, "media-playback-stop-symbolic", NULL,
                   _("Stopped. What was written so far is kept as a partial draft; edit it or write a new one."),
                   NULL);
      return;
    }

  set_state (self, "error");
  self->fix = lancer_ai_error_ui_get_fix (error);
  show_status (self, "dialog-warning-symbolic", "error", error->message,
               lancer_ai_error_ui_fix_label (self->fix));
}

static void
budget_checked_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LancerProposalEditor) self = user_data;
  LancerAiBudgetState state = LANCER_AI_BUDGET_OK;
  double spend = 0;
  double budget;
  g_autofree char *message = NULL;

  lancer_ai_service_check_budget_finish (LANCER_AI_SERVICE (source), result, &state, &spend, NULL);
  if (self->cancellable == NULL || state != LANCER_AI_BUDGET_WARN || !g_str_equal (self->state, "idle"))
    return;
  budget = lancer_ai_service_get_budget (self->service);
  message = g_strdup_printf (_("%.0f %% of this month’s AI budget is spent ($%.2f of $%.2f)."),
                             100.0 * spend / budget, spend, budget);
  self->fix = LANCER_AI_FIX_PREFERENCES;
  show_status (self, "dialog-information-symbolic", "warning", message, _("Open _Preferences"));
}

static void
start_writing (LancerProposalEditor *self)
{
  LancerProposalOptions options;
  guint tone = gtk_drop_down_get_selected (self->tone_dropdown);
  guint length = gtk_drop_down_get_selected (self->length_dropdown);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->autosave_id, g_source_remove);

  lancer_ai_service_init_options (self->service, &options, self->n_variants);
  if (tone < G_N_ELEMENTS (tones) - 1)
    options.tone = tones[tone];
  options.length = length == 0 ? LANCER_PROPOSAL_SHORT : length == 2 ? LANCER_PROPOSAL_LONG : LANCER_PROPOSAL_MEDIUM;

  self->loading = TRUE;
  for (guint i = 0; i < N_PANES; i++)
    {
      self->partial[i] = FALSE;
      if (i < self->n_variants)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->view[i]), "", 0);
    }
  self->loading = FALSE;

  hide_status (self);
  set_state (self, "streaming");
  lancer_ai_service_write_proposal_async (self->service, self->job, &options, delta_cb, self, NULL,
                                          self->cancellable, written_cb, g_object_ref (self));
}

/* Consent before the first call to a cloud provider */

static void
consent_response_cb (AdwMessageDialog     *dialog,
                     const char           *response,
                     LancerProposalEditor *self)
{
  if (g_str_equal (response, "send"))
    {
      lancer_ai_service_grant_consent (self->service);
      start_writing (self);
    }
  else
    set_state (self, "idle");
}

static void
ask_consent (LancerProposalEditor *self)
{
  LancerProposalOptions options;
  g_autofree char *preview = NULL;
  g_autofree char *model = lancer_ai_service_dup_model (self->service);
  const char *provider = lancer_ai_service_get_provider_name (lancer_ai_service_get_provider_id (self->service));
  GtkWidget *dialog;
  GtkWidget *scrolled;
  GtkWidget *view;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  lancer_ai_service_init_options (self->service, &options, self->n_variants);
  preview = lancer_ai_service_dup_preview (self->service, self->job, &options);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Send This to the AI Provider?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("To write the draft, Lancer sends the text below to %s (model %s). "
                                    "E-mail addresses and phone numbers are removed. You can edit the "
                                    "templates in Preferences → AI. This is asked once."),
                                  provider, model);
  view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), preview, -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_add_css_class (scrolled, "card");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "send", _("_Send"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "send");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, -1);
  g_signal_connect_object (dialog, "response", G_CALLBACK (consent_response_cb), self, 0);
  set_state (self, "consent");
  gtk_window_present (GTK_WINDOW (dialog));
}

void
lancer_proposal_editor_generate (LancerProposalEditor *self)
{
  g_return_if_fail (LANCER_IS_PROPOSAL_EDITOR (self));

  if (g_str_equal (self->state, "streaming") || g_str_equal (self->state, "consent"))
    return;
  if (lancer_ai_service_needs_consent (self->service))
    ask_consent (self);
  else
    start_writing (self);
}

void
lancer_proposal_editor_stop (LancerProposalEditor *self)
{
  g_return_if_fail (LANCER_IS_PROPOSAL_EDITOR (self));

  /* The request is aborted at once; written_cb keeps the text. */
  g_cancellable_cancel (self->cancellable);
}

void
lancer_proposal_editor_set_n_variants (LancerProposalEditor *self,
                                       guint                 n_variants)
{
  g_return_if_fail (LANCER_IS_PROPOSAL_EDITOR (self));

  gtk_check_button_set_active (self->ab_check, n_variants > 1);
}

/* Callbacks */

static void
generate_clicked_cb (LancerProposalEditor *self)
{
  lancer_proposal_editor_generate (self);
}

static void
stop_clicked_cb (LancerProposalEditor *self)
{
  lancer_proposal_editor_stop (self);
}

static void
status_clicked_cb (LancerProposalEditor *self)
{
  if (lancer_ai_error_ui_apply_fix (GTK_WIDGET (self), self->fix, self->settings))
    lancer_proposal_editor_generate (self);
}

static void
copy_clicked_cb (LancerProposalEditor *self,
                 GtkButton            *button)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view[pane_of (self, button)]);
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
  guint slot = pane_of (self, button);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view[slot]);
  g_autoptr(LancerAiDraft) draft = lancer_ai_draft_new (lancer_job_get_id (self->job), slot);
  UseData *data = g_new0 (UseData, 1);
  GtkTextIter start, end;

  /* Chosen at once: what the sheet sends follows the click, not the store. */
  set_chosen (self, slot);

  /* Save the text as shown, then mark it as the one to send. */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  draft->text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  draft->strategy = g_strdup (lancer_proposal_writer_get_strategy (slot));
  draft->partial = self->partial[slot];
  data->self = g_object_ref (self);
  data->slot = slot;
  lancer_ai_service_save_draft_async (self->service, draft, NULL, use_saved_cb, data);
}

static void
ab_toggled_cb (LancerProposalEditor *self)
{
  self->n_variants = gtk_check_button_get_active (self->ab_check) ? 2 : 1;
  update_pane_titles (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHOSEN]);
}

/* Existing drafts */

static void
drafts_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LancerProposalEditor) self = user_data;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  guint max_slot = 0;

  drafts = lancer_store_ai_load_drafts_finish (LANCER_STORE (source), result, &error);
  if (self->cancellable == NULL || !g_str_equal (self->state, "idle"))
    return;
  if (drafts == NULL)
    {
      self->fix = LANCER_AI_FIX_RETRY;
      show_status (self, "dialog-warning-symbolic", "error", error->message, NULL);
      return;
    }
  if (drafts->len == 0)
    return;

  self->loading = TRUE;
  for (guint i = 0; i < drafts->len; i++)
    {
      LancerAiDraft *draft = g_ptr_array_index (drafts, i);

      if (draft->slot >= N_PANES)
        continue;
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->view[draft->slot]), draft->text ? draft->text : "", -1);
      self->partial[draft->slot] = draft->partial;
      max_slot = MAX (max_slot, draft->slot);
      if (draft->chosen)
        self->chosen = draft->slot;
    }
  self->loading = FALSE;
  lancer_proposal_editor_set_n_variants (self, max_slot + 1);
  set_chosen (self, self->chosen);
  set_state (self, "done");
}

/* Layout: side by side when wide, stacked when narrow. The minimum width
 * is that of the stacked layout, so a window can always shrink to it. */

static void
lancer_proposal_editor_measure (GtkWidget      *widget,
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
}

static void
lancer_proposal_editor_size_allocate (GtkWidget *widget,
                                      int        width,
                                      int        height,
                                      int        baseline)
{
  LancerProposalEditor *self = LANCER_PROPOSAL_EDITOR (widget);
  gboolean side_by_side = width >= SIDE_BY_SIDE_MIN_WIDTH;
  GtkOrientation orientation = side_by_side ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL;

  self->side_by_side = side_by_side;
  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->variants_box)) != orientation)
    gtk_orientable_set_orientation (GTK_ORIENTABLE (self->variants_box), orientation);
  gtk_widget_allocate (self->root, width, height, baseline, NULL);
}

/* Settings mapping for the dropdowns */

static gboolean
string_to_index (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char * const *choices = user_data;
  const char *str = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_equal (choices[i], str))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
index_to_string (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  const char * const *choices = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **) choices))
    return NULL;
  return g_variant_new_string (choices[index]);
}

/* GObject */

static void
lancer_proposal_editor_dispose (GObject *object)
{
  LancerProposalEditor *self = LANCER_PROPOSAL_EDITOR (object);
  GtkWidget *child;

  /* Nothing is lost: a pending autosave is written now. */
  if (self->autosave_id != 0 && self->service != NULL)
    save_now (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_handle_id (&self->autosave_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_PROPOSAL_EDITOR);
  /* GTK 4.8 leaves unnamed template children parented. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->service);
  g_clear_object (&self->job);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lancer_proposal_editor_parent_class)->dispose (object);
}

static void
lancer_proposal_editor_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LancerProposalEditor *self = LANCER_PROPOSAL_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CHOSEN:
      g_value_set_uint (value, lancer_proposal_editor_get_chosen (self));
      break;

    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_proposal_editor_class_init (LancerProposalEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_proposal_editor_dispose;
  object_class->get_property = lancer_proposal_editor_get_property;

  /* The variant the user will send (0 = A); 0 with a single draft. */
  properties[PROP_CHOSEN] =
    g_param_spec_uint ("chosen", NULL, NULL, 0, N_PANES - 1, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* See lancer_proposal_editor_get_state(). */
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, "idle",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->measure = lancer_proposal_editor_measure;
  widget_class->size_allocate = lancer_proposal_editor_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-proposal-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerProposalEditor, root);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalEditor, status_revealer);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalEditor, status_box);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalEditor, status_icon);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalEditor, status_button);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalEditor, tone_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalEditor, length_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalEditor, ab_check);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalEditor, stop_button);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalEditor, generate_button);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalEditor, questions_expander);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalEditor, questions_label);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalEditor, variants_box);
  gtk_widget_class_bind_template_child_full (widget_class, "pane0", FALSE, G_STRUCT_OFFSET (LancerProposalEditor, pane[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "pane1", FALSE, G_STRUCT_OFFSET (LancerProposalEditor, pane[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "title0", FALSE, G_STRUCT_OFFSET (LancerProposalEditor, title[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "title1", FALSE, G_STRUCT_OFFSET (LancerProposalEditor, title[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "partial0", FALSE, G_STRUCT_OFFSET (LancerProposalEditor, partial_label[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "partial1", FALSE, G_STRUCT_OFFSET (LancerProposalEditor, partial_label[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "use0", FALSE, G_STRUCT_OFFSET (LancerProposalEditor, use[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "use1", FALSE, G_STRUCT_OFFSET (LancerProposalEditor, use[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "view0", FALSE, G_STRUCT_OFFSET (LancerProposalEditor, view[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "view1", FALSE, G_STRUCT_OFFSET (LancerProposalEditor, view[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "words0", FALSE, G_STRUCT_OFFSET (LancerProposalEditor, words[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "words1", FALSE, G_STRUCT_OFFSET (LancerProposalEditor, words[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "copy0", FALSE, G_STRUCT_OFFSET (LancerProposalEditor, copy[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "copy1", FALSE, G_STRUCT_OFFSET (LancerProposalEditor, copy[1]));
  gtk_widget_class_bind_template_callback (widget_class, generate_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, use_clicked_cb);
  gtk_widget_class_set_css_name (widget_class, "proposal-editor");
}

static void
lancer_proposal_editor_init (LancerProposalEditor *self)
{
  self->state = "idle";
  self->n_variants = 1;
  self->side_by_side = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_PANES; i++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view[i]);
      g_signal_connect_object (buffer, "changed", G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);
      buffer_changed_cb (self, buffer);
    }
  g_signal_connect_object (self->ab_check, "toggled", G_CALLBACK (ab_toggled_cb), self, G_CONNECT_SWAPPED);
  set_state (self, "idle");
}

GtkWidget *
lancer_proposal_editor_new (LancerSession *session,
                            LancerJob     *job)
{
  LancerProposalEditor *self;
  g_autoptr(LancerAiJob) ai_job = NULL;
  LancerStore *store;

  g_return_val_if_fail (LANCER_IS_SESSION (session), NULL);
  g_return_val_if_fail (LANCER_IS_JOB (job), NULL);

  self = g_object_new (LANCER_TYPE_PROPOSAL_EDITOR, NULL);
  self->session = g_object_ref (session);
  self->service = lancer_ai_service_new (session);
  self->job = g_object_ref (job);
  self->settings = g_object_ref (lancer_session_get_settings (session));
  self->cancellable = g_cancellable_new ();
  self->load_cancellable = g_cancellable_new ();

  g_settings_bind_with_mapping (self->settings, "ai-proposal-tone", self->tone_dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT, string_to_index, index_to_string, (gpointer) tones, NULL);
  g_settings_bind_with_mapping (self->settings, "ai-proposal-length", self->length_dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT, string_to_index, index_to_string, (gpointer) lengths, NULL);

  ai_job = lancer_ai_service_job_from_model (job);
  if (ai_job->screening_questions != NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; ai_job->screening_questions[i] != NULL; i++)
        g_string_append_printf (text, "%s%u. %s", i > 0 ? "\n" : "", i + 1, ai_job->screening_questions[i]);
      gtk_label_set_label (self->questions_label, text->str);
      gtk_widget_set_visible (GTK_WIDGET (self->questions_expander), TRUE);
    }

  store = lancer_session_get_store (session);
  if (store != NULL)
    {
      lancer_store_ai_load_drafts_async (store, lancer_job_get_id (job), self->load_cancellable,
                                         drafts_loaded_cb, g_object_ref (self));
      lancer_ai_service_check_budget_async (self->service, self->load_cancellable,
                                            budget_checked_cb, g_object_ref (self));
    }
  return GTK_WIDGET (self);
}

LancerAiService *
lancer_proposal_editor_get_service (LancerProposalEditor *self)
{
  g_return_val_if_fail (LANCER_IS_PROPOSAL_EDITOR (self), NULL);
  return self->service;
}

LancerJob *
lancer_proposal_editor_get_job (LancerProposalEditor *self)
{
  g_return_val_if_fail (LANCER_IS_PROPOSAL_EDITOR (self), NULL);
  return self->job;
}

GtkTextBuffer *
lancer_proposal_editor_get_buffer (LancerProposalEditor *self,
                                   guint                 variant)
{
  g_return_val_if_fail (LANCER_IS_PROPOSAL_EDITOR (self), NULL);
  g_return_val_if_fail (variant < N_PANES, NULL);
  return gtk_text_view_get_buffer (self->view[variant]);
}

guint
lancer_proposal_editor_get_chosen (LancerProposalEditor *self)
{
  g_return_val_if_fail (LANCER_IS_PROPOSAL_EDITOR (self), 0);
  return self->n_variants > 1 ? self->chosen : 0;
}

guint
lancer_proposal_editor_get_n_variants (LancerProposalEditor *self)
{
  g_return_val_if_fail (LANCER_IS_PROPOSAL_EDITOR (self), 1);
  return self->n_variants;
}

char *
lancer_proposal_editor_dup_chosen_text (LancerProposalEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (LANCER_IS_PROPOSAL_EDITOR (self), NULL);

  buffer = gtk_text_view_get_buffer (self->view[lancer_proposal_editor_get_chosen (self)]);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

gboolean
lancer_proposal_editor_get_partial (LancerProposalEditor *self,
                                    guint                 variant)
{
  g_return_val_if_fail (LANCER_IS_PROPOSAL_EDITOR (self), FALSE);
  g_return_val_if_fail (variant < N_PANES, FALSE);
  return self->partial[variant];
}

const char *
lancer_proposal_editor_get_state (LancerProposalEditor *self)
{
  g_return_val_if_fail (LANCER_IS_PROPOSAL_EDITOR (self), NULL);
  return self->state;
}

gboolean
lancer_proposal_editor_get_side_by_side (LancerProposalEditor *self)
{
  g_return_val_if_fail (LANCER_IS_PROPOSAL_EDITOR (self), FALSE);
  return gtk_orientable_get_orientation (GTK_ORIENTABLE (self->variants_box)) == GTK_ORIENTATION_HORIZONTAL;
}

/* The window the Jobs page opens until the Jobs workspace hosts the editor. */
GtkWindow *
lancer_proposal_window_new (GtkWindow     *parent,
                            LancerSession *session,
                            LancerJob     *job)
{
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *title;
  GtkWidget *scrolled;
  GtkWidget *content;
  GtkWidget *editor;

  g_return_val_if_fail (LANCER_IS_SESSION (session), NULL);
  g_return_val_if_fail (LANCER_IS_JOB (job), NULL);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Write Proposal"));
  gtk_window_set_default_size (GTK_WINDOW (window), 980, 820);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), parent);
      gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (parent));
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  title = adw_window_title_new (_("Write Proposal"), lancer_job_get_title (job));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (box), header);

  editor = lancer_proposal_editor_new (session, job);
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_box_append (GTK_BOX (content),
                  lancer_analysis_card_new (lancer_proposal_editor_get_service (LANCER_PROPOSAL_EDITOR (editor)), job));
  gtk_widget_set_vexpand (editor, TRUE);
  gtk_box_append (GTK_BOX (content), editor);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  return GTK_WINDOW (window);
}
