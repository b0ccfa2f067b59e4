/* lancer-alert-policy.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-alerts"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lancer-alert.h"
#include "lancer-alert-policy.h"

#define HOUR 3600

struct _LancerAlertPolicy
{
  GObject           parent_instance;

  LancerAlertRules  rules;
  LancerAlertClock  clock;
  gpointer          clock_data;
  GTimeZone        *tz;
  GHashTable       *sent;          /* key → GINT_TO_POINTER (kind + 1) */
  GArray           *job_times;     /* gint64: individual job alerts */
  GArray           *message_times; /* gint64: message alerts */
};

G_DEFINE_FINAL_TYPE (LancerAlertPolicy, lancer_alert_policy, G_TYPE_OBJECT)

void
lancer_alert_rules_init (LancerAlertRules *rules)
{
  memset (rules, 0, sizeof *rules);
  rules->all_searches = TRUE;
  rules->quiet_start = 22 * 60;
  rules->quiet_end = 7 * 60;
  rules->max_jobs_per_hour = 5;
  rules->max_messages_per_hour = 10;
}

void
lancer_alert_rules_clear (LancerAlertRules *rules)
{
  g_clear_pointer (&rules->searches, g_strfreev);
}

void
lancer_alert_rules_load (LancerAlertRules *rules,
                         GSettings        *settings)
{
  lancer_alert_rules_clear (rules);
  lancer_alert_rules_init (rules);
  if (settings == NULL)
    return;
  rules->all_searches = g_settings_get_boolean (settings, "alert-all-searches");
  rules->searches = g_settings_get_strv (settings, "alert-searches");
  rules->min_score = g_settings_get_uint (settings, "alert-min-score");
  rules->quiet_enabled = g_settings_get_boolean (settings, "alert-quiet-hours");
  rules->quiet_start = g_settings_get_uint (settings, "alert-quiet-start");
  rules->quiet_end = g_settings_get_uint (settings, "alert-quiet-end");
  rules->max_jobs_per_hour = g_settings_get_uint (settings, "alert-max-per-hour");
  rules->max_messages_per_hour = g_settings_get_uint (settings, "alert-max-messages-per-hour");
  rules->paused_until = g_settings_get_int64 (settings, "alert-paused-until");
}

LancerAlertJob *
lancer_alert_job_new (const char         *job_id,
                      double              score,
                      const char * const *searches)
{
  LancerAlertJob *job = g_new0 (LancerAlertJob, 1);

  job->job_id = g_strdup (job_id);
  job->score = score;
  job->searches = g_strdupv ((char **) searches);
  return job;
}

void
lancer_alert_job_free (LancerAlertJob *job)
{
  if (job == NULL)
    return;
  g_free (job->job_id);
  g_strfreev (job->searches);
  g_free (job);
}

void
lancer_alert_decision_free (LancerAlertDecision *decision)
{
  if (decision == NULL)
    return;
  g_clear_pointer (&decision->send, g_ptr_array_unref);
  g_clear_pointer (&decision->summarised, g_ptr_array_unref);
  g_clear_pointer (&decision->held, g_ptr_array_unref);
  g_free (decision);
}

const char *
lancer_alert_kind_to_channel (LancerAlertKind kind)
{
  switch (kind)
    {
    case LANCER_ALERT_KIND_JOB:
      return "alert";
    case LANCER_ALERT_KIND_SUMMARISED:
      return "alert-summary";
    case LANCER_ALERT_KIND_MESSAGE:
      return "alert-message";
    case LANCER_ALERT_KIND_HELD:
      return "alert-held";
    default:
      g_return_val_if_reached ("alert");
    }
}

gboolean
lancer_alert_kind_from_channel (const char      *channel,
                                LancerAlertKind *kind)
{
  static const LancerAlertKind kinds[] = {
    LANCER_ALERT_KIND_JOB, LANCER_ALERT_KIND_SUMMARISED, LANCER_ALERT_KIND_MESSAGE, LANCER_ALERT_KIND_HELD,
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (channel, lancer_alert_kind_to_channel (kinds[i])) == 0)
      {
        *kind = kinds[i];
        return TRUE;
      }
  return FALSE;
}

static gint64
real_clock (gpointer user_data)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
lancer_alert_policy_finalize (GObject *object)
{
  LancerAlertPolicy *self = LANCER_ALERT_POLICY (object);

  lancer_alert_rules_clear (&self->rules);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->sent, g_hash_table_unref);
  g_clear_pointer (&self->job_times, g_array_unref);
  g_clear_pointer (&self->message_times, g_array_unref);

  G_OBJECT_CLASS (lancer_alert_policy_parent_class)->finalize (object);
}

static void
lancer_alert_policy_class_init (LancerAlertPolicyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lancer_alert_policy_finalize;
}

static void
lancer_alert_policy_init (LancerAlertPolicy *self)
{
  lancer_alert_rules_init (&self->rules);
  self->clock = real_clock;
  self->sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->job_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->message_times = g_array_new (FALSE, FALSE, sizeof (gint64));
}

LancerAlertPolicy *
lancer_alert_policy_new (void)
{
  return g_object_new (LANCER_TYPE_ALERT_POLICY, NULL);
}

void
lancer_alert_policy_set_rules (LancerAlertPolicy      *self,
                               const LancerAlertRules *rules)
{
  g_return_if_fail (LANCER_IS_ALERT_POLICY (self));
  g_return_if_fail (rules != NULL);

  lancer_alert_rules_clear (&self->rules);
  self->rules = *rules;
  self->rules.searches = g_strdupv (rules->searches);
}

const LancerAlertRules *
lancer_alert_policy_get_rules (LancerAlertPolicy *self)
{
  g_return_val_if_fail (LANCER_IS_ALERT_POLICY (self), NULL);

  return &self->rules;
}

void
lancer_alert_policy_set_clock (LancerAlertPolicy *self,
                               LancerAlertClock   clock,
                               gpointer           user_data)
{
  g_return_if_fail (LANCER_IS_ALERT_POLICY (self));

  self->clock = clock != NULL ? clock : real_clock;
  self->clock_data = user_data;
}

void
lancer_alert_policy_set_timezone (LancerAlertPolicy *self,
                                  GTimeZone         *tz)
{
  g_return_if_fail (LANCER_IS_ALERT_POLICY (self));

  g_clear_pointer (&self->tz, g_time_zone_unref);
  if (tz != NULL)
    self->tz = g_time_zone_ref (tz);
}

gint64
lancer_alert_policy_now (LancerAlertPolicy *self)
{
  g_return_val_if_fail (LANCER_IS_ALERT_POLICY (self), 0);

  return self->clock (self->clock_data);
}

/* Keeps only the last hour's entries and returns how many are left. */
static guint
count_recent (GArray *times,
              gint64  now)
{
  guint i = 0;

  while (i < times->len)
    {
      gint64 t = g_array_index (times, gint64, i);

      if (t <= now - HOUR || t > now + HOUR)
        g_array_remove_index_fast (times, i);
      else
        i++;
    }
  return times->len;
}

void
lancer_alert_policy_remember (LancerAlertPolicy *self,
                              const char        *key,
                              LancerAlertKind    kind,
                              gint64             sent_at)
{
  g_return_if_fail (LANCER_IS_ALERT_POLICY (self));
  g_return_if_fail (key != NULL);

  g_hash_table_replace (self->sent, g_strdup (key), GINT_TO_POINTER (kind + 1));
  if (sent_at > lancer_alert_policy_now (self) - HOUR)
    {
      if (kind == LANCER_ALERT_KIND_JOB)
        g_array_append_val (self->job_times, sent_at);
      else if (kind == LANCER_ALERT_KIND_MESSAGE)
        g_array_append_val (self->message_times, sent_at);
    }
}

gboolean
lancer_alert_policy_was_sent (LancerAlertPolicy *self,
                              const char        *key)
{
  g_return_val_if_fail (LANCER_IS_ALERT_POLICY (self), FALSE);

  return key != NULL && g_hash_table_contains (self->sent, key);
}

/* Minutes after local midnight now, or -1. */
static int
local_minute (LancerAlertPolicy *self,
              gint64             now,
              int               *second)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = NULL;

  if (dt == NULL)
    return -1;
  local = self->tz != NULL ? g_date_time_to_timezone (dt, self->tz) : g_date_time_to_local (dt);
  if (second != NULL)
    *second = g_date_time_get_second (local);
  return g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
}

gint64
lancer_alert_policy_quiet_remaining (LancerAlertPolicy *self)
{
  guint start = self->rules.quiet_start % (24 * 60);
  guint end = self->rules.quiet_end % (24 * 60);
  int second = 0;
  int minute;
  gboolean inside;

  g_return_val_if_fail (LANCER_IS_ALERT_POLICY (self), 0);

  if (!self->rules.quiet_enabled || start == end)
    return 0;
  minute = local_minute (self, lancer_alert_policy_now (self), &second);
  if (minute < 0)
    return 0;
  if (start < end)
    inside = (guint) minute >= start && (guint) minute < end;
  else
    /* Spans midnight, e.g. 22:00–07:00. */
    inside = (guint) minute >= start || (guint) minute < end;
  if (!inside)
    return 0;
  return (gint64) ((end + 24 * 60 - (guint) minute) % (24 * 60)) * 60 - second;
}

gboolean
lancer_alert_policy_in_quiet_hours (LancerAlertPolicy *self)
{
  return lancer_alert_policy_quiet_remaining (self) > 0;
}

gboolean
lancer_alert_policy_is_quiet (LancerAlertPolicy *self)
{
  g_return_val_if_fail (LANCER_IS_ALERT_POLICY (self), FALSE);

  if (self->rules.paused_until > lancer_alert_policy_now (self))
    return TRUE;
  return lancer_alert_policy_in_quiet_hours (self);
}

static gboolean
search_alerts (LancerAlertPolicy    *self,
               const LancerAlertJob *job)
{
  if (self->rules.all_searches)
    return TRUE;
  return lancer_alert_searches_overlap ((const char * const *) job->searches,
                                        (const char * const *) self->rules.searches);
}

LancerAlertVerdict
lancer_alert_policy_check_job (LancerAlertPolicy    *self,
                               const LancerAlertJob *job)
{
  g_return_val_if_fail (LANCER_IS_ALERT_POLICY (self), LANCER_ALERT_SKIP_SENT);
  g_return_val_if_fail (job != NULL && job->job_id != NULL, LANCER_ALERT_SKIP_SENT);

  if (lancer_alert_policy_was_sent (self, job->job_id))
    return LANCER_ALERT_SKIP_SENT;
  if (!search_alerts (self, job))
    return LANCER_ALERT_SKIP_SEARCH;
  if (self->rules.min_score > 0 && !isnan (job->score) && job->score < self->rules.min_score)
    return LANCER_ALERT_SKIP_SCORE;
  if (lancer_alert_policy_is_quiet (self))
    return LANCER_ALERT_SKIP_QUIET;
  if (count_recent (self->job_times, lancer_alert_policy_now (self)) >= self->rules.max_jobs_per_hour)
    return LANCER_ALERT_SUMMARISE;
  return LANCER_ALERT_SEND;
}

LancerAlertDecision *
lancer_alert_policy_decide_jobs (LancerAlertPolicy *self,
                                 GPtrArray         *jobs)
{
  LancerAlertDecision *decision;
  gint64 now;

  g_return_val_if_fail (LANCER_IS_ALERT_POLICY (self), NULL);
  g_return_val_if_fail (jobs != NULL, NULL);

  now = lancer_alert_policy_now (self);
  decision = g_new0 (LancerAlertDecision, 1);
  decision->send = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_alert_job_free);
  decision->summarised = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_alert_job_free);
  decision->held = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_alert_job_free);

  for (guint i = 0; i < jobs->len; i++)
    {
      const LancerAlertJob *job = g_ptr_array_index (jobs, i);
      LancerAlertJob *copy;

      switch (lancer_alert_policy_check_job (self, job))
        {
        case LANCER_ALERT_SEND:
          copy = lancer_alert_job_new (job->job_id, job->score, (const char * const *) job->searches);
          g_ptr_array_add (decision->send, copy);
          lancer_alert_policy_remember (self, job->job_id, LANCER_ALERT_KIND_JOB, now);
          break;

        case LANCER_ALERT_SUMMARISE:
          copy = lancer_alert_job_new (job->job_id, job->score, (const char * const *) job->searches);
          g_ptr_array_add (decision->summarised, copy);
          lancer_alert_policy_remember (self, job->job_id, LANCER_ALERT_KIND_SUMMARISED, now);
          break;

        case LANCER_ALERT_SKIP_QUIET:
          /* A pause drops; quiet hours hold for the digest. */
          if (self->rules.paused_until > now || !lancer_alert_policy_in_quiet_hours (self))
            {
              decision->skipped++;
              break;
            }
          copy = lancer_alert_job_new (job->job_id, job->score, (const char * const *) job->searches);
          g_ptr_array_add (decision->held, copy);
          lancer_alert_policy_remember (self, job->job_id, LANCER_ALERT_KIND_HELD, now);
          break;

        case LANCER_ALERT_SKIP_SENT:
        case LANCER_ALERT_SKIP_SEARCH:
        case LANCER_ALERT_SKIP_SCORE:
        default:
          decision->skipped++;
          break;
        }
    }
  return decision;
}

GStrv
lancer_alert_policy_decide_messages (LancerAlertPolicy  *self,
                                     const char * const *story_ids,
                                     guint              *n_more)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gint64 now;
  guint more = 0;
  gboolean quiet;

  g_return_val_if_fail (LANCER_IS_ALERT_POLICY (self), NULL);

  now = lancer_alert_policy_now (self);
  quiet = lancer_alert_policy_is_quiet (self);
  for (guint i = 0; story_ids != NULL && story_ids[i] != NULL; i++)
    {
      g_autofree char *key = g_strconcat ("story:", story_ids[i], NULL);

      if (quiet || lancer_alert_policy_was_sent (self, key))
        continue;
      if (count_recent (self->message_times, now) >= self->rules.max_messages_per_hour)
        {
          more++;
          lancer_alert_policy_remember (self, key, LANCER_ALERT_KIND_SUMMARISED, now);
          continue;
        }
      g_strv_builder_add (builder, story_ids[i]);
      lancer_alert_policy_remember (self, key, LANCER_ALERT_KIND_MESSAGE, now);
    }
  if (n_more != NULL)
    *n_more = more;
  return g_strv_builder_end (builder);
}
