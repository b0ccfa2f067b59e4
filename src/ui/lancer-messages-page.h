/* lancer-messages-page.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LANCER_TYPE_MESSAGES_PAGE (lancer_messages_page_get_type ())
G_DECLARE_FINAL_TYPE (LancerMessagesPage, lancer_messages_page, LANCER, MESSAGES_PAGE, GtkWidget)

G_END_DECLS
