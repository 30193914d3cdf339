/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pilote-error.h"
#include "pilote-json.h"
#include "pilote-record-private.h"
#include "pilote-text.h"

/* Reading and writing records of every entity from their description
 * (pilote-entities.c). Column names come from the descriptions, never from
 * the caller; values are always bound. */

#define NOW_SQL "strftime('%Y-%m-%dT%H:%M:%fZ','now')"
#define BASE_COLUMNS "id, ref, created_at, updated_at, updated_by, version, deleted_at"
#define N_BASE_COLUMNS 7

/* Records in memory */

gpointer
pilote_record_new (PiloteEntity entity)
{
  const PiloteEntityInfo *info = pilote_entity_get_info (entity);
  PiloteRecord *record;

  g_return_val_if_fail (info != NULL, NULL);

  record = g_malloc0 (info->size);
  record->entity = entity;
  for (guint i = 0; i < info->n_fields; i++)
    {
      const PiloteField *field = &info->fields[i];
      gpointer ptr = PILOTE_FIELD_PTR (record, field);

      if (field->type == PILOTE_FIELD_REAL)
        *(double *) ptr = (field->flags & PILOTE_FIELD_REQUIRED) ? 0.0 : NAN;
      else if (field->type == PILOTE_FIELD_BOOL)
        *(gboolean *) ptr = TRUE;
      else if (field->flags & PILOTE_FIELD_NULLABLE)
        *(gint64 *) ptr = G_MININT64;
    }
  if (entity == PILOTE_ENTITY_DEAL_LINE)
    ((PiloteDealLine *) record)->quantity = 1.0;
  return record;
}

void
pilote_record_free (gpointer data)
{
  PiloteRecord *record = data;
  const PiloteEntityInfo *info;

  if (record == NULL)
    return;
  info = pilote_entity_get_info (record->entity);
  g_free (record->ref);
  g_free (record->created_at);
  g_free (record->updated_at);
  g_free (record->deleted_at);
  for (guint i = 0; i < info->n_fields; i++)
    {
      const PiloteField *field = &info->fields[i];

      if (field->type == PILOTE_FIELD_TEXT || field->type == PILOTE_FIELD_DATE ||
          field->type == PILOTE_FIELD_TIMESTAMP)
        g_free (*(char **) PILOTE_FIELD_PTR (record, field));
    }
  g_free (record);
}

gpointer
pilote_record_copy (gconstpointer data)
{
  const PiloteRecord *record = data;
  const PiloteEntityInfo *info;
  PiloteRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);

  info = pilote_entity_get_info (record->entity);
  copy = g_memdup2 (record, info->size);
  copy->ref = g_strdup (record->ref);
  copy->created_at = g_strdup (record->created_at);
  copy->updated_at = g_strdup (record->updated_at);
  copy->deleted_at = g_strdup (record->deleted_at);
  for (guint i = 0; i < info->n_fields; i++)
    {
      const PiloteField *field = &info->fields[i];

      if (field->type == PILOTE_FIELD_TEXT || field->type == PILOTE_FIELD_DATE ||
          field->type == PILOTE_FIELD_TIMESTAMP)
        {
          char **ptr = PILOTE_FIELD_PTR (copy, field);
          *ptr = g_strdup (*ptr);
        }
    }
  return copy;
}

/* Values of fields */

/* the class of an enumeration, referenced once and kept: looking it up
 * again takes no lock */
static GEnumClass *
enum_class (const PiloteField *field)
{
  GType type = field->enum_type ();
  GEnumClass *klass = g_type_class_peek_static (type);

  return klass != NULL ? klass : g_type_class_ref (type);
}

static const char *
enum_to_nick (const PiloteField *field,
              int                value)
{
  GEnumValue *ev = g_enum_get_value (enum_class (field), value);

  return ev != NULL ? ev->value_nick : NULL;
}

gboolean
pilote_record_enum_from_nick (const PiloteField *field,
                const char        *nick,
                int               *value)
{
  GEnumClass *klass = enum_class (field);
  GEnumValue *ev = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  if (ev == NULL)
    return FALSE;
  *value = ev->value;
  return TRUE;
}

/* The value of a field as it is stored, as text (NULL for SQL NULL), for
 * comparisons and the audit history. */
static char *
field_to_string (gconstpointer      record,
                 const PiloteField *field)
{
  gconstpointer ptr = PILOTE_FIELD_PTR (record, field);
  gint64 number;
  double real;

  switch (field->type)
    {
    case PILOTE_FIELD_TEXT:
    case PILOTE_FIELD_DATE:
    case PILOTE_FIELD_TIMESTAMP:
      return g_strdup (*(char *const *) ptr);
    case PILOTE_FIELD_INT:
    case PILOTE_FIELD_MONEY:
      number = *(const gint64 *) ptr;
      if ((field->flags & PILOTE_FIELD_NULLABLE) && number == G_MININT64)
        return NULL;
      return g_strdup_printf ("%" G_GINT64_FORMAT, number);
    case PILOTE_FIELD_LINK:
    case PILOTE_FIELD_ID:
      number = *(const gint64 *) ptr;
      return number > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, number) : NULL;
    case PILOTE_FIELD_BOOL:
      return g_strdup (*(const gboolean *) ptr ? "1" : "0");
    case PILOTE_FIELD_REAL:
      real = *(const double *) ptr;
      if (isnan (real))
        return NULL;
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, real));
      }
    case PILOTE_FIELD_ENUM:
      return g_strdup (enum_to_nick (field, *(const int *) ptr));
    default:
      g_assert_not_reached ();
    }
}

static void
bind_field (PiloteStmt        *stmt,
            int                index,
            gconstpointer      record,
            const PiloteField *field)
{
  gconstpointer ptr = PILOTE_FIELD_PTR (record, field);

  switch (field->type)
    {
    case PILOTE_FIELD_INT:
    case PILOTE_FIELD_MONEY:
      if ((field->flags & PILOTE_FIELD_NULLABLE) && *(const gint64 *) ptr == G_MININT64)
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_int64 (stmt, index, *(const gint64 *) ptr);
      break;
    case PILOTE_FIELD_LINK:
    case PILOTE_FIELD_ID:
      pilote_bind_id (stmt, index, *(const gint64 *) ptr);
      break;
    case PILOTE_FIELD_BOOL:
      sqlite3_bind_int (stmt, index, *(const gboolean *) ptr ? 1 : 0);
      break;
    case PILOTE_FIELD_REAL:
      if (isnan (*(const double *) ptr))
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_double (stmt, index, *(const double *) ptr);
      break;
    case PILOTE_FIELD_TEXT:
    case PILOTE_FIELD_DATE:
    case PILOTE_FIELD_TIMESTAMP:
      pilote_bind_text (stmt, index, *(char *const *) ptr);
      break;
    case PILOTE_FIELD_ENUM:
      pilote_bind_text (stmt, index, enum_to_nick (field, *(const int *) ptr));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
read_field (PiloteStmt        *stmt,
            int                column,
            gpointer           record,
            const PiloteField *field)
{
  gpointer ptr = PILOTE_FIELD_PTR (record, field);
  gboolean null = sqlite3_column_type (stmt, column) == SQLITE_NULL;
  int value = 0;

  switch (field->type)
    {
    case PILOTE_FIELD_INT:
    case PILOTE_FIELD_MONEY:
      *(gint64 *) ptr = null && (field->flags & PILOTE_FIELD_NULLABLE)
                          ? G_MININT64
                          : sqlite3_column_int64 (stmt, column);
      break;
    case PILOTE_FIELD_LINK:
    case PILOTE_FIELD_ID:
      *(gint64 *) ptr = sqlite3_column_int64 (stmt, column);
      break;
    case PILOTE_FIELD_BOOL:
      *(gboolean *) ptr = sqlite3_column_int (stmt, column) != 0;
      break;
    case PILOTE_FIELD_REAL:
      *(double *) ptr = null ? NAN : sqlite3_column_double (stmt, column);
      break;
    case PILOTE_FIELD_TEXT:
    case PILOTE_FIELD_DATE:
    case PILOTE_FIELD_TIMESTAMP:
      g_free (*(char **) ptr);
      *(char **) ptr = pilote_column_dup (stmt, column);
      break;
    case PILOTE_FIELD_ENUM:
      pilote_record_enum_from_nick (field, (const char *) sqlite3_column_text (stmt, column), &value);
      *(int *) ptr = value;
      break;
    default:
      g_assert_not_reached ();
    }
}

gpointer
pilote_record_read (PiloteStmt             *stmt,
             const PiloteEntityInfo *info)
{
  PiloteRecord *record = pilote_record_new (info->entity);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->ref = pilote_column_dup (stmt, 1);
  record->created_at = pilote_column_dup (stmt, 2);
  record->updated_at = pilote_column_dup (stmt, 3);
  record->updated_by = sqlite3_column_int64 (stmt, 4);
  record->version = sqlite3_column_int64 (stmt, 5);
  record->deleted_at = pilote_column_dup (stmt, 6);
  for (guint i = 0; i < info->n_fields; i++)
    read_field (stmt, N_BASE_COLUMNS + i, record, &info->fields[i]);
  return record;
}

/* Validation */

void
pilote_record_set_field_error (GError            **error,
                 const PiloteField  *field,
                 const char         *message)
{
  /* Translators: a field's name, then what is wrong with it */
  g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID, _("%s: %s"),
               g_dgettext (GETTEXT_PACKAGE, field->label), message);
}

static gboolean
normalize_timestamp (char **text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) in_utc = NULL;
  GDate date;

  if (pilote_date_parse_iso (*text, &date))
    dt = g_date_time_new (utc, g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date), 0, 0, 0);
  else
    dt = g_date_time_new_from_iso8601 (*text, utc);
  if (dt == NULL)
    return FALSE;
  in_utc = g_date_time_to_utc (dt);
  g_free (*text);
  *text = g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%S.000Z");
  return TRUE;
}

static gboolean
validate_field (PiloteStore        *store,
                gpointer            record,
                const PiloteField  *field,
                gboolean            check_links,
                GError            **error)
{
  gpointer ptr = PILOTE_FIELD_PTR (record, field);
  gboolean required = (field->flags & PILOTE_FIELD_REQUIRED) != 0;
  char **text = ptr;
  GDate date;
  int nick_value;

  switch (field->type)
    {
    case PILOTE_FIELD_TEXT:
    case PILOTE_FIELD_DATE:
    case PILOTE_FIELD_TIMESTAMP:
      if (*text != NULL)
        {
          g_strstrip (*text);
          if (**text == '\0')
            g_clear_pointer (text, g_free);
        }
      if (*text == NULL)
        {
          if (required)
            {
              pilote_record_set_field_error (error, field, _("this field cannot be empty."));
              return FALSE;
            }
          return TRUE;
        }
      if (!g_utf8_validate (*text, -1, NULL))
        {
          pilote_record_set_field_error (error, field, _("the text is not valid UTF-8."));
          return FALSE;
        }
      if (field->type == PILOTE_FIELD_DATE && !pilote_date_parse_iso (*text, &date))
        {
          pilote_record_set_field_error (error, field, _("type a date as YYYY-MM-DD."));
          return FALSE;
        }
      if (field->type == PILOTE_FIELD_TIMESTAMP && !normalize_timestamp (text))
        {
          pilote_record_set_field_error (error, field, _("type a date and time as YYYY-MM-DD HH:MM."));
          return FALSE;
        }
      return TRUE;

    case PILOTE_FIELD_REAL:
      {
        double value = *(double *) ptr;

        if (isnan (value) && required)
          {
            pilote_record_set_field_error (error, field, _("this field cannot be empty."));
            return FALSE;
          }
        if (!isnan (value) && !isfinite (value))
          {
            pilote_record_set_field_error (error, field, _("type a number."));
            return FALSE;
          }
        if ((field->flags & PILOTE_FIELD_FRACTION) && !isnan (value) &&
            (value < 0.0 || value > 1.0))
          {
            pilote_record_set_field_error (error, field, _("type a percentage between 0 and 100."));
            return FALSE;
          }
        return TRUE;
      }

    case PILOTE_FIELD_LINK:
      {
        gint64 id = *(gint64 *) ptr;
        g_autoptr(PiloteRecord) target = NULL;

        if (id <= 0)
          {
            *(gint64 *) ptr = 0;
            if (required)
              {
                pilote_record_set_field_error (error, field, _("choose a record."));
                return FALSE;
              }
            return TRUE;
          }
        if (!check_links)
          return TRUE;
        target = pilote_store_get (store, field->link, id, NULL);
        if (target == NULL || target->deleted_at != NULL)
          {
            pilote_record_set_field_error (error, field, _("the chosen record does not exist any more."));
            return FALSE;
          }
        return TRUE;
      }

    case PILOTE_FIELD_ENUM:
      if (enum_to_nick (field, *(int *) ptr) == NULL ||
          !pilote_record_enum_from_nick (field, enum_to_nick (field, *(int *) ptr), &nick_value))
        {
          pilote_record_set_field_error (error, field, _("choose one of the proposed values."));
          return FALSE;
        }
      return TRUE;

    case PILOTE_FIELD_INT:
    case PILOTE_FIELD_MONEY:
    case PILOTE_FIELD_BOOL:
    case PILOTE_FIELD_ID:
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
validate_record (PiloteStore             *store,
                 const PiloteEntityInfo  *info,
                 gpointer                 record,
                 gconstpointer            old,
                 gboolean                 check_links,
                 GError                 **error)
{
  PiloteRecord *base = record;

  if (base->ref != NULL)
    {
      g_strstrip (base->ref);
      if (*base->ref == '\0')
        g_clear_pointer (&base->ref, g_free);
    }
  for (guint i = 0; i < info->n_fields; i++)
    if (!(info->fields[i].flags & PILOTE_FIELD_DERIVED) &&
        !validate_field (store, record, &info->fields[i], check_links, error))
      return FALSE;
  if (info->prepare != NULL && !info->prepare (store, record, old, error))
    return FALSE;
  return TRUE;
}

/* Audit history */

gboolean
pilote_audit_write (PiloteStore   *store,
                    const char    *table,
                    gint64         row_id,
                    const char    *action,
                    const char    *changes,
                    gint64         batch_id,
                    GError       **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;

  stmt = pilote_store_prepare (store,
                               "INSERT INTO audit_entry (table_name, row_id, action, changes,"
                               " changed_by, batch_id) VALUES (?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, row_id);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_STATIC);
  pilote_bind_text (stmt, 4, changes);
  pilote_bind_id (stmt, 5, pilote_store_get_member_id (store));
  pilote_bind_id (stmt, 6, batch_id);
  return pilote_store_step_done (store, stmt, error);
}

/* {"field": [old, new], …} for the fields that differ; NULL when none do */
static char *
describe_changes (const PiloteEntityInfo *info,
                  gconstpointer           old,
                  gconstpointer           record)
{
  g_autoptr(GString) json = g_string_new ("{");
  gboolean any = FALSE;
  g_autofree char *old_ref = old != NULL ? g_strdup (((const PiloteRecord *) old)->ref) : NULL;
  const char *new_ref = ((const PiloteRecord *) record)->ref;

  if (g_strcmp0 (old_ref, new_ref) != 0)
    {
      pilote_json_append_string (json, "ref");
      g_string_append (json, ": [");
      pilote_json_append_string (json, old_ref);
      g_string_append (json, ", ");
      pilote_json_append_string (json, new_ref);
      g_string_append_c (json, ']');
      any = TRUE;
    }
  for (guint i = 0; i < info->n_fields; i++)
    {
      g_autofree char *before = old != NULL ? field_to_string (old, &info->fields[i]) : NULL;
      g_autofree char *after = field_to_string (record, &info->fields[i]);

      if (g_strcmp0 (before, after) == 0)
        continue;
      if (any)
        g_string_append (json, ", ");
      pilote_json_append_string (json, info->fields[i].name);
      g_string_append (json, ": [");
      pilote_json_append_string (json, before);
      g_string_append (json, ", ");
      pilote_json_append_string (json, after);
      g_string_append_c (json, ']');
      any = TRUE;
    }
  g_string_append_c (json, '}');
  return any ? g_string_free (g_steal_pointer (&json), FALSE) : NULL;
}

/* the fields written by insert and update: all but the derived ones, except
 * a deal's status, which its prepare hook derives from the stage */
static inline gboolean
field_is_written (const PiloteField *field)
{
  return !(field->flags & PILOTE_FIELD_DERIVED) || g_str_equal (field->name, "status");
}

/* SQL text, built once per entity from its description */


const char *
pilote_record_sql (const PiloteEntityInfo *info,
            PiloteRecordSql                 kind)
{
  static char *cache[PILOTE_N_ENTITIES][PILOTE_RECORD_N_SQL];
  static GMutex lock;
  g_autoptr(GMutexLocker) locker = NULL;
  GString *sql;
  guint n = 0;
  const char *cached = g_atomic_pointer_get (&cache[info->entity][kind]);

  if (cached != NULL)
    return cached;
  locker = g_mutex_locker_new (&lock);
  if (cache[info->entity][kind] != NULL)
    return cache[info->entity][kind];

  switch (kind)
    {
    case PILOTE_RECORD_SQL_SELECT:
      sql = g_string_new ("SELECT " BASE_COLUMNS);
      for (guint i = 0; i < info->n_fields; i++)
        g_string_append_printf (sql, ", %s", info->fields[i].name);
      g_string_append_printf (sql, " FROM %s", info->table);
      break;

    case PILOTE_RECORD_SQL_INSERT:
      sql = g_string_new (NULL);
      g_string_append_printf (sql, "INSERT INTO %s (ref, updated_by", info->table);
      for (guint i = 0; i < info->n_fields; i++)
        if (field_is_written (&info->fields[i]))
          {
            g_string_append_printf (sql, ", %s", info->fields[i].name);
            n++;
          }
      if (info->name_key)
        {
          g_string_append (sql, ", name_key");
          n++;
        }
      g_string_append (sql, ") VALUES (?, ?");
      for (guint i = 0; i < n; i++)
        g_string_append (sql, ", ?");
      g_string_append (sql, ")");
      break;

    case PILOTE_RECORD_SQL_UPDATE:
      sql = g_string_new (NULL);
      g_string_append_printf (sql,
                              "UPDATE %s SET ref = ?, updated_by = ?, updated_at = %s"
                              ", version = version + 1",
                              info->table, NOW_SQL);
      for (guint i = 0; i < info->n_fields; i++)
        if (field_is_written (&info->fields[i]))
          g_string_append_printf (sql, ", %s = ?", info->fields[i].name);
      if (info->name_key)
        g_string_append (sql, ", name_key = ?");
      g_string_append (sql, " WHERE id = ? AND version = ? AND deleted_at IS NULL");
      break;

    case PILOTE_RECORD_N_SQL:
    default:
      g_assert_not_reached ();
    }

  g_atomic_pointer_set (&cache[info->entity][kind], g_string_free (sql, FALSE));
  return cache[info->entity][kind];
}

static const PiloteField *
name_field (const PiloteEntityInfo *info)
{
  for (guint i = 0; i < info->n_fields; i++)
    if (info->fields[i].flags & PILOTE_FIELD_NAME)
      return &info->fields[i];
  return NULL;
}

static int
bind_writable_fields (PiloteStmt             *stmt,
                      int                     first,
                      const PiloteEntityInfo *info,
                      gconstpointer           record)
{
  int index = first;

  for (guint i = 0; i < info->n_fields; i++)
    if (field_is_written (&info->fields[i]))
      bind_field (stmt, index++, record, &info->fields[i]);
  if (info->name_key)
    {
      const PiloteField *field = name_field (info);
      g_autofree char *key = pilote_text_fold (*(char **) PILOTE_FIELD_PTR (record, field));

      pilote_bind_text (stmt, index++, key);
    }
  return index;
}

/* Reading */

static gpointer
get_record (PiloteStore             *store,
            const PiloteEntityInfo  *info,
            gint64                   id,
            GError                 **error)
{
  g_autofree char *sql = g_strconcat (pilote_record_sql (info, PILOTE_RECORD_SQL_SELECT), " WHERE id = ?", NULL);
  g_autoptr(PiloteStmt) stmt = pilote_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return pilote_record_read (stmt, info);
  if (rc == SQLITE_DONE)
    g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_FOUND,
                 _("The record does not exist. Someone may have deleted it."));
  else
    pilote_store_set_sql_error (store, error);
  return NULL;
}

/**
 * pilote_store_get:
 * @entity: the kind of record
 * @id: its id
 *
 * Reads one record, soft-deleted or not (look at its `deleted_at`).
 *
 * Returns: (transfer full): the record (a #PiloteClient for
 *   %PILOTE_ENTITY_CLIENT…), or %NULL with %PILOTE_ERROR_NOT_FOUND
 */
gpointer
pilote_store_get (PiloteStore   *store,
                  PiloteEntity   entity,
                  gint64         id,
                  GError       **error)
{
  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (entity < PILOTE_N_ENTITIES, NULL);

  return get_record (store, pilote_entity_get_info (entity), id, error);
}

/* Writing */

static gboolean
finish_write (PiloteStore             *store,
              const PiloteEntityInfo  *info,
              gconstpointer            old,
              PiloteRecord            *record,
              const char              *action,
              GError                 **error)
{
  g_autoptr(PiloteRecord) fresh = NULL;
  g_autofree char *changes = NULL;

  /* read back what the database holds: timestamps, version, derived data */
  fresh = get_record (store, info, record->id, error);
  if (fresh == NULL)
    return FALSE;
  if (info->after_write != NULL && !info->after_write (store, old, fresh, error))
    return FALSE;
  if (info->after_write != NULL)
    {
      pilote_record_free (fresh);
      fresh = get_record (store, info, record->id, error);
      if (fresh == NULL)
        return FALSE;
    }

  if (g_str_equal (action, "insert") || g_str_equal (action, "update"))
    changes = describe_changes (info, old, fresh);
  if (!pilote_audit_write (store, info->table, record->id, action, changes, 0, error))
    return FALSE;

  /* hand the caller the stored state; its old strings go with `fresh` */
  {
    g_autofree guint8 *swap = g_memdup2 (record, info->size);

    memcpy (record, fresh, info->size);
    memcpy (fresh, swap, info->size);
  }
  return TRUE;
}

/**
 * pilote_store_insert:
 * @record: a new record, from pilote_record_new () or pilote_<thing>_new ()
 *
 * Writes a new record in one transaction, with its audit entry and the
 * data derived from it. On success @record holds what was stored (its
 * id, version 1, timestamps, derived fields).
 */
gboolean
pilote_store_insert (PiloteStore  *store,
                     gpointer      data,
                     GError      **error)
{
  PiloteRecord *record = data;
  const PiloteEntityInfo *info;
  g_autoptr(PiloteStmt) stmt = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (record->id == 0, FALSE);

  info = pilote_entity_get_info (record->entity);
  if (!pilote_store_begin_write (store, error))
    return FALSE;
  if (!validate_record (store, info, record, NULL, TRUE, error))
    goto fail;

  stmt = pilote_store_prepare (store, pilote_record_sql (info, PILOTE_RECORD_SQL_INSERT), error);
  if (stmt == NULL)
    goto fail;
  pilote_bind_text (stmt, 1, record->ref);
  pilote_bind_id (stmt, 2, pilote_store_get_member_id (store));
  bind_writable_fields (stmt, 3, info, record);
  if (!pilote_store_step_done (store, stmt, error))
    goto fail;
  record->id = sqlite3_last_insert_rowid (pilote_store_get_db (store));

  if (!finish_write (store, info, NULL, record, "insert", error))
    goto fail;
  if (!pilote_store_commit (store, error))
    goto fail_committed;
  return TRUE;

fail:
  pilote_store_rollback (store);
fail_committed:
  record->id = 0;
  return FALSE;
}

static gboolean
explain_missed_write (PiloteStore             *store,
                      const PiloteEntityInfo  *info,
                      gint64                   id,
                      GError                 **error)
{
  g_autoptr(PiloteRecord) current = get_record (store, info, id, error);

  if (current == NULL)
    return FALSE;
  if (current->deleted_at != NULL)
    g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT,
                 _("Someone else deleted this record while you were editing it."));
  else
    g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT,
                 _("Someone else changed this record while you were editing it. "
                   "Reload it, then make your changes again."));
  return FALSE;
}

/**
 * pilote_store_update:
 * @record: a record read from the store, then changed
 *
 * Saves @record if nobody changed it since it was read (its version still
 * matches); fails with %PILOTE_ERROR_CONFLICT otherwise, changing nothing.
 * On success @record holds what was stored, with its new version.
 */
gboolean
pilote_store_update (PiloteStore  *store,
                     gpointer      data,
                     GError      **error)
{
  PiloteRecord *record = data;
  const PiloteEntityInfo *info;
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autoptr(PiloteRecord) old = NULL;
  int index;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL && record->id > 0, FALSE);

  info = pilote_entity_get_info (record->entity);
  if (!pilote_store_begin_write (store, error))
    return FALSE;

  old = get_record (store, info, record->id, error);
  if (old == NULL)
    goto fail;
  if (old->version != record->version || old->deleted_at != NULL)
    {
      explain_missed_write (store, info, record->id, error);
      goto fail;
    }
  if (!validate_record (store, info, record, old, TRUE, error))
    goto fail;

  stmt = pilote_store_prepare (store, pilote_record_sql (info, PILOTE_RECORD_SQL_UPDATE), error);
  if (stmt == NULL)
    goto fail;
  pilote_bind_text (stmt, 1, record->ref);
  pilote_bind_id (stmt, 2, pilote_store_get_member_id (store));
  index = bind_writable_fields (stmt, 3, info, record);
  sqlite3_bind_int64 (stmt, index, record->id);
  sqlite3_bind_int64 (stmt, index + 1, record->version);
  if (!pilote_store_step_done (store, stmt, error))
    goto fail;
  if (sqlite3_changes (pilote_store_get_db (store)) != 1)
    {
      explain_missed_write (store, info, record->id, error);
      goto fail;
    }

  if (!finish_write (store, info, old, record, "update", error))
    goto fail;
  return pilote_store_commit (store, error);

fail:
  pilote_store_rollback (store);
  return FALSE;
}

static gboolean
set_deleted (PiloteStore   *store,
             PiloteEntity   entity,
             gint64         id,
             gint64         version,
             gboolean       deleted,
             GError       **error)
{
  const PiloteEntityInfo *info = pilote_entity_get_info (entity);
  g_autoptr(PiloteRecord) old = NULL;
  g_autoptr(PiloteRecord) record = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *sql = NULL;

  if (!pilote_store_begin_write (store, error))
    return FALSE;

  old = get_record (store, info, id, error);
  if (old == NULL)
    goto fail;
  if (deleted && (old->deleted_at != NULL || old->version != version))
    {
      explain_missed_write (store, info, id, error);
      goto fail;
    }
  if (!deleted && old->deleted_at == NULL)
    {
      /* nothing to restore */
      pilote_store_rollback (store);
      return TRUE;
    }

  sql = g_strdup_printf ("UPDATE %s SET deleted_at = %s, updated_at = %s,"
                         " updated_by = ?, version = version + 1 WHERE id = ?",
                         info->table, deleted ? NOW_SQL : "NULL", NOW_SQL);
  stmt = pilote_store_prepare (store, sql, error);
  if (stmt == NULL)
    goto fail;
  pilote_bind_id (stmt, 1, pilote_store_get_member_id (store));
  sqlite3_bind_int64 (stmt, 2, id);
  if (!pilote_store_step_done (store, stmt, error))
    goto fail;

  record = pilote_record_copy (old);
  if (!finish_write (store, info, old, record, deleted ? "delete" : "restore", error))
    goto fail;
  return pilote_store_commit (store, error);

fail:
  pilote_store_rollback (store);
  return FALSE;
}

/**
 * pilote_store_delete:
 * @version: the version of the record the user saw
 *
 * Deletes a record softly (it can be restored: "Undo"), if nobody changed
 * it since it was read.
 */
gboolean
pilote_store_delete (PiloteStore   *store,
                     PiloteEntity   entity,
                     gint64         id,
                     gint64         version,
                     GError       **error)
{
  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (entity < PILOTE_N_ENTITIES, FALSE);

  return set_deleted (store, entity, id, version, TRUE, error);
}

/**
 * pilote_store_restore:
 *
 * Brings back a soft-deleted record (the "Undo" of a delete).
 */
gboolean
pilote_store_restore (PiloteStore   *store,
                      PiloteEntity   entity,
                      gint64         id,
                      GError       **error)
{
  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (entity < PILOTE_N_ENTITIES, FALSE);

  return set_deleted (store, entity, id, 0, FALSE, error);
}

/* Writing many records at once (imports) */

/**
 * pilote_record_prepare_write:
 * @old: (nullable): the stored record when @record updates it
 *
 * Checks and completes @record as a write would, without looking up the
 * records it links to (the caller found them).
 */
gboolean
pilote_record_prepare_write (PiloteStore    *store,
                             gpointer        record,
                             gconstpointer   old,
                             GError        **error)
{
  const PiloteEntityInfo *info = pilote_entity_get_info (((PiloteRecord *) record)->entity);

  return validate_record (store, info, record, old, FALSE, error);
}

/**
 * pilote_record_write:
 * @record: a record checked by pilote_record_prepare_write ()
 * @old: (nullable): the stored record it replaces, or %NULL to insert
 * @batch_id: the import batch the write belongs to
 *
 * Writes one record of an import, inside the caller's transaction, with
 * its audit entry. Unlike pilote_store_insert () and _update (), it does
 * not read the record back nor keep derived data in step: the import does
 * that for all its records at the end.
 */
gboolean
pilote_record_write (PiloteStore    *store,
                     gpointer        data,
                     gconstpointer   old,
                     gint64          batch_id,
                     GError        **error)
{
  PiloteRecord *record = data;
  const PiloteEntityInfo *info = pilote_entity_get_info (record->entity);
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *changes = NULL;
  int index;

  stmt = pilote_store_prepare (store, pilote_record_sql (info, old == NULL ? PILOTE_RECORD_SQL_INSERT : PILOTE_RECORD_SQL_UPDATE),
                               error);
  if (stmt == NULL)
    return FALSE;
  pilote_bind_text (stmt, 1, record->ref);
  pilote_bind_id (stmt, 2, pilote_store_get_member_id (store));
  index = bind_writable_fields (stmt, 3, info, record);
  if (old != NULL)
    {
      record->id = ((const PiloteRecord *) old)->id;
      record->version = ((const PiloteRecord *) old)->version;
      sqlite3_bind_int64 (stmt, index, record->id);
      sqlite3_bind_int64 (stmt, index + 1, record->version);
    }
  if (!pilote_store_step_done (store, stmt, error))
    return FALSE;
  if (old == NULL)
    {
      record->id = sqlite3_last_insert_rowid (pilote_store_get_db (store));
      record->version = 1;
      return pilote_audit_write (store, info->table, record->id, "insert", NULL, batch_id,
                                 error);
    }
  record->version++;
  changes = describe_changes (info, old, record);
  return pilote_audit_write (store, info->table, record->id, "update", changes, batch_id, error);
}
