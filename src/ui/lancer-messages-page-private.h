/* lancer-messages-page-private.h: what the tests look at.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-messages-page.h"

G_BEGIN_DECLS

/* The conversations listed (LancerRoom). */
GListModel *lancer_messages_page_get_rooms           (LancerMessagesPage *self);
/* The list a person taps to open a conversation. */
GtkListView *lancer_messages_page_get_room_view      (LancerMessagesPage *self);
/* The open conversation's messages (LancerStory), or NULL. */
GListModel *lancer_messages_page_get_thread          (LancerMessagesPage *self);
GtkWidget  *lancer_messages_page_get_thread_scroller (LancerMessagesPage *self);
const char *lancer_messages_page_get_thread_title    (LancerMessagesPage *self);
GtkWidget  *lancer_messages_page_get_back_button     (LancerMessagesPage *self);
/* "rooms" or "thread": what the leaflet shows (both when unfolded). */
const char *lancer_messages_page_get_visible_pane    (LancerMessagesPage *self);
/* Puts @text in the compose box and sends it, as the user would. */
void        lancer_messages_page_send                (LancerMessagesPage *self,
                                                      const char         *text);

G_END_DECLS
