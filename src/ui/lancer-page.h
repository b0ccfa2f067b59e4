/* lancer-page.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lancer-session.h"

G_BEGIN_DECLS

typedef enum
{
  LANCER_PAGE_LOADING,
  LANCER_PAGE_ERROR,
  LANCER_PAGE_EMPTY,
  LANCER_PAGE_READY,
} LancerPageState;

#define LANCER_TYPE_PAGE_STATE (lancer_page_state_get_type ())
GType lancer_page_state_get_type (void) G_GNUC_CONST;

#define LANCER_TYPE_PAGE (lancer_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (LancerPage, lancer_page, LANCER, PAGE, GtkWidget)

/* A page of the main window that shows one profile's data: the base follows
 * :session and its store, shows loading, error and empty states, loads only
 * while the page is on screen, and cancels what a previous profile started.
 * Subclasses put their widgets in :content (from their template) and
 * implement reset() and reload(). */
struct _LancerPageClass
{
  GtkWidgetClass parent_class;

  /* Forgets everything shown from the previous session (profile switch). */
  void (*reset)  (LancerPage   *self);
  /* Loads from @store; ends with lancer_page_show_content(), _show_empty()
   * or _show_error(). @cancellable is cancelled if the session changes or
   * the page goes away: callbacks must then return without touching @self. */
  void (*reload) (LancerPage   *self,
                  LancerStore  *store,
                  GCancellable *cancellable);

  /*< private >*/
  const char * const *watched_tables;
  gpointer padding[8];
};

/* The store's ::changed::TABLE signals that make this page load again. */
void             lancer_page_class_set_watched_tables (LancerPageClass    *klass,
                                                       const char * const *tables);

LancerSession   *lancer_page_get_session          (LancerPage      *self);
void             lancer_page_set_session          (LancerPage      *self,
                                                   LancerSession   *session);
/* The open session's store and settings, once it is ready; else NULL. */
LancerStore     *lancer_page_get_store            (LancerPage      *self);
GSettings       *lancer_page_get_settings         (LancerPage      *self);
/* Follows the current store's signals; retargeted on every session change. */
GSignalGroup    *lancer_page_get_store_signals    (LancerPage      *self);
GSignalGroup    *lancer_page_get_session_signals  (LancerPage      *self);

GtkWidget       *lancer_page_get_content          (LancerPage      *self);
void             lancer_page_set_content          (LancerPage      *self,
                                                   GtkWidget       *content);
GtkWidget       *lancer_page_get_top_bar          (LancerPage      *self);
void             lancer_page_set_top_bar          (LancerPage      *self,
                                                   GtkWidget       *top_bar);

LancerPageState  lancer_page_get_state            (LancerPage      *self);
/* Loads now if the page is on screen, else as soon as it is shown. A
 * load in progress finishes first; one more follows it. */
void             lancer_page_queue_reload         (LancerPage      *self);

void             lancer_page_show_content         (LancerPage      *self);
/* When the profile has no Upwork account yet, the empty page offers to
 * connect one instead of @title and @description. */
void             lancer_page_show_empty           (LancerPage      *self,
                                                   const char      *icon_name,
                                                   const char      *title,
                                                   const char      *description);
/* Ignores G_IO_ERROR_CANCELLED; otherwise shows @error with Try Again. */
void             lancer_page_show_error           (LancerPage      *self,
                                                   const GError    *error);

G_END_DECLS
