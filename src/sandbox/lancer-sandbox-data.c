/* lancer-sandbox-data.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lancer-sandbox"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lancer-sandbox-data.h"

struct _LancerSandboxData
{
  GRand *rand;
  guint64 counter;
};

typedef struct
{
  const char *category;
  const char *roles[6];
  const char *subjects[8];
  const char *skills[12];
  const char *queries[6];
} Area;

static const Area areas[] = {
  { "Web Development",
    { "React developer", "Full-stack developer", "Frontend engineer", "Next.js expert", "Vue.js developer", "Web developer" },
    { "SaaS dashboard", "e-commerce store", "booking platform", "landing page", "admin panel", "customer portal", "marketplace MVP", "analytics app" },
    { "React", "TypeScript", "JavaScript", "Next.js", "Node.js", "Vue.js", "Tailwind CSS", "REST API", "GraphQL", "PostgreSQL", "HTML", "CSS" },
    { "react", "nextjs dashboard", "full stack", "vue", "typescript react", "frontend" } },
  { "Mobile Development",
    { "Flutter developer", "iOS developer", "Android developer", "React Native developer", "Mobile app developer", "Swift engineer" },
    { "fitness tracking app", "food delivery app", "social app", "banking app", "habit tracker", "chat app", "AR shopping app", "travel planner" },
    { "Flutter", "Dart", "Swift", "SwiftUI", "Kotlin", "Android", "iOS", "React Native", "Firebase", "App Store", "Google Play", "REST API" },
    { "flutter", "ios app", "react native", "android kotlin", "mobile app", "swiftui" } },
  { "Data Science & Analytics",
    { "Python developer", "Data scientist", "Machine learning engineer", "Data analyst", "Web scraping expert", "AI engineer" },
    { "price scraper", "sales forecast model", "LLM chatbot", "recommendation engine", "ETL pipeline", "Power BI report", "churn model", "document classifier" },
    { "Python", "pandas", "scikit-learn", "PyTorch", "TensorFlow", "SQL", "Web Scraping", "Scrapy", "OpenAI API", "LangChain", "Power BI", "Tableau" },
    { "python scraping", "machine learning", "llm chatbot", "data analysis", "pandas", "openai" } },
  { "Design & Creative",
    { "UI/UX designer", "Logo designer", "Brand designer", "Figma expert", "Illustrator", "Product designer" },
    { "mobile app redesign", "brand identity", "pitch deck", "website mockups", "icon set", "design system", "packaging", "onboarding flow" },
    { "Figma", "UI Design", "UX Research", "Adobe Illustrator", "Photoshop", "Logo Design", "Branding", "Prototyping", "Wireframing", "Webflow", "Canva", "Typography" },
    { "figma", "logo design", "ui ux", "branding", "webflow", "design system" } },
  { "Writing",
    { "Copywriter", "Technical writer", "SEO writer", "Ghostwriter", "Content strategist", "Editor" },
    { "blog articles", "API documentation", "product descriptions", "email sequence", "white paper", "case studies", "newsletter", "sales page" },
    { "Copywriting", "SEO", "Content Writing", "Technical Writing", "Blog Writing", "Editing", "Proofreading", "Email Marketing", "WordPress", "Research", "English", "Markdown" },
    { "seo writer", "technical writing", "copywriting", "blog", "ghostwriter", "documentation" } },
  { "DevOps & Cloud",
    { "DevOps engineer", "AWS architect", "Kubernetes expert", "Site reliability engineer", "Linux administrator", "Cloud engineer" },
    { "CI/CD pipeline", "Kubernetes migration", "AWS cost review", "Terraform modules", "monitoring stack", "Docker setup", "backup automation", "GitLab runners" },
    { "AWS", "Docker", "Kubernetes", "Terraform", "Linux", "CI/CD", "GitHub Actions", "Ansible", "Prometheus", "Grafana", "Nginx", "Bash" },
    { "devops", "aws terraform", "kubernetes", "docker", "linux admin", "ci cd" } },
  { "WordPress & CMS",
    { "WordPress developer", "Shopify expert", "WooCommerce developer", "Elementor designer", "PHP developer", "Webflow developer" },
    { "theme customization", "plugin fix", "store migration", "speed optimization", "membership site", "checkout bug", "multilingual site", "custom plugin" },
    { "WordPress", "PHP", "WooCommerce", "Shopify", "Elementor", "Liquid", "MySQL", "JavaScript", "CSS", "SEO", "Webflow", "jQuery" },
    { "wordpress", "shopify", "woocommerce plugin", "elementor", "php", "wordpress speed" } },
};

static const char *seniority[] = { "", "", "Senior ", "Experienced ", "Expert ", "Junior ", "Long-term " };

/* Each opener is three parts around the role and the subject. */
static const char *openers[][3] = {
  { "We are looking for a ", " to help us build a ", "." },
  { "Our startup needs a reliable ", " for a ", "." },
  { "I need an experienced ", " to finish our ", "." },
  { "Seeking a ", " to take over an existing ", "." },
  { "Small agency here, looking for a ", " for a client ", "." },
};

static const char *sentences[] = {
  "The first milestone is a working prototype within two weeks.",
  "You will work directly with our CTO and a designer.",
  "Please include links to similar projects you have shipped.",
  "Clean, well documented code is a must.",
  "We have detailed specifications and Figma mockups ready.",
  "Communication in English is required; we are in the EST time zone.",
  "This could turn into a long-term collaboration for the right person.",
  "The budget is flexible for someone with proven experience.",
  "Tests and a short handover document are part of the delivery.",
  "Start your proposal with the word 'banana' so we know you read this.",
  "We prefer someone who can start immediately.",
  "The current code base is about two years old and needs some refactoring.",
  "Performance matters: pages must load in under two seconds.",
  "You will have access to our staging server and issue tracker.",
  "Weekly calls to review progress, otherwise async on Slack.",
  "Accessibility and responsive layouts are important to us.",
  "Previous freelancers left the project half done, so we need someone dependable.",
  "Please estimate hours for each part of the work.",
};

static const struct { const char *code; int weight; } countries[] = {
  { "United States", 38 }, { "United Kingdom", 10 }, { "Canada", 7 }, { "Australia", 6 },
  { "Germany", 5 }, { "Netherlands", 3 }, { "United Arab Emirates", 3 }, { "India", 4 },
  { "France", 3 }, { "Israel", 2 }, { "Switzerland", 2 }, { "Singapore", 2 },
  { "Sweden", 2 }, { "Ukraine", 2 }, { "Spain", 2 }, { "Poland", 2 }, { "Brazil", 2 },
  { "Pakistan", 2 }, { "Nigeria", 1 },
};

static const char *levels[] = { "ENTRY_LEVEL", "INTERMEDIATE", "INTERMEDIATE", "EXPERT" };
static const char *durations[] = { "Less than 1 month", "1 to 3 months", "3 to 6 months", "More than 6 months" };

LancerSandboxData *
lancer_sandbox_data_new (guint32 seed)
{
  LancerSandboxData *self = g_new0 (LancerSandboxData, 1);

  self->rand = g_rand_new_with_seed (seed);
  return self;
}

void
lancer_sandbox_data_free (LancerSandboxData *self)
{
  if (self == NULL)
    return;
  g_rand_free (self->rand);
  g_free (self);
}

#define PICK(self, array) (array[g_rand_int_range ((self)->rand, 0, G_N_ELEMENTS (array))])

static double
round_to (double value,
          double step)
{
  return floor (value / step + 0.5) * step;
}

static const char *
pick_country (LancerSandboxData *self)
{
  int total = 0;
  int r;

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    total += countries[i].weight;
  r = g_rand_int_range (self->rand, 0, total);
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    {
      if (r < countries[i].weight)
        return countries[i].code;
      r -= countries[i].weight;
    }
  return countries[0].code;
}

LancerJob *
lancer_sandbox_data_next_job (LancerSandboxData *self,
                              gint64             now,
                              gint64             max_age_seconds)
{
  const Area *area = &areas[g_rand_int_range (self->rand, 0, G_N_ELEMENTS (areas))];
  const char *role = PICK (self, area->roles);
  const char *subject = PICK (self, area->subjects);
  g_autofree char *id = NULL;
  g_autofree char *cipher = NULL;
  g_autofree char *url = NULL;
  g_autofree char *title = NULL;
  g_autofree char *opener = NULL;
  g_autoptr(GString) description = g_string_new (NULL);
  g_autoptr(GPtrArray) skills = g_ptr_array_new ();
  guint n_sentences, n_skills;
  LancerJob *job;
  int jobs_posted, hires;

  self->counter++;
  id = g_strdup_printf ("17%08u%09" G_GUINT64_FORMAT, g_rand_int_range (self->rand, 0, 99999999),
                        self->counter % 1000000000);
  cipher = g_strdup_printf ("~01%08x%08x%02x", g_rand_int (self->rand), g_rand_int (self->rand),
                            (guint) (self->counter & 0xff));
  url = g_strdup_printf ("https://www.upwork.com/jobs/%s", cipher);

  job = lancer_job_new (id);
  lancer_job_set_ciphertext (job, cipher);
  lancer_job_set_url (job, url);

  switch (g_rand_int_range (self->rand, 0, 4))
    {
    case 0:
      title = g_strdup_printf ("%s%s needed for %s", PICK (self, seniority), role, subject);
      break;
    case 1:
      title = g_strdup_printf ("Build a %s (%s)", subject, area->skills[g_rand_int_range (self->rand, 0, 4)]);
      break;
    case 2:
      title = g_strdup_printf ("%s%s – %s", PICK (self, seniority), role, subject);
      break;
    default:
      title = g_strdup_printf ("Looking for %s to improve our %s", role, subject);
      break;
    }
  lancer_job_set_title (job, g_strstrip (title));

  /* Descriptions vary from a line to several paragraphs. */
  {
    const char * const *parts = openers[g_rand_int_range (self->rand, 0, G_N_ELEMENTS (openers))];
    opener = g_strconcat (parts[0], role, parts[1], subject, parts[2], NULL);
  }
  g_string_append (description, opener);
  n_sentences = g_rand_int_range (self->rand, 1, 4) * g_rand_int_range (self->rand, 1, 5);
  for (guint i = 0; i < n_sentences; i++)
    {
      g_string_append (description, (i % 4 == 3) ? "\n\n" : " ");
      g_string_append (description, PICK (self, sentences));
    }
  lancer_job_set_description (job, description->str);

  n_skills = g_rand_int_range (self->rand, 2, 7);
  for (guint i = 0; i < n_skills; i++)
    {
      const char *skill = PICK (self, area->skills);
      gboolean dup = FALSE;

      for (guint j = 0; j < skills->len; j++)
        dup |= g_str_equal (skills->pdata[j], skill);
      if (!dup)
        g_ptr_array_add (skills, (gpointer) skill);
    }
  g_ptr_array_add (skills, NULL);
  lancer_job_set_skills (job, (const char * const *) skills->pdata);

  lancer_job_set_category (job, area->category);
  lancer_job_set_experience_level (job, PICK (self, levels));
  lancer_job_set_duration (job, PICK (self, durations));
  lancer_job_set_posted_at (job, now - g_rand_int_range (self->rand, 0, (gint32) MAX (1, MIN (max_age_seconds, G_MAXINT32))));
  lancer_job_set_fetched_at (job, now);
  lancer_job_set_proposals (job, (int) floor (pow (g_rand_double (self->rand), 2) * 60));
  lancer_job_set_connects_required (job, 2 * g_rand_int_range (self->rand, 1, 9));

  if (g_rand_int_range (self->rand, 0, 100) < 45)
    {
      double lo = round_to (g_rand_double_range (self->rand, 10, 90), 5);
      lancer_job_set_job_type (job, LANCER_JOB_TYPE_HOURLY);
      if (g_rand_int_range (self->rand, 0, 10) > 0)
        {
          lancer_job_set_hourly_min (job, lo);
          lancer_job_set_hourly_max (job, lo + round_to (g_rand_double_range (self->rand, 5, 60), 5));
        }
    }
  else
    {
      lancer_job_set_job_type (job, LANCER_JOB_TYPE_FIXED);
      lancer_job_set_budget (job, round_to (exp (g_rand_double_range (self->rand, log (30), log (15000))), 5));
    }

  /* Client: a long tail of new clients, a few big spenders. */
  jobs_posted = (int) floor (exp (g_rand_double_range (self->rand, 0, log (400))));
  hires = jobs_posted > 1 ? g_rand_int_range (self->rand, 0, jobs_posted) : 0;
  {
    g_autofree char *client_id = g_strdup_printf ("client-%06u", g_rand_int_range (self->rand, 0, 200000));
    lancer_job_set_client_id (job, client_id);
  }
  lancer_job_set_client_country (job, pick_country (self));
  lancer_job_set_client_jobs_posted (job, jobs_posted);
  lancer_job_set_client_hires (job, hires);
  lancer_job_set_client_total_spent (job, hires == 0 ? 0 :
                                     round_to (exp (g_rand_double_range (self->rand, log (50), log (2000000))), 1));
  if (jobs_posted > 1)
    lancer_job_set_client_hire_rate (job, (double) hires / jobs_posted);
  if (hires > 0)
    lancer_job_set_client_rating (job, round_to (g_rand_double_range (self->rand, 3.6, 5.0), 0.01));
  lancer_job_set_client_payment_verified (job, g_rand_int_range (self->rand, 0, 100) < 82);

  return job;
}

GPtrArray *
lancer_sandbox_data_next_jobs (LancerSandboxData *self,
                               guint              n,
                               gint64             now,
                               gint64             max_age_seconds)
{
  GPtrArray *jobs = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (jobs, lancer_sandbox_data_next_job (self, now, max_age_seconds));
  return jobs;
}

char *
lancer_sandbox_data_next_query (LancerSandboxData *self)
{
  const Area *area = &areas[g_rand_int_range (self->rand, 0, G_N_ELEMENTS (areas))];

  switch (g_rand_int_range (self->rand, 0, 4))
    {
    case 0:
      return g_ascii_strdown (PICK (self, area->skills), -1);
    case 1:
      /* Half-typed word, as during search-as-you-type. */
      {
        const char *q = PICK (self, area->queries);
        gsize len = strlen (q);
        return g_strndup (q, MAX (3, len * 2 / 3));
      }
    default:
      return g_strdup (PICK (self, area->queries));
    }
}
