/* lancer-analytics-page.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The funnel from proposal to money: metric cards that say how they are
 * computed, four charts, the A/B results, and one Export dialog. The
 * report is loaded and computed on the store's worker thread; this file
 * only lays it out.
 */
#define G_LOG_DOMAIN "lancer-analytics-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "lancer-ab-row.h"
#include "lancer-format.h"
#include "lancer-analytics-charts.h"
#include "lancer-analytics-page-private.h"
#include "lancer-analytics-report.h"
#include "lancer-exchange-rates-dialog.h"
#include "lancer-export-dialog.h"
#include "lancer-metric-card.h"
#include "lancer-store-metrics.h"

struct _LancerAnalyticsPage
{
  LancerPage            parent_instance;

  LancerMetricsReport  *report;
  guint                 report_serial;   /* bumped for every new report */
  LancerAnalyticsRange  range;
  gint64                custom_from;
  gint64                custom_to;
  GSignalGroup         *settings_signals;

  AdwToastOverlay      *toast_overlay;
  GtkWidget            *toolbar;
  GtkWidget            *export_button;
  GtkDropDown          *range_dropdown;
  GtkMenuButton        *custom_button;
  GtkPopover           *custom_popover;
  GtkCalendar          *from_calendar;
  GtkCalendar          *to_calendar;
  GtkLabel             *range_label;
  GtkFlowBox           *kpi_box;
  LancerAnalyticsCharts *charts;
  GtkWidget            *ab_warning;
  GtkListBox           *ab_list;
};

enum {
  REPORT_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LancerAnalyticsPage, lancer_analytics_page, LANCER_TYPE_PAGE)

/* Range */

static void
get_range (LancerAnalyticsPage *self,
           gint64              *from,
           gint64              *to)
{
  static const LancerMetricsRange ranges[] = {
    [LANCER_ANALYTICS_RANGE_30_DAYS] = LANCER_METRICS_RANGE_30_DAYS,
    [LANCER_ANALYTICS_RANGE_90_DAYS] = LANCER_METRICS_RANGE_90_DAYS,
    [LANCER_ANALYTICS_RANGE_12_MONTHS] = LANCER_METRICS_RANGE_12_MONTHS,
    [LANCER_ANALYTICS_RANGE_ALL_TIME] = LANCER_METRICS_RANGE_ALL_TIME,
  };

  if (self->range == LANCER_ANALYTICS_RANGE_CUSTOM)
    {
      *from = self->custom_from;
      *to = self->custom_to;
      return;
    }
  /* Whole local days, computed by the same code as `lancer-cli stats`. */
  lancer_metrics_range_bounds (ranges[MIN (self->range, LANCER_ANALYTICS_RANGE_ALL_TIME)], NULL,
                               g_get_real_time () / G_USEC_PER_SEC, from, to);
}

static char *
describe_range (LancerAnalyticsPage *self)
{
  gint64 from, to;
  g_autoptr(GDateTime) dfrom = NULL;
  g_autoptr(GDateTime) dto = NULL;
  g_autofree char *sfrom = NULL;
  g_autofree char *sto = NULL;

  if (self->range == LANCER_ANALYTICS_RANGE_ALL_TIME)
    return g_strdup (_("All time"));
  get_range (self, &from, &to);
  dfrom = g_date_time_new_from_unix_local (from);
  dto = g_date_time_new_from_unix_local (to == G_MAXINT64 ? g_get_real_time () / G_USEC_PER_SEC : to - 1);
  sfrom = lancer_format_date (g_date_time_to_unix (dfrom));
  sto = lancer_format_date (g_date_time_to_unix (dto));
  /* TRANSLATORS: a period, e.g. 01/02/26 – 03/04/26 */
  return g_strdup_printf (_("%s – %s"), sfrom, sto);
}

/* Showing the report */

/* Rates over time by week for short periods, else by month. */
static gboolean
shows_weeks (LancerAnalyticsPage *self)
{
  gint64 from, to;

  get_range (self, &from, &to);
  return self->range == LANCER_ANALYTICS_RANGE_30_DAYS || self->range == LANCER_ANALYTICS_RANGE_90_DAYS ||
         (self->range == LANCER_ANALYTICS_RANGE_CUSTOM && to - from <= 120 * 86400);
}

static void
update_kpis (LancerAnalyticsPage *self)
{
  GtkFlowBoxChild *child;

  for (int i = 0; (child = gtk_flow_box_get_child_at_index (self->kpi_box, i)) != NULL; i++)
    lancer_metric_card_show (LANCER_METRIC_CARD (gtk_flow_box_child_get_child (child)), self->report);
}

static void
append_ab_row (LancerAnalyticsPage *self,
               const char          *title,
               const char          *subtitle,
               const char          *icon_name)
{
  gtk_list_box_append (self->ab_list, lancer_ab_row_new (title, subtitle, icon_name));
}

/* The verdict first, then every variant, then the rule in plain words. */
static void
update_ab (LancerAnalyticsPage *self)
{
  const LancerAbTest *ab = lancer_metrics_report_get_ab_test (self->report);
  g_autofree char *rule = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ab_list))) != NULL)
    gtk_list_box_remove (self->ab_list, child);

  if (ab->variants->len < 2)
    {
      append_ab_row (self, _("No variants to compare yet"),
                     _("Send proposals from two or more variants of your template to see which wins more."), NULL);
      gtk_widget_set_visible (self->ab_warning, FALSE);
      return;
    }

  append_ab_row (self, ab->verdict, NULL, ab->winner >= 0 ? "emblem-ok-symbolic" : NULL);
  for (guint i = 0; i < ab->variants->len; i++)
    {
      LancerAbVariant *v = ab->variants->pdata[i];
      g_autofree char *text = lancer_analytics_ab_variant_text (v);

      append_ab_row (self, v->name, text, NULL);
    }
  rule = lancer_ab_dup_rule_text ();
  append_ab_row (self, _("The rule"), rule, NULL);
  gtk_widget_set_visible (self->ab_warning, ab->too_few);
}

static void
show_report (LancerAnalyticsPage *self)
{
  g_autofree char *period = describe_range (self);
  g_autofree char *summary = NULL;
  g_autofree char *sent = NULL;
  guint n_sent;

  if (lancer_metrics_report_is_empty (self->report))
    {
      /* The worker counted all time as well: another period only helps
       * when there is something outside this one. */
      gboolean nothing_ever = self->range == LANCER_ANALYTICS_RANGE_ALL_TIME ||
                              lancer_metrics_report_is_empty_all_time (self->report);

      gtk_widget_set_visible (self->toolbar, !nothing_ever);
      gtk_widget_set_sensitive (self->export_button, FALSE);
      if (nothing_ever)
        lancer_page_show_empty (LANCER_PAGE (self), "lancer-analytics-symbolic", _("Nothing to Measure Yet"),
                                _("Once you send proposals, Lancer shows your win rate, cost per win and "
                                  "effective hourly rate, each with the formula behind it."));
      else
        lancer_page_show_empty (LANCER_PAGE (self), "lancer-analytics-symbolic", _("Nothing in This Period"),
                                _("No proposals, payments, work hours or AI calls fall in this period. "
                                  "Choose a longer one above."));
      return;
    }

  n_sent = lancer_metrics_report_get_funnel (self->report, LANCER_STAGE_SENT);
  sent = g_strdup_printf (ngettext ("%u proposal sent", "%u proposals sent", n_sent), n_sent);
  /* Translators: the period and "12 proposals sent" */
  summary = g_strdup_printf (C_("analytics period", "%s · %s"), period, sent);
  gtk_label_set_text (self->range_label, summary);
  update_kpis (self);
  lancer_analytics_charts_show (self->charts, self->report, shows_weeks (self));
  update_ab (self);
  gtk_widget_set_visible (self->toolbar, TRUE);
  gtk_widget_set_sensitive (self->export_button, TRUE);
  lancer_page_show_content (LANCER_PAGE (self));
}

static void
report_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  LancerMetricsReport *report = lancer_metrics_report_finish (LANCER_STORE (source), result, &error);
  LancerAnalyticsPage *self;

  /* Cancelled: the page may be gone. */
  if (report == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = LANCER_ANALYTICS_PAGE (user_data);
  if (report == NULL)
    {
      lancer_page_show_error (LANCER_PAGE (self), error);
      return;
    }
  g_clear_pointer (&self->report, lancer_metrics_report_unref);
  self->report = report;
  self->report_serial++;
  show_report (self);
  g_signal_emit (self, signals[REPORT_CHANGED], 0);
}

static void
lancer_analytics_page_reload (LancerPage   *page,
                              LancerStore  *store,
                              GCancellable *cancellable)
{
  LancerAnalyticsPage *self = LANCER_ANALYTICS_PAGE (page);
  GSettings *settings = lancer_page_get_settings (page);
  LancerMetricsOptions options;
  gint64 from, to;

  /* New exchange rates change the figures. */
  g_signal_group_set_target (self->settings_signals, settings);
  get_range (self, &from, &to);
  lancer_metrics_options_init (&options);
  lancer_metrics_options_load_rates (&options, settings);
  lancer_metrics_report_async (store, from, to, &options, cancellable, report_ready_cb, self);
}

static void
lancer_analytics_page_reset (LancerPage *page)
{
  LancerAnalyticsPage *self = LANCER_ANALYTICS_PAGE (page);

  g_clear_pointer (&self->report, lancer_metrics_report_unref);
  g_signal_group_set_target (self->settings_signals, NULL);
  gtk_widget_set_visible (self->toolbar, FALSE);
}

/* Public */

void
lancer_analytics_page_set_range (LancerAnalyticsPage  *self,
                                 LancerAnalyticsRange  range)
{
  g_return_if_fail (LANCER_IS_ANALYTICS_PAGE (self));

  if (gtk_drop_down_get_selected (self->range_dropdown) != (guint) range)
    {
      gtk_drop_down_set_selected (self->range_dropdown, range);   /* calls back here */
      return;
    }
  if (self->range == range)
    return;
  self->range = range;
  gtk_widget_set_visible (GTK_WIDGET (self->custom_button), range == LANCER_ANALYTICS_RANGE_CUSTOM);
  if (range == LANCER_ANALYTICS_RANGE_CUSTOM && self->custom_to <= self->custom_from)
    {
      gtk_menu_button_popup (self->custom_button);
      return;
    }
  lancer_page_queue_reload (LANCER_PAGE (self));
}

void
lancer_analytics_page_set_custom_range (LancerAnalyticsPage *self,
                                        gint64               from,
                                        gint64               to)
{
  g_return_if_fail (LANCER_IS_ANALYTICS_PAGE (self));

  self->custom_from = from;
  self->custom_to = MAX (to, from + 86400);
  if (self->range != LANCER_ANALYTICS_RANGE_CUSTOM)
    lancer_analytics_page_set_range (self, LANCER_ANALYTICS_RANGE_CUSTOM);
  else
    lancer_page_queue_reload (LANCER_PAGE (self));
}

LancerMetricsReport *
lancer_analytics_page_get_report (LancerAnalyticsPage *self)
{
  g_return_val_if_fail (LANCER_IS_ANALYTICS_PAGE (self), NULL);
  return self->report;
}

guint
lancer_analytics_page_get_report_serial (LancerAnalyticsPage *self)
{
  g_return_val_if_fail (LANCER_IS_ANALYTICS_PAGE (self), 0);
  return self->report_serial;
}

LancerChart *
lancer_analytics_page_get_chart (LancerAnalyticsPage *self,
                                 const char          *name)
{
  g_return_val_if_fail (LANCER_IS_ANALYTICS_PAGE (self), NULL);
  return lancer_analytics_charts_get_chart (self->charts, name);
}

/* Exports */

GBytes *
lancer_analytics_page_export_bytes (LancerAnalyticsPage  *self,
                                    const char           *target,
                                    GError              **error)
{
  g_auto(GStrv) parts = NULL;
  guint n;

  g_return_val_if_fail (LANCER_IS_ANALYTICS_PAGE (self), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  if (self->report == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("The numbers are still loading"));
      return NULL;
    }
  parts = g_strsplit (target, ":", 3);
  n = g_strv_length (parts);

  if (n == 3 && g_str_equal (parts[0], "table"))
    {
      g_autoptr(LancerTable) table = lancer_analytics_build_table (self->report, parts[1]);
      char *text = NULL;

      if (table != NULL && g_str_equal (parts[2], "csv"))
        text = lancer_table_to_csv (table);
      else if (table != NULL && g_str_equal (parts[2], "json"))
        text = lancer_table_to_json (table);
      if (text != NULL)
        return g_bytes_new_take (text, strlen (text));
    }
  else if (n == 3 && g_str_equal (parts[0], "chart"))
    {
      LancerChart *chart = lancer_analytics_charts_get_chart (self->charts, parts[1]);

      if (chart != NULL && g_str_equal (parts[2], "png"))
        return lancer_chart_render_png (chart, 800, 420);
      if (chart != NULL && g_str_equal (parts[2], "svg"))
        return lancer_chart_render_svg (chart, 800, 420);
    }
  else if (n == 2 && g_str_equal (parts[0], "report") && g_str_equal (parts[1], "pdf"))
    {
      g_autofree char *period = describe_range (self);

      return lancer_analytics_render_pdf (self->report, period,
                                          lancer_analytics_charts_get_chart (self->charts, "funnel"),
                                          lancer_analytics_charts_get_chart (self->charts, "rates"),
                                          lancer_analytics_charts_get_chart (self->charts, "earnings"),
                                          lancer_analytics_charts_get_chart (self->charts, "groups"));
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Unknown export “%s”"), target);
  return NULL;
}

static void
export_saved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LancerAnalyticsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
  else
    {
      LancerSession *session = lancer_page_get_session (LANCER_PAGE (self));

      message = g_strdup_printf (_("Saved “%s”"), name);
      if (session != NULL)
        lancer_audit_record (lancer_session_get_audit_log (session), LANCER_AUDIT_EXPORT, "analytics", name);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
lancer_analytics_page_save_export (LancerAnalyticsPage *self,
                                   const char          *target,
                                   GFile               *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (LANCER_IS_ANALYTICS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  bytes = lancer_analytics_page_export_bytes (self, target, &error);
  if (bytes == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  /* Written by GIO's worker threads, not here; the page stays until done. */
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, export_saved_cb, g_object_ref (self));
}

/* Callbacks and actions */

static void
range_selected_cb (LancerAnalyticsPage *self)
{
  lancer_analytics_page_set_range (self, gtk_drop_down_get_selected (self->range_dropdown));
}

/* Local midnight of the calendar's day, @offset days on (DST-proof: a
 * day is not always 86,400 seconds). */
static gint64
calendar_day (GtkCalendar *calendar,
              int          offset)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autoptr(GDateTime) noon = g_date_time_new_local (g_date_time_get_year (date), g_date_time_get_month (date),
                                                     g_date_time_get_day_of_month (date), 12, 0, 0);
  g_autoptr(GDateTime) day = g_date_time_add_days (noon, offset);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                                         g_date_time_get_day_of_month (day), 0, 0, 0);

  return g_date_time_to_unix (midnight);
}

static void
apply_custom_range_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  LancerAnalyticsPage *self = LANCER_ANALYTICS_PAGE (widget);
  gint64 a = calendar_day (self->from_calendar, 0);
  gint64 b = calendar_day (self->to_calendar, 0);
  gint64 after_a = calendar_day (self->from_calendar, 1);
  gint64 after_b = calendar_day (self->to_calendar, 1);

  gtk_popover_popdown (self->custom_popover);
  /* Both days whole: to the midnight after the later one. */
  lancer_analytics_page_set_custom_range (self, MIN (a, b), b >= a ? after_b : after_a);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (lancer_export_dialog_new (LANCER_ANALYTICS_PAGE (widget))));
}

/* Other currencies count in dollars only at rates the user sets. */
static void
exchange_rates_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LancerAnalyticsPage *self = LANCER_ANALYTICS_PAGE (widget);
  GSettings *settings = lancer_page_get_settings (LANCER_PAGE (self));
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_auto(GStrv) currencies = NULL;
  const LancerMetric *net;

  if (self->report == NULL || settings == NULL)
    return;
  net = lancer_metrics_report_get_metric (self->report, LANCER_METRIC_NET_EARNINGS);
  for (guint c = 0; c < net->n_money; c++)
    g_strv_builder_add (codes, net->money[c].currency);
  currencies = g_strv_builder_end (codes);
  gtk_window_present (GTK_WINDOW (lancer_exchange_rates_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                    settings, (const char * const *) currencies,
                                                                    self->toast_overlay)));
}

/* GObject */

static void
lancer_analytics_page_dispose (GObject *object)
{
  LancerAnalyticsPage *self = LANCER_ANALYTICS_PAGE (object);

  g_clear_pointer (&self->report, lancer_metrics_report_unref);
  g_clear_object (&self->settings_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_ANALYTICS_PAGE);

  G_OBJECT_CLASS (lancer_analytics_page_parent_class)->dispose (object);
}

static void
lancer_analytics_page_class_init (LancerAnalyticsPageClass *klass)
{
  static const char * const watched[] = { "proposals", "contracts", "diary_days", "transactions", "ai_calls", NULL };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LancerPageClass *page_class = LANCER_PAGE_CLASS (klass);

  object_class->dispose = lancer_analytics_page_dispose;
  page_class->reload = lancer_analytics_page_reload;
  page_class->reset = lancer_analytics_page_reset;
  lancer_page_class_set_watched_tables (page_class, watched);

  /**
   * LancerAnalyticsPage::report-changed:
   *
   * A newly computed report is shown (after the page laid it out).
   */
  signals [REPORT_CHANGED] =
    g_signal_new ("report-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (LANCER_TYPE_METRIC_CARD);
  g_type_ensure (LANCER_TYPE_ANALYTICS_CHARTS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-analytics-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, range_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, custom_button);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, custom_popover);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, range_label);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, kpi_box);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, charts);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, ab_warning);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, ab_list);
  gtk_widget_class_bind_template_callback (widget_class, range_selected_cb);

  gtk_widget_class_install_action (widget_class, "analytics.apply-custom-range", NULL, apply_custom_range_action);
  gtk_widget_class_install_action (widget_class, "analytics.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "analytics.exchange-rates", NULL, exchange_rates_action);
}

static void
lancer_analytics_page_init (LancerAnalyticsPage *self)
{
  self->range = LANCER_ANALYTICS_RANGE_12_MONTHS;
  self->settings_signals = g_signal_group_new (G_TYPE_SETTINGS);
  g_signal_group_connect_swapped (self->settings_signals, "changed::exchange-rates",
                                  G_CALLBACK (lancer_page_queue_reload), self);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_selected (self->range_dropdown, self->range);
}
