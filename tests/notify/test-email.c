/* test-email.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Email alerts against a real SMTP server on loopback (aiosmtpd, see
 * smtp-server.py) with a certificate made at test time: STARTTLS,
 * implicit TLS, a server that never offers STARTTLS and one that refuses
 * the login. The password lives in the real keyring.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "lancer-email.h"
#include "lancer-secrets.h"
#include "lancer-test-util.h"

#define USER "olena@example.org"
#define PASSWORD "correct horse battery staple"

typedef struct
{
  GSubprocess *server;
  char        *dir;
  char        *ca_file;
  guint        port;
  GSettings   *settings;
  char        *profile_id;
  LancerEmail *email;
} Fixture;

static void
start_server (Fixture    *f,
              const char *mode)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_build_filename (g_getenv ("LANCER_SOURCE_DIR"), "tests", "notify", "smtp-server.py",
                                              NULL);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;

  /* Debian's Python, where python3-aiosmtpd is installed. */
  f->server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                "/usr/bin/python3", script, mode, f->dir, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->server));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  f->port = (guint) g_ascii_strtoull (line, NULL, 10);
  g_assert_cmpuint (f->port, >, 0);
  g_settings_set_uint (f->settings, "alert-email-port", f->port);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("/io/github/lancerdesk/Lancer/profiles/email%u/", g_random_int ());

  f->dir = g_dir_make_tmp ("lancer-smtp-XXXXXX", &error);
  g_assert_no_error (error);
  f->ca_file = g_build_filename (f->dir, "cert.pem", NULL);
  f->profile_id = g_strdup_printf ("email-test-%u", g_random_int ());
  f->settings = g_settings_new_with_path ("io.github.lancerdesk.Lancer.Profile", path);
  g_settings_set_string (f->settings, "alert-email-server", "127.0.0.1");
  g_settings_set_string (f->settings, "alert-email-user", USER);
  g_settings_set_string (f->settings, "alert-email-from", "alerts@example.org");
  g_settings_set_string (f->settings, "alert-email-to", "olena.phone@example.net");
  g_assert_true (lancer_secrets_store_sync (f->profile_id, LANCER_SECRET_SMTP_PASSWORD, PASSWORD, NULL, &error));
  g_assert_no_error (error);
  f->email = lancer_email_new (f->settings, f->profile_id);
  lancer_email_set_ca_file (f->email, f->ca_file);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (f->server != NULL)
    {
      g_subprocess_force_exit (f->server);
      g_subprocess_wait (f->server, NULL, NULL);
    }
  lancer_secrets_clear_profile_sync (f->profile_id, NULL, NULL);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_clear_object (&f->server);
  g_clear_object (&f->email);
  g_clear_object (&f->settings);
  g_free (f->dir);
  g_free (f->ca_file);
  g_free (f->profile_id);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
send_alert (Fixture            *f,
            const LancerAlert  *alert,
            GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lancer_email_send_async (f->email, alert, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return lancer_email_send_finish (f->email, result, error);
}

static LancerAlert *
job_alert (void)
{
  const char *searches[] = { "GTK", NULL };
  LancerAlert *alert = lancer_alert_new_job ("~01f3c2a1b4d5e6f7a8", "GTK 4 developer for a clinic’s booking app",
                                             "Fixed $1,500 · 4 proposals · Germany · score 91",
                                             "https://www.upwork.com/jobs/~01f3c2a1b4d5e6f7a8", 91);

  lancer_alert_set_job_facts (alert, "Fixed $1,500", "4 proposals",
                              "Germany · $24K spent · 4.9 ★ · payment verified", searches);
  return alert;
}

static char *
read_message (Fixture *f,
              guint    n)
{
  g_autofree char *name = g_strdup_printf ("message-%u.eml", n);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

/* The decoded body of the part with @content_type. */
static char *
decode_part (const char *message,
             const char *content_type)
{
  g_autofree char *header = g_strdup_printf ("Content-Type: %s; charset=UTF-8\r\n"
                                             "Content-Transfer-Encoding: base64\r\n\r\n", content_type);
  const char *start = strstr (message, header);
  const char *end;
  g_autofree char *encoded = NULL;
  g_autofree guchar *decoded = NULL;
  gsize len = 0;

  g_assert_nonnull (start);
  start += strlen (header);
  end = strstr (start, "\r\n--");
  g_assert_nonnull (end);
  encoded = g_strndup (start, end - start);
  decoded = g_base64_decode (encoded, &len);
  /* Not NUL-terminated by itself. */
  return g_strndup ((const char *) decoded, len);
}

static void
assert_job_email (const char *message)
{
  g_autofree char *plain = NULL;
  g_autofree char *html = NULL;

  g_assert_nonnull (strstr (message, "From: Lancer <alerts@example.org>\r\n"));
  g_assert_nonnull (strstr (message, "To: <olena.phone@example.net>\r\n"));
  /* A non-ASCII title is encoded in the subject. */
  g_assert_nonnull (strstr (message, "Subject: =?UTF-8?B?"));
  g_assert_nonnull (strstr (message, "Content-Type: multipart/alternative; boundary="));
  g_assert_true (g_regex_match_simple ("^Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|"
                                       "Aug|Sep|Oct|Nov|Dec) \\d{4} \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\r$",
                                       message, G_REGEX_MULTILINE, 0));
  plain = decode_part (message, "text/plain");
  g_assert_nonnull (strstr (plain, "GTK 4 developer for a clinic’s booking app"));
  g_assert_nonnull (strstr (plain, "Budget: Fixed $1,500"));
  g_assert_nonnull (strstr (plain, "Client: Germany · $24K spent · 4.9 ★ · payment verified"));
  g_assert_nonnull (strstr (plain, "Score: 91 of 100"));
  g_assert_nonnull (strstr (plain, "https://www.upwork.com/jobs/~01f3c2a1b4d5e6f7a8"));
  html = decode_part (message, "text/html");
  g_assert_nonnull (strstr (html, "<h2>GTK 4 developer for a clinic’s booking app</h2>"));
  g_assert_nonnull (strstr (html, "<a href=\"https://www.upwork.com/jobs/~01f3c2a1b4d5e6f7a8\">"));
  g_assert_nonnull (strstr (html, "<li>Score: 91 of 100</li>"));
}

static void
test_starttls (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LancerAlert) alert = job_alert ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  start_server (f, "starttls");
  g_settings_set_string (f->settings, "alert-email-security", "starttls");
  g_assert_true (send_alert (f, alert, &error));
  g_assert_no_error (error);
  message = read_message (f, 1);
  g_assert_nonnull (message);
  assert_job_email (message);
}

static void
test_implicit_tls (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LancerAlert) alert = job_alert ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  start_server (f, "tls");
  g_settings_set_string (f->settings, "alert-email-security", "tls");
  g_assert_true (send_alert (f, alert, &error));
  g_assert_no_error (error);
  message = read_message (f, 1);
  g_assert_nonnull (message);
  assert_job_email (message);
}

static void
test_rejected_login (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LancerAlert) alert = job_alert ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  start_server (f, "reject-login");
  g_assert_false (send_alert (f, alert, &error));
  g_assert_error (error, LANCER_EMAIL_ERROR, LANCER_EMAIL_ERROR_LOGIN);
  /* The server's own reply, in the translated sentence. */
  g_assert_nonnull (strstr (error->message, "refused the user name or password"));
  g_assert_nonnull (strstr (error->message, "535"));
  message = read_message (f, 1);
  g_assert_null (message);
}

static void
test_no_starttls (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LancerAlert) alert = job_alert ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  /* Never falls back to plain text: the password would cross in clear. */
  start_server (f, "no-starttls");
  g_assert_false (send_alert (f, alert, &error));
  g_assert_error (error, LANCER_EMAIL_ERROR, LANCER_EMAIL_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "STARTTLS"));
  message = read_message (f, 1);
  g_assert_null (message);
}

static void
test_not_set_up (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LancerAlert) alert = job_alert ();
  g_autoptr(GError) error = NULL;

  g_settings_set_string (f->settings, "alert-email-to", "");
  g_assert_false (send_alert (f, alert, &error));
  g_assert_error (error, LANCER_EMAIL_ERROR, LANCER_EMAIL_ERROR_NOT_SET_UP);
  g_clear_error (&error);
  /* An address that would write a header of its own is refused. */
  g_settings_set_string (f->settings, "alert-email-to", "olena@example.net\r\nBcc: someone@example.com");
  g_assert_false (send_alert (f, alert, &error));
  g_assert_error (error, LANCER_EMAIL_ERROR, LANCER_EMAIL_ERROR_NOT_SET_UP);
}

static void
test_no_password (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LancerAlert) alert = job_alert ();
  g_autoptr(GError) error = NULL;

  lancer_secrets_clear_sync (f->profile_id, LANCER_SECRET_SMTP_PASSWORD, NULL, NULL);
  g_assert_false (send_alert (f, alert, &error));
  g_assert_error (error, LANCER_EMAIL_ERROR, LANCER_EMAIL_ERROR_NO_PASSWORD);
  g_assert_nonnull (strstr (error->message, "lancer-cli secret set smtp-password"));
}

/* While the app is locked the alert is redacted before any channel sees
 * it: the email then has no title, client or link. */
static void
test_redacted_message (void)
{
  g_autoptr(LancerAlert) alert = lancer_alert_new_redacted (LANCER_ALERT_JOB, 3);
  g_autofree char *message = lancer_email_build_message ("alerts@example.org", "olena.phone@example.net", alert);
  g_autofree char *plain = decode_part (message, "text/plain");
  g_autofree char *html = decode_part (message, "text/html");

  g_assert_nonnull (strstr (message, "Subject: 3 new jobs match your searches\r\n"));
  g_assert_nonnull (strstr (plain, "Unlock Lancer to see them."));
  g_assert_null (strstr (plain, "https://"));
  g_assert_null (strstr (html, "<a href"));
  g_assert_null (strstr (plain, "Score:"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;

  g_test_init (&argc, &argv, NULL);
  tmp = lancer_test_isolate_xdg ();

  g_test_add ("/email/starttls", Fixture, NULL, fixture_setup, test_starttls, fixture_teardown);
  g_test_add ("/email/implicit-tls", Fixture, NULL, fixture_setup, test_implicit_tls, fixture_teardown);
  g_test_add ("/email/rejected-login", Fixture, NULL, fixture_setup, test_rejected_login, fixture_teardown);
  g_test_add ("/email/no-starttls", Fixture, NULL, fixture_setup, test_no_starttls, fixture_teardown);
  g_test_add ("/email/not-set-up", Fixture, NULL, fixture_setup, test_not_set_up, fixture_teardown);
  g_test_add ("/email/no-password", Fixture, NULL, fixture_setup, test_no_password, fixture_teardown);
  g_test_add_func ("/email/redacted-message", test_redacted_message);
  return g_test_run ();
}
