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

struct _LancerProposalSheet
{
  AdwWindow       parent_instance;

  LancerSession  *session;
  LancerJob      *job;
  GtkWidget      *editor;
  gint64          opened_at;
  guint           cost_refresh_id;
  gboolean        cost_known;
  double          ai_cost;
  guint           n_ai_calls;
  gboolean        busy;            /* a question or a request is open */
  gboolean        submitted;       /* Upwork has it: never submitted twice */
  gboolean        recorded;        /* Lancer recorded it as sent */

  AdwWindowTitle *window_title;
  AdwBin         *editor_slot;
  GtkSpinButton  *rate;
  GtkLabel       *rate_label;
  GtkLabel       *summary;
  GtkLabel       *status;
  GtkWidget      *submit;
  GtkWidget      *mark;
};

G_DEFINE_FINAL_TYPE (LancerProposalSheet, lancer_proposal_sheet, ADW_TYPE_WINDOW)

/* The Connects the job costs, or -1 when Upwork did not say. */
static int
job_connects (LancerProposalSheet *s)
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
dup_summary (LancerProposalSheet *s)
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
update_sheet (LancerProposalSheet *s)
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

/* Shows the draft's AI cost from the store's answer. Unread, the summary
 * keeps saying it is checking: nothing is made up. */
static void
show_draft_cost (LancerProposalSheet *s,
                 GObject             *source,
                 GAsyncResult        *result)
{
  double cost = 0;
  guint n_calls = 0;

  if (lancer_store_ai_draft_cost_finish (LANCER_STORE (source), result, &cost, &n_calls, NULL))
    {
      s->cost_known = TRUE;
      s->ai_cost = cost;
      s->n_ai_calls = n_calls;
    }
  update_sheet (s);
}

static void
draft_cost_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWindow) window = user_data;

  show_draft_cost (LANCER_PROPOSAL_SHEET (window), source, result);
}

static gboolean
refresh_cost_cb (gpointer user_data)
{
  LancerProposalSheet *s = user_data;
  LancerStore *store = lancer_session_get_store (s->session);

  s->cost_refresh_id = 0;
  if (store != NULL)
    lancer_store_ai_draft_cost_async (store, lancer_job_get_id (s->job), NULL, draft_cost_cb,
                                      g_object_ref (GTK_WINDOW (s)));
  return G_SOURCE_REMOVE;
}

/* The text changes per token while a draft streams: ask the store once a second at most. */
static void
draft_changed_cb (LancerProposalSheet *s)
{
  update_sheet (s);
  if (s->cost_refresh_id == 0)
    s->cost_refresh_id = g_timeout_add_seconds (1, refresh_cost_cb, s);
}

static void
ai_calls_changed_cb (LancerProposalSheet *s)
{
  if (s->cost_refresh_id == 0)
    s->cost_refresh_id = g_timeout_add (200, refresh_cost_cb, s);
}

static void
open_cb (LancerProposalSheet *s)
{
  g_autofree char *url = NULL;

  if (lancer_job_get_url (s->job) != NULL && *lancer_job_get_url (s->job))
    url = g_strdup (lancer_job_get_url (s->job));
  else
    url = g_strdup_printf ("https://www.upwork.com/jobs/%s",
                           lancer_job_get_ciphertext (s->job) ? lancer_job_get_ciphertext (s->job) : lancer_job_get_id (s->job));
  gtk_show_uri (GTK_WINDOW (s), url, GDK_CURRENT_TIME);
}

/* What the sheet holds now: rate, Connects, the chosen variant and its text. */
static LancerSentProposal *
new_sent_proposal (LancerProposalSheet *s)
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
finish_sent (LancerProposalSheet    *s,
             SendKind  kind,
             gint64    proposal_id)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (s));
  AdwToast *toast;

  s->recorded = TRUE;
  s->busy = FALSE;
  update_sheet (s);
  {
    g_autofree char *detail = g_strdup_printf ("%" G_GINT64_FORMAT, proposal_id);

    /* The id only: the letter is the user's, not the log's. */
    lancer_audit_record (lancer_session_get_audit_log (s->session), LANCER_AUDIT_PROPOSAL,
                         kind == SEND_SUBMIT ? "submitted" : "recorded", detail);
  }
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
  gtk_window_destroy (GTK_WINDOW (s));
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
send_data_new (LancerProposalSheet    *s,
               SendKind  kind)
{
  SendData *data = g_new0 (SendData, 1);

  data->window = g_object_ref (GTK_WINDOW (s));
  data->kind = kind;
  return data;
}

static void
marked_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SendData) data = user_data;
  LancerProposalSheet *s = LANCER_PROPOSAL_SHEET (data->window);
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Submission, submission_free)

static void
submitted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Submission) sub = user_data;
  LancerProposalSheet *s = LANCER_PROPOSAL_SHEET (sub->window);
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
}

static void
start_submit (LancerProposalSheet *s)
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
  sub->window = g_object_ref (GTK_WINDOW (s));
  sub->proposal = new_sent_proposal (s);
  gtk_label_set_text (s->status, _("Submitting to Upwork…"));
  lancer_upwork_submit_proposal_async (client, &(LancerUpworkProposalTerms) {
                                         .job_id = sub->proposal->job_id,
                                         .charged_amount = sub->proposal->rate,
                                         .cover_letter = sub->proposal->cover_letter,
                                       }, NULL, submitted_cb, sub);
}

static void
start_mark (LancerProposalSheet *s)
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
  LancerProposalSheet *s = LANCER_PROPOSAL_SHEET (data->window);

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
ask_to_send (LancerProposalSheet    *s,
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
  dialog = adw_message_dialog_new (GTK_WINDOW (s), heading, body);
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Preflight, preflight_free)

static void
preflight_cost_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Preflight) pre = user_data;
  LancerProposalSheet *s = LANCER_PROPOSAL_SHEET (pre->window);

  show_draft_cost (s, source, result);
  ask_to_send (s, pre->kind, pre->n_sent);
}

static void
preflight_count_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Preflight) pre = user_data;
  LancerProposalSheet *s = LANCER_PROPOSAL_SHEET (pre->window);
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
      return;
    }
  lancer_store_ai_draft_cost_async (LANCER_STORE (source), lancer_job_get_id (s->job), NULL,
                                    preflight_cost_cb, g_steal_pointer (&pre));
}

/* Submit and Mark as Sent: first what this job already has and what the draft cost. */
static void
send_clicked (LancerProposalSheet    *s,
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
  pre->window = g_object_ref (GTK_WINDOW (s));
  pre->kind = kind;
  lancer_proposal_count_sent_async (store, lancer_job_get_id (s->job), NULL, preflight_count_cb, pre);
}

static void
submit_cb (LancerProposalSheet *s)
{
  send_clicked (s, SEND_SUBMIT);
}

static void
mark_sent_cb (LancerProposalSheet *s)
{
  send_clicked (s, SEND_MARK);
}

static void
lancer_proposal_sheet_dispose (GObject *object)
{
  LancerProposalSheet *self = LANCER_PROPOSAL_SHEET (object);

  g_clear_handle_id (&self->cost_refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_PROPOSAL_SHEET);
  g_clear_object (&self->session);
  g_clear_object (&self->job);

  G_OBJECT_CLASS (lancer_proposal_sheet_parent_class)->dispose (object);
}

static void
lancer_proposal_sheet_class_init (LancerProposalSheetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_proposal_sheet_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-proposal-sheet.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerProposalSheet, window_title);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalSheet, editor_slot);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalSheet, rate);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalSheet, rate_label);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalSheet, summary);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalSheet, status);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalSheet, submit);
  gtk_widget_class_bind_template_child (widget_class, LancerProposalSheet, mark);
  gtk_widget_class_bind_template_callback (widget_class, submit_cb);
  gtk_widget_class_bind_template_callback (widget_class, mark_sent_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_cb);
}

static void
lancer_proposal_sheet_init (LancerProposalSheet *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->opened_at = g_get_monotonic_time ();
}

GtkWindow *
lancer_proposal_sheet_new (GtkWindow     *parent,
                           LancerSession *session,
                           LancerJob     *job)
{
  LancerProposalSheet *s;
  gboolean hourly = lancer_job_get_job_type (job) == LANCER_JOB_TYPE_HOURLY;
  double rate = hourly ? lancer_job_get_hourly_max (job) : lancer_job_get_budget (job);

  g_return_val_if_fail (LANCER_IS_SESSION (session), NULL);
  g_return_val_if_fail (LANCER_IS_JOB (job), NULL);

  /* "Open Preferences" in the editor's error bar is app.preferences. */
  s = g_object_new (LANCER_TYPE_PROPOSAL_SHEET,
                    "transient-for", parent,
                    "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                    NULL);
  s->session = g_object_ref (session);
  s->job = g_object_ref (job);
  adw_window_title_set_subtitle (s->window_title, lancer_job_get_title (job));
  gtk_label_set_text_with_mnemonic (s->rate_label, hourly ? _("Rate ($/h)") : _("Bid ($)"));
  gtk_spin_button_set_value (s->rate, rate == rate ? rate : 0);

  /* The AI editor: streamed drafts, A/B variants, autosave. What is sent
   * is always its chosen variant. */
  s->editor = lancer_proposal_editor_new (session, job);
  adw_bin_set_child (s->editor_slot, s->editor);
  for (guint i = 0; i < 2; i++)
    g_signal_connect_object (lancer_proposal_editor_get_buffer (LANCER_PROPOSAL_EDITOR (s->editor), i), "changed",
                             G_CALLBACK (draft_changed_cb), s, G_CONNECT_SWAPPED);
  g_signal_connect_object (s->editor, "notify::chosen", G_CALLBACK (update_sheet), s, G_CONNECT_SWAPPED);
  g_signal_connect_object (s->editor, "notify::state", G_CALLBACK (update_sheet), s, G_CONNECT_SWAPPED);
  /* A draft's AI call is stored after its last token: the cost follows. */
  if (lancer_session_get_store (session) != NULL)
    g_signal_connect_object (lancer_session_get_store (session), "changed::ai_calls",
                             G_CALLBACK (ai_calls_changed_cb), s, G_CONNECT_SWAPPED);
  /* Only with a signed-in key; Upwork refuses it without "Submit Proposal". */
  g_object_bind_property (session, "signed-in", s->submit, "visible", G_BINDING_SYNC_CREATE);
  update_sheet (s);
  refresh_cost_cb (s);
  return GTK_WINDOW (s);
}
