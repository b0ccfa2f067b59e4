/* lancer-cli-upwork.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gunixinputstream.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sodium.h>

#include "lancer-cli-upwork.h"
#include "lancer-job-filter.h"
#include "lancer-oauth.h"
#include "lancer-secrets.h"
#include "lancer-sync.h"
#include "lancer-upwork-access.h"
#include "lancer-sync-writer.h"
#include "lancer-upwork-client.h"
#include "lancer-upwork-parse.h"

/* config, secret, searches, login, sync, job show, proposals, messages, send
 * (DESIGN §8). Secrets come from stdin and go to the keyring only. */

/* The settings lancer-cli reads and writes: the profile's GSettings keys
 * under shorter names. The lock and the demo flag are left out on purpose
 * (turning the lock on needs an authenticator app enrolled). */
static const struct {
  const char *key;
  const char *gsettings;
} config_keys[] = {
  { "upwork.client-id", "upwork-client-id" },
  { "upwork.redirect-uri", "upwork-redirect-uri" },
  { "upwork.tenant-id", "upwork-tenant-id" },
  { "ai.provider", "ai-provider" },
  { "ai.model", "ai-model" },
  { "ai.base-url", "ai-base-url" },
  { "ai.monthly-budget", "ai-monthly-budget" },
  { "ai.proposal-tone", "ai-proposal-tone" },
  { "ai.proposal-length", "ai-proposal-length" },
  { "sync.interval-minutes", "sync-interval-minutes" },
  { "jobs.retention-hours", "job-retention-hours" },
  { "alerts.min-score", "alert-min-score" },
  { "alerts.max-per-hour", "alert-max-per-hour" },
  { "alerts.quiet-hours", "alert-quiet-hours" },
  { "alerts.quiet-start", "alert-quiet-start" },
  { "alerts.quiet-end", "alert-quiet-end" },
  { "alerts.desktop", "alert-desktop" },
  { "alerts.telegram", "alert-telegram" },
  { "alerts.telegram-chat-id", "alert-telegram-chat-id" },
  { "alerts.webhook", "alert-webhook-enabled" },
  { "alerts.webhook-url", "alert-webhook-url" },
  { "alerts.webhook-format", "alert-webhook-format" },
  { "alerts.email", "alert-email" },
  { "alerts.email-server", "alert-email-server" },
  { "alerts.email-port", "alert-email-port" },
  { "alerts.email-security", "alert-email-security" },
  { "alerts.email-user", "alert-email-user" },
  { "alerts.email-from", "alert-email-from" },
  { "alerts.email-to", "alert-email-to" },
  { "alerts.sms", "alert-sms" },
  { "alerts.sms-provider", "alert-sms-provider" },
  { "alerts.sms-to", "alert-sms-to" },
  { "alerts.sms-from", "alert-sms-from" },
  { "alerts.sms-twilio-account", "alert-sms-twilio-account" },
  { "alerts.sms-gateway-url", "alert-sms-gateway-url" },
  { "alerts.sms-gateway-body", "alert-sms-gateway-body" },
  { "alerts.sms-daily-cap", "alert-sms-daily-cap" },
};

static const char *user_secrets[] = {
  LANCER_SECRET_UPWORK_CLIENT_SECRET, LANCER_SECRET_OPENAI_API_KEY,
  LANCER_SECRET_ANTHROPIC_API_KEY, LANCER_SECRET_TELEGRAM_BOT_TOKEN,
  LANCER_SECRET_SMTP_PASSWORD, LANCER_SECRET_TWILIO_AUTH_TOKEN, LANCER_SECRET_SMS_GATEWAY_TOKEN,
};

static GSettings *
profile_settings (LancerCli  *cli,
                  GError    **error)
{
  LancerProfile *profile = lancer_cli_get_profile (cli, error);
  GSettings *settings;

  if (profile == NULL)
    return NULL;
  settings = lancer_profile_dup_settings (profile);
  if (settings == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("The settings schema is not installed; reinstall Lancer"));
  return settings;
}

/* @text as a value of @type ("b", "u", "i", "d" or "s"), or NULL. */
static GVariant *
parse_setting (const GVariantType *type,
               const char         *text)
{
  if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
    return g_variant_ref_sink (g_variant_new_string (text));
  if (g_variant_type_equal (type, G_VARIANT_TYPE_BOOLEAN))
    {
      if (g_str_equal (text, "true") || g_str_equal (text, "false"))
        return g_variant_ref_sink (g_variant_new_boolean (g_str_equal (text, "true")));
      return NULL;
    }
  if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT32))
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &n, NULL))
        return NULL;
      return g_variant_ref_sink (g_variant_new_uint32 ((guint32) n));
    }
  if (g_variant_type_equal (type, G_VARIANT_TYPE_INT32))
    {
      gint64 n;

      if (!g_ascii_string_to_signed (text, 10, G_MININT32, G_MAXINT32, &n, NULL))
        return NULL;
      return g_variant_ref_sink (g_variant_new_int32 ((gint32) n));
    }
  if (g_variant_type_equal (type, G_VARIANT_TYPE_DOUBLE))
    {
      char *end = NULL;
      double v = g_ascii_strtod (text, &end);

      if (*text == '\0' || *end != '\0' || !isfinite (v))
        return NULL;
      return g_variant_ref_sink (g_variant_new_double (v));
    }
  return NULL;
}

/* What @key takes, for an error message: "true or false", "5–1440", or
 * the choices. */
static char *
describe_setting (GSettingsSchemaKey *key)
{
  g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
  g_autoptr(GVariant) detail = NULL;
  const char *kind;

  g_variant_get (range, "(&sv)", &kind, &detail);
  if (g_str_equal (kind, "enum"))
    {
      g_autofree const char **choices = g_variant_get_strv (detail, NULL);

      return g_strjoinv (", ", (char **) choices);
    }
  if (g_str_equal (kind, "range"))
    {
      g_autoptr(GVariant) low = g_variant_get_child_value (detail, 0);
      g_autoptr(GVariant) high = g_variant_get_child_value (detail, 1);
      g_autofree char *lo = g_variant_print (low, FALSE);
      g_autofree char *hi = g_variant_print (high, FALSE);

      return g_strdup_printf ("%s–%s", lo, hi);
    }
  if (g_variant_type_equal (g_settings_schema_key_get_value_type (key), G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (_("true or false"));
  if (g_variant_type_equal (g_settings_schema_key_get_value_type (key), G_VARIANT_TYPE_STRING))
    return g_strdup (_("any text"));
  return g_strdup (_("a number"));
}

int
lancer_cli_config (LancerCli  *cli,
                   int         argc,
                   char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) value = NULL;
  const char *gkey = NULL;

  if (!lancer_cli_parse_options (cli, "get KEY | set KEY VALUE", _("Read or change a setting."),
                                 NULL, &argc, &argv, &error))
    return lancer_cli_fail (cli, error);
  if (argc < 3 || (g_str_equal (argv[1], "get") && argc != 3) ||
      (g_str_equal (argv[1], "set") && argc != 4) ||
      (!g_str_equal (argv[1], "get") && !g_str_equal (argv[1], "set")))
    return lancer_cli_fail_message (cli, _("Usage: lancer-cli config get KEY | config set KEY VALUE"));
  for (guint i = 0; i < G_N_ELEMENTS (config_keys); i++)
    if (g_str_equal (argv[2], config_keys[i].key))
      gkey = config_keys[i].gsettings;
  if (gkey == NULL)
    {
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
      g_auto(GStrv) known = NULL;
      g_autofree char *list = NULL;
      g_autofree char *msg = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (config_keys); i++)
        g_strv_builder_add (names, config_keys[i].key);
      known = g_strv_builder_end (names);
      list = g_strjoinv (", ", known);
      msg = g_strdup_printf (_("Unknown setting “%s”; known: %s"), argv[2], list);
      return lancer_cli_fail_message (cli, msg);
    }
  if ((settings = profile_settings (cli, &error)) == NULL)
    return lancer_cli_fail (cli, error);
  g_object_get (settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, gkey);

  if (g_str_equal (argv[1], "get"))
    {
      value = g_settings_get_value (settings, gkey);
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        g_print ("%s\n", g_variant_get_string (value, NULL));
      else
        {
          g_autofree char *text = g_variant_print (value, FALSE);
          g_print ("%s\n", text);
        }
      return LANCER_CLI_EXIT_OK;
    }

  value = parse_setting (g_settings_schema_key_get_value_type (key), argv[3]);
  if (value == NULL || !g_settings_schema_key_range_check (key, value))
    {
      g_autofree char *takes = describe_setting (key);
      /* Translators: "“abc” is not a value for alerts.email-port; it takes 1–65535" */
      g_autofree char *msg = g_strdup_printf (_("“%s” is not a value for %s; it takes %s"), argv[3], argv[2], takes);

      return lancer_cli_fail_message (cli, msg);
    }
  g_settings_set_value (settings, gkey, value);
  g_settings_sync ();
  return LANCER_CLI_EXIT_OK;
}

/* All of standard input without its trailing white space; NULL (and
 * @error set) if it holds a NUL byte or is not UTF-8, since the keyring and
 * the outbox store text and a NUL would silently cut it short, or if it is
 * empty (the error says @empty_message). */
static char *
read_stdin (const char  *empty_message,
            GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char buf[4096];
  size_t n;

  while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
    g_string_append_len (text, buf, (gssize) n);
  if (memchr (text->str, '\0', text->len) != NULL || !g_utf8_validate (text->str, (gssize) text->len, NULL))
    {
      sodium_memzero (text->str, text->len);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Standard input holds a NUL byte or is not UTF-8 text; nothing was stored"));
      return NULL;
    }
  g_strchomp (text->str);
  if (text->str[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, empty_message);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

int
lancer_cli_secret (LancerCli  *cli,
                   int         argc,
                   char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  LancerProfile *profile;
  gboolean known = FALSE;

  if (!lancer_cli_parse_options (cli, "set NAME", _("Store a secret read from standard input in the keyring."),
                                 NULL, &argc, &argv, &error))
    return lancer_cli_fail (cli, error);
  if (argc != 3 || !g_str_equal (argv[1], "set"))
    return lancer_cli_fail_message (cli, _("Usage: lancer-cli secret set NAME < value"));
  for (guint i = 0; i < G_N_ELEMENTS (user_secrets); i++)
    if (g_str_equal (argv[2], user_secrets[i]))
      known = TRUE;
  if (!known)
    return lancer_cli_fail_message (cli, _("Unknown secret; names: upwork-client-secret, openai-api-key, "
                                           "anthropic-api-key, telegram-bot-token, smtp-password, "
                                           "twilio-auth-token, sms-gateway-token"));
  if ((profile = lancer_cli_get_profile (cli, &error)) == NULL)
    return lancer_cli_fail (cli, error);
  if ((value = read_stdin (_("Nothing was read from standard input"), &error)) == NULL)
    return lancer_cli_fail (cli, error);
  if (!lancer_secrets_store_sync (lancer_profile_get_id (profile), argv[2], value, NULL, &error))
    {
      memset (value, 0, strlen (value));
      return lancer_cli_fail (cli, error);
    }
  memset (value, 0, strlen (value));
  return LANCER_CLI_EXIT_OK;
}

int
lancer_cli_searches (LancerCli  *cli,
                     int         argc,
                     char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *query = NULL;
  g_autofree char *filters = NULL;
  /* The options fill the Jobs page's filter, so the app shows them and
   * the sync applies them the same way. */
  g_autoptr(LancerJobFilter) filter = lancer_job_filter_new ();
  gboolean replace = FALSE;
  GOptionEntry entries[] = {
    { "query", 0, 0, G_OPTION_ARG_STRING, &query, N_("Search words"), N_("Q") },
    { "budget-min", 0, 0, G_OPTION_ARG_DOUBLE, &filter->budget_floor, N_("Lowest fixed budget"), N_("AMOUNT") },
    { "hourly-min", 0, 0, G_OPTION_ARG_DOUBLE, &filter->rate_floor, N_("Lowest top hourly rate"), N_("AMOUNT") },
    { "client-spent-min", 0, 0, G_OPTION_ARG_DOUBLE, &filter->min_client_spent, N_("Lowest client spend"), N_("AMOUNT") },
    { "hire-rate-min", 0, 0, G_OPTION_ARG_DOUBLE, &filter->min_hire_rate, N_("Lowest client hire rate (0–1)"), N_("RATE") },
    { "rating-min", 0, 0, G_OPTION_ARG_DOUBLE, &filter->min_rating, N_("Lowest client rating (0–5)"), N_("RATING") },
    { "verified-only", 0, 0, G_OPTION_ARG_NONE, &filter->verified_only, N_("Only clients with a verified payment method"), NULL },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace, N_("Replace a saved search of the same name"), NULL },
    { NULL }
  };
  LancerStore *store;

  if (!lancer_cli_parse_options (cli, "list | add NAME --query Q | remove NAME", _("Saved job searches."),
                                 entries, &argc, &argv, &error))
    return lancer_cli_fail (cli, error);
  if (argc < 2 || (!g_str_equal (argv[1], "list") && argc != 3))
    return lancer_cli_fail_message (cli, _("Usage: lancer-cli searches list | add NAME --query Q | remove NAME"));
  /* inf or nan would be stored and break every later JSON listing. */
  if (!isfinite (filter->budget_floor) || !isfinite (filter->rate_floor) || !isfinite (filter->min_client_spent) ||
      !isfinite (filter->min_hire_rate) || !isfinite (filter->min_rating) ||
      filter->budget_floor < 0 || filter->rate_floor < 0 || filter->min_client_spent < 0 ||
      filter->min_hire_rate < 0 || filter->min_rating < 0)
    return lancer_cli_fail_message (cli, _("Amounts, rates and ratings must be ordinary numbers of 0 or more"));
  if (filter->min_hire_rate > 1 || filter->min_rating > 5)
    return lancer_cli_fail_message (cli, _("--hire-rate-min goes from 0 to 1 and --rating-min from 0 to 5"));
  if (g_str_equal (argv[1], "add") &&
      (*g_strstrip (argv[2]) == '\0' || query == NULL || *g_strstrip (query) == '\0'))
    return lancer_cli_fail_message (cli, _("A saved search needs a name and some words: searches add NAME --query Q"));
  lancer_cli_set_writes (cli, !g_str_equal (argv[1], "list"));
  if ((store = lancer_cli_open_store (cli, &error)) == NULL)
    return lancer_cli_fail (cli, error);

  if (g_str_equal (argv[1], "list"))
    {
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      lancer_saved_searches_list_async (store, NULL, lancer_cli_async_cb, &result);
      list = lancer_saved_searches_list_finish (store, lancer_cli_wait (cli, &result), &error);
      if (list == NULL)
        return lancer_cli_fail (cli, error);
      json_node_take_array (root, array);
      for (guint i = 0; i < list->len; i++)
        {
          LancerSavedSearch *s = g_ptr_array_index (list, i);
          if (lancer_cli_get_json (cli))
            {
              JsonObject *o = json_object_new ();
              JsonNode *filters_node = json_from_string (s->filters, NULL);

              json_object_set_string_member (o, "name", s->name);
              json_object_set_string_member (o, "query", s->query);
              /* A damaged row must not break the whole listing. */
              if (filters_node == NULL)
                filters_node = json_node_new (JSON_NODE_NULL);
              json_object_set_member (o, "filters", filters_node);
              json_array_add_object_element (array, o);
            }
          else
            g_print ("%s\t%s\t%s\n", s->name, s->query, s->filters);
        }
      if (lancer_cli_get_json (cli))
        lancer_cli_print_json (cli, root);
      return LANCER_CLI_EXIT_OK;
    }
  if (g_str_equal (argv[1], "add"))
    {
      if (!replace)
        {
          g_autoptr(GPtrArray) existing = NULL;

          lancer_saved_searches_list_async (store, NULL, lancer_cli_async_cb, &result);
          existing = lancer_saved_searches_list_finish (store, lancer_cli_wait (cli, &result), &error);
          g_clear_object (&result);
          if (existing == NULL)
            return lancer_cli_fail (cli, error);
          for (guint i = 0; i < existing->len; i++)
            if (g_str_equal (((LancerSavedSearch *) g_ptr_array_index (existing, i))->name, argv[2]))
              {
                g_autofree char *msg = g_strdup_printf (_("A saved search named “%s” already exists; "
                                                          "add --replace to change it"), argv[2]);
                return lancer_cli_fail_message (cli, msg);
              }
        }
      filters = lancer_job_filter_to_json (filter);
      lancer_saved_searches_save_async (store, argv[2], query, filters, NULL, lancer_cli_async_cb, &result);
      if (lancer_saved_searches_save_finish (store, lancer_cli_wait (cli, &result), &error) <= 0)
        return lancer_cli_fail (cli, error);
      return LANCER_CLI_EXIT_OK;
    }
  if (g_str_equal (argv[1], "remove"))
    {
      lancer_saved_searches_remove_async (store, argv[2], NULL, lancer_cli_async_cb, &result);
      if (!lancer_saved_searches_remove_finish (store, lancer_cli_wait (cli, &result), &error))
        return lancer_cli_fail (cli, error);
      return LANCER_CLI_EXIT_OK;
    }
  return lancer_cli_fail_message (cli, _("Usage: lancer-cli searches list | add NAME --query Q | remove NAME"));
}

/* The OAuth object and GraphQL client for the CLI's profile. */
static LancerUpworkClient *
make_client (LancerCli  *cli,
             GError    **error)
{
  LancerProfile *profile = lancer_cli_get_profile (cli, error);
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(LancerOAuth) oauth = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *redirect = NULL;
  g_autofree char *tenant_id = NULL;
  g_autofree char *usage = NULL;
  LancerUpworkClient *client;

  if (profile == NULL)
    return NULL;
  settings = lancer_profile_dup_settings (profile);
  if (settings != NULL)
    {
      client_id = g_settings_get_string (settings, "upwork-client-id");
      redirect = g_settings_get_string (settings, "upwork-redirect-uri");
      tenant_id = g_settings_get_string (settings, "upwork-tenant-id");
    }
  oauth = lancer_oauth_new (lancer_profile_get_id (profile), client_id, redirect);
  client = lancer_upwork_client_new (oauth);
  /* The organization picked in Preferences, as the app sends it. */
  if (tenant_id != NULL && tenant_id[0] != '\0')
    lancer_upwork_client_set_tenant_id (client, tenant_id);
  usage = g_build_filename (lancer_profile_get_dir (profile), "upwork-usage", NULL);
  lancer_upwork_client_set_usage_file (client, usage);
  return client;
}

int
lancer_cli_login (LancerCli  *cli,
                  int         argc,
                  char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LancerUpworkClient) client = NULL;
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(LancerUpworkUser) user = NULL;
  g_autofree char *url = NULL;
  gboolean no_browser = FALSE;
  GOptionEntry entries[] = {
    { "no-browser", 0, 0, G_OPTION_ARG_NONE, &no_browser, N_("Only print the address to open"), NULL },
    { NULL }
  };
  LancerOAuth *oauth;

  if (!lancer_cli_parse_options (cli, NULL, _("Connect the profile to Upwork."), entries, &argc, &argv, &error))
    return lancer_cli_fail (cli, error);
  if ((client = make_client (cli, &error)) == NULL)
    return lancer_cli_fail (cli, error);
  oauth = lancer_upwork_client_get_oauth (client);
  if ((url = lancer_oauth_start_sign_in (oauth, &error)) == NULL)
    return lancer_cli_fail (cli, error);
  g_print ("Authorize: %s\n", url);
  fflush (stdout);
  if (!no_browser && !g_app_info_launch_default_for_uri (url, NULL, NULL))
    g_printerr ("%s\n", _("Open the address above in a browser."));

  lancer_oauth_wait_for_sign_in_async (oauth, NULL, lancer_cli_async_cb, &result);
  if (!lancer_oauth_wait_for_sign_in_finish (oauth, lancer_cli_wait (cli, &result), &error))
    return lancer_cli_fail (cli, error);
  g_clear_object (&result);

  lancer_upwork_client_query_async (client, "me", NULL, NULL, lancer_cli_async_cb, &result);
  data = lancer_upwork_client_query_finish (client, lancer_cli_wait (cli, &result), &error);
  if (data == NULL || (user = lancer_upwork_parse_user (data, &error)) == NULL)
    return lancer_cli_fail (cli, error);
  g_print (_("Connected as %s\n"), user->name);
  return LANCER_CLI_EXIT_OK;
}

static LancerSync *
make_sync (LancerCli  *cli,
           GError    **error)
{
  g_autoptr(LancerUpworkClient) client = NULL;
  LancerStore *store;

  lancer_cli_set_writes (cli, TRUE);
  if ((store = lancer_cli_open_store (cli, error)) == NULL)
    return NULL;
  if ((client = make_client (cli, error)) == NULL)
    return NULL;
  return lancer_sync_new (store, client);
}

int
lancer_cli_sync (LancerCli  *cli,
                 int         argc,
                 char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LancerSync) sync = NULL;
  g_autoptr(LancerSyncReport) report = NULL;
  g_autofree char *only = NULL;
  GOptionEntry entries[] = {
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, N_("jobs, proposals, messages, contracts, diary or earnings"),
      N_("RESOURCE") },
    { NULL }
  };
  LancerSyncResources resources = LANCER_SYNC_ALL;
  guint failed = 0, attempted = 0;

  if (!lancer_cli_parse_options (cli, NULL, _("Sync with Upwork once."), entries, &argc, &argv, &error))
    return lancer_cli_fail (cli, error);
  if (only != NULL && (resources = lancer_sync_resource_from_name (only)) == 0)
    return lancer_cli_fail_message (cli, _("--only takes jobs, proposals, messages, contracts, diary or earnings"));
  if ((sync = make_sync (cli, &error)) == NULL)
    return lancer_cli_fail (cli, error);

  lancer_sync_run_async (sync, resources, NULL, lancer_cli_async_cb, &result);
  report = lancer_sync_run_finish (sync, lancer_cli_wait (cli, &result), &error);
  if (report == NULL && g_error_matches (error, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_RATE_LIMITED))
    {
      /* a pause Upwork asked for: nothing is wrong, it resumes by itself */
      lancer_cli_fail (cli, error);
      return LANCER_CLI_EXIT_PARTIAL;
    }
  if (report == NULL)
    return lancer_cli_fail (cli, error);

  for (guint i = 0; i < LANCER_SYNC_N_RESOURCES; i++)
    {
      const char *name = lancer_sync_resource_name (1 << i);

      if (!report->attempted[i])
        continue;
      attempted++;
      if (report->errors[i] != NULL)
        {
          failed++;
          g_print (_("%s: failed — %s\n"), name, report->errors[i]);
        }
      else if (i == 0)
        g_print (ngettext ("%s: %u (%u new)\n", "%s: %u (%u new)\n", report->new_jobs),
                 name, report->counts[i], report->new_jobs);
      else
        g_print ("%s: %u\n", name, report->counts[i]);
      if (report->warnings[i] != NULL)
        g_print ("  %s\n", report->warnings[i]);
    }
  if (failed > 0 && report->resume_at > 0)
    return LANCER_CLI_EXIT_PARTIAL;   /* paused at Upwork's request; resumes by itself */
  if (failed > 0 && failed == attempted)
    {
      g_printerr ("lancer-cli: %s\n", _("Nothing could be synced; see the reasons above"));
      return LANCER_CLI_EXIT_FAILED;
    }
  return failed > 0 ? LANCER_CLI_EXIT_PARTIAL : LANCER_CLI_EXIT_OK;
}

LancerJob *
lancer_cli_load_job (LancerCli    *cli,
                     LancerStore  *store,
                     const char   *job_id,
                     GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lancer_store_get_job_async (store, job_id, NULL, lancer_cli_async_cb, &result);
  return lancer_store_get_job_finish (store, lancer_cli_wait (cli, &result), error);
}

int
lancer_cli_job (LancerCli  *cli,
                int         argc,
                char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerJob) job = NULL;
  LancerStore *store;

  if (!lancer_cli_parse_options (cli, "show ID", _("One stored job."), NULL, &argc, &argv, &error))
    return lancer_cli_fail (cli, error);
  if (argc != 3 || !g_str_equal (argv[1], "show"))
    return lancer_cli_fail_message (cli, _("Usage: lancer-cli job show ID [--json]"));
  if ((store = lancer_cli_open_store (cli, &error)) == NULL)
    return lancer_cli_fail (cli, error);
  if ((job = lancer_cli_load_job (cli, store, argv[2], &error)) == NULL)
    return lancer_cli_fail (cli, error);
  if (lancer_cli_get_json (cli))
    {
      g_autoptr(JsonNode) node = lancer_job_to_json (job);
      lancer_cli_print_json (cli, node);
    }
  else
    {
      g_autofree char *posted = lancer_format_iso8601 (lancer_job_get_posted_at (job));
      g_autofree char *skills = g_strjoinv (", ", (char **) lancer_job_get_skills (job));
      int n_hires = lancer_job_get_client_hires (job);
      int n_posted = lancer_job_get_client_jobs_posted (job);
      g_autofree char *hires = g_strdup_printf (ngettext ("%d hire", "%d hires", n_hires), n_hires);
      g_autofree char *jobs_posted = g_strdup_printf (ngettext ("of %d job", "of %d jobs", n_posted), n_posted);

      g_print ("%s\n%s\n", lancer_job_get_title (job), lancer_job_get_url (job));
      g_print (_("Posted: %s\n"), posted);
      if (lancer_job_get_job_type (job) == LANCER_JOB_TYPE_FIXED)
        {
          if (lancer_job_has_budget (job))
            g_print (_("Fixed price: %.0f %s\n"), lancer_job_get_budget (job), lancer_job_get_currency (job));
          else
            g_print ("%s\n", _("Fixed price, open budget"));
        }
      else if (!isnan (lancer_job_get_hourly_max (job)))
        g_print (_("Hourly: %.0f–%.0f %s\n"), lancer_job_get_hourly_min (job), lancer_job_get_hourly_max (job),
                 lancer_job_get_currency (job));
      else
        g_print ("%s\n", _("Hourly"));
      g_print (_("Skills: %s\n"), skills);
      /* Translators: the second %s is "5 hires", the third "of 8 jobs" */
      g_print (_("Client: %s, spent %.0f, %s %s, payment %s\n"),
               lancer_job_get_client_country (job) ? lancer_job_get_client_country (job) : _("unknown country"),
               lancer_job_get_client_total_spent (job), hires, jobs_posted,
               lancer_job_get_client_payment_verified (job) ? _("verified") : _("not verified"));
      g_print ("\n%s\n", lancer_job_get_description (job));
    }
  return LANCER_CLI_EXIT_OK;
}

/* proposals and messages: the stored @what, narrowed by one option. */
static int
print_records (LancerCli  *cli,
               int         argc,
               char      **argv,
               const char *what,
               const char *summary,
               const char *option,
               const char *option_help,
               const char *option_arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *filter = NULL;
  GOptionEntry entries[] = {
    { option, 0, 0, G_OPTION_ARG_STRING, &filter, option_help, option_arg },
    { NULL }
  };
  LancerStore *store;
  JsonArray *array;

  if (!lancer_cli_parse_options (cli, NULL, summary, entries, &argc, &argv, &error))
    return lancer_cli_fail (cli, error);
  if ((store = lancer_cli_open_store (cli, &error)) == NULL)
    return lancer_cli_fail (cli, error);
  lancer_sync_read_async (store, what, filter, NULL, lancer_cli_async_cb, &result);
  node = lancer_sync_read_finish (store, lancer_cli_wait (cli, &result), &error);
  if (node == NULL)
    return lancer_cli_fail (cli, error);
  if (lancer_cli_get_json (cli))
    {
      lancer_cli_print_json (cli, node);
      return LANCER_CLI_EXIT_OK;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_str_equal (what, "proposals"))
        g_print ("%s\t%s\t%s\n", json_object_get_string_member (o, "id"),
                 json_object_get_string_member (o, "status"),
                 json_object_get_string_member_with_default (o, "job_title", NULL) != NULL
                   ? json_object_get_string_member (o, "job_title") : json_object_get_string_member (o, "job_id"));
      else
        g_print ("%s\t%s\t%s\n", json_object_get_string_member (o, "room_id"),
                 json_object_get_string_member_with_default (o, "sender", NULL) != NULL
                   ? json_object_get_string_member (o, "sender") : "",
                 json_object_get_string_member_with_default (o, "message", NULL) != NULL
                   ? json_object_get_string_member (o, "message") : _("(attachment)"));
    }
  return LANCER_CLI_EXIT_OK;
}

int
lancer_cli_proposals (LancerCli  *cli,
                      int         argc,
                      char      **argv)
{
  return print_records (cli, argc, argv, "proposals", _("Stored proposals, newest first."),
                        "status", N_("Only proposals with this status"), N_("S"));
}

int
lancer_cli_messages (LancerCli  *cli,
                     int         argc,
                     char      **argv)
{
  return print_records (cli, argc, argv, "messages", _("Stored messages."),
                        "room", N_("Only this room"), N_("ID"));
}

int
lancer_cli_send (LancerCli  *cli,
                 int         argc,
                 char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LancerSync) sync = NULL;
  g_autofree char *text = NULL;

  if (!lancer_cli_parse_options (cli, "ROOM_ID", _("Send the message on standard input through the outbox."),
                                 NULL, &argc, &argv, &error))
    return lancer_cli_fail (cli, error);
  if (argc != 2)
    return lancer_cli_fail_message (cli, _("Usage: lancer-cli send ROOM_ID < message"));
  /* A locked profile takes its code from the first line, before the message. */
  if (lancer_cli_get_profile (cli, &error) == NULL)
    return lancer_cli_fail (cli, error);
  if ((text = read_stdin (_("The message is empty"), &error)) == NULL)
    return lancer_cli_fail (cli, error);
  if ((sync = make_sync (cli, &error)) == NULL)
    return lancer_cli_fail (cli, error);
  lancer_sync_send_message_async (sync, argv[1], text, NULL, lancer_cli_async_cb, &result);
  if (lancer_sync_send_message_finish (sync, lancer_cli_wait (cli, &result), &error) <= 0)
    return lancer_cli_fail (cli, error);
  g_print ("%s\n", _("Sent"));
  return LANCER_CLI_EXIT_OK;
}

/* doctor: one smallest request per resource, and what each needs. */
int
lancer_cli_doctor (LancerCli  *cli,
                   int         argc,
                   char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LancerUpworkClient) client = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *callback = NULL;
  LancerProfile *profile;
  guint before, missing = 0;
  GOptionEntry entries[] = { { NULL } };

  if (!lancer_cli_parse_options (cli, NULL,
                                 _("Check which Upwork resources your API key can reach, one smallest request "
                                   "each (at most 12 requests)."),
                                 entries, &argc, &argv, &error))
    return lancer_cli_fail (cli, error);
  if ((profile = lancer_cli_get_profile (cli, &error)) == NULL)
    return lancer_cli_fail (cli, error);
  if ((settings = lancer_profile_dup_settings (profile)) != NULL)
    callback = g_settings_get_string (settings, "upwork-redirect-uri");
  if ((client = make_client (cli, &error)) == NULL)
    return lancer_cli_fail (cli, error);
  before = lancer_upwork_client_get_requests_today (client);
  lancer_upwork_check_access_async (client, NULL, lancer_cli_async_cb, &result);
  rows = lancer_upwork_check_access_finish (client, lancer_cli_wait (cli, &result), &error);
  if (rows == NULL)
    return lancer_cli_fail (cli, error);
  for (guint i = 0; i < rows->len; i++)
    {
      LancerUpworkAccess *row = g_ptr_array_index (rows, i);
      missing += row->state == LANCER_UPWORK_ACCESS_NEEDS_PERMISSION;
    }

  if (lancer_cli_get_json (cli))
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      JsonObject *report = json_object_new ();
      JsonArray *resources = json_array_new ();

      for (guint i = 0; i < rows->len; i++)
        {
          LancerUpworkAccess *row = g_ptr_array_index (rows, i);
          JsonObject *o = json_object_new ();

          json_object_set_string_member (o, "resource", row->resource);
          json_object_set_string_member (o, "label", row->label);
          json_object_set_string_member (o, "state", lancer_upwork_access_state_name (row->state));
          json_object_set_string_member (o, "permission", row->permission);
          json_object_set_string_member (o, "detail", row->detail);   /* NULL: null */
          json_array_add_object_element (resources, o);
        }
      json_object_set_array_member (report, "resources", resources);
      json_object_set_int_member (report, "requests_used", lancer_upwork_client_get_requests_today (client) - before);
      json_object_set_int_member (report, "requests_today", lancer_upwork_client_get_requests_today (client));
      json_object_set_int_member (report, "daily_budget", LANCER_UPWORK_DAILY_BUDGET);
      json_object_set_string_member (report, "callback", callback != NULL ? callback : "");
      json_node_take_object (root, report);
      lancer_cli_print_json (cli, root);
    }
  else
    {
      for (guint i = 0; i < rows->len; i++)
        {
          LancerUpworkAccess *row = g_ptr_array_index (rows, i);
          g_autofree char *what = lancer_upwork_access_describe (row);

          g_print ("%-22s %s\n", row->label, what);
        }
      g_print ("\n");
      /* Translators: the first %u is requests this check used, the rest today's count and budget */
      g_print (_("Requests for this check: %u. Today: %u of %u.\n"),
               lancer_upwork_client_get_requests_today (client) - before,
               lancer_upwork_client_get_requests_today (client), LANCER_UPWORK_DAILY_BUDGET);
      /* Translators: %s is the redirect URI the key must register */
      g_print (_("Registered callback: %s\n"), callback != NULL ? callback : "");
    }
  /* some resources out of reach: partial, like a partial sync */
  return missing > 0 ? LANCER_CLI_EXIT_PARTIAL : LANCER_CLI_EXIT_OK;
}
