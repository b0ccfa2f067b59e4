/* fuzz-upwork-parse.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the Upwork response parsers: any bytes that json-glib
 * accepts go through every parser; none may crash or leak.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "lancer-upwork-parse.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (size > 1 << 20 || !json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL))
    return 0;
  root = json_parser_get_root (parser);
  if (root == NULL)
    return 0;

  {
    LancerUpworkPageInfo page = { 0 };
    g_autoptr(GPtrArray) jobs = lancer_upwork_parse_jobs (root, &page, NULL);
    lancer_upwork_page_info_clear (&page);
  }
  {
    LancerUpworkPageInfo page = { 0 };
    g_autoptr(GPtrArray) a = lancer_upwork_parse_proposals (root, &page, NULL);
    lancer_upwork_page_info_clear (&page);
  }
  {
    g_autoptr(GPtrArray) a = lancer_upwork_parse_rooms (root, NULL, NULL);
    g_autoptr(GPtrArray) b = lancer_upwork_parse_stories (root, "room", NULL, NULL);
    g_autoptr(GPtrArray) c = lancer_upwork_parse_contracts (root, NULL, NULL);
    g_autoptr(GPtrArray) d = lancer_upwork_parse_transactions (root, NULL);
    g_auto(GStrv) days = lancer_upwork_parse_work_days (root, NULL);
    g_autoptr(LancerUpworkUser) user = lancer_upwork_parse_user (root, NULL);
    g_autoptr(LancerJob) job = lancer_upwork_parse_job_details (root, NULL);
    g_autofree char *ace = lancer_upwork_parse_accounting_id (root, NULL);
    LancerUpworkDiaryDay *day = lancer_upwork_parse_diary_day (root, "c", "20260101", NULL);
    LancerUpworkStory *story = lancer_upwork_parse_sent_story (root, "room", NULL);

    lancer_upwork_diary_day_free (day);
    lancer_upwork_story_free (story);
    (void) lancer_upwork_parse_datetime (root);
    (void) lancer_upwork_parse_money (root);
  }
  return 0;
}
