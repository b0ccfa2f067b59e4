/* lancer-sandbox-upwork.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-sandbox"

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include <math.h>

#include "lancer-json.h"
#include "lancer-sandbox-data.h"
#include "lancer-sandbox-private.h"
#include "lancer-sandbox-schema.h"
#include "lancer-sandbox-selection.h"

/* The Upwork half of the sandbox: OAuth endpoints, the GraphQL subset Lancer
 * uses and the generated data behind it. The GraphQL side reads only the
 * operation's selection set (lancer-sandbox-selection.c): it takes the
 * inputs of its root fields from the request's variables (filter,
 * pagination, input, id), which is how Lancer's queries pass them, and
 * answers with the selected fields only, as the live API does. The data
 * copies the live API's quirks from upwork-api.md: money as strings, two
 * date styles, nulls, ISO3 countries, offset-string cursors, VJCA-6 above
 * 40 proposals, and missing scopes reported as errors[] in an HTTP 200.
 * Before any of that, each request is checked against Upwork's published
 * schema (lancer-sandbox-schema.c) and refused as the live API refuses it. */

#define USER_ID        "1181921839933591552"
#define USER_NID       "demofreelancer"
#define ORG_PERSONAL   "1181921839937785857"
#define ORG_AGENCY     "1390017254339014657"

typedef struct
{
  char      *id;
  char      *title;
  char      *haystack;      /* lowercase title and skills, for search */
  char      *description;   /* may be NULL */
  char     **skills;        /* may be NULL */
  gboolean   hourly;
  double     budget;        /* fixed: amount; 0: open */
  double     hourly_min;
  double     hourly_max;
  guint      applicants;
  guint      to_hire;
  const char *level;
  const char *duration_label;
  const char *subcategory;   /* of "web_mobile_software_dev", every job's category */
  /* client */
  char      *client_org;    /* companyOrgUid */
  guint      hires;
  guint      posted;
  double     spent;         /* < 0: null */
  gboolean   verified;
  guint      reviews;
  double     feedback;      /* < 0: null */
  const char *country;      /* NULL: no location */
  const char *city;
  const char *timezone;
  gboolean   iso_date;      /* "…Z" with millis instead of "+0000" */
} SandboxJob;

typedef struct
{
  char   *redirect_uri;
  char   *challenge;
  gint64  expires;
} SandboxCode;

static const char *tech[] = {
  "GTK", "GNOME", "libsoup", "GLib", "Rust", "Python", "Django", "React", "TypeScript", "Node.js",
  "PostgreSQL", "SQLite", "Flutter", "Kotlin", "Swift", "Go", "C++", "Qt", "Vue.js", "Laravel",
  "WordPress", "Shopify", "AWS", "Docker", "Kubernetes", "OpenAI API", "LangChain", "Figma",
  "Linux", "Embedded C", "FastAPI", "GraphQL",
};
static const char *cities[] = {
  "New York", "London", "Berlin", "Toronto", "Sydney", "Amsterdam", "Paris", "Kyiv", "Bengaluru",
  "Tel Aviv", "Singapore", "Austin", "Stockholm", "Madrid", "Warsaw", "Zurich",
};
static const char *proposal_statuses[] = {
  "Pending", "Activated", "Accepted", "Offered", "Hired", "Declined", "Withdrawn", "Archived",
};
/* The demo's year, every twentieth proposal alike: most are declined,
 * archived or withdrawn, fewer reach an interview, fewer an offer, and
 * two in twenty a hire, as a seasoned freelancer's history does. */
static const char *story_statuses[] = {
  "Hired", "Declined", "Archived", "Activated", "Declined", "Withdrawn", "Declined", "Archived", "Offered",
  "Declined", "Activated", "Archived", "Declined", "Declined", "Withdrawn", "Archived", "Hired", "Declined",
  "Activated", "Archived",
};

#define N_PROPOSALS 97

static const char *
proposal_status (LancerSandbox *self,
                 guint          i)
{
  if (!self->story)
    return proposal_statuses[(i * 7 + self->seed) % G_N_ELEMENTS (proposal_statuses)];
  /* the last two weeks' proposals are still open */
  if (i < 4)
    return i == 2 ? "Activated" : "Pending";
  return story_statuses[i % G_N_ELEMENTS (story_statuses)];
}

/* How long ago proposal @i was sent: the demo spreads them over a year. */
static gint64
proposal_age_ms (LancerSandbox *self,
                 guint          i)
{
  if (self->story)
    return (gint64) (i + 1) * 365 * 86400 * 1000 / (N_PROPOSALS + 1);
  return (gint64) (i + 1) * 86400 * 1000 / 3;
}

static const char *client_names[] = {
  "Maria Kovalenko", "Tom Becker", "Priya Nair", "Lucas Martin", "Sofia Rossi", "Daniel Kim",
};

static const char *client_lines[] = {
  "Hi, are you available for a quick call this week?",
  "Thanks for the proposal. Could you share a similar project you did?",
  "Great work on the last milestone!",
  "Can you give an estimate for the remaining tasks?",
  "I sent the credentials over email.",
  "Let's schedule the next review for Monday.",
};
static const char *my_lines[] = {
  "Sure, Tuesday or Wednesday afternoon works for me.",
  "Here is the link to the repository with a comparable app.",
  "Thank you! Starting on the next milestone today.",
  "About 12 hours; I will send a breakdown tonight.",
  "Received, thanks. I will confirm once I have access.",
};

static void
sandbox_job_free (SandboxJob *job)
{
  g_free (job->id);
  g_free (job->title);
  g_free (job->haystack);
  g_free (job->client_org);
  g_free (job->description);
  g_strfreev (job->skills);
  g_free (job);
}

static void
sandbox_room_free (LancerSandboxRoom *room)
{
  g_free (room->id);
  g_free (room->name);
  g_free (room->topic);
  g_free (room->contract_id);
  g_ptr_array_unref (room->stories);
  g_free (room);
}

static void
sandbox_story_free (LancerSandboxStory *story)
{
  g_free (story->id);
  g_free (story->message);
  g_free (story);
}

static void
sandbox_code_free (SandboxCode *code)
{
  g_free (code->redirect_uri);
  g_free (code->challenge);
  g_free (code);
}

/* Jobs live in a side array so that the facts (for filtering) are cheap. */
static GPtrArray *
jobs_of (LancerSandbox *self)
{
  return g_object_get_data (G_OBJECT (self), "lancer-sandbox-jobs");
}

static const char *
duration_code (const char *label)
{
  if (label == NULL)
    return NULL;
  if (g_str_has_prefix (label, "Less"))
    return "WEEK";
  if (g_str_has_prefix (label, "1 to"))
    return "MONTH";
  if (g_str_has_prefix (label, "3 to"))
    return "QUARTER";
  return "SEMESTER";
}

/* Content from the shared seeded generator (lancer-sandbox-data.h), then
 * the wire quirks on top: ISO3 countries, null money, two date styles. */
static SandboxJob *
generate_job (LancerSandbox *self,
              guint          index,
              gint64         now)
{
  LancerSandboxData *data = g_object_get_data (G_OBJECT (self), "lancer-sandbox-data");
  g_autoptr(LancerJob) src = lancer_sandbox_data_next_job (data, now, 6 * 3600);
  g_autoptr(GRand) rand = g_rand_new_with_seed (self->seed * 7919u + index * 104729u + 17u);
  SandboxJob *job = g_new0 (SandboxJob, 1);
  const char * const *skills = lancer_job_get_skills (src);
  const char *country = lancer_job_get_client_country (src);
  static const struct { const char *name, *iso3; } iso3[] = {
    { "United Kingdom", "GBR" }, { "Germany", "DEU" }, { "United States", "USA" },
    { "Australia", "AUS" }, { "Ukraine", "UKR" }, { "Canada", "CAN" }, { "France", "FRA" },
  };

  job->id = g_strdup_printf ("19787%014u", 4153911u + index);
  job->title = g_strdup (lancer_job_get_title (src));
  if (g_rand_int_range (rand, 0, 30) != 0)
    job->description = g_strdup (lancer_job_get_description (src));
  if (skills != NULL && skills[0] != NULL && g_rand_int_range (rand, 0, 25) != 0)
    job->skills = g_strdupv ((char **) skills);
  {
    g_autofree char *joined = job->skills != NULL ? g_strjoinv (" ", job->skills) : g_strdup ("");
    g_autofree char *all = g_strconcat (job->title, " ", joined, NULL);
    job->haystack = g_utf8_strdown (all, -1);
  }
  job->hourly = lancer_job_get_job_type (src) == LANCER_JOB_TYPE_HOURLY;
  if (job->hourly)
    {
      if (!isnan (lancer_job_get_hourly_max (src)))
        {
          job->hourly_min = isnan (lancer_job_get_hourly_min (src)) ? 0 : lancer_job_get_hourly_min (src);
          job->hourly_max = lancer_job_get_hourly_max (src);
        }
    }
  else if (lancer_job_has_budget (src))
    job->budget = lancer_job_get_budget (src);
  job->applicants = (guint) MAX (0, lancer_job_get_proposals (src));
  job->to_hire = g_rand_int_range (rand, 0, 20) == 0 ? 0 : g_rand_int_range (rand, 1, 4);
  job->level = lancer_job_get_experience_level (src);
  job->duration_label = lancer_job_get_duration (src);
  job->subcategory = g_rand_boolean (rand) ? "web_development" : "desktop_application_development";
  /* the generator's "client-NNNNNN" as an organisation uid */
  job->client_org = g_strdup_printf ("1424%015" G_GUINT64_FORMAT,
                                     g_ascii_strtoull (lancer_job_get_client_id (src) + strlen ("client-"), NULL, 10));
  job->posted = (guint) MAX (0, lancer_job_get_client_jobs_posted (src));
  job->hires = (guint) MAX (0, lancer_job_get_client_hires (src));
  job->spent = g_rand_int_range (rand, 0, 20) == 0 ? -1 : lancer_job_get_client_total_spent (src);
  job->verified = lancer_job_get_client_payment_verified (src);
  job->feedback = isnan (lancer_job_get_client_rating (src)) ? (g_rand_boolean (rand) ? -1 : 0)
                                                              : lancer_job_get_client_rating (src);
  job->reviews = job->feedback > 0 ? MAX (1, job->hires / 2) : 0;
  if (country != NULL && g_rand_int_range (rand, 0, 30) != 0)
    {
      job->country = country;
      /* some countries come as ISO3 codes */
      for (guint i = 0; i < G_N_ELEMENTS (iso3); i++)
        if (g_str_equal (country, iso3[i].name) && g_rand_int_range (rand, 0, 3) == 0)
          job->country = iso3[i].iso3;
      job->country = g_intern_string (job->country);
      job->city = cities[g_rand_int_range (rand, 0, G_N_ELEMENTS (cities))];
      job->timezone = "UTC";
    }
  job->level = g_intern_string (job->level);
  job->duration_label = g_intern_string (job->duration_label);
  job->iso_date = g_rand_int_range (rand, 0, 5) == 0;
  return job;
}

void
lancer_sandbox_upwork_add_jobs_locked (LancerSandbox *self,
                                       guint          n)
{
  GPtrArray *jobs = jobs_of (self);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < n; i++)
    {
      guint index = self->job_posted->len;
      gint64 posted;

      if (self->job_posted->len == 0 || n > 1)
        /* the initial corpus is spread over the last hours, oldest first */
        posted = now - (gint64) (n - i) * 37;
      else
        posted = now;
      if (self->job_posted->len > 0)
        posted = MAX (posted, g_array_index (self->job_posted, gint64, self->job_posted->len - 1));
      g_array_append_val (self->job_posted, posted);
      g_ptr_array_add (jobs, generate_job (self, index, now));
    }
}

void
lancer_sandbox_upwork_init_data (LancerSandbox *self)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (self->seed ^ 0x5eed);
  gint64 now_ms = g_get_real_time () / 1000;

  g_clear_pointer (&self->codes, g_hash_table_unref);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sandbox_code_free);
  self->job_posted = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_object_set_data_full (G_OBJECT (self), "lancer-sandbox-data", lancer_sandbox_data_new (self->seed),
                          (GDestroyNotify) lancer_sandbox_data_free);
  g_object_set_data_full (G_OBJECT (self), "lancer-sandbox-jobs",
                          g_ptr_array_new_with_free_func ((GDestroyNotify) sandbox_job_free),
                          (GDestroyNotify) g_ptr_array_unref);
  self->rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) sandbox_room_free);
  for (guint r = 0; r < 6; r++)
    {
      LancerSandboxRoom *room = g_new0 (LancerSandboxRoom, 1);
      guint n = g_rand_int_range (rand, 3, 25);
      const char *client = client_names[r % G_N_ELEMENTS (client_names)];

      room->id = g_strdup_printf ("room_%u%08u", self->seed % 1000, 70000 + r);
      room->name = g_strdup_printf ("%s, %s", client, LANCER_SANDBOX_USER_NAME);
      room->topic = g_strdup_printf ("%s project", tech[(r * 5) % G_N_ELEMENTS (tech)]);
      room->contract_id = r < 4 ? g_strdup_printf ("3810000%u", r) : NULL;
      room->unread = g_rand_int_range (rand, 0, 3);
      room->stories = g_ptr_array_new_with_free_func ((GDestroyNotify) sandbox_story_free);
      for (guint s = 0; s < n; s++)
        {
          LancerSandboxStory *story = g_new0 (LancerSandboxStory, 1);
          gboolean mine = s % 2 == 1;

          story->id = g_strdup_printf ("st_%u_%u", r, ++self->story_serial);
          if (g_rand_int_range (rand, 0, 12) != 0)
            story->message = g_strdup (mine ? my_lines[s % G_N_ELEMENTS (my_lines)]
                                            : client_lines[s % G_N_ELEMENTS (client_lines)]);
          story->user_id = mine ? USER_ID : "1187000000000000001";
          story->user_name = mine ? LANCER_SANDBOX_USER_NAME : client;
          story->created_ms = now_ms - (gint64) (n - s) * 3600 * 1000 - r * 600000;
          story->raw_date = g_rand_int_range (rand, 0, 4) == 0;
          g_ptr_array_add (room->stories, story);
        }
      g_ptr_array_add (self->rooms, room);
    }
}

void
lancer_sandbox_upwork_free_data (LancerSandbox *self)
{
  g_clear_pointer (&self->job_posted, g_array_unref);
  g_clear_pointer (&self->rooms, g_ptr_array_unref);
}

/* ---- small JSON helpers ---- */

static void
add_money (JsonBuilder *b,
           const char  *name,
           double       value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *text = NULL;

  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  g_ascii_formatd (buf, sizeof buf, "%.2f", value);
  /* Upwork writes "30.0" and "23420.42": trim a trailing zero */
  text = g_strdup (buf);
  if (g_str_has_suffix (text, "0") && strchr (text, '.') != NULL)
    text[strlen (text) - 1] = '\0';
  json_builder_set_member_name (b, "rawValue");
  json_builder_add_string_value (b, text);
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, "USD");
  json_builder_set_member_name (b, "displayValue");
  json_builder_add_string_value (b, text);
  json_builder_end_object (b);
}

static char *
format_search_date (gint64   unix_s,
                    gboolean iso)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_s);

  return iso ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.000Z")
             : g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S+0000");
}

static void
add_raw_datetime (JsonBuilder *b,
                  const char  *name,
                  gint64       ms)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, ms);

  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "rawValue");
  json_builder_add_string_value (b, text);
  json_builder_end_object (b);
}

static void
build_job_node (JsonBuilder *b,
                SandboxJob  *job,
                gint64       posted,
                gboolean     feedback_failed)
{
  g_autofree char *date = format_search_date (posted, job->iso_date);
  g_autofree char *ciphertext = g_strconcat ("~02", job->id, NULL);

  json_builder_begin_object (b);
  lancer_json_add_string (b, "id", job->id);
  lancer_json_add_string (b, "ciphertext", ciphertext);
  lancer_json_add_string (b, "title", job->title);
  lancer_json_add_string (b, "description", job->description);
  lancer_json_add_string (b, "createdDateTime", date);
  lancer_json_add_string (b, "publishedDateTime", date);
  lancer_json_add_null (b, "renewedDateTime");
  lancer_json_add_string (b, "duration", duration_code (job->duration_label));
  lancer_json_add_string (b, "durationLabel", job->duration_label);
  lancer_json_add_string (b, "engagement", job->hourly ? "30+ hrs/week" : NULL);
  lancer_json_add_string (b, "experienceLevel", job->level);
  lancer_json_add_string (b, "category", "web_mobile_software_dev");
  lancer_json_add_string (b, "subcategory", job->subcategory);
  lancer_json_add_int (b, "totalApplicants", job->applicants);
  lancer_json_add_int (b, "freelancersToHire", job->to_hire);
  lancer_json_add_null (b, "totalFreelancersToHire");
  json_builder_set_member_name (b, "applied");
  json_builder_add_boolean_value (b, FALSE);
  add_money (b, "amount", job->hourly ? 0 : job->budget);
  /* says nothing of the contract type: that is job.contractTerms */
  lancer_json_add_string (b, "hourlyBudgetType", job->hourly ? "DEFAULT" : "NOT_PROVIDED");
  json_builder_set_member_name (b, "job");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "contractTerms");
  json_builder_begin_object (b);
  lancer_json_add_string (b, "contractType", job->hourly ? "HOURLY" : "FIXED_PRICE");
  json_builder_end_object (b);
  json_builder_end_object (b);
  if (job->hourly && job->hourly_max > 0)
    {
      add_money (b, "hourlyBudgetMin", job->hourly_min);
      add_money (b, "hourlyBudgetMax", job->hourly_max);
    }
  else
    {
      lancer_json_add_null (b, "hourlyBudgetMin");
      lancer_json_add_null (b, "hourlyBudgetMax");
    }
  add_money (b, "weeklyBudget", 0);
  json_builder_set_member_name (b, "skills");
  if (job->skills != NULL)
    {
      json_builder_begin_array (b);
      for (guint i = 0; job->skills[i] != NULL; i++)
        {
          g_autofree char *lower = g_ascii_strdown (job->skills[i], -1);
          json_builder_begin_object (b);
          lancer_json_add_string (b, "id", lower);
          lancer_json_add_string (b, "name", lower);
          lancer_json_add_string (b, "prettyName", job->skills[i]);
          json_builder_set_member_name (b, "highlighted");
          json_builder_add_boolean_value (b, FALSE);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "client");
  json_builder_begin_object (b);
  lancer_json_add_int (b, "totalHires", job->hires);
  lancer_json_add_int (b, "totalPostedJobs", job->posted);
  if (job->spent >= 0)
    add_money (b, "totalSpent", job->spent);
  else
    lancer_json_add_null (b, "totalSpent");
  lancer_json_add_string (b, "verificationStatus", job->verified ? "VERIFIED" : NULL);
  lancer_json_add_int (b, "totalReviews", job->reviews);
  json_builder_set_member_name (b, "totalFeedback");
  if (job->feedback >= 0 && !feedback_failed)
    json_builder_add_double_value (b, job->feedback);
  else
    json_builder_add_null_value (b);
  lancer_json_add_null (b, "companyName");
  lancer_json_add_string (b, "companyOrgUid", job->client_org);
  json_builder_set_member_name (b, "hasFinancialPrivacy");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_set_member_name (b, "location");
  if (job->country != NULL)
    {
      json_builder_begin_object (b);
      lancer_json_add_string (b, "country", job->country);
      lancer_json_add_string (b, "city", job->city);
      lancer_json_add_string (b, "state", "");
      lancer_json_add_string (b, "timezone", job->timezone);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "occupations");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "category");
  json_builder_begin_object (b);
  lancer_json_add_string (b, "id", "531770282580668418");
  lancer_json_add_string (b, "prefLabel", "Web, Mobile & Software Dev");
  json_builder_end_object (b);
  lancer_json_add_null (b, "subCategories");
  json_builder_end_object (b);
  json_builder_end_object (b);
}

/* Member @name of @variables (or of any object in them) if it is an
 * object, else NULL. */
static JsonObject *
var_object (JsonObject *variables,
            const char *name)
{
  JsonNode *node;

  if (variables == NULL || (node = json_object_get_member (variables, name)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

static gint64
obj_int (JsonObject *obj,
         const char *name,
         gint64      fallback)
{
  JsonNode *node;

  if (obj == NULL || (node = json_object_get_member (obj, name)) == NULL ||
      JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  return json_node_get_int (node);
}

static const char *
obj_str (JsonObject *obj,
         const char *name)
{
  JsonNode *node;

  if (obj == NULL || (node = json_object_get_member (obj, name)) == NULL ||
      JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
build_page_info (JsonBuilder *b,
                 guint        next_offset,
                 gboolean     has_next)
{
  g_autofree char *cursor = g_strdup_printf ("%u", next_offset);

  json_builder_set_member_name (b, "pageInfo");
  json_builder_begin_object (b);
  lancer_json_add_string (b, "endCursor", has_next ? cursor : NULL);
  json_builder_set_member_name (b, "hasNextPage");
  json_builder_add_boolean_value (b, has_next);
  json_builder_end_object (b);
}

/* A connection: { totalCount, edges: [ … ], pageInfo }. The edges go
 * between begin_connection() and end_connection(); @end is the offset
 * just past the page. */
static void
begin_connection (JsonBuilder *b,
                  guint        total)
{
  json_builder_begin_object (b);
  lancer_json_add_int (b, "totalCount", total);
  json_builder_set_member_name (b, "edges");
  json_builder_begin_array (b);
}

static void
end_connection (JsonBuilder *b,
                guint        end,
                guint        total)
{
  json_builder_end_array (b);
  build_page_info (b, end, end < total);
  json_builder_end_object (b);
}

/* An edge up to its node: { cursor (its offset), node: */
static void
begin_edge (JsonBuilder *b,
            guint        offset)
{
  g_autofree char *cursor = g_strdup_printf ("%u", offset);

  json_builder_begin_object (b);
  lancer_json_add_string (b, "cursor", cursor);
  json_builder_set_member_name (b, "node");
}

static gboolean
job_matches (SandboxJob  *job,
             char       **terms,
             JsonObject  *filter)
{
  JsonNode *node;
  const char *type = obj_str (filter, "jobType_eq");
  const char *level = obj_str (filter, "experienceLevel_eq");

  if (filter != NULL && (node = json_object_get_member (filter, "verifiedPaymentOnly_eq")) != NULL &&
      JSON_NODE_HOLDS_VALUE (node) && json_node_get_boolean (node) && !job->verified)
    return FALSE;
  if (type != NULL && (g_str_equal (type, "HOURLY") != job->hourly))
    return FALSE;
  if (level != NULL && g_strcmp0 (level, job->level) != 0)
    return FALSE;
  /* budgetRange_eq and hourlyRate_eq are ignored, as on the live API */
  if (terms == NULL || terms[0] == NULL)
    return TRUE;
  for (guint i = 0; terms[i] != NULL; i++)
    {
      if (terms[i][0] == '\0' || g_str_equal (terms[i], "or") || g_str_equal (terms[i], "and"))
        continue;
      if (strstr (job->haystack, terms[i]) != NULL)   /* both lowercase */
        return TRUE;
    }
  return FALSE;
}

/* ---- root fields ---- */

typedef struct
{
  LancerSandbox *self;
  JsonObject    *variables;
  const char    *tenant;
  const char    *alias;       /* of the root field being answered: its errors' path */
  JsonBuilder   *errors;
  guint          n_errors;
} Ctx;

static void
add_error (Ctx        *ctx,
           const char *message,
           const char *classification)
{
  json_builder_begin_object (ctx->errors);
  lancer_json_add_string (ctx->errors, "message", message);
  json_builder_set_member_name (ctx->errors, "path");
  json_builder_begin_array (ctx->errors);
  json_builder_add_string_value (ctx->errors, ctx->alias);
  json_builder_end_array (ctx->errors);
  json_builder_set_member_name (ctx->errors, "extensions");
  json_builder_begin_object (ctx->errors);
  lancer_json_add_string (ctx->errors, "classification", classification);
  json_builder_end_object (ctx->errors);
  json_builder_end_object (ctx->errors);
  ctx->n_errors++;
}

/* A partial result: one field of edge @edge failed, the rest of the
 * answer stands (path: root/edges/N/node/@field_path). */
static void
add_field_error (Ctx        *ctx,
                 gint        edge,
                 const char *field_path,
                 const char *message)
{
  g_auto(GStrv) steps = g_strsplit (field_path, "/", -1);

  json_builder_begin_object (ctx->errors);
  lancer_json_add_string (ctx->errors, "message", message);
  json_builder_set_member_name (ctx->errors, "path");
  json_builder_begin_array (ctx->errors);
  json_builder_add_string_value (ctx->errors, "marketplaceJobPostingsSearch");
  json_builder_add_string_value (ctx->errors, "edges");
  json_builder_add_int_value (ctx->errors, edge);
  json_builder_add_string_value (ctx->errors, "node");
  for (guint i = 0; steps[i] != NULL; i++)
    json_builder_add_string_value (ctx->errors, steps[i]);
  json_builder_end_array (ctx->errors);
  json_builder_set_member_name (ctx->errors, "extensions");
  json_builder_begin_object (ctx->errors);
  lancer_json_add_string (ctx->errors, "classification", "DataFetchingException");
  json_builder_end_object (ctx->errors);
  json_builder_end_object (ctx->errors);
  ctx->n_errors++;
}

static gboolean
root_search (Ctx         *ctx,
             JsonBuilder *b)
{
  LancerSandbox *self = ctx->self;
  JsonObject *filter = var_object (ctx->variables, "filter");
  JsonObject *page = var_object (filter, "pagination_eq");
  const char *after_text = obj_str (page, "after");
  gint64 first = obj_int (page, "first", 10);
  gint64 after = after_text != NULL ? g_ascii_strtoll (after_text, NULL, 10) : -1;
  const char *expr = obj_str (filter, "searchExpression_eq");
  gint64 days = obj_int (filter, "daysPosted_eq", 0);
  g_autofree char *lower = expr != NULL ? g_utf8_strdown (expr, -1) : NULL;
  g_auto(GStrv) terms = lower != NULL ? g_strsplit_set (lower, " \t\"()", -1) : NULL;
  GPtrArray *jobs = jobs_of (self);
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* Live: pagination_eq needs an offset cursor on every page ("0" on the
   * first) and at most 50 items; anything else fails the whole search. */
  if (after < 0 || after_text[0] == '\0' || first < 1 || first > 50)
    {
      ctx->alias = "marketplaceJobPostingsSearch";   /* this error names the field, not its alias */
      add_error (ctx, "Exception occurred", "DataFetchingException");
      return FALSE;
    }
  first = MIN (first, (gint64) self->page_cap);

  /* newest first (RECENCY) */
  for (guint i = jobs->len; i > 0; i--)
    {
      guint idx = i - 1;
      if (days > 0 && g_array_index (self->job_posted, gint64, idx) < now - days * 86400)
        continue;
      if (job_matches (g_ptr_array_index (jobs, idx), terms, filter))
        g_array_append_val (hits, idx);
    }

  begin_connection (b, hits->len);
  for (guint i = (guint) after; i < hits->len && i < (guint) (after + first); i++)
    {
      guint idx = g_array_index (hits, guint, i);
      gboolean feedback_failed;

      begin_edge (b, i);
      /* Live answers often carry a field that failed on Upwork's side:
       * null in data, named with its path in errors[]. Some jobs here. */
      feedback_failed = idx % 13 == 5 && ((SandboxJob *) g_ptr_array_index (jobs, idx))->feedback >= 0;
      build_job_node (b, g_ptr_array_index (jobs, idx), g_array_index (self->job_posted, gint64, idx),
                      feedback_failed);
      if (feedback_failed)
        add_field_error (ctx, (gint) (i - after), "client/totalFeedback",
                         "Exception while fetching data (/marketplaceJobPostingsSearch/edges/node/client/totalFeedback)");
      json_builder_end_object (b);
    }
  end_connection (b, (guint) (after + first), hits->len);
  return TRUE;
}

static gboolean
root_job (Ctx         *ctx,
          JsonBuilder *b)
{
  const char *id = obj_str (ctx->variables, "id");
  GPtrArray *jobs = jobs_of (ctx->self);

  for (guint i = 0; id != NULL && i < jobs->len; i++)
    {
      SandboxJob *job = g_ptr_array_index (jobs, i);

      if (!g_str_equal (job->id, id))
        continue;
      json_builder_begin_object (b);
      lancer_json_add_string (b, "id", job->id);
      json_builder_set_member_name (b, "content");
      json_builder_begin_object (b);
      lancer_json_add_string (b, "title", job->title);
      lancer_json_add_string (b, "description", job->description);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "contractTerms");
      json_builder_begin_object (b);
      lancer_json_add_string (b, "contractType", job->hourly ? "HOURLY" : "FIXED_PRICE");
      lancer_json_add_string (b, "experienceLevel", job->level);
      lancer_json_add_int (b, "personsToHire", job->to_hire);
      json_builder_end_object (b);
      json_builder_end_object (b);
      return TRUE;
    }
  {
    g_autofree char *msg = g_strdup_printf ("'openingsV2DS', 'getOpening', 'Opening not found for uid='%s''",
                                            id != NULL ? id : "");
    add_error (ctx, msg, "ExecutionAborted");
  }
  return FALSE;
}

static gboolean
root_proposals (Ctx         *ctx,
                JsonBuilder *b)
{
  JsonObject *filter = var_object (ctx->variables, "filter");
  JsonObject *page = var_object (ctx->variables, "pagination");
  const char *status = obj_str (filter, "status_eq");
  gint64 first = obj_int (page, "first", 10);
  gint64 after = MAX (0, obj_int (page, "after", 0));
  GPtrArray *jobs = jobs_of (ctx->self);
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 now_ms = g_get_real_time () / 1000;
  const guint n_total = N_PROPOSALS;

  /* One live client saw VJCA-6 above 40, another above 20: the stricter. */
  if (first > ctx->self->proposals_limit)
    {
      g_autofree char *m = g_strdup_printf ("VJCA-6: Pagination limit exceeded, maximum allowed is %u",
                                            ctx->self->proposals_limit);
      add_error (ctx, m, "ExecutionAborted");
      return FALSE;
    }
  first = MIN (first, (gint64) ctx->self->page_cap);
  if (status == NULL)
    {
      add_error (ctx, "Validation error of type MissingFieldArgument: Missing field argument status_eq",
                 "ValidationError");
      return FALSE;
    }
  for (guint i = 0; i < n_total; i++)
    {
      const char *s = proposal_status (ctx->self, i);
      /* the live filter sometimes lets a stray status through */
      if (g_str_equal (s, status) || (i % 31 == 30 && g_str_equal (status, "Pending")))
        g_array_append_val (hits, i);
    }

  begin_connection (b, hits->len);
  for (guint k = (guint) after; k < hits->len && k < (guint) (after + first); k++)
    {
      guint i = g_array_index (hits, guint, k);
      SandboxJob *job = g_ptr_array_index (jobs, (i * 13) % MAX (jobs->len, 1));
      g_autofree char *id = g_strdup_printf ("18000000000%08u", i);
      const char *s = proposal_status (ctx->self, i);

      begin_edge (b, k);
      json_builder_begin_object (b);
      lancer_json_add_string (b, "id", id);
      json_builder_set_member_name (b, "status");
      json_builder_begin_object (b);
      lancer_json_add_string (b, "status", s);
      lancer_json_add_null (b, "reason");
      json_builder_end_object (b);
      json_builder_set_member_name (b, "marketplaceJobPosting");
      json_builder_begin_object (b);
      lancer_json_add_string (b, "id", job->id);
      json_builder_set_member_name (b, "content");
      json_builder_begin_object (b);
      lancer_json_add_string (b, "title", job->title);
      json_builder_end_object (b);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "terms");
      json_builder_begin_object (b);
      add_money (b, "chargeRate", 25 + (i % 8) * 5);
      json_builder_set_member_name (b, "estimatedDuration");
      json_builder_begin_object (b);
      lancer_json_add_string (b, "label", "1 to 3 months");
      json_builder_end_object (b);
      json_builder_end_object (b);
      lancer_json_add_string (b, "coverLetter", "Hello, I have built several similar applications and can start right away.");
      lancer_json_add_null (b, "annotations");
      json_builder_set_member_name (b, "auditDetails");
      json_builder_begin_object (b);
      add_raw_datetime (b, "createdDateTime", now_ms - proposal_age_ms (ctx->self, i));
      if (i % 3 == 0)
        lancer_json_add_null (b, "modifiedDateTime");
      else
        add_raw_datetime (b, "modifiedDateTime", now_ms - proposal_age_ms (ctx->self, i) / 2);
      json_builder_end_object (b);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  end_connection (b, (guint) (after + first), hits->len);
  return TRUE;
}

static void
build_story (JsonBuilder        *b,
             LancerSandboxStory *story)
{
  json_builder_begin_object (b);
  lancer_json_add_string (b, "id", story->id);
  lancer_json_add_string (b, "message", story->message);
  if (story->raw_date)
    {
      add_raw_datetime (b, "createdDateTime", story->created_ms);
      add_raw_datetime (b, "updatedDateTime", story->created_ms);
    }
  else
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (story->created_ms / 1000);
      g_autofree char *text = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.000Z");
      lancer_json_add_string (b, "createdDateTime", text);
      lancer_json_add_string (b, "updatedDateTime", text);
    }
  json_builder_set_member_name (b, "user");
  json_builder_begin_object (b);
  lancer_json_add_string (b, "id", story->user_id);
  lancer_json_add_string (b, "name", story->user_name);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static gboolean
root_rooms (Ctx         *ctx,
            JsonBuilder *b)
{
  JsonObject *page = var_object (ctx->variables, "pagination");
  gint64 first = CLAMP (obj_int (page, "first", 20), 1, (gint64) ctx->self->page_cap);
  gint64 after = MAX (0, obj_int (page, "after", 0));
  GPtrArray *rooms = ctx->self->rooms;

  begin_connection (b, rooms->len);
  for (guint i = (guint) after; i < rooms->len && i < (guint) (after + first); i++)
    {
      LancerSandboxRoom *room = g_ptr_array_index (rooms, i);
      LancerSandboxStory *latest = room->stories->len > 0
        ? g_ptr_array_index (room->stories, room->stories->len - 1) : NULL;

      /* RoomEdge has no cursor */
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "node");
      json_builder_begin_object (b);
      lancer_json_add_string (b, "id", room->id);
      lancer_json_add_string (b, "roomName", room->name);
      lancer_json_add_string (b, "topic", room->topic);
      lancer_json_add_string (b, "roomType", "ONE_ON_ONE");
      lancer_json_add_int (b, "numUnread", room->unread);
      lancer_json_add_string (b, "contractId", room->contract_id);
      lancer_json_add_null (b, "lastReadDateTime");
      json_builder_set_member_name (b, "latestStory");
      if (latest != NULL)
        build_story (b, latest);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  end_connection (b, (guint) (after + first), rooms->len);
  return TRUE;
}

static LancerSandboxRoom *
find_room (LancerSandbox *self,
           const char    *id)
{
  for (guint i = 0; id != NULL && i < self->rooms->len; i++)
    {
      LancerSandboxRoom *room = g_ptr_array_index (self->rooms, i);
      if (g_str_equal (room->id, id))
        return room;
    }
  return NULL;
}

static gboolean
root_stories (Ctx         *ctx,
              JsonBuilder *b)
{
  JsonObject *filter = var_object (ctx->variables, "filter");
  JsonObject *page = var_object (var_object (filter, "storyFilter"), "pagination");
  gint64 first = CLAMP (obj_int (page, "first", 50), 1, (gint64) ctx->self->page_cap);
  gint64 after = MAX (0, obj_int (page, "after", 0));
  LancerSandboxRoom *room = find_room (ctx->self, obj_str (filter, "roomId_eq"));
  guint n;

  if (room == NULL)
    {
      add_error (ctx, "Room not found", "ExecutionAborted");
      return FALSE;
    }
  n = room->stories->len;
  begin_connection (b, n);
  /* newest first */
  for (guint k = (guint) after; k < n && k < (guint) (after + first); k++)
    {
      begin_edge (b, k);
      build_story (b, g_ptr_array_index (room->stories, n - 1 - k));
      json_builder_end_object (b);
    }
  end_connection (b, (guint) (after + first), n);
  return TRUE;
}

static gboolean
root_send (Ctx         *ctx,
           JsonBuilder *b)
{
  JsonObject *input = var_object (ctx->variables, "input");
  LancerSandboxRoom *room = find_room (ctx->self, obj_str (input, "roomId"));
  const char *message = obj_str (input, "message");
  LancerSandboxStory *story;

  if (room == NULL || message == NULL || *message == '\0')
    {
      add_error (ctx, room == NULL ? "Room not found" : "Validation error: message is empty",
                 room == NULL ? "ExecutionAborted" : "ValidationError");
      return FALSE;
    }
  story = g_new0 (LancerSandboxStory, 1);
  story->id = g_strdup_printf ("st_sent_%u", ++ctx->self->story_serial);
  story->message = g_strdup (message);
  story->user_id = USER_ID;
  story->user_name = LANCER_SANDBOX_USER_NAME;
  story->created_ms = g_get_real_time () / 1000;
  g_ptr_array_add (room->stories, story);
  room->n_sent++;
  build_story (b, story);
  return TRUE;
}

/* createJobProposal: checks the input the live API requires and answers
 * with a new proposal id. */
static gboolean
root_submit (Ctx         *ctx,
             JsonBuilder *b)
{
  JsonObject *input = var_object (ctx->variables, "input");
  JsonObject *contractor = var_object (input, "selectedContractor");
  const char *job = obj_str (input, "jobReference");
  const char *letter = obj_str (input, "coverLetter");
  const char *org = obj_str (input, "teamOrgId");
  double amount = input != NULL && json_object_has_member (input, "chargedAmount")
                  ? json_object_get_double_member (input, "chargedAmount") : 0;
  const char *problem = NULL;

  if (job == NULL || *job == '\0' || strspn (job, "0123456789") != strlen (job))
    problem = "Validation error: jobReference must be the numeric job id";
  else if (g_strcmp0 (obj_str (contractor, "id"), USER_ID) != 0 ||
           g_strcmp0 (obj_str (contractor, "oDeskUserID"), USER_NID) != 0)
    problem = "Validation error: selectedContractor does not match the user";
  else if (g_strcmp0 (org, ORG_PERSONAL) != 0 && g_strcmp0 (org, ORG_AGENCY) != 0)
    problem = "Validation error: teamOrgId is not an organization of the user";
  else if (letter == NULL || *letter == '\0' || !(amount > 0))
    problem = "Validation error: coverLetter and chargedAmount are required";
  if (problem != NULL)
    {
      add_error (ctx, problem, "ValidationError");
      return FALSE;
    }
  json_builder_begin_object (b);
  {
    g_autofree char *id = g_strdup_printf ("19400000000%08u", ++ctx->self->proposal_serial);
    lancer_json_add_string (b, "newProposalId", id);
  }
  lancer_json_add_string (b, "status", "SUBMITTED");
  lancer_json_add_null (b, "error");
  json_builder_end_object (b);
  return TRUE;
}

static const struct {
  const char *id, *title, *status, *job_type, *rate, *start;
  double total;
  double hours;
} contracts[] = {
  { "38100000", "GTK 4 port of an inventory tool", "ACTIVE", "HOURLY", "45.0", "2026-01-12", 5130.0, 114 },
  { "38100001", "libsoup client maintenance", "ACTIVE", "HOURLY", "55.00", "1767225600000", 2200.0, 40 },
  { "38100002", "Landing page fixes", "CLOSED", "FIXED", "350.0", "2025-11-03", 350.0, 0 },
  { "38100003", "Database tuning retainer", "ACTIVE", "HOURLY", "60", "2026-03-01", 1800.0, 30 },
};

static gboolean
root_contracts (Ctx         *ctx,
                JsonBuilder *b)
{
  JsonObject *filter = var_object (ctx->variables, "filter");
  JsonObject *page = var_object (filter, "pagination");
  gint64 offset = MAX (0, obj_int (page, "offset", 0));
  gint64 limit = CLAMP (obj_int (page, "limit", 10), 1, (gint64) ctx->self->page_cap);

  json_builder_begin_object (b);
  lancer_json_add_int (b, "totalCount", G_N_ELEMENTS (contracts));
  json_builder_set_member_name (b, "workHistoryList");
  json_builder_begin_array (b);
  for (guint i = (guint) offset; i < G_N_ELEMENTS (contracts) && i < (guint) (offset + limit); i++)
    {
      gboolean hourly = g_str_equal (contracts[i].job_type, "HOURLY");
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "contract");
      json_builder_begin_object (b);
      lancer_json_add_string (b, "id", contracts[i].id);
      lancer_json_add_string (b, "title", contracts[i].title);
      lancer_json_add_string (b, "startDate", contracts[i].start);
      lancer_json_add_string (b, "endDate", g_str_equal (contracts[i].status, "CLOSED") ? "2025-12-01" : NULL);
      lancer_json_add_string (b, "status", contracts[i].status);
      json_builder_set_member_name (b, "terms");
      json_builder_begin_object (b);
      lancer_json_add_string (b, "hourlyRate", hourly ? contracts[i].rate : NULL);
      lancer_json_add_string (b, "fixedAmount", hourly ? NULL : contracts[i].rate);
      lancer_json_add_string (b, "jobType", contracts[i].job_type);
      json_builder_end_object (b);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "contractAggregate");
      json_builder_begin_object (b);
      lancer_json_add_string (b, "totalCharge", g_ascii_formatd (buf, sizeof buf, "%.2f", contracts[i].total));
      json_builder_set_member_name (b, "hours");
      json_builder_add_double_value (b, contracts[i].hours);
      json_builder_end_object (b);
      lancer_json_add_null (b, "feedback");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return TRUE;
}

/* Deterministic minutes tracked on @contract_id on @day (yyyyMMdd). */
static guint
diary_cells (const char *contract_id,
             const char *day)
{
  guint h = g_str_hash (contract_id) ^ g_str_hash (day);

  if (g_str_has_suffix (contract_id, "2"))   /* the fixed-price contract */
    return 0;
  return h % 4 == 0 ? 0 : 6 + h % 36;
}

static gboolean
root_work_days (Ctx         *ctx,
                JsonBuilder *b)
{
  JsonObject *input = var_object (ctx->variables, "input");
  JsonObject *range = var_object (input, "timeRange");
  JsonArray *ids = input != NULL && json_object_has_member (input, "contractIds")
    ? json_object_get_array_member (input, "contractIds") : NULL;
  const char *start = obj_str (range, "rangeStart");
  const char *end = obj_str (range, "rangeEnd");
  GDate d;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "workDays");
  json_builder_begin_array (b);
  if (start != NULL && end != NULL && strlen (start) == 8 && ids != NULL && json_array_get_length (ids) > 0)
    {
      const char *cid = json_array_get_string_element (ids, 0);
      guint year = (guint) (((start[0] - '0') * 1000) + ((start[1] - '0') * 100) + ((start[2] - '0') * 10) + (start[3] - '0'));
      guint month = (guint) (((start[4] - '0') * 10) + (start[5] - '0'));
      guint mday = (guint) (((start[6] - '0') * 10) + (start[7] - '0'));

      g_date_clear (&d, 1);
      if (g_date_valid_dmy ((GDateDay) mday, (GDateMonth) month, (GDateYear) year))
        g_date_set_dmy (&d, (GDateDay) mday, (GDateMonth) month, (GDateYear) year);
      for (guint guard = 0; g_date_valid (&d) && guard < 62; guard++)
        {
          char day[16];
          g_snprintf (day, sizeof day, "%04u%02u%02u", g_date_get_year (&d), g_date_get_month (&d),
                      g_date_get_day (&d));
          if (strcmp (day, end) > 0)
            break;
          if (cid != NULL && diary_cells (cid, day) > 0)
            json_builder_add_string_value (b, day);
          g_date_add_days (&d, 1);
        }
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return TRUE;
}

static gboolean
root_diary (Ctx         *ctx,
            JsonBuilder *b)
{
  JsonObject *input = var_object (ctx->variables, "input");
  const char *cid = obj_str (input, "contractId");
  const char *day = obj_str (input, "date");
  guint n = cid != NULL && day != NULL ? diary_cells (cid, day) : 0;
  g_autoptr(GDateTime) base = NULL;

  if (day != NULL && strlen (day) == 8)
    {
      g_autofree char *iso = g_strdup_printf ("%.4s-%.2s-%.2sT09:00:00Z", day, day + 4, day + 6);
      base = g_date_time_new_from_iso8601 (iso, NULL);
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "workDiaryMetadata");
  json_builder_begin_object (b);
  lancer_json_add_int (b, "timezoneOffset", 0);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "workDiaryTimeCells");
  json_builder_begin_array (b);
  for (guint i = 0; i < n && base != NULL; i++)
    {
      json_builder_begin_object (b);
      add_raw_datetime (b, "cellDateTime", (g_date_time_to_unix (base) + i * 600) * 1000);
      lancer_json_add_int (b, "activityLevel", (i * 37) % 101);
      lancer_json_add_string (b, "memo", i % 6 == 0 ? "Implementing sync engine" : NULL);
      json_builder_set_member_name (b, "manual");
      json_builder_add_boolean_value (b, FALSE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return TRUE;
}

static gboolean
root_accounting (Ctx         *ctx,
                 JsonBuilder *b)
{
  json_builder_begin_object (b);
  lancer_json_add_string (b, "id", "424242");
  json_builder_end_object (b);
  return TRUE;
}

typedef struct
{
  gint64      when;          /* unix s */
  const char *type;
  double      amount;
  const char *description;
  const char *client;        /* NULL: none */
} SandboxPayment;

static void
add_payment (GArray     *rows,
             gint64      when,
             const char *type,
             double      amount,
             const char *description,
             const char *client)
{
  SandboxPayment p = { when, type, amount, description, client };

  g_array_append_val (rows, p);
}

/* Tests' fixed history: thirty rows three days apart. The demo's year:
 * weekly hourly pay that grows through the year, monthly milestones, the
 * fee on each, monthly withdrawals and Connects bought now and then. */
static GArray *
payments_of (LancerSandbox *self,
             gint64         now)
{
  static const char *types[] = { "Hourly", "Fixed Price", "Service Fee", "Withdrawal", "Connects" };
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (SandboxPayment));

  if (!self->story)
    {
      for (guint i = 0; i < 30; i++)
        {
          const char *type = types[i % G_N_ELEMENTS (types)];
          double amount = g_str_equal (type, "Service Fee") ? -(20.0 + i) :
                          g_str_equal (type, "Withdrawal") ? -(500.0 + i * 10) :
                          g_str_equal (type, "Connects") ? -2.25 : 200.0 + i * 15;

          add_payment (rows, now - (gint64) i * 3 * 86400, type, amount,
                       i % 5 == 4 ? "Connects purchase" : contracts[i % G_N_ELEMENTS (contracts)].title,
                       i % 5 == 3 ? NULL : client_names[0]);
        }
      return rows;
    }

  for (guint w = 0; w < 52; w++)
    {
      gint64 when = now - (gint64) w * 7 * 86400 - 86400;
      double trend = 0.7 + 0.6 * (52 - w) / 52.0;
      double season = 1.0 + 0.25 * sin (w / 4.0);
      double hourly = floor (45.0 * (8 + (w * 7) % 13) * trend * season);

      add_payment (rows, when, "Hourly", hourly, contracts[0].title, client_names[w % 3]);
      add_payment (rows, when, "Service Fee", -floor (hourly * 0.10), contracts[0].title, NULL);
      if (w % 4 == 1)
        {
          double fixed = 350.0 + 150.0 * ((w / 4) % 4);

          add_payment (rows, when - 2 * 86400, "Fixed Price", fixed, contracts[2].title, client_names[3]);
          add_payment (rows, when - 2 * 86400, "Service Fee", -fixed * 0.10, contracts[2].title, NULL);
        }
      if (w % 4 == 3)
        add_payment (rows, when - 86400, "Withdrawal", -1500.0 - 100.0 * (w % 5), "Withdrawal to bank account", NULL);
      if (w % 6 == 0)
        add_payment (rows, when - 3 * 86400, "Connects", -15.0, "Connects purchase", NULL);
    }
  return rows;
}

/* "2026-09-07" at 00:00 UTC, or @fallback. */
static gint64
parse_day (const char *day,
           gint64      fallback)
{
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (day == NULL || strlen (day) != 10)
    return fallback;
  iso = g_strdup_printf ("%sT00:00:00Z", day);
  dt = g_date_time_new_from_iso8601 (iso, NULL);
  return dt != NULL ? g_date_time_to_unix (dt) : fallback;
}

static gboolean
root_transactions (Ctx         *ctx,
                   JsonBuilder *b)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  JsonObject *filter = var_object (ctx->variables, "filter");
  JsonObject *range = var_object (filter, "transactionDateTime_bt");
  /* Upwork answers only for the days asked, both ends included. */
  gint64 from = parse_day (obj_str (range, "rangeStart"), G_MININT64);
  gint64 to = parse_day (obj_str (range, "rangeEnd"), G_MAXINT64 - 86400) + 86400;
  g_autoptr(GArray) rows = payments_of (ctx->self, now);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "transactionDetail");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "transactionHistoryRow");
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      SandboxPayment *p = &g_array_index (rows, SandboxPayment, i);
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (p->when);
      g_autofree char *date = i % 3 == 0 ? g_date_time_format (dt, "%Y-%m-%d")
                                         : g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.000Z");
      g_autofree char *id = g_strdup_printf ("%u", 700000000 + i);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (p->when < from || p->when >= to)
        continue;
      json_builder_begin_object (b);
      lancer_json_add_string (b, "recordId", id);
      lancer_json_add_string (b, "type", p->type);
      lancer_json_add_string (b, "accountingSubtype", i % 2 == 0 ? "APAdjustment" : NULL);
      lancer_json_add_string (b, "transactionCreationDate", date);
      lancer_json_add_string (b, "fullyPaidDate", i % 4 == 0 ? NULL : date);
      json_builder_set_member_name (b, "transactionAmount");
      json_builder_begin_object (b);
      lancer_json_add_string (b, "rawValue", g_ascii_formatd (buf, sizeof buf, "%.2f", p->amount));
      lancer_json_add_string (b, "currency", "USD");
      json_builder_end_object (b);
      lancer_json_add_string (b, "descriptionUI", p->description);
      lancer_json_add_string (b, "assignmentCompanyName", p->client);
      lancer_json_add_string (b, "paymentStatus", "PAID");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return TRUE;
}

static gboolean
root_user (Ctx         *ctx,
           JsonBuilder *b)
{
  json_builder_begin_object (b);
  lancer_json_add_string (b, "id", USER_ID);
  lancer_json_add_string (b, "nid", USER_NID);
  lancer_json_add_string (b, "rid", "2366358");
  lancer_json_add_string (b, "name", LANCER_SANDBOX_USER_NAME);
  lancer_json_add_string (b, "email", "demo@example.com");
  lancer_json_add_null (b, "photoUrl");
  json_builder_end_object (b);
  return TRUE;
}

static gboolean
root_organization (Ctx         *ctx,
                   JsonBuilder *b)
{
  gboolean agency = g_strcmp0 (ctx->tenant, ORG_AGENCY) == 0;

  json_builder_begin_object (b);
  lancer_json_add_string (b, "id", agency ? ORG_AGENCY : ORG_PERSONAL);
  lancer_json_add_string (b, "name", agency ? "Demo Agency" : LANCER_SANDBOX_USER_NAME);
  json_builder_end_object (b);
  return TRUE;
}

/* The user's organizations, as companySelector lists them. */
static const struct {
  const char *title, *organization_id, *organization_rid, *type, *type_title;
} companies[] = {
  { LANCER_SANDBOX_USER_NAME, ORG_PERSONAL, "2366359", "FREELANCER", "Freelancer" },
  { "Demo Agency",            ORG_AGENCY,   "2366400", "AGENCY",     "Agency" },
};

static gboolean
root_company_selector (Ctx         *ctx,
                       JsonBuilder *b)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (companies); i++)
    {
      json_builder_begin_object (b);
      lancer_json_add_string (b, "title", companies[i].title);
      lancer_json_add_string (b, "organizationId", companies[i].organization_id);
      lancer_json_add_string (b, "organizationRid", companies[i].organization_rid);
      lancer_json_add_string (b, "organizationType", companies[i].type);
      lancer_json_add_string (b, "typeTitle", companies[i].type_title);
      lancer_json_add_null (b, "photoUrl");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return TRUE;
}

/* The root fields the sandbox answers, and what builds each. */
static const struct {
  const char *field;
  const char *scope;
  const char *denied;   /* the error the live API gives without the scope */
  gboolean  (*build) (Ctx *ctx, JsonBuilder *b);
} roots[] = {
  { "marketplaceJobPostingsSearch", "jobs",
    "The client or authentication token doesn't have enough oauth2 permissions/scopes to access: "
    "[MarketplaceJobPostingSearchConnection.edges, MarketplaceJobPostingSearchConnection.totalCount, "
    "PageInfo.endCursor, PageInfo.hasNextPage].", root_search },
  { "marketplaceJobPosting", "jobs",
    "The client or authentication token doesn't have enough oauth2 permissions/scopes to access: "
    "[Query.marketplaceJobPosting].", root_job },
  { "vendorProposals", "proposals",
    "The client or authentication token doesn't have enough oauth2 permissions/scopes to access: "
    "[Query.vendorProposals, VendorProposal.status, DateTime.rawValue].", root_proposals },
  { "roomList", "messages",
    "The client or authentication token doesn't have enough oauth2 permissions/scopes to access: "
    "[Query.roomList, Room.latestStory].", root_rooms },
  { "roomStories", "messages",
    "The client or authentication token doesn't have enough oauth2 permissions/scopes to access: "
    "[Query.roomStories, RoomStory.message].", root_stories },
  { "createRoomStoryV2", "messages",
    "The client or authentication token doesn't have enough oauth2 permissions/scopes to access: "
    "[Mutation.createRoomStoryV2].", root_send },
  { "createJobProposal", "submit",
    "The client or authentication token doesn't have enough oauth2 permissions/scopes to access: "
    "[Mutation.createJobProposal].", root_submit },
  { "talentWorkHistory", "contracts",
    "The client or authentication token doesn't have enough oauth2 permissions/scopes to access: "
    "[Query.talentWorkHistory, Contract.terms].", root_contracts },
  { "workDays", "diary",
    "The client or authentication token doesn't have enough oauth2 permissions/scopes to access: "
    "[Query.workDays].", root_work_days },
  { "workDiaryContract", "diary",
    "The client or authentication token doesn't have enough oauth2 permissions/scopes to access: "
    "[Contract.workDiaryTimeCells, DateTime.rawValue, Query.contract].", root_diary },
  { "accountingEntity", "earnings", "Authorization failed", root_accounting },
  { "transactionHistory", "earnings", "Authorization failed", root_transactions },
  { "user", NULL, NULL, root_user },
  { "organization", NULL, NULL, root_organization },
  { "companySelector", NULL, NULL, root_company_selector },
};

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, text, strlen (text));
}

static gboolean
check_bearer (LancerSandbox     *self,
              SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 *expires;
  gboolean ok;

  if (auth == NULL || !g_str_has_prefix (auth, "Bearer ") || auth[7] == '\0')
    return FALSE;
  g_mutex_lock (&self->mutex);
  expires = g_hash_table_lookup (self->access_tokens, auth + 7);
  ok = self->lenient || (expires != NULL && *expires > now);
  g_mutex_unlock (&self->mutex);
  return ok;
}

static void
graphql_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  LancerSandbox *self = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  SoupMessageHeaders *req_headers = soup_server_message_get_request_headers (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonBuilder) errors = json_builder_new ();
  g_autoptr(LancerSandboxSelection) selection = NULL;
  GPtrArray *fields;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  JsonObject *root;
  const char *gql;
  const char *first_field = NULL;
  LancerSandboxFault fault;
  Ctx ctx = { 0 };

  if (soup_server_message_get_method (msg) != SOUP_METHOD_POST)
    {
      reply_json (msg, 405, "{\"message\":\"Method not allowed\"}");
      return;
    }
  bytes = soup_message_body_flatten (body);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) ||
      json_parser_get_root (parser) == NULL ||   /* an empty body */
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
      (gql = json_object_get_string_member_with_default (
         json_node_get_object (json_parser_get_root (parser)), "query", NULL)) == NULL)
    {
      reply_json (msg, 400, "{\"errors\":[{\"message\":\"Invalid request body\"}]}");
      return;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  /* What the live API would reject is rejected here too, before anything
   * runs: HTTP 200, errors and no data. */
  {
    JsonNode *vars = json_object_get_member (root, "variables");
    JsonNode *name = json_object_get_member (root, "operationName");
    g_autoptr(GPtrArray) invalid = lancer_sandbox_schema_validate (
      gql, name != NULL && json_node_get_value_type (name) == G_TYPE_STRING ? json_node_get_string (name) : NULL,
      vars != NULL && JSON_NODE_HOLDS_OBJECT (vars) ? json_node_get_object (vars) : NULL);

    if (invalid->len > 0)
      {
        g_autofree char *answer = lancer_sandbox_schema_errors_to_json (invalid);

        g_debug ("sandbox: rejected as the live API would: %s", answer);
        g_mutex_lock (&self->mutex);
        lancer_sandbox_count_locked (self, "invalid");
        g_mutex_unlock (&self->mutex);
        reply_json (msg, 200, answer);
        return;
      }
  }
  if ((selection = lancer_sandbox_selection_parse (gql)) == NULL)
    {
      reply_json (msg, 200, "{\"errors\":[{\"message\":\"Invalid Syntax : offending token\","
                            "\"extensions\":{\"classification\":\"InvalidSyntax\"}}]}");
      return;
    }
  fields = selection->children;
  if (fields->len > 0)
    first_field = ((LancerSandboxSelection *) fields->pdata[0])->name;

  g_mutex_lock (&self->mutex);
  lancer_sandbox_count_locked (self, "graphql");
  for (guint i = 0; i < fields->len; i++)
    lancer_sandbox_count_locked (self, ((LancerSandboxSelection *) fields->pdata[i])->name);
  if ((ctx.tenant = soup_message_headers_get_one (req_headers, "X-Upwork-API-TenantId")) != NULL)
    {
      g_autofree char *counter = g_strconcat ("tenant:", ctx.tenant, NULL);

      lancer_sandbox_count_locked (self, counter);
    }
  fault = lancer_sandbox_take_fault_locked (self, first_field);
  g_mutex_unlock (&self->mutex);
  if (first_field != NULL)
    lancer_sandbox_stamp_reply (self, msg, first_field);

  if (fault != LANCER_SANDBOX_FAULT_SLOW && fault != LANCER_SANDBOX_FAULT_TRUNCATED_JSON &&
      lancer_sandbox_apply_fault (self, msg, fault, NULL))
    return;

  if (!check_bearer (self, msg))
    {
      reply_json (msg, 401, "{\"message\":\"Authentication failed: invalid or expired token\"}");
      return;
    }

  ctx.self = self;
  ctx.variables = var_object (root, "variables");
  ctx.tenant = soup_message_headers_get_one (req_headers, "X-Upwork-API-TenantId");
  ctx.errors = errors;
  json_builder_begin_array (errors);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "data");
  json_builder_begin_object (b);

  g_mutex_lock (&self->mutex);
  if (ctx.tenant != NULL && !g_str_equal (ctx.tenant, ORG_PERSONAL) && !g_str_equal (ctx.tenant, ORG_AGENCY))
    {
      for (guint i = 0; i < fields->len; i++)
        {
          ctx.alias = ((LancerSandboxSelection *) fields->pdata[i])->alias;
          lancer_json_add_null (b, ctx.alias);
          add_error (&ctx, "Tenant not found or access denied for the given organization", "ExecutionAborted");
        }
    }
  else
    for (guint i = 0; i < fields->len; i++)
      {
        LancerSandboxSelection *selected = fields->pdata[i];
        const char *field = selected->name;
        const char *denied = NULL;
        guint r = 0;

        while (r < G_N_ELEMENTS (roots) && !g_str_equal (roots[r].field, field))
          r++;
        if (r < G_N_ELEMENTS (roots) && roots[r].scope != NULL &&
            g_hash_table_contains (self->missing_scopes, roots[r].scope))
          denied = roots[r].denied;
        ctx.alias = selected->alias;
        json_builder_set_member_name (b, ctx.alias);
        if (r == G_N_ELEMENTS (roots))
          {
            g_autofree char *m = g_strdup_printf ("Validation error of type FieldUndefined: Field '%s' "
                                                  "in type 'Query' is undefined @ '%s'", field, field);
            json_builder_add_null_value (b);
            add_error (&ctx, m, "ValidationError");
          }
        else if (denied != NULL)
          {
            json_builder_add_null_value (b);
            add_error (&ctx, denied,
                       g_str_has_prefix (denied, "Validation") ? "ValidationError" : "ExecutionAborted");
          }
        else
          {
            JsonBuilder *sub = json_builder_new ();
            if (roots[r].build (&ctx, sub))
              {
                g_autoptr(JsonNode) built = json_builder_get_root (sub);

                /* the live API answers with the fields asked for, no more */
                json_builder_add_value (b, lancer_sandbox_selection_prune (selected, built));
              }
            else
              json_builder_add_null_value (b);
            g_object_unref (sub);
          }
      }
  g_mutex_unlock (&self->mutex);

  json_builder_end_object (b);
  json_builder_end_array (errors);
  if (ctx.n_errors > 0)
    {
      json_builder_set_member_name (b, "errors");
      json_builder_add_value (b, json_builder_get_root (errors));
    }
  json_builder_end_object (b);

  {
    g_autoptr(JsonGenerator) gen = json_generator_new ();
    g_autoptr(JsonNode) out = json_builder_get_root (b);
    json_generator_set_root (gen, out);
    text = json_generator_to_data (gen, NULL);
  }

  if (fault == LANCER_SANDBOX_FAULT_TRUNCATED_JSON)
    {
      lancer_sandbox_apply_fault (self, msg, fault, text);
      return;
    }
  reply_json (msg, 200, text);
  if (fault == LANCER_SANDBOX_FAULT_SLOW)
    lancer_sandbox_apply_fault (self, msg, fault, NULL);
}

/* ---- OAuth ---- */

static char *
new_token (LancerSandbox *self)
{
  g_autofree char *seed = g_strdup_printf ("%u-%u-%" G_GINT64_FORMAT "-%u", self->seed, ++self->token_serial,
                                           g_get_real_time (), g_random_int ());
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_MD5, seed, -1);

  return g_strconcat ("oauth2v2_pub_", hex, NULL);
}

static void
authorize_cb (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  LancerSandbox *self = user_data;
  const char *client_id = query != NULL ? g_hash_table_lookup (query, "client_id") : NULL;
  const char *redirect = query != NULL ? g_hash_table_lookup (query, "redirect_uri") : NULL;
  const char *state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;
  const char *type = query != NULL ? g_hash_table_lookup (query, "response_type") : NULL;
  const char *challenge = query != NULL ? g_hash_table_lookup (query, "code_challenge") : NULL;
  const char *method = query != NULL ? g_hash_table_lookup (query, "code_challenge_method") : NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GString) location = NULL;
  SandboxCode *code;
  char *code_text;
  gboolean lenient;

  g_mutex_lock (&self->mutex);
  lancer_sandbox_count_locked (self, "authorize");
  lenient = self->lenient;
  g_mutex_unlock (&self->mutex);

  if (redirect == NULL || (uri = g_uri_parse (redirect, G_URI_FLAGS_NONE, NULL)) == NULL ||
      g_strcmp0 (type, "code") != 0)
    {
      soup_server_message_set_status (msg, 400, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        "<html><body>Invalid authorization request</body></html>", 55);
      return;
    }
  location = g_string_new (redirect);
  g_string_append_c (location, strchr (redirect, '?') != NULL ? '&' : '?');
  if (!lenient && g_strcmp0 (client_id, LANCER_SANDBOX_CLIENT_ID) != 0)
    {
      g_string_append (location, "error=invalid_client&error_description=Unknown+client");
    }
  else if (challenge != NULL && g_strcmp0 (method, "S256") != 0)
    {
      g_string_append (location, "error=invalid_request&error_description=Only+S256+is+supported");
    }
  else
    {
      code = g_new0 (SandboxCode, 1);
      code->redirect_uri = g_strdup (redirect);
      code->challenge = g_strdup (challenge);
      code->expires = g_get_real_time () / G_USEC_PER_SEC + 600;
      g_mutex_lock (&self->mutex);
      code_text = new_token (self);
      g_hash_table_insert (self->codes, g_strdup (code_text), code);
      g_mutex_unlock (&self->mutex);
      g_string_append_printf (location, "code=%s", code_text);
      g_free (code_text);
    }
  if (state != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (state, NULL, FALSE);
      g_string_append_printf (location, "&state=%s", escaped);
    }
  soup_server_message_set_redirect (msg, 302, location->str);
}

static void
token_error (SoupServerMessage *msg,
             guint              status,
             const char        *error,
             const char        *description)
{
  g_autofree char *text = g_strdup_printf ("{\"error\":\"%s\",\"error_description\":\"%s\"}", error, description);

  reply_json (msg, status, text);
}

static char *
s256 (const char *verifier)
{
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *b64 = NULL;

  g_checksum_update (sum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (sum, digest, &len);
  b64 = g_base64_encode (digest, len);
  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  g_strdelimit (b64, "=", '\0');
  return g_strdup (b64);
}

static void
token_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  LancerSandbox *self = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *form_text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GHashTable) form = NULL;
  const char *grant, *client_id, *client_secret;
  g_autofree char *access = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *text = NULL;
  LancerSandboxFault fault;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean lenient;
  guint lifetime;

  g_mutex_lock (&self->mutex);
  lancer_sandbox_count_locked (self, "token");
  fault = lancer_sandbox_take_fault_locked (self, "token");
  lenient = self->lenient;
  lifetime = self->token_lifetime_s;
  g_mutex_unlock (&self->mutex);

  if (lancer_sandbox_apply_fault (self, msg, fault, "{\"access_token\":\"oauth2v2_pub_"))
    return;
  if (soup_server_message_get_method (msg) != SOUP_METHOD_POST)
    {
      token_error (msg, 405, "invalid_request", "POST required");
      return;
    }
  form = soup_form_decode (form_text);
  grant = g_hash_table_lookup (form, "grant_type");
  client_id = g_hash_table_lookup (form, "client_id");
  client_secret = g_hash_table_lookup (form, "client_secret");
  /* Credentials must be in the body (a Basic header is not enough). */
  if (client_id == NULL || client_secret == NULL)
    {
      token_error (msg, 400, "invalid_request", client_id == NULL ? "Missing parameters: client_id"
                                                                  : "Missing parameters: client_secret");
      return;
    }
  if (!lenient && (!g_str_equal (client_id, LANCER_SANDBOX_CLIENT_ID) ||
                   !g_str_equal (client_secret, LANCER_SANDBOX_CLIENT_SECRET)))
    {
      token_error (msg, 401, "invalid_client", "Client authentication failed");
      return;
    }

  g_mutex_lock (&self->mutex);
  if (g_strcmp0 (grant, "authorization_code") == 0)
    {
      const char *code_text = g_hash_table_lookup (form, "code");
      const char *redirect = g_hash_table_lookup (form, "redirect_uri");
      const char *verifier = g_hash_table_lookup (form, "code_verifier");
      SandboxCode *code = code_text != NULL ? g_hash_table_lookup (self->codes, code_text) : NULL;
      g_autofree char *computed = verifier != NULL ? s256 (verifier) : NULL;

      if (code == NULL || code->expires < now || g_strcmp0 (code->redirect_uri, redirect) != 0 ||
          (code->challenge != NULL && g_strcmp0 (code->challenge, computed) != 0))
        {
          g_mutex_unlock (&self->mutex);
          token_error (msg, 400, "invalid_grant", "Authorization code is invalid or expired");
          return;
        }
      g_hash_table_remove (self->codes, code_text);
    }
  else if (g_strcmp0 (grant, "refresh_token") == 0)
    {
      const char *old = g_hash_table_lookup (form, "refresh_token");
      gint64 *expires = old != NULL ? g_hash_table_lookup (self->refresh_tokens, old) : NULL;

      if (old == NULL || (!lenient && (expires == NULL || *expires <= now)))
        {
          g_mutex_unlock (&self->mutex);
          token_error (msg, 400, "invalid_grant", "Refresh token is expired or revoked or not registered");
          return;
        }
      /* Rotation: the old token keeps working for the grace period only. */
      if (expires != NULL)
        *expires = MIN (*expires, now + (gint64) self->refresh_grace_s);
    }
  else
    {
      g_mutex_unlock (&self->mutex);
      token_error (msg, 400, "unsupported_grant_type", "Unsupported grant type");
      return;
    }

  access = new_token (self);
  refresh = new_token (self);
  {
    gint64 *a = g_new (gint64, 1);
    gint64 *r = g_new (gint64, 1);
    *a = now + lifetime;
    *r = now + 14 * 86400;
    g_hash_table_insert (self->access_tokens, g_strdup (access), a);
    g_hash_table_insert (self->refresh_tokens, g_strdup (refresh), r);
  }
  g_mutex_unlock (&self->mutex);

  text = g_strdup_printf ("{\"access_token\":\"%s\",\"refresh_token\":\"%s\",\"token_type\":\"Bearer\","
                          "\"expires_in\":%u}", access, refresh, lifetime);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "vnd.eo.request-id",
                                "sandbox");
  reply_json (msg, 200, text);
}

void
lancer_sandbox_upwork_attach (LancerSandbox *self,
                              SoupServer    *server)
{
  soup_server_add_handler (server, "/ab/account-security/oauth2/authorize", authorize_cb, self, NULL);
  soup_server_add_handler (server, "/api/v3/oauth2/token", token_cb, self, NULL);
  soup_server_add_handler (server, "/graphql", graphql_cb, self, NULL);
}
