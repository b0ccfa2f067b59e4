/* lancer-tray.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LANCER_TRAY_OBJECT_PATH "/StatusNotifierItem"
#define LANCER_TRAY_MENU_PATH   "/MenuBar"

#define LANCER_TYPE_TRAY (lancer_tray_get_type ())
G_DECLARE_FINAL_TYPE (LancerTray, lancer_tray, LANCER, TRAY, GObject)

/* A StatusNotifierItem (org.kde.StatusNotifierItem at /StatusNotifierItem)
 * with a libdbusmenu menu at /MenuBar: Open Lancer (app.activate), Sync
 * now (app.sync-now), Pause alerts for 1 hour (app.pause-alerts) and Quit
 * (app.quit), all activated on @app. It registers with
 * org.kde.StatusNotifierWatcher whenever one is on the bus; where none is
 * (plain GNOME) it stays quietly unregistered. Counts only, never private
 * text, so it is the same while the app is locked. */
LancerTray  *lancer_tray_new              (GApplication *app);
gboolean     lancer_tray_get_registered   (LancerTray   *self);
/* "Active" or "NeedsAttention". */
const char  *lancer_tray_get_status       (LancerTray   *self);
void         lancer_tray_set_counts       (LancerTray   *self,
                                           guint         new_matches,
                                           guint         unread_messages);
void         lancer_tray_set_attention    (LancerTray   *self,
                                           gboolean      attention);
void         lancer_tray_set_paused       (LancerTray   *self,
                                           gboolean      paused);
/* The tooltip's text, as the host shows it. */
char        *lancer_tray_dup_tooltip      (LancerTray   *self);

G_END_DECLS
