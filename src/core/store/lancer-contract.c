/* lancer-contract.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-contract"

#include "config.h"

#include <math.h>

#include "lancer-contract.h"

struct _LancerContract
{
  GObject    parent_instance;

  char      *id;
  char      *title;
  char      *client_name;
  gboolean   hourly;
  double     hourly_rate;
  double     fixed_amount;
  char      *status;
  gint64     started_at;
  gint64     ended_at;
  guint      week_minutes;
  guint      total_minutes;
  double     paid;
  char      *currency;
};

G_DEFINE_FINAL_TYPE (LancerContract, lancer_contract, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_CLIENT_NAME,
  PROP_HOURLY,
  PROP_HOURLY_RATE,
  PROP_FIXED_AMOUNT,
  PROP_STATUS,
  PROP_STARTED_AT,
  PROP_ENDED_AT,
  PROP_WEEK_MINUTES,
  PROP_TOTAL_MINUTES,
  PROP_PAID,
  PROP_CURRENCY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

const char *
lancer_contract_get_id (LancerContract *self)
{
  g_return_val_if_fail (LANCER_IS_CONTRACT (self), NULL);
  return self->id;
}

const char *
lancer_contract_get_title (LancerContract *self)
{
  g_return_val_if_fail (LANCER_IS_CONTRACT (self), NULL);
  return self->title;
}

const char *
lancer_contract_get_client_name (LancerContract *self)
{
  g_return_val_if_fail (LANCER_IS_CONTRACT (self), NULL);
  return self->client_name;
}

gboolean
lancer_contract_get_hourly (LancerContract *self)
{
  g_return_val_if_fail (LANCER_IS_CONTRACT (self), FALSE);
  return self->hourly;
}

double
lancer_contract_get_hourly_rate (LancerContract *self)
{
  g_return_val_if_fail (LANCER_IS_CONTRACT (self), NAN);
  return self->hourly_rate >= 0 ? self->hourly_rate : NAN;
}

double
lancer_contract_get_fixed_amount (LancerContract *self)
{
  g_return_val_if_fail (LANCER_IS_CONTRACT (self), NAN);
  return self->fixed_amount >= 0 ? self->fixed_amount : NAN;
}

const char *
lancer_contract_get_status (LancerContract *self)
{
  g_return_val_if_fail (LANCER_IS_CONTRACT (self), NULL);
  return self->status;
}

gint64
lancer_contract_get_started_at (LancerContract *self)
{
  g_return_val_if_fail (LANCER_IS_CONTRACT (self), 0);
  return self->started_at;
}

gint64
lancer_contract_get_ended_at (LancerContract *self)
{
  g_return_val_if_fail (LANCER_IS_CONTRACT (self), 0);
  return self->ended_at;
}

guint
lancer_contract_get_week_minutes (LancerContract *self)
{
  g_return_val_if_fail (LANCER_IS_CONTRACT (self), 0);
  return self->week_minutes;
}

guint
lancer_contract_get_total_minutes (LancerContract *self)
{
  g_return_val_if_fail (LANCER_IS_CONTRACT (self), 0);
  return self->total_minutes;
}

double
lancer_contract_get_paid (LancerContract *self)
{
  g_return_val_if_fail (LANCER_IS_CONTRACT (self), 0);
  return self->paid;
}

const char *
lancer_contract_get_currency (LancerContract *self)
{
  g_return_val_if_fail (LANCER_IS_CONTRACT (self), NULL);
  return self->currency;
}

static void
lancer_contract_finalize (GObject *object)
{
  LancerContract *self = LANCER_CONTRACT (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->client_name);
  g_free (self->status);
  g_free (self->currency);

  G_OBJECT_CLASS (lancer_contract_parent_class)->finalize (object);
}

static void
lancer_contract_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LancerContract *self = LANCER_CONTRACT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_CLIENT_NAME: g_value_set_string (value, self->client_name); break;
    case PROP_HOURLY: g_value_set_boolean (value, self->hourly); break;
    case PROP_HOURLY_RATE: g_value_set_double (value, self->hourly_rate); break;
    case PROP_FIXED_AMOUNT: g_value_set_double (value, self->fixed_amount); break;
    case PROP_STATUS: g_value_set_string (value, self->status); break;
    case PROP_STARTED_AT: g_value_set_int64 (value, self->started_at); break;
    case PROP_ENDED_AT: g_value_set_int64 (value, self->ended_at); break;
    case PROP_WEEK_MINUTES: g_value_set_uint (value, self->week_minutes); break;
    case PROP_TOTAL_MINUTES: g_value_set_uint (value, self->total_minutes); break;
    case PROP_PAID: g_value_set_double (value, self->paid); break;
    case PROP_CURRENCY: g_value_set_string (value, self->currency); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_contract_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LancerContract *self = LANCER_CONTRACT (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_dup_string (value); break;
    case PROP_TITLE: self->title = g_value_dup_string (value); break;
    case PROP_CLIENT_NAME: self->client_name = g_value_dup_string (value); break;
    case PROP_HOURLY: self->hourly = g_value_get_boolean (value); break;
    case PROP_HOURLY_RATE: self->hourly_rate = g_value_get_double (value); break;
    case PROP_FIXED_AMOUNT: self->fixed_amount = g_value_get_double (value); break;
    case PROP_STATUS: self->status = g_value_dup_string (value); break;
    case PROP_STARTED_AT: self->started_at = g_value_get_int64 (value); break;
    case PROP_ENDED_AT: self->ended_at = g_value_get_int64 (value); break;
    case PROP_WEEK_MINUTES: self->week_minutes = g_value_get_uint (value); break;
    case PROP_TOTAL_MINUTES: self->total_minutes = g_value_get_uint (value); break;
    case PROP_PAID: self->paid = g_value_get_double (value); break;
    case PROP_CURRENCY: self->currency = g_value_dup_string (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define FIXED (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS)

static void
lancer_contract_class_init (LancerContractClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lancer_contract_finalize;
  object_class->get_property = lancer_contract_get_property;
  object_class->set_property = lancer_contract_set_property;

  properties [PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, FIXED);
  properties [PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, FIXED);
  properties [PROP_CLIENT_NAME] = g_param_spec_string ("client-name", NULL, NULL, NULL, FIXED);
  properties [PROP_HOURLY] = g_param_spec_boolean ("hourly", NULL, NULL, FALSE, FIXED);
  /* -1: unknown (a property cannot hold NAN); the getters say NAN. */
  properties [PROP_HOURLY_RATE] =
    g_param_spec_double ("hourly-rate", NULL, NULL, -1, G_MAXDOUBLE, -1, FIXED);
  properties [PROP_FIXED_AMOUNT] =
    g_param_spec_double ("fixed-amount", NULL, NULL, -1, G_MAXDOUBLE, -1, FIXED);
  properties [PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, FIXED);
  properties [PROP_STARTED_AT] = g_param_spec_int64 ("started-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, FIXED);
  properties [PROP_ENDED_AT] = g_param_spec_int64 ("ended-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, FIXED);
  properties [PROP_WEEK_MINUTES] = g_param_spec_uint ("week-minutes", NULL, NULL, 0, G_MAXUINT, 0, FIXED);
  properties [PROP_TOTAL_MINUTES] = g_param_spec_uint ("total-minutes", NULL, NULL, 0, G_MAXUINT, 0, FIXED);
  properties [PROP_PAID] = g_param_spec_double ("paid", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, FIXED);
  properties [PROP_CURRENCY] = g_param_spec_string ("currency", NULL, NULL, NULL, FIXED);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lancer_contract_init (LancerContract *self)
{
}
