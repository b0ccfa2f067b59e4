/* lancer-upwork-enums.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-upwork"

#include "config.h"

#include <string.h>

#include "lancer-upwork-enums.h"

static const char * const kind_names[LANCER_TRANSACTION_N_KINDS] = {
  [LANCER_TRANSACTION_UNKNOWN] = NULL,
  [LANCER_TRANSACTION_HOURLY] = "hourly",
  [LANCER_TRANSACTION_FIXED] = "fixed",
  [LANCER_TRANSACTION_BONUS] = "bonus",
  [LANCER_TRANSACTION_PAYMENT] = "payment",
  [LANCER_TRANSACTION_REFUND] = "refund",
  [LANCER_TRANSACTION_FEE] = "fee",
  [LANCER_TRANSACTION_FEE_CREDIT] = "fee-credit",
  [LANCER_TRANSACTION_CONNECTS] = "connects",
  [LANCER_TRANSACTION_MEMBERSHIP] = "membership",
  [LANCER_TRANSACTION_WITHDRAWAL] = "withdrawal",
  [LANCER_TRANSACTION_WITHDRAWAL_FEE] = "withdrawal-fee",
  [LANCER_TRANSACTION_ADJUSTMENT] = "adjustment",
};

/* "Fixed Price", "FIXED_PRICE", "fixed-price" → "fixedprice": Upwork's
 * spellings differ between its CSV, its web pages and the API. */
static void
squash (const char *in,
        char       *out,
        gsize       size)
{
  gsize n = 0;

  for (const char *p = in; p != NULL && *p != '\0' && n + 1 < size; p++)
    if (g_ascii_isalnum (*p))
      out[n++] = g_ascii_tolower (*p);
  out[n] = '\0';
}

/* Each unknown spelling is logged once per run, not once per row. */
static void
log_unknown (const char *what,
             const char *value)
{
  static GMutex lock;
  static GHashTable *seen;
  g_autofree char *key = g_strconcat (what, ":", value, NULL);
  gboolean first;

  g_mutex_lock (&lock);
  if (seen == NULL)
    seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  first = g_hash_table_add (seen, g_steal_pointer (&key));
  g_mutex_unlock (&lock);
  if (first)
    g_message ("Unknown Upwork %s “%s”: kept as it is and not counted in the metrics", what, value);
}

const char *
lancer_transaction_kind_to_string (LancerTransactionKind kind)
{
  g_return_val_if_fail (kind < LANCER_TRANSACTION_N_KINDS, NULL);
  return kind_names[kind];
}

LancerTransactionKind
lancer_transaction_kind_from_string (const char *kind)
{
  for (guint i = 1; kind != NULL && i < LANCER_TRANSACTION_N_KINDS; i++)
    if (g_str_equal (kind, kind_names[i]))
      return (LancerTransactionKind) i;
  return LANCER_TRANSACTION_UNKNOWN;
}

LancerTransactionKind
lancer_upwork_transaction_kind (const char *type,
                                const char *subtype,
                                double      amount)
{
  static const struct { const char *squashed; LancerTransactionKind kind; } map[] = {
    /* Upwork's transaction history types */
    { "hourly", LANCER_TRANSACTION_HOURLY },
    { "fixedprice", LANCER_TRANSACTION_FIXED },
    { "milestone", LANCER_TRANSACTION_FIXED },
    { "bonus", LANCER_TRANSACTION_BONUS },
    { "payment", LANCER_TRANSACTION_PAYMENT },
    { "expense", LANCER_TRANSACTION_PAYMENT },
    { "refund", LANCER_TRANSACTION_REFUND },
    { "servicefee", LANCER_TRANSACTION_FEE },
    { "servicefeerefund", LANCER_TRANSACTION_FEE_CREDIT },
    { "servicefeecredit", LANCER_TRANSACTION_FEE_CREDIT },
    { "feecredit", LANCER_TRANSACTION_FEE_CREDIT },
    { "connects", LANCER_TRANSACTION_CONNECTS },
    { "connectspurchase", LANCER_TRANSACTION_CONNECTS },
    { "membershipfee", LANCER_TRANSACTION_MEMBERSHIP },
    { "withdrawal", LANCER_TRANSACTION_WITHDRAWAL },
    { "withdrawalfee", LANCER_TRANSACTION_WITHDRAWAL_FEE },
    { "adjustment", LANCER_TRANSACTION_ADJUSTMENT },
    /* Lancer's own spellings, so a second pass changes nothing */
    { "fixed", LANCER_TRANSACTION_FIXED },
    { "fee", LANCER_TRANSACTION_FEE },
    { "membership", LANCER_TRANSACTION_MEMBERSHIP },
  };
  LancerTransactionKind kind = LANCER_TRANSACTION_UNKNOWN;
  char key[64];

  squash (type, key, sizeof key);
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (key, map[i].squashed))
      {
        kind = map[i].kind;
        break;
      }

  /* Upwork books a service fee as a negative amount; a positive one gives
   * a fee back (the client got a refund, or Upwork waived it). */
  if (kind == LANCER_TRANSACTION_FEE && amount > 0)
    kind = LANCER_TRANSACTION_FEE_CREDIT;
  (void) subtype;   /* "APAdjustment" and the like say how it was booked, not what it is */
  return kind;
}

char *
lancer_upwork_normalize_transaction_type (const char *type,
                                          const char *subtype,
                                          double      amount)
{
  LancerTransactionKind kind;

  if (type == NULL || *type == '\0')
    return g_strdup ("other");
  kind = lancer_upwork_transaction_kind (type, subtype, amount);
  if (kind != LANCER_TRANSACTION_UNKNOWN)
    return g_strdup (kind_names[kind]);
  if (!g_str_equal (type, "other"))
    log_unknown ("transaction type", type);
  return g_strdup (type);
}

char *
lancer_upwork_normalize_transaction_subtype (const char *subtype)
{
  static const struct { const char *squashed; const char *name; } map[] = {
    { "apadjustment", "adjustment" }, { "aradjustment", "adjustment" }, { "adjustment", "adjustment" },
    { "apinvoice", "invoice" }, { "arinvoice", "invoice" }, { "invoice", "invoice" },
    { "appayment", "payment" }, { "arpayment", "payment" }, { "payment", "payment" },
    { "aprefund", "refund" }, { "arrefund", "refund" }, { "refund", "refund" },
    { "apcredit", "credit" }, { "arcredit", "credit" }, { "credit", "credit" },
  };
  char key[64];

  if (subtype == NULL || *subtype == '\0')
    return NULL;
  squash (subtype, key, sizeof key);
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (key, map[i].squashed))
      return g_strdup (map[i].name);
  log_unknown ("transaction subtype", subtype);
  return g_strdup (subtype);
}

char *
lancer_upwork_normalize_proposal_status (const char *status)
{
  static const struct { const char *squashed; const char *name; } map[] = {
    /* Upwork's VendorProposal statuses; "Accepted" means submitted and
     * "Activated" that the client opened a conversation. */
    { "pending", "sent" }, { "accepted", "sent" }, { "submitted", "sent" },
    { "activated", "interview" }, { "offered", "offer" }, { "hired", "hired" },
    { "declined", "declined" }, { "withdrawn", "withdrawn" }, { "archived", "archived" },
    /* Lancer's own pipeline spellings */
    { "draft", "draft" }, { "sent", "sent" }, { "viewed", "viewed" }, { "replied", "replied" },
    { "interview", "interview" }, { "offer", "offer" },
  };
  char key[64];

  if (status == NULL || *status == '\0')
    return g_strdup ("sent");
  squash (status, key, sizeof key);
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (key, map[i].squashed))
      return g_strdup (map[i].name);
  log_unknown ("proposal status", status);
  return g_strdup (status);
}
