/* test-qr.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lancer-qr.h"
#include "lancer-totp.h"
#include "lancer-test-util.h"

static void
test_matrix (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = lancer_totp_build_uri ("jane", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  g_autoptr(LancerQrCode) qr = lancer_qr_encode (uri, &error);
  g_autoptr(LancerQrCode) copy = NULL;
  guint dark = 0;

  g_assert_no_error (error);
  g_assert_nonnull (qr);
  /* Versions are 21 + 4k modules wide. */
  g_assert_cmpuint (qr->width, >=, 21);
  g_assert_cmpuint ((qr->width - 21) % 4, ==, 0);

  /* Finder patterns: 7x7 dark rings in three corners, light separators. */
  for (guint i = 0; i < 7; i++)
    {
      g_assert_true (lancer_qr_code_get_module (qr, i, 0));
      g_assert_true (lancer_qr_code_get_module (qr, 0, i));
      g_assert_true (lancer_qr_code_get_module (qr, qr->width - 1 - i, 0));
      g_assert_true (lancer_qr_code_get_module (qr, 0, qr->width - 1 - i));
    }
  g_assert_false (lancer_qr_code_get_module (qr, 7, 0));
  g_assert_false (lancer_qr_code_get_module (qr, 1, 1));
  g_assert_true (lancer_qr_code_get_module (qr, 3, 3));
  g_assert_false (lancer_qr_code_get_module (qr, qr->width, 0));

  for (guint i = 0; i < qr->width * qr->width; i++)
    {
      g_assert_cmpuint (qr->modules[i], <=, 1);
      dark += qr->modules[i];
    }
  g_assert_cmpuint (dark, >, qr->width * qr->width / 4);
  g_assert_cmpuint (dark, <, qr->width * qr->width * 3 / 4);

  copy = lancer_qr_code_copy (qr);
  g_assert_cmpmem (copy->modules, copy->width * copy->width, qr->modules, qr->width * qr->width);
}

static void
test_svg (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerQrCode) qr = lancer_qr_encode ("hello", &error);
  g_autofree char *svg = lancer_qr_code_to_svg (qr, 4);
  g_autofree char *svg2 = lancer_qr_to_svg ("hello", &error);
  g_autofree char *view = g_strdup_printf ("viewBox=\"0 0 %u %u\"", qr->width + 8, qr->width + 8);
  guint runs = 0;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  g_assert_nonnull (strstr (svg, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
  g_assert_nonnull (strstr (svg, view));
  g_assert_true (g_str_has_suffix (svg, "</svg>\n"));
  g_assert_cmpstr (svg, ==, svg2);
  /* The top-left finder row is one 7-module run at the quiet-zone offset. */
  g_assert_nonnull (strstr (svg, "M4 4h7v1h-7z"));
  for (const char *p = svg; (p = strchr (p, 'M')) != NULL; p++)
    runs++;
  g_assert_cmpuint (runs, >, qr->width);

  /* Valid XML as far as GMarkup can tell. */
  {
    GMarkupParser parser = { 0 };
    g_autoptr(GMarkupParseContext) ctx = g_markup_parse_context_new (&parser, 0, NULL, NULL);
    const char *body = strstr (svg, "<svg");

    g_assert_true (g_markup_parse_context_parse (ctx, body, -1, &error));
    g_assert_true (g_markup_parse_context_end_parse (ctx, &error));
    g_assert_no_error (error);
  }
}

static void
test_too_long (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (8000, 'x');

  g_assert_null (lancer_qr_encode (huge, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_QR);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qr/matrix", test_matrix);
  g_test_add_func ("/qr/svg", test_svg);
  g_test_add_func ("/qr/too-long", test_too_long);

  return g_test_run ();
}
