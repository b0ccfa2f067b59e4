/* lancer-test-ui.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lancer-application.h"

G_BEGIN_DECLS

/* Initialises GTK and libadwaita the way the app does; FALSE without a display. */
gboolean  lancer_test_ui_init              (void);
/* g_test_init(), the display and a registered test application: the
 * start of every UI test's main(). Exits with 1 when there is no display. */
LancerApplication *lancer_test_ui_app_new  (int        *argc,
                                            char     ***argv);
/* Presents @window and iterates until it is mapped and has painted twice. */
gboolean  lancer_test_ui_show              (GtkWindow  *window);
/* Iterates the main context until pending frames have been drawn. */
void      lancer_test_ui_settle            (GtkWidget  *widget);
/* Renders @widget with GTK's own renderer into @path. */
gboolean  lancer_test_ui_save_png          (GtkWidget  *widget,
                                            const char *path,
                                            GError    **error);
/* The number of distinct colours in a PNG: a blank page has very few. */
guint     lancer_test_ui_count_colors      (const char *path);
/* Collects the text of every label, button and entry under @widget. */
char     *lancer_test_ui_collect_text      (GtkWidget  *widget);
/* The texts of the visible, non-empty labels under @widget, in order
 * (element-type utf8, owned by the labels). */
GPtrArray *lancer_test_ui_visible_labels   (GtkWidget  *widget);
/* Asserts that a screen reader is told @label for @widget (needs
 * GTK_A11Y=test set before GTK starts). */
void      lancer_test_ui_assert_spoken     (GtkWidget  *widget,
                                            const char *label);

/* Settles @widget, saves it to $LANCER_ARTIFACT_DIR/@name.png and asserts
 * that the image holds more than ten colours (is not a blank page). */
void      lancer_test_ui_shoot             (GtkWidget  *widget,
                                            const char *name);
/* The same without the colour check, for shots that may be nearly plain. */
void      lancer_test_ui_shoot_unchecked   (GtkWidget  *widget,
                                            const char *name);
/* The first widget under @root (depth first, @root included) that @match
 * accepts; @data is passed on to it. */
GtkWidget *lancer_test_ui_find             (GtkWidget  *root,
                                            gboolean  (*match) (GtkWidget *widget,
                                                                gpointer   data),
                                            gpointer    data);
/* The first widget of @type under @root (depth first, @root included). */
GtkWidget *lancer_test_ui_find_type        (GtkWidget  *root,
                                            GType       type);
/* The first button under @root whose label (mnemonic included) is @label. */
GtkWidget *lancer_test_ui_find_button      (GtkWidget  *root,
                                            const char *label);
/* The first button under @root whose tooltip is @tooltip. */
GtkWidget *lancer_test_ui_find_button_by_tooltip (GtkWidget  *root,
                                                 const char *tooltip);
/* The first mapped button under @root whose action is @action_name. */
GtkWidget *lancer_test_ui_find_action_button (GtkWidget  *root,
                                              const char *action_name);
/* The visible AdwMessageDialog among the toplevels, or NULL. */
AdwMessageDialog *lancer_test_ui_find_message_dialog (void);

/* Conditions for lancer_test_iterate_until(): */
/* @session (a LancerSession) has finished opening, whatever the outcome. */
gboolean  lancer_test_ui_session_ready     (gpointer    session);
/* @app's (a LancerApplication's) session exists and is ready. */
gboolean  lancer_test_ui_app_session_ready (gpointer    app);
/* A message dialog is shown; @unused is ignored. */
gboolean  lancer_test_ui_message_dialog_shown (gpointer unused);

/* A GAsyncReadyCallback that stores a reference to the result in
 * *(GAsyncResult **) @user_data. */
void      lancer_test_ui_result_cb         (GObject      *source,
                                            GAsyncResult *result,
                                            gpointer      user_data);
/* A loopback TCP port that was free a moment ago. */
guint     lancer_test_ui_free_port         (void);

G_END_DECLS
