/* lancer-audit-entry.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LANCER_TYPE_AUDIT_ENTRY (lancer_audit_entry_get_type ())
G_DECLARE_FINAL_TYPE (LancerAuditEntry, lancer_audit_entry, LANCER, AUDIT_ENTRY, GObject)

/* One line of the audit log, immutable once made. Every field is a
 * read-only property, so list rows and .ui templates can bind to them. */

/* @time is microseconds since the epoch (UTC); @detail may be NULL. */
LancerAuditEntry *lancer_audit_entry_new                (gint64            time,
                                                         const char       *category,
                                                         const char       *action,
                                                         const char       *detail);

gint64            lancer_audit_entry_get_time           (LancerAuditEntry *self);
/* The same moment in local time. */
GDateTime        *lancer_audit_entry_get_date_time      (LancerAuditEntry *self);
/* The category id (LANCER_AUDIT_SYNC…) and its translated name ("Sync"). */
const char       *lancer_audit_entry_get_category       (LancerAuditEntry *self);
const char       *lancer_audit_entry_get_category_label (LancerAuditEntry *self);
/* The action id ("lock-enabled") and how a person reads it ("Lock enabled"). */
const char       *lancer_audit_entry_get_action         (LancerAuditEntry *self);
const char       *lancer_audit_entry_get_title          (LancerAuditEntry *self);
/* Scrubbed text or JSON; NULL when the event has none. */
const char       *lancer_audit_entry_get_detail         (LancerAuditEntry *self);
/* One sentence for the whole entry: "Sync: Jobs synced." */
const char       *lancer_audit_entry_get_description    (LancerAuditEntry *self);

/* "2026-11-26T11:39:29.123Z" */
char             *lancer_audit_entry_format_time        (LancerAuditEntry *self);

G_END_DECLS
