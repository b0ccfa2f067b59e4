/* lancer-diary-week.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-diary-week"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "lancer-diary-day-row.h"
#include "lancer-diary-week.h"
#include "lancer-format.h"

/* A day's bar is full at this many hours, or the week's longest day. */
#define FULL_DAY_MINUTES (8 * 60)

struct _LancerDiaryWeek
{
  GtkWidget        parent_instance;

  GSettings       *settings;
  char            *contract_id;
  gint             minutes;
  gboolean         filling;     /* the spin button is set, not changed */

  GtkLabel        *title_label;
  GtkLabel        *client_label;
  GtkLabel        *total_label;
  GtkLevelBar     *limit_bar;
  GtkListBox      *day_list;
  AdwActionRow    *week_earnings_row;
  AdwActionRow    *fixed_row;
  AdwActionRow    *paid_row;
  AdwActionRow    *tracked_row;
  GtkWidget       *limit_list;
  GtkSpinButton   *limit_spin;
  GtkSwitch       *reminder_switch;
};

G_DEFINE_FINAL_TYPE (LancerDiaryWeek, lancer_diary_week, GTK_TYPE_WIDGET)

double
lancer_diary_get_weekly_limit (GSettings  *settings,
                               const char *contract_id)
{
  g_autoptr(GVariant) limits = NULL;
  double hours = 0;

  if (settings == NULL || contract_id == NULL)
    return 0;
  limits = g_settings_get_value (settings, "diary-weekly-limits");
  if (!g_variant_lookup (limits, contract_id, "d", &hours))
    return 0;
  return hours;
}

void
lancer_diary_set_weekly_limit (GSettings  *settings,
                               const char *contract_id,
                               double      hours)
{
  g_autoptr(GVariant) limits = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  double value;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (contract_id != NULL);

  limits = g_settings_get_value (settings, "diary-weekly-limits");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sd}"));
  g_variant_iter_init (&iter, limits);
  while (g_variant_iter_next (&iter, "{&sd}", &key, &value))
    if (g_strcmp0 (key, contract_id) != 0)
      g_variant_builder_add (&builder, "{sd}", key, value);
  if (hours > 0)
    g_variant_builder_add (&builder, "{sd}", contract_id, hours);
  g_settings_set_value (settings, "diary-weekly-limits", g_variant_builder_end (&builder));
}

static void
limit_changed_cb (LancerDiaryWeek *self)
{
  if (!self->filling && self->settings != NULL && self->contract_id != NULL)
    lancer_diary_set_weekly_limit (self->settings, self->contract_id,
                                   gtk_spin_button_get_value (self->limit_spin));
}

static void
set_row (AdwActionRow *row,
         const char   *value)
{
  adw_action_row_set_subtitle (row, value != NULL ? value : "");
  gtk_widget_set_visible (GTK_WIDGET (row), value != NULL);
}

void
lancer_diary_week_show (LancerDiaryWeek *self,
                        LancerContract  *contract,
                        GPtrArray       *days)
{
  const char *title = lancer_contract_get_title (contract);
  const char *currency = lancer_contract_get_currency (contract);
  gboolean hourly = lancer_contract_get_hourly (contract);
  double rate = lancer_contract_get_hourly_rate (contract);
  double fixed = lancer_contract_get_fixed_amount (contract);
  double limit;
  guint total = 0, longest = 0;
  g_autofree char *total_text = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *paid = lancer_format_money (lancer_contract_get_paid (contract), currency);
  g_autofree char *tracked = lancer_diary_format_duration (lancer_contract_get_total_minutes (contract));
  g_autofree char *week_amount = NULL;
  g_autofree char *fixed_amount = NULL;
  GtkWidget *child;

  g_return_if_fail (LANCER_IS_DIARY_WEEK (self));
  g_return_if_fail (LANCER_IS_CONTRACT (contract));

  g_free (self->contract_id);
  self->contract_id = g_strdup (lancer_contract_get_id (contract));
  limit = lancer_diary_get_weekly_limit (self->settings, self->contract_id);
  for (guint i = 0; i < days->len; i++)
    {
      LancerDiaryDay *day = g_ptr_array_index (days, i);

      total += day->minutes;
      longest = MAX (longest, day->minutes);
    }
  self->minutes = (gint) total;

  gtk_label_set_label (self->title_label, title != NULL && *title != '\0' ? title : _("Untitled contract"));
  gtk_label_set_label (self->client_label, lancer_contract_get_client_name (contract));
  gtk_widget_set_visible (GTK_WIDGET (self->client_label), lancer_contract_get_client_name (contract) != NULL);

  total_text = lancer_diary_format_duration (total);
  if (hourly && limit > 0)
    {
      g_autofree char *limit_text = lancer_diary_format_duration ((guint) (limit * 60));

      /* Translators: time tracked this week and the weekly limit,
       * "18 h 30 min of 40 h this week". */
      summary = g_strdup_printf (_("%s of %s this week"), total_text, limit_text);
      gtk_level_bar_set_max_value (self->limit_bar, limit * 60);
      gtk_level_bar_set_value (self->limit_bar, MIN (total, limit * 60));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->limit_bar), GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
    }
  else
    /* Translators: time tracked this week, "18 h 30 min this week". */
    summary = g_strdup_printf (_("%s this week"), total_text);
  gtk_label_set_label (self->total_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->limit_bar), hourly && limit > 0);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->day_list))) != NULL)
    gtk_list_box_remove (self->day_list, child);
  for (guint i = 0; i < days->len; i++)
    gtk_list_box_append (self->day_list,
                         lancer_diary_day_row_new (g_ptr_array_index (days, i), MAX (FULL_DAY_MINUTES, longest)));

  if (hourly && !isnan (rate))
    {
      g_autofree char *amount = lancer_format_money (total / 60.0 * rate, currency);
      g_autofree char *rate_text = lancer_format_money (rate, currency);

      /* Translators: earned this week, time × hourly rate: "$925.00 (18 h 30 min × $50.00)". */
      week_amount = g_strdup_printf (_("%s (%s × %s)"), amount, total_text, rate_text);
    }
  if (!hourly && !isnan (fixed))
    fixed_amount = lancer_format_money (fixed, currency);
  set_row (self->week_earnings_row, week_amount);
  set_row (self->fixed_row, fixed_amount);
  set_row (self->paid_row, paid);
  set_row (self->tracked_row, hourly ? tracked : NULL);

  /* A limit and a reminder only mean something for hourly work. */
  gtk_widget_set_visible (self->limit_list, hourly);
  self->filling = TRUE;
  gtk_spin_button_set_value (self->limit_spin, limit);
  self->filling = FALSE;
}

void
lancer_diary_week_set_settings (LancerDiaryWeek *self,
                                GSettings       *settings)
{
  g_return_if_fail (LANCER_IS_DIARY_WEEK (self));

  if (self->settings == settings)
    return;
  if (self->settings != NULL)
    g_settings_unbind (self->reminder_switch, "active");
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    g_settings_bind (settings, "diary-reminder", self->reminder_switch, "active", G_SETTINGS_BIND_DEFAULT);
}

gint
lancer_diary_week_get_minutes (LancerDiaryWeek *self)
{
  g_return_val_if_fail (LANCER_IS_DIARY_WEEK (self), -1);
  return self->minutes;
}

GtkSpinButton *
lancer_diary_week_get_limit_spin (LancerDiaryWeek *self)
{
  g_return_val_if_fail (LANCER_IS_DIARY_WEEK (self), NULL);
  return self->limit_spin;
}

static void
lancer_diary_week_dispose (GObject *object)
{
  LancerDiaryWeek *self = LANCER_DIARY_WEEK (object);

  if (self->settings != NULL && self->reminder_switch != NULL)
    g_settings_unbind (self->reminder_switch, "active");
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_DIARY_WEEK);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lancer_diary_week_parent_class)->dispose (object);
}

static void
lancer_diary_week_finalize (GObject *object)
{
  g_free (LANCER_DIARY_WEEK (object)->contract_id);
  G_OBJECT_CLASS (lancer_diary_week_parent_class)->finalize (object);
}

static void
lancer_diary_week_class_init (LancerDiaryWeekClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_diary_week_dispose;
  object_class->finalize = lancer_diary_week_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-diary-week.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryWeek, title_label);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryWeek, client_label);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryWeek, total_label);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryWeek, limit_bar);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryWeek, day_list);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryWeek, week_earnings_row);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryWeek, fixed_row);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryWeek, paid_row);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryWeek, tracked_row);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryWeek, limit_list);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryWeek, limit_spin);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryWeek, reminder_switch);
  gtk_widget_class_bind_template_callback (widget_class, limit_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lancer_diary_week_init (LancerDiaryWeek *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->minutes = -1;
}
