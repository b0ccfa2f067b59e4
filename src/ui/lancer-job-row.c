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
#include "lancer-job-row.h"
#include "lancer-spoken-label-private.h"

struct _LancerJobRow
{
  GtkWidget  parent_instance;

  LancerJob *job;
  char      *spoken;   /* the accessible label last set */
};

enum {
  PROP_0,
  PROP_JOB,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerJobRow, lancer_job_row, GTK_TYPE_WIDGET)

/* Closures of the template. The extra arguments are only there so the
 * binding is evaluated again when those properties change. */

static char *
title_text (gpointer   this,
            LancerJob *job,
            gboolean   loaded,
            const char *title)
{
  /* A row still loading keeps its height, so scrolling never jumps. */
  return g_strdup (job != NULL && loaded ? title : _("Loading…"));
}

static char *
terms_text (gpointer   this,
            LancerJob *job,
            gboolean   loaded,
            int        n_proposals)
{
  g_autofree char *budget = NULL;
  g_autofree char *posted = NULL;
  g_autofree char *proposals = NULL;

  if (job == NULL || !loaded)
    return g_strdup (" ");
  budget = lancer_format_job_budget (lancer_job_get_job_type (job) == LANCER_JOB_TYPE_HOURLY,
                                     lancer_job_get_budget (job),
                                     lancer_job_get_hourly_min (job),
                                     lancer_job_get_hourly_max (job),
                                     lancer_job_get_currency (job));
  posted = lancer_format_relative_time (lancer_job_get_posted_at (job), g_get_real_time () / G_USEC_PER_SEC);
  if (n_proposals >= 0)
    proposals = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d proposal", "%d proposals", n_proposals),
                                 n_proposals);
  else
    proposals = g_strdup (_("Proposals unknown"));
  return g_strjoin (" · ", budget, posted, proposals, NULL);
}

static char *
client_text (gpointer   this,
             LancerJob *job,
             gboolean   loaded)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  double spent, hire_rate, rating;
  const char *country;

  if (job == NULL || !loaded)
    return g_strdup (" ");
  spent = lancer_job_get_client_total_spent (job);
  hire_rate = lancer_job_get_client_hire_rate (job);
  rating = lancer_job_get_client_rating (job);
  country = lancer_job_get_client_country (job);
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
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static gboolean
new_visible (gpointer this,
             gboolean loaded,
             gboolean seen)
{
  return loaded && !seen;
}

static gboolean
score_visible (gpointer this,
               gboolean loaded,
               double   score)
{
  return loaded && !isnan (score);
}

static char *
score_text (gpointer this,
            double   score)
{
  return isnan (score) ? g_strdup ("") : g_strdup_printf ("%.0f", score);
}

static gboolean
saved_visible (gpointer this,
               gboolean loaded,
               gboolean saved)
{
  return loaded && saved;
}

/* One sentence for a screen reader: GTK 4.8 does not name a row from the
 * labels inside it. */
static void
update_accessible_label (LancerJobRow *self)
{
  LancerJob *job = self->job;
  g_autofree char *terms = NULL;
  g_autofree char *client = NULL;
  g_autofree char *label = NULL;

  if (job == NULL || !lancer_job_get_loaded (job))
    {
      _lancer_row_set_spoken (GTK_WIDGET (self), &self->spoken, _("Loading…"));
      return;
    }
  terms = terms_text (NULL, job, TRUE, lancer_job_get_proposals (job));
  client = client_text (NULL, job, TRUE);
  label = g_strdup_printf ("%s. %s. %s", lancer_job_get_title (job), terms, client);
  _lancer_row_set_spoken (GTK_WIDGET (self), &self->spoken, label);
}

LancerJob *
lancer_job_row_get_job (LancerJobRow *self)
{
  g_return_val_if_fail (LANCER_IS_JOB_ROW (self), NULL);
  return self->job;
}

void
lancer_job_row_set_job (LancerJobRow *self,
                        LancerJob    *job)
{
  g_return_if_fail (LANCER_IS_JOB_ROW (self));
  g_return_if_fail (job == NULL || LANCER_IS_JOB (job));

  if (self->job == job)
    return;
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_func (self->job, update_accessible_label, self);
  g_set_object (&self->job, job);
  /* A row's job is often a placeholder that loads a moment later, and a
   * sync updates a listed job in place. */
  if (job != NULL)
    g_signal_connect_object (job, "notify", G_CALLBACK (update_accessible_label), self, G_CONNECT_SWAPPED);
  update_accessible_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_JOB]);
}

static void
lancer_job_row_dispose (GObject *object)
{
  LancerJobRow *self = LANCER_JOB_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), LANCER_TYPE_JOB_ROW);
  /* GTK 4.8 leaves unnamed template children parented. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->job);
  g_clear_pointer (&self->spoken, g_free);

  G_OBJECT_CLASS (lancer_job_row_parent_class)->dispose (object);
}

static void
lancer_job_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_JOB:
      g_value_set_object (value, LANCER_JOB_ROW (object)->job);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_job_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_JOB:
      lancer_job_row_set_job (LANCER_JOB_ROW (object), g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_job_row_class_init (LancerJobRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_job_row_dispose;
  object_class->get_property = lancer_job_row_get_property;
  object_class->set_property = lancer_job_row_set_property;

  properties [PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL, LANCER_TYPE_JOB,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-job-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, title_text);
  gtk_widget_class_bind_template_callback (widget_class, terms_text);
  gtk_widget_class_bind_template_callback (widget_class, client_text);
  gtk_widget_class_bind_template_callback (widget_class, new_visible);
  gtk_widget_class_bind_template_callback (widget_class, score_visible);
  gtk_widget_class_bind_template_callback (widget_class, score_text);
  gtk_widget_class_bind_template_callback (widget_class, saved_visible);
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
