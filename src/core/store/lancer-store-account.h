/* lancer-store-account.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lancer-store.h"
#include "lancer-upwork-parse.h"

G_BEGIN_DECLS

/* The Upwork account as last read: Upwork's answer to the `me` query (the
 * user, the current organization and the ones the user can act for),
 * sealed in the profile's database so Preferences shows it without asking
 * Upwork. @me_data is the answer's `data` object (not taken); NULL forgets
 * the account (after signing out). */
void              lancer_store_save_upwork_account_async  (LancerStore          *store,
                                                           JsonNode             *me_data,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean          lancer_store_save_upwork_account_finish (LancerStore          *store,
                                                           GAsyncResult         *result,
                                                           GError              **error);

/* Returns: (transfer full) (nullable): the account, or NULL with no error
 * when none is stored. Read and parsed on the store's worker. */
void              lancer_store_load_upwork_account_async  (LancerStore          *store,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
LancerUpworkUser *lancer_store_load_upwork_account_finish (LancerStore          *store,
                                                           GAsyncResult         *result,
                                                           GError              **error);

G_END_DECLS
