/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pilote-store.h"

G_BEGIN_DECLS

gboolean pilote_location_dialog_needed  (PiloteStore *store);
void     pilote_location_dialog_present (GtkWindow   *parent,
                                         PiloteStore *store);

G_END_DECLS
