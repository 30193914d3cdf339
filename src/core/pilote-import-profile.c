/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pilote-error.h"
#include "pilote-import-mapping.h"
#include "pilote-import-private.h"
#include "pilote-text.h"

/* Mapping profiles: a key file, readable and editable by hand.
 *
 *   [import]
 *   entity = deal
 *   delimiter = comma            # comma, semicolon or tab; detected when absent
 *   encoding = utf-8             # utf-8 or windows-1252; detected when absent
 *   decimal = point              # point or comma
 *   date-format = mdy            # iso, dmy or mdy
 *   group-by = order_id          # line-level files: rows with the same key form one deal
 *   create-missing = client;product
 *
 *   [columns]                    # field = column header
 *   ref = opportunity_id
 *
 *   [defaults]                   # field = value when the cell is empty or the column absent
 *   quantity = 1
 *
 *   [aliases product]            # name in the file = name in Pilote
 *   GTXPro = GTX Pro
 */

static const char *const deal_line_fields[] = {
  "product", "quantity", "unit_price", "line_amount", "discount", "unit_cost", "line_cost",
  "line_profit",
};

static const char *const deal_extra_fields[] = {
  "outcome", "won_on", "lost_on",
};

static char **entity_fields[PILOTE_N_ENTITIES];

/**
 * pilote_import_entity_fields:
 *
 * Returns: (transfer none): the fields a profile can map for @entity:
 *   the entity's own fields, its links by the linked record's name or
 *   reference ("client", "owner", "team"…), "ref", and for deals the line
 *   and outcome fields
 */
const char * const *
pilote_import_entity_fields (PiloteEntity entity)
{
  static GMutex lock;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  const PiloteEntityInfo *info;
  GPtrArray *fields;

  g_return_val_if_fail (entity < PILOTE_N_ENTITIES, NULL);

  if (entity_fields[entity] != NULL)
    return (const char * const *) entity_fields[entity];

  info = pilote_entity_get_info (entity);
  fields = g_ptr_array_new ();
  g_ptr_array_add (fields, g_strdup ("ref"));
  for (guint i = 0; i < info->n_fields; i++)
    {
      const PiloteField *field = &info->fields[i];

      if (field->flags & PILOTE_FIELD_DERIVED)
        continue;
      if (field->type == PILOTE_FIELD_LINK && g_str_has_suffix (field->name, "_id"))
        g_ptr_array_add (fields, g_strndup (field->name, strlen (field->name) - 3));
      else if (field->type == PILOTE_FIELD_ID)
        g_ptr_array_add (fields, g_strdup ("scope_name"));
      else if (entity == PILOTE_ENTITY_DEAL_LINE &&
               (g_str_equal (field->name, "amount_given") || g_str_equal (field->name, "cost_given")))
        continue;
      else
        g_ptr_array_add (fields, g_strdup (field->name));
    }
  if (entity == PILOTE_ENTITY_DEAL || entity == PILOTE_ENTITY_DEAL_LINE)
    for (guint i = 0; i < G_N_ELEMENTS (deal_line_fields); i++)
      if (entity == PILOTE_ENTITY_DEAL || !g_str_equal (deal_line_fields[i], "product"))
        g_ptr_array_add (fields, g_strdup (deal_line_fields[i]));
  if (entity == PILOTE_ENTITY_DEAL)
    for (guint i = 0; i < G_N_ELEMENTS (deal_extra_fields); i++)
      g_ptr_array_add (fields, g_strdup (deal_extra_fields[i]));
  g_ptr_array_add (fields, NULL);
  entity_fields[entity] = (char **) g_ptr_array_free (fields, FALSE);
  return (const char * const *) entity_fields[entity];
}

gboolean
pilote_import_field_is_valid (PiloteEntity  entity,
                              const char   *field)
{
  return g_strv_contains (pilote_import_entity_fields (entity), field);
}

PiloteImportProfile *
pilote_import_profile_new (PiloteEntity entity)
{
  PiloteImportProfile *profile = g_new0 (PiloteImportProfile, 1);

  g_return_val_if_fail (entity < PILOTE_N_ENTITIES, NULL);

  profile->entity = entity;
  profile->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  profile->defaults = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  profile->aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  profile->create = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return profile;
}

void
pilote_import_profile_free (PiloteImportProfile *profile)
{
  if (profile == NULL)
    return;
  g_hash_table_unref (profile->columns);
  g_hash_table_unref (profile->defaults);
  g_hash_table_unref (profile->aliases);
  g_hash_table_unref (profile->create);
  g_free (profile->group_by);
  g_free (profile->path);
  g_free (profile);
}

PiloteEntity
pilote_import_profile_get_entity (const PiloteImportProfile *profile)
{
  return profile->entity;
}

PiloteCsvOptions *
pilote_import_profile_get_options (PiloteImportProfile *profile)
{
  return &profile->options;
}

void
pilote_import_profile_set_column (PiloteImportProfile *profile,
                                  const char          *field,
                                  const char          *column)
{
  g_return_if_fail (profile != NULL && field != NULL);

  if (column == NULL)
    g_hash_table_remove (profile->columns, field);
  else
    g_hash_table_insert (profile->columns, g_strdup (field), g_strdup (column));
}

void
pilote_import_profile_set_default (PiloteImportProfile *profile,
                                   const char          *field,
                                   const char          *value)
{
  g_return_if_fail (profile != NULL && field != NULL);

  if (value == NULL)
    g_hash_table_remove (profile->defaults, field);
  else
    g_hash_table_insert (profile->defaults, g_strdup (field), g_strdup (value));
}

char *
pilote_import_alias_key (const char *field,
                         const char *name)
{
  g_autofree char *folded = pilote_text_fold (name);

  return g_strconcat (field, "\x1f", folded != NULL ? folded : "", NULL);
}

void
pilote_import_profile_add_alias (PiloteImportProfile *profile,
                                 const char          *field,
                                 const char          *from,
                                 const char          *to)
{
  g_return_if_fail (profile != NULL && field != NULL && from != NULL && to != NULL);

  g_hash_table_insert (profile->aliases, pilote_import_alias_key (field, from), g_strdup (to));
}

void
pilote_import_profile_set_create_missing (PiloteImportProfile *profile,
                                          const char          *field,
                                          gboolean             create)
{
  g_return_if_fail (profile != NULL && field != NULL);

  if (create)
    g_hash_table_add (profile->create, g_strdup (field));
  else
    g_hash_table_remove (profile->create, field);
}

void
pilote_import_profile_set_group_by (PiloteImportProfile *profile,
                                    const char          *column)
{
  g_return_if_fail (profile != NULL);

  g_free (profile->group_by);
  profile->group_by = g_strdup (column);
}

static const struct {
  const char *name;
  char        value;
} delimiters[] = {
  { "comma", ',' }, { "semicolon", ';' }, { "tab", '\t' },
}, decimals[] = {
  { "point", '.' }, { "comma", ',' },
};

static const char *const encodings[] = { "auto", "utf-8", "windows-1252" };
static const char *const date_formats[] = { "auto", "iso", "dmy", "mdy" };

static gboolean
invalid_value (const char  *path,
               const char  *key,
               const char  *value,
               GError     **error)
{
  g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
               _("The profile “%s” gives “%s” an unknown value, “%s”. Correct it in the "
                 "profile (see the comments of the example profiles)."), path, key, value);
  return FALSE;
}

static gboolean
read_options (PiloteImportProfile  *profile,
              GKeyFile             *file,
              const char           *path,
              GError              **error)
{
  g_autofree char *delimiter = g_key_file_get_string (file, "import", "delimiter", NULL);
  g_autofree char *encoding = g_key_file_get_string (file, "import", "encoding", NULL);
  g_autofree char *decimal = g_key_file_get_string (file, "import", "decimal", NULL);
  g_autofree char *date_format = g_key_file_get_string (file, "import", "date-format", NULL);
  g_auto(GStrv) create = g_key_file_get_string_list (file, "import", "create-missing", NULL,
                                                     NULL);
  gboolean found;

  if (delimiter != NULL)
    {
      found = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
        if (g_ascii_strcasecmp (delimiter, delimiters[i].name) == 0)
          {
            profile->options.delimiter = delimiters[i].value;
            found = TRUE;
          }
      if (!found)
        return invalid_value (path, "delimiter", delimiter, error);
    }
  if (decimal != NULL)
    {
      found = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (decimals); i++)
        if (g_ascii_strcasecmp (decimal, decimals[i].name) == 0)
          {
            profile->options.decimal = decimals[i].value;
            found = TRUE;
          }
      if (!found)
        return invalid_value (path, "decimal", decimal, error);
    }
  if (encoding != NULL)
    {
      found = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
        if (g_ascii_strcasecmp (encoding, encodings[i]) == 0 ||
            (i == 2 && (g_ascii_strcasecmp (encoding, "latin-1") == 0 ||
                        g_ascii_strcasecmp (encoding, "iso-8859-1") == 0 ||
                        g_ascii_strcasecmp (encoding, "cp1252") == 0)))
          {
            profile->options.encoding = i;
            found = TRUE;
          }
      if (!found)
        return invalid_value (path, "encoding", encoding, error);
    }
  if (date_format != NULL)
    {
      found = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (date_formats); i++)
        if (g_ascii_strcasecmp (date_format, date_formats[i]) == 0)
          {
            profile->options.date_format = i;
            found = TRUE;
          }
      if (!found)
        return invalid_value (path, "date-format", date_format, error);
    }
  for (guint i = 0; create != NULL && create[i] != NULL; i++)
    {
      g_strstrip (create[i]);
      if (*create[i] == '\0')
        continue;
      if (!pilote_import_field_is_valid (profile->entity, create[i]))
        return invalid_value (path, "create-missing", create[i], error);
      pilote_import_profile_set_create_missing (profile, create[i], TRUE);
    }
  profile->group_by = g_key_file_get_string (file, "import", "group-by", NULL);
  return TRUE;
}

static gboolean
check_field (PiloteImportProfile  *profile,
             const char           *path,
             const char           *field,
             GError              **error)
{
  g_autofree char *known = NULL;

  if (pilote_import_field_is_valid (profile->entity, field))
    return TRUE;
  known = g_strjoinv (", ", (char **) pilote_import_entity_fields (profile->entity));
  g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
               _("The profile “%s” maps an unknown field, “%s”. The fields of %s are: %s."),
               path, field, pilote_entity_get_table (profile->entity), known);
  return FALSE;
}

/**
 * pilote_import_profile_load:
 *
 * Returns: (transfer full): the profile, or %NULL with an error saying
 *   what is wrong in the file
 */
PiloteImportProfile *
pilote_import_profile_load (const char  *path,
                            GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(PiloteImportProfile) profile = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *entity_name = NULL;
  g_auto(GStrv) groups = NULL;
  PiloteEntity entity;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_KEEP_COMMENTS, &local_error))
    {
      g_set_error (error, PILOTE_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                     ? PILOTE_ERROR_NOT_FOUND : PILOTE_ERROR_INVALID,
                   _("The import profile “%s” cannot be read: %s"), path,
                   local_error->message);
      return NULL;
    }
  entity_name = g_key_file_get_string (file, "import", "entity", NULL);
  if (entity_name == NULL || !pilote_entity_from_name (g_strstrip (entity_name), &entity))
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("The import profile “%s” does not say what it imports: add "
                     "“entity = client” (or deal, product, member…) to its [import] section."),
                   path);
      return NULL;
    }

  profile = pilote_import_profile_new (entity);
  profile->path = g_strdup (path);
  if (!read_options (profile, file, path, error))
    return NULL;

  groups = g_key_file_get_groups (file, NULL);
  for (guint g = 0; groups[g] != NULL; g++)
    {
      const char *group = groups[g];
      g_auto(GStrv) keys = g_key_file_get_keys (file, group, NULL, NULL);
      gboolean columns = g_str_equal (group, "columns");
      gboolean defaults = g_str_equal (group, "defaults");
      gboolean aliases = g_str_has_prefix (group, "aliases ");
      const char *alias_field = aliases ? group + strlen ("aliases ") : NULL;

      if (g_str_equal (group, "import"))
        continue;
      if (!columns && !defaults && !aliases)
        {
          g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                       _("The import profile “%s” has an unknown section, [%s]. The sections "
                         "are [import], [columns], [defaults] and [aliases FIELD]."),
                       path, group);
          return NULL;
        }
      if (aliases && !check_field (profile, path, alias_field, error))
        return NULL;
      for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
        {
          g_autofree char *value = g_key_file_get_string (file, group, keys[k], NULL);

          if (value == NULL)
            continue;
          g_strstrip (value);
          if (aliases)
            pilote_import_profile_add_alias (profile, alias_field, keys[k], value);
          else if (!check_field (profile, path, keys[k], error))
            return NULL;
          else if (columns)
            pilote_import_profile_set_column (profile, keys[k], value);
          else
            pilote_import_profile_set_default (profile, keys[k], value);
        }
    }
  return g_steal_pointer (&profile);
}

/* the key file of a profile */
static GKeyFile *
build_key_file (const PiloteImportProfile *profile)
{
  GKeyFile *file = g_key_file_new ();
  GHashTableIter iter;
  gpointer key, value;
  GPtrArray *create = g_ptr_array_new ();

  g_key_file_set_string (file, "import", "entity", pilote_entity_get_table (profile->entity));
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (profile->options.delimiter == delimiters[i].value)
      g_key_file_set_string (file, "import", "delimiter", delimiters[i].name);
  if (profile->options.encoding != PILOTE_CSV_ENCODING_AUTO)
    g_key_file_set_string (file, "import", "encoding", encodings[profile->options.encoding]);
  for (guint i = 0; i < G_N_ELEMENTS (decimals); i++)
    if (profile->options.decimal == decimals[i].value)
      g_key_file_set_string (file, "import", "decimal", decimals[i].name);
  if (profile->options.date_format != PILOTE_DATE_FORMAT_AUTO)
    g_key_file_set_string (file, "import", "date-format",
                           date_formats[profile->options.date_format]);
  if (profile->group_by != NULL)
    g_key_file_set_string (file, "import", "group-by", profile->group_by);
  g_hash_table_iter_init (&iter, profile->create);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (create, key);
  if (create->len > 0)
    g_key_file_set_string_list (file, "import", "create-missing",
                                (const char * const *) create->pdata, create->len);
  g_ptr_array_unref (create);

  g_hash_table_iter_init (&iter, profile->columns);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_key_file_set_string (file, "columns", key, value);
  g_hash_table_iter_init (&iter, profile->defaults);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_key_file_set_string (file, "defaults", key, value);
  g_hash_table_iter_init (&iter, profile->aliases);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *sep = strchr (key, '\x1f');
      g_autofree char *field = g_strndup (key, sep - (const char *) key);
      g_autofree char *group = g_strconcat ("aliases ", field, NULL);

      /* aliases are kept folded: the folded name matches the same names */
      g_key_file_set_string (file, group, sep + 1, value);
    }
  return file;
}

/**
 * pilote_import_profile_to_data:
 *
 * The profile as the text of a key file, in the format load () reads;
 * when it was read from a file, a first comment line names that file.
 *
 * Returns: (transfer full): the text
 */
char *
pilote_import_profile_to_data (const PiloteImportProfile *profile)
{
  g_autoptr(GKeyFile) file = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (profile != NULL, NULL);

  file = build_key_file (profile);
  text = g_key_file_to_data (file, NULL, NULL);
  if (profile->path != NULL)
    return g_strdup_printf ("# %s\n%s", profile->path, text);
  return g_steal_pointer (&text);
}

/**
 * pilote_import_profile_save:
 *
 * Writes the profile as a key file, in the format load () reads.
 */
gboolean
pilote_import_profile_save (const PiloteImportProfile  *profile,
                            const char                 *path,
                            GError                    **error)
{
  g_autoptr(GKeyFile) file = build_key_file (profile);
  g_autoptr(GError) local_error = NULL;

  if (!g_key_file_save_to_file (file, path, &local_error))
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_IO,
                   _("The import profile could not be saved to “%s”: %s"), path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

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
