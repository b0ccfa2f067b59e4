/* lancer-proposal-private.h: how the store builds a LancerProposal.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-proposal.h"

G_BEGIN_DECLS

/* One row of the proposals query; strings are copied. */
typedef struct
{
  gint64      id;
  const char *upwork_id;
  const char *job_id;
  const char *job_title;
  const char *job_url;
  const char *status;
  gint64      variant_id;
  const char *variant_name;
  double      bid_amount;      /* NAN: unknown */
  int         bid_type;        /* -1: unknown */
  int         connects_spent;  /* -1: unknown */
  gint64      created_at;
  gint64      updated_at;
  gint64      submitted_at;
  const char *room_id;
} LancerProposalFields;

LancerProposal *_lancer_proposal_new (const LancerProposalFields *fields);

G_END_DECLS
