/* lancer-window.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lancer-session.h"

G_BEGIN_DECLS

#define LANCER_TYPE_WINDOW (lancer_window_get_type ())
G_DECLARE_FINAL_TYPE (LancerWindow, lancer_window, LANCER, WINDOW, AdwApplicationWindow)

LancerWindow *lancer_window_new            (GtkApplication *application,
                                            LancerSession  *session);
LancerSession *lancer_window_get_session   (LancerWindow   *self);
void          lancer_window_set_session    (LancerWindow   *self,
                                            LancerSession  *session);
void          lancer_window_ensure_pages   (LancerWindow   *self);
void          lancer_window_show_page      (LancerWindow   *self,
                                            const char     *name);
const char   *lancer_window_get_page       (LancerWindow   *self);
void          lancer_window_add_toast      (LancerWindow   *self,
                                            AdwToast       *toast);
/* Alerts open a job (optionally writing a proposal) or a conversation. */
void          lancer_window_open_job       (LancerWindow   *self,
                                            const char     *job_id,
                                            gboolean        write_proposal);
void          lancer_window_open_room      (LancerWindow   *self,
                                            const char     *room_id);
/* A sent proposal's toast: the Proposals page with @proposal_id open
 * (also the action win.open-proposal, an int64). */
void          lancer_window_open_proposal  (LancerWindow   *self,
                                            gint64          proposal_id);

G_END_DECLS
