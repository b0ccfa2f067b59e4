/* lancer-metric-card.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-metric-card"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-metric-card.h"

struct _LancerMetricCard
{
  GtkWidget  parent_instance;

  char      *metric;

  GtkLabel  *title_label;
  GtkLabel  *value_label;
  GtkLabel  *detail_label;
  GtkLabel  *formula_label;
  GtkLabel  *sample_label;
  GtkWidget *rates_button;
};

enum {
  PROP_0,
  PROP_METRIC,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerMetricCard, lancer_metric_card, GTK_TYPE_WIDGET)

static const LancerMetric *
find_metric (LancerMetricsReport *report,
             const char          *key)
{
  for (guint id = 0; id < LANCER_N_METRICS; id++)
    {
      const LancerMetric *m = lancer_metrics_report_get_metric (report, id);

      if (g_strcmp0 (m->key, key) == 0)
        return m;
    }
  return NULL;
}

static void
set_detail (LancerMetricCard *self,
            const char       *detail)
{
  gtk_label_set_text (self->detail_label, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL && *detail != '\0');
}

void
lancer_metric_card_show (LancerMetricCard    *self,
                         LancerMetricsReport *report)
{
  const LancerMetric *m;
  g_autofree char *value = NULL;
  g_autofree char *sample = NULL;
  gboolean unknown, foreign = FALSE;

  g_return_if_fail (LANCER_IS_METRIC_CARD (self));
  g_return_if_fail (report != NULL);

  m = find_metric (report, self->metric);
  g_return_if_fail (m != NULL);

  value = lancer_metric_format (m);
  unknown = g_str_equal (value, "—");
  gtk_label_set_text (self->title_label, m->title);
  gtk_label_set_text (self->formula_label, m->formula);

  /* Unknown is not zero, and a rate of 3 records is no rate: "—", and
   * the card says why instead of showing $0.00 or 0 %. */
  gtk_label_set_text (self->value_label, unknown || m->too_few ? "—" : value);
  if (unknown || m->too_few)
    gtk_widget_add_css_class (GTK_WIDGET (self->value_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->value_label), "dim-label");

  if (unknown)
    set_detail (self, m->missing);
  else if (m->too_few)
    {
      g_autofree char *few = g_strdup_printf (ngettext ("Too few to say yet: %u record, %d needed",
                                                        "Too few to say yet: %u records, %d needed", m->n),
                                              m->n, LANCER_METRICS_MIN_SAMPLE);

      set_detail (self, few);
    }
  else if (m->unit == LANCER_METRIC_UNIT_MONEY_PER_HOUR)
    {
      /* The hours behind a rate, so it can be checked against the Work
       * Diary, which shows the same diary hours. */
      const LancerMetric *billed = lancer_metrics_report_get_metric (report, LANCER_METRIC_BILLED_HOURS);
      const LancerMetric *writing = lancer_metrics_report_get_metric (report, LANCER_METRIC_WRITING_HOURS);
      g_autofree char *diary = lancer_metrics_format_value (LANCER_METRIC_UNIT_HOURS, billed->value);
      g_autofree char *proposals = lancer_metrics_format_value (LANCER_METRIC_UNIT_HOURS, writing->value);
      /* Translators: hours worked as the Work Diary shows them, then hours spent writing proposals */
      g_autofree char *hours = g_strdup_printf (_("Over %s in the Work Diary and %s writing proposals."),
                                                diary, proposals);
      g_autofree char *detail = m->missing != NULL ? g_strconcat (hours, " ", m->missing, NULL) : NULL;

      set_detail (self, detail != NULL ? detail : hours);
    }
  else
    set_detail (self, m->missing);

  sample = g_strdup_printf (ngettext ("Based on %u record in this period.",
                                      "Based on %u records in this period.", m->n), m->n);
  if (m->too_few && !unknown)
    {
      /* The tentative number stays findable, one click away. */
      /* Translators: the sample sentence, then the value it gives so far */
      g_autofree char *so_far = g_strdup_printf (_("%s So far: %s."), sample, value);

      g_free (sample);
      sample = g_steal_pointer (&so_far);
    }
  gtk_label_set_text (self->sample_label, sample);

  for (guint c = 0; c < m->n_money; c++)
    foreign = foreign || !g_str_equal (m->money[c].currency, "USD");
  gtk_widget_set_visible (self->rates_button, foreign && m->unit == LANCER_METRIC_UNIT_MONEY);
}

const char *
lancer_metric_card_get_metric (LancerMetricCard *self)
{
  g_return_val_if_fail (LANCER_IS_METRIC_CARD (self), NULL);
  return self->metric;
}

const char *
lancer_metric_card_get_value (LancerMetricCard *self)
{
  g_return_val_if_fail (LANCER_IS_METRIC_CARD (self), NULL);
  return gtk_label_get_text (self->value_label);
}

static void
lancer_metric_card_dispose (GObject *object)
{
  LancerMetricCard *self = LANCER_METRIC_CARD (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_METRIC_CARD);
  /* The template's box is not a bound child: GTK 4.8 leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lancer_metric_card_parent_class)->dispose (object);
}

static void
lancer_metric_card_finalize (GObject *object)
{
  LancerMetricCard *self = LANCER_METRIC_CARD (object);

  g_free (self->metric);

  G_OBJECT_CLASS (lancer_metric_card_parent_class)->finalize (object);
}

static void
lancer_metric_card_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LancerMetricCard *self = LANCER_METRIC_CARD (object);

  switch (prop_id)
    {
    case PROP_METRIC:
      g_value_set_string (value, self->metric);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_metric_card_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LancerMetricCard *self = LANCER_METRIC_CARD (object);

  switch (prop_id)
    {
    case PROP_METRIC:
      g_free (self->metric);
      self->metric = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_metric_card_class_init (LancerMetricCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_metric_card_dispose;
  object_class->finalize = lancer_metric_card_finalize;
  object_class->get_property = lancer_metric_card_get_property;
  object_class->set_property = lancer_metric_card_set_property;

  properties [PROP_METRIC] =
    g_param_spec_string ("metric", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-metric-card.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerMetricCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, LancerMetricCard, value_label);
  gtk_widget_class_bind_template_child (widget_class, LancerMetricCard, detail_label);
  gtk_widget_class_bind_template_child (widget_class, LancerMetricCard, formula_label);
  gtk_widget_class_bind_template_child (widget_class, LancerMetricCard, sample_label);
  gtk_widget_class_bind_template_child (widget_class, LancerMetricCard, rates_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lancer_metric_card_init (LancerMetricCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
