/* lancer-sandbox-data.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lancer-job.h"

G_BEGIN_DECLS

/* A seeded generator of realistic Upwork jobs and clients for the sandbox
 * server, the demo profile, tests and benchmarks. The same seed always
 * gives the same sequence. */
typedef struct _LancerSandboxData LancerSandboxData;

LancerSandboxData *lancer_sandbox_data_new          (guint32             seed);
void               lancer_sandbox_data_free         (LancerSandboxData  *self);
/* A job posted within @max_age_seconds before @now (Unix seconds). */
LancerJob         *lancer_sandbox_data_next_job     (LancerSandboxData  *self,
                                                     gint64              now,
                                                     gint64              max_age_seconds);
/* @n jobs as a GPtrArray of LancerJob (transfer full). */
GPtrArray         *lancer_sandbox_data_next_jobs    (LancerSandboxData  *self,
                                                     guint               n,
                                                     gint64              now,
                                                     gint64              max_age_seconds);
/* What a freelancer might type into the job search: one to three words. */
char              *lancer_sandbox_data_next_query   (LancerSandboxData  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerSandboxData, lancer_sandbox_data_free)

G_END_DECLS
