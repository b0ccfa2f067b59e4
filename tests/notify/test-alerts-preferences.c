/* test-alerts-preferences.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences → Alerts in a real window: the controls follow the
 * settings, the failure notice shows once the webhook turned itself off,
 * and a PNG of the page lands in LANCER_ARTIFACT_DIR.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "lancer-alerts-preferences.h"
#include "lancer-secrets.h"
#include "lancer-session.h"
#include "lancer-test-util.h"
#include "lancer-webhook.h"

static gboolean
mapped (gpointer data)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (data));

  return native != NULL && gtk_native_get_surface (native) != NULL &&
         gdk_surface_get_mapped (gtk_native_get_surface (native));
}

static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + 300 * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  const char *dir = g_getenv ("LANCER_ARTIFACT_DIR");
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static GtkWidget *
find_by_type (GtkWidget *root,
              GType      type,
              guint      nth)
{
  guint seen = 0;
  GPtrArray *queue = g_ptr_array_new ();
  GtkWidget *found = NULL;

  g_ptr_array_add (queue, root);
  for (guint i = 0; i < queue->len && found == NULL; i++)
    {
      GtkWidget *w = g_ptr_array_index (queue, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && seen++ == nth)
        found = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (queue, c);
    }
  g_ptr_array_unref (queue);
  return found;
}

static void
test_page (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettings) profile = g_settings_new_with_path ("io.github.lancerdesk.Lancer.Profile",
                                                           "/io/github/lancerdesk/Lancer/profiles/alerts-ui/");
  GtkWidget *window = adw_preferences_window_new ();
  LancerAlertsPreferences *page = lancer_alerts_preferences_new (settings, profile);
  GtkWidget *spin;

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 1400);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (lancer_test_iterate_until (mapped, window, 10));
  settle ();

  /* The first spin button is the minimum score. */
  g_settings_set_uint (profile, "alert-min-score", 70);
  spin = find_by_type (GTK_WIDGET (page), GTK_TYPE_SPIN_BUTTON, 0);
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 70);

  /* Quiet hours are shown in hours. */
  g_settings_set_uint (profile, "alert-quiet-start", 23 * 60);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (find_by_type (GTK_WIDGET (page),
                                                                               GTK_TYPE_SPIN_BUTTON, 3))), ==, 23);

  /* The webhook turned itself off: the notice is visible. */
  g_settings_set_boolean (profile, "alert-webhook-enabled", FALSE);
  g_settings_set_uint (profile, "alert-webhook-failures", LANCER_WEBHOOK_MAX_FAILURES);
  settle ();
  save_png (window, "preferences-alerts");
  {
    g_autofree char *text = NULL;
    GtkWidget *w = GTK_WIDGET (page);
    GString *s = g_string_new (NULL);
    GPtrArray *queue = g_ptr_array_new ();

    g_ptr_array_add (queue, w);
    for (guint i = 0; i < queue->len; i++)
      {
        GtkWidget *c = g_ptr_array_index (queue, i);

        if (!gtk_widget_get_visible (c))
          continue;
        if (ADW_IS_PREFERENCES_ROW (c))
          g_string_append_printf (s, "%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)));
        for (GtkWidget *k = gtk_widget_get_first_child (c); k != NULL; k = gtk_widget_get_next_sibling (k))
          g_ptr_array_add (queue, k);
      }
    g_ptr_array_unref (queue);
    text = g_string_free (s, FALSE);
    g_assert_nonnull (strstr (text, "The webhook was turned off"));
  }
  /* Turning it on again starts the count afresh and hides the notice. */
  g_settings_set_boolean (profile, "alert-webhook-enabled", TRUE);
  settle ();
  g_assert_cmpuint (g_settings_get_uint (profile, "alert-webhook-failures"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static char *
visible_text (GtkWidget *root)
{
  GString *s = g_string_new (NULL);
  GPtrArray *queue = g_ptr_array_new ();

  g_ptr_array_add (queue, root);
  for (guint i = 0; i < queue->len; i++)
    {
      GtkWidget *c = g_ptr_array_index (queue, i);

      if (!gtk_widget_get_visible (c))
        continue;
      if (ADW_IS_PREFERENCES_ROW (c))
        {
          /* As shown: without the mnemonic underscores. */
          g_autoptr(GString) title = g_string_new (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)));

          g_string_replace (title, "_", "", 0);
          g_string_append_printf (s, "%s\n", title->str);
        }
      if (ADW_IS_ACTION_ROW (c) && adw_action_row_get_subtitle (ADW_ACTION_ROW (c)) != NULL)
        g_string_append_printf (s, "%s\n", adw_action_row_get_subtitle (ADW_ACTION_ROW (c)));
      if (ADW_IS_EXPANDER_ROW (c) && adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (c)) != NULL)
        g_string_append_printf (s, "%s\n", adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (c)));
      for (GtkWidget *k = gtk_widget_get_first_child (c); k != NULL; k = gtk_widget_get_next_sibling (k))
        g_ptr_array_add (queue, k);
    }
  g_ptr_array_unref (queue);
  return g_string_free (s, FALSE);
}

/* The page's content below the scrolled window's clip: every group in one
 * picture, whatever the screen's height. */
static void
save_whole_page (LancerAlertsPreferences *page,
                 const char              *name)
{
  GtkWidget *viewport = find_by_type (GTK_WIDGET (page), GTK_TYPE_VIEWPORT, 0);
  GtkWidget *content;
  const char *dir = g_getenv ("LANCER_ARTIFACT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GdkRGBA background;
  int w, h;

  g_assert_nonnull (viewport);
  if (dir == NULL)
    return;
  content = gtk_widget_get_first_child (viewport);
  w = gtk_widget_get_width (content);
  h = gtk_widget_get_height (content);
  /* The window's background under the groups, as on screen. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (content), "window_bg_color", &background))
    gdk_rgba_parse (&background, "#fafafa");
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, w, h));
  paintable = gtk_widget_paintable_new (content);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (content)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static GtkWidget *
show_page (GSettings  *settings,
           GSettings  *profile,
           int         width,
           LancerAlertsPreferences **page_out)
{
  GtkWidget *window = adw_preferences_window_new ();
  LancerAlertsPreferences *page = lancer_alerts_preferences_new (settings, profile);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  /* Tall enough to show the whole page in one picture. */
  gtk_window_set_default_size (GTK_WINDOW (window), width, 4400);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (lancer_test_iterate_until (mapped, window, 10));
  settle ();
  *page_out = page;
  return window;
}

/* Email, SMS, the rules per channel and the templates; light, dark and
 * 360 px wide. */
static void
test_away_from_desk (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettings) profile = g_settings_new_with_path ("io.github.lancerdesk.Lancer.Profile",
                                                           "/io/github/lancerdesk/Lancer/profiles/alerts-away/");
  AdwStyleManager *style = adw_style_manager_get_default ();
  LancerAlertsPreferences *page = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GtkWidget *window;

  g_settings_set_boolean (profile, "alert-email", TRUE);
  g_settings_set_string (profile, "alert-email-server", "smtp.fastmail.com");
  g_settings_set_string (profile, "alert-email-user", "olena@fastmail.com");
  g_settings_set_string (profile, "alert-email-from", "olena@fastmail.com");
  g_settings_set_string (profile, "alert-email-to", "olena.phone@gmail.com");
  g_settings_set_boolean (profile, "alert-sms", TRUE);
  g_settings_set_string (profile, "alert-sms-to", "+380501234567");
  g_settings_set_string (profile, "alert-sms-from", "+15017122661");
  g_settings_set_string (profile, "alert-sms-twilio-account", "AC2f1c6a8e3b9d4f7a0c5e8b1d3f6a9c2e");
  g_settings_set (profile, "alert-sms-sent-today", "(su)", today, 3);
  g_settings_set_value (profile, "alert-templates",
                        g_variant_new_parsed ("{'desktop': '{title} — {budget}, score {score}'}"));

  window = show_page (settings, profile, 640, &page);
  text = visible_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "Send Alerts by Email"));
  g_assert_nonnull (strstr (text, "SMTP Server"));
  g_assert_nonnull (strstr (text, "Twilio Account SID"));
  /* Only the chosen provider's rows show. */
  g_assert_null (strstr (text, "Gateway Address"));
  /* The daily cap with what today used. */
  g_assert_nonnull (strstr (text, "3 sent today"));
  /* SMS has its default rule: score 80 or more. */
  g_assert_nonnull (strstr (text, "Score 80 or more · every search"));
  /* The template's live preview, from the sample job. */
  g_assert_nonnull (strstr (text, "GTK 4 desktop app for a dental clinic — $1,500 fixed, score 86"));
  g_assert_nonnull (strstr (text, "{client}"));
  save_png (window, "preferences-alerts-light");
  save_whole_page (page, "preferences-alerts-light-full");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  settle ();
  save_png (window, "preferences-alerts-dark");
  save_whole_page (page, "preferences-alerts-dark-full");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));

  g_settings_set_string (profile, "alert-sms-provider", "gateway");
  window = show_page (settings, profile, 360, &page);
  g_clear_pointer (&text, g_free);
  text = visible_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "Gateway Address"));
  g_assert_null (strstr (text, "Twilio Account SID"));
  save_png (window, "preferences-alerts-narrow");
  save_whole_page (page, "preferences-alerts-narrow-full");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
session_ready (gpointer data)
{
  return lancer_session_get_state (LANCER_SESSION (data)) != LANCER_SESSION_OPENING;
}

static gboolean
status_shown (gpointer data)
{
  g_autofree char *text = visible_text (GTK_WIDGET (data));

  return strstr (text, "The test email was not sent") != NULL;
}

/* Send Test Email against a real mail server on loopback that never
 * offers STARTTLS: the page says so, with the way forward, and stays. */
static void
test_email_failure_shown (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(LancerProfileManager) manager = lancer_profile_manager_new (NULL);
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(LancerSession) session = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lancer-smtp-ui-XXXXXX", NULL);
  g_autofree char *script = g_build_filename (g_getenv ("LANCER_SOURCE_DIR"), "tests", "notify", "smtp-server.py",
                                              NULL);
  g_autofree char *port = NULL;
  g_autofree char *text = NULL;
  LancerAlertsPreferences *page = NULL;
  GSettings *profile_settings;
  GtkWidget *window;
  GtkWidget *button;

  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             "/usr/bin/python3", script, "no-starttls", dir, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  port = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (port);

  profile = lancer_profile_manager_create (manager, "Email UI", FALSE, &error);
  g_assert_no_error (error);
  session = lancer_session_new (manager, profile);
  lancer_session_open (session);
  g_assert_true (lancer_test_iterate_until (session_ready, session, 20));
  profile_settings = lancer_session_get_settings (session);
  g_settings_set_string (profile_settings, "alert-email-server", "127.0.0.1");
  g_settings_set_uint (profile_settings, "alert-email-port", (guint) g_ascii_strtoull (port, NULL, 10));
  g_settings_set_string (profile_settings, "alert-email-user", "olena@example.org");
  g_settings_set_string (profile_settings, "alert-email-from", "alerts@example.org");
  g_settings_set_string (profile_settings, "alert-email-to", "olena.phone@example.net");
  g_assert_true (lancer_secrets_store_sync (lancer_profile_get_id (profile), LANCER_SECRET_SMTP_PASSWORD,
                                            "correct horse battery staple", NULL, &error));

  window = show_page (settings, profile_settings, 640, &page);
  lancer_alerts_preferences_set_session (page, session);
  settle ();
  /* The button of the row titled "Test" in the Email group. */
  button = NULL;
  for (guint i = 0; (button = find_by_type (GTK_WIDGET (page), GTK_TYPE_BUTTON, i)) != NULL; i++)
    if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), "Send Test Ema_il") == 0)
      break;
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (lancer_test_iterate_until (status_shown, page, 30));
  text = visible_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "does not offer STARTTLS, so nothing was sent"));
  settle ();
  save_whole_page (page, "preferences-alerts-email-failed");
  gtk_window_destroy (GTK_WINDOW (window));

  lancer_secrets_clear_profile_sync (lancer_profile_get_id (profile), NULL, NULL);
  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  tmp = lancer_test_isolate_xdg ();

  g_test_add_func ("/alerts-preferences/page", test_page);
  g_test_add_func ("/alerts-preferences/away-from-desk", test_away_from_desk);
  g_test_add_func ("/alerts-preferences/email-failure-shown", test_email_failure_shown);
  return g_test_run ();
}
