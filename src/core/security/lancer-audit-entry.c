/* lancer-audit-entry.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-security"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lancer-audit.h"
#include "lancer-audit-entry.h"
#include "lancer-format.h"

struct _LancerAuditEntry
{
  GObject  parent_instance;

  gint64   time;
  char    *category;
  char    *action;
  char    *detail;

  char    *title;
  char    *description;
};

G_DEFINE_FINAL_TYPE (LancerAuditEntry, lancer_audit_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIME,
  PROP_DATE_TIME,
  PROP_CATEGORY,
  PROP_CATEGORY_LABEL,
  PROP_ACTION,
  PROP_TITLE,
  PROP_DETAIL,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static const char *
category_label (const char *category)
{
  static const struct { const char *id; const char *label; } labels[] = {
    { LANCER_AUDIT_SIGN_IN, N_("Sign-in") },
    { LANCER_AUDIT_TOKEN_REFRESH, N_("Token refresh") },
    { LANCER_AUDIT_SYNC, N_("Sync") },
    { LANCER_AUDIT_AI_CALL, N_("AI request") },
    { LANCER_AUDIT_EXPORT, N_("Export") },
    { LANCER_AUDIT_LOCK, N_("Lock") },
    { LANCER_AUDIT_UNLOCK, N_("Unlock") },
    { LANCER_AUDIT_UNLOCK_FAILED, N_("Failed unlock") },
    { LANCER_AUDIT_PROPOSAL, N_("Proposal") },
    { LANCER_AUDIT_SETTINGS, N_("Settings") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].id, category) == 0)
      return _(labels[i].label);
  /* An entry from a newer Lancer: its id is still better than nothing. */
  return category;
}

/* What happened, as a sentence that names who did it; NULL for an entry
 * this Lancer has no sentence for. */
static const char *
sentence (const char *category,
          const char *action)
{
  static const struct { const char *category; const char *action; const char *text; } sentences[] = {
    { LANCER_AUDIT_SIGN_IN, NULL, N_("You signed in to Upwork") },
    { LANCER_AUDIT_TOKEN_REFRESH, NULL, N_("Lancer renewed its access to Upwork") },
    { LANCER_AUDIT_SYNC, "finished", N_("Lancer synced with Upwork") },
    { LANCER_AUDIT_SYNC, "failed", N_("A sync with Upwork failed") },
    { LANCER_AUDIT_AI_CALL, "proposal", N_("The AI wrote a proposal draft") },
    { LANCER_AUDIT_AI_CALL, "analysis", N_("The AI analysed a job") },
    { LANCER_AUDIT_AI_CALL, "analysis-repair", N_("The AI corrected a job analysis") },
    { LANCER_AUDIT_AI_CALL, "reply", N_("The AI suggested a reply") },
    { LANCER_AUDIT_AI_CALL, NULL, N_("Lancer asked the AI") },
    { LANCER_AUDIT_EXPORT, "audit-exported", N_("You exported the activity log") },
    { LANCER_AUDIT_EXPORT, NULL, N_("You exported analytics") },
    { LANCER_AUDIT_LOCK, NULL, N_("Lancer locked") },
    { LANCER_AUDIT_UNLOCK, NULL, N_("You unlocked Lancer") },
    { LANCER_AUDIT_UNLOCK_FAILED, "disable-refused", N_("Turning the lock off was refused: wrong code") },
    { LANCER_AUDIT_UNLOCK_FAILED, NULL, N_("Someone tried to unlock Lancer with a wrong code") },
    { LANCER_AUDIT_SETTINGS, "lock-enabled", N_("You turned the lock on") },
    { LANCER_AUDIT_SETTINGS, "lock-disabled", N_("You turned the lock off") },
    { LANCER_AUDIT_SETTINGS, "recovery-codes-regenerated", N_("You made new recovery codes") },
    { LANCER_AUDIT_SETTINGS, NULL, N_("You changed settings") },
    { LANCER_AUDIT_PROPOSAL, "submitted", N_("You sent a proposal to Upwork") },
    { LANCER_AUDIT_PROPOSAL, "recorded", N_("You recorded a proposal as sent") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    if (g_strcmp0 (sentences[i].category, category) == 0 &&
        (sentences[i].action == NULL || g_strcmp0 (sentences[i].action, action) == 0))
      return _(sentences[i].text);
  return NULL;
}

/* "lock-enabled" reads as "Lock enabled". */
static char *
humanize (const char *action)
{
  g_autofree char *text = g_strdelimit (g_strdup (action ? action : ""), "-_", ' ');

  if (text[0] == '\0')
    return g_steal_pointer (&text);
  return g_strdup_printf ("%c%s", g_ascii_toupper (text[0]), text + 1);
}

/* GObject overrides */

static void
lancer_audit_entry_finalize (GObject *object)
{
  LancerAuditEntry *self = (LancerAuditEntry *) object;

  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->action, g_free);
  g_clear_pointer (&self->detail, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (lancer_audit_entry_parent_class)->finalize (object);
}

/* The string properties, each read through its public getter. */
static const struct {
  guint        id;
  const char  *name;
  const char *(*get) (LancerAuditEntry *self);
} string_props[] = {
  { PROP_CATEGORY, "category", lancer_audit_entry_get_category },
  { PROP_CATEGORY_LABEL, "category-label", lancer_audit_entry_get_category_label },
  { PROP_ACTION, "action", lancer_audit_entry_get_action },
  { PROP_TITLE, "title", lancer_audit_entry_get_title },
  { PROP_DETAIL, "detail", lancer_audit_entry_get_detail },
  { PROP_DESCRIPTION, "description", lancer_audit_entry_get_description },
};

static void
lancer_audit_entry_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LancerAuditEntry *self = LANCER_AUDIT_ENTRY (object);

  if (prop_id == PROP_TIME)
    {
      g_value_set_int64 (value, self->time);
      return;
    }
  if (prop_id == PROP_DATE_TIME)
    {
      g_value_take_boxed (value, lancer_audit_entry_get_date_time (self));
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (string_props); i++)
    if (string_props[i].id == prop_id)
      {
        g_value_set_string (value, string_props[i].get (self));
        return;
      }
  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lancer_audit_entry_class_init (LancerAuditEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lancer_audit_entry_finalize;
  object_class->get_property = lancer_audit_entry_get_property;

  properties[PROP_TIME] =
    g_param_spec_int64 ("time", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_DATE_TIME] =
    g_param_spec_boxed ("date-time", NULL, NULL, G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  for (guint i = 0; i < G_N_ELEMENTS (string_props); i++)
    properties[string_props[i].id] =
      g_param_spec_string (string_props[i].name, NULL, NULL, NULL,
                           (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lancer_audit_entry_init (LancerAuditEntry *self)
{
}

/* Public API */

LancerAuditEntry *
lancer_audit_entry_new (gint64      time,
                        const char *category,
                        const char *action,
                        const char *detail)
{
  LancerAuditEntry *self;

  self = g_object_new (LANCER_TYPE_AUDIT_ENTRY, NULL);
  self->time = time;
  self->category = g_strdup (category ? category : "");
  self->action = g_strdup (action ? action : "");
  self->detail = g_strdup (detail);
  /* Made here, so getters stay safe from any thread. */
  self->title = sentence (self->category, self->action) != NULL
                ? g_strdup (sentence (self->category, self->action)) : humanize (self->action);
  {
    g_autofree char *when = lancer_format_date_time (time / G_USEC_PER_SEC);

    /* Translators: an activity log entry as one sentence: who did what,
     * then when, e.g. "You turned the lock on, 6 Dec 2026, 14:05." */
    self->description = g_strdup_printf (_("%s, %s."), self->title, when);
  }
  return self;
}

gint64
lancer_audit_entry_get_time (LancerAuditEntry *self)
{
  g_return_val_if_fail (LANCER_IS_AUDIT_ENTRY (self), 0);
  return self->time;
}

GDateTime *
lancer_audit_entry_get_date_time (LancerAuditEntry *self)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (LANCER_IS_AUDIT_ENTRY (self), NULL);

  utc = g_date_time_new_from_unix_utc (self->time / G_USEC_PER_SEC);
  return utc != NULL ? g_date_time_to_local (utc) : NULL;
}

const char *
lancer_audit_entry_get_category (LancerAuditEntry *self)
{
  g_return_val_if_fail (LANCER_IS_AUDIT_ENTRY (self), NULL);
  return self->category;
}

const char *
lancer_audit_entry_get_category_label (LancerAuditEntry *self)
{
  g_return_val_if_fail (LANCER_IS_AUDIT_ENTRY (self), NULL);
  return category_label (self->category);
}

const char *
lancer_audit_entry_get_action (LancerAuditEntry *self)
{
  g_return_val_if_fail (LANCER_IS_AUDIT_ENTRY (self), NULL);
  return self->action;
}

const char *
lancer_audit_entry_get_title (LancerAuditEntry *self)
{
  g_return_val_if_fail (LANCER_IS_AUDIT_ENTRY (self), NULL);
  return self->title;
}

const char *
lancer_audit_entry_get_detail (LancerAuditEntry *self)
{
  g_return_val_if_fail (LANCER_IS_AUDIT_ENTRY (self), NULL);
  return self->detail;
}

const char *
lancer_audit_entry_get_description (LancerAuditEntry *self)
{
  g_return_val_if_fail (LANCER_IS_AUDIT_ENTRY (self), NULL);
  return self->description;
}

char *
lancer_audit_entry_format_time (LancerAuditEntry *self)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (LANCER_IS_AUDIT_ENTRY (self), NULL);

  dt = g_date_time_new_from_unix_utc (self->time / G_USEC_PER_SEC);
  if (dt == NULL)
    return g_strdup ("");
  base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", base, (int) ((self->time % G_USEC_PER_SEC) / 1000));
}
