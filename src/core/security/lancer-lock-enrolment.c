/* lancer-lock-enrolment.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-security"

#include "config.h"

#include <string.h>
#include <sodium.h>

#include "lancer-lock-enrolment.h"
#include "lancer-lock-guard-private.h"
#include "lancer-redact.h"
#include "lancer-totp.h"

/* The secret must not linger in freed memory. */
static void
wipe_free (gpointer str)
{
  if (str != NULL)
    sodium_memzero (str, strlen (str));
  g_free (str);
}

struct _LancerLockEnrolment
{
  GObject          parent_instance;

  LancerLockGuard *guard;
  char            *account;
  char            *secret;
  char            *uri;
};

G_DEFINE_FINAL_TYPE (LancerLockEnrolment, lancer_lock_enrolment, G_TYPE_OBJECT)

static void
lancer_lock_enrolment_clear_secret (LancerLockEnrolment *self)
{
  g_clear_pointer (&self->secret, wipe_free);
  g_clear_pointer (&self->uri, wipe_free);
}

static void
lancer_lock_enrolment_finalize (GObject *object)
{
  LancerLockEnrolment *self = (LancerLockEnrolment *) object;

  lancer_lock_enrolment_clear_secret (self);
  g_clear_pointer (&self->account, g_free);
  g_clear_object (&self->guard);

  G_OBJECT_CLASS (lancer_lock_enrolment_parent_class)->finalize (object);
}

static void
lancer_lock_enrolment_class_init (LancerLockEnrolmentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lancer_lock_enrolment_finalize;
}

static void
lancer_lock_enrolment_init (LancerLockEnrolment *self)
{
}

LancerLockEnrolment *
_lancer_lock_enrolment_new (LancerLockGuard *guard,
                            const char      *account)
{
  LancerLockEnrolment *self;

  g_return_val_if_fail (LANCER_IS_LOCK_GUARD (guard), NULL);
  g_return_val_if_fail (account != NULL, NULL);

  self = g_object_new (LANCER_TYPE_LOCK_ENROLMENT, NULL);
  self->guard = g_object_ref (guard);
  self->account = g_strdup (account);
  self->secret = lancer_totp_generate_secret ();
  lancer_redact_register_secret (self->secret);
  self->uri = lancer_totp_build_uri (account, self->secret);
  return self;
}

LancerLockGuard *
lancer_lock_enrolment_get_guard (LancerLockEnrolment *self)
{
  g_return_val_if_fail (LANCER_IS_LOCK_ENROLMENT (self), NULL);
  return self->guard;
}

const char *
lancer_lock_enrolment_get_secret (LancerLockEnrolment *self)
{
  g_return_val_if_fail (LANCER_IS_LOCK_ENROLMENT (self), NULL);
  return self->secret;
}

char *
lancer_lock_enrolment_dup_formatted_secret (LancerLockEnrolment *self)
{
  g_return_val_if_fail (LANCER_IS_LOCK_ENROLMENT (self), NULL);
  return self->secret ? lancer_totp_format_secret (self->secret) : NULL;
}

const char *
lancer_lock_enrolment_get_uri (LancerLockEnrolment *self)
{
  g_return_val_if_fail (LANCER_IS_LOCK_ENROLMENT (self), NULL);
  return self->uri;
}

GStrv
lancer_lock_enrolment_confirm_sync (LancerLockEnrolment  *self,
                                    const char           *code,
                                    GCancellable         *cancellable,
                                    GError              **error)
{
  g_auto(GStrv) codes = NULL;

  g_return_val_if_fail (LANCER_IS_LOCK_ENROLMENT (self), NULL);

  codes = _lancer_lock_guard_enable_sync (self->guard, self->secret, code, cancellable, error);
  if (codes != NULL)
    lancer_lock_enrolment_clear_secret (self);
  return g_steal_pointer (&codes);
}

static void
confirm_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GStrv codes = lancer_lock_enrolment_confirm_sync (source_object, task_data, cancellable, &error);

  if (codes != NULL)
    g_task_return_pointer (task, codes, (GDestroyNotify) g_strfreev);
  else
    g_task_return_error (task, error);
}

void
lancer_lock_enrolment_confirm_async (LancerLockEnrolment *self,
                                     const char          *code,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LANCER_IS_LOCK_ENROLMENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_lock_enrolment_confirm_async);
  g_task_set_task_data (task, g_strdup (code ? code : ""), wipe_free);
  g_task_run_in_thread (task, confirm_thread);
}

GStrv
lancer_lock_enrolment_confirm_finish (LancerLockEnrolment  *self,
                                      GAsyncResult         *result,
                                      GError              **error)
{
  g_return_val_if_fail (LANCER_IS_LOCK_ENROLMENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
