/* lancer-ai-preferences-page.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-ai-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-ai-error.h"
#include "lancer-ai-local.h"
#include "lancer-ai-preferences-page.h"
#include "lancer-portfolio-row.h"
#include "lancer-ai-service.h"
#include "lancer-store-ai.h"
#include "lancer-prompt-templates-window.h"
#include "lancer-secrets.h"
#include "lancer-settings-choice-private.h"

#define PORTFOLIO_SAVE_DELAY_MS 600

struct _LancerAiPreferencesPage
{
  AdwPreferencesPage    parent_instance;

  LancerSession        *session;
  LancerAiService      *service;
  GSettings            *settings;
  GCancellable         *key_cancellable;
  GCancellable         *models_cancellable;
  GCancellable         *cancellable;        /* for the page's life */
  const char           *key_state;
  GPtrArray            *portfolio_rows;     /* LancerPortfolioRow* */
  GPtrArray            *models;             /* char* */
  guint                 portfolio_source;
  gboolean              loading_bio;

  AdwComboRow          *provider_row;
  AdwPasswordEntryRow  *key_row;
  AdwActionRow         *key_status_row;
  GtkImage             *key_status_icon;
  GtkSpinner           *key_spinner;
  GtkButton            *test_button;
  AdwEntryRow          *model_row;
  GtkMenuButton        *models_button;
  AdwEntryRow          *base_url_row;
  GtkSpinButton        *budget_spin;
  GtkSwitch            *override_switch;
  AdwEntryRow          *name_row;
  GtkTextView          *bio_view;
  AdwEntryRow          *skills_row;
  GtkSpinButton        *rate_spin;
  AdwPreferencesGroup  *portfolio_group;
  AdwActionRow         *portfolio_empty_row;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerAiPreferencesPage, lancer_ai_preferences_page, ADW_TYPE_PREFERENCES_PAGE)

/* The order of the provider row's items in the .ui file. */
static const char * const providers[] = { "openai", "anthropic", "ollama", "openai-compatible", NULL };

static const char *
provider_id (LancerAiPreferencesPage *self)
{
  return lancer_ai_service_get_provider_id (self->service);
}

/* The key */

static void
set_key_state (LancerAiPreferencesPage *self,
               const char              *state,
               const char              *title,
               const char              *subtitle)
{
  gboolean busy = g_str_equal (state, "saving") || g_str_equal (state, "testing");
  const char *icon = "dialog-password-symbolic";

  self->key_state = state;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->key_status_row), title);
  adw_action_row_set_subtitle (self->key_status_row, subtitle ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->key_spinner), busy);
  gtk_spinner_set_spinning (self->key_spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), !busy && !g_str_equal (state, "none"));

  gtk_widget_remove_css_class (GTK_WIDGET (self->key_status_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->key_status_icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->key_status_icon), "warning");
  if (g_str_equal (state, "ok") || g_str_equal (state, "saved"))
    {
      icon = g_str_equal (state, "ok") ? "emblem-ok-symbolic" : "dialog-password-symbolic";
      gtk_widget_add_css_class (GTK_WIDGET (self->key_status_icon), "success");
    }
  else if (g_str_equal (state, "auth") || g_str_equal (state, "error"))
    {
      icon = "dialog-error-symbolic";
      gtk_widget_add_css_class (GTK_WIDGET (self->key_status_icon), "error");
    }
  else if (g_str_equal (state, "quota") || g_str_equal (state, "unreachable"))
    {
      icon = "dialog-warning-symbolic";
      gtk_widget_add_css_class (GTK_WIDGET (self->key_status_icon), "warning");
    }
  gtk_image_set_from_icon_name (self->key_status_icon, icon);
}

static void
set_models (LancerAiPreferencesPage *self,
            const char * const      *models)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  g_ptr_array_set_size (self->models, 0);
  for (guint i = 0; models != NULL && models[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (models[i], NULL);

      g_menu_item_set_action_and_target (item, "ai.pick-model", "s", models[i]);
      g_menu_append_item (menu, item);
      g_ptr_array_add (self->models, g_strdup (models[i]));
    }
  gtk_menu_button_set_menu_model (self->models_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->models_button), self->models->len > 0);
}

static void
test_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LancerAiPreferencesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) models = NULL;
  const char *name;

  models = lancer_ai_service_test_key_finish (LANCER_AI_SERVICE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->service == NULL)
    return;

  name = lancer_ai_service_get_provider_name (provider_id (self));
  if (models != NULL)
    {
      g_autofree char *subtitle = NULL;
      guint n = g_strv_length (models);

      subtitle = g_strdup_printf (ngettext ("%s answered and offers %u model",
                                            "%s answered and offers %u models", n),
                                  name, n);
      set_key_state (self, "ok", _("The key works"), subtitle);
      set_models (self, (const char * const *) models);
    }
  else if (g_error_matches (error, LANCER_AI_ERROR, LANCER_AI_ERROR_AUTH))
    set_key_state (self, "auth", _("Wrong key"),
                   _("The provider refused this key. Paste the whole key again, or make a new one in your account."));
  else if (g_error_matches (error, LANCER_AI_ERROR, LANCER_AI_ERROR_QUOTA))
    set_key_state (self, "quota", _("The key works, but the account has no credit left"),
                   _("Add credit or raise the spend limit in your account with the provider."));
  else if (g_error_matches (error, LANCER_AI_ERROR, LANCER_AI_ERROR_UNREACHABLE) ||
           g_error_matches (error, LANCER_AI_ERROR, LANCER_AI_ERROR_TIMEOUT))
    set_key_state (self, "unreachable", _("The provider could not be reached"),
                   _("Check the network connection and the server address."));
  else
    set_key_state (self, "error", _("The key could not be checked"), error->message);
}

static void
start_test (LancerAiPreferencesPage *self,
            const char              *key)
{
  set_key_state (self, "testing", _("Checking the key…"), NULL);
  lancer_ai_service_test_key_async (self->service, provider_id (self), key,
                                    self->key_cancellable, test_done_cb, g_object_ref (self));
}

/* Finishes a keyring lookup and shows why there is no key, if there is
 * none; returns the key, or NULL when there is nothing more to do. */
static char *
finish_key_lookup (LancerAiPreferencesPage *self,
                   GAsyncResult            *result)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = lancer_secrets_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->service == NULL)
    return NULL;
  if (error != NULL)
    set_key_state (self, "error", _("The keyring could not be read"), error->message);
  else if (key == NULL)
    set_key_state (self, "none", _("No key saved"), _("Paste a key above and press Enter"));
  return g_steal_pointer (&key);
}

/* Cancels what runs under *cancellable and gives the next operation a fresh one. */
static void
restart_cancellable (GCancellable **cancellable)
{
  g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  *cancellable = g_cancellable_new ();
}

static void
test_lookup_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LancerAiPreferencesPage) self = user_data;
  g_autofree char *key = finish_key_lookup (self, result);

  if (key != NULL)
    start_test (self, key);
}

static void
test_clicked_cb (LancerAiPreferencesPage *self)
{
  const char *secret = lancer_ai_service_get_secret_name (provider_id (self));

  if (self->service == NULL)
    return;
  restart_cancellable (&self->key_cancellable);
  if (secret == NULL)
    {
      start_test (self, NULL);
      return;
    }
  set_key_state (self, "testing", _("Checking the key…"), NULL);
  lancer_secrets_lookup_async (lancer_profile_get_id (lancer_session_get_profile (self->session)),
                               secret, self->key_cancellable, test_lookup_cb, g_object_ref (self));
}

typedef struct
{
  LancerAiPreferencesPage *self;
  char                    *key;
} StoreData;

static void
store_data_free (StoreData *data)
{
  g_clear_object (&data->self);
  if (data->key != NULL)
    memset (data->key, 0, strlen (data->key));
  g_free (data->key);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoreData, store_data_free)

static void
key_stored_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(StoreData) data = user_data;
  LancerAiPreferencesPage *self = data->self;
  g_autoptr(GError) error = NULL;

  if (!lancer_secrets_store_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->service != NULL)
        set_key_state (self, "error", _("The key could not be saved"), error->message);
      return;
    }
  if (self->service == NULL)
    return;
  set_key_state (self, "saved", _("Key saved"), _("Stored in the keyring"));
  /* Saved keys are tested on the spot. */
  start_test (self, data->key);
}

static void
key_apply_cb (LancerAiPreferencesPage *self)
{
  const char *secret = lancer_ai_service_get_secret_name (provider_id (self));
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row))));
  StoreData *data;

  if (self->service == NULL || secret == NULL || *key == '\0')
    return;

  /* The key never comes back into the entry: only its state shows. */
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  restart_cancellable (&self->key_cancellable);
  set_key_state (self, "saving", _("Saving the key…"), NULL);

  data = g_new0 (StoreData, 1);
  data->self = g_object_ref (self);
  data->key = g_steal_pointer (&key);
  lancer_secrets_store_async (lancer_profile_get_id (lancer_session_get_profile (self->session)),
                              secret, data->key, self->key_cancellable, key_stored_cb, data);
}

static void
key_lookup_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LancerAiPreferencesPage) self = user_data;
  g_autofree char *key = finish_key_lookup (self, result);

  if (key != NULL)
    set_key_state (self, "saved", _("Key saved"), _("Stored in the keyring. Paste a new key to replace it"));
}

/* Models */

static void
ollama_detected_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LancerAiPreferencesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) models = lancer_ai_local_detect_ollama_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->service == NULL)
    return;
  if (models == NULL)
    {
      set_key_state (self, "unreachable", _("Ollama was not found"),
                     _("Start Ollama on this computer, or enter the address of your server below."));
      set_models (self, NULL);
      return;
    }
  if (models[0] == NULL)
    set_key_state (self, "ok", _("Ollama is running"), _("No models yet: pull one with “ollama pull”."));
  else
    {
      g_autofree char *subtitle = NULL;
      guint n = g_strv_length (models);

      subtitle = g_strdup_printf (ngettext ("Found %u local model", "Found %u local models", n), n);
      set_key_state (self, "ok", _("Ollama is running"), subtitle);
    }
  set_models (self, (const char * const *) models);
}

static void
models_listed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LancerAiPreferencesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) models = lancer_ai_provider_list_models_finish (LANCER_AI_PROVIDER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->service == NULL)
    return;
  if (models == NULL)
    g_debug ("no model list: %s", error->message);
  set_models (self, (const char * const *) models);
}

static void
provider_ready_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LancerAiPreferencesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerAiProvider) provider = NULL;

  provider = lancer_ai_service_get_provider_finish (LANCER_AI_SERVICE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->service == NULL)
    return;
  if (provider == NULL)
    {
      /* No key yet: the model stays free text. */
      set_models (self, NULL);
      return;
    }
  lancer_ai_provider_list_models_async (provider, self->models_cancellable,
                                        models_listed_cb, g_object_ref (self));
}

static void
refresh_provider (LancerAiPreferencesPage *self)
{
  const char *id = provider_id (self);
  const char *secret = lancer_ai_service_get_secret_name (id);
  g_autofree char *base_url = g_settings_get_string (self->settings, "ai-base-url");

  restart_cancellable (&self->key_cancellable);
  restart_cancellable (&self->models_cancellable);

  gtk_widget_set_visible (GTK_WIDGET (self->key_row), secret != NULL);
  set_models (self, NULL);
  if (secret != NULL)
    {
      set_key_state (self, "testing", _("Looking for a saved key…"), NULL);
      lancer_secrets_lookup_async (lancer_profile_get_id (lancer_session_get_profile (self->session)),
                                   secret, self->key_cancellable, key_lookup_cb, g_object_ref (self));
    }
  else
    set_key_state (self, "saved", _("No key needed"), _("Local servers run on your own computer or network"));

  if (g_strcmp0 (id, "ollama") == 0)
    {
      set_key_state (self, "testing", _("Looking for Ollama…"), NULL);
      lancer_ai_local_detect_ollama_async (*base_url ? base_url : NULL, self->models_cancellable,
                                           ollama_detected_cb, g_object_ref (self));
    }
  else
    lancer_ai_service_get_provider_async (self->service, self->models_cancellable,
                                          provider_ready_cb, g_object_ref (self));
}

static void
pick_model_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LancerAiPreferencesPage *self = LANCER_AI_PREFERENCES_PAGE (widget);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "ai-model", g_variant_get_string (parameter, NULL));
}

/* Writer profile */

static void
bio_changed_cb (LancerAiPreferencesPage *self,
                GtkTextBuffer           *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->loading_bio || self->settings == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_settings_set_string (self->settings, "ai-writer-bio", text);
}

/* Portfolio */

static void
save_portfolio_now (LancerAiPreferencesPage *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_ai_portfolio_item_free);

  if (self->service == NULL)
    return;
  for (guint i = 0; i < self->portfolio_rows->len; i++)
    {
      LancerPortfolioRow *row = g_ptr_array_index (self->portfolio_rows, i);
      const char *title = lancer_portfolio_row_get_title (row);
      const char *outcome = lancer_portfolio_row_get_outcome (row);
      const char *link = lancer_portfolio_row_get_link (row);

      if (*title == '\0' && *outcome == '\0' && *link == '\0')
        continue;
      g_ptr_array_add (items, lancer_ai_portfolio_item_new (title, link, outcome));
    }
  lancer_ai_service_set_portfolio (self->service, items);
}

static gboolean
save_portfolio_cb (gpointer user_data)
{
  LancerAiPreferencesPage *self = user_data;

  self->portfolio_source = 0;
  save_portfolio_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_portfolio_save (LancerAiPreferencesPage *self)
{
  g_clear_handle_id (&self->portfolio_source, g_source_remove);
  self->portfolio_source = g_timeout_add (PORTFOLIO_SAVE_DELAY_MS, save_portfolio_cb, self);
}

static void
update_portfolio_empty (LancerAiPreferencesPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->portfolio_empty_row), self->portfolio_rows->len == 0);
}

static void
remove_item_cb (LancerAiPreferencesPage *self,
                LancerPortfolioRow      *row)
{
  g_ptr_array_remove (self->portfolio_rows, row);
  adw_preferences_group_remove (self->portfolio_group, GTK_WIDGET (row));
  update_portfolio_empty (self);
  schedule_portfolio_save (self);
}

static LancerPortfolioRow *
add_portfolio_row (LancerAiPreferencesPage *self,
                   const char              *title,
                   const char              *outcome,
                   const char              *link)
{
  LancerPortfolioRow *row = lancer_portfolio_row_new (title, outcome, link);

  g_signal_connect_object (row, "changed", G_CALLBACK (schedule_portfolio_save), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (remove_item_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->portfolio_group, GTK_WIDGET (row));
  g_ptr_array_add (self->portfolio_rows, row);
  update_portfolio_empty (self);
  return row;
}

static void
add_item_clicked_cb (LancerAiPreferencesPage *self)
{
  LancerPortfolioRow *row = add_portfolio_row (self, NULL, NULL, NULL);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  lancer_portfolio_row_focus_title (row);
}

static void
portfolio_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LancerAiPreferencesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = lancer_store_ai_load_portfolio_finish (LANCER_STORE (source), result, &error);

  if (items == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load the portfolio: %s", error->message);
      return;
    }
  if (self->service == NULL || self->portfolio_rows->len > 0)
    return;
  for (guint i = 0; i < items->len; i++)
    {
      LancerAiPortfolioItem *item = g_ptr_array_index (items, i);

      add_portfolio_row (self, item->title, item->outcome, item->description);
    }
}

/* Templates */

static void
templates_activated_cb (LancerAiPreferencesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  LancerPromptTemplatesWindow *window;

  window = lancer_prompt_templates_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

/* Session */

LancerSession *
lancer_ai_preferences_page_get_session (LancerAiPreferencesPage *self)
{
  g_return_val_if_fail (LANCER_IS_AI_PREFERENCES_PAGE (self), NULL);
  return self->session;
}

void
lancer_ai_preferences_page_set_session (LancerAiPreferencesPage *self,
                                        LancerSession           *session)
{
  GtkTextBuffer *bio;
  g_autofree char *bio_text = NULL;
  LancerStore *store;

  g_return_if_fail (LANCER_IS_AI_PREFERENCES_PAGE (self));
  g_return_if_fail (!session || LANCER_IS_SESSION (session));

  if (self->session != NULL || session == NULL)
    return;
  self->session = g_object_ref (session);
  self->service = lancer_ai_service_new (session);
  self->settings = g_object_ref (lancer_session_get_settings (session));

  _lancer_settings_bind_choice (self->settings, "ai-provider", self->provider_row, providers);
  g_settings_bind (self->settings, "ai-model", self->model_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "ai-base-url", self->base_url_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "ai-monthly-budget", self->budget_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "ai-budget-override", self->override_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "ai-writer-name", self->name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "ai-writer-skills", self->skills_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "ai-writer-rate", self->rate_spin, "value", G_SETTINGS_BIND_DEFAULT);

  bio = gtk_text_view_get_buffer (self->bio_view);
  bio_text = g_settings_get_string (self->settings, "ai-writer-bio");
  self->loading_bio = TRUE;
  gtk_text_buffer_set_text (bio, bio_text, -1);
  self->loading_bio = FALSE;
  g_signal_connect_object (bio, "changed", G_CALLBACK (bio_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->settings, "changed::ai-provider",
                           G_CALLBACK (refresh_provider), self, G_CONNECT_SWAPPED);
  store = lancer_session_get_store (session);
  if (store != NULL)
    lancer_store_ai_load_portfolio_async (store, self->cancellable, portfolio_loaded_cb, g_object_ref (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  refresh_provider (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

const char *
lancer_ai_preferences_page_get_key_state (LancerAiPreferencesPage *self)
{
  g_return_val_if_fail (LANCER_IS_AI_PREFERENCES_PAGE (self), NULL);
  return self->key_state;
}

guint
lancer_ai_preferences_page_get_n_models (LancerAiPreferencesPage *self)
{
  g_return_val_if_fail (LANCER_IS_AI_PREFERENCES_PAGE (self), 0);
  return self->models->len;
}

static void
lancer_ai_preferences_page_dispose (GObject *object)
{
  LancerAiPreferencesPage *self = LANCER_AI_PREFERENCES_PAGE (object);

  if (self->portfolio_source != 0)
    {
      g_clear_handle_id (&self->portfolio_source, g_source_remove);
      save_portfolio_now (self);
    }
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->key_cancellable);
  g_cancellable_cancel (self->models_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->key_cancellable);
  g_clear_object (&self->models_cancellable);
  if (self->portfolio_rows != NULL)
    g_ptr_array_set_size (self->portfolio_rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_AI_PREFERENCES_PAGE);
  g_clear_object (&self->service);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lancer_ai_preferences_page_parent_class)->dispose (object);
}

static void
lancer_ai_preferences_page_finalize (GObject *object)
{
  LancerAiPreferencesPage *self = LANCER_AI_PREFERENCES_PAGE (object);

  g_clear_pointer (&self->portfolio_rows, g_ptr_array_unref);
  g_clear_pointer (&self->models, g_ptr_array_unref);

  G_OBJECT_CLASS (lancer_ai_preferences_page_parent_class)->finalize (object);
}

static void
lancer_ai_preferences_page_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  LancerAiPreferencesPage *self = LANCER_AI_PREFERENCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, lancer_ai_preferences_page_get_session (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_ai_preferences_page_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  LancerAiPreferencesPage *self = LANCER_AI_PREFERENCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      lancer_ai_preferences_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_ai_preferences_page_class_init (LancerAiPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_ai_preferences_page_dispose;
  object_class->finalize = lancer_ai_preferences_page_finalize;
  object_class->get_property = lancer_ai_preferences_page_get_property;
  object_class->set_property = lancer_ai_preferences_page_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         LANCER_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "ai.pick-model", "s", pick_model_action);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-ai-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerAiPreferencesPage, provider_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAiPreferencesPage, key_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAiPreferencesPage, key_status_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAiPreferencesPage, key_status_icon);
  gtk_widget_class_bind_template_child (widget_class, LancerAiPreferencesPage, key_spinner);
  gtk_widget_class_bind_template_child (widget_class, LancerAiPreferencesPage, test_button);
  gtk_widget_class_bind_template_child (widget_class, LancerAiPreferencesPage, model_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAiPreferencesPage, models_button);
  gtk_widget_class_bind_template_child (widget_class, LancerAiPreferencesPage, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAiPreferencesPage, budget_spin);
  gtk_widget_class_bind_template_child (widget_class, LancerAiPreferencesPage, override_switch);
  gtk_widget_class_bind_template_child (widget_class, LancerAiPreferencesPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAiPreferencesPage, bio_view);
  gtk_widget_class_bind_template_child (widget_class, LancerAiPreferencesPage, skills_row);
  gtk_widget_class_bind_template_child (widget_class, LancerAiPreferencesPage, rate_spin);
  gtk_widget_class_bind_template_child (widget_class, LancerAiPreferencesPage, portfolio_group);
  gtk_widget_class_bind_template_child (widget_class, LancerAiPreferencesPage, portfolio_empty_row);
  gtk_widget_class_bind_template_callback (widget_class, key_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, test_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_item_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, templates_activated_cb);
}

static void
lancer_ai_preferences_page_init (LancerAiPreferencesPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->key_cancellable = g_cancellable_new ();
  self->models_cancellable = g_cancellable_new ();
  self->portfolio_rows = g_ptr_array_new ();
  self->models = g_ptr_array_new_with_free_func (g_free);
  self->key_state = "none";

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}
