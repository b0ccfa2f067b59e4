/* lancer-application.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lancer-session.h"

G_BEGIN_DECLS

#define LANCER_TYPE_APPLICATION (lancer_application_get_type ())
G_DECLARE_FINAL_TYPE (LancerApplication, lancer_application, LANCER, APPLICATION, AdwApplication)

LancerApplication *lancer_application_new                  (const char        *application_id,
                                                            GApplicationFlags  flags);
/* --hidden (the login autostart): the first activation opens no window. */
void               lancer_application_set_start_hidden     (LancerApplication *self,
                                                            gboolean           hidden);
GSettings         *lancer_application_get_settings         (LancerApplication *self);
GSettings         *lancer_application_get_profile_settings (LancerApplication *self);
LancerSession     *lancer_application_get_session          (LancerApplication *self);

G_END_DECLS
