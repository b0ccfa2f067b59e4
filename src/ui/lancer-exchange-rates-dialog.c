/* lancer-exchange-rates-dialog.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-exchange-rates-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lancer-exchange-rates-dialog.h"

struct _LancerExchangeRatesDialog
{
  AdwMessageDialog  parent_instance;

  GSettings        *settings;
  AdwToastOverlay  *toasts;          /* weak */
  GtkListBox       *list;
  /* The currency of each row, in the list's order. */
  GPtrArray        *codes;
};

G_DEFINE_FINAL_TYPE (LancerExchangeRatesDialog, lancer_exchange_rates_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
lancer_exchange_rates_dialog_response (AdwMessageDialog *dialog,
                                       const char       *response)
{
  LancerExchangeRatesDialog *self = LANCER_EXCHANGE_RATES_DIALOG (dialog);
  g_autoptr(GHashTable) rates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GVariant) old = NULL;
  g_autoptr(GString) bad = g_string_new (NULL);
  GVariantBuilder builder;
  GHashTableIter iter;
  GVariantIter old_iter;
  gpointer key, value;
  const char *currency;
  double usd;

  if (g_str_equal (response, "save"))
    {
      old = g_settings_get_value (self->settings, "exchange-rates");
      g_variant_iter_init (&old_iter, old);
      while (g_variant_iter_next (&old_iter, "{&sd}", &currency, &usd))
        g_hash_table_insert (rates, g_strdup (currency), g_memdup2 (&usd, sizeof usd));

      for (guint i = 0; i < self->codes->len; i++)
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, (int) i);
          const char *code = g_ptr_array_index (self->codes, i);
          g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
          char *end = NULL;

          /* A decimal comma is as good as a point. */
          g_strdelimit (text, ",", '.');
          if (*text == '\0')
            {
              g_hash_table_remove (rates, code);
              continue;
            }
          usd = g_ascii_strtod (text, &end);
          if (end == NULL || *end != '\0' || !(usd > 0) || isinf (usd))
            {
              g_string_append_printf (bad, "%s%s", bad->len > 0 ? ", " : "", code);
              continue;
            }
          g_hash_table_insert (rates, g_strdup (code), g_memdup2 (&usd, sizeof usd));
        }

      g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sd}"));
      g_hash_table_iter_init (&iter, rates);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_variant_builder_add (&builder, "{sd}", (const char *) key, *(double *) value);
      /* The page follows ::changed and computes again. */
      g_settings_set_value (self->settings, "exchange-rates", g_variant_builder_end (&builder));

      if (bad->len > 0 && self->toasts != NULL)
        {
          /* TRANSLATORS: %s lists currency codes */
          g_autofree char *message = g_strdup_printf (_("Not saved for %s: a rate is a number above zero, such as 1.08"),
                                                      bad->str);

          adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
        }
    }

  if (ADW_MESSAGE_DIALOG_CLASS (lancer_exchange_rates_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (lancer_exchange_rates_dialog_parent_class)->response (dialog, response);
}

static void
lancer_exchange_rates_dialog_dispose (GObject *object)
{
  LancerExchangeRatesDialog *self = LANCER_EXCHANGE_RATES_DIALOG (object);

  g_clear_weak_pointer (&self->toasts);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->codes, g_ptr_array_unref);

  G_OBJECT_CLASS (lancer_exchange_rates_dialog_parent_class)->dispose (object);
}

static void
lancer_exchange_rates_dialog_class_init (LancerExchangeRatesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = lancer_exchange_rates_dialog_dispose;
  dialog_class->response = lancer_exchange_rates_dialog_response;
}

static void
lancer_exchange_rates_dialog_init (LancerExchangeRatesDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  self->codes = g_ptr_array_new_with_free_func (g_free);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (self->list));
  adw_message_dialog_set_heading (dialog, _("Exchange Rates"));
  adw_message_dialog_set_body (dialog, _("What one unit of each currency is worth in US dollars. Lancer adds other "
                                         "currencies to dollars only at the rates you set here, and says so; leave a "
                                         "rate empty to show that currency on its own."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
}

LancerExchangeRatesDialog *
lancer_exchange_rates_dialog_new (GtkWindow          *parent,
                                  GSettings          *settings,
                                  const char * const *currencies,
                                  AdwToastOverlay    *toasts)
{
  LancerExchangeRatesDialog *self;
  g_autoptr(GVariant) rates = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LANCER_TYPE_EXCHANGE_RATES_DIALOG,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "modal", TRUE,
                       NULL);
  self->settings = g_object_ref (settings);
  g_set_weak_pointer (&self->toasts, toasts);
  rates = g_settings_get_value (settings, "exchange-rates");
  for (guint c = 0; currencies != NULL && currencies[c] != NULL; c++)
    {
      GtkWidget *row;
      g_autofree char *title = NULL;
      double usd;

      if (g_str_equal (currencies[c], "USD"))
        continue;
      row = adw_entry_row_new ();
      /* TRANSLATORS: %s is a currency code, e.g. "1 EUR in US dollars" */
      title = g_strdup_printf (_("1 %s in US dollars"), currencies[c]);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (g_variant_lookup (rates, currencies[c], "d", &usd))
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          gtk_editable_set_text (GTK_EDITABLE (row), g_ascii_formatd (number, sizeof number, "%g", usd));
        }
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
      gtk_list_box_append (self->list, row);
      g_ptr_array_add (self->codes, g_strdup (currencies[c]));
    }
  return self;
}
