/* lancer-sandbox-schema.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One error as Upwork's GraphQL endpoint reports it. */
typedef struct
{
  char       *message;
  guint       line;             /* 1-based; 0 when the error has no place */
  guint       column;
  const char *classification;   /* "ValidationError" or "InvalidSyntax" */
} LancerSandboxSchemaError;

void       lancer_sandbox_schema_error_free      (LancerSandboxSchemaError *error);

GPtrArray *lancer_sandbox_schema_validate        (const char               *document,
                                                  const char               *operation_name,
                                                  JsonObject               *variables);
char      *lancer_sandbox_schema_errors_to_json  (GPtrArray                *errors);

G_END_DECLS
