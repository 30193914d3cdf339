/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pilote-error.h"
#include "pilote-import-private.h"
#include "pilote-text.h"

/* The import engine: reads a CSV file as it streams, maps each row onto a
 * record through the profile, finds (or creates) the records it links to,
 * updates the record that has the row's reference or inserts a new one —
 * all in one transaction, as one batch that can be undone. */

#define MAX_PROBLEMS_KEPT 1000
#define MAX_CACHED_NAMES 200000

typedef enum {
  SPECIAL_NONE,
  SPECIAL_REF,
  SPECIAL_LINK,
  SPECIAL_SCOPE_NAME,
  SPECIAL_PRODUCT,
  SPECIAL_QUANTITY,
  SPECIAL_UNIT_PRICE,
  SPECIAL_LINE_AMOUNT,
  SPECIAL_DISCOUNT,
  SPECIAL_UNIT_COST,
  SPECIAL_LINE_COST,
  SPECIAL_LINE_PROFIT,
  SPECIAL_OUTCOME,
  SPECIAL_WON_ON,
  SPECIAL_LOST_ON,
} Special;

typedef struct {
  const char        *field;
  const char        *column_name;
  int                column;          /* -1: not in the file, default only */
  const char        *default_value;
  const PiloteField *target;          /* the record's field, when it has one */
  PiloteEntity       link;
  Special            special;
  gboolean           create_missing;
  GHashTable        *cache;           /* folded name → id */
} Mapping;

/* what a row says about a deal line */
typedef struct {
  gboolean given;
  gint64   product_id;
  double   quantity;
  gint64   unit_price;
  gint64   line_amount;
  double   discount;
  gint64   unit_cost;
  gint64   line_cost;
  gint64   line_profit;
} LineValues;

typedef struct {
  PiloteStore               *store;
  const PiloteImportProfile *profile;
  const PiloteEntityInfo    *info;
  PiloteCsvReader           *reader;
  PiloteImportResult        *result;
  PiloteCsvOptions           options;
  GArray                    *mappings;      /* Mapping */
  int                        group_column;
  gint64                     batch_id;
  guint                      digits;
  gboolean                   row_failed;
  GHashTable                *product_prices; /* product id → gint64[2] price, cost */
  char                      *group_key;      /* the deal being imported, line after line */
  gint64                     group_deal_id;
  gint64                     outcome_stages[3]; /* the first stage of each kind */
} Import;

static void
problem_free (gpointer data)
{
  PiloteImportProblem *problem = data;

  g_free (problem->column);
  g_free (problem->value);
  g_free (problem->message);
  g_free (problem);
}

void
pilote_import_result_free (PiloteImportResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_clear_pointer (&result->notes, g_ptr_array_unref);
  g_free (result);
}

static void
add_problem (Import     *im,
             const char *column,
             const char *value,
             const char *message)
{
  PiloteImportProblem *problem;

  im->row_failed = TRUE;
  im->result->n_problems++;
  if (im->result->problems->len >= MAX_PROBLEMS_KEPT)
    return;
  problem = g_new0 (PiloteImportProblem, 1);
  problem->record = pilote_csv_reader_get_record (im->reader);
  problem->line = pilote_csv_reader_get_line (im->reader);
  problem->column = g_strdup (column);
  problem->value = g_strdup (value);
  problem->message = g_strdup (message);
  g_ptr_array_add (im->result->problems, problem);
}

static void
add_error_problem (Import     *im,
                   Mapping    *m,
                   const char *value,
                   GError     *error)
{
  add_problem (im, m != NULL ? m->column_name : NULL, value, error->message);
}

/* Mappings */

static const struct {
  const char *field;
  Special     special;
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
describe_mapping (Import     *im,
                  Mapping    *m)
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
      Special special = specials[i].special;
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
is_mapped (Import     *im,
           const char *field)
{
  for (guint i = 0; i < im->mappings->len; i++)
    if (g_str_equal (g_array_index (im->mappings, Mapping, i).field, field))
      return TRUE;
  return FALSE;
}

/* Reads the header line and matches the profile's columns to it. */
static gboolean
read_header (Import  *im,
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
      Mapping m = { 0 };

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

static const char *
cell (Import  *im,
      Mapping *m)
{
  const char *text = m->column >= 0 ? pilote_csv_reader_get_field (im->reader, m->column) : NULL;

  if (text != NULL)
    {
      while (g_ascii_isspace (*text))
        text++;
      if (*text != '\0')
        return text;
    }
  return m->default_value;
}

static char *
trimmed (const char *text)
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
parse_fraction (Import     *im,
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
parse_timestamp (Import     *im,
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

static const char *
alias_of (Import     *im,
          const char *field,
          const char *text)
{
  g_autofree char *key = pilote_import_alias_key (field, text);

  return g_hash_table_lookup (im->profile->aliases, key);
}

static gboolean
create_related (Import        *im,
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
static gint64
resolve_link (Import     *im,
              Mapping    *m,
              PiloteEntity entity,
              const char *text)
{
  const char *alias = alias_of (im, m->field, text);
  const char *name = alias != NULL ? alias : text;
  g_autofree char *key = pilote_text_fold (name);
  g_autoptr(PiloteRecord) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  if (key == NULL)
    return 0;
  id = GPOINTER_TO_SIZE (g_hash_table_lookup (m->cache, key));
  if (id != 0)
    return id;

  found = pilote_store_find_by_ref (im->store, entity, name, &error);
  if (found == NULL && error == NULL)
    found = pilote_store_find_by_name (im->store, entity, name, &error);
  if (found != NULL)
    id = found->id;
  else if (error == NULL && m->create_missing)
    create_related (im, entity, name, &id, &error);
  else if (error == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("No %s is named “%s”. Check the name, add an alias for it in the "
                           "profile, or allow the import to create missing ones "
                           "(create-missing = %s)."),
                         pilote_entity_get_table (entity), name, m->field);
      add_problem (im, m->column_name, text, message);
      return 0;
    }
  if (error != NULL)
    {
      add_error_problem (im, m, text, error);
      return 0;
    }
  if (g_hash_table_size (m->cache) >= MAX_CACHED_NAMES)
    g_hash_table_remove_all (m->cache);
  g_hash_table_insert (m->cache, g_steal_pointer (&key), GSIZE_TO_POINTER ((gsize) id));
  return id;
}

/* the stage of a deal from an outcome: the first stage of that kind */
static gint64
stage_for_outcome (Import          *im,
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

static gboolean
parse_outcome (const char      *text,
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

static void
set_field (Import      *im,
           Mapping     *m,
           gpointer     record,
           const char  *text)
{
  const PiloteField *field = m->target;
  gpointer ptr = PILOTE_FIELD_PTR (record, field);
  g_autoptr(GError) error = NULL;
  const char *alias = alias_of (im, m->field, text);
  char iso[PILOTE_ISO_DATE_LEN];
  double number;
  int value;

  if (alias != NULL)
    text = alias;

  switch (field->type)
    {
    case PILOTE_FIELD_TEXT:
      g_free (*(char **) ptr);
      *(char **) ptr = trimmed (text);
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
          add_problem (im, m->column_name, text, _("Type a whole number."));
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
        add_problem (im, m->column_name, text, _("Type yes or no."));
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
          add_problem (im, m->column_name, text, message);
          return;
        }
      *(int *) ptr = value;
      return;
    case PILOTE_FIELD_LINK:
    case PILOTE_FIELD_ID:
    default:
      g_assert_not_reached ();
    }
  add_error_problem (im, m, text, error);
}

static void
set_line_value (Import     *im,
                Mapping    *m,
                LineValues *line,
                const char *text)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  line->given = TRUE;
  switch (m->special)
    {
    case SPECIAL_PRODUCT:
      line->product_id = resolve_link (im, m, PILOTE_ENTITY_PRODUCT, text);
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
    add_error_problem (im, m, text, error);
}

static gboolean
product_prices (Import *im,
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
static void
fill_line (Import         *im,
           const LineValues *values,
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

/* Rows */

static gboolean
insert_stage_change (Import      *im,
                     gint64       deal_id,
                     gint64       from_stage,
                     gint64       to_stage,
                     const char  *date,
                     GError     **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;

  stmt = pilote_store_prepare (im->store,
                               "INSERT INTO stage_change (deal_id, from_stage_id, to_stage_id,"
                               " changed_at, changed_by, batch_id) VALUES (?, ?, ?,"
                               " coalesce (?4 || 'T00:00:00.000Z',"
                               "   strftime('%Y-%m-%dT%H:%M:%fZ','now')), ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  pilote_bind_id (stmt, 2, from_stage);
  sqlite3_bind_int64 (stmt, 3, to_stage);
  pilote_bind_text (stmt, 4, date);
  pilote_bind_id (stmt, 5, pilote_store_get_member_id (im->store));
  sqlite3_bind_int64 (stmt, 6, im->batch_id);
  return pilote_store_step_done (im->store, stmt, error);
}

/* A deal that the file brings again: its lines are replaced by the file's. */
static gboolean
retire_lines (Import  *im,
              gint64   deal_id,
              GError **error)
{
  g_autoptr(PiloteStmt) audit = NULL;
  g_autoptr(PiloteStmt) retire = NULL;

  audit = pilote_store_prepare (im->store,
                                "INSERT INTO audit_entry (table_name, row_id, action,"
                                " changed_by, batch_id) SELECT 'deal_line', id, 'delete', ?, ?"
                                " FROM deal_line WHERE deal_id = ? AND deleted_at IS NULL",
                                error);
  if (audit == NULL)
    return FALSE;
  pilote_bind_id (audit, 1, pilote_store_get_member_id (im->store));
  sqlite3_bind_int64 (audit, 2, im->batch_id);
  sqlite3_bind_int64 (audit, 3, deal_id);
  if (!pilote_store_step_done (im->store, audit, error))
    return FALSE;
  retire = pilote_store_prepare (im->store,
                                 "UPDATE deal_line SET deleted_at ="
                                 " strftime('%Y-%m-%dT%H:%M:%fZ','now'), version = version + 1"
                                 " WHERE deal_id = ? AND deleted_at IS NULL",
                                 error);
  if (retire == NULL)
    return FALSE;
  sqlite3_bind_int64 (retire, 1, deal_id);
  return pilote_store_step_done (im->store, retire, error);
}

static gboolean
touched_in_batch (Import     *im,
                  const char *table,
                  gint64      id)
{
  g_autoptr(PiloteStmt) stmt = NULL;

  stmt = pilote_store_prepare (im->store,
                               "SELECT 1 FROM audit_entry WHERE batch_id = ? AND table_name = ?"
                               " AND row_id = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, im->batch_id);
  sqlite3_bind_text (stmt, 2, table, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* Deal-only parts of a row: stage from a name or an outcome, dates of
 * the outcome, a title when the file has none. */
static void
complete_deal (Import         *im,
               PiloteDeal     *deal,
               gboolean        has_outcome,
               PiloteStageKind outcome,
               const char     *won_on,
               const char     *lost_on,
               const char     *product_name,
               const char     *client_name)
{
  if (deal->stage_id == 0 && has_outcome)
    deal->stage_id = stage_for_outcome (im, outcome);
  if (deal->stage_id == 0 && !im->row_failed)
    add_problem (im, NULL, NULL, _("The row gives no stage for the deal, nor whether it "
                                   "was won or lost."));
  if (won_on != NULL && (!has_outcome || outcome == PILOTE_STAGE_KIND_WON))
    {
      g_free (deal->closed_on);
      deal->closed_on = g_strdup (won_on);
    }
  if (lost_on != NULL && (!has_outcome || outcome == PILOTE_STAGE_KIND_LOST))
    {
      g_free (deal->closed_on);
      deal->closed_on = g_strdup (lost_on);
    }
  if (deal->title == NULL && product_name != NULL && client_name != NULL)
    deal->title = g_strdup_printf ("%s – %s", product_name, client_name);
  else if (deal->title == NULL)
    deal->title = g_strdup (product_name != NULL ? product_name
                            : deal->base.ref != NULL ? deal->base.ref : _("Deal"));
}

static void
copy_field (gpointer           dest,
            gconstpointer      src,
            const PiloteField *field)
{
  gpointer to = PILOTE_FIELD_PTR (dest, field);
  gconstpointer from = PILOTE_FIELD_PTR (src, field);

  switch (field->type)
    {
    case PILOTE_FIELD_TEXT:
    case PILOTE_FIELD_DATE:
    case PILOTE_FIELD_TIMESTAMP:
      g_free (*(char **) to);
      *(char **) to = g_strdup (*(char *const *) from);
      break;
    case PILOTE_FIELD_REAL:
      *(double *) to = *(const double *) from;
      break;
    case PILOTE_FIELD_BOOL:
      *(gboolean *) to = *(const gboolean *) from;
      break;
    case PILOTE_FIELD_ENUM:
      *(int *) to = *(const int *) from;
      break;
    case PILOTE_FIELD_INT:
    case PILOTE_FIELD_MONEY:
    case PILOTE_FIELD_LINK:
    case PILOTE_FIELD_ID:
    default:
      *(gint64 *) to = *(const gint64 *) from;
      break;
    }
}

/* An update changes what the row gives and keeps the rest of the record. */
static gpointer
merge_row (Import        *im,
           gconstpointer  old,
           gconstpointer  row,
           const gboolean *given)
{
  PiloteRecord *merged = pilote_record_copy (old);
  gboolean stage_given = FALSE, closed_given = FALSE;

  g_free (merged->ref);
  merged->ref = g_strdup (((const PiloteRecord *) row)->ref != NULL
                            ? ((const PiloteRecord *) row)->ref
                            : ((const PiloteRecord *) old)->ref);
  for (guint i = 0; i < im->mappings->len; i++)
    {
      Mapping *m = &g_array_index (im->mappings, Mapping, i);

      if (!given[i])
        continue;
      if (m->special == SPECIAL_OUTCOME)
        stage_given = TRUE;
      if (m->special == SPECIAL_WON_ON || m->special == SPECIAL_LOST_ON)
        closed_given = TRUE;
      if (m->special == SPECIAL_SCOPE_NAME)
        copy_field (merged, row, pilote_entity_find_field (im->info, "scope_id"));
      if (m->target != NULL && (m->special == SPECIAL_NONE || m->special == SPECIAL_LINK))
        {
          copy_field (merged, row, m->target);
          stage_given |= g_str_equal (m->target->name, "stage_id");
          closed_given |= g_str_equal (m->target->name, "closed_on");
        }
    }
  if (im->profile->entity == PILOTE_ENTITY_DEAL)
    {
      if (stage_given)
        copy_field (merged, row, pilote_entity_find_field (im->info, "stage_id"));
      if (stage_given || closed_given)
        copy_field (merged, row, pilote_entity_find_field (im->info, "closed_on"));
    }
  return merged;
}

static void
process_row (Import *im)
{
  const PiloteEntity entity = im->profile->entity;
  g_autoptr(PiloteRecord) record = pilote_record_new (entity);
  g_autoptr(PiloteRecord) old = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *won_on = NULL;
  g_autofree char *lost_on = NULL;
  g_autofree char *scope_name = NULL;
  const char *product_name = NULL;
  const char *client_name = NULL;
  const char *group_key = NULL;
  Mapping *scope_mapping = NULL;
  LineValues line = { FALSE, 0, NAN, PILOTE_MONEY_NONE, PILOTE_MONEY_NONE, NAN,
                      PILOTE_MONEY_NONE, PILOTE_MONEY_NONE, PILOTE_MONEY_NONE };
  PiloteStageKind outcome = PILOTE_STAGE_KIND_OPEN;
  gboolean has_outcome = FALSE;
  gboolean same_deal = FALSE;
  gboolean *given = g_newa (gboolean, im->mappings->len + 1);

  im->row_failed = FALSE;
  for (guint i = 0; i < im->mappings->len; i++)
    {
      Mapping *m = &g_array_index (im->mappings, Mapping, i);
      const char *text = cell (im, m);
      char iso[PILOTE_ISO_DATE_LEN];

      given[i] = (text != NULL);
      if (text == NULL)
        continue;
      switch (m->special)
        {
        case SPECIAL_REF:
          g_free (record->ref);
          record->ref = trimmed (text);
          break;
        case SPECIAL_LINK:
          {
            gint64 id = 0;

            /* a deal's stage may be named by its outcome */
            if (m->link == PILOTE_ENTITY_STAGE && alias_of (im, m->field, text) == NULL &&
                parse_outcome (text, &outcome))
              {
                has_outcome = TRUE;
                id = stage_for_outcome (im, outcome);
              }
            else
              id = resolve_link (im, m, m->link, text);
            if (m->link == PILOTE_ENTITY_CLIENT)
              client_name = text;
            *(gint64 *) PILOTE_FIELD_PTR (record, m->target) = id;
          }
          break;
        case SPECIAL_SCOPE_NAME:
          scope_mapping = m;
          scope_name = trimmed (text);
          break;
        case SPECIAL_OUTCOME:
          if (parse_outcome (alias_of (im, m->field, text) ?: text, &outcome))
            has_outcome = TRUE;
          else
            add_problem (im, m->column_name, text, _("Type won, lost or open."));
          break;
        case SPECIAL_WON_ON:
        case SPECIAL_LOST_ON:
          if (!pilote_csv_parse_date (text, im->options.date_format, iso, &error))
            {
              add_error_problem (im, m, text, error);
              g_clear_error (&error);
            }
          else if (m->special == SPECIAL_WON_ON)
            won_on = g_strdup (iso);
          else
            lost_on = g_strdup (iso);
          break;
        case SPECIAL_PRODUCT:
          product_name = alias_of (im, m->field, text) ?: text;
          set_line_value (im, m, &line, text);
          break;
        case SPECIAL_QUANTITY:
        case SPECIAL_UNIT_PRICE:
        case SPECIAL_LINE_AMOUNT:
        case SPECIAL_DISCOUNT:
        case SPECIAL_UNIT_COST:
        case SPECIAL_LINE_COST:
        case SPECIAL_LINE_PROFIT:
          set_line_value (im, m, &line, text);
          break;
        case SPECIAL_NONE:
          set_field (im, m, record, text);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (entity == PILOTE_ENTITY_DEAL_LINE)
    {
      PiloteDealLine *deal_line = (PiloteDealLine *) record;

      /* a deal line's own figures, completed like a deal's lines */
      line.product_id = deal_line->product_id;
      line.quantity = deal_line->quantity;
      line.unit_price = deal_line->unit_price != 0 ? deal_line->unit_price : line.unit_price;
      line.unit_cost = deal_line->unit_cost != 0 ? deal_line->unit_cost : line.unit_cost;
      line.discount = deal_line->discount;
      fill_line (im, &line, deal_line);
    }

  if (scope_mapping != NULL && entity == PILOTE_ENTITY_OBJECTIVE)
    {
      PiloteObjective *objective = (PiloteObjective *) record;

      if (objective->scope != PILOTE_SCOPE_COMPANY)
        objective->scope_id = resolve_link (im, scope_mapping,
                                            objective->scope == PILOTE_SCOPE_TEAM
                                              ? PILOTE_ENTITY_TEAM : PILOTE_ENTITY_MEMBER,
                                            scope_name);
    }

  if (entity == PILOTE_ENTITY_DEAL)
    {
      group_key = im->group_column >= 0
                    ? pilote_csv_reader_get_field (im->reader, im->group_column) : NULL;
      if (group_key != NULL && *group_key == '\0')
        group_key = NULL;
      if (record->ref == NULL && group_key != NULL)
        record->ref = trimmed (group_key);
      if (group_key == NULL)
        group_key = record->ref;
      same_deal = group_key != NULL && g_strcmp0 (group_key, im->group_key) == 0;
      if (!same_deal)
        complete_deal (im, (PiloteDeal *) record, has_outcome, outcome, won_on, lost_on,
                       product_name, client_name);
    }

  if (im->row_failed)
    return;

  if (!same_deal)
    {
      if (record->ref != NULL)
        old = pilote_store_find_by_ref (im->store, entity, record->ref, &error);
      else if (im->info->name_key && entity != PILOTE_ENTITY_DEAL &&
               entity != PILOTE_ENTITY_CONTACT)
        {
          /* a named record without reference is the record of that name */
          const char *name = NULL;

          for (guint i = 0; i < im->info->n_fields && name == NULL; i++)
            if (im->info->fields[i].flags & PILOTE_FIELD_NAME)
              name = *(char **) PILOTE_FIELD_PTR (record, &im->info->fields[i]);
          if (name != NULL)
            old = pilote_store_find_by_name (im->store, entity, name, &error);
        }
      if (error != NULL)
        {
          add_error_problem (im, NULL, record->ref, error);
          return;
        }
      if (old != NULL && entity != PILOTE_ENTITY_DEAL &&
          touched_in_batch (im, im->info->table, old->id))
        {
          add_problem (im, NULL, record->ref,
                       _("This record appears twice in the file: keep one row for it."));
          return;
        }
      if (old != NULL && entity == PILOTE_ENTITY_DEAL && touched_in_batch (im, "deal", old->id))
        {
          /* the same deal again, further down the file: its lines add up */
          g_free (im->group_key);
          im->group_key = g_strdup (group_key);
          im->group_deal_id = old->id;
          same_deal = TRUE;
        }
    }

  if (!same_deal)
    {
      gint64 old_stage = old != NULL ? ((PiloteDeal *) old)->stage_id : 0;

      if (old != NULL)
        {
          PiloteRecord *merged = merge_row (im, old, record, given);

          pilote_record_free (record);
          record = merged;
        }
      if (!pilote_record_prepare_write (im->store, record, old, &error) ||
          !pilote_record_write (im->store, record, old, im->batch_id, &error))
        {
          add_error_problem (im, NULL, NULL, error);
          return;
        }
      if (old != NULL)
        im->result->updated++;
      else
        im->result->inserted++;

      if (entity == PILOTE_ENTITY_DEAL)
        {
          PiloteDeal *deal = (PiloteDeal *) record;

          if (old_stage != deal->stage_id &&
              !insert_stage_change (im, record->id, old_stage, deal->stage_id,
                                    deal->closed_on != NULL ? deal->closed_on
                                    : old == NULL ? deal->created_on : NULL, &error))
            {
              add_error_problem (im, NULL, NULL, error);
              return;
            }
          if (old != NULL && line.given && !retire_lines (im, record->id, &error))
            {
              add_error_problem (im, NULL, NULL, error);
              return;
            }
          g_free (im->group_key);
          im->group_key = g_strdup (group_key);
          im->group_deal_id = record->id;
        }
    }

  if (entity == PILOTE_ENTITY_DEAL && line.given)
    {
      g_autoptr(PiloteDealLine) deal_line = pilote_deal_line_new ();

      deal_line->deal_id = im->group_deal_id;
      fill_line (im, &line, deal_line);
      if (!pilote_record_prepare_write (im->store, deal_line, NULL, &error) ||
          !pilote_record_write (im->store, deal_line, NULL, im->batch_id, &error))
        add_error_problem (im, NULL, NULL, error);
    }
}

/* Derived data of everything the batch wrote, all at once. */
static gboolean
refresh_derived (PiloteStore  *store,
                 gint64        batch_id,
                 GError      **error)
{
  static const char *const statements[] = {
    "UPDATE deal SET"
    " amount = (SELECT coalesce (sum (amount), 0) FROM deal_line l"
    "   WHERE l.deal_id = deal.id AND l.deleted_at IS NULL),"
    " cost = (SELECT coalesce (sum (cost), 0) FROM deal_line l"
    "   WHERE l.deal_id = deal.id AND l.deleted_at IS NULL)"
    " WHERE id IN (SELECT row_id FROM audit_entry WHERE batch_id = ?1 AND table_name = 'deal'"
    "   UNION SELECT l.deal_id FROM audit_entry a JOIN deal_line l ON l.id = a.row_id"
    "   WHERE a.batch_id = ?1 AND a.table_name = 'deal_line')"
    " AND EXISTS (SELECT 1 FROM deal_line l WHERE l.deal_id = deal.id AND l.deleted_at IS NULL)",

    "UPDATE client SET acquired_on = (SELECT min (closed_on) FROM deal d"
    "   WHERE d.client_id = client.id AND d.status = 'won' AND d.deleted_at IS NULL)"
    " WHERE id IN (SELECT d.client_id FROM audit_entry a JOIN deal d ON d.id = a.row_id"
    "   WHERE a.batch_id = ?1 AND a.table_name = 'deal'"
    "   UNION SELECT row_id FROM audit_entry WHERE batch_id = ?1 AND table_name = 'client')",

    "UPDATE client SET kind = 'client' WHERE kind = 'prospect' AND acquired_on IS NOT NULL"
    " AND id IN (SELECT d.client_id FROM audit_entry a JOIN deal d ON d.id = a.row_id"
    "   WHERE a.batch_id = ?1 AND a.table_name = 'deal'"
    "   UNION SELECT row_id FROM audit_entry WHERE batch_id = ?1 AND table_name = 'client')",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autoptr(PiloteStmt) stmt = pilote_store_prepare (store, statements[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, batch_id);
      if (!pilote_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static void
clear_mapping (gpointer data)
{
  Mapping *m = data;

  g_clear_pointer (&m->cache, g_hash_table_unref);
}

static gboolean
begin_batch (Import      *im,
             const char  *csv_path,
             GError     **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *source = g_path_get_basename (csv_path);

  if (!pilote_store_begin_write (im->store, error))
    return FALSE;
  stmt = pilote_store_prepare (im->store,
                               "INSERT INTO import_batch (entity, source, imported_by)"
                               " VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, im->info->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, source, -1, SQLITE_TRANSIENT);
  pilote_bind_id (stmt, 3, pilote_store_get_member_id (im->store));
  if (!pilote_store_step_done (im->store, stmt, error))
    goto fail;
  im->batch_id = sqlite3_last_insert_rowid (pilote_store_get_db (im->store));
  return TRUE;

fail:
  pilote_store_rollback (im->store);
  return FALSE;
}

static gboolean
end_batch (Import   *im,
           gboolean  keep,
           GError  **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;

  if (!keep)
    {
      pilote_store_rollback (im->store);
      im->batch_id = 0;
      return TRUE;
    }
  if (!refresh_derived (im->store, im->batch_id, error))
    goto fail;
  stmt = pilote_store_prepare (im->store,
                               "UPDATE import_batch SET inserted = ?, updated = ?, created = ?"
                               " WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, im->result->inserted);
  sqlite3_bind_int64 (stmt, 2, im->result->updated);
  sqlite3_bind_int64 (stmt, 3, im->result->created);
  sqlite3_bind_int64 (stmt, 4, im->batch_id);
  if (!pilote_store_step_done (im->store, stmt, error))
    goto fail;
  return pilote_store_commit (im->store, error);

fail:
  pilote_store_rollback (im->store);
  im->batch_id = 0;
  return FALSE;
}

/**
 * pilote_import_run:
 * @dry_run: check everything, write nothing
 *
 * Imports a CSV file through a profile in one transaction: every row or
 * none. Problems with the data (a bad date, an unknown client…) are listed
 * in the result, each with its row and column, and leave the file as it
 * was; @error is set only when the import cannot run at all (unreadable
 * file, a profile that does not fit the file, a read-only Pilote file).
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
PiloteImportResult *
pilote_import_run (PiloteStore                *store,
                   const PiloteImportProfile  *profile,
                   const char                 *csv_path,
                   gboolean                    dry_run,
                   GCancellable               *cancellable,
                   GError                    **error)
{
  g_autoptr(PiloteImportResult) result = g_new0 (PiloteImportResult, 1);
  g_autoptr(PiloteCsvReader) reader = NULL;
  g_autoptr(GArray) mappings = g_array_new (FALSE, TRUE, sizeof (Mapping));
  g_autoptr(GHashTable) prices = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_autoptr(GError) local_error = NULL;
  Import im = { 0 };
  GPtrArray *notes = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (profile != NULL && csv_path != NULL, NULL);

  g_array_set_clear_func (mappings, clear_mapping);
  result->problems = g_ptr_array_new_with_free_func (problem_free);
  result->options = profile->options;

  if (!pilote_csv_detect (csv_path, &result->options, &notes, error))
    return NULL;
  result->notes = notes != NULL ? notes : g_ptr_array_new_with_free_func (g_free);
  if (result->options.decimal == 0)
    result->options.decimal = '.';

  reader = pilote_csv_reader_new (csv_path, &result->options, error);
  if (reader == NULL)
    return NULL;

  im.store = store;
  im.profile = profile;
  im.info = pilote_entity_get_info (profile->entity);
  im.reader = reader;
  im.result = result;
  im.options = result->options;
  im.mappings = mappings;
  im.product_prices = prices;
  im.digits = pilote_currency_digits (pilote_store_get_currency (store));

  if (!read_header (&im, error))
    return NULL;
  if (!begin_batch (&im, csv_path, error))
    return NULL;

  while (pilote_csv_reader_next (reader, &local_error))
    {
      result->rows++;
      process_row (&im);
      if (result->rows % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          pilote_store_rollback (store);
          g_free (im.group_key);
          return NULL;
        }
    }
  g_free (im.group_key);
  if (local_error != NULL)
    {
      /* a malformed file: nothing is written */
      pilote_store_rollback (store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!end_batch (&im, !dry_run && result->n_problems == 0, error))
    return NULL;
  result->batch_id = im.batch_id;
  return g_steal_pointer (&result);
}

/* Undo */

static gboolean
restore_updates (PiloteStore  *store,
                 gint64        batch_id,
                 GError      **error)
{
  g_autoptr(PiloteStmt) entries = NULL;
  gboolean has_row;

  entries = pilote_store_prepare (store,
                                  "SELECT a.table_name, a.row_id, j.key, j.value ->> 0"
                                  " FROM audit_entry a, json_each (a.changes) j"
                                  " WHERE a.batch_id = ? AND a.action = 'update'"
                                  " ORDER BY a.id DESC", error);
  if (entries == NULL)
    return FALSE;
  sqlite3_bind_int64 (entries, 1, batch_id);
  while (TRUE)
    {
      const char *table, *column;
      PiloteEntity entity;
      g_autofree char *sql = NULL;
      g_autoptr(PiloteStmt) restore = NULL;
      int rc = sqlite3_step (entries);

      has_row = rc == SQLITE_ROW;
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          pilote_store_set_sql_error (store, error);
          return FALSE;
        }
      if (!has_row)
        break;
      table = (const char *) sqlite3_column_text (entries, 0);
      column = (const char *) sqlite3_column_text (entries, 2);
      /* tables and columns come from the audit history: check them anyway */
      if (!pilote_entity_from_name (table, &entity) ||
          (!g_str_equal (column, "ref") &&
           pilote_entity_find_field (pilote_entity_get_info (entity), column) == NULL))
        continue;
      sql = g_strdup_printf ("UPDATE %s SET %s = ? WHERE id = ?",
                             pilote_entity_get_table (entity), column);
      restore = pilote_store_prepare (store, sql, error);
      if (restore == NULL)
        return FALSE;
      sqlite3_bind_value (restore, 1, sqlite3_column_value (entries, 3));
      sqlite3_bind_int64 (restore, 2, sqlite3_column_int64 (entries, 1));
      if (!pilote_store_step_done (store, restore, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * pilote_import_undo:
 *
 * Takes a whole import back: the records it added go, the records it
 * changed get their earlier values back, the lines it replaced return.
 * Refused when records added since refer to what it added.
 */
gboolean
pilote_import_undo (PiloteStore  *store,
                    gint64        batch_id,
                    GError      **error)
{
  static const char *const statements[] = {
    /* the lines the import replaced come back, the ones it added go */
    "UPDATE deal_line SET deleted_at = NULL WHERE id IN (SELECT row_id FROM audit_entry"
    "  WHERE batch_id = ?1 AND table_name = 'deal_line' AND action = 'delete')",
    "DELETE FROM deal_line WHERE id IN (SELECT row_id FROM audit_entry"
    "  WHERE batch_id = ?1 AND table_name = 'deal_line' AND action = 'insert')",
    /* the deals it added stop counting, so that clients are acquired again
     * from the deals that remain */
    "UPDATE deal SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id IN"
    "  (SELECT row_id FROM audit_entry WHERE batch_id = ?1 AND table_name = 'deal'"
    "  AND action = 'insert')",
    "REFRESH",
    "UPDATE client SET kind = 'prospect' WHERE kind = 'client' AND acquired_on IS NULL"
    "  AND id IN (SELECT d.client_id FROM audit_entry a JOIN deal d ON d.id = a.row_id"
    "  WHERE a.batch_id = ?1 AND a.table_name = 'deal')",
    "DELETE FROM stage_change WHERE batch_id = ?1 OR deal_id IN (SELECT row_id"
    "  FROM audit_entry WHERE batch_id = ?1 AND table_name = 'deal' AND action = 'insert')",
  };
  static const char *const tables[] = {
    "deal", "contact", "activity", "objective", "spend", "client", "product", "member", "team",
    "segment", "channel", "competitor", "lost_reason",
  };
  g_autoptr(PiloteStmt) check = NULL;
  g_autoptr(PiloteStmt) mark = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean has_row;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);

  if (!pilote_store_begin_write (store, error))
    return FALSE;

  check = pilote_store_prepare (store,
                                "SELECT undone_at FROM import_batch WHERE id = ?", error);
  if (check == NULL)
    goto fail;
  sqlite3_bind_int64 (check, 1, batch_id);
  has_row = sqlite3_step (check) == SQLITE_ROW;
  if (!has_row || sqlite3_column_type (check, 0) != SQLITE_NULL)
    {
      g_set_error (error, PILOTE_ERROR, has_row ? PILOTE_ERROR_CONFLICT : PILOTE_ERROR_NOT_FOUND,
                   has_row ? _("Import %" G_GINT64_FORMAT " was already undone.")
                           : _("There is no import %" G_GINT64_FORMAT " in this file."),
                   batch_id);
      goto fail;
    }
  g_clear_pointer (&check, pilote_stmt_release);

  if (!restore_updates (store, batch_id, error))
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autoptr(PiloteStmt) stmt = NULL;

      if (g_str_equal (statements[i], "REFRESH"))
        {
          if (!refresh_derived (store, batch_id, error))
            goto fail;
          continue;
        }
      stmt = pilote_store_prepare (store, statements[i], error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, batch_id);
      if (!pilote_store_step_done (store, stmt, error))
        goto fail;
    }
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql =
        g_strdup_printf ("DELETE FROM %s WHERE id IN (SELECT row_id FROM audit_entry"
                         " WHERE batch_id = ? AND table_name = '%s' AND action = 'insert')",
                         tables[i], tables[i]);
      g_autoptr(PiloteStmt) stmt = pilote_store_prepare (store, sql, error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, batch_id);
      if (!pilote_store_step_done (store, stmt, &local_error))
        {
          if (g_error_matches (local_error, PILOTE_ERROR, PILOTE_ERROR_INVALID))
            g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT,
                         _("This import cannot be undone: records added since refer to "
                           "records it brought in (%s). Delete those first."), tables[i]);
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          goto fail;
        }
    }
  mark = pilote_store_prepare (store,
                               "UPDATE import_batch SET undone_at ="
                               " strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?", error);
  if (mark == NULL)
    goto fail;
  sqlite3_bind_int64 (mark, 1, batch_id);
  if (!pilote_store_step_done (store, mark, error) ||
      !pilote_audit_write (store, "import_batch", batch_id, "delete", NULL, 0, error))
    goto fail;
  return pilote_store_commit (store, error);

fail:
  pilote_store_rollback (store);
  return FALSE;
}
