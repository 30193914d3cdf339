/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "pilote-csv-reader-private.h"
#include "pilote-error.h"

static char *tmp_dir;

static char *
write_fixture (const char *name,
               const char *bytes,
               gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_file_set_contents (path, bytes, len, &error);
  g_assert_no_error (error);
  return path;
}

static void
remove_tmp_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (tmp_dir), ==, 0);
}

/* The current record as "LINE:field|field|…" */
static char *
describe_record (PiloteCsvReader *reader)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%" G_GUINT64_FORMAT ":", pilote_csv_reader_get_line (reader));
  for (guint i = 0; i < pilote_csv_reader_get_n_fields (reader); i++)
    {
      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, pilote_csv_reader_get_field (reader, i));
    }
  return g_string_free (out, FALSE);
}

static void
assert_records (PiloteCsvReader *reader,
                const char      *expected[])
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  while (pilote_csv_reader_next (reader, &error))
    {
      g_autofree char *record = describe_record (reader);

      g_assert_nonnull (expected[n]);
      g_assert_cmpstr (record, ==, expected[n]);
      n++;
      g_assert_cmpuint (pilote_csv_reader_get_record (reader), ==, n);
    }
  g_assert_no_error (error);
  g_assert_null (expected[n]);
  g_assert_cmpuint (pilote_csv_reader_get_n_fields (reader), ==, 0);

  /* The end stays the end */
  g_assert_false (pilote_csv_reader_next (reader, &error));
  g_assert_no_error (error);
}

static PiloteCsvReader *
reader_for_bytes (const char *bytes,
                  gssize      len,
                  char        delimiter,
                  PiloteCsvEncoding encoding)
{
  g_autoptr(GBytes) data = g_bytes_new (bytes, len < 0 ? strlen (bytes) : (gsize) len);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (data);
  PiloteCsvOptions options = { delimiter, encoding, '.', PILOTE_DATE_FORMAT_AUTO };

  return pilote_csv_reader_new_for_stream (stream, &options);
}

/* Reads with the usual 64 KiB chunks, and with tiny ones that put chunk
 * boundaries everywhere
 */
static void
assert_bytes_read_as (const char *bytes,
                      gssize      len,
                      char        delimiter,
                      const char *expected[])
{
  static const gsize chunk_sizes[] = { 0, 4, 5, 6, 7 };

  for (guint i = 0; i < G_N_ELEMENTS (chunk_sizes); i++)
    {
      g_autoptr(PiloteCsvReader) reader = NULL;

      reader = reader_for_bytes (bytes, len, delimiter, PILOTE_CSV_ENCODING_UTF8);
      if (chunk_sizes[i] > 0)
        pilote_csv_reader_set_chunk_size (reader, chunk_sizes[i]);
      assert_records (reader, expected);
    }
}

/* Reads until an error, which it returns */
static GError *
read_to_error (PiloteCsvReader *reader)
{
  GError *error = NULL;
  GError *again = NULL;

  while (pilote_csv_reader_next (reader, &error))
    ;
  g_assert_nonnull (error);

  /* The error stays */
  g_assert_false (pilote_csv_reader_next (reader, &again));
  g_assert_error (again, error->domain, error->code);
  g_assert_cmpstr (again->message, ==, error->message);
  g_error_free (again);
  return error;
}

static void
test_french_windows_1252 (void)
{
  static const char bytes[] =
    "Client;Montant;Date\r\n"
    "Caf\xe9 du March\xe9;1 234,56;01/03/2017\r\n"
    "\"Soci\xe9t\xe9 \x80uro; et fils\";12,5;31/12/2017\r\n";
  const char *expected[] = {
    "1:Client|Montant|Date",
    "2:Café du Marché|1 234,56|01/03/2017",
    "3:Société €uro; et fils|12,5|31/12/2017",
    NULL,
  };
  g_autofree char *path = write_fixture ("french.csv", bytes, -1);
  g_autoptr(PiloteCsvReader) reader = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  PiloteCsvOptions options = { 0 };
  gint64 minor = 0;
  double value = 0;

  g_assert_true (pilote_csv_detect (path, &options, &notes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (options.delimiter, ==, ';');
  g_assert_cmpint (options.encoding, ==, PILOTE_CSV_ENCODING_WINDOWS_1252);
  g_assert_cmpint (options.decimal, ==, ',');
  g_assert_cmpint (options.date_format, ==, PILOTE_DATE_FORMAT_DMY);
  g_assert_cmpuint (notes->len, ==, 0);

  /* No options: the reader detects the delimiter and the encoding itself */
  reader = pilote_csv_reader_new (path, NULL, &error);
  g_assert_no_error (error);
  assert_records (reader, expected);

  g_assert_true (pilote_csv_parse_number ("1 234,56", options.decimal, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (value, 1234.56, 1e-9);
  g_assert_true (pilote_csv_parse_money ("1 234,56", options.decimal, 2, &minor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (minor, ==, 123456);
}

static void
test_windows_1252_table (void)
{
  static const gunichar expected[][2] = {
    { 0x80, 0x20AC }, { 0x81, 0x0081 }, { 0x8A, 0x0160 }, { 0x93, 0x201C }, { 0x9D, 0x009D },
    { 0x9F, 0x0178 }, { 0xA0, 0x00A0 }, { 0xE9, 0x00E9 }, { 0xFF, 0x00FF },
  };
  char bytes[129];
  g_autoptr(PiloteCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const char *field;

  for (guint i = 0; i < 128; i++)
    bytes[i] = (char) (0x80 + i);
  bytes[128] = '\0';
  reader = reader_for_bytes (bytes, 128, ',', PILOTE_CSV_ENCODING_WINDOWS_1252);
  g_assert_true (pilote_csv_reader_next (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pilote_csv_reader_get_n_fields (reader), ==, 1);
  field = pilote_csv_reader_get_field (reader, 0);
  g_assert_true (g_utf8_validate (field, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (field, -1), ==, 128);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (g_utf8_get_char (g_utf8_offset_to_pointer (field, expected[i][0] - 0x80)),
                      ==, expected[i][1]);
  g_assert_false (pilote_csv_reader_next (reader, &error));
  g_assert_no_error (error);
}

static void
test_bom (void)
{
  const char *expected[] = { "1:name|amount", "2:Élodie|1", NULL };
  const char *nothing[] = { NULL };
  g_autofree char *path = write_fixture ("bom.csv", "\xef\xbb\xbfname,amount\nÉlodie,1\n", -1);
  g_autoptr(PiloteCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  PiloteCsvOptions options = { 0 };

  g_assert_true (pilote_csv_detect (path, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (options.encoding, ==, PILOTE_CSV_ENCODING_UTF8);
  g_assert_cmpint (options.delimiter, ==, ',');

  reader = pilote_csv_reader_new (path, &options, &error);
  g_assert_no_error (error);
  assert_records (reader, expected);

  /* A byte-order mark and nothing else */
  assert_bytes_read_as ("\xef\xbb\xbf", -1, ',', nothing);
  /* Only the first one is dropped */
  {
    const char *twice[] = { "1:\xef\xbb\xbf" "a", NULL };

    assert_bytes_read_as ("\xef\xbb\xbf\xef\xbb\xbf" "a", -1, ',', twice);
  }
}

static void
test_quoted (void)
{
  static const char bytes[] =
    "id,note,amount\r\n"
    "1,\"Hello, world\",5\r\n"
    "2,\"She said \"\"hi\"\"\",6\r\n"
    "3,\"line one\r\nline two\r\nline three\",7\r\n"
    "4,after,8\r\n"
    "5,ab\"c,9\r\n"
    "6,\"ab\"c,10\r\n"
    "7,\"\",\"\"\"\"\r\n"
    "\"\"\r\n"
    "8,\"lf\nonly\",\"cr\ronly\"\r\n"
    "9,end,11\r\n";
  const char *expected[] = {
    "1:id|note|amount",
    "2:1|Hello, world|5",
    "3:2|She said \"hi\"|6",
    "4:3|line one\r\nline two\r\nline three|7",
    "7:4|after|8",
    "8:5|ab\"c|9",
    "9:6|abc|10",
    "10:7||\"",
    "11:",
    "12:8|lf\nonly|cr\ronly",
    "15:9|end|11",
    NULL,
  };
  g_autofree char *path = write_fixture ("quoted.csv", bytes, -1);
  g_autoptr(PiloteCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  PiloteCsvOptions options = { ',', PILOTE_CSV_ENCODING_UTF8, '.', PILOTE_DATE_FORMAT_ISO };

  reader = pilote_csv_reader_new (path, &options, &error);
  g_assert_no_error (error);
  assert_records (reader, expected);

  assert_bytes_read_as (bytes, -1, ',', expected);
}

static void
test_line_endings (void)
{
  const char *expected[] = { "1:a|b", "2:1|2", "3:3|4", NULL };
  const char *semicolons[] = { "1:a|b", "2:1|", "3:|", NULL };
  const char *tabs[] = { "1:a,b|c", NULL };

  assert_bytes_read_as ("a,b\n1,2\n3,4\n", -1, ',', expected);
  assert_bytes_read_as ("a,b\r\n1,2\r\n3,4\r\n", -1, ',', expected);
  assert_bytes_read_as ("a,b\r1,2\r3,4\r", -1, ',', expected);
  assert_bytes_read_as ("a,b\r\n1,2\r3,4\n", -1, ',', expected);
  /* No line break at the end */
  assert_bytes_read_as ("a,b\n1,2\n3,4", -1, ',', expected);
  assert_bytes_read_as ("a,b\r1,2\r3,4", -1, ',', expected);
  /* Empty fields, at the end too */
  assert_bytes_read_as ("a;b\n1;\n;", -1, ';', semicolons);
  assert_bytes_read_as ("a,b\tc", -1, '\t', tabs);
}

static void
test_blank_lines (void)
{
  const char *expected[] = { "3:a|b", "5:1|2", "8:3|4", NULL };
  const char *nothing[] = { NULL };
  const char *spaces[] = { "1: ", "2:a", NULL };

  assert_bytes_read_as ("\n\na,b\n\n1,2\r\n\r\n\n3,4\n\n", -1, ',', expected);
  assert_bytes_read_as ("\r\r\n\n", -1, ',', nothing);
  assert_bytes_read_as ("", 0, ',', nothing);
  /* A line with a space is not blank */
  assert_bytes_read_as (" \na\n", -1, ',', spaces);
}

static void
test_unterminated_quote (void)
{
  g_autofree char *path = write_fixture ("open.csv", "a,b\n1,2\n3,\"open\n4,5\n6,7\n", -1);
  g_autoptr(PiloteCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  PiloteCsvOptions options = { ',', PILOTE_CSV_ENCODING_UTF8, 0, 0 };

  reader = pilote_csv_reader_new (path, &options, &error);
  g_assert_no_error (error);
  g_clear_error (&error);
  error = read_to_error (reader);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_assert_cmpuint (pilote_csv_reader_get_record (reader), ==, 2);
}

/* A quote never closed in a large file: memory stays bounded */
static void
test_record_too_long (void)
{
  gsize len = 17 * 1024 * 1024;
  g_autofree char *bytes = g_malloc (len);
  g_autoptr(PiloteCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  memset (bytes, 'x', len);
  memcpy (bytes, "a\n1,\"", 5);
  for (gsize i = 1000; i < len; i += 1000)
    bytes[i] = '\n';
  reader = reader_for_bytes (bytes, (gssize) len, ',', PILOTE_CSV_ENCODING_UTF8);
  error = read_to_error (reader);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 2 "));
  g_assert_nonnull (strstr (error->message, "16 MB"));
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(PiloteCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  reader = reader_for_bytes ("a,b\n1,2\n3,caf\xe9\n", -1, ',', PILOTE_CSV_ENCODING_UTF8);
  error = read_to_error (reader);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Line 3 "));
  g_clear_pointer (&reader, pilote_csv_reader_free);
  g_clear_error (&error);

  /* The line of the bad byte, inside a field over several lines */
  reader = reader_for_bytes ("a,b\n1,\"x\r\ny\r\n\xff\"\n", -1, ',', PILOTE_CSV_ENCODING_UTF8);
  error = read_to_error (reader);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Line 4 "));
  g_clear_pointer (&reader, pilote_csv_reader_free);
  g_clear_error (&error);

  /* A character cut short at the end of the file */
  reader = reader_for_bytes ("a\n\xc3", -1, ',', PILOTE_CSV_ENCODING_UTF8);
  error = read_to_error (reader);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_clear_pointer (&reader, pilote_csv_reader_free);
  g_clear_error (&error);

  /* A NUL byte, as in a UTF-16 file */
  reader = reader_for_bytes ("a,b\n1,\0\n", 8, ',', PILOTE_CSV_ENCODING_UTF8);
  error = read_to_error (reader);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Line 2 "));
  g_clear_pointer (&reader, pilote_csv_reader_free);
  g_clear_error (&error);

  reader = reader_for_bytes ("a\0", 2, ',', PILOTE_CSV_ENCODING_WINDOWS_1252);
  error = read_to_error (reader);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
}

static void
test_missing_file (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "no such file.csv", NULL);
  g_autoptr(PiloteCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  PiloteCsvOptions options = { 0 };

  reader = pilote_csv_reader_new (path, NULL, &error);
  g_assert_null (reader);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "no such file.csv"));
  g_clear_error (&error);

  options.delimiter = ',';
  options.encoding = PILOTE_CSV_ENCODING_UTF8;
  reader = pilote_csv_reader_new (path, &options, &error);
  g_assert_null (reader);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_IO);
  g_clear_error (&error);

  g_assert_false (pilote_csv_detect (path, &options, NULL, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_IO);
  g_clear_error (&error);

  /* A folder */
  g_assert_false (pilote_csv_detect (tmp_dir, &options, NULL, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_IO);
}

static void
test_fields (void)
{
  g_autoptr(PiloteCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  reader = reader_for_bytes ("a,,b,\n", -1, 0, PILOTE_CSV_ENCODING_AUTO);
  g_assert_cmpuint (pilote_csv_reader_get_n_fields (reader), ==, 0);
  g_assert_null (pilote_csv_reader_get_field (reader, 0));
  g_assert_cmpuint (pilote_csv_reader_get_record (reader), ==, 0);

  g_assert_true (pilote_csv_reader_next (reader, &error));
  g_assert_cmpuint (pilote_csv_reader_get_n_fields (reader), ==, 4);
  g_assert_cmpstr (pilote_csv_reader_get_field (reader, 0), ==, "a");
  g_assert_cmpstr (pilote_csv_reader_get_field (reader, 1), ==, "");
  g_assert_cmpstr (pilote_csv_reader_get_field (reader, 2), ==, "b");
  g_assert_cmpstr (pilote_csv_reader_get_field (reader, 3), ==, "");
  g_assert_null (pilote_csv_reader_get_field (reader, 4));
  g_assert_null (pilote_csv_reader_get_field (reader, G_MAXUINT));
  g_assert_cmpuint (pilote_csv_reader_get_record (reader), ==, 1);
  g_assert_cmpuint (pilote_csv_reader_get_line (reader), ==, 1);
}

/* Records whose line breaks, doubled quotes and characters straddle the
 * reader's 64 KiB chunks
 */
static void
test_chunk_boundaries (void)
{
  static const char tail[] = ",\"a\"\"b\r\nc\",\xc3\xa9\r\n";

  /* The first chunk ends at each byte of the tail in turn */
  for (guint shift = 0; shift < sizeof tail; shift++)
    {
      g_autoptr(GString) bytes = g_string_new (NULL);
      g_autoptr(PiloteCsvReader) utf8 = NULL;
      g_autoptr(PiloteCsvReader) latin = NULL;
      g_autoptr(GError) error = NULL;
      guint64 line = 1;
      guint n = 0;

      for (guint i = 0; i < 65536 - shift; i++)
        g_string_append_c (bytes, 'p');
      while (bytes->len < 150 * 1024)
        {
          g_string_append (bytes, tail);
          g_string_append_c (bytes, 'q');
        }
      g_string_append (bytes, tail);

      utf8 = reader_for_bytes (bytes->str, (gssize) bytes->len, ',', PILOTE_CSV_ENCODING_UTF8);
      latin = reader_for_bytes (bytes->str, (gssize) bytes->len, ',',
                                PILOTE_CSV_ENCODING_WINDOWS_1252);
      while (pilote_csv_reader_next (utf8, &error))
        {
          g_assert_true (pilote_csv_reader_next (latin, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (pilote_csv_reader_get_n_fields (utf8), ==, 3);
          g_assert_cmpuint (pilote_csv_reader_get_n_fields (latin), ==, 3);
          g_assert_cmpstr (pilote_csv_reader_get_field (utf8, 1), ==, "a\"b\r\nc");
          g_assert_cmpstr (pilote_csv_reader_get_field (utf8, 2), ==, "é");
          g_assert_cmpstr (pilote_csv_reader_get_field (latin, 1), ==, "a\"b\r\nc");
          g_assert_cmpstr (pilote_csv_reader_get_field (latin, 2), ==, "Ã©");
          g_assert_cmpuint (pilote_csv_reader_get_line (utf8), ==, line);
          g_assert_cmpuint (pilote_csv_reader_get_line (latin), ==, line);
          line += 2;
          n++;
        }
      g_assert_no_error (error);
      g_assert_false (pilote_csv_reader_next (latin, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, pilote_csv_reader_get_record (utf8));
      g_assert_cmpuint (n, >, 1000);
    }
}

static void
test_stream_defaults (void)
{
  const char *expected[] = { "1:a|b;c", NULL };
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data ("a,b;c\n", -1, NULL);
  g_autoptr(PiloteCsvReader) reader = pilote_csv_reader_new_for_stream (stream, NULL);

  assert_records (reader, expected);
}

static void
test_large (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "large.csv", NULL);
  g_autoptr(PiloteCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  FILE *file = g_fopen (path, "wb");
  guint64 n = 0;
  gint64 start;
  double seconds;

  g_assert_nonnull (file);
  fputs ("ref,client,product,stage,amount,created,closed,owner\n", file);
  for (guint i = 0; i < 200000; i++)
    fprintf (file, "D-%06u,\"Client %u, Ltd\",GTX Pro,Won,%u.%02u,2017-03-%02u,2017-04-%02u,"
             "Member %u\n", i, i % 997, i * 7 % 100000, i % 100, 1 + i % 28, 1 + i % 30,
             i % 35);
  g_assert_cmpint (fclose (file), ==, 0);

  start = g_get_monotonic_time ();
  reader = pilote_csv_reader_new (path, NULL, &error);
  g_assert_no_error (error);
  while (pilote_csv_reader_next (reader, &error))
    {
      g_assert_cmpuint (pilote_csv_reader_get_n_fields (reader), ==, 8);
      n++;
    }
  g_assert_no_error (error);
  seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  g_test_message ("read %" G_GUINT64_FORMAT " records in %.3f s", n, seconds);

  g_assert_cmpuint (n, ==, 200001);
  g_assert_cmpuint (pilote_csv_reader_get_record (reader), ==, 200001);
  g_assert_cmpint (g_remove (path), ==, 0);
}

static PiloteCsvOptions
detect_bytes (const char  *name,
              const char  *bytes,
              GPtrArray  **notes)
{
  g_autofree char *path = write_fixture (name, bytes, -1);
  g_autoptr(GError) error = NULL;
  PiloteCsvOptions options = { 0 };

  g_assert_true (pilote_csv_detect (path, &options, notes, &error));
  g_assert_no_error (error);
  return options;
}

/* Detects the options of @bytes, with @n_notes notes, the first of which
 * holds @in_note
 */
static PiloteCsvOptions
detect_noting (const char *name,
               const char *bytes,
               guint       n_notes,
               const char *in_note)
{
  g_autoptr(GPtrArray) notes = NULL;
  PiloteCsvOptions options = detect_bytes (name, bytes, &notes);

  for (guint i = 0; i < notes->len; i++)
    g_test_message ("%s: %s", name, (const char *) notes->pdata[i]);
  g_assert_cmpuint (notes->len, ==, n_notes);
  if (in_note != NULL)
    g_assert_nonnull (strstr (notes->pdata[0], in_note));
  return options;
}

static void
test_detect_delimiter (void)
{
  g_autofree char *path = write_fixture ("preset.csv", "a;b\n1;2\n", -1);
  g_autoptr(GError) error = NULL;
  PiloteCsvOptions preset = { ',', PILOTE_CSV_ENCODING_WINDOWS_1252, '.', PILOTE_DATE_FORMAT_MDY };
  PiloteCsvOptions options;

  options = detect_noting ("comma.csv", "a,b,c\n1,2,3\n4,5,6\n", 0, NULL);
  g_assert_cmpint (options.delimiter, ==, ',');
  options = detect_noting ("semicolon.csv", "a;b,x;c\n1;2,5;3\n4;5;6\n", 0, NULL);
  g_assert_cmpint (options.delimiter, ==, ';');
  options = detect_noting ("tab.csv", "a\tb c\t\"d;e\"\n1\t2,5\t3\n", 0, NULL);
  g_assert_cmpint (options.delimiter, ==, '\t');

  /* Delimiters inside quotes do not count */
  options = detect_noting ("quoted.csv", "\"a;b\",c\n\"d;e\",f\n\"g;h\",i\n", 0, NULL);
  g_assert_cmpint (options.delimiter, ==, ',');

  /* A tie goes to the comma, with a note */
  options = detect_noting ("tie.csv", "a,b;c\n1,2;3\n", 1, "semicolon");
  g_assert_cmpint (options.delimiter, ==, ',');

  /* A single column: a comma, with a note */
  options = detect_noting ("column.csv", "name\nAlpha\nBeta\n", 1, "single column");
  g_assert_cmpint (options.delimiter, ==, ',');

  /* A delimiter that splits few lines evenly: a note */
  options = detect_noting ("uneven.csv", "name\nAlpha, Inc\nBeta\nGamma\n", 1,
                           "only 1 of the first 4 lines");
  g_assert_cmpint (options.delimiter, ==, ',');

  /* Members already set are left alone */
  g_assert_true (pilote_csv_detect (path, &preset, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (preset.delimiter, ==, ',');
  g_assert_cmpint (preset.encoding, ==, PILOTE_CSV_ENCODING_WINDOWS_1252);
  g_assert_cmpint (preset.decimal, ==, '.');
  g_assert_cmpint (preset.date_format, ==, PILOTE_DATE_FORMAT_MDY);
}

static void
test_detect_encoding (void)
{
  g_autoptr(GString) bytes = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  PiloteCsvOptions options;

  options = detect_bytes ("utf8.csv", "name,city\nÉlodie,Besançon\n", NULL);
  g_assert_cmpint (options.encoding, ==, PILOTE_CSV_ENCODING_UTF8);
  options = detect_bytes ("ascii.csv", "name,city\nAlpha,Paris\n", NULL);
  g_assert_cmpint (options.encoding, ==, PILOTE_CSV_ENCODING_UTF8);
  options = detect_bytes ("latin.csv", "name,city\n\xc9lodie,Besan\xe7on\n", NULL);
  g_assert_cmpint (options.encoding, ==, PILOTE_CSV_ENCODING_WINDOWS_1252);

  /* A character cut by the end of the 64 KiB sample is not an error */
  g_string_append (bytes, "name,city\n");
  while (bytes->len < 65535)
    g_string_append (bytes, "a,b\n");
  g_string_truncate (bytes, 65535);
  g_string_append (bytes, "é,€\n");
  path = write_fixture ("cut.csv", bytes->str, (gssize) bytes->len);
  options = (PiloteCsvOptions) { 0 };
  g_assert_true (pilote_csv_detect (path, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (options.encoding, ==, PILOTE_CSV_ENCODING_UTF8);
  g_assert_cmpint (options.delimiter, ==, ',');
}

static void
test_detect_decimal (void)
{
  PiloteCsvOptions options;

  options = detect_noting ("comma-decimal.csv", "a\tb\nx\t12,5\ny\t1 234,56\n", 0, NULL);
  g_assert_cmpint (options.decimal, ==, ',');
  options = detect_noting ("thousands-point.csv", "a;b\nx;1.234,56\ny;7\n", 0, NULL);
  g_assert_cmpint (options.decimal, ==, ',');
  options = detect_noting ("point.csv", "a,b\nx,12.5\ny,\"1,234.56\"\n", 0, NULL);
  g_assert_cmpint (options.decimal, ==, '.');

  /* No decimals: a comma in a semicolon file, a point otherwise */
  options = detect_noting ("integers.csv", "a;b\nx;12\ny;7\n", 0, NULL);
  g_assert_cmpint (options.decimal, ==, ',');
  options = detect_noting ("integers-comma.csv", "a,b\nx,12\ny,7\n", 0, NULL);
  g_assert_cmpint (options.decimal, ==, '.');

  /* A semicolon file with decimal points */
  options = detect_noting ("semicolon-point.csv", "a;b\nx;12.5\ny;7.25\n", 0, NULL);
  g_assert_cmpint (options.decimal, ==, '.');

  /* "1,234" could be either: a note */
  options = detect_noting ("either.csv", "a;b\nx;1,234\ny;2,500\n", 1, "1,234");
  g_assert_cmpint (options.decimal, ==, ',');

  /* Both kinds: a note */
  options = detect_noting ("mixed.csv", "a\tb\nx\t12,5\ny\t7.25\nz\t1,5\n", 1, "7.25");
  g_assert_cmpint (options.decimal, ==, ',');
}

static void
test_detect_dates (void)
{
  g_autoptr(GPtrArray) notes = NULL;
  PiloteCsvOptions options;

  options = detect_noting ("dmy.csv", "a,d\nx,01/02/2017\ny,31/01/2017 14:05\n", 0, NULL);
  g_assert_cmpint (options.date_format, ==, PILOTE_DATE_FORMAT_DMY);
  options = detect_noting ("dmy-dots.csv", "a;d\nx;1.2.2017\ny;25.12.2017\n", 0, NULL);
  g_assert_cmpint (options.date_format, ==, PILOTE_DATE_FORMAT_DMY);
  options = detect_noting ("mdy.csv", "a,d\nx,01/02/2017\ny,1/31/2017 2:05 PM\n", 0, NULL);
  g_assert_cmpint (options.date_format, ==, PILOTE_DATE_FORMAT_MDY);
  options = detect_noting ("iso.csv", "a,d\nx,2017-02-01\ny,2017-01-31T14:05:00Z\n", 0, NULL);
  g_assert_cmpint (options.date_format, ==, PILOTE_DATE_FORMAT_ISO);

  /* Undecided: a note */
  options = detect_noting ("ambiguous.csv", "a,d\nx,01/02/2017\ny,03/04/2017\n", 1,
                           "01/02/2017");
  g_assert_cmpint (options.date_format, ==, PILOTE_DATE_FORMAT_AUTO);
  options = detect_noting ("both.csv", "a,d\nx,13/02/2017\ny,02/13/2017\n", 1,
                           "13/02/2017");
  g_assert_cmpint (options.date_format, ==, PILOTE_DATE_FORMAT_AUTO);

  /* No dates: nothing to decide, no note */
  options = detect_noting ("no-dates.csv", "a,b\nx,y\n", 0, NULL);
  g_assert_cmpint (options.date_format, ==, PILOTE_DATE_FORMAT_AUTO);

  /* Notes are added to an array given */
  notes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (notes, g_strdup ("before"));
  detect_bytes ("ambiguous-again.csv", "a;d\nx;01/02/2017\n", &notes);
  g_assert_cmpuint (notes->len, ==, 2);
  g_assert_cmpstr (notes->pdata[0], ==, "before");
}

static void
assert_date (const char       *text,
             PiloteDateFormat  format,
             const char       *expected)
{
  g_autoptr(GError) error = NULL;
  char iso[11] = "";
  gboolean ok;

  ok = pilote_csv_parse_date (text, format, iso, &error);
  if (expected == NULL)
    {
      g_assert_false (ok);
      g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
      return;
    }
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpstr (iso, ==, expected);
}

static void
test_parse_date (void)
{
  g_autoptr(GError) error = NULL;
  char iso[11];

  assert_date ("01/03/2017", PILOTE_DATE_FORMAT_DMY, "2017-03-01");
  assert_date ("1/3/2017", PILOTE_DATE_FORMAT_DMY, "2017-03-01");
  assert_date ("1.3.2017", PILOTE_DATE_FORMAT_DMY, "2017-03-01");
  assert_date ("1-3-2017", PILOTE_DATE_FORMAT_DMY, "2017-03-01");
  assert_date (" 1/3/2017 ", PILOTE_DATE_FORMAT_DMY, "2017-03-01");
  assert_date ("3/1/2017", PILOTE_DATE_FORMAT_MDY, "2017-03-01");
  assert_date ("3/1/2017 14:05", PILOTE_DATE_FORMAT_MDY, "2017-03-01");
  assert_date ("3/1/2017 2:05:59 PM", PILOTE_DATE_FORMAT_MDY, "2017-03-01");
  assert_date ("3/1/17", PILOTE_DATE_FORMAT_MDY, "2017-03-01");
  assert_date ("3/1/69", PILOTE_DATE_FORMAT_MDY, "2069-03-01");
  assert_date ("3/1/70", PILOTE_DATE_FORMAT_MDY, "1970-03-01");
  assert_date ("29/02/2016", PILOTE_DATE_FORMAT_DMY, "2016-02-29");

  /* Year first is read whatever the format */
  for (PiloteDateFormat format = PILOTE_DATE_FORMAT_AUTO; format <= PILOTE_DATE_FORMAT_MDY;
       format++)
    {
      assert_date ("2017-03-01", format, "2017-03-01");
      assert_date ("2017-3-1", format, "2017-03-01");
      assert_date ("2017/03/01", format, "2017-03-01");
      assert_date ("2017-03-01T14:05:00Z", format, "2017-03-01");
      assert_date ("2017-03-01 14:05:00.123+02:00", format, "2017-03-01");
      assert_date ("2017-03-01T14:05-0500", format, "2017-03-01");
    }

  /* Days that do not exist */
  assert_date ("31/02/2017", PILOTE_DATE_FORMAT_DMY, NULL);
  assert_date ("29/02/2017", PILOTE_DATE_FORMAT_DMY, NULL);
  assert_date ("2017-02-30", PILOTE_DATE_FORMAT_ISO, NULL);
  assert_date ("0/1/2017", PILOTE_DATE_FORMAT_DMY, NULL);
  assert_date ("13/13/2017", PILOTE_DATE_FORMAT_DMY, NULL);
  assert_date ("1/13/2017", PILOTE_DATE_FORMAT_DMY, NULL);
  assert_date ("0000-01-01", PILOTE_DATE_FORMAT_ISO, NULL);

  /* Shapes that are not dates */
  assert_date ("2017-03-01 14", PILOTE_DATE_FORMAT_ISO, NULL);
  assert_date ("2017-03-01 25:00", PILOTE_DATE_FORMAT_ISO, NULL);
  assert_date ("2017-03-01 14:60", PILOTE_DATE_FORMAT_ISO, NULL);
  assert_date ("2017-03-01x", PILOTE_DATE_FORMAT_ISO, NULL);
  assert_date ("1/3-2017", PILOTE_DATE_FORMAT_DMY, NULL);
  assert_date ("1/3/217", PILOTE_DATE_FORMAT_DMY, NULL);
  assert_date ("001/3/2017", PILOTE_DATE_FORMAT_DMY, NULL);
  assert_date ("1/3", PILOTE_DATE_FORMAT_DMY, NULL);
  assert_date ("March 1, 2017", PILOTE_DATE_FORMAT_DMY, NULL);
  assert_date ("  ", PILOTE_DATE_FORMAT_DMY, NULL);

  /* Not year first, but the format says so or does not know */
  assert_date ("01/03/2017", PILOTE_DATE_FORMAT_ISO, NULL);
  g_assert_false (pilote_csv_parse_date ("13/03/2017", PILOTE_DATE_FORMAT_AUTO, iso, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“13/03/2017”"));
  g_assert_nonnull (strstr (error->message, "day/month/year"));
  g_clear_error (&error);

  g_assert_false (pilote_csv_parse_date ("", PILOTE_DATE_FORMAT_DMY, iso, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pilote_csv_parse_date ("soon", PILOTE_DATE_FORMAT_DMY, iso, &error));
  g_assert_nonnull (strstr (error->message, "“soon”"));
}

static void
assert_number (const char *text,
               char        decimal,
               double      expected)
{
  g_autoptr(GError) error = NULL;
  double value = -1;

  if (!pilote_csv_parse_number (text, decimal, &value, &error))
    g_test_message ("parsing “%s”: %s", text, error->message);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (value, expected, 1e-9 * MAX (1, fabs (expected)));
}

static void
assert_not_number (const char *text,
                   char        decimal)
{
  g_autoptr(GError) error = NULL;
  double value = -1;

  g_assert_false (pilote_csv_parse_number (text, decimal, &value, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_assert_cmpfloat (value, ==, -1);
}

static void
test_parse_number (void)
{
  assert_number ("12.5", '.', 12.5);
  assert_number ("12,5", ',', 12.5);
  assert_number ("  -12.5  ", '.', -12.5);
  assert_number ("+7", '.', 7);
  assert_number ("−7", '.', -7);
  assert_number ("0", '.', 0);
  assert_number ("007", '.', 7);
  assert_number (".5", '.', 0.5);
  assert_number ("-,5", ',', -0.5);
  assert_number ("1,234.56", '.', 1234.56);
  assert_number ("1.234,56", ',', 1234.56);
  assert_number ("1.234", ',', 1234);
  assert_number ("1,234", ',', 1.234);
  assert_number ("1,234", '.', 1234);
  assert_number ("1 234 567,5", ',', 1234567.5);
  assert_number ("1\xc2\xa0" "234,5", ',', 1234.5);
  assert_number ("1\xe2\x80\xaf" "234,5", ',', 1234.5);
  assert_number ("1'234'567.25", '.', 1234567.25);
  assert_number ("12 %", ',', 12);
  assert_number ("%12", '.', 12);
  assert_number ("-12,5%", ',', -12.5);
  assert_number ("$1,234.50", '.', 1234.5);
  assert_number ("-$12", '.', -12);
  assert_number ("$-12", '.', -12);
  assert_number ("1 234,50 €", ',', 1234.5);
  assert_number ("€ 3", ',', 3);
  assert_number ("£3.5", '.', 3.5);
  assert_number ("EUR 12,5", ',', 12.5);
  assert_number ("12.5USD", '.', 12.5);
  assert_number ("1.5e3", '.', 1500);
  assert_number ("1,5E-2", ',', 0.015);
  assert_number ("1e5", 0, 100000);

  assert_not_number ("", '.');
  assert_not_number ("   ", '.');
  assert_not_number ("-", '.');
  assert_not_number ("abc", '.');
  assert_not_number ("12abc", '.');
  assert_not_number ("1.234,56", '.');
  assert_not_number ("12.5", ',');
  assert_not_number ("1,5", '.');
  assert_not_number ("1,23,456", '.');
  assert_not_number ("1 23", '.');
  assert_not_number ("1234 567", '.');
  assert_not_number ("1,234 567", '.');
  assert_not_number ("1.2.3", '.');
  assert_not_number ("1,", '.');
  assert_not_number ("--1", '.');
  assert_not_number ("1-", '.');
  assert_not_number ("$$1", '.');
  assert_not_number ("1e", '.');
  assert_not_number ("nan", '.');
  assert_not_number ("inf", '.');
  assert_not_number ("0x10", '.');
  assert_not_number ("1e999", '.');
  assert_not_number ("1 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 "
                     "000 000 000 000 000", '.');
}

static void
assert_money (const char *text,
              char        decimal,
              guint       digits,
              gint64      expected)
{
  g_autoptr(GError) error = NULL;
  gint64 minor = -1;

  if (!pilote_csv_parse_money (text, decimal, digits, &minor, &error))
    g_test_message ("parsing “%s”: %s", text, error->message);
  g_assert_no_error (error);
  g_assert_cmpint (minor, ==, expected);
}

static void
assert_not_money (const char *text,
                  char        decimal,
                  guint       digits)
{
  g_autoptr(GError) error = NULL;
  gint64 minor = -1;

  g_assert_false (pilote_csv_parse_money (text, decimal, digits, &minor, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_assert_cmpint (minor, ==, -1);
}

static void
test_parse_money (void)
{
  assert_money ("1234.56", '.', 2, 123456);
  assert_money ("1 234,56 €", ',', 2, 123456);
  assert_money ("1.234,56", ',', 2, 123456);
  assert_money ("$1,234.5", '.', 2, 123450);
  assert_money ("-12", '.', 2, -1200);
  assert_money ("−0.5", '.', 2, -50);
  assert_money (".07", '.', 2, 7);
  assert_money ("12", '.', 0, 12);
  assert_money ("12.345", '.', 3, 12345);

  /* Rounding half away from zero */
  assert_money ("0.125", '.', 2, 13);
  assert_money ("-0.125", '.', 2, -13);
  assert_money ("0.124999", '.', 2, 12);
  assert_money ("-0.124999", '.', 2, -12);
  assert_money ("2.675", '.', 2, 268);
  assert_money ("0.995", '.', 2, 100);
  assert_money ("-0.004", '.', 2, 0);
  assert_money ("12.5", '.', 0, 13);
  assert_money ("-12.5", '.', 0, -13);
  assert_money ("0.0000000000000000000000000000000000000000000000000000000000000000000009", '.',
                2, 0);

  /* The edge of 63 bits */
  assert_money ("92233720368547758.07", '.', 2, G_MAXINT64);
  assert_money ("-92233720368547758.07", '.', 2, -G_MAXINT64);
  assert_not_money ("92233720368547758.08", '.', 2);
  assert_not_money ("92233720368547758.075", '.', 2);
  assert_not_money ("9223372036854775807.5", '.', 0);
  assert_not_money ("100000000000000000000", '.', 0);
  assert_not_money ("1000000000000000000000000000000000000000000000000000000000000000000000", '.',
                    0);

  assert_not_money ("", '.', 2);
  assert_not_money ("abc", '.', 2);
  assert_not_money ("12.5", ',', 2);
  assert_not_money ("1.234,56", '.', 2);
  assert_not_money ("12 %", '.', 2);
  assert_not_money ("1e3", '.', 2);
  assert_not_money ("12 34", '.', 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("pilote-test-csv-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/csv/reader/french-windows-1252", test_french_windows_1252);
  g_test_add_func ("/csv/reader/windows-1252-table", test_windows_1252_table);
  g_test_add_func ("/csv/reader/bom", test_bom);
  g_test_add_func ("/csv/reader/quoted", test_quoted);
  g_test_add_func ("/csv/reader/line-endings", test_line_endings);
  g_test_add_func ("/csv/reader/blank-lines", test_blank_lines);
  g_test_add_func ("/csv/reader/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/csv/reader/record-too-long", test_record_too_long);
  g_test_add_func ("/csv/reader/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/csv/reader/missing-file", test_missing_file);
  g_test_add_func ("/csv/reader/fields", test_fields);
  g_test_add_func ("/csv/reader/chunk-boundaries", test_chunk_boundaries);
  g_test_add_func ("/csv/reader/stream-defaults", test_stream_defaults);
  g_test_add_func ("/csv/reader/large", test_large);
  g_test_add_func ("/csv/detect/delimiter", test_detect_delimiter);
  g_test_add_func ("/csv/detect/encoding", test_detect_encoding);
  g_test_add_func ("/csv/detect/decimal", test_detect_decimal);
  g_test_add_func ("/csv/detect/dates", test_detect_dates);
  g_test_add_func ("/csv/parse/date", test_parse_date);
  g_test_add_func ("/csv/parse/number", test_parse_number);
  g_test_add_func ("/csv/parse/money", test_parse_money);

  status = g_test_run ();
  remove_tmp_dir ();
  g_free (tmp_dir);
  return status;
}
