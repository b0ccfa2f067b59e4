/* lancer-alert.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-alerts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lancer-alert.h"

static LancerAlert *
alert_new (LancerAlertType type)
{
  LancerAlert *alert = g_new0 (LancerAlert, 1);

  alert->type = type;
  alert->score = NAN;
  alert->count = 1;
  return alert;
}

LancerAlert *
lancer_alert_new_job (const char *job_id,
                      const char *title,
                      const char *details,
                      const char *url,
                      double      score)
{
  LancerAlert *alert = alert_new (LANCER_ALERT_JOB);

  alert->id = g_strconcat ("job-", job_id, NULL);
  alert->job_id = g_strdup (job_id);
  alert->title = g_strdup (title != NULL && *title != '\0' ? title : _("New job"));
  alert->body = g_strdup (details != NULL ? details : "");
  alert->url = g_strdup (url);
  alert->score = score;
  return alert;
}

/* An alert that stands for @n jobs or messages; takes @title. */
static LancerAlert *
summary_new (LancerAlertType  type,
             const char      *id,
             guint            n,
             char            *title,
             const char      *body)
{
  LancerAlert *alert = alert_new (type);

  alert->id = g_strdup (id);
  alert->count = n;
  alert->title = title;
  alert->body = g_strdup (body);
  return alert;
}

LancerAlert *
lancer_alert_new_jobs_summary (guint n)
{
  return summary_new (LANCER_ALERT_JOBS_SUMMARY, "jobs-summary", n,
                      g_strdup_printf (ngettext ("%u more new job", "%u more new jobs", n), n),
                      _("More jobs matched your searches than alerts are allowed this hour."));
}

LancerAlert *
lancer_alert_new_message (const char *story_id,
                          const char *room_id,
                          const char *sender,
                          const char *topic,
                          const char *text)
{
  LancerAlert *alert = alert_new (LANCER_ALERT_MESSAGE);

  alert->id = g_strconcat ("message-", story_id, NULL);
  alert->room_id = g_strdup (room_id);
  if (sender != NULL && *sender != '\0')
    alert->title = g_strdup_printf (_("New message from %s"), sender);
  else
    alert->title = g_strdup (_("New message"));
  if (text != NULL && *text != '\0')
    alert->body = g_strdup (text);
  else if (topic != NULL && *topic != '\0')
    alert->body = g_strdup (topic);
  else
    alert->body = g_strdup (_("Open the conversation to read it."));
  return alert;
}

LancerAlert *
lancer_alert_new_messages_summary (guint n)
{
  return summary_new (LANCER_ALERT_MESSAGES_SUMMARY, "messages-summary", n,
                      g_strdup_printf (ngettext ("%u more new message", "%u more new messages", n), n),
                      _("Open Lancer to read them."));
}

LancerAlert *
lancer_alert_new_redacted (LancerAlertType type,
                           guint           n)
{
  LancerAlert *alert;

  if (type == LANCER_ALERT_MESSAGE || type == LANCER_ALERT_MESSAGES_SUMMARY)
    alert = summary_new (LANCER_ALERT_MESSAGES_SUMMARY, "messages-locked", n,
                         g_strdup_printf (ngettext ("%u new message", "%u new messages", n), n),
                         _("Unlock Lancer to read them."));
  else
    alert = summary_new (LANCER_ALERT_JOBS_SUMMARY, "jobs-locked", n,
                         g_strdup_printf (ngettext ("%u new job matches your searches",
                                                   "%u new jobs match your searches", n), n),
                         _("Unlock Lancer to see them."));
  alert->redacted = TRUE;
  return alert;
}

LancerAlert *
lancer_alert_new_notice (const char *id,
                         const char *title,
                         const char *body)
{
  LancerAlert *alert = alert_new (LANCER_ALERT_NOTICE);

  alert->id = g_strdup (id);
  alert->title = g_strdup (title);
  alert->body = g_strdup (body);
  return alert;
}

LancerAlert *
lancer_alert_new_first_sync (guint jobs,
                             guint rooms)
{
  g_autofree char *n_jobs = g_strdup_printf (ngettext ("%u job", "%u jobs", jobs), jobs);
  g_autofree char *n_rooms = g_strdup_printf (ngettext ("%u unread conversation", "%u unread conversations",
                                                        rooms), rooms);
  g_autofree char *body = NULL;

  /* Translators: "%s" are "400 jobs" and "12 unread conversations" */
  body = g_strdup_printf (_("The first sync brought in %s and %s. New ones are announced from now on."),
                          n_jobs, n_rooms);
  return lancer_alert_new_notice ("first-sync", _("Lancer is up to date"), body);
}

LancerAlert *
lancer_alert_new_test (const char *channel)
{
  g_autofree char *id = g_strconcat (channel, "-test", NULL);
  const char *title = _("Lancer test alert");
  const char *body = _("This is a test. Job alerts will arrive like this one.");

  if (g_str_equal (channel, "email"))
    title = _("Lancer can send you email");
  else if (g_str_equal (channel, "sms"))
    title = _("Lancer can text you");
  else if (g_str_equal (channel, "telegram"))
    {
      title = _("Lancer is connected");
      body = _("Job alerts will arrive in this chat.");
    }
  return lancer_alert_new_notice (id, title, body);
}

void
lancer_alert_set_action (LancerAlert *alert,
                         const char  *action,
                         const char  *label)
{
  g_free (alert->action);
  g_free (alert->action_label);
  alert->action = g_strdup (action);
  alert->action_label = g_strdup (label);
}

void
lancer_alert_set_job_facts (LancerAlert        *alert,
                            const char         *budget,
                            const char         *proposals,
                            const char         *client,
                            const char * const *searches)
{
  g_free (alert->budget);
  g_free (alert->proposals);
  g_free (alert->client);
  g_strfreev (alert->searches);
  alert->budget = g_strdup (budget);
  alert->proposals = g_strdup (proposals);
  alert->client = g_strdup (client);
  alert->searches = g_strdupv ((char **) searches);
}

LancerAlert *
lancer_alert_copy (const LancerAlert *alert)
{
  LancerAlert *copy = alert_new (alert->type);

  copy->id = g_strdup (alert->id);
  copy->title = g_strdup (alert->title);
  copy->body = g_strdup (alert->body);
  copy->url = g_strdup (alert->url);
  copy->job_id = g_strdup (alert->job_id);
  copy->room_id = g_strdup (alert->room_id);
  copy->count = alert->count;
  copy->score = alert->score;
  copy->redacted = alert->redacted;
  copy->action = g_strdup (alert->action);
  copy->action_label = g_strdup (alert->action_label);
  lancer_alert_set_job_facts (copy, alert->budget, alert->proposals, alert->client,
                              (const char * const *) alert->searches);
  return copy;
}

gboolean
lancer_alert_searches_overlap (const char * const *a,
                               const char * const *b)
{
  for (guint i = 0; a != NULL && a[i] != NULL; i++)
    for (guint j = 0; b != NULL && b[j] != NULL; j++)
      {
        g_autofree char *x = g_utf8_casefold (a[i], -1);
        g_autofree char *y = g_utf8_casefold (b[j], -1);

        if (g_str_equal (x, y))
          return TRUE;
      }
  return FALSE;
}

LancerAlert *
lancer_alert_new_digest (GPtrArray *jobs)
{
  g_autoptr(GString) body = g_string_new (NULL);
  guint n = jobs->len;

  for (guint i = 0; i < jobs->len; i++)
    {
      LancerAlert *job = g_ptr_array_index (jobs, i);

      if (body->len > 0)
        g_string_append_c (body, '\n');
      g_string_append_printf (body, "• %s", job->title);
      if (job->budget != NULL && *job->budget != '\0')
        g_string_append_printf (body, " (%s)", job->budget);
    }
  return summary_new (LANCER_ALERT_JOBS_SUMMARY, "quiet-hours-digest", n,
                      g_strdup_printf (ngettext ("%u job arrived during quiet hours",
                                                "%u jobs arrived during quiet hours", n), n),
                      body->str);
}

void
lancer_alert_free (LancerAlert *alert)
{
  if (alert == NULL)
    return;
  g_free (alert->budget);
  g_free (alert->proposals);
  g_free (alert->client);
  g_strfreev (alert->searches);
  g_free (alert->action);
  g_free (alert->action_label);
  g_free (alert->id);
  g_free (alert->title);
  g_free (alert->body);
  g_free (alert->url);
  g_free (alert->job_id);
  g_free (alert->room_id);
  g_free (alert);
}

GPtrArray *
lancer_alert_redact_batch (GPtrArray *alerts)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_alert_free);
  guint jobs = 0;
  guint messages = 0;

  for (guint i = 0; i < alerts->len; i++)
    {
      LancerAlert *alert = g_ptr_array_index (alerts, i);

      switch (alert->type)
        {
        case LANCER_ALERT_JOB:
        case LANCER_ALERT_JOBS_SUMMARY:
          jobs += alert->count;
          break;

        case LANCER_ALERT_MESSAGE:
        case LANCER_ALERT_MESSAGES_SUMMARY:
          messages += alert->count;
          break;

        case LANCER_ALERT_NOTICE:
        default:
          g_ptr_array_add (out, lancer_alert_new_notice (alert->id, alert->title, alert->body));
          break;
        }
    }
  if (jobs > 0)
    g_ptr_array_add (out, lancer_alert_new_redacted (LANCER_ALERT_JOB, jobs));
  if (messages > 0)
    g_ptr_array_add (out, lancer_alert_new_redacted (LANCER_ALERT_MESSAGE, messages));
  return out;
}
