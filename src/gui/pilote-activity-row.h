/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pilote-activities-model.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_ACTIVITY_ROW (pilote_activity_row_get_type ())
G_DECLARE_FINAL_TYPE (PiloteActivityRow, pilote_activity_row, PILOTE, ACTIVITY_ROW, GtkWidget)

GtkWidget  *pilote_activity_row_new              (void);
void        pilote_activity_row_bind             (PiloteActivityRow     *self,
                                                  PiloteActivitiesEntry *entry,
                                                  GDateTime             *now);
void        pilote_activity_row_unbind           (PiloteActivityRow     *self);
const char *pilote_activity_row_get_due_text     (PiloteActivityRow     *self);
GtkPopover *pilote_activity_row_ask_outcome      (PiloteActivityRow     *self);
GtkPopover *pilote_activity_row_open_reschedule  (PiloteActivityRow     *self);

const char *pilote_activity_kind_get_icon_name   (PiloteActivityKind     kind);
char       *pilote_activity_format_relative      (GDateTime             *time,
                                                  GDateTime             *now);
char       *pilote_activity_format_exact         (GDateTime             *time);
GDateTime  *pilote_activity_quick_date           (GDateTime             *now,
                                                  GDateTime             *due,
                                                  guint                  choice);

/* the quick choices of the reschedule pop-over */
enum {
  PILOTE_ACTIVITY_TOMORROW,
  PILOTE_ACTIVITY_NEXT_MONDAY,
  PILOTE_ACTIVITY_IN_A_WEEK,
};

G_END_DECLS
