/* lancer-alerts-preferences.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-alerts-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-alert-route.h"
#include "lancer-alert-template.h"
#include "lancer-alerts-preferences.h"
#include "lancer-settings-choice-private.h"
#include "lancer-email.h"
#include "lancer-notifier.h"
#include "lancer-secrets.h"
#include "lancer-sms.h"
#include "lancer-sync-writer.h"
#include "lancer-telegram.h"
#include "lancer-webhook.h"
#include "lancer-window.h"

struct _LancerAlertsPreferences
{
  AdwPreferencesPage    parent_instance;

  GSettings            *settings;
  GSettings            *profile_settings;
  LancerSession        *session;
  LancerTelegram       *telegram;
  GCancellable         *cancellable;
  GPtrArray            *search_rows;

  GtkSwitch            *desktop_switch;
  GtkSwitch            *all_searches_switch;
  GtkSpinButton        *min_score_spin;
  GtkSpinButton        *max_jobs_spin;
  GtkSpinButton        *max_messages_spin;
  AdwPreferencesGroup  *searches_group;
  GtkSwitch            *quiet_switch;
  AdwActionRow         *quiet_start_row;
  AdwActionRow         *quiet_end_row;
  GtkSpinButton        *quiet_start_spin;
  GtkSpinButton        *quiet_end_spin;
  GtkSwitch            *telegram_switch;
  AdwEntryRow          *token_row;
  AdwActionRow         *chat_row;
  GtkButton            *detect_button;
  GtkButton            *test_button;
  GtkSwitch            *webhook_switch;
  AdwEntryRow          *webhook_url_row;
  AdwComboRow          *webhook_format_row;
  AdwActionRow         *webhook_notice_row;
  GtkSwitch            *background_switch;
  GtkSwitch            *start_hidden_switch;

  /* Email */
  LancerEmail          *email;
  GtkSwitch            *email_switch;
  AdwEntryRow          *email_server_row;
  GtkSpinButton        *email_port_spin;
  AdwComboRow          *email_security_row;
  AdwEntryRow          *email_user_row;
  AdwEntryRow          *email_password_row;
  AdwEntryRow          *email_from_row;
  AdwEntryRow          *email_to_row;
  GtkButton            *email_test_button;
  AdwActionRow         *email_status_row;
  GtkImage             *email_status_row_icon;

  /* SMS */
  LancerSms            *sms;
  GtkSwitch            *sms_switch;
  AdwComboRow          *sms_provider_row;
  AdwEntryRow          *sms_to_row;
  AdwEntryRow          *sms_from_row;
  AdwEntryRow          *sms_account_row;
  AdwEntryRow          *sms_token_row;
  AdwEntryRow          *sms_gateway_url_row;
  AdwEntryRow          *sms_gateway_body_row;
  AdwEntryRow          *sms_gateway_token_row;
  AdwActionRow         *sms_cap_row;
  GtkSpinButton        *sms_cap_spin;
  GtkButton            *sms_test_button;
  AdwActionRow         *sms_status_row;
  GtkImage             *sms_status_row_icon;

  /* Per-channel rules: one expander per channel (RuleRows) */
  AdwPreferencesGroup  *rules_group;
  GPtrArray            *rules;

  /* Templates */
  AdwComboRow          *template_channel_row;
  AdwEntryRow          *template_row;
  AdwActionRow         *template_fields_row;
  AdwActionRow         *template_preview_row;
  LancerAlert          *sample;
};

typedef struct
{
  LancerAlertsPreferences *self;       /* unowned */
  const char              *channel;    /* static */
  AdwExpanderRow          *row;
  GtkSpinButton           *spin;
  GPtrArray               *checks;     /* GtkCheckButton, "search-name" data */
} RuleRows;

G_DEFINE_FINAL_TYPE (LancerAlertsPreferences, lancer_alerts_preferences, ADW_TYPE_PREFERENCES_PAGE)

static const char * const webhook_formats[] = { "generic", "slack", "discord", NULL };
static const char * const email_securities[] = { "starttls", "tls", NULL };
static const char * const sms_providers[] = { "twilio", "gateway", NULL };

/* The channels as the rules and templates rows name them, in the order of
 * lancer_notifier_channels. */
static const char *
channel_label (const char *channel)
{
  if (g_str_equal (channel, "desktop"))
    return _("Desktop");
  if (g_str_equal (channel, "telegram"))
    return _("Telegram");
  if (g_str_equal (channel, "webhook"))
    return _("Webhook");
  if (g_str_equal (channel, "email"))
    return _("Email");
  return _("SMS");
}

static void
toast (LancerAlertsPreferences *self,
       const char              *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
}

static const char *
profile_id (LancerAlertsPreferences *self)
{
  return self->session != NULL ? lancer_profile_get_id (lancer_session_get_profile (self->session)) : NULL;
}

/* Settings ↔ widgets */

static gboolean
minutes_to_hour (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant) / 60);
  return TRUE;
}

static GVariant *
hour_to_minutes (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32) g_value_get_double (value) * 60);
}

static void update_rule_subtitles (LancerAlertsPreferences *self);
static void add_rule_searches     (LancerAlertsPreferences *self,
                                   GPtrArray               *searches);

static void
update_rows (LancerAlertsPreferences *self)
{
  g_autofree char *chat_id = NULL;
  gboolean quiet;
  gboolean all;

  if (self->profile_settings == NULL)
    return;
  quiet = g_settings_get_boolean (self->profile_settings, "alert-quiet-hours");
  gtk_widget_set_sensitive (GTK_WIDGET (self->quiet_start_row), quiet);
  gtk_widget_set_sensitive (GTK_WIDGET (self->quiet_end_row), quiet);
  all = g_settings_get_boolean (self->profile_settings, "alert-all-searches");
  gtk_widget_set_sensitive (GTK_WIDGET (self->searches_group), !all);
  chat_id = g_settings_get_string (self->profile_settings, "alert-telegram-chat-id");
  adw_action_row_set_subtitle (self->chat_row, *chat_id != '\0' ? chat_id : _("Not detected yet"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), *chat_id != '\0' && self->session != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->detect_button), self->session != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->token_row), self->session != NULL);
  {
    g_autofree char *provider = g_settings_get_string (self->profile_settings, "alert-sms-provider");
    gboolean twilio = g_strcmp0 (provider, "gateway") != 0;
    guint sent = lancer_sms_get_sent_today (self->profile_settings);
    g_autofree char *today = NULL;

    gtk_widget_set_visible (GTK_WIDGET (self->sms_account_row), twilio);
    gtk_widget_set_visible (GTK_WIDGET (self->sms_token_row), twilio);
    gtk_widget_set_visible (GTK_WIDGET (self->sms_gateway_url_row), !twilio);
    gtk_widget_set_visible (GTK_WIDGET (self->sms_gateway_body_row), !twilio);
    gtk_widget_set_visible (GTK_WIDGET (self->sms_gateway_token_row), !twilio);
    /* SMS costs money: what today's alerts used of the cap. */
    today = g_strdup_printf (ngettext ("%u sent today", "%u sent today", sent), sent);
    adw_action_row_set_subtitle (self->sms_cap_row, today);
  }
  gtk_widget_set_sensitive (GTK_WIDGET (self->email_password_row), self->session != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->email_test_button), self->email != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sms_token_row), self->session != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sms_gateway_token_row), self->session != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sms_test_button), self->sms != NULL);
  update_rule_subtitles (self);
  /* The visible notice: repeated failures turned the webhook off. */
  gtk_widget_set_visible (GTK_WIDGET (self->webhook_notice_row),
                          g_settings_get_uint (self->profile_settings, "alert-webhook-failures")
                          >= LANCER_WEBHOOK_MAX_FAILURES &&
                          !g_settings_get_boolean (self->profile_settings, "alert-webhook-enabled"));
}

static void
webhook_switch_changed_cb (LancerAlertsPreferences *self)
{
  /* Turning it on again starts the failure count afresh. */
  if (gtk_switch_get_active (self->webhook_switch) && self->profile_settings != NULL)
    g_settings_set_uint (self->profile_settings, "alert-webhook-failures", 0);
}

/* Saved searches */

/* A row with a tick for @search, ticked when @chosen names it; the tick
 * carries the search's name as "search-name". */
static GtkWidget *
search_row_new (LancerSavedSearch   *search,
                const char * const  *chosen,
                GtkWidget          **check_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), search->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_strv_contains (chosen, search->name));
  g_object_set_data_full (G_OBJECT (check), "search-name", g_strdup (search->name), g_free);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  *check_out = check;
  return row;
}

/* The names of the searches whose ticks in @checks are on. */
static GStrv
ticked_searches (GPtrArray *checks)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "search-name"));
    }
  return g_strv_builder_end (builder);
}

static void
search_toggled_cb (GtkCheckButton          *check,
                   GParamSpec              *pspec,
                   LancerAlertsPreferences *self)
{
  g_auto(GStrv) names = ticked_searches (self->search_rows);

  g_settings_set_strv (self->profile_settings, "alert-searches", (const char * const *) names);
}

static void
searches_listed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LancerAlertsPreferences) self = user_data;
  g_autoptr(GPtrArray) searches = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) chosen = NULL;

  searches = lancer_saved_searches_list_finish (LANCER_STORE (source), result, &error);
  if (searches == NULL || self->profile_settings == NULL)
    return;
  chosen = g_settings_get_strv (self->profile_settings, "alert-searches");
  adw_preferences_group_set_description (self->searches_group,
                                         searches->len == 0 ? _("No saved searches yet.") : NULL);
  for (guint i = 0; i < searches->len; i++)
    {
      GtkWidget *check;
      GtkWidget *row = search_row_new (g_ptr_array_index (searches, i), (const char * const *) chosen, &check);

      g_signal_connect_object (check, "notify::active", G_CALLBACK (search_toggled_cb), self, 0);
      adw_preferences_group_add (self->searches_group, row);
      g_ptr_array_add (self->search_rows, check);
    }
  add_rule_searches (self, searches);
}

/* Telegram */

static void
chat_detected_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LancerAlertsPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *chat_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->detect_button), TRUE);
  chat_id = lancer_telegram_detect_chat_finish (LANCER_TELEGRAM (source), result, &name, &error);
  if (chat_id == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  g_settings_set_string (self->profile_settings, "alert-telegram-chat-id", chat_id);
  message = name != NULL ? g_strdup_printf (_("Alerts will go to %s’s chat"), name)
                         : g_strdup (_("Chat detected"));
  toast (self, message);
}

static void
detect_clicked_cb (LancerAlertsPreferences *self)
{
  if (self->telegram == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->detect_button), FALSE);
  lancer_telegram_detect_chat_async (self->telegram, self->cancellable, chat_detected_cb, g_object_ref (self));
}

static void
test_sent_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LancerAlertsPreferences) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), TRUE);
  if (!lancer_telegram_send_finish (LANCER_TELEGRAM (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  toast (self, _("Test message sent"));
}

static void
test_clicked_cb (LancerAlertsPreferences *self)
{
  g_autofree char *chat_id = NULL;

  if (self->telegram == NULL)
    return;
  chat_id = g_settings_get_string (self->profile_settings, "alert-telegram-chat-id");
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), FALSE);
  lancer_telegram_send_test_async (self->telegram, chat_id, self->cancellable, test_sent_cb, g_object_ref (self));
}

/* Secrets and tests */

typedef struct
{
  LancerAlertsPreferences *self;
  const char              *saved;   /* the toast when it worked */
} SecretCall;

static void
secret_stored_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autofree SecretCall *call = user_data;
  g_autoptr(LancerAlertsPreferences) self = call->self;
  g_autoptr(GError) error = NULL;

  toast (self, lancer_secrets_store_finish (result, &error) ? call->saved : error->message);
}

/* Moves what @row holds into the keyring as @name (it never stays in
 * the widget); the toast says @saved, or why not. */
static void
store_secret (LancerAlertsPreferences *self,
              AdwEntryRow             *row,
              const char              *name,
              const char              *saved)
{
  g_autofree char *value = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  SecretCall *call;

  g_strstrip (value);
  if (profile_id (self) == NULL || *value == '\0')
    return;
  call = g_new (SecretCall, 1);
  call->self = g_object_ref (self);
  call->saved = saved;
  lancer_secrets_store_async (profile_id (self), name, value, self->cancellable, secret_stored_cb, call);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
token_applied_cb (LancerAlertsPreferences *self)
{
  store_secret (self, self->token_row, LANCER_SECRET_TELEGRAM_BOT_TOKEN,
                _("Bot token saved in the keyring. Now send your bot a message and press Detect."));
}

static void
email_password_applied_cb (LancerAlertsPreferences *self)
{
  store_secret (self, self->email_password_row, LANCER_SECRET_SMTP_PASSWORD, _("Saved in the keyring"));
}

static void
sms_token_applied_cb (LancerAlertsPreferences *self)
{
  store_secret (self, self->sms_token_row, LANCER_SECRET_TWILIO_AUTH_TOKEN, _("Saved in the keyring"));
}

static void
sms_gateway_token_applied_cb (LancerAlertsPreferences *self)
{
  store_secret (self, self->sms_gateway_token_row, LANCER_SECRET_SMS_GATEWAY_TOKEN, _("Saved in the keyring"));
}

/* The outcome of a test, in the page: a failure keeps the server's reply
 * readable instead of a toast that goes away. */
static void
show_status (AdwActionRow *row,
             GtkImage     *icon,
             const char   *title,
             const char   *detail,
             gboolean      failed)
{
  g_autofree char *escaped = g_markup_escape_text (detail != NULL ? detail : "", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, escaped);
  gtk_image_set_from_icon_name (icon, failed ? "dialog-warning-symbolic" : "emblem-ok-symbolic");
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_visible (GTK_WIDGET (row), TRUE);
}

static void
email_test_sent_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LancerAlertsPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *to = NULL;
  g_autofree char *where = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->email_test_button), TRUE);
  if (!lancer_email_send_finish (LANCER_EMAIL (source), result, &error))
    {
      show_status (self->email_status_row, self->email_status_row_icon, _("The test email was not sent"),
                   error->message, TRUE);
      return;
    }
  to = g_settings_get_string (self->profile_settings, "alert-email-to");
  where = g_strdup_printf (_("Look for it at %s."), to);
  show_status (self->email_status_row, self->email_status_row_icon, _("Test email sent"), where, FALSE);
}

static void
email_test_clicked_cb (LancerAlertsPreferences *self)
{
  g_autoptr(LancerAlert) test = NULL;

  if (self->email == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->email_test_button), FALSE);
  show_status (self->email_status_row, self->email_status_row_icon, _("Sending a test email…"), NULL, FALSE);
  test = lancer_alert_new_test ("email");
  lancer_email_send_async (self->email, test, self->cancellable, email_test_sent_cb, g_object_ref (self));
}

static void
sms_test_sent_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LancerAlertsPreferences) self = user_data;
  g_autoptr(GError) error = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->sms_test_button), TRUE);
  if (!lancer_sms_send_finish (LANCER_SMS (source), result, &error))
    {
      show_status (self->sms_status_row, self->sms_status_row_icon, _("The test SMS was not sent"),
                   error->message, TRUE);
      return;
    }
  show_status (self->sms_status_row, self->sms_status_row_icon, _("Test SMS sent"),
               _("It counts towards today’s cap."), FALSE);
  update_rows (self);
}

static void
sms_test_clicked_cb (LancerAlertsPreferences *self)
{
  g_autoptr(LancerAlert) test = NULL;

  if (self->sms == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->sms_test_button), FALSE);
  show_status (self->sms_status_row, self->sms_status_row_icon, _("Sending a test SMS…"), NULL, FALSE);
  test = lancer_alert_new_test ("sms");
  lancer_sms_send_async (self->sms, test, self->cancellable, sms_test_sent_cb, g_object_ref (self));
}

/* Per-channel rules */

static void
rule_rows_free (RuleRows *rules)
{
  g_ptr_array_unref (rules->checks);
  g_free (rules);
}

static void
save_rule (RuleRows *rules)
{
  LancerAlertsPreferences *self = rules->self;
  g_auto(GStrv) searches = NULL;

  if (self->profile_settings == NULL)
    return;
  searches = ticked_searches (rules->checks);
  lancer_alert_route_set (self->profile_settings, rules->channel,
                          (guint) gtk_spin_button_get_value (rules->spin), (const char * const *) searches);
}

static void
update_rule_subtitles (LancerAlertsPreferences *self)
{
  for (guint i = 0; self->rules != NULL && i < self->rules->len; i++)
    {
      RuleRows *rules = g_ptr_array_index (self->rules, i);
      g_auto(GStrv) searches = NULL;
      g_autofree char *which = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *escaped = NULL;
      guint min_score = 0;

      lancer_alert_route_get (self->profile_settings, rules->channel, &min_score, &searches);
      which = searches[0] != NULL ? g_strjoinv (", ", searches) : g_strdup (_("every search"));
      if (min_score > 0)
        /* Translators: "%s" lists saved searches, or is "every search" */
        subtitle = g_strdup_printf (_("Score %u or more · %s"), min_score, which);
      else
        subtitle = g_strdup_printf (_("Any score · %s"), which);
      escaped = g_markup_escape_text (subtitle, -1);
      adw_expander_row_set_subtitle (rules->row, escaped);
      if ((guint) gtk_spin_button_get_value (rules->spin) != min_score)
        gtk_spin_button_set_value (rules->spin, min_score);
    }
}

static void
rule_score_changed_cb (GtkSpinButton *spin,
                       RuleRows      *rules)
{
  guint min_score = 0;

  lancer_alert_route_get (rules->self->profile_settings, rules->channel, &min_score, NULL);
  if ((guint) gtk_spin_button_get_value (spin) != min_score)
    save_rule (rules);
}

static void
rule_search_toggled_cb (GtkCheckButton *check,
                        GParamSpec     *pspec,
                        RuleRows       *rules)
{
  save_rule (rules);
}

static void
build_rule_rows (LancerAlertsPreferences *self)
{
  for (guint c = 0; lancer_notifier_channels[c] != NULL; c++)
    {
      RuleRows *rules = g_new0 (RuleRows, 1);
      GtkWidget *score_row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (0, 100, 5);
      guint min_score = 0;

      rules->self = self;
      rules->channel = lancer_notifier_channels[c];
      rules->checks = g_ptr_array_new ();
      rules->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
      rules->spin = GTK_SPIN_BUTTON (spin);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rules->row), channel_label (rules->channel));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (score_row), _("Minimum Score"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (score_row), _("0: any score; jobs not scored yet always pass"));
      lancer_alert_route_get (self->profile_settings, rules->channel, &min_score, NULL);
      gtk_spin_button_set_value (rules->spin, min_score);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (score_row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (score_row), spin);
      adw_expander_row_add_row (rules->row, score_row);
      g_signal_connect (spin, "value-changed", G_CALLBACK (rule_score_changed_cb), rules);
      adw_preferences_group_add (self->rules_group, GTK_WIDGET (rules->row));
      g_ptr_array_add (self->rules, rules);
    }
  update_rule_subtitles (self);
}

/* One tick per saved search in each channel's expander. */
static void
add_rule_searches (LancerAlertsPreferences *self,
                   GPtrArray               *searches)
{
  for (guint i = 0; i < self->rules->len; i++)
    {
      RuleRows *rules = g_ptr_array_index (self->rules, i);
      g_auto(GStrv) chosen = NULL;

      lancer_alert_route_get (self->profile_settings, rules->channel, NULL, &chosen);
      for (guint j = 0; j < searches->len; j++)
        {
          GtkWidget *check;
          GtkWidget *row = search_row_new (g_ptr_array_index (searches, j), (const char * const *) chosen, &check);

          g_signal_connect (check, "notify::active", G_CALLBACK (rule_search_toggled_cb), rules);
          adw_expander_row_add_row (rules->row, row);
          g_ptr_array_add (rules->checks, check);
        }
    }
}

/* Templates */

static const char *
template_channel (LancerAlertsPreferences *self)
{
  guint i = adw_combo_row_get_selected (self->template_channel_row);

  return i < g_strv_length ((char **) lancer_notifier_channels) ? lancer_notifier_channels[i] : "desktop";
}

static void
show_fields (LancerAlertsPreferences *self)
{
  const LancerAlertTemplateField *fields = lancer_alert_template_fields ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *escaped = NULL;

  for (guint i = 0; fields[i].name != NULL; i++)
    g_string_append_printf (text, "%s{%s} %s", i > 0 ? "\n" : "", fields[i].name, _(fields[i].description));
  escaped = g_markup_escape_text (text->str, -1);
  adw_action_row_set_subtitle (self->template_fields_row, escaped);
}

static void
template_changed_cb (LancerAlertsPreferences *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->template_row));
  g_autofree char *body = *text != '\0' ? lancer_alert_template_render (text, self->sample)
                                         : g_strdup (self->sample->body);
  g_autofree char *preview = g_strdup_printf ("%s\n%s", self->sample->title, body);
  g_autofree char *escaped = g_markup_escape_text (preview, -1);

  adw_action_row_set_subtitle (self->template_preview_row, escaped);
}

static void
load_template (LancerAlertsPreferences *self)
{
  g_autofree char *text = lancer_alert_template_get (self->profile_settings, template_channel (self));

  gtk_editable_set_text (GTK_EDITABLE (self->template_row), text != NULL ? text : "");
  template_changed_cb (self);
}

static void
template_applied_cb (LancerAlertsPreferences *self)
{
  if (self->profile_settings == NULL)
    return;
  lancer_alert_template_set (self->profile_settings, template_channel (self),
                             gtk_editable_get_text (GTK_EDITABLE (self->template_row)));
  toast (self, _("Template saved"));
}

static void
template_reset_clicked_cb (LancerAlertsPreferences *self)
{
  if (self->profile_settings == NULL)
    return;
  lancer_alert_template_set (self->profile_settings, template_channel (self), NULL);
  load_template (self);
}

void
lancer_alerts_preferences_set_session (LancerAlertsPreferences *self,
                                       LancerSession           *session)
{
  LancerStore *store;

  g_return_if_fail (LANCER_IS_ALERTS_PREFERENCES (self));

  if (self->session != NULL || session == NULL)
    return;
  self->session = g_object_ref (session);
  self->telegram = lancer_telegram_new (profile_id (self));
  if (self->profile_settings != NULL)
    {
      self->email = lancer_email_new (self->profile_settings, profile_id (self));
      self->sms = lancer_sms_new (self->profile_settings, profile_id (self));
    }
  store = lancer_session_get_store (session);
  if (store != NULL && self->profile_settings != NULL)
    lancer_saved_searches_list_async (store, self->cancellable, searches_listed_cb, g_object_ref (self));
  update_rows (self);
}

/* Opened from the main window: use its session. */
static void
lancer_alerts_preferences_root (GtkWidget *widget)
{
  LancerAlertsPreferences *self = LANCER_ALERTS_PREFERENCES (widget);
  GtkRoot *root;
  GtkWindow *parent;

  GTK_WIDGET_CLASS (lancer_alerts_preferences_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  parent = GTK_IS_WINDOW (root) ? gtk_window_get_transient_for (GTK_WINDOW (root)) : NULL;
  if (self->session == NULL && LANCER_IS_WINDOW (parent))
    lancer_alerts_preferences_set_session (self, lancer_window_get_session (LANCER_WINDOW (parent)));
}

static void
lancer_alerts_preferences_dispose (GObject *object)
{
  LancerAlertsPreferences *self = LANCER_ALERTS_PREFERENCES (object);

  g_cancellable_cancel (self->cancellable);
  if (self->profile_settings != NULL)
    g_signal_handlers_disconnect_by_data (self->profile_settings, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_ALERTS_PREFERENCES);
  g_clear_pointer (&self->search_rows, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->sample, lancer_alert_free);
  g_clear_object (&self->email);
  g_clear_object (&self->sms);
  g_clear_object (&self->telegram);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->profile_settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lancer_alerts_preferences_parent_class)->dispose (object);
}

static void
lancer_alerts_preferences_class_init (LancerAlertsPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_alerts_preferences_dispose;
  widget_class->root = lancer_alerts_preferences_root;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-alerts-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, desktop_switch);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, all_searches_switch);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, min_score_spin);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, max_jobs_spin);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, max_messages_spin);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, searches_group);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, quiet_switch);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, quiet_start_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, quiet_end_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, quiet_start_spin);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, quiet_end_spin);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, telegram_switch);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, token_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, chat_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, detect_button);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, test_button);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, webhook_switch);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, webhook_url_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, webhook_format_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, webhook_notice_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, background_switch);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, start_hidden_switch);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, email_switch);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, email_server_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, email_port_spin);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, email_security_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, email_user_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, email_password_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, email_from_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, email_to_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, email_test_button);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, email_status_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, email_status_row_icon);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, sms_switch);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, sms_provider_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, sms_to_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, sms_from_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, sms_account_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, sms_token_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, sms_gateway_url_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, sms_gateway_body_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, sms_gateway_token_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, sms_cap_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, sms_cap_spin);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, sms_test_button);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, sms_status_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, sms_status_row_icon);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, rules_group);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, template_channel_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, template_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, template_fields_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAlertsPreferences, template_preview_row);
  gtk_widget_class_bind_template_callback (widget_class, email_password_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, email_test_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sms_token_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, sms_gateway_token_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, sms_test_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, template_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, template_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, template_reset_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, token_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, detect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, test_clicked_cb);
}

static void
lancer_alerts_preferences_init (LancerAlertsPreferences *self)
{
  self->cancellable = g_cancellable_new ();
  self->search_rows = g_ptr_array_new ();
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_rows_free);
  self->sample = lancer_alert_template_sample ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

LancerAlertsPreferences *
lancer_alerts_preferences_new (GSettings *settings,
                               GSettings *profile_settings)
{
  LancerAlertsPreferences *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (profile_settings), NULL);

  self = g_object_new (LANCER_TYPE_ALERTS_PREFERENCES, NULL);
  self->settings = g_object_ref (settings);
  self->profile_settings = g_object_ref (profile_settings);

  g_settings_bind (settings, "run-in-background", self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (profile_settings, "alert-desktop", self->desktop_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (profile_settings, "alert-all-searches", self->all_searches_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (profile_settings, "alert-min-score", self->min_score_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (profile_settings, "alert-max-per-hour", self->max_jobs_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (profile_settings, "alert-max-messages-per-hour", self->max_messages_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (profile_settings, "alert-quiet-hours", self->quiet_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (profile_settings, "alert-quiet-start", self->quiet_start_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, minutes_to_hour, hour_to_minutes, NULL, NULL);
  g_settings_bind_with_mapping (profile_settings, "alert-quiet-end", self->quiet_end_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, minutes_to_hour, hour_to_minutes, NULL, NULL);
  g_settings_bind (profile_settings, "alert-telegram", self->telegram_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (profile_settings, "alert-webhook-enabled", self->webhook_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (profile_settings, "alert-webhook-url", self->webhook_url_row, "text", G_SETTINGS_BIND_DEFAULT);
  _lancer_settings_bind_choice (profile_settings, "alert-webhook-format", self->webhook_format_row, webhook_formats);
  g_settings_bind (settings, "start-hidden-at-login", self->start_hidden_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (profile_settings, "alert-email", self->email_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (profile_settings, "alert-email-server", self->email_server_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (profile_settings, "alert-email-port", self->email_port_spin, "value", G_SETTINGS_BIND_DEFAULT);
  _lancer_settings_bind_choice (profile_settings, "alert-email-security", self->email_security_row, email_securities);
  g_settings_bind (profile_settings, "alert-email-user", self->email_user_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (profile_settings, "alert-email-from", self->email_from_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (profile_settings, "alert-email-to", self->email_to_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (profile_settings, "alert-sms", self->sms_switch, "active", G_SETTINGS_BIND_DEFAULT);
  _lancer_settings_bind_choice (profile_settings, "alert-sms-provider", self->sms_provider_row, sms_providers);
  g_settings_bind (profile_settings, "alert-sms-to", self->sms_to_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (profile_settings, "alert-sms-from", self->sms_from_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (profile_settings, "alert-sms-twilio-account", self->sms_account_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (profile_settings, "alert-sms-gateway-url", self->sms_gateway_url_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (profile_settings, "alert-sms-gateway-body", self->sms_gateway_body_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (profile_settings, "alert-sms-daily-cap", self->sms_cap_spin, "value", G_SETTINGS_BIND_DEFAULT);
  build_rule_rows (self);
  show_fields (self);
  g_signal_connect_object (self->template_channel_row, "notify::selected", G_CALLBACK (load_template), self,
                           G_CONNECT_SWAPPED);
  load_template (self);
  g_signal_connect_object (self->webhook_switch, "notify::active", G_CALLBACK (webhook_switch_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (profile_settings, "changed", G_CALLBACK (update_rows), self, G_CONNECT_SWAPPED);
  update_rows (self);
  return self;
}
