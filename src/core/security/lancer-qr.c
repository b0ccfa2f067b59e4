/* lancer-qr.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-security"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <qrencode.h>
#include <sodium.h>

#include "lancer-qr.h"

G_DEFINE_BOXED_TYPE (LancerQrCode, lancer_qr_code, lancer_qr_code_copy, lancer_qr_code_free)

LancerQrCode *
lancer_qr_encode (const char  *text,
                  GError     **error)
{
  QRcode *code;
  LancerQrCode *qr;
  gsize n;

  g_return_val_if_fail (text != NULL, NULL);

  code = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  if (code == NULL)
    {
      g_set_error_literal (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_QR,
                           _("The QR code could not be made. Enter the secret by hand instead."));
      return NULL;
    }

  qr = g_new0 (LancerQrCode, 1);
  qr->width = code->width;
  n = (gsize) code->width * code->width;
  qr->modules = g_malloc (n);
  /* Bit 0 of each libqrencode byte is the module colour; the rest is
   * bookkeeping. */
  for (gsize i = 0; i < n; i++)
    qr->modules[i] = code->data[i] & 1;
  /* The data spells the enrolment secret: don't leave it in freed memory. */
  sodium_memzero (code->data, n);
  QRcode_free (code);
  return qr;
}

LancerQrCode *
lancer_qr_code_copy (const LancerQrCode *qr)
{
  LancerQrCode *copy;

  g_return_val_if_fail (qr != NULL, NULL);

  copy = g_new0 (LancerQrCode, 1);
  copy->width = qr->width;
  copy->modules = g_memdup2 (qr->modules, (gsize) qr->width * qr->width);
  return copy;
}

void
lancer_qr_code_free (LancerQrCode *qr)
{
  if (qr == NULL)
    return;
  if (qr->modules != NULL)
    sodium_memzero (qr->modules, (gsize) qr->width * qr->width);
  g_free (qr->modules);
  g_free (qr);
}

gboolean
lancer_qr_code_get_module (const LancerQrCode *qr,
                           guint               x,
                           guint               y)
{
  g_return_val_if_fail (qr != NULL, FALSE);

  if (x >= qr->width || y >= qr->width)
    return FALSE;
  return qr->modules[(gsize) y * qr->width + x] != 0;
}

char *
lancer_qr_code_to_svg (const LancerQrCode *qr,
                       guint               border)
{
  GString *svg;
  guint size;

  g_return_val_if_fail (qr != NULL, NULL);

  size = qr->width + 2 * border;
  svg = g_string_new (NULL);
  g_string_append_printf (svg,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
                          "viewBox=\"0 0 %u %u\" width=\"%u\" height=\"%u\" "
                          "shape-rendering=\"crispEdges\">\n"
                          "<rect width=\"%u\" height=\"%u\" fill=\"#ffffff\"/>\n"
                          "<path fill=\"#000000\" d=\"",
                          size, size, size * 8, size * 8, size, size);
  /* One horizontal run per path segment keeps the file small. */
  for (guint y = 0; y < qr->width; y++)
    {
      guint x = 0;

      while (x < qr->width)
        {
          guint start;

          if (!lancer_qr_code_get_module (qr, x, y))
            {
              x++;
              continue;
            }
          start = x;
          while (x < qr->width && lancer_qr_code_get_module (qr, x, y))
            x++;
          g_string_append_printf (svg, "M%u %uh%uv1h-%uz", start + border, y + border,
                                  x - start, x - start);
        }
    }
  g_string_append (svg, "\"/>\n</svg>\n");
  return g_string_free (svg, FALSE);
}

char *
lancer_qr_to_svg (const char  *text,
                  GError     **error)
{
  g_autoptr(LancerQrCode) qr = lancer_qr_encode (text, error);

  if (qr == NULL)
    return NULL;
  return lancer_qr_code_to_svg (qr, 4);
}
