/* lancer-store-saved-searches.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-store.h"

G_BEGIN_DECLS

/* The saved searches the sync runs, and which jobs each one found
 * (job_matches). */

typedef struct
{
  char   *name;
  char   *query;
  char   *filters;     /* JSON object */
  gint64  id;
} LancerSavedSearch;

void       lancer_saved_search_free            (LancerSavedSearch *search);

/* Element type LancerSavedSearch, by name. */
void       lancer_saved_searches_list_async    (LancerStore         *store,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray *lancer_saved_searches_list_finish   (LancerStore         *store,
                                                GAsyncResult        *result,
                                                GError             **error);
void       lancer_saved_searches_add_async     (LancerStore         *store,
                                                const char          *name,
                                                const char          *query,
                                                const char          *filters,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean   lancer_saved_searches_add_finish    (LancerStore         *store,
                                                GAsyncResult        *result,
                                                GError             **error);
void       lancer_saved_searches_remove_async  (LancerStore         *store,
                                                const char          *name,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean   lancer_saved_searches_remove_finish (LancerStore         *store,
                                                GAsyncResult        *result,
                                                GError             **error);

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
