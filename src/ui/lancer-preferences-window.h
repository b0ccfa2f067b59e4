/* lancer-preferences-window.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANCER_TYPE_PREFERENCES_WINDOW (lancer_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (LancerPreferencesWindow, lancer_preferences_window, LANCER, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @profile_settings: the io.github.lancerdesk.Lancer.Profile settings of the open profile */
LancerPreferencesWindow *lancer_preferences_window_new (GtkWindow *parent,
                                                        GSettings *profile_settings);

G_END_DECLS
