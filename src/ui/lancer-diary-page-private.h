/* lancer-diary-page-private.h: what the tests look at.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-diary-page.h"

G_BEGIN_DECLS

/* The contracts listed (LancerContract). */
GListModel    *lancer_diary_page_get_contracts      (LancerDiaryPage *self);
GtkListView   *lancer_diary_page_get_contract_view  (LancerDiaryPage *self);
/* Minutes in the shown week (-1 while it loads). */
gint           lancer_diary_page_get_week_minutes   (LancerDiaryPage *self);
gboolean       lancer_diary_page_get_reminder_shown (LancerDiaryPage *self);
GtkSpinButton *lancer_diary_page_get_limit_spin     (LancerDiaryPage *self);
GtkWidget     *lancer_diary_page_get_back_button    (LancerDiaryPage *self);
/* "contracts" or "week": what the leaflet shows. */
const char    *lancer_diary_page_get_visible_pane   (LancerDiaryPage *self);

G_END_DECLS
