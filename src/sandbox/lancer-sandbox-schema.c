/* lancer-sandbox-schema.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lancer-sandbox-schema.h"
#include "lancer-sandbox-schema-table.h"

/* Validates a GraphQL request against Upwork's published schema (the table
 * generated at build time from upwork-schema.graphql), so the sandbox
 * rejects what the live API rejects: a query that passed the sandbox and
 * failed live once left the job feed empty. A recursive-descent parser
 * builds a small syntax tree; the checks then walk it with the schema, and
 * the variables' values are checked against their declared types. The
 * error texts follow graphql-java's, which Upwork runs.
 *
 * The published schema lost some detail (enums are plain scalars, ID and
 * Int often appear as String and Float), so those pairs count as the same
 * type here, and an enum-like scalar takes any scalar value. */

/* Deeper than any real document; keeps a hostile one off the stack. */
#define MAX_DEPTH 64

#define VALIDATION "ValidationError"
#define SYNTAX "InvalidSyntax"

/* ---- syntax tree ---- */

typedef enum
{
  VALUE_VARIABLE,
  VALUE_INT,
  VALUE_FLOAT,
  VALUE_STRING,
  VALUE_BOOLEAN,
  VALUE_NULL,
  VALUE_ENUM,
  VALUE_LIST,
  VALUE_OBJECT,
} ValueKind;

typedef struct
{
  guint line;
  guint column;
} Location;

typedef struct
{
  ValueKind   kind;
  char       *name;      /* variable name */
  const char *start;     /* the value's source text, for messages */
  gsize       len;
  Location    loc;
  GPtrArray  *items;     /* LIST: Value; OBJECT: Member */
} Value;

/* An argument, or a field of an object value. */
typedef struct
{
  char     *name;
  Value    *value;
  Location  loc;
} Member;

typedef struct _TypeRef TypeRef;

struct _TypeRef
{
  char     *name;        /* named type; NULL for a list */
  TypeRef  *of;          /* list item */
  gboolean  non_null;
};

typedef enum
{
  SELECTION_FIELD,
  SELECTION_INLINE_FRAGMENT,
  SELECTION_FRAGMENT_SPREAD,
} SelectionKind;

typedef struct
{
  SelectionKind  kind;
  char          *alias;           /* FIELD: the response key */
  char          *name;            /* FIELD: field; SPREAD: fragment */
  GPtrArray     *arguments;       /* Member */
  GPtrArray     *selections;      /* NULL: none */
  char          *type_condition;  /* INLINE: NULL when absent */
  Location       loc;
} Selection;

typedef struct
{
  char     *name;
  TypeRef  *type;
  Value    *default_value;
  Location  loc;
  gboolean  used;
} VariableDefinition;

typedef struct
{
  const char *kind;        /* "query", "mutation", "subscription" */
  char       *name;        /* NULL: anonymous */
  GPtrArray  *variables;   /* VariableDefinition */
  GPtrArray  *selections;
  Location    loc;
} Operation;

typedef struct
{
  char      *name;
  char      *type_condition;
  GPtrArray *selections;
  Location   loc;
  gboolean   used;
} Fragment;

/* ---- parsing ---- */

typedef enum
{
  TOKEN_EOF,
  TOKEN_PUNCT,      /* one of !$&()...:=@[]{}|; "..." is '.' */
  TOKEN_NAME,
  TOKEN_INT,
  TOKEN_FLOAT,
  TOKEN_STRING,
} TokenKind;

typedef struct
{
  TokenKind   kind;
  const char *start;
  gsize       len;
  Location    loc;
} Token;

/* Everything the tree owns, freed at once: a syntax error can stop the
 * parser anywhere without leaking what it built so far. */
typedef struct
{
  GPtrArray *blocks;
  GPtrArray *arrays;
} Arena;

typedef struct
{
  const char *source;
  const char *p;
  guint       line;
  const char *line_start;
  Token       token;        /* the current one */
  guint       depth;
  Arena      *arena;
  char       *error;        /* the first syntax error */
  Location    error_loc;
  GPtrArray  *operations;
  GPtrArray  *fragments;
  GHashTable *fragments_by_name;   /* the first of each name */
} Parser;

static gpointer
arena_take (Arena    *arena,
            gpointer  block)
{
  g_ptr_array_add (arena->blocks, block);
  return block;
}

#define arena_new(arena, Type) ((Type *) arena_take ((arena), g_new0 (Type, 1)))

static GPtrArray *
arena_array (Arena *arena)
{
  GPtrArray *array = g_ptr_array_new ();

  g_ptr_array_add (arena->arrays, array);
  return array;
}

static char *
arena_strndup (Arena      *arena,
               const char *s,
               gsize       len)
{
  return arena_take (arena, g_strndup (s, len));
}

static gboolean
failed (Parser *ps)
{
  return ps->error != NULL;
}

static void
syntax_error_at (Parser      *ps,
                 const Token *token)
{
  g_autofree char *text = NULL;

  if (failed (ps))
    return;
  if (token->kind == TOKEN_EOF)
    text = g_strdup ("<EOF>");
  else
    text = g_utf8_make_valid (token->start, MIN (token->len, 40));
  ps->error = g_strdup_printf ("Invalid Syntax : offending token '%s' at line %u column %u",
                               text, token->loc.line, token->loc.column);
  ps->error_loc = token->loc;
}

static gboolean
is_name_start (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static void
newline (Parser *ps)
{
  /* \r\n, \r and \n each end a line */
  if (ps->p[0] == '\r' && ps->p[1] == '\n')
    ps->p++;
  ps->p++;
  ps->line++;
  ps->line_start = ps->p;
}

static void
skip_ignored (Parser *ps)
{
  for (;;)
    {
      char c = *ps->p;

      if (c == '\n' || c == '\r')
        newline (ps);
      else if (c == ' ' || c == '\t' || c == ',')
        ps->p++;
      else if ((guchar) c == 0xEF && (guchar) ps->p[1] == 0xBB && (guchar) ps->p[2] == 0xBF)
        ps->p += 3;
      else if (c == '#')
        {
          while (*ps->p != '\0' && *ps->p != '\n' && *ps->p != '\r')
            ps->p++;
        }
      else
        return;
    }
}

/* Reads a string or block string at ps->p; FALSE if it never ends or has
 * a bad escape. */
static gboolean
lex_string (Parser *ps)
{
  if (g_str_has_prefix (ps->p, "\"\"\""))
    {
      ps->p += 3;
      for (;;)
        {
          if (*ps->p == '\0')
            return FALSE;
          if (g_str_has_prefix (ps->p, "\\\"\"\""))
            ps->p += 4;
          else if (g_str_has_prefix (ps->p, "\"\"\""))
            {
              ps->p += 3;
              return TRUE;
            }
          else if (*ps->p == '\n' || *ps->p == '\r')
            newline (ps);
          else
            ps->p++;
        }
    }
  ps->p++;
  for (;;)
    {
      char c = *ps->p;

      if (c == '\0' || c == '\n' || c == '\r')
        return FALSE;
      if (c == '"')
        {
          ps->p++;
          return TRUE;
        }
      if (c == '\\')
        {
          char e = ps->p[1];

          if (e == 'u')
            {
              for (int i = 2; i < 6; i++)
                if (!g_ascii_isxdigit (ps->p[i]))
                  return FALSE;
              ps->p += 6;
              continue;
            }
          if (e == '\0' || strchr ("\"\\/bfnrt", e) == NULL)
            return FALSE;
          ps->p += 2;
          continue;
        }
      ps->p++;
    }
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? not followed by a name or '.' */
static gboolean
lex_number (Parser    *ps,
            TokenKind *kind)
{
  *kind = TOKEN_INT;
  if (*ps->p == '-')
    ps->p++;
  if (*ps->p == '0')
    {
      ps->p++;
      if (g_ascii_isdigit (*ps->p))
        return FALSE;
    }
  else if (g_ascii_isdigit (*ps->p))
    {
      while (g_ascii_isdigit (*ps->p))
        ps->p++;
    }
  else
    return FALSE;
  if (*ps->p == '.')
    {
      *kind = TOKEN_FLOAT;
      ps->p++;
      if (!g_ascii_isdigit (*ps->p))
        return FALSE;
      while (g_ascii_isdigit (*ps->p))
        ps->p++;
    }
  if (*ps->p == 'e' || *ps->p == 'E')
    {
      *kind = TOKEN_FLOAT;
      ps->p++;
      if (*ps->p == '+' || *ps->p == '-')
        ps->p++;
      if (!g_ascii_isdigit (*ps->p))
        return FALSE;
      while (g_ascii_isdigit (*ps->p))
        ps->p++;
    }
  return !is_name_start (*ps->p) && *ps->p != '.';
}

static void
advance (Parser *ps)
{
  Token *t = &ps->token;

  if (failed (ps))
    return;
  skip_ignored (ps);
  t->start = ps->p;
  t->loc.line = ps->line;
  t->loc.column = (guint) (ps->p - ps->line_start) + 1;
  if (*ps->p == '\0')
    {
      t->kind = TOKEN_EOF;
      t->len = 0;
      return;
    }
  if (is_name_start (*ps->p))
    {
      while (is_name_char (*ps->p))
        ps->p++;
      t->kind = TOKEN_NAME;
    }
  else if (*ps->p == '-' || g_ascii_isdigit (*ps->p))
    {
      if (!lex_number (ps, &t->kind))
        {
          t->len = MAX ((gsize) (ps->p - t->start), 1);
          syntax_error_at (ps, t);
          return;
        }
    }
  else if (*ps->p == '"')
    {
      t->kind = TOKEN_STRING;
      if (!lex_string (ps))
        {
          t->len = 1;
          syntax_error_at (ps, t);
          return;
        }
    }
  else if (g_str_has_prefix (ps->p, "..."))
    {
      t->kind = TOKEN_PUNCT;
      ps->p += 3;
    }
  else if (strchr ("!$&():=@[]{}|", *ps->p) != NULL)
    {
      t->kind = TOKEN_PUNCT;
      ps->p++;
    }
  else
    {
      t->kind = TOKEN_PUNCT;
      t->len = 1;
      syntax_error_at (ps, t);
      return;
    }
  t->len = ps->p - t->start;
}

static gboolean
at_punct (Parser *ps,
          char    c)
{
  if (failed (ps) || ps->token.kind != TOKEN_PUNCT)
    return FALSE;
  if (c == '.')
    return ps->token.len == 3;
  return ps->token.len == 1 && ps->token.start[0] == c;
}

static gboolean
at_word (Parser     *ps,
         const char *word)
{
  return !failed (ps) && ps->token.kind == TOKEN_NAME && ps->token.len == strlen (word) &&
         memcmp (ps->token.start, word, ps->token.len) == 0;
}

static gboolean
expect_punct (Parser *ps,
              char    c)
{
  if (!at_punct (ps, c))
    {
      syntax_error_at (ps, &ps->token);
      return FALSE;
    }
  advance (ps);
  return !failed (ps);
}

static char *
expect_name (Parser   *ps,
             Location *loc)
{
  char *name;

  if (failed (ps) || ps->token.kind != TOKEN_NAME)
    {
      syntax_error_at (ps, &ps->token);
      return NULL;
    }
  name = arena_strndup (ps->arena, ps->token.start, ps->token.len);
  if (loc != NULL)
    *loc = ps->token.loc;
  advance (ps);
  return failed (ps) ? NULL : name;
}

static gboolean
enter (Parser *ps)
{
  if (ps->depth >= MAX_DEPTH)
    {
      syntax_error_at (ps, &ps->token);
      return FALSE;
    }
  ps->depth++;
  return TRUE;
}

static Value *
parse_value (Parser   *ps,
             gboolean  constant)
{
  Value *v;

  if (failed (ps) || !enter (ps))
    return NULL;
  v = arena_new (ps->arena, Value);
  v->start = ps->token.start;
  v->loc = ps->token.loc;
  switch ((int) ps->token.kind)
    {
    case TOKEN_INT:
      v->kind = VALUE_INT;
      advance (ps);
      break;
    case TOKEN_FLOAT:
      v->kind = VALUE_FLOAT;
      advance (ps);
      break;
    case TOKEN_STRING:
      v->kind = VALUE_STRING;
      advance (ps);
      break;
    case TOKEN_NAME:
      if (at_word (ps, "true") || at_word (ps, "false"))
        v->kind = VALUE_BOOLEAN;
      else if (at_word (ps, "null"))
        v->kind = VALUE_NULL;
      else
        v->kind = VALUE_ENUM;
      advance (ps);
      break;
    default:
      if (at_punct (ps, '$') && !constant)
        {
          v->kind = VALUE_VARIABLE;
          advance (ps);
          v->name = expect_name (ps, NULL);
        }
      else if (at_punct (ps, '['))
        {
          v->kind = VALUE_LIST;
          v->items = arena_array (ps->arena);
          advance (ps);
          while (!failed (ps) && !at_punct (ps, ']'))
            {
              Value *item = parse_value (ps, constant);

              if (item != NULL)
                g_ptr_array_add (v->items, item);
            }
          expect_punct (ps, ']');
        }
      else if (at_punct (ps, '{'))
        {
          v->kind = VALUE_OBJECT;
          v->items = arena_array (ps->arena);
          advance (ps);
          while (!failed (ps) && !at_punct (ps, '}'))
            {
              Member *m = arena_new (ps->arena, Member);

              m->name = expect_name (ps, &m->loc);
              expect_punct (ps, ':');
              m->value = parse_value (ps, constant);
              if (!failed (ps))
                g_ptr_array_add (v->items, m);
            }
          expect_punct (ps, '}');
        }
      else
        syntax_error_at (ps, &ps->token);
    }
  /* the previous token ends where the current one's ignored prefix starts */
  if (!failed (ps))
    {
      const char *end = ps->token.start;

      while (end > v->start && (g_ascii_isspace (end[-1]) || end[-1] == ','))
        end--;
      v->len = end - v->start;
    }
  ps->depth--;
  return failed (ps) ? NULL : v;
}

static GPtrArray *
parse_arguments (Parser   *ps,
                 gboolean  constant)
{
  GPtrArray *arguments = arena_array (ps->arena);

  if (!at_punct (ps, '('))
    return arguments;
  advance (ps);
  do
    {
      Member *m = arena_new (ps->arena, Member);

      m->name = expect_name (ps, &m->loc);
      expect_punct (ps, ':');
      m->value = parse_value (ps, constant);
      if (!failed (ps))
        g_ptr_array_add (arguments, m);
    }
  while (!failed (ps) && !at_punct (ps, ')'));
  expect_punct (ps, ')');
  return arguments;
}

/* Directives are read and dropped: the sandbox honours none. */
static void
parse_directives (Parser   *ps,
                  gboolean  constant)
{
  while (at_punct (ps, '@'))
    {
      advance (ps);
      expect_name (ps, NULL);
      parse_arguments (ps, constant);
    }
}

static TypeRef *
parse_type (Parser *ps)
{
  TypeRef *t;

  if (failed (ps) || !enter (ps))
    return NULL;
  t = arena_new (ps->arena, TypeRef);
  if (at_punct (ps, '['))
    {
      advance (ps);
      t->of = parse_type (ps);
      expect_punct (ps, ']');
    }
  else
    t->name = expect_name (ps, NULL);
  if (at_punct (ps, '!'))
    {
      t->non_null = TRUE;
      advance (ps);
    }
  ps->depth--;
  return failed (ps) ? NULL : t;
}

static GPtrArray *parse_selection_set (Parser *ps);

static Selection *
parse_selection (Parser *ps)
{
  Selection *s = arena_new (ps->arena, Selection);

  s->loc = ps->token.loc;
  if (at_punct (ps, '.'))
    {
      advance (ps);
      if (at_word (ps, "on") || at_punct (ps, '{') || at_punct (ps, '@'))
        {
          s->kind = SELECTION_INLINE_FRAGMENT;
          if (at_word (ps, "on"))
            {
              advance (ps);
              s->type_condition = expect_name (ps, NULL);
            }
          parse_directives (ps, FALSE);
          s->selections = parse_selection_set (ps);
        }
      else
        {
          s->kind = SELECTION_FRAGMENT_SPREAD;
          s->name = expect_name (ps, NULL);
          parse_directives (ps, FALSE);
        }
      return failed (ps) ? NULL : s;
    }
  s->kind = SELECTION_FIELD;
  s->alias = s->name = expect_name (ps, NULL);
  if (at_punct (ps, ':'))
    {
      advance (ps);
      s->name = expect_name (ps, NULL);
    }
  s->arguments = parse_arguments (ps, FALSE);
  parse_directives (ps, FALSE);
  if (at_punct (ps, '{'))
    s->selections = parse_selection_set (ps);
  return failed (ps) ? NULL : s;
}

/* { selection+ }: an empty set is a syntax error, as in graphql-java. */
static GPtrArray *
parse_selection_set (Parser *ps)
{
  GPtrArray *selections;

  if (failed (ps) || !enter (ps))
    return NULL;
  selections = arena_array (ps->arena);
  expect_punct (ps, '{');
  do
    {
      Selection *s = parse_selection (ps);

      if (s != NULL)
        g_ptr_array_add (selections, s);
    }
  while (!failed (ps) && !at_punct (ps, '}'));
  expect_punct (ps, '}');
  ps->depth--;
  return failed (ps) ? NULL : selections;
}

static void
parse_operation (Parser *ps)
{
  Operation *op = arena_new (ps->arena, Operation);

  op->loc = ps->token.loc;
  op->variables = arena_array (ps->arena);
  if (at_punct (ps, '{'))
    op->kind = "query";
  else
    {
      op->kind = at_word (ps, "query") ? "query" : at_word (ps, "mutation") ? "mutation" : "subscription";
      advance (ps);
      if (!failed (ps) && ps->token.kind == TOKEN_NAME)
        op->name = expect_name (ps, NULL);
      if (at_punct (ps, '('))
        {
          advance (ps);
          do
            {
              VariableDefinition *def = arena_new (ps->arena, VariableDefinition);

              def->loc = ps->token.loc;
              expect_punct (ps, '$');
              def->name = expect_name (ps, NULL);
              expect_punct (ps, ':');
              def->type = parse_type (ps);
              if (at_punct (ps, '='))
                {
                  advance (ps);
                  def->default_value = parse_value (ps, TRUE);
                }
              parse_directives (ps, TRUE);
              if (!failed (ps))
                g_ptr_array_add (op->variables, def);
            }
          while (!failed (ps) && !at_punct (ps, ')'));
          expect_punct (ps, ')');
        }
      parse_directives (ps, FALSE);
    }
  op->selections = parse_selection_set (ps);
  if (!failed (ps))
    g_ptr_array_add (ps->operations, op);
}

static void
parse_fragment (Parser *ps)
{
  Fragment *f = arena_new (ps->arena, Fragment);

  f->loc = ps->token.loc;
  advance (ps);
  if (at_word (ps, "on"))
    syntax_error_at (ps, &ps->token);   /* a fragment can't be named "on" */
  f->name = expect_name (ps, NULL);
  if (!at_word (ps, "on"))
    {
      syntax_error_at (ps, &ps->token);
      return;
    }
  advance (ps);
  f->type_condition = expect_name (ps, NULL);
  parse_directives (ps, FALSE);
  f->selections = parse_selection_set (ps);
  if (!failed (ps))
    {
      g_ptr_array_add (ps->fragments, f);
      if (!g_hash_table_contains (ps->fragments_by_name, f->name))
        g_hash_table_insert (ps->fragments_by_name, f->name, f);
    }
}

static void
parse_document (Parser *ps)
{
  advance (ps);
  if (!failed (ps) && ps->token.kind == TOKEN_EOF)
    syntax_error_at (ps, &ps->token);
  while (!failed (ps) && ps->token.kind != TOKEN_EOF)
    {
      if (at_punct (ps, '{') || at_word (ps, "query") || at_word (ps, "mutation") ||
          at_word (ps, "subscription"))
        parse_operation (ps);
      else if (at_word (ps, "fragment"))
        parse_fragment (ps);
      else
        syntax_error_at (ps, &ps->token);
    }
}

/* ---- the schema ---- */

static int
compare_type_name (const void *key,
                   const void *member)
{
  return strcmp (key, ((const LancerSchemaType *) member)->name);
}

static const LancerSchemaType *
schema_type (const char *name)
{
  if (name == NULL)
    return NULL;
  return bsearch (name, lancer_schema_types, lancer_schema_n_types, sizeof (LancerSchemaType),
                  compare_type_name);
}

static const LancerSchemaField *
schema_field (const LancerSchemaType *type,
              const char             *name)
{
  for (guint i = 0; i < type->n_fields; i++)
    if (g_str_equal (type->fields[i].name, name))
      return &type->fields[i];
  return NULL;
}

static const char *
named_type (const TypeRef *t)
{
  while (t->name == NULL)
    t = t->of;
  return t->name;
}

/* The schema's type text ("[String]!") as a TypeRef, in @arena. */
static TypeRef *
schema_type_ref (Arena       *arena,
                 const char **text)
{
  TypeRef *t = arena_new (arena, TypeRef);

  if (**text == '[')
    {
      (*text)++;
      t->of = schema_type_ref (arena, text);
      if (**text == ']')
        (*text)++;
    }
  else
    {
      const char *start = *text;

      while (is_name_char (**text))
        (*text)++;
      t->name = arena_strndup (arena, start, *text - start);
    }
  if (**text == '!')
    {
      t->non_null = TRUE;
      (*text)++;
    }
  return t;
}

static void
print_type (GString       *out,
            const TypeRef *t)
{
  if (t->name != NULL)
    g_string_append (out, t->name);
  else
    {
      g_string_append_c (out, '[');
      print_type (out, t->of);
      g_string_append_c (out, ']');
    }
  if (t->non_null)
    g_string_append_c (out, '!');
}

static char *
type_text (const TypeRef *t)
{
  GString *out = g_string_new (NULL);

  print_type (out, t);
  return g_string_free (out, FALSE);
}

/* The published schema says String for many IDs and Float for every Int. */
static gboolean
same_named_type (const char *a,
                 const char *b)
{
  gboolean a_text = g_str_equal (a, "String") || g_str_equal (a, "ID");
  gboolean b_text = g_str_equal (b, "String") || g_str_equal (b, "ID");
  gboolean a_number = g_str_equal (a, "Int") || g_str_equal (a, "Float");
  gboolean b_number = g_str_equal (b, "Int") || g_str_equal (b, "Float");

  return g_str_equal (a, b) || (a_text && b_text) || (a_number && b_number);
}

/* Can a variable of type @var be used where @location is expected? */
static gboolean
types_compatible (const TypeRef *var,
                  gboolean       var_nn,
                  const TypeRef *location,
                  gboolean       location_nn)
{
  if (location_nn)
    return var_nn && types_compatible (var, FALSE, location, FALSE);
  if (var_nn)
    return types_compatible (var, FALSE, location, FALSE);
  if (location->name == NULL)
    return var->name == NULL &&
           types_compatible (var->of, var->of->non_null, location->of, location->of->non_null);
  return var->name != NULL && same_named_type (var->name, location->name);
}

/* ---- validation ---- */

typedef struct
{
  GPtrArray  *errors;
  GHashTable *seen;        /* "line:column:message" already reported */
  Arena      *arena;
  Parser     *ps;
  Operation  *operation;   /* NULL while none is being checked */
  GHashTable *fragments_done;
  GPtrArray  *path;        /* response keys down to the current field */
} Check;

static void
add_error (GPtrArray  *errors,
           GHashTable *seen,
           Location    loc,
           const char *classification,
           char       *message)
{
  g_autofree char *key = g_strdup_printf ("%u:%u:%s", loc.line, loc.column, message);
  LancerSandboxSchemaError *error;

  if (seen != NULL && !g_hash_table_add (seen, g_steal_pointer (&key)))
    {
      g_free (message);
      return;
    }
  error = g_new0 (LancerSandboxSchemaError, 1);
  error->message = message;
  error->line = loc.line;
  error->column = loc.column;
  error->classification = classification;
  g_ptr_array_add (errors, error);
}

/* "Validation error (Kind@[a/b/c]) : detail", as graphql-java writes it. */
G_GNUC_PRINTF (4, 5)
static void
report (Check      *c,
        Location    loc,
        const char *kind,
        const char *format,
        ...)
{
  g_autofree char *detail = NULL;
  GString *message = g_string_new ("Validation error (");
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_string_append (message, kind);
  if (c->path->len > 0)
    {
      g_string_append (message, "@[");
      for (guint i = 0; i < c->path->len; i++)
        {
          if (i > 0)
            g_string_append_c (message, '/');
          g_string_append (message, c->path->pdata[i]);
        }
      g_string_append_c (message, ']');
    }
  g_string_append (message, ") : ");
  g_string_append (message, detail);
  add_error (c->errors, c->seen, loc, VALIDATION, g_string_free (message, FALSE));
}

static const char *
value_kind_name (ValueKind kind)
{
  static const char *names[] = {
    "Variable", "IntValue", "FloatValue", "StringValue", "BooleanValue", "NullValue", "EnumValue",
    "ArrayValue", "ObjectValue",
  };

  return names[kind];
}

static VariableDefinition *
find_variable (Operation  *op,
               const char *name)
{
  for (guint i = 0; op != NULL && i < op->variables->len; i++)
    {
      VariableDefinition *def = op->variables->pdata[i];

      if (g_str_equal (def->name, name))
        return def;
    }
  return NULL;
}

static void
check_variable_use (Check         *c,
                    const Value   *v,
                    const TypeRef *location)
{
  VariableDefinition *def = find_variable (c->operation, v->name);
  const LancerSchemaType *declared;

  if (c->operation == NULL)
    return;
  if (def == NULL)
    {
      report (c, v->loc, "UndefinedVariable", "Undefined variable '%s'", v->name);
      return;
    }
  def->used = TRUE;
  declared = schema_type (named_type (def->type));
  if (declared == NULL || declared->kind == LANCER_SCHEMA_OBJECT)
    return;   /* reported with the definition */
  /* a default value lets a nullable variable fill a non-null place */
  if (!types_compatible (def->type, def->type->non_null || def->default_value != NULL,
                         location, location->non_null))
    {
      g_autofree char *var_text = type_text (def->type);
      g_autofree char *location_text = type_text (location);

      report (c, v->loc, "VariableTypeMismatch",
              "Variable type '%s' doesn't match expected type '%s'", var_text, location_text);
    }
}

/* Why literal @v is not a valid @t (variables inside are checked against
 * their place as a side effect); NULL when it is. @bad_type gets the
 * named type at fault. */
static char *
literal_problem (Check          *c,
                 const Value    *v,
                 const TypeRef  *t,
                 const char    **bad_type)
{
  const LancerSchemaType *type;

  *bad_type = named_type (t);
  if (v->kind == VALUE_VARIABLE)
    {
      check_variable_use (c, v, t);
      return NULL;
    }
  if (v->kind == VALUE_NULL)
    return t->non_null ? g_strdup ("must not be null") : NULL;
  if (t->name == NULL)
    {
      if (v->kind != VALUE_LIST)
        return literal_problem (c, v, t->of, bad_type);   /* one item is a list of one */
      for (guint i = 0; i < v->items->len; i++)
        {
          char *problem = literal_problem (c, v->items->pdata[i], t->of, bad_type);

          if (problem != NULL)
            return problem;
        }
      return NULL;
    }
  type = schema_type (t->name);
  if (type == NULL)
    return NULL;
  if (type->kind == LANCER_SCHEMA_SCALAR)
    {
      gboolean ok;

      if (g_str_equal (t->name, "String"))
        ok = v->kind == VALUE_STRING;
      else if (g_str_equal (t->name, "ID"))
        ok = v->kind == VALUE_STRING || v->kind == VALUE_INT;
      else if (g_str_equal (t->name, "Int"))
        ok = v->kind == VALUE_INT;
      else if (g_str_equal (t->name, "Float"))
        ok = v->kind == VALUE_INT || v->kind == VALUE_FLOAT;
      else if (g_str_equal (t->name, "Boolean"))
        ok = v->kind == VALUE_BOOLEAN;
      else
        ok = v->kind != VALUE_LIST && v->kind != VALUE_OBJECT;   /* an enum, as far as we know */
      return ok ? NULL : g_strdup_printf ("is not a valid '%s' literal: %s", t->name, value_kind_name (v->kind));
    }
  if (type->kind != LANCER_SCHEMA_INPUT)
    return NULL;
  if (v->kind != VALUE_OBJECT)
    return g_strdup_printf ("Expected AST type 'ObjectValue' but was '%s'.", value_kind_name (v->kind));
  for (guint i = 0; i < v->items->len; i++)
    {
      const Member *m = v->items->pdata[i];
      const LancerSchemaField *field = schema_field (type, m->name);
      const char *text;
      char *problem;

      if (field == NULL)
        {
          *bad_type = type->name;
          return g_strdup_printf ("contains a field not in '%s': '%s'", type->name, m->name);
        }
      text = field->type;
      problem = literal_problem (c, m->value, schema_type_ref (c->arena, &text), bad_type);
      if (problem != NULL)
        return problem;
    }
  for (guint f = 0; f < type->n_fields; f++)
    {
      gboolean given = FALSE;

      if (!g_str_has_suffix (type->fields[f].type, "!"))
        continue;
      for (guint i = 0; i < v->items->len && !given; i++)
        given = g_str_equal (((Member *) v->items->pdata[i])->name, type->fields[f].name);
      if (!given)
        {
          *bad_type = type->name;
          return g_strdup_printf ("is missing required fields '[%s]'", type->fields[f].name);
        }
    }
  return NULL;
}

static void check_selections (Check *c, const LancerSchemaType *parent, GPtrArray *selections);

static void
check_arguments (Check                   *c,
                 const Selection         *s,
                 const LancerSchemaField *field)
{
  for (guint i = 0; i < s->arguments->len; i++)
    {
      const Member *m = s->arguments->pdata[i];
      const LancerSchemaArgument *argument = NULL;
      g_autofree char *problem = NULL;
      const char *bad_type = NULL;
      const char *text;

      for (guint a = 0; a < field->n_arguments && argument == NULL; a++)
        if (g_str_equal (field->arguments[a].name, m->name))
          argument = &field->arguments[a];
      if (argument == NULL)
        {
          report (c, m->loc, "UnknownArgument", "Unknown field argument '%s'", m->name);
          continue;
        }
      text = argument->type;
      problem = literal_problem (c, m->value, schema_type_ref (c->arena, &text), &bad_type);
      if (problem != NULL)
        {
          g_autofree char *value = g_utf8_make_valid (m->value->start, MIN (m->value->len, 200));

          report (c, m->loc, "WrongType", "argument '%s' with value '%s' is not a valid '%s' - %s",
                  m->name, value, bad_type, problem);
        }
    }
  for (guint a = 0; a < field->n_arguments; a++)
    {
      gboolean given = FALSE;

      if (!g_str_has_suffix (field->arguments[a].type, "!"))
        continue;
      for (guint i = 0; i < s->arguments->len && !given; i++)
        given = g_str_equal (((Member *) s->arguments->pdata[i])->name, field->arguments[a].name);
      if (!given)
        report (c, s->loc, "MissingFieldArgument", "Missing field argument '%s'", field->arguments[a].name);
    }
}

static void
check_field (Check                  *c,
             const LancerSchemaType *parent,
             const Selection        *s)
{
  const LancerSchemaField *field;
  const LancerSchemaType *type;
  const char *text;

  g_ptr_array_add (c->path, s->alias);
  if (g_str_equal (s->name, "__typename"))
    {
      if (s->selections != NULL)
        report (c, s->loc, "SubSelectionNotAllowed",
                "Subselection not allowed on leaf type 'String!' of field '__typename'");
      goto out;
    }
  /* introspection: the live API answers it; its types are not in the table */
  if ((g_str_equal (s->name, "__schema") || g_str_equal (s->name, "__type")) &&
      g_str_equal (parent->name, lancer_schema_query_type))
    goto out;
  if ((field = schema_field (parent, s->name)) == NULL)
    {
      report (c, s->loc, "FieldUndefined", "Field '%s' in type '%s' is undefined", s->name, parent->name);
      goto out;
    }
  check_arguments (c, s, field);
  text = field->type;
  type = schema_type (named_type (schema_type_ref (c->arena, &text)));
  if (type == NULL)
    goto out;
  if (type->kind == LANCER_SCHEMA_OBJECT && s->selections == NULL)
    report (c, s->loc, "SubSelectionRequired",
            "Subselection required for type '%s' of field '%s'", field->type, s->name);
  else if (type->kind != LANCER_SCHEMA_OBJECT && s->selections != NULL)
    report (c, s->loc, "SubSelectionNotAllowed",
            "Subselection not allowed on leaf type '%s' of field '%s'", field->type, s->name);
  else if (s->selections != NULL)
    check_selections (c, type, s->selections);
out:
  g_ptr_array_remove_index (c->path, c->path->len - 1);
}

static Fragment *
find_fragment (Parser     *ps,
               const char *name)
{
  return g_hash_table_lookup (ps->fragments_by_name, name);
}

/* A fragment on @condition inside @parent: with no interfaces or unions in
 * the schema, only the same object type can be spread. */
static const LancerSchemaType *
fragment_type (Check                  *c,
               const LancerSchemaType *parent,
               const char             *condition,
               Location                loc)
{
  const LancerSchemaType *type;

  if (condition == NULL)
    return parent;
  if ((type = schema_type (condition)) == NULL)
    {
      report (c, loc, "UnknownType", "Unknown type '%s'", condition);
      return NULL;
    }
  if (type->kind != LANCER_SCHEMA_OBJECT)
    {
      report (c, loc, "InlineFragmentTypeConditionInvalid",
              "Inline fragment type condition is invalid, must be on Object/Interface/Union");
      return NULL;
    }
  if (type != parent)
    {
      report (c, loc, "InvalidFragmentType",
              "Fragment cannot be spread here as objects of type '%s' can never be of type '%s'",
              parent->name, type->name);
      return NULL;
    }
  return type;
}

static void
check_selections (Check                  *c,
                  const LancerSchemaType *parent,
                  GPtrArray              *selections)
{
  for (guint i = 0; i < selections->len; i++)
    {
      const Selection *s = selections->pdata[i];
      const LancerSchemaType *type;
      Fragment *fragment;

      switch (s->kind)
        {
        case SELECTION_FIELD:
          check_field (c, parent, s);
          break;
        case SELECTION_INLINE_FRAGMENT:
          if ((type = fragment_type (c, parent, s->type_condition, s->loc)) != NULL)
            check_selections (c, type, s->selections);
          break;
        case SELECTION_FRAGMENT_SPREAD:
          if ((fragment = find_fragment (c->ps, s->name)) == NULL)
            {
              report (c, s->loc, "UndefinedFragment", "Undefined fragment '%s'", s->name);
              break;
            }
          fragment->used = TRUE;
          /* each fragment once per operation: no cycles, no blow-up */
          if (!g_hash_table_add (c->fragments_done, fragment))
            break;
          if ((type = fragment_type (c, parent, fragment->type_condition, fragment->loc)) != NULL)
            check_selections (c, type, fragment->selections);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* The fragments spread anywhere inside @selections. */
static void
collect_spreads (Parser    *ps,
                 GPtrArray *selections,
                 GPtrArray *out)
{
  for (guint i = 0; selections != NULL && i < selections->len; i++)
    {
      const Selection *s = selections->pdata[i];
      Fragment *fragment;

      if (s->kind == SELECTION_FRAGMENT_SPREAD && (fragment = find_fragment (ps, s->name)) != NULL)
        g_ptr_array_add (out, fragment);
      else
        collect_spreads (ps, s->selections, out);
    }
}

/* Does @start spread itself, directly or through others? A walk with a
 * work list: a long chain of fragments can't run the stack out. */
static gboolean
spreads_itself (Parser   *ps,
                Fragment *start)
{
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  collect_spreads (ps, start->selections, todo);
  while (todo->len > 0)
    {
      Fragment *next = g_ptr_array_steal_index_fast (todo, todo->len - 1);

      if (next == start)
        return TRUE;
      if (g_hash_table_add (seen, next))
        collect_spreads (ps, next->selections, todo);
    }
  return FALSE;
}

static void
check_operation (Check     *c,
                 Operation *op)
{
  const char *root_name = NULL;
  const LancerSchemaType *root;

  c->operation = op;
  g_hash_table_remove_all (c->fragments_done);
  for (guint i = 0; i < op->variables->len; i++)
    {
      VariableDefinition *def = op->variables->pdata[i];
      const LancerSchemaType *type = schema_type (named_type (def->type));

      for (guint j = 0; j < i; j++)
        if (g_str_equal (((VariableDefinition *) op->variables->pdata[j])->name, def->name))
          report (c, def->loc, "DuplicateVariableName", "There can be only one variable named '%s'", def->name);
      if (type == NULL)
        report (c, def->loc, "UnknownType", "Unknown type '%s'", named_type (def->type));
      else if (type->kind == LANCER_SCHEMA_OBJECT)
        {
          g_autofree char *text = type_text (def->type);

          report (c, def->loc, "NonInputTypeOnVariable",
                  "Input variable '%s' type '%s' is not an input type", def->name, text);
        }
    }
  if (g_str_equal (op->kind, "query"))
    root_name = lancer_schema_query_type;
  else if (g_str_equal (op->kind, "mutation"))
    root_name = lancer_schema_mutation_type;
  if ((root = schema_type (root_name)) == NULL)
    report (c, op->loc, "UnknownOperation", "The '%s' operation is not supported by the schema", op->kind);
  else
    check_selections (c, root, op->selections);
  for (guint i = 0; i < op->variables->len; i++)
    {
      VariableDefinition *def = op->variables->pdata[i];

      if (!def->used)
        report (c, def->loc, "UnusedVariable", "Unused variable '%s'", def->name);
    }
  c->operation = NULL;
}

/* ---- variable values ---- */

static const char *
json_kind_name (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "a list";
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "a string";
    case G_TYPE_BOOLEAN:
      return "a boolean";
    case G_TYPE_INT64:
      return "an integer";
    default:
      return "a number";
    }
}

/* Why JSON @node (NULL: absent) is not a valid @t; NULL when it is.
 * @where names the place ("filter.pagination_eq.first"). */
static char *
json_problem (Arena         *arena,
              JsonNode      *node,
              const TypeRef *t,
              GString       *where,
              guint          depth)
{
  const LancerSchemaType *type;

  if (depth > MAX_DEPTH)
    return g_strdup_printf ("Field '%s' is nested too deeply", where->str);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_autofree char *text = type_text (t);

      return t->non_null ? g_strdup_printf ("Field '%s' has coerced Null value for NonNull type '%s'",
                                            where->str, text)
                         : NULL;
    }
  if (t->name == NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return json_problem (arena, node, t->of, where, depth + 1);   /* one item is a list of one */
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        {
          gsize len = where->len;
          char *problem;

          g_string_append_printf (where, "[%u]", i);
          problem = json_problem (arena, json_array_get_element (json_node_get_array (node), i), t->of, where,
                                  depth + 1);
          g_string_truncate (where, len);
          if (problem != NULL)
            return problem;
        }
      return NULL;
    }
  if ((type = schema_type (t->name)) == NULL)
    return NULL;
  if (type->kind == LANCER_SCHEMA_SCALAR)
    {
      GType value_type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
      gboolean ok;

      if (g_str_equal (t->name, "String"))
        ok = value_type == G_TYPE_STRING;
      else if (g_str_equal (t->name, "ID"))
        ok = value_type == G_TYPE_STRING || value_type == G_TYPE_INT64;
      else if (g_str_equal (t->name, "Int"))
        ok = value_type == G_TYPE_INT64;
      else if (g_str_equal (t->name, "Float"))
        ok = value_type == G_TYPE_INT64 || value_type == G_TYPE_DOUBLE;
      else if (g_str_equal (t->name, "Boolean"))
        ok = value_type == G_TYPE_BOOLEAN;
      else
        ok = value_type != G_TYPE_INVALID;   /* an enum, as far as we know: takes its name */
      return ok ? NULL : g_strdup_printf ("Field '%s' expects a value of type '%s' but got %s",
                                          where->str, t->name, json_kind_name (node));
    }
  if (type->kind != LANCER_SCHEMA_INPUT)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup_printf ("Field '%s' expects an object of type '%s' but got %s",
                            where->str, type->name, json_kind_name (node));
  {
    JsonObject *object = json_node_get_object (node);
    g_autoptr(GList) members = json_object_get_members (object);

    for (GList *l = members; l != NULL; l = l->next)
      if (schema_field (type, l->data) == NULL)
        return g_strdup_printf ("The variables input contains a field name '%s' that is not defined "
                                "for input object type '%s'", (const char *) l->data, type->name);
    for (guint f = 0; f < type->n_fields; f++)
      {
        const char *text = type->fields[f].type;
        gsize len = where->len;
        char *problem;

        g_string_append_printf (where, ".%s", type->fields[f].name);
        problem = json_problem (arena, json_object_get_member (object, type->fields[f].name),
                                schema_type_ref (arena, &text), where, depth + 1);
        g_string_truncate (where, len);
        if (problem != NULL)
          return problem;
      }
  }
  return NULL;
}

static void
check_values (Check      *c,
              Operation  *op,
              JsonObject *variables)
{
  for (guint i = 0; i < op->variables->len; i++)
    {
      VariableDefinition *def = op->variables->pdata[i];
      const LancerSchemaType *type = schema_type (named_type (def->type));
      JsonNode *value = variables != NULL ? json_object_get_member (variables, def->name) : NULL;
      g_autoptr(GString) where = g_string_new (def->name);
      g_autofree char *problem = NULL;

      if (type == NULL || type->kind == LANCER_SCHEMA_OBJECT)
        continue;   /* reported already */
      if (value == NULL && def->default_value != NULL)
        continue;
      if ((value == NULL || JSON_NODE_HOLDS_NULL (value)) && def->type->non_null)
        {
          g_autofree char *text = type_text (def->type);

          add_error (c->errors, c->seen, def->loc, VALIDATION,
                     g_strdup_printf ("Variable '%s' has coerced Null value for NonNull type '%s'",
                                      def->name, text));
        }
      else if ((problem = json_problem (c->arena, value, def->type, where, 0)) != NULL)
        add_error (c->errors, c->seen, def->loc, VALIDATION,
                   g_strdup_printf ("Variable '%s' has an invalid value: %s", def->name, problem));
    }
}

/* ---- API ---- */

void
lancer_sandbox_schema_error_free (LancerSandboxSchemaError *error)
{
  if (error == NULL)
    return;
  g_free (error->message);
  g_free (error);
}

/**
 * lancer_sandbox_schema_validate:
 * @document: the request's GraphQL document
 * @operation_name: (nullable): the request's operationName
 * @variables: (nullable): the request's variables
 *
 * Checks a request as Upwork's GraphQL endpoint would before running it:
 * syntax, fields, arguments, fragments, variable definitions and uses, and
 * the variables' values.
 *
 * Returns: (transfer full) (element-type LancerSandboxSchemaError): the
 *   errors, empty when the request is valid
 */
GPtrArray *
lancer_sandbox_schema_validate (const char *document,
                                const char *operation_name,
                                JsonObject *variables)
{
  GPtrArray *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_sandbox_schema_error_free);
  Arena arena = { g_ptr_array_new_with_free_func (g_free),
                   g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref) };
  Parser ps = { 0 };
  Check c = { 0 };
  Operation *chosen = NULL;

  g_return_val_if_fail (document != NULL, errors);

  ps.source = ps.p = ps.line_start = document;
  ps.line = 1;
  ps.arena = &arena;
  ps.operations = arena_array (ps.arena);
  ps.fragments = arena_array (ps.arena);
  ps.fragments_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  parse_document (&ps);
  if (failed (&ps))
    {
      add_error (errors, NULL, ps.error_loc, SYNTAX, g_steal_pointer (&ps.error));
      g_hash_table_unref (ps.fragments_by_name);
      g_ptr_array_unref (arena.blocks);
      g_ptr_array_unref (arena.arrays);
      return errors;
    }

  c.errors = errors;
  c.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.arena = ps.arena;
  c.ps = &ps;
  c.fragments_done = g_hash_table_new (NULL, NULL);
  c.path = g_ptr_array_new ();

  for (guint i = 0; i < ps.operations->len; i++)
    {
      Operation *op = ps.operations->pdata[i];

      if (op->name == NULL && ps.operations->len > 1)
        report (&c, op->loc, "LoneAnonymousOperation", "Anonymous operation with other operations.");
      for (guint j = 0; j < i && op->name != NULL; j++)
        if (g_strcmp0 (((Operation *) ps.operations->pdata[j])->name, op->name) == 0)
          report (&c, op->loc, "DuplicateOperationName", "There can be only one operation named '%s'", op->name);
      check_operation (&c, op);
      if ((operation_name == NULL && i == 0) || g_strcmp0 (op->name, operation_name) == 0)
        chosen = chosen != NULL ? chosen : op;
    }
  for (guint i = 0; i < ps.fragments->len; i++)
    {
      Fragment *f = ps.fragments->pdata[i];

      for (guint j = 0; j < i; j++)
        if (g_str_equal (((Fragment *) ps.fragments->pdata[j])->name, f->name))
          report (&c, f->loc, "DuplicateFragmentName", "There can be only one fragment named '%s'", f->name);
      if (!f->used)
        report (&c, f->loc, "UnusedFragment", "Unused fragment '%s'", f->name);
      if (spreads_itself (&ps, f))
        report (&c, f->loc, "FragmentCycle", "Fragment cycles not allowed");
    }
  if (ps.operations->len == 0)
    add_error (errors, c.seen, (Location) { 1, 1 }, VALIDATION,
               g_strdup ("Validation error (ExecutableDefinitions) : The document contains no operation"));
  else if (operation_name == NULL && ps.operations->len > 1)
    add_error (errors, c.seen, (Location) { 0, 0 }, VALIDATION,
               g_strdup ("Must provide operation name if query contains multiple operations."));
  else if (chosen == NULL)
    add_error (errors, c.seen, (Location) { 0, 0 }, VALIDATION,
               g_strdup_printf ("Unknown operation named '%s'.", operation_name));
  else if (errors->len == 0)
    check_values (&c, chosen, variables);

  g_ptr_array_unref (c.path);
  g_hash_table_unref (c.fragments_done);
  g_hash_table_unref (c.seen);
  g_hash_table_unref (ps.fragments_by_name);
  g_ptr_array_unref (arena.blocks);
  g_ptr_array_unref (arena.arrays);
  return errors;
}

/**
 * lancer_sandbox_schema_errors_to_json:
 * @errors: (element-type LancerSandboxSchemaError): from
 *   lancer_sandbox_schema_validate()
 *
 * Returns: (transfer full): the response body Upwork sends for them, with
 *   an `errors` member and no `data`
 */
char *
lancer_sandbox_schema_errors_to_json (GPtrArray *errors)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "errors");
  json_builder_begin_array (b);
  for (guint i = 0; i < errors->len; i++)
    {
      const LancerSandboxSchemaError *error = errors->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, error->message);
      if (error->line > 0)
        {
          json_builder_set_member_name (b, "locations");
          json_builder_begin_array (b);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "line");
          json_builder_add_int_value (b, error->line);
          json_builder_set_member_name (b, "column");
          json_builder_add_int_value (b, error->column);
          json_builder_end_object (b);
          json_builder_end_array (b);
        }
      json_builder_set_member_name (b, "extensions");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "classification");
      json_builder_add_string_value (b, error->classification);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}
