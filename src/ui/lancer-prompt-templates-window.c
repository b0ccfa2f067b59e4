/* lancer-prompt-templates-window.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-prompt-templates"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-prompt-templates-window.h"
#include "lancer-prompts.h"

struct _LancerPromptTemplatesWindow
{
  AdwWindow       parent_instance;

  char           *dir;
  gboolean        loading;

  AdwComboRow    *template_row;
  GtkLabel       *status_label;
  GtkTextView    *text_view;
  GtkButton      *save_button;
  GtkButton      *reset_button;
};

G_DEFINE_FINAL_TYPE (LancerPromptTemplatesWindow, lancer_prompt_templates_window, ADW_TYPE_WINDOW)

/* The rows of the template menu, in order. */
static const struct {
  LancerPromptKind  kind;
  LancerPromptPart  part;
  const char       *label;
} templates[] = {
  { LANCER_PROMPT_PROPOSAL, LANCER_PROMPT_PART_SYSTEM, N_("Proposal — Instructions") },
  { LANCER_PROMPT_PROPOSAL, LANCER_PROMPT_PART_USER, N_("Proposal — Request") },
  { LANCER_PROMPT_JOB_ANALYSIS, LANCER_PROMPT_PART_SYSTEM, N_("Job Analysis — Instructions") },
  { LANCER_PROMPT_JOB_ANALYSIS, LANCER_PROMPT_PART_USER, N_("Job Analysis — Request") },
  { LANCER_PROMPT_REPLY, LANCER_PROMPT_PART_SYSTEM, N_("Message Reply — Instructions") },
  { LANCER_PROMPT_REPLY, LANCER_PROMPT_PART_USER, N_("Message Reply — Request") },
  { LANCER_PROMPT_JSON_REPAIR, LANCER_PROMPT_PART_SYSTEM, N_("JSON Repair — Instructions") },
  { LANCER_PROMPT_JSON_REPAIR, LANCER_PROMPT_PART_USER, N_("JSON Repair — Request") },
};

static guint
current_index (LancerPromptTemplatesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->template_row);

  return i < G_N_ELEMENTS (templates) ? i : 0;
}

static char *
dup_buffer_text (LancerPromptTemplatesWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_status (LancerPromptTemplatesWindow *self)
{
  guint i = current_index (self);
  g_autofree char *text = dup_buffer_text (self);
  g_autofree char *saved = lancer_prompts_dup_template (templates[i].kind, templates[i].part, self->dir);
  const char *shipped = lancer_prompts_get_default (templates[i].kind, templates[i].part);
  gboolean edited = g_strcmp0 (text, saved) != 0;
  gboolean is_default = g_strcmp0 (saved, shipped) == 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), edited);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reset_button), edited || !is_default);
  if (edited)
    gtk_label_set_label (self->status_label, _("Unsaved changes"));
  else if (is_default)
    gtk_label_set_label (self->status_label, _("The shipped template"));
  else
    gtk_label_set_label (self->status_label, _("Your edited template, used for every request"));
}

static void
load_template (LancerPromptTemplatesWindow *self)
{
  guint i = current_index (self);
  g_autofree char *text = lancer_prompts_dup_template (templates[i].kind, templates[i].part, self->dir);

  self->loading = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text ? text : "", -1);
  self->loading = FALSE;
  update_status (self);
}

static void
template_selected_cb (LancerPromptTemplatesWindow *self)
{
  load_template (self);
}

static void
buffer_changed_cb (LancerPromptTemplatesWindow *self)
{
  if (!self->loading)
    update_status (self);
}

static void
save_text (LancerPromptTemplatesWindow *self,
           const char                  *text)
{
  guint i = current_index (self);
  g_autoptr(GError) error = NULL;

  if (!lancer_prompts_save_template (templates[i].kind, templates[i].part, self->dir, text, &error))
    {
      g_warning ("Could not save the template: %s", error->message);
      gtk_label_set_label (self->status_label, _("The template could not be saved"));
      return;
    }
  load_template (self);
}

static void
save_clicked_cb (LancerPromptTemplatesWindow *self)
{
  g_autofree char *text = dup_buffer_text (self);

  save_text (self, text);
}

static void
reset_clicked_cb (LancerPromptTemplatesWindow *self)
{
  save_text (self, NULL);
}

static void
lancer_prompt_templates_window_finalize (GObject *object)
{
  LancerPromptTemplatesWindow *self = LANCER_PROMPT_TEMPLATES_WINDOW (object);

  g_free (self->dir);

  G_OBJECT_CLASS (lancer_prompt_templates_window_parent_class)->finalize (object);
}

static void
lancer_prompt_templates_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LANCER_TYPE_PROMPT_TEMPLATES_WINDOW);

  G_OBJECT_CLASS (lancer_prompt_templates_window_parent_class)->dispose (object);
}

static void
lancer_prompt_templates_window_class_init (LancerPromptTemplatesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_prompt_templates_window_dispose;
  object_class->finalize = lancer_prompt_templates_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-prompt-templates-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerPromptTemplatesWindow, template_row);
  gtk_widget_class_bind_template_child (widget_class, LancerPromptTemplatesWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, LancerPromptTemplatesWindow, text_view);
  gtk_widget_class_bind_template_child (widget_class, LancerPromptTemplatesWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, LancerPromptTemplatesWindow, reset_button);
  gtk_widget_class_bind_template_callback (widget_class, template_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_clicked_cb);
}

static void
lancer_prompt_templates_window_init (LancerPromptTemplatesWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    gtk_string_list_append (names, _(templates[i].label));
  self->loading = TRUE;
  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (names));
  self->loading = FALSE;
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);
}

LancerPromptTemplatesWindow *
lancer_prompt_templates_window_new (GtkWindow  *parent,
                                    const char *dir)
{
  LancerPromptTemplatesWindow *self;

  self = g_object_new (LANCER_TYPE_PROMPT_TEMPLATES_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->dir = g_strdup (dir);
  load_template (self);
  return self;
}
