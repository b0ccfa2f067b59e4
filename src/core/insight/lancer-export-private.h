/* lancer-export-private.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The CSV and JSON pieces the analytics export shares with the activity
 * log's export, so both files are written and read the same way. */

/* Appends @cell in double quotes with its quotes doubled (RFC 4180),
 * after a ' that keeps spreadsheets from reading it as a formula when
 * @apostrophe is set. */
void      _lancer_csv_append_quoted (GString     *out,
                                     const char  *cell,
                                     gboolean     apostrophe);
/* Reads a quoted cell from just after its opening quote up to and past
 * its closing one into @cell; FALSE when the input ends first. */
gboolean  _lancer_csv_read_quoted   (const char **pos,
                                     GString     *cell);
/* After a cell: TRUE and past the comma when another cell follows,
 * FALSE and past the line break when the record is complete. */
gboolean  _lancer_csv_next_cell     (const char **pos);
/* @root as indented JSON text. */
char     *_lancer_json_to_text      (JsonNode    *root);

G_END_DECLS
