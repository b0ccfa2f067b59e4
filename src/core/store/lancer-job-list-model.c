/* lancer-job-list-model.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store"

#include "config.h"

#include <string.h>

#include "lancer-job-list-model.h"

#define DEFAULT_PAGE_SIZE 50
#define MAX_CACHED_PAGES  40

struct _LancerJobListModel
{
  GObject parent_instance;

  LancerStore *store;
  char *search;
  gboolean saved_only;
  guint page_size;

  guint n_items;
  GHashTable *pages;          /* page index → GPtrArray of LancerJob */
  GHashTable *pending;        /* page index set */
  GQueue lru;                 /* page indexes, most recent first */

  /* A reload is a count plus the first page; both must belong to the
   * current stamp or they are stale and dropped. */
  guint stamp;
  GCancellable *cancellable;
  gboolean loading;
  gboolean reload_again;
  gssize pending_count;
  GPtrArray *pending_first_page;

  guint n_fetched;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LancerJobListModel, lancer_job_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_SEARCH,
  PROP_SAVED_ONLY,
  PROP_PAGE_SIZE,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  LancerJobListModel *self;
  guint stamp;
  guint page;
} PageRequest;

static PageRequest *
page_request_new (LancerJobListModel *self,
                  guint               page)
{
  PageRequest *req = g_new0 (PageRequest, 1);

  req->self = g_object_ref (self);
  req->stamp = self->stamp;
  req->page = page;
  return req;
}

static void
page_request_free (PageRequest *req)
{
  g_object_unref (req->self);
  g_free (req);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PageRequest, page_request_free)

static void
fill_query (LancerJobListModel *self,
            LancerJobQuery     *query)
{
  memset (query, 0, sizeof *query);
  query->search = self->search;
  query->saved_only = self->saved_only;
  /* Newest first, searching or not: rows do not jump around while the
   * user types, and the index serves it without ranking every match. */
  query->sort = LANCER_JOB_SORT_NEWEST;
}

static void
touch_page (LancerJobListModel *self,
            guint               page)
{
  g_queue_remove (&self->lru, GUINT_TO_POINTER (page));
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));

  while (g_queue_get_length (&self->lru) > MAX_CACHED_PAGES)
    {
      guint old = GPOINTER_TO_UINT (g_queue_pop_tail (&self->lru));
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (old));
    }
}

static void
insert_page (LancerJobListModel *self,
             guint               page,
             GPtrArray          *jobs)
{
  self->n_fetched += jobs->len;
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), g_ptr_array_ref (jobs));
  touch_page (self, page);
}

static void
page_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PageRequest) req = user_data;
  LancerJobListModel *self = req->self;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  guint start, n;

  jobs = lancer_store_query_jobs_finish (LANCER_STORE (object), result, &error);
  if (req->stamp != self->stamp)
    return;
  g_hash_table_remove (self->pending, GUINT_TO_POINTER (req->page));
  if (jobs == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load jobs: %s", error->message);
      return;
    }

  insert_page (self, req->page, jobs);
  start = req->page * self->page_size;
  if (start >= self->n_items)
    return;
  n = MIN (self->page_size, self->n_items - start);
  /* Swap the placeholders the view holds for the real rows. */
  g_list_model_items_changed (G_LIST_MODEL (self), start, n, n);
}

static void
request_page (LancerJobListModel *self,
              guint               page)
{
  LancerJobQuery query;

  if (g_hash_table_contains (self->pending, GUINT_TO_POINTER (page)))
    return;
  g_hash_table_add (self->pending, GUINT_TO_POINTER (page));
  fill_query (self, &query);
  lancer_store_query_jobs_async (self->store, &query, page * self->page_size, self->page_size,
                                 self->cancellable, page_loaded_cb, page_request_new (self, page));
}

static void start_reload (LancerJobListModel *self);

static void
finish_reload (LancerJobListModel *self)
{
  guint old_n = self->n_items;
  guint new_n;

  if (self->pending_count < 0 || self->pending_first_page == NULL)
    return;

  new_n = (guint) self->pending_count;
  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->pending);
  g_queue_clear (&self->lru);
  insert_page (self, 0, self->pending_first_page);
  g_clear_pointer (&self->pending_first_page, g_ptr_array_unref);
  self->pending_count = -1;
  self->n_items = new_n;
  self->loading = FALSE;

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  if (self->reload_again)
    start_reload (self);
}

static void
reload_failed (LancerJobListModel *self,
               GError             *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not load jobs: %s", error->message);
  self->loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
count_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PageRequest) req = user_data;
  g_autoptr(GError) error = NULL;
  gssize n;

  n = lancer_store_count_jobs_finish (LANCER_STORE (object), result, &error);
  if (req->stamp != req->self->stamp)
    return;
  if (n < 0)
    {
      reload_failed (req->self, error);
      return;
    }
  req->self->pending_count = n;
  finish_reload (req->self);
}

static void
first_page_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PageRequest) req = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *jobs;

  jobs = lancer_store_query_jobs_finish (LANCER_STORE (object), result, &error);
  if (req->stamp != req->self->stamp)
    {
      g_clear_pointer (&jobs, g_ptr_array_unref);
      return;
    }
  if (jobs == NULL)
    {
      reload_failed (req->self, error);
      return;
    }
  req->self->pending_first_page = jobs;
  finish_reload (req->self);
}

static void
start_reload (LancerJobListModel *self)
{
  LancerJobQuery query;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->stamp++;
  self->reload_again = FALSE;
  self->pending_count = -1;
  g_clear_pointer (&self->pending_first_page, g_ptr_array_unref);
  g_hash_table_remove_all (self->pending);

  if (!self->loading)
    {
      self->loading = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }

  /* The first page comes first: it is what the user is waiting for. */
  fill_query (self, &query);
  lancer_store_query_jobs_async (self->store, &query, 0, self->page_size, self->cancellable,
                                 first_page_cb, page_request_new (self, 0));
  lancer_store_count_jobs_async (self->store, &query, self->cancellable,
                                 count_cb, page_request_new (self, 0));
}

void
lancer_job_list_model_reload (LancerJobListModel *self)
{
  g_return_if_fail (LANCER_IS_JOB_LIST_MODEL (self));

  /* Coalesce bursts of ::changed (a sync writes page after page). */
  if (self->loading && self->pending_count < 0 && self->pending_first_page == NULL &&
      self->stamp > 0)
    {
      self->reload_again = TRUE;
      return;
    }
  start_reload (self);
}

static void
store_changed_cb (LancerJobListModel *self,
                  const char         *table,
                  LancerStore        *store)
{
  lancer_job_list_model_reload (self);
}

/* GListModel */

static GType
get_item_type (GListModel *model)
{
  return LANCER_TYPE_JOB;
}

static guint
get_n_items (GListModel *model)
{
  return LANCER_JOB_LIST_MODEL (model)->n_items;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  LancerJobListModel *self = LANCER_JOB_LIST_MODEL (model);
  guint page = position / self->page_size;
  GPtrArray *jobs;

  if (position >= self->n_items)
    return NULL;

  jobs = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (jobs != NULL)
    {
      guint i = position % self->page_size;

      touch_page (self, page);
      if (i < jobs->len)
        return g_object_ref (jobs->pdata[i]);
      /* The table shrank under us; a reload is on its way. */
      return _lancer_job_new_placeholder ();
    }

  request_page (self, page);
  return _lancer_job_new_placeholder ();
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* GObject */

static void
lancer_job_list_model_constructed (GObject *object)
{
  LancerJobListModel *self = (LancerJobListModel *) object;

  G_OBJECT_CLASS (lancer_job_list_model_parent_class)->constructed (object);

  g_signal_connect_object (self->store, "changed::jobs", G_CALLBACK (store_changed_cb),
                           self, G_CONNECT_SWAPPED);
  start_reload (self);
}

static void
lancer_job_list_model_dispose (GObject *object)
{
  LancerJobListModel *self = (LancerJobListModel *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lancer_job_list_model_parent_class)->dispose (object);
}

static void
lancer_job_list_model_finalize (GObject *object)
{
  LancerJobListModel *self = (LancerJobListModel *) object;

  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->pending_first_page, g_ptr_array_unref);
  g_queue_clear (&self->lru);

  G_OBJECT_CLASS (lancer_job_list_model_parent_class)->finalize (object);
}

static void
lancer_job_list_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LancerJobListModel *self = LANCER_JOB_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_SAVED_ONLY:
      g_value_set_boolean (value, self->saved_only);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_job_list_model_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LancerJobListModel *self = LANCER_JOB_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SEARCH:
      lancer_job_list_model_set_search (self, g_value_get_string (value));
      break;
    case PROP_SAVED_ONLY:
      lancer_job_list_model_set_saved_only (self, g_value_get_boolean (value));
      break;
    case PROP_PAGE_SIZE:
      lancer_job_list_model_set_page_size (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_job_list_model_class_init (LancerJobListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lancer_job_list_model_constructed;
  object_class->dispose = lancer_job_list_model_dispose;
  object_class->finalize = lancer_job_list_model_finalize;
  object_class->get_property = lancer_job_list_model_get_property;
  object_class->set_property = lancer_job_list_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LANCER_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVED_ONLY] =
    g_param_spec_boolean ("saved-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL, 1, 10000, DEFAULT_PAGE_SIZE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lancer_job_list_model_init (LancerJobListModel *self)
{
  self->page_size = DEFAULT_PAGE_SIZE;
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->pending = g_hash_table_new (NULL, NULL);
  self->pending_count = -1;
  g_queue_init (&self->lru);
}

LancerJobListModel *
lancer_job_list_model_new (LancerStore *store)
{
  g_return_val_if_fail (LANCER_IS_STORE (store), NULL);
  return g_object_new (LANCER_TYPE_JOB_LIST_MODEL, "store", store, NULL);
}

LancerStore *
lancer_job_list_model_get_store (LancerJobListModel *self)
{
  g_return_val_if_fail (LANCER_IS_JOB_LIST_MODEL (self), NULL);
  return self->store;
}

const char *
lancer_job_list_model_get_search (LancerJobListModel *self)
{
  g_return_val_if_fail (LANCER_IS_JOB_LIST_MODEL (self), NULL);
  return self->search;
}

void
lancer_job_list_model_set_search (LancerJobListModel *self,
                                  const char         *search)
{
  g_return_if_fail (LANCER_IS_JOB_LIST_MODEL (self));

  if (search != NULL && *search == '\0')
    search = NULL;
  if (g_strcmp0 (self->search, search) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (search);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
  if (self->store != NULL)
    start_reload (self);
}

gboolean
lancer_job_list_model_get_saved_only (LancerJobListModel *self)
{
  g_return_val_if_fail (LANCER_IS_JOB_LIST_MODEL (self), FALSE);
  return self->saved_only;
}

void
lancer_job_list_model_set_saved_only (LancerJobListModel *self,
                                      gboolean            saved_only)
{
  g_return_if_fail (LANCER_IS_JOB_LIST_MODEL (self));

  saved_only = !!saved_only;
  if (self->saved_only == saved_only)
    return;
  self->saved_only = saved_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVED_ONLY]);
  if (self->store != NULL)
    start_reload (self);
}

guint
lancer_job_list_model_get_page_size (LancerJobListModel *self)
{
  g_return_val_if_fail (LANCER_IS_JOB_LIST_MODEL (self), 0);
  return self->page_size;
}

void
lancer_job_list_model_set_page_size (LancerJobListModel *self,
                                     guint               page_size)
{
  g_return_if_fail (LANCER_IS_JOB_LIST_MODEL (self));
  g_return_if_fail (page_size > 0);

  if (self->page_size == page_size)
    return;
  self->page_size = page_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_SIZE]);
  if (self->store != NULL)
    start_reload (self);
}

gboolean
lancer_job_list_model_get_loading (LancerJobListModel *self)
{
  g_return_val_if_fail (LANCER_IS_JOB_LIST_MODEL (self), FALSE);
  return self->loading;
}

guint
lancer_job_list_model_get_n_fetched (LancerJobListModel *self)
{
  g_return_val_if_fail (LANCER_IS_JOB_LIST_MODEL (self), 0);
  return self->n_fetched;
}
