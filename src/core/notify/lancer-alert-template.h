/* lancer-alert-template.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-alert.h"

G_BEGIN_DECLS

/* The text of a job alert on one channel, as the user wrote it: fields in
 * braces ({title}, {budget}, …) are replaced by the job's facts; anything
 * else stays as typed. Templates live in the alert-templates setting
 * (channel → template); an empty one keeps the built-in wording. Only job
 * alerts that are not redacted use them: a locked app, summaries and
 * messages keep their generic text. */

typedef struct
{
  const char *name;          /* "title" */
  const char *description;   /* translated with _() by the caller */
} LancerAlertTemplateField;

/* The fields a template may use, NULL-terminated. */
const LancerAlertTemplateField *lancer_alert_template_fields (void);

char        *lancer_alert_template_render   (const char        *template_text,
                                             const LancerAlert *alert);
/* @channel's template from @settings, or NULL when it has none. */
char        *lancer_alert_template_get      (GSettings         *settings,
                                             const char        *channel);
void         lancer_alert_template_set      (GSettings         *settings,
                                             const char        *channel,
                                             const char        *template_text);
/* @alert as @channel sends it: a copy whose body is the rendered
 * template, or a plain copy when no template applies. */
LancerAlert *lancer_alert_template_apply    (GSettings         *settings,
                                             const char        *channel,
                                             const LancerAlert *alert);
/* A made-up job for the live preview in Preferences. */
LancerAlert *lancer_alert_template_sample   (void);

G_END_DECLS
