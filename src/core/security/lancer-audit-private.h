/* lancer-audit-private.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lancer-audit-entry.h"

G_BEGIN_DECLS

/* The JSON form of an entry ({time, category, action, detail}), one per
 * line in audit.jsonl and one per element in the JSON export. */
JsonNode         *_lancer_audit_entry_to_json   (LancerAuditEntry *entry);
/* NULL when @node is not a complete entry. */
LancerAuditEntry *_lancer_audit_entry_from_json (JsonNode         *node);
/* ISO 8601 to microseconds since the epoch. */
gboolean          _lancer_audit_parse_time      (const char       *text,
                                                 gint64           *out);

G_END_DECLS
