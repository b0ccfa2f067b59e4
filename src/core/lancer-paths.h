/* lancer-paths.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *lancer_paths_dup_data_dir      (void);
char *lancer_paths_dup_profiles_dir  (void);
char *lancer_paths_dup_cache_dir     (void);
const char *lancer_paths_get_artifact_dir (void);

G_END_DECLS
