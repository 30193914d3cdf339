/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "pilote-field-text.h"
#include "pilote-money.h"
#include "pilote-record-private.h"

/* A field's value as the history and the conflicts hold it (as stored:
 * amounts in cents, links as ids, enumerations by nick) turned into what
 * a person reads: a formatted amount, the linked record's name. */

static char *
linked_name (PiloteStore  *store,
             PiloteEntity  entity,
             gint64        id)
{
  const PiloteEntityInfo *info = pilote_entity_get_info (entity);
  gpointer record = pilote_store_get (store, entity, id, NULL);
  char *name = NULL;

  if (record == NULL)
    return NULL;
  for (guint pass = 0; pass < 2 && name == NULL; pass++)
    for (guint i = 0; i < info->n_fields && name == NULL; i++)
      {
        const PiloteField *field = &info->fields[i];

        if (field->type != PILOTE_FIELD_TEXT)
          continue;
        if (pass == 0 && !(field->flags & PILOTE_FIELD_NAME))
          continue;
        name = g_strdup (*(char **) PILOTE_FIELD_PTR (record, field));
      }
  pilote_record_free (record);
  return name;
}

/**
 * pilote_field_text_display:
 * @value: (nullable): the value as stored, %NULL when empty
 *
 * Returns: (transfer full): the value to show, "—" when empty
 */
char *
pilote_field_text_display (PiloteStore  *store,
                           PiloteEntity  entity,
                           const char   *field_name,
                           const char   *value)
{
  const PiloteEntityInfo *info = pilote_entity_get_info (entity);
  const PiloteField *field = pilote_entity_find_field (info, field_name);
  gint64 number;
  char *name;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);

  if (value == NULL || *value == '\0')
    return g_strdup ("—");
  if (field == NULL)
    return g_strdup (value);

  switch (field->type)
    {
    case PILOTE_FIELD_MONEY:
      number = g_ascii_strtoll (value, NULL, 10);
      return pilote_money_format (number, pilote_store_get_currency (store),
                                  PILOTE_MONEY_FORMAT_DEFAULT);
    case PILOTE_FIELD_LINK:
      number = g_ascii_strtoll (value, NULL, 10);
      name = number > 0 ? linked_name (store, field->link, number) : NULL;
      if (name != NULL)
        return name;
      /* Translators: a linked record that no longer exists, by its number */
      return g_strdup_printf (_("#%s (deleted)"), value);
    case PILOTE_FIELD_BOOL:
      return g_strdup (g_strcmp0 (value, "0") == 0 ? C_("value", "No") : C_("value", "Yes"));
    case PILOTE_FIELD_REAL:
      if (field->flags & PILOTE_FIELD_FRACTION)
        {
          double real = g_ascii_strtod (value, NULL);

          if (!isnan (real))
            return g_strdup_printf ("%.0f %%", real * 100.0);
        }
      return g_strdup (value);
    case PILOTE_FIELD_ENUM:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (field->enum_type ());
        GEnumValue *found = g_enum_get_value_by_nick (klass, value);
        char *text = g_strdup (found != NULL ? found->value_nick : value);

        g_strdelimit (text, "-_", ' ');
        if (*text != '\0')
          *text = g_ascii_toupper (*text);
        return text;
      }
    case PILOTE_FIELD_TEXT:
    case PILOTE_FIELD_DATE:
    case PILOTE_FIELD_TIMESTAMP:
    case PILOTE_FIELD_INT:
    case PILOTE_FIELD_ID:
    default:
      return g_strdup (value);
    }
}
