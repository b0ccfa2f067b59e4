/* lancer-diary-page.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LANCER_TYPE_DIARY_PAGE (lancer_diary_page_get_type ())
G_DECLARE_FINAL_TYPE (LancerDiaryPage, lancer_diary_page, LANCER, DIARY_PAGE, GtkWidget)

G_END_DECLS
