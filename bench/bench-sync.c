/* bench-sync.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sync.jobs_per_s: 5,000 jobs fetched from the sandbox in pages of 50 with
 * the sync's own query (the sandbox, like Upwork, answers with the fields
 * asked for), then timed from JSON to SQLite the way LancerSync takes
 * them: each page parsed, read into jobs and freed on a worker thread (as
 * lancer_upwork_client_query_read_async() does), then written in one
 * transaction per page by the store's worker while the next page is
 * parsed (at most WRITES_AHEAD pages wait to be written, as in the sync).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "lancer-profile-manager.h"
#include "lancer-sandbox.h"
#include "lancer-upwork-client.h"
#include "lancer-store.h"
#include "lancer-upwork-parse.h"

#define N_JOBS 5000
#define PAGE   50
#define WRITES_AHEAD 2

static guint writes_pending;
static GError *write_error;

static void
parse_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GBytes *page = task_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *jobs;
  GError *error = NULL;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (page, NULL), g_bytes_get_size (page), &error) ||
      (jobs = lancer_upwork_parse_jobs (json_parser_get_root (parser), NULL, &error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, jobs, (GDestroyNotify) g_ptr_array_unref);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError *error = NULL;

  if (!lancer_store_upsert_jobs_finish (LANCER_STORE (source), result, NULL, &error) && write_error == NULL)
    write_error = error;
  writes_pending--;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerSandbox) sandbox = lancer_sandbox_new (3, N_JOBS);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(LancerProfileManager) manager = NULL;
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(LancerStore) store = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("lancer-bench-sync-XXXXXX", NULL);
  g_autofree char *graphql = NULL;
  guint n_jobs = 0;
  gint64 start, elapsed;

  lancer_sandbox_set_lenient (sandbox, TRUE);
  if (!lancer_sandbox_start (sandbox, 0, &error))
    g_error ("%s", error->message);
  graphql = lancer_sandbox_dup_graphql_url (sandbox);

  for (guint offset = 0; offset < N_JOBS; offset += PAGE)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) request = NULL;
      g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, graphql);
      g_autoptr(GBytes) body = NULL;
      g_autofree char *after = g_strdup_printf ("%u", offset);
      char *text;
      GBytes *reply;

      /* the sync's own query: the sandbox answers with the fields it asks for */
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "query");
      json_builder_add_string_value (b, lancer_upwork_get_query ("search"));
      json_builder_set_member_name (b, "variables");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "filter");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "pagination_eq");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "first");
      json_builder_add_int_value (b, PAGE);
      json_builder_set_member_name (b, "after");
      json_builder_add_string_value (b, after);
      json_builder_end_object (b);
      json_builder_end_object (b);
      json_builder_end_object (b);
      json_builder_end_object (b);
      request = json_builder_get_root (b);
      text = json_to_string (request, FALSE);
      body = g_bytes_new_take (text, strlen (text));
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", "Bearer bench");
      soup_message_set_request_body_from_bytes (msg, "application/json", body);
      reply = soup_session_send_and_read (session, msg, NULL, &error);
      if (reply == NULL)
        g_error ("%s", error->message);
      g_ptr_array_add (pages, reply);
    }

  g_setenv ("XDG_DATA_HOME", tmp, TRUE);
  manager = lancer_profile_manager_new (tmp);
  profile = g_object_ref (lancer_profile_manager_create (manager, "Bench", FALSE, &error));
  if (profile == NULL)
    g_error ("%s", error->message);
  lancer_store_open_async (profile, NULL, store_result, &opened);
  store = lancer_store_open_finish (wait_result (&opened), &error);
  if (store == NULL)
    g_error ("%s", error->message);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < pages->len; i++)
    {
      g_autoptr(GTask) parse = NULL;
      g_autoptr(GAsyncResult) parsed = NULL;
      g_autoptr(GPtrArray) jobs = NULL;

      parse = g_task_new (NULL, NULL, store_result, &parsed);
      g_task_set_task_data (parse, g_bytes_ref (g_ptr_array_index (pages, i)), (GDestroyNotify) g_bytes_unref);
      g_task_run_in_thread (parse, parse_in_thread);
      jobs = g_task_propagate_pointer (G_TASK (wait_result (&parsed)), &error);
      if (jobs == NULL)
        g_error ("%s", error->message);
      while (writes_pending >= WRITES_AHEAD)
        g_main_context_iteration (NULL, TRUE);
      writes_pending++;
      lancer_store_upsert_jobs_async (store, jobs, NULL, written_cb, NULL);
      n_jobs += jobs->len;
    }
  while (writes_pending > 0)
    g_main_context_iteration (NULL, TRUE);
  if (write_error != NULL)
    g_error ("%s", write_error->message);
  elapsed = g_get_monotonic_time () - start;

  g_print ("sync.jobs_per_s %.0f jobs/s\n", n_jobs / (elapsed / (double) G_USEC_PER_SEC));
  lancer_sandbox_stop (sandbox);
  g_clear_object (&store);
  return 0;
}
