/* lancer-job-detail.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-job-detail"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lancer-format.h"
#include "lancer-job-detail.h"
#include "lancer-job-feed-model.h"
#include "lancer-red-flags.h"

struct _LancerJobDetail
{
  GtkWidget        parent_instance;

  LancerJob       *job;

  GtkStack        *stack;
  GtkButton       *back_button;
  GtkToggleButton *save_button;
  GtkLabel        *title_label;
  GtkLabel        *terms_label;
  GtkLabel        *score_label;
  GtkLabel        *reasons_label;
  GtkLabel        *score_note_label;
  GtkLabel        *client_label;
  GtkLabel        *flags_label;
  GtkLabel        *skills_label;
  GtkLabel        *description_label;
  GtkBox          *analysis_slot;
};

G_DEFINE_FINAL_TYPE (LancerJobDetail, lancer_job_detail, GTK_TYPE_WIDGET)

static char *
format_reasons (GPtrArray *reasons,
                guint      max)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < reasons->len && i < max; i++)
    {
      LancerScoreReason *r = g_ptr_array_index (reasons, i);

      g_string_append_printf (out, "%s%s %s", i > 0 ? "\n" : "", r->contribution >= 0 ? "▲" : "▼", r->text);
    }
  return g_string_free (out, FALSE);
}

static char *
format_client (LancerJob *job)
{
  GString *out = g_string_new (NULL);
  double spent = lancer_job_get_client_total_spent (job);
  double rate = lancer_job_compute_hire_rate (job);
  double rating = lancer_job_get_client_rating (job);
  const char *country = lancer_job_get_client_country (job);
  g_autofree char *money = lancer_format_money_compact (isnan (spent) ? 0 : spent, "USD");

  g_string_append (out, lancer_job_get_client_payment_verified (job) ? _("Payment verified") : _("Payment not verified"));
  g_string_append_printf (out, "\n%s", country != NULL && *country ? country : _("Country unknown"));
  /* Translators: "$12K spent · 5 hires of 8 jobs posted" */
  g_string_append_printf (out, "\n%s", _("Spent"));
  g_string_append_printf (out, " %s · ", money);
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%d hire", "%d hires", lancer_job_get_client_hires (job)),
                          lancer_job_get_client_hires (job));
  g_string_append (out, " · ");
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%d job posted", "%d jobs posted",
                                            lancer_job_get_client_jobs_posted (job)),
                          lancer_job_get_client_jobs_posted (job));
  if (!isnan (rate))
    /* Translators: computed as hires ÷ jobs posted */
    g_string_append_printf (out, "\n%s %.0f%%", _("Hire rate (hires ÷ jobs posted):"), rate * 100);
  else
    g_string_append_printf (out, "\n%s", _("Hire rate unknown: no jobs posted yet"));
  if (!isnan (rating) && rating > 0)
    g_string_append_printf (out, "\n%s ★ %.1f", _("Rating"), rating);
  else
    g_string_append_printf (out, "\n%s", _("No reviews yet"));
  return g_string_free (out, FALSE);
}

void
lancer_job_detail_set_job (LancerJobDetail *self,
                           LancerJob       *job,
                           LancerScorer    *scorer,
                           double           budget_floor,
                           double           rate_floor)
{
  g_autofree char *budget = NULL;
  g_autofree char *posted = NULL;
  g_autofree char *terms = NULL;
  g_autofree char *level = NULL;
  g_autofree char *client = NULL;
  g_autofree char *skills = NULL;
  GString *flags_text;
  LancerRedFlags flags;

  g_return_if_fail (LANCER_IS_JOB_DETAIL (self));

  g_set_object (&self->job, job);
  if (job == NULL || !lancer_job_get_loaded (job))
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }

  budget = lancer_format_job_budget (lancer_job_get_job_type (job) == LANCER_JOB_TYPE_HOURLY,
                                     lancer_job_get_budget (job), lancer_job_get_hourly_min (job),
                                     lancer_job_get_hourly_max (job), lancer_job_get_currency (job));
  posted = lancer_format_relative_time (lancer_job_get_posted_at (job), g_get_real_time () / G_USEC_PER_SEC);
  level = lancer_format_experience_level (lancer_job_get_experience_level (job));
  terms = level != NULL ? g_strdup_printf ("%s · %s · %s", budget, posted, level)
                        : g_strdup_printf ("%s · %s", budget, posted);
  gtk_label_set_text (self->title_label, lancer_job_get_title (job));
  gtk_label_set_text (self->terms_label, terms);
  gtk_toggle_button_set_active (self->save_button, lancer_job_get_saved (job));

  if (scorer != NULL)
    {
      g_autoptr(LancerScore) score = lancer_scorer_score (scorer, job, g_get_real_time () / G_USEC_PER_SEC);
      g_autofree char *head = NULL;
      g_autofree char *reasons = format_reasons (score->reasons, 4);

      /* Translators: the local success score, 0–100 */
      head = g_strdup_printf (_("Success score %.0f"), score->score);
      gtk_label_set_text (self->score_label, head);
      gtk_label_set_text (self->reasons_label, reasons);
      if (score->heuristic)
        {
          gtk_label_set_text (self->score_note_label, lancer_scorer_get_heuristic_formula ());
        }
      else
        {
          guint n = lancer_scorer_get_n_outcomes (scorer);
          g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "Learned from your %u proposal with an outcome (logistic regression).",
                                                                "Learned from your %u proposals with an outcome (logistic regression).",
                                                                n),
                                                   n);
          gtk_label_set_text (self->score_note_label, note);
        }
    }

  client = format_client (job);
  gtk_label_set_text (self->client_label, client);
  flags = lancer_red_flags_check (job, budget_floor, rate_floor);
  flags_text = g_string_new (NULL);
  for (guint bit = 1; bit <= LANCER_RED_FLAG_OFF_PLATFORM; bit <<= 1)
    if (flags & bit)
      g_string_append_printf (flags_text, "%s⚠ %s — %s", flags_text->len ? "\n" : "",
                              lancer_red_flag_get_title (bit), lancer_red_flag_get_description (bit));
  if (flags_text->len == 0)
    g_string_append (flags_text, _("No red flags found"));
  gtk_label_set_text (self->flags_label, flags_text->str);
  g_string_free (flags_text, TRUE);

  if (lancer_job_get_skills (job) != NULL)
    skills = g_strjoinv (" · ", (char **) lancer_job_get_skills (job));
  gtk_label_set_text (self->skills_label, skills != NULL ? skills : "");
  gtk_widget_set_visible (GTK_WIDGET (self->skills_label), skills != NULL && *skills != '\0');
  gtk_label_set_text (self->description_label, lancer_job_get_description (job));
  gtk_stack_set_visible_child_name (self->stack, "job");
}

LancerJob *
lancer_job_detail_get_job (LancerJobDetail *self)
{
  g_return_val_if_fail (LANCER_IS_JOB_DETAIL (self), NULL);
  return self->job;
}

GtkBox *
lancer_job_detail_get_analysis_slot (LancerJobDetail *self)
{
  g_return_val_if_fail (LANCER_IS_JOB_DETAIL (self), NULL);
  return self->analysis_slot;
}

void
lancer_job_detail_set_show_back (LancerJobDetail *self,
                                 gboolean         show_back)
{
  g_return_if_fail (LANCER_IS_JOB_DETAIL (self));
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show_back);
}

static void
lancer_job_detail_dispose (GObject *object)
{
  LancerJobDetail *self = LANCER_JOB_DETAIL (object);
  GtkWidget *child;

  g_clear_object (&self->job);
  gtk_widget_dispose_template (GTK_WIDGET (object), LANCER_TYPE_JOB_DETAIL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lancer_job_detail_parent_class)->dispose (object);
}

static void
lancer_job_detail_class_init (LancerJobDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_job_detail_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-job-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, back_button);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, save_button);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, terms_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, score_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, reasons_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, score_note_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, client_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, flags_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, skills_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, description_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, analysis_slot);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lancer_job_detail_init (LancerJobDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lancer_job_detail_new (void)
{
  return g_object_new (LANCER_TYPE_JOB_DETAIL, NULL);
}
