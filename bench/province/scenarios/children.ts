import type { Pool } from 'pg';
import type { Scenario } from './scenario';
import { childScopeOf } from '@haven/domain';
import { scopeSql } from '@haven/platform';
import { BenchActor, BenchContext, paramsInto, rotation, scopeActorOf } from './context';

/** Names as a hotline operator types them: no diacritics, one slip of the keyboard each. */
const QUERIES = ['nguyen vn an', 'tran thi thoa', 'le quag huy', 'pham ngoc lann', 'hoang mnh duc', 'vo thi hong nhungg'];

const CHILD_COLUMNS = [
  'id', 'province_code', 'commune_code', 'full_name', 'given_name', 'sex', 'date_of_birth', 'date_of_birth_estimated', 'address', 'caregivers',
  'special_circumstances', 'ethnicity', 'created_by', 'created_at', 'updated_at', 'version',
] as const; // prettier-ignore
const FOLDED = 'haven_fold("child"."full_name")';

/** ChildrenSearchService's scope: childScopeOf rendered by scopeSql, as the service renders it. */
function childScope(actor: BenchActor, values: unknown[]): string {
  return scopeSql(childScopeOf(scopeActorOf(actor)), { province: '"child"."province_code"', commune: '"child"."commune_code"' }, paramsInto(values));
}

/** SEARCH_STRONG_THRESHOLDS, SEARCH_TOTAL_CAP and the default page of ChildrenSearchService.search. */
const STRONG_THRESHOLDS = [0.7, 0.6] as const;
const TOTAL_CAP = 1000;
const OFFSET = 0;
const PAGE_SIZE = 20;

type Statement = { text: string; values: unknown[] };

/** ChildrenSearchService.ranked: one page of ids, best match first, and the matches counted up to the cap + 1. */
function ranked(actor: BenchActor, q: string, condition: (values: unknown[], qParam: string) => string): Statement {
  const values: unknown[] = [q];
  const scope = childScope(actor, values);
  const sql = `SELECT "child"."id" AS "id", "child"."full_name" AS "full_name", similarity(${FOLDED}, haven_fold($1)) AS "rank" FROM "child" "child" WHERE ${scope} AND ${condition(values, '$1')} ORDER BY "rank" DESC, "child"."full_name" ASC, "child"."id" ASC LIMIT ${Math.max(OFFSET + PAGE_SIZE, TOTAL_CAP + 1)}`;
  const offset = `$${values.push(OFFSET)}`;
  const limit = `$${values.push(PAGE_SIZE)}`;
  return {
    text: `WITH ranked AS (${sql})
       SELECT (SELECT count(*) FROM ranked)::int AS matches,
              ARRAY(SELECT id::text FROM ranked ORDER BY rank DESC, full_name, id OFFSET ${offset} LIMIT ${limit}) AS ids`,
    values,
  };
}

/** ChildrenSearchService.matching: similar at the session's threshold, or containing `q`. */
const matching =
  (q: string) =>
  (values: unknown[], qParam: string): string =>
    `(${FOLDED} % haven_fold(${qParam}) OR ${FOLDED} LIKE haven_fold($${values.push(`%${q.replace(/[\\%_]/g, '\\$&')}%`)}))`;

/**
 * The statements of ChildrenSearchService.search with `q`, as TypeORM sends them, all on one
 * connection in one read-only REPEATABLE READ transaction: the strong searches (similarity 0.7,
 * then 0.6, set with set_config(..., true)), the fallback at pg_trgm's default threshold, the
 * count capped at 1,000 + 1, and the page's children by id.
 */
export function childSearchQueries(actor: BenchActor, q: string) {
  const countValues: unknown[] = [];
  const countScope = childScope(actor, countValues);
  const qParam = `$${countValues.push(q)}`;
  return {
    begin: ['START TRANSACTION', 'SET TRANSACTION ISOLATION LEVEL REPEATABLE READ', 'SET TRANSACTION READ ONLY; SET LOCAL jit = off'],
    threshold: `SELECT set_config('pg_trgm.similarity_threshold', $1, true)`,
    strong: ranked(actor, q, (_values, p) => `${FOLDED} % haven_fold(${p})`),
    resetThreshold: 'SET LOCAL pg_trgm.similarity_threshold TO DEFAULT',
    all: ranked(actor, q, matching(q)),
    count: {
      text: `SELECT count(*)::int AS matches FROM (SELECT 1 FROM "child" "child" WHERE ${countScope} AND ${matching(q)(countValues, qParam)} LIMIT ${TOTAL_CAP + 1}) capped`,
      values: countValues,
    },
  };
}

/** ChildrenSearchService.byIds: the repository's findBy({ id: In(ids) }). */
function byIds(ids: string[]): Statement {
  const columns = CHILD_COLUMNS.map((c) => `"ChildEntity"."${c}" AS "ChildEntity_${c}"`).join(', ');
  return {
    text: `SELECT ${columns} FROM "child" "ChildEntity" WHERE (("ChildEntity"."id" IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})))`,
    values: ids,
  };
}

/** The service's control flow on one pooled connection: the same statements in the same order, COMMIT or ROLLBACK. */
async function childSearchOnce(pool: Pool, queries: ReturnType<typeof childSearchQueries>): Promise<void> {
  const client = await pool.connect();
  const page = async (s: Statement) => (await client.query<{ matches: number; ids: string[] }>(s.text, s.values)).rows[0];
  const children = async (ids: string[]) => {
    if (ids.length > 0) await client.query(byIds(ids).text, ids);
  };
  try {
    for (const statement of queries.begin) await client.query(statement);
    const search = async (): Promise<void> => {
      for (const threshold of STRONG_THRESHOLDS) {
        await client.query(queries.threshold, [String(threshold)]);
        const strong = await page(queries.strong);
        if (strong.matches < OFFSET + PAGE_SIZE) continue;
        await children(strong.ids);
        if (strong.matches > TOTAL_CAP) return;
        await client.query(queries.resetThreshold);
        await client.query(queries.count.text, queries.count.values);
        return;
      }
      await client.query(queries.resetThreshold);
      await children((await page(queries.all)).ids);
    };
    await search();
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
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
        await childSearchOnce(pool, v.queries);
        return v.q;
      },
    };
  },
};
