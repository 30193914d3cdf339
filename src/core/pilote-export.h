/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pilote-import.h"
#include "pilote-kpi.h"

G_BEGIN_DECLS

/**
 * PiloteCsvDialect:
 * @PILOTE_CSV_DIALECT_STANDARD: UTF-8, comma-separated, decimal point
 * @PILOTE_CSV_DIALECT_FRENCH: UTF-8 with a byte-order mark, semicolon-separated,
 *   decimal comma: what a French spreadsheet opens as it is
 */
typedef enum {
  PILOTE_CSV_DIALECT_STANDARD,
  PILOTE_CSV_DIALECT_FRENCH,
} PiloteCsvDialect;

gboolean             pilote_csv_dialect_from_name (const char             *name,
                                                   PiloteCsvDialect       *dialect);

gboolean             pilote_export_entity         (PiloteStore            *store,
                                                   PiloteEntity            entity,
                                                   PiloteCsvDialect        dialect,
                                                   GOutputStream          *output,
                                                   guint64                *rows,
                                                   GCancellable           *cancellable,
                                                   GError                **error);
PiloteImportProfile *pilote_export_profile        (PiloteEntity            entity,
                                                   PiloteCsvDialect        dialect);
gboolean             pilote_export_kpi            (const PiloteKpiReport  *report,
                                                   PiloteCsvDialect        dialect,
                                                   GOutputStream          *output,
                                                   GError                **error);

const char          *pilote_kpi_figure_name       (guint                   index);
char                *pilote_kpi_figure_format     (const PiloteKpiFigures *figures,
                                                   guint                   index,
                                                   const char             *currency,
                                                   char                    decimal);

G_END_DECLS
