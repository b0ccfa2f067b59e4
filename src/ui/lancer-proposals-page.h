/* lancer-proposals-page.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LANCER_TYPE_PROPOSALS_PAGE (lancer_proposals_page_get_type ())
G_DECLARE_FINAL_TYPE (LancerProposalsPage, lancer_proposals_page, LANCER, PROPOSALS_PAGE, GtkWidget)

G_END_DECLS
