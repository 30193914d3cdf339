/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "pilote-error.h"
#include "pilote-import-private.h"
#include "pilote-text.h"

/* The import engine: reads a CSV file as it streams, maps each row onto a
 * record through the profile, finds (or creates) the records it links to,
 * updates the record that has the row's reference or inserts a new one —
 * all in one transaction, as one batch that can be undone. */

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

void
pilote_import_add_problem (PiloteImportState     *im,
             const char *column,
             const char *value,
             const char *message)
{
  PiloteImportProblem *problem;

  im->row_failed = TRUE;
  im->result->n_problems++;
  if (im->result->problems->len >= PILOTE_IMPORT_MAX_PROBLEMS)
    return;
  problem = g_new0 (PiloteImportProblem, 1);
  problem->record = im->problem_record != 0 ? im->problem_record
                                             : pilote_csv_reader_get_record (im->reader);
  problem->line = im->problem_record != 0 ? im->problem_line
                                          : pilote_csv_reader_get_line (im->reader);
  problem->column = g_strdup (column);
  problem->value = g_strdup (value);
  problem->message = g_strdup (message);
  g_ptr_array_add (im->result->problems, problem);
}

void
pilote_import_add_error_problem (PiloteImportState     *im,
                   PiloteImportMapping    *m,
                   const char *value,
                   GError     *error)
{
  pilote_import_add_problem (im, m != NULL ? m->column_name : NULL, value, error->message);
}

/* Rows */

static gboolean
insert_stage_change (PiloteImportState      *im,
                     gint64       deal_id,
                     gint64       from_stage,
                     gint64       to_stage,
                     const char  *date,
                     GError     **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;

  stmt = pilote_store_prepare (im->store,
                               "INSERT INTO stage_change (deal_id, from_stage_id, to_stage_id,"
                               " changed_at, changed_by, batch_id, owner_id, segment_id, client_id,"
                               " channel_id)"
                               " VALUES (?1, ?2, ?3,"
                               " coalesce (?4 || 'T00:00:00.000Z',"
                               "   strftime('%Y-%m-%dT%H:%M:%fZ','now')), ?5, ?6,"
                               " (SELECT owner_id FROM deal WHERE id = ?1),"
                               " " PILOTE_DEAL_SEGMENT ("?1") ","
                               " (SELECT client_id FROM deal WHERE id = ?1),"
                               " " PILOTE_DEAL_CHANNEL ("?1") ")",
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
retire_lines (PiloteImportState  *im,
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
touched_in_batch (PiloteImportState *im,
                  PiloteEntity       entity,
                  gint64             id)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  const char *table = pilote_entity_get_table (entity);

  if (pilote_import_bulk_added (im, entity, id))
    return TRUE;
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
complete_deal (PiloteImportState         *im,
               PiloteDeal     *deal,
               gboolean        has_outcome,
               PiloteStageKind outcome,
               const char     *won_on,
               const char     *lost_on,
               const char     *product_name,
               const char     *client_name)
{
  if (deal->stage_id == 0 && has_outcome)
    deal->stage_id = pilote_import_stage_for_outcome (im, outcome);
  if (deal->stage_id == 0 && !im->row_failed)
    pilote_import_add_problem (im, NULL, NULL, _("The row gives no stage for the deal, nor whether it "
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
merge_row (PiloteImportState        *im,
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
      PiloteImportMapping *m = &g_array_index (im->mappings, PiloteImportMapping, i);

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

/* Writes the deal the bulk path keeps until its group of lines is
 * complete; problems are reported at the row that started the group. */
static gboolean
flush_group (PiloteImportState *im)
{
  g_autoptr(GError) error = NULL;

  if (pilote_import_bulk_flush (im, &error))
    return TRUE;
  im->problem_record = im->pending_record;
  im->problem_line = im->pending_line;
  pilote_import_add_error_problem (im, NULL, NULL, error);
  im->problem_record = 0;
  return FALSE;
}

static void
process_row (PiloteImportState *im)
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
  g_autofree char *group_key = NULL;
  PiloteImportMapping *scope_mapping = NULL;
  PiloteImportLine line = { FALSE, 0, NAN, PILOTE_MONEY_NONE, PILOTE_MONEY_NONE, NAN,
                      PILOTE_MONEY_NONE, PILOTE_MONEY_NONE, PILOTE_MONEY_NONE };
  PiloteStageKind outcome = PILOTE_STAGE_KIND_OPEN;
  gboolean has_outcome = FALSE;
  gboolean same_deal = FALSE;
  gboolean *given = g_newa (gboolean, im->mappings->len + 1);

  im->row_failed = FALSE;
  for (guint i = 0; i < im->mappings->len; i++)
    {
      PiloteImportMapping *m = &g_array_index (im->mappings, PiloteImportMapping, i);
      const char *text = pilote_import_cell (im, m);
      char iso[PILOTE_ISO_DATE_LEN];

      given[i] = (text != NULL);
      if (text == NULL)
        continue;
      switch (m->special)
        {
        case SPECIAL_REF:
          g_free (record->ref);
          record->ref = pilote_import_trimmed (text);
          break;
        case SPECIAL_LINK:
          {
            gint64 id = 0;

            /* a deal's stage may be named by its outcome */
            if (m->link == PILOTE_ENTITY_STAGE)
              id = pilote_import_resolve_stage (im, m, text, &outcome, &has_outcome);
            else
              id = pilote_import_resolve_link (im, m, m->link, text);
            if (m->link == PILOTE_ENTITY_CLIENT)
              client_name = text;
            *(gint64 *) PILOTE_FIELD_PTR (record, m->target) = id;
          }
          break;
        case SPECIAL_SCOPE_NAME:
          scope_mapping = m;
          scope_name = pilote_import_trimmed (text);
          break;
        case SPECIAL_OUTCOME:
          if (pilote_import_parse_outcome (pilote_import_alias_of (im, m->field, text) ?: text, &outcome))
            has_outcome = TRUE;
          else
            pilote_import_add_problem (im, m->column_name, text, _("Type won, lost or open."));
          break;
        case SPECIAL_WON_ON:
        case SPECIAL_LOST_ON:
          if (!pilote_csv_parse_date (text, im->options.date_format, iso, &error))
            {
              pilote_import_add_error_problem (im, m, text, error);
              g_clear_error (&error);
            }
          else if (m->special == SPECIAL_WON_ON)
            won_on = g_strdup (iso);
          else
            lost_on = g_strdup (iso);
          break;
        case SPECIAL_PRODUCT:
          pilote_import_set_line_value (im, m, &line, text);
          product_name = pilote_import_cell_name (im, m, text);
          break;
        case SPECIAL_QUANTITY:
        case SPECIAL_UNIT_PRICE:
        case SPECIAL_LINE_AMOUNT:
        case SPECIAL_DISCOUNT:
        case SPECIAL_UNIT_COST:
        case SPECIAL_LINE_COST:
        case SPECIAL_LINE_PROFIT:
          pilote_import_set_line_value (im, m, &line, text);
          break;
        case SPECIAL_NONE:
          pilote_import_set_field (im, m, record, text);
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
      pilote_import_fill_line (im, &line, deal_line);
    }

  if (scope_mapping != NULL && entity == PILOTE_ENTITY_OBJECTIVE)
    {
      PiloteObjective *objective = (PiloteObjective *) record;

      if (objective->scope != PILOTE_SCOPE_COMPANY)
        objective->scope_id = pilote_import_resolve_link (im, scope_mapping,
                                            objective->scope == PILOTE_SCOPE_TEAM
                                              ? PILOTE_ENTITY_TEAM : PILOTE_ENTITY_MEMBER,
                                            scope_name);
    }

  if (entity == PILOTE_ENTITY_DEAL)
    {
      /* a copy: the record may be replaced by its merge with the stored one */
      group_key = im->group_column >= 0
                    ? pilote_import_trimmed (pilote_csv_reader_get_field (im->reader,
                                                                          im->group_column))
                    : NULL;
      if (group_key != NULL && *group_key == '\0')
        g_clear_pointer (&group_key, g_free);
      if (record->ref == NULL && group_key != NULL)
        record->ref = g_strdup (group_key);
      if (group_key == NULL)
        group_key = g_strdup (record->ref);
      same_deal = group_key != NULL && g_strcmp0 (group_key, im->group_key) == 0;
      if (!same_deal)
        complete_deal (im, (PiloteDeal *) record, has_outcome, outcome, won_on, lost_on,
                       product_name, client_name);
    }

  if (im->row_failed)
    return;

  if (!same_deal && im->bulk && !flush_group (im))
    return;

  if (!same_deal)
    {
      if (record->ref != NULL && im->bulk)
        {
          gint64 id = pilote_import_bulk_find_id (im, entity, record->ref, &error);

          if (id > 0)
            old = pilote_store_get (im->store, entity, id, &error);
        }
      else if (record->ref != NULL)
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
          pilote_import_add_error_problem (im, NULL, record->ref, error);
          return;
        }
      if (old != NULL && entity != PILOTE_ENTITY_DEAL &&
          touched_in_batch (im, entity, old->id))
        {
          pilote_import_add_problem (im, NULL, record->ref,
                       _("This record appears twice in the file: keep one row for it."));
          return;
        }
      if (old != NULL && entity == PILOTE_ENTITY_DEAL && im->group_column < 0 &&
          touched_in_batch (im, PILOTE_ENTITY_DEAL, old->id))
        {
          pilote_import_add_problem (im, NULL, record->ref,
                                     _("This deal appears twice in the file: keep one row for "
                                       "it, or group the rows of a deal with “group-by” in the "
                                       "profile."));
          return;
        }
      if (old != NULL && entity == PILOTE_ENTITY_DEAL && touched_in_batch (im, PILOTE_ENTITY_DEAL, old->id))
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

      if (old == NULL && im->bulk)
        {
          /* a record the batch adds: the bulk path */
          if (!pilote_import_bulk_prepare (im, record, &error))
            {
              pilote_import_add_error_problem (im, NULL, NULL, error);
              return;
            }
          im->result->inserted++;
          if (entity != PILOTE_ENTITY_DEAL)
            {
              if (!pilote_import_bulk_insert (im, record, &error))
                pilote_import_add_error_problem (im, NULL, NULL, error);
              return;
            }
          /* the deal waits for its lines, to be written once with their sum */
          im->pending_deal = g_steal_pointer (&record);
          im->pending_record = pilote_csv_reader_get_record (im->reader);
          im->pending_line = pilote_csv_reader_get_line (im->reader);
          g_free (im->group_key);
          im->group_key = g_strdup (group_key);
          im->group_deal_id = 0;
          goto line;
        }
      /* an update reads through every index */
      if (im->bulk && !pilote_import_bulk_ensure_indexes (im, &error))
        {
          pilote_import_add_error_problem (im, NULL, NULL, error);
          return;
        }
      if (old != NULL)
        {
          PiloteRecord *merged = merge_row (im, old, record, given);

          pilote_record_free (record);
          record = merged;
        }
      if (!pilote_record_prepare_write (im->store, record, old, &error) ||
          !pilote_record_write (im->store, record, old, im->batch_id, &error))
        {
          pilote_import_add_error_problem (im, NULL, NULL, error);
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
              pilote_import_add_error_problem (im, NULL, NULL, error);
              return;
            }
          if (old != NULL && line.given && !retire_lines (im, record->id, &error))
            {
              pilote_import_add_error_problem (im, NULL, NULL, error);
              return;
            }
          g_free (im->group_key);
          im->group_key = g_strdup (group_key);
          im->group_deal_id = record->id;
        }
    }

line:
  if (entity == PILOTE_ENTITY_DEAL && line.given)
    {
      g_autoptr(PiloteDealLine) deal_line = pilote_deal_line_new ();
      gboolean pending = im->bulk && im->pending_deal != NULL;

      /* a line of the deal that waits gets its id when the deal is written */
      deal_line->deal_id = pending ? G_MAXINT64 : im->group_deal_id;
      pilote_import_fill_line (im, &line, deal_line);
      if (!im->bulk)
        {
          if (!pilote_record_prepare_write (im->store, deal_line, NULL, &error) ||
              !pilote_record_write (im->store, deal_line, NULL, im->batch_id, &error))
            pilote_import_add_error_problem (im, NULL, NULL, error);
          return;
        }
      if (!pilote_record_prepare_write (im->store, deal_line, NULL, &error))
        pilote_import_add_error_problem (im, NULL, NULL, error);
      else if (pending)
        g_ptr_array_add (im->pending_lines, g_steal_pointer (&deal_line));
      else if (!pilote_import_bulk_insert (im, deal_line, &error))
        pilote_import_add_error_problem (im, NULL, NULL, error);
      else if (pilote_import_bulk_added (im, PILOTE_ENTITY_DEAL, im->group_deal_id))
        /* more lines of a deal written further up the file */
        pilote_import_bulk_refresh_later (im, im->group_deal_id);
    }
}

/* Derived data of everything the batch wrote, all at once. */
gboolean
pilote_import_refresh_derived (PiloteStore  *store,
                               gint64        batch_id,
                               gboolean      bulk_clients_done,
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

  /* the same for the records the batch added in bulk (see
   * pilote-import-bulk.c): deals have their lines' sums already; lines
   * added to deals of earlier batches count in them */
  static const char *const range_statements[] = {
    "UPDATE deal SET"
    " amount = (SELECT coalesce (sum (amount), 0) FROM deal_line l"
    "   WHERE l.deal_id = deal.id AND l.deleted_at IS NULL),"
    " cost = (SELECT coalesce (sum (cost), 0) FROM deal_line l"
    "   WHERE l.deal_id = deal.id AND l.deleted_at IS NULL)"
    " WHERE id IN (SELECT deal_id FROM deal_line WHERE id" PILOTE_IMPORT_IN_RANGE ("deal_line")
    "   AND deal_id NOT" PILOTE_IMPORT_IN_RANGE ("deal") ")"
    " AND EXISTS (SELECT 1 FROM deal_line l WHERE l.deal_id = deal.id AND l.deleted_at IS NULL)",

    "UPDATE client SET acquired_on = f.first_won,"
    " kind = CASE WHEN f.first_won IS NOT NULL AND client.kind = 'prospect' THEN 'client'"
    "   ELSE client.kind END"
    " FROM (SELECT c.id AS client_id, (SELECT min (d.closed_on) FROM deal d"
    "     WHERE d.client_id = c.id AND d.status = 'won' AND d.deleted_at IS NULL) AS first_won"
    "   FROM client c WHERE c.id IN (SELECT client_id FROM deal"
    "     WHERE id" PILOTE_IMPORT_IN_RANGE ("deal")
    "     UNION SELECT id FROM client WHERE id" PILOTE_IMPORT_IN_RANGE ("client") ")) f"
    " WHERE client.id = f.client_id AND (client.acquired_on IS NOT f.first_won"
    "   OR (f.first_won IS NOT NULL AND client.kind = 'prospect'))",
  };
  /* the same, for the clients the batch created alone: those of its deals
   * are done (see pilote_import_bulk_finish ()) */
  static const char *const created_clients =
    "UPDATE client SET acquired_on = f.first_won,"
    " kind = CASE WHEN f.first_won IS NOT NULL AND client.kind = 'prospect' THEN 'client'"
    "   ELSE client.kind END"
    " FROM (SELECT c.id AS client_id, (SELECT min (d.closed_on) FROM deal d"
    "     WHERE d.client_id = c.id AND d.status = 'won' AND d.deleted_at IS NULL) AS first_won"
    "   FROM client c WHERE c.id" PILOTE_IMPORT_IN_RANGE ("client") ") f"
    " WHERE client.id = f.client_id AND (client.acquired_on IS NOT f.first_won"
    "   OR (f.first_won IS NOT NULL AND client.kind = 'prospect'))";

  g_autoptr(PiloteStmt) entity = NULL;
  gboolean lines_batch = FALSE;

  /* the lines of a deal import are those of its own deals, whose sums are
   * written already or refreshed above: only an import of deal lines adds
   * lines to other deals */
  entity = pilote_store_prepare (store, "SELECT entity = 'deal_line' FROM import_batch"
                                 " WHERE id = ?", error);
  if (entity == NULL)
    return FALSE;
  sqlite3_bind_int64 (entity, 1, batch_id);
  lines_batch = sqlite3_step (entity) == SQLITE_ROW && sqlite3_column_int (entity, 0) != 0;
  g_clear_pointer (&entity, pilote_stmt_release);

  for (guint i = 0; i < G_N_ELEMENTS (statements) + G_N_ELEMENTS (range_statements); i++)
    {
      const char *sql = i < G_N_ELEMENTS (statements)
                          ? statements[i]
                          : range_statements[i - G_N_ELEMENTS (statements)];
      g_autoptr(PiloteStmt) stmt = NULL;

      if (sql == range_statements[0] && !lines_batch)
        continue;
      if (sql == range_statements[1] && bulk_clients_done)
        sql = created_clients;
      stmt = pilote_store_prepare (store, sql, error);
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
  PiloteImportMapping *m = data;

  g_clear_pointer (&m->cache, g_hash_table_unref);
  g_clear_pointer (&m->cells, g_hash_table_unref);
}

static gboolean
foreign_keys_on (PiloteStore *store)
{
  g_autoptr(PiloteStmt) stmt = pilote_store_prepare (store, "PRAGMA foreign_keys", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
}

static gboolean
begin_batch (PiloteImportState      *im,
             const char  *csv_path,
             GError     **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *source = g_path_get_basename (csv_path);

  /* a bulk import checks the links it writes itself, once per record
   * named (see pilote-import-bulk.c), instead of SQLite for every row;
   * the pragma is left as it was after the transaction */
  if (im->bulk && foreign_keys_on (im->store) &&
      pilote_store_exec (im->store, "PRAGMA foreign_keys = OFF", NULL))
    im->foreign_keys_off = TRUE;
  if (!pilote_store_begin_write (im->store, error))
    return FALSE;
  stmt = pilote_store_prepare (im->store,
                               "INSERT INTO import_batch (entity, source, imported_by, profile)"
                               " VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, im->info->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, source, -1, SQLITE_TRANSIENT);
  pilote_bind_id (stmt, 3, pilote_store_get_member_id (im->store));
  /* the profile used, as a key file that can be loaded again */
  sqlite3_bind_text (stmt, 4, pilote_import_profile_to_data (im->profile), -1, g_free);
  if (!pilote_store_step_done (im->store, stmt, error))
    goto fail;
  im->batch_id = sqlite3_last_insert_rowid (pilote_store_get_db (im->store));
  return TRUE;

fail:
  pilote_store_rollback (im->store);
  return FALSE;
}

static gboolean
end_batch (PiloteImportState   *im,
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
  if (!pilote_import_refresh_derived (im->store, im->batch_id, im->bulk, error))
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

static void
clear_state (PiloteImportState *im)
{
  pilote_import_bulk_end (im);
  if (im->foreign_keys_off)
    pilote_store_exec (im->store, "PRAGMA foreign_keys = ON", NULL);
  im->foreign_keys_off = FALSE;
  g_clear_pointer (&im->group_key, g_free);
  g_clear_pointer (&im->alias_fields, g_hash_table_unref);
}

static void
report_progress (PiloteImportState         *im,
                 const PiloteImportOptions *options,
                 gint64                    *last_report)
{
  gint64 now = g_get_monotonic_time ();

  if (options->progress == NULL || now - *last_report < G_USEC_PER_SEC / 10)
    return;
  *last_report = now;
  options->progress (im->result->rows, pilote_csv_reader_get_bytes_read (im->reader),
                     im->bytes_total, options->progress_data);
}

static guint64
file_size (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 && buf.st_size > 0 ? (guint64) buf.st_size : 0;
}

/* SQLite's progress handler: interrupts the statement under way once the
 * import is cancelled */
static int
interrupt_if_cancelled (void *data)
{
  return g_cancellable_is_cancelled (G_CANCELLABLE (data));
}

/* The work after the last row (indexes built again, summaries), whose
 * statements can each last seconds on a large file: a cancellation
 * interrupts the one under way, and the whole import is rolled back. */
static gboolean
finish_cancellably (PiloteImportState  *im,
                    GCancellable       *cancellable,
                    GError            **error)
{
  sqlite3 *db = pilote_store_get_db (im->store);
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (cancellable != NULL)
    sqlite3_progress_handler (db, 1000, interrupt_if_cancelled, cancellable);
  ok = pilote_import_bulk_finish (im, &local_error);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);
  /* interrupted: said as a cancellation, not as a database error */
  if (!ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

/**
 * pilote_import_run_with_options:
 * @options: (nullable): how to run it; %NULL for a real run
 *
 * Imports a CSV file through a profile in one transaction: every row or
 * none. Problems with the data (a bad date, an unknown client…) are listed
 * in the result, each with its row and column, and leave the file as it
 * was; @error is set only when the import cannot run at all (unreadable
 * file, a profile that does not fit the file, a read-only Pilote file,
 * a cancelled import).
 *
 * Records are added through the bulk path unless @options asks for
 * %PILOTE_IMPORT_ROW_BY_ROW; both give the same records and figures. A dry
 * run (%PILOTE_IMPORT_DRY_RUN) checks every row as the real run does, in a
 * transaction that it then rolls back.
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
PiloteImportResult *
pilote_import_run_with_options (PiloteStore                *store,
                                const PiloteImportProfile  *profile,
                                const char                 *csv_path,
                                const PiloteImportOptions  *options,
                                GError                    **error)
{
  static const PiloteImportOptions no_options = { 0 };
  g_autoptr(PiloteImportResult) result = g_new0 (PiloteImportResult, 1);
  g_autoptr(PiloteCsvReader) reader = NULL;
  g_autoptr(GArray) mappings = g_array_new (FALSE, TRUE, sizeof (PiloteImportMapping));
  g_autoptr(GHashTable) prices = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_autoptr(GError) local_error = NULL;
  PiloteImportState im = { 0 };
  GPtrArray *notes = NULL;
  gint64 last_report = 0;
  gint64 started = g_get_monotonic_time ();
  gboolean keep;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (profile != NULL && csv_path != NULL, NULL);

  if (options == NULL)
    options = &no_options;
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
  im.bulk = !(options->flags & PILOTE_IMPORT_ROW_BY_ROW);
  im.dry_run = (options->flags & PILOTE_IMPORT_DRY_RUN) != 0;
  im.bytes_total = file_size (csv_path);

  if (!pilote_import_read_header (&im, error) || !begin_batch (&im, csv_path, error))
    {
      clear_state (&im);
      return NULL;
    }
  if (!pilote_import_bulk_begin (&im, &local_error))
    goto fail;

  while (pilote_csv_reader_next (reader, &local_error))
    {
      result->rows++;
      process_row (&im);
      if (result->rows % 1024 != 0)
        continue;
      if (g_cancellable_set_error_if_cancelled (options->cancellable, &local_error) ||
          !pilote_import_bulk_consider_indexes (&im, &local_error))
        goto fail;
      report_progress (&im, options, &last_report);
    }
  if (local_error != NULL)
    /* a malformed file: nothing is written */
    goto fail;

  /* the last group of lines */
  if (im.bulk)
    flush_group (&im);
  if (g_cancellable_set_error_if_cancelled (options->cancellable, &local_error))
    goto fail;
  if (options->progress != NULL)
    options->progress (result->rows, pilote_csv_reader_get_bytes_read (reader), im.bytes_total,
                       options->progress_data);

  g_debug ("Import: %" G_GUINT64_FORMAT " rows read and written in %.0f ms, %.2f s of CPU",
           result->rows, (g_get_monotonic_time () - started) / 1000.0,
           (double) clock () / CLOCKS_PER_SEC);
  keep = !im.dry_run && result->n_problems == 0;
  if (keep && !finish_cancellably (&im, options->cancellable, &local_error))
    goto fail;
  g_debug ("Import: indexes and ranges after %.0f ms",
           (g_get_monotonic_time () - started) / 1000.0);
  if (!end_batch (&im, keep, &local_error))
    {
      clear_state (&im);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  clear_state (&im);
  g_debug ("Import: derived data and commit after %.0f ms",
           (g_get_monotonic_time () - started) / 1000.0);
  result->batch_id = im.batch_id;
  return g_steal_pointer (&result);

fail:
  pilote_store_rollback (store);
  clear_state (&im);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/**
 * pilote_import_run:
 * @dry_run: check everything, write nothing
 *
 * pilote_import_run_with_options () without progress reports.
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
  PiloteImportOptions options = { 0 };

  options.flags = dry_run ? PILOTE_IMPORT_DRY_RUN : PILOTE_IMPORT_FLAGS_NONE;
  options.cancellable = cancellable;
  return pilote_import_run_with_options (store, profile, csv_path, &options, error);
}
