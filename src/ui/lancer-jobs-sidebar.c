/* lancer-jobs-sidebar.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-jobs-sidebar"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lancer-jobs-sidebar.h"
#include "lancer-store-searches.h"

struct _LancerJobsSidebar
{
  GtkWidget     parent_instance;

  LancerStore  *store;
  GCancellable *cancellable;   /* cancelled with the store it was for */

  GtkListBox   *list;
};

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LancerJobsSidebar, lancer_jobs_sidebar, GTK_TYPE_WIDGET)

static GtkWidget *
new_row (LancerJobsView  kind,
         const char     *title,
         LancerSavedSearch *search)
{
  return g_object_new (LANCER_TYPE_JOBS_SIDEBAR_ROW,
                       "kind", kind,
                       "title", title,
                       "n-new", search != NULL ? search->n_new : 0,
                       "search-id", search != NULL ? search->id : 0,
                       "query", search != NULL ? search->query : NULL,
                       "filters", search != NULL ? search->filters : NULL,
                       NULL);
}

/* The saved searches are a section of their own, under a heading. */
static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  LancerJobsView kind = lancer_jobs_sidebar_row_get_kind (LANCER_JOBS_SIDEBAR_ROW (row));
  GtkWidget *header = NULL;

  if (kind == LANCER_JOBS_VIEW_SEARCH &&
      (before == NULL || lancer_jobs_sidebar_row_get_kind (LANCER_JOBS_SIDEBAR_ROW (before)) != LANCER_JOBS_VIEW_SEARCH))
    {
      header = gtk_label_new (_("Saved Searches"));
      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_widget_add_css_class (header, "heading");
      gtk_widget_add_css_class (header, "dim-label");
      gtk_widget_set_margin_top (header, 12);
      gtk_widget_set_margin_start (header, 12);
      gtk_widget_set_margin_bottom (header, 6);
    }
  gtk_list_box_row_set_header (row, header);
}

LancerJobsSidebarRow *
lancer_jobs_sidebar_find (LancerJobsSidebar *self,
                          LancerJobsView     kind,
                          gint64             search_id)
{
  g_return_val_if_fail (LANCER_IS_JOBS_SIDEBAR (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      LancerJobsSidebarRow *row;

      if (!LANCER_IS_JOBS_SIDEBAR_ROW (child))
        continue;
      row = LANCER_JOBS_SIDEBAR_ROW (child);
      if (lancer_jobs_sidebar_row_get_kind (row) == kind &&
          (kind != LANCER_JOBS_VIEW_SEARCH || lancer_jobs_sidebar_row_get_search_id (row) == search_id))
        return row;
    }
  return NULL;
}

void
lancer_jobs_sidebar_select (LancerJobsSidebar *self,
                            LancerJobsView     kind,
                            gint64             search_id)
{
  LancerJobsSidebarRow *row;

  g_return_if_fail (LANCER_IS_JOBS_SIDEBAR (self));

  row = lancer_jobs_sidebar_find (self, kind, search_id);
  gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
}

void
lancer_jobs_sidebar_set_searches (LancerJobsSidebar *self,
                                  GPtrArray         *searches)
{
  GtkListBoxRow *selected;
  LancerJobsView kind = LANCER_JOBS_VIEW_ALL;
  gint64 search_id = 0;
  GtkWidget *child;

  g_return_if_fail (LANCER_IS_JOBS_SIDEBAR (self));

  selected = gtk_list_box_get_selected_row (self->list);
  if (selected != NULL)
    {
      kind = lancer_jobs_sidebar_row_get_kind (LANCER_JOBS_SIDEBAR_ROW (selected));
      search_id = lancer_jobs_sidebar_row_get_search_id (LANCER_JOBS_SIDEBAR_ROW (selected));
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  gtk_list_box_append (self->list, new_row (LANCER_JOBS_VIEW_ALL, _("All Jobs"), NULL));
  gtk_list_box_append (self->list, new_row (LANCER_JOBS_VIEW_SAVED, _("Saved Jobs"), NULL));
  gtk_list_box_append (self->list, new_row (LANCER_JOBS_VIEW_HIDDEN, _("Hidden Jobs"), NULL));
  for (guint i = 0; searches != NULL && i < searches->len; i++)
    {
      LancerSavedSearch *search = g_ptr_array_index (searches, i);

      gtk_list_box_append (self->list, new_row (LANCER_JOBS_VIEW_SEARCH, search->name, search));
    }
  if (lancer_jobs_sidebar_find (self, kind, search_id) == NULL)
    {
      /* The search shown was deleted: back to all jobs. */
      lancer_jobs_sidebar_select (self, LANCER_JOBS_VIEW_ALL, 0);
      if (kind != LANCER_JOBS_VIEW_ALL)
        g_signal_emit (self, signals [ACTIVATED], 0, lancer_jobs_sidebar_find (self, LANCER_JOBS_VIEW_ALL, 0));
      return;
    }
  lancer_jobs_sidebar_select (self, kind, search_id);
}

LancerJobsSidebarRow *
lancer_jobs_sidebar_find_by_name (LancerJobsSidebar *self,
                                  const char        *name,
                                  gint64             except_id)
{
  g_autofree char *key = g_utf8_casefold (name, -1);

  g_return_val_if_fail (LANCER_IS_JOBS_SIDEBAR (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      LancerJobsSidebarRow *row = LANCER_IS_JOBS_SIDEBAR_ROW (child) ? LANCER_JOBS_SIDEBAR_ROW (child) : NULL;
      g_autofree char *title = NULL;

      if (row == NULL || lancer_jobs_sidebar_row_get_kind (row) != LANCER_JOBS_VIEW_SEARCH ||
          lancer_jobs_sidebar_row_get_search_id (row) == except_id)
        continue;
      title = g_utf8_casefold (lancer_jobs_sidebar_row_get_title (row), -1);
      if (g_str_equal (title, key))
        return row;
    }
  return NULL;
}

/* ---- The store's saved searches ---- */

static void
toast (LancerJobsSidebar *self,
       AdwToast          *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
searches_listed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) searches = lancer_saved_searches_list_finish (LANCER_STORE (source), result, &error);
  LancerJobsSidebar *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the sidebar may be gone */
  self = LANCER_JOBS_SIDEBAR (user_data);
  if (searches == NULL)
    {
      /* Translators: %s says why */
      g_autofree char *title = g_strdup_printf (_("Saved searches could not be read: %s"), error->message);

      toast (self, adw_toast_new (title));
      return;
    }
  lancer_jobs_sidebar_set_searches (self, searches);
}

void
lancer_jobs_sidebar_set_store (LancerJobsSidebar *self,
                               LancerStore       *store)
{
  g_return_if_fail (LANCER_IS_JOBS_SIDEBAR (self));

  if (self->store == store)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->store, store);
  self->cancellable = g_cancellable_new ();
  lancer_jobs_sidebar_set_searches (self, NULL);
}

void
lancer_jobs_sidebar_reload (LancerJobsSidebar *self)
{
  g_return_if_fail (LANCER_IS_JOBS_SIDEBAR (self));

  if (self->store != NULL)
    lancer_saved_searches_list_async (self->store, self->cancellable, searches_listed_cb, self);
}

typedef struct
{
  LancerJobsSidebar *self;
  char              *name;
} Save;

static void
save_free (Save *save)
{
  g_free (save->name);
  g_free (save);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Save, save_free)

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Save) save = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = lancer_saved_searches_save_finish (LANCER_STORE (source), result, &error);
  g_autofree char *title = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (id <= 0)
    {
      /* Translators: %s says why */
      title = g_strdup_printf (_("The search could not be saved: %s"), error != NULL ? error->message : "");
      toast (save->self, adw_toast_new (title));
      return;
    }
  /* Translators: %s is the name of a saved search */
  title = g_strdup_printf (_("Search “%s” saved"), save->name);
  toast (save->self, adw_toast_new (title));
}

static void
save (LancerJobsSidebar     *self,
      const char            *name,
      const char            *query,
      const LancerJobFilter *filter)
{
  Save *save = g_new0 (Save, 1);
  g_autofree char *filters = filter != NULL ? lancer_job_filter_to_json (filter) : NULL;

  save->self = self;
  save->name = g_strdup (name);
  lancer_saved_searches_save_async (self->store, name, query != NULL ? query : "", filters,
                                    self->cancellable, saved_cb, save);
}

void
lancer_jobs_sidebar_save_search (LancerJobsSidebar     *self,
                                 const char            *name,
                                 const char            *query,
                                 const LancerJobFilter *filter)
{
  g_return_if_fail (LANCER_IS_JOBS_SIDEBAR (self));

  if (self->store != NULL && name != NULL && *name != '\0')
    save (self, name, query, filter);
}

typedef struct
{
  LancerJobsSidebar *self;
  gint64             id;
} Rename;

static void
rename_free (gpointer  data,
             GClosure *closure)
{
  Rename *rename = data;

  g_object_unref (rename->self);
  g_free (rename);
}

static void
renamed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Save) save = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (lancer_saved_searches_rename_finish (LANCER_STORE (source), result, &error))
    /* Translators: %s is the name of a saved search */
    title = g_strdup_printf (_("Search renamed to “%s”"), save->name);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else
    /* Translators: %s says why */
    title = g_strdup_printf (_("The search could not be renamed: %s"), error->message);
  toast (save->self, adw_toast_new (title));
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Rename           *rename)
{
  LancerJobsSidebar *self = rename->self;
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  LancerJobsSidebarRow *row = lancer_jobs_sidebar_find (self, LANCER_JOBS_VIEW_SEARCH, rename->id);
  Save *save;

  if (!g_str_equal (response, "rename") || row == NULL || *name == '\0' || self->store == NULL)
    return;
  if (lancer_jobs_sidebar_find_by_name (self, name, rename->id) != NULL)
    {
      /* Translators: %s is the name of a saved search */
      g_autofree char *title = g_strdup_printf (_("A search named “%s” already exists"), name);

      toast (self, adw_toast_new (title));
      return;
    }
  save = g_new0 (Save, 1);
  save->self = self;
  save->name = g_strdup (name);
  lancer_saved_searches_rename_async (self->store, rename->id, name, self->cancellable, renamed_cb, save);
}

static void
rename_search_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LancerJobsSidebar *self = LANCER_JOBS_SIDEBAR (widget);
  gint64 id = g_variant_get_int64 (parameter);
  LancerJobsSidebarRow *row = lancer_jobs_sidebar_find (self, LANCER_JOBS_VIEW_SEARCH, id);
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);
  Rename *rename;

  if (row == NULL)
    return;
  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/lancer-rename-search-dialog.ui");
  dialog = GTK_WINDOW (gtk_builder_get_object (builder, "dialog"));
  gtk_editable_set_text (GTK_EDITABLE (gtk_builder_get_object (builder, "entry")),
                         lancer_jobs_sidebar_row_get_title (row));
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (dialog, GTK_WINDOW (root));
      gtk_window_set_application (dialog, gtk_window_get_application (GTK_WINDOW (root)));
    }
  rename = g_new0 (Rename, 1);
  rename->self = g_object_ref (self);
  rename->id = id;
  g_signal_connect_data (dialog, "response", G_CALLBACK (rename_response_cb), rename, rename_free, 0);
  gtk_window_present (dialog);
}

/* Undo of a delete: the search comes back as it was (a new id). */
typedef struct
{
  LancerJobsSidebar *self;
  char              *name;
  char              *query;
  char              *filters;
} Deleted;

static void
deleted_free (gpointer  data,
              GClosure *closure)
{
  Deleted *deleted = data;

  g_object_unref (deleted->self);
  g_free (deleted->name);
  g_free (deleted->query);
  g_free (deleted->filters);
  g_free (deleted);
}

static void
undo_delete_cb (AdwToast *toast,
                Deleted  *deleted)
{
  g_autoptr(LancerJobFilter) filter = lancer_job_filter_new_from_json (deleted->filters);

  if (deleted->self->store != NULL)
    save (deleted->self, deleted->name, deleted->query, filter);
}

static void
delete_search_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LancerJobsSidebar *self = LANCER_JOBS_SIDEBAR (widget);
  gint64 id = g_variant_get_int64 (parameter);
  LancerJobsSidebarRow *row = lancer_jobs_sidebar_find (self, LANCER_JOBS_VIEW_SEARCH, id);
  g_autofree char *title = NULL;
  Deleted *deleted;
  AdwToast *undo;

  if (row == NULL || self->store == NULL)
    return;
  deleted = g_new0 (Deleted, 1);
  deleted->self = g_object_ref (self);
  deleted->name = g_strdup (lancer_jobs_sidebar_row_get_title (row));
  deleted->query = g_strdup (lancer_jobs_sidebar_row_get_query (row));
  deleted->filters = g_strdup (lancer_jobs_sidebar_row_get_filters (row));
  /* Translators: %s is the name of a saved search */
  title = g_strdup_printf (_("Search “%s” deleted"), deleted->name);
  undo = adw_toast_new (title);
  adw_toast_set_button_label (undo, _("_Undo"));
  g_signal_connect_data (undo, "button-clicked", G_CALLBACK (undo_delete_cb), deleted, deleted_free, 0);
  lancer_saved_searches_remove_async (self->store, deleted->name, self->cancellable, NULL, NULL);
  toast (self, undo);
}

static void
row_activated_cb (LancerJobsSidebar *self,
                  GtkListBoxRow     *row)
{
  g_signal_emit (self, signals [ACTIVATED], 0, row);
}

static void
lancer_jobs_sidebar_dispose (GObject *object)
{
  LancerJobsSidebar *self = LANCER_JOBS_SIDEBAR (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (object), LANCER_TYPE_JOBS_SIDEBAR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lancer_jobs_sidebar_parent_class)->dispose (object);
}

static void
lancer_jobs_sidebar_class_init (LancerJobsSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_jobs_sidebar_dispose;

  signals [ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, LANCER_TYPE_JOBS_SIDEBAR_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-jobs-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerJobsSidebar, list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_install_action (widget_class, "sidebar.rename-search", "x", rename_search_action);
  gtk_widget_class_install_action (widget_class, "sidebar.delete-search", "x", delete_search_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lancer_jobs_sidebar_init (LancerJobsSidebar *self)
{
  g_type_ensure (LANCER_TYPE_JOBS_SIDEBAR_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->list, header_func, NULL, NULL);
  lancer_jobs_sidebar_set_searches (self, NULL);
}
