/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pilote-error.h"
#include "pilote-record-private.h"
#include "pilote-text.h"

/* Finding records: lists with filters, search, sort and paging, counts,
 * and look-ups by reference or name. Column names come from the entities'
 * descriptions, never from the caller; values are bound. */

static const char *const base_fields[] = {
  "id", "ref", "created_at", "updated_at", "updated_by", "version", "deleted_at",
};

static gboolean
resolve_column (const PiloteEntityInfo  *info,
                const char              *name,
                const PiloteField      **field,
                GError                 **error)
{
  *field = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (base_fields); i++)
    if (g_strcmp0 (name, base_fields[i]) == 0)
      return TRUE;
  *field = pilote_entity_find_field (info, name);
  if (*field != NULL)
    return TRUE;
  g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
               _("“%s” is not a field of %s."), name,
               g_dgettext (GETTEXT_PACKAGE, info->label));
  return FALSE;
}

static gboolean
field_is_text (const PiloteField *field,
               const char        *name)
{
  if (field == NULL)
    return !g_str_equal (name, "id") && !g_str_equal (name, "updated_by") &&
           !g_str_equal (name, "version");
  return field->type == PILOTE_FIELD_TEXT || field->type == PILOTE_FIELD_DATE ||
         field->type == PILOTE_FIELD_TIMESTAMP || field->type == PILOTE_FIELD_ENUM;
}

static char *
escape_like (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Builds the WHERE clause (with ? placeholders) and the list of values to
 * bind, in order: strings for text values, gint64 boxed otherwise. */
typedef struct {
  GString   *sql;
  GPtrArray *values;   /* GVariant* */
} Where;

static gboolean
build_where (const PiloteEntityInfo  *info,
             const PiloteQuery       *query,
             Where                   *where,
             GError                 **error)
{
  static const char *const ops[] = { "=", "<>", "<", "<=", ">", ">=", "IS NULL", "IS NOT NULL" };

  where->sql = g_string_new (NULL);
  where->values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  g_string_append (where->sql, " WHERE 1");
  if (query == NULL)
    {
      g_string_append (where->sql, " AND deleted_at IS NULL");
      return TRUE;
    }
  if (!query->include_deleted)
    g_string_append (where->sql, " AND deleted_at IS NULL");

  for (guint i = 0; i < query->n_filters; i++)
    {
      const PiloteFilter *filter = &query->filters[i];
      const PiloteField *field;

      g_return_val_if_fail (filter->op <= PILOTE_OP_NOT_NULL, FALSE);
      if (!resolve_column (info, filter->field, &field, error))
        return FALSE;
      g_string_append_printf (where->sql, " AND %s %s", filter->field, ops[filter->op]);
      if (filter->op == PILOTE_OP_IS_NULL || filter->op == PILOTE_OP_NOT_NULL)
        continue;
      g_string_append (where->sql, " ?");
      if (field_is_text (field, filter->field))
        {
          int value;

          if (field != NULL && field->type == PILOTE_FIELD_ENUM &&
              !pilote_record_enum_from_nick (field, filter->text, &value))
            {
              pilote_record_set_field_error (error, field, _("choose one of the proposed values."));
              return FALSE;
            }
          g_ptr_array_add (where->values,
                           g_variant_ref_sink (g_variant_new_string (filter->text != NULL
                                                                     ? filter->text : "")));
        }
      else
        g_ptr_array_add (where->values,
                         g_variant_ref_sink (g_variant_new_int64 (filter->number)));
    }

  if (query->search != NULL && *query->search != '\0')
    {
      g_auto(GStrv) words = g_strsplit_set (query->search, " \t", -1);

      for (guint w = 0; words[w] != NULL; w++)
        {
          g_autofree char *escaped = NULL;
          gboolean first = TRUE;

          if (*words[w] == '\0')
            continue;
          escaped = escape_like (words[w]);
          g_string_append (where->sql, " AND (");
          for (guint i = 0; i < info->n_fields; i++)
            {
              if (!(info->fields[i].flags & PILOTE_FIELD_SEARCH))
                continue;
              g_string_append_printf (where->sql, "%s%s LIKE '%%' || ? || '%%' ESCAPE '\\'",
                                      first ? "" : " OR ", info->fields[i].name);
              g_ptr_array_add (where->values, g_variant_ref_sink (g_variant_new_string (escaped)));
              first = FALSE;
            }
          if (first)
            g_string_append (where->sql, "1");
          g_string_append (where->sql, ")");
        }
    }
  return TRUE;
}

static void
bind_where (PiloteStmt *stmt,
            Where      *where)
{
  for (guint i = 0; i < where->values->len; i++)
    {
      GVariant *value = g_ptr_array_index (where->values, i);

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        sqlite3_bind_text (stmt, i + 1, g_variant_get_string (value, NULL), -1,
                           SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, i + 1, g_variant_get_int64 (value));
    }
}

static void
clear_where (Where *where)
{
  if (where->sql != NULL)
    g_string_free (where->sql, TRUE);
  g_clear_pointer (&where->values, g_ptr_array_unref);
}

/**
 * pilote_store_list:
 * @query: (nullable): filters, search, sort and page; %NULL lists every
 *   record that is not deleted, in the natural order
 *
 * Returns: (transfer full) (element-type PiloteRecord): the records, or
 *   %NULL on error (an unknown field, say)
 */
GPtrArray *
pilote_store_list (PiloteStore        *store,
                   PiloteEntity        entity,
                   const PiloteQuery  *query,
                   GError            **error)
{
  const PiloteEntityInfo *info;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GString) sql = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  Where where = { 0 };
  const char *sort;
  const PiloteField *sort_field = NULL;
  int rc;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (entity < PILOTE_N_ENTITIES, NULL);

  info = pilote_entity_get_info (entity);
  sort = query != NULL && query->sort_field != NULL ? query->sort_field : info->default_sort;
  if (!resolve_column (info, sort, &sort_field, error) ||
      !build_where (info, query, &where, error))
    {
      clear_where (&where);
      return NULL;
    }

  sql = g_string_new (pilote_record_sql (info, PILOTE_RECORD_SQL_SELECT));
  g_string_append (sql, where.sql->str);
  g_string_append_printf (sql, " ORDER BY %s%s %s, id %s", sort,
                          sort_field != NULL && sort_field->type == PILOTE_FIELD_TEXT
                            ? " COLLATE NOCASE" : "",
                          query != NULL && query->descending ? "DESC" : "ASC",
                          query != NULL && query->descending ? "DESC" : "ASC");
  if (query != NULL && query->limit > 0)
    g_string_append (sql, " LIMIT ? OFFSET ?");

  stmt = pilote_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    {
      clear_where (&where);
      return NULL;
    }
  bind_where (stmt, &where);
  if (query != NULL && query->limit > 0)
    {
      sqlite3_bind_int64 (stmt, where.values->len + 1, query->limit);
      sqlite3_bind_int64 (stmt, where.values->len + 2, query->offset);
    }
  clear_where (&where);

  records = g_ptr_array_new_with_free_func (pilote_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, pilote_record_read (stmt, info));
  if (rc != SQLITE_DONE)
    {
      pilote_store_set_sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&records);
}

/**
 * pilote_store_count:
 *
 * Returns: how many records @query would list without its limit and
 *   offset, or -1 on error
 */
gint64
pilote_store_count (PiloteStore        *store,
                    PiloteEntity        entity,
                    const PiloteQuery  *query,
                    GError            **error)
{
  const PiloteEntityInfo *info;
  g_autofree char *sql = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  Where where = { 0 };
  gint64 count = -1;

  g_return_val_if_fail (PILOTE_IS_STORE (store), -1);
  g_return_val_if_fail (entity < PILOTE_N_ENTITIES, -1);

  info = pilote_entity_get_info (entity);
  if (!build_where (info, query, &where, error))
    {
      clear_where (&where);
      return -1;
    }
  /* the table is the entity's; build_where () names only fields checked
   * against the entity's own (resolve_column ()), and binds every value */
  sql = g_strdup_printf ("SELECT count(*) FROM %s%s", info->table, where.sql->str);
  stmt = pilote_store_prepare (store, sql, error);
  if (stmt != NULL)
    {
      bind_where (stmt, &where);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        count = sqlite3_column_int64 (stmt, 0);
      else
        pilote_store_set_sql_error (store, error);
    }
  clear_where (&where);
  return count;
}

/* whether @column is the entity's name field */
static gboolean
is_name_field (const PiloteEntityInfo *info,
               const char             *column)
{
  for (guint i = 0; i < info->n_fields; i++)
    if ((info->fields[i].flags & PILOTE_FIELD_NAME) && g_str_equal (info->fields[i].name, column))
      return TRUE;
  return FALSE;
}

static gpointer
find_one (PiloteStore   *store,
          PiloteEntity   entity,
          const char    *column,
          const char    *value,
          GError       **error)
{
  const PiloteEntityInfo *info = pilote_entity_get_info (entity);
  g_autofree char *sql = NULL;
  g_autofree char *key = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  gboolean by_key = info->name_key && !g_str_equal (column, "ref");
  int rc;

  g_return_val_if_fail (g_str_equal (column, "ref") || is_name_field (info, column), NULL);

  if (by_key)
    {
      key = pilote_text_fold (value);
      if (key == NULL)
        return NULL;
      /* the index holds equal keys in id order: the first is the oldest */
      sql = g_strdup_printf ("%s WHERE name_key = ? AND deleted_at IS NULL LIMIT 1",
                             pilote_record_sql (info, PILOTE_RECORD_SQL_SELECT));
    }
  else
    /* references are identifiers, matched exactly (on their index); the
     * column is "ref" or the entity's name field (the only callers, below),
     * never user text, and the value is bound */
    sql = g_strdup_printf ("%s WHERE %s = ?%s AND deleted_at IS NULL LIMIT 1",
                           pilote_record_sql (info, PILOTE_RECORD_SQL_SELECT), column,
                           g_str_equal (column, "ref") ? "" : " COLLATE NOCASE");
  stmt = pilote_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, by_key ? key : value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return pilote_record_read (stmt, info);
  if (rc != SQLITE_DONE)
    pilote_store_set_sql_error (store, error);
  return NULL;
}

/**
 * pilote_store_find_by_ref:
 *
 * Returns: (transfer full) (nullable): the record that is not deleted and
 *   carries this external reference, or %NULL (with @error set only when
 *   reading failed)
 */
gpointer
pilote_store_find_by_ref (PiloteStore   *store,
                          PiloteEntity   entity,
                          const char    *ref,
                          GError       **error)
{
  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (entity < PILOTE_N_ENTITIES, NULL);
  g_return_val_if_fail (ref != NULL, NULL);

  return find_one (store, entity, "ref", ref, error);
}

/**
 * pilote_store_find_by_name:
 *
 * Returns: (transfer full) (nullable): the first record that is not
 *   deleted and whose name (title, subject…) is @name, ignoring case (and,
 *   for named records such as clients, accents and extra spaces)
 */
gpointer
pilote_store_find_by_name (PiloteStore   *store,
                           PiloteEntity   entity,
                           const char    *name,
                           GError       **error)
{
  const PiloteEntityInfo *info;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (entity < PILOTE_N_ENTITIES, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  info = pilote_entity_get_info (entity);
  for (guint i = 0; i < info->n_fields; i++)
    if (info->fields[i].flags & PILOTE_FIELD_NAME)
      return find_one (store, entity, info->fields[i].name, name, error);
  return NULL;
}

