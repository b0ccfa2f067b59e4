/* test-lock.c: the app lock as a user meets it.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Turns the lock on through Preferences → Security (codes computed here
 * from the enrolment's secret with liboath), locks with app.lock, checks
 * that nothing private is left in the visible widget tree, then wrong
 * codes, the right one, the back-off countdown and a recovery code. Ends
 * with the activity log window and `lancer-cli audit --json`. The guard's
 * clock is set by the test so TOTP time steps never race the real clock.
 * Screenshots land in $LANCER_ARTIFACT_DIR.
 */
#include "config.h"

#include <glib/gstdio.h>

#include <json-glib/json-glib.h>

#include "lancer-application.h"
#include "lancer-audit-window-private.h"
#include "lancer-jobs-page-private.h"
#include "lancer-lock-enrol-window.h"
#include "lancer-lock-view.h"
#include "lancer-paths.h"
#include "lancer-preferences-window.h"
#include "lancer-sandbox-data.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"
#include "lancer-totp.h"
#include "lancer-window.h"

#define PRIVATE_TITLE "Quokka Ledger Reconciliation for Zanzibar Spice Co"

static LancerApplication *app;
static LancerWindow *window;
static LancerLockGuard *guard;
static char *secret;          /* base32, as enrolled */
static char *recovery_code;   /* one of the ten, kept for the last test */
static char *cli_recovery_code;   /* another, for lancer-cli, which asks for a code too */
static gint64 clock_now;      /* the guard's clock */

/* Helpers */

static void
set_clock (gint64 t)
{
  clock_now = t;
  lancer_lock_guard_set_now_for_testing (guard, t);
}

static char *
code_at (gint64 t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = lancer_totp_base32_decode (secret, &error);
  char *code;

  g_assert_no_error (error);
  code = lancer_totp_generate_code (key, t, LANCER_TOTP_DIGITS, &error);
  g_assert_no_error (error);
  return code;
}

/* A well-formed code that is not valid one step either side of @t. */
static char *
wrong_code_at (gint64 t)
{
  g_autofree char *a = code_at (t - LANCER_TOTP_PERIOD);
  g_autofree char *b = code_at (t);
  g_autofree char *c = code_at (t + LANCER_TOTP_PERIOD);

  for (guint n = 0; n < 1000000; n++)
    {
      char *candidate = g_strdup_printf ("%06u", (n * 7919 + 123457) % 1000000);

      if (!g_str_equal (candidate, a) && !g_str_equal (candidate, b) && !g_str_equal (candidate, c))
        return candidate;
      g_free (candidate);
    }
  g_assert_not_reached ();
  return NULL;
}

/* The first widget under @root that is a row titled @label or a button
 * labelled @label (mnemonics included). */
static GtkWidget *
find_labelled (GtkWidget  *root,
               const char *label)
{
  if ((ADW_IS_PREFERENCES_ROW (root) &&
       g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), label) == 0) ||
      (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

/* Everything a person (or a screen reader) could read in the mapped part
 * of the tree: labels, entries, and accessible labels and descriptions. */
static void
collect_visible (GtkWidget *widget,
                 GString   *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_EDITABLE (widget) && gtk_editable_get_delegate (GTK_EDITABLE (widget)) == NULL)
    g_string_append_printf (out, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  if (gtk_widget_get_tooltip_text (widget) != NULL)
    g_string_append_printf (out, "%s\n", gtk_widget_get_tooltip_text (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_visible (child, out);
}

static char *
visible_text (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  if (GTK_IS_WINDOW (widget) && gtk_window_get_title (GTK_WINDOW (widget)) != NULL)
    g_string_append_printf (out, "%s\n", gtk_window_get_title (GTK_WINDOW (widget)));
  collect_visible (widget, out);
  return g_string_free (out, FALSE);
}

static void
save_light_dark (GtkWidget  *widget,
                 const char *name)
{
  g_autofree char *dark = g_strdup_printf ("%s-dark", name);

  lancer_test_ui_shoot (widget, name);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  lancer_test_ui_shoot (widget, dark);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
jobs_listed (gpointer data)
{
  return g_strcmp0 (lancer_jobs_page_get_mode (data), "list") == 0;
}

static gboolean
view_idle (gpointer data)
{
  return !lancer_lock_view_get_busy (data);
}

static gboolean
enrol_idle (gpointer data)
{
  return !lancer_lock_enrol_window_get_busy (data);
}

static gboolean
is_unlocked (gpointer data)
{
  return !lancer_lock_guard_get_locked (data);
}

static gboolean
toplevel_gone (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

static void
upserted_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean *done = user_data;

  g_assert_true (lancer_store_upsert_jobs_finish (LANCER_STORE (source), result, NULL, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static LancerLockView *
get_lock_view (void)
{
  LancerLockView *view = LANCER_LOCK_VIEW (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_LOCK_VIEW));

  g_assert_nonnull (view);
  return view;
}

static void
submit_and_wait (const char *code)
{
  LancerLockView *view = get_lock_view ();

  lancer_lock_view_submit (view, code);
  g_assert_true (lancer_test_iterate_until (view_idle, view, 20));
  lancer_test_ui_settle (GTK_WIDGET (window));
}

static void
assert_nothing_private (void)
{
  g_autofree char *text = visible_text (GTK_WIDGET (window));
  GtkWidget *page = lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_JOBS_PAGE);
  GtkWidget *switcher = lancer_test_ui_find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE);

  g_assert_nonnull (strstr (text, "Lancer Is Locked"));
  g_assert_null (strstr (text, PRIVATE_TITLE));
  g_assert_null (strstr (text, "Quokka"));
  g_assert_false (gtk_widget_get_mapped (page));
  g_assert_false (gtk_widget_get_mapped (switcher));
}

/* Tests, in order: each one starts where the last one ended. */

static void
test_private_job_shows (void)
{
  LancerSession *session = lancer_application_get_session (app);
  g_autoptr(LancerSandboxData) data = lancer_sandbox_data_new (7);
  g_autoptr(GPtrArray) jobs = NULL;
  g_autofree char *text = NULL;
  LancerJobsPage *page;
  gboolean done = FALSE;

  window = lancer_window_new (GTK_APPLICATION (app), session);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  g_assert_true (lancer_test_iterate_until (lancer_test_ui_session_ready, session, 20));
  g_assert_cmpint (lancer_session_get_state (session), ==, LANCER_SESSION_READY);
  guard = lancer_session_get_lock_guard (session);
  g_assert_false (lancer_lock_guard_get_enabled (guard));

  /* A job with a title nobody else would use, as a sync would store it. */
  jobs = lancer_sandbox_data_next_jobs (data, 5, g_get_real_time () / G_USEC_PER_SEC, 3600);
  lancer_job_set_title (g_ptr_array_index (jobs, 0), PRIVATE_TITLE);
  lancer_store_upsert_jobs_async (lancer_session_get_store (session), jobs, NULL, upserted_cb, &done);
  g_assert_true (lancer_test_wait_flag (&done, 20));
  page = LANCER_JOBS_PAGE (lancer_test_ui_find_type (GTK_WIDGET (window), LANCER_TYPE_JOBS_PAGE));
  g_assert_true (lancer_test_iterate_until (jobs_listed, page, 10));
  lancer_test_ui_settle (GTK_WIDGET (window));

  text = visible_text (GTK_WIDGET (window));
  g_assert_nonnull (strstr (text, PRIVATE_TITLE));

  /* No lock yet: nothing to lock with. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "lock"));
}

static void
test_enrol (void)
{
  LancerPreferencesWindow *prefs;
  LancerLockEnrolWindow *enrol;
  GtkSwitch *lock_switch;
  GSettings *settings = lancer_session_get_settings (lancer_application_get_session (app));
  g_autofree char *code = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *text = NULL;
  const char * const *codes;

  set_clock (g_get_real_time () / G_USEC_PER_SEC / LANCER_TOTP_PERIOD * LANCER_TOTP_PERIOD + 5);

  prefs = lancer_preferences_window_new (GTK_WINDOW (window), settings);
  gtk_window_set_default_size (GTK_WINDOW (prefs), 640, 720);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "security");
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (prefs)));
  save_light_dark (GTK_WIDGET (prefs), "lock-preferences-off");

  /* Flipping the switch starts the enrolment; the switch itself waits. */
  lock_switch = GTK_SWITCH (lancer_test_ui_find_type (find_labelled (GTK_WIDGET (prefs), "_Require a Code to Open Lancer"),
                                         GTK_TYPE_SWITCH));
  g_assert_nonnull (lock_switch);
  gtk_switch_set_active (lock_switch, TRUE);
  lancer_test_ui_settle (GTK_WIDGET (prefs));
  g_assert_false (gtk_switch_get_active (lock_switch));

  enrol = LANCER_LOCK_ENROL_WINDOW (find_toplevel (LANCER_TYPE_LOCK_ENROL_WINDOW));
  g_assert_nonnull (enrol);
  /* The preferences presented it already. */
  lancer_test_ui_settle (GTK_WIDGET (enrol));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (enrol)));
  g_assert_cmpstr (lancer_lock_enrol_window_get_step (enrol), ==, "scan");
  secret = g_strdup (lancer_lock_enrolment_get_secret (lancer_lock_enrol_window_get_enrolment (enrol)));
  text = visible_text (GTK_WIDGET (enrol));
  {
    g_autofree char *formatted = lancer_lock_enrolment_dup_formatted_secret (lancer_lock_enrol_window_get_enrolment (enrol));
    g_assert_nonnull (strstr (text, formatted));
  }
  save_light_dark (GTK_WIDGET (enrol), "lock-enrol-1-scan");
  gtk_window_set_default_size (GTK_WINDOW (enrol), 360, 640);
  lancer_test_ui_shoot (GTK_WIDGET (enrol), "lock-enrol-1-scan-360");
  gtk_window_set_default_size (GTK_WINDOW (enrol), 460, 680);

  /* Step 2: a wrong code is refused and nothing is enabled. */
  lancer_lock_enrol_window_next (enrol);
  g_assert_cmpstr (lancer_lock_enrol_window_get_step (enrol), ==, "code");
  lancer_test_ui_shoot (GTK_WIDGET (enrol), "lock-enrol-2-code");
  wrong = wrong_code_at (clock_now);
  lancer_lock_enrol_window_submit_code (enrol, wrong);
  g_assert_true (lancer_test_iterate_until (enrol_idle, enrol, 20));
  g_assert_nonnull (lancer_lock_enrol_window_get_error (enrol));
  g_assert_false (lancer_lock_guard_get_enabled (guard));
  lancer_test_ui_shoot (GTK_WIDGET (enrol), "lock-enrol-2-code-error");

  /* The right one: ten recovery codes, shown once. */
  code = code_at (clock_now);
  lancer_lock_enrol_window_submit_code (enrol, code);
  g_assert_true (lancer_test_iterate_until (enrol_idle, enrol, 20));
  g_assert_null (lancer_lock_enrol_window_get_error (enrol));
  g_assert_cmpstr (lancer_lock_enrol_window_get_step (enrol), ==, "codes");
  codes = lancer_lock_enrol_window_get_recovery_codes (enrol);
  g_assert_nonnull (codes);
  g_assert_cmpuint (g_strv_length ((char **) codes), ==, 10);
  recovery_code = g_strdup (codes[3]);
  cli_recovery_code = g_strdup (codes[4]);
  g_assert_true (lancer_lock_guard_get_enabled (guard));
  g_assert_false (lancer_lock_guard_get_locked (guard));
  save_light_dark (GTK_WIDGET (enrol), "lock-enrol-3-codes");

  lancer_lock_enrol_window_next (enrol);
  g_assert_true (lancer_test_iterate_until (toplevel_gone, GSIZE_TO_POINTER (LANCER_TYPE_LOCK_ENROL_WINDOW), 5));

  /* The switch, the setting and app.lock follow the guard. */
  lancer_test_ui_settle (GTK_WIDGET (prefs));
  g_assert_true (gtk_switch_get_active (lock_switch));
  g_assert_true (g_settings_get_boolean (settings, "lock-enabled"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "lock"));
  save_light_dark (GTK_WIDGET (prefs), "lock-preferences-on");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_lock_hides_everything (void)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.lock");
  LancerPreferencesWindow *prefs;

  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>l"));

  /* A dialog open at lock time is closed with it. */
  prefs = lancer_preferences_window_new (GTK_WINDOW (window),
                                         lancer_session_get_settings (lancer_application_get_session (app)));
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (prefs)));

  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  g_assert_true (lancer_lock_guard_get_locked (guard));
  lancer_test_ui_settle (GTK_WIDGET (window));
  g_assert_null (find_toplevel (LANCER_TYPE_PREFERENCES_WINDOW));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "preferences"));

  assert_nothing_private ();
  save_light_dark (GTK_WIDGET (window), "lock-screen");
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  lancer_test_ui_shoot (GTK_WIDGET (window), "lock-screen-360");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  lancer_test_ui_shoot (GTK_WIDGET (window), "lock-screen-dark-360");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
  assert_nothing_private ();
}

static void
test_wrong_then_right (void)
{
  LancerLockView *view = get_lock_view ();
  g_autofree char *wrong = NULL;
  g_autofree char *right = NULL;
  g_autofree char *text = NULL;

  set_clock (clock_now + 2 * LANCER_TOTP_PERIOD);
  wrong = wrong_code_at (clock_now);
  submit_and_wait (wrong);
  g_assert_true (lancer_lock_guard_get_locked (guard));
  g_assert_nonnull (lancer_lock_view_get_error (view));
  assert_nothing_private ();
  lancer_test_ui_shoot (GTK_WIDGET (window), "lock-screen-wrong-code");

  submit_and_wait ("12ab");
  g_assert_true (lancer_lock_guard_get_locked (guard));
  g_assert_nonnull (lancer_lock_view_get_error (view));

  right = code_at (clock_now);
  submit_and_wait (right);
  g_assert_true (lancer_test_iterate_until (is_unlocked, guard, 10));
  lancer_test_ui_settle (GTK_WIDGET (window));
  text = visible_text (GTK_WIDGET (window));
  g_assert_nonnull (strstr (text, PRIVATE_TITLE));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "preferences"));
}

static void
test_backoff (void)
{
  LancerLockView *view = get_lock_view ();
  g_autofree char *first = NULL;
  g_autofree char *right = NULL;
  GtkWidget *entry;

  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  lancer_test_ui_settle (GTK_WIDGET (window));
  set_clock (clock_now + 2 * LANCER_TOTP_PERIOD);

  for (guint i = 0; i < LANCER_LOCK_FREE_ATTEMPTS + 1; i++)
    {
      g_autofree char *wrong = wrong_code_at (clock_now);

      submit_and_wait (wrong);
    }
  g_assert_cmpint (lancer_lock_guard_get_seconds_until_retry (guard), >, 0);
  first = g_strdup (lancer_lock_view_get_error (view));
  g_assert_nonnull (first);
  g_assert_nonnull (strstr (first, "Try again in"));
  entry = lancer_test_ui_find_type (GTK_WIDGET (view), GTK_TYPE_ENTRY);
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (entry)));
  assert_nothing_private ();
  save_light_dark (GTK_WIDGET (window), "lock-screen-backoff");

  /* The countdown moves every second. */
  set_clock (clock_now + 3);
  {
    gint64 until = g_get_monotonic_time () + 1500 * 1000;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_cmpstr (lancer_lock_view_get_error (view), !=, first);
  g_assert_nonnull (strstr (lancer_lock_view_get_error (view), "Try again in"));

  /* Once the wait is over, the entry comes back and a good code works. */
  set_clock (clock_now + LANCER_LOCK_BACKOFF_BASE + LANCER_TOTP_PERIOD);
  {
    gint64 until = g_get_monotonic_time () + 1500 * 1000;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (entry)));
  right = code_at (clock_now);
  submit_and_wait (right);
  g_assert_true (lancer_test_iterate_until (is_unlocked, guard, 10));
}

static void
test_recovery_code (void)
{
  LancerLockView *view = get_lock_view ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  lancer_test_ui_settle (GTK_WIDGET (window));

  /* The recovery hint switches the wording. */
  {
    GtkWidget *button = find_labelled (GTK_WIDGET (view), "Use a _Recovery Code");

    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
    lancer_test_ui_settle (GTK_WIDGET (window));
    lancer_test_ui_shoot (GTK_WIDGET (window), "lock-screen-recovery");
  }

  submit_and_wait (recovery_code);
  g_assert_true (lancer_test_iterate_until (is_unlocked, guard, 10));

  /* Burnt: it does not work twice. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  lancer_test_ui_settle (GTK_WIDGET (window));
  submit_and_wait (recovery_code);
  g_assert_true (lancer_lock_guard_get_locked (guard));
  g_assert_nonnull (lancer_lock_view_get_error (view));

  {
    g_autofree char *code = NULL;

    set_clock (clock_now + 2 * LANCER_TOTP_PERIOD);
    code = code_at (clock_now);
    submit_and_wait (code);
    g_assert_true (lancer_test_iterate_until (is_unlocked, guard, 10));
  }
}

static gboolean
audit_listed (gpointer data)
{
  return g_strcmp0 (lancer_audit_window_get_state (data), "list") == 0;
}

static gboolean
audit_shows_export (gpointer data)
{
  g_autofree char *text = lancer_test_ui_collect_text (data);

  return strstr (text, "You exported the activity log") != NULL;
}

/* Export (here without the file chooser) writes every entry, nothing
 * secret, and is itself logged. */
static void
check_audit_export (LancerAuditWindow *audit)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lancer-audit-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  guint shown = lancer_audit_window_get_n_rows (audit);

  g_assert_no_error (error);
  path = g_build_filename (dir, "activity.csv", NULL);
  file = g_file_new_for_path (path);
  lancer_audit_window_export_to (audit, "csv", file);
  g_assert_true (lancer_test_iterate_until (audit_shows_export, audit, 10));
  g_assert_true (g_file_get_contents (path, &csv, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (csv, "time,category,action,detail\r\n"));
  lines = g_strsplit (csv, "\r\n", -1);
  /* the header, an entry a line (at least those shown), and the empty
   * rest after the last \r\n */
  g_assert_cmpuint (g_strv_length (lines), >=, shown + 2);
  g_assert_null (strstr (csv, recovery_code));
  g_assert_null (strstr (csv, secret));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_audit_window (void)
{
  LancerAuditWindow *audit;
  g_autofree char *text = NULL;

  audit = lancer_audit_window_new (GTK_WINDOW (window),
                                   lancer_session_get_audit_log (lancer_application_get_session (app)));
  gtk_window_set_default_size (GTK_WINDOW (audit), 640, 640);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (audit)));
  g_assert_true (lancer_test_iterate_until (audit_listed, audit, 10));
  g_assert_cmpuint (lancer_audit_window_get_n_rows (audit), >=, 5);
  lancer_test_ui_settle (GTK_WIDGET (audit));

  /* Lock events are there; the codes are not. */
  text = lancer_test_ui_collect_text (GTK_WIDGET (audit));
  g_assert_nonnull (strstr (text, "Lancer locked"));
  g_assert_nonnull (strstr (text, "You turned the lock on"));
  /* Each row's template shows the entry's kind beside its time. */
  g_assert_nonnull (strstr (text, " · Settings"));
  g_assert_nonnull (strstr (text, " · Failed unlock"));
  g_assert_null (strstr (text, recovery_code));
  g_assert_null (strstr (text, secret));
  save_light_dark (GTK_WIDGET (audit), "audit-window");
  gtk_window_set_default_size (GTK_WINDOW (audit), 360, 640);
  lancer_test_ui_shoot (GTK_WIDGET (audit), "audit-window-360");
  check_audit_export (audit);
  gtk_window_destroy (GTK_WINDOW (audit));
}

static void
test_cli_audit_json (void)
{
  const char *cli = g_getenv ("LANCER_CLI");
  LancerProfile *profile = lancer_session_get_profile (lancer_application_get_session (app));
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *input = NULL;
  gboolean saw_lock = FALSE, saw_unlock = FALSE, saw_failed = FALSE;
  JsonArray *array;

  if (cli == NULL)
    {
      g_test_skip ("LANCER_CLI is not set");
      return;
    }

  /* The app is locked, so lancer-cli reads a code from stdin first. */
  input = g_strdup_printf ("%s\n", cli_recovery_code);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                           G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                           cli, "--profile", lancer_profile_get_display_name (profile), "audit", "--json", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, input, NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);

  g_assert_null (strstr (out, secret));
  g_assert_null (strstr (out, recovery_code));
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);
      const char *category = json_object_get_string_member (entry, "category");

      g_assert_true (json_object_has_member (entry, "time"));
      g_assert_true (json_object_has_member (entry, "action"));
      saw_lock |= g_strcmp0 (category, "lock") == 0;
      saw_unlock |= g_strcmp0 (category, "unlock") == 0;
      saw_failed |= g_strcmp0 (category, "unlock-failed") == 0;
    }
  g_assert_true (saw_lock && saw_unlock && saw_failed);
}

static gboolean
session_settled (gpointer data)
{
  return lancer_session_get_state (data) != LANCER_SESSION_OPENING;
}

/* Deleting lock-state.ini from the profile folder must not open the next
 * session unlocked: the session is ready only once the keyring has said the
 * lock is on, so nothing is shown before the lock view. */
static void
test_state_file_deleted (void)
{
  LancerSession *current = lancer_application_get_session (app);
  LancerProfile *profile = lancer_session_get_profile (current);
  g_autofree char *state = g_build_filename (lancer_profile_get_dir (profile), "lock-state.ini", NULL);
  g_autoptr(LancerSession) session = NULL;
  LancerLockGuard *fresh;

  g_assert_true (lancer_lock_guard_get_enabled (lancer_session_get_lock_guard (current)));
  g_assert_cmpint (g_unlink (state), ==, 0);

  session = lancer_session_new (lancer_session_get_profile_manager (current), profile);
  fresh = lancer_session_get_lock_guard (session);
  lancer_session_open (session);
  g_assert_true (lancer_test_iterate_until (session_settled, session, 30));
  g_assert_cmpint (lancer_session_get_state (session), ==, LANCER_SESSION_READY);
  g_assert_true (lancer_lock_guard_get_enabled (fresh));
  g_assert_true (lancer_lock_guard_get_locked (fresh));
  g_assert_true (g_file_test (state, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = lancer_test_ui_app_new (&argc, &argv);

  g_test_add_func ("/ui/lock/private-job-shows", test_private_job_shows);
  g_test_add_func ("/ui/lock/enrol", test_enrol);
  g_test_add_func ("/ui/lock/lock-hides-everything", test_lock_hides_everything);
  g_test_add_func ("/ui/lock/wrong-then-right", test_wrong_then_right);
  g_test_add_func ("/ui/lock/backoff", test_backoff);
  g_test_add_func ("/ui/lock/recovery-code", test_recovery_code);
  g_test_add_func ("/ui/lock/audit-window", test_audit_window);
  g_test_add_func ("/ui/lock/cli-audit-json", test_cli_audit_json);
  g_test_add_func ("/ui/lock/state-file-deleted", test_state_file_deleted);

  ret = g_test_run ();
  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  g_clear_pointer (&secret, g_free);
  g_clear_pointer (&recovery_code, g_free);
  g_clear_pointer (&cli_recovery_code, g_free);
  g_object_unref (app);
  return ret;
}
