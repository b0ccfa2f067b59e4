/* lancer-alerts-preferences.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-alerts-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-alerts-preferences.h"
#include "lancer-secrets.h"
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
};

G_DEFINE_FINAL_TYPE (LancerAlertsPreferences, lancer_alerts_preferences, ADW_TYPE_PREFERENCES_PAGE)

static const char * const webhook_formats[] = { "generic", "slack", "discord", NULL };

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

static gboolean
format_to_index (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char *str = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, 0);
  for (guint i = 0; webhook_formats[i] != NULL; i++)
    if (g_str_equal (str, webhook_formats[i]))
      g_value_set_uint (value, i);
  return TRUE;
}

static GVariant *
index_to_format (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return g_variant_new_string (i < G_N_ELEMENTS (webhook_formats) - 1 ? webhook_formats[i] : "generic");
}

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

static void
search_toggled_cb (GtkCheckButton          *check,
                   GParamSpec              *pspec,
                   LancerAlertsPreferences *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  for (guint i = 0; i < self->search_rows->len; i++)
    {
      GtkCheckButton *c = g_ptr_array_index (self->search_rows, i);

      if (gtk_check_button_get_active (c))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (c), "search-name"));
    }
  names = g_strv_builder_end (builder);
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
      LancerSavedSearch *search = g_ptr_array_index (searches, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), search->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_strv_contains ((const char * const *) chosen, search->name));
      g_object_set_data_full (G_OBJECT (check), "search-name", g_strdup (search->name), g_free);
      g_signal_connect_object (check, "notify::active", G_CALLBACK (search_toggled_cb), self, 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->searches_group, row);
      g_ptr_array_add (self->search_rows, check);
    }
}

/* Telegram */

static void
token_stored_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LancerAlertsPreferences) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lancer_secrets_store_finish (result, &error))
    toast (self, error->message);
  else
    toast (self, _("Bot token saved in the keyring. Now send your bot a message and press Detect."));
}

static void
token_applied_cb (LancerAlertsPreferences *self)
{
  g_autofree char *token = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->token_row)));

  g_strstrip (token);
  if (profile_id (self) == NULL || *token == '\0')
    return;
  lancer_secrets_store_async (profile_id (self), LANCER_SECRET_TELEGRAM_BOT_TOKEN, token,
                              self->cancellable, token_stored_cb, g_object_ref (self));
  /* The token never stays in the widget. */
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
}

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
  gtk_widget_class_bind_template_callback (widget_class, token_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, detect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, test_clicked_cb);
}

static void
lancer_alerts_preferences_init (LancerAlertsPreferences *self)
{
  self->cancellable = g_cancellable_new ();
  self->search_rows = g_ptr_array_new ();
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
  g_settings_bind_with_mapping (profile_settings, "alert-webhook-format", self->webhook_format_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, format_to_index, index_to_format, NULL, NULL);
  g_signal_connect_object (self->webhook_switch, "notify::active", G_CALLBACK (webhook_switch_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (profile_settings, "changed", G_CALLBACK (update_rows), self, G_CONNECT_SWAPPED);
  update_rows (self);
  return self;
}
