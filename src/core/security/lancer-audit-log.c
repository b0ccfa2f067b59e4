/* lancer-audit-log.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-security"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lancer-audit.h"
#include "lancer-audit-log.h"
#include "lancer-redact-private.h"

struct _LancerAuditLog
{
  GObject          parent_instance;
  GMutex           mutex;
  LancerAuditSink *sink;
};

G_DEFINE_FINAL_TYPE (LancerAuditLog, lancer_audit_log, G_TYPE_OBJECT)

static void
lancer_audit_log_dispose (GObject *object)
{
  LancerAuditLog *self = (LancerAuditLog *) object;

  g_clear_object (&self->sink);

  G_OBJECT_CLASS (lancer_audit_log_parent_class)->dispose (object);
}

static void
lancer_audit_log_finalize (GObject *object)
{
  LancerAuditLog *self = (LancerAuditLog *) object;

  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (lancer_audit_log_parent_class)->finalize (object);
}

static void
lancer_audit_log_class_init (LancerAuditLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lancer_audit_log_dispose;
  object_class->finalize = lancer_audit_log_finalize;
}

static void
lancer_audit_log_init (LancerAuditLog *self)
{
  g_mutex_init (&self->mutex);
}

LancerAuditLog *
lancer_audit_log_new (LancerAuditSink *sink)
{
  LancerAuditLog *self;

  g_return_val_if_fail (LANCER_IS_AUDIT_SINK (sink), NULL);

  self = g_object_new (LANCER_TYPE_AUDIT_LOG, NULL);
  self->sink = g_object_ref (sink);
  return self;
}

LancerAuditLog *
lancer_audit_log_new_for_profile_dir (const char *profile_dir)
{
  g_autofree char *path = NULL;
  g_autoptr(LancerAuditFileSink) sink = NULL;

  g_return_val_if_fail (profile_dir != NULL, NULL);

  path = g_build_filename (profile_dir, "audit.jsonl", NULL);
  sink = lancer_audit_file_sink_new (path);
  return lancer_audit_log_new (LANCER_AUDIT_SINK (sink));
}

LancerAuditSink *
lancer_audit_log_get_sink (LancerAuditLog *self)
{
  g_return_val_if_fail (LANCER_IS_AUDIT_LOG (self), NULL);
  return self->sink;
}

void
lancer_audit_log_set_sink (LancerAuditLog  *self,
                           LancerAuditSink *sink)
{
  g_return_if_fail (LANCER_IS_AUDIT_LOG (self));
  g_return_if_fail (LANCER_IS_AUDIT_SINK (sink));

  g_mutex_lock (&self->mutex);
  g_set_object (&self->sink, sink);
  g_mutex_unlock (&self->mutex);
}

static LancerAuditSink *
dup_sink (LancerAuditLog *self)
{
  LancerAuditSink *sink;

  g_mutex_lock (&self->mutex);
  sink = g_object_ref (self->sink);
  g_mutex_unlock (&self->mutex);
  return sink;
}

gboolean
lancer_audit_log_record_full (LancerAuditLog  *self,
                              const char      *category,
                              const char      *action,
                              const char      *detail,
                              GError         **error)
{
  g_autoptr(LancerAuditSink) sink = NULL;
  g_autoptr(LancerAuditEntry) entry = NULL;
  g_autofree char *clean_action = NULL;
  g_autofree char *clean_detail = NULL;
  gint64 now;

  g_return_val_if_fail (LANCER_IS_AUDIT_LOG (self), FALSE);

  if (!lancer_audit_is_known_category (category))
    {
      g_set_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_AUDIT,
                   _("“%s” is not an audit log category."), category ? category : "");
      return FALSE;
    }
  if (action == NULL || *action == '\0')
    {
      g_set_error_literal (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_AUDIT,
                           _("An audit log entry needs an action."));
      return FALSE;
    }

  clean_action = _lancer_redact_string_full (action, TRUE);
  clean_detail = lancer_audit_scrub (detail, NULL);
  now = g_get_real_time ();
  now -= now % 1000;   /* the file keeps milliseconds */
  entry = lancer_audit_entry_new (now, category, clean_action, clean_detail);

  sink = dup_sink (self);
  return lancer_audit_sink_append (sink, entry, error);
}

void
lancer_audit_record (LancerAuditLog *self,
                     const char     *category,
                     const char     *action,
                     const char     *detail_json_or_text)
{
  g_autoptr(GError) error = NULL;

  if (!lancer_audit_log_record_full (self, category, action, detail_json_or_text, &error))
    g_warning ("Audit log: %s", error->message);
}

GPtrArray *
lancer_audit_log_list (LancerAuditLog  *self,
                       guint            limit,
                       GError         **error)
{
  g_autoptr(LancerAuditSink) sink = NULL;

  g_return_val_if_fail (LANCER_IS_AUDIT_LOG (self), NULL);

  sink = dup_sink (self);
  return lancer_audit_sink_list (sink, limit, error);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *entries = lancer_audit_log_list (source_object, GPOINTER_TO_UINT (task_data), &error);

  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

void
lancer_audit_log_list_async (LancerAuditLog      *self,
                             guint                limit,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LANCER_IS_AUDIT_LOG (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_audit_log_list_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (limit), NULL);
  g_task_run_in_thread (task, list_thread);
}

GPtrArray *
lancer_audit_log_list_finish (LancerAuditLog  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (LANCER_IS_AUDIT_LOG (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
