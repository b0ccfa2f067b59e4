/* lancer-message-composer.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-message-composer"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lancer-ai-error.h"
#include "lancer-ai-error-ui.h"
#include "lancer-ai-service.h"
#include "lancer-message-composer.h"
#include "lancer-outbox-sender.h"
#include "lancer-prompts.h"
#include "lancer-store-messages.h"

/* How much of the thread a suggested reply sees. */
#define SUGGEST_CONTEXT 12

/* What the notice's button does. */
typedef enum
{
  NOTICE_NONE,
  NOTICE_AI_FIX,        /* notice_ai_fix says which */
  NOTICE_CONSENT,
} NoticeAction;

struct _LancerMessageComposer
{
  GtkWidget          parent_instance;

  LancerSession     *session;
  char              *room_id;
  char              *title;
  GListModel        *thread;
  GCancellable      *cancellable;       /* sending and flushing */

  LancerAiService   *ai;
  GCancellable      *suggest_cancellable;
  gboolean           suggesting;
  NoticeAction       notice_action;
  LancerAiFix        notice_ai_fix;

  GtkRevealer       *notice_revealer;
  GtkLabel          *notice_label;
  GtkWidget         *notice_button;
  GtkTextView       *compose_view;
  GtkWidget         *compose_hint;
  GtkWidget         *suggest_button;
  AdwButtonContent  *suggest_content;
  GtkWidget         *send_button;
};

enum {
  SENT,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LancerMessageComposer, lancer_message_composer, GTK_TYPE_WIDGET)

/* Callbacks of work that ran past dispose find no widgets left. */
static gboolean
is_disposed (LancerMessageComposer *self)
{
  return self->compose_view == NULL;
}

static LancerStore *
get_store (LancerMessageComposer *self)
{
  if (self->session == NULL || lancer_session_get_state (self->session) != LANCER_SESSION_READY)
    return NULL;
  return lancer_session_get_store (self->session);
}

static LancerSync *
get_sync (LancerMessageComposer *self)
{
  return self->session != NULL ? lancer_session_get_sync (self->session) : NULL;
}

/* ---- notices ---- */

static void
show_notice (LancerMessageComposer *self,
             const char            *text,
             NoticeAction           action,
             const char            *button_label)
{
  self->notice_action = action;
  gtk_label_set_label (self->notice_label, text);
  if (button_label != NULL)
    gtk_button_set_label (GTK_BUTTON (self->notice_button), button_label);
  gtk_widget_set_visible (self->notice_button, action != NOTICE_NONE);
  gtk_revealer_set_reveal_child (self->notice_revealer, TRUE);
}

static void
hide_notice (LancerMessageComposer *self)
{
  self->notice_action = NOTICE_NONE;
  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
}

static void
show_ai_error (LancerMessageComposer *self,
               const GError          *error)
{
  self->notice_ai_fix = lancer_ai_error_ui_get_fix (error);
  show_notice (self, error->message, NOTICE_AI_FIX, lancer_ai_error_ui_fix_label (self->notice_ai_fix));
}

static void
update_hint (LancerMessageComposer *self)
{
  gtk_widget_set_visible (self->compose_hint, self->session != NULL && get_sync (self) == NULL);
}

/* ---- sending ---- */

static void
flushed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LancerMessageComposer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (lancer_outbox_sender_flush_finish (result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || is_disposed (self))
    return;
  /* A message Upwork refused is marked on its row, with Retry; this is
   * the outbox as a whole (offline, signed out, …). */
  /* Translators: %s says why, already translated. */
  text = g_strdup_printf (_("Messages could not be sent: %s. They stay in the outbox; use Retry on a message to try again."),
                          error->message);
  show_notice (self, text, NOTICE_NONE, NULL);
}

void
lancer_message_composer_flush (LancerMessageComposer *self)
{
  LancerStore *store;
  LancerSync *sync;

  g_return_if_fail (LANCER_IS_MESSAGE_COMPOSER (self));

  update_hint (self);
  store = get_store (self);
  sync = get_sync (self);
  if (store != NULL && sync != NULL)
    lancer_outbox_sender_flush_async (sync, store, self->cancellable, flushed_cb, g_object_ref (self));
}

static void
enqueued_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LancerMessageComposer) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = lancer_store_outbox_enqueue_finish (LANCER_STORE (object), result, &error);

  if (is_disposed (self))
    return;
  if (id == 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Nothing was queued: the text stays in the box. */
      show_notice (self, error->message, NOTICE_NONE, NULL);
      return;
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->compose_view), "", -1);
  g_signal_emit (self, signals [SENT], 0);
  lancer_message_composer_flush (self);
}

static void
send_clicked_cb (LancerMessageComposer *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->compose_view);
  LancerStore *store = get_store (self);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->suggesting)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  if (*text == '\0' || self->room_id == NULL || store == NULL)
    return;
  lancer_store_outbox_enqueue_async (store, self->room_id, text, self->cancellable, enqueued_cb,
                                     g_object_ref (self));
}

void
lancer_message_composer_send (LancerMessageComposer *self,
                              const char            *text)
{
  g_return_if_fail (LANCER_IS_MESSAGE_COMPOSER (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->compose_view), text, -1);
  send_clicked_cb (self);
}

static void
compose_changed_cb (LancerMessageComposer *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->compose_view);

  gtk_widget_set_sensitive (self->send_button, !self->suggesting && gtk_text_buffer_get_char_count (buffer) > 0);
}

static gboolean
compose_key_cb (LancerMessageComposer *self,
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

static void start_suggest (LancerMessageComposer *self);

static void
set_suggesting (LancerMessageComposer *self,
                gboolean               suggesting)
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

/* The last loaded messages of the conversation, oldest first, with contact
 * details scrubbed: all a reply needs. */
static char *
dup_conversation (LancerMessageComposer *self)
{
  guint n = self->thread != NULL ? g_list_model_get_n_items (self->thread) : 0;
  g_autoptr(GString) text = g_string_new (NULL);
  guint first = n;

  while (first > 0 && n - first < SUGGEST_CONTEXT)
    {
      g_autoptr(LancerStory) story = g_list_model_get_item (self->thread, first - 1);

      if (!lancer_story_get_loaded (story))
        break;
      first--;
    }
  for (guint i = first; i < n; i++)
    {
      g_autoptr(LancerStory) story = g_list_model_get_item (self->thread, i);
      const char *body = lancer_story_get_body (story);
      g_autofree char *scrubbed = body != NULL ? lancer_prompts_scrub_pii (body) : NULL;
      const char *sender = lancer_story_get_sender (story);

      if (lancer_story_get_from_user (story))
        sender = "Me";
      g_string_append_printf (text, "%s: %s\n", sender != NULL ? sender : "Client",
                              scrubbed != NULL ? scrubbed : "[attachment]");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The reply prompt: the user's own templates filled in with the writer
 * profile, the conversation, the job's title and the chosen tone. */
static LancerAiRequest *
new_reply_request (LancerMessageComposer *self)
{
  g_autoptr(LancerAiProfile) profile = lancer_ai_service_dup_writer_profile (self->ai);
  g_autoptr(GHashTable) vars = lancer_prompts_vars_new (NULL, profile);
  g_autofree char *system_template = lancer_prompts_dup_template (LANCER_PROMPT_REPLY, LANCER_PROMPT_PART_SYSTEM, NULL);
  g_autofree char *user_template = lancer_prompts_dup_template (LANCER_PROMPT_REPLY, LANCER_PROMPT_PART_USER, NULL);
  g_autofree char *model = lancer_ai_service_dup_model (self->ai);
  g_autofree char *system = NULL;
  g_autofree char *user = NULL;
  LancerAiRequest *request;

  g_hash_table_replace (vars, g_strdup ("conversation"), dup_conversation (self));
  g_hash_table_replace (vars, g_strdup ("job_title"), g_strdup (self->title != NULL ? self->title : ""));
  g_hash_table_replace (vars, g_strdup ("tone"),
                        g_settings_get_string (lancer_session_get_settings (self->session), "ai-proposal-tone"));
  system = lancer_prompts_render (system_template, vars);
  user = lancer_prompts_render (user_template, vars);

  request = lancer_ai_request_new (model, "reply");
  lancer_ai_request_set_system (request, system);
  lancer_ai_request_add_message (request, "user", user);
  request->max_tokens = 600;
  return request;
}

static void
suggest_delta_cb (const char *delta,
                  gsize       len,
                  gpointer    user_data)
{
  LancerMessageComposer *self = user_data;
  GtkTextBuffer *buffer;
  GtkTextIter end;

  if (is_disposed (self))
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
  g_autoptr(LancerMessageComposer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerAiResult) answer = NULL;

  answer = lancer_ai_provider_stream_chat_finish (LANCER_AI_PROVIDER (object), result, &error);
  if (is_disposed (self))
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
  g_autoptr(LancerMessageComposer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LancerAiProvider) provider = NULL;
  g_autoptr(LancerAiRequest) request = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter end;

  provider = lancer_ai_service_get_provider_finish (LANCER_AI_SERVICE (object), result, &error);
  if (is_disposed (self))
    return;
  if (provider == NULL || self->session == NULL)
    {
      set_suggesting (self, FALSE);
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_ai_error (self, error);
      return;
    }
  request = new_reply_request (self);

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
  g_autoptr(LancerMessageComposer) self = user_data;
  g_autoptr(GError) error = NULL;
  LancerAiBudgetState state;
  double spend = 0;

  if (is_disposed (self))
    return;
  if (!lancer_ai_service_check_budget_finish (LANCER_AI_SERVICE (object), result, &state, &spend, &error))
    {
      set_suggesting (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_ai_error (self, error);
      return;
    }
  if (g_cancellable_is_cancelled (self->suggest_cancellable))
    return;
  lancer_ai_service_get_provider_async (self->ai, self->suggest_cancellable, provider_cb, g_object_ref (self));
}

static void
start_suggest (LancerMessageComposer *self)
{
  if (self->session == NULL || self->room_id == NULL || self->suggesting)
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
suggest_clicked_cb (LancerMessageComposer *self)
{
  if (self->suggesting)
    {
      /* Stop: what arrived stays in the box. */
      g_cancellable_cancel (self->suggest_cancellable);
      return;
    }
  start_suggest (self);
}

static void
notice_fix_cb (LancerMessageComposer *self)
{
  NoticeAction action = self->notice_action;

  hide_notice (self);
  if (action == NOTICE_CONSENT && self->ai != NULL)
    {
      lancer_ai_service_grant_consent (self->ai);
      start_suggest (self);
    }
  else if (action == NOTICE_AI_FIX && self->session != NULL &&
           lancer_ai_error_ui_apply_fix (GTK_WIDGET (self), self->notice_ai_fix,
                                         lancer_session_get_settings (self->session)))
    start_suggest (self);
}

static void
notice_dismiss_cb (LancerMessageComposer *self)
{
  hide_notice (self);
}

/* ---- public ---- */

void
lancer_message_composer_set_session (LancerMessageComposer *self,
                                     LancerSession         *session)
{
  g_return_if_fail (LANCER_IS_MESSAGE_COMPOSER (self));

  if (self->session == session)
    return;
  /* What the previous profile started ends here. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_cancellable_cancel (self->suggest_cancellable);
  g_clear_object (&self->ai);
  g_set_object (&self->session, session);
  lancer_message_composer_set_conversation (self, NULL, NULL, NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->compose_view), "", -1);
  update_hint (self);
}

void
lancer_message_composer_set_conversation (LancerMessageComposer *self,
                                          const char            *room_id,
                                          const char            *title,
                                          GListModel            *thread)
{
  g_return_if_fail (LANCER_IS_MESSAGE_COMPOSER (self));

  if (g_strcmp0 (room_id, self->room_id) != 0)
    {
      g_cancellable_cancel (self->suggest_cancellable);
      hide_notice (self);
    }
  g_free (self->room_id);
  self->room_id = g_strdup (room_id);
  g_free (self->title);
  self->title = g_strdup (title);
  g_set_object (&self->thread, thread);
}

/* ---- GObject ---- */

static void
lancer_message_composer_dispose (GObject *object)
{
  LancerMessageComposer *self = LANCER_MESSAGE_COMPOSER (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->suggest_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->suggest_cancellable);
  g_clear_object (&self->thread);
  g_clear_object (&self->ai);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_MESSAGE_COMPOSER);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lancer_message_composer_parent_class)->dispose (object);
}

static void
lancer_message_composer_finalize (GObject *object)
{
  LancerMessageComposer *self = LANCER_MESSAGE_COMPOSER (object);

  g_free (self->room_id);
  g_free (self->title);

  G_OBJECT_CLASS (lancer_message_composer_parent_class)->finalize (object);
}

/* Focusing the composer (opening a conversation) puts the cursor where
 * the reply is typed. */
static gboolean
lancer_message_composer_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (LANCER_MESSAGE_COMPOSER (widget)->compose_view));
}

static void
lancer_message_composer_class_init (LancerMessageComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_message_composer_dispose;
  object_class->finalize = lancer_message_composer_finalize;
  widget_class->grab_focus = lancer_message_composer_grab_focus;

  signals [SENT] = g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-message-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerMessageComposer, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, LancerMessageComposer, notice_label);
  gtk_widget_class_bind_template_child (widget_class, LancerMessageComposer, notice_button);
  gtk_widget_class_bind_template_child (widget_class, LancerMessageComposer, compose_view);
  gtk_widget_class_bind_template_child (widget_class, LancerMessageComposer, compose_hint);
  gtk_widget_class_bind_template_child (widget_class, LancerMessageComposer, suggest_button);
  gtk_widget_class_bind_template_child (widget_class, LancerMessageComposer, suggest_content);
  gtk_widget_class_bind_template_child (widget_class, LancerMessageComposer, send_button);
  gtk_widget_class_bind_template_callback (widget_class, send_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, suggest_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, notice_fix_cb);
  gtk_widget_class_bind_template_callback (widget_class, notice_dismiss_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lancer_message_composer_init (LancerMessageComposer *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->suggest_cancellable = g_cancellable_new ();

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (compose_key_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->compose_view), keys);
  g_signal_connect_object (gtk_text_view_get_buffer (self->compose_view), "changed",
                           G_CALLBACK (compose_changed_cb), self, G_CONNECT_SWAPPED);
  compose_changed_cb (self);
}
