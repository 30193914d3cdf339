/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-import.h"
#include "pilote-record-private.h"

G_BEGIN_DECLS

struct _PiloteImportProfile {
  PiloteEntity      entity;
  PiloteCsvOptions  options;
  GHashTable       *columns;    /* field → column header */
  GHashTable       *defaults;   /* field → value */
  GHashTable       *aliases;    /* "field\x1f" folded name → name in Pilote */
  GHashTable       *create;     /* link fields whose missing records may be created */
  char             *group_by;   /* column whose rows form one deal */
  char             *path;       /* the file it was read from, if any */
};

gboolean  pilote_import_field_is_valid (PiloteEntity  entity,
                                        const char   *field);
char     *pilote_import_alias_key      (const char   *field,
                                        const char   *name);
/* a bound of the ids a batch (?1) added to @table in bulk: index 0 for
 * the first, 1 for the last; NULL when it added none */
#define PILOTE_IMPORT_RANGE(table, bound) \
  "(SELECT j.value ->> " bound " FROM audit_entry a, json_each (a.changes) j" \
  " WHERE a.batch_id = ?1 AND a.table_name = 'import_batch' AND a.action = 'insert'" \
  " AND j.key = '" table "')"
#define PILOTE_IMPORT_IN_RANGE(table) \
  " BETWEEN " PILOTE_IMPORT_RANGE (table, "0") " AND " PILOTE_IMPORT_RANGE (table, "1")

/* @bulk_clients_done: the clients of the deals the batch added in bulk
 * have their acquisition dates already (pilote_import_bulk_finish ()) */
gboolean  pilote_import_refresh_derived (PiloteStore *store,
                                         gint64       batch_id,
                                         gboolean     bulk_clients_done,
                                         GError     **error);

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
} PiloteImportSpecial;

typedef struct {
  const char        *field;
  const char        *column_name;
  int                column;          /* -1: not in the file, default only */
  const char        *default_value;
  const PiloteField *target;          /* the record's field, when it has one */
  PiloteEntity       link;
  PiloteImportSpecial            special;
  gboolean           create_missing;
  gboolean           has_aliases;     /* the profile has aliases for the field */
  GHashTable        *cache;           /* folded name → id */
  GHashTable        *cells;           /* cell as written → PiloteImportCell */
} PiloteImportMapping;

/* what a cell of a link column resolved to, kept so that the same text
 * further down the file is neither folded nor looked up again */
typedef struct {
  gint64           id;
  int              outcome;   /* a PiloteStageKind the cell names, or -1 */
  char            *name;      /* the name the cell stands for, after aliases */
} PiloteImportCell;

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
} PiloteImportLine;

typedef struct {
  PiloteStore               *store;
  const PiloteImportProfile *profile;
  const PiloteEntityInfo    *info;
  PiloteCsvReader           *reader;
  PiloteImportResult        *result;
  PiloteCsvOptions           options;
  GArray                    *mappings;      /* PiloteImportMapping */
  int                        group_column;
  gint64                     batch_id;
  guint                      digits;
  gboolean                   row_failed;
  GHashTable                *product_prices; /* product id → gint64[2] price, cost */
  char                      *group_key;      /* the deal being imported, line after line */
  gint64                     group_deal_id;
  gint64                     outcome_stages[3]; /* the first stage of each kind */
  GHashTable                *alias_fields;   /* fields the profile has aliases for */

  /* the bulk path (pilote-import-bulk.c) */
  gboolean                   bulk;
  gboolean                   dry_run;
  guint64                    bytes_total;
  gint64                     first_ids[PILOTE_N_ENTITIES]; /* the largest id before */
  GHashTable                *stage_kinds;    /* stage id → PiloteStageKind + 1 */
  GPtrArray                 *dropped_indexes; /* SQL of the indexes to build again */
  GPtrArray                 *dropped_triggers; /* SQL of the triggers to create again */
  gboolean                   indexes_checked;
  GHashTable                *refresh_deals;  /* deals whose lines came in several runs */
  GHashTable                *client_won;     /* client id → PiloteImportClientWon */
  gboolean                   revenue_kept;   /* the revenue trigger was suspended */
  GHashTable                *pipeline_added; /* (stage, owner, segment…) → open deals added */
  gboolean                   pipeline_kept;  /* the pipeline's insert trigger was dropped */
  gboolean                   client_search_kept; /* so were the clients' insert triggers */
  gboolean                   client_names_kept;
  gboolean                   activity_months_kept; /* so was that of activities done */
  gboolean                   kpi_suspended;  /* the KPI summaries wait for the end */
  gboolean                   foreign_keys_off; /* checked by the bulk path itself */
  gint64                     last_deal_id;   /* the deal the bulk path wrote last */
  GHashTable                *known_ids[PILOTE_N_ENTITIES]; /* records links may name */
  GArray                    *refresh_ids;
  PiloteRecord              *pending_deal;   /* the group's deal, written with its lines */
  GPtrArray                 *pending_lines;  /* PiloteDealLine */
  guint64                    pending_record; /* where the pending deal was read */
  guint64                    pending_line;
  guint64                    problem_record; /* where problems are, when not the row read */
  guint64                    problem_line;
  char                       today[PILOTE_ISO_DATE_LEN];
  char                       now[32];        /* the batch's time, UTC ISO 8601 */
  /* tables of linked records held in memory: reference → id, name key → id */
  GHashTable                *by_ref[PILOTE_N_ENTITIES];
  GHashTable                *by_key[PILOTE_N_ENTITIES];
  gboolean                   not_held[PILOTE_N_ENTITIES]; /* too large, or no names */
} PiloteImportState;

#define PILOTE_IMPORT_MAX_PROBLEMS 1000
#define PILOTE_IMPORT_MAX_CACHED_NAMES 200000

void         pilote_import_add_problem       (PiloteImportState          *im,
                                              const char      *column,
                                              const char      *value,
                                              const char      *message);
void         pilote_import_add_error_problem (PiloteImportState          *im,
                                              PiloteImportMapping         *m,
                                              const char      *value,
                                              GError          *error);
gboolean     pilote_import_read_header       (PiloteImportState          *im,
                                              GError         **error);
const char  *pilote_import_cell              (PiloteImportState          *im,
                                              PiloteImportMapping         *m);
char        *pilote_import_trimmed           (const char      *text);
const char  *pilote_import_alias_of          (PiloteImportState          *im,
                                              const char      *field,
                                              const char      *text);
gint64       pilote_import_resolve_link      (PiloteImportState          *im,
                                              PiloteImportMapping         *m,
                                              PiloteEntity     entity,
                                              const char      *text);
gint64       pilote_import_resolve_stage     (PiloteImportState          *im,
                                              PiloteImportMapping        *m,
                                              const char                 *text,
                                              PiloteStageKind            *outcome,
                                              gboolean                   *has_outcome);
const char  *pilote_import_cell_name         (PiloteImportState          *im,
                                              PiloteImportMapping        *m,
                                              const char                 *text);
gint64       pilote_import_stage_for_outcome (PiloteImportState          *im,
                                              PiloteStageKind  kind);
gboolean     pilote_import_parse_outcome     (const char      *text,
                                              PiloteStageKind *kind);
void         pilote_import_set_field         (PiloteImportState          *im,
                                              PiloteImportMapping         *m,
                                              gpointer         record,
                                              const char      *text);
void         pilote_import_set_line_value    (PiloteImportState          *im,
                                              PiloteImportMapping         *m,
                                              PiloteImportLine      *line,
                                              const char      *text);
void         pilote_import_fill_line         (PiloteImportState          *im,
                                              const PiloteImportLine *values,
                                              PiloteDealLine  *line);

/* pilote-import-bulk.c */
gboolean     pilote_import_bulk_begin        (PiloteImportState  *im,
                                              GError            **error);
gboolean     pilote_import_bulk_consider_indexes (PiloteImportState *im,
                                                  GError          **error);
gboolean     pilote_import_bulk_ensure_indexes (PiloteImportState *im,
                                                GError           **error);
gint64       pilote_import_bulk_find_id      (PiloteImportState  *im,
                                              PiloteEntity        entity,
                                              const char         *ref,
                                              GError            **error);
gboolean     pilote_import_bulk_added        (PiloteImportState  *im,
                                              PiloteEntity        entity,
                                              gint64              id);
gboolean     pilote_import_bulk_prepare      (PiloteImportState  *im,
                                              gpointer            record,
                                              GError            **error);
gboolean     pilote_import_bulk_insert       (PiloteImportState  *im,
                                              gpointer            record,
                                              GError            **error);
gboolean     pilote_import_bulk_flush        (PiloteImportState  *im,
                                              GError            **error);
void         pilote_import_bulk_refresh_later (PiloteImportState *im,
                                               gint64             deal_id);
gboolean     pilote_import_bulk_finish       (PiloteImportState  *im,
                                              GError            **error);
void         pilote_import_bulk_end          (PiloteImportState  *im);
gboolean     pilote_import_bulk_lookup       (PiloteImportState  *im,
                                              PiloteEntity        entity,
                                              const char         *name,
                                              const char         *key,
                                              gint64             *id);
void         pilote_import_bulk_remember     (PiloteImportState  *im,
                                              PiloteEntity        entity,
                                              const char         *key,
                                              gint64              id);
void         pilote_import_bulk_line_totals  (const PiloteDealLine *line,
                                              gint64             *amount,
                                              gint64             *cost);

G_END_DECLS
