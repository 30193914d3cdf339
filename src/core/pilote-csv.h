/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void pilote_csv_append_field (GString    *line,
                              const char *text,
                              char        delimiter);

G_END_DECLS
