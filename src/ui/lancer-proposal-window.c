/* lancer-proposal-window.c: the proposal editor alone in a window, with
 * the job's analysis card above it.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-proposal-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lancer-analysis-card.h"
#include "lancer-proposal-editor.h"

/* The window the Jobs page opens until the Jobs workspace hosts the editor. */
GtkWindow *
lancer_proposal_window_new (GtkWindow     *parent,
                            LancerSession *session,
                            LancerJob     *job)
{
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *title;
  GtkWidget *scrolled;
  GtkWidget *content;
  GtkWidget *editor;

  g_return_val_if_fail (LANCER_IS_SESSION (session), NULL);
  g_return_val_if_fail (LANCER_IS_JOB (job), NULL);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Write Proposal"));
  gtk_window_set_default_size (GTK_WINDOW (window), 980, 820);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), parent);
      gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (parent));
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  title = adw_window_title_new (_("Write Proposal"), lancer_job_get_title (job));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (box), header);

  editor = lancer_proposal_editor_new (session, job);
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_box_append (GTK_BOX (content),
                  lancer_analysis_card_new (lancer_proposal_editor_get_service (LANCER_PROPOSAL_EDITOR (editor)), job));
  gtk_widget_set_vexpand (editor, TRUE);
  gtk_box_append (GTK_BOX (content), editor);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  return GTK_WINDOW (window);
}
