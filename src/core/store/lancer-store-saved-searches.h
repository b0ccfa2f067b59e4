/* lancer-store-saved-searches.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-store.h"
#include "lancer-store-searches.h"   /* LancerSavedSearch, the saved-search API */

G_BEGIN_DECLS

/* Which jobs each saved search found (job_matches). */

/* job_matches rows for @search_id (0: none) and the stored jobs of
 * @job_ids; notes when the search last ran. */
void       lancer_store_write_matches_async    (LancerStore         *store,
                                                gint64               search_id,
                                                GStrv                job_ids,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean   lancer_store_write_matches_finish   (LancerStore         *store,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
