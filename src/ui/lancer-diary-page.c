/* lancer-diary-page.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-diary-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "lancer-diary-day-row.h"
#include "lancer-diary-page-private.h"
#include "lancer-diary-week.h"
#include "lancer-store-diary.h"
#include "lancer-sync-status-bar.h"

struct _LancerDiaryPage
{
  LancerPage          parent_instance;

  GListStore         *contracts;        /* LancerContract */
  GtkSingleSelection *selection;
  char               *contract_id;      /* the contract shown */
  char               *week_start;
  GCancellable       *week_cancellable;
  gint                week_minutes;
  gboolean            reminder_dismissed;
  GSettings          *settings;         /* followed for limits and the reminder */

  GtkWidget          *status_bar;
  GtkRevealer        *reminder_revealer;
  GtkLabel           *reminder_label;
  AdwLeaflet         *leaflet;
  GtkWidget          *back_button;
  GtkListView        *contract_view;
  GtkLabel           *week_label;
  LancerDiaryWeek    *week;
};

G_DEFINE_FINAL_TYPE (LancerDiaryPage, lancer_diary_page, LANCER_TYPE_PAGE)

static const char * const watched_tables[] = { "contracts", "diary_days", "transactions", NULL };
static const char * const status_resources[] = { "contracts", "diary", "earnings", NULL };

static void load_week (LancerDiaryPage *self);

/* ---- row closures ---- */

static char *
contract_title_cb (gpointer    unused,
                   const char *title)
{
  return g_strdup (title != NULL && *title != '\0' ? title : _("Untitled contract"));
}

static char *
contract_subtitle_cb (gpointer        unused,
                      LancerContract *contract)
{
  const char *client;
  g_autofree char *hours = NULL;

  if (contract == NULL)
    return g_strdup ("");
  client = lancer_contract_get_client_name (contract);
  if (lancer_contract_get_ended_at (contract) > 0)
    return client != NULL ? g_strdup_printf (_("Ended · %s"), client) : g_strdup (_("Ended"));
  if (!lancer_contract_get_hourly (contract))
    return client != NULL ? g_strdup_printf (_("Fixed price · %s"), client) : g_strdup (_("Fixed price"));
  hours = lancer_diary_format_duration (lancer_contract_get_week_minutes (contract));
  if (client == NULL)
    return g_strdup_printf (_("%s this week"), hours);
  /* Translators: time tracked this week · client, "12 h 30 min this week · Client A." */
  return g_strdup_printf (_("%s this week · %s"), hours, client);
}

/* ---- helpers ---- */

static LancerContract *
find_contract (LancerDiaryPage *self,
               const char      *id,
               guint           *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->contracts));

  for (guint i = 0; id != NULL && i < n; i++)
    {
      g_autoptr(LancerContract) c = g_list_model_get_item (G_LIST_MODEL (self->contracts), i);

      if (g_strcmp0 (lancer_contract_get_id (c), id) == 0)
        {
          if (position != NULL)
            *position = i;
          return c;   /* the store keeps it alive */
        }
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

static void
update_reminder (LancerDiaryPage *self)
{
  LancerContract *behind = NULL;
  double behind_limit = 0;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->contracts));

  if (self->settings != NULL && g_settings_get_boolean (self->settings, "diary-reminder") &&
      !self->reminder_dismissed)
    {
      guint elapsed = days_elapsed (self->week_start);

      for (guint i = 0; behind == NULL && i < n; i++)
        {
          g_autoptr(LancerContract) c = g_list_model_get_item (G_LIST_MODEL (self->contracts), i);
          double limit = lancer_diary_get_weekly_limit (self->settings, lancer_contract_get_id (c));

          if (lancer_contract_get_hourly (c) && lancer_contract_get_ended_at (c) == 0 &&
              lancer_diary_week_is_far_below (lancer_contract_get_week_minutes (c), limit, elapsed))
            {
              behind = c;
              behind_limit = limit;
            }
        }
    }
  if (behind != NULL)
    {
      const char *title = lancer_contract_get_title (behind);
      g_autofree char *tracked = lancer_diary_format_duration (lancer_contract_get_week_minutes (behind));
      g_autofree char *limit = lancer_diary_format_duration ((guint) (behind_limit * 60));
      /* Translators: contract title, time tracked, weekly limit:
       * "“Rust project” has 2 h this week, far below its 40 h weekly limit." */
      g_autofree char *text = g_strdup_printf (_("“%s” has %s this week, far below its %s weekly limit."),
                                               title != NULL ? title : _("A contract"), tracked, limit);

      gtk_label_set_label (self->reminder_label, text);
    }
  gtk_revealer_set_reveal_child (self->reminder_revealer, behind != NULL);
}

/* "16–22 Nov", "30 Mar – 5 Apr", with the year only when it is not this
 * one: short enough for a phone's toolbar. */
static void
update_week_label (LancerDiaryPage *self)
{
  int y, m, d;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *text = NULL;
  gboolean this_year;

  if (sscanf (self->week_start, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return;
  start = g_date_time_new_local (y, m, d, 0, 0, 0);
  end = g_date_time_add_days (start, 6);
  this_year = g_date_time_get_year (start) == g_date_time_get_year (now) &&
              g_date_time_get_year (end) == g_date_time_get_year (now);
  /* Translators: a date without and with its year, see the GDateTime
   * format codes: "6 Dec", "6 Dec 2026". */
  b = g_date_time_format (end, this_year ? _("%-d %b") : _("%-d %b %Y"));
  if (g_date_time_get_month (start) == g_date_time_get_month (end))
    {
      a = g_date_time_format (start, "%-d");
      /* Translators: a week within one month, "16–22 Nov". */
      text = g_strdup_printf (_("%s–%s"), a, b);
    }
  else
    {
      a = g_date_time_format (start, _("%-d %b"));
      /* Translators: a week across two months, "30 Mar – 5 Apr". */
      text = g_strdup_printf (_("%s – %s"), a, b);
    }
  gtk_label_set_label (self->week_label, text);
}

/* ---- the week ---- */

static void
week_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LancerDiaryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) days = lancer_store_get_diary_week_finish (LANCER_STORE (object), result, &error);
  LancerContract *contract;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->week == NULL)
    return;
  if (days == NULL)
    {
      lancer_page_show_error (LANCER_PAGE (self), error);
      return;
    }
  contract = find_contract (self, self->contract_id, NULL);
  if (contract == NULL)
    return;
  lancer_diary_week_show (self->week, contract, days);
  self->week_minutes = lancer_diary_week_get_minutes (self->week);
}

static void
load_week (LancerDiaryPage *self)
{
  LancerStore *store = lancer_page_get_store (LANCER_PAGE (self));
  guint position = GTK_INVALID_LIST_POSITION;

  update_week_label (self);
  g_cancellable_cancel (self->week_cancellable);
  g_clear_object (&self->week_cancellable);
  if (store == NULL || find_contract (self, self->contract_id, &position) == NULL)
    return;
  gtk_single_selection_set_selected (self->selection, position);
  self->week_minutes = -1;
  self->week_cancellable = g_cancellable_new ();
  lancer_store_get_diary_week_async (store, self->contract_id, self->week_start,
                                     self->week_cancellable, week_cb, g_object_ref (self));
}

static void
set_week (LancerDiaryPage *self,
          char            *week_start)
{
  g_free (self->week_start);
  self->week_start = week_start;
  self->reminder_dismissed = FALSE;
  update_week_label (self);
  /* The list's week figures change with the week: load it all again. */
  lancer_page_queue_reload (LANCER_PAGE (self));
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
                       guint            position)
{
  g_autoptr(LancerContract) c = g_list_model_get_item (G_LIST_MODEL (self->contracts), position);

  if (c == NULL)
    return;
  g_free (self->contract_id);
  self->contract_id = g_strdup (lancer_contract_get_id (c));
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

/* ---- loading ---- */

static void
settings_changed_cb (LancerDiaryPage *self)
{
  update_reminder (self);
  load_week (self);
}

static void
contracts_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LancerDiaryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contracts = lancer_store_list_contracts_finish (LANCER_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->week == NULL)
    return;
  if (contracts == NULL)
    {
      lancer_page_show_error (LANCER_PAGE (self), error);
      return;
    }
  g_list_store_splice (self->contracts, 0, g_list_model_get_n_items (G_LIST_MODEL (self->contracts)),
                       contracts->pdata, contracts->len);
  if (contracts->len == 0)
    {
      lancer_page_show_empty (LANCER_PAGE (self), "lancer-diary-symbolic", _("No Contracts"),
                              _("Your contracts, hours tracked each day and earnings appear here once Upwork syncs them."));
      return;
    }
  /* The week pane is never left empty: the first contract fills it. */
  if (find_contract (self, self->contract_id, NULL) == NULL)
    {
      g_free (self->contract_id);
      self->contract_id = g_strdup (lancer_contract_get_id (g_ptr_array_index (contracts, 0)));
    }
  update_reminder (self);
  load_week (self);
  lancer_page_show_content (LANCER_PAGE (self));
}

static void
lancer_diary_page_reload (LancerPage   *page,
                          LancerStore  *store,
                          GCancellable *cancellable)
{
  LancerDiaryPage *self = LANCER_DIARY_PAGE (page);
  GSettings *settings = lancer_page_get_settings (page);

  lancer_sync_status_bar_set_store (LANCER_SYNC_STATUS_BAR (self->status_bar), store);
  if (settings != self->settings)
    {
      if (self->settings != NULL)
        g_signal_handlers_disconnect_by_data (self->settings, self);
      g_set_object (&self->settings, settings);
      g_signal_connect_object (settings, "changed::diary-reminder", G_CALLBACK (settings_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (settings, "changed::diary-weekly-limits", G_CALLBACK (settings_changed_cb),
                               self, G_CONNECT_SWAPPED);
      lancer_diary_week_set_settings (self->week, settings);
    }
  lancer_store_list_contracts_async (store, self->week_start, cancellable, contracts_cb, g_object_ref (self));
}

static void
lancer_diary_page_reset (LancerPage *page)
{
  LancerDiaryPage *self = LANCER_DIARY_PAGE (page);

  g_cancellable_cancel (self->week_cancellable);
  g_clear_object (&self->week_cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  lancer_diary_week_set_settings (self->week, NULL);
  g_clear_pointer (&self->contract_id, g_free);
  g_list_store_remove_all (self->contracts);
  self->week_minutes = -1;
  self->reminder_dismissed = FALSE;
  gtk_revealer_set_reveal_child (self->reminder_revealer, FALSE);
  lancer_sync_status_bar_set_store (LANCER_SYNC_STATUS_BAR (self->status_bar), NULL);
  adw_leaflet_set_visible_child_name (self->leaflet, "contracts");
}

/* ---- test hooks ---- */

GListModel *
lancer_diary_page_get_contracts (LancerDiaryPage *self)
{
  g_return_val_if_fail (LANCER_IS_DIARY_PAGE (self), NULL);
  return G_LIST_MODEL (self->contracts);
}

GtkListView *
lancer_diary_page_get_contract_view (LancerDiaryPage *self)
{
  g_return_val_if_fail (LANCER_IS_DIARY_PAGE (self), NULL);
  return self->contract_view;
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

GtkSpinButton *
lancer_diary_page_get_limit_spin (LancerDiaryPage *self)
{
  g_return_val_if_fail (LANCER_IS_DIARY_PAGE (self), NULL);
  return lancer_diary_week_get_limit_spin (self->week);
}

GtkWidget *
lancer_diary_page_get_back_button (LancerDiaryPage *self)
{
  g_return_val_if_fail (LANCER_IS_DIARY_PAGE (self), NULL);
  return self->back_button;
}

const char *
lancer_diary_page_get_visible_pane (LancerDiaryPage *self)
{
  g_return_val_if_fail (LANCER_IS_DIARY_PAGE (self), NULL);
  return adw_leaflet_get_visible_child_name (self->leaflet);
}

/* ---- GObject ---- */

static void
lancer_diary_page_dispose (GObject *object)
{
  LancerDiaryPage *self = LANCER_DIARY_PAGE (object);

  g_cancellable_cancel (self->week_cancellable);
  g_clear_object (&self->week_cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANCER_TYPE_DIARY_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->contracts);

  G_OBJECT_CLASS (lancer_diary_page_parent_class)->dispose (object);
}

static void
lancer_diary_page_finalize (GObject *object)
{
  LancerDiaryPage *self = LANCER_DIARY_PAGE (object);

  g_free (self->contract_id);
  g_free (self->week_start);

  G_OBJECT_CLASS (lancer_diary_page_parent_class)->finalize (object);
}

static void
lancer_diary_page_class_init (LancerDiaryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LancerPageClass *page_class = LANCER_PAGE_CLASS (klass);

  object_class->dispose = lancer_diary_page_dispose;
  object_class->finalize = lancer_diary_page_finalize;
  page_class->reload = lancer_diary_page_reload;
  page_class->reset = lancer_diary_page_reset;
  lancer_page_class_set_watched_tables (page_class, watched_tables);

  g_type_ensure (LANCER_TYPE_DIARY_WEEK);
  g_type_ensure (LANCER_TYPE_CONTRACT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lancer-diary-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryPage, reminder_revealer);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryPage, reminder_label);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryPage, contract_view);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryPage, week_label);
  gtk_widget_class_bind_template_child (widget_class, LancerDiaryPage, week);
  gtk_widget_class_bind_template_callback (widget_class, contract_title_cb);
  gtk_widget_class_bind_template_callback (widget_class, contract_subtitle_cb);
  gtk_widget_class_bind_template_callback (widget_class, contract_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, previous_week_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_week_cb);
  gtk_widget_class_bind_template_callback (widget_class, this_week_cb);
  gtk_widget_class_bind_template_callback (widget_class, reminder_dismiss_cb);
}

static void
lancer_diary_page_init (LancerDiaryPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->contracts = g_list_store_new (LANCER_TYPE_CONTRACT);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->contracts)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_list_view_set_model (self->contract_view, GTK_SELECTION_MODEL (self->selection));
  self->week_start = lancer_diary_week_start (now);
  self->week_minutes = -1;
  update_week_label (self);

  self->status_bar = lancer_sync_status_bar_new (status_resources);
  lancer_page_set_top_bar (LANCER_PAGE (self), self->status_bar);
}
