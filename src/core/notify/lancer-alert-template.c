/* lancer-alert-template.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-alerts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lancer-alert-template.h"

static const LancerAlertTemplateField fields[] = {
  { "title", N_("the job’s title") },
  { "budget", N_("fixed price or hourly range") },
  { "proposals", N_("how many proposals it has") },
  { "client", N_("the client’s country, spend, rating and payment") },
  { "score", N_("Lancer’s score, 0–100") },
  { "link", N_("the job on Upwork") },
  { "searches", N_("the saved searches it matched") },
  { NULL, NULL },
};

const LancerAlertTemplateField *
lancer_alert_template_fields (void)
{
  return fields;
}

static char *
field_value (const LancerAlert *alert,
             const char        *name)
{
  if (g_str_equal (name, "title"))
    return g_strdup (alert->title);
  if (g_str_equal (name, "budget"))
    return g_strdup (alert->budget);
  if (g_str_equal (name, "proposals"))
    return g_strdup (alert->proposals);
  if (g_str_equal (name, "client"))
    return g_strdup (alert->client);
  if (g_str_equal (name, "score"))
    return isnan (alert->score) ? g_strdup ("–") : g_strdup_printf ("%.0f", alert->score);
  if (g_str_equal (name, "link"))
    return g_strdup (alert->url);
  if (g_str_equal (name, "searches"))
    return alert->searches != NULL ? g_strjoinv (", ", alert->searches) : NULL;
  return NULL;
}

static gboolean
is_field (const char *name)
{
  for (guint i = 0; fields[i].name != NULL; i++)
    if (g_str_equal (fields[i].name, name))
      return TRUE;
  return FALSE;
}

char *
lancer_alert_template_render (const char        *template_text,
                              const LancerAlert *alert)
{
  GString *out = g_string_new (NULL);
  const char *p = template_text;

  g_return_val_if_fail (alert != NULL, NULL);

  while (p != NULL && *p != '\0')
    {
      const char *close = *p == '{' ? strchr (p, '}') : NULL;

      if (close != NULL)
        {
          g_autofree char *name = g_strndup (p + 1, close - p - 1);

          if (is_field (name))
            {
              g_autofree char *value = field_value (alert, name);

              g_string_append (out, value != NULL ? value : "");
              p = close + 1;
              continue;
            }
        }
      g_string_append_c (out, *p);
      p++;
    }
  return g_string_free (out, FALSE);
}

char *
lancer_alert_template_get (GSettings  *settings,
                           const char *channel)
{
  g_autoptr(GVariant) templates = NULL;
  const char *text = NULL;

  if (settings == NULL)
    return NULL;
  templates = g_settings_get_value (settings, "alert-templates");
  if (!g_variant_lookup (templates, channel, "&s", &text) || text == NULL || *text == '\0')
    return NULL;
  return g_strdup (text);
}

void
lancer_alert_template_set (GSettings  *settings,
                           const char *channel,
                           const char *template_text)
{
  g_autoptr(GVariant) templates = g_settings_get_value (settings, "alert-templates");
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  const char *value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, templates);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    if (!g_str_equal (key, channel))
      g_variant_builder_add (&builder, "{ss}", key, value);
  if (template_text != NULL && *template_text != '\0')
    g_variant_builder_add (&builder, "{ss}", channel, template_text);
  g_settings_set_value (settings, "alert-templates", g_variant_builder_end (&builder));
}

LancerAlert *
lancer_alert_template_apply (GSettings         *settings,
                             const char        *channel,
                             const LancerAlert *alert)
{
  LancerAlert *copy = lancer_alert_copy (alert);
  g_autofree char *template_text = NULL;

  /* Redacted and summary alerts carry nothing private to fill in. */
  if (alert->type != LANCER_ALERT_JOB || alert->redacted)
    return copy;
  template_text = lancer_alert_template_get (settings, channel);
  if (template_text != NULL)
    {
      g_free (copy->body);
      copy->body = lancer_alert_template_render (template_text, alert);
    }
  return copy;
}

LancerAlert *
lancer_alert_template_sample (void)
{
  const char *searches[] = { "GTK", NULL };
  LancerAlert *alert;

  alert = lancer_alert_new_job ("~01sample", _("GTK 4 desktop app for a dental clinic"),
                                NULL, "https://www.upwork.com/jobs/~01sample", 86);
  lancer_alert_set_job_facts (alert, _("$1,500 fixed"), _("5 to 10 proposals"),
                              _("Germany · $24k spent · 4.9 ★ · payment verified"), searches);
  return alert;
}
