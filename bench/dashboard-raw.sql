-- The dashboard's aggregates of November 2026, as raw SQL on the deals,
-- for the sqlite3 shell: `sqlite3 FILE < bench/dashboard-raw.sql`.
-- Each statement is the one Pilote would run without its monthly
-- summaries, or the one it runs itself where it reads the deals.
.timer on

-- KPIs of the month, with the previous month and the same month a year before
SELECT sum (CASE WHEN status = 'won' THEN amount END), sum (CASE WHEN status = 'won' THEN cost END),
  sum (status = 'won'), sum (status = 'lost'),
  total (CASE WHEN status = 'won' THEN julianday (closed_on) - julianday (created_on) END)
  FROM deal WHERE deleted_at IS NULL AND status <> 'open'
  AND closed_on >= '2026-11-01' AND closed_on < '2026-12-01';
SELECT sum (CASE WHEN status = 'won' THEN amount END), sum (CASE WHEN status = 'won' THEN cost END),
  sum (status = 'won'), sum (status = 'lost'),
  total (CASE WHEN status = 'won' THEN julianday (closed_on) - julianday (created_on) END)
  FROM deal WHERE deleted_at IS NULL AND status <> 'open'
  AND closed_on >= '2026-10-01' AND closed_on < '2026-11-01';
SELECT sum (CASE WHEN status = 'won' THEN amount END), sum (CASE WHEN status = 'won' THEN cost END),
  sum (status = 'won'), sum (status = 'lost'),
  total (CASE WHEN status = 'won' THEN julianday (closed_on) - julianday (created_on) END)
  FROM deal WHERE deleted_at IS NULL AND status <> 'open'
  AND closed_on >= '2025-11-01' AND closed_on < '2025-12-01';

-- twelve months by month, and the twelve before
SELECT substr (closed_on, 1, 7), sum (CASE WHEN status = 'won' THEN amount END),
  sum (CASE WHEN status = 'won' THEN cost END), sum (status = 'won'), sum (status = 'lost'),
  total (CASE WHEN status = 'won' THEN julianday (closed_on) - julianday (created_on) END)
  FROM deal WHERE deleted_at IS NULL AND status <> 'open'
  AND closed_on >= '2025-12-01' AND closed_on < '2026-12-01' GROUP BY 1;
SELECT substr (closed_on, 1, 7), sum (CASE WHEN status = 'won' THEN amount END),
  sum (CASE WHEN status = 'won' THEN cost END), sum (status = 'won'), sum (status = 'lost'),
  total (CASE WHEN status = 'won' THEN julianday (closed_on) - julianday (created_on) END)
  FROM deal WHERE deleted_at IS NULL AND status <> 'open'
  AND closed_on >= '2024-12-01' AND closed_on < '2025-12-01' GROUP BY 1;

-- the month by segment, by product category, by region, by rep, by channel
SELECT seg.name, sum (CASE WHEN d.status = 'won' THEN d.amount END), sum (d.status = 'won'),
  sum (d.status = 'lost') FROM deal d LEFT JOIN client c ON c.id = d.client_id
  LEFT JOIN segment seg ON seg.id = c.segment_id WHERE d.deleted_at IS NULL
  AND d.status <> 'open' AND d.closed_on >= '2026-11-01' AND d.closed_on < '2026-12-01' GROUP BY 1;
SELECT k, sum (CASE WHEN status = 'won' THEN amount END), sum (status = 'won'), sum (status = 'lost')
  FROM (SELECT d.id, d.status, p.category AS k, coalesce (sum (l.amount), d.amount) AS amount
  FROM deal d LEFT JOIN deal_line l ON l.deal_id = d.id AND l.deleted_at IS NULL
  LEFT JOIN product p ON p.id = l.product_id WHERE d.deleted_at IS NULL AND d.status <> 'open'
  AND d.closed_on >= '2026-11-01' AND d.closed_on < '2026-12-01' GROUP BY d.id, k) GROUP BY k;
SELECT c.region, sum (CASE WHEN d.status = 'won' THEN d.amount END), sum (d.status = 'won'),
  sum (d.status = 'lost') FROM deal d LEFT JOIN client c ON c.id = d.client_id
  WHERE d.deleted_at IS NULL AND d.status <> 'open'
  AND d.closed_on >= '2026-11-01' AND d.closed_on < '2026-12-01' GROUP BY 1;
SELECT m.name, sum (CASE WHEN d.status = 'won' THEN d.amount END), sum (d.status = 'won'),
  sum (d.status = 'lost') FROM deal d LEFT JOIN member m ON m.id = d.owner_id
  WHERE d.deleted_at IS NULL AND d.status <> 'open'
  AND d.closed_on >= '2026-11-01' AND d.closed_on < '2026-12-01' GROUP BY 1;
SELECT ch.name, sum (CASE WHEN d.status = 'won' THEN d.amount END), sum (d.status = 'won'),
  sum (d.status = 'lost') FROM deal d LEFT JOIN client c ON c.id = d.client_id
  LEFT JOIN channel ch ON ch.id = coalesce (d.channel_id, c.channel_id)
  WHERE d.deleted_at IS NULL AND d.status <> 'open'
  AND d.closed_on >= '2026-11-01' AND d.closed_on < '2026-12-01' GROUP BY 1;

-- the same figures from the monthly summaries (what Pilote reads)
SELECT sum (revenue), sum (cost), sum (won), sum (lost), total (cycle_days) FROM kpi_month
  WHERE dim = 0 AND month >= '2026-11' AND month < '2026-12';
SELECT month, sum (revenue), sum (cost), sum (won), sum (lost), total (cycle_days) FROM kpi_month
  WHERE dim = 0 AND month >= '2025-12' AND month < '2026-12' GROUP BY 1;
SELECT seg.name, sum (k.revenue), sum (k.won), sum (k.lost) FROM kpi_month k
  LEFT JOIN segment seg ON seg.id = k.key WHERE k.dim = 1 AND k.month = '2026-11' GROUP BY 1;

-- the open pipeline
SELECT count (*), sum (d.amount), total (d.amount * coalesce (d.probability, st.probability))
  FROM deal d JOIN stage st ON st.id = d.stage_id WHERE d.deleted_at IS NULL AND d.status = 'open';

-- clients of the last two years (active, churned, lifetime), as Pilote reads them
SELECT coalesce (sum (recent > 0), 0), total (recent_margin), coalesce (sum (earlier > 0), 0),
  coalesce (sum (earlier > 0 AND recent = 0), 0)
  FROM (SELECT d.client_id, sum (d.closed_on >= '2025-12-01') AS recent,
  sum (d.closed_on < '2025-12-01') AS earlier,
  total (CASE WHEN d.closed_on >= '2025-12-01' THEN d.amount - d.cost END) AS recent_margin
  FROM deal d INDEXED BY deal_client_won_on WHERE d.deleted_at IS NULL AND d.status = 'won'
  AND d.client_id IS NOT NULL AND d.closed_on >= '2024-12-01' AND d.closed_on < '2026-12-01'
  GROUP BY d.client_id);

-- the deals that entered each stage in the month, as Pilote reads them
SELECT st.id, (SELECT count (DISTINCT sc.deal_id) FROM stage_change sc
  WHERE sc.to_stage_id = st.id AND sc.changed_at >= '2026-11-01' AND sc.changed_at < '2026-12-01')
  FROM stage st WHERE st.deleted_at IS NULL AND st.kind <> 'lost';

-- the clients that did not renew, as Pilote reads them
SELECT c.id, c.name, x.last_on, x.earlier_revenue
  FROM (SELECT d.client_id, max (d.closed_on) AS last_on,
  sum (d.closed_on >= '2025-11-29') AS recent,
  coalesce (sum (CASE WHEN d.closed_on < '2025-11-29' THEN d.amount END), 0) AS earlier_revenue
  FROM deal d INDEXED BY deal_client_won_on WHERE d.deleted_at IS NULL AND d.status = 'won'
  AND d.client_id IS NOT NULL AND d.closed_on >= '2024-11-29' AND d.closed_on < '2026-11-29'
  GROUP BY d.client_id) x JOIN client c ON c.id = x.client_id
  WHERE c.deleted_at IS NULL AND x.recent = 0 ORDER BY 4 DESC, 2 LIMIT 8;
