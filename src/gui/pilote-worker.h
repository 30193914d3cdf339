/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GTask *pilote_worker_task_new (gpointer             object,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback);

G_END_DECLS
