/* lancer-messages-page.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-messages-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lancer-ai-error.h"
#include "lancer-ai-error-ui.h"
#include "lancer-ai-service.h"
#include "lancer-format.h"
#include "lancer-load-when-shown.h"
#include "lancer-messages-page.h"
#include "lancer-prompts.h"
#include "lancer-store-messages.h"
#include "lancer-story-list-model.h"
#include "lancer-sync-status-bar.h"

#define THREAD_PAGE_SIZE 50
/* How much of the thread a suggested reply sees. */
#define SUGGEST_CONTEXT   12

/* What the notice's button does. */
typedef enum
{
  NOTICE_NONE,
  NOTICE_AI_FIX,        /* notice_ai_fix says which */
  NOTICE_CONSENT,
  NOTICE_SIGN_IN,
} NoticeAction;

struct _LancerMessagesPage
{
  GtkWidget             parent_instance;

  LancerSession        *session;
  gboolean              disposed;
  LancerStore          *store;
  GCancellable         *cancellable;
  GPtrArray            *rooms;            /* LancerRoom */
  gboolean              loaded;
  gboolean              reloading;
  gboolean              reload_again;
  char                 *room_id;          /* the open thread */
  LancerStoryListModel *thread;
  gboolean              stick_to_bottom;
  gboolean              scrolling;

  LancerSync           *sync;             /* NULL: not connected to Upwork */
  GCancellable         *flush_cancellable;

  LancerAiService      *ai;
  GCancellable         *suggest_cancellable;
  gboolean              suggesting;
  NoticeAction          notice_action;
  LancerAiFix           notice_ai_fix;

  GtkStack             *stack;
  AdwStatusPage        *error_page;
  GtkBox               *status_box;
  GtkBox               *empty_status_box;
  AdwLeaflet           *leaflet;
  GtkListBox           *room_list;
  GtkWidget            *back_button;
  GtkLabel             *thread_title;
  GtkStack             *thread_stack;
  GtkScrolledWindow    *thread_scroller;
  GtkListView          *story_view;
  GtkTextView          *compose_view;
  GtkWidget            *send_button;
  GtkWidget            *suggest_button;
  AdwButtonContent     *suggest_content;
  GtkLabel             *compose_hint;
  GtkRevealer          *suggest_revealer;
  GtkLabel             *suggest_label;
  GtkWidget            *suggest_setup_button;

  GtkWidget            *status_bar;
  GtkWidget            *empty_status_bar;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerMessagesPage, lancer_messages_page, GTK_TYPE_WIDGET)

static const char * const status_resources[] = { "messages", NULL };

static void reload (LancerMessagesPage *self);
static void hide_notice (LancerMessagesPage *self);

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static const char *
room_title (LancerRoom *room)
{
  return room->topic != NULL && *room->topic != '\0' ? room->topic : _("Conversation");
}

/* ---- mode ---- */

static void
update_mode (LancerMessagesPage *self)
{
  if (self->session == NULL || lancer_session_get_state (self->session) == LANCER_SESSION_OPENING)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }
  if (lancer_session_get_state (self->session) == LANCER_SESSION_FAILED)
    {
      adw_status_page_set_description (self->error_page, lancer_session_get_error_message (self->session));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  if (!self->loaded)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (self->rooms->len == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "main");
}

/* ---- rooms ---- */

static GtkWidget *
make_room_row (LancerRoom *room)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (room_title (room));
  GtkWidget *when;
  GtkWidget *preview;
  g_autofree char *when_text = NULL;
  g_autofree char *preview_text = NULL;
  g_autofree char *a11y = NULL;

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  if (room->unread > 0)
    gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (top), title);
  if (room->last_activity_at > 0)
    {
      when_text = lancer_format_relative_time (room->last_activity_at, now_s ());
      when = gtk_label_new (when_text);
      gtk_widget_add_css_class (when, "dim-label");
      gtk_widget_add_css_class (when, "caption");
      gtk_box_append (GTK_BOX (top), when);
    }
  if (room->unread > 0)
    {
      g_autofree char *n = g_strdup_printf ("%u", room->unread);
      GtkWidget *badge = gtk_label_new (n);

      gtk_widget_add_css_class (badge, "unread-badge");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (top), badge);
    }
  gtk_box_append (GTK_BOX (box), top);

  if (room->n_outbox_failed > 0)
    preview_text = g_strdup (_("A message could not be sent"));
  else if (!room->has_last_story)
    preview_text = g_strdup (_("No messages yet"));
  else if (room->last_body == NULL)
    /* Translators: %s is who sent an attachment without text. */
    preview_text = g_strdup_printf (_("%s sent an attachment"), room->last_sender != NULL ? room->last_sender : _("Someone"));
  else
    {
      g_autofree char *one_line = g_strdup (room->last_body);

      g_strdelimit (one_line, "\n\r\t", ' ');
      preview_text = room->last_sender != NULL ? g_strdup_printf ("%s: %s", room->last_sender, one_line)
                                               : g_steal_pointer (&one_line);
    }
  preview = gtk_label_new (preview_text);
  gtk_label_set_xalign (GTK_LABEL (preview), 0);
  gtk_label_set_ellipsize (GTK_LABEL (preview), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (preview, room->n_outbox_failed > 0 ? "error" : "dim-label");
  gtk_box_append (GTK_BOX (box), preview);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  if (room->unread > 0)
    /* Translators: room name, number of unread messages, last message. */
    a11y = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u unread message, %s", "%s, %u unread messages, %s",
                                         room->unread), room_title (room), room->unread, preview_text);
  else
    a11y = g_strdup_printf ("%s, %s", room_title (room), preview_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_object_set_data_full (G_OBJECT (row), "room", g_object_ref (room), g_object_unref);
  return row;
}

static void
rooms_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LancerMessagesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *rooms = lancer_store_list_rooms_finish (LANCER_STORE (object), result, &error);
  GtkWidget *child;

  /* The store completes work that already ran even when it was cancelled
   * since: a disposed page has no widgets left to fill. */
  if (self->disposed)
    {
      g_clear_pointer (&rooms, g_ptr_array_unref);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->reloading = FALSE;
  if (rooms == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  g_clear_pointer (&self->rooms, g_ptr_array_unref);
  self->rooms = rooms;
  self->loaded = TRUE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->room_list))) != NULL)
    gtk_list_box_remove (self->room_list, child);
  for (guint i = 0; i < rooms->len; i++)
    {
      LancerRoom *room = g_ptr_array_index (rooms, i);
      GtkWidget *row = make_room_row (room);

      gtk_list_box_append (self->room_list, row);
      if (g_strcmp0 (room->id, self->room_id) == 0)
        {
          gtk_list_box_select_row (self->room_list, GTK_LIST_BOX_ROW (row));
          gtk_label_set_label (self->thread_title, room_title (room));
        }
    }
  update_mode (self);
  if (self->reload_again)
    reload (self);
}

static void
reload (LancerMessagesPage *self)
{
  if (self->store == NULL || self->disposed)
    return;
  if (self->reloading)
    {
      self->reload_again = TRUE;
      return;
    }
  self->reloading = TRUE;
  self->reload_again = FALSE;
  lancer_store_list_rooms_async (self->store, self->cancellable, rooms_cb, g_object_ref (self));
}

/* ---- thread ---- */

static void
scroll_to_bottom (LancerMessagesPage *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->thread_scroller);

  self->scrolling = TRUE;
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  self->scrolling = FALSE;
}

static void
adjustment_changed_cb (LancerMessagesPage *self,
                       GtkAdjustment      *adj)
{
  if (self->stick_to_bottom)
    scroll_to_bottom (self);
}

static void
adjustment_value_cb (LancerMessagesPage *self,
                     GtkAdjustment      *adj)
{
  double bottom = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);

  if (self->scrolling)
    return;
  /* Follow new messages only while the user is at the newest one. */
  self->stick_to_bottom = gtk_adjustment_get_value (adj) >= bottom - 24;
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

void
lancer_messages_page_select_room (LancerMessagesPage *self,
                                  const char         *room_id)
{
  g_autoptr(GtkSelectionModel) selection = NULL;

  g_return_if_fail (LANCER_IS_MESSAGES_PAGE (self));

  if (room_id == NULL || self->store == NULL)
    return;
  if (g_strcmp0 (room_id, self->room_id) != 0)
    {
      g_free (self->room_id);
      self->room_id = g_strdup (room_id);
      g_clear_object (&self->thread);
      self->thread = lancer_story_list_model_new (self->store, room_id, THREAD_PAGE_SIZE);
      selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->thread))));
      gtk_list_view_set_model (self->story_view, selection);
      g_cancellable_cancel (self->suggest_cancellable);
      hide_notice (self);
    }
  self->stick_to_bottom = TRUE;
  gtk_stack_set_visible_child_name (self->thread_stack, "thread");
  for (guint i = 0; i < self->rooms->len; i++)
    {
      LancerRoom *room = g_ptr_array_index (self->rooms, i);

      if (g_strcmp0 (room->id, room_id) == 0)
        {
          gtk_label_set_label (self->thread_title, room_title (room));
          gtk_list_box_select_row (self->room_list, gtk_list_box_get_row_at_index (self->room_list, (int) i));
          if (room->unread > 0)
            lancer_store_mark_room_read_async (self->store, room_id, NULL, marked_read_cb, NULL);
        }
    }
  adw_leaflet_set_visible_child_name (self->leaflet, "thread");
  gtk_widget_grab_focus (GTK_WIDGET (self->compose_view));
}

static void
room_activated_cb (LancerMessagesPage *self,
                   GtkListBoxRow      *row)
{
  LancerRoom *room = g_object_get_data (G_OBJECT (row), "room");

  if (room != NULL)
    lancer_messages_page_select_room (self, room->id);
}

static void
back_clicked_cb (LancerMessagesPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* ---- story rows ---- */

typedef struct
{
  GtkWidget *box;
  GtkWidget *sender;
  GtkWidget *body;
  GtkWidget *time;
  GtkWidget *state;
  GtkWidget *retry;
} StoryRow;

static void
retried_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lancer_store_outbox_retry_finish (LANCER_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not retry the message: %s", error->message);
}

static void
retry_clicked_cb (GtkButton          *button,
                  LancerMessagesPage *self)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (button), "list-item");
  LancerStory *story = gtk_list_item_get_item (item);

  if (story != NULL && story->outbox_id != 0 && self->store != NULL)
    lancer_store_outbox_retry_async (self->store, story->outbox_id, NULL, retried_cb, NULL);
}

static void
setup_story_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                LancerMessagesPage       *self)
{
  StoryRow *row = g_new0 (StoryRow, 1);
  GtkWidget *meta = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  row->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (row->box, "story");
  row->sender = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->sender), 0);
  gtk_widget_add_css_class (row->sender, "heading");
  row->body = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->body), 0);
  gtk_label_set_wrap (GTK_LABEL (row->body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (row->body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (row->body), TRUE);
  row->time = gtk_label_new (NULL);
  gtk_widget_add_css_class (row->time, "dim-label");
  gtk_widget_add_css_class (row->time, "caption");
  row->state = gtk_label_new (NULL);
  gtk_widget_add_css_class (row->state, "caption");
  gtk_label_set_wrap (GTK_LABEL (row->state), TRUE);
  gtk_label_set_xalign (GTK_LABEL (row->state), 0);
  gtk_widget_set_hexpand (row->state, TRUE);
  row->retry = gtk_button_new_with_label (_("Retry"));
  gtk_widget_set_tooltip_text (row->retry, _("Send this message again"));
  gtk_widget_add_css_class (row->retry, "flat");
  g_object_set_data (G_OBJECT (row->retry), "list-item", item);
  g_signal_connect (row->retry, "clicked", G_CALLBACK (retry_clicked_cb), self);

  gtk_box_append (GTK_BOX (meta), row->time);
  gtk_box_append (GTK_BOX (meta), row->state);
  gtk_box_append (GTK_BOX (meta), row->retry);
  gtk_box_append (GTK_BOX (row->box), row->sender);
  gtk_box_append (GTK_BOX (row->box), row->body);
  gtk_box_append (GTK_BOX (row->box), meta);
  g_object_set_data_full (G_OBJECT (row->box), "story-row", row, g_free);
  gtk_list_item_set_child (item, row->box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_story_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               LancerMessagesPage       *self)
{
  StoryRow *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "story-row");
  LancerStory *story = gtk_list_item_get_item (item);
  g_autofree char *when = NULL;
  g_autofree char *a11y = NULL;
  const char *state = NULL;
  const char *sender;

  gtk_widget_remove_css_class (row->box, "outgoing");
  gtk_widget_remove_css_class (row->state, "error");
  gtk_widget_remove_css_class (row->body, "attachment");
  if (!story->loaded)
    {
      gtk_label_set_label (GTK_LABEL (row->sender), "");
      gtk_label_set_label (GTK_LABEL (row->body), _("Loading…"));
      gtk_label_set_label (GTK_LABEL (row->time), "");
      gtk_widget_set_visible (row->state, FALSE);
      gtk_widget_set_visible (row->retry, FALSE);
      return;
    }

  sender = story->outbox_id != 0 ? _("You") : (story->sender != NULL ? story->sender : _("Unknown sender"));
  gtk_label_set_label (GTK_LABEL (row->sender), sender);
  if (story->body != NULL)
    gtk_label_set_label (GTK_LABEL (row->body), story->body);
  else
    {
      gtk_label_set_label (GTK_LABEL (row->body), _("Attachment only: open this conversation on Upwork to see it"));
      gtk_widget_add_css_class (row->body, "attachment");
    }
  when = lancer_format_relative_time (story->created_at, now_s ());
  gtk_label_set_label (GTK_LABEL (row->time), when);

  if (story->outbox_id != 0)
    {
      gtk_widget_add_css_class (row->box, "outgoing");
      /* failed: retried by the next sync; rejected: refused for good,
       * kept with Upwork's reason until the user retries it */
      if (g_strcmp0 (story->state, "failed") == 0 || g_strcmp0 (story->state, "rejected") == 0)
        {
          g_autofree char *text = NULL;

          if (story->last_error != NULL && *story->last_error != '\0')
            /* Translators: %s is why Upwork refused the message. */
            text = g_strdup_printf (_("Not sent: %s"), story->last_error);
          else
            text = g_strdup (_("Not sent"));
          gtk_label_set_label (GTK_LABEL (row->state), text);
          gtk_widget_add_css_class (row->state, "error");
          state = _("not sent");
        }
      else if (g_strcmp0 (story->state, "sending") == 0)
        gtk_label_set_label (GTK_LABEL (row->state), state = _("Sending…"));
      else
        gtk_label_set_label (GTK_LABEL (row->state), state = _("Waiting to send"));
    }
  gtk_widget_set_visible (row->state, story->outbox_id != 0);
  gtk_widget_set_visible (row->retry, g_strcmp0 (story->state, "failed") == 0 ||
                                      g_strcmp0 (story->state, "rejected") == 0);

  a11y = g_strdup_printf ("%s, %s%s%s", sender, when, state != NULL ? ", " : "", state != NULL ? state : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->box), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
}

/* ---- notices ---- */

static void
show_notice (LancerMessagesPage *self,
             const char         *text,
             NoticeAction        action,
             const char         *button_label)
{
  self->notice_action = action;
  gtk_label_set_label (self->suggest_label, text);
  if (button_label != NULL)
    gtk_button_set_label (GTK_BUTTON (self->suggest_setup_button), button_label);
  gtk_widget_set_visible (self->suggest_setup_button, action != NOTICE_NONE);
  gtk_revealer_set_reveal_child (self->suggest_revealer, TRUE);
}

static void
hide_notice (LancerMessagesPage *self)
{
  self->notice_action = NOTICE_NONE;
  gtk_revealer_set_reveal_child (self->suggest_revealer, FALSE);
}

static void
update_compose_hint (LancerMessagesPage *self)
{
  gboolean offline = self->sync == NULL;

  gtk_label_set_label (self->compose_hint,
                       _("Not connected to Upwork: messages wait in the outbox until you connect"));
  gtk_widget_set_visible (GTK_WIDGET (self->compose_hint), offline);
}

/* ---- sending ---- */

/* One flush at a time per connection, however many windows show this page:
 * two flushes at once would send a message twice. */
typedef struct
{
  gboolean running;
  gboolean again;
} FlushState;

static FlushState *
flush_state (LancerSync *sync)
{
  FlushState *state = g_object_get_data (G_OBJECT (sync), "lancer-messages-flush");

  if (state == NULL)
    {
      state = g_new0 (FlushState, 1);
      g_object_set_data_full (G_OBJECT (sync), "lancer-messages-flush", state, g_free);
    }
  return state;
}

static void maybe_flush (LancerMessagesPage *self);

static void
flushed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LancerMessagesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  FlushState *state = flush_state (LANCER_SYNC (object));
  gboolean again = state->again;

  state->running = FALSE;
  state->again = FALSE;
  if (lancer_sync_flush_outbox_finish (LANCER_SYNC (object), result, &error) < 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->disposed)
        return;
      /* A message Upwork refused is marked on its row, with Retry; this
       * is the outbox as a whole (offline, signed out, …). */
      {
        /* Translators: %s says why, already translated. */
        g_autofree char *text = g_strdup_printf (_("Messages could not be sent: %s. They stay in the outbox; use Retry on a message to try again."),
                                                 error->message);
        show_notice (self, text, NOTICE_NONE, NULL);
      }
      return;
    }
  if (again && !self->disposed)
    maybe_flush (self);
}

static void
outbox_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LancerMessagesPage) self = user_data;
  g_autoptr(GPtrArray) items = lancer_store_outbox_list_finish (LANCER_STORE (object), result, NULL);
  gboolean pending = FALSE;
  FlushState *state;

  if (items == NULL || self->disposed || self->sync == NULL)
    return;
  /* Only what waits: a failed message is sent again by Retry or the next
   * sync, never in a loop here. */
  for (guint i = 0; i < items->len && !pending; i++)
    pending = g_strcmp0 (((LancerStory *) g_ptr_array_index (items, i))->state, "pending") == 0;
  if (!pending)
    return;
  state = flush_state (self->sync);
  if (state->running)
    {
      state->again = TRUE;
      return;
    }
  state->running = TRUE;
  lancer_sync_flush_outbox_async (self->sync, self->flush_cancellable, flushed_cb, g_object_ref (self));
}

static void
maybe_flush (LancerMessagesPage *self)
{
  FlushState *state;

  if (self->disposed || self->store == NULL || self->sync == NULL)
    return;
  state = flush_state (self->sync);
  if (state->running)
    {
      state->again = TRUE;
      return;
    }
  lancer_store_outbox_list_async (self->store, NULL, self->flush_cancellable, outbox_checked_cb, g_object_ref (self));
}

static void
enqueued_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LancerMessagesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = lancer_store_outbox_enqueue_finish (LANCER_STORE (object), result, &error);

  if (self->disposed)
    return;
  if (id == 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Nothing was queued: the text stays in the compose box. */
      show_notice (self, error->message, NOTICE_NONE, NULL);
      return;
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->compose_view), "", -1);
  self->stick_to_bottom = TRUE;
  maybe_flush (self);
}

static void
send_clicked_cb (LancerMessagesPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->compose_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->suggesting)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  if (*text == '\0' || self->room_id == NULL || self->store == NULL)
    return;
  lancer_store_outbox_enqueue_async (self->store, self->room_id, text, self->cancellable, enqueued_cb,
                                     g_object_ref (self));
}

void
lancer_messages_page_send (LancerMessagesPage *self,
                           const char         *text)
{
  g_return_if_fail (LANCER_IS_MESSAGES_PAGE (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->compose_view), text, -1);
  send_clicked_cb (self);
}

static void
compose_changed_cb (LancerMessagesPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->compose_view);

  gtk_widget_set_sensitive (self->send_button, !self->suggesting && gtk_text_buffer_get_char_count (buffer) > 0);
}

static gboolean
compose_key_cb (LancerMessagesPage    *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_CONTROL_MASK) != 0)
    {
      send_clicked_cb (self);
      return TRUE;
    }
  return FALSE;
}

/* ---- suggested replies ---- */

static void start_suggest (LancerMessagesPage *self);

static void
set_suggesting (LancerMessagesPage *self,
                gboolean            suggesting)
{
  self->suggesting = suggesting;
  adw_button_content_set_label (self->suggest_content, suggesting ? _("S_top") : _("Suggest a _Reply"));
  adw_button_content_set_icon_name (self->suggest_content,
                                    suggesting ? "media-playback-stop-symbolic" : "chat-message-new-symbolic");
  gtk_widget_set_tooltip_text (self->suggest_button,
                               suggesting ? _("Stop the suggestion; what arrived so far stays")
                                          : _("Let the AI assistant draft a reply to this conversation"));
  gtk_text_view_set_editable (self->compose_view, !suggesting);
  compose_changed_cb (self);
}

static void
show_ai_error (LancerMessagesPage *self,
               const GError       *error)
{
  LancerAiFix fix = lancer_ai_error_ui_get_fix (error);

  self->notice_ai_fix = fix;
  show_notice (self, error->message, NOTICE_AI_FIX, lancer_ai_error_ui_fix_label (fix));
}

/* The last stories of the open thread that are loaded, oldest first, with
 * contact details scrubbed: all a reply needs. */
static char *
dup_conversation (LancerMessagesPage *self)
{
  GListModel *model = G_LIST_MODEL (self->thread);
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;
  g_autoptr(GString) text = g_string_new (NULL);
  guint taken = 0;
  guint first = n;

  while (first > 0 && taken < SUGGEST_CONTEXT)
    {
      g_autoptr(LancerStory) story = g_list_model_get_item (model, first - 1);

      if (!story->loaded)
        break;
      first--;
      taken++;
    }
  for (guint i = first; i < n; i++)
    {
      g_autoptr(LancerStory) story = g_list_model_get_item (model, i);
      g_autofree char *body = story->body != NULL ? lancer_prompts_scrub_pii (story->body) : NULL;
      const char *sender = story->outbox_id != 0 ? "Me" : (story->sender != NULL ? story->sender : "Client");

      g_string_append_printf (text, "%s: %s\n", sender, body != NULL ? body : "[attachment]");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
suggest_delta_cb (const char *delta,
                  gsize       len,
                  gpointer    user_data)
{
  LancerMessagesPage *self = user_data;
  GtkTextBuffer *buffer;
  GtkTextIter end;

  if (self->disposed)
    return;
  buffer = gtk_text_view_get_buffer (self->compose_view);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, delta, (int) len);
}

static void
suggested_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LancerMessagesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerAiResult) answer = NULL;

  answer = lancer_ai_provider_stream_chat_finish (LANCER_AI_PROVIDER (object), result, &error);
  if (self->disposed)
    return;
  set_suggesting (self, FALSE);
  if (answer == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_ai_error (self, error);
      return;
    }
  if (answer->partial)
    show_notice (self, _("The suggestion stopped early. Edit it or suggest again."), NOTICE_NONE, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->compose_view));
}

static void
provider_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LancerMessagesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerAiProvider) provider = NULL;
  g_autoptr(LancerAiProfile) profile = NULL;
  g_autoptr(GHashTable) vars = NULL;
  g_autoptr(LancerAiRequest) request = NULL;
  g_autofree char *model = NULL;
  g_autofree char *system_template = NULL;
  g_autofree char *user_template = NULL;
  g_autofree char *system = NULL;
  g_autofree char *user = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter end;

  provider = lancer_ai_service_get_provider_finish (LANCER_AI_SERVICE (object), result, &error);
  if (self->disposed)
    return;
  if (provider == NULL)
    {
      set_suggesting (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_ai_error (self, error);
      return;
    }

  profile = lancer_ai_service_dup_writer_profile (self->ai);
  vars = lancer_prompts_vars_new (NULL, profile);
  g_hash_table_replace (vars, g_strdup ("conversation"), dup_conversation (self));
  g_hash_table_replace (vars, g_strdup ("job_title"), g_strdup (gtk_label_get_label (self->thread_title)));
  g_hash_table_replace (vars, g_strdup ("tone"),
                        g_settings_get_string (lancer_session_get_settings (self->session), "ai-proposal-tone"));
  system_template = lancer_prompts_dup_template (LANCER_PROMPT_REPLY, LANCER_PROMPT_PART_SYSTEM, NULL);
  user_template = lancer_prompts_dup_template (LANCER_PROMPT_REPLY, LANCER_PROMPT_PART_USER, NULL);
  system = lancer_prompts_render (system_template, vars);
  user = lancer_prompts_render (user_template, vars);

  model = lancer_ai_service_dup_model (self->ai);
  request = lancer_ai_request_new (model, "reply");
  lancer_ai_request_set_system (request, system);
  lancer_ai_request_add_message (request, "user", user);
  request->max_tokens = 600;

  /* The suggestion goes after whatever the user already typed. */
  buffer = gtk_text_view_get_buffer (self->compose_view);
  if (gtk_text_buffer_get_char_count (buffer) > 0)
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, "\n\n", -1);
    }
  lancer_ai_provider_stream_chat_async (provider, request, suggest_delta_cb, g_object_ref (self), g_object_unref,
                                        self->suggest_cancellable, suggested_cb, g_object_ref (self));
}

static void
budget_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LancerMessagesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  LancerAiBudgetState state;
  double spend = 0;

  if (!lancer_ai_service_check_budget_finish (LANCER_AI_SERVICE (object), result, &state, &spend, &error))
    {
      if (self->disposed)
        return;
      set_suggesting (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_ai_error (self, error);
      return;
    }
  if (self->disposed || g_cancellable_is_cancelled (self->suggest_cancellable))
    return;
  lancer_ai_service_get_provider_async (self->ai, self->suggest_cancellable, provider_cb, g_object_ref (self));
}

static void
start_suggest (LancerMessagesPage *self)
{
  if (self->session == NULL || self->thread == NULL || self->suggesting)
    return;
  if (self->ai == NULL)
    self->ai = lancer_ai_service_new (self->session);
  hide_notice (self);
  if (lancer_ai_service_needs_consent (self->ai))
    {
      const char *name = lancer_ai_service_get_provider_name (lancer_ai_service_get_provider_id (self->ai));
      /* Translators: %s is a provider such as "OpenAI". */
      g_autofree char *text = g_strdup_printf (_("A suggested reply sends the last messages of this conversation to %s. "
                                                 "Contact details are removed first."), name);

      show_notice (self, text, NOTICE_CONSENT, _("_Allow and Suggest"));
      return;
    }
  g_cancellable_cancel (self->suggest_cancellable);
  g_clear_object (&self->suggest_cancellable);
  self->suggest_cancellable = g_cancellable_new ();
  set_suggesting (self, TRUE);
  lancer_ai_service_check_budget_async (self->ai, self->suggest_cancellable, budget_cb, g_object_ref (self));
}

static void
suggest_clicked_cb (LancerMessagesPage *self)
{
  if (self->suggesting)
    {
      /* Stop: what arrived stays in the compose box. */
      g_cancellable_cancel (self->suggest_cancellable);
      return;
    }
  start_suggest (self);
}

static void
notice_fix_cb (LancerMessagesPage *self)
{
  NoticeAction action = self->notice_action;

  hide_notice (self);
  switch (action)
    {
    case NOTICE_CONSENT:
      if (self->ai != NULL)
        lancer_ai_service_grant_consent (self->ai);
      start_suggest (self);
      break;

    case NOTICE_AI_FIX:
      if (lancer_ai_error_ui_apply_fix (GTK_WIDGET (self), self->notice_ai_fix,
                                        lancer_session_get_settings (self->session)))
        start_suggest (self);
      break;

    case NOTICE_SIGN_IN:
    case NOTICE_NONE:
    default:
      break;
    }
}

static void
suggest_dismiss_cb (LancerMessagesPage *self)
{
  hide_notice (self);
}

/* ---- session ---- */

static void
store_changed_cb (LancerMessagesPage *self)
{
  lancer_load_now_or_when_shown (GTK_WIDGET (self), (LancerLoadFunc) reload);
}

static void
outbox_changed_cb (LancerMessagesPage *self)
{
  store_changed_cb (self);
  /* sending does not wait for the page to be shown */
  maybe_flush (self);
}

static void
sync_changed_cb (LancerMessagesPage *self)
{
  LancerSync *sync;

  if (self->disposed)
    return;
  sync = self->session != NULL ? lancer_session_get_sync (self->session) : NULL;
  g_set_object (&self->sync, sync);
  update_compose_hint (self);
  /* Connected (again): send what waited. */
  maybe_flush (self);
}

static void
session_state_cb (LancerMessagesPage *self)
{
  LancerStore *store;

  if (self->disposed)
    return;
  store = lancer_session_get_state (self->session) == LANCER_SESSION_READY
                       ? lancer_session_get_store (self->session) : NULL;

  if (store != NULL && self->store != store)
    {
      if (self->store != NULL)
        g_signal_handlers_disconnect_by_data (self->store, self);
      g_set_object (&self->store, store);
      g_signal_connect_object (store, "changed::rooms", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed::stories", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed::outbox", G_CALLBACK (outbox_changed_cb), self, G_CONNECT_SWAPPED);
      lancer_sync_status_bar_set_store (LANCER_SYNC_STATUS_BAR (self->status_bar), store);
      lancer_sync_status_bar_set_store (LANCER_SYNC_STATUS_BAR (self->empty_status_bar), store);
      lancer_load_now_or_when_shown (GTK_WIDGET (self), (LancerLoadFunc) reload);
      sync_changed_cb (self);
    }
  update_mode (self);
}

LancerSession *
lancer_messages_page_get_session (LancerMessagesPage *self)
{
  g_return_val_if_fail (LANCER_IS_MESSAGES_PAGE (self), NULL);
  return self->session;
}

void
lancer_messages_page_set_session (LancerMessagesPage *self,
                                  LancerSession      *session)
{
  g_return_if_fail (LANCER_IS_MESSAGES_PAGE (self));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_list_view_set_model (self->story_view, NULL);
  g_clear_object (&self->thread);
  g_clear_pointer (&self->room_id, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->sync);
  g_clear_object (&self->ai);
  self->loaded = FALSE;
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::state", G_CALLBACK (session_state_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::sync", G_CALLBACK (sync_changed_cb), self, G_CONNECT_SWAPPED);
      session_state_cb (self);
    }
  else
    update_mode (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

const char *
lancer_messages_page_get_mode (LancerMessagesPage *self)
{
  g_return_val_if_fail (LANCER_IS_MESSAGES_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

guint
lancer_messages_page_get_n_rooms (LancerMessagesPage *self)
{
  g_return_val_if_fail (LANCER_IS_MESSAGES_PAGE (self), 0);
  return self->rooms->len;
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

/* ---- GObject ---- */

static void
folded_cb (LancerMessagesPage *self)
{
  gtk_widget_set_visible (self->back_button, adw_leaflet_get_folded (self->leaflet));
}

static void
lancer_messages_page_dispose (GObject *object)
{
  LancerMessagesPage *self = LANCER_MESSAGES_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->flush_cancellable);
  g_clear_object (&self->flush_cancellable);
  g_cancellable_cancel (self->suggest_cancellable);
  g_clear_object (&self->suggest_cancellable);
  if (self->story_view != NULL)
    gtk_list_view_set_model (self->story_view, NULL);
  /* Pending callbacks may keep a disposed page alive: stop reloading. */
  self->disposed = TRUE;
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_MESSAGES_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->thread);
  g_clear_object (&self->store);
  g_clear_object (&self->sync);
  g_clear_object (&self->ai);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lancer_messages_page_parent_class)->dispose (object);
}

static void
lancer_messages_page_finalize (GObject *object)
{
  LancerMessagesPage *self = LANCER_MESSAGES_PAGE (object);

  g_clear_pointer (&self->rooms, g_ptr_array_unref);
  g_free (self->room_id);

  G_OBJECT_CLASS (lancer_messages_page_parent_class)->finalize (object);
}

static void
lancer_messages_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LancerMessagesPage *self = LANCER_MESSAGES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, lancer_messages_page_get_session (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_messages_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LancerMessagesPage *self = LANCER_MESSAGES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      lancer_messages_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_messages_page_class_init (LancerMessagesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_messages_page_dispose;
  object_class->finalize = lancer_messages_page_finalize;
  object_class->get_property = lancer_messages_page_get_property;
  object_class->set_property = lancer_messages_page_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LANCER_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-messages-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, status_box);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, empty_status_box);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, room_list);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, thread_title);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, thread_stack);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, thread_scroller);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, story_view);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, compose_view);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, send_button);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, suggest_button);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, suggest_content);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, compose_hint);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, suggest_revealer);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, suggest_label);
  gtk_widget_class_bind_template_child (widget_class, LancerMessagesPage, suggest_setup_button);
  gtk_widget_class_bind_template_callback (widget_class, room_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, send_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, suggest_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, suggest_dismiss_cb);
  gtk_widget_class_bind_template_callback (widget_class, notice_fix_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lancer_messages_page_init (LancerMessagesPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys;
  GtkAdjustment *adj;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rooms = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->flush_cancellable = g_cancellable_new ();
  self->suggest_cancellable = g_cancellable_new ();

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (compose_key_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->compose_view), keys);

  self->status_bar = lancer_sync_status_bar_new (status_resources);
  gtk_widget_set_hexpand (self->status_bar, TRUE);
  gtk_box_append (self->status_box, self->status_bar);
  self->empty_status_bar = lancer_sync_status_bar_new (status_resources);
  gtk_widget_set_hexpand (self->empty_status_bar, TRUE);
  gtk_box_append (self->empty_status_box, self->empty_status_bar);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_story_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_story_cb), self);
  gtk_list_view_set_factory (self->story_view, factory);

  adj = gtk_scrolled_window_get_vadjustment (self->thread_scroller);
  g_signal_connect_object (adj, "changed", G_CALLBACK (adjustment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adj, "value-changed", G_CALLBACK (adjustment_value_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->compose_view), "changed",
                           G_CALLBACK (compose_changed_cb), self, G_CONNECT_SWAPPED);
  compose_changed_cb (self);
  update_compose_hint (self);

  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (folded_cb), self, G_CONNECT_SWAPPED);
  folded_cb (self);
  update_mode (self);
}
