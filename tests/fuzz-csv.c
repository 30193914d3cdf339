/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A libFuzzer target for the CSV reader, its detection and the parsers of
 * dates, numbers and amounts. The first byte of an input chooses the
 * options, the second the size of the chunks the reader reads (4 to 67
 * bytes, or 64 KiB for 0xff), so that chunk boundaries fall anywhere;
 * the rest is the file.
 *
 * Under the normal build, tests/fuzz-main.c replays tests/fuzz-corpus/csv/
 * through it (the "fuzz-csv-corpus" test). To fuzz for real, with clang 14
 * (apt-get install clang libclang-rt-14-dev), from the source folder and
 * an existing build folder "build" (for config.h and pilote-enums.h):
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
 *     -I build -I build/src/core -I src/core $(pkg-config --cflags gio-2.0) \
 *     -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 \
 *     -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74 \
 *     tests/fuzz-csv.c src/core/pilote-csv-reader.c src/core/pilote-csv-reader-detect.c \
 *     src/core/pilote-csv-reader-values.c src/core/pilote-error.c \
 *     $(pkg-config --libs gio-2.0) -lm -o /tmp/fuzz-csv
 *   mkdir -p /tmp/fuzz-csv-corpus
 *   /tmp/fuzz-csv -max_total_time=600 -max_len=8192 \
 *     /tmp/fuzz-csv-corpus tests/fuzz-corpus/csv
 *
 * New inputs go to /tmp/fuzz-csv-corpus; a crash is written to
 * crash-<sha1> in the current folder: add it to tests/fuzz-corpus/csv/
 * once fixed. Besides crashes, the target aborts when an invariant of the
 * reader breaks (fields that are not UTF-8, lines that go backwards, an
 * amount that disagrees with the number read from the same text).
 */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pilote-csv-reader-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_values (const char       *field,
              char              decimal,
              PiloteDateFormat  format,
              guint             digits)
{
  GError *error = NULL;
  char iso[11];
  double value = 0;
  gint64 minor = 0;
  gboolean is_number;
  gboolean is_money;

  if (pilote_csv_parse_date (field, format, iso, &error))
    {
      guint year = 0;
      guint month = 0;
      guint day = 0;

      g_assert_no_error (error);
      g_assert_cmpuint (strlen (iso), ==, 10);
      g_assert_cmpint (sscanf (iso, "%4u-%2u-%2u", &year, &month, &day), ==, 3);
      g_assert_true (g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year));
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_clear_error (&error);
    }

  is_number = pilote_csv_parse_number (field, decimal, &value, &error);
  g_assert_true (is_number == (error == NULL));
  g_clear_error (&error);
  if (is_number)
    g_assert_true (isfinite (value));

  is_money = pilote_csv_parse_money (field, decimal, digits, &minor, &error);
  g_assert_true (is_money == (error == NULL));
  g_clear_error (&error);

  /* An amount is the number, rounded */
  if (is_money)
    {
      double scaled;

      g_assert_true (is_number);
      scaled = value * pow (10, digits);
      g_assert_cmpfloat (fabs (scaled - (double) minor), <=, 0.5 + 1e-9 * fabs (scaled) + 1e-9);
    }
}

static void
check_detection (const uint8_t *data,
                 size_t         size)
{
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  PiloteCsvOptions options = { 0 };
  GError *error = NULL;

  /* In memory if possible: the detection reads a file */
  path = g_strdup_printf ("%s/fuzz-csv-%d.csv",
                          g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm"
                                                                     : g_get_tmp_dir (),
                          (int) getpid ());
  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    return;
  if (pilote_csv_detect (path, &options, &notes, &error))
    {
      g_assert_true (options.delimiter == ',' || options.delimiter == ';' ||
                     options.delimiter == '\t');
      g_assert_true (options.encoding != PILOTE_CSV_ENCODING_AUTO);
      g_assert_true (options.decimal == '.' || options.decimal == ',');
      for (guint i = 0; i < notes->len; i++)
        g_assert_true (g_utf8_validate (notes->pdata[i], -1, NULL));
    }
  g_clear_error (&error);
  g_unlink (path);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char delimiters[] = { ',', ';', '\t', '|' };
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(PiloteCsvReader) reader = NULL;
  PiloteCsvOptions options;
  GError *error = NULL;
  guint64 line = 0;
  guint digits;
  guint8 first;
  guint8 chunk;

  if (size < 2)
    return 0;

  /* Bits 0-1: delimiter; 2-3: encoding; 4: decimal; 5-6: date format;
   * 7: also run the detection on the same bytes
   */
  first = data[0];
  chunk = data[1];
  options.delimiter = delimiters[first & 3];
  options.encoding = (PiloteCsvEncoding) ((first >> 2) % 3);
  options.decimal = (first & 0x10) != 0 ? ',' : '.';
  options.date_format = (PiloteDateFormat) ((first >> 5) & 3);
  digits = first % 5;

  if ((first & 0x80) != 0)
    check_detection (data + 2, size - 2);

  stream = g_memory_input_stream_new_from_data (data + 2, (gssize) size - 2, NULL);
  reader = pilote_csv_reader_new_for_stream (stream, &options);
  if (chunk != 0xff)
    pilote_csv_reader_set_chunk_size (reader, 4 + chunk % 64);
  while (pilote_csv_reader_next (reader, &error))
    {
      guint n_fields = pilote_csv_reader_get_n_fields (reader);

      g_assert_cmpuint (n_fields, >=, 1);
      g_assert_cmpuint (pilote_csv_reader_get_line (reader), >, line);
      line = pilote_csv_reader_get_line (reader);
      g_assert_null (pilote_csv_reader_get_field (reader, n_fields));
      for (guint i = 0; i < n_fields; i++)
        {
          const char *field = pilote_csv_reader_get_field (reader, i);

          g_assert_nonnull (field);
          g_assert_true (g_utf8_validate (field, -1, NULL));
          check_values (field, options.decimal, options.date_format, digits);
        }
    }
  if (error != NULL)
    {
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_clear_error (&error);
      g_assert_false (pilote_csv_reader_next (reader, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
  g_assert_cmpuint (pilote_csv_reader_get_n_fields (reader), ==, 0);
  return 0;
}
