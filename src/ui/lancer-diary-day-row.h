/* lancer-diary-day-row.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lancer-store-diary.h"

G_BEGIN_DECLS

#define LANCER_TYPE_DIARY_DAY_ROW (lancer_diary_day_row_get_type ())
G_DECLARE_FINAL_TYPE (LancerDiaryDayRow, lancer_diary_day_row, LANCER, DIARY_DAY_ROW, GtkListBoxRow)

/* One day of a work-diary week: its name, a bar scaled to @scale_minutes,
 * the time tracked and the memo. */
GtkWidget *lancer_diary_day_row_new (const LancerDiaryDay *day,
                                     guint                 scale_minutes);

/* "3 h 30 min", "45 min", "0 h": time as people say it. */
char      *lancer_diary_format_duration (guint minutes);

G_END_DECLS
