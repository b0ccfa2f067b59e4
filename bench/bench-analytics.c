/* bench-analytics.c: metrics.recompute and chart.render
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * metrics.recompute: every metric over 5 years and 5,000 proposals (with
 * payments, diary days and AI calls), median of 20 runs. Bar: 50 ms.
 * chart.render: one frame of a 5-year daily line chart (1,826 points, an
 * 800×300 widget) after its data changed: lancer_chart_set_data() with new
 * values, the widget's snapshot, and rendering the node to an image
 * surface with GSK's cairo renderer. Every run draws different values, so
 * nothing drawn for an earlier run can be reused: this is the cost of a
 * real redraw, not of a cached frame. Median of 50 runs. Bar: 4 ms.
 * With LANCER_BENCH_DETAIL set it also prints the slowest decile and
 * chart.draw_direct: lancer_chart_draw() straight onto a cairo context
 * (the PNG/SVG/PDF export path).
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "lancer-chart.h"
#include "lancer-metrics.h"

#define YEAR (365 * 86400)

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof (double), compare_double);
  return v[n / 2];
}

static LancerMetricsData *
make_data (gint64 start)
{
  static const char * const categories[] = { "Web", "Design", "Writing", "Data", "Mobile", "DevOps" };
  static const char * const countries[] = { "US", "GB", "DE", "CA", "AU", "FR", "NL", "IN" };
  LancerMetricsData *data = lancer_metrics_data_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);

  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *variant = g_strdup_printf ("Variant %u", i % 4);
      g_autofree char *client = g_strdup_printf ("client-%u", g_rand_int_range (rand, 0, 400));
      LancerMetricsProposal p = {
        .id = i + 1, .variant_id = i % 4 + 1, .variant = variant,
        .category = categories[i % G_N_ELEMENTS (categories)],
        .country = countries[i % G_N_ELEMENTS (countries)], .client = client,
        .job_type = (int) (i % 3 == 0), .budget = g_rand_double_range (rand, 20, 8000),
        .connects = 2 + (int) (i % 8),
      };
      double r = g_rand_double (rand);

      p.at[LANCER_STAGE_SENT] = start + (gint64) g_rand_int_range (rand, 0, 5 * YEAR);
      if (r < 0.6)
        p.at[LANCER_STAGE_VIEWED] = p.at[0] + 3600;
      if (r < 0.25)
        p.at[LANCER_STAGE_REPLIED] = p.at[0] + 7200 * (1 + i % 30);
      if (r < 0.12)
        p.at[LANCER_STAGE_INTERVIEWED] = p.at[0] + 86400;
      if (r < 0.07)
        p.at[LANCER_STAGE_HIRED] = p.at[0] + 2 * 86400;
      lancer_metrics_data_add_proposal (data, &p);
    }
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *client = g_strdup_printf ("Client %u", g_rand_int_range (rand, 0, 60));
      LancerMetricsPayment pay = {
        .at = start + (gint64) g_rand_int_range (rand, 0, 5 * YEAR), .kind = i % 10 ? "hourly" : "bonus",
        .currency = i % 7 ? "USD" : "EUR", .amount = g_rand_int_range (rand, 5000, 300000), .client = client,
        .category = categories[i % G_N_ELEMENTS (categories)],
      };

      pay.fee = pay.amount / 10;
      lancer_metrics_data_add_payment (data, &pay);
    }
  for (guint d = 0; d < 5 * 365; d++)
    {
      LancerMetricsDiaryDay day = { start / 86400 + (gint64) d, 240 + (int) (d % 5) * 30, "Client 1" };

      lancer_metrics_data_add_diary_day (data, &day);
    }
  for (guint i = 0; i < 8000; i++)
    {
      LancerMetricsAiCall call = { start + (gint64) g_rand_int_range (rand, 0, 5 * YEAR), 0.02, 1500 };

      lancer_metrics_data_add_ai_call (data, &call);
    }
  return data;
}

static void
bench_metrics (void)
{
  gint64 start = G_GINT64_CONSTANT (1609459200);
  g_autoptr(LancerMetricsData) data = make_data (start);
  double times[20];

  for (guint run = 0; run < G_N_ELEMENTS (times); run++)
    {
      gint64 t0 = g_get_monotonic_time ();
      LancerMetricsReport *report = lancer_metrics_compute (data, 0, G_MAXINT64, NULL);

      times[run] = (g_get_monotonic_time () - t0) / 1000.0;
      g_assert (lancer_metrics_report_get_funnel (report, LANCER_STAGE_SENT) == 5000);
      lancer_metrics_report_unref (report);
    }
  g_print ("metrics.recompute %.2f ms\n", median (times, G_N_ELEMENTS (times)));
}

static void
bench_chart (void)
{
  guint n = 5 * 365 + 1;
  g_autofree double *values = g_new (double, n);
  g_autofree gint64 *times = g_new (gint64, n);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  LancerChartSeries series = { "Earnings", values };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = lancer_chart_new (LANCER_CHART_LINE);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 300);
  double samples[50];

  for (guint i = 0; i < n; i++)
    {
      times[i] = G_GINT64_CONSTANT (1609459200) + (gint64) i * 86400;
      values[i] = 100 + 60 * sin (i / 40.0) + (i % 7) * 5;
      g_ptr_array_add (labels, g_strdup_printf ("%u", i));
    }
  lancer_chart_set_format (LANCER_CHART (chart), LANCER_CHART_FORMAT_MONEY);
  lancer_chart_set_data (LANCER_CHART (chart), n, (const char * const *) labels->pdata, times, &series, 1);
  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 300);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 200 && gtk_widget_get_width (chart) == 0; i++)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  for (guint run = 0; run < G_N_ELEMENTS (samples); run++)
    {
      GtkSnapshot *snapshot;
      GskRenderNode *node;
      cairo_t *cr;
      gint64 t0;

      /* New data each run: another phase and scale, as after a sync. */
      for (guint i = 0; i < n; i++)
        values[i] = 100 + (60 + run) * sin ((i + 7.0 * run) / 40.0) + ((i + run) % 7) * 5;

      t0 = g_get_monotonic_time ();
      lancer_chart_set_data (LANCER_CHART (chart), n, (const char * const *) labels->pdata, times, &series, 1);
      snapshot = gtk_snapshot_new ();
      GTK_WIDGET_GET_CLASS (chart)->snapshot (chart, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      cr = cairo_create (surface);
      if (node != NULL)
        gsk_render_node_draw (node, cr);
      cairo_destroy (cr);
      samples[run] = (g_get_monotonic_time () - t0) / 1000.0;
      g_clear_pointer (&node, gsk_render_node_unref);
    }
  g_print ("chart.render %.2f ms\n", median (samples, G_N_ELEMENTS (samples)));
  if (g_getenv ("LANCER_BENCH_DETAIL") != NULL)
    {
      /* median() sorted the samples. */
      g_printerr ("chart.render p90 %.2f ms, max %.2f ms\n",
                  samples[G_N_ELEMENTS (samples) * 9 / 10], samples[G_N_ELEMENTS (samples) - 1]);
      for (guint run = 0; run < G_N_ELEMENTS (samples); run++)
        {
          cairo_t *cr = cairo_create (surface);
          gint64 t0 = g_get_monotonic_time ();

          lancer_chart_draw (LANCER_CHART (chart), cr, 800, 300, LANCER_CHART_DRAW_DEFAULT);
          samples[run] = (g_get_monotonic_time () - t0) / 1000.0;
          cairo_destroy (cr);
        }
      g_printerr ("chart.draw_direct %.2f ms\n", median (samples, G_N_ELEMENTS (samples)));
    }
  cairo_surface_destroy (surface);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  bench_metrics ();
  if (!gtk_init_check ())
    {
      g_printerr ("chart.render needs a display\n");
      return 1;
    }
  adw_init ();
  bench_chart ();
  return 0;
}
