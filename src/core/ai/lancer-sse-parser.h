/* lancer-sse-parser.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A byte-level Server-Sent Events parser (WHATWG rules, as the OpenAI and
 * Anthropic SDKs implement them). Feed it whatever the socket hands over:
 * chunks may split lines, fields and UTF-8 characters anywhere. Lines end in
 * CRLF, LF or a lone CR; ':' starts a comment; several data: lines are joined
 * with '\n'; a trailing event without its blank line is never dispatched. */

typedef struct _LancerSseParser LancerSseParser;

typedef struct
{
  const char *event;     /* the event: field, or NULL when absent */
  const char *data;      /* data lines joined by '\n'; NUL-terminated, never NULL */
  gsize       data_len;
  const char *id;        /* last event id seen on the stream, or NULL */
  gint64      retry_ms;  /* the retry: field of this event, or -1 */
} LancerSseEvent;

/* Return FALSE to stop parsing; the rest of the current feed is dropped and
 * every later feed is ignored. */
typedef gboolean (*LancerSseEventFunc) (const LancerSseEvent *event,
                                        gpointer              user_data);

#define LANCER_SSE_DEFAULT_MAX_EVENT_SIZE (16u * 1024u * 1024u)

LancerSseParser *lancer_sse_parser_new          (LancerSseEventFunc  func,
                                                 gpointer            user_data);
void             lancer_sse_parser_free         (LancerSseParser    *parser);
/* Events larger than this (line or data) put the parser in its error state. */
void             lancer_sse_parser_set_max_size (LancerSseParser    *parser,
                                                 gsize               max_size);
/* Returns FALSE when the parser stopped (callback asked, or size limit hit). */
gboolean         lancer_sse_parser_feed         (LancerSseParser    *parser,
                                                 const guint8       *data,
                                                 gsize               len);
/* End of stream. Returns TRUE if an incomplete event (or line) was pending
 * and has been dropped, as the spec asks. */
gboolean         lancer_sse_parser_finish       (LancerSseParser    *parser);
gboolean         lancer_sse_parser_is_stopped   (LancerSseParser    *parser);
gboolean         lancer_sse_parser_overflowed   (LancerSseParser    *parser);
guint64          lancer_sse_parser_get_n_events (LancerSseParser    *parser);

/* TRUE for the OpenAI end marker `data: [DONE]`. */
gboolean         lancer_sse_event_is_done       (const LancerSseEvent *event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerSseParser, lancer_sse_parser_free)

G_END_DECLS
