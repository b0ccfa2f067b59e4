/* lancer-hidden-jobs.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-store.h"

G_BEGIN_DECLS

/* The jobs the user hid, newest first, for the Jobs page's Hidden view.
 * Pages through the store's job query (hidden jobs included) and keeps
 * the hidden ones: the store has no query of its own for them yet. */
void       lancer_hidden_jobs_load_async  (LancerStore         *store,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* Returns: (transfer full) (element-type LancerJob) */
GPtrArray *lancer_hidden_jobs_load_finish (LancerStore         *store,
                                           GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
