/* lancer-qr-code.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The widget is LancerQrCodeWidget: LancerQrCode is already the core's
 * module matrix (lancer-qr.h), which this widget draws. */
#define LANCER_TYPE_QR_CODE_WIDGET (lancer_qr_code_widget_get_type ())
G_DECLARE_FINAL_TYPE (LancerQrCodeWidget, lancer_qr_code_widget, LANCER, QR_CODE_WIDGET, GtkWidget)

GtkWidget  *lancer_qr_code_widget_new      (void);
const char *lancer_qr_code_widget_get_text (LancerQrCodeWidget *self);
/* Encodes @text; an empty or unencodable text draws nothing. */
void        lancer_qr_code_widget_set_text (LancerQrCodeWidget *self,
                                            const char         *text);
/* Modules per side without the quiet zone; 0 when empty. */
guint       lancer_qr_code_widget_get_modules (LancerQrCodeWidget *self);

G_END_DECLS
