/* lancer-format.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lancer-format.h"

static const char *
currency_symbol (const char *currency)
{
  if (currency == NULL || *currency == '\0' || g_str_equal (currency, "USD"))
    return "$";
  if (g_str_equal (currency, "EUR"))
    return "€";
  if (g_str_equal (currency, "GBP"))
    return "£";
  return NULL;
}

static char *
with_currency (const char *number,
               const char *currency)
{
  const char *symbol = currency_symbol (currency);

  if (symbol != NULL)
    return g_strconcat (symbol, number, NULL);
  return g_strdup_printf ("%s %s", number, currency);
}

char *
lancer_format_money (double      amount,
                     const char *currency)
{
  g_autofree char *number = NULL;

  if (isnan (amount))
    return NULL;
  if (fabs (amount) < 100 && fabs (amount - round (amount)) >= 0.005)
    number = g_strdup_printf ("%.2f", amount);
  else
    number = g_strdup_printf ("%'.0f", round (amount));
  return with_currency (number, currency);
}

char *
lancer_format_money_compact (double      amount,
                             const char *currency)
{
  g_autofree char *number = NULL;

  if (isnan (amount))
    return NULL;
  if (fabs (amount) >= 1e6)
    number = g_strdup_printf ("%.1fM", amount / 1e6);
  else if (fabs (amount) >= 1e4)
    number = g_strdup_printf ("%.0fK", amount / 1e3);
  else if (fabs (amount) >= 1e3)
    number = g_strdup_printf ("%.1fK", amount / 1e3);
  else
    number = g_strdup_printf ("%.0f", amount);
  return with_currency (number, currency);
}

char *
lancer_format_job_budget (gboolean    hourly,
                          double      budget,
                          double      hourly_min,
                          double      hourly_max,
                          const char *currency)
{
  if (hourly)
    {
      g_autofree char *lo = lancer_format_money (hourly_min, currency);
      g_autofree char *hi = lancer_format_money (hourly_max, currency);

      if (lo != NULL && hi != NULL && hourly_min != hourly_max)
        /* Translators: an hourly rate range, e.g. "Hourly $25–$45" */
        return g_strdup_printf (_("Hourly %s–%s"), lo, hi);
      if (lo != NULL || hi != NULL)
        /* Translators: an hourly rate, e.g. "Hourly $40" */
        return g_strdup_printf (_("Hourly %s"), lo != NULL ? lo : hi);
      return g_strdup (_("Hourly"));
    }
  else
    {
      g_autofree char *amount = lancer_format_money (budget, currency);

      if (amount != NULL)
        /* Translators: a fixed-price budget, e.g. "Fixed $500" */
        return g_strdup_printf (_("Fixed %s"), amount);
      return g_strdup (_("Budget not given"));
    }
}

char *
lancer_format_relative_time (gint64 unix_utc,
                             gint64 now_unix_utc)
{
  gint64 diff = now_unix_utc - unix_utc;
  g_autoptr(GDateTime) dt = NULL;

  if (diff < 60)
    return g_strdup (_("just now"));
  if (diff < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", diff / 60),
                            (int) (diff / 60));
  if (diff < 86400)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", diff / 3600),
                            (int) (diff / 3600));
  if (diff < 7 * 86400)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", diff / 86400),
                            (int) (diff / 86400));
  dt = g_date_time_new_from_unix_local (unix_utc);
  /* Translators: a date, see the GDateTime format codes */
  return g_date_time_format (dt, _("%e %b %Y"));
}

char *
lancer_format_experience_level (const char *level)
{
  if (level == NULL || *level == '\0')
    return NULL;
  if (g_ascii_strcasecmp (level, "ENTRY_LEVEL") == 0 || g_ascii_strcasecmp (level, "ENTRY") == 0)
    return g_strdup (_("Entry level"));
  if (g_ascii_strcasecmp (level, "INTERMEDIATE") == 0)
    return g_strdup (_("Intermediate"));
  if (g_ascii_strcasecmp (level, "EXPERT") == 0)
    return g_strdup (_("Expert"));
  return g_strdup (level);
}
