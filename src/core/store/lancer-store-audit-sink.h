/* lancer-store-audit-sink.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-audit.h"
#include "lancer-store.h"

G_BEGIN_DECLS

/* A LancerAuditSink over the store's audit_log table: the entry's time
 * (microseconds) goes to "at", its category to "actor". Both methods run on
 * the store's worker and wait for it, so they may be called from any thread
 * except that worker itself. Appends are refused while the store is
 * read-only, like every other write. */
#define LANCER_TYPE_STORE_AUDIT_SINK (lancer_store_audit_sink_get_type ())
G_DECLARE_FINAL_TYPE (LancerStoreAuditSink, lancer_store_audit_sink, LANCER, STORE_AUDIT_SINK, GObject)

LancerStoreAuditSink *lancer_store_audit_sink_new       (LancerStore          *store);
LancerStore          *lancer_store_audit_sink_get_store (LancerStoreAuditSink *self);

G_END_DECLS
