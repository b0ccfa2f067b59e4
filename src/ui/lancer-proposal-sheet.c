/* lancer-proposal-sheet.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-proposal-sheet"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-proposal-editor.h"
#include "lancer-proposal-sheet.h"
#include "lancer-store-searches.h"
#include "lancer-upwork-submit.h"

typedef struct
{
  LancerSession  *session;
  LancerJob      *job;
  GtkWidget      *editor;
  GtkTextBuffer  *buffer;
  GtkLabel       *words;
  GtkSpinButton  *rate;
  GtkSpinButton  *connects;
  GtkEntry       *variant;
  GtkLabel       *status;
  GtkWidget      *submit;
  gint64          opened_at;
} Sheet;

static void
sheet_free (Sheet *s)
{
  g_clear_object (&s->session);
  g_clear_object (&s->job);
  g_free (s);
}

static void
count_words_cb (GtkTextBuffer *buffer,
                Sheet         *s)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  guint n = 0;
  gboolean in_word = FALSE;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gboolean space = g_unichar_isspace (g_utf8_get_char (p));

      if (!space && !in_word)
        n++;
      in_word = !space;
    }
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", n), n);
  gtk_label_set_text (s->words, label);
}

/* The text of the variant named in the Variant field (A, B, …). */
static char *
dup_text (Sheet *s)
{
  const char *variant = gtk_editable_get_text (GTK_EDITABLE (s->variant));
  GtkTextBuffer *buffer = s->buffer;
  GtkTextIter start, end;

  if (variant[0] >= 'B' && variant[0] <= 'D')
    {
      GtkTextBuffer *other = lancer_proposal_editor_get_buffer (LANCER_PROPOSAL_EDITOR (s->editor),
                                                                (guint) (variant[0] - 'A'));
      if (other != NULL)
        buffer = other;
    }
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
copy_cb (GtkButton *button,
         Sheet     *s)
{
  g_autofree char *text = dup_text (s);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
  gtk_label_set_text (s->status, _("Copied. Paste it into the proposal form on Upwork."));
}

static void
open_cb (GtkButton *button,
         Sheet     *s)
{
  g_autofree char *url = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  if (lancer_job_get_url (s->job) != NULL && *lancer_job_get_url (s->job))
    url = g_strdup (lancer_job_get_url (s->job));
  else
    url = g_strdup_printf ("https://www.upwork.com/jobs/%s",
                           lancer_job_get_ciphertext (s->job) ? lancer_job_get_ciphertext (s->job) : lancer_job_get_id (s->job));
  gtk_show_uri (GTK_WINDOW (root), url, GDK_CURRENT_TIME);
}

static void
marked_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GtkLabel *status = user_data;
  g_autoptr(GError) error = NULL;

  if (lancer_proposal_mark_sent_finish (LANCER_STORE (source), result, &error) == 0 && error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Not recorded: %s"), error->message);

      gtk_label_set_text (status, text);
    }
  else
    gtk_label_set_text (status, _("Recorded as sent. Lancer follows the outcome for your analytics and score."));
  g_object_unref (status);
}

/* What the sheet holds now: rate, Connects, variant and its text. */
static LancerSentProposal *
new_sent_proposal (Sheet *s)
{
  LancerSentProposal *p = g_new0 (LancerSentProposal, 1);

  p->job_id = g_strdup (lancer_job_get_id (s->job));
  p->cover_letter = dup_text (s);
  p->rate = gtk_spin_button_get_value (s->rate);
  p->hourly = lancer_job_get_job_type (s->job) == LANCER_JOB_TYPE_HOURLY;
  p->connects = gtk_spin_button_get_value_as_int (s->connects);
  p->variant = g_strdup (gtk_editable_get_text (GTK_EDITABLE (s->variant)));
  p->writing_seconds = (g_get_monotonic_time () - s->opened_at) / G_USEC_PER_SEC;
  return p;
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Sheet            *s)
{
  g_autoptr(LancerSentProposal) p = NULL;
  LancerStore *store = lancer_session_get_store (s->session);

  if (g_strcmp0 (response, "sent") != 0 || store == NULL)
    return;
  /* The user sent it on Upwork; Lancer records it. */
  p = new_sent_proposal (s);
  lancer_proposal_mark_sent_async (store, p, NULL, marked_cb, g_object_ref (s->status));
}

/* ---- submitting through the API ---- */

typedef struct
{
  LancerSession      *session;
  GtkLabel           *status;
  GtkWidget          *button;
  LancerSentProposal *proposal;
} Submission;

static void
submission_free (Submission *sub)
{
  g_clear_object (&sub->session);
  g_clear_object (&sub->status);
  g_clear_object (&sub->button);
  g_clear_pointer (&sub->proposal, lancer_sent_proposal_free);
  g_free (sub);
}

static void
submitted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Submission *sub = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = lancer_upwork_submit_proposal_finish (LANCER_UPWORK_CLIENT (source), result, &error);
  LancerStore *store = lancer_session_get_store (sub->session);

  gtk_widget_set_sensitive (sub->button, TRUE);
  if (id == NULL)
    {
      /* Translators: %s explains why Upwork did not take the proposal */
      g_autofree char *text = g_strdup_printf (_("Not submitted: %s You can still send it on Upwork and use Mark as Sent."),
                                               error != NULL ? error->message : _("unknown error"));

      gtk_label_set_text (sub->status, text);
      submission_free (sub);
      return;
    }
  sub->proposal->upwork_id = g_steal_pointer (&id);
  if (store == NULL)
    gtk_label_set_text (sub->status, _("Submitted to Upwork, but Lancer could not record it. Use Mark as Sent to record it."));
  else
    {
      gtk_label_set_text (sub->status, _("Submitted to Upwork. Recording it…"));
      lancer_proposal_mark_sent_async (store, sub->proposal, NULL, marked_cb, g_object_ref (sub->status));
    }
  submission_free (sub);
}

static void
submit_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Sheet            *s)
{
  LancerSync *sync = lancer_session_get_sync (s->session);
  LancerUpworkClient *client = sync != NULL ? lancer_sync_get_client (sync) : NULL;
  Submission *sub;

  if (g_strcmp0 (response, "submit") != 0)
    return;
  if (client == NULL || !lancer_session_get_signed_in (s->session))
    {
      gtk_label_set_text (s->status, _("Not submitted: Lancer is not signed in to Upwork. "
                                       "Send it on Upwork and use Mark as Sent."));
      return;
    }
  sub = g_new0 (Submission, 1);
  sub->session = g_object_ref (s->session);
  sub->status = g_object_ref (s->status);
  sub->button = g_object_ref (s->submit);
  sub->proposal = new_sent_proposal (s);
  gtk_widget_set_sensitive (s->submit, FALSE);
  gtk_label_set_text (s->status, _("Submitting to Upwork…"));
  lancer_upwork_submit_proposal_async (client, sub->proposal->job_id, sub->proposal->rate,
                                       sub->proposal->cover_letter, NULL, NULL, submitted_cb, sub);
}

static void
submit_cb (GtkButton *button,
           Sheet     *s)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;
  int connects;

  connects = gtk_spin_button_get_value_as_int (s->connects);
  /* Translators: %.2f is the amount in US dollars, %d the number of Connects */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Lancer will submit this proposal to Upwork for $%.2f, spending %d Connect. "
                                       "This can’t be undone.",
                                       "Lancer will submit this proposal to Upwork for $%.2f, spending %d Connects. "
                                       "This can’t be undone.",
                                       connects),
                          gtk_spin_button_get_value (s->rate), connects);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button))),
                                   _("Submit to Upwork?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "submit", _("_Submit"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "submit", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (submit_response_cb), s);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mark_sent_cb (GtkButton *button,
              Sheet     *s)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;
  int connects;

  connects = gtk_spin_button_get_value_as_int (s->connects);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Record that you sent this proposal on Upwork: %.2f at %d Connect. Lancer does not send it for you.",
                                       "Record that you sent this proposal on Upwork: %.2f at %d Connects. Lancer does not send it for you.",
                                       connects),
                          gtk_spin_button_get_value (s->rate), connects);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button))),
                                   _("Mark as Sent?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "sent", _("_Mark as Sent"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sent", ADW_RESPONSE_SUGGESTED);
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), s);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkSpinButton *
labelled_spin (GtkBox     *box,
               const char *label,
               double      max,
               double      value,
               guint       digits)
{
  GtkWidget *l = gtk_label_new (label);
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 1);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), spin);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_box_append (box, l);
  gtk_box_append (box, spin);
  return GTK_SPIN_BUTTON (spin);
}

GtkWindow *
lancer_proposal_sheet_new (GtkWindow     *parent,
                           LancerSession *session,
                           LancerJob     *job)
{
  Sheet *s = g_new0 (Sheet, 1);
  GtkWidget *window = adw_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_window_title_new (_("Write Proposal"), lancer_job_get_title (job));
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *slot = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *tools = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *copy = gtk_button_new_with_mnemonic (_("_Copy"));
  GtkWidget *open = gtk_button_new_with_mnemonic (_("_Open on Upwork"));
  GtkFlowBox *terms = GTK_FLOW_BOX (gtk_flow_box_new ());
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *mark = gtk_button_new_with_mnemonic (_("_Mark as Sent…"));
  GtkWidget *submit = gtk_button_new_with_mnemonic (_("S_ubmit to Upwork…"));
  GtkWidget *vl = gtk_label_new (_("Variant"));
  GtkWidget *words = gtk_label_new (NULL);
  GtkWidget *status = gtk_label_new (NULL);
  double rate = lancer_job_get_job_type (job) == LANCER_JOB_TYPE_HOURLY ? lancer_job_get_hourly_max (job)
                                                                         : lancer_job_get_budget (job);

  s->session = g_object_ref (session);
  s->job = g_object_ref (job);
  s->opened_at = g_get_monotonic_time ();
  gtk_window_set_title (GTK_WINDOW (window), _("Write Proposal"));
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 760);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), parent);
      /* "Open Preferences" in the editor's error bar is app.preferences */
      gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (parent));
    }
  gtk_window_set_modal (GTK_WINDOW (window), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (content), header);

  /* The AI editor: streamed drafts, A/B variants side by side, autosave. */
  s->editor = lancer_proposal_editor_new (session, job);
  s->buffer = lancer_proposal_editor_get_buffer (LANCER_PROPOSAL_EDITOR (s->editor), 0);
  gtk_widget_set_vexpand (s->editor, TRUE);
  gtk_box_append (GTK_BOX (slot), s->editor);
  gtk_widget_set_vexpand (slot, TRUE);

  s->words = GTK_LABEL (words);
  gtk_widget_set_hexpand (words, TRUE);
  gtk_label_set_xalign (GTK_LABEL (words), 0);
  gtk_widget_add_css_class (words, "dim-label");
  g_signal_connect (s->buffer, "changed", G_CALLBACK (count_words_cb), s);
  count_words_cb (s->buffer, s);
  g_signal_connect (copy, "clicked", G_CALLBACK (copy_cb), s);
  g_signal_connect (open, "clicked", G_CALLBACK (open_cb), s);
  /* The editor counts words and copies each variant itself. */
  gtk_widget_set_visible (words, FALSE);
  gtk_widget_set_visible (copy, FALSE);
  gtk_widget_set_halign (open, GTK_ALIGN_END);
  gtk_widget_set_hexpand (open, TRUE);
  gtk_box_append (GTK_BOX (tools), words);
  gtk_box_append (GTK_BOX (tools), copy);
  gtk_box_append (GTK_BOX (tools), open);

  gtk_flow_box_set_selection_mode (terms, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (terms, 3);
  {
    GtkWidget *b1 = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *b2 = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *b3 = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

    s->rate = labelled_spin (GTK_BOX (b1), lancer_job_get_job_type (job) == LANCER_JOB_TYPE_HOURLY ? _("Rate ($/h)") : _("Bid ($)"),
                             1000000, rate == rate ? rate : 0, 2);
    s->connects = labelled_spin (GTK_BOX (b2), _("Connects"), 100,
                                 MAX (lancer_job_get_connects_required (job), 0), 0);
    s->variant = GTK_ENTRY (gtk_entry_new ());
    gtk_editable_set_text (GTK_EDITABLE (s->variant), "A");
    gtk_editable_set_width_chars (GTK_EDITABLE (s->variant), 6);
    gtk_label_set_mnemonic_widget (GTK_LABEL (vl), GTK_WIDGET (s->variant));
    gtk_accessible_update_property (GTK_ACCESSIBLE (s->variant), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Variant"), -1);
    gtk_box_append (GTK_BOX (b3), vl);
    gtk_box_append (GTK_BOX (b3), GTK_WIDGET (s->variant));
    gtk_flow_box_append (terms, b1);
    gtk_flow_box_append (terms, b2);
    gtk_flow_box_append (terms, b3);
  }
  gtk_widget_add_css_class (mark, "suggested-action");
  gtk_widget_set_tooltip_text (mark, _("Record the rate, Connects and variant after you sent the proposal on Upwork"));
  g_signal_connect (mark, "clicked", G_CALLBACK (mark_sent_cb), s);
  gtk_widget_set_hexpand (GTK_WIDGET (terms), TRUE);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (terms));
  /* Only with a signed-in key; Upwork refuses it without "Submit Proposal". */
  s->submit = submit;
  gtk_widget_set_tooltip_text (submit, _("Submit the proposal through the Upwork API after you confirm; "
                                         "needs the “Submit Proposal” permission on your API key"));
  g_object_bind_property (session, "signed-in", submit, "visible", G_BINDING_SYNC_CREATE);
  g_signal_connect (submit, "clicked", G_CALLBACK (submit_cb), s);
  gtk_widget_set_valign (submit, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (row), submit);
  gtk_box_append (GTK_BOX (row), mark);
  gtk_widget_set_valign (mark, GTK_ALIGN_CENTER);

  s->status = GTK_LABEL (status);
  gtk_label_set_wrap (GTK_LABEL (status), TRUE);
  gtk_label_set_xalign (GTK_LABEL (status), 0);

  gtk_box_append (GTK_BOX (body), slot);
  gtk_box_append (GTK_BOX (body), tools);
  gtk_box_append (GTK_BOX (body), row);
  gtk_box_append (GTK_BOX (body), status);
  gtk_widget_set_margin_top (body, 12);
  gtk_widget_set_margin_bottom (body, 12);
  gtk_widget_set_margin_start (body, 12);
  gtk_widget_set_margin_end (body, 12);
  gtk_widget_set_vexpand (body, TRUE);
  gtk_box_append (GTK_BOX (content), body);
  adw_window_set_content (ADW_WINDOW (window), content);
  g_object_set_data_full (G_OBJECT (window), "sheet", s, (GDestroyNotify) sheet_free);
  return GTK_WINDOW (window);
}
