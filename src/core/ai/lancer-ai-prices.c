/* lancer-ai-prices.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-ai"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lancer-ai-error.h"
#include "lancer-ai-prices.h"

/* Usage record */

G_DEFINE_BOXED_TYPE (LancerAiUsage, lancer_ai_usage, lancer_ai_usage_copy, lancer_ai_usage_free)

LancerAiUsage *
lancer_ai_usage_new (void)
{
  LancerAiUsage *usage = g_new0 (LancerAiUsage, 1);

  usage->ttft_ms = -1;
  return usage;
}

LancerAiUsage *
lancer_ai_usage_copy (const LancerAiUsage *usage)
{
  LancerAiUsage *copy;

  g_return_val_if_fail (usage != NULL, NULL);

  copy = g_memdup2 (usage, sizeof *usage);
  copy->provider = g_strdup (usage->provider);
  copy->base_url = g_strdup (usage->base_url);
  copy->model = g_strdup (usage->model);
  copy->response_model = g_strdup (usage->response_model);
  copy->purpose = g_strdup (usage->purpose);
  copy->request_id = g_strdup (usage->request_id);
  copy->stop_reason = g_strdup (usage->stop_reason);
  copy->error_code = g_strdup (usage->error_code);
  copy->price_table_version = g_strdup (usage->price_table_version);
  return copy;
}

void
lancer_ai_usage_free (LancerAiUsage *usage)
{
  if (usage == NULL)
    return;
  g_free (usage->provider);
  g_free (usage->base_url);
  g_free (usage->model);
  g_free (usage->response_model);
  g_free (usage->purpose);
  g_free (usage->request_id);
  g_free (usage->stop_reason);
  g_free (usage->error_code);
  g_free (usage->price_table_version);
  g_free (usage);
}

/* Price table */

/* USD per million tokens. The Anthropic Opus row is from ai-apis.md §6
 * (Claude pricing page); the other rows are the providers' published list
 * prices at the time of writing. Prices move: the table is editable and
 * every usage record carries the table version it was priced with. */
static const LancerAiPrice default_prices[] = {
  /* model                 input   cache_write cache_read output */
  { "gpt-4.1",              2.00,  0.00,       0.50,       8.00 },
  { "gpt-4.1-mini",         0.40,  0.00,       0.10,       1.60 },
  { "gpt-4.1-nano",         0.10,  0.00,       0.025,      0.40 },
  { "gpt-4o",               2.50,  0.00,       1.25,      10.00 },
  { "gpt-4o-mini",          0.15,  0.00,       0.075,      0.60 },
  { "gpt-5",                1.25,  0.00,       0.125,     10.00 },
  { "gpt-5-mini",           0.25,  0.00,       0.025,      2.00 },
  { "gpt-5-nano",           0.05,  0.00,       0.005,      0.40 },
  { "o4-mini",              1.10,  0.00,       0.275,      4.40 },
  { "claude-haiku-4-5",     1.00,  1.25,       0.10,       5.00 },
  { "claude-sonnet-4-5",    3.00,  3.75,       0.30,      15.00 },
  { "claude-sonnet-4-6",    3.00,  3.75,       0.30,      15.00 },
  { "claude-opus-4-5",      5.00,  6.25,       0.50,      25.00 },
  { "claude-opus-4-6",      5.00,  6.25,       0.50,      25.00 },
  { "claude-opus-4-7",      5.00,  6.25,       0.50,      25.00 },
  { "claude-opus-4-8",      5.00,  6.25,       0.50,      25.00 },
  { "claude-opus-5",        5.00,  6.25,       0.50,      25.00 },
};

#define DEFAULT_VERSION "builtin-2026-01"

struct _LancerAiPrices
{
  GObject     parent_instance;
  GHashTable *models;     /* char* → LancerAiPrice* (model points at the key) */
  char       *version;
};

G_DEFINE_FINAL_TYPE (LancerAiPrices, lancer_ai_prices, G_TYPE_OBJECT)

static void
lancer_ai_prices_finalize (GObject *object)
{
  LancerAiPrices *self = (LancerAiPrices *) object;

  g_clear_pointer (&self->models, g_hash_table_unref);
  g_clear_pointer (&self->version, g_free);
  G_OBJECT_CLASS (lancer_ai_prices_parent_class)->finalize (object);
}

static void
lancer_ai_prices_class_init (LancerAiPricesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lancer_ai_prices_finalize;
}

static void
lancer_ai_prices_init (LancerAiPrices *self)
{
  self->models = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->version = g_strdup ("empty");
}

LancerAiPrices *
lancer_ai_prices_new_empty (void)
{
  return g_object_new (LANCER_TYPE_AI_PRICES, NULL);
}

LancerAiPrices *
lancer_ai_prices_new (void)
{
  LancerAiPrices *self = lancer_ai_prices_new_empty ();

  for (guint i = 0; i < G_N_ELEMENTS (default_prices); i++)
    {
      const LancerAiPrice *p = &default_prices[i];
      lancer_ai_prices_set (self, p->model, p->input, p->cache_write, p->cache_read, p->output);
    }
  g_free (self->version);
  self->version = g_strdup (DEFAULT_VERSION);
  return self;
}

LancerAiPrices *
lancer_ai_prices_get_default (void)
{
  static LancerAiPrices *instance;

  if (g_once_init_enter (&instance))
    g_once_init_leave (&instance, lancer_ai_prices_new ());
  return instance;
}

const char *
lancer_ai_prices_get_version (LancerAiPrices *self)
{
  g_return_val_if_fail (LANCER_IS_AI_PRICES (self), NULL);
  return self->version;
}

void
lancer_ai_prices_set (LancerAiPrices *self,
                      const char     *model,
                      double          input,
                      double          cache_write,
                      double          cache_read,
                      double          output)
{
  LancerAiPrice *p;
  char *key;

  g_return_if_fail (LANCER_IS_AI_PRICES (self));
  g_return_if_fail (model != NULL && *model != '\0');

  key = g_strdup (model);
  p = g_new0 (LancerAiPrice, 1);
  p->model = key;
  p->input = MAX (input, 0);
  p->cache_write = MAX (cache_write, 0);
  p->cache_read = MAX (cache_read, 0);
  p->output = MAX (output, 0);
  g_hash_table_replace (self->models, key, p);
}

const LancerAiPrice *
lancer_ai_prices_lookup (LancerAiPrices *self,
                         const char     *model)
{
  GHashTableIter iter;
  gpointer key, value;
  const LancerAiPrice *best = NULL;
  gsize best_len = 0;

  g_return_val_if_fail (LANCER_IS_AI_PRICES (self), NULL);

  if (model == NULL)
    return NULL;
  if ((best = g_hash_table_lookup (self->models, model)) != NULL)
    return best;

  /* "gpt-4.1-mini-2025-04-14" is priced as "gpt-4.1-mini"; "gpt-5.4" is not
   * "gpt-5": a prefix counts only when a '-' follows it. */
  g_hash_table_iter_init (&iter, self->models);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gsize len = strlen (key);

      if (len > best_len && strncmp (model, key, len) == 0 && model[len] == '-')
        {
          best = value;
          best_len = len;
        }
    }
  return best;
}

static double
member_double (JsonObject *obj,
               const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  return json_node_get_double (node);
}

static gboolean
load_json (LancerAiPrices  *self,
           const char      *data,
           gssize           len,
           GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonObject *models;
  GList *names;

  if (!json_parser_load_from_data (parser, data, len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, LANCER_AI_ERROR, LANCER_AI_ERROR_INVALID_JSON,
                   _("The price table is not valid JSON. Fix the file or remove it to use the built-in prices."));
      return FALSE;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "models") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "models")))
    {
      g_set_error (error, LANCER_AI_ERROR, LANCER_AI_ERROR_INVALID_JSON,
                   _("The price table has no “models” object. Fix the file or remove it to use the built-in prices."));
      return FALSE;
    }
  models = json_object_get_object_member (root, "models");
  names = json_object_get_members (models);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (models, l->data);
      JsonObject *p;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      p = json_node_get_object (node);
      lancer_ai_prices_set (self, l->data,
                            member_double (p, "input"),
                            member_double (p, "cache_write"),
                            member_double (p, "cache_read"),
                            member_double (p, "output"));
    }
  g_list_free (names);
  if (json_object_has_member (root, "version"))
    {
      g_free (self->version);
      self->version = g_strdup (json_object_get_string_member_with_default (root, "version", "custom"));
    }
  else
    {
      g_free (self->version);
      self->version = g_strdup ("custom");
    }
  return TRUE;
}

static gboolean
load_keyfile (LancerAiPrices  *self,
              const char      *data,
              gssize           len,
              GError         **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_auto(GStrv) groups = NULL;

  if (!g_key_file_load_from_data (kf, data, len < 0 ? strlen (data) : (gsize) len,
                                  G_KEY_FILE_NONE, NULL))
    {
      g_set_error (error, LANCER_AI_ERROR, LANCER_AI_ERROR_INVALID_JSON,
                   _("The price table could not be read. Fix the file or remove it to use the built-in prices."));
      return FALSE;
    }
  groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (g_str_equal (groups[i], "Prices"))
        {
          g_autofree char *version = g_key_file_get_string (kf, groups[i], "version", NULL);
          if (version != NULL)
            {
              g_free (self->version);
              self->version = g_steal_pointer (&version);
            }
          continue;
        }
      lancer_ai_prices_set (self, groups[i],
                            g_key_file_get_double (kf, groups[i], "input", NULL),
                            g_key_file_get_double (kf, groups[i], "cache_write", NULL),
                            g_key_file_get_double (kf, groups[i], "cache_read", NULL),
                            g_key_file_get_double (kf, groups[i], "output", NULL));
    }
  return TRUE;
}

gboolean
lancer_ai_prices_load_data (LancerAiPrices  *self,
                            const char      *data,
                            gssize           len,
                            GError         **error)
{
  gsize n;
  gsize i = 0;

  g_return_val_if_fail (LANCER_IS_AI_PRICES (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  n = len < 0 ? strlen (data) : (gsize) len;
  while (i < n && g_ascii_isspace (data[i]))
    i++;
  if (i < n && data[i] == '{')
    return load_json (self, data, n, error);
  return load_keyfile (self, data, n, error);
}

void
lancer_ai_prices_apply (LancerAiPrices *self,
                        LancerAiUsage  *usage)
{
  const LancerAiPrice *p;
  gint64 uncached;

  g_return_if_fail (LANCER_IS_AI_PRICES (self));
  g_return_if_fail (usage != NULL);

  g_free (usage->price_table_version);
  usage->price_table_version = g_strdup (self->version);

  if (g_strcmp0 (usage->provider, "ollama") == 0 ||
      g_strcmp0 (usage->provider, "openai-compatible") == 0)
    {
      usage->cost_usd = 0;
      usage->cost_known = TRUE;
      return;
    }

  p = lancer_ai_prices_lookup (self, usage->model);
  if (p == NULL && usage->response_model != NULL)
    p = lancer_ai_prices_lookup (self, usage->response_model);
  if (p == NULL)
    {
      usage->cost_usd = 0;
      usage->cost_known = FALSE;
      return;
    }

  uncached = usage->input_tokens - usage->cached_tokens - usage->cache_write_tokens;
  uncached = MAX (uncached, 0);
  usage->cost_usd = ((double) uncached * p->input +
                     (double) usage->cached_tokens * p->cache_read +
                     (double) usage->cache_write_tokens * (p->cache_write > 0 ? p->cache_write : p->input) +
                     (double) usage->output_tokens * p->output) / 1e6;
  usage->cost_known = TRUE;
}

/* Budget */

LancerAiBudgetState
lancer_ai_budget_state (double month_spend_usd,
                        double limit_usd)
{
  if (limit_usd <= 0)
    return LANCER_AI_BUDGET_OK;
  if (month_spend_usd >= limit_usd)
    return LANCER_AI_BUDGET_EXCEEDED;
  if (month_spend_usd >= 0.8 * limit_usd)
    return LANCER_AI_BUDGET_WARN;
  return LANCER_AI_BUDGET_OK;
}

gboolean
lancer_ai_budget_check (double                month_spend_usd,
                        double                limit_usd,
                        gboolean              override,
                        LancerAiBudgetState  *state,
                        GError              **error)
{
  LancerAiBudgetState s = lancer_ai_budget_state (month_spend_usd, limit_usd);

  if (state != NULL)
    *state = s;
  if (s == LANCER_AI_BUDGET_EXCEEDED && !override)
    {
      g_set_error (error, LANCER_AI_ERROR, LANCER_AI_ERROR_BUDGET_EXCEEDED,
                   _("This month’s AI budget of $%.2f is used up ($%.2f spent). Raise the budget in Preferences or allow this request once."),
                   limit_usd, month_spend_usd);
      return FALSE;
    }
  return TRUE;
}
