/* lancer-format.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "$1,500" / "€80": whole units, grouped; cents only below 100. NAN → NULL. */
char *lancer_format_money          (double       amount,
                                    const char  *currency);
/* "$1,168.20", "−$40.00", "CHF 12.00": grouped by thousands with
 * @decimals places, the same in every locale. NAN → NULL. */
char *lancer_format_amount         (double       amount,
                                    const char  *currency,
                                    int          decimals);
/* "$1.2M" / "$35K" / "$900" for compact client stats. */
char *lancer_format_money_compact  (double       amount,
                                    const char  *currency);
/* "Fixed $500", "Hourly $25–$45", "Hourly", "Budget not given". */
char *lancer_format_job_budget     (gboolean     hourly,
                                    double       budget,
                                    double       hourly_min,
                                    double       hourly_max,
                                    const char  *currency);
/* "Entry level" / "Intermediate" / "Expert" for Upwork's ENTRY_LEVEL etc.;
 * NULL for an empty value. */
char *lancer_format_experience_level (const char *level);
/* "just now", "5 minutes ago", "3 hours ago", "2 days ago", or a date. */
char *lancer_format_relative_time  (gint64       unix_utc,
                                    gint64       now_unix_utc);

/* The one date style of the app, in the user's language: "6 Dec 2026". */
char *lancer_format_date           (gint64       unix_utc);
/* "6 Dec 2026, 14:05": a date with the local time of day. */
char *lancer_format_date_time      (gint64       unix_utc);

G_END_DECLS
