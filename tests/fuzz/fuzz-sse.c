/* fuzz-sse.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the SSE parser. Besides "no crash", it checks a
 * differential property: feeding the input whole, byte by byte, or in
 * chunks chosen by the input itself must yield the same events.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "lancer-sse-parser.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
log_event_cb (const LancerSseEvent *ev,
              gpointer              user_data)
{
  GString *log = user_data;

  g_string_append_printf (log, "%s\x1f%" G_GSIZE_FORMAT ":", ev->event ? ev->event : "\x1e", ev->data_len);
  g_string_append_len (log, ev->data, ev->data_len);
  g_string_append_printf (log, "\x1f%s\x1f%" G_GINT64_FORMAT "\x1d", ev->id ? ev->id : "\x1e", ev->retry_ms);
  return TRUE;
}

static GString *
run_split (const uint8_t *data,
           size_t         size,
           const uint8_t *steps,
           size_t         n_steps)
{
  GString *log = g_string_new (NULL);
  LancerSseParser *p = lancer_sse_parser_new (log_event_cb, log);
  size_t i = 0, k = 0;

  lancer_sse_parser_set_max_size (p, 1 << 16);
  while (i < size)
    {
      size_t n = n_steps ? (size_t) (steps[k++ % n_steps] % 17) + 1 : size;
      n = MIN (n, size - i);
      lancer_sse_parser_feed (p, data + i, n);
      i += n;
    }
  g_string_append_printf (log, "|%d", lancer_sse_parser_finish (p));
  if (lancer_sse_parser_overflowed (p))
    g_string_assign (log, "overflow");
  lancer_sse_parser_free (p);
  return log;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const uint8_t one[] = { 0 };
  GString *whole;
  GString *bytes;
  GString *chunks;

  if (size > (1 << 20))
    return 0;

  whole = run_split (data, size, NULL, 0);
  bytes = run_split (data, size, one, 1);
  chunks = run_split (data, size, data, MIN (size, 64));

  if (!g_str_equal (whole->str, bytes->str) || !g_str_equal (whole->str, chunks->str))
    {
      /* An overflow may trigger at a different point; anything else is a bug. */
      if (!g_str_equal (whole->str, "overflow") && !g_str_equal (bytes->str, "overflow") &&
          !g_str_equal (chunks->str, "overflow"))
        g_error ("SSE parser gave different events for different splits");
    }

  g_string_free (whole, TRUE);
  g_string_free (bytes, TRUE);
  g_string_free (chunks, TRUE);
  return 0;
}
