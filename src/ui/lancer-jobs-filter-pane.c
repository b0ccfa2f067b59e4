/* lancer-jobs-filter-pane.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-jobs-filter-pane"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lancer-jobs-filter-pane.h"

struct _LancerJobsFilterPane
{
  GtkWidget        parent_instance;

  gboolean         updating;    /* set_filter() is filling the rows */

  AdwEntryRow     *spent_row;
  AdwEntryRow     *hire_row;
  AdwEntryRow     *rating_row;
  GtkSwitch       *verified_switch;
  AdwEntryRow     *in_row;
  AdwEntryRow     *out_row;
  AdwEntryRow     *proposals_row;
  AdwEntryRow     *budget_row;
  AdwEntryRow     *rate_row;
  AdwEntryRow     *hours_row;
  GtkToggleButton *entry_toggle;
  GtkToggleButton *mid_toggle;
  GtkToggleButton *expert_toggle;
  GtkEditable     *name_entry;
  GtkWidget       *save_button;
};

enum {
  CHANGED,
  SAVE_SEARCH,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LancerJobsFilterPane, lancer_jobs_filter_pane, GTK_TYPE_WIDGET)

/* "5,000", "$5000", "4,5" and "4.5" are all numbers people type: a comma
 * before exactly three digits groups thousands, otherwise it is the
 * decimal mark. */
static gboolean
parse_number (const char *text,
              double     *value)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *comma;
  char *end = NULL;

  for (const char *p = text; *p != '\0'; p++)
    if (*p != '$' && *p != ' ')
      g_string_append_c (digits, *p);
  while ((comma = strchr (digits->str, ',')) != NULL)
    {
      gsize at = comma - digits->str;
      gboolean thousands = strspn (comma + 1, "0123456789") == 3 || strchr (digits->str, '.') != NULL;

      if (thousands)
        g_string_erase (digits, at, 1);
      else
        digits->str[at] = '.';
    }
  if (digits->len == 0)
    return FALSE;
  *value = g_ascii_strtod (digits->str, &end);
  return end != NULL && *end == '\0' && !isnan (*value);
}

/* Empty means any (0); a number that is not one, or out of [0, max],
 * marks the row and counts as any until it is fixed. */
static double
read_number (AdwEntryRow *row,
             double       max)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  double value = 0;
  gboolean valid = *text == '\0' || (parse_number (text, &value) && value >= 0 && value <= max);

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  return valid ? value : 0;
}

static void
write_number (AdwEntryRow *row,
              double       value)
{
  g_autofree char *text = value > 0 ? g_strdup_printf ("%g", value) : g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static char **
split_countries (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        {
          g_strv_builder_add (builder, parts[i]);
          n++;
        }
    }
  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

LancerJobFilter *
lancer_jobs_filter_pane_dup_filter (LancerJobsFilterPane *self)
{
  LancerJobFilter *f;
  double proposals;

  g_return_val_if_fail (LANCER_IS_JOBS_FILTER_PANE (self), NULL);

  f = lancer_job_filter_new ();
  f->min_client_spent = read_number (self->spent_row, 1e9);
  f->min_hire_rate = read_number (self->hire_row, 100) / 100.0;
  f->min_rating = read_number (self->rating_row, 5);
  f->verified_only = gtk_switch_get_active (self->verified_switch);
  f->countries_in = split_countries (gtk_editable_get_text (GTK_EDITABLE (self->in_row)));
  f->countries_out = split_countries (gtk_editable_get_text (GTK_EDITABLE (self->out_row)));
  proposals = read_number (self->proposals_row, 10000);
  f->max_proposals = *gtk_editable_get_text (GTK_EDITABLE (self->proposals_row)) != '\0' &&
                     !gtk_widget_has_css_class (GTK_WIDGET (self->proposals_row), "error")
                     ? (int) proposals : -1;
  f->budget_floor = read_number (self->budget_row, 1e9);
  f->rate_floor = read_number (self->rate_row, 1e6);
  f->posted_within_hours = (guint) read_number (self->hours_row, 24 * 365);
  f->experience = (gtk_toggle_button_get_active (self->entry_toggle) ? LANCER_EXPERIENCE_ENTRY : 0) |
                  (gtk_toggle_button_get_active (self->mid_toggle) ? LANCER_EXPERIENCE_INTERMEDIATE : 0) |
                  (gtk_toggle_button_get_active (self->expert_toggle) ? LANCER_EXPERIENCE_EXPERT : 0);
  return f;
}

void
lancer_jobs_filter_pane_set_filter (LancerJobsFilterPane  *self,
                                    const LancerJobFilter *filter)
{
  g_autoptr(LancerJobFilter) empty = lancer_job_filter_new ();
  const LancerJobFilter *f = filter != NULL ? filter : empty;
  g_autofree char *in = NULL, *out = NULL;

  g_return_if_fail (LANCER_IS_JOBS_FILTER_PANE (self));

  self->updating = TRUE;
  write_number (self->spent_row, f->min_client_spent);
  write_number (self->hire_row, round (f->min_hire_rate * 100));
  write_number (self->rating_row, f->min_rating);
  gtk_switch_set_active (self->verified_switch, f->verified_only);
  in = f->countries_in != NULL ? g_strjoinv (", ", f->countries_in) : g_strdup ("");
  out = f->countries_out != NULL ? g_strjoinv (", ", f->countries_out) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->in_row), in);
  gtk_editable_set_text (GTK_EDITABLE (self->out_row), out);
  if (f->max_proposals >= 0)
    {
      g_autofree char *text = g_strdup_printf ("%d", f->max_proposals);

      gtk_editable_set_text (GTK_EDITABLE (self->proposals_row), text);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->proposals_row), "");
  write_number (self->budget_row, f->budget_floor);
  write_number (self->rate_row, f->rate_floor);
  write_number (self->hours_row, f->posted_within_hours);
  gtk_toggle_button_set_active (self->entry_toggle, (f->experience & LANCER_EXPERIENCE_ENTRY) != 0);
  gtk_toggle_button_set_active (self->mid_toggle, (f->experience & LANCER_EXPERIENCE_INTERMEDIATE) != 0);
  gtk_toggle_button_set_active (self->expert_toggle, (f->experience & LANCER_EXPERIENCE_EXPERT) != 0);
  self->updating = FALSE;
}

static void
row_changed_cb (LancerJobsFilterPane *self)
{
  if (!self->updating)
    g_signal_emit (self, signals [CHANGED], 0);
}

static void
clear_cb (LancerJobsFilterPane *self)
{
  lancer_jobs_filter_pane_set_filter (self, NULL);
  g_signal_emit (self, signals [CHANGED], 0);
}

static void
name_changed_cb (LancerJobsFilterPane *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (self->name_entry)));

  gtk_widget_set_sensitive (self->save_button, *name != '\0');
}

static void
save_cb (LancerJobsFilterPane *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (self->name_entry)));

  if (*name == '\0')
    return;
  g_signal_emit (self, signals [SAVE_SEARCH], 0, name);
  gtk_editable_set_text (self->name_entry, "");
}

static void
lancer_jobs_filter_pane_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), LANCER_TYPE_JOBS_FILTER_PANE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lancer_jobs_filter_pane_parent_class)->dispose (object);
}

static void
lancer_jobs_filter_pane_class_init (LancerJobsFilterPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_jobs_filter_pane_dispose;

  signals [CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals [SAVE_SEARCH] = g_signal_new ("save-search", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-jobs-filter-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerJobsFilterPane, spent_row);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsFilterPane, hire_row);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsFilterPane, rating_row);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsFilterPane, verified_switch);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsFilterPane, in_row);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsFilterPane, out_row);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsFilterPane, proposals_row);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsFilterPane, budget_row);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsFilterPane, rate_row);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsFilterPane, hours_row);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsFilterPane, entry_toggle);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsFilterPane, mid_toggle);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsFilterPane, expert_toggle);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsFilterPane, name_entry);
  gtk_widget_class_bind_template_child (widget_class, LancerJobsFilterPane, save_button);
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lancer_jobs_filter_pane_init (LancerJobsFilterPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
