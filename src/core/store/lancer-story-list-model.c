/* lancer-story-list-model.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-story-list-model"

#include "config.h"

#include "lancer-story-list-model.h"

#define MAX_CACHED_PAGES 20

struct _LancerStoryListModel
{
  GObject       parent_instance;

  LancerStore  *store;
  char         *room_id;
  char         *user_name;    /* who "you" are, to tell own messages apart */
  guint         page_size;

  guint         n_stories;
  GPtrArray    *outbox;       /* LancerStory */
  GHashTable   *pages;        /* page → GPtrArray of LancerStory */
  GHashTable   *pending;
  /* Pages asked for since the last idle → placeholders of them alive. */
  GHashTable   *wanted;
  guint         wanted_idle;
  GQueue        lru;

  guint         stamp;
  GCancellable *cancellable;
  gboolean      loading;
  gboolean      reload_again;

  guint         n_fetched;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LancerStoryListModel, lancer_story_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  LancerStoryListModel *self;
  guint                 stamp;
  guint                 page;
} Request;

static Request *
request_new (LancerStoryListModel *self,
             guint                 page)
{
  Request *req = g_new0 (Request, 1);

  req->self = g_object_ref (self);
  req->stamp = self->stamp;
  req->page = page;
  return req;
}

static void
request_free (Request *req)
{
  g_object_unref (req->self);
  g_free (req);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static guint
n_items (LancerStoryListModel *self)
{
  return self->n_stories + (self->outbox != NULL ? self->outbox->len : 0);
}

static void
touch_page (LancerStoryListModel *self,
            guint                 page)
{
  g_queue_remove (&self->lru, GUINT_TO_POINTER (page));
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));
  while (g_queue_get_length (&self->lru) > MAX_CACHED_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->lru));
}

static void
page_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Request) req = user_data;
  LancerStoryListModel *self = req->self;
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(GError) error = NULL;
  guint start, n;

  stories = lancer_store_query_stories_finish (LANCER_STORE (object), result, &error);
  if (req->stamp != self->stamp)
    return;
  g_hash_table_remove (self->pending, GUINT_TO_POINTER (req->page));
  if (stories == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Could not load messages: %s", error->message);
      return;
    }

  self->n_fetched += stories->len;
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (req->page), g_ptr_array_ref (stories));
  touch_page (self, req->page);

  start = req->page * self->page_size;
  if (start >= self->n_stories)
    return;
  n = MIN (self->page_size, self->n_stories - start);
  g_list_model_items_changed (G_LIST_MODEL (self), start, n, n);
}

static void
request_page (LancerStoryListModel *self,
              guint                 page)
{
  if (g_hash_table_contains (self->pending, GUINT_TO_POINTER (page)))
    return;
  g_hash_table_add (self->pending, GUINT_TO_POINTER (page));
  lancer_store_query_stories_async (self->store, self->room_id, page * self->page_size, self->page_size,
                                    self->cancellable, page_loaded_cb, request_new (self, page));
}

static void start_reload (LancerStoryListModel *self);

/* A view asks for every row it might show while it settles on where to
 * stand (the top first, then where it is scrolled to). Pages are read one
 * idle later, and only those whose placeholders the view still holds
 * when it holds any. */
typedef struct
{
  LancerStoryListModel *self;
  guint                 stamp;
  guint                 page;
} Want;

static void
placeholder_gone_cb (gpointer  data,
                     GObject  *placeholder)
{
  Want *want = data;
  LancerStoryListModel *self = want->self;
  guint count;

  if (want->stamp == self->stamp && self->wanted != NULL)
    {
      count = GPOINTER_TO_UINT (g_hash_table_lookup (self->wanted, GUINT_TO_POINTER (want->page)));
      if (count > 0)
        g_hash_table_insert (self->wanted, GUINT_TO_POINTER (want->page), GUINT_TO_POINTER (count - 1));
    }
  g_object_unref (self);
  g_free (want);
}

static gboolean
wanted_idle_cb (gpointer data)
{
  LancerStoryListModel *self = data;
  GHashTableIter iter;
  gpointer page, count;
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (guint));

  g_autoptr(GArray) dropped = g_array_new (FALSE, FALSE, sizeof (guint));

  self->wanted_idle = 0;
  g_hash_table_iter_init (&iter, self->wanted);
  while (g_hash_table_iter_next (&iter, &page, &count))
    {
      guint p = GPOINTER_TO_UINT (page);

      g_array_append_val (GPOINTER_TO_UINT (count) > 0 ? pages : dropped, p);
    }
  g_hash_table_remove_all (self->wanted);
  /* A caller that keeps no rows (not a view) gets what it asked for. */
  if (pages->len == 0)
    g_array_append_vals (pages, dropped->data, dropped->len);
  for (guint i = 0; i < pages->len; i++)
    request_page (self, g_array_index (pages, guint, i));
  return G_SOURCE_REMOVE;
}

static LancerStory *
new_placeholder (LancerStoryListModel *self,
                 guint                 page)
{
  LancerStory *placeholder = lancer_story_new_placeholder ();
  Want *want;
  guint count;

  if (g_hash_table_contains (self->pending, GUINT_TO_POINTER (page)))
    return placeholder;
  want = g_new0 (Want, 1);
  want->self = g_object_ref (self);
  want->stamp = self->stamp;
  want->page = page;
  g_object_weak_ref (G_OBJECT (placeholder), placeholder_gone_cb, want);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->wanted, GUINT_TO_POINTER (page)));
  g_hash_table_insert (self->wanted, GUINT_TO_POINTER (page), GUINT_TO_POINTER (count + 1));
  if (self->wanted_idle == 0)
    self->wanted_idle = g_idle_add (wanted_idle_cb, self);
  return placeholder;
}

/* Shows the reloaded room: @n_stories stories and @outbox (taken). */
static void
finish_reload (LancerStoryListModel *self,
               guint                 n_stories,
               GPtrArray            *outbox)
{
  guint old_n = n_items (self);

  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
  self->n_stories = n_stories;
  g_clear_pointer (&self->outbox, g_ptr_array_unref);
  self->outbox = outbox;
  self->loading = FALSE;

  /* The view opens at the newest message: fetch that page right away. */
  if (self->n_stories > 0)
    request_page (self, (self->n_stories - 1) / self->page_size);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, n_items (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  if (self->reload_again)
    start_reload (self);
}

static void
room_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Request) req = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  gssize n = lancer_store_load_room_finish (LANCER_STORE (object), result, &outbox, &error);

  if (req->stamp != req->self->stamp)
    return;
  if (n < 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Could not load messages: %s", error->message);
      req->self->loading = FALSE;
      g_object_notify_by_pspec (G_OBJECT (req->self), properties[PROP_LOADING]);
      return;
    }
  finish_reload (req->self, (guint) n, g_steal_pointer (&outbox));
}

static void
start_reload (LancerStoryListModel *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->stamp++;
  self->reload_again = FALSE;
  g_hash_table_remove_all (self->pending);
  g_hash_table_remove_all (self->wanted);
  if (!self->loading)
    {
      self->loading = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
  lancer_store_load_room_async (self->store, self->room_id, self->cancellable,
                                room_loaded_cb, request_new (self, 0));
}

void
lancer_story_list_model_reload (LancerStoryListModel *self)
{
  g_return_if_fail (LANCER_IS_STORY_LIST_MODEL (self));

  /* Coalesce bursts of ::changed while a reload is in flight. */
  if (self->loading && self->stamp > 0)
    {
      self->reload_again = TRUE;
      return;
    }
  start_reload (self);
}

static void
store_changed_cb (LancerStoryListModel *self,
                  const char           *table,
                  LancerStore          *store)
{
  lancer_story_list_model_reload (self);
}

/* GListModel */

static GType
get_item_type (GListModel *model)
{
  return LANCER_TYPE_STORY;
}

static guint
get_n_items (GListModel *model)
{
  return n_items (LANCER_STORY_LIST_MODEL (model));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  LancerStoryListModel *self = LANCER_STORY_LIST_MODEL (model);
  guint page;
  GPtrArray *stories;

  if (position >= n_items (self))
    return NULL;
  if (position >= self->n_stories)
    return g_object_ref (g_ptr_array_index (self->outbox, position - self->n_stories));

  page = position / self->page_size;
  stories = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (stories != NULL)
    {
      guint i = position % self->page_size;

      touch_page (self, page);
      if (i < stories->len)
        {
          LancerStory *story = g_ptr_array_index (stories, i);

          lancer_story_set_user_name (story, self->user_name);
          return g_object_ref (story);
        }
      return lancer_story_new_placeholder ();
    }
  return new_placeholder (self, page);
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
lancer_story_list_model_dispose (GObject *object)
{
  LancerStoryListModel *self = LANCER_STORY_LIST_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->wanted_idle, g_source_remove);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lancer_story_list_model_parent_class)->dispose (object);
}

static void
lancer_story_list_model_finalize (GObject *object)
{
  LancerStoryListModel *self = LANCER_STORY_LIST_MODEL (object);

  g_free (self->room_id);
  g_free (self->user_name);
  g_clear_pointer (&self->outbox, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->wanted, g_hash_table_unref);
  g_queue_clear (&self->lru);

  G_OBJECT_CLASS (lancer_story_list_model_parent_class)->finalize (object);
}

static void
lancer_story_list_model_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  LancerStoryListModel *self = LANCER_STORY_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_story_list_model_class_init (LancerStoryListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lancer_story_list_model_dispose;
  object_class->finalize = lancer_story_list_model_finalize;
  object_class->get_property = lancer_story_list_model_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lancer_story_list_model_init (LancerStoryListModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->pending = g_hash_table_new (NULL, NULL);
  self->wanted = g_hash_table_new (NULL, NULL);
  self->outbox = g_ptr_array_new_with_free_func (g_object_unref);
}

LancerStoryListModel *
lancer_story_list_model_new (LancerStore *store,
                             const char  *room_id,
                             guint        page_size)
{
  LancerStoryListModel *self;

  g_return_val_if_fail (LANCER_IS_STORE (store), NULL);
  g_return_val_if_fail (room_id != NULL, NULL);

  self = g_object_new (LANCER_TYPE_STORY_LIST_MODEL, NULL);
  self->store = g_object_ref (store);
  self->room_id = g_strdup (room_id);
  self->page_size = page_size > 0 ? page_size : 50;
  g_signal_connect_object (store, "changed::stories", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::outbox", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  start_reload (self);
  return self;
}

const char *
lancer_story_list_model_get_room_id (LancerStoryListModel *self)
{
  g_return_val_if_fail (LANCER_IS_STORY_LIST_MODEL (self), NULL);
  return self->room_id;
}

gboolean
lancer_story_list_model_get_loading (LancerStoryListModel *self)
{
  g_return_val_if_fail (LANCER_IS_STORY_LIST_MODEL (self), FALSE);
  return self->loading;
}

guint
lancer_story_list_model_get_n_fetched (LancerStoryListModel *self)
{
  g_return_val_if_fail (LANCER_IS_STORY_LIST_MODEL (self), 0);
  return self->n_fetched;
}

guint
lancer_story_list_model_get_n_stories (LancerStoryListModel *self)
{
  g_return_val_if_fail (LANCER_IS_STORY_LIST_MODEL (self), 0);
  return self->n_stories;
}

const char *
lancer_story_list_model_get_user_name (LancerStoryListModel *self)
{
  g_return_val_if_fail (LANCER_IS_STORY_LIST_MODEL (self), NULL);
  return self->user_name;
}

void
lancer_story_list_model_set_user_name (LancerStoryListModel *self,
                                       const char           *user_name)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (LANCER_IS_STORY_LIST_MODEL (self));

  if (g_strcmp0 (self->user_name, user_name) == 0)
    return;
  g_free (self->user_name);
  self->user_name = g_strdup (user_name);
  /* Stories already handed out learn it too, so their rows restyle. */
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *stories = value;

      for (guint i = 0; i < stories->len; i++)
        lancer_story_set_user_name (g_ptr_array_index (stories, i), user_name);
    }
}
