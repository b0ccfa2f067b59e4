/* test-audit.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lancer-audit.h"
#include "lancer-redact.h"
#include "lancer-test-util.h"

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("lancer-audit-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
test_record_and_list (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "audit.jsonl", NULL);
  g_autoptr(LancerAuditLog) log = lancer_audit_log_new_for_profile_dir (dir);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) two = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GStatBuf st;

  lancer_audit_record (log, LANCER_AUDIT_SIGN_IN, "connected", "{\"account\":\"Jane\"}");
  lancer_audit_record (log, LANCER_AUDIT_SYNC, "run", "{\"jobs\":12,\"proposals\":3}");
  lancer_audit_record (log, LANCER_AUDIT_AI_CALL, "proposal-draft",
                       "{\"provider\":\"openai\",\"purpose\":\"proposal\",\"tokens\":812,"
                       "\"prompt_tokens\":600,\"prompt\":\"Dear client, my secret plan\"}");
  lancer_audit_record (log, LANCER_AUDIT_EXPORT, "jobs-csv", "exported 12 jobs");

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[4], ==, "");
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *obj;
      const char *time;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, &error));
      obj = json_node_get_object (json_parser_get_root (parser));
      time = json_object_get_string_member (obj, "time");
      g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$", time, 0, 0));
    }
  /* The AI call kept provider, purpose and counts, not the content. */
  g_assert_null (strstr (contents, "secret plan"));
  g_assert_nonnull (strstr (contents, "812"));
  g_assert_nonnull (strstr (contents, "prompt_tokens"));

  all = lancer_audit_log_list (log, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpstr (lancer_audit_entry_get_category (all->pdata[0]), ==, LANCER_AUDIT_EXPORT);
  g_assert_cmpstr (lancer_audit_entry_get_category (all->pdata[3]), ==, LANCER_AUDIT_SIGN_IN);
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (lancer_audit_entry_get_time (all->pdata[i - 1]), >=,
                     lancer_audit_entry_get_time (all->pdata[i]));
  two = lancer_audit_log_list (log, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (two->len, ==, 2);
  g_assert_cmpstr (lancer_audit_entry_get_category (two->pdata[1]), ==, LANCER_AUDIT_AI_CALL);

  /* A torn line (crash mid-write) does not hide the others. */
  {
    g_autoptr(GPtrArray) after = NULL;
    g_autofree char *torn = g_strconcat (contents, "{\"time\":\"2026-", NULL);

    g_file_set_contents (path, torn, -1, &error);
    g_assert_no_error (error);
    g_test_expect_message ("lancer-security", G_LOG_LEVEL_WARNING, "*unreadable*");
    after = lancer_audit_log_list (log, 0, &error);
    g_test_assert_expected_messages ();
    g_assert_no_error (error);
    g_assert_cmpuint (after->len, ==, 4);
  }

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_categories (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(LancerAuditLog) log = lancer_audit_log_new_for_profile_dir (dir);
  g_autoptr(GError) error = NULL;
  const char *known[] = { "sign-in", "token-refresh", "sync", "ai-call", "export", "lock",
                          "unlock", "unlock-failed", "settings" };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    g_assert_true (lancer_audit_is_known_category (known[i]));
  g_assert_false (lancer_audit_log_record_full (log, "gossip", "x", NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_AUDIT);
  g_clear_error (&error);
  g_assert_false (lancer_audit_log_record_full (log, "sync", "", NULL, &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_AUDIT);
  g_clear_error (&error);
  g_assert_true (lancer_audit_log_record_full (log, "settings", "changed", NULL, &error));
  g_assert_no_error (error);

  {
    g_autofree char *path = g_build_filename (dir, "audit.jsonl", NULL);
    g_unlink (path);
    g_rmdir (dir);
  }
}

static void
test_scrub (void)
{
  static const struct { const char *in; const char *gone; const char *kept; } cases[] = {
    { "{\"provider\":\"openai\",\"api_key\":\"sk-proj-abcdefghijklmnopqrstuv\",\"tokens\":12}", "sk-proj", "\"tokens\":12" },
    { "{\"access_token\":\"oauth2v2_0123456789abcdef\",\"status\":401}", "oauth2v2_", "401" },
    { "{\"headers\":{\"Authorization\":\"Bearer abcdef.ghijkl\"}}", "abcdef.ghijkl", "headers" },
    { "{\"error\":\"refresh failed for token=r3fr3shT0kenValue\"}", "r3fr3shT0kenValue", "refresh failed" },
    { "{\"list\":[\"sk-ant-api03-ZZZZZZZZZZZZZZZZZZZZZZ\"]}", "sk-ant", "list" },
    { "{\"messages\":[{\"role\":\"user\",\"content\":\"private text\"}],\"model\":\"gpt\"}", "private text", "gpt" },
    { "refresh failed: Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefgh", "eyJhbG", "refresh failed" },
    { "telegram 123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0 rejected", "AAHfiqks", "rejected" },
    { "secret GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ leaked", "GEZDGNBV", "leaked" },
    { "random f0e4c2f76c58916ec258f246851bea091d14d4247a2fc3e18694461b1816e13b", "f0e4c2f7", "random" },
    { "password: hunter2hunter2", "hunter2", "password" },
    { "{\"accessToken\":\"short-ish\",\"ok\":true}", "short-ish", "\"ok\":true" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean redacted = FALSE;
      g_autofree char *out = lancer_audit_scrub (cases[i].in, &redacted);

      g_test_message ("%s -> %s", cases[i].in, out);
      g_assert_true (redacted);
      g_assert_null (strstr (out, cases[i].gone));
      g_assert_nonnull (strstr (out, cases[i].kept));
      g_assert_nonnull (strstr (out, LANCER_REDACTED));
    }

  /* Harmless details pass unchanged. */
  {
    const char *plain[] = { "{\"jobs\":12,\"resource\":\"proposals\",\"tokens\":5}",
                            "{\"keywords\":[\"rust\",\"gtk\"],\"shipping\":\"eu\",\"input_tokens\":7}",
                            "synced 12 jobs in 3.2 s", "ai.model changed to gpt-4o-mini" };

    for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
      {
        gboolean redacted = TRUE;
        g_autofree char *out = lancer_audit_scrub (plain[i], &redacted);

        g_assert_false (redacted);
        g_assert_cmpstr (out, ==, plain[i]);
      }
  }

  /* Registered secrets are masked wherever they appear. */
  lancer_redact_register_secret ("plain-looking-value");
  {
    gboolean redacted = FALSE;
    g_autofree char *out = lancer_audit_scrub ("the value is plain-looking-value.", &redacted);

    g_assert_true (redacted);
    g_assert_null (strstr (out, "plain-looking-value"));
  }
  lancer_redact_unregister_secret ("plain-looking-value");
}

static void
assert_same_entries (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      LancerAuditEntry *x = a->pdata[i];
      LancerAuditEntry *y = b->pdata[i];

      g_assert_cmpint (lancer_audit_entry_get_time (x), ==, lancer_audit_entry_get_time (y));
      g_assert_cmpstr (lancer_audit_entry_get_category (x), ==, lancer_audit_entry_get_category (y));
      g_assert_cmpstr (lancer_audit_entry_get_action (x), ==, lancer_audit_entry_get_action (y));
      g_assert_cmpstr (lancer_audit_entry_get_detail (x), ==, lancer_audit_entry_get_detail (y));
    }
}

static void
test_export_round_trip (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(LancerAuditLog) log = lancer_audit_log_new_for_profile_dir (dir);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) from_csv = NULL;
  g_autoptr(GPtrArray) from_json = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;

  lancer_audit_record (log, LANCER_AUDIT_SYNC, "run", "{\"jobs\":12,\"note\":\"a, \\\"quoted\\\" word\"}");
  lancer_audit_record (log, LANCER_AUDIT_SETTINGS, "changed", "line one\nline two, with comma");
  lancer_audit_record (log, LANCER_AUDIT_EXPORT, "jobs", "=HYPERLINK(\"http://evil\")");
  lancer_audit_record (log, LANCER_AUDIT_LOCK, "locked", NULL);
  lancer_audit_record (log, LANCER_AUDIT_UNLOCK, "unlocked", "Ukrainian: Розблоковано");

  entries = lancer_audit_log_list (log, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 5);

  csv = lancer_audit_export_csv (entries);
  g_assert_true (g_str_has_prefix (csv, "time,category,action,detail\r\n"));
  /* The formula cell is defused for spreadsheets. */
  g_assert_nonnull (strstr (csv, "'=HYPERLINK"));
  from_csv = lancer_audit_parse_csv (csv, &error);
  g_assert_no_error (error);
  assert_same_entries (entries, from_csv);

  json = lancer_audit_export_json (entries);
  from_json = lancer_audit_parse_json (json, &error);
  g_assert_no_error (error);
  assert_same_entries (entries, from_json);

  g_assert_null (lancer_audit_parse_json ("{\"not\":\"an array\"}", &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_AUDIT);
  g_clear_error (&error);
  g_assert_null (lancer_audit_parse_csv ("a,b\r\n", &error));
  g_assert_error (error, LANCER_SECURITY_ERROR, LANCER_SECURITY_ERROR_AUDIT);

  {
    g_autofree char *path = g_build_filename (dir, "audit.jsonl", NULL);
    g_unlink (path);
    g_rmdir (dir);
  }
}

/* A sink kept in memory: the store's audit_log table will plug in the same way. */
#define TEST_TYPE_MEMORY_SINK (test_memory_sink_get_type ())
G_DECLARE_FINAL_TYPE (TestMemorySink, test_memory_sink, TEST, MEMORY_SINK, GObject)

struct _TestMemorySink
{
  GObject    parent_instance;
  GPtrArray *entries;
};

static void test_memory_sink_iface_init (LancerAuditSinkInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMemorySink, test_memory_sink, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LANCER_TYPE_AUDIT_SINK, test_memory_sink_iface_init))

static gboolean
memory_append (LancerAuditSink         *sink,
               LancerAuditEntry        *entry,
               GError                 **error)
{
  g_ptr_array_add (TEST_MEMORY_SINK (sink)->entries, g_object_ref (entry));
  return TRUE;
}

static GPtrArray *
memory_list (LancerAuditSink  *sink,
             guint             limit,
             GError          **error)
{
  GPtrArray *in = TEST_MEMORY_SINK (sink)->entries;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = in->len; i > 0 && (limit == 0 || out->len < limit); i--)
    g_ptr_array_add (out, g_object_ref (in->pdata[i - 1]));
  return out;
}

static void
test_memory_sink_iface_init (LancerAuditSinkInterface *iface)
{
  iface->append = memory_append;
  iface->list = memory_list;
}

static void
test_memory_sink_finalize (GObject *object)
{
  g_ptr_array_unref (TEST_MEMORY_SINK (object)->entries);
  G_OBJECT_CLASS (test_memory_sink_parent_class)->finalize (object);
}

static void
test_memory_sink_class_init (TestMemorySinkClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_memory_sink_finalize;
}

static void
test_memory_sink_init (TestMemorySink *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = lancer_audit_log_list_finish (LANCER_AUDIT_LOG (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
test_pluggable_sink (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(LancerAuditLog) log = lancer_audit_log_new_for_profile_dir (dir);
  g_autoptr(TestMemorySink) memory = g_object_new (TEST_TYPE_MEMORY_SINK, NULL);
  g_autoptr(GPtrArray) listed = NULL;
  g_autofree char *path = g_build_filename (dir, "audit.jsonl", NULL);

  lancer_audit_record (log, LANCER_AUDIT_SYNC, "before-swap", NULL);
  lancer_audit_log_set_sink (log, LANCER_AUDIT_SINK (memory));
  lancer_audit_record (log, LANCER_AUDIT_SYNC, "after-swap", "token=abcdefghijkl");
  g_assert_cmpuint (memory->entries->len, ==, 1);
  g_assert_null (strstr (lancer_audit_entry_get_detail (memory->entries->pdata[0]), "abcdefghijkl"));

  lancer_audit_log_list_async (log, 0, NULL, list_done_cb, &listed);
  g_assert_true (lancer_test_iterate_until (is_set, &listed, 10));
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (lancer_audit_entry_get_action (listed->pdata[0]), ==, "after-swap");

  g_unlink (path);
  g_rmdir (dir);
}

/* What the Activity Log window (or a .ui template) reads from an entry:
 * every field as a read-only property, read back from a real log file. */
static void
test_entry_properties (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(LancerAuditLog) log = lancer_audit_log_new_for_profile_dir (dir);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date_time = NULL;
  g_autofree char *category = NULL;
  g_autofree char *category_label = NULL;
  g_autofree char *action = NULL;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *description = NULL;
  LancerAuditEntry *entry;
  gint64 before = g_get_real_time ();
  gint64 time;
  GParamSpec **pspecs;
  guint n_pspecs;

  lancer_audit_record (log, LANCER_AUDIT_SETTINGS, "lock-enabled", "{\"method\":\"totp\"}");
  lancer_audit_record (log, LANCER_AUDIT_SYNC, "jobs-synced", NULL);
  entries = lancer_audit_log_list (log, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);

  entry = entries->pdata[1];
  g_assert_true (LANCER_IS_AUDIT_ENTRY (entry));
  g_object_get (entry,
                "time", &time,
                "date-time", &date_time,
                "category", &category,
                "category-label", &category_label,
                "action", &action,
                "title", &title,
                "detail", &detail,
                "description", &description,
                NULL);
  /* The log keeps milliseconds. */
  g_assert_cmpint (time, >=, before - before % 1000);
  g_assert_cmpint (time, <=, g_get_real_time ());
  g_assert_cmpint (g_date_time_to_unix (date_time), ==, time / G_USEC_PER_SEC);
  g_assert_cmpstr (category, ==, "settings");
  g_assert_cmpstr (category_label, ==, "Settings");
  g_assert_cmpstr (action, ==, "lock-enabled");
  g_assert_cmpstr (title, ==, "You turned the lock on");
  g_assert_cmpstr (detail, ==, "{\"method\":\"totp\"}");
  g_assert_true (g_str_has_prefix (description, "You turned the lock on, "));
  g_assert_true (g_str_has_suffix (description, "."));

  /* The getters say the same. */
  g_assert_cmpint (lancer_audit_entry_get_time (entry), ==, time);
  g_assert_cmpstr (lancer_audit_entry_get_title (entry), ==, "You turned the lock on");
  g_assert_cmpstr (lancer_audit_entry_get_description (entry), ==, description);

  entry = entries->pdata[0];
  g_assert_cmpstr (lancer_audit_entry_get_category_label (entry), ==, "Sync");
  g_assert_cmpstr (lancer_audit_entry_get_title (entry), ==, "Jobs synced");
  g_assert_null (lancer_audit_entry_get_detail (entry));
  g_assert_true (g_str_has_prefix (lancer_audit_entry_get_description (entry), "Jobs synced, "));

  /* An entry is what happened: nothing may change it afterwards. */
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (entry), &n_pspecs);
  g_assert_cmpuint (n_pspecs, ==, 8);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_assert_true (pspecs[i]->flags & G_PARAM_READABLE);
      g_assert_false (pspecs[i]->flags & G_PARAM_WRITABLE);
    }
  g_free (pspecs);

  /* An entry from a newer Lancer still reads. */
  {
    g_autoptr(LancerAuditEntry) unknown = lancer_audit_entry_new (0, "future-thing", "did_it", NULL);

    g_assert_cmpstr (lancer_audit_entry_get_category_label (unknown), ==, "future-thing");
    g_assert_cmpstr (lancer_audit_entry_get_title (unknown), ==, "Did it");
  }

  /* Each kind of event reads as who did what. */
  {
    static const struct { const char *category, *action, *title; } sentences[] = {
      { "sign-in", "upwork", "You signed in to Upwork" },
      { "sync", "finished", "Lancer synced with Upwork" },
      { "sync", "failed", "A sync with Upwork failed" },
      { "ai-call", "proposal", "The AI wrote a proposal draft" },
      { "export", "analytics", "You exported analytics" },
      { "proposal", "submitted", "You sent a proposal to Upwork" },
      { "lock", "locked", "Lancer locked" },
      { "unlock", "unlocked", "You unlocked Lancer" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
      {
        g_autoptr(LancerAuditEntry) e = lancer_audit_entry_new (0, sentences[i].category, sentences[i].action, NULL);

        g_assert_cmpstr (lancer_audit_entry_get_title (e), ==, sentences[i].title);
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/audit/record-and-list", test_record_and_list);
  g_test_add_func ("/audit/categories", test_categories);
  g_test_add_func ("/audit/scrub", test_scrub);
  g_test_add_func ("/audit/export-round-trip", test_export_round_trip);
  g_test_add_func ("/audit/pluggable-sink", test_pluggable_sink);
  g_test_add_func ("/audit/entry-properties", test_entry_properties);

  return g_test_run ();
}
