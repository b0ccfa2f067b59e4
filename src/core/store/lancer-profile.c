/* lancer-profile.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lancer-profile.h"
#include "lancer-profile-manager.h"

#define PROFILE_GROUP "Profile"

struct _LancerProfile
{
  GObject parent_instance;

  char *id;
  char *dir;
  char *display_name;
  gint64 created;
  gboolean is_demo;
};

G_DEFINE_FINAL_TYPE (LancerProfile, lancer_profile, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DISPLAY_NAME,
  PROP_DIR,
  PROP_CREATED,
  PROP_IS_DEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lancer_profile_finalize (GObject *object)
{
  LancerProfile *self = (LancerProfile *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->display_name, g_free);

  G_OBJECT_CLASS (lancer_profile_parent_class)->finalize (object);
}

static void
lancer_profile_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LancerProfile *self = LANCER_PROFILE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_DIR:
      g_value_set_string (value, self->dir);
      break;
    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;
    case PROP_IS_DEMO:
      g_value_set_boolean (value, self->is_demo);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_profile_class_init (LancerProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lancer_profile_finalize;
  object_class->get_property = lancer_profile_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIR] =
    g_param_spec_string ("dir", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_DEMO] =
    g_param_spec_boolean ("is-demo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lancer_profile_init (LancerProfile *self)
{
}

LancerProfile *
_lancer_profile_new (const char *dir,
                     const char *id,
                     const char *display_name,
                     gint64      created,
                     gboolean    is_demo)
{
  LancerProfile *self = g_object_new (LANCER_TYPE_PROFILE, NULL);

  self->dir = g_strdup (dir);
  self->id = g_strdup (id);
  self->display_name = g_strdup (display_name);
  self->created = created;
  self->is_demo = is_demo;
  return self;
}

LancerProfile *
lancer_profile_load (const char  *dir,
                     GError     **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *ini = g_build_filename (dir, "profile.ini", NULL);
  g_autofree char *id = g_path_get_basename (dir);
  g_autofree char *name = NULL;

  if (!g_key_file_load_from_file (keyfile, ini, G_KEY_FILE_NONE, error))
    return NULL;
  name = g_key_file_get_string (keyfile, PROFILE_GROUP, "Name", NULL);
  if (name == NULL || *name == '\0')
    {
      g_set_error (error, LANCER_PROFILE_ERROR, LANCER_PROFILE_ERROR_FAILED,
                   _("The profile in “%s” has no name; its profile.ini is damaged"), dir);
      return NULL;
    }
  return _lancer_profile_new (dir, id, name,
                              g_key_file_get_int64 (keyfile, PROFILE_GROUP, "Created", NULL),
                              g_key_file_get_boolean (keyfile, PROFILE_GROUP, "IsDemo", NULL));
}

gboolean
_lancer_profile_save (LancerProfile  *self,
                      GError        **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *ini = g_build_filename (self->dir, "profile.ini", NULL);
  g_autofree char *data = NULL;
  gsize len = 0;

  g_key_file_set_string (keyfile, PROFILE_GROUP, "Name", self->display_name);
  g_key_file_set_int64 (keyfile, PROFILE_GROUP, "Created", self->created);
  g_key_file_set_boolean (keyfile, PROFILE_GROUP, "IsDemo", self->is_demo);
  data = g_key_file_to_data (keyfile, &len, NULL);
  /* Atomic (temp file + rename) and private like the rest of the folder. */
  return g_file_set_contents_full (ini, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

void
_lancer_profile_set_display_name (LancerProfile *self,
                                  const char    *display_name)
{
  g_return_if_fail (LANCER_IS_PROFILE (self));

  if (g_strcmp0 (self->display_name, display_name) == 0)
    return;
  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

const char *
lancer_profile_get_id (LancerProfile *self)
{
  g_return_val_if_fail (LANCER_IS_PROFILE (self), NULL);
  return self->id;
}

const char *
lancer_profile_get_display_name (LancerProfile *self)
{
  g_return_val_if_fail (LANCER_IS_PROFILE (self), NULL);
  return self->display_name;
}

const char *
lancer_profile_get_dir (LancerProfile *self)
{
  g_return_val_if_fail (LANCER_IS_PROFILE (self), NULL);
  return self->dir;
}

gint64
lancer_profile_get_created (LancerProfile *self)
{
  g_return_val_if_fail (LANCER_IS_PROFILE (self), 0);
  return self->created;
}

gboolean
lancer_profile_get_is_demo (LancerProfile *self)
{
  g_return_val_if_fail (LANCER_IS_PROFILE (self), FALSE);
  return self->is_demo;
}

char *
lancer_profile_dup_db_path (LancerProfile *self)
{
  g_return_val_if_fail (LANCER_IS_PROFILE (self), NULL);
  return g_build_filename (self->dir, "lancer.db", NULL);
}

char *
lancer_profile_dup_backups_dir (LancerProfile *self)
{
  g_return_val_if_fail (LANCER_IS_PROFILE (self), NULL);
  return g_build_filename (self->dir, "backups", NULL);
}

GSettings *
lancer_profile_dup_settings (LancerProfile *self)
{
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (LANCER_IS_PROFILE (self), NULL);

  /* The CLI may run from a build tree without installed schemas; settings
   * then fall back to their defaults instead of aborting. */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, LANCER_PROFILE_SCHEMA_ID, TRUE);
  if (schema == NULL)
    return NULL;

  path = g_strconcat (LANCER_PROFILE_SCHEMA_PATH, self->id, "/", NULL);
  return g_settings_new_full (schema, NULL, path);
}

guint
lancer_profile_get_job_retention_hours (LancerProfile *self)
{
  g_autoptr(GSettings) settings = lancer_profile_dup_settings (self);

  if (settings == NULL)
    return 24;
  return g_settings_get_uint (settings, "job-retention-hours");
}
