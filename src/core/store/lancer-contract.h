/* lancer-contract.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LANCER_TYPE_CONTRACT (lancer_contract_get_type ())
G_DECLARE_FINAL_TYPE (LancerContract, lancer_contract, LANCER, CONTRACT, GObject)

/* A snapshot of one contract with its figures for the week the store was
 * asked about. All properties are set once, when the store builds it. */
const char *lancer_contract_get_id              (LancerContract *self);
const char *lancer_contract_get_title           (LancerContract *self);
const char *lancer_contract_get_client_name     (LancerContract *self);
gboolean    lancer_contract_get_hourly          (LancerContract *self);
/* NAN: unknown (the properties hold -1). */
double      lancer_contract_get_hourly_rate     (LancerContract *self);
double      lancer_contract_get_fixed_amount    (LancerContract *self);
const char *lancer_contract_get_status          (LancerContract *self);
gint64      lancer_contract_get_started_at      (LancerContract *self);
/* 0: still open. */
gint64      lancer_contract_get_ended_at        (LancerContract *self);
/* Tracked in the week asked for, and over the whole contract. */
guint       lancer_contract_get_week_minutes    (LancerContract *self);
guint       lancer_contract_get_total_minutes   (LancerContract *self);
/* The sum of its transactions. */
double      lancer_contract_get_paid            (LancerContract *self);
const char *lancer_contract_get_currency        (LancerContract *self);

G_END_DECLS
