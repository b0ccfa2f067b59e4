/* pipeline-fixture.h: realistic proposals, rooms, stories, contracts and
 * diary rows for the pipeline pages' tests, written on the store's worker
 * the way the sync writer does (sealed columns through the store).
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-store-private.h"   /* seeds the profile directly */
#include "lancer-store-diary.h"
#include "lancer-store.h"

#include <stdio.h>

#define FIXTURE_BIG_ROOM "room-big"

typedef struct
{
  guint   n_big_stories;
  gint64  now;
  char   *week_start;      /* this week's Monday */
} PipelineFixture;

G_GNUC_UNUSED static gboolean
fixture_step (sqlite3  *db,
              int       rc,
              GError  **error)
{
  if (rc != SQLITE_DONE && rc != SQLITE_OK && rc != SQLITE_ROW)
    {
      lancer_store_propagate_sqlite_error (error, db, rc);
      return FALSE;
    }
  return TRUE;
}

G_GNUC_UNUSED static gpointer
pipeline_fixture_worker (LancerStore   *store,
                         sqlite3       *db,
                         gpointer       data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  PipelineFixture *f = data;
  static const char *titles[] = {
    "GTK4 desktop app for invoice tracking", "Fix memory leak in C library", "Rust CLI for log parsing",
    "Landing page in Svelte", "PostgreSQL query tuning", "Flutter app bug fixes",
    "Write technical docs for REST API", "Python scraper for public tenders", "Set up CI for a Meson project",
    "Port a Qt widget to GTK", "Audit SQLite schema and migrations", "Build a WebSocket chat backend",
  };
  static const char *statuses[] = {
    "draft", "Pending", "Accepted", "viewed", "replied", "Activated", "Offered", "Hired",
    "Declined", "Withdrawn", "Archived", "Accepted",
  };
  static const char *senders[] = { "Maria Keller", "You", "Maria Keller", "You" };
  static const char *lines[] = {
    "Hi! Thanks for the proposal. Could you share a similar project you did?",
    "Sure, here is a GTK app I shipped last year; it handles 50k rows smoothly.",
    "Looks great. What would your timeline be for the first milestone?",
    "About two weeks for the data model and the main window, then a review call.",
  };
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* Jobs, variants and proposals. */
  rc = sqlite3_exec (db, "INSERT INTO proposal_variants (id, name, created_at) VALUES (1, 'A', 0), (2, 'B', 0)",
                     NULL, NULL, NULL);
  if (!fixture_step (db, rc, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *job_id = g_strdup_printf ("~01job%04u", i);
      g_autofree char *url = g_strdup_printf ("https://www.upwork.com/jobs/%s", job_id);
      g_autofree char *letter = g_strdup_printf ("Hello,\n\nI have built %s before and can start this week. "
                                                 "Here is how I would approach it: first a short call, then a "
                                                 "plan with milestones.\n\nBest,\nDemo Freelancer", titles[i]);
      gint64 created = f->now - (gint64) (i + 1) * 86400 * 3;

      rc = sqlite3_prepare_v2 (db, "INSERT INTO jobs (id, title, url, posted_at, fetched_at, updated_at, job_type,"
                                   " hourly_min, hourly_max) VALUES (?1, ?2, ?3, ?4, ?4, ?4, 1, 30, 60)",
                               -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, job_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, titles[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, url, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, created - 3600);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (!fixture_step (db, rc, error))
        return NULL;

      rc = sqlite3_prepare_v2 (db, "INSERT INTO proposals (id, upwork_id, job_id, variant_id, status, cover_letter,"
                                   " draft, bid_amount, bid_type, connects_spent, created_at, updated_at, submitted_at)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?10, ?11, ?10)",
                               -1, &stmt, NULL);
      sqlite3_bind_int64 (stmt, 1, i + 1);
      if (i == 0)
        sqlite3_bind_null (stmt, 2);
      else
        sqlite3_bind_text (stmt, 2, job_id + 3, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, job_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, 1 + i % 2);
      sqlite3_bind_text (stmt, 5, statuses[i], -1, SQLITE_STATIC);
      if (!lancer_store_bind_sealed (store, stmt, 6, i == 0 ? NULL : letter, "proposals.cover_letter", error) ||
          !lancer_store_bind_sealed (store, stmt, 7, i == 0 ? letter : NULL, "proposals.draft", error))
        {
          sqlite3_finalize (stmt);
          return NULL;
        }
      sqlite3_bind_double (stmt, 8, 35 + 5 * (i % 5));
      sqlite3_bind_int (stmt, 9, 8 + 2 * (int) (i % 4));
      sqlite3_bind_int64 (stmt, 10, created);
      sqlite3_bind_int64 (stmt, 11, created + 3600 * (gint64) i);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (!fixture_step (db, rc, error))
        return NULL;

      if (i > 0)
        {
          rc = sqlite3_prepare_v2 (db, "INSERT INTO proposal_events (proposal_id, status, at, source)"
                                       " VALUES (?1, 'sent', ?2, 'sync'), (?1, ?3, ?4, 'sync')", -1, &stmt, NULL);
          sqlite3_bind_int64 (stmt, 1, i + 1);
          sqlite3_bind_int64 (stmt, 2, created);
          sqlite3_bind_text (stmt, 3, statuses[i], -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 4, created + 3600 * (gint64) i);
          rc = sqlite3_step (stmt);
          sqlite3_finalize (stmt);
          if (!fixture_step (db, rc, error))
            return NULL;
        }
    }

  /* Rooms and stories; room-1 belongs to proposal 5. */
  for (guint r = 1; r <= 4; r++)
    {
      g_autofree char *room_id = g_strdup_printf ("room-%u", r);
      g_autofree char *topic = g_strdup_printf ("%s", titles[r + 3]);

      rc = sqlite3_prepare_v2 (db, "INSERT INTO rooms (id, topic, proposal_id, last_activity_at, unread)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5)", -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, room_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, topic, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, r + 4);
      sqlite3_bind_int64 (stmt, 4, f->now - (gint64) r * 5400);
      sqlite3_bind_int (stmt, 5, r == 1 ? 2 : 0);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (!fixture_step (db, rc, error))
        return NULL;
      for (guint s = 0; s < 5; s++)
        {
          g_autofree char *story_id = g_strdup_printf ("st-%u-%u", r, s);

          rc = sqlite3_prepare_v2 (db, "INSERT INTO stories (id, room_id, sender, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                                   -1, &stmt, NULL);
          sqlite3_bind_text (stmt, 1, story_id, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, room_id, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, senders[s % 4], -1, SQLITE_STATIC);
          /* The last story of each room is an attachment without text. */
          if (!lancer_store_bind_sealed (store, stmt, 4, s == 4 ? NULL : lines[s % 4], "stories.body", error))
            {
              sqlite3_finalize (stmt);
              return NULL;
            }
          sqlite3_bind_int64 (stmt, 5, f->now - (gint64) r * 5400 - (4 - s) * 600);
          rc = sqlite3_step (stmt);
          sqlite3_finalize (stmt);
          if (!fixture_step (db, rc, error))
            return NULL;
        }
    }

  if (f->n_big_stories > 0)
    {
      rc = sqlite3_exec (db, "INSERT INTO rooms (id, topic, last_activity_at, unread) VALUES ('" FIXTURE_BIG_ROOM "',"
                             " 'Long-running retainer', 0, 0)", NULL, NULL, NULL);
      if (!fixture_step (db, rc, error))
        return NULL;
      rc = sqlite3_prepare_v2 (db, "INSERT INTO stories (id, room_id, sender, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                               -1, &stmt, NULL);
      for (guint s = 0; s < f->n_big_stories && rc == SQLITE_OK; s++)
        {
          g_autofree char *story_id = g_strdup_printf ("big-%05u", s);
          g_autofree char *body = g_strdup_printf ("Message %u of the retainer thread.", s + 1);

          sqlite3_reset (stmt);
          sqlite3_bind_text (stmt, 1, story_id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, FIXTURE_BIG_ROOM, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, senders[s % 4], -1, SQLITE_STATIC);
          if (!lancer_store_bind_sealed (store, stmt, 4, body, "stories.body", error))
            {
              sqlite3_finalize (stmt);
              return NULL;
            }
          sqlite3_bind_int64 (stmt, 5, f->now - 10 * 86400 + (gint64) s * 60);
          rc = sqlite3_step (stmt);
          rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
      sqlite3_finalize (stmt);
      if (!fixture_step (db, rc, error))
        return NULL;
    }

  /* Contracts with a week of diary and some payments. */
  rc = sqlite3_exec (db,
                     "INSERT INTO contracts (id, title, client_name, kind, hourly_rate, fixed_amount, status, started_at, updated_at) VALUES"
                     " ('c-1', 'GTK4 desktop app for invoice tracking', 'Keller GmbH', 1, 45, NULL, 'ACTIVE', 1760000000, 1760000000),"
                     " ('c-2', 'Audit SQLite schema and migrations', 'Northwind Labs', 1, 60, NULL, 'ACTIVE', 1750000000, 1750000000),"
                     " ('c-3', 'Landing page in Svelte', 'Brightside', 0, NULL, 900, 'ACTIVE', 1740000000, 1740000000);"
                     "INSERT INTO transactions (id, contract_id, kind, amount, currency, occurred_at) VALUES"
                     " ('t-1', 'c-1', 'payment', 1350, 'USD', 1760500000), ('t-2', 'c-1', 'payment', 900, 'USD', 1761000000),"
                     " ('t-3', 'c-3', 'payment', 450, 'USD', 1761000000)",
                     NULL, NULL, NULL);
  if (!fixture_step (db, rc, error))
    return NULL;
  rc = sqlite3_prepare_v2 (db, "INSERT INTO diary_days (contract_id, day, minutes, memo, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                           -1, &stmt, NULL);
  for (int w = -1; w <= 0 && rc == SQLITE_OK; w++)
    for (guint d = 0; d < 5 && rc == SQLITE_OK; d++)
      {
        g_autofree char *monday = lancer_diary_week_shift (f->week_start, w);
        int y, m, dd;
        g_autoptr(GDateTime) start = NULL;
        g_autoptr(GDateTime) day = NULL;
        g_autofree char *text = NULL;
        static const char *memos[] = { "Data model and migrations", "Main window layout", "List view paging",
                                       "Review call, fixes", "Export to CSV" };

        sscanf (monday, "%4d-%2d-%2d", &y, &m, &dd);
        start = g_date_time_new_utc (y, m, dd, 0, 0, 0);
        day = g_date_time_add_days (start, (int) d);
        text = g_date_time_format (day, "%Y-%m-%d");
        for (guint c = 1; c <= 2 && rc == SQLITE_OK; c++)
          {
            g_autofree char *contract = g_strdup_printf ("c-%u", c);

            sqlite3_reset (stmt);
            sqlite3_bind_text (stmt, 1, contract, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
            /* c-2 only logs a little: the reminder's case. */
            sqlite3_bind_int (stmt, 3, c == 1 ? 240 + 30 * (int) d : (d == 0 ? 60 : 0));
            if (!lancer_store_bind_sealed (store, stmt, 4, memos[d], "diary_days.memo", error))
              {
                sqlite3_finalize (stmt);
                return NULL;
              }
            sqlite3_bind_int64 (stmt, 5, f->now);
            rc = sqlite3_step (stmt);
            rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
          }
      }
  sqlite3_finalize (stmt);
  if (!fixture_step (db, rc, error))
    return NULL;

  rc = sqlite3_prepare_v2 (db, "INSERT INTO sync_state (resource, last_success_at, last_attempt_at) VALUES"
                               " ('proposals', ?1, ?1), ('messages', ?1, ?1), ('contracts', ?1, ?1),"
                               " ('diary', ?1, ?1), ('earnings', ?1, ?1)", -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, f->now - 420);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  fixture_step (db, rc, error);
  return NULL;
}

/* A write that changes nothing: emits ::changed for its table. */
G_GNUC_UNUSED static gpointer
store_test_noop (LancerStore   *store,
                 sqlite3       *db,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return NULL;
}
