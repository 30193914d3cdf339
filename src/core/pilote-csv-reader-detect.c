/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pilote-csv-reader-private.h"

/* Detection looks at the first SAMPLE_SIZE bytes of a file, and at most
 * SAMPLE_RECORDS records of them.
 */
#define SAMPLE_SIZE    (64 * 1024)
#define SAMPLE_RECORDS 200

#define EXAMPLE_SIZE 48

typedef struct
{
  guint comma;
  guint point;
  guint either;
  char  comma_example[EXAMPLE_SIZE];
  char  point_example[EXAMPLE_SIZE];
  char  either_example[EXAMPLE_SIZE];

  guint iso;
  guint day_first;
  guint month_first;
  guint unordered;
  char  day_first_example[EXAMPLE_SIZE];
  char  month_first_example[EXAMPLE_SIZE];
  char  unordered_example[EXAMPLE_SIZE];
} SampleStats;

static void G_GNUC_PRINTF (2, 3)
add_note (GPtrArray  *notes,
          const char *format,
          ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (notes, g_strdup_vprintf (format, args));
  va_end (args);
}

static PiloteCsvEncoding
detect_encoding (const guint8 *sample,
                 gsize         len,
                 gboolean      truncated)
{
  if (len >= 3 && memcmp (sample, "\xef\xbb\xbf", 3) == 0)
    return PILOTE_CSV_ENCODING_UTF8;

  /* The sample may end in the middle of a character */
  if (truncated)
    {
      gsize start = len;

      while (start > 0 && len - start < 3 && (sample[start - 1] & 0xc0) == 0x80)
        start--;
      if (start > 0 && sample[start - 1] >= 0xc0)
        {
          guint8 lead = sample[start - 1];
          gsize needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;

          if (len - (start - 1) < needed)
            len = start - 1;
        }
    }

  return g_utf8_validate_len ((const char *) sample, len, NULL) ? PILOTE_CSV_ENCODING_UTF8
                                                              : PILOTE_CSV_ENCODING_WINDOWS_1252;
}

static PiloteCsvReader *
sample_reader_new (const guint8      *sample,
                   gsize              len,
                   char               delimiter,
                   PiloteCsvEncoding  encoding)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (sample, (gssize) len,
                                                                        NULL);
  PiloteCsvOptions options = { delimiter, encoding, '.', PILOTE_DATE_FORMAT_AUTO };
  PiloteCsvReader *reader = pilote_csv_reader_new_for_stream (stream, &options);

  /* One chunk for the whole sample */
  pilote_csv_reader_set_chunk_size (reader, len + 1);
  return reader;
}

/* Reads the sample's complete records with @delimiter and stores their
 * numbers of fields in @counts.
 */
static guint
count_fields (const guint8      *sample,
              gsize              len,
              gboolean           truncated,
              char               delimiter,
              PiloteCsvEncoding  encoding,
              guint              counts[SAMPLE_RECORDS])
{
  g_autoptr(PiloteCsvReader) reader = sample_reader_new (sample, len, delimiter, encoding);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  while (n < SAMPLE_RECORDS && pilote_csv_reader_next (reader, &error))
    counts[n++] = pilote_csv_reader_get_n_fields (reader);

  /* The last record of a cut sample is cut too */
  if (n > 0 && n < SAMPLE_RECORDS && truncated && error == NULL)
    n--;
  return n;
}

/* How many records have the most frequent number of fields, over one */
static guint
score_delimiter (const guint counts[],
                 guint       n)
{
  guint best = 0;

  for (guint i = 0; i < n; i++)
    {
      guint same = 0;

      if (counts[i] < 2)
        continue;
      for (guint j = 0; j < n; j++)
        same += counts[j] == counts[i];
      best = MAX (best, same);
    }
  return best;
}

static const char *
name_delimiter (char delimiter)
{
  switch (delimiter)
    {
    case ',':
      return _("comma");
    case ';':
      return _("semicolon");
    case '\t':
      return _("tab");
    default:
      g_assert_not_reached ();
    }
}

static char
detect_delimiter (const guint8      *sample,
                  gsize              len,
                  gboolean           truncated,
                  PiloteCsvEncoding  encoding,
                  GPtrArray         *notes)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[SAMPLE_RECORDS];
  guint n[G_N_ELEMENTS (candidates)];
  guint scores[G_N_ELEMENTS (candidates)];
  guint best = 0;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      n[i] = count_fields (sample, len, truncated, candidates[i], encoding, counts);
      scores[i] = score_delimiter (counts, n[i]);
      if (scores[i] > scores[best])
        best = i;
    }

  if (scores[best] == 0)
    {
      if (n[best] > 0)
        add_note (notes, _("Every line has a single column, so the delimiter is not known; a "
                           "comma is assumed. Set the delimiter of the import if the file has "
                           "several columns."));
      return ',';
    }
  if (scores[best] * 2 < n[best])
    add_note (notes, _("At a %s, the lines split into different numbers of columns (the most "
                       "common number fits only %u of the first %u lines); the %s is assumed. "
                       "Set the delimiter of the import if that is wrong."),
              name_delimiter (candidates[best]),
              scores[best], n[best], name_delimiter (candidates[best]));
  for (guint i = best + 1; i < G_N_ELEMENTS (candidates); i++)
    {
      if (scores[i] == scores[best])
        {
          add_note (notes, _("The lines split evenly at a %s and at a %s; the %s is assumed. "
                             "Set the delimiter of the import if that is wrong."),
                    name_delimiter (candidates[best]), name_delimiter (candidates[i]),
                    name_delimiter (candidates[best]));
          break;
        }
    }
  return candidates[best];
}

static void
keep_example (char        example[EXAMPLE_SIZE],
              const char *text)
{
  if (example[0] == '\0' && strlen (text) < EXAMPLE_SIZE)
    g_strlcpy (example, text, EXAMPLE_SIZE);
}

static void
look_at_field (SampleStats *stats,
               const char  *field)
{
  PiloteCsvDateParts date;
  PiloteCsvNumber number;
  gboolean as_point;
  gboolean as_comma;

  if (pilote_csv_split_date (field, &date))
    {
      guint first = date.value[0];
      guint second = date.value[1];

      if (date.n_digits[0] == 4)
        {
          if (second >= 1 && second <= 12 && date.value[2] >= 1 && date.value[2] <= 31)
            stats->iso++;
        }
      else if (first == 0 || second == 0 || first > 31 || second > 31 ||
               (first > 12 && second > 12))
        return;
      else if (first > 12)
        {
          stats->day_first++;
          keep_example (stats->day_first_example, field);
        }
      else if (second > 12)
        {
          stats->month_first++;
          keep_example (stats->month_first_example, field);
        }
      else
        {
          stats->unordered++;
          keep_example (stats->unordered_example, field);
        }
      return;
    }

  if (strpbrk (field, ".,") == NULL)
    return;
  as_point = pilote_csv_scan_number (field, '.', &number);
  as_comma = pilote_csv_scan_number (field, ',', &number);
  if (as_comma && !as_point)
    {
      stats->comma++;
      keep_example (stats->comma_example, field);
    }
  else if (as_point && !as_comma)
    {
      stats->point++;
      keep_example (stats->point_example, field);
    }
  else if (as_point && as_comma)
    {
      stats->either++;
      keep_example (stats->either_example, field);
    }
}

static char
choose_decimal (const SampleStats *stats,
                char               delimiter,
                GPtrArray         *notes)
{
  char decimal;

  if (stats->comma > 0 && stats->point > 0)
    {
      decimal = stats->comma > stats->point ||
                (stats->comma == stats->point && delimiter == ';') ? ',' : '.';
      if (decimal == ',')
        add_note (notes, _("Some numbers have a decimal comma (like “%s”) and others a "
                           "decimal point (like “%s”); the comma is assumed. Set the decimal "
                           "separator of the import if that is wrong."),
                  stats->comma_example, stats->point_example);
      else
        add_note (notes, _("Some numbers have a decimal comma (like “%s”) and others a "
                           "decimal point (like “%s”); the point is assumed. Set the decimal "
                           "separator of the import if that is wrong."),
                  stats->comma_example, stats->point_example);
      return decimal;
    }
  if (stats->comma > 0)
    return ',';
  if (stats->point > 0)
    return '.';

  decimal = delimiter == ';' ? ',' : '.';
  if (stats->either > 0 && decimal == ',')
    add_note (notes, _("Numbers like “%s” could have a decimal comma or a thousands separator; a "
                       "decimal comma is assumed. Set the decimal separator of the import if "
                       "that is wrong."),
              stats->either_example);
  else if (stats->either > 0)
    add_note (notes, _("Numbers like “%s” could have a decimal point or a thousands separator; a "
                       "decimal point is assumed. Set the decimal separator of the import if "
                       "that is wrong."),
              stats->either_example);
  return decimal;
}

static PiloteDateFormat
choose_date_format (const SampleStats *stats,
                    GPtrArray         *notes)
{
  if (stats->day_first > 0 && stats->month_first > 0)
    {
      add_note (notes, _("Some dates have the day first (like “%s”) and others the month first "
                         "(like “%s”). Set the date format of the import to day/month/year or "
                         "month/day/year."),
                stats->day_first_example, stats->month_first_example);
      return PILOTE_DATE_FORMAT_AUTO;
    }
  if (stats->day_first > 0)
    return PILOTE_DATE_FORMAT_DMY;
  if (stats->month_first > 0)
    return PILOTE_DATE_FORMAT_MDY;
  if (stats->unordered > 0)
    {
      add_note (notes, _("Dates like “%s” could be day/month/year or month/day/year. Set the "
                         "date format of the import."),
                stats->unordered_example);
      return PILOTE_DATE_FORMAT_AUTO;
    }
  if (stats->iso > 0)
    return PILOTE_DATE_FORMAT_ISO;
  return PILOTE_DATE_FORMAT_AUTO;
}

static void
detect_values (const guint8     *sample,
               gsize             len,
               guint             n_records,
               PiloteCsvOptions *options,
               GPtrArray        *notes)
{
  g_autoptr(PiloteCsvReader) reader = NULL;
  SampleStats stats = { 0 };

  reader = sample_reader_new (sample, len, options->delimiter, options->encoding);
  for (guint i = 0; i < n_records && pilote_csv_reader_next (reader, NULL); i++)
    {
      for (guint j = 0; j < pilote_csv_reader_get_n_fields (reader); j++)
        look_at_field (&stats, pilote_csv_reader_get_field (reader, j));
    }

  if (options->decimal == 0)
    options->decimal = choose_decimal (&stats, options->delimiter, notes);
  if (options->date_format == PILOTE_DATE_FORMAT_AUTO)
    options->date_format = choose_date_format (&stats, notes);
}

/**
 * pilote_csv_detect:
 * @path: the CSV file
 * @options: (inout): the options to complete: members that are 0 or AUTO
 *   are detected, the others are left alone
 * @notes: (out) (optional) (transfer full): where to add notes, a new
 *   array of strings if *@notes is %NULL: one translated sentence for each
 *   thing that could not be decided or was chosen with doubt
 * @error: return location for a %PILOTE_ERROR_IO error
 *
 * Looks at the first 64 KiB of @path. The encoding is UTF-8 if the text
 * has a byte-order mark or is valid UTF-8, Windows-1252 otherwise. The
 * delimiter (',', ';' or tab) is the one that splits the most records
 * into the same number of fields, more than one; a comma on a tie. The
 * decimal separator is the one numbers show (1234,56 or 1 234,56 against
 * 12.5 or 1,234.56); with no sign of either, ',' in a semicolon file and
 * '.' otherwise. The date format is ISO if every date is year first, DMY
 * if a day is over 12 in the first place, MDY if in the second; it stays
 * %PILOTE_DATE_FORMAT_AUTO, with a note, when both occur or when no date
 * tells, and without a note when there are no dates.
 *
 * Returns: %FALSE if the file cannot be read
 */
gboolean
pilote_csv_detect (const char        *path,
                   PiloteCsvOptions  *options,
                   GPtrArray        **notes,
                   GError           **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GPtrArray) new_notes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *sample = NULL;
  GPtrArray *added;
  gboolean truncated;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (options->delimiter == 0 ||
                        pilote_csv_is_valid_delimiter (options->delimiter), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stream = pilote_csv_open_file (path, error);
  if (stream == NULL)
    return FALSE;
  sample = g_malloc (SAMPLE_SIZE + 1);
  if (!g_input_stream_read_all (stream, sample, SAMPLE_SIZE + 1, &len, NULL, &local_error))
    {
      pilote_csv_set_open_error (error, path, local_error);
      return FALSE;
    }
  truncated = len > SAMPLE_SIZE;
  len = MIN (len, SAMPLE_SIZE);

  if (notes != NULL && *notes != NULL)
    added = *notes;
  else
    added = new_notes = g_ptr_array_new_with_free_func (g_free);

  if (options->encoding == PILOTE_CSV_ENCODING_AUTO)
    options->encoding = detect_encoding (sample, len, truncated);
  if (options->delimiter == 0)
    options->delimiter = detect_delimiter (sample, len, truncated, options->encoding, added);
  if (options->decimal == 0 || options->date_format == PILOTE_DATE_FORMAT_AUTO)
    {
      guint counts[SAMPLE_RECORDS];
      guint n_records;

      n_records = count_fields (sample, len, truncated, options->delimiter, options->encoding,
                                counts);
      detect_values (sample, len, n_records, options, added);
    }

  if (notes != NULL && *notes == NULL)
    *notes = g_steal_pointer (&new_notes);
  return TRUE;
}
