/* lancer-upwork-preferences-page.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lancer-session.h"

G_BEGIN_DECLS

/* Preferences → Upwork: the account (signed in as whom, sign in and out),
 * the organization requests are made for, the day's API use, the API key
 * and the sync settings. */

#define LANCER_TYPE_UPWORK_PREFERENCES_PAGE (lancer_upwork_preferences_page_get_type ())
G_DECLARE_FINAL_TYPE (LancerUpworkPreferencesPage, lancer_upwork_preferences_page,
                      LANCER, UPWORK_PREFERENCES_PAGE, AdwPreferencesPage)

/* The profile's settings, for a window opened without a session. Once only;
 * a session's own settings take precedence. */
void           lancer_upwork_preferences_page_set_settings (LancerUpworkPreferencesPage *self,
                                                            GSettings                   *settings);
LancerSession *lancer_upwork_preferences_page_get_session  (LancerUpworkPreferencesPage *self);
/* Once only. */
void           lancer_upwork_preferences_page_set_session  (LancerUpworkPreferencesPage *self,
                                                            LancerSession               *session);

/* For tests: what the rows show, the account's name once it is known, and
 * the organizations offered (IDs in the combo row's order). */
const char    *lancer_upwork_preferences_page_get_usage_text   (LancerUpworkPreferencesPage *self);
const char    *lancer_upwork_preferences_page_get_account_text (LancerUpworkPreferencesPage *self);
const char    *lancer_upwork_preferences_page_get_user_name    (LancerUpworkPreferencesPage *self);
guint          lancer_upwork_preferences_page_get_n_organizations (LancerUpworkPreferencesPage *self);
GtkWidget     *lancer_upwork_preferences_page_get_access_group    (LancerUpworkPreferencesPage *self);
const char    *lancer_upwork_preferences_page_get_organization_id (LancerUpworkPreferencesPage *self,
                                                                   guint                        position);

G_END_DECLS
