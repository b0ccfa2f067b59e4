/* lancer-notifier.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-notifier"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lancer-alert-history.h"
#include "lancer-alert-route.h"
#include "lancer-alert-template.h"
#include "lancer-format.h"
#include "lancer-notifier.h"
#include "lancer-store-alerts.h"
#include "lancer-upwork-parse.h"

/* How far back dedupe looks; job postings expire after a day anyway. */
#define HISTORY_DAYS 14
/* Jobs or stories read per check at most. */
#define CHECK_LIMIT 500

typedef enum
{
  IMPORT_NONE,
  IMPORT_FRESH,    /* the store was empty when opened */
  IMPORT_ENDING,   /* the first sync ended; the last checks run */
} ImportState;

struct _LancerNotifier
{
  GObject            parent_instance;

  GApplication      *app;            /* weak */
  LancerSession     *session;
  GSettings         *settings;
  LancerStore       *store;
  LancerSync        *sync;
  LancerOAuth       *oauth;
  LancerLockGuard   *guard;
  LancerAlertPolicy *policy;
  LancerTelegram    *telegram;
  LancerWebhook     *webhook;
  LancerEmail       *email;
  LancerSms         *sms;
  GCancellable      *cancellable;

  /* Jobs that arrived in quiet hours (ids), sent in one digest when
   * they end; kept in notifications_sent so a restart keeps them. */
  GPtrArray         *held;
  guint              digest_source;
  gboolean           digest_running;

  gboolean           ready;          /* history and watermarks loaded */
  gboolean           loading;
  GPtrArray         *waiting;        /* GTask: checks waiting for the history */
  gint64             job_watermark;  /* highest jobs.rid seen */
  gint64             story_watermark;/* highest stories.rowid seen */
  guint              stories_source;
  GHashTable        *shown;          /* desktop notification ids on screen */

  guint              new_matches;
  guint              unread_messages;
  gboolean           attention;

  /* The first sync of an empty profile is an import, not news: one
   * summary when it ends instead of an alert per job and message. */
  ImportState        import;
  guint              import_checks;  /* checks still closing the import */
  guint              imported_jobs;
  GHashTable        *imported_rooms;
  /* The signed-in user, from `me`: their own messages are not news. */
  char              *user_name;
  GCancellable      *me_cancellable;
  gboolean           sync_ran;       /* the sync has been seen running */
  /* Whether the window shows a page to the user right now (app side). */
  LancerNotifierPageShownFunc page_shown;
  gpointer           page_shown_data;
};

enum {
  PROP_0,
  PROP_NEW_MATCHES,
  PROP_UNREAD_MESSAGES,
  PROP_ATTENTION,
  PROP_PAUSED,
  PROP_LOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char * const lancer_notifier_channels[] = { "desktop", "telegram", "webhook", "email", "sms", NULL };

G_DEFINE_FINAL_TYPE (LancerNotifier, lancer_notifier, G_TYPE_OBJECT)

static void schedule_digest (LancerNotifier *self);
static void background_cb   (GObject *source, GAsyncResult *result, gpointer user_data);

/* What a check reads; its task data (GUINT_TO_POINTER). */
typedef enum { CHECK_JOBS, CHECK_MESSAGES } CheckKind;

/* The alert for one stored job: its facts worded for every channel. */
static LancerAlert *
job_alert_new (const LancerStoreAlertJob *row)
{
  g_autofree char *budget = NULL;
  g_autofree char *proposals = NULL;
  g_autofree char *details = NULL;
  GString *client = g_string_new (NULL);
  GString *text = g_string_new (NULL);
  LancerAlert *alert;

  budget = lancer_format_job_budget (row->hourly, row->budget, row->hourly_min, row->hourly_max, row->currency);
  proposals = g_strdup_printf (ngettext ("%d proposal", "%d proposals", row->proposals), row->proposals);
  g_string_append_printf (text, "%s · %s", budget, proposals);
  if (row->client_country != NULL && *row->client_country != '\0')
    {
      g_string_append_printf (text, " · %s", row->client_country);
      g_string_append (client, row->client_country);
    }
  if (!isnan (row->score))
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, _("score %.0f"), row->score);
    }
  details = g_string_free (text, FALSE);
  if (!isnan (row->client_spent) && row->client_spent > 0)
    {
      g_autofree char *spent = lancer_format_money_compact (row->client_spent, "USD");

      if (client->len > 0)
        g_string_append (client, " · ");
      /* Translators: what a client has spent on Upwork, e.g. "$12K spent" */
      g_string_append_printf (client, _("%s spent"), spent);
    }
  if (!isnan (row->client_rating) && row->client_rating > 0)
    g_string_append_printf (client, "%s%.1f ★", client->len > 0 ? " · " : "", row->client_rating);
  if (row->payment_verified)
    g_string_append_printf (client, "%s%s", client->len > 0 ? " · " : "", _("payment verified"));
  alert = lancer_alert_new_job (row->id, row->title, details, row->url, row->score);
  lancer_alert_set_job_facts (alert, budget, proposals, client->str, (const char * const *) row->searches);
  g_string_free (client, TRUE);
  return alert;
}

/* ---- state ---- */

gboolean
lancer_notifier_get_locked (LancerNotifier *self)
{
  g_return_val_if_fail (LANCER_IS_NOTIFIER (self), TRUE);

  return self->guard != NULL && lancer_lock_guard_get_locked (self->guard);
}

static void
set_unread (LancerNotifier *self,
            gint64          unread)
{
  if (unread < 0 || (guint) unread == self->unread_messages)
    return;
  self->unread_messages = (guint) unread;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD_MESSAGES]);
}

static void
reload_rules (LancerNotifier *self)
{
  LancerAlertRules rules;

  lancer_alert_rules_init (&rules);
  lancer_alert_rules_load (&rules, self->settings);
  lancer_alert_policy_set_rules (self->policy, &rules);
  lancer_alert_rules_clear (&rules);
  /* Quiet hours moved or were turned off: the digest's time moves too. */
  g_clear_handle_id (&self->digest_source, g_source_remove);
  schedule_digest (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

/* ---- channels ---- */

/* Clicking the notification does what this button does. */
static void
add_open_button (GNotification *notification,
                 const char    *label,
                 const char    *action,
                 const char    *target)
{
  g_notification_set_default_action_and_target (notification, action, "s", target);
  g_notification_add_button_with_target (notification, label, action, "s", target);
}

void
lancer_notifier_send_desktop (LancerNotifier    *self,
                              const LancerAlert *alert)
{
  g_autoptr(GNotification) notification = NULL;

  g_return_if_fail (LANCER_IS_NOTIFIER (self));
  g_return_if_fail (alert != NULL);

  if (self->app == NULL || !g_application_get_is_registered (self->app))
    return;
  notification = g_notification_new (alert->title);
  g_notification_set_body (notification, alert->body);
  switch (alert->type)
    {
    case LANCER_ALERT_JOB:
      if (alert->job_id != NULL && !alert->redacted)
        {
          add_open_button (notification, _("Open Job"), "app.open-job", alert->job_id);
          g_notification_add_button_with_target (notification, _("Write Proposal"), "app.write-proposal", "s",
                                                 alert->job_id);
          if (!isnan (alert->score) && alert->score >= LANCER_ALERT_HIGH_SCORE)
            g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case LANCER_ALERT_JOBS_SUMMARY:
      add_open_button (notification, _("Open Jobs"), "app.open-job", "");
      break;

    case LANCER_ALERT_MESSAGE:
      if (alert->room_id != NULL && !alert->redacted)
        {
          add_open_button (notification, _("Open Conversation"), "app.open-room", alert->room_id);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case LANCER_ALERT_MESSAGES_SUMMARY:
      add_open_button (notification, _("Open Messages"), "app.open-room", "");
      break;

    case LANCER_ALERT_NOTICE:
    default:
      if (alert->action != NULL)
        {
          g_notification_set_default_action (notification, alert->action);
          g_notification_add_button (notification, alert->action_label, alert->action);
        }
      break;
    }
  g_notification_add_button_with_target (notification, _("Dismiss"), "app.dismiss-alert", "s", alert->id);
  g_application_send_notification (self->app, alert->id, notification);
  g_hash_table_add (self->shown, g_strdup (alert->id));
}

/* Logs an alert a channel did not deliver; @user_data names it ("A
 * Telegram alert"). A webhook that is off is not a failure. */
static void
channel_sent_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  const char *what = user_data;
  g_autoptr(GError) error = NULL;
  gboolean sent;

  if (LANCER_IS_TELEGRAM (source))
    sent = lancer_telegram_send_finish (LANCER_TELEGRAM (source), result, &error);
  else if (LANCER_IS_WEBHOOK (source))
    sent = lancer_webhook_send_finish (LANCER_WEBHOOK (source), result, &error);
  else if (LANCER_IS_EMAIL (source))
    sent = lancer_email_send_finish (LANCER_EMAIL (source), result, &error);
  else
    sent = lancer_sms_send_finish (LANCER_SMS (source), result, &error);
  if (!sent && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_error_matches (error, LANCER_WEBHOOK_ERROR, LANCER_WEBHOOK_ERROR_DISABLED))
    g_message ("%s was not delivered: %s", what, error->message);
}

/* The user is looking at the page the alert is about. */
static gboolean
shown_in_window (LancerNotifier    *self,
                 const LancerAlert *alert)
{
  const char *page;

  switch (alert->type)
    {
    case LANCER_ALERT_JOB:
    case LANCER_ALERT_JOBS_SUMMARY:
      page = "jobs";
      break;

    case LANCER_ALERT_MESSAGE:
    case LANCER_ALERT_MESSAGES_SUMMARY:
      page = "messages";
      break;

    case LANCER_ALERT_NOTICE:
    default:
      return FALSE;
    }
  return self->page_shown != NULL && self->page_shown (page, self->page_shown_data);
}

static gboolean
channel_enabled (LancerNotifier *self,
                 const char     *channel)
{
  if (g_str_equal (channel, "desktop"))
    return self->settings == NULL || g_settings_get_boolean (self->settings, "alert-desktop");
  if (self->settings == NULL)
    return FALSE;
  if (g_str_equal (channel, "telegram"))
    {
      g_autofree char *chat_id = g_settings_get_string (self->settings, "alert-telegram-chat-id");

      return self->telegram != NULL && g_settings_get_boolean (self->settings, "alert-telegram") &&
             *chat_id != '\0';
    }
  if (g_str_equal (channel, "webhook"))
    return self->webhook != NULL && g_settings_get_boolean (self->settings, "alert-webhook-enabled");
  if (g_str_equal (channel, "email"))
    return self->email != NULL && g_settings_get_boolean (self->settings, "alert-email");
  if (g_str_equal (channel, "sms"))
    return self->sms != NULL && g_settings_get_boolean (self->settings, "alert-sms");
  return FALSE;
}

static void
send_to_channel (LancerNotifier    *self,
                 const char        *channel,
                 const LancerAlert *alert)
{
  if (g_str_equal (channel, "desktop"))
    {
      if (!shown_in_window (self, alert))
        lancer_notifier_send_desktop (self, alert);
    }
  else if (g_str_equal (channel, "telegram"))
    {
      g_autofree char *chat_id = g_settings_get_string (self->settings, "alert-telegram-chat-id");

      lancer_telegram_send_alert_async (self->telegram, chat_id, alert, self->cancellable, channel_sent_cb,
                                        "A Telegram alert");
    }
  else if (g_str_equal (channel, "webhook"))
    lancer_webhook_send_async (self->webhook, alert, self->cancellable, channel_sent_cb, "A webhook alert");
  else if (g_str_equal (channel, "email"))
    lancer_email_send_async (self->email, alert, self->cancellable, channel_sent_cb, "An email alert");
  else if (g_str_equal (channel, "sms"))
    lancer_sms_send_async (self->sms, alert, self->cancellable, channel_sent_cb, "An SMS alert");
}

/* Sends @routed, the alerts a channel's rules let through, one way. */
typedef void (*ChannelSendFunc) (LancerNotifier *self,
                                 const char     *channel,
                                 GPtrArray      *routed,
                                 gboolean        locked);

/* Each alert on its own (redacted while locked), in the channel's own
 * template's words. */
static void
send_each (LancerNotifier *self,
           const char     *channel,
           GPtrArray      *routed,
           gboolean        locked)
{
  g_autoptr(GPtrArray) sent = locked ? lancer_alert_redact_batch (routed) : g_ptr_array_ref (routed);

  for (guint i = 0; i < sent->len; i++)
    {
      g_autoptr(LancerAlert) worded = lancer_alert_template_apply (self->settings, channel,
                                                                   g_ptr_array_index (sent, i));

      send_to_channel (self, channel, worded);
    }
}

/* The held jobs in one quiet-hours digest (only a count while locked). */
static void
send_digest (LancerNotifier *self,
             const char     *channel,
             GPtrArray      *routed,
             gboolean        locked)
{
  g_autoptr(LancerAlert) digest = NULL;

  if (routed->len == 0)
    return;
  digest = locked ? lancer_alert_new_redacted (LANCER_ALERT_JOB, routed->len) : lancer_alert_new_digest (routed);
  send_to_channel (self, channel, digest);
}

/* Each channel that is on gets the alerts its own rules let through
 * (score, searches). */
static void
fan_out (LancerNotifier  *self,
         GPtrArray       *alerts,
         gboolean         locked,
         ChannelSendFunc  send)
{
  for (guint c = 0; lancer_notifier_channels[c] != NULL; c++)
    {
      const char *channel = lancer_notifier_channels[c];
      g_autoptr(GPtrArray) routed = NULL;

      if (!channel_enabled (self, channel))
        continue;
      routed = g_ptr_array_new ();
      for (guint i = 0; i < alerts->len; i++)
        if (lancer_alert_route_allows (self->settings, channel, g_ptr_array_index (alerts, i)))
          g_ptr_array_add (routed, g_ptr_array_index (alerts, i));
      send (self, channel, routed, locked);
    }
}

static void
history_added_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lancer_alert_history_add_finish (LANCER_STORE (source), result, &error))
    g_message ("Could not record sent alerts: %s", error->message);
}

/* ---- checks ---- */

static gboolean
importing (LancerNotifier *self)
{
  /* Without a sync (tests writing to the store) nothing is imported. */
  return self->import == IMPORT_ENDING || (self->import == IMPORT_FRESH && self->sync != NULL);
}

static gboolean
is_own_story (LancerNotifier        *self,
              LancerStoreAlertStory *row)
{
  return self->user_name != NULL && row->sender != NULL && g_strcmp0 (row->sender, self->user_name) == 0;
}

static GPtrArray *
alerts_for_jobs (LancerNotifier *self,
                 GPtrArray      *rows,
                 GPtrArray      *records)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_alert_job_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(LancerAlertDecision) decision = NULL;
  GPtrArray *alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_alert_free);
  gint64 now = lancer_alert_policy_now (self->policy);
  guint matches = 0;
  gboolean attention = FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      LancerStoreAlertJob *row = g_ptr_array_index (rows, i);
      LancerAlertJob *job = lancer_alert_job_new (row->id, row->score, (const char * const *) row->searches);
      LancerAlertVerdict verdict = lancer_alert_policy_check_job (self->policy, job);

      g_hash_table_insert (by_id, row->id, row);
      if (verdict == LANCER_ALERT_SEND || verdict == LANCER_ALERT_SUMMARISE || verdict == LANCER_ALERT_SKIP_QUIET)
        {
          matches++;
          if (!isnan (row->score) && row->score >= LANCER_ALERT_HIGH_SCORE)
            attention = TRUE;
        }
      g_ptr_array_add (candidates, job);
    }
  decision = lancer_alert_policy_decide_jobs (self->policy, candidates);
  for (guint i = 0; i < decision->send->len; i++)
    {
      LancerAlertJob *job = g_ptr_array_index (decision->send, i);
      LancerStoreAlertJob *row = g_hash_table_lookup (by_id, job->job_id);

      g_ptr_array_add (alerts, job_alert_new (row));
      g_ptr_array_add (records, lancer_alert_record_new (job->job_id, LANCER_ALERT_KIND_JOB, job->job_id, now));
    }
  for (guint i = 0; i < decision->summarised->len; i++)
    {
      LancerAlertJob *job = g_ptr_array_index (decision->summarised, i);

      g_ptr_array_add (records, lancer_alert_record_new (job->job_id, LANCER_ALERT_KIND_SUMMARISED, job->job_id, now));
    }
  if (decision->summarised->len > 0)
    g_ptr_array_add (alerts, lancer_alert_new_jobs_summary (decision->summarised->len));
  for (guint i = 0; i < decision->held->len; i++)
    {
      LancerAlertJob *job = g_ptr_array_index (decision->held, i);

      g_ptr_array_add (records, lancer_alert_record_new (job->job_id, LANCER_ALERT_KIND_HELD, job->job_id, now));
      g_ptr_array_add (self->held, g_strdup (job->job_id));
    }
  if (decision->held->len > 0)
    schedule_digest (self);

  if (matches > 0)
    {
      self->new_matches += matches;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEW_MATCHES]);
    }
  if (attention && !self->attention)
    {
      self->attention = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTENTION]);
    }
  return alerts;
}

static GPtrArray *
alerts_for_stories (LancerNotifier *self,
                    GPtrArray      *rows,
                    GPtrArray      *records)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) send = NULL;
  GPtrArray *alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_alert_free);
  gint64 now = lancer_alert_policy_now (self->policy);
  guint more = 0;

  for (guint i = 0; i < rows->len; i++)
    if (!is_own_story (self, g_ptr_array_index (rows, i)))
      g_strv_builder_add (builder, ((LancerStoreAlertStory *) g_ptr_array_index (rows, i))->id);
  ids = g_strv_builder_end (builder);
  send = lancer_alert_policy_decide_messages (self->policy, (const char * const *) ids, &more);
  for (guint i = 0; i < rows->len; i++)
    {
      LancerStoreAlertStory *row = g_ptr_array_index (rows, i);
      g_autofree char *key = g_strconcat ("story:", row->id, NULL);

      if (g_strv_contains ((const char * const *) send, row->id))
        {
          g_ptr_array_add (alerts, lancer_alert_new_message (row->id, row->room_id, row->sender,
                                                            row->topic, row->text));
          g_ptr_array_add (records, lancer_alert_record_new (key, LANCER_ALERT_KIND_MESSAGE, NULL, now));
        }
      else if (lancer_alert_policy_was_sent (self->policy, key) && more > 0)
        g_ptr_array_add (records, lancer_alert_record_new (key, LANCER_ALERT_KIND_SUMMARISED, NULL, now));
    }
  if (more > 0)
    g_ptr_array_add (alerts, lancer_alert_new_messages_summary (more));
  return alerts;
}

/* A check started before another one finished read from an older
 * watermark: what the other one covered is not new any more. */
static void
drop_seen_rows (LancerNotifier *self,
                CheckKind       kind,
                GPtrArray      *rows)
{
  gint64 seen = kind == CHECK_JOBS ? self->job_watermark : self->story_watermark;

  for (guint i = rows->len; i > 0; i--)
    {
      gint64 rid = kind == CHECK_JOBS ? ((LancerStoreAlertJob *) g_ptr_array_index (rows, i - 1))->rid
                                      : ((LancerStoreAlertStory *) g_ptr_array_index (rows, i - 1))->rid;

      if (rid <= seen)
        g_ptr_array_remove_index (rows, i - 1);
    }
}

/* The alerts for a check's new rows go out on every channel and into the
 * history; returns them, redacted while locked, as the check's result. */
static GPtrArray *
send_alerts (LancerNotifier        *self,
             CheckKind              kind,
             LancerStoreAlertBatch *batch)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_alert_record_free);
  GPtrArray *alerts;
  GPtrArray *redacted;
  gboolean locked;

  if (kind == CHECK_JOBS)
    {
      self->job_watermark = MAX (self->job_watermark, batch->watermark);
      alerts = alerts_for_jobs (self, batch->rows, records);
    }
  else
    {
      self->story_watermark = MAX (self->story_watermark, batch->watermark);
      alerts = alerts_for_stories (self, batch->rows, records);
    }
  if (records->len > 0 && self->store != NULL)
    lancer_alert_history_add_async (self->store, records, NULL, history_added_cb, NULL);
  locked = lancer_notifier_get_locked (self);
  fan_out (self, alerts, locked, send_each);
  /* Quiet hours ended while nothing ran (a suspend): the digest now. */
  if (kind == CHECK_JOBS && self->held->len > 0 && !lancer_alert_policy_in_quiet_hours (self->policy))
    lancer_notifier_send_digest_async (self, self->cancellable, background_cb, "The quiet-hours digest failed");
  if (!locked)
    return alerts;
  redacted = lancer_alert_redact_batch (alerts);
  g_ptr_array_unref (alerts);
  return redacted;
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LancerNotifier *self = g_task_get_source_object (task);
  CheckKind kind = GPOINTER_TO_UINT (g_task_get_task_data (task));
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerStoreAlertBatch) batch = NULL;
  GPtrArray *rows;

  batch = lancer_store_alerts_read_finish (LANCER_STORE (source), result, &error);
  if (batch == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  rows = batch->rows;
  set_unread (self, batch->unread);
  drop_seen_rows (self, kind, rows);
  if (importing (self))
    {
      /* Counted for the summary; the watermarks move past all of it. */
      if (kind == CHECK_JOBS)
        {
          self->job_watermark = MAX (self->job_watermark, batch->watermark);
          self->imported_jobs += rows->len;
        }
      else
        {
          self->story_watermark = MAX (self->story_watermark, batch->watermark);
          for (guint i = 0; i < rows->len; i++)
            g_hash_table_add (self->imported_rooms,
                              g_strdup (((LancerStoreAlertStory *) g_ptr_array_index (rows, i))->room_id));
        }
      g_task_return_pointer (task, g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_alert_free),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  g_task_return_pointer (task, send_alerts (self, kind, batch), (GDestroyNotify) g_ptr_array_unref);
}

/* ---- the quiet-hours digest ---- */

static void
digest_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LancerNotifier *self = g_task_get_source_object (task);
  GStrv ids = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerStoreAlertBatch) batch = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *alerts;
  gint64 now = lancer_alert_policy_now (self->policy);

  self->digest_running = FALSE;
  batch = lancer_store_alerts_read_finish (LANCER_STORE (source), result, &error);
  if (batch == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_alert_free);
  for (guint i = 0; i < batch->rows->len; i++)
    g_ptr_array_add (jobs, job_alert_new (g_ptr_array_index (batch->rows, i)));
  /* Sent now: summarised in history, no longer held (here or on disk). */
  records = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_alert_record_free);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      guint index;

      g_ptr_array_add (records, lancer_alert_record_new (ids[i], LANCER_ALERT_KIND_SUMMARISED, ids[i], now));
      lancer_alert_policy_remember (self->policy, ids[i], LANCER_ALERT_KIND_SUMMARISED, now);
      if (g_ptr_array_find_with_equal_func (self->held, ids[i], g_str_equal, &index))
        g_ptr_array_remove_index (self->held, index);
    }
  rows = lancer_alert_history_to_store (records);
  if (self->store != NULL)
    lancer_store_alerts_add_records_async (self->store, rows, lancer_alert_kind_to_channel (LANCER_ALERT_KIND_HELD),
                                           NULL, history_added_cb, NULL);
  alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_alert_free);
  if (jobs->len > 0)
    {
      gboolean locked = lancer_notifier_get_locked (self);

      fan_out (self, jobs, locked, send_digest);
      g_ptr_array_add (alerts, locked ? lancer_alert_new_redacted (LANCER_ALERT_JOB, jobs->len)
                                      : lancer_alert_new_digest (jobs));
    }
  g_task_return_pointer (task, alerts, (GDestroyNotify) g_ptr_array_unref);
}

void
lancer_notifier_send_digest_async (LancerNotifier      *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GStrv ids;

  g_return_if_fail (LANCER_IS_NOTIFIER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_notifier_send_digest_async);
  if (self->held->len == 0 || self->store == NULL || self->digest_running ||
      lancer_alert_policy_in_quiet_hours (self->policy))
    {
      schedule_digest (self);
      g_task_return_pointer (task, g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_alert_free),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  g_clear_handle_id (&self->digest_source, g_source_remove);
  self->digest_running = TRUE;
  g_ptr_array_add (self->held, NULL);
  ids = g_strdupv ((char **) self->held->pdata);
  g_ptr_array_remove_index (self->held, self->held->len - 1);
  g_task_set_task_data (task, ids, (GDestroyNotify) g_strfreev);
  lancer_store_alerts_read_jobs_by_id_async (self->store, (const char * const *) ids, cancellable,
                                             digest_read_cb, g_steal_pointer (&task));
}

guint
lancer_notifier_get_held (LancerNotifier *self)
{
  g_return_val_if_fail (LANCER_IS_NOTIFIER (self), 0);

  return self->held->len;
}

static gboolean
digest_timeout_cb (gpointer user_data)
{
  LancerNotifier *self = user_data;

  self->digest_source = 0;
  lancer_notifier_send_digest_async (self, self->cancellable, background_cb, "The quiet-hours digest failed");
  return G_SOURCE_REMOVE;
}

/* The digest goes out a second after quiet hours end (or at once when
 * they already did: the app was closed through the end). */
static void
schedule_digest (LancerNotifier *self)
{
  gint64 remaining;

  if (self->held->len == 0 || self->digest_source != 0 || self->digest_running || !self->ready)
    return;
  remaining = lancer_alert_policy_quiet_remaining (self->policy);
  self->digest_source = g_timeout_add_seconds ((guint) MIN (remaining, 24 * 3600) + 1, digest_timeout_cb, self);
}

static void
run_check (LancerNotifier *self,
           GTask          *task)
{
  CheckKind kind = GPOINTER_TO_UINT (g_task_get_task_data (task));

  if (self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, "The profile is not open");
      g_object_unref (task);
      return;
    }
  if (kind == CHECK_JOBS)
    lancer_store_alerts_read_jobs_async (self->store, self->job_watermark, CHECK_LIMIT,
                                         g_task_get_cancellable (task), check_done_cb, task);
  else
    lancer_store_alerts_read_stories_async (self->store, self->story_watermark, CHECK_LIMIT,
                                            g_task_get_cancellable (task), check_done_cb, task);
}

static void
flush_waiting (LancerNotifier *self)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  self->waiting = g_ptr_array_new ();
  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (self->ready)
        run_check (self, task);
      else
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, "The profile is not open");
          g_object_unref (task);
        }
    }
}

static void
init_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LancerNotifier) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerStoreAlertState) state = NULL;

  state = lancer_store_alerts_read_state_finish (LANCER_STORE (source), result, &error);
  /* Read from a store the profile has since closed. */
  if (self->store != LANCER_STORE (source))
    return;
  self->loading = FALSE;
  if (state == NULL)
    g_message ("Alert history could not be read: %s", error->message);
  else
    {
      g_autoptr(GPtrArray) history = lancer_alert_history_from_store (state->records);

      self->job_watermark = MAX (state->job_watermark, 0);
      self->story_watermark = MAX (state->story_watermark, 0);
      if (self->job_watermark == 0 && self->story_watermark == 0 && self->import == IMPORT_NONE)
        self->import = IMPORT_FRESH;
      for (guint i = 0; i < history->len; i++)
        {
          LancerAlertRecord *record = g_ptr_array_index (history, i);

          /* Held before a restart: still owed a digest. */
          if (record->kind == LANCER_ALERT_KIND_HELD)
            g_ptr_array_add (self->held, g_strdup (record->key));
        }
      lancer_alert_history_apply (history, self->policy);
      set_unread (self, state->unread);
    }
  self->ready = TRUE;
  flush_waiting (self);
  if (self->held->len > 0)
    schedule_digest (self);
}

static void
ensure_ready (LancerNotifier *self)
{
  if (self->ready || self->loading || self->store == NULL)
    return;
  self->loading = TRUE;
  lancer_store_alerts_read_state_async (self->store,
                                        lancer_alert_policy_now (self->policy) - HISTORY_DAYS * 24 * 3600,
                                        NULL, init_done_cb, g_object_ref (self));
}

static void
start_check (LancerNotifier      *self,
             CheckKind            kind,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, GUINT_TO_POINTER (kind), NULL);
  if (self->ready)
    {
      run_check (self, task);
      return;
    }
  g_ptr_array_add (self->waiting, task);
  ensure_ready (self);
  if (self->store == NULL)
    flush_waiting (self);
}

void
lancer_notifier_check_jobs_async (LancerNotifier      *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_NOTIFIER (self));

  start_check (self, CHECK_JOBS, lancer_notifier_check_jobs_async, cancellable, callback, user_data);
}

void
lancer_notifier_check_messages_async (LancerNotifier      *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_NOTIFIER (self));

  start_check (self, CHECK_MESSAGES, lancer_notifier_check_messages_async, cancellable, callback, user_data);
}

GPtrArray *
lancer_notifier_check_finish (LancerNotifier  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- following the session ---- */

/* Ends a check or digest nobody waits for; @user_data says which one
 * failed in the log ("Alert check failed"). */
static void
background_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  const char *what = user_data;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;

  alerts = lancer_notifier_check_finish (LANCER_NOTIFIER (source), result, &error);
  if (alerts == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("%s: %s", what, error->message);
}

static void
new_jobs_cb (LancerSync     *sync,
             guint           n,
             LancerNotifier *self)
{
  lancer_notifier_check_jobs_async (self, self->cancellable, background_cb, "Alert check failed");
}

static gboolean
stories_changed_idle (gpointer user_data)
{
  LancerNotifier *self = user_data;

  self->stories_source = 0;
  lancer_notifier_check_messages_async (self, self->cancellable, background_cb, "Alert check failed");
  return G_SOURCE_REMOVE;
}

static void
stories_changed_cb (LancerStore    *store,
                    const char     *table,
                    LancerNotifier *self)
{
  /* One check for a burst of writes (a sync writes room by room). */
  if (self->stories_source == 0)
    self->stories_source = g_timeout_add (500, stories_changed_idle, self);
}

/* Holds @object in *@slot instead of what it held, whose signals stop
 * reaching this notifier. FALSE when @object is held already. */
static gboolean
set_followed (LancerNotifier *self,
              GObject       **slot,
              gpointer        object)
{
  if (*slot == object)
    return FALSE;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, self);
  g_set_object (slot, object);
  return TRUE;
}

static void
set_store (LancerNotifier *self,
           LancerStore    *store)
{
  if (!set_followed (self, (GObject **) &self->store, store))
    return;
  self->ready = FALSE;
  self->loading = FALSE;
  self->import = IMPORT_NONE;
  self->import_checks = 0;
  self->imported_jobs = 0;
  g_hash_table_remove_all (self->imported_rooms);
  g_ptr_array_set_size (self->held, 0);
  g_clear_handle_id (&self->digest_source, g_source_remove);
  if (store != NULL)
    {
      g_signal_connect_object (store, "changed::stories", G_CALLBACK (stories_changed_cb), self, 0);
      g_signal_connect_object (store, "changed::rooms", G_CALLBACK (stories_changed_cb), self, 0);
      ensure_ready (self);
    }
}

static void
import_checked_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  LancerNotifier *self = LANCER_NOTIFIER (source);
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerAlert) summary = NULL;
  guint n_rooms;

  alerts = lancer_notifier_check_finish (self, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->import != IMPORT_ENDING || --self->import_checks > 0)
    return;
  self->import = IMPORT_NONE;
  n_rooms = g_hash_table_size (self->imported_rooms);
  g_hash_table_remove_all (self->imported_rooms);
  if (self->imported_jobs == 0 && n_rooms == 0)
    return;
  /* Counts only: nothing private, locked or not. */
  summary = lancer_alert_new_first_sync (self->imported_jobs, n_rooms);
  self->imported_jobs = 0;
  lancer_notifier_send_desktop (self, summary);
}

/* The first run is over: what it stored is read once more, without
 * alerts, then one summary goes out. */
static void
end_import (LancerNotifier *self)
{
  self->import = IMPORT_ENDING;
  self->import_checks = 2;
  g_clear_handle_id (&self->stories_source, g_source_remove);
  lancer_notifier_check_jobs_async (self, self->cancellable, import_checked_cb, NULL);
  lancer_notifier_check_messages_async (self, self->cancellable, import_checked_cb, NULL);
}

static void
me_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LancerNotifier) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerUpworkUser) user = NULL;

  user = lancer_upwork_client_query_read_finish (LANCER_UPWORK_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->me_cancellable);
  if (user == NULL)
    {
      /* Asked again after the next run. */
      g_message ("Could not read the Upwork account for alerts: %s", error->message);
      return;
    }
  lancer_notifier_set_user_name (self, user->name);
}

/* Once a run has worked, the sign-in is good: who is "me"? */
static void
fetch_me (LancerNotifier *self)
{
  LancerUpworkClient *client = self->sync != NULL ? lancer_sync_get_client (self->sync) : NULL;

  if (client == NULL || self->user_name != NULL || self->me_cancellable != NULL)
    return;
  self->me_cancellable = g_cancellable_new ();
  lancer_upwork_client_query_read_async (client, "me", NULL, (LancerUpworkReadFunc) lancer_upwork_parse_user,
                                         (GDestroyNotify) lancer_upwork_user_free, self->me_cancellable,
                                         me_read_cb, g_object_ref (self));
}

static void
sync_state_cb (LancerNotifier *self)
{
  LancerSyncState state = lancer_sync_get_state (self->sync);

  if (state == LANCER_SYNC_STATE_SYNCING)
    {
      self->sync_ran = TRUE;
      return;
    }
  if (!self->sync_ran)
    return;
  if (state == LANCER_SYNC_STATE_IDLE)
    fetch_me (self);
  if (self->import == IMPORT_FRESH && self->ready)
    end_import (self);
}

static void
set_sync (LancerNotifier *self,
          LancerSync     *sync)
{
  if (!set_followed (self, (GObject **) &self->sync, sync))
    return;
  g_cancellable_cancel (self->me_cancellable);
  g_clear_object (&self->me_cancellable);
  g_clear_pointer (&self->user_name, g_free);
  self->sync_ran = sync != NULL && lancer_sync_get_state (sync) == LANCER_SYNC_STATE_SYNCING;
  if (sync != NULL)
    {
      g_signal_connect_object (sync, "new-jobs", G_CALLBACK (new_jobs_cb), self, 0);
      g_signal_connect_object (sync, "notify::state", G_CALLBACK (sync_state_cb), self, G_CONNECT_SWAPPED);
    }
}

/* Upwork refused the stored sign-in (invalid_grant): one notification
 * with the way back, not a failing sync every few minutes in silence. */
static void
needs_sign_in_cb (LancerNotifier *self)
{
  g_autoptr(LancerAlert) notice = NULL;

  if (self->oauth == NULL || !lancer_oauth_get_needs_sign_in (self->oauth))
    return;
  notice = lancer_alert_new_notice ("sign-in-again", _("Sign in to Upwork again"),
                                    _("Upwork ended Lancer’s sign-in, so syncing has stopped. "
                                      "Your stored data stays available."));
  lancer_alert_set_action (notice, "app.connect-upwork", _("Sign In…"));
  lancer_notifier_send_desktop (self, notice);
}

static void
set_oauth (LancerNotifier *self,
           LancerOAuth    *oauth)
{
  if (!set_followed (self, (GObject **) &self->oauth, oauth))
    return;
  if (oauth != NULL)
    g_signal_connect_object (oauth, "notify::needs-sign-in", G_CALLBACK (needs_sign_in_cb), self, G_CONNECT_SWAPPED);
}

static void
session_changed_cb (LancerNotifier *self)
{
  set_store (self, lancer_session_get_store (self->session));
  set_sync (self, lancer_session_get_sync (self->session));
  set_oauth (self, lancer_session_get_oauth (self->session));
}

static void
locked_changed_cb (LancerNotifier *self)
{
  /* Notifications already on screen may hold private text: take them back. */
  if (lancer_notifier_get_locked (self) && self->app != NULL && g_application_get_is_registered (self->app))
    {
      GHashTableIter iter;
      const char *id;

      g_hash_table_iter_init (&iter, self->shown);
      while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
        g_application_withdraw_notification (self->app, id);
      g_hash_table_remove_all (self->shown);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

static void
webhook_disabled_cb (LancerNotifier *self)
{
  g_autoptr(LancerAlert) notice = NULL;

  notice = lancer_alert_new_notice ("webhook-disabled", _("Webhook turned off"),
                                    _("It failed 10 times in a row. Check the address in Preferences → Alerts "
                                      "and turn it on again."));
  lancer_notifier_send_desktop (self, notice);
}

/* ---- public ---- */

LancerAlertPolicy *
lancer_notifier_get_policy (LancerNotifier *self)
{
  g_return_val_if_fail (LANCER_IS_NOTIFIER (self), NULL);
  return self->policy;
}

guint
lancer_notifier_get_new_matches (LancerNotifier *self)
{
  g_return_val_if_fail (LANCER_IS_NOTIFIER (self), 0);
  return self->new_matches;
}

guint
lancer_notifier_get_unread_messages (LancerNotifier *self)
{
  g_return_val_if_fail (LANCER_IS_NOTIFIER (self), 0);
  return self->unread_messages;
}

gboolean
lancer_notifier_get_attention (LancerNotifier *self)
{
  g_return_val_if_fail (LANCER_IS_NOTIFIER (self), FALSE);
  return self->attention;
}

gboolean
lancer_notifier_get_paused (LancerNotifier *self)
{
  g_return_val_if_fail (LANCER_IS_NOTIFIER (self), FALSE);
  return lancer_alert_policy_get_rules (self->policy)->paused_until > lancer_alert_policy_now (self->policy);
}

void
lancer_notifier_clear_new_matches (LancerNotifier *self)
{
  g_return_if_fail (LANCER_IS_NOTIFIER (self));

  if (self->new_matches != 0)
    {
      self->new_matches = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEW_MATCHES]);
    }
  if (self->attention)
    {
      self->attention = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTENTION]);
    }
}

void
lancer_notifier_pause (LancerNotifier *self,
                       guint           seconds)
{
  gint64 until;

  g_return_if_fail (LANCER_IS_NOTIFIER (self));

  until = seconds > 0 ? lancer_alert_policy_now (self->policy) + seconds : 0;
  if (self->settings != NULL)
    g_settings_set_int64 (self->settings, "alert-paused-until", until);
  else
    {
      LancerAlertRules rules = *lancer_alert_policy_get_rules (self->policy);

      rules.paused_until = until;
      lancer_alert_policy_set_rules (self->policy, &rules);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

void
lancer_notifier_dismiss (LancerNotifier *self,
                         const char     *alert_id)
{
  g_return_if_fail (LANCER_IS_NOTIFIER (self));

  if (alert_id != NULL && *alert_id != '\0' && self->app != NULL && g_application_get_is_registered (self->app))
    {
      g_application_withdraw_notification (self->app, alert_id);
      g_hash_table_remove (self->shown, alert_id);
    }
}

static void
lancer_notifier_dispose (GObject *object)
{
  LancerNotifier *self = LANCER_NOTIFIER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->stories_source, g_source_remove);
  g_clear_handle_id (&self->digest_source, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->guard != NULL)
    g_signal_handlers_disconnect_by_data (self->guard, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->webhook != NULL)
    g_signal_handlers_disconnect_by_data (self->webhook, self);
  set_store (self, NULL);
  set_sync (self, NULL);
  set_oauth (self, NULL);
  if (self->waiting != NULL)
    flush_waiting (self);
  g_clear_object (&self->guard);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->telegram);
  g_clear_object (&self->webhook);
  g_clear_object (&self->email);
  g_clear_object (&self->sms);
  g_clear_weak_pointer (&self->app);

  G_OBJECT_CLASS (lancer_notifier_parent_class)->dispose (object);
}

static void
lancer_notifier_finalize (GObject *object)
{
  LancerNotifier *self = LANCER_NOTIFIER (object);

  g_clear_object (&self->policy);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  g_clear_pointer (&self->imported_rooms, g_hash_table_unref);
  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_free (self->user_name);

  G_OBJECT_CLASS (lancer_notifier_parent_class)->finalize (object);
}

static void
lancer_notifier_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LancerNotifier *self = LANCER_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_NEW_MATCHES:
      g_value_set_uint (value, lancer_notifier_get_new_matches (self));
      break;
    case PROP_UNREAD_MESSAGES:
      g_value_set_uint (value, lancer_notifier_get_unread_messages (self));
      break;
    case PROP_ATTENTION:
      g_value_set_boolean (value, lancer_notifier_get_attention (self));
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, lancer_notifier_get_paused (self));
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, lancer_notifier_get_locked (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_notifier_class_init (LancerNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  /* Every property only reports state, for the tray. */
  GParamFlags read_only = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lancer_notifier_dispose;
  object_class->finalize = lancer_notifier_finalize;
  object_class->get_property = lancer_notifier_get_property;

  properties[PROP_NEW_MATCHES] =
    g_param_spec_uint ("new-matches", NULL, NULL, 0, G_MAXUINT, 0, read_only);
  properties[PROP_UNREAD_MESSAGES] =
    g_param_spec_uint ("unread-messages", NULL, NULL, 0, G_MAXUINT, 0, read_only);
  properties[PROP_ATTENTION] =
    g_param_spec_boolean ("attention", NULL, NULL, FALSE, read_only);
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE, read_only);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE, read_only);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lancer_notifier_init (LancerNotifier *self)
{
  self->policy = lancer_alert_policy_new ();
  self->cancellable = g_cancellable_new ();
  self->waiting = g_ptr_array_new ();
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->imported_rooms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->held = g_ptr_array_new_with_free_func (g_free);
}

void
lancer_notifier_set_page_shown_func (LancerNotifier              *self,
                                     LancerNotifierPageShownFunc  func,
                                     gpointer                     user_data)
{
  g_return_if_fail (LANCER_IS_NOTIFIER (self));

  self->page_shown = func;
  self->page_shown_data = user_data;
}

void
lancer_notifier_set_user_name (LancerNotifier *self,
                               const char     *name)
{
  g_return_if_fail (LANCER_IS_NOTIFIER (self));

  g_free (self->user_name);
  self->user_name = name != NULL && *name != '\0' ? g_strdup (name) : NULL;
}

gboolean
lancer_notifier_get_importing (LancerNotifier *self)
{
  g_return_val_if_fail (LANCER_IS_NOTIFIER (self), FALSE);

  return importing (self);
}

LancerNotifier *
lancer_notifier_new (GApplication  *app,
                     LancerSession *session)
{
  LancerNotifier *self;
  GSettings *settings;

  g_return_val_if_fail (app == NULL || G_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (LANCER_IS_SESSION (session), NULL);

  self = g_object_new (LANCER_TYPE_NOTIFIER, NULL);
  g_set_weak_pointer (&self->app, app);
  self->session = g_object_ref (session);
  settings = lancer_session_get_settings (session);
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_signal_connect_object (settings, "changed", G_CALLBACK (reload_rules), self, G_CONNECT_SWAPPED);
      self->webhook = lancer_webhook_new (settings);
      g_signal_connect_object (self->webhook, "disabled", G_CALLBACK (webhook_disabled_cb), self,
                               G_CONNECT_SWAPPED);
      self->email = lancer_email_new (settings, lancer_profile_get_id (lancer_session_get_profile (session)));
      self->sms = lancer_sms_new (settings, lancer_profile_get_id (lancer_session_get_profile (session)));
    }
  reload_rules (self);
  self->telegram = lancer_telegram_new (lancer_profile_get_id (lancer_session_get_profile (session)));
  self->guard = lancer_session_get_lock_guard (session);
  if (self->guard != NULL)
    {
      g_object_ref (self->guard);
      g_signal_connect_object (self->guard, "notify::locked", G_CALLBACK (locked_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (session, "notify::store", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::sync", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  session_changed_cb (self);
  return self;
}
