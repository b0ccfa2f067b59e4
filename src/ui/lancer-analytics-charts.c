/* lancer-analytics-charts.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-analytics-charts"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-analytics-charts.h"

static const LancerGrouping group_choices[] = {
  LANCER_GROUP_CATEGORY, LANCER_GROUP_BUDGET, LANCER_GROUP_COUNTRY, LANCER_GROUP_VARIANT,
};

struct _LancerAnalyticsCharts
{
  GtkWidget            parent_instance;

  LancerMetricsReport *report;

  LancerChart         *funnel_chart;
  LancerChart         *rates_chart;
  LancerChart         *groups_chart;
  LancerChart         *earnings_chart;
  GtkLabel            *rates_title;
  GtkDropDown         *groups_dropdown;
  GtkDropDown         *earnings_dropdown;
  GtkLabel            *earnings_note;
};

G_DEFINE_FINAL_TYPE (LancerAnalyticsCharts, lancer_analytics_charts, GTK_TYPE_WIDGET)

static void
update_funnel (LancerAnalyticsCharts *self)
{
  const char *labels[LANCER_N_STAGES];
  double values[LANCER_N_STAGES];
  LancerChartSeries series = { _("Proposals"), values };

  for (guint s = 0; s < LANCER_N_STAGES; s++)
    {
      labels[s] = lancer_stage_get_label (s);
      values[s] = lancer_metrics_report_get_funnel (self->report, s);
    }
  lancer_chart_set_data (self->funnel_chart, values[0] > 0 ? LANCER_N_STAGES : 0, labels, NULL, &series, 1);
}

static void
update_rates (LancerAnalyticsCharts *self,
              gboolean               weekly)
{
  static const LancerStage stages[] = { LANCER_STAGE_VIEWED, LANCER_STAGE_REPLIED, LANCER_STAGE_INTERVIEWED,
                                        LANCER_STAGE_HIRED };
  static const char * const names[] = { N_("View rate"), N_("Reply rate"), N_("Interview rate"), N_("Win rate") };
  GPtrArray *groups;
  g_autofree const char **labels = NULL;
  g_autofree gint64 *times = NULL;
  g_autofree double *values = NULL;
  LancerChartSeries series[G_N_ELEMENTS (stages)];
  const char *title;
  guint n;

  groups = lancer_metrics_report_get_groups (self->report, weekly ? LANCER_GROUP_WEEK : LANCER_GROUP_MONTH);
  n = groups->len;
  labels = g_new0 (const char *, n + 1);
  times = g_new0 (gint64, n + 1);
  values = g_new0 (double, G_N_ELEMENTS (stages) * (n + 1));
  for (guint i = 0; i < n; i++)
    {
      LancerMetricsGroup *g = groups->pdata[i];

      labels[i] = g->label;
      times[i] = g->start;
      for (guint s = 0; s < G_N_ELEMENTS (stages); s++)
        values[s * n + i] = lancer_metrics_group_rate (g, stages[s]);
    }
  for (guint s = 0; s < G_N_ELEMENTS (stages); s++)
    series[s] = (LancerChartSeries) { _(names[s]), values + s * n };
  title = weekly ? _("Rates by week") : _("Rates by month");
  gtk_label_set_text (self->rates_title, title);
  lancer_chart_set_title (self->rates_chart, title);
  lancer_chart_set_data (self->rates_chart, n, labels, n > 1 ? times : NULL, series, G_N_ELEMENTS (stages));
}

#define MAX_GROUP_BARS 8

static void
update_groups (LancerAnalyticsCharts *self)
{
  static const LancerStage stages[] = { LANCER_STAGE_REPLIED, LANCER_STAGE_INTERVIEWED, LANCER_STAGE_HIRED };
  static const char * const names[] = { N_("Reply rate"), N_("Interview rate"), N_("Win rate") };
  guint choice = MIN (gtk_drop_down_get_selected (self->groups_dropdown), G_N_ELEMENTS (group_choices) - 1);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  double values[G_N_ELEMENTS (stages) * MAX_GROUP_BARS];
  LancerChartSeries series[G_N_ELEMENTS (stages)];
  GPtrArray *groups;
  const char *title;
  guint n;

  groups = lancer_metrics_report_get_groups (self->report, group_choices[choice]);
  n = MIN (groups->len, MAX_GROUP_BARS);
  for (guint i = 0; i < n; i++)
    {
      LancerMetricsGroup *g = groups->pdata[i];
      guint sent = g->count[LANCER_STAGE_SENT];

      /* Translators: a group and how many proposals went to it, e.g. "Design (12 sent)" */
      g_ptr_array_add (labels, g_strdup_printf (ngettext ("%s (%u sent)", "%s (%u sent)", sent), g->label, sent));
      for (guint s = 0; s < G_N_ELEMENTS (stages); s++)
        values[s * n + i] = lancer_metrics_group_rate (g, stages[s]);
    }
  for (guint s = 0; s < G_N_ELEMENTS (stages); s++)
    series[s] = (LancerChartSeries) { _(names[s]), values + s * n };
  g_ptr_array_add (labels, NULL);
  title = gtk_string_object_get_string (gtk_drop_down_get_selected_item (self->groups_dropdown));
  lancer_chart_set_title (self->groups_chart, title);
  lancer_chart_set_data (self->groups_chart, n, (const char * const *) labels->pdata, NULL, series,
                         G_N_ELEMENTS (stages));
}

static void
update_earnings (LancerAnalyticsCharts *self)
{
  gboolean by_category = gtk_drop_down_get_selected (self->earnings_dropdown) == 1;
  const LancerMetricsBreakdown *b = by_category ? lancer_metrics_report_get_earnings_by_category (self->report)
                                                : lancer_metrics_report_get_earnings_by_client (self->report);
  g_autofree LancerChartSeries *series = g_new0 (LancerChartSeries, MAX (b->n_series, 1));

  for (guint s = 0; s < b->n_series; s++)
    series[s] = (LancerChartSeries) { b->series[s], b->values + s * b->n_months };
  lancer_chart_set_title (self->earnings_chart, by_category ? _("Net earnings by month and category")
                                                            : _("Net earnings by month and client"));
  lancer_chart_set_data (self->earnings_chart, b->n_months, (const char * const *) b->month_labels,
                         NULL, series, b->n_series);
  gtk_label_set_text (self->earnings_note, b->note != NULL ? b->note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->earnings_note), b->note != NULL);
}

static void
choice_changed_cb (LancerAnalyticsCharts *self)
{
  if (self->report == NULL)
    return;
  update_groups (self);
  update_earnings (self);
}

void
lancer_analytics_charts_show (LancerAnalyticsCharts *self,
                              LancerMetricsReport   *report,
                              gboolean               weekly)
{
  g_return_if_fail (LANCER_IS_ANALYTICS_CHARTS (self));
  g_return_if_fail (report != NULL);

  if (self->report != report)
    {
      g_clear_pointer (&self->report, lancer_metrics_report_unref);
      self->report = lancer_metrics_report_ref (report);
    }
  update_funnel (self);
  update_rates (self, weekly);
  update_groups (self);
  update_earnings (self);
}

LancerChart *
lancer_analytics_charts_get_chart (LancerAnalyticsCharts *self,
                                   const char            *name)
{
  g_return_val_if_fail (LANCER_IS_ANALYTICS_CHARTS (self), NULL);

  if (g_strcmp0 (name, "funnel") == 0)
    return self->funnel_chart;
  if (g_strcmp0 (name, "rates") == 0)
    return self->rates_chart;
  if (g_strcmp0 (name, "groups") == 0)
    return self->groups_chart;
  if (g_strcmp0 (name, "earnings") == 0)
    return self->earnings_chart;
  return NULL;
}

static void
lancer_analytics_charts_dispose (GObject *object)
{
  LancerAnalyticsCharts *self = LANCER_ANALYTICS_CHARTS (object);
  GtkWidget *child;

  g_clear_pointer (&self->report, lancer_metrics_report_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_ANALYTICS_CHARTS);
  /* The template's flow box is not a bound child: GTK 4.8 leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lancer_analytics_charts_parent_class)->dispose (object);
}

static void
lancer_analytics_charts_class_init (LancerAnalyticsChartsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_analytics_charts_dispose;

  g_type_ensure (LANCER_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-analytics-charts.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsCharts, funnel_chart);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsCharts, rates_chart);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsCharts, groups_chart);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsCharts, earnings_chart);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsCharts, rates_title);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsCharts, groups_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsCharts, earnings_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsCharts, earnings_note);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lancer_analytics_charts_init (LancerAnalyticsCharts *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
