/* lancer-upwork-access.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-upwork"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lancer-oauth.h"
#include "lancer-upwork-access.h"
#include "lancer-upwork-parse.h"
#include "lancer-upwork-requests.h"

/* Each step is the smallest request that proves one resource: a page of
 * one item. Later steps borrow ids from earlier answers (a job for the job
 * details, a contract for the work diary). The submit step sends a
 * proposal for job "0", which cannot exist: a key with the permission
 * gets a business error from Upwork, one without it a permission error,
 * and no Connects are spent either way. */

typedef enum
{
  STEP_ACCOUNT,
  STEP_JOBS,
  STEP_JOB,
  STEP_PROPOSALS,
  STEP_MESSAGES,
  STEP_CONTRACTS,
  STEP_DIARY,
  STEP_EARNINGS,
  STEP_TRANSACTIONS,
  STEP_SUBMIT,
  N_STEPS
} Step;

typedef struct
{
  Step        step;
  GPtrArray  *rows;
  char       *user_id;
  char       *user_nid;
  char       *organization_id;
  char       *job_id;
  char       *contract_id;
  char       *accounting_id;
} Check;

static Check *
check_new (void)
{
  Check *check = g_new0 (Check, 1);

  check->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_upwork_access_free);
  return check;
}

static void
check_free (Check *check)
{
  g_clear_pointer (&check->rows, g_ptr_array_unref);
  g_free (check->user_id);
  g_free (check->user_nid);
  g_free (check->organization_id);
  g_free (check->job_id);
  g_free (check->contract_id);
  g_free (check->accounting_id);
  g_free (check);
}

void
lancer_upwork_access_free (LancerUpworkAccess *access)
{
  if (access == NULL)
    return;
  g_free (access->resource);
  g_free (access->label);
  g_free (access->permission);
  g_free (access->detail);
  g_free (access);
}

const char *
lancer_upwork_access_state_name (LancerUpworkAccessState state)
{
  switch (state)
    {
    case LANCER_UPWORK_ACCESS_WORKS: return "works";
    case LANCER_UPWORK_ACCESS_NEEDS_PERMISSION: return "needs-permission";
    case LANCER_UPWORK_ACCESS_NOT_OFFERED: return "not-offered";
    case LANCER_UPWORK_ACCESS_NOT_CHECKED: return "not-checked";
    case LANCER_UPWORK_ACCESS_FAILED:
    default: return "failed";
    }
}

char *
lancer_upwork_access_describe (const LancerUpworkAccess *access)
{
  switch (access->state)
    {
    case LANCER_UPWORK_ACCESS_WORKS:
      return g_strdup (_("Works"));
    case LANCER_UPWORK_ACCESS_NEEDS_PERMISSION:
      /* Translators: %s is a key permission as Upwork's key page names it */
      return g_strdup_printf (_("Needs the key permission “%s”"), access->permission);
    case LANCER_UPWORK_ACCESS_NOT_OFFERED:
      return g_strdup (_("Not offered to this key"));
    case LANCER_UPWORK_ACCESS_NOT_CHECKED:
      return g_strdup (access->detail);
    case LANCER_UPWORK_ACCESS_FAILED:
    default:
      /* Translators: %s is the error Upwork or the network gave */
      return g_strdup_printf (_("Could not check: %s"), access->detail);
    }
}

static const char *
step_resource (Step step)
{
  static const char *names[N_STEPS] = {
    "account", "jobs", "job", "proposals", "messages", "contracts", "diary", "earnings", "earnings", "submit",
  };
  return names[step];
}

/* The query of queries/ that proves the step. */
static const char *
step_query (Step step)
{
  static const char *queries[N_STEPS] = {
    "me", "search", "job", "proposals", "rooms", "contracts", "work-days", "accounting", "transactions",
    "submit-proposal",
  };
  return queries[step];
}

static const char *
step_label (Step step)
{
  switch (step)
    {
    case STEP_ACCOUNT: return _("Your account");
    case STEP_JOBS: return _("Job search");
    case STEP_JOB: return _("Job details");
    case STEP_PROPOSALS: return _("Proposals");
    case STEP_MESSAGES: return _("Messages");
    case STEP_CONTRACTS: return _("Contracts");
    case STEP_DIARY: return _("Work diary");
    case STEP_EARNINGS:
    case STEP_TRANSACTIONS: return _("Earnings");
    case STEP_SUBMIT: return _("Submitting proposals");
    case N_STEPS:
    default: return "";
    }
}

static void
add_row (Check                   *check,
         LancerUpworkAccessState  state,
         const char              *detail)
{
  LancerUpworkAccess *row = g_new0 (LancerUpworkAccess, 1);
  const char *resource = step_resource (check->step);

  row->resource = g_strdup (resource);
  row->label = g_strdup (step_label (check->step));
  row->state = state;
  row->permission = g_strdup (lancer_upwork_resource_permission (g_str_equal (resource, "job") ? "jobs" : resource));
  row->detail = g_strdup (detail);
  g_ptr_array_add (check->rows, row);
}

/* TRUE when the error ends the whole check: the user must sign in again,
 * or Upwork cannot be reached at all. */
static gboolean
is_fatal (const GError *error)
{
  return error->domain == LANCER_OAUTH_ERROR || error->domain == LANCER_HTTP_ERROR ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_UNAUTHORIZED) ||
         g_error_matches (error, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_NETWORK) ||
         g_error_matches (error, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_DAILY_LIMIT);
}

static void
add_error_row (Check        *check,
               const GError *error)
{
  if (g_error_matches (error, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_MISSING_SCOPE) ||
      g_error_matches (error, LANCER_UPWORK_ERROR, LANCER_UPWORK_ERROR_FORBIDDEN))
    add_row (check, LANCER_UPWORK_ACCESS_NEEDS_PERMISSION, NULL);
  else if (strstr (error->message, "FieldUndefined") != NULL)
    add_row (check, LANCER_UPWORK_ACCESS_NOT_OFFERED, NULL);
  else if (check->step == STEP_SUBMIT)
    /* past the permission check, Upwork judged the made-up job: allowed */
    add_row (check, LANCER_UPWORK_ACCESS_WORKS, NULL);
  else
    add_row (check, LANCER_UPWORK_ACCESS_FAILED, error->message);
}

static void run_step (GTask *task);

/* Keeps from an answer what a later step needs, read by the sync's own
 * parsers. */
static void
remember (Check    *check,
          JsonNode *data)
{
  switch (check->step)
    {
    case STEP_ACCOUNT:
      {
        g_autoptr(LancerUpworkUser) user = lancer_upwork_parse_user (data, NULL);

        if (user != NULL)
          {
            check->user_id = g_strdup (user->id);
            check->user_nid = g_strdup (user->nid);
            check->organization_id = g_strdup (user->organization_id);
          }
      }
      break;
    case STEP_JOBS:
      {
        g_autoptr(GPtrArray) jobs = lancer_upwork_parse_jobs (data, NULL, NULL);

        if (jobs != NULL && jobs->len > 0)
          check->job_id = g_strdup (lancer_job_get_id (g_ptr_array_index (jobs, 0)));
      }
      break;
    case STEP_CONTRACTS:
      {
        g_autoptr(GPtrArray) contracts = lancer_upwork_parse_contracts (data, NULL, NULL);

        if (contracts != NULL && contracts->len > 0)
          check->contract_id = g_strdup (((LancerUpworkContract *) g_ptr_array_index (contracts, 0))->id);
      }
      break;
    case STEP_EARNINGS:
      check->accounting_id = lancer_upwork_parse_accounting_id (data, NULL);
      break;
    case STEP_JOB:
    case STEP_PROPOSALS:
    case STEP_MESSAGES:
    case STEP_DIARY:
    case STEP_TRANSACTIONS:
    case STEP_SUBMIT:
    case N_STEPS:
    default:
      break;
    }
}

static void
step_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Check *check = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = lancer_upwork_client_query_finish (LANCER_UPWORK_CLIENT (source), result, &error);

  if (data == NULL && is_fatal (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (data == NULL)
    add_error_row (check, error);
  else
    {
      remember (check, data);
      /* earnings is one row for its two requests: the second says it */
      if (check->step != STEP_EARNINGS)
        add_row (check, LANCER_UPWORK_ACCESS_WORKS, NULL);
    }
  if (check->step == STEP_EARNINGS && data == NULL)
    check->step++;   /* no accounting id: no transactions to ask for */
  check->step++;
  run_step (task);
}

/* Why the step cannot be checked (an earlier answer lacked the id it
 * borrows), or NULL. */
static const char *
step_missing (Check *check)
{
  switch (check->step)
    {
    case STEP_JOB:
      return check->job_id == NULL ? _("No job to check it with") : NULL;
    case STEP_DIARY:
      return check->contract_id == NULL ? _("No contract to check it with") : NULL;
    case STEP_TRANSACTIONS:
      return check->accounting_id == NULL ? _("Upwork named no accounting entity to check with") : NULL;
    case STEP_SUBMIT:
      if (check->user_id == NULL || check->user_nid == NULL || check->organization_id == NULL)
        return _("Your account could not be read");
      return NULL;
    default:
      return NULL;
    }
}

static void
run_step (GTask *task)
{
  Check *check = g_task_get_task_data (task);
  LancerUpworkClient *client = g_task_get_source_object (task);
  g_autoptr(JsonNode) vars = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *compact_today = g_date_time_format (now, "%Y%m%d");
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  const char *missing;

  if (check->step >= N_STEPS)
    {
      g_task_return_pointer (task, g_steal_pointer (&check->rows), (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  missing = step_missing (check);
  if (missing != NULL)
    {
      add_row (check, LANCER_UPWORK_ACCESS_NOT_CHECKED, missing);
      check->step++;
      run_step (task);
      return;
    }
  switch (check->step)
    {
    case STEP_JOBS:
      vars = lancer_upwork_search_variables (NULL, FALSE, NULL, 1);
      break;
    case STEP_JOB:
      vars = lancer_upwork_job_variables (check->job_id);
      break;
    case STEP_PROPOSALS:
      vars = lancer_upwork_proposals_variables ("Pending", NULL, 1);
      break;
    case STEP_MESSAGES:
      vars = lancer_upwork_rooms_variables (NULL, 1);
      break;
    case STEP_CONTRACTS:
      vars = lancer_upwork_contracts_variables (check->user_id, 0, 1);
      break;
    case STEP_DIARY:
      vars = lancer_upwork_work_days_variables (check->contract_id, compact_today, compact_today);
      break;
    case STEP_TRANSACTIONS:
      vars = lancer_upwork_transactions_variables (check->accounting_id, today, today);
      break;
    case STEP_SUBMIT:
      vars = lancer_upwork_submit_variables ("0", check->user_id, check->user_nid, check->organization_id, 0, "",
                                             NULL);
      break;
    case STEP_ACCOUNT:
    case STEP_EARNINGS:
    case N_STEPS:
    default:
      break;   /* no variables */
    }
  lancer_upwork_client_query_async (client, step_query (check->step), vars, g_task_get_cancellable (task),
                                    step_done_cb, task);
}

void
lancer_upwork_check_access_async (LancerUpworkClient  *client,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LANCER_IS_UPWORK_CLIENT (client));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, lancer_upwork_check_access_async);
  g_task_set_task_data (task, check_new (), (GDestroyNotify) check_free);
  run_step (task);
}

GPtrArray *
lancer_upwork_check_access_finish (LancerUpworkClient  *client,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
