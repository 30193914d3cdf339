/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <string.h>

#include "pilote-import-mapping.h"
#include "pilote-import-private.h"

/* A profile read back, for the import assistant: what it maps, what it
 * creates, its aliases; and a copy to run an import with in another thread
 * while the original stays on screen. */

static GHashTable *
copy_table (GHashTable *table,
            gboolean    values)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            values ? g_free : NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), values ? g_strdup (value) : NULL);
  return copy;
}

/**
 * pilote_import_profile_copy:
 *
 * Returns: (transfer full): a profile that maps the same, independent of
 *   @profile
 */
PiloteImportProfile *
pilote_import_profile_copy (const PiloteImportProfile *profile)
{
  PiloteImportProfile *copy;

  g_return_val_if_fail (profile != NULL, NULL);

  copy = g_new0 (PiloteImportProfile, 1);
  copy->entity = profile->entity;
  copy->options = profile->options;
  copy->columns = copy_table (profile->columns, TRUE);
  copy->defaults = copy_table (profile->defaults, TRUE);
  copy->aliases = copy_table (profile->aliases, TRUE);
  copy->create = copy_table (profile->create, FALSE);
  copy->group_by = g_strdup (profile->group_by);
  copy->path = g_strdup (profile->path);
  return copy;
}

/**
 * pilote_import_profile_get_column:
 *
 * Returns: (nullable): the header of the column that feeds @field
 */
const char *
pilote_import_profile_get_column (const PiloteImportProfile *profile,
                                  const char                *field)
{
  g_return_val_if_fail (profile != NULL && field != NULL, NULL);
  return g_hash_table_lookup (profile->columns, field);
}

/**
 * pilote_import_profile_get_default:
 *
 * Returns: (nullable): the value @field takes where its cell is empty
 */
const char *
pilote_import_profile_get_default (const PiloteImportProfile *profile,
                                   const char                *field)
{
  g_return_val_if_fail (profile != NULL && field != NULL, NULL);
  return g_hash_table_lookup (profile->defaults, field);
}

gboolean
pilote_import_profile_get_create_missing (const PiloteImportProfile *profile,
                                          const char                *field)
{
  g_return_val_if_fail (profile != NULL && field != NULL, FALSE);
  return g_hash_table_contains (profile->create, field);
}

const char *
pilote_import_profile_get_group_by (const PiloteImportProfile *profile)
{
  g_return_val_if_fail (profile != NULL, NULL);
  return profile->group_by;
}

void
pilote_import_alias_free (PiloteImportAlias *alias)
{
  if (alias == NULL)
    return;
  g_free (alias->from);
  g_free (alias->to);
  g_free (alias);
}

static int
compare_aliases (gconstpointer a,
                 gconstpointer b)
{
  const PiloteImportAlias *x = *(PiloteImportAlias * const *) a;
  const PiloteImportAlias *y = *(PiloteImportAlias * const *) b;

  return g_utf8_collate (x->from, y->from);
}

/**
 * pilote_import_profile_get_aliases:
 *
 * Returns: (transfer full): the aliases of @field's names, sorted by the
 *   name in the file (PiloteImportAlias)
 */
GPtrArray *
pilote_import_profile_get_aliases (const PiloteImportProfile *profile,
                                   const char                *field)
{
  GPtrArray *aliases = g_ptr_array_new_with_free_func ((GDestroyNotify) pilote_import_alias_free);
  g_autofree char *prefix = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (profile != NULL && field != NULL, aliases);

  prefix = g_strconcat (field, "\x1f", NULL);
  g_hash_table_iter_init (&iter, profile->aliases);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PiloteImportAlias *alias;

      if (!g_str_has_prefix (key, prefix))
        continue;
      alias = g_new0 (PiloteImportAlias, 1);
      alias->from = g_strdup ((const char *) key + strlen (prefix));
      alias->to = g_strdup (value);
      g_ptr_array_add (aliases, alias);
    }
  g_ptr_array_sort (aliases, compare_aliases);
  return aliases;
}

void
pilote_import_profile_remove_alias (PiloteImportProfile *profile,
                                    const char          *field,
                                    const char          *from)
{
  g_autofree char *key = NULL;

  g_return_if_fail (profile != NULL && field != NULL && from != NULL);

  key = pilote_import_alias_key (field, from);
  g_hash_table_remove (profile->aliases, key);
}
