/* lancer-circuit-breaker.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LANCER_CIRCUIT_CLOSED,      /* requests flow */
  LANCER_CIRCUIT_OPEN,        /* failing: requests are refused until the cool-down ends */
  LANCER_CIRCUIT_HALF_OPEN,   /* one trial request is allowed */
} LancerCircuitState;

/* One circuit per endpoint key. After @threshold consecutive failures the
 * circuit opens for @cooldown_ms; then one trial request decides whether
 * it closes again. Use it from one thread. */
typedef struct _LancerCircuitBreaker LancerCircuitBreaker;

LancerCircuitBreaker *lancer_circuit_breaker_new        (guint                  threshold,
                                                         guint                  cooldown_ms);
void                  lancer_circuit_breaker_free       (LancerCircuitBreaker  *self);
void                  lancer_circuit_breaker_configure  (LancerCircuitBreaker  *self,
                                                         guint                  threshold,
                                                         guint                  cooldown_ms);
/* TRUE when a request to @key may go now; otherwise *@retry_in_ms says
 * when the circuit will let a trial through. */
gboolean              lancer_circuit_breaker_allow      (LancerCircuitBreaker  *self,
                                                         const char            *key,
                                                         gint64                 now_us,
                                                         guint                 *retry_in_ms);
void                  lancer_circuit_breaker_record     (LancerCircuitBreaker  *self,
                                                         const char            *key,
                                                         gboolean               success,
                                                         gint64                 now_us);
LancerCircuitState    lancer_circuit_breaker_get_state  (LancerCircuitBreaker  *self,
                                                         const char            *key,
                                                         gint64                 now_us);
void                  lancer_circuit_breaker_reset      (LancerCircuitBreaker  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerCircuitBreaker, lancer_circuit_breaker_free)

G_END_DECLS
