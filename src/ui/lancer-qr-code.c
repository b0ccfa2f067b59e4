/* lancer-qr-code.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-qr-code"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "lancer-qr.h"
#include "lancer-qr-code.h"

/* Four modules of white around the code, as the standard asks; scanners
 * need it to find the finder patterns. */
#define QUIET_ZONE     4
#define MIN_MODULE_PX  2
#define NAT_MODULE_PX  5

struct _LancerQrCodeWidget
{
  GtkWidget     parent_instance;

  char         *text;
  LancerQrCode *qr;
};

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerQrCodeWidget, lancer_qr_code_widget, GTK_TYPE_WIDGET)

static void
free_text (char *text)
{
  /* The text is usually an otpauth:// URI carrying the TOTP secret. */
  if (text != NULL)
    sodium_memzero (text, strlen (text));
  g_free (text);
}

static void
lancer_qr_code_widget_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  LancerQrCodeWidget *self = LANCER_QR_CODE_WIDGET (widget);
  guint side = self->qr != NULL ? self->qr->width + 2 * QUIET_ZONE : 0;

  *minimum = side * MIN_MODULE_PX;
  *natural = side * NAT_MODULE_PX;
}

static void
lancer_qr_code_widget_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  LancerQrCodeWidget *self = LANCER_QR_CODE_WIDGET (widget);
  static const GdkRGBA white = { 1.0f, 1.0f, 1.0f, 1.0f };
  static const GdkRGBA black = { 0.0f, 0.0f, 0.0f, 1.0f };
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint side;
  int module;
  int size;
  int x0, y0;

  if (self->qr == NULL)
    return;

  /* Whole pixels per module keep the edges crisp; always black on white,
   * whatever the style, because scanners expect dark modules. */
  side = self->qr->width + 2 * QUIET_ZONE;
  module = MAX (1, MIN (width, height) / (int) side);
  size = module * (int) side;
  x0 = (width - size) / 2;
  y0 = (height - size) / 2;

  gtk_snapshot_append_color (snapshot, &white, &GRAPHENE_RECT_INIT (x0, y0, size, size));

  /* One rectangle per run of dark modules in a row. */
  for (guint y = 0; y < self->qr->width; y++)
    {
      guint x = 0;

      while (x < self->qr->width)
        {
          guint run;

          if (!lancer_qr_code_get_module (self->qr, x, y))
            {
              x++;
              continue;
            }
          for (run = 1; x + run < self->qr->width && lancer_qr_code_get_module (self->qr, x + run, y); run++)
            ;
          gtk_snapshot_append_color (snapshot, &black,
                                     &GRAPHENE_RECT_INIT (x0 + (int) (x + QUIET_ZONE) * module,
                                                          y0 + (int) (y + QUIET_ZONE) * module,
                                                          (int) run * module, module));
          x += run;
        }
    }
}

static void
lancer_qr_code_widget_finalize (GObject *object)
{
  LancerQrCodeWidget *self = LANCER_QR_CODE_WIDGET (object);

  g_clear_pointer (&self->text, free_text);
  g_clear_pointer (&self->qr, lancer_qr_code_free);

  G_OBJECT_CLASS (lancer_qr_code_widget_parent_class)->finalize (object);
}

static void
lancer_qr_code_widget_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LancerQrCodeWidget *self = LANCER_QR_CODE_WIDGET (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, lancer_qr_code_widget_get_text (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_qr_code_widget_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LancerQrCodeWidget *self = LANCER_QR_CODE_WIDGET (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      lancer_qr_code_widget_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_qr_code_widget_class_init (LancerQrCodeWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lancer_qr_code_widget_finalize;
  object_class->get_property = lancer_qr_code_widget_get_property;
  object_class->set_property = lancer_qr_code_widget_set_property;
  widget_class->measure = lancer_qr_code_widget_measure;
  widget_class->snapshot = lancer_qr_code_widget_snapshot;

  properties [PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "qrcode");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lancer_qr_code_widget_init (LancerQrCodeWidget *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("QR code to scan with an authenticator app"),
                                  -1);
}

GtkWidget *
lancer_qr_code_widget_new (void)
{
  return g_object_new (LANCER_TYPE_QR_CODE_WIDGET, NULL);
}

const char *
lancer_qr_code_widget_get_text (LancerQrCodeWidget *self)
{
  g_return_val_if_fail (LANCER_IS_QR_CODE_WIDGET (self), NULL);

  return self->text;
}

void
lancer_qr_code_widget_set_text (LancerQrCodeWidget *self,
                                const char         *text)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LANCER_IS_QR_CODE_WIDGET (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_clear_pointer (&self->text, free_text);
  g_clear_pointer (&self->qr, lancer_qr_code_free);
  self->text = g_strdup (text);
  if (text != NULL && *text != '\0')
    {
      self->qr = lancer_qr_encode (text, &error);
      if (self->qr == NULL)
        g_warning ("Could not draw a QR code: %s", error->message);
    }

  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TEXT]);
}

guint
lancer_qr_code_widget_get_modules (LancerQrCodeWidget *self)
{
  g_return_val_if_fail (LANCER_IS_QR_CODE_WIDGET (self), 0);

  return self->qr != NULL ? self->qr->width : 0;
}
