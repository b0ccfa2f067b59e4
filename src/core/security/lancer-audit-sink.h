/* lancer-audit-sink.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-audit-entry.h"

G_BEGIN_DECLS

/* Where entries go: LancerAuditFileSink (audit.jsonl) or the store's
 * audit_log table (LancerStoreAuditSink). Both methods may be called from
 * any thread. */
#define LANCER_TYPE_AUDIT_SINK (lancer_audit_sink_get_type ())
G_DECLARE_INTERFACE (LancerAuditSink, lancer_audit_sink, LANCER, AUDIT_SINK, GObject)

struct _LancerAuditSinkInterface
{
  GTypeInterface parent_iface;

  gboolean   (*append) (LancerAuditSink        *self,
                        LancerAuditEntry       *entry,
                        GError                **error);
  /* Newest first; @limit 0 means all. Elements are LancerAuditEntry objects. */
  GPtrArray *(*list)   (LancerAuditSink        *self,
                        guint                   limit,
                        GError                **error);
};

gboolean   lancer_audit_sink_append (LancerAuditSink        *self,
                                     LancerAuditEntry       *entry,
                                     GError                **error);
GPtrArray *lancer_audit_sink_list   (LancerAuditSink        *self,
                                     guint                   limit,
                                     GError                **error);

G_END_DECLS
