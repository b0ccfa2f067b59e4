/* lancer-lock-triggers.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-lock-guard.h"

G_BEGIN_DECLS

#define LANCER_TYPE_LOCK_TRIGGERS (lancer_lock_triggers_get_type ())
G_DECLARE_FINAL_TYPE (LancerLockTriggers, lancer_lock_triggers, LANCER, LOCK_TRIGGERS, GObject)

/* When the app locks itself, apart from the start and Ctrl+L:
 *
 *  - after :idle-seconds without input (the UI calls
 *    lancer_lock_triggers_note_activity() on every key or pointer event);
 *  - when the desktop session locks: org.gnome.ScreenSaver and
 *    org.freedesktop.ScreenSaver ActiveChanged(true) on the session bus,
 *    logind's Session.Lock for our session on the system bus.
 *
 * A spoofed signal can only lock the app, never unlock it, so the session
 * bus signals are accepted from any sender. Missing buses or services are
 * silent: the other triggers keep working.
 *
 * With @settings (the profile's io.github.lancerdesk.Lancer.Profile
 * settings), :idle-seconds follows "lock-idle-minutes" and "lock-enabled"
 * mirrors the guard's :enabled (the guard's state file is the source of
 * truth). */
LancerLockTriggers *lancer_lock_triggers_new                  (LancerLockGuard    *guard,
                                                               GSettings          *settings);

/* Any key or pointer input in one of the app's windows. Cheap: it only
 * stores a timestamp. */
void                lancer_lock_triggers_note_activity        (LancerLockTriggers *self);

guint               lancer_lock_triggers_get_idle_seconds     (LancerLockTriggers *self);
/* 0 turns the idle lock off. */
void                lancer_lock_triggers_set_idle_seconds     (LancerLockTriggers *self,
                                                               guint               seconds);

/* TRUE once the session-bus screen saver signals are subscribed (tests
 * wait for it before emitting one). */
gboolean            lancer_lock_triggers_get_watching_session (LancerLockTriggers *self);

G_END_DECLS
