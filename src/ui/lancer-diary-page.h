/* lancer-diary-page.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lancer-session.h"

G_BEGIN_DECLS

#define LANCER_TYPE_DIARY_PAGE (lancer_diary_page_get_type ())
G_DECLARE_FINAL_TYPE (LancerDiaryPage, lancer_diary_page, LANCER, DIARY_PAGE, GtkWidget)

LancerSession *lancer_diary_page_get_session     (LancerDiaryPage *self);
void           lancer_diary_page_set_session     (LancerDiaryPage *self,
                                                  LancerSession   *session);
/* "loading", "error", "empty" or "main". */
const char    *lancer_diary_page_get_mode        (LancerDiaryPage *self);
guint          lancer_diary_page_get_n_contracts (LancerDiaryPage *self);
/* Shows @contract_id's week starting on @week_start (YYYY-MM-DD Monday). */
void           lancer_diary_page_show_week       (LancerDiaryPage *self,
                                                  const char      *contract_id,
                                                  const char      *week_start);
/* Minutes in the shown week (-1 while it loads). */
gint           lancer_diary_page_get_week_minutes (LancerDiaryPage *self);
gboolean       lancer_diary_page_get_reminder_shown (LancerDiaryPage *self);

G_END_DECLS
