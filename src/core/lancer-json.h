/* lancer-json.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One member of the object @builder is building, name and value in one
 * call: what the request builders, the webhook and the sandbox all need. */

/* A NULL @value is written as null. */
void lancer_json_add_string       (JsonBuilder *builder,
                                   const char  *name,
                                   const char  *value);
void lancer_json_add_int          (JsonBuilder *builder,
                                   const char  *name,
                                   gint64       value);
void lancer_json_add_null         (JsonBuilder *builder,
                                   const char  *name);
/* Starts member @name as an object; the caller ends it. */
void lancer_json_begin_object     (JsonBuilder *builder,
                                   const char  *name);

G_END_DECLS
