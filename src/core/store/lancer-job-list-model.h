/* lancer-job-list-model.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-store.h"

G_BEGIN_DECLS

#define LANCER_TYPE_JOB_LIST_MODEL (lancer_job_list_model_get_type ())

G_DECLARE_FINAL_TYPE (LancerJobListModel, lancer_job_list_model, LANCER, JOB_LIST_MODEL, GObject)

/* A GListModel of LancerJob over the store, newest first (also while
 * searching; lancer_store_query_jobs_async() ranks by bm25 on request). It pages lazily: get_item() on a row not yet loaded returns a
 * placeholder (LancerJob:loaded is FALSE), fetches its page on the store's
 * worker and then emits ::items-changed for that page. Only a bounded number
 * of pages is kept. Follows the store's ::changed::jobs. */
LancerJobListModel *lancer_job_list_model_new              (LancerStore        *store);
LancerStore        *lancer_job_list_model_get_store        (LancerJobListModel *self);
const char         *lancer_job_list_model_get_search       (LancerJobListModel *self);
void                lancer_job_list_model_set_search       (LancerJobListModel *self,
                                                            const char         *search);
gboolean            lancer_job_list_model_get_saved_only   (LancerJobListModel *self);
void                lancer_job_list_model_set_saved_only   (LancerJobListModel *self,
                                                            gboolean            saved_only);
guint               lancer_job_list_model_get_page_size    (LancerJobListModel *self);
void                lancer_job_list_model_set_page_size    (LancerJobListModel *self,
                                                            guint               page_size);
/* TRUE while the first count and page of a (re)load are on their way. */
gboolean            lancer_job_list_model_get_loading      (LancerJobListModel *self);
/* Reloads now (the model also does so by itself on ::changed::jobs). */
void                lancer_job_list_model_reload           (LancerJobListModel *self);
/* Rows this model fetched from the store so far (for tests and benchmarks). */
guint               lancer_job_list_model_get_n_fetched    (LancerJobListModel *self);

G_END_DECLS
