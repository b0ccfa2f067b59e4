/* test-upwork-parse.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "lancer-upwork-enums.h"
#include "lancer-upwork-parse.h"

static JsonNode *
parse (const char *text)
{
  return json_from_string (text, NULL);
}

static void
test_dates (void)
{
  struct { const char *json; gint64 expect; } cases[] = {
    { "\"2025-10-16T06:06:47+0000\"", 1760594807 },
    { "\"2025-10-16T06:06:47.000Z\"", 1760594807 },
    { "\"2025-10-16T08:06:47+02:00\"", 1760594807 },
    { "{\"rawValue\":\"1760594807000\"}", 1760594807 },
    { "1760594807000", 1760594807 },
    { "\"20251016\"", 1760572800 },
    { "\"2025-10-16\"", 1760572800 },
    { "null", 0 },
    { "\"garbage\"", 0 },
    { "{\"rawValue\":null}", 0 },
    { "\"99999999\"", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].json);
      g_assert_cmpint (lancer_upwork_parse_datetime (node), ==, cases[i].expect);
    }
}

static void
test_money (void)
{
  g_autoptr(JsonNode) a = parse ("{\"rawValue\":\"72.11\",\"currency\":\"USD\"}");
  g_autoptr(JsonNode) b = parse ("\"30.0\"");
  g_autoptr(JsonNode) c = parse ("12");
  g_autoptr(JsonNode) d = parse ("{\"rawValue\":\"\"}");

  g_assert_cmpfloat_with_epsilon (lancer_upwork_parse_money (a), 72.11, 1e-9);
  g_assert_cmpfloat_with_epsilon (lancer_upwork_parse_money (b), 30.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lancer_upwork_parse_money (c), 12.0, 1e-9);
  g_assert_true (isnan (lancer_upwork_parse_money (d)));
  g_assert_true (isnan (lancer_upwork_parse_money (NULL)));
  g_assert_cmpstr (lancer_upwork_normalize_country ("GBR"), ==, "United Kingdom");
  g_assert_cmpstr (lancer_upwork_normalize_country ("Germany"), ==, "Germany");
}

static void
test_jobs (void)
{
  g_autoptr(JsonNode) node = parse (
    "{\"data\":{\"marketplaceJobPostingsSearch\":{\"totalCount\":3,\"edges\":["
    "{\"cursor\":\"0\",\"node\":{\"id\":\"1973763184780620813\",\"ciphertext\":\"~021973763184780620813\","
    " \"title\":\"AI Chatbot Bug Fix\",\"description\":null,\"createdDateTime\":\"2025-10-02T14:53:08+0000\","
    " \"amount\":{\"rawValue\":\"30.0\",\"currency\":\"USD\"},\"hourlyBudgetMin\":null,\"hourlyBudgetMax\":null,"
    " \"totalApplicants\":3,\"skills\":[{\"prettyName\":\"Python\"},{\"name\":\"gtk\"},null],"
    " \"client\":{\"totalHires\":272,\"totalPostedJobs\":298,\"totalSpent\":{\"rawValue\":\"23420.42\"},"
    "  \"verificationStatus\":\"VERIFIED\",\"totalReviews\":248,\"totalFeedback\":4.99,"
    "  \"location\":{\"country\":\"GBR\"}}}},"
    "{\"cursor\":\"1\",\"node\":{\"id\":\"2\",\"title\":\"Hourly\",\"hourlyBudgetType\":\"DEFAULT\","
    " \"hourlyBudgetMin\":{\"rawValue\":\"15.0\"},\"hourlyBudgetMax\":{\"rawValue\":\"40\"},"
    " \"amount\":{\"rawValue\":\"0.0\"},\"client\":{\"totalHires\":9,\"totalPostedJobs\":3,\"totalSpent\":null,"
    "  \"verificationStatus\":null,\"totalReviews\":0,\"totalFeedback\":0,\"location\":null}}},"
    "{\"cursor\":\"2\",\"node\":{\"title\":\"no id: skipped\"}},"
    "{\"cursor\":\"3\",\"node\":null}, 42],"
    "\"pageInfo\":{\"endCursor\":\"10\",\"hasNextPage\":true}}}}");
  g_autoptr(GError) error = NULL;
  LancerUpworkPageInfo page = { 0 };
  g_autoptr(GPtrArray) jobs = lancer_upwork_parse_jobs (node, &page, &error);
  LancerJob *a, *b;

  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 2);
  g_assert_cmpstr (page.end_cursor, ==, "10");
  g_assert_true (page.has_next);
  g_assert_cmpint (page.total_count, ==, 3);
  lancer_upwork_page_info_clear (&page);

  a = g_ptr_array_index (jobs, 0);
  g_assert_cmpstr (lancer_job_get_url (a), ==, "https://www.upwork.com/jobs/~021973763184780620813");
  g_assert_cmpint (lancer_job_get_job_type (a), ==, LANCER_JOB_TYPE_FIXED);
  g_assert_cmpfloat_with_epsilon (lancer_job_get_budget (a), 30.0, 1e-9);
  g_assert_cmpstr (lancer_job_get_client_country (a), ==, "United Kingdom");
  g_assert_cmpfloat_with_epsilon (lancer_job_get_client_total_spent (a), 23420.42, 1e-6);
  g_assert_true (lancer_job_get_client_payment_verified (a));
  g_assert_cmpstr (lancer_job_get_skills (a)[0], ==, "Python");
  g_assert_cmpstr (lancer_job_get_skills (a)[1], ==, "gtk");
  g_assert_cmpint (lancer_job_get_posted_at (a), ==, 1759416788);

  b = g_ptr_array_index (jobs, 1);
  g_assert_cmpint (lancer_job_get_job_type (b), ==, LANCER_JOB_TYPE_HOURLY);
  g_assert_false (lancer_job_has_budget (b));
  g_assert_cmpfloat_with_epsilon (lancer_job_get_hourly_max (b), 40, 1e-9);
  g_assert_cmpfloat_with_epsilon (lancer_job_get_client_hire_rate (b), 1.0, 1e-9);   /* hires > posted: capped */
  g_assert_true (isnan (lancer_job_get_client_rating (b)));
  g_assert_null (lancer_job_get_client_country (b));
}

static void
test_bad_input (void)
{
  const char *inputs[] = {
    "null", "[]", "{}", "{\"data\":null}", "{\"data\":{\"marketplaceJobPostingsSearch\":null}}",
    "{\"data\":{\"marketplaceJobPostingsSearch\":{\"edges\":\"x\"}}}", "{\"data\":{\"vendorProposals\":[1]}}",
    "{\"data\":{\"roomStories\":{\"edges\":[{\"node\":{\"id\":5,\"user\":7,\"createdDateTime\":{\"rawValue\":{}}}}]}}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(JsonNode) node = parse (inputs[i]);
      g_autoptr(GError) e1 = NULL;
      g_autoptr(GError) e2 = NULL;
      g_autoptr(GError) e3 = NULL;
      g_autoptr(GPtrArray) jobs = lancer_upwork_parse_jobs (node, NULL, &e1);
      g_autoptr(GPtrArray) props = lancer_upwork_parse_proposals (node, NULL, &e2);
      g_autoptr(GPtrArray) stories = lancer_upwork_parse_stories (node, "r", NULL, &e3);

      g_assert_true (jobs != NULL || e1 != NULL);
      g_assert_true (props != NULL || e2 != NULL);
      g_assert_true (stories != NULL || e3 != NULL);
    }
}

/* Upwork's spellings (upwork-api.md §4.5, the transaction history types)
 * become Lancer's; unknown ones are kept, and a second pass changes nothing. */
static void
test_enums (void)
{
  static const struct { const char *upwork; const char *lancer; } statuses[] = {
    { "Pending", "sent" }, { "Accepted", "sent" }, { "Activated", "interview" }, { "Offered", "offer" },
    { "Hired", "hired" }, { "Declined", "declined" }, { "Withdrawn", "withdrawn" }, { "Archived", "archived" },
    { "OFFERED", "offer" }, { "draft", "draft" }, { "Shortlisted", "Shortlisted" }, { NULL, "sent" },
  };
  static const struct { const char *type; double amount; const char *lancer; } types[] = {
    { "Hourly", 200, "hourly" }, { "Fixed Price", 215, "fixed" }, { "FIXED_PRICE", 215, "fixed" },
    { "Bonus", 50, "bonus" }, { "Refund", -50, "refund" }, { "Refund", 50, "refund" },
    { "Service Fee", -20, "fee" }, { "Service Fee", 5, "fee-credit" }, { "Connects", -2.25, "connects" },
    { "Withdrawal", -500, "withdrawal" }, { "Withdrawal Fee", -1, "withdrawal-fee" },
    { "Membership Fee", -10, "membership" }, { "Adjustment", -3, "adjustment" }, { "Payment", 10, "payment" },
    { "Gift Card", 10, "Gift Card" }, { NULL, 1, "other" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *once = lancer_upwork_normalize_proposal_status (statuses[i].upwork);
      g_autofree char *twice = lancer_upwork_normalize_proposal_status (once);

      g_assert_cmpstr (once, ==, statuses[i].lancer);
      g_assert_cmpstr (twice, ==, once);
    }
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *once = lancer_upwork_normalize_transaction_type (types[i].type, NULL, types[i].amount);
      g_autofree char *twice = lancer_upwork_normalize_transaction_type (once, NULL, types[i].amount);

      g_assert_cmpstr (once, ==, types[i].lancer);
      g_assert_cmpstr (twice, ==, once);
    }
  {
    g_autofree char *adjustment = lancer_upwork_normalize_transaction_subtype ("APAdjustment");
    g_autofree char *unknown = lancer_upwork_normalize_transaction_subtype ("ZZNew");

    g_assert_cmpstr (adjustment, ==, "adjustment");
    g_assert_cmpstr (unknown, ==, "ZZNew");
    g_assert_null (lancer_upwork_normalize_transaction_subtype (NULL));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/upwork/parse/dates", test_dates);
  g_test_add_func ("/upwork/parse/money", test_money);
  g_test_add_func ("/upwork/parse/jobs", test_jobs);
  g_test_add_func ("/upwork/parse/bad-input", test_bad_input);
  g_test_add_func ("/upwork/parse/enums", test_enums);
  return g_test_run ();
}
