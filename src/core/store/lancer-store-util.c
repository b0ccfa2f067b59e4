/* lancer-store-util.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store"

#include "config.h"

#include <math.h>

#include "lancer-store-private.h"

/* Small statement and task helpers that every file running work on the
 * store's worker thread used to write for itself. */

char *
_lancer_store_dup_column (sqlite3_stmt *stmt,
                          int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

void
_lancer_store_bind_double_or_null (sqlite3_stmt *stmt,
                                   int           index,
                                   double        value)
{
  if (isnan (value))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

gboolean
_lancer_store_run_finish_boolean (LancerStore   *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  GError *local = NULL;

  /* Workers of write-only operations return NULL, so only the error
   * tells success from failure. */
  lancer_store_run_finish (store, result, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}
