/* lancer-upwork-requests.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The variables of every GraphQL request Lancer sends, built in one place
 * so that the sync, the access check and the schema test
 * (tests/data/check-upwork-requests.py, fed by tests/upwork/dump-requests)
 * all see the same values. Each returns a new JsonNode (an object). */

/* Upwork's connection pages hold at most 50 items (upwork-api.md). */
#define LANCER_UPWORK_MAX_PAGE         50
/* vendorProposals rejects big pages with VJCA-6: start at 20, halve on it. */
#define LANCER_UPWORK_PROPOSALS_PAGE   20

/* marketplaceJobPostingsSearch: @after is an offset cursor, NULL for the
 * first page ("0": without it the live API answers "Exception occurred"). */
JsonNode *lancer_upwork_search_variables       (const char *search_expression,
                                                gboolean    verified_payment_only,
                                                const char *after,
                                                guint       first);
JsonNode *lancer_upwork_job_variables          (const char *job_id);
JsonNode *lancer_upwork_proposals_variables    (const char *status,
                                                const char *after,
                                                guint       first);
JsonNode *lancer_upwork_rooms_variables        (const char *after,
                                                guint       first);
JsonNode *lancer_upwork_stories_variables      (const char *room_id,
                                                const char *after,
                                                guint       first);
/* talentWorkHistory pages by offset and limit. */
JsonNode *lancer_upwork_contracts_variables    (const char *person_id,
                                                guint       offset,
                                                guint       limit);
/* Days as yyyyMMdd. */
JsonNode *lancer_upwork_work_days_variables    (const char *contract_id,
                                                const char *from_day,
                                                const char *to_day);
JsonNode *lancer_upwork_diary_day_variables    (const char *contract_id,
                                                const char *day);
/* Days as yyyy-MM-dd. */
JsonNode *lancer_upwork_transactions_variables (const char *accounting_id,
                                                const char *from_day,
                                                const char *to_day);
JsonNode *lancer_upwork_send_message_variables (const char *room_id,
                                                const char *message);
JsonNode *lancer_upwork_submit_variables       (const char *job_id,
                                                const char *user_id,
                                                const char *user_nid,
                                                const char *organization_id,
                                                double      charged_amount,
                                                const char *cover_letter,
                                                const char *estimated_duration);

G_END_DECLS
