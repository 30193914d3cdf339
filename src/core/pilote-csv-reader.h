/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  PILOTE_CSV_ENCODING_AUTO,
  PILOTE_CSV_ENCODING_UTF8,          /* with or without a byte-order mark */
  PILOTE_CSV_ENCODING_WINDOWS_1252,  /* also reads Latin-1 (ISO 8859-1) files */
} PiloteCsvEncoding;

typedef enum {
  PILOTE_DATE_FORMAT_AUTO,
  PILOTE_DATE_FORMAT_ISO,   /* 2017-03-01 */
  PILOTE_DATE_FORMAT_DMY,   /* 1/3/2017, 01/03/2017, 1.3.2017 */
  PILOTE_DATE_FORMAT_MDY,   /* 3/1/2017 */
} PiloteDateFormat;

/**
 * PiloteCsvOptions:
 * @delimiter: ',', ';' or '\t'; 0 to detect
 * @encoding: the text encoding
 * @decimal: '.' or ','; 0 to detect
 * @date_format: the order of dates' parts
 */
typedef struct {
  char              delimiter;
  PiloteCsvEncoding encoding;
  char              decimal;
  PiloteDateFormat  date_format;
} PiloteCsvOptions;

typedef struct _PiloteCsvReader PiloteCsvReader;

/* Detection */
gboolean         pilote_csv_detect          (const char              *path,
                                             PiloteCsvOptions        *options,
                                             GPtrArray              **notes,
                                             GError                 **error);

/* Reading */
PiloteCsvReader *pilote_csv_reader_new      (const char              *path,
                                             const PiloteCsvOptions  *options,
                                             GError                 **error);
PiloteCsvReader *pilote_csv_reader_new_for_stream (GInputStream      *stream,
                                                   const PiloteCsvOptions *options);
gboolean         pilote_csv_reader_next     (PiloteCsvReader         *reader,
                                             GError                 **error);
guint            pilote_csv_reader_get_n_fields (PiloteCsvReader     *reader);
const char      *pilote_csv_reader_get_field (PiloteCsvReader        *reader,
                                              guint                   index);
guint64          pilote_csv_reader_get_record (PiloteCsvReader       *reader);
guint64          pilote_csv_reader_get_line  (PiloteCsvReader        *reader);
guint64          pilote_csv_reader_get_bytes_read (PiloteCsvReader  *reader);
void             pilote_csv_reader_free     (PiloteCsvReader         *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteCsvReader, pilote_csv_reader_free)

/* Values */
gboolean         pilote_csv_parse_date      (const char              *text,
                                             PiloteDateFormat         format,
                                             char                     iso[11],
                                             GError                 **error);
gboolean         pilote_csv_parse_number    (const char              *text,
                                             char                     decimal,
                                             double                  *value,
                                             GError                 **error);
gboolean         pilote_csv_parse_money     (const char              *text,
                                             char                     decimal,
                                             guint                    digits,
                                             gint64                  *minor,
                                             GError                 **error);

G_END_DECLS
