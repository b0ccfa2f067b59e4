/* lancer-upwork-parse.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-upwork"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lancer-upwork-enums.h"
#include "lancer-upwork-parse.h"

G_DEFINE_QUARK (lancer-upwork-parse-error-quark, lancer_upwork_parse_error)

/* ---- navigation helpers: every one accepts NULL and wrong types ---- */

static JsonObject *
as_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
as_array (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonNode *
member (JsonNode   *node,
        const char *name)
{
  JsonObject *obj = as_object (node);

  return obj != NULL ? json_object_get_member (obj, name) : NULL;
}

/* member (member (node, a), b) … up to a NULL name */
static JsonNode *
path (JsonNode   *node,
      const char *first,
      ...)
{
  va_list args;
  const char *name = first;

  va_start (args, first);
  while (node != NULL && name != NULL)
    {
      node = member (node, name);
      name = va_arg (args, const char *);
    }
  va_end (args);
  return node;
}

/* A string, or a number printed as one (ids sometimes arrive as numbers). */
static char *
dup_string (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      return s != NULL && g_utf8_validate (s, -1, NULL) ? g_strdup (s) : NULL;
    }
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
    }
  return NULL;
}

static char *
str_member (JsonNode   *node,
            const char *name)
{
  char *s = dup_string (member (node, name));

  if (s != NULL && *s == '\0')
    g_clear_pointer (&s, g_free);
  return s;
}

static double
to_double (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NAN;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    {
      double v = json_node_get_double (node);
      return isfinite (v) ? v : NAN;
    }
  if (type == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      char *end = NULL;
      double v;

      if (s == NULL || *s == '\0')
        return NAN;
      while (*s == '$' || g_ascii_isspace (*s))
        s++;
      v = g_ascii_strtod (s, &end);
      if (end == s || !isfinite (v))
        return NAN;
      return v;
    }
  return NAN;
}

static gint64
to_int (JsonNode *node,
        gint64    fallback)
{
  double v = to_double (node);

  if (isnan (v) || v > (double) G_MAXINT32 || v < (double) G_MININT32)
    return fallback;
  return (gint64) v;
}

static gboolean
to_bool (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strcasecmp (json_node_get_string (node), "true") == 0;
  return to_int (node, 0) != 0;
}

/* The `data` object: follows a top-level "data" member if there is one. */
static JsonNode *
data_root (JsonNode *node)
{
  JsonNode *data = member (node, "data");

  return data != NULL && JSON_NODE_HOLDS_OBJECT (data) ? data : node;
}

static JsonNode *
require_root (JsonNode    *data,
              const char  *field,
              GError     **error)
{
  JsonNode *node = member (data_root (data), field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, LANCER_UPWORK_PARSE_ERROR, LANCER_UPWORK_PARSE_ERROR_INVALID,
                   _("Upwork’s answer did not contain %s."), field);
      return NULL;
    }
  return node;
}

void
lancer_upwork_page_info_clear (LancerUpworkPageInfo *info)
{
  if (info == NULL)
    return;
  g_clear_pointer (&info->end_cursor, g_free);
  info->has_next = FALSE;
  info->total_count = -1;
}

static void
parse_page_info (JsonNode             *connection,
                 LancerUpworkPageInfo *page)
{
  JsonNode *info;

  if (page == NULL)
    return;
  lancer_upwork_page_info_clear (page);
  info = member (connection, "pageInfo");
  if (info == NULL)
    info = member (connection, "paging");
  page->end_cursor = str_member (info, "endCursor");
  page->has_next = to_bool (member (info, "hasNextPage")) && page->end_cursor != NULL;
  page->total_count = to_int (member (connection, "totalCount"), -1);
}

/* ---- scalars ---- */

static gint64
parse_date_string (const char *s)
{
  gsize len;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *fixed = NULL;
  gboolean digits = TRUE;

  if (s == NULL)
    return 0;
  while (g_ascii_isspace (*s))
    s++;
  len = strlen (s);
  if (len == 0 || len > 64)
    return 0;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      digits = FALSE;

  if (digits)
    {
      if (len == 8)   /* yyyyMMdd */
        {
          gint64 v = g_ascii_strtoll (s, NULL, 10);
          dt = g_date_time_new (utc, (int) (v / 10000), (int) ((v / 100) % 100), (int) (v % 100), 0, 0, 0);
          return dt != NULL ? g_date_time_to_unix (dt) : 0;
        }
      if (len >= 11 && len <= 14)   /* epoch ms */
        return g_ascii_strtoll (s, NULL, 10) / 1000;
      if (len >= 9 && len <= 10)    /* epoch s */
        return g_ascii_strtoll (s, NULL, 10);
      return 0;
    }

  if (len == 10 && s[4] == '-' && s[7] == '-')
    {
      fixed = g_strconcat (s, "T00:00:00Z", NULL);
    }
  else
    {
      /* "+0000" → "+00:00"; a space separator → 'T' */
      fixed = g_strdup (s);
      if (len > 10 && fixed[10] == ' ')
        fixed[10] = 'T';
      if (len >= 5 && (fixed[len - 5] == '+' || fixed[len - 5] == '-') &&
          g_ascii_isdigit (fixed[len - 4]) && g_ascii_isdigit (fixed[len - 1]) && len > 10)
        {
          char *with_colon = g_strdup_printf ("%.*s:%s", (int) (len - 2), fixed, fixed + len - 2);
          g_free (fixed);
          fixed = with_colon;
        }
    }
  dt = g_date_time_new_from_iso8601 (fixed, utc);
  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

gint64
lancer_upwork_parse_datetime (JsonNode *node)
{
  GType type;

  if (node == NULL)
    return 0;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *raw = member (node, "rawValue");
      return raw != NULL && !JSON_NODE_HOLDS_OBJECT (raw) ? lancer_upwork_parse_datetime (raw) : 0;
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    return 0;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    {
      double v = json_node_get_double (node);
      if (!isfinite (v) || v < 0 || v > 1e15)
        return 0;
      return v > 1e11 ? (gint64) (v / 1000) : (gint64) v;
    }
  if (type == G_TYPE_STRING)
    return parse_date_string (json_node_get_string (node));
  return 0;
}

double
lancer_upwork_parse_money (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *raw = member (node, "rawValue");
      if (raw == NULL)
        raw = member (node, "amount");
      return raw != NULL && !JSON_NODE_HOLDS_OBJECT (raw) ? to_double (raw) : NAN;
    }
  return to_double (node);
}

static const struct { const char code[4]; const char *name; } iso3_countries[] = {
  { "ARE", "United Arab Emirates" }, { "ARG", "Argentina" }, { "AUS", "Australia" }, { "AUT", "Austria" },
  { "BEL", "Belgium" }, { "BRA", "Brazil" }, { "CAN", "Canada" }, { "CHE", "Switzerland" },
  { "CHN", "China" }, { "CZE", "Czech Republic" }, { "DEU", "Germany" }, { "DNK", "Denmark" },
  { "ESP", "Spain" }, { "EST", "Estonia" }, { "FIN", "Finland" }, { "FRA", "France" },
  { "GBR", "United Kingdom" }, { "GRC", "Greece" }, { "HKG", "Hong Kong" }, { "IND", "India" },
  { "IRL", "Ireland" }, { "ISR", "Israel" }, { "ITA", "Italy" }, { "JPN", "Japan" },
  { "KOR", "South Korea" }, { "MEX", "Mexico" }, { "NLD", "Netherlands" }, { "NOR", "Norway" },
  { "NZL", "New Zealand" }, { "PAK", "Pakistan" }, { "PHL", "Philippines" }, { "POL", "Poland" },
  { "PRT", "Portugal" }, { "ROU", "Romania" }, { "SAU", "Saudi Arabia" }, { "SGP", "Singapore" },
  { "SWE", "Sweden" }, { "TUR", "Turkey" }, { "UKR", "Ukraine" }, { "USA", "United States" },
  { "ZAF", "South Africa" },
};

const char *
lancer_upwork_normalize_country (const char *country)
{
  if (country == NULL || strlen (country) != 3)
    return country;
  for (guint i = 0; i < G_N_ELEMENTS (iso3_countries); i++)
    if (g_ascii_strcasecmp (country, iso3_countries[i].code) == 0)
      return iso3_countries[i].name;
  return country;
}

/* ---- free functions ---- */

void
lancer_upwork_org_free (LancerUpworkOrg *org)
{
  if (org == NULL)
    return;
  g_free (org->id);
  g_free (org->title);
  g_free (org->type);
  g_free (org);
}

void
lancer_upwork_user_free (LancerUpworkUser *user)
{
  if (user == NULL)
    return;
  g_free (user->id);
  g_free (user->nid);
  g_free (user->name);
  g_free (user->email);
  g_free (user->organization_id);
  g_clear_pointer (&user->organizations, g_ptr_array_unref);
  g_free (user);
}

void
lancer_upwork_proposal_free (LancerUpworkProposal *p)
{
  if (p == NULL)
    return;
  g_free (p->id);
  g_free (p->job_id);
  g_free (p->job_title);
  g_free (p->status);
  g_free (p->currency);
  g_free (p->cover_letter);
  g_free (p);
}

void
lancer_upwork_room_free (LancerUpworkRoom *room)
{
  if (room == NULL)
    return;
  g_free (room->id);
  g_free (room->name);
  g_free (room->topic);
  g_free (room->contract_id);
  g_free (room->latest_story_id);
  g_free (room);
}

void
lancer_upwork_story_free (LancerUpworkStory *story)
{
  if (story == NULL)
    return;
  g_free (story->id);
  g_free (story->room_id);
  g_free (story->sender_id);
  g_free (story->sender);
  g_free (story->message);
  g_free (story);
}

void
lancer_upwork_contract_free (LancerUpworkContract *c)
{
  if (c == NULL)
    return;
  g_free (c->id);
  g_free (c->title);
  g_free (c->status);
  g_free (c);
}

void
lancer_upwork_diary_day_free (LancerUpworkDiaryDay *day)
{
  if (day == NULL)
    return;
  g_free (day->contract_id);
  g_free (day->day);
  g_free (day->memo);
  g_free (day);
}

void
lancer_upwork_transaction_free (LancerUpworkTransaction *t)
{
  if (t == NULL)
    return;
  g_free (t->id);
  g_free (t->kind);
  g_free (t->subtype);
  g_free (t->currency);
  g_free (t->description);
  g_free (t);
}

/* ---- resources ---- */

LancerUpworkUser *
lancer_upwork_parse_user (JsonNode  *data,
                          GError   **error)
{
  JsonNode *user = require_root (data, "user", error);
  g_autoptr(LancerUpworkUser) out = NULL;
  JsonArray *items;

  if (user == NULL)
    return NULL;
  out = g_new0 (LancerUpworkUser, 1);
  out->id = str_member (user, "id");
  if (out->id == NULL)
    {
      g_set_error (error, LANCER_UPWORK_PARSE_ERROR, LANCER_UPWORK_PARSE_ERROR_INVALID,
                   _("Upwork’s answer did not contain the user’s identity."));
      return NULL;
    }
  out->nid = str_member (user, "nid");
  out->name = str_member (user, "name");
  if (out->name == NULL)
    out->name = g_strdup (out->nid != NULL ? out->nid : out->id);
  out->email = str_member (user, "email");
  out->organization_id = str_member (path (data_root (data), "organization", NULL), "id");
  out->organizations = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_upwork_org_free);
  items = as_array (path (data_root (data), "companySelector", "items", NULL));
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      LancerUpworkOrg *org;
      char *id = str_member (item, "organizationId");

      if (id == NULL)
        continue;
      org = g_new0 (LancerUpworkOrg, 1);
      org->id = id;
      org->title = str_member (item, "title");
      org->type = str_member (item, "organizationType");
      g_ptr_array_add (out->organizations, org);
    }
  return g_steal_pointer (&out);
}

static LancerJob *
job_from_node (JsonNode *node,
               gint64    now)
{
  g_autofree char *id = str_member (node, "id");
  g_autofree char *ciphertext = NULL;
  g_autofree char *title = NULL;
  g_autofree char *url = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *category = NULL;
  g_autofree char *level = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *country = NULL;
  g_autofree char *verification = NULL;
  g_autoptr(GPtrArray) skills = NULL;
  JsonNode *client, *hourly_min, *hourly_max;
  JsonArray *skill_nodes;
  LancerJob *job;
  gint64 posted;
  double amount, hmin, hmax, spent, feedback;
  gint64 hires, jobs_posted, reviews;
  gboolean hourly;
  g_autofree char *budget_type = NULL;
  g_autofree char *contract_type = NULL;

  if (id == NULL || !as_object (node))
    return NULL;
  job = lancer_job_new (id);

  ciphertext = str_member (node, "ciphertext");
  if (ciphertext == NULL)
    ciphertext = g_strconcat ("~02", id, NULL);
  lancer_job_set_ciphertext (job, ciphertext);
  url = g_strconcat ("https://www.upwork.com/jobs/", ciphertext, NULL);
  lancer_job_set_url (job, url);
  title = str_member (node, "title");
  if (title == NULL)
    title = dup_string (path (node, "content", "title", NULL));
  lancer_job_set_title (job, title != NULL ? title : "");
  {
    g_autofree char *description = str_member (node, "description");
    if (description == NULL)
      description = dup_string (path (node, "content", "description", NULL));
    lancer_job_set_description (job, description != NULL ? description : "");
  }

  posted = lancer_upwork_parse_datetime (member (node, "publishedDateTime"));
  if (posted == 0)
    posted = lancer_upwork_parse_datetime (member (node, "createdDateTime"));
  lancer_job_set_posted_at (job, posted != 0 ? posted : now);
  lancer_job_set_fetched_at (job, now);

  amount = lancer_upwork_parse_money (member (node, "amount"));
  hourly_min = member (node, "hourlyBudgetMin");
  hourly_max = member (node, "hourlyBudgetMax");
  hmin = lancer_upwork_parse_money (hourly_min);
  hmax = lancer_upwork_parse_money (hourly_max);
  budget_type = str_member (node, "hourlyBudgetType");
  contract_type = dup_string (path (node, "job", "contractTerms", "contractType", NULL));
  if (contract_type != NULL)
    hourly = g_ascii_strcasecmp (contract_type, "HOURLY") == 0;
  else
    hourly = budget_type != NULL || (!isnan (hmin) && hmin > 0) || (!isnan (hmax) && hmax > 0);
  lancer_job_set_job_type (job, hourly ? LANCER_JOB_TYPE_HOURLY : LANCER_JOB_TYPE_FIXED);
  /* "0.0" means an open budget */
  lancer_job_set_budget (job, !hourly && !isnan (amount) && amount > 0 ? amount : NAN);
  lancer_job_set_hourly_min (job, hourly && !isnan (hmin) && hmin > 0 ? hmin : NAN);
  lancer_job_set_hourly_max (job, hourly && !isnan (hmax) && hmax > 0 ? hmax : NAN);
  currency = dup_string (path (node, "amount", "currency", NULL));
  if (currency == NULL)
    currency = dup_string (member (hourly_min, "currency"));
  lancer_job_set_currency (job, currency != NULL && *currency != '\0' ? currency : "USD");
  lancer_job_set_proposals (job, (int) CLAMP (to_int (member (node, "totalApplicants"), 0), 0, G_MAXINT));

  skills = g_ptr_array_new_with_free_func (g_free);
  skill_nodes = as_array (member (node, "skills"));
  for (guint i = 0; skill_nodes != NULL && i < json_array_get_length (skill_nodes); i++)
    {
      JsonNode *s = json_array_get_element (skill_nodes, i);
      char *name = str_member (s, "prettyName");
      if (name == NULL)
        name = str_member (s, "name");
      if (name == NULL)
        name = dup_string (s);
      if (name != NULL)
        g_ptr_array_add (skills, name);
    }
  g_ptr_array_add (skills, NULL);
  lancer_job_set_skills (job, (const char * const *) skills->pdata);

  level = str_member (node, "experienceLevel");
  lancer_job_set_experience_level (job, level);
  category = dup_string (path (node, "occupations", "category", "prefLabel", NULL));
  if (category == NULL)
    category = str_member (node, "category");
  lancer_job_set_category (job, category);
  duration = str_member (node, "durationLabel");
  if (duration == NULL)
    duration = str_member (node, "duration");
  lancer_job_set_duration (job, duration);

  client = member (node, "client");
  country = dup_string (path (client, "location", "country", NULL));
  lancer_job_set_client_country (job, lancer_upwork_normalize_country (country != NULL && *country ? country : NULL));
  {
    g_autofree char *client_id = str_member (client, "companyOrgUid");
    lancer_job_set_client_id (job, client_id);
  }
  spent = lancer_upwork_parse_money (member (client, "totalSpent"));
  lancer_job_set_client_total_spent (job, isnan (spent) || spent < 0 ? 0 : spent);
  hires = MAX (0, to_int (member (client, "totalHires"), 0));
  jobs_posted = MAX (0, to_int (member (client, "totalPostedJobs"), 0));
  lancer_job_set_client_hires (job, (int) hires);
  lancer_job_set_client_jobs_posted (job, (int) jobs_posted);
  /* No hire-rate field: hires / posted, capped (hires can exceed posted). */
  lancer_job_set_client_hire_rate (job, jobs_posted > 0 ? MIN (1.0, (double) hires / jobs_posted) : NAN);
  feedback = to_double (member (client, "totalFeedback"));
  reviews = to_int (member (client, "totalReviews"), -1);
  lancer_job_set_client_rating (job, !isnan (feedback) && feedback > 0 && reviews != 0
                                     ? CLAMP (feedback, 0, 5) : NAN);
  verification = str_member (client, "verificationStatus");
  lancer_job_set_client_payment_verified (job, g_strcmp0 (verification, "VERIFIED") == 0);
  return job;
}

GPtrArray *
lancer_upwork_parse_jobs (JsonNode              *data,
                          LancerUpworkPageInfo  *page,
                          GError               **error)
{
  JsonNode *conn = require_root (data, "marketplaceJobPostingsSearch", error);
  JsonArray *edges;
  GPtrArray *jobs;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (page != NULL)
    {
      page->end_cursor = NULL;
      page->total_count = -1;
      page->has_next = FALSE;
    }
  if (conn == NULL)
    return NULL;
  parse_page_info (conn, page);
  jobs = g_ptr_array_new_with_free_func (g_object_unref);
  edges = as_array (member (conn, "edges"));
  for (guint i = 0; edges != NULL && i < json_array_get_length (edges); i++)
    {
      JsonNode *edge = json_array_get_element (edges, i);
      JsonNode *node = member (edge, "node");
      LancerJob *job = job_from_node (node != NULL ? node : edge, now);

      if (job != NULL)
        g_ptr_array_add (jobs, job);
    }
  return jobs;
}

LancerJob *
lancer_upwork_parse_job_details (JsonNode  *data,
                                 GError   **error)
{
  JsonNode *node = require_root (data, "marketplaceJobPosting", error);
  LancerJob *job;
  g_autofree char *type = NULL;

  if (node == NULL)
    return NULL;
  job = job_from_node (node, g_get_real_time () / G_USEC_PER_SEC);
  if (job == NULL)
    {
      g_set_error (error, LANCER_UPWORK_PARSE_ERROR, LANCER_UPWORK_PARSE_ERROR_INVALID,
                   _("Upwork’s answer did not contain the job."));
      return NULL;
    }
  type = dup_string (path (node, "contractTerms", "contractType", NULL));
  if (type != NULL)
    lancer_job_set_job_type (job, g_ascii_strcasecmp (type, "HOURLY") == 0 ? LANCER_JOB_TYPE_HOURLY
                                                                          : LANCER_JOB_TYPE_FIXED);
  {
    g_autofree char *level = dup_string (path (node, "contractTerms", "experienceLevel", NULL));
    if (level != NULL)
      lancer_job_set_experience_level (job, level);
  }
  {
    double amount = lancer_upwork_parse_money (path (node, "contractTerms", "fixedPriceContractTerms", "amount", NULL));
    double hmin = to_double (path (node, "contractTerms", "hourlyContractTerms", "hourlyBudgetMin", NULL));
    double hmax = to_double (path (node, "contractTerms", "hourlyContractTerms", "hourlyBudgetMax", NULL));
    if (!isnan (amount) && amount > 0)
      lancer_job_set_budget (job, amount);
    if (!isnan (hmin) && hmin > 0)
      lancer_job_set_hourly_min (job, hmin);
    if (!isnan (hmax) && hmax > 0)
      lancer_job_set_hourly_max (job, hmax);
  }
  return job;
}

GPtrArray *
lancer_upwork_parse_proposals (JsonNode              *data,
                               LancerUpworkPageInfo  *page,
                               GError               **error)
{
  JsonNode *conn = require_root (data, "vendorProposals", error);
  GPtrArray *out;
  JsonArray *edges;

  if (conn == NULL)
    return NULL;
  parse_page_info (conn, page);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_upwork_proposal_free);
  edges = as_array (member (conn, "edges"));
  for (guint i = 0; edges != NULL && i < json_array_get_length (edges); i++)
    {
      JsonNode *node = member (json_array_get_element (edges, i), "node");
      LancerUpworkProposal *p;
      char *id = str_member (node, "id");

      if (id == NULL)
        continue;
      p = g_new0 (LancerUpworkProposal, 1);
      p->id = id;
      {
        g_autofree char *status = dup_string (path (node, "status", "status", NULL));

        if (status == NULL)
          status = str_member (node, "status");
        /* Lancer's spelling from here on: "Offered" → "offer" */
        p->status = lancer_upwork_normalize_proposal_status (status);
      }
      p->job_id = dup_string (path (node, "marketplaceJobPosting", "id", NULL));
      p->job_title = dup_string (path (node, "marketplaceJobPosting", "content", "title", NULL));
      p->charge_rate = lancer_upwork_parse_money (path (node, "terms", "chargeRate", NULL));
      p->currency = dup_string (path (node, "terms", "chargeRate", "currency", NULL));
      p->cover_letter = str_member (node, "coverLetter");
      if (p->cover_letter == NULL)
        p->cover_letter = str_member (node, "proposalCoverLetter");
      p->created_at = lancer_upwork_parse_datetime (path (node, "auditDetails", "createdDateTime", NULL));
      p->modified_at = lancer_upwork_parse_datetime (path (node, "auditDetails", "modifiedDateTime", NULL));
      g_ptr_array_add (out, p);
    }
  return out;
}

static LancerUpworkStory *
story_from_node (JsonNode   *node,
                 const char *room_id)
{
  LancerUpworkStory *story;
  char *id = str_member (node, "id");

  if (id == NULL)
    return NULL;
  story = g_new0 (LancerUpworkStory, 1);
  story->id = id;
  story->room_id = g_strdup (room_id);
  story->message = dup_string (member (node, "message"));
  story->sender_id = dup_string (path (node, "user", "id", NULL));
  story->sender = dup_string (path (node, "user", "name", NULL));
  story->created_at = lancer_upwork_parse_datetime (member (node, "createdDateTime"));
  return story;
}

GPtrArray *
lancer_upwork_parse_rooms (JsonNode              *data,
                           LancerUpworkPageInfo  *page,
                           GError               **error)
{
  JsonNode *conn = require_root (data, "roomList", error);
  GPtrArray *out;
  JsonArray *edges;

  if (conn == NULL)
    return NULL;
  parse_page_info (conn, page);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_upwork_room_free);
  edges = as_array (member (conn, "edges"));
  for (guint i = 0; edges != NULL && i < json_array_get_length (edges); i++)
    {
      JsonNode *node = member (json_array_get_element (edges, i), "node");
      LancerUpworkRoom *room;
      char *id = str_member (node, "id");

      if (id == NULL)
        continue;
      room = g_new0 (LancerUpworkRoom, 1);
      room->id = id;
      room->name = str_member (node, "roomName");
      room->topic = str_member (node, "topic");
      room->contract_id = str_member (node, "contractId");
      room->unread = (guint) CLAMP (to_int (member (node, "numUnread"), 0), 0, G_MAXINT);
      room->last_activity_at = lancer_upwork_parse_datetime (path (node, "latestStory", "createdDateTime", NULL));
      room->latest_story_id = dup_string (path (node, "latestStory", "id", NULL));
      g_ptr_array_add (out, room);
    }
  return out;
}

GPtrArray *
lancer_upwork_parse_stories (JsonNode              *data,
                             const char            *room_id,
                             LancerUpworkPageInfo  *page,
                             GError               **error)
{
  JsonNode *conn = require_root (data, "roomStories", error);
  GPtrArray *out;
  JsonArray *edges;

  if (conn == NULL)
    return NULL;
  parse_page_info (conn, page);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_upwork_story_free);
  edges = as_array (member (conn, "edges"));
  for (guint i = 0; edges != NULL && i < json_array_get_length (edges); i++)
    {
      LancerUpworkStory *story = story_from_node (member (json_array_get_element (edges, i), "node"), room_id);
      if (story != NULL)
        g_ptr_array_add (out, story);
    }
  return out;
}

LancerUpworkStory *
lancer_upwork_parse_sent_story (JsonNode    *data,
                                const char  *room_id,
                                GError     **error)
{
  JsonNode *node = require_root (data, "createRoomStoryV2", error);
  LancerUpworkStory *story;

  if (node == NULL)
    return NULL;
  story = story_from_node (node, room_id);
  if (story == NULL)
    g_set_error (error, LANCER_UPWORK_PARSE_ERROR, LANCER_UPWORK_PARSE_ERROR_INVALID,
                 _("Upwork did not confirm the message."));
  return story;
}

GPtrArray *
lancer_upwork_parse_contracts (JsonNode  *data,
                               gint64    *total_count,
                               GError   **error)
{
  JsonNode *root = require_root (data, "talentWorkHistory", error);
  GPtrArray *out;
  JsonArray *list;

  if (root == NULL)
    return NULL;
  if (total_count != NULL)
    *total_count = to_int (member (root, "totalCount"), -1);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_upwork_contract_free);
  list = as_array (member (root, "workHistoryList"));
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *item = json_array_get_element (list, i);
      JsonNode *contract = member (item, "contract");
      LancerUpworkContract *c;
      char *id = str_member (contract, "id");
      g_autofree char *job_type = NULL;
      double hours;

      if (id == NULL)
        continue;
      c = g_new0 (LancerUpworkContract, 1);
      c->id = id;
      c->title = str_member (contract, "title");
      c->status = str_member (contract, "status");
      job_type = dup_string (path (contract, "terms", "jobType", NULL));
      c->hourly_rate = to_double (path (contract, "terms", "hourlyRate", NULL));
      c->fixed_amount = to_double (path (contract, "terms", "fixedAmount", NULL));
      c->hourly = job_type != NULL ? g_ascii_strcasecmp (job_type, "HOURLY") == 0 : !isnan (c->hourly_rate);
      c->started_at = lancer_upwork_parse_datetime (member (contract, "startDate"));
      c->ended_at = lancer_upwork_parse_datetime (member (contract, "endDate"));
      c->total_charge = lancer_upwork_parse_money (path (item, "contractAggregate", "totalCharge", NULL));
      if (isnan (c->total_charge))
        c->total_charge = 0;
      hours = to_double (path (item, "contractAggregate", "hours", NULL));
      c->hours = isnan (hours) ? 0 : hours;
      g_ptr_array_add (out, c);
    }
  return out;
}

static char *
iso_day (const char *yyyymmdd)
{
  if (yyyymmdd == NULL)
    return NULL;
  if (strlen (yyyymmdd) == 8)
    {
      for (guint i = 0; i < 8; i++)
        if (!g_ascii_isdigit (yyyymmdd[i]))
          return NULL;
      return g_strdup_printf ("%.4s-%.2s-%.2s", yyyymmdd, yyyymmdd + 4, yyyymmdd + 6);
    }
  if (strlen (yyyymmdd) == 10 && yyyymmdd[4] == '-' && yyyymmdd[7] == '-')
    return g_strdup (yyyymmdd);
  return NULL;
}

GStrv
lancer_upwork_parse_work_days (JsonNode  *data,
                               GError   **error)
{
  JsonNode *root = require_root (data, "workDays", error);
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *days;

  if (root == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  days = as_array (member (root, "workDays"));
  for (guint i = 0; days != NULL && i < json_array_get_length (days); i++)
    {
      g_autofree char *raw = dup_string (json_array_get_element (days, i));
      g_autofree char *day = iso_day (raw);
      if (day != NULL)
        g_strv_builder_add (builder, day);
    }
  return g_strv_builder_end (builder);
}

LancerUpworkDiaryDay *
lancer_upwork_parse_diary_day (JsonNode    *data,
                               const char  *contract_id,
                               const char  *day,
                               GError     **error)
{
  JsonNode *root = require_root (data, "workDiaryContract", error);
  LancerUpworkDiaryDay *out;
  JsonArray *cells;
  g_autoptr(GString) memos = NULL;
  g_autoptr(GHashTable) seen = NULL;

  if (root == NULL)
    return NULL;
  out = g_new0 (LancerUpworkDiaryDay, 1);
  out->contract_id = g_strdup (contract_id);
  out->day = iso_day (day);
  if (out->day == NULL)
    out->day = g_strdup (day);
  memos = g_string_new (NULL);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cells = as_array (member (root, "workDiaryTimeCells"));
  for (guint i = 0; cells != NULL && i < json_array_get_length (cells); i++)
    {
      JsonNode *cell = json_array_get_element (cells, i);
      char *memo;

      if (!as_object (cell))
        continue;
      out->minutes += 10;   /* one cell is ten minutes */
      memo = str_member (cell, "memo");
      if (memo != NULL && !g_hash_table_contains (seen, memo))
        {
          if (memos->len > 0)
            g_string_append_c (memos, '\n');
          g_string_append (memos, memo);
          g_hash_table_add (seen, memo);
        }
      else
        g_free (memo);
    }
  out->memo = memos->len > 0 ? g_strdup (memos->str) : NULL;
  return out;
}

char *
lancer_upwork_parse_accounting_id (JsonNode  *data,
                                   GError   **error)
{
  JsonNode *root = require_root (data, "accountingEntity", error);
  char *id;

  if (root == NULL)
    return NULL;
  id = str_member (root, "id");
  if (id == NULL)
    g_set_error (error, LANCER_UPWORK_PARSE_ERROR, LANCER_UPWORK_PARSE_ERROR_INVALID,
                 _("Upwork’s answer did not contain the accounting entity."));
  return id;
}

GPtrArray *
lancer_upwork_parse_transactions (JsonNode  *data,
                                  GError   **error)
{
  JsonNode *root = require_root (data, "transactionHistory", error);
  GPtrArray *out;
  JsonArray *rows;

  if (root == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_upwork_transaction_free);
  rows = as_array (path (root, "transactionDetail", "transactionHistoryRow", NULL));
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonNode *row = json_array_get_element (rows, i);
      LancerUpworkTransaction *t;
      char *id = str_member (row, "recordId");
      double amount = lancer_upwork_parse_money (member (row, "transactionAmount"));

      if (id == NULL || isnan (amount))
        {
          g_free (id);
          continue;
        }
      t = g_new0 (LancerUpworkTransaction, 1);
      t->id = id;
      {
        g_autofree char *type = str_member (row, "type");
        g_autofree char *subtype = str_member (row, "accountingSubtype");

        /* Lancer's spelling from here on: "Service Fee" → "fee" */
        t->kind = lancer_upwork_normalize_transaction_type (type, subtype, amount);
        t->subtype = lancer_upwork_normalize_transaction_subtype (subtype);
      }
      t->amount = amount;
      t->currency = dup_string (path (row, "transactionAmount", "currency", NULL));
      if (t->currency == NULL)
        t->currency = g_strdup ("USD");
      t->description = str_member (row, "descriptionUI");
      t->occurred_at = lancer_upwork_parse_datetime (member (row, "transactionCreationDate"));
      if (t->occurred_at == 0)
        t->occurred_at = lancer_upwork_parse_datetime (member (row, "fullyPaidDate"));
      g_ptr_array_add (out, t);
    }
  return out;
}
