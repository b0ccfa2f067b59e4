/* test-analytics.c: every chart type, and the Analytics page over a real
 * profile database, in light, dark and at 360 px.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Screenshots land in $LANCER_ARTIFACT_DIR (build/screenshots/).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "lancer-store-private.h"   /* seeds the profile directly */
#include "lancer-analytics-page-private.h"
#include "lancer-application.h"
#include "lancer-chart.h"
#include "lancer-export-dialog-private.h"
#include "lancer-export.h"
#include "lancer-metric-card.h"
#include "lancer-paths.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"
#include "lancer-window.h"

static LancerApplication *app;

static void
write_artifact (const char *name,
                GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("%s/%s", lancer_paths_get_artifact_dir (), name);

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
}

static GtkWidget *
chart_window (GtkWidget *chart)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_margin_top (chart, 12);
  gtk_widget_set_margin_bottom (chart, 12);
  gtk_widget_set_margin_start (chart, 12);
  gtk_widget_set_margin_end (chart, 12);
  gtk_widget_set_vexpand (chart, TRUE);
  gtk_box_append (GTK_BOX (box), chart);
  gtk_widget_add_css_class (box, "view");
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 360);
  return window;
}

static void
test_chart_kinds (void)
{
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun" };
  static const double a[] = { 120, 340, 560, 410, 800, 950 };
  static const double b[] = { 80, 0, 220, 300, -40, 150 };
  static const double c[] = { 0.12, 0.18, 0.15, 0.22, 0.2, 0.27 };
  static const char * const stages[] = { "Sent", "Viewed", "Replied", "Interviewed", "Hired" };
  static const double funnel[] = { 120, 74, 31, 14, 6 };
  const LancerChartSeries two[] = { { "Acme", a }, { "Beta", b } };
  const LancerChartSeries one[] = { { "Win rate", c } };
  const LancerChartSeries stage_series[] = { { "Proposals", funnel } };
  struct { const char *name; LancerChartKind kind; LancerChartFormat format; const LancerChartSeries *series;
           guint n_series; const char * const *labels; guint n; } cases[] = {
    { "line", LANCER_CHART_LINE, LANCER_CHART_FORMAT_PERCENT, one, 1, months, 6 },
    { "bar", LANCER_CHART_BAR, LANCER_CHART_FORMAT_MONEY, two, 2, months, 6 },
    { "stacked-bar", LANCER_CHART_STACKED_BAR, LANCER_CHART_FORMAT_MONEY, two, 2, months, 6 },
    { "funnel", LANCER_CHART_FUNNEL, LANCER_CHART_FORMAT_NUMBER, stage_series, 1, stages, 5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint dark = 0; dark < 2; dark++)
      {
        GtkWidget *chart = lancer_chart_new (cases[i].kind);
        GtkWidget *window = chart_window (chart);
        g_autofree char *name = g_strdup_printf ("chart-%s-%s", cases[i].name, dark ? "dark" : "light");
        g_autofree char *svg_name = g_strdup_printf ("%s.svg", name);
        g_autofree char *export_name = g_strdup_printf ("%s-export.png", name);
        g_autofree char *description = NULL;
        g_autofree char *tip = NULL;
        g_autoptr(GBytes) png = NULL;
        g_autoptr(GBytes) svg = NULL;

        adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                            dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
        lancer_chart_set_title (LANCER_CHART (chart), cases[i].name);
        lancer_chart_set_format (LANCER_CHART (chart), cases[i].format);
        lancer_chart_set_data (LANCER_CHART (chart), cases[i].n, cases[i].labels, NULL,
                               cases[i].series, cases[i].n_series);
        g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));

        /* Keyboard: focus shows the tooltip, arrows move it. */
        gtk_widget_grab_focus (chart);
        lancer_test_ui_settle (chart);
        g_assert_cmpint (lancer_chart_get_selected (LANCER_CHART (chart)), >=, 0);
        lancer_chart_set_selected (LANCER_CHART (chart), 2);
        tip = lancer_chart_dup_point_text (LANCER_CHART (chart), 2);
        g_assert_nonnull (tip);
        g_assert_true (g_str_has_prefix (tip, cases[i].labels[2]));
        lancer_test_ui_shoot (window, name);

        description = lancer_chart_dup_description (LANCER_CHART (chart));
        g_assert_nonnull (strstr (description, cases[i].labels[0]));

        png = lancer_chart_render_png (LANCER_CHART (chart), 640, 320);
        g_assert_cmpint (memcmp (g_bytes_get_data (png, NULL), "\x89PNG", 4), ==, 0);
        write_artifact (export_name, png);
        svg = lancer_chart_render_svg (LANCER_CHART (chart), 640, 320);
        g_assert_nonnull (g_strstr_len (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), "<svg"));
        write_artifact (svg_name, svg);

        gtk_window_destroy (GTK_WINDOW (window));
      }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_chart_time_series (void)
{
  /* Five years of daily values on a date axis, and an empty chart. */
  guint n = 5 * 365;
  g_autofree double *values = g_new (double, n);
  g_autofree gint64 *times = g_new (gint64, n);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *chart = lancer_chart_new (LANCER_CHART_LINE);
  GtkWidget *window = chart_window (chart);
  LancerChartSeries series = { "Earnings", values };
  GtkWidget *empty;
  GtkWidget *empty_window;

  for (guint i = 0; i < n; i++)
    {
      times[i] = G_GINT64_CONSTANT (1609459200) + (gint64) i * 86400;
      values[i] = 100 + 60 * sin (i / 40.0) + (i % 7) * 5;
      g_ptr_array_add (labels, g_strdup_printf ("day %u", i));
    }
  lancer_chart_set_format (LANCER_CHART (chart), LANCER_CHART_FORMAT_MONEY);
  lancer_chart_set_data (LANCER_CHART (chart), n, (const char * const *) labels->pdata, times, &series, 1);
  lancer_chart_set_selected (LANCER_CHART (chart), 900);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  lancer_test_ui_shoot (window, "chart-line-5-years");
  gtk_window_destroy (GTK_WINDOW (window));

  empty = lancer_chart_new (LANCER_CHART_BAR);
  empty_window = chart_window (empty);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (empty_window)));
  lancer_test_ui_settle (empty);
  {
    g_autofree char *description = lancer_chart_dup_description (LANCER_CHART (empty));

    g_assert_nonnull (strstr (description, "no data"));
  }
  gtk_window_destroy (GTK_WINDOW (empty_window));
}

/* The page over a real profile */

static LancerAnalyticsPage *
find_page (GtkWidget *widget)
{
  if (LANCER_IS_ANALYTICS_PAGE (widget))
    return LANCER_ANALYTICS_PAGE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      LancerAnalyticsPage *page = find_page (child);

      if (page != NULL)
        return page;
    }
  return NULL;
}

/* The title of the status page on screen, or NULL. */
static const char *
shown_status_title (GtkWidget *widget)
{
  if (ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget))
    return adw_status_page_get_title (ADW_STATUS_PAGE (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *title = shown_status_title (child);

      if (title != NULL)
        return title;
    }
  return NULL;
}

/* Whether a button labelled @label is on screen. */
static gboolean
button_shown (GtkWidget  *widget,
              const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0 &&
      gtk_widget_get_mapped (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (button_shown (child, label))
      return TRUE;
  return FALSE;
}

typedef struct
{
  LancerAnalyticsPage *page;
  LancerPageState      state;
} ModeWait;

static gboolean
mode_is (gpointer data)
{
  ModeWait *wait = data;

  return lancer_page_get_state (LANCER_PAGE (wait->page)) == wait->state;
}

/* A report newer than @serial whose range starts in [@from_min, @from_max]:
 * the page bumps the serial for each report it shows, so a new report that
 * happens to reuse the old one's address still counts as new. */
typedef struct
{
  LancerAnalyticsPage *page;
  guint                serial;
  gint64               from_min;
  gint64               from_max;
} ReportWait;

static gboolean
report_is_new (gpointer data)
{
  ReportWait *wait = data;
  LancerMetricsReport *report = lancer_analytics_page_get_report (wait->page);

  return lancer_analytics_page_get_report_serial (wait->page) != wait->serial && report != NULL &&
         lancer_metrics_report_get_from (report) >= wait->from_min &&
         lancer_metrics_report_get_from (report) <= wait->from_max;
}

static LancerMetricsReport *
set_range_and_wait (LancerAnalyticsPage  *page,
                    LancerAnalyticsRange  range,
                    gint64                from_min,
                    gint64                from_max)
{
  ReportWait wait = { page, lancer_analytics_page_get_report_serial (page), from_min, from_max };

  lancer_analytics_page_set_range (page, range);
  g_assert_true (lancer_test_iterate_until (report_is_new, &wait, 20));
  g_assert_cmpint (lancer_page_get_state (LANCER_PAGE (page)), ==, LANCER_PAGE_READY);
  return lancer_analytics_page_get_report (page);
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    lancer_store_propagate_sqlite_error (error, db, rc);
  return rc == SQLITE_OK;
}

/* Ten months of a believable freelancer: 160 proposals from two variants,
 * a hire rate near 8 %, payments from four clients, diary hours. */
static gpointer
write_fixture (LancerStore   *store,
               sqlite3       *db,
               gpointer       user_data,
               GCancellable  *cancellable,
               GError       **error)
{
  static const char * const categories[] = { "Web Development", "Design", "Writing", "Data" };
  static const char * const countries[] = { "US", "GB", "DE", "CA", "AU" };
  static const char * const clients[] = { "Acme Corp", "Blue Fin", "Cobalt Labs", "Delta Studio" };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GString) sql = g_string_new ("INSERT INTO proposal_variants (id, name, created_at) VALUES"
                                         " (1, 'Short and direct', 0), (2, 'Story first', 0);");

  for (guint i = 0; i < 160; i++)
    {
      gint64 sent = now - (gint64) g_rand_int_range (rand, 1, 300) * 86400;
      int variant = 1 + (int) (i % 2);
      double roll = g_rand_double (rand);
      gboolean viewed = roll < (variant == 1 ? 0.7 : 0.55);
      gboolean replied = viewed && g_rand_double (rand) < 0.45;
      gboolean interview = replied && g_rand_double (rand) < 0.5;
      gboolean hired = interview && g_rand_double (rand) < 0.6;
      /* Statuses as the sync stores them (Lancer's spellings of Upwork's):
       * older proposals are decided, recent ones still pending. */
      const char *status = hired ? "hired" : sent < now - 45 * 86400 && roll > 0.3 ? "declined" : "sent";

      g_string_append_printf (sql,
                              "INSERT INTO jobs (id, title, posted_at, fetched_at, updated_at, job_type, budget,"
                              " category, client_country, saved) VALUES ('fx%u', 'Job %u', %" G_GINT64_FORMAT
                              ", 0, 0, %d, %d, '%s', '%s', 1);"
                              "INSERT INTO proposals (id, job_id, variant_id, status, connects_spent, created_at,"
                              " updated_at, submitted_at) VALUES (%u, 'fx%u', %d, '%s', NULL, 0, 0, %" G_GINT64_FORMAT ");"
                              "INSERT INTO proposal_writing_time (proposal_id, seconds) SELECT %u, %u WHERE %d;",
                              i, i, sent, (int) (i % 3 == 0), 50 + (int) (i * 37 % 3000),
                              categories[i % G_N_ELEMENTS (categories)], countries[i % G_N_ELEMENTS (countries)],
                              i + 1, i, variant, status, sent, i + 1, 600 + (i * 97) % 1800, (int) (i % 4 == 0));
      if (viewed)
        g_string_append_printf (sql, "INSERT INTO proposal_events (proposal_id, status, at) VALUES (%u, 'viewed', %"
                                G_GINT64_FORMAT ");", i + 1, sent + 3600);
      if (replied)
        g_string_append_printf (sql, "INSERT INTO proposal_events (proposal_id, status, at) VALUES (%u, 'replied', %"
                                G_GINT64_FORMAT ");", i + 1, sent + 3600 * (2 + (gint64) (i % 20)));
      if (interview)
        g_string_append_printf (sql, "INSERT INTO proposal_events (proposal_id, status, at) VALUES (%u, 'interview', %"
                                G_GINT64_FORMAT ");", i + 1, sent + 86400);
      if (hired)
        g_string_append_printf (sql, "INSERT INTO proposal_events (proposal_id, status, at) VALUES (%u, 'hired', %"
                                G_GINT64_FORMAT ");", i + 1, sent + 2 * 86400);
    }
  for (guint c = 0; c < G_N_ELEMENTS (clients); c++)
    g_string_append_printf (sql, "INSERT INTO contracts (id, job_id, title, client_name, updated_at)"
                                 " VALUES ('k%u', 'fx%u', 'Contract %u', '%s', 0);", c, c, c, clients[c]);
  for (guint m = 0; m < 10; m++)
    for (guint c = 0; c < G_N_ELEMENTS (clients); c++)
      {
        double amount = 300 + 150 * c + 40 * m + g_rand_int_range (rand, 0, 200);

        if ((m + c) % 3 == 0)
          continue;
        /* One client pays in euros: shown beside the dollars, not added. */
        g_string_append_printf (sql, "INSERT INTO transactions (id, contract_id, kind, amount, currency, occurred_at)"
                                     " VALUES ('t%u-%u', 'k%u', '%s', %.2f, '%s', %" G_GINT64_FORMAT ");"
                                     "INSERT INTO transactions (id, contract_id, kind, amount, currency, occurred_at)"
                                     " VALUES ('f%u-%u', 'k%u', 'fee', %.2f, '%s', %" G_GINT64_FORMAT ");",
                                m, c, c, c % 2 ? "hourly" : "fixed", amount, c == 3 ? "EUR" : "USD",
                                now - (gint64) (m * 30 + c + 1) * 86400,
                                m, c, c, -amount * 0.1, c == 3 ? "EUR" : "USD", now - (gint64) (m * 30 + c + 1) * 86400);
      }
  for (guint m = 0; m < 10; m++)
    g_string_append_printf (sql, "INSERT INTO transactions (id, kind, amount, currency, description, occurred_at)"
                                 " VALUES ('c%u', 'connects', -15.0, 'USD', 'Connects purchase', %" G_GINT64_FORMAT ");",
                            m, now - (gint64) (m * 30 + 2) * 86400);
  for (guint d = 0; d < 200; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_new_from_unix_utc (now - (gint64) (d + 1) * 86400);
      g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");

      g_string_append_printf (sql, "INSERT INTO diary_days (contract_id, day, minutes, updated_at)"
                                   " VALUES ('k%u', '%s', %u, 0);", d % 4, text, 120 + (d * 53) % 300);
    }
  for (guint a = 0; a < 40; a++)
    g_string_append_printf (sql, "INSERT INTO ai_calls (provider, model, purpose, cost, created_at)"
                                 " VALUES ('openai', 'gpt', 'proposal', 0.03, %" G_GINT64_FORMAT ");",
                            now - (gint64) a * 5 * 86400);
  exec_sql (db, sql->str, error);
  return NULL;
}

static GtkScrolledWindow *
find_scrolled (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_get_mapped (widget))
    return GTK_SCROLLED_WINDOW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found = find_scrolled (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
scroll_to_end (GtkWidget *page)
{
  GtkScrolledWindow *scrolled = find_scrolled (page);
  GtkAdjustment *adj;

  g_assert_nonnull (scrolled);
  lancer_test_ui_settle (page);
  adj = gtk_scrolled_window_get_vadjustment (scrolled);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  lancer_test_ui_settle (page);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  lancer_store_run_finish (LANCER_STORE (source), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* The fixture, written once per run (a test may run alone). */
static void
ensure_fixture (LancerSession *session)
{
  static gboolean written = FALSE;
  gboolean done = FALSE;

  if (written)
    return;
  lancer_store_run_async (lancer_session_get_store (session), TRUE, "proposals", write_fixture,
                          NULL, NULL, NULL, NULL, written_cb, &done);
  g_assert_true (lancer_test_wait_flag (&done, 20));
  written = TRUE;
}

static LancerMetricCard *
find_card (GtkWidget  *widget,
           const char *metric)
{
  if (LANCER_IS_METRIC_CARD (widget) &&
      g_strcmp0 (lancer_metric_card_get_metric (LANCER_METRIC_CARD (widget)), metric) == 0)
    return LANCER_METRIC_CARD (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      LancerMetricCard *card = find_card (child, metric);

      if (card != NULL)
        return card;
    }
  return NULL;
}

static const char *
card_value (GtkWidget  *page,
            const char *metric)
{
  LancerMetricCard *card = find_card (page, metric);

  g_assert_nonnull (card);
  return lancer_metric_card_get_value (card);
}

static void
test_page (void)
{
  LancerSession *session = lancer_application_get_session (app);
  LancerWindow *window;
  LancerAnalyticsPage *page;
  LancerMetricsReport *report;
  ModeWait wait;
  g_autoptr(GError) error = NULL;

  window = lancer_window_new (GTK_APPLICATION (app), session);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "analytics");
  page = find_page (GTK_WIDGET (window));
  g_assert_nonnull (page);
  g_assert_true (lancer_test_iterate_until (lancer_test_ui_session_ready, session, 20));
  g_assert_cmpint (lancer_session_get_state (session), ==, LANCER_SESSION_READY);

  /* A fresh profile, not connected to Upwork, says what to do first. */
  wait = (ModeWait) { page, LANCER_PAGE_EMPTY };
  g_assert_true (lancer_test_iterate_until (mode_is, &wait, 20));
  lancer_test_ui_settle (GTK_WIDGET (window));
  g_assert_cmpstr (shown_status_title (GTK_WIDGET (page)), ==, "Connect Your Upwork Account");
  g_assert_true (button_shown (GTK_WIDGET (page), "_Connect Upwork…"));
  lancer_test_ui_shoot (GTK_WIDGET (window), "analytics-empty");

  /* Data arrives as a sync would write it: the page follows ::changed. */
  ensure_fixture (session);
  wait = (ModeWait) { page, LANCER_PAGE_READY };
  g_assert_true (lancer_test_iterate_until (mode_is, &wait, 20));
  report = lancer_analytics_page_get_report (page);
  g_assert_cmpuint (lancer_metrics_report_get_funnel (report, LANCER_STAGE_SENT), ==, 160);
  g_assert_cmpuint (lancer_chart_get_n_points (lancer_analytics_page_get_chart (page, "funnel")), ==, 5);
  g_assert_cmpuint (lancer_chart_get_n_points (lancer_analytics_page_get_chart (page, "earnings")), >, 6);
  {
    g_autofree char *text = lancer_test_ui_collect_text (GTK_WIDGET (page));

    g_assert_nonnull (strstr (text, "Win rate"));
    g_assert_nonnull (strstr (text, "Effective hourly rate"));
    g_assert_nonnull (strstr (text, "Short and direct"));
  }
  lancer_test_ui_shoot (GTK_WIDGET (window), "analytics-light");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  lancer_test_ui_shoot (GTK_WIDGET (window), "analytics-dark");
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 1400);
  lancer_test_ui_settle (GTK_WIDGET (window));
  lancer_test_ui_shoot (GTK_WIDGET (window), "analytics-dark-360");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  lancer_test_ui_shoot (GTK_WIDGET (window), "analytics-light-360");
  /* The end of the page: the A/B test and its rule. */
  scroll_to_end (GTK_WIDGET (page));
  lancer_test_ui_shoot (GTK_WIDGET (window), "analytics-light-360-end");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  lancer_test_ui_settle (GTK_WIDGET (window));
  scroll_to_end (GTK_WIDGET (page));
  lancer_test_ui_shoot (GTK_WIDGET (window), "analytics-dark-end");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 1400);
  lancer_test_ui_settle (GTK_WIDGET (window));

  /* A short range with little data flags its numbers: the fixture spreads
   * 160 proposals over 300 days, so about 16 fall in the last 30 — some,
   * but fewer than the 30 a rate needs. */
  {
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;
    const LancerMetric *win;
    guint sent;

    report = set_range_and_wait (page, LANCER_ANALYTICS_RANGE_30_DAYS, now - 31 * 86400, now);
    sent = lancer_metrics_report_get_funnel (report, LANCER_STAGE_SENT);
    win = lancer_metrics_report_get_metric (report, LANCER_METRIC_WIN_RATE);
    g_assert_cmpuint (sent, >, 0);
    g_assert_cmpuint (sent, <, 160);
    g_assert_cmpuint (win->n, ==, sent);
    g_assert_cmpuint (win->n, <, LANCER_METRICS_MIN_SAMPLE);
    g_assert_true (win->too_few);
    /* Too few to mean anything: "—", not a number that looks like one. */
    lancer_test_ui_settle (GTK_WIDGET (window));
    g_assert_cmpstr (card_value (GTK_WIDGET (page), "win-rate"), ==, "—");
  }
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  lancer_test_ui_shoot (GTK_WIDGET (window), "analytics-30-days");
  report = set_range_and_wait (page, LANCER_ANALYTICS_RANGE_ALL_TIME, 0, 0);
  g_assert_cmpuint (lancer_metrics_report_get_funnel (report, LANCER_STAGE_SENT), ==, 160);
  g_assert_false (lancer_metrics_report_get_metric (report, LANCER_METRIC_WIN_RATE)->too_few);
  lancer_test_ui_settle (GTK_WIDGET (window));
  g_assert_cmpstr (card_value (GTK_WIDGET (page), "win-rate"), !=, "—");

  /* Exports: the bytes the file chooser would save. */
  {
    g_autoptr(GBytes) csv = lancer_analytics_page_export_bytes (page, "table:metrics:csv", &error);
    g_autoptr(GBytes) json = NULL;
    g_autoptr(GBytes) png = NULL;
    g_autoptr(GBytes) svg = NULL;
    g_autoptr(GBytes) pdf = NULL;
    g_autoptr(LancerTable) table = NULL;
    g_autofree char *csv_text = NULL;

    g_assert_no_error (error);
    csv_text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
    table = lancer_table_from_csv (csv_text, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (lancer_table_get_n_rows (table), ==, LANCER_N_METRICS);

    json = lancer_analytics_page_export_bytes (page, "table:ab:json", &error);
    g_assert_no_error (error);
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (json, NULL), g_bytes_get_size (json), "prob_best"));

    png = lancer_analytics_page_export_bytes (page, "chart:earnings:png", &error);
    g_assert_no_error (error);
    g_assert_cmpint (memcmp (g_bytes_get_data (png, NULL), "\x89PNG", 4), ==, 0);
    write_artifact ("analytics-earnings-export.png", png);
    svg = lancer_analytics_page_export_bytes (page, "chart:rates:svg", &error);
    g_assert_no_error (error);
    write_artifact ("analytics-rates-export.svg", svg);

    pdf = lancer_analytics_page_export_bytes (page, "report:pdf", &error);
    g_assert_no_error (error);
    g_assert_cmpint (memcmp (g_bytes_get_data (pdf, NULL), "%PDF", 4), ==, 0);
    g_assert_cmpuint (g_bytes_get_size (pdf), >, 5000);
    write_artifact ("analytics-report.pdf", pdf);

    g_assert_null (lancer_analytics_page_export_bytes (page, "table:nope:csv", &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
message_dialog_shown (gpointer data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_mapped (l->data))
      {
        *(AdwMessageDialog **) data = l->data;
        return TRUE;
      }
  return FALSE;
}

static gboolean
page_has_card (const char *key)
{
  static const char * const keys[] = { "win-rate", "cost-per-win", "effective-hourly-rate", "net-earnings",
                                       "reply-rate", "cost-per-reply", "response-time", "ai-spend" };

  return g_strv_contains (keys, key);
}

/* The Analytics page and `lancer-cli stats` show the same numbers: every
 * metric the CLI prints (its "display") appears on the page as such. */
static void
test_page_matches_cli (void)
{
  const char *cli = g_getenv ("LANCER_CLI");
  LancerSession *session = lancer_application_get_session (app);
  LancerProfile *profile = lancer_session_get_profile (session);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  LancerWindow *window;
  LancerAnalyticsPage *page;
  ModeWait wait;
  JsonArray *metrics;
  guint compared = 0;

  if (cli == NULL)
    {
      g_test_skip ("LANCER_CLI is not set");
      return;
    }

  window = lancer_window_new (GTK_APPLICATION (app), session);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "analytics");
  page = find_page (GTK_WIDGET (window));
  wait = (ModeWait) { page, LANCER_PAGE_READY };
  g_assert_true (lancer_test_iterate_until (mode_is, &wait, 20));
  set_range_and_wait (page, LANCER_ANALYTICS_RANGE_90_DAYS, 0, G_MAXINT64);
  lancer_test_ui_settle (GTK_WIDGET (window));
  text = lancer_test_ui_collect_text (GTK_WIDGET (page));

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                           cli, "--profile", lancer_profile_get_display_name (profile), "stats", "--range", "90d",
                           "--json", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);

  metrics = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "metrics");
  for (guint i = 0; i < json_array_get_length (metrics); i++)
    {
      JsonObject *m = json_array_get_object_element (metrics, i);
      const char *key = json_object_get_string_member (m, "key");
      const char *display = json_object_get_string_member (m, "display");
      const LancerMetric *shown = NULL;

      /* Only the metrics the page has a card for. */
      for (guint id = 0; id < LANCER_N_METRICS; id++)
        if (g_str_equal (lancer_metrics_report_get_metric (lancer_analytics_page_get_report (page), id)->key, key))
          shown = lancer_metrics_report_get_metric (lancer_analytics_page_get_report (page), id);
      g_assert_nonnull (shown);
      if (!page_has_card (key))
        continue;
      g_test_message ("%s: CLI “%s”", key, display);
      g_assert_nonnull (strstr (text, display));
      if (!json_object_get_null_member (m, "missing") && g_str_equal (display, "—"))
        g_assert_nonnull (strstr (text, json_object_get_string_member (m, "missing")));
      compared++;
    }
  g_assert_cmpuint (compared, ==, 8);
  /* Euros beside dollars, never added up. */
  g_assert_nonnull (strstr (text, "€"));

  /* …until the user sets a rate: then a dollar total too, labelled. */
  {
    GtkWidget *button = lancer_test_ui_find_action_button (GTK_WIDGET (page), "analytics.exchange-rates");
    AdwMessageDialog *dialog = NULL;
    GtkListBoxRow *row;
    ReportWait again = { page, lancer_analytics_page_get_report_serial (page), G_MININT64, G_MAXINT64 };
    const LancerMetric *net, *rate;
    g_autofree char *after = NULL;

    g_assert_nonnull (button);
    gtk_widget_activate (button);
    g_assert_true (lancer_test_iterate_until (message_dialog_shown, &dialog, 10));
    row = GTK_LIST_BOX_ROW (lancer_test_ui_find_type (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW));
    g_assert_true (ADW_IS_ENTRY_ROW (row));
    gtk_editable_set_text (GTK_EDITABLE (row), "1,10");
    lancer_test_ui_shoot (GTK_WIDGET (dialog), "analytics-exchange-rates");
    adw_message_dialog_response (dialog, "save");
    g_assert_true (lancer_test_iterate_until (report_is_new, &again, 20));
    net = lancer_metrics_report_get_metric (lancer_analytics_page_get_report (page), LANCER_METRIC_NET_EARNINGS);
    rate = lancer_metrics_report_get_metric (lancer_analytics_page_get_report (page), LANCER_METRIC_EFFECTIVE_RATE);
    g_assert_false (isnan (net->value));
    g_assert_false (isnan (rate->value));
    lancer_test_ui_settle (GTK_WIDGET (window));
    after = lancer_test_ui_collect_text (GTK_WIDGET (page));
    g_assert_nonnull (strstr (after, "at the exchange rates you set"));
    g_assert_nonnull (strstr (after, "€"));
    lancer_test_ui_shoot (GTK_WIDGET (window), "analytics-with-rates");

    /* The rate rests on the hours of the work diary, all of them, and
     * says how many: the same hours the Work Diary page adds up. */
    {
      double minutes = 0;
      g_autofree char *hours = NULL;
      LancerMetricCard *card;

      for (guint d = 0; d < 200; d++)
        minutes += 120 + (d * 53) % 300;     /* as write_fixture() logged them */
      set_range_and_wait (page, LANCER_ANALYTICS_RANGE_ALL_TIME, 0, 0);
      g_assert_cmpfloat_with_epsilon (lancer_metrics_report_get_metric (lancer_analytics_page_get_report (page),
                                                                        LANCER_METRIC_BILLED_HOURS)->value,
                                      minutes / 60, 1e-9);
      hours = lancer_metrics_format_value (LANCER_METRIC_UNIT_HOURS, minutes / 60);
      lancer_test_ui_settle (GTK_WIDGET (window));
      card = find_card (GTK_WIDGET (page), "effective-hourly-rate");
      g_assert_cmpstr (lancer_metric_card_get_value (card), !=, "—");
      g_free (after);
      after = lancer_test_ui_collect_text (GTK_WIDGET (card));
      g_test_message ("effective hourly rate: %s", after);
      g_assert_nonnull (strstr (after, hours));
      g_assert_nonnull (strstr (after, "in the Work Diary"));
    }
    g_settings_reset (lancer_session_get_settings (session), "exchange-rates");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A window on the Analytics page of the fixture profile, showing a report. */
static LancerAnalyticsPage *
show_report_window (LancerWindow **window,
                    int            width)
{
  LancerSession *session = lancer_application_get_session (app);
  LancerAnalyticsPage *page;
  ModeWait wait;

  g_assert_true (lancer_test_iterate_until (lancer_test_ui_session_ready, session, 20));
  ensure_fixture (session);
  *window = lancer_window_new (GTK_APPLICATION (app), session);
  gtk_window_set_default_size (GTK_WINDOW (*window), width, 900);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (*window)));
  lancer_window_show_page (*window, "analytics");
  page = find_page (GTK_WIDGET (*window));
  wait = (ModeWait) { page, LANCER_PAGE_READY };
  g_assert_true (lancer_test_iterate_until (mode_is, &wait, 20));
  lancer_test_ui_settle (GTK_WIDGET (*window));
  return page;
}

/* Every label on screen shows its whole text: "Unit…" is a bug. */
static guint
assert_no_ellipsis (GtkWidget *widget)
{
  guint checked = 0;

  if (!gtk_widget_get_mapped (widget))
    return 0;
  if (GTK_IS_LABEL (widget))
    {
      if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
        g_error ("“%s” is cut short", gtk_label_get_text (GTK_LABEL (widget)));
      checked++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    checked += assert_no_ellipsis (child);
  return checked;
}

static void
test_labels_fit (void)
{
  static const int widths[] = { 1180, 360 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      LancerWindow *window;
      LancerAnalyticsPage *page = show_report_window (&window, widths[w]);
      guint checked = 0;
      g_autofree char *name = g_strdup_printf ("analytics-labels-%d", widths[w]);

      lancer_test_ui_shoot (GTK_WIDGET (window), name);
      /* It fits: the window never asks for more than 360 px. */
      {
        int min_width = 0;

        gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                            GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
        g_test_message ("content minimum width %d", min_width);

        g_assert_cmpint (min_width, <=, 360);
      }
      /* All the way down, a screenful at a time: only what is drawn counts. */
      for (guint step = 0; step < 12; step++)
        {
          GtkScrolledWindow *scrolled = find_scrolled (GTK_WIDGET (page));
          GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scrolled);

          checked += assert_no_ellipsis (GTK_WIDGET (page));
          gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj));
          lancer_test_ui_settle (GTK_WIDGET (window));
        }
      g_test_message ("%d px: %u labels checked", widths[w], checked);
      g_assert_cmpuint (checked, >, 20);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

static gboolean
export_dialog_shown (gpointer data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (LANCER_IS_EXPORT_DIALOG (l->data) && gtk_widget_get_mapped (l->data))
      {
        *(LancerExportDialog **) data = l->data;
        return TRUE;
      }
  return FALSE;
}

static gboolean
file_written (gpointer data)
{
  return g_file_query_exists (data, NULL);
}

/* Export… opens one dialog; the user picks what and the format, then a
 * file: the file holds that export. */
static void
test_export_dialog (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lancer-export-XXXXXX", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "funnel.csv", NULL);
  g_autofree char *png_path = g_build_filename (dir, "earnings.png", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(GFile) png_file = g_file_new_for_path (png_path);
  g_autofree char *csv = NULL;
  g_autofree char *png = NULL;
  gsize png_size = 0;
  g_autoptr(LancerTable) table = NULL;
  g_autoptr(GError) error = NULL;
  LancerExportDialog *dialog = NULL;
  LancerWindow *window;
  LancerAnalyticsPage *page = show_report_window (&window, 1180);
  GtkWidget *what, *format;
  g_autofree char *target = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "analytics.export", NULL));
  g_assert_true (lancer_test_iterate_until (export_dialog_shown, &dialog, 10));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  lancer_test_ui_shoot (GTK_WIDGET (dialog), "analytics-export-dialog");

  /* The first choice is the report, as a PDF. */
  target = lancer_export_dialog_dup_target (dialog);
  g_assert_cmpstr (target, ==, "report:pdf");

  what = lancer_test_ui_find_type (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW);
  format = lancer_test_ui_find_type (gtk_widget_get_next_sibling (what), ADW_TYPE_COMBO_ROW);
  g_assert_nonnull (format);
  adw_combo_row_set_selected (ADW_COMBO_ROW (what), 2);          /* Proposal funnel */
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (ADW_COMBO_ROW (what))), ==,
                   "Proposal funnel");
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (format))), ==, 4);
  adw_combo_row_set_selected (ADW_COMBO_ROW (format), 0);
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (ADW_COMBO_ROW (format))), ==,
                   "Spreadsheet (CSV)");
  lancer_export_dialog_save_to (dialog, csv_file);
  g_assert_true (lancer_test_iterate_until (file_written, csv_file, 10));
  lancer_test_ui_settle (GTK_WIDGET (window));
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  g_assert_no_error (error);
  table = lancer_table_from_csv (csv, &error);
  g_assert_no_error (error);
  /* Sent, viewed, replied, interviewed, hired: the fixture's 160 first. */
  g_assert_cmpuint (lancer_table_get_n_rows (table), ==, 5);
  g_assert_true (g_str_has_prefix (csv, "stage,count,share_of_sent"));
  g_assert_nonnull (strstr (csv, "\nSent,160,"));

  /* The earnings chart as an image, the second way out of the dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "analytics.export", NULL));
  dialog = NULL;
  g_assert_true (lancer_test_iterate_until (export_dialog_shown, &dialog, 10));
  what = lancer_test_ui_find_type (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW);
  format = lancer_test_ui_find_type (gtk_widget_get_next_sibling (what), ADW_TYPE_COMBO_ROW);
  adw_combo_row_set_selected (ADW_COMBO_ROW (what), 13);         /* Net earnings, as shown */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (format))), ==, 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (format), 0);        /* PNG */
  lancer_export_dialog_save_to (dialog, png_file);
  g_assert_true (lancer_test_iterate_until (file_written, png_file, 10));
  lancer_test_ui_settle (GTK_WIDGET (window));
  g_assert_true (g_file_get_contents (png_path, &png, &png_size, &error));
  g_assert_cmpuint (png_size, >, 1000);
  g_assert_cmpint (memcmp (png, "\x89PNG", 4), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (csv_path);
  g_unlink (png_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = lancer_test_ui_app_new (&argc, &argv);

  g_test_add_func ("/ui/analytics/chart-kinds", test_chart_kinds);
  g_test_add_func ("/ui/analytics/chart-time-series", test_chart_time_series);
  g_test_add_func ("/ui/analytics/page", test_page);
  g_test_add_func ("/ui/analytics/page-matches-cli", test_page_matches_cli);
  g_test_add_func ("/ui/analytics/labels-fit", test_labels_fit);
  g_test_add_func ("/ui/analytics/export-dialog", test_export_dialog);

  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
