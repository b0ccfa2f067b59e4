/* lancer-audit.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

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

gboolean lancer_audit_is_known_category (const char *category);

/* One line of the log. @time is microseconds since the epoch (UTC). */
typedef struct
{
  gint64  time;
  char   *category;
  char   *action;
  char   *detail;     /* scrubbed text or JSON; may be NULL */
} LancerAuditEntry;

#define LANCER_TYPE_AUDIT_ENTRY (lancer_audit_entry_get_type ())
GType             lancer_audit_entry_get_type     (void) G_GNUC_CONST;
LancerAuditEntry *lancer_audit_entry_new          (gint64                  time,
                                                   const char             *category,
                                                   const char             *action,
                                                   const char             *detail);
LancerAuditEntry *lancer_audit_entry_copy         (const LancerAuditEntry *entry);
void              lancer_audit_entry_free         (LancerAuditEntry       *entry);
/* "2026-11-26T11:39:29.123Z" */
char             *lancer_audit_entry_format_time  (const LancerAuditEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerAuditEntry, lancer_audit_entry_free)

/* Where entries go. The JSON-lines file sink below is the first one; the
 * SQLite store can implement this interface over its audit_log table. Both
 * methods may be called from any thread. */
#define LANCER_TYPE_AUDIT_SINK (lancer_audit_sink_get_type ())
G_DECLARE_INTERFACE (LancerAuditSink, lancer_audit_sink, LANCER, AUDIT_SINK, GObject)

struct _LancerAuditSinkInterface
{
  GTypeInterface parent_iface;

  gboolean   (*append) (LancerAuditSink        *self,
                        const LancerAuditEntry *entry,
                        GError                **error);
  /* Newest first; @limit 0 means all. Elements are LancerAuditEntry. */
  GPtrArray *(*list)   (LancerAuditSink        *self,
                        guint                   limit,
                        GError                **error);
};

gboolean   lancer_audit_sink_append (LancerAuditSink        *self,
                                     const LancerAuditEntry *entry,
                                     GError                **error);
GPtrArray *lancer_audit_sink_list   (LancerAuditSink        *self,
                                     guint                   limit,
                                     GError                **error);

/* <profile dir>/audit.jsonl: mode 0600, appended, one JSON object a line. */
#define LANCER_TYPE_AUDIT_FILE_SINK (lancer_audit_file_sink_get_type ())
G_DECLARE_FINAL_TYPE (LancerAuditFileSink, lancer_audit_file_sink, LANCER, AUDIT_FILE_SINK, GObject)

LancerAuditFileSink *lancer_audit_file_sink_new      (const char *path);
const char          *lancer_audit_file_sink_get_path (LancerAuditFileSink *self);

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

/* Newest first; @limit 0 means all. Elements are LancerAuditEntry. */
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
