/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The GUI side of export: pick a file and a format, then stream the
 * current list's query through the core exporter. Named like the core's
 * crm-export.h on purpose (the contract); this header pulls the core one
 * in through crm-core.h, so either include gives both. */

#include <gtk/gtk.h>

#include "crm-core.h"

G_BEGIN_DECLS

void crm_export_run (GtkWindow   *parent,
                     CrmStore    *store,
                     const char  *table,
                     CrmQuery    *query);

G_END_DECLS
