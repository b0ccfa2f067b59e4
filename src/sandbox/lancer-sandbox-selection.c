/* lancer-sandbox-selection.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lancer-sandbox-selection.h"

/* Reads the selection set of the first operation in a GraphQL document, so
 * the sandbox answers with exactly the fields a query asks for, as the live
 * API does: a field the client forgot to ask for is not in the answer.
 * Arguments, variable definitions and directives are skipped (the sandbox
 * reads inputs from the variables), inline fragments are merged into their
 * parent, and a named fragment spread keeps the whole object. */

/* Deeper than any real query; keeps a hostile one off the stack. */
#define MAX_DEPTH 64

typedef struct
{
  const char *p;
  guint       depth;
} Scanner;

static void
skip_ignored (Scanner *s)
{
  for (;;)
    {
      if (g_ascii_isspace (*s->p) || *s->p == ',')
        s->p++;
      else if (*s->p == '#')
        {
          while (*s->p != '\0' && *s->p != '\n')
            s->p++;
        }
      else
        return;
    }
}

static gboolean
is_name_start (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static char *
read_name (Scanner *s)
{
  const char *start;

  skip_ignored (s);
  if (!is_name_start (*s->p))
    return NULL;
  start = s->p;
  while (g_ascii_isalnum (*s->p) || *s->p == '_')
    s->p++;
  return g_strndup (start, s->p - start);
}

/* Skips a balanced ( … ), strings included. */
static void
skip_parens (Scanner *s)
{
  int depth = 0;

  while (*s->p != '\0')
    {
      char c = *s->p;

      if (c == '"')
        {
          s->p++;
          while (*s->p != '\0' && *s->p != '"')
            s->p += (*s->p == '\\' && s->p[1] != '\0') ? 2 : 1;
          if (*s->p != '\0')
            s->p++;
          continue;
        }
      s->p++;
      if (c == '(')
        depth++;
      else if (c == ')' && --depth <= 0)
        return;
    }
}

static LancerSandboxSelection *
selection_new (char *alias,
               char *name)
{
  LancerSandboxSelection *self = g_new0 (LancerSandboxSelection, 1);

  self->alias = alias;
  self->name = name;
  return self;
}

static gboolean parse_set (Scanner *s, LancerSandboxSelection *parent);

static void
skip_directives (Scanner *s)
{
  for (;;)
    {
      skip_ignored (s);
      if (*s->p != '@')
        return;
      s->p++;
      g_free (read_name (s));
      skip_ignored (s);
      if (*s->p == '(')
        skip_parens (s);
    }
}

/* One field: [alias:] name [(args)] [@directives] [{ … }]. */
static gboolean
parse_field (Scanner                *s,
             LancerSandboxSelection *parent)
{
  g_autofree char *first = read_name (s);
  g_autofree char *name = NULL;
  LancerSandboxSelection *field;

  if (first == NULL)
    return FALSE;
  skip_ignored (s);
  if (*s->p == ':')
    {
      s->p++;
      if ((name = read_name (s)) == NULL)
        return FALSE;
    }
  else
    name = g_strdup (first);
  field = selection_new (g_steal_pointer (&first), g_steal_pointer (&name));
  g_ptr_array_add (parent->children, field);
  skip_ignored (s);
  if (*s->p == '(')
    skip_parens (s);
  skip_directives (s);
  if (*s->p == '{')
    {
      field->children = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_sandbox_selection_free);
      return parse_set (s, field);
    }
  return TRUE;
}

/* { selection … }, at s->p. */
static gboolean
parse_set (Scanner                *s,
           LancerSandboxSelection *parent)
{
  skip_ignored (s);
  if (*s->p != '{' || s->depth >= MAX_DEPTH)
    return FALSE;
  s->p++;
  s->depth++;
  for (;;)
    {
      skip_ignored (s);
      if (*s->p == '}')
        {
          s->p++;
          s->depth--;
          return TRUE;
        }
      if (g_str_has_prefix (s->p, "..."))
        {
          g_autofree char *word = NULL;

          s->p += 3;
          skip_ignored (s);
          if (*s->p != '{' && (word = read_name (s)) == NULL)
            return FALSE;
          if (word != NULL && g_str_equal (word, "on"))
            g_free (read_name (s));
          else if (word != NULL)
            {
              /* a named fragment: keep the object whole */
              g_clear_pointer (&parent->children, g_ptr_array_unref);
              parent->children = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_sandbox_selection_free);
              g_ptr_array_add (parent->children, selection_new (g_strdup ("*"), g_strdup ("*")));
              skip_directives (s);
              continue;
            }
          skip_directives (s);
          if (!parse_set (s, parent))
            return FALSE;
          continue;
        }
      if (!parse_field (s, parent))
        return FALSE;
    }
}

/**
 * lancer_sandbox_selection_parse:
 * @query: a GraphQL document
 *
 * Returns: (transfer full) (nullable): the selection of the document's
 *   first operation, whose children are its root fields; %NULL when the
 *   document has no selection set the sandbox can read
 */
LancerSandboxSelection *
lancer_sandbox_selection_parse (const char *query)
{
  g_autoptr(LancerSandboxSelection) root = NULL;
  Scanner s = { query, 0 };

  g_return_val_if_fail (query != NULL, NULL);

  /* The operation's own selection set is the first brace outside the
   * variable definitions. */
  while (*s.p != '\0' && *s.p != '{')
    {
      skip_ignored (&s);
      if (*s.p == '(')
        skip_parens (&s);
      else if (*s.p != '{' && *s.p != '\0')
        s.p++;
    }
  root = selection_new (NULL, NULL);
  root->children = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_sandbox_selection_free);
  if (!parse_set (&s, root))
    return NULL;
  return g_steal_pointer (&root);
}

void
lancer_sandbox_selection_free (LancerSandboxSelection *self)
{
  if (self == NULL)
    return;
  g_free (self->alias);
  g_free (self->name);
  g_clear_pointer (&self->children, g_ptr_array_unref);
  g_free (self);
}

static gboolean
keeps_all (LancerSandboxSelection *self)
{
  if (self->children == NULL)
    return TRUE;
  for (guint i = 0; i < self->children->len; i++)
    if (g_str_equal (((LancerSandboxSelection *) self->children->pdata[i])->name, "*"))
      return TRUE;
  return FALSE;
}

/**
 * lancer_sandbox_selection_prune:
 * @self: the selection of one field
 * @value: that field's value, as the sandbox built it
 *
 * Returns: (transfer full): @value with only the selected fields, under
 *   their aliases; a selected field the sandbox has no value for is null,
 *   as the live API gives it
 */
JsonNode *
lancer_sandbox_selection_prune (LancerSandboxSelection *self,
                                JsonNode               *value)
{
  JsonNode *node;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  if (keeps_all (self))
    return json_node_copy (value);
  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *in = json_node_get_array (value);
      JsonArray *out = json_array_sized_new (json_array_get_length (in));

      for (guint i = 0; i < json_array_get_length (in); i++)
        json_array_add_element (out, lancer_sandbox_selection_prune (self, json_array_get_element (in, i)));
      node = json_node_init_array (json_node_alloc (), out);
      json_array_unref (out);
      return node;
    }
  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *in = json_node_get_object (value);
      JsonObject *out = json_object_new ();

      node = json_node_init_object (json_node_alloc (), out);

      for (guint i = 0; i < self->children->len; i++)
        {
          LancerSandboxSelection *child = self->children->pdata[i];
          JsonNode *member = json_object_get_member (in, child->name);

          json_object_set_member (out, child->alias,
                                  member != NULL ? lancer_sandbox_selection_prune (child, member)
                                                 : json_node_new (JSON_NODE_NULL));
        }
      json_object_unref (out);
      return node;
    }
  return json_node_copy (value);
}
