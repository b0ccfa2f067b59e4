/* lancer-red-flags.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lancer-job.h"

G_BEGIN_DECLS

typedef enum
{
  LANCER_RED_FLAG_NONE               = 0,
  LANCER_RED_FLAG_UNVERIFIED_PAYMENT = 1 << 0,
  LANCER_RED_FLAG_LOW_HIRE_RATE      = 1 << 1,  /* < 40 % over ≥ 3 posted jobs */
  LANCER_RED_FLAG_NEW_CLIENT         = 1 << 2,  /* no spend and no hires yet */
  LANCER_RED_FLAG_UNDER_FLOOR        = 1 << 3,  /* budget or rate under the user's floor */
  LANCER_RED_FLAG_OFF_PLATFORM       = 1 << 4,  /* asks to talk or pay off Upwork */
} LancerRedFlags;

#define LANCER_RED_FLAG_LOW_HIRE_RATE_BELOW 0.4
#define LANCER_RED_FLAG_LOW_HIRE_RATE_MIN_POSTS 3

/* The client's hire rate: the stored value, else hires ÷ jobs posted
 * (at most 1), else NAN. */
double          lancer_job_compute_hire_rate     (LancerJob   *job);

/* @budget_floor (fixed) and @rate_floor (hourly): 0 for none. */
LancerRedFlags  lancer_red_flags_check           (LancerJob   *job,
                                                  double       budget_floor,
                                                  double       rate_floor);
/* TRUE when @text asks to move contact or payment off Upwork: e-mail
 * addresses, phone numbers, t.me / wa.me links, "contact me on WhatsApp",
 * "pay outside Upwork" … but not a job *about* Telegram bots or e-mail
 * marketing. @evidence (optional) gets the matched words. */
gboolean        lancer_red_flags_detect_off_platform (const char *text,
                                                  char       **evidence);
/* A translated title and explanation for one flag. */
const char     *lancer_red_flag_get_title        (LancerRedFlags flag);
const char     *lancer_red_flag_get_description  (LancerRedFlags flag);

G_END_DECLS
