/* lancer-audit-sink.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-security"

#include "config.h"

#include "lancer-audit-sink.h"

G_DEFINE_INTERFACE (LancerAuditSink, lancer_audit_sink, G_TYPE_OBJECT)

static void
lancer_audit_sink_default_init (LancerAuditSinkInterface *iface)
{
}

gboolean
lancer_audit_sink_append (LancerAuditSink         *self,
                          LancerAuditEntry        *entry,
                          GError                 **error)
{
  g_return_val_if_fail (LANCER_IS_AUDIT_SINK (self), FALSE);
  g_return_val_if_fail (LANCER_IS_AUDIT_ENTRY (entry), FALSE);

  return LANCER_AUDIT_SINK_GET_IFACE (self)->append (self, entry, error);
}

GPtrArray *
lancer_audit_sink_list (LancerAuditSink  *self,
                        guint             limit,
                        GError          **error)
{
  g_return_val_if_fail (LANCER_IS_AUDIT_SINK (self), NULL);

  return LANCER_AUDIT_SINK_GET_IFACE (self)->list (self, limit, error);
}
