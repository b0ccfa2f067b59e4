/* test-store-pipeline.c: the store queries behind Proposals, Messages and
 * the Work Diary, over a real profile.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lancer-store-diary.h"
#include "lancer-store-messages.h"
#include "lancer-store-pipeline.h"
#include "lancer-story-list-model.h"
#include "store-test-util.h"
#include "pipeline-fixture.h"

#define BIG_THREAD 600

typedef struct
{
  LancerProfileManager *manager;
  LancerProfile        *profile;
  LancerStore          *store;
  char                 *week_start;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  PipelineFixture pf = { 0 };

  f->manager = store_test_manager (NULL);
  f->profile = lancer_profile_manager_create (f->manager, "Pipeline", FALSE, &error);
  g_assert_no_error (error);
  f->store = store_test_open (f->profile, &error);
  g_assert_no_error (error);
  f->week_start = lancer_diary_week_start (now);

  pf.n_big_stories = BIG_THREAD;
  pf.now = g_get_real_time () / G_USEC_PER_SEC;
  pf.week_start = f->week_start;
  store_test_run (f->store, TRUE, pipeline_fixture_worker, &pf, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->store != NULL)
    store_test_close (&f->store);
  g_clear_object (&f->profile);
  g_clear_object (&f->manager);
  g_free (f->week_start);
}

/* ---- proposals ---- */

static GPtrArray *
list_proposals (LancerStore                *store,
                const LancerProposalFilter *filter)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *list;

  lancer_store_list_proposals_async (store, filter, NULL, store_test_result_cb, &result);
  list = lancer_store_list_proposals_finish (store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static void
test_stage_mapping (void)
{
  static const struct { const char *status; LancerProposalStage stage; } cases[] = {
    { "draft", LANCER_PROPOSAL_STAGE_DRAFT },
    { "Pending", LANCER_PROPOSAL_STAGE_SENT },
    { "Accepted", LANCER_PROPOSAL_STAGE_SENT },
    { "viewed", LANCER_PROPOSAL_STAGE_VIEWED },
    { "replied", LANCER_PROPOSAL_STAGE_REPLIED },
    { "Activated", LANCER_PROPOSAL_STAGE_INTERVIEW },
    { "Offered", LANCER_PROPOSAL_STAGE_OFFER },
    { "Hired", LANCER_PROPOSAL_STAGE_HIRED },
    { "Declined", LANCER_PROPOSAL_STAGE_DECLINED },
    { "Withdrawn", LANCER_PROPOSAL_STAGE_WITHDRAWN },
    { "Archived", LANCER_PROPOSAL_STAGE_ARCHIVED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LancerProposalStage stage = lancer_proposal_stage_from_status (cases[i].status);

      g_assert_cmpint (stage, ==, cases[i].stage);
      g_assert_nonnull (lancer_proposal_stage_to_string (stage));
      g_assert_nonnull (lancer_proposal_stage_get_label (stage));
    }
}

static void
test_proposals (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) detail_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(GPtrArray) variant_b = NULL;
  g_autoptr(GPtrArray) text = NULL;
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(LancerProposalDetail) detail = NULL;
  g_autofree guint *counts = NULL;
  LancerProposalFilter filter;
  guint total = 0;

  lancer_proposal_filter_init (&filter);
  all = list_proposals (f->store, &filter);
  g_assert_cmpuint (all->len, ==, 12);
  /* Newest update first. */
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (lancer_proposal_get_updated_at (all->pdata[i - 1]), >=,
                     lancer_proposal_get_updated_at (all->pdata[i]));

  lancer_store_count_proposal_stages_async (f->store, NULL, store_test_result_cb, &result);
  counts = lancer_store_count_proposal_stages_finish (f->store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts[LANCER_PROPOSAL_STAGE_DRAFT], ==, 1);
  g_assert_cmpuint (counts[LANCER_PROPOSAL_STAGE_SENT], ==, 3);
  g_assert_cmpuint (counts[LANCER_PROPOSAL_STAGE_INTERVIEW], ==, 1);
  g_assert_cmpuint (counts[LANCER_PROPOSAL_STAGE_HIRED], ==, 1);
  for (guint i = 0; i < LANCER_PROPOSAL_N_STAGES; i++)
    total += counts[i];
  g_assert_cmpuint (total, ==, all->len);

  /* Filters: stage, variant, text (inside the encrypted letter), date. */
  filter.stage = LANCER_PROPOSAL_STAGE_SENT;
  sent = list_proposals (f->store, &filter);
  g_assert_cmpuint (sent->len, ==, 3);
  for (guint i = 0; i < sent->len; i++)
    g_assert_cmpint (lancer_proposal_get_stage (sent->pdata[i]), ==, LANCER_PROPOSAL_STAGE_SENT);

  lancer_proposal_filter_init (&filter);
  filter.variant_id = 2;
  variant_b = list_proposals (f->store, &filter);
  g_assert_cmpuint (variant_b->len, >, 0);
  g_assert_cmpuint (variant_b->len, <, all->len);
  for (guint i = 0; i < variant_b->len; i++)
    g_assert_cmpint (lancer_proposal_get_variant_id (variant_b->pdata[i]), ==, 2);

  lancer_proposal_filter_init (&filter);
  filter.text = "WebSocket";
  text = list_proposals (f->store, &filter);
  g_assert_cmpuint (text->len, ==, 1);
  g_assert_cmpstr (lancer_proposal_get_job_title (text->pdata[0]), ==, "Build a WebSocket chat backend");

  lancer_proposal_filter_init (&filter);
  filter.since = g_get_real_time () / G_USEC_PER_SEC - 7 * 86400;
  recent = list_proposals (f->store, &filter);
  g_assert_cmpuint (recent->len, >, 0);
  g_assert_cmpuint (recent->len, <, all->len);
  for (guint i = 0; i < recent->len; i++)
    g_assert_cmpint (lancer_proposal_get_updated_at (recent->pdata[i]), >=, filter.since);

  /* The timeline of proposal 5 (replied): created, sent, replied, in order. */
  lancer_store_get_proposal_detail_async (f->store, 5, NULL, store_test_result_cb, &detail_result);
  detail = lancer_store_get_proposal_detail_finish (f->store, store_test_wait (&detail_result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (detail);
  g_assert_nonnull (detail->cover_letter);
  g_assert_nonnull (strstr (detail->cover_letter, "PostgreSQL query tuning"));
  g_assert_cmpuint (detail->events->len, >=, 2);
  for (guint i = 1; i < detail->events->len; i++)
    g_assert_cmpint (((LancerProposalEvent *) detail->events->pdata[i - 1])->at, <=,
                     ((LancerProposalEvent *) detail->events->pdata[i])->at);
  g_assert_cmpstr (((LancerProposalEvent *) detail->events->pdata[detail->events->len - 1])->status, ==, "replied");
  g_assert_cmpstr (lancer_proposal_get_room_id (detail->proposal), ==, "room-1");
}

/* ---- messages ---- */

static GPtrArray *
list_rooms (LancerStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rooms;

  lancer_store_list_rooms_async (store, NULL, store_test_result_cb, &result);
  rooms = lancer_store_list_rooms_finish (store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  return rooms;
}

static LancerRoom *
find_room (GPtrArray  *rooms,
           const char *id)
{
  for (guint i = 0; i < rooms->len; i++)
    if (g_strcmp0 (lancer_room_get_id ((LancerRoom *) rooms->pdata[i]), id) == 0)
      return rooms->pdata[i];
  g_assert_not_reached ();
  return NULL;
}

static void
test_rooms (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) rooms = list_rooms (f->store);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LancerRoom *room;

  g_assert_cmpuint (rooms->len, ==, 5);
  /* Most recent activity first. */
  for (guint i = 1; i < rooms->len; i++)
    g_assert_cmpint (lancer_room_get_last_activity_at ((LancerRoom *) rooms->pdata[i - 1]), >=,
                     lancer_room_get_last_activity_at ((LancerRoom *) rooms->pdata[i]));
  room = find_room (rooms, "room-1");
  g_assert_cmpuint (lancer_room_get_unread (room), ==, 2);
  g_assert_true (lancer_room_get_has_last_story (room));
  /* The last story is an attachment without text. */
  g_assert_null (lancer_room_get_last_body (room));
  g_assert_cmpuint (lancer_room_get_unread (find_room (rooms, "room-2")), ==, 0);

  lancer_store_mark_room_read_async (f->store, "room-1", NULL, store_test_result_cb, &result);
  g_assert_true (lancer_store_mark_room_read_finish (f->store, store_test_wait (&result), &error));
  g_assert_no_error (error);
  after = list_rooms (f->store);
  g_assert_cmpuint (lancer_room_get_unread (find_room (after, "room-1")), ==, 0);
}

static gint64
enqueue (LancerStore *store,
         const char  *room_id,
         const char  *body)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  lancer_store_outbox_enqueue_async (store, room_id, body, NULL, store_test_result_cb, &result);
  id = lancer_store_outbox_enqueue_finish (store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GPtrArray *
outbox (LancerStore *store,
        const char  *room_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  lancer_store_outbox_list_async (store, room_id, NULL, store_test_result_cb, &result);
  items = lancer_store_outbox_list_finish (store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

static void
test_outbox_restart (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  gint64 id = enqueue (f->store, "room-2", "Two weeks works for me.");
  LancerStory *story;

  /* Close the profile, as quitting does, and open it with a new store. */
  store_test_close (&f->store);
  f->store = store_test_open (f->profile, &error);
  g_assert_no_error (error);

  items = outbox (f->store, "room-2");
  g_assert_cmpuint (items->len, ==, 1);
  story = items->pdata[0];
  g_assert_cmpint (lancer_story_get_outbox_id (story), ==, id);
  g_assert_cmpstr (lancer_story_get_state (story), ==, "pending");
  g_assert_cmpstr (lancer_story_get_body (story), ==, "Two weeks works for me.");
  rooms = list_rooms (f->store);
  g_assert_cmpuint (lancer_room_get_n_outbox_waiting (find_room (rooms, "room-2")), ==, 1);
  g_assert_cmpuint (lancer_room_get_n_outbox_failed (find_room (rooms, "room-2")), ==, 0);
  /* Other rooms' outboxes are not mixed in. */
  g_clear_pointer (&items, g_ptr_array_unref);
  items = outbox (f->store, "room-3");
  g_assert_cmpuint (items->len, ==, 0);
}

static void
test_outbox_failed_retry (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) retry_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  gint64 id = enqueue (f->store, "room-3", "Here is the plan.");
  LancerStory *story;

  lancer_store_outbox_fail_async (f->store, id, "Upwork refused the message (HTTP 503)", NULL,
                                  store_test_result_cb, &result);
  g_assert_true (lancer_store_outbox_fail_finish (f->store, store_test_wait (&result), &error));
  g_assert_no_error (error);
  items = outbox (f->store, "room-3");
  g_assert_cmpuint (items->len, ==, 1);
  story = items->pdata[0];
  g_assert_cmpstr (lancer_story_get_state (story), ==, "failed");
  g_assert_cmpstr (lancer_story_get_last_error (story), ==, "Upwork refused the message (HTTP 503)");
  g_assert_cmpuint (lancer_story_get_attempts (story), ==, 1);
  rooms = list_rooms (f->store);
  g_assert_cmpuint (lancer_room_get_n_outbox_failed (find_room (rooms, "room-3")), ==, 1);

  /* A failed message survives a restart too, then Retry queues it again.
   * (The finished task holds the store: drop it first.) */
  g_clear_object (&result);
  store_test_close (&f->store);
  f->store = store_test_open (f->profile, &error);
  g_assert_no_error (error);
  lancer_store_outbox_retry_async (f->store, id, NULL, store_test_result_cb, &retry_result);
  g_assert_true (lancer_store_outbox_retry_finish (f->store, store_test_wait (&retry_result), &error));
  g_assert_no_error (error);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = outbox (f->store, "room-3");
  g_assert_cmpuint (items->len, ==, 1);
  story = items->pdata[0];
  g_assert_cmpstr (lancer_story_get_state (story), ==, "pending");
  g_assert_null (lancer_story_get_last_error (story));
  g_assert_cmpstr (lancer_story_get_body (story), ==, "Here is the plan.");
}

static gboolean
model_idle (gpointer data)
{
  return !lancer_story_list_model_get_loading (data) && g_list_model_get_n_items (data) > 0;
}

typedef struct
{
  GListModel *model;
  guint       position;
} ItemWait;

static gboolean
item_loaded (gpointer data)
{
  ItemWait *w = data;
  g_autoptr(LancerStory) story = g_list_model_get_item (w->model, w->position);

  return lancer_story_get_loaded (story);
}

static void
test_thread_lazy (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LancerStoryListModel) model = lancer_story_list_model_new (f->store, FIXTURE_BIG_ROOM, 50);
  ItemWait newest = { G_LIST_MODEL (model), 0 };
  ItemWait oldest = { G_LIST_MODEL (model), 0 };
  guint n, fetched;

  g_assert_true (lancer_test_iterate_until (model_idle, model, 30));
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, BIG_THREAD);

  /* Asking for the newest story reads its page only. */
  newest.position = n - 1;
  g_assert_true (lancer_test_iterate_until (item_loaded, &newest, 30));
  fetched = lancer_story_list_model_get_n_fetched (model);
  g_assert_cmpuint (fetched, >, 0);
  g_assert_cmpuint (fetched, <=, 100);

  /* The oldest one, when scrolled to, loads its own page: still far from all. */
  g_assert_true (lancer_test_iterate_until (item_loaded, &oldest, 30));
  g_assert_cmpuint (lancer_story_list_model_get_n_fetched (model), >, fetched);
  g_assert_cmpuint (lancer_story_list_model_get_n_fetched (model), <=, 200);
}

/* A thread lists the room's stored messages, then the user's own one that
 * still waits to be sent, read in the same reload. */
static void
test_thread_outbox (Fixture       *f,
                    gconstpointer  data)
{
  gint64 id = enqueue (f->store, FIXTURE_BIG_ROOM, "I can start on Monday.");
  g_autoptr(LancerStoryListModel) model = lancer_story_list_model_new (f->store, FIXTURE_BIG_ROOM, 50);
  ItemWait newest_stored = { G_LIST_MODEL (model), BIG_THREAD - 1 };
  g_autoptr(LancerStory) waiting = NULL;

  g_assert_true (lancer_test_iterate_until (model_idle, model, 30));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, BIG_THREAD + 1);
  g_assert_true (lancer_test_iterate_until (item_loaded, &newest_stored, 30));
  waiting = g_list_model_get_item (G_LIST_MODEL (model), BIG_THREAD);
  g_assert_cmpint (lancer_story_get_outbox_id (waiting), ==, id);
  g_assert_cmpstr (lancer_story_get_state (waiting), ==, "pending");
  g_assert_cmpstr (lancer_story_get_body (waiting), ==, "I can start on Monday.");
}

/* ---- diary ---- */

static void
test_week_math (void)
{
  g_autoptr(GDateTime) wed = g_date_time_new_local (2026, 4, 1, 12, 0, 0);      /* a Wednesday */
  g_autoptr(GDateTime) sun = g_date_time_new_local (2026, 4, 5, 23, 30, 0);     /* the Sunday after */
  g_autoptr(GDateTime) mon = g_date_time_new_local (2026, 3, 30, 0, 0, 0);
  g_autoptr(GDateTime) new_year = g_date_time_new_local (2027, 1, 1, 9, 0, 0);  /* a Friday */
  g_autofree char *a = lancer_diary_week_start (wed);
  g_autofree char *b = lancer_diary_week_start (sun);
  g_autofree char *c = lancer_diary_week_start (mon);
  g_autofree char *d = lancer_diary_week_start (new_year);
  g_autofree char *next = lancer_diary_week_shift (a, 1);
  g_autofree char *prev = lancer_diary_week_shift (a, -1);
  g_autofree char *far = lancer_diary_week_shift (a, -52);

  g_assert_cmpstr (a, ==, "2026-03-30");
  g_assert_cmpstr (b, ==, "2026-03-30");
  g_assert_cmpstr (c, ==, "2026-03-30");
  g_assert_cmpstr (d, ==, "2026-12-28");
  g_assert_cmpstr (next, ==, "2026-04-06");
  g_assert_cmpstr (prev, ==, "2026-03-23");
  g_assert_cmpstr (far, ==, "2025-03-31");
}

static void
test_reminder_rule (void)
{
  /* A week that is over with under a quarter of the limit. */
  g_assert_true (lancer_diary_week_is_far_below (60, 20.0, 7));
  /* A quarter or more is fine. */
  g_assert_false (lancer_diary_week_is_far_below (5 * 60, 20.0, 7));
  g_assert_false (lancer_diary_week_is_far_below (25 * 60, 30.0, 7));
  /* From the fifth day on, a short week counts. */
  g_assert_true (lancer_diary_week_is_far_below (0, 20.0, 5));
  g_assert_false (lancer_diary_week_is_far_below (0, 20.0, 4));
  /* Early in the week nothing is far below yet. */
  g_assert_false (lancer_diary_week_is_far_below (0, 20.0, 1));
  /* No limit: no reminder. */
  g_assert_false (lancer_diary_week_is_far_below (0, 0.0, 7));
}

static void
test_diary (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) week_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contracts = NULL;
  g_autoptr(GPtrArray) days = NULL;
  g_autofree char *last_week = lancer_diary_week_shift (f->week_start, -1);
  guint sum = 0;

  lancer_store_list_contracts_async (f->store, last_week, NULL, store_test_result_cb, &result);
  contracts = lancer_store_list_contracts_finish (f->store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contracts->len, ==, 3);
  for (guint i = 0; i < contracts->len; i++)
    {
      LancerContract *c = contracts->pdata[i];

      if (g_strcmp0 (lancer_contract_get_id (c), "c-1") == 0)
        {
          g_assert_true (lancer_contract_get_hourly (c));
          g_assert_cmpuint (lancer_contract_get_week_minutes (c), ==, 1500);
          g_assert_cmpuint (lancer_contract_get_total_minutes (c), ==, 3000);
          g_assert_cmpfloat_with_epsilon (lancer_contract_get_paid (c), 2250.0, 0.001);
        }
      else if (g_strcmp0 (lancer_contract_get_id (c), "c-2") == 0)
        g_assert_cmpuint (lancer_contract_get_week_minutes (c), ==, 60);
      else
        {
          g_assert_cmpstr (lancer_contract_get_id (c), ==, "c-3");
          g_assert_false (lancer_contract_get_hourly (c));
          g_assert_cmpfloat_with_epsilon (lancer_contract_get_paid (c), 450.0, 0.001);
        }
    }

  lancer_store_get_diary_week_async (f->store, "c-1", last_week, NULL, store_test_result_cb, &week_result);
  days = lancer_store_get_diary_week_finish (f->store, store_test_wait (&week_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (days->len, ==, 7);
  g_assert_cmpstr (((LancerDiaryDay *) days->pdata[0])->day, ==, last_week);
  g_assert_cmpstr (((LancerDiaryDay *) days->pdata[0])->memo, ==, "Data model and migrations");
  g_assert_cmpuint (((LancerDiaryDay *) days->pdata[6])->minutes, ==, 0);
  for (guint i = 0; i < days->len; i++)
    sum += ((LancerDiaryDay *) days->pdata[i])->minutes;
  g_assert_cmpuint (sum, ==, 1500);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/pipeline/stage-mapping", test_stage_mapping);
  g_test_add ("/store/pipeline/proposals", Fixture, NULL, fixture_setup, test_proposals, fixture_teardown);
  g_test_add ("/store/pipeline/rooms", Fixture, NULL, fixture_setup, test_rooms, fixture_teardown);
  g_test_add ("/store/pipeline/outbox-restart", Fixture, NULL, fixture_setup, test_outbox_restart, fixture_teardown);
  g_test_add ("/store/pipeline/outbox-failed-retry", Fixture, NULL, fixture_setup, test_outbox_failed_retry,
              fixture_teardown);
  g_test_add ("/store/pipeline/thread-lazy", Fixture, NULL, fixture_setup, test_thread_lazy, fixture_teardown);
  g_test_add ("/store/pipeline/thread-outbox", Fixture, NULL, fixture_setup, test_thread_outbox, fixture_teardown);
  g_test_add_func ("/store/pipeline/week-math", test_week_math);
  g_test_add_func ("/store/pipeline/reminder-rule", test_reminder_rule);
  g_test_add ("/store/pipeline/diary", Fixture, NULL, fixture_setup, test_diary, fixture_teardown);

  return g_test_run ();
}
