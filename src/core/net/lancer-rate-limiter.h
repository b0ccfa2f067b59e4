/* lancer-rate-limiter.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A token bucket for the burst limit (Upwork: 10 requests/s) plus a daily
 * request budget counted per UTC day (Upwork: 40,000 per key). Not
 * thread-safe: use it from one thread. Times are monotonic microseconds
 * for the bucket and wall-clock seconds for the day. */
typedef struct _LancerRateLimiter LancerRateLimiter;

LancerRateLimiter *lancer_rate_limiter_new               (double              per_second,
                                                          guint               burst,
                                                          guint               daily_budget);
void               lancer_rate_limiter_free              (LancerRateLimiter  *self);
void               lancer_rate_limiter_set_rate          (LancerRateLimiter  *self,
                                                          double              per_second,
                                                          guint               burst);
void               lancer_rate_limiter_set_daily_budget  (LancerRateLimiter  *self,
                                                          guint               daily_budget);
guint              lancer_rate_limiter_get_daily_budget  (LancerRateLimiter  *self);
/* Takes a token and returns 0 when a request may leave at @now_us;
 * otherwise takes nothing and returns the milliseconds to wait. */
guint              lancer_rate_limiter_reserve           (LancerRateLimiter  *self,
                                                          gint64              now_us);
/* Counts one request against the day of @now_unix (UTC). */
void               lancer_rate_limiter_count_request     (LancerRateLimiter  *self,
                                                          gint64              now_unix);
/* Requests counted on the UTC day of @now_unix. */
guint              lancer_rate_limiter_get_today         (LancerRateLimiter  *self,
                                                          gint64              now_unix);
gboolean           lancer_rate_limiter_budget_exhausted  (LancerRateLimiter  *self,
                                                          gint64              now_unix);
/* The day's count as "YYYY-MM-DD N", for persisting; and back. */
char              *lancer_rate_limiter_serialize         (LancerRateLimiter  *self);
void               lancer_rate_limiter_deserialize       (LancerRateLimiter  *self,
                                                          const char         *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerRateLimiter, lancer_rate_limiter_free)

G_END_DECLS
