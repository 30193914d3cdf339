/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include "pilote-error.h"

G_DEFINE_QUARK (pilote-error-quark, pilote_error)
