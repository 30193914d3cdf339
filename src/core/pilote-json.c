/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pilote-json.h"

/**
 * pilote_json_append_string:
 * @text: (nullable): UTF-8 text, or %NULL for `null`
 *
 * Appends @text as a JSON string literal.
 */
void
pilote_json_append_string (GString    *json,
                           const char *text)
{
  g_return_if_fail (json != NULL);

  if (text == NULL)
    {
      g_string_append (json, "null");
      return;
    }
  g_string_append_c (json, '"');
  for (const unsigned char *p = (const unsigned char *) text; *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (json, "\\\""); break;
        case '\\': g_string_append (json, "\\\\"); break;
        case '\n': g_string_append (json, "\\n"); break;
        case '\r': g_string_append (json, "\\r"); break;
        case '\t': g_string_append (json, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (json, "\\u%04x", *p);
          else
            g_string_append_c (json, (char) *p);
        }
    }
  g_string_append_c (json, '"');
}

/**
 * pilote_json_append_number:
 * @value: a number; NAN or an infinity writes `null`
 * @decimals: how many decimals at most (trailing zeros are dropped)
 */
void
pilote_json_append_number (GString *json,
                           double   value,
                           guint    decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];
  char *end;

  g_return_if_fail (json != NULL);

  if (!isfinite (value))
    {
      g_string_append (json, "null");
      return;
    }
  g_snprintf (format, sizeof format, "%%.%uf", MIN (decimals, 12u));
  g_ascii_formatd (buf, sizeof buf, format, value);
  if (decimals > 0)
    {
      end = buf + strlen (buf) - 1;
      while (end > buf && *end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  if (g_str_equal (buf, "-0"))
    g_strlcpy (buf, "0", sizeof buf);
  g_string_append (json, buf);
}
