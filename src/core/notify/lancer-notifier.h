/* lancer-notifier.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-alert.h"
#include "lancer-alert-policy.h"
#include "lancer-email.h"
#include "lancer-session.h"
#include "lancer-sms.h"
#include "lancer-telegram.h"
#include "lancer-webhook.h"

G_BEGIN_DECLS

#define LANCER_TYPE_NOTIFIER (lancer_notifier_get_type ())
G_DECLARE_FINAL_TYPE (LancerNotifier, lancer_notifier, LANCER, NOTIFIER, GObject)

/* Turns what the sync brings in into alerts: listens to the session's sync
 * (::new-jobs) and store (new stories), loads the new jobs and messages on
 * the store's worker, applies the alert rules (LancerAlertPolicy, settings
 * from the profile) and fans out to the desktop (GNotification through
 * @app), Telegram and the webhook. While the session's lock guard is
 * locked, every channel gets only generic text.
 *
 * Desktop actions: app.open-job(s), app.write-proposal(s),
 * app.open-room(s) and app.dismiss-alert(s) (the notification id); an
 * empty string opens the page without a selection.
 *
 * Properties for the tray: "new-matches" and "unread-messages" (guint),
 * "attention" (a high-score job arrived), "paused" (boolean). */
LancerNotifier   *lancer_notifier_new              (GApplication        *app,
                                                    LancerSession       *session);
LancerAlertPolicy *lancer_notifier_get_policy      (LancerNotifier      *self);

/* The channels, in the order alerts go out: "desktop", "telegram",
 * "webhook", "email", "sms". Each sends only when turned on, and only the
 * job alerts its rules (lancer-alert-route.h) let through, in its own
 * template's words (lancer-alert-template.h). */
extern const char * const lancer_notifier_channels[];
gboolean          lancer_notifier_get_locked       (LancerNotifier      *self);

guint             lancer_notifier_get_new_matches  (LancerNotifier      *self);
guint             lancer_notifier_get_unread_messages (LancerNotifier   *self);
gboolean          lancer_notifier_get_attention    (LancerNotifier      *self);
gboolean          lancer_notifier_get_paused       (LancerNotifier      *self);
/* The user looked at the jobs: the count and attention reset. */
void              lancer_notifier_clear_new_matches (LancerNotifier     *self);
/* No alerts for @seconds (0 resumes). */
void              lancer_notifier_pause            (LancerNotifier      *self,
                                                    guint                seconds);
/* Withdraws a desktop notification. */
void              lancer_notifier_dismiss          (LancerNotifier      *self,
                                                    const char          *alert_id);

/* Loads and alerts for jobs stored since the last check; what the
 * ::new-jobs handler does. Returns the alerts sent (element type
 * LancerAlert, as the channels got them) — for tests. */
void              lancer_notifier_check_jobs_async (LancerNotifier      *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* Same for client messages (stories in unread rooms). */
void              lancer_notifier_check_messages_async (LancerNotifier  *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray        *lancer_notifier_check_finish     (LancerNotifier      *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* Whether the user is looking at @page ("jobs", "messages") in a focused
 * window right now: its alerts then skip the desktop. Set by the app. */
typedef gboolean (*LancerNotifierPageShownFunc) (const char *page,
                                                 gpointer    user_data);
void              lancer_notifier_set_page_shown_func (LancerNotifier  *self,
                                                    LancerNotifierPageShownFunc func,
                                                    gpointer             user_data);
/* The signed-in user's name as Upwork gives it in messages: their own
 * messages alert nobody. Read from `me` once a sync has run; set here by
 * whoever knows it first. */
void              lancer_notifier_set_user_name    (LancerNotifier      *self,
                                                    const char          *name);
/* TRUE during the first sync of an empty profile: it alerts nothing and
 * sends one summary when it ends. */
gboolean          lancer_notifier_get_importing    (LancerNotifier      *self);

/* Jobs that arrived during quiet hours wait (in notifications_sent, so
 * a restart keeps them) and go out as one digest per channel when the
 * quiet hours end; this sends it now unless quiet hours still last.
 * Returns the digest alerts (none when nothing was held) — for tests. */
void              lancer_notifier_send_digest_async (LancerNotifier     *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* lancer_notifier_check_finish() finishes it. Jobs waiting for it: */
guint             lancer_notifier_get_held         (LancerNotifier      *self);

/* Sends @alert through the desktop channel only (notices, tests). */
void              lancer_notifier_send_desktop     (LancerNotifier      *self,
                                                    const LancerAlert   *alert);

G_END_DECLS
