/* lancer-audit.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-audit-entry.h"
#include "lancer-audit-file-sink.h"
#include "lancer-audit-log.h"
#include "lancer-audit-sink.h"
#include "lancer-security-error.h"

G_BEGIN_DECLS

/* Categories of the audit log. AI calls record provider, purpose and token
 * counts, never the content. */
#define LANCER_AUDIT_SIGN_IN        "sign-in"
#define LANCER_AUDIT_TOKEN_REFRESH  "token-refresh"
#define LANCER_AUDIT_SYNC           "sync"
#define LANCER_AUDIT_AI_CALL        "ai-call"
#define LANCER_AUDIT_EXPORT         "export"
#define LANCER_AUDIT_LOCK           "lock"
#define LANCER_AUDIT_UNLOCK         "unlock"
#define LANCER_AUDIT_UNLOCK_FAILED  "unlock-failed"
#define LANCER_AUDIT_SETTINGS       "settings"
#define LANCER_AUDIT_PROPOSAL       "proposal"

gboolean lancer_audit_is_known_category (const char *category);

/* Removes anything that looks like a secret: values of keys such as token,
 * secret, key, password, authorization (unless they are numbers, so token
 * counts stay), content fields (content, prompt, messages, body, text…),
 * bearer tokens, API keys, JWTs, long random strings and every secret
 * registered with lancer_redact_register_secret(). Works on JSON objects and
 * plain text. *@redacted tells whether anything was removed. */
char            *lancer_audit_scrub                    (const char        *detail,
                                                        gboolean          *redacted);

/* Export: CSV (header time,category,action,detail; RFC 4180 quoting; cells
 * that a spreadsheet would run as formulas are prefixed with ') and a JSON
 * array of {time, category, action, detail}. */
char            *lancer_audit_export_csv               (GPtrArray         *entries);
char            *lancer_audit_export_json              (GPtrArray         *entries);
GPtrArray       *lancer_audit_parse_csv                (const char        *csv,
                                                        GError           **error);
GPtrArray       *lancer_audit_parse_json               (const char        *json,
                                                        GError           **error);

G_END_DECLS
