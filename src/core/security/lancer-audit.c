/* lancer-audit.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-security"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "lancer-audit.h"
#include "lancer-audit-private.h"
#include "lancer-export-private.h"
#include "lancer-redact.h"
#include "lancer-redact-private.h"

static const char *categories[] = {
  LANCER_AUDIT_SIGN_IN,
  LANCER_AUDIT_TOKEN_REFRESH,
  LANCER_AUDIT_SYNC,
  LANCER_AUDIT_AI_CALL,
  LANCER_AUDIT_EXPORT,
  LANCER_AUDIT_LOCK,
  LANCER_AUDIT_UNLOCK,
  LANCER_AUDIT_UNLOCK_FAILED,
  LANCER_AUDIT_SETTINGS,
  LANCER_AUDIT_PROPOSAL,
};

gboolean
lancer_audit_is_known_category (const char *category)
{
  if (category == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (g_str_equal (category, categories[i]))
      return TRUE;
  return FALSE;
}

/* JSON form of an entry, shared by the file sink and the export */

gboolean
_lancer_audit_parse_time (const char *text,
                          gint64     *out)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || !(dt = g_date_time_new_from_iso8601 (text, NULL)))
    return FALSE;
  *out = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

/* What an entry is exported as, in this order, in JSON and in CSV. */
enum { FIELD_TIME, FIELD_CATEGORY, FIELD_ACTION, FIELD_DETAIL, N_FIELDS };
static const char * const field_names[N_FIELDS] = { "time", "category", "action", "detail" };

/* Fills @values with @entry's fields; the time is @time, its ISO 8601
 * form. Only the detail can be NULL. */
static void
get_fields (LancerAuditEntry *entry,
            const char       *time,
            const char       *values[N_FIELDS])
{
  values[FIELD_TIME] = time;
  values[FIELD_CATEGORY] = lancer_audit_entry_get_category (entry);
  values[FIELD_ACTION] = lancer_audit_entry_get_action (entry);
  values[FIELD_DETAIL] = lancer_audit_entry_get_detail (entry);
}

JsonNode *
_lancer_audit_entry_to_json (LancerAuditEntry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *time = lancer_audit_entry_format_time (entry);
  const char *values[N_FIELDS];

  get_fields (entry, time, values);
  json_builder_begin_object (builder);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      json_builder_set_member_name (builder, field_names[i]);
      if (values[i] != NULL)
        json_builder_add_string_value (builder, values[i]);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

LancerAuditEntry *
_lancer_audit_entry_from_json (JsonNode *node)
{
  JsonObject *obj;
  const char *category;
  const char *action;
  const char *detail = NULL;
  gint64 time;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  obj = json_node_get_object (node);
  category = json_object_get_string_member_with_default (obj, "category", NULL);
  action = json_object_get_string_member_with_default (obj, "action", NULL);
  if (json_object_has_member (obj, "detail") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (obj, "detail")))
    detail = json_object_get_string_member (obj, "detail");
  if (category == NULL || action == NULL ||
      !_lancer_audit_parse_time (json_object_get_string_member_with_default (obj, "time", NULL), &time))
    return NULL;
  return lancer_audit_entry_new (time, category, action, detail);
}

/* Scrubbing */

/* Splits a JSON key into lower-case words ("accessToken" and "access_token"
 * both give a word ending in "token") and checks them against @words, or
 * the word endings in @suffixes. Whole words only: "keywords" is fine. */
static gboolean
key_matches (const char         *key,
             const char * const *words,
             const char * const *suffixes)
{
  g_autofree char *lower = g_ascii_strdown (key, -1);
  g_auto(GStrv) parts = g_regex_split_simple ("[^a-z0-9]+", lower, 0, 0);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0')
        continue;
      if (g_strv_contains (words, parts[i]))
        return TRUE;
      for (guint j = 0; suffixes != NULL && suffixes[j] != NULL; j++)
        if (g_str_has_suffix (parts[i], suffixes[j]))
          return TRUE;
    }
  return FALSE;
}

static gboolean
is_secret_key (const char *key)
{
  static const char * const words[] = {
    "token", "secret", "key", "password", "passwd", "pwd", "authorization", "auth", "cookie",
    "credential", "credentials", "otp", "totp", "pin", "recovery", "code", "bearer", NULL
  };
  static const char * const suffixes[] = { "token", "secret", "apikey", "password", NULL };

  return key_matches (key, words, suffixes);
}

static gboolean
is_content_key (const char *key)
{
  static const char * const words[] = {
    "content", "contents", "prompt", "prompts", "completion", "messages", "message_text",
    "body", "text", "cover", "letter", "draft", "response", "input", "output", "system",
    "answer", "transcript", NULL
  };
  return key_matches (key, words, NULL);
}

static gboolean
node_is_number (JsonNode *node)
{
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
    case G_TYPE_BOOLEAN:
      return TRUE;
    default:
      return FALSE;
    }
}

static JsonNode *scrub_node (JsonNode *node, gboolean *redacted);

static JsonNode *
redacted_node (gboolean *redacted)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, LANCER_REDACTED);
  *redacted = TRUE;
  return node;
}

static JsonNode *
scrub_node (JsonNode *node,
            gboolean *redacted)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *in = json_node_get_object (node);
        g_autoptr(JsonObject) out = json_object_new ();
        g_autoptr(GList) members = json_object_get_members (in);
        JsonNode *result;

        for (GList *l = members; l != NULL; l = l->next)
          {
            const char *key = l->data;
            JsonNode *child = json_object_get_member (in, key);

            /* Counts ("tokens": 812, "prompt_tokens": 90) stay; values don't. */
            if ((is_secret_key (key) || is_content_key (key)) && !node_is_number (child) &&
                !JSON_NODE_HOLDS_NULL (child))
              json_object_set_member (out, key, redacted_node (redacted));
            else
              json_object_set_member (out, key, scrub_node (child, redacted));
          }
        result = json_node_new (JSON_NODE_OBJECT);
        json_node_set_object (result, out);
        return result;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *in = json_node_get_array (node);
        g_autoptr(JsonArray) out = json_array_new ();
        JsonNode *result;

        for (guint i = 0; i < json_array_get_length (in); i++)
          json_array_add_element (out, scrub_node (json_array_get_element (in, i), redacted));
        result = json_node_new (JSON_NODE_ARRAY);
        json_node_set_array (result, out);
        return result;
      }

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (node);
          g_autofree char *clean = _lancer_redact_string_full (text, TRUE);
          JsonNode *result = json_node_new (JSON_NODE_VALUE);

          if (!g_str_equal (clean, text))
            *redacted = TRUE;
          json_node_set_string (result, clean);
          return result;
        }
      return json_node_copy (node);

    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

char *
lancer_audit_scrub (const char *detail,
                    gboolean   *redacted)
{
  g_autoptr(JsonParser) parser = NULL;
  gboolean did_redact = FALSE;
  char *result;

  if (redacted != NULL)
    *redacted = FALSE;
  if (detail == NULL)
    return NULL;

  parser = json_parser_new ();
  if ((detail[0] == '{' || detail[0] == '[') &&
      json_parser_load_from_data (parser, detail, -1, NULL))
    {
      g_autoptr(JsonNode) clean = scrub_node (json_parser_get_root (parser), &did_redact);
      g_autoptr(JsonGenerator) gen = json_generator_new ();

      json_generator_set_root (gen, clean);
      result = json_generator_to_data (gen, NULL);
    }
  else
    {
      result = _lancer_redact_string_full (detail, TRUE);
      did_redact = !g_str_equal (result, detail);
    }

  if (redacted != NULL)
    *redacted = did_redact;
  return result;
}

/* Export */

static void
append_csv_cell (GString    *out,
                 const char *value)
{
  if (value == NULL)
    value = "";
  /* A leading = + - @ makes spreadsheets evaluate the cell: defuse it. */
  if (value[0] != '\0' && strchr ("=+-@\t\r", value[0]) != NULL)
    {
      g_autofree char *safe = g_strconcat ("'", value, NULL);

      append_csv_cell (out, safe);
      return;
    }
  if (strpbrk (value, ",\"\r\n") == NULL)
    g_string_append (out, value);
  else
    _lancer_csv_append_quoted (out, value, FALSE);
}

char *
lancer_audit_export_csv (GPtrArray *entries)
{
  GString *out = g_string_new ("time,category,action,detail\r\n");

  g_return_val_if_fail (entries != NULL, NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      LancerAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *time = lancer_audit_entry_format_time (entry);
      const char *values[N_FIELDS];

      get_fields (entry, time, values);
      for (guint f = 0; f < N_FIELDS; f++)
        {
          if (f > 0)
            g_string_append_c (out, ',');
          append_csv_cell (out, values[f]);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

char *
lancer_audit_export_json (GPtrArray *entries)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

  g_return_val_if_fail (entries != NULL, NULL);

  for (guint i = 0; i < entries->len; i++)
    json_array_add_element (array, _lancer_audit_entry_to_json (g_ptr_array_index (entries, i)));
  json_node_set_array (root, array);
  return _lancer_json_to_text (root);
}

GPtrArray *
lancer_audit_parse_json (const char  *json,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  JsonNode *root;
  JsonArray *array;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_ARRAY (root))
    goto invalid;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      LancerAuditEntry *entry = _lancer_audit_entry_from_json (json_array_get_element (array, i));

      if (entry == NULL)
        goto invalid;
      g_ptr_array_add (entries, entry);
    }
  return g_steal_pointer (&entries);

invalid:
  g_set_error_literal (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_AUDIT,
                       _("This is not an audit log exported by Lancer."));
  return NULL;
}

/* RFC 4180 records; returns FALSE at the end of input. */
static gboolean
read_csv_record (const char **pos,
                 GPtrArray   *cells)
{
  const char *p = *pos;

  if (*p == '\0')
    return FALSE;
  do
    {
      GString *cell = g_string_new (NULL);

      /* A quote left open takes the rest of the input as its cell. */
      if (*p == '"')
        {
          p++;
          _lancer_csv_read_quoted (&p, cell);
        }
      while (*p != '\0' && *p != ',' && *p != '\r' && *p != '\n')
        g_string_append_c (cell, *p++);
      g_ptr_array_add (cells, g_string_free (cell, FALSE));
    }
  while (_lancer_csv_next_cell (&p));
  *pos = p;
  return TRUE;
}

static char *
uncell (const char *value)
{
  /* Undo the formula defusing of append_csv_cell(). */
  if (value[0] == '\'' && value[1] != '\0' && strchr ("=+-@\t\r", value[1]) != NULL)
    return g_strdup (value + 1);
  return g_strdup (value);
}

GPtrArray *
lancer_audit_parse_csv (const char  *csv,
                        GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  const char *pos = csv;
  gboolean header = TRUE;

  g_return_val_if_fail (csv != NULL, NULL);

  for (;;)
    {
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *time_text = NULL;
      g_autofree char *category = NULL;
      g_autofree char *action = NULL;
      g_autofree char *detail = NULL;
      gint64 time;

      if (!read_csv_record (&pos, cells))
        break;
      if (cells->len != N_FIELDS)
        goto invalid;
      if (header)
        {
          if (g_strcmp0 (cells->pdata[FIELD_TIME], field_names[FIELD_TIME]) != 0)
            goto invalid;
          header = FALSE;
          continue;
        }
      time_text = uncell (cells->pdata[FIELD_TIME]);
      category = uncell (cells->pdata[FIELD_CATEGORY]);
      action = uncell (cells->pdata[FIELD_ACTION]);
      detail = uncell (cells->pdata[FIELD_DETAIL]);
      if (!_lancer_audit_parse_time (time_text, &time))
        goto invalid;
      g_ptr_array_add (entries, lancer_audit_entry_new (time, category, action,
                                                        detail[0] ? detail : NULL));
    }
  if (header)
    goto invalid;
  return g_steal_pointer (&entries);

invalid:
  g_set_error_literal (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_AUDIT,
                       _("This is not an audit log exported by Lancer."));
  return NULL;
}
