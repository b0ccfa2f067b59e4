/* lancer-audit.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-security"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <json-glib/json-glib.h>

#include "lancer-audit.h"
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

/* Entries */

G_DEFINE_BOXED_TYPE (LancerAuditEntry, lancer_audit_entry,
                     lancer_audit_entry_copy, lancer_audit_entry_free)

LancerAuditEntry *
lancer_audit_entry_new (gint64      time,
                        const char *category,
                        const char *action,
                        const char *detail)
{
  LancerAuditEntry *entry = g_new0 (LancerAuditEntry, 1);

  entry->time = time;
  entry->category = g_strdup (category);
  entry->action = g_strdup (action);
  entry->detail = g_strdup (detail);
  return entry;
}

LancerAuditEntry *
lancer_audit_entry_copy (const LancerAuditEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return lancer_audit_entry_new (entry->time, entry->category, entry->action, entry->detail);
}

void
lancer_audit_entry_free (LancerAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->category);
  g_free (entry->action);
  g_free (entry->detail);
  g_free (entry);
}

char *
lancer_audit_entry_format_time (const LancerAuditEntry *entry)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (entry != NULL, NULL);

  dt = g_date_time_new_from_unix_utc (entry->time / G_USEC_PER_SEC);
  if (dt == NULL)
    return g_strdup ("");
  base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", base, (int) ((entry->time % G_USEC_PER_SEC) / 1000));
}

static gboolean
parse_time (const char *text,
            gint64     *out)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || !(dt = g_date_time_new_from_iso8601 (text, NULL)))
    return FALSE;
  *out = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

static JsonNode *
entry_to_json (const LancerAuditEntry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *time = lancer_audit_entry_format_time (entry);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, time);
  json_builder_set_member_name (builder, "category");
  json_builder_add_string_value (builder, entry->category);
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, entry->action);
  json_builder_set_member_name (builder, "detail");
  if (entry->detail != NULL)
    json_builder_add_string_value (builder, entry->detail);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static LancerAuditEntry *
entry_from_json (JsonNode *node)
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
      !parse_time (json_object_get_string_member_with_default (obj, "time", NULL), &time))
    return NULL;
  return lancer_audit_entry_new (time, category, action, detail);
}

/* The sink interface */

G_DEFINE_INTERFACE (LancerAuditSink, lancer_audit_sink, G_TYPE_OBJECT)

static void
lancer_audit_sink_default_init (LancerAuditSinkInterface *iface)
{
}

gboolean
lancer_audit_sink_append (LancerAuditSink         *self,
                          const LancerAuditEntry  *entry,
                          GError                 **error)
{
  g_return_val_if_fail (LANCER_IS_AUDIT_SINK (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  return LANCER_AUDIT_SINK_GET_IFACE (self)->append (self, entry, error);
}

GPtrArray *
lancer_audit_sink_list (LancerAuditSink  *self,
                        guint             limit,
                        GError          **error)
{
  g_return_val_if_fail (LANCER_IS_AUDIT_SINK (self), NULL);

  return LANCER_AUDIT_SINK_GET_IFACE (self)->list (self, limit, error);
}

/* The JSON-lines file sink */

struct _LancerAuditFileSink
{
  GObject  parent_instance;
  char    *path;
  GMutex   mutex;
};

static void lancer_audit_file_sink_iface_init (LancerAuditSinkInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LancerAuditFileSink, lancer_audit_file_sink, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LANCER_TYPE_AUDIT_SINK,
                                                      lancer_audit_file_sink_iface_init))

static void
set_io_error (GError     **error,
              const char  *path,
              const char  *reason)
{
  g_set_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_AUDIT,
               _("The audit log “%s” could not be used (%s). Check that the disk is not full and "
                 "that the folder is writable."),
               path, reason);
}

static gboolean
file_sink_append (LancerAuditSink         *sink,
                  const LancerAuditEntry  *entry,
                  GError                 **error)
{
  LancerAuditFileSink *self = (LancerAuditFileSink *) sink;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) node = entry_to_json (entry);
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *line = NULL;
  gsize len;
  gsize done = 0;
  int saved_errno = 0;
  int fd;

  json_generator_set_root (gen, node);
  line = json_generator_to_data (gen, &len);
  line = g_realloc (line, len + 2);
  line[len++] = '\n';
  line[len] = '\0';

  g_mutex_lock (&self->mutex);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    saved_errno = errno;
  else if ((fd = g_open (self->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600)) < 0)
    saved_errno = errno;
  else
    {
      /* Also repairs the mode of a file someone else created. */
      if (fchmod (fd, 0600) != 0)
        saved_errno = errno;
      while (saved_errno == 0 && done < len)
        {
          gssize n = write (fd, line + done, len - done);

          if (n < 0 && errno == EINTR)
            continue;
          if (n < 0)
            saved_errno = errno;
          else
            done += n;
        }
      if (close (fd) != 0 && saved_errno == 0)
        saved_errno = errno;
    }
  g_mutex_unlock (&self->mutex);

  if (saved_errno != 0)
    {
      set_io_error (error, self->path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
file_sink_list (LancerAuditSink  *sink,
                guint             limit,
                GError          **error)
{
  LancerAuditFileSink *self = (LancerAuditFileSink *) sink;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_audit_entry_free);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint skipped = 0;

  g_mutex_lock (&self->mutex);
  g_file_get_contents (self->path, &contents, NULL, &local_error);
  g_mutex_unlock (&self->mutex);

  if (local_error != NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&entries);
      set_io_error (error, self->path, local_error->message);
      return NULL;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (gint i = (gint) g_strv_length (lines) - 1; i >= 0; i--)
    {
      g_autoptr(JsonParser) parser = NULL;
      LancerAuditEntry *entry;

      if (lines[i][0] == '\0')
        continue;
      parser = json_parser_new ();
      if (!json_parser_load_from_data (parser, lines[i], -1, NULL) ||
          !(entry = entry_from_json (json_parser_get_root (parser))))
        {
          /* A torn last line after a crash must not hide the rest. */
          skipped++;
          continue;
        }
      g_ptr_array_add (entries, entry);
      if (limit > 0 && entries->len >= limit)
        break;
    }
  if (skipped > 0)
    g_warning ("Skipped %u unreadable lines in the audit log", skipped);
  return g_steal_pointer (&entries);
}

static void
lancer_audit_file_sink_iface_init (LancerAuditSinkInterface *iface)
{
  iface->append = file_sink_append;
  iface->list = file_sink_list;
}

static void
lancer_audit_file_sink_finalize (GObject *object)
{
  LancerAuditFileSink *self = (LancerAuditFileSink *) object;

  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (lancer_audit_file_sink_parent_class)->finalize (object);
}

static void
lancer_audit_file_sink_class_init (LancerAuditFileSinkClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lancer_audit_file_sink_finalize;
}

static void
lancer_audit_file_sink_init (LancerAuditFileSink *self)
{
  g_mutex_init (&self->mutex);
}

LancerAuditFileSink *
lancer_audit_file_sink_new (const char *path)
{
  LancerAuditFileSink *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (LANCER_TYPE_AUDIT_FILE_SINK, NULL);
  self->path = g_strdup (path);
  return self;
}

const char *
lancer_audit_file_sink_get_path (LancerAuditFileSink *self)
{
  g_return_val_if_fail (LANCER_IS_AUDIT_FILE_SINK (self), NULL);
  return self->path;
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

/* The log */

struct _LancerAuditLog
{
  GObject          parent_instance;
  GMutex           mutex;
  LancerAuditSink *sink;
};

G_DEFINE_FINAL_TYPE (LancerAuditLog, lancer_audit_log, G_TYPE_OBJECT)

static void
lancer_audit_log_dispose (GObject *object)
{
  LancerAuditLog *self = (LancerAuditLog *) object;

  g_clear_object (&self->sink);

  G_OBJECT_CLASS (lancer_audit_log_parent_class)->dispose (object);
}

static void
lancer_audit_log_finalize (GObject *object)
{
  LancerAuditLog *self = (LancerAuditLog *) object;

  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (lancer_audit_log_parent_class)->finalize (object);
}

static void
lancer_audit_log_class_init (LancerAuditLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lancer_audit_log_dispose;
  object_class->finalize = lancer_audit_log_finalize;
}

static void
lancer_audit_log_init (LancerAuditLog *self)
{
  g_mutex_init (&self->mutex);
}

LancerAuditLog *
lancer_audit_log_new (LancerAuditSink *sink)
{
  LancerAuditLog *self;

  g_return_val_if_fail (LANCER_IS_AUDIT_SINK (sink), NULL);

  self = g_object_new (LANCER_TYPE_AUDIT_LOG, NULL);
  self->sink = g_object_ref (sink);
  return self;
}

LancerAuditLog *
lancer_audit_log_new_for_profile_dir (const char *profile_dir)
{
  g_autofree char *path = NULL;
  g_autoptr(LancerAuditFileSink) sink = NULL;

  g_return_val_if_fail (profile_dir != NULL, NULL);

  path = g_build_filename (profile_dir, "audit.jsonl", NULL);
  sink = lancer_audit_file_sink_new (path);
  return lancer_audit_log_new (LANCER_AUDIT_SINK (sink));
}

LancerAuditSink *
lancer_audit_log_get_sink (LancerAuditLog *self)
{
  g_return_val_if_fail (LANCER_IS_AUDIT_LOG (self), NULL);
  return self->sink;
}

void
lancer_audit_log_set_sink (LancerAuditLog  *self,
                           LancerAuditSink *sink)
{
  g_return_if_fail (LANCER_IS_AUDIT_LOG (self));
  g_return_if_fail (LANCER_IS_AUDIT_SINK (sink));

  g_mutex_lock (&self->mutex);
  g_set_object (&self->sink, sink);
  g_mutex_unlock (&self->mutex);
}

static LancerAuditSink *
dup_sink (LancerAuditLog *self)
{
  LancerAuditSink *sink;

  g_mutex_lock (&self->mutex);
  sink = g_object_ref (self->sink);
  g_mutex_unlock (&self->mutex);
  return sink;
}

gboolean
lancer_audit_log_record_full (LancerAuditLog  *self,
                              const char      *category,
                              const char      *action,
                              const char      *detail,
                              GError         **error)
{
  g_autoptr(LancerAuditSink) sink = NULL;
  g_autoptr(LancerAuditEntry) entry = NULL;
  g_autofree char *clean_action = NULL;
  g_autofree char *clean_detail = NULL;
  gint64 now;

  g_return_val_if_fail (LANCER_IS_AUDIT_LOG (self), FALSE);

  if (!lancer_audit_is_known_category (category))
    {
      g_set_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_AUDIT,
                   _("“%s” is not an audit log category."), category ? category : "");
      return FALSE;
    }
  if (action == NULL || *action == '\0')
    {
      g_set_error_literal (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_AUDIT,
                           _("An audit log entry needs an action."));
      return FALSE;
    }

  clean_action = _lancer_redact_string_full (action, TRUE);
  clean_detail = lancer_audit_scrub (detail, NULL);
  now = g_get_real_time ();
  now -= now % 1000;   /* the file keeps milliseconds */
  entry = lancer_audit_entry_new (now, category, clean_action, clean_detail);

  sink = dup_sink (self);
  return lancer_audit_sink_append (sink, entry, error);
}

void
lancer_audit_record (LancerAuditLog *self,
                     const char     *category,
                     const char     *action,
                     const char     *detail_json_or_text)
{
  g_autoptr(GError) error = NULL;

  if (!lancer_audit_log_record_full (self, category, action, detail_json_or_text, &error))
    g_warning ("Audit log: %s", error->message);
}

GPtrArray *
lancer_audit_log_list (LancerAuditLog  *self,
                       guint            limit,
                       GError         **error)
{
  g_autoptr(LancerAuditSink) sink = NULL;

  g_return_val_if_fail (LANCER_IS_AUDIT_LOG (self), NULL);

  sink = dup_sink (self);
  return lancer_audit_sink_list (sink, limit, error);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *entries = lancer_audit_log_list (source_object, GPOINTER_TO_UINT (task_data), &error);

  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

void
lancer_audit_log_list_async (LancerAuditLog      *self,
                             guint                limit,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LANCER_IS_AUDIT_LOG (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_audit_log_list_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (limit), NULL);
  g_task_run_in_thread (task, list_thread);
}

GPtrArray *
lancer_audit_log_list_finish (LancerAuditLog  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (LANCER_IS_AUDIT_LOG (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
lancer_audit_export_csv (GPtrArray *entries)
{
  GString *out = g_string_new ("time,category,action,detail\r\n");

  g_return_val_if_fail (entries != NULL, NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      const LancerAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *time = lancer_audit_entry_format_time (entry);

      append_csv_cell (out, time);
      g_string_append_c (out, ',');
      append_csv_cell (out, entry->category);
      g_string_append_c (out, ',');
      append_csv_cell (out, entry->action);
      g_string_append_c (out, ',');
      append_csv_cell (out, entry->detail);
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

char *
lancer_audit_export_json (GPtrArray *entries)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  g_return_val_if_fail (entries != NULL, NULL);

  for (guint i = 0; i < entries->len; i++)
    json_array_add_element (array, entry_to_json (g_ptr_array_index (entries, i)));
  json_node_set_array (root, array);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

GPtrArray *
lancer_audit_parse_json (const char  *json,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_audit_entry_free);
  JsonNode *root;
  JsonArray *array;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_ARRAY (root))
    goto invalid;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      LancerAuditEntry *entry = entry_from_json (json_array_get_element (array, i));

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
  GString *cell = g_string_new (NULL);

  if (*p == '\0')
    {
      g_string_free (cell, TRUE);
      return FALSE;
    }
  for (;;)
    {
      if (*p == '"')
        {
          p++;
          while (*p != '\0')
            {
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (cell, '"');
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (cell, *p++);
            }
        }
      while (*p != '\0' && *p != ',' && *p != '\r' && *p != '\n')
        g_string_append_c (cell, *p++);
      g_ptr_array_add (cells, g_string_free (cell, FALSE));
      if (*p == ',')
        {
          p++;
          cell = g_string_new (NULL);
          continue;
        }
      if (*p == '\r')
        p++;
      if (*p == '\n')
        p++;
      break;
    }
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
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_audit_entry_free);
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
      if (cells->len != 4)
        goto invalid;
      if (header)
        {
          if (g_strcmp0 (cells->pdata[0], "time") != 0)
            goto invalid;
          header = FALSE;
          continue;
        }
      time_text = uncell (cells->pdata[0]);
      category = uncell (cells->pdata[1]);
      action = uncell (cells->pdata[2]);
      detail = uncell (cells->pdata[3]);
      if (!parse_time (time_text, &time))
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
