/* test-lock-triggers.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What locks the app besides Ctrl+L: the idle timer and the desktop's
 * screen saver. The screen saver is python3-dbusmock on the private session
 * bus of tests/headless-session.sh; the system bus (logind) is usually out
 * of reach here, which must be harmless.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "lancer-lock-guard.h"
#include "lancer-lock-triggers.h"
#include "lancer-secrets.h"
#include "lancer-totp.h"
#include "lancer-test-util.h"

typedef struct
{
  char            *dir;
  char            *profile_id;
  LancerLockGuard *guard;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LancerLockEnrolment) enrolment = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autofree char *code = NULL;
  g_auto(GStrv) recovery = NULL;

  f->dir = g_dir_make_tmp ("lancer-triggers-XXXXXX", &error);
  g_assert_no_error (error);
  f->profile_id = g_path_get_basename (f->dir);
  f->guard = lancer_lock_guard_new (f->profile_id, f->dir);

  enrolment = lancer_lock_guard_begin_enrolment (f->guard, "triggers", &error);
  g_assert_no_error (error);
  key = lancer_totp_base32_decode (lancer_lock_enrolment_get_secret (enrolment), &error);
  g_assert_no_error (error);
  code = lancer_totp_generate_code (key, g_get_real_time () / G_USEC_PER_SEC, LANCER_TOTP_DIGITS, &error);
  g_assert_no_error (error);
  recovery = lancer_lock_enrolment_confirm_sync (enrolment, code, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lancer_lock_guard_get_enabled (f->guard));
  g_assert_false (lancer_lock_guard_get_locked (f->guard));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *state = g_build_filename (f->dir, "lock-state.ini", NULL);
  g_autofree char *audit = g_build_filename (f->dir, "audit.jsonl", NULL);

  lancer_secrets_clear_profile_sync (f->profile_id, NULL, NULL);
  g_clear_object (&f->guard);
  g_unlink (state);
  g_unlink (audit);
  g_rmdir (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->profile_id, g_free);
}

static gboolean
is_locked (gpointer data)
{
  return lancer_lock_guard_get_locked (data);
}

static gboolean
is_watching (gpointer data)
{
  return lancer_lock_triggers_get_watching_session (data);
}

static void
test_idle (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(LancerLockTriggers) triggers = lancer_lock_triggers_new (f->guard, NULL);
  gint64 start;

  lancer_lock_triggers_set_idle_seconds (triggers, 1);

  /* Input keeps it open. */
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 1500 * 1000)
    {
      lancer_lock_triggers_note_activity (triggers);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (20 * 1000);
    }
  g_assert_false (lancer_lock_guard_get_locked (f->guard));

  /* A second without any locks it. */
  g_assert_true (lancer_test_iterate_until (is_locked, f->guard, 5));
}

static void
test_idle_off (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LancerLockTriggers) triggers = lancer_lock_triggers_new (f->guard, NULL);

  /* 0 turns the idle lock off. */
  lancer_lock_triggers_set_idle_seconds (triggers, 0);
  g_assert_false (lancer_test_iterate_until (is_locked, f->guard, 2));
}

static void
test_settings_mirror (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(LancerLockTriggers) triggers = NULL;
  g_autofree char *path = g_strdup_printf ("/io/github/lancerdesk/Lancer/profiles/%s/", f->profile_id);

  settings = g_settings_new_with_path ("io.github.lancerdesk.Lancer.Profile", path);
  g_settings_set_uint (settings, "lock-idle-minutes", 7);
  g_assert_false (g_settings_get_boolean (settings, "lock-enabled"));

  triggers = lancer_lock_triggers_new (f->guard, settings);
  /* The guard's state file is the source of truth. */
  g_assert_true (g_settings_get_boolean (settings, "lock-enabled"));
  g_assert_cmpuint (lancer_lock_triggers_get_idle_seconds (triggers), ==, 7 * 60);
  g_settings_set_uint (settings, "lock-idle-minutes", 2);
  g_assert_cmpuint (lancer_lock_triggers_get_idle_seconds (triggers), ==, 2 * 60);
}

static GSubprocess *
start_screensaver_mock (void)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *mock;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  gint64 deadline;

  g_assert_no_error (error);
  mock = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                           "/usr/bin/python3", "-m", "dbusmock",
                           "org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver",
                           NULL);
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GVariant) reply = NULL;
      gboolean has_owner = FALSE;

      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "NameHasOwner",
                                           g_variant_new ("(s)", "org.gnome.ScreenSaver"),
                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                           NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "(b)", &has_owner);
      if (has_owner)
        return mock;
      g_usleep (50 * 1000);
    }
  g_error ("dbusmock never owned org.gnome.ScreenSaver");
  return NULL;
}

static void
emit_active_changed (gboolean active)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GVariant) reply = NULL;
  GVariantBuilder args;

  g_assert_no_error (error);
  g_variant_builder_init (&args, G_VARIANT_TYPE ("av"));
  g_variant_builder_add (&args, "v", g_variant_new_boolean (active));
  reply = g_dbus_connection_call_sync (bus, "org.gnome.ScreenSaver", "/org/gnome/ScreenSaver",
                                       "org.freedesktop.DBus.Mock", "EmitSignal",
                                       g_variant_new ("(sssav)", "org.gnome.ScreenSaver",
                                                      "ActiveChanged", "b", &args),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

static void
test_screensaver (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LancerLockTriggers) triggers = NULL;
  g_autoptr(GSubprocess) mock = start_screensaver_mock ();

  triggers = lancer_lock_triggers_new (f->guard, NULL);
  /* The idle lock stays out of the way. */
  lancer_lock_triggers_set_idle_seconds (triggers, 0);
  g_assert_true (lancer_test_iterate_until (is_watching, triggers, 10));

  /* The screen saver going away does not lock; coming on does. */
  emit_active_changed (FALSE);
  g_assert_false (lancer_test_iterate_until (is_locked, f->guard, 1));
  emit_active_changed (TRUE);
  g_assert_true (lancer_test_iterate_until (is_locked, f->guard, 10));

  g_subprocess_force_exit (mock);
  g_subprocess_wait (mock, NULL, NULL);
}

static void
test_disabled_lock_ignores_triggers (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(LancerLockGuard) guard = NULL;
  g_autoptr(LancerLockTriggers) triggers = NULL;
  g_autoptr(GSubprocess) mock = start_screensaver_mock ();
  g_autofree char *dir = g_dir_make_tmp ("lancer-triggers-off-XXXXXX", NULL);

  /* A profile without the lock: nothing locks it. */
  guard = lancer_lock_guard_new ("triggers-off", dir);
  triggers = lancer_lock_triggers_new (guard, NULL);
  lancer_lock_triggers_set_idle_seconds (triggers, 1);
  g_assert_true (lancer_test_iterate_until (is_watching, triggers, 10));
  emit_active_changed (TRUE);
  g_assert_false (lancer_test_iterate_until (is_locked, guard, 2));

  g_subprocess_force_exit (mock);
  g_subprocess_wait (mock, NULL, NULL);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/security/lock-triggers/idle", Fixture, NULL,
              fixture_setup, test_idle, fixture_teardown);
  g_test_add ("/security/lock-triggers/idle-off", Fixture, NULL,
              fixture_setup, test_idle_off, fixture_teardown);
  g_test_add ("/security/lock-triggers/settings-mirror", Fixture, NULL,
              fixture_setup, test_settings_mirror, fixture_teardown);
  g_test_add ("/security/lock-triggers/screensaver", Fixture, NULL,
              fixture_setup, test_screensaver, fixture_teardown);
  g_test_add ("/security/lock-triggers/disabled-lock", Fixture, NULL,
              fixture_setup, test_disabled_lock_ignores_triggers, fixture_teardown);

  return g_test_run ();
}
