/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pilote-conflict.h"
#include "pilote-record-private.h"

/* Two people edited the same record: the second save fails with
 * PILOTE_ERROR_CONFLICT. This lays the three versions side by side,
 * field by field — the original both started from, mine, theirs — and
 * builds the record to save from the choices made, on top of theirs, so
 * that saving it again overwrites nothing silently. */

static char *
field_text (gconstpointer      record,
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
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (field->enum_type ());
        GEnumValue *value = g_enum_get_value (klass, *(const int *) ptr);

        return value != NULL ? g_strdup (value->value_nick) : NULL;
      }
    default:
      g_assert_not_reached ();
    }
}

/* copies one field's value from @from into @to, strings duplicated */
static void
copy_field (gpointer           to,
            gconstpointer      from,
            const PiloteField *field)
{
  gpointer dest = PILOTE_FIELD_PTR (to, field);
  gconstpointer src = PILOTE_FIELD_PTR (from, field);

  switch (field->type)
    {
    case PILOTE_FIELD_TEXT:
    case PILOTE_FIELD_DATE:
    case PILOTE_FIELD_TIMESTAMP:
      g_free (*(char **) dest);
      *(char **) dest = g_strdup (*(char *const *) src);
      break;
    case PILOTE_FIELD_INT:
    case PILOTE_FIELD_MONEY:
    case PILOTE_FIELD_LINK:
    case PILOTE_FIELD_ID:
      *(gint64 *) dest = *(const gint64 *) src;
      break;
    case PILOTE_FIELD_BOOL:
      *(gboolean *) dest = *(const gboolean *) src;
      break;
    case PILOTE_FIELD_REAL:
      *(double *) dest = *(const double *) src;
      break;
    case PILOTE_FIELD_ENUM:
      *(int *) dest = *(const int *) src;
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
conflict_field_free (PiloteConflictField *field)
{
  g_free (field->original);
  g_free (field->mine);
  g_free (field->theirs);
  g_free (field);
}

/**
 * pilote_conflict_new:
 * @original: the record as it was loaded, before the user's changes
 * @mine: the record as the user wants to save it
 *
 * Reads the record as it is stored now and compares the three versions.
 *
 * Returns: (transfer full) (nullable): the conflict; %NULL with an error
 *   when the record cannot be read
 */
PiloteConflict *
pilote_conflict_new (PiloteStore    *store,
                     gconstpointer   original,
                     gconstpointer   mine,
                     GError        **error)
{
  const PiloteRecord *base = original;
  const PiloteEntityInfo *info;
  g_autoptr(PiloteConflict) conflict = NULL;
  g_autoptr(PiloteMember) member = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (original != NULL && mine != NULL, NULL);
  g_return_val_if_fail (base->entity == ((const PiloteRecord *) mine)->entity, NULL);

  info = pilote_entity_get_info (base->entity);
  conflict = g_new0 (PiloteConflict, 1);
  conflict->entity = base->entity;
  conflict->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) conflict_field_free);
  conflict->original = pilote_record_copy (original);
  conflict->mine = pilote_record_copy (mine);
  conflict->theirs = pilote_store_get (store, base->entity, base->id, error);
  if (conflict->theirs == NULL)
    return NULL;
  conflict->deleted = conflict->theirs->deleted_at != NULL;
  if (conflict->theirs->updated_by > 0)
    member = pilote_store_get_member (store, conflict->theirs->updated_by, NULL);
  if (member != NULL)
    conflict->changed_by_name = g_strdup (member->name);

  for (guint i = 0; i < info->n_fields; i++)
    {
      const PiloteField *field = &info->fields[i];
      g_autofree char *was = NULL;
      g_autofree char *mine_text = NULL;
      g_autofree char *theirs_text = NULL;
      PiloteConflictField *entry;

      /* derived fields follow from the others */
      if (field->flags & PILOTE_FIELD_DERIVED)
        continue;
      was = field_text (conflict->original, field);
      mine_text = field_text (conflict->mine, field);
      theirs_text = field_text (conflict->theirs, field);
      if (g_strcmp0 (was, mine_text) == 0 && g_strcmp0 (was, theirs_text) == 0)
        continue;
      if (g_strcmp0 (mine_text, theirs_text) == 0)
        continue;

      entry = g_new0 (PiloteConflictField, 1);
      entry->name = field->name;
      entry->label = field->label != NULL ? g_dgettext (GETTEXT_PACKAGE, field->label)
                                          : field->name;
      entry->take_mine = g_strcmp0 (was, mine_text) != 0;
      entry->original = g_steal_pointer (&was);
      entry->mine = g_steal_pointer (&mine_text);
      entry->theirs = g_steal_pointer (&theirs_text);
      g_ptr_array_add (conflict->fields, entry);
    }
  return g_steal_pointer (&conflict);
}

/**
 * pilote_conflict_count_both:
 *
 * Returns: how many fields both people changed, each differently: the
 *   ones where the user has to choose
 */
guint
pilote_conflict_count_both (PiloteConflict *conflict)
{
  guint n = 0;

  g_return_val_if_fail (conflict != NULL, 0);

  for (guint i = 0; i < conflict->fields->len; i++)
    {
      PiloteConflictField *field = g_ptr_array_index (conflict->fields, i);

      if (g_strcmp0 (field->original, field->mine) != 0 &&
          g_strcmp0 (field->original, field->theirs) != 0)
        n++;
    }
  return n;
}

/**
 * pilote_conflict_merge:
 *
 * Builds the record to save: theirs (with its version, so that a third
 * change meanwhile is a new conflict), with my value in every field whose
 * @take_mine is set.
 *
 * Returns: (transfer full): a record for pilote_store_update ()
 */
gpointer
pilote_conflict_merge (PiloteConflict *conflict)
{
  const PiloteEntityInfo *info;
  PiloteRecord *merged;

  g_return_val_if_fail (conflict != NULL, NULL);

  info = pilote_entity_get_info (conflict->entity);
  merged = pilote_record_copy (conflict->theirs);
  if (g_strcmp0 (conflict->original->ref, conflict->mine->ref) != 0)
    {
      g_free (merged->ref);
      merged->ref = g_strdup (conflict->mine->ref);
    }
  for (guint i = 0; i < conflict->fields->len; i++)
    {
      PiloteConflictField *entry = g_ptr_array_index (conflict->fields, i);

      if (entry->take_mine)
        copy_field (merged, conflict->mine, pilote_entity_find_field (info, entry->name));
    }
  return merged;
}

void
pilote_conflict_free (PiloteConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_clear_pointer (&conflict->original, pilote_record_free);
  g_clear_pointer (&conflict->mine, pilote_record_free);
  g_clear_pointer (&conflict->theirs, pilote_record_free);
  g_clear_pointer (&conflict->fields, g_ptr_array_unref);
  g_free (conflict->changed_by_name);
  g_free (conflict);
}
