/* lancer-store-proposals.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lancer-store-writes.h"

G_BEGIN_DECLS

/* @items: LancerUpworkProposal. Upserts by Upwork id and adds a
 * proposal_events row when the status changed. */
void      lancer_store_write_proposals_async (LancerStore         *store,
                                              GPtrArray           *items,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);

/* For the CLI: synced proposals as a JSON array, newest first; @status
 * (Upwork's or Lancer's spelling) or NULL for all. */
void      lancer_store_proposals_json_async  (LancerStore         *store,
                                              const char          *status,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
JsonNode *lancer_store_proposals_json_finish (LancerStore         *store,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
