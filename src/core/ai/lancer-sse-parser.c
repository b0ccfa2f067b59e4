/* lancer-sse-parser.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-ai"

#include "config.h"

#include <string.h>

#include "lancer-sse-parser.h"

struct _LancerSseParser
{
  LancerSseEventFunc  func;
  gpointer            user_data;

  GByteArray         *line;        /* bytes of the current, unfinished line */
  GString            *data;        /* data buffer, each line followed by '\n' */
  GString            *event;
  char               *last_id;
  gint64              retry_ms;
  gsize               max_size;
  guint64             n_events;

  guint               has_data : 1;
  guint               has_event : 1;
  guint               has_id : 1;
  guint               after_cr : 1;   /* last byte was CR: swallow a following LF */
  guint               bom_checked : 1;
  guint               stopped : 1;
  guint               overflowed : 1;
};

LancerSseParser *
lancer_sse_parser_new (LancerSseEventFunc func,
                       gpointer           user_data)
{
  LancerSseParser *self;

  g_return_val_if_fail (func != NULL, NULL);

  self = g_new0 (LancerSseParser, 1);
  self->func = func;
  self->user_data = user_data;
  self->line = g_byte_array_new ();
  self->data = g_string_new (NULL);
  self->event = g_string_new (NULL);
  self->retry_ms = -1;
  self->max_size = LANCER_SSE_DEFAULT_MAX_EVENT_SIZE;
  return self;
}

void
lancer_sse_parser_free (LancerSseParser *self)
{
  if (self == NULL)
    return;
  g_byte_array_unref (self->line);
  g_string_free (self->data, TRUE);
  g_string_free (self->event, TRUE);
  g_free (self->last_id);
  g_free (self);
}

void
lancer_sse_parser_set_max_size (LancerSseParser *self,
                                gsize            max_size)
{
  g_return_if_fail (self != NULL);
  self->max_size = MAX (max_size, 64);
}

static void
reset_event (LancerSseParser *self)
{
  g_string_truncate (self->data, 0);
  g_string_truncate (self->event, 0);
  self->has_data = FALSE;
  self->has_event = FALSE;
  self->has_id = FALSE;
  self->retry_ms = -1;
}

static void
dispatch (LancerSseParser *self)
{
  LancerSseEvent ev;

  if (!self->has_data && !self->has_event && !self->has_id && self->retry_ms < 0)
    return;

  /* Drop the '\n' that follows the last data line. */
  if (self->data->len > 0 && self->data->str[self->data->len - 1] == '\n')
    g_string_truncate (self->data, self->data->len - 1);

  ev.event = self->has_event ? self->event->str : NULL;
  ev.data = self->data->str;
  ev.data_len = self->data->len;
  ev.id = self->last_id;
  ev.retry_ms = self->retry_ms;

  self->n_events++;
  if (!self->func (&ev, self->user_data))
    self->stopped = TRUE;
  reset_event (self);
}

static gboolean
all_digits (const char *s,
            gsize       len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static void
process_line (LancerSseParser *self,
              const char      *line,
              gsize            len)
{
  const char *colon;
  const char *value;
  gsize name_len;
  gsize value_len;

  if (len == 0)
    {
      dispatch (self);
      return;
    }
  if (line[0] == ':')
    return;   /* comment / keep-alive */

  colon = memchr (line, ':', len);
  if (colon != NULL)
    {
      name_len = colon - line;
      value = colon + 1;
      value_len = len - name_len - 1;
      if (value_len > 0 && value[0] == ' ')
        {
          value++;
          value_len--;
        }
    }
  else
    {
      name_len = len;
      value = line + len;
      value_len = 0;
    }

#define FIELD_IS(name) (name_len == strlen (name) && memcmp (line, name, name_len) == 0)
  if (FIELD_IS ("data"))
    {
      if (self->data->len + value_len + 1 > self->max_size)
        {
          self->overflowed = TRUE;
          self->stopped = TRUE;
          return;
        }
      g_string_append_len (self->data, value, value_len);
      g_string_append_c (self->data, '\n');
      self->has_data = TRUE;
    }
  else if (FIELD_IS ("event"))
    {
      g_string_truncate (self->event, 0);
      g_string_append_len (self->event, value, value_len);
      self->has_event = TRUE;
    }
  else if (FIELD_IS ("id"))
    {
      /* An id containing NUL is ignored, per spec. */
      if (memchr (value, '\0', value_len) == NULL)
        {
          g_free (self->last_id);
          self->last_id = g_strndup (value, value_len);
          self->has_id = TRUE;
        }
    }
  else if (FIELD_IS ("retry"))
    {
      if (all_digits (value, value_len) && value_len < 16)
        {
          char buf[16];

          memcpy (buf, value, value_len);
          buf[value_len] = '\0';
          self->retry_ms = (gint64) g_ascii_strtoull (buf, NULL, 10);
        }
    }
  /* Unknown fields are ignored. */
#undef FIELD_IS
}

static void
end_line (LancerSseParser *self)
{
  /* Terminate so the line can be used as a C string by process_line's
   * callers; the NUL is not part of the line. */
  g_byte_array_append (self->line, (const guint8 *) "", 1);
  process_line (self, (const char *) self->line->data, self->line->len - 1);
  g_byte_array_set_size (self->line, 0);
}

gboolean
lancer_sse_parser_feed (LancerSseParser *self,
                        const guint8    *data,
                        gsize            len)
{
  gsize i = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (self->stopped)
    return FALSE;

  /* A UTF-8 byte order mark may open the stream; skip it even when it
   * arrives split across feeds. */
  while (!self->bom_checked && i < len)
    {
      static const guint8 bom[3] = { 0xEF, 0xBB, 0xBF };
      guint have = self->line->len;

      if (data[i] == bom[have])
        {
          g_byte_array_append (self->line, &data[i], 1);
          i++;
          if (self->line->len == 3)
            {
              g_byte_array_set_size (self->line, 0);
              self->bom_checked = TRUE;
            }
        }
      else
        self->bom_checked = TRUE;   /* keep the partial prefix as line bytes */
    }

  while (i < len && !self->stopped)
    {
      const guint8 *start = data + i;
      gsize rest = len - i;
      gsize n = 0;

      if (self->after_cr)
        {
          self->after_cr = FALSE;
          if (data[i] == '\n')
            {
              i++;
              continue;
            }
        }

      /* Copy the run of ordinary bytes in one go. */
      while (n < rest && start[n] != '\n' && start[n] != '\r')
        n++;
      if (n > 0)
        {
          if (self->line->len + n > self->max_size)
            {
              self->overflowed = TRUE;
              self->stopped = TRUE;
              break;
            }
          g_byte_array_append (self->line, start, n);
          i += n;
        }
      if (i < len)
        {
          if (data[i] == '\r')
            self->after_cr = TRUE;
          i++;
          end_line (self);
        }
    }

  return !self->stopped;
}

gboolean
lancer_sse_parser_finish (LancerSseParser *self)
{
  gboolean pending;

  g_return_val_if_fail (self != NULL, FALSE);

  pending = self->line->len > 0 || self->has_data || self->has_event ||
            self->has_id || self->retry_ms >= 0;
  g_byte_array_set_size (self->line, 0);
  reset_event (self);
  self->after_cr = FALSE;
  return pending && !self->stopped;
}

gboolean
lancer_sse_parser_is_stopped (LancerSseParser *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->stopped;
}

gboolean
lancer_sse_parser_overflowed (LancerSseParser *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->overflowed;
}

guint64
lancer_sse_parser_get_n_events (LancerSseParser *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_events;
}

gboolean
lancer_sse_event_is_done (const LancerSseEvent *event)
{
  g_return_val_if_fail (event != NULL, FALSE);
  return event->data_len >= 6 && strncmp (event->data, "[DONE]", 6) == 0;
}
