/* lancer-alert-route.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-alerts"

#include "config.h"

#include <math.h>

#include "lancer-alert-route.h"

void
lancer_alert_route_get (GSettings  *settings,
                        const char *channel,
                        guint      *min_score,
                        GStrv      *searches)
{
  g_autoptr(GVariant) rules = NULL;
  g_autoptr(GVariant) rule = NULL;
  guint32 score = 0;
  g_auto(GStrv) names = NULL;

  if (settings != NULL)
    {
      rules = g_settings_get_value (settings, "alert-channel-rules");
      rule = g_variant_lookup_value (rules, channel, G_VARIANT_TYPE ("(uas)"));
    }
  if (rule != NULL)
    g_variant_get (rule, "(u^as)", &score, &names);
  if (min_score != NULL)
    *min_score = score;
  if (searches != NULL)
    *searches = names != NULL ? g_steal_pointer (&names) : g_new0 (char *, 1);
}

void
lancer_alert_route_set (GSettings          *settings,
                        const char         *channel,
                        guint               min_score,
                        const char * const *searches)
{
  g_autoptr(GVariant) rules = g_settings_get_value (settings, "alert-channel-rules");
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{s(uas)}"));
  g_variant_iter_init (&iter, rules);
  while (g_variant_iter_next (&iter, "{&s@(uas)}", &key, &value))
    {
      if (!g_str_equal (key, channel))
        g_variant_builder_add (&builder, "{s@(uas)}", key, value);
      g_variant_unref (value);
    }
  g_variant_builder_add (&builder, "{s@(uas)}", channel,
                         g_variant_new ("(u^as)", MIN (min_score, 100), searches != NULL ? searches
                                                                       : (const char * const []) { NULL }));
  g_settings_set_value (settings, "alert-channel-rules", g_variant_builder_end (&builder));
}

gboolean
lancer_alert_route_allows (GSettings         *settings,
                           const char        *channel,
                           const LancerAlert *alert)
{
  g_auto(GStrv) searches = NULL;
  guint min_score = 0;

  g_return_val_if_fail (alert != NULL, FALSE);

  if (alert->type != LANCER_ALERT_JOB || alert->redacted)
    return TRUE;
  lancer_alert_route_get (settings, channel, &min_score, &searches);
  if (min_score > 0 && !isnan (alert->score) && alert->score < min_score)
    return FALSE;
  if (searches[0] != NULL &&
      !lancer_alert_searches_overlap ((const char * const *) alert->searches, (const char * const *) searches))
    return FALSE;
  return TRUE;
}
