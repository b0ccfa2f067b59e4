/* lancer-proposal-sheet.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-proposal-sheet"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-store-ai.h"
#include "lancer-proposal-editor.h"
#include "lancer-proposal-sheet.h"
#include "lancer-store-searches.h"
#include "lancer-upwork-submit.h"
#include "lancer-window.h"

typedef enum
{
  SEND_SUBMIT,    /* through the Upwork API */
  SEND_MARK,      /* the user sent it on Upwork; Lancer records it */
} SendKind;

typedef struct
{
  LancerSession  *session;
  LancerJob      *job;
  GtkWindow      *window;          /* owns the sheet */
  GtkWidget      *editor;
  GtkSpinButton  *rate;
  GtkLabel       *summary;
  GtkLabel       *status;
  GtkWidget      *submit;
  GtkWidget      *mark;
  gint64          opened_at;
  guint           cost_refresh_id;
  gboolean        cost_known;
  double          ai_cost;
  guint           n_ai_calls;
  gboolean        busy;            /* a question or a request is open */
  gboolean        submitted;       /* Upwork has it: never submitted twice */
  gboolean        recorded;        /* Lancer recorded it as sent */
} Sheet;

static void
sheet_free (Sheet *s)
{
  g_clear_handle_id (&s->cost_refresh_id, g_source_remove);
  g_clear_object (&s->session);
  g_clear_object (&s->job);
  g_free (s);
}

static Sheet *
sheet_of (GtkWindow *window)
{
  return g_object_get_data (G_OBJECT (window), "sheet");
}

/* The Connects the job costs, or -1 when Upwork did not say. */
static int
job_connects (Sheet *s)
{
  int connects = lancer_job_get_connects_required (s->job);

  return connects > 0 ? connects : -1;
}

static gboolean
has_text (const char *text)
{
  for (const char *p = text; p != NULL && *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* "Variant B · 6 Connects · AI cost of this draft: $0.0042": what sending costs. */
static char *
dup_summary (Sheet *s)
{
  LancerProposalEditor *editor = LANCER_PROPOSAL_EDITOR (s->editor);
  int connects = job_connects (s);
  g_autofree char *variant = NULL;
  g_autofree char *connects_text = NULL;
  g_autofree char *cost_text = NULL;

  if (lancer_proposal_editor_get_n_variants (editor) > 1)
    /* Translators: the variant to send, "Variant A" or "Variant B" */
    variant = g_strdup_printf (_("Variant %c"), 'A' + lancer_proposal_editor_get_chosen (editor));
  else
    variant = g_strdup (_("Draft"));

  if (connects > 0)
    connects_text = g_strdup_printf (ngettext ("%d Connect", "%d Connects", connects), connects);
  else
    connects_text = g_strdup (_("Connects unknown: Upwork did not list them for this job"));

  if (!s->cost_known)
    cost_text = g_strdup (_("AI cost: checking…"));
  else if (s->n_ai_calls == 0)
    cost_text = g_strdup (_("No AI cost for this draft"));
  else
    {
      g_autofree char *amount = g_strdup_printf (s->ai_cost < 0.01 ? "$%.4f" : "$%.2f", s->ai_cost);

      /* Translators: %s is an amount in US dollars, "$0.0042" */
      cost_text = g_strdup_printf (_("AI cost of this draft: %s"), amount);
    }
  return g_strjoin (" · ", variant, connects_text, cost_text, NULL);
}

/* Send only what can be sent, once. */
static void
update_sheet (Sheet *s)
{
  g_autofree char *text = lancer_proposal_editor_dup_chosen_text (LANCER_PROPOSAL_EDITOR (s->editor));
  g_autofree char *summary = NULL;
  const char *state = lancer_proposal_editor_get_state (LANCER_PROPOSAL_EDITOR (s->editor));
  /* Not while a draft is still being written or its sending asked about. */
  gboolean writing = g_strcmp0 (state, "streaming") == 0 || g_strcmp0 (state, "consent") == 0;
  gboolean ready = has_text (text) && !writing && !s->busy && !s->recorded;

  gtk_widget_set_sensitive (s->submit, ready && !s->submitted);
  gtk_widget_set_sensitive (s->mark, ready);
  if (!has_text (text))
    summary = g_strdup (_("Nothing to send yet: write a draft or generate one."));
  else
    summary = dup_summary (s);
  gtk_label_set_text (s->summary, summary);
}

static void
draft_cost_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWindow) window = user_data;
  Sheet *s = sheet_of (window);
  double cost = 0;
  guint n_calls = 0;

  if (!lancer_store_ai_draft_cost_finish (LANCER_STORE (source), result, &cost, &n_calls, NULL))
    return;   /* the summary keeps saying it is checking; nothing is made up */
  s->cost_known = TRUE;
  s->ai_cost = cost;
  s->n_ai_calls = n_calls;
  update_sheet (s);
}

static gboolean
refresh_cost_cb (gpointer user_data)
{
  Sheet *s = user_data;
  LancerStore *store = lancer_session_get_store (s->session);

  s->cost_refresh_id = 0;
  if (store != NULL)
    lancer_store_ai_draft_cost_async (store, lancer_job_get_id (s->job), NULL, draft_cost_cb,
                                      g_object_ref (s->window));
  return G_SOURCE_REMOVE;
}

/* The text changes per token while a draft streams: ask the store once a second at most. */
static void
draft_changed_cb (Sheet *s)
{
  update_sheet (s);
  if (s->cost_refresh_id == 0)
    s->cost_refresh_id = g_timeout_add_seconds (1, refresh_cost_cb, s);
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

/* What the sheet holds now: rate, Connects, the chosen variant and its text. */
static LancerSentProposal *
new_sent_proposal (Sheet *s)
{
  LancerProposalEditor *editor = LANCER_PROPOSAL_EDITOR (s->editor);
  LancerSentProposal *p = g_new0 (LancerSentProposal, 1);
  char letter[2] = { (char) ('A' + lancer_proposal_editor_get_chosen (editor)), '\0' };

  p->job_id = g_strdup (lancer_job_get_id (s->job));
  p->cover_letter = lancer_proposal_editor_dup_chosen_text (editor);
  p->rate = gtk_spin_button_get_value (s->rate);
  p->hourly = lancer_job_get_job_type (s->job) == LANCER_JOB_TYPE_HOURLY;
  p->connects = job_connects (s);
  p->variant = g_strdup (letter);
  p->writing_seconds = (g_get_monotonic_time () - s->opened_at) / G_USEC_PER_SEC;
  return p;
}

/* Sent and recorded: the sheet closes, and the main window says so with a
 * way to the proposal. Without a main window the sheet stays and says it. */
static void
finish_sent (Sheet    *s,
             SendKind  kind,
             gint64    proposal_id)
{
  GtkWindow *parent = gtk_window_get_transient_for (s->window);
  AdwToast *toast;

  s->recorded = TRUE;
  s->busy = FALSE;
  update_sheet (s);
  if (!LANCER_IS_WINDOW (parent))
    {
      gtk_label_set_text (s->status, kind == SEND_SUBMIT
                                       ? _("Submitted to Upwork and recorded. Lancer follows the outcome for your analytics and score.")
                                       : _("Recorded as sent. Lancer follows the outcome for your analytics and score."));
      return;
    }
  toast = adw_toast_new (kind == SEND_SUBMIT ? _("Submitted") : _("Recorded as sent"));
  adw_toast_set_button_label (toast, _("_View"));
  /* Long enough to reach View after the sheet closed under the pointer. */
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_action_name (toast, "win.open-proposal");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (proposal_id));
  lancer_window_add_toast (LANCER_WINDOW (parent), toast);
  gtk_window_destroy (s->window);
}

typedef struct
{
  GtkWindow *window;
  SendKind   kind;
} SendData;

static void
send_data_free (SendData *data)
{
  g_clear_object (&data->window);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SendData, send_data_free)

static void
send_data_closure_free (gpointer  data,
                        GClosure *closure)
{
  send_data_free (data);
}

static SendData *
send_data_new (Sheet    *s,
               SendKind  kind)
{
  SendData *data = g_new0 (SendData, 1);

  data->window = g_object_ref (s->window);
  data->kind = kind;
  return data;
}

static void
marked_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SendData) data = user_data;
  Sheet *s = sheet_of (data->window);
  g_autoptr(GError) error = NULL;
  gint64 id = lancer_proposal_mark_sent_finish (LANCER_STORE (source), result, &error);

  if (id <= 0)
    {
      g_autofree char *text = NULL;

      if (data->kind == SEND_SUBMIT)
        text = g_strdup_printf (_("Submitted to Upwork, but Lancer could not record it: %s Use Mark as Sent to record it."),
                                error != NULL ? error->message : _("unknown error"));
      else
        text = g_strdup_printf (_("Not recorded: %s"), error != NULL ? error->message : _("unknown error"));
      gtk_label_set_text (s->status, text);
      s->busy = FALSE;
      update_sheet (s);
      return;
    }
  finish_sent (s, data->kind, id);
}

/* ---- submitting through the API ---- */

typedef struct
{
  GtkWindow          *window;
  LancerSentProposal *proposal;
} Submission;

static void
submission_free (Submission *sub)
{
  g_clear_object (&sub->window);
  g_clear_pointer (&sub->proposal, lancer_sent_proposal_free);
  g_free (sub);
}

static void
submitted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Submission *sub = user_data;
  Sheet *s = sheet_of (sub->window);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = lancer_upwork_submit_proposal_finish (LANCER_UPWORK_CLIENT (source), result, &error);
  LancerStore *store = lancer_session_get_store (s->session);

  if (id == NULL)
    {
      /* Translators: %s explains why Upwork did not take the proposal */
      g_autofree char *text = g_strdup_printf (_("Not submitted: %s You can still send it on Upwork and use Mark as Sent."),
                                               error != NULL ? error->message : _("unknown error"));

      gtk_label_set_text (s->status, text);
      s->busy = FALSE;
      update_sheet (s);
      submission_free (sub);
      return;
    }
  s->submitted = TRUE;
  sub->proposal->upwork_id = g_steal_pointer (&id);
  if (store == NULL)
    {
      gtk_label_set_text (s->status, _("Submitted to Upwork, but Lancer could not record it. Use Mark as Sent to record it."));
      s->busy = FALSE;
      update_sheet (s);
    }
  else
    {
      gtk_label_set_text (s->status, _("Submitted to Upwork. Recording it…"));
      lancer_proposal_mark_sent_async (store, sub->proposal, NULL, marked_cb, send_data_new (s, SEND_SUBMIT));
    }
  submission_free (sub);
}

static void
start_submit (Sheet *s)
{
  LancerSync *sync = lancer_session_get_sync (s->session);
  LancerUpworkClient *client = sync != NULL ? lancer_sync_get_client (sync) : NULL;
  Submission *sub;

  if (client == NULL || !lancer_session_get_signed_in (s->session))
    {
      gtk_label_set_text (s->status, _("Not submitted: Lancer is not signed in to Upwork. "
                                       "Send it on Upwork and use Mark as Sent."));
      s->busy = FALSE;
      update_sheet (s);
      return;
    }
  sub = g_new0 (Submission, 1);
  sub->window = g_object_ref (s->window);
  sub->proposal = new_sent_proposal (s);
  gtk_label_set_text (s->status, _("Submitting to Upwork…"));
  lancer_upwork_submit_proposal_async (client, sub->proposal->job_id, sub->proposal->rate,
                                       sub->proposal->cover_letter, NULL, NULL, submitted_cb, sub);
}

static void
start_mark (Sheet *s)
{
  LancerStore *store = lancer_session_get_store (s->session);
  g_autoptr(LancerSentProposal) p = NULL;

  if (store == NULL)
    {
      s->busy = FALSE;
      update_sheet (s);
      return;
    }
  /* The user sent it on Upwork; Lancer records it. */
  p = new_sent_proposal (s);
  lancer_proposal_mark_sent_async (store, p, NULL, marked_cb, send_data_new (s, SEND_MARK));
}

static void
send_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  SendData         *data)
{
  Sheet *s = sheet_of (data->window);

  if (g_strcmp0 (response, "submit") == 0 || g_strcmp0 (response, "sent") == 0 ||
      g_strcmp0 (response, "send") == 0)
    {
      if (data->kind == SEND_SUBMIT)
        start_submit (s);
      else
        start_mark (s);
      return;
    }
  s->busy = FALSE;
  update_sheet (s);
}

/* The last question before money is spent: what is sent, for how much,
 * and, when this job already has a sent proposal, whether to send again. */
static void
ask_to_send (Sheet    *s,
             SendKind  kind,
             gint64    n_sent)
{
  GtkWidget *dialog;
  g_autofree char *summary = dup_summary (s);
  g_autofree char *sentence = NULL;
  g_autofree char *body = NULL;
  double rate = gtk_spin_button_get_value (s->rate);
  const char *heading;
  const char *go_id;
  const char *go_label;

  if (n_sent > 0)
    {
      heading = _("You already sent a proposal for this job");
      /* Translators: %.2f is the bid in US dollars */
      sentence = kind == SEND_SUBMIT
                   ? g_strdup_printf (_("Sending again submits a second proposal to Upwork with a bid of $%.2f "
                                        "and spends Connects again. This can’t be undone."), rate)
                   : g_strdup_printf (_("Recording it again counts a second proposal with a bid of $%.2f "
                                        "in your analytics."), rate);
      go_id = "send";
      go_label = _("Send _Again");
    }
  else if (kind == SEND_SUBMIT)
    {
      heading = _("Submit to Upwork?");
      /* Translators: %.2f is the bid in US dollars */
      sentence = g_strdup_printf (_("Lancer will submit this proposal to Upwork with a bid of $%.2f. "
                                    "This can’t be undone."), rate);
      go_id = "submit";
      go_label = _("_Submit");
    }
  else
    {
      heading = _("Mark as Sent?");
      /* Translators: %.2f is the bid in US dollars */
      sentence = g_strdup_printf (_("Record that you sent this proposal on Upwork with a bid of $%.2f. "
                                    "Lancer does not send it for you."), rate);
      go_id = "sent";
      go_label = _("_Mark as Sent");
    }
  body = g_strdup_printf ("%s\n\n%s", sentence, summary);
  dialog = adw_message_dialog_new (s->window, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), go_id, go_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), go_id,
                                              n_sent > 0 ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (send_response_cb), send_data_new (s, kind),
                         send_data_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  GtkWindow *window;
  SendKind   kind;
  gint64     n_sent;
} Preflight;

static void
preflight_free (Preflight *pre)
{
  g_clear_object (&pre->window);
  g_free (pre);
}

static void
preflight_cost_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Preflight *pre = user_data;
  Sheet *s = sheet_of (pre->window);
  double cost = 0;
  guint n_calls = 0;

  if (lancer_store_ai_draft_cost_finish (LANCER_STORE (source), result, &cost, &n_calls, NULL))
    {
      s->cost_known = TRUE;
      s->ai_cost = cost;
      s->n_ai_calls = n_calls;
    }
  update_sheet (s);
  ask_to_send (s, pre->kind, pre->n_sent);
  preflight_free (pre);
}

static void
preflight_count_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Preflight *pre = user_data;
  Sheet *s = sheet_of (pre->window);
  g_autoptr(GError) error = NULL;

  pre->n_sent = lancer_proposal_count_sent_finish (LANCER_STORE (source), result, &error);
  if (error != NULL)
    {
      /* Unsure whether it was sent before: better not to send at all. */
      g_autofree char *text = g_strdup_printf (_("Not sent: Lancer could not check whether you already "
                                                 "sent a proposal for this job (%s). Try again."),
                                               error->message);

      gtk_label_set_text (s->status, text);
      s->busy = FALSE;
      update_sheet (s);
      preflight_free (pre);
      return;
    }
  lancer_store_ai_draft_cost_async (LANCER_STORE (source), lancer_job_get_id (s->job), NULL,
                                    preflight_cost_cb, pre);
}

/* Submit and Mark as Sent: first what this job already has and what the draft cost. */
static void
send_clicked (Sheet    *s,
              SendKind  kind)
{
  LancerStore *store = lancer_session_get_store (s->session);
  g_autofree char *text = lancer_proposal_editor_dup_chosen_text (LANCER_PROPOSAL_EDITOR (s->editor));
  Preflight *pre;

  if (s->busy || s->recorded || !has_text (text) || store == NULL)
    return;
  s->busy = TRUE;
  update_sheet (s);
  gtk_label_set_text (s->status, "");
  pre = g_new0 (Preflight, 1);
  pre->window = g_object_ref (s->window);
  pre->kind = kind;
  lancer_proposal_count_sent_async (store, lancer_job_get_id (s->job), NULL, preflight_count_cb, pre);
}

static void
submit_cb (GtkButton *button,
           Sheet     *s)
{
  send_clicked (s, SEND_SUBMIT);
}

static void
mark_sent_cb (GtkButton *button,
              Sheet     *s)
{
  send_clicked (s, SEND_MARK);
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
  GtkWidget *open = gtk_button_new_with_mnemonic (_("_Open on Upwork"));
  GtkFlowBox *terms = GTK_FLOW_BOX (gtk_flow_box_new ());
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkFlowBox *buttons = GTK_FLOW_BOX (gtk_flow_box_new ());
  GtkWidget *mark = gtk_button_new_with_mnemonic (_("_Mark as Sent…"));
  GtkWidget *submit = gtk_button_new_with_mnemonic (_("S_ubmit to Upwork…"));
  GtkWidget *bid = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *summary = gtk_label_new (NULL);
  GtkWidget *status = gtk_label_new (NULL);
  double rate = lancer_job_get_job_type (job) == LANCER_JOB_TYPE_HOURLY ? lancer_job_get_hourly_max (job)
                                                                         : lancer_job_get_budget (job);

  s->session = g_object_ref (session);
  s->job = g_object_ref (job);
  s->window = GTK_WINDOW (window);
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

  /* The AI editor: streamed drafts, A/B variants side by side, autosave.
   * What is sent is always its chosen variant. */
  s->editor = lancer_proposal_editor_new (session, job);
  gtk_widget_set_vexpand (s->editor, TRUE);
  gtk_box_append (GTK_BOX (slot), s->editor);
  gtk_widget_set_vexpand (slot, TRUE);
  for (guint i = 0; i < 2; i++)
    g_signal_connect_swapped (lancer_proposal_editor_get_buffer (LANCER_PROPOSAL_EDITOR (s->editor), i), "changed",
                              G_CALLBACK (draft_changed_cb), s);
  g_signal_connect_swapped (s->editor, "notify::chosen", G_CALLBACK (update_sheet), s);
  g_signal_connect_swapped (s->editor, "notify::state", G_CALLBACK (update_sheet), s);

  g_signal_connect (open, "clicked", G_CALLBACK (open_cb), s);
  gtk_widget_set_halign (open, GTK_ALIGN_END);

  gtk_flow_box_set_selection_mode (terms, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (terms, 2);
  s->rate = labelled_spin (GTK_BOX (bid), lancer_job_get_job_type (job) == LANCER_JOB_TYPE_HOURLY ? _("Rate ($/h)") : _("Bid ($)"),
                           1000000, rate == rate ? rate : 0, 2);
  gtk_flow_box_append (terms, bid);
  gtk_flow_box_append (terms, open);
  gtk_widget_set_hexpand (GTK_WIDGET (terms), TRUE);

  /* Connects and the AI cost, stated before anything is sent. */
  s->summary = GTK_LABEL (summary);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_widget_add_css_class (summary, "dim-label");

  gtk_widget_add_css_class (mark, "suggested-action");
  gtk_widget_set_tooltip_text (mark, _("Record the rate, Connects and variant after you sent the proposal on Upwork"));
  g_signal_connect (mark, "clicked", G_CALLBACK (mark_sent_cb), s);
  s->mark = mark;
  /* Only with a signed-in key; Upwork refuses it without "Submit Proposal". */
  s->submit = submit;
  gtk_widget_set_tooltip_text (submit, _("Submit the proposal through the Upwork API after you confirm; "
                                         "needs the “Submit Proposal” permission on your API key"));
  g_object_bind_property (session, "signed-in", submit, "visible", G_BINDING_SYNC_CREATE);
  g_signal_connect (submit, "clicked", G_CALLBACK (submit_cb), s);
  /* The buttons wrap when narrow (360 px, longer words in Ukrainian). */
  gtk_flow_box_set_selection_mode (buttons, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (buttons, 2);
  gtk_flow_box_set_homogeneous (buttons, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (buttons), GTK_ALIGN_CENTER);
  gtk_flow_box_append (buttons, submit);
  gtk_flow_box_append (buttons, mark);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (terms));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (buttons));

  s->status = GTK_LABEL (status);
  gtk_label_set_wrap (GTK_LABEL (status), TRUE);
  gtk_label_set_xalign (GTK_LABEL (status), 0);

  gtk_box_append (GTK_BOX (body), slot);
  gtk_box_append (GTK_BOX (body), row);
  gtk_box_append (GTK_BOX (body), summary);
  gtk_box_append (GTK_BOX (body), status);
  gtk_widget_set_margin_top (body, 12);
  gtk_widget_set_margin_bottom (body, 12);
  gtk_widget_set_margin_start (body, 12);
  gtk_widget_set_margin_end (body, 12);
  gtk_widget_set_vexpand (body, TRUE);
  gtk_box_append (GTK_BOX (content), body);
  adw_window_set_content (ADW_WINDOW (window), content);
  g_object_set_data_full (G_OBJECT (window), "sheet", s, (GDestroyNotify) sheet_free);
  update_sheet (s);
  refresh_cost_cb (s);
  return GTK_WINDOW (window);
}
