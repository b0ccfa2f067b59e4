/* lancer-message-row.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-message-row"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-format.h"
#include "lancer-message-row.h"
#include "lancer-spoken-label-private.h"

struct _LancerMessageRow
{
  GtkWidget    parent_instance;

  LancerStory *story;
  GtkWidget   *bubble;
  char        *spoken;   /* the accessible label last set */
};

enum {
  PROP_0,
  PROP_STORY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerMessageRow, lancer_message_row, GTK_TYPE_WIDGET)

static GtkAlign
bubble_halign_cb (gpointer  unused,
                  gboolean  from_user)
{
  return from_user ? GTK_ALIGN_END : GTK_ALIGN_START;
}

static GStrv
bubble_css_classes_cb (gpointer  unused,
                       gboolean  from_user,
                       gboolean  loaded)
{
  const char *classes[] = { "message-bubble", !loaded ? "loading" : from_user ? "from-user" : "from-client", NULL };

  return g_strdupv ((char **) classes);
}

static char *
sender_text_cb (gpointer     unused,
                LancerStory *story,
                gboolean     from_user)
{
  const char *sender;

  if (story == NULL || !lancer_story_get_loaded (story))
    return g_strdup ("");
  if (from_user)
    return g_strdup (_("You"));
  sender = lancer_story_get_sender (story);
  return g_strdup (sender != NULL ? sender : _("Unknown sender"));
}

static char *
body_text_cb (gpointer     unused,
              LancerStory *story)
{
  if (story == NULL || !lancer_story_get_loaded (story))
    return g_strdup (_("Loading…"));
  if (lancer_story_get_body (story) == NULL)
    return g_strdup (_("Attachment only: open this conversation on Upwork to see it"));
  return g_strdup (lancer_story_get_body (story));
}

/* A message without text is an attachment Upwork does not hand out. */
static GStrv
body_css_classes_cb (gpointer     unused,
                     LancerStory *story)
{
  gboolean attachment = story != NULL && lancer_story_get_loaded (story) && lancer_story_get_body (story) == NULL;
  const char *classes[] = { attachment ? "attachment" : NULL, NULL };

  return g_strdupv ((char **) classes);
}

static char *
time_text_cb (gpointer unused,
              gint64   created_at)
{
  if (created_at <= 0)
    return g_strdup ("");
  return lancer_format_relative_time (created_at, g_get_real_time () / G_USEC_PER_SEC);
}

static char *
state_text_cb (gpointer     unused,
               LancerStory *story)
{
  const char *state = story != NULL ? lancer_story_get_state (story) : NULL;
  const char *reason;

  if (story == NULL || lancer_story_get_outbox_id (story) == 0)
    return g_strdup ("");
  /* failed: retried by the next sync; rejected: refused for good, kept
   * with Upwork's reason until the user retries it */
  if (lancer_story_get_failed (story))
    {
      reason = lancer_story_get_last_error (story);
      if (reason != NULL && *reason != '\0')
        /* Translators: %s is why Upwork refused the message. */
        return g_strdup_printf (_("Not sent: %s"), reason);
      return g_strdup (_("Not sent"));
    }
  if (g_strcmp0 (state, "sending") == 0)
    return g_strdup (_("Sending…"));
  return g_strdup (_("Waiting to send"));
}

static GStrv
state_css_classes_cb (gpointer unused,
                      gboolean failed)
{
  const char *classes[] = { "caption", failed ? "error" : NULL, NULL };

  return g_strdupv ((char **) classes);
}

static gboolean
has_outbox_id_cb (gpointer unused,
                  gint64   outbox_id)
{
  return outbox_id != 0;
}

static void
retry_clicked_cb (LancerMessageRow *self)
{
  if (self->story != NULL && lancer_story_get_failed (self->story))
    gtk_widget_activate_action (GTK_WIDGET (self), "messages.retry", "x",
                                lancer_story_get_outbox_id (self->story));
}

/* One sentence for a screen reader ("Priya Nair: Thanks! 2 hours ago"):
 * GTK 4.8 does not name a row from the labels inside it. */
static void
update_accessible_label (LancerMessageRow *self)
{
  LancerStory *story = self->story;
  g_autofree char *sender = NULL;
  g_autofree char *body = NULL;
  g_autofree char *when = NULL;
  g_autofree char *state = NULL;
  g_autofree char *label = NULL;

  if (story == NULL || !lancer_story_get_loaded (story))
    {
      _lancer_row_set_spoken (GTK_WIDGET (self), &self->spoken, _("Loading…"));
      return;
    }
  sender = sender_text_cb (NULL, story, lancer_story_get_from_user (story));
  body = body_text_cb (NULL, story);
  when = time_text_cb (NULL, lancer_story_get_created_at (story));
  state = state_text_cb (NULL, story);
  label = g_strdup_printf ("%s: %s %s%s%s", sender, body, when, *state != '\0' ? ". " : "", state);
  _lancer_row_set_spoken (GTK_WIDGET (self), &self->spoken, label);
}

LancerStory *
lancer_message_row_get_story (LancerMessageRow *self)
{
  g_return_val_if_fail (LANCER_IS_MESSAGE_ROW (self), NULL);
  return self->story;
}

void
lancer_message_row_set_story (LancerMessageRow *self,
                              LancerStory      *story)
{
  g_return_if_fail (LANCER_IS_MESSAGE_ROW (self));

  if (self->story == story)
    return;
  if (self->story != NULL)
    g_signal_handlers_disconnect_by_func (self->story, update_accessible_label, self);
  g_set_object (&self->story, story);
  /* A row's message is often a placeholder that loads a moment later, and
   * an outgoing one changes state as it is sent. */
  if (story != NULL)
    g_signal_connect_object (story, "notify", G_CALLBACK (update_accessible_label), self, G_CONNECT_SWAPPED);
  update_accessible_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORY]);
}

GtkWidget *
lancer_message_row_get_bubble (LancerMessageRow *self)
{
  g_return_val_if_fail (LANCER_IS_MESSAGE_ROW (self), NULL);
  return self->bubble;
}

static void
lancer_message_row_dispose (GObject *object)
{
  LancerMessageRow *self = LANCER_MESSAGE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_MESSAGE_ROW);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->story);
  g_clear_pointer (&self->spoken, g_free);

  G_OBJECT_CLASS (lancer_message_row_parent_class)->dispose (object);
}

static void
lancer_message_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LancerMessageRow *self = LANCER_MESSAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_STORY:
      g_value_set_object (value, self->story);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_message_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LancerMessageRow *self = LANCER_MESSAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_STORY:
      lancer_message_row_set_story (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_message_row_class_init (LancerMessageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_message_row_dispose;
  object_class->get_property = lancer_message_row_get_property;
  object_class->set_property = lancer_message_row_set_property;

  properties [PROP_STORY] =
    g_param_spec_object ("story", NULL, NULL, LANCER_TYPE_STORY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-message-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerMessageRow, bubble);
  gtk_widget_class_bind_template_callback (widget_class, bubble_halign_cb);
  gtk_widget_class_bind_template_callback (widget_class, bubble_css_classes_cb);
  gtk_widget_class_bind_template_callback (widget_class, sender_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, body_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, body_css_classes_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, state_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, state_css_classes_cb);
  gtk_widget_class_bind_template_callback (widget_class, has_outbox_id_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "messagerow");
}

static void
lancer_message_row_init (LancerMessageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
