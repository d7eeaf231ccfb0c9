import type { Scope } from '@haven/domain';
import { scopeSql } from '@haven/platform';
import { scopeCondition, SqlParams, SqlQuery } from '../common/report-sql';
import type { CaseloadGroup, CaseloadQueryDto } from './caseload.dto';

export type CaseloadFilters = Pick<CaseloadQueryDto, 'groupBy' | 'communeCode' | 'assigneeId' | 'stage' | 'riskLevel' | 'concernType'>;

const GROUP_COLUMNS: Record<CaseloadGroup, string> = {
  assignee: 'c.assignee_id',
  commune: 'c.commune_code',
  stage: 'c.stage',
  riskLevel: 'c.risk_level',
};
const GROUP_ALIASES: Record<CaseloadGroup, string> = { assignee: 'assignee_id', commune: 'commune_code', stage: 'stage', riskLevel: 'risk_level' };

/** The open cases in scope matching the filters (alias `c`). */
function openCases(scope: Scope, q: CaseloadFilters, p: SqlParams, options: { assignee: boolean }): string {
  const where = [`c.stage <> 'closed'`, scopeCondition(scope, 'c', p)];
  if (q.communeCode) where.push(`c.commune_code = ${p.add(q.communeCode)}`);
  if (q.assigneeId && options.assignee) where.push(`c.assignee_id = ${p.add(q.assigneeId.toLowerCase())}`);
  if (q.stage) where.push(`c.stage = ${p.add(q.stage)}`);
  if (q.riskLevel) where.push(`c.risk_level = ${p.add(q.riskLevel)}`);
  if (q.concernType) where.push(`c.concern_types @> ARRAY[${p.add(q.concernType)}]::text[]`);
  return where.join(' AND ');
}

/**
 * The caseload report's two statements: open cases by the requested groups (overdue: a deadline
 * of the case is past due, i.e. `next_due_at` before now, the case lists' rule), and each active
 * caseworker's open cases in each of their communes next to the commune's average (open cases
 * assigned to the commune's active caseworkers / their number, so a caseworker without cases
 * counts, and the same filters apply; `assigneeId` picks the caseworker, not the average's base).
 */
export function caseloadQueries(scope: Scope, q: CaseloadFilters, now: Date): SqlQuery[] {
  const groups = q.groupBy ?? [];
  const g = new SqlParams();
  const nowParam = g.add(now);
  const dims = groups.map((d) => `${GROUP_COLUMNS[d]} AS ${GROUP_ALIASES[d]}`);
  const grouped = `SELECT ${[...dims, 'count(*)::int AS open', `count(*) FILTER (WHERE c.next_due_at < ${nowParam})::int AS overdue`].join(', ')}
      FROM "case" c WHERE ${openCases(scope, q, g, { assignee: true })}
      ${groups.length ? `GROUP BY ${groups.map((d) => GROUP_COLUMNS[d]).join(', ')}` : ''}`;
  const labels = [
    groups.includes('assignee') ? 'LEFT JOIN app_user u ON u.id = r.assignee_id' : '',
    groups.includes('commune') ? 'LEFT JOIN commune cm ON cm.code = r.commune_code' : '',
  ].join(' ');
  const labelColumns = [groups.includes('assignee') ? 'u.full_name AS assignee_name' : '', groups.includes('commune') ? 'cm.name AS commune_name' : '']
    .filter(Boolean)
    .map((c) => `, ${c}`)
    .join('');
  const order = groups.length ? `ORDER BY ${groups.map((d) => `r.${GROUP_ALIASES[d]} NULLS FIRST`).join(', ')}` : '';
  const first: SqlQuery = { text: `SELECT r.*${labelColumns} FROM (${grouped}) r ${labels} ${order}`, values: g.values };

  const w = new SqlParams();
  const wNow = w.add(now);
  // The caseworkers of the scope's communes (or province), by the communes they work in.
  const staffScope = scopeSql(scope, { province: 'u.province_code', commune: 'uc.commune_code' }, w);
  const staffCommune = q.communeCode ? `AND uc.commune_code = ${w.add(q.communeCode)}` : '';
  const load = openCases(scope, q, w, { assignee: false });
  const pick = q.assigneeId ? `WHERE l.assignee_id = ${w.add(q.assigneeId.toLowerCase())}` : '';
  const second: SqlQuery = {
    text: `WITH staff AS (
        SELECT uc.commune_code, u.id AS assignee_id, u.full_name
          FROM user_commune uc JOIN app_user u ON u.id = uc.user_id
         WHERE u.role = 'caseworker' AND u.active AND ${staffScope} ${staffCommune}
      ), counts AS (
        SELECT c.commune_code, c.assignee_id, count(*)::int AS open, count(*) FILTER (WHERE c.next_due_at < ${wNow})::int AS overdue
          FROM "case" c WHERE ${load} AND c.assignee_id IS NOT NULL GROUP BY c.commune_code, c.assignee_id
      ), loads AS (
        SELECT s.assignee_id, s.full_name AS assignee_name, s.commune_code, COALESCE(k.open, 0) AS open, COALESCE(k.overdue, 0) AS overdue,
               avg(COALESCE(k.open, 0)) OVER (PARTITION BY s.commune_code) AS commune_average
          FROM staff s LEFT JOIN counts k ON k.commune_code = s.commune_code AND k.assignee_id = s.assignee_id
      )
      SELECT l.*, cm.name AS commune_name FROM loads l JOIN commune cm ON cm.code = l.commune_code ${pick}
       ORDER BY l.commune_code, l.open DESC, l.assignee_name, l.assignee_id`,
    values: w.values,
  };
  return [first, second];
}
