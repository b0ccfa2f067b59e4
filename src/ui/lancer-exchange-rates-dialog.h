/* lancer-exchange-rates-dialog.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANCER_TYPE_EXCHANGE_RATES_DIALOG (lancer_exchange_rates_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LancerExchangeRatesDialog, lancer_exchange_rates_dialog, LANCER, EXCHANGE_RATES_DIALOG,
                      AdwMessageDialog)

/* Asks what one unit of each of @currencies (ISO codes, USD skipped) is
 * worth in US dollars and saves the answers to @settings' "exchange-rates".
 * A rate that is not a number above zero is not saved, and a toast on
 * @toasts says so. */
LancerExchangeRatesDialog *lancer_exchange_rates_dialog_new (GtkWindow          *parent,
                                                             GSettings          *settings,
                                                             const char * const *currencies,
                                                             AdwToastOverlay    *toasts);

G_END_DECLS
