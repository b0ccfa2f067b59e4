/* lancer-message-row.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lancer-story.h"

G_BEGIN_DECLS

#define LANCER_TYPE_MESSAGE_ROW (lancer_message_row_get_type ())
G_DECLARE_FINAL_TYPE (LancerMessageRow, lancer_message_row, LANCER, MESSAGE_ROW, GtkWidget)

/* One message as a bubble: the user's own on the right in the accent
 * colour (style class "from-user"), the client's on the left ("from-client").
 * Retry activates "messages.retry" with the outbox id. */
LancerStory *lancer_message_row_get_story (LancerMessageRow *self);
void         lancer_message_row_set_story (LancerMessageRow *self,
                                           LancerStory      *story);
/* The bubble that carries the style classes. */
GtkWidget   *lancer_message_row_get_bubble (LancerMessageRow *self);

G_END_DECLS
