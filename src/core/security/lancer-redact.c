/* lancer-redact.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-security"

#include "config.h"

#include <string.h>
#include <sodium.h>

#include "lancer-redact.h"
#include "lancer-redact-private.h"

/* Nothing in this file may log: it runs inside the log writer. */

#define MIN_SECRET_LEN 8

static GMutex     registry_mutex;
static GPtrArray *registry;      /* owned secret copies, longest first */

typedef struct
{
  const char *pattern;
  const char *replacement;
  gboolean    strict_only;
} Rule;

static const Rule rules[] = {
  /* Authorization headers and friends. */
  { "(?i)\\b(bearer)(\\s+)[A-Za-z0-9\\-._~+/]{8,}=*", "\\1\\2" LANCER_REDACTED, FALSE },
  /* key=value, key: value, "key": "value" where the key names a secret. */
  { "(?i)((?:access|refresh|id|auth|bot|api|client|session|private|secret)?[_-]?"
    "(?:token|secret|api[_-]?key|apikey|password|passwd|pwd|authorization|cookie)"
    "[\"']?\\s*[:=]\\s*[\"']?)(?!\\[redacted\\]|(?i:bearer|basic)\\s)([^\\s\"'&,;}]{4,})", "\\1" LANCER_REDACTED, FALSE },
  /* OpenAI / Anthropic style keys. */
  { "\\bsk-[A-Za-z0-9_\\-]{16,}", LANCER_REDACTED, FALSE },
  /* JSON Web Tokens. */
  { "\\beyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]*", LANCER_REDACTED, FALSE },
  /* Telegram bot tokens. */
  { "\\b[0-9]{6,12}:[A-Za-z0-9_\\-]{30,}", LANCER_REDACTED, FALSE },
  /* Strict (audit details): long random-looking strings and base32 secrets. */
  { "(?<![A-Za-z0-9_\\-])(?=[A-Za-z0-9_\\-]*[0-9])(?=[A-Za-z0-9_\\-]*[A-Za-z])[A-Za-z0-9_\\-+/]{32,}={0,2}",
    LANCER_REDACTED, TRUE },
  { "\\b[A-Z2-7]{24,}={0,6}", LANCER_REDACTED, TRUE },
};

static GRegex *
get_regex (guint i)
{
  static GRegex *compiled[G_N_ELEMENTS (rules)];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint j = 0; j < G_N_ELEMENTS (rules); j++)
        {
          compiled[j] = g_regex_new (rules[j].pattern, G_REGEX_OPTIMIZE, 0, NULL);
          g_assert (compiled[j] != NULL);
        }
      g_once_init_leave (&initialized, 1);
    }
  return compiled[i];
}

static int
longest_first (gconstpointer a,
               gconstpointer b)
{
  gsize la = strlen (*(const char * const *) a);
  gsize lb = strlen (*(const char * const *) b);

  return (la < lb) - (la > lb);
}

static void
wipe_free (gpointer data)
{
  char *str = data;

  sodium_memzero (str, strlen (str));
  g_free (str);
}

void
lancer_redact_register_secret (const char *secret)
{
  if (secret == NULL || strlen (secret) < MIN_SECRET_LEN)
    return;

  g_mutex_lock (&registry_mutex);
  if (registry == NULL)
    registry = g_ptr_array_new_with_free_func (wipe_free);
  for (guint i = 0; i < registry->len; i++)
    if (g_str_equal (registry->pdata[i], secret))
      {
        g_mutex_unlock (&registry_mutex);
        return;
      }
  g_ptr_array_add (registry, g_strdup (secret));
  g_ptr_array_sort (registry, longest_first);
  g_mutex_unlock (&registry_mutex);
}

void
lancer_redact_unregister_secret (const char *secret)
{
  if (secret == NULL)
    return;

  g_mutex_lock (&registry_mutex);
  for (guint i = 0; registry != NULL && i < registry->len; i++)
    if (g_str_equal (registry->pdata[i], secret))
      {
        g_ptr_array_remove_index (registry, i);
        break;
      }
  g_mutex_unlock (&registry_mutex);
}

void
lancer_redact_clear_secrets (void)
{
  g_mutex_lock (&registry_mutex);
  if (registry != NULL)
    g_ptr_array_set_size (registry, 0);
  g_mutex_unlock (&registry_mutex);
}

static char *
mask_registered (const char *text)
{
  GString *out = NULL;

  g_mutex_lock (&registry_mutex);
  for (guint i = 0; registry != NULL && i < registry->len; i++)
    {
      const char *secret = registry->pdata[i];
      const char *haystack = out ? out->str : text;

      if (strstr (haystack, secret) == NULL)
        continue;
      if (out == NULL)
        out = g_string_new (text);
      g_string_replace (out, secret, LANCER_REDACTED, 0);
    }
  g_mutex_unlock (&registry_mutex);

  return out ? g_string_free (out, FALSE) : g_strdup (text);
}

char *
_lancer_redact_string_full (const char *text,
                            gboolean    strict)
{
  char *result;

  if (text == NULL)
    return NULL;

  result = mask_registered (text);
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      char *replaced;

      if (rules[i].strict_only && !strict)
        continue;
      if (!g_regex_match (get_regex (i), result, 0, NULL))
        continue;
      replaced = g_regex_replace (get_regex (i), result, -1, 0, rules[i].replacement, 0, NULL);
      if (replaced != NULL)
        {
          wipe_free (result);
          result = replaced;
        }
    }
  return result;
}

char *
lancer_redact_string (const char *text)
{
  return _lancer_redact_string_full (text, FALSE);
}

gboolean
lancer_redact_needs_redaction (const char *text)
{
  g_autofree char *redacted = NULL;

  if (text == NULL)
    return FALSE;
  redacted = lancer_redact_string (text);
  return !g_str_equal (redacted, text);
}

/* The log writer */

static GMutex         writer_mutex;
static gboolean       writer_installed;
static GLogWriterFunc writer_inner;
static gpointer       writer_inner_data;
static GDestroyNotify writer_inner_data_free;

static GLogWriterOutput
redacting_writer (GLogLevelFlags   log_level,
                  const GLogField *fields,
                  gsize            n_fields,
                  gpointer         user_data)
{
  g_autofree GLogField *copy = NULL;
  g_autofree char *message = NULL;
  GLogWriterFunc inner;
  gpointer inner_data;

  g_mutex_lock (&writer_mutex);
  inner = writer_inner ? writer_inner : g_log_writer_default;
  inner_data = writer_inner_data;
  g_mutex_unlock (&writer_mutex);

  /* A debug message GLib will not print needs no redacting (the patterns
   * are compiled on first use, and this keeps that off the start-up path). */
  if (inner == g_log_writer_default && log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    {
      const char *domain = NULL;

      for (gsize i = 0; i < n_fields; i++)
        if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
          domain = fields[i].value;
      if (g_log_writer_default_would_drop (log_level, domain))
        return G_LOG_WRITER_HANDLED;
    }

  copy = g_memdup2 (fields, sizeof (GLogField) * n_fields);
  for (gsize i = 0; i < n_fields; i++)
    {
      g_autofree char *owned = NULL;
      const char *value;

      if (g_strcmp0 (fields[i].key, "MESSAGE") != 0 || fields[i].value == NULL)
        continue;
      if (fields[i].length < 0)
        value = fields[i].value;
      else
        value = owned = g_strndup (fields[i].value, fields[i].length);
      g_clear_pointer (&message, g_free);
      message = lancer_redact_string (value);
      copy[i].value = message;
      copy[i].length = -1;
    }
  return inner (log_level, copy, n_fields, inner_data);
}

GLogWriterOutput
lancer_redact_log_writer (GLogLevelFlags   log_level,
                          const GLogField *fields,
                          gsize            n_fields,
                          gpointer         user_data)
{
  return redacting_writer (log_level, fields, n_fields, NULL);
}

void
lancer_redact_install_log_writer (GLogWriterFunc inner,
                                  gpointer       inner_data,
                                  GDestroyNotify inner_data_free)
{
  GDestroyNotify old_free;
  gpointer old_data;
  gboolean install;

  g_mutex_lock (&writer_mutex);
  old_free = writer_inner_data_free;
  old_data = writer_inner_data;
  writer_inner = inner;
  writer_inner_data = inner_data;
  writer_inner_data_free = inner_data_free;
  install = !writer_installed;
  writer_installed = TRUE;
  g_mutex_unlock (&writer_mutex);

  if (old_free != NULL && old_data != NULL)
    old_free (old_data);
  /* g_log_set_writer_func() may only be called once; later calls just
   * change where redacted records go. */
  if (install)
    g_log_set_writer_func (redacting_writer, NULL, NULL);
}
