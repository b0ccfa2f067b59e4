/* lancer-email.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lancer-alert.h"

G_BEGIN_DECLS

#define LANCER_EMAIL_ERROR (lancer_email_error_quark ())

typedef enum
{
  LANCER_EMAIL_ERROR_NOT_SET_UP,   /* no server, sender or recipient */
  LANCER_EMAIL_ERROR_NO_PASSWORD,  /* a user name but no smtp-password in the keyring */
  LANCER_EMAIL_ERROR_TLS,          /* no STARTTLS, or the secure connection failed */
  LANCER_EMAIL_ERROR_LOGIN,        /* the server refused the user name or password */
  LANCER_EMAIL_ERROR_REJECTED,     /* the server refused the sender, recipient or message */
  LANCER_EMAIL_ERROR_FAILED,       /* the server could not be reached */
} LancerEmailError;

GQuark lancer_email_error_quark (void);

#define LANCER_TYPE_EMAIL (lancer_email_get_type ())
G_DECLARE_FINAL_TYPE (LancerEmail, lancer_email, LANCER, EMAIL, GObject)

/* Alerts by email through the user's SMTP server, with libcurl on a
 * worker thread: STARTTLS ("starttls", usually port 587) or implicit TLS
 * ("tls", port 465), never plain text. Server, port, security, user,
 * sender and recipient come from the alert-email-* keys of @settings
 * (Profile schema); the password is the smtp-password secret of
 * @profile_id. Failures carry the server's own reply. */
LancerEmail *lancer_email_new               (GSettings          *settings,
                                             const char         *profile_id);
/* Trust this CA file instead of the system's (tests with a self-signed
 * certificate). */
void         lancer_email_set_ca_file       (LancerEmail        *self,
                                             const char         *path);

/* The RFC 5322 message for @alert: a text and an HTML part
 * (multipart/alternative), UTF-8, CRLF line ends. */
char        *lancer_email_build_message     (const char         *from,
                                             const char         *to,
                                             const LancerAlert  *alert);

void         lancer_email_send_async        (LancerEmail        *self,
                                             const LancerAlert  *alert,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
gboolean     lancer_email_send_finish       (LancerEmail        *self,
                                             GAsyncResult       *result,
                                             GError            **error);

G_END_DECLS
