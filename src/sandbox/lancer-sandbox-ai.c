/* lancer-sandbox-ai.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-sandbox-ai"

#include "config.h"

#include <string.h>

#include "lancer-sandbox-ai.h"

typedef enum { SHAPE_OPENAI, SHAPE_ANTHROPIC } Shape;

struct _LancerSandboxAi
{
  GObject                 parent_instance;
  SoupServer             *server;       /* weak */
  char                   *api_key;
  LancerSandboxAiFault    fault;
  guint                   fault_times;  /* 0: always */
  LancerSandboxAiSplit    split;
  LancerSandboxAiNewline  newline;
  gboolean                comments;
  gboolean                multiline;
  guint                   retry_after;
  guint                   slow_delay_ms;
  guint                   pace_ms;      /* between chunks of a normal reply */
  guint                   n_requests;
  JsonNode               *last_request;
  GPtrArray              *streams;      /* Stream*, live */
};

G_DEFINE_FINAL_TYPE (LancerSandboxAi, lancer_sandbox_ai, G_TYPE_OBJECT)

/* A response body written one chunk at a time from a timer, so each write
 * really reaches the socket on its own. */
typedef struct
{
  LancerSandboxAi   *owner;       /* weak via owner->streams */
  SoupServerMessage *msg;
  GPtrArray         *chunks;      /* GBytes* */
  guint              next;
  guint              stall_after; /* stop writing after this many chunks; G_MAXUINT: never */
  gboolean           complete;    /* complete the body after the last chunk */
  guint              delay_ms;
  GSource           *source;
  gulong             finished_id;
  gboolean           dead;        /* the message finished (or the client left) */
} Stream;

static void
stream_stop_source (Stream *s)
{
  if (s->source != NULL)
    {
      g_source_destroy (s->source);
      g_clear_pointer (&s->source, g_source_unref);
    }
}

static void
stream_free (Stream *s)
{
  stream_stop_source (s);
  if (s->finished_id)
    g_signal_handler_disconnect (s->msg, s->finished_id);
  g_clear_object (&s->msg);
  g_ptr_array_unref (s->chunks);
  g_free (s);
}

static void
stream_finished_cb (SoupServerMessage *msg,
                    gpointer           user_data)
{
  Stream *s = user_data;

  /* Freed with the sandbox; here just stop writing. */
  s->dead = TRUE;
  stream_stop_source (s);
}

static gboolean
stream_tick_cb (gpointer user_data)
{
  Stream *s = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (s->msg);

  if (s->dead)
    {
      g_clear_pointer (&s->source, g_source_unref);
      return G_SOURCE_REMOVE;
    }
  if (s->next >= s->stall_after)
    {
      /* Stalled: keep the connection open and say nothing. */
      g_clear_pointer (&s->source, g_source_unref);
      return G_SOURCE_REMOVE;
    }
  if (s->next < s->chunks->len)
    {
      GBytes *chunk = g_ptr_array_index (s->chunks, s->next++);
      soup_message_body_append_bytes (body, chunk);
      soup_server_message_unpause (s->msg);
      if (s->dead)
        {
          g_clear_pointer (&s->source, g_source_unref);
          return G_SOURCE_REMOVE;
        }
      if (s->next < s->chunks->len || s->complete)
        return G_SOURCE_CONTINUE;
    }
  g_clear_pointer (&s->source, g_source_unref);
  if (s->complete)
    {
      soup_message_body_complete (body);
      soup_server_message_unpause (s->msg);
    }
  return G_SOURCE_REMOVE;
}

static void
start_stream (LancerSandboxAi   *self,
              SoupServerMessage *msg,
              const char        *content_type,
              GPtrArray         *chunks,
              guint              stall_after,
              gboolean           complete,
              guint              delay_ms)
{
  Stream *s = g_new0 (Stream, 1);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  s->owner = self;
  s->msg = g_object_ref (msg);
  s->chunks = g_ptr_array_ref (chunks);
  s->stall_after = stall_after;
  s->complete = complete;
  s->delay_ms = delay_ms;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, content_type, NULL);
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  g_ptr_array_add (self->streams, s);
  s->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (stream_finished_cb), s);
  soup_server_message_pause (msg);
  /* The sandbox may run on a thread of its own: pace the stream on the
   * context the server dispatches on, not the global default one. */
  s->source = g_timeout_source_new (s->delay_ms);
  g_source_set_callback (s->source, stream_tick_cb, s, NULL);
  g_source_set_static_name (s->source, "[lancer-sandbox-ai-stream]");
  g_source_attach (s->source, g_main_context_get_thread_default ());
}

/* The demo AI */

/* Each around the job's title, then around its skills. */
static const char *openings[][2] = {
  { "Hello! 💼 Your post “", "” is the kind of work I do every week." },
  { "Hi there — I’d be glad to take on “", "”." },
  { "Good day! “", "” caught my eye: it is close to what I shipped last month." },
};

static const char *middles[][2] = {
  { "I have delivered ", " projects for clients who needed them done right the first time, with tests, clean "
    "hand-over notes and updates every few days." },
  { "Over the past years I have built ", " work end to end, from the first sketch to the release, and I keep "
    "clients in the loop with short written updates." },
  { "My recent work is mostly ", ": I plan in small milestones, show progress early and leave the code easy "
    "for your team to read." },
};

static const char *plans[] = {
  "Here’s how I would start: a 20-minute call to agree on the scope, then a first milestone within a week so you can see real progress early.",
  "I would begin by reviewing what you have, send you a short plan with estimates the next day, and deliver the first part within a week.",
  "First I would confirm the must-haves with you, then ship a working first version quickly and refine it together.",
};

/* The value after "@key: " on the first line that starts with it. */
static char *
prompt_field (const char *prompt,
              const char *key)
{
  g_auto(GStrv) lines = g_strsplit (prompt != NULL ? prompt : "", "\n", -1);
  g_autofree char *prefix = g_strconcat (key, ": ", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix) && lines[i][strlen (prefix)] != '\0')
      {
        g_autofree char *value = g_strstrip (g_strdup (lines[i] + strlen (prefix)));

        if (*value != '\0' && g_utf8_validate (value, -1, NULL))
          return g_steal_pointer (&value);
      }
  return NULL;
}

/* "React, TypeScript and Node.js" from the job's skills line. */
static char *
skills_phrase (const char *prompt)
{
  g_autofree char *skills = prompt_field (prompt, "Skills");
  g_auto(GStrv) parts = g_strsplit (skills != NULL ? skills : "", ",", 4);
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; parts[i] != NULL && n < 3; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      n++;
    }
  for (guint i = 0, k = 0; parts[i] != NULL && k < n; i++)
    {
      if (*parts[i] == '\0')
        continue;
      if (k > 0)
        g_string_append (out, k + 1 == n ? " and " : ", ");
      g_string_append (out, parts[i]);
      k++;
    }
  if (out->len == 0)
    g_string_append (out, "similar");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The first name of whoever spoke last in a "Conversation so far:" block
 * ("Priya Nair: ..." lines; "Me" is the freelancer), or NULL when the
 * prompt has no conversation. */
static char *
conversation_partner (const char *prompt)
{
  const char *block = prompt != NULL ? strstr (prompt, "Conversation so far:\n") : NULL;
  g_auto(GStrv) lines = NULL;
  char *partner = NULL;

  if (block == NULL)
    return NULL;
  lines = g_strsplit (block + strlen ("Conversation so far:\n"), "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      const char *colon = strstr (lines[i], ": ");
      g_autofree char *name = colon != NULL ? g_strndup (lines[i], colon - lines[i]) : NULL;

      if (name == NULL || g_str_equal (name, "Me") || !g_utf8_validate (name, -1, NULL))
        continue;
      g_free (partner);
      partner = g_strdup (name);
      *strchrnul (partner, ' ') = '\0';
    }
  return partner;
}

/* A short chat answer to the client who wrote last, for a suggested reply. */
static char *
compose_chat_reply (const char *prompt,
                    const char *partner)
{
  static const char *answers[] = {
    "Thanks for the update! That works for me. I will send it over today and keep you posted here on Upwork.",
    "Good question. Let me check the details and I will get back to you with a clear answer within the day.",
    "Sounds good. I will take care of it and share the result here as soon as it is ready.",
  };
  guint h = g_str_hash (prompt);

  return g_strdup_printf ("%s Hi %s,\n\n%s\n\n(This reply was suggested by the demo AI, not a real model.)",
                          LANCER_SANDBOX_AI_LABEL, partner, answers[h % G_N_ELEMENTS (answers)]);
}

/* A letter built from the job's title and skills, never the prompt's own
 * words: it reads like a reply, not an echo. Asked about a conversation,
 * a short answer to the client instead. */
char *
lancer_sandbox_ai_compose_reply (const char *prompt)
{
  guint h = g_str_hash (prompt ? prompt : "");
  g_autofree char *partner = conversation_partner (prompt);
  g_autofree char *title = prompt_field (prompt, "Title");
  g_autofree char *skills = skills_phrase (prompt);
  g_autofree char *name = prompt_field (prompt, "Name");
  g_autofree char *opening = NULL;
  g_autofree char *middle = NULL;

  if (partner != NULL)
    return compose_chat_reply (prompt, partner);
  opening = g_strconcat (openings[h % G_N_ELEMENTS (openings)][0], title != NULL ? title : "your project",
                         openings[h % G_N_ELEMENTS (openings)][1], NULL);
  middle = g_strconcat (middles[(h / 7) % G_N_ELEMENTS (middles)][0], skills,
                        middles[(h / 7) % G_N_ELEMENTS (middles)][1], NULL);
  return g_strdup_printf ("%s %s %s\n\n%s\n\nHappy to share two similar projects on request.\n\n"
                          "Best regards%s%s\n(This draft was written by the demo AI, not a real model.)",
                          LANCER_SANDBOX_AI_LABEL, opening, middle, plans[(h / 11) % G_N_ELEMENTS (plans)],
                          name != NULL ? ", " : "", name != NULL ? name : "");
}

char *
lancer_sandbox_ai_compose_analysis (const char *prompt)
{
  guint h = g_str_hash (prompt ? prompt : "");
  g_autofree char *title = prompt_field (prompt, "Title");
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *summary = g_strdup_printf ("%s “%s” reads as a well-scoped job from a client who knows what "
                                              "they want; check the budget against the work before you apply.",
                                              LANCER_SANDBOX_AI_LABEL, title != NULL ? title : "This post");

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "fit_score");
  json_builder_add_int_value (b, 40 + (h % 56));
  json_builder_set_member_name (b, "summary");
  json_builder_add_string_value (b, summary);
  json_builder_set_member_name (b, "red_flags");
  json_builder_begin_array (b);
  if (h % 3 == 0)
    json_builder_add_string_value (b, "Budget looks low for the scope (demo)");
  json_builder_end_array (b);
  json_builder_set_member_name (b, "questions");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "What does success look like for this project? (demo)");
  json_builder_add_string_value (b, "Is there a deadline? (demo)");
  json_builder_end_array (b);
  json_builder_set_member_name (b, "suggested_rate");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "amount");
  json_builder_add_int_value (b, 35 + (h % 50));
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, "USD");
  json_builder_set_member_name (b, "unit");
  json_builder_add_string_value (b, "hour");
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* Splits text into word-sized tokens, each keeping its leading space. */
static GPtrArray *
tokenize (const char *text)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  const char *start = text;
  const char *p = text;

  while (*p)
    {
      p = g_utf8_next_char (p);
      if (*p == ' ' || *p == '\0' || (p - start) >= 12)
        {
          g_ptr_array_add (tokens, g_strndup (start, p - start));
          start = p;
        }
    }
  return tokens;
}

static char *
node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

static char *
object_to_string (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  return node_to_string (root);
}

static void
add_event (GPtrArray  *events,
           const char *name,
           const char *json,
           gboolean    multiline)
{
  GString *ev = g_string_new (NULL);
  const char *cut = multiline ? strstr (json, ",\"") : NULL;

  if (name != NULL)
    g_string_append_printf (ev, "event: %s\n", name);
  if (cut != NULL)
    {
      /* Vector (g): one event over two data: lines; joined with '\n' it is
       * still the same JSON. */
      g_string_append (ev, "data: ");
      g_string_append_len (ev, json, cut - json + 1);
      g_string_append (ev, "\ndata: ");
      g_string_append (ev, cut + 1);
      g_string_append (ev, "\n\n");
    }
  else
    g_string_append_printf (ev, "data: %s\n\n", json);
  g_ptr_array_add (events, g_string_free (ev, FALSE));
}

static char *
openai_chunk (const char *model,
              const char *content,
              const char *finish,
              gboolean    role)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, "chatcmpl-demo1");
  json_builder_set_member_name (b, "object");
  json_builder_add_string_value (b, "chat.completion.chunk");
  json_builder_set_member_name (b, "created");
  json_builder_add_int_value (b, 1727346173);
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, model);
  json_builder_set_member_name (b, "choices");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "index");
  json_builder_add_int_value (b, 0);
  json_builder_set_member_name (b, "delta");
  json_builder_begin_object (b);
  if (role)
    {
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, "assistant");
    }
  if (content != NULL)
    {
      json_builder_set_member_name (b, "content");
      json_builder_add_string_value (b, content);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "finish_reason");
  if (finish)
    json_builder_add_string_value (b, finish);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return object_to_string (b);
}

static GPtrArray *
build_openai_events (LancerSandboxAi *self,
                     const char      *model,
                     GPtrArray       *tokens,
                     guint            prompt_tokens,
                     guint            cut_after,
                     gboolean         error_at_cut)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *first = openai_chunk (model, "", NULL, TRUE);
  g_autofree char *finish = NULL;
  g_autofree char *usage = NULL;

  add_event (events, NULL, first, FALSE);
  for (guint i = 0; i < tokens->len; i++)
    {
      g_autofree char *chunk = NULL;

      if (i == cut_after)
        {
          if (error_at_cut)
            add_event (events, NULL,
                       "{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}",
                       FALSE);
          return events;
        }
      chunk = openai_chunk (model, g_ptr_array_index (tokens, i), NULL, FALSE);
      add_event (events, NULL, chunk, self->multiline);
      if (self->comments && i % 2 == 0)
        g_ptr_array_add (events, g_strdup (": keep-alive\n\n"));
    }
  finish = openai_chunk (model, NULL, "stop", FALSE);
  add_event (events, NULL, finish, FALSE);
  usage = g_strdup_printf ("{\"id\":\"chatcmpl-demo1\",\"object\":\"chat.completion.chunk\",\"created\":1727346173,"
                           "\"model\":\"%s\",\"choices\":[],\"usage\":{\"prompt_tokens\":%u,\"completion_tokens\":%u,"
                           "\"total_tokens\":%u,\"prompt_tokens_details\":{\"cached_tokens\":0},"
                           "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}",
                           model, prompt_tokens, tokens->len, prompt_tokens + tokens->len);
  add_event (events, NULL, usage, FALSE);
  g_ptr_array_add (events, g_strdup ("data: [DONE]\n\n"));
  return events;
}

static GPtrArray *
build_anthropic_events (LancerSandboxAi *self,
                        const char      *model,
                        GPtrArray       *tokens,
                        guint            prompt_tokens,
                        gboolean         tool,
                        guint            cut_after,
                        gboolean         error_at_cut)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *start = NULL;
  g_autofree char *delta = NULL;

  start = g_strdup_printf ("{\"type\":\"message_start\",\"message\":{\"id\":\"msg_demo1\",\"type\":\"message\",\"role\":\"assistant\","
                           "\"content\":[],\"model\":\"%s\",\"stop_reason\":null,\"stop_sequence\":null,"
                           "\"usage\":{\"input_tokens\":%u,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":1}}}",
                           model, prompt_tokens);
  add_event (events, "message_start", start, FALSE);
  if (tool)
    add_event (events, "content_block_start",
               "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_demo1\",\"name\":\"record_job_analysis\",\"input\":{}}}",
               FALSE);
  else
    add_event (events, "content_block_start",
               "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
               FALSE);
  add_event (events, "ping", "{\"type\": \"ping\"}", FALSE);

  for (guint i = 0; i < tokens->len; i++)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autofree char *json = NULL;

      if (i == cut_after)
        {
          if (error_at_cut)
            add_event (events, "error",
                       "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}",
                       FALSE);
          return events;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "content_block_delta");
      json_builder_set_member_name (b, "index");
      json_builder_add_int_value (b, 0);
      json_builder_set_member_name (b, "delta");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, tool ? "input_json_delta" : "text_delta");
      json_builder_set_member_name (b, tool ? "partial_json" : "text");
      json_builder_add_string_value (b, g_ptr_array_index (tokens, i));
      json_builder_end_object (b);
      json_builder_end_object (b);
      json = object_to_string (b);
      add_event (events, "content_block_delta", json, self->multiline);
      if (self->comments && i % 2 == 0)
        {
          g_ptr_array_add (events, g_strdup (": keep-alive\n\n"));
          add_event (events, "ping", "{\"type\": \"ping\"}", FALSE);
        }
    }
  add_event (events, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}", FALSE);
  delta = g_strdup_printf ("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"%s\",\"stop_sequence\":null},"
                           "\"usage\":{\"output_tokens\":%u}}",
                           tool ? "tool_use" : "end_turn", tokens->len);
  add_event (events, "message_delta", delta, FALSE);
  add_event (events, "message_stop", "{\"type\":\"message_stop\"}", FALSE);
  return events;
}

/* Turns SSE events into the chunks to write, with the configured newlines
 * and split points. */
static GPtrArray *
frame_events (LancerSandboxAi *self,
              GPtrArray       *events)
{
  GPtrArray *chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  static const guint odd_sizes[] = { 1, 2, 3, 5, 7, 11, 4, 13 };
  guint k = 0;

  for (guint i = 0; i < events->len; i++)
    {
      const char *ev = g_ptr_array_index (events, i);
      g_autoptr(GString) framed = g_string_new (NULL);

      for (const char *p = ev; *p; p++)
        {
          if (*p != '\n')
            g_string_append_c (framed, *p);
          else if (self->newline == LANCER_SANDBOX_AI_NEWLINE_CRLF)
            g_string_append (framed, "\r\n");
          else if (self->newline == LANCER_SANDBOX_AI_NEWLINE_CR)
            g_string_append_c (framed, '\r');
          else
            g_string_append_c (framed, '\n');
        }

      switch (self->split)
        {
        case LANCER_SANDBOX_AI_SPLIT_BYTES:
          for (gsize j = 0; j < framed->len; j++)
            g_ptr_array_add (chunks, g_bytes_new (framed->str + j, 1));
          break;
        case LANCER_SANDBOX_AI_SPLIT_ODD:
          for (gsize j = 0; j < framed->len;)
            {
              gsize want = odd_sizes[k++ % G_N_ELEMENTS (odd_sizes)];
              gsize n = MIN (want, framed->len - j);
              g_ptr_array_add (chunks, g_bytes_new (framed->str + j, n));
              j += n;
            }
          break;
        case LANCER_SANDBOX_AI_SPLIT_EVENTS:
        default:
          g_ptr_array_add (chunks, g_bytes_new (framed->str, framed->len));
          break;
        }
    }
  return chunks;
}

/* Requests */

static void
send_json (SoupServerMessage *msg,
           guint              status,
           const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
send_error (LancerSandboxAi   *self,
            SoupServerMessage *msg,
            Shape              shape,
            guint              status,
            const char        *type,
            const char        *code,
            const char        *message)
{
  g_autofree char *body = NULL;

  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                shape == SHAPE_OPENAI ? "x-request-id" : "request-id", "req_demo_error");
  if (shape == SHAPE_ANTHROPIC)
    body = g_strdup_printf ("{\"type\":\"error\",\"error\":{\"type\":\"%s\",\"message\":\"%s\"%s},\"request_id\":\"req_demo_error\"}",
                            type, message,
                            code ? ",\"details\":{\"error_code\":\"enforced_spend_limit_reached\"}" : "");
  else if (code != NULL)
    body = g_strdup_printf ("{\"error\":{\"message\":\"%s\",\"type\":\"%s\",\"param\":null,\"code\":\"%s\"}}",
                            message, type, code);
  else
    body = g_strdup_printf ("{\"error\":{\"message\":\"%s\",\"type\":\"%s\",\"param\":null,\"code\":null}}",
                            message, type);
  send_json (msg, status, body);
}

static LancerSandboxAiFault
take_fault (LancerSandboxAi *self)
{
  LancerSandboxAiFault fault = self->fault;

  if (fault != LANCER_SANDBOX_AI_FAULT_NONE && self->fault_times > 0)
    {
      if (--self->fault_times == 0)
        self->fault = LANCER_SANDBOX_AI_FAULT_NONE;
    }
  return fault;
}

static const char *
str_member (JsonObject *obj,
            const char *name)
{
  JsonNode *n = obj ? json_object_get_member (obj, name) : NULL;
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static char *
last_user_message (JsonObject *req)
{
  JsonNode *msgs = json_object_get_member (req, "messages");
  const char *found = NULL;

  if (msgs == NULL || !JSON_NODE_HOLDS_ARRAY (msgs))
    return g_strdup ("");
  for (guint i = 0; i < json_array_get_length (json_node_get_array (msgs)); i++)
    {
      JsonNode *m = json_array_get_element (json_node_get_array (msgs), i);
      if (JSON_NODE_HOLDS_OBJECT (m) && g_strcmp0 (str_member (json_node_get_object (m), "role"), "user") == 0)
        found = str_member (json_node_get_object (m), "content");
    }
  return g_strdup (found ? found : "");
}

static gboolean
is_reasoning (const char *model)
{
  return model && (g_str_has_prefix (model, "o1") || g_str_has_prefix (model, "o3") ||
                   g_str_has_prefix (model, "o4") || g_str_has_prefix (model, "gpt-5"));
}

static void
handle_chat (LancerSandboxAi   *self,
             SoupServerMessage *msg,
             Shape              shape)
{
  SoupMessageHeaders *req_headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *req_body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) flat = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) chunks = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *answer = NULL;
  LancerSandboxAiFault fault;
  JsonObject *req;
  const char *model;
  const char *key;
  gboolean json_mode;
  guint cut = G_MAXUINT;

  self->n_requests++;
  if (soup_server_message_get_method (msg) != SOUP_METHOD_POST)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  /* Authentication, per shape. */
  if (shape == SHAPE_ANTHROPIC)
    key = soup_message_headers_get_one (req_headers, "x-api-key");
  else
    {
      key = soup_message_headers_get_one (req_headers, "Authorization");
      key = key && g_str_has_prefix (key, "Bearer ") ? key + 7 : NULL;
    }

  flat = soup_message_body_flatten (req_body);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (flat, NULL), g_bytes_get_size (flat), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      send_error (self, msg, shape, 400, "invalid_request_error", NULL, "The request body is not valid JSON.");
      return;
    }
  g_clear_pointer (&self->last_request, json_node_unref);
  self->last_request = json_node_copy (json_parser_get_root (parser));
  req = json_node_get_object (json_parser_get_root (parser));
  model = str_member (req, "model");

  fault = take_fault (self);
  if (fault == LANCER_SANDBOX_AI_FAULT_WRONG_KEY || key == NULL || *key == '\0' ||
      (self->api_key != NULL && g_strcmp0 (key, self->api_key) != 0))
    {
      if (shape == SHAPE_ANTHROPIC)
        send_error (self, msg, shape, 401, "authentication_error", NULL, "invalid x-api-key");
      else
        send_error (self, msg, shape, 401, "invalid_request_error", "invalid_api_key",
                    "Incorrect API key provided: sk-demo****. You can find your API key at https://platform.openai.com/account/api-keys.");
      return;
    }

  /* Provider rules, so client bugs show up in tests. */
  if (shape == SHAPE_ANTHROPIC)
    {
      if (!json_object_has_member (req, "max_tokens"))
        {
          send_error (self, msg, shape, 400, "invalid_request_error", NULL, "max_tokens: Field required");
          return;
        }
      if (soup_message_headers_get_one (req_headers, "anthropic-version") == NULL)
        {
          send_error (self, msg, shape, 400, "invalid_request_error", NULL, "anthropic-version: header is required");
          return;
        }
    }
  else if (is_reasoning (model))
    {
      if (json_object_has_member (req, "max_tokens"))
        {
          send_error (self, msg, shape, 400, "invalid_request_error", "unsupported_parameter",
                      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.");
          return;
        }
      if (json_object_has_member (req, "temperature") &&
          json_object_get_double_member (req, "temperature") != 1.0)
        {
          send_error (self, msg, shape, 400, "invalid_request_error", "unsupported_value",
                      "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.");
          return;
        }
    }

  switch (fault)
    {
    case LANCER_SANDBOX_AI_FAULT_RATE_LIMIT:
      {
        g_autofree char *ra = g_strdup_printf ("%u", self->retry_after);
        soup_message_headers_replace (soup_server_message_get_response_headers (msg), "retry-after", ra);
        if (shape == SHAPE_ANTHROPIC)
          send_error (self, msg, shape, 429, "rate_limit_error", NULL, "Number of request tokens has exceeded your per-minute rate limit");
        else
          send_error (self, msg, shape, 429, "requests", "rate_limit_exceeded",
                      "Rate limit reached for demo-model. Please try again in 1s.");
        return;
      }
    case LANCER_SANDBOX_AI_FAULT_QUOTA:
      if (shape == SHAPE_ANTHROPIC)
        send_error (self, msg, shape, 429, "rate_limit_error", "spend", "You have reached your specified workspace API usage limits.");
      else
        send_error (self, msg, shape, 429, "insufficient_quota", "insufficient_quota",
                    "You exceeded your current quota, please check your plan and billing details.");
      return;
    case LANCER_SANDBOX_AI_FAULT_OVERLOADED:
      if (shape == SHAPE_ANTHROPIC)
        send_error (self, msg, shape, 529, "overloaded_error", NULL, "Overloaded");
      else
        send_error (self, msg, shape, 503, "server_error", NULL, "The engine is currently overloaded, please try again later");
      return;
    case LANCER_SANDBOX_AI_FAULT_MODEL_NOT_FOUND:
      if (shape == SHAPE_ANTHROPIC)
        send_error (self, msg, shape, 404, "not_found_error", NULL, "model: not found");
      else
        send_error (self, msg, shape, 404, "invalid_request_error", "model_not_found",
                    "The model does not exist or you do not have access to it.");
      return;
    default:
      break;
    }

  json_mode = json_object_has_member (req, "response_format") || json_object_has_member (req, "tools");
  prompt = last_user_message (req);
  if (json_mode)
    {
      answer = lancer_sandbox_ai_compose_analysis (prompt);
      if (fault == LANCER_SANDBOX_AI_FAULT_BAD_JSON)
        answer[strlen (answer) / 2] = '\0';   /* cut in the middle: not JSON */
    }
  else
    answer = lancer_sandbox_ai_compose_reply (prompt);

  tokens = tokenize (answer);
  if (fault == LANCER_SANDBOX_AI_FAULT_ERROR_MID_STREAM ||
      fault == LANCER_SANDBOX_AI_FAULT_EOF_MID_STREAM ||
      fault == LANCER_SANDBOX_AI_FAULT_STALL)
    cut = MIN (3, tokens->len);

  if (shape == SHAPE_ANTHROPIC)
    events = build_anthropic_events (self, model ? model : "demo", tokens, strlen (prompt) / 4 + 1,
                                     json_object_has_member (req, "tools"),
                                     fault == LANCER_SANDBOX_AI_FAULT_STALL ? G_MAXUINT : cut,
                                     fault == LANCER_SANDBOX_AI_FAULT_ERROR_MID_STREAM);
  else
    events = build_openai_events (self, model ? model : "demo", tokens, strlen (prompt) / 4 + 1,
                                  fault == LANCER_SANDBOX_AI_FAULT_STALL ? G_MAXUINT : cut,
                                  fault == LANCER_SANDBOX_AI_FAULT_ERROR_MID_STREAM);

  if (fault == LANCER_SANDBOX_AI_FAULT_STALL)
    {
      /* Send the opening events, then nothing. Stall on an event boundary. */
      g_autoptr(GPtrArray) head = g_ptr_array_new ();
      LancerSandboxAiSplit split = self->split;
      guint n_events = MIN (cut + 2, events->len);

      for (guint i = 0; i < n_events; i++)
        g_ptr_array_add (head, g_ptr_array_index (events, i));
      self->split = LANCER_SANDBOX_AI_SPLIT_EVENTS;
      chunks = frame_events (self, head);
      self->split = split;
      start_stream (self, msg, "text/event-stream", chunks, chunks->len, FALSE, 0);
      return;
    }

  chunks = frame_events (self, events);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                shape == SHAPE_OPENAI ? "x-request-id" : "request-id", "req_demo_0001");
  start_stream (self, msg, "text/event-stream", chunks, G_MAXUINT, TRUE,
                fault == LANCER_SANDBOX_AI_FAULT_SLOW ? self->slow_delay_ms : self->pace_ms);
}

static void
openai_chat_cb (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  handle_chat (user_data, msg, SHAPE_OPENAI);
}

static void
anthropic_messages_cb (SoupServer        *server,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query,
                       gpointer           user_data)
{
  handle_chat (user_data, msg, SHAPE_ANTHROPIC);
}

static void
models_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  LancerSandboxAi *self = user_data;
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  const char *auth = soup_message_headers_get_one (h, "Authorization");
  const char *xkey = soup_message_headers_get_one (h, "x-api-key");
  const char *key = xkey;

  if (key == NULL && auth != NULL && g_str_has_prefix (auth, "Bearer "))
    key = auth + 7;

  self->n_requests++;
  /* Checks the key like the chat routes, so "Test" in Preferences tells a
   * wrong key from a right one; a lenient sandbox (no key set) takes any. */
  if (key == NULL || *key == '\0' || self->fault == LANCER_SANDBOX_AI_FAULT_WRONG_KEY ||
      (self->api_key != NULL && g_strcmp0 (key, self->api_key) != 0))
    {
      send_error (self, msg, xkey ? SHAPE_ANTHROPIC : SHAPE_OPENAI, 401,
                  xkey ? "authentication_error" : "invalid_request_error",
                  xkey ? NULL : "invalid_api_key", "Incorrect API key provided.");
      return;
    }
  send_json (msg, 200,
             "{\"object\":\"list\",\"data\":["
             "{\"id\":\"demo-gpt-4.1-mini\",\"object\":\"model\",\"type\":\"model\",\"display_name\":\"Demo AI (OpenAI-shaped)\"},"
             "{\"id\":\"demo-claude-haiku\",\"object\":\"model\",\"type\":\"model\",\"display_name\":\"Demo AI (Anthropic-shaped)\"}]}");
}

static void
tags_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  LancerSandboxAi *self = user_data;

  self->n_requests++;
  send_json (msg, 200, "{\"models\":[{\"name\":\"demo-llama:latest\",\"model\":\"demo-llama:latest\",\"size\":1}]}");
}

static void
health_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  send_json (msg, 200, "{\"status\":\"ok\"}");
}

static const struct {
  const char        *path;
  SoupServerCallback callback;
} routes[] = {
  { "/v1/chat/completions", openai_chat_cb },
  { "/v1/messages", anthropic_messages_cb },
  { "/v1/models", models_cb },
  { "/api/tags", tags_cb },
  { "/health", health_cb },
};

void
lancer_sandbox_ai_attach (LancerSandboxAi *self,
                          SoupServer      *server)
{
  g_return_if_fail (LANCER_IS_SANDBOX_AI (self));
  g_return_if_fail (SOUP_IS_SERVER (server));
  g_return_if_fail (self->server == NULL);

  g_set_weak_pointer (&self->server, server);
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    soup_server_add_handler (server, routes[i].path, routes[i].callback, self, NULL);
}

void
lancer_sandbox_ai_set_api_key (LancerSandboxAi *self,
                               const char      *api_key)
{
  g_return_if_fail (LANCER_IS_SANDBOX_AI (self));
  g_free (self->api_key);
  self->api_key = g_strdup (api_key);
}

void
lancer_sandbox_ai_set_fault (LancerSandboxAi      *self,
                             LancerSandboxAiFault  fault,
                             guint                 times)
{
  g_return_if_fail (LANCER_IS_SANDBOX_AI (self));
  self->fault = fault;
  self->fault_times = times;
}

void
lancer_sandbox_ai_set_framing (LancerSandboxAi        *self,
                               LancerSandboxAiSplit    split,
                               LancerSandboxAiNewline  newline,
                               gboolean                comments,
                               gboolean                multiline_data)
{
  g_return_if_fail (LANCER_IS_SANDBOX_AI (self));
  self->split = split;
  self->newline = newline;
  self->comments = comments;
  self->multiline = multiline_data;
}

void
lancer_sandbox_ai_set_retry_after (LancerSandboxAi *self,
                                   guint            seconds)
{
  g_return_if_fail (LANCER_IS_SANDBOX_AI (self));
  self->retry_after = seconds;
}

void
lancer_sandbox_ai_set_pace (LancerSandboxAi *self,
                            guint            ms)
{
  g_return_if_fail (LANCER_IS_SANDBOX_AI (self));
  self->pace_ms = ms;
}

void
lancer_sandbox_ai_set_slow_delay (LancerSandboxAi *self,
                                  guint            ms)
{
  g_return_if_fail (LANCER_IS_SANDBOX_AI (self));
  self->slow_delay_ms = ms;
}

guint
lancer_sandbox_ai_get_n_requests (LancerSandboxAi *self)
{
  g_return_val_if_fail (LANCER_IS_SANDBOX_AI (self), 0);
  return self->n_requests;
}

JsonNode *
lancer_sandbox_ai_dup_last_request (LancerSandboxAi *self)
{
  g_return_val_if_fail (LANCER_IS_SANDBOX_AI (self), NULL);
  return self->last_request ? json_node_copy (self->last_request) : NULL;
}

static void
lancer_sandbox_ai_dispose (GObject *object)
{
  LancerSandboxAi *self = (LancerSandboxAi *) object;

  if (self->server != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
        soup_server_remove_handler (self->server, routes[i].path);
      g_clear_weak_pointer (&self->server);
    }
  if (self->streams != NULL)
    g_ptr_array_set_size (self->streams, 0);
  G_OBJECT_CLASS (lancer_sandbox_ai_parent_class)->dispose (object);
}

static void
lancer_sandbox_ai_finalize (GObject *object)
{
  LancerSandboxAi *self = (LancerSandboxAi *) object;

  g_clear_pointer (&self->streams, g_ptr_array_unref);
  g_clear_pointer (&self->last_request, json_node_unref);
  g_free (self->api_key);
  G_OBJECT_CLASS (lancer_sandbox_ai_parent_class)->finalize (object);
}

static void
lancer_sandbox_ai_class_init (LancerSandboxAiClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lancer_sandbox_ai_dispose;
  object_class->finalize = lancer_sandbox_ai_finalize;
}

static void
lancer_sandbox_ai_init (LancerSandboxAi *self)
{
  self->streams = g_ptr_array_new_with_free_func ((GDestroyNotify) stream_free);
  self->retry_after = 1;
  self->slow_delay_ms = 20;
}

LancerSandboxAi *
lancer_sandbox_ai_new (void)
{
  return g_object_new (LANCER_TYPE_SANDBOX_AI, NULL);
}
