import type { Pool, PoolClient } from 'pg';
import type { Scenario } from './scenario';
import { caseScopeOf } from '@haven/domain';
import { scopeSql } from '@haven/platform';
import { BenchActor, BenchContext, paramsInto, randomOf, rotation, scopeActorOf } from './context';

/*
 * The SQL of CaseQueryService and CaseAccessService as TypeORM sends it (captured from the
 * server's statement log): the same columns, joins, scope conditions, filters, order and paging,
 * so the baseline does the database's share of the work and nothing else.
 */

const CASE_COLUMNS = [
  'id', 'case_number', 'province_code', 'commune_code', 'child_id', 'stage', 'risk_level', 'immediate_danger', 'concern_types', 'channel',
  'received_at', 'reporter', 'incident_occurred_at', 'incident_commune_code', 'incident_description', 'created_by', 'assignee_id', 'opened_at',
  'closed_at', 'has_initial_assessment', 'has_needs_assessment', 'last_review_still_at_risk', 'emergency_measures_count', 'approved_plan_version',
  'closure_request_reason', 'closure_requested_by', 'closure_request_note', 'closure_reason', 'closure_approved_by', 'reopen_count', 'next_due_at',
  'updated_at', 'version',
] as const; // prettier-ignore
const SELECT_CASE = CASE_COLUMNS.map((c) => `"c"."${c}" AS "c_${c}"`).join(', ');
const SELECT_JOINED = `${SELECT_CASE}, "ch"."id" AS child_id, "ch"."full_name" AS child_full_name, "ch"."sex" AS child_sex, "ch"."commune_code" AS child_commune_code, to_char("ch"."date_of_birth", 'YYYY-MM-DD') AS "child_date_of_birth", "ch"."date_of_birth_estimated" AS "child_date_of_birth_estimated", "a"."full_name" AS "assignee_full_name"`;
const FROM_JOINED = `FROM "case" "c" INNER JOIN "child" "ch" ON "ch"."id" = "c"."child_id"  LEFT JOIN "app_user" "a" ON "a"."id" = "c"."assignee_id"`;

/** CaseAccessService's scope: caseScopeOf rendered by scopeSql, as the service renders it. */
function caseScope(actor: BenchActor, values: unknown[]): string {
  const columns = { province: '"c"."province_code"', commune: '"c"."commune_code"', assignee: '"c"."assignee_id"', creator: '"c"."created_by"' };
  return scopeSql(caseScopeOf(scopeActorOf(actor)), columns, paramsInto(values));
}

export interface CaseListFilters {
  stage?: string;
  riskLevel?: string;
  concernType?: string;
  overdue?: boolean;
  openedFrom?: string;
}

/**
 * CaseQueryService.list: the total (COUNT(*) on the case table alone) and the page (the page's
 * ids picked on the case table alone, joined to child and assignee), side by side on the pool as
 * the service's Promise.all runs them. Both take the same conditions and values.
 */
export function caseListQueries(
  actor: BenchActor,
  f: CaseListFilters,
): { count: { text: string; values: unknown[] }; page: { text: string; values: unknown[] } } {
  const values: unknown[] = [];
  const p = (v: unknown) => `$${values.push(v)}`;
  const where = [caseScope(actor, values)];
  if (f.stage) where.push(`"c"."stage" = ${p(f.stage)}`);
  if (f.riskLevel) where.push(`"c"."risk_level" = ${p(f.riskLevel)}`);
  if (f.concernType) where.push(`"c"."concern_types" @> ARRAY[${p(f.concernType)}]::text[]`);
  if (f.overdue === true) where.push(`"c"."stage" <> 'closed' AND "c"."next_due_at" < now()`);
  // The API's DTO turns the date into a Date, which pg sends as a timestamp with its offset.
  if (f.openedFrom) where.push(`"c"."opened_at" >= ${p(new Date(f.openedFrom))}`);
  const condition = where.join(' AND ');
  const order = `ORDER BY "c"."opened_at" DESC, "c"."id" DESC`;
  const pageIds = `SELECT "c"."id" AS "id" FROM "case" "c" WHERE ${condition} ${order} LIMIT 20 OFFSET 0`;
  return {
    count: { text: `SELECT COUNT(*) AS "total" FROM "case" "c" WHERE ${condition}`, values },
    page: { text: `SELECT ${SELECT_JOINED} ${FROM_JOINED}  INNER JOIN (${pageIds}) "page" ON page.id = "c"."id" ${order}`, values },
  };
}

const toQuery = (f: CaseListFilters) =>
  Object.entries(f)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

const FILTERS: { label: string; filters: CaseListFilters }[] = [
  { label: 'intervention+high', filters: { stage: 'intervention', riskLevel: 'high' } },
  { label: 'overdue', filters: { overdue: true } },
  { label: 'neglect since 2026-01-01', filters: { concernType: 'neglect', openedFrom: '2026-01-01' } },
];

export const caseList: Scenario = {
  name: 'case-list',
  description: 'GET /cases with filters, as a one-commune supervisor and as the manager, rotating over 3 filter sets',
  target: { p99Ms: 100 },
  prepare(ctx: BenchContext) {
    const variants = [ctx.supervisor, ctx.manager].flatMap((actor) =>
      FILTERS.map(({ label, filters }) => ({ actor, filters, label: `${actor.role} ${label}`, queries: caseListQueries(actor, filters) })),
    );
    const nextHttp = rotation(variants);
    const nextSql = rotation(variants);
    return {
      http: { method: 'GET', next: () => ((v) => ({ path: `/api/v1/cases?${toQuery(v.filters)}`, token: v.actor.token }))(nextHttp()) },
      sql: async (pool: Pool) => {
        const v = nextSql();
        await Promise.all([pool.query(v.queries.count.text, v.queries.count.values), pool.query(v.queries.page.text, v.queries.page.values)]);
        return v.label;
      },
    };
  },
};

/** CaseQueryService.load: the case with its child, assignee and creator; its consents; its open deadlines (DeadlineQueryService.forCase). */
export async function loadCaseDetail(db: Pool | PoolClient, caseId: string): Promise<void> {
  await db.query(
    `SELECT ${SELECT_JOINED}, "cr"."full_name" AS "creator_full_name" ${FROM_JOINED}  LEFT JOIN "app_user" "cr" ON "cr"."id" = "c"."created_by" WHERE "c"."id" = $1`,
    [caseId],
  );
  await db.query(`SELECT DISTINCT unnest(scopes) AS scope FROM consent WHERE case_id = $1 AND withdrawn_at IS NULL ORDER BY 1`, [caseId]);
  await db.query(
    `SELECT d.id, d.case_id, c.case_number, d.kind, d.variant, d.status, d.due_at, d.escalation_level, d.owner_id, o.full_name AS owner_full_name,
  d.referral_id, d.plan_action_id, d.next_step, d.next_step_at, d.commune_code, d.opened_at, d.met_at, d.cancelled_at FROM deadline d JOIN "case" c ON c.id = d.case_id LEFT JOIN app_user o ON o.id = d.owner_id WHERE d.case_id = $1 AND d.status = 'open'
        ORDER BY (d.status = 'open') DESC, d.due_at, d.id`,
    [caseId],
  );
}

/** CaseQueryService.get: CaseAccessService.requireCase (scoped), load, then the read's access log entry; each on the pool. */
async function caseDetail(pool: Pool, actor: BenchActor, caseId: string): Promise<void> {
  const values: unknown[] = [caseId];
  const scope = caseScope(actor, values);
  const found = await pool.query(`SELECT ${SELECT_CASE} FROM "case" "c" WHERE "c"."id" = $1 AND ${scope}`, values);
  if (found.rowCount === 0) throw new Error('case not in scope');
  await loadCaseDetail(pool, caseId);
  await pool.query(`INSERT INTO "case_access_log"("case_id", "actor_id", "at", "action", "what") VALUES ($1, $2, DEFAULT, $3, $4) RETURNING "id"`, [
    caseId,
    actor.id,
    'read',
    'case',
  ]);
}

export const caseDetailScenario: Scenario = {
  name: 'case-detail',
  description: 'GET /cases/:id as the manager, over 1,000 random cases of the province',
  target: {},
  prepare(ctx: BenchContext) {
    return {
      http: { method: 'GET', next: () => ({ path: `/api/v1/cases/${randomOf(ctx.caseIds)}`, token: ctx.manager.token }) },
      sql: async (pool: Pool) => {
        await caseDetail(pool, ctx.manager, randomOf(ctx.caseIds));
        return 'manager';
      },
    };
  },
};
