/* lancer-export.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LANCER_COLUMN_TEXT,
  LANCER_COLUMN_NUMBER,     /* written as a JSON number; "" is null */
} LancerColumnKind;

/* A plain table of text cells: what every export writes. Shared by the
 * Analytics page and lancer-cli. */
typedef struct _LancerTable LancerTable;

LancerTable  *lancer_table_new          (void);
void          lancer_table_free         (LancerTable      *table);
void          lancer_table_add_column   (LancerTable      *table,
                                         const char       *name,
                                         LancerColumnKind  kind);
/* @cells: one per column (NULL is an empty cell). */
void          lancer_table_add_row      (LancerTable      *table,
                                         const char * const *cells);
/* Adds a row from varargs, one const char * per column. */
void          lancer_table_add_row_va   (LancerTable      *table,
                                         ...);
guint         lancer_table_get_n_columns (LancerTable     *table);
guint         lancer_table_get_n_rows   (LancerTable      *table);
const char   *lancer_table_get_column   (LancerTable      *table,
                                         guint             column);
LancerColumnKind lancer_table_get_kind  (LancerTable      *table,
                                         guint             column);
const char   *lancer_table_get_cell     (LancerTable      *table,
                                         guint             row,
                                         guint             column);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerTable, lancer_table_free)

/* RFC 4180 CSV with a header line and CRLF line ends. Text cells that a
 * spreadsheet would run as a formula (starting with = + - @, tab or CR)
 * are prefixed with ' so opening the file runs nothing. */
char         *lancer_table_to_csv       (LancerTable      *table);
/* A JSON array of objects keyed by column name, pretty-printed. */
char         *lancer_table_to_json      (LancerTable      *table);
/* Parsers for the round trip (and imports); a ' before a formula
 * character is removed again. Every column comes back as text from CSV. */
LancerTable  *lancer_table_from_csv     (const char       *csv,
                                         GError          **error);
LancerTable  *lancer_table_from_json    (const char       *json,
                                         GError          **error);

/* "12.50" with a dot whatever the locale; "" for NAN. */
char         *lancer_export_format_number (double          value);

G_END_DECLS
