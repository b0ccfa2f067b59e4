/* lancer-proposal.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-proposal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lancer-proposal-private.h"

/* ---- stages ---- */

G_DEFINE_ENUM_TYPE (LancerProposalStage, lancer_proposal_stage,
  G_DEFINE_ENUM_VALUE (LANCER_PROPOSAL_STAGE_DRAFT, "draft"),
  G_DEFINE_ENUM_VALUE (LANCER_PROPOSAL_STAGE_SENT, "sent"),
  G_DEFINE_ENUM_VALUE (LANCER_PROPOSAL_STAGE_VIEWED, "viewed"),
  G_DEFINE_ENUM_VALUE (LANCER_PROPOSAL_STAGE_REPLIED, "replied"),
  G_DEFINE_ENUM_VALUE (LANCER_PROPOSAL_STAGE_INTERVIEW, "interview"),
  G_DEFINE_ENUM_VALUE (LANCER_PROPOSAL_STAGE_OFFER, "offer"),
  G_DEFINE_ENUM_VALUE (LANCER_PROPOSAL_STAGE_HIRED, "hired"),
  G_DEFINE_ENUM_VALUE (LANCER_PROPOSAL_STAGE_DECLINED, "declined"),
  G_DEFINE_ENUM_VALUE (LANCER_PROPOSAL_STAGE_WITHDRAWN, "withdrawn"),
  G_DEFINE_ENUM_VALUE (LANCER_PROPOSAL_STAGE_ARCHIVED, "archived"))

static const struct {
  const char *name;
  const char *label;
} stages[LANCER_PROPOSAL_N_STAGES] = {
  { "draft",     N_("Draft") },
  { "sent",      N_("Sent") },
  { "viewed",    N_("Viewed") },
  { "replied",   N_("Replied") },
  { "interview", N_("Interview") },
  { "offer",     N_("Offer") },
  { "hired",     N_("Hired") },
  { "declined",  N_("Declined") },
  { "withdrawn", N_("Withdrawn") },
  { "archived",  N_("Archived") },
};

LancerProposalStage
lancer_proposal_stage_from_status (const char *status)
{
  static const struct { const char *status; LancerProposalStage stage; } upwork[] = {
    /* Upwork's vendorProposals statuses; "Accepted" means submitted. */
    { "pending",   LANCER_PROPOSAL_STAGE_SENT },
    { "accepted",  LANCER_PROPOSAL_STAGE_SENT },
    { "submitted", LANCER_PROPOSAL_STAGE_SENT },
    { "activated", LANCER_PROPOSAL_STAGE_INTERVIEW },
    { "offered",   LANCER_PROPOSAL_STAGE_OFFER },
  };

  if (status == NULL || *status == '\0')
    return LANCER_PROPOSAL_STAGE_DRAFT;
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    if (g_ascii_strcasecmp (status, stages[i].name) == 0)
      return (LancerProposalStage) i;
  for (guint i = 0; i < G_N_ELEMENTS (upwork); i++)
    if (g_ascii_strcasecmp (status, upwork[i].status) == 0)
      return upwork[i].stage;
  return LANCER_PROPOSAL_STAGE_SENT;
}

const char *
lancer_proposal_stage_to_string (LancerProposalStage stage)
{
  g_return_val_if_fail (stage < LANCER_PROPOSAL_N_STAGES, NULL);
  return stages[stage].name;
}

const char *
lancer_proposal_stage_get_label (LancerProposalStage stage)
{
  g_return_val_if_fail (stage < LANCER_PROPOSAL_N_STAGES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, stages[stage].label);
}

/* ---- LancerProposal ---- */

struct _LancerProposal
{
  GObject              parent_instance;

  gint64               id;
  char                *upwork_id;
  char                *job_id;
  char                *job_title;
  char                *job_url;
  char                *status;
  LancerProposalStage  stage;
  gint64               variant_id;
  char                *variant_name;
  double               bid_amount;
  int                  bid_type;
  int                  connects_spent;
  gint64               created_at;
  gint64               updated_at;
  gint64               submitted_at;
  char                *room_id;
};

G_DEFINE_FINAL_TYPE (LancerProposal, lancer_proposal, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UPWORK_ID,
  PROP_JOB_ID,
  PROP_JOB_TITLE,
  PROP_TITLE,
  PROP_JOB_URL,
  PROP_STATUS,
  PROP_STAGE,
  PROP_STAGE_LABEL,
  PROP_VARIANT_ID,
  PROP_VARIANT_NAME,
  PROP_BID_AMOUNT,
  PROP_BID_TYPE,
  PROP_CONNECTS_SPENT,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_SUBMITTED_AT,
  PROP_ROOM_ID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
lancer_proposal_finalize (GObject *object)
{
  LancerProposal *self = LANCER_PROPOSAL (object);

  g_free (self->upwork_id);
  g_free (self->job_id);
  g_free (self->job_title);
  g_free (self->job_url);
  g_free (self->status);
  g_free (self->variant_name);
  g_free (self->room_id);

  G_OBJECT_CLASS (lancer_proposal_parent_class)->finalize (object);
}

static void
lancer_proposal_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LancerProposal *self = LANCER_PROPOSAL (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_UPWORK_ID: g_value_set_string (value, self->upwork_id); break;
    case PROP_JOB_ID: g_value_set_string (value, self->job_id); break;
    case PROP_JOB_TITLE: g_value_set_string (value, self->job_title); break;
    case PROP_TITLE: g_value_set_string (value, lancer_proposal_get_title (self)); break;
    case PROP_JOB_URL: g_value_set_string (value, self->job_url); break;
    case PROP_STATUS: g_value_set_string (value, self->status); break;
    case PROP_STAGE: g_value_set_enum (value, self->stage); break;
    case PROP_STAGE_LABEL: g_value_set_string (value, lancer_proposal_get_stage_label (self)); break;
    case PROP_VARIANT_ID: g_value_set_int64 (value, self->variant_id); break;
    case PROP_VARIANT_NAME: g_value_set_string (value, self->variant_name); break;
    case PROP_BID_AMOUNT: g_value_set_double (value, self->bid_amount); break;
    case PROP_BID_TYPE: g_value_set_int (value, self->bid_type); break;
    case PROP_CONNECTS_SPENT: g_value_set_int (value, self->connects_spent); break;
    case PROP_CREATED_AT: g_value_set_int64 (value, self->created_at); break;
    case PROP_UPDATED_AT: g_value_set_int64 (value, self->updated_at); break;
    case PROP_SUBMITTED_AT: g_value_set_int64 (value, self->submitted_at); break;
    case PROP_ROOM_ID: g_value_set_string (value, self->room_id); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define READ (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

static void
lancer_proposal_class_init (LancerProposalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lancer_proposal_finalize;
  object_class->get_property = lancer_proposal_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, READ);
  properties[PROP_UPWORK_ID] = g_param_spec_string ("upwork-id", NULL, NULL, NULL, READ);
  properties[PROP_JOB_ID] = g_param_spec_string ("job-id", NULL, NULL, NULL, READ);
  properties[PROP_JOB_TITLE] = g_param_spec_string ("job-title", NULL, NULL, NULL, READ);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, READ);
  properties[PROP_JOB_URL] = g_param_spec_string ("job-url", NULL, NULL, NULL, READ);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, READ);
  properties[PROP_STAGE] = g_param_spec_enum ("stage", NULL, NULL, LANCER_TYPE_PROPOSAL_STAGE,
                                              LANCER_PROPOSAL_STAGE_DRAFT, READ);
  properties[PROP_STAGE_LABEL] = g_param_spec_string ("stage-label", NULL, NULL, NULL, READ);
  properties[PROP_VARIANT_ID] = g_param_spec_int64 ("variant-id", NULL, NULL, 0, G_MAXINT64, 0, READ);
  properties[PROP_VARIANT_NAME] = g_param_spec_string ("variant-name", NULL, NULL, NULL, READ);
  properties[PROP_BID_AMOUNT] = g_param_spec_double ("bid-amount", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, READ);
  properties[PROP_BID_TYPE] = g_param_spec_int ("bid-type", NULL, NULL, -1, 1, -1, READ);
  properties[PROP_CONNECTS_SPENT] = g_param_spec_int ("connects-spent", NULL, NULL, -1, G_MAXINT, -1, READ);
  properties[PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, READ);
  properties[PROP_UPDATED_AT] = g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0, READ);
  properties[PROP_SUBMITTED_AT] = g_param_spec_int64 ("submitted-at", NULL, NULL, 0, G_MAXINT64, 0, READ);
  properties[PROP_ROOM_ID] = g_param_spec_string ("room-id", NULL, NULL, NULL, READ);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lancer_proposal_init (LancerProposal *self)
{
  self->bid_amount = NAN;
  self->bid_type = -1;
  self->connects_spent = -1;
}

LancerProposal *
_lancer_proposal_new (const LancerProposalFields *fields)
{
  LancerProposal *self = g_object_new (LANCER_TYPE_PROPOSAL, NULL);

  self->id = fields->id;
  self->upwork_id = g_strdup (fields->upwork_id);
  self->job_id = g_strdup (fields->job_id);
  self->job_title = g_strdup (fields->job_title);
  self->job_url = g_strdup (fields->job_url);
  self->status = g_strdup (fields->status);
  self->stage = lancer_proposal_stage_from_status (fields->status);
  self->variant_id = fields->variant_id;
  self->variant_name = g_strdup (fields->variant_name);
  self->bid_amount = fields->bid_amount;
  self->bid_type = fields->bid_type;
  self->connects_spent = fields->connects_spent;
  self->created_at = fields->created_at;
  self->updated_at = fields->updated_at;
  self->submitted_at = fields->submitted_at;
  self->room_id = g_strdup (fields->room_id);
  return self;
}

#define GETTER(type, name, fallback) \
  type \
  lancer_proposal_get_##name (LancerProposal *self) \
  { \
    g_return_val_if_fail (LANCER_IS_PROPOSAL (self), fallback); \
    return self->name; \
  }

GETTER (gint64, id, 0)
GETTER (const char *, upwork_id, NULL)
GETTER (const char *, job_id, NULL)
GETTER (const char *, job_title, NULL)
GETTER (const char *, job_url, NULL)
GETTER (const char *, status, NULL)
GETTER (LancerProposalStage, stage, LANCER_PROPOSAL_STAGE_DRAFT)
GETTER (gint64, variant_id, 0)
GETTER (const char *, variant_name, NULL)
GETTER (double, bid_amount, NAN)
GETTER (int, bid_type, -1)
GETTER (int, connects_spent, -1)
GETTER (gint64, created_at, 0)
GETTER (gint64, updated_at, 0)
GETTER (gint64, submitted_at, 0)
GETTER (const char *, room_id, NULL)

const char *
lancer_proposal_get_title (LancerProposal *self)
{
  g_return_val_if_fail (LANCER_IS_PROPOSAL (self), NULL);

  if (self->job_title != NULL && *self->job_title != '\0')
    return self->job_title;
  return _("Job no longer stored");
}

const char *
lancer_proposal_get_stage_label (LancerProposal *self)
{
  g_return_val_if_fail (LANCER_IS_PROPOSAL (self), NULL);
  return lancer_proposal_stage_get_label (self->stage);
}
