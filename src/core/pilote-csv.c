/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <string.h>

#include "pilote-csv.h"

/**
 * pilote_csv_append_field:
 * @text: (nullable): the cell, %NULL for an empty one
 * @delimiter: the delimiter of the file
 *
 * Appends one cell, quoted when it needs to be. A cell that a spreadsheet
 * would run as a formula (starting with =, +, -, @, a tab or a carriage
 * return) is neutralised with a leading apostrophe, unless it is a plain
 * number such as "-12.5".
 */
void
pilote_csv_append_field (GString    *line,
                         const char *text,
                         char        delimiter)
{
  g_autofree char *cell = NULL;
  gboolean quote;

  g_return_if_fail (line != NULL);

  if (text == NULL)
    return;

  if (strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0')
    {
      char *end = NULL;

      g_ascii_strtod (text, &end);
      if (end == NULL || end == text || *end != '\0' || text[0] == '=' || text[0] == '@' ||
          text[0] == '\t' || text[0] == '\r')
        cell = g_strconcat ("'", text, NULL);
    }
  if (cell == NULL)
    cell = g_strdup (text);

  quote = strchr (cell, delimiter) != NULL || strchr (cell, '"') != NULL ||
          strchr (cell, '\n') != NULL || strchr (cell, '\r') != NULL || cell[0] == '\'';
  if (!quote)
    {
      g_string_append (line, cell);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = cell; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}
