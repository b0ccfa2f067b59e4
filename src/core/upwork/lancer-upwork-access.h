/* lancer-upwork-access.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-upwork-client.h"

G_BEGIN_DECLS

/* Check Access: one smallest request per Upwork resource, to tell a user
 * whose feed is empty which key permission is missing. */

/* What one check costs at most: a user sees this before running it. */
#define LANCER_UPWORK_ACCESS_MAX_REQUESTS 12

typedef enum
{
  LANCER_UPWORK_ACCESS_WORKS,
  LANCER_UPWORK_ACCESS_NEEDS_PERMISSION,  /* the key lacks `permission` */
  LANCER_UPWORK_ACCESS_NOT_OFFERED,       /* Upwork offers no such field to this key */
  LANCER_UPWORK_ACCESS_NOT_CHECKED,       /* nothing to check it with (no job, no contract) */
  LANCER_UPWORK_ACCESS_FAILED,            /* another error: `detail` */
} LancerUpworkAccessState;

typedef struct
{
  char                    *resource;     /* "jobs", "job", "proposals", … */
  char                    *label;        /* translated: "Jobs", "Job details", … */
  LancerUpworkAccessState  state;
  char                    *permission;   /* the key permission, as Upwork's key page names it */
  char                    *detail;       /* translated; NULL when it works */
} LancerUpworkAccess;

void        lancer_upwork_access_free          (LancerUpworkAccess *access);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerUpworkAccess, lancer_upwork_access_free)

/* A short translated phrase for @state ("works", "needs the key permission “…”"). */
char       *lancer_upwork_access_describe      (const LancerUpworkAccess *access);
const char *lancer_upwork_access_state_name    (LancerUpworkAccessState state);

/* Runs the checks one after another. An expired sign-in or a network
 * failure fails the whole check; anything else is a row. */
void        lancer_upwork_check_access_async   (LancerUpworkClient  *client,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* Returns the rows (LancerUpworkAccess), in the order checked. */
GPtrArray  *lancer_upwork_check_access_finish  (LancerUpworkClient  *client,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
