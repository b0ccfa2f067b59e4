/* lancer-prompts.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-ai"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lancer-prompts.h"

/* Shipped templates. They are prompts for the model, not UI text, so they
 * stay in English and are not translated. */

static const char *proposal_system =
  "You write Upwork cover letters for a freelancer, in their voice. Be specific to the job, "
  "honest about experience (never invent projects, clients or numbers), and end with a clear next "
  "step. Plain text only: no markdown headings, no placeholders like [Name].";

static const char *proposal_user =
  "Write a cover letter for this job.\n\n"
  "JOB\nTitle: {{job_title}}\nType: {{job_type}}\nBudget: {{job_budget}}\nSkills: {{job_skills}}\n"
  "Client: {{client}}\nDescription:\n{{job_description}}\n\n"
  "Screening questions (answer each one briefly, in order, after the letter):\n{{screening_questions}}\n\n"
  "ME\nName: {{my_name}}\nRate: {{my_rate}}\nSkills: {{my_skills}}\nBio:\n{{my_bio}}\n\n"
  "Portfolio (use only what is relevant, with its outcome):\n{{portfolio}}\n\n"
  "STYLE\nTone: {{tone}}. Length: about {{length_words}} words. Strategy: {{strategy}}.";

static const char *analysis_system =
  "You analyse Upwork job posts for a freelancer. Judge the fit between the job and the "
  "freelancer's profile, spot red flags (vague scope, unrealistic budget, off-platform contact, "
  "free work), list questions worth asking the client and suggest a rate. Reply only with JSON "
  "that matches the schema; fit_score is an integer from 0 to 100.";

static const char *analysis_user =
  "PROFILE\nName: {{my_name}}\nRate: {{my_rate}}\nSkills: {{my_skills}}\nBio:\n{{my_bio}}\n"
  "Portfolio:\n{{portfolio}}\n\n"
  "JOB POST\nTitle: {{job_title}}\nType: {{job_type}}\nBudget: {{job_budget}}\nSkills: {{job_skills}}\n"
  "Client: {{client}}\nDescription:\n{{job_description}}\n"
  "Screening questions:\n{{screening_questions}}";

static const char *reply_system =
  "You suggest short, friendly, professional replies for a freelancer talking to an Upwork "
  "client. Keep all communication on Upwork; never propose contact elsewhere.";

static const char *reply_user =
  "Job: {{job_title}}\nConversation so far:\n{{conversation}}\n\n"
  "Suggest a reply from {{my_name}} in a {{tone}} tone.";

static const char *repair_system =
  "You fix JSON so it matches a given schema. Reply only with the corrected JSON.";

static const char *repair_user =
  "Your previous answer could not be used: {{problem}}\n"
  "Reply again with only a JSON object that matches the schema. Previous answer:\n{{previous}}";

static const struct {
  const char *name;
  const char *system;
  const char *user;
} defaults[] = {
  [LANCER_PROMPT_PROPOSAL] = { "proposal", NULL, NULL },
  [LANCER_PROMPT_JOB_ANALYSIS] = { "job-analysis", NULL, NULL },
  [LANCER_PROMPT_REPLY] = { "reply", NULL, NULL },
  [LANCER_PROMPT_JSON_REPAIR] = { "json-repair", NULL, NULL },
};

const char *
lancer_prompts_kind_to_string (LancerPromptKind kind)
{
  g_return_val_if_fail (kind <= LANCER_PROMPT_JSON_REPAIR, NULL);
  return defaults[kind].name;
}

const char *
lancer_prompts_get_default (LancerPromptKind kind,
                            LancerPromptPart part)
{
  gboolean sys = part == LANCER_PROMPT_PART_SYSTEM;

  switch (kind)
    {
    case LANCER_PROMPT_PROPOSAL: return sys ? proposal_system : proposal_user;
    case LANCER_PROMPT_JOB_ANALYSIS: return sys ? analysis_system : analysis_user;
    case LANCER_PROMPT_REPLY: return sys ? reply_system : reply_user;
    case LANCER_PROMPT_JSON_REPAIR: return sys ? repair_system : repair_user;
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
template_path (LancerPromptKind  kind,
               LancerPromptPart  part,
               const char       *dir)
{
  g_autofree char *name = g_strdup_printf ("%s-%s.txt", lancer_prompts_kind_to_string (kind),
                                           part == LANCER_PROMPT_PART_SYSTEM ? "system" : "user");
  if (dir != NULL)
    return g_build_filename (dir, name, NULL);
  return g_build_filename (g_get_user_config_dir (), "lancer", "prompts", name, NULL);
}

char *
lancer_prompts_dup_template (LancerPromptKind  kind,
                             LancerPromptPart  part,
                             const char       *dir)
{
  g_autofree char *path = template_path (kind, part, dir);
  char *contents = NULL;

  if (g_file_get_contents (path, &contents, NULL, NULL) &&
      g_utf8_validate (contents, -1, NULL) && *g_strstrip (contents) != '\0')
    return contents;
  g_free (contents);
  return g_strdup (lancer_prompts_get_default (kind, part));
}

gboolean
lancer_prompts_save_template (LancerPromptKind   kind,
                              LancerPromptPart   part,
                              const char        *dir,
                              const char        *text,
                              GError           **error)
{
  g_autofree char *path = template_path (kind, part, dir);
  g_autofree char *parent = g_path_get_dirname (path);

  if (text == NULL || *text == '\0' || g_strcmp0 (text, lancer_prompts_get_default (kind, part)) == 0)
    {
      g_unlink (path);
      return TRUE;
    }
  if (g_mkdir_with_parents (parent, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   _("Could not create the folder for prompt templates (%s)."), parent);
      return FALSE;
    }
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

char *
lancer_prompts_render (const char *template_text,
                       GHashTable *vars)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (template_text != NULL, NULL);

  out = g_string_new (NULL);
  p = template_text;
  while (*p)
    {
      const char *open = strstr (p, "{{");
      const char *close;

      if (open == NULL)
        {
          g_string_append (out, p);
          break;
        }
      close = strstr (open + 2, "}}");
      if (close == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      {
        g_autofree char *name = g_strstrip (g_strndup (open + 2, close - open - 2));
        const char *value = vars ? g_hash_table_lookup (vars, name) : NULL;

        if (value != NULL)
          g_string_append (out, value);
      }
      p = close + 2;
    }
  return g_string_free (out, FALSE);
}

static GRegex *
email_regex (void)
{
  static GRegex *re;

  if (g_once_init_enter (&re))
    g_once_init_leave (&re, g_regex_new ("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}",
                                         G_REGEX_OPTIMIZE, 0, NULL));
  return re;
}

static GRegex *
phone_regex (void)
{
  static GRegex *re;

  /* International or local numbers: 7+ digits with common separators.
   * Plain years, prices and IDs stay (they have fewer digits or no
   * separators in phone-like places). */
  if (g_once_init_enter (&re))
    g_once_init_leave (&re, g_regex_new ("(?<![\\w$€£.])(?:\\+\\d{1,3}[\\s.-]?)?(?:\\(\\d{1,4}\\)[\\s.-]?)?\\d{2,4}(?:[\\s.-]\\d{2,4}){1,4}(?![\\w%])"
                                         "|(?<![\\w$€£.])\\+\\d{8,14}(?!\\w)",
                                         G_REGEX_OPTIMIZE, 0, NULL));
  return re;
}

static gboolean
phone_eval_cb (const GMatchInfo *info,
               GString          *result,
               gpointer          user_data)
{
  g_autofree char *match = g_match_info_fetch (info, 0);
  guint digits = 0;

  for (const char *p = match; *p; p++)
    if (g_ascii_isdigit (*p))
      digits++;
  /* Seven digits at least, and not an ISO date. */
  if (digits >= 7 && !g_regex_match_simple ("^\\d{4}-\\d{2}-\\d{2}$", match, 0, 0))
    g_string_append (result, "[phone removed]");
  else
    g_string_append (result, match);
  return FALSE;
}

char *
lancer_prompts_scrub_pii (const char *text)
{
  g_autofree char *no_email = NULL;

  if (text == NULL)
    return NULL;
  no_email = g_regex_replace_literal (email_regex (), text, -1, 0, "[email removed]", 0, NULL);
  if (no_email == NULL)
    return g_strdup (text);
  return g_regex_replace_eval (phone_regex (), no_email, -1, 0, 0, phone_eval_cb, NULL, NULL);
}

/* Inputs */

LancerAiJob *
lancer_ai_job_new (void)
{
  LancerAiJob *job = g_new0 (LancerAiJob, 1);

  job->budget = job->hourly_min = job->hourly_max = -1;
  return job;
}

void
lancer_ai_job_free (LancerAiJob *job)
{
  if (job == NULL)
    return;
  g_free (job->title);
  g_free (job->description);
  g_strfreev (job->skills);
  g_free (job->job_type);
  g_free (job->currency);
  g_strfreev (job->screening_questions);
  g_free (job->client_country);
  g_free (job->client_summary);
  g_free (job);
}

LancerAiPortfolioItem *
lancer_ai_portfolio_item_new (const char *title,
                              const char *description,
                              const char *outcome)
{
  LancerAiPortfolioItem *item = g_new0 (LancerAiPortfolioItem, 1);

  item->title = g_strdup (title ? title : "");
  item->description = g_strdup (description ? description : "");
  item->outcome = g_strdup (outcome ? outcome : "");
  return item;
}

void
lancer_ai_portfolio_item_free (LancerAiPortfolioItem *item)
{
  if (item == NULL)
    return;
  g_free (item->title);
  g_free (item->description);
  g_free (item->outcome);
  g_free (item);
}

LancerAiProfile *
lancer_ai_profile_new (void)
{
  LancerAiProfile *profile = g_new0 (LancerAiProfile, 1);

  profile->hourly_rate = -1;
  profile->portfolio = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_ai_portfolio_item_free);
  return profile;
}

void
lancer_ai_profile_free (LancerAiProfile *profile)
{
  if (profile == NULL)
    return;
  g_free (profile->name);
  g_free (profile->bio);
  g_strfreev (profile->skills);
  g_free (profile->currency);
  g_clear_pointer (&profile->portfolio, g_ptr_array_unref);
  g_free (profile);
}

void
lancer_ai_profile_add_portfolio_item (LancerAiProfile *profile,
                                      const char      *title,
                                      const char      *description,
                                      const char      *outcome)
{
  LancerAiPortfolioItem *item;

  g_return_if_fail (profile != NULL);

  item = g_new0 (LancerAiPortfolioItem, 1);
  item->title = g_strdup (title);
  item->description = g_strdup (description);
  item->outcome = g_strdup (outcome);
  if (profile->portfolio == NULL)
    profile->portfolio = g_ptr_array_new_with_free_func ((GDestroyNotify) lancer_ai_portfolio_item_free);
  g_ptr_array_add (profile->portfolio, item);
}

static void
put (GHashTable *vars,
     const char *name,
     const char *value,
     gboolean    scrub)
{
  g_hash_table_insert (vars, g_strdup (name),
                       scrub ? lancer_prompts_scrub_pii (value ? value : "")
                             : g_strdup (value ? value : ""));
}

static char *
join_or_none (char       **list,
              const char  *sep)
{
  if (list == NULL || list[0] == NULL)
    return g_strdup ("(none)");
  return g_strjoinv (sep, list);
}

GHashTable *
lancer_prompts_vars_new (const LancerAiJob     *job,
                         const LancerAiProfile *profile)
{
  GHashTable *vars = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (job != NULL)
    {
      const char *cur = job->currency ? job->currency : "USD";
      g_autofree char *skills = join_or_none (job->skills, ", ");
      g_autofree char *budget = NULL;
      g_autoptr(GString) questions = g_string_new (NULL);
      g_autoptr(GString) client = g_string_new (NULL);

      if (job->budget >= 0)
        budget = g_strdup_printf ("%.0f %s fixed", job->budget, cur);
      else if (job->hourly_min >= 0 || job->hourly_max >= 0)
        budget = g_strdup_printf ("%.0f–%.0f %s per hour", MAX (job->hourly_min, 0),
                                  job->hourly_max >= 0 ? job->hourly_max : job->hourly_min, cur);
      else
        budget = g_strdup ("not stated");

      for (guint i = 0; job->screening_questions && job->screening_questions[i]; i++)
        g_string_append_printf (questions, "%u. %s\n", i + 1, job->screening_questions[i]);
      if (questions->len == 0)
        g_string_append (questions, "(none)");

      if (job->client_country)
        g_string_append_printf (client, "based in %s", job->client_country);
      if (job->client_summary)
        g_string_append_printf (client, "%s%s", client->len ? "; " : "", job->client_summary);
      if (client->len == 0)
        g_string_append (client, "(unknown)");

      put (vars, "job_title", job->title, TRUE);
      put (vars, "job_description", job->description, TRUE);
      put (vars, "job_skills", skills, FALSE);
      put (vars, "job_type", job->job_type ? job->job_type : "unknown", FALSE);
      put (vars, "job_budget", budget, FALSE);
      put (vars, "screening_questions", questions->str, TRUE);
      put (vars, "client", client->str, TRUE);
    }

  if (profile != NULL)
    {
      g_autofree char *skills = join_or_none (profile->skills, ", ");
      g_autofree char *rate = profile->hourly_rate >= 0
                              ? g_strdup_printf ("%.0f %s per hour", profile->hourly_rate,
                                                 profile->currency ? profile->currency : "USD")
                              : g_strdup ("not stated");
      g_autoptr(GString) portfolio = g_string_new (NULL);

      for (guint i = 0; profile->portfolio && i < profile->portfolio->len; i++)
        {
          const LancerAiPortfolioItem *item = g_ptr_array_index (profile->portfolio, i);
          g_string_append_printf (portfolio, "- %s: %s%s%s\n", item->title ? item->title : "",
                                  item->description ? item->description : "",
                                  item->outcome ? " Outcome: " : "", item->outcome ? item->outcome : "");
        }
      if (portfolio->len == 0)
        g_string_append (portfolio, "(none)");

      put (vars, "my_name", profile->name, FALSE);
      put (vars, "my_bio", profile->bio, TRUE);
      put (vars, "my_skills", skills, FALSE);
      put (vars, "my_rate", rate, FALSE);
      put (vars, "portfolio", portfolio->str, TRUE);
    }
  return vars;
}
