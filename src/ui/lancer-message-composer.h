/* lancer-message-composer.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lancer-session.h"

G_BEGIN_DECLS

#define LANCER_TYPE_MESSAGE_COMPOSER (lancer_message_composer_get_type ())
G_DECLARE_FINAL_TYPE (LancerMessageComposer, lancer_message_composer, LANCER, MESSAGE_COMPOSER, GtkWidget)

/* The box under a conversation: writes a reply into the outbox (the sync
 * sends it), asks the AI assistant for a suggested reply, and says what
 * went wrong in a notice with the way to fix it. ::sent is emitted once a
 * message is queued. */
void        lancer_message_composer_set_session      (LancerMessageComposer *self,
                                                      LancerSession         *session);
/* The open conversation: its room, title and messages (LancerStory). */
void        lancer_message_composer_set_conversation (LancerMessageComposer *self,
                                                      const char            *room_id,
                                                      const char            *title,
                                                      GListModel            *thread);
/* Sends what waits in the outbox, if connected; one send at a time per
 * connection, however many windows ask. */
void        lancer_message_composer_flush            (LancerMessageComposer *self);
/* Puts @text in the box and sends it, as Send does. */
void        lancer_message_composer_send             (LancerMessageComposer *self,
                                                      const char            *text);

G_END_DECLS
