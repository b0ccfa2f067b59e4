/* lancer-format.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lancer-format.h"

static const char *
currency_symbol (const char *currency)
{
  static const struct { const char *code; const char *symbol; } symbols[] = {
    { "USD", "$" }, { "EUR", "€" }, { "GBP", "£" }, { "JPY", "¥" }, { "INR", "₹" }, { "UAH", "₴" },
  };

  if (currency == NULL || *currency == '\0')
    return "$";
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (g_str_equal (currency, symbols[i].code))
      return symbols[i].symbol;
  return NULL;
}

static char *
with_currency (const char *number,
               const char *currency)
{
  const char *symbol = currency_symbol (currency);

  if (symbol != NULL)
    return g_strconcat (symbol, number, NULL);
  return g_strdup_printf ("%s %s", currency, number);
}

char *
lancer_format_amount (double      amount,
                      const char *currency,
                      int         decimals)
{
  g_autofree char *digits = NULL;
  const char *dot;
  gsize int_len;
  const char *symbol = currency_symbol (currency);
  GString *out;

  if (isnan (amount))
    return NULL;
  digits = g_strdup_printf ("%.*f", decimals, fabs (amount));
  dot = strchr (digits, '.');
  int_len = dot != NULL ? (gsize) (dot - digits) : strlen (digits);
  /* A true minus sign, and none for what rounds to zero. */
  out = g_string_new (amount < 0 && round (fabs (amount) * pow (10, decimals)) != 0 ? "−" : "");
  if (symbol != NULL)
    g_string_append (out, symbol);
  else
    g_string_append_printf (out, "%s ", currency);
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  if (dot != NULL)
    g_string_append (out, dot);
  return g_string_free (out, FALSE);
}

char *
lancer_format_money (double      amount,
                     const char *currency)
{
  gboolean cents = fabs (amount) < 100 && fabs (amount - round (amount)) >= 0.005;

  return lancer_format_amount (amount, currency, cents ? 2 : 0);
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
  return lancer_format_date (unix_utc);
}

/* A time GDateTime cannot hold (far past or future) reads as "—". */
static char *
format_local_time (gint64      unix_utc,
                   const char *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_utc);

  if (dt == NULL)
    return g_strdup ("—");
  return g_date_time_format (dt, format);
}

char *
lancer_format_date (gint64 unix_utc)
{
  /* Translators: the app's one date style, see the GDateTime format codes;
   * "%-d %b %Y" is "6 Dec 2026" */
  return format_local_time (unix_utc, _("%-d %b %Y"));
}

char *
lancer_format_date_time (gint64 unix_utc)
{
  /* Translators: a date with the time of day, see the GDateTime format
   * codes; "%-d %b %Y, %H:%M" is "6 Dec 2026, 14:05" */
  return format_local_time (unix_utc, _("%-d %b %Y, %H:%M"));
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
