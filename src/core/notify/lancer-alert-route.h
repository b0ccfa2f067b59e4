/* lancer-alert-route.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-alert.h"

G_BEGIN_DECLS

/* Per-channel rules on top of the alert rules: which saved searches and
 * which minimum score reach a channel ("desktop", "telegram", "webhook",
 * "email", "sms"), from the alert-channel-rules setting (channel →
 * (minimum score, searches); no searches: every alerting search). Only
 * job alerts are filtered; summaries, digests, messages and notices go to
 * every channel that is on. Unscored jobs pass a minimum, as elsewhere. */

void      lancer_alert_route_get    (GSettings          *settings,
                                     const char         *channel,
                                     guint              *min_score,
                                     GStrv              *searches);
void      lancer_alert_route_set    (GSettings          *settings,
                                     const char         *channel,
                                     guint               min_score,
                                     const char * const *searches);
gboolean  lancer_alert_route_allows (GSettings          *settings,
                                     const char         *channel,
                                     const LancerAlert  *alert);

G_END_DECLS
