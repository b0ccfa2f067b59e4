/* test-tray.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The StatusNotifierItem against a dbusmock org.kde.StatusNotifierWatcher
 * started here, on the test's private session bus.
 */
#include "config.h"

#include <string.h>

#include "lancer-test-util.h"
#include "lancer-tray.h"

#define WATCHER "org.kde.StatusNotifierWatcher"

static GApplication *app;
static GDBusConnection *bus;

static gboolean
name_has_owner (const char *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner", g_variant_new ("(s)", name),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 2000, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static gboolean
watcher_up (gpointer data)
{
  return name_has_owner (WATCHER);
}

static GSubprocess *
start_watcher (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  GSubprocess *watcher;

  watcher = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                              "/usr/bin/python3", "-m", "dbusmock", WATCHER, "/StatusNotifierWatcher", WATCHER, NULL);
  g_assert_no_error (error);
  g_assert_true (lancer_test_iterate_until (watcher_up, NULL, 20));
  reply = g_dbus_connection_call_sync (bus, WATCHER, "/StatusNotifierWatcher", "org.freedesktop.DBus.Mock",
                                       "AddMethod",
                                       g_variant_new ("(sssss)", WATCHER, "RegisterStatusNotifierItem", "s", "", ""),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, g_variant_unref);
  reply = g_dbus_connection_call_sync (bus, WATCHER, "/StatusNotifierWatcher", "org.freedesktop.DBus.Mock",
                                       "AddProperty",
                                       g_variant_new ("(ssv)", WATCHER, "IsStatusNotifierHostRegistered",
                                                      g_variant_new_boolean (TRUE)),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  return watcher;
}

static void
stop_watcher (GSubprocess *watcher)
{
  g_subprocess_force_exit (watcher);
  g_subprocess_wait (watcher, NULL, NULL);
}

/* The paths the item registered with, from the mock's call log. */
static GStrv
registrations (void)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) calls = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  reply = g_dbus_connection_call_sync (bus, WATCHER, "/StatusNotifierWatcher", "org.freedesktop.DBus.Mock",
                                       "GetMethodCalls", g_variant_new ("(s)", "RegisterStatusNotifierItem"),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
  if (reply == NULL)
    return g_strv_builder_end (builder);
  calls = g_variant_get_child_value (reply, 0);
  for (gsize i = 0; i < g_variant_n_children (calls); i++)
    {
      g_autoptr(GVariant) call = g_variant_get_child_value (calls, i);
      g_autoptr(GVariant) args = g_variant_get_child_value (call, 1);
      g_autoptr(GVariant) first = g_variant_get_child_value (args, 0);
      g_autoptr(GVariant) path = g_variant_get_variant (first);

      g_strv_builder_add (builder, g_variant_get_string (path, NULL));
    }
  return g_strv_builder_end (builder);
}

static gboolean
registered (gpointer data)
{
  return lancer_tray_get_registered (LANCER_TRAY (data));
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Asynchronous: the item answers from this very main loop. */
static GVariant *
get_item_property (const char *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GVariant *value;

  g_dbus_connection_call (bus, g_dbus_connection_get_unique_name (bus), "/StatusNotifierItem",
                          "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", "org.kde.StatusNotifierItem", name),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, 5000, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  reply = g_dbus_connection_call_finish (bus, result, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(v)", &value);
  return value;
}

typedef struct
{
  guint  new_status;
  guint  new_tooltip;
  char  *last_status;
} Signals;

static void
signal_cb (GDBusConnection *connection,
           const char      *sender,
           const char      *path,
           const char      *iface,
           const char      *signal,
           GVariant        *params,
           gpointer         user_data)
{
  Signals *s = user_data;

  if (g_str_equal (signal, "NewStatus"))
    {
      s->new_status++;
      g_free (s->last_status);
      g_variant_get (params, "(s)", &s->last_status);
    }
  else if (g_str_equal (signal, "NewToolTip"))
    s->new_tooltip++;
}

static gboolean
got_status (gpointer data)
{
  Signals *s = data;
  return s->new_status > 0 && s->new_tooltip > 1;
}

static void
test_registers_and_updates (void)
{
  g_autoptr(GSubprocess) watcher = start_watcher ();
  g_autoptr(LancerTray) tray = lancer_tray_new (app);
  g_auto(GStrv) paths = NULL;
  g_autoptr(GVariant) status = NULL;
  g_autoptr(GVariant) id = NULL;
  g_autoptr(GVariant) category = NULL;
  g_autoptr(GVariant) menu = NULL;
  g_autoptr(GVariant) tooltip = NULL;
  g_autoptr(GVariant) attention = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  Signals signals = { 0 };
  guint sub;

  g_assert_true (lancer_test_iterate_until (registered, tray, 20));
  paths = registrations ();
  g_assert_cmpuint (g_strv_length (paths), ==, 1);
  g_assert_cmpstr (paths[0], ==, "/StatusNotifierItem");

  status = get_item_property ("Status");
  g_assert_cmpstr (g_variant_get_string (status, NULL), ==, "Active");
  id = get_item_property ("Id");
  g_assert_cmpstr (g_variant_get_string (id, NULL), ==, "io.github.lancerdesk.Lancer");
  category = get_item_property ("Category");
  g_assert_cmpstr (g_variant_get_string (category, NULL), ==, "Communications");
  menu = get_item_property ("Menu");
  g_assert_cmpstr (g_variant_get_string (menu, NULL), ==, "/MenuBar");

  sub = g_dbus_connection_signal_subscribe (bus, NULL, "org.kde.StatusNotifierItem", NULL, "/StatusNotifierItem",
                                            NULL, G_DBUS_SIGNAL_FLAGS_NONE, signal_cb, &signals, NULL);
  lancer_tray_set_counts (tray, 4, 2);
  lancer_tray_set_attention (tray, TRUE);
  g_assert_true (lancer_test_iterate_until (got_status, &signals, 10));
  g_assert_cmpstr (signals.last_status, ==, "NeedsAttention");
  attention = get_item_property ("Status");
  g_assert_cmpstr (g_variant_get_string (attention, NULL), ==, "NeedsAttention");
  tooltip = get_item_property ("ToolTip");
  g_variant_get (tooltip, "(sa(iiay)ss)", NULL, NULL, &title, &text);
  g_assert_cmpstr (title, ==, "Lancer");
  g_assert_cmpstr (text, ==, "4 new matches · 2 unread messages");
  g_dbus_connection_signal_unsubscribe (bus, sub);
  g_free (signals.last_status);

  g_clear_object (&tray);
  stop_watcher (watcher);
}

static gboolean
timeout_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_no_watcher (void)
{
  g_autoptr(LancerTray) tray = NULL;
  gboolean waited = FALSE;

  g_assert_false (name_has_owner (WATCHER));
  /* Plain GNOME: no watcher, no error, nothing logged (warnings are fatal). */
  tray = lancer_tray_new (app);
  lancer_tray_set_counts (tray, 1, 0);
  lancer_tray_set_attention (tray, TRUE);
  g_timeout_add (300, timeout_flag, &waited);
  g_assert_true (lancer_test_wait_flag (&waited, 5));
  g_assert_false (lancer_tray_get_registered (tray));
  g_assert_cmpstr (lancer_tray_get_status (tray), ==, "NeedsAttention");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  app = g_application_new ("io.github.lancerdesk.Lancer.TrayTest", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (app, NULL, &error));
  g_assert_no_error (error);
  bus = g_object_ref (g_application_get_dbus_connection (app));

  g_test_add_func ("/tray/no-watcher-no-error", test_no_watcher);
  g_test_add_func ("/tray/registers-and-updates", test_registers_and_updates);
  ret = g_test_run ();

  g_clear_object (&bus);
  g_clear_object (&app);
  return ret;
}
