/* lancer-job-detail.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-job-detail"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "lancer-ai-service.h"
#include "lancer-analysis-card.h"
#include "lancer-format.h"
#include "lancer-job-detail.h"
#include "lancer-proposal-sheet.h"
#include "lancer-red-flags.h"

struct _LancerJobDetail
{
  GtkWidget        parent_instance;

  LancerSession   *session;
  LancerAiService *ai_service;    /* for the analysis card; made when first needed */
  LancerJob       *job;           /* followed: loads and flags change in place */
  double           budget_floor;
  double           rate_floor;

  GtkStack        *stack;
  GtkButton       *back_button;
  GtkButton       *save_button;
  GtkButton       *hide_button;
  GtkLabel        *title_label;
  GtkLabel        *terms_label;
  GtkWidget       *score_box;
  GtkLabel        *score_label;
  GtkLabel        *reasons_label;
  GtkLabel        *score_note_label;
  GtkLabel        *client_label;
  GtkLabel        *flags_label;
  GtkLabel        *no_flags_label;
  GtkLabel        *skills_label;
  GtkLabel        *description_label;
  GtkBox          *analysis_slot;
};

enum {
  HIDDEN_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LancerJobDetail, lancer_job_detail, GTK_TYPE_WIDGET)

static char *
format_reasons (GPtrArray *reasons,
                guint      max)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < reasons->len && i < max; i++)
    {
      LancerScoreReason *r = g_ptr_array_index (reasons, i);

      g_string_append_printf (out, "%s%s %s", i > 0 ? "\n" : "", r->contribution >= 0 ? "▲" : "▼", r->text);
    }
  return g_string_free (out, FALSE);
}

/* "$500 · 2 hours ago · Expert": the pay, the age and, when known, the level. */
static char *
format_terms (LancerJob *job)
{
  g_autofree char *budget = lancer_format_job_budget (lancer_job_get_job_type (job) == LANCER_JOB_TYPE_HOURLY,
                                                      lancer_job_get_budget (job), lancer_job_get_hourly_min (job),
                                                      lancer_job_get_hourly_max (job), lancer_job_get_currency (job));
  g_autofree char *posted = lancer_format_relative_time (lancer_job_get_posted_at (job),
                                                         g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *level = lancer_format_experience_level (lancer_job_get_experience_level (job));

  return level != NULL ? g_strdup_printf ("%s · %s · %s", budget, posted, level)
                       : g_strdup_printf ("%s · %s", budget, posted);
}

static char *
format_client (LancerJob *job)
{
  GString *out = g_string_new (NULL);
  double spent = lancer_job_get_client_total_spent (job);
  double rate = lancer_job_compute_hire_rate (job);
  double rating = lancer_job_get_client_rating (job);
  const char *country = lancer_job_get_client_country (job);
  g_autofree char *money = lancer_format_money_compact (isnan (spent) ? 0 : spent, "USD");

  g_string_append (out, lancer_job_get_client_payment_verified (job) ? _("Payment verified") : _("Payment not verified"));
  g_string_append_printf (out, "\n%s", country != NULL && *country ? country : _("Country unknown"));
  /* Translators: "$12K spent · 5 hires of 8 jobs posted" */
  g_string_append_printf (out, "\n%s", _("Spent"));
  g_string_append_printf (out, " %s · ", money);
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%d hire", "%d hires", lancer_job_get_client_hires (job)),
                          lancer_job_get_client_hires (job));
  g_string_append (out, " · ");
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%d job posted", "%d jobs posted",
                                            lancer_job_get_client_jobs_posted (job)),
                          lancer_job_get_client_jobs_posted (job));
  if (!isnan (rate))
    /* Translators: computed as hires ÷ jobs posted */
    g_string_append_printf (out, "\n%s %.0f%%", _("Hire rate (hires ÷ jobs posted):"), rate * 100);
  else
    g_string_append_printf (out, "\n%s", _("Hire rate unknown: no jobs posted yet"));
  if (!isnan (rating) && rating > 0)
    g_string_append_printf (out, "\n%s ★ %.1f", _("Rating"), rating);
  else
    g_string_append_printf (out, "\n%s", _("No reviews yet"));
  return g_string_free (out, FALSE);
}

/* The star and the hide button say what the job is now; icons swap,
 * the buttons keep their size. */
void
lancer_job_detail_update_flags (LancerJobDetail *self)
{
  gboolean saved, hidden;

  g_return_if_fail (LANCER_IS_JOB_DETAIL (self));

  saved = self->job != NULL && lancer_job_get_saved (self->job);
  hidden = self->job != NULL && lancer_job_get_hidden (self->job);
  gtk_button_set_icon_name (self->save_button, saved ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button),
                               saved ? _("Remove from Saved Jobs (Ctrl+S)") : _("Save Job (Ctrl+S)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  saved ? _("Remove from saved jobs") : _("Save job"), -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->save_button), GTK_ACCESSIBLE_STATE_PRESSED,
                               saved ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE, -1);
  gtk_button_set_icon_name (self->hide_button, hidden ? "view-reveal-symbolic" : "view-conceal-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->hide_button),
                               hidden ? _("Show Job Again") : _("Hide Job (Delete)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->hide_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  hidden ? _("Show job again") : _("Hide job"), -1);
}

static void
job_loaded_cb (LancerJobDetail *self)
{
  g_autoptr(LancerJob) job = g_object_ref (self->job);

  lancer_job_detail_set_job (self, job, self->budget_floor, self->rate_floor);
}

static void
show_analysis (LancerJobDetail *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->analysis_slot))) != NULL)
    gtk_box_remove (self->analysis_slot, child);
  if (self->job == NULL || !lancer_job_get_loaded (self->job) || self->session == NULL ||
      lancer_session_get_store (self->session) == NULL)
    return;
  if (self->ai_service == NULL)
    self->ai_service = lancer_ai_service_new (self->session);
  gtk_box_append (self->analysis_slot, lancer_analysis_card_new (self->ai_service, self->job));
}

void
lancer_job_detail_set_job (LancerJobDetail *self,
                           LancerJob       *job,
                           double           budget_floor,
                           double           rate_floor)
{
  g_autofree char *terms = NULL;
  g_autofree char *client = NULL;
  g_autofree char *skills = NULL;
  GString *flags_text;
  LancerRedFlags flags;
  LancerScorer *scorer;
  gboolean changed = self->job != job;

  g_return_if_fail (LANCER_IS_JOB_DETAIL (self));

  if (self->job != job)
    {
      if (self->job != NULL)
        g_signal_handlers_disconnect_by_data (self->job, self);
      g_set_object (&self->job, job);
      if (job != NULL)
        {
          g_signal_connect_swapped (job, "notify::loaded", G_CALLBACK (job_loaded_cb), self);
          g_signal_connect_swapped (job, "notify::saved", G_CALLBACK (lancer_job_detail_update_flags), self);
          g_signal_connect_swapped (job, "notify::hidden", G_CALLBACK (lancer_job_detail_update_flags), self);
        }
    }
  self->budget_floor = budget_floor;
  self->rate_floor = rate_floor;
  scorer = self->session != NULL ? lancer_session_get_scorer (self->session) : NULL;
  if (job == NULL || !lancer_job_get_loaded (job))
    {
      /* Not even hidden text of a job from before (another profile's). */
      GtkLabel *labels[] = { self->title_label, self->terms_label, self->score_label, self->reasons_label,
                             self->client_label, self->flags_label, self->skills_label, self->description_label };

      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        gtk_label_set_text (labels[i], "");
      show_analysis (self);
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }
  if (changed || gtk_widget_get_first_child (GTK_WIDGET (self->analysis_slot)) == NULL)
    show_analysis (self);

  terms = format_terms (job);
  gtk_label_set_text (self->title_label, lancer_job_get_title (job));
  gtk_label_set_text (self->terms_label, terms);
  lancer_job_detail_update_flags (self);

  if (scorer != NULL)
    {
      g_autoptr(LancerScore) score = lancer_scorer_score (scorer, job, g_get_real_time () / G_USEC_PER_SEC);
      g_autofree char *head = NULL;
      g_autofree char *reasons = format_reasons (score->reasons, 4);

      /* Translators: the local success score, 0–100 */
      head = g_strdup_printf (_("Success score %.0f"), score->score);
      gtk_label_set_text (self->score_label, head);
      gtk_label_set_text (self->reasons_label, reasons);
      if (score->heuristic)
        {
          /* The formula itself is for those who ask (the tooltip). */
          gtk_label_set_text (self->score_note_label,
                              _("A rule of thumb for now: the score learns from you once 30 of your proposals have had an answer or none."));
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->score_note_label), lancer_scorer_get_heuristic_formula ());
        }
      else
        {
          guint n = lancer_scorer_get_n_outcomes (scorer);
          g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "Learned from how clients answered your %u proposal.",
                                                                "Learned from how clients answered your %u proposals.",
                                                                n),
                                                   n);
          gtk_label_set_text (self->score_note_label, note);
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->score_note_label), NULL);
        }
    }
  gtk_widget_set_visible (self->score_box, scorer != NULL);

  client = format_client (job);
  gtk_label_set_text (self->client_label, client);
  flags = lancer_red_flags_check (job, budget_floor, rate_floor);
  flags_text = g_string_new (NULL);
  for (guint bit = 1; bit <= LANCER_RED_FLAG_OFF_PLATFORM; bit <<= 1)
    if (flags & bit)
      g_string_append_printf (flags_text, "%s⚠ %s — %s", flags_text->len ? "\n" : "",
                              lancer_red_flag_get_title (bit), lancer_red_flag_get_description (bit));
  /* Good news is not a warning: its own label, in the normal colour. */
  gtk_label_set_text (self->flags_label, flags_text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->flags_label), flags_text->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_flags_label), flags_text->len == 0);
  g_string_free (flags_text, TRUE);

  if (lancer_job_get_skills (job) != NULL)
    skills = g_strjoinv (" · ", (char **) lancer_job_get_skills (job));
  gtk_label_set_text (self->skills_label, skills != NULL ? skills : "");
  gtk_widget_set_visible (GTK_WIDGET (self->skills_label), skills != NULL && *skills != '\0');
  gtk_label_set_text (self->description_label, lancer_job_get_description (job));
  gtk_stack_set_visible_child_name (self->stack, "job");
}

LancerJob *
lancer_job_detail_get_job (LancerJobDetail *self)
{
  g_return_val_if_fail (LANCER_IS_JOB_DETAIL (self), NULL);
  return self->job;
}

void
lancer_job_detail_set_session (LancerJobDetail *self,
                               LancerSession   *session)
{
  g_return_if_fail (LANCER_IS_JOB_DETAIL (self));

  if (self->session == session)
    return;
  lancer_job_detail_set_job (self, NULL, 0, 0);
  g_clear_object (&self->ai_service);
  g_set_object (&self->session, session);
}

/* ---- The job's actions (job.*), each undoable from a toast ---- */

typedef struct
{
  LancerStore   *store;
  LancerJob     *job;
  LancerJobFlag  flag;
  gboolean       value;   /* what Undo sets */
} Undo;

static void
undo_free (gpointer  data,
           GClosure *closure)
{
  Undo *undo = data;

  g_object_unref (undo->store);
  g_object_unref (undo->job);
  g_free (undo);
}

static void
set_flag (LancerStore   *store,
          LancerJob     *job,
          LancerJobFlag  flag,
          gboolean       value)
{
  if (flag == LANCER_JOB_FLAG_SAVED)
    lancer_job_set_saved (job, value);
  else
    lancer_job_set_hidden (job, value);
  lancer_store_set_job_flag_async (store, lancer_job_get_id (job), flag, value, NULL, NULL, NULL);
}

/* The feed follows the store: a job shown again comes back into it. */
static void
undo_cb (AdwToast *toast,
         Undo     *undo)
{
  set_flag (undo->store, undo->job, undo->flag, undo->value);
}

static void
change_flag (LancerJobDetail *self,
             LancerJobFlag    flag,
             gboolean         value,
             const char      *message)
{
  LancerStore *store = self->session != NULL ? lancer_session_get_store (self->session) : NULL;
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autoptr(LancerJob) job = NULL;
  AdwToast *toast;
  Undo *undo;

  if (self->job == NULL || !lancer_job_get_loaded (self->job) || store == NULL)
    return;
  job = g_object_ref (self->job);
  set_flag (store, job, flag, value);
  undo = g_new0 (Undo, 1);
  undo->store = g_object_ref (store);
  undo->job = g_object_ref (job);
  undo->flag = flag;
  undo->value = !value;
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_cb), undo, undo_free, 0);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
  if (flag == LANCER_JOB_FLAG_HIDDEN)
    g_signal_emit (self, signals [HIDDEN_CHANGED], 0, job);
}

static void
toggle_saved_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LancerJobDetail *self = LANCER_JOB_DETAIL (widget);
  gboolean saved = self->job != NULL && !lancer_job_get_saved (self->job);

  change_flag (self, LANCER_JOB_FLAG_SAVED, saved, saved ? _("Job saved") : _("Removed from saved jobs"));
}

/* job.hide only hides (the Delete key); job.toggle-hidden also shows again. */
static void
toggle_hidden_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LancerJobDetail *self = LANCER_JOB_DETAIL (widget);
  gboolean hidden = self->job != NULL && !lancer_job_get_hidden (self->job);

  if (!hidden && g_str_equal (action_name, "job.hide"))
    return;
  change_flag (self, LANCER_JOB_FLAG_HIDDEN, hidden, hidden ? _("Job hidden") : _("Job shown again"));
}

static void
open_upwork_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LancerJob *job = LANCER_JOB_DETAIL (widget)->job;
  g_autofree char *url = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (job == NULL || !lancer_job_get_loaded (job))
    return;
  if (lancer_job_get_url (job) != NULL && *lancer_job_get_url (job) != '\0')
    url = g_strdup (lancer_job_get_url (job));
  else if (lancer_job_get_ciphertext (job) != NULL)
    url = g_strdup_printf ("https://www.upwork.com/jobs/%s", lancer_job_get_ciphertext (job));
  if (url != NULL)
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

static void
write_proposal_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LancerJobDetail *self = LANCER_JOB_DETAIL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->job == NULL || !lancer_job_get_loaded (self->job) || self->session == NULL)
    return;
  gtk_window_present (lancer_proposal_sheet_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                 self->session, self->job));
}

void
lancer_job_detail_set_show_back (LancerJobDetail *self,
                                 gboolean         show_back)
{
  g_return_if_fail (LANCER_IS_JOB_DETAIL (self));
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show_back);
}

static void
lancer_job_detail_dispose (GObject *object)
{
  LancerJobDetail *self = LANCER_JOB_DETAIL (object);
  GtkWidget *child;

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  g_clear_object (&self->ai_service);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (object), LANCER_TYPE_JOB_DETAIL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lancer_job_detail_parent_class)->dispose (object);
}

static void
lancer_job_detail_class_init (LancerJobDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_job_detail_dispose;

  signals [HIDDEN_CHANGED] = g_signal_new ("hidden-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, LANCER_TYPE_JOB);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-job-detail.ui");
  gtk_widget_class_install_action (widget_class, "job.toggle-saved", NULL, toggle_saved_action);
  gtk_widget_class_install_action (widget_class, "job.toggle-hidden", NULL, toggle_hidden_action);
  gtk_widget_class_install_action (widget_class, "job.hide", NULL, toggle_hidden_action);
  gtk_widget_class_install_action (widget_class, "job.open-upwork", NULL, open_upwork_action);
  gtk_widget_class_install_action (widget_class, "job.write-proposal", NULL, write_proposal_action);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, back_button);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, save_button);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, hide_button);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, score_box);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, no_flags_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, terms_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, score_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, reasons_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, score_note_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, client_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, flags_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, skills_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, description_label);
  gtk_widget_class_bind_template_child (widget_class, LancerJobDetail, analysis_slot);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lancer_job_detail_init (LancerJobDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lancer_job_detail_new (void)
{
  return g_object_new (LANCER_TYPE_JOB_DETAIL, NULL);
}
