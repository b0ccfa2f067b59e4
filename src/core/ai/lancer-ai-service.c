/* lancer-ai-service.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-ai-service"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lancer-ai-service.h"
#include "lancer-secrets.h"

struct _LancerAiService
{
  GObject        parent_instance;

  LancerSession *session;
  GSettings     *settings;
  GPtrArray     *portfolio;     /* LancerAiPortfolioItem */
  gboolean       portfolio_loaded;
};

G_DEFINE_FINAL_TYPE (LancerAiService, lancer_ai_service, G_TYPE_OBJECT)

static void
lancer_ai_service_dispose (GObject *object)
{
  LancerAiService *self = LANCER_AI_SERVICE (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_pointer (&self->portfolio, g_ptr_array_unref);

  G_OBJECT_CLASS (lancer_ai_service_parent_class)->dispose (object);
}

static void
lancer_ai_service_class_init (LancerAiServiceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lancer_ai_service_dispose;
}

static void
lancer_ai_service_init (LancerAiService *self)
{
  self->portfolio = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_ai_portfolio_item_free);
}

LancerAiService *
lancer_ai_service_new (LancerSession *session)
{
  LancerAiService *self;

  g_return_val_if_fail (LANCER_IS_SESSION (session), NULL);

  self = g_object_new (LANCER_TYPE_AI_SERVICE, NULL);
  self->session = g_object_ref (session);
  self->settings = g_object_ref (lancer_session_get_settings (session));
  return self;
}

LancerSession *
lancer_ai_service_get_session (LancerAiService *self)
{
  g_return_val_if_fail (LANCER_IS_AI_SERVICE (self), NULL);
  return self->session;
}

/* Settings */

/* The providers the settings can name; the first is the fallback for an
 * unknown id. Product names need no translation, but _() leaves them as they are. */
static const struct
{
  const char *id;
  const char *name;
  const char *default_model;
} providers[] = {
  { "openai", "OpenAI", "gpt-4.1-mini" },
  { "anthropic", "Anthropic", "claude-sonnet-4-5" },
  { "ollama", "Ollama", "llama3.2" },
  { "openai-compatible", N_("the local server"), "local-model" },
};

static guint
provider_index (const char *provider_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    if (g_strcmp0 (provider_id, providers[i].id) == 0)
      return i;
  return 0;
}

const char *
lancer_ai_service_get_provider_id (LancerAiService *self)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (LANCER_IS_AI_SERVICE (self), NULL);

  id = g_settings_get_string (self->settings, "ai-provider");
  return providers[provider_index (id)].id;
}

const char *
lancer_ai_service_get_default_model (const char *provider_id)
{
  return providers[provider_index (provider_id)].default_model;
}

const char *
lancer_ai_service_get_provider_name (const char *provider_id)
{
  return _(providers[provider_index (provider_id)].name);
}

char *
lancer_ai_service_dup_model (LancerAiService *self)
{
  g_autofree char *model = NULL;

  g_return_val_if_fail (LANCER_IS_AI_SERVICE (self), NULL);

  model = g_strstrip (g_settings_get_string (self->settings, "ai-model"));
  if (*model == '\0')
    return g_strdup (lancer_ai_service_get_default_model (lancer_ai_service_get_provider_id (self)));
  return g_steal_pointer (&model);
}

const char *
lancer_ai_service_get_secret_name (const char *provider_id)
{
  if (g_strcmp0 (provider_id, "openai") == 0)
    return LANCER_SECRET_OPENAI_API_KEY;
  if (g_strcmp0 (provider_id, "anthropic") == 0)
    return LANCER_SECRET_ANTHROPIC_API_KEY;
  return NULL;
}

gboolean
lancer_ai_service_is_cloud (LancerAiService *self)
{
  g_return_val_if_fail (LANCER_IS_AI_SERVICE (self), FALSE);
  return lancer_ai_service_get_secret_name (lancer_ai_service_get_provider_id (self)) != NULL;
}

gboolean
lancer_ai_service_needs_consent (LancerAiService *self)
{
  g_return_val_if_fail (LANCER_IS_AI_SERVICE (self), FALSE);
  return lancer_ai_service_is_cloud (self) &&
         !g_settings_get_boolean (self->settings, "ai-cloud-consent");
}

void
lancer_ai_service_grant_consent (LancerAiService *self)
{
  g_return_if_fail (LANCER_IS_AI_SERVICE (self));
  g_settings_set_boolean (self->settings, "ai-cloud-consent", TRUE);
}

double
lancer_ai_service_get_budget (LancerAiService *self)
{
  g_return_val_if_fail (LANCER_IS_AI_SERVICE (self), 0);
  return g_settings_get_double (self->settings, "ai-monthly-budget");
}

/* Adapters */

static char **
find_screening_questions (const char *description)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;
  gboolean in_questions = FALSE;
  guint n = 0;

  if (description == NULL)
    return NULL;

  /* Upwork's API has no screening questions for a posting we did not
   * apply to; clients often list them in the description instead. */
  lines = g_strsplit (description, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      g_autofree char *lower = g_utf8_strdown (line, -1);

      if (strstr (lower, "question") != NULL && g_str_has_suffix (line, ":"))
        {
          in_questions = TRUE;
          continue;
        }
      if (in_questions && g_str_has_suffix (line, "?"))
        {
          while (*line == '-' || *line == '*' || g_ascii_isdigit (*line) || *line == '.' ||
                 *line == ')' || *line == ' ')
            line++;
          if (*line != '\0')
            {
              g_strv_builder_add (builder, line);
              n++;
            }
        }
      else if (in_questions && *line == '\0' && n > 0)
        in_questions = FALSE;
    }
  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

LancerAiJob *
lancer_ai_service_job_from_model (LancerJob *job)
{
  LancerAiJob *ai;
  g_autoptr(GString) client = g_string_new (NULL);

  g_return_val_if_fail (LANCER_IS_JOB (job), NULL);

  ai = lancer_ai_job_new ();
  ai->title = g_strdup (lancer_job_get_title (job));
  ai->description = g_strdup (lancer_job_get_description (job));
  ai->skills = g_strdupv ((char **) lancer_job_get_skills (job));
  ai->job_type = g_strdup (lancer_job_get_job_type (job) == LANCER_JOB_TYPE_HOURLY ? "hourly" : "fixed");
  ai->budget = lancer_job_has_budget (job) ? lancer_job_get_budget (job) : -1;
  ai->hourly_min = isnan (lancer_job_get_hourly_min (job)) ? -1 : lancer_job_get_hourly_min (job);
  ai->hourly_max = isnan (lancer_job_get_hourly_max (job)) ? -1 : lancer_job_get_hourly_max (job);
  ai->currency = g_strdup (lancer_job_get_currency (job));
  ai->client_country = g_strdup (lancer_job_get_client_country (job));
  ai->screening_questions = find_screening_questions (ai->description);

  g_string_append_printf (client, "spent %.0f %s, %d hires of %d jobs",
                          lancer_job_get_client_total_spent (job),
                          ai->currency ? ai->currency : "USD",
                          lancer_job_get_client_hires (job),
                          lancer_job_get_client_jobs_posted (job));
  if (!isnan (lancer_job_get_client_rating (job)))
    g_string_append_printf (client, ", rating %.1f", lancer_job_get_client_rating (job));
  g_string_append (client, lancer_job_get_client_payment_verified (job)
                             ? ", payment verified" : ", payment not verified");
  ai->client_summary = g_string_free (g_steal_pointer (&client), FALSE);
  return ai;
}

/* A GCopyFunc: the service keeps its own copies of the items it is given
 * and hands copies out. */
static gpointer
copy_portfolio_item (gconstpointer data,
                     gpointer      user_data)
{
  const LancerAiPortfolioItem *item = data;

  return lancer_ai_portfolio_item_new (item->title, item->description, item->outcome);
}

LancerAiProfile *
lancer_ai_service_dup_writer_profile (LancerAiService *self)
{
  LancerAiProfile *profile;
  g_autofree char *skills = NULL;

  g_return_val_if_fail (LANCER_IS_AI_SERVICE (self), NULL);

  profile = lancer_ai_profile_new ();
  profile->name = g_settings_get_string (self->settings, "ai-writer-name");
  profile->bio = g_settings_get_string (self->settings, "ai-writer-bio");
  skills = g_settings_get_string (self->settings, "ai-writer-skills");
  profile->skills = g_strsplit_set (skills, ",\n", -1);
  for (guint i = 0; profile->skills[i] != NULL; i++)
    g_strstrip (profile->skills[i]);
  profile->hourly_rate = g_settings_get_double (self->settings, "ai-writer-rate");
  if (profile->hourly_rate <= 0)
    profile->hourly_rate = -1;
  profile->currency = g_strdup ("USD");
  g_ptr_array_extend (profile->portfolio, self->portfolio, copy_portfolio_item, NULL);
  return profile;
}

static void
set_portfolio (LancerAiService *self,
               GPtrArray       *items)
{
  g_ptr_array_set_size (self->portfolio, 0);
  g_ptr_array_extend (self->portfolio, items, copy_portfolio_item, NULL);
  self->portfolio_loaded = TRUE;
}

static void
portfolio_saved_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lancer_store_ai_save_portfolio_finish (LANCER_STORE (source), result, &error))
    g_warning ("Could not save the portfolio: %s", error->message);
}

void
lancer_ai_service_set_portfolio (LancerAiService *self,
                                 GPtrArray       *items)
{
  LancerStore *store;

  g_return_if_fail (LANCER_IS_AI_SERVICE (self));
  g_return_if_fail (items != NULL);

  set_portfolio (self, items);
  store = lancer_session_get_store (self->session);
  if (store != NULL)
    lancer_store_ai_save_portfolio_async (store, items, NULL, portfolio_saved_cb, NULL);
}

void
lancer_ai_service_init_options (LancerAiService       *self,
                                LancerProposalOptions *options,
                                guint                  n_variants)
{
  g_autofree char *length = NULL;
  g_autofree char *tone = NULL;
  g_autofree char *model = NULL;

  g_return_if_fail (LANCER_IS_AI_SERVICE (self));

  lancer_proposal_options_init (options);
  options->n_variants = MAX (n_variants, 1);
  length = g_settings_get_string (self->settings, "ai-proposal-length");
  if (g_str_equal (length, "short"))
    options->length = LANCER_PROPOSAL_SHORT;
  else if (g_str_equal (length, "long"))
    options->length = LANCER_PROPOSAL_LONG;
  else
    options->length = LANCER_PROPOSAL_MEDIUM;
  /* Interned so the borrowed pointers in options stay valid. */
  tone = g_settings_get_string (self->settings, "ai-proposal-tone");
  options->tone = g_intern_string (tone);
  model = lancer_ai_service_dup_model (self);
  options->model = g_intern_string (model);
}

char *
lancer_ai_service_dup_preview (LancerAiService             *self,
                               LancerJob                   *job,
                               const LancerProposalOptions *options)
{
  g_autoptr(LancerAiJob) ai_job = NULL;
  g_autoptr(LancerAiProfile) profile = NULL;
  g_autoptr(LancerProposalWriter) writer = NULL;
  g_autoptr(LancerAiRequest) request = NULL;
  g_autoptr(LancerAiProvider) provider = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (LANCER_IS_AI_SERVICE (self), NULL);
  g_return_val_if_fail (LANCER_IS_JOB (job), NULL);

  /* The preview needs no key: a keyless provider only builds the request. */
  provider = lancer_ai_provider_new_for_id (lancer_ai_service_get_provider_id (self), NULL, "", NULL);
  if (provider == NULL)
    return g_strdup ("");
  ai_job = lancer_ai_service_job_from_model (job);
  profile = lancer_ai_service_dup_writer_profile (self);
  writer = lancer_proposal_writer_new (provider);
  request = lancer_proposal_writer_build_request (writer, ai_job, profile, options, 0);

  if (request->system != NULL)
    g_string_append_printf (text, "%s\n%s\n\n", _("Instructions:"), request->system);
  for (guint i = 0; i < request->messages->len; i++)
    {
      LancerAiMessage *message = g_ptr_array_index (request->messages, i);
      g_string_append_printf (text, "%s\n%s\n\n", _("Message:"), message->content);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Calls are recorded as they finish, with the job they were for. */

typedef struct
{
  LancerAiService *self;
  char            *job_id;
} CallContext;

static void
call_context_free (gpointer data,
                   GClosure *closure)
{
  CallContext *ctx = data;

  g_clear_object (&ctx->self);
  g_free (ctx->job_id);
  g_free (ctx);
}

static void
call_recorded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (lancer_store_ai_record_call_finish (LANCER_STORE (source), result, &error) == 0 && error != NULL)
    g_warning ("Could not record an AI call: %s", error->message);
}

static void
call_finished_cb (LancerAiProvider *provider,
                  LancerAiUsage    *usage,
                  CallContext      *ctx)
{
  LancerStore *store = lancer_session_get_store (ctx->self->session);
  LancerAuditLog *audit = lancer_session_get_audit_log (ctx->self->session);

  if (store != NULL)
    lancer_store_ai_record_call_async (store, usage, ctx->job_id, NULL, call_recorded_cb, NULL);

  if (audit != NULL)
    {
      /* Counts only: never the prompt or the answer. Built, not printed:
       * the model name is the user's text, and %f writes a decimal comma
       * in some locales. */
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *detail = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "provider");
      json_builder_add_string_value (builder, usage->provider ? usage->provider : "");
      json_builder_set_member_name (builder, "model");
      json_builder_add_string_value (builder, usage->model ? usage->model : "");
      json_builder_set_member_name (builder, "tokens_in");
      json_builder_add_int_value (builder, usage->input_tokens);
      json_builder_set_member_name (builder, "tokens_out");
      json_builder_add_int_value (builder, usage->output_tokens);
      json_builder_set_member_name (builder, "cost_usd");
      json_builder_add_double_value (builder, usage->cost_usd);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, usage->error_code ? usage->error_code
                                                                : (usage->partial ? "partial" : "ok"));
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      detail = json_generator_to_data (generator, NULL);
      lancer_audit_record (audit, LANCER_AUDIT_AI_CALL, usage->purpose ? usage->purpose : "call", detail);
    }
}

/* A stored base URL belongs to the provider it was set for: the
 * LANCER_*_BASE_URL overrides (tests, proxies) win when it is empty. */
static LancerAiProvider *
new_provider (LancerAiService  *self,
              const char       *provider_id,
              const char       *api_key,
              GError          **error)
{
  g_autofree char *base_url = g_strstrip (g_settings_get_string (self->settings, "ai-base-url"));

  return lancer_ai_provider_new_for_id (provider_id, *base_url ? base_url : NULL, api_key, error);
}

/* The provider for a call, recording each call it makes. */
static LancerAiProvider *
make_provider (LancerAiService  *self,
               const char       *provider_id,
               const char       *api_key,
               const char       *job_id,
               GError          **error)
{
  LancerAiProvider *provider = new_provider (self, provider_id, api_key, error);
  CallContext *ctx;

  if (provider == NULL)
    return NULL;

  ctx = g_new0 (CallContext, 1);
  ctx->self = g_object_ref (self);
  ctx->job_id = g_strdup (job_id);
  g_signal_connect_data (provider, "call-finished", G_CALLBACK (call_finished_cb), ctx,
                         call_context_free, 0);
  return provider;
}

/* The steps every call takes: budget → key → portfolio → provider. */

typedef enum
{
  OP_PROVIDER,
  OP_PROPOSAL,
  OP_ANALYSIS,
} OpKind;

typedef struct
{
  OpKind                 kind;
  LancerJob             *job;
  char                  *job_id;
  char                  *provider_id;
  char                  *model;
  LancerAiProvider      *provider;
  LancerProposalOptions  options;
  char                  *tone;
  LancerProposalDeltaFunc delta_func;
  gpointer               delta_data;
  GDestroyNotify         delta_destroy;
  GPtrArray             *texts;      /* GString per variant */
  GPtrArray             *drafts;     /* LancerAiDraft */
  LancerJobAnalysis     *analysis;
  GError                *error;      /* the stream's error, returned after saving */
} Op;

static void
op_free (Op *op)
{
  if (op->delta_destroy != NULL)
    op->delta_destroy (op->delta_data);
  g_clear_object (&op->job);
  g_free (op->job_id);
  g_free (op->provider_id);
  g_free (op->model);
  g_free (op->tone);
  g_clear_object (&op->provider);
  g_clear_pointer (&op->texts, g_ptr_array_unref);
  g_clear_pointer (&op->drafts, g_ptr_array_unref);
  g_clear_pointer (&op->analysis, lancer_job_analysis_free);
  g_clear_error (&op->error);
  g_free (op);
}

static void
string_free (gpointer data)
{
  g_string_free (data, TRUE);
}

static void start_work (GTask *task);

static void
portfolio_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LancerAiService *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = lancer_store_ai_load_portfolio_finish (LANCER_STORE (source), result, &error);

  if (items != NULL)
    set_portfolio (self, items);
  else if (error != NULL)
    g_warning ("Could not load the portfolio: %s", error->message);
  start_work (g_steal_pointer (&task));
}

static void
key_looked_up_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LancerAiService *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  LancerStore *store;

  /* No result: a local server, which needs no key. */
  if (result != NULL)
    {
      key = lancer_secrets_lookup_finish (result, &error);
      if (error != NULL)
        {
          g_task_return_new_error (task, LANCER_AI_ERROR, LANCER_AI_ERROR_NO_KEY,
                                   _("The keyring did not give out the %s API key (%s). Unlock the keyring and try again."),
                                   lancer_ai_service_get_provider_name (op->provider_id), error->message);
          return;
        }
      if (key == NULL || *key == '\0')
        {
          g_task_return_new_error (task, LANCER_AI_ERROR, LANCER_AI_ERROR_NO_KEY,
                                   _("No %s API key is set. Paste one in Preferences → AI, or choose a local model."),
                                   lancer_ai_service_get_provider_name (op->provider_id));
          return;
        }
    }

  op->provider = make_provider (self, op->provider_id, key, op->job_id, &error);
  if (op->provider == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  store = lancer_session_get_store (self->session);
  if (op->kind != OP_PROVIDER && !self->portfolio_loaded && store != NULL)
    {
      lancer_store_ai_load_portfolio_async (store, NULL, portfolio_loaded_cb, g_steal_pointer (&task));
      return;
    }
  start_work (g_steal_pointer (&task));
}

static void
lookup_key (GTask *task)
{
  LancerAiService *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  const char *secret = lancer_ai_service_get_secret_name (op->provider_id);

  if (secret == NULL)
    {
      key_looked_up_cb (NULL, NULL, task);
      return;
    }
  lancer_secrets_lookup_async (lancer_profile_get_id (lancer_session_get_profile (self->session)),
                               secret, g_task_get_cancellable (task), key_looked_up_cb, task);
}

static gboolean
check_budget (LancerAiService      *self,
              double                spend,
              LancerAiBudgetState  *state,
              GError              **error)
{
  double limit = g_settings_get_double (self->settings, "ai-monthly-budget");
  gboolean override = g_settings_get_boolean (self->settings, "ai-budget-override");

  if (!lancer_ai_budget_check (spend, limit, override, state, error))
    {
      g_clear_error (error);
      g_set_error (error, LANCER_AI_ERROR, LANCER_AI_ERROR_BUDGET_EXCEEDED,
                   _("This month’s AI budget of $%.2f is spent ($%.2f so far). Raise the budget or allow going over it in Preferences → AI."),
                   limit, spend);
      return FALSE;
    }
  return TRUE;
}

static void
op_spend_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LancerAiService *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  double spend = 0;

  if (!lancer_store_ai_month_spend_finish (LANCER_STORE (source), result, &spend, &error) ||
      !check_budget (self, spend, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  lookup_key (g_steal_pointer (&task));
}

static GTask *
op_task_new (LancerAiService     *self,
             OpKind               kind,
             LancerJob           *job,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  g_task_set_source_tag (task, source_tag);
  /* A stopped stream still saves its partial drafts before returning. */
  g_task_set_check_cancellable (task, FALSE);
  op->kind = kind;
  op->provider_id = g_strdup (lancer_ai_service_get_provider_id (self));
  op->model = lancer_ai_service_dup_model (self);
  if (job != NULL)
    {
      op->job = g_object_ref (job);
      op->job_id = g_strdup (lancer_job_get_id (job));
    }
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  return task;
}

/* The profile's store, or NULL after failing @task: the session opens it
 * in the background. */
static LancerStore *
store_or_fail (LancerAiService *self,
               GTask           *task)
{
  LancerStore *store = lancer_session_get_store (self->session);

  if (store == NULL)
    g_task_return_new_error (task, LANCER_AI_ERROR, LANCER_AI_ERROR_FAILED,
                             _("The profile is not open yet. Try again in a moment."));
  return store;
}

static void
op_start (GTask *task)
{
  LancerAiService *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  LancerStore *store;

  if (op->kind == OP_PROVIDER)
    {
      lookup_key (task);
      return;
    }
  store = store_or_fail (self, task);
  if (store == NULL)
    {
      g_object_unref (task);
      return;
    }
  lancer_store_ai_month_spend_async (store, NULL, op_spend_cb, task);
}

/* Provider */

void
lancer_ai_service_get_provider_async (LancerAiService     *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_AI_SERVICE (self));
  op_start (op_task_new (self, OP_PROVIDER, NULL, lancer_ai_service_get_provider_async,
                         cancellable, callback, user_data));
}

LancerAiProvider *
lancer_ai_service_get_provider_finish (LancerAiService  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Proposal */

static void
proposal_delta_cb (guint       variant,
                   const char *delta,
                   gsize       len,
                   gpointer    user_data)
{
  Op *op = user_data;

  if (variant < op->texts->len)
    g_string_append_len (g_ptr_array_index (op->texts, variant), delta, len);
  if (op->delta_func != NULL)
    op->delta_func (variant, delta, len, op->delta_data);
}

/* The drafts, or the stream's own error once they are kept. */
static void
return_drafts (GTask *task,
               Op    *op)
{
  if (op->error != NULL)
    g_task_return_error (task, g_steal_pointer (&op->error));
  else
    g_task_return_pointer (task, g_ptr_array_ref (op->drafts), (GDestroyNotify) g_ptr_array_unref);
}

static void
drafts_saved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!lancer_store_ai_save_drafts_finish (LANCER_STORE (source), result, &error))
    {
      /* Losing a draft matters more than the stream's own problem. */
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  return_drafts (task, op);
}

static void
proposal_streamed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LancerAiService *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GPtrArray) results = NULL;
  LancerStore *store = lancer_session_get_store (self->session);

  results = lancer_proposal_writer_stream_finish (LANCER_PROPOSAL_WRITER (source), result, &op->error);

  op->drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_ai_draft_free);
  for (guint i = 0; i < op->texts->len; i++)
    {
      GString *text = g_ptr_array_index (op->texts, i);
      LancerAiResult *r = (results != NULL && i < results->len) ? g_ptr_array_index (results, i) : NULL;
      LancerAiDraft *draft;

      /* Nothing arrived for this variant: there is nothing to keep. */
      if (r == NULL && text->len == 0)
        continue;
      draft = lancer_ai_draft_new (op->job_id, i);
      draft->strategy = g_strdup (lancer_proposal_writer_get_strategy (i));
      draft->text = g_strdup (r != NULL && r->text != NULL && strlen (r->text) >= text->len ? r->text : text->str);
      draft->partial = r == NULL || r->partial;
      g_ptr_array_add (op->drafts, draft);
    }

  if (op->drafts->len == 0 || store == NULL)
    {
      return_drafts (task, op);
      return;
    }
  lancer_store_ai_save_drafts_async (store, op->drafts, NULL, drafts_saved_cb, g_steal_pointer (&task));
}

static void
analysis_saved_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (lancer_store_ai_save_analysis_finish (LANCER_STORE (source), result, &error) == 0 && error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&op->analysis), (GDestroyNotify) lancer_job_analysis_free);
}

static void
analysis_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LancerAiService *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  op->analysis = lancer_job_analysis_run_finish (result, &error);
  if (op->analysis == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  lancer_store_ai_save_analysis_async (lancer_session_get_store (self->session), op->job_id, 0,
                                       op->provider_id, op->model, op->analysis, NULL,
                                       analysis_saved_cb, g_steal_pointer (&task));
}

static void
start_work (GTask *task)
{
  LancerAiService *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(LancerAiJob) ai_job = NULL;
  g_autoptr(LancerAiProfile) profile = NULL;

  switch (op->kind)
    {
    case OP_PROVIDER:
      g_task_return_pointer (task, g_steal_pointer (&op->provider), g_object_unref);
      g_object_unref (task);
      return;

    case OP_PROPOSAL:
      {
        g_autoptr(LancerProposalWriter) writer = lancer_proposal_writer_new (op->provider);

        ai_job = lancer_ai_service_job_from_model (op->job);
        profile = lancer_ai_service_dup_writer_profile (self);
        op->texts = g_ptr_array_new_with_free_func (string_free);
        for (guint i = 0; i < op->options.n_variants; i++)
          g_ptr_array_add (op->texts, g_string_new (NULL));
        lancer_proposal_writer_stream_async (writer, ai_job, profile, &op->options,
                                             proposal_delta_cb, op, NULL,
                                             g_task_get_cancellable (task),
                                             proposal_streamed_cb, task);
      }
      return;

    case OP_ANALYSIS:
      ai_job = lancer_ai_service_job_from_model (op->job);
      profile = lancer_ai_service_dup_writer_profile (self);
      lancer_job_analysis_run_async (op->provider, op->model, ai_job, profile,
                                     g_task_get_cancellable (task), analysis_done_cb, task);
      return;

    default:
      g_assert_not_reached ();
    }
}

void
lancer_ai_service_write_proposal_async (LancerAiService             *self,
                                        LancerJob                   *job,
                                        const LancerProposalOptions *options,
                                        LancerProposalDeltaFunc      delta_func,
                                        gpointer                     delta_data,
                                        GDestroyNotify               delta_destroy,
                                        GCancellable                *cancellable,
                                        GAsyncReadyCallback          callback,
                                        gpointer                     user_data)
{
  GTask *task;
  Op *op;

  g_return_if_fail (LANCER_IS_AI_SERVICE (self));
  g_return_if_fail (LANCER_IS_JOB (job));

  task = op_task_new (self, OP_PROPOSAL, job, lancer_ai_service_write_proposal_async,
                      cancellable, callback, user_data);
  op = g_task_get_task_data (task);
  if (options != NULL)
    op->options = *options;
  else
    lancer_ai_service_init_options (self, &op->options, 1);
  op->options.n_variants = MAX (op->options.n_variants, 1);
  op->tone = g_strdup (op->options.tone);
  op->options.tone = op->tone;
  if (op->options.model != NULL)
    {
      g_free (op->model);
      op->model = g_strdup (op->options.model);
    }
  op->options.model = op->model;
  /* Template dirs are only set by tests; keep a pointer that outlives the caller's. */
  op->options.template_dir = op->options.template_dir ? g_intern_string (op->options.template_dir) : NULL;
  op->delta_func = delta_func;
  op->delta_data = delta_data;
  op->delta_destroy = delta_destroy;
  op_start (task);
}

GPtrArray *
lancer_ai_service_write_proposal_finish (LancerAiService  *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lancer_ai_service_analyse_async (LancerAiService     *self,
                                 LancerJob           *job,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (LANCER_IS_AI_SERVICE (self));
  g_return_if_fail (LANCER_IS_JOB (job));

  op_start (op_task_new (self, OP_ANALYSIS, job, lancer_ai_service_analyse_async,
                         cancellable, callback, user_data));
}

LancerJobAnalysis *
lancer_ai_service_analyse_finish (LancerAiService  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Budget */

static void
budget_spend_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  double *spend = g_new0 (double, 1);

  if (!lancer_store_ai_month_spend_finish (LANCER_STORE (source), result, spend, &error))
    {
      g_free (spend);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, spend, g_free);
}

void
lancer_ai_service_check_budget_async (LancerAiService     *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LancerStore *store;

  g_return_if_fail (LANCER_IS_AI_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_ai_service_check_budget_async);
  store = lancer_session_get_store (self->session);
  if (store == NULL)
    {
      g_task_return_pointer (task, g_new0 (double, 1), g_free);
      return;
    }
  lancer_store_ai_month_spend_async (store, cancellable, budget_spend_cb, g_steal_pointer (&task));
}

gboolean
lancer_ai_service_check_budget_finish (LancerAiService      *self,
                                       GAsyncResult         *result,
                                       LancerAiBudgetState  *state,
                                       double               *spend_usd,
                                       GError              **error)
{
  g_autofree double *spend = NULL;
  LancerAiBudgetState local_state = LANCER_AI_BUDGET_OK;
  gboolean ok;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  spend = g_task_propagate_pointer (G_TASK (result), error);
  if (spend == NULL)
    return FALSE;
  if (spend_usd != NULL)
    *spend_usd = *spend;
  ok = check_budget (self, *spend, &local_state, error);
  if (state != NULL)
    *state = ok ? local_state : LANCER_AI_BUDGET_EXCEEDED;
  return ok;
}

/* Key test */

static void
models_listed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GStrv models = lancer_ai_provider_list_models_finish (LANCER_AI_PROVIDER (source), result, &error);

  if (models == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, models, (GDestroyNotify) g_strfreev);
}

void
lancer_ai_service_test_key_async (LancerAiService     *self,
                                  const char          *provider_id,
                                  const char          *api_key,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(LancerAiProvider) provider = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LANCER_IS_AI_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_ai_service_test_key_async);

  if (lancer_ai_service_get_secret_name (provider_id) != NULL && (api_key == NULL || *api_key == '\0'))
    {
      g_task_return_new_error (task, LANCER_AI_ERROR, LANCER_AI_ERROR_NO_KEY,
                               _("Paste an API key first."));
      return;
    }
  provider = new_provider (self, provider_id, api_key, &error);
  if (provider == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  lancer_ai_provider_list_models_async (provider, cancellable, models_listed_cb, g_steal_pointer (&task));
}

GStrv
lancer_ai_service_test_key_finish (LancerAiService  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Drafts */

static void
draft_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GPtrArray *drafts = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!lancer_store_ai_save_drafts_finish (LANCER_STORE (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_int (task, ((LancerAiDraft *) g_ptr_array_index (drafts, 0))->proposal_id);
}

void
lancer_ai_service_save_draft_async (LancerAiService     *self,
                                    const LancerAiDraft *draft,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *drafts;
  LancerStore *store;

  g_return_if_fail (LANCER_IS_AI_SERVICE (self));
  g_return_if_fail (draft != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_ai_service_save_draft_async);
  store = store_or_fail (self, task);
  if (store == NULL)
    return;
  drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_ai_draft_free);
  g_ptr_array_add (drafts, lancer_ai_draft_copy (draft));
  g_task_set_task_data (task, drafts, (GDestroyNotify) g_ptr_array_unref);
  lancer_store_ai_save_drafts_async (store, drafts, NULL, draft_saved_cb, g_steal_pointer (&task));
}

gint64
lancer_ai_service_save_draft_finish (LancerAiService  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  return g_task_propagate_int (G_TASK (result), error);
}
