/* lancer-messages-page.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-messages-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "lancer-format.h"
#include "lancer-message-composer.h"
#include "lancer-message-row.h"
#include "lancer-messages-page-private.h"
#include "lancer-store-messages.h"
#include "lancer-story-list-model.h"
#include "lancer-sync-status-bar.h"

#define THREAD_PAGE_SIZE 50
/* Within this many pixels of the end counts as reading the newest message. */
#define BOTTOM_SLACK     24

struct _LancerMessagesPage
{
  LancerPage             parent_instance;

  GListStore            *rooms;            /* LancerRoom */
  GtkSingleSelection    *room_selection;
  char                  *room_id;          /* the open conversation */
  LancerStoryListModel  *thread;
  char                  *user_name;        /* who "you" are in the conversations */
  gboolean               stick_to_bottom;
  gboolean               scrolling;

  GtkWidget             *status_bar;
  AdwLeaflet            *leaflet;
  GtkWidget             *back_button;
  GtkListView           *room_view;
  GtkLabel              *thread_title;
  GtkLabel              *thread_subtitle;
  GtkScrolledWindow     *thread_scroller;
  GtkListView           *story_view;
  LancerMessageComposer *composer;
};

G_DEFINE_FINAL_TYPE (LancerMessagesPage, lancer_messages_page, LANCER_TYPE_PAGE)

static const char * const watched_tables[] = { "rooms", "stories", "outbox", NULL };
static const char * const status_resources[] = { "messages", NULL };

/* ---- row closures ---- */

static char *
room_title_cb (gpointer    unused,
               LancerRoom *room,
               const char *client_name)
{
  const char *topic;

  if (room == NULL)
    return g_strdup ("");
  if (client_name != NULL && *client_name != '\0')
    return g_strdup (client_name);
  topic = lancer_room_get_topic (room);
  return g_strdup (topic != NULL && *topic != '\0' ? topic : _("New conversation"));
}

static GStrv
room_title_classes_cb (gpointer unused,
                       guint    unread)
{
  const char *classes[] = { unread > 0 ? "heading" : NULL, NULL };

  return g_strdupv ((char **) classes);
}

static char *
room_when_cb (gpointer unused,
              gint64   last_activity_at)
{
  if (last_activity_at <= 0)
    return g_strdup ("");
  return lancer_format_relative_time (last_activity_at, g_get_real_time () / G_USEC_PER_SEC);
}

static char *
room_unread_cb (gpointer unused,
                guint    unread)
{
  return g_strdup_printf ("%u", unread);
}

static gboolean
room_has_unread_cb (gpointer unused,
                    guint    unread)
{
  return unread > 0;
}

static char *
room_preview_cb (gpointer    unused,
                 LancerRoom *room,
                 const char *user_name)
{
  const char *sender;
  const char *body;
  g_autofree char *one_line = NULL;

  if (room == NULL)
    return g_strdup ("");
  if (lancer_room_get_n_outbox_failed (room) > 0)
    return g_strdup (_("A message could not be sent"));
  if (!lancer_room_get_has_last_story (room))
    return g_strdup (_("No messages yet"));
  sender = lancer_room_get_last_sender (room);
  if (sender != NULL && g_strcmp0 (sender, user_name) == 0)
    sender = _("You");
  else if (sender != NULL && g_strcmp0 (sender, lancer_room_get_client_name (room)) == 0 &&
           lancer_room_get_last_body (room) != NULL)
    sender = NULL;   /* the title already names the client */
  body = lancer_room_get_last_body (room);
  if (body == NULL)
    /* Translators: %s is who sent an attachment without text. */
    return g_strdup_printf (_("%s sent an attachment"), sender != NULL ? sender : _("Someone"));
  one_line = g_strdelimit (g_strdup (body), "\n\r\t", ' ');
  if (sender == NULL)
    return g_steal_pointer (&one_line);
  /* Translators: who wrote the newest message, and its first line. */
  return g_strdup_printf (_("%s: %s"), sender, one_line);
}

static GStrv
room_preview_classes_cb (gpointer unused,
                         guint    n_outbox_failed)
{
  const char *classes[] = { n_outbox_failed > 0 ? "error" : "dim-label", NULL };

  return g_strdupv ((char **) classes);
}

/* ---- who the user is ---- */

/* The name Upwork shows for the user; without the account (not read yet,
 * or offline) the one sender found in most conversations, as the user
 * takes part in all of them and each client in few. */
static char *
dup_user_name (LancerMessagesPage *self)
{
  LancerSession *session = lancer_page_get_session (LANCER_PAGE (self));
  const LancerUpworkUser *account = session != NULL ? lancer_session_get_upwork_account (session) : NULL;
  g_autoptr(GHashTable) counts = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rooms));
  const char *best = NULL;
  guint best_count = 1;
  gboolean tie = FALSE;

  if (account != NULL && account->name != NULL && *account->name != '\0')
    return g_strdup (account->name);
  counts = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LancerRoom) room = g_list_model_get_item (G_LIST_MODEL (self->rooms), i);
      const char * const *senders = lancer_room_get_senders (room);

      for (guint j = 0; senders[j] != NULL; j++)
        {
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, senders[j])) + 1;

          g_hash_table_insert (counts, (gpointer) senders[j], GUINT_TO_POINTER (count));
          if (count > best_count)
            {
              best = senders[j];
              best_count = count;
              tie = FALSE;
            }
          else if (count == best_count && g_strcmp0 (best, senders[j]) != 0)
            tie = TRUE;
        }
    }
  /* Two people in as many conversations: either may be the user. */
  return tie ? NULL : g_strdup (best);
}

static void
update_user_name (LancerMessagesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rooms));

  g_free (self->user_name);
  self->user_name = dup_user_name (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LancerRoom) room = g_list_model_get_item (G_LIST_MODEL (self->rooms), i);

      lancer_room_set_user_name (room, self->user_name);
    }
  if (self->thread != NULL)
    lancer_story_list_model_set_user_name (self->thread, self->user_name);
}

/* ---- the open conversation ---- */

static LancerRoom *
find_room (LancerMessagesPage *self,
           const char         *room_id,
           guint              *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rooms));

  for (guint i = 0; room_id != NULL && i < n; i++)
    {
      g_autoptr(LancerRoom) room = g_list_model_get_item (G_LIST_MODEL (self->rooms), i);

      if (g_strcmp0 (lancer_room_get_id (room), room_id) == 0)
        {
          if (position != NULL)
            *position = i;
          return room;   /* the store keeps it alive */
        }
    }
  return NULL;
}

/* Title, subtitle and selection follow the open conversation's room. */
static void
update_thread_header (LancerMessagesPage *self)
{
  guint position = GTK_INVALID_LIST_POSITION;
  LancerRoom *room = find_room (self, self->room_id, &position);
  g_autofree char *title = room_title_cb (NULL, room, room != NULL ? lancer_room_get_client_name (room) : NULL);
  const char *topic = room != NULL ? lancer_room_get_topic (room) : NULL;

  gtk_label_set_label (self->thread_title, title);
  /* The topic says what the conversation is about; Upwork's own room
   * name ("Client, You") only repeats the title. */
  if (topic != NULL && (*topic == '\0' || strstr (topic, title) != NULL))
    topic = NULL;
  gtk_label_set_label (self->thread_subtitle, topic != NULL ? topic : "");
  gtk_widget_set_visible (GTK_WIDGET (self->thread_subtitle), topic != NULL);
  gtk_single_selection_set_selected (self->room_selection, position);
  lancer_message_composer_set_conversation (self->composer, self->room_id, title,
                                            self->thread != NULL ? G_LIST_MODEL (self->thread) : NULL);
}

static void
scroll_to_bottom (LancerMessagesPage *self)
{
  guint n = self->thread != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->thread)) : 0;

  if (n == 0)
    return;
  self->scrolling = TRUE;
  /* The list keeps an item it scrolled to in view while the rows around
   * it are measured, which setting the adjustment cannot promise. */
  gtk_widget_activate_action (GTK_WIDGET (self->story_view), "list.scroll-to-item", "u", n - 1);
  self->scrolling = FALSE;
}

/* A conversation grows as it loads and as messages arrive: while the
 * newest message is in view, the newest stays in view. */
static void
thread_items_changed_cb (LancerMessagesPage *self,
                         guint               position,
                         guint               removed,
                         guint               added)
{
  if (self->stick_to_bottom && added > 0)
    scroll_to_bottom (self);
}

static void
adjustment_value_cb (LancerMessagesPage *self,
                     GtkAdjustment      *adj)
{
  double bottom = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);

  if (!self->scrolling && self->thread != NULL &&
      !lancer_story_list_model_get_loading (self->thread))
    self->stick_to_bottom = gtk_adjustment_get_value (adj) >= bottom - BOTTOM_SLACK;
}

static void
message_sent_cb (LancerMessagesPage *self)
{
  self->stick_to_bottom = TRUE;
  scroll_to_bottom (self);
}

static void
marked_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lancer_store_mark_room_read_finish (LANCER_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not mark the conversation read: %s", error->message);
}

static void
open_room (LancerMessagesPage *self,
           const char         *room_id,
           gboolean            show)
{
  LancerStore *store = lancer_page_get_store (LANCER_PAGE (self));
  LancerRoom *room;

  if (room_id == NULL || store == NULL)
    return;
  if (g_strcmp0 (room_id, self->room_id) != 0 || self->thread == NULL)
    {
      g_autoptr(GtkSelectionModel) selection = NULL;

      g_free (self->room_id);
      self->room_id = g_strdup (room_id);
      g_clear_object (&self->thread);
      self->thread = lancer_story_list_model_new (store, room_id, THREAD_PAGE_SIZE);
      lancer_story_list_model_set_user_name (self->thread, self->user_name);
      selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->thread))));
      gtk_list_view_set_model (self->story_view, selection);
      /* After the view: it must know of new rows before it scrolls to them. */
      g_signal_connect_object (selection, "items-changed", G_CALLBACK (thread_items_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  self->stick_to_bottom = TRUE;
  scroll_to_bottom (self);
  update_thread_header (self);
  room = find_room (self, room_id, NULL);
  if (room != NULL && lancer_room_get_unread (room) > 0)
    lancer_store_mark_room_read_async (store, room_id, NULL, marked_read_cb, NULL);
  if (show)
    adw_leaflet_set_visible_child_name (self->leaflet, "thread");
}

void
lancer_messages_page_select_room (LancerMessagesPage *self,
                                  const char         *room_id)
{
  g_return_if_fail (LANCER_IS_MESSAGES_PAGE (self));

  open_room (self, room_id, TRUE);
  if (self->room_id != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->composer));
}

static void
room_activated_cb (LancerMessagesPage *self,
                   guint               position)
{
  g_autoptr(LancerRoom) room = g_list_model_get_item (G_LIST_MODEL (self->rooms), position);

  if (room != NULL)
    lancer_messages_page_select_room (self, lancer_room_get_id (room));
}

/* Widened to side by side: the conversation pane is never left empty. */
static void
folded_cb (LancerMessagesPage *self)
{
  g_autoptr(LancerRoom) first = g_list_model_get_item (G_LIST_MODEL (self->rooms), 0);

  if (!adw_leaflet_get_folded (self->leaflet) && self->room_id == NULL && first != NULL)
    open_room (self, lancer_room_get_id (first), FALSE);
}

static void
back_clicked_cb (LancerMessagesPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
retry_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LancerStore *store = lancer_page_get_store (LANCER_PAGE (widget));

  if (store != NULL)
    lancer_store_outbox_retry_async (store, g_variant_get_int64 (parameter), NULL, NULL, NULL);
}

/* ---- loading ---- */

static void
rooms_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LancerMessagesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rooms = lancer_store_list_rooms_finish (LANCER_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->leaflet == NULL)
    return;
  if (rooms == NULL)
    {
      lancer_page_show_error (LANCER_PAGE (self), error);
      return;
    }
  g_list_store_splice (self->rooms, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rooms)),
                       rooms->pdata, rooms->len);
  update_user_name (self);
  if (rooms->len == 0)
    {
      lancer_page_show_empty (LANCER_PAGE (self), "mail-unread-symbolic", _("No Messages"),
                              _("Conversations with clients appear here once Upwork syncs them. "
                                "A client has to write first on a proposal."));
      return;
    }
  update_thread_header (self);
  folded_cb (self);
  lancer_page_show_content (LANCER_PAGE (self));
}

static void
lancer_messages_page_reload (LancerPage   *page,
                             LancerStore  *store,
                             GCancellable *cancellable)
{
  LancerMessagesPage *self = LANCER_MESSAGES_PAGE (page);

  lancer_sync_status_bar_set_store (LANCER_SYNC_STATUS_BAR (self->status_bar), store);
  lancer_message_composer_set_session (self->composer, lancer_page_get_session (page));
  lancer_store_list_rooms_async (store, cancellable, rooms_cb, g_object_ref (self));
}

static void
lancer_messages_page_reset (LancerPage *page)
{
  LancerMessagesPage *self = LANCER_MESSAGES_PAGE (page);

  gtk_list_view_set_model (self->story_view, NULL);
  g_clear_object (&self->thread);
  g_clear_pointer (&self->room_id, g_free);
  g_clear_pointer (&self->user_name, g_free);
  g_list_store_remove_all (self->rooms);
  lancer_sync_status_bar_set_store (LANCER_SYNC_STATUS_BAR (self->status_bar), NULL);
  lancer_message_composer_set_session (self->composer, lancer_page_get_session (page));
  update_thread_header (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "rooms");
}

static void
outbox_changed_cb (LancerMessagesPage *self)
{
  /* Sending does not wait for the page to be shown. */
  lancer_message_composer_flush (self->composer);
}

/* ---- test hooks ---- */

GListModel *
lancer_messages_page_get_rooms (LancerMessagesPage *self)
{
  g_return_val_if_fail (LANCER_IS_MESSAGES_PAGE (self), NULL);
  return G_LIST_MODEL (self->rooms);
}

GtkListView *
lancer_messages_page_get_room_view (LancerMessagesPage *self)
{
  g_return_val_if_fail (LANCER_IS_MESSAGES_PAGE (self), NULL);
  return self->room_view;
}

GListModel *
lancer_messages_page_get_thread (LancerMessagesPage *self)
{
  g_return_val_if_fail (LANCER_IS_MESSAGES_PAGE (self), NULL);
  return self->thread != NULL ? G_LIST_MODEL (self->thread) : NULL;
}

GtkWidget *
lancer_messages_page_get_thread_scroller (LancerMessagesPage *self)
{
  g_return_val_if_fail (LANCER_IS_MESSAGES_PAGE (self), NULL);
  return GTK_WIDGET (self->thread_scroller);
}

const char *
lancer_messages_page_get_thread_title (LancerMessagesPage *self)
{
  g_return_val_if_fail (LANCER_IS_MESSAGES_PAGE (self), NULL);
  return gtk_label_get_label (self->thread_title);
}

GtkWidget *
lancer_messages_page_get_back_button (LancerMessagesPage *self)
{
  g_return_val_if_fail (LANCER_IS_MESSAGES_PAGE (self), NULL);
  return self->back_button;
}

const char *
lancer_messages_page_get_visible_pane (LancerMessagesPage *self)
{
  g_return_val_if_fail (LANCER_IS_MESSAGES_PAGE (self), NULL);
  return adw_leaflet_get_visible_child_name (self->leaflet);
}

void
lancer_messages_page_send (LancerMessagesPage *self,
                           const char         *text)
{
  g_return_if_fail (LANCER_IS_MESSAGES_PAGE (self));
  lancer_message_composer_send (self->composer, text);
}

/* ---- GObject ---- */

static void
lancer_messages_page_dispose (GObject *object)
{
  LancerMessagesPage *self = LANCER_MESSAGES_PAGE (object);

  if (self->story_view != NULL)
    gtk_list_view_set_model (self->story_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_MESSAGES_PAGE);
  g_clear_object (&self->thread);
  g_clear_object (&self->room_selection);
  g_clear_object (&self->rooms);

  G_OBJECT_CLASS (lancer_messages_page_parent_class)->dispose (object);
}

static void
lancer_messages_page_finalize (GObject *object)
{
  LancerMessagesPage *self = LANCER_MESSAGES_PAGE (object);

  g_free (self->room_id);
  g_free (self->user_name);

  G_OBJECT_CLASS (lancer_messages_page_parent_class)->finalize (object);
}

static void
lancer_messages_page_class_init (LancerMessagesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LancerPageClass *page_class = LANCER_PAGE_CLASS (klass);

  object_class->dispose = lancer_messages_page_dispose;
  object_class->finalize = lancer_messages_page_finalize;
  page_class->reload = lancer_messages_page_reload;
  page_class->reset = lancer_messages_page_reset;
  lancer_page_class_set_watched_tables (page_class, watched_tables);

  g_type_ensure (LANCER_TYPE_MESSAGE_ROW);
  g_type_ensure (LANCER_TYPE_MESSAGE_COMPOSER);
  g_type_ensure (LANCER_TYPE_ROOM);
  g_type_ensure (LANCER_TYPE_STORY);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-messages-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, room_view);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, thread_title);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, thread_subtitle);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, thread_scroller);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, story_view);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, composer);
  gtk_widget_class_bind_template_callback (widget_class, room_title_cb);
  gtk_widget_class_bind_template_callback (widget_class, room_title_classes_cb);
  gtk_widget_class_bind_template_callback (widget_class, room_when_cb);
  gtk_widget_class_bind_template_callback (widget_class, room_unread_cb);
  gtk_widget_class_bind_template_callback (widget_class, room_has_unread_cb);
  gtk_widget_class_bind_template_callback (widget_class, room_preview_cb);
  gtk_widget_class_bind_template_callback (widget_class, room_preview_classes_cb);
  gtk_widget_class_bind_template_callback (widget_class, room_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, message_sent_cb);
  gtk_widget_class_install_action (widget_class, "messages.retry", "x", retry_action_cb);
}

static void
lancer_messages_page_init (LancerMessagesPage *self)
{
  GtkAdjustment *adj;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rooms = g_list_store_new (LANCER_TYPE_ROOM);
  self->room_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rooms)));
  gtk_single_selection_set_autoselect (self->room_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->room_selection, TRUE);
  gtk_list_view_set_model (self->room_view, GTK_SELECTION_MODEL (self->room_selection));

  self->status_bar = lancer_sync_status_bar_new (status_resources);
  lancer_page_set_top_bar (LANCER_PAGE (self), self->status_bar);

  adj = gtk_scrolled_window_get_vadjustment (self->thread_scroller);
  g_signal_connect_object (adj, "value-changed", G_CALLBACK (adjustment_value_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (folded_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (lancer_page_get_store_signals (LANCER_PAGE (self)), "changed::outbox",
                                 G_CALLBACK (outbox_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (lancer_page_get_session_signals (LANCER_PAGE (self)), "notify::sync",
                                 G_CALLBACK (outbox_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (lancer_page_get_session_signals (LANCER_PAGE (self)), "notify::upwork-account",
                                 G_CALLBACK (update_user_name), self, G_CONNECT_SWAPPED);
}
