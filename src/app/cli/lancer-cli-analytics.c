/* lancer-cli-analytics.c: `stats` and `export`
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lancer-audit.h"
#include "lancer-cli.h"
#include "lancer-export.h"
#include "lancer-store-metrics.h"

int
lancer_cli_stats (LancerCli  *cli,
                  int         argc,
                  char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LancerMetricsReport) report = NULL;
  g_autofree char *range_name = NULL;
  g_auto(GStrv) rates = NULL;
  GOptionEntry entries[] = {
    { "range", 0, 0, G_OPTION_ARG_STRING, &range_name, N_("30d, 90d, 12m or all (default)"), N_("RANGE") },
    { "rate", 0, 0, G_OPTION_ARG_STRING_ARRAY, &rates,
      N_("Exchange rate to US dollars you set, e.g. EUR=1.08 (repeatable)"), N_("CUR=USD") },
    { NULL }
  };
  LancerMetricsOptions options;
  LancerMetricsRange range = LANCER_METRICS_RANGE_ALL_TIME;
  LancerStore *store;
  gint64 from, to;

  if (!lancer_cli_parse_options (cli, NULL, _("Win rate, costs, earnings and effective hourly rate, with formulas."),
                                 entries, &argc, &argv, &error))
    return lancer_cli_fail (cli, error);
  if (argc > 1)
    return lancer_cli_fail_message (cli, _("Usage: lancer-cli stats [--range 30d|90d|12m|all] [--rate CUR=USD] [--json]"));
  if (range_name != NULL && !lancer_metrics_range_from_string (range_name, &range))
    return lancer_cli_fail_message (cli, _("--range must be 30d, 90d, 12m or all"));
  lancer_metrics_options_init (&options);
  for (guint i = 0; rates != NULL && rates[i] != NULL; i++)
    if (!lancer_metrics_options_add_rate (&options, rates[i]))
      return lancer_cli_fail_message (cli, _("--rate must look like EUR=1.08: a currency code and how many US "
                                             "dollars one unit is worth"));

  store = lancer_cli_open_store (cli, &error);
  if (store == NULL)
    return lancer_cli_fail (cli, error);
  /* The rates set in the app, unless --rate gave one. */
  {
    LancerProfile *profile = lancer_cli_get_profile (cli, NULL);
    g_autoptr(GSettings) settings = profile != NULL ? lancer_profile_dup_settings (profile) : NULL;

    lancer_metrics_options_load_rates (&options, settings);
  }

  /* The same whole-day window in the local time zone as the Analytics page. */
  lancer_metrics_range_bounds (range, NULL, g_get_real_time () / G_USEC_PER_SEC, &from, &to);
  lancer_metrics_report_async (store, from, to, &options, NULL, lancer_cli_async_cb, &result);
  report = lancer_metrics_report_finish (store, lancer_cli_wait (cli, &result), &error);
  if (report == NULL)
    return lancer_cli_fail (cli, error);

  if (lancer_cli_get_json (cli))
    {
      g_autoptr(JsonNode) node = lancer_metrics_report_to_json (report);

      lancer_cli_print_json (cli, node);
      return LANCER_CLI_EXIT_OK;
    }

  g_print ("%s\n", _("Funnel"));
  for (guint s = 0; s < LANCER_N_STAGES; s++)
    g_print ("  %-12s %u\n", lancer_stage_get_label (s), lancer_metrics_report_get_funnel (report, s));
  g_print ("\n%s\n", _("Metrics"));
  for (guint i = 0; i < LANCER_N_METRICS; i++)
    {
      const LancerMetric *m = lancer_metrics_report_get_metric (report, i);
      g_autofree char *value = lancer_metric_format (m);

      g_print ("  %s: %s (n = %u)%s\n      %s\n", m->title, value, m->n,
               m->too_few && !g_str_equal (value, "—") ? _(" — too few to say") : "", m->formula);
      if (m->missing != NULL)
        g_print ("      %s\n", m->missing);
    }
  {
    const LancerAbTest *ab = lancer_metrics_report_get_ab_test (report);
    g_autofree char *rule = lancer_ab_dup_rule_text ();

    if (ab->variants->len > 0)
      g_print ("\n%s\n", _("A/B test"));
    for (guint i = 0; i < ab->variants->len; i++)
      {
        LancerAbVariant *v = ab->variants->pdata[i];
        g_autofree char *best = lancer_ab_format_probability (v->prob_best);

        /* TRANSLATORS: an A/B variant: name, hired, decided, pending, interval, chance of being best */
        g_print (_("  %s: won %u, decided %u, pending %u; 95 %% interval %.1f–%.1f %%; chance best %s\n"),
                 v->name, v->wins, v->wins + v->losses, v->pending, v->low * 100, v->high * 100, best);
      }
    if (ab->variants->len > 0)
      g_print ("  %s\n  %s\n", ab->verdict, rule);
  }
  if (lancer_metrics_report_is_empty (report))
    g_printerr ("%s\n", _("Nothing recorded yet: send proposals, then sync."));
  return LANCER_CLI_EXIT_OK;
}

static char *
audit_export (LancerCli  *cli,
              gboolean    json,
              GError    **error)
{
  LancerProfile *profile = lancer_cli_get_profile (cli, error);
  g_autoptr(LancerAuditLog) log = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  if (profile == NULL)
    return NULL;
  log = lancer_audit_log_new_for_profile_dir (lancer_profile_get_dir (profile));
  entries = lancer_audit_log_list (log, 0, error);
  if (entries == NULL)
    return NULL;
  /* The audit log has its own exporters (they scrub and defuse formulas). */
  return json ? lancer_audit_export_json (entries) : lancer_audit_export_csv (entries);
}

static gboolean
write_all (int          fd,
           const char  *text,
           gsize        len,
           GError     **error)
{
  while (len > 0)
    {
      ssize_t n = write (fd, text, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not write the export: %s"), g_strerror (saved_errno));
          return FALSE;
        }
      text += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* Where a link at @path points, relative to the link's folder. */
static char *
resolve_link (const char *path)
{
  g_autofree char *target = g_file_read_link (path, NULL);
  g_autofree char *dir = NULL;

  if (target == NULL || g_path_is_absolute (target))
    return g_steal_pointer (&target);
  dir = g_path_get_dirname (path);
  return g_build_filename (dir, target, NULL);
}

/* A regular file (or a link to one, or nothing yet) is replaced atomically:
 * the link stays a link and its target gets the new contents. Anything
 * else — a FIFO, a terminal, /dev/stdout, a device — is written in place,
 * never replaced by a file. */
static gboolean
write_output (const char  *path,
              const char  *text,
              GError     **error)
{
  g_autofree char *target = g_strdup (path);
  GStatBuf st;
  int fd;
  gboolean ok;

  if (g_stat (path, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                       _("“%s” is a folder; give a file name to export to"), path);
          return FALSE;
        }
      /* /dev/stdout, /dev/fd/N and /proc/self/fd/N may name a regular file
       * the shell opened for us: replacing it would hide the output. */
      if (S_ISREG (st.st_mode) && !g_str_has_prefix (path, "/dev/") && !g_str_has_prefix (path, "/proc/"))
        {
          g_free (target);
          target = realpath (path, NULL);
          if (target == NULL)
            target = g_strdup (path);
        }
      else
        {
          fd = g_open (path, O_WRONLY | O_CLOEXEC | O_NOCTTY | (S_ISREG (st.st_mode) ? O_APPEND : 0), 0);
          if (fd < 0)
            {
              int saved_errno = errno;

              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           _("Could not open “%s”: %s"), path, g_strerror (saved_errno));
              return FALSE;
            }
          ok = write_all (fd, text, strlen (text), error);
          if (close (fd) != 0 && ok)
            {
              int saved_errno = errno;

              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           _("Could not write the export: %s"), g_strerror (saved_errno));
              ok = FALSE;
            }
          return ok;
        }
    }
  else
    {
      /* A dangling link: create its target, keep the link. */
      for (guint depth = 0; depth < 16 && g_file_test (target, G_FILE_TEST_IS_SYMLINK); depth++)
        {
          char *next = resolve_link (target);

          if (next == NULL)
            break;
          g_free (target);
          target = next;
        }
    }

  return g_file_set_contents_full (target, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

int
lancer_cli_export (LancerCli  *cli,
                   int         argc,
                   char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LancerTable) table = NULL;
  g_autofree char *what = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  GOptionEntry entries[] = {
    { "what", 0, 0, G_OPTION_ARG_STRING, &what, N_("jobs, proposals, earnings, diary or audit"), N_("WHAT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  LancerExportWhat kind;
  gboolean json;

  if (!lancer_cli_parse_options (cli, NULL, _("Export stored records as CSV or JSON."), entries, &argc, &argv, &error))
    return lancer_cli_fail (cli, error);
  if (argc > 1 || what == NULL)
    return lancer_cli_fail_message (cli, _("Usage: lancer-cli export --what jobs|proposals|earnings|diary|audit "
                                           "--format csv|json [--output FILE]"));
  if (format == NULL)
    format = g_strdup (lancer_cli_get_json (cli) ? "json" : "csv");
  if (!g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    return lancer_cli_fail_message (cli, _("--format must be csv or json"));
  json = g_str_equal (format, "json");

  if (g_str_equal (what, "audit"))
    {
      text = audit_export (cli, json, &error);
      if (text == NULL)
        return lancer_cli_fail (cli, error);
    }
  else if (lancer_export_what_from_string (what, &kind))
    {
      LancerStore *store = lancer_cli_open_store (cli, &error);

      if (store == NULL)
        return lancer_cli_fail (cli, error);
      lancer_export_query_async (store, kind, NULL, lancer_cli_async_cb, &result);
      table = lancer_export_query_finish (store, lancer_cli_wait (cli, &result), &error);
      if (table == NULL)
        return lancer_cli_fail (cli, error);
      text = json ? lancer_table_to_json (table) : lancer_table_to_csv (table);
    }
  else
    return lancer_cli_fail_message (cli, _("--what must be jobs, proposals, earnings, diary or audit"));

  if (json && !g_str_has_suffix (text, "\n"))
    {
      char *with_newline = g_strconcat (text, "\n", NULL);

      g_free (text);
      text = with_newline;
    }

  if (output == NULL || g_str_equal (output, "-"))
    {
      fwrite (text, 1, strlen (text), stdout);
      fflush (stdout);
      return LANCER_CLI_EXIT_OK;
    }
  if (!write_output (output, text, &error))
    return lancer_cli_fail (cli, error);
  if (table != NULL)
    g_printerr (ngettext ("Wrote %u row to %s\n", "Wrote %u rows to %s\n", lancer_table_get_n_rows (table)),
                lancer_table_get_n_rows (table), output);
  return LANCER_CLI_EXIT_OK;
}
