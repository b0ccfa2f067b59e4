/* lancer-export-dialog.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-analytics-page-private.h"
#include "lancer-export-dialog-private.h"

/* Each thing to export, as a table (CSV, JSON), a chart as the page shows
 * it (PNG, SVG) or the report (PDF). */
static const struct {
  const char *label;
  const char *table;
  const char *chart;
  gboolean    report;
} choices[] = {
  { N_("Monthly report"), NULL, NULL, TRUE },
  { N_("All numbers"), "metrics", NULL, FALSE },
  { N_("Proposal funnel"), "funnel", "funnel", FALSE },
  { N_("Rates by week"), "week", NULL, FALSE },
  { N_("Rates by month"), "month", NULL, FALSE },
  { N_("Rates over time, as shown"), NULL, "rates", FALSE },
  { N_("Rates by category"), "category", NULL, FALSE },
  { N_("Rates by budget"), "budget", NULL, FALSE },
  { N_("Rates by client country"), "country", NULL, FALSE },
  { N_("Rates by proposal variant"), "variant", NULL, FALSE },
  { N_("Rates by group, as shown"), NULL, "groups", FALSE },
  { N_("Earnings by client"), "earnings-client", NULL, FALSE },
  { N_("Earnings by category"), "earnings-category", NULL, FALSE },
  { N_("Net earnings, as shown"), NULL, "earnings", FALSE },
  { N_("A/B test results"), "ab", NULL, FALSE },
};

typedef enum { FORMAT_CSV, FORMAT_JSON, FORMAT_PNG, FORMAT_SVG, FORMAT_PDF } Format;

static const struct {
  const char *label;
  const char *extension;
} formats[] = {
  [FORMAT_CSV] = { N_("Spreadsheet (CSV)"), "csv" },
  [FORMAT_JSON] = { N_("Data (JSON)"), "json" },
  [FORMAT_PNG] = { N_("Image (PNG)"), "png" },
  [FORMAT_SVG] = { N_("Scalable image (SVG)"), "svg" },
  [FORMAT_PDF] = { N_("Document (PDF)"), "pdf" },
};

struct _LancerExportDialog
{
  AdwWindow            parent_instance;

  LancerAnalyticsPage *page;          /* weak: the dialog goes with its parent */
  Format               offered[4];
  guint                n_offered;

  AdwComboRow         *what_row;
  AdwComboRow         *format_row;
  GtkStringList       *what_list;
  GtkStringList       *format_list;
};

G_DEFINE_FINAL_TYPE (LancerExportDialog, lancer_export_dialog, ADW_TYPE_WINDOW)

static guint
selected_choice (LancerExportDialog *self)
{
  return MIN (adw_combo_row_get_selected (self->what_row), G_N_ELEMENTS (choices) - 1);
}

static void
what_changed_cb (LancerExportDialog *self)
{
  guint what = selected_choice (self);
  const char *labels[G_N_ELEMENTS (self->offered) + 1] = { NULL };

  self->n_offered = 0;
  if (choices[what].report)
    self->offered[self->n_offered++] = FORMAT_PDF;
  if (choices[what].table != NULL)
    {
      self->offered[self->n_offered++] = FORMAT_CSV;
      self->offered[self->n_offered++] = FORMAT_JSON;
    }
  if (choices[what].chart != NULL)
    {
      self->offered[self->n_offered++] = FORMAT_PNG;
      self->offered[self->n_offered++] = FORMAT_SVG;
    }
  for (guint i = 0; i < self->n_offered; i++)
    labels[i] = _(formats[self->offered[i]].label);
  gtk_string_list_splice (self->format_list, 0, g_list_model_get_n_items (G_LIST_MODEL (self->format_list)),
                          labels);
  adw_combo_row_set_selected (self->format_row, 0);
}

char *
lancer_export_dialog_dup_target (LancerExportDialog *self)
{
  guint what, format;

  g_return_val_if_fail (LANCER_IS_EXPORT_DIALOG (self), NULL);

  what = selected_choice (self);
  format = self->offered[MIN (adw_combo_row_get_selected (self->format_row), self->n_offered - 1)];
  switch ((Format) format)
    {
    case FORMAT_PDF:
      return g_strdup ("report:pdf");
    case FORMAT_PNG:
    case FORMAT_SVG:
      return g_strdup_printf ("chart:%s:%s", choices[what].chart, formats[format].extension);
    case FORMAT_CSV:
    case FORMAT_JSON:
    default:
      return g_strdup_printf ("table:%s:%s", choices[what].table, formats[format].extension);
    }
}

void
lancer_export_dialog_save_to (LancerExportDialog *self,
                              GFile              *file)
{
  g_autofree char *target = lancer_export_dialog_dup_target (self);

  if (self->page != NULL)
    lancer_analytics_page_save_export (self->page, target, file);
  gtk_window_close (GTK_WINDOW (self));
}

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     LancerExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      lancer_export_dialog_save_to (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* A name that says what and when: lancer-funnel-2026-03-01.csv */
static char *
suggested_name (LancerExportDialog *self)
{
  g_autofree char *target = lancer_export_dialog_dup_target (self);
  g_auto(GStrv) parts = g_strsplit (target, ":", 3);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");

  if (g_strv_length (parts) == 3)
    return g_strdup_printf ("lancer-%s-%s.%s", parts[1], day, parts[2]);
  return g_strdup_printf ("lancer-report-%s.pdf", day);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LancerExportDialog *self = LANCER_EXPORT_DIALOG (widget);
  g_autofree char *name = suggested_name (self);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
lancer_export_dialog_dispose (GObject *object)
{
  LancerExportDialog *self = LANCER_EXPORT_DIALOG (object);

  g_clear_weak_pointer (&self->page);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (lancer_export_dialog_parent_class)->dispose (object);
}

static void
lancer_export_dialog_class_init (LancerExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerExportDialog, what_row);
  gtk_widget_class_bind_template_child (widget_class, LancerExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, LancerExportDialog, what_list);
  gtk_widget_class_bind_template_child (widget_class, LancerExportDialog, format_list);
  gtk_widget_class_bind_template_callback (widget_class, what_changed_cb);
  gtk_widget_class_install_action (widget_class, "export.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lancer_export_dialog_init (LancerExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    gtk_string_list_append (self->what_list, _(choices[i].label));
  adw_combo_row_set_selected (self->what_row, 0);
  what_changed_cb (self);
}

LancerExportDialog *
lancer_export_dialog_new (LancerAnalyticsPage *page)
{
  LancerExportDialog *self;
  GtkRoot *root;

  g_return_val_if_fail (LANCER_IS_ANALYTICS_PAGE (page), NULL);

  root = gtk_widget_get_root (GTK_WIDGET (page));
  self = g_object_new (LANCER_TYPE_EXPORT_DIALOG,
                       "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                       "application", GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL,
                       NULL);
  g_set_weak_pointer (&self->page, page);
  return self;
}
