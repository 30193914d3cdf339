/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PILOTE_TYPE_APPLICATION (pilote_application_get_type ())
G_DECLARE_FINAL_TYPE (PiloteApplication, pilote_application, PILOTE, APPLICATION,
                      AdwApplication)

PiloteApplication *pilote_application_new          (void);
void               pilote_application_open_path    (PiloteApplication *self,
                                                    const char        *path,
                                                    GtkWindow         *parent);
char              *pilote_application_demo_path    (void);

G_END_DECLS
