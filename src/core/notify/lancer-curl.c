/* lancer-curl.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-curl"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "lancer-curl.h"

/* libcurl's ABI name since 7.16 (2006). */
#define CURL_LIBRARY "libcurl.so.4"

static GMutex load_lock;
static LancerCurl curl_lib;
static gboolean loaded;
static char *load_error;

static gboolean
find (GModule    *module,
      const char *name,
      gpointer   *symbol)
{
  if (g_module_symbol (module, name, symbol) && *symbol != NULL)
    return TRUE;
  g_free (load_error);
  load_error = g_strdup (g_module_error ());
  return FALSE;
}

static void
load (void)
{
  GModule *module = g_module_open (CURL_LIBRARY, G_MODULE_BIND_LOCAL);
  CURLcode (*global_init) (long flags) = NULL;

  if (module == NULL)
    {
      load_error = g_strdup (g_module_error ());
      return;
    }
  if (!find (module, "curl_global_init", (gpointer *) &global_init) ||
      !find (module, "curl_easy_init", (gpointer *) &curl_lib.easy_init) ||
      !find (module, "curl_easy_setopt", (gpointer *) &curl_lib.easy_setopt) ||
      !find (module, "curl_easy_perform", (gpointer *) &curl_lib.easy_perform) ||
      !find (module, "curl_easy_cleanup", (gpointer *) &curl_lib.easy_cleanup) ||
      !find (module, "curl_easy_strerror", (gpointer *) &curl_lib.easy_strerror) ||
      !find (module, "curl_slist_append", (gpointer *) &curl_lib.slist_append) ||
      !find (module, "curl_slist_free_all", (gpointer *) &curl_lib.slist_free_all))
    {
      g_module_close (module);
      return;
    }
  /* Kept for the life of the process: libcurl cannot be unloaded safely. */
  g_module_make_resident (module);
  global_init (CURL_GLOBAL_DEFAULT);
  loaded = TRUE;
}

const LancerCurl *
lancer_curl_get (GError **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&load_lock);

  /* A failed load is tried again next time: the user may install it. */
  if (!loaded)
    {
      g_clear_pointer (&load_error, g_free);
      load ();
    }
  if (loaded)
    return &curl_lib;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("Email alerts need the libcurl library (%s), which could not be loaded: %s. "
                 "Install your system’s libcurl package, then try again."),
               CURL_LIBRARY, load_error ? load_error : "");
  return NULL;
}
