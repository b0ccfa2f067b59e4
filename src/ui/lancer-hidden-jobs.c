/* lancer-hidden-jobs.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-hidden-jobs"

#include "config.h"

#include "lancer-hidden-jobs.h"

#define PAGE_SIZE 500

typedef struct
{
  GPtrArray *hidden;
  guint      offset;
} Load;

static void
load_free (Load *load)
{
  g_ptr_array_unref (load->hidden);
  g_free (load);
}

static void next_page (GTask *task);

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GPtrArray) jobs = lancer_store_query_jobs_finish (LANCER_STORE (source), result, &error);

  if (jobs == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < jobs->len; i++)
    if (lancer_job_get_hidden (g_ptr_array_index (jobs, i)))
      g_ptr_array_add (load->hidden, g_object_ref (g_ptr_array_index (jobs, i)));
  if (jobs->len < PAGE_SIZE)
    {
      g_task_return_pointer (task, g_ptr_array_ref (load->hidden), (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  load->offset += jobs->len;
  next_page (g_steal_pointer (&task));
}

static void
next_page (GTask *task)
{
  Load *load = g_task_get_task_data (task);
  LancerJobQuery query = { .include_hidden = TRUE, .sort = LANCER_JOB_SORT_NEWEST };

  lancer_store_query_jobs_async (g_task_get_source_object (task), &query, load->offset, PAGE_SIZE,
                                 g_task_get_cancellable (task), page_cb, task);
}

void
lancer_hidden_jobs_load_async (LancerStore         *store,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  Load *load;

  g_return_if_fail (LANCER_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_hidden_jobs_load_async);
  load = g_new0 (Load, 1);
  load->hidden = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  next_page (task);
}

GPtrArray *
lancer_hidden_jobs_load_finish (LancerStore   *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
