/* lancer-ab-row.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANCER_TYPE_AB_ROW (lancer_ab_row_get_type ())
G_DECLARE_FINAL_TYPE (LancerAbRow, lancer_ab_row, LANCER, AB_ROW, AdwActionRow)

/* @subtitle and @icon_name may be NULL. */
GtkWidget *lancer_ab_row_new (const char *title,
                              const char *subtitle,
                              const char *icon_name);

G_END_DECLS
