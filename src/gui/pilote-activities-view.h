/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-activities-model.h"
#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_ACTIVITIES_VIEW (pilote_activities_view_get_type ())
G_DECLARE_FINAL_TYPE (PiloteActivitiesView, pilote_activities_view, PILOTE, ACTIVITIES_VIEW,
                      GtkWidget)

GtkWidget             *pilote_activities_view_new           (void);
PiloteStore           *pilote_activities_view_get_store     (PiloteActivitiesView  *self);
void                   pilote_activities_view_set_store     (PiloteActivitiesView  *self,
                                                             PiloteStore           *store);
void                   pilote_activities_view_set_now       (PiloteActivitiesView  *self,
                                                             GDateTime             *now);
void                   pilote_activities_view_reload        (PiloteActivitiesView  *self);
PiloteActivitiesModel *pilote_activities_view_get_model     (PiloteActivitiesView  *self);
void                   pilote_activities_view_set_filter    (PiloteActivitiesView  *self,
                                                             gint64                 owner_id,
                                                             int                    kind);
GtkWidget             *pilote_activities_view_edit          (PiloteActivitiesView  *self,
                                                             gint64                 activity_id,
                                                             gint64                 client_id);
gboolean               pilote_activities_view_mark_done     (PiloteActivitiesView  *self,
                                                             gint64                 activity_id,
                                                             gint64                 version,
                                                             const char            *outcome,
                                                             GError               **error);
gboolean               pilote_activities_view_reopen        (PiloteActivitiesView  *self,
                                                             gint64                 activity_id,
                                                             gint64                 version,
                                                             GError               **error);
gboolean               pilote_activities_view_reschedule    (PiloteActivitiesView  *self,
                                                             gint64                 activity_id,
                                                             gint64                 version,
                                                             GDateTime             *due,
                                                             GError               **error);
gboolean               pilote_activities_view_delete        (PiloteActivitiesView  *self,
                                                             gint64                 activity_id,
                                                             gint64                 version,
                                                             GError               **error);
AdwToast              *pilote_activities_view_get_undo_toast (PiloteActivitiesView *self);
void                   pilote_activities_view_undo          (PiloteActivitiesView  *self);

G_END_DECLS
