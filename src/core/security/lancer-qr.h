/* lancer-qr.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lancer-security-error.h"

G_BEGIN_DECLS

/* A QR code as a plain square matrix of modules; the UI draws it. */
typedef struct
{
  guint   width;        /* modules per side, without the quiet zone */
  guint8 *modules;      /* width * width bytes, row-major, 1 = dark */
} LancerQrCode;

#define LANCER_TYPE_QR_CODE (lancer_qr_code_get_type ())
GType         lancer_qr_code_get_type   (void) G_GNUC_CONST;

/* Encodes @text (UTF-8, 8-bit mode) with error correction level M. */
LancerQrCode *lancer_qr_encode          (const char         *text,
                                         GError            **error);
LancerQrCode *lancer_qr_code_copy       (const LancerQrCode *qr);
void          lancer_qr_code_free       (LancerQrCode       *qr);
gboolean      lancer_qr_code_get_module (const LancerQrCode *qr,
                                         guint               x,
                                         guint               y);
/* A standalone SVG: one unit per module, @border quiet-zone modules (4 is
 * the standard), black on white, crisp edges. */
char         *lancer_qr_code_to_svg     (const LancerQrCode *qr,
                                         guint               border);
/* Shortcut: encode @text and return its SVG (border 4), or NULL on error. */
char         *lancer_qr_to_svg          (const char         *text,
                                         GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LancerQrCode, lancer_qr_code_free)

G_END_DECLS
