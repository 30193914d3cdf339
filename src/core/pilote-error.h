/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PILOTE_ERROR (pilote_error_quark ())

/**
 * PiloteError:
 * @PILOTE_ERROR_FAILED: an unexpected failure (the message says what)
 * @PILOTE_ERROR_NOT_PILOTE: the file is not a Pilote file (foreign SQLite or not SQLite)
 * @PILOTE_ERROR_DAMAGED: the file is damaged
 * @PILOTE_ERROR_TOO_NEW: the file was written by a newer version of Pilote
 * @PILOTE_ERROR_READ_ONLY: the file cannot be written
 * @PILOTE_ERROR_CONFLICT: someone else changed or deleted the record since it was read
 * @PILOTE_ERROR_NOT_FOUND: no such record
 * @PILOTE_ERROR_INVALID: the input is not valid (the message says which field and why)
 * @PILOTE_ERROR_BUSY: the file stayed locked by someone else for too long
 * @PILOTE_ERROR_IO: the file could not be read or written
 * @PILOTE_ERROR_DUPLICATE: a record with the same reference or name exists
 */
typedef enum {
  PILOTE_ERROR_FAILED,
  PILOTE_ERROR_NOT_PILOTE,
  PILOTE_ERROR_DAMAGED,
  PILOTE_ERROR_TOO_NEW,
  PILOTE_ERROR_READ_ONLY,
  PILOTE_ERROR_CONFLICT,
  PILOTE_ERROR_NOT_FOUND,
  PILOTE_ERROR_INVALID,
  PILOTE_ERROR_BUSY,
  PILOTE_ERROR_IO,
  PILOTE_ERROR_DUPLICATE,
} PiloteError;

GQuark pilote_error_quark (void);

G_END_DECLS
