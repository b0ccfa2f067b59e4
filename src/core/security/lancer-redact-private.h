/* lancer-redact-private.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @strict also masks long random-looking strings and base32 runs: right
 * for audit details, too eager for general log lines (paths, UUIDs). */
char *_lancer_redact_string_full (const char *text,
                                  gboolean    strict);

G_END_DECLS
