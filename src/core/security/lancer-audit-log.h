/* lancer-audit-log.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-audit-sink.h"

G_BEGIN_DECLS

#define LANCER_TYPE_AUDIT_LOG (lancer_audit_log_get_type ())
G_DECLARE_FINAL_TYPE (LancerAuditLog, lancer_audit_log, LANCER, AUDIT_LOG, GObject)

LancerAuditLog  *lancer_audit_log_new                  (LancerAuditSink   *sink);
/* A log writing to <profile_dir>/audit.jsonl. */
LancerAuditLog  *lancer_audit_log_new_for_profile_dir  (const char        *profile_dir);
LancerAuditSink *lancer_audit_log_get_sink             (LancerAuditLog    *self);
/* Swap the backend (for example to the store's audit_log table). */
void             lancer_audit_log_set_sink             (LancerAuditLog    *self,
                                                        LancerAuditSink   *sink);

/* Scrubs @detail (see lancer_audit_scrub()) and appends an entry stamped now.
 * Unknown categories are refused. Thread-safe; the file sink writes one
 * short line, so calling it from the main thread is fine. */
gboolean         lancer_audit_log_record_full          (LancerAuditLog    *self,
                                                        const char        *category,
                                                        const char        *action,
                                                        const char        *detail,
                                                        GError           **error);
/* The same, logging a warning instead of returning an error. */
void             lancer_audit_record                   (LancerAuditLog    *self,
                                                        const char        *category,
                                                        const char        *action,
                                                        const char        *detail_json_or_text);

/* Newest first; @limit 0 means all. Elements are LancerAuditEntry objects. */
GPtrArray       *lancer_audit_log_list                 (LancerAuditLog    *self,
                                                        guint              limit,
                                                        GError           **error);
void             lancer_audit_log_list_async           (LancerAuditLog    *self,
                                                        guint              limit,
                                                        GCancellable      *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer           user_data);
GPtrArray       *lancer_audit_log_list_finish          (LancerAuditLog    *self,
                                                        GAsyncResult      *result,
                                                        GError           **error);

G_END_DECLS
