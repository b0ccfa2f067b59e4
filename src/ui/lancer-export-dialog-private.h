/* lancer-export-dialog-private.h: test hooks
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lancer-export-dialog.h"

G_BEGIN_DECLS

/* What accepting @file in the file chooser does. */
void lancer_export_dialog_save_to (LancerExportDialog *self,
                                   GFile              *file);

G_END_DECLS
