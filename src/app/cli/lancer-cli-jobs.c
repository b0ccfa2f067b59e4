/* lancer-cli-jobs.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lancer-cli.h"
#include "lancer-store-searches.h"

/* --saved NAME must name a saved search: an unknown name would otherwise
 * just list no jobs. */
static gboolean
saved_search_exists (LancerCli    *cli,
                     LancerStore  *store,
                     const char   *name,
                     GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) searches = NULL;

  lancer_saved_searches_list_async (store, NULL, lancer_cli_async_cb, &result);
  searches = lancer_saved_searches_list_finish (store, lancer_cli_wait (cli, &result), error);
  if (searches == NULL)
    return FALSE;
  for (guint i = 0; i < searches->len; i++)
    if (g_strcmp0 (((LancerSavedSearch *) g_ptr_array_index (searches, i))->name, name) == 0)
      return TRUE;
  g_set_error (error, LANCER_STORE_ERROR, LANCER_STORE_ERROR_NOT_FOUND,
               _("There is no saved search named “%s”; see lancer-cli searches list"), name);
  return FALSE;
}

static char *
format_pay (LancerJob *job)
{
  double lo = lancer_job_get_hourly_min (job);
  double hi = lancer_job_get_hourly_max (job);

  if (lancer_job_get_job_type (job) == LANCER_JOB_TYPE_FIXED)
    return lancer_job_has_budget (job)
      ? g_strdup_printf ("%.0f %s", lancer_job_get_budget (job), lancer_job_get_currency (job))
      : g_strdup (_("fixed"));
  if (!isnan (lo) && !isnan (hi))
    return g_strdup_printf (_("%.0f–%.0f %s/h"), lo, hi, lancer_job_get_currency (job));
  return g_strdup (_("hourly"));
}

int
lancer_cli_jobs (LancerCli  *cli,
                 int         argc,
                 char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autofree char *search = NULL;
  g_autofree char *saved = NULL;
  int limit = 50;
  GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only jobs matching these words"), N_("Q") },
    { "saved", 0, 0, G_OPTION_ARG_STRING, &saved, N_("Only jobs the saved search NAME found"), N_("NAME") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N jobs (default 50)"), N_("N") },
    { NULL }
  };
  LancerJobQuery query = { 0 };
  LancerStore *store;

  if (!lancer_cli_parse_options (cli, NULL, _("Stored jobs, newest first."), entries, &argc, &argv, &error))
    return lancer_cli_fail (cli, error);
  if (argc > 1)
    return lancer_cli_fail_message (cli, _("Usage: lancer-cli jobs [--search Q] [--saved NAME] [--limit N] [--json]"));
  if (limit <= 0)
    return lancer_cli_fail_message (cli, _("--limit needs a number above zero"));

  store = lancer_cli_open_store (cli, &error);
  if (store == NULL)
    return lancer_cli_fail (cli, error);

  if (saved != NULL && !saved_search_exists (cli, store, saved, &error))
    return lancer_cli_fail (cli, error);

  query.search = search;
  query.saved_search = saved;
  query.sort = LANCER_JOB_SORT_NEWEST;
  lancer_store_query_jobs_async (store, &query, 0, (guint) limit, NULL, lancer_cli_async_cb, &result);
  jobs = lancer_store_query_jobs_finish (store, lancer_cli_wait (cli, &result), &error);
  if (jobs == NULL)
    return lancer_cli_fail (cli, error);

  if (lancer_cli_get_json (cli))
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (jobs->len);

      for (guint i = 0; i < jobs->len; i++)
        json_array_add_element (array, lancer_job_to_json (jobs->pdata[i]));
      json_node_take_array (root, array);
      lancer_cli_print_json (cli, root);
      return LANCER_CLI_EXIT_OK;
    }

  for (guint i = 0; i < jobs->len; i++)
    {
      LancerJob *job = jobs->pdata[i];
      g_autoptr(GDateTime) posted = g_date_time_new_from_unix_local (lancer_job_get_posted_at (job));
      g_autofree char *when = g_date_time_format (posted, "%Y-%m-%d %H:%M");
      g_autofree char *pay = format_pay (job);

      g_print ("%s  %-16s  %s\n          %s\n", when, pay, lancer_job_get_title (job), lancer_job_get_url (job));
    }
  if (jobs->len == 0 && (search != NULL || saved != NULL))
    g_printerr ("%s\n", _("No stored job matches."));
  else if (jobs->len == 0)
    g_printerr ("%s\n", _("No jobs stored yet; run lancer-cli sync first."));
  return LANCER_CLI_EXIT_OK;
}
