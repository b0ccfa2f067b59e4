/* lancer-settings-choice-private.h: a string setting shown as a list row
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Binds the string setting @key to the "selected" index of @row (a combo
 * row or drop-down); @choices lists the values in the row's item order,
 * NULL-terminated, and must outlive the binding. */
void _lancer_settings_bind_choice (GSettings          *settings,
                                   const char         *key,
                                   gpointer            row,
                                   const char * const *choices);

G_END_DECLS
