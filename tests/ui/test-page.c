/* test-page.c: the page base every main-window page stands on.
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lancer-application.h"
#include "lancer-page.h"
#include "lancer-test-ui.h"
#include "lancer-test-util.h"

/* A page that counts what the base asks of it and finishes loads on demand. */
#define TEST_TYPE_PAGE (test_page_get_type ())
G_DECLARE_FINAL_TYPE (TestPage, test_page, TEST, PAGE, LancerPage)

struct _TestPage
{
  LancerPage    parent_instance;
  guint         n_reloads;
  guint         n_resets;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (TestPage, test_page, LANCER_TYPE_PAGE)

static const char * const watched[] = { "jobs", NULL };

static void
test_page_reset (LancerPage *page)
{
  TEST_PAGE (page)->n_resets++;
}

static void
test_page_reload (LancerPage   *page,
                  LancerStore  *store,
                  GCancellable *cancellable)
{
  TestPage *self = TEST_PAGE (page);

  g_assert_true (LANCER_IS_STORE (store));
  self->n_reloads++;
  g_set_object (&self->cancellable, cancellable);
}

static void
test_page_finalize (GObject *object)
{
  g_clear_object (&TEST_PAGE (object)->cancellable);
  G_OBJECT_CLASS (test_page_parent_class)->finalize (object);
}

static void
test_page_class_init (TestPageClass *klass)
{
  LancerPageClass *page_class = LANCER_PAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = test_page_finalize;
  page_class->reset = test_page_reset;
  page_class->reload = test_page_reload;
  lancer_page_class_set_watched_tables (page_class, watched);
}

static void
test_page_init (TestPage *self)
{
  lancer_page_set_content (LANCER_PAGE (self), gtk_label_new ("Content of the page"));
}

static LancerApplication *app;

static gboolean
page_in_state (gpointer data)
{
  return lancer_page_get_state (LANCER_PAGE (data)) != LANCER_PAGE_LOADING
         || TEST_PAGE (data)->n_reloads > 0;
}

static TestPage *
new_page_in_window (GtkWindow **out_window,
                    gboolean    shown)
{
  LancerSession *session = lancer_application_get_session (app);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  TestPage *page = g_object_new (TEST_TYPE_PAGE, NULL);

  gtk_window_set_default_size (window, 800, 600);
  gtk_window_set_child (window, GTK_WIDGET (page));
  g_assert_true (lancer_test_iterate_until (lancer_test_ui_session_ready, session, 20));
  g_assert_cmpint (lancer_session_get_state (session), ==, LANCER_SESSION_READY);
  lancer_page_set_session (LANCER_PAGE (page), session);
  if (shown)
    g_assert_true (lancer_test_ui_show (window));
  *out_window = window;
  return page;
}

/* A hidden page does not load; it loads once, when it is shown. */
static void
test_load_when_shown (void)
{
  GtkWindow *window;
  TestPage *page = new_page_in_window (&window, FALSE);

  g_assert_cmpint (lancer_page_get_state (LANCER_PAGE (page)), ==, LANCER_PAGE_LOADING);
  g_assert_cmpuint (page->n_reloads, ==, 0);
  g_assert_true (lancer_test_ui_show (window));
  g_assert_true (lancer_test_iterate_until (page_in_state, page, 10));
  g_assert_cmpuint (page->n_reloads, ==, 1);

  lancer_page_show_content (LANCER_PAGE (page));
  g_assert_cmpint (lancer_page_get_state (LANCER_PAGE (page)), ==, LANCER_PAGE_READY);
  g_assert_nonnull (strstr (lancer_test_ui_collect_text (GTK_WIDGET (page)), "Content of the page"));
  gtk_window_destroy (window);
}

/* Changes during a load cost one more load after it, not one each. */
static void
test_changes_coalesce (void)
{
  GtkWindow *window;
  TestPage *page = new_page_in_window (&window, TRUE);
  LancerStore *store = lancer_page_get_store (LANCER_PAGE (page));

  g_assert_true (lancer_test_iterate_until (page_in_state, page, 10));
  g_assert_cmpuint (page->n_reloads, ==, 1);
  for (int i = 0; i < 5; i++)
    g_signal_emit_by_name (store, "changed::jobs", "jobs");
  /* Tables this page does not show change nothing. */
  g_signal_emit_by_name (store, "changed::rooms", "rooms");
  g_assert_cmpuint (page->n_reloads, ==, 1);
  lancer_page_show_content (LANCER_PAGE (page));
  g_assert_cmpuint (page->n_reloads, ==, 2);
  lancer_page_show_content (LANCER_PAGE (page));
  g_assert_cmpuint (page->n_reloads, ==, 2);
  gtk_window_destroy (window);
}

/* A profile with no Upwork account is offered the connection, and a
 * failed load says why and can be tried again. */
static void
test_empty_and_error (void)
{
  GtkWindow *window;
  TestPage *page = new_page_in_window (&window, TRUE);
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "The disk is full");
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  g_autofree char *empty_text = NULL;
  g_autofree char *error_text = NULL;

  g_assert_true (lancer_test_iterate_until (page_in_state, page, 10));
  g_assert_false (lancer_session_get_signed_in (lancer_page_get_session (LANCER_PAGE (page))));
  lancer_page_show_empty (LANCER_PAGE (page), "folder-symbolic", "No Jobs", "Nothing here");
  g_assert_cmpint (lancer_page_get_state (LANCER_PAGE (page)), ==, LANCER_PAGE_EMPTY);
  lancer_test_ui_settle (GTK_WIDGET (page));
  empty_text = lancer_test_ui_collect_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (empty_text, "Connect Your Upwork Account"));
  g_assert_nonnull (strstr (empty_text, "Connect Upwork"));
  g_assert_null (strstr (empty_text, "No Jobs"));

  lancer_page_queue_reload (LANCER_PAGE (page));
  g_assert_cmpuint (page->n_reloads, ==, 2);
  lancer_page_show_error (LANCER_PAGE (page), cancelled);
  g_assert_cmpint (lancer_page_get_state (LANCER_PAGE (page)), ==, LANCER_PAGE_EMPTY);
  lancer_page_show_error (LANCER_PAGE (page), error);
  g_assert_cmpint (lancer_page_get_state (LANCER_PAGE (page)), ==, LANCER_PAGE_ERROR);
  lancer_test_ui_settle (GTK_WIDGET (page));
  error_text = lancer_test_ui_collect_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (error_text, "The disk is full"));
  g_assert_nonnull (strstr (error_text, "Try Again"));
  gtk_window_destroy (window);
}

/* Leaving a session cancels its load and forgets what it showed. */
static void
test_session_change_resets (void)
{
  GtkWindow *window;
  TestPage *page = new_page_in_window (&window, TRUE);
  GCancellable *cancellable;

  g_assert_true (lancer_test_iterate_until (page_in_state, page, 10));
  cancellable = g_object_ref (page->cancellable);
  g_assert_cmpuint (page->n_resets, ==, 1);
  lancer_page_set_session (LANCER_PAGE (page), NULL);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_assert_cmpuint (page->n_resets, ==, 2);
  g_assert_null (lancer_page_get_store (LANCER_PAGE (page)));
  g_assert_cmpint (lancer_page_get_state (LANCER_PAGE (page)), ==, LANCER_PAGE_LOADING);
  g_object_unref (cancellable);
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = lancer_test_ui_app_new (&argc, &argv);
  g_test_add_func ("/ui/page/load-when-shown", test_load_when_shown);
  g_test_add_func ("/ui/page/changes-coalesce", test_changes_coalesce);
  g_test_add_func ("/ui/page/empty-and-error", test_empty_and_error);
  g_test_add_func ("/ui/page/session-change-resets", test_session_change_resets);
  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
