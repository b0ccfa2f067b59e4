/* lancer-sync.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-upwork"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lancer-job-filter.h"
#include "lancer-sync.h"
#include "lancer-sync-writer.h"
#include "lancer-upwork-parse.h"
#include "lancer-upwork-requests.h"

/* The sync engine. A run reads the account, then each requested resource in
 * turn; a resource that fails (missing scope, outage) is reported and the
 * others go on. Every page is written in its own transaction. Job search is
 * incremental: the watermark (newest posted_at of the last *complete* run of
 * a saved search) only moves when the run reaches it, so a run killed half
 * way is simply redone — upserts de-duplicate, and nothing is skipped.
 *
 * What is asked for is data: each resource is a row of sync_resources
 * (name, cadence, first step) and each chain of requests a row of
 * sync_steps (query, variables, parser, pager, writer); one loop
 * (step_begin … step_end) runs them all. The job search keeps its own
 * loop: it fetches the next page while the last one is written. */

#define JOBS_PAGE_SIZE       50
/* Pages parsed but not yet written: enough to overlap network and disk,
 * few enough that a slow disk holds back the fetching. */
#define JOBS_WRITES_AHEAD    2
#define DIARY_DAYS           14
#define EARNINGS_DAYS        90

struct _LancerSync
{
  GObject             parent_instance;

  LancerStore        *store;
  LancerUpworkClient *client;
  LancerSyncState     state;
  gint64              last_synced;
  char               *last_error;
  char               *last_warning;
  double              progress;
  guint               interval_minutes;
  guint               max_pages;
  guint               timer_id;
  gboolean            running;
  gboolean            started;
  gboolean            paused;
  GNetworkMonitor    *monitor;
  gulong              monitor_id;
  GCancellable       *cancellable;
  gulong              partial_id;
  struct _Run        *active_run;     /* the run in progress, for partial results */
};

G_DEFINE_FINAL_TYPE (LancerSync, lancer_sync, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_LAST_SYNCED,
  PROP_LAST_ERROR,
  PROP_LAST_WARNING,
  PROP_PROGRESS,
  PROP_INTERVAL_MINUTES,
  PROP_PAUSED,
  N_PROPS
};

enum {
  NEW_JOBS,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* How often a scheduled run asks for each kind of data (seconds). Jobs go
 * at the sync interval the user picks (the alert interval); proposals and
 * messages change within minutes; contracts, earnings and the work diary
 * within hours, and a past diary day not at all once its week is billed. */
#define CADENCE_ACTIVE_S   (3 * 60)
#define CADENCE_HOURLY_S   (60 * 60)

GType
lancer_sync_state_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { LANCER_SYNC_STATE_IDLE, "LANCER_SYNC_STATE_IDLE", "idle" },
    { LANCER_SYNC_STATE_SYNCING, "LANCER_SYNC_STATE_SYNCING", "syncing" },
    { LANCER_SYNC_STATE_ERROR, "LANCER_SYNC_STATE_ERROR", "error" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static (g_intern_static_string ("LancerSyncState"), values));
  return type;
}

void
lancer_sync_report_free (LancerSyncReport *report)
{
  if (report == NULL)
    return;
  for (guint i = 0; i < LANCER_SYNC_N_RESOURCES; i++)
    {
      g_free (report->errors[i]);
      g_free (report->warnings[i]);
    }
  g_free (report->user_name);
  g_free (report);
}

gboolean
lancer_sync_report_is_partial (const LancerSyncReport *report)
{
  for (guint i = 0; i < LANCER_SYNC_N_RESOURCES; i++)
    if (report->errors[i] != NULL)
      return TRUE;
  return FALSE;
}

/* ---- object ---- */

static void
set_state (LancerSync      *self,
           LancerSyncState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_progress (LancerSync *self,
              double      progress)
{
  if (fabs (self->progress - progress) < 1e-6)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static void
set_last_error (LancerSync *self,
                const char *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
lancer_sync_dispose (GObject *object)
{
  LancerSync *self = (LancerSync *)object;

  lancer_sync_stop (self);
  g_clear_object (&self->store);
  if (self->client != NULL)
    g_clear_signal_handler (&self->partial_id, self->client);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (lancer_sync_parent_class)->dispose (object);
}

static void
lancer_sync_finalize (GObject *object)
{
  LancerSync *self = (LancerSync *)object;

  g_free (self->last_error);
  g_free (self->last_warning);
  G_OBJECT_CLASS (lancer_sync_parent_class)->finalize (object);
}

static void
lancer_sync_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LancerSync *self = LANCER_SYNC (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_LAST_SYNCED:
      g_value_set_int64 (value, self->last_synced);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_LAST_WARNING:
      g_value_set_string (value, self->last_warning);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_INTERVAL_MINUTES:
      g_value_set_uint (value, self->interval_minutes);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_sync_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LancerSync *self = LANCER_SYNC (object);

  switch (prop_id)
    {
    case PROP_INTERVAL_MINUTES:
      lancer_sync_set_interval_minutes (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_sync_class_init (LancerSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lancer_sync_dispose;
  object_class->finalize = lancer_sync_finalize;
  object_class->get_property = lancer_sync_get_property;
  object_class->set_property = lancer_sync_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, LANCER_TYPE_SYNC_STATE, LANCER_SYNC_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNCED] =
    g_param_spec_int64 ("last-synced", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What the last run kept although Upwork could not fill some fields
   * (a partial result), or NULL. */
  properties[PROP_LAST_WARNING] =
    g_param_spec_string ("last-warning", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL_MINUTES] =
    g_param_spec_uint ("interval-minutes", NULL, NULL, 1, 1440, 15,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* ::finished (report, error): after every run, the report of what it
   * did (NULL if it could not start) and the error that ended it, if any. */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_STRING);
  signals[NEW_JOBS] = g_signal_new ("new-jobs", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
lancer_sync_init (LancerSync *self)
{
  self->interval_minutes = 15;
  self->max_pages = 200;
}

static void partial_result_cb (LancerUpworkClient *client,
                               const char         *query,
                               const char         *resource,
                               const char         *what,
                               LancerSync         *self);

LancerSync *
lancer_sync_new (LancerStore        *store,
                 LancerUpworkClient *client)
{
  LancerSync *self;

  g_return_val_if_fail (LANCER_IS_STORE (store), NULL);
  g_return_val_if_fail (LANCER_IS_UPWORK_CLIENT (client), NULL);

  self = g_object_new (LANCER_TYPE_SYNC, NULL);
  self->store = g_object_ref (store);
  self->client = g_object_ref (client);
  self->partial_id = g_signal_connect_object (client, "partial-result", G_CALLBACK (partial_result_cb), self, 0);
  return self;
}

LancerUpworkClient *
lancer_sync_get_client (LancerSync *self)
{
  g_return_val_if_fail (LANCER_IS_SYNC (self), NULL);
  return self->client;
}

LancerSyncState
lancer_sync_get_state (LancerSync *self)
{
  g_return_val_if_fail (LANCER_IS_SYNC (self), LANCER_SYNC_STATE_IDLE);
  return self->state;
}

gint64
lancer_sync_get_last_synced (LancerSync *self)
{
  g_return_val_if_fail (LANCER_IS_SYNC (self), 0);
  return self->last_synced;
}

const char *
lancer_sync_get_last_warning (LancerSync *self)
{
  g_return_val_if_fail (LANCER_IS_SYNC (self), NULL);
  return self->last_warning;
}

const char *
lancer_sync_get_last_error (LancerSync *self)
{
  g_return_val_if_fail (LANCER_IS_SYNC (self), NULL);
  return self->last_error;
}

double
lancer_sync_get_progress (LancerSync *self)
{
  g_return_val_if_fail (LANCER_IS_SYNC (self), 0);
  return self->progress;
}

void
lancer_sync_set_max_pages (LancerSync *self,
                           guint       pages)
{
  g_return_if_fail (LANCER_IS_SYNC (self));
  self->max_pages = MAX (pages, 1);
}

/* ---- one run ---- */

/* Positions in the report, the same as the bits of LancerSyncResources. */
enum
{
  R_JOBS,
  R_PROPOSALS,
  R_MESSAGES,
  R_CONTRACTS,
  R_DIARY,
  R_EARNINGS,
};

/* How the pages of a request follow each other. */
typedef enum
{
  PAGER_ONCE,           /* one request */
  PAGER_CURSOR,         /* pageInfo.hasNextPage / endCursor, at most max_pages */
  PAGER_CURSOR_HALVING, /* the same without a cap; the page is halved on VJCA-6 */
  PAGER_OFFSET_TOTAL,   /* offset += what came, until totalCount (or a short page), at most max_pages */
} SyncPager;

/* What to store, and when. */
typedef enum
{
  WRITE_NONE,           /* the pages only feed the next step */
  WRITE_EACH_PAGE,
  WRITE_AT_END,         /* once, what every page of every key brought */
} SyncWriteWhen;

typedef struct _Run Run;

/* Where a step's pager stands. */
typedef struct
{
  char     *after;     /* cursor pagers: NULL on the first page */
  guint     offset;    /* offset pager: items so far */
  guint     first;     /* page size */
  guint     n;         /* pages fetched */
  gboolean  more;      /* another page is to be asked for */
} SyncPages;

/* One fetch → parse → write chain: a GraphQL query in queries/, asked
 * for each key (a proposal status, a room, a day; none: once) page by
 * page, each page parsed on the main thread and stored in the store's
 * own transaction. */
typedef struct _SyncStep SyncStep;
struct _SyncStep
{
  const char           *query;
  /* NULL: no variables */
  JsonNode            *(*variables) (Run *run, const char *key, const SyncPages *pages);
  /* Or, for a cursor query asked for each key: lancer-upwork-requests.h's
   * builder itself. */
  JsonNode            *(*key_cursor_variables) (const char *key, const char *after, guint first);
  /* The page's items, and where the next page starts. */
  GPtrArray           *(*parse)     (Run *run, JsonNode *data, const char *key, LancerUpworkPageInfo *page,
                                     GError **error);
  /* Or, for a page that needs nothing but itself: lancer-upwork-parse.h's
   * parser itself. */
  GPtrArray           *(*parse_page) (JsonNode *data, LancerUpworkPageInfo *page, GError **error);
  SyncPager             pager;
  guint                 first;
  LancerStoreWriteFunc  write;
  SyncWriteWhen         write_when;
  gboolean              uncounted;    /* what it stores is not the resource's count */
  GDestroyNotify        free_item;    /* of the collected items */
  /* After the last key (and the write at the end): run->items holds what
   * was collected. */
  void                (*then)       (GTask *task);
};

/* One kind of data Upwork has and Lancer keeps. */
typedef struct
{
  const char      *name;       /* report, sync_state, lancer-cli sync --only */
  gint64           cadence_s;  /* a scheduled run asks at most this often; 0: every run */
  void           (*start) (GTask *task);   /* its own beginning; NULL: @step */
  const SyncStep  *step;
} SyncResource;

static const SyncResource sync_resources[LANCER_SYNC_N_RESOURCES];

/* The rows of sync_steps. */
enum
{
  STEP_PROPOSALS,
  STEP_ROOMS,
  STEP_STORIES,
  STEP_CONTRACTS,
  STEP_DIARY_CONTRACTS,
  STEP_WORK_DAYS,
  STEP_DIARY_DAY,
  STEP_ACCOUNTING,
  STEP_TRANSACTIONS,
  N_STEPS
};

static const SyncStep sync_steps[N_STEPS];

struct _Run
{
  LancerSyncResources  resources;
  gboolean             scheduled;        /* ask only for what its cadence says may have changed */
  LancerSyncReport    *report;
  guint                phase;
  char                *user_id;
  /* the step in progress */
  const SyncStep      *step;
  const char * const  *keys;             /* asked for in turn; NULL: once, without a key */
  guint                key_index;
  SyncPages            pages;
  GPtrArray           *items;            /* collected by the step */
  /* jobs */
  GPtrArray           *searches;
  guint                search_index;
  char                *after;
  guint                page;
  gint64               watermark;
  gint64               newest;
  gboolean             reached;
  gboolean             capped;           /* stopped at max_pages before reaching the watermark */
  gint64               resumed_newest;   /* newest job of the capped run this one resumes */
  /* The next page is fetched while the store writes this one: */
  gboolean             more_pages;
  gboolean             fetching;
  guint                writes_pending;
  GError              *page_error;       /* the first failure, fetch or write */
  /* proposals: the statuses this run asks for */
  const char * const  *statuses;
  /* messages */
  GStrv                story_rooms;      /* rooms with stories Lancer lacks */
  /* contracts, diary */
  GPtrArray           *hourly_contracts;   /* char * */
  guint                contract_index;
  GStrv                days;
  char                *diary_from;       /* yyyyMMdd: this run's first diary day */
  /* earnings */
  char                *accounting_id;
};

static void
run_free (Run *run)
{
  lancer_sync_report_free (run->report);
  g_free (run->user_id);
  g_free (run->pages.after);
  g_clear_pointer (&run->items, g_ptr_array_unref);
  g_clear_pointer (&run->searches, g_ptr_array_unref);
  g_free (run->after);
  g_clear_error (&run->page_error);
  g_strfreev (run->story_rooms);
  g_clear_pointer (&run->hourly_contracts, g_ptr_array_unref);
  g_strfreev (run->days);
  g_free (run->diary_from);
  g_free (run->accounting_id);
  g_free (run);
}

static void
partial_result_cb (LancerUpworkClient *client,
                   const char         *query,
                   const char         *resource,
                   const char         *what,
                   LancerSync         *self)
{
  LancerSyncReport *report;

  if (self->active_run == NULL || (report = self->active_run->report) == NULL)
    return;
  for (guint i = 0; i < LANCER_SYNC_N_RESOURCES; i++)
    if (g_strcmp0 (sync_resources[i].name, resource) == 0 && report->warnings[i] == NULL)
      /* Translators: %s names the fields, e.g. "edges/3/node/client/totalFeedback: Internal error" */
      report->warnings[i] = g_strdup_printf (_("Upwork could not send some fields; they are left unknown (%s)"), what);
}

static void run_next_phase (GTask *task);

static LancerSync *
run_sync (GTask *task)
{
  return g_task_get_source_object (task);
}

static Run *
run_of (GTask *task)
{
  return g_task_get_task_data (task);
}

static void
state_set_done (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lancer_store_sync_state_set_finish (LANCER_STORE (source), res, &error))
    g_debug ("could not record sync state: %s", error->message);
}

/* Records a row of sync_state; a failure only costs a refetch. */
static void
save_sync_state (LancerSync *self,
                 const char *name,
                 const char *cursor,
                 const char *error_message)
{
  lancer_store_sync_state_set_async (self->store, name, cursor, error_message, NULL, state_set_done, NULL);
}

static void
resource_done (GTask        *task,
               const GError *error)
{
  LancerSync *self = run_sync (task);
  Run *run = run_of (task);
  guint i = run->phase;

  run->report->attempted[i] = TRUE;
  if (error != NULL)
    {
      g_free (run->report->errors[i]);
      run->report->errors[i] = g_strdup (error->message);
      g_debug ("sync of %s failed: %s", sync_resources[i].name, error->message);
    }
  save_sync_state (self, sync_resources[i].name, NULL, error != NULL ? error->message : NULL);
  run->phase++;
  run_next_phase (task);
}

static void
resource_succeeded (GTask *task)
{
  resource_done (task, NULL);
}

static gboolean
is_fatal_auth_error (const GError *error)
{
  return error != NULL &&
         ((error->domain == LANCER_OAUTH_ERROR && error->code != LANCER_OAUTH_ERROR_TRANSIENT) ||
          g_error_matches (error, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_UNAUTHORIZED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
}

/* A resource failed: an auth failure or cancellation stops the whole run
 * (every other resource would fail the same way). */
static void
resource_failed (GTask  *task,
                 GError *error)
{
  Run *run = run_of (task);

  if (is_fatal_auth_error (error))
    {
      for (guint i = run->phase; i < LANCER_SYNC_N_RESOURCES; i++)
        if (run->resources & (1 << i))
          {
            run->report->attempted[i] = TRUE;
            g_free (run->report->errors[i]);
            run->report->errors[i] = g_strdup (error->message);
          }
      run->phase = LANCER_SYNC_N_RESOURCES;
      g_error_free (error);
      run_next_phase (task);
      return;
    }
  resource_done (task, error);
  g_error_free (error);
}

/* ---- steps: fetch → parse → write, for every resource but jobs ---- */

static void step_fetch (GTask *task);
static void step_end (GTask *task);

static const char *
step_key (Run *run)
{
  return run->keys != NULL ? run->keys[run->key_index] : NULL;
}

/* Runs @step for each of @keys (borrowed until the step ends), or once
 * when @keys is NULL. */
static void
step_begin (GTask              *task,
            const SyncStep     *step,
            const char * const *keys)
{
  Run *run = run_of (task);

  run->step = step;
  run->keys = keys;
  run->key_index = 0;
  g_clear_pointer (&run->pages.after, g_free);
  run->pages.offset = 0;
  run->pages.n = 0;
  run->pages.first = step->first;
  g_clear_pointer (&run->items, g_ptr_array_unref);
  run->items = g_ptr_array_new_with_free_func (step->free_item);
  if (keys != NULL && keys[0] == NULL)
    {
      step_end (task);   /* nothing to ask for */
      return;
    }
  step_fetch (task);
}

static void step_written (GObject      *source,
                          GAsyncResult *res,
                          gpointer      user_data);

/* After the last key: the write of what was collected, then what follows. */
static void
step_end (GTask *task)
{
  Run *run = run_of (task);

  if (run->step->write_when == WRITE_AT_END)
    run->step->write (run_sync (task)->store, run->items, NULL, step_written, task);
  else
    run->step->then (task);
}

static void
step_next_key (GTask *task)
{
  Run *run = run_of (task);

  /* the page size a key had to shrink to holds for the next one */
  g_clear_pointer (&run->pages.after, g_free);
  run->pages.offset = 0;
  run->pages.n = 0;
  if (run->keys != NULL && run->keys[++run->key_index] != NULL)
    step_fetch (task);
  else
    step_end (task);
}

/* After a page: the next one if the pager says so, else the next key. */
static void
step_page_done (GTask *task)
{
  if (run_of (task)->pages.more)
    step_fetch (task);
  else
    step_next_key (task);
}

/* Counts what a write stored, then goes on: to the next page after a
 * page's write, to what follows the step after its write at the end. */
static void
step_written (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = run_of (task);
  GError *error = NULL;
  gssize n = lancer_store_write_finish (LANCER_STORE (source), res, &error);

  if (n < 0)
    {
      resource_failed (task, error);
      return;
    }
  if (!run->step->uncounted)
    run->report->counts[run->phase] += (guint) n;
  if (run->step->write_when == WRITE_AT_END)
    run->step->then (task);
  else
    step_page_done (task);
}

/* Moves the pager past @items; pages->more says if another page is to be
 * asked for. */
static void
pages_advance (SyncPages            *pages,
               SyncPager             pager,
               GPtrArray            *items,
               LancerUpworkPageInfo *page,
               guint                 max_pages)
{
  gboolean more = FALSE;

  g_clear_pointer (&pages->after, g_free);
  switch (pager)
    {
    case PAGER_ONCE:
      break;
    case PAGER_CURSOR:
    case PAGER_CURSOR_HALVING:
      if (page->has_next)
        pages->after = g_steal_pointer (&page->end_cursor);
      more = pages->after != NULL && (pager == PAGER_CURSOR_HALVING || ++pages->n < max_pages);
      break;
    case PAGER_OFFSET_TOTAL:
      /* talentWorkHistory pages by offset; the server may send fewer than
       * the limit asked for, so totalCount (or a full page) says if more
       * remain */
      more = items->len > 0 &&
             (page->total_count >= 0 ? pages->offset + items->len < (guint64) page->total_count
                                     : items->len >= pages->first);
      pages->offset += items->len;
      more = more && ++pages->n < max_pages;
      break;
    default:
      g_assert_not_reached ();
    }
  pages->more = more;
}

static void
step_page_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = run_of (task);
  const SyncStep *step = run->step;
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(GPtrArray) items = NULL;
  LancerUpworkPageInfo page = { NULL, FALSE, -1 };
  GError *error = NULL;

  data = lancer_upwork_client_query_finish (LANCER_UPWORK_CLIENT (source), res, &error);
  if (data == NULL && step->pager == PAGER_CURSOR_HALVING && run->pages.first > 1 &&
      g_error_matches (error, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_PAGE_TOO_LARGE))
    {
      /* VJCA-6: Upwork found the page too big; ask again for half. */
      g_debug ("%s: VJCA-6 at %u a page; trying %u", step->query, run->pages.first, run->pages.first / 2);
      run->pages.first /= 2;
      g_error_free (error);
      step_fetch (task);
      return;
    }
  if (data != NULL)
    items = step->parse != NULL ? step->parse (run, data, step_key (run), &page, &error)
                                : step->parse_page (data, &page, &error);
  if (items == NULL)
    {
      lancer_upwork_page_info_clear (&page);
      resource_failed (task, error);
      return;
    }
  pages_advance (&run->pages, step->pager, items, &page, run_sync (task)->max_pages);
  lancer_upwork_page_info_clear (&page);
  if (step->write_when == WRITE_EACH_PAGE)
    {
      /* step_written asks for the next page once this one is stored */
      step->write (run_sync (task)->store, items, NULL, step_written, task);
      return;
    }
  g_ptr_array_extend_and_steal (run->items, g_steal_pointer (&items));
  step_page_done (task);
}

static void
step_fetch (GTask *task)
{
  Run *run = run_of (task);
  const SyncStep *step = run->step;
  g_autoptr(JsonNode) vars = NULL;

  if (step->variables != NULL)
    vars = step->variables (run, step_key (run), &run->pages);
  else if (step->key_cursor_variables != NULL)
    vars = step->key_cursor_variables (step_key (run), run->pages.after, run->pages.first);
  lancer_upwork_client_query_async (run_sync (task)->client, step->query, vars, g_task_get_cancellable (task),
                                    step_page_cb, task);
}

/* The items of a step that asks for one thing (a day, an id), or NULL
 * when @item is NULL (the parser failed). */
static GPtrArray *
one_item (gpointer       item,
          GDestroyNotify free_item)
{
  GPtrArray *items;

  if (item == NULL)
    return NULL;
  items = g_ptr_array_new_with_free_func (free_item);
  g_ptr_array_add (items, item);
  return items;
}

/* ---- jobs ---- */

static void jobs_search_begin (GTask *task);
static void jobs_fetch_page (GTask *task);

static LancerSavedSearch *
current_search (Run *run)
{
  return g_ptr_array_index (run->searches, run->search_index);
}

/* The sync_state row of the current search's watermark. */
static char *
search_state_name (Run *run)
{
  return g_strconcat ("jobs:", current_search (run)->name, NULL);
}

static void
jobs_search_done (GTask *task)
{
  LancerSync *self = run_sync (task);
  Run *run = run_of (task);
  g_autofree char *resource = search_state_name (run);
  g_autofree char *cursor = NULL;
  gint64 newest = MAX (run->newest, run->resumed_newest);

  /* The watermark moves only over what was stored without a gap. A search
   * cut short by the page cap keeps its watermark and notes where it
   * stopped ("WATERMARK NEWEST RESUME"): the next run goes on from there,
   * down to the old watermark, and only then moves it. Offsets on a
   * newest-first list only grow as jobs arrive, so resuming at the same
   * offset may read a few jobs twice but skips none. */
  if (run->capped)
    cursor = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s", run->watermark, newest, run->after);
  else
    cursor = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (newest, run->watermark));
  save_sync_state (self, resource, cursor, NULL);
  run->search_index++;
  if (run->search_index < run->searches->len)
    jobs_search_begin (task);
  else
    resource_done (task, NULL);
}

static void
matches_done (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lancer_store_write_matches_finish (LANCER_STORE (source), res, &error))
    g_debug ("could not record matches: %s", error->message);
}

static void jobs_fetch_page (GTask *task);

/* Fetches the next page if it may, and ends the search once nothing is in
 * flight: no fetch, no write. */
static void
jobs_continue (GTask *task)
{
  Run *run = run_of (task);

  if (run->page_error == NULL && run->more_pages && !run->fetching &&
      run->writes_pending < JOBS_WRITES_AHEAD)
    {
      run->fetching = TRUE;
      jobs_fetch_page (task);
      return;
    }
  if (run->fetching || run->writes_pending > 0)
    return;
  if (run->page_error != NULL)
    resource_failed (task, g_steal_pointer (&run->page_error));
  else
    jobs_search_done (task);
}

static void
keep_first_page_error (Run    *run,
                       GError *error)
{
  if (run->page_error == NULL)
    run->page_error = error;
  else
    g_error_free (error);
}

typedef struct
{
  GTask     *task;
  GPtrArray *jobs;
} PageWrite;

static void
upsert_done (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  PageWrite *write = user_data;
  GTask *task = write->task;
  LancerSync *self = run_sync (task);
  Run *run = run_of (task);
  LancerSavedSearch *search = current_search (run);
  g_autoptr(GPtrArray) jobs = write->jobs;
  GError *error = NULL;
  guint n_new = 0;

  g_free (write);
  run->writes_pending--;
  if (!lancer_store_upsert_jobs_finish (LANCER_STORE (source), res, &n_new, &error))
    {
      keep_first_page_error (run, error);
      jobs_continue (task);
      return;
    }
  run->report->counts[R_JOBS] += jobs->len;
  run->report->new_jobs += n_new;
  if (search->id > 0 && jobs->len > 0)
    {
      g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;

      for (guint i = 0; i < jobs->len; i++)
        g_strv_builder_add (ids, lancer_job_get_id (g_ptr_array_index (jobs, i)));
      strv = g_strv_builder_end (ids);
      lancer_store_write_matches_async (self->store, search->id, strv, NULL, matches_done, NULL);
    }
  jobs_continue (task);
}

/* A page of search results as read on the client's worker thread. */
typedef struct
{
  GPtrArray            *jobs;
  LancerUpworkPageInfo  info;
} JobsPage;

static void
jobs_page_free (JobsPage *page)
{
  g_clear_pointer (&page->jobs, g_ptr_array_unref);
  lancer_upwork_page_info_clear (&page->info);
  g_free (page);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JobsPage, jobs_page_free)

static gpointer
read_jobs_page (JsonNode  *data,
                GError   **error)
{
  g_autoptr(JobsPage) page = g_new0 (JobsPage, 1);

  if ((page->jobs = lancer_upwork_parse_jobs (data, &page->info, error)) == NULL)
    return NULL;
  return g_steal_pointer (&page);
}

static void
jobs_page_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  GTask *task = user_data;
  LancerSync *self = run_sync (task);
  Run *run = run_of (task);
  LancerSavedSearch *search = current_search (run);
  g_autoptr(JobsPage) page = NULL;
  g_autoptr(LancerJobFilter) filter = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GPtrArray *jobs;
  GError *error = NULL;
  PageWrite *write;

  run->fetching = FALSE;
  page = lancer_upwork_client_query_read_finish (LANCER_UPWORK_CLIENT (source), res, &error);
  if (page == NULL)
    {
      keep_first_page_error (run, error);
      jobs_continue (task);
      return;
    }
  if (run->page_error != NULL)
    {
      /* a write failed while this page was on its way */
      jobs_continue (task);
      return;
    }
  jobs = page->jobs;
  g_free (run->after);
  run->after = page->info.has_next ? g_steal_pointer (&page->info.end_cursor) : NULL;

  /* The filters Upwork lacks or ignores (budget and rate floors among
   * them), as the Jobs page saved them: applied here, before alerts. */
  filter = lancer_job_filter_new_from_json (search->filters);
  write = g_new0 (PageWrite, 1);
  write->task = task;
  write->jobs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < jobs->len; i++)
    {
      LancerJob *job = g_ptr_array_index (jobs, i);

      run->newest = MAX (run->newest, lancer_job_get_posted_at (job));
      /* Strictly older: a job posted in the watermark's own second may
       * still be new, so paging goes on past it. */
      if (lancer_job_get_posted_at (job) < run->watermark)
        run->reached = TRUE;
      if (lancer_job_filter_matches (filter, job, now))
        g_ptr_array_add (write->jobs, g_object_ref (job));
    }
  set_progress (self, MIN (0.9, self->progress + 0.01));
  run->page++;
  run->more_pages = !run->reached && run->after != NULL && run->page < self->max_pages;
  run->capped = !run->reached && run->after != NULL && run->page >= self->max_pages;
  /* One transaction for the page (the store's upsert); its worker takes
   * them in order, so pages land in the order they came. */
  run->writes_pending++;
  lancer_store_upsert_jobs_async (self->store, write->jobs, NULL, upsert_done, write);
  jobs_continue (task);
}

static void
jobs_fetch_page (GTask *task)
{
  LancerSync *self = run_sync (task);
  Run *run = run_of (task);
  LancerSavedSearch *search = current_search (run);
  g_autoptr(LancerJobFilter) filter = lancer_job_filter_new_from_json (search->filters);
  g_autoptr(JsonNode) vars = lancer_upwork_search_variables (search->query, filter->verified_only, run->after,
                                                             JOBS_PAGE_SIZE);

  lancer_upwork_client_query_read_async (self->client, "search", vars, read_jobs_page,
                                         (GDestroyNotify) jobs_page_free, g_task_get_cancellable (task),
                                         jobs_page_cb, task);
}

static void
watermark_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = run_of (task);
  GError *error = NULL;
  g_autofree char *cursor = lancer_store_sync_state_get_finish (LANCER_STORE (source), res, &error);
  g_auto(GStrv) parts = NULL;

  if (error != NULL)
    {
      resource_failed (task, error);
      return;
    }
  parts = g_strsplit (cursor != NULL ? cursor : "", " ", 3);
  run->watermark = parts[0] != NULL ? g_ascii_strtoll (parts[0], NULL, 10) : 0;
  run->resumed_newest = 0;
  run->newest = 0;
  run->reached = FALSE;
  run->capped = FALSE;
  run->page = 0;
  run->more_pages = TRUE;
  g_clear_pointer (&run->after, g_free);
  if (g_strv_length (parts) == 3 && *parts[2] != '\0')
    {
      /* the last run stopped at the page cap: go on where it stopped */
      run->resumed_newest = g_ascii_strtoll (parts[1], NULL, 10);
      run->after = g_strdup (parts[2]);
    }
  jobs_continue (task);
}

static void
jobs_search_begin (GTask *task)
{
  g_autofree char *resource = search_state_name (run_of (task));

  lancer_store_sync_state_get_async (run_sync (task)->store, resource, NULL, watermark_cb, task);
}

static void
searches_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = run_of (task);
  GError *error = NULL;
  GPtrArray *searches = lancer_saved_searches_list_finish (LANCER_STORE (source), res, &error);

  if (searches == NULL)
    {
      resource_failed (task, error);
      return;
    }
  if (searches->len == 0)
    {
      /* no saved search yet: the newest jobs of the whole marketplace */
      LancerSavedSearch *all = g_new0 (LancerSavedSearch, 1);
      all->name = g_strdup ("");
      all->query = g_strdup ("");
      all->filters = g_strdup ("{}");
      g_ptr_array_add (searches, all);
    }
  run->searches = searches;
  run->search_index = 0;
  jobs_search_begin (task);
}

static void
start_jobs (GTask *task)
{
  lancer_saved_searches_list_async (run_sync (task)->store, NULL, searches_cb, task);
}

/* ---- proposals ---- */

static const char * const proposal_statuses[] = {
  "Pending", "Activated", "Accepted", "Offered", "Hired", "Declined", "Withdrawn", "Archived", NULL,
};
/* The statuses a proposal can still leave; the rest are asked for hourly. */
static const char * const open_proposal_statuses[] = { "Pending", "Activated", "Offered", NULL };

static void
proposals_done (GTask *task)
{
  Run *run = run_of (task);

  if (run->statuses == proposal_statuses)
    save_sync_state (run_sync (task), "proposals:all", NULL, NULL);
  resource_done (task, NULL);
}

static void
start_proposals (GTask *task)
{
  Run *run = run_of (task);

  if (run->statuses == NULL)
    run->statuses = proposal_statuses;
  step_begin (task, &sync_steps[STEP_PROPOSALS], run->statuses);
}

/* ---- messages ---- */

static GPtrArray *
parse_stories (Run                   *run,
               JsonNode              *data,
               const char            *room_id,
               LancerUpworkPageInfo  *page,
               GError               **error)
{
  return lancer_upwork_parse_stories (data, room_id, page, error);
}

/* Only rooms whose newest story Lancer lacks can hold anything new. */
static void
stories_known_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = run_of (task);
  GError *error = NULL;
  g_autoptr(GHashTable) known = lancer_store_stories_known_finish (LANCER_STORE (source), res, &error);
  g_autoptr(GStrvBuilder) rooms = g_strv_builder_new ();

  if (known == NULL)
    {
      resource_failed (task, error);
      return;
    }
  for (guint i = 0; i < run->items->len; i++)
    {
      LancerUpworkRoom *room = g_ptr_array_index (run->items, i);

      if (room->latest_story_id != NULL && !g_hash_table_contains (known, room->latest_story_id))
        g_strv_builder_add (rooms, room->id);
    }
  g_strfreev (run->story_rooms);
  run->story_rooms = g_strv_builder_end (rooms);
  step_begin (task, &sync_steps[STEP_STORIES], (const char * const *) run->story_rooms);
}

static void
rooms_done (GTask *task)
{
  Run *run = run_of (task);
  g_autoptr(GStrvBuilder) latest = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < run->items->len; i++)
    {
      LancerUpworkRoom *room = g_ptr_array_index (run->items, i);

      if (room->latest_story_id != NULL)
        g_strv_builder_add (latest, room->latest_story_id);
    }
  ids = g_strv_builder_end (latest);
  lancer_store_stories_known_async (run_sync (task)->store, (const char * const *) ids,
                                    g_task_get_cancellable (task), stories_known_cb, task);
}

static JsonNode *
rooms_variables (Run             *run,
                 const char      *key,
                 const SyncPages *pages)
{
  return lancer_upwork_rooms_variables (pages->after, pages->first);
}

static void
outbox_flushed (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  /* A failed send stays queued; it does not stop reading messages. */
  if (lancer_sync_flush_outbox_finish (LANCER_SYNC (source), res, &error) < 0)
    g_debug ("outbox: %s", error->message);
  step_begin (task, &sync_steps[STEP_ROOMS], NULL);
}

/* Messages waiting in the outbox go first, so the rooms read back hold them. */
static void
start_messages (GTask *task)
{
  lancer_sync_flush_outbox_async (run_sync (task), g_task_get_cancellable (task), outbox_flushed, task);
}

/* ---- contracts and diary ---- */

static void
remember_hourly (Run       *run,
                 GPtrArray *contracts)
{
  g_clear_pointer (&run->hourly_contracts, g_ptr_array_unref);
  run->hourly_contracts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < contracts->len; i++)
    {
      LancerUpworkContract *c = g_ptr_array_index (contracts, i);
      if (c->hourly && (c->status == NULL || g_ascii_strcasecmp (c->status, "ACTIVE") == 0))
        g_ptr_array_add (run->hourly_contracts, g_strdup (c->id));
    }
}

static JsonNode *
contracts_variables (Run             *run,
                     const char      *key,
                     const SyncPages *pages)
{
  return lancer_upwork_contracts_variables (run->user_id, pages->offset, pages->first);
}

static GPtrArray *
parse_contracts (Run                   *run,
                 JsonNode              *data,
                 const char            *key,
                 LancerUpworkPageInfo  *page,
                 GError               **error)
{
  return lancer_upwork_parse_contracts (data, &page->total_count, error);
}

static void
contracts_done (GTask *task)
{
  remember_hourly (run_of (task), run_of (task)->items);
  resource_done (task, NULL);
}

static void diary_next_contract (GTask *task);

static char *
compact_day (GDateTime *dt)
{
  return g_date_time_format (dt, "%Y%m%d");
}

static const char *
current_contract (Run *run)
{
  return g_ptr_array_index (run->hourly_contracts, run->contract_index);
}

static JsonNode *
diary_day_variables (Run             *run,
                     const char      *day,
                     const SyncPages *pages)
{
  /* days come back as YYYY-MM-DD; the input wants yyyyMMdd */
  g_autofree char *compact = g_strdup (day);
  char *w = compact;

  for (const char *r = day; *r; r++)
    if (*r != '-')
      *w++ = *r;
  *w = '\0';
  return lancer_upwork_diary_day_variables (current_contract (run), compact);
}

static GPtrArray *
parse_diary_day (Run                   *run,
                 JsonNode              *data,
                 const char            *day,
                 LancerUpworkPageInfo  *page,
                 GError               **error)
{
  return one_item (lancer_upwork_parse_diary_day (data, current_contract (run), day, error),
                   (GDestroyNotify) lancer_upwork_diary_day_free);
}

static void
diary_day_done (GTask *task)
{
  run_of (task)->contract_index++;
  diary_next_contract (task);
}

/* The first day of the billing week still open: Upwork bills hourly work
 * by the week, Monday to Sunday in UTC. Days before it no longer change. */
static char *
open_period_start (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) monday = g_date_time_add_days (now, 1 - g_date_time_get_day_of_week (now));

  return g_date_time_format (monday, "%Y-%m-%d");
}

/* Keeps the days worth asking for: those of the open week, and past days
 * Lancer has never stored. Each past day is fetched once. */
static void
diary_known_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = run_of (task);
  GError *error = NULL;
  g_autoptr(GHashTable) known = lancer_store_diary_days_known_finish (LANCER_STORE (source), res, &error);
  g_autoptr(GStrvBuilder) wanted = g_strv_builder_new ();
  g_autofree char *open_from = open_period_start ();

  if (known == NULL)
    {
      resource_failed (task, error);
      return;
    }
  for (guint i = 0; i < run->items->len; i++)
    {
      const char *day = g_ptr_array_index (run->items, i);

      if (strcmp (day, open_from) >= 0 || !g_hash_table_contains (known, day))
        g_strv_builder_add (wanted, day);
    }
  g_strfreev (run->days);
  run->days = g_strv_builder_end (wanted);
  step_begin (task, &sync_steps[STEP_DIARY_DAY], (const char * const *) run->days);
}

static void
work_days_done (GTask *task)
{
  lancer_store_diary_days_known_async (run_sync (task)->store, current_contract (run_of (task)),
                                       g_task_get_cancellable (task), diary_known_cb, task);
}

static JsonNode *
work_days_variables (Run             *run,
                     const char      *key,
                     const SyncPages *pages)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *to = compact_day (now);

  return lancer_upwork_work_days_variables (current_contract (run), run->diary_from, to);
}

static GPtrArray *
parse_work_days (Run                   *run,
                 JsonNode              *data,
                 const char            *key,
                 LancerUpworkPageInfo  *page,
                 GError               **error)
{
  g_autofree char **days = lancer_upwork_parse_work_days (data, error);
  GPtrArray *out;

  if (days == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; days[i] != NULL; i++)
    g_ptr_array_add (out, days[i]);   /* the strings move into the array */
  return out;
}

static void
diary_next_contract (GTask *task)
{
  Run *run = run_of (task);

  if (run->contract_index >= run->hourly_contracts->len)
    {
      save_sync_state (run_sync (task), "diary:from", run->diary_from, NULL);
      resource_done (task, NULL);
      return;
    }
  step_begin (task, &sync_steps[STEP_WORK_DAYS], NULL);
}

/* The diary reaches back as far as the earnings (EARNINGS_DAYS) so that
 * both cover one window, but a step at a time: each run asks for the
 * recent DIARY_DAYS and DIARY_DAYS more of the past, and remembers how far
 * back it got ("diary:from"). Past days are fetched once (diary_known_cb),
 * so the backfill costs its requests once, spread over a few runs. */
static void
diary_from_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = run_of (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *reached = lancer_store_sync_state_get_finish (LANCER_STORE (source), res, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) oldest = g_date_time_add_days (now, -EARNINGS_DAYS);
  g_autoptr(GDateTime) from = g_date_time_add_days (now, -DIARY_DAYS);
  int y, m, d;

  if (reached != NULL && sscanf (reached, "%4d%2d%2d", &y, &m, &d) == 3)
    {
      g_autoptr(GDateTime) last = g_date_time_new_utc (y, m, d, 0, 0, 0);
      g_autoptr(GDateTime) further = last != NULL ? g_date_time_add_days (last, -DIARY_DAYS) : NULL;

      if (further != NULL && g_date_time_compare (further, from) < 0)
        {
          g_date_time_unref (from);
          from = g_date_time_ref (g_date_time_compare (further, oldest) > 0 ? further : oldest);
        }
    }
  g_free (run->diary_from);
  run->diary_from = compact_day (from);
  run->contract_index = 0;
  diary_next_contract (task);
}

static void
diary_contracts_known (GTask *task)
{
  Run *run = run_of (task);

  if (run->hourly_contracts == NULL)
    remember_hourly (run, run->items);
  lancer_store_sync_state_get_async (run_sync (task)->store, "diary:from", g_task_get_cancellable (task),
                                     diary_from_cb, task);
}

static void
start_diary (GTask *task)
{
  if (run_of (task)->hourly_contracts == NULL)
    step_begin (task, &sync_steps[STEP_DIARY_CONTRACTS], NULL);
  else
    diary_contracts_known (task);
}

/* ---- earnings ---- */

static JsonNode *
transactions_variables (Run             *run,
                        const char      *key,
                        const SyncPages *pages)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_days (now, -EARNINGS_DAYS);
  g_autofree char *from = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *to = g_date_time_format (now, "%Y-%m-%d");

  return lancer_upwork_transactions_variables (run->accounting_id, from, to);
}

static GPtrArray *
parse_transactions (Run                   *run,
                    JsonNode              *data,
                    const char            *key,
                    LancerUpworkPageInfo  *page,
                    GError               **error)
{
  return lancer_upwork_parse_transactions (data, error);
}

static GPtrArray *
parse_accounting (Run                   *run,
                  JsonNode              *data,
                  const char            *key,
                  LancerUpworkPageInfo  *page,
                  GError               **error)
{
  return one_item (lancer_upwork_parse_accounting_id (data, error), g_free);
}

static void
accounting_done (GTask *task)
{
  Run *run = run_of (task);

  g_free (run->accounting_id);
  run->accounting_id = g_strdup (g_ptr_array_index (run->items, 0));
  step_begin (task, &sync_steps[STEP_TRANSACTIONS], NULL);
}

/* ---- the sync as data ---- */

/* Every chain of requests but the job search (pipelined, with its own
 * watermark: see jobs_continue). A new kind of data is one row here (and
 * one in sync_resources) and a parser. */
static const SyncStep sync_steps[N_STEPS] = {
  [STEP_PROPOSALS] = {
    .query = "proposals", .key_cursor_variables = lancer_upwork_proposals_variables,
    .parse_page = lancer_upwork_parse_proposals,
    .pager = PAGER_CURSOR_HALVING, .first = LANCER_UPWORK_PROPOSALS_PAGE,
    .write = lancer_store_write_proposals_async, .write_when = WRITE_EACH_PAGE,
    .free_item = (GDestroyNotify) lancer_upwork_proposal_free, .then = proposals_done,
  },
  /* Every page of rooms is stored at once; the messages counted are stories. */
  [STEP_ROOMS] = {
    .query = "rooms", .variables = rooms_variables, .parse_page = lancer_upwork_parse_rooms,
    .pager = PAGER_CURSOR, .first = LANCER_UPWORK_MAX_PAGE,
    .write = lancer_store_write_rooms_async, .write_when = WRITE_AT_END, .uncounted = TRUE,
    .free_item = (GDestroyNotify) lancer_upwork_room_free, .then = rooms_done,
  },
  [STEP_STORIES] = {
    .query = "stories", .key_cursor_variables = lancer_upwork_stories_variables, .parse = parse_stories,
    .pager = PAGER_CURSOR, .first = LANCER_UPWORK_MAX_PAGE,
    .write = lancer_store_write_stories_async, .write_when = WRITE_EACH_PAGE,
    .free_item = (GDestroyNotify) lancer_upwork_story_free, .then = resource_succeeded,
  },
  [STEP_CONTRACTS] = {
    .query = "contracts", .variables = contracts_variables, .parse = parse_contracts,
    .pager = PAGER_OFFSET_TOTAL, .first = LANCER_UPWORK_MAX_PAGE,
    .write = lancer_store_write_contracts_async, .write_when = WRITE_AT_END,
    .free_item = (GDestroyNotify) lancer_upwork_contract_free, .then = contracts_done,
  },
  /* The hourly contracts, when this run did not sync contracts already. */
  [STEP_DIARY_CONTRACTS] = {
    .query = "contracts", .variables = contracts_variables, .parse = parse_contracts,
    .pager = PAGER_OFFSET_TOTAL, .first = LANCER_UPWORK_MAX_PAGE,
    .free_item = (GDestroyNotify) lancer_upwork_contract_free, .then = diary_contracts_known,
  },
  /* The days of the current contract that have work, then those days. */
  [STEP_WORK_DAYS] = {
    .query = "work-days", .variables = work_days_variables, .parse = parse_work_days,
    .pager = PAGER_ONCE, .free_item = g_free, .then = work_days_done,
  },
  [STEP_DIARY_DAY] = {
    .query = "diary-day", .variables = diary_day_variables, .parse = parse_diary_day,
    .pager = PAGER_ONCE,
    .write = lancer_store_write_diary_async, .write_when = WRITE_AT_END,
    .free_item = (GDestroyNotify) lancer_upwork_diary_day_free, .then = diary_day_done,
  },
  /* The accounting entity the transactions belong to, then those. */
  [STEP_ACCOUNTING] = {
    .query = "accounting", .parse = parse_accounting, .pager = PAGER_ONCE,
    .free_item = g_free, .then = accounting_done,
  },
  [STEP_TRANSACTIONS] = {
    .query = "transactions", .variables = transactions_variables, .parse = parse_transactions,
    .pager = PAGER_ONCE,
    .write = lancer_store_write_transactions_async, .write_when = WRITE_EACH_PAGE,
    .free_item = (GDestroyNotify) lancer_upwork_transaction_free, .then = resource_succeeded,
  },
};

static const SyncResource sync_resources[LANCER_SYNC_N_RESOURCES] = {
  [R_JOBS]      = { "jobs",      0,                start_jobs,      NULL },
  [R_PROPOSALS] = { "proposals", CADENCE_ACTIVE_S, start_proposals, NULL },
  [R_MESSAGES]  = { "messages",  CADENCE_ACTIVE_S, start_messages,  NULL },
  [R_CONTRACTS] = { "contracts", CADENCE_HOURLY_S, NULL,            &sync_steps[STEP_CONTRACTS] },
  [R_DIARY]     = { "diary",     CADENCE_HOURLY_S, start_diary,     NULL },
  [R_EARNINGS]  = { "earnings",  CADENCE_HOURLY_S, NULL,            &sync_steps[STEP_ACCOUNTING] },
};

LancerSyncResources
lancer_sync_resource_from_name (const char *name)
{
  for (guint i = 0; i < LANCER_SYNC_N_RESOURCES; i++)
    if (g_strcmp0 (name, sync_resources[i].name) == 0)
      return 1 << i;
  return 0;
}

const char *
lancer_sync_resource_name (LancerSyncResources resource)
{
  for (guint i = 0; i < LANCER_SYNC_N_RESOURCES; i++)
    if (resource == (LancerSyncResources) (1 << i))
      return sync_resources[i].name;
  return NULL;
}

/* ---- the run ---- */

static void
finish_run (GTask *task)
{
  LancerSync *self = run_sync (task);
  Run *run = run_of (task);
  LancerSyncReport *report = g_steal_pointer (&run->report);
  const char *first_error = NULL;

  self->active_run = NULL;
  report->resume_at = lancer_upwork_client_get_resume_at (self->client);
  {
    g_autofree char *warning = NULL;

    for (guint i = 0; i < LANCER_SYNC_N_RESOURCES && warning == NULL; i++)
      if (report->warnings[i] != NULL)
        warning = g_strdup_printf ("%s: %s", sync_resources[i].name, report->warnings[i]);
    if (g_strcmp0 (warning, self->last_warning) != 0)
      {
        g_free (self->last_warning);
        self->last_warning = g_steal_pointer (&warning);
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_WARNING]);
      }
  }
  for (guint i = 0; i < LANCER_SYNC_N_RESOURCES && first_error == NULL; i++)
    first_error = report->errors[i];
  self->running = FALSE;
  set_progress (self, 1.0);
  set_last_error (self, first_error);
  if (first_error == NULL || !lancer_sync_report_is_partial (report) ||
      report->attempted[R_JOBS] || report->attempted[R_PROPOSALS] || report->attempted[R_MESSAGES])
    {
      self->last_synced = g_get_real_time () / G_USEC_PER_SEC;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNCED]);
    }
  set_state (self, first_error != NULL ? LANCER_SYNC_STATE_ERROR : LANCER_SYNC_STATE_IDLE);
  if (report->new_jobs > 0)
    g_signal_emit (self, signals[NEW_JOBS], 0, report->new_jobs);
  g_signal_emit (self, signals[FINISHED], 0, report, first_error);
  g_task_return_pointer (task, report, (GDestroyNotify) lancer_sync_report_free);
  g_object_unref (task);
}

static void
run_next_phase (GTask *task)
{
  LancerSync *self = run_sync (task);
  Run *run = run_of (task);
  const SyncResource *resource;

  while (run->phase < LANCER_SYNC_N_RESOURCES && !(run->resources & (1 << run->phase)))
    run->phase++;
  if (run->phase >= LANCER_SYNC_N_RESOURCES)
    {
      /* No Connects balance: connectsSummary is not in the public API, and
       * the live API rejects the whole request that asks for it. */
      finish_run (task);
      return;
    }
  set_progress (self, (double) run->phase / LANCER_SYNC_N_RESOURCES);
  resource = &sync_resources[run->phase];
  if (resource->start != NULL)
    resource->start (task);
  else
    step_begin (task, resource->step, NULL);
}

static void
me_cb (GObject      *source,
       GAsyncResult *res,
       gpointer      user_data)
{
  GTask *task = user_data;
  LancerSync *self = run_sync (task);
  Run *run = run_of (task);
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(LancerUpworkUser) user = NULL;
  GError *error = NULL;

  data = lancer_upwork_client_query_finish (LANCER_UPWORK_CLIENT (source), res, &error);
  if (data == NULL || (user = lancer_upwork_parse_user (data, &error)) == NULL)
    {
      self->running = FALSE;
      self->active_run = NULL;
      set_last_error (self, error->message);
      set_state (self, LANCER_SYNC_STATE_ERROR);
      g_signal_emit (self, signals[FINISHED], 0, NULL, error->message);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  run->user_id = g_strdup (user->id);
  run->report->user_name = g_strdup (user->name);
  run_next_phase (task);
}

static void times_cb (GObject      *source,
                      GAsyncResult *res,
                      gpointer      user_data);

void
lancer_sync_run_async (LancerSync          *self,
                       LancerSyncResources  resources,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;
  Run *run;

  g_return_if_fail (LANCER_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_sync_run_async);
  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, _("A sync is already running."));
      g_object_unref (task);
      return;
    }
  run = g_new0 (Run, 1);
  run->scheduled = (resources & LANCER_SYNC_SCHEDULED) != 0;
  resources &= LANCER_SYNC_ALL;
  run->resources = resources != 0 ? resources : LANCER_SYNC_ALL;
  run->report = g_new0 (LancerSyncReport, 1);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  self->running = TRUE;
  self->active_run = run;
  self->progress = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  set_state (self, LANCER_SYNC_STATE_SYNCING);
  if (run->scheduled)
    lancer_store_sync_state_times_async (self->store, cancellable, times_cb, task);
  else
    lancer_upwork_client_query_async (self->client, "me", NULL, cancellable, me_cb, task);
}

static gboolean
is_due (GHashTable *times,
        const char *resource,
        gint64      cadence_s)
{
  gint64 *last = times != NULL ? g_hash_table_lookup (times, resource) : NULL;

  return last == NULL || g_get_real_time () / G_USEC_PER_SEC - *last >= cadence_s;
}

/* A scheduled run leaves out what cannot have changed since it was last
 * fetched; "Sync Now" and lancer-cli sync ask for everything. */
static void
times_cb (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  GTask *task = user_data;
  LancerSync *self = run_sync (task);
  Run *run = run_of (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) times = lancer_store_sync_state_times_finish (LANCER_STORE (source), res, &error);

  if (times == NULL)
    g_debug ("sync times unknown (%s): asking for everything", error->message);
  for (guint i = 0; i < LANCER_SYNC_N_RESOURCES; i++)
    if (sync_resources[i].cadence_s > 0 && !is_due (times, sync_resources[i].name, sync_resources[i].cadence_s))
      run->resources &= ~(1 << i);
  /* Between the hourly runs over every status, only the open ones. */
  if ((run->resources & LANCER_SYNC_PROPOSALS) && !is_due (times, "proposals:all", CADENCE_HOURLY_S))
    run->statuses = open_proposal_statuses;
  /* Only contracts are asked for by the user's id: a poll for jobs alone
   * costs one request per saved search and nothing else. */
  if (!(run->resources & LANCER_SYNC_CONTRACTS))
    {
      run_next_phase (task);
      return;
    }
  lancer_upwork_client_query_async (self->client, "me", NULL, g_task_get_cancellable (task), me_cb, task);
}

LancerSyncReport *
lancer_sync_run_finish (LancerSync    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- outbox ---- */

typedef struct
{
  GPtrArray *items;
  guint      index;
  guint      sent;
  GHashTable *errors;   /* outbox id → message */
} Flush;

static void
flush_free (Flush *flush)
{
  g_clear_pointer (&flush->items, g_ptr_array_unref);
  g_hash_table_unref (flush->errors);
  g_free (flush);
}

static void flush_next (GTask *task);

static void
mark_done (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  GTask *task = user_data;
  Flush *flush = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!lancer_outbox_mark_finish (LANCER_STORE (source), res, &error))
    g_debug ("outbox: %s", error->message);
  flush->index++;
  flush_next (task);
}

static void
send_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  GTask *task = user_data;
  LancerSync *self = g_task_get_source_object (task);
  Flush *flush = g_task_get_task_data (task);
  LancerOutboxItem *item = g_ptr_array_index (flush->items, flush->index);
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(GError) error = NULL;
  LancerUpworkStory *story = NULL;

  data = lancer_upwork_client_query_finish (LANCER_UPWORK_CLIENT (source), res, &error);
  if (data != NULL)
    story = lancer_upwork_parse_sent_story (data, item->room_id, &error);
  if (story != NULL)
    {
      flush->sent++;
      lancer_outbox_mark_async (self->store, item->id, "sent", story, NULL, NULL, mark_done, task);
      lancer_upwork_story_free (story);
    }
  else
    {
      /* Worth another try later (network, 5xx, a pause, a sign-in), or
       * refused for good (no such room, no permission): the message is
       * then kept, marked, and not sent again until the user says so. */
      gboolean again = lancer_upwork_error_is_transient (error) || error->domain == LANCER_OAUTH_ERROR ||
                       g_error_matches (error, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_UNAUTHORIZED) ||
                       g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      g_hash_table_insert (flush->errors, g_memdup2 (&item->id, sizeof item->id), g_strdup (error->message));
      lancer_outbox_mark_async (self->store, item->id, again ? "failed" : "rejected", NULL, error->message, NULL,
                                mark_done, task);
    }
}

static void
sending_marked (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  GTask *task = user_data;
  LancerSync *self = g_task_get_source_object (task);
  Flush *flush = g_task_get_task_data (task);
  LancerOutboxItem *item = g_ptr_array_index (flush->items, flush->index);
  g_autoptr(JsonNode) vars = NULL;
  g_autoptr(GError) error = NULL;

  if (!lancer_outbox_mark_finish (LANCER_STORE (source), res, &error))
    g_debug ("outbox: %s", error->message);
  vars = lancer_upwork_send_message_variables (item->room_id, item->body);
  lancer_upwork_client_query_async (self->client, "send-message", vars, g_task_get_cancellable (task), send_cb, task);
}

static void
flush_next (GTask *task)
{
  LancerSync *self = g_task_get_source_object (task);
  Flush *flush = g_task_get_task_data (task);
  LancerOutboxItem *item;

  if (flush->index >= flush->items->len)
    {
      g_task_return_pointer (task, GSIZE_TO_POINTER (flush->sent + 1), NULL);
      g_object_unref (task);
      return;
    }
  item = g_ptr_array_index (flush->items, flush->index);
  if (item->body == NULL || item->room_id == NULL)
    {
      flush->index++;
      flush_next (task);
      return;
    }
  /* 'sending' first: a crash now leaves it to be retried, never lost */
  lancer_outbox_mark_async (self->store, item->id, "sending", NULL, NULL, NULL, sending_marked, task);
}

static void
pending_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  GTask *task = user_data;
  Flush *flush = g_task_get_task_data (task);
  GError *error = NULL;

  flush->items = lancer_outbox_pending_finish (LANCER_STORE (source), res, &error);
  if (flush->items == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  flush_next (task);
}

void
lancer_sync_flush_outbox_async (LancerSync          *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  Flush *flush;

  g_return_if_fail (LANCER_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_sync_flush_outbox_async);
  flush = g_new0 (Flush, 1);
  flush->errors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_task_set_task_data (task, flush, (GDestroyNotify) flush_free);
  lancer_outbox_pending_async (self->store, cancellable, pending_cb, task);
}

gssize
lancer_sync_flush_outbox_finish (LancerSync    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  GError *local = NULL;
  gpointer p;

  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  p = g_task_propagate_pointer (G_TASK (result), &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return -1;
    }
  return (gssize) GPOINTER_TO_SIZE (p) - 1;
}

typedef struct
{
  gint64 id;
} Send;

static void
send_flushed (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  GTask *task = user_data;
  Send *send = g_task_get_task_data (task);
  GTask *inner = G_TASK (res);
  Flush *flush = g_task_get_task_data (inner);
  GError *error = NULL;
  const char *why;

  if (lancer_sync_flush_outbox_finish (LANCER_SYNC (source), res, &error) < 0)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  why = g_hash_table_lookup (flush->errors, &send->id);
  if (why != NULL)
    g_task_return_new_error (task, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_FAILED,
                             _("The message is saved in the outbox and will be sent by the next sync: %s"), why);
  else
    g_task_return_pointer (task, GSIZE_TO_POINTER ((gsize) send->id), NULL);
  g_object_unref (task);
}

static void
outbox_added (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  GTask *task = user_data;
  Send *send = g_task_get_task_data (task);
  GError *error = NULL;

  send->id = lancer_outbox_add_finish (LANCER_STORE (source), res, &error);
  if (send->id <= 0)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  lancer_sync_flush_outbox_async (g_task_get_source_object (task), g_task_get_cancellable (task), send_flushed, task);
}

void
lancer_sync_send_message_async (LancerSync          *self,
                                const char          *room_id,
                                const char          *text,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LANCER_IS_SYNC (self));
  g_return_if_fail (room_id != NULL && text != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_sync_send_message_async);
  g_task_set_task_data (task, g_new0 (Send, 1), g_free);
  lancer_outbox_add_async (self->store, room_id, text, cancellable, outbox_added, task);
}

gint64
lancer_sync_send_message_finish (LancerSync    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  return (gint64) GPOINTER_TO_SIZE (g_task_propagate_pointer (G_TASK (result), error));
}

/* ---- scheduling ---- */

static void
scheduled_done (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(LancerSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = lancer_sync_run_finish (LANCER_SYNC (source), res, &error);
  if (report == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("scheduled sync: %s", error->message);
}

static void
run_scheduled (LancerSync *self)
{
  if (self->running || self->paused)
    return;
  lancer_sync_run_async (self, LANCER_SYNC_ALL | LANCER_SYNC_SCHEDULED, self->cancellable, scheduled_done, NULL);
}

static gboolean
timer_cb (gpointer data)
{
  run_scheduled (data);
  return G_SOURCE_CONTINUE;
}

static void
restart_timer (LancerSync *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->started)
    self->timer_id = g_timeout_add_seconds (self->interval_minutes * 60, timer_cb, self);
}

void
lancer_sync_set_interval_minutes (LancerSync *self,
                                  guint       minutes)
{
  g_return_if_fail (LANCER_IS_SYNC (self));

  minutes = CLAMP (minutes, 1, 1440);
  if (self->interval_minutes == minutes)
    return;
  self->interval_minutes = minutes;
  restart_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL_MINUTES]);
}

static void
network_changed (GNetworkMonitor *monitor,
                 gboolean         available,
                 LancerSync      *self)
{
  gboolean paused = !available;

  if (self->paused == paused)
    return;
  self->paused = paused;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
  if (paused)
    g_cancellable_cancel (self->cancellable);
  else
    {
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      run_scheduled (self);   /* back online: catch up now */
    }
}

void
lancer_sync_start (LancerSync *self)
{
  g_return_if_fail (LANCER_IS_SYNC (self));

  if (self->started)
    return;
  self->started = TRUE;
  self->cancellable = g_cancellable_new ();
  /* The demo's sandbox is on loopback: the network state does not matter. */
  if (!g_str_has_prefix (lancer_oauth_default_graphql_url (), "http://127.") &&
      !g_str_has_prefix (lancer_oauth_default_graphql_url (), "http://localhost"))
    {
      self->monitor = g_object_ref (g_network_monitor_get_default ());
      self->monitor_id = g_signal_connect (self->monitor, "network-changed", G_CALLBACK (network_changed), self);
      self->paused = !g_network_monitor_get_network_available (self->monitor);
      if (self->paused)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
    }
  restart_timer (self);
  run_scheduled (self);
}

void
lancer_sync_stop (LancerSync *self)
{
  g_return_if_fail (LANCER_IS_SYNC (self));

  self->started = FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_clear_signal_handler (&self->monitor_id, self->monitor);
      g_clear_object (&self->monitor);
    }
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}
