/* lancer-circuit-breaker.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-net"

#include "config.h"

#include "lancer-circuit-breaker.h"

typedef struct
{
  guint   failures;
  gint64  open_until_us;   /* 0: closed */
  gboolean trial_in_flight;
} Circuit;

struct _LancerCircuitBreaker
{
  guint       threshold;
  guint       cooldown_ms;
  GHashTable *circuits;
};

LancerCircuitBreaker *
lancer_circuit_breaker_new (guint threshold,
                            guint cooldown_ms)
{
  LancerCircuitBreaker *self = g_new0 (LancerCircuitBreaker, 1);

  self->threshold = MAX (threshold, 1);
  self->cooldown_ms = cooldown_ms;
  self->circuits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
lancer_circuit_breaker_free (LancerCircuitBreaker *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->circuits);
  g_free (self);
}

void
lancer_circuit_breaker_configure (LancerCircuitBreaker *self,
                                  guint                 threshold,
                                  guint                 cooldown_ms)
{
  g_return_if_fail (self != NULL);
  self->threshold = MAX (threshold, 1);
  self->cooldown_ms = cooldown_ms;
}

static Circuit *
get_circuit (LancerCircuitBreaker *self,
             const char           *key)
{
  Circuit *c = g_hash_table_lookup (self->circuits, key);

  if (c == NULL)
    {
      c = g_new0 (Circuit, 1);
      g_hash_table_insert (self->circuits, g_strdup (key), c);
    }
  return c;
}

LancerCircuitState
lancer_circuit_breaker_get_state (LancerCircuitBreaker *self,
                                  const char           *key,
                                  gint64                now_us)
{
  Circuit *c;

  g_return_val_if_fail (self != NULL, LANCER_CIRCUIT_CLOSED);
  c = g_hash_table_lookup (self->circuits, key);
  if (c == NULL || c->open_until_us == 0)
    return LANCER_CIRCUIT_CLOSED;
  return now_us < c->open_until_us ? LANCER_CIRCUIT_OPEN : LANCER_CIRCUIT_HALF_OPEN;
}

gboolean
lancer_circuit_breaker_allow (LancerCircuitBreaker *self,
                              const char           *key,
                              gint64                now_us,
                              guint                *retry_in_ms)
{
  Circuit *c;

  g_return_val_if_fail (self != NULL, TRUE);
  c = get_circuit (self, key);
  if (c->open_until_us == 0)
    return TRUE;
  if (now_us >= c->open_until_us && !c->trial_in_flight)
    {
      c->trial_in_flight = TRUE;
      return TRUE;
    }
  if (retry_in_ms != NULL)
    *retry_in_ms = now_us < c->open_until_us ? (guint) ((c->open_until_us - now_us) / 1000) : self->cooldown_ms;
  return FALSE;
}

void
lancer_circuit_breaker_record (LancerCircuitBreaker *self,
                               const char           *key,
                               gboolean              success,
                               gint64                now_us)
{
  Circuit *c;

  g_return_if_fail (self != NULL);
  c = get_circuit (self, key);
  c->trial_in_flight = FALSE;
  if (success)
    {
      c->failures = 0;
      c->open_until_us = 0;
      return;
    }
  c->failures++;
  if (c->open_until_us != 0 || c->failures >= self->threshold)
    {
      if (c->open_until_us == 0)
        g_debug ("circuit %s opens after %u failures", key, c->failures);
      c->open_until_us = now_us + (gint64) self->cooldown_ms * 1000;
    }
}

void
lancer_circuit_breaker_reset (LancerCircuitBreaker *self)
{
  g_return_if_fail (self != NULL);
  g_hash_table_remove_all (self->circuits);
}
