/* lancer-messages-page.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lancer-session.h"

G_BEGIN_DECLS

#define LANCER_TYPE_MESSAGES_PAGE (lancer_messages_page_get_type ())
G_DECLARE_FINAL_TYPE (LancerMessagesPage, lancer_messages_page, LANCER, MESSAGES_PAGE, GtkWidget)

LancerSession *lancer_messages_page_get_session  (LancerMessagesPage *self);
void           lancer_messages_page_set_session  (LancerMessagesPage *self,
                                                  LancerSession      *session);
/* "loading", "error", "empty" or "main". */
const char    *lancer_messages_page_get_mode     (LancerMessagesPage *self);
guint          lancer_messages_page_get_n_rooms  (LancerMessagesPage *self);
/* Opens the thread of @room_id (and marks it read). */
void           lancer_messages_page_select_room  (LancerMessagesPage *self,
                                                  const char         *room_id);
/* The open thread's model (LancerStoryListModel), or NULL. */
GListModel    *lancer_messages_page_get_thread   (LancerMessagesPage *self);
/* Puts @text in the compose box and sends it, as the user would. */
void           lancer_messages_page_send         (LancerMessagesPage *self,
                                                  const char         *text);
GtkWidget     *lancer_messages_page_get_thread_scroller (LancerMessagesPage *self);

G_END_DECLS
