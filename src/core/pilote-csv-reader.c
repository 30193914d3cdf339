/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pilote-csv-reader-private.h"
#include "pilote-error.h"

/* The reader pulls the file in chunks of CHUNK_SIZE bytes and keeps only
 * the current record: its fields, each followed by a NUL, in one GString,
 * and where each field starts in an array. Both are reused from one record
 * to the next, so reading a record allocates nothing once they are large
 * enough. A record longer than MAX_RECORD_SIZE is an error: it is almost
 * always a quote that is never closed, and memory must stay flat.
 */
#define CHUNK_SIZE      (64 * 1024)
#define MAX_RECORD_SIZE (16 * 1024 * 1024)

#define STOP_UNQUOTED 1
#define STOP_QUOTED   2

/* Windows-1252 bytes 0x80 to 0x9F; the five bytes it leaves undefined keep
 * the code point Latin-1 gives them. Bytes 0xA0 to 0xFF are Latin-1.
 */
static const gunichar cp1252_c1[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

struct _PiloteCsvReader
{
  GInputStream      *stream;
  char              *name;        /* shown in read errors, if known */
  char               delimiter;
  PiloteCsvEncoding  encoding;
  guint8             stop[256];   /* STOP_* flags of each byte */

  gsize              chunk_size;
  guint8            *raw;         /* chunk_size bytes from the stream */
  char              *converted;   /* the raw chunk in UTF-8, for Windows-1252 */
  const char        *data;        /* the chunk being parsed, in UTF-8 */
  gsize              len;
  gsize              pos;
  guint64            bytes_read;  /* from the stream, so far */
  gboolean           eof;
  gboolean           first_chunk_read;
  gboolean           after_cr;    /* the last byte consumed was a CR */
  gboolean           done;
  GError            *failure;     /* returned again by every later call */

  GString           *text;
  guint             *starts;
  guint              n_fields;
  guint              n_starts;

  guint64            record;
  guint64            line;        /* physical line at the read position */
  guint64            record_line;
};

enum {
  FIELD_START,
  UNQUOTED,
  QUOTED,
  QUOTE_IN_QUOTED,
};

gboolean
pilote_csv_is_valid_delimiter (char delimiter)
{
  return delimiter != '\0' && delimiter != '"' && delimiter != '\r' && delimiter != '\n' &&
         (guchar) delimiter < 0x80;
}

void
pilote_csv_set_open_error (GError     **error,
                           const char  *path,
                           GError      *cause)
{
  g_autofree char *name = g_filename_display_name (path);

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_IO,
                 _("The file “%s” does not exist. Check its name and folder, then try again."),
                 name);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_IO,
                 _("You may not read the file “%s”. Ask its owner to share it, or copy it "
                   "to a folder of yours, then try again."),
                 name);
  else
    g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_IO,
                 _("The file “%s” could not be read (%s). Check that it is a CSV file you may "
                   "read, then try again."),
                 name, cause->message);
}

GInputStream *
pilote_csv_open_file (const char  *path,
                      GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local_error = NULL;
  GFileInputStream *stream;

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      pilote_csv_set_open_error (error, path, local_error);
      return NULL;
    }
  return G_INPUT_STREAM (stream);
}

/* Reading */

static void
convert_windows_1252 (PiloteCsvReader *self,
                      gsize            n)
{
  char *out = self->converted;

  for (gsize i = 0; i < n; i++)
    {
      guint8 byte = self->raw[i];

      if (byte < 0x80)
        *out++ = (char) byte;
      else
        out += g_unichar_to_utf8 (byte < 0xA0 ? cp1252_c1[byte - 0x80] : byte, out);
    }
  self->data = self->converted;
  self->len = (gsize) (out - self->converted);
  self->pos = 0;
}

static gboolean
fill (PiloteCsvReader  *self,
      GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize n = 0;

  if (self->raw == NULL)
    {
      self->raw = g_malloc (self->chunk_size);
      if (self->encoding == PILOTE_CSV_ENCODING_WINDOWS_1252)
        self->converted = g_malloc (3 * self->chunk_size);
    }
  if (!g_input_stream_read_all (self->stream, self->raw, self->chunk_size, &n, NULL,
                                &local_error))
    {
      if (self->name != NULL)
        g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_IO,
                     _("Reading “%s” failed (%s). Check that the file is still there, then "
                       "try again."),
                     self->name, local_error->message);
      else
        g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_IO,
                     _("Reading the file failed (%s). Check that it is still there, then try "
                       "again."),
                     local_error->message);
      return FALSE;
    }
  self->bytes_read += n;
  if (n < self->chunk_size)
    self->eof = TRUE;

  if (self->encoding == PILOTE_CSV_ENCODING_WINDOWS_1252)
    {
      convert_windows_1252 (self, n);
      self->first_chunk_read = TRUE;
      return TRUE;
    }

  self->data = (const char *) self->raw;
  self->len = n;
  self->pos = 0;
  if (!self->first_chunk_read && n >= 3 && memcmp (self->raw, "\xef\xbb\xbf", 3) == 0)
    self->pos = 3;
  self->first_chunk_read = TRUE;
  return TRUE;
}

static PiloteCsvReader *
reader_new (GInputStream      *stream,
            const char        *name,
            char               delimiter,
            PiloteCsvEncoding  encoding)
{
  PiloteCsvReader *self = g_new0 (PiloteCsvReader, 1);

  self->stream = g_object_ref (stream);
  self->name = g_strdup (name);
  self->delimiter = delimiter;
  self->encoding = encoding;
  self->stop[(guchar) delimiter] |= STOP_UNQUOTED;
  self->stop['\r'] |= STOP_UNQUOTED | STOP_QUOTED;
  self->stop['\n'] |= STOP_UNQUOTED | STOP_QUOTED;
  self->stop['\0'] |= STOP_UNQUOTED | STOP_QUOTED;
  self->stop['"'] |= STOP_QUOTED;
  self->chunk_size = CHUNK_SIZE;
  self->text = g_string_sized_new (1024);
  self->n_starts = 64;
  self->starts = g_new (guint, self->n_starts);
  self->line = 1;
  self->record_line = 1;
  return self;
}

/**
 * pilote_csv_reader_new:
 * @path: the CSV file
 * @options: (nullable): how the file is written; a delimiter of 0 or an
 *   encoding of %PILOTE_CSV_ENCODING_AUTO is detected with
 *   pilote_csv_detect(); %NULL detects both
 * @error: return location for a %PILOTE_ERROR_IO error
 *
 * Opens @path for reading, one record at a time. @options' decimal
 * separator and date format are not used by the reader.
 *
 * Returns: (transfer full): the reader, or %NULL if the file cannot be read
 */
PiloteCsvReader *
pilote_csv_reader_new (const char              *path,
                       const PiloteCsvOptions  *options,
                       GError                 **error)
{
  PiloteCsvOptions chosen = { 0 };
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (options == NULL || options->delimiter == 0 ||
                        pilote_csv_is_valid_delimiter (options->delimiter), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options != NULL)
    chosen = *options;
  if (chosen.delimiter == 0 || chosen.encoding == PILOTE_CSV_ENCODING_AUTO)
    {
      if (!pilote_csv_detect (path, &chosen, NULL, error))
        return NULL;
    }

  stream = pilote_csv_open_file (path, error);
  if (stream == NULL)
    return NULL;

  name = g_filename_display_basename (path);
  return reader_new (stream, name, chosen.delimiter, chosen.encoding);
}

/**
 * pilote_csv_reader_new_for_stream:
 * @stream: what to read
 * @options: (nullable): how the stream is written; nothing is detected: a
 *   delimiter of 0 reads ',' and %PILOTE_CSV_ENCODING_AUTO reads UTF-8
 *
 * Returns: (transfer full): a reader of @stream, which it keeps a reference to
 */
PiloteCsvReader *
pilote_csv_reader_new_for_stream (GInputStream           *stream,
                                  const PiloteCsvOptions *options)
{
  char delimiter = ',';
  PiloteCsvEncoding encoding = PILOTE_CSV_ENCODING_UTF8;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (options == NULL || options->delimiter == 0 ||
                        pilote_csv_is_valid_delimiter (options->delimiter), NULL);

  if (options != NULL && options->delimiter != 0)
    delimiter = options->delimiter;
  if (options != NULL && options->encoding != PILOTE_CSV_ENCODING_AUTO)
    encoding = options->encoding;

  return reader_new (stream, NULL, delimiter, encoding);
}

/**
 * pilote_csv_reader_set_chunk_size:
 * @reader: a reader that has not read anything yet
 * @size: how many bytes to read from the stream at a time, clamped to
 *   4–64 KiB (4, so that a byte-order mark is in the first chunk)
 *
 * Lets detection read a small sample with a small buffer, and tests and
 * fuzzing put chunk boundaries anywhere in small inputs.
 */
void
pilote_csv_reader_set_chunk_size (PiloteCsvReader *self,
                                  gsize            size)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->raw == NULL);

  self->chunk_size = CLAMP (size, 4, CHUNK_SIZE);
}

/**
 * pilote_csv_reader_get_bytes_read:
 * @reader: a reader
 *
 * Returns: how many bytes of the file have been read so far: a measure of
 *   progress, a little ahead of the records returned
 */
guint64
pilote_csv_reader_get_bytes_read (PiloteCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->bytes_read;
}

/**
 * pilote_csv_reader_free:
 * @reader: (nullable): a reader
 *
 * Closes the file and frees @reader.
 */
void
pilote_csv_reader_free (PiloteCsvReader *reader)
{
  if (reader == NULL)
    return;

  g_input_stream_close (reader->stream, NULL, NULL);
  g_object_unref (reader->stream);
  g_free (reader->name);
  g_free (reader->raw);
  g_free (reader->converted);
  g_clear_error (&reader->failure);
  g_string_free (reader->text, TRUE);
  g_free (reader->starts);
  g_free (reader);
}

/* The physical line of byte @offset of the record's text: the record's
 * line breaks are all inside quoted fields, and kept there as written.
 */
static guint64
line_of_offset (PiloteCsvReader *self,
                gsize            offset)
{
  guint64 line = self->record_line;
  const char *text = self->text->str;

  for (gsize i = 0; i < offset; i++)
    {
      if (text[i] == '\r' || (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')))
        line++;
    }
  return line;
}

static gboolean
fail (PiloteCsvReader  *self,
      GError          **error,
      GError          *failure)
{
  self->failure = failure;
  self->n_fields = 0;
  g_string_truncate (self->text, 0);
  if (error != NULL)
    *error = g_error_copy (failure);
  return FALSE;
}

static gboolean
end_field (PiloteCsvReader  *self,
           gsize             start,
           guint             high_bits,
           GError          **error)
{
  const char *invalid = NULL;

  if ((high_bits & 0x80) != 0 && self->encoding == PILOTE_CSV_ENCODING_UTF8 &&
      !g_utf8_validate_len (self->text->str + start, self->text->len - start, &invalid))
    {
      guint64 line = line_of_offset (self, (gsize) (invalid - self->text->str));

      return fail (self, error,
                   g_error_new (PILOTE_ERROR, PILOTE_ERROR_INVALID,
                                _("Line %llu is not valid UTF-8 text. Save the file as "
                                  "“CSV UTF-8”, or choose the Windows-1252 encoding in the "
                                  "import options."),
                                (unsigned long long) line));
    }

  if (self->n_fields == self->n_starts)
    {
      self->n_starts *= 2;
      self->starts = g_renew (guint, self->starts, self->n_starts);
    }
  self->starts[self->n_fields++] = (guint) start;
  g_string_append_c (self->text, '\0');
  return TRUE;
}


/**
 * pilote_csv_reader_next:
 * @reader: a reader
 * @error: return location for a %PILOTE_ERROR_INVALID or %PILOTE_ERROR_IO error
 *
 * Reads the next record (RFC 4180): quoted fields may hold delimiters,
 * doubled quotes and line breaks (kept as written); a quote in the middle
 * of an unquoted field is kept as it is, and text after the closing quote
 * of a quoted field is appended to it ("ab"c reads abc). Lines may end
 * with CRLF, LF or a lone CR, the last one may have no line break, empty
 * lines are skipped, and a UTF-8 byte-order mark is dropped.
 *
 * An unclosed quoted field at the end of the file, invalid UTF-8 in a
 * UTF-8 file, a NUL byte or a record over 16 MB are errors naming the line.
 * Once it has returned %FALSE it returns %FALSE again, with the same error
 * if there was one.
 *
 * Returns: %TRUE if a record was read, %FALSE at the end of the file or on error
 */
gboolean
pilote_csv_reader_next (PiloteCsvReader  *self,
                        GError          **error)
{
  guint state = FIELD_START;
  gboolean in_record = FALSE;
  guint high_bits = 0;
  gsize field_start = 0;
  guint64 quote_line = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_string_truncate (self->text, 0);
  self->n_fields = 0;
  if (self->failure != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }
  if (self->done)
    return FALSE;
  self->record_line = self->line;

  for (;;)
    {
      const guint8 *data;
      guint8 flag;
      gsize p;
      char c;

      if (self->text->len > MAX_RECORD_SIZE)
        return fail (self, error,
                     g_error_new (PILOTE_ERROR, PILOTE_ERROR_INVALID,
                                  _("The record that starts on line %llu is longer than 16 MB. "
                                    "Check that every quoted field of it ends with a quote "
                                    "(\")."),
                                  (unsigned long long) self->record_line));

      if (self->pos == self->len)
        {
          if (!self->eof)
            {
              GError *read_error = NULL;

              if (!fill (self, &read_error))
                return fail (self, error, read_error);
              continue;
            }
          if (state == QUOTED)
            return fail (self, error,
                         g_error_new (PILOTE_ERROR, PILOTE_ERROR_INVALID,
                                      _("The quoted field that starts on line %llu never ends. "
                                        "Add the missing quote (\") in the file."),
                                      (unsigned long long) quote_line));
          if (!in_record)
            {
              self->done = TRUE;
              return FALSE;
            }
          if (!end_field (self, field_start, high_bits, error))
            return FALSE;
          self->done = TRUE;
          self->record++;
          return TRUE;
        }

      data = (const guint8 *) self->data;

      if (state == FIELD_START && data[self->pos] == '"')
        {
          state = QUOTED;
          quote_line = self->line;
          in_record = TRUE;
          self->after_cr = FALSE;
          self->pos++;
          continue;
        }
      if (state == QUOTE_IN_QUOTED)
        {
          state = UNQUOTED;
          if (data[self->pos] == '"')
            {
              state = QUOTED;
              g_string_append_c (self->text, '"');
              self->pos++;
              continue;
            }
        }
      if (state == FIELD_START)
        state = UNQUOTED;

      /* The hot loop: a run of ordinary bytes */
      flag = state == QUOTED ? STOP_QUOTED : STOP_UNQUOTED;
      p = self->pos;
      while (p < self->len && (self->stop[data[p]] & flag) == 0)
        high_bits |= data[p++];
      if (p > self->pos)
        {
          g_string_append_len (self->text, self->data + self->pos, (gssize) (p - self->pos));
          self->pos = p;
          self->after_cr = FALSE;
          in_record = TRUE;
          if (p == self->len)
            continue;
        }

      c = self->data[p];
      if (c == '\0')
        return fail (self, error,
                     g_error_new (PILOTE_ERROR, PILOTE_ERROR_INVALID,
                                  _("Line %llu holds a NUL byte: this is not a text file, or "
                                    "it is in an encoding that Pilote does not read (such as "
                                    "UTF-16). Save it as “CSV UTF-8”."),
                                  (unsigned long long) self->line));

      if (state == QUOTED)
        {
          self->pos++;
          if (c == '"')
            {
              state = QUOTE_IN_QUOTED;
              self->after_cr = FALSE;
              continue;
            }
          g_string_append_c (self->text, c);
          if (c == '\r' || !self->after_cr)
            self->line++;
          self->after_cr = c == '\r';
          continue;
        }

      /* Unquoted: a delimiter or a line break */
      self->pos++;
      if (c == self->delimiter)
        {
          in_record = TRUE;
          self->after_cr = FALSE;
          if (!end_field (self, field_start, high_bits, error))
            return FALSE;
          field_start = self->text->len;
          high_bits = 0;
          state = FIELD_START;
          continue;
        }
      if (c == '\n' && self->after_cr)
        {
          /* The LF of a CRLF that ended the previous line */
          self->after_cr = FALSE;
          state = FIELD_START;
          continue;
        }
      self->line++;
      self->after_cr = c == '\r';
      if (!in_record)
        {
          self->record_line = self->line;
          state = FIELD_START;
          continue;
        }
      if (!end_field (self, field_start, high_bits, error))
        return FALSE;
      self->record++;
      return TRUE;
    }
}

/**
 * pilote_csv_reader_get_n_fields:
 * @reader: a reader
 *
 * Returns: the number of fields of the current record, 0 before the first
 *   record and after the last one
 */
guint
pilote_csv_reader_get_n_fields (PiloteCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_fields;
}

/**
 * pilote_csv_reader_get_field:
 * @reader: a reader
 * @index: the field's position, from 0
 *
 * Returns: (nullable): the field, in UTF-8, valid until the next call to
 *   pilote_csv_reader_next(); %NULL if the record has no field @index
 */
const char *
pilote_csv_reader_get_field (PiloteCsvReader *self,
                             guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (index >= self->n_fields)
    return NULL;
  return self->text->str + self->starts[index];
}

/**
 * pilote_csv_reader_get_record:
 * @reader: a reader
 *
 * Returns: the number of the current record, from 1 (the header, if the
 *   file has one); empty lines are not records
 */
guint64
pilote_csv_reader_get_record (PiloteCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->record;
}

/**
 * pilote_csv_reader_get_line:
 * @reader: a reader
 *
 * Returns: the physical line, from 1, where the current record starts: the
 *   one to name in a message, since quoted fields may span lines
 */
guint64
pilote_csv_reader_get_line (PiloteCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->record_line;
}
