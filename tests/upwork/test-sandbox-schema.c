/* test-sandbox-schema.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lancer-sandbox.h"
#include "lancer-sandbox-schema.h"
#include "lancer-test-util.h"
#include "lancer-upwork-client.h"

/* The sandbox rejects what Upwork's live API rejects, checked against
 * Upwork's published schema (data/upwork-schema.graphql): once
 * the sandbox took a query the live API refused, every test passed and the
 * real job feed stayed empty. Each of Lancer's queries must pass with the
 * variables Upwork documents; known-bad requests must get Upwork's answer,
 * HTTP 200 with a ValidationError and no data. */

/* Variables in Upwork's documented shapes (upwork-api.md), one entry per
 * query file: a new query without one fails /upwork/schema/queries. */
static const struct {
  const char *name;
  const char *variables;
} query_variables[] = {
  { "me", NULL },
  { "accounting", NULL },
  { "search", "{\"filter\":{\"searchExpression_eq\":\"gtk4 libadwaita\",\"verifiedPaymentOnly_eq\":true,"
              "\"pagination_eq\":{\"first\":50,\"after\":\"0\"}}}" },
  { "job", "{\"id\":\"1978704153911649005\"}" },
  { "proposals", "{\"filter\":{\"status_eq\":\"Pending\"},\"pagination\":{\"first\":20,\"after\":\"0\"}}" },
  { "rooms", "{\"pagination\":{\"first\":50}}" },
  { "stories", "{\"filter\":{\"roomId_eq\":\"room_3b1f0c8e2d\",\"storyFilter\":{\"pagination\":{\"first\":50,"
               "\"after\":\"0\"}}}}" },
  { "send-message", "{\"input\":{\"roomId\":\"room_3b1f0c8e2d\",\"message\":\"Thanks, I can start on Monday.\"}}" },
  { "contracts", "{\"filter\":{\"personId\":\"1425364758697867264\",\"status\":[\"ACTIVE\",\"CLOSED\"]}}" },
  { "work-days", "{\"input\":{\"contractIds\":[\"39012345\"],"
                 "\"timeRange\":{\"rangeStart\":\"20261101\",\"rangeEnd\":\"20261130\"}}}" },
  { "diary-day", "{\"input\":{\"contractId\":\"39012345\",\"date\":\"20261115\"}}" },
  { "transactions", "{\"filter\":{\"aceIds_any\":[\"2366400\"],"
                    "\"transactionDateTime_bt\":{\"rangeStart\":\"2026-11-01\",\"rangeEnd\":\"2026-11-30\"}}}" },
  { "submit-proposal", "{\"input\":{\"jobReference\":\"1978704153911649005\","
                       "\"selectedContractor\":{\"id\":\"aq7rmkzrcmxjhdyk\",\"oDeskUserID\":\"1425364758697867264\"},"
                       "\"chargedAmount\":45,\"coverLetter\":\"I have ported three apps to GTK 4.\","
                       "\"teamOrgId\":\"1425364758701142017\",\"estimatedDuration\":\"1 to 3 months\"}}" },
};

/* Requests the live API rejects, with the first error it gives. */
typedef struct
{
  const char *path;
  const char *query;
  const char *variables;
  const char *message;
  guint       line;
  guint       column;
} BadCase;

static const BadCase bad_cases[] = {
  { "undefined-field",
    "query Job($id: ID!) { marketplaceJobPosting(id: $id) { id salary } }",
    "{\"id\":\"1978704153911649005\"}",
    "Validation error (FieldUndefined@[marketplaceJobPosting/salary]) : "
    "Field 'salary' in type 'MarketplaceJobPosting' is undefined", 1, 59 },
  { "wrong-filter-type",
    "query Contracts($filter: TalentWorkHistoryFilter) {\n"
    "  talentWorkHistory(filter: $filter) { totalCount }\n"
    "}",
    "{\"filter\":{\"personId\":\"1425364758697867264\"}}",
    "Validation error (UnknownType) : Unknown type 'TalentWorkHistoryFilter'", 1, 17 },
  { "connects-summary",
    "query Connects { connectsSummary { connectsBalance } }",
    NULL,
    "Validation error (FieldUndefined@[connectsSummary]) : Field 'connectsSummary' in type 'Query' is undefined",
    1, 18 },
  { "missing-argument",
    "query { marketplaceJobPosting { id } }",
    NULL,
    "Validation error (MissingFieldArgument@[marketplaceJobPosting]) : Missing field argument 'id'", 1, 9 },
  { "unknown-argument",
    "query { roomList(filter: {subscribed_eq: true}, first: 10) { totalCount } }",
    NULL,
    "Validation error (UnknownArgument@[roomList]) : Unknown field argument 'first'", 1, 49 },
  { "variable-unknown-input-field",
    "query Search($filter: MarketplaceJobPostingsSearchFilter) {\n"
    "  marketplaceJobPostingsSearch(marketPlaceJobFilter: $filter) { totalCount }\n"
    "}",
    "{\"filter\":{\"pagination_eq\":{\"first\":10,\"offset\":\"0\"}}}",
    "Variable 'filter' has an invalid value: The variables input contains a field name 'offset' "
    "that is not defined for input object type 'Pagination'", 1, 14 },
  { "leaf-with-selection",
    "query Job($id: ID!) { marketplaceJobPosting(id: $id) { id { value } } }",
    "{\"id\":\"1978704153911649005\"}",
    "Validation error (SubSelectionNotAllowed@[marketplaceJobPosting/id]) : "
    "Subselection not allowed on leaf type 'String' of field 'id'", 1, 56 },
  { "object-without-selection",
    "query { user }",
    NULL,
    "Validation error (SubSelectionRequired@[user]) : Subselection required for type 'CurrentUser' of field 'user'",
    1, 9 },
  { "undeclared-variable",
    "query { marketplaceJobPosting(id: $id) { id } }",
    "{\"id\":\"1978704153911649005\"}",
    "Validation error (UndefinedVariable@[marketplaceJobPosting]) : Undefined variable 'id'", 1, 35 },
  { "unused-variable",
    "query Me($first: Int) { user { id } }",
    NULL,
    "Validation error (UnusedVariable) : Unused variable 'first'", 1, 10 },
  { "literal-unknown-input-field",
    "query { roomList(filter: {subscribed: true}) { totalCount } }",
    NULL,
    "Validation error (WrongType@[roomList]) : argument 'filter' with value '{subscribed: true}' is not a valid "
    "'RoomFilter' - contains a field not in 'RoomFilter': 'subscribed'", 1, 18 },
  { "literal-wrong-scalar",
    "query { roomList(filter: {subscribed_eq: \"yes\"}) { totalCount } }",
    NULL,
    "Validation error (WrongType@[roomList]) : argument 'filter' with value '{subscribed_eq: \"yes\"}' is not a "
    "valid 'Boolean' - is not a valid 'Boolean' literal: StringValue", 1, 18 },
  { "variable-wrong-type",
    "query Rooms($pagination: Pagination) { roomList(pagination: $pagination) { totalCount } }",
    "{\"pagination\":{\"first\":\"fifty\"}}",
    "Variable 'pagination' has an invalid value: Field 'pagination.first' expects a value of type 'Float' "
    "but got a string", 1, 13 },
  { "variable-missing",
    "query Job($id: ID!) { marketplaceJobPosting(id: $id) { id } }",
    "{}",
    "Variable 'id' has coerced Null value for NonNull type 'ID!'", 1, 11 },
  { "variable-type-mismatch",
    "query Job($id: Boolean) { marketplaceJobPosting(id: $id) { id } }",
    "{\"id\":true}",
    "Validation error (VariableTypeMismatch@[marketplaceJobPosting]) : "
    "Variable type 'Boolean' doesn't match expected type 'ID!'", 1, 53 },
  { "empty-selection",
    "query { user { } }",
    NULL,
    "Invalid Syntax : offending token '}' at line 1 column 16", 1, 16 },
  { "syntax",
    "query { marketplaceJobPostingsSearch { edges { node { id } }",
    NULL,
    "Invalid Syntax : offending token '<EOF>' at line 1 column 61", 1, 61 },
};

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  if (json == NULL)
    return NULL;
  node = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static char *
query_dir (void)
{
  const char *source = g_getenv ("LANCER_SOURCE_DIR");

  g_assert_nonnull (source);
  return g_build_filename (source, "src", "core", "upwork", "queries", NULL);
}

/* Lancer's query files, as the client ships them. */
static GPtrArray *
lancer_queries (void)
{
  g_autofree char *dir_path = query_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *file;

  g_assert_nonnull (dir);
  while ((file = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (file, ".graphql"))
      g_ptr_array_add (names, g_strndup (file, strlen (file) - strlen (".graphql")));
  g_assert_cmpuint (names->len, >, 10);
  return names;
}

static const char *
variables_for (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (query_variables); i++)
    if (g_str_equal (query_variables[i].name, name))
      return query_variables[i].variables;
  g_error ("no variables for %s.graphql: add Upwork-shaped ones to query_variables", name);
}

static char *
query_text (const char *name)
{
  g_autofree char *dir = query_dir ();
  g_autofree char *file = g_strconcat (name, ".graphql", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  /* the file is what the client sends */
  g_assert_cmpstr (lancer_upwork_get_query (name), ==, text);
  return text;
}

/* ---- without HTTP ---- */

static void
test_validate_queries (void)
{
  g_autoptr(GPtrArray) names = lancer_queries ();

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *text = query_text (name);
      g_autoptr(JsonObject) variables = parse_object (variables_for (name));
      g_autoptr(GPtrArray) errors = lancer_sandbox_schema_validate (text, NULL, variables);

      if (errors->len > 0)
        g_error ("%s.graphql: %s", name, ((LancerSandboxSchemaError *) errors->pdata[0])->message);
    }
}

static void
test_validate_bad (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(JsonObject) variables = parse_object (bad->variables);
  g_autoptr(GPtrArray) errors = lancer_sandbox_schema_validate (bad->query, NULL, variables);
  const LancerSandboxSchemaError *first;

  g_assert_cmpuint (errors->len, >=, 1);
  first = errors->pdata[0];
  g_assert_cmpstr (first->message, ==, bad->message);
  g_assert_cmpuint (first->line, ==, bad->line);
  g_assert_cmpuint (first->column, ==, bad->column);
  g_assert_cmpstr (first->classification, ==,
                   g_str_has_prefix (bad->message, "Invalid Syntax") ? "InvalidSyntax" : "ValidationError");
}

static void
test_validate_literals (void)
{
  /* Upwork's documented literal arguments: an enum as a bare name, a list
   * of input objects, a single value where a list is expected */
  static const char *good[] = {
    "query { marketplaceJobPostingsSearch(searchType: USER_JOBS_SEARCH, sortAttributes: [{field: RECENCY}],"
    " marketPlaceJobFilter: {pagination_eq: {first: 50, after: \"0\"}, categoryIds_any: \"531770282580668418\","
    " budgetRange_eq: {rangeStart: 100, rangeEnd: 2.5e3}}) { totalCount } }",
    "query { roomStories(filter: {roomId_eq: \"room_1\", storyFilter: {pagination: {first: 20}}}) {"
    " edges { node { id } } } }",
    "query { vendorProposals(filter: {status_eq: Pending}, sortAttribute: {field: CREATEDDATETIME, sortOrder: DESC},"
    " pagination: {first: 20, after: \"0\"}) { totalCount } }",
    "query J { marketplaceJobPosting(id: 1978704153911649005) { ...Title ... on MarketplaceJobPosting { id } } }"
    " fragment Title on MarketplaceJobPosting { content { title } __typename }",
    "mutation S($m: String = \"\"\"multi\n\"line\" text\"\"\") { createRoomStoryV2(input: {roomId: \"r\", message: $m})"
    " { id } }",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GPtrArray) errors = lancer_sandbox_schema_validate (good[i], NULL, NULL);

      if (errors->len > 0)
        g_error ("%s: %s", good[i], ((LancerSandboxSchemaError *) errors->pdata[0])->message);
    }
}

static void
test_validate_fragments (void)
{
  g_autoptr(GPtrArray) undefined = lancer_sandbox_schema_validate ("query { user { ...Missing } }", NULL, NULL);
  g_autoptr(GPtrArray) unused = lancer_sandbox_schema_validate (
    "query { user { id } } fragment U on CurrentUser { id }", NULL, NULL);
  g_autoptr(GPtrArray) wrong_type = lancer_sandbox_schema_validate (
    "query { user { ... on Room { id } } }", NULL, NULL);
  g_autoptr(GPtrArray) cycle = lancer_sandbox_schema_validate (
    "query { user { ...A } } fragment A on CurrentUser { id ...B } fragment B on CurrentUser { ...A }", NULL, NULL);

  g_assert_cmpuint (undefined->len, ==, 1);
  g_assert_cmpstr (((LancerSandboxSchemaError *) undefined->pdata[0])->message, ==,
                   "Validation error (UndefinedFragment@[user]) : Undefined fragment 'Missing'");
  g_assert_cmpuint (unused->len, ==, 1);
  g_assert_cmpstr (((LancerSandboxSchemaError *) unused->pdata[0])->message, ==,
                   "Validation error (UnusedFragment) : Unused fragment 'U'");
  g_assert_cmpuint (wrong_type->len, ==, 1);
  g_assert_nonnull (strstr (((LancerSandboxSchemaError *) wrong_type->pdata[0])->message, "InvalidFragmentType"));
  /* each fragment in the cycle is reported, and the check ends */
  g_assert_cmpuint (cycle->len, ==, 2);
  g_assert_cmpstr (((LancerSandboxSchemaError *) cycle->pdata[0])->message, ==,
                   "Validation error (FragmentCycle) : Fragment cycles not allowed");
}

/* ---- over HTTP, against a running sandbox ---- */

typedef struct
{
  char          *tmp;
  LancerSandbox *sandbox;
  SoupSession   *session;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->tmp = lancer_test_isolate_xdg ();
  f->sandbox = lancer_sandbox_new (11, 30);
  g_assert_true (lancer_sandbox_start (f->sandbox, 0, &error));
  g_assert_no_error (error);
  lancer_sandbox_set_lenient (f->sandbox, TRUE);
  f->session = soup_session_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->session);
  lancer_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
  g_free (f->tmp);
}

static JsonObject *
post (Fixture    *f,
      const char *query,
      const char *variables)
{
  g_autofree char *url = lancer_sandbox_dup_graphql_url (f->sandbox);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(JsonNode) request_node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *vars = parse_object (variables);
  char *text;

  json_object_set_string_member (request, "query", query);
  if (vars != NULL)
    json_object_set_object_member (request, "variables", vars);
  json_node_set_object (request_node, request);
  text = json_to_string (request_node, FALSE);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", "Bearer any");
  body = g_bytes_new_take (text, strlen (text));
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  reply = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  /* Upwork answers GraphQL errors with 200, like successes */
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply),
                                             &error));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* A ValidationError for the whole request, not for one field while it ran
 * (those carry a path, like the sandbox's checks of a proposal's contents). */
static gboolean
has_validation_error (JsonObject *answer)
{
  JsonArray *errors;

  if (!json_object_has_member (answer, "errors"))
    return FALSE;
  errors = json_object_get_array_member (answer, "errors");
  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonObject *e = json_array_get_object_element (errors, i);
      JsonObject *extensions = json_object_get_object_member (e, "extensions");

      if (extensions != NULL && !json_object_has_member (e, "path") &&
          g_strcmp0 (json_object_get_string_member_with_default (extensions, "classification", NULL),
                     "ValidationError") == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_http_queries (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) names = lancer_queries ();

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *text = query_text (name);
      g_autoptr(JsonObject) answer = post (f, text, variables_for (name));

      if (has_validation_error (answer))
        {
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), answer);
          g_autofree char *shown = json_to_string (node, FALSE);

          g_error ("%s.graphql was rejected: %s", name, shown);
        }
      g_assert_true (json_object_has_member (answer, "data"));
    }
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "invalid"), ==, 0);
}

static void
test_http_bad (Fixture       *f,
               gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *bad = &bad_cases[i];
      g_autoptr(JsonObject) answer = post (f, bad->query, bad->variables);
      JsonArray *errors;
      JsonObject *first, *location;

      g_test_message ("%s", bad->path);
      /* no data at all: the request never ran */
      g_assert_false (json_object_has_member (answer, "data"));
      errors = json_object_get_array_member (answer, "errors");
      g_assert_nonnull (errors);
      first = json_array_get_object_element (errors, 0);
      g_assert_cmpstr (json_object_get_string_member (first, "message"), ==, bad->message);
      location = json_array_get_object_element (json_object_get_array_member (first, "locations"), 0);
      g_assert_cmpint (json_object_get_int_member (location, "line"), ==, bad->line);
      g_assert_cmpint (json_object_get_int_member (location, "column"), ==, bad->column);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "extensions"),
                                                      "classification"), ==,
                       g_str_has_prefix (bad->message, "Invalid Syntax") ? "InvalidSyntax" : "ValidationError");
    }
  /* the sandbox did not run any of them */
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "invalid"), ==, G_N_ELEMENTS (bad_cases));
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "marketplaceJobPosting"), ==, 0);
  g_assert_cmpuint (lancer_sandbox_get_n_requests (f->sandbox, "roomList"), ==, 0);
}

/* A body that is no request at all is refused, not choked on. */
static void
test_http_empty_body (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *url = lancer_sandbox_dup_graphql_url (f->sandbox);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr(GBytes) body = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", "Bearer any");
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  reply = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 400);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/upwork/schema/queries", test_validate_queries);
  g_test_add_func ("/upwork/schema/literals", test_validate_literals);
  g_test_add_func ("/upwork/schema/fragments", test_validate_fragments);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/upwork/schema/bad/", bad_cases[i].path, NULL);

      g_test_add_data_func (path, &bad_cases[i], test_validate_bad);
    }
  g_test_add ("/upwork/schema/http/queries", Fixture, NULL, fixture_setup, test_http_queries, fixture_teardown);
  g_test_add ("/upwork/schema/http/bad", Fixture, NULL, fixture_setup, test_http_bad, fixture_teardown);
  g_test_add ("/upwork/schema/http/empty-body", Fixture, NULL, fixture_setup, test_http_empty_body,
              fixture_teardown);
  return g_test_run ();
}
