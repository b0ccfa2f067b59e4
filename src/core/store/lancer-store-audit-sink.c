/* lancer-store-audit-sink.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store"

#include "config.h"

#include "lancer-store-audit-sink.h"
#include "lancer-store-private.h"

struct _LancerStoreAuditSink
{
  GObject parent_instance;

  LancerStore *store;
};

static void audit_sink_iface_init (LancerAuditSinkInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LancerStoreAuditSink, lancer_store_audit_sink, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LANCER_TYPE_AUDIT_SINK, audit_sink_iface_init))

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

/* Runs @func on the store's worker and waits for it on a private main
 * context, so callers on any thread (the main one included) block only
 * for the operation itself. */
static gpointer
run_sync (LancerStore            *store,
          gboolean                write,
          LancerStoreWorkerFunc   func,
          gpointer                data,
          GDestroyNotify          data_destroy,
          GDestroyNotify          result_destroy,
          GError                **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  Wait wait = { NULL };
  gpointer ret;

  g_main_context_push_thread_default (context);
  lancer_store_run_async (store, write, write ? "audit_log" : NULL, func, data, data_destroy,
                          result_destroy, NULL, wait_cb, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  ret = lancer_store_run_finish (store, wait.result, error);
  g_object_unref (wait.result);
  return ret;
}

static gpointer
append_worker (LancerStore   *store,
               sqlite3       *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  LancerAuditEntry *entry = data;
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db, "INSERT INTO audit_log (at, actor, action, detail) VALUES (?1, ?2, ?3, ?4)", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, lancer_audit_entry_get_time (entry));
  sqlite3_bind_text (stmt, 2, lancer_audit_entry_get_category (entry), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, lancer_audit_entry_get_action (entry), -1, SQLITE_STATIC);
  if (lancer_audit_entry_get_detail (entry) != NULL)
    sqlite3_bind_text (stmt, 4, lancer_audit_entry_get_detail (entry), -1, SQLITE_STATIC);
  _lancer_store_step_done (db, stmt, error);
  return NULL;
}

static gboolean
store_sink_append (LancerAuditSink         *sink,
                   LancerAuditEntry        *entry,
                   GError                 **error)
{
  LancerStoreAuditSink *self = (LancerStoreAuditSink *) sink;
  GError *local_error = NULL;

  g_return_val_if_fail (LANCER_IS_AUDIT_ENTRY (entry), FALSE);

  run_sync (self->store, TRUE, append_worker, g_object_ref (entry),
            g_object_unref, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static gpointer
list_worker (LancerStore   *store,
             sqlite3       *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  guint limit = GPOINTER_TO_UINT (data);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  /* Newest first; id breaks ties between entries of the same instant. */
  g_autoptr(sqlite3_stmt) stmt =
    _lancer_store_prepare (db, "SELECT at, actor, action, detail FROM audit_log"
                               " ORDER BY at DESC, id DESC LIMIT ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, lancer_audit_entry_new (sqlite3_column_int64 (stmt, 0),
                                                      (const char *) sqlite3_column_text (stmt, 1),
                                                      (const char *) sqlite3_column_text (stmt, 2),
                                                      (const char *) sqlite3_column_text (stmt, 3)));
  if (rc != SQLITE_DONE)
    {
      lancer_store_set_sqlite_error (error, db, rc);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

static GPtrArray *
store_sink_list (LancerAuditSink  *sink,
                 guint             limit,
                 GError          **error)
{
  LancerStoreAuditSink *self = (LancerStoreAuditSink *) sink;

  return run_sync (self->store, FALSE, list_worker, GUINT_TO_POINTER (limit), NULL,
                   (GDestroyNotify) g_ptr_array_unref, error);
}

static void
audit_sink_iface_init (LancerAuditSinkInterface *iface)
{
  iface->append = store_sink_append;
  iface->list = store_sink_list;
}

static void
lancer_store_audit_sink_dispose (GObject *object)
{
  LancerStoreAuditSink *self = (LancerStoreAuditSink *) object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (lancer_store_audit_sink_parent_class)->dispose (object);
}

static void
lancer_store_audit_sink_class_init (LancerStoreAuditSinkClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lancer_store_audit_sink_dispose;
}

static void
lancer_store_audit_sink_init (LancerStoreAuditSink *self)
{
}

LancerStoreAuditSink *
lancer_store_audit_sink_new (LancerStore *store)
{
  LancerStoreAuditSink *self;

  g_return_val_if_fail (LANCER_IS_STORE (store), NULL);

  self = g_object_new (LANCER_TYPE_STORE_AUDIT_SINK, NULL);
  self->store = g_object_ref (store);
  return self;
}

LancerStore *
lancer_store_audit_sink_get_store (LancerStoreAuditSink *self)
{
  g_return_val_if_fail (LANCER_IS_STORE_AUDIT_SINK (self), NULL);
  return self->store;
}
