/* test-secret.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Secret hygiene: store every kind of secret in the keyring, run the lock,
 * audit and logging flows, then search every file in the profile directory
 * and every captured log line for each secret. None may be found.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "lancer-audit.h"
#include "lancer-lock-guard.h"
#include "lancer-redact.h"
#include "lancer-secrets.h"
#include "lancer-totp.h"
#include "lancer-test-util.h"

static GString *captured;
static GMutex captured_mutex;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_mutex_lock (&captured_mutex);
  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length < 0)
        g_string_append_printf (captured, "%s=%s ", fields[i].key, (const char *) fields[i].value);
      else if (g_str_equal (fields[i].key, "MESSAGE") || g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        {
          g_string_append_printf (captured, "%s=", fields[i].key);
          g_string_append_len (captured, fields[i].value, fields[i].length);
          g_string_append_c (captured, ' ');
        }
    }
  g_string_append_c (captured, '\n');
  g_mutex_unlock (&captured_mutex);
  return G_LOG_WRITER_HANDLED;
}

static char *
random_text (const char *prefix,
             guint       n,
             const char *alphabet)
{
  GString *s = g_string_new (prefix);
  gsize len = strlen (alphabet);

  for (guint i = 0; i < n; i++)
    g_string_append_c (s, alphabet[randombytes_uniform (len)]);
  return g_string_free (s, FALSE);
}

#define ALNUM "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

static void
collect_files (const char *dir,
               GPtrArray  *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_files (path, out);
      else
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

static void
test_redact_patterns (void)
{
  g_autofree char *a = lancer_redact_string ("GET /jobs Authorization: Bearer abc123def456ghi789");
  g_autofree char *b = lancer_redact_string ("nothing to see in /home/user/.local/share/lancer/profiles/0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e");
  g_autofree char *c = NULL;

  g_assert_null (strstr (a, "abc123def456ghi789"));
  g_assert_nonnull (strstr (a, "Bearer " LANCER_REDACTED));
  g_assert_cmpstr (b, ==, "nothing to see in /home/user/.local/share/lancer/profiles/0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e");
  g_assert_false (lancer_redact_needs_redaction ("sync finished: 12 jobs"));
  g_assert_true (lancer_redact_needs_redaction ("client_secret=abcdefgh"));

  /* Too short to register safely: left alone. */
  lancer_redact_register_secret ("1234");
  c = lancer_redact_string ("1234 jobs");
  g_assert_cmpstr (c, ==, "1234 jobs");
}

static void
test_log_writer (void)
{
  const char *secret = "S3cr3t-Log-Value-0123";
  GLogField fields[] = {
    { "GLIB_DOMAIN", "lancer-test", -1 },
    { "PRIORITY", "6", -1 },
    { "MESSAGE", "with explicit length S3cr3t-Log-Value-0123 trailing-garbage", 42 },
  };

  lancer_redact_register_secret (secret);
  g_message ("logging the value %s and Bearer zyxwvutsrq9876543210", secret);
  g_log_structured_array (G_LOG_LEVEL_MESSAGE, fields, G_N_ELEMENTS (fields));

  g_mutex_lock (&captured_mutex);
  g_assert_null (strstr (captured->str, secret));
  g_assert_null (strstr (captured->str, "zyxwvutsrq9876543210"));
  g_assert_null (strstr (captured->str, "trailing-garbage"));
  g_assert_nonnull (strstr (captured->str, "logging the value " LANCER_REDACTED));
  g_assert_nonnull (strstr (captured->str, "with explicit length " LANCER_REDACTED));
  g_mutex_unlock (&captured_mutex);
  lancer_redact_unregister_secret (secret);
}

/* With GLib's own writer behind it, as the app and lancer-cli install it:
 * a debug message that G_MESSAGES_DEBUG asks for is printed redacted, and
 * one it does not ask for is not printed at all. */
static void
log_secret_with_default_writer (const char *messages_debug)
{
  const char *secret = "S3cr3t-Debug-Value-4567";

  if (!g_test_subprocess ())
    return;  /* run by /secret/log-writer-default */
  if (messages_debug != NULL)
    g_setenv ("G_MESSAGES_DEBUG", messages_debug, TRUE);
  else
    g_unsetenv ("G_MESSAGES_DEBUG");
  lancer_redact_install_log_writer (NULL, NULL, NULL);
  lancer_redact_register_secret (secret);
  g_log ("lancer-test", G_LOG_LEVEL_DEBUG, "debug value %s", secret);
  g_log ("lancer-test", G_LOG_LEVEL_INFO, "info value %s", secret);
}

static void
test_log_writer_default_shown (void)
{
  log_secret_with_default_writer ("lancer-test");
}

static void
test_log_writer_default_dropped (void)
{
  log_secret_with_default_writer (NULL);
}

static void
test_log_writer_default (void)
{
  g_test_trap_subprocess ("/secret/log-writer-default/shown", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*debug value " LANCER_REDACTED "*");
  g_test_trap_assert_stdout ("*info value " LANCER_REDACTED "*");
  g_test_trap_assert_stdout_unmatched ("*S3cr3t-Debug-Value-4567*");

  g_test_trap_subprocess ("/secret/log-writer-default/dropped", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout_unmatched ("*value*");
  g_test_trap_assert_stderr_unmatched ("*value*");
}

static void
test_no_secret_anywhere (void)
{
  static const char *names[] = {
    LANCER_SECRET_UPWORK_CLIENT_SECRET,
    LANCER_SECRET_UPWORK_ACCESS_TOKEN,
    LANCER_SECRET_UPWORK_REFRESH_TOKEN,
    LANCER_SECRET_OPENAI_API_KEY,
    LANCER_SECRET_ANTHROPIC_API_KEY,
    LANCER_SECRET_TELEGRAM_BOT_TOKEN,
    LANCER_SECRET_DATABASE_KEY,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lancer-secret-XXXXXX", &error);
  g_autofree char *profile_id = g_path_get_basename (dir);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LancerAuditLog) audit = NULL;
  g_autoptr(LancerLockGuard) guard = NULL;
  g_autoptr(LancerLockEnrolment) enrolment = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *totp_secret = NULL;
  g_autofree char *code = NULL;
  g_autofree char *next = NULL;
  g_autofree char *stray_bearer = random_text ("", 40, ALNUM);
  g_auto(GStrv) recovery = NULL;
  const gint64 t0 = 1900000005;

  g_assert_no_error (error);

  /* 1. Every kind of secret goes into the keyring. */
  g_ptr_array_add (values, random_text ("ucs_", 28, ALNUM));
  g_ptr_array_add (values, random_text ("oauth2v2_", 40, ALNUM));
  g_ptr_array_add (values, random_text ("oauth2v2_", 40, ALNUM));
  g_ptr_array_add (values, random_text ("sk-proj-", 48, ALNUM));
  g_ptr_array_add (values, random_text ("sk-ant-api03-", 48, ALNUM));
  g_ptr_array_add (values, random_text ("7123456789:AA", 33, ALNUM));
  g_ptr_array_add (values, random_text ("", 44, ALNUM "+/"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      lancer_secrets_store_sync (profile_id, names[i], values->pdata[i], NULL, &error);
      g_assert_no_error (error);
    }

  /* 2. What the app does after reading a secret: register it for masking. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *value = lancer_secrets_lookup_sync (profile_id, names[i], NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (value, ==, values->pdata[i]);
      lancer_redact_register_secret (value);
    }

  /* 3. The lock: enrol, lock, fail, unlock, use a recovery code. */
  audit = lancer_audit_log_new_for_profile_dir (dir);
  guard = lancer_lock_guard_new (profile_id, dir);
  lancer_lock_guard_set_audit_log (guard, audit);
  lancer_lock_guard_set_now_for_testing (guard, t0);
  enrolment = lancer_lock_guard_begin_enrolment (guard, "secret test", &error);
  g_assert_no_error (error);
  totp_secret = g_strdup (lancer_lock_enrolment_get_secret (enrolment));
  {
    g_autoptr(GBytes) key = lancer_totp_base32_decode (totp_secret, &error);

    code = lancer_totp_generate_code (key, t0, 6, &error);
    next = lancer_totp_generate_code (key, t0 + 30, 6, &error);
    g_assert_no_error (error);
  }
  recovery = lancer_lock_enrolment_confirm_sync (enrolment, code, NULL, &error);
  g_assert_no_error (error);
  lancer_lock_guard_lock (guard);
  g_assert_false (lancer_lock_guard_try_unlock_sync (guard, "000000", NULL, NULL));
  g_assert_false (lancer_lock_guard_try_unlock_sync (guard, code, NULL, NULL));
  g_assert_true (lancer_lock_guard_try_unlock_sync (guard, next, NULL, &error));
  g_assert_no_error (error);
  lancer_lock_guard_lock (guard);
  g_assert_true (lancer_lock_guard_try_unlock_sync (guard, recovery[4], NULL, &error));
  g_assert_no_error (error);
  g_ptr_array_add (values, g_strdup (totp_secret));

  /* 4. Careless callers: secrets in audit details and log lines. */
  {
    g_autofree char *ai = g_strdup_printf ("{\"provider\":\"openai\",\"purpose\":\"analysis\",\"tokens\":930,"
                                           "\"api_key\":\"%s\"}", (char *) values->pdata[3]);
    g_autofree char *refresh = g_strdup_printf ("refresh failed with refresh_token %s (Bearer %s)",
                                                (char *) values->pdata[2], (char *) values->pdata[1]);
    g_autofree char *signin = g_strdup_printf ("client_secret=%s&code=abc", (char *) values->pdata[0]);
    g_autofree char *settings = g_strdup_printf ("telegram token set to %s", (char *) values->pdata[5]);
    g_autofree char *export = g_strdup_printf ("{\"db\":\"%s\",\"anthropic\":\"%s\"}",
                                               (char *) values->pdata[6], (char *) values->pdata[4]);

    lancer_audit_record (audit, LANCER_AUDIT_AI_CALL, "analysis", ai);
    lancer_audit_record (audit, LANCER_AUDIT_TOKEN_REFRESH, "failed", refresh);
    lancer_audit_record (audit, LANCER_AUDIT_SIGN_IN, "connected", signin);
    lancer_audit_record (audit, LANCER_AUDIT_SETTINGS, "telegram", settings);
    lancer_audit_record (audit, LANCER_AUDIT_EXPORT, "backup", export);
    lancer_audit_record (audit, LANCER_AUDIT_SYNC, "run", totp_secret);
  }
  for (guint i = 0; i < values->len; i++)
    g_message ("flow %u uses %s", i, (char *) values->pdata[i]);
  g_message ("request headers: Authorization: Bearer %s", stray_bearer);
  g_ptr_array_add (values, g_strdup (stray_bearer));

  /* The log also goes to a file in the profile, like a crash log would. */
  {
    g_autofree char *log_path = g_build_filename (dir, "captured.log", NULL);

    g_mutex_lock (&captured_mutex);
    g_file_set_contents (log_path, captured->str, captured->len, &error);
    g_mutex_unlock (&captured_mutex);
    g_assert_no_error (error);
  }

  /* 5. Search. */
  collect_files (dir, files);
  g_assert_cmpuint (files->len, >=, 3);   /* lock-state.ini, audit.jsonl, captured.log */
  for (guint f = 0; f < files->len; f++)
    {
      g_autoptr(GBytes) bytes = lancer_test_read_file (files->pdata[f]);

      g_assert_nonnull (bytes);
      for (guint i = 0; i < values->len; i++)
        if (lancer_test_bytes_contain (bytes, values->pdata[i]))
          g_error ("secret #%u found in %s", i, (char *) files->pdata[f]);
      for (guint i = 0; recovery[i]; i++)
        if (lancer_test_bytes_contain (bytes, recovery[i]))
          g_error ("recovery code found in %s", (char *) files->pdata[f]);
    }
  g_mutex_lock (&captured_mutex);
  for (guint i = 0; i < values->len; i++)
    g_assert_null (strstr (captured->str, values->pdata[i]));
  g_assert_nonnull (strstr (captured->str, "flow 0 uses " LANCER_REDACTED));
  g_mutex_unlock (&captured_mutex);

  /* Nor in the settings, the app's or the profile's. */
  {
    g_autofree char *profile_path = g_strdup_printf ("/io/github/lancerdesk/Lancer/profiles/%s/", profile_id);
    g_autoptr(GSettings) app_settings = g_settings_new (APP_ID);
    g_autoptr(GSettings) profile_settings = g_settings_new_with_path (APP_ID ".Profile", profile_path);
    GSettings *all[] = { app_settings, profile_settings };

    for (guint k = 0; k < G_N_ELEMENTS (all); k++)
      {
        g_autoptr(GSettingsSchema) schema = NULL;
        g_auto(GStrv) keys = NULL;

        g_object_get (all[k], "settings-schema", &schema, NULL);
        keys = g_settings_schema_list_keys (schema);
        for (guint j = 0; keys[j] != NULL; j++)
          {
            g_autoptr(GVariant) value = g_settings_get_value (all[k], keys[j]);
            g_autofree char *text = g_variant_print (value, FALSE);

            for (guint i = 0; i < values->len; i++)
              if (strstr (text, values->pdata[i]) != NULL)
                g_error ("secret #%u found in the setting %s", i, keys[j]);
          }
      }
  }

  /* The audit log still says what happened. */
  {
    g_autoptr(GPtrArray) entries = lancer_audit_log_list (audit, 0, &error);
    g_autofree char *json = NULL;

    g_assert_no_error (error);
    json = lancer_audit_export_json (entries);
    g_assert_nonnull (strstr (json, "\"unlock-failed\""));
    g_assert_nonnull (strstr (json, "recovery-code"));
    g_assert_nonnull (strstr (json, "930"));
  }

  /* Clean up the keyring and the directory. */
  lancer_secrets_clear_profile_sync (profile_id, NULL, NULL);
  for (guint f = 0; f < files->len; f++)
    g_remove (files->pdata[f]);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  captured = g_string_new (NULL);
  lancer_redact_install_log_writer (capture_writer, NULL, NULL);

  g_test_add_func ("/secret/redact-patterns", test_redact_patterns);
  g_test_add_func ("/secret/log-writer", test_log_writer);
  g_test_add_func ("/secret/log-writer-default", test_log_writer_default);
  g_test_add_func ("/secret/log-writer-default/shown", test_log_writer_default_shown);
  g_test_add_func ("/secret/log-writer-default/dropped", test_log_writer_default_dropped);
  g_test_add_func ("/secret/none-found", test_no_secret_anywhere);

  return g_test_run ();
}
