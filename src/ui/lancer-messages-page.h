/* lancer-messages-page.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-page.h"

G_BEGIN_DECLS

#define LANCER_TYPE_MESSAGES_PAGE (lancer_messages_page_get_type ())
G_DECLARE_FINAL_TYPE (LancerMessagesPage, lancer_messages_page, LANCER, MESSAGES_PAGE, LancerPage)

/* Opens the conversation of @room_id (and marks it read). */
void lancer_messages_page_select_room (LancerMessagesPage *self,
                                       const char         *room_id);

G_END_DECLS
