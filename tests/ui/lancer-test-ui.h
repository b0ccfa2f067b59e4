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

G_END_DECLS
