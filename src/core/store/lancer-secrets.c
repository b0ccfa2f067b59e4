/* lancer-secrets.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-secrets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <libsecret/secret.h>

#include "lancer-redact.h"
#include "lancer-secrets.h"

G_DEFINE_QUARK (lancer-secrets-error-quark, lancer_secrets_error)

static const char *known_names[] = {
  LANCER_SECRET_UPWORK_CLIENT_SECRET,
  LANCER_SECRET_UPWORK_ACCESS_TOKEN,
  LANCER_SECRET_UPWORK_REFRESH_TOKEN,
  LANCER_SECRET_OPENAI_API_KEY,
  LANCER_SECRET_ANTHROPIC_API_KEY,
  LANCER_SECRET_TELEGRAM_BOT_TOKEN,
  LANCER_SECRET_SMTP_PASSWORD,
  LANCER_SECRET_TWILIO_AUTH_TOKEN,
  LANCER_SECRET_SMS_GATEWAY_TOKEN,
  LANCER_SECRET_DATABASE_KEY,
  LANCER_SECRET_TOTP_SECRET,
  LANCER_SECRET_LOCK_STATE,
};

static const SecretSchema *
lancer_secrets_get_schema (void)
{
  static const SecretSchema schema = {
    .name = "io.github.lancerdesk.Lancer.Secret",
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { .name = "profile", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = "name", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = NULL, .type = 0 },
    },
  };
  return &schema;
}

gboolean
lancer_secrets_is_known_name (const char *name)
{
  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (known_names); i++)
    if (g_str_equal (name, known_names[i]))
      return TRUE;
  return FALSE;
}

static char *
describe (const char *profile_id,
          const char *name)
{
  /* Shown in Seahorse: say what it is, never what it contains. */
  return g_strdup_printf ("Lancer: %s (%s)", name, profile_id);
}

/* libsecret's errors are D-Bus flavoured; turn them into ones a user can act on. */
static void
translate_error (GError **error,
                 GError  *source)
{
  if (source == NULL)
    return;
  if (g_error_matches (source, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, source);
      return;
    }
  if (g_error_matches (source, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
      g_error_matches (source, G_DBUS_ERROR, G_DBUS_ERROR_ACCESS_DENIED))
    g_set_error (error, LANCER_SECRETS_ERROR, LANCER_SECRETS_ERROR_LOCKED,
                 _("The keyring is locked. Unlock it (for example by logging in again) and try again."));
  else if (source->domain == G_DBUS_ERROR)
    g_set_error (error, LANCER_SECRETS_ERROR, LANCER_SECRETS_ERROR_UNAVAILABLE,
                 _("No keyring service is running. Install and start GNOME Keyring or KWallet, then try again."));
  else
    g_set_error (error, LANCER_SECRETS_ERROR, LANCER_SECRETS_ERROR_FAILED,
                 _("The keyring could not be used: %s"), source->message);
  g_debug ("secret service error: %s", source->message);
  g_error_free (source);
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  if (lancer_secrets_is_known_name (name))
    return TRUE;
  g_set_error (error, LANCER_SECRETS_ERROR, LANCER_SECRETS_ERROR_INVALID_NAME,
               _("“%s” is not a secret Lancer knows about"), name ? name : "");
  return FALSE;
}

gboolean
lancer_secrets_store_sync (const char    *profile_id,
                           const char    *name,
                           const char    *value,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *label = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (profile_id != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!check_name (name, error))
    return FALSE;
  label = describe (profile_id, name);
  if (!secret_password_store_sync (lancer_secrets_get_schema (), SECRET_COLLECTION_DEFAULT,
                                   label, value, cancellable, &local_error,
                                   "profile", profile_id, "name", name, NULL))
    {
      translate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* TRUE when the secret exists but sits in a locked collection. Searches
 * without unlocking, so it never prompts. */
static gboolean
item_is_locked (const char   *profile_id,
                const char   *name,
                GCancellable *cancellable)
{
  g_autoptr(SecretService) service = secret_service_get_sync (SECRET_SERVICE_NONE, cancellable, NULL);
  g_autoptr(GHashTable) attributes = NULL;
  GList *items;
  gboolean locked = FALSE;

  if (service == NULL)
    return FALSE;
  attributes = secret_attributes_build (lancer_secrets_get_schema (), "profile", profile_id, "name", name, NULL);
  items = secret_service_search_sync (service, lancer_secrets_get_schema (), attributes, SECRET_SEARCH_ALL,
                                      cancellable, NULL);
  for (GList *l = items; l != NULL; l = l->next)
    locked |= secret_item_get_locked (l->data);
  g_list_free_full (items, g_object_unref);
  return locked;
}

char *
lancer_secrets_lookup_sync (const char    *profile_id,
                            const char    *name,
                            GCancellable  *cancellable,
                            GError       **error)
{
  GError *local_error = NULL;
  char *value;

  g_return_val_if_fail (profile_id != NULL, NULL);

  if (!check_name (name, error))
    return NULL;
  value = secret_password_lookup_sync (lancer_secrets_get_schema (), cancellable, &local_error,
                                       "profile", profile_id, "name", name, NULL);
  if (local_error != NULL)
    {
      translate_error (error, local_error);
      return NULL;
    }
  if (value == NULL && item_is_locked (profile_id, name, cancellable))
    {
      /* libsecret returns only unlocked items: a locked one looks missing */
      g_set_error (error, LANCER_SECRETS_ERROR, LANCER_SECRETS_ERROR_LOCKED,
                   _("The keyring is locked. Unlock it (for example by logging in again) and try again."));
      return NULL;
    }
  /* Copy out of non-pageable memory into a normal string the caller frees. */
  if (value != NULL)
    {
      char *copy = g_strdup (value);
      secret_password_free (value);
      /* Whatever was looked up must never reach a log in clear. */
      lancer_redact_register_secret (copy);
      return copy;
    }
  return NULL;
}

gboolean
lancer_secrets_clear_sync (const char    *profile_id,
                           const char    *name,
                           GCancellable  *cancellable,
                           GError       **error)
{
  GError *local_error = NULL;

  if (!check_name (name, error))
    return FALSE;
  secret_password_clear_sync (lancer_secrets_get_schema (), cancellable, &local_error,
                              "profile", profile_id, "name", name, NULL);
  if (local_error != NULL)
    {
      translate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

gboolean
lancer_secrets_clear_profile_sync (const char    *profile_id,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  GError *local_error = NULL;

  secret_password_clear_sync (lancer_secrets_get_schema (), cancellable, &local_error,
                              "profile", profile_id, NULL);
  if (local_error != NULL)
    {
      translate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char *profile_id;
  char *name;
  char *value;
} SecretOp;

static void
secret_op_free (SecretOp *op)
{
  g_free (op->profile_id);
  g_free (op->name);
  if (op->value != NULL)
    memset (op->value, 0, strlen (op->value));
  g_free (op->value);
  g_free (op);
}

/* Runs @thread_func in a thread with a SecretOp of copies as task data. */
static void
run_secret_op (GTaskThreadFunc      thread_func,
               gpointer             source_tag,
               const char          *profile_id,
               const char          *name,
               const char          *value,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SecretOp *op = g_new0 (SecretOp, 1);

  op->profile_id = g_strdup (profile_id);
  op->name = g_strdup (name);
  op->value = g_strdup (value);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) secret_op_free);
  g_task_run_in_thread (task, thread_func);
}

static void
lookup_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SecretOp *op = task_data;
  GError *error = NULL;
  char *value = lancer_secrets_lookup_sync (op->profile_id, op->name, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, g_free);
}

void
lancer_secrets_lookup_async (const char          *profile_id,
                             const char          *name,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  run_secret_op (lookup_thread, lancer_secrets_lookup_async, profile_id, name, NULL,
                 cancellable, callback, user_data);
}

char *
lancer_secrets_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  SecretOp *op = task_data;
  GError *error = NULL;

  if (lancer_secrets_store_sync (op->profile_id, op->name, op->value, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
lancer_secrets_store_async (const char          *profile_id,
                            const char          *name,
                            const char          *value,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  run_secret_op (store_thread, lancer_secrets_store_async, profile_id, name, value,
                 cancellable, callback, user_data);
}

gboolean
lancer_secrets_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
