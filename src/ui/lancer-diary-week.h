/* lancer-diary-week.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lancer-store-diary.h"

G_BEGIN_DECLS

#define LANCER_TYPE_DIARY_WEEK (lancer_diary_week_get_type ())
G_DECLARE_FINAL_TYPE (LancerDiaryWeek, lancer_diary_week, LANCER, DIARY_WEEK, GtkWidget)

/* One contract's week: hours per day against its weekly limit, what the
 * week earned, and the limit and reminder settings. The limit set here
 * is kept in the profile's settings ("diary-weekly-limits"). */
void     lancer_diary_week_set_settings  (LancerDiaryWeek *self,
                                          GSettings       *settings);
/* @days: LancerDiaryDay, Monday first. */
void     lancer_diary_week_show          (LancerDiaryWeek *self,
                                          LancerContract  *contract,
                                          GPtrArray       *days);
/* Minutes in the week shown, -1 before one is. */
gint     lancer_diary_week_get_minutes   (LancerDiaryWeek *self);
GtkSpinButton *lancer_diary_week_get_limit_spin (LancerDiaryWeek *self);

/* The weekly limit of @contract_id in hours (0: none). */
double   lancer_diary_get_weekly_limit   (GSettings       *settings,
                                          const char      *contract_id);
void     lancer_diary_set_weekly_limit   (GSettings       *settings,
                                          const char      *contract_id,
                                          double           hours);

G_END_DECLS
