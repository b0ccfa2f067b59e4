/* test-job-feed-model.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LancerJobFeedModel, the Jobs page's list: what the user sees in which
 * order, how the list view is told about changes (::items-changed
 * positions), typed words, local filters, saved-only, sorts and paging.
 * Jobs come from marketplaceJobPostingsSearch answers in Upwork's shape,
 * read by the sync's own parser.
 */
#include "config.h"

#include "lancer-upwork-parse.h"
#include "store-test-util.h"

/* One job posting as marketplaceJobPostingsSearch returns it (see
 * upwork-api.md 4.2): fixed jobs carry amount, hourly ones the budget range. */
typedef struct
{
  const char *id;
  const char *title;
  const char *description;
  const char *published;      /* publishedDateTime */
  double      amount;         /* fixed price; 0: hourly */
  double      hourly_min, hourly_max;
  const char *skills;         /* prettyName, comma separated */
  const char *experience;     /* ENTRY_LEVEL, INTERMEDIATE, EXPERT */
  int         applicants;
  double      client_spent;
  const char *verification;   /* "VERIFIED" or NULL */
  double      client_feedback;
  int         client_hires, client_posted;
  const char *country;        /* full name, or a 3-letter code as Upwork sometimes sends */
} Posting;

/* Newest last; each fixture stores these six. */
static const Posting postings[] = {
  { "1973763184780620813", "AI Chatbot Bug Fix for Lead Capture",
    "Overview: We need a skilled AI developer to fix our Python chatbot that drops leads.",
    "2026-11-30T14:53:09+0000", 30.0, 0, 0, "Python,Chatbot", "INTERMEDIATE", 3,
    23420.42, "VERIFIED", 4.99, 272, 298, "United Kingdom" },
  { "1974000000000000002", "GTK4 desktop app in C for Linux",
    "Port our settings tool to GTK 4 with libadwaita; it is written in plain C.",
    "2026-12-01T09:10:00+0000", 0, 35.0, 60.0, "GTK,C,Linux", "EXPERT", 8,
    5400.0, "VERIFIED", 4.7, 12, 20, "Germany" },
  { "1974000000000000003", "C++ Qt developer for CAD plugin",
    "Our CAD plugin is built with Qt 6; we need someone to fix rendering bugs.",
    "2026-12-02T11:00:00+0000", 1500.0, 0, 0, "C++,Qt", "ENTRY_LEVEL", 22,
    0.0, NULL, 0.0, 0, 1, "India" },
  { "1974000000000000004", "Rust backend for a GTK front end",
    "An Axum service behind our GNOME app: sync, accounts, billing.",
    "2026-12-03T08:00:00+0000", 0, 50.0, 90.0, "Rust,GTK", "EXPERT", 15,
    120000.5, "VERIFIED", 4.95, 88, 95, "United States" },
  { "1974000000000000005", "Logo design for a bakery",
    "A friendly logo for our family bakery, delivered as SVG.",
    "2026-12-03T12:00:00+0000", 150.0, 0, 0, "Logo Design,Illustrator", "ENTRY_LEVEL", 40,
    800.0, "VERIFIED", 5.0, 4, 6, "Canada" },
  { "1974000000000000006", "Go microservice with gRPC",
    "Write a small Go service exposing a gRPC API for our invoicing.",
    "2026-12-04T07:30:00+0000", 0, 40.0, 70.0, "Go,gRPC", "INTERMEDIATE", 5,
    15000.0, "VERIFIED", 4.8, 30, 41, "GBR" },
};

/* Indices into postings[] */
enum { CHATBOT, GTK_C, CPP_QT, RUST_GTK, LOGO, GO_GRPC };

static void
add_money (JsonBuilder *b,
           const char  *member,
           double       value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "rawValue");
  json_builder_add_string_value (b, g_ascii_formatd (buf, sizeof buf, "%.2f", value));
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, "USD");
  json_builder_end_object (b);
}

static void
add_posting (JsonBuilder   *b,
             const Posting *p)
{
  g_auto(GStrv) skills = g_strsplit (p->skills, ",", -1);
  g_autofree char *ciphertext = g_strconcat ("~02", p->id, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "cursor");
  json_builder_add_string_value (b, p->id);
  json_builder_set_member_name (b, "node");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, p->id);
  json_builder_set_member_name (b, "ciphertext");
  json_builder_add_string_value (b, ciphertext);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, p->title);
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, p->description);
  json_builder_set_member_name (b, "createdDateTime");
  json_builder_add_string_value (b, p->published);
  json_builder_set_member_name (b, "publishedDateTime");
  json_builder_add_string_value (b, p->published);
  json_builder_set_member_name (b, "experienceLevel");
  json_builder_add_string_value (b, p->experience);
  json_builder_set_member_name (b, "totalApplicants");
  json_builder_add_int_value (b, p->applicants);
  json_builder_set_member_name (b, "freelancersToHire");
  json_builder_add_int_value (b, 1);
  add_money (b, "amount", p->amount);
  if (p->amount > 0)
    {
      json_builder_set_member_name (b, "hourlyBudgetMin");
      json_builder_add_null_value (b);
      json_builder_set_member_name (b, "hourlyBudgetMax");
      json_builder_add_null_value (b);
    }
  else
    {
      json_builder_set_member_name (b, "hourlyBudgetType");
      json_builder_add_string_value (b, "DEFAULT");
      add_money (b, "hourlyBudgetMin", p->hourly_min);
      add_money (b, "hourlyBudgetMax", p->hourly_max);
    }
  json_builder_set_member_name (b, "skills");
  json_builder_begin_array (b);
  for (guint i = 0; skills[i] != NULL; i++)
    {
      g_autofree char *name = g_ascii_strdown (skills[i], -1);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, name);
      json_builder_set_member_name (b, "prettyName");
      json_builder_add_string_value (b, skills[i]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "client");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "totalHires");
  json_builder_add_int_value (b, p->client_hires);
  json_builder_set_member_name (b, "totalPostedJobs");
  json_builder_add_int_value (b, p->client_posted);
  add_money (b, "totalSpent", p->client_spent);
  json_builder_set_member_name (b, "verificationStatus");
  if (p->verification != NULL)
    json_builder_add_string_value (b, p->verification);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "totalReviews");
  json_builder_add_int_value (b, p->client_feedback > 0 ? p->client_hires : 0);
  json_builder_set_member_name (b, "totalFeedback");
  json_builder_add_double_value (b, p->client_feedback);
  json_builder_set_member_name (b, "location");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "country");
  json_builder_add_string_value (b, p->country);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

/* The postings as the sync reads them from one search answer. */
static GPtrArray *
parse_postings (const Posting *list,
                guint          n)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *jobs;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "data");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "marketplaceJobPostingsSearch");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "totalCount");
  json_builder_add_int_value (b, n);
  json_builder_set_member_name (b, "edges");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    add_posting (b, &list[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "pageInfo");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "hasNextPage");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  jobs = lancer_upwork_parse_jobs (root, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, n);
  return jobs;
}

static void
store_postings (LancerStore   *store,
                const Posting *list,
                guint          n)
{
  g_autoptr(GPtrArray) jobs = parse_postings (list, n);
  g_autoptr(GError) error = NULL;

  g_assert_true (store_test_upsert (store, jobs, NULL, &error));
  g_assert_no_error (error);
}

/* A copy of the list as a list view knows it: built only from
 * ::items-changed, so it matches the model only if every signal says
 * exactly which rows changed. */
typedef struct
{
  gboolean   blind;      /* do not read rows (reading loads their pages) */
  GPtrArray *ids;        /* job ids; NULL for a placeholder row */
  GArray    *signals;    /* guint triples: position, removed, added */
  guint      loads_done; /* times :loading went back to FALSE */
} Mirror;

static void
mirror_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Mirror     *mirror)
{
  guint triple[3] = { position, removed, added };

  g_assert_cmpuint (position + removed, <=, mirror->ids->len);
  g_ptr_array_remove_range (mirror->ids, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(LancerJob) job = mirror->blind ? NULL : g_list_model_get_item (model, position + i);

      g_assert_true (job != NULL || mirror->blind);
      g_ptr_array_insert (mirror->ids, position + i,
                          job != NULL && lancer_job_get_loaded (job) ? g_strdup (lancer_job_get_id (job)) : NULL);
    }
  g_array_append_vals (mirror->signals, triple, 3);
  g_assert_cmpuint (mirror->ids->len, ==, g_list_model_get_n_items (model));
}

static void
mirror_loading_cb (LancerJobFeedModel *model,
                   GParamSpec         *pspec,
                   Mirror             *mirror)
{
  if (!lancer_job_feed_model_get_loading (model))
    mirror->loads_done++;
}

typedef struct
{
  LancerProfileManager *manager;
  LancerProfile        *profile;
  LancerStore          *store;
  LancerJobFeedModel   *model;
  Mirror                mirror;
} Fixture;

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->manager = store_test_manager (NULL);
  f->profile = lancer_profile_manager_create (f->manager, "Feed", FALSE, &error);
  g_assert_no_error (error);
  f->store = store_test_open (f->profile, &error);
  g_assert_no_error (error);
  store_postings (f->store, postings, G_N_ELEMENTS (postings));
  f->mirror.ids = g_ptr_array_new_with_free_func (g_free);
  f->mirror.signals = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->model != NULL)
    {
      gpointer weak = f->model;

      /* Loads in flight hold the model until their answers arrive. */
      g_signal_handlers_disconnect_by_data (f->model, &f->mirror);
      g_object_add_weak_pointer (weak, &weak);
      g_clear_object (&f->model);
      g_assert_true (lancer_test_iterate_until (pointer_is_null, &weak, 30));
    }
  store_test_close (&f->store);
  g_clear_object (&f->profile);
  g_clear_object (&f->manager);
  g_ptr_array_unref (f->mirror.ids);
  g_array_unref (f->mirror.signals);
}

static gboolean
loads_done_reached (gpointer data)
{
  gpointer *args = data;

  return ((Mirror *) args[0])->loads_done >= GPOINTER_TO_UINT (args[1]);
}

/* Waits until the model has finished @n more loads than it had at @before. */
static void
wait_loaded (Fixture *f,
             guint    before)
{
  gpointer args[2] = { &f->mirror, GUINT_TO_POINTER (before + 1) };

  g_assert_true (lancer_test_iterate_until (loads_done_reached, args, 30));
  g_assert_false (lancer_job_feed_model_get_loading (f->model));
}

static void
open_model (Fixture *f)
{
  f->model = lancer_job_feed_model_new (f->store);
  g_signal_connect (f->model, "items-changed", G_CALLBACK (mirror_items_changed_cb), &f->mirror);
  g_signal_connect (f->model, "notify::loading", G_CALLBACK (mirror_loading_cb), &f->mirror);
  wait_loaded (f, 0);
}

/* Sets the search and waits for its answer. */
static void
search (Fixture    *f,
        const char *words)
{
  guint before = f->mirror.loads_done;

  lancer_job_feed_model_set_search (f->model, words);
  wait_loaded (f, before);
}

static void
set_view (Fixture             *f,
          const LancerJobView *view)
{
  guint before = f->mirror.loads_done;

  lancer_job_feed_model_set_view (f->model, view);
  wait_loaded (f, before);
}

/* The model's rows, and the mirror built from its signals, are exactly
 * these postings in this order, every row with its data. */
static void
assert_rows (Fixture   *f,
             const int *expected,
             guint      n)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, n);
  g_assert_cmpuint (f->mirror.ids->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LancerJob) job = g_list_model_get_item (G_LIST_MODEL (f->model), i);

      g_assert_true (lancer_job_get_loaded (job));
      g_assert_cmpstr (lancer_job_get_title (job), ==, postings[expected[i]].title);
      g_assert_cmpstr (g_ptr_array_index (f->mirror.ids, i), ==, postings[expected[i]].id);
    }
}

static void
assert_last_signal (Fixture *f,
                    guint    position,
                    guint    removed,
                    guint    added)
{
  guint n = f->mirror.signals->len;

  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpuint (g_array_index (f->mirror.signals, guint, n - 3), ==, position);
  g_assert_cmpuint (g_array_index (f->mirror.signals, guint, n - 2), ==, removed);
  g_assert_cmpuint (g_array_index (f->mirror.signals, guint, n - 1), ==, added);
}

static void
test_newest_first (Fixture       *f,
                   gconstpointer  data)
{
  static const int newest_first[] = { GO_GRPC, LOGO, RUST_GTK, CPP_QT, GTK_C, CHATBOT };
  g_autoptr(LancerJob) top = NULL;

  open_model (f);
  assert_rows (f, newest_first, G_N_ELEMENTS (newest_first));
  /* A handful of jobs arrive in one announcement, with their data. */
  g_assert_cmpuint (f->mirror.signals->len, ==, 3);
  assert_last_signal (f, 0, 0, 6);

  /* What the row shows, as the parser read it from Upwork's answer. */
  top = g_list_model_get_item (G_LIST_MODEL (f->model), 0);
  g_assert_cmpstr (lancer_job_get_client_country (top), ==, "United Kingdom");
  g_assert_cmpint (lancer_job_get_job_type (top), ==, LANCER_JOB_TYPE_HOURLY);
  g_assert_cmpfloat_with_epsilon (lancer_job_get_hourly_max (top), 70.0, 1e-9);
  g_assert_cmpstr (lancer_job_get_url (top), ==, "https://www.upwork.com/jobs/~021974000000000000006");
}

static void
test_store_changes (Fixture       *f,
                    gconstpointer  data)
{
  static const Posting newer = {
    "1975000000000000007", "Flutter app for a gym", "Booking and payments in a Flutter app.",
    "2026-12-05T06:00:00+0000", 2000.0, 0, 0, "Flutter,Dart", "INTERMEDIATE", 9,
    3000.0, "VERIFIED", 4.6, 10, 12, "Australia" };
  static const Posting older = {
    "1970000000000000008", "Translate a website into Ukrainian", "About 4,000 words, marketing copy.",
    "2026-11-01T10:00:00+0000", 120.0, 0, 0, "Ukrainian,Translation", "ENTRY_LEVEL", 30,
    150.0, "VERIFIED", 4.2, 3, 5, "Poland" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  guint before;
  int at;

  open_model (f);

  /* A sync brings a newer job: one row appears at the top, nothing else moves. */
  before = f->mirror.loads_done;
  store_postings (f->store, &newer, 1);
  wait_loaded (f, before);
  assert_last_signal (f, 0, 0, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 7);

  /* An older one goes to the end. */
  before = f->mirror.loads_done;
  store_postings (f->store, &older, 1);
  wait_loaded (f, before);
  assert_last_signal (f, 7, 0, 1);
  g_assert_cmpstr (g_ptr_array_index (f->mirror.ids, 7), ==, older.id);

  /* Hiding a job takes its row out at once; the store's reload agrees
   * and announces nothing more. */
  at = lancer_job_feed_model_find (f->model, postings[CPP_QT].id);
  g_assert_cmpint (at, ==, 4);
  lancer_store_set_job_flag_async (f->store, postings[CPP_QT].id, LANCER_JOB_FLAG_HIDDEN, TRUE, NULL,
                                   store_test_result_cb, &result);
  g_assert_true (lancer_store_set_job_flag_finish (f->store, store_test_wait (&result), &error));
  g_assert_no_error (error);
  before = f->mirror.loads_done;
  lancer_job_feed_model_remove (f->model, (guint) at);
  assert_last_signal (f, 4, 1, 0);
  wait_loaded (f, before);
  assert_last_signal (f, 4, 1, 0);
  g_assert_cmpint (lancer_job_feed_model_find (f->model, postings[CPP_QT].id), ==, -1);
  g_assert_cmpuint (f->mirror.ids->len, ==, 7);
  for (guint i = 0; i < f->mirror.ids->len; i++)
    {
      g_autoptr(LancerJob) job = g_list_model_get_item (G_LIST_MODEL (f->model), i);

      g_assert_cmpstr (g_ptr_array_index (f->mirror.ids, i), ==, lancer_job_get_id (job));
    }
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  static const int gtk[] = { RUST_GTK, GTK_C };
  static const int cpp[] = { CPP_QT, GTK_C };   /* "C++" and "C" both hold the word "c" */
  static const int grpc[] = { GO_GRPC };
  static const int all[] = { GO_GRPC, LOGO, RUST_GTK, CPP_QT, GTK_C, CHATBOT };
  static const int none[] = { 0 };

  open_model (f);

  /* Typed letter by letter: "gt" is a whole word (none), "gtk" a prefix (GTK4 too). */
  search (f, "gt");
  assert_rows (f, none, 0);
  search (f, "gtk");
  assert_rows (f, gtk, G_N_ELEMENTS (gtk));
  search (f, "GTK front");
  assert_rows (f, gtk, 1);
  search (f, "c++");
  assert_rows (f, cpp, G_N_ELEMENTS (cpp));
  /* Earlier words match as prefixes too, not only the last one. */
  search (f, "micro grp");
  assert_rows (f, grpc, G_N_ELEMENTS (grpc));
  /* Skills count: "Logo Design" is a skill of the bakery job. */
  search (f, "illustr");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 1);
  /* FTS5 syntax typed by a user is plain text, never an error (a failing
   * query would log a warning, which fails this test). */
  {
    static const char * const odd[] = {
      "\"", "\"gtk", "gtk\"", "AND", "OR gtk", "NOT", "-", "-gtk", "*", "gtk*", "^go", "(", "rust)",
      "title:rust", "NEAR(rust gtk)", "'; DROP TABLE jobs; --", "c#", ".net", "ü", "日本語", "\t \n",
    };

    for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
      search (f, odd[i]);
  }
  search (f, "-");
  assert_rows (f, all, G_N_ELEMENTS (all));
  search (f, "\"gtk");
  assert_rows (f, gtk, G_N_ELEMENTS (gtk));
  search (f, "");
  assert_rows (f, all, G_N_ELEMENTS (all));
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  static const int big_verified[] = { GO_GRPC, RUST_GTK, CHATBOT };
  static const int uk[] = { GO_GRPC, CHATBOT };
  static const int few_proposals[] = { GO_GRPC, GTK_C, CHATBOT };
  static const int expert[] = { RUST_GTK, GTK_C };
  static const int rate[] = { GO_GRPC, LOGO, RUST_GTK, CPP_QT, CHATBOT };
  static const int saved[] = { LOGO };
  static const int by_budget[] = { RUST_GTK, GO_GRPC, GTK_C, CPP_QT, LOGO, CHATBOT };
  g_autoptr(LancerJobFilter) filter = lancer_job_filter_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LancerJobView view = { .filter = filter };

  open_model (f);

  /* Clients who spent $10,000 or more with a verified payment method. */
  filter->min_client_spent = 10000;
  filter->verified_only = TRUE;
  set_view (f, &view);
  assert_rows (f, big_verified, G_N_ELEMENTS (big_verified));

  /* Upwork sends some countries as codes: GBR is the United Kingdom. */
  lancer_job_filter_free (g_steal_pointer (&filter));
  filter = lancer_job_filter_new_from_json ("{\"countries_in\": [\"united kingdom\"]}");
  view.filter = filter;
  set_view (f, &view);
  assert_rows (f, uk, G_N_ELEMENTS (uk));

  lancer_job_filter_free (g_steal_pointer (&filter));
  filter = lancer_job_filter_new_from_json ("{\"max_proposals\": 10}");
  view.filter = filter;
  set_view (f, &view);
  assert_rows (f, few_proposals, G_N_ELEMENTS (few_proposals));

  lancer_job_filter_free (g_steal_pointer (&filter));
  filter = lancer_job_filter_new_from_json ("{\"experience\": [\"EXPERT\"]}");
  view.filter = filter;
  set_view (f, &view);
  assert_rows (f, expert, G_N_ELEMENTS (expert));

  /* A rate floor applies to hourly jobs (top of the range), not fixed ones. */
  lancer_job_filter_free (g_steal_pointer (&filter));
  filter = lancer_job_filter_new_from_json ("{\"rate_floor\": 65}");
  view.filter = filter;
  set_view (f, &view);
  assert_rows (f, rate, G_N_ELEMENTS (rate));

  /* Saved jobs only. */
  lancer_store_set_job_flag_async (f->store, postings[LOGO].id, LANCER_JOB_FLAG_SAVED, TRUE, NULL,
                                   store_test_result_cb, &result);
  g_assert_true (lancer_store_set_job_flag_finish (f->store, store_test_wait (&result), &error));
  g_assert_no_error (error);
  view = (LancerJobView) { .saved_only = TRUE };
  set_view (f, &view);
  assert_rows (f, saved, G_N_ELEMENTS (saved));

  /* Best paid first: a fixed budget, or the top hourly rate for 40 hours. */
  view = (LancerJobView) { .sort = LANCER_JOB_FEED_SORT_BUDGET };
  set_view (f, &view);
  assert_rows (f, by_budget, G_N_ELEMENTS (by_budget));
}

static gboolean
item_loaded (gpointer data)
{
  gpointer *args = data;
  g_autoptr(LancerJob) job = g_list_model_get_item (args[0], GPOINTER_TO_UINT (args[1]));

  return lancer_job_get_loaded (job);
}

/* 700 jobs: the top rows come with the list, rows far down load by page
 * when the list view asks for them, and the announcement covers that page. */
static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  g_autofree Posting *many = g_new0 (Posting, 700);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 10, 1, 0, 0, 0);
  g_autoptr(LancerJob) placeholder = NULL;
  g_autoptr(LancerJob) far = NULL;
  g_autoptr(LancerJob) top = NULL;
  gpointer args[2];
  guint n_signals;

  for (guint i = 0; i < 700; i++)
    {
      g_autoptr(GDateTime) at = g_date_time_add_minutes (start, (int) i * 17);
      char *id = g_strdup_printf ("19800000000%08u", i);
      char *title = g_strdup_printf ("Shopify store fixes, batch %u", i);
      char *published = g_date_time_format (at, "%Y-%m-%dT%H:%M:%S+0000");

      g_ptr_array_add (strings, id);
      g_ptr_array_add (strings, title);
      g_ptr_array_add (strings, published);
      many[i] = postings[i % G_N_ELEMENTS (postings)];
      many[i].id = id;
      many[i].title = title;
      many[i].published = published;
    }
  store_postings (f->store, many, 700);

  /* Like a list view, read only the rows on screen. */
  f->mirror.blind = TRUE;
  open_model (f);
  f->mirror.blind = FALSE;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 706);
  g_assert_cmpuint (f->mirror.ids->len, ==, 706);
  /* The six postings (December) are newer than every batch job (October). */
  top = g_list_model_get_item (G_LIST_MODEL (f->model), 6);
  g_assert_true (lancer_job_get_loaded (top));
  g_assert_cmpstr (lancer_job_get_title (top), ==, "Shopify store fixes, batch 699");

  /* Row 650 (page 10: rows 640–703) is a placeholder until its page arrives. */
  n_signals = f->mirror.signals->len;
  placeholder = g_list_model_get_item (G_LIST_MODEL (f->model), 650);
  g_assert_false (lancer_job_get_loaded (placeholder));
  args[0] = f->model;
  args[1] = GUINT_TO_POINTER (650);
  g_assert_true (lancer_test_iterate_until (item_loaded, args, 30));
  g_assert_cmpuint (f->mirror.signals->len, ==, n_signals + 3);
  assert_last_signal (f, 640, 64, 64);
  far = g_list_model_get_item (G_LIST_MODEL (f->model), 650);
  g_assert_cmpstr (lancer_job_get_title (far), ==, "Shopify store fixes, batch 55");
  g_assert_cmpstr (g_ptr_array_index (f->mirror.ids, 650), ==, lancer_job_get_id (far));
}

/* The command line and the app find the same jobs for the same words. */
static void
test_same_jobs_as_cli (void)
{
  static const char * const words[] = {
    "gtk", "GTK front", "c++", "go", "gr", "pyth", "logo design", "\"gtk", "AND", "-", "*", "rust)",
    "NEAR(rust gtk)", "'; DROP TABLE jobs; --", "",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = g_dir_make_tmp ("lancer-feed-cli-XXXXXX", &error);
  g_autofree char *root = NULL;
  g_autofree char *cli = g_build_filename (g_getenv ("LANCER_BUILD_DIR"), "src", "app", "lancer-cli", NULL);
  g_autoptr(GPtrArray) app_answers = g_ptr_array_new_with_free_func (g_free);
  Fixture f = { 0 };

  g_assert_no_error (error);
  root = g_build_filename (data_home, "lancer", "profiles", NULL);
  f.manager = lancer_profile_manager_new (root);
  f.profile = lancer_profile_manager_create (f.manager, "Work", FALSE, &error);
  g_assert_no_error (error);
  f.store = store_test_open (f.profile, &error);
  g_assert_no_error (error);
  store_postings (f.store, postings, G_N_ELEMENTS (postings));
  f.mirror.ids = g_ptr_array_new_with_free_func (g_free);
  f.mirror.signals = g_array_new (FALSE, FALSE, sizeof (guint));
  open_model (&f);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      GString *ids = g_string_new (NULL);

      search (&f, words[i]);
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (f.model)); k++)
        {
          g_autoptr(LancerJob) job = g_list_model_get_item (G_LIST_MODEL (f.model), k);

          g_string_append_printf (ids, "%s\n", lancer_job_get_id (job));
        }
      g_ptr_array_add (app_answers, g_string_free (ids, FALSE));
    }
  fixture_teardown (&f, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autoptr(GSubprocessLauncher) launcher =
        g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_autoptr(GSubprocess) proc = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GString) ids = g_string_new (NULL);
      JsonArray *array;

      g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
      proc = g_subprocess_launcher_spawn (launcher, &error, cli, "--profile", "Work", "jobs", "--json",
                                          "--limit", "1000", "--search", words[i], NULL);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error));
      g_assert_no_error (error);
      if (g_subprocess_get_exit_status (proc) != 0)
        g_error ("lancer-cli jobs --search '%s' failed: %s", words[i], err);
      g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
      g_assert_no_error (error);
      array = json_node_get_array (json_parser_get_root (parser));
      for (guint k = 0; k < json_array_get_length (array); k++)
        g_string_append_printf (ids, "%s\n",
                                json_object_get_string_member (json_array_get_object_element (array, k), "id"));
      g_test_message ("search '%s': %u jobs", words[i], json_array_get_length (array));
      g_assert_cmpstr (ids->str, ==, g_ptr_array_index (app_answers, i));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/store/job-feed-model/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("newest-first", test_newest_first);
  ADD ("store-changes", test_store_changes);
  ADD ("search", test_search);
  ADD ("filters-saved-sort", test_filters);
  ADD ("paging", test_paging);
#undef ADD
  g_test_add_func ("/store/job-feed-model/same-jobs-as-cli", test_same_jobs_as_cli);
  return g_test_run ();
}
