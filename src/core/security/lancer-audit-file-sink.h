/* lancer-audit-file-sink.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-audit-sink.h"

G_BEGIN_DECLS

/* <profile dir>/audit.jsonl: mode 0600, appended, one JSON object a line. */
#define LANCER_TYPE_AUDIT_FILE_SINK (lancer_audit_file_sink_get_type ())
G_DECLARE_FINAL_TYPE (LancerAuditFileSink, lancer_audit_file_sink, LANCER, AUDIT_FILE_SINK, GObject)

LancerAuditFileSink *lancer_audit_file_sink_new      (const char *path);
const char          *lancer_audit_file_sink_get_path (LancerAuditFileSink *self);

G_END_DECLS
