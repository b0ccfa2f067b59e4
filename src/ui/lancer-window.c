/* lancer-window.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lancer-analytics-page.h"
#include "lancer-diary-page.h"
#include "lancer-jobs-page.h"
#include "lancer-lock-triggers.h"
#include "lancer-lock-view.h"
#include "lancer-messages-page.h"
#include "lancer-proposals-page.h"
#include "lancer-sync-banner.h"
#include "lancer-sync-button.h"
#include "lancer-paint-heap.h"
#include "lancer-window.h"

struct _LancerWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  LancerSession        *session;

  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *stack;
  GtkStack             *lock_stack;
  LancerLockView       *lock_view;
  LancerLockGuard      *lock_guard;
  LancerLockTriggers   *lock_triggers;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkLabel             *demo_badge;
  GMenu                *profiles_section;
  GMenuModel           *primary_menu;
  GtkMenuButton        *primary_menu_button;
  LancerSyncBanner     *sync_banner;
  /* One slot per page of page_names; the pages are built into them after
   * the first frame (one per idle), or at once when asked for. */
  AdwBin               *jobs_slot;
  AdwBin               *proposals_slot;
  AdwBin               *messages_slot;
  AdwBin               *diary_slot;
  AdwBin               *analytics_slot;
  GtkWidget            *jobs_page;
  GtkWidget            *proposals_page;
  GtkWidget            *messages_page;
  GtkWidget            *diary_page;
  GtkWidget            *analytics_page;
  /* The switchers and the menu come after the first frame, so that
   * frame costs no more than the title and an empty body. */
  gboolean              pages_allowed;
  guint                 allow_pages_id;
  guint                 build_pages_id;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerWindow, lancer_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_profile_labels (LancerWindow *self);

static const char * const page_names[] = { "jobs", "proposals", "messages", "diary", "analytics" };

static gboolean
is_page_name (const char *name)
{
  return name != NULL && g_strv_contains (page_names, name);
}

/* Geometry is saved when the window closes rather than on every resize:
 * GSettings writes are cheap, but not free, and a resize emits many. */
static void
lancer_window_save_state (LancerWindow *self)
{
  int width = 0, height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_string (self->settings, "last-page", lancer_window_get_page (self));
  g_settings_apply (self->settings);
}

static gboolean
lancer_window_close_request (GtkWindow *window)
{
  lancer_window_save_state (LANCER_WINDOW (window));

  return GTK_WINDOW_CLASS (lancer_window_parent_class)->close_request (window);
}

static void
show_page_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  lancer_window_show_page (LANCER_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* The "View" button of the toast a sent proposal leaves behind. */
static void
open_proposal_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  lancer_window_open_proposal (LANCER_WINDOW (widget), g_variant_get_int64 (param));
}

/* Any key or pointer input keeps the idle lock away. */
static gboolean
input_event_cb (LancerWindow *self,
                GdkEvent     *event)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_MOTION_NOTIFY:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      if (self->lock_triggers != NULL)
        lancer_lock_triggers_note_activity (self->lock_triggers);
      break;

    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

/* The lock screen replaces the whole content, header bar and page
 * switcher included, so nothing of the profile stays mapped while locked.
 * Built here rather than in the template so the pages' layout stays as
 * it is. */
static void
setup_lock_stack (LancerWindow *self)
{
  g_autoptr(GtkWidget) content = NULL;
  GtkEventController *activity;

  content = g_object_ref (adw_application_window_get_content (ADW_APPLICATION_WINDOW (self)));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), NULL);

  self->lock_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->lock_stack, GTK_STACK_TRANSITION_TYPE_NONE);
  gtk_stack_add_named (self->lock_stack, content, "content");
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), GTK_WIDGET (self->lock_stack));

  activity = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (activity, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (activity, "event", G_CALLBACK (input_event_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), activity);
}

/* Dialogs opened from this window (preferences, the activity log) may show
 * private things too: locking closes them. */
static void
close_transient_windows (LancerWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_object_unref);

  /* Not only the application's windows: dialogs need not belong to it. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);
      GtkWindow *parent = gtk_window_get_transient_for (toplevel);

      while (parent != NULL && parent != GTK_WINDOW (self))
        parent = gtk_window_get_transient_for (parent);
      if (parent == GTK_WINDOW (self))
        g_ptr_array_add (doomed, g_steal_pointer (&toplevel));
    }
  for (guint i = 0; i < doomed->len; i++)
    {
      gtk_window_set_focus (g_ptr_array_index (doomed, i), NULL);
      gtk_window_destroy (g_ptr_array_index (doomed, i));
    }
}

static void
update_lock (LancerWindow *self)
{
  gboolean locked = self->lock_guard != NULL && lancer_lock_guard_get_locked (self->lock_guard);
  gboolean showing = g_strcmp0 (gtk_stack_get_visible_child_name (self->lock_stack), "locked") == 0;

  if (locked == showing)
    return;

  /* The lock view is built the first time it is needed. */
  if (self->lock_view == NULL)
    {
      self->lock_view = LANCER_LOCK_VIEW (lancer_lock_view_new (self->lock_guard));
      gtk_stack_add_named (self->lock_stack, GTK_WIDGET (self->lock_view), "locked");
    }
  lancer_lock_view_reset (self->lock_view);
  if (locked)
    close_transient_windows (self);
  /* Whatever had the focus is about to be hidden. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_stack_set_visible_child_name (self->lock_stack, locked ? "locked" : "content");
}

static void
set_lock_guard (LancerWindow    *self,
                LancerLockGuard *guard)
{
  if (self->lock_guard == guard)
    return;
  if (self->lock_guard != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->lock_guard, update_lock, self);
      /* Without this window nobody watches for input or the screen lock:
       * a profile the window leaves (closed to the background, another
       * profile opened) locks, and opening it again asks for a code. */
      lancer_lock_guard_lock (self->lock_guard);
    }
  g_clear_object (&self->lock_triggers);
  g_set_object (&self->lock_guard, guard);
  if (guard != NULL)
    {
      g_signal_connect_object (guard, "notify::locked", G_CALLBACK (update_lock), self, G_CONNECT_SWAPPED);
      self->lock_triggers = lancer_lock_triggers_new (guard, lancer_session_get_settings (self->session));
    }
  if (self->lock_view != NULL)
    lancer_lock_view_set_guard (self->lock_view, guard);
  if (self->lock_stack != NULL)
    update_lock (self);
}

static void
follow_lock_guard (LancerWindow *self)
{
  set_lock_guard (self, self->session != NULL ? lancer_session_get_lock_guard (self->session) : NULL);
}

static GtkWidget **
page_field (LancerWindow *self,
            guint         index,
            AdwBin      **slot)
{
  AdwBin *slots[] = { self->jobs_slot, self->proposals_slot, self->messages_slot,
                      self->diary_slot, self->analytics_slot };
  GtkWidget **pages[] = { &self->jobs_page, &self->proposals_page, &self->messages_page,
                          &self->diary_page, &self->analytics_page };

  *slot = slots[index];
  return pages[index];
}

/* Builds page @index into its slot, once; it follows the window's
 * :session from then on. */
static GtkWidget *
ensure_page (LancerWindow *self,
             guint         index)
{
  const GType types[] = { LANCER_TYPE_JOBS_PAGE, LANCER_TYPE_PROPOSALS_PAGE, LANCER_TYPE_MESSAGES_PAGE,
                          LANCER_TYPE_DIARY_PAGE, LANCER_TYPE_ANALYTICS_PAGE };
  AdwBin *slot;
  GtkWidget **page = page_field (self, index, &slot);

  if (*page == NULL && slot != NULL)
    {
      *page = g_object_new (types[index], NULL);
      g_object_bind_property (self, "session", *page, "session", G_BINDING_SYNC_CREATE);
      adw_bin_set_child (slot, *page);
    }
  return *page;
}

static guint
page_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    if (g_strcmp0 (page_names[i], name) == 0)
      return i;
  return 0;
}

static void
visible_page_cb (LancerWindow *self)
{
  if (self->pages_allowed)
    ensure_page (self, page_index (adw_view_stack_get_visible_child_name (self->stack)));
}

/* The other pages, one per idle, so no frame waits for all of them. */
static gboolean
build_next_page_cb (gpointer user_data)
{
  LancerWindow *self = user_data;

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      AdwBin *slot;

      if (*page_field (self, i, &slot) == NULL)
        {
          ensure_page (self, i);
          return G_SOURCE_CONTINUE;
        }
    }
  self->build_pages_id = 0;
  return G_SOURCE_REMOVE;
}

static void
allow_pages (LancerWindow *self)
{
  if (self->pages_allowed)
    return;
  self->pages_allowed = TRUE;
  ensure_page (self, page_index (adw_view_stack_get_visible_child_name (self->stack)));
  if (self->build_pages_id == 0)
    self->build_pages_id = g_idle_add_full (G_PRIORITY_LOW, build_next_page_cb, self, NULL);
  adw_view_switcher_title_set_stack (self->switcher_title, self->stack);
  adw_view_switcher_bar_set_stack (self->switcher_bar, self->stack);
  /* The menu builds every item's widgets when it gets its model. */
  gtk_menu_button_set_menu_model (self->primary_menu_button, self->primary_menu);
}

static gboolean
allow_pages_cb (gpointer user_data)
{
  LancerWindow *self = user_data;

  self->allow_pages_id = 0;
  allow_pages (self);
  return G_SOURCE_REMOVE;
}

/* The first frame is on its way to the screen by now; the switchers and
 * the menu come just after it, not inside its paint cycle. */
static void
first_paint_cb (GdkFrameClock *clock,
                LancerWindow  *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, self);
  if (!self->pages_allowed && self->allow_pages_id == 0)
    self->allow_pages_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, allow_pages_cb, self, NULL);
}

static void
realized_cb (LancerWindow *self)
{
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                    G_CALLBACK (first_paint_cb), self);
}

/* The switchers and the menu now, without waiting for the first frame
 * (tests, and alerts that open a page directly). */
void
lancer_window_ensure_pages (LancerWindow *self)
{
  g_return_if_fail (LANCER_IS_WINDOW (self));

  allow_pages (self);
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    ensure_page (self, i);
}

static void
lancer_window_constructed (GObject *object)
{
  LancerWindow *self = LANCER_WINDOW (object);
  g_autofree char *page = NULL;

  G_OBJECT_CLASS (lancer_window_parent_class)->constructed (object);

  follow_lock_guard (self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  page = g_settings_get_string (self->settings, "last-page");
  lancer_window_show_page (self, page);
  update_profile_labels (self);
  g_signal_connect (self, "realize", G_CALLBACK (realized_cb), NULL);
  g_signal_connect_object (self->stack, "notify::visible-child-name", G_CALLBACK (visible_page_cb),
                           self, G_CONNECT_SWAPPED);
  lancer_paint_heap_reserve_for (GTK_WINDOW (self));
}

static void
lancer_window_dispose (GObject *object)
{
  LancerWindow *self = LANCER_WINDOW (object);

  set_lock_guard (self, NULL);
  g_clear_handle_id (&self->allow_pages_id, g_source_remove);
  g_clear_handle_id (&self->build_pages_id, g_source_remove);
  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (GTK_WIDGET (self)), first_paint_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_WINDOW);
  g_clear_object (&self->settings);

  /* The pages' bindings to :session are torn down by the parent class:
   * keep the session alive until they are gone. */
  G_OBJECT_CLASS (lancer_window_parent_class)->dispose (object);

  g_clear_object (&self->session);
}

static void
lancer_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LancerWindow *self = LANCER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LancerWindow *self = LANCER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      lancer_window_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_window_class_init (LancerWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = lancer_window_constructed;
  object_class->dispose = lancer_window_dispose;
  object_class->get_property = lancer_window_get_property;
  object_class->set_property = lancer_window_set_property;
  window_class->close_request = lancer_window_close_request;

  /* The pages bind to it from the template; NULL only in a few UI tests. */
  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LANCER_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LANCER_TYPE_SYNC_BUTTON);
  g_type_ensure (LANCER_TYPE_SYNC_BANNER);
  g_type_ensure (LANCER_TYPE_JOBS_PAGE);
  g_type_ensure (LANCER_TYPE_PROPOSALS_PAGE);
  g_type_ensure (LANCER_TYPE_MESSAGES_PAGE);
  g_type_ensure (LANCER_TYPE_DIARY_PAGE);
  g_type_ensure (LANCER_TYPE_ANALYTICS_PAGE);
  g_type_ensure (LANCER_TYPE_LOCK_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LancerWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LancerWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, LancerWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, LancerWindow, demo_badge);
  gtk_widget_class_bind_template_child (widget_class, LancerWindow, profiles_section);
  gtk_widget_class_bind_template_child (widget_class, LancerWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, LancerWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, LancerWindow, sync_banner);
  gtk_widget_class_bind_template_child (widget_class, LancerWindow, jobs_slot);
  gtk_widget_class_bind_template_child (widget_class, LancerWindow, proposals_slot);
  gtk_widget_class_bind_template_child (widget_class, LancerWindow, messages_slot);
  gtk_widget_class_bind_template_child (widget_class, LancerWindow, diary_slot);
  gtk_widget_class_bind_template_child (widget_class, LancerWindow, analytics_slot);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action_cb);
  gtk_widget_class_install_action (widget_class, "win.open-proposal", "x", open_proposal_action_cb);
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-page", "s", page_names[i]);
}

static void
lancer_window_init (LancerWindow *self)
{
  self->settings = g_settings_new (APP_ID);

  gtk_widget_init_template (GTK_WIDGET (self));
  setup_lock_stack (self);
  g_signal_connect (self, "notify::session", G_CALLBACK (follow_lock_guard), NULL);
}

LancerWindow *
lancer_window_new (GtkApplication *application,
                   LancerSession  *session)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (!session || LANCER_IS_SESSION (session), NULL);

  return g_object_new (LANCER_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       NULL);
}

LancerSession *
lancer_window_get_session (LancerWindow *self)
{
  g_return_val_if_fail (LANCER_IS_WINDOW (self), NULL);

  return self->session;
}

/* The demo profile is labelled everywhere it shows: title and header badge. */
static void
update_profile_labels (LancerWindow *self)
{
  gboolean demo = self->session != NULL && lancer_session_get_is_demo (self->session);

  gtk_widget_set_visible (GTK_WIDGET (self->demo_badge), demo);
  gtk_window_set_title (GTK_WINDOW (self), demo ? _("Lancer — Demo") : _("Lancer"));
  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        demo ? _("Demo data from the built-in sandbox") : NULL);
}

/* The demo profile is called "Demo" already: it is marked only when the
 * user renamed it ("Demo (Demo)" said nothing twice). */
static char *
profile_menu_label (LancerProfile *profile)
{
  const char *name = lancer_profile_get_display_name (profile);
  g_autofree char *folded_name = g_utf8_casefold (name, -1);
  g_autofree char *folded_demo = g_utf8_casefold (_("Demo"), -1);

  if (!lancer_profile_get_is_demo (profile) || strstr (folded_name, folded_demo) != NULL)
    return g_strdup (name);
  /* Translators: a renamed demo profile's name in the menu */
  return g_strdup_printf (_("%s (Demo)"), name);
}

/* One radio item per profile; app.switch-profile's state marks the open one. */
static void
rebuild_profiles_menu (LancerWindow *self)
{
  GListModel *profiles;

  g_menu_remove_all (self->profiles_section);
  if (self->session == NULL)
    return;
  profiles = lancer_profile_manager_get_profiles (lancer_session_get_profile_manager (self->session));
  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(LancerProfile) profile = g_list_model_get_item (profiles, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      label = profile_menu_label (profile);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "app.switch-profile",
                                               g_variant_new_string (lancer_profile_get_id (profile)));
      g_menu_append_item (self->profiles_section, item);
    }
}

/* Switching profiles swaps the whole session; the pages follow it through
 * their bindings to :session and forget the previous profile. */
void
lancer_window_set_session (LancerWindow  *self,
                           LancerSession *session)
{
  g_return_if_fail (LANCER_IS_WINDOW (self));
  g_return_if_fail (!session || LANCER_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (lancer_profile_manager_get_profiles (lancer_session_get_profile_manager (self->session)),
                                          rebuild_profiles_menu, self);
  if (!g_set_object (&self->session, session))
    return;
  if (session != NULL)
    g_signal_connect_object (lancer_profile_manager_get_profiles (lancer_session_get_profile_manager (session)),
                             "items-changed", G_CALLBACK (rebuild_profiles_menu), self, G_CONNECT_SWAPPED);
  rebuild_profiles_menu (self);
  update_profile_labels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

void
lancer_window_show_page (LancerWindow *self,
                         const char   *name)
{
  g_return_if_fail (LANCER_IS_WINDOW (self));

  if (!is_page_name (name))
    name = page_names[0];
  if (self->pages_allowed)
    ensure_page (self, page_index (name));
  adw_view_stack_set_visible_child_name (self->stack, name);
}

const char *
lancer_window_get_page (LancerWindow *self)
{
  const char *name;

  g_return_val_if_fail (LANCER_IS_WINDOW (self), NULL);

  name = adw_view_stack_get_visible_child_name (self->stack);
  return name != NULL ? name : page_names[0];
}

/* From an alert: the Jobs page with @job_id open, optionally writing a
 * proposal. */
void
lancer_window_open_job (LancerWindow *self,
                        const char   *job_id,
                        gboolean      write_proposal)
{
  GtkWidget *page;

  g_return_if_fail (LANCER_IS_WINDOW (self));

  lancer_window_ensure_pages (self);
  lancer_window_show_page (self, "jobs");
  page = self->jobs_page;
  if (job_id == NULL || *job_id == '\0' || !LANCER_IS_JOBS_PAGE (page))
    return;
  lancer_jobs_page_open_job (LANCER_JOBS_PAGE (page), job_id, write_proposal);
}

/* From an alert: the Messages page with the thread of @room_id open. */
void
lancer_window_open_room (LancerWindow *self,
                         const char   *room_id)
{
  GtkWidget *page;

  g_return_if_fail (LANCER_IS_WINDOW (self));

  lancer_window_ensure_pages (self);
  lancer_window_show_page (self, "messages");
  page = self->messages_page;
  if (room_id != NULL && *room_id != '\0' && LANCER_IS_MESSAGES_PAGE (page))
    lancer_messages_page_select_room (LANCER_MESSAGES_PAGE (page), room_id);
}

/* The Proposals page with @proposal_id selected and its detail shown. */
void
lancer_window_open_proposal (LancerWindow *self,
                             gint64        proposal_id)
{
  GtkWidget *page;

  g_return_if_fail (LANCER_IS_WINDOW (self));

  lancer_window_ensure_pages (self);
  lancer_window_show_page (self, "proposals");
  page = self->proposals_page;
  if (proposal_id > 0 && LANCER_IS_PROPOSALS_PAGE (page))
    lancer_proposals_page_show_proposal (LANCER_PROPOSALS_PAGE (page), proposal_id);
}

void
lancer_window_add_toast (LancerWindow *self,
                         AdwToast     *toast)
{
  g_return_if_fail (LANCER_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
