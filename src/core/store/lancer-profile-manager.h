/* lancer-profile-manager.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-profile.h"

G_BEGIN_DECLS

#define LANCER_PROFILE_ERROR (lancer_profile_error_quark ())

typedef enum
{
  LANCER_PROFILE_ERROR_FAILED,
  LANCER_PROFILE_ERROR_EXISTS,
  LANCER_PROFILE_ERROR_NOT_FOUND,
  LANCER_PROFILE_ERROR_INVALID_NAME,
} LancerProfileError;

#define LANCER_TYPE_PROFILE_MANAGER (lancer_profile_manager_get_type ())

G_DECLARE_FINAL_TYPE (LancerProfileManager, lancer_profile_manager, LANCER, PROFILE_MANAGER, GObject)

GQuark                lancer_profile_error_quark              (void);

/* @root_dir: the directory holding one folder per profile; NULL means
 * $XDG_DATA_HOME/lancer/profiles. Tests pass their own temporary directory. */
LancerProfileManager *lancer_profile_manager_new              (const char            *root_dir);
const char           *lancer_profile_manager_get_root_dir     (LancerProfileManager  *self);
/* A GListModel of LancerProfile, oldest first; updated on create/rename/delete. */
GListModel           *lancer_profile_manager_get_profiles     (LancerProfileManager  *self);
/* Re-reads the root directory (another process may have changed it). */
void                  lancer_profile_manager_reload           (LancerProfileManager  *self);
/* Finds a profile by id, or by display name (case-insensitive). */
LancerProfile        *lancer_profile_manager_lookup           (LancerProfileManager  *self,
                                                               const char            *id_or_name);
LancerProfile        *lancer_profile_manager_create           (LancerProfileManager  *self,
                                                               const char            *display_name,
                                                               gboolean               is_demo,
                                                               GError               **error);
/* The same, with the folder work on a worker thread (the app's way). */
void                  lancer_profile_manager_create_async     (LancerProfileManager  *self,
                                                               const char            *display_name,
                                                               gboolean               is_demo,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
/* Updates the list (the new profile in it) and returns the new profile. */
LancerProfile        *lancer_profile_manager_create_finish    (LancerProfileManager  *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);
gboolean              lancer_profile_manager_rename           (LancerProfileManager  *self,
                                                               LancerProfile         *profile,
                                                               const char            *display_name,
                                                               GError               **error);
/* Removes the directory (database, backups), the keyring items and the
 * settings of @profile. Blocks on the keyring: call from a thread or the CLI. */
gboolean              lancer_profile_manager_delete_sync      (LancerProfileManager  *self,
                                                               LancerProfile         *profile,
                                                               GCancellable          *cancellable,
                                                               GError               **error);
void                  lancer_profile_manager_delete_async     (LancerProfileManager  *self,
                                                               LancerProfile         *profile,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
gboolean              lancer_profile_manager_delete_finish    (LancerProfileManager  *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);
/* The profile used last, or NULL. */
LancerProfile        *lancer_profile_manager_dup_last_used    (LancerProfileManager  *self);
void                  lancer_profile_manager_set_last_used    (LancerProfileManager  *self,
                                                               LancerProfile         *profile);
/* The same, written on a worker thread (in order, and before the manager
 * is finalized); dup_last_used() knows the answer at once. */
void                  lancer_profile_manager_remember_last_used (LancerProfileManager *self,
                                                                 LancerProfile        *profile);
/* The last used profile, else the oldest one, else a new one (first start). */
LancerProfile        *lancer_profile_manager_ensure_default   (LancerProfileManager  *self,
                                                               GError               **error);

G_END_DECLS
