/* lancer-profile.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LANCER_PROFILE_SCHEMA_ID   "io.github.lancerdesk.Lancer.Profile"
#define LANCER_PROFILE_SCHEMA_PATH "/io/github/lancerdesk/Lancer/profiles/"

#define LANCER_TYPE_PROFILE (lancer_profile_get_type ())

G_DECLARE_FINAL_TYPE (LancerProfile, lancer_profile, LANCER, PROFILE, GObject)

/* One freelancer account: its directory (0700) holds lancer.db, backups/ and
 * profile.ini; its keyring items carry profile=<id>; its settings live at
 * LANCER_PROFILE_SCHEMA_PATH<id>/. Get profiles from LancerProfileManager. */
const char *lancer_profile_get_id                   (LancerProfile *self);
const char *lancer_profile_get_display_name         (LancerProfile *self);
const char *lancer_profile_get_dir                  (LancerProfile *self);
/* Seconds since the Unix epoch. */
gint64      lancer_profile_get_created              (LancerProfile *self);
gboolean    lancer_profile_get_is_demo              (LancerProfile *self);
char       *lancer_profile_dup_db_path              (LancerProfile *self);
char       *lancer_profile_dup_backups_dir          (LancerProfile *self);
/* The profile's own settings, or NULL if the schema is not installed. */
GSettings  *lancer_profile_dup_settings             (LancerProfile *self);
/* job-retention-hours from the settings (24 when there are none). */
guint       lancer_profile_get_job_retention_hours  (LancerProfile *self);

/* Opens a profile directory directly (tools, tests); most code wants the manager. */
LancerProfile *lancer_profile_load                  (const char     *dir,
                                                     GError        **error);

/* Internal: the manager creates, renames and saves profiles. */
LancerProfile *_lancer_profile_new                  (const char     *dir,
                                                     const char     *id,
                                                     const char     *display_name,
                                                     gint64          created,
                                                     gboolean        is_demo);
void        _lancer_profile_set_display_name        (LancerProfile *self,
                                                     const char    *display_name);
gboolean    _lancer_profile_save                    (LancerProfile *self,
                                                     GError       **error);

G_END_DECLS
