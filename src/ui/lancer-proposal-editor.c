/* lancer-proposal-editor.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-proposal-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-proposal-editor-private.h"
#include "lancer-settings-choice-private.h"

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

void
_lancer_proposal_editor_set_state (LancerProposalEditor *self,
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
  _lancer_proposal_editor_update_pane_titles (self);
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
  guint i = _lancer_proposal_editor_pane_of (self, buffer);
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
      _lancer_proposal_editor_set_state (self, "done");
      _lancer_proposal_editor_set_chosen (self, self->chosen);
      return;
    }

  /* Whatever arrived stays, marked partial; the service saved it. */
  for (guint i = 0; i < self->n_variants && i < N_PANES; i++)
    self->partial[i] = gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (self->view[i])) > 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _lancer_proposal_editor_set_state (self, "stopped");
      self->fix = LANCER_AI_FIX_RETRY;
      show_status (self, "media-playback-stop-symbolic", NULL,
                   _("Stopped. What was written so far is kept as a partial draft; edit it or write a new one."),
                   NULL);
      return;
    }

  _lancer_proposal_editor_set_state (self, "error");
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

void
_lancer_proposal_editor_start_writing (LancerProposalEditor *self)
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
  _lancer_proposal_editor_set_state (self, "streaming");
  lancer_ai_service_write_proposal_async (self->service, self->job, &options, delta_cb, self, NULL,
                                          self->cancellable, written_cb, g_object_ref (self));
}

void
lancer_proposal_editor_generate (LancerProposalEditor *self)
{
  g_return_if_fail (LANCER_IS_PROPOSAL_EDITOR (self));

  if (g_str_equal (self->state, "streaming") || g_str_equal (self->state, "consent"))
    return;
  if (lancer_ai_service_needs_consent (self->service))
    _lancer_proposal_editor_ask_consent (self);
  else
    _lancer_proposal_editor_start_writing (self);
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
  _lancer_proposal_editor_set_chosen (self, self->chosen);
  _lancer_proposal_editor_set_state (self, "done");
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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-proposal-editor.ui");
  _lancer_proposal_editor_class_variants_init (widget_class);
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
  g_signal_connect_object (self->ab_check, "toggled", G_CALLBACK (_lancer_proposal_editor_ab_toggled_cb), self, G_CONNECT_SWAPPED);
  _lancer_proposal_editor_set_state (self, "idle");
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

  _lancer_settings_bind_choice (self->settings, "ai-proposal-tone", self->tone_dropdown, tones);
  _lancer_settings_bind_choice (self->settings, "ai-proposal-length", self->length_dropdown, lengths);

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
