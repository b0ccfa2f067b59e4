/* lancer-audit-file-sink.c
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
#include <unistd.h>
#include <sys/stat.h>
#include <json-glib/json-glib.h>

#include "lancer-audit-file-sink.h"
#include "lancer-audit-private.h"
#include "lancer-security-error.h"

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
                  LancerAuditEntry        *entry,
                  GError                 **error)
{
  LancerAuditFileSink *self = (LancerAuditFileSink *) sink;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) node = _lancer_audit_entry_to_json (entry);
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
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
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
          !(entry = _lancer_audit_entry_from_json (json_parser_get_root (parser))))
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
