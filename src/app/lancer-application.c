/* lancer-application.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-application"

#include "config.h"

#include <glib/gi18n.h>
#include <libportal-gtk4/portal-gtk4.h>

#include "lancer-application.h"
#include "lancer-connect-window.h"
#include "lancer-bench-frame.h"
#include "lancer-preferences-window.h"
#include "lancer-profile-manager.h"
#include "lancer-sandbox.h"
#include "lancer-secrets.h"
#include "lancer-session.h"
#include "lancer-thread.h"
#include "lancer-notifier.h"
#include "lancer-tray.h"
#include "lancer-window.h"

struct _LancerApplication
{
  AdwApplication  parent_instance;

  GSettings            *settings;
  LancerProfileManager *profiles;
  LancerSession        *session;
  LancerLockGuard      *lock_guard;
  /* The store opens only once the window has drawn its first frame, so
   * database checks never compete with the first paint on a small CPU. */
  gboolean              first_frame_drawn;
  guint                 open_fallback_id;
  /* The in-process sandbox that serves the demo profile; it starts on a
   * worker thread (it generates its jobs first), and the demo session it
   * is for waits to open until it is up. */
  LancerSandbox        *sandbox;
  LancerSession        *waits_for_sandbox;   /* weak */
  gboolean              sandbox_starting;
  gboolean              creating_demo;       /* its folder is being made */
  /* Alerts: the open profile's notifier, the tray item and background
   * mode (the window closed while run-in-background keeps the app held). */
  LancerNotifier       *notifier;
  LancerTray           *tray;
  XdpPortal            *portal;
  gboolean              held;
  gboolean              background_requested;
  /* Started with --hidden (at login): the first activation opens no window. */
  gboolean              start_hidden;
  /* Preferences, hidden rather than freed when closed (weak) */
  GtkWindow            *preferences;
};

G_DEFINE_FINAL_TYPE (LancerApplication, lancer_application, ADW_TYPE_APPLICATION)

static LancerWindow *
get_main_window (LancerApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (LANCER_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
first_frame_drawn (LancerApplication *self)
{
  self->first_frame_drawn = TRUE;
  g_clear_handle_id (&self->open_fallback_id, g_source_remove);
  if (self->session != NULL && self->session != self->waits_for_sandbox)
    lancer_session_open (self->session);
}

static void
window_after_paint_cb (GdkFrameClock     *clock,
                       LancerApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, window_after_paint_cb, self);
  first_frame_drawn (self);
}

static void
window_realize_cb (GtkWidget         *window,
                   LancerApplication *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (window_after_paint_cb), self, 0);
}

/* Started without a window (background service): open after a moment. */
static gboolean
open_fallback_cb (gpointer user_data)
{
  LancerApplication *self = user_data;

  self->open_fallback_id = 0;
  first_frame_drawn (self);
  return G_SOURCE_REMOVE;
}

/* Alerts and background mode */

static void
update_tray (LancerApplication *self)
{
  if (self->tray == NULL)
    return;
  if (self->notifier == NULL)
    {
      lancer_tray_set_counts (self->tray, 0, 0);
      lancer_tray_set_attention (self->tray, FALSE);
      return;
    }
  lancer_tray_set_counts (self->tray, lancer_notifier_get_new_matches (self->notifier),
                          lancer_notifier_get_unread_messages (self->notifier));
  lancer_tray_set_attention (self->tray, lancer_notifier_get_attention (self->notifier));
  lancer_tray_set_paused (self->tray, lancer_notifier_get_paused (self->notifier));
}

/* A new job is no news while the user looks at the Jobs page. */
static gboolean
page_shown_cb (const char *page,
               gpointer    user_data)
{
  LancerApplication *self = user_data;
  LancerWindow *window = get_main_window (self);

  if (window == NULL || !gtk_widget_get_visible (GTK_WIDGET (window)) ||
      !gtk_window_is_active (GTK_WINDOW (window)))
    return FALSE;
  if (self->lock_guard != NULL && lancer_lock_guard_get_locked (self->lock_guard))
    return FALSE;
  return g_strcmp0 (lancer_window_get_page (window), page) == 0;
}

static void
follow_notifier (LancerApplication *self)
{
  if (self->notifier != NULL)
    g_signal_handlers_disconnect_by_func (self->notifier, update_tray, self);
  g_clear_object (&self->notifier);
  if (self->session != NULL)
    {
      self->notifier = lancer_notifier_new (G_APPLICATION (self), self->session);
      lancer_notifier_set_page_shown_func (self->notifier, page_shown_cb, self);
      g_signal_connect_object (self->notifier, "notify", G_CALLBACK (update_tray), self, G_CONNECT_SWAPPED);
    }
  update_tray (self);
}

static void
background_requested_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* No portal (plain session, tests) or the user said no: the app still
   * runs until logout; it just may not autostart. */
  if (!xdp_portal_request_background_finish (XDP_PORTAL (source), result, &error))
    g_debug ("Background permission not granted: %s", error->message);
}

static void
ask_portal (LancerApplication *self,
            GtkWindow         *parent,
            gboolean           autostart)
{
  g_autoptr(GPtrArray) commandline = NULL;
  g_autoptr(XdpParent) xdp_parent = NULL;

  if (self->portal == NULL)
    self->portal = xdp_portal_new ();
  commandline = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (commandline, g_strdup ("lancer"));
  /* "Start hidden at login": the autostart entry opens no window. */
  if (g_settings_get_boolean (self->settings, "start-hidden-at-login"))
    g_ptr_array_add (commandline, g_strdup ("--hidden"));
  xdp_parent = parent != NULL ? xdp_parent_new_gtk (parent) : NULL;
  xdp_portal_request_background (self->portal, xdp_parent,
                                 _("Lancer keeps checking for jobs and messages while its window is closed."),
                                 commandline, autostart ? XDP_BACKGROUND_FLAG_AUTOSTART : XDP_BACKGROUND_FLAG_NONE,
                                 NULL, background_requested_cb, NULL);
}

static void
request_background (LancerApplication *self,
                    GtkWindow         *parent)
{
  if (self->background_requested)
    return;
  self->background_requested = TRUE;
  ask_portal (self, parent, TRUE);
}

/* The switch in Preferences → Alerts: the portal writes (or removes) the
 * autostart entry, with --hidden so alerts flow from boot without a window. */
static void
start_hidden_changed_cb (LancerApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  ask_portal (self, window, g_settings_get_boolean (self->settings, "start-hidden-at-login") ||
                            g_settings_get_boolean (self->settings, "run-in-background"));
}

static gboolean
window_close_request_cb (GtkWindow         *window,
                         LancerApplication *self)
{
  /* Closing the window keeps syncing and alerting when asked to. */
  if (g_settings_get_boolean (self->settings, "run-in-background") && !self->held)
    {
      self->held = TRUE;
      g_application_hold (G_APPLICATION (self));
      request_background (self, window);
    }
  return FALSE;
}

static void
run_in_background_changed_cb (LancerApplication *self)
{
  if (!g_settings_get_boolean (self->settings, "run-in-background") && self->held)
    {
      self->held = FALSE;
      g_application_release (G_APPLICATION (self));
    }
}

static LancerWindow *
present_main_window (LancerApplication *self)
{
  g_application_activate (G_APPLICATION (self));
  return get_main_window (self);
}

static void
open_job_action_cb (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  LancerApplication *self = user_data;
  LancerWindow *window = present_main_window (self);

  if (window != NULL)
    lancer_window_open_job (window, g_variant_get_string (param, NULL), FALSE);
}

static void
write_proposal_action_cb (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  LancerApplication *self = user_data;
  LancerWindow *window = present_main_window (self);

  if (window != NULL)
    lancer_window_open_job (window, g_variant_get_string (param, NULL), TRUE);
}

static void
open_room_action_cb (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  LancerApplication *self = user_data;
  LancerWindow *window = present_main_window (self);

  if (window != NULL)
    lancer_window_open_room (window, g_variant_get_string (param, NULL));
}

static void
dismiss_alert_action_cb (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  LancerApplication *self = user_data;

  if (self->notifier != NULL)
    lancer_notifier_dismiss (self->notifier, g_variant_get_string (param, NULL));
}

static void
pause_alerts_action_cb (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  LancerApplication *self = user_data;

  if (self->notifier != NULL)
    lancer_notifier_pause (self->notifier, 3600);
}

static void
sync_now_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LancerSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = lancer_sync_run_finish (LANCER_SYNC (source), result, &error);
  if (report == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Sync from the tray failed: %s", error->message);
}

static void
sync_now_action_cb (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  LancerApplication *self = user_data;
  LancerSync *sync = self->session != NULL ? lancer_session_get_sync (self->session) : NULL;

  if (sync != NULL)
    lancer_sync_run_async (sync, LANCER_SYNC_ALL, NULL, sync_now_done_cb, NULL);
}

static void
lancer_application_activate (GApplication *app)
{
  LancerApplication *self = LANCER_APPLICATION (app);
  LancerWindow *window = get_main_window (self);

  if (self->start_hidden)
    {
      /* Started at login with --hidden: sync and alert, no window, until
       * the user opens Lancer (the next activation) or quits from the tray. */
      self->start_hidden = FALSE;
      if (!self->held)
        {
          self->held = TRUE;
          g_application_hold (app);
        }
      return;
    }
  if (window == NULL)
    {
      window = lancer_window_new (GTK_APPLICATION (self), self->session);
      g_signal_connect_object (window, "close-request", G_CALLBACK (window_close_request_cb), self, 0);
      lancer_bench_frame_watch (GTK_WINDOW (window));
      if (!self->first_frame_drawn)
        g_signal_connect_object (window, "realize", G_CALLBACK (window_realize_cb), self, 0);
    }
  gtk_window_present (GTK_WINDOW (window));
  if (self->notifier != NULL)
    lancer_notifier_clear_new_matches (self->notifier);
}

static gboolean
color_scheme_to_adw (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  const char *str = g_variant_get_string (variant, NULL);

  if (g_str_equal (str, "light"))
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_str_equal (str, "dark"))
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    g_value_set_enum (value, ADW_COLOR_SCHEME_DEFAULT);
  return TRUE;
}

/* TRUE when @window is @base or stands on it, directly or through others. */
static gboolean
is_above (GtkWindow *window,
          GtkWindow *base)
{
  for (GtkWindow *w = window; w != NULL; w = gtk_window_get_transient_for (w))
    if (w == base)
      return TRUE;
  return FALSE;
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  LancerApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* One Preferences window per open profile, hidden when closed and shown
   * again: libadwaita before 1.2.3 (Debian 12 has 1.2.2) never frees the
   * groups and rows of a freed AdwPreferencesWindow, as its search model
   * keeps a reference to every group; about 2 MB each time. */
  if (self->preferences == NULL)
    {
      self->preferences = GTK_WINDOW (lancer_preferences_window_new (parent,
                                                                     lancer_application_get_profile_settings (self)));
      gtk_window_set_hide_on_close (self->preferences, TRUE);
      gtk_window_set_destroy_with_parent (self->preferences, TRUE);
      g_object_add_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
    }
  else if (parent != NULL && !is_above (parent, self->preferences))
    /* not when asked from a window that sits on Preferences itself
     * (Connect Upwork opened by Sign In…): that would be a cycle */
    gtk_window_set_transient_for (self->preferences, parent);
  gtk_window_present (self->preferences);
}

/* Another profile: its own settings, session and account. */
static void
drop_preferences (LancerApplication *self)
{
  if (self->preferences == NULL)
    return;
  g_object_remove_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
  gtk_window_destroy (g_steal_pointer (&self->preferences));
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  LancerApplication *self = user_data;
  static const char *developers[] = { "The Lancer authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Lancer"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Lancer authors"),
                         "developers", developers,
                         "comments", _("Run your Upwork business from the desktop: find jobs first, "
                                       "write proposals in your own voice and follow every job to money."),
                         "website", "https://github.com/lancerdesk/lancer",
                         "issue-url", "https://github.com/lancerdesk/lancer/issues",
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 The Lancer authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  LancerApplication *self = user_data;
  LancerWindow *window = get_main_window (self);

  /* Closing through the window saves its size and page first. */
  if (window != NULL)
    gtk_window_close (GTK_WINDOW (window));
  g_application_quit (G_APPLICATION (self));
}

/* While locked, nothing that shows or changes the profile may open. */
static const char * const locked_out_actions[] = {
  "preferences", "switch-profile", "new-profile", "rename-profile", "delete-profile", "try-demo",
};

static void
update_lock_actions (LancerApplication *self)
{
  gboolean enabled = self->lock_guard != NULL && lancer_lock_guard_get_enabled (self->lock_guard);
  gboolean locked = self->lock_guard != NULL && lancer_lock_guard_get_locked (self->lock_guard);
  GAction *action;

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "lock");
  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
  for (guint i = 0; i < G_N_ELEMENTS (locked_out_actions); i++)
    {
      action = g_action_map_lookup_action (G_ACTION_MAP (self), locked_out_actions[i]);
      if (action != NULL)
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), !locked);
    }
}

static void
set_lock_guard (LancerApplication *self,
                LancerLockGuard   *guard)
{
  if (self->lock_guard != NULL)
    g_signal_handlers_disconnect_by_func (self->lock_guard, update_lock_actions, self);
  g_set_object (&self->lock_guard, guard);
  if (guard != NULL)
    {
      g_signal_connect_object (guard, "notify::enabled", G_CALLBACK (update_lock_actions),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (guard, "notify::locked", G_CALLBACK (update_lock_actions),
                               self, G_CONNECT_SWAPPED);
    }
  update_lock_actions (self);
}

static void
follow_lock_guard (LancerApplication *self)
{
  set_lock_guard (self, self->session != NULL ? lancer_session_get_lock_guard (self->session) : NULL);
}

static void
lock_action_cb (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  LancerApplication *self = user_data;

  if (self->lock_guard != NULL)
    lancer_lock_guard_lock (self->lock_guard);
}

/* What opening the store had to do (restore a backup, open read-only so
 * that changes cannot be saved) is said once, in full, when the profile
 * opens: a toast would cut the way forward short. */
static void
session_state_cb (LancerSession     *session,
                  GParamSpec        *pspec,
                  LancerApplication *self)
{
  LancerStore *store = lancer_session_get_store (session);
  GtkWindow *parent = GTK_WINDOW (get_main_window (self));
  const char *restored;
  const char *problem;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (session != self->session || store == NULL || parent == NULL ||
      lancer_session_get_state (session) != LANCER_SESSION_READY)
    return;
  restored = lancer_store_get_open_message (store);
  problem = lancer_store_get_read_only (store) ? lancer_store_get_problem_message (store) : NULL;
  if (restored == NULL && problem == NULL)
    return;
  body = g_strjoin ("\n\n", restored ? restored : problem, restored ? problem : NULL, NULL);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                       problem ? _("Changes Cannot Be Saved")
                                                               : _("Your Data Was Restored"),
                                                       body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Every window follows the open profile. */
static void
lancer_application_set_session (LancerApplication *self,
                                LancerSession     *session)
{
  GAction *action;

  if (!g_set_object (&self->session, session))
    return;
  drop_preferences (self);
  if (session != NULL)
    g_signal_connect_object (session, "notify::state", G_CALLBACK (session_state_cb), self, 0);
  follow_lock_guard (self);
  follow_notifier (self);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (LANCER_IS_WINDOW (l->data))
      lancer_window_set_session (l->data, session);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "switch-profile");
  if (action != NULL && session != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action),
                               g_variant_new_string (lancer_profile_get_id (lancer_session_get_profile (session))));
}

static void
show_error_toast (LancerApplication *self,
                  const char        *message)
{
  LancerWindow *window = get_main_window (self);

  if (window != NULL)
    lancer_window_add_toast (window, adw_toast_new (message));
  else
    g_warning ("%s", message);
}

/* A free loopback port for the demo's sign-in redirect. */
static guint
pick_free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  if (socket == NULL || !g_socket_bind (socket, address, TRUE, NULL))
    return 0;
  bound = g_socket_get_local_address (socket, NULL);
  return bound != NULL ? g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)) : 0;
}

static void
demo_visit_uri (const char *uri,
                gpointer    user_data)
{
  lancer_oauth_visit_async (uri, NULL, NULL, NULL);
}

static void
demo_signed_in_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LancerApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lancer_session_sign_in_finish (LANCER_SESSION (source), result, &error))
    show_error_toast (self, error->message);
}

/* The demo signs itself in against the sandbox once its store is open. */
static void
demo_session_state_cb (LancerSession     *session,
                       GParamSpec        *pspec,
                       LancerApplication *self)
{
  if (lancer_session_get_state (session) != LANCER_SESSION_READY ||
      lancer_session_get_signed_in (session) || lancer_session_get_oauth (session) == NULL)
    return;
  lancer_session_sign_in_async (session, demo_visit_uri, NULL, NULL,
                                demo_signed_in_cb, g_object_ref (self));
}

/* Points the demo session at the sandbox: Upwork and AI endpoints, the
 * sandbox's client, and a sign-in once its store is open. */
static void
prepare_demo_session (LancerApplication *self,
                      LancerSession     *session)
{
  GSettings *settings = lancer_session_get_settings (session);
  g_autofree char *authorize = lancer_sandbox_dup_authorize_url (self->sandbox);
  g_autofree char *token = lancer_sandbox_dup_token_url (self->sandbox);
  g_autofree char *graphql = lancer_sandbox_dup_graphql_url (self->sandbox);
  g_autofree char *ai_base = NULL;
  g_autofree char *redirect = NULL;

  lancer_session_set_upwork_endpoints (session, authorize, token, graphql);
  lancer_session_set_upwork_client_secret (session, LANCER_SANDBOX_CLIENT_SECRET);
  if (settings != NULL)
    {
      redirect = g_strdup_printf ("http://127.0.0.1:%u/callback", pick_free_port ());
      g_settings_set_string (settings, "upwork-client-id", LANCER_SANDBOX_CLIENT_ID);
      g_settings_set_string (settings, "upwork-redirect-uri", redirect);
      /* The demo AI speaks OpenAI's protocol and is labelled as such. */
      ai_base = g_strdup_printf ("%s/v1", lancer_sandbox_get_base_url (self->sandbox));
      g_settings_set_string (settings, "ai-provider", "openai");
      g_settings_set_string (settings, "ai-base-url", ai_base);
    }
  lancer_secrets_store_async (lancer_profile_get_id (lancer_session_get_profile (session)),
                              LANCER_SECRET_OPENAI_API_KEY, "sandbox-demo-key", NULL, NULL, NULL);
  g_signal_connect_object (session, "notify::state", G_CALLBACK (demo_session_state_cb), self, 0);
}

/* Generating the demo's jobs takes tens of milliseconds: not on the
 * thread that draws. */
static void
sandbox_started_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LancerApplication) self = user_data;
  LancerSession *session = self->waits_for_sandbox;
  g_autoptr(GError) error = NULL;

  self->sandbox = lancer_sandbox_new_finish (result, &error);
  self->sandbox_starting = FALSE;
  self->waits_for_sandbox = NULL;
  if (self->sandbox == NULL)
    g_warning ("The demo server could not start: %s", error->message);
  else
    {
      lancer_sandbox_set_lenient (self->sandbox, TRUE);
      lancer_sandbox_set_story (self->sandbox, TRUE);
      lancer_sandbox_set_new_job_interval (self->sandbox, 90);
    }
  /* still the demo on screen: set it up, and open it if its turn came */
  if (session == NULL || session != self->session)
    return;
  if (self->sandbox != NULL)
    prepare_demo_session (self, session);
  if (self->first_frame_drawn)
    lancer_session_open (session);
}

static void
start_sandbox (LancerApplication *self)
{
  const char *n_jobs = g_getenv ("LANCER_DEMO_JOBS");  /* benchmarks ask for more */

  if (self->sandbox != NULL || self->sandbox_starting)
    return;
  self->sandbox_starting = TRUE;
  lancer_sandbox_new_async (2026, n_jobs ? (guint) g_ascii_strtoull (n_jobs, NULL, 10) : 400,
                            NULL, sandbox_started_cb, g_object_ref (self));
}

static void
lancer_application_open_profile (LancerApplication *self,
                                 LancerProfile     *profile)
{
  g_autoptr(LancerSession) session = NULL;

  if (self->session != NULL && lancer_session_get_profile (self->session) == profile)
    return;
  lancer_profile_manager_remember_last_used (self->profiles, profile);
  session = lancer_session_new (self->profiles, profile);
  self->waits_for_sandbox = NULL;
  if (lancer_profile_get_is_demo (profile) && self->sandbox != NULL)
    prepare_demo_session (self, session);
  else if (lancer_profile_get_is_demo (profile))
    {
      /* sandbox_started_cb() sets it up and opens it */
      self->waits_for_sandbox = session;
      start_sandbox (self);
    }
  if (!self->first_frame_drawn)
    {
      if (self->open_fallback_id == 0)
        self->open_fallback_id = g_timeout_add_seconds (2, open_fallback_cb, self);
    }
  else if (self->waits_for_sandbox != session)
    lancer_session_open (session);
  lancer_application_set_session (self, session);
}


static void
switch_profile_action_cb (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  LancerApplication *self = user_data;
  g_autoptr(LancerProfile) profile = NULL;

  profile = lancer_profile_manager_lookup (self->profiles, g_variant_get_string (param, NULL));
  if (profile == NULL)
    {
      show_error_toast (self, _("That profile no longer exists"));
      return;
    }
  lancer_application_open_profile (self, profile);
}

/* A message dialog with one entry (its extra child), for naming a
 * profile; @response_cb gets the answer. */
static void
present_name_dialog (LancerApplication *self,
                     const char        *heading,
                     const char        *body,
                     const char        *initial,
                     const char        *accept_label,
                     GCallback          response_cb)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), initial ? initial : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Profile name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "accept", accept_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "accept", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "accept");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", response_cb, self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
profile_created_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LancerApplication) self = user_data;
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  profile = lancer_profile_manager_create_finish (LANCER_PROFILE_MANAGER (source), result, &error);
  if (profile == NULL)
    {
      show_error_toast (self, error->message);
      return;
    }
  lancer_application_open_profile (self, profile);
}

static void
new_profile_response_cb (AdwMessageDialog  *dialog,
                         const char        *response,
                         LancerApplication *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (!g_str_equal (response, "accept"))
    return;
  lancer_profile_manager_create_async (self->profiles, gtk_editable_get_text (entry), FALSE, NULL,
                                       profile_created_cb, g_object_ref (self));
}

static void
new_profile_action_cb (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  present_name_dialog (user_data, _("New Profile"),
                       _("Each profile has its own Upwork account, data, keys and settings."),
                       NULL, _("C_reate"), G_CALLBACK (new_profile_response_cb));
}

static void
rename_profile_response_cb (AdwMessageDialog  *dialog,
                            const char        *response,
                            LancerApplication *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "accept") || self->session == NULL)
    return;
  if (!lancer_profile_manager_rename (self->profiles, lancer_session_get_profile (self->session),
                                      gtk_editable_get_text (entry), &error))
    show_error_toast (self, error->message);
}

static void
rename_profile_action_cb (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  LancerApplication *self = user_data;

  if (self->session == NULL)
    return;
  present_name_dialog (self, _("Rename Profile"), NULL,
                       lancer_profile_get_display_name (lancer_session_get_profile (self->session)),
                       _("_Rename"), G_CALLBACK (rename_profile_response_cb));
}

static void
profile_deleted_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LancerApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerProfile) next = NULL;

  if (!lancer_profile_manager_delete_finish (LANCER_PROFILE_MANAGER (source), result, &error))
    {
      show_error_toast (self, error->message);
      return;
    }
  next = lancer_profile_manager_ensure_default (self->profiles, &error);
  if (next == NULL)
    {
      show_error_toast (self, error->message);
      return;
    }
  lancer_application_open_profile (self, next);
}

static void
delete_profile_response_cb (AdwMessageDialog  *dialog,
                            const char        *response,
                            LancerApplication *self)
{
  g_autoptr(LancerProfile) profile = NULL;

  if (!g_str_equal (response, "delete") || self->session == NULL)
    return;
  /* Close the database before its files go. */
  profile = g_object_ref (lancer_session_get_profile (self->session));
  lancer_application_set_session (self, NULL);
  lancer_profile_manager_delete_async (self->profiles, profile, NULL,
                                       profile_deleted_cb, g_object_ref (self));
}

static void
delete_profile_action_cb (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  LancerApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (self->session == NULL)
    return;
  heading = g_strdup_printf (_("Delete “%s”?"),
                             lancer_profile_get_display_name (lancer_session_get_profile (self->session)));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading,
      _("Its jobs, proposals, messages, earnings, settings and the keys stored in the keyring are "
        "removed from this computer. Nothing changes on Upwork. This cannot be undone.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_profile_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
demo_created_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LancerApplication) self = user_data;
  g_autoptr(LancerProfile) demo = NULL;
  g_autoptr(GError) error = NULL;

  self->creating_demo = FALSE;
  demo = lancer_profile_manager_create_finish (LANCER_PROFILE_MANAGER (source), result, &error);
  if (demo == NULL)
    {
      show_error_toast (self, error->message);
      return;
    }
  lancer_application_open_profile (self, demo);
}

static void
try_demo_action_cb (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  LancerApplication *self = user_data;
  GListModel *profiles = lancer_profile_manager_get_profiles (self->profiles);
  g_autoptr(LancerProfile) demo = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (profiles) && demo == NULL; i++)
    {
      g_autoptr(LancerProfile) profile = g_list_model_get_item (profiles, i);

      if (lancer_profile_get_is_demo (profile))
        demo = g_steal_pointer (&profile);
    }
  if (demo != NULL)
    {
      lancer_application_open_profile (self, demo);
      return;
    }
  if (self->creating_demo)
    return;
  /* The folder is made on a worker thread (it syncs to disk) while the
   * demo server starts on another; the demo opens when both are done. */
  self->creating_demo = TRUE;
  start_sandbox (self);
  lancer_profile_manager_create_async (self->profiles, _("Demo"), TRUE, NULL,
                                       demo_created_cb, g_object_ref (self));
}

static void
connect_upwork_action_cb (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  LancerApplication *self = user_data;
  LancerConnectWindow *window;

  if (self->session == NULL)
    return;
  window = lancer_connect_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                      self->session);
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { .name = "preferences", .activate = preferences_action_cb },
  { .name = "about", .activate = about_action_cb },
  { .name = "quit", .activate = quit_action_cb },
  { .name = "lock", .activate = lock_action_cb },
  { .name = "switch-profile", .activate = switch_profile_action_cb, .parameter_type = "s", .state = "''" },
  { .name = "new-profile", .activate = new_profile_action_cb },
  { .name = "rename-profile", .activate = rename_profile_action_cb },
  { .name = "delete-profile", .activate = delete_profile_action_cb },
  { .name = "try-demo", .activate = try_demo_action_cb },
  { .name = "connect-upwork", .activate = connect_upwork_action_cb },
  { .name = "open-job", .activate = open_job_action_cb, .parameter_type = "s" },
  { .name = "write-proposal", .activate = write_proposal_action_cb, .parameter_type = "s" },
  { .name = "open-room", .activate = open_room_action_cb, .parameter_type = "s" },
  { .name = "dismiss-alert", .activate = dismiss_alert_action_cb, .parameter_type = "s" },
  { .name = "pause-alerts", .activate = pause_alerts_action_cb },
  { .name = "sync-now", .activate = sync_now_action_cb },
};

static void
lancer_application_startup (GApplication *app)
{
  LancerApplication *self = LANCER_APPLICATION (app);
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };
  static const char *lock_accels[] = { "<Control>l", NULL };
  g_autoptr(LancerProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  const char *requested;

  G_APPLICATION_CLASS (lancer_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);

  /* The profile used last, or a new one on first start. LANCER_PROFILE
   * picks another one by name (benchmarks and tests use it). */
  self->profiles = lancer_profile_manager_new (NULL);
  requested = g_getenv ("LANCER_PROFILE");
  if (requested != NULL && *requested != '\0')
    {
      profile = lancer_profile_manager_lookup (self->profiles, requested);
      if (profile == NULL)
        profile = lancer_profile_manager_create (self->profiles, requested, FALSE, &error);
    }
  else
    profile = lancer_profile_manager_ensure_default (self->profiles, &error);

  if (profile == NULL)
    g_warning ("No profile could be opened: %s", error->message);

  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                adw_style_manager_get_default (), "color-scheme",
                                G_SETTINGS_BIND_GET, color_scheme_to_adw, NULL, NULL, NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  if (profile != NULL)
    lancer_application_open_profile (self, profile);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.lock", lock_accels);
  follow_lock_guard (self);

  g_signal_connect_object (self->settings, "changed::run-in-background",
                           G_CALLBACK (run_in_background_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::start-hidden-at-login",
                           G_CALLBACK (start_hidden_changed_cb), self, G_CONNECT_SWAPPED);
  /* Where no tray host runs (plain GNOME) the item just stays unregistered. */
  self->tray = lancer_tray_new (app);
  update_tray (self);
}

static void
lancer_application_dispose (GObject *object)
{
  LancerApplication *self = LANCER_APPLICATION (object);

  drop_preferences (self);
  set_lock_guard (self, NULL);
  if (self->notifier != NULL)
    g_signal_handlers_disconnect_by_func (self->notifier, update_tray, self);
  g_clear_object (&self->notifier);
  g_clear_object (&self->tray);
  g_clear_object (&self->portal);
  g_clear_handle_id (&self->open_fallback_id, g_source_remove);
  g_clear_object (&self->session);
  if (self->sandbox != NULL)
    lancer_sandbox_stop (self->sandbox);
  g_clear_object (&self->sandbox);
  g_clear_object (&self->profiles);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lancer_application_parent_class)->dispose (object);
}

static void
lancer_application_class_init (LancerApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = lancer_application_dispose;
  app_class->activate = lancer_application_activate;
  app_class->startup = lancer_application_startup;
}

static void
lancer_application_init (LancerApplication *self)
{
}

LancerApplication *
lancer_application_new (const char        *application_id,
                        GApplicationFlags  flags)
{
  return g_object_new (LANCER_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

void
lancer_application_set_start_hidden (LancerApplication *self,
                                     gboolean           hidden)
{
  g_return_if_fail (LANCER_IS_APPLICATION (self));

  self->start_hidden = hidden;
}

GSettings *
lancer_application_get_settings (LancerApplication *self)
{
  g_return_val_if_fail (LANCER_IS_APPLICATION (self), NULL);

  return self->settings;
}

GSettings *
lancer_application_get_profile_settings (LancerApplication *self)
{
  g_return_val_if_fail (LANCER_IS_APPLICATION (self), NULL);

  return self->session != NULL ? lancer_session_get_settings (self->session) : NULL;
}

LancerSession *
lancer_application_get_session (LancerApplication *self)
{
  g_return_val_if_fail (LANCER_IS_APPLICATION (self), NULL);

  return self->session;
}
