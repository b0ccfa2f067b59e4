/* test-format.c: how money, budgets and dates read to the user.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "lancer-format.h"

/* Upwork sends amounts as strings like "1500.0" and "45.5" in USD. */
static void
test_money (void)
{
  static const struct { double amount; const char *currency; const char *shown; } cases[] = {
    { 1500.0, "USD", "$1,500" }, { 45.5, "USD", "$45.50" }, { 45.0, "USD", "$45" },
    { 80.0, "EUR", "€80" }, { 12.25, "GBP", "£12.25" }, { 300.0, "PLN", "PLN 300" },
    { -20.0, NULL, "−$20" }, { 1234567.0, "USD", "$1,234,567" }, { 4.5, "UAH", "₴4.50" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = lancer_format_money (cases[i].amount, cases[i].currency);
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
  {
    g_autofree char *fee = lancer_format_amount (-1168.2, "USD", 2);
    g_autofree char *tiny = lancer_format_amount (-0.001, "USD", 2);

    g_assert_cmpstr (fee, ==, "−$1,168.20");
    g_assert_cmpstr (tiny, ==, "$0.00");
  }
  /* Unknown is not zero. */
  g_assert_null (lancer_format_money (NAN, "USD"));
}

static void
test_budget (void)
{
  g_autofree char *range = lancer_format_job_budget (TRUE, NAN, 25, 45, "USD");
  g_autofree char *one = lancer_format_job_budget (TRUE, NAN, 40, 40, "USD");
  g_autofree char *hourly = lancer_format_job_budget (TRUE, NAN, NAN, NAN, "USD");
  g_autofree char *fixed = lancer_format_job_budget (FALSE, 500, NAN, NAN, "USD");
  g_autofree char *none = lancer_format_job_budget (FALSE, NAN, NAN, NAN, "USD");

  g_assert_cmpstr (range, ==, "Hourly $25–$45");
  g_assert_cmpstr (one, ==, "Hourly $40");
  g_assert_cmpstr (hourly, ==, "Hourly");
  g_assert_cmpstr (fixed, ==, "Fixed $500");
  g_assert_cmpstr (none, ==, "Budget not given");
}

/* Upwork spells experience levels ENTRY_LEVEL, INTERMEDIATE, EXPERT. */
static void
test_experience (void)
{
  g_autofree char *entry = lancer_format_experience_level ("ENTRY_LEVEL");
  g_autofree char *mid = lancer_format_experience_level ("INTERMEDIATE");
  g_autofree char *expert = lancer_format_experience_level ("EXPERT");

  g_assert_cmpstr (entry, ==, "Entry level");
  g_assert_cmpstr (mid, ==, "Intermediate");
  g_assert_cmpstr (expert, ==, "Expert");
  g_assert_null (lancer_format_experience_level (""));
}

/* One date style everywhere, in the local time zone. */
static void
test_dates (void)
{
  /* 2026-12-06 14:05:00 UTC */
  const gint64 when = 1796565900;
  g_autofree char *date = NULL;
  g_autofree char *date_time = NULL;
  g_autofree char *week_ago = NULL;
  g_autofree char *now = NULL;
  g_autofree char *minutes = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *days = NULL;

  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
  date = lancer_format_date (when);
  date_time = lancer_format_date_time (when);
  g_assert_cmpstr (date, ==, "6 Dec 2026");
  g_assert_cmpstr (date_time, ==, "6 Dec 2026, 14:05");

  now = lancer_format_relative_time (when - 10, when);
  minutes = lancer_format_relative_time (when - 5 * 60, when);
  hours = lancer_format_relative_time (when - 3 * 3600, when);
  days = lancer_format_relative_time (when - 2 * 86400, when);
  week_ago = lancer_format_relative_time (when - 8 * 86400, when);
  g_assert_cmpstr (now, ==, "just now");
  g_assert_cmpstr (minutes, ==, "5 minutes ago");
  g_assert_cmpstr (hours, ==, "3 hours ago");
  g_assert_cmpstr (days, ==, "2 days ago");
  /* Older than a week: the same style as every other date. */
  g_assert_cmpstr (week_ago, ==, "28 Nov 2026");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/format/money", test_money);
  g_test_add_func ("/core/format/budget", test_budget);
  g_test_add_func ("/core/format/experience", test_experience);
  g_test_add_func ("/core/format/dates", test_dates);
  return g_test_run ();
}
