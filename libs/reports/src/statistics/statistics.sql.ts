import type { Scope } from '@haven/domain';
import { monthOf, scopeCondition, SqlParams, SqlQuery } from '../common/report-sql';
import type { StatisticsBreakdown } from './statistics.dto';

export interface StatisticsFilters {
  from: Date;
  to: Date;
  by: StatisticsBreakdown[];
  communeCode?: string;
}

const AGE = `date_part('year', age((k.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, k.date_of_birth))`;
const BREAKDOWN_SQL: Record<StatisticsBreakdown, { value: string; from?: string }> = {
  concernType: { value: 't.v', from: 'unnest(k.concern_types) AS t(v)' },
  sex: { value: 'k.sex' },
  ageGroup: {
    value: `CASE WHEN k.date_of_birth IS NULL THEN 'unknown' WHEN ${AGE} <= 5 THEN '0-5' WHEN ${AGE} <= 10 THEN '6-10'
                 WHEN ${AGE} <= 15 THEN '11-15' WHEN ${AGE} <= 17 THEN '16-17' ELSE '18+' END`,
  },
  commune: { value: 'k.commune_code' },
  month: { value: monthOf('k.received_at') },
  specialCircumstance: {
    value: 't.v',
    from: `unnest(CASE WHEN cardinality(k.special_circumstances) = 0 THEN ARRAY['none']::text[] ELSE k.special_circumstances END) AS t(v)`,
  },
};

/**
 * The statistics' three statements:
 * 1. the period's new cases (received in it) with their children, read once, then counted by each
 *    requested breakdown (`cases`, and `children` distinct);
 * 2. reopenings, closures and open cases from `case_episode` (the case's history, kept from its
 *    timeline);
 * 3. the closures' reasons.
 */
export function statisticsQueries(scope: Scope, q: StatisticsFilters, _now: Date): SqlQuery[] {
  const a = new SqlParams();
  const cohortWhere = [scopeCondition(scope, 'c', a), `c.received_at >= ${a.add(q.from)}`, `c.received_at < ${a.add(q.to)}`];
  if (q.communeCode) cohortWhere.push(`c.commune_code = ${a.add(q.communeCode)}`);
  // Cases per (value, child) first, then per value: two hash aggregates instead of a sort per DISTINCT.
  const grouped = (dim: string, value: string, from = '') =>
    `SELECT '${dim}' AS dim, v AS value, sum(n)::int AS cases, count(*)::int AS children
       FROM (SELECT ${value} AS v, k.child_id, count(*) AS n FROM cohort k${from ? `, ${from}` : ''} GROUP BY 1, 2) x GROUP BY v`;
  const parts = [grouped('total', `''`)];
  for (const dim of q.by) parts.push(grouped(dim, BREAKDOWN_SQL[dim].value, BREAKDOWN_SQL[dim].from));
  const cohort: SqlQuery = {
    text: `WITH cohort AS MATERIALIZED (
        SELECT c.child_id, c.commune_code, c.concern_types, c.received_at, ch.sex, ch.date_of_birth, ch.special_circumstances
          FROM "case" c JOIN child ch ON ch.id = c.child_id
         WHERE ${cohortWhere.join(' AND ')}
      )
      SELECT r.*, cm.name AS label FROM (${parts.join('\nUNION ALL ')}) r
        LEFT JOIN commune cm ON r.dim = 'commune' AND cm.code = r.value
       ORDER BY r.dim, r.value`,
    values: a.values,
  };

  const e = new SqlParams();
  const scopeE = scopeCondition(scope, 'e', e) + (q.communeCode ? ` AND e.commune_code = ${e.add(q.communeCode)}` : '');
  const from = e.add(q.from);
  const to = e.add(q.to);
  const episodes: SqlQuery = {
    text: `SELECT
        (SELECT count(*) FROM case_episode e WHERE ${scopeE} AND e.seq > 1 AND e.opened_at >= ${from} AND e.opened_at < ${to})::int AS reopened,
        (SELECT count(*) FROM case_episode e WHERE ${scopeE} AND e.closed_at >= ${from} AND e.closed_at < ${to})::int AS closed,
        ((SELECT count(*) FROM case_episode e WHERE ${scopeE} AND e.closed_at IS NULL AND e.opened_at < ${to})
          + (SELECT count(*) FROM case_episode e WHERE ${scopeE} AND e.closed_at >= ${to} AND e.opened_at < ${to}))::int AS open_at_end,
        (SELECT count(DISTINCT x.case_id) FROM (
            SELECT e.case_id FROM case_episode e WHERE ${scopeE} AND e.closed_at IS NULL AND e.opened_at < ${to}
            UNION ALL
            SELECT e.case_id FROM case_episode e WHERE ${scopeE} AND e.closed_at >= ${from} AND e.opened_at < ${to}) x)::int AS open_during`,
    values: e.values,
  };

  const r = new SqlParams();
  const scopeR = scopeCondition(scope, 'e', r) + (q.communeCode ? ` AND e.commune_code = ${r.add(q.communeCode)}` : '');
  const reasons: SqlQuery = {
    text: `SELECT e.closure_reason AS reason, count(*)::int AS cases FROM case_episode e
            WHERE ${scopeR} AND e.closed_at >= ${r.add(q.from)} AND e.closed_at < ${r.add(q.to)}
            GROUP BY e.closure_reason ORDER BY cases DESC, reason`,
    values: r.values,
  };
  return [cohort, episodes, reasons];
}
