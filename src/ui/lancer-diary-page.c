/* lancer-diary-page.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-diary-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "lancer-diary-page.h"
#include "lancer-format.h"
#include "lancer-load-when-shown.h"
#include "lancer-store-diary.h"
#include "lancer-sync-status-bar.h"

struct _LancerDiaryPage
{
  GtkWidget          parent_instance;

  LancerSession     *session;
  gboolean           disposed;
  LancerStore       *store;
  GSettings         *settings;
  GCancellable      *cancellable;
  GCancellable      *week_cancellable;
  GPtrArray         *contracts;       /* LancerContract */
  gboolean           loaded;
  gboolean           reloading;
  gboolean           reload_again;
  char              *contract_id;
  char              *week_start;
  gint               week_minutes;
  gboolean           reminder_dismissed;

  GtkStack          *stack;
  AdwStatusPage     *error_page;
  GtkBox            *status_box;
  GtkBox            *empty_status_box;
  GtkRevealer       *reminder_revealer;
  GtkLabel          *reminder_label;
  AdwLeaflet        *leaflet;
  GtkListBox        *contract_list;
  GtkWidget         *back_button;
  GtkLabel          *week_label;
  GtkBox            *week_box;

  GtkWidget         *status_bar;
  GtkWidget         *empty_status_bar;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LancerDiaryPage, lancer_diary_page, GTK_TYPE_WIDGET)

static const char * const status_resources[] = { "contracts", "diary", "earnings", NULL };

static void reload (LancerDiaryPage *self);
static void load_week (LancerDiaryPage *self);

static char *
format_hours (guint minutes)
{
  /* Translators: hours with one decimal, e.g. "12.5 h". */
  return g_strdup_printf (_("%.1f h"), minutes / 60.0);
}

static GtkWidget *
make_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
remove_all_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_LIST_BOX (widget))
        gtk_list_box_remove (GTK_LIST_BOX (widget), child);
      else
        gtk_box_remove (GTK_BOX (widget), child);
    }
}

static double
get_limit (LancerDiaryPage *self,
           const char      *contract_id)
{
  g_autoptr(GVariant) limits = NULL;
  double hours = 0;

  if (self->settings == NULL || contract_id == NULL)
    return 0;
  limits = g_settings_get_value (self->settings, "diary-weekly-limits");
  if (!g_variant_lookup (limits, contract_id, "d", &hours))
    return 0;
  return hours;
}

static void
set_limit (LancerDiaryPage *self,
           const char      *contract_id,
           double           hours)
{
  g_autoptr(GVariant) limits = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  double value;

  if (self->settings == NULL)
    return;
  limits = g_settings_get_value (self->settings, "diary-weekly-limits");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sd}"));
  g_variant_iter_init (&iter, limits);
  while (g_variant_iter_next (&iter, "{&sd}", &key, &value))
    if (g_strcmp0 (key, contract_id) != 0)
      g_variant_builder_add (&builder, "{sd}", key, value);
  if (hours > 0)
    g_variant_builder_add (&builder, "{sd}", contract_id, hours);
  g_settings_set_value (self->settings, "diary-weekly-limits", g_variant_builder_end (&builder));
}

static LancerContract *
find_contract (LancerDiaryPage *self,
               const char      *id)
{
  for (guint i = 0; self->contracts != NULL && i < self->contracts->len; i++)
    {
      LancerContract *c = g_ptr_array_index (self->contracts, i);

      if (g_strcmp0 (c->id, id) == 0)
        return c;
    }
  return NULL;
}

static guint
days_elapsed (const char *week_start)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *this_week = lancer_diary_week_start (now);
  int cmp = g_strcmp0 (week_start, this_week);

  if (cmp < 0)
    return 7;
  if (cmp > 0)
    return 0;
  return (guint) g_date_time_get_day_of_week (now);
}

/* ---- mode ---- */

static void
update_mode (LancerDiaryPage *self)
{
  if (self->session == NULL || lancer_session_get_state (self->session) == LANCER_SESSION_OPENING)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }
  if (lancer_session_get_state (self->session) == LANCER_SESSION_FAILED)
    {
      adw_status_page_set_description (self->error_page, lancer_session_get_error_message (self->session));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  if (!self->loaded)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (self->contracts->len == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "main");
}

static void
update_reminder (LancerDiaryPage *self)
{
  LancerContract *behind = NULL;
  double behind_limit = 0;

  if (self->settings != NULL && g_settings_get_boolean (self->settings, "diary-reminder") &&
      !self->reminder_dismissed)
    {
      guint elapsed = days_elapsed (self->week_start);

      for (guint i = 0; behind == NULL && i < self->contracts->len; i++)
        {
          LancerContract *c = g_ptr_array_index (self->contracts, i);
          double limit = get_limit (self, c->id);

          if (c->hourly && c->ended_at == 0 && lancer_diary_week_is_far_below (c->week_minutes, limit, elapsed))
            {
              behind = c;
              behind_limit = limit;
            }
        }
    }
  if (behind != NULL)
    {
      g_autofree char *hours = format_hours (behind->week_minutes);
      /* Translators: contract title, hours tracked, weekly limit in hours. */
      g_autofree char *text = g_strdup_printf (_("“%s” has %s this week, far below its %.0f h weekly limit."),
                                               behind->title != NULL ? behind->title : _("A contract"),
                                               hours, behind_limit);

      gtk_label_set_label (self->reminder_label, text);
    }
  gtk_revealer_set_reveal_child (self->reminder_revealer, behind != NULL);
}

/* ---- contracts ---- */

static GtkWidget *
make_contract_row (LancerContract *c)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (c->title != NULL ? c->title : _("Untitled contract"));
  g_autofree char *hours = format_hours (c->week_minutes);
  g_autofree char *sub = NULL;
  g_autofree char *a11y = NULL;
  GtkWidget *subtitle;

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), title);
  if (c->hourly)
    /* Translators: hours this week · client (or status). */
    sub = g_strdup_printf (_("%s this week · %s"), hours,
                           c->client_name != NULL ? c->client_name : (c->status != NULL ? c->status : ""));
  else
    sub = g_strdup_printf (_("Fixed price · %s"),
                           c->client_name != NULL ? c->client_name : (c->status != NULL ? c->status : ""));
  subtitle = gtk_label_new (sub);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  a11y = g_strdup_printf ("%s, %s", gtk_label_get_label (GTK_LABEL (title)), sub);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_object_set_data_full (G_OBJECT (row), "contract-id", g_strdup (c->id), g_free);
  return row;
}

static void
contracts_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LancerDiaryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *contracts = lancer_store_list_contracts_finish (LANCER_STORE (object), result, &error);

  /* The store completes work that already ran even when it was cancelled
   * since: a disposed page has no widgets left to fill. */
  if (self->disposed)
    {
      g_clear_pointer (&contracts, g_ptr_array_unref);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->reloading = FALSE;
  if (contracts == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  g_clear_pointer (&self->contracts, g_ptr_array_unref);
  self->contracts = contracts;
  self->loaded = TRUE;

  remove_all_children (GTK_WIDGET (self->contract_list));
  for (guint i = 0; i < contracts->len; i++)
    {
      LancerContract *c = g_ptr_array_index (contracts, i);
      GtkWidget *row = make_contract_row (c);

      gtk_list_box_append (self->contract_list, row);
      if (g_strcmp0 (c->id, self->contract_id) == 0)
        gtk_list_box_select_row (self->contract_list, GTK_LIST_BOX_ROW (row));
    }
  if (self->contract_id == NULL && contracts->len > 0)
    {
      LancerContract *first = g_ptr_array_index (contracts, 0);

      self->contract_id = g_strdup (first->id);
      gtk_list_box_select_row (self->contract_list, gtk_list_box_get_row_at_index (self->contract_list, 0));
    }
  update_mode (self);
  update_reminder (self);
  load_week (self);
  if (self->reload_again)
    reload (self);
}

static void
reload (LancerDiaryPage *self)
{
  if (self->store == NULL)
    return;
  if (self->reloading)
    {
      self->reload_again = TRUE;
      return;
    }
  self->reloading = TRUE;
  self->reload_again = FALSE;
  lancer_store_list_contracts_async (self->store, self->week_start, self->cancellable,
                                     contracts_cb, g_object_ref (self));
}

/* ---- week ---- */

static void
limit_changed_cb (GtkSpinButton   *spin,
                  LancerDiaryPage *self)
{
  if (self->contract_id != NULL)
    set_limit (self, self->contract_id, gtk_spin_button_get_value (spin));
}

static void
add_fact (GtkWidget  *list,
          const char *title,
          const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
}

static GtkWidget *
boxed_list (const char *name)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return list;
}

static void
show_week (LancerDiaryPage *self,
           GPtrArray       *days)
{
  LancerContract *c = find_contract (self, self->contract_id);
  double limit = get_limit (self, self->contract_id);
  guint total = 0, max_day = 0;
  GtkWidget *list, *totals, *title, *heading;
  g_autofree char *total_text = NULL;

  remove_all_children (GTK_WIDGET (self->week_box));
  for (guint i = 0; i < days->len; i++)
    {
      LancerDiaryDay *d = g_ptr_array_index (days, i);

      total += d->minutes;
      max_day = MAX (max_day, d->minutes);
    }
  self->week_minutes = (gint) total;

  heading = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  title = make_label (c != NULL && c->title != NULL ? c->title : _("Untitled contract"), "title-2");
  gtk_box_append (GTK_BOX (heading), title);
  if (c != NULL && c->client_name != NULL)
    gtk_box_append (GTK_BOX (heading), make_label (c->client_name, "dim-label"));
  gtk_box_append (self->week_box, heading);

  /* Totals against the weekly limit. */
  totals = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  total_text = format_hours (total);
  if (limit > 0)
    {
      /* Translators: "18.5 h of 40 h this week". */
      g_autofree char *text = g_strdup_printf (_("%s of %.0f h this week"), total_text, limit);
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, limit);

      gtk_box_append (GTK_BOX (totals), make_label (text, "heading"));
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), MIN (total / 60.0, limit));
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      gtk_box_append (GTK_BOX (totals), bar);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("%s this week"), total_text);

      gtk_box_append (GTK_BOX (totals), make_label (text, "heading"));
    }
  gtk_box_append (self->week_box, totals);

  /* Days. */
  list = boxed_list (_("Hours per day"));
  for (guint i = 0; i < days->len; i++)
    {
      LancerDiaryDay *d = g_ptr_array_index (days, i);
      g_autoptr(GDateTime) date = NULL;
      g_autofree char *day_name = NULL;
      g_autofree char *hours = format_hours (d->minutes);
      g_autofree char *a11y = NULL;
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *name, *bar, *value;
      int y, m, dd;

      if (sscanf (d->day, "%4d-%2d-%2d", &y, &m, &dd) == 3)
        date = g_date_time_new_local (y, m, dd, 0, 0, 0);
      day_name = date != NULL ? g_date_time_format (date, "%a %e %b") : g_strdup (d->day);
      name = gtk_label_new (day_name);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_width_chars (GTK_LABEL (name), 10);
      bar = gtk_level_bar_new_for_interval (0, MAX (8 * 60, max_day));
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), d->minutes);
      gtk_widget_set_hexpand (bar, TRUE);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (bar, "diary-bar");
      value = gtk_label_new (hours);
      gtk_label_set_width_chars (GTK_LABEL (value), 6);
      gtk_label_set_xalign (GTK_LABEL (value), 1);
      gtk_widget_add_css_class (value, "numeric");
      if (d->minutes == 0)
        gtk_widget_add_css_class (value, "dim-label");
      gtk_box_append (GTK_BOX (line), name);
      gtk_box_append (GTK_BOX (line), bar);
      gtk_box_append (GTK_BOX (line), value);
      gtk_box_append (GTK_BOX (box), line);
      if (d->memo != NULL && *d->memo != '\0')
        {
          GtkWidget *memo = make_label (d->memo, "dim-label");

          gtk_widget_add_css_class (memo, "caption");
          gtk_box_append (GTK_BOX (box), memo);
        }
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      /* Translators: day, hours, memo. */
      a11y = g_strdup_printf ("%s, %s%s%s", day_name, hours, d->memo != NULL ? ", " : "",
                              d->memo != NULL ? d->memo : "");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (self->week_box, list);

  /* Earnings. */
  if (c != NULL)
    {
      GtkWidget *money = boxed_list (_("Earnings"));
      g_autofree char *paid = lancer_format_money (c->paid, c->currency);
      g_autofree char *all_hours = format_hours (c->total_minutes);

      gtk_box_append (self->week_box, make_label (_("Earnings"), "heading"));
      if (c->hourly && !isnan (c->hourly_rate))
        {
          g_autofree char *amount = lancer_format_money (total / 60.0 * c->hourly_rate, c->currency);
          g_autofree char *rate = lancer_format_money (c->hourly_rate, c->currency);
          /* Translators: amount (hours × rate), an estimate before fees. */
          g_autofree char *text = g_strdup_printf (_("%s (%s × %s, before fees)"), amount, total_text, rate);

          add_fact (money, _("This week"), text);
        }
      else if (!c->hourly && !isnan (c->fixed_amount))
        {
          g_autofree char *amount = lancer_format_money (c->fixed_amount, c->currency);

          add_fact (money, _("Fixed price"), amount);
        }
      add_fact (money, _("Paid to date"), paid);
      add_fact (money, _("Tracked in total"), all_hours);
      gtk_box_append (self->week_box, money);
    }

  /* Settings for this contract and the reminder. */
  if (c != NULL && c->hourly)
    {
      GtkWidget *prefs = boxed_list (_("Weekly limit"));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (0, 80, 1);
      GtkWidget *reminder = adw_action_row_new ();
      GtkWidget *sw = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Weekly limit"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Hours a week the client allows; 0 for none"));
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), limit);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Weekly limit in hours"), -1);
      g_signal_connect_object (spin, "value-changed", G_CALLBACK (limit_changed_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      gtk_list_box_append (GTK_LIST_BOX (prefs), row);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reminder), _("Remind Me When Far Behind"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (reminder),
                                   _("When a week has under a quarter of a contract's limit"));
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remind me when far behind"), -1);
      if (self->settings != NULL)
        g_settings_bind (self->settings, "diary-reminder", sw, "active", G_SETTINGS_BIND_DEFAULT);
      adw_action_row_add_suffix (ADW_ACTION_ROW (reminder), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (reminder), sw);
      gtk_list_box_append (GTK_LIST_BOX (prefs), reminder);
      gtk_box_append (self->week_box, prefs);
    }
}

static void
week_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LancerDiaryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) days = lancer_store_get_diary_week_finish (LANCER_STORE (object), result, &error);

  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (days == NULL)
    {
      remove_all_children (GTK_WIDGET (self->week_box));
      gtk_box_append (self->week_box, make_label (error->message, "error"));
      return;
    }
  show_week (self, days);
}

static void
update_week_label (LancerDiaryPage *self)
{
  int y, m, d;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *text = NULL;

  if (sscanf (self->week_start, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return;
  start = g_date_time_new_local (y, m, d, 0, 0, 0);
  end = g_date_time_add_days (start, 6);
  b = g_date_time_format (end, "%e %b %Y");
  if (g_date_time_get_month (start) == g_date_time_get_month (end))
    {
      /* Short enough for a phone: "16–22 Nov 2026". */
      a = g_date_time_format (start, "%e");
      /* Translators: a week within one month, "16–22 Nov 2026". */
      text = g_strdup_printf (_("%s–%s"), g_strstrip (a), g_strstrip (b));
    }
  else
    {
      a = g_date_time_format (start, "%e %b");
      /* Translators: a week, "30 Mar – 5 Apr 2026". */
      text = g_strdup_printf (_("%s – %s"), g_strstrip (a), g_strstrip (b));
    }
  gtk_label_set_label (self->week_label, text);
}

static void
load_week (LancerDiaryPage *self)
{
  update_week_label (self);
  if (self->store == NULL || self->contract_id == NULL)
    return;
  self->week_minutes = -1;
  g_cancellable_cancel (self->week_cancellable);
  g_clear_object (&self->week_cancellable);
  self->week_cancellable = g_cancellable_new ();
  lancer_store_get_diary_week_async (self->store, self->contract_id, self->week_start,
                                     self->week_cancellable, week_cb, g_object_ref (self));
}

static void
set_week (LancerDiaryPage *self,
          char            *week_start)
{
  g_free (self->week_start);
  self->week_start = week_start;
  self->reminder_dismissed = FALSE;
  /* Week figures in the list change with the week, so reload it too. */
  reload (self);
}

static void
previous_week_cb (LancerDiaryPage *self)
{
  set_week (self, lancer_diary_week_shift (self->week_start, -1));
}

static void
next_week_cb (LancerDiaryPage *self)
{
  set_week (self, lancer_diary_week_shift (self->week_start, 1));
}

static void
this_week_cb (LancerDiaryPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  set_week (self, lancer_diary_week_start (now));
}

static void
contract_activated_cb (LancerDiaryPage *self,
                       GtkListBoxRow   *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "contract-id");

  g_free (self->contract_id);
  self->contract_id = g_strdup (id);
  load_week (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "week");
}

static void
back_clicked_cb (LancerDiaryPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
reminder_dismiss_cb (LancerDiaryPage *self)
{
  self->reminder_dismissed = TRUE;
  gtk_revealer_set_reveal_child (self->reminder_revealer, FALSE);
}

void
lancer_diary_page_show_week (LancerDiaryPage *self,
                             const char      *contract_id,
                             const char      *week_start)
{
  g_return_if_fail (LANCER_IS_DIARY_PAGE (self));

  g_free (self->contract_id);
  self->contract_id = g_strdup (contract_id);
  adw_leaflet_set_visible_child_name (self->leaflet, "week");
  set_week (self, g_strdup (week_start));
}

gint
lancer_diary_page_get_week_minutes (LancerDiaryPage *self)
{
  g_return_val_if_fail (LANCER_IS_DIARY_PAGE (self), -1);
  return self->week_minutes;
}

gboolean
lancer_diary_page_get_reminder_shown (LancerDiaryPage *self)
{
  g_return_val_if_fail (LANCER_IS_DIARY_PAGE (self), FALSE);
  return gtk_revealer_get_reveal_child (self->reminder_revealer);
}

/* ---- session ---- */

static void
store_changed_cb (LancerDiaryPage *self)
{
  lancer_load_now_or_when_shown (GTK_WIDGET (self), (LancerLoadFunc) reload);
}

static void
settings_changed_cb (LancerDiaryPage *self)
{
  if (self->loaded)
    {
      update_reminder (self);
      load_week (self);
    }
}

static void
session_state_cb (LancerDiaryPage *self)
{
  LancerStore *store;

  if (self->disposed)
    return;
  store = lancer_session_get_state (self->session) == LANCER_SESSION_READY
                       ? lancer_session_get_store (self->session) : NULL;

  if (store != NULL && self->store != store)
    {
      g_set_object (&self->store, store);
      g_set_object (&self->settings, lancer_session_get_settings (self->session));
      if (self->settings != NULL)
        {
          g_signal_connect_object (self->settings, "changed::diary-reminder", G_CALLBACK (settings_changed_cb),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (self->settings, "changed::diary-weekly-limits", G_CALLBACK (settings_changed_cb),
                                   self, G_CONNECT_SWAPPED);
        }
      g_signal_connect_object (store, "changed::contracts", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed::diary_days", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed::transactions", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      lancer_sync_status_bar_set_store (LANCER_SYNC_STATUS_BAR (self->status_bar), store);
      lancer_sync_status_bar_set_store (LANCER_SYNC_STATUS_BAR (self->empty_status_bar), store);
      lancer_load_now_or_when_shown (GTK_WIDGET (self), (LancerLoadFunc) reload);
    }
  update_mode (self);
}

LancerSession *
lancer_diary_page_get_session (LancerDiaryPage *self)
{
  g_return_val_if_fail (LANCER_IS_DIARY_PAGE (self), NULL);
  return self->session;
}

void
lancer_diary_page_set_session (LancerDiaryPage *self,
                               LancerSession   *session)
{
  g_return_if_fail (LANCER_IS_DIARY_PAGE (self));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->contract_id, g_free);
  self->loaded = FALSE;
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::state", G_CALLBACK (session_state_cb), self, G_CONNECT_SWAPPED);
      session_state_cb (self);
    }
  else
    update_mode (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

const char *
lancer_diary_page_get_mode (LancerDiaryPage *self)
{
  g_return_val_if_fail (LANCER_IS_DIARY_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

guint
lancer_diary_page_get_n_contracts (LancerDiaryPage *self)
{
  g_return_val_if_fail (LANCER_IS_DIARY_PAGE (self), 0);
  return self->contracts->len;
}

/* ---- GObject ---- */

static void
folded_cb (LancerDiaryPage *self)
{
  gtk_widget_set_visible (self->back_button, adw_leaflet_get_folded (self->leaflet));
}

static void
lancer_diary_page_dispose (GObject *object)
{
  LancerDiaryPage *self = LANCER_DIARY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->week_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->week_cancellable);
  /* Pending callbacks may keep a disposed page alive: stop reloading. */
  self->disposed = TRUE;
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_DIARY_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lancer_diary_page_parent_class)->dispose (object);
}

static void
lancer_diary_page_finalize (GObject *object)
{
  LancerDiaryPage *self = LANCER_DIARY_PAGE (object);

  g_clear_pointer (&self->contracts, g_ptr_array_unref);
  g_free (self->contract_id);
  g_free (self->week_start);

  G_OBJECT_CLASS (lancer_diary_page_parent_class)->finalize (object);
}

static void
lancer_diary_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LancerDiaryPage *self = LANCER_DIARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, lancer_diary_page_get_session (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_diary_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LancerDiaryPage *self = LANCER_DIARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      lancer_diary_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_diary_page_class_init (LancerDiaryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lancer_diary_page_dispose;
  object_class->finalize = lancer_diary_page_finalize;
  object_class->get_property = lancer_diary_page_get_property;
  object_class->set_property = lancer_diary_page_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LANCER_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-diary-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryPage, status_box);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryPage, empty_status_box);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryPage, reminder_revealer);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryPage, reminder_label);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryPage, contract_list);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryPage, week_label);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryPage, week_box);
  gtk_widget_class_bind_template_callback (widget_class, contract_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, previous_week_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_week_cb);
  gtk_widget_class_bind_template_callback (widget_class, this_week_cb);
  gtk_widget_class_bind_template_callback (widget_class, reminder_dismiss_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lancer_diary_page_init (LancerDiaryPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->contracts = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->week_start = lancer_diary_week_start (now);
  self->week_minutes = -1;

  self->status_bar = lancer_sync_status_bar_new (status_resources);
  gtk_widget_set_hexpand (self->status_bar, TRUE);
  gtk_box_append (self->status_box, self->status_bar);
  self->empty_status_bar = lancer_sync_status_bar_new (status_resources);
  gtk_widget_set_hexpand (self->empty_status_bar, TRUE);
  gtk_box_append (self->empty_status_box, self->empty_status_bar);

  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (folded_cb), self, G_CONNECT_SWAPPED);
  folded_cb (self);
  update_week_label (self);
  update_mode (self);
}
