/* lancer-cli-upwork.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-cli.h"

G_BEGIN_DECLS

int lancer_cli_config     (LancerCli *cli, int argc, char **argv);
int lancer_cli_secret     (LancerCli *cli, int argc, char **argv);
int lancer_cli_searches   (LancerCli *cli, int argc, char **argv);
int lancer_cli_login      (LancerCli *cli, int argc, char **argv);
int lancer_cli_sync       (LancerCli *cli, int argc, char **argv);
int lancer_cli_doctor     (LancerCli *cli, int argc, char **argv);
int lancer_cli_job        (LancerCli *cli, int argc, char **argv);
int lancer_cli_proposals  (LancerCli *cli, int argc, char **argv);
int lancer_cli_messages   (LancerCli *cli, int argc, char **argv);
int lancer_cli_send       (LancerCli *cli, int argc, char **argv);

/* Job @job_id from @store, running the main loop until it is read. */
LancerJob *lancer_cli_load_job (LancerCli    *cli,
                                LancerStore  *store,
                                const char   *job_id,
                                GError      **error);

G_END_DECLS
