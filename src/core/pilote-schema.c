/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include "pilote-kpi-summary-sql.h"
#include "pilote-store-private.h"

/*
 * The schema, as an ordered list of migrations. Migration N takes a file
 * from user_version N-1 to N. A migration, once released, never changes:
 * a new need is a new migration at the end.
 *
 * Conventions: every editable table has id, ref (unique when present),
 * created_at, updated_at, updated_by, version and deleted_at. Money is
 * INTEGER minor units; dates are TEXT 'YYYY-MM-DD'; timestamps are TEXT
 * UTC 'YYYY-MM-DDTHH:MM:SS.SSSZ'; probabilities and discounts are REAL
 * fractions; enumerations are TEXT nicks checked by CHECK constraints,
 * written as chains of OR: an IN list there makes SQLite build a temporary
 * table for every row written, ten times the cost of the write.
 */

#define EDITABLE_COLUMNS \
  "id INTEGER PRIMARY KEY," \
  "ref TEXT," \
  "created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))," \
  "updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))," \
  "updated_by INTEGER," \
  "version INTEGER NOT NULL DEFAULT 1," \
  "deleted_at TEXT,"

#define REF_INDEX(t) \
  "CREATE UNIQUE INDEX " t "_ref ON " t " (ref) WHERE ref IS NOT NULL;"

#define NAMED_LIST(t) \
  "CREATE TABLE " t " (" EDITABLE_COLUMNS \
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0)" \
  ");" \
  REF_INDEX (t) \
  "CREATE INDEX " t "_name ON " t " (name COLLATE NOCASE);"

static const char migration_1[] =
  "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"

  NAMED_LIST ("segment")
  NAMED_LIST ("channel")
  NAMED_LIST ("competitor")
  NAMED_LIST ("lost_reason")

  "CREATE TABLE team (" EDITABLE_COLUMNS
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  manager_id INTEGER REFERENCES member (id)"
  ");"
  REF_INDEX ("team")

  "CREATE TABLE member (" EDITABLE_COLUMNS
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  email TEXT,"
  "  role TEXT NOT NULL DEFAULT 'rep'"
  "    CHECK (role = 'rep' OR role = 'manager' OR role = 'director' OR role = 'marketing'),"
  "  team_id INTEGER REFERENCES team (id),"
  "  office TEXT,"
  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active = 0 OR active = 1)"
  ");"
  REF_INDEX ("member")
  "CREATE INDEX member_team ON member (team_id);"
  "CREATE INDEX member_name ON member (name COLLATE NOCASE);"

  "CREATE TABLE client (" EDITABLE_COLUMNS
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  kind TEXT NOT NULL DEFAULT 'prospect'"
  "    CHECK (kind = 'prospect' OR kind = 'client' OR kind = 'former'),"
  "  segment_id INTEGER REFERENCES segment (id),"
  "  sector TEXT, region TEXT, country TEXT, city TEXT,"
  "  channel_id INTEGER REFERENCES channel (id),"
  "  owner_id INTEGER REFERENCES member (id),"
  "  tags TEXT, notes TEXT,"
  "  acquired_on TEXT"
  ");"
  REF_INDEX ("client")
  "CREATE INDEX client_name ON client (name COLLATE NOCASE);"
  "CREATE INDEX client_acquired ON client (acquired_on) WHERE acquired_on IS NOT NULL;"
  "CREATE INDEX client_owner ON client (owner_id);"
  "CREATE INDEX client_segment ON client (segment_id);"
  "CREATE INDEX client_channel ON client (channel_id);"

  "CREATE TABLE contact (" EDITABLE_COLUMNS
  "  client_id INTEGER NOT NULL REFERENCES client (id),"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  job_title TEXT, email TEXT, phone TEXT"
  ");"
  REF_INDEX ("contact")
  "CREATE INDEX contact_client ON contact (client_id);"

  "CREATE TABLE product (" EDITABLE_COLUMNS
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  category TEXT, subcategory TEXT,"
  "  unit_price INTEGER NOT NULL DEFAULT 0,"
  "  unit_cost INTEGER NOT NULL DEFAULT 0,"
  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active = 0 OR active = 1)"
  ");"
  REF_INDEX ("product")
  "CREATE INDEX product_name ON product (name COLLATE NOCASE);"

  "CREATE TABLE stage (" EDITABLE_COLUMNS
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  position INTEGER NOT NULL,"
  "  probability REAL NOT NULL CHECK (probability BETWEEN 0 AND 1),"
  "  kind TEXT NOT NULL CHECK (kind = 'open' OR kind = 'won' OR kind = 'lost')"
  ");"
  REF_INDEX ("stage")

  "CREATE TABLE deal (" EDITABLE_COLUMNS
  "  client_id INTEGER REFERENCES client (id),"
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0),"
  "  owner_id INTEGER REFERENCES member (id),"
  "  stage_id INTEGER NOT NULL REFERENCES stage (id),"
  /* the kind of the stage, kept in step with stage_id by the store */
  "  status TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'won'"
    " OR status = 'lost'),"
  /* the sum of the lines when the deal has lines, else typed in */
  "  amount INTEGER NOT NULL DEFAULT 0,"
  "  cost INTEGER NOT NULL DEFAULT 0,"
  "  probability REAL CHECK (probability IS NULL OR probability BETWEEN 0 AND 1),"
  "  forecast_category TEXT NOT NULL DEFAULT 'pipeline'"
  "    CHECK (forecast_category = 'pipeline' OR forecast_category = 'best-case'"
    " OR forecast_category = 'commit'),"
  "  expected_close_on TEXT,"
  "  created_on TEXT NOT NULL,"
  /* won or lost date, NULL while open */
  "  closed_on TEXT,"
  "  channel_id INTEGER REFERENCES channel (id),"
  "  competitor_id INTEGER REFERENCES competitor (id),"
  "  lost_reason_id INTEGER REFERENCES lost_reason (id),"
  "  notes TEXT,"
  "  CHECK ((status = 'open') = (closed_on IS NULL))"
  ");"
  REF_INDEX ("deal")
  /* covering indexes of the KPI queries: closed deals by date, open pipeline */
  "CREATE INDEX deal_closed ON deal (closed_on, status, owner_id, client_id, amount, cost,"
  "  created_on) WHERE deleted_at IS NULL AND status <> 'open';"
  "CREATE INDEX deal_open ON deal (expected_close_on, owner_id, stage_id, amount, probability)"
  "  WHERE deleted_at IS NULL AND status = 'open';"
  "CREATE INDEX deal_client ON deal (client_id, status, closed_on);"
  "CREATE INDEX deal_owner ON deal (owner_id);"
  "CREATE INDEX deal_stage ON deal (stage_id);"

  "CREATE TABLE deal_line (" EDITABLE_COLUMNS
  "  deal_id INTEGER NOT NULL REFERENCES deal (id),"
  "  product_id INTEGER REFERENCES product (id),"
  "  quantity REAL NOT NULL DEFAULT 1,"
  "  unit_price INTEGER NOT NULL DEFAULT 0,"
  "  discount REAL NOT NULL DEFAULT 0 CHECK (discount BETWEEN 0 AND 1),"
  "  unit_cost INTEGER NOT NULL DEFAULT 0,"
  /* a line total or cost given as such (an import's), else NULL */
  "  amount_given INTEGER,"
  "  cost_given INTEGER,"
  "  amount INTEGER GENERATED ALWAYS AS (coalesce (amount_given,"
  "    CAST (round (quantity * unit_price * (1.0 - discount)) AS INTEGER))) STORED,"
  "  cost INTEGER GENERATED ALWAYS AS (coalesce (cost_given,"
  "    CAST (round (quantity * unit_cost) AS INTEGER))) STORED"
  ");"
  REF_INDEX ("deal_line")
  "CREATE INDEX deal_line_deal ON deal_line (deal_id, product_id, amount, cost)"
  "  WHERE deleted_at IS NULL;"
  "CREATE INDEX deal_line_product ON deal_line (product_id);"

  "CREATE TABLE stage_change ("
  "  id INTEGER PRIMARY KEY,"
  "  deal_id INTEGER NOT NULL REFERENCES deal (id),"
  "  from_stage_id INTEGER REFERENCES stage (id),"
  "  to_stage_id INTEGER NOT NULL REFERENCES stage (id),"
  "  changed_at TEXT NOT NULL,"
  "  changed_by INTEGER REFERENCES member (id)"
  ");"
  "CREATE INDEX stage_change_deal ON stage_change (deal_id, changed_at);"
  "CREATE INDEX stage_change_to ON stage_change (to_stage_id, changed_at);"

  "CREATE TABLE activity (" EDITABLE_COLUMNS
  "  kind TEXT NOT NULL CHECK (kind = 'call' OR kind = 'meeting' OR kind = 'visit'"
    " OR kind = 'email' OR kind = 'task'),"
  "  client_id INTEGER REFERENCES client (id),"
  "  deal_id INTEGER REFERENCES deal (id),"
  "  owner_id INTEGER REFERENCES member (id),"
  "  due_at TEXT, done_at TEXT,"
  "  subject TEXT NOT NULL CHECK (length(trim(subject)) > 0),"
  "  notes TEXT"
  ");"
  REF_INDEX ("activity")
  "CREATE INDEX activity_due ON activity (due_at) WHERE deleted_at IS NULL AND done_at IS NULL;"
  "CREATE INDEX activity_done ON activity (done_at, kind, owner_id) WHERE deleted_at IS NULL;"
  "CREATE INDEX activity_client ON activity (client_id);"
  "CREATE INDEX activity_deal ON activity (deal_id);"

  "CREATE TABLE objective (" EDITABLE_COLUMNS
  "  metric TEXT NOT NULL CHECK (metric = 'revenue' OR metric = 'gross-margin'"
    " OR metric = 'deals-won' OR metric = 'new-clients' OR metric = 'meetings'"
    " OR metric = 'calls' OR metric = 'win-rate' OR metric = 'qualitative'),"
  "  period_kind TEXT NOT NULL CHECK (period_kind = 'week' OR period_kind = 'month'"
    " OR period_kind = 'quarter' OR period_kind = 'year'),"
  "  period_start TEXT NOT NULL,"
  "  scope TEXT NOT NULL DEFAULT 'company' CHECK (scope = 'company' OR scope = 'team'"
    " OR scope = 'member'),"
  "  scope_id INTEGER,"
  /* money in minor units, counts as such, rates in basis points (1/10000) */
  "  target INTEGER,"
  "  description TEXT,"
  "  owner_id INTEGER REFERENCES member (id),"
  "  due_on TEXT,"
  "  progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),"
  "  status TEXT NOT NULL DEFAULT 'not-started'"
  "    CHECK (status = 'not-started' OR status = 'in-progress' OR status = 'done'"
    " OR status = 'cancelled'),"
  "  CHECK ((scope = 'company') = (scope_id IS NULL)),"
  "  CHECK ((metric = 'qualitative') = (target IS NULL))"
  ");"
  REF_INDEX ("objective")
  "CREATE INDEX objective_period ON objective (period_start, period_kind, metric, scope);"

  "CREATE TABLE action (" EDITABLE_COLUMNS
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0),"
  "  owner_id INTEGER REFERENCES member (id),"
  "  due_on TEXT,"
  "  status TEXT NOT NULL DEFAULT 'not-started'"
  "    CHECK (status = 'not-started' OR status = 'in-progress' OR status = 'done'"
    " OR status = 'cancelled'),"
  "  objective_id INTEGER REFERENCES objective (id),"
  "  notes TEXT"
  ");"
  REF_INDEX ("action")

  "CREATE TABLE spend (" EDITABLE_COLUMNS
  "  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-01'),"
  "  channel_id INTEGER REFERENCES channel (id),"
  "  campaign TEXT,"
  "  kind TEXT NOT NULL DEFAULT 'marketing' CHECK (kind = 'marketing' OR kind = 'sales'),"
  "  amount INTEGER NOT NULL DEFAULT 0"
  ");"
  REF_INDEX ("spend")
  "CREATE INDEX spend_month ON spend (month, channel_id, amount) WHERE deleted_at IS NULL;"

  "CREATE TABLE swot_item (" EDITABLE_COLUMNS
  "  market TEXT,"
  "  period_start TEXT,"
  "  quadrant TEXT NOT NULL"
  "    CHECK (quadrant = 'strength' OR quadrant = 'weakness' OR quadrant = 'opportunity'"
    " OR quadrant = 'threat'),"
  "  text TEXT NOT NULL CHECK (length(trim(text)) > 0),"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  REF_INDEX ("swot_item")

  "CREATE TABLE audit_entry ("
  "  id INTEGER PRIMARY KEY,"
  "  table_name TEXT NOT NULL,"
  "  row_id INTEGER NOT NULL,"
  "  action TEXT NOT NULL CHECK (action = 'insert' OR action = 'update' OR action = 'delete'"
    " OR action = 'restore'),"
  /* JSON object: field -> [old, new] */
  "  changes TEXT,"
  "  changed_by INTEGER,"
  "  changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
  ");"
  "CREATE INDEX audit_entry_row ON audit_entry (table_name, row_id);"

  "INSERT INTO setting (key, value) VALUES"
  "  ('currency', 'EUR'), ('fiscal_year_start', '1'), ('company_name', ''),"
  "  ('stale_deal_days', '30'), ('client_lifetime_years', '');"

  "INSERT INTO stage (name, position, probability, kind) VALUES"
  "  ('Lead', 1, 0.10, 'open'),"
  "  ('Qualified', 2, 0.25, 'open'),"
  "  ('Proposal', 3, 0.50, 'open'),"
  "  ('Negotiation', 4, 0.75, 'open'),"
  "  ('Won', 5, 1.0, 'won'),"
  "  ('Lost', 6, 0.0, 'lost');"

  "INSERT INTO lost_reason (name) VALUES ('Price'), ('Competitor'), ('No budget'),"
  "  ('No decision'), ('Timing'), ('Product fit');"
  "INSERT INTO channel (name) VALUES ('Website'), ('Referral'), ('Trade show'),"
  "  ('Outbound'), ('Partner');";

/* Version 2: notes attached to a period and scope: the director's monthly
 * comment printed in the summary, and the written strategy of a period. */
static const char migration_2[] =
  "CREATE TABLE period_note (" EDITABLE_COLUMNS
  "  kind TEXT NOT NULL CHECK (kind = 'comment' OR kind = 'strategy'),"
  "  period_kind TEXT NOT NULL CHECK (period_kind = 'week' OR period_kind = 'month'"
    " OR period_kind = 'quarter' OR period_kind = 'year'),"
  "  period_start TEXT NOT NULL,"
  "  scope TEXT NOT NULL DEFAULT 'company' CHECK (scope = 'company' OR scope = 'team'"
    " OR scope = 'member'),"
  "  scope_id INTEGER,"
  "  text TEXT NOT NULL DEFAULT '',"
  "  CHECK ((scope = 'company') = (scope_id IS NULL))"
  ");"
  REF_INDEX ("period_note")
  "CREATE UNIQUE INDEX period_note_key ON period_note"
  "  (kind, period_kind, period_start, scope, ifnull (scope_id, 0)) WHERE deleted_at IS NULL;";

/* Version 3: tolerant name lookups (a key without case, accents or extra
 * spaces, kept by the store) and import batches that can be undone. */
#define NAME_KEY(t, column) \
  "ALTER TABLE " t " ADD COLUMN name_key TEXT;" \
  "UPDATE " t " SET name_key = pilote_fold (" column ");" \
  "CREATE INDEX " t "_name_key ON " t " (name_key) WHERE deleted_at IS NULL;"

static const char migration_3[] =
  NAME_KEY ("team", "name")
  NAME_KEY ("member", "name")
  NAME_KEY ("segment", "name")
  NAME_KEY ("channel", "name")
  NAME_KEY ("competitor", "name")
  NAME_KEY ("lost_reason", "name")
  NAME_KEY ("client", "name")
  NAME_KEY ("contact", "name")
  NAME_KEY ("product", "name")
  NAME_KEY ("stage", "name")
  NAME_KEY ("deal", "title")

  "CREATE TABLE import_batch ("
  "  id INTEGER PRIMARY KEY,"
  "  entity TEXT NOT NULL,"
  "  source TEXT,"
  "  profile TEXT,"
  "  inserted INTEGER NOT NULL DEFAULT 0,"
  "  updated INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL DEFAULT 0,"   /* related records created on the way */
  "  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
  "  imported_by INTEGER,"
  "  undone_at TEXT"
  ");"
  "ALTER TABLE audit_entry ADD COLUMN batch_id INTEGER REFERENCES import_batch (id);"
  "CREATE INDEX audit_entry_batch ON audit_entry (batch_id, table_name, row_id)"
  "  WHERE batch_id IS NOT NULL;"
  "ALTER TABLE stage_change ADD COLUMN batch_id INTEGER REFERENCES import_batch (id);";

/* Version 4: search as you type over clients: a full-text index of each
 * client's name, city and contacts (names and e-mails), without case or
 * accents, with prefixes of up to three letters indexed; triggers keep it
 * in step with the client and contact tables. */
#define CLIENT_PEOPLE(id) \
  "(SELECT group_concat (p.name || ' ' || coalesce (p.email, ''), ' ') FROM contact p" \
  " WHERE p.client_id = " id " AND p.deleted_at IS NULL)"

/* lists of clients sorted by a column, empty values last: the first page
 * is read from the index (see pilote-client-list.c) */
#define CLIENT_SORT_INDEX(column) \
  "CREATE INDEX client_sort_" column " ON client ((" column " IS NULL OR " column " = ''),"  \
  "  " column " COLLATE NOCASE, name COLLATE NOCASE) WHERE deleted_at IS NULL;"

static const char migration_4[] =
  CLIENT_SORT_INDEX ("city")
  CLIENT_SORT_INDEX ("region")
  CLIENT_SORT_INDEX ("sector")
  "CREATE INDEX client_sort_acquired ON client ((acquired_on IS NULL OR acquired_on = ''),"
  "  acquired_on, name COLLATE NOCASE) WHERE deleted_at IS NULL;"
  /* a client's won deals at a glance: its revenue in lists of clients */
  "CREATE INDEX deal_client_won ON deal (client_id, amount, cost)"
  "  WHERE deleted_at IS NULL AND status = 'won';"
  "CREATE VIRTUAL TABLE client_search USING fts5 (name, city, people,"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');"
  "INSERT INTO client_search (rowid, name, city, people)"
  "  SELECT c.id, c.name, c.city, " CLIENT_PEOPLE ("c.id") " FROM client c;"
  /* a new client has no contacts yet: they refer to it */
  "CREATE TRIGGER client_search_insert AFTER INSERT ON client BEGIN"
  "  INSERT INTO client_search (rowid, name, city) VALUES (new.id, new.name, new.city);"
  "END;"
  "CREATE TRIGGER client_search_update AFTER UPDATE OF name, city ON client BEGIN"
  "  UPDATE client_search SET name = new.name, city = new.city WHERE rowid = new.id;"
  "END;"
  "CREATE TRIGGER client_search_delete AFTER DELETE ON client BEGIN"
  "  DELETE FROM client_search WHERE rowid = old.id;"
  "END;"
  /* a new contact adds its words: no need to read the client's other
   * contacts (bulk writes may have dropped the contact index meanwhile) */
  "CREATE TRIGGER contact_search_insert AFTER INSERT ON contact"
  "  WHEN new.deleted_at IS NULL BEGIN"
  "  UPDATE client_search SET people = coalesce (people || ' ', '') || new.name || ' '"
  "    || coalesce (new.email, '') WHERE rowid = new.client_id;"
  "END;"
  "CREATE TRIGGER contact_search_update AFTER UPDATE OF client_id, name, email, deleted_at"
  "  ON contact BEGIN"
  "  UPDATE client_search SET people = " CLIENT_PEOPLE ("new.client_id")
  "    WHERE rowid = new.client_id;"
  "  UPDATE client_search SET people = " CLIENT_PEOPLE ("old.client_id")
  "    WHERE rowid = old.client_id AND old.client_id <> new.client_id;"
  "END;"
  "CREATE TRIGGER contact_search_delete AFTER DELETE ON contact BEGIN"
  "  UPDATE client_search SET people = " CLIENT_PEOPLE ("old.client_id")
  "    WHERE rowid = old.client_id;"
  "END;";

/* Version 5: who has the file open: one row per open window, kept fresh
 * by a heartbeat; rows without one for two minutes are stale. */
static const char migration_5[] =
  "CREATE TABLE presence ("
  "  id INTEGER PRIMARY KEY,"
  "  member_id INTEGER,"
  "  name TEXT,"
  "  host TEXT NOT NULL,"
  "  pid INTEGER NOT NULL,"
  "  since TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
  "  heartbeat TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
  ");"
  "CREATE INDEX presence_heartbeat ON presence (heartbeat);";

/* Version 6: comments on an objective (how it goes, what is in the way). */
static const char migration_6[] =
  "ALTER TABLE objective ADD COLUMN comments TEXT;";

/* Version 7: the agenda of one member: their open activities by due time,
 * with the kind, so that counting and paging them reads the index only. */
static const char migration_7[] =
  "CREATE INDEX activity_open_owner ON activity (owner_id, due_at, kind)"
  "  WHERE deleted_at IS NULL AND done_at IS NULL;";

/* Version 8: lists of clients sorted by owner, segment, channel, kind or
 * revenue read their first page from an index, as those by city do, and
 * so do searches that find many clients. Each
 * client keeps the names of its owner, segment and channel and its revenue
 * to date (the amounts of its won deals not deleted, as the KPI engine
 * counts them), kept in step by triggers in the transaction of each write. */
#define CLIENT_LINKED_NAME(column, table, id) \
  "CREATE TRIGGER client_" column "_update AFTER UPDATE OF " id " ON client BEGIN" \
  "  UPDATE client SET " column " = (SELECT t.name FROM " table " t WHERE t.id = new." id ")" \
  "    WHERE id = new.id;" \
  "END;" \
  "CREATE TRIGGER " table "_client_" column " AFTER UPDATE OF name ON " table \
  "  WHEN new.name IS NOT old.name BEGIN" \
  "  UPDATE client SET " column " = new.name WHERE " id " = new.id;" \
  "END;" \
  "CREATE TRIGGER " table "_client_" column "_delete AFTER DELETE ON " table " BEGIN" \
  "  UPDATE client SET " column " = NULL WHERE " id " = old.id;" \
  "END;" \
  CLIENT_SORT_INDEX (column)

#define DEAL_COUNTS(d) \
  "(" d ".status = 'won' AND " d ".deleted_at IS NULL AND " d ".client_id IS NOT NULL)"

static const char migration_8[] =
  "ALTER TABLE client ADD COLUMN owner_name TEXT;"
  "ALTER TABLE client ADD COLUMN segment_name TEXT;"
  "ALTER TABLE client ADD COLUMN channel_name TEXT;"
  "ALTER TABLE client ADD COLUMN revenue_to_date INTEGER NOT NULL DEFAULT 0;"
  "UPDATE client SET"
  "  owner_name = (SELECT t.name FROM member t WHERE t.id = client.owner_id),"
  "  segment_name = (SELECT t.name FROM segment t WHERE t.id = client.segment_id),"
  "  channel_name = (SELECT t.name FROM channel t WHERE t.id = client.channel_id);"
  "UPDATE client SET revenue_to_date = r.revenue FROM"
  "  (SELECT d.client_id, sum (d.amount) AS revenue FROM deal d"
  "   WHERE d.status = 'won' AND d.deleted_at IS NULL GROUP BY d.client_id) AS r"
  "  WHERE r.client_id = client.id;"
  /* a new client with an owner, segment or channel: their names */
  "CREATE TRIGGER client_linked_names_insert AFTER INSERT ON client"
  "  WHEN new.owner_id IS NOT NULL OR new.segment_id IS NOT NULL"
  "    OR new.channel_id IS NOT NULL BEGIN"
  "  UPDATE client SET"
  "    owner_name = (SELECT t.name FROM member t WHERE t.id = new.owner_id),"
  "    segment_name = (SELECT t.name FROM segment t WHERE t.id = new.segment_id),"
  "    channel_name = (SELECT t.name FROM channel t WHERE t.id = new.channel_id)"
  "    WHERE id = new.id;"
  "END;"
  CLIENT_LINKED_NAME ("owner_name", "member", "owner_id")
  CLIENT_LINKED_NAME ("segment_name", "segment", "segment_id")
  CLIENT_LINKED_NAME ("channel_name", "channel", "channel_id")
  "CREATE INDEX client_sort_kind ON client"
  "  ((CASE kind WHEN 'prospect' THEN 0 WHEN 'client' THEN 1 ELSE 2 END), name COLLATE NOCASE)"
  "  WHERE deleted_at IS NULL;"
  "CREATE INDEX client_sort_revenue ON client (revenue_to_date, name COLLATE NOCASE)"
  "  WHERE deleted_at IS NULL;"
  /* searches finding many clients read the list by name in order and
   * count the deleted clients apart (see pilote-client-list.c) */
  "CREATE INDEX client_sort_name ON client (name COLLATE NOCASE) WHERE deleted_at IS NULL;"
  "CREATE INDEX client_deleted ON client (deleted_at) WHERE deleted_at IS NOT NULL;"
  "CREATE TRIGGER deal_revenue_insert AFTER INSERT ON deal WHEN " DEAL_COUNTS ("new") " BEGIN"
  "  UPDATE client SET revenue_to_date = revenue_to_date + new.amount WHERE id = new.client_id;"
  "END;"
  "CREATE TRIGGER deal_revenue_update AFTER UPDATE OF client_id, status, amount, deleted_at"
  "  ON deal WHEN " DEAL_COUNTS ("old") " OR " DEAL_COUNTS ("new") " BEGIN"
  "  UPDATE client SET revenue_to_date = revenue_to_date - old.amount"
  "    WHERE id = old.client_id AND " DEAL_COUNTS ("old") ";"
  "  UPDATE client SET revenue_to_date = revenue_to_date + new.amount"
  "    WHERE id = new.client_id AND " DEAL_COUNTS ("new") ";"
  "END;"
  "CREATE TRIGGER deal_revenue_delete AFTER DELETE ON deal WHEN " DEAL_COUNTS ("old") " BEGIN"
  "  UPDATE client SET revenue_to_date = revenue_to_date - old.amount WHERE id = old.client_id;"
  "END;";

/* Version 9: the monthly summaries of closed deals the KPI engine reads
 * instead of the deals themselves (see pilote-kpi-summary-sql.h), kept in
 * step by triggers in the transaction of every write. */
#define DEAL_KPI_CHANGED \
  "(old.status IS NOT new.status OR old.amount IS NOT new.amount" \
  " OR old.cost IS NOT new.cost OR old.closed_on IS NOT new.closed_on" \
  " OR old.created_on IS NOT new.created_on OR old.owner_id IS NOT new.owner_id" \
  " OR old.client_id IS NOT new.client_id OR old.channel_id IS NOT new.channel_id" \
  " OR old.deleted_at IS NOT new.deleted_at)"
#define DEAL_IS_CLOSED(id) "((SELECT status FROM deal WHERE id = " id ") <> 'open')"
#define LINE_KPI_CHANGED \
  "(old.deal_id IS NOT new.deal_id OR old.product_id IS NOT new.product_id" \
  " OR old.amount IS NOT new.amount OR old.cost IS NOT new.cost" \
  " OR old.deleted_at IS NOT new.deleted_at)"
#define LINE_DEALS "d.id = old.deal_id OR d.id = new.deal_id"
#define CLIENT_KPI_CHANGED \
  "(old.segment_id IS NOT new.segment_id OR old.sector IS NOT new.sector" \
  " OR old.region IS NOT new.region OR old.country IS NOT new.country" \
  " OR old.channel_id IS NOT new.channel_id)"
#define PRODUCT_DEALS(p) "d.id IN (SELECT l.deal_id FROM deal_line l WHERE l.product_id = " p ")"

/* the monthly summaries (as version 16 has them: a file upgraded from an
 * earlier version has them created again by migrations 14 and 16) */
#define KPI_MONTH_TABLE \
  "CREATE TABLE kpi_month (" \
  "  dim INTEGER NOT NULL," \
  "  month TEXT NOT NULL," \
  "  owner_id INTEGER NOT NULL," \
  "  segment_id INTEGER NOT NULL," \
  "  key NOT NULL," \
  "  key2 NOT NULL DEFAULT x''," \
  "  revenue INTEGER NOT NULL," \
  "  cost INTEGER NOT NULL," \
  "  won INTEGER NOT NULL," \
  "  lost INTEGER NOT NULL," \
  "  cycle_days REAL NOT NULL," \
  "  cycle_count INTEGER NOT NULL," \
  "  PRIMARY KEY (dim, month, owner_id, segment_id, key, key2)" \
  ") WITHOUT ROWID;"
/* every month with closed deals is summed when the file is next opened
 * for writing (pilote_kpi_summary_catch_up ()) */
#define KPI_MONTH_ALL_DIRTY \
  "INSERT INTO kpi_dirty (month) SELECT DISTINCT substr (closed_on, 1, 7) FROM deal" \
  "  WHERE status <> 'open' AND closed_on IS NOT NULL ON CONFLICT DO NOTHING;"

/* the triggers that keep the monthly summaries of a deal in step; created
 * again when the summaries gain a dimension */
#define DEAL_KPI_TRIGGERS \
  "CREATE TRIGGER deal_kpi_insert AFTER INSERT ON deal" \
  "  WHEN new.status <> 'open' AND " PILOTE_KPI_LIVE " BEGIN " \
  PILOTE_KPI_UPSERT (PILOTE_KPI_ALL_ROWS ("d.id = new.id", "1")) \
  "END;" \
  "CREATE TRIGGER deal_kpi_update_before BEFORE UPDATE ON deal" \
  "  WHEN old.status <> 'open' AND " DEAL_KPI_CHANGED " AND " PILOTE_KPI_LIVE " BEGIN " \
  PILOTE_KPI_UPSERT (PILOTE_KPI_ALL_ROWS ("d.id = old.id", "-1")) \
  "END;" \
  "CREATE TRIGGER deal_kpi_update_after AFTER UPDATE ON deal" \
  "  WHEN new.status <> 'open' AND " DEAL_KPI_CHANGED " AND " PILOTE_KPI_LIVE " BEGIN " \
  PILOTE_KPI_UPSERT (PILOTE_KPI_ALL_ROWS ("d.id = new.id", "1")) \
  "END;" \
  "CREATE TRIGGER deal_kpi_delete BEFORE DELETE ON deal" \
  "  WHEN old.status <> 'open' AND " PILOTE_KPI_LIVE " BEGIN " \
  PILOTE_KPI_UPSERT (PILOTE_KPI_ALL_ROWS ("d.id = old.id", "-1")) \
  "END;"

/* the triggers that keep the monthly summaries in step with the lines of
 * closed deals, their clients and their products */
/* two triggers on @event: before it, the summaries' @rows of the deals of
 * @cond taken out as they are; after it, added back as they have become */
#define KPI_TRIGGER_PAIR(name, event, when, rows, cond) \
  "CREATE TRIGGER " name "_before BEFORE " event " WHEN " when " BEGIN " \
  PILOTE_KPI_UPSERT (rows (cond, "-1")) \
  "END;" \
  "CREATE TRIGGER " name "_after AFTER " event " WHEN " when " BEGIN " \
  PILOTE_KPI_UPSERT (rows (cond, "1")) \
  "END;"
#define KPI_CLIENT_DIM_ROWS(cond, sign) \
  PILOTE_KPI_DEAL_ROWS (PILOTE_KPI_CLIENT_DIMS, cond, sign) \
  " UNION ALL " PILOTE_KPI_LINE_ROWS (PILOTE_KPI_CLIENT_LINE_DIMS, cond, sign)
#define KPI_LINE_ROWS(cond, sign) PILOTE_KPI_LINE_ROWS (PILOTE_KPI_LINE_DIMS, cond, sign)
#define KPI_PRODUCT_ROWS(cond, sign) \
  PILOTE_KPI_LINE_ROWS (PILOTE_KPI_PRODUCT_LINE_DIMS, cond, sign)

/* the triggers that keep the monthly summaries in step with the lines of
 * closed deals, their clients and their products */
#define KPI_LINE_CLIENT_PRODUCT_TRIGGERS \
  KPI_TRIGGER_PAIR ("deal_line_kpi_insert", "INSERT ON deal_line", \
                    PILOTE_KPI_LIVE " AND " DEAL_IS_CLOSED ("new.deal_id"), \
                    KPI_LINE_ROWS, "d.id = new.deal_id") \
  KPI_TRIGGER_PAIR ("deal_line_kpi_update", "UPDATE ON deal_line", \
                    LINE_KPI_CHANGED " AND " PILOTE_KPI_LIVE " AND (" \
                    DEAL_IS_CLOSED ("old.deal_id") " OR " DEAL_IS_CLOSED ("new.deal_id") ")", \
                    KPI_LINE_ROWS, LINE_DEALS) \
  KPI_TRIGGER_PAIR ("deal_line_kpi_delete", "DELETE ON deal_line", \
                    PILOTE_KPI_LIVE " AND " DEAL_IS_CLOSED ("old.deal_id"), \
                    KPI_LINE_ROWS, "d.id = old.deal_id") \
  KPI_TRIGGER_PAIR ("client_kpi_update", "UPDATE ON client", \
                    CLIENT_KPI_CHANGED " AND old.segment_id IS new.segment_id AND " \
                    PILOTE_KPI_LIVE, KPI_CLIENT_DIM_ROWS, "d.client_id = new.id") \
  /* a client of another segment: every row of its deals moves */ \
  KPI_TRIGGER_PAIR ("client_kpi_segment", "UPDATE OF segment_id ON client", \
                    "old.segment_id IS NOT new.segment_id AND " PILOTE_KPI_LIVE, \
                    PILOTE_KPI_ALL_ROWS, "d.client_id = new.id") \
  KPI_TRIGGER_PAIR ("product_kpi_update", "UPDATE ON product", \
                    "old.category IS NOT new.category AND " PILOTE_KPI_LIVE, \
                    KPI_PRODUCT_ROWS, PRODUCT_DEALS ("new.id"))

static const char migration_9[] =
  "CREATE TABLE kpi_state ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  suspended INTEGER NOT NULL DEFAULT 0"
  ");"
  "INSERT INTO kpi_state (id, suspended) VALUES (1, 0);"
  "CREATE TABLE kpi_dirty (month TEXT PRIMARY KEY) WITHOUT ROWID;"
  KPI_MONTH_TABLE
  KPI_MONTH_ALL_DIRTY

  /* the won deals in the order of their clients: who bought in a year and
   * the year before (churn, client lifetime) without sorting them */
  "CREATE INDEX deal_client_won_on ON deal (client_id, closed_on, amount, cost)"
  "  WHERE deleted_at IS NULL AND status = 'won';"
  /* which it replaces, as a client's revenue is summed by the same prefix */
  "DROP INDEX IF EXISTS deal_client_won;"
  /* the deals that entered a stage in a period, counted from the index
   * alone (the funnel), less those of deleted deals, found from the few
   * deleted deals */
  "DROP INDEX IF EXISTS stage_change_to;"
  "CREATE INDEX stage_change_to ON stage_change (to_stage_id, changed_at, deal_id);"
  "DROP INDEX IF EXISTS stage_change_deal;"
  "CREATE INDEX stage_change_deal ON stage_change (deal_id, changed_at, to_stage_id);"
  "CREATE INDEX deal_deleted ON deal (deleted_at) WHERE deleted_at IS NOT NULL;"
  /* new clients by month, and by owner, from the index alone */
  "DROP INDEX IF EXISTS client_acquired;"
  "CREATE INDEX client_acquired ON client (acquired_on, owner_id)"
  "  WHERE acquired_on IS NOT NULL AND deleted_at IS NULL;"
  /* the prospects of a period: clients created before its end, not
   * acquired before its start */
  "CREATE INDEX client_created ON client (created_at, acquired_on) WHERE deleted_at IS NULL;"
  /* the pipeline's list sorted by title or by amount reads its first page
   * from an index (probability kept in the second, so that the sort by
   * probability does not pick it and read every row) */
  "CREATE INDEX deal_open_title ON deal (title COLLATE NOCASE, owner_id, stage_id)"
  "  WHERE deleted_at IS NULL AND status = 'open';"
  "CREATE INDEX deal_open_amount ON deal (amount, owner_id, stage_id, probability)"
  "  WHERE deleted_at IS NULL AND status = 'open';"

  DEAL_KPI_TRIGGERS

  KPI_LINE_CLIENT_PRODUCT_TRIGGERS

  /* suspended: the months touched, summed again before the commit */
  "CREATE TRIGGER deal_kpi_dirty_insert AFTER INSERT ON deal"
  "  WHEN new.status <> 'open' AND " PILOTE_KPI_SUSPENDED " BEGIN"
  "  INSERT INTO kpi_dirty (month) VALUES (substr (new.closed_on, 1, 7)) ON CONFLICT DO NOTHING;"
  "END;"
  "CREATE TRIGGER deal_kpi_dirty_update AFTER UPDATE ON deal"
  "  WHEN (old.status <> 'open' OR new.status <> 'open') AND " DEAL_KPI_CHANGED
  "  AND " PILOTE_KPI_SUSPENDED " BEGIN"
  "  INSERT INTO kpi_dirty (month) SELECT substr (old.closed_on, 1, 7) WHERE old.status <> 'open'"
  "    UNION SELECT substr (new.closed_on, 1, 7) WHERE new.status <> 'open'"
  "    ON CONFLICT DO NOTHING;"
  "END;"
  "CREATE TRIGGER deal_kpi_dirty_delete AFTER DELETE ON deal"
  "  WHEN old.status <> 'open' AND " PILOTE_KPI_SUSPENDED " BEGIN"
  "  INSERT INTO kpi_dirty (month) VALUES (substr (old.closed_on, 1, 7)) ON CONFLICT DO NOTHING;"
  "END;"
  "CREATE TRIGGER deal_line_kpi_dirty_insert AFTER INSERT ON deal_line"
  "  WHEN " PILOTE_KPI_SUSPENDED " BEGIN "
  PILOTE_KPI_MARK_DIRTY ("d.id = new.deal_id")
  "END;"
  "CREATE TRIGGER deal_line_kpi_dirty_update AFTER UPDATE ON deal_line"
  "  WHEN " LINE_KPI_CHANGED " AND " PILOTE_KPI_SUSPENDED " BEGIN "
  PILOTE_KPI_MARK_DIRTY (LINE_DEALS)
  "END;"
  "CREATE TRIGGER deal_line_kpi_dirty_delete AFTER DELETE ON deal_line"
  "  WHEN " PILOTE_KPI_SUSPENDED " BEGIN "
  PILOTE_KPI_MARK_DIRTY ("d.id = old.deal_id")
  "END;"
  "CREATE TRIGGER client_kpi_dirty_update AFTER UPDATE ON client"
  "  WHEN " CLIENT_KPI_CHANGED " AND " PILOTE_KPI_SUSPENDED " BEGIN "
  PILOTE_KPI_MARK_DIRTY ("d.client_id = new.id")
  "END;"
  "CREATE TRIGGER product_kpi_dirty_update AFTER UPDATE ON product"
  "  WHEN old.category IS NOT new.category AND " PILOTE_KPI_SUSPENDED " BEGIN "
  PILOTE_KPI_MARK_DIRTY (PRODUCT_DEALS ("new.id"))
  "END;";

/* Version 10: each deal carries the date it last changed stage (else its
 * creation date), so that the pipeline sorts by days in stage and counts
 * stale deals from an index instead of looking up the last stage change of
 * every open deal. Triggers keep it in step with stage_change whoever
 * writes; a bulk writer that inserts a deal with the column already set
 * (the demo, a bulk import) leaves the insert trigger idle. The partial
 * indexes of open deals give the pipeline's pages in the order of their
 * owners, stages, probabilities and days in stage, deal by deal (the id is
 * a column of each so that a walk of one owner, stage or probability is in
 * the order of the ids, and the conditions of the filters are read from the
 * index). */
#define STAGE_CHANGED_ON_OF(id) \
  "UPDATE deal SET stage_changed_on = coalesce ((SELECT substr (max (c.changed_at), 1, 10)" \
  "  FROM stage_change c WHERE c.deal_id = deal.id), substr (deal.created_on, 1, 10))" \
  "  WHERE id = " id ";"
#define OPEN_DEAL "deleted_at IS NULL AND status = 'open'"
/* adds (@sign "") or takes off (@sign "-") deal @row, when @cond */
#define PIPELINE_ADD(row, sign, cond) \
  "INSERT INTO pipeline_summary (stage_id, owner_id, n, amount, weighted, unweighted)" \
  " SELECT " row ".stage_id, coalesce (" row ".owner_id, 0), " sign "1, " sign row ".amount," \
  " " sign "coalesce (" row ".amount * " row ".probability, 0)," \
  " " sign "(CASE WHEN " row ".probability IS NULL THEN " row ".amount ELSE 0 END)" \
  " WHERE " cond \
  " ON CONFLICT (stage_id, owner_id) DO UPDATE SET n = n + excluded.n," \
  " amount = amount + excluded.amount, weighted = weighted + excluded.weighted," \
  " unweighted = unweighted + excluded.unweighted;"

/* the same, by month of expected close ('' for none) and forecast category
 * too (schema version 13) */
/* the summary of the open pipeline by stage, owner, segment of the
 * client (0 for none; schema version 14), month of expected close and
 * forecast category */
#define PIPELINE_SUMMARY_TABLE \
  "CREATE TABLE pipeline_summary (" \
  "  stage_id INTEGER NOT NULL," \
  "  owner_id INTEGER NOT NULL," \
  "  segment_id INTEGER NOT NULL," \
  "  expected_month TEXT NOT NULL," \
  "  forecast_category TEXT NOT NULL," \
  "  n INTEGER NOT NULL," \
  "  amount INTEGER NOT NULL," \
  "  weighted REAL NOT NULL," \
  "  unweighted INTEGER NOT NULL," \
  "  PRIMARY KEY (stage_id, owner_id, segment_id, expected_month, forecast_category)" \
  ") WITHOUT ROWID;"
#define PIPELINE_SUMMARY_UPSERT \
  " ON CONFLICT (stage_id, owner_id, segment_id, expected_month, forecast_category)" \
  " DO UPDATE SET n = n + excluded.n," \
  " amount = amount + excluded.amount, weighted = weighted + excluded.weighted," \
  " unweighted = unweighted + excluded.unweighted;"
/* sums @sign the open deals "d" of @cond, their client's segment @segment */
#define PIPELINE_SUMMARY_SUM(cond, segment, sign) \
  "INSERT INTO pipeline_summary (stage_id, owner_id, segment_id, expected_month," \
  " forecast_category, n, amount, weighted, unweighted)" \
  " SELECT d.stage_id, coalesce (d.owner_id, 0), coalesce (" segment ", 0)," \
  " coalesce (substr (d.expected_close_on, 1, 7), ''), d.forecast_category," \
  " " sign "count (*), " sign "sum (d.amount), " sign "total (d.amount * d.probability)," \
  " " sign "total (CASE WHEN d.probability IS NULL THEN d.amount ELSE 0 END)" \
  " FROM deal d LEFT JOIN client c ON c.id = d.client_id" \
  " WHERE d.deleted_at IS NULL AND d.status = 'open' AND " cond \
  " GROUP BY 1, 2, 3, 4, 5" PIPELINE_SUMMARY_UPSERT
#define PIPELINE_MONTH_ADD(row, sign, cond) \
  "INSERT INTO pipeline_summary (stage_id, owner_id, segment_id, expected_month," \
  " forecast_category, n, amount, weighted, unweighted)" \
  " SELECT " row ".stage_id, coalesce (" row ".owner_id, 0)," \
  " coalesce ((SELECT c.segment_id FROM client c WHERE c.id = " row ".client_id), 0)," \
  " coalesce (substr (" row ".expected_close_on, 1, 7), '')," \
  " " row ".forecast_category, " sign "1, " sign row ".amount," \
  " " sign "coalesce (" row ".amount * " row ".probability, 0)," \
  " " sign "(CASE WHEN " row ".probability IS NULL THEN " row ".amount ELSE 0 END)" \
  " WHERE " cond PIPELINE_SUMMARY_UPSERT

/* indexes of open deals that version 13 creates again where missing */
#define DEAL_OPEN_CLIENT \
  "deal_open_client ON deal (client_id, id, owner_id, stage_id, expected_close_on)" \
  "  WHERE " OPEN_DEAL ";"
#define DEAL_OPEN_STAGE_CHANGED \
  "deal_open_stage_changed ON deal (stage_id, stage_changed_on, owner_id," \
  "  expected_close_on) WHERE " OPEN_DEAL ";"
#define DEAL_OPEN_TITLE \
  "deal_open_title ON deal (title COLLATE NOCASE, owner_id, stage_id) WHERE " OPEN_DEAL ";"
#define DEAL_OPEN_AMOUNT \
  "deal_open_amount ON deal (amount, owner_id, stage_id, probability) WHERE " OPEN_DEAL ";"

static const char migration_10[] =
  "ALTER TABLE deal ADD COLUMN stage_changed_on TEXT;"
  "UPDATE deal SET stage_changed_on = coalesce ((SELECT substr (max (c.changed_at), 1, 10)"
  "  FROM stage_change c WHERE c.deal_id = deal.id), substr (created_on, 1, 10));"

  "CREATE INDEX deal_open_changed ON deal (stage_changed_on, id DESC, owner_id, stage_id,"
  "  expected_close_on) WHERE " OPEN_DEAL ";"
  "CREATE INDEX deal_open_owner ON deal (owner_id, id, stage_id, expected_close_on)"
  "  WHERE " OPEN_DEAL ";"
  "CREATE INDEX deal_open_stage ON deal (stage_id, id, owner_id, expected_close_on, probability)"
  "  WHERE " OPEN_DEAL ";"
  "CREATE INDEX deal_open_probability ON deal (probability, id, owner_id, stage_id,"
  "  expected_close_on) WHERE " OPEN_DEAL ";"
  "CREATE INDEX " DEAL_OPEN_CLIENT
  /* the stale deals of each stage, counted in a range of their own */
  "CREATE INDEX " DEAL_OPEN_STAGE_CHANGED
  /* files upgraded to version 9 before it had the indexes of the sorts by
   * title and by amount */
  "CREATE INDEX IF NOT EXISTS " DEAL_OPEN_TITLE
  "CREATE INDEX IF NOT EXISTS " DEAL_OPEN_AMOUNT
  /* the open pipeline and its forecast read from the index of open deals
   * alone (with their forecast category), and the lost deals of a period
   * by reason and competitor from an index of their own */
  "DROP INDEX IF EXISTS deal_open;"
  "CREATE INDEX deal_open ON deal (expected_close_on, owner_id, stage_id, amount, probability,"
  "  forecast_category) WHERE " OPEN_DEAL ";"
  "DROP INDEX IF EXISTS deal_lost;"
  "CREATE INDEX deal_lost ON deal (closed_on, lost_reason_id, competitor_id, owner_id, amount)"
  "  WHERE deleted_at IS NULL AND status = 'lost';"
  /* files upgraded to version 9 before it had the index of won deals in
   * the order of their clients, which the clients of the last two years
   * are read from by name */
  "CREATE INDEX IF NOT EXISTS deal_client_won_on ON deal (client_id, closed_on, amount, cost)"
  "  WHERE deleted_at IS NULL AND status = 'won';"
  /* one rep's meetings and calls of a period, for the objectives on them */
  "DROP INDEX IF EXISTS activity_owner_done;"
  "CREATE INDEX activity_owner_done ON activity (owner_id, done_at, kind)"
  "  WHERE deleted_at IS NULL;"
  /* and the clients a rep won over in a period */
  "DROP INDEX IF EXISTS client_owner_acquired;"
  "CREATE INDEX client_owner_acquired ON client (owner_id, acquired_on)"
  "  WHERE deleted_at IS NULL;"

  "CREATE TRIGGER deal_stage_changed_insert AFTER INSERT ON deal"
  "  WHEN new.stage_changed_on IS NULL BEGIN "
  STAGE_CHANGED_ON_OF ("new.id")
  "END;"
  "CREATE TRIGGER deal_stage_changed_created AFTER UPDATE OF created_on ON deal"
  "  WHEN old.created_on IS NOT new.created_on BEGIN "
  STAGE_CHANGED_ON_OF ("new.id")
  "END;"
  /* a change moves the date when it is later than the one the deal
   * carries, or earlier but the deal's first (the deal carried its creation
   * date); a writer that gives the deal its last change's date before it
   * writes the changes, in any order, leaves the trigger idle */
  "CREATE TRIGGER stage_change_insert AFTER INSERT ON stage_change"
  "  WHEN EXISTS (SELECT 1 FROM deal d WHERE d.id = new.deal_id"
  "    AND (d.stage_changed_on IS NULL OR substr (new.changed_at, 1, 10) > d.stage_changed_on"
  "      OR (substr (new.changed_at, 1, 10) < d.stage_changed_on"
  "        AND d.stage_changed_on = substr (d.created_on, 1, 10)"
  "        AND NOT EXISTS (SELECT 1 FROM stage_change c WHERE c.deal_id = d.id"
  "          AND c.id <> new.id)))) BEGIN "
  STAGE_CHANGED_ON_OF ("new.deal_id")
  "END;"
  /* only the change of the date the deal carries can be its last one */
  "CREATE TRIGGER stage_change_delete AFTER DELETE ON stage_change"
  "  WHEN substr (old.changed_at, 1, 10) >="
  "    (SELECT stage_changed_on FROM deal WHERE id = old.deal_id) BEGIN "
  STAGE_CHANGED_ON_OF ("old.deal_id")
  "END;"
  "CREATE TRIGGER stage_change_update AFTER UPDATE OF deal_id, changed_at ON stage_change BEGIN "
  STAGE_CHANGED_ON_OF ("old.deal_id")
  STAGE_CHANGED_ON_OF ("new.deal_id")
  "END;"

  /* the open pipeline by stage and owner (0: none), what the headers of
   * the board's columns show for everyone, an owner or a team: count,
   * amount, Σ amount × probability of the deals with a probability of
   * their own, Σ amount of the others (times the stage's default when
   * read). Kept by triggers in the transaction of every write. */
  "CREATE TABLE pipeline_summary ("
  "  stage_id INTEGER NOT NULL,"
  "  owner_id INTEGER NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  amount INTEGER NOT NULL,"
  "  weighted REAL NOT NULL,"
  "  unweighted INTEGER NOT NULL,"
  "  PRIMARY KEY (stage_id, owner_id)"
  ") WITHOUT ROWID;"
  "INSERT INTO pipeline_summary (stage_id, owner_id, n, amount, weighted, unweighted)"
  "  SELECT stage_id, coalesce (owner_id, 0), count (*), sum (amount),"
  "    total (amount * probability), total (CASE WHEN probability IS NULL THEN amount END)"
  "  FROM deal WHERE " OPEN_DEAL " GROUP BY stage_id, coalesce (owner_id, 0);"
  "CREATE TRIGGER deal_pipeline_insert AFTER INSERT ON deal"
  "  WHEN new.deleted_at IS NULL AND new.status = 'open' BEGIN "
  PIPELINE_ADD ("new", "", "true")
  "END;"
  "CREATE TRIGGER deal_pipeline_update AFTER UPDATE OF stage_id, owner_id, amount, probability,"
  "  status, deleted_at ON deal"
  "  WHEN ((old.deleted_at IS NULL AND old.status = 'open')"
  "    OR (new.deleted_at IS NULL AND new.status = 'open'))"
  "  AND (old.stage_id IS NOT new.stage_id OR old.owner_id IS NOT new.owner_id"
  "    OR old.amount IS NOT new.amount OR old.probability IS NOT new.probability"
  "    OR old.status IS NOT new.status OR old.deleted_at IS NOT new.deleted_at) BEGIN "
  PIPELINE_ADD ("old", "-", "old.deleted_at IS NULL AND old.status = 'open'")
  PIPELINE_ADD ("new", "", "new.deleted_at IS NULL AND new.status = 'open'")
  "END;"
  "CREATE TRIGGER deal_pipeline_delete AFTER DELETE ON deal"
  "  WHEN old.deleted_at IS NULL AND old.status = 'open' BEGIN "
  PIPELINE_ADD ("old", "-", "true")
  "END;";

/* the won deals of each client by month (pilote-kpi-summary-sql.h) */
static const char migration_11[] =
  "CREATE TABLE client_month ("
  "  client_id INTEGER NOT NULL,"
  "  month TEXT NOT NULL,"
  "  won INTEGER NOT NULL,"
  "  revenue INTEGER NOT NULL,"
  "  margin INTEGER NOT NULL,"
  "  last_on TEXT NOT NULL,"
  "  next_month TEXT NOT NULL,"
  "  PRIMARY KEY (client_id, month)"
  ") WITHOUT ROWID;"
  PILOTE_CLIENT_MONTH_SUM ("true")
  "CREATE INDEX client_month_next ON client_month (next_month, month, last_on);"
  "CREATE TRIGGER deal_client_month_insert AFTER INSERT ON deal"
  "  WHEN " PILOTE_CLIENT_MONTH_LIVE ("new") " AND " PILOTE_KPI_LIVE " BEGIN "
  PILOTE_CLIENT_MONTH_ADD ("new")
  "END;"
  "CREATE TRIGGER deal_client_month_update AFTER UPDATE OF client_id, status, closed_on,"
  "  amount, cost, deleted_at ON deal"
  "  WHEN (" PILOTE_CLIENT_MONTH_LIVE ("old") " OR " PILOTE_CLIENT_MONTH_LIVE ("new") ")"
  "  AND (old.client_id IS NOT new.client_id OR old.status IS NOT new.status"
  "    OR old.closed_on IS NOT new.closed_on OR old.amount IS NOT new.amount"
  "    OR old.cost IS NOT new.cost OR old.deleted_at IS NOT new.deleted_at)"
  "  AND " PILOTE_KPI_LIVE " BEGIN "
  PILOTE_CLIENT_MONTH_REMOVE ("old")
  PILOTE_CLIENT_MONTH_ADD ("new")
  "END;"
  "CREATE TRIGGER deal_client_month_delete AFTER DELETE ON deal"
  "  WHEN " PILOTE_CLIENT_MONTH_LIVE ("old") " AND " PILOTE_KPI_LIVE " BEGIN "
  PILOTE_CLIENT_MONTH_REMOVE ("old")
  "END;"

  /* partial indexes that also hold the columns of their own condition:
   * SQLite reads a query's rows from an index alone only when the index
   * holds every column the query names, those of the condition included;
   * without them, each row of the index was looked up in its table */
  "DROP INDEX IF EXISTS deal_closed;"
  "CREATE INDEX deal_closed ON deal (closed_on, status, owner_id, client_id, amount, cost,"
  "  created_on, deleted_at) WHERE deleted_at IS NULL AND status <> 'open';"
  "DROP INDEX IF EXISTS deal_open;"
  "CREATE INDEX deal_open ON deal (expected_close_on, owner_id, stage_id, amount, probability,"
  "  forecast_category, status, deleted_at) WHERE " OPEN_DEAL ";"
  "DROP INDEX IF EXISTS deal_lost;"
  "CREATE INDEX deal_lost ON deal (closed_on, lost_reason_id, competitor_id, owner_id, amount,"
  "  status, deleted_at) WHERE deleted_at IS NULL AND status = 'lost';"
  "DROP INDEX IF EXISTS deal_client_won_on;"
  "CREATE INDEX deal_client_won_on ON deal (client_id, closed_on, amount, cost, status,"
  "  deleted_at) WHERE deleted_at IS NULL AND status = 'won';"
  "DROP INDEX IF EXISTS activity_done;"
  "CREATE INDEX activity_done ON activity (done_at, kind, owner_id, deleted_at)"
  "  WHERE deleted_at IS NULL;"
  "DROP INDEX IF EXISTS client_acquired;"
  "CREATE INDEX client_acquired ON client (acquired_on, owner_id, deleted_at)"
  "  WHERE acquired_on IS NOT NULL AND deleted_at IS NULL;"
  "DROP INDEX IF EXISTS client_created;"
  "CREATE INDEX client_created ON client (created_at, acquired_on, deleted_at)"
  "  WHERE deleted_at IS NULL;";

/* the activities done by month, owner and kind (pilote-kpi-summary-sql.h) */
static const char migration_12[] =
  "CREATE TABLE activity_month ("
  "  month TEXT NOT NULL,"
  "  owner_id INTEGER NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  PRIMARY KEY (month, owner_id, kind)"
  ") WITHOUT ROWID;"
  PILOTE_ACTIVITY_MONTH_SUM ("true")
  "CREATE TRIGGER activity_month_insert AFTER INSERT ON activity"
  "  WHEN " PILOTE_ACTIVITY_MONTH_DONE ("new") " BEGIN "
  PILOTE_ACTIVITY_MONTH_ADD ("new", "1")
  "END;"
  "CREATE TRIGGER activity_month_update AFTER UPDATE OF done_at, deleted_at, owner_id, kind"
  "  ON activity"
  "  WHEN (" PILOTE_ACTIVITY_MONTH_DONE ("old") " OR " PILOTE_ACTIVITY_MONTH_DONE ("new") ")"
  "  AND (old.done_at IS NOT new.done_at OR old.deleted_at IS NOT new.deleted_at"
  "    OR old.owner_id IS NOT new.owner_id OR old.kind IS NOT new.kind) BEGIN "
  PILOTE_ACTIVITY_MONTH_ADD ("old", "-1")
  PILOTE_ACTIVITY_MONTH_ADD ("new", "1")
  "END;"
  "CREATE TRIGGER activity_month_delete AFTER DELETE ON activity"
  "  WHEN " PILOTE_ACTIVITY_MONTH_DONE ("old") " BEGIN "
  PILOTE_ACTIVITY_MONTH_ADD ("old", "-1")
  "END;";

/* the figures of one rep, a team or an office, read from the owners' own
 * rows: their closed deals by date, and the stage changes of their deals,
 * which carry the deal's owner (kept by the deals' update trigger) */
static const char migration_13[] =
  /* the indexes of open deals the queries name (INDEXED BY), for a file
   * that reached version 10 without one of them */
  "CREATE INDEX IF NOT EXISTS " DEAL_OPEN_CLIENT
  "CREATE INDEX IF NOT EXISTS " DEAL_OPEN_STAGE_CHANGED
  "CREATE INDEX IF NOT EXISTS " DEAL_OPEN_TITLE
  "CREATE INDEX IF NOT EXISTS " DEAL_OPEN_AMOUNT
  /* the open deals also by client, the index read alone when a filter
   * names their clients (a segment, a region…) */
  "DROP INDEX IF EXISTS deal_open;"
  "CREATE INDEX deal_open ON deal (expected_close_on, owner_id, stage_id, amount, probability,"
  "  forecast_category, status, deleted_at, client_id) WHERE " OPEN_DEAL ";"
  "CREATE INDEX deal_owner_closed ON deal (owner_id, closed_on, status, client_id, amount,"
  "  cost, created_on, deleted_at) WHERE deleted_at IS NULL AND status <> 'open';"
  "ALTER TABLE stage_change ADD COLUMN owner_id INTEGER REFERENCES member (id);"
  "UPDATE stage_change SET owner_id = (SELECT d.owner_id FROM deal d"
  "  WHERE d.id = stage_change.deal_id);"
  "CREATE INDEX stage_change_owner ON stage_change (owner_id, changed_at, to_stage_id,"
  "  deal_id);"
  /* the writers give it; a change written without it takes it here */
  "CREATE TRIGGER stage_change_owner_insert AFTER INSERT ON stage_change"
  "  WHEN new.owner_id IS NULL AND EXISTS (SELECT 1 FROM deal d WHERE d.id = new.deal_id"
  "    AND d.owner_id IS NOT NULL) BEGIN"
  "  UPDATE stage_change SET owner_id = (SELECT d.owner_id FROM deal d"
  "    WHERE d.id = new.deal_id) WHERE id = new.id;"
  "END;"
  "CREATE TRIGGER deal_stage_change_owner AFTER UPDATE OF owner_id ON deal"
  "  WHEN old.owner_id IS NOT new.owner_id BEGIN"
  "  UPDATE stage_change SET owner_id = new.owner_id WHERE deal_id = new.id;"
  "END;"
  /* and their prospects and clients from one index alone */
  "DROP INDEX IF EXISTS client_owner_acquired;"
  "CREATE INDEX client_owner_acquired ON client (owner_id, acquired_on, created_at, deleted_at)"
  "  WHERE deleted_at IS NULL;"
  /* the new clients of a period by segment, channel or region (the
   * dashboard's breakdowns, its filters' values) from one index alone */
  "DROP INDEX IF EXISTS client_acquired;"
  "CREATE INDEX client_acquired ON client (acquired_on, owner_id, deleted_at, segment_id,"
  "  channel_id, region) WHERE acquired_on IS NOT NULL AND deleted_at IS NULL;"
  /* the sectors, regions and tags the Clients view's filters offer, each
   * from an index alone rather than from every client's row */
  "DROP INDEX IF EXISTS client_sort_sector;"
  "CREATE INDEX client_sort_sector ON client ((sector IS NULL OR sector = ''),"
  "  sector COLLATE NOCASE, name COLLATE NOCASE, deleted_at) WHERE deleted_at IS NULL;"
  "DROP INDEX IF EXISTS client_sort_region;"
  "CREATE INDEX client_sort_region ON client ((region IS NULL OR region = ''),"
  "  region COLLATE NOCASE, name COLLATE NOCASE, deleted_at) WHERE deleted_at IS NULL;"
  "CREATE INDEX client_tags ON client (tags, deleted_at)"
  "  WHERE deleted_at IS NULL AND tags IS NOT NULL AND tags <> '';"

  /* the summary of the open pipeline also by month of expected close and
   * forecast category: the forecast of whole months read from it */
  "CREATE TABLE pipeline_month ("
  "  stage_id INTEGER NOT NULL,"
  "  owner_id INTEGER NOT NULL,"
  "  expected_month TEXT NOT NULL,"
  "  forecast_category TEXT NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  amount INTEGER NOT NULL,"
  "  weighted REAL NOT NULL,"
  "  unweighted INTEGER NOT NULL,"
  "  PRIMARY KEY (stage_id, owner_id, expected_month, forecast_category)"
  ") WITHOUT ROWID;"
  "INSERT INTO pipeline_month (stage_id, owner_id, expected_month, forecast_category, n,"
  "  amount, weighted, unweighted)"
  "  SELECT stage_id, coalesce (owner_id, 0), coalesce (substr (expected_close_on, 1, 7), ''),"
  "    forecast_category, count (*), sum (amount), total (amount * probability),"
  "    total (CASE WHEN probability IS NULL THEN amount END)"
  "  FROM deal WHERE " OPEN_DEAL " GROUP BY 1, 2, 3, 4;"
  "DROP TRIGGER deal_pipeline_insert;"
  "DROP TRIGGER deal_pipeline_update;"
  "DROP TRIGGER deal_pipeline_delete;"
  "DROP TABLE pipeline_summary;"
  "ALTER TABLE pipeline_month RENAME TO pipeline_summary;"
  /* its triggers, which keep it by segment too, come with version 14 */

  /* the monthly summaries' dimension 8, the won deals by their days from
   * creation to winning (the median cycle of whole months): counted with
   * every other row when migration 14 sums them again */
  "DROP TRIGGER IF EXISTS deal_kpi_insert;"
  "DROP TRIGGER IF EXISTS deal_kpi_update_before;"
  "DROP TRIGGER IF EXISTS deal_kpi_update_after;"
  "DROP TRIGGER IF EXISTS deal_kpi_delete;"
  DEAL_KPI_TRIGGERS;

/* the monthly summaries and their triggers dropped and created again, the
 * rows summed again from the deals when the file is next opened for
 * writing */
#define KPI_MONTH_AGAIN \
  "DROP TRIGGER IF EXISTS deal_kpi_insert;" \
  "DROP TRIGGER IF EXISTS deal_kpi_update_before;" \
  "DROP TRIGGER IF EXISTS deal_kpi_update_after;" \
  "DROP TRIGGER IF EXISTS deal_kpi_delete;" \
  "DROP TRIGGER IF EXISTS deal_line_kpi_insert_before;" \
  "DROP TRIGGER IF EXISTS deal_line_kpi_insert_after;" \
  "DROP TRIGGER IF EXISTS deal_line_kpi_update_before;" \
  "DROP TRIGGER IF EXISTS deal_line_kpi_update_after;" \
  "DROP TRIGGER IF EXISTS deal_line_kpi_delete_before;" \
  "DROP TRIGGER IF EXISTS deal_line_kpi_delete_after;" \
  "DROP TRIGGER IF EXISTS client_kpi_update_before;" \
  "DROP TRIGGER IF EXISTS client_kpi_update_after;" \
  "DROP TRIGGER IF EXISTS product_kpi_update_before;" \
  "DROP TRIGGER IF EXISTS product_kpi_update_after;" \
  "DROP TRIGGER IF EXISTS client_kpi_segment_before;" \
  "DROP TRIGGER IF EXISTS client_kpi_segment_after;" \
  "DROP TABLE kpi_month;" \
  KPI_MONTH_TABLE \
  KPI_MONTH_ALL_DIRTY \
  DEAL_KPI_TRIGGERS \
  KPI_LINE_CLIENT_PRODUCT_TRIGGERS

/* Version 14: the monthly summaries split by the segment of the deals'
 * clients, so that a segment's dashboard reads them by any dimension; the
 * rows summed again from the deals when the file is next opened for
 * writing. */
static const char migration_14[] =
  KPI_MONTH_AGAIN

  /* each stage change carries its deal's client's segment, indexed by
   * segment and date: a segment's funnel without its deals' clients */
  "ALTER TABLE stage_change ADD COLUMN segment_id INTEGER REFERENCES segment (id);"
  "UPDATE stage_change SET segment_id = " PILOTE_DEAL_SEGMENT ("stage_change.deal_id") ";"
  "CREATE INDEX stage_change_segment ON stage_change (segment_id, changed_at, to_stage_id,"
  "  deal_id) WHERE segment_id IS NOT NULL;"
  /* the writers give it; a change written without it takes it here */
  "CREATE TRIGGER stage_change_segment_insert AFTER INSERT ON stage_change"
  "  WHEN new.segment_id IS NULL AND " PILOTE_DEAL_SEGMENT ("new.deal_id") " IS NOT NULL BEGIN"
  "  UPDATE stage_change SET segment_id = " PILOTE_DEAL_SEGMENT ("new.deal_id")
  "    WHERE id = new.id;"
  "END;"
  /* and it follows the deal to another client, and the client to another
   * segment */
  "CREATE TRIGGER deal_stage_change_segment AFTER UPDATE OF client_id ON deal"
  "  WHEN old.client_id IS NOT new.client_id BEGIN"
  "  UPDATE stage_change SET segment_id = " PILOTE_DEAL_SEGMENT ("new.id")
  "    WHERE deal_id = new.id;"
  "END;"
  "CREATE TRIGGER client_stage_change_segment AFTER UPDATE OF segment_id ON client"
  "  WHEN old.segment_id IS NOT new.segment_id BEGIN"
  "  UPDATE stage_change SET segment_id = new.segment_id"
  "    WHERE deal_id IN (SELECT d.id FROM deal d WHERE d.client_id = new.id);"
  "END;"
  /* the summary of the open pipeline, split by segment too */
  "DROP TRIGGER IF EXISTS deal_pipeline_insert;"
  "DROP TRIGGER IF EXISTS deal_pipeline_update;"
  "DROP TRIGGER IF EXISTS deal_pipeline_delete;"
  "DROP TABLE pipeline_summary;"
  PIPELINE_SUMMARY_TABLE
  PIPELINE_SUMMARY_SUM ("1", "c.segment_id", "")
  "CREATE TRIGGER deal_pipeline_insert AFTER INSERT ON deal"
  "  WHEN new.deleted_at IS NULL AND new.status = 'open' BEGIN "
  PIPELINE_MONTH_ADD ("new", "", "true")
  "END;"
  "CREATE TRIGGER deal_pipeline_update AFTER UPDATE OF stage_id, owner_id, amount, probability,"
  "  status, deleted_at, expected_close_on, forecast_category, client_id ON deal"
  "  WHEN ((old.deleted_at IS NULL AND old.status = 'open')"
  "    OR (new.deleted_at IS NULL AND new.status = 'open'))"
  "  AND (old.stage_id IS NOT new.stage_id OR old.owner_id IS NOT new.owner_id"
  "    OR old.amount IS NOT new.amount OR old.probability IS NOT new.probability"
  "    OR old.status IS NOT new.status OR old.deleted_at IS NOT new.deleted_at"
  "    OR substr (old.expected_close_on, 1, 7) IS NOT substr (new.expected_close_on, 1, 7)"
  "    OR old.forecast_category IS NOT new.forecast_category"
  "    OR old.client_id IS NOT new.client_id) BEGIN "
  PIPELINE_MONTH_ADD ("old", "-", "old.deleted_at IS NULL AND old.status = 'open'")
  PIPELINE_MONTH_ADD ("new", "", "new.deleted_at IS NULL AND new.status = 'open'")
  "END;"
  "CREATE TRIGGER deal_pipeline_delete AFTER DELETE ON deal"
  "  WHEN old.deleted_at IS NULL AND old.status = 'open' BEGIN "
  PIPELINE_MONTH_ADD ("old", "-", "true")
  "END;"
  /* a client of another segment: its open deals move from one to the other */
  "CREATE TRIGGER client_pipeline_segment AFTER UPDATE OF segment_id ON client"
  "  WHEN old.segment_id IS NOT new.segment_id BEGIN "
  PIPELINE_SUMMARY_SUM ("d.client_id = new.id", "old.segment_id", "-")
  PIPELINE_SUMMARY_SUM ("d.client_id = new.id", "new.segment_id", "")
  "END;"

  /* the lost deals of a period with their clients: those of a segment, a
   * region… found from the index alone */
  "DROP INDEX IF EXISTS deal_lost;"
  "CREATE INDEX deal_lost ON deal (closed_on, lost_reason_id, competitor_id, owner_id, amount,"
  "  status, deleted_at, client_id) WHERE deleted_at IS NULL AND status = 'lost';"
  /* the won deals by client also hold their channel: the clients of a
   * channel who did not renew read from the index alone, rather than each
   * won deal of two years looked up in the table */
  "DROP INDEX IF EXISTS deal_client_won_on;"
  "CREATE INDEX deal_client_won_on ON deal (client_id, closed_on, amount, cost, status,"
  "  deleted_at, channel_id) WHERE deleted_at IS NULL AND status = 'won';"
  /* a segment's prospects, from its clients by creation date alone */
  "DROP INDEX IF EXISTS client_segment;"
  "CREATE INDEX client_segment ON client (segment_id, created_at, acquired_on, deleted_at);";

/* Version 15: the won deals by owner, with their clients: a team's or an
 * office's clients of two years read from the won deals alone, where the
 * closed deals by owner held the lost ones too */
static const char migration_15[] =
  "CREATE INDEX deal_owner_won ON deal (owner_id, closed_on, client_id, amount, cost, status,"
  "  deleted_at) WHERE deleted_at IS NULL AND status = 'won';";

/* Version 16: the monthly summaries also keep the region, the channel and
 * the product category two by two, and each with the days of the cycle:
 * the dashboard of a region, a channel or a category reads its
 * breakdowns and its median cycle there; the open deals by expected close
 * and the lost deals hold their channel, and the won deals are kept by
 * channel too; a region's or a channel's clients are a range of an
 * index; and each stage change carries its deal's client and channel */
static const char migration_16[] =
  KPI_MONTH_AGAIN
  /* the open deals by expected close hold their channel: a channel's
   * open pipeline read from the index alone, but for the client of a
   * deal without a channel */
  "DROP INDEX IF EXISTS deal_open;"
  "CREATE INDEX deal_open ON deal (expected_close_on, owner_id, stage_id, amount, probability,"
  "  forecast_category, status, deleted_at, client_id, channel_id) WHERE " OPEN_DEAL ";"
  /* the lost deals of a period hold their channel: a channel's lost
   * deals read from the index alone */
  "DROP INDEX IF EXISTS deal_lost;"
  "CREATE INDEX deal_lost ON deal (closed_on, lost_reason_id, competitor_id, owner_id, amount,"
  "  status, deleted_at, client_id, channel_id) WHERE deleted_at IS NULL AND status = 'lost';"
  /* the won deals by channel and date, with their clients: a channel's
   * clients of two years from a range of it */
  "CREATE INDEX deal_channel_won ON deal (channel_id, closed_on, client_id, amount, cost, status,"
  "  deleted_at) WHERE deleted_at IS NULL AND status = 'won';"
  /* a region's clients are a range of an index, as a segment's, and so
   * are a channel's, with their dates */
  "CREATE INDEX client_region ON client (region COLLATE NOCASE, created_at, acquired_on,"
  "  deleted_at);"
  "DROP INDEX IF EXISTS client_channel;"
  "CREATE INDEX client_channel ON client (channel_id, created_at, acquired_on, deleted_at);"
  /* each stage change carries its deal's client and channel (its own,
   * else its client's), in the index of changes by stage and date: the
   * funnel of a region, a sector, a country or a channel without a look-up
   * of each change's deal */
  "ALTER TABLE stage_change ADD COLUMN client_id INTEGER;"
  "ALTER TABLE stage_change ADD COLUMN channel_id INTEGER;"
  "UPDATE stage_change SET (client_id, channel_id) = (SELECT d.client_id,"
  "  coalesce (d.channel_id, c.channel_id) FROM deal d LEFT JOIN client c ON c.id = d.client_id"
  "  WHERE d.id = stage_change.deal_id);"
  "DROP INDEX stage_change_to;"
  "CREATE INDEX stage_change_to ON stage_change (to_stage_id, changed_at, deal_id, client_id,"
  "  channel_id);"
  /* the writers give them; a change written without them takes them here */
  "CREATE TRIGGER stage_change_client_insert AFTER INSERT ON stage_change"
  "  WHEN (new.client_id IS NULL"
  "    AND (SELECT d.client_id FROM deal d WHERE d.id = new.deal_id) IS NOT NULL)"
  "  OR (new.channel_id IS NULL AND " PILOTE_DEAL_CHANNEL ("new.deal_id") " IS NOT NULL) BEGIN"
  "  UPDATE stage_change SET client_id = (SELECT d.client_id FROM deal d"
  "    WHERE d.id = new.deal_id), channel_id = " PILOTE_DEAL_CHANNEL ("new.deal_id")
  "    WHERE id = new.id;"
  "END;"
  /* and they follow the deal to another client or channel, and its client
   * to another channel */
  "CREATE TRIGGER deal_stage_change_client AFTER UPDATE OF client_id, channel_id ON deal"
  "  WHEN old.client_id IS NOT new.client_id OR old.channel_id IS NOT new.channel_id BEGIN"
  "  UPDATE stage_change SET client_id = new.client_id,"
  "    channel_id = " PILOTE_DEAL_CHANNEL ("new.id") " WHERE deal_id = new.id;"
  "END;"
  "CREATE TRIGGER client_stage_change_channel AFTER UPDATE OF channel_id ON client"
  "  WHEN old.channel_id IS NOT new.channel_id BEGIN"
  "  UPDATE stage_change SET channel_id = new.channel_id"
  "    WHERE deal_id IN (SELECT d.id FROM deal d WHERE d.client_id = new.id"
  "    AND d.channel_id IS NULL);"
  "END;";

/* Version 17: the deals by category of their lines, and the categories of
 * each stage change's deal (pilote-kpi-summary-sql.h): a category's
 * dashboard read from indexes of its own */
static const char migration_17[] =
  "CREATE TABLE deal_category ("
  "  id INTEGER NOT NULL,"
  "  category TEXT NOT NULL COLLATE NOCASE,"
  "  status TEXT NOT NULL,"
  "  stage_id INTEGER,"
  "  owner_id INTEGER,"
  "  client_id INTEGER,"
  "  created_on TEXT,"
  "  closed_on TEXT,"
  "  expected_close_on TEXT,"
  "  probability REAL,"
  "  forecast_category TEXT,"
  "  lost_reason_id INTEGER,"
  "  competitor_id INTEGER,"
  "  deleted_at TEXT,"
  "  amount INTEGER NOT NULL,"
  "  cost INTEGER NOT NULL,"
  "  PRIMARY KEY (id, category)"
  ") WITHOUT ROWID;"
  "CREATE TABLE category_dirty (deal_id INTEGER PRIMARY KEY);"
  "ALTER TABLE stage_change ADD COLUMN categories TEXT;"
  /* the index that holds them built after they are written */
  "DROP INDEX stage_change_to;"
  PILOTE_DEAL_CATEGORY_SUM ("SELECT id FROM deal")
  /* a category's open deals, closed deals and won deals of a period, each
   * from an index alone (it holds every column its queries read) */
  "CREATE INDEX deal_category_open ON deal_category (category, expected_close_on, stage_id,"
  "  owner_id, client_id, amount, cost, probability, forecast_category, created_on, closed_on,"
  "  status, deleted_at) WHERE deleted_at IS NULL AND status = 'open';"
  "CREATE INDEX deal_category_closed ON deal_category (category, closed_on, status, client_id,"
  "  amount, cost, created_on, owner_id, lost_reason_id, competitor_id, forecast_category,"
  "  expected_close_on, deleted_at) WHERE deleted_at IS NULL AND status <> 'open';"
  "CREATE INDEX deal_category_won ON deal_category (category, closed_on, client_id, amount, cost,"
  "  status, deleted_at) WHERE deleted_at IS NULL AND status = 'won';"
  "CREATE INDEX stage_change_to ON stage_change (to_stage_id, changed_at, deal_id, client_id,"
  "  channel_id, categories);"

  /* a write of a deal's lines, or of a product's category, sums its deals
   * again, or lists them while the summaries are suspended */
  "CREATE TRIGGER deal_line_category_insert AFTER INSERT ON deal_line"
  "  WHEN " PILOTE_KPI_LIVE " BEGIN "
  PILOTE_DEAL_CATEGORY_SUM ("new.deal_id")
  "END;"
  "CREATE TRIGGER deal_line_category_update AFTER UPDATE ON deal_line"
  "  WHEN " LINE_KPI_CHANGED " AND " PILOTE_KPI_LIVE " BEGIN "
  PILOTE_DEAL_CATEGORY_SUM ("old.deal_id, new.deal_id")
  "END;"
  "CREATE TRIGGER deal_line_category_delete AFTER DELETE ON deal_line"
  "  WHEN " PILOTE_KPI_LIVE " BEGIN "
  PILOTE_DEAL_CATEGORY_SUM ("old.deal_id")
  "END;"
  "CREATE TRIGGER product_category_update AFTER UPDATE OF category ON product"
  "  WHEN old.category IS NOT new.category AND " PILOTE_KPI_LIVE " BEGIN "
  PILOTE_DEAL_CATEGORY_SUM ("SELECT l.deal_id FROM deal_line l WHERE l.product_id = new.id")
  "END;"
  "CREATE TRIGGER deal_line_category_dirty_insert AFTER INSERT ON deal_line"
  "  WHEN " PILOTE_KPI_SUSPENDED " BEGIN "
  PILOTE_DEAL_CATEGORY_MARK_DIRTY ("new.deal_id")
  "END;"
  "CREATE TRIGGER deal_line_category_dirty_update AFTER UPDATE ON deal_line"
  "  WHEN " LINE_KPI_CHANGED " AND " PILOTE_KPI_SUSPENDED " BEGIN "
  PILOTE_DEAL_CATEGORY_MARK_DIRTY ("old.deal_id, new.deal_id")
  "END;"
  "CREATE TRIGGER deal_line_category_dirty_delete AFTER DELETE ON deal_line"
  "  WHEN " PILOTE_KPI_SUSPENDED " BEGIN "
  PILOTE_DEAL_CATEGORY_MARK_DIRTY ("old.deal_id")
  "END;"
  "CREATE TRIGGER product_category_dirty_update AFTER UPDATE OF category ON product"
  "  WHEN old.category IS NOT new.category AND " PILOTE_KPI_SUSPENDED " BEGIN "
  PILOTE_DEAL_CATEGORY_MARK_DIRTY ("SELECT l.deal_id FROM deal_line l"
                                   " WHERE l.product_id = new.id")
  "END;"
  /* a write of a deal: its columns copied to its rows, or the deal
   * listed */
  "CREATE TRIGGER deal_category_update AFTER UPDATE ON deal"
  "  WHEN " PILOTE_DEAL_CATEGORY_CHANGED " AND " PILOTE_KPI_LIVE " BEGIN"
  "  UPDATE deal_category SET (" PILOTE_DEAL_CATEGORY_COPIED ") = (" PILOTE_DEAL_CATEGORY_NEW ")"
  "    WHERE id = new.id;"
  "END;"
  "CREATE TRIGGER deal_category_dirty_update AFTER UPDATE ON deal"
  "  WHEN " PILOTE_DEAL_CATEGORY_CHANGED " AND " PILOTE_KPI_SUSPENDED " BEGIN "
  PILOTE_DEAL_CATEGORY_MARK_DIRTY ("new.id")
  "END;"
  "CREATE TRIGGER deal_category_delete AFTER DELETE ON deal BEGIN"
  "  DELETE FROM deal_category WHERE id = old.id;"
  "END;"
  /* the writers leave a stage change's categories to this trigger */
  "CREATE TRIGGER stage_change_categories_insert AFTER INSERT ON stage_change"
  "  WHEN new.categories IS NULL"
  "  AND EXISTS (SELECT 1 FROM deal_category x WHERE x.id = new.deal_id) BEGIN"
  "  UPDATE stage_change SET categories = " PILOTE_DEAL_CATEGORIES ("new.deal_id")
  "    WHERE id = new.id;"
  "END;";

static const char *const migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
  migration_8,
  migration_9,
  migration_10,
  migration_11,
  migration_12,
  migration_13,
  migration_14,
  migration_15,
  migration_16,
  migration_17,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PILOTE_SCHEMA_VERSION);

gboolean
pilote_schema_migrate (sqlite3  *db,
                       int       from_version,
                       int       to_version,
                       GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (from_version >= 0 && from_version <= to_version, FALSE);
  g_return_val_if_fail (to_version <= PILOTE_SCHEMA_VERSION, FALSE);

  for (int v = from_version; v < to_version; v++)
    {
      g_autofree char *bump = NULL;

      if (!pilote_sqlite_exec (db, migrations[v], error))
        return FALSE;
      bump = g_strdup_printf ("PRAGMA user_version = %d;", v + 1);
      if (!pilote_sqlite_exec (db, bump, error))
        return FALSE;
    }

  return TRUE;
}
