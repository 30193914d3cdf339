/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_OBJECTIVES_PAGE (pilote_objectives_page_get_type ())
G_DECLARE_FINAL_TYPE (PiloteObjectivesPage, pilote_objectives_page, PILOTE, OBJECTIVES_PAGE,
                      GtkWidget)

GtkWidget   *pilote_objectives_page_new      (void);
PiloteStore *pilote_objectives_page_get_store (PiloteObjectivesPage *self);
void         pilote_objectives_page_set_store (PiloteObjectivesPage *self,
                                               PiloteStore          *store);
gboolean     pilote_objectives_page_get_busy  (PiloteObjectivesPage *self);
void         pilote_objectives_page_refresh   (PiloteObjectivesPage *self);
gboolean     pilote_objectives_page_delete    (PiloteObjectivesPage *self,
                                               gint64                id,
                                               GError              **error);
int          pilote_objectives_page_copy_previous (PiloteObjectivesPage *self,
                                                   GError              **error);
AdwToast    *pilote_objectives_page_get_undo_toast (PiloteObjectivesPage *self);

G_END_DECLS
