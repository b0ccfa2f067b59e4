/* lancer-job.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-store"

#include "config.h"

#include <math.h>

#include "lancer-job.h"
#include "lancer-store-private.h"

struct _LancerJob
{
  GObject parent_instance;

  char *id;
  char *ciphertext;
  char *title;
  char *description;
  char *url;
  char *currency;
  char *experience_level;
  char *category;
  char *duration;
  char *client_id;
  char *client_country;
  char *score_reasons;
  char **skills;

  gint64 posted_at;
  gint64 fetched_at;

  double budget;
  double hourly_min;
  double hourly_max;
  double client_total_spent;
  double client_hire_rate;
  double client_rating;
  double score;

  int job_type;
  int proposals;
  int connects_required;
  int client_hires;
  int client_jobs_posted;

  gboolean client_payment_verified;
  gboolean seen;
  gboolean saved;
  gboolean hidden;
  gboolean acted_on;
  gboolean loaded;
};

G_DEFINE_FINAL_TYPE (LancerJob, lancer_job, G_TYPE_OBJECT)

/* The properties map 1:1 to struct fields, so one table drives
 * get_property, set_property, copy and the accessors below. */
typedef enum { F_STR, F_INT64, F_DOUBLE, F_INT, F_BOOL, F_STRV } FieldKind;

enum {
  PROP_0,
  PROP_ID,
  PROP_CIPHERTEXT,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_URL,
  PROP_CURRENCY,
  PROP_EXPERIENCE_LEVEL,
  PROP_CATEGORY,
  PROP_DURATION,
  PROP_CLIENT_ID,
  PROP_CLIENT_COUNTRY,
  PROP_SKILLS,
  PROP_POSTED_AT,
  PROP_FETCHED_AT,
  PROP_BUDGET,
  PROP_HOURLY_MIN,
  PROP_HOURLY_MAX,
  PROP_CLIENT_TOTAL_SPENT,
  PROP_CLIENT_HIRE_RATE,
  PROP_CLIENT_RATING,
  PROP_JOB_TYPE,
  PROP_PROPOSALS,
  PROP_CONNECTS_REQUIRED,
  PROP_CLIENT_HIRES,
  PROP_CLIENT_JOBS_POSTED,
  PROP_CLIENT_PAYMENT_VERIFIED,
  PROP_SEEN,
  PROP_SAVED,
  PROP_HIDDEN,
  PROP_ACTED_ON,
  PROP_SCORE,
  PROP_SCORE_REASONS,
  PROP_LOADED,
  N_PROPS
};

typedef struct
{
  const char *name;
  FieldKind kind;
  gsize offset;
} Field;

#define FIELD(prop, nm, kind, member) [prop] = { nm, kind, G_STRUCT_OFFSET (LancerJob, member) }

static const Field fields[N_PROPS] = {
  FIELD (PROP_ID, "id", F_STR, id),
  FIELD (PROP_CIPHERTEXT, "ciphertext", F_STR, ciphertext),
  FIELD (PROP_TITLE, "title", F_STR, title),
  FIELD (PROP_DESCRIPTION, "description", F_STR, description),
  FIELD (PROP_URL, "url", F_STR, url),
  FIELD (PROP_CURRENCY, "currency", F_STR, currency),
  FIELD (PROP_EXPERIENCE_LEVEL, "experience-level", F_STR, experience_level),
  FIELD (PROP_CATEGORY, "category", F_STR, category),
  FIELD (PROP_DURATION, "duration", F_STR, duration),
  FIELD (PROP_CLIENT_ID, "client-id", F_STR, client_id),
  FIELD (PROP_CLIENT_COUNTRY, "client-country", F_STR, client_country),
  FIELD (PROP_SKILLS, "skills", F_STRV, skills),
  FIELD (PROP_POSTED_AT, "posted-at", F_INT64, posted_at),
  FIELD (PROP_FETCHED_AT, "fetched-at", F_INT64, fetched_at),
  FIELD (PROP_BUDGET, "budget", F_DOUBLE, budget),
  FIELD (PROP_HOURLY_MIN, "hourly-min", F_DOUBLE, hourly_min),
  FIELD (PROP_HOURLY_MAX, "hourly-max", F_DOUBLE, hourly_max),
  FIELD (PROP_CLIENT_TOTAL_SPENT, "client-total-spent", F_DOUBLE, client_total_spent),
  FIELD (PROP_CLIENT_HIRE_RATE, "client-hire-rate", F_DOUBLE, client_hire_rate),
  FIELD (PROP_CLIENT_RATING, "client-rating", F_DOUBLE, client_rating),
  FIELD (PROP_JOB_TYPE, "job-type", F_INT, job_type),
  FIELD (PROP_PROPOSALS, "proposals", F_INT, proposals),
  FIELD (PROP_CONNECTS_REQUIRED, "connects-required", F_INT, connects_required),
  FIELD (PROP_CLIENT_HIRES, "client-hires", F_INT, client_hires),
  FIELD (PROP_CLIENT_JOBS_POSTED, "client-jobs-posted", F_INT, client_jobs_posted),
  FIELD (PROP_CLIENT_PAYMENT_VERIFIED, "client-payment-verified", F_BOOL, client_payment_verified),
  FIELD (PROP_SEEN, "seen", F_BOOL, seen),
  FIELD (PROP_SAVED, "saved", F_BOOL, saved),
  FIELD (PROP_HIDDEN, "hidden", F_BOOL, hidden),
  FIELD (PROP_ACTED_ON, "acted-on", F_BOOL, acted_on),
  FIELD (PROP_SCORE, "score", F_DOUBLE, score),
  FIELD (PROP_SCORE_REASONS, "score-reasons", F_STR, score_reasons),
  FIELD (PROP_LOADED, "loaded", F_BOOL, loaded),
};

#undef FIELD

static GParamSpec *properties[N_PROPS];

#define MEMBER(self, prop, type) ((type *) (gpointer) ((guint8 *) (self) + fields[prop].offset))

static void
set_field (LancerJob    *self,
           guint         prop,
           const GValue *value)
{
  gboolean changed = FALSE;

  switch (fields[prop].kind)
    {
    case F_STR:
      {
        char **member = MEMBER (self, prop, char *);
        const char *str = g_value_get_string (value);
        if (g_strcmp0 (*member, str) != 0)
          {
            g_free (*member);
            *member = g_strdup (str);
            changed = TRUE;
          }
      }
      break;
    case F_STRV:
      {
        char ***member = MEMBER (self, prop, char **);
        char **strv = g_value_get_boxed (value);
        if (!(*member == NULL && strv == NULL) &&
            (*member == NULL || strv == NULL ||
             !g_strv_equal ((const char * const *) *member, (const char * const *) strv)))
          {
            g_strfreev (*member);
            *member = g_strdupv (strv);
            changed = TRUE;
          }
      }
      break;
    case F_INT64:
      {
        gint64 *member = MEMBER (self, prop, gint64);
        gint64 v = g_value_get_int64 (value);
        changed = *member != v;
        *member = v;
      }
      break;
    case F_DOUBLE:
      {
        double *member = MEMBER (self, prop, double);
        double v = g_value_get_double (value);
        changed = !(*member == v || (isnan (*member) && isnan (v)));
        *member = v;
      }
      break;
    case F_INT:
      {
        int *member = MEMBER (self, prop, int);
        int v = g_value_get_int (value);
        changed = *member != v;
        *member = v;
      }
      break;
    case F_BOOL:
      {
        gboolean *member = MEMBER (self, prop, gboolean);
        gboolean v = g_value_get_boolean (value);
        changed = *member != v;
        *member = v;
      }
      break;
    default:
      g_assert_not_reached ();
    }

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
get_field (LancerJob *self,
           guint      prop,
           GValue    *value)
{
  switch (fields[prop].kind)
    {
    case F_STR:
      g_value_set_string (value, *MEMBER (self, prop, char *));
      break;
    case F_STRV:
      g_value_set_boxed (value, *MEMBER (self, prop, char **));
      break;
    case F_INT64:
      g_value_set_int64 (value, *MEMBER (self, prop, gint64));
      break;
    case F_DOUBLE:
      g_value_set_double (value, *MEMBER (self, prop, double));
      break;
    case F_INT:
      g_value_set_int (value, *MEMBER (self, prop, int));
      break;
    case F_BOOL:
      g_value_set_boolean (value, *MEMBER (self, prop, gboolean));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
lancer_job_finalize (GObject *object)
{
  LancerJob *self = (LancerJob *) object;

  for (guint i = 1; i < N_PROPS; i++)
    {
      if (fields[i].kind == F_STR)
        g_free (*MEMBER (self, i, char *));
      else if (fields[i].kind == F_STRV)
        g_strfreev (*MEMBER (self, i, char **));
    }

  G_OBJECT_CLASS (lancer_job_parent_class)->finalize (object);
}

static void
lancer_job_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  if (prop_id > 0 && prop_id < N_PROPS)
    get_field (LANCER_JOB (object), prop_id, value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lancer_job_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  if (prop_id > 0 && prop_id < N_PROPS)
    set_field (LANCER_JOB (object), prop_id, value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lancer_job_class_init (LancerJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lancer_job_finalize;
  object_class->get_property = lancer_job_get_property;
  object_class->set_property = lancer_job_set_property;

  for (guint i = 1; i < N_PROPS; i++)
    {
      const char *name = fields[i].name;
      GParamFlags flags = rw;

      if (i == PROP_ID)
        flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
      else if (i == PROP_LOADED)
        flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

      switch (fields[i].kind)
        {
        case F_STR:
          properties[i] = g_param_spec_string (name, NULL, NULL, NULL, flags);
          break;
        case F_STRV:
          properties[i] = g_param_spec_boxed (name, NULL, NULL, G_TYPE_STRV, flags);
          break;
        case F_INT64:
          properties[i] = g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0, flags);
          break;
        case F_DOUBLE:
          /* A NAN default would fail the range check; instances start at NAN. */
          properties[i] = g_param_spec_double (name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE,
                                               0, flags);
          break;
        case F_INT:
          properties[i] = g_param_spec_int (name, NULL, NULL, 0, G_MAXINT, 0, flags);
          break;
        case F_BOOL:
          properties[i] = g_param_spec_boolean (name, NULL, NULL, FALSE, flags);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lancer_job_init (LancerJob *self)
{
  self->budget = NAN;
  self->hourly_min = NAN;
  self->hourly_max = NAN;
  self->client_hire_rate = NAN;
  self->client_rating = NAN;
  self->score = NAN;
  self->currency = g_strdup ("USD");
  self->loaded = TRUE;
}

LancerJob *
lancer_job_new (const char *id)
{
  return g_object_new (LANCER_TYPE_JOB, "id", id, NULL);
}

LancerJob *
_lancer_job_new_placeholder (void)
{
  LancerJob *self = g_object_new (LANCER_TYPE_JOB, NULL);

  self->loaded = FALSE;
  return self;
}

LancerJob *
lancer_job_copy (LancerJob *self)
{
  LancerJob *copy;

  g_return_val_if_fail (LANCER_IS_JOB (self), NULL);

  copy = lancer_job_new (self->id);
  for (guint i = PROP_ID + 1; i < N_PROPS; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, properties[i]->value_type);
      get_field (self, i, &value);
      set_field (copy, i, &value);
    }
  return copy;
}

/**
 * lancer_job_update_from:
 * @self: a job
 * @other: a newer copy of the same job
 *
 * Takes every field of @other, notifying the ones that change, so what
 * shows @self (a list row, say) updates in place rather than being torn
 * down and built again for a new object.
 */
void
lancer_job_update_from (LancerJob *self,
                        LancerJob *other)
{
  g_return_if_fail (LANCER_IS_JOB (self));
  g_return_if_fail (LANCER_IS_JOB (other));
  g_return_if_fail (g_strcmp0 (self->id, other->id) == 0);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_ID + 1; i < N_PROPS; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, properties[i]->value_type);
      get_field (other, i, &value);
      set_field (self, i, &value);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* Accessors: thin wrappers over the field table. */
#define STR_ACCESSORS(name, PROP)                                              \
  const char *lancer_job_get_##name (LancerJob *self)                          \
  {                                                                            \
    g_return_val_if_fail (LANCER_IS_JOB (self), NULL);                         \
    return self->name;                                                         \
  }                                                                            \
  void lancer_job_set_##name (LancerJob *self, const char *v)                  \
  {                                                                            \
    g_auto(GValue) value = G_VALUE_INIT;                                       \
    g_return_if_fail (LANCER_IS_JOB (self));                                   \
    g_value_init (&value, G_TYPE_STRING);                                      \
    g_value_set_string (&value, v);                                            \
    set_field (self, PROP, &value);                                            \
  }

#define NUM_ACCESSORS(name, PROP, ctype, gtype, setter)                        \
  ctype lancer_job_get_##name (LancerJob *self)                                \
  {                                                                            \
    g_return_val_if_fail (LANCER_IS_JOB (self), 0);                            \
    return self->name;                                                         \
  }                                                                            \
  void lancer_job_set_##name (LancerJob *self, ctype v)                        \
  {                                                                            \
    g_auto(GValue) value = G_VALUE_INIT;                                       \
    g_return_if_fail (LANCER_IS_JOB (self));                                   \
    g_value_init (&value, gtype);                                              \
    setter (&value, v);                                                        \
    set_field (self, PROP, &value);                                            \
  }

STR_ACCESSORS (ciphertext, PROP_CIPHERTEXT)
STR_ACCESSORS (title, PROP_TITLE)
STR_ACCESSORS (description, PROP_DESCRIPTION)
STR_ACCESSORS (url, PROP_URL)
STR_ACCESSORS (currency, PROP_CURRENCY)
STR_ACCESSORS (experience_level, PROP_EXPERIENCE_LEVEL)
STR_ACCESSORS (category, PROP_CATEGORY)
STR_ACCESSORS (duration, PROP_DURATION)
STR_ACCESSORS (client_id, PROP_CLIENT_ID)
STR_ACCESSORS (client_country, PROP_CLIENT_COUNTRY)
STR_ACCESSORS (score_reasons, PROP_SCORE_REASONS)
NUM_ACCESSORS (posted_at, PROP_POSTED_AT, gint64, G_TYPE_INT64, g_value_set_int64)
NUM_ACCESSORS (fetched_at, PROP_FETCHED_AT, gint64, G_TYPE_INT64, g_value_set_int64)
NUM_ACCESSORS (budget, PROP_BUDGET, double, G_TYPE_DOUBLE, g_value_set_double)
NUM_ACCESSORS (hourly_min, PROP_HOURLY_MIN, double, G_TYPE_DOUBLE, g_value_set_double)
NUM_ACCESSORS (hourly_max, PROP_HOURLY_MAX, double, G_TYPE_DOUBLE, g_value_set_double)
NUM_ACCESSORS (client_total_spent, PROP_CLIENT_TOTAL_SPENT, double, G_TYPE_DOUBLE, g_value_set_double)
NUM_ACCESSORS (client_hire_rate, PROP_CLIENT_HIRE_RATE, double, G_TYPE_DOUBLE, g_value_set_double)
NUM_ACCESSORS (client_rating, PROP_CLIENT_RATING, double, G_TYPE_DOUBLE, g_value_set_double)
NUM_ACCESSORS (proposals, PROP_PROPOSALS, int, G_TYPE_INT, g_value_set_int)
NUM_ACCESSORS (connects_required, PROP_CONNECTS_REQUIRED, int, G_TYPE_INT, g_value_set_int)
NUM_ACCESSORS (client_hires, PROP_CLIENT_HIRES, int, G_TYPE_INT, g_value_set_int)
NUM_ACCESSORS (client_jobs_posted, PROP_CLIENT_JOBS_POSTED, int, G_TYPE_INT, g_value_set_int)
NUM_ACCESSORS (client_payment_verified, PROP_CLIENT_PAYMENT_VERIFIED, gboolean, G_TYPE_BOOLEAN, g_value_set_boolean)
NUM_ACCESSORS (seen, PROP_SEEN, gboolean, G_TYPE_BOOLEAN, g_value_set_boolean)
NUM_ACCESSORS (saved, PROP_SAVED, gboolean, G_TYPE_BOOLEAN, g_value_set_boolean)
NUM_ACCESSORS (hidden, PROP_HIDDEN, gboolean, G_TYPE_BOOLEAN, g_value_set_boolean)
NUM_ACCESSORS (acted_on, PROP_ACTED_ON, gboolean, G_TYPE_BOOLEAN, g_value_set_boolean)
NUM_ACCESSORS (score, PROP_SCORE, double, G_TYPE_DOUBLE, g_value_set_double)

#undef STR_ACCESSORS
#undef NUM_ACCESSORS

const char *
lancer_job_get_id (LancerJob *self)
{
  g_return_val_if_fail (LANCER_IS_JOB (self), NULL);
  return self->id;
}

LancerJobType
lancer_job_get_job_type (LancerJob *self)
{
  g_return_val_if_fail (LANCER_IS_JOB (self), LANCER_JOB_TYPE_FIXED);
  return self->job_type;
}

void
lancer_job_set_job_type (LancerJob     *self,
                         LancerJobType  job_type)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_return_if_fail (LANCER_IS_JOB (self));
  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, job_type);
  set_field (self, PROP_JOB_TYPE, &value);
}

gboolean
lancer_job_has_budget (LancerJob *self)
{
  g_return_val_if_fail (LANCER_IS_JOB (self), FALSE);
  return !isnan (self->budget);
}

const char * const *
lancer_job_get_skills (LancerJob *self)
{
  static const char * const empty[] = { NULL };

  g_return_val_if_fail (LANCER_IS_JOB (self), empty);
  return self->skills ? (const char * const *) self->skills : empty;
}

void
lancer_job_set_skills (LancerJob          *self,
                       const char * const *skills)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_return_if_fail (LANCER_IS_JOB (self));
  g_value_init (&value, G_TYPE_STRV);
  g_value_set_boxed (&value, skills);
  set_field (self, PROP_SKILLS, &value);
}

gboolean
lancer_job_get_loaded (LancerJob *self)
{
  g_return_val_if_fail (LANCER_IS_JOB (self), FALSE);
  return self->loaded;
}

char *
lancer_format_iso8601 (gint64 unix_utc)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_utc);

  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* One member each: the job's JSON is a flat list of them. */
static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_number_or_null (JsonBuilder *builder,
                    const char  *name,
                    double       value)
{
  json_builder_set_member_name (builder, name);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

JsonNode *
lancer_job_to_json (LancerJob *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *posted = NULL;
  const char * const *skills;

  g_return_val_if_fail (LANCER_IS_JOB (self), NULL);

  posted = lancer_format_iso8601 (self->posted_at);
  skills = lancer_job_get_skills (self);

  json_builder_begin_object (builder);
  _lancer_store_json_add_text (builder, "id", self->id);
  _lancer_store_json_add_text (builder, "ciphertext", self->ciphertext);
  _lancer_store_json_add_text (builder, "title", self->title);
  _lancer_store_json_add_text (builder, "url", self->url);
  _lancer_store_json_add_text (builder, "posted_at", posted);
  _lancer_store_json_add_text (builder, "job_type", self->job_type == LANCER_JOB_TYPE_HOURLY ? "hourly" : "fixed");
  add_number_or_null (builder, "budget", self->budget);
  add_number_or_null (builder, "hourly_min", self->hourly_min);
  add_number_or_null (builder, "hourly_max", self->hourly_max);
  _lancer_store_json_add_text (builder, "currency", self->currency);
  add_int (builder, "proposals", self->proposals);
  json_builder_set_member_name (builder, "skills");
  json_builder_begin_array (builder);
  for (guint i = 0; skills[i] != NULL; i++)
    json_builder_add_string_value (builder, skills[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "client");
  json_builder_begin_object (builder);
  _lancer_store_json_add_text (builder, "country", self->client_country);
  json_builder_set_member_name (builder, "total_spent");
  json_builder_add_double_value (builder, self->client_total_spent);
  add_int (builder, "hires", self->client_hires);
  add_int (builder, "jobs_posted", self->client_jobs_posted);
  add_number_or_null (builder, "hire_rate", self->client_hire_rate);
  add_number_or_null (builder, "rating", self->client_rating);
  json_builder_set_member_name (builder, "payment_verified");
  json_builder_add_boolean_value (builder, self->client_payment_verified);
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Fills a job from a row of LANCER_JOB_COLUMNS (lancer-store-private.h).
 * Runs on the store's worker; sets fields directly, nobody watches yet. */

LancerJob *
_lancer_job_new_from_stmt (sqlite3_stmt *stmt)
{
  LancerJob *self = g_object_new (LANCER_TYPE_JOB, NULL);
  const char *skills;

  self->id = _lancer_store_dup_column (stmt, 0);
  self->ciphertext = _lancer_store_dup_column (stmt, 1);
  self->title = _lancer_store_dup_column (stmt, 2);
  self->description = _lancer_store_dup_column (stmt, 3);
  self->url = _lancer_store_dup_column (stmt, 4);
  self->posted_at = sqlite3_column_int64 (stmt, 5);
  self->fetched_at = sqlite3_column_int64 (stmt, 6);
  self->job_type = sqlite3_column_int (stmt, 7);
  self->budget = _lancer_store_column_double_or (stmt, 8, NAN);
  self->hourly_min = _lancer_store_column_double_or (stmt, 9, NAN);
  self->hourly_max = _lancer_store_column_double_or (stmt, 10, NAN);
  g_free (self->currency);
  self->currency = _lancer_store_dup_column (stmt, 11);
  self->proposals = sqlite3_column_int (stmt, 12);
  skills = (const char *) sqlite3_column_text (stmt, 13);
  self->skills = (skills && *skills) ? g_strsplit (skills, "\n", -1) : NULL;
  self->experience_level = _lancer_store_dup_column (stmt, 14);
  self->category = _lancer_store_dup_column (stmt, 15);
  self->duration = _lancer_store_dup_column (stmt, 16);
  self->connects_required = sqlite3_column_int (stmt, 17);
  self->client_id = _lancer_store_dup_column (stmt, 18);
  self->client_country = _lancer_store_dup_column (stmt, 19);
  self->client_total_spent = sqlite3_column_double (stmt, 20);
  self->client_hires = sqlite3_column_int (stmt, 21);
  self->client_jobs_posted = sqlite3_column_int (stmt, 22);
  self->client_hire_rate = _lancer_store_column_double_or (stmt, 23, NAN);
  self->client_rating = _lancer_store_column_double_or (stmt, 24, NAN);
  self->client_payment_verified = sqlite3_column_int (stmt, 25) != 0;
  self->seen = sqlite3_column_int (stmt, 26) != 0;
  self->saved = sqlite3_column_int (stmt, 27) != 0;
  self->hidden = sqlite3_column_int (stmt, 28) != 0;
  self->acted_on = sqlite3_column_int (stmt, 29) != 0;
  return self;
}
