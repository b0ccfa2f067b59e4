/* lancer-analytics-report.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Analytics page exports: its tables (CSV, JSON) and the monthly
 * report (PDF, with the page's own charts drawn in paper colours).
 */
#define G_LOG_DOMAIN "lancer-analytics-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "lancer-analytics-report.h"
#include "lancer-format.h"

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

LancerTable *
lancer_analytics_build_table (LancerMetricsReport *report,
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
char *
lancer_analytics_ab_variant_text (const LancerAbVariant *v)
{
  g_autofree char *best = lancer_ab_format_probability (v->prob_best);

  /* A rate from a handful of outcomes is the prior talking, not the
   * variant: no number until there are enough. */
  if (v->wins + v->losses < LANCER_AB_MIN_DECIDED)
    /* TRANSLATORS: an A/B variant: hired, decided, still open */
    return g_strdup_printf (_("Won: %u, decided: %u, still open: %u. Too few decided yet for a win rate."),
                            v->wins, v->wins + v->losses, v->pending);

  /* Plain words for a posterior mean and its 95 % interval. */
  /* TRANSLATORS: an A/B variant: hired, decided, still open, win rate, its likely range (low, high), chance of being best */
  return g_strdup_printf (_("Won: %u, decided: %u, still open: %u. Win rate %.1f %%, most likely between %.1f and "
                            "%.1f %%; chance it is the best: %s"),
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

GBytes *
lancer_analytics_render_pdf (LancerMetricsReport *report,
                             const char          *period,
                             LancerChart         *funnel,
                             LancerChart         *rates,
                             LancerChart         *earnings,
                             LancerChart         *groups)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *generated = lancer_format_date_time (g_date_time_to_unix (now));
  g_autofree char *subtitle = NULL;
  const LancerMetricsBreakdown *by_client = lancer_metrics_report_get_earnings_by_client (report);
  const LancerAbTest *ab = lancer_metrics_report_get_ab_test (report);
  g_autofree char *rule = lancer_ab_dup_rule_text ();
  double text_w = PDF_W - 2 * PDF_M;
  PdfWriter w = { 0 };

  surface = cairo_pdf_surface_create_for_stream (lancer_chart_append_bytes, bytes, PDF_W, PDF_H);
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
      const LancerMetric *m = lancer_metrics_report_get_metric (report, i);
      g_autofree char *value = lancer_metric_format (m);
      g_autofree char *records = g_strdup_printf (ngettext ("%u record", "%u records", m->n), m->n);
      /* Translators: a metric, its value, "too few to say" or nothing, and its number of records */
      g_autofree char *line = g_strdup_printf (_("%s: %s%s (%s)"), m->title, value,
                                               m->too_few ? _(" — too few to say") : "", records);
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
  pdf_chart (&w, funnel, _("Proposal funnel"));
  pdf_chart (&w, rates, lancer_chart_get_title (rates));
  pdf_chart (&w, earnings, lancer_chart_get_title (earnings));
  pdf_chart (&w, groups, lancer_chart_get_title (groups));

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
      g_autofree char *line = lancer_analytics_ab_variant_text (v);

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
