/* lancer-upwork-enums.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Upwork spells its enumerations its own way ("Fixed Price", "Service Fee",
 * "Offered", "APAdjustment"). The sync turns them into Lancer's spellings
 * once, where it parses them; everything after the parser (store, metrics,
 * exports) sees only these. A value Lancer does not know is kept as Upwork
 * sent it, and logged once, so nothing is dropped or guessed. */

typedef enum
{
  LANCER_TRANSACTION_UNKNOWN,        /* kept as Upwork spelled it */
  LANCER_TRANSACTION_HOURLY,         /* earnings */
  LANCER_TRANSACTION_FIXED,          /* earnings: fixed price, milestones */
  LANCER_TRANSACTION_BONUS,          /* earnings */
  LANCER_TRANSACTION_PAYMENT,        /* earnings of another kind */
  LANCER_TRANSACTION_REFUND,         /* money given back to a client: less earnings */
  LANCER_TRANSACTION_FEE,            /* Upwork's service fee charged */
  LANCER_TRANSACTION_FEE_CREDIT,     /* a service fee given back */
  LANCER_TRANSACTION_CONNECTS,       /* Connects bought */
  LANCER_TRANSACTION_MEMBERSHIP,     /* Freelancer Plus and the like */
  LANCER_TRANSACTION_WITHDRAWAL,     /* own money moved out: not income, not a cost */
  LANCER_TRANSACTION_WITHDRAWAL_FEE,
  LANCER_TRANSACTION_ADJUSTMENT,     /* either way: the amount's sign decides */
  LANCER_TRANSACTION_N_KINDS
} LancerTransactionKind;

/* "hourly", "fixed", "bonus", "payment", "refund", "fee", "fee-credit",
 * "connects", "membership", "withdrawal", "withdrawal-fee", "adjustment";
 * NULL for LANCER_TRANSACTION_UNKNOWN. */
const char            *lancer_transaction_kind_to_string   (LancerTransactionKind kind);
/* Lancer's spelling (as stored) → kind; anything else is UNKNOWN. */
LancerTransactionKind  lancer_transaction_kind_from_string (const char           *kind);

/* Upwork's transactionHistoryRow.type (with its accountingSubtype and the
 * signed amount, which tell a service fee from a fee given back) → kind.
 * Accepts Lancer's own spellings too, so normalising twice changes nothing. */
LancerTransactionKind  lancer_upwork_transaction_kind      (const char           *type,
                                                            const char           *subtype,
                                                            double                amount);
/* What the store keeps: Lancer's spelling, or @type itself when unknown
 * (logged once). "other" when @type is NULL or empty. */
char                  *lancer_upwork_normalize_transaction_type    (const char *type,
                                                                    const char *subtype,
                                                                    double      amount);
/* accountingSubtype: "APAdjustment" → "adjustment", "APInvoice" → "invoice", …;
 * unknown kept (logged once); NULL stays NULL. */
char                  *lancer_upwork_normalize_transaction_subtype (const char *subtype);

/* vendorProposals status ("Pending", "Activated", "Accepted", "Offered",
 * "Hired", "Declined", "Withdrawn", "Archived") → Lancer's pipeline
 * spelling ("sent", "interview", "offer", "hired", "declined", "withdrawn",
 * "archived"); Lancer's own spellings ("draft", "viewed", "replied", …) are
 * kept; unknown kept as sent (logged once); NULL or empty → "sent". */
char                  *lancer_upwork_normalize_proposal_status     (const char *status);

G_END_DECLS
