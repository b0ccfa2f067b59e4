/* lancer-store-checkpointer.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Moves WAL checkpoints off the writer: a thread with its own connection
 * copies committed pages back into the database file while the store's
 * worker goes on writing. */
typedef struct _LancerStoreCheckpointer LancerStoreCheckpointer;

LancerStoreCheckpointer *lancer_store_checkpointer_start (sqlite3                 *db,
                                                          const char              *db_path);
void                     lancer_store_checkpointer_stop  (LancerStoreCheckpointer *self);

G_END_DECLS
