/* lancer-diary-day-row.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-diary-day-row"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "lancer-diary-day-row.h"

struct _LancerDiaryDayRow
{
  GtkListBoxRow  parent_instance;

  GtkLabel      *day_label;
  GtkLevelBar   *bar;
  GtkLabel      *hours_label;
  GtkLabel      *memo_label;
};

G_DEFINE_FINAL_TYPE (LancerDiaryDayRow, lancer_diary_day_row, GTK_TYPE_LIST_BOX_ROW)

char *
lancer_diary_format_duration (guint minutes)
{
  guint hours = minutes / 60;
  guint rest = minutes % 60;

  if (hours == 0 && rest > 0)
    /* Translators: a duration under an hour, "45 min". */
    return g_strdup_printf (_("%u min"), rest);
  if (rest == 0)
    /* Translators: a duration in whole hours, "3 h". */
    return g_strdup_printf (_("%u h"), hours);
  /* Translators: a duration, "3 h 30 min". */
  return g_strdup_printf (_("%u h %u min"), hours, rest);
}

GtkWidget *
lancer_diary_day_row_new (const LancerDiaryDay *day,
                          guint                 scale_minutes)
{
  LancerDiaryDayRow *self = g_object_new (LANCER_TYPE_DIARY_DAY_ROW, NULL);
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *day_name = NULL;
  g_autofree char *hours = lancer_diary_format_duration (day->minutes);
  g_autofree char *a11y = NULL;
  gboolean has_memo = day->memo != NULL && *day->memo != '\0';
  int y, m, d;

  if (sscanf (day->day, "%4d-%2d-%2d", &y, &m, &d) == 3)
    date = g_date_time_new_local (y, m, d, 0, 0, 0);
  /* Translators: a day of the week with its date, see the GDateTime
   * format codes: "Mon 16 Nov". */
  day_name = date != NULL ? g_date_time_format (date, _("%a %-d %b")) : g_strdup (day->day);
  gtk_label_set_label (self->day_label, day_name);
  gtk_level_bar_set_max_value (self->bar, MAX (scale_minutes, 1));
  gtk_level_bar_set_value (self->bar, MIN (day->minutes, MAX (scale_minutes, 1)));
  gtk_label_set_label (self->hours_label, hours);
  if (day->minutes == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->hours_label), "dim-label");
  gtk_label_set_label (self->memo_label, has_memo ? day->memo : "");
  gtk_widget_set_visible (GTK_WIDGET (self->memo_label), has_memo);
  a11y = g_strdup_printf ("%s, %s%s%s", day_name, hours, has_memo ? ", " : "", has_memo ? day->memo : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  return GTK_WIDGET (self);
}

static void
lancer_diary_day_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LANCER_TYPE_DIARY_DAY_ROW);
  G_OBJECT_CLASS (lancer_diary_day_row_parent_class)->dispose (object);
}

static void
lancer_diary_day_row_class_init (LancerDiaryDayRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lancer_diary_day_row_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-diary-day-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryDayRow, day_label);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryDayRow, bar);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryDayRow, hours_label);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryDayRow, memo_label);
}

static void
lancer_diary_day_row_init (LancerDiaryDayRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
