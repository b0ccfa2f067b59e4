/* lancer-portfolio-row.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lancer-portfolio-row.h"

struct _LancerPortfolioRow
{
  AdwExpanderRow  parent_instance;

  GtkEditable    *title_row;
  GtkEditable    *outcome_row;
  GtkEditable    *link_row;
};

enum {
  CHANGED,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LancerPortfolioRow, lancer_portfolio_row, ADW_TYPE_EXPANDER_ROW)

/* The collapsed row reads as the item: its title over its outcome. */
static void
update_summary (LancerPortfolioRow *self)
{
  const char *title = gtk_editable_get_text (self->title_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), *title != '\0' ? title : _("Untitled"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), gtk_editable_get_text (self->outcome_row));
}

static void
entry_changed_cb (LancerPortfolioRow *self)
{
  update_summary (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
remove_clicked_cb (LancerPortfolioRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
lancer_portfolio_row_class_init (LancerPortfolioRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lancerdesk/Lancer/ui/lancer-portfolio-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerPortfolioRow, title_row);
  gtk_widget_class_bind_template_child (widget_class, LancerPortfolioRow, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, LancerPortfolioRow, link_row);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
lancer_portfolio_row_init (LancerPortfolioRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_summary (self);
}

LancerPortfolioRow *
lancer_portfolio_row_new (const char *title,
                          const char *outcome,
                          const char *link)
{
  LancerPortfolioRow *self = g_object_new (LANCER_TYPE_PORTFOLIO_ROW, NULL);

  /* Filled before anyone listens: no ::changed for the stored values. */
  gtk_editable_set_text (self->title_row, title != NULL ? title : "");
  gtk_editable_set_text (self->outcome_row, outcome != NULL ? outcome : "");
  gtk_editable_set_text (self->link_row, link != NULL ? link : "");
  return self;
}

const char *
lancer_portfolio_row_get_title (LancerPortfolioRow *self)
{
  g_return_val_if_fail (LANCER_IS_PORTFOLIO_ROW (self), NULL);
  return gtk_editable_get_text (self->title_row);
}

const char *
lancer_portfolio_row_get_outcome (LancerPortfolioRow *self)
{
  g_return_val_if_fail (LANCER_IS_PORTFOLIO_ROW (self), NULL);
  return gtk_editable_get_text (self->outcome_row);
}

const char *
lancer_portfolio_row_get_link (LancerPortfolioRow *self)
{
  g_return_val_if_fail (LANCER_IS_PORTFOLIO_ROW (self), NULL);
  return gtk_editable_get_text (self->link_row);
}

void
lancer_portfolio_row_focus_title (LancerPortfolioRow *self)
{
  g_return_if_fail (LANCER_IS_PORTFOLIO_ROW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}
