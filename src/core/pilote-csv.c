/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <string.h>

#include "pilote-csv.h"

/* "-12", "-12.50", "-1234,5": a number a spreadsheet reads as a number */
static gboolean
is_plain_number (const char *text)
{
  const char *p = text;
  gboolean separator = FALSE;

  if (*p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; *p; p++)
    {
      if ((*p == '.' || *p == ',') && !separator && g_ascii_isdigit (p[1]))
        separator = TRUE;
      else if (!g_ascii_isdigit (*p))
        return FALSE;
    }
  return TRUE;
}

/**
 * pilote_csv_append_field:
 * @text: (nullable): the cell, %NULL for an empty one
 * @delimiter: the delimiter of the file
 *
 * Appends one cell, quoted when it needs to be. A cell that a spreadsheet
 * would run as a formula (starting with =, +, -, @, a tab or a carriage
 * return) is neutralised with a leading apostrophe, unless it is a plain
 * number such as "-12.5" or "-12,5". The import reads such cells back as
 * they were.
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

  if (text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL && !is_plain_number (text))
    cell = g_strconcat ("'", text, NULL);
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
