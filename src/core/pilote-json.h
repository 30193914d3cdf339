/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void pilote_json_append_string (GString    *json,
                                const char *text);
void pilote_json_append_number (GString    *json,
                                double      value,
                                guint       decimals);

G_END_DECLS
