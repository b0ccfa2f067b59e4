/* lancer-audit-window.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-audit-window"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lancer-audit-window-private.h"
#include "lancer-format.h"

/* A list box is plenty for this many rows; the export has them all. */
#define MAX_ROWS 500

struct _LancerAuditWindow
{
  AdwWindow        parent_instance;

  LancerAuditLog  *audit_log;
  GCancellable    *cancellable;
  GListStore      *entries;         /* of LancerAuditEntry, the rows shown */
  guint            n_rows;

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwStatusPage   *error_page;
  GtkLabel        *summary_label;
  GtkListBox      *list_box;
  GtkMenuButton   *export_button;
};

enum {
  PROP_0,
  PROP_AUDIT_LOG,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerAuditWindow, lancer_audit_window, ADW_TYPE_WINDOW)

/* The rows show the first MAX_ROWS entries of the log; their text comes
 * from the entry's properties. */
static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  LancerAuditEntry *entry = item;
  g_autoptr(GDateTime) local = lancer_audit_entry_get_date_time (entry);
  g_autofree char *when = local != NULL ? lancer_format_date_time (g_date_time_to_unix (local)) : g_strdup ("");
  const char *detail = lancer_audit_entry_get_detail (entry);
  const char *category = lancer_audit_entry_get_category_label (entry);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (detail != NULL && detail[0] != '\0')
    subtitle = g_strdup_printf ("%s · %s\n%s", when, category, detail);
  else
    subtitle = g_strdup_printf ("%s · %s", when, category);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_bind_property (entry, "title", row, "title", G_BINDING_SYNC_CREATE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  lancer_audit_entry_get_description (entry), -1);
  return row;
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LancerAuditWindow) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = lancer_audit_log_list_finish (LANCER_AUDIT_LOG (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (entries == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  self->n_rows = MIN (entries->len, MAX_ROWS);
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       entries->pdata, self->n_rows);

  if (entries->len > MAX_ROWS)
    {
      g_autofree char *summary = NULL;

      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The newest %u of %u entry. Export the log to see them all.",
                                              "The newest %u of %u entries. Export the log to see them all.",
                                              entries->len),
                                 self->n_rows, entries->len);
      gtk_label_set_text (self->summary_label, summary);
    }
  else
    {
      g_autofree char *summary = NULL;

      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u entry, newest first. Nothing secret is recorded: "
                                              "no keys, tokens, codes or texts.",
                                              "%u entries, newest first. Nothing secret is recorded: "
                                              "no keys, tokens, codes or texts.",
                                              entries->len),
                                 entries->len);
      gtk_label_set_text (self->summary_label, summary);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), entries->len > 0);
  gtk_stack_set_visible_child_name (self->stack, entries->len > 0 ? "list" : "empty");
}

/* Export */

typedef struct
{
  LancerAuditWindow *self;
  GFile             *file;
  char              *format;
  guint              count;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_object_unref (data->self);
  g_clear_object (&data->file);
  g_free (data->format);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportData, export_data_free)

static ExportData *
export_data_new (LancerAuditWindow *self,
                 const char        *format)
{
  ExportData *data = g_new0 (ExportData, 1);

  data->self = g_object_ref (self);
  data->format = g_strdup (format);
  return data;
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ExportData) data = user_data;
  LancerAuditWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The log could not be exported: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "what");
  json_builder_add_string_value (builder, "audit");
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, data->format);
  json_builder_set_member_name (builder, "entries");
  json_builder_add_int_value (builder, data->count);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  detail = json_generator_to_data (generator, NULL);
  lancer_audit_record (self->audit_log, LANCER_AUDIT_EXPORT, "audit-exported", detail);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u entry", "Exported %u entries", data->count),
                             data->count);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  lancer_audit_window_reload (self);
}

static void
export_list_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ExportData) data = user_data;
  LancerAuditWindow *self = data->self;
  GFile *file = data->file;   /* data itself goes on to exported_cb */
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *text;

  entries = lancer_audit_log_list_finish (LANCER_AUDIT_LOG (source), result, &error);
  if (entries == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  data->count = entries->len;
  if (g_str_equal (data->format, "json"))
    text = lancer_audit_export_json (entries);
  else
    text = lancer_audit_export_csv (entries);
  bytes = g_bytes_new_take (text, strlen (text));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, exported_cb, g_steal_pointer (&data));
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(ExportData) data = user_data;
  LancerAuditWindow *self = data->self;

  if (response == GTK_RESPONSE_ACCEPT)
    data->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (data->file == NULL)
    return;
  lancer_audit_log_list_async (self->audit_log, 0, self->cancellable,
                               export_list_cb, g_steal_pointer (&data));
}

static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LancerAuditWindow *self = LANCER_AUDIT_WINDOW (widget);
  const char *format = g_variant_get_string (param, NULL);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  ExportData *data;

  if (!g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    return;

  data = export_data_new (self, format);

  chooser = gtk_file_chooser_native_new (_("Export Activity Log"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (g_str_equal (format, "json"))
    {
      gtk_file_filter_set_name (filter, _("JSON files"));
      gtk_file_filter_add_mime_type (filter, "application/json");
      /* Translators: the suggested file name of an export */
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("lancer-activity.json"));
    }
  else
    {
      gtk_file_filter_set_name (filter, _("CSV files"));
      gtk_file_filter_add_mime_type (filter, "text/csv");
      /* Translators: the suggested file name of an export */
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("lancer-activity.csv"));
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject overrides */

static void
lancer_audit_window_constructed (GObject *object)
{
  LancerAuditWindow *self = LANCER_AUDIT_WINDOW (object);

  G_OBJECT_CLASS (lancer_audit_window_parent_class)->constructed (object);

  lancer_audit_window_reload (self);
}

static void
lancer_audit_window_dispose (GObject *object)
{
  LancerAuditWindow *self = LANCER_AUDIT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_AUDIT_WINDOW);
  g_clear_object (&self->audit_log);

  G_OBJECT_CLASS (lancer_audit_window_parent_class)->dispose (object);
}

static void
lancer_audit_window_finalize (GObject *object)
{
  LancerAuditWindow *self = LANCER_AUDIT_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->entries);

  G_OBJECT_CLASS (lancer_audit_window_parent_class)->finalize (object);
}

static void
lancer_audit_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LancerAuditWindow *self = LANCER_AUDIT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_AUDIT_LOG:
      self->audit_log = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_audit_window_class_init (LancerAuditWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lancer_audit_window_constructed;
  object_class->dispose = lancer_audit_window_dispose;
  object_class->finalize = lancer_audit_window_finalize;
  object_class->set_property = lancer_audit_window_set_property;

  properties [PROP_AUDIT_LOG] =
    g_param_spec_object ("audit-log", NULL, NULL, LANCER_TYPE_AUDIT_LOG,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-audit-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerAuditWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LancerAuditWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LancerAuditWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, LancerAuditWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LancerAuditWindow, list_box);
  gtk_widget_class_bind_template_child (widget_class, LancerAuditWindow, export_button);

  gtk_widget_class_install_action (widget_class, "audit.export", "s", export_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lancer_audit_window_init (LancerAuditWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->entries = g_list_store_new (LANCER_TYPE_AUDIT_ENTRY);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->entries), create_row, NULL, NULL);
}

LancerAuditWindow *
lancer_audit_window_new (GtkWindow      *parent,
                         LancerAuditLog *audit_log)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LANCER_IS_AUDIT_LOG (audit_log), NULL);

  return g_object_new (LANCER_TYPE_AUDIT_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "audit-log", audit_log,
                       NULL);
}

const char *
lancer_audit_window_get_state (LancerAuditWindow *self)
{
  g_return_val_if_fail (LANCER_IS_AUDIT_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

guint
lancer_audit_window_get_n_rows (LancerAuditWindow *self)
{
  g_return_val_if_fail (LANCER_IS_AUDIT_WINDOW (self), 0);

  return self->n_rows;
}

void
lancer_audit_window_reload (LancerAuditWindow *self)
{
  g_return_if_fail (LANCER_IS_AUDIT_WINDOW (self));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") != 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  lancer_audit_log_list_async (self->audit_log, 0, self->cancellable, list_cb, g_object_ref (self));
}

void
lancer_audit_window_export_to (LancerAuditWindow *self,
                               const char        *format,
                               GFile             *file)
{
  ExportData *data;

  g_return_if_fail (LANCER_IS_AUDIT_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  data = export_data_new (self, format);
  data->file = g_object_ref (file);
  lancer_audit_log_list_async (self->audit_log, 0, self->cancellable, export_list_cb, data);
}
