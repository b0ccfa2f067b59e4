/* lancer-job-row.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-job-row"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lancer-format.h"
#include "lancer-job-feed-model.h"
#include "lancer-job-row.h"

struct _LancerJobRow
{
  GtkWidget  parent_instance;

  GtkLabel  *title_label;
  GtkLabel  *new_label;
  GtkLabel  *score_label;
  GtkLabel  *terms_label;
  GtkLabel  *client_label;

  LancerJob *job;          /* followed: the feed updates jobs in place */
};

G_DEFINE_FINAL_TYPE (LancerJobRow, lancer_job_row, GTK_TYPE_WIDGET)

static char *
format_terms (LancerJob *job)
{
  g_autofree char *budget = NULL;
  g_autofree char *posted = NULL;
  g_autofree char *proposals = NULL;
  int n = lancer_job_get_proposals (job);

  budget = lancer_format_job_budget (lancer_job_get_job_type (job) == LANCER_JOB_TYPE_HOURLY,
                                     lancer_job_get_budget (job),
                                     lancer_job_get_hourly_min (job),
                                     lancer_job_get_hourly_max (job),
                                     lancer_job_get_currency (job));
  posted = lancer_format_relative_time (lancer_job_get_posted_at (job),
                                        g_get_real_time () / G_USEC_PER_SEC);
  if (n >= 0)
    proposals = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d proposal", "%d proposals", n), n);
  else
    proposals = g_strdup (_("Proposals unknown"));
  return g_strjoin (" · ", budget, posted, proposals, NULL);
}

static char *
format_client (LancerJob *job)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  double spent = lancer_job_get_client_total_spent (job);
  double hire_rate = lancer_job_get_client_hire_rate (job);
  double rating = lancer_job_get_client_rating (job);
  const char *country = lancer_job_get_client_country (job);
  char *line;

  g_ptr_array_add (parts, g_strdup (lancer_job_get_client_payment_verified (job)
                                    ? _("Payment verified") : _("Payment not verified")));
  if (!isnan (spent) && spent > 0)
    {
      g_autofree char *money = lancer_format_money_compact (spent, "USD");
      /* Translators: how much the client has spent on Upwork, e.g. "$12K spent" */
      g_ptr_array_add (parts, g_strdup_printf (_("%s spent"), money));
    }
  else
    g_ptr_array_add (parts, g_strdup (_("No spend yet")));
  if (!isnan (hire_rate))
    /* Translators: the client's hire rate, e.g. "hires 75%" */
    g_ptr_array_add (parts, g_strdup_printf (_("hires %.0f%%"), hire_rate * 100));
  if (!isnan (rating) && rating > 0)
    g_ptr_array_add (parts, g_strdup_printf ("★ %.1f", rating));
  if (country != NULL && *country != '\0')
    g_ptr_array_add (parts, g_strdup (country));
  g_ptr_array_add (parts, NULL);
  line = g_strjoinv (" · ", (char **) parts->pdata);
  g_ptr_array_unref (parts);
  return line;
}

static void
show_job (LancerJobRow *self)
{
  LancerJob *job = self->job;
  g_autofree char *terms = NULL;
  g_autofree char *client = NULL;

  if (job == NULL || !lancer_job_get_loaded (job))
    {
      /* A row still loading keeps its height, so scrolling never jumps. */
      gtk_label_set_text (self->title_label, _("Loading…"));
      gtk_label_set_text (self->terms_label, " ");
      gtk_label_set_text (self->client_label, " ");
      gtk_widget_set_visible (GTK_WIDGET (self->new_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->score_label), FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self), "dim-label");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self), "dim-label");
  terms = format_terms (job);
  client = format_client (job);
  gtk_label_set_text (self->title_label, lancer_job_get_title (job));
  gtk_label_set_text (self->terms_label, terms);
  gtk_label_set_text (self->client_label, client);
  gtk_widget_set_visible (GTK_WIDGET (self->new_label), !lancer_job_get_seen (job));
  {
    double score = lancer_job_get_score (job);

    if (!isnan (score))
      {
        g_autofree char *text = g_strdup_printf ("%.0f", score);

        gtk_label_set_text (self->score_label, text);
      }
    gtk_widget_set_visible (GTK_WIDGET (self->score_label), !isnan (score));
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, lancer_job_get_title (job),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, terms,
                                  -1);
}

void
lancer_job_row_set_job (LancerJobRow *self,
                        LancerJob    *job)
{
  g_return_if_fail (LANCER_IS_JOB_ROW (self));
  g_return_if_fail (job == NULL || LANCER_IS_JOB (job));

  if (self->job != job)
    {
      if (self->job != NULL)
        g_signal_handlers_disconnect_by_func (self->job, show_job, self);
      g_set_object (&self->job, job);
      /* a new score or flag: the labels change, the row stays */
      if (job != NULL)
        g_signal_connect_swapped (job, "notify", G_CALLBACK (show_job), self);
    }
  show_job (self);
}

static void
lancer_job_row_dispose (GObject *object)
{
  LancerJobRow *self = LANCER_JOB_ROW (object);
  GtkWidget *child;

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_func (self->job, show_job, self);
  g_clear_object (&self->job);
  gtk_widget_dispose_template (GTK_WIDGET (object), LANCER_TYPE_JOB_ROW);
  /* GTK 4.8 leaves unnamed template children parented. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lancer_job_row_parent_class)->dispose (object);
}

static void
lancer_job_row_class_init (LancerJobRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_job_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-job-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerJobRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobRow, new_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobRow, score_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobRow, terms_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobRow, client_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lancer_job_row_init (LancerJobRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lancer_job_row_new (void)
{
  return g_object_new (LANCER_TYPE_JOB_ROW, NULL);
}
