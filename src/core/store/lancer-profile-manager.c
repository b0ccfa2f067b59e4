/* lancer-profile-manager.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lancer-paths.h"
#include "lancer-profile-manager.h"
#include "lancer-secrets.h"

struct _LancerProfileManager
{
  GObject parent_instance;

  char *root_dir;
  GListStore *profiles;

  /* "last-used" written in the background, one write at a time, in order */
  GThreadPool *last_used_writer;
  GMutex last_used_lock;
  char *last_used_pending;    /* the id queued last; NULL once written */
};

G_DEFINE_FINAL_TYPE (LancerProfileManager, lancer_profile_manager, G_TYPE_OBJECT)
G_DEFINE_QUARK (lancer-profile-error-quark, lancer_profile_error)

static void
lancer_profile_manager_finalize (GObject *object)
{
  LancerProfileManager *self = (LancerProfileManager *) object;

  /* the queued write of "last-used" still lands */
  if (self->last_used_writer != NULL)
    g_thread_pool_free (self->last_used_writer, FALSE, TRUE);
  g_mutex_clear (&self->last_used_lock);
  g_clear_pointer (&self->last_used_pending, g_free);
  g_clear_pointer (&self->root_dir, g_free);
  g_clear_object (&self->profiles);

  G_OBJECT_CLASS (lancer_profile_manager_parent_class)->finalize (object);
}

static void
lancer_profile_manager_class_init (LancerProfileManagerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lancer_profile_manager_finalize;
}

static void
lancer_profile_manager_init (LancerProfileManager *self)
{
  self->profiles = g_list_store_new (LANCER_TYPE_PROFILE);
  g_mutex_init (&self->last_used_lock);
}

static int
compare_profiles (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  LancerProfile *pa = (LancerProfile *) a;
  LancerProfile *pb = (LancerProfile *) b;
  gint64 ca = lancer_profile_get_created (pa);
  gint64 cb = lancer_profile_get_created (pb);

  if (ca != cb)
    return ca < cb ? -1 : 1;
  return g_strcmp0 (lancer_profile_get_id (pa), lancer_profile_get_id (pb));
}

/* Every profile folder under @root_dir, oldest first. Only files are
 * touched, so any thread may call it. */
static GListStore *
read_profiles (const char *root_dir)
{
  g_autoptr(GDir) dir = NULL;
  GListStore *found = g_list_store_new (LANCER_TYPE_PROFILE);
  const char *name;

  dir = g_dir_open (root_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (root_dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(LancerProfile) profile = NULL;

      if (!g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;
      profile = lancer_profile_load (path, &error);
      if (profile == NULL)
        {
          g_debug ("Skipping %s: %s", path, error->message);
          continue;
        }
      g_list_store_insert_sorted (found, profile, compare_profiles, NULL);
    }
  return found;
}

static gboolean
same_profiles (GListModel *a,
               GListModel *b)
{
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LancerProfile) pa = g_list_model_get_item (a, i);
      g_autoptr(LancerProfile) pb = g_list_model_get_item (b, i);

      if (!g_str_equal (lancer_profile_get_id (pa), lancer_profile_get_id (pb)) ||
          g_strcmp0 (lancer_profile_get_display_name (pa), lancer_profile_get_display_name (pb)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Only a real change reaches the list's watchers (the profiles menu). */
static void
set_profiles (LancerProfileManager *self,
              GListModel           *found)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (found);

  if (same_profiles (G_LIST_MODEL (self->profiles), found))
    return;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (found, i));
  g_list_store_splice (self->profiles, 0, g_list_model_get_n_items (G_LIST_MODEL (self->profiles)),
                       items->pdata, items->len);
}

void
lancer_profile_manager_reload (LancerProfileManager *self)
{
  g_autoptr(GListStore) found = NULL;

  g_return_if_fail (LANCER_IS_PROFILE_MANAGER (self));

  found = read_profiles (self->root_dir);
  set_profiles (self, G_LIST_MODEL (found));
}

LancerProfileManager *
lancer_profile_manager_new (const char *root_dir)
{
  LancerProfileManager *self = g_object_new (LANCER_TYPE_PROFILE_MANAGER, NULL);

  self->root_dir = root_dir ? g_strdup (root_dir) : lancer_paths_dup_profiles_dir ();
  lancer_profile_manager_reload (self);
  return self;
}

const char *
lancer_profile_manager_get_root_dir (LancerProfileManager *self)
{
  g_return_val_if_fail (LANCER_IS_PROFILE_MANAGER (self), NULL);
  return self->root_dir;
}

GListModel *
lancer_profile_manager_get_profiles (LancerProfileManager *self)
{
  g_return_val_if_fail (LANCER_IS_PROFILE_MANAGER (self), NULL);
  return G_LIST_MODEL (self->profiles);
}

static gboolean
find_profile (LancerProfileManager *self,
              LancerProfile        *profile,
              guint                *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->profiles));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LancerProfile) p = g_list_model_get_item (G_LIST_MODEL (self->profiles), i);

      if (g_str_equal (lancer_profile_get_id (p), lancer_profile_get_id (profile)))
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static LancerProfile *
lookup_in (GListModel *profiles,
           const char *id_or_name)
{
  g_autofree char *folded = NULL;
  guint n = g_list_model_get_n_items (profiles);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LancerProfile) p = g_list_model_get_item (profiles, i);

      if (g_str_equal (lancer_profile_get_id (p), id_or_name))
        return g_steal_pointer (&p);
    }

  folded = g_utf8_casefold (id_or_name, -1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LancerProfile) p = g_list_model_get_item (profiles, i);
      g_autofree char *other = g_utf8_casefold (lancer_profile_get_display_name (p), -1);

      if (g_str_equal (folded, other))
        return g_steal_pointer (&p);
    }
  return NULL;
}

LancerProfile *
lancer_profile_manager_lookup (LancerProfileManager *self,
                               const char           *id_or_name)
{
  g_return_val_if_fail (LANCER_IS_PROFILE_MANAGER (self), NULL);
  g_return_val_if_fail (id_or_name != NULL, NULL);

  return lookup_in (G_LIST_MODEL (self->profiles), id_or_name);
}

static gboolean
check_name (GListModel            *profiles,
            const char            *display_name,
            LancerProfile         *except,
            GError               **error)
{
  g_autoptr(LancerProfile) other = NULL;
  g_autofree char *stripped = NULL;

  stripped = g_strstrip (g_strdup (display_name ? display_name : ""));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL) || strchr (stripped, '\n'))
    {
      g_set_error (error, LANCER_PROFILE_ERROR, LANCER_PROFILE_ERROR_INVALID_NAME,
                   _("A profile needs a name of one line; choose another name"));
      return FALSE;
    }
  other = lookup_in (profiles, stripped);
  if (other != NULL && (except == NULL || other != except) &&
      (except == NULL || !g_str_equal (lancer_profile_get_id (other), lancer_profile_get_id (except))))
    {
      g_set_error (error, LANCER_PROFILE_ERROR, LANCER_PROFILE_ERROR_EXISTS,
                   _("A profile named “%s” already exists; choose another name"), stripped);
      return FALSE;
    }
  return TRUE;
}

/* Makes the folder and profile.ini of a new profile under @root_dir,
 * named unlike any of @existing. Only files: any thread. */
static LancerProfile *
create_in (const char  *root_dir,
           GListModel  *existing,
           const char  *display_name,
           gboolean     is_demo,
           GError     **error)
{
  g_autoptr(LancerProfile) profile = NULL;
  g_autofree char *id = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (!check_name (existing, display_name, NULL, error))
    return NULL;
  name = g_strstrip (g_strdup (display_name));

  if (g_mkdir_with_parents (root_dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), root_dir, g_strerror (saved_errno));
      return NULL;
    }

  /* Random ids keep keyring attributes and settings paths free of the
   * user's chosen name and stable across renames. */
  for (;;)
    {
      g_free (id);
      g_free (dir);
      id = g_strdup_printf ("%08x%08x", g_random_int (), g_random_int ());
      dir = g_build_filename (root_dir, id, NULL);
      if (g_mkdir (dir, 0700) == 0)
        break;
      if (errno != EEXIST)
        {
          int saved_errno = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
          return NULL;
        }
    }
  g_chmod (dir, 0700);

  profile = _lancer_profile_new (dir, id, name, g_date_time_to_unix (now), is_demo);
  if (!_lancer_profile_save (profile, error))
    {
      g_rmdir (dir);
      return NULL;
    }
  return g_steal_pointer (&profile);
}

/* The new profile's settings and its place in the list: main thread. */
static void
add_created (LancerProfileManager *self,
             LancerProfile        *profile)
{
  guint position;

  if (lancer_profile_get_is_demo (profile))
    {
      g_autoptr(GSettings) settings = lancer_profile_dup_settings (profile);
      if (settings != NULL)
        g_settings_set_boolean (settings, "is-demo", TRUE);
    }
  if (!find_profile (self, profile, &position))
    g_list_store_insert_sorted (self->profiles, profile, compare_profiles, NULL);
}

LancerProfile *
lancer_profile_manager_create (LancerProfileManager  *self,
                               const char            *display_name,
                               gboolean               is_demo,
                               GError               **error)
{
  LancerProfile *profile;

  g_return_val_if_fail (LANCER_IS_PROFILE_MANAGER (self), NULL);

  lancer_profile_manager_reload (self);
  profile = create_in (self->root_dir, G_LIST_MODEL (self->profiles), display_name, is_demo, error);
  if (profile != NULL)
    add_created (self, profile);
  return profile;
}

typedef struct
{
  char       *root_dir;
  char       *display_name;
  gboolean    is_demo;
  GListStore *found;       /* the folder as the thread read it */
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_free (data->root_dir);
  g_free (data->display_name);
  g_clear_object (&data->found);
  g_free (data);
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CreateData *data = task_data;
  GError *error = NULL;
  LancerProfile *profile;

  data->found = read_profiles (data->root_dir);
  profile = create_in (data->root_dir, G_LIST_MODEL (data->found), data->display_name, data->is_demo, &error);
  if (profile == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, profile, g_object_unref);
}

void
lancer_profile_manager_create_async (LancerProfileManager *self,
                                     const char           *display_name,
                                     gboolean              is_demo,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  CreateData *data;

  g_return_if_fail (LANCER_IS_PROFILE_MANAGER (self));
  g_return_if_fail (display_name != NULL);

  data = g_new0 (CreateData, 1);
  data->root_dir = g_strdup (self->root_dir);
  data->display_name = g_strdup (display_name);
  data->is_demo = is_demo;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_profile_manager_create_async);
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);
  g_task_run_in_thread (task, create_thread);
}

LancerProfile *
lancer_profile_manager_create_finish (LancerProfileManager  *self,
                                      GAsyncResult          *result,
                                      GError               **error)
{
  CreateData *data;
  LancerProfile *profile;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  /* The list follows the folder the thread read, plus the new profile. */
  data = g_task_get_task_data (G_TASK (result));
  if (data->found != NULL)
    set_profiles (self, G_LIST_MODEL (data->found));
  profile = g_task_propagate_pointer (G_TASK (result), error);
  if (profile != NULL)
    add_created (self, profile);
  return profile;
}

gboolean
lancer_profile_manager_rename (LancerProfileManager  *self,
                               LancerProfile         *profile,
                               const char            *display_name,
                               GError               **error)
{
  g_autofree char *name = NULL;
  g_autofree char *old = NULL;
  guint position;

  g_return_val_if_fail (LANCER_IS_PROFILE_MANAGER (self), FALSE);
  g_return_val_if_fail (LANCER_IS_PROFILE (profile), FALSE);

  if (!check_name (G_LIST_MODEL (self->profiles), display_name, profile, error))
    return FALSE;
  name = g_strstrip (g_strdup (display_name));
  old = g_strdup (lancer_profile_get_display_name (profile));
  _lancer_profile_set_display_name (profile, name);
  if (!_lancer_profile_save (profile, error))
    {
      _lancer_profile_set_display_name (profile, old);
      return FALSE;
    }
  /* Our list may hold a different instance of the same profile. */
  if (find_profile (self, profile, &position))
    {
      g_autoptr(LancerProfile) mine = g_list_model_get_item (G_LIST_MODEL (self->profiles), position);
      _lancer_profile_set_display_name (mine, name);
    }
  return TRUE;
}

static gboolean
remove_tree (const char  *path,
             GError     **error)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, error);
      const char *name;

      if (dir == NULL)
        return FALSE;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          if (!remove_tree (child, error))
            return FALSE;
        }
      if (g_rmdir (path) != 0)
        goto failed;
      return TRUE;
    }
  if (g_unlink (path) != 0 && errno != ENOENT)
    goto failed;
  return TRUE;

failed:
  {
    int saved_errno = errno;
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Could not remove “%s”: %s"), path, g_strerror (saved_errno));
    return FALSE;
  }
}

static void
reset_settings (LancerProfile *profile)
{
  g_autoptr(GSettings) settings = lancer_profile_dup_settings (profile);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  if (settings == NULL)
    return;
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  g_settings_sync ();
}

gboolean
lancer_profile_manager_delete_sync (LancerProfileManager  *self,
                                    LancerProfile         *profile,
                                    GCancellable          *cancellable,
                                    GError               **error)
{
  g_autoptr(GError) keyring_error = NULL;
  g_autofree char *last = NULL;
  g_autofree char *last_path = NULL;
  guint position;

  g_return_val_if_fail (LANCER_IS_PROFILE_MANAGER (self), FALSE);
  g_return_val_if_fail (LANCER_IS_PROFILE (profile), FALSE);

  /* Secrets first: if the keyring refuses, the profile stays whole and the
   * user can try again, instead of leaving orphaned tokens behind. */
  if (!lancer_secrets_clear_profile_sync (lancer_profile_get_id (profile), cancellable, &keyring_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&keyring_error),
                                  _("The profile was not deleted because its keyring items could not be removed: "));
      return FALSE;
    }

  if (!remove_tree (lancer_profile_get_dir (profile), error))
    return FALSE;

  reset_settings (profile);

  last_path = g_build_filename (self->root_dir, "last-used", NULL);
  if (g_file_get_contents (last_path, &last, NULL, NULL) &&
      g_str_equal (g_strstrip (last), lancer_profile_get_id (profile)))
    g_unlink (last_path);

  if (find_profile (self, profile, &position))
    g_list_store_remove (self->profiles, position);
  return TRUE;
}

static void
delete_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (lancer_profile_manager_delete_sync (source_object, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
lancer_profile_manager_delete_async (LancerProfileManager *self,
                                     LancerProfile        *profile,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LANCER_IS_PROFILE_MANAGER (self));
  g_return_if_fail (LANCER_IS_PROFILE (profile));

  /* The list store is not thread-safe; the thread only touches files and
   * the keyring, and the list is updated from the main context below. */
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_profile_manager_delete_async);
  g_task_set_task_data (task, g_object_ref (profile), g_object_unref);
  g_task_run_in_thread (task, delete_thread);
}

gboolean
lancer_profile_manager_delete_finish (LancerProfileManager  *self,
                                      GAsyncResult          *result,
                                      GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

LancerProfile *
lancer_profile_manager_dup_last_used (LancerProfileManager *self)
{
  g_autofree char *path = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (LANCER_IS_PROFILE_MANAGER (self), NULL);

  /* a choice still on its way to the disk is the answer */
  g_mutex_lock (&self->last_used_lock);
  id = g_strdup (self->last_used_pending);
  g_mutex_unlock (&self->last_used_lock);
  if (id != NULL)
    return lancer_profile_manager_lookup (self, id);

  /* A small file next to the profiles rather than GSettings: the CLI and
   * the app must agree even with the memory or keyfile backend. */
  path = g_build_filename (self->root_dir, "last-used", NULL);
  if (!g_file_get_contents (path, &id, NULL, NULL))
    return NULL;
  g_strstrip (id);
  if (*id == '\0')
    return NULL;
  return lancer_profile_manager_lookup (self, id);
}

static void
write_last_used (const char  *root_dir,
                 const char  *id)
{
  g_autofree char *path = g_build_filename (root_dir, "last-used", NULL);
  g_autofree char *current = NULL;
  g_autoptr(GError) error = NULL;

  /* Most starts open the profile used last: no write, no fsync then. */
  if (g_file_get_contents (path, &current, NULL, NULL) && g_strcmp0 (current, id) == 0)
    return;
  if (!g_file_set_contents_full (path, id, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_warning ("Could not remember the last used profile: %s", error->message);
}

void
lancer_profile_manager_set_last_used (LancerProfileManager *self,
                                      LancerProfile        *profile)
{
  g_return_if_fail (LANCER_IS_PROFILE_MANAGER (self));
  g_return_if_fail (LANCER_IS_PROFILE (profile));

  write_last_used (self->root_dir, lancer_profile_get_id (profile));
}

static void
last_used_writer_cb (gpointer data,
                     gpointer user_data)
{
  g_autofree char *id = data;
  LancerProfileManager *self = user_data;

  write_last_used (self->root_dir, id);
  g_mutex_lock (&self->last_used_lock);
  if (g_strcmp0 (self->last_used_pending, id) == 0)
    g_clear_pointer (&self->last_used_pending, g_free);
  g_mutex_unlock (&self->last_used_lock);
}

void
lancer_profile_manager_remember_last_used (LancerProfileManager *self,
                                           LancerProfile        *profile)
{
  const char *id;

  g_return_if_fail (LANCER_IS_PROFILE_MANAGER (self));
  g_return_if_fail (LANCER_IS_PROFILE (profile));

  id = lancer_profile_get_id (profile);
  if (self->last_used_writer == NULL)
    /* one thread: the writes land in the order they were asked for */
    self->last_used_writer = g_thread_pool_new (last_used_writer_cb, self, 1, FALSE, NULL);
  g_mutex_lock (&self->last_used_lock);
  g_free (self->last_used_pending);
  self->last_used_pending = g_strdup (id);
  g_mutex_unlock (&self->last_used_lock);
  g_thread_pool_push (self->last_used_writer, g_strdup (id), NULL);
}

LancerProfile *
lancer_profile_manager_ensure_default (LancerProfileManager  *self,
                                       GError               **error)
{
  LancerProfile *profile;

  g_return_val_if_fail (LANCER_IS_PROFILE_MANAGER (self), NULL);

  profile = lancer_profile_manager_dup_last_used (self);
  if (profile == NULL && g_list_model_get_n_items (G_LIST_MODEL (self->profiles)) > 0)
    profile = g_list_model_get_item (G_LIST_MODEL (self->profiles), 0);
  if (profile == NULL)
    /* Translators: the name of the profile created on first start */
    profile = lancer_profile_manager_create (self, _("Personal"), FALSE, error);
  if (profile != NULL)
    lancer_profile_manager_set_last_used (self, profile);
  return profile;
}
