/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pilote-csv.h"
#include "pilote-error.h"
#include "pilote-export.h"
#include "pilote-import-private.h"
#include "pilote-json.h"

/* CSV export of every entity, in the shape its import profile reads back
 * (links by name, deals one row per line), and of KPI tables. Rows stream
 * from SQL to the output; cells a spreadsheet would run are neutralised. */

typedef enum {
  COLUMN_PLAIN,     /* text, dates, enumerations: as stored */
  COLUMN_MONEY,
  COLUMN_NUMBER,
  COLUMN_INT,
} ColumnKind;

typedef struct {
  char       *header;
  char       *expression;
  ColumnKind  kind;
} Column;

gboolean
pilote_csv_dialect_from_name (const char       *name,
                              PiloteCsvDialect *dialect)
{
  if (g_ascii_strcasecmp (name, "standard") == 0 || g_ascii_strcasecmp (name, "utf-8") == 0)
    *dialect = PILOTE_CSV_DIALECT_STANDARD;
  else if (g_ascii_strcasecmp (name, "french") == 0 || g_ascii_strcasecmp (name, "fr") == 0)
    *dialect = PILOTE_CSV_DIALECT_FRENCH;
  else
    return FALSE;
  return TRUE;
}

static void
column_clear (gpointer data)
{
  Column *column = data;

  g_free (column->header);
  g_free (column->expression);
}

static const char *
name_column (PiloteEntity entity)
{
  const PiloteEntityInfo *info = pilote_entity_get_info (entity);

  for (guint i = 0; i < info->n_fields; i++)
    if (info->fields[i].flags & PILOTE_FIELD_NAME)
      return info->fields[i].name;
  return "id";
}

static void
add_column (GArray     *columns,
            const char *header,
            char       *expression,
            ColumnKind  kind)
{
  Column column = { g_strdup (header), expression, kind };

  g_array_append_val (columns, column);
}

/* a linked record as the import finds it back: deals by reference */
static char *
link_expression (const char   *alias,
                 const char   *column,
                 PiloteEntity  target)
{
  const char *table = pilote_entity_get_table (target);

  /* no user text: @alias and @column are this module's own (the columns of
   * the entity tables in pilote-entities.c), the table and its name column
   * come from the same tables */
  if (target == PILOTE_ENTITY_DEAL)
    return g_strdup_printf ("(SELECT coalesce (x.ref, 'deal-' || x.id) FROM deal x"
                            " WHERE x.id = %s.%s)", alias, column);
  return g_strdup_printf ("(SELECT x.%s FROM %s x WHERE x.id = %s.%s)", name_column (target),
                          table, alias, column);
}

static GArray *
entity_columns (PiloteEntity entity)
{
  const PiloteEntityInfo *info = pilote_entity_get_info (entity);
  GArray *columns = g_array_new (FALSE, TRUE, sizeof (Column));

  g_array_set_clear_func (columns, column_clear);
  add_column (columns, "ref",
              g_strdup (entity == PILOTE_ENTITY_DEAL ? "coalesce (t.ref, 'deal-' || t.id)"
                                                     : "t.ref"),
              COLUMN_PLAIN);
  for (guint i = 0; i < info->n_fields; i++)
    {
      const PiloteField *field = &info->fields[i];

      if (field->flags & PILOTE_FIELD_DERIVED)
        continue;
      switch (field->type)
        {
        case PILOTE_FIELD_LINK:
          {
            g_autofree char *header = g_strndup (field->name, strlen (field->name) - 3);

            add_column (columns, header, link_expression ("t", field->name, field->link),
                        COLUMN_PLAIN);
          }
          break;
        case PILOTE_FIELD_ID:
          add_column (columns, "scope_name",
                      g_strdup ("CASE t.scope WHEN 'team' THEN (SELECT name FROM team"
                                " WHERE id = t.scope_id) WHEN 'member' THEN (SELECT name"
                                " FROM member WHERE id = t.scope_id) END"),
                      COLUMN_PLAIN);
          break;
        case PILOTE_FIELD_MONEY:
          if (entity == PILOTE_ENTITY_DEAL_LINE &&
              (g_str_equal (field->name, "amount_given") ||
               g_str_equal (field->name, "cost_given")))
            break;
          add_column (columns, field->name, g_strdup_printf ("t.%s", field->name),
                      COLUMN_MONEY);
          break;
        case PILOTE_FIELD_REAL:
          add_column (columns, field->name, g_strdup_printf ("t.%s", field->name),
                      COLUMN_NUMBER);
          break;
        case PILOTE_FIELD_INT:
        case PILOTE_FIELD_BOOL:
          add_column (columns, field->name, g_strdup_printf ("t.%s", field->name),
                      COLUMN_INT);
          break;
        case PILOTE_FIELD_TEXT:
        case PILOTE_FIELD_DATE:
        case PILOTE_FIELD_TIMESTAMP:
        case PILOTE_FIELD_ENUM:
        default:
          add_column (columns, field->name, g_strdup_printf ("t.%s", field->name),
                      COLUMN_PLAIN);
          break;
        }
    }
  if (entity == PILOTE_ENTITY_DEAL_LINE)
    {
      add_column (columns, "line_amount", g_strdup ("t.amount"), COLUMN_MONEY);
      add_column (columns, "line_cost", g_strdup ("t.cost"), COLUMN_MONEY);
    }
  if (entity == PILOTE_ENTITY_DEAL)
    {
      /* one row per line, the deal's fields repeated */
      add_column (columns, "product", link_expression ("l", "product_id", PILOTE_ENTITY_PRODUCT),
                  COLUMN_PLAIN);
      add_column (columns, "quantity", g_strdup ("l.quantity"), COLUMN_NUMBER);
      add_column (columns, "unit_price", g_strdup ("l.unit_price"), COLUMN_MONEY);
      add_column (columns, "discount", g_strdup ("l.discount"), COLUMN_NUMBER);
      add_column (columns, "unit_cost", g_strdup ("l.unit_cost"), COLUMN_MONEY);
      add_column (columns, "line_amount", g_strdup ("l.amount"), COLUMN_MONEY);
      add_column (columns, "line_cost", g_strdup ("l.cost"), COLUMN_MONEY);
    }
  return columns;
}

/**
 * pilote_export_profile:
 *
 * Returns: (transfer full): the profile that imports back what
 *   pilote_export_entity () writes
 */
PiloteImportProfile *
pilote_export_profile (PiloteEntity     entity,
                       PiloteCsvDialect dialect)
{
  PiloteImportProfile *profile = pilote_import_profile_new (entity);
  g_autoptr(GArray) columns = entity_columns (entity);
  const PiloteEntityInfo *info = pilote_entity_get_info (entity);

  profile->options.delimiter = dialect == PILOTE_CSV_DIALECT_FRENCH ? ';' : ',';
  profile->options.decimal = dialect == PILOTE_CSV_DIALECT_FRENCH ? ',' : '.';
  profile->options.encoding = PILOTE_CSV_ENCODING_UTF8;
  profile->options.date_format = PILOTE_DATE_FORMAT_ISO;
  for (guint i = 0; i < columns->len; i++)
    {
      const char *header = g_array_index (columns, Column, i).header;

      pilote_import_profile_set_column (profile, header, header);
    }
  if (entity == PILOTE_ENTITY_DEAL)
    pilote_import_profile_set_group_by (profile, "ref");
  /* a team's manager is a member, imported after the teams */
  if (entity == PILOTE_ENTITY_TEAM)
    pilote_import_profile_set_create_missing (profile, "manager", TRUE);
  (void) info;
  return profile;
}

static char *
format_money (gint64            minor,
              const char       *currency,
              PiloteCsvDialect  dialect)
{
  char *text = pilote_money_to_major_string (minor, currency);

  if (dialect == PILOTE_CSV_DIALECT_FRENCH)
    g_strdelimit (text, ".", ',');
  return text;
}

static char *
format_number (double           value,
               PiloteCsvDialect dialect)
{
  g_autoptr(GString) text = g_string_new (NULL);

  pilote_json_append_number (text, value, 6);
  if (dialect == PILOTE_CSV_DIALECT_FRENCH)
    g_strdelimit (text->str, ".", ',');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
write_line (GOutputStream  *output,
            GString        *line,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  g_string_append (line, "\r\n");
  if (!g_output_stream_write_all (output, line->str, line->len, NULL, cancellable,
                                  &local_error))
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_IO,
                   _("The export could not be written: %s"), local_error->message);
      return FALSE;
    }
  g_string_truncate (line, 0);
  return TRUE;
}

static gboolean
write_start (GOutputStream     *output,
             PiloteCsvDialect   dialect,
             GCancellable      *cancellable,
             GError           **error)
{
  static const char bom[] = "\xEF\xBB\xBF";

  if (dialect == PILOTE_CSV_DIALECT_FRENCH &&
      !g_output_stream_write_all (output, bom, 3, NULL, cancellable, error))
    return FALSE;
  return TRUE;
}

/**
 * pilote_export_entity:
 * @rows: (out) (optional): how many rows were written
 *
 * Writes every record of @entity that is not deleted, as CSV with a header
 * line, in the columns its export profile imports back.
 */
gboolean
pilote_export_entity (PiloteStore       *store,
                      PiloteEntity       entity,
                      PiloteCsvDialect   dialect,
                      GOutputStream     *output,
                      guint64           *rows,
                      GCancellable      *cancellable,
                      GError           **error)
{
  g_autoptr(GArray) columns = entity_columns (entity);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(PiloteStmt) stmt = NULL;
  char delimiter = dialect == PILOTE_CSV_DIALECT_FRENCH ? ';' : ',';
  const char *table = pilote_entity_get_table (entity);
  guint64 count = 0;
  int rc;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);

  for (guint i = 0; i < columns->len; i++)
    {
      Column *column = &g_array_index (columns, Column, i);

      g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", column->expression);
      if (i > 0)
        g_string_append_c (line, delimiter);
      pilote_csv_append_field (line, column->header, delimiter);
    }
  g_string_append_printf (sql, " FROM %s t", table);
  if (entity == PILOTE_ENTITY_DEAL)
    g_string_append (sql, " LEFT JOIN deal_line l ON l.deal_id = t.id AND l.deleted_at IS NULL");
  g_string_append (sql, " WHERE t.deleted_at IS NULL ORDER BY t.id");
  if (entity == PILOTE_ENTITY_DEAL)
    g_string_append (sql, ", l.id");

  if (!write_start (output, dialect, cancellable, error) ||
      !write_line (output, line, cancellable, error))
    return FALSE;

  stmt = pilote_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint i = 0; i < columns->len; i++)
        {
          Column *column = &g_array_index (columns, Column, i);
          g_autofree char *value = NULL;

          if (i > 0)
            g_string_append_c (line, delimiter);
          if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
            continue;
          switch (column->kind)
            {
            case COLUMN_MONEY:
              value = format_money (sqlite3_column_int64 (stmt, i),
                                    pilote_store_get_currency (store), dialect);
              break;
            case COLUMN_NUMBER:
              value = format_number (sqlite3_column_double (stmt, i), dialect);
              break;
            case COLUMN_INT:
            case COLUMN_PLAIN:
            default:
              value = g_strdup ((const char *) sqlite3_column_text (stmt, i));
              break;
            }
          pilote_csv_append_field (line, value, delimiter);
        }
      if (!write_line (output, line, cancellable, error))
        return FALSE;
      count++;
    }
  if (rc != SQLITE_DONE)
    {
      pilote_store_set_sql_error (store, error);
      return FALSE;
    }
  if (rows != NULL)
    *rows = count;
  return TRUE;
}

/* KPI tables */

typedef enum { KIND_MONEY, KIND_COUNT, KIND_RATE, KIND_DAYS } FigureKind;

static const struct {
  const char *name;
  FigureKind  kind;
  gsize       offset;
} figure_fields[] = {
#define FIGURE(name, kind) { #name, kind, G_STRUCT_OFFSET (PiloteKpiFigures, name) }
  FIGURE (revenue, KIND_MONEY),
  FIGURE (cost, KIND_MONEY),
  FIGURE (gross_margin, KIND_MONEY),
  FIGURE (gross_margin_rate, KIND_RATE),
  FIGURE (deals_won, KIND_COUNT),
  FIGURE (deals_lost, KIND_COUNT),
  FIGURE (win_rate, KIND_RATE),
  FIGURE (clients_won, KIND_COUNT),
  FIGURE (new_clients, KIND_COUNT),
  FIGURE (spend, KIND_MONEY),
  FIGURE (cac, KIND_MONEY),
  FIGURE (avg_revenue_per_client, KIND_MONEY),
  FIGURE (avg_deal_size, KIND_MONEY),
  FIGURE (sales_cycle_days, KIND_DAYS),
  FIGURE (open_deals, KIND_COUNT),
  FIGURE (open_pipeline, KIND_MONEY),
  FIGURE (weighted_pipeline, KIND_MONEY),
#undef FIGURE
};

/**
 * pilote_kpi_figure_names:
 *
 * Returns: (transfer none): the names of the figures of #PiloteKpiFigures,
 *   in the order the exports write them
 */
const char *
pilote_kpi_figure_name (guint index)
{
  return index < G_N_ELEMENTS (figure_fields) ? figure_fields[index].name : NULL;
}

/**
 * pilote_kpi_figure_format:
 * @decimal: '.' or ','
 *
 * Returns: (transfer full) (nullable): figure @index of @figures as plain
 *   text: money in major units, rates as fractions to four decimals, days
 *   to two; %NULL where the figure has no value
 */
char *
pilote_kpi_figure_format (const PiloteKpiFigures *figures,
                          guint                   index,
                          const char             *currency,
                          char                    decimal)
{
  gconstpointer ptr;
  g_autoptr(GString) text = g_string_new (NULL);
  char *result;
  gint64 number;
  double real;

  g_return_val_if_fail (index < G_N_ELEMENTS (figure_fields), NULL);

  ptr = (const guint8 *) figures + figure_fields[index].offset;
  switch (figure_fields[index].kind)
    {
    case KIND_MONEY:
      number = *(const gint64 *) ptr;
      if (number == PILOTE_MONEY_NONE)
        return NULL;
      result = pilote_money_to_major_string (number, currency);
      break;
    case KIND_COUNT:
      number = *(const gint64 *) ptr;
      if (number < 0)
        return NULL;
      result = g_strdup_printf ("%" G_GINT64_FORMAT, number);
      break;
    case KIND_RATE:
    case KIND_DAYS:
    default:
      real = *(const double *) ptr;
      if (!isfinite (real))
        return NULL;
      pilote_json_append_number (text, real, figure_fields[index].kind == KIND_RATE ? 4 : 2);
      result = g_string_free (g_steal_pointer (&text), FALSE);
      break;
    }
  if (decimal == ',')
    g_strdelimit (result, ".", ',');
  return result;
}

static void
append_kpi_row (GString                *line,
                const char             *key,
                const PiloteKpiFigures *figures,
                const char             *currency,
                PiloteCsvDialect        dialect)
{
  char delimiter = dialect == PILOTE_CSV_DIALECT_FRENCH ? ';' : ',';

  pilote_csv_append_field (line, key, delimiter);
  for (guint i = 0; i < G_N_ELEMENTS (figure_fields); i++)
    {
      g_autofree char *value = pilote_kpi_figure_format (figures, i, currency,
                                                         dialect == PILOTE_CSV_DIALECT_FRENCH
                                                           ? ',' : '.');

      g_string_append_c (line, delimiter);
      pilote_csv_append_field (line, value, delimiter);
    }
}

/**
 * pilote_export_kpi:
 *
 * Writes a KPI table: a header line, one line per breakdown row, then a
 * "total" line.
 */
gboolean
pilote_export_kpi (const PiloteKpiReport  *report,
                   PiloteCsvDialect        dialect,
                   GOutputStream          *output,
                   GError                **error)
{
  g_autoptr(GString) line = g_string_new (NULL);
  char delimiter = dialect == PILOTE_CSV_DIALECT_FRENCH ? ';' : ',';

  g_return_val_if_fail (report != NULL, FALSE);

  if (!write_start (output, dialect, NULL, error))
    return FALSE;
  pilote_csv_append_field (line, report->dimension != PILOTE_DIMENSION_NONE
                                   ? pilote_dimension_get_name (report->dimension) : "key",
                           delimiter);
  for (guint i = 0; i < G_N_ELEMENTS (figure_fields); i++)
    {
      g_string_append_c (line, delimiter);
      g_string_append (line, figure_fields[i].name);
    }
  if (!write_line (output, line, NULL, error))
    return FALSE;
  for (guint i = 0; i < report->rows->len; i++)
    {
      const PiloteKpiRow *row = g_ptr_array_index (report->rows, i);

      append_kpi_row (line, row->key, &row->figures, report->currency, dialect);
      if (!write_line (output, line, NULL, error))
        return FALSE;
    }
  append_kpi_row (line, "total", &report->totals, report->currency, dialect);
  return write_line (output, line, NULL, error);
}
