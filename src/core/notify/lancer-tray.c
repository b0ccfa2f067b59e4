/* lancer-tray.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-tray"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libdbusmenu-glib/dbusmenu-glib.h>

#include "lancer-tray.h"

#define WATCHER_NAME  "org.kde.StatusNotifierWatcher"
#define WATCHER_PATH  "/StatusNotifierWatcher"
#define ITEM_IFACE    "org.kde.StatusNotifierItem"

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.kde.StatusNotifierItem'>"
  "    <property name='Category' type='s' access='read'/>"
  "    <property name='Id' type='s' access='read'/>"
  "    <property name='Title' type='s' access='read'/>"
  "    <property name='Status' type='s' access='read'/>"
  "    <property name='WindowId' type='i' access='read'/>"
  "    <property name='IconName' type='s' access='read'/>"
  "    <property name='OverlayIconName' type='s' access='read'/>"
  "    <property name='AttentionIconName' type='s' access='read'/>"
  "    <property name='ToolTip' type='(sa(iiay)ss)' access='read'/>"
  "    <property name='ItemIsMenu' type='b' access='read'/>"
  "    <property name='Menu' type='o' access='read'/>"
  "    <method name='ContextMenu'><arg name='x' type='i' direction='in'/><arg name='y' type='i' direction='in'/></method>"
  "    <method name='Activate'><arg name='x' type='i' direction='in'/><arg name='y' type='i' direction='in'/></method>"
  "    <method name='SecondaryActivate'><arg name='x' type='i' direction='in'/><arg name='y' type='i' direction='in'/></method>"
  "    <method name='Scroll'><arg name='delta' type='i' direction='in'/><arg name='orientation' type='s' direction='in'/></method>"
  "    <signal name='NewTitle'/>"
  "    <signal name='NewIcon'/>"
  "    <signal name='NewAttentionIcon'/>"
  "    <signal name='NewOverlayIcon'/>"
  "    <signal name='NewToolTip'/>"
  "    <signal name='NewStatus'><arg name='status' type='s'/></signal>"
  "  </interface>"
  "</node>";

struct _LancerTray
{
  GObject          parent_instance;

  GApplication    *app;          /* weak */
  GDBusConnection *connection;
  GDBusNodeInfo   *info;
  guint            object_id;
  guint            watch_id;
  gboolean         registered;
  GCancellable    *cancellable;
  DbusmenuServer  *menu_server;
  DbusmenuMenuitem *pause_item;

  guint            new_matches;
  guint            unread;
  gboolean         attention;
  gboolean         paused;
};

G_DEFINE_FINAL_TYPE (LancerTray, lancer_tray, G_TYPE_OBJECT)

static const char *
icon_name (LancerTray *self)
{
  return self->attention ? APP_ID "-symbolic" : APP_ID;
}

const char *
lancer_tray_get_status (LancerTray *self)
{
  g_return_val_if_fail (LANCER_IS_TRAY (self), NULL);

  return self->attention ? "NeedsAttention" : "Active";
}

char *
lancer_tray_dup_tooltip (LancerTray *self)
{
  GString *s;

  g_return_val_if_fail (LANCER_IS_TRAY (self), NULL);

  s = g_string_new (NULL);
  g_string_append_printf (s, ngettext ("%u new match", "%u new matches", self->new_matches), self->new_matches);
  g_string_append (s, " · ");
  g_string_append_printf (s, ngettext ("%u unread message", "%u unread messages", self->unread), self->unread);
  if (self->paused)
    {
      g_string_append (s, " · ");
      g_string_append (s, _("Alerts paused"));
    }
  return g_string_free (s, FALSE);
}

static GVariant *
tooltip_variant (LancerTray *self)
{
  g_autofree char *text = lancer_tray_dup_tooltip (self);

  return g_variant_new ("(sa(iiay)ss)", icon_name (self), NULL, _("Lancer"), text);
}

static GVariant *
get_property_cb (GDBusConnection  *connection,
                 const char       *sender,
                 const char       *object_path,
                 const char       *interface_name,
                 const char       *property_name,
                 GError          **error,
                 gpointer          user_data)
{
  LancerTray *self = user_data;

  if (g_str_equal (property_name, "Category"))
    return g_variant_new_string ("Communications");
  if (g_str_equal (property_name, "Id"))
    return g_variant_new_string (APP_ID);
  if (g_str_equal (property_name, "Title"))
    return g_variant_new_string (_("Lancer"));
  if (g_str_equal (property_name, "Status"))
    return g_variant_new_string (lancer_tray_get_status (self));
  if (g_str_equal (property_name, "WindowId"))
    return g_variant_new_int32 (0);
  if (g_str_equal (property_name, "IconName"))
    return g_variant_new_string (icon_name (self));
  if (g_str_equal (property_name, "OverlayIconName"))
    return g_variant_new_string ("");
  if (g_str_equal (property_name, "AttentionIconName"))
    return g_variant_new_string (APP_ID "-symbolic");
  if (g_str_equal (property_name, "ToolTip"))
    return tooltip_variant (self);
  if (g_str_equal (property_name, "ItemIsMenu"))
    return g_variant_new_boolean (FALSE);
  if (g_str_equal (property_name, "Menu"))
    return g_variant_new_object_path (LANCER_TRAY_MENU_PATH);
  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "No property %s", property_name);
  return NULL;
}

static void
activate_app_action (LancerTray *self,
                     const char *name)
{
  if (self->app == NULL)
    return;
  if (g_action_group_has_action (G_ACTION_GROUP (self->app), name))
    g_action_group_activate_action (G_ACTION_GROUP (self->app), name, NULL);
  else if (g_str_equal (name, "activate"))
    g_application_activate (self->app);
}

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  LancerTray *self = user_data;

  if (g_str_equal (method_name, "Activate") || g_str_equal (method_name, "SecondaryActivate"))
    activate_app_action (self, "activate");
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable vtable = { method_call_cb, get_property_cb, NULL, { 0 } };

static void
emit (LancerTray *self,
      const char *signal,
      GVariant   *params)
{
  if (self->connection == NULL || self->object_id == 0)
    {
      if (params != NULL)
        g_variant_unref (g_variant_ref_sink (params));
      return;
    }
  g_dbus_connection_emit_signal (self->connection, NULL, LANCER_TRAY_OBJECT_PATH, ITEM_IFACE, signal,
                                 params, NULL);
}

/* ---- the watcher ---- */

static void
register_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LancerTray) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      /* No tray host: notifications and background mode still work. */
      g_debug ("The tray watcher refused the item: %s", error->message);
      return;
    }
  self->registered = TRUE;
}

static void
watcher_appeared_cb (GDBusConnection *connection,
                     const char      *name,
                     const char      *owner,
                     gpointer         user_data)
{
  LancerTray *self = user_data;

  g_dbus_connection_call (connection, WATCHER_NAME, WATCHER_PATH, WATCHER_NAME,
                          "RegisterStatusNotifierItem", g_variant_new ("(s)", LANCER_TRAY_OBJECT_PATH),
                          NULL, G_DBUS_CALL_FLAGS_NONE, 5000, self->cancellable, register_cb,
                          g_object_ref (self));
}

static void
watcher_vanished_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  LancerTray *self = user_data;

  self->registered = FALSE;
}

/* ---- the menu ---- */

static void
menu_item_activated_cb (DbusmenuMenuitem *item,
                        guint             timestamp,
                        LancerTray       *self)
{
  const char *action = g_object_get_data (G_OBJECT (item), "lancer-action");

  if (action != NULL)
    activate_app_action (self, action);
}

static DbusmenuMenuitem *
add_item (LancerTray       *self,
          DbusmenuMenuitem *root,
          const char       *label,
          const char       *action)
{
  DbusmenuMenuitem *item = dbusmenu_menuitem_new ();

  dbusmenu_menuitem_property_set (item, DBUSMENU_MENUITEM_PROP_LABEL, label);
  g_object_set_data_full (G_OBJECT (item), "lancer-action", g_strdup (action), g_free);
  g_signal_connect_object (item, DBUSMENU_MENUITEM_SIGNAL_ITEM_ACTIVATED,
                           G_CALLBACK (menu_item_activated_cb), self, 0);
  dbusmenu_menuitem_child_append (root, item);
  g_object_unref (item);
  return item;
}

static void
build_menu (LancerTray *self)
{
  DbusmenuMenuitem *root = dbusmenu_menuitem_new ();

  add_item (self, root, _("Open Lancer"), "activate");
  add_item (self, root, _("Sync Now"), "sync-now");
  self->pause_item = add_item (self, root, _("Pause Alerts for 1 Hour"), "pause-alerts");
  add_item (self, root, _("Quit"), "quit");
  self->menu_server = dbusmenu_server_new (LANCER_TRAY_MENU_PATH);
  dbusmenu_server_set_root (self->menu_server, root);
  g_object_unref (root);
}

static void
lancer_tray_dispose (GObject *object)
{
  LancerTray *self = LANCER_TRAY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->watch_id, g_bus_unwatch_name);
  if (self->object_id != 0)
    {
      g_dbus_connection_unregister_object (self->connection, self->object_id);
      self->object_id = 0;
    }
  self->pause_item = NULL;
  g_clear_object (&self->menu_server);
  g_clear_object (&self->connection);
  g_clear_pointer (&self->info, g_dbus_node_info_unref);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->app);

  G_OBJECT_CLASS (lancer_tray_parent_class)->dispose (object);
}

static void
lancer_tray_class_init (LancerTrayClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lancer_tray_dispose;
}

static void
lancer_tray_init (LancerTray *self)
{
  self->cancellable = g_cancellable_new ();
}

LancerTray *
lancer_tray_new (GApplication *app)
{
  LancerTray *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (G_IS_APPLICATION (app), NULL);

  self = g_object_new (LANCER_TYPE_TRAY, NULL);
  g_set_weak_pointer (&self->app, app);
  self->connection = g_application_get_dbus_connection (app);
  if (self->connection == NULL)
    return self;
  g_object_ref (self->connection);
  self->info = g_dbus_node_info_new_for_xml (introspection_xml, &error);
  g_assert_no_error (error);
  self->object_id = g_dbus_connection_register_object (self->connection, LANCER_TRAY_OBJECT_PATH,
                                                       self->info->interfaces[0], &vtable, self, NULL, &error);
  if (self->object_id == 0)
    {
      g_debug ("The tray item could not be exported: %s", error->message);
      return self;
    }
  build_menu (self);
  self->watch_id = g_bus_watch_name_on_connection (self->connection, WATCHER_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                   watcher_appeared_cb, watcher_vanished_cb, self, NULL);
  return self;
}

gboolean
lancer_tray_get_registered (LancerTray *self)
{
  g_return_val_if_fail (LANCER_IS_TRAY (self), FALSE);

  return self->registered;
}

void
lancer_tray_set_counts (LancerTray *self,
                        guint       new_matches,
                        guint       unread_messages)
{
  g_return_if_fail (LANCER_IS_TRAY (self));

  if (self->new_matches == new_matches && self->unread == unread_messages)
    return;
  self->new_matches = new_matches;
  self->unread = unread_messages;
  emit (self, "NewToolTip", NULL);
}

void
lancer_tray_set_attention (LancerTray *self,
                           gboolean    attention)
{
  g_return_if_fail (LANCER_IS_TRAY (self));

  if (self->attention == !!attention)
    return;
  self->attention = !!attention;
  emit (self, "NewStatus", g_variant_new ("(s)", lancer_tray_get_status (self)));
  emit (self, "NewIcon", NULL);
  emit (self, "NewToolTip", NULL);
}

void
lancer_tray_set_paused (LancerTray *self,
                        gboolean    paused)
{
  g_return_if_fail (LANCER_IS_TRAY (self));

  if (self->paused == !!paused)
    return;
  self->paused = !!paused;
  if (self->pause_item != NULL)
    dbusmenu_menuitem_property_set_bool (self->pause_item, DBUSMENU_MENUITEM_PROP_ENABLED, !paused);
  emit (self, "NewToolTip", NULL);
}
