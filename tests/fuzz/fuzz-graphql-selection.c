/* fuzz-graphql-selection.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the sandbox's reading of GraphQL selection sets: the
 * query text comes from whoever posts to the sandbox, so no text may crash
 * or leak it, and what it selects must prune a sample answer cleanly.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "lancer-sandbox-selection.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char sample[] =
  "{\"marketplaceJobPostingsSearch\":{\"totalCount\":2,\"edges\":[{\"cursor\":\"0\",\"node\":"
  "{\"id\":\"1\",\"title\":\"A\",\"client\":{\"totalHires\":3,\"location\":null}}},"
  "{\"cursor\":\"1\",\"node\":{\"id\":\"2\",\"skills\":[{\"name\":\"c\"}]}}]}}";

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *query = NULL;
  g_autoptr(LancerSandboxSelection) selection = NULL;
  g_autoptr(JsonNode) answer = NULL;

  if (size > 1 << 16)
    return 0;
  query = g_strndup ((const char *) data, size);
  selection = lancer_sandbox_selection_parse (query);
  if (selection == NULL)
    return 0;
  answer = json_from_string (sample, NULL);
  for (guint i = 0; i < selection->children->len; i++)
    {
      LancerSandboxSelection *root = selection->children->pdata[i];
      JsonObject *object = json_node_get_object (answer);
      JsonNode *value = json_object_get_member (object, root->name);

      if (value != NULL)
        json_node_unref (lancer_sandbox_selection_prune (root, value));
    }
  return 0;
}
