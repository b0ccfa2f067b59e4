/* lancer-analytics-page.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The funnel from proposal to money: KPI cards that say how they are
 * computed, four charts, the A/B results and exports. The report is loaded
 * and computed on the store's worker thread; this file only lays it out.
 */
#define G_LOG_DOMAIN "lancer-analytics-page"

#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "lancer-analytics-page.h"
#include "lancer-export.h"
#include "lancer-load-when-shown.h"
#include "lancer-store-metrics.h"

#define RELOAD_DELAY_MS 300

static const LancerMetricId kpi_ids[] = {
  LANCER_METRIC_WIN_RATE,
  LANCER_METRIC_COST_PER_WIN,
  LANCER_METRIC_EFFECTIVE_RATE,
  LANCER_METRIC_NET_EARNINGS,
  LANCER_METRIC_REPLY_RATE,
  LANCER_METRIC_COST_PER_REPLY,
  LANCER_METRIC_RESPONSE_TIME,
  LANCER_METRIC_AI_SPEND,
};
#define N_KPIS G_N_ELEMENTS (kpi_ids)

typedef struct
{
  GtkLabel *value;
  GtkLabel *detail;
  GtkLabel *formula;
  GtkLabel *sample;
} KpiCard;

static const struct { const char *name; LancerGrouping grouping; } group_choices[] = {
  { N_("By category"), LANCER_GROUP_CATEGORY },
  { N_("By budget"), LANCER_GROUP_BUDGET },
  { N_("By client country"), LANCER_GROUP_COUNTRY },
  { N_("By proposal variant"), LANCER_GROUP_VARIANT },
};

struct _LancerAnalyticsPage
{
  GtkWidget             parent_instance;

  LancerSession        *session;
  LancerStore          *store;
  GCancellable         *cancellable;
  LancerMetricsReport  *report;
  guint                 report_serial;   /* bumped for every new report */
  LancerAnalyticsRange  range;
  gint64                custom_from;
  gint64                custom_to;
  guint                 reload_id;
  gboolean              failed;

  KpiCard               kpis[N_KPIS];
  LancerChart          *funnel_chart;
  LancerChart          *rates_chart;
  LancerChart          *groups_chart;
  LancerChart          *earnings_chart;
  GtkDropDown          *groups_dropdown;
  GtkDropDown          *earnings_dropdown;
  GtkLabel             *earnings_note;
  GtkWidget            *rates_button;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  AdwStatusPage        *empty_page;
  GtkWidget            *all_time_button;
  GtkDropDown          *range_dropdown;
  GtkMenuButton        *custom_button;
  GtkPopover           *custom_popover;
  GtkCalendar          *from_calendar;
  GtkCalendar          *to_calendar;
  GtkMenuButton        *export_button;
  GtkLabel             *range_label;
  GtkFlowBox           *kpi_box;
  GtkFlowBox           *chart_box;
  GtkWidget            *ab_warning;
  GtkListBox           *ab_list;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  REPORT_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LancerAnalyticsPage, lancer_analytics_page, GTK_TYPE_WIDGET)

static void reload (LancerAnalyticsPage *self);

/* Range */

static void
get_range (LancerAnalyticsPage *self,
           gint64              *from,
           gint64              *to)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* Whole local days, computed by the same code as `lancer-cli stats`. */
  switch (self->range)
    {
    case LANCER_ANALYTICS_RANGE_30_DAYS:
      lancer_metrics_range_bounds (LANCER_METRICS_RANGE_30_DAYS, NULL, now, from, to);
      break;
    case LANCER_ANALYTICS_RANGE_90_DAYS:
      lancer_metrics_range_bounds (LANCER_METRICS_RANGE_90_DAYS, NULL, now, from, to);
      break;
    case LANCER_ANALYTICS_RANGE_12_MONTHS:
      lancer_metrics_range_bounds (LANCER_METRICS_RANGE_12_MONTHS, NULL, now, from, to);
      break;
    case LANCER_ANALYTICS_RANGE_CUSTOM:
      *from = self->custom_from;
      *to = self->custom_to;
      break;
    case LANCER_ANALYTICS_RANGE_ALL_TIME:
    default:
      lancer_metrics_range_bounds (LANCER_METRICS_RANGE_ALL_TIME, NULL, now, from, to);
      break;
    }
}

static char *
describe_range (LancerAnalyticsPage *self)
{
  gint64 from, to;
  g_autoptr(GDateTime) dfrom = NULL;
  g_autoptr(GDateTime) dto = NULL;
  g_autofree char *sfrom = NULL;
  g_autofree char *sto = NULL;

  get_range (self, &from, &to);
  if (self->range == LANCER_ANALYTICS_RANGE_ALL_TIME)
    return g_strdup (_("All time"));
  dfrom = g_date_time_new_from_unix_local (from);
  dto = g_date_time_new_from_unix_local (to == G_MAXINT64 ? g_get_real_time () / G_USEC_PER_SEC : to - 1);
  sfrom = g_date_time_format (dfrom, "%x");
  sto = g_date_time_format (dto, "%x");
  /* TRANSLATORS: a period, e.g. 01/02/26 – 03/04/26 */
  return g_strdup_printf (_("%s – %s"), sfrom, sto);
}

/* Tables */

static LancerTable *
groups_table (GPtrArray *groups)
{
  LancerTable *table = lancer_table_new ();
  static const char * const columns[] = { "key", "label", "sent", "viewed", "replied", "interviewed", "hired",
                                          "connects", "view_rate", "reply_rate", "interview_rate", "win_rate" };

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    lancer_table_add_column (table, columns[c], c < 2 ? LANCER_COLUMN_TEXT : LANCER_COLUMN_NUMBER);
  for (guint i = 0; i < groups->len; i++)
    {
      LancerMetricsGroup *g = groups->pdata[i];
      g_autofree char *cells[G_N_ELEMENTS (columns)] = { NULL };

      cells[0] = g_strdup (g->key);
      cells[1] = g_strdup (g->label);
      for (guint s = 0; s < LANCER_N_STAGES; s++)
        cells[2 + s] = g_strdup_printf ("%u", g->count[s]);
      cells[7] = g_strdup_printf ("%u", g->connects);
      cells[8] = lancer_export_format_number (lancer_metrics_group_rate (g, LANCER_STAGE_VIEWED));
      cells[9] = lancer_export_format_number (lancer_metrics_group_rate (g, LANCER_STAGE_REPLIED));
      cells[10] = lancer_export_format_number (lancer_metrics_group_rate (g, LANCER_STAGE_INTERVIEWED));
      cells[11] = lancer_export_format_number (lancer_metrics_group_rate (g, LANCER_STAGE_HIRED));
      lancer_table_add_row (table, (const char * const *) cells);
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        g_clear_pointer (&cells[c], g_free);
    }
  return table;
}

static LancerTable *
breakdown_table (const LancerMetricsBreakdown *b)
{
  LancerTable *table = lancer_table_new ();

  lancer_table_add_column (table, "month", LANCER_COLUMN_TEXT);
  lancer_table_add_column (table, "series", LANCER_COLUMN_TEXT);
  lancer_table_add_column (table, "net", LANCER_COLUMN_NUMBER);
  for (guint m = 0; m < b->n_months; m++)
    for (guint s = 0; s < b->n_series; s++)
      {
        g_autofree char *net = lancer_export_format_number (b->values[s * b->n_months + m]);

        lancer_table_add_row_va (table, b->month_keys[m], b->series[s], net);
      }
  return table;
}

static LancerTable *
build_table (LancerMetricsReport *report,
             const char          *name)
{
  static const struct { const char *name; LancerGrouping grouping; } grouped[] = {
    { "week", LANCER_GROUP_WEEK }, { "month", LANCER_GROUP_MONTH }, { "category", LANCER_GROUP_CATEGORY },
    { "budget", LANCER_GROUP_BUDGET }, { "country", LANCER_GROUP_COUNTRY }, { "variant", LANCER_GROUP_VARIANT },
  };
  LancerTable *table;

  for (guint i = 0; i < G_N_ELEMENTS (grouped); i++)
    if (g_str_equal (name, grouped[i].name))
      return groups_table (lancer_metrics_report_get_groups (report, grouped[i].grouping));

  if (g_str_equal (name, "earnings-client"))
    return breakdown_table (lancer_metrics_report_get_earnings_by_client (report));
  if (g_str_equal (name, "earnings-category"))
    return breakdown_table (lancer_metrics_report_get_earnings_by_category (report));

  if (g_str_equal (name, "metrics"))
    {
      table = lancer_table_new ();
      lancer_table_add_column (table, "key", LANCER_COLUMN_TEXT);
      lancer_table_add_column (table, "title", LANCER_COLUMN_TEXT);
      lancer_table_add_column (table, "value", LANCER_COLUMN_NUMBER);
      lancer_table_add_column (table, "shown", LANCER_COLUMN_TEXT);
      lancer_table_add_column (table, "n", LANCER_COLUMN_NUMBER);
      lancer_table_add_column (table, "too_few", LANCER_COLUMN_TEXT);
      lancer_table_add_column (table, "missing", LANCER_COLUMN_TEXT);
      lancer_table_add_column (table, "formula", LANCER_COLUMN_TEXT);
      for (guint i = 0; i < LANCER_N_METRICS; i++)
        {
          const LancerMetric *m = lancer_metrics_report_get_metric (report, i);
          g_autofree char *value = lancer_export_format_number (m->value);
          g_autofree char *shown = lancer_metric_format (m);
          g_autofree char *n = g_strdup_printf ("%u", m->n);

          lancer_table_add_row_va (table, m->key, m->title, value, shown, n, m->too_few ? "true" : "false",
                                   m->missing != NULL ? m->missing : "", m->formula);
        }
      return table;
    }

  if (g_str_equal (name, "funnel"))
    {
      guint sent = lancer_metrics_report_get_funnel (report, LANCER_STAGE_SENT);

      table = lancer_table_new ();
      lancer_table_add_column (table, "stage", LANCER_COLUMN_TEXT);
      lancer_table_add_column (table, "count", LANCER_COLUMN_NUMBER);
      lancer_table_add_column (table, "share_of_sent", LANCER_COLUMN_NUMBER);
      for (guint s = 0; s < LANCER_N_STAGES; s++)
        {
          guint n = lancer_metrics_report_get_funnel (report, s);
          g_autofree char *count = g_strdup_printf ("%u", n);
          g_autofree char *share = lancer_export_format_number (sent ? (double) n / sent : NAN);

          lancer_table_add_row_va (table, lancer_stage_get_label (s), count, share);
        }
      return table;
    }

  if (g_str_equal (name, "ab"))
    {
      const LancerAbTest *ab = lancer_metrics_report_get_ab_test (report);
      static const char * const columns[] = { "variant", "sent", "wins", "losses", "pending", "rate", "ci95_low",
                                              "ci95_high", "prob_best", "winner", "verdict" };

      table = lancer_table_new ();
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        lancer_table_add_column (table, columns[c], c == 0 || c >= 9 ? LANCER_COLUMN_TEXT : LANCER_COLUMN_NUMBER);
      for (guint i = 0; i < ab->variants->len; i++)
        {
          LancerAbVariant *v = ab->variants->pdata[i];
          g_autofree char *sent = g_strdup_printf ("%u", v->sent);
          g_autofree char *wins = g_strdup_printf ("%u", v->wins);
          g_autofree char *losses = g_strdup_printf ("%u", v->losses);
          g_autofree char *pending = g_strdup_printf ("%u", v->pending);
          g_autofree char *rate = lancer_export_format_number (v->rate);
          g_autofree char *low = lancer_export_format_number (v->low);
          g_autofree char *high = lancer_export_format_number (v->high);
          g_autofree char *best = lancer_export_format_number (v->prob_best);

          lancer_table_add_row_va (table, v->name, sent, wins, losses, pending, rate, low, high, best,
                                   ab->winner == (int) i ? "true" : "false", ab->verdict);
        }
      return table;
    }
  return NULL;
}

/* One line per A/B variant, the same on the page and in the PDF. */
static char *
ab_variant_text (const LancerAbVariant *v)
{
  g_autofree char *best = lancer_ab_format_probability (v->prob_best);

  /* TRANSLATORS: an A/B variant: hired of decided, pending, posterior mean, 95 % interval, chance of being best */
  return g_strdup_printf (_("Won %u, decided %u, pending %u: %.1f %%, 95 %% credible interval %.1f–%.1f %%; "
                            "chance it is the best: %s"),
                          v->wins, v->wins + v->losses, v->pending, v->rate * 100, v->low * 100, v->high * 100,
                          best);
}

/* PDF report */

#define PDF_W 595.0
#define PDF_H 842.0
#define PDF_M 48.0

typedef struct
{
  cairo_t     *cr;
  PangoLayout *layout;
  double       y;
} PdfWriter;

static void
pdf_text (PdfWriter  *w,
          const char *text,
          const char *font,
          double      width,
          double      x)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  int pw, ph;

  pango_layout_set_font_description (w->layout, desc);
  pango_layout_set_width (w->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (w->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (w->layout, text, -1);
  pango_layout_get_pixel_size (w->layout, &pw, &ph);
  if (w->y + ph > PDF_H - PDF_M)
    {
      cairo_show_page (w->cr);
      w->y = PDF_M;
    }
  cairo_set_source_rgb (w->cr, 0.14, 0.12, 0.19);
  cairo_move_to (w->cr, x, w->y);
  pango_cairo_show_layout (w->cr, w->layout);
  w->y += ph;
}

static void
pdf_chart (PdfWriter   *w,
           LancerChart *chart,
           const char  *title)
{
  double height = 230;

  if (w->y + height + 30 > PDF_H - PDF_M)
    {
      cairo_show_page (w->cr);
      w->y = PDF_M;
    }
  w->y += 12;
  pdf_text (w, title, "Sans Bold 12", PDF_W - 2 * PDF_M, PDF_M);
  cairo_save (w->cr);
  cairo_translate (w->cr, PDF_M, w->y + 4);
  lancer_chart_draw (chart, w->cr, (int) (PDF_W - 2 * PDF_M), (int) height, LANCER_CHART_DRAW_PAPER);
  cairo_restore (w->cr);
  w->y += height + 8;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
render_report_pdf (LancerAnalyticsPage *self)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *generated = g_date_time_format (now, "%x %X");
  g_autofree char *period = describe_range (self);
  g_autofree char *subtitle = NULL;
  const LancerMetricsBreakdown *by_client = lancer_metrics_report_get_earnings_by_client (self->report);
  const LancerAbTest *ab = lancer_metrics_report_get_ab_test (self->report);
  g_autofree char *rule = lancer_ab_dup_rule_text ();
  double text_w = PDF_W - 2 * PDF_M;
  PdfWriter w = { 0 };

  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, PDF_W, PDF_H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Lancer monthly report"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Lancer " PACKAGE_VERSION);
  w.cr = cairo_create (surface);
  w.layout = pango_cairo_create_layout (w.cr);
  w.y = PDF_M;

  /* 1. Title */
  pdf_text (&w, _("Lancer monthly report"), "Sans Bold 20", text_w, PDF_M);
  subtitle = g_strdup_printf (_("Period: %s · made %s"), period, generated);
  pdf_text (&w, subtitle, "Sans 10", text_w, PDF_M);
  w.y += 6;
  pdf_text (&w, _("Every number states its formula and the number of records behind it. Numbers based on fewer "
                  "than 30 records are marked “too few to say”."), "Sans Italic 9", text_w, PDF_M);

  /* 2. Metrics */
  w.y += 14;
  pdf_text (&w, _("Metrics"), "Sans Bold 14", text_w, PDF_M);
  w.y += 4;
  for (guint i = 0; i < LANCER_N_METRICS; i++)
    {
      const LancerMetric *m = lancer_metrics_report_get_metric (self->report, i);
      g_autofree char *value = lancer_metric_format (m);
      g_autofree char *line = g_strdup_printf ("%s: %s%s (n = %u)", m->title, value,
                                               m->too_few ? _(" — too few to say") : "", m->n);
      pdf_text (&w, line, "Sans Bold 10", text_w, PDF_M);
      pdf_text (&w, m->formula, "Sans 9", text_w - 12, PDF_M + 12);
      if (m->missing != NULL)
        pdf_text (&w, m->missing, "Sans Italic 9", text_w - 12, PDF_M + 12);
      w.y += 4;
    }

  /* 3. Charts, drawn by the same code as on screen, in paper colours. */
  cairo_show_page (w.cr);
  w.y = PDF_M;
  pdf_text (&w, _("Charts"), "Sans Bold 14", text_w, PDF_M);
  pdf_chart (&w, self->funnel_chart, _("Proposal funnel"));
  pdf_chart (&w, self->rates_chart, lancer_chart_get_title (self->rates_chart));
  pdf_chart (&w, self->earnings_chart, lancer_chart_get_title (self->earnings_chart));
  pdf_chart (&w, self->groups_chart, lancer_chart_get_title (self->groups_chart));

  /* 4. Earnings by month */
  w.y += 14;
  pdf_text (&w, _("Net earnings by month"), "Sans Bold 14", text_w, PDF_M);
  for (guint m = 0; m < by_client->n_months; m++)
    {
      double total = 0;
      g_autofree char *value = NULL;
      g_autofree char *line = NULL;

      for (guint s = 0; s < by_client->n_series; s++)
        total += by_client->values[s * by_client->n_months + m];
      value = lancer_metrics_format_value (LANCER_METRIC_UNIT_MONEY, total);
      line = g_strdup_printf ("%s: %s", by_client->month_labels[m], value);
      pdf_text (&w, line, "Sans 10", text_w, PDF_M);
    }
  if (by_client->n_months == 0)
    pdf_text (&w, _("No payments in this period."), "Sans 10", text_w, PDF_M);
  if (by_client->note != NULL)
    pdf_text (&w, by_client->note, "Sans Italic 9", text_w, PDF_M);

  /* 5. A/B tests */
  w.y += 14;
  pdf_text (&w, _("A/B tests"), "Sans Bold 14", text_w, PDF_M);
  for (guint i = 0; i < ab->variants->len; i++)
    {
      LancerAbVariant *v = ab->variants->pdata[i];
      g_autofree char *line = ab_variant_text (v);

      pdf_text (&w, line, "Sans 10", text_w, PDF_M);
    }
  if (ab->variants->len == 0)
    pdf_text (&w, _("No variants to compare yet."), "Sans 10", text_w, PDF_M);
  else
    {
      pdf_text (&w, ab->verdict, "Sans Bold 10", text_w, PDF_M);
      pdf_text (&w, rule, "Sans Italic 9", text_w, PDF_M);
    }

  g_object_unref (w.layout);
  cairo_destroy (w.cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

/* Exports */

GBytes *
lancer_analytics_page_export_bytes (LancerAnalyticsPage  *self,
                                    const char           *target,
                                    GError              **error)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (LANCER_IS_ANALYTICS_PAGE (self), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  if (self->report == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("The numbers are still loading"));
      return NULL;
    }
  parts = g_strsplit (target, ":", 3);

  if (g_strv_length (parts) == 3 && g_str_equal (parts[0], "table"))
    {
      g_autoptr(LancerTable) table = build_table (self->report, parts[1]);
      char *text;

      if (table != NULL && g_str_equal (parts[2], "csv"))
        text = lancer_table_to_csv (table);
      else if (table != NULL && g_str_equal (parts[2], "json"))
        text = lancer_table_to_json (table);
      else
        goto unknown;
      return g_bytes_new_take (text, strlen (text));
    }

  if (g_strv_length (parts) == 3 && g_str_equal (parts[0], "chart"))
    {
      LancerChart *chart = lancer_analytics_page_get_chart (self, parts[1]);

      if (chart != NULL && g_str_equal (parts[2], "png"))
        return lancer_chart_render_png (chart, 800, 420);
      if (chart != NULL && g_str_equal (parts[2], "svg"))
        return lancer_chart_render_svg (chart, 800, 420);
      goto unknown;
    }

  if (g_strv_length (parts) == 2 && g_str_equal (parts[0], "report") && g_str_equal (parts[1], "pdf"))
    return render_report_pdf (self);

unknown:
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
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
    }
  else
    message = g_strdup_printf (_("Saved “%s”"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
export_response_cb (GtkNativeDialog     *dialog,
                    int                  response,
                    LancerAnalyticsPage *self)
{
  const char *target = g_object_get_data (G_OBJECT (dialog), "target");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = lancer_analytics_page_export_bytes (self, target, &error);

      if (bytes == NULL)
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      else
        /* Written by GIO's worker threads, not here. */
        g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                             self->cancellable, export_saved_cb, g_object_ref (self));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LancerAnalyticsPage *self = LANCER_ANALYTICS_PAGE (widget);
  const char *target = g_variant_get_string (parameter, NULL);
  g_auto(GStrv) parts = g_strsplit (target, ":", 3);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (g_strv_length (parts) == 3)
    name = g_strdup_printf ("lancer-%s-%s.%s", parts[1], day, parts[2]);
  else
    name = g_strdup_printf ("lancer-report-%s.pdf", day);

  native = gtk_file_chooser_native_new (_("Export"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_object_set_data_full (G_OBJECT (native), "target", g_strdup (target), g_free);
  g_signal_connect (native, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static GMenuModel *
build_export_menu (void)
{
  static const struct { const char *key; const char *label; } tables[] = {
    { "metrics", N_("All Metrics") }, { "funnel", N_("Funnel") }, { "month", N_("Rates by Month") },
    { "week", N_("Rates by Week") }, { "category", N_("Rates by Category") }, { "budget", N_("Rates by Budget") },
    { "country", N_("Rates by Client Country") }, { "variant", N_("Rates by Variant") },
    { "earnings-client", N_("Earnings by Client") }, { "earnings-category", N_("Earnings by Category") },
    { "ab", N_("A/B Results") },
  };
  static const struct { const char *key; const char *label; } charts[] = {
    { "funnel", N_("Funnel Chart") }, { "rates", N_("Rates Chart") }, { "groups", N_("Rates by Group Chart") },
    { "earnings", N_("Earnings Chart") },
  };
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) table_section = g_menu_new ();
  g_autoptr(GMenu) chart_section = g_menu_new ();
  g_autoptr(GMenu) report_section = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autoptr(GMenu) sub = g_menu_new ();
      g_autofree char *csv = g_strdup_printf ("analytics.export::table:%s:csv", tables[i].key);
      g_autofree char *json = g_strdup_printf ("analytics.export::table:%s:json", tables[i].key);

      g_menu_append (sub, _("CSV…"), csv);
      g_menu_append (sub, _("JSON…"), json);
      g_menu_append_submenu (table_section, _(tables[i].label), G_MENU_MODEL (sub));
    }
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      g_autoptr(GMenu) sub = g_menu_new ();
      g_autofree char *png = g_strdup_printf ("analytics.export::chart:%s:png", charts[i].key);
      g_autofree char *svg = g_strdup_printf ("analytics.export::chart:%s:svg", charts[i].key);

      g_menu_append (sub, _("PNG Image…"), png);
      g_menu_append (sub, _("SVG Image…"), svg);
      g_menu_append_submenu (chart_section, _(charts[i].label), G_MENU_MODEL (sub));
    }
  g_menu_append (report_section, _("Monthly Report (PDF)…"), "analytics.export::report:pdf");
  g_menu_append_section (menu, _("Tables"), G_MENU_MODEL (table_section));
  g_menu_append_section (menu, _("Charts"), G_MENU_MODEL (chart_section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (report_section));
  return G_MENU_MODEL (menu);
}

/* Showing the report */

static void
set_mode (LancerAnalyticsPage *self,
          const char          *mode)
{
  gtk_stack_set_visible_child_name (self->stack, mode);
}

static void
update_kpis (LancerAnalyticsPage *self)
{
  for (guint i = 0; i < N_KPIS; i++)
    {
      const LancerMetric *m = lancer_metrics_report_get_metric (self->report, kpi_ids[i]);
      KpiCard *card = &self->kpis[i];
      g_autofree char *value = lancer_metric_format (m);
      g_autofree char *detail = NULL;
      g_autofree char *sample = NULL;

      if (g_str_equal (value, "—"))
        {
          /* Unknown is not zero: say what is missing. */
          gtk_label_set_text (card->value, value);
          gtk_widget_add_css_class (GTK_WIDGET (card->value), "dim-label");
          detail = g_strdup (m->missing != NULL ? m->missing : "");
        }
      else if (m->too_few)
        {
          gtk_label_set_text (card->value, _("Too few to say"));
          gtk_widget_add_css_class (GTK_WIDGET (card->value), "dim-label");
          /* TRANSLATORS: a tentative value, its sample size and the minimum */
          detail = g_strdup_printf (_("%s so far · n = %u, needs %d"), value, m->n, LANCER_METRICS_MIN_SAMPLE);
        }
      else
        {
          gtk_label_set_text (card->value, value);
          gtk_widget_remove_css_class (GTK_WIDGET (card->value), "dim-label");
          if (m->missing != NULL)
            /* TRANSLATORS: the sample size, then what is left out of the number */
            detail = g_strdup_printf (_("n = %u · %s"), m->n, m->missing);
          else
            detail = g_strdup_printf (_("n = %u"), m->n);
        }
      gtk_label_set_text (card->detail, detail);
      gtk_label_set_text (card->formula, m->formula);
      if (kpi_ids[i] == LANCER_METRIC_NET_EARNINGS)
        {
          gboolean foreign = FALSE;

          for (guint c = 0; c < m->n_money; c++)
            foreign = foreign || !g_str_equal (m->money[c].currency, "USD");
          gtk_widget_set_visible (self->rates_button, foreign);
        }
      sample = g_strdup_printf (ngettext ("Based on %u record in this period.",
                                          "Based on %u records in this period.", m->n), m->n);
      gtk_label_set_text (card->sample, sample);
    }
}

static void
update_funnel (LancerAnalyticsPage *self)
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
update_rates (LancerAnalyticsPage *self)
{
  gint64 from, to;
  gboolean weekly;
  GPtrArray *groups;
  g_autofree const char **labels = NULL;
  g_autofree gint64 *times = NULL;
  g_autofree double *values = NULL;
  LancerChartSeries series[4];
  static const LancerStage stages[] = { LANCER_STAGE_VIEWED, LANCER_STAGE_REPLIED, LANCER_STAGE_INTERVIEWED,
                                        LANCER_STAGE_HIRED };
  static const char * const names[] = { N_("View rate"), N_("Reply rate"), N_("Interview rate"), N_("Win rate") };
  guint n;

  get_range (self, &from, &to);
  weekly = self->range == LANCER_ANALYTICS_RANGE_30_DAYS || self->range == LANCER_ANALYTICS_RANGE_90_DAYS ||
           (self->range == LANCER_ANALYTICS_RANGE_CUSTOM && to - from <= 120 * 86400);
  groups = lancer_metrics_report_get_groups (self->report, weekly ? LANCER_GROUP_WEEK : LANCER_GROUP_MONTH);
  n = groups->len;
  labels = g_new0 (const char *, n + 1);
  times = g_new0 (gint64, n + 1);
  values = g_new0 (double, 4 * (n + 1));
  for (guint i = 0; i < n; i++)
    {
      LancerMetricsGroup *g = groups->pdata[i];

      labels[i] = g->label;
      times[i] = g->start;
      for (guint s = 0; s < 4; s++)
        values[s * n + i] = lancer_metrics_group_rate (g, stages[s]);
    }
  for (guint s = 0; s < 4; s++)
    series[s] = (LancerChartSeries) { _(names[s]), values + s * n };
  lancer_chart_set_title (self->rates_chart, weekly ? _("Rates by week") : _("Rates by month"));
  lancer_chart_set_data (self->rates_chart, n, labels, n > 1 ? times : NULL, series, 4);
}

#define MAX_GROUP_BARS 8

static void
update_groups (LancerAnalyticsPage *self)
{
  guint choice = gtk_drop_down_get_selected (self->groups_dropdown);
  GPtrArray *groups;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  double values[3 * MAX_GROUP_BARS];
  LancerChartSeries series[3];
  static const LancerStage stages[] = { LANCER_STAGE_REPLIED, LANCER_STAGE_INTERVIEWED, LANCER_STAGE_HIRED };
  static const char * const names[] = { N_("Reply rate"), N_("Interview rate"), N_("Win rate") };
  guint n;

  if (choice >= G_N_ELEMENTS (group_choices))
    choice = 0;
  groups = lancer_metrics_report_get_groups (self->report, group_choices[choice].grouping);
  n = MIN (groups->len, MAX_GROUP_BARS);
  for (guint i = 0; i < n; i++)
    {
      LancerMetricsGroup *g = groups->pdata[i];

      /* TRANSLATORS: a group and its sample size, e.g. "Design (n = 12)" */
      g_ptr_array_add (labels, g_strdup_printf (_("%s (n = %u)"), g->label, g->count[LANCER_STAGE_SENT]));
      for (guint s = 0; s < 3; s++)
        values[s * n + i] = lancer_metrics_group_rate (g, stages[s]);
    }
  for (guint s = 0; s < 3; s++)
    series[s] = (LancerChartSeries) { _(names[s]), values + s * n };
  g_ptr_array_add (labels, NULL);
  lancer_chart_set_title (self->groups_chart, _(group_choices[choice].name));
  lancer_chart_set_data (self->groups_chart, n, (const char * const *) labels->pdata, NULL, series, 3);
}

static void
update_earnings (LancerAnalyticsPage *self)
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
update_ab (LancerAnalyticsPage *self)
{
  const LancerAbTest *ab = lancer_metrics_report_get_ab_test (self->report);
  GtkWidget *child;
  AdwActionRow *row;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ab_list))) != NULL)
    gtk_list_box_remove (self->ab_list, child);

  if (ab->variants->len < 2)
    {
      row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No variants to compare yet"));
      adw_action_row_set_subtitle (row, _("Send proposals from two or more variants of your template to see which wins more."));
      adw_action_row_set_subtitle_lines (row, 0);
      gtk_list_box_append (self->ab_list, GTK_WIDGET (row));
      gtk_widget_set_visible (self->ab_warning, FALSE);
      return;
    }

  /* The verdict first, then every variant, then the rule in plain words. */
  row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ab->verdict);
  adw_action_row_set_title_lines (row, 0);
  if (ab->winner >= 0)
    adw_action_row_add_prefix (row, gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
  gtk_list_box_append (self->ab_list, GTK_WIDGET (row));

  for (guint i = 0; i < ab->variants->len; i++)
    {
      LancerAbVariant *v = ab->variants->pdata[i];
      g_autofree char *subtitle = ab_variant_text (v);

      row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), v->name);
      adw_action_row_set_subtitle (row, subtitle);
      adw_action_row_set_subtitle_lines (row, 0);
      if (v->wins + v->losses < LANCER_AB_MIN_DECIDED)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_set_tooltip_text (icon, _("Too few decided proposals to say"));
          gtk_widget_add_css_class (icon, "warning");
          adw_action_row_add_suffix (row, icon);
        }
      gtk_list_box_append (self->ab_list, GTK_WIDGET (row));
    }

  {
    g_autofree char *rule = lancer_ab_dup_rule_text ();

    row = ADW_ACTION_ROW (adw_action_row_new ());
    adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("The rule"));
    adw_action_row_set_subtitle (row, rule);
    adw_action_row_set_subtitle_lines (row, 0);
    gtk_list_box_append (self->ab_list, GTK_WIDGET (row));
  }
  gtk_widget_set_visible (self->ab_warning, ab->too_few);
}

static void
show_report (LancerAnalyticsPage *self)
{
  g_autofree char *period = describe_range (self);
  g_autofree char *summary = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *few = NULL;
  guint n_sent;

  if (lancer_metrics_report_is_empty (self->report))
    {
      /* The worker counted all time as well: "Show All Time" only helps
       * when there is something outside this period. */
      gboolean all_time = self->range == LANCER_ANALYTICS_RANGE_ALL_TIME ||
                          lancer_metrics_report_is_empty_all_time (self->report);

      adw_status_page_set_title (self->empty_page, all_time ? _("Nothing to Measure Yet") : _("Nothing in This Period"));
      adw_status_page_set_description (self->empty_page,
                                       all_time ? _("Once you send proposals, Lancer shows your win rate, cost per win and "
                                                    "effective hourly rate, each with the formula behind it.")
                                                : _("No proposals, payments, work hours or AI calls fall in this period. "
                                                    "Choose a longer one."));
      gtk_widget_set_visible (self->all_time_button, !all_time);
      set_mode (self, "empty");
      return;
    }

  n_sent = lancer_metrics_report_get_funnel (self->report, LANCER_STAGE_SENT);
  sent = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u proposal sent", "%u proposals sent", n_sent), n_sent);
  few = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "numbers based on fewer than %d record are marked “too few to say”",
                                      "numbers based on fewer than %d records are marked “too few to say”",
                                      LANCER_METRICS_MIN_SAMPLE),
                         LANCER_METRICS_MIN_SAMPLE);
  /* Translators: the period, "12 proposals sent", and the note on small numbers */
  summary = g_strdup_printf (_("%s · %s · %s"), period, sent, few);
  gtk_label_set_text (self->range_label, summary);
  update_kpis (self);
  update_funnel (self);
  update_rates (self);
  update_groups (self);
  update_earnings (self);
  update_ab (self);
  set_mode (self, "report");
}

static void
report_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LancerAnalyticsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  LancerMetricsReport *report = lancer_metrics_report_finish (LANCER_STORE (source), result, &error);

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not compute the analytics: %s", error->message);
      self->failed = TRUE;
      adw_status_page_set_description (self->error_page, error->message);
      set_mode (self, "error");
      return;
    }
  self->failed = FALSE;
  g_clear_pointer (&self->report, lancer_metrics_report_unref);
  self->report = report;
  self->report_serial++;
  show_report (self);
  g_signal_emit (self, signals[REPORT_CHANGED], 0);
}

static void
reload (LancerAnalyticsPage *self)
{
  LancerMetricsOptions options;
  gint64 from, to;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->report == NULL)
    set_mode (self, "loading");
  get_range (self, &from, &to);
  lancer_metrics_options_init (&options);
  lancer_metrics_options_load_rates (&options, lancer_session_get_settings (self->session));
  /* The callback runs only while the page lives: dispose cancels. */
  lancer_metrics_report_async (self->store, from, to, &options, self->cancellable, report_ready_cb, self);
}

static gboolean
reload_timeout_cb (gpointer data)
{
  LancerAnalyticsPage *self = data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (LancerAnalyticsPage *self,
                  const char          *table)
{
  /* hidden: each report redraws every chart and card, so wait */
  if (lancer_load_when_shown (GTK_WIDGET (self), (LancerLoadFunc) reload))
    return;
  /* A sync writes in bursts: recompute once it settles. */
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
session_state_cb (LancerAnalyticsPage *self)
{
  LancerStore *store = NULL;

  switch (lancer_session_get_state (self->session))
    {
    case LANCER_SESSION_OPENING:
      set_mode (self, "loading");
      return;
    case LANCER_SESSION_FAILED:
      adw_status_page_set_description (self->error_page, lancer_session_get_error_message (self->session));
      set_mode (self, "error");
      return;
    case LANCER_SESSION_READY:
    default:
      store = lancer_session_get_store (self->session);
      break;
    }
  if (store == self->store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      GSettings *settings = lancer_session_get_settings (self->session);

      g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      if (settings != NULL)
        {
          /* New exchange rates change the figures. */
          g_signal_handlers_disconnect_by_data (settings, self);
          g_signal_connect_object (settings, "changed::exchange-rates", G_CALLBACK (store_changed_cb), self,
                                   G_CONNECT_SWAPPED);
        }
      lancer_load_now_or_when_shown (GTK_WIDGET (self), (LancerLoadFunc) reload);
    }
}

/* Public */

LancerSession *
lancer_analytics_page_get_session (LancerAnalyticsPage *self)
{
  g_return_val_if_fail (LANCER_IS_ANALYTICS_PAGE (self), NULL);
  return self->session;
}

void
lancer_analytics_page_set_session (LancerAnalyticsPage *self,
                                   LancerSession       *session)
{
  g_return_if_fail (LANCER_IS_ANALYTICS_PAGE (self));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->session != NULL && lancer_session_get_settings (self->session) != NULL)
    g_signal_handlers_disconnect_by_data (lancer_session_get_settings (self->session), self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->report, lancer_metrics_report_unref);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::state", G_CALLBACK (session_state_cb), self, G_CONNECT_SWAPPED);
      session_state_cb (self);
    }
  else
    set_mode (self, "loading");
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

void
lancer_analytics_page_set_range (LancerAnalyticsPage  *self,
                                 LancerAnalyticsRange  range)
{
  g_return_if_fail (LANCER_IS_ANALYTICS_PAGE (self));

  if (gtk_drop_down_get_selected (self->range_dropdown) != (guint) range)
    gtk_drop_down_set_selected (self->range_dropdown, range);   /* calls back here */
  else if (self->range != range)
    {
      self->range = range;
      gtk_widget_set_visible (GTK_WIDGET (self->custom_button), range == LANCER_ANALYTICS_RANGE_CUSTOM);
      if (range == LANCER_ANALYTICS_RANGE_CUSTOM && self->custom_to <= self->custom_from)
        {
          gtk_menu_button_popup (self->custom_button);
          return;
        }
      reload (self);
    }
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
    reload (self);
}

const char *
lancer_analytics_page_get_mode (LancerAnalyticsPage *self)
{
  g_return_val_if_fail (LANCER_IS_ANALYTICS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
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

/* Callbacks and actions */

static void
range_selected_cb (LancerAnalyticsPage *self)
{
  lancer_analytics_page_set_range (self, gtk_drop_down_get_selected (self->range_dropdown));
}

static void
choice_changed_cb (LancerAnalyticsPage *self)
{
  if (self->report != NULL && !lancer_metrics_report_is_empty (self->report))
    {
      update_groups (self);
      update_earnings (self);
    }
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
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reload (LANCER_ANALYTICS_PAGE (widget));
}

static void
show_all_time_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  lancer_analytics_page_set_range (LANCER_ANALYTICS_PAGE (widget), LANCER_ANALYTICS_RANGE_ALL_TIME);
}

/* Exchange rates */

static void
rates_response_cb (AdwMessageDialog    *dialog,
                   const char          *response,
                   LancerAnalyticsPage *self)
{
  GtkListBox *list = g_object_get_data (G_OBJECT (dialog), "rates");
  GSettings *settings = self->session != NULL ? lancer_session_get_settings (self->session) : NULL;
  g_autoptr(GHashTable) rates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GVariant) old = NULL;
  g_autoptr(GString) bad = g_string_new (NULL);
  GVariantBuilder builder;
  GHashTableIter iter;
  GVariantIter old_iter;
  gpointer key, value;
  const char *currency;
  double usd;

  if (!g_str_equal (response, "save") || settings == NULL)
    return;

  old = g_settings_get_value (settings, "exchange-rates");
  g_variant_iter_init (&old_iter, old);
  while (g_variant_iter_next (&old_iter, "{&sd}", &currency, &usd))
    g_hash_table_insert (rates, g_strdup (currency), g_memdup2 (&usd, sizeof usd));

  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, i));
      const char *code = g_object_get_data (G_OBJECT (row), "currency");
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
      char *end = NULL;

      /* A decimal comma is as good as a point. */
      g_strdelimit (text, ",", '.');
      if (*text == '\0')
        {
          g_hash_table_remove (rates, code);
          continue;
        }
      usd = g_ascii_strtod (text, &end);
      if (end == NULL || *end != '\0' || !(usd > 0) || isinf (usd))
        {
          g_string_append_printf (bad, "%s%s", bad->len > 0 ? ", " : "", code);
          continue;
        }
      g_hash_table_insert (rates, g_strdup (code), g_memdup2 (&usd, sizeof usd));
    }

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sd}"));
  g_hash_table_iter_init (&iter, rates);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_variant_builder_add (&builder, "{sd}", (const char *) key, *(double *) value);
  /* The page reloads on ::changed. */
  g_settings_set_value (settings, "exchange-rates", g_variant_builder_end (&builder));

  if (bad->len > 0)
    {
      /* TRANSLATORS: %s lists currency codes */
      g_autofree char *message = g_strdup_printf (_("Not saved for %s: a rate is a number above zero, such as 1.08"),
                                                  bad->str);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
}

static void
rates_clicked_cb (LancerAnalyticsPage *self)
{
  const LancerMetric *net;
  GSettings *settings;
  GtkWidget *dialog, *list;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GVariant) rates = NULL;

  if (self->report == NULL || self->session == NULL || (settings = lancer_session_get_settings (self->session)) == NULL)
    return;
  net = lancer_metrics_report_get_metric (self->report, LANCER_METRIC_NET_EARNINGS);
  rates = g_settings_get_value (settings, "exchange-rates");

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Exchange Rates"),
                                   _("What one unit of each currency is worth in US dollars. Lancer adds other "
                                     "currencies to dollars only at the rates you set here, and says so; leave a "
                                     "rate empty to show that currency on its own."));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint c = 0; c < net->n_money; c++)
    {
      const char *code = net->money[c].currency;
      GtkWidget *row;
      g_autofree char *title = NULL;
      double usd;

      if (g_str_equal (code, "USD"))
        continue;
      row = adw_entry_row_new ();
      /* TRANSLATORS: %s is a currency code, e.g. "1 EUR in US dollars" */
      title = g_strdup_printf (_("1 %s in US dollars"), code);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (g_variant_lookup (rates, code, "d", &usd))
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          gtk_editable_set_text (GTK_EDITABLE (row), g_ascii_formatd (number, sizeof number, "%g", usd));
        }
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
      g_object_set_data_full (G_OBJECT (row), "currency", g_strdup (code), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_object_set_data (G_OBJECT (dialog), "rates", list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (rates_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Building the cards */

static GtkWidget *
new_card (void)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_add_css_class (card, "card");
  return card;
}

static GtkWidget *
add_kpi_card (LancerAnalyticsPage *self,
              guint                index)
{
  const LancerMetricId id = kpi_ids[index];
  KpiCard *card = &self->kpis[index];
  GtkWidget *box = new_card ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title, *button, *popover, *pop_box, *heading;
  g_autoptr(LancerMetricsData) empty = lancer_metrics_data_new ();
  g_autoptr(LancerMetricsReport) names = lancer_metrics_compute (empty, 0, 1, NULL);
  const LancerMetric *m = lancer_metrics_report_get_metric (names, id);

  gtk_widget_set_margin_top (inner, 12);
  gtk_widget_set_margin_bottom (inner, 12);
  gtk_widget_set_margin_start (inner, 14);
  gtk_widget_set_margin_end (inner, 8);
  gtk_box_append (GTK_BOX (box), inner);
  gtk_widget_set_size_request (box, 130, -1);

  title = gtk_label_new (m->title);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_widget_add_css_class (title, "dim-label");
  gtk_box_append (GTK_BOX (header), title);

  pop_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  heading = gtk_label_new (_("How is this computed?"));
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (pop_box), heading);
  card->formula = GTK_LABEL (gtk_label_new (m->formula));
  card->sample = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (card->formula, TRUE);
  gtk_label_set_wrap (card->sample, TRUE);
  gtk_label_set_max_width_chars (card->formula, 36);
  gtk_label_set_max_width_chars (card->sample, 36);
  gtk_label_set_xalign (card->formula, 0);
  gtk_label_set_xalign (card->sample, 0);
  gtk_widget_add_css_class (GTK_WIDGET (card->sample), "dim-label");
  gtk_box_append (GTK_BOX (pop_box), GTK_WIDGET (card->formula));
  gtk_box_append (GTK_BOX (pop_box), GTK_WIDGET (card->sample));
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), pop_box);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "help-about-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_tooltip_text (button, _("How is this computed?"));
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("How is this computed?"), -1);
  gtk_box_append (GTK_BOX (header), button);
  gtk_box_append (GTK_BOX (inner), header);

  card->value = GTK_LABEL (gtk_label_new ("—"));
  gtk_label_set_xalign (card->value, 0);
  gtk_label_set_wrap (card->value, TRUE);
  /* Several currencies wrap at " · " rather than widen every card. */
  gtk_label_set_max_width_chars (card->value, 12);
  gtk_widget_add_css_class (GTK_WIDGET (card->value), "title-2");
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (card->value));

  card->detail = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (card->detail, 0);
  gtk_label_set_wrap (card->detail, TRUE);
  gtk_label_set_max_width_chars (card->detail, 24);
  gtk_widget_add_css_class (GTK_WIDGET (card->detail), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (card->detail), "dim-label");
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (card->detail));

  if (id == LANCER_METRIC_NET_EARNINGS)
    {
      /* Other currencies are converted only at rates the user sets. */
      self->rates_button = gtk_button_new_with_mnemonic (_("_Exchange Rates…"));
      gtk_widget_set_halign (self->rates_button, GTK_ALIGN_START);
      gtk_widget_set_visible (self->rates_button, FALSE);
      gtk_widget_add_css_class (self->rates_button, "flat");
      g_signal_connect_object (self->rates_button, "clicked", G_CALLBACK (rates_clicked_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (inner), self->rates_button);
    }

  return box;
}

static LancerChart *
add_chart_card (LancerAnalyticsPage  *self,
                const char           *title,
                LancerChartKind       kind,
                LancerChartFormat     format,
                GtkDropDown         **dropdown,
                const char * const   *choices)
{
  GtkWidget *box = new_card ();
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *chart = lancer_chart_new (kind);

  gtk_widget_set_size_request (box, 300, -1);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_start (header, 14);
  gtk_widget_set_margin_end (header, 10);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (header), label);
  if (dropdown != NULL)
    {
      *dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (choices));
      gtk_widget_set_valign (GTK_WIDGET (*dropdown), GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (GTK_WIDGET (*dropdown), "flat");
      gtk_box_append (GTK_BOX (header), GTK_WIDGET (*dropdown));
      g_signal_connect_object (*dropdown, "notify::selected", G_CALLBACK (choice_changed_cb), self, G_CONNECT_SWAPPED);
    }
  gtk_box_append (GTK_BOX (box), header);

  lancer_chart_set_title (LANCER_CHART (chart), title);
  lancer_chart_set_format (LANCER_CHART (chart), format);
  gtk_widget_set_vexpand (chart, TRUE);
  gtk_widget_set_margin_start (chart, 4);
  gtk_widget_set_margin_end (chart, 4);
  gtk_widget_set_margin_bottom (chart, 8);
  gtk_box_append (GTK_BOX (box), chart);
  gtk_flow_box_append (self->chart_box, box);
  return LANCER_CHART (chart);
}

/* GObject */

static void
lancer_analytics_page_dispose (GObject *object)
{
  LancerAnalyticsPage *self = LANCER_ANALYTICS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_pointer (&self->report, lancer_metrics_report_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_ANALYTICS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lancer_analytics_page_parent_class)->dispose (object);
}

static void
lancer_analytics_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LancerAnalyticsPage *self = LANCER_ANALYTICS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, lancer_analytics_page_get_session (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_analytics_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LancerAnalyticsPage *self = LANCER_ANALYTICS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      lancer_analytics_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_analytics_page_class_init (LancerAnalyticsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_analytics_page_dispose;
  object_class->get_property = lancer_analytics_page_get_property;
  object_class->set_property = lancer_analytics_page_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LANCER_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LancerAnalyticsPage::report-changed:
   *
   * A newly computed report is shown (after the page laid it out).
   */
  signals [REPORT_CHANGED] =
    g_signal_new ("report-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-analytics-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, all_time_button);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, range_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, custom_button);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, custom_popover);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, range_label);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, kpi_box);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, chart_box);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, ab_warning);
  gtk_widget_class_bind_template_child (widget_class, LancerAnalyticsPage, ab_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "analytics.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "analytics.show-all-time", NULL, show_all_time_action);
  gtk_widget_class_install_action (widget_class, "analytics.apply-custom-range", NULL, apply_custom_range_action);
  gtk_widget_class_install_action (widget_class, "analytics.export", "s", export_action);
}

static void
lancer_analytics_page_init (LancerAnalyticsPage *self)
{
  const char *group_names[G_N_ELEMENTS (group_choices) + 1] = { NULL };
  const char *earnings_names[] = { _("By client"), _("By category"), NULL };
  g_autoptr(GMenuModel) menu = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->range = LANCER_ANALYTICS_RANGE_12_MONTHS;
  gtk_drop_down_set_selected (self->range_dropdown, self->range);
  g_signal_connect_object (self->range_dropdown, "notify::selected", G_CALLBACK (range_selected_cb), self,
                           G_CONNECT_SWAPPED);

  for (guint i = 0; i < N_KPIS; i++)
    gtk_flow_box_append (self->kpi_box, add_kpi_card (self, i));

  for (guint i = 0; i < G_N_ELEMENTS (group_choices); i++)
    group_names[i] = _(group_choices[i].name);
  self->funnel_chart = add_chart_card (self, _("Proposal funnel"), LANCER_CHART_FUNNEL,
                                       LANCER_CHART_FORMAT_NUMBER, NULL, NULL);
  self->rates_chart = add_chart_card (self, _("Rates over time"), LANCER_CHART_LINE,
                                      LANCER_CHART_FORMAT_PERCENT, NULL, NULL);
  self->groups_chart = add_chart_card (self, _("Rates by group"), LANCER_CHART_BAR,
                                       LANCER_CHART_FORMAT_PERCENT, &self->groups_dropdown, group_names);
  self->earnings_chart = add_chart_card (self, _("Net earnings by month"), LANCER_CHART_STACKED_BAR,
                                         LANCER_CHART_FORMAT_MONEY, &self->earnings_dropdown, earnings_names);
  /* What the chart leaves out (payments in a currency with no rate). */
  self->earnings_note = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->earnings_note, 0);
  gtk_label_set_wrap (self->earnings_note, TRUE);
  /* Wrapping text must not widen the card (the flow box would drop to
   * one column). */
  gtk_label_set_max_width_chars (self->earnings_note, 30);
  gtk_widget_set_margin_start (GTK_WIDGET (self->earnings_note), 14);
  gtk_widget_set_margin_end (GTK_WIDGET (self->earnings_note), 14);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->earnings_note), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->earnings_note), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->earnings_note), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->earnings_note), FALSE);
  gtk_box_append (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->earnings_chart))),
                  GTK_WIDGET (self->earnings_note));

  menu = build_export_menu ();
  gtk_menu_button_set_menu_model (self->export_button, menu);

  set_mode (self, "loading");
}
