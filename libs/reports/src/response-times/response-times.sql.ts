import type { DeadlineKind, Scope } from '@haven/domain';
import { localDateOf, startOfLocalDay } from '@haven/domain';
import { scopeCondition, SqlParams, SqlQuery } from '../common/report-sql';
import { FACT_BUCKET, FACT_MONTH, FACT_OUTCOME } from './deadline-facts';
import type { ResponseTimeGroup } from './response-times.dto';

export interface ResponseTimesFilters {
  from: Date;
  to: Date;
  groupBy: ResponseTimeGroup[];
  communeCode?: string;
  kind?: DeadlineKind;
}

/** The first day (Vietnam time) of the month after the one `day` falls in. */
function nextMonth(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * The whole months (Vietnam time) inside [from, to): the rollup answers for them; the deadline rows
 * answer for the edges. `fromMonth === toMonth` when there is none.
 */
export function wholeMonths(from: Date, to: Date): { fromMonth: string; toMonth: string; fullFrom: Date; fullTo: Date } {
  const fromDay = localDateOf(from);
  let fromMonth = `${fromDay.slice(0, 8)}01`;
  if (startOfLocalDay(fromMonth).getTime() !== from.getTime()) fromMonth = nextMonth(fromDay);
  const toMonth = `${localDateOf(to).slice(0, 8)}01`;
  if (toMonth <= fromMonth) return { fromMonth: toMonth, toMonth, fullFrom: to, fullTo: to };
  return { fromMonth, toMonth, fullFrom: startOfLocalDay(fromMonth), fullTo: startOfLocalDay(toMonth) };
}

/**
 * Response times from the deadline rows, which the case and referral commands write in their own
 * transactions: `counted_from` (receipt, submission, referral, …) and `met_at` (when the command
 * that did the work committed). No user can edit either. A deadline belongs to the period in
 * which it started counting.
 *
 * At a province's scale the whole months of the period come from `deadline_rollup` (met and
 * cancelled deadlines folded by the worker, see the ResponseTimeRollup migration); open deadlines,
 * deadlines not folded yet and the partial months at the period's edges come from their rows.
 * Durations are bucketed the same way on both paths, and the percentiles are `percentile_disc`
 * over the buckets: the lower bound of the bucket holding the p-th duration.
 */
export function responseTimesQueries(scope: Scope, q: ResponseTimesFilters, now: Date): SqlQuery[] {
  const p = new SqlParams();
  const nowParam = p.add(now);
  const months = wholeMonths(q.from, q.to);
  const from = p.add(q.from);
  const to = p.add(q.to);
  const fullFrom = p.add(months.fullFrom);
  const fullTo = p.add(months.fullTo);
  const filters = (alias: string): string =>
    [scopeCondition(scope, alias, p), q.communeCode ? `${alias}.commune_code = ${p.add(q.communeCode)}` : '', q.kind ? `${alias}.kind = ${p.add(q.kind)}` : '']
      .filter(Boolean)
      .join(' AND ');
  const rows = (where: string) =>
    `SELECT d.kind, d.commune_code, ${FACT_MONTH('d')} AS month, ${FACT_OUTCOME('d', nowParam)} AS outcome, ${FACT_BUCKET('d')} AS bucket, 1 AS n
       FROM deadline d WHERE ${filters('d')} AND ${where}`;
  const facts = [
    `SELECT r.kind, r.commune_code, r.month, r.outcome, r.bucket, r.n FROM deadline_rollup r
      WHERE ${filters('r')} AND r.month >= ${p.add(months.fromMonth)}::date AND r.month < ${p.add(months.toMonth)}::date`,
    rows(`d.counted_from >= ${from} AND d.counted_from < ${fullFrom}`),
    rows(`d.counted_from >= ${fullTo} AND d.counted_from < ${to}`),
    // Open ones: only what their index holds, so the scan never visits the table.
    `SELECT d.kind, d.commune_code, ${FACT_MONTH('d')} AS month,
            CASE WHEN d.due_at < ${nowParam} THEN 'open_overdue' ELSE 'open_not_due' END AS outcome, 0 AS bucket, 1 AS n
       FROM deadline d WHERE ${filters('d')} AND d.status = 'open' AND d.counted_from >= ${fullFrom} AND d.counted_from < ${fullTo}`,
    rows(`d.status <> 'open' AND NOT d.rolled_up AND d.counted_from >= ${fullFrom} AND d.counted_from < ${fullTo}`),
  ].join('\n      UNION ALL\n      ');

  const dims = ['kind', ...(q.groupBy.includes('commune') ? ['commune_code'] : []), ...(q.groupBy.includes('month') ? ['month'] : [])];
  const d = dims.join(', ');
  const met = `outcome IN ('met_on_time', 'met_late')`;
  const text = `WITH facts AS (
      ${facts}
    ), grouped AS (
      SELECT ${d}, outcome, bucket, sum(n)::int AS n FROM facts GROUP BY ${d}, outcome, bucket
    ), counts AS (
      SELECT ${d}, sum(n)::int AS total,
             COALESCE(sum(n) FILTER (WHERE ${met}), 0)::int AS met,
             COALESCE(sum(n) FILTER (WHERE outcome = 'met_on_time'), 0)::int AS met_on_time,
             COALESCE(sum(n) FILTER (WHERE outcome = 'open_overdue'), 0)::int AS open_overdue,
             COALESCE(sum(n) FILTER (WHERE outcome = 'open_not_due'), 0)::int AS open_not_due,
             COALESCE(sum(n) FILTER (WHERE outcome = 'cancelled'), 0)::int AS cancelled
        FROM grouped GROUP BY ${d}
    ), cumulative AS (
      SELECT ${d}, bucket, sum(n) OVER (PARTITION BY ${d} ORDER BY bucket) AS c, sum(n) OVER (PARTITION BY ${d}) AS t
        FROM (SELECT ${d}, bucket, sum(n) AS n FROM grouped WHERE ${met} GROUP BY ${d}, bucket) m
    ), percentiles AS (
      SELECT ${d}, min(bucket) FILTER (WHERE c >= 0.5 * t) AS p50, min(bucket) FILTER (WHERE c >= 0.9 * t) AS p90 FROM cumulative GROUP BY ${d}
    )
    SELECT k.kind${q.groupBy.includes('commune') ? ', k.commune_code, cm.name AS commune_name' : ''}${q.groupBy.includes('month') ? `, to_char(k.month, 'YYYY-MM') AS month` : ''},
           k.total, k.met, k.met_on_time, k.open_overdue, k.open_not_due, k.cancelled, pc.p50, pc.p90
      FROM counts k LEFT JOIN percentiles pc USING (${d})
      ${q.groupBy.includes('commune') ? 'JOIN commune cm ON cm.code = k.commune_code' : ''}
     ORDER BY ${dims.map((x) => `k.${x}`).join(', ')}`;
  return [{ text, values: p.values }];
}
