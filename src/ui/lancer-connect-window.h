/* lancer-connect-window.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lancer-session.h"

G_BEGIN_DECLS

#define LANCER_TYPE_CONNECT_WINDOW (lancer_connect_window_get_type ())
G_DECLARE_FINAL_TYPE (LancerConnectWindow, lancer_connect_window, LANCER, CONNECT_WINDOW, AdwWindow)

/* Collects the user's own API key and signs in through the browser. */
LancerConnectWindow *lancer_connect_window_new (GtkWindow     *parent,
                                                LancerSession *session);

G_END_DECLS
