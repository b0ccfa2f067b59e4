/* lancer-export.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "lancer-export.h"
#include "lancer-export-private.h"

struct _LancerTable
{
  GPtrArray *columns;   /* char * */
  GArray    *kinds;     /* LancerColumnKind */
  GPtrArray *rows;      /* GStrv */
};

LancerTable *
lancer_table_new (void)
{
  LancerTable *table = g_new0 (LancerTable, 1);

  table->columns = g_ptr_array_new_with_free_func (g_free);
  table->kinds = g_array_new (FALSE, FALSE, sizeof (LancerColumnKind));
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return table;
}

void
lancer_table_free (LancerTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->columns);
  g_array_unref (table->kinds);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

void
lancer_table_add_column (LancerTable      *table,
                         const char       *name,
                         LancerColumnKind  kind)
{
  g_return_if_fail (table->rows->len == 0);
  g_ptr_array_add (table->columns, g_strdup (name));
  g_array_append_val (table->kinds, kind);
}

void
lancer_table_add_row (LancerTable        *table,
                      const char * const *cells)
{
  char **row = g_new0 (char *, table->columns->len + 1);

  for (guint i = 0; i < table->columns->len; i++)
    row[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
  g_ptr_array_add (table->rows, row);
}

void
lancer_table_add_row_va (LancerTable *table,
                         ...)
{
  char **row = g_new0 (char *, table->columns->len + 1);
  va_list args;

  va_start (args, table);
  for (guint i = 0; i < table->columns->len; i++)
    {
      const char *cell = va_arg (args, const char *);

      row[i] = g_strdup (cell != NULL ? cell : "");
    }
  va_end (args);
  g_ptr_array_add (table->rows, row);
}

guint
lancer_table_get_n_columns (LancerTable *table)
{
  return table->columns->len;
}

guint
lancer_table_get_n_rows (LancerTable *table)
{
  return table->rows->len;
}

const char *
lancer_table_get_column (LancerTable *table,
                         guint        column)
{
  g_return_val_if_fail (column < table->columns->len, NULL);
  return table->columns->pdata[column];
}

LancerColumnKind
lancer_table_get_kind (LancerTable *table,
                       guint        column)
{
  g_return_val_if_fail (column < table->columns->len, LANCER_COLUMN_TEXT);
  return g_array_index (table->kinds, LancerColumnKind, column);
}

const char *
lancer_table_get_cell (LancerTable *table,
                       guint        row,
                       guint        column)
{
  g_return_val_if_fail (row < table->rows->len, NULL);
  g_return_val_if_fail (column < table->columns->len, NULL);
  return ((char **) table->rows->pdata[row])[column];
}

char *
lancer_export_format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value) || isinf (value))
    return g_strdup ("");
  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

/* CSV */

static gboolean
is_formula_start (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

void
_lancer_csv_append_quoted (GString    *out,
                           const char *cell,
                           gboolean    apostrophe)
{
  g_string_append_c (out, '"');
  if (apostrophe)
    g_string_append_c (out, '\'');
  for (const char *p = cell; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

gboolean
_lancer_csv_read_quoted (const char **pos,
                         GString     *cell)
{
  const char *p = *pos;
  gboolean closed = FALSE;

  while (*p)
    {
      if (*p == '"' && p[1] == '"')
        {
          g_string_append_c (cell, '"');
          p += 2;
        }
      else if (*p == '"')
        {
          p++;
          closed = TRUE;
          break;
        }
      else
        g_string_append_c (cell, *p++);
    }
  *pos = p;
  return closed;
}

gboolean
_lancer_csv_next_cell (const char **pos)
{
  if (**pos == ',')
    {
      (*pos)++;
      return TRUE;
    }
  if (**pos == '\r')
    (*pos)++;
  if (**pos == '\n')
    (*pos)++;
  return FALSE;
}

static void
append_csv_cell (GString    *out,
                 const char *cell,
                 gboolean    is_text)
{
  gboolean guard = is_text && is_formula_start (cell[0]);
  gboolean quote = guard || strpbrk (cell, ",\"\r\n") != NULL || cell[0] == '\'';

  if (quote)
    _lancer_csv_append_quoted (out, cell, guard || cell[0] == '\'');
  else
    g_string_append (out, cell);
}

char *
lancer_table_to_csv (LancerTable *table)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < table->columns->len; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      append_csv_cell (out, table->columns->pdata[c], TRUE);
    }
  g_string_append (out, "\r\n");
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = table->rows->pdata[r];

      for (guint c = 0; c < table->columns->len; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          append_csv_cell (out, row[c], lancer_table_get_kind (table, c) == LANCER_COLUMN_TEXT);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

/* Reads one record; returns NULL at the end. A quoted cell that starts
 * with ' keeps it out unless it guards a formula or another '. */
static GPtrArray *
parse_csv_record (const char **pos,
                  GError     **error)
{
  const char *p = *pos;
  GPtrArray *cells;

  if (*p == '\0')
    return NULL;

  cells = g_ptr_array_new_with_free_func (g_free);
  for (;;)
    {
      GString *cell = g_string_new (NULL);

      if (*p == '"')
        {
          p++;
          if (*p == '\'' && (is_formula_start (p[1]) || p[1] == '\''))
            p++;
          if (!_lancer_csv_read_quoted (&p, cell))
            {
              g_string_free (cell, TRUE);
              g_ptr_array_unref (cells);
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The CSV file ends inside a quoted cell"));
              return NULL;
            }
        }
      else
        {
          while (*p && *p != ',' && *p != '\r' && *p != '\n')
            g_string_append_c (cell, *p++);
        }
      g_ptr_array_add (cells, g_string_free (cell, FALSE));
      if (!_lancer_csv_next_cell (&p))
        break;
    }
  *pos = p;
  return cells;
}

LancerTable *
lancer_table_from_csv (const char  *csv,
                       GError     **error)
{
  g_autoptr(LancerTable) table = lancer_table_new ();
  g_autoptr(GPtrArray) header = NULL;
  const char *pos = csv;
  GError *local_error = NULL;

  header = parse_csv_record (&pos, &local_error);
  if (header == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The CSV file is empty"));
      return NULL;
    }
  for (guint i = 0; i < header->len; i++)
    lancer_table_add_column (table, header->pdata[i], LANCER_COLUMN_TEXT);

  for (;;)
    {
      g_autoptr(GPtrArray) cells = parse_csv_record (&pos, &local_error);

      if (cells == NULL)
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return NULL;
            }
          break;
        }
      if (cells->len != header->len)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       ngettext ("Row %u of the CSV file has %u cell instead of %u",
                                 "Row %u of the CSV file has %u cells instead of %u", cells->len),
                       table->rows->len + 1, cells->len, header->len);
          return NULL;
        }
      g_ptr_array_add (cells, NULL);
      g_ptr_array_add (table->rows, g_ptr_array_steal (cells, NULL));
    }
  return g_steal_pointer (&table);
}

/* JSON */

char *
_lancer_json_to_text (JsonNode *root)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

char *
lancer_table_to_json (LancerTable *table)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = table->rows->pdata[r];

      json_builder_begin_object (b);
      for (guint c = 0; c < table->columns->len; c++)
        {
          json_builder_set_member_name (b, table->columns->pdata[c]);
          if (lancer_table_get_kind (table, c) == LANCER_COLUMN_NUMBER)
            {
              char *end = NULL;
              double v = g_ascii_strtod (row[c], &end);

              if (row[c][0] == '\0' || end == NULL || *end != '\0')
                json_builder_add_null_value (b);
              else if (v == floor (v) && fabs (v) < 1e15 && strpbrk (row[c], ".eE") == NULL)
                json_builder_add_int_value (b, (gint64) v);
              else
                json_builder_add_double_value (b, v);
            }
          else
            json_builder_add_string_value (b, row[c]);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  root = json_builder_get_root (b);
  return _lancer_json_to_text (root);
}

LancerTable *
lancer_table_from_json (const char  *json,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LancerTable) table = lancer_table_new ();
  JsonArray *array;

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The JSON file does not hold a list of rows"));
      return NULL;
    }
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint r = 0; r < json_array_get_length (array); r++)
    {
      JsonNode *node = json_array_get_element (array, r);
      JsonObject *object;
      g_autoptr(GList) members = NULL;
      char **row;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Row %u of the JSON file is not an object"), r + 1);
          return NULL;
        }
      object = json_node_get_object (node);
      members = json_object_get_members (object);
      if (r == 0)
        for (GList *l = members; l; l = l->next)
          {
            JsonNode *cell = json_object_get_member (object, l->data);
            gboolean number = JSON_NODE_HOLDS_VALUE (cell) &&
                              (json_node_get_value_type (cell) == G_TYPE_INT64 ||
                               json_node_get_value_type (cell) == G_TYPE_DOUBLE);

            lancer_table_add_column (table, l->data, number ? LANCER_COLUMN_NUMBER : LANCER_COLUMN_TEXT);
          }

      row = g_new0 (char *, table->columns->len + 1);
      for (guint c = 0; c < table->columns->len; c++)
        {
          JsonNode *cell = json_object_get_member (object, table->columns->pdata[c]);

          if (cell == NULL || JSON_NODE_HOLDS_NULL (cell))
            row[c] = g_strdup ("");
          else if (JSON_NODE_HOLDS_VALUE (cell) && json_node_get_value_type (cell) == G_TYPE_INT64)
            row[c] = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (cell));
          else if (JSON_NODE_HOLDS_VALUE (cell) && json_node_get_value_type (cell) == G_TYPE_DOUBLE)
            row[c] = lancer_export_format_number (json_node_get_double (cell));
          else if (JSON_NODE_HOLDS_VALUE (cell) && json_node_get_value_type (cell) == G_TYPE_BOOLEAN)
            row[c] = g_strdup (json_node_get_boolean (cell) ? "true" : "false");
          else if (JSON_NODE_HOLDS_VALUE (cell))
            row[c] = g_strdup (json_node_get_string (cell));
          else
            row[c] = json_to_string (cell, FALSE);
        }
      g_ptr_array_add (table->rows, row);
    }
  return g_steal_pointer (&table);
}
