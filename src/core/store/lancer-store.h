/* lancer-store.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-job.h"
#include "lancer-profile.h"

G_BEGIN_DECLS

#define LANCER_STORE_ERROR (lancer_store_error_quark ())

typedef enum
{
  LANCER_STORE_ERROR_FAILED,
  LANCER_STORE_ERROR_NEWER_VERSION,  /* made by a newer Lancer; left untouched */
  LANCER_STORE_ERROR_CORRUPT,
  LANCER_STORE_ERROR_DISK_FULL,      /* nothing was written; store is read-only now */
  LANCER_STORE_ERROR_READ_ONLY,      /* storage cannot be written; reads still work */
  LANCER_STORE_ERROR_LOCKED,         /* encrypted data: keyring locked, missing or key lost */
  LANCER_STORE_ERROR_NOT_FOUND,
  LANCER_STORE_ERROR_BUSY,           /* another process held the database too long */
} LancerStoreError;

/* What happened while opening; the UI shows lancer_store_get_open_message(). */
typedef enum
{
  LANCER_STORE_OPEN_NORMAL              = 0,
  LANCER_STORE_OPEN_RESTORED_BACKUP     = 1 << 0,
  LANCER_STORE_OPEN_STARTED_FRESH       = 1 << 1,
  LANCER_STORE_OPEN_READ_ONLY           = 1 << 2,
  LANCER_STORE_OPEN_ENCRYPTION_LOCKED   = 1 << 3,
  LANCER_STORE_OPEN_MIGRATED            = 1 << 4,
} LancerStoreOpenFlags;

typedef enum
{
  LANCER_JOB_FLAG_SEEN,
  LANCER_JOB_FLAG_SAVED,
  LANCER_JOB_FLAG_HIDDEN,
  LANCER_JOB_FLAG_ACTED_ON,
} LancerJobFlag;

typedef enum
{
  LANCER_JOB_SORT_NEWEST,
  LANCER_JOB_SORT_RELEVANCE,   /* bm25; same as NEWEST without a search */
} LancerJobSort;

/* Which jobs a query returns. Copied by the store; all fields optional. */
typedef struct
{
  const char    *search;        /* words the user typed; NULL or "" for all */
  const char    *saved_search;  /* only jobs this saved search matched (by name) */
  gboolean       saved_only;
  gboolean       include_hidden;
  LancerJobSort  sort;
} LancerJobQuery;

#define LANCER_TYPE_STORE (lancer_store_get_type ())

G_DECLARE_FINAL_TYPE (LancerStore, lancer_store, LANCER, STORE, GObject)

GQuark      lancer_store_error_quark             (void);

/* Opens (creating, checking, restoring and migrating as needed) the
 * profile's database on the store's own worker thread. Results of this and
 * every other call arrive on the caller's thread-default main context, where
 * the store also emits ::changed (detail: table name) after each write. */
void        lancer_store_open_async              (LancerProfile        *profile,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
/* The same, but a damaged database is left untouched and reported
 * (LANCER_STORE_ERROR_CORRUPT) instead of being set aside and restored from
 * a backup: for readers that have no business changing files (lancer-cli's
 * read-only commands). Finish with lancer_store_open_finish(). */
void        lancer_store_open_keep_damaged_async (LancerProfile        *profile,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
LancerStore *lancer_store_open_finish            (GAsyncResult         *result,
                                                  GError              **error);

LancerProfile *lancer_store_get_profile          (LancerStore          *self);
LancerStoreOpenFlags lancer_store_get_open_flags (LancerStore          *self);
/* A translated sentence for the user about what opening did, or NULL. */
const char *lancer_store_get_open_message        (LancerStore          *self);
gboolean    lancer_store_get_read_only           (LancerStore          *self);
/* TRUE when encrypted fields cannot be read or written (keyring). */
gboolean    lancer_store_get_encryption_locked   (LancerStore          *self);
/* Why the store is read-only or encryption is locked (translated), or NULL. */
const char *lancer_store_get_problem_message     (LancerStore          *self);

/* Jobs */
void        lancer_store_upsert_jobs_async       (LancerStore          *self,
                                                  GPtrArray            *jobs,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
/* @n_new: how many of the jobs were not stored before. */
gboolean    lancer_store_upsert_jobs_finish      (LancerStore          *self,
                                                  GAsyncResult         *result,
                                                  guint                *n_new,
                                                  GError              **error);
void        lancer_store_query_jobs_async        (LancerStore          *self,
                                                  const LancerJobQuery *query,
                                                  guint                 offset,
                                                  guint                 limit,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
/* Returns: (transfer full) (element-type LancerJob) */
GPtrArray  *lancer_store_query_jobs_finish       (LancerStore          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void        lancer_store_count_jobs_async        (LancerStore          *self,
                                                  const LancerJobQuery *query,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gssize      lancer_store_count_jobs_finish       (LancerStore          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void        lancer_store_get_job_async           (LancerStore          *self,
                                                  const char           *job_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
LancerJob  *lancer_store_get_job_finish          (LancerStore          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void        lancer_store_set_job_flag_async      (LancerStore          *self,
                                                  const char           *job_id,
                                                  LancerJobFlag         flag,
                                                  gboolean              value,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean    lancer_store_set_job_flag_finish     (LancerStore          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Private text, encrypted at rest. A NULL note clears it. Reading fails
 * with LANCER_STORE_ERROR_LOCKED while the key is unavailable. */
void        lancer_store_set_job_note_async      (LancerStore          *self,
                                                  const char           *job_id,
                                                  const char           *note,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean    lancer_store_set_job_note_finish     (LancerStore          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void        lancer_store_get_job_note_async      (LancerStore          *self,
                                                  const char           *job_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
/* NULL with no error: no note. */
char       *lancer_store_get_job_note_finish     (LancerStore          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
/* Saves a proposal draft for @job_id (new when @proposal_id is 0); marks the
 * job acted on. Returns the proposal id, or 0 on error. */
void        lancer_store_save_proposal_draft_async (LancerStore        *self,
                                                  gint64                proposal_id,
                                                  const char           *job_id,
                                                  const char           *cover_letter,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gint64      lancer_store_save_proposal_draft_finish (LancerStore       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void        lancer_store_get_proposal_draft_async (LancerStore         *self,
                                                  gint64                proposal_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
char       *lancer_store_get_proposal_draft_finish (LancerStore        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Maintenance. Retention deletes job postings fetched more than the
 * profile's job-retention-hours ago unless saved, acted on, analysed,
 * AI-scored or proposed to. Runs at open and hourly; callable any time. */
void        lancer_store_apply_retention_async   (LancerStore          *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
/* Returns the number of jobs deleted, or -1 on error. */
gssize      lancer_store_apply_retention_finish  (LancerStore          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
/* An online backup into <profile>/backups/ now (keeps the newest 7). The
 * store makes one by itself when the newest is a day old. */
void        lancer_store_backup_async            (LancerStore          *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
/* The daily backup the app makes in the background, now if it is due (for
 * short-lived writers such as lancer-cli). Returns its path, or NULL with no
 * error when no backup was due. */
void        lancer_store_backup_if_due_async     (LancerStore          *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer             user_data);
char       *lancer_store_backup_if_due_finish    (LancerStore          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
/* Returns the path of the new backup. */
char       *lancer_store_backup_finish           (LancerStore          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* How many job rows the store has read for callers since it opened
 * (tests use it to prove list models page lazily). */
guint       lancer_store_get_job_rows_read       (LancerStore          *self);

G_END_DECLS
