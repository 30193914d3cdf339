/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pilote-agenda.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_ACTIVITIES_ENTRY (pilote_activities_entry_get_type ())
G_DECLARE_FINAL_TYPE (PiloteActivitiesEntry, pilote_activities_entry, PILOTE, ACTIVITIES_ENTRY,
                      GObject)

PiloteAgendaBucket      pilote_activities_entry_get_bucket (PiloteActivitiesEntry *self);
gboolean                pilote_activities_entry_is_header  (PiloteActivitiesEntry *self);
gint64                  pilote_activities_entry_get_count  (PiloteActivitiesEntry *self);
const PiloteAgendaItem *pilote_activities_entry_get_item   (PiloteActivitiesEntry *self);

#define PILOTE_TYPE_ACTIVITIES_MODEL (pilote_activities_model_get_type ())
G_DECLARE_FINAL_TYPE (PiloteActivitiesModel, pilote_activities_model, PILOTE, ACTIVITIES_MODEL,
                      GObject)

PiloteActivitiesModel *pilote_activities_model_new        (void);
gboolean               pilote_activities_model_reload     (PiloteActivitiesModel    *self,
                                                           PiloteStore              *store,
                                                           const PiloteAgendaFilter *filter,
                                                           const PiloteAgendaBounds *bounds,
                                                           GError                  **error);
gint64                 pilote_activities_model_get_count  (PiloteActivitiesModel    *self,
                                                           PiloteAgendaBucket        bucket);
guint                  pilote_activities_model_find       (PiloteActivitiesModel    *self,
                                                           gint64                    activity_id);
guint                  pilote_activities_model_get_header_position (PiloteActivitiesModel *self,
                                                                    PiloteAgendaBucket     bucket);

G_END_DECLS
