/* lancer-room.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LANCER_TYPE_ROOM (lancer_room_get_type ())
G_DECLARE_FINAL_TYPE (LancerRoom, lancer_room, LANCER, ROOM, GObject)

/* A snapshot of one conversation with its newest message (decrypted), as
 * the store read it. Every property but :user-name is set once, when the
 * store builds it; :user-name says who "you" are, so that :client-name can
 * name the other side. */
const char  *lancer_room_get_id                  (LancerRoom *self);
const char  *lancer_room_get_topic               (LancerRoom *self);
const char  *lancer_room_get_contract_id         (LancerRoom *self);
gint64       lancer_room_get_proposal_id         (LancerRoom *self);
gint64       lancer_room_get_last_activity_at    (LancerRoom *self);
guint        lancer_room_get_unread              (LancerRoom *self);
const char  *lancer_room_get_last_sender         (LancerRoom *self);
/* NULL: attachment only, or no message. */
const char  *lancer_room_get_last_body           (LancerRoom *self);
gboolean     lancer_room_get_has_last_story      (LancerRoom *self);
guint        lancer_room_get_n_outbox_waiting    (LancerRoom *self);
guint        lancer_room_get_n_outbox_failed     (LancerRoom *self);
/* Everyone who wrote in the room, newest first. */
const char * const *lancer_room_get_senders      (LancerRoom *self);

const char  *lancer_room_get_user_name           (LancerRoom *self);
void         lancer_room_set_user_name           (LancerRoom *self,
                                                  const char *user_name);
/* The client: the contract's client, else the newest sender who is not
 * the user; NULL when nobody else wrote yet. */
const char  *lancer_room_get_client_name         (LancerRoom *self);

G_END_DECLS
