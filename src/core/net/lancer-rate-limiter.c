/* lancer-rate-limiter.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-net"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lancer-rate-limiter.h"

struct _LancerRateLimiter
{
  double  per_second;
  double  burst;
  double  tokens;
  gint64  last_us;
  guint   daily_budget;
  guint   today_count;
  char    day[16];
};

static void
day_of (gint64 unix_s,
        char   out[16])
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_s);

  g_snprintf (out, 16, "%04d-%02d-%02d", g_date_time_get_year (dt), g_date_time_get_month (dt),
              g_date_time_get_day_of_month (dt));
}

LancerRateLimiter *
lancer_rate_limiter_new (double per_second,
                         guint  burst,
                         guint  daily_budget)
{
  LancerRateLimiter *self = g_new0 (LancerRateLimiter, 1);

  lancer_rate_limiter_set_rate (self, per_second, burst);
  self->tokens = self->burst;
  self->last_us = -1;
  self->daily_budget = daily_budget;
  return self;
}

void
lancer_rate_limiter_free (LancerRateLimiter *self)
{
  g_free (self);
}

void
lancer_rate_limiter_set_rate (LancerRateLimiter *self,
                              double             per_second,
                              guint              burst)
{
  g_return_if_fail (self != NULL);
  self->per_second = per_second > 0 ? per_second : 1;
  self->burst = MAX (burst, 1);
  self->tokens = MIN (self->tokens, self->burst);
}

void
lancer_rate_limiter_set_daily_budget (LancerRateLimiter *self,
                                      guint              daily_budget)
{
  g_return_if_fail (self != NULL);
  self->daily_budget = daily_budget;
}

guint
lancer_rate_limiter_get_daily_budget (LancerRateLimiter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->daily_budget;
}

guint
lancer_rate_limiter_reserve (LancerRateLimiter *self,
                             gint64             now_us)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->last_us >= 0 && now_us > self->last_us)
    self->tokens = MIN (self->burst, self->tokens + (now_us - self->last_us) * self->per_second / G_USEC_PER_SEC);
  self->last_us = MAX (self->last_us, now_us);
  if (self->tokens >= 1.0)
    {
      self->tokens -= 1.0;
      return 0;
    }
  return (guint) MAX (1, ceil ((1.0 - self->tokens) * 1000.0 / self->per_second));
}

static void
roll_day (LancerRateLimiter *self,
          gint64             now_unix)
{
  char day[16];

  day_of (now_unix, day);
  if (strcmp (day, self->day) != 0)
    {
      memcpy (self->day, day, sizeof day);
      self->today_count = 0;
    }
}

void
lancer_rate_limiter_count_request (LancerRateLimiter *self,
                                   gint64             now_unix)
{
  g_return_if_fail (self != NULL);
  roll_day (self, now_unix);
  self->today_count++;
}

guint
lancer_rate_limiter_get_today (LancerRateLimiter *self,
                               gint64             now_unix)
{
  g_return_val_if_fail (self != NULL, 0);
  roll_day (self, now_unix);
  return self->today_count;
}

gboolean
lancer_rate_limiter_budget_exhausted (LancerRateLimiter *self,
                                      gint64             now_unix)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->daily_budget > 0 && lancer_rate_limiter_get_today (self, now_unix) >= self->daily_budget;
}

char *
lancer_rate_limiter_serialize (LancerRateLimiter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_strdup_printf ("%s %u", self->day[0] != '\0' ? self->day : "0000-00-00", self->today_count);
}

void
lancer_rate_limiter_deserialize (LancerRateLimiter *self,
                                 const char        *text)
{
  char day[16] = { 0 };
  unsigned int count = 0;

  g_return_if_fail (self != NULL);
  if (text == NULL || sscanf (text, "%10s %u", day, &count) != 2 || strlen (day) != 10)
    return;
  memcpy (self->day, day, sizeof day);
  self->today_count = count;
}
