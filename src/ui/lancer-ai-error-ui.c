/* lancer-ai-error-ui.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-ai-error-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-ai-error.h"
#include "lancer-ai-error-ui.h"

LancerAiFix
lancer_ai_error_ui_get_fix (const GError *error)
{
  if (error == NULL || error->domain != LANCER_AI_ERROR)
    return LANCER_AI_FIX_RETRY;

  switch ((LancerAiError) error->code)
    {
    case LANCER_AI_ERROR_NO_KEY:
    case LANCER_AI_ERROR_AUTH:
    case LANCER_AI_ERROR_QUOTA:
    case LANCER_AI_ERROR_MODEL_NOT_FOUND:
      return LANCER_AI_FIX_PREFERENCES;

    case LANCER_AI_ERROR_BUDGET_EXCEEDED:
      return LANCER_AI_FIX_OVER_BUDGET;

    case LANCER_AI_ERROR_FAILED:
    case LANCER_AI_ERROR_RATE_LIMITED:
    case LANCER_AI_ERROR_OVERLOADED:
    case LANCER_AI_ERROR_UNREACHABLE:
    case LANCER_AI_ERROR_TIMEOUT:
    case LANCER_AI_ERROR_BAD_REQUEST:
    case LANCER_AI_ERROR_SERVER:
    case LANCER_AI_ERROR_STREAM:
    case LANCER_AI_ERROR_INVALID_JSON:
    case LANCER_AI_ERROR_REFUSED:
    case LANCER_AI_ERROR_TRUNCATED:
    default:
      return LANCER_AI_FIX_RETRY;
    }
}

const char *
lancer_ai_error_ui_fix_label (LancerAiFix fix)
{
  switch (fix)
    {
    case LANCER_AI_FIX_PREFERENCES:
      return _("Open _Preferences");
    case LANCER_AI_FIX_OVER_BUDGET:
      return _("_Go Over Budget");
    case LANCER_AI_FIX_RETRY:
    default:
      return _("_Try Again");
    }
}

gboolean
lancer_ai_error_ui_apply_fix (GtkWidget   *widget,
                              LancerAiFix  fix,
                              GSettings   *settings)
{
  switch (fix)
    {
    case LANCER_AI_FIX_PREFERENCES:
      gtk_widget_activate_action (widget, "app.preferences", NULL);
      return FALSE;

    case LANCER_AI_FIX_OVER_BUDGET:
      g_settings_set_boolean (settings, "ai-budget-override", TRUE);
      return TRUE;

    case LANCER_AI_FIX_RETRY:
    default:
      return TRUE;
    }
}
