/* lancer-alerts-preferences.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lancer-session.h"

G_BEGIN_DECLS

#define LANCER_TYPE_ALERTS_PREFERENCES (lancer_alerts_preferences_get_type ())
G_DECLARE_FINAL_TYPE (LancerAlertsPreferences, lancer_alerts_preferences, LANCER, ALERTS_PREFERENCES, AdwPreferencesPage)

/* Preferences → Alerts. @settings: the app's; @profile_settings: the open
 * profile's. The session (for the keyring and saved searches) is taken
 * from the window the preferences belong to, or set here. */
LancerAlertsPreferences *lancer_alerts_preferences_new         (GSettings               *settings,
                                                               GSettings               *profile_settings);
void                     lancer_alerts_preferences_set_session (LancerAlertsPreferences *self,
                                                               LancerSession           *session);

G_END_DECLS
