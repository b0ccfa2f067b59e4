/* lancer-portfolio-row.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANCER_TYPE_PORTFOLIO_ROW (lancer_portfolio_row_get_type ())
G_DECLARE_FINAL_TYPE (LancerPortfolioRow, lancer_portfolio_row, LANCER, PORTFOLIO_ROW, AdwExpanderRow)

/* One portfolio item in Preferences → AI: its title, outcome and link as
 * entry rows, and Remove. Emits ::changed on every edit and ::remove when
 * the user asks to take it out. */
LancerPortfolioRow *lancer_portfolio_row_new          (const char         *title,
                                                       const char         *outcome,
                                                       const char         *link);
const char         *lancer_portfolio_row_get_title    (LancerPortfolioRow *self);
const char         *lancer_portfolio_row_get_outcome  (LancerPortfolioRow *self);
const char         *lancer_portfolio_row_get_link     (LancerPortfolioRow *self);
void                lancer_portfolio_row_focus_title  (LancerPortfolioRow *self);

G_END_DECLS
