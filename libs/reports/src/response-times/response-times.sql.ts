import type { DeadlineKind } from '@haven/domain';
import { monthOf, ReportScope, scopeCondition, SqlParams, SqlQuery } from '../common/report-sql';
import type { ResponseTimeGroup } from './response-times.dto';

export interface ResponseTimesFilters {
  from: Date;
  to: Date;
  groupBy: ResponseTimeGroup[];
  communeCode?: string;
  kind?: DeadlineKind;
}

/**
 * Response times from the deadline rows, which the case and referral commands write in their own
 * transactions: `counted_from` (receipt, submission, referral, …) and `met_at` (when the command
 * that did the work committed). No user can edit either. A deadline belongs to the period in
 * which it started counting. Percentiles are `percentile_disc`: a duration that really happened.
 */
export function responseTimesQueries(scope: ReportScope, q: ResponseTimesFilters, now: Date): SqlQuery[] {
  const p = new SqlParams();
  const nowParam = p.add(now);
  const where = [scopeCondition(scope, 'd', p), `d.counted_from >= ${p.add(q.from)}`, `d.counted_from < ${p.add(q.to)}`];
  if (q.communeCode) where.push(`d.commune_code = ${p.add(q.communeCode)}`);
  if (q.kind) where.push(`d.kind = ${p.add(q.kind)}`);
  const dims = ['d.kind', ...(q.groupBy.includes('commune') ? ['d.commune_code'] : []), ...(q.groupBy.includes('month') ? [monthOf('d.counted_from')] : [])];
  const names = ['kind', ...(q.groupBy.includes('commune') ? ['commune_code'] : []), ...(q.groupBy.includes('month') ? ['month'] : [])];
  const taken = `extract(epoch FROM d.met_at - d.counted_from)`;
  const met = `d.status = 'met'`;
  const text = `SELECT r.*${q.groupBy.includes('commune') ? ', cm.name AS commune_name' : ''} FROM (
      SELECT ${dims.map((d, i) => `${d} AS ${names[i]}`).join(', ')},
             count(*)::int AS total,
             count(*) FILTER (WHERE ${met})::int AS met,
             count(*) FILTER (WHERE ${met} AND d.met_at <= d.due_at)::int AS met_on_time,
             count(*) FILTER (WHERE d.status = 'open' AND d.due_at < ${nowParam})::int AS open_overdue,
             count(*) FILTER (WHERE d.status = 'open' AND d.due_at >= ${nowParam})::int AS open_not_due,
             count(*) FILTER (WHERE d.status = 'cancelled')::int AS cancelled,
             percentile_disc(0.5) WITHIN GROUP (ORDER BY ${taken}) FILTER (WHERE ${met}) AS p50,
             percentile_disc(0.9) WITHIN GROUP (ORDER BY ${taken}) FILTER (WHERE ${met}) AS p90
        FROM deadline d WHERE ${where.join(' AND ')}
       GROUP BY ${dims.join(', ')}
    ) r ${q.groupBy.includes('commune') ? 'JOIN commune cm ON cm.code = r.commune_code' : ''}
    ORDER BY ${names.map((n) => `r.${n}`).join(', ')}`;
  return [{ text, values: p.values }];
}
