/* fuzz-graphql-schema.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the sandbox's schema validation: every request to
 * the sandbox goes through it, so no document and no variables may crash
 * or leak it. The input is a GraphQL document, optionally followed by a NUL
 * byte and the request's variables as JSON; without them, a few sample
 * variables of Lancer's shapes are used.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "lancer-sandbox-schema.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char sample_variables[] =
  "{\"filter\":{\"searchExpression_eq\":\"gtk\",\"pagination_eq\":{\"first\":10,\"after\":\"0\"},"
  "\"status_eq\":\"Active\",\"roomId_eq\":\"r1\",\"storyFilter\":{\"pagination\":{\"first\":50}}},"
  "\"pagination\":{\"first\":20},\"id\":\"1978704153911649005\","
  "\"input\":{\"contractId\":\"1\",\"date\":\"20261206\",\"roomId\":\"r1\",\"message\":\"hi\","
  "\"contractIds\":[\"1\"],\"timeRange\":{\"rangeStart\":\"20261201\",\"rangeEnd\":\"20261206\"}}}";

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *document = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) errors = NULL;
  const uint8_t *nul;
  JsonObject *variables = NULL;

  if (size > 1 << 16)
    return 0;
  nul = memchr (data, '\0', size);
  document = g_strndup ((const char *) data, nul != NULL ? (gsize) (nul - data) : size);
  if (nul != NULL)
    {
      if (json_parser_load_from_data (parser, (const char *) nul + 1, size - (nul + 1 - data), NULL) &&
          json_parser_get_root (parser) != NULL && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        variables = json_node_get_object (json_parser_get_root (parser));
    }
  else if (json_parser_load_from_data (parser, sample_variables, -1, NULL))
    variables = json_node_get_object (json_parser_get_root (parser));

  errors = lancer_sandbox_schema_validate (document, NULL, variables);
  g_free (lancer_sandbox_schema_errors_to_json (errors));
  return 0;
}
