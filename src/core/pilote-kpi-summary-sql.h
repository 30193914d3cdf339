/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * The monthly summaries of closed deals (schema version 9), as SQL.
 *
 * kpi_month holds, for each month of closing, each owner, each segment of
 * the deals' clients (schema version 14; 0 for none) and each value of one
 * dimension (dim), the sums the KPI engine reads for closed deals:
 * revenue and cost of the deals won, deals won, deals lost, and the days
 * from creation to winning with their count. dim 0 has one row per month
 * and owner (key x''); the others split the same deals by one value:
 *
 *   1 segment id, 2 sector, 3 region, 4 country, 5 channel id (the deal's,
 *   else its client's), 6 product id, 7 product category, 8 the days from
 *   creation to winning of the deals won (schema version 13: the median
 *   cycle of whole months counted from it).
 *
 * Since schema version 16, the dimensions a dashboard filters on (region,
 * channel, category) are also kept two by two, and each with the days of
 * the cycle: a row then holds a value of the first in key and one of the
 * second in key2 (x'' for the others), so that a region's figures by
 * channel or category, or its median cycle, are read from the summaries:
 *
 *   9 region and channel, 10 region and category, 11 channel and
 *   category, 12 region and days, 13 channel and days, 14 category and
 *   days.
 *
 * Products and categories count each deal once per value of its lines (a
 * deal without lines counts under no value, with its own amount), as the
 * engine's queries joined to the lines do. A value that is NULL is stored
 * as x'' (an empty blob, which no text or id equals). Team, office and
 * member come from the owner at reading time; a segment's figures, by any
 * dimension, from the rows of its segment.
 *
 * Triggers keep the rows in step in the transaction of every write: before
 * a write, the deals it touches are taken out of their rows as they are;
 * after it, they are added back as they have become. A bulk write may
 * suspend them (kpi_state.suspended = 1, in its own transaction): the
 * triggers then list the months touched in kpi_dirty, which the writer
 * rebuilds before it commits (pilote_kpi_summary_resume ()).
 */

/* the figures of the deals "d", times sign */
#define PILOTE_KPI_VALUES(sign, amount, cost) \
  "(CASE WHEN d.status = 'won' THEN " amount " ELSE 0 END) * " sign " AS revenue," \
  " (CASE WHEN d.status = 'won' THEN " cost " ELSE 0 END) * " sign " AS cost," \
  " (d.status = 'won') * " sign " AS won, (d.status = 'lost') * " sign " AS lost," \
  " coalesce (CASE WHEN d.status = 'won'" \
  "   THEN julianday (d.closed_on) - julianday (d.created_on) END, 0) * " sign " AS cycle_days," \
  " (d.status = 'won') * " sign " AS cycle_count"

/* the closed deals of cond */
#define PILOTE_KPI_CLOSED(cond) \
  " WHERE (" cond ") AND d.deleted_at IS NULL AND d.status <> 'open'"

/* in a trigger's WHEN: whether the summaries are kept in step, or only
 * the months touched listed */
#define PILOTE_KPI_LIVE "((SELECT suspended FROM kpi_state) = 0)"
#define PILOTE_KPI_SUSPENDED "((SELECT suspended FROM kpi_state) = 1)"

#define PILOTE_KPI_CYCLE_DIM 8
/* the dimensions of a deal's own values or its client's, and those of its
 * client's alone; those of its lines, and those of its products alone */
#define PILOTE_KPI_DEAL_DIMS "(VALUES (0), (1), (2), (3), (4), (5), (8), (9), (12), (13))"
#define PILOTE_KPI_CLIENT_DIMS "(VALUES (1), (2), (3), (4), (5), (9), (12), (13))"
#define PILOTE_KPI_LINE_DIMS "(VALUES (6), (7), (10), (11), (14))"
#define PILOTE_KPI_CLIENT_LINE_DIMS "(VALUES (10), (11))"
#define PILOTE_KPI_PRODUCT_LINE_DIMS "(VALUES (7), (10), (11), (14))"

/* the segment of a deal's client "c", 0 for none */
#define PILOTE_KPI_SEGMENT "coalesce (c.segment_id, 0) AS segment"
/* a deal's channel, and a won deal's whole days */
#define PILOTE_KPI_CHANNEL "coalesce (d.channel_id, c.channel_id)"
#define PILOTE_KPI_DAYS \
  "CASE WHEN d.status = 'won' THEN" \
  " CAST (julianday (d.closed_on) - julianday (d.created_on) AS INTEGER) END"

/* a row per deal of cond and dimension of dims (among 0–5, 8, 9, 12 and
 * 13): the values are the deal's or its client's, and a won deal's whole
 * days */
#define PILOTE_KPI_DEAL_ROWS(dims, cond, sign) \
  "SELECT substr (d.closed_on, 1, 7) AS month, coalesce (d.owner_id, 0) AS owner," \
  " x.column1 AS dim, coalesce (CASE x.column1 WHEN 1 THEN c.segment_id" \
  "   WHEN 2 THEN c.sector WHEN 3 THEN c.region WHEN 4 THEN c.country" \
  "   WHEN 5 THEN " PILOTE_KPI_CHANNEL " WHEN 8 THEN " PILOTE_KPI_DAYS \
  "   WHEN 9 THEN c.region WHEN 12 THEN c.region WHEN 13 THEN " PILOTE_KPI_CHANNEL " END," \
  "   x'') AS key, coalesce (CASE x.column1 WHEN 9 THEN " PILOTE_KPI_CHANNEL \
  "   WHEN 12 THEN " PILOTE_KPI_DAYS " WHEN 13 THEN " PILOTE_KPI_DAYS " END, x'') AS key2, " \
  PILOTE_KPI_SEGMENT ", " \
  PILOTE_KPI_VALUES (sign, "d.amount", "d.cost") \
  " FROM deal d LEFT JOIN client c ON c.id = d.client_id CROSS JOIN " dims " x" \
  PILOTE_KPI_CLOSED (cond)

/* a row per deal of cond, dimension of dims (among 6, 7, 10, 11 and 14)
 * and value of its lines */
#define PILOTE_KPI_LINE_ROWS(dims, cond, sign) \
  "SELECT substr (d.closed_on, 1, 7) AS month, coalesce (d.owner_id, 0) AS owner," \
  " x.column1 AS dim, coalesce (CASE x.column1 WHEN 6 THEN p.id WHEN 7 THEN p.category" \
  "   WHEN 10 THEN c.region WHEN 11 THEN " PILOTE_KPI_CHANNEL " WHEN 14 THEN p.category END," \
  "   x'') AS key, coalesce (CASE x.column1 WHEN 10 THEN p.category WHEN 11 THEN p.category" \
  "   WHEN 14 THEN " PILOTE_KPI_DAYS " END, x'') AS key2, " PILOTE_KPI_SEGMENT ", " \
  PILOTE_KPI_VALUES (sign, "coalesce (sum (l.amount), d.amount)", \
                     "coalesce (sum (l.cost), d.cost)") \
  " FROM deal d LEFT JOIN client c ON c.id = d.client_id" \
  " LEFT JOIN deal_line l ON l.deal_id = d.id AND l.deleted_at IS NULL" \
  " LEFT JOIN product p ON p.id = l.product_id CROSS JOIN " dims " x" \
  PILOTE_KPI_CLOSED (cond) " GROUP BY d.id, 3, 4, 5"

#define PILOTE_KPI_ALL_ROWS(cond, sign) \
  PILOTE_KPI_DEAL_ROWS (PILOTE_KPI_DEAL_DIMS, cond, sign) \
  " UNION ALL " PILOTE_KPI_LINE_ROWS (PILOTE_KPI_LINE_DIMS, cond, sign)

/* adds rows to kpi_month, summed by month, owner, dimension, values and
 * segment */
#define PILOTE_KPI_UPSERT(rows) \
  "INSERT INTO kpi_month (month, owner_id, dim, key, key2, segment_id, revenue, cost, won," \
  " lost, cycle_days, cycle_count) SELECT month, owner, dim, key, key2, segment," \
  " sum (revenue), sum (cost), sum (won), sum (lost), total (cycle_days), sum (cycle_count)" \
  " FROM (" rows ") WHERE 1 GROUP BY 1, 2, 3, 4, 5, 6" \
  " ON CONFLICT (dim, month, owner_id, segment_id, key, key2) DO UPDATE SET" \
  " revenue = revenue + excluded.revenue, cost = cost + excluded.cost," \
  " won = won + excluded.won, lost = lost + excluded.lost," \
  " cycle_days = cycle_days + excluded.cycle_days," \
  " cycle_count = cycle_count + excluded.cycle_count;"

/* while suspended: the months of the closed deals of cond */
#define PILOTE_KPI_MARK_DIRTY(cond) \
  "INSERT INTO kpi_dirty (month) SELECT substr (d.closed_on, 1, 7) FROM deal d" \
  " WHERE (" cond ") AND d.status <> 'open' ON CONFLICT DO NOTHING;"

/*
 * client_month (schema version 11): the won deals of each client by month
 * (count, revenue, margin, latest date), with the next month the client won
 * a deal in ('9999-99' while there is none). Triggers keep them in step in
 * the transaction of every write that moves a won deal: the deal taken out
 * of its client's month as it was and added as it has become, each in a
 * few lookups whatever the client's number of deals. Suspended with the
 * monthly summaries, the clients of the months listed in kpi_dirty are
 * summed again when the writer resumes them.
 *
 * The clients who won a deal in a window of months are then its rows whose
 * next month lies past the window (one row per client), and those who did
 * not come back in the year after it, its rows whose next month lies past
 * that year: read from one index, without the deals.
 */
#define PILOTE_CLIENT_MONTH_WON "d.deleted_at IS NULL AND d.status = 'won' AND d.client_id IS NOT NULL"
#define PILOTE_CLIENT_MONTH_SUM(clients) \
  "INSERT INTO client_month (client_id, month, won, revenue, margin, last_on, next_month)" \
  " SELECT client_id, month, won, revenue, margin, last_on," \
  "  coalesce (lead (month) OVER (PARTITION BY client_id ORDER BY month), '9999-99')" \
  " FROM (SELECT d.client_id AS client_id, substr (d.closed_on, 1, 7) AS month," \
  "   count (*) AS won, sum (d.amount) AS revenue, sum (d.amount - d.cost) AS margin," \
  "   max (d.closed_on) AS last_on FROM deal d" \
  "   WHERE " clients " AND " PILOTE_CLIENT_MONTH_WON " GROUP BY 1, 2);"
#define PILOTE_CLIENT_MONTH_LIVE(row) \
  "(" row ".status = 'won' AND " row ".deleted_at IS NULL AND " row ".client_id IS NOT NULL)"
#define PILOTE_CLIENT_MONTH_OF(row) "substr (" row ".closed_on, 1, 7)"
/* the client's month of a deal @row, and the month of its row before it */
#define PILOTE_CLIENT_MONTH_ROW(row) \
  " client_id = " row ".client_id AND month = " PILOTE_CLIENT_MONTH_OF (row)
#define PILOTE_CLIENT_MONTH_BEFORE(row) \
  " client_id = " row ".client_id AND month = (SELECT max (x.month) FROM client_month x" \
  "  WHERE x.client_id = " row ".client_id AND x.month < " PILOTE_CLIENT_MONTH_OF (row) ")"

/* adds a won deal @row to its client's month, the month created when it
 * is the first, between the months before and after it */
#define PILOTE_CLIENT_MONTH_ADD(row) \
  "INSERT INTO client_month (client_id, month, won, revenue, margin, last_on, next_month)" \
  " SELECT " row ".client_id, " PILOTE_CLIENT_MONTH_OF (row) ", 1, " row ".amount," \
  "  " row ".amount - " row ".cost, " row ".closed_on," \
  "  coalesce ((SELECT min (x.month) FROM client_month x WHERE x.client_id = " row ".client_id" \
  "   AND x.month > " PILOTE_CLIENT_MONTH_OF (row) "), '9999-99')" \
  " WHERE " PILOTE_CLIENT_MONTH_LIVE (row) \
  " ON CONFLICT (client_id, month) DO UPDATE SET won = won + 1," \
  "  revenue = revenue + excluded.revenue, margin = margin + excluded.margin," \
  "  last_on = max (last_on, excluded.last_on);" \
  "UPDATE client_month SET next_month = " PILOTE_CLIENT_MONTH_OF (row) \
  " WHERE " PILOTE_CLIENT_MONTH_LIVE (row) " AND" PILOTE_CLIENT_MONTH_BEFORE (row) ";"

/* takes a won deal @row, no longer among the deals, out of its client's
 * month (its latest date read again from the deals left), and the month
 * out of the client's when it was its last deal */
#define PILOTE_CLIENT_MONTH_REMOVE(row) \
  "UPDATE client_month SET won = won - 1, revenue = revenue - " row ".amount," \
  "  margin = margin - (" row ".amount - " row ".cost)," \
  "  last_on = coalesce ((SELECT max (d.closed_on) FROM deal d" \
  "   WHERE d.client_id = " row ".client_id AND " PILOTE_CLIENT_MONTH_WON \
  "   AND d.closed_on >= " PILOTE_CLIENT_MONTH_OF (row) " || '-01'" \
  "   AND d.closed_on < " PILOTE_CLIENT_MONTH_OF (row) " || '-99'), '')" \
  " WHERE " PILOTE_CLIENT_MONTH_LIVE (row) " AND" PILOTE_CLIENT_MONTH_ROW (row) ";" \
  "UPDATE client_month SET next_month = (SELECT x.next_month FROM client_month x" \
  "  WHERE x.client_id = " row ".client_id AND x.month = " PILOTE_CLIENT_MONTH_OF (row) ")" \
  " WHERE " PILOTE_CLIENT_MONTH_LIVE (row) " AND" PILOTE_CLIENT_MONTH_BEFORE (row) \
  " AND (SELECT x.won FROM client_month x WHERE x.client_id = " row ".client_id" \
  "  AND x.month = " PILOTE_CLIENT_MONTH_OF (row) ") = 0;" \
  "DELETE FROM client_month WHERE" PILOTE_CLIENT_MONTH_ROW (row) " AND won = 0;"

/*
 * The activities done, counted by month of completion, owner (0 for none)
 * and kind (schema version 12): the meetings held and calls made of whole
 * months read there. Kept by triggers in the transaction of every write,
 * also during a bulk write of deals; a bulk import of activities counts
 * those it adds at its end.
 */
#define PILOTE_ACTIVITY_MONTH_DONE(row) \
  "(" row ".deleted_at IS NULL AND " row ".done_at IS NOT NULL)"
/* counts the activities "a" that meet @cond, added to the rows there are */
#define PILOTE_ACTIVITY_MONTH_SUM(cond) \
  "INSERT INTO activity_month (month, owner_id, kind, n)" \
  " SELECT substr (a.done_at, 1, 7), coalesce (a.owner_id, 0), a.kind, count (*)" \
  " FROM activity a WHERE " cond " AND " PILOTE_ACTIVITY_MONTH_DONE ("a") " GROUP BY 1, 2, 3" \
  " ON CONFLICT (month, owner_id, kind) DO UPDATE SET n = n + excluded.n;"
/* adds @sign 1 for the activity @row, when it counts */
#define PILOTE_ACTIVITY_MONTH_ADD(row, sign) \
  "INSERT INTO activity_month (month, owner_id, kind, n)" \
  " SELECT substr (" row ".done_at, 1, 7), coalesce (" row ".owner_id, 0), " row ".kind, " sign \
  " WHERE " PILOTE_ACTIVITY_MONTH_DONE (row) \
  " ON CONFLICT (month, owner_id, kind) DO UPDATE SET n = n + excluded.n;"

/*
 * deal_category (schema version 17): each deal once per category of its
 * lines, read as a deal. A row holds the deal's own columns, but the
 * amount and cost of its lines of that category alone; categories that
 * differ only in case are one, as the filters compare them. A deal
 * without a line of a category has no row for it; a deleted deal keeps
 * its rows, with its date of deletion, as it keeps its own.
 *
 * A category's dashboard reads its deals there, from indexes of their
 * own (open, closed, won), rather than every deal of a period joined to
 * its lines and products. Each stage change carries the categories of
 * its deal (stage_change.categories: lower-case, each between two
 * char (31), NULL for none), so that a category's funnel is read from
 * the index of changes alone.
 *
 * Triggers keep both in step in the transaction of every write: a write
 * of a deal's lines, or of a product's category, sums its deals' rows
 * again; a write of a deal copies its columns. While the summaries are
 * suspended, those writes only list their deals in category_dirty,
 * summed again when the writer resumes them.
 */
#define PILOTE_DEAL_CATEGORY_COLUMNS \
  "id, category, status, stage_id, owner_id, client_id, created_on, closed_on," \
  " expected_close_on, probability, forecast_category, lost_reason_id, competitor_id," \
  " deleted_at, amount, cost"
/* the deal's columns copied, those of deal "new" */
#define PILOTE_DEAL_CATEGORY_COPIED \
  "status, stage_id, owner_id, client_id, created_on, closed_on, expected_close_on," \
  " probability, forecast_category, lost_reason_id, competitor_id, deleted_at"
#define PILOTE_DEAL_CATEGORY_NEW \
  "new.status, new.stage_id, new.owner_id, new.client_id, new.created_on, new.closed_on," \
  " new.expected_close_on, new.probability, new.forecast_category, new.lost_reason_id," \
  " new.competitor_id, new.deleted_at"
#define PILOTE_DEAL_CATEGORY_CHANGED \
  "(old.status IS NOT new.status OR old.stage_id IS NOT new.stage_id" \
  " OR old.owner_id IS NOT new.owner_id OR old.client_id IS NOT new.client_id" \
  " OR old.created_on IS NOT new.created_on OR old.closed_on IS NOT new.closed_on" \
  " OR old.expected_close_on IS NOT new.expected_close_on" \
  " OR old.probability IS NOT new.probability" \
  " OR old.forecast_category IS NOT new.forecast_category" \
  " OR old.lost_reason_id IS NOT new.lost_reason_id" \
  " OR old.competitor_id IS NOT new.competitor_id OR old.deleted_at IS NOT new.deleted_at)"

/* the categories of deal @id, as its stage changes carry them */
#define PILOTE_DEAL_CATEGORIES(id) \
  "(SELECT char (31) || group_concat (lower (x.category), char (31)) || char (31)" \
  " FROM deal_category x WHERE x.id = " id ")"

/* the rows of the deals of @ids (an SQL list or sub-query) summed again,
 * and the categories of their stage changes */
#define PILOTE_DEAL_CATEGORY_SUM(ids) \
  "DELETE FROM deal_category WHERE id IN (" ids ");" \
  "INSERT INTO deal_category (" PILOTE_DEAL_CATEGORY_COLUMNS ")" \
  " SELECT d.id, p.category, d.status, d.stage_id, d.owner_id, d.client_id, d.created_on," \
  " d.closed_on, d.expected_close_on, d.probability, d.forecast_category, d.lost_reason_id," \
  " d.competitor_id, d.deleted_at, sum (l.amount), sum (l.cost)" \
  " FROM deal d JOIN deal_line l ON l.deal_id = d.id AND l.deleted_at IS NULL" \
  " JOIN product p ON p.id = l.product_id" \
  " WHERE d.id IN (" ids ") AND p.category IS NOT NULL" \
  " GROUP BY d.id, p.category COLLATE NOCASE;" \
  "UPDATE stage_change SET categories = x.categories FROM (SELECT id," \
  "  char (31) || group_concat (lower (category), char (31)) || char (31) AS categories" \
  "  FROM deal_category WHERE id IN (" ids ") GROUP BY id) AS x" \
  " WHERE stage_change.deal_id = x.id AND stage_change.categories IS NOT x.categories;" \
  "UPDATE stage_change SET categories = NULL WHERE deal_id IN (" ids ")" \
  " AND categories IS NOT NULL" \
  " AND NOT EXISTS (SELECT 1 FROM deal_category x WHERE x.id = stage_change.deal_id);"

/* while suspended: the deals of @ids listed */
#define PILOTE_DEAL_CATEGORY_MARK_DIRTY(ids) \
  "INSERT INTO category_dirty (deal_id) SELECT id FROM deal WHERE id IN (" ids ")" \
  " ON CONFLICT DO NOTHING;"
