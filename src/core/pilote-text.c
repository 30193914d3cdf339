/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <string.h>

#include "pilote-text.h"

/**
 * pilote_text_fold:
 * @text: (nullable): a name
 *
 * The key under which names are compared: without accents, case or extra
 * spacing, so that "  Société   GÉNÉRALE " and "societe generale" match.
 *
 * Returns: (transfer full) (nullable): the key, %NULL for %NULL or blank text
 */
char *
pilote_text_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *key;
  gboolean space = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  /* plain ASCII, the common case, needs no Unicode tables */
  {
    const char *p;

    for (p = text; *p && (guchar) *p < 0x80; p++)
      ;
    if (*p == '\0')
      {
        key = g_string_sized_new (p - text);
        for (p = text; *p; p++)
          {
            if (g_ascii_isspace (*p))
              {
                space = key->len > 0;
                continue;
              }
            if (space)
              g_string_append_c (key, ' ');
            space = FALSE;
            g_string_append_c (key, g_ascii_tolower (*p));
          }
        if (key->len == 0)
          {
            g_string_free (key, TRUE);
            return NULL;
          }
        return g_string_free (key, FALSE);
      }
  }

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  folded = g_utf8_casefold (decomposed, -1);
  key = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (g_unichar_isspace (c))
        {
          space = key->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (key, ' ');
      space = FALSE;
      g_string_append_unichar (key, c);
    }
  if (key->len == 0)
    {
      g_string_free (key, TRUE);
      return NULL;
    }
  return g_string_free (key, FALSE);
}
