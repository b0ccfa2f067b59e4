/* lancer-page.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lancer-page.h"

typedef struct
{
  LancerSession  *session;
  LancerStore    *store;
  GSettings      *settings;
  GSignalGroup   *session_signals;
  GSignalGroup   *store_signals;
  GCancellable   *cancellable;
  LancerPageState state;
  /* A load waits for the page to be shown; one is running; another is due. */
  guint           pending : 1;
  guint           loading : 1;
  guint           again : 1;

  GtkWidget      *top_bar_bin;
  GtkStack       *stack;
  GtkSpinner     *spinner;
  AdwStatusPage  *error_page;
  GtkWidget      *try_again_button;
  AdwStatusPage  *empty_page;
  GtkWidget      *connect_button;
  GtkWidget      *content_bin;
} LancerPagePrivate;

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CONTENT,
  PROP_TOP_BAR,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_ENUM_TYPE (LancerPageState, lancer_page_state,
  G_DEFINE_ENUM_VALUE (LANCER_PAGE_LOADING, "loading"),
  G_DEFINE_ENUM_VALUE (LANCER_PAGE_ERROR, "error"),
  G_DEFINE_ENUM_VALUE (LANCER_PAGE_EMPTY, "empty"),
  G_DEFINE_ENUM_VALUE (LANCER_PAGE_READY, "ready"))

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (LancerPage, lancer_page, GTK_TYPE_WIDGET)

static void start_reload (LancerPage *self);

static void
set_state (LancerPage      *self,
           LancerPageState  state)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);
  static const char * const names[] = { "loading", "error", "empty", "main" };

  gtk_spinner_set_spinning (priv->spinner, state == LANCER_PAGE_LOADING);
  gtk_stack_set_visible_child_name (priv->stack, names[state]);
  if (priv->state == state)
    return;
  priv->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Every show_*() ends a load; a change that came in meanwhile loads again. */
static void
load_done (LancerPage *self)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);

  priv->loading = FALSE;
  if (priv->again)
    {
      priv->again = FALSE;
      lancer_page_queue_reload (self);
    }
}

static void
start_reload (LancerPage *self)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);

  priv->pending = FALSE;
  if (priv->store == NULL)
    return;
  if (priv->cancellable == NULL)
    priv->cancellable = g_cancellable_new ();
  priv->loading = TRUE;
  LANCER_PAGE_GET_CLASS (self)->reload (self, priv->store, priv->cancellable);
}

void
lancer_page_queue_reload (LancerPage *self)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);

  g_return_if_fail (LANCER_IS_PAGE (self));

  if (priv->store == NULL)
    return;
  if (priv->loading)
    priv->again = TRUE;
  else if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    priv->pending = TRUE;
  else
    start_reload (self);
}

static void
table_changed_cb (LancerPage *self)
{
  lancer_page_queue_reload (self);
}

static void
mapped_cb (LancerPage *self)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);

  if (priv->pending && !priv->loading)
    start_reload (self);
}

static void
try_again_cb (LancerPage *self)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);

  if (priv->store == NULL)
    return;
  set_state (self, LANCER_PAGE_LOADING);
  lancer_page_queue_reload (self);
}

/* Drops what the previous session showed and started. */
static void
forget_session_data (LancerPage *self)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  priv->pending = priv->loading = priv->again = FALSE;
  if (LANCER_PAGE_GET_CLASS (self)->reset != NULL)
    LANCER_PAGE_GET_CLASS (self)->reset (self);
}

static void
session_state_cb (LancerPage *self)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);
  LancerStore *store = NULL;

  if (priv->session != NULL)
    {
      switch ((LancerSessionState) lancer_session_get_state (priv->session))
        {
        case LANCER_SESSION_READY:
          store = lancer_session_get_store (priv->session);
          break;
        case LANCER_SESSION_FAILED:
          {
            g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                           lancer_session_get_error_message (priv->session));
            /* A profile that cannot open is not fixed by loading again;
             * the window offers the way forward. */
            forget_session_data (self);
            g_clear_object (&priv->store);
            g_signal_group_set_target (priv->store_signals, NULL);
            lancer_page_show_error (self, error);
            gtk_widget_set_visible (priv->try_again_button, FALSE);
          }
          return;
        case LANCER_SESSION_OPENING:
        default:
          break;
        }
    }

  if (store == priv->store)
    return;
  forget_session_data (self);
  g_set_object (&priv->store, store);
  if (store != NULL)
    g_set_object (&priv->settings, lancer_session_get_settings (priv->session));
  else
    g_clear_object (&priv->settings);
  g_signal_group_set_target (priv->store_signals, store);
  set_state (self, LANCER_PAGE_LOADING);
  lancer_page_queue_reload (self);
}

static void
signed_in_cb (LancerPage *self)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);

  if (priv->state == LANCER_PAGE_EMPTY)
    lancer_page_queue_reload (self);
}

LancerSession *
lancer_page_get_session (LancerPage *self)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);

  g_return_val_if_fail (LANCER_IS_PAGE (self), NULL);
  return priv->session;
}

void
lancer_page_set_session (LancerPage    *self,
                         LancerSession *session)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);

  g_return_if_fail (LANCER_IS_PAGE (self));
  g_return_if_fail (!session || LANCER_IS_SESSION (session));

  if (!g_set_object (&priv->session, session))
    return;
  g_signal_group_set_target (priv->session_signals, session);
  session_state_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

LancerStore *
lancer_page_get_store (LancerPage *self)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);

  g_return_val_if_fail (LANCER_IS_PAGE (self), NULL);
  return priv->store;
}

GSettings *
lancer_page_get_settings (LancerPage *self)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);

  g_return_val_if_fail (LANCER_IS_PAGE (self), NULL);
  return priv->settings;
}

GSignalGroup *
lancer_page_get_store_signals (LancerPage *self)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);

  g_return_val_if_fail (LANCER_IS_PAGE (self), NULL);
  return priv->store_signals;
}

GSignalGroup *
lancer_page_get_session_signals (LancerPage *self)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);

  g_return_val_if_fail (LANCER_IS_PAGE (self), NULL);
  return priv->session_signals;
}

GtkWidget *
lancer_page_get_content (LancerPage *self)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);

  g_return_val_if_fail (LANCER_IS_PAGE (self), NULL);
  return adw_bin_get_child (ADW_BIN (priv->content_bin));
}

void
lancer_page_set_content (LancerPage *self,
                         GtkWidget  *content)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);

  g_return_if_fail (LANCER_IS_PAGE (self));

  if (adw_bin_get_child (ADW_BIN (priv->content_bin)) == content)
    return;
  adw_bin_set_child (ADW_BIN (priv->content_bin), content);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

GtkWidget *
lancer_page_get_top_bar (LancerPage *self)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);

  g_return_val_if_fail (LANCER_IS_PAGE (self), NULL);
  return adw_bin_get_child (ADW_BIN (priv->top_bar_bin));
}

void
lancer_page_set_top_bar (LancerPage *self,
                         GtkWidget  *top_bar)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);

  g_return_if_fail (LANCER_IS_PAGE (self));

  if (adw_bin_get_child (ADW_BIN (priv->top_bar_bin)) == top_bar)
    return;
  adw_bin_set_child (ADW_BIN (priv->top_bar_bin), top_bar);
  gtk_widget_set_visible (priv->top_bar_bin, top_bar != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOP_BAR]);
}

LancerPageState
lancer_page_get_state (LancerPage *self)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);

  g_return_val_if_fail (LANCER_IS_PAGE (self), LANCER_PAGE_LOADING);
  return priv->state;
}

void
lancer_page_show_content (LancerPage *self)
{
  g_return_if_fail (LANCER_IS_PAGE (self));

  set_state (self, LANCER_PAGE_READY);
  load_done (self);
}

void
lancer_page_show_empty (LancerPage *self,
                        const char *icon_name,
                        const char *title,
                        const char *description)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);
  gboolean needs_account;

  g_return_if_fail (LANCER_IS_PAGE (self));

  /* A profile without Upwork has nothing to show yet: the way forward is
   * connecting it, on every page. */
  needs_account = priv->session != NULL
                  && !lancer_session_get_is_demo (priv->session)
                  && !lancer_session_get_signed_in (priv->session);
  if (needs_account)
    {
      adw_status_page_set_icon_name (priv->empty_page, "io.github.lancerdesk.Lancer-symbolic");
      adw_status_page_set_title (priv->empty_page, _("Connect Your Upwork Account"));
      adw_status_page_set_description (priv->empty_page,
                                       _("Lancer shows your jobs, proposals, messages, contracts and earnings once it can read them from Upwork with your own API key."));
    }
  else
    {
      adw_status_page_set_icon_name (priv->empty_page, icon_name);
      adw_status_page_set_title (priv->empty_page, title);
      adw_status_page_set_description (priv->empty_page, description);
    }
  gtk_widget_set_visible (priv->connect_button, needs_account);
  set_state (self, LANCER_PAGE_EMPTY);
  load_done (self);
}

void
lancer_page_show_error (LancerPage   *self,
                        const GError *error)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);

  g_return_if_fail (LANCER_IS_PAGE (self));
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  adw_status_page_set_description (priv->error_page, error->message);
  gtk_widget_set_visible (priv->try_again_button, TRUE);
  set_state (self, LANCER_PAGE_ERROR);
  load_done (self);
}

/* ---- GObject ---- */

static void
lancer_page_dispose (GObject *object)
{
  LancerPage *self = LANCER_PAGE (object);
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);
  GtkWidget *child;

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  if (priv->session_signals != NULL)
    g_signal_group_set_target (priv->session_signals, NULL);
  if (priv->store_signals != NULL)
    g_signal_group_set_target (priv->store_signals, NULL);
  /* Not gtk_widget_dispose_template(): GTK 4.8 looks the template up on
   * the instance's own class, which is the subclass's. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lancer_page_parent_class)->dispose (object);
}

static void
lancer_page_finalize (GObject *object)
{
  LancerPage *self = LANCER_PAGE (object);
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);

  g_clear_object (&priv->session_signals);
  g_clear_object (&priv->store_signals);
  g_clear_object (&priv->settings);
  g_clear_object (&priv->store);
  g_clear_object (&priv->session);

  G_OBJECT_CLASS (lancer_page_parent_class)->finalize (object);
}

/* Only here is the class the subclass's: during init it is still ours. */
static void
lancer_page_constructed (GObject *object)
{
  LancerPage *self = LANCER_PAGE (object);
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);
  const char * const *tables = LANCER_PAGE_GET_CLASS (self)->watched_tables;

  G_OBJECT_CLASS (lancer_page_parent_class)->constructed (object);

  for (guint i = 0; tables != NULL && tables[i] != NULL; i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", tables[i], NULL);

      g_signal_group_connect_object (priv->store_signals, signal,
                                     G_CALLBACK (table_changed_cb), self, G_CONNECT_SWAPPED);
    }
}

static void
lancer_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LancerPage *self = LANCER_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, lancer_page_get_session (self));
      break;
    case PROP_CONTENT:
      g_value_set_object (value, lancer_page_get_content (self));
      break;
    case PROP_TOP_BAR:
      g_value_set_object (value, lancer_page_get_top_bar (self));
      break;
    case PROP_STATE:
      g_value_set_enum (value, lancer_page_get_state (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_page_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LancerPage *self = LANCER_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      lancer_page_set_session (self, g_value_get_object (value));
      break;
    case PROP_CONTENT:
      lancer_page_set_content (self, g_value_get_object (value));
      break;
    case PROP_TOP_BAR:
      lancer_page_set_top_bar (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_page_class_init (LancerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lancer_page_constructed;
  object_class->dispose = lancer_page_dispose;
  object_class->finalize = lancer_page_finalize;
  object_class->get_property = lancer_page_get_property;
  object_class->set_property = lancer_page_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LANCER_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CONTENT] =
    g_param_spec_object ("content", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TOP_BAR] =
    g_param_spec_object ("top-bar", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, LANCER_TYPE_PAGE_STATE, LANCER_PAGE_LOADING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lancerdesk/Lancer/ui/lancer-page.ui");
  gtk_widget_class_bind_template_child_private (widget_class, LancerPage, top_bar_bin);
  gtk_widget_class_bind_template_child_private (widget_class, LancerPage, stack);
  gtk_widget_class_bind_template_child_private (widget_class, LancerPage, spinner);
  gtk_widget_class_bind_template_child_private (widget_class, LancerPage, error_page);
  gtk_widget_class_bind_template_child_private (widget_class, LancerPage, try_again_button);
  gtk_widget_class_bind_template_child_private (widget_class, LancerPage, empty_page);
  gtk_widget_class_bind_template_child_private (widget_class, LancerPage, connect_button);
  gtk_widget_class_bind_template_child_private (widget_class, LancerPage, content_bin);
  gtk_widget_class_bind_template_callback (widget_class, try_again_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lancer_page_init (LancerPage *self)
{
  LancerPagePrivate *priv = lancer_page_get_instance_private (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  priv->session_signals = g_signal_group_new (LANCER_TYPE_SESSION);
  g_signal_group_connect_object (priv->session_signals, "notify::state",
                                 G_CALLBACK (session_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (priv->session_signals, "notify::signed-in",
                                 G_CALLBACK (signed_in_cb), self, G_CONNECT_SWAPPED);

  priv->store_signals = g_signal_group_new (LANCER_TYPE_STORE);
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
  set_state (self, LANCER_PAGE_LOADING);
}

void
lancer_page_class_set_watched_tables (LancerPageClass    *klass,
                                      const char * const *tables)
{
  g_return_if_fail (LANCER_IS_PAGE_CLASS (klass));
  klass->watched_tables = tables;
}
