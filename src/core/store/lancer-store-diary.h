/* lancer-store-diary.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-contract.h"
#include "lancer-store.h"

G_BEGIN_DECLS

typedef struct
{
  char   day[11];             /* YYYY-MM-DD */
  guint  minutes;
  char  *memo;                /* decrypted, or NULL */
} LancerDiaryDay;

void        lancer_diary_day_free                (LancerDiaryDay *day);

/* @week_start: the Monday (YYYY-MM-DD) the week figures are for. Open
 * contracts first, then by start date, newest first. */
void        lancer_store_list_contracts_async    (LancerStore          *store,
                                                  const char           *week_start,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
/* Returns: (transfer full) (element-type LancerContract) */
GPtrArray  *lancer_store_list_contracts_finish   (LancerStore          *store,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Seven days from @week_start, days without time included (0 minutes). */
void        lancer_store_get_diary_week_async    (LancerStore          *store,
                                                  const char           *contract_id,
                                                  const char           *week_start,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
/* Returns: (transfer full) (element-type LancerDiaryDay) */
GPtrArray  *lancer_store_get_diary_week_finish   (LancerStore          *store,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* The Monday of the week holding @date, as YYYY-MM-DD. */
char       *lancer_diary_week_start              (GDateTime            *date);
/* @week_start moved by @weeks (negative: earlier). */
char       *lancer_diary_week_shift              (const char           *week_start,
                                                  int                   weeks);

/* The reminder rule: an hourly contract with a weekly limit whose week
 * (already over, or in its last days) has under a quarter of the limit. */
gboolean    lancer_diary_week_is_far_below       (guint                 week_minutes,
                                                  double                limit_hours,
                                                  guint                 days_elapsed);

G_END_DECLS
