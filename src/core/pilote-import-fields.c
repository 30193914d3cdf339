/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pilote-error.h"
#include "pilote-import-private.h"
#include "pilote-text.h"

/* From cells to fields: which column feeds which field, values parsed in
 * the file's formats, related records found, created or reported. */

/* Mappings */

static const struct {
  const char *field;
  PiloteImportSpecial     special;
} specials[] = {
  { "ref", SPECIAL_REF },
  { "scope_name", SPECIAL_SCOPE_NAME },
  { "quantity", SPECIAL_QUANTITY },
  { "unit_price", SPECIAL_UNIT_PRICE },
  { "line_amount", SPECIAL_LINE_AMOUNT },
  { "discount", SPECIAL_DISCOUNT },
  { "unit_cost", SPECIAL_UNIT_COST },
  { "line_cost", SPECIAL_LINE_COST },
  { "line_profit", SPECIAL_LINE_PROFIT },
  { "outcome", SPECIAL_OUTCOME },
  { "won_on", SPECIAL_WON_ON },
  { "lost_on", SPECIAL_LOST_ON },
};

static void
describe_mapping (PiloteImportState     *im,
                  PiloteImportMapping    *m)
{
  PiloteEntity entity = im->profile->entity;
  g_autofree char *link_name = g_strconcat (m->field, "_id", NULL);

  m->special = SPECIAL_NONE;
  if (entity == PILOTE_ENTITY_DEAL && g_str_equal (m->field, "product"))
    {
      m->special = SPECIAL_PRODUCT;
      m->link = PILOTE_ENTITY_PRODUCT;
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (specials); i++)
    {
      PiloteImportSpecial special = specials[i].special;
      gboolean line_total = special == SPECIAL_LINE_AMOUNT || special == SPECIAL_LINE_COST ||
                            special == SPECIAL_LINE_PROFIT;

      if (!g_str_equal (m->field, specials[i].field))
        continue;
      /* line fields are a deal's; a deal line has most of them as its own */
      if (special == SPECIAL_REF || special == SPECIAL_SCOPE_NAME ||
          entity == PILOTE_ENTITY_DEAL || (entity == PILOTE_ENTITY_DEAL_LINE && line_total))
        {
          m->special = special;
          return;
        }
    }
  m->target = pilote_entity_find_field (im->info, link_name);
  if (m->target != NULL && m->target->type == PILOTE_FIELD_LINK)
    {
      m->special = SPECIAL_LINK;
      m->link = m->target->link;
      return;
    }
  m->target = pilote_entity_find_field (im->info, m->field);
}

static int
find_column (PiloteCsvReader *reader,
             const char      *name)
{
  g_autofree char *wanted = pilote_text_fold (name);

  for (guint i = 0; i < pilote_csv_reader_get_n_fields (reader); i++)
    {
      g_autofree char *header = pilote_text_fold (pilote_csv_reader_get_field (reader, i));

      if (g_strcmp0 (header, wanted) == 0)
        return i;
    }
  return -1;
}

static char *
list_columns (PiloteCsvReader *reader)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < pilote_csv_reader_get_n_fields (reader); i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      g_string_append_printf (list, "“%s”", pilote_csv_reader_get_field (reader, i));
    }
  return g_string_free (list, FALSE);
}

static gboolean
is_mapped (PiloteImportState     *im,
           const char *field)
{
  for (guint i = 0; i < im->mappings->len; i++)
    if (g_str_equal (g_array_index (im->mappings, PiloteImportMapping, i).field, field))
      return TRUE;
  return FALSE;
}

static void
cell_free (gpointer data)
{
  PiloteImportCell *cell = data;

  g_free (cell->name);
  g_free (cell);
}

/* the fields the profile has aliases for: the others need no folding */
static GHashTable *
list_alias_fields (const PiloteImportProfile *profile)
{
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, profile->aliases);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *end = strchr (key, '\x1f');

      if (end != NULL)
        g_hash_table_add (fields, g_strndup (key, (gsize) (end - (const char *) key)));
    }
  return fields;
}

/* Reads the header line and matches the profile's columns to it. */
gboolean
pilote_import_read_header (PiloteImportState  *im,
             GError **error)
{
  const PiloteImportProfile *profile = im->profile;
  const char * const *fields = pilote_import_entity_fields (profile->entity);
  g_autoptr(GError) local_error = NULL;

  if (!pilote_csv_reader_next (im->reader, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                     _("The file is empty: it needs a header line naming its columns, then "
                       "one line per record."));
      return FALSE;
    }

  im->alias_fields = list_alias_fields (profile);
  im->group_column = -1;
  if (profile->group_by != NULL)
    {
      im->group_column = find_column (im->reader, profile->group_by);
      if (im->group_column < 0)
        {
          g_autofree char *columns = list_columns (im->reader);

          g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                       _("The file has no column “%s” to group its lines by. Its columns are: "
                         "%s. Correct “group-by” in the profile."), profile->group_by, columns);
          return FALSE;
        }
    }

  for (guint f = 0; fields[f] != NULL; f++)
    {
      const char *column = g_hash_table_lookup (profile->columns, fields[f]);
      const char *default_value = g_hash_table_lookup (profile->defaults, fields[f]);
      PiloteImportMapping m = { 0 };

      if (column == NULL && default_value == NULL)
        continue;
      m.field = fields[f];
      m.column_name = column;
      m.column = column != NULL ? find_column (im->reader, column) : -1;
      m.default_value = default_value;
      m.create_missing = g_hash_table_contains (profile->create, fields[f]);
      if (column != NULL && m.column < 0 && default_value == NULL)
        {
          g_autofree char *columns = list_columns (im->reader);

          g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                       _("The file has no column “%s”, which the profile reads the field “%s” "
                         "from. Its columns are: %s. Correct the profile or the file."),
                       column, fields[f], columns);
          return FALSE;
        }
      describe_mapping (im, &m);
      if (m.link != 0 || m.special == SPECIAL_LINK || m.special == SPECIAL_PRODUCT ||
          m.special == SPECIAL_SCOPE_NAME)
        m.cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (m.special == SPECIAL_LINK || m.special == SPECIAL_PRODUCT)
        m.cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cell_free);
      g_array_append_val (im->mappings, m);
    }

  /* the required fields must come from somewhere */
  for (guint i = 0; i < im->info->n_fields; i++)
    {
      const PiloteField *field = &im->info->fields[i];
      g_autofree char *link = g_strndup (field->name, strlen (field->name) - 3);
      gboolean derivable = im->profile->entity == PILOTE_ENTITY_DEAL &&
                           (g_str_equal (field->name, "title") ||
                            g_str_equal (field->name, "stage_id"));

      if (!(field->flags & PILOTE_FIELD_REQUIRED) || derivable ||
          field->type == PILOTE_FIELD_REAL)
        continue;
      if (is_mapped (im, field->name) ||
          (field->type == PILOTE_FIELD_LINK && is_mapped (im, link)))
        continue;
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("The profile gives no column for “%s”, which every %s needs. Map a "
                     "column to it in [columns], or give a value in [defaults]."),
                   field->type == PILOTE_FIELD_LINK ? link : field->name,
                   pilote_entity_get_table (im->profile->entity));
      return FALSE;
    }
  if (im->profile->entity == PILOTE_ENTITY_DEAL && !is_mapped (im, "stage") &&
      !is_mapped (im, "outcome"))
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("The profile gives no column for the deals' stage: map “stage” (a stage's "
                     "name) or “outcome” (won, lost or open)."));
      return FALSE;
    }
  return TRUE;
}

/* Values */

const char *
pilote_import_cell (PiloteImportState  *im,
      PiloteImportMapping *m)
{
  const char *text = m->column >= 0 ? pilote_csv_reader_get_field (im->reader, m->column) : NULL;

  if (text != NULL)
    {
      while (g_ascii_isspace (*text))
        text++;
      /* a cell neutralised for spreadsheets ("'=…", "'+33…") is read as it was */
      if (text[0] == '\'' && text[1] != '\0' && strchr ("=+-@\t\r", text[1]) != NULL)
        text++;
      if (*text != '\0')
        return text;
    }
  return m->default_value;
}

char *
pilote_import_trimmed (const char *text)
{
  return g_strstrip (g_strdup (text));
}

static gboolean
parse_bool (const char *text,
            gboolean   *value)
{
  static const char *const yes[] = { "1", "yes", "y", "true", "oui", "o", "vrai", "x" };
  static const char *const no[] = { "0", "no", "n", "false", "non", "faux" };
  g_autofree char *key = pilote_text_fold (text);

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_strcmp0 (key, yes[i]) == 0)
      return (*value = TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_strcmp0 (key, no[i]) == 0)
      {
        *value = FALSE;
        return TRUE;
      }
  return FALSE;
}

static gboolean
parse_enum (const PiloteField *field,
            const char        *text,
            int               *value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (field->enum_type ());
  g_autofree char *key = pilote_text_fold (text);

  if (key == NULL)
    return FALSE;
  g_strdelimit (key, " _", '-');
  for (guint i = 0; i < klass->n_values; i++)
    if (g_str_equal (key, klass->values[i].value_nick))
      {
        *value = klass->values[i].value;
        return TRUE;
      }
  return FALSE;
}

static gboolean
parse_fraction (PiloteImportState     *im,
                const char *text,
                double     *value,
                GError    **error)
{
  if (!pilote_csv_parse_number (text, im->options.decimal, value, error))
    return FALSE;
  if (strchr (text, '%') != NULL || *value > 1.0)
    *value /= 100.0;
  return TRUE;
}

static gboolean
parse_timestamp (PiloteImportState     *im,
                 const char *text,
                 char      **value,
                 GError    **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, utc);
  char iso[PILOTE_ISO_DATE_LEN];

  if (dt != NULL)
    {
      g_autoptr(GDateTime) in_utc = g_date_time_to_utc (dt);

      *value = g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%S.000Z");
      return TRUE;
    }
  if (!pilote_csv_parse_date (text, im->options.date_format, iso, error))
    return FALSE;
  *value = g_strdup (iso);
  return TRUE;
}

/* Related records */

const char *
pilote_import_alias_of (PiloteImportState     *im,
          const char *field,
          const char *text)
{
  g_autofree char *key = NULL;

  if (im->alias_fields != NULL && !g_hash_table_contains (im->alias_fields, field))
    return NULL;
  key = pilote_import_alias_key (field, text);
  return g_hash_table_lookup (im->profile->aliases, key);
}

static PiloteImportCell *
remember_cell (PiloteImportMapping *m,
               const char          *text,
               gint64               id,
               int                  outcome,
               const char          *name)
{
  PiloteImportCell *cell;

  if (m->cells == NULL)
    return NULL;
  if (g_hash_table_size (m->cells) >= PILOTE_IMPORT_MAX_CACHED_NAMES)
    g_hash_table_remove_all (m->cells);
  cell = g_new0 (PiloteImportCell, 1);
  cell->id = id;
  cell->outcome = outcome;
  cell->name = g_strdup (name);
  g_hash_table_insert (m->cells, g_strdup (text), cell);
  return cell;
}

/* the name a cell of a link column stands for: its alias, or itself */
const char *
pilote_import_cell_name (PiloteImportState   *im,
                         PiloteImportMapping *m,
                         const char          *text)
{
  PiloteImportCell *cell = m->cells != NULL ? g_hash_table_lookup (m->cells, text) : NULL;

  if (cell != NULL)
    return cell->name != NULL ? cell->name : text;
  return pilote_import_alias_of (im, m->field, text) ?: text;
}

/* A deal's stage: a stage's name, or an outcome (won, lost, open) */
gint64
pilote_import_resolve_stage (PiloteImportState   *im,
                             PiloteImportMapping *m,
                             const char          *text,
                             PiloteStageKind     *outcome,
                             gboolean            *has_outcome)
{
  PiloteImportCell *cell = m->cells != NULL ? g_hash_table_lookup (m->cells, text) : NULL;
  PiloteStageKind kind;
  gint64 id;

  if (cell == NULL && pilote_import_alias_of (im, m->field, text) == NULL &&
      pilote_import_parse_outcome (text, &kind))
    cell = remember_cell (m, text, pilote_import_stage_for_outcome (im, kind), (int) kind, NULL);
  if (cell != NULL)
    {
      if (cell->outcome >= 0)
        {
          *outcome = cell->outcome;
          *has_outcome = TRUE;
        }
      return cell->id;
    }
  if (pilote_import_alias_of (im, m->field, text) == NULL &&
      pilote_import_parse_outcome (text, &kind))
    {
      *outcome = kind;
      *has_outcome = TRUE;
      return pilote_import_stage_for_outcome (im, kind);
    }
  id = pilote_import_resolve_link (im, m, PILOTE_ENTITY_STAGE, text);
  return id;
}

static gboolean
create_related (PiloteImportState        *im,
                PiloteEntity   entity,
                const char    *name,
                gint64        *id,
                GError       **error)
{
  const PiloteEntityInfo *info = pilote_entity_get_info (entity);
  g_autoptr(PiloteRecord) record = pilote_record_new (entity);

  for (guint i = 0; i < info->n_fields; i++)
    if (info->fields[i].flags & PILOTE_FIELD_NAME)
      {
        char **ptr = PILOTE_FIELD_PTR (record, &info->fields[i]);
        *ptr = g_strdup (name);
        break;
      }
  if (entity == PILOTE_ENTITY_DEAL || entity == PILOTE_ENTITY_STAGE)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Missing %s cannot be created by an import."),
                   pilote_entity_get_table (entity));
      return FALSE;
    }
  if (!pilote_record_prepare_write (im->store, record, NULL, error) ||
      !pilote_record_write (im->store, record, NULL, im->batch_id, error))
    return FALSE;
  im->result->created++;
  *id = record->id;
  return TRUE;
}

/* Finds the record a cell names, by reference then by name; creates it
 * when the profile allows. Returns 0 with a problem added otherwise. */
gint64
pilote_import_resolve_link (PiloteImportState     *im,
              PiloteImportMapping    *m,
              PiloteEntity entity,
              const char *text)
{
  PiloteImportCell *cell = NULL;
  const char *alias;
  const char *name;
  g_autofree char *key = NULL;
  g_autoptr(PiloteRecord) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  /* the same cell as a row further up: no folding, no lookup */
  if (m->cells != NULL)
    cell = g_hash_table_lookup (m->cells, text);
  if (cell != NULL && cell->id != 0)
    return cell->id;

  alias = pilote_import_alias_of (im, m->field, text);
  name = alias != NULL ? alias : text;
  key = pilote_text_fold (name);
  if (key == NULL)
    return 0;
  id = GPOINTER_TO_SIZE (g_hash_table_lookup (m->cache, key));
  if (id != 0)
    {
      remember_cell (m, text, id, -1, alias);
      return id;
    }

  if (!pilote_import_bulk_lookup (im, entity, name, key, &id))
    {
      found = pilote_store_find_by_ref (im->store, entity, name, &error);
      if (found == NULL && error == NULL)
        found = pilote_store_find_by_name (im->store, entity, name, &error);
      if (found != NULL)
        id = found->id;
    }
  if (id != 0)
    ;
  else if (error == NULL && m->create_missing)
    {
      if (create_related (im, entity, name, &id, &error))
        pilote_import_bulk_remember (im, entity, key, id);
    }
  else if (error == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("No %s is named “%s”. Check the name, add an alias for it in the "
                           "profile, or allow the import to create missing ones "
                           "(create-missing = %s)."),
                         pilote_entity_get_table (entity), name, m->field);
      pilote_import_add_problem (im, m->column_name, text, message);
      return 0;
    }
  if (error != NULL)
    {
      pilote_import_add_error_problem (im, m, text, error);
      return 0;
    }
  if (g_hash_table_size (m->cache) >= PILOTE_IMPORT_MAX_CACHED_NAMES)
    g_hash_table_remove_all (m->cache);
  g_hash_table_insert (m->cache, g_steal_pointer (&key), GSIZE_TO_POINTER ((gsize) id));
  remember_cell (m, text, id, -1, alias);
  return id;
}

/* the stage of a deal from an outcome: the first stage of that kind */
gint64
pilote_import_stage_for_outcome (PiloteImportState          *im,
                   PiloteStageKind  kind)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  static const char *const kinds[] = { "open", "won", "lost" };

  if (im->outcome_stages[kind] != 0)
    return im->outcome_stages[kind];
  stmt = pilote_store_prepare (im->store,
                               "SELECT id FROM stage WHERE kind = ? AND deleted_at IS NULL"
                               " ORDER BY position, id LIMIT 1", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, kinds[kind], -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    im->outcome_stages[kind] = sqlite3_column_int64 (stmt, 0);
  return im->outcome_stages[kind];
}

gboolean
pilote_import_parse_outcome (const char      *text,
               PiloteStageKind *kind)
{
  static const struct { const char *word; PiloteStageKind kind; } words[] = {
    { "won", PILOTE_STAGE_KIND_WON }, { "win", PILOTE_STAGE_KIND_WON },
    { "closed won", PILOTE_STAGE_KIND_WON }, { "gagne", PILOTE_STAGE_KIND_WON },
    { "gagnee", PILOTE_STAGE_KIND_WON }, { "lost", PILOTE_STAGE_KIND_LOST },
    { "loss", PILOTE_STAGE_KIND_LOST }, { "closed lost", PILOTE_STAGE_KIND_LOST },
    { "perdu", PILOTE_STAGE_KIND_LOST }, { "perdue", PILOTE_STAGE_KIND_LOST },
    { "open", PILOTE_STAGE_KIND_OPEN }, { "ouvert", PILOTE_STAGE_KIND_OPEN },
    { "en cours", PILOTE_STAGE_KIND_OPEN }, { "in progress", PILOTE_STAGE_KIND_OPEN },
  };
  g_autofree char *key = pilote_text_fold (text);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_strcmp0 (key, words[i].word) == 0)
      {
        *kind = words[i].kind;
        return TRUE;
      }
  return FALSE;
}

/* Fields */

void
pilote_import_set_field (PiloteImportState      *im,
           PiloteImportMapping     *m,
           gpointer     record,
           const char  *text)
{
  const PiloteField *field = m->target;
  gpointer ptr = PILOTE_FIELD_PTR (record, field);
  g_autoptr(GError) error = NULL;
  const char *alias = pilote_import_alias_of (im, m->field, text);
  char iso[PILOTE_ISO_DATE_LEN];
  double number;
  int value;

  if (alias != NULL)
    text = alias;

  switch (field->type)
    {
    case PILOTE_FIELD_TEXT:
      g_free (*(char **) ptr);
      *(char **) ptr = pilote_import_trimmed (text);
      return;
    case PILOTE_FIELD_DATE:
      if (!pilote_csv_parse_date (text, im->options.date_format, iso, &error))
        break;
      g_free (*(char **) ptr);
      *(char **) ptr = g_strdup (iso);
      return;
    case PILOTE_FIELD_TIMESTAMP:
      g_free (*(char **) ptr);
      *(char **) ptr = NULL;
      if (!parse_timestamp (im, text, ptr, &error))
        break;
      return;
    case PILOTE_FIELD_MONEY:
      if (!pilote_csv_parse_money (text, im->options.decimal, im->digits, ptr, &error))
        break;
      return;
    case PILOTE_FIELD_INT:
      if (!pilote_csv_parse_number (text, im->options.decimal, &number, &error))
        break;
      if (number != floor (number) || fabs (number) > 1e15)
        {
          pilote_import_add_problem (im, m->column_name, text, _("Type a whole number."));
          return;
        }
      *(gint64 *) ptr = (gint64) number;
      return;
    case PILOTE_FIELD_REAL:
      if (field->flags & PILOTE_FIELD_FRACTION
            ? !parse_fraction (im, text, ptr, &error)
            : !pilote_csv_parse_number (text, im->options.decimal, ptr, &error))
        break;
      return;
    case PILOTE_FIELD_BOOL:
      if (!parse_bool (text, ptr))
        pilote_import_add_problem (im, m->column_name, text, _("Type yes or no."));
      return;
    case PILOTE_FIELD_ENUM:
      if (!parse_enum (field, text, &value))
        {
          g_autoptr(GEnumClass) klass = g_type_class_ref (field->enum_type ());
          GString *nicks = g_string_new (NULL);
          g_autofree char *message = NULL;

          for (guint i = 0; i < klass->n_values; i++)
            g_string_append_printf (nicks, "%s%s", i > 0 ? ", " : "",
                                    klass->values[i].value_nick);
          message = g_strdup_printf (_("Type one of: %s (or add an alias in the profile)."),
                                     nicks->str);
          g_string_free (nicks, TRUE);
          pilote_import_add_problem (im, m->column_name, text, message);
          return;
        }
      *(int *) ptr = value;
      return;
    case PILOTE_FIELD_LINK:
    case PILOTE_FIELD_ID:
    default:
      g_assert_not_reached ();
    }
  pilote_import_add_error_problem (im, m, text, error);
}

void
pilote_import_set_line_value (PiloteImportState     *im,
                PiloteImportMapping    *m,
                PiloteImportLine *line,
                const char *text)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  line->given = TRUE;
  switch (m->special)
    {
    case SPECIAL_PRODUCT:
      line->product_id = pilote_import_resolve_link (im, m, PILOTE_ENTITY_PRODUCT, text);
      return;
    case SPECIAL_QUANTITY:
      ok = pilote_csv_parse_number (text, im->options.decimal, &line->quantity, &error);
      break;
    case SPECIAL_DISCOUNT:
      ok = parse_fraction (im, text, &line->discount, &error);
      break;
    case SPECIAL_UNIT_PRICE:
      ok = pilote_csv_parse_money (text, im->options.decimal, im->digits, &line->unit_price,
                                   &error);
      break;
    case SPECIAL_LINE_AMOUNT:
      ok = pilote_csv_parse_money (text, im->options.decimal, im->digits, &line->line_amount,
                                   &error);
      break;
    case SPECIAL_UNIT_COST:
      ok = pilote_csv_parse_money (text, im->options.decimal, im->digits, &line->unit_cost,
                                   &error);
      break;
    case SPECIAL_LINE_COST:
      ok = pilote_csv_parse_money (text, im->options.decimal, im->digits, &line->line_cost,
                                   &error);
      break;
    case SPECIAL_LINE_PROFIT:
      ok = pilote_csv_parse_money (text, im->options.decimal, im->digits, &line->line_profit,
                                   &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    pilote_import_add_error_problem (im, m, text, error);
}

static gboolean
product_prices (PiloteImportState *im,
                gint64  product_id,
                gint64 *price,
                gint64 *cost)
{
  gint64 *prices = g_hash_table_lookup (im->product_prices, &product_id);

  if (prices == NULL)
    {
      g_autoptr(PiloteProduct) product = pilote_store_get_product (im->store, product_id, NULL);

      if (product == NULL)
        return FALSE;
      prices = g_new (gint64, 3);
      prices[0] = product_id;
      prices[1] = product->unit_price;
      prices[2] = product->unit_cost;
      g_hash_table_insert (im->product_prices, prices, prices);
    }
  *price = prices[1];
  *cost = prices[2];
  return TRUE;
}

/* A line's figures: what the row gives, the rest derived from it. */
void
pilote_import_fill_line (PiloteImportState         *im,
           const PiloteImportLine *values,
           PiloteDealLine *line)
{
  gint64 list_price = 0, list_cost = 0;
  gboolean has_list = values->product_id != 0 &&
                      product_prices (im, values->product_id, &list_price, &list_cost);
  gint64 amount;

  line->product_id = values->product_id;
  line->quantity = isnan (values->quantity) ? 1.0 : values->quantity;
  line->discount = isnan (values->discount) ? 0.0 : values->discount;
  if (line->quantity == 0)
    line->quantity = 1.0;

  if (values->unit_price != PILOTE_MONEY_NONE)
    line->unit_price = values->unit_price;
  else if (values->line_amount != PILOTE_MONEY_NONE)
    line->unit_price = llround ((double) values->line_amount / line->quantity /
                                (1.0 - MIN (line->discount, 0.99)));
  else if (has_list)
    line->unit_price = list_price;
  line->amount_given = values->line_amount;
  amount = values->line_amount != PILOTE_MONEY_NONE
             ? values->line_amount
             : llround (line->quantity * (double) line->unit_price * (1.0 - line->discount));

  if (values->unit_cost != PILOTE_MONEY_NONE)
    line->unit_cost = values->unit_cost;
  else if (values->line_cost != PILOTE_MONEY_NONE)
    line->unit_cost = llround ((double) values->line_cost / line->quantity);
  else if (values->line_profit != PILOTE_MONEY_NONE)
    line->unit_cost = llround ((double) (amount - values->line_profit) / line->quantity);
  else if (has_list)
    line->unit_cost = list_cost;
  if (values->line_cost != PILOTE_MONEY_NONE)
    line->cost_given = values->line_cost;
  else if (values->line_profit != PILOTE_MONEY_NONE)
    line->cost_given = amount - values->line_profit;
  if (line->unit_cost < 0)
    line->unit_cost = 0;
  if (line->unit_price < 0)
    line->unit_price = 0;
}

