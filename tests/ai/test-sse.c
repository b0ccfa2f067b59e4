/* test-sse.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lancer-sse-parser.h"

typedef struct
{
  GString *log;
  guint    n;
  gboolean stop_on_done;
} Collector;

static gboolean
collect_cb (const LancerSseEvent *ev,
            gpointer              user_data)
{
  Collector *c = user_data;

  g_string_append_printf (c->log, "[%s|%s|%s]", ev->event ? ev->event : "-", ev->data,
                          ev->id ? ev->id : "-");
  c->n++;
  return !(c->stop_on_done && lancer_sse_event_is_done (ev));
}

static char *
parse_in_chunks (const char *input,
                 gsize       len,
                 gsize       chunk,
                 gboolean   *pending)
{
  Collector c = { g_string_new (NULL), 0, FALSE };
  g_autoptr(LancerSseParser) p = lancer_sse_parser_new (collect_cb, &c);

  for (gsize i = 0; i < len; i += chunk)
    lancer_sse_parser_feed (p, (const guint8 *) input + i, MIN (chunk, len - i));
  if (pending)
    *pending = lancer_sse_parser_finish (p);
  else
    lancer_sse_parser_finish (p);
  return g_string_free (c.log, FALSE);
}

static const char *stream_lf =
  "data: {\"t\":\"Dear\"}\n\n"
  ": keep-alive\n\n"
  "event: ping\ndata: {\"type\": \"ping\"}\n\n"
  "data: {\"t\":\"caf\xc3\xa9 \xf0\x9f\x92\xbc\"}\n\n"
  "data: {\"a\":\ndata: 1}\n\n"
  "id: 7\ndata:no-space\n\n"
  "data: [DONE]\n\n";

static const char *expected =
  "[-|{\"t\":\"Dear\"}|-]"
  "[ping|{\"type\": \"ping\"}|-]"
  "[-|{\"t\":\"caf\xc3\xa9 \xf0\x9f\x92\xbc\"}|-]"
  "[-|{\"a\":\n1}|-]"
  "[-|no-space|7]"
  "[-|[DONE]|7]";

static char *
replace_newlines (const char *s,
                  const char *nl)
{
  GString *out = g_string_new (NULL);

  for (; *s; s++)
    {
      if (*s == '\n')
        g_string_append (out, nl);
      else
        g_string_append_c (out, *s);
    }
  return g_string_free (out, FALSE);
}

static void
test_sse_every_split (void)
{
  const char *newlines[] = { "\n", "\r\n", "\r" };

  for (guint n = 0; n < G_N_ELEMENTS (newlines); n++)
    {
      g_autofree char *input = replace_newlines (stream_lf, newlines[n]);
      gsize len = strlen (input);

      /* Vectors (a)-(g): whole, 1-byte, every other chunk size, CRLF, CR. */
      for (gsize chunk = 1; chunk <= len; chunk++)
        {
          g_autofree char *got = parse_in_chunks (input, len, chunk, NULL);
          g_assert_cmpstr (got, ==, expected);
        }
    }
}

static void
test_sse_two_part_splits (void)
{
  g_autofree char *input = replace_newlines (stream_lf, "\r\n");
  gsize len = strlen (input);

  /* Every single split point, including inside CRLF and inside "é"/"💼". */
  for (gsize cut = 0; cut <= len; cut++)
    {
      Collector c = { g_string_new (NULL), 0, FALSE };
      g_autoptr(LancerSseParser) p = lancer_sse_parser_new (collect_cb, &c);
      g_autofree char *got = NULL;

      lancer_sse_parser_feed (p, (const guint8 *) input, cut);
      lancer_sse_parser_feed (p, (const guint8 *) input + cut, len - cut);
      lancer_sse_parser_finish (p);
      got = g_string_free (c.log, FALSE);
      g_assert_cmpstr (got, ==, expected);
    }
}

static void
test_sse_trailing_event_dropped (void)
{
  const char *input = "data: one\n\ndata: two";
  gboolean pending = FALSE;
  g_autofree char *got = parse_in_chunks (input, strlen (input), 3, &pending);

  /* Vector (h): a trailing event without its blank line is not dispatched. */
  g_assert_cmpstr (got, ==, "[-|one|-]");
  g_assert_true (pending);
}

static void
test_sse_fields (void)
{
  const char *input =
    "\xef\xbb\xbf" "event: message_start\r\ndata: {}\r\n\r\n"
    "retry: 1500\ndata: x\n\n"
    "data\n\n"
    "data:\ndata:\n\n"
    "unknown: field\n\n"
    "\n\n\n"
    "event: only-name\n\n";
  g_autofree char *got = NULL;

  for (gsize chunk = 1; chunk < 8; chunk++)
    {
      g_free (got);
      got = parse_in_chunks (input, strlen (input), chunk, NULL);
      g_assert_cmpstr (got, ==,
                       "[message_start|{}|-]"
                       "[-|x|-]"
                       "[-||-]"
                       "[-|\n|-]"
                       "[only-name||-]");
    }
}

static void
test_sse_stop_and_overflow (void)
{
  Collector c = { g_string_new (NULL), 0, TRUE };
  g_autoptr(LancerSseParser) p = lancer_sse_parser_new (collect_cb, &c);
  g_autoptr(LancerSseParser) q = NULL;
  const char *input = "data: a\n\ndata: [DONE]\n\ndata: after\n\n";
  g_autofree char *big = NULL;

  g_assert_false (lancer_sse_parser_feed (p, (const guint8 *) input, strlen (input)));
  g_assert_true (lancer_sse_parser_is_stopped (p));
  g_assert_cmpuint (c.n, ==, 2);
  g_string_free (c.log, TRUE);

  c.log = g_string_new (NULL);
  c.n = 0;
  q = lancer_sse_parser_new (collect_cb, &c);
  lancer_sse_parser_set_max_size (q, 1024);
  big = g_strnfill (4096, 'x');
  lancer_sse_parser_feed (q, (const guint8 *) "data: ", 6);
  g_assert_false (lancer_sse_parser_feed (q, (const guint8 *) big, 4096));
  g_assert_true (lancer_sse_parser_overflowed (q));
  g_assert_cmpuint (c.n, ==, 0);
  g_string_free (c.log, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ai/sse/every-chunk-size", test_sse_every_split);
  g_test_add_func ("/ai/sse/every-split-point", test_sse_two_part_splits);
  g_test_add_func ("/ai/sse/trailing-event", test_sse_trailing_event_dropped);
  g_test_add_func ("/ai/sse/fields", test_sse_fields);
  g_test_add_func ("/ai/sse/stop-and-overflow", test_sse_stop_and_overflow);

  return g_test_run ();
}
