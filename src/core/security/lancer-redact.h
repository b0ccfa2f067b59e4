/* lancer-redact.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LANCER_REDACTED "[redacted]"

/* Secrets known at runtime (looked up from the keyring, typed by the user)
 * are registered here so that no log line and no audit entry can carry
 * them. Values shorter than 8 bytes are ignored: masking them would mangle
 * ordinary text. Thread-safe. */
void      lancer_redact_register_secret     (const char *secret);
void      lancer_redact_unregister_secret   (const char *secret);
void      lancer_redact_clear_secrets       (void);

/* A copy of @text with registered secrets, bearer tokens, API keys, JWTs,
 * Telegram bot tokens and "token=…"/"\"api_key\": \"…\"" style values
 * replaced by LANCER_REDACTED. NULL stays NULL. */
char     *lancer_redact_string              (const char *text);
/* TRUE if lancer_redact_string() would change @text. */
gboolean  lancer_redact_needs_redaction     (const char *text);

/* Installs a GLog writer that redacts the MESSAGE field of every structured
 * log record and then hands it to @inner (g_log_writer_default when NULL).
 * g_log_set_writer_func() can only be called once per process, so call this
 * early in main() (app, CLI) or in a test's main(). */
void      lancer_redact_install_log_writer  (GLogWriterFunc  inner,
                                             gpointer        inner_data,
                                             GDestroyNotify  inner_data_free);

/* The writer itself, for callers composing their own chain; @user_data is
 * ignored and records go to g_log_writer_default(). */
GLogWriterOutput lancer_redact_log_writer   (GLogLevelFlags   log_level,
                                             const GLogField *fields,
                                             gsize            n_fields,
                                             gpointer         user_data);

G_END_DECLS
