/* lancer-outbox-sender.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-outbox-sender"

#include "config.h"

#include "lancer-outbox-sender.h"
#include "lancer-store-messages.h"

typedef struct
{
  gboolean running;
  gboolean again;
} FlushState;

static GHashTable *flush_states;   /* LancerSync → FlushState */

static void
sync_gone_cb (gpointer  data,
              GObject  *sync)
{
  g_hash_table_remove (flush_states, sync);
}

static FlushState *
flush_state (LancerSync *sync)
{
  FlushState *state;

  if (flush_states == NULL)
    flush_states = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  state = g_hash_table_lookup (flush_states, sync);
  if (state == NULL)
    {
      state = g_new0 (FlushState, 1);
      g_hash_table_insert (flush_states, sync, state);
      g_object_weak_ref (G_OBJECT (sync), sync_gone_cb, NULL);
    }
  return state;
}

static void check_outbox (GTask *task);

static void
flushed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  FlushState *state = flush_state (LANCER_SYNC (object));
  gboolean again = state->again;

  state->running = FALSE;
  state->again = FALSE;
  if (lancer_sync_flush_outbox_finish (LANCER_SYNC (object), result, &error) < 0)
    {
      g_task_return_error (task, error);
      return;
    }
  if (again && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      check_outbox (g_steal_pointer (&task));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
outbox_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LancerSync *sync = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(GPtrArray) items = lancer_store_outbox_list_finish (LANCER_STORE (object), result, &error);
  gboolean pending = FALSE;
  FlushState *state;

  if (items == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < items->len && !pending; i++)
    pending = g_strcmp0 (lancer_story_get_state (g_ptr_array_index (items, i)), "pending") == 0;
  state = flush_state (sync);
  if (!pending || state->running)
    {
      state->again |= pending;
      g_task_return_boolean (task, TRUE);
      return;
    }
  state->running = TRUE;
  lancer_sync_flush_outbox_async (sync, g_task_get_cancellable (task), flushed_cb, g_steal_pointer (&task));
}

static void
check_outbox (GTask *task)
{
  LancerStore *store = g_task_get_task_data (task);

  lancer_store_outbox_list_async (store, NULL, g_task_get_cancellable (task), outbox_listed_cb, task);
}

void
lancer_outbox_sender_flush_async (LancerSync          *sync,
                                  LancerStore         *store,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  FlushState *state;

  g_return_if_fail (LANCER_IS_SYNC (sync));
  g_return_if_fail (LANCER_IS_STORE (store));

  task = g_task_new (sync, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_outbox_sender_flush_async);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  state = flush_state (sync);
  if (state->running)
    {
      state->again = TRUE;
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  check_outbox (task);
}

gboolean
lancer_outbox_sender_flush_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
