/* lancer-sandbox-selection.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The selection set of a GraphQL operation: each field with its alias and,
 * for objects, the fields chosen inside it. */
typedef struct _LancerSandboxSelection LancerSandboxSelection;

struct _LancerSandboxSelection
{
  char      *alias;      /* the name the answer uses */
  char      *name;       /* the schema field */
  GPtrArray *children;   /* of LancerSandboxSelection; NULL for a leaf */
};

LancerSandboxSelection *lancer_sandbox_selection_parse (const char             *query);
void                    lancer_sandbox_selection_free  (LancerSandboxSelection *self);
JsonNode               *lancer_sandbox_selection_prune (LancerSandboxSelection *self,
                                                        JsonNode               *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerSandboxSelection, lancer_sandbox_selection_free)

G_END_DECLS
