/* bench-ai.c: ai.token_to_buffer
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From a token leaving an OpenAI-shaped SSE server on loopback to the same
 * token being in the proposal editor's GtkTextBuffer, p95 in milliseconds.
 * The server runs on its own thread and stamps every token with the
 * monotonic clock at the moment it writes it to the socket; the editor
 * streams through the real provider, service and widget.
 */
#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "lancer-proposal-editor.h"
#include "lancer-sandbox-data.h"
#include "lancer-secrets.h"

#define N_TOKENS 400
#define TOKEN_INTERVAL_MS 4
#define KEY "sk-bench-0001"

/* The server thread */

typedef struct
{
  SoupServerMessage *msg;
  GSource           *source;
  guint              sent;
} Stream;

static GMainContext *server_context;
static char *server_url;

static gboolean
stream_tick_cb (gpointer data)
{
  Stream *s = data;
  SoupMessageBody *body = soup_server_message_get_response_body (s->msg);
  g_autofree char *chunk = NULL;

  if (s->sent == N_TOKENS)
    {
      soup_message_body_append (body, SOUP_MEMORY_STATIC,
                                "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                                "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":400}}\n\n"
                                "data: [DONE]\n\n", strlen ("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                                "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":400}}\n\n"
                                "data: [DONE]\n\n"));
      soup_message_body_complete (body);
      soup_server_message_unpause (s->msg);
      g_object_unref (s->msg);
      g_free (s);
      return G_SOURCE_REMOVE;
    }

  /* The stamp is taken right before the write. */
  chunk = g_strdup_printf ("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"t%" G_GINT64_FORMAT " \"}}]}\n\n",
                           g_get_monotonic_time ());
  soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, strlen (chunk));
  soup_server_message_unpause (s->msg);
  s->sent++;
  return G_SOURCE_CONTINUE;
}

static void
chat_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  Stream *s = g_new0 (Stream, 1);

  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  s->msg = g_object_ref (msg);
  s->source = g_timeout_source_new (TOKEN_INTERVAL_MS);
  g_source_set_callback (s->source, stream_tick_cb, s, NULL);
  g_source_attach (s->source, server_context);
  g_source_unref (s->source);
}

static gpointer
server_thread (gpointer data)
{
  GMutex *mutex = data;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  server_context = g_main_context_new ();
  g_main_context_push_thread_default (server_context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, "/v1/chat/completions", chat_cb, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("%s", error->message);
  uris = soup_server_get_uris (server);
  {
    g_autofree char *base = g_uri_to_string (uris->data);
    server_url = g_strconcat (base, g_str_has_suffix (base, "/") ? "v1" : "/v1", NULL);
  }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_mutex_unlock (mutex);

  for (;;)
    g_main_context_iteration (server_context, TRUE);
  return NULL;
}

/* The app side */

static GArray *latencies;

static void
inserted_cb (GtkTextBuffer *buffer,
             GtkTextIter   *location,
             const char    *text,
             int            len,
             gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();
  const char *p = text;

  /* A delta may carry one or more stamped tokens. */
  while ((p = strchr (p, 't')) != NULL && p < text + len)
    {
      gint64 stamp = g_ascii_strtoll (p + 1, (char **) &p, 10);
      double ms = (now - stamp) / 1000.0;

      if (stamp > 0)
        g_array_append_val (latencies, ms);
    }
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
count_paint_cb (guint *n_paints)
{
  (*n_paints)++;
}

static gboolean
session_ready (LancerSession *session)
{
  return lancer_session_get_state (session) != LANCER_SESSION_OPENING;
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerProfileManager) manager = NULL;
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(LancerSession) session = NULL;
  g_autoptr(LancerSandboxData) data = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *exe = NULL;
  g_autofree char *schemas = NULL;
  LancerProposalEditor *editor;
  GtkWidget *window;
  GMutex mutex;
  guint n_paints = 0;
  double p95;

  /* Self-contained: throw-away data dirs and the build's compiled schemas. */
  tmp = g_dir_make_tmp ("lancer-bench-ai-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", tmp, TRUE);
  g_setenv ("XDG_CONFIG_HOME", tmp, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe != NULL && g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      schemas = g_build_filename (dir, "..", "data", NULL);
      g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
    }

  g_mutex_init (&mutex);
  g_mutex_lock (&mutex);
  g_thread_unref (g_thread_new ("bench-ai-server", server_thread, &mutex));
  g_mutex_lock (&mutex);
  g_mutex_unlock (&mutex);
  g_setenv ("LANCER_OPENAI_BASE_URL", server_url, TRUE);

  gtk_init ();
  adw_init ();

  manager = lancer_profile_manager_new (NULL);
  profile = lancer_profile_manager_create (manager, "Bench", FALSE, &error);
  g_assert_no_error (error);
  session = lancer_session_new (manager, profile);
  lancer_session_open (session);
  while (!session_ready (session))
    g_main_context_iteration (NULL, TRUE);
  if (lancer_session_get_state (session) != LANCER_SESSION_READY)
    g_error ("%s", lancer_session_get_error_message (session));
  if (!lancer_secrets_store_sync (lancer_profile_get_id (profile), LANCER_SECRET_OPENAI_API_KEY, KEY, NULL, &error))
    g_error ("%s", error->message);
  g_settings_set_boolean (lancer_session_get_settings (session), "ai-cloud-consent", TRUE);
  g_settings_set_double (lancer_session_get_settings (session), "ai-monthly-budget", 0);

  data = lancer_sandbox_data_new (1);
  jobs = lancer_sandbox_data_next_jobs (data, 1, g_get_real_time () / G_USEC_PER_SEC, 600);
  lancer_store_upsert_jobs_async (lancer_session_get_store (session), jobs, NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!lancer_store_upsert_jobs_finish (lancer_session_get_store (session), result, NULL, &error))
    g_error ("%s", error->message);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  editor = LANCER_PROPOSAL_EDITOR (lancer_proposal_editor_new (session, g_ptr_array_index (jobs, 0)));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  gtk_window_present (GTK_WINDOW (window));
  /* Measure tokens, not the window's first frames: the first paint
   * (renderer set-up, shader and glyph caches) can take hundreds of
   * milliseconds under a software renderer. */
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect_swapped (gtk_widget_get_frame_clock (window), "after-paint",
                            G_CALLBACK (count_paint_cb), &n_paints);
  while (n_paints < 3)
    {
      gtk_widget_queue_draw (window);
      g_main_context_iteration (NULL, TRUE);
    }

  latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect_after (lancer_proposal_editor_get_buffer (editor, 0), "insert-text",
                          G_CALLBACK (inserted_cb), NULL);
  lancer_proposal_editor_generate (editor);
  while (g_strcmp0 (lancer_proposal_editor_get_state (editor), "streaming") == 0)
    g_main_context_iteration (NULL, TRUE);
  if (latencies->len < N_TOKENS / 2)
    g_error ("only %u of %d tokens reached the editor (%s)", latencies->len, N_TOKENS,
             lancer_proposal_editor_get_state (editor));

  g_array_sort (latencies, compare_double);
  p95 = g_array_index (latencies, double, (guint) (latencies->len * 0.95));
  g_printerr ("p50 %.2f ms, max %.2f ms over %u tokens\n",
              g_array_index (latencies, double, latencies->len / 2),
              g_array_index (latencies, double, latencies->len - 1), latencies->len);
  g_print ("ai.token_to_buffer %.2f ms\n", p95);

  gtk_window_destroy (GTK_WINDOW (window));
  return EXIT_SUCCESS;
}
