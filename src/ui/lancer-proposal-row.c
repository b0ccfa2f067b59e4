/* lancer-proposal-row.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-proposal-row"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lancer-format.h"
#include "lancer-proposal-row.h"
#include "lancer-spoken-label-private.h"

struct _LancerProposalRow
{
  GtkWidget       parent_instance;

  LancerProposal *proposal;
  char           *spoken;   /* the accessible label last set */
};

G_DEFINE_FINAL_TYPE (LancerProposalRow, lancer_proposal_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PROPOSAL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

char *
lancer_proposal_format_terms (LancerProposal *proposal)
{
  g_autofree char *money = NULL;

  if (proposal == NULL || isnan (lancer_proposal_get_bid_amount (proposal)))
    return g_strdup (_("Terms not known"));
  money = lancer_format_money (lancer_proposal_get_bid_amount (proposal), "USD");
  if (lancer_proposal_get_bid_type (proposal) == 1)
    /* Translators: an hourly rate, e.g. "$45.00 an hour". */
    return g_strdup_printf (_("%s an hour"), money);
  if (lancer_proposal_get_bid_type (proposal) == 0)
    /* Translators: a fixed price, e.g. "$900.00 fixed price". */
    return g_strdup_printf (_("%s fixed price"), money);
  return g_steal_pointer (&money);
}

char **
lancer_proposal_stage_css_classes (LancerProposalStage stage)
{
  char **classes = g_new0 (char *, 3);

  classes[0] = g_strdup ("stage-pill");
  classes[1] = g_strdup_printf ("stage-%s", lancer_proposal_stage_to_string (stage));
  return classes;
}

/* "$45 an hour · 3 days ago · variant B" under the title. */
static char *
format_meta (gpointer        unused,
             LancerProposal *proposal)
{
  g_autofree char *terms = NULL;
  g_autofree char *when = NULL;
  const char *variant;

  if (proposal == NULL)
    return g_strdup ("");
  terms = lancer_proposal_format_terms (proposal);
  when = lancer_format_relative_time (lancer_proposal_get_updated_at (proposal),
                                      g_get_real_time () / G_USEC_PER_SEC);
  variant = lancer_proposal_get_variant_name (proposal);
  if (variant != NULL)
    /* Translators: terms · relative time · A/B variant name. */
    return g_strdup_printf (_("%s · %s · variant %s"), terms, when, variant);
  return g_strdup_printf ("%s · %s", terms, when);
}

static char **
stage_classes (gpointer            unused,
               LancerProposalStage stage)
{
  return lancer_proposal_stage_css_classes (stage);
}

/* One sentence for a screen reader: the job, the stage, the terms. */
static char *
spoken_text (LancerProposal *proposal)
{
  g_autofree char *meta = NULL;

  if (proposal == NULL)
    return NULL;
  meta = format_meta (NULL, proposal);
  return g_strdup_printf ("%s. %s. %s", lancer_proposal_get_title (proposal),
                          lancer_proposal_get_stage_label (proposal), meta);
}

LancerProposal *
lancer_proposal_row_get_proposal (LancerProposalRow *self)
{
  g_return_val_if_fail (LANCER_IS_PROPOSAL_ROW (self), NULL);
  return self->proposal;
}

void
lancer_proposal_row_set_proposal (LancerProposalRow *self,
                                  LancerProposal    *proposal)
{
  g_return_if_fail (LANCER_IS_PROPOSAL_ROW (self));
  g_return_if_fail (!proposal || LANCER_IS_PROPOSAL (proposal));

  if (g_set_object (&self->proposal, proposal))
    {
      g_autofree char *label = spoken_text (proposal);

      _lancer_row_set_spoken (GTK_WIDGET (self), &self->spoken, label);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROPOSAL]);
    }
}

static void
lancer_proposal_row_dispose (GObject *object)
{
  LancerProposalRow *self = LANCER_PROPOSAL_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_PROPOSAL_ROW);
  /* The template's top box is not a bound child: unparent it by hand. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->proposal);
  g_clear_pointer (&self->spoken, g_free);

  G_OBJECT_CLASS (lancer_proposal_row_parent_class)->dispose (object);
}

static void
lancer_proposal_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LancerProposalRow *self = LANCER_PROPOSAL_ROW (object);

  switch (prop_id)
    {
    case PROP_PROPOSAL:
      g_value_set_object (value, lancer_proposal_row_get_proposal (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_proposal_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LancerProposalRow *self = LANCER_PROPOSAL_ROW (object);

  switch (prop_id)
    {
    case PROP_PROPOSAL:
      lancer_proposal_row_set_proposal (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_proposal_row_class_init (LancerProposalRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_proposal_row_dispose;
  object_class->get_property = lancer_proposal_row_get_property;
  object_class->set_property = lancer_proposal_row_set_property;

  properties [PROP_PROPOSAL] =
    g_param_spec_object ("proposal", NULL, NULL, LANCER_TYPE_PROPOSAL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-proposal-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, format_meta);
  gtk_widget_class_bind_template_callback (widget_class, stage_classes);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lancer_proposal_row_init (LancerProposalRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
