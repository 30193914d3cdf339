/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-store.h"
#include "pilote-types.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_REPORTS_VIEW (pilote_reports_view_get_type ())
G_DECLARE_FINAL_TYPE (PiloteReportsView, pilote_reports_view, PILOTE, REPORTS_VIEW, GtkWidget)

GtkWidget        *pilote_reports_view_new                 (void);
PiloteStore      *pilote_reports_view_get_store           (PiloteReportsView  *self);
void              pilote_reports_view_set_store           (PiloteReportsView  *self,
                                                           PiloteStore        *store);
void              pilote_reports_view_set_month           (PiloteReportsView  *self,
                                                           GDateYear           year,
                                                           GDateMonth          month);
void              pilote_reports_view_set_scope           (PiloteReportsView  *self,
                                                           PiloteScope         scope,
                                                           gint64              scope_id);
gboolean          pilote_reports_view_get_busy            (PiloteReportsView  *self);
guint             pilote_reports_view_get_n_pages         (PiloteReportsView  *self);
gboolean          pilote_reports_view_export_pdf          (PiloteReportsView  *self,
                                                           const char         *path,
                                                           GError            **error);
void              pilote_reports_view_set_comment         (PiloteReportsView  *self,
                                                           const char         *text);
gboolean          pilote_reports_view_save_comment        (PiloteReportsView  *self);
AdwMessageDialog *pilote_reports_view_get_conflict_dialog (PiloteReportsView  *self);

G_END_DECLS
