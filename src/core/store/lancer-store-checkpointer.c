/* lancer-store-checkpointer.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite checkpoints a WAL database from inside the commit that crossed
 * wal_autocheckpoint pages, so a writer pays for copying earlier
 * transactions back: a fifth of the time of a bulk ingest here. Instead the
 * writer's commits only tell this thread how large the WAL has grown, and
 * the thread runs PASSIVE checkpoints on its own connection: they never
 * wait for, nor block, the writer or any reader.
 */
#define G_LOG_DOMAIN "lancer-store"

#include "config.h"

#include "lancer-store-private.h"
#include "lancer-store-checkpointer.h"
#include "lancer-thread.h"

/* SQLite's own default trigger, in pages. */
#define CHECKPOINT_PAGES 1000
/* If the thread falls this far behind, the writer checkpoints itself, so
 * the WAL cannot grow without bound. */
#define WRITER_CHECKPOINT_PAGES (32 * CHECKPOINT_PAGES)

struct _LancerStoreCheckpointer
{
  sqlite3 *writer;
  char *db_path;
  GThread *thread;
  GMutex mutex;
  GCond cond;
  gboolean wanted;
  gboolean quit;
};

static gpointer
checkpointer_thread (gpointer data)
{
  LancerStoreCheckpointer *self = data;
  sqlite3 *db = NULL;

  lancer_thread_run_in_background ();
  /* A connection only knows the file is in WAL mode, and so can
   * checkpoint it, once it has read from it. */
  if (sqlite3_open_v2 (self->db_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
      sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_debug ("checkpointer: cannot open the database: %s", db != NULL ? sqlite3_errmsg (db) : "?");
      g_clear_pointer (&db, sqlite3_close_v2);
    }

  g_mutex_lock (&self->mutex);
  for (;;)
    {
      int rc;

      while (!self->wanted && !self->quit)
        g_cond_wait (&self->cond, &self->mutex);
      if (self->quit)
        break;
      self->wanted = FALSE;
      g_mutex_unlock (&self->mutex);

      if (db != NULL &&
          (rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL)) != SQLITE_OK &&
          rc != SQLITE_BUSY)
        g_debug ("checkpointer: %s", sqlite3_errmsg (db));

      g_mutex_lock (&self->mutex);
    }
  g_mutex_unlock (&self->mutex);

  if (db != NULL)
    sqlite3_close_v2 (db);
  return NULL;
}

/* Runs on the writer's thread, after each commit. */
static int
wal_hook_cb (gpointer    data,
             sqlite3    *db,
             const char *schema,
             int         wal_pages)
{
  LancerStoreCheckpointer *self = data;

  if (wal_pages >= WRITER_CHECKPOINT_PAGES)
    sqlite3_wal_checkpoint_v2 (db, schema, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  else if (wal_pages >= CHECKPOINT_PAGES)
    {
      g_mutex_lock (&self->mutex);
      self->wanted = TRUE;
      g_cond_signal (&self->cond);
      g_mutex_unlock (&self->mutex);
    }
  return SQLITE_OK;
}

/* @db: the writer's connection, in WAL mode. */
LancerStoreCheckpointer *
lancer_store_checkpointer_start (sqlite3    *db,
                                 const char *db_path)
{
  LancerStoreCheckpointer *self;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_new0 (LancerStoreCheckpointer, 1);
  self->writer = db;
  self->db_path = g_strdup (db_path);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("lancer-checkpoint", checkpointer_thread, self);
  /* Replaces SQLite's own autocheckpoint hook. */
  sqlite3_wal_hook (db, wal_hook_cb, self);
  return self;
}

/* Before the writer's connection closes: closing it then folds the rest of
 * the WAL back into the database file. */
void
lancer_store_checkpointer_stop (LancerStoreCheckpointer *self)
{
  if (self == NULL)
    return;

  sqlite3_wal_autocheckpoint (self->writer, CHECKPOINT_PAGES);
  g_mutex_lock (&self->mutex);
  self->quit = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_thread_join (self->thread);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self->db_path);
  g_free (self);
}
