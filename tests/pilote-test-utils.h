/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pilote-kpi.h"
#include "pilote-store.h"

G_BEGIN_DECLS

void         pilote_test_remove_tree    (const char  *path);
PiloteStore *pilote_test_demo_store_new (const char  *dir_template,
                                         guint        n_clients,
                                         guint        n_deals,
                                         guint32      seed,
                                         char       **dir,
                                         char       **path);

void         pilote_test_write_version  (const char  *path,
                                         int          version);
void         pilote_test_assert_same_double (double   a,
                                             double   b);
void         pilote_test_assert_same_figures (const PiloteKpiFigures *a,
                                              const PiloteKpiFigures *b);

G_END_DECLS
