/* lancer-job-filter.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-job-filter"

#include "config.h"

#include <math.h>

#include "lancer-job-filter.h"

G_DEFINE_BOXED_TYPE (LancerJobFilter, lancer_job_filter, lancer_job_filter_copy, lancer_job_filter_free)

LancerJobFilter *
lancer_job_filter_new (void)
{
  LancerJobFilter *self = g_new0 (LancerJobFilter, 1);

  self->max_proposals = -1;
  return self;
}

LancerJobFilter *
lancer_job_filter_copy (const LancerJobFilter *self)
{
  LancerJobFilter *copy;

  if (self == NULL)
    return lancer_job_filter_new ();
  copy = g_memdup2 (self, sizeof *self);
  copy->countries_in = g_strdupv (self->countries_in);
  copy->countries_out = g_strdupv (self->countries_out);
  return copy;
}

void
lancer_job_filter_free (LancerJobFilter *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->countries_in);
  g_strfreev (self->countries_out);
  g_free (self);
}

static gboolean
strv_empty (char **v)
{
  return v == NULL || v[0] == NULL;
}

guint
lancer_job_filter_count_active (const LancerJobFilter *self)
{
  guint n = 0;

  if (self == NULL)
    return 0;
  n += self->min_client_spent > 0;
  n += self->min_hire_rate > 0;
  n += self->min_rating > 0;
  n += self->verified_only != FALSE;
  n += !strv_empty (self->countries_in);
  n += !strv_empty (self->countries_out);
  n += self->max_proposals >= 0;
  n += self->budget_floor > 0;
  n += self->rate_floor > 0;
  n += self->experience != 0;
  n += self->posted_within_hours > 0;
  return n;
}

gboolean
lancer_job_filter_is_empty (const LancerJobFilter *self)
{
  return lancer_job_filter_count_active (self) == 0;
}

gboolean
lancer_job_filter_equal (const LancerJobFilter *a,
                         const LancerJobFilter *b)
{
  g_autofree char *ja = lancer_job_filter_to_json (a);
  g_autofree char *jb = lancer_job_filter_to_json (b);

  return g_strcmp0 (ja, jb) == 0;
}

LancerExperienceLevels
lancer_experience_from_string (const char *level)
{
  if (level == NULL)
    return 0;
  if (g_ascii_strncasecmp (level, "ENTRY", 5) == 0)
    return LANCER_EXPERIENCE_ENTRY;
  if (g_ascii_strcasecmp (level, "INTERMEDIATE") == 0)
    return LANCER_EXPERIENCE_INTERMEDIATE;
  if (g_ascii_strcasecmp (level, "EXPERT") == 0)
    return LANCER_EXPERIENCE_EXPERT;
  return 0;
}

static const struct { LancerExperienceLevels bit; const char *name; } levels[] = {
  { LANCER_EXPERIENCE_ENTRY, "ENTRY_LEVEL" },
  { LANCER_EXPERIENCE_INTERMEDIATE, "INTERMEDIATE" },
  { LANCER_EXPERIENCE_EXPERT, "EXPERT" },
};

static double
member_double (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      {
        double v = json_node_get_double (node);
        return isfinite (v) && v > 0 ? v : 0;
      }
    default:
      return 0;
    }
}

static char **
member_strv (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;
  guint n = 0;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING &&
          *json_node_get_string (item) != '\0')
        {
          g_strv_builder_add (builder, json_node_get_string (item));
          n++;
        }
    }
  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

/* @name, or the spelling lancer-cli wrote before it shared this format
 * (saved searches keep whatever was stored then). */
static double
member_double_or_old (JsonObject *object,
                      const char *name,
                      const char *old_name)
{
  return json_object_has_member (object, name) ? member_double (object, name) : member_double (object, old_name);
}

LancerJobFilter *
lancer_job_filter_new_from_json (const char *json)
{
  LancerJobFilter *self = lancer_job_filter_new ();
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object;
  JsonNode *node;

  if (json == NULL || *json == '\0')
    return self;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return self;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return self;
  object = json_node_get_object (json_parser_get_root (parser));

  self->min_client_spent = member_double_or_old (object, "min_client_spent", "client_spent_min");
  self->min_hire_rate = CLAMP (member_double_or_old (object, "min_hire_rate", "hire_rate_min"), 0, 1);
  self->min_rating = CLAMP (member_double_or_old (object, "min_rating", "rating_min"), 0, 5);
  node = json_object_get_member (object, "verified_only");
  self->verified_only = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                        json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
                        json_node_get_boolean (node);
  self->countries_in = member_strv (object, "countries_in");
  self->countries_out = member_strv (object, "countries_out");
  node = json_object_get_member (object, "max_proposals");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64 &&
      json_node_get_int (node) >= 0)
    self->max_proposals = (int) MIN (json_node_get_int (node), G_MAXINT);
  self->budget_floor = member_double_or_old (object, "budget_floor", "budget_min");
  self->rate_floor = member_double_or_old (object, "rate_floor", "hourly_min");
  {
    g_auto(GStrv) exp = member_strv (object, "experience");

    for (guint i = 0; exp != NULL && exp[i] != NULL; i++)
      self->experience |= lancer_experience_from_string (exp[i]);
  }
  self->posted_within_hours = (guint) MIN (member_double (object, "posted_within_hours"), 24 * 365);
  return self;
}

static void
add_strv (JsonBuilder *builder,
          const char  *name,
          char       **v)
{
  if (strv_empty (v))
    return;
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; v[i] != NULL; i++)
    json_builder_add_string_value (builder, v[i]);
  json_builder_end_array (builder);
}

char *
lancer_job_filter_to_json (const LancerJobFilter *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  if (self != NULL)
    {
#define ADD_DOUBLE(field) \
      if (self->field > 0) { json_builder_set_member_name (builder, #field); \
                             json_builder_add_double_value (builder, self->field); }
      ADD_DOUBLE (min_client_spent);
      ADD_DOUBLE (min_hire_rate);
      ADD_DOUBLE (min_rating);
      if (self->verified_only)
        {
          json_builder_set_member_name (builder, "verified_only");
          json_builder_add_boolean_value (builder, TRUE);
        }
      add_strv (builder, "countries_in", self->countries_in);
      add_strv (builder, "countries_out", self->countries_out);
      if (self->max_proposals >= 0)
        {
          json_builder_set_member_name (builder, "max_proposals");
          json_builder_add_int_value (builder, self->max_proposals);
        }
      ADD_DOUBLE (budget_floor);
      ADD_DOUBLE (rate_floor);
#undef ADD_DOUBLE
      if (self->experience != 0)
        {
          json_builder_set_member_name (builder, "experience");
          json_builder_begin_array (builder);
          for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
            if (self->experience & levels[i].bit)
              json_builder_add_string_value (builder, levels[i].name);
          json_builder_end_array (builder);
        }
      if (self->posted_within_hours > 0)
        {
          json_builder_set_member_name (builder, "posted_within_hours");
          json_builder_add_int_value (builder, self->posted_within_hours);
        }
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
strv_contains_nocase (char       **v,
                      const char  *s)
{
  for (guint i = 0; v != NULL && v[i] != NULL; i++)
    if (g_ascii_strcasecmp (v[i], s) == 0)
      return TRUE;
  return FALSE;
}

/* Hire rate as stored, else hires ÷ jobs posted (capped at 1), else NAN.
 * The same expression is used in SQL below. */
static double
effective_hire_rate (LancerJob *job)
{
  double rate = lancer_job_get_client_hire_rate (job);
  int posted = lancer_job_get_client_jobs_posted (job);

  if (!isnan (rate))
    return rate;
  if (posted > 0)
    return MIN (1.0, (double) lancer_job_get_client_hires (job) / posted);
  return NAN;
}

gboolean
lancer_job_filter_matches (const LancerJobFilter *self,
                           LancerJob             *job,
                           gint64                 now)
{
  const char *country;

  g_return_val_if_fail (LANCER_IS_JOB (job), FALSE);

  if (self == NULL)
    return TRUE;
  if (self->min_client_spent > 0 && !(lancer_job_get_client_total_spent (job) >= self->min_client_spent))
    return FALSE;
  if (self->min_hire_rate > 0 && !(effective_hire_rate (job) >= self->min_hire_rate))
    return FALSE;
  if (self->min_rating > 0 && !(lancer_job_get_client_rating (job) >= self->min_rating))
    return FALSE;
  if (self->verified_only && !lancer_job_get_client_payment_verified (job))
    return FALSE;
  country = lancer_job_get_client_country (job);
  if (!strv_empty (self->countries_in) &&
      (country == NULL || !strv_contains_nocase (self->countries_in, country)))
    return FALSE;
  if (country != NULL && strv_contains_nocase (self->countries_out, country))
    return FALSE;
  if (self->max_proposals >= 0 && lancer_job_get_proposals (job) > self->max_proposals)
    return FALSE;
  if (lancer_job_get_job_type (job) == LANCER_JOB_TYPE_FIXED)
    {
      if (self->budget_floor > 0 && !(lancer_job_get_budget (job) >= self->budget_floor))
        return FALSE;
    }
  else if (self->rate_floor > 0)
    {
      double top = lancer_job_get_hourly_max (job);

      if (isnan (top))
        top = lancer_job_get_hourly_min (job);
      if (!(top >= self->rate_floor))
        return FALSE;
    }
  if (self->experience != 0 &&
      (self->experience & lancer_experience_from_string (lancer_job_get_experience_level (job))) == 0)
    return FALSE;
  if (self->posted_within_hours > 0 &&
      lancer_job_get_posted_at (job) < now - (gint64) self->posted_within_hours * 3600)
    return FALSE;
  return TRUE;
}
