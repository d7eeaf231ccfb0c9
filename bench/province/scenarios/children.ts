import type { Pool } from 'pg';
import type { Scenario } from './scenario';
import { BenchActor, BenchContext, rotation } from './context';

/** Names as a hotline operator types them: no diacritics, one slip of the keyboard each. */
const QUERIES = ['nguyen vn an', 'tran thi thoa', 'le quag huy', 'pham ngoc lann', 'hoang mnh duc', 'vo thi hong nhungg'];

const CHILD_COLUMNS = [
  'id', 'province_code', 'commune_code', 'full_name', 'given_name', 'sex', 'date_of_birth', 'date_of_birth_estimated', 'address', 'caregivers',
  'special_circumstances', 'ethnicity', 'created_by', 'created_at', 'updated_at', 'version',
] as const; // prettier-ignore
const FOLDED = 'haven_fold("child"."full_name")';

/** childScopeCondition for the manager (the province) and commune staff (their communes). */
function childScope(actor: BenchActor, values: unknown[]): string {
  const p = (v: unknown) => `$${values.push(v)}`;
  return actor.role === 'manager'
    ? `"child"."province_code" = ${p(actor.provinceCode)}`
    : `"child"."commune_code" IN (${actor.communeCodes.map(p).join(', ')})`;
}

/**
 * ChildrenSearchService.search as TypeORM sends it: the page (ranked by trigram similarity) and
 * the total (getCount), side by side on the pool as the service's Promise.all runs them.
 */
export function childSearchQueries(actor: BenchActor, q: string): { text: string; values: unknown[] }[] {
  const like = `%${q.replace(/[\\%_]/g, '\\$&')}%`;
  const pageValues: unknown[] = [q];
  const pageScope = childScope(actor, pageValues);
  const likeParam = `$${pageValues.push(like)}`;
  const page = `SELECT ${CHILD_COLUMNS.map((c) => `"child"."${c}" AS "child_${c}"`).join(', ')}, similarity(${FOLDED}, haven_fold($1)) AS "rank"
    FROM "child" "child" WHERE ${pageScope} AND (${FOLDED} % haven_fold($1) OR ${FOLDED} LIKE haven_fold(${likeParam}))
    ORDER BY "rank" DESC, "child"."full_name" ASC, "child"."id" ASC LIMIT 20 OFFSET 0`;
  const countValues: unknown[] = [];
  const countScope = childScope(actor, countValues);
  const qParam = `$${countValues.push(q)}`;
  const likeCount = `$${countValues.push(like)}`;
  const count = `SELECT COUNT(1) AS "cnt" FROM "child" "child" WHERE ${countScope} AND (${FOLDED} % haven_fold(${qParam}) OR ${FOLDED} LIKE haven_fold(${likeCount}))`;
  return [
    { text: page, values: pageValues },
    { text: count, values: countValues },
  ];
}

export const childSearch: Scenario = {
  name: 'child-search',
  description: `GET /children?q=<name without diacritics, with a typo> as the manager, rotating over ${QUERIES.length} names`,
  target: { p99Ms: 100 },
  prepare(ctx: BenchContext) {
    const nextHttp = rotation(QUERIES);
    const nextSql = rotation(QUERIES.map((q) => ({ q, queries: childSearchQueries(ctx.manager, q) })));
    return {
      http: { method: 'GET', next: () => ({ path: `/api/v1/children?q=${encodeURIComponent(nextHttp())}`, token: ctx.manager.token }) },
      sql: async (pool: Pool) => {
        const v = nextSql();
        await Promise.all(v.queries.map((query) => pool.query(query.text, query.values)));
        return v.q;
      },
    };
  },
};
