/* lancer-diary-page.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-page.h"

G_BEGIN_DECLS

#define LANCER_TYPE_DIARY_PAGE (lancer_diary_page_get_type ())
G_DECLARE_FINAL_TYPE (LancerDiaryPage, lancer_diary_page, LANCER, DIARY_PAGE, LancerPage)

/* Shows @contract_id's week starting on @week_start (YYYY-MM-DD Monday). */
void lancer_diary_page_show_week (LancerDiaryPage *self,
                                  const char      *contract_id,
                                  const char      *week_start);

G_END_DECLS
