/* lancer-curl.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <curl/curl.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* The parts of libcurl the email channel uses, loaded on first use.
 * Linking libcurl would map it and its TLS, Kerberos, LDAP and SSH
 * libraries (about 4.5 MiB resident) into every start of the app, for a
 * channel most people never turn on. */
typedef struct
{
  CURL              *(*easy_init)      (void);
  CURLcode           (*easy_setopt)    (CURL *curl, CURLoption option, ...);
  CURLcode           (*easy_perform)   (CURL *curl);
  void               (*easy_cleanup)   (CURL *curl);
  const char        *(*easy_strerror)  (CURLcode code);
  struct curl_slist *(*slist_append)   (struct curl_slist *list, const char *text);
  void               (*slist_free_all) (struct curl_slist *list);
} LancerCurl;

/* Loads libcurl once (thread-safe) and runs its global init. Returns NULL
 * with a translated error when the library is missing. */
const LancerCurl *lancer_curl_get (GError **error);

G_END_DECLS
