/* test-profiles.c: creating, switching, renaming and deleting profiles.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "lancer-application.h"
#include "lancer-paths.h"
#include "lancer-profile-manager.h"
#include "lancer-store-private.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"
#include "lancer-window.h"

static LancerApplication *app;

/* Answers the open dialog the way a user would: type a name, press a
 * button; with @shot, the dialog is saved as it looks before the press. */
static void
answer_dialog (const char *text,
               const char *response,
               const char *shot)
{
  AdwMessageDialog *dialog = NULL;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while ((dialog = lancer_test_ui_find_message_dialog ()) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (dialog);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), text);
  if (shot != NULL)
    lancer_test_ui_shoot (GTK_WIDGET (dialog), shot);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static const char *
current_profile_name (void)
{
  return lancer_profile_get_display_name (lancer_session_get_profile (lancer_application_get_session (app)));
}

static gboolean
profile_is (gpointer data)
{
  LancerSession *session = lancer_application_get_session (app);

  return session != NULL && g_strcmp0 (current_profile_name (), data) == 0;
}

/* As the disk has them, not as the app's list says. */
static guint
count_demo_profiles (void)
{
  g_autoptr(LancerProfileManager) manager = lancer_profile_manager_new (NULL);
  GListModel *profiles = lancer_profile_manager_get_profiles (manager);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(LancerProfile) profile = g_list_model_get_item (profiles, i);
      n += lancer_profile_get_is_demo (profile);
    }
  return n;
}

static void
test_profiles (void)
{
  LancerWindow *window;
  LancerSession *first;
  g_autofree char *first_id = NULL;
  g_autofree char *work_dir = NULL;
  GtkWidget *badge;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_application_activate (G_APPLICATION (app));
  window = LANCER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  g_assert_true (lancer_test_iterate_until (lancer_test_ui_app_session_ready, app, 20));
  first = lancer_application_get_session (app);
  first_id = g_strdup (lancer_profile_get_id (lancer_session_get_profile (first)));

  /* A new profile opens at once, in the same window. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "new-profile", NULL);
  answer_dialog ("Work", "accept", "profile-new-dialog");
  g_assert_true (lancer_test_iterate_until (profile_is, (gpointer) "Work", 5));
  g_assert_true (lancer_window_get_session (window) == lancer_application_get_session (app));
  g_assert_true (lancer_test_iterate_until (lancer_test_ui_app_session_ready, app, 20));
  work_dir = g_strdup (lancer_profile_get_dir (lancer_session_get_profile (lancer_application_get_session (app))));
  g_assert_true (g_file_test (work_dir, G_FILE_TEST_IS_DIR));

  /* Renamed. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "rename-profile", NULL);
  answer_dialog ("Agency work", "accept", "profile-rename-dialog");
  g_assert_cmpstr (current_profile_name (), ==, "Agency work");

  /* The demo is its own profile, labelled as such. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "try-demo", NULL);
  /* its folder is made on a worker thread; a second click meanwhile does
   * not make a second demo */
  g_action_group_activate_action (G_ACTION_GROUP (app), "try-demo", NULL);
  g_assert_true (lancer_test_iterate_until (profile_is, (gpointer) "Demo", 5));
  g_assert_true (lancer_session_get_is_demo (lancer_application_get_session (app)));
  g_assert_cmpuint (count_demo_profiles (), ==, 1);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Demo"));
  badge = g_object_get_data (G_OBJECT (window), "demo-badge");
  g_assert_true (badge == NULL || gtk_widget_get_visible (badge));
  g_assert_true (lancer_test_iterate_until (lancer_test_ui_app_session_ready, app, 20));
  path = g_build_filename (lancer_paths_get_artifact_dir (), "window-demo-profile.png", NULL);
  lancer_test_ui_settle (GTK_WIDGET (window));
  g_assert_true (lancer_test_ui_save_png (GTK_WIDGET (window), path, &error));
  g_assert_no_error (error);

  /* Back to the renamed profile through the menu's action. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "switch-profile",
                                  g_variant_new_string (g_path_get_basename (work_dir)));
  g_assert_true (lancer_test_iterate_until (profile_is, (gpointer) "Agency work", 5));
  g_assert_false (lancer_session_get_is_demo (lancer_application_get_session (app)));
  g_assert_true (lancer_test_iterate_until (lancer_test_ui_app_session_ready, app, 20));

  /* Deleting asks first; cancelling keeps everything. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "delete-profile", NULL);
  answer_dialog (NULL, "cancel", NULL);
  g_assert_true (g_file_test (work_dir, G_FILE_TEST_IS_DIR));

  /* Confirmed: its folder is gone and another profile opens. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "delete-profile", NULL);
  answer_dialog (NULL, "delete", NULL);
  g_assert_true (lancer_test_iterate_until (lancer_test_ui_app_session_ready, app, 20));
  g_assert_false (g_file_test (work_dir, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (current_profile_name (), !=, "Agency work");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A profile whose folder cannot be written opens read-only, and the window
 * says that changes cannot be saved, and what to do. As root
 * (CI) permission bits do not stop writes, so the store's read-only open is
 * forced; lancer-cli's test covers a folder the kernel refuses. */
static void
test_read_only_dialog (void)
{
  AdwMessageDialog *dialog = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  LancerWindow *window;
  g_autofree char *first_id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_application_activate (G_APPLICATION (app));
  window = LANCER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  g_assert_true (lancer_test_ui_show (GTK_WINDOW (window)));
  g_assert_true (lancer_test_iterate_until (lancer_test_ui_app_session_ready, app, 20));
  first_id = g_strdup (lancer_profile_get_id (lancer_session_get_profile (lancer_application_get_session (app))));
  text = lancer_test_ui_collect_text (GTK_WIDGET (window));
  g_assert_null (strstr (text, "changes cannot be saved"));

  g_action_group_activate_action (G_ACTION_GROUP (app), "new-profile", NULL);
  answer_dialog ("Archive", "accept", NULL);
  g_assert_true (lancer_test_iterate_until (profile_is, (gpointer) "Archive", 5));
  g_assert_true (lancer_test_iterate_until (lancer_test_ui_app_session_ready, app, 20));

  _lancer_store_set_force_read_only (TRUE);
  g_action_group_activate_action (G_ACTION_GROUP (app), "switch-profile", g_variant_new_string (first_id));
  g_assert_true (lancer_test_iterate_until (lancer_test_ui_app_session_ready, app, 20));
  _lancer_store_set_force_read_only (FALSE);
  g_assert_true (lancer_store_get_read_only (lancer_session_get_store (lancer_application_get_session (app))));

  while ((dialog = lancer_test_ui_find_message_dialog ()) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Changes Cannot Be Saved");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "changes cannot be saved"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "permissions"));
  lancer_test_ui_settle (GTK_WIDGET (dialog));
  path = g_build_filename (lancer_paths_get_artifact_dir (), "window-read-only-dialog.png", NULL);
  g_assert_true (lancer_test_ui_save_png (GTK_WIDGET (dialog), path, &error));
  g_assert_no_error (error);
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = lancer_test_ui_app_new (&argc, &argv);

  g_test_add_func ("/ui/profiles/create-switch-rename-delete", test_profiles);
  g_test_add_func ("/ui/profiles/read-only-dialog", test_read_only_dialog);

  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
