/* lancer-store-schema.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lancer-store-private.h"
#include "lancer-upwork-enums.h"

/* Forward-only migrations keyed by PRAGMA user_version. Never edit a shipped
 * step: add a new one, bump LANCER_STORE_SCHEMA_VERSION, and add fixture
 * rows for the old version to tests/store/test-store-migrations.c.
 *
 * Columns marked "sealed" hold libsodium ciphertext (see lancer-crypto.h),
 * written and read only through lancer_store_bind_sealed() and
 * lancer_store_column_unseal(). Job postings stay plaintext for FTS5. */

static const char schema_v1[] =
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT"
  ") WITHOUT ROWID;"

  /* Client stats as last seen; jobs also keep a snapshot inline. */
  "CREATE TABLE clients ("
  "  id TEXT PRIMARY KEY,"
  "  country TEXT,"
  "  city TEXT,"
  "  total_spent REAL NOT NULL DEFAULT 0,"
  "  hires INTEGER NOT NULL DEFAULT 0,"
  "  jobs_posted INTEGER NOT NULL DEFAULT 0,"
  "  hire_rate REAL,"
  "  rating REAL,"
  "  reviews INTEGER NOT NULL DEFAULT 0,"
  "  payment_verified INTEGER NOT NULL DEFAULT 0,"
  "  member_since INTEGER,"
  "  updated_at INTEGER NOT NULL"
  ");"

  /* rid is the FTS5 content rowid; id is Upwork's job id. */
  "CREATE TABLE jobs ("
  "  rid INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  ciphertext TEXT,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  description TEXT NOT NULL DEFAULT '',"
  "  url TEXT,"
  "  posted_at INTEGER NOT NULL,"
  "  fetched_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  job_type INTEGER NOT NULL DEFAULT 0,"          /* 0 fixed, 1 hourly */
  "  budget REAL,"
  "  hourly_min REAL,"
  "  hourly_max REAL,"
  "  currency TEXT NOT NULL DEFAULT 'USD',"
  "  proposals INTEGER NOT NULL DEFAULT 0,"
  "  skills TEXT NOT NULL DEFAULT '',"              /* newline separated */
  "  experience_level TEXT,"
  "  category TEXT,"
  "  duration TEXT,"
  "  client_id TEXT,"
  "  client_country TEXT,"
  "  client_total_spent REAL NOT NULL DEFAULT 0,"
  "  client_hires INTEGER NOT NULL DEFAULT 0,"
  "  client_jobs_posted INTEGER NOT NULL DEFAULT 0,"
  "  client_hire_rate REAL,"
  "  client_rating REAL,"
  "  client_payment_verified INTEGER NOT NULL DEFAULT 0,"
  "  seen INTEGER NOT NULL DEFAULT 0,"
  "  saved INTEGER NOT NULL DEFAULT 0,"
  "  hidden INTEGER NOT NULL DEFAULT 0,"
  "  acted_on INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX jobs_posted_idx ON jobs (posted_at);"
  "CREATE INDEX jobs_saved_idx ON jobs (saved) WHERE saved = 1;"

  "CREATE VIRTUAL TABLE jobs_fts USING fts5 ("
  "  title, description, skills,"
  "  content='jobs', content_rowid='rid',"
  "  tokenize='unicode61 remove_diacritics 2'"
  ");"
  /* Titles weigh most, then skills, then the description. */
  "INSERT INTO jobs_fts (jobs_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 4.0)');"
  "CREATE TRIGGER jobs_fts_insert AFTER INSERT ON jobs BEGIN"
  "  INSERT INTO jobs_fts (rowid, title, description, skills)"
  "    VALUES (new.rid, new.title, new.description, new.skills);"
  "END;"
  "CREATE TRIGGER jobs_fts_delete AFTER DELETE ON jobs BEGIN"
  "  INSERT INTO jobs_fts (jobs_fts, rowid, title, description, skills)"
  "    VALUES ('delete', old.rid, old.title, old.description, old.skills);"
  "END;"
  /* Re-syncs rewrite every column; only reindex when the text changed. */
  "CREATE TRIGGER jobs_fts_update AFTER UPDATE OF title, description, skills ON jobs"
  "  WHEN old.title IS NOT new.title OR old.description IS NOT new.description"
  "    OR old.skills IS NOT new.skills BEGIN"
  "  INSERT INTO jobs_fts (jobs_fts, rowid, title, description, skills)"
  "    VALUES ('delete', old.rid, old.title, old.description, old.skills);"
  "  INSERT INTO jobs_fts (rowid, title, description, skills)"
  "    VALUES (new.rid, new.title, new.description, new.skills);"
  "END;"

  "CREATE TABLE saved_searches ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  query TEXT NOT NULL DEFAULT '',"
  "  filters TEXT NOT NULL DEFAULT '{}',"           /* JSON: spend, hire rate, countries, … */
  "  notify INTEGER NOT NULL DEFAULT 1,"
  "  created_at INTEGER NOT NULL,"
  "  last_run_at INTEGER"
  ");"
  "CREATE TABLE job_matches ("
  "  search_id INTEGER NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,"
  "  job_rid INTEGER NOT NULL REFERENCES jobs (rid) ON DELETE CASCADE,"
  "  matched_at INTEGER NOT NULL,"
  "  PRIMARY KEY (search_id, job_rid)"
  ") WITHOUT ROWID;"
  "CREATE INDEX job_matches_job_idx ON job_matches (job_rid);"

  "CREATE TABLE job_scores ("
  "  job_rid INTEGER NOT NULL REFERENCES jobs (rid) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"                           /* 'local' or 'ai' */
  "  score REAL NOT NULL,"
  "  model TEXT,"
  "  explanation TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (job_rid, kind)"
  ") WITHOUT ROWID;"

  "CREATE TABLE ai_calls ("
  "  id INTEGER PRIMARY KEY,"
  "  provider TEXT NOT NULL,"
  "  model TEXT NOT NULL,"
  "  purpose TEXT NOT NULL,"                        /* analysis, proposal, … */
  "  tokens_in INTEGER NOT NULL DEFAULT 0,"
  "  tokens_out INTEGER NOT NULL DEFAULT 0,"
  "  tokens_cached INTEGER NOT NULL DEFAULT 0,"
  "  cost REAL NOT NULL DEFAULT 0,"                 /* USD */
  "  latency_ms INTEGER,"
  "  ttft_ms INTEGER,"
  "  status TEXT NOT NULL DEFAULT 'ok',"
  "  error TEXT,"
  "  job_id TEXT,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX ai_calls_time_idx ON ai_calls (created_at);"

  /* Keyed by Upwork job id so the user's records outlive the posting. */
  "CREATE TABLE ai_analyses ("
  "  id INTEGER PRIMARY KEY,"
  "  job_id TEXT NOT NULL,"
  "  ai_call_id INTEGER REFERENCES ai_calls (id) ON DELETE SET NULL,"
  "  provider TEXT,"
  "  model TEXT,"
  "  fit_score REAL,"
  "  summary TEXT,"
  "  result_json TEXT,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX ai_analyses_job_idx ON ai_analyses (job_id);"

  "CREATE TABLE proposal_variants ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  prompt TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  retired_at INTEGER"
  ");"
  "CREATE TABLE proposals ("
  "  id INTEGER PRIMARY KEY,"
  "  upwork_id TEXT UNIQUE,"
  "  job_id TEXT NOT NULL,"
  "  variant_id INTEGER REFERENCES proposal_variants (id) ON DELETE SET NULL,"
  "  status TEXT NOT NULL DEFAULT 'draft',"
  "  cover_letter BLOB,"                            /* sealed */
  "  draft BLOB,"                                   /* sealed */
  "  bid_amount REAL,"
  "  bid_type INTEGER,"
  "  connects_spent INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  submitted_at INTEGER"
  ");"
  "CREATE INDEX proposals_job_idx ON proposals (job_id);"
  "CREATE TABLE proposal_events ("
  "  id INTEGER PRIMARY KEY,"
  "  proposal_id INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,"
  "  status TEXT NOT NULL,"                         /* sent, viewed, replied, interview, hired, declined, … */
  "  at INTEGER NOT NULL,"
  "  source TEXT"
  ");"
  "CREATE INDEX proposal_events_proposal_idx ON proposal_events (proposal_id, at);"

  "CREATE TABLE rooms ("
  "  id TEXT PRIMARY KEY,"
  "  topic TEXT,"
  "  contract_id TEXT,"
  "  proposal_id INTEGER,"
  "  last_activity_at INTEGER,"
  "  unread INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE stories ("
  "  id TEXT PRIMARY KEY,"
  "  room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,"
  "  sender TEXT,"
  "  body BLOB,"                                    /* sealed */
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX stories_room_idx ON stories (room_id, created_at);"
  /* Messages wait here until Upwork confirms them. */
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY,"
  "  room_id TEXT NOT NULL,"
  "  body BLOB NOT NULL,"                           /* sealed */
  "  state TEXT NOT NULL DEFAULT 'pending',"        /* pending, sending, sent, failed (retried), rejected (not) */
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  sent_at INTEGER,"
  "  story_id TEXT"
  ");"

  "CREATE TABLE contracts ("
  "  id TEXT PRIMARY KEY,"
  "  job_id TEXT,"
  "  proposal_id INTEGER,"
  "  title TEXT,"
  "  client_name TEXT,"
  "  kind INTEGER NOT NULL DEFAULT 0,"              /* 0 fixed, 1 hourly */
  "  hourly_rate REAL,"
  "  fixed_amount REAL,"
  "  status TEXT,"
  "  started_at INTEGER,"
  "  ended_at INTEGER,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE diary_days ("
  "  contract_id TEXT NOT NULL,"
  "  day TEXT NOT NULL,"                            /* YYYY-MM-DD */
  "  minutes INTEGER NOT NULL DEFAULT 0,"
  "  memo BLOB,"                                    /* sealed */
  "  updated_at INTEGER NOT NULL,"
  "  PRIMARY KEY (contract_id, day)"
  ") WITHOUT ROWID;"
  "CREATE TABLE transactions ("
  "  id TEXT PRIMARY KEY,"
  "  contract_id TEXT,"
  "  kind TEXT NOT NULL,"                           /* payment, fee, connects, withdrawal, … */
  "  amount REAL NOT NULL,"
  "  currency TEXT NOT NULL DEFAULT 'USD',"
  "  fee REAL NOT NULL DEFAULT 0,"
  "  description TEXT,"
  "  occurred_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX transactions_time_idx ON transactions (occurred_at);"

  "CREATE TABLE notifications_sent ("
  "  id INTEGER PRIMARY KEY,"
  "  channel TEXT NOT NULL,"                        /* desktop, telegram, webhook, tray */
  "  key TEXT NOT NULL,"
  "  job_id TEXT,"
  "  sent_at INTEGER NOT NULL,"
  "  UNIQUE (channel, key)"
  ");"
  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  actor TEXT NOT NULL,"                          /* app, cli, sync, user */
  "  action TEXT NOT NULL,"
  "  detail TEXT"
  ");"
  "CREATE INDEX audit_log_time_idx ON audit_log (at);"
  "CREATE TABLE sync_state ("
  "  resource TEXT PRIMARY KEY,"
  "  cursor TEXT,"
  "  last_success_at INTEGER,"
  "  last_attempt_at INTEGER,"
  "  last_error TEXT"
  ") WITHOUT ROWID;";

/* v2: the user's private note on a job (sealed), the connects a proposal
 * costs, an index that keeps the retention sweep cheap, and one that serves
 * the job list (visible jobs, newest first) and its count from the index. */
static const char schema_v2[] =
  "ALTER TABLE jobs ADD COLUMN connects_required INTEGER;"
  "ALTER TABLE jobs ADD COLUMN note BLOB;"
  "CREATE INDEX jobs_retention_idx ON jobs (fetched_at) WHERE saved = 0 AND acted_on = 0;"
  "DROP INDEX jobs_posted_idx;"
  "CREATE INDEX jobs_list_idx ON jobs (hidden, posted_at);";

/* v3: bulk ingest indexes a whole batch with one INSERT … SELECT (see
 * upsert_worker()). While the batch's transaction holds the 'fts_batch'
 * meta row, the per-row trigger stands aside; every other writer still
 * goes through it, so jobs_fts always matches jobs once committed.
 * (Per-row FTS5 inserts are slow here: SQLite ≤ 3.44 makes FTS5 flush its
 * pending terms at every statement savepoint, i.e. once per job.) */
static const char schema_v3[] =
  "DROP TRIGGER jobs_fts_insert;"
  "CREATE TRIGGER jobs_fts_insert AFTER INSERT ON jobs"
  "  WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'fts_batch') BEGIN"
  "  INSERT INTO jobs_fts (rowid, title, description, skills)"
  "    VALUES (new.rid, new.title, new.description, new.skills);"
  "END;";

/* v4: FTS5 merges its index segments eight at a time rather than four:
 * a bulk ingest spends less of its time re-merging what it just wrote
 * (about 8 % faster), and a search still reads few segments. */
static const char schema_v4[] =
  "INSERT INTO jobs_fts (jobs_fts, rank) VALUES ('automerge', 8);";

/* v5: tables that the AI assistant and the proposal window created on their
 * first write become part of the schema: which A/B slot an AI draft fills
 * and whether its stream was cut short, the portfolio the prompts quote,
 * and the time spent writing a proposal. IF NOT EXISTS: earlier builds may
 * have made them already, with these same columns. */
static const char schema_v5[] =
  "CREATE TABLE IF NOT EXISTS ai_drafts ("
  "  proposal_id INTEGER PRIMARY KEY REFERENCES proposals (id) ON DELETE CASCADE,"
  "  job_id TEXT NOT NULL,"
  "  slot INTEGER NOT NULL DEFAULT 0,"
  "  partial INTEGER NOT NULL DEFAULT 0,"
  "  chosen INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX IF NOT EXISTS ai_drafts_job_idx ON ai_drafts (job_id, slot);"
  "CREATE TABLE IF NOT EXISTS ai_portfolio ("
  "  id INTEGER PRIMARY KEY,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  description TEXT NOT NULL DEFAULT '',"
  "  outcome TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE TABLE IF NOT EXISTS proposal_writing_time ("
  "  proposal_id INTEGER PRIMARY KEY REFERENCES proposals (id) ON DELETE CASCADE,"
  "  seconds INTEGER NOT NULL DEFAULT 0"
  ");";

/* v6: Upwork's spellings become Lancer's (lancer-upwork-enums.h), as the
 * sync now stores them: "Fixed Price" → "fixed", "Service Fee" → "fee" (or
 * "fee-credit" when positive), "Offered" → "offer". Unknown values stay as
 * they were. Transactions also keep Upwork's accountingSubtype from now on. */
static const char schema_v6[] =
  "ALTER TABLE transactions ADD COLUMN subtype TEXT;"
  "UPDATE transactions SET kind = lancer_transaction_kind (kind, amount)"
  "  WHERE kind IS NOT lancer_transaction_kind (kind, amount);"
  "UPDATE proposals SET status = lancer_proposal_status (status)"
  "  WHERE status <> '' AND status IS NOT lancer_proposal_status (status);"
  "UPDATE proposal_events SET status = lancer_proposal_status (status)"
  "  WHERE status <> '' AND status IS NOT lancer_proposal_status (status);";

static const char * const steps[] = {
  NULL,       /* version 0: empty file */
  schema_v1,
  schema_v2,
  schema_v3,
  schema_v4,
  schema_v5,
  schema_v6,
};

G_STATIC_ASSERT (G_N_ELEMENTS (steps) == LANCER_STORE_SCHEMA_VERSION + 1);

gboolean
lancer_store_exec (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      lancer_store_set_sqlite_error (error, db, rc);
      return FALSE;
    }
  return TRUE;
}

int
lancer_store_schema_get_version (sqlite3  *db,
                                 GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;
  int version = -1;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  else
    lancer_store_set_sqlite_error (error, db, rc);
  sqlite3_finalize (stmt);
  return version;
}

/* The normalisers of lancer-upwork-enums.c as SQL functions, so that a
 * migration maps stored rows exactly as the sync maps new ones. */
static void
sql_transaction_kind (sqlite3_context  *ctx,
                      int               argc,
                      sqlite3_value   **argv)
{
  g_autofree char *kind = NULL;

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_null (ctx);
      return;
    }
  kind = lancer_upwork_normalize_transaction_type ((const char *) sqlite3_value_text (argv[0]), NULL,
                                                   sqlite3_value_double (argv[1]));
  sqlite3_result_text (ctx, kind, -1, SQLITE_TRANSIENT);
}

static void
sql_proposal_status (sqlite3_context  *ctx,
                     int               argc,
                     sqlite3_value   **argv)
{
  g_autofree char *status = NULL;

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_null (ctx);
      return;
    }
  status = lancer_upwork_normalize_proposal_status ((const char *) sqlite3_value_text (argv[0]));
  sqlite3_result_text (ctx, status, -1, SQLITE_TRANSIENT);
}

static void
register_functions (sqlite3 *db)
{
  sqlite3_create_function (db, "lancer_transaction_kind", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           sql_transaction_kind, NULL, NULL);
  sqlite3_create_function (db, "lancer_proposal_status", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           sql_proposal_status, NULL, NULL);
}

gboolean
lancer_store_schema_migrate (sqlite3  *db,
                             int       from,
                             int       to,
                             GError  **error)
{
  g_return_val_if_fail (from >= 0 && from <= to, FALSE);
  g_return_val_if_fail (to <= LANCER_STORE_SCHEMA_VERSION, FALSE);

  if (from == to)
    return TRUE;

  register_functions (db);
  if (!lancer_store_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (int v = from + 1; v <= to; v++)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", v);

      g_debug ("Migrating database to version %d", v);
      if (!lancer_store_exec (db, steps[v], error) ||
          !lancer_store_exec (db, pragma, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          g_prefix_error (error, _("Could not update the database to version %d: "), v);
          return FALSE;
        }
    }

  if (!lancer_store_exec (db, "COMMIT", error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}
