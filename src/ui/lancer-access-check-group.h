/* lancer-access-check-group.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lancer-upwork-client.h"

G_BEGIN_DECLS

/* Preferences → Upwork → Access: Check Access runs one smallest request
 * per resource and shows, row by row, what works and which key permission
 * the rest need. */

#define LANCER_TYPE_ACCESS_CHECK_GROUP (lancer_access_check_group_get_type ())
G_DECLARE_FINAL_TYPE (LancerAccessCheckGroup, lancer_access_check_group, LANCER, ACCESS_CHECK_GROUP,
                      AdwPreferencesGroup)

/* NULL while not signed in: the check cannot run. */
void          lancer_access_check_group_set_client (LancerAccessCheckGroup *self,
                                                    LancerUpworkClient     *client);
/* For tests: the button, and the rows' "label: state" lines so far. */
GtkWidget    *lancer_access_check_group_get_button (LancerAccessCheckGroup *self);
char         *lancer_access_check_group_dup_summary (LancerAccessCheckGroup *self);
gboolean      lancer_access_check_group_get_busy   (LancerAccessCheckGroup *self);

G_END_DECLS
