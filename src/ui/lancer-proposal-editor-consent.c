/* lancer-proposal-editor-consent.c: before the first call to a cloud
 * provider, the editor shows what would be sent and asks once.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-proposal-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-proposal-editor-private.h"

static void
consent_response_cb (AdwMessageDialog     *dialog,
                     const char           *response,
                     LancerProposalEditor *self)
{
  if (g_str_equal (response, "send"))
    {
      lancer_ai_service_grant_consent (self->service);
      _lancer_proposal_editor_start_writing (self);
    }
  else
    _lancer_proposal_editor_set_state (self, "idle");
}

void
_lancer_proposal_editor_ask_consent (LancerProposalEditor *self)
{
  LancerProposalOptions options;
  g_autofree char *preview = NULL;
  g_autofree char *model = lancer_ai_service_dup_model (self->service);
  const char *provider = lancer_ai_service_get_provider_name (lancer_ai_service_get_provider_id (self->service));
  GtkWidget *dialog;
  GtkWidget *scrolled;
  GtkWidget *view;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  lancer_ai_service_init_options (self->service, &options, self->n_variants);
  preview = lancer_ai_service_dup_preview (self->service, self->job, &options);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Send This to the AI Provider?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("To write the draft, Lancer sends the text below to %s (model %s). "
                                    "E-mail addresses and phone numbers are removed. You can edit the "
                                    "templates in Preferences → AI. This is asked once."),
                                  provider, model);
  view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), preview, -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_add_css_class (scrolled, "card");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "send", _("_Send"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "send");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, -1);
  g_signal_connect_object (dialog, "response", G_CALLBACK (consent_response_cb), self, 0);
  _lancer_proposal_editor_set_state (self, "consent");
  gtk_window_present (GTK_WINDOW (dialog));
}

