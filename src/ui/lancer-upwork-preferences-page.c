/* lancer-upwork-preferences-page.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-upwork-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-format.h"
#include "lancer-store-account.h"
#include "lancer-upwork-client.h"
#include "lancer-upwork-parse.h"
#include "lancer-access-check-group.h"
#include "lancer-upwork-preferences-page.h"

struct _LancerUpworkPreferencesPage
{
  AdwPreferencesPage   parent_instance;

  LancerSession       *session;
  GSettings           *settings;
  LancerSync          *sync;
  LancerUpworkClient  *client;

  /* The account as the session keeps it ("me": user and companySelector);
   * Upwork is asked again only when Refresh is clicked. */
  GCancellable        *refresh_cancellable;
  char                *user_name;
  char                *current_organization_id;
  GtkStringList       *organization_titles;
  GPtrArray           *organization_ids;
  gboolean             selecting_organization;

  gboolean             signing_out;
  guint                tick_source;

  AdwActionRow        *account_row;
  GtkButton           *refresh_button;
  GtkButton           *sign_in_button;
  GtkButton           *sign_out_button;
  AdwComboRow         *organization_row;
  AdwActionRow        *usage_row;
  LancerAccessCheckGroup *access_group;
  AdwEntryRow         *client_id_row;
  AdwEntryRow         *redirect_uri_row;
  AdwActionRow        *sync_row;
  GtkButton           *sync_button;
  GtkSpinButton       *sync_interval_spin;
  GtkSpinButton       *retention_spin;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerUpworkPreferencesPage, lancer_upwork_preferences_page, ADW_TYPE_PREFERENCES_PAGE)

static gboolean
is_connected (LancerUpworkPreferencesPage *self)
{
  return self->session != NULL && self->client != NULL && lancer_session_get_signed_in (self->session);
}

/* Where the organization choice is written: the session listens to its
 * own settings object. */
static GSettings *
tenant_settings (LancerUpworkPreferencesPage *self)
{
  if (self->session != NULL && lancer_session_get_settings (self->session) != NULL)
    return lancer_session_get_settings (self->session);
  return self->settings;
}

static void
show_toast (LancerUpworkPreferencesPage *self,
            const char                  *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
  else
    g_message ("%s", message);
}

static void
update_account (LancerUpworkPreferencesPage *self)
{
  gboolean connected = is_connected (self);
  LancerOAuth *oauth = self->session != NULL ? lancer_session_get_oauth (self->session) : NULL;

  if (connected)
    {
      g_autofree char *title = NULL;

      if (self->user_name != NULL)
        /* Translators: %s is the name of the Upwork account */
        title = g_strdup_printf (_("Connected as %s"), self->user_name);
      else
        title = g_strdup (_("Connected"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account_row), title);
      adw_action_row_set_subtitle (self->account_row,
                                   lancer_session_get_is_demo (self->session)
                                   ? _("Demo data from Lancer's built-in sandbox")
                                   : _("Jobs, proposals and messages sync from Upwork"));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account_row), _("Not connected"));
      if (oauth == NULL)
        adw_action_row_set_subtitle (self->account_row, _("Enter the client ID of your API key, then sign in"));
      else if (lancer_oauth_get_needs_sign_in (oauth))
        adw_action_row_set_subtitle (self->account_row, _("The sign-in has expired; sign in again"));
      else
        adw_action_row_set_subtitle (self->account_row, _("Sign in to sync jobs, proposals and messages"));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->refresh_button), connected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->refresh_button), self->refresh_cancellable == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_button), !connected);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_out_button), connected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_out_button), !self->signing_out);
  gtk_widget_set_visible (GTK_WIDGET (self->organization_row),
                          connected && self->organization_ids->len > 1);
}

static void
update_usage (LancerUpworkPreferencesPage *self)
{
  g_autofree char *text = NULL;

  if (is_connected (self))
    {
      guint budget = LANCER_UPWORK_DAILY_BUDGET;

      g_object_get (self->client, "daily-budget", &budget, NULL);
      /* Translators: Upwork API requests made today and the day's allowance,
       * e.g. "1,204 of 40,000"; %'u groups the digits as the locale does */
      text = g_strdup_printf (_("%'u of %'u"), lancer_upwork_client_get_requests_today (self->client), budget);
    }
  adw_action_row_set_subtitle (self->usage_row, text != NULL ? text : _("Not connected"));
}

static void
update_sync (LancerUpworkPreferencesPage *self)
{
  g_autofree char *text = NULL;
  gboolean can_sync = FALSE;

  if (self->sync == NULL || !is_connected (self))
    text = g_strdup (_("Not connected"));
  else
    {
      LancerSyncState state = lancer_sync_get_state (self->sync);
      gint64 last = lancer_sync_get_last_synced (self->sync);
      const char *error = lancer_sync_get_last_error (self->sync);

      can_sync = state != LANCER_SYNC_STATE_SYNCING && !self->signing_out;
      if (state == LANCER_SYNC_STATE_SYNCING)
        text = g_strdup (_("Syncing…"));
      else if (state == LANCER_SYNC_STATE_ERROR && error != NULL)
        /* Translators: %s is why the last sync failed */
        text = g_strdup_printf (_("Failed: %s"), error);
      else if (last > 0)
        {
          g_autofree char *when = lancer_format_relative_time (last, g_get_real_time () / G_USEC_PER_SEC);

          /* Translators: %s is e.g. "5 minutes ago" */
          text = g_strdup_printf (_("Synced %s"), when);
        }
      else
        text = g_strdup (_("Not synced yet"));
    }
  adw_action_row_set_subtitle (self->sync_row, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), can_sync);
}

static void
update_all (LancerUpworkPreferencesPage *self)
{
  update_account (self);
  update_usage (self);
  update_sync (self);
}

/* Organizations */

static void
select_current_organization (LancerUpworkPreferencesPage *self)
{
  GSettings *settings = tenant_settings (self);
  g_autofree char *tenant_id = settings != NULL ? g_settings_get_string (settings, "upwork-tenant-id") : NULL;
  const char *wanted = tenant_id != NULL && tenant_id[0] != '\0' ? tenant_id : self->current_organization_id;
  guint position = 0;

  for (guint i = 0; wanted != NULL && i < self->organization_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->organization_ids, i), wanted))
      position = i;

  self->selecting_organization = TRUE;
  if (self->organization_ids->len > 0)
    adw_combo_row_set_selected (self->organization_row, position);
  self->selecting_organization = FALSE;
}

static void
set_organizations (LancerUpworkPreferencesPage *self,
                   GPtrArray                   *organizations)
{
  guint n_titles = g_list_model_get_n_items (G_LIST_MODEL (self->organization_titles));

  self->selecting_organization = TRUE;
  g_ptr_array_set_size (self->organization_ids, 0);
  gtk_string_list_splice (self->organization_titles, 0, n_titles, NULL);
  for (guint i = 0; organizations != NULL && i < organizations->len; i++)
    {
      LancerUpworkOrg *org = g_ptr_array_index (organizations, i);

      if (org->id == NULL)
        continue;
      g_ptr_array_add (self->organization_ids, g_strdup (org->id));
      gtk_string_list_append (self->organization_titles, org->title != NULL ? org->title : org->id);
    }
  self->selecting_organization = FALSE;
  select_current_organization (self);
}

static void
organization_selected_cb (LancerUpworkPreferencesPage *self)
{
  guint position = adw_combo_row_get_selected (self->organization_row);
  GSettings *settings = tenant_settings (self);
  g_autofree char *stored = NULL;
  const char *id;

  if (self->selecting_organization || settings == NULL || position >= self->organization_ids->len)
    return;
  id = g_ptr_array_index (self->organization_ids, position);
  stored = g_settings_get_string (settings, "upwork-tenant-id");
  if (g_str_equal (stored, id))
    return;
  g_settings_set_string (settings, "upwork-tenant-id", id);
  /* What the other organization sees, right away. */
  if (self->sync != NULL && is_connected (self) && lancer_sync_get_state (self->sync) != LANCER_SYNC_STATE_SYNCING)
    lancer_sync_run_async (self->sync, LANCER_SYNC_ALL, NULL, NULL, NULL);
}

static void
tenant_changed_cb (LancerUpworkPreferencesPage *self)
{
  if (!self->selecting_organization)
    select_current_organization (self);
}

/* The account */

static void
account_changed_cb (LancerUpworkPreferencesPage *self)
{
  const LancerUpworkUser *user = self->session != NULL && is_connected (self)
                                 ? lancer_session_get_upwork_account (self->session) : NULL;

  g_clear_pointer (&self->user_name, g_free);
  g_clear_pointer (&self->current_organization_id, g_free);
  if (user != NULL)
    {
      self->user_name = g_strdup (user->name != NULL ? user->name : user->email);
      self->current_organization_id = g_strdup (user->organization_id);
    }
  set_organizations (self, user != NULL ? user->organizations : NULL);
  update_account (self);
}

static void
account_refreshed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LancerUpworkPreferencesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lancer_session_refresh_upwork_account_finish (LANCER_SESSION (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->refresh_cancellable);
  update_account (self);
  if (error != NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the error */
      message = g_strdup_printf (_("Could not read the Upwork account: %s"), error->message);
      show_toast (self, message);
    }
}

static void
refresh_clicked_cb (LancerUpworkPreferencesPage *self)
{
  if (!is_connected (self) || self->refresh_cancellable != NULL)
    return;
  self->refresh_cancellable = g_cancellable_new ();
  update_account (self);
  lancer_session_refresh_upwork_account_async (self->session, self->refresh_cancellable,
                                               account_refreshed_cb, g_object_ref (self));
}

/* The connection */

static void
sync_state_cb (LancerUpworkPreferencesPage *self)
{
  update_sync (self);
}


static void
connection_changed_cb (LancerUpworkPreferencesPage *self)
{
  LancerSync *sync = self->session != NULL ? lancer_session_get_sync (self->session) : NULL;
  LancerUpworkClient *client = sync != NULL ? lancer_sync_get_client (sync) : NULL;

  if (sync != self->sync)
    {
      if (self->sync != NULL)
        g_signal_handlers_disconnect_by_data (self->sync, self);
      if (self->client != NULL)
        g_signal_handlers_disconnect_by_data (self->client, self);
      g_set_object (&self->sync, sync);
      g_set_object (&self->client, client);
      lancer_access_check_group_set_client (self->access_group, client);

      if (self->sync != NULL)
        {
          g_signal_connect_object (self->sync, "notify::state", G_CALLBACK (sync_state_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (self->sync, "notify::last-error", G_CALLBACK (sync_state_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (self->sync, "notify::last-synced", G_CALLBACK (sync_state_cb), self, G_CONNECT_SWAPPED);
        }
      if (self->client != NULL)
        {
          g_signal_connect_object (self->client, "notify::requests-today",
                                   G_CALLBACK (update_usage), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (self->client, "notify::daily-budget",
                                   G_CALLBACK (update_usage), self, G_CONNECT_SWAPPED);
        }
    }
  account_changed_cb (self);
  update_all (self);
}

static void
signed_out_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LancerUpworkPreferencesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  gboolean ok = lancer_session_sign_out_finish (LANCER_SESSION (source), result, &error);

  self->signing_out = FALSE;
  if (self->session == NULL)
    return;  /* the window closed meanwhile */
  if (!ok)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the error */
      message = g_strdup_printf (_("Could not sign out: %s"), error->message);
      show_toast (self, message);
    }
  update_all (self);
}

static void
sign_out_clicked_cb (LancerUpworkPreferencesPage *self)
{
  if (self->session == NULL || lancer_session_get_oauth (self->session) == NULL || self->signing_out)
    return;
  self->signing_out = TRUE;
  update_all (self);
  /* The session finishes signing out even if this window closes first. */
  lancer_session_sign_out_async (self->session, NULL, signed_out_cb, g_object_ref (self));
}

static void
sync_now_clicked_cb (LancerUpworkPreferencesPage *self)
{
  if (self->sync != NULL && lancer_sync_get_state (self->sync) != LANCER_SYNC_STATE_SYNCING)
    lancer_sync_run_async (self->sync, LANCER_SYNC_ALL, NULL, NULL, NULL);
}

/* "Synced 5 minutes ago" stays true while the window is open. */
static gboolean
tick_cb (gpointer user_data)
{
  update_sync (user_data);
  return G_SOURCE_CONTINUE;
}

static void
bind_settings (LancerUpworkPreferencesPage *self,
               GSettings                   *settings)
{
  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "upwork-client-id", self->client_id_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "upwork-redirect-uri", self->redirect_uri_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "sync-interval-minutes", self->sync_interval_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "job-retention-hours", self->retention_spin, "value", G_SETTINGS_BIND_DEFAULT);
}

void
lancer_upwork_preferences_page_set_settings (LancerUpworkPreferencesPage *self,
                                             GSettings                   *settings)
{
  g_return_if_fail (LANCER_IS_UPWORK_PREFERENCES_PAGE (self));
  g_return_if_fail (!settings || G_IS_SETTINGS (settings));

  if (self->settings != NULL || settings == NULL)
    return;
  bind_settings (self, settings);
}

LancerSession *
lancer_upwork_preferences_page_get_session (LancerUpworkPreferencesPage *self)
{
  g_return_val_if_fail (LANCER_IS_UPWORK_PREFERENCES_PAGE (self), NULL);
  return self->session;
}

void
lancer_upwork_preferences_page_set_session (LancerUpworkPreferencesPage *self,
                                            LancerSession               *session)
{
  GSettings *settings;

  g_return_if_fail (LANCER_IS_UPWORK_PREFERENCES_PAGE (self));
  g_return_if_fail (!session || LANCER_IS_SESSION (session));

  if (self->session != NULL || session == NULL)
    return;
  self->session = g_object_ref (session);
  settings = lancer_session_get_settings (session);
  if (self->settings == NULL && settings != NULL)
    bind_settings (self, settings);
  if (settings != NULL)
    {
      g_signal_connect_object (settings, "changed::upwork-tenant-id",
                               G_CALLBACK (tenant_changed_cb), self, G_CONNECT_SWAPPED);
      g_free (g_settings_get_string (settings, "upwork-tenant-id"));
    }
  g_signal_connect_object (session, "notify::sync", G_CALLBACK (connection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::signed-in", G_CALLBACK (connection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::upwork-account", G_CALLBACK (account_changed_cb), self, G_CONNECT_SWAPPED);
  connection_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

const char *
lancer_upwork_preferences_page_get_usage_text (LancerUpworkPreferencesPage *self)
{
  g_return_val_if_fail (LANCER_IS_UPWORK_PREFERENCES_PAGE (self), NULL);
  return adw_action_row_get_subtitle (self->usage_row);
}

const char *
lancer_upwork_preferences_page_get_account_text (LancerUpworkPreferencesPage *self)
{
  g_return_val_if_fail (LANCER_IS_UPWORK_PREFERENCES_PAGE (self), NULL);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->account_row));
}

const char *
lancer_upwork_preferences_page_get_user_name (LancerUpworkPreferencesPage *self)
{
  g_return_val_if_fail (LANCER_IS_UPWORK_PREFERENCES_PAGE (self), NULL);
  return self->user_name;
}

guint
lancer_upwork_preferences_page_get_n_organizations (LancerUpworkPreferencesPage *self)
{
  g_return_val_if_fail (LANCER_IS_UPWORK_PREFERENCES_PAGE (self), 0);
  return self->organization_ids->len;
}

const char *
lancer_upwork_preferences_page_get_organization_id (LancerUpworkPreferencesPage *self,
                                                    guint                        position)
{
  g_return_val_if_fail (LANCER_IS_UPWORK_PREFERENCES_PAGE (self), NULL);
  g_return_val_if_fail (position < self->organization_ids->len, NULL);
  return g_ptr_array_index (self->organization_ids, position);
}

static void
lancer_upwork_preferences_page_dispose (GObject *object)
{
  LancerUpworkPreferencesPage *self = LANCER_UPWORK_PREFERENCES_PAGE (object);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      if (lancer_session_get_settings (self->session) != NULL)
        g_signal_handlers_disconnect_by_data (lancer_session_get_settings (self->session), self);
    }
  g_clear_object (&self->sync);
  g_clear_object (&self->client);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_UPWORK_PREFERENCES_PAGE);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lancer_upwork_preferences_page_parent_class)->dispose (object);
}

static void
lancer_upwork_preferences_page_finalize (GObject *object)
{
  LancerUpworkPreferencesPage *self = LANCER_UPWORK_PREFERENCES_PAGE (object);

  g_free (self->user_name);
  g_free (self->current_organization_id);
  g_clear_object (&self->organization_titles);
  g_clear_pointer (&self->organization_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (lancer_upwork_preferences_page_parent_class)->finalize (object);
}

static void
lancer_upwork_preferences_page_get_property (GObject    *object,
                                             guint       prop_id,
                                             GValue     *value,
                                             GParamSpec *pspec)
{
  LancerUpworkPreferencesPage *self = LANCER_UPWORK_PREFERENCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_upwork_preferences_page_set_property (GObject      *object,
                                             guint         prop_id,
                                             const GValue *value,
                                             GParamSpec   *pspec)
{
  LancerUpworkPreferencesPage *self = LANCER_UPWORK_PREFERENCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      lancer_upwork_preferences_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_upwork_preferences_page_class_init (LancerUpworkPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_upwork_preferences_page_dispose;
  object_class->finalize = lancer_upwork_preferences_page_finalize;
  object_class->get_property = lancer_upwork_preferences_page_get_property;
  object_class->set_property = lancer_upwork_preferences_page_set_property;

  /* Settable once; the page shows "Not connected" until then. */
  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         LANCER_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LANCER_TYPE_ACCESS_CHECK_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-upwork-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerUpworkPreferencesPage, account_row);
  gtk_widget_class_bind_template_child (widget_class, LancerUpworkPreferencesPage, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, LancerUpworkPreferencesPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, LancerUpworkPreferencesPage, sign_out_button);
  gtk_widget_class_bind_template_child (widget_class, LancerUpworkPreferencesPage, organization_row);
  gtk_widget_class_bind_template_child (widget_class, LancerUpworkPreferencesPage, usage_row);
  gtk_widget_class_bind_template_child (widget_class, LancerUpworkPreferencesPage, access_group);
  gtk_widget_class_bind_template_child (widget_class, LancerUpworkPreferencesPage, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, LancerUpworkPreferencesPage, redirect_uri_row);
  gtk_widget_class_bind_template_child (widget_class, LancerUpworkPreferencesPage, sync_row);
  gtk_widget_class_bind_template_child (widget_class, LancerUpworkPreferencesPage, sync_button);
  gtk_widget_class_bind_template_child (widget_class, LancerUpworkPreferencesPage, sync_interval_spin);
  gtk_widget_class_bind_template_child (widget_class, LancerUpworkPreferencesPage, retention_spin);
  gtk_widget_class_bind_template_callback (widget_class, refresh_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_out_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sync_now_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, organization_selected_cb);
}

static void
lancer_upwork_preferences_page_init (LancerUpworkPreferencesPage *self)
{
  self->organization_titles = gtk_string_list_new (NULL);
  self->organization_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_combo_row_set_model (self->organization_row, G_LIST_MODEL (self->organization_titles));
  self->tick_source = g_timeout_add_seconds (30, tick_cb, self);
  update_all (self);
}

GtkWidget *
lancer_upwork_preferences_page_get_access_group (LancerUpworkPreferencesPage *self)
{
  g_return_val_if_fail (LANCER_IS_UPWORK_PREFERENCES_PAGE (self), NULL);
  return GTK_WIDGET (self->access_group);
}
