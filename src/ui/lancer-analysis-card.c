/* lancer-analysis-card.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-analysis-card"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-ai-error-ui.h"
#include "lancer-analysis-card.h"

struct _LancerAnalysisCard
{
  GtkWidget        parent_instance;

  LancerAiService *service;
  LancerJob       *job;
  GCancellable    *cancellable;
  LancerAiFix      fix;
  const char      *state;

  GtkWidget       *box;
  GtkSpinner      *spinner;
  GtkButton       *analyse_button;
  GtkWidget       *pages;
  GtkWidget       *empty_label;
  GtkWidget       *result_page;
  GtkWidget       *error_page;
  GtkLabel        *score_label;
  GtkLevelBar     *score_bar;
  GtkLabel        *summary_label;
  GtkWidget       *flags_title;
  GtkLabel        *flags_label;
  GtkWidget       *questions_title;
  GtkLabel        *questions_label;
  GtkLabel        *rate_label;
  GtkLabel        *error_label;
  GtkButton       *error_button;
};

G_DEFINE_FINAL_TYPE (LancerAnalysisCard, lancer_analysis_card, GTK_TYPE_WIDGET)

static char *
bullets (char **items)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    g_string_append_printf (text, "%s• %s", i > 0 ? "\n" : "", items[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* One of "empty", "result", "error". */
static void
show_page (LancerAnalysisCard *self,
           const char         *name)
{
  gtk_widget_set_visible (self->empty_label, g_str_equal (name, "empty"));
  gtk_widget_set_visible (self->result_page, g_str_equal (name, "result"));
  gtk_widget_set_visible (self->error_page, g_str_equal (name, "error"));
}

static void
set_busy (LancerAnalysisCard *self,
          gboolean            busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->analyse_button), !busy);
}

static void
show_analysis (LancerAnalysisCard      *self,
               const LancerJobAnalysis *analysis)
{
  g_autofree char *score = g_strdup_printf ("%d", analysis->fit_score);
  g_autofree char *flags = bullets (analysis->red_flags);
  g_autofree char *questions = bullets (analysis->questions);
  g_autofree char *rate = NULL;
  gboolean has_flags = analysis->red_flags[0] != NULL;
  gboolean has_questions = analysis->questions[0] != NULL;

  gtk_label_set_label (self->score_label, score);
  gtk_level_bar_set_value (self->score_bar, analysis->fit_score);
  gtk_label_set_label (self->summary_label, analysis->summary);
  gtk_label_set_label (self->flags_label, flags);
  gtk_widget_set_visible (self->flags_title, has_flags);
  gtk_widget_set_visible (GTK_WIDGET (self->flags_label), has_flags);
  gtk_label_set_label (self->questions_label, questions);
  gtk_widget_set_visible (self->questions_title, has_questions);
  gtk_widget_set_visible (GTK_WIDGET (self->questions_label), has_questions);
  if (g_strcmp0 (analysis->rate_unit, "hour") == 0)
    rate = g_strdup_printf (_("Suggested rate: %.0f %s per hour"), analysis->rate_amount, analysis->rate_currency);
  else
    rate = g_strdup_printf (_("Suggested price: %.0f %s"), analysis->rate_amount, analysis->rate_currency);
  gtk_label_set_label (self->rate_label, rate);
  gtk_button_set_label (self->analyse_button, _("Analyse _Again"));
  show_page (self, "result");
  self->state = "result";
}

static void
analysed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LancerAnalysisCard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerJobAnalysis) analysis = NULL;

  analysis = lancer_ai_service_analyse_finish (LANCER_AI_SERVICE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (analysis == NULL)
    {
      self->fix = lancer_ai_error_ui_get_fix (error);
      gtk_label_set_label (self->error_label, error->message);
      gtk_button_set_label (self->error_button, lancer_ai_error_ui_fix_label (self->fix));
      gtk_button_set_use_underline (self->error_button, TRUE);
      show_page (self, "error");
      self->state = "error";
      return;
    }
  show_analysis (self, analysis);
}

void
lancer_analysis_card_analyse (LancerAnalysisCard *self)
{
  g_return_if_fail (LANCER_IS_ANALYSIS_CARD (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  self->state = "loading";
  lancer_ai_service_analyse_async (self->service, self->job, self->cancellable,
                                   analysed_cb, g_object_ref (self));
}

static void
analyse_clicked_cb (LancerAnalysisCard *self)
{
  lancer_analysis_card_analyse (self);
}

static void
error_clicked_cb (LancerAnalysisCard *self)
{
  GSettings *settings = lancer_session_get_settings (lancer_ai_service_get_session (self->service));

  if (lancer_ai_error_ui_apply_fix (GTK_WIDGET (self), self->fix, settings))
    lancer_analysis_card_analyse (self);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LancerAnalysisCard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerJobAnalysis) analysis = NULL;

  analysis = lancer_store_ai_load_analysis_finish (LANCER_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || g_strcmp0 (self->state, "empty") != 0)
    return;
  if (error != NULL)
    g_warning ("Could not load the job's analysis: %s", error->message);
  if (analysis != NULL)
    show_analysis (self, analysis);
}

static void
lancer_analysis_card_dispose (GObject *object)
{
  LancerAnalysisCard *self = LANCER_ANALYSIS_CARD (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_ANALYSIS_CARD);
  /* GTK 4.8 leaves unnamed template children parented. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->service);
  g_clear_object (&self->job);

  G_OBJECT_CLASS (lancer_analysis_card_parent_class)->dispose (object);
}

static void
lancer_analysis_card_class_init (LancerAnalysisCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_analysis_card_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-analysis-card.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerAnalysisCard, box);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalysisCard, spinner);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalysisCard, analyse_button);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalysisCard, pages);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalysisCard, empty_label);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalysisCard, result_page);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalysisCard, error_page);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalysisCard, score_label);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalysisCard, score_bar);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalysisCard, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalysisCard, flags_title);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalysisCard, flags_label);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalysisCard, questions_title);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalysisCard, questions_label);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalysisCard, rate_label);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalysisCard, error_label);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalysisCard, error_button);
  gtk_widget_class_bind_template_callback (widget_class, analyse_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, error_clicked_cb);
}

static void
lancer_analysis_card_init (LancerAnalysisCard *self)
{
  self->state = "empty";
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
}

GtkWidget *
lancer_analysis_card_new (LancerAiService *service,
                          LancerJob       *job)
{
  LancerAnalysisCard *self;
  LancerStore *store;

  g_return_val_if_fail (LANCER_IS_AI_SERVICE (service), NULL);
  g_return_val_if_fail (LANCER_IS_JOB (job), NULL);

  self = g_object_new (LANCER_TYPE_ANALYSIS_CARD, NULL);
  self->service = g_object_ref (service);
  self->job = g_object_ref (job);
  self->cancellable = g_cancellable_new ();

  store = lancer_session_get_store (lancer_ai_service_get_session (service));
  if (store != NULL)
    lancer_store_ai_load_analysis_async (store, lancer_job_get_id (job), self->cancellable,
                                         loaded_cb, g_object_ref (self));
  return GTK_WIDGET (self);
}

const char *
lancer_analysis_card_get_state (LancerAnalysisCard *self)
{
  g_return_val_if_fail (LANCER_IS_ANALYSIS_CARD (self), NULL);
  return self->state;
}
