/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-csv-reader.h"

G_BEGIN_DECLS

#define PILOTE_CSV_MAX_DIGITS 64

/* A field shaped like a date: three runs of digits with the same
 * separator ('/', '.' or '-'), then maybe a time of day. Either 4, 1–2,
 * 1–2 digits (year first) or 1–2, 1–2, 2 or 4 digits.
 */
typedef struct
{
  guint value[3];
  guint n_digits[3];
} PiloteCsvDateParts;

/* A field shaped like a number, split into its digits: the integer part
 * without leading zeros, and at most PILOTE_CSV_MAX_DIGITS decimals (the
 * following ones are dropped).
 */
typedef struct
{
  gboolean negative;
  gboolean percent;
  gboolean currency;
  gboolean too_large;     /* more than PILOTE_CSV_MAX_DIGITS integer digits */
  gboolean has_exponent;
  int      exponent;
  guint    n_int;
  guint    n_frac;
  char     int_digits[PILOTE_CSV_MAX_DIGITS + 1];
  char     frac_digits[PILOTE_CSV_MAX_DIGITS + 1];
} PiloteCsvNumber;

void          pilote_csv_reader_set_chunk_size (PiloteCsvReader     *reader,
                                                gsize                size);
gboolean      pilote_csv_is_valid_delimiter    (char                 delimiter);
GInputStream *pilote_csv_open_file             (const char          *path,
                                                GError             **error);
void          pilote_csv_set_open_error        (GError             **error,
                                                const char          *path,
                                                GError              *cause);
gboolean      pilote_csv_split_date            (const char          *text,
                                                PiloteCsvDateParts  *parts);
gboolean      pilote_csv_scan_number           (const char          *text,
                                                char                 decimal,
                                                PiloteCsvNumber     *number);

G_END_DECLS
