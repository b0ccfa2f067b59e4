/* lancer-cli.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lancer-profile-manager.h"
#include "lancer-store.h"

G_BEGIN_DECLS

/* Shared state of one lancer-cli run. To add a command, write
 * src/app/cli/lancer-cli-<area>.c with a LancerCliCommandFunc, declare it
 * below, add one line to the table in lancer-cli.c and the file to
 * lancer_cli_sources in src/app/meson.build. */
typedef struct _LancerCli LancerCli;

/* argv[0] is the command name. Return LANCER_CLI_EXIT_*. */
typedef int (*LancerCliCommandFunc) (LancerCli *cli,
                                     int        argc,
                                     char     **argv);

enum {
  LANCER_CLI_EXIT_OK      = 0,
  LANCER_CLI_EXIT_FAILED  = 1,
  LANCER_CLI_EXIT_PARTIAL = 2,
};

/* Parses a command's options; --json and --profile are added for you, so
 * they work after the command too. Leaves the positional arguments. */
gboolean              lancer_cli_parse_options  (LancerCli      *cli,
                                                 const char     *parameter_string,
                                                 const char     *summary,
                                                 GOptionEntry   *entries,
                                                 int            *argc,
                                                 char         ***argv,
                                                 GError        **error);
gboolean              lancer_cli_get_json       (LancerCli      *cli);
/* Call before lancer_cli_open_store() in a command that changes the
 * database: only such a command recovers a damaged one, and it makes the
 * daily backup first. */
void                  lancer_cli_set_writes     (LancerCli      *cli,
                                                 gboolean        writes);
LancerProfileManager *lancer_cli_get_manager    (LancerCli      *cli);
/* The --profile one (which must exist), else the last used one, else a new
 * default profile; unlocked with lancer_cli_unlock(). Remembers it as last
 * used. */
LancerProfile        *lancer_cli_get_profile    (LancerCli      *cli,
                                                 GError        **error);
/* While @profile's app lock is on, reads a code from standard input (a prompt
 * on a terminal) and checks it like the app does. */
gboolean              lancer_cli_unlock         (LancerCli      *cli,
                                                 LancerProfile  *profile,
                                                 GError        **error);
/* Opens the profile's store, running the main loop until it is ready.
 * Prints what opening did (a restored backup, a locked keyring) to stderr. */
LancerStore          *lancer_cli_open_store     (LancerCli      *cli,
                                                 GError        **error);
/* For _async calls: pass lancer_cli_async_cb and &result, then wait. */
void                  lancer_cli_async_cb       (GObject        *source,
                                                 GAsyncResult   *result,
                                                 gpointer        user_data);
GAsyncResult         *lancer_cli_wait           (LancerCli      *cli,
                                                 GAsyncResult  **result);
/* Prints "lancer-cli: MESSAGE" (one line) to stderr; returns LANCER_CLI_EXIT_FAILED. */
int                   lancer_cli_fail           (LancerCli      *cli,
                                                 const GError   *error);
int                   lancer_cli_fail_message   (LancerCli      *cli,
                                                 const char     *message);
void                  lancer_cli_print_json     (LancerCli      *cli,
                                                 JsonNode       *node);

/* Commands */
int lancer_cli_profiles (LancerCli *cli, int argc, char **argv);
int lancer_cli_jobs     (LancerCli *cli, int argc, char **argv);
int lancer_cli_stats    (LancerCli *cli, int argc, char **argv);
int lancer_cli_export   (LancerCli *cli, int argc, char **argv);
int lancer_cli_audit    (LancerCli *cli, int argc, char **argv);
int lancer_cli_analyze  (LancerCli *cli, int argc, char **argv);
int lancer_cli_propose  (LancerCli *cli, int argc, char **argv);
int lancer_cli_alerts   (LancerCli *cli, int argc, char **argv);

G_END_DECLS
