/* lancer-red-flags.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-red-flags"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lancer-red-flags.h"

double
lancer_job_compute_hire_rate (LancerJob *job)
{
  double rate;
  int posted;

  g_return_val_if_fail (LANCER_IS_JOB (job), NAN);

  rate = lancer_job_get_client_hire_rate (job);
  posted = lancer_job_get_client_jobs_posted (job);
  if (!isnan (rate))
    return rate;
  if (posted > 0)
    return MIN (1.0, (double) lancer_job_get_client_hires (job) / posted);
  return NAN;
}

/* Contact intent, not topic: a messenger only counts after a verb or a
 * possessive ("contact me on Telegram", "my WhatsApp"), so "build a
 * Telegram bot" stays clean. */
static const char * const patterns[] = {
  /* e-mail addresses */
  "[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}",
  /* links that open a chat */
  "\\b(t\\.me|wa\\.me|telegram\\.me|skype:|discord\\.gg|chat\\.whatsapp\\.com)\\b",
  /* "contact me on WhatsApp", "reach out via Skype", "email me at" */
  "\\b(contact|reach|message|msg|text|call|add|ping|dm|write|talk|chat|connect)( with)?( me| us)?( directly)?"
  " (on|via|at|through|over|in|using)( my| our)? (whatsapp|telegram|skype|discord|signal|wechat|viber|e-?mail|gmail|phone|cell)\\b",
  "\\b(my|our) (whatsapp|telegram|skype|discord|signal|wechat|viber|personal e-?mail|gmail|phone number|cell)\\b",
  "\\b(whatsapp|telegram|skype|discord|wechat|viber) ?(id|handle|number|username)? ?: ?[@+]?[a-z0-9]",
  "\\b(e-?mail|send) (me|us) (directly|at|your|to)\\b",
  /* moving the work or the money off the platform */
  "\\b(outside|off)( of)? (the )?(upwork|platform)\\b",
  "\\boff[- ]platform\\b",
  "\\bpay(ment|ments)? (you )?(directly|via paypal|through paypal|via zelle|via crypto|in crypto|by wire)\\b",
  "\\b(avoid|skip|save|bypass)( the)? upwork('s)? fees?\\b",
};

static GRegex **
compiled (void)
{
  static GRegex **regexes;

  if (g_once_init_enter (&regexes))
    {
      GRegex **r = g_new0 (GRegex *, G_N_ELEMENTS (patterns) + 1);

      for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
        {
          g_autoptr(GError) error = NULL;

          r[i] = g_regex_new (patterns[i], G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);
          g_assert_no_error (error);
        }
      g_once_init_leave (&regexes, r);
    }
  return regexes;
}

/* 9–15 digits in a row, allowing spaces, dots, dashes and brackets. */
static gboolean
find_phone (const char  *text,
            char       **evidence)
{
  const char *p = text;

  while (*p)
    {
      const char *start, *end = NULL;
      guint digits = 0;

      if (!g_ascii_isdigit (*p) && !(*p == '+' && g_ascii_isdigit (p[1])))
        {
          p++;
          continue;
        }
      start = p;
      for (; *p; p++)
        {
          if (g_ascii_isdigit (*p))
            {
              digits++;
              end = p + 1;
            }
          else if (!(*p == ' ' || *p == '-' || *p == '.' || *p == '(' || *p == ')' || *p == '+'))
            break;
          else if (*p == ' ' && p[1] == ' ')
            break;
        }
      if (digits >= 9 && digits <= 15)
        {
          if (evidence != NULL)
            *evidence = g_strndup (start, end - start);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
lancer_red_flags_detect_off_platform (const char  *text,
                                      char       **evidence)
{
  GRegex **regexes;

  if (evidence != NULL)
    *evidence = NULL;
  if (text == NULL || *text == '\0')
    return FALSE;

  regexes = compiled ();
  for (guint i = 0; regexes[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) info = NULL;

      if (g_regex_match (regexes[i], text, 0, &info))
        {
          if (evidence != NULL)
            *evidence = g_match_info_fetch (info, 0);
          return TRUE;
        }
    }
  return find_phone (text, evidence);
}

LancerRedFlags
lancer_red_flags_check (LancerJob *job,
                        double     budget_floor,
                        double     rate_floor)
{
  LancerRedFlags flags = LANCER_RED_FLAG_NONE;
  double rate;

  g_return_val_if_fail (LANCER_IS_JOB (job), LANCER_RED_FLAG_NONE);

  if (!lancer_job_get_client_payment_verified (job))
    flags |= LANCER_RED_FLAG_UNVERIFIED_PAYMENT;
  rate = lancer_job_compute_hire_rate (job);
  if (!isnan (rate) && rate < LANCER_RED_FLAG_LOW_HIRE_RATE_BELOW &&
      lancer_job_get_client_jobs_posted (job) >= LANCER_RED_FLAG_LOW_HIRE_RATE_MIN_POSTS)
    flags |= LANCER_RED_FLAG_LOW_HIRE_RATE;
  if (!(lancer_job_get_client_total_spent (job) > 0) && lancer_job_get_client_hires (job) == 0)
    flags |= LANCER_RED_FLAG_NEW_CLIENT;
  if (lancer_job_get_job_type (job) == LANCER_JOB_TYPE_FIXED)
    {
      double budget = lancer_job_get_budget (job);

      if (budget_floor > 0 && !isnan (budget) && budget > 0 && budget < budget_floor)
        flags |= LANCER_RED_FLAG_UNDER_FLOOR;
    }
  else if (rate_floor > 0)
    {
      double top = lancer_job_get_hourly_max (job);

      if (isnan (top))
        top = lancer_job_get_hourly_min (job);
      if (!isnan (top) && top > 0 && top < rate_floor)
        flags |= LANCER_RED_FLAG_UNDER_FLOOR;
    }
  if (lancer_red_flags_detect_off_platform (lancer_job_get_description (job), NULL) ||
      lancer_red_flags_detect_off_platform (lancer_job_get_title (job), NULL))
    flags |= LANCER_RED_FLAG_OFF_PLATFORM;
  return flags;
}

const char *
lancer_red_flag_get_title (LancerRedFlags flag)
{
  switch (flag)
    {
    case LANCER_RED_FLAG_UNVERIFIED_PAYMENT:
      return _("Payment not verified");
    case LANCER_RED_FLAG_LOW_HIRE_RATE:
      return _("Low hire rate");
    case LANCER_RED_FLAG_NEW_CLIENT:
      return _("New client");
    case LANCER_RED_FLAG_UNDER_FLOOR:
      return _("Budget under your floor");
    case LANCER_RED_FLAG_OFF_PLATFORM:
      return _("Asks to talk off Upwork");
    case LANCER_RED_FLAG_NONE:
    default:
      return "";
    }
}

const char *
lancer_red_flag_get_description (LancerRedFlags flag)
{
  switch (flag)
    {
    case LANCER_RED_FLAG_UNVERIFIED_PAYMENT:
      return _("The client has not verified a payment method yet.");
    case LANCER_RED_FLAG_LOW_HIRE_RATE:
      /* xgettext:no-c-format */
      return _("Fewer than 40 % of this client's posted jobs ended in a hire.");
    case LANCER_RED_FLAG_NEW_CLIENT:
      return _("The client has not spent anything or hired anyone on Upwork yet.");
    case LANCER_RED_FLAG_UNDER_FLOOR:
      return _("The budget or rate is below the floor set in your filters.");
    case LANCER_RED_FLAG_OFF_PLATFORM:
      return _("The post asks for contact or payment outside Upwork, which breaks Upwork's terms and removes your payment protection.");
    case LANCER_RED_FLAG_NONE:
    default:
      return "";
    }
}
